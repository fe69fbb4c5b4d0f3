/*
 * compare: two task sets side by side.  Two years of one jurisdiction give, per item,
 * continued / renamed / merged / new / dropped, with the aligned targets of linked items
 * side by side, the targets on one side only (new in B, or no longer in B) under their
 * item's status, and the targets of new and dropped items; a city and one of its districts
 * give child rows with the district's share.  The figures of each row are computed here,
 * once; core/rows.c formats them for every output.
 */
#ifndef YOY_COMPARE_H
#define YOY_COMPARE_H

#include <stddef.h>

#include "core/match.h"
#include "core/stats.h"

enum cstatus { ST_CONTINUED, ST_RENAMED, ST_MERGED, ST_NEW, ST_DROPPED, ST_CHILD };
#define NSTATUS 6
const char *cstatus_name(enum cstatus s);   /* continued, renamed … child */

struct compare_row {
	enum cstatus status;
	const struct item *from, *to;   /* either may be NULL (new, dropped) */
	int tf, tt;                     /* target indexes, -1 for none: both -1 for an item
	                                 * row, one -1 for a target on one side only */
	const struct series *series;    /* the targets' series, or NULL */
	/* For a target row with both sides: */
	double abs_change, pct_change;  /* year over year (NAN for child rows) */
	double share;                   /* district value / city value (child rows), else NAN */
	struct changes changes;         /* unit, qualifier; new or dropped target */
};

/*
 * Compare set A with set B.  Returns the number of rows (*ROWS malloc'd), or -1 with
 * *cause when the two sets are neither years of one jurisdiction nor a city and its
 * district.
 */
long compare_sets(const struct match *m, const struct set *a, const struct set *b,
                  struct compare_row **rows, char **cause);

/* How many items of each status ROWS holds (each item once). */
void compare_counts(const struct compare_row *rows, long n, size_t counts[NSTATUS]);

/* Two sets a whole comparison puts side by side: A the earlier year or the city. */
struct set_pair {
	const struct set *a, *b;
};

/*
 * The pairs every output of the whole comparison shows (the workbook's compare sheets,
 * the report, make run's compare CSVs): each jurisdiction's consecutive years, then each
 * district set against its parent city set, both in the order of the jurisdictions'
 * names (bytes) and the years.  Two sets of one jurisdiction and one year are no pair.
 * Returns how many; *OUT is malloc'd (the caller frees it).
 */
size_t compare_pairs(const struct corpus *c, struct set_pair **out);

#endif
