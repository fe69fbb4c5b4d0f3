/* report: see report.h. */
#include "render/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/compare.h"
#include "core/rows.h"
#include "core/stats.h"
#include "render/plot.h"
#include "base/util.h"


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

/* Print S escaped. */
static void
esc(FILE *fp, const char *s)
{
	char *e = report_escape(s ? s : "");
	fputs(e, fp);
	free(e);
}

static void
td(FILE *fp, const char *s)
{
	fputs("<td>", fp);
	esc(fp, s);
	fputs("</td>", fp);
}

static void
tdnum(FILE *fp, const char *s)
{
	fputs("<td class=\"n\">", fp);
	esc(fp, s);
	fputs("</td>", fp);
}

static void
thead(FILE *fp, const char *const *cols, size_t n)
{
	fputs("<table class=\"sortable\"><thead><tr>", fp);
	for (size_t i = 0; i < n; i++) {
		fputs("<th>", fp);
		esc(fp, cols[i]);
		fputs("</th>", fp);
	}
	fputs("</tr></thead><tbody>\n", fp);
}

static const char *
chart_svg(const struct report_input *in, const char *name)
{
	for (size_t i = 0; i < in->ncharts; i++)
		if (strcmp(in->charts[i].name, name) == 0)
			return in->charts[i].svg;
	return NULL;
}

/*
 * An SVG from gnuplot inline: without its XML prolog, its ids made unique to this chart
 * (every gnuplot SVG has a gnuplot_canvas), and nothing that points outside.
 */
static int nfigure;

static void
inline_svg(FILE *fp, const char *svg)
{
	const char *p = strstr(svg, "<svg");
	char prefix[32];

	if (!p)
		return;
	snprintf(prefix, sizeof prefix, "c%d-", ++nfigure);
	while (*p) {
		if (strncmp(p, "id=\"", 4) == 0) {
			fprintf(fp, "id=\"%s", prefix);
			p += 4;
		} else if (strncmp(p, "href=\"#", 7) == 0) {
			fprintf(fp, "href=\"#%s", prefix);
			p += 7;
		} else if (strncmp(p, "url(#", 5) == 0) {
			fprintf(fp, "url(#%s", prefix);
			p += 5;
		} else
			fputc(*p++, fp);
	}
}

static void
figure(FILE *fp, const struct report_input *in, const char *name, const char *caption,
       const char *anchor)
{
	const char *svg = chart_svg(in, name);

	if (!svg)
		return;
	fputs("<figure class=\"chart\"", fp);
	if (anchor) {
		fputs(" id=\"", fp);
		esc(fp, anchor);
		fputc('"', fp);
	}
	fputs(">", fp);
	inline_svg(fp, svg);
	fputs("<figcaption>", fp);
	esc(fp, caption);
	fputs("</figcaption></figure>\n", fp);
}

/* "metric（item） — jurisdiction (series)", the caption of a trend chart. */
static char *
caption(const char *metric, const char *item, const char *jurisdiction, const char *series)
{
	struct item it = { .name = (char *)item };
	char *what = plot_caption(metric, &it), *cap;

	cap = xasprintf("%s — %s (%s)", what, jurisdiction, series);
	free(what);
	return cap;
}

/* The cell of row I in the column NAME. */
static const char *
cell(const struct rows *r, size_t i, const char *name)
{
	return rows_cell(r, i, rows_col(r, name));
}

/* "SEQ NAME" of one side of a compare row, or "". */
static char *
side(const char *seq, const char *name)
{
	return *seq ? xasprintf("%s %s", seq, name) : xstrdup("");
}

