/*
 * Unit tests for analysis/render/plot.c: quoting text into gnuplot, chart captions and file
 * names, and the script: a trend chart per growth row, the overview, a members chart for
 * a series with neither (its values as data, every text single-quoted).
 */
#include "render/plot.h"
#include "base/util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void
test_plot_quote(void **state)
{
	char *q;
	(void)state;
	/* Quotes doubled, newlines (which would end the command) made spaces; backquotes
	 * and @ are inert inside single quotes and stay as written. */
	q = plot_quote("a'b`touch x`_@c\nset output 'evil'\"");
	assert_string_equal(q, "'a''b`touch x`_@c set output ''evil''\"'");
	free(q);
}

static void
test_caption(void **state)
{
	struct set s = { .id = "x-2025" };
	struct item named = { .set = &s, .seq = "1", .name = "发展婴幼儿照护服务" };
	struct item bare = { .set = &s, .seq = "2", .name = "" };
	struct item same = { .set = &s, .seq = "3", .name = "配置AED" };
	struct item longname = { .set = &s, .seq = "4",
		                 .name = "持续推进城镇老旧小区改造和城市更新提升行动计划实施" };
	char *c;
	(void)state;

	c = plot_caption("新增托位", &named);
	assert_string_equal(c, "新增托位（发展婴幼儿照护服务）");
	free(c);
	c = plot_caption("新增托位", &bare);
	assert_string_equal(c, "新增托位");
	free(c);
	c = plot_caption("AED", &same);
	assert_string_equal(c, "AED");
	free(c);
	/* A long name is cut at 13 characters, marked. */
	c = plot_caption("加装电梯", &longname);
	assert_string_equal(c, "加装电梯（持续推进城镇老旧小区改造和…）");
	free(c);
}

static void
test_names(void **state)
{
	struct set city = { .id = "cq-2025" };
	char *n;
	(void)state;

	/* Ids made safe for a file name: ':' is not. */
	n = plot_trend_name_for("cq-2025:15:3", "cq-2025");
	assert_null(strchr(n, ':'));
	assert_non_null(strstr(n, "trend-"));
	free(n);
	n = plot_shares_name(&city);
	assert_string_equal(n, "shares-cq-2025");
	free(n);
	n = plot_members_name("cq-2024:3:1");
	assert_null(strchr(n, ':'));
	free(n);
}

/* The script of IN as a string, with the chart names. */
static char *
script(const struct plot_input *in, char ***names, size_t *nnames, size_t *ncharts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	*names = NULL;
	*nnames = 0;
	*ncharts = plot_write(fp, in, names, nnames);
	fclose(fp);
	return buf;
}

static void
test_script(void **state)
{
	struct set s24 = { .id = "x-2024", .year = 2024, .jurisdiction = "某市" };
	struct set s25 = { .id = "x-2025", .year = 2025, .jurisdiction = "某市" };
	struct set q25 = { .id = "q-2025", .year = 2025, .jurisdiction = "某区" };
	struct target t24 = { .value = 100, .unit = "处", .metric = "配置AED", .kind = KIND_COUNT };
	struct target t25 = { .value = 700, .unit = "处", .metric = "配置AED", .kind = KIND_COUNT };
	struct target tq = { .value = 30, .unit = "个", .metric = "新增托位", .kind = KIND_COUNT };
	struct item i24 = { .set = &s24, .seq = "1", .name = "急救'能力", .targets = { &t24, 1, 1 } };
	struct item i25 = { .set = &s25, .seq = "1", .name = "急救'能力", .targets = { &t25, 1, 1 } };
	struct item iq = { .set = &q25, .seq = "2", .name = "托育", .targets = { &tq, 1, 1 } };
	struct series_member mem[] = { { &i24, 0 }, { &i25, 0 } };
	struct series_member lone[] = { { &i24, 0 }, { &iq, 0 } };
	struct series se = { .id = "x-2024:1:1", .metric = "配置AED", .unit = "处", .m = mem, .n = 2 };
	struct series so = { .id = "x-2024:9:1", .metric = "新增托位", .unit = "个", .m = lone, .n = 2 };
	const struct series *others[] = { &so };
	struct growth_row g = { .s = &se, .jurisdiction = "某市", .first = &mem[0], .last = &mem[1] };
	struct plot_input in = { .growth = &g, .ngrowth = 1, .others = others, .nothers = 1,
		                 .formats = PLOT_PNG };
	char **names, *s;
	size_t nnames, n;
	(void)state;

	g.g.pct_change = 600;
	s = script(&in, &names, &nnames, &n);
	/* A trend, the overview and a members chart, each a PNG. */
	assert_int_equal(n, 3);
	assert_int_equal(nnames, 3);
	for (size_t i = 0; i < nnames; i++) {
		/* set output 'NAME.'.ext */
		char *dot = strrchr(names[i], '.'), *out;
		assert_non_null(dot);
		assert_string_equal(dot, ".png");
		out = xasprintf("set output '%.*s.'.ext", (int)(dot - names[i]), names[i]);
		assert_non_null(strstr(s, out));
		free(out);
	}
	assert_non_null(strstr(names[0], "trend-"));
	assert_non_null(strstr(names[2], "members-"));
	/* The item's name beside the metric, its quote doubled inside gnuplot's quotes. */
	assert_non_null(strstr(s, "配置AED（急救''能力）"));
	assert_null(strstr(s, "急救'能力"));
	assert_non_null(strstr(s, "新增托位"));
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plot_quote),
		cmocka_unit_test(test_caption),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_script),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
