/* rows: see rows.h. */
#include "core/rows.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"
#include "base/par.h"
#include "base/text.h"
#include "base/util.h"


/* ---- the rows ---- */

void
rows_init(struct rows *r, const struct col *cols, size_t ncols)
{
	memset(r, 0, sizeof *r);
	r->cols = cols;
	r->ncols = ncols;
}

void
rows_init_named(struct rows *r, const char *const *names, size_t ncols)
{
	struct col *own = xcalloc(ncols + 1, sizeof *own);

	for (size_t i = 0; i < ncols; i++) {
		own[i].name = xstrdup(names[i] ? names[i] : "");
		own[i].type = COL_TEXT;
	}
	rows_init(r, own, ncols);
	r->own = own;
}

void
rows_add(struct rows *r, const char *const *vals)
{
	xgrow(&r->cells, &r->cap, (r->nrows + 1) * r->ncols, sizeof *r->cells);
	for (size_t c = 0; c < r->ncols; c++)
		r->cells[r->nrows * r->ncols + c] = pool_strdup(&r->pool, vals[c] ? vals[c] : "");
	r->nrows++;
}

void
rows_append(struct rows *r, struct rows *from)
{
	size_t n = from->nrows * r->ncols;

	if (n) {
		xgrow(&r->cells, &r->cap, r->nrows * r->ncols + n, sizeof *r->cells);
		memcpy(r->cells + r->nrows * r->ncols, from->cells, n * sizeof *r->cells);
		r->nrows += from->nrows;
	}
	pool_merge(&r->pool, &from->pool);
	free(from->cells);
	from->cells = NULL;
	from->nrows = from->cap = 0;
}

void
rows_tag(struct rows *r, size_t col, const char *text)
{
	if (col >= r->ncols)
		return;
	if (!r->tags)
		r->tags = xcalloc(r->ncols, sizeof *r->tags);
	free(r->tags[col]);
	r->tags[col] = xstrdup(text);
}

const char *
rows_tag_of(const struct rows *r, size_t col)
{
	return r->tags && col < r->ncols ? r->tags[col] : NULL;
}

void
rows_release(struct rows *r)
{
	pool_release(&r->pool);
	free(r->cells);
	for (size_t i = 0; r->tags && i < r->ncols; i++)
		free(r->tags[i]);
	free(r->tags);
	if (r->own) {
		for (size_t i = 0; i < r->ncols; i++)
			free((char *)r->own[i].name);
		free(r->own);
	}
	memset(r, 0, sizeof *r);
}

