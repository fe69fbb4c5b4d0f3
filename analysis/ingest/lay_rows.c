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

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct thead h = { 0 };
	struct row r = { 0 };
	char shape;
	int have = 0;

	(void)f;
	thead_find_text(d, &h, &shape);
	for (size_t i = h.body; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		char *sec;
		size_t c = 0;
		const char *p, *tab;

		if (!*l->key || is_page_number(l->key) || strcmp(l->key, h.key) == 0)
			continue;
		if (is_table_end(l->key))
			break;
		if (!strchr(l->text, '\t')) {
			if ((sec = section_heading(l->text))) {
				if (have && build_row(b, &r, h.cols, h.ncols, cause) < 0)
					goto err;
				if (have)
					row_release(&r);
				have = 0;
				build_section(b, sec);
				b->last_seq = 0;
				free(sec);
				continue;
			}
			/* A line without tabs continues the last non-empty cell. */
			if (have) {
				for (c = h.ncols; c-- > 1;)
					if (r.cell[c].text.len)
						break;
				piece_adds(&r.cell[c], l->text, l->no);
			}
			continue;
		}
		/* The first cell decides: an item number starts a row, empty continues one. */
		tab = strchr(l->text, '\t');
		{
			char *first = xstrndup(l->text, (size_t)(tab - l->text));
			char *fk = text_key(first);
			long v = seq_value(fk);
			free(first);
			if (*fk && build_is_next(b, v)) {
				if (have) {
					if (build_row(b, &r, h.cols, h.ncols, cause) < 0) {
						free(fk);
						goto err;
					}
					row_release(&r);
				}
				have = 1;
				r.line = l->no;
				r.seq = v;
				r.seqtext = xasprintf("%ld", v);
				b->last_seq = v;
			} else if (*fk && !have) {
				free(fk);
				continue;
			} else if (*fk) {
				/* Text in the 序号 column that is no item number: keep it with the name. */
				build_warn(b, l->no, "unexpected text in the item number column", NULL);
			}
			free(fk);
		}
		if (!have)
			continue;
		p = tab + 1;
		for (c = 1; c < h.ncols; c++) {
			const char *e = strchr(p, '\t');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			piece_add(&r.cell[c], p, n, l->no);
			if (!e)
				break;
			p = e + 1;
		}
	}
	if (have && build_row(b, &r, h.cols, h.ncols, cause) < 0)
		goto err;
	row_release(&r);
	thead_release(&h);
	return 0;
err:
	row_release(&r);
	thead_release(&h);
	return -1;
}

const struct layout layout_rows = {
	"rows", "a table, one row a line, cells separated by tabs", detect, parse,
};
