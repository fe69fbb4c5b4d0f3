/*
 * compare: two task sets side by side.  Two years of one jurisdiction give, per item,
 * continued / renamed / merged / new / dropped, with the aligned targets of linked items
 * side by side, the targets on one side only (new in B, or no longer in B) under their
 * item's status, and the targets of new and dropped items; a city and one of its districts
 * give child rows with the district's share.
 */
#ifndef YOY_COMPARE_H
#define YOY_COMPARE_H

#include <stddef.h>

#include "match.h"

struct compare_row {
	const char *status;             /* continued renamed merged new dropped child */
	const struct item *from, *to;   /* either may be NULL (new, dropped) */
	int tf, tt;                     /* target indexes, -1 for none: both -1 for an item
	                                 * row, one -1 for a target on one side only */
	const struct series *series;    /* the targets' series, or NULL */
};

/*
 * Compare set A with set B.  Returns the number of rows (*ROWS malloc'd), or -1 with
 * *cause when the two sets are neither years of one jurisdiction nor a city and its
 * district.
 */
long compare_sets(const struct match *m, const struct set *a, const struct set *b,
                  struct compare_row **rows, char **cause);

/* A row's cells as the listings print them: the metric (its series', else the target's
 * own), the unit (from→to when it changed), the values, the change or the district's
 * share, and flags (unit or qualifier changed; new target, dropped target). */
struct compare_cells {
	const char *metric;
	char unit[64], from_value[64], to_value[64], abs_change[64], pct_change[64], share[64];
	char flags[128];
};
void compare_cells(const struct compare_row *r, struct compare_cells *c);

#endif