int
rows_col(const struct rows *r, const char *name)
{
	for (size_t c = 0; c < r->ncols; c++)
		if (strcmp(r->cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

const char *
rows_cell(const struct rows *r, size_t row, int col)
{
	if (col < 0 || (size_t)col >= r->ncols || row >= r->nrows)
		return "";
	return r->cells[row * r->ncols + (size_t)col];
}

/* ---- filters ---- */

int
filter_set(const struct filter *f, const struct set *s)
{
	return !f || corpus_set_matches(s, f->set, f->year, f->jurisdiction);
}

int
filter_text(const struct filter *f, const char *const *texts, size_t n)
{
	char *want;
	int hit = 0;

	if (!f || !f->grep || !*f->grep)
		return 1;
	want = text_fold(f->grep);
	for (size_t i = 0; i < n && !hit; i++) {
		char *k = text_fold(texts[i] ? texts[i] : "");
		hit = strstr(k, want) != NULL;
		free(k);
	}
	free(want);
	return hit;
}

/* ---- the columns ---- */

#define T COL_TEXT, SHOW_PLAIN
#define I COL_INT, SHOW_PLAIN
#define N COL_NUM, SHOW_PLAIN
#define CODE COL_TEXT, SHOW_CODE
#define VERB COL_TEXT, SHOW_VERBATIM
#define FLAGS COL_TEXT, SHOW_FLAGS
#define PCT COL_NUM, SHOW_PCT
#define SHARE COL_NUM, SHOW_SHARE
static const struct col set_cols[] = {
	{ "set", T },    { "year", I },       { "jurisdiction", T }, { "level", CODE }, { "parent", T },
	{ "doc_number", VERB }, { "issued", VERB }, { "title", T },  { "raw", T },      { "tasks", T },
};
static const struct col item_cols[] = {
	{ "set", T },  { "year", I },  { "jurisdiction", T }, { "section", T },     { "seq", VERB },
	{ "name", T }, { "units", T }, { "task", T },         { "deadline", VERB }, { "note", T },
};
static const struct col target_cols[] = {
	{ "set", T },   { "year", I }, { "seq", VERB },       { "item", T },     { "n", I },
	{ "metric", T }, { "value", N }, { "unit", T },       { "qualifier", CODE },
	{ "kind", CODE }, { "raw", T }, { "line", I },
};
static const struct col link_cols[] = {
	{ "from_set", T }, { "from_seq", VERB }, { "from_item", T }, { "to_set", T },
	{ "to_seq", VERB }, { "to_item", T },    { "relation", CODE }, { "score", N }, { "why", T },
};
static const struct col series_cols[] = {
	{ "series", T }, { "metric", T }, { "unit", T },  { "set", T },       { "year", I },
	{ "seq", VERB }, { "item", T },   { "value", N }, { "qualifier", CODE },
};
/* docs/design.md's columns, then flags and item. */
static const struct col growth_cols[] = {
	{ "series", T },      { "metric", T },       { "unit", T },       { "jurisdiction", T },
	{ "first_set", T },   { "last_set", T },     { "first_value", N }, { "last_value", N },
	{ "abs_change", N },  { "pct_change", PCT }, { "cagr", PCT },      { "slope", N },
	{ "r2", N },          { "points", I },       { "flags", FLAGS },   { "item", T },
};
static const struct col share_cols[] = {
	{ "series", T }, { "metric", T }, { "unit", T },      { "set", T },          { "seq", VERB },
	{ "item", T },   { "value", N },  { "districts", T }, { "district_sum", N }, { "share", SHARE },
};
static const struct col compare_cols[] = {
	{ "status", CODE },  { "from_seq", VERB }, { "from_item", T },     { "to_seq", VERB },
	{ "to_item", T },    { "metric", T },      { "unit", T },          { "from_value", N },
	{ "to_value", N },   { "abs_change", N },  { "pct_change", PCT },  { "share", SHARE },
	{ "flags", FLAGS },
};
/* compare's columns after the pair's sets: the SQL table of every pair. */
static const struct col compare_all_cols[] = {
	{ "from_set", T },   { "to_set", T },
	{ "status", CODE },  { "from_seq", VERB }, { "from_item", T },     { "to_seq", VERB },
	{ "to_item", T },    { "metric", T },      { "unit", T },          { "from_value", N },
	{ "to_value", N },   { "abs_change", N },  { "pct_change", PCT },  { "share", SHARE },
	{ "flags", FLAGS },
};
static const struct col query_cols[] = {
	{ "score", N }, { "series", T }, { "metric", T }, { "set", T },        { "year", I },
	{ "seq", VERB }, { "item", T },  { "value", N },  { "unit", T },       { "qualifier", CODE },
	{ "kind", CODE }, { "raw", T },  { "pct_change", PCT }, { "line", I },
};
#undef T
#undef I
#undef N
#undef CODE
#undef VERB
#undef FLAGS
#undef PCT
#undef SHARE

const struct table_def rows_tables[TBL_NTABLES] = {
	{ "sets", set_cols, NELEM(set_cols) },
	{ "items", item_cols, NELEM(item_cols) },
	{ "targets", target_cols, NELEM(target_cols) },
	{ "links", link_cols, NELEM(link_cols) },
	{ "series", series_cols, NELEM(series_cols) },
	{ "growth", growth_cols, NELEM(growth_cols) },
	{ "shares", share_cols, NELEM(share_cols) },
	{ "compare", compare_all_cols, NELEM(compare_all_cols) },
};
static const struct col task_cols_typed[] = {
	{ "seq", COL_TEXT, SHOW_VERBATIM }, { "section", COL_TEXT, SHOW_PLAIN }, { "name", COL_TEXT, SHOW_PLAIN },
	{ "units", COL_TEXT, SHOW_PLAIN },   { "task", COL_TEXT, SHOW_PLAIN },
	{ "deadline", COL_TEXT, SHOW_VERBATIM }, { "note", COL_TEXT, SHOW_PLAIN },
};
const struct table_def rows_task_def = { "tasks", task_cols_typed, NELEM(task_cols_typed) };
const struct table_def rows_compare_def = { "compare", compare_cols, NELEM(compare_cols) };
const struct table_def rows_query_def = { "query", query_cols, NELEM(query_cols) };

static void
init_def(struct rows *out, const struct table_def *d)
{
	rows_init(out, d->cols, d->ncols);
}

/* ---- sets, items, targets ---- */

static void
build_sets(const struct corpus *c, const struct filter *f, struct rows *out)
{
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = &c->sets[i];
		char year[16];
		const char *row[] = { s->id,     year,          s->jurisdiction, s->level,
			              s->parent, s->doc_number, s->issued,       s->title,
			              s->raw,    s->tasks };
		snprintf(year, sizeof year, "%d", s->year);
		if (filter_set(f, s) && filter_text(f, row, NELEM(row)))
			rows_add(out, row);
	}
}

static void
build_items(const struct corpus *c, const struct filter *f, struct rows *out)
{
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = &c->sets[i];
		char year[16];
		snprintf(year, sizeof year, "%d", s->year);
		if (!filter_set(f, s))
			continue;
		for (size_t k = 0; k < s->nitems; k++) {
			const struct item *it = &s->items[k];
			const char *row[] = { s->id,   year,     s->jurisdiction, it->section,  it->seq,
				              it->name, it->units, it->task,        it->deadline, it->note };
			if (filter_text(f, row + 5, 3))
				rows_add(out, row);
		}
	}
}

static void
build_targets(const struct corpus *c, const struct filter *f, struct rows *out)
{
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = &c->sets[i];
		char year[16];
		snprintf(year, sizeof year, "%d", s->year);
		if (!filter_set(f, s))
			continue;
		for (size_t k = 0; k < s->nitems; k++) {
			const struct item *it = &s->items[k];
			for (size_t m = 0; m < it->targets.n; m++) {
				const struct target *tg = &it->targets.v[m];
				char n[16], v[64], line[16];
				const char *row[] = { s->id,
					              year,
					              it->seq,
					              it->name,
					              n,
					              tg->metric,
					              target_value_str(tg->value, v),
					              tg->unit,
					              qual_name(tg->qualifier),
					              tkind_name(tg->kind),
					              tg->raw,
					              line };
				snprintf(n, sizeof n, "%d", tg->n);
				snprintf(line, sizeof line, "%d", item_target_line(it, m));
				if (filter_text(f, (const char *const[]){ it->name, tg->metric, tg->raw }, 3))
					rows_add(out, row);
			}
		}
	}
}

