/* memo: see memo.h. */
#include "base/memo.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/par.h"
#include "base/util.h"

struct memo_entry {
	struct memo_entry *next;
	uint64_t hash;
	size_t klen;
	char *value;            /* in key[], after the key */
	char key[];
};

/* Memos are static objects: their locks are made the first time one is used. */
static pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;

static void
ready(struct memo *m)
{
	if (atomic_load_explicit(&m->ready, memory_order_acquire))
		return;
	pthread_mutex_lock(&ready_lock);
	if (!atomic_load_explicit(&m->ready, memory_order_relaxed)) {
		for (size_t i = 0; i < MEMO_SHARDS; i++)
			pthread_mutex_init(&m->shard[i].lock, NULL);
		atomic_store_explicit(&m->ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&ready_lock);
}

static uint64_t
hash(const char *k, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;

	for (; n >= 8; k += 8, n -= 8) {
		memcpy(&w, k, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
	}
	for (w = 0; n > 0; n--)
		w = w << 8 | (unsigned char)k[n - 1];
	h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
	return h ^ h >> 29;
}

/* The entries a thread found or kept last, by hash, each with its memo and the memo's
 * generation then: an entry stays as it is until its memo is cleared, so it is read here
 * without the shard's lock (and its bucket, far off in a large memo, is not read at all).
 * Most keys asked again are asked by the thread that asked them last (a city's districts
 * copy its wording, an item comes back the next year). */
#define MEMO_SEEN 1024
static _Thread_local struct memo_seen {
	const struct memo *m;
	unsigned gen;
	const struct memo_entry *e;
} memo_seen[MEMO_SEEN];

/* Is E the entry of KEY (KLEN bytes), whose hash is H? */
static int
entry_is(const struct memo_entry *e, uint64_t h, const void *key, size_t klen)
{
	return e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0;
}

static void
memo_saw(const struct memo *m, const struct memo_entry *e)
{
	memo_seen[e->hash & (MEMO_SEEN - 1)] =
	        (struct memo_seen){ m, atomic_load_explicit(&m->gen, memory_order_relaxed), e };
}

char *
memo_get(struct memo *m, const void *key, size_t klen)
{
	uint64_t h = hash(key, klen);
	struct memo_shard *sh = &m->shard[h >> 58];
	const struct memo_seen *ms = &memo_seen[h & (MEMO_SEEN - 1)];
	char *v = NULL;

	if (ms->m == m && ms->gen == atomic_load_explicit(&m->gen, memory_order_relaxed) &&
	    entry_is(ms->e, h, key, klen))
		return xstrdup(ms->e->value);
	ready(m);
	pthread_mutex_lock(&sh->lock);
	for (struct memo_entry *e = sh->nbucket ? sh->bucket[h & (sh->nbucket - 1)] : NULL; e;
	     e = e->next)
		if (entry_is(e, h, key, klen)) {
			v = xstrdup(e->value);
			memo_saw(m, e);
			break;
		}
	pthread_mutex_unlock(&sh->lock);
	return v;
}

void
memo_put(struct memo *m, const void *key, size_t klen, const char *value)
{
	uint64_t h = hash(key, klen);
	size_t vlen = strlen(value) + 1;
	struct memo_entry *e = xmalloc(sizeof *e + klen + vlen);
	struct memo_shard *sh = &m->shard[h >> 58];

	e->hash = h;
	e->klen = klen;
	memcpy(e->key, key, klen);
	e->value = e->key + klen;
	memcpy(e->value, value, vlen);
	ready(m);
	pthread_mutex_lock(&sh->lock);
	if (sh->n >= sh->nbucket) {
		size_t nb = sh->nbucket ? sh->nbucket * 2 : 256;
		struct memo_entry **b = xcalloc(nb, sizeof *b);
		for (size_t i = 0; i < sh->nbucket; i++)
			for (struct memo_entry *x = sh->bucket[i], *nx; x; x = nx) {
				nx = x->next;
				x->next = b[x->hash & (nb - 1)];
				b[x->hash & (nb - 1)] = x;
			}
		free(sh->bucket);
		sh->bucket = b;
		sh->nbucket = nb;
	}
	e->next = sh->bucket[h & (sh->nbucket - 1)];
	sh->bucket[h & (sh->nbucket - 1)] = e;
	sh->n++;
	memo_saw(m, e);
	pthread_mutex_unlock(&sh->lock);
}

/* Shards [FROM, TO) of the memo ARG emptied. */
static void
clear_run(void *arg, size_t t, size_t from, size_t to)
{
	struct memo *m = arg;

	(void)t;
	for (size_t s = from; s < to; s++) {
		struct memo_shard *sh = &m->shard[s];
		pthread_mutex_lock(&sh->lock);
		for (size_t i = 0; i < sh->nbucket; i++)
			for (struct memo_entry *x = sh->bucket[i], *nx; x; x = nx) {
				nx = x->next;
				free(x);
			}
		free(sh->bucket);
		sh->bucket = NULL;
		sh->nbucket = sh->n = 0;
		pthread_mutex_unlock(&sh->lock);
	}
}

void
memo_clear(struct memo *m)
{
	size_t n = 0;

	ready(m);
	/* What the threads saw of it is forgotten with it. */
	atomic_fetch_add_explicit(&m->gen, 1, memory_order_relaxed);
	for (size_t s = 0; s < MEMO_SHARDS; s++)
		n += m->shard[s].n;
	/* A national corpus's labels are a hundred thousand blocks: freed on the cores. */
	par_for(MEMO_SHARDS, n > 10000 ? 1 : MEMO_SHARDS + 1, clear_run, m);
}

/* ---- keep ---- */

/* A shard is an open-addressing table in two flat arrays, no node per key (a national
 * corpus keeps 300k keys for a while; nodes among the strings that stay would leave holes
 * behind): the keys' hashes alone, where a probe looks (0: a free slot), and beside them
 * what a key is and its value, read only when its hash is the one looked for. */
struct keep_slot {
	const void *value;
	const char *key[KEEP_KEYS];
	size_t n;
};

uint64_t
keep_hash(const char *const *key, size_t n)
{
	uint64_t h = n;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (key[i] ? hash(key[i], strlen(key[i])) : 0x5851F42D4C957F2Du)) *
		    0x9E3779B97F4A7C15u;
	h ^= h >> 31;
	return h ? h : 1; /* 0 marks a free slot */
}

static int
keep_same(const struct keep_slot *e, const char *const *key, size_t n)
{
	if (e->n != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!e->key[i] != !key[i] || (key[i] && strcmp(e->key[i], key[i]) != 0))
			return 0;
	return 1;
}

/* KEY's index in SH (which has slots), or that of the free slot where it would go. */
static size_t
keep_find(const struct keep_shard *sh, uint64_t h, const char *const *key, size_t n)
{
	size_t mask = sh->nslot - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask)
		if (!sh->hash[i] || (sh->hash[i] == h && keep_same(&sh->slot[i], key, n)))
			return i;
}

