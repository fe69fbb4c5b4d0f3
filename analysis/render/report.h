/*
 * report: the whole comparison as one self-contained HTML page for people to read, in
 * Chinese or English: a summary (the sets compared, each pair's items by status, the
 * biggest rises and falls, the districts' largest shares), the sets, each year pair's and
 * each city-district pair's items and targets, the growth table with every trend chart,
 * the overview, the districts' shares, and the sources, where each target stands with its
 * words and notice line.  Every figure is written as people write it (lang_number) and
 * links to its row in the sources.  Charts are inline SVG, the few lines of script that
 * sort the tables are inline too; the page loads nothing from outside.  Every figure
 * comes from the same modules as the CLI: the page ranks and formats, it computes none.
 */
#ifndef YOY_REPORT_H
#define YOY_REPORT_H

#include <stdio.h>

#include "core/match.h"
#include "render/lang.h"

/* A chart drawn for the report: its file name (as plot_write named it) and SVG text. */
struct report_chart {
	const char *name;
	const char *svg;
};

struct report_input {
	const struct corpus *c;
	const struct match *m;
	const struct report_chart *charts;
	size_t ncharts;
	const char *version;
	enum lang lang;         /* every heading, label and sentence; the <html lang> */
};

/* S with & < > " ' escaped, for HTML text and attribute values (malloc'd). */
char *report_escape(const char *s);
/* S (NULL: nothing) escaped so, written to FP. */
void report_puts(FILE *fp, const char *s);

/* Write the page to FP. */
void report_write(FILE *fp, const struct report_input *in);

#endif
