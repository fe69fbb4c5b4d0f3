/*
 * views: the rows of each listing (sets, items, targets, links, series, growth, shares),
 * built once and used by the listing commands, by `yoy sql` (its tables) and by the
 * report, so that no figure is computed twice.  Each fills a table (table_init'ed here;
 * the caller releases it) with the rows that pass the filters of LO (NULL: all rows).
 */
#ifndef YOY_VIEWS_H
#define YOY_VIEWS_H

#include "cli.h"
#include "match.h"

void view_sets(const struct corpus *c, const struct listopt *lo, struct table *t);
void view_items(const struct corpus *c, const struct listopt *lo, struct table *t);
/* Targets must have been extracted (corpus_targets). */
void view_targets(const struct corpus *c, const struct listopt *lo, struct table *t);
void view_links(const struct match *m, const struct listopt *lo, struct table *t);
void view_series(const struct match *m, const struct listopt *lo, struct table *t);
void view_growth(const struct match *m, const struct listopt *lo, struct table *t);
void view_shares(const struct match *m, const struct listopt *lo, struct table *t);

/* The columns of each view, for the sql schema. */
struct view_def {
	const char *name;
	const char *const *cols;
	size_t ncols;
};
extern const struct view_def view_defs[];
extern const size_t view_ndefs;

#endif
