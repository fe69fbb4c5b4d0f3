/*
 * Unit tests for analysis/core/rows.c: the tables built from a loaded corpus, the filters
 * every command shares, and no silent limit: a city with 40 districts has one share row
 * that names all 40 (a fixed buffer once listed 16).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/corpus.h"
#include "core/match.h"
#include "core/rows.h"
#include "base/util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

#define NDIST 40

static int
setup(void **state)
{
	struct sb cat = SB_INIT;
	(void)state;
	if (fixture_open("rows") < 0)
		return -1;
	sb_adds(&cat, "set,year,jurisdiction,level,parent,doc_number,issued,title,raw,tasks\n"
	              "c-2024,2024,某市,city,,,,,,tasks/c-2024.csv\n"
	              "c-2025,2025,某市,city,,,,,,tasks/c-2025.csv\n");
	fixture_put("tasks/c-2024.csv", "seq,section,name,units,task,deadline,note\n"
	                                "1,,发展婴幼儿照护服务,市卫生健康委,新增托位8000个。,,\n");
	fixture_put("tasks/c-2025.csv", "seq,section,name,units,task,deadline,note\n"
	                                "1,,发展婴幼儿照护服务,市卫生健康委,新增托位1万个。,,\n");
	for (int d = 1; d <= NDIST; d++) {
		char name[64], text[256];
		sb_addf(&cat, "d%02d-2025,2025,第%d区,district,c-2025,,,,,tasks/d%02d-2025.csv\n", d, d,
		        d);
		snprintf(name, sizeof name, "tasks/d%02d-2025.csv", d);
		snprintf(text, sizeof text, "seq,section,name,units,task,deadline,note\n"
		                            "1,,发展婴幼儿照护服务,区卫生健康委,新增托位%d个。,,\n",
		         200 + d);
		fixture_put(name, text);
	}
	fixture_put("catalog.csv", cat.buf);
	sb_release(&cat);
	return 0;
}

static void
test_forty_districts(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct rows r;
	struct sb want = SB_INIT;
	int col;
	long sum = 0;
	char buf[32];
	(void)state;

	rows_build(TBL_SHARES, c, &m, NULL, &r);
	assert_int_equal(r.nrows, 1);
	for (int d = 1; d <= NDIST; d++) {
		sb_addf(&want, "%sd%02d-2025", d > 1 ? " " : "", d);
		sum += 200 + d;
	}
	col = rows_col(&r, "districts");
	assert_true(col >= 0);
	assert_string_equal(rows_cell(&r, 0, col), want.buf);
	snprintf(buf, sizeof buf, "%ld", sum);
	assert_string_equal(rows_cell(&r, 0, rows_col(&r, "district_sum")), buf);
	assert_string_equal(rows_cell(&r, 0, rows_col(&r, "set")), "c-2025");
	rows_release(&r);
	sb_release(&want);
	match_release(&m);
	corpus_free(c);
}

/* The rows of table ID under filter F: how many; with COL, the first row's cell is WANT. */
static size_t
filtered(enum table_id id, struct corpus *c, struct match *m, const struct filter *f,
         const char *col, const char *want)
{
	struct rows r;
	size_t n;

	rows_build(id, c, m, f, &r);
	n = r.nrows;
	if (col) {
		assert_true(n > 0);
		assert_string_equal(rows_cell(&r, 0, rows_col(&r, col)), want);
	}
	rows_release(&r);
	return n;
}

static void
test_filters(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct filter f = { 0 };
	(void)state;

	/* A year, a set, a jurisdiction by its name or the slug of its set ids. */
	f.year = 2024;
	assert_int_equal(filtered(TBL_ITEMS, c, &m, &f, "set", "c-2024"), 1);
	memset(&f, 0, sizeof f);
	f.jurisdiction = "第7区";
	assert_int_equal(filtered(TBL_TARGETS, c, &m, &f, "value", "207"), 1);
	f.jurisdiction = "d07";
	assert_int_equal(filtered(TBL_TARGETS, c, &m, &f, NULL, NULL), 1);
	/* Text to find, case and width folded. */
	memset(&f, 0, sizeof f);
	f.set = "c-2025";
	f.grep = "托位";
	assert_int_equal(filtered(TBL_TARGETS, c, &m, &f, "value", "10000"), 1);
	f.grep = "AED";
	assert_int_equal(filtered(TBL_TARGETS, c, &m, &f, NULL, NULL), 0);
	match_release(&m);
	corpus_free(c);
}

