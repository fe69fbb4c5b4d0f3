/* match: see match.h. */
#include "match.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "text.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- bigram vectors ---- */

struct gmap {
	uint64_t *key;
	int *val;
	size_t cap, n;
};

static int
gmap_get(struct gmap *g, uint64_t k, int insert)
{
	size_t i;

	if (insert && (g->n + 1) * 2 > g->cap) {
		struct gmap ng = { 0 };
		ng.cap = g->cap ? g->cap * 2 : 1024;
		ng.key = xcalloc(ng.cap, sizeof *ng.key);
		ng.val = xmalloc(ng.cap * sizeof *ng.val);
		for (size_t j = 0; j < g->cap; j++)
			if (g->key[j]) {
				size_t h = (size_t)((g->key[j] * 0x9E3779B97F4A7C15ull) >> 20) & (ng.cap - 1);
				while (ng.key[h])
					h = (h + 1) & (ng.cap - 1);
				ng.key[h] = g->key[j];
				ng.val[h] = g->val[j];
			}
		ng.n = g->n;
		free(g->key);
		free(g->val);
		*g = ng;
	}
	if (!g->cap)
		return -1;
	i = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 20) & (g->cap - 1);
	while (g->key[i]) {
		if (g->key[i] == k)
			return g->val[i];
		i = (i + 1) & (g->cap - 1);
	}
	if (!insert)
		return -1;
	g->key[i] = k;
	g->val[i] = (int)g->n++;
	return g->val[i];
}

struct vec {
	int *id;
	double *w;
	size_t n;
	double norm;
};

struct ctx {
	struct corpus *c;
	struct gmap gm;
	int *df;
	size_t dfcap;
	double ndocs;
	struct item **items;
	struct vec *iv;       /* item vectors, by item index */
	size_t nitems;
	size_t *base;         /* index of the first item of each set */
	size_t **il, *nil, *ilcap; /* each item's links (indexes into the match's links) */
	struct vec *tv;       /* the vector of every target's metric, item after item */
	size_t *tfirst;       /* index in tv of each item's first target */
	int *tclass;          /* per target: kind and unit class as one number; targets are
	                         comparable when theirs are equal */
};