static void
section_sets(FILE *fp, const struct report_input *in)
{
	static const char *const cols[] = { "set", "jurisdiction", "year", "level", "parent",
		                            "document", "issued", "items", "targets" };
	fputs("<section id=\"sets\"><h2>Task sets</h2>\n", fp);
	thead(fp, cols, 9);
	for (size_t i = 0; i < in->c->nsets; i++) {
		const struct set *s = &in->c->sets[i];
		char y[16], ni[16], nt[16];
		snprintf(y, sizeof y, "%d", s->year);
		snprintf(ni, sizeof ni, "%zu", s->nitems);
		snprintf(nt, sizeof nt, "%zu", set_ntargets(s));
		fputs("<tr class=\"set\" data-set=\"", fp);
		esc(fp, s->id);
		fputs("\">", fp);
		td(fp, s->id);
		td(fp, s->jurisdiction);
		tdnum(fp, y);
		td(fp, s->level);
		td(fp, s->parent);
		td(fp, s->doc_number);
		td(fp, s->issued);
		tdnum(fp, ni);
		tdnum(fp, nt);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table></section>\n", fp);
}

static int
cmp_set_year(const void *a, const void *b)
{
	const struct set *x = *(struct set *const *)a, *y = *(struct set *const *)b;
	int r = strcmp(x->jurisdiction, y->jurisdiction);
	return r ? r : x->year - y->year;
}

/* A table of rows R: the columns named in SHOW (text or number by their type), a header of
 * HEAD, and each row's CLASS_COL cell (if any) as its class. */
static void
rows_table(FILE *fp, const struct rows *r, const char *const *show, const char *const *head,
           size_t n, const char *class_col)
{
	int *col = xcalloc(n + 1, sizeof *col), cls = class_col ? rows_col(r, class_col) : -1;

	for (size_t k = 0; k < n; k++)
		col[k] = rows_col(r, show[k]);
	thead(fp, head, n);
	for (size_t i = 0; i < r->nrows; i++) {
		if (cls >= 0) {
			fputs("<tr class=\"", fp);
			esc(fp, rows_cell(r, i, cls));
			fputs("\">", fp);
		} else
			fputs("<tr>", fp);
		for (size_t k = 0; k < n; k++) {
			if (col[k] >= 0 && r->cols[col[k]].type != COL_TEXT)
				tdnum(fp, rows_cell(r, i, col[k]));
			else
				td(fp, rows_cell(r, i, col[k]));
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
	free(col);
}

static void
pair_section(FILE *fp, const struct report_input *in, const struct set *a, const struct set *b)
{
	static const char *const head[] = { "status",   "from",     "to",       "metric",
		                            "unit",     "from value", "to value", "change %",
		                            "share",    "flags" };
	struct compare_row *cr;
	struct rows rows;
	char *cause = NULL;
	long n = compare_sets(in->m, a, b, &cr, &cause);
	size_t count[NSTATUS];

	free(cause);
	if (n < 0)
		return;
	fputs("<h3>", fp);
	esc(fp, a->id);
	fputs(" → ", fp);
	esc(fp, b->id);
	fputs("</h3>\n<p class=\"counts\">", fp);
	compare_counts(cr, n, count);
	for (size_t k = 0; k < NSTATUS; k++)
		if (count[k])
			fprintf(fp, "<span class=\"st %s\">%s %zu</span> ", cstatus_name((enum cstatus)k),
			        cstatus_name((enum cstatus)k), count[k]);
	fputs("</p>\n", fp);
	rows_compare(a, b, cr, n, NULL, &rows);
	thead(fp, head, NELEM(head));
	for (size_t i = 0; i < rows.nrows; i++) {
		char *from = side(cell(&rows, i, "from_seq"), cell(&rows, i, "from_item"));
		char *to = side(cell(&rows, i, "to_seq"), cell(&rows, i, "to_item"));
		fputs("<tr class=\"", fp);
		esc(fp, cell(&rows, i, "status"));
		fputs("\">", fp);
		td(fp, cell(&rows, i, "status"));
		td(fp, from);
		td(fp, to);
		td(fp, cell(&rows, i, "metric"));
		td(fp, cell(&rows, i, "unit"));
		tdnum(fp, cell(&rows, i, "from_value"));
		tdnum(fp, cell(&rows, i, "to_value"));
		tdnum(fp, cell(&rows, i, "pct_change"));
		tdnum(fp, cell(&rows, i, "share"));
		td(fp, cell(&rows, i, "flags"));
		fputs("</tr>\n", fp);
		free(from);
		free(to);
	}
	fputs("</tbody></table>\n", fp);
	rows_release(&rows);
	free(cr);
}

static void
section_pairs(FILE *fp, const struct report_input *in)
{
	const struct corpus *c = in->c;
	struct set **by = xcalloc(c->nsets + 1, sizeof *by);

	for (size_t i = 0; i < c->nsets; i++)
		by[i] = &c->sets[i];
	qsort(by, c->nsets, sizeof *by, cmp_set_year);
	fputs("<section id=\"years\"><h2>Year over year</h2>\n"
	      "<p>Items continued, renamed, merged into another, new and dropped, with the targets "
	      "of linked items side by side and those on one side only (new target, dropped target).</p>\n",
	      fp);
	for (size_t i = 0; i + 1 < c->nsets; i++)
		if (strcmp(by[i]->jurisdiction, by[i + 1]->jurisdiction) == 0)
			pair_section(fp, in, by[i], by[i + 1]);
	fputs("</section>\n<section id=\"districts\"><h2>City and districts</h2>\n"
	      "<p>Each district item against the city item it breaks down; share = district value "
	      "/ city value.</p>\n",
	      fp);
	for (size_t i = 0; i < c->nsets; i++)
		if (by[i]->up)
			pair_section(fp, in, by[i]->up, by[i]);
	fputs("</section>\n", fp);
	free(by);
}

static void
section_growth(FILE *fp, const struct report_input *in)
{
	static const char *const show[] = { "series",     "metric",     "item",      "unit",
		                            "jurisdiction", "first_set", "last_set", "first_value",
		                            "last_value", "pct_change", "cagr",      "slope",
		                            "r2",         "points",     "flags" };
	static const char *const head[] = { "series", "metric",   "item",   "unit",   "jurisdiction",
		                            "from",   "to",       "first",  "last",   "change %",
		                            "CAGR %", "slope",    "r²",     "points", "flags" };
	struct rows g;
	int cs, cf, cm, ci, cj;

	rows_build(TBL_GROWTH, in->c, in->m, NULL, &g);
	cs = rows_col(&g, "series");
	cf = rows_col(&g, "first_set");
	cm = rows_col(&g, "metric");
	ci = rows_col(&g, "item");
	cj = rows_col(&g, "jurisdiction");
	fputs("<section id=\"growth\"><h2>Growth of every series</h2>\n", fp);
	figure(fp, in, "overview.svg", "Percentage change of every series, first year to last",
	       "overview");
	rows_table(fp, &g, show, head, NELEM(show), NULL);
	fputs("<div class=\"charts\">\n", fp);
	for (size_t i = 0; i < g.nrows; i++) {
		char *base = plot_trend_name_for(rows_cell(&g, i, cs), rows_cell(&g, i, cf));
		char *name = xasprintf("%s.svg", base);
		char *cap = caption(rows_cell(&g, i, cm), rows_cell(&g, i, ci), rows_cell(&g, i, cj),
		                    rows_cell(&g, i, cs));
		figure(fp, in, name, cap, name);
		free(base);
		free(name);
		free(cap);
	}
	fputs("</div></section>\n", fp);
	rows_release(&g);
}

/* Series whose members are in different places and years (the city's 2024 target, a
 * district's 2025 one): no growth, no share, but the same thing counted. */
static void
section_lone(FILE *fp, const struct report_input *in)
{
	static const char *const show[] = { "series", "metric", "item", "set", "value", "unit" };
	const struct series **v;
	size_t n = stats_lone_series(in->m, &v);
	struct rows all, lone;
	int cs;

	rows_build(TBL_SERIES, in->c, in->m, NULL, &all);
	cs = rows_col(&all, "series");
	rows_init(&lone, all.cols, all.ncols);
	for (size_t i = 0; i < all.nrows; i++)
		for (size_t k = 0; k < n; k++)
			if (strcmp(rows_cell(&all, i, cs), v[k]->id) == 0)
				rows_add(&lone, (const char *const *)&all.cells[i * all.ncols]);
	fputs("<section id=\"across\"><h2>Series across places</h2>\n"
	      "<p>The same thing counted by a city and a district in different years: compared "
	      "side by side, with no growth or share computed.</p>\n", fp);
	rows_table(fp, &lone, show, show, NELEM(show), NULL);
	fputs("<div class=\"charts\">\n", fp);
	for (size_t i = 0; i < n; i++) {
		char *base = plot_members_name(v[i]->id), *name = xasprintf("%s.svg", base);
		char *what = plot_caption(v[i]->metric, v[i]->m[0].item);
		char *cap = xasprintf("%s (%s)", what, v[i]->id);
		figure(fp, in, name, cap, name);
		free(base);
		free(name);
		free(what);
		free(cap);
	}
	fputs("</div></section>\n", fp);
	rows_release(&lone);
	rows_release(&all);
	free(v);
}

static void
section_shares(FILE *fp, const struct report_input *in)
{
	static const char *const show[] = { "series", "metric",    "unit",         "set",  "item",
		                            "value",  "districts", "district_sum", "share" };
	static const char *const head[] = { "series",     "metric",    "unit",         "city set",
		                            "item",       "city value", "districts",   "district sum",
		                            "share" };
	struct rows sh;

	fputs("<section id=\"shares\"><h2>What the districts carry of the city's targets</h2>\n", fp);
	for (size_t i = 0; i < in->c->nsets; i++) {
		const struct set *s = &in->c->sets[i];
		char *sb = plot_shares_name(s), *base = xasprintf("%s.svg", sb);
		char *cap = xasprintf("%s %d: the districts' shares of its targets", s->jurisdiction,
		                      s->year);
		figure(fp, in, base, cap, base);
		free(sb);
		free(base);
		free(cap);
	}
	rows_build(TBL_SHARES, in->c, in->m, NULL, &sh);
	rows_table(fp, &sh, show, head, NELEM(show), NULL);
	fputs("</section>\n", fp);
	rows_release(&sh);
}

static void
section_sources(FILE *fp, const struct report_input *in)
{
	static const char *const show[] = { "set",       "seq",  "item", "n",   "metric", "value",
		                            "unit",      "qualifier", "kind", "raw", "place" };
	static const char *const head[] = { "set",       "seq",  "item", "n",   "metric", "value",
		                            "unit",      "qualifier", "kind", "as printed",
		                            "notice line" };
	struct rows t;

	fputs("<section id=\"sources\"><h2>Where each number stands</h2>\n"
	      "<p>Every target with the span of the task text it was read from and its line in the "
	      "notice (datasets/raw/…).</p>\n<details><summary>All targets</summary>\n",
	      fp);
	rows_build(TBL_TARGETS, in->c, in->m, NULL, &t);
	thead(fp, head, NELEM(head));
	for (size_t i = 0; i < t.nrows; i++) {
		const struct set *s = corpus_set(in->c, cell(&t, i, "set"));
		char *place = xasprintf("%s:%s", s && *s->raw ? s->raw : s ? s->tasks : "",
		                        cell(&t, i, "line"));
		fputs("<tr>", fp);
		for (size_t k = 0; k + 1 < NELEM(show); k++) {
			int c = rows_col(&t, show[k]);
			if (t.cols[c].type != COL_TEXT)
				tdnum(fp, rows_cell(&t, i, c));
			else
				td(fp, rows_cell(&t, i, c));
		}
		td(fp, place);
		fputs("</tr>\n", fp);
		free(place);
	}
	fputs("</tbody></table>\n", fp);
	fputs("</details></section>\n", fp);
	rows_release(&t);
}

static const char style[] =
	"body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',"
	"sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#222;line-height:1.45}"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #1f77b4;padding-bottom:.2em;"
	"margin-top:2em}h3{margin-top:1.5em}"
	"nav a{margin-right:1em}"
	"table{border-collapse:collapse;width:100%;font-size:.88em;margin:.5em 0 1em}"
	"th,td{border:1px solid #ddd;padding:.25em .45em;vertical-align:top}"
	"th{background:#f3f6fa;cursor:pointer;position:sticky;top:0}"
	"th.asc::after{content:' ▲'}th.desc::after{content:' ▼'}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"tr.new td:first-child{color:#2ca02c}tr.dropped td:first-child{color:#d62728}"
	"tr.renamed td:first-child,tr.merged td:first-child{color:#9467bd}"
	".st{display:inline-block;padding:.1em .6em;margin-right:.4em;border-radius:1em;"
	"background:#eef;font-size:.9em}"
	".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:1em}"
	"figure.chart{margin:0;border:1px solid #eee;padding:.5em;break-inside:avoid}"
	"figure.chart svg{width:100%;height:auto}"
	"figcaption{font-size:.85em;color:#555}"
	"@media print{nav{display:none}th{position:static}details{display:block}"
	"body{max-width:none;padding:0}.charts{display:block}figure.chart{margin-bottom:1em}}";

/* A few lines of plain script: click a column head to sort its table. */
static const char script[] =
	"document.querySelectorAll('table.sortable th').forEach(function(th){"
	"th.addEventListener('click',function(){"
	"var table=th.closest('table'),body=table.tBodies[0],i=Array.prototype.indexOf.call("
	"th.parentNode.children,th),asc=!th.classList.contains('asc');"
	"th.parentNode.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});"
	"th.classList.add(asc?'asc':'desc');"
	"var rows=Array.prototype.slice.call(body.rows);"
	"rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent,"
	"p=parseFloat(x),q=parseFloat(y),r=(!isNaN(p)&&!isNaN(q))?p-q:x.localeCompare(y,'zh');"
	"return asc?r:-r});rows.forEach(function(r){body.appendChild(r)})})});";

void
report_write(FILE *fp, const struct report_input *in)
{
	nfigure = 0;
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>重点民生实事 — yoy report</title>\n<style>",
	      fp);
	fputs(style, fp);
	fputs("</style></head><body>\n<h1>重点民生实事: targets compared</h1>\n<p>", fp);
	fprintf(fp, "%zu task sets, ", in->c->nsets);
	{
		size_t items, targets;
		corpus_count(in->c, &items, &targets);
		fprintf(fp, "%zu items, %zu targets, %zu links, %zu series. Written by yoy ", items,
		        targets, in->m->nlinks, in->m->nseries);
	}
	esc(fp, in->version);
	fputs(".</p>\n<nav><a href=\"#sets\">Sets</a><a href=\"#years\">Year over year</a>"
	      "<a href=\"#districts\">City and districts</a><a href=\"#growth\">Growth</a>"
	      "<a href=\"#across\">Across places</a>"
	      "<a href=\"#shares\">Shares</a><a href=\"#sources\">Sources</a></nav>\n",
	      fp);
	section_sets(fp, in);
	section_pairs(fp, in);
	section_growth(fp, in);
	section_lone(fp, in);
	section_shares(fp, in);
	section_sources(fp, in);
	fputs("<script>", fp);
	fputs(script, fp);
	fputs("</script>\n</body></html>\n", fp);
}
