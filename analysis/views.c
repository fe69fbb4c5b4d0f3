/* views: see views.h. */
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const item_cols[] = { "set",  "year",  "jurisdiction", "section",  "seq",
	                                 "name", "units", "task",         "deadline", "note" };
static const char *const target_cols[] = { "set",   "year", "seq",       "item", "n",   "metric",
	                                   "value", "unit", "qualifier", "kind", "raw", "line" };
static const char *const link_cols[] = { "from_set", "from_seq", "from_item", "to_set", "to_seq",
	                                 "to_item",  "relation", "score",     "why" };
static const char *const series_cols[] = { "series", "metric", "unit",  "set",      "year",
	                                   "seq",    "item",   "value", "qualifier" };
static const char *const growth_cols[] = {
	"series",      "metric",     "unit",       "jurisdiction", "first_set", "last_set",
	"first_value", "last_value", "abs_change", "pct_change",   "cagr",      "slope",
	"r2",          "points",     "flags",      "item",
};
static const char *const share_cols[] = { "series", "metric",    "unit",         "set",  "seq",
	                                  "item",   "value",     "districts",    "district_sum",
	                                  "share" };

const struct view_def view_defs[] = {
	{ "sets", catalog_cols, CATALOG_NCOLS },
	{ "items", item_cols, NELEM(item_cols) },
	{ "targets", target_cols, NELEM(target_cols) },
	{ "links", link_cols, NELEM(link_cols) },
	{ "series", series_cols, NELEM(series_cols) },
	{ "growth", growth_cols, NELEM(growth_cols) },
	{ "shares", share_cols, NELEM(share_cols) },
};
const size_t view_ndefs = NELEM(view_defs);

static const struct listopt all = { 0 };

void
view_sets(const struct corpus *c, const struct listopt *lo, struct table *t)
{
	if (!lo)
		lo = &all;
	table_init(t, catalog_cols, CATALOG_NCOLS);
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = &c->sets[i];
		char year[16];
		const char *row[CATALOG_NCOLS] = { s->id,     year,          s->jurisdiction, s->level,
			                           s->parent, s->doc_number, s->issued,       s->title,
			                           s->raw,    s->tasks };
		snprintf(year, sizeof year, "%d", s->year);
		if (!cli_set_matches(lo, s) || !cli_text_matches(lo, row, CATALOG_NCOLS))
			continue;
		table_add(t, row);
	}
}

void
view_items(const struct corpus *c, const struct listopt *lo, struct table *t)
{
	if (!lo)
		lo = &all;
	table_init(t, item_cols, NELEM(item_cols));
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = &c->sets[i];
		char year[16];
		snprintf(year, sizeof year, "%d", s->year);
		if (!cli_set_matches(lo, s))
			continue;
		for (size_t k = 0; k < s->nitems; k++) {
			const struct item *it = &s->items[k];
			const char *row[] = { s->id,   year,     s->jurisdiction, it->section,  it->seq,
				              it->name, it->units, it->task,        it->deadline, it->note };
			if (!cli_text_matches(lo, row + 5, 3))
				continue;
			table_add(t, row);
		}
	}
}

void
view_targets(const struct corpus *c, const struct listopt *lo, struct table *t)
{
	if (!lo)
		lo = &all;
	table_init(t, target_cols, NELEM(target_cols));
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = &c->sets[i];
		char year[16];
		snprintf(year, sizeof year, "%d", s->year);
		if (!cli_set_matches(lo, s))
			continue;
		for (size_t k = 0; k < s->nitems; k++) {
			const struct item *it = &s->items[k];
			for (size_t m = 0; m < it->targets.n; m++) {
				const struct target *tg = &it->targets.v[m];
				char n[16], v[64], line[16];
				const char *row[12] = { s->id,   year,    it->seq,       it->name,
					                n,       tg->metric, target_value_str(tg->value, v),
					                tg->unit, tg->qualifier, tg->kind, tg->raw, line };
				snprintf(n, sizeof n, "%d", tg->n);
				snprintf(line, sizeof line, "%d", it->target_lines[m]);
				if (!cli_text_matches(lo, (const char *const[]){ it->name, tg->metric, tg->raw }, 3))
					continue;
				table_add(t, row);
			}
		}
	}
}

