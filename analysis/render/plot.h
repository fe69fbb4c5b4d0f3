/*
 * plot: the comparison as charts, drawn by gnuplot.  yoy writes one script that draws
 * every chart (data in datablocks, all text in single-quoted strings), runs one gnuplot
 * process on it in a scratch folder, and puts the folder in place only when gnuplot
 * succeeded.  The script is kept beside the charts (yoy.gp) to be edited and re-run.
 *
 * Charts: a trend per series and jurisdiction with two or more years; an overview of the
 * percentage changes; for each city set with districts, the districts' shares; and for a
 * series with none of these (its members in different places and years), its members
 * side by side.  Titles and labels name the item beside the metric; the fixed words
 * (titles, axis labels, the unit) are in the chosen language.  Sizes and fonts are for a
 * slide: a 1200-pixel-wide PNG read from the back of a room.
 *
 * A run limited to some series draws only theirs: their trends, and their members side
 * by side when they have members beyond a trend (a district's part, another place); the
 * overview and the share charts are of the whole comparison and drawn only without a
 * limit, so a folder never holds one that looks whole and is not.
 *
 * The folder (plot_folder) holds the charts, yoy.gp, and an index of what each chart is:
 * index.csv (file,title,series,metric,item,jurisdiction,sets) and index.html (each chart
 * with its title, series, metric, item, sets and the notices they come from).
 */
#ifndef YOY_PLOT_H
#define YOY_PLOT_H

#include <stdio.h>

#include "core/stats.h"
#include "render/lang.h"

enum { PLOT_PNG = 1, PLOT_SVG = 2 };

struct plot_input {
	const struct growth_row *growth;  /* the trend charts and the overview */
	size_t ngrowth;
	const struct share_row *shares;   /* the share charts */
	size_t nshares;
	const struct series *const *others; /* one chart of their members each: series with
	                                     * neither a trend nor a share (新增托位: the city
	                                     * in 2024, a district in 2025), and in a limited
	                                     * run those with members beyond their trends */
	size_t nothers;
	const char *font;                 /* a CJK font family, or NULL */
	int formats;                      /* PLOT_PNG | PLOT_SVG */
	enum lang lang;                   /* of titles, axis labels and the index */
	const char *const *only;          /* the SERIES words the run is limited to; with */
	size_t nonly;                     /* none, the whole comparison (overview, shares) */
};

enum plot_kind { PLOT_TREND, PLOT_OVERVIEW, PLOT_SHARES, PLOT_MEMBERS };

/* One chart as the index lists it.  BASE and TITLE are malloc'd; the rest points into
 * the input (the match and corpus must outlive it). */
struct plot_chart {
	enum plot_kind kind;
	char *base;                       /* file name without extension */
	char *title;                      /* as drawn, on one line */
	const char *metric, *item;        /* of its one series; "" for overview and shares */
	const struct series **series;     /* the series it draws, in drawing order */
	size_t nseries;
	const struct set **sets;          /* the sets whose targets it draws, by year, id */
	size_t nsets;
};

struct plot_charts {
	struct plot_chart *v;
	size_t n, cap;
	int formats;                      /* the files of each chart: BASE.png, BASE.svg */
};
void plot_charts_release(struct plot_charts *c);
/* The name of chart C's file in FORMAT (PLOT_PNG or PLOT_SVG): BASE.png.  Malloc'd. */
char *plot_file(const struct plot_chart *c, int format);

/* S as a gnuplot single-quoted string: quotes doubled, control characters as spaces
 * (a newline would end the command).  Backquotes and @ are inert inside single quotes.
 * Returns a malloc'd string, quotes included. */
char *plot_quote(const char *s);

/* Write the script drawing every chart of IN (outputs named relative to the current
 * folder) to FP, and append the charts to OUT.  Returns the number of charts. */
size_t plot_script(FILE *fp, const struct plot_input *in, struct plot_charts *out);

/* The same, with the chart files' names appended to *NAMES (malloc'd array of malloc'd
 * strings, *NNAMES entries).  Returns the number of files. */
size_t plot_write(FILE *fp, const struct plot_input *in, char ***names, size_t *nnames);

/*
 * Run gnuplot on SCRIPT with DIR as its working folder.  Returns 0; -1 with *cause for a
 * failed run (gnuplot's first error line); -3 when gnuplot is not on the PATH.
 */
int plot_run(const char *script, const char *dir, char **cause);

/* Write the script for IN as WORKDIR/yoy.gp and run gnuplot there: the charts of OUT are
 * then in WORKDIR.  Returns 0, -1 (with *cause), or -3 when gnuplot is missing. */
int plot_draw(const struct plot_input *in, const char *workdir, struct plot_charts *out,
              char **cause);

/* plot_draw, with the files named in *NAMES as plot_write names them (the report reads
 * the SVGs from WORKDIR by these names). */
int plot_render(const struct plot_input *in, const char *workdir, char ***names, size_t *nnames,
                char **cause);
/* Remove the charts NAMES, the script and then WORKDIR itself. */
void plot_clean(const char *workdir, char **names, size_t n);

/*
 * Draw IN's charts into the folder DIR with their index, replacing DIR whole (outdir.h:
 * drawn in a scratch folder beside it, swapped in when all went well; a folder yoy did
 * not write is refused).  EXCEL writes index.csv with a BOM and CRLF.  The charts drawn
 * are appended to OUT.  Returns 0, -1 (with *cause; DIR as it was), or -3 when gnuplot
 * is missing.
 */
int plot_folder(const struct plot_input *in, const char *dir, int excel, struct plot_charts *out,
                char **cause);

/* Could plot_folder write DIR (its parent exists; DIR is missing, empty or of an earlier
 * run)?  Nothing is made.  Returns -1 with *cause. */
int plot_folder_check(const char *dir, char **cause);

/* The index of CHARTS: index.csv (a row per file) and the page index.html (IN gives the
 * language and what the run was limited to). */
void plot_index_csv(FILE *fp, const struct plot_charts *charts, int excel);
void plot_index_html(FILE *fp, const struct plot_charts *charts, const struct plot_input *in);

/* A font family for Chinese text found through fontconfig (fc-list :lang=zh), preferring
 * Noto Sans CJK and WenQuanYi; NULL when there is none.  Malloc'd. */
char *plot_cjk_font(void);

/* The base names (no extension) of a trend chart (of SERIES from FIRST_SET's
 * jurisdiction: trend-cq-cq-2024-3-1), of a city's share chart (shares-cq-2025) and of a
 * series' members chart (members-cq-2024-10-1).  ASCII where the ids are, the same in
 * every run and language; index.csv says what each one is. */
char *plot_trend_name(const struct growth_row *r);
char *plot_trend_name_for(const char *series, const char *first_set);
char *plot_shares_name(const struct set *city);
char *plot_members_name(const char *series);

/* A metric with the item it belongs to, for a title or a label: 新增托位（发展婴幼儿照护
 *服务）; the metric alone when the item has no name or the metric says it already.
 * Malloc'd. */
char *plot_caption(const char *metric, const struct item *it);

/* A target's value as a chart labels it, its qualifier in front: ≥100, 约1.1万, 4186万
 * in Chinese; ≥100, about 11,000, 41.86 million in English.  Malloc'd. */
char *plot_value_label(enum lang l, double v, enum qual q);

#endif
