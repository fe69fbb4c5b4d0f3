/* Unit tests for analysis/base/par.c: par_for cuts 0..N into runs in order, each taken
 * once, as many as par_threads says. */
#include "base/par.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

struct seen {
	int hits[10000];
	size_t from[PAR_MAX], to[PAR_MAX];
};

static void
mark(void *arg, size_t t, size_t from, size_t to)
{
	struct seen *s = arg;

	s->from[t] = from;
	s->to[t] = to;
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
