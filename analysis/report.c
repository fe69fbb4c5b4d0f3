/* report: see report.h. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "plot.h"
#include "stats.h"
#include "util.h"

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

static size_t
count_targets(const struct set *s)
{
	size_t n = 0;
	for (size_t k = 0; k < s->nitems; k++)
		n += s->items[k].targets.n;
	return n;
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
		snprintf(nt, sizeof nt, "%zu", count_targets(s));
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

static void
pair_section(FILE *fp, const struct report_input *in, const struct set *a, const struct set *b)
{
	static const char *const cols[] = { "status",   "from",     "to",     "metric",
		                            "unit",     "from value", "to value", "change %",
		                            "share",    "flags" };
	static const char *const statuses[] = { "continued", "renamed", "merged",
		                                "new",       "dropped", "child" };
	struct compare_row *rows;
	char *cause = NULL;
	long n = compare_sets(in->m, a, b, &rows, &cause);
	size_t count[6] = { 0 };

	free(cause);
	if (n < 0)
		return;
	fputs("<h3>", fp);
	esc(fp, a->id);
	fputs(" → ", fp);
	esc(fp, b->id);
	fputs("</h3>\n<p class=\"counts\">", fp);
	/* Items per status: a row without targets is the item's own row. */
	for (long i = 0; i < n; i++)
		for (size_t k = 0; k < 6; k++)
			if (strcmp(rows[i].status, statuses[k]) == 0 && rows[i].tf < 0 && rows[i].tt < 0)
				count[k]++;
	for (long i = 0; i < n; i++)
		if (strcmp(rows[i].status, "continued") == 0 && (rows[i].tf >= 0 || rows[i].tt >= 0)) {
			/* continued items have target rows only: count the items once */
			long j;
			for (j = 0; j < i; j++)
				if (rows[j].from == rows[i].from && strcmp(rows[j].status, "continued") == 0)
					break;
			if (j == i)
				count[0]++;
		}
	for (size_t k = 0; k < 6; k++)
		if (count[k])
			fprintf(fp, "<span class=\"st %s\">%s %zu</span> ", statuses[k], statuses[k], count[k]);
	fputs("</p>\n", fp);
	thead(fp, cols, 10);
	for (long i = 0; i < n; i++) {
		const struct compare_row *r = &rows[i];
		struct compare_cells cc;
		char from[256] = "", to[256] = "";
		if (r->from)
			snprintf(from, sizeof from, "%s %s", r->from->seq, r->from->name);
		if (r->to)
			snprintf(to, sizeof to, "%s %s", r->to->seq, r->to->name);
		compare_cells(r, &cc);
		fprintf(fp, "<tr class=\"%s\">", r->status);
		td(fp, r->status);
		td(fp, from);
		td(fp, to);
		td(fp, cc.metric);
		td(fp, cc.unit);
		tdnum(fp, cc.from_value);
		tdnum(fp, cc.to_value);
		tdnum(fp, cc.pct_change);
		tdnum(fp, cc.share);
		td(fp, cc.flags);
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
	free(rows);
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
	static const char *const cols[] = { "series", "metric",   "item",   "unit",   "jurisdiction",
		                            "from",   "to",       "first",  "last",   "change %",
		                            "CAGR %", "slope",    "r²",     "points", "flags",
		                            "chart" };
	struct growth_row *gr;
	size_t n = stats_series_growth(in->m, &gr);

	fputs("<section id=\"growth\"><h2>Growth of every series</h2>\n", fp);
	figure(fp, in, "overview.svg", "Percentage change of every series, first year to last",
	       "overview");
	thead(fp, cols, 16);
	for (size_t i = 0; i < n; i++) {
		const struct growth_row *r = &gr[i];
		char b[8][64], pts[16];
		char *base = plot_trend_name(r), *name = xasprintf("%s.svg", base);
		snprintf(pts, sizeof pts, "%zu", r->g.points);
		fputs("<tr>", fp);
		td(fp, r->s->id);
		td(fp, r->s->metric);
		td(fp, r->last->item->name);
		td(fp, r->s->unit);
		td(fp, r->jurisdiction);
		td(fp, r->first->item->set->id);
		td(fp, r->last->item->set->id);
		tdnum(fp, stats_fmt(r->g.first, 4, b[0]));
		tdnum(fp, stats_fmt(r->g.last, 4, b[1]));
		tdnum(fp, stats_fmt(r->g.pct_change, 2, b[2]));
		tdnum(fp, stats_fmt(r->g.cagr, 2, b[3]));
		tdnum(fp, stats_fmt(r->g.slope, 4, b[4]));
		tdnum(fp, stats_fmt(r->g.r2, 4, b[5]));
		tdnum(fp, pts);
		td(fp, r->flags);
		if (chart_svg(in, name)) {
			fputs("<td><a href=\"#", fp);
			esc(fp, name);
			fputs("\">chart</a></td>", fp);
		} else
			td(fp, "");
		fputs("</tr>\n", fp);
		free(base);
		free(name);
	}
	fputs("</tbody></table>\n<div class=\"charts\">\n", fp);
	for (size_t i = 0; i < n; i++) {
		const struct growth_row *r = &gr[i];
		char *base = plot_trend_name(r), *name = xasprintf("%s.svg", base);
		char *what = plot_caption(r->s->metric, r->last->item);
		char *cap = xasprintf("%s — %s (%s)", what, r->jurisdiction, r->s->id);
		figure(fp, in, name, cap, name);
		free(base);
		free(name);
		free(what);
		free(cap);
	}
	fputs("</div></section>\n", fp);
	free(gr);
}

