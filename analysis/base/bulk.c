/* bulk: see bulk.h. */
#include "base/bulk.h"

#include <assert.h>
#include <stdalign.h>
#include <stdint.h>
#include <sys/mman.h>

#include "base/util.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; an older kernel says EINVAL */
#endif

/* A block mapped at a multiple of its size, so that it can be one huge page, and made
 * present. */
static char *
block_map(void)
{
	char *p = mmap(NULL, 2 * BULK_BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	               -1, 0);
	char *a;

	if (p == MAP_FAILED)
		xoom();
	a = (char *)(((uintptr_t)p + BULK_BLOCK - 1) & ~(uintptr_t)(BULK_BLOCK - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	munmap(a + BULK_BLOCK, BULK_BLOCK - (size_t)(a - p));
	/* Both are advice: refused, the pages come as they are touched. */
	(void)madvise(a, BULK_BLOCK, MADV_HUGEPAGE);
	(void)madvise(a, BULK_BLOCK, MADV_POPULATE_WRITE);
	return a;
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
