/*
 * Unit tests for analysis/base/util.c: atomic output (the old file stays whole until the
 * new one is complete; an abort leaves no trace), growable strings, errors as values,
 * reading a whole file with a limit, pools and bulk memory.
 */
#include "base/util.h"

#include <pthread.h>

#include "base/bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

static char *
slurp(const char *path)
{
	size_t len;
	char *cause = NULL, *s = file_read(path, 1 << 20, &len, &cause);
	assert_non_null(s);
	return s;
}

static void
test_atomic_output(void **state)
{
	struct aout o;
	struct stat st;
	char path[128], *cause = NULL, *s;
	int mode;
	(void)state;

	assert_int_equal(fixture_open("util"), 0);
	snprintf(path, sizeof path, "%s/out.csv", fixture_dir);
	fixture_put("out.csv", "old\n");
	/* While writing, the old file is whole. */
	assert_int_equal(aout_open(&o, path, &cause), 0);
	fputs("new\n", o.fp);
	s = slurp(path);
	assert_string_equal(s, "old\n");
	free(s);
	assert_int_equal(aout_commit(&o, &cause), 0);
	s = slurp(path);
	assert_string_equal(s, "new\n");
	free(s);
	assert_int_equal(fixture_entries(), 2);
	/* An abort leaves the old file and no temporary. */
	assert_int_equal(aout_open(&o, path, &cause), 0);
	fputs("partial", o.fp);
	aout_abort(&o);
	s = slurp(path);
	assert_string_equal(s, "new\n");
	free(s);
	assert_int_equal(fixture_entries(), 2);
	/* A writable file keeps its permissions; a read-only one is refused, unchanged. */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(aout_open(&o, path, &cause), 0);
	fputs("again\n", o.fp);
	assert_int_equal(aout_commit(&o, &cause), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(aout_open(&o, path, &cause), -1);
	assert_non_null(strstr(cause, "out.csv: read-only, not replaced"));
	free(cause);
	cause = NULL;
	s = slurp(path);
	assert_string_equal(s, "again\n");
	free(s);
	assert_int_equal(aout_check(fixture_dir, &mode, &cause), -1);
	assert_non_null(strstr(cause, ": is a folder, not a file"));
	free(cause);
	cause = NULL;
	/* A folder that does not exist: an error naming the file. */
	snprintf(path, sizeof path, "%s/nope/out.csv", fixture_dir);
	assert_int_equal(aout_open(&o, path, &cause), -1);
	assert_non_null(strstr(cause, "nope/out.csv: cannot write: "));
	free(cause);
	fixture_close();
}

static void
test_file_read(void **state)
{
	char path[128], *cause = NULL, *s;
	size_t len;
	(void)state;

	assert_int_equal(fixture_open("util"), 0);
	fixture_put("a.txt", "0123456789");
	snprintf(path, sizeof path, "%s/a.txt", fixture_dir);
	s = file_read(path, 10, &len, &cause);
	assert_non_null(s);
	assert_int_equal(len, 10);
	free(s);
	assert_null(file_read(path, 9, &len, &cause));
	assert_non_null(strstr(cause, "file larger than the limit of 9 bytes"));
	free(cause);
	cause = NULL;
	assert_null(file_read(fixture_dir, 9, &len, &cause));
	assert_non_null(strstr(cause, ": is a directory"));
	free(cause);
	cause = NULL;
	snprintf(path, sizeof path, "%s/none.txt", fixture_dir);
	assert_null(file_read(path, 9, &len, &cause));
	assert_non_null(strstr(cause, "none.txt: No such file or directory"));
	free(cause);
	fixture_close();
}

/* A pipe has no size: what comes through it is read to its end, past the first buffer,
 * and held to the limit all the same. */
static void
test_file_read_pipe(void **state)
{
	enum { N = 200000 };
	char path[128], *cause = NULL, *s;
	size_t len;
	pid_t pid;
	(void)state;

	for (int limit = 0; limit < 2; limit++) {
		assert_int_equal(fixture_open("util"), 0);
		snprintf(path, sizeof path, "%s/fifo", fixture_dir);
		assert_int_equal(mkfifo(path, 0600), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			FILE *fp = fopen(path, "w");
			for (int i = 0; fp && i < N; i++)
				putc('a' + i % 26, fp);
			_exit(fp && fclose(fp) == 0 ? 0 : 1);
		}
		s = file_read(path, limit ? N - 1 : N, &len, &cause);
		waitpid(pid, NULL, 0);
		if (limit) {
			assert_null(s);
			assert_non_null(strstr(cause, "file larger than the limit of 199999 bytes"));
			free(cause);
			cause = NULL;
		} else {
			assert_non_null(s);
			assert_int_equal(len, N);
			assert_int_equal(s[N - 1], 'a' + (N - 1) % 26);
			assert_int_equal(s[N], '\0');
			free(s);
		}
		fixture_close();
	}
}

static void
test_sb_and_fail(void **state)
{
	struct sb sb = SB_INIT;
	char *s, *cause = NULL;
	const int three[] = { 1, 2, 3 };
	(void)state;

	for (int i = 0; i < 1000; i++)
		sb_addf(&sb, "%d,", i % 10);
	sb_addc(&sb, '!');
	assert_int_equal(sb.len, 2001);
	s = sb_detach(&sb);
	assert_int_equal(strlen(s), 2001);
	assert_int_equal(s[2000], '!');
	free(s);
	assert_null(sb.buf);
	s = sb_detach(&sb); /* never NULL */
	assert_string_equal(s, "");
	free(s);
	/* (fail in brackets: cmocka has a macro of that name.) */
	assert_int_equal((fail)(&cause, "%s:%d: %s", "x.csv", 3, "bad"), -1);
	assert_string_equal(cause, "x.csv:3: bad");
	free(cause);
	assert_int_equal((fail)(NULL, "ignored"), -1);
	assert_int_equal(NELEM(three), 3);
}

/* A pool hands out strings and aligned blocks that stay put as it grows, small and
 * larger than its blocks, and gives them all back at once. */
static void
test_pool(void **state)
{
	struct pool p = POOL_INIT;
	char *s[5000], big[100000];
	double *d;
	(void)state;

	for (int i = 0; i < 5000; i++) {
		char w[32];
		snprintf(w, sizeof w, "字段 %d", i);
		s[i] = pool_strdup(&p, w);
	}
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_string_equal(pool_strdup(&p, big), big);
	d = pool_alloc(&p, 3 * sizeof *d);
	assert_int_equal((uintptr_t)d % _Alignof(max_align_t), 0);
	d[0] = 1.5;
	d[2] = 2.5;
	assert_string_equal(pool_strndup(&p, "托位1.1万个", 6), "托位");
	for (int i = 0; i < 5000; i += 999) {
		char w[32];
		snprintf(w, sizeof w, "字段 %d", i);
		assert_string_equal(s[i], w);
	}
	assert_true(d[0] == 1.5 && d[2] == 2.5);
	pool_release(&p);
	assert_null(p.b);
	pool_release(&p);
}

/* Two pools merged: what each handed out stays put and readable, the merged pool goes on
 * handing out from the block it had, and one release frees both (LeakSanitizer and
 * valgrind would see a block left behind). */
static void
test_pool_merge(void **state)
{
	struct pool a = POOL_INIT, b = POOL_INIT, empty = POOL_INIT;
	char *sa[300], *sb[300];
	(void)state;

	pool_merge(&a, &empty); /* nothing into nothing */
	assert_null(a.b);
	for (int i = 0; i < 300; i++) {
		char w[600];
		memset(w, 'a' + i % 26, sizeof w - 1);
		w[sizeof w - 1] = '\0';
		sa[i] = pool_strdup(&a, w); /* three blocks' worth */
		sb[i] = pool_strdup(&b, i % 2 ? "城市" : "区县");
	}
	pool_merge(&a, &b);
	assert_null(b.b);
	pool_merge(&b, &empty);
	assert_null(b.b);
	assert_string_equal(pool_strdup(&a, "合并后"), "合并后");
	for (int i = 0; i < 300; i++) {
		assert_int_equal(strlen(sa[i]), 599);
		assert_int_equal(sa[i][0], 'a' + i % 26);
		assert_string_equal(sb[i], i % 2 ? "城市" : "区县");
	}
	pool_merge(&b, &a); /* into an empty pool: it takes the blocks as they are */
	assert_null(a.b);
	assert_string_equal(sb[7], "城市");
	pool_release(&b);
}

/* Bulk memory: N pieces of growing size, each aligned for any object and filled with a
 * byte of its own, read back whole once all are made (so no two overlap); the largest
 * allowed among them, and more than one block's worth in all. */
static void *
bulk_pieces(void *arg)
{
	size_t n = 600, len;
	unsigned char **p = calloc(n, sizeof *p), tag = (unsigned char)(uintptr_t)arg;
	int ok = 1;

	for (size_t i = 0; i < n; i++) {
		len = i == 7 || i == 300 ? BULK_KEEP_MAX : 1 + i * 17;
		p[i] = bulk_keep(len);
		ok &= (uintptr_t)p[i] % _Alignof(max_align_t) == 0;
		memset(p[i], (int)((i + tag) & 0xff), len);
	}
	for (size_t i = 0; i < n; i++) {
		len = i == 7 || i == 300 ? BULK_KEEP_MAX : 1 + i * 17;
		for (size_t k = 0; k < len; k++)
			ok &= p[i][k] == (unsigned char)((i + tag) & 0xff);
	}
	free(p);
	return (void *)(uintptr_t)ok;
}

static void
test_bulk_keep(void **state)
{
	pthread_t t;
	void *other;

	(void)state;
	/* Two threads at once, each in blocks of its own. */
	assert_int_equal(pthread_create(&t, NULL, bulk_pieces, (void *)(uintptr_t)101), 0);
	assert_true((uintptr_t)bulk_pieces((void *)(uintptr_t)3));
	assert_int_equal(pthread_join(t, &other), 0);
	assert_true((uintptr_t)other);
}

/* A pool kept until the process ends: its first block is bulk memory, which release
 * leaves (freeing it would be an invalid free under the sanitizers), while the blocks it
 * grows into (bulk pieces) and a kept pool too large for a bulk block (malloc'd) are given
 * back (a leak checker would see them otherwise). */
static void
test_pool_kept(void **state)
{
	struct pool a = POOL_INIT, big = POOL_INIT, b = POOL_INIT;
	const char *s[200];
	char w[700];

	(void)state;
	pool_first_kept(&a, 64);
	s[0] = pool_strdup(&a, "新增托位1.1万个");
	for (int i = 1; i < 200; i++) {
		memset(w, 'a' + i % 26, sizeof w - 1);
		w[sizeof w - 1] = '\0';
		s[i] = pool_strdup(&a, w); /* past the kept block, into malloc'd ones */
	}
	assert_string_equal(s[0], "新增托位1.1万个");
	assert_int_equal(s[199][0], 'a' + 199 % 26);
	pool_first_kept(&big, BULK_BLOCK);
	memset(pool_alloc(&big, BULK_BLOCK), 'x', BULK_BLOCK);
	pool_first_kept(&b, 16);
	assert_string_equal(pool_strdup(&b, "AED"), "AED");
	pool_merge(&b, &a);
	assert_string_equal(s[0], "新增托位1.1万个");
	pool_release(&b);
	pool_release(&big);
	assert_null(b.b);
	assert_null(big.b);
}

/* Bulk pieces taken in a thread (N of them, more than a block's worth), each aligned for
 * any object and filled with a byte of its own; the pieces (ARG) and whether all read
 * back whole once all are made (so no two overlap). */
#define NPIECES 100
static void *
take_pieces(void *arg)
{
	unsigned char **p = arg;
	int ok = 1;

	for (size_t i = 0; i < NPIECES; i++) {
		p[i] = bulk_piece();
		ok &= (uintptr_t)p[i] % _Alignof(max_align_t) == 0;
		memset(p[i], (int)((uintptr_t)p & 0xff) ^ (int)i, BULK_PIECE);
	}
	for (size_t i = 0; i < NPIECES; i++)
		for (size_t k = 0; k < BULK_PIECE; k += 97)
			ok &= p[i][k] == (unsigned char)(((uintptr_t)p & 0xff) ^ i);
	return (void *)(uintptr_t)ok;
}

static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;

	return x < y ? -1 : x > y;
}

