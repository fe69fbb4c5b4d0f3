/* report: see report.h. */
#include "render/report.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/compare.h"
#include "core/rows.h"
#include "core/stats.h"
#include "render/lang.h"
#include "render/plot.h"
#include "base/util.h"

/* How many rises, falls and shares the summary names. */
#define SUMMARY_TOP 5

/* Two sets compared: a year pair, or a city and one of its districts. */
struct pair {
	const struct set *a, *b;
	struct compare_row *cr;
	long n;
	size_t count[NSTATUS];
};

/* What every part of the page needs. */
struct page {
	FILE *fp;
	const struct report_input *in;
	enum lang l;
	int nfigure;            /* charts inlined so far: their ids are made unique with it */
	struct pair *pairs;
	size_t npairs, nyears;  /* the year pairs come first, then the city-district ones */
};

/* ---- the report's words ---- */

/*
 * Every heading, label and sentence of the page, in English and Chinese, in this one
 * table.  A phrase with a conversion (%s, %d, %zu) takes the same arguments, in the same
 * order, in both languages.
 */
static const struct lang_phrase phrases[] = {
	{ "Key livelihood projects: targets compared", "重点民生实事目标对比" },
	{ "重点民生实事 — yoy report", "重点民生实事目标对比 — yoy" },
	{ "Written by yoy %s.", "由 yoy %s 生成。" },
	{ "Summary", "摘要" },
	{ "Task sets", "任务集" },
	{ "Year over year", "逐年对比" },
	{ "City and districts", "市与区县" },
	{ "Growth", "增长" },
	{ "Across places", "跨地区序列" },
	{ "Shares", "区县占比" },
	{ "Sources", "原文出处" },
	{ "Sets compared", "对比的任务集" },
	{ "Items, pair by pair", "事项变化" },
	{ "Biggest rises", "增幅最大的目标" },
	{ "Biggest falls", "降幅最大的目标" },
	{ "The districts' largest shares", "区县占比最高的目标" },
	{ "%zu task sets, %zu items, %zu targets; %zu links between items, %zu series of one "
	  "target across sets.",
	  "共%zu个任务集、%zu个事项、%zu项目标；%zu对事项关联、%zu个跨任务集的目标序列。" },
	{ "%d", "%d年" },
	{ ": ", "：" },
	{ " (%s)", "（%s）" },
	{ "; against %s %d", "；对照%s%d年" },
	{ ", ", "、" },
	{ "%d → %d", "%d年→%d年" },
	{ "%s (%s)", "%s（%s）" },
	{ "compared", "对比" },
	{ "items", "事项数" },
	{ "targets", "目标数" },
	{ "target", "目标" },
	{ "years", "起止年份" },
	{ "city value", "市级目标值" },
	{ "districts' targets", "区县目标" },
	{ "Continued: the same item under the same name; renamed: the same item under a new "
	  "name; merged: carried on inside another item; new and dropped: in one year only; "
	  "district: a district item that breaks down a city item.",
	  "延续：同一事项、名称未变；更名：同一事项、名称改变；合并：并入另一事项；新增、取消：只在其中"
	  "一年出现；区县承接：区县事项分解市级事项。" },
	{ "No target is tracked over two years of one place.", "没有同一地区跨两个年份的目标。" },
	{ "No target rose.", "没有目标增加。" },
	{ "No target fell.", "没有目标减少。" },
	{ "No district target breaks down a city target.", "没有区县目标分解市级目标。" },
	{ "%zu city targets are broken down to the districts loaded; all of them under "
	  "<a href=\"#shares\">Shares</a>.",
	  "共%zu项市级目标分解到所载区县，全部见<a href=\"#shares\">区县占比</a>一节。" },
	{ "Click a figure to see the words and the line of the notice it was read from.",
	  "点击任一数字，可查看其在通知原文中的文字和行号。" },
	{ "Items continued, renamed, merged into another, new and dropped, with the targets of "
	  "linked items side by side and those on one side only (new target, dropped target).",
	  "逐年列出延续、更名、并入其他事项、新增和取消的事项；关联事项的目标并列对照，只在一年"
	  "出现的目标标为新增目标或取消目标。" },
	{ "Each district item against the city item it breaks down; the share is the district's "
	  "value over the city's.",
	  "区县事项与其分解的市级事项并列；区县占比 = 区县目标值 ÷ 市级目标值。" },
	{ "Growth of every series", "各目标序列的增长" },
	{ "Each target tracked along a place's years, from its first year to its last.",
	  "同一地区逐年跟踪的每项目标，从首年到末年的变化。" },
	{ "Percentage change of every series, first year to last",
	  "各目标序列首年至末年的增减幅度" },
	{ "Series across places", "跨地区、跨年份的目标序列" },
	{ "The same thing counted by a city and a district in different years: compared side "
	  "by side, with no growth or share computed.",
	  "市与区县在不同年份对同一事项设定的目标：并列对照，不计算增长或占比。" },
	{ "What the districts carry of the city's targets", "区县承担的市级目标份额" },
	{ "For each city target, the district targets of the same year in its series, their "
	  "sum and its share of the city's.",
	  "每项市级目标在同年区县中的对应目标、区县合计及其占市级目标的比例。" },
	{ "%s %d: the districts' shares of its targets", "%s%d年目标中各区县所占份额" },
	{ "Where each number stands", "原文出处" },
	{ "Every target with the words of the notice it was read from and its line in the "
	  "notice file. Every figure of this report links to its row here.",
	  "每项目标及其在通知中的原文和所在行号；报告中的每个数字都链接到这里的对应行。" },
	{ "Notice: %s, line numbers of that file.", "原文文件：%s，行号为该文件中的行。" },
	{ "Task file: %s (no notice text), line numbers of that file.",
	  "任务文件：%s（无通知原文），行号为该文件中的行。" },
};

/* The phrase EN in the page's language. */
static const char *
say(const struct page *p, const char *en)
{
	return lang_pick(p->l, phrases, NELEM(phrases), en);
}

/* The phrase EN with its arguments, malloc'd (the arguments are not escaped). */
static char *
sayf(const struct page *p, const char *en, ...)
{
	const char *fmt = say(p, en);
	va_list ap, aq;
	char *s;
	int n;

	va_start(ap, en);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	s = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, aq);
	va_end(aq);
	va_end(ap);
	return s;
}

/* ---- HTML ---- */

char *
report_escape(const char *s)
{
	struct sb sb = SB_INIT;

	for (; *s; s++) {
		switch (*s) {
		case '&': sb_adds(&sb, "&amp;"); break;
		case '<': sb_adds(&sb, "&lt;"); break;
		case '>': sb_adds(&sb, "&gt;"); break;
		case '"': sb_adds(&sb, "&quot;"); break;
		case '\'': sb_adds(&sb, "&#39;"); break;
		default: sb_addc(&sb, *s);
		}
	}
	return sb_detach(&sb);
}

