/*
 * match: which item of one set is which item of another (links), and which targets track
 * the same thing across sets (series).
 *
 * Items are compared as vectors of character bigrams of their name (weight 2), task
 * (weight 1) and units (weight 0.5), each bigram weighted by its rarity among the items of
 * the two sets compared (idf), so that 开展/建设/提升 weigh little and 心理健康/急救/托管 a
 * lot, and so that other sets in the catalog change nothing between two sets.  Within two
 * sets the one-to-one assignment is optimal (Hungarian algorithm), not greedy.
 */
#ifndef YOY_MATCH_H
#define YOY_MATCH_H

#include <stddef.h>

#include "core/corpus.h"

/* Score thresholds: an optimal pair at or above MATCH_SAME is the same item (or a child);
 * an unpaired item at or above MATCH_PART with an unpaired one is a part of it. */
#define MATCH_SAME 0.30
#define MATCH_PART 0.18

/* How two linked items relate (docs/design.md, "Alignment"). */
enum relation { REL_SAME, REL_PART, REL_CHILD };
const char *relation_name(enum relation r);   /* same, part, child */

struct link {
	struct item *from, *to;
	enum relation relation;
	double score;
	char *why;            /* the strongest shared terms, "心理健康 青少年"; NULL with no_why */
	int forced;           /* from aliases.csv */
};

struct series_member {
	struct item *item;
	int t;                /* index into item->targets.v */
};

struct series {
	char *id;             /* stable: "<set>:<seq>:<n>" of its first member */
	char *metric;         /* a readable name */
	char *unit;
	struct series_member *m;
	size_t n;             /* members ordered by year, then set */
};

/* What a row of aliases.csv says. */
enum alias_kind { ALIAS_LINK, ALIAS_NOLINK, ALIAS_SERIES, ALIAS_NOSERIES };

struct alias {
	enum alias_kind kind;
	struct item *a, *b;
	int ta, tb;           /* target indexes for series/noseries, else -1 */
	int line;
};

struct match {
	int no_why;           /* set before match_run: links without their why (not shown) */
	struct link *links;
	size_t nlinks, lcap;
	struct series *series;
	size_t nseries, scap;
	struct alias *aliases;
	size_t naliases;
	/* Where the matched corpus' items and targets stand, for match_series_of and
	 * match_links_of (compare, query and the report ask them of every target), by each
	 * item's number (its set's IBASE, then its place in the set): its first target's
	 * number (ITFIRST, one more for the count), each target's series (TSERIES, -1 for
	 * none), its links' indexes into links[], ascending, in lidx[lfirst[k] ..
	 * lfirst[k + 1]). */
	const struct set *sets;
	size_t nsets;
	size_t *ibase, *itfirst, *lfirst, *lidx;
	int *tseries;
};

/*
 * Read DIR/aliases.csv (kind,a,b; items as set:seq, targets as set:seq:n).  A missing
 * file is no aliases.  Returns -1 with "FILE:LINE: what" for a bad row or an unknown
 * reference.
 */
int match_aliases_load(struct match *m, struct corpus *c, char **cause);

/* Link the items of the corpus (targets must have been extracted) and build series. */
void match_run(struct match *m, struct corpus *c);
void match_release(struct match *m);

/* The series target T of item IT belongs to, or NULL. */
const struct series *match_series_of(const struct match *m, const struct item *it, int t);

/* The links of item IT: their indexes into m->links, ascending, in *IDX; returns how many. */
size_t match_links_of(const struct match *m, const struct item *it, const size_t **idx);

/* Similarity of two items in [0,1] as match_run scores it (for tests and `why`). */
double match_item_score(struct corpus *c, const struct item *a, const struct item *b);

/*
 * Optimal assignment: for an N×M score matrix S (row-major), fill ROW[i] with the column
 * assigned to row i (or -1) maximising the total score over pairs whose score is at least
 * MIN.  Exposed for tests.
 */
void match_assign(const double *s, size_t n, size_t m, double min, int *row);

/* Are two normalised units comparable (处 and 台 are; 个 and 平方米 are not)? */
int match_units_comparable(const char *a, const char *b);

#endif
