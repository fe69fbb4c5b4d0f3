/*
 * Unit tests for analysis/core/compare.c: a year pair (continued, renamed, new and dropped
 * items; matched targets with their change, targets new in B, the zero base), a city and
 * its district (child rows with the district's share), and the refusals.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/compare.h"
#include "core/corpus.h"
#include "core/match.h"
#include "base/util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)

static int
setup(void **state)
{
	(void)state;
	if (fixture_open("compare") < 0)
		return -1;
	fixture_put("catalog.csv", "set,year,jurisdiction,level,parent,doc_number,issued,title,raw,tasks\n"
	                           "x-2025,2025,某市,city,,,,,,tasks/x-2025.csv\n"
	                           "x-2026,2026,某市,city,,,,,,tasks/x-2026.csv\n"
	                           "q-2026,2026,某区,district,x-2026,,,,,tasks/q-2026.csv\n"
	                           "y-2026,2026,另一市,city,,,,,,tasks/y-2026.csv\n");
	fixture_put("tasks/x-2025.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升公众急救能力,市卫生健康委,布局自动体外除颤器（AED）100处。,,\n"
	    "2,,发展婴幼儿照护服务,市卫生健康委,新增托位1.1万个，建设社区托育点80个。,,\n"
	    "3,,开展老年人免费体检,市卫生健康委,为65岁以上老年人免费体检100万人次。,,\n");
	fixture_put("tasks/x-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升公众急救能力,市卫生健康委,布局自动体外除颤器（AED）700处，培训救护员5万人。,,\n"
	    "2,,加快发展婴幼儿照护服务,市卫生健康委,新增托位1.1万个，建设社区托育点100个。,,\n"
	    "3,,建设口袋公园,市城市管理局,建设口袋公园200个。,,\n");
	fixture_put("tasks/q-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升公众急救能力,区卫生健康委,布局自动体外除颤器（AED）70处，培训救护员5000人。,,\n");
	fixture_put("tasks/y-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,建设口袋公园,市城市管理局,建设口袋公园50个。,,\n");
	return 0;
}

/* The row of a target (metric containing WHAT) in ROWS, or NULL. */
static const struct compare_row *
target_row(const struct compare_row *rows, long n, const char *what)
{
	for (long i = 0; i < n; i++) {
		const struct item *it = rows[i].tt >= 0 ? rows[i].to : rows[i].from;
		int t = rows[i].tt >= 0 ? rows[i].tt : rows[i].tf;
		if (t >= 0 && strstr(it->targets.v[t].metric, what))
			return &rows[i];
	}
	return NULL;
}

static void
test_year_pair(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct compare_row *rows;
	const struct compare_row *r;
	size_t counts[NSTATUS];
	char *cause = NULL;
	long n;
	(void)state;

	n = compare_sets(&m, corpus_set(c, "x-2025"), corpus_set(c, "x-2026"), &rows, &cause);
	assert_true(n > 0);
	compare_counts(rows, n, counts);
	assert_int_equal(counts[ST_CONTINUED], 1);  /* 提升公众急救能力 */
	assert_int_equal(counts[ST_RENAMED], 1);    /* 发展婴幼儿照护服务 → 加快发展… */
	assert_int_equal(counts[ST_NEW], 1);        /* 建设口袋公园 */
	assert_int_equal(counts[ST_DROPPED], 1);    /* 开展老年人免费体检 */
	/* AED 100 → 700: +600, +600%, one definition with stats. */
	r = target_row(rows, n, "AED");
	assert_non_null(r);
	assert_int_equal(r->status, ST_CONTINUED);
	NEAR(r->abs_change, 600);
	NEAR(r->pct_change, 600);
	assert_true(isnan(r->share));
	/* 80 → 100 under the renamed item. */
	r = target_row(rows, n, "托育点");
	assert_non_null(r);
	assert_int_equal(r->status, ST_RENAMED);
	NEAR(r->pct_change, 25);
	/* The same value: 0%, not missing. */
	r = target_row(rows, n, "托位");
	assert_non_null(r);
	NEAR(r->pct_change, 0);
	/* A target new inside a continued item stands under it, flagged. */
	r = target_row(rows, n, "救护员");
	assert_non_null(r);
	assert_int_equal(r->status, ST_CONTINUED);
	assert_int_equal(r->tf, -1);
	assert_true(r->changes.what & CHG_NEW_TARGET);
	/* The targets of a new item are listed too. */
	r = target_row(rows, n, "口袋公园");
	assert_non_null(r);
	assert_int_equal(r->status, ST_NEW);
	free(rows);
	match_release(&m);
	corpus_free(c);
}