static int
is_word_cp(int32_t c)
{
	return text_is_han(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The bigrams of S (NFKC, lower-case Latin), each with weight W, appended to OUT. */
struct gram {
	uint64_t k;
	double w;
};

/* A character as the bigrams see it: Latin letters (full-width too) in lower case.  Cheaper
 * than NFKC of the whole text, and the same for what bigrams are made of. */
static int32_t
fold_cp(int32_t c)
{
	if (c >= 0xFF21 && c <= 0xFF3A)
		c = c - 0xFF21 + 'a';
	else if (c >= 0xFF41 && c <= 0xFF5A)
		c = c - 0xFF41 + 'a';
	else if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

static void
grams_of(const char *s, double w, struct gram **out, size_t *n, size_t *cap)
{
	const char *p = s;
	int32_t c, prev = 0;
	int k;

	while ((k = u8_next(p, &c)) > 0) {
		c = fold_cp(c);
		if (is_word_cp(c)) {
			if (prev) {
				xgrow(out, cap, *n + 1, sizeof **out);
				(*out)[*n].k = ((uint64_t)prev << 21) | (uint64_t)c;
				(*out)[*n].w = w;
				(*n)++;
			}
			prev = c;
		} else if (!text_is_space(c))
			prev = 0; /* a space inside a word (PDF residue) does not break it */
		p += k;
	}
}

static int
cmp_gram(const void *a, const void *b)
{
	uint64_t x = ((const struct gram *)a)->k, y = ((const struct gram *)b)->k;
	return x < y ? -1 : x > y;
}

/* Sum the weights of equal grams; returns the new count. */
static size_t
grams_merge(struct gram *g, size_t n)
{
	size_t o = 0;
	if (n == 0)
		return 0;
	qsort(g, n, sizeof *g, cmp_gram);
	for (size_t i = 0; i < n; i++) {
		if (o && g[o - 1].k == g[i].k)
			g[o - 1].w += g[i].w;
		else
			g[o++] = g[i];
	}
	return o;
}

static double
idf(const struct ctx *x, int id)
{
	double df = id >= 0 && (size_t)id < x->gm.n ? x->df[id] : 0;
	return log((x->ndocs + 1) / (df + 1)) + 0.1;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

/* A vector of grams: ids sorted, tf (capped) times idf, with its norm. */
static struct vec
vec_make(struct ctx *x, struct gram *g, size_t n)
{
	struct vec v = { 0 };
	struct { int id; double w; } *tmp = xmalloc((n + 1) * sizeof *tmp);
	size_t m = 0;

	n = grams_merge(g, n);
	for (size_t i = 0; i < n; i++) {
		int id = gmap_get(&x->gm, g[i].k, 0);
		double tf = g[i].w > 3 ? 3 : g[i].w;
		if (id < 0)
			continue; /* a bigram no item has cannot be shared */
		tmp[m].id = id;
		tmp[m].w = tf * idf(x, id);
		m++;
	}
	qsort(tmp, m, sizeof *tmp, cmp_int);
	v.id = xmalloc((m + 1) * sizeof *v.id);
	v.w = xmalloc((m + 1) * sizeof *v.w);
	for (size_t i = 0; i < m; i++) {
		v.id[i] = tmp[i].id;
		v.w[i] = tmp[i].w;
		v.norm += tmp[i].w * tmp[i].w;
	}
	v.n = m;
	v.norm = sqrt(v.norm);
	free(tmp);
	return v;
}

static double
vec_cos(const struct vec *a, const struct vec *b)
{
	double dot = 0;
	size_t i = 0, j = 0;

	if (a->norm == 0 || b->norm == 0)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->id[i] == b->id[j])
			dot += a->w[i++] * b->w[j++];
		else if (a->id[i] < b->id[j])
			i++;
		else
			j++;
	}
	return dot / (a->norm * b->norm);
}

static void
vec_free(struct vec *v)
{
	free(v->id);
	free(v->w);
}

static void
item_grams(const struct item *it, struct gram **g, size_t *n, size_t *cap)
{
	grams_of(it->name, 2.0, g, n, cap);
	grams_of(it->task, 1.0, g, n, cap);
	grams_of(it->units, 0.5, g, n, cap);
}

static size_t
item_index(const struct ctx *x, const struct item *it)
{
	return x->base[it->set - x->c->sets] + (size_t)(it - it->set->items);
}

static void
ctx_init(struct ctx *x, struct corpus *c)
{
	struct gram *g = NULL;
	size_t n, cap = 0, k = 0;

	memset(x, 0, sizeof *x);
	x->c = c;
	x->base = xcalloc(c->nsets + 1, sizeof *x->base);
	for (size_t i = 0; i < c->nsets; i++) {
		x->base[i] = x->nitems;
		x->nitems += c->sets[i].nitems;
	}
	x->items = xcalloc(x->nitems + 1, sizeof *x->items);
	x->il = xcalloc(x->nitems + 1, sizeof *x->il);
	x->nil = xcalloc(x->nitems + 1, sizeof *x->nil);
	x->ilcap = xcalloc(x->nitems + 1, sizeof *x->ilcap);
	x->iv = xcalloc(x->nitems + 1, sizeof *x->iv);
	for (size_t i = 0; i < c->nsets; i++)
		for (size_t j = 0; j < c->sets[i].nitems; j++)
			x->items[k++] = &c->sets[i].items[j];
	/* Document frequencies: in how many items each bigram occurs. */
	for (k = 0; k < x->nitems; k++) {
		n = 0;
		item_grams(x->items[k], &g, &n, &cap);
		n = grams_merge(g, n);
		for (size_t i = 0; i < n; i++) {
			int id = gmap_get(&x->gm, g[i].k, 1);
			xgrow(&x->df, &x->dfcap, x->gm.n + 1, sizeof *x->df);
			if ((size_t)id + 1 == x->gm.n)
				x->df[id] = 0;
			x->df[id]++;
		}
	}
	x->ndocs = (double)x->nitems;
	for (k = 0; k < x->nitems; k++) {
		n = 0;
		item_grams(x->items[k], &g, &n, &cap);
		x->iv[k] = vec_make(x, g, n);
	}
	/* Target metrics, once: part links and series compare them many times. */
	x->tfirst = xcalloc(x->nitems + 1, sizeof *x->tfirst);
	for (k = 0; k < x->nitems; k++)
		x->tfirst[k + 1] = x->tfirst[k] + x->items[k]->targets.n;
	x->tv = xcalloc(x->tfirst[x->nitems] + 1, sizeof *x->tv);
	x->tclass = xcalloc(x->tfirst[x->nitems] + 1, sizeof *x->tclass);
	{
		/* Name each distinct (kind, unit class) once: the loops then compare ints. */
		const char **seen_unit = NULL, **seen_kind = NULL;
		size_t nseen = 0, scap = 0, kcap = 0;
		for (k = 0; k < x->nitems; k++)
			for (size_t t = 0; t < x->items[k]->targets.n; t++) {
				const struct target *tg = &x->items[k]->targets.v[t];
				size_t q;
				for (q = 0; q < nseen; q++)
					if (strcmp(seen_kind[q], tg->kind) == 0 &&
					    match_units_comparable(seen_unit[q], tg->unit))
						break;
				if (q == nseen) {
					xgrow(&seen_unit, &scap, nseen + 1, sizeof *seen_unit);
					xgrow(&seen_kind, &kcap, nseen + 1, sizeof *seen_kind);
					seen_unit[nseen] = tg->unit;
					seen_kind[nseen] = tg->kind;
					nseen++;
				}
				x->tclass[x->tfirst[k] + t] = (int)q;
			}
		free(seen_unit);
		free(seen_kind);
	}
	for (k = 0; k < x->nitems; k++)
		for (size_t t = 0; t < x->items[k]->targets.n; t++) {
			n = 0;
			grams_of(x->items[k]->targets.v[t].metric, 1.0, &g, &n, &cap);
			x->tv[x->tfirst[k] + t] = vec_make(x, g, n);
		}
	free(g);
}

static void
ctx_release(struct ctx *x)
{
	for (size_t k = 0; k < x->nitems; k++) {
		vec_free(&x->iv[k]);
		free(x->il[k]);
	}
	for (size_t t = 0; x->tfirst && t < x->tfirst[x->nitems]; t++)
		vec_free(&x->tv[t]);
	free(x->tv);
	free(x->tfirst);
	free(x->tclass);
	free(x->il);
	free(x->nil);
	free(x->ilcap);
	free(x->iv);
	free(x->items);
	free(x->base);
	free(x->df);
	free(x->gm.key);
	free(x->gm.val);
}

double
match_item_score(struct corpus *c, const struct item *a, const struct item *b)
{
	struct ctx x;
	double s;

	ctx_init(&x, c);
	s = vec_cos(&x.iv[item_index(&x, a)], &x.iv[item_index(&x, b)]);
	ctx_release(&x);
	return s;
}

/* ---- why: the strongest runs of shared text ---- */

static char *
why_of(struct ctx *x, const struct item *a, const struct item *b)
{
	const struct vec *vb = &x->iv[item_index(x, b)];
	struct { char *s; double w; } runs[64];
	size_t nr = 0;
	const char *texts[2] = { a->name, a->task };
	struct sb out = SB_INIT;

	for (int t = 0; t < 2; t++) {
		const char *p = texts[t], *run = NULL, *last = NULL;
		int32_t c, prev = 0;
		int k;
		double w = 0;

		for (;; p += k) {
			int shared = 0;
			k = u8_next(p, &c);
			c = fold_cp(c);
			if (k > 0 && is_word_cp(c) && prev) {
				int id = gmap_get(&x->gm, ((uint64_t)prev << 21) | (uint64_t)c, 0);
				if (id >= 0 && bsearch(&id, vb->id, vb->n, sizeof(int), cmp_int)) {
					shared = 1;
					if (!run)
						run = last;
					w += idf(x, id);
				}
			}
			if (!shared && run) {
				size_t len = (size_t)(last + (p > last ? 0 : 0) - run);
				/* The run ends with the character before p. */
				len = (size_t)(p - run);
				if (nr < NELEM(runs) && w > 2.0) {
					runs[nr].s = xstrndup(run, len);
					runs[nr].w = w;
					nr++;
				}
				run = NULL;
				w = 0;
			}
			if (k <= 0)
				break;
			prev = is_word_cp(c) ? c : 0;
			last = p;
		}
	}
	/* The three heaviest distinct runs. */
	for (int pick = 0; pick < 3; pick++) {
		size_t best = nr;
		for (size_t i = 0; i < nr; i++) {
			if (!runs[i].s)
				continue;
			if (strstr(out.buf ? out.buf : "", runs[i].s)) {
				free(runs[i].s);
				runs[i].s = NULL;
				continue;
			}
			if (best == nr || runs[i].w > runs[best].w)
				best = i;
		}
		if (best == nr)
			break;
		if (out.len)
			sb_addc(&out, ' ');
		sb_adds(&out, runs[best].s);
		free(runs[best].s);
		runs[best].s = NULL;
	}
	for (size_t i = 0; i < nr; i++)
		free(runs[i].s);
	return sb_detach(&out);
}

/* ---- optimal assignment ---- */

void
match_assign(const double *s, size_t n, size_t m, double min, int *row)
{
	/* Hungarian algorithm (shortest augmenting paths, O(n^2 m)) on costs maxs - s, with
	 * pairs under MIN priced out; rows are the smaller side. */
	int transpose = n > m;
	size_t R = transpose ? m : n, C = transpose ? n : m;
	double big = 0, *u, *v, *minv;
	int *p, *way, *used;

	for (size_t i = 0; i < n; i++)
		row[i] = -1;
	if (n == 0 || m == 0)
		return;
	for (size_t i = 0; i < n * m; i++)
		if (s[i] > big)
			big = s[i];
	big += 1;
	u = xcalloc(R + 1, sizeof *u);
	v = xcalloc(C + 1, sizeof *v);
	minv = xcalloc(C + 1, sizeof *minv);
	p = xcalloc(C + 1, sizeof *p);
	way = xcalloc(C + 1, sizeof *way);
	used = xcalloc(C + 1, sizeof *used);
#define COST(i, j)                                                                         \
	({                                                                                 \
		double sc_ = transpose ? s[(j) * m + (i)] : s[(i) * m + (j)];              \
		sc_ >= min ? big - sc_ : big * 4;                                          \
	})
	for (size_t i = 1; i <= R; i++) {
		size_t j0 = 0;
		p[0] = (int)i;
		for (size_t j = 0; j <= C; j++) {
			minv[j] = INFINITY;
			used[j] = 0;
		}
		do {
			size_t i0 = (size_t)p[j0], j1 = 0;
			double delta = INFINITY;
			used[j0] = 1;
			for (size_t j = 1; j <= C; j++)
				if (!used[j]) {
					double cur = COST(i0 - 1, j - 1) - u[i0] - v[j];
					if (cur < minv[j]) {
						minv[j] = cur;
						way[j] = (int)j0;
					}
					if (minv[j] < delta) {
						delta = minv[j];
						j1 = j;
					}
				}
			for (size_t j = 0; j <= C; j++)
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else
					minv[j] -= delta;
			j0 = j1;
		} while (p[j0] != 0);
		do {
			size_t j1 = (size_t)way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
#undef COST
	for (size_t j = 1; j <= C; j++) {
		if (!p[j])
			continue;
		size_t i = (size_t)p[j] - 1, col = j - 1;
		size_t ri = transpose ? col : i, ci = transpose ? i : col;
		if (s[ri * m + ci] >= min)
			row[ri] = (int)ci;
	}
	free(u);
	free(v);
	free(minv);
	free(p);
	free(way);
	free(used);
}

/* ---- units ---- */

static const char *const unit_classes[][16] = {
	{ "个", "处", "台", "座", "所", "家", "套", "部", "栋", "幢", "间", "张", "口", "盏", "架", "辆" },
	{ "人", "名" },
	{ "场", "场次" },
};

int
match_units_comparable(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return 1;
	for (size_t k = 0; k < NELEM(unit_classes); k++) {
		int ia = 0, ib = 0;
		for (size_t i = 0; i < 16 && unit_classes[k][i]; i++) {
			ia |= strcmp(unit_classes[k][i], a) == 0;
			ib |= strcmp(unit_classes[k][i], b) == 0;
		}
		if (ia && ib)
			return 1;
	}
	return 0;
}

/* ---- aliases ---- */

static struct item *
find_item(struct corpus *c, const char *ref, int *t)
{
	char *copy = xstrdup(ref), *p1 = strchr(copy, ':'), *p2;
	struct set *s;
	struct item *it = NULL;

	*t = -1;
	if (!p1)
		goto out;
	*p1++ = '\0';
	if ((p2 = strchr(p1, ':')))
		*p2++ = '\0';
	if (!(s = corpus_set(c, copy)))
		goto out;
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].seq, p1) == 0)
			it = &s->items[i];
	if (it && p2) {
		char *end;
		long n = strtol(p2, &end, 10);
		if (*end || n < 1 || (size_t)n > it->targets.n)
			it = NULL;
		else
			*t = (int)n - 1;
	}
out:
	free(copy);
	return it;
}

int
match_aliases_load(struct match *m, struct corpus *c, char **cause)
{
	static const char *const cols[] = { "kind", "a", "b" };
	char *path = xasprintf("%s/aliases.csv", c->dir);
	struct csv_doc *d = NULL;
	int rc = -1;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		free(path);
		return 0;
	}
	fclose(fp);
	if (!(d = csvio_read(path, cause)) || csvio_expect(d, path, cols, 3, cause) < 0)
		goto out;
	m->aliases = xcalloc(d->nrows + 1, sizeof *m->aliases);
	for (size_t r = 1; r < d->nrows; r++) {
		char **f = d->rows[r].f;
		struct alias *a = &m->aliases[m->naliases];
		int series = strcmp(f[0], "series") == 0 || strcmp(f[0], "noseries") == 0;
		if (!series && strcmp(f[0], "link") != 0 && strcmp(f[0], "nolink") != 0) {
			fail(cause, "%s:%d: unknown kind '%s' (link, nolink, series or noseries)", path,
			     d->rows[r].line, f[0]);
			goto out;
		}
		snprintf(a->kind, sizeof a->kind, "%s", f[0]);
		a->line = d->rows[r].line;
		for (int k = 1; k <= 2; k++) {
			int t;
			struct item *it = find_item(c, f[k], &t);
			if (!it || (series && t < 0) || (!series && t >= 0)) {
				fail(cause, "%s:%d: unknown %s '%s' (write %s)", path, d->rows[r].line,
				     series ? "target" : "item", f[k], series ? "set:seq:n" : "set:seq");
				goto out;
			}
			if (k == 1) {
				a->a = it;
				a->ta = t;
			} else {
				a->b = it;
				a->tb = t;
			}
		}
		if (a->a->set == a->b->set) {
			fail(cause, "%s:%d: both sides are in set '%s'", path, d->rows[r].line,
			     a->a->set->id);
			goto out;
		}
		m->naliases++;
	}
	rc = 0;
out:
	csvio_free(d);
	free(path);
	return rc;
}

