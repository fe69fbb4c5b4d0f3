/*
 * Layout "cells": a table one cell per line, each line starting with a tab, a cell
 * continuing on lines without a tab (cq-2025, yubei-2025).
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

	if (thead_find_text(d, &h, &shape) && shape == 'c') {
		f->score = 90;
		f->start = h.at;
		fit_why(f, "a header of %zu tab-started cells, one a line, at line %d", h.ncols,
		        d->lines[h.at].no);
	}
	thead_release(&h);
}

struct cell {
	struct piece p;
	char *key;
	int line;
};

static struct cell *
new_cell(struct cell **cells, size_t *n, size_t *cap, int line)
{
	xgrow(cells, cap, *n + 1, sizeof **cells);
	memset(&(*cells)[*n], 0, sizeof **cells);
	(*cells)[*n].line = line;
	return &(*cells)[(*n)++];
}

/* The cells of the body: a tab starts one, a line without a tab continues the current
 * one, a tab alone is an empty cell and a blank line is nothing. */
static size_t
read_cells(const struct doc *d, const struct thead *h, struct cell **out)
{
	struct cell *cells = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = h->body; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		const char *p = l->text;

		if (!*l->key) {
			for (const char *t = l->text; (t = strchr(t, '\t')); t++)
				new_cell(&cells, &n, &cap, l->no);
			continue;
		}
		if (is_page_number(l->key) || strcmp(l->key, h->key) == 0)
			continue;
		if (is_table_end(l->key) && l->text[0] != '\t')
			break;
		if (p[0] != '\t') {
			if (n)
				piece_adds(&cells[n - 1].p, l->text, l->no);
			continue;
		}
		while (*p == '\t') {
			const char *e;
			struct cell *c;
			p++;
			e = strchr(p, '\t');
			c = new_cell(&cells, &n, &cap, l->no);
			piece_add(&c->p, p, e ? (size_t)(e - p) : strlen(p), l->no);
			if (!e)
				break;
			p = e;
		}
	}
	for (size_t i = 0; i < n; i++) {
		char *t = piece_finish(&cells[i].p, NULL);
		cells[i].key = text_key(t);
		free(t);
	}
	*out = cells;
	return n;
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct thead h = { 0 };
	struct cell *cells = NULL;
	size_t ncells, i, filled = 0;
	struct row r = { 0 };
	int have = 0, rc = -1;
	char shape;

	(void)f;
	thead_find_text(d, &h, &shape);
	ncells = read_cells(d, &h, &cells);
	/* Rows: an item number starts one once the previous row has all its cells. */
	for (i = 0; i < ncells; i++) {
		struct cell *c = &cells[i];
		long v = seq_value(c->key);
		int complete = !have || filled >= h.ncols - 1;
		char *sec;

		if (strcmp(c->key, "序号") == 0 && complete) {
			/* A header repeated on a new page. */
			i += h.ncols - 1;
			continue;
		}
		if (complete && (sec = section_heading(c->key))) {
			if (have) {
				if (build_row(b, &r, h.cols, h.ncols, cause) < 0) {
					free(sec);
					goto out;
				}
				row_release(&r);
				have = 0;
			}
			build_section(b, sec);
			free(sec);
			b->last_seq = 0;
			continue;
		}
		if (build_is_next(b, v) && complete) {
			if (have) {
				if (build_row(b, &r, h.cols, h.ncols, cause) < 0)
					goto out;
				row_release(&r);
			}
			have = 1;
			filled = 0;
			r.line = c->line;
			r.seq = v;
			r.seqtext = xasprintf("%ld", v);
			b->last_seq = v;
			continue;
		}
		if (!have)
			continue;
		if (filled + 1 < h.ncols) {
			piece_append(&r.cell[filled + 1], &c->p);
			filled++;
		} else if (*c->key) {
			build_warn(b, c->line, "extra cell after the last column: ", c->key);
		}
	}
	if (have) {
		if (filled + 1 < h.ncols)
			build_warn(b, r.line, "row has fewer cells than the header", NULL);
		if (build_row(b, &r, h.cols, h.ncols, cause) < 0)
			goto out;
	}
	rc = 0;
out:
	row_release(&r);
	for (i = 0; i < ncells; i++) {
		piece_release(&cells[i].p);
		free(cells[i].key);
	}
	free(cells);
	thead_release(&h);
	return rc;
}

const struct layout layout_cells = {
	"cells", "a table, one cell a line, each line starting with a tab", detect, parse,
};
