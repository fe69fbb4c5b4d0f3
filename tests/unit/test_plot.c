/*
 * Unit tests for analysis/render/plot.c and plot_index.c: quoting text into gnuplot,
 * chart captions, file names and value labels, and the script: a trend chart per growth
 * row, the overview, the share chart, a members chart for a series with neither, each
 * titled in the chosen language; a run limited to some series draws neither overview nor
 * shares; the index (index.csv, a row per file; index.html, escaped) lists every chart.
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

#include "check.h"

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

/* The caption of METRIC under item IT is WANT. */
static void
caption_is(const char *metric, const struct item *it, const char *want)
{
	char *c = plot_caption(metric, it);
	assert_string_equal(c, want);
	free(c);
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
	(void)state;

	caption_is("新增托位", &named, "新增托位（发展婴幼儿照护服务）");
	caption_is("新增托位", &bare, "新增托位");
	caption_is("AED", &same, "AED");
	/* A long name is cut at 13 characters, marked. */
	caption_is("加装电梯", &longname, "加装电梯（持续推进城镇老旧小区改造和…）");
}

static void
test_names(void **state)
{
	struct set city = { .id = "cq-2025" };
	char *n;
	(void)state;

	/* Kind, place, then the series id as in 'yoy series', ':' made '-': the same in
	 * every run, safe in any file system. */
	n = plot_trend_name_for("cq-2025:15:3", "cq-2025");
	assert_string_equal(n, "trend-cq-cq-2025-15-3");
	free(n);
	n = plot_trend_name_for("yubei-2025:A1:2", "yubei-2024");
	assert_string_equal(n, "trend-yubei-yubei-2025-A1-2");
	free(n);
	n = plot_shares_name(&city);
	assert_string_equal(n, "shares-cq-2025");
	free(n);
	n = plot_members_name("cq-2024:3:1");
	assert_string_equal(n, "members-cq-2024-3-1");
	free(n);
	/* What a file name must not hold becomes '_'; a set named in Chinese stays readable. */
	n = plot_members_name("a/b c:1");
	assert_string_equal(n, "members-a_b_c-1");
	free(n);
	n = plot_trend_name_for("渝北-2025:1:1", "渝北-2025");
	assert_string_equal(n, "trend-渝北-渝北-2025-1-1");
	free(n);
}

