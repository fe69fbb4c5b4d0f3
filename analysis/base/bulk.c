/* bulk: see bulk.h. */
#include "base/bulk.h"

#include <assert.h>
#include <stdalign.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "base/util.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; an older kernel says EINVAL */
#endif

/* N bytes (a multiple of BULK_BLOCK) mapped at a multiple of BULK_BLOCK, so that each
 * block can be one huge page, asked for huge pages; with POPULATE, made present. */
static char *
region_map(size_t n, int populate)
{
	char *p = mmap(NULL, n + BULK_BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	               -1, 0);
	char *a;

	if (p == MAP_FAILED)
		xoom();
	a = (char *)(((uintptr_t)p + BULK_BLOCK - 1) & ~(uintptr_t)(BULK_BLOCK - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	munmap(a + n, BULK_BLOCK - (size_t)(a - p));
	/* Both are advice: refused, the pages come as they are touched. */
	(void)madvise(a, n, MADV_HUGEPAGE);
	if (populate)
		(void)madvise(a, n, MADV_POPULATE_WRITE);
	return a;
}

/* A block made present. */
static char *
block_map(void)
{
	return region_map(BULK_BLOCK, 1);
}

/* The calling thread's block, and how much of it is used. */
static _Thread_local char *block;
static _Thread_local size_t used;

void *
bulk_keep(size_t n)
{
	size_t at = (used + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);

	assert(n <= BULK_BLOCK / 8);
	if (!block || at + n > BULK_BLOCK) {
		block = block_map();
		at = 0;
	}
	used = at + n;
	return block + at;
}

/* The pieces given back, each holding the next; they are carved from blocks made
 * present, a block at a time. */
static pthread_mutex_t pieces_lock = PTHREAD_MUTEX_INITIALIZER;
static void *pieces;

void *
bulk_piece(void)
{
	void *p;

	if (BULK_ON_MALLOC)
		return xmalloc(BULK_PIECE);
	pthread_mutex_lock(&pieces_lock);
	if (!pieces) {
		char *b = block_map();
		/* The block's pieces but the first listed, in order. */
		for (size_t at = BULK_BLOCK - BULK_PIECE; at > 0; at -= BULK_PIECE) {
			*(void **)(b + at) = pieces;
			pieces = b + at;
		}
		pthread_mutex_unlock(&pieces_lock);
		return b;
	}
	p = pieces;
	pieces = *(void **)p;
	pthread_mutex_unlock(&pieces_lock);
	return p;
}

void
bulk_unpiece(void *p)
{
	if (!p)
		return;
	if (BULK_ON_MALLOC) {
		free(p);
		return;
	}
	pthread_mutex_lock(&pieces_lock);
	*(void **)p = pieces;
	pieces = p;
	pthread_mutex_unlock(&pieces_lock);
}

/* A map's size: whole blocks. */
static size_t
map_size(size_t n)
{
	return (n + BULK_BLOCK - 1) & ~(BULK_BLOCK - 1);
}

void *
bulk_map(size_t n)
{
	if (BULK_ON_MALLOC || n < BULK_BLOCK)
		return xcalloc(n ? n : 1, 1);
	if (n > SIZE_MAX - 2 * BULK_BLOCK)
		xoom();
	return region_map(map_size(n), 0);
}

void
bulk_unmap(void *p, size_t n)
{
	if (BULK_ON_MALLOC || n < BULK_BLOCK)
		free(p);
	else if (p)
		munmap(p, map_size(n));
}

