/*
 * Unit tests for analysis/render/table.c: rows in the three listing formats (an aligned
 * table by display width, CSV with or without Excel's BOM, JSON), the terminal's column
 * order (an item column shown beside the metric), wide cells cut to a width, and the
 * format names.
 */
#include "render/table.h"
#include "base/util.h"

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
	struct table_opts o = { f, excel, maxw, LANG_EN };
	table_write(t, &o, fp);
	fclose(fp);
	return buf;
}

/* T rendered in format F (Excel's CSV with EXCEL, cut to MAXW columns unless 0) is WANT. */
static void
renders(const struct rows *t, enum table_format f, int excel, size_t maxw, const char *want)
{
	char *s = render_w(t, f, excel, maxw);
	assert_string_equal(s, want);
	free(s);
}

static void
test_formats(void **state)
{
	static const struct col cols[] = { { "seq", COL_TEXT, SHOW_VERBATIM }, { "name", COL_TEXT, SHOW_PLAIN } };
	const char *r1[] = { "1", "建设\"渝好空间\",妇女" };
	const char *r2[] = { "12", "AED" };
	struct rows t;
	(void)state;

	rows_init(&t, cols, 2);
	rows_add(&t, r1);
	rows_add(&t, r2);
	renders(&t, FMT_CSV, 0, 0, "seq,name\n1,\"建设\"\"渝好空间\"\",妇女\"\n12,AED\n");
	renders(&t, FMT_CSV, 1, 0, "\xEF\xBB\xBFno.,item\r\n1,\"建设\"\"渝好空间\"\",妇女\"\r\n12,AED\r\n");
	renders(&t, FMT_JSON, 0, 0, "[\n  {\"seq\": \"1\", \"name\": \"建设\\\"渝好空间\\\",妇女\"},\n"
	        "  {\"seq\": \"12\", \"name\": \"AED\"}\n]\n");
	/* Aligned by display width: 建设… is 2 columns a character. */
	renders(&t, FMT_TABLE, 0, 0, "no.  item\n1    建设\"渝好空间\",妇女\n12   AED\n");
	rows_release(&t);
}

static void
test_display_order(void **state)
{
	/* growth: `item` comes last in CSV (after the contract's columns) but beside the
	 * metric on a terminal. */
	static const struct col cols[] = { { "series", COL_TEXT, SHOW_PLAIN },
		                           { "metric", COL_TEXT, SHOW_PLAIN },
		                           { "pct_change", COL_NUM, SHOW_PCT },
		                           { "item", COL_TEXT, SHOW_PLAIN } };
	const char *r1[] = { "s:1:1", "新增托位", "25", "托育" };
	struct rows t;
	(void)state;

	rows_init(&t, cols, 4);
	rows_add(&t, r1);
	renders(&t, FMT_TABLE, 0, 0, "series  metric    item  change %\n"
	        "s:1:1   新增托位  托育  25%\n");
	renders(&t, FMT_CSV, 0, 0, "series,metric,pct_change,item\ns:1:1,新增托位,25,托育\n");
	rows_release(&t);
}

static void
test_wide_cells(void **state)
{
	static const struct col cols[] = { { "task", COL_TEXT, SHOW_PLAIN } };
	const char *r1[] = { "新增托位1.1万个，建设社区嵌入式托育机构" };
	const char *r2[] = { "two\nlines" };
	struct rows t;
	(void)state;

	rows_init(&t, cols, 1);
	rows_add(&t, r1);
	rows_add(&t, r2);
	/* Cut to 12 columns with an ellipsis; a newline shown as a space. */
	renders(&t, FMT_TABLE, 0, 12, "task\n新增托位1.1…\ntwo lines\n");
	/* CSV and JSON are never cut. */
	renders(&t, FMT_CSV, 0, 12, "task\n新增托位1.1万个，建设社区嵌入式托育机构\n\"two\nlines\"\n");
	renders(&t, FMT_JSON, 0, 12, "[\n  {\"task\": \"新增托位1.1万个，建设社区嵌入式托育机构\"},\n"
	        "  {\"task\": \"two\\nlines\"}\n]\n");
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

/* Tables for people: headings, codes, percentages and shares in words of the language;
 * --excel keeps text that Excel would change as text, and never lets a cell be a formula.
 * Plain CSV keeps the names and codes of docs/design.md. */
static void
test_for_people(void **state)
{
	static const struct col cols[] = {
		{ "status", COL_TEXT, SHOW_CODE },   { "deadline", COL_TEXT, SHOW_VERBATIM },
		{ "from_value", COL_NUM, SHOW_PLAIN }, { "pct_change", COL_NUM, SHOW_PCT },
		{ "share", COL_NUM, SHOW_SHARE },    { "flags", COL_TEXT, SHOW_FLAGS },
		{ "name", COL_TEXT, SHOW_PLAIN },
	};
	const char *r1[] = { "continued", "2025.10", "100", "-51.1", "0.0595",
		             "unit 人→名; qualifier >=→=", "=HYPERLINK(\"x\")" };
	const char *r2[] = { "dropped", "2025-03-19", "7", "", "", "new target", "12" };
	struct table_opts o = { FMT_CSV, 1, 0, LANG_ZH };
	struct rows t;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	(void)state;

	rows_init(&t, cols, NELEM(cols));
	rows_add(&t, r1);
	rows_add(&t, r2);
	rows_tag(&t, 2, "2025");
	fp = open_memstream(&buf, &len);
	table_write(&t, &o, fp);
	fclose(fp);
	assert_string_equal(buf,
	    "\xEF\xBB\xBF状态,完成时限,2025年目标值,增减幅度,区县占比,提示,项目名称\r\n"
	    "延续,\"=\"\"2025.10\"\"\",100,-51.1%,5.95%,单位 人→名；限定 ≥→=,"
	    "\"=\"\"=HYPERLINK(\"\"\"\"x\"\"\"\")\"\"\"\r\n"
	    "取消,\"=\"\"2025-03-19\"\"\",7,,,新增目标,12\r\n");
	free(buf);
	buf = NULL;
	/* In English, and as plain CSV (the contract's names and codes). */
	o.excel = 0;
	fp = open_memstream(&buf, &len);
	table_write(&t, &o, fp);
	fclose(fp);
	assert_string_equal(buf, "status,deadline,from_value,pct_change,share,flags,name\n"
	                         "continued,2025.10,100,-51.1,0.0595,unit 人→名; qualifier >=→=,"
	                         "\"=HYPERLINK(\"\"x\"\")\"\n"
	                         "dropped,2025-03-19,7,,,new target,12\n");
	free(buf);
	buf = NULL;
	o.format = FMT_TABLE;
	o.lang = LANG_EN;
	fp = open_memstream(&buf, &len);
	table_write(&t, &o, fp);
	fclose(fp);
	assert_non_null(strstr(buf, "status     deadline    2025 value  change %  share  notes"));
	assert_non_null(strstr(buf, "qualifier ≥→="));
	free(buf);
	rows_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_display_order),
		cmocka_unit_test(test_wide_cells),
		cmocka_unit_test(test_for_people),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_json_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
