/* csvio: see csvio.h. */
#include "base/csvio.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"

struct reader {
	struct csv_doc *d;
	char **f;               /* the fields of the row being read */
	size_t n, cap;
	int line, row_line;
	int in_row;      /* a field of the current row has been seen */
	int boundary;    /* the last byte fed ended a row (or nothing was fed yet) */
};

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	char *v = pool_strndup(&r->d->pool, s ? s : "", s ? len : 0);

	r->in_row = 1;
	xgrow(&r->f, &r->cap, r->n + 1, sizeof *r->f);
	r->f[r->n++] = v;
}

static void
on_row(int c, void *data)
{
	struct reader *r = data;
	struct csv_doc *d = r->d;

	(void)c;
	xgrow(&d->rows, &d->cap, d->nrows + 1, sizeof *d->rows);
	d->rows[d->nrows].f = pool_alloc(&d->arrays, (r->n + 1) * sizeof *r->f);
	memcpy(d->rows[d->nrows].f, r->f, r->n * sizeof *r->f);
	d->rows[d->nrows].n = r->n;
	d->rows[d->nrows].line = r->row_line;
	d->nrows++;
	r->n = 0;
	r->in_row = 0;
	r->boundary = 1;
}

/* Keep spaces: task text is stored as printed. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* BUF parsed; with KEPT, its fields in a pool kept until the process ends. */
static struct csv_doc *
parse(const char *buf, size_t len, const char *name, int kept, char **cause)
{
	struct csv_parser p;
	struct reader r = { 0 };
	int bad;
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (memchr(buf, '\0', len)) {
		fail(cause, "%s: binary file (NUL byte)", name);
		return NULL;
	}
	if ((bad = text_utf8_bad_line(buf, len)) != 0) {
		fail(cause, "%s:%d: invalid UTF-8", name, bad);
		return NULL;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fail(cause, "%s: cannot start the CSV parser", name);
		return NULL;
	}
	/* Spaces are data (libcsv would trim them around fields): where the text has a space
	 * or a tab, nothing is one to libcsv.  Without either, its own test says the same
	 * for each byte, and without a call. */
	if (memchr(buf, ' ', len) || memchr(buf, '\t', len))
		csv_set_space_func(&p, no_space);
	csv_set_blk_size(&p, 1024); /* a task's text in one or two steps, not 128 bytes each */
	r.d = xcalloc(1, sizeof *r.d);
	/* The fields, each ended by a NUL where the text has a comma or a line end (quotes
	 * only take bytes away), fit in a block of the text's size and one byte: exactly
	 * that, since a task file's fields are kept (corpus.c). */
	(kept ? pool_first_kept : pool_first)(&r.d->pool, len + 1);
	r.line = 1;
	r.boundary = 1;
	/* Feed line by line so that rows know where they start: the first line with text
	 * after a row ended (libcsv skips blank lines between rows). */
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (buf + i)) + 1 : len - i;
		if (r.boundary && !(n == 1 || (n == 2 && buf[i] == '\r'))) {
			r.row_line = r.line;
			r.boundary = 0;
		}
		if (csv_parse(&p, buf + i, n, on_field, on_row, &r) != n) {
			fail(cause, "%s:%d: %s", name, r.line,
			     csv_error(&p) == CSV_EPARSE ? "malformed quoting" : csv_strerror(csv_error(&p)));
			goto err;
		}
		i += n;
		r.line++;
	}
	if (csv_fini(&p, on_field, on_row, &r) != 0) {
		fail(cause, "%s:%d: %s", name, r.in_row ? r.row_line : r.line - 1,
		     csv_error(&p) == CSV_EPARSE ? "unclosed quote" : csv_strerror(csv_error(&p)));
		goto err;
	}
	csv_free(&p);
	free(r.f);
	return r.d;
err:
	csv_free(&p);
	free(r.f);
	csvio_free(r.d);
	return NULL;
}

struct csv_doc *
csvio_parse(const char *buf, size_t len, const char *name, char **cause)
{
	return parse(buf, len, name, 0, cause);
}

static struct csv_doc *
read_file(const char *path, int kept, char **cause)
{
	size_t len;
	char *buf = file_read(path, CSV_MAX_BYTES, &len, cause);
	struct csv_doc *d;

	if (!buf)
		return NULL;
	d = parse(buf, len, path, kept, cause);
	free(buf);
	return d;
}

struct csv_doc *
csvio_read(const char *path, char **cause)
{
	return read_file(path, 0, cause);
}

struct csv_doc *
csvio_read_kept(const char *path, char **cause)
{
	return read_file(path, 1, cause);
}

void
csvio_free(struct csv_doc *d)
{
	if (!d)
		return;
	pool_release(&d->pool);
	pool_release(&d->arrays);
	free(d->rows);
	free(d);
}

char **
csvio_take(struct csv_doc *d, size_t r)
{
	char **f = xcalloc(d->rows[r].n + 1, sizeof *f);

	for (size_t k = 0; k < d->rows[r].n; k++)
		f[k] = xstrdup(d->rows[r].f[k]);
	d->rows[r].f = NULL;
	d->rows[r].n = 0;
	return f;
}

int
csvio_expect(const struct csv_doc *d, const char *name, const char *const *cols, size_t ncols,
             char **cause)
{
	struct sb want = SB_INIT;
	int rc = 0;

	for (size_t i = 0; i < ncols; i++) {
		if (i)
			sb_addc(&want, ',');
		sb_adds(&want, cols[i]);
	}
	if (d->nrows == 0) {
		rc = fail(cause, "%s:1: empty file (expected the header %s)", name, want.buf);
		goto out;
	}
	if (d->rows[0].n != ncols)
		goto badheader;
	for (size_t i = 0; i < ncols; i++)
		if (strcmp(d->rows[0].f[i], cols[i]) != 0)
			goto badheader;
	for (size_t r = 1; r < d->nrows; r++)
		if (d->rows[r].n != ncols) {
			rc = fail(cause, "%s:%d: %zu fields, expected %zu", name, d->rows[r].line,
			          d->rows[r].n, ncols);
			goto out;
		}
	goto out;
badheader:
	rc = fail(cause, "%s:%d: bad header, expected %s", name, d->rows[0].line, want.buf);
out:
	sb_release(&want);
	return rc;
}

void
csvout_begin(struct csv_out *o, FILE *fp, int excel)
{
	o->fp = fp;
	o->excel = excel;
	o->col = 0;
	if (excel)
		fputs("\xEF\xBB\xBF", fp);
}

/* A row holds the stream from its first field to its end: one lock a row, not one a
 * field (a growth listing at national scale writes two million fields). */
void
csvout_field(struct csv_out *o, const char *s)
{
	if (!s)
		s = "";
	if (o->col++)
		putc_unlocked(',', o->fp);
	else
		flockfile(o->fp);
	if (strpbrk(s, ",\"\r\n"))
		csv_fwrite(o->fp, s, strlen(s));
	else
		fputs_unlocked(s, o->fp);
}

void
csvout_end_row(struct csv_out *o)
{
	if (!o->col)
		flockfile(o->fp); /* a row of no fields */
	fputs_unlocked(o->excel ? "\r\n" : "\n", o->fp);
	funlockfile(o->fp);
	o->col = 0;
}
