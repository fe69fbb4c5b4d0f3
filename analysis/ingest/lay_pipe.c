/*
 * Layout "pipe": a table one row a line, cells separated by `|` (a table copied out of a
 * page as Markdown or by a relay: `序号 | 实事项目名称 | 完成情况 |`).  Rows without a
 * number continue the item above; relays often drop their empty number cell, so such a
 * row shifted one cell left is read shifted back.
 */
#include "ingest/layout.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* Cells of a line split at `|`; a final empty cell after a closing `|` is dropped. */
static size_t
split_pipes(const char *text, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *p = text;

	for (;;) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = xstrndup(p, len);
		if (!e)
			break;
		p = e + 1;
	}
	/* "a | b |" ends with an empty cell that is only the closing bar. */
	if (n > 1) {
		char *k = text_key(v[n - 1]);
		if (!*k) {
			free(v[n - 1]);
			n--;
		}
		free(k);
	}
	*out = v;
	return n;
}

static size_t
count_pipes(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '|';
	return n;
}

static void
free_cells(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The header: a line with two bars or more whose cells name a number column and a
 * name or task column.  Returns the doc line or (size_t)-1; PROBLEM as thead_set. */
static size_t
find_header(const struct doc *d, struct thead *h, char **problem, size_t *pline)
{
	*problem = NULL;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		char **cells, *why = NULL;
		size_t n;
		int ok;

		if (l->table || count_pipes(l->text) < 2)
			continue;
		n = split_pipes(l->text, &cells);
		for (size_t c = 0; c < n; c++) {
			char *k = text_key(cells[c]);
			free(cells[c]);
			cells[c] = k;
		}
		ok = thead_set(h, cells, n, &why);
		free_cells(cells, n);
		if (ok) {
			free(*problem);
			*problem = NULL;
			return i;
		}
		if (why && !*problem) {
			*problem = why;
			*pline = i;
		} else
			free(why);
	}
	return (size_t)-1;
}

/* The table's rows below the header: lines with bars, until a line without any. */
static size_t
rows_from(const struct doc *d, size_t from, struct trow **out)
{
	struct trow *rows = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = from; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		char **cells;
		size_t nc;

		if (!*l->key)
			continue;
		if (l->table || count_pipes(l->text) < 1)
			break;
		nc = split_pipes(l->text, &cells);
		xgrow(&rows, &cap, n + 1, sizeof *rows);
		rows[n].cells = xcalloc(nc, sizeof *rows[n].cells);
		rows[n].ncells = nc;
		rows[n].line = l->no;
		for (size_t c = 0; c < nc; c++) {
			char *t = text_clean(cells[c]);
			if (*t)
				doc_cell_part(&rows[n].cells[c], t, l->no);
			free(t);
		}
		free_cells(cells, nc);
		n++;
	}
	*out = rows;
	return n;
}

static void
rows_free(struct trow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < rows[i].ncells; c++) {
			for (size_t p = 0; p < rows[i].cells[c].nparts; p++)
				free(rows[i].cells[c].parts[p].text);
			free(rows[i].cells[c].parts);
		}
		free(rows[i].cells);
	}
	free(rows);
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct thead h = { 0 };
	char *problem;
	size_t pline = 0, at = find_header(d, &h, &problem, &pline), numbered = 0;

	if (at == (size_t)-1) {
		if (problem)
			fit_problem(f, d->lines[pline].no, 60, "%s", problem);
		free(problem);
		thead_release(&h);
		return;
	}
	{
		struct trow *rows;
		size_t n = rows_from(d, at + 1, &rows);
		for (size_t i = 0; i < n; i++)
			if (rows[i].ncells && rows[i].cells[0].nparts &&
			    seq_value(rows[i].cells[0].parts[0].text) > 0)
				numbered++;
		rows_free(rows, n);
	}
	if (numbered == 0) {
		fit_problem(f, d->lines[at].no, 70, "a table header with bars, but no numbered rows "
		            "below it");
	} else {
		f->score = 85;
		f->start = at;
		fit_why(f, "a header of %zu cells separated by '|' at line %d, %zu numbered rows",
		        h.ncols, d->lines[at].no, numbered);
	}
	thead_release(&h);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct thead h = { 0 };
	struct trow *rows;
	char *problem;
	size_t pline, at = find_header(d, &h, &problem, &pline), n;
	int rc;

	(void)f;
	free(problem);
	n = rows_from(d, at + 1, &rows);
	rc = table_items(b, &h, rows, n, 1, cause);
	rows_free(rows, n);
	thead_release(&h);
	return rc;
}

const struct layout layout_pipe = {
	"pipe", "a table, one row a line, cells separated by '|'", detect, parse,
};
