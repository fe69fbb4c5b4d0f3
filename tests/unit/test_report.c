/*
 * Unit tests for analysis/render/report.c: escaping, and the page of a small corpus in
 * both languages: every section, a summary with the pairs' item counts (each item once),
 * the biggest rise and fall and the districts' shares; headings in the page's language;
 * numbers as people write them (4186万平方米, 600%, a share as 10%); every figure a link
 * to its target's row in the sources; text from a notice escaped; nothing loaded from
 * outside.
 */
#include "render/report.h"
#include "core/corpus.h"
#include "core/match.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "check.h"

static int
setup(void **state)
{
	(void)state;
	if (fixture_open("report") < 0)
		return -1;
	fixture_put("catalog.csv", "set,year,jurisdiction,level,parent,doc_number,issued,title,raw,tasks\n"
	                           "x-2025,2025,某市,city,,某府办发〔2025〕1号,,,,tasks/x-2025.csv\n"
	                           "x-2026,2026,某市,city,,,,,,tasks/x-2026.csv\n"
	                           "q-2026,2026,某区,district,x-2026,,,,,tasks/q-2026.csv\n");
	fixture_put("tasks/x-2025.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升<b>急救</b>能力,市卫生健康委,布局自动体外除颤器（AED）100处。,,\n"
	    "2,,实施城镇老旧小区改造,市住房城乡建委,新开工改造城镇老旧小区面积4186万平方米。,,\n");
	fixture_put("tasks/x-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升<b>急救</b>能力,市卫生健康委,布局自动体外除颤器（AED）700处。,,\n"
	    "2,,实施城镇老旧小区改造,市住房城乡建委,新开工改造城镇老旧小区面积3011万平方米。,,\n");
	fixture_put("tasks/q-2026.csv",
	    "seq,section,name,units,task,deadline,note\n"
	    "1,,提升<b>急救</b>能力,区卫生健康委,布局自动体外除颤器（AED）70处。,,\n");
	return 0;
}

/* The page of the fixture in language L (malloc'd). */
static char *
page(enum lang l)
{
	struct match m;
	struct corpus *c;
	struct report_input in = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	c = fixture_load(&m);
	in.c = c;
	in.m = &m;
	in.version = "test";
	in.lang = l;
	fp = open_memstream(&buf, &len);
	report_write(fp, &in);
	fclose(fp);
	match_release(&m);
	corpus_free(c);
	return buf;
}

/* The text of the element starting at P (just after its opening tag) up to the closing
 * TAG, without inner tags and without the set ids of the fixture.  Malloc'd. */
static char *
heading_text(const char *p, const char *close)
{
	const char *end = strstr(p, close);
	char *t = calloc(1, (size_t)(end - p) + 1), *o = t;

	for (int in_tag = 0; p < end; p++) {
		if (*p == '<')
			in_tag = 1;
		else if (*p == '>')
			in_tag = 0;
		else if (!in_tag)
			*o++ = *p;
	}
	for (const char *const *id = (const char *const[]){ "x-2025", "x-2026", "q-2026", NULL };
	     *id; id++)
		for (char *s; (s = strstr(t, *id));)
			memset(s, ' ', strlen(*id));
	return t;
}

/* The first heading (h1, h2, h3, th, a nav link) of BUF with two ASCII letters in a row,
 * or NULL. */
static char *
english_heading(const char *buf)
{
	static const char *const tags[][2] = { { "<h1", "</h1>" }, { "<h2", "</h2>" },
		                               { "<h3", "</h3>" }, { "<th>", "</th>" },
		                               { "<nav>", "</nav>" } };
	for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
		for (const char *p = buf; (p = strstr(p, tags[k][0])); p++) {
			char *t = heading_text(strchr(p, '>') + 1, tags[k][1]);
			for (char *s = t; *s; s++)
				if (isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]))
					return t;
			free(t);
		}
	return NULL;
}