static int
alias_says(const struct match *m, const char *kind, const struct item *a, int ta,
           const struct item *b, int tb)
{
	for (size_t i = 0; i < m->naliases; i++) {
		const struct alias *al = &m->aliases[i];
		if (strcmp(al->kind, kind) != 0)
			continue;
		if ((al->a == a && al->b == b && al->ta == ta && al->tb == tb) ||
		    (al->a == b && al->b == a && al->ta == tb && al->tb == ta))
			return 1;
	}
	return 0;
}

/* ---- links ---- */

/* Each item's links, by index into m->links, so that the questions below cost the
 * item's few links and not all of them. */
static void
index_link(struct ctx *x, const struct item *it, size_t li)
{
	size_t k = item_index(x, it);
	xgrow(&x->il[k], &x->ilcap[k], x->nil[k] + 1, sizeof(size_t));
	x->il[k][x->nil[k]++] = li;
}

static void
add_link(struct match *m, struct ctx *x, struct item *from, struct item *to, const char *rel,
         double score, int forced)
{
	struct link *l;

	xgrow(&m->links, &m->lcap, m->nlinks + 1, sizeof *m->links);
	l = &m->links[m->nlinks++];
	l->from = from;
	l->to = to;
	l->relation = rel;
	l->score = score;
	l->why = why_of(x, from, to);
	l->forced = forced;
	index_link(x, from, m->nlinks - 1);
	index_link(x, to, m->nlinks - 1);
}

