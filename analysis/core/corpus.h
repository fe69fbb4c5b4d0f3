/*
 * corpus: the datasets folder: catalog.csv and one task-set CSV per set (docs/design.md).
 *
 * corpus_load() reads and checks everything; the corpus owns all strings and items, and
 * corpus_free() releases them (NULL-safe).
 */
#ifndef YOY_CORPUS_H
#define YOY_CORPUS_H

#include <stddef.h>

#include "base/pool.h"
#include "core/targets.h"

extern const char *const catalog_cols[];
#define CATALOG_NCOLS 10
extern const char *const task_cols[];
#define TASK_NCOLS 7

struct set;

struct item {
	struct set *set;
	char *seq, *section, *name, *units, *task, *deadline, *note;
	int line; /* line of the row in the task CSV */
	struct target_list targets; /* filled by corpus_targets() */
	int *target_lines;          /* for each target, its line in the raw notice, or NULL
	                             * (item_target_line) */
	/* By corpus_targets(): the item of the corpus with the same task and name whose
	 * targets this one's are a copy of (that item's own SAME is NULL); or NULL. */
	const struct item *same;
};

struct set {
	char *id;
	int year;
	char *jurisdiction, *level, *parent, *doc_number, *issued, *title, *raw, *tasks;
	int line;          /* line in catalog.csv */
	struct set *up;    /* the parent set, or NULL */
	struct item *items;
	size_t nitems;
	struct pool strings; /* the items' strings (the task file's fields) */
};

struct corpus {
	char *dir;
	struct set *sets;
	size_t nsets;
	struct set **byid;  /* the sets sorted by id, for corpus_set */
};

/* Load DIR/catalog.csv and every task CSV it names.  NULL with "FILE:LINE: what". */
struct corpus *corpus_load(const char *dir, char **cause);
void corpus_free(struct corpus *c);

/*
 * Extract the targets of every item.  With LINES, also the line of the raw notice each
 * number stands on (the notice is parsed again; where a set has no raw notice, or an
 * item's task was edited by hand, the line of the task CSV); without, every target's
 * line is the task CSV's (cheaper: the commands that print no line skip the notices).
 * Returns -1 with *cause if a raw notice cannot be parsed.
 */
int corpus_targets(struct corpus *c, int lines, char **cause);

/* The line target T of IT stands on: in the raw notice, or the item's own (see above). */
static inline int
item_target_line(const struct item *it, size_t t)
{
	return it->target_lines ? it->target_lines[t] : it->line;
}

/* The set with id ID, or NULL. */
struct set *corpus_set(const struct corpus *c, const char *id);

/* The item named REF, SET:SEQ, or with SET:SEQ:N its target N (its index in *T; else *T
 * is -1), or NULL: no such set, item or target, or REF is not of that shape. */
struct item *corpus_item(const struct corpus *c, const char *ref, int *t);

/* Does set S pass the filters: its id, its year (0: any), its jurisdiction's name or the
 * prefix of its ids (yubei for yubei-2025)?  NULL filters pass everything. */
int corpus_set_matches(const struct set *s, const char *id, int year, const char *jurisdiction);

/* The number of targets of S's items; of the corpus' items and targets. */
size_t set_ntargets(const struct set *s);
void corpus_count(const struct corpus *c, size_t *items, size_t *targets);

/* Path of a catalog-relative file (malloc'd): DIR/REL. */
char *corpus_path(const struct corpus *c, const char *rel);

#endif