/* Every link inside the page (href="#…") has its target (id="…"). */
static void
assert_links_resolve(const char *buf)
{
	size_t n = 0;

	for (const char *p = buf; (p = strstr(p, "href=\"#")); p++) {
		const char *a = p + 7, *e = strchr(a, '"');
		char id[128];
		snprintf(id, sizeof id, "id=\"%.*s\"", (int)(e - a), a);
		if (!strstr(buf, id))
			fail_msg("link to %s has no target", id);
		n++;
	}
	assert_true(n > 10);
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
	static const char *const sections[] = { "id=\"summary\"", "id=\"sets\"",   "id=\"years\"",
		                                "id=\"districts\"", "id=\"growth\"", "id=\"shares\"",
		                                "id=\"sources\"" };
	char *buf = page(LANG_EN);
	(void)state;

	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		assert_contains(buf, sections[i]);
	/* The item's name is text, never markup. */
	assert_lacks(buf, "<b>急救</b>");
	assert_contains(buf, "提升&lt;b&gt;急救&lt;/b&gt;能力");
	/* Self-contained: nothing fetched from elsewhere. */
	assert_lacks(buf, "src=\"http");
	assert_lacks(buf, "href=\"http");
	assert_links_resolve(buf);
	free(buf);
}

/* The summary: the pairs with their counts, the rise and the fall, the share. */
static void
test_summary(void **state)
{
	char *buf = page(LANG_ZH), *sum, *end;
	(void)state;

	sum = strstr(buf, "id=\"summary\"");
	assert_non_null(sum);
	end = strstr(sum, "</section>");
	*end = '\0';
	/* The sets compared, with their notices and the district's city. */
	assert_contains(sum, "<b>某市</b>：<a href=\"#set-0\">2025年</a>（某府办发〔2025〕1号）");
	assert_contains(sum, "；对照某市2026年");
	/* Two items continued (their target rows do not count twice); one district item. */
	assert_contains(sum, "某市 2025年 → 2026年</a></td><td class=\"n\" data-v=\"2\">2</td>");
	assert_contains(sum, "某市 → 某区 2026年</a></td><td></td><td></td><td></td><td></td>"
	                     "<td></td><td class=\"n\" data-v=\"1\">1</td>");
	/* The rise (AED 100 → 700) and the fall (4186万 → 3011万), as core computed them. */
	assert_contains(sum, "<h3>增幅最大的目标</h3>");
	assert_contains(sum, ">600%<");
	assert_contains(sum, ">4186万平方米</a>");
	assert_contains(sum, ">3011万平方米</a>");
	assert_contains(sum, ">-28.07%<");
	/* The district's share in percent: 70 of 700. */
	assert_contains(sum, ">10%<");
	assert_lacks(sum, ">0.1<");
	free(buf);
}

/* Chinese: every heading in Chinese, numbers as a notice prints them, no raw figures. */
static void
test_chinese(void **state)
{
	char *buf = page(LANG_ZH), *bad = english_heading(buf);
	(void)state;

	if (bad)
		fail_msg("English heading under LANG_ZH: %s", bad);
	assert_contains(buf, "<html lang=\"zh-CN\">");
	assert_contains(buf, "<h2>摘要</h2>");
	assert_contains(buf, "<th>2025年目标值</th>");
	assert_contains(buf, ">延续<");
	assert_lacks(buf, ">continued<");
	assert_lacks(buf, ">41860000<");
	assert_lacks(buf, ">30110000<");
	assert_links_resolve(buf);
	free(buf);
}

/* English: English headings, grouped thousands, the units as printed. */
static void
test_english(void **state)
{
	char *buf = page(LANG_EN), *head = english_heading(buf);
	(void)state;

	/* The check test_chinese relies on finds English where there is some. */
	assert_non_null(head);
	free(head);
	assert_contains(buf, "<html lang=\"en\">");
	assert_contains(buf, "<h2>Summary</h2>");
	assert_contains(buf, "<h2>Where each number stands</h2>");
	assert_contains(buf, "<th>2025 value</th>");
	assert_contains(buf, ">41,860,000 平方米</a>");
	assert_contains(buf, ">continued<");
	assert_lacks(buf, "<h2>摘要</h2>");
	free(buf);
}

/* The sources: each target once, with its words and line, the anchor its figures use. */
static void
test_sources(void **state)
{
	char *buf = page(LANG_ZH), *src = strstr(buf, "id=\"sources\"");
	size_t rows = 0;
	(void)state;

	assert_non_null(src);
	for (const char *p = src; (p = strstr(p, "<tr id=\"t")); p++)
		rows++;
	assert_int_equal(rows, 5); /* 2 + 2 + 1 targets */
	assert_contains(src, "<td>4186万平方米</td>");
	assert_contains(src, "任务文件：tasks/x-2025.csv");
	/* Not folded away. */
	assert_lacks(src, "<details>");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),   cmocka_unit_test(test_page),
		cmocka_unit_test(test_summary),  cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_english),  cmocka_unit_test(test_sources),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
