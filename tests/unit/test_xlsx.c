/*
 * Unit tests for analysis/render/xlsx.c: sheet names made valid and unique, the name of a
 * pair of sets, a small workbook written from rows (a zip, in place of an older file,
 * nothing else left in its folder), and the failures: a folder that is not there, a name
 * taken by a folder.
 * tests/cli/xlsx_check.py reads whole workbooks back, cell by cell.
 */
#include "render/xlsx.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

static int
setup(void **state)
{
	(void)state;
	return fixture_open("xlsx");
}

static void
name_is(const char *want, const char *const *taken, size_t n, const char *expect)
{
	char *s = xlsx_sheet_name(want, taken, n);
	assert_string_equal(s, expect);
	free(s);
}

static void
test_sheet_names(void **state)
{
	static const char *const taken[] = { "对比 cq-2025→cq-2026", "Items", "x (2)" };
	(void)state;

	name_is("目标", taken, 3, "目标");
	/* Excel's forbidden characters, and a quote at either end. */
	name_is("a[1]:b*c?d/e\\f", NULL, 0, "a_1__b_c_d_e_f");
	name_is("'quoted'", NULL, 0, "_quoted_");
	name_is("", NULL, 0, "Sheet");
	/* Taken (without case): numbered, and History is Excel's. */
	name_is("对比 cq-2025→cq-2026", taken, 3, "对比 cq-2025→cq-2026 (2)");
	name_is("items", taken, 3, "items (2)");
	name_is("x", (const char *const[]){ "x", "x (2)" }, 2, "x (3)");
	name_is("history", NULL, 0, "history (2)");
	/* 31 UTF-16 units at most, cut between characters: 31 CJK characters; an emoji is two. */
	name_is("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", NULL, 0,
	        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
	name_is("123456789012345678901234567890😀", NULL, 0, "123456789012345678901234567890");
	/* A long taken name: cut to leave room for its number. */
	name_is("abcdefghijklmnopqrstuvwxyz01234", (const char *const[]){ "abcdefghijklmnopqrstuvwxyz01234" },
	        1, "abcdefghijklmnopqrstuvwxyz0 (2)");
}

static void
test_pair_names(void **state)
{
	char *s;
	(void)state;

	s = xlsx_pair_name("对比", "cq-2025", "yubei-2025");
	assert_string_equal(s, "对比 cq-2025→yubei-2025");
	free(s);
	/* Too long for a sheet: the later year without the jurisdiction's slug. */
	s = xlsx_pair_name("compare", "shanghai-pudong-2025", "shanghai-pudong-2026");
	assert_string_equal(s, "compare shanghai-pudong-2025→2026");
	free(s);
	/* Nothing shared: left to xlsx_sheet_name to cut. */
	s = xlsx_pair_name("compare", "shanghai-pudong-2025", "hangzhou-xihu-2025");
	assert_string_equal(s, "compare shanghai-pudong-2025→hangzhou-xihu-2025");
	free(s);
}

/* A table with a column of each kind, and text that must stay text. */
static const struct col cols[] = {
	{ "set", COL_TEXT, SHOW_PLAIN },         { "year", COL_INT, SHOW_PLAIN },
	{ "value", COL_NUM, SHOW_PLAIN },        { "pct_change", COL_NUM, SHOW_PCT },
	{ "share", COL_NUM, SHOW_SHARE },        { "deadline", COL_TEXT, SHOW_VERBATIM },
	{ "qualifier", COL_TEXT, SHOW_CODE },    { "task", COL_TEXT, SHOW_PLAIN },
};

static void
small_book(struct rows *r, struct xlsx_sheet *sh, struct xlsx_about *a)
{
	static const char *const lines[] = { "## what", "a line" };

	rows_init(r, cols, NELEM(cols));
	rows_add(r, (const char *const[]){ "cq-2025", "2025", "1227", "600", "0.0595", "2025.10", ">=",
	                                    "=SUM(A1:A2)" });
	rows_add(r, (const char *const[]){ "cq-2026", "2026", "1.5", "-66.67", "", "", "=",
	                                    "新增托位1.1万个\n\x01控制字符_x0041_" });
	memset(sh, 0, sizeof *sh);
	sh->name = "目标";
	sh->about = "targets";
	sh->rows = r;
	memset(a, 0, sizeof *a);
	a->name = "说明";
	a->title = "title";
	a->lines = lines;
	a->nlines = NELEM(lines);
	a->table_heading = "the table";
	a->table = r;
}

static void
test_write(void **state)
{
	struct rows r;
	struct xlsx_sheet sh;
	struct xlsx_about a;
	char path[128], head[4] = { 0 }, *cause = NULL;
	FILE *fp;
	(void)state;

	small_book(&r, &sh, &a);
	/* An older file of that name is replaced. */
	fixture_put("book.xlsx", "an older file");
	snprintf(path, sizeof path, "%s/book.xlsx", fixture_dir);
	assert_int_equal(xlsx_write(path, LANG_ZH, &a, &sh, 1, &cause), 0);
	assert_null(cause);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(head, 1, 2, fp), 2);
	fclose(fp);
	assert_string_equal(head, "PK"); /* a zip, as every xlsx is */
	assert_int_equal(fixture_entries(), 2); /* tasks/ and it: no temporary file beside it */
	/* Written again over itself: replaced, still one file. */
	assert_int_equal(xlsx_write(path, LANG_EN, &a, &sh, 1, &cause), 0);
	assert_int_equal(fixture_entries(), 2);
	if (getenv("YOY_XLSX_KEEP")) /* to look at it: YOY_XLSX_KEEP=out.xlsx */
		rename(path, getenv("YOY_XLSX_KEEP"));
	rows_release(&r);
}

static void
test_failures(void **state)
{
	struct rows r;
	struct xlsx_sheet sh;
	struct xlsx_about a;
	char path[128], *cause = NULL;
	int before;
	(void)state;

	small_book(&r, &sh, &a);
	assert_int_equal(xlsx_write("/nonexistent-yoy/x.xlsx", LANG_EN, &a, &sh, 1, &cause), -1);
	assert_string_equal(cause, "/nonexistent-yoy/x.xlsx: cannot write: No such file or directory");
	free(cause);
	cause = NULL;
	/* The name is a folder: refused before anything is written, and nothing is left. */
	snprintf(path, sizeof path, "%s/taken.xlsx", fixture_dir);
	assert_int_equal(mkdir(path, 0755), 0);
	before = fixture_entries();
	assert_int_equal(xlsx_write(path, LANG_EN, &a, &sh, 1, &cause), -1);
	assert_non_null(strstr(cause, "taken.xlsx: is a folder, not a file"));
	free(cause);
	assert_int_equal(fixture_entries(), before);
	rows_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheet_names),
		cmocka_unit_test(test_pair_names),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_failures),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
