/*
 * plot: the comparison as charts, drawn by gnuplot.  yoy writes one script that draws
 * every chart (data in datablocks, all text in single-quoted strings), runs one gnuplot
 * process on it in a scratch folder, and moves the charts into place only when gnuplot
 * succeeded.  The script is kept beside the charts (yoy.gp) to be edited and re-run.
 *
 * Charts: a trend per series and jurisdiction with two or more years; an overview of the
 * percentage changes; for each city set with districts, the districts' shares; and for a
 * series with none of these (its members in different places and years), its members
 * side by side.  Titles and labels name the item beside the metric.
 */
#ifndef YOY_PLOT_H
#define YOY_PLOT_H

#include <stdio.h>

#include "core/stats.h"

enum { PLOT_PNG = 1, PLOT_SVG = 2 };

struct plot_input {
	const struct growth_row *growth;  /* the trend charts and the overview */
	size_t ngrowth;
	const struct share_row *shares;   /* the share charts */
	size_t nshares;
	const struct series *const *others; /* series with neither a trend nor a share: one
	                                     * chart of their members each (新增托位: the city
	                                     * in 2024, a district in 2025) */
	size_t nothers;
	const char *font;                 /* a CJK font family, or NULL */
	int formats;                      /* PLOT_PNG | PLOT_SVG */
};

/* S as a gnuplot single-quoted string: quotes doubled, control characters as spaces
 * (a newline would end the command).  Backquotes and @ are inert inside single quotes.
 * Returns a malloc'd string, quotes included. */
char *plot_quote(const char *s);

/* Write the script drawing every chart of IN (outputs named relative to the current
 * folder) to FP.  Returns the number of chart files it will write; their names are
 * appended to *NAMES (malloc'd array of malloc'd strings, *NNAMES entries). */
size_t plot_write(FILE *fp, const struct plot_input *in, char ***names, size_t *nnames);

/*
 * Run gnuplot on SCRIPT with DIR as its working folder.  Returns 0; -1 with *cause for a
 * failed run (gnuplot's first error line); -3 when gnuplot is not on the PATH.
 */
int plot_run(const char *script, const char *dir, char **cause);

/*
 * Write the script for IN as WORKDIR/yoy.gp and run gnuplot there: the charts are then
 * WORKDIR/NAMES[i].  Returns 0, -1 (with *cause), or -3 when gnuplot is missing.
 */
int plot_render(const struct plot_input *in, const char *workdir, char ***names, size_t *nnames,
                char **cause);
/* Remove the charts NAMES, the script and then WORKDIR itself. */
void plot_clean(const char *workdir, char **names, size_t n);

/* A font family for Chinese text found through fontconfig (fc-list :lang=zh), preferring
 * Noto Sans CJK and WenQuanYi; NULL when there is none.  Malloc'd. */
char *plot_cjk_font(void);

/* The base names (no extension) of a trend chart (of SERIES from FIRST_SET's
 * jurisdiction), of a city's share chart and of a series' members chart. */
char *plot_trend_name(const struct growth_row *r);
char *plot_trend_name_for(const char *series, const char *first_set);
char *plot_shares_name(const struct set *city);
char *plot_members_name(const char *series);

/* A metric with the item it belongs to, for a title or a label: 新增托位（发展婴幼儿照护
 *服务）; the metric alone when the item has no name or the metric says it already.
 * Malloc'd. */
char *plot_caption(const char *metric, const struct item *it);


#endif