static void
test_growth_and_series(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct rows r;
	struct filter f = { .jurisdiction = "某市" };
	(void)state;

	/* One series: the city's two years and its 40 districts. */
	rows_build(TBL_SERIES, c, &m, NULL, &r);
	assert_int_equal(r.nrows, 2 + NDIST);
	rows_release(&r);
	/* The city's growth: 8000 → 10000 is +25%, computed by stats, formatted once. */
	rows_build(TBL_GROWTH, c, &m, &f, &r);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(rows_cell(&r, 0, rows_col(&r, "pct_change")), "25");
	assert_string_equal(rows_cell(&r, 0, rows_col(&r, "first_set")), "c-2024");
	assert_string_equal(rows_cell(&r, 0, rows_col(&r, "item")), "发展婴幼儿照护服务");
	rows_release(&r);
	match_release(&m);
	corpus_free(c);
}

/* Every pair in one table: the city's two years, then each district against its city. */
static void
test_compare_all(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct rows r;
	size_t years = 0, districts = 0;
	(void)state;

	rows_build(TBL_COMPARE, c, &m, NULL, &r);
	for (size_t i = 0; i < r.nrows; i++) {
		const char *from = rows_cell(&r, i, 0), *to = rows_cell(&r, i, 1);
		const char *pct = rows_cell(&r, i, rows_col(&r, "pct_change"));
		if (strcmp(from, "c-2024") == 0 && strcmp(to, "c-2025") == 0 && *pct) {
			assert_string_equal(pct, "25");
			years++;
		} else if (strcmp(from, "c-2025") == 0 && strncmp(to, "d", 1) == 0 &&
		           *rows_cell(&r, i, rows_col(&r, "share")))
			districts++;
	}
	assert_int_equal(years, 1);
	assert_int_equal(districts, NDIST);
	rows_release(&r);
	match_release(&m);
	corpus_free(c);
}

static void
test_rows_basics(void **state)
{
	static const struct col cols[] = { { "a", COL_TEXT, SHOW_PLAIN }, { "n", COL_INT, SHOW_PLAIN } };
	const char *r1[] = { "x", NULL };
	struct rows r;
	(void)state;

	rows_init(&r, cols, 2);
	for (int i = 0; i < 1000; i++)
		rows_add(&r, r1);
	assert_int_equal(r.nrows, 1000);
	assert_string_equal(rows_cell(&r, 999, 1), "");
	assert_int_equal(rows_col(&r, "n"), 1);
	assert_int_equal(rows_col(&r, "nope"), -1);
	rows_release(&r);
}

/* Rows built in parts and appended keep their order and their cells. */
static void
test_rows_append(void **state)
{
	static const struct col cols[] = { { "a", COL_TEXT, SHOW_PLAIN }, { "n", COL_INT, SHOW_PLAIN } };
	struct rows r, part, empty;
	(void)state;

	rows_init(&r, cols, 2);
	rows_init(&part, cols, 2);
	rows_init(&empty, cols, 2);
	for (int i = 0; i < 2500; i++) {
		char n[16];
		snprintf(n, sizeof n, "%d", i);
		rows_add(i < 1000 ? &r : &part, (const char *const[]){ i % 2 ? "渝北" : "高新", n });
	}
	rows_append(&r, &empty);
	rows_append(&r, &part);
	assert_int_equal(part.nrows, 0);
	rows_release(&part);
	rows_release(&empty);
	assert_int_equal(r.nrows, 2500);
	for (int i = 0; i < 2500; i += 7) {
		char n[16];
		snprintf(n, sizeof n, "%d", i);
		assert_string_equal(rows_cell(&r, (size_t)i, 1), n);
		assert_string_equal(rows_cell(&r, (size_t)i, 0), i % 2 ? "渝北" : "高新");
	}
	rows_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forty_districts),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_growth_and_series),
		cmocka_unit_test(test_compare_all),
		cmocka_unit_test(test_rows_basics),
		cmocka_unit_test(test_rows_append),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