/* Two threads take pieces at once: no piece is handed out twice, none overlaps another;
 * given back, they are what is taken next (the next phase reuses them). */
static void
test_bulk_piece(void **state)
{
	static void *p[2 * NPIECES], *q[2 * NPIECES];
	pthread_t t;
	void *ok;

	(void)state;
	assert_int_equal(pthread_create(&t, NULL, take_pieces, p + NPIECES), 0);
	assert_true((uintptr_t)take_pieces(p));
	assert_int_equal(pthread_join(t, &ok), 0);
	assert_true((uintptr_t)ok);
	qsort(p, 2 * NPIECES, sizeof *p, cmp_ptr);
	for (size_t i = 1; i < 2 * NPIECES; i++)
		assert_true((char *)p[i - 1] + BULK_PIECE <= (char *)p[i]);
	for (size_t i = 0; i < 2 * NPIECES; i++)
		bulk_unpiece(p[i]);
	bulk_unpiece(NULL);
	for (size_t i = 0; i < 2 * NPIECES; i++)
		q[i] = bulk_piece();
	qsort(q, 2 * NPIECES, sizeof *q, cmp_ptr);
	if (!BULK_ON_MALLOC)
		assert_memory_equal(p, q, sizeof p);
	for (size_t i = 0; i < 2 * NPIECES; i++)
		bulk_unpiece(q[i]);
}

