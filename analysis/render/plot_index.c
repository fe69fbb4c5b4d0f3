/*
 * plot_index: the folder of charts (plot.h, plot_folder) and its index — index.csv, a row
 * per chart file, and index.html, every chart with what it draws and where that comes
 * from.
 */
#include "render/plot.h"

#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/outdir.h"
#include "base/util.h"
#include "render/report.h"

static const char *const index_cols[] = { "file",         "title", "series", "metric", "item",
	                                  "jurisdiction", "sets" };
static const int formats[] = { PLOT_PNG, PLOT_SVG };

/* The series ids of C, space-separated (malloc'd). */
static char *
series_ids(const struct plot_chart *c)
{
	struct sb sb = SB_INIT;
	for (size_t i = 0; i < c->nseries; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", c->series[i]->id);
	return sb_detach(&sb);
}

/* Was the jurisdiction of C's set I named by an earlier set? */
static int
place_seen(const struct plot_chart *c, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(c->sets[j]->jurisdiction, c->sets[i]->jurisdiction) == 0)
			return 1;
	return 0;
}

/* The set ids of C, or with PLACES its sets' jurisdictions (each once), space-separated. */
static char *
set_words(const struct plot_chart *c, int places)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < c->nsets; i++)
		if (!places || !place_seen(c, i))
			sb_addf(&sb, "%s%s", sb.len ? " " : "",
			        places ? c->sets[i]->jurisdiction : c->sets[i]->id);
	return sb_detach(&sb);
}

void
plot_index_csv(FILE *fp, const struct plot_charts *charts, int excel)
{
	struct csv_out o;

	csvout_begin(&o, fp, excel);
	for (size_t k = 0; k < NELEM(index_cols); k++)
		csvout_field(&o, index_cols[k]);
	csvout_end_row(&o);
	for (size_t i = 0; i < charts->n; i++) {
		const struct plot_chart *c = &charts->v[i];
		char *ids = series_ids(c), *places = set_words(c, 1), *sets = set_words(c, 0);
		for (size_t f = 0; f < NELEM(formats); f++) {
			char *file;
			if (!(charts->formats & formats[f]))
				continue;
			file = plot_file(c, formats[f]);
			const char *row[] = { file, c->title, ids, c->metric, c->item, places, sets };
			for (size_t k = 0; k < NELEM(row); k++)
				csvout_field(&o, row[k]);
			csvout_end_row(&o);
			free(file);
		}
		free(ids);
		free(places);
		free(sets);
	}
}

/* ---- index.html ---- */


/* <dt>WORD</dt><dd>TEXT</dd>, nothing for an empty TEXT. */
static void
entry(FILE *fp, enum lang l, const char *word, const char *text)
{
	if (!text || !*text)
		return;
	fputs("<dt>", fp);
	report_puts(fp, lang_say(l, word));
	fputs("</dt><dd>", fp);
	report_puts(fp, text);
	fputs("</dd>", fp);
}

/* Where chart C's numbers come from: each set's notice by its document number. */
static char *
sources(const struct plot_chart *c, enum lang l)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = c->sets[i];
		sb_addf(&sb, "%s%s", i ? (l == LANG_ZH ? "；" : "; ") : "", s->id);
		if (s->doc_number && *s->doc_number)
			sb_addf(&sb, l == LANG_ZH ? "（%s）" : " (%s)", s->doc_number);
	}
	return sb_detach(&sb);
}

/* One chart: its image (the PNG where there is one), title, what it draws and its files. */
static void
figure(FILE *fp, const struct plot_charts *charts, size_t i, enum lang l)
{
	const struct plot_chart *c = &charts->v[i];
	char *img = plot_file(c, charts->formats & PLOT_PNG ? PLOT_PNG : PLOT_SVG);
	char *ids = series_ids(c), *places = set_words(c, 1), *sets = set_words(c, 0);
	char *src = sources(c, l);

	fputs("<figure id=\"", fp);
	report_puts(fp, c->base);
	fputs("\"><a href=\"", fp);
	report_puts(fp, img);
	fputs("\"><img src=\"", fp);
	report_puts(fp, img);
	fputs("\" alt=\"", fp);
	report_puts(fp, c->title);
	fputs("\" loading=\"lazy\"></a>\n<figcaption><strong>", fp);
	report_puts(fp, c->title);
	fputs("</strong><dl>", fp);
	entry(fp, l, "series", ids);
	entry(fp, l, "metric", c->metric);
	entry(fp, l, "item", c->item);
	entry(fp, l, "jurisdiction", places);
	entry(fp, l, "sets", sets);
	entry(fp, l, "source", src);
	fputs("<dt>", fp);
	report_puts(fp, lang_say(l, "files"));
	fputs("</dt><dd>", fp);
	for (size_t f = 0; f < NELEM(formats); f++)
		if (charts->formats & formats[f]) {
			char *file = plot_file(c, formats[f]);
			fputs("<a href=\"", fp);
			report_puts(fp, file);
			fputs("\">", fp);
			report_puts(fp, file);
			fputs("</a> ", fp);
			free(file);
		}
	fputs("</dd></dl></figcaption></figure>\n", fp);
	free(img);
	free(ids);
	free(places);
	free(sets);
	free(src);
}

static int
cmp_set(const void *a, const void *b)
{
	const struct set *x = *(const struct set *const *)a, *y = *(const struct set *const *)b;
	int c = strcmp(x->jurisdiction, y->jurisdiction);
	return c ? c : (x->year > y->year) - (x->year < y->year);
}

/* The notices every chart draws from, each once: set, place, year, document number,
 * title and the notice file in the datasets folder. */
