/*
 * bulk: memory for what a corpus keeps until the process ends (the text of its task
 * files, its target lists), in blocks of 2 MB made present a block at a time.
 *
 * Memory from malloc comes into being one 4 kB page at a time, at its first touch; on a
 * virtual machine that fault goes out to the hypervisor, and a 300k-item run makes a
 * hundred thousand of them (tests/bench/README.md).  A bulk block is asked for a huge
 * page and made present in one call (madvise MADV_HUGEPAGE, then MADV_POPULATE_WRITE).
 * Where the kernel does neither (no transparent huge pages, Linux before 5.14) its pages
 * come as they are touched, as from malloc; nothing else differs.
 *
 * Bulk memory is never given back: it is for what lives as long as the process.  The
 * sanitizers and valgrind do not check it as they check a malloc'd block, and
 * LeakSanitizer does not look in it for pointers: nothing kept there may be the only
 * pointer to a malloc'd block (the items, which point at their target lines, stay on
 * malloc).
 */
#ifndef YOY_BULK_H
#define YOY_BULK_H

#include <stddef.h>

#define BULK_BLOCK ((size_t)2 << 20)

/* N bytes aligned for any object, N at most BULK_BLOCK / 8, in the calling thread's
 * current block. */
void *bulk_keep(size_t n);

#endif
