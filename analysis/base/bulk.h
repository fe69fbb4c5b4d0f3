/*
 * bulk: memory in 2 MB huge pages, for what is large or many (tests/bench/README.md).
 *
 * Memory from malloc comes into being one 4 kB page at a time, at its first touch; on a
 * virtual machine that fault goes out to the hypervisor, and a 300k-item run made a
 * hundred thousand of them.  Bulk memory is asked for huge pages (madvise MADV_HUGEPAGE):
 * a fault brings 2 MB.  Where the kernel has no transparent huge pages its pages come as
 * they are touched, as from malloc; nothing else differs.  Four kinds:
 *
 *  - kept (bulk_keep): what lives as long as the process (the text of the task files,
 *    the target lists), in blocks made present at once (MADV_POPULATE_WRITE, Linux 5.14),
 *    never given back;
 *  - pieces (bulk_piece): blocks of BULK_PIECE bytes for the structures that grow by
 *    blocks (pools, bigram arenas, edge lists); a piece given back is taken again by the
 *    next phase, as malloc would reuse it;
 *  - maps (bulk_map): one large array, zeroed, given back to the system when unmapped;
 *  - malloc's heaps (bulk_heap), where the rest of what a run allocates is.
 *
 * The sanitizers and valgrind do not check bulk memory as they check a malloc'd block, and
 * LeakSanitizer does not look in it for pointers.  So under AddressSanitizer pieces and
 * maps are malloc'd and the heap is left as it is; and nothing kept may be the only
 * pointer to a malloc'd block (the items, which point at their target lines, stay on
 * malloc).
 */
#ifndef YOY_BULK_H
#define YOY_BULK_H

#include <stddef.h>

/* 1 where bulk memory is malloc'd, to be checked: under AddressSanitizer (see above). */
#if defined(__SANITIZE_ADDRESS__)
#define BULK_ON_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BULK_ON_MALLOC 1
#endif
#endif
#ifndef BULK_ON_MALLOC
#define BULK_ON_MALLOC 0
#endif

#define BULK_BLOCK ((size_t)2 << 20)

/* The most bulk_keep hands out at once: a larger piece would waste most of a block. */
#define BULK_KEEP_MAX (BULK_BLOCK / 8)

/* N bytes aligned for any object, N at most BULK_KEEP_MAX, in the calling thread's
 * current block. */
void *bulk_keep(size_t n);

#define BULK_PIECE ((size_t)64 << 10)

/* A piece of BULK_PIECE bytes, aligned for any object, its contents unspecified; given
 * back by bulk_unpiece. */
void *bulk_piece(void);
void bulk_unpiece(void *p);

/* N bytes, zeroed, aligned for any object; given back by bulk_unmap(P, N). */
void *bulk_map(size_t n);
void bulk_unmap(void *p, size_t n);

/* Asks that malloc's heaps be in huge pages too (bulk.c), from now on: called once, at
 * the start of a run, before other threads; bulk_heap_check(P), from the allocation
 * wrappers (util.h) with the block they got, asks for the heap that holds P when it is
 * new or has grown. */
void bulk_heap(void);
void bulk_heap_check(void *p);

#endif
