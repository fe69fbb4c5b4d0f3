/* bulk: see bulk.h. */
#include "base/bulk.h"

#include <assert.h>
#include <stdalign.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

	assert(n <= BULK_KEEP_MAX);
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

/* The piece a thread gave back last, kept for its next: a pool made and released for
 * each item (an extraction's) takes and gives one each time, and the lock taken for each
 * was 2% of a national run.  A thread that ends lists its spare (spare_key's
 * destructor). */
static _Thread_local void *spare;
static _Thread_local int spare_keyed;
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void
list_piece(void *p)
{
	pthread_mutex_lock(&pieces_lock);
	*(void **)p = pieces;
	pieces = p;
	pthread_mutex_unlock(&pieces_lock);
}

static void
spare_back(void *unused)
{
	(void)unused;
	if (spare)
		list_piece(spare);
	spare = NULL;
}

static void
spare_init(void)
{
	if (pthread_key_create(&spare_key, spare_back) != 0)
		xoom();
}

void *
bulk_piece(void)
{
	void *p;

	if (BULK_ON_MALLOC)
		return xmalloc(BULK_PIECE);
	if ((p = spare)) {
		spare = NULL;
		return p;
	}
	pthread_mutex_lock(&pieces_lock);
	if ((p = pieces))
		pieces = *(void **)p;
	pthread_mutex_unlock(&pieces_lock);
	if (!p) {
		/* A new block, made present outside the lock (a cold one takes milliseconds,
		 * which the other threads need not wait): its first piece is P, the others are
		 * listed, in order. */
		char *b = block_map(), *last = b + BULK_BLOCK - BULK_PIECE;
		for (char *at = b + BULK_PIECE; at < last; at += BULK_PIECE)
			*(void **)at = at + BULK_PIECE;
		pthread_mutex_lock(&pieces_lock);
		*(void **)last = pieces;
		pieces = b + BULK_PIECE;
		pthread_mutex_unlock(&pieces_lock);
		p = b;
	}
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
	if (spare) {
		list_piece(p);
		return;
	}
	if (!spare_keyed) {
		/* The key's value only makes its destructor run when the thread ends. */
		pthread_once(&spare_once, spare_init);
		if (pthread_setspecific(spare_key, &spare_keyed) != 0) {
			list_piece(p);
			return;
		}
		spare_keyed = 1;
	}
	spare = p;
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

/*
 * malloc's heaps.  What glibc does for itself with the tunable glibc.malloc.hugetlb=1,
 * which it reads from the environment before main, where a program cannot set it.
 *
 * The main heap grows by brk, a piece at a time as it is asked for, and its pages come at
 * their first touch like any others.  Its growths are made 64 MB (M_TOP_PAD), blocks up
 * to 32 MB stay on it rather than in mappings of their own (M_MMAP_THRESHOLD), and what
 * is freed at its top stays (M_TRIM_THRESHOLD); then each growth, seen by the wrapper of
 * the allocation that made it, is asked for huge pages.  The first touch of a 2 MB
 * stretch inside it then brings it whole.
 *
 * The other threads' arenas are mappings malloc makes on its own, each a heap and the
 * room reserved for it to grow into: the first block the wrappers see in one has its
 * mapping looked up in /proc/self/maps and advised, room and all (so is a block of 32 MB
 * or more, which malloc maps for itself).  A mapping is looked up once.
 */
static int heap_on;
static char *heap_from;           /* the heap's end when bulk_heap was called */
static _Atomic(char *) heap_to;   /* its end when last asked for huge pages */

void
bulk_heap(void)
{
	if (BULK_ON_MALLOC)
		return;
	mallopt(M_TOP_PAD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	heap_from = sbrk(0);
	if (heap_from == (char *)-1)
		return;
	heap_from = (char *)((uintptr_t)heap_from & ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1));
	atomic_store_explicit(&heap_to, heap_from, memory_order_relaxed);
	heap_on = 1;
}

/* The mappings seen so far outside the part of the main heap bulk_heap watches: malloc's
 * other arenas, its largest blocks (advised), and what else holds a block (not):
 * [lo, hi) each; a reader sees the first nranges whole.  A mapping not found (no
 * /proc) ends the list: nranges is made MAX_RANGES, past the entries written. */
#define MAX_RANGES 64
static struct range {
	uintptr_t lo, hi;
} ranges[MAX_RANGES];
static _Atomic size_t nranges;
static pthread_mutex_t ranges_lock = PTHREAD_MUTEX_INITIALIZER;

static int
in_ranges(uintptr_t p)
{
	size_t n = atomic_load_explicit(&nranges, memory_order_acquire);

	for (size_t i = 0; i < n; i++)
		if (p >= ranges[i].lo && p < ranges[i].hi)
			return 1;
	return 0;
}

/* The mapping that holds P, read from /proc/self/maps, in *LO and *HI; 0 if none is
 * found.  If it is anonymous and private (an arena's heap, a block malloc mapped for
 * itself, the main heap), it is advised for huge pages with the inaccessible mappings
 * right after it (the room malloc reserves for an arena's heap to grow into). */
static int
advise_mapping(uintptr_t p, uintptr_t *lo, uintptr_t *hi)
{
	/* Read with stdio, not file_read: its xmalloc would come back here. */
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int found = 0, anon = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long a, b, ino;
		char perms[8], *name;
		int at = 0, unnamed;
		if (sscanf(line, "%lx-%lx %7s %*s %*s %lu%n", &a, &b, perms, &ino, &at) < 4 || !at)
			continue;
		name = line + at + strspn(line + at, " ");
		unnamed = ino == 0 && (*name == '\n' || *name == '\0');
		if (!found && p >= a && p < b) {
			*lo = a;
			*hi = b;
			found = 1;
			anon = perms[3] == 'p' &&
			       (unnamed || (ino == 0 && strncmp(name, "[heap]", 6) == 0));
		} else if (found && anon && a == *hi && unnamed && strncmp(perms, "---p", 4) == 0)
			*hi = b;
		else if (found)
			break;
	}
	fclose(f);
	if (anon)
		(void)madvise((void *)*lo, *hi - *lo, MADV_HUGEPAGE);
	return found;
}

void
bulk_heap_check(void *p)
{
	char *top;
	uintptr_t lo, hi;

	if (!heap_on)
		return;
	/* Read as malloc left it: a growth seen twice is advised twice, which is harmless. */
	top = sbrk(0);
	if ((char *)p >= heap_from && (char *)p < top) {
		if (top == atomic_load_explicit(&heap_to, memory_order_relaxed))
			return;
		(void)madvise(heap_from, (size_t)(top - heap_from), MADV_HUGEPAGE);
		atomic_store_explicit(&heap_to, top, memory_order_relaxed);
		return;
	}
	/* Another thread's arena, or a block of its own: its mapping, once.  With the list
	 * full or the mappings not to be read, no more are looked up. */
	if (atomic_load_explicit(&nranges, memory_order_relaxed) == MAX_RANGES ||
	    in_ranges((uintptr_t)p))
		return;
	pthread_mutex_lock(&ranges_lock);
	if (!in_ranges((uintptr_t)p) && nranges < MAX_RANGES) {
		size_t n = atomic_load_explicit(&nranges, memory_order_relaxed);
		if (advise_mapping((uintptr_t)p, &lo, &hi))
			ranges[n++] = (struct range){ lo, hi };
		else
			n = MAX_RANGES;
		atomic_store_explicit(&nranges, n, memory_order_release);
	}
	pthread_mutex_unlock(&ranges_lock);
}