/* Room for N keys in shard SH: at most three quarters full, a free slot is never far. */
static void
keep_room(struct keep_shard *sh, size_t n)
{
	struct keep_shard big = { .nslot = 64 };

	while (4 * n > 3 * big.nslot)
		big.nslot *= 2;
	if (big.nslot <= sh->nslot)
		return;
	big.hash = xcalloc(big.nslot, sizeof *big.hash);
	big.slot = xmalloc(big.nslot * sizeof *big.slot);
	for (size_t i = 0; i < sh->nslot; i++)
		if (sh->hash[i]) {
			size_t j = keep_find(&big, sh->hash[i], sh->slot[i].key, sh->slot[i].n);
			big.hash[j] = sh->hash[i];
			big.slot[j] = sh->slot[i];
		}
	free(sh->hash);
	free(sh->slot);
	sh->hash = big.hash;
	sh->slot = big.slot;
	sh->nslot = big.nslot;
}

void
keep_init(struct keep *k, size_t expect)
{
	memset(k, 0, sizeof *k);
	for (size_t i = 0; i < MEMO_SHARDS; i++) {
		pthread_mutex_init(&k->shard[i].lock, NULL);
		/* Sized once for the keys expected (a table grown and freed while other threads
		 * run costs them the unmapping), a little over a shard's even share. */
		if (expect)
			keep_room(&k->shard[i], expect / MEMO_SHARDS + expect / MEMO_SHARDS / 8 + 1);
	}
}

