/*
 * Layout "grid": a table the reader found in the document's structure — an HTML <table>
 * or a table of a PDF found by the geometry of its words — delivered as rows of cells
 * with their spans (doc.h).  The header row names the columns; a header cell spanning
 * two columns (责任单位 over 牵头 and 配合) names both.  A table continued in the next
 * one (a PDF's next page, a page split in two) goes on while the widths agree.
 */
#include "ingest/layout.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* The keys of a row's cells; a cell covered from the left repeats the key beside it. */
static char **
row_keys(const struct dline *l)
{
	char **k = xcalloc(l->ncells + 1, sizeof *k);

	for (size_t c = 0; c < l->ncells; c++) {
		const struct dcell *cell = &l->cells[c];
		struct sb sb = SB_INIT;
		if (cell->span == DSPAN_LEFT && c > 0) {
			k[c] = xstrdup(k[c - 1]);
			continue;
		}
		for (size_t p = 0; p < cell->nparts; p++)
			sb_adds(&sb, cell->parts[p].text);
		k[c] = text_key(sb.buf ? sb.buf : "");
		sb_release(&sb);
	}
	return k;
}

static void
free_keys(char **k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i]);
	free(k);
}

/* A header row without a number column still names a table of items when it has both a
 * name and a task column (项目名称 | 建设内容 | 责任单位). */
static int
header_of(const struct dline *l, struct thead *h, char **problem)
{
	char **k = row_keys(l);
	int ok = thead_set(h, k, l->ncells, problem);

	if (!ok && h->has[R_NAME] && h->has[R_TASK]) {
		free(*problem);
		*problem = NULL;
		free(h->key);
		h->key = NULL;
		{
			struct sb key = SB_INIT;
			for (size_t c = 0; c < l->ncells; c++)
				sb_adds(&key, k[c]);
			h->key = sb_detach(&key);
		}
		ok = 1;
	}
	free_keys(k, l->ncells);
	return ok;
}

struct plan {
	struct thead h;
	size_t at;              /* the header's doc line */
	size_t *rows;           /* doc lines of the body rows */
	size_t n;
	int table;
};

/* The first table with a header, and its rows (and those of the tables continuing it). */
static int
plan_make(const struct doc *d, struct plan *p, struct fit *f)
{
	size_t cap = 0;

	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		char *problem = NULL;
		if (!l->table || l->ncells < 2)
			continue;
		if (!header_of(l, &p->h, &problem)) {
			if (problem && f)
				fit_problem(f, l->no, 80, "%s", problem);
			free(problem);
			continue;
		}
		p->at = i;
		p->table = l->table;
		for (size_t j = i + 1; j < d->nlines; j++) {
			const struct dline *r = &d->lines[j];
			if (!r->table) {
				/* Text between two parts of a table: a page's chrome or a heading
				 * may stand there; the end of the list may too. */
				if (is_table_end(r->key))
					break;
				continue;
			}
			if (r->table != p->table) {
				if (r->ncells != p->h.ncols)
					break;
				p->table = r->table;
			}
			xgrow(&p->rows, &cap, p->n + 1, sizeof *p->rows);
			p->rows[p->n++] = j;
		}
		return 1;
	}
	return 0;
}

static void
plan_release(struct plan *p)
{
	thead_release(&p->h);
	free(p->rows);
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct plan p;

	if (plan_make(d, &p, f)) {
		f->score = p.n ? 95 : 40;
		f->start = p.at;
		fit_why(f, "a table of %zu columns read from the %s, header at line %d, %zu rows",
		        p.h.ncols, d->kind == DOC_PDF ? "PDF's geometry" : "page's markup",
		        d->lines[p.at].no, p.n);
	}
	plan_release(&p);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct plan p;
	struct trow *rows;
	int rc;

	(void)f;
	plan_make(d, &p, NULL);
	rows = xcalloc(p.n + 1, sizeof *rows);
	for (size_t i = 0; i < p.n; i++) {
		const struct dline *l = &d->lines[p.rows[i]];
		rows[i].cells = l->cells;
		rows[i].ncells = l->ncells;
		rows[i].line = l->no;
	}
	rc = table_items(b, &p.h, rows, p.n, 0, cause);
	free(rows);
	plan_release(&p);
	return rc;
}

const struct layout layout_grid = {
	"grid", "a table read from an HTML page's markup or a PDF's geometry", detect, parse,
};
