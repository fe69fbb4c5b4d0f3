/*
 * Unit tests for analysis/render/report.c: escaping, and the page of a small corpus: every
 * section, the figures as the rows layer formats them, text from a notice escaped (an item
 * named with markup stays text), nothing loaded from outside.
 */
#include "render/report.h"
#include "core/corpus.h"
#include "core/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (fixture_open("report") < 0)
		return -1;
	fixture_put("catalog.csv", "set,year,jurisdiction,level,parent,doc_number,issued,title,raw,tasks\n"
	                           "x-2025,2025,某市,city,,,,,,tasks/x-2025.csv\n"
	                           "x-2026,2026,某市,city,,,,,,tasks/x-2026.csv\n"
	                           "q-2026,2026,某区,district,x-2026,,,,,tasks/q-2026.csv\n");
	fixture_put("tasks/x-2025.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升<b>急救</b>能力,市卫生健康委,布局自动体外除颤器（AED）100处。,,\n");
	fixture_put("tasks/x-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升<b>急救</b>能力,市卫生健康委,布局自动体外除颤器（AED）700处。,,\n");
	fixture_put("tasks/q-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升<b>急救</b>能力,区卫生健康委,布局自动体外除颤器（AED）70处。,,\n");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return fixture_close();
}

static void
test_escape(void **state)
{
	char *s;
	(void)state;
	s = report_escape("<a href=\"x\">'&'</a>");
	assert_string_equal(s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	free(s);
	s = report_escape("");
	assert_string_equal(s, "");
	free(s);
}

static void
test_page(void **state)
{
	struct match m;
	struct corpus *c;
	struct report_input in = { 0 };
	char *cause = NULL, *buf = NULL;
	size_t len = 0;
	FILE *fp;
	static const char *const sections[] = { "id=\"sets\"",   "id=\"years\"",  "id=\"districts\"",
		                                "id=\"growth\"", "id=\"shares\"", "id=\"sources\"" };
	(void)state;

	c = corpus_load(fixture_dir, &cause);
	assert_non_null(c);
	assert_int_equal(corpus_targets(c, 1, &cause), 0);
	memset(&m, 0, sizeof m);
	match_run(&m, c);
	in.c = c;
	in.m = &m;
	in.version = "test";
	fp = open_memstream(&buf, &len);
	report_write(fp, &in);
	fclose(fp);
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		assert_non_null(strstr(buf, sections[i]));
	/* The item's name is text, never markup. */
	assert_null(strstr(buf, "<b>急救</b>"));
	assert_non_null(strstr(buf, "提升&lt;b&gt;急救&lt;/b&gt;能力"));
	/* The growth 100 → 700 and the district's share, as the rows layer formats them. */
	assert_non_null(strstr(buf, ">600<"));
	assert_non_null(strstr(buf, ">0.1<"));
	/* Self-contained: nothing fetched from elsewhere. */
	assert_null(strstr(buf, "src=\"http"));
	assert_null(strstr(buf, "href=\"http"));
	free(buf);
	match_release(&m);
	corpus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_page),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
