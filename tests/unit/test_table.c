/*
 * Unit tests for analysis/render/table.c: rows in the three listing formats (an aligned
 * table by display width, CSV with or without Excel's BOM, JSON), the terminal's column
 * order (an item column shown beside the metric), wide cells cut to a width, and the
 * format names.
 */
#include "render/table.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static char *
render_w(const struct rows *t, enum table_format f, int excel, size_t maxw)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	table_write(t, f, fp, excel, maxw);
	fclose(fp);
	return buf;
}

static char *
render(const struct rows *t, enum table_format f, int excel)
{
	return render_w(t, f, excel, 0);
}

static void
test_formats(void **state)
{
	static const struct col cols[] = { { "seq", COL_TEXT }, { "name", COL_TEXT } };
	const char *r1[] = { "1", "建设\"渝好空间\",妇女" };
	const char *r2[] = { "12", "AED" };
	struct rows t;
	char *s;
	(void)state;

	rows_init(&t, cols, 2);
	rows_add(&t, r1);
	rows_add(&t, r2);
	s = render(&t, FMT_CSV, 0);
	assert_string_equal(s, "seq,name\n1,\"建设\"\"渝好空间\"\",妇女\"\n12,AED\n");
	free(s);
	s = render(&t, FMT_CSV, 1);
	assert_string_equal(s, "\xEF\xBB\xBFseq,name\r\n1,\"建设\"\"渝好空间\"\",妇女\"\r\n12,AED\r\n");
	free(s);
	s = render(&t, FMT_JSON, 0);
	assert_string_equal(s, "[\n  {\"seq\": \"1\", \"name\": \"建设\\\"渝好空间\\\",妇女\"},\n"
	                       "  {\"seq\": \"12\", \"name\": \"AED\"}\n]\n");
	free(s);
	/* Aligned by display width: 建设… is 2 columns a character. */
	s = render(&t, FMT_TABLE, 0);
	assert_string_equal(s, "seq  name\n1    建设\"渝好空间\",妇女\n12   AED\n");
	free(s);
	rows_release(&t);
}

static void
test_display_order(void **state)
{
	/* growth: `item` comes last in CSV (after the contract's columns) but beside the
	 * metric on a terminal. */
	static const struct col cols[] = { { "series", COL_TEXT }, { "metric", COL_TEXT },
		                           { "pct_change", COL_NUM }, { "item", COL_TEXT } };
	const char *r1[] = { "s:1:1", "新增托位", "25", "托育" };
	struct rows t;
	char *s;
	(void)state;

	rows_init(&t, cols, 4);
	rows_add(&t, r1);
	s = render(&t, FMT_TABLE, 0);
	assert_string_equal(s, "series  metric    item  pct_change\n"
	                       "s:1:1   新增托位  托育  25\n");
	free(s);
	s = render(&t, FMT_CSV, 0);
	assert_string_equal(s, "series,metric,pct_change,item\ns:1:1,新增托位,25,托育\n");
	free(s);
	rows_release(&t);
}

static void
test_wide_cells(void **state)
{
	static const struct col cols[] = { { "task", COL_TEXT } };
	const char *r1[] = { "新增托位1.1万个，建设社区嵌入式托育机构" };
	const char *r2[] = { "two\nlines" };
	struct rows t;
	char *s;
	(void)state;

	rows_init(&t, cols, 1);
	rows_add(&t, r1);
	rows_add(&t, r2);
	/* Cut to 12 columns with an ellipsis; a newline shown as a space. */
	s = render_w(&t, FMT_TABLE, 0, 12);
	assert_string_equal(s, "task\n新增托位1.1…\ntwo lines\n");
	free(s);
	/* CSV and JSON are never cut. */
	s = render_w(&t, FMT_CSV, 0, 12);
	assert_string_equal(s, "task\n新增托位1.1万个，建设社区嵌入式托育机构\n\"two\nlines\"\n");
	free(s);
	s = render_w(&t, FMT_JSON, 0, 12);
	assert_string_equal(s, "[\n  {\"task\": \"新增托位1.1万个，建设社区嵌入式托育机构\"},\n"
	                       "  {\"task\": \"two\\nlines\"}\n]\n");
	free(s);
	rows_release(&t);
}

static void
test_format_names(void **state)
{
	enum table_format f;
	(void)state;

	assert_int_equal(table_format_parse("json", &f), 0);
	assert_int_equal(f, FMT_JSON);
	assert_int_equal(table_format_parse("csv", &f), 0);
	assert_int_equal(f, FMT_CSV);
	assert_int_equal(table_format_parse("table", &f), 0);
	assert_int_equal(f, FMT_TABLE);
	assert_int_equal(table_format_parse("xlsx", &f), -1);
}

static void
test_json_string(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	(void)state;

	json_string(fp, "a\"\\\t\x01é");
	fclose(fp);
	assert_string_equal(buf, "\"a\\\"\\\\\\t\\u0001é\"");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_display_order),
		cmocka_unit_test(test_wide_cells),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_json_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
