/* Unit tests for analysis/base/wdiff.c: a word diff where a number with its unit is one
 * word, plain and coloured. */
#include "base/wdiff.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* The word diff of A and B (coloured with COLOR) is WANT. */
static void
wdiff_is(const char *a, const char *b, int color, const char *want)
{
	char *d = wdiff(a, b, color);
	assert_string_equal(d, want);
	free(d);
}

static void
test_wdiff(void **state)
{
	(void)state;
	/* A number with its unit is one word. */
	wdiff_is("普及应急救护知识32万人次以上", "普及应急救护知识33万人次以上", 0,
	         "普及应急救护知识[-32万人次-]{+33万人次+}以上");
	wdiff_is("建设100个口袋公园", "建设、提质口袋公园200个以上", 0,
	         "建设[-100个-]{+、提质+}口袋公园{+200个以上+}");
	wdiff_is("同", "同", 1, "同");
	wdiff_is("甲", "乙", 1, "\033[31m甲\033[m\033[32m乙\033[m");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wdiff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