/* ---- links, series ---- */

static void
build_links(const struct match *mt, const struct filter *f, struct rows *out)
{
	for (size_t i = 0; i < mt->nlinks; i++) {
		const struct link *l = &mt->links[i];
		char score[32];
		const char *row[] = { l->from->set->id, l->from->seq, l->from->name,
			              l->to->set->id,   l->to->seq,   l->to->name,
			              relation_name(l->relation), score, l->why ? l->why : "" };
		snprintf(score, sizeof score, "%.3f", l->score);
		if (!filter_set(f, l->from->set) && !filter_set(f, l->to->set))
			continue;
		if (filter_text(f, (const char *const[]){ l->from->name, l->to->name, row[8] }, 3))
			rows_add(out, row);
	}
}

/* A series is listed whole when one of its members passes the filters. */
static int
series_kept(const struct series *s, const struct filter *f)
{
	for (size_t k = 0; k < s->n; k++) {
		const struct item *it = s->m[k].item;
		const struct target *tg = &it->targets.v[s->m[k].t];
		if (filter_set(f, it->set) &&
		    filter_text(f, (const char *const[]){ s->metric, tg->metric, it->name }, 3))
			return 1;
	}
	return 0;
}

static void
build_series(const struct match *mt, const struct filter *f, struct rows *out)
{
	for (size_t i = 0; i < mt->nseries; i++) {
		const struct series *s = &mt->series[i];
		if (!series_kept(s, f))
			continue;
		for (size_t k = 0; k < s->n; k++) {
			const struct item *it = s->m[k].item;
			const struct target *tg = &it->targets.v[s->m[k].t];
			char year[16], v[64];
			const char *row[] = { s->id,   s->metric, tg->unit, it->set->id,
				              year,    it->seq,   it->name, target_value_str(tg->value, v),
				              qual_name(tg->qualifier) };
			snprintf(year, sizeof year, "%d", it->set->year);
			rows_add(out, row);
		}
	}
}

/* ---- growth, shares ---- */

/* The item a growth row is about: its last member's (the latest wording). */
static const char *
growth_item(const struct growth_row *r)
{
	return *r->last->item->name ? r->last->item->name : r->first->item->name;
}

