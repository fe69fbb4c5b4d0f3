/*
 * Layout "rows": one table row per line, cells separated by tabs; rows that continue
 * after a page break start with an empty 序号 cell (cq-2026).
 */
#include "ingest/layout.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static void
detect(const struct doc *d, struct fit *f)
{
	struct thead h = { 0 };
	char shape;

	if (thead_find_text(d, &h, &shape) && shape == 'r') {
		f->score = 90;
		f->start = h.at;
		fit_why(f, "a tab-separated header row with %zu columns at line %d", h.ncols,
		        d->lines[h.at].no);
	}
	thead_release(&h);
}

/* The row being read: R, when HAVE. */
struct pending {
	struct row r;
	int have;
	const struct thead *h;
};

/* The row read so far goes to the task set.  Returns 0 or -1 with *CAUSE. */
static int
flush(struct build *b, struct pending *pr, char **cause)
{
	int rc = 0;

	if (pr->have)
		rc = build_row(b, &pr->r, pr->h->cols, pr->h->ncols, cause);
	row_release(&pr->r);
	pr->have = 0;
	return rc;
}

/* A line without tabs: a section heading, or more of the last non-empty cell. */
static int
untabbed_line(struct build *b, struct pending *pr, const struct dline *l, char **cause)
{
	char *sec = section_heading(l->text);
	size_t c;

	if (sec) {
		int rc = flush(b, pr, cause);
		if (rc == 0) {
			build_section(b, sec);
			b->last_seq = 0;
		}
		free(sec);
		return rc;
	}
	if (pr->have) {
		for (c = pr->h->ncols; c-- > 1;)
			if (pr->r.cell[c].text.len)
				break;
		piece_adds(&pr->r.cell[c], l->text, l->no);
	}
	return 0;
}

/* The first cell (up to TAB) decides: an item number starts a row, empty continues one.
 * Returns 0, or -1 with *CAUSE. */
static int
first_cell(struct build *b, struct pending *pr, const struct dline *l, const char *tab,
           char **cause)
{
	char *first = xstrndup(l->text, (size_t)(tab - l->text)), *fk = text_key(first);
	long v = seq_value(fk);
	int rc = 0;

	free(first);
	if (*fk && build_is_next(b, v)) {
		if ((rc = flush(b, pr, cause)) == 0) {
			pr->have = 1;
			pr->r.line = l->no;
			pr->r.seq = v;
			pr->r.seqtext = xasprintf("%ld", v);
			b->last_seq = v;
		}
	} else if (*fk && pr->have) {
		/* Text in the 序号 column that is no item number: keep it with the name. */
		build_warn(b, l->no, "unexpected text in the item number column", NULL);
	}
	free(fk);
	return rc;
}

/* The cells after the first, into the row's cells. */
static void
add_cells(struct pending *pr, const struct dline *l, const char *tab)
{
	const char *p = tab + 1;

	for (size_t c = 1; c < pr->h->ncols; c++) {
		const char *e = strchr(p, '\t');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		piece_add(&pr->r.cell[c], p, n, l->no);
		if (!e)
			break;
		p = e + 1;
	}
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct thead h = { 0 };
	struct pending pr = { .h = &h };
	char shape;
	int rc = 0;

	(void)f;
	thead_find_text(d, &h, &shape);
	for (size_t i = h.body; i < d->nlines && rc == 0; i++) {
		const struct dline *l = &d->lines[i];
		const char *tab = strchr(l->text, '\t');

		if (!*l->key || is_page_number(l->key) || strcmp(l->key, h.key) == 0)
			continue;
		if (is_table_end(l->key))
			break;
		if (!tab)
			rc = untabbed_line(b, &pr, l, cause);
		else if ((rc = first_cell(b, &pr, l, tab, cause)) == 0 && pr.have)
			add_cells(&pr, l, tab);
	}
	if (rc == 0)
		rc = flush(b, &pr, cause);
	row_release(&pr.r);
	thead_release(&h);
	return rc;
}

const struct layout layout_rows = {
	"rows", "a table, one row a line, cells separated by tabs", detect, parse,
};
