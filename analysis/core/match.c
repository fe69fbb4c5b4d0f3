/* match: see match.h. */
#include "core/match.h"
#include <stdio.h>

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/bulk.h"
#include "base/csvio.h"
#include "base/memo.h"
#include "base/par.h"
#include "base/text.h"
#include "base/util.h"


/* ---- bigram vectors ---- */

struct gmap {
	uint64_t *key;
	int *val;
	size_t cap, n;
};

/* G with twice the room, its keys where they now belong. */
static void
gmap_grow(struct gmap *g)
{
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

/* The number of key K in G; with INSERT, a new key is given the next number.  In line:
 * asked for every bigram of every text. */
static inline int
gmap_get(struct gmap *g, uint64_t k, int insert)
{
	size_t i;

	if (insert && (g->n + 1) * 2 > g->cap)
		gmap_grow(g);
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

/*
 * Bigrams (two code points, one 64-bit key) are numbered by the rank of their key among
 * all the corpus's bigrams, so that a vector sorted by number is sorted by key: a sum over
 * shared bigrams runs in the same order whatever else the corpus holds, and what two sets
 * share never depends on which sets were read before them.
 */
struct vec {
	const uint32_t *id;   /* bigram numbers, ascending */
	const uint32_t *loc;  /* each one's index in the pair's bigrams */
	const double *w;
	size_t n;
	double norm;
};

/* A text's bigrams (ascending) with twice their weighed count, capped at 6 (the count
 * weighs at most 3; weights are halves, so the value is exact). */
struct glist {
	const uint32_t *id;
	const uint8_t *tf2;
	size_t n;
};

/* The bigrams a bulk piece holds: an id and a weight each. */
#define GCHUNK_CAP (BULK_PIECE / (sizeof(uint32_t) + 1))
/* Bigram lists of one thread, in chunks that never move. */
struct garena {
	struct gchunk {
		uint32_t *id;
		uint8_t *tf2;
		size_t n, cap;
	} *c;
	size_t nc, ccap;
};

/* Between two targets (indexes in the context's list: a corpus has far fewer than 2^32),
 * 16 bytes: a national corpus makes millions. */
struct edge {
	uint32_t a, b;
	double w;
};

/* Two sets whose targets may form series, and what their edges weigh (series_pairs). */
struct spair {
	struct set *a, *b;
	double weight;
};

/* A list of edges in blocks that are never moved: a thread's list grows to millions at
 * national scale, and an array doubled would copy them all again (and touch twice the
 * memory).  A block is a bulk piece (the synthetic corpus of make test fills two). */
#define EDGE_BLOCK ((BULK_PIECE - 2 * sizeof(size_t)) / sizeof(struct edge))
struct eblock {
	struct eblock *next;
	size_t n;
	struct edge v[EDGE_BLOCK];
};
_Static_assert(sizeof(struct eblock) <= BULK_PIECE, "an edge block is a bulk piece");

struct edges {
	struct eblock *head, *tail;
	size_t n;
};

static void
edges_free(struct edges *e)
{
	for (struct eblock *k = e->head, *next; k; k = next) {
		next = k->next;
		bulk_unpiece(k);
	}
	*e = (struct edges){ 0 };
}

struct ctx {
	struct corpus *c;
	struct item **items;
	struct glist *ig;     /* item bigrams, by item index */
	size_t nitems;
	uint64_t *gkey;       /* the key of each bigram number, ascending */
	size_t ngram;
	struct gmap gnum;     /* key → number */
	struct garena *arenas;
	size_t narenas;
	size_t *base;         /* index of the first item of each set */
	size_t *sgi, *sgt;    /* each set's count of its items' bigrams, and of its targets' */
	size_t nforced;       /* the links forced by aliases */
	size_t **il, *nil, *ilcap; /* each item's links (indexes into the match's links, or
	                         * while the years are linked in parallel, LOCAL_LINK
	                         * references into a jurisdiction's own sink) */
	struct sink {         /* the links one jurisdiction's years make, in order */
		struct link *v;
		size_t n, cap;
	} *sinks;
	struct glist *tg;     /* every target's metric bigrams, item after item */
	size_t *tfirst;       /* index in tg of each item's first target */
	int *tclass;          /* per target: kind and unit class as one number; targets are
	                         comparable when theirs are equal */
	struct keep metrics;  /* each metric's text → its struct metric_grams, while read */
	struct classes {      /* the classes met so far (class_of), each by its first */
		pthread_mutex_t lock;
		const char **unit;
		enum tkind *kind;
		size_t n, ucap, kcap;
	} cls;
	unsigned char *tflag; /* per target: TF_ flags of its metric */
	unsigned char *gpeople; /* per bigram: a word for people (妇女, 学生) */
	struct edges edges;   /* the series edges the linked pairs made */
};

enum {
	TF_REACH = 1,         /* counts whom a programme reaches (is_reach) */
	TF_LATIN = 2,         /* has a Latin word of two letters or more (AED) */
};

/* A list of target bigrams whose vector a pair has made, at AT in its vectors. */
struct vseen {
	const uint32_t *list;
	size_t n, at;
};

/* One thread's working array over the corpus's bigrams: each one's index in the pair
 * being compared (-1 when not in it), reset bigram by bigram when the pair is done. */
struct scratch {
	int *loc;
	/* The arrays of the thread's pair, kept from one pair to the next: a national corpus
	 * makes a hundred thousand pairs, each of a dozen arrays (a malloc, a free and fresh
	 * pages each time). */
	struct room {
		void *p;
		size_t cap;    /* bytes */
	} gid, cnt, idfv, ids, locs, ws, iv, tv, vh, vused, tfirst, score, pfirst, pwho, pwt,
	        post, seen, row, taken, out;
	/* Each of the pair's bigrams' number among the rare ones its postings list (struct
	 * postings), -1 between pairs; room for NRK bigrams. */
	int *rk;
	size_t nrk;
	/* The idf of a count c in a pair of n items, by[n][c]: made once for each n. */
	double **by;
	size_t nby;
	/* How many items of the set BSET have each bigram (bdf_load), or BSET NULL and
	 * BDF all 0: a city's year is the B of the series pairs of all its districts'
	 * other years, which are taken one after another. */
	int *bdf;
	const struct set *bset;
};

/* Room for N elements of SIZE bytes in R (its old contents lost). */
static void *
room(struct room *r, size_t n, size_t size)
{
	if (n * size > r->cap) {
		free(r->p);
		r->cap = n * size * 3 / 2;
		r->p = xmalloc(r->cap);
	}
	return r->p;
}

/*
 * Two sets compared: what makes a bigram telling (its rarity) is counted over the items of
 * these two sets only, so that links and series between them do not change when other
 * sets are loaded.  Vectors of their items and targets, weighed so.
 */
struct pair {
	const struct ctx *x;
	struct scratch *w;
	const struct set *a, *b;
	size_t abase, bbase;  /* item_index of a's first item, of b's */
	uint32_t *gid;        /* the pair's bigrams (numbers) in the order met */
	size_t ng;
	size_t nga;           /* with items, how many of them a's items have: the first */
	double ndocs;
	double *idfv;         /* the idf of each of the pair's bigrams */
	uint32_t *ids, *locs; /* the arena of the vectors' numbers, indexes and weights */
	double *ws;
	size_t used;
	double idf0;          /* the idf of a bigram none of the pair's items has */
	struct vec *iv;       /* the items of a, then of b */
	struct vec *tv;       /* their targets, item after item */
	size_t *tfirst;       /* index in tv of each of those items' first target */
};

static int
is_word_cp(int32_t c)
{
	return text_is_han(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * A bigram met in a text: its key (two code points, 21 bits each) shifted past three bits
 * that hold twice its weight (1, 2 or 4: units, task, name), so that sorting the numbers
 * sorts by key and equal keys end up side by side.  Eight bytes, not a key and a double:
 * every text of the corpus is sorted so.
 */
#define GRAM_KEY(g) ((g) >> 3)
#define GRAM_W2(g) ((unsigned)((g) & 7))

/* The bigrams of S (NFKC, lower-case Latin), each weighing W2 / 2, appended to OUT. */
static void
grams_of(const char *s, unsigned w2, uint64_t **out, size_t *n, size_t *cap)
{
	const char *p = s;
	int32_t c, prev = 0;
	int k;
	uint64_t *g;

	/* Room for all at once: a text has fewer bigrams than bytes. */
	xgrow(out, cap, *n + strlen(s) + 1, sizeof **out);
	g = *out;
	while ((k = u8_next(p, &c)) > 0) {
		/* A common ideograph is a word's character as it stands (most of them are). */
		if ((c >= 0x4E00 && c <= 0x9FFF) || is_word_cp(c = text_fold_cp(c))) {
			if (prev)
				g[(*n)++] = (((uint64_t)prev << 21 | (uint64_t)c) << 3) | w2;
			prev = c;
		} else if (!text_is_space(c))
			prev = 0; /* a space inside a word (PDF residue) does not break it */
		p += k;
	}
}

/* G sorted: a text's few hundred bigrams, sorted for every item and target of the corpus,
 * so in line rather than through qsort's comparison calls.  The keys are in no order, so a
 * comparison's branch is mispredicted one time in two: each partition step moves its key
 * and counts it by the comparison's value instead (Lomuto's scheme without a branch). */
static void
grams_sort(uint64_t *g, size_t n)
{
	while (n > 16) {
		uint64_t a = g[0], b = g[n / 2], c = g[n - 1], piv, t;
		size_t at, j = 0, k;
		/* The median of three, put last. */
		piv = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		at = piv == a ? 0 : piv == b ? n / 2 : n - 1;
		g[at] = g[n - 1];
		g[n - 1] = piv;
		for (size_t i = 0; i < n - 1; i++) {
			t = g[i];
			g[i] = g[j];
			g[j] = t;
			j += t < piv;
		}
		g[n - 1] = g[j];
		g[j] = piv;
		/* Few below the pivot: the keys equal to it (a text that repeats a word) put
		 * next to it, so that they are not split again and again. */
		k = j + 1;
		if (j < n / 4)
			for (size_t i = k; i < n; i++) {
				t = g[i];
				g[i] = g[k];
				g[k] = t;
				k += t == piv;
			}
		/* G[0..j) below the pivot, G[j..k) equal to it, G[k..n) above: recurse on the
		 * smaller side, loop on the larger. */
		if (j < n - k) {
			grams_sort(g, j);
			g += k;
			n -= k;
		} else {
			grams_sort(g + k, n - k);
			n = j;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t t = g[i];
		size_t j = i;
		while (j > 0 && g[j - 1] > t) {
			g[j] = g[j - 1];
			j--;
		}
		g[j] = t;
	}
}

/* Each key once, ascending, with twice its weighed count capped at 6 (the count weighs at
 * most 3) in the low bits; returns the new count. */
static size_t
grams_merge(uint64_t *g, size_t n)
{
	size_t o = 0;
	unsigned w2 = 0;

	grams_sort(g, n);
	for (size_t i = 0; i < n; i++) {
		if (o && GRAM_KEY(g[o - 1]) == GRAM_KEY(g[i])) {
			w2 += GRAM_W2(g[i]);
			g[o - 1] = GRAM_KEY(g[i]) << 3 | (w2 > 6 ? 6 : w2);
		} else {
			w2 = GRAM_W2(g[i]);
			g[o++] = g[i];
		}
	}
	return o;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The number of the bigram KEY, or -1 when no text of the corpus has it. */
static long
gram_number(const struct ctx *x, uint64_t key)
{
	return gmap_get((struct gmap *)&x->gnum, key, 0);
}

/* The idf in the pair of bigram ID. */
static double
idf(const struct pair *p, uint32_t id)
{
	int k = p->w->loc[id];
	return k < 0 ? p->idf0 : p->idfv[k];
}

/* Room for N entries in arena A, in one chunk. */
static struct gchunk *
garena_room(struct garena *a, size_t n)
{
	struct gchunk *ch = a->nc ? &a->c[a->nc - 1] : NULL;

	if (!ch || ch->n + n > ch->cap) {
		xgrow(&a->c, &a->ccap, a->nc + 1, sizeof *a->c);
		ch = &a->c[a->nc++];
		ch->n = 0;
		/* A bulk piece, its ids then their weights; a longer list, blocks of its own. */
		if (n <= GCHUNK_CAP) {
			ch->cap = GCHUNK_CAP;
			ch->id = bulk_piece();
			ch->tf2 = (uint8_t *)(ch->id + GCHUNK_CAP);
		} else {
			ch->cap = n;
			ch->id = xmalloc(n * sizeof *ch->id);
			ch->tf2 = xmalloc(n);
		}
	}
	return ch;
}

static void
garena_free(struct garena *a)
{
	for (size_t i = 0; i < a->nc; i++)
		if (a->c[i].cap == GCHUNK_CAP) {
			bulk_unpiece(a->c[i].id);
		} else {
			free(a->c[i].id);
			free(a->c[i].tf2);
		}
	free(a->c);
}

/* One thread's bigrams met so far: key → its own number (made the corpus's number once
 * every thread is done), and the key of each. */
struct gdict {
	struct gmap map;
	uint64_t *key;
	size_t cap;
};

/* A text's bigrams as a glist in arena A, numbered in dictionary D. */
static struct glist
glist_make(struct garena *a, struct gdict *d, uint64_t *g, size_t n)
{
	struct glist l = { 0 };
	struct gchunk *ch;

	n = grams_merge(g, n); /* sorts by key */
	ch = garena_room(a, n);
	for (size_t i = 0; i < n; i++) {
		int k = gmap_get(&d->map, GRAM_KEY(g[i]), 1);
		if ((size_t)k + 1 == d->map.n) {
			xgrow(&d->key, &d->cap, d->map.n, sizeof *d->key);
			d->key[k] = GRAM_KEY(g[i]);
		}
		ch->id[ch->n + i] = (uint32_t)k;
		ch->tf2[ch->n + i] = (uint8_t)GRAM_W2(g[i]);
	}
	l.id = ch->id + ch->n;
	l.tf2 = ch->tf2 + ch->n;
	l.n = n;
	ch->n += n;
	return l;
}

static void
scratch_init(struct scratch *w, const struct ctx *x)
{
	memset(w, 0, sizeof *w);
	w->loc = xmalloc((x->ngram + 1) * sizeof *w->loc);
	memset(w->loc, 0xff, (x->ngram + 1) * sizeof *w->loc);
}

static void
scratch_release(struct scratch *w)
{
	struct room *r[] = { &w->gid, &w->cnt, &w->idfv, &w->ids, &w->locs, &w->ws, &w->iv,
		             &w->tv, &w->vh, &w->vused, &w->tfirst, &w->score, &w->pfirst,
		             &w->pwho, &w->pwt, &w->post, &w->seen, &w->row, &w->taken, &w->out };

	free(w->loc);
	for (size_t i = 0; i < NELEM(r); i++)
		free(r[i]->p);
	for (size_t i = 0; i < w->nby; i++)
		free(w->by[i]);
	free(w->by);
	free(w->rk);
	free(w->bdf);
}

/* The vector of a target's bigrams L: tf (capped) times the pair's idf, with its norm;
 * bigrams none of the pair's items has (CNT, the pair's counts) are left out (a target's
 * label may add words of its own: 面积, 累计). */
static inline struct vec
vec_make(struct pair *p, const struct glist *l, const int *cnt)
{
	struct vec v = { 0 };
	uint32_t *id = p->ids + p->used, *loc = p->locs + p->used;
	double *w = p->ws + p->used, norm = 0;
	const int *ploc = p->w->loc;

	/* In the pair's arena, not a malloc per vector: a pair makes thousands. */
	for (size_t i = 0; i < l->n; i++) {
		int k = ploc[l->id[i]];
		if (k < 0 || cnt[k] == 0)
			continue;
		id[v.n] = l->id[i];
		loc[v.n] = (uint32_t)k;
		w[v.n] = l->tf2[i] / 2.0 * p->idfv[k];
		norm += w[v.n] * w[v.n];
		v.n++;
	}
	v.id = id;
	v.loc = loc;
	v.w = w;
	v.norm = sqrt(norm);
	p->used += v.n;
	return v;
}

/* The vector of an item's bigrams L, whose indexes in the pair pair_counts() wrote at LOC:
 * vec_make's, without a look-up per bigram.  Its numbers are the list's own (every one
 * of an item's bigrams is the pair's); its weights go at W. */
static inline struct vec
vec_of_item(const struct pair *p, const struct glist *l, const uint32_t *loc, double *w)
{
	double norm = 0;

	for (size_t i = 0; i < l->n; i++) {
		w[i] = l->tf2[i] / 2.0 * p->idfv[loc[i]];
		norm += w[i] * w[i];
	}
	return (struct vec){ .id = l->id, .loc = loc, .w = w, .n = l->n, .norm = sqrt(norm) };
}

static double
vec_cos(const struct vec *a, const struct vec *b)
{
	double dot = 0;
	size_t i = 0, j = 0, na = a->n, nb = b->n;

	if (a->norm == 0 || b->norm == 0)
		return 0;
	/* The two lists walked without a branch on their numbers (which comes first is
	 * anyone's guess): a product is taken at every step and added only where the numbers
	 * are one (adding +0 leaves the sum, which is never -0, as it is). */
	while (i < na && j < nb) {
		uint32_t x = a->id[i], y = b->id[j];
		double p = a->w[i] * b->w[j];
		dot += x == y ? p : 0.0;
		i += x <= y;
		j += y <= x;
	}
	return dot / (a->norm * b->norm);
}

static void
item_grams(const struct item *it, uint64_t **g, size_t *n, size_t *cap)
{
	grams_of(it->name, 4, g, n, cap);
	grams_of(it->task, 2, g, n, cap);
	grams_of(it->units, 1, g, n, cap);
}

static size_t
item_index(const struct ctx *x, const struct item *it)
{
	return x->base[it->set - x->c->sets] + (size_t)(it - it->set->items);
}

static int is_reach(const char *m);

/* Does S have a Latin word of two letters or more? */
static int
has_latin_word(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]))
			return 1;
	return 0;
}

/* A (kind, unit) seen, and its class. */
struct unit_seen {
	enum tkind kind;
	const char *unit;
	int q;
};

/* What a thread has seen of (kind, unit) pairs: a small open-addressing table. */
#define SEEN_CAP 1024
struct seen_units {
	struct unit_seen v[SEEN_CAP];
	size_t n;
};

/*
 * The class of (KIND, UNIT), named once so that the loops compare ints: units comparable
 * (处 and 台) are one class.  Each thread remembers the exact pairs it met in S, so that a
 * million targets do not each search the classes; a pair it has not met is looked for
 * among the classes of all threads, under their lock.  Classes are only ever compared for
 * equality, and comparability groups units whatever their order: which thread names a
 * class first does not matter.
 */
static int
class_of(struct ctx *x, struct seen_units *s, enum tkind kind, const char *unit)
{
	struct classes *c = &x->cls;
	uint64_t h = 1469598103934665603ull ^ (uint64_t)kind;
	size_t at, q;

	for (const char *p = unit; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	for (at = (size_t)h & (SEEN_CAP - 1); s->v[at].unit; at = (at + 1) & (SEEN_CAP - 1))
		if (s->v[at].kind == kind && strcmp(s->v[at].unit, unit) == 0)
			return s->v[at].q;
	pthread_mutex_lock(&c->lock);
	for (q = 0; q < c->n; q++)
		if (c->kind[q] == kind && match_units_comparable(c->unit[q], unit))
			break;
	if (q == c->n) {
		xgrow(&c->unit, &c->ucap, c->n + 1, sizeof *c->unit);
		xgrow(&c->kind, &c->kcap, c->n + 1, sizeof *c->kind);
		c->unit[c->n] = unit;
		c->kind[c->n] = kind;
		c->n++;
	}
	pthread_mutex_unlock(&c->lock);
	/* Full enough: the rest goes the long way (units are few). */
	if (2 * (s->n + 1) <= SEEN_CAP) {
		s->v[at] = (struct unit_seen){ kind, unit, (int)q };
		s->n++;
	}
	return (int)q;
}

/* One thread's part of the items (runs taken as it asks): their bigrams and their
 * targets' bigrams, numbered in the thread's dictionary, then renumbered; what the
 * targets' metrics say that the series step asks of every pair of them. */
struct grams_job {
	struct ctx *x;
	struct garena *arena;
	struct gdict d;
	uint32_t *renum;      /* the thread's number → the corpus's */
	struct pool metrics;  /* the metrics it read first (struct metric_grams) */
	struct seen_units *seen; /* the (kind, unit) pairs it has met (class_of) */
	struct metric_seen *mseen; /* the metrics it has met, by their interned text */
};

/* What a metric's text says to the series step: a few thousand texts come back on a
 * million targets, each read once (ctx's metrics).  Its bigrams are in the arena of the
 * thread that read it, renumbered with it. */
struct metric_grams {
	struct glist l;
	unsigned char flag;   /* TF_ flags */
};

/* A metric a thread has met, by its text's address (metrics are interned: one text, one
 * address), in a table of MSEEN_CAP places each holding the last one met there: most
 * targets name one of a few thousand metrics, found without the keep's lock or a hash
 * of the text. */
#define MSEEN_CAP 4096
struct metric_seen {
	const char *metric;
	const struct metric_grams *mg;
};

/* Does IT have the bigrams of the item whose targets it copied (same task, name and
 * units)?  Extraction found it, by its task and name. */
static int
shares_list(const struct item *it)
{
	return it->same && strcmp(it->same->units, it->units) == 0;
}

/* The lists of the items that share another's, once every list is made. */
static void
share_lists(void *arg, size_t t, size_t lo, size_t hi)
{
	struct ctx *x = arg;

	(void)t;
	for (size_t k = lo; k < hi; k++)
		if (shares_list(x->items[k]))
			x->ig[k] = x->ig[item_index(x, x->items[k]->same)];
}

/* The bigrams of items [LO, HI), in the arena and dictionary of job T of JOBS.  A block of
 * items in a row (the sets one after another), not every Nth: the bigrams of a set's items
 * then lie together in one thread's arena, and the pairs read them in order. */
static void
grams_run(void *jobs, size_t t, size_t lo, size_t hi)
{
	struct grams_job *j = (struct grams_job *)jobs + t;
	struct ctx *x = j->x;
	uint64_t *g = NULL;
	size_t n, cap = 0;

	if (!j->seen)
		j->seen = xcalloc(1, sizeof *j->seen);
	if (!j->mseen)
		j->mseen = xcalloc(MSEEN_CAP, sizeof *j->mseen);
	for (size_t k = lo; k < hi; k++) {
		const struct item *it = x->items[k];
		/* An item worded as another (a district copying its city, an item back the
		 * next year) will share its list (share_lists). */
		if (!shares_list(it)) {
			n = 0;
			item_grams(it, &g, &n, &cap);
			x->ig[k] = glist_make(j->arena, &j->d, g, n);
		}
		for (size_t t = 0; t < x->items[k]->targets.n; t++) {
			const struct target *tg = &x->items[k]->targets.v[t];
			const char *mt = tg->metric;
			struct metric_seen *ms =
			        &j->mseen[((uintptr_t)mt * 0x9E3779B97F4A7C15ull) >> 52 & (MSEEN_CAP - 1)];
			const struct metric_grams *mg = ms->metric == mt ? ms->mg : NULL;
			if (!mg) {
				uint64_t h = keep_hash(&mt, 1);
				if (!(mg = keep_get(&x->metrics, h, &mt, 1))) {
					struct metric_grams *v = pool_alloc(&j->metrics, sizeof *v);
					n = 0;
					grams_of(mt, 2, &g, &n, &cap);
					v->l = glist_make(j->arena, &j->d, g, n);
					v->flag = (is_reach(mt) ? TF_REACH : 0) |
					          (has_latin_word(mt) ? TF_LATIN : 0);
					mg = keep_put(&x->metrics, h, &mt, 1, v);
				}
				ms->metric = mt;
				ms->mg = mg;
			}
			x->tg[x->tfirst[k] + t] = mg->l;
			x->tflag[x->tfirst[k] + t] = mg->flag;
			x->tclass[x->tfirst[k] + t] = class_of(x, j->seen, tg->kind, tg->unit);
		}
	}
	free(g);
}

static void *
renumber_thread(void *arg)
{
	struct grams_job *j = arg;

	for (size_t c = 0; c < j->arena->nc; c++) {
		struct gchunk *ch = &j->arena->c[c];
		for (size_t i = 0; i < ch->n; i++)
			ch->id[i] = j->renum[ch->id[i]];
	}
	return NULL;
}

/* The bigrams that are words for people: who is served does not say what is counted
 * (only_people_shared). */
static void
mark_people(struct ctx *x)
{
	static const char *const people[] = { "妇女", "儿童", "学生", "老人", "老年", "年人", "家庭",
		                               "居民", "群众", "人员", "青少", "少年", "残疾", "疾人",
		                               "农民", "职工", "教师", "村民", "市民" };

	x->gpeople = xcalloc(x->ngram + 1, 1);
	for (size_t i = 0; i < NELEM(people); i++) {
		int32_t c1, c2;
		int k = u8_next(people[i], &c1);
		long g;
		u8_next(people[i] + k, &c2);
		g = gram_number(x, ((uint64_t)c1 << 21) | (uint64_t)c2);
		if (g >= 0)
			x->gpeople[g] = 1;
	}
}

/* The threads' dictionaries as one: every key once, ascending, numbered by rank (a
 * list sorted by key stays sorted by number). */
static void
number_grams(struct ctx *x, struct grams_job *jobs, size_t nt)
{
	size_t n = 0, o = 0;

	for (size_t t = 0; t < nt; t++)
		n += jobs[t].d.map.n;
	x->gkey = xmalloc((n + 1) * sizeof *x->gkey);
	for (size_t t = 0; t < nt; t++) {
		if (jobs[t].d.map.n)
			memcpy(x->gkey + o, jobs[t].d.key, jobs[t].d.map.n * sizeof *x->gkey);
		o += jobs[t].d.map.n;
	}
	qsort(x->gkey, n, sizeof *x->gkey, cmp_u64);
	o = 0;
	for (size_t i = 0; i < n; i++)
		if (o == 0 || x->gkey[o - 1] != x->gkey[i])
			x->gkey[o++] = x->gkey[i];
	x->ngram = o;
	for (size_t i = 0; i < o; i++)
		gmap_get(&x->gnum, x->gkey[i], 1); /* numbered as inserted: i */
	mark_people(x);
	for (size_t t = 0; t < nt; t++) {
		jobs[t].renum = xmalloc((jobs[t].d.map.n + 1) * sizeof *jobs[t].renum);
		for (size_t k = 0; k < jobs[t].d.map.n; k++)
			jobs[t].renum[k] = (uint32_t)gram_number(x, jobs[t].d.key[k]);
	}
	par_run(renumber_thread, jobs, sizeof *jobs, nt);
	for (size_t t = 0; t < nt; t++) {
		free(jobs[t].renum);
		free(jobs[t].d.key);
		free(jobs[t].d.map.key);
		free(jobs[t].d.map.val);
	}
}

static void
ctx_init(struct ctx *x, struct corpus *c)
{
	struct grams_job jobs[PAR_MAX];
	size_t k = 0, nt;

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
	x->ig = xcalloc(x->nitems + 1, sizeof *x->ig);
	for (size_t i = 0; i < c->nsets; i++)
		for (size_t j = 0; j < c->sets[i].nitems; j++)
			x->items[k++] = &c->sets[i].items[j];
	x->tfirst = xcalloc(x->nitems + 1, sizeof *x->tfirst);
	for (k = 0; k < x->nitems; k++)
		x->tfirst[k + 1] = x->tfirst[k] + x->items[k]->targets.n;
	x->tg = xcalloc(x->tfirst[x->nitems] + 1, sizeof *x->tg);
	x->tclass = xcalloc(x->tfirst[x->nitems] + 1, sizeof *x->tclass);
	x->tflag = xcalloc(x->tfirst[x->nitems] + 1, 1);
	/* Each item's bigrams and its targets' (metrics) and classes, read once, on the
	 * cores; how much each bigram weighs depends on the pair of sets compared (struct
	 * pair). */
	x->arenas = xcalloc(PAR_MAX, sizeof *x->arenas);
	for (size_t t = 0; t < PAR_MAX; t++)
		jobs[t] = (struct grams_job){ .x = x, .arena = &x->arenas[t] };
	pthread_mutex_init(&x->cls.lock, NULL);
	keep_init(&x->metrics, 0);
	nt = par_for_any(x->nitems, 2048, grams_run, jobs);
	par_for_any(x->nitems, 1 << 16, share_lists, x);
	/* What a pair's arrays hold, counted once for each set and not at each of its pairs. */
	x->sgi = xcalloc(c->nsets + 1, sizeof *x->sgi);
	x->sgt = xcalloc(c->nsets + 1, sizeof *x->sgt);
	for (size_t i = 0; i < c->nsets; i++)
		for (k = x->base[i]; k < x->base[i] + c->sets[i].nitems; k++) {
			x->sgi[i] += x->ig[k].n;
			for (size_t t = x->tfirst[k]; t < x->tfirst[k + 1]; t++)
				x->sgt[i] += x->tg[t].n;
		}
	keep_free(&x->metrics);
	pthread_mutex_destroy(&x->cls.lock);
	free(x->cls.unit);
	free(x->cls.kind);
	for (size_t t = 0; t < nt; t++) {
		pool_release(&jobs[t].metrics);
		free(jobs[t].seen);
		free(jobs[t].mseen);
	}
	x->narenas = nt;
	number_grams(x, jobs, nt);
}

/* The bigrams, once every pair is compared: the edges' sort and the series come after,
 * and at national scale they would otherwise be held through the peak. */
static void
ctx_drop_grams(struct ctx *x)
{
	for (size_t t = 0; t < x->narenas; t++)
		garena_free(&x->arenas[t]);
	free(x->arenas);
	free(x->gkey);
	free(x->gnum.key);
	free(x->gnum.val);
	free(x->tg);
	free(x->gpeople);
	free(x->ig);
	x->arenas = NULL;
	x->narenas = 0;
	x->gkey = NULL;
	x->gnum = (struct gmap){ 0 };
	x->tg = x->ig = NULL;
	x->gpeople = NULL;
}

/* Items [FROM, TO)'s lists of links freed (a national corpus has hundreds of thousands:
 * freed on the cores). */
static void
free_links_run(void *arg, size_t t, size_t from, size_t to)
{
	struct ctx *x = arg;

	(void)t;
	for (size_t k = from; k < to; k++)
		free(x->il[k]);
}

static void
ctx_release(struct ctx *x)
{
	par_for(x->nitems, 8192, free_links_run, x);
	ctx_drop_grams(x);
	edges_free(&x->edges);
	free(x->tfirst);
	free(x->sgi);
	free(x->sgt);
	free(x->tclass);
	free(x->tflag);
	free(x->il);
	free(x->nil);
	free(x->ilcap);
	free(x->items);
	free(x->base);
}

/* The pair's index of an item of A or B (A's first), or (size_t)-1. */
static size_t
pair_item(const struct pair *p, const struct item *it)
{
	if (it->set == p->a)
		return (size_t)(it - p->a->items);
	if (it->set == p->b && p->b != p->a)
		return p->a->nitems + (size_t)(it - p->b->items);
	return (size_t)-1;
}

/* The item_index of the pair's item I. */
static size_t
pair_index(const struct pair *p, size_t i)
{
	return i < p->a->nitems ? p->abase + i : p->bbase + (i - p->a->nitems);
}

/* The pair's document frequencies: over its items, of every bigram the items have (ALL) or
 * only of those its targets have (the series of a pair compare targets alone).  Each
 * bigram is numbered in the order met, its count in *CNT.  With ALL, the number of each
 * of the items' bigrams is written in p->locs, item after item (vec_of_item). */
static int *
pair_counts(struct pair *p, size_t n, size_t n_grams, int all)
{
	const struct ctx *x = p->x;
	int *loc = p->w->loc, *cnt = room(&p->w->cnt, n_grams + 1, sizeof *cnt);
	uint32_t *at = p->locs;
	/* B's items counted already (bdf_load): only A's are read. */
	size_t nread = !all && p->w->bset == p->b && p->b != p->a ? p->a->nitems : n;

	p->gid = room(&p->w->gid, n_grams + 1, sizeof *p->gid);
	if (!all)
		for (size_t i = 0; i < n; i++) {
			size_t k = pair_index(p, i);
			for (size_t t = x->tfirst[k]; t < x->tfirst[k + 1]; t++)
				for (size_t g = 0; g < x->tg[t].n; g++) {
					uint32_t id = x->tg[t].id[g];
					if (loc[id] < 0) {
						loc[id] = (int)p->ng;
						p->gid[p->ng] = id;
						cnt[p->ng++] = 0;
					}
				}
		}
	for (size_t i = 0; i < nread; i++) {
		const struct glist *l = &x->ig[pair_index(p, i)];
		if (i == p->a->nitems)
			p->nga = p->ng; /* a's items all counted: their bigrams are numbered first */
		if (!all) {
			/* Most are not the pair's: tested, not counted in a counter of their own
			 * that would wait on its last store at every bigram. */
			for (size_t g = 0; g < l->n; g++) {
				int k = loc[l->id[g]];
				if (k >= 0)
					cnt[k]++;
			}
			continue;
		}
		for (size_t g = 0; g < l->n; g++) {
			int *k = &loc[l->id[g]];
			if (*k < 0) {
				*k = (int)p->ng;
				p->gid[p->ng] = l->id[g];
				cnt[p->ng++] = 0;
			}
			cnt[*k]++;
			*at++ = (uint32_t)*k;
		}
	}
	if (nread < n)
		for (size_t k = 0; k < p->ng; k++)
			cnt[k] += p->w->bdf[p->gid[k]];
	if (nread == p->a->nitems)
		p->nga = p->ng;
	return cnt;
}

/*
 * Sets A and B as a pair, in the thread whose scratch is W (one pair at a time).  With
 * ITEMS, the vectors of the items and of their targets; without, of the targets alone
 * (the same vectors: a bigram's idf is counted over the items all the same).  With OUT,
 * the items i (A's first) where OUT[i] is set have no vector of their own, only their
 * targets: they are out of the pair's assignment (paired already).
 */
static void
pair_init(struct pair *p, const struct ctx *x, struct scratch *w, const struct set *a,
          const struct set *b, int items, const char *out)
{
	size_t n = a->nitems + (b != a ? b->nitems : 0), nt = 0, arena = 0, ni, nti;
	size_t sa = (size_t)(a - x->c->sets), sb = (size_t)(b - x->c->sets);
	int *cnt;

	memset(p, 0, sizeof *p);
	p->x = x;
	p->w = w;
	p->a = a;
	p->b = b;
	p->abase = x->base[sa];
	p->bbase = x->base[sb];
	p->ndocs = (double)n;
	ni = x->sgi[sa] + (b != a ? x->sgi[sb] : 0);
	nti = x->sgt[sa] + (b != a ? x->sgt[sb] : 0);
	/* The vectors' arena: the items' (ITEMS), then the targets'. */
	arena = nti + (items ? ni : 0);
	p->ids = room(&w->ids, arena + 1, sizeof *p->ids);
	p->locs = room(&w->locs, arena + 1, sizeof *p->locs);
	p->ws = room(&w->ws, arena + 1, sizeof *p->ws);
	cnt = pair_counts(p, n, items ? ni : nti, items);
	/* Each bigram's idf once, not at every vector that has it; and each count's once for
	 * pairs of N items (a count is at most N: a few dozen logarithms, not a thousand, and
	 * pairs of as many items are many). */
	{
		double *by;
		if (n >= w->nby) {
			size_t old = w->nby;
			xgrow(&w->by, &w->nby, n + 1, sizeof *w->by);
			memset(w->by + old, 0, (w->nby - old) * sizeof *w->by);
		}
		if (!(by = w->by[n])) {
			by = w->by[n] = xmalloc((n + 1) * sizeof *by);
			for (size_t c = 0; c <= n; c++)
				by[c] = log((p->ndocs + 1) / ((int)c + 1)) + 0.1;
		}
		p->idfv = room(&w->idfv, p->ng + 1, sizeof *p->idfv);
		for (size_t k = 0; k < p->ng; k++)
			p->idfv[k] = by[cnt[k]];
	}
	p->idf0 = log((p->ndocs + 1) / 1) + 0.1;
	p->iv = room(&w->iv, n + 1, sizeof *p->iv);
	memset(p->iv, 0, (n + 1) * sizeof *p->iv);
	p->tfirst = room(&w->tfirst, n + 1, sizeof *p->tfirst);
	for (size_t i = 0; i < n; i++) {
		size_t k = pair_index(p, i);
		if (items) {
			const struct glist *l = &x->ig[k];
			if (!(out && out[i]))
				p->iv[i] = vec_of_item(p, l, p->locs + p->used, p->ws + p->used);
			p->used += l->n;
		}
		p->tfirst[i] = nt;
		nt += x->tfirst[k + 1] - x->tfirst[k];
	}
	p->tfirst[n] = nt;
	p->tv = room(&w->tv, nt + 1, sizeof *p->tv);
	{
		/* A metric met again in the pair (the same target the next year, a district's
		 * copy of its city's) has the vector it had: the same list, the same counts.
		 * Its list found by where its bigrams are, in a table of twice the targets,
		 * empty between pairs (the slots taken are listed, and emptied after). */
		size_t hcap = 16, nused = 0, *used;
		struct vseen *h;
		while (hcap < 2 * nt)
			hcap *= 2;
		if (hcap * sizeof *h > w->vh.cap) {
			free(w->vh.p);
			w->vh.p = xcalloc(hcap, sizeof *h);
			w->vh.cap = hcap * sizeof *h;
		}
		h = w->vh.p;
		used = room(&w->vused, nt + 1, sizeof *used);
		for (size_t i = 0; i < n; i++) {
			size_t k = pair_index(p, i);
			for (size_t t = x->tfirst[k]; t < x->tfirst[k + 1]; t++) {
				const struct glist *l = &x->tg[t];
				size_t at = p->tfirst[i] + (t - x->tfirst[k]), q;
				if (l->n == 0) {
					p->tv[at] = vec_make(p, l, cnt);
					continue;
				}
				q = (size_t)(((uintptr_t)l->id >> 2) * 0x9E3779B97F4A7C15ull >> 32) &
				    (hcap - 1);
				while (h[q].list && (h[q].list != l->id || h[q].n != l->n))
					q = (q + 1) & (hcap - 1);
				if (!h[q].list) {
					p->tv[at] = vec_make(p, l, cnt);
					h[q] = (struct vseen){ l->id, l->n, at };
					used[nused++] = q;
				} else
					p->tv[at] = p->tv[h[q].at];
			}
		}
		while (nused)
			h[used[--nused]].list = NULL;
	}
}

/* The counts of S's items' bigrams into W's bdf (the last set's cleared; S NULL: none). */
static void
bdf_load(struct scratch *w, const struct ctx *x, const struct set *s)
{
	const struct set *old = w->bset;

	if (old == s)
		return;
	for (size_t i = 0; old && i < old->nitems; i++) {
		const struct glist *l = &x->ig[item_index(x, &old->items[i])];
		for (size_t g = 0; g < l->n; g++)
			w->bdf[l->id[g]] = 0;
	}
	w->bset = s;
	if (s && !w->bdf)
		w->bdf = xcalloc(x->ngram + 1, sizeof *w->bdf);
	for (size_t i = 0; s && i < s->nitems; i++) {
		const struct glist *l = &x->ig[item_index(x, &s->items[i])];
		for (size_t g = 0; g < l->n; g++)
			w->bdf[l->id[g]]++;
	}
}

static void
pair_release(struct pair *p)
{
	for (size_t k = 0; k < p->ng; k++)
		p->w->loc[p->gid[k]] = -1;
}

/* The vector of an item of the pair. */
static const struct vec *
pair_iv(const struct pair *p, const struct item *it)
{
	return &p->iv[pair_item(p, it)];
}

/* The vector of target T of an item of the pair. */
static const struct vec *
pair_tv(const struct pair *p, const struct item *it, size_t t)
{
	return &p->tv[p->tfirst[pair_item(p, it)] + t];
}

double
match_item_score(struct corpus *c, const struct item *a, const struct item *b)
{
	struct ctx x;
	struct pair p;
	struct scratch w;
	double s;

	ctx_init(&x, c);
	scratch_init(&w, &x);
	pair_init(&p, &x, &w, a->set, b->set, 1, NULL);
	s = vec_cos(pair_iv(&p, a), pair_iv(&p, b));
	pair_release(&p);
	scratch_release(&w);
	ctx_release(&x);
	return s;
}

/* ---- why: the strongest runs of shared text ---- */

static char *
why_of(const struct pair *p, const struct item *a, const struct item *b)
{
	const struct vec *vb = pair_iv(p, b);
	struct { char *s; double w; } runs[64];
	size_t nr = 0;
	const char *texts[2] = { a->name, a->task };
	struct sb out = SB_INIT;

	for (int t = 0; t < 2; t++) {
		const char *q = texts[t], *run = NULL, *last = NULL;
		int32_t c, prev = 0;
		int k;
		double w = 0;

		for (;; q += k) {
			int shared = 0;
			k = u8_next(q, &c);
			c = text_fold_cp(c);
			if (k > 0 && is_word_cp(c) && prev) {
				long g = gram_number(p->x, ((uint64_t)prev << 21) | (uint64_t)c);
				uint32_t id = (uint32_t)g;
				if (g >= 0 && bsearch(&id, vb->id, vb->n, sizeof id, cmp_u32)) {
					shared = 1;
					if (!run)
						run = last;
					w += idf(p, id);
				}
			}
			if (!shared && run) {
				/* The run ends with the character before q. */
				size_t len = (size_t)(q - run);
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
			last = q;
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

/*
 * The assignment when each row can have its best: every row's best column at MIN or
 * above strictly better than its others, and no two rows' the same.  Then no other
 * assignment pairs as many rows or scores as much, so it is the one the augmenting paths
 * find; it is taken at once (most pairs of sets, most pairs of linked items' targets).
 * Returns 0, ROW all -1, when the rows' bests tie or collide.
 */
static int
assign_best(const double *s, size_t n, size_t m, double min, int *row)
{
	unsigned char small[256], *taken = m <= sizeof small ? small : xmalloc(m);
	int ok = 1;

	memset(taken, 0, m);
	for (size_t i = 0; i < n && ok; i++) {
		const double *si = s + i * m;
		double best = 0;
		int bj = -1, tie = 0;
		for (size_t j = 0; j < m; j++) {
			if (si[j] < min)
				continue;
			if (bj < 0 || si[j] > best) {
				bj = (int)j;
				best = si[j];
				tie = 0;
			} else if (si[j] == best) {
				tie = 1;
			}
		}
		row[i] = bj;
		if (bj >= 0 && (tie || taken[bj]++))
			ok = 0;
	}
	if (!ok)
		for (size_t i = 0; i < n; i++)
			row[i] = -1;
	if (taken != small)
		free(taken);
	return ok;
}

void
match_assign(const double *s, size_t n, size_t m, double min, int *row)
{
	/* Hungarian algorithm (shortest augmenting paths, O(n^2 m)) on costs maxs - s, with
	 * pairs under MIN priced out; rows are the smaller side. */
	int transpose = n > m;
	size_t R = transpose ? m : n, C = transpose ? n : m, eligible = 0;
	double big = 0, *u, *v, *minv, *cost;
	int *p, *way, *fl, *ul;
	double small[1024];
	void *block;
	size_t need;

	for (size_t i = 0; i < n; i++)
		row[i] = -1;
	if (n == 0 || m == 0)
		return;
	for (size_t i = 0; i < n * m; i++) {
		if (s[i] > big)
			big = s[i];
		eligible += s[i] >= min;
	}
	if (eligible == 0)
		return; /* nothing to pair: the assignment could only price every pair out */
	if (assign_best(s, n, m, min, row))
		return;
	big += 1;
	/* The working arrays and the costs in one block: on the stack for the small problems
	 * the matcher solves by the million (the targets of two linked items, two sets'
	 * items). */
	need = (R * C + R + 1 + 2 * (C + 1)) * sizeof(double) + 4 * (C + 1) * sizeof(int);
	block = need <= sizeof small ? (void *)small : xmalloc(need);
	memset(block, 0, need);
	cost = (double *)block;
	u = cost + R * C;
	v = u + R + 1;
	minv = v + C + 1;
	p = (int *)(minv + C + 1);
	way = p + C + 1;
	fl = way + C + 1;
	ul = fl + C + 1;
	/* Each cost once, in the rows' order, not worked out at every step of every path. */
	for (size_t i = 0; i < R; i++)
		for (size_t j = 0; j < C; j++) {
			double sc = transpose ? s[j * m + i] : s[i * m + j];
			cost[i * C + j] = sc >= min ? big - sc : big * 4;
		}
	for (size_t i = 1; i <= R; i++) {
		size_t j0 = 0, nfree = C, nused = 1;
		p[0] = (int)i;
		/* The columns not yet on the path (ascending: the first of equal minima wins)
		 * and those on it, as lists rather than a flag tested at every column. */
		for (size_t j = 0; j <= C; j++) {
			minv[j] = INFINITY;
			fl[j] = (int)j + 1;
		}
		ul[0] = 0;
		do {
			size_t i0 = (size_t)p[j0], j1 = 0, at = 0;
			const double *ci = cost + (i0 - 1) * C;
			double delta = INFINITY, ui = u[i0];
			for (size_t q = 0; q < nfree; q++) {
				size_t j = (size_t)fl[q];
				double cur = ci[j - 1] - ui - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = (int)j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
					at = q;
				}
			}
			for (size_t q = 0; q < nused; q++) {
				u[p[ul[q]]] += delta;
				v[ul[q]] -= delta;
			}
			for (size_t q = 0; q < nfree; q++)
				minv[fl[q]] -= delta;
			j0 = j1;
			/* J1 joins the path. */
			memmove(fl + at, fl + at + 1, (nfree - at - 1) * sizeof *fl);
			nfree--;
			ul[nused++] = (int)j1;
		} while (p[j0] != 0);
		do {
			size_t j1 = (size_t)way[j0];
			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
	for (size_t j = 1; j <= C; j++) {
		if (!p[j])
			continue;
		size_t i = (size_t)p[j] - 1, col = j - 1;
		size_t ri = transpose ? col : i, ci = transpose ? i : col;
		if (s[ri * m + ci] >= min)
			row[ri] = (int)ci;
	}
	if (block != (void *)small)
		free(block);
}

const char *
relation_name(enum relation r)
{
	static const char *const names[] = { "same", "part", "child" };
	return (size_t)r < NELEM(names) ? names[r] : "same";
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
		static const char *const kinds[] = { "link", "nolink", "series", "noseries" };
		int kind = -1, series;
		for (int k = 0; k < 4; k++)
			if (strcmp(f[0], kinds[k]) == 0)
				kind = k;
		series = kind == ALIAS_SERIES || kind == ALIAS_NOSERIES;
		if (kind < 0) {
			fail(cause, "%s:%d: unknown kind '%s' (link, nolink, series or noseries)", path,
			     d->rows[r].line, f[0]);
			goto out;
		}
		a->kind = (enum alias_kind)kind;
		a->line = d->rows[r].line;
		for (int k = 1; k <= 2; k++) {
			int t;
			struct item *it = corpus_item(c, f[k], &t);
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
alias_says(const struct match *m, enum alias_kind kind, const struct item *a, int ta,
           const struct item *b, int tb)
{
	for (size_t i = 0; i < m->naliases; i++) {
		const struct alias *al = &m->aliases[i];
		if (al->kind != kind)
			continue;
		if ((al->a == a && al->b == b && al->ta == ta && al->tb == tb) ||
		    (al->a == b && al->b == a && al->ta == tb && al->tb == ta))
			return 1;
	}
	return 0;
}

/* ---- links ---- */

/* A link made while the years of the jurisdictions are linked in parallel lives in its
 * jurisdiction's sink until they are put together: LOCAL_LINK | group << 32 | index. */
#define LOCAL_LINK (1ull << 63)
static _Thread_local size_t cur_group = (size_t)-1;

static const struct link *
link_at(const struct match *m, const struct ctx *x, size_t li)
{
	if (li & LOCAL_LINK)
		return &x->sinks[(li & ~LOCAL_LINK) >> 32].v[li & 0xffffffffu];
	return &m->links[li];
}

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
add_link(struct match *m, struct ctx *x, const struct pair *p, struct item *from,
         struct item *to, enum relation rel, double score, int forced)
{
	struct link *l;
	size_t li;

	if (cur_group != (size_t)-1) {
		struct sink *sk = &x->sinks[cur_group];
		xgrow(&sk->v, &sk->cap, sk->n + 1, sizeof *sk->v);
		l = &sk->v[sk->n];
		li = LOCAL_LINK | (uint64_t)cur_group << 32 | sk->n++;
	} else {
		xgrow(&m->links, &m->lcap, m->nlinks + 1, sizeof *m->links);
		l = &m->links[m->nlinks];
		li = m->nlinks++;
	}
	l->from = from;
	l->to = to;
	l->relation = rel;
	l->score = score;
	l->why = m->no_why ? NULL : why_of(p, from, to);
	l->forced = forced;
	index_link(x, from, li);
	index_link(x, to, li);
}

/* Is item IT already the from (or to) side of a same/child link to (from) set S? */
static int
paired(const struct match *m, const struct ctx *x, const struct item *it, const struct set *s,
       int as_from)
{
	size_t k = item_index(x, it);

	for (size_t i = 0; i < x->nil[k]; i++) {
		const struct link *l = link_at(m, x, x->il[k][i]);
		if (l->relation == REL_PART)
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
		const struct link *l = link_at(m, x, x->il[k][i]);
		if ((l->from == a && l->to == b) || (l->from == b && l->to == a))
			return 1;
	}
	return 0;
}

/* Does a target of A track the same thing as a target of B (for part links)? */
static double
best_target_sim(const struct pair *p, const struct item *a, const struct item *b)
{
	const struct ctx *x = p->x;
	size_t fa = x->tfirst[item_index(x, a)], fb = x->tfirst[item_index(x, b)];
	double best = 0;

	for (size_t i = 0; i < a->targets.n; i++)
		for (size_t j = 0; j < b->targets.n; j++) {
			double s;
			if (x->tclass[fa + i] != x->tclass[fb + j])
				continue;
			s = vec_cos(pair_tv(p, a, i), pair_tv(p, b, j));
			if (s > best)
				best = s;
		}
	return best;
}

/* The dot product of the vectors of every item of the pair's A and every item of its B,
 * into S[i * |B| + j]: A's items listed under each of the pair's bigrams they have, then
 * each item of B's bigrams looked up there (an item with no vector, out of the
 * assignment, has 0 with every other). */
static void
link_dots(const struct pair *p, struct scratch *w, double *s)
{
	/* Only A's bigrams have lists: they are numbered first (pair_counts). */
	size_t n = p->a->nitems, k = p->b->nitems, ng = p->nga;
	size_t *first = room(&w->pfirst, ng + 2, sizeof *first), total = 0;
	uint32_t *who;
	double *wt;

	memset(first, 0, (ng + 2) * sizeof *first);
	/* Item i of A is the pair's i, item j of B its n + j. */
	for (size_t i = 0; i < n; i++) {
		const struct vec *va = &p->iv[i];
		for (size_t g = 0; g < va->n; g++)
			first[va->loc[g] + 2]++;
		total += va->n;
	}
	for (size_t g = 0; g < ng; g++)
		first[g + 2] += first[g + 1];
	who = room(&w->pwho, total + 1, sizeof *who);
	wt = room(&w->pwt, total + 1, sizeof *wt);
	/* FIRST[g + 1] is where bigram g's list is filled to; once filled, its end. */
	for (size_t i = 0; i < n; i++) {
		const struct vec *va = &p->iv[i];
		for (size_t g = 0; g < va->n; g++) {
			size_t q = first[va->loc[g] + 1]++;
			who[q] = (uint32_t)i;
			wt[q] = va->w[g];
		}
	}
	memset(s, 0, n * k * sizeof *s);
	for (size_t j = 0; j < k; j++) {
		const struct vec *vb = &p->iv[n + j];
		for (size_t g = 0; g < vb->n; g++) {
			size_t kk = vb->loc[g];
			double wb = vb->w[g];
			if (kk >= ng)
				continue; /* none of A's items has it */
			for (size_t q = first[kk]; q < first[kk + 1]; q++)
				s[who[q] * k + j] += wt[q] * wb;
		}
	}
}

static void edges_of_pair(struct match *m, struct ctx *x, struct pair *p,
                          const struct spair *sp, int linked, struct edges *e);

/*
 * Link the items of FROM to those of TO: optimal one-to-one pairs as REL (same or child),
 * then part links for what is left.  With SKIP (the set in between), items already paired
 * with it are left out (2024 → 2026 for items absent in 2025).  Then the series edges
 * between the two sets' targets, into E: no other pair links these two sets, so their
 * links are all made.
 */
static void
link_pair(struct match *m, struct ctx *x, struct scratch *w, struct set *from, struct set *to,
          enum relation rel, const struct set *skip, struct edges *e)
{
	size_t n = from->nitems, k = to->nitems;
	double *s = room(&w->score, n * k + 1, sizeof *s);
	int *row = room(&w->row, n + 1, sizeof *row);
	int *taken = memset(room(&w->taken, k + 1, sizeof *taken), 0, (k + 1) * sizeof *taken);
	int district = rel == REL_CHILD;
	struct pair p;
	/* Out of the assignment, FROM's items then TO's: what is already paired, asked once
	 * per item (over a gap of years, most items are).  No pair but this one links FROM
	 * and TO: before it, only an alias can have (link_all). */
	char *out = room(&w->out, n + k + 1, 1), *rowout = out, *colout = out + n;
	int forced = x->nforced > 0;

	for (size_t i = 0; i < n; i++)
		rowout[i] = (forced && paired(m, x, &from->items[i], to, 1)) ||
		            (skip && paired(m, x, &from->items[i], skip, 1));
	for (size_t j = 0; j < k; j++)
		colout[j] = (forced && paired(m, x, &to->items[j], from, 0)) ||
		            (skip && paired(m, x, &to->items[j], skip, 0));
	pair_init(&p, x, w, from, to, 1, out);
	/* Every item of FROM (the pair's A) against every item of TO (its B): the dot
	 * products through the items of FROM that have each bigram of TO (most bigrams are in
	 * few items), each product added in the order of TO's bigrams, so the sums are
	 * vec_cos's, bit for bit (vec_cos adds nothing for a bigram FROM lacks). */
	link_dots(&p, w, s);
	for (size_t i = 0; i < n; i++) {
		struct item *a = &from->items[i];
		const struct vec *va = &p.iv[i];
		int has_links = x->nil[p.abase + i] != 0;
		for (size_t j = 0; j < k; j++) {
			struct item *b = &to->items[j];
			const struct vec *vb = &p.iv[n + j];
			int out = rowout[i] || colout[j] ||
			          (m->naliases && alias_says(m, ALIAS_NOLINK, a, -1, b, -1)) ||
			          (has_links && linked(m, x, a, b));
			s[i * k + j] = out ? -1
			             : va->norm == 0 || vb->norm == 0 ? 0
			                                               : s[i * k + j] / (va->norm * vb->norm);
		}
	}
	match_assign(s, n, k, MATCH_SAME, row);
	for (size_t i = 0; i < n; i++)
		if (row[i] >= 0) {
			add_link(m, x, &p, &from->items[i], &to->items[row[i]], rel, s[i * k + row[i]], 0);
			taken[row[i]] = 1;
		}
	/* Part links: an item left over that shares much with one item of the other set, or
	 * carries one of its targets (口袋公园 moved into 城市居住品质提升).  Not over a gap
	 * of years: there only the same item is looked for. */
	for (size_t i = 0; i < n && !skip; i++) {
		struct item *a = &from->items[i];
		double best = -1, bt = 0;
		size_t bj = k;
		/* Paired now, or before (no other link to TO has been made since ROWOUT). */
		if (row[i] >= 0 || rowout[i])
			continue;
		/* 备注 市区级民生实事存在交叉: the notice itself says the item overlaps a city one. */
		double part_min = district && strstr(a->note, "交叉") ? MATCH_PART * 0.66 : MATCH_PART;
		for (size_t j = 0; j < k; j++) {
			double sc = s[i * k + j], ts;
			/* A district's own item overlapping a city item (备注 市区级民生实事存在交叉)
			 * may be part of a city item that a broken-down item already took. */
			if (sc < 0)
				continue;
			ts = best_target_sim(&p, a, &to->items[j]);
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
			add_link(m, x, &p, a, &to->items[bj], REL_PART, bt, 0);
	}
	edges_of_pair(m, x, &p, &(struct spair){ from, to, 1 }, 1, e);
	pair_release(&p);
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

/* The blocks of A put after E's (A emptied): none is copied. */
static void
edges_append(struct edges *e, struct edges *a)
{
	if (!a->head)
		return;
	if (e->tail)
		e->tail->next = a->head;
	else
		e->head = a->head;
	e->tail = a->tail;
	e->n += a->n;
	*a = (struct edges){ 0 };
}

/* What merge_sinks does on the cores: the sinks' links copied to their place, and the
 * items' references to them made indexes. */
struct sinks_job {
	struct match *m;
	struct ctx *x;
	const size_t *base;   /* where each sink's links go in m->links */
};

static void
sinks_copy_run(void *arg, size_t t, size_t from, size_t to)
{
	struct sinks_job *j = arg;

	(void)t;
	for (size_t g = from; g < to; g++) {
		struct sink *sk = &j->x->sinks[g];
		if (sk->n)
			memcpy(j->m->links + j->base[g], sk->v, sk->n * sizeof *sk->v);
		free(sk->v);
	}
}

static void
sinks_index_run(void *arg, size_t t, size_t from, size_t to)
{
	struct sinks_job *j = arg;
	struct ctx *x = j->x;

	(void)t;
	for (size_t k = from; k < to; k++)
		for (size_t i = 0; i < x->nil[k]; i++)
			if (x->il[k][i] & LOCAL_LINK) {
				size_t li = x->il[k][i] & ~LOCAL_LINK;
				x->il[k][i] = j->base[li >> 32] + (li & 0xffffffffu);
			}
}

/* The links of the NG sinks appended to the match's in the order of the sinks, and every
 * reference to them made an index into it. */
static void
merge_sinks(struct match *m, struct ctx *x, size_t ng)
{
	size_t *base = xcalloc(ng + 1, sizeof *base), n = m->nlinks;
	struct sinks_job j = { m, x, base };

	for (size_t g = 0; g < ng; g++) {
		base[g] = n;
		n += x->sinks[g].n;
	}
	xgrow(&m->links, &m->lcap, n + 1, sizeof *m->links);
	par_for(ng, 1024, sinks_copy_run, &j);
	m->nlinks = n;
	par_for(x->nitems, 1 << 14, sinks_index_run, &j);
	free(x->sinks);
	x->sinks = NULL;
	free(base);
}

/* A group of work (a jurisdiction's years, a city's districts, a component of series) and
 * how much there is of it. */
struct group_work {
	size_t work, k;
};

/* More work first; then in their order. */
static int
cmp_work(const void *x, const void *y)
{
	const struct group_work *a = x, *b = y;

	if (a->work != b->work)
		return a->work > b->work ? -1 : 1;
	return (a->k > b->k) - (a->k < b->k);
}

/* The groups 0 .. N-1 by their WORK, the most first (malloc'd): handed out so, no thread
 * is left with a large one while the other has finished. */
static size_t *
largest_first(const size_t *work, size_t n)
{
	struct group_work *w = xmalloc((n + 1) * sizeof *w);
	size_t *order = xmalloc((n + 1) * sizeof *order);

	for (size_t g = 0; g < n; g++)
		w[g] = (struct group_work){ work[g], g };
	qsort(w, n, sizeof *w, cmp_work);
	for (size_t g = 0; g < n; g++)
		order[g] = w[g].k;
	free(w);
	return order;
}

/* One thread's share of the jurisdictions (runs of BY, taken as it asks). */
struct years_job {
	struct match *m;
	struct ctx *x;
	struct set **by;
	size_t *run;          /* where each jurisdiction's run starts in BY; run[nrun] = n */
	size_t nrun;
	size_t *take;         /* the runs, the most work first */
	struct par_queue *q;  /* TAKE, handed out as the threads ask */
	struct edges e;
};

static void *
years_thread(void *arg)
{
	struct years_job *j = arg;
	struct scratch w;

	scratch_init(&w, j->x);
	for (size_t q; (q = par_take(j->q)) < j->nrun;) {
		size_t g = j->take[q], i = j->run[g], e = j->run[g + 1];
		cur_group = g;
		for (size_t k = i; k + 1 < e; k++)
			link_pair(j->m, j->x, &w, j->by[k], j->by[k + 1], REL_SAME, NULL, &j->e);
		for (size_t k = i; k + 2 < e; k++)
			link_pair(j->m, j->x, &w, j->by[k], j->by[k + 2], REL_SAME, j->by[k + 1], &j->e);
	}
	cur_group = (size_t)-1;
	scratch_release(&w);
	return NULL;
}

/*
 * Each jurisdiction along its years (BY sorted by jurisdiction and year): consecutive
 * pairs, then over a gap.  A jurisdiction's links touch only its own items, so the
 * jurisdictions are linked in parallel, each into a sink of its own; the sinks are then
 * appended in the order of BY and every reference to them made an index, so that the
 * links are the same, in the same order, as linked one after another.
 */
static void
link_years(struct match *m, struct ctx *x, struct set **by, size_t n)
{
	size_t *run = xcalloc(n + 2, sizeof *run), nrun = 0, nt, *take, *work;
	struct years_job jobs[PAR_MAX];
	struct par_queue q = PAR_QUEUE_INIT;

	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(by[j]->jurisdiction, by[i]->jurisdiction) == 0; j++)
			;
		run[nrun++] = i;
	}
	run[nrun] = n;
	/* The jurisdictions the largest first (a pair's work grows with both its sets'
	 * items). */
	work = xcalloc(nrun + 1, sizeof *work);
	for (size_t g = 0; g < nrun; g++)
		for (size_t k = run[g]; k + 1 < run[g + 1]; k++)
			work[g] += by[k]->nitems * by[k + 1]->nitems;
	take = largest_first(work, nrun);
	x->sinks = xcalloc(nrun + 1, sizeof *x->sinks);
	nt = par_threads(nrun, 16);
	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct years_job){ m, x, by, run, nrun, take, &q, { 0 } };
	par_run(years_thread, jobs, sizeof *jobs, nt);
	merge_sinks(m, x, nrun);
	for (size_t t = 0; t < nt; t++)
		edges_append(&x->edges, &jobs[t].e);
	free(run);
	free(take);
	free(work);
}

/* One thread's share of the districts: all those of each city set it takes (their links
 * join the city's items, whose lists of links one thread makes). */
struct districts_job {
	struct match *m;
	struct ctx *x;
	struct set **d;       /* the district sets, in catalog order */
	size_t *order;        /* their numbers in D, city after city, in catalog order */
	size_t *city;         /* where each city's run starts in ORDER; city[ncity] = nd */
	size_t ncity;
	size_t *take;         /* the cities, the most work first */
	struct par_queue *q;  /* TAKE, handed out as the threads ask */
	struct edges e;
};

static void *
districts_thread(void *arg)
{
	struct districts_job *j = arg;
	struct scratch w;

	scratch_init(&w, j->x);
	for (size_t q; (q = par_take(j->q)) < j->ncity;)
		for (size_t k = j->take[q], i = j->city[k]; i < j->city[k + 1]; i++) {
			size_t g = j->order[i];
			cur_group = g;
			link_pair(j->m, j->x, &w, j->d[g], j->d[g]->up, REL_CHILD, NULL, &j->e);
		}
	cur_group = (size_t)-1;
	scratch_release(&w);
	return NULL;
}

/*
 * Each district to its city.  A district's links touch its own items and its city's, so
 * the cities are shared among threads (all districts of one city in one thread, in
 * catalog order), each district into a sink of its own, appended in catalog order.
 */
static void
link_districts(struct match *m, struct ctx *x)
{
	struct corpus *c = x->c;
	struct set **d = xcalloc(c->nsets + 1, sizeof *d);
	struct districts_job jobs[PAR_MAX];
	struct par_queue q = PAR_QUEUE_INIT;
	size_t nd = 0, nt, ncity = 0;
	size_t *cnt = xcalloc(c->nsets + 2, sizeof *cnt), *order, *city, *take, *work;

	for (size_t i = 0; i < c->nsets; i++)
		if (c->sets[i].up) {
			d[nd++] = &c->sets[i];
			cnt[c->sets[i].up - c->sets + 1]++;
		}
	/* The districts city after city (a counting sort on the city's place, stable). */
	order = xmalloc((nd + 1) * sizeof *order);
	city = xmalloc((c->nsets + 1) * sizeof *city);
	for (size_t s = 0; s < c->nsets; s++) {
		if (cnt[s + 1])
			city[ncity++] = cnt[s];
		cnt[s + 1] += cnt[s];
	}
	city[ncity] = nd;
	for (size_t g = 0; g < nd; g++)
		order[cnt[d[g]->up - c->sets]++] = g;
	/* The cities the largest first: a city's work is a pair of it and each district,
	 * which grows with both their items. */
	work = xcalloc(ncity + 1, sizeof *work);
	for (size_t k = 0; k < ncity; k++)
		for (size_t i = city[k]; i < city[k + 1]; i++)
			work[k] += d[order[i]]->nitems * d[order[i]]->up->nitems;
	take = largest_first(work, ncity);
	x->sinks = xcalloc(nd + 1, sizeof *x->sinks);
	nt = par_threads(nd, 16);
	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct districts_job){ m, x, d, order, city, ncity, take, &q, { 0 } };
	par_run(districts_thread, jobs, sizeof *jobs, nt);
	merge_sinks(m, x, nd);
	for (size_t t = 0; t < nt; t++)
		edges_append(&x->edges, &jobs[t].e);
	free(d);
	free(cnt);
	free(order);
	free(city);
	free(take);
	free(work);
}

static void link_districts(struct match *m, struct ctx *x);

static void
link_all(struct match *m, struct ctx *x)
{
	struct corpus *c = x->c;
	struct set **by = xcalloc(c->nsets + 1, sizeof *by);
	struct scratch w;

	/* Forced links first: they win over the automatic assignment. */
	scratch_init(&w, x);
	for (size_t i = 0; i < m->naliases; i++) {
		struct alias *al = &m->aliases[i];
		struct item *a = al->a, *b = al->b;
		struct pair p;
		if (al->kind != ALIAS_LINK)
			continue;
		if (a->set->year > b->set->year || (b->set->up == NULL && a->set->up != NULL)) {
			struct item *t = a;
			a = b;
			b = t;
		}
		pair_init(&p, x, &w, a->set, b->set, 1, NULL);
		add_link(m, x, &p, a, b, a->set->up == b->set ? REL_CHILD : REL_SAME,
		         vec_cos(pair_iv(&p, a), pair_iv(&p, b)), 1);
		pair_release(&p);
		x->nforced++;
	}
	scratch_release(&w);
	/* Each jurisdiction along its years: consecutive pairs, then over a gap.  Sorting by
	 * jurisdiction and year finds the groups without comparing every pair of sets. */
	for (size_t i = 0; i < c->nsets; i++)
		by[i] = &c->sets[i];
	qsort(by, c->nsets, sizeof *by, cmp_jur_year);
	link_years(m, x, by, c->nsets);
	link_districts(m, x);
	free(by);
}

/* ---- series ---- */

static int
find(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
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

/* The run [*LO, *HI) of BY (sorted by cmp_jur_year) whose jurisdiction is J. */
static void
jurisdiction_run(struct set *const *by, size_t n, const char *j, size_t *lo, size_t *hi)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (strcmp(by[mid]->jurisdiction, j) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (b = a; b < n && strcmp(by[b]->jurisdiction, j) == 0; b++)
		;
	*hi = b;
}

/* Series pairs by their B, then their A. */
static int
cmp_spair(const void *x, const void *y)
{
	const struct spair *a = x, *b = y;

	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	return a->a < b->a ? -1 : a->a > b->a;
}

/*
 * The pairs of sets whose targets may form series: each jurisdiction's years (a year with
 * the next and the one after), a district with its city, and a district with its city's
 * other years (a district target whose city counterpart stands in another year's notice:
 * 新增托位 in the city's 2024 list and in Yubei's 2025), weighed a little less so that the
 * district's own year comes first.  Two sets of different places are never a pair.  The
 * pairs whose items are linked (the years, a district with its city's same year) make
 * their edges as they are linked (link_pair), with the pair of sets already at hand;
 * these are the others: each district with its city's other years.
 */
static size_t
series_pairs(struct corpus *c, struct spair **out)
{
	struct spair *v = NULL;
	size_t n = 0, cap = 0;
	struct set **by = xcalloc(c->nsets + 1, sizeof *by);

	for (size_t i = 0; i < c->nsets; i++)
		by[i] = &c->sets[i];
	qsort(by, c->nsets, sizeof *by, cmp_jur_year);
	for (size_t i = 0; i < c->nsets; i++) {
		struct set *d = &c->sets[i];
		size_t lo, hi;
		if (!d->up)
			continue;
		/* The city's sets: its jurisdiction's run in BY, found by bisection (a catalog of
		 * thousands of districts would otherwise compare every pair of sets). */
		jurisdiction_run(by, c->nsets, d->up->jurisdiction, &lo, &hi);
		for (size_t k = lo; k < hi; k++) {
			struct set *q = by[k];
			if (q == d->up || q->up)
				continue; /* its city's own year: linked */
			xgrow(&v, &cap, n + 1, sizeof *v);
			v[n].a = d;
			v[n].b = q;
			v[n].weight = 0.9;
			n++;
		}
	}
	free(by);
	/* By the city's year, so that each is counted once for all the pairs it is in
	 * (bdf_load): the edges are sorted anyway (merge_groups). */
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_spair);
	*out = v;
	return n;
}

struct tref {
	struct item *item;
	int t;
};

/* Add an edge between targets A and B (indexes into the context's targets). */
static void
add_edge(struct edges *e, size_t a, size_t b, double w)
{
	struct eblock *k = e->tail;

	if (!k || k->n == EDGE_BLOCK) {
		k = bulk_piece();
		k->next = NULL;
		k->n = 0;
		if (e->tail)
			e->tail->next = k;
		else
			e->head = k;
		e->tail = k;
	}
	k->v[k->n].a = (uint32_t)(a < b ? a : b);
	k->v[k->n].b = (uint32_t)(a < b ? b : a);
	k->v[k->n].w = w;
	k->n++;
	e->n++;
}

/* Do two metrics name the same Latin word of two letters or more (AED, WiFi)?  An
 * abbreviation says what is counted better than the words around it: 政府购买和社会接入AED
 * and AED等救护设备 count the same devices. */
static int
share_latin_word(const char *a, const char *b)
{
	for (const char *p = a; *p; p++) {
		size_t n = 0;
		if (!isalpha((unsigned char)*p) || (p > a && isalpha((unsigned char)p[-1])))
			continue;
		while (isalpha((unsigned char)p[n]))
			n++;
		if (n < 2)
			continue;
		for (const char *q = b; *q; q++)
			if ((q == b || !isalpha((unsigned char)q[-1])) && strncasecmp(p, q, n) == 0 &&
			    !isalpha((unsigned char)q[n]))
				return 1;
	}
	return 0;
}

/* Does a metric count the people or things a programme reaches (惠及家庭, 覆盖未成年人)
 * rather than what it does? */
static int
is_reach(const char *m)
{
	return strstr(m, "惠及") || strstr(m, "覆盖") || strstr(m, "受益");
}

/* Do two metrics share nothing but words for people (妇女创业就业帮助 and 妇女宫颈癌、乳腺
 * 癌免费检查 share 妇女)?  Who is served does not say what is counted. */
static int
only_people_shared(const struct ctx *x, const struct vec *a, const struct vec *b)
{
	size_t i = 0, j = 0, shared = 0, persons = 0;

	while (i < a->n && j < b->n) {
		if (a->id[i] == b->id[j]) {
			shared++;
			persons += x->gpeople[a->id[i]];
			i++;
			j++;
		} else if (a->id[i] < b->id[j])
			i++;
		else
			j++;
	}
	return shared > 0 && shared == persons;
}

/* How alike target I of IA and target J of IB are, within linked items; -1 when they can
 * never be counterparts. */
static double
target_score(struct pair *p, const struct item *ia, size_t i, const struct item *ib, size_t j)
{
	/* Within linked items the same unit is itself a hint.  Pairs of other units take part
	 * in the assignment (救护师资 500名 is the counterpart of 救护师资培训 20人次, which
	 * must not take another target instead) but do not make series. */
	const struct ctx *x = p->x;
	const struct target *ta = &ia->targets.v[i], *tb = &ib->targets.v[j];
	const struct vec *va = pair_tv(p, ia, i), *vb = pair_tv(p, ib, j);
	unsigned fa = x->tflag[x->tfirst[item_index(x, ia)] + i];
	unsigned fb = x->tflag[x->tfirst[item_index(x, ib)] + j];

	if (ta->kind != tb->kind)
		return -1; /* an area is never the counterpart of a count */
	return vec_cos(va, vb) + (strcmp(ta->unit, tb->unit) == 0 ? 0.1 : 0) +
	       ((fa & fb & TF_LATIN) && share_latin_word(ta->metric, tb->metric) ? 0.2 : 0) -
	       ((fa ^ fb) & TF_REACH ? 0.2 : 0) - (only_people_shared(x, va, vb) ? 0.2 : 0);
}

/* Within the linked items IA and IB: the optimal pairing of their targets by metric. */
static void
link_edges(struct ctx *x, struct pair *p, const struct spair *sp, const struct item *ia,
           const struct item *ib, enum relation rel, struct edges *e)
{
	size_t fa = x->tfirst[item_index(x, ia)], fb = x->tfirst[item_index(x, ib)];
	size_t na = ia->targets.n, nb = ib->targets.n;
	/* Items have a few targets: their scores on the stack unless there are many. */
	double sbuf[64];
	int rbuf[16];
	double *s = na * nb < NELEM(sbuf) ? sbuf : xcalloc(na * nb + 1, sizeof *s);
	int *row = na < NELEM(rbuf) ? rbuf : xcalloc(na + 1, sizeof *row);

	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			s[i * nb + j] = target_score(p, ia, i, ib, j);
	match_assign(s, na, nb, 0.2, row);
	for (size_t i = 0; i < na; i++)
		if (row[i] >= 0 && x->tclass[fa + i] == x->tclass[fb + (size_t)row[i]])
			add_edge(e, fa + i, fb + (size_t)row[i],
			         /* A part link says less than a same or child one: a district's own
			          * item (助残服务行动) gives way to the city's broken down (残疾人
			          * 服务提升). */
			         ((rel == REL_PART ? 0.5 : 1) + s[i * nb + row[i]]) * sp->weight);
	if (s != sbuf)
		free(s);
	if (row != rbuf)
		free(row);
}

/* An inverted index of the bigrams of a set's targets whose idf is at least RARE: the
 * targets (numbered through the set) that have the pair's bigram k are at[first[r] ..
 * first[r + 1]), r = rk[k] (-1 for a bigram less rare, or in none of them); each
 * target's item and index are in item[] and t[].  In the pair's scratch, the rare
 * bigrams alone: a pair has a thousand bigrams, a few dozen of them rare. */
struct postings {
	size_t *first, *at, *item, *t;
	uint32_t *ks;           /* the rare bigrams, by r */
	size_t nr;
	int *rk;                /* the scratch's, -1 again after postings_release */
};

static void
postings_build(struct postings *ps, struct pair *p, const struct set *sb, double rare)
{
	struct scratch *w = p->w;
	size_t nt = 0, ne = 0, *buf;

	if (w->nrk < p->ng) {
		size_t old = w->nrk;
		xgrow(&w->rk, &w->nrk, p->ng, sizeof *w->rk);
		memset(w->rk + old, 0xff, (w->nrk - old) * sizeof *w->rk);
	}
	for (size_t j = 0; j < sb->nitems; j++)
		for (size_t t = 0; t < sb->items[j].targets.n; t++, nt++)
			ne += pair_tv(p, &sb->items[j], t)->n;
	/* first (ne + 1), at (ne), item and t (nt each), ks (ne as size_t): one room. */
	buf = room(&w->post, 4 * ne + 2 * nt + 2, sizeof *buf);
	ps->first = buf;
	ps->at = buf + ne + 1;
	ps->item = ps->at + ne;
	ps->t = ps->item + nt;
	ps->ks = (uint32_t *)(ps->t + nt);
	ps->rk = w->rk;
	ps->nr = 0;
	/* Counted, then placed: no list grows one posting at a time. */
	ps->first[0] = 0;
	for (size_t j = 0; j < sb->nitems; j++)
		for (size_t t = 0; t < sb->items[j].targets.n; t++) {
			const struct vec *v = pair_tv(p, &sb->items[j], t);
			for (size_t g = 0; g < v->n; g++) {
				uint32_t k = v->loc[g];
				if (p->idfv[k] < rare)
					continue;
				if (ps->rk[k] < 0) {
					ps->rk[k] = (int)ps->nr;
					ps->ks[ps->nr] = k;
					ps->first[++ps->nr] = 0;
				}
				ps->first[ps->rk[k] + 1]++;
			}
		}
	for (size_t r = 0; r < ps->nr; r++)
		ps->first[r + 1] += ps->first[r];
	/* FIRST[r] is where list r is filled to while placing, its start again after. */
	for (size_t j = 0, tj = 0; j < sb->nitems; j++)
		for (size_t t = 0; t < sb->items[j].targets.n; t++, tj++) {
			const struct vec *v = pair_tv(p, &sb->items[j], t);
			ps->item[tj] = j;
			ps->t[tj] = t;
			for (size_t g = 0; g < v->n; g++)
				if (p->idfv[v->loc[g]] >= rare)
					ps->at[ps->first[ps->rk[v->loc[g]]]++] = tj;
		}
	for (size_t r = ps->nr; r > 0; r--)
		ps->first[r] = ps->first[r - 1];
	ps->first[0] = 0;
}

static void
postings_release(struct postings *ps)
{
	for (size_t r = 0; r < ps->nr; r++)
		ps->rk[ps->ks[r]] = -1;
}

/* Across items: pairs of metrics alike enough that share a term at least RARE (an idf).
 * Only the postings of such terms are walked: a pair that shares none is never looked at
 * (most pairs share only common terms: 建设, 完成). */
static void
cross_edges(struct ctx *x, struct pair *p, const struct spair *sp, double rare,
            struct edges *e)
{
	const struct set *sa = sp->a, *sb = sp->b;
	struct postings ps;
	size_t nb = 0, bbase = x->base[sb - x->c->sets]; /* item_index of sb's first item */
	int *seen;

	postings_build(&ps, p, sb, rare);
	for (size_t j = 0; j < sb->nitems; j++)
		nb += sb->items[j].targets.n;
	seen = room(&p->w->seen, nb + 1, sizeof *seen);
	memset(seen, 0, (nb + 1) * sizeof *seen);
	for (size_t i = 0, ti = 0; i < sa->nitems; i++)
		for (size_t t = 0; t < sa->items[i].targets.n; t++, ti++) {
			const struct item *ia = &sa->items[i];
			const struct vec *va = pair_tv(p, ia, t);
			size_t fa = x->tfirst[item_index(x, ia)] + t;
			for (size_t g = 0; g < va->n; g++) {
				int r = p->idfv[va->loc[g]] < rare ? -1 : ps.rk[va->loc[g]];
				if (r < 0)
					continue;
				for (size_t q = ps.first[r]; q < ps.first[r + 1]; q++) {
					size_t tj = ps.at[q], j = ps.item[tj], jt = ps.t[tj], fb;
					const struct vec *vb;
					double sim;
					if (seen[tj] == (int)ti + 1)
						continue;
					seen[tj] = (int)ti + 1;
					fb = x->tfirst[bbase + j] + jt;
					if (x->tclass[fa] != x->tclass[fb])
						continue;
					vb = pair_tv(p, &sb->items[j], jt);
					sim = vec_cos(va, vb);
					if (sim >= 0.6)
						add_edge(e, fa, fb, sim * sp->weight);
				}
			}
		}
	postings_release(&ps);
}

/*
 * The edges between the targets of the pair P of sets SP, once the links between them are
 * all made: within linked items, the optimal pairing of their targets by metric; across
 * items (a target that moved to another item, a district's own item tracking a city
 * target), pairs of metrics alike enough that share a term rare in the two sets (托位),
 * not only a common one (学生, 完工).
 */
static void
edges_of_pair(struct match *m, struct ctx *x, struct pair *p, const struct spair *sp,
              int linked, struct edges *e)
{
	const struct set *sa = sp->a, *sb = sp->b;

	/* The links between the two sets, through their items' own lists of links (LINKED:
	 * there may be some). */
	for (size_t i = 0; linked && i < sa->nitems; i++) {
		const struct item *it = &sa->items[i];
		size_t k = item_index(x, it);
		for (size_t q = 0; q < x->nil[k]; q++) {
			const struct link *lk = link_at(m, x, x->il[k][q]);
			if (lk->from == it && lk->to->set == sb)
				link_edges(x, p, sp, lk->from, lk->to, lk->relation, e);
			else if (lk->to == it && lk->from->set == sb)
				link_edges(x, p, sp, lk->to, lk->from, lk->relation, e);
		}
	}
	/* In at most ~3 of the pair's items. */
	cross_edges(x, p, sp, log((p->ndocs + 1) / 4.0) + 0.1, e);
}

/* The edges between the targets of the pair of sets SP, made a pair of its own. */
static void
pair_edges(struct match *m, struct ctx *x, struct scratch *w, const struct spair *sp,
           struct edges *e)
{
	struct pair p;

	bdf_load(w, x, sp->b);
	pair_init(&p, x, w, sp->a, sp->b, 0, NULL);
	/* A district and its city's other years: only a link forced by an alias joins them
	 * (the years are linked within a jurisdiction, a district to its city's own year). */
	edges_of_pair(m, x, &p, sp, x->nforced > 0, e);
	pair_release(&p);
}

/* Does edge X sort before edge Y?  The strongest first, then by their targets. */
static inline int
edge_before(const struct edge *x, const struct edge *y)
{
	if (x->w != y->w)
		return x->w > y->w;
	if (x->a != y->a)
		return x->a < y->a;
	return x->b < y->b;
}

/* Sort E[0..N) by edge_before, T room for N/2 edges: a merge sort whose comparisons are
 * made in line (qsort's call per comparison was most of the sort's time). */
static void
edges_msort(struct edge *e, struct edge *t, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n <= 16) {
		for (size_t a = 1; a < n; a++) {
			struct edge x = e[a];
			size_t b = a;
			for (; b > 0 && edge_before(&x, &e[b - 1]); b--)
				e[b] = e[b - 1];
			e[b] = x;
		}
		return;
	}
	edges_msort(e, t, h);
	edges_msort(e + h, t, n - h);
	if (!edge_before(&e[h], &e[h - 1]))
		return; /* the halves are in order already */
	/* The first half aside, then merged from the front: a place written is never one
	 * of the second half's still to be read (k < j). */
	memcpy(t, e, h * sizeof *e);
	while (i < h && j < n)
		e[k++] = edge_before(&e[j], &t[i]) ? e[j++] : t[i++];
	while (i < h)
		e[k++] = t[i++];
}

/* The candidate edges between targets of all series pairs and the aliases, in no order
 * (merge_groups sorts them). */
/* One thread's share of the series pairs (taken from Q as it asks) and its edges. */
struct edges_job {
	struct match *m;
	struct ctx *x;
	const struct spair *sp;
	size_t np, t;
	struct par_queue *q;
	struct edges e;
};

static void *
edges_thread(void *arg)
{
	struct edges_job *j = arg;
	struct scratch w;

	scratch_init(&w, j->x);
	for (size_t i; (i = par_take(j->q)) < j->np;) {
		if (j->t == 0)
			progress("building series", i + 1, j->np);
		pair_edges(j->m, j->x, &w, &j->sp[i], &j->e);
	}
	bdf_load(&w, j->x, NULL);
	scratch_release(&w);
	return NULL;
}

static struct edges
series_edges(struct match *m, struct ctx *x)
{
	struct edges e = x->edges;
	struct spair *sp;
	size_t np = series_pairs(x->c, &sp), nt = par_threads(np, 64);
	struct edges_job jobs[PAR_MAX];
	struct par_queue q = PAR_QUEUE_INIT;

	/* The pairs are independent (the links are made; each pair reads only its two sets):
	 * shared among threads, their edges put together (and sorted by merge_groups, as if
	 * made in one). */
	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct edges_job){ m, x, sp, np, t, &q, { 0 } };
	par_run(edges_thread, jobs, sizeof *jobs, nt);
	/* The linked pairs' edges, the others' after them. */
	for (size_t t = 0; t < nt; t++)
		edges_append(&e, &jobs[t].e);
	x->edges = (struct edges){ 0 };
	free(sp);
	ctx_drop_grams(x);
	/* Aliases: forced memberships first, forbidden ones never. */
	for (size_t i = 0; i < m->naliases; i++) {
		struct alias *al = &m->aliases[i];
		if (al->kind != ALIAS_SERIES)
			continue;
		add_edge(&e, x->tfirst[item_index(x, al->a)] + (size_t)al->ta,
		         x->tfirst[item_index(x, al->b)] + (size_t)al->tb, 100);
	}
	return e;
}

/* Union-find over NT targets, with the member list of each root so that a merge checks
 * only the two groups' members. */
struct groups {
	int *parent;
	int **mem;              /* each root's members; NULL for a group of one (members()) */
	size_t *nmem, *mcap;
	char *hascity;          /* the group has a city's target */
	const uint32_t *tset;   /* per target: its set's index */
	size_t nsets;
	unsigned *mark, stamp;  /* per set: marked when a group being merged has a member */
};

/* The members of the group whose root is R: a group of one has no list of its own, a root
 * being its own parent, &parent[r] is one. */
static const int *
members(const struct groups *g, int r)
{
	return g->mem[r] ? g->mem[r] : &g->parent[r];
}

/* Whether the groups of roots RA and RB may merge along edge E. */
static int
may_merge(const struct match *m, struct groups *g, const struct tref *tr, int ra, int rb,
          const struct edge *e)
{
	const int *ma = members(g, ra), *mb = members(g, rb);

	/* At most one member per set: RA's sets marked, RB's looked up (a city's series with
	 * its forty districts over five years has two hundred members). */
	if (++g->stamp == 0) {
		/* Wrapped around after four billion questions: the marks start again. */
		memset(g->mark, 0, g->nsets * sizeof *g->mark);
		g->stamp = 1;
	}
	for (size_t i = 0; i < g->nmem[ra]; i++)
		g->mark[g->tset[ma[i]]] = g->stamp;
	for (size_t j = 0; j < g->nmem[rb]; j++)
		if (g->mark[g->tset[mb[j]]] == g->stamp)
			return 0;
	/* No forbidden pair. */
	for (size_t i = 0; m->naliases && i < g->nmem[ra]; i++)
		for (size_t j = 0; j < g->nmem[rb]; j++) {
			const struct tref *p = &tr[ma[i]], *q = &tr[mb[j]];
			if (alias_says(m, ALIAS_NOSERIES, p->item, p->t, q->item, q->t))
				return 0;
		}
	/* A district joins series; it never joins two of its city's targets that the city's
	 * own years keep apart (and so a district added to the catalog changes no series of
	 * the sets already there). */
	return !(e->w < 100 && g->hascity[ra] && g->hascity[rb] &&
	         (tr[e->a].item->set->up || tr[e->b].item->set->up));
}

/* One thread's merges: the edges whose targets it owns, in their order. */
struct merge_job {
	const struct match *m;
	const struct tref *tr;
	struct edge *e;             /* the thread's edges (those of its components) */
	size_t ne;
	const uint32_t *tcomp;      /* per target: the root of its set's component */
	size_t nsets;
	struct groups g;            /* the shared arrays, and a mark of its own */
};

/* E[0..N) put in place bucket after bucket (an edge's bucket is KEY of its first target,
 * below NB): bucket b from FIRST[b] to FIRST[b + 1] (FIRST has NB + 1, all 0). */
static void
edges_bucket(struct edge *e, size_t n, const uint32_t *key, size_t nb, size_t *first)
{
	size_t *next = xcalloc(nb + 1, sizeof *next);

	for (size_t k = 0; k < n; k++)
		first[key[e[k].a] + 1]++;
	for (size_t b = 0; b < nb; b++)
		first[b + 1] += first[b];
	memcpy(next, first, nb * sizeof *next);
	/* Each place filled in turn: the edge there goes to its bucket's next place, and the
	 * one from there comes back, until the edge there is of this bucket. */
	for (size_t b = 0; b < nb; b++)
		while (next[b] < first[b + 1]) {
			size_t q = key[e[next[b]].a];
			if (q == b) {
				next[b]++;
			} else {
				struct edge t = e[next[b]];
				e[next[b]] = e[next[q]];
				e[next[q]++] = t;
			}
		}
	free(next);
}

/* Merge along the edges E[0..N) of one component, strongest first. */
static void
merge_edges(struct merge_job *j, const struct edge *edges, size_t n)
{
	struct groups *g = &j->g;
	int *parent = g->parent;

	for (size_t k = 0; k < n; k++) {
		const struct edge *e = &edges[k];
		int ra, rb, had;
		ra = find(parent, (int)e->a);
		rb = find(parent, (int)e->b);
		if (ra == rb || !may_merge(j->m, g, j->tr, ra, rb, e))
			continue;
		g->hascity[ra] = g->hascity[rb] = g->hascity[ra] || g->hascity[rb];
		/* The root is the smaller index, whatever order the edges came in. */
		if (rb < ra) {
			int t = ra;
			ra = rb;
			rb = t;
		}
		had = g->mem[ra] != NULL;
		xgrow(&g->mem[ra], &g->mcap[ra], g->nmem[ra] + g->nmem[rb], sizeof(int));
		if (!had)
			g->mem[ra][0] = ra; /* a group of one's list made */
		/* RB's members taken before its parent changes (the list of a group of one). */
		memcpy(g->mem[ra] + g->nmem[ra], members(g, rb), g->nmem[rb] * sizeof(int));
		g->nmem[ra] += g->nmem[rb];
		g->nmem[rb] = 0;
		free(g->mem[rb]);
		g->mem[rb] = NULL;
		parent[rb] = ra;
	}
}

/* The thread's edges put component after component; each component's sorted by
 * edge_before and merged along. */
static void *
merge_thread(void *arg)
{
	struct merge_job *j = arg;
	size_t *first = xcalloc(j->nsets + 2, sizeof *first), cap = 0;
	struct edge *tmp = NULL;

	edges_bucket(j->e, j->ne, j->tcomp, j->nsets, first);
	for (size_t s = 0; s < j->nsets; s++) {
		size_t n = first[s + 1] - first[s];
		if (n == 0)
			continue;
		xgrow(&tmp, &cap, n / 2 + 1, sizeof *tmp);
		edges_msort(j->e + first[s], tmp, n);
		merge_edges(j, j->e + first[s], n);
	}
	free(tmp);
	free(first);
	free(j->g.mark);
	return NULL;
}

/* One thread's share of the edges: the components of sets that they join, in a union-find
 * of its own (COMP, each root the least set of its component). */
struct comp_job {
	struct eblock **b;          /* the edges' blocks */
	const uint32_t *tset;
	int *comp[PAR_MAX];
	size_t nsets;
};

static void
comp_union(int *comp, int a, int b)
{
	a = find(comp, a);
	b = find(comp, b);
	if (a != b)
		comp[a < b ? b : a] = a < b ? a : b;
}

static void
comp_run(void *arg, size_t t, size_t from, size_t to)
{
	struct comp_job *j = arg;
	int *comp = j->comp[t] = xmalloc((j->nsets + 1) * sizeof *comp);

	for (size_t s = 0; s < j->nsets; s++)
		comp[s] = (int)s;
	for (size_t k = from; k < to; k++)
		for (size_t i = 0; i < j->b[k]->n; i++)
			comp_union(comp, (int)j->tset[j->b[k]->v[i].a], (int)j->tset[j->b[k]->v[i].b]);
}

/* The edges' blocks put in one array thread after thread (OWN, each component's thread,
 * by the root of its first target's set TCOMP): each block's count of edges for each
 * thread (COUNT), then where each block's edges for each thread go (AT), then the
 * edges put there on the cores, each block freed once read. */
struct scatter_job {
	struct eblock **b;
	const uint32_t *tcomp;
	const unsigned char *own;
	size_t nth, *count, *at;
	struct edge *to;
};

static void
scatter_count(void *arg, size_t t, size_t from, size_t to)
{
	struct scatter_job *j = arg;

	(void)t;
	for (size_t k = from; k < to; k++)
		for (size_t i = 0; i < j->b[k]->n; i++)
			j->count[k * j->nth + j->own[j->tcomp[j->b[k]->v[i].a]]]++;
}

static void
scatter_put(void *arg, size_t t, size_t from, size_t to)
{
	struct scatter_job *j = arg;

	(void)t;
	for (size_t k = from; k < to; k++) {
		size_t *at = j->at + k * j->nth;
		for (size_t i = 0; i < j->b[k]->n; i++) {
			const struct edge *e = &j->b[k]->v[i];
			j->to[at[j->own[j->tcomp[e->a]]]++] = *e;
		}
		bulk_unpiece(j->b[k]);
	}
}

/*
 * Merges along the edges, strongest first; PARENT gets each target's group.  A merge
 * looks only at the two groups it joins, and no edge joins sets that no chain of edges
 * joins (a city, its districts and their years; another city's are apart): such
 * components of sets are merged on the cores, each component's edges in their order,
 * so that every group is the one a single pass makes.
 */
static void
merge_groups(const struct match *m, const struct corpus *c, const struct tref *tr, size_t nt,
             struct edges *el, int *parent)
{
	struct groups g;
	struct merge_job jobs[PAR_MAX];
	size_t ne = el->n, nth = par_threads(ne, 256), *load = xcalloc(c->nsets + 1, sizeof *load);
	size_t tload[PAR_MAX] = { 0 }, ofirst[PAR_MAX + 1] = { 0 }, nc, *bigfirst, nb = 0;
	uint32_t *tset = xmalloc((nt + 1) * sizeof *tset), *tcomp = xmalloc((nt + 1) * sizeof *tcomp);
	int *comp = xmalloc((c->nsets + 1) * sizeof *comp);
	unsigned char *cown = xcalloc(c->nsets + 1, 1);
	struct eblock **b;
	struct comp_job cj = { NULL, tset, { NULL }, c->nsets };
	struct scatter_job sj;
	struct edge *e;

	for (struct eblock *k = el->head; k; k = k->next)
		nb++;
	b = xmalloc((nb + 1) * sizeof *b);
	nb = 0;
	for (struct eblock *k = el->head; k; k = k->next)
		b[nb++] = k;
	*el = (struct edges){ 0 };
	cj.b = b;

	g.parent = parent;
	g.tset = tset;
	g.nsets = c->nsets;
	g.mark = NULL;
	g.stamp = 0;
	g.mem = xcalloc(nt + 1, sizeof *g.mem);
	g.nmem = xcalloc(nt + 1, sizeof *g.nmem);
	g.mcap = xcalloc(nt + 1, sizeof *g.mcap);
	g.hascity = xcalloc(nt + 1, 1);
	for (size_t i = 0; i < nt; i++) {
		g.hascity[i] = tr[i].item->set->up == NULL;
		parent[i] = (int)i;
		g.nmem[i] = 1;
		tset[i] = (uint32_t)(tr[i].item->set - c->sets);
	}
	/* The components of sets that the edges join: each thread's share of the edges joins
	 * sets in a union-find of its own, and those are joined; each root is the least set of
	 * its component, whatever the order. */
	nc = par_for(nb, 16, comp_run, &cj); /* 64k edges a thread at least */
	for (size_t s = 0; s < c->nsets; s++)
		comp[s] = (int)s;
	for (size_t t = 0; t < nc; t++) {
		for (size_t s = 0; s < c->nsets; s++)
			if (cj.comp[t][s] != (int)s)
				comp_union(comp, (int)s, cj.comp[t][s]);
		free(cj.comp[t]);
	}
	for (size_t s = 0; s < c->nsets; s++)
		comp[s] = find(comp, (int)s);
	/* Each component given whole to the thread with the fewest targets so far, the
	 * largest first (which thread has which changes no group). */
	for (size_t i = 0; i < nt; i++) {
		tcomp[i] = (uint32_t)comp[tset[i]];
		load[tcomp[i]]++;
	}
	bigfirst = largest_first(load, c->nsets); /* a component's load is its root's */
	for (size_t k = 0; k < c->nsets && load[bigfirst[k]]; k++) {
		size_t best = 0, s = bigfirst[k];
		for (size_t t = 1; t < nth; t++)
			if (tload[t] < tload[best])
				best = t;
		cown[s] = (unsigned char)best;
		tload[best] += load[s];
	}
	free(bigfirst);
	/* The edges thread after thread, in one array (at national scale they are the
	 * largest thing held, and each is copied once); each thread puts its own component
	 * after component, and sorts each on its own: a few thousand edges rather than
	 * all.  In huge pages: millions of edges. */
	e = bulk_map((ne + 1) * sizeof *e);
	sj = (struct scatter_job){ b, tcomp, cown, nth, xcalloc(nb * nth + 1, sizeof *sj.count),
		                   xmalloc((nb * nth + 1) * sizeof *sj.at), e };
	par_for(nb, 16, scatter_count, &sj);
	for (size_t t = 0; t < nth; t++) {
		size_t at = ofirst[t];
		for (size_t k = 0; k < nb; k++) {
			sj.at[k * nth + t] = at;
			at += sj.count[k * nth + t];
		}
		ofirst[t + 1] = at;
	}
	par_for(nb, 16, scatter_put, &sj);
	free(sj.count);
	free(sj.at);
	free(b);
	for (size_t t = 0; t < nth; t++) {
		jobs[t] = (struct merge_job){ m, tr, e + ofirst[t], ofirst[t + 1] - ofirst[t], tcomp,
			                      c->nsets, g };
		jobs[t].g.mark = xcalloc(c->nsets + 1, sizeof *g.mark);
	}
	par_run(merge_thread, jobs, sizeof *jobs, nth);
	for (size_t i = 0; i < nt; i++)
		free(g.mem[i]);
	free(g.mem);
	free(g.nmem);
	free(g.mcap);
	free(g.hascity);
	free(tset);
	free(tcomp);
	free(comp);
	free(load);
	free(cown);
	bulk_unmap(e, (ne + 1) * sizeof *e);
}

/* Groups of two or more are series: bucket the targets by their root once. */
static void
add_groups(struct match *m, const struct tref *tr, size_t nt, int *parent)
{
	size_t *cnt = xcalloc(nt + 1, sizeof *cnt), *slot = xcalloc(nt + 1, sizeof *slot);

	for (size_t i = 0; i < nt; i++)
		cnt[find(parent, (int)i)]++;
	for (size_t i = 0; i < nt; i++) {
		int r = find(parent, (int)i);
		struct series *s;
		if (cnt[r] < 2)
			continue;
		if (slot[r] == 0) {
			xgrow(&m->series, &m->scap, m->nseries + 1, sizeof *m->series);
			s = &m->series[m->nseries++];
			memset(s, 0, sizeof *s);
			s->m = xcalloc(cnt[r], sizeof *s->m);
			slot[r] = m->nseries;
		}
		s = &m->series[slot[r] - 1];
		s->m[s->n].item = tr[i].item;
		s->m[s->n].t = tr[i].t;
		s->n++;
	}
	free(cnt);
	free(slot);
}

/* A series' id, unit and metric, from its members in order. */
static void
name_series(struct series *s)
{
	const struct series_member *f;
	const char *best = NULL;

	qsort(s->m, s->n, sizeof *s->m, cmp_member);
	/* Named by its first city member: a district added later does not rename it. */
	f = &s->m[0];
	for (size_t j = 0; j < s->n; j++)
		if (!s->m[j].item->set->up) {
			f = &s->m[j];
			break;
		}
	s->id = xasprintf("%s:%s:%d", f->item->set->id, f->item->seq, f->t + 1);
	s->unit = xstrdup(f->item->targets.v[f->t].unit);
	/* The shortest metric that says something names the series; a city's wording before
	 * a district's. */
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

static void
name_run(void *arg, size_t t, size_t from, size_t to)
{
	struct match *m = arg;

	(void)t;
	for (size_t k = from; k < to; k++)
		name_series(&m->series[k]);
}

static void
build_series(struct match *m, struct ctx *x)
{
	size_t nt = x->tfirst[x->nitems];
	struct tref *tr = xcalloc(nt + 1, sizeof *tr);
	struct edges e;
	int *parent = xcalloc(nt + 1, sizeof *parent);

	for (size_t k = 0; k < x->nitems; k++)
		for (size_t t = 0; t < x->items[k]->targets.n; t++) {
			tr[x->tfirst[k] + t].item = x->items[k];
			tr[x->tfirst[k] + t].t = (int)t;
		}
	e = series_edges(m, x);
	merge_groups(m, x->c, tr, nt, &e, parent);
	add_groups(m, tr, nt, parent);
	par_for(m->nseries, 256, name_run, m); /* each series named on its own */
	free(tr);
	free(parent);
}

static void index_series(struct match *m, const struct ctx *x);
static void index_links(struct match *m, struct ctx *x);
static void index_both(struct match *m, struct ctx *x);

void
match_run(struct match *m, struct corpus *c)
{
	struct ctx x;

	ctx_init(&x, c);
	link_all(m, &x);
	build_series(m, &x);
	/* The context's numbers of items and targets are the indexes'. */
	m->sets = c->sets;
	m->nsets = c->nsets;
	m->ibase = x.base;
	m->itfirst = x.tfirst;
	index_both(m, &x);
	x.base = NULL;
	x.tfirst = NULL;
	ctx_release(&x);
}

/* The two indexes at once: they read what the other does not write. */
struct index_job {
	struct match *m;
	struct ctx *x;
	size_t t, nt;
};

static void *
index_thread(void *arg)
{
	struct index_job *j = arg;

	if (j->t == 0)
		index_series(j->m, j->x);
	if (j->t == 1 || j->nt == 1)
		index_links(j->m, j->x);
	return NULL;
}

static void
index_both(struct match *m, struct ctx *x)
{
	struct index_job jobs[2];
	size_t nt = par_threads(2, 1) > 1 ? 2 : 1;

	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct index_job){ m, x, t, nt };
	par_run(index_thread, jobs, sizeof *jobs, nt);
}

/* Each target's series, by its number. */
static void
index_series(struct match *m, const struct ctx *x)
{
	size_t nt = x->tfirst[x->nitems];

	m->tseries = xmalloc((nt + 1) * sizeof *m->tseries);
	memset(m->tseries, 0xff, (nt + 1) * sizeof *m->tseries);
	for (size_t i = 0; i < m->nseries; i++)
		for (size_t k = 0; k < m->series[i].n; k++) {
			const struct series_member *mb = &m->series[i].m[k];
			m->tseries[x->tfirst[item_index(x, mb->item)] + (size_t)mb->t] = (int)i;
		}
}

/* Each item's links, for compare and the report, from the lists the context kept while
 * linking (every link is in both its items' lists): its run in lidx ascending and once
 * each.  The lists come ascending as made (a city's districts are linked by one thread,
 * in catalog order) and are short: sorted all the same, so that the order does not rest
 * on how the linking is shared out.  A link with one item at both ends would be in its
 * list twice; links join two sets, so none is. */
static void
index_links(struct match *m, struct ctx *x)
{
	size_t at = 0;

	m->lfirst = xmalloc((x->nitems + 1) * sizeof *m->lfirst);
	m->lidx = xmalloc((2 * m->nlinks + 1) * sizeof *m->lidx);
	for (size_t k = 0; k < x->nitems; k++) {
		size_t *il = x->il[k];
		m->lfirst[k] = at;
		/* A handful of links: sorted in place, each once. */
		for (size_t i = 1; i < x->nil[k]; i++) {
			size_t v = il[i], j = i;
			for (; j > 0 && il[j - 1] > v; j--)
				il[j] = il[j - 1];
			il[j] = v;
		}
		for (size_t i = 0; i < x->nil[k]; i++)
			if (at == m->lfirst[k] || il[i] != m->lidx[at - 1])
				m->lidx[at++] = il[i];
	}
	m->lfirst[x->nitems] = at;
}

/* The number of item IT among the matched corpus' items, or (size_t)-1 when it is not
 * one of them. */
static size_t
item_number(const struct match *m, const struct item *it)
{
	uintptr_t d = (uintptr_t)it->set - (uintptr_t)m->sets;

	if (!m->ibase || d % sizeof *m->sets || d / sizeof *m->sets >= m->nsets)
		return (size_t)-1;
	return m->ibase[d / sizeof *m->sets] + (size_t)(it - it->set->items);
}

size_t
match_links_of(const struct match *m, const struct item *it, const size_t **idx)
{
	size_t k = item_number(m, it);

	*idx = NULL;
	if (k == (size_t)-1 || !m->lfirst)
		return 0;
	*idx = m->lidx + m->lfirst[k];
	return m->lfirst[k + 1] - m->lfirst[k];
}

const struct series *
match_series_of(const struct match *m, const struct item *it, int t)
{
	size_t k = item_number(m, it);
	int s;

	if (k == (size_t)-1 || !m->tseries || t < 0 || (size_t)t >= m->itfirst[k + 1] - m->itfirst[k])
		return NULL;
	s = m->tseries[m->itfirst[k] + (size_t)t];
	return s < 0 ? NULL : &m->series[s];
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
	free(m->ibase);
	free(m->itfirst);
	free(m->tseries);
	free(m->lfirst);
	free(m->lidx);
	memset(m, 0, sizeof *m);
}
