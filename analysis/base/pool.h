/*
 * pool: memory handed out in blocks and given back all at once (base/util.c).  A header
 * of its own, so that a structure may hold a pool without all of util.h.
 */
#ifndef YOY_POOL_H
#define YOY_POOL_H

#include <stddef.h>

/* Memory handed out in blocks and given back all at once, for the many small strings that
 * live and die together (a CSV document's fields, a listing's cells: a national corpus
 * has millions, and a malloc and a free each was a good part of their cost).
 * Zero-initialise (POOL_INIT). */
struct pool_block;
struct pool {
	struct pool_block *b;
};
#define POOL_INIT { NULL }
/* N bytes, aligned for any object. */
void *pool_alloc(struct pool *p, size_t n);
char *pool_strndup(struct pool *p, const char *s, size_t n);
char *pool_strdup(struct pool *p, const char *s);
void pool_release(struct pool *p);
/* A block of N bytes for P's next allocations: for a pool whose size is known. */
void pool_first(struct pool *p, size_t n);
/* The same for a pool kept until the process ends (a corpus's text): the block is bulk
 * memory (base/bulk.h), which pool_release leaves. */
void pool_first_kept(struct pool *p, size_t n);
/* FROM's blocks moved into P (what was allocated in either stays where it is). */
void pool_merge(struct pool *p, struct pool *from);

#endif