static void
source_table(FILE *fp, const struct plot_charts *charts, enum lang l)
{
	static const char *const head[] = { "set", "jurisdiction", "year", "document no.", "title",
		                             "notice" };
	const struct set **v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < charts->n; i++)
		for (size_t k = 0; k < charts->v[i].nsets; k++) {
			size_t j;
			for (j = 0; j < n && v[j] != charts->v[i].sets[k]; j++)
				;
			if (j == n) {
				xgrow(&v, &cap, n + 1, sizeof *v);
				v[n++] = charts->v[i].sets[k];
			}
		}
	qsort(v, n, sizeof *v, cmp_set);
	fputs("<h2 id=\"sources\">", fp);
	report_puts(fp, lang_say(l, "Sources"));
	fputs("</h2>\n<table><tr>", fp);
	for (size_t k = 0; k < NELEM(head); k++) {
		fputs("<th>", fp);
		report_puts(fp, lang_say(l, head[k]));
		fputs("</th>", fp);
	}
	fputs("</tr>\n", fp);
	for (size_t i = 0; i < n; i++) {
		char year[16];
		snprintf(year, sizeof year, "%d", v[i]->year);
		const char *cells[] = { v[i]->id, v[i]->jurisdiction, year, v[i]->doc_number,
			                v[i]->title, v[i]->raw && *v[i]->raw ? v[i]->raw : v[i]->tasks };
		fputs("<tr>", fp);
		for (size_t k = 0; k < NELEM(cells); k++) {
			fputs("<td>", fp);
			report_puts(fp, cells[k]);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
	free(v);
}

static const char page_style[] =
	"body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',"
	"sans-serif;margin:0 auto;max-width:1280px;padding:1em 2em;color:#222;line-height:1.5}"
	".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:1.5em}"
	"figure{margin:0;border:1px solid #e3e3e3;padding:.6em;break-inside:avoid}"
	"figure img{width:100%;height:auto}"
	"figcaption strong{display:block;margin:.3em 0}"
	"dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em;margin:0;"
	"font-size:.9em;color:#444}dt{color:#777}dd{margin:0;word-break:break-all}"
	"table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #ddd;"
	"padding:.25em .5em;text-align:left}th{background:#f3f6fa}"
	".only{background:#fff6e0;padding:.5em .8em;border-left:4px solid #ff7f0e}";

/* The page's head and what the folder holds: the whole comparison, or only some series. */
static void
page_head(FILE *fp, const struct plot_charts *charts, const struct plot_input *in)
{
	enum lang l = in->lang;

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	        l == LANG_ZH ? "zh-CN" : "en");
	report_puts(fp, lang_say(l, "Charts"));
	fprintf(fp, " — yoy</title>\n<style>%s</style></head><body>\n<h1>", page_style);
	report_puts(fp, lang_say(l, "Charts"));
	fprintf(fp, l == LANG_ZH ? "</h1>\n<p>共 %zu 张图。" : "</h1>\n<p>%zu charts. ", charts->n);
	report_puts(fp, lang_say(l, "Each chart with the series it draws (the ids of yoy series and yoy "
	                    "growth), its metric and item, the task sets whose targets it draws "
	                    "and their notices. index.csv lists the same, a row per file."));
	fputs("</p>\n", fp);
	if (in->nonly == 0)
		return;
	fputs("<p class=\"only\">", fp);
	report_puts(fp, lang_say(l, "Only the series matching: "));
	for (size_t i = 0; i < in->nonly; i++) {
		fputs(i ? " " : "", fp);
		fputs("<b>", fp);
		report_puts(fp, in->only[i]);
		fputs("</b>", fp);
	}
	fputs(". ", fp);
	report_puts(fp, lang_say(l, "Their trends, and their targets side by side where they have some "
	                    "beyond a trend. The overview and the districts' shares are of the "
	                    "whole comparison: yoy plot without series draws them."));
	fputs("</p>\n", fp);
}

void
plot_index_html(FILE *fp, const struct plot_charts *charts, const struct plot_input *in)
{
	page_head(fp, charts, in);
	fputs("<div class=\"charts\">\n", fp);
	for (size_t i = 0; i < charts->n; i++)
		figure(fp, charts, i, in->lang);
	fputs("</div>\n", fp);
	source_table(fp, charts, in->lang);
	fputs("</body></html>\n", fp);
}

/* Write DIR/NAME through an atomic output: the index.csv or the page. */
static int
write_index(const char *dir, const char *name, const struct plot_charts *charts,
            const struct plot_input *in, int excel, char **cause)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct aout o;
	int rc = aout_open(&o, path, cause);

	free(path);
	if (rc < 0)
		return -1;
	if (strcmp(name, "index.csv") == 0)
		plot_index_csv(o.fp, charts, excel);
	else
		plot_index_html(o.fp, charts, in);
	return aout_commit(&o, cause);
}

/* index.csv with its header marks a folder plot_folder wrote, and may replace. */
#define INDEX_MARK "index.csv"
#define INDEX_HEAD "file,title,series,"

int
plot_folder_check(const char *dir, char **cause)
{
	return outdir_check(dir, INDEX_MARK, INDEX_HEAD, cause);
}

int
plot_folder(const struct plot_input *in, const char *dir, int excel, struct plot_charts *out,
            char **cause)
{
	struct outdir d;
	int rc;

	if (outdir_open(&d, dir, INDEX_MARK, INDEX_HEAD, cause) < 0)
		return -1;
	rc = plot_draw(in, d.tmp, out, cause);
	if (rc == 0)
		rc = write_index(d.tmp, "index.csv", out, in, excel, cause);
	if (rc == 0)
		rc = write_index(d.tmp, "index.html", out, in, excel, cause);
	if (rc != 0) {
		outdir_abort(&d);
		return rc;
	}
	return outdir_commit(&d, cause);
}
