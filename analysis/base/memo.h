/*
 * memo: the answers of a pure function kept by their question, for a corpus that asks the
 * same questions again (districts copy their city's wording; items come back each year).
 * A key is any bytes, compared in full (the hash only finds it); a value is a string.  Safe
 * to share among threads: the keys are spread over shards, each with its lock.  A memo is a
 * static object (MEMO_INIT) that lives until memo_clear().
 */
#ifndef YOY_MEMO_H
#define YOY_MEMO_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define MEMO_SHARDS 64

struct memo_entry;

struct memo_shard {
	pthread_mutex_t lock;
	struct memo_entry **bucket;
	size_t nbucket, n;
};

struct memo {
	atomic_int ready;
	atomic_uint gen;      /* how many times it was cleared (memo.c's memo_seen) */
	struct memo_shard shard[MEMO_SHARDS];
};
#define MEMO_INIT { 0 }

/* The value kept for KEY (KLEN bytes): a malloc'd copy, or NULL when none is. */
char *memo_get(struct memo *m, const void *key, size_t klen);
/* Keep VALUE (copied) for KEY.  A key kept twice (two threads answered it at once) is found
 * once: the answers of a pure function are the same. */
void memo_put(struct memo *m, const void *key, size_t klen, const char *value);
/* Forget every key. */
void memo_clear(struct memo *m);

/*
 * keep: pointers kept by keys of up to KEEP_KEYS strings that the caller owns (not copied:
 * they must outlive the keep), for a pass that meets the same texts again and can take a
 * result made already instead of making it anew.  A key is hashed once (keep_hash) for
 * both questions.  Safe to share among threads like a memo; unlike one, it lives between
 * keep_init() and keep_free().
 */
#define KEEP_KEYS 3

struct keep_slot;

struct keep {
	struct keep_shard {
		pthread_mutex_t lock;
		uint64_t *hash;
		struct keep_slot *slot;
		size_t nslot, n;
	} shard[MEMO_SHARDS];
};

/* A keep made with room for EXPECT keys (0 when no number is known: it grows). */
void keep_init(struct keep *k, size_t expect);
/* The hash of the N strings KEY (a NULL string is a key of its own); never 0. */
uint64_t keep_hash(const char *const *key, size_t n);
/* The value kept for KEY, whose hash (keep_hash) is H, or NULL. */
const void *keep_get(struct keep *k, uint64_t h, const char *const *key, size_t n);
/* Keep V (not NULL) for KEY, unless a value is kept for it already: the value kept. */
const void *keep_put(struct keep *k, uint64_t h, const char *const *key, size_t n,
                     const void *v);
void keep_free(struct keep *k);

/*
 * intern: one copy of each string, kept for the life of the process.  Targets name what
 * they count in a few thousand labels, and their raw spans repeat (200个): a national
 * corpus's million targets would otherwise hold a million small copies.  Safe to share
 * among threads.
 */
/* The kept copy of the N bytes S (no NUL among them; S need not end after them). */
const char *intern_n(const char *s, size_t n);
const char *intern(const char *s);

#endif
