/*
 * compare: two task sets side by side.  Two years of one jurisdiction give, per item,
 * continued / renamed / merged / new / dropped, with the aligned targets of linked items
 * side by side; a city and one of its districts give child rows with the district's share.
 */
#ifndef YOY_COMPARE_H
#define YOY_COMPARE_H

#include <stddef.h>

#include "match.h"

struct compare_row {
	const char *status;             /* continued renamed merged new dropped child */
	const struct item *from, *to;   /* either may be NULL (new, dropped) */
	int tf, tt;                     /* target indexes, -1 for an item row */
	const struct series *series;    /* for target rows */
};

/*
 * Compare set A with set B.  Returns the number of rows (*ROWS malloc'd), or -1 with
 * *cause when the two sets are neither years of one jurisdiction nor a city and its
 * district.
 */
long compare_sets(const struct match *m, const struct set *a, const struct set *b,
                  struct compare_row **rows, char **cause);

#endif