/* Is item IT already the from (or to) side of a same/child link to (from) set S? */
static int
paired(const struct match *m, const struct ctx *x, const struct item *it, const struct set *s,
       int as_from)
{
	size_t k = item_index(x, it);

	for (size_t i = 0; i < x->nil[k]; i++) {
		const struct link *l = &m->links[x->il[k][i]];
		if (strcmp(l->relation, "part") == 0)
			continue;
		if (as_from && l->from == it && l->to->set == s)
			return 1;
		if (!as_from && l->to == it && l->from->set == s)
			return 1;
	}
	return 0;
}

static int
linked(const struct match *m, const struct ctx *x, const struct item *a, const struct item *b)
{
	size_t k = item_index(x, a);

	for (size_t i = 0; i < x->nil[k]; i++) {
		const struct link *l = &m->links[x->il[k][i]];
		if ((l->from == a && l->to == b) || (l->from == b && l->to == a))
			return 1;
	}
	return 0;
}

/* Does a target of A track the same thing as a target of B (for part links)? */
static double
best_target_sim(struct ctx *x, const struct item *a, const struct item *b)
{
	size_t fa = x->tfirst[item_index(x, a)], fb = x->tfirst[item_index(x, b)];
	const struct vec *va = &x->tv[fa], *vb = &x->tv[fb];
	double best = 0;

	for (size_t i = 0; i < a->targets.n; i++)
		for (size_t j = 0; j < b->targets.n; j++) {
			double s;
			if (x->tclass[fa + i] != x->tclass[fb + j])
				continue;
			s = vec_cos(&va[i], &vb[j]);
			if (s > best)
				best = s;
		}
	return best;
}