static void
test_value_label(void **state)
{
	static const struct {
		enum lang l;
		double v;
		enum qual q;
		const char *want;
	} cases[] = {
		{ LANG_ZH, 100, QUAL_GE, "≥100" },
		{ LANG_EN, 100, QUAL_GE, "≥100" },
		{ LANG_ZH, 11000, QUAL_EQ, "1.1万" },
		{ LANG_EN, 11000, QUAL_EQ, "11,000" },
		{ LANG_ZH, 60000, QUAL_ABOUT, "约6万" },
		{ LANG_EN, 60000, QUAL_ABOUT, "about 60,000" },
		{ LANG_ZH, 41860000, QUAL_EQ, "4186万" },
		{ LANG_EN, 41860000, QUAL_EQ, "41.86 million" },
		{ LANG_ZH, 123456, QUAL_LE, "≤12.3456万" },
		{ LANG_EN, 123456, QUAL_LE, "≤123,456" },
		{ LANG_ZH, 250000000, QUAL_EQ, "2.5亿" },
		{ LANG_EN, 3.7, QUAL_EQ, "3.7" },
		{ LANG_ZH, 3.7, QUAL_EQ, "3.7" },
		{ LANG_EN, 999, QUAL_EQ, "999" },
	};
	(void)state;

	for (size_t i = 0; i < NELEM(cases); i++) {
		char *s = plot_value_label(cases[i].l, cases[i].v, cases[i].q);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

/* A small comparison: a city over two years with a district in the second, a series
 * with a trend and a district member (AED, 处 in the city, 台 in the district) and one
 * whose members are in different places and years (托位). */
struct world {
	struct set s24, s25, q25;
	struct target t24, t25, tq, tl24, tlq;
	struct item i24, i25, iq, il24, ilq;
	struct series_member mem[3], lone[2];
	struct series se, so;
	const struct series *others[1];
	struct growth_row g;
	struct share_row sh;
	const struct series_member *dist[1];
	double dshare[1];
	struct plot_input in;
};

static void
world_init(struct world *w, enum lang l)
{
	memset(w, 0, sizeof *w);
	w->s24 = (struct set){ .id = "x-2024", .year = 2024, .jurisdiction = "某市", .level = "city",
		               .doc_number = "某府发〔2024〕1号" };
	w->s25 = (struct set){ .id = "x-2025", .year = 2025, .jurisdiction = "某市", .level = "city",
		               .doc_number = "某府发〔2025〕2号" };
	w->q25 = (struct set){ .id = "q-2025", .year = 2025, .jurisdiction = "某区",
		               .level = "district", .up = &w->s25 };
	w->t24 = (struct target){ .value = 100, .unit = "处", .metric = "配置AED", .qualifier = QUAL_GE };
	w->t25 = (struct target){ .value = 700, .unit = "处", .metric = "配置AED" };
	w->tq = (struct target){ .value = 20, .unit = "台", .metric = "配置AED" };
	w->tl24 = (struct target){ .value = 11000, .unit = "个", .metric = "新增托位" };
	w->tlq = (struct target){ .value = 400, .unit = "个", .metric = "新增托位" };
	w->i24 = (struct item){ .set = &w->s24, .seq = "1", .name = "急救'能力", .targets = { &w->t24, 1, 1 } };
	w->i25 = (struct item){ .set = &w->s25, .seq = "1", .name = "急救'能力", .targets = { &w->t25, 1, 1 } };
	w->iq = (struct item){ .set = &w->q25, .seq = "6", .name = "急救'能力", .targets = { &w->tq, 1, 1 } };
	w->il24 = (struct item){ .set = &w->s24, .seq = "9", .name = "托育<b>", .targets = { &w->tl24, 1, 1 } };
	w->ilq = (struct item){ .set = &w->q25, .seq = "2", .name = "托育<b>", .targets = { &w->tlq, 1, 1 } };
	w->mem[0] = (struct series_member){ &w->i24, 0 };
	w->mem[1] = (struct series_member){ &w->iq, 0 };
	w->mem[2] = (struct series_member){ &w->i25, 0 };
	w->lone[0] = (struct series_member){ &w->il24, 0 };
	w->lone[1] = (struct series_member){ &w->ilq, 0 };
	w->se = (struct series){ .id = "x-2024:1:1", .metric = "配置AED", .unit = "处", .m = w->mem, .n = 3 };
	w->so = (struct series){ .id = "x-2024:9:1", .metric = "新增托位", .unit = "个", .m = w->lone, .n = 2 };
	w->others[0] = &w->so;
	w->g = (struct growth_row){ .s = &w->se, .jurisdiction = "某市", .first = &w->mem[0], .last = &w->mem[2] };
	w->g.g = (struct growth){ .first = 100, .last = 700, .first_year = 2024, .last_year = 2025,
		                  .pct_change = 600 };
	w->dist[0] = &w->mem[1];
	w->dshare[0] = 20.0 / 700;
	w->sh = (struct share_row){ .s = &w->se, .city = &w->mem[2], .district = w->dist,
		                    .district_share = w->dshare, .ndistricts = 1,
		                    .district_sum = 20, .share = 20.0 / 700 };
	w->in = (struct plot_input){ .growth = &w->g, .ngrowth = 1, .shares = &w->sh, .nshares = 1,
		                     .others = w->others, .nothers = 1, .formats = PLOT_PNG | PLOT_SVG,
		                     .lang = l };
}

/* The script of IN as a string, with the charts drawn. */
static char *
script(const struct plot_input *in, struct plot_charts *charts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	size_t n;

	assert_non_null(fp);
	memset(charts, 0, sizeof *charts);
	n = plot_script(fp, in, charts);
	assert_int_equal(n, charts->n);
	fclose(fp);
	return buf;
}

static const struct plot_chart *
chart_of(const struct plot_charts *c, enum plot_kind kind)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].kind == kind)
			return &c->v[i];
	return NULL;
}

