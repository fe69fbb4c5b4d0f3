/* compare: see compare.h. */
#include "core/compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"
#include "base/text.h"
#include "base/util.h"

struct out {
	struct compare_row *v;
	size_t n, cap;
};

const char *
cstatus_name(enum cstatus s)
{
	static const char *const names[NSTATUS] = { "continued", "renamed", "merged",
		                                    "new",       "dropped", "child" };
	return (size_t)s < NSTATUS ? names[s] : "continued";
}

static void
push(struct out *o, enum cstatus status, const struct item *from, const struct item *to,
     int tf, int tt, const struct series *s)
{
	const struct target *a = tf >= 0 ? &from->targets.v[tf] : NULL;
	const struct target *b = tt >= 0 ? &to->targets.v[tt] : NULL;
	struct compare_row *r;

	xgrow(&o->v, &o->cap, o->n + 1, sizeof *o->v);
	r = &o->v[o->n++];
	memset(r, 0, sizeof *r);
	r->status = status;
	r->from = from;
	r->to = to;
	r->tf = tf;
	r->tt = tt;
	r->series = s;
	r->abs_change = r->pct_change = r->share = NAN;
	if (a && b) {
		changes_note(&r->changes, a, b);
		if (status == ST_CHILD) {
			/* the district's value over the city's, whichever side is which */
			int from_city = from->set->up == NULL;
			r->share = stats_share(from_city ? b->value : a->value,
			                       from_city ? a->value : b->value);
		} else {
			r->abs_change = b->value - a->value;
			r->pct_change = stats_pct_change(a->value, b->value);
		}
	} else if ((a || b) && status != ST_NEW && status != ST_DROPPED)
		changes_note(&r->changes, a, b);
}

/* The relation between items A and B if a link joins them, else -1. */
static int
link_between(const struct match *m, const struct item *a, const struct item *b)
{
	const size_t *idx;
	size_t n = match_links_of(m, a, &idx);

	for (size_t i = 0; i < n; i++) {
		const struct link *l = &m->links[idx[i]];
		if ((l->from == a && l->to == b) || (l->from == b && l->to == a))
			return (int)l->relation;
	}
	return -1;
}

/*
 * The counterpart of A in set B: a direct link (same before part), else through one
 * set of the same jurisdiction in between (cq-2024 → cq-2025 → cq-2026).  *REL is
 * REL_SAME or REL_PART.
 */
static const struct item *
counterpart(const struct match *m, const struct item *a, const struct set *b,
            enum relation *rel)
{
	const struct item *part = NULL;

	const size_t *idx;
	size_t nl = match_links_of(m, a, &idx);

	for (size_t k = 0; k < b->nitems && nl; k++) {
		int r = link_between(m, a, &b->items[k]);
		if (r >= 0 && r != REL_PART) {
			*rel = REL_SAME;
			return &b->items[k];
		}
		if (r >= 0 && !part)
			part = &b->items[k];
	}
	if (part) {
		*rel = REL_PART;
		return part;
	}
	for (size_t i = 0; i < nl; i++) {
		const struct link *l = &m->links[idx[i]];
		const struct item *x = l->from == a ? l->to : l->to == a ? l->from : NULL;
		int lo = a->set->year < b->year ? a->set->year : b->year;
		int hi = a->set->year < b->year ? b->year : a->set->year;
		if (!x || x->set == b || strcmp(x->set->jurisdiction, b->jurisdiction) != 0 ||
		    x->set->year <= lo || x->set->year >= hi)
			continue;
		for (size_t k = 0; k < b->nitems; k++) {
			int r2 = link_between(m, x, &b->items[k]);
			if (r2 >= 0) {
				*rel = l->relation == REL_PART || r2 == REL_PART ? REL_PART : REL_SAME;
				return &b->items[k];
			}
		}
	}
	return NULL;
}

/* Series by their place in the match's array. */
static int
cmp_series_at(const void *x, const void *y)
{
	const struct series *a = *(const struct series *const *)x, *b = *(const struct series *const *)y;
	return (a > b) - (a < b);
}

