/* Unit tests for analysis/base/memo.c: answers found by their whole key, kept across the
 * shards' tables growing, shared by threads, forgotten on clear; the same of a keep. */
#include "base/memo.h"
#include "base/util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static struct memo m = MEMO_INIT;

static void
test_get_put(void **state)
{
	char *v;
	(void)state;

	assert_null(memo_get(&m, "新增托位", strlen("新增托位")));
	memo_put(&m, "新增托位", strlen("新增托位"), "托位");
	v = memo_get(&m, "新增托位", strlen("新增托位"));
	assert_string_equal(v, "托位");
	free(v);
	/* Keys are bytes: NULs inside, one a prefix of another, the empty key. */
	memo_put(&m, "a\0b", 3, "one");
	memo_put(&m, "a\0", 2, "two");
	memo_put(&m, "", 0, "empty");
	v = memo_get(&m, "a\0b", 3);
	assert_string_equal(v, "one");
	free(v);
	v = memo_get(&m, "a\0", 2);
	assert_string_equal(v, "two");
	free(v);
	v = memo_get(&m, "", 0);
	assert_string_equal(v, "empty");
	free(v);
	assert_null(memo_get(&m, "a", 1));
	memo_clear(&m);
	assert_null(memo_get(&m, "新增托位", strlen("新增托位")));
	assert_null(memo_get(&m, "", 0));
	/* What a thread remembers of a memo is of that memo, and of its keys since the last
	 * clear: a key kept again after it, or in another memo, has the value kept there. */
	{
		static struct memo other = MEMO_INIT;
		memo_put(&m, "新增托位", strlen("新增托位"), "托位数");
		memo_put(&other, "新增托位", strlen("新增托位"), "其他");
		v = memo_get(&m, "新增托位", strlen("新增托位"));
		assert_string_equal(v, "托位数");
		free(v);
		v = memo_get(&other, "新增托位", strlen("新增托位"));
		assert_string_equal(v, "其他");
		free(v);
		memo_clear(&other);
		assert_null(memo_get(&other, "新增托位", strlen("新增托位")));
		v = memo_get(&m, "新增托位", strlen("新增托位"));
		assert_string_equal(v, "托位数");
		free(v);
		memo_clear(&m);
	}
}

/* Many keys (the tables grow many times over), each found with its own value. */
static void
test_many(void **state)
{
	char k[32], want[32];
	(void)state;

	for (int i = 0; i < 50000; i++) {
		snprintf(k, sizeof k, "key %d", i);
		snprintf(want, sizeof want, "value %d", i * 7);
		memo_put(&m, k, strlen(k), want);
	}
	for (int i = 0; i < 50000; i += 7) {
		char *v;
		snprintf(k, sizeof k, "key %d", i);
		snprintf(want, sizeof want, "value %d", i * 7);
		v = memo_get(&m, k, strlen(k));
		assert_non_null(v);
		assert_string_equal(v, want);
		free(v);
	}
	memo_clear(&m);
}

struct job {
	int from, bad;
};

/* FN on four threads at once, each from its own place in the keys: none finds a wrong
 * answer. */
