/*
 * Unit tests for analysis/core/query.c (relevance, synonyms, ranking, filters), on a small
 * made-up corpus.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "core/corpus.h"
#include "core/match.h"
#include "core/query.h"

#include "fixture.h"

static int
setup(void **state)
{
	(void)state;
	if (fixture_open("query") < 0)
		return -1;
	fixture_put("catalog.csv", "set,year,jurisdiction,level,parent,doc_number,issued,title,raw,tasks\n"
	                   "x-2025,2025,某市,city,,,,,,tasks/x-2025.csv\n"
	                   "x-2026,2026,某市,city,,,,,,tasks/x-2026.csv\n");
	fixture_put("tasks/x-2025.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升公众急救能力,市卫生健康委,布局自动体外除颤器（AED）100处，普及应急救护知识32万人次。,,\n"
	    "2,,发展婴幼儿照护服务,市卫生健康委,新增托位1.1万个。,,\n");
	fixture_put("tasks/x-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升公众急救能力,市卫生健康委,布局AED等急救设备700处，普及应急救护知识33万人次。,,\n"
	    "2,,建设口袋公园,市城市管理局,建设口袋公园200个。,,\n");
	return 0;
}

static void
test_score(void **state)
{
	(void)state;
	assert_true(query_score("AED", "AED等急救设备") == 1.0);
	assert_true(query_score("aed", "AED等急救设备") == 1.0);   /* case */
	assert_true(query_score("ＡＥＤ", "AED等急救设备") == 1.0); /* full width */
	/* Synonyms: a little below a direct hit, far above nothing. */
	assert_true(query_score("自动体外除颤器", "AED等急救设备") >= 0.8);
	assert_true(query_score("托育", "新增托位") >= 0.8);
	assert_true(query_score("心理", "心理健康测评学生") == 1.0);
	/* Partial bigram cover counts, unrelated text does not. */
	assert_true(query_score("急救设备布局", "AED等急救设备") > 0.3);
	assert_true(query_score("口袋公园", "应急救护知识") == 0);
}

static void
test_ranking_and_series(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct query_opts o = { 0 };
	struct query_hit *h;
	size_t n;
	(void)state;

	/* AED: both years of the device target, as one series, 100 then 700, first. */
	n = query_run(c, &m, "AED", &o, &h);
	assert_true(n >= 2);
	assert_non_null(h[0].series);
	assert_true(h[0].series == h[1].series);
	assert_true(h[0].item->targets.v[h[0].t].value == 100);
	assert_true(h[1].item->targets.v[h[1].t].value == 700);
	assert_true(isnan(h[0].pct_change) && h[1].pct_change == 600); /* the base year: none */
	/* Ranked: nothing after them scores higher. */
	for (size_t i = 1; i < n; i++)
		assert_true(h[i].score <= h[i - 1].score);
	free(h);
	/* The synonym finds the same first answer. */
	n = query_run(c, &m, "自动体外除颤器", &o, &h);
	assert_true(n >= 2);
	assert_true(h[0].item->targets.v[h[0].t].value == 100);
	free(h);
	/* 托育 finds the 托位 target through its synonyms. */
	n = query_run(c, &m, "托育", &o, &h);
	assert_int_equal(n, 1);
	assert_true(h[0].item->targets.v[h[0].t].value == 11000);
	free(h);
	match_release(&m);
	corpus_free(c);
}

static void
test_filters(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct query_opts o = { 0 };
	struct query_hit *h;
	size_t n;
	(void)state;

	o.year = 2026;
	n = query_run(c, &m, "急救", &o, &h);
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(h[i].item->set->year, 2026);
	free(h);
	memset(&o, 0, sizeof o);
	o.unit = "人次";
	n = query_run(c, &m, "", &o, &h);
	assert_int_equal(n, 2);
	free(h);
	/* Only series that grew at least 100%: the devices (600%), not the 3% of 人次. */
	memset(&o, 0, sizeof o);
	o.has_min_change = 1;
	o.min_change = 100;
	n = query_run(c, &m, "", &o, &h);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].item->targets.v[h[0].t].unit, "处");
	free(h);
	match_release(&m);
	corpus_free(c);
}

/* The question's own years, set ids and places narrow it; 的 and spaces joining them go. */
static void
test_narrow(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct query_narrowed q;
	(void)state;

	query_narrow(c, "某市的托位 2026年", &q);
	assert_int_equal(q.year, 2026);
	assert_string_equal(q.jurisdiction, "某市");
	assert_null(q.set);
	assert_string_equal(q.rest, "托位");
	free(q.rest);
	/* The year of a set id is the set's. */
	query_narrow(c, "AED x-2025", &q);
	assert_int_equal(q.year, 0);
	assert_string_equal(q.set, "x-2025");
	assert_string_equal(q.rest, "AED");
	free(q.rest);
	/* Two years: both asked for, no narrowing; nothing named: the question whole. */
	query_narrow(c, "托育 2025 2026", &q);
	assert_int_equal(q.year, 0);
	assert_string_equal(q.rest, "托育");
	free(q.rest);
	query_narrow(c, "急救", &q);
	assert_true(!q.year && !q.set && !q.jurisdiction);
	assert_string_equal(q.rest, "急救");
	free(q.rest);
	match_release(&m);
	corpus_free(c);
}

/* The first year of a series shows no change; the next its change from it. */
static void
test_base_row(void **state)
{
	struct match m;
	struct corpus *c = fixture_load(&m);
	struct query_opts o = { 0 };
	struct query_hit *h;
	size_t n = query_run(c, &m, "AED", &o, &h);
	(void)state;

	assert_int_equal(n, 2);
	assert_int_equal(h[0].item->set->year, 2025);
	assert_true(isnan(h[0].pct_change));
	assert_true(h[1].pct_change > 599 && h[1].pct_change < 601);
	assert_true(h[0].series_change > 599 && h[0].series_change < 601);
	free(h);
	match_release(&m);
	corpus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_ranking_and_series),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_narrow),
		cmocka_unit_test(test_base_row),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