/* Target rows for the aligned targets of A and B (members of one series). */
static size_t
target_rows(struct out *o, const struct match *m, enum cstatus status, const struct item *a,
            const struct item *b)
{
	size_t added = 0;

	const struct series **v = xcalloc(a->targets.n + 1, sizeof *v);
	size_t nv = 0;

	/* The series of A's targets (each once), in the order of the series. */
	for (size_t t = 0; t < a->targets.n; t++) {
		const struct series *s = match_series_of(m, a, (int)t);
		size_t k;
		for (k = 0; s && k < nv && v[k] != s; k++)
			;
		if (s && k == nv)
			v[nv++] = s;
	}
	qsort(v, nv, sizeof *v, cmp_series_at);
	for (size_t i = 0; i < nv; i++) {
		const struct series *s = v[i];
		int ta = -1, tb = -1;
		for (size_t k = 0; k < s->n; k++) {
			if (s->m[k].item == a)
				ta = s->m[k].t;
			if (s->m[k].item == b)
				tb = s->m[k].t;
		}
		if (ta >= 0 && tb >= 0) {
			push(o, status, a, b, ta, tb, s);
			added++;
		}
	}
	free(v);
	return added;
}

/* Has target T of IT a counterpart in set S (a member of its series)? */
static int
aligned_in(const struct match *m, const struct item *it, int t, const struct set *s)
{
	const struct series *sr = match_series_of(m, it, t);

	for (size_t k = 0; sr && k < sr->n; k++)
		if (sr->m[k].item->set == s)
			return 1;
	return 0;
}

/*
 * The targets of linked items A and B that have no counterpart on the other side: B's
 * new targets (listed once, LISTED marks them) and A's dropped ones, under the items'
 * status.
 */
static void
unaligned_rows(struct out *o, const struct match *m, enum cstatus status, const struct item *a,
               const struct item *b, char *listed)
{
	for (size_t t = 0; t < b->targets.n; t++)
		if (!listed[t] && !aligned_in(m, b, (int)t, a->set)) {
			listed[t] = 1;
			push(o, status, a, b, -1, (int)t, match_series_of(m, b, (int)t));
		}
	for (size_t t = 0; t < a->targets.n; t++)
		if (!aligned_in(m, a, (int)t, b->set))
			push(o, status, a, b, (int)t, -1, match_series_of(m, a, (int)t));
}

static int
same_name(const struct item *a, const struct item *b)
{
	char *x = text_key(a->name), *y = text_key(b->name);
	int eq = strcmp(x, y) == 0;
	free(x);
	free(y);
	return eq;
}

long
compare_sets(const struct match *m, const struct set *a, const struct set *b,
             struct compare_row **rows, char **cause)
{
	struct out o = { 0 };

