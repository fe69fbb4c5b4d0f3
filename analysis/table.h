/*
 * table: the rows a listing command prints, and their three formats: an aligned table
 * for the terminal (aligned by display width, so CJK text lines up), CSV (RFC 4180) and
 * JSON (an array of objects, keys in column order).
 */
#ifndef YOY_TABLE_H
#define YOY_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum table_format { FMT_AUTO, FMT_TABLE, FMT_CSV, FMT_JSON };

struct table {
	const char *const *cols;
	size_t ncols;
	char **cells;        /* nrows * ncols owned strings */
	size_t nrows, cap;
};

void table_init(struct table *t, const char *const *cols, size_t ncols);
/* Append a row of ncols strings (copied; NULL is stored as ""). */
void table_add(struct table *t, const char *const *vals);
void table_release(struct table *t);

/* Parse "table", "csv" or "json"; returns -1 for anything else. */
int table_format_parse(const char *s, enum table_format *f);

/*
 * Write the table.  FMT_AUTO is a table when FP is a terminal, CSV otherwise.  EXCEL adds
 * a BOM and CRLF line ends to CSV.  MAXW (table format only) truncates wide cells to that
 * many columns; 0 leaves them whole.
 */
void table_write(const struct table *t, enum table_format fmt, FILE *fp, int excel,
                 size_t maxw);

/* JSON string literal of S (quotes included) appended to FP. */
void json_string(FILE *fp, const char *s);

#endif