static void
test_script(void **state)
{
	struct world w;
	struct plot_charts charts;
	char *s;
	(void)state;

	world_init(&w, LANG_EN);
	s = script(&w.in, &charts);
	/* The whole comparison: the overview, the city's shares, the trend, the members. */
	assert_int_equal(charts.n, 4);
	assert_int_equal(charts.v[0].kind, PLOT_OVERVIEW);
	assert_int_equal(charts.v[1].kind, PLOT_SHARES);
	assert_int_equal(charts.v[2].kind, PLOT_TREND);
	assert_int_equal(charts.v[3].kind, PLOT_MEMBERS);
	assert_string_equal(charts.v[0].base, "overview");
	assert_string_equal(charts.v[1].base, "shares-x-2025");
	assert_string_equal(charts.v[2].base, "trend-x-x-2024-1-1");
	assert_string_equal(charts.v[3].base, "members-x-2024-9-1");
	/* Each chart is written to its own name, in each format. */
	for (size_t i = 0; i < charts.n; i++) {
		char *out = xasprintf("set output '%s'.'.'.ext", charts.v[i].base);
		assert_contains(s, out);
		free(out);
	}
	assert_contains(s, "EXTS = 'png svg'");
	/* The item's name beside the metric, its quote doubled inside gnuplot's quotes. */
	assert_contains(s, "配置AED（急救''能力）");
	assert_lacks(s, "急救'能力");
	/* The points labelled as people read them, the qualifier in front. */
	assert_contains(s, "2024 100 \"≥100\"");
	assert_contains(s, "0 11000 \"11,000\"");
	/* What each chart draws, and from which sets. */
	assert_string_equal(charts.v[2].metric, "配置AED");
	assert_string_equal(charts.v[2].item, "急救'能力");
	assert_int_equal(charts.v[2].nsets, 2);
	assert_ptr_equal(charts.v[2].sets[0], &w.s24);
	assert_ptr_equal(charts.v[2].sets[1], &w.s25);
	assert_int_equal(charts.v[1].nsets, 2); /* the city and its district */
	assert_int_equal(charts.v[3].nsets, 2);
	assert_ptr_equal(charts.v[3].series[0], &w.so);
	plot_charts_release(&charts);
	free(s);
}

static void
test_titles(void **state)
{
	static const struct {
		enum lang l;
		enum plot_kind kind;
		const char *title;
	} want[] = {
		{ LANG_EN, PLOT_TREND, "配置AED（急救'能力） — 某市 2024–2025" },
		{ LANG_ZH, PLOT_TREND, "配置AED（急救'能力），某市 2024—2025年" },
		{ LANG_EN, PLOT_OVERVIEW, "Change of every series, first year to last (%) — 某市" },
		{ LANG_ZH, PLOT_OVERVIEW, "各系列目标的变化幅度（首年→末年，%），某市" },
		{ LANG_EN, PLOT_SHARES, "Districts' shares of the city's targets (%) — 某市 2025" },
		{ LANG_ZH, PLOT_SHARES, "各区占全市目标的份额（%），某市 2025年" },
		{ LANG_EN, PLOT_MEMBERS, "新增托位（托育<b>） — targets by place and year" },
		{ LANG_ZH, PLOT_MEMBERS, "新增托位（托育<b>），各地各年目标" },
	};
	(void)state;

	for (size_t i = 0; i < NELEM(want); i++) {
		struct world w;
		struct plot_charts charts;
		char *s;
		world_init(&w, want[i].l);
		s = script(&w.in, &charts);
		assert_string_equal(chart_of(&charts, want[i].kind)->title, want[i].title);
		/* The axis words in the same language. */
		assert_contains(s, want[i].l == LANG_ZH ? "'单位：处'" : "'Unit: 处'");
		assert_contains(s, want[i].l == LANG_ZH ? "format '%.0f年'" : "format '%.0f'");
		assert_contains(s, want[i].l == LANG_ZH ? "'变化幅度（%）'" : "'change (%)'");
		plot_charts_release(&charts);
		free(s);
	}
}

/* A run limited to some series draws no overview and no share chart: partial, they
 * would look whole. */
static void
test_limited(void **state)
{
	static const char *const only[] = { "AED" };
	struct world w;
	struct plot_charts charts;
	const struct series *aed[1];
	char *s;
	(void)state;

	world_init(&w, LANG_EN);
	w.in.only = only;
	w.in.nonly = 1;
	/* As 'yoy plot AED' asks: its trend, and its members side by side (the district's
	 * part, which the share chart would have shown). */
	aed[0] = &w.se;
	w.in.others = aed;
	s = script(&w.in, &charts);
	assert_int_equal(charts.n, 2);
	assert_null(chart_of(&charts, PLOT_OVERVIEW));
	assert_null(chart_of(&charts, PLOT_SHARES));
	assert_lacks(s, "overview");
	assert_lacks(s, "shares");
	assert_string_equal(chart_of(&charts, PLOT_MEMBERS)->base, "members-x-2024-1-1");
	/* The district's target in its own unit, its bar orange; the city's blue. */
	{
		char *district = xasprintf("1 20 \"20台\" %u\n", 0xff7f0eu);
		char *city = xasprintf("2 700 \"700\" %u\n", 0x1f77b4u);
		assert_contains(s, district);
		assert_contains(s, city);
		free(district);
		free(city);
	}
	plot_charts_release(&charts);
	free(s);
}