/* A thread takes a piece and gives it back (its spare), then ends. */
static void *
spare_piece(void *arg)
{
	void **q = arg;

	*q = bulk_piece();
	bulk_unpiece(*q);
	return NULL;
}

/* The piece a thread gave back last is its next; when the thread ends, it is listed for
 * the others. */
static void
test_bulk_spare(void **state)
{
	void *a, *b, *q;
	pthread_t t;

	(void)state;
	a = bulk_piece();
	bulk_unpiece(a);
	b = bulk_piece();
	if (!BULK_ON_MALLOC)
		assert_ptr_equal(a, b);
	assert_int_equal(pthread_create(&t, NULL, spare_piece, &q), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	a = bulk_piece(); /* this thread's spare is taken: B is still out */
	if (!BULK_ON_MALLOC)
		assert_ptr_equal(a, q);
	bulk_unpiece(a);
	bulk_unpiece(b);
}

/* Maps small and large: zeroed, aligned, writable to their last byte. */
static void
test_bulk_map(void **state)
{
	size_t sizes[] = { 0, 100, BULK_BLOCK - 1, BULK_BLOCK, 3 * BULK_BLOCK + 5 };

	(void)state;
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		size_t n = sizes[i];
		unsigned char *m = bulk_map(n);
		assert_non_null(m);
		assert_true((uintptr_t)m % _Alignof(max_align_t) == 0);
		for (size_t k = 0; k < n; k += 4093)
			assert_int_equal(m[k], 0);
		if (n) {
			assert_int_equal(m[n - 1], 0);
			memset(m, 0xab, n);
		}
		bulk_unmap(m, n);
	}
}

