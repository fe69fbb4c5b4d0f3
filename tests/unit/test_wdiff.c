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

static void
test_wdiff(void **state)
{
	char *d;
	(void)state;
	/* A number with its unit is one word. */
	d = wdiff("普及应急救护知识32万人次以上", "普及应急救护知识33万人次以上", 0);
	assert_string_equal(d, "普及应急救护知识[-32万人次-]{+33万人次+}以上");
	free(d);
	d = wdiff("建设100个口袋公园", "建设、提质口袋公园200个以上", 0);
	assert_string_equal(d, "建设[-100个-]{+、提质+}口袋公园{+200个以上+}");
	free(d);
	d = wdiff("同", "同", 1);
	assert_string_equal(d, "同");
	free(d);
	d = wdiff("甲", "乙", 1);
	assert_string_equal(d, "\033[31m甲\033[m\033[32m乙\033[m");
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wdiff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