void
report_puts(FILE *fp, const char *s)
{
	char *e = report_escape(s ? s : "");
	fputs(e, fp);
	free(e);
}


/* Print S escaped and free it. */
static void
esc_free(FILE *fp, char *s)
{
	report_puts(fp, s);
	free(s);
}

/* <TAG>TEXT</TAG>, TEXT escaped. */
static void
element(FILE *fp, const char *tag, const char *text)
{
	fprintf(fp, "<%s>", tag);
	report_puts(fp, text);
	fprintf(fp, "</%s>", tag);
}

static void
td(FILE *fp, const char *s)
{
	element(fp, "td", s);
}

/* <td class="CLS">S</td>, S escaped; a plain <td> for CLS "". */
static void
td_class(FILE *fp, const char *cls, const char *s)
{
	if (!*cls) {
		td(fp, s);
		return;
	}
	fprintf(fp, "<td class=\"%s\">", cls);
	report_puts(fp, s);
	fputs("</td>", fp);
}

static void
td_free(FILE *fp, char *s)
{
	td(fp, s);
	free(s);
}

/* A number that is no figure of a target (a count, a percentage): right-aligned, sorted
 * by KEY (the number as core wrote it). */
static void
td_num(FILE *fp, const char *key, char *text)
{
	fputs("<td class=\"n\" data-v=\"", fp);
	report_puts(fp, key);
	fputs("\">", fp);
	esc_free(fp, text);
	fputs("</td>", fp);
}

/* The head of a sortable table, its headings HEAD (freed). */
static void
thead(FILE *fp, char **head, size_t n)
{
	fputs("<table class=\"sortable\"><thead><tr>", fp);
	for (size_t i = 0; i < n; i++) {
		element(fp, "th", head[i]);
		free(head[i]);
	}
	fputs("</tr></thead><tbody>\n", fp);
}

static void
tend(FILE *fp)
{
	fputs("</tbody></table>\n", fp);
}

/* ---- figures and where they come from ---- */

/* The anchor of target T of IT in the sources: from positions, so any name is safe. */
static void
anchor_of(const struct page *p, const struct item *it, int t, char buf[64])
{
	snprintf(buf, 64, "t%td-%td-%d", it->set - p->in->c->sets, it - it->set->items, t);
}

/* Target T of IT as people write it: its qualifier (≥, 约), its value in 万 and its unit,
 * a range as low—high.  Malloc'd. */
static char *
target_words(const struct page *p, const struct item *it, int t)
{
	static const struct col qcol = { "qualifier", COL_TEXT, SHOW_CODE };
	const struct target *tg = &it->targets.v[t];
	int range = tg->high > tg->value;
	char *q = tg->qualifier == QUAL_EQ ? xstrdup("")
	                                   : lang_value(p->l, &qcol, qual_name(tg->qualifier));
	char *v = lang_number(p->l, tg->value, range ? "" : tg->unit);
	char *h = range ? lang_number(p->l, tg->high, tg->unit) : xstrdup("");
	/* "about 7,000", but "≥100" and "约7000". */
	size_t nq = strlen(q);
	char *s = xasprintf("%s%s%s%s%s", q, nq && isalpha((unsigned char)q[nq - 1]) ? " " : "", v,
	                    range ? "—" : "", h);

	free(q);
	free(v);
	free(h);
	return s;
}

/* A cell with target T of IT, linked to its row in the sources; empty for no target. */
static void
td_target(const struct page *p, const struct item *it, int t)
{
	char a[64];

	if (!it || t < 0) {
		fputs("<td></td>", p->fp);
		return;
	}
	anchor_of(p, it, t, a);
	fprintf(p->fp, "<td class=\"n\" data-v=\"%.17g\"><a href=\"#%s\">", it->targets.v[t].value, a);
	esc_free(p->fp, target_words(p, it, t));
	fputs("</a></td>", p->fp);
}

/* Is column C one of short words that read badly broken over lines (a set id, a place,
 * a status, a document number, a date)? */
static int
short_col(const struct col *c)
{
	static const char *const names[] = { "set", "first_set", "last_set", "jurisdiction", "seq" };

	if (c->show == SHOW_CODE || c->show == SHOW_VERBATIM)
		return 1;
	for (size_t k = 0; k < NELEM(names); k++)
		if (strcmp(c->name, names[k]) == 0)
			return 1;
	return 0;
}

/* A cell of column COL of R, row I, in words (codes, percentages, shares). */
static void
td_cell(const struct page *p, const struct rows *r, size_t i, const char *col)
{
	int c = rows_col(r, col);
	const char *text = rows_cell(r, i, c);
	char *words = lang_cell(p->l, &r->cols[c], text);

	if (r->cols[c].type != COL_TEXT)
		td_num(p->fp, text, words);
	else {
		td_class(p->fp, short_col(&r->cols[c]) ? "nw" : r->cols[c].show == SHOW_FLAGS ? "fl" : "",
		         words);
		free(words);
	}
}

/* A quantity of column COL of R, row I, with UNIT (a change, a slope, a sum). */
static void
td_amount(const struct page *p, const struct rows *r, size_t i, const char *col, const char *unit)
{
	const char *text = rows_cell(r, i, rows_col(r, col));

	td_num(p->fp, text, *text ? lang_number(p->l, strtod(text, NULL), unit) : xstrdup(""));
}

/* The member of series ID in set SET: its item and target, 0; -1 when there is none. */
static int
member_in(const struct page *p, const char *id, const char *set, const struct item **it, int *t)
{
	const struct match *m = p->in->m;

	for (size_t i = 0; i < m->nseries; i++) {
		const struct series *s = &m->series[i];
		if (strcmp(s->id, id) != 0)
			continue;
		for (size_t k = 0; k < s->n; k++)
			if (strcmp(s->m[k].item->set->id, set) == 0) {
				*it = s->m[k].item;
				*t = s->m[k].t;
				return 0;
			}
	}
	return -1;
}

/* A cell with the member of series ID in SET, linked to the sources. */
static void
td_member(const struct page *p, const char *id, const char *set)
{
	const struct item *it = NULL;
	int t = -1;

	member_in(p, id, set, &it, &t);
	td_target(p, it, t);
}

/* "metric（item）", the metric alone when the item has no name or the one says the other. */
static char *
metric_of(const struct page *p, const char *metric, const char *item)
{
	if (!*item || strstr(metric, item) || strstr(item, metric))
		return xstrdup(metric);
	return sayf(p, "%s (%s)", metric, item);
}

/* Heading of column NAME of R for people (2025年目标值). */
static char *
heading(const struct page *p, const struct rows *r, const char *name)
{
	return lang_heading(p->l, r, (size_t)rows_col(r, name));
}