/* The flags smaps gives the mapping that holds P ("" if none is found). */
static void
vm_flags(const void *p, char *flags, size_t size)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0;

	*flags = '\0';
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		uintptr_t lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
		else if (in && strncmp(line, "VmFlags:", 8) == 0)
			snprintf(flags, size, "%s", line + 8);
	}
	fclose(f);
}

/* Whether the mapping that holds P is advised for huge pages (where the kernel has
 * transparent huge pages at all; under AddressSanitizer, malloc is left alone: yes). */
static int
advised(const void *p)
{
	char flags[512];

	if (BULK_ON_MALLOC || access("/sys/kernel/mm/transparent_hugepage", F_OK) != 0)
		return 1;
	vm_flags(p, flags, sizeof flags);
	return strstr(flags, " hg") != NULL;
}

/* N blocks of 1 MB from xmalloc, written whole; whether the last one's mapping is
 * advised; freed after. */
static void *
take_megabytes(void *arg)
{
	size_t n = (size_t)(uintptr_t)arg;
	char **p = calloc(n, sizeof *p);
	int ok;

	for (size_t i = 0; i < n; i++)
		memset(p[i] = xmalloc((size_t)1 << 20), (int)i, (size_t)1 << 20);
	ok = advised(p[n - 1]);
	for (size_t i = 0; i < n; i++) {
		ok &= p[i][(size_t)1 << 19] == (char)i;
		free(p[i]);
	}
	free(p);
	return (void *)(uintptr_t)ok;
}

/* After bulk_heap, malloc's heaps ask for huge pages: the main heap after a growth of
 * 80 MB, another thread's arena grown into the room it had reserved (40 MB, more than
 * the first growth), a block large enough for a mapping of its own. */
static void
test_bulk_heap(void **state)
{
	pthread_t t;
	void *ok;
	char *big;

	(void)state;
	bulk_heap();
	assert_true((uintptr_t)take_megabytes((void *)(uintptr_t)80));
	assert_int_equal(pthread_create(&t, NULL, take_megabytes, (void *)(uintptr_t)40), 0);
	assert_int_equal(pthread_join(t, &ok), 0);
	assert_true((uintptr_t)ok);
	big = xmalloc((size_t)40 << 20);
	memset(big, 1, (size_t)40 << 20);
	assert_true(advised(big + ((size_t)20 << 20)));
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atomic_output),
		cmocka_unit_test(test_file_read),
		cmocka_unit_test(test_file_read_pipe),
		cmocka_unit_test(test_sb_and_fail),
		cmocka_unit_test(test_pool),
		cmocka_unit_test(test_pool_merge),
		cmocka_unit_test(test_bulk_keep),
		cmocka_unit_test(test_pool_kept),
		cmocka_unit_test(test_bulk_piece),
		cmocka_unit_test(test_bulk_spare),
		cmocka_unit_test(test_bulk_map),
		cmocka_unit_test(test_bulk_heap), /* last: it changes malloc's settings */
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
