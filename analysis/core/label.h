/*
 * label: what a target counts, in words a reader understands — the action and its object
 * as the notice says it (新增托位, 培训救护师资, 学生心理健康测评, 惠及家庭), never a function
 * word, a bare generic noun or a place alone.
 *
 * targets.c cuts the phrases around a target out of its task text (struct label_in); the
 * rules here compose them.  All strings are UTF-8 as printed (parsing has already folded
 * full-width digits); the label keeps the printed characters.
 */
#ifndef YOY_LABEL_H
#define YOY_LABEL_H

#include "core/targets.h"

struct label_in {
	const char *before;     /* the clause before the number, from its start, the last 、
	                         * or the end of the target before it in the clause */
	const char *clause;     /* the whole clause before the number (、 not cutting it) */
	const char *after;      /* the noun phrase right after the number and its unit */
	const char *rest;       /* the clause after that noun phrase, to its end */
	const char *prev_clause;/* the clause before this one in the sentence ("" if none) */
	const char *next_clause;/* the clause after this one in the sentence ("" if none) */
	const char *prev_label; /* the label of the target before it in the sentence, or NULL */
	const char *prev_before;/* that target's `before`, or NULL */
	int enumerated;         /* it follows that target after 、 (100个口袋公园、10座体育公园) */
	int joined;             /* it follows that target's noun after 及 or 和 (21场…团辅活动及5个…) */
	const char *last_label; /* the label of the target before it in the task, or NULL */
	enum tkind kind;
	const char *per;        /* for a ratio, what it is per (每户, 每万人, 日均), else NULL */
	const char *item;       /* the item's name ("" if none) */
};

/* The label of a target; a malloc'd string, never empty when any text is at hand.  The
 * labels of inputs met before are remembered (thread-safe), until label_forget(). */
char *label_make(const struct label_in *in);
void label_forget(void);

/* Where a clause says its target is (在龙亭镇实施… → 龙亭镇, 西秀区完成… → 西秀区), to tell
 * apart targets whose labels are the same; malloc'd, or NULL. */
char *label_where(const char *clause);

#endif