/* The growth rows [FROM, TO) of a listing, into part T of its job (built on the cores:
 * a national corpus has a hundred thousand, each of seven figures to format). */
struct growth_job {
	const struct growth_row *gr;
	const struct filter *f;
	const struct rows *out;
	struct rows part[PAR_MAX];
};

static void
growth_rows(void *arg, size_t t, size_t from, size_t to)
{
	struct growth_job *j = arg;
	struct rows *part = &j->part[t];

	rows_init(part, j->out->cols, j->out->ncols);
	for (size_t i = from; i < to; i++) {
		const struct growth_row *r = &j->gr[i];
		const struct filter *f = j->f;
		const struct set *fs = r->first->item->set, *ls = r->last->item->set;
		char b[7][64], pts[16], *flags = changes_str(&r->changes);
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
			              flags,
			              growth_item(r) };
		snprintf(pts, sizeof pts, "%zu", r->g.points);
		if ((filter_set(f, fs) || filter_set(f, ls)) &&
		    filter_text(f, (const char *const[]){ r->s->metric, r->first->item->name,
		                                          r->last->item->name }, 3))
			rows_add(part, row);
		free(flags);
	}
}

static void
build_growth(const struct match *mt, const struct filter *f, struct rows *out)
{
	struct growth_row *gr;
	size_t n = stats_series_growth(mt, &gr), nt;
	struct growth_job j = { .gr = gr, .f = f, .out = out };

	/* The parts in order: the rows are those of one pass. */
	nt = par_for(n, 256, growth_rows, &j);
	for (size_t t = 0; t < nt; t++) {
		rows_append(out, &j.part[t]);
		rows_release(&j.part[t]);
	}
	free(gr);
}

/* One share row: the districts of SR that ONLY_PASS lets through (all of them when the
 * city passes F), their sum and share of the city's value. */
static void
share_row(const struct share_row *sr, const struct filter *f, int only_pass, struct rows *out)
{
	const struct item *it = sr->city->item;
	double city = it->targets.v[sr->city->t].value, sum = 0;
	struct sb dist = SB_INIT;
	char v[64], vsum[64], share[64];
	size_t nd = 0;

	for (size_t d = 0; d < sr->ndistricts; d++) {
		const struct series_member *dm = sr->district[d];
		if (only_pass && !filter_set(f, dm->item->set))
			continue;
		sb_addf(&dist, "%s%s", nd++ ? " " : "", dm->item->set->id);
		sum += dm->item->targets.v[dm->t].value;
	}
	if (nd == 0)
		return;
	if (!only_pass)
		sum = sr->district_sum;
	const char *row[] = { sr->s->id, sr->s->metric, sr->s->unit, it->set->id, it->seq, it->name,
		              target_value_str(city, v), dist.buf, target_value_str(sum, vsum),
		              stats_fmt(only_pass ? stats_share(sum, city) : sr->share, 4, share) };
	rows_add(out, row);
	sb_release(&dist);
}

/* A city's share rows, when the city passes F; else the rows of its districts that pass F
 * (growth --shares --jurisdiction yubei: what Yubei carries of each city target). */
static void
build_shares(const struct match *mt, const struct filter *f, struct rows *out)
{
	struct share_row *sr;
	size_t n = stats_district_shares(mt, &sr);

	for (size_t i = 0; i < n; i++) {
		const struct item *it = sr[i].city->item;
		if (!filter_text(f, (const char *const[]){ sr[i].s->metric, it->name }, 2))
			continue;
		if (filter_set(f, it->set))
			share_row(&sr[i], f, 0, out);
		else
			share_row(&sr[i], f, 1, out);
	}
	stats_shares_free(sr, n);
}

/* Every pair of compare_pairs() in one table, each row led by the pair's sets. */
static void
build_compare_all(const struct corpus *c, const struct match *m, const struct filter *f,
                  struct rows *out)
{
	struct set_pair *pairs;
	size_t np = compare_pairs(c, &pairs);
	const char *row[NELEM(compare_all_cols)];