/* ---- charts ---- */

static const char *
chart_svg(const struct report_input *in, const char *name)
{
	for (size_t i = 0; i < in->ncharts; i++)
		if (strcmp(in->charts[i].name, name) == 0)
			return in->charts[i].svg;
	return NULL;
}

/*
 * The width of SVG's canvas and the smallest font size on it, so that the page can keep
 * it wide enough to read: gnuplot writes viewBox="0 0 W H" and font-size="F".  0 when
 * not found.
 */
static void
svg_measure(const char *svg, double *width, double *font)
{
	const char *v = strstr(svg, "viewBox=\""), *f = svg;

	*width = *font = 0;
	if (v)
		sscanf(v + 9, "%*f %*f %lf", width);
	while ((f = strstr(f, "font-size=\""))) {
		double x = strtod(f + 11, NULL);
		if (x > 0 && (*font == 0 || x < *font))
			*font = x;
		f += 11;
	}
}

/*
 * An SVG from gnuplot inline: without its XML prolog, its ids made unique to this chart
 * (every gnuplot SVG has a gnuplot_canvas), and nothing that points outside.
 */
static void
inline_svg(struct page *pg, const char *svg)
{
	const char *p = strstr(svg, "<svg");
	char prefix[32];

	if (!p)
		return;
	snprintf(prefix, sizeof prefix, "c%d-", ++pg->nfigure);
	while (*p) {
		if (strncmp(p, "id=\"", 4) == 0) {
			fprintf(pg->fp, "id=\"%s", prefix);
			p += 4;
		} else if (strncmp(p, "href=\"#", 7) == 0) {
			fprintf(pg->fp, "href=\"#%s", prefix);
			p += 7;
		} else if (strncmp(p, "url(#", 5) == 0) {
			fprintf(pg->fp, "url(#%s", prefix);
			p += 5;
		} else
			fputc(*p++, pg->fp);
	}
}

/* The chart NAME with CAPTION (freed), if it was drawn; ANCHOR is its id. */
static void
figure(struct page *p, const char *name, char *caption, const char *anchor)
{
	const char *svg = chart_svg(p->in, name);
	double w, f;

	if (svg) {
		/* The stylesheet keeps the chart at least as wide as its smallest text needs. */
		svg_measure(svg, &w, &f);
		fputs("<figure class=\"chart\" id=\"", p->fp);
		report_puts(p->fp, anchor);
		if (w > 0 && f > 0)
			fprintf(p->fp, "\" style=\"--vw:%.0f;--fs:%.2f", w, f);
		fputs("\"><div class=\"canvas\">", p->fp);
		inline_svg(p, svg);
		fputs("</div>", p->fp);
		element(p->fp, "figcaption", caption);
		fputs("</figure>\n", p->fp);
	}
	free(caption);
}

/* ---- the pairs compared ---- */

/* A city's sets, then its districts' sets, each jurisdiction's by year. */
static int
cmp_set_order(const void *a, const void *b)
{
	const struct set *x = *(struct set *const *)a, *y = *(struct set *const *)b;
	const struct set *cx = x->up ? x->up : x, *cy = y->up ? y->up : y;
	int r = strcmp(cx->jurisdiction, cy->jurisdiction);

	if (!r)
		r = (x->up != NULL) - (y->up != NULL);
	if (!r)
		r = strcmp(x->jurisdiction, y->jurisdiction);
	return r ? r : x->year - y->year;
}

/* The sets in that order (malloc'd). */
static const struct set **
sets_in_order(const struct corpus *c)
{
	const struct set **by = xcalloc(c->nsets + 1, sizeof *by);

	for (size_t i = 0; i < c->nsets; i++)
		by[i] = &c->sets[i];
	qsort(by, c->nsets, sizeof *by, cmp_set_order);
	return by;
}

static void
pair_add(struct page *p, const struct set *a, const struct set *b)
{
	struct compare_row *cr;
	char *cause = NULL;
	long n = compare_sets(p->in->m, a, b, &cr, &cause);
	struct pair *x;

	free(cause);
	if (n < 0)
		return;
	p->pairs = xrealloc(p->pairs, (p->npairs + 1) * sizeof *p->pairs);
	x = &p->pairs[p->npairs++];
	x->a = a;
	x->b = b;
	x->cr = cr;
	x->n = n;
	compare_counts(cr, n, x->count);
}

/* The pairs of the whole comparison (compare_pairs): each jurisdiction's consecutive
 * years, then each district against its city. */
static void
pairs_build(struct page *p)
{
	struct set_pair *v;
	size_t n = compare_pairs(p->in->c, &v);

	for (size_t i = 0; i < n; i++) {
		pair_add(p, v[i].a, v[i].b);
		if (v[i].a->up != v[i].b && v[i].b->up != v[i].a)
			p->nyears = p->npairs;
	}
	free(v);
}

static void
pairs_free(struct page *p)
{
	for (size_t i = 0; i < p->npairs; i++)
		free(p->pairs[i].cr);
	free(p->pairs);
}

/* "重庆市 2024年 → 2025年", or for a city and its district "重庆市 → 渝北区 2025年". */
static char *
pair_title(const struct page *p, const struct pair *x)
{
	char *ya = sayf(p, "%d", x->a->year), *yb = sayf(p, "%d", x->b->year), *s;

	if (strcmp(x->a->jurisdiction, x->b->jurisdiction) == 0)
		s = xasprintf("%s %s → %s", x->a->jurisdiction, ya, yb);
	else
		s = xasprintf("%s → %s %s", x->a->jurisdiction, x->b->jurisdiction, yb);
	free(ya);
	free(yb);
	return s;
}

/* The word for compare status K (延续, renamed …). */
static char *
status_word(const struct page *p, size_t k)
{
	static const struct col scol = { "status", COL_TEXT, SHOW_CODE };
	return lang_value(p->l, &scol, cstatus_name((enum cstatus)k));
}

/* The id of a set's row in the sets table. */
static long
set_index(const struct page *p, const struct set *s)
{
	return (long)(s - p->in->c->sets);
}

/* ---- summary ---- */

/* Each jurisdiction with its years (linked to the sets table) and notices, and what a
 * district is compared with; then what was loaded. */