void
view_links(const struct match *mt, const struct listopt *lo, struct table *t)
{
	if (!lo)
		lo = &all;
	table_init(t, link_cols, NELEM(link_cols));
	for (size_t i = 0; i < mt->nlinks; i++) {
		const struct link *l = &mt->links[i];
		char score[32];
		const char *row[] = { l->from->set->id, l->from->seq, l->from->name, l->to->set->id,
			              l->to->seq,       l->to->name,  l->relation,   score,
			              l->why };
		snprintf(score, sizeof score, "%.3f", l->score);
		if (!cli_set_matches(lo, l->from->set) && !cli_set_matches(lo, l->to->set))
			continue;
		if (!cli_text_matches(lo, (const char *const[]){ l->from->name, l->to->name, l->why }, 3))
			continue;
		table_add(t, row);
	}
}

void
view_series(const struct match *mt, const struct listopt *lo, struct table *t)
{
	if (!lo)
		lo = &all;
	table_init(t, series_cols, NELEM(series_cols));
	for (size_t i = 0; i < mt->nseries; i++) {
		const struct series *s = &mt->series[i];
		int keep = 0;
		for (size_t k = 0; k < s->n && !keep; k++) {
			const struct item *it = s->m[k].item;
			const struct target *tg = &it->targets.v[s->m[k].t];
			keep = cli_set_matches(lo, it->set) &&
			       cli_text_matches(lo, (const char *const[]){ s->metric, tg->metric, it->name }, 3);
		}
		if (!keep)
			continue;
		for (size_t k = 0; k < s->n; k++) {
			const struct item *it = s->m[k].item;
			const struct target *tg = &it->targets.v[s->m[k].t];
			char year[16], v[64];
			const char *row[] = { s->id,   s->metric, tg->unit, it->set->id,
				              year,    it->seq,   it->name, target_value_str(tg->value, v),
				              tg->qualifier };
			snprintf(year, sizeof year, "%d", it->set->year);
			table_add(t, row);
		}
	}
}

/* The item a growth row is about: its last member's (the latest wording). */
static const char *
growth_item(const struct growth_row *r)
{
	return *r->last->item->name ? r->last->item->name : r->first->item->name;
}

void
view_growth(const struct match *mt, const struct listopt *lo, struct table *t)
{
	struct growth_row *gr;
	size_t n = stats_series_growth(mt, &gr);

	if (!lo)
		lo = &all;
	table_init(t, growth_cols, NELEM(growth_cols));
	for (size_t i = 0; i < n; i++) {
		const struct growth_row *r = &gr[i];
		const struct set *fs = r->first->item->set, *ls = r->last->item->set;
		char b[8][64], pts[16];
		const char *row[] = { r->s->id,
			              r->s->metric,
			              r->s->unit,
			              r->jurisdiction,
			              fs->id,
			              ls->id,
			              stats_fmt(r->g.first, 4, b[0]),
			              stats_fmt(r->g.last, 4, b[1]),
			              stats_fmt(r->g.abs_change, 4, b[2]),
			              stats_fmt(r->g.pct_change, 2, b[3]),
			              stats_fmt(r->g.cagr, 2, b[4]),
			              stats_fmt(r->g.slope, 4, b[5]),
			              stats_fmt(r->g.r2, 4, b[6]),
			              pts,
			              r->flags,
			              growth_item(r) };
		snprintf(pts, sizeof pts, "%zu", r->g.points);
		if (!cli_set_matches(lo, fs) && !cli_set_matches(lo, ls))
			continue;
		if (!cli_text_matches(lo, (const char *const[]){ r->s->metric, r->first->item->name,
		                                                 r->last->item->name }, 3))
			continue;
		table_add(t, row);
	}
	free(gr);
}

void
view_shares(const struct match *mt, const struct listopt *lo, struct table *t)
{
	struct share_row *sr;
	size_t n = stats_district_shares(mt, &sr);

	if (!lo)
		lo = &all;
	table_init(t, share_cols, NELEM(share_cols));
	for (size_t i = 0; i < n; i++) {
		const struct item *it = sr[i].city->item;
		char v[64], sum[64], share[64];
		const char *row[] = { sr[i].s->id, sr[i].s->metric, sr[i].s->unit, it->set->id, it->seq,
			              it->name, target_value_str(it->targets.v[sr[i].city->t].value, v),
			              sr[i].districts, target_value_str(sr[i].district_sum, sum),
			              stats_fmt(sr[i].share, 4, share) };
		if (!cli_set_matches(lo, it->set) ||
		    !cli_text_matches(lo, (const char *const[]){ sr[i].s->metric, it->name }, 2))
			continue;
		table_add(t, row);
	}
	free(sr);
}