/*
 * Link the items of FROM to those of TO: optimal one-to-one pairs as REL (same or child),
 * then part links for what is left.  With ONLY_UNPAIRED, items already paired with the
 * set in between are left out (2024 → 2026 for items absent in 2025).
 */
static void
link_pair(struct match *m, struct ctx *x, struct set *from, struct set *to, const char *rel,
          const struct set *skip)
{
	size_t n = from->nitems, k = to->nitems;
	double *s = xcalloc(n * k + 1, sizeof *s);
	int *row = xcalloc(n + 1, sizeof *row);
	int *taken = xcalloc(k + 1, sizeof *taken);
	int district = strcmp(rel, "child") == 0;

	char *rowout = xcalloc(n + 1, 1), *colout = xcalloc(k + 1, 1);

	/* What is already paired is out of this assignment: asked once per item. */
	for (size_t i = 0; i < n; i++)
		rowout[i] = paired(m, x, &from->items[i], to, 1) ||
		            (skip && paired(m, x, &from->items[i], skip, 1));
	for (size_t j = 0; j < k; j++)
		colout[j] = paired(m, x, &to->items[j], from, 0) ||
		            (skip && paired(m, x, &to->items[j], skip, 0));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < k; j++) {
			struct item *a = &from->items[i], *b = &to->items[j];
			int out = rowout[i] || colout[j] ||
			          (m->naliases && alias_says(m, "nolink", a, -1, b, -1)) ||
			          (x->nil[item_index(x, a)] && linked(m, x, a, b));
			s[i * k + j] = out ? -1 : vec_cos(&x->iv[item_index(x, a)], &x->iv[item_index(x, b)]);
		}
	free(rowout);
	free(colout);
	match_assign(s, n, k, MATCH_SAME, row);
	for (size_t i = 0; i < n; i++)
		if (row[i] >= 0) {
			add_link(m, x, &from->items[i], &to->items[row[i]], rel, s[i * k + row[i]], 0);
			taken[row[i]] = 1;
		}
	/* Part links: an item left over that shares much with one item of the other set, or
	 * carries one of its targets (口袋公园 moved into 城市居住品质提升).  Not over a gap
	 * of years: there only the same item is looked for. */
	for (size_t i = 0; i < n && !skip; i++) {
		struct item *a = &from->items[i];
		double best = -1, bt = 0;
		size_t bj = k;
		if (row[i] >= 0 || paired(m, x, a, to, 1) || (skip && paired(m, x, a, skip, 1)))
			continue;
		/* 备注 市区级民生实事存在交叉: the notice itself says the item overlaps a city one. */
		double part_min = district && strstr(a->note, "交叉") ? MATCH_PART * 0.66 : MATCH_PART;
		for (size_t j = 0; j < k; j++) {
			double sc = s[i * k + j], ts;
			/* A district's own item overlapping a city item (备注 市区级民生实事存在交叉)
			 * may be part of a city item that a broken-down item already took. */
			if (sc < 0)
				continue;
			ts = best_target_sim(x, a, &to->items[j]);
			/* An item that continues may still have taken in a target of one that
			 * ended (its metric alone says so); otherwise a taken item is left to its
			 * own pair, except for a district's own items. */
			if (taken[j] && !district && ts < 0.75)
				continue;
			if (sc >= part_min || (ts >= 0.55 && sc >= 0.08) || (taken[j] && ts >= 0.75)) {
				double v = sc + ts * 0.5;
				if (v > best) {
					best = v;
					bj = j;
					bt = sc;
				}
			}
		}
		if (bj < k)
			add_link(m, x, a, &to->items[bj], "part", bt, 0);
	}
	free(s);
	free(row);
	free(taken);
}