static void
summary_sets(struct page *p)
{
	const struct corpus *c = p->in->c;
	const struct set **by = sets_in_order(c);
	size_t items, targets;

	fprintf(p->fp, "<h3>%s</h3>\n<ul class=\"sets\">\n", say(p, "Sets compared"));
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = by[i];
		int first = i == 0 || strcmp(by[i - 1]->jurisdiction, s->jurisdiction) != 0;
		int last = i + 1 == c->nsets || strcmp(by[i + 1]->jurisdiction, s->jurisdiction) != 0;
		if (first) {
			fputs("<li><b>", p->fp);
			report_puts(p->fp, s->jurisdiction);
			fputs("</b>", p->fp);
			esc_free(p->fp, sayf(p, ": "));
		} else
			report_puts(p->fp, say(p, ", "));
		fprintf(p->fp, "<a href=\"#set-%ld\">", set_index(p, s));
		esc_free(p->fp, sayf(p, "%d", s->year));
		fputs("</a>", p->fp);
		if (*s->doc_number)
			esc_free(p->fp, sayf(p, " (%s)", s->doc_number));
		if (s->up)
			esc_free(p->fp, sayf(p, "; against %s %d", s->up->jurisdiction, s->up->year));
		if (last)
			fputs("</li>\n", p->fp);
	}
	corpus_count(c, &items, &targets);
	fputs("</ul>\n<p>", p->fp);
	esc_free(p->fp, sayf(p, "%zu task sets, %zu items, %zu targets; %zu links between items, "
	                        "%zu series of one target across sets.",
	                     c->nsets, items, targets, p->in->m->nlinks, p->in->m->nseries));
	fputs("</p>\n", p->fp);
	free(by);
}

/* Per pair, how many items continued, were renamed … (compare_counts: each item once). */
static void
summary_pairs(struct page *p)
{
	char *head[NSTATUS + 1];

	fprintf(p->fp, "<h3>%s</h3>\n", say(p, "Items, pair by pair"));
	head[0] = xstrdup(say(p, "compared"));
	for (size_t k = 0; k < NSTATUS; k++)
		head[k + 1] = status_word(p, k);
	thead(p->fp, head, NSTATUS + 1);
	for (size_t i = 0; i < p->npairs; i++) {
		const struct pair *x = &p->pairs[i];
		int district = i >= p->nyears;
		fprintf(p->fp, "<tr><td><a href=\"#pair-%zu\">", i);
		esc_free(p->fp, pair_title(p, x));
		fputs("</a></td>", p->fp);
		for (size_t k = 0; k < NSTATUS; k++) {
			char n[32];
			snprintf(n, sizeof n, "%zu", x->count[k]);
			/* A year pair has no district items, a city and district pair nothing else. */
			if (district != (k == ST_CHILD))
				fputs("<td></td>", p->fp);
			else
				td_num(p->fp, n, xstrdup(n));
		}
		fputs("</tr>\n", p->fp);
	}
	tend(p->fp);
	fprintf(p->fp, "<p class=\"note\">%s</p>\n",
	        say(p, "Continued: the same item under the same name; renamed: the same item under "
	               "a new name; merged: carried on inside another item; new and dropped: in one "
	               "year only; district: a district item that breaks down a city item."));
}

/* A row of a table and the number it is ranked by. */
struct ranked {
	size_t row;
	double v;
};

static int
cmp_ranked_desc(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	return (x->v < y->v) - (x->v > y->v);
}

/*
 * The rows of R whose column COL holds a number, largest first (*OUT malloc'd): the
 * summary ranks the figures core computed, it computes none.
 */
static size_t
rank_rows(const struct rows *r, const char *col, struct ranked **out)
{
	int c = rows_col(r, col);
	struct ranked *v = xcalloc(r->nrows + 1, sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < r->nrows; i++) {
		const char *text = rows_cell(r, i, c);
		char *end;
		double x = strtod(text, &end);
		if (*text && !*end) {
			v[n].row = i;
			v[n++].v = x;
		}
	}
	qsort(v, n, sizeof *v, cmp_ranked_desc);
	*out = v;
	return n;
}

/* "2025年→2026年" of growth row I. */
static char *
years_of(const struct page *p, const struct rows *g, size_t i)
{
	const struct set *a = corpus_set(p->in->c, rows_cell(g, i, rows_col(g, "first_set")));
	const struct set *b = corpus_set(p->in->c, rows_cell(g, i, rows_col(g, "last_set")));

	return sayf(p, "%d → %d", a ? a->year : 0, b ? b->year : 0);
}

/* The growth rows V[0..N) (indexes into G) under TITLE, or EMPTY when there are none. */
static void
moves_table(struct page *p, const struct rows *g, const struct ranked *v, size_t n,
            const char *title, const char *empty)
{
	char *head[] = { xstrdup(say(p, "target")), heading(p, g, "jurisdiction"),
		         xstrdup(say(p, "years")),  heading(p, g, "first_value"),
		         heading(p, g, "last_value"), heading(p, g, "pct_change"),
		         heading(p, g, "flags") };

	fprintf(p->fp, "<div><h3>%s</h3>\n", say(p, title));
	if (!n) {
		fprintf(p->fp, "<p>%s</p></div>\n", say(p, empty));
		for (size_t k = 0; k < NELEM(head); k++)
			free(head[k]);
		return;
	}
	thead(p->fp, head, NELEM(head));
	for (size_t k = 0; k < n; k++) {
		size_t i = v[k].row;
		const char *series = rows_cell(g, i, rows_col(g, "series"));
		fputs("<tr>", p->fp);
		td_free(p->fp, metric_of(p, rows_cell(g, i, rows_col(g, "metric")),
		                         rows_cell(g, i, rows_col(g, "item"))));
		td_class(p->fp, "nw", rows_cell(g, i, rows_col(g, "jurisdiction")));
		{
			char *years = years_of(p, g, i);
			td_class(p->fp, "nw", years);
			free(years);
		}
		td_member(p, series, rows_cell(g, i, rows_col(g, "first_set")));
		td_member(p, series, rows_cell(g, i, rows_col(g, "last_set")));
		td_cell(p, g, i, "pct_change");
		/* A change of unit or qualifier says how far the two figures compare. */
		td_cell(p, g, i, "flags");
		fputs("</tr>\n", p->fp);
	}
	tend(p->fp);
	fputs("</div>\n", p->fp);
}

/* The largest rises and falls of the growth rows, by their percentage change. */
static void
summary_moves(struct page *p)
{
	struct rows g;
	struct ranked *v, *falls;
	size_t n, rises = 0, nfalls = 0;

	rows_build(TBL_GROWTH, p->in->c, p->in->m, NULL, &g);
	n = rank_rows(&g, "pct_change", &v);
	if (!n) {
		fprintf(p->fp, "<p>%s</p>\n", say(p, "No target is tracked over two years of one place."));
		free(v);
		rows_release(&g);
		return;
	}
	while (rises < n && rises < SUMMARY_TOP && v[rises].v > 0)
		rises++;
	/* The falls, the largest first: from the end of the ranking. */
	falls = xcalloc(SUMMARY_TOP + 1, sizeof *falls);
	for (size_t k = n; k > 0 && nfalls < SUMMARY_TOP && v[k - 1].v < 0; k--)
		falls[nfalls++] = v[k - 1];
	fputs("<div class=\"two\">\n", p->fp);
	moves_table(p, &g, v, rises, "Biggest rises", "No target rose.");
	moves_table(p, &g, falls, nfalls, "Biggest falls", "No target fell.");
	fputs("</div>\n", p->fp);
	free(falls);
	free(v);
	rows_release(&g);
}