static void
test_city_district(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct compare_row *rows;
	const struct compare_row *r;
	size_t counts[NSTATUS];
	char *cause = NULL;
	long n;
	(void)state;

	n = compare_sets(&m, corpus_set(c, "x-2026"), corpus_set(c, "q-2026"), &rows, &cause);
	assert_true(n > 0);
	r = target_row(rows, n, "AED");
	assert_non_null(r);
	assert_int_equal(r->status, ST_CHILD);
	NEAR(r->share, 0.1); /* 70 of 700 */
	assert_true(isnan(r->pct_change));
	/* One district item with two target rows is one item under its status. */
	compare_counts(rows, n, counts);
	assert_int_equal(counts[ST_CHILD], 1);
	for (size_t k = 0; k < NSTATUS; k++)
		if (k != ST_CHILD)
			assert_int_equal(counts[k], 0);
	free(rows);
	match_release(&m);
	corpus_free(c);
}

static void
test_refusals(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct compare_row *rows = NULL;
	char *cause = NULL;
	(void)state;

	assert_int_equal(compare_sets(&m, corpus_set(c, "x-2025"), corpus_set(c, "x-2025"), &rows,
	                              &cause), -1);
	assert_string_equal(cause, "compare: 'x-2025' with itself");
	free(cause);
	cause = NULL;
	assert_int_equal(compare_sets(&m, corpus_set(c, "x-2026"), corpus_set(c, "y-2026"), &rows,
	                              &cause), -1);
	assert_non_null(strstr(cause, "neither two years of one jurisdiction"));
	free(cause);
	match_release(&m);
	corpus_free(c);
}

/* The pairs of a whole comparison, from a catalog listed out of order: years of each
 * jurisdiction in order, then districts against their city; a set alone, and a second set
 * of the same year, make no pair. */
static void
test_pairs(void **state)
{
	struct set s[] = {
		{ .id = "a-2026", .year = 2026, .jurisdiction = "甲市" },
		{ .id = "d-2025", .year = 2025, .jurisdiction = "丁区" },
		{ .id = "a-2024", .year = 2024, .jurisdiction = "甲市" },
		{ .id = "a-2025", .year = 2025, .jurisdiction = "甲市" },
		{ .id = "b-2025", .year = 2025, .jurisdiction = "乙市" },
		{ .id = "b2-2025", .year = 2025, .jurisdiction = "乙市" },
		{ .id = "d-2026", .year = 2026, .jurisdiction = "丁区" },
	};
	struct corpus c = { .sets = s, .nsets = NELEM(s) };
	static const char *const want[][2] = {
		{ "d-2025", "d-2026" }, /* 丁区 sorts before 甲市 (bytes) */
		{ "a-2024", "a-2025" },
		{ "a-2025", "a-2026" },
		{ "a-2025", "d-2025" },
		{ "a-2026", "d-2026" },
	};
	struct set_pair *p;
	size_t n;
	(void)state;

	s[1].up = &s[3];
	s[6].up = &s[0];
	n = compare_pairs(&c, &p);
	assert_int_equal(n, NELEM(want));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(p[i].a->id, want[i][0]);
		assert_string_equal(p[i].b->id, want[i][1]);
	}
	free(p);
	c.nsets = 0;
	assert_int_equal(compare_pairs(&c, &p), 0);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_pair),
		cmocka_unit_test(test_city_district),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_pairs),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