/* Ids from a catalog are data too: a line break in one starts no command. */
static void
test_hostile_ids(void **state)
{
	struct world w;
	struct plot_charts charts;
	char *s;
	(void)state;

	world_init(&w, LANG_EN);
	w.s24.id = "x\n!touch pwned\n-2024";
	w.se.id = "x\nsystem('touch pwned')\n:1:1";
	s = script(&w.in, &charts);
	assert_lacks(s, "\n!touch");
	assert_lacks(s, "\nsystem(");
	assert_string_equal(chart_of(&charts, PLOT_TREND)->base,
	                    "trend-x__touch_pwned_-x_system__touch_pwned___-1-1");
	plot_charts_release(&charts);
	free(s);
}

/* The old interface the report uses: the file names, a PNG and an SVG per chart. */
static void
test_write_names(void **state)
{
	struct world w;
	char **names = NULL, *buf = NULL;
	size_t nnames = 0, len = 0, n;
	FILE *fp = open_memstream(&buf, &len);
	(void)state;

	world_init(&w, LANG_EN);
	w.in.formats = PLOT_SVG;
	n = plot_write(fp, &w.in, &names, &nnames);
	fclose(fp);
	assert_int_equal(n, 4);
	assert_int_equal(nnames, 4);
	assert_string_equal(names[0], "overview.svg");
	assert_string_equal(names[2], "trend-x-x-2024-1-1.svg");
	assert_contains(buf, "EXTS = 'svg'");
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(buf);
}

static char *
index_of(const struct plot_input *in, int html)
{
	struct plot_charts charts;
	char *s = script(in, &charts), *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	if (html)
		plot_index_html(fp, &charts, in);
	else
		plot_index_csv(fp, &charts, 0);
	fclose(fp);
	plot_charts_release(&charts);
	free(s);
	return buf;
}

static void
test_index_csv(void **state)
{
	struct world w;
	char *csv;
	size_t rows = 0;
	(void)state;

	world_init(&w, LANG_EN);
	csv = index_of(&w.in, 0);
	assert_true(strncmp(csv, "file,title,series,metric,item,jurisdiction,sets\n", 48) == 0);
	/* A row per file: four charts, each a PNG and an SVG. */
	for (const char *p = csv; (p = strchr(p, '\n')); p++)
		rows++;
	assert_int_equal(rows, 1 + 8);
	assert_contains(csv, "\ntrend-x-x-2024-1-1.png,配置AED（急救'能力） — 某市 2024–2025,"
	                     "x-2024:1:1,配置AED,急救'能力,某市,x-2024 x-2025\n");
	assert_contains(csv, "\ntrend-x-x-2024-1-1.svg,");
	assert_contains(csv, "\nmembers-x-2024-9-1.png,新增托位（托育<b>） — targets by place "
	                     "and year,x-2024:9:1,新增托位,托育<b>,某市 某区,x-2024 q-2025\n");
	/* A title with a comma is quoted (RFC 4180). */
	assert_contains(csv, "\noverview.png,\"Change of every series, first year to last "
	                     "(%) — 某市\",x-2024:1:1,,,某市,x-2024 x-2025\n");
	free(csv);
}

static void
test_index_html(void **state)
{
	static const char *const only[] = { "托位" };
	struct world w;
	char *html;
	(void)state;

	world_init(&w, LANG_ZH);
	html = index_of(&w.in, 1);
	assert_contains(html, "<html lang=\"zh-CN\">");
	assert_contains(html, "<img src=\"trend-x-x-2024-1-1.png\"");
	assert_contains(html, "href=\"members-x-2024-9-1.svg\"");
	/* Names are data: escaped, never markup. */
	assert_lacks(html, "托育<b>");
	assert_contains(html, "托育&lt;b&gt;");
	assert_contains(html, "急救&#39;能力");
	/* Where the numbers come from: each set's notice. */
	assert_contains(html, "x-2024（某府发〔2024〕1号）");
	assert_lacks(html, "class=\"only\"");
	free(html);
	/* A limited run says so. */
	world_init(&w, LANG_EN);
	w.in.only = only;
	w.in.nonly = 1;
	html = index_of(&w.in, 1);
	assert_contains(html, "<html lang=\"en\">");
	assert_contains(html, "class=\"only\">Only the series matching: <b>托位</b>");
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plot_quote),  cmocka_unit_test(test_caption),
		cmocka_unit_test(test_names),       cmocka_unit_test(test_value_label),
		cmocka_unit_test(test_script),      cmocka_unit_test(test_titles),
		cmocka_unit_test(test_limited),     cmocka_unit_test(test_hostile_ids),
		cmocka_unit_test(test_write_names),
		cmocka_unit_test(test_index_csv),   cmocka_unit_test(test_index_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