const void *
keep_get(struct keep *k, uint64_t h, const char *const *key, size_t n)
{
	struct keep_shard *sh = &k->shard[h >> 58];
	const void *v = NULL;

	pthread_mutex_lock(&sh->lock);
	if (sh->nslot) {
		size_t i = keep_find(sh, h, key, n);
		if (sh->hash[i])
			v = sh->slot[i].value;
	}
	pthread_mutex_unlock(&sh->lock);
	return v;
}

const void *
keep_put(struct keep *k, uint64_t h, const char *const *key, size_t n, const void *v)
{
	struct keep_shard *sh = &k->shard[h >> 58];
	size_t i;

	assert(n <= KEEP_KEYS && v && h);
	pthread_mutex_lock(&sh->lock);
	if (4 * (sh->n + 1) > 3 * sh->nslot)
		keep_room(sh, sh->n + 1);
	i = keep_find(sh, h, key, n);
	if (sh->hash[i]) {
		v = sh->slot[i].value;
	} else {
		sh->hash[i] = h;
		sh->slot[i].value = v;
		memcpy(sh->slot[i].key, key, n * sizeof *key);
		sh->slot[i].n = n;
		sh->n++;
	}
	pthread_mutex_unlock(&sh->lock);
	return v;
}

void
keep_free(struct keep *k)
{
	for (size_t s = 0; s < MEMO_SHARDS; s++) {
		free(k->shard[s].hash);
		free(k->shard[s].slot);
		pthread_mutex_destroy(&k->shard[s].lock);
	}
	memset(k, 0, sizeof *k);
}

/* ---- intern ---- */

/* The copies, each its own key and value in a keep for the life of the process. */
static struct keep interned;
static struct pool intern_pool;
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER; /* the pool's */
static pthread_once_t intern_once = PTHREAD_ONCE_INIT;
/* What a thread interned last, by hash: a few texts come back on most targets (the
 * generator's half a million have 58 labels) and raw spans repeat (200个: a few tens of
 * thousands at national scale), and both threads would take the same shard's lock for
 * each.  4096 places, 64 kB a thread. */
#define INTERN_SEEN 4096
static _Thread_local struct intern_seen {
	uint64_t h;
	const char *s;
} intern_seen[INTERN_SEEN];

static void
intern_init(void)
{
	keep_init(&interned, 0);
}

const char *
intern(const char *s)
{
	uint64_t h = keep_hash(&s, 1);
	const char *r, *copy;
	struct intern_seen *seen = &intern_seen[h & (INTERN_SEEN - 1)];

	if (seen->h == h && strcmp(seen->s, s) == 0)
		return seen->s;
	pthread_once(&intern_once, intern_init);
	if (!(r = keep_get(&interned, h, &s, 1))) {
		pthread_mutex_lock(&intern_lock);
		copy = pool_strdup(&intern_pool, s);
		pthread_mutex_unlock(&intern_lock);
		/* Another thread may have kept it meanwhile: its copy is the one. */
		r = keep_put(&interned, h, &copy, 1, copy);
	}
	seen->h = h;
	seen->s = r;
	return r;
}

const char *
intern_n(const char *s, size_t n)
{
	char buf[256], *t = n < sizeof buf ? buf : xmalloc(n + 1);
	const char *r;

	memcpy(t, s, n);
	t[n] = '\0';
	r = intern(t);
	if (t != buf)
		free(t);
	return r;
}