/* Series whose members are in different places and years (the city's 2024 target, a
 * district's 2025 one): no growth, no share, but the same thing counted. */
static void
section_lone(FILE *fp, const struct report_input *in)
{
	static const char *const cols[] = { "series", "metric", "item", "set", "value", "unit" };
	struct growth_row *gr;
	struct share_row *sr;
	size_t ng = stats_series_growth(in->m, &gr), ns = stats_district_shares(in->m, &sr), n;
	const struct series **v;

	n = plot_lone_series(in->m, gr, ng, sr, ns, &v);
	fputs("<section id=\"across\"><h2>Series across places</h2>\n"
	      "<p>The same thing counted by a city and a district in different years: compared "
	      "side by side, with no growth or share computed.</p>\n", fp);
	thead(fp, cols, 6);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i]->n; k++) {
			const struct series_member *mb = &v[i]->m[k];
			const struct target *t = &mb->item->targets.v[mb->t];
			char val[64];
			fputs("<tr>", fp);
			td(fp, v[i]->id);
			td(fp, v[i]->metric);
			td(fp, mb->item->name);
			td(fp, mb->item->set->id);
			tdnum(fp, target_value_str(t->value, val));
			td(fp, t->unit);
			fputs("</tr>\n", fp);
		}
	fputs("</tbody></table>\n<div class=\"charts\">\n", fp);
	for (size_t i = 0; i < n; i++) {
		char *base = plot_members_name(v[i]), *name = xasprintf("%s.svg", base);
		char *what = plot_caption(v[i]->metric, v[i]->m[0].item);
		char *cap = xasprintf("%s (%s)", what, v[i]->id);
		figure(fp, in, name, cap, name);
		free(base);
		free(name);
		free(what);
		free(cap);
	}
	fputs("</div></section>\n", fp);
	free(v);
	free(gr);
	free(sr);
}

static void
section_shares(FILE *fp, const struct report_input *in)
{
	static const char *const cols[] = { "series", "metric", "unit", "city set", "item",
		                            "city value", "districts", "district sum", "share" };
	struct share_row *sr;
	size_t n = stats_district_shares(in->m, &sr);

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
	thead(fp, cols, 9);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = sr[i].city->item;
		char v[64], sum[64], share[64];
		fputs("<tr>", fp);
		td(fp, sr[i].s->id);
		td(fp, sr[i].s->metric);
		td(fp, sr[i].s->unit);
		td(fp, it->set->id);
		td(fp, it->name);
		tdnum(fp, target_value_str(it->targets.v[sr[i].city->t].value, v));
		td(fp, sr[i].districts);
		tdnum(fp, target_value_str(sr[i].district_sum, sum));
		tdnum(fp, stats_fmt(sr[i].share, 4, share));
		fputs("</tr>\n", fp);
	}
	fputs("</tbody></table></section>\n", fp);
	free(sr);
}

static void
section_sources(FILE *fp, const struct report_input *in)
{
	static const char *const cols[] = { "set", "seq", "item", "n", "metric", "value", "unit",
		                            "qualifier", "kind", "as printed", "notice line" };
	fputs("<section id=\"sources\"><h2>Where each number stands</h2>\n"
	      "<p>Every target with the span of the task text it was read from and its line in the "
	      "notice (datasets/raw/…).</p>\n<details><summary>All targets</summary>\n",
	      fp);
	thead(fp, cols, 11);
	for (size_t i = 0; i < in->c->nsets; i++) {
		const struct set *s = &in->c->sets[i];
		for (size_t k = 0; k < s->nitems; k++) {
			const struct item *it = &s->items[k];
			for (size_t t = 0; t < it->targets.n; t++) {
				const struct target *tg = &it->targets.v[t];
				char n[16], v[64], line[64];
				snprintf(n, sizeof n, "%d", tg->n);
				snprintf(line, sizeof line, "%s:%d", *s->raw ? s->raw : s->tasks,
				         it->target_lines[t]);
				fputs("<tr>", fp);
				td(fp, s->id);
				td(fp, it->seq);
				td(fp, it->name);
				tdnum(fp, n);
				td(fp, tg->metric);
				tdnum(fp, target_value_str(tg->value, v));
				td(fp, tg->unit);
				td(fp, tg->qualifier);
				td(fp, tg->kind);
				td(fp, tg->raw);
				td(fp, line);
				fputs("</tr>\n", fp);
			}
		}
	}
	fputs("</tbody></table></details></section>\n", fp);
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
		size_t items = 0, targets = 0;
		for (size_t i = 0; i < in->c->nsets; i++) {
			items += in->c->sets[i].nitems;
			targets += count_targets(&in->c->sets[i]);
		}
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