	*rows = NULL;
	if (a == b) {
		fail(cause, "compare: '%s' with itself", a->id);
		return -1;
	}
	if (a->up == b || b->up == a) {
		/* City and district: from is the city, to the district, as given. */
		const struct set *dist = a->up == b ? a : b;
		for (size_t k = 0; k < dist->nitems; k++) {
			const struct item *d = &dist->items[k];
			const size_t *idx;
			size_t nl = match_links_of(m, d, &idx);
			for (size_t i = 0; i < nl; i++) {
				const struct link *l = &m->links[idx[i]];
				const struct item *city = l->from == d && l->to->set == dist->up ? l->to : NULL;
				const struct item *from, *to;
				if (!city)
					continue;
				from = dist == b ? city : d;
				to = dist == b ? d : city;
				if (target_rows(&o, m, ST_CHILD, from, to) == 0)
					push(&o, ST_CHILD, from, to, -1, -1, NULL);
			}
		}
	} else if (strcmp(a->jurisdiction, b->jurisdiction) == 0) {
		char *seen = xcalloc(b->nitems + 1, 1), **listed = xcalloc(b->nitems + 1, sizeof *listed);
		for (size_t k = 0; k < b->nitems; k++)
			listed[k] = xcalloc(b->items[k].targets.n + 1, 1);
		for (size_t k = 0; k < a->nitems; k++) {
			const struct item *it = &a->items[k], *to;
			enum relation rel = REL_SAME;
			enum cstatus status;
			int continued;
			if (!(to = counterpart(m, it, b, &rel))) {
				/* A dropped item, and the targets it had. */
				push(&o, ST_DROPPED, it, NULL, -1, -1, NULL);
				for (size_t t = 0; t < it->targets.n; t++)
					push(&o, ST_DROPPED, it, NULL, (int)t, -1, match_series_of(m, it, (int)t));
				continue;
			}
			seen[to - b->items] = 1;
			continued = rel == REL_SAME && same_name(it, to);
			status = rel == REL_PART ? ST_MERGED : continued ? ST_CONTINUED : ST_RENAMED;
			/* A renamed or merged item has a row of its own; a continued one only its
			 * targets, unless it has none. */
			if (!continued)
				push(&o, status, it, to, -1, -1, NULL);
			if (target_rows(&o, m, status, it, to) == 0 && continued && !it->targets.n &&
			    !to->targets.n)
				push(&o, status, it, to, -1, -1, NULL);
			/* The targets on one side only: new in B, or no longer in B. */
			unaligned_rows(&o, m, status, it, to, listed[to - b->items]);
		}
		/* What B has that nothing in A leads to, with its targets. */
		for (size_t k = 0; k < b->nitems; k++) {
			if (seen[k])
				continue;
			push(&o, ST_NEW, NULL, &b->items[k], -1, -1, NULL);
			for (size_t t = 0; t < b->items[k].targets.n; t++)
				push(&o, ST_NEW, NULL, &b->items[k], -1, (int)t,
				     match_series_of(m, &b->items[k], (int)t));
		}
		for (size_t k = 0; k < b->nitems; k++)
			free(listed[k]);
		free(listed);
		free(seen);
	} else {
		fail(cause, "compare: '%s' and '%s' are neither two years of one jurisdiction nor a "
		            "city and its district",
		     a->id, b->id);
		return -1;
	}
	*rows = o.v;
	return (long)o.n;
}

void
compare_counts(const struct compare_row *rows, long n, size_t counts[NSTATUS])
{
	for (size_t k = 0; k < NSTATUS; k++)
		counts[k] = 0;
	/*
	 * An item appears in an item row, in target rows, or in both (a continued item and a
	 * city-district pair have target rows only): each pair of items is counted once, under
	 * its status, at its first row.
	 */
	for (long i = 0; i < n; i++) {
		const struct compare_row *r = &rows[i];
		long j;
		for (j = 0; j < i; j++)
			if (rows[j].status == r->status && rows[j].from == r->from && rows[j].to == r->to)
				break;
		if (j == i)
			counts[r->status]++;
	}
}

/* By jurisdiction (bytes), then year, then the catalog's order. */
static int
cmp_jur_year(const void *x, const void *y)
{
	const struct set *a = *(const struct set *const *)x, *b = *(const struct set *const *)y;
	int r = strcmp(a->jurisdiction, b->jurisdiction);

	if (r)
		return r;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a < b ? -1 : a > b;
}

size_t
compare_pairs(const struct corpus *c, struct set_pair **out)
{
	const struct set **by = xcalloc(c->nsets + 1, sizeof *by);
	struct set_pair *p = xcalloc(2 * c->nsets + 1, sizeof *p);
	size_t n = 0;

	for (size_t i = 0; i < c->nsets; i++)
		by[i] = &c->sets[i];
	qsort(by, c->nsets, sizeof *by, cmp_jur_year);
	for (size_t i = 0; i + 1 < c->nsets; i++)
		if (strcmp(by[i]->jurisdiction, by[i + 1]->jurisdiction) == 0 &&
		    by[i]->year < by[i + 1]->year)
			p[n++] = (struct set_pair){ by[i], by[i + 1] };
	for (size_t i = 0; i < c->nsets; i++)
		if (by[i]->up)
			p[n++] = (struct set_pair){ by[i]->up, by[i] };
	free(by);
	*out = p;
	return n;
}