/* The districts of share row I of SH, each with its target of the series, linked. */
static void
td_districts(struct page *p, const struct rows *sh, size_t i)
{
	const char *series = rows_cell(sh, i, rows_col(sh, "series"));
	const char *d = rows_cell(sh, i, rows_col(sh, "districts"));

	fputs("<td>", p->fp);
	while (*d) {
		size_t n = strcspn(d, " ");
		char *id = xstrndup(d, n);
		const struct set *s = corpus_set(p->in->c, id);
		const struct item *it = NULL;
		char a[64];
		int t = -1;
		if (s && member_in(p, series, id, &it, &t) == 0) {
			anchor_of(p, it, t, a);
			fputs("<span class=\"part\">", p->fp);
			report_puts(p->fp, s->jurisdiction);
			fprintf(p->fp, " <a href=\"#%s\">", a);
			esc_free(p->fp, target_words(p, it, t));
			fputs("</a></span> ", p->fp);
		}
		free(id);
		d += n;
		d += strspn(d, " ");
	}
	fputs("</td>", p->fp);
}

/* Share row I of SH: the city target, the districts' ones, their sum and share. */
static void
share_cells(struct page *p, const struct rows *sh, size_t i)
{
	const char *series = rows_cell(sh, i, rows_col(sh, "series"));

	td_member(p, series, rows_cell(sh, i, rows_col(sh, "set")));
	td_districts(p, sh, i);
	td_amount(p, sh, i, "district_sum", rows_cell(sh, i, rows_col(sh, "unit")));
	td_cell(p, sh, i, "share");
}

/* The city targets whose districts carry the largest share of them. */
static void
summary_shares(struct page *p)
{
	struct rows sh;
	struct ranked *v;
	size_t n;

	rows_build(TBL_SHARES, p->in->c, p->in->m, NULL, &sh);
	n = rank_rows(&sh, "share", &v);
	fprintf(p->fp, "<h3>%s</h3>\n", say(p, "The districts' largest shares"));
	if (!sh.nrows)
		fprintf(p->fp, "<p>%s</p>\n", say(p, "No district target breaks down a city target."));
	else {
		char *head[] = { xstrdup(say(p, "target")), xstrdup(say(p, "city value")),
			         xstrdup(say(p, "districts' targets")), heading(p, &sh, "district_sum"),
			         heading(p, &sh, "share") };
		thead(p->fp, head, NELEM(head));
		for (size_t k = 0; k < n && k < SUMMARY_TOP; k++) {
			size_t i = v[k].row;
			fputs("<tr>", p->fp);
			td_free(p->fp, metric_of(p, rows_cell(&sh, i, rows_col(&sh, "metric")),
			                         rows_cell(&sh, i, rows_col(&sh, "item"))));
			share_cells(p, &sh, i);
			fputs("</tr>\n", p->fp);
		}
		tend(p->fp);
		fputs("<p>", p->fp);
		/* The phrase holds a link of its own; the count is a number. */
		{
			char *s = sayf(p, "%zu city targets are broken down to the districts loaded; all "
			                  "of them under <a href=\"#shares\">Shares</a>.", sh.nrows);
			fputs(s, p->fp);
			free(s);
		}
		fputs("</p>\n", p->fp);
	}
	free(v);
	rows_release(&sh);
}

static void
section_summary(struct page *p)
{
	fprintf(p->fp, "<section id=\"summary\"><h2>%s</h2>\n", say(p, "Summary"));
	summary_sets(p);
	summary_pairs(p);
	summary_moves(p);
	summary_shares(p);
	fprintf(p->fp, "<p class=\"note\">%s</p>\n</section>\n",
	        say(p, "Click a figure to see the words and the line of the notice it was read from."));
}

/* ---- the sets ---- */

static void
section_sets(struct page *p)
{
	static const char *const cols[] = { "set", "jurisdiction", "year", "level", "parent",
		                            "doc_number", "issued", "title" };
	char *head[NELEM(cols) + 2];
	struct rows r;

	rows_build(TBL_SETS, p->in->c, p->in->m, NULL, &r);
	for (size_t k = 0; k < NELEM(cols); k++)
		head[k] = heading(p, &r, cols[k]);
	head[NELEM(cols)] = xstrdup(say(p, "items"));
	head[NELEM(cols) + 1] = xstrdup(say(p, "targets"));
	fprintf(p->fp, "<section id=\"sets\"><h2>%s</h2>\n", say(p, "Task sets"));
	thead(p->fp, head, NELEM(head));
	for (size_t i = 0; i < r.nrows; i++) {
		const struct set *s = corpus_set(p->in->c, rows_cell(&r, i, rows_col(&r, "set")));
		char ni[32], nt[32];
		if (!s)
			continue;
		snprintf(ni, sizeof ni, "%zu", s->nitems);
		snprintf(nt, sizeof nt, "%zu", set_ntargets(s));
		fprintf(p->fp, "<tr class=\"set\" id=\"set-%ld\" data-set=\"", set_index(p, s));
		report_puts(p->fp, s->id);
		fputs("\">", p->fp);
		for (size_t k = 0; k < NELEM(cols); k++)
			td_cell(p, &r, i, cols[k]);
		td_num(p->fp, ni, xstrdup(ni));
		td_num(p->fp, nt, xstrdup(nt));
		fputs("</tr>\n", p->fp);
	}
	tend(p->fp);
	fputs("</section>\n", p->fp);
	rows_release(&r);
}

/* ---- the pairs ---- */

/* "SEQ NAME" of one side of a compare row, or "". */
static char *
side(const char *seq, const char *name)
{
	return *seq ? xasprintf("%s %s", seq, name) : xstrdup("");
}

/* The columns of a pair's table: a year pair shows the change, a city and its district
 * the district's share. */
static const char *const year_cols[] = { "status", "from_item", "to_item", "metric", "from_value",
	                                 "to_value", "abs_change", "pct_change", "flags" };
static const char *const district_cols[] = { "status",   "from_item", "to_item", "metric",
	                                     "from_value", "to_value", "share",   "flags" };