	for (size_t p = 0; p < np; p++) {
		struct compare_row *cr;
		struct rows one;
		long n = compare_sets(m, pairs[p].a, pairs[p].b, &cr, NULL);
		if (n < 0)
			continue;
		if (!filter_set(f, pairs[p].a) && !filter_set(f, pairs[p].b)) {
			free(cr);
			continue;
		}
		rows_compare(pairs[p].a, pairs[p].b, cr, n, f, &one);
		row[0] = pairs[p].a->id;
		row[1] = pairs[p].b->id;
		for (size_t r = 0; r < one.nrows; r++) {
			for (size_t k = 0; k < one.ncols; k++)
				row[2 + k] = one.cells[r * one.ncols + k];
			rows_add(out, row);
		}
		rows_release(&one);
		free(cr);
	}
	free(pairs);
}

void
rows_build(enum table_id id, const struct corpus *c, const struct match *m,
           const struct filter *f, struct rows *out)
{
	init_def(out, &rows_tables[id]);
	switch (id) {
	case TBL_SETS: build_sets(c, f, out); break;
	case TBL_ITEMS: build_items(c, f, out); break;
	case TBL_TARGETS: build_targets(c, f, out); break;
	case TBL_LINKS: build_links(m, f, out); break;
	case TBL_SERIES: build_series(m, f, out); break;
	case TBL_GROWTH: build_growth(m, f, out); break;
	case TBL_SHARES: build_shares(m, f, out); break;
	case TBL_COMPARE: build_compare_all(c, m, f, out); break;
	case TBL_NTABLES: break;
	}
}

/* ---- compare, query ---- */

void
rows_compare(const struct set *a, const struct set *b, const struct compare_row *cr, long n,
             const struct filter *f, struct rows *out)
{
	static const char *const sides[2][3] = { { "from_seq", "from_item", "from_value" },
		                                 { "to_seq", "to_item", "to_value" } };

	init_def(out, &rows_compare_def);
	for (int k = 0; k < 2; k++) {
		const struct set *s = k ? b : a;
		char year[16];
		snprintf(year, sizeof year, "%d", s->year);
		for (size_t c = 0; c < NELEM(sides[k]); c++)
			rows_tag(out, (size_t)rows_col(out, sides[k][c]),
			         a->year != b->year ? year : s->jurisdiction);
	}
	for (long i = 0; i < n; i++) {
		const struct compare_row *r = &cr[i];
		const struct target *tf = r->tf >= 0 ? &r->from->targets.v[r->tf] : NULL;
		const struct target *tt = r->tt >= 0 ? &r->to->targets.v[r->tt] : NULL;
		char fv[64] = "", tv[64] = "", ab[64], pct[64], share[64], *unit, *flags;
		const char *metric = r->series ? r->series->metric : tt ? tt->metric : tf ? tf->metric : "";
		if (tf && tt && strcmp(tf->unit, tt->unit) != 0)
			unit = xasprintf("%s→%s", tf->unit, tt->unit);
		else
			unit = xstrdup(tt ? tt->unit : tf ? tf->unit : "");
		if (tf)
			target_value_str(tf->value, fv);
		if (tt)
			target_value_str(tt->value, tv);
		flags = changes_str(&r->changes);
		const char *row[] = { cstatus_name(r->status),
			              r->from ? r->from->seq : "",
			              r->from ? r->from->name : "",
			              r->to ? r->to->seq : "",
			              r->to ? r->to->name : "",
			              metric,
			              unit,
			              fv,
			              tv,
			              stats_fmt(r->abs_change, 4, ab),
			              stats_fmt(r->pct_change, 2, pct),
			              stats_fmt(r->share, 4, share),
			              flags };
		if (filter_text(f, (const char *const[]){ row[2], row[4], row[5] }, 3))
			rows_add(out, row);
		free(unit);
		free(flags);
	}
}

void
rows_query(const struct query_hit *hits, size_t n, struct rows *out)
{
	init_def(out, &rows_query_def);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = hits[i].item;
		const struct target *tg = &it->targets.v[hits[i].t];
		char score[32], year[16], v[64], pct[64], line[16];
		const char *row[] = { score, hits[i].series ? hits[i].series->id : "",
			              hits[i].series ? hits[i].series->metric : tg->metric,
			              it->set->id, year, it->seq, it->name, target_value_str(tg->value, v),
			              tg->unit, qual_name(tg->qualifier), tkind_name(tg->kind), tg->raw,
			              stats_fmt(hits[i].pct_change, 2, pct), line };
		snprintf(score, sizeof score, "%.2f", hits[i].score);
		snprintf(year, sizeof year, "%d", it->set->year);
		snprintf(line, sizeof line, "%d", item_target_line(it, hits[i].t));
		rows_add(out, row);
	}
}
