/*
 * targets: the number grammar of 重点民生实事 task text.  A target is a number the
 * notice commits to, with its unit (docs/design.md, "Targets"): 新增托位1.1万个 is 11000 个,
 * 200万名以上 is 2000000 名 with qualifier >=, 累计达到550个 is cumulative.
 *
 * Ages, years, frequencies, numbers in quotation marks or glued to Latin letters (5G, Z7),
 * ordinals and Chinese numerals that are part of a word (两癌, 四个环节) are not targets.
 */
#ifndef YOY_TARGETS_H
#define YOY_TARGETS_H

#include <stddef.h>

/* What kind of quantity a target is (docs/design.md, "Targets"). */
enum tkind { KIND_COUNT, KIND_AREA, KIND_LENGTH, KIND_PERCENT, KIND_RATIO, KIND_CUMULATIVE };
/* How the number bounds the target: =, >= (以上, 不少于), <= (以内, 不超过), ~ (约, 余). */
enum qual { QUAL_EQ, QUAL_GE, QUAL_LE, QUAL_ABOUT };

/* Their names in every output: count, area …; =, >=, <=, ~. */
const char *tkind_name(enum tkind k);
const char *qual_name(enum qual q);

struct target {
	int n;               /* 1-based position within the item */
	const char *metric;  /* what is counted: 口袋公园, 托位 (interned, base/memo.h) */
	double value;        /* 万/亿 multiplied out; for a range, the low end */
	double high;         /* for a range (3—5个) the high end, else equal to value */
	const char *unit;    /* normalised: 平方米, 公里, 套, 个, % ... (static: the unit
	                      * table's own strings, shared by every target) */
	enum qual qualifier;
	enum tkind kind;
	const char *raw;     /* the span in the task text: first digit through unit and 以上
	                      * (interned) */
	size_t offset;       /* byte offset of raw in the task text */
};

struct target_list {
	struct target *v;
	size_t n, cap;
};

/* Extract the targets of TASK into L (appended; L zero-initialised by the caller).  ITEM,
 * the item's name (or NULL), helps name what a generic target counts (label.h). */
void targets_extract(const char *task, const char *item, struct target_list *l);
void target_list_release(struct target_list *l);
/* TO (its list not kept) made a copy of FROM, to its size. */
void target_list_copy(struct target_list *to, const struct target_list *from);
/* The same in bulk memory (base/bulk.h), for a list kept as long as the process (a
 * corpus's): its CAP is 0, which tells target_list_release to leave it. */
void target_list_keep(struct target_list *to, const struct target_list *from);

/* Format a value exactly as yoy prints it: 1640000000, 3.7, 0.5 (no exponent, no
 * trailing zeros). BUF must hold 64 bytes. */
const char *target_value_str(double v, char *buf);

#endif