/* Row I of pair X (its compare row CR, formatted in ROWS). */
static void
pair_row(struct page *p, const struct pair *x, const struct rows *rows, size_t i, int district)
{
	const struct compare_row *cr = &x->cr[i];
	const char *unit = rows_cell(rows, i, rows_col(rows, "unit"));
	/* The items of the row above again: kept for sorting, greyed for reading. */
	const char *cls = i > 0 && x->cr[i - 1].from == cr->from && x->cr[i - 1].to == cr->to ? "rep" : "";
	char *from = side(rows_cell(rows, i, rows_col(rows, "from_seq")),
	                  rows_cell(rows, i, rows_col(rows, "from_item")));
	char *to = side(rows_cell(rows, i, rows_col(rows, "to_seq")),
	                rows_cell(rows, i, rows_col(rows, "to_item")));

	fputs("<tr class=\"", p->fp);
	report_puts(p->fp, cstatus_name(cr->status));
	fputs(cr->tf < 0 && cr->tt < 0 ? " item\">" : "\">", p->fp);
	td_cell(p, rows, i, "status");
	td_class(p->fp, cls, from);
	td_class(p->fp, cls, to);
	free(from);
	free(to);
	td(p->fp, rows_cell(rows, i, rows_col(rows, "metric")));
	td_target(p, cr->from, cr->tf);
	td_target(p, cr->to, cr->tt);
	if (district)
		td_cell(p, rows, i, "share");
	else {
		/* A change across a change of unit (人→名) is a number without one. */
		td_amount(p, rows, i, "abs_change", strstr(unit, "→") ? "" : unit);
		td_cell(p, rows, i, "pct_change");
	}
	td_cell(p, rows, i, "flags");
	fputs("</tr>\n", p->fp);
}

/* Pair K: its title, how many items of each status (each once), and its rows. */
static void
pair_section(struct page *p, size_t k)
{
	const struct pair *x = &p->pairs[k];
	int district = k >= p->nyears;
	const char *const *cols = district ? district_cols : year_cols;
	size_t ncols = district ? NELEM(district_cols) : NELEM(year_cols);
	char **head = xcalloc(ncols + 1, sizeof *head);
	struct rows rows;

	fprintf(p->fp, "<div class=\"pair\" id=\"pair-%zu\"><h3>", k);
	esc_free(p->fp, pair_title(p, x));
	fputs(" <small>", p->fp);
	report_puts(p->fp, x->a->id);
	fputs(" → ", p->fp);
	report_puts(p->fp, x->b->id);
	fputs("</small></h3>\n<p class=\"counts\">", p->fp);
	for (size_t s = 0; s < NSTATUS; s++)
		if (x->count[s]) {
			fprintf(p->fp, "<span class=\"st %s\">", cstatus_name((enum cstatus)s));
			esc_free(p->fp, status_word(p, s));
			fprintf(p->fp, " <b>%zu</b></span> ", x->count[s]);
		}
	fputs("</p>\n", p->fp);
	rows_compare(x->a, x->b, x->cr, x->n, NULL, &rows);
	for (size_t c = 0; c < ncols; c++)
		head[c] = heading(p, &rows, cols[c]);
	thead(p->fp, head, ncols);
	/* Without a filter, rows_compare keeps every compare row, in order. */
	for (size_t i = 0; i < rows.nrows && i < (size_t)x->n; i++)
		pair_row(p, x, &rows, i, district);
	tend(p->fp);
	fputs("</div>\n", p->fp);
	rows_release(&rows);
	free(head);
}

static void
section_pairs(struct page *p)
{
	fprintf(p->fp, "<section id=\"years\"><h2>%s</h2>\n<p>%s</p>\n", say(p, "Year over year"),
	        say(p, "Items continued, renamed, merged into another, new and dropped, with the "
	               "targets of linked items side by side and those on one side only (new "
	               "target, dropped target)."));
	for (size_t k = 0; k < p->nyears; k++)
		pair_section(p, k);
	fprintf(p->fp, "</section>\n<section id=\"districts\"><h2>%s</h2>\n<p>%s</p>\n",
	        say(p, "City and districts"),
	        say(p, "Each district item against the city item it breaks down; the share is the "
	               "district's value over the city's."));
	for (size_t k = p->nyears; k < p->npairs; k++)
		pair_section(p, k);
	fputs("</section>\n", p->fp);
}

/* ---- growth, series across places, shares ---- */

/* Row I of the growth rows G. */
static void
growth_row(struct page *p, const struct rows *g, size_t i)
{
	const char *series = rows_cell(g, i, rows_col(g, "series"));
	const char *unit = rows_cell(g, i, rows_col(g, "unit"));

	char *years = years_of(p, g, i);

	fputs("<tr>", p->fp);
	td_free(p->fp, metric_of(p, rows_cell(g, i, rows_col(g, "metric")),
	                         rows_cell(g, i, rows_col(g, "item"))));
	td_cell(p, g, i, "jurisdiction");
	td_class(p->fp, "nw", years);
	free(years);
	td_member(p, series, rows_cell(g, i, rows_col(g, "first_set")));
	td_member(p, series, rows_cell(g, i, rows_col(g, "last_set")));
	td_amount(p, g, i, "abs_change", unit);
	td_cell(p, g, i, "pct_change");
	td_cell(p, g, i, "cagr");
	td_amount(p, g, i, "slope", unit);
	td_cell(p, g, i, "r2");
	td_cell(p, g, i, "points");
	td_cell(p, g, i, "flags");
	fputs("<td class=\"id\">", p->fp);
	report_puts(p->fp, series);
	fputs("</td></tr>\n", p->fp);
}

/* The trend chart of growth row I, captioned "metric（item） — place (series)". */
static void
trend_figure(struct page *p, const struct rows *g, size_t i)
{
	const char *series = rows_cell(g, i, rows_col(g, "series"));
	char *base = plot_trend_name_for(series, rows_cell(g, i, rows_col(g, "first_set")));
	char *name = xasprintf("%s.svg", base);
	char *what = metric_of(p, rows_cell(g, i, rows_col(g, "metric")),
	                       rows_cell(g, i, rows_col(g, "item")));

	char *place = xasprintf("%s — %s", what, rows_cell(g, i, rows_col(g, "jurisdiction")));

	figure(p, name, sayf(p, "%s (%s)", place, series), name);
	free(place);
	free(what);
	free(base);
	free(name);
}

static void
section_growth(struct page *p)
{
	/* What the target is and when, then the figures of core/stats. */
	static const char *const cols[] = { "first_value", "last_value", "abs_change", "pct_change",
		                            "cagr",        "slope",      "r2",         "points",
		                            "flags",       "series" };
	char *head[NELEM(cols) + 3];
	struct rows g;

	rows_build(TBL_GROWTH, p->in->c, p->in->m, NULL, &g);
	fprintf(p->fp, "<section id=\"growth\"><h2>%s</h2>\n<p>%s</p>\n",
	        say(p, "Growth of every series"),
	        say(p, "Each target tracked along a place's years, from its first year to its last."));
	figure(p, "overview.svg", xstrdup(say(p, "Percentage change of every series, first year to last")),
	       "overview");
	head[0] = xstrdup(say(p, "target"));
	head[1] = heading(p, &g, "jurisdiction");
	head[2] = xstrdup(say(p, "years"));
	for (size_t k = 0; k < NELEM(cols); k++)
		head[k + 3] = heading(p, &g, cols[k]);
	thead(p->fp, head, NELEM(head));
	for (size_t i = 0; i < g.nrows; i++)
		growth_row(p, &g, i);
	tend(p->fp);
	fputs("<div class=\"charts\">\n", p->fp);
	for (size_t i = 0; i < g.nrows; i++)
		trend_figure(p, &g, i);
	fputs("</div></section>\n", p->fp);
	rows_release(&g);
}

