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

enum table_format { FMT_AUTO, FMT_TABLE, FMT_CSV, FMT_JSON };

/* Parse "table", "csv" or "json"; returns -1 for anything else. */
int table_format_parse(const char *s, enum table_format *f);

/*
 * Write the rows.  FMT_AUTO is a table when FP is a terminal, CSV otherwise.  EXCEL adds
 * a BOM and CRLF line ends to CSV.  MAXW (table format only) truncates wide cells to that
 * many columns; 0 leaves them whole.
 */
void table_write(const struct rows *t, enum table_format fmt, FILE *fp, int excel,
                 size_t maxw);

/* JSON string literal of S (quotes included) appended to FP. */
void json_string(FILE *fp, const char *s);

#endif