static void
run_threads(void *(*fn)(void *))
{
	pthread_t t[4];
	struct job j[4];

	for (int i = 0; i < 4; i++) {
		j[i] = (struct job){ i * 1000, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, fn, &j[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(j[i].bad, 0);
	}
}

static void *
worker(void *arg)
{
	struct job *j = arg;
	char k[32], want[32];

	for (int i = 0; i < 20000; i++) {
		int n = (i * 31 + j->from) % 5000;
		char *v;
		snprintf(k, sizeof k, "k%d", n);
		snprintf(want, sizeof want, "v%d", n);
		if ((v = memo_get(&m, k, strlen(k)))) {
			j->bad += strcmp(v, want) != 0;
			free(v);
		} else
			memo_put(&m, k, strlen(k), want);
	}
	return NULL;
}

/* Threads asking and answering the same keys at once: every answer found is its key's. */
static void
test_threads(void **state)
{
	(void)state;

	run_threads(worker);
	memo_clear(&m);
}

/* ---- keep ---- */

static const void *
kget(struct keep *k, const char *const *key, size_t n)
{
	return keep_get(k, keep_hash(key, n), key, n);
}

static const void *
kput(struct keep *k, const char *const *key, size_t n, const void *v)
{
	return keep_put(k, keep_hash(key, n), key, n, v);
}

/* Keys are whole lists of strings, compared string by string: the split between them, a
 * NULL and an empty string, and the number of strings all tell keys apart. */
static void
test_keep_keys(void **state)
{
	struct keep k;
	int v[8];
	const char *ab[] = { "新增托位", "个" }, *a_b[] = { "新增", "托位个" };
	const char *anull[] = { "新增托位", NULL }, *aempty[] = { "新增托位", "" };
	const char *a[] = { "新增托位" }, *abc[] = { "新增托位", "个", "" };
	char copy[32];
	(void)state;

	keep_init(&k, 0);
	assert_null(kget(&k, ab, 2));
	assert_ptr_equal(kput(&k, ab, 2, &v[0]), &v[0]);
	assert_ptr_equal(kput(&k, a_b, 2, &v[1]), &v[1]);
	assert_ptr_equal(kput(&k, anull, 2, &v[2]), &v[2]);
	assert_ptr_equal(kput(&k, aempty, 2, &v[3]), &v[3]);
	assert_ptr_equal(kput(&k, a, 1, &v[4]), &v[4]);
	assert_ptr_equal(kput(&k, abc, 3, &v[5]), &v[5]);
	assert_ptr_equal(kget(&k, ab, 2), &v[0]);
	assert_ptr_equal(kget(&k, a_b, 2), &v[1]);
	assert_ptr_equal(kget(&k, anull, 2), &v[2]);
	assert_ptr_equal(kget(&k, aempty, 2), &v[3]);
	assert_ptr_equal(kget(&k, a, 1), &v[4]);
	assert_ptr_equal(kget(&k, abc, 3), &v[5]);
	/* Found by the strings' text, not their addresses. */
	strcpy(copy, "新增托位");
	assert_ptr_equal(kget(&k, (const char *[]){ copy, "个" }, 2), &v[0]);
	/* A key kept already keeps its first value. */
	assert_ptr_equal(kput(&k, ab, 2, &v[6]), &v[0]);
	assert_ptr_equal(kget(&k, ab, 2), &v[0]);
	keep_free(&k);
}

/* Many keys: the shards' tables grow many times over (from nothing, from too little room)
 * or not at all (room for every key), every key keeps its value. */
static void
test_keep_many(void **state)
{
	enum { N = 40000 };
	static char text[N][16];
	static int v[N];
	const size_t expect[] = { 0, 100, N };
	(void)state;

	for (size_t e = 0; e < NELEM(expect); e++) {
		struct keep k;
		keep_init(&k, expect[e]);
		for (int i = 0; i < N; i++) {
			const char *key[] = { text[i] };
			snprintf(text[i], sizeof text[i], "t%d", i);
			assert_ptr_equal(kput(&k, key, 1, &v[i]), &v[i]);
		}
		for (int i = 0; i < N; i++) {
			char t[16];
			const char *key[] = { t };
			snprintf(t, sizeof t, "t%d", i);
			assert_ptr_equal(kget(&k, key, 1), &v[i]);
		}
		assert_null(kget(&k, (const char *[]){ "t40000" }, 1));
		keep_free(&k);
	}
}

static struct keep shared;
static char stexts[5000][16];
static int svals[5000];

static void *
keep_worker(void *arg)
{
	struct job *j = arg;

	for (int i = 0; i < 20000; i++) {
		int n = (i * 31 + j->from) % 5000;
		const char *key[] = { stexts[n] };
		const void *v = kget(&shared, key, 1);
		if (!v)
			v = kput(&shared, key, 1, &svals[n]);
		j->bad += v != &svals[n];
	}
	return NULL;
}

/* Threads asking and keeping the same keys at once: every value found is its key's. */
static void
test_keep_threads(void **state)
{
	(void)state;

	for (int i = 0; i < 5000; i++)
		snprintf(stexts[i], sizeof stexts[i], "s%d", i);
	keep_init(&shared, 5000);
	run_threads(keep_worker);
	keep_free(&shared);
}

/* ---- intern ---- */

/* One copy of each string, by its bytes: the same pointer for the same bytes (through a
 * table that grows past 64 entries a shard), another for other bytes. */
static void
test_intern(void **state)
{
	static char texts[3000][16];
	const char *first[3000];
	(void)state;

	for (int i = 0; i < 3000; i++) {
		snprintf(texts[i], sizeof texts[i], "托位%d", i);
		first[i] = intern(texts[i]);
		assert_string_equal(first[i], texts[i]);
		assert_ptr_not_equal(first[i], texts[i]);
	}
	for (int i = 0; i < 3000; i++) {
		char copy[16];
		strcpy(copy, texts[i]);
		assert_ptr_equal(intern(copy), first[i]);
	}
	/* A prefix is a string of its own; N bytes need no NUL after them. */
	assert_ptr_equal(intern_n("托位12x", strlen("托位12")), first[12]);
	assert_ptr_not_equal(intern("托位1"), intern("托位"));
	assert_string_equal(intern(""), "");
}

static void *
intern_worker(void *arg)
{
	struct job *j = arg;

	for (int i = 0; i < 20000; i++) {
		int n = (i * 31 + j->from) % 5000;
		const char *a = intern(stexts[n]);
		j->bad += strcmp(a, stexts[n]) != 0 || a != intern(stexts[n]);
	}
	return NULL;
}

/* Threads interning the same strings at once: each gets the one copy. */
static void
test_intern_threads(void **state)
{
	(void)state;

	for (int i = 0; i < 5000; i++)
		snprintf(stexts[i], sizeof stexts[i], "i%d", i);
	run_threads(intern_worker);
	for (int i = 0; i < 5000; i++)
		assert_string_equal(intern(stexts[i]), stexts[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_put),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_keep_keys),
		cmocka_unit_test(test_keep_many),
		cmocka_unit_test(test_keep_threads),
		cmocka_unit_test(test_intern),
		cmocka_unit_test(test_intern_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