/* Is series ID one of the N series V? */
static int
series_among(const char *id, const struct series **v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(v[k]->id, id) == 0)
			return 1;
	return 0;
}

/* Series whose members are in different places and years (the city's 2024 target, a
 * district's 2025 one): no growth, no share, but the same thing counted. */
static void
section_lone(struct page *p)
{
	static const char *const cols[] = { "metric", "item", "set", "year", "value", "series" };
	char *head[NELEM(cols)];
	const struct series **v;
	size_t n = stats_lone_series(p->in->m, &v);
	struct rows all;
	int cs;

	rows_build(TBL_SERIES, p->in->c, p->in->m, NULL, &all);
	cs = rows_col(&all, "series");
	fprintf(p->fp, "<section id=\"across\"><h2>%s</h2>\n<p>%s</p>\n",
	        say(p, "Series across places"),
	        say(p, "The same thing counted by a city and a district in different years: "
	               "compared side by side, with no growth or share computed."));
	for (size_t k = 0; k < NELEM(cols); k++)
		head[k] = heading(p, &all, cols[k]);
	thead(p->fp, head, NELEM(cols));
	for (size_t i = 0; i < all.nrows; i++) {
		const char *id = rows_cell(&all, i, cs);
		if (!series_among(id, v, n))
			continue;
		fputs("<tr>", p->fp);
		for (size_t k = 0; k < 4; k++)
			td_cell(p, &all, i, cols[k]);
		td_member(p, id, rows_cell(&all, i, rows_col(&all, "set")));
		fputs("<td class=\"id\">", p->fp);
		report_puts(p->fp, id);
		fputs("</td></tr>\n", p->fp);
	}
	tend(p->fp);
	fputs("<div class=\"charts\">\n", p->fp);
	for (size_t i = 0; i < n; i++) {
		char *base = plot_members_name(v[i]->id), *name = xasprintf("%s.svg", base);
		char *what = metric_of(p, v[i]->metric, v[i]->m[0].item->name);
		figure(p, name, sayf(p, "%s (%s)", what, v[i]->id), name);
		free(base);
		free(name);
		free(what);
	}
	fputs("</div></section>\n", p->fp);
	rows_release(&all);
	free(v);
}

static void
section_shares(struct page *p)
{
	static const char *const cols[] = { "metric", "item", "set" };
	char *head[NELEM(cols) + 4];
	struct rows sh;

	fprintf(p->fp, "<section id=\"shares\"><h2>%s</h2>\n<p>%s</p>\n<div class=\"charts\">\n",
	        say(p, "What the districts carry of the city's targets"),
	        say(p, "For each city target, the district targets of the same year in its series, "
	               "their sum and its share of the city's."));
	for (size_t i = 0; i < p->in->c->nsets; i++) {
		const struct set *s = &p->in->c->sets[i];
		char *sb = plot_shares_name(s), *base = xasprintf("%s.svg", sb);
		figure(p, base, sayf(p, "%s %d: the districts' shares of its targets", s->jurisdiction,
		                     s->year), base);
		free(sb);
		free(base);
	}
	fputs("</div>\n", p->fp);
	rows_build(TBL_SHARES, p->in->c, p->in->m, NULL, &sh);
	for (size_t k = 0; k < NELEM(cols); k++)
		head[k] = heading(p, &sh, cols[k]);
	head[NELEM(cols)] = xstrdup(say(p, "city value"));
	head[NELEM(cols) + 1] = xstrdup(say(p, "districts' targets"));
	head[NELEM(cols) + 2] = heading(p, &sh, "district_sum");
	head[NELEM(cols) + 3] = heading(p, &sh, "share");
	thead(p->fp, head, NELEM(head));
	for (size_t i = 0; i < sh.nrows; i++) {
		fputs("<tr>", p->fp);
		for (size_t k = 0; k < NELEM(cols); k++)
			td_cell(p, &sh, i, cols[k]);
		share_cells(p, &sh, i);
		fputs("</tr>\n", p->fp);
	}
	tend(p->fp);
	fputs("</section>\n", p->fp);
	rows_release(&sh);
}

/* ---- sources ---- */

/* Target N (1-based, as numbered in the targets table) of the item numbered SEQ in S. */
static int
target_at(const struct set *s, const char *seq, const char *n, const struct item **it, int *t)
{
	int want = atoi(n);

	for (size_t k = 0; k < s->nitems; k++) {
		if (strcmp(s->items[k].seq, seq) != 0)
			continue;
		for (size_t m = 0; m < s->items[k].targets.n; m++)
			if (s->items[k].targets.v[m].n == want) {
				*it = &s->items[k];
				*t = (int)m;
				return 0;
			}
	}
	return -1;
}

/* Set S's targets, each row the anchor its figures elsewhere link to. */
static void
sources_of(struct page *p, const struct set *s)
{
	static const char *const cols[] = { "seq", "item", "n", "metric", "value", "kind", "raw",
		                            "line" };
	struct filter f = { .set = s->id };
	char *head[NELEM(cols)];
	struct rows t;

	fprintf(p->fp, "<h3 id=\"src-%ld\">", set_index(p, s));
	report_puts(p->fp, s->jurisdiction);
	fputc(' ', p->fp);
	esc_free(p->fp, sayf(p, "%d", s->year));
	fputs(" <small>", p->fp);
	report_puts(p->fp, s->id);
	fputs("</small></h3>\n<p class=\"note\">", p->fp);
	esc_free(p->fp, *s->raw ? sayf(p, "Notice: %s, line numbers of that file.", s->raw)
	                        : sayf(p, "Task file: %s (no notice text), line numbers of that file.",
	                               s->tasks));
	fputs("</p>\n", p->fp);
	rows_build(TBL_TARGETS, p->in->c, p->in->m, &f, &t);
	for (size_t k = 0; k < NELEM(cols); k++)
		head[k] = heading(p, &t, cols[k]);
	thead(p->fp, head, NELEM(cols));
	for (size_t i = 0; i < t.nrows; i++) {
		const struct item *it = NULL;
		int tt = -1;
		char a[64];
		if (target_at(s, rows_cell(&t, i, rows_col(&t, "seq")), rows_cell(&t, i, rows_col(&t, "n")),
		              &it, &tt) < 0)
			continue;
		anchor_of(p, it, tt, a);
		fprintf(p->fp, "<tr id=\"%s\">", a);
		for (size_t k = 0; k < NELEM(cols); k++) {
			if (strcmp(cols[k], "value") == 0)
				td_num(p->fp, rows_cell(&t, i, rows_col(&t, "value")), target_words(p, it, tt));
			else
				td_cell(p, &t, i, cols[k]);
		}
		fputs("</tr>\n", p->fp);
	}
	tend(p->fp);
	rows_release(&t);
}

