/*
 * report: the whole comparison as one self-contained HTML page: the sets, each year pair's
 * and each city-district pair's items and targets, the growth table with every trend chart,
 * the overview, the districts' shares and where each number stands in its notice.  Charts
 * are inline SVG, the few lines of script that sort the tables are inline too; the page
 * loads nothing from outside.  Every figure comes from the same modules as the CLI.
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

/* Write the page to FP. */
void report_write(FILE *fp, const struct report_input *in);

#endif
