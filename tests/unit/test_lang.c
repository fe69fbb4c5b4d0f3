/*
 * Unit tests for analysis/render/lang.c: numbers written as people write them (万 and 亿
 * where a notice would print them, grouped thousands in English, percentages), column
 * headings and codes in both languages.
 */
#include "render/lang.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* lang_number(L, V, UNIT) is WANT. */
static void
number_is(enum lang l, double v, const char *unit, const char *want)
{
	char *s = lang_number(l, v, unit);
	assert_string_equal(s, want);
	free(s);
}

static void
test_number_zh(void **state)
{
	(void)state;
	number_is(LANG_ZH, 41860000, "平方米", "4186万平方米");
	number_is(LANG_ZH, 30110000, "平方米", "3011万平方米");
	number_is(LANG_ZH, 11000, "个", "1.1万个");
	number_is(LANG_ZH, 2000000, "名", "200万名");
	number_is(LANG_ZH, 10000, "人次", "1万人次");
	number_is(LANG_ZH, 150000000, "元", "1.5亿元");
	number_is(LANG_ZH, 100000000, "", "1亿");
	/* Below 1万, or not round enough to be printed in 万: as it is. */
	number_is(LANG_ZH, 1227, "个", "1227个");
	number_is(LANG_ZH, 9999, "个", "9999个");
	number_is(LANG_ZH, 12345, "人", "12345人");
	number_is(LANG_ZH, 10050, "人", "10050人");
	number_is(LANG_ZH, 10500, "人", "1.05万人");
	number_is(LANG_ZH, 3.7, "个", "3.7个");
	number_is(LANG_ZH, 4.6667, "", "4.6667");
	number_is(LANG_ZH, 35, "%", "35%");
	number_is(LANG_ZH, 0, "处", "0处");
	/* Decreases keep their sign. */
	number_is(LANG_ZH, -11750000, "平方米", "-1175万平方米");
	number_is(LANG_ZH, -1235, "个", "-1235个");
	/* No unit, and an undefined figure. */
	number_is(LANG_ZH, 45000, NULL, "4.5万");
	number_is(LANG_ZH, NAN, "个", "");
}

static void
test_number_en(void **state)
{
	(void)state;
	number_is(LANG_EN, 41860000, "平方米", "41,860,000 平方米");
	number_is(LANG_EN, 1227, "个", "1,227 个");
	number_is(LANG_EN, 999, "个", "999 个");
	number_is(LANG_EN, 11000, "", "11,000");
	number_is(LANG_EN, 3.7, "个", "3.7 个");
	number_is(LANG_EN, 1234567.25, "", "1,234,567.25");
	number_is(LANG_EN, 35, "%", "35%");
	number_is(LANG_EN, -950000, "平方米", "-950,000 平方米");
	number_is(LANG_EN, -0.0000001, "", "0");
}

static void
test_headings_and_codes(void **state)
{
	static const struct col status = { "status", COL_TEXT, SHOW_CODE };
	static const struct col share = { "share", COL_NUM, SHOW_SHARE };
	static const struct col pct = { "pct_change", COL_NUM, SHOW_PCT };
	struct rows r;
	char *s;
	(void)state;

	rows_init(&r, rows_compare_def.cols, rows_compare_def.ncols);
	rows_tag(&r, (size_t)rows_col(&r, "from_value"), "2025");
	s = lang_heading(LANG_ZH, &r, (size_t)rows_col(&r, "from_value"));
	assert_string_equal(s, "2025年目标值");
	free(s);
	s = lang_heading(LANG_EN, &r, (size_t)rows_col(&r, "from_value"));
	assert_string_equal(s, "2025 value");
	free(s);
	rows_release(&r);
	s = lang_cell(LANG_ZH, &status, "continued");
	assert_string_equal(s, "延续");
	free(s);
	s = lang_cell(LANG_EN, &status, "child");
	assert_string_equal(s, "district");
	free(s);
	s = lang_cell(LANG_ZH, &share, "0.0595");
	assert_string_equal(s, "5.95%");
	free(s);
	s = lang_cell(LANG_ZH, &pct, "600");
	assert_string_equal(s, "600%");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_zh),
		cmocka_unit_test(test_number_en),
		cmocka_unit_test(test_headings_and_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
