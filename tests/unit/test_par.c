/* Unit tests for analysis/base/par.c: par_for cuts 0..N into runs in order, each taken
 * once, as many as par_threads says; par_for_any hands out runs of a chunk, each once, to
 * threads as they ask. */
#include "base/par.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* What each thread T was given: its last run, how many runs and items in all. */
struct seen {
	int hits[10007];
	size_t from[PAR_MAX], to[PAR_MAX], runs[PAR_MAX], items[PAR_MAX];
};

static void
mark(void *arg, size_t t, size_t from, size_t to)
{
	struct seen *s = arg;

	assert_true(t < PAR_MAX);
	s->from[t] = from;
	s->to[t] = to;
	s->runs[t]++;
	s->items[t] += to - from;
	for (size_t i = from; i < to; i++)
		s->hits[i]++;
}

static void
test_for(void **state)
{
	static struct seen s;
	size_t nt;
	(void)state;

	unsetenv("YOY_THREADS");
	nt = par_for(10000, 16, mark, &s);
	assert_int_equal(nt, par_threads(10000, 16));
	for (size_t i = 0; i < 10000; i++)
		assert_int_equal(s.hits[i], 1);
	/* The runs in order, end to end. */
	assert_int_equal(s.from[0], 0);
	for (size_t t = 1; t < nt; t++)
		assert_int_equal(s.from[t], s.to[t - 1]);
	assert_int_equal(s.to[nt - 1], 10000);
	/* Too little work, or one thread asked for: one run of it all. */
	memset(&s, 0, sizeof s);
	assert_int_equal(par_for(10, 16, mark, &s), 1);
	assert_int_equal(s.to[0], 10);
	setenv("YOY_THREADS", "1", 1);
	assert_int_equal(par_for(10000, 16, mark, &s), 1);
	unsetenv("YOY_THREADS");
	/* Nothing to do: one empty run. */
	memset(&s, 0, sizeof s);
	assert_int_equal(par_for(0, 16, mark, &s), 1);
	assert_int_equal(s.to[0], 0);
}

static void
test_for_any(void **state)
{
	static struct seen s;
	size_t nt, runs = 0, items = 0;
	(void)state;

	unsetenv("YOY_THREADS");
	/* 10007 in runs of 64 (the last shorter), each index once, by the threads there were. */
	nt = par_for_any(10007, 64, mark, &s);
	assert_int_equal(nt, par_threads(10007, 64));
	for (size_t i = 0; i < 10007; i++)
		assert_int_equal(s.hits[i], 1);
	for (size_t t = 0; t < PAR_MAX; t++) {
		if (t >= nt)
			assert_int_equal(s.runs[t], 0);
		runs += s.runs[t];
		items += s.items[t];
	}
	assert_int_equal(runs, (10007 + 63) / 64);
	assert_int_equal(items, 10007);
	/* One thread asked for, or nothing to do. */
	memset(&s, 0, sizeof s);
	setenv("YOY_THREADS", "1", 1);
	assert_int_equal(par_for_any(10007, 64, mark, &s), 1);
	assert_int_equal(s.runs[0], (10007 + 63) / 64);
	unsetenv("YOY_THREADS");
	memset(&s, 0, sizeof s);
	assert_int_equal(par_for_any(0, 64, mark, &s), 1);
	assert_int_equal(s.runs[0], 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_for),
		cmocka_unit_test(test_for_any),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