static int
cmp_jur_year(const void *a, const void *b)
{
	const struct set *x = *(struct set *const *)a, *y = *(struct set *const *)b;
	int r = strcmp(x->jurisdiction, y->jurisdiction);
	if (r)
		return r;
	/* Same jurisdiction and year (two sets): keep the catalog order. */
	return x->year != y->year ? x->year - y->year : (x < y ? -1 : x > y);
}

static void
link_all(struct match *m, struct ctx *x)
{
	struct corpus *c = x->c;
	struct set **by = xcalloc(c->nsets + 1, sizeof *by);

	/* Forced links first: they win over the automatic assignment. */
	for (size_t i = 0; i < m->naliases; i++) {
		struct alias *al = &m->aliases[i];
		struct item *a = al->a, *b = al->b;
		if (strcmp(al->kind, "link") != 0)
			continue;
		if (a->set->year > b->set->year || (b->set->up == NULL && a->set->up != NULL)) {
			struct item *t = a;
			a = b;
			b = t;
		}
		add_link(m, x, a, b, a->set->up == b->set ? "child" : "same",
		         vec_cos(&x->iv[item_index(x, a)], &x->iv[item_index(x, b)]), 1);
	}
	/* Each jurisdiction along its years: consecutive pairs, then over a gap.  Sorting by
	 * jurisdiction and year finds the groups without comparing every pair of sets. */
	for (size_t i = 0; i < c->nsets; i++)
		by[i] = &c->sets[i];
	qsort(by, c->nsets, sizeof *by, cmp_jur_year);
	for (size_t i = 0, j; i < c->nsets; i = j) {
		for (j = i + 1; j < c->nsets && strcmp(by[j]->jurisdiction, by[i]->jurisdiction) == 0; j++)
			;
		for (size_t k = i; k + 1 < j; k++)
			link_pair(m, x, by[k], by[k + 1], "same", NULL);
		for (size_t k = i; k + 2 < j; k++)
			link_pair(m, x, by[k], by[k + 2], "same", by[k + 1]);
	}
	/* Each district to its city. */
	for (size_t i = 0; i < c->nsets; i++)
		if (c->sets[i].up)
			link_pair(m, x, &c->sets[i], c->sets[i].up, "child", NULL);
	free(by);
}

/* ---- series ---- */

struct tref {
	struct item *item;
	int t;
	struct vec v;
	int group;
};

struct edge {
	size_t a, b;
	double w;
};

static int
cmp_edge(const void *a, const void *b)
{
	double x = ((const struct edge *)a)->w, y = ((const struct edge *)b)->w;
	return x < y ? 1 : x > y ? -1 : 0;
}

static int
find(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

/* The largest idf among the bigrams two vectors share. */
static double
rarest_shared(const struct ctx *x, const struct vec *a, const struct vec *b)
{
	double best = 0;
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		if (a->id[i] == b->id[j]) {
			double w = idf(x, a->id[i]);
			if (w > best)
				best = w;
			i++;
			j++;
		} else if (a->id[i] < b->id[j])
			i++;
		else
			j++;
	}
	return best;
}

static int
cmp_member(const void *a, const void *b)
{
	const struct series_member *x = a, *y = b;
	if (x->item->set->year != y->item->set->year)
		return x->item->set->year - y->item->set->year;
	/* City before district in the same year. */
	if ((x->item->set->up != NULL) != (y->item->set->up != NULL))
		return x->item->set->up != NULL ? 1 : -1;
	return strcmp(x->item->set->id, y->item->set->id);
}