static void
section_sources(struct page *p)
{
	const struct set **by = sets_in_order(p->in->c);

	fprintf(p->fp, "<section id=\"sources\"><h2>%s</h2>\n<p>%s</p>\n",
	        say(p, "Where each number stands"),
	        say(p, "Every target with the words of the notice it was read from and its line in "
	               "the notice file. Every figure of this report links to its row here."));
	for (size_t i = 0; i < p->in->c->nsets; i++)
		sources_of(p, by[i]);
	fputs("</section>\n", p->fp);
	free(by);
}

/* ---- the page ---- */

/*
 * Charts keep at least the width at which their smallest text is 12 px (--vw and --fs,
 * the canvas width and smallest font of each SVG), scale up to the column, and scroll
 * sideways on a screen too narrow for that; printed, they fit the page.
 */
static const char style[] =
	"body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',"
	"sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#222;line-height:1.5;"
	"font-size:16px}"
	"h1{font-size:1.9em;margin:.3em 0 .2em}h2{font-size:1.45em;border-bottom:2px solid #1f77b4;"
	"padding-bottom:.2em;margin-top:2em}h3{font-size:1.15em;margin:1.4em 0 .4em}"
	"h3 small,td.id{color:#777;font-weight:normal;font-size:.8em}"
	".lede{color:#555;margin-top:0}.note{color:#555;font-size:.92em}"
	"nav{margin:.8em 0 0;padding:.5em 0;border-top:1px solid #ddd;border-bottom:1px solid #ddd}"
	"nav a{margin-right:1.2em;white-space:nowrap}"
	"a{color:#1f5f9f;text-decoration:none}a:hover{text-decoration:underline}"
	"ul.sets{padding-left:1.2em;margin:.3em 0}"
	".two{display:grid;grid-template-columns:repeat(auto-fit,minmax(640px,1fr));gap:0 2em}"
	"table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0 1em}"
	"th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top}"
	"th{background:#f3f6fa;cursor:pointer;position:sticky;top:0;text-align:left}"
	"th.asc::after{content:' ▲'}th.desc::after{content:' ▼'}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
	"td.nw{white-space:nowrap}td.rep{color:#999}@media screen{td.fl{white-space:nowrap}}#growth td:first-child{min-width:10em}"
	"tr.item td{background:#fafafa;font-weight:bold}"
	"tr:target td{background:#fff3b0}tr:target{scroll-margin-top:3em}"
	"tr.new td:first-child{color:#2a7f2a}tr.dropped td:first-child{color:#c62828}"
	"tr.renamed td:first-child,tr.merged td:first-child{color:#7b4fa6}"
	".st{display:inline-block;padding:.15em .7em;margin:0 .4em .3em 0;border-radius:1em;"
	"background:#eef2f8}.st.new{background:#e6f4e6}.st.dropped{background:#fbe9e9}"
	".part{white-space:nowrap;margin-right:.6em}"
	".charts{display:flex;flex-wrap:wrap;gap:1em}"
	"figure.chart{flex:1 1 calc(var(--vw,600) * 12px / var(--fs,12));margin:0 0 1em;"
	"border:1px solid #eee;padding:.5em;break-inside:avoid;max-width:100%;box-sizing:border-box}"
	"figure.chart .canvas{overflow-x:auto}"
	"figure.chart svg{display:block;width:100%;height:auto;"
	"min-width:calc(var(--vw,600) * 12px / var(--fs,12))}"
	"figcaption{font-size:.95em;color:#444;margin-top:.3em}"
	"@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0;font-size:11pt}"
	"nav{display:none}th{position:static}table{font-size:.8em}#growth table{font-size:.7em}"
	"#growth td:first-child{min-width:8em}"
	"tr{break-inside:avoid}h2,h3{break-after:avoid}a{color:inherit}"
	".two{display:block}.charts{display:block}figure.chart svg{min-width:0}"
	"figure.chart .canvas{overflow:visible}}";

/* A few lines of plain script: click a column head to sort its table (numbers by the
 * value in data-v, text in Chinese collation). */
static const char script[] =
	"document.querySelectorAll('table.sortable th').forEach(function(th){"
	"th.addEventListener('click',function(){"
	"var table=th.closest('table'),body=table.tBodies[0],i=Array.prototype.indexOf.call("
	"th.parentNode.children,th),asc=!th.classList.contains('asc');"
	"th.parentNode.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});"
	"th.classList.add(asc?'asc':'desc');"
	"function key(c){return c.dataset.v!==undefined?c.dataset.v:c.textContent}"
	"var rows=Array.prototype.slice.call(body.rows);"
	"rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]),"
	"p=parseFloat(x),q=parseFloat(y),r=(!isNaN(p)&&!isNaN(q))?p-q:x.localeCompare(y,'zh');"
	"return asc?r:-r});rows.forEach(function(r){body.appendChild(r)})})});";

static void
page_head(struct page *p)
{
	static const char *const nav[][2] = {
		{ "summary", "Summary" }, { "sets", "Task sets" },  { "years", "Year over year" },
		{ "districts", "City and districts" }, { "growth", "Growth" },
		{ "across", "Across places" }, { "shares", "Shares" }, { "sources", "Sources" },
	};

	fprintf(p->fp, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	               "<title>%s</title>\n<style>%s</style></head><body>\n<h1>%s</h1>\n"
	               "<p class=\"lede\">",
	        p->l == LANG_ZH ? "zh-CN" : "en", say(p, "重点民生实事 — yoy report"), style,
	        say(p, "Key livelihood projects: targets compared"));
	esc_free(p->fp, sayf(p, "Written by yoy %s.", p->in->version));
	fputs("</p>\n<nav>", p->fp);
	for (size_t i = 0; i < NELEM(nav); i++)
		fprintf(p->fp, "<a href=\"#%s\">%s</a>", nav[i][0], say(p, nav[i][1]));
	fputs("</nav>\n", p->fp);
}

void
report_write(FILE *fp, const struct report_input *in)
{
	struct page p = { .fp = fp, .in = in, .l = in->lang };

	pairs_build(&p);
	page_head(&p);
	section_summary(&p);
	section_sets(&p);
	section_pairs(&p);
	section_growth(&p);
	section_lone(&p);
	section_shares(&p);
	section_sources(&p);
	fprintf(fp, "<script>%s</script>\n</body></html>\n", script);
	pairs_free(&p);
}
