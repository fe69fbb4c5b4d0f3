/*
 * table: rows (core/rows.h) in the three formats of the listings: an aligned table for
 * the terminal (aligned by display width, so CJK text lines up), CSV (RFC 4180) and JSON
 * (an array of objects, keys in column order).
 */
#ifndef YOY_TABLE_H
#define YOY_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "core/rows.h"
#include "render/lang.h"

enum table_format { FMT_AUTO, FMT_TABLE, FMT_CSV, FMT_JSON };

/* Parse "table", "csv" or "json"; returns -1 for anything else. */
int table_format_parse(const char *s, enum table_format *f);

struct table_opts {
	enum table_format format;   /* FMT_AUTO: a table on a terminal, CSV otherwise */
	int excel;                  /* CSV for Excel/WPS: BOM, CRLF, headings and words for
	                             * people, text that looks like a number kept as text */
	size_t maxw;                /* the table format cuts wider cells (0: whole) */
	enum lang lang;             /* of the table format and --excel CSV */
};

/*
 * Write the rows.  CSV and JSON keep the column names and codes of docs/design.md; the
 * table format and --excel CSV are for people: headings, codes, percentages and shares in
 * words of OPTS->lang.
 */
void table_write(const struct rows *t, const struct table_opts *opts, FILE *fp);

/* JSON string literal of S (quotes included) appended to FP. */
void json_string(FILE *fp, const char *s);

#endif
