/*
 * csvio: every CSV read and write in yoy goes through here, on top of libcsv.
 *
 * Reading: a UTF-8 BOM is dropped before libcsv sees the text, the text must be valid
 * UTF-8, quoting is strict (an unclosed quote is an error) and each row remembers the
 * line it starts on, for messages.  Writing is RFC 4180: a field is quoted (by libcsv)
 * only when it holds a comma, a quote or a line break; --excel adds a BOM and CRLF.
 */
#ifndef YOY_CSVIO_H
#define YOY_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "base/util.h"

#define CSV_MAX_BYTES (256u << 20)

struct csv_row {
	char **f;      /* fields, each NUL-terminated */
	size_t n;
	int line;      /* line of the file the row starts on */
};

struct csv_doc {
	struct csv_row *rows; /* rows[0] is the header */
	size_t nrows, cap;
	struct pool pool;       /* where the fields are (a user may keep it: pool_merge) */
	struct pool arrays;     /* where the rows' arrays are */
};

/* Read PATH. Returns NULL with "PATH:LINE: what" in *cause. Empty files give 0 rows. */
struct csv_doc *csvio_read(const char *path, char **cause);
/* The same for a file whose fields are kept until the process ends (pool_first_kept). */
struct csv_doc *csvio_read_kept(const char *path, char **cause);
/* Parse BUF (LEN bytes) named NAME. */
struct csv_doc *csvio_parse(const char *buf, size_t len, const char *name, char **cause);
void csvio_free(struct csv_doc *d);

/* Take the fields of row R: the caller owns the array and its strings (free each, then
 * the array); the row is left empty.  (A row's fields otherwise live in the document:
 * a national corpus reads millions, one malloc each was a quarter of its loading.) */
char **csvio_take(struct csv_doc *d, size_t r);

/*
 * Check that the header row is exactly COLS (NCOLS names) and every other row has
 * NCOLS fields.  Returns -1 with the message in *cause.
 */
int csvio_expect(const struct csv_doc *d, const char *name, const char *const *cols,
                 size_t ncols, char **cause);

/* Writing. */
struct csv_out {
	FILE *fp;
	int excel;     /* CRLF line ends (the BOM is written by csvout_begin) */
	int col;
};
void csvout_begin(struct csv_out *o, FILE *fp, int excel);
void csvout_field(struct csv_out *o, const char *s);
void csvout_end_row(struct csv_out *o);

#endif