static void
build_series(struct match *m, struct ctx *x)
{
	struct tref *tr = NULL;
	size_t nt = 0, tcap = 0, ne = 0, ecap = 0;
	struct edge *e = NULL;
	int *parent, **inv = NULL;
	size_t *ninv, *icap;
	size_t *first = xcalloc(x->nitems + 1, sizeof *first);

	for (size_t k = 0; k < x->nitems; k++) {
		struct item *it = x->items[k];
		first[k] = nt;
		for (size_t t = 0; t < it->targets.n; t++) {
			xgrow(&tr, &tcap, nt + 1, sizeof *tr);
			tr[nt].item = it;
			tr[nt].t = (int)t;
			tr[nt].v = x->tv[x->tfirst[k] + t]; /* borrowed from the context */
			nt++;
		}
	}
	first[x->nitems] = nt;
	/* Within linked items: the optimal pairing of their targets by metric. */
	for (size_t l = 0; l < m->nlinks; l++) {
		size_t ia = item_index(x, m->links[l].from), ib = item_index(x, m->links[l].to);
		size_t na = first[ia + 1] - first[ia], nb = first[ib + 1] - first[ib];
		double *s = xcalloc(na * nb + 1, sizeof *s);
		int *row = xcalloc(na + 1, sizeof *row);
		for (size_t i = 0; i < na; i++)
			for (size_t j = 0; j < nb; j++) {
				struct tref *a = &tr[first[ia] + i], *b = &tr[first[ib] + j];
				const char *ua = a->item->targets.v[a->t].unit, *ub = b->item->targets.v[b->t].unit;
				/* Within linked items the same unit is itself a hint. */
				/* Pairs of other units take part in the assignment (救护师资 500名 is
				 * the counterpart of 救护师资培训 20人次, which must not take another
				 * target instead) but do not make series. */
				s[i * nb + j] = vec_cos(&a->v, &b->v) + (strcmp(ua, ub) == 0 ? 0.1 : 0);
			}
		match_assign(s, na, nb, 0.2, row);
		for (size_t i = 0; i < na; i++)
			if (row[i] >= 0 && tr[first[ia] + i].item->set != tr[first[ib] + (size_t)row[i]].item->set &&
			    x->tclass[first[ia] + i] == x->tclass[first[ib] + (size_t)row[i]]) {
				xgrow(&e, &ecap, ne + 1, sizeof *e);
				e[ne].a = first[ia] + i;
				e[ne].b = first[ib] + (size_t)row[i];
				e[ne].w = 1 + s[i * nb + row[i]];
				ne++;
			}
		free(s);
		free(row);
	}
	/* Across items: a target that moved to another item, or a district's own item
	 * tracking a city target.  Candidates share a bigram (inverted index), never all
	 * pairs. */
	inv = xcalloc(x->gm.n + 1, sizeof *inv);
	ninv = xcalloc(x->gm.n + 1, sizeof *ninv);
	icap = xcalloc(x->gm.n + 1, sizeof *icap);
	for (size_t i = 0; i < nt; i++)
		for (size_t g = 0; g < tr[i].v.n; g++) {
			int id = tr[i].v.id[g];
			xgrow(&inv[id], &icap[id], ninv[id] + 1, sizeof(int));
			inv[id][ninv[id]++] = (int)i;
		}
	{
		int *seen = xcalloc(nt + 1, sizeof *seen);
		double rare = log((x->ndocs + 1) / 4.0) + 0.1; /* in at most ~3 items */
		for (size_t i = 0; i < nt; i++) {
			for (size_t g = 0; g < tr[i].v.n; g++) {
				int id = tr[i].v.id[g];
				if (ninv[id] > 200)
					continue; /* too common to tell anything */
				for (size_t q = 0; q < ninv[id]; q++) {
					size_t j = (size_t)inv[id][q];
					double sim;
					/* tr is in the context's target order: tclass applies. */
					if (j <= i || seen[j] == (int)i + 1 || tr[i].item->set == tr[j].item->set ||
					    x->tclass[i] != x->tclass[j])
						continue;
					seen[j] = (int)i + 1;
					sim = vec_cos(&tr[i].v, &tr[j].v);
					/* Across unlinked items the metrics must share a rare term
					 * (托位), not only a common one (学生, 学校, 完工). */
					if (sim >= 0.6 && rarest_shared(x, &tr[i].v, &tr[j].v) >= rare) {
						xgrow(&e, &ecap, ne + 1, sizeof *e);
						e[ne].a = i;
						e[ne].b = j;
						e[ne].w = sim;
						ne++;
					}
				}
			}
		}
		free(seen);
	}
	/* Aliases: forced memberships first, forbidden ones never. */
	for (size_t i = 0; i < m->naliases; i++) {
		struct alias *al = &m->aliases[i];
		if (strcmp(al->kind, "series") != 0)
			continue;
		xgrow(&e, &ecap, ne + 1, sizeof *e);
		e[ne].a = first[item_index(x, al->a)] + (size_t)al->ta;
		e[ne].b = first[item_index(x, al->b)] + (size_t)al->tb;
		e[ne].w = 100;
		ne++;
	}
	if (ne)
		qsort(e, ne, sizeof *e, cmp_edge);
	parent = xcalloc(nt + 1, sizeof *parent);
	{
		/* Union-find with the member list of each root, so that a merge checks only
		 * the two groups' members. */
		int **mem = xcalloc(nt + 1, sizeof *mem);
		size_t *nmem = xcalloc(nt + 1, sizeof *nmem), *mcap = xcalloc(nt + 1, sizeof *mcap);
		for (size_t i = 0; i < nt; i++) {
			parent[i] = (int)i;
			xgrow(&mem[i], &mcap[i], 1, sizeof(int));
			mem[i][0] = (int)i;
			nmem[i] = 1;
		}
		for (size_t k = 0; k < ne; k++) {
			int ra = find(parent, (int)e[k].a), rb = find(parent, (int)e[k].b), clash = 0;
			if (ra == rb)
				continue;
			/* At most one member per set, and no forbidden pair. */
			for (size_t i = 0; i < nmem[ra] && !clash; i++)
				for (size_t j = 0; j < nmem[rb] && !clash; j++) {
					struct tref *p = &tr[mem[ra][i]], *q = &tr[mem[rb][j]];
					clash = p->item->set == q->item->set ||
					        alias_says(m, "noseries", p->item, p->t, q->item, q->t);
				}
			if (clash)
				continue;
			parent[rb] = ra;
			xgrow(&mem[ra], &mcap[ra], nmem[ra] + nmem[rb], sizeof(int));
			memcpy(mem[ra] + nmem[ra], mem[rb], nmem[rb] * sizeof(int));
			nmem[ra] += nmem[rb];
			nmem[rb] = 0;
		}
		for (size_t i = 0; i < nt; i++)
			free(mem[i]);
		free(mem);
		free(nmem);
		free(mcap);
	}
	/* Groups of two or more are series: bucket the targets by their root once. */
	{
		size_t *cnt = xcalloc(nt + 1, sizeof *cnt), *slot = xcalloc(nt + 1, sizeof *slot);
		for (size_t i = 0; i < nt; i++)
			cnt[find(parent, (int)i)]++;
		for (size_t i = 0; i < nt; i++) {
			int r = find(parent, (int)i);
			struct series *s;
			if (cnt[r] < 2)
				continue;
			if ((size_t)r == i || slot[r] == 0) {
				if (slot[r] == 0) {
					xgrow(&m->series, &m->scap, m->nseries + 1, sizeof *m->series);
					s = &m->series[m->nseries++];
					memset(s, 0, sizeof *s);
					s->m = xcalloc(cnt[r], sizeof *s->m);
					slot[r] = m->nseries;
				}
			}
			s = &m->series[slot[r] - 1];
			s->m[s->n].item = tr[i].item;
			s->m[s->n].t = tr[i].t;
			s->n++;
		}
		free(cnt);
		free(slot);
	}
	for (size_t k = 0; k < m->nseries; k++) {
		struct series *s = &m->series[k];
		const struct series_member *f;
		const char *best = NULL;
		qsort(s->m, s->n, sizeof *s->m, cmp_member);
		f = &s->m[0];
		s->id = xasprintf("%s:%s:%d", f->item->set->id, f->item->seq, f->t + 1);
		s->unit = xstrdup(f->item->targets.v[f->t].unit);
		/* The shortest metric that says something names the series; a city's wording
		 * before a district's. */
		for (int pass = 0; pass < 2 && !best; pass++)
			for (size_t j = 0; j < s->n; j++) {
				const char *mt = s->m[j].item->targets.v[s->m[j].t].metric;
				if (pass == 0 && s->m[j].item->set->up)
					continue;
				if (text_width(mt) >= 4 && (!best || strlen(mt) < strlen(best)))
					best = mt;
			}
		s->metric = xstrdup(best ? best : f->item->targets.v[f->t].metric);
	}
	for (size_t i = 0; i < x->gm.n; i++)
		free(inv[i]);
	free(inv);
	free(ninv);
	free(icap);
	free(tr);
	free(e);
	free(parent);
	free(first);
}

void
match_run(struct match *m, struct corpus *c)
{
	struct ctx x;

	ctx_init(&x, c);
	link_all(m, &x);
	build_series(m, &x);
	ctx_release(&x);
}

void
match_release(struct match *m)
{
	for (size_t i = 0; i < m->nlinks; i++)
		free(m->links[i].why);
	free(m->links);
	for (size_t i = 0; i < m->nseries; i++) {
		free(m->series[i].id);
		free(m->series[i].metric);
		free(m->series[i].unit);
		free(m->series[i].m);
	}
	free(m->series);
	free(m->aliases);
	memset(m, 0, sizeof *m);
}
