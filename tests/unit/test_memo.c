/* Unit tests for analysis/base/memo.c: answers found by their whole key, kept across the
 * shards' tables growing, shared by threads, forgotten on clear. */
#include "base/memo.h"

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
	pthread_t t[4];
	struct job j[4];
	(void)state;

	for (int i = 0; i < 4; i++) {
		j[i] = (struct job){ i * 1000, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, worker, &j[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(j[i].bad, 0);
	}
	memo_clear(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_put),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
