/*
 * Layout "stacked": a table flattened to one cell a line — cells separated by blank lines
 * (a cell continued on the next line stays one cell), or each line a cell ending with
 * `|` and rows set apart by lines of bars, or plainly one line a cell.  The header is a
 * run of cells naming columns, starting at 序号; rows start at their numbers.
 *
 * Real pages lose cells on the way: a column merged over several rows (类别) is printed
 * in its first row only, and a header cell broken over two lines (牵头 / 市领导) counts
 * twice.  So the width of the table is the one most rows have; a header with more cells
 * has its unnamed fragments joined, and a row with fewer cells lacks its leftmost ones.
 */
#include "ingest/layout.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

struct scell {
	struct dcell c;         /* parts with lines */
	char *key;
	int line;
	int sep;                /* a row separator (a line of bars) */
};

struct stack {
	struct scell *v;
	size_t n, cap;
	int mode;               /* 'b' blank-separated, 'p' bar-terminated, 'l' a line each */
};

static void
stack_release(struct stack *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t p = 0; p < s->v[i].c.nparts; p++)
			free(s->v[i].c.parts[p].text);
		free(s->v[i].c.parts);
		free(s->v[i].key);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int
only_bars(const char *key)
{
	if (!*key)
		return 0;
	for (; *key; key++)
		if (*key != '|')
			return 0;
	return 1;
}

static struct scell *
push(struct stack *s, int line)
{
	struct scell *c;

	xgrow(&s->v, &s->cap, s->n + 1, sizeof *s->v);
	c = &s->v[s->n++];
	memset(c, 0, sizeof *c);
	c->line = line;
	c->key = xstrdup("");
	return c;
}

static void
finish(struct scell *c)
{
	struct sb sb = SB_INIT;

	for (size_t p = 0; p < c->c.nparts; p++)
		sb_adds(&sb, c->c.parts[p].text);
	free(c->key);
	c->key = text_key(sb.buf ? sb.buf : "");
	sb_release(&sb);
}

/* Which way cells are set apart in the doc's text lines. */
static int
cell_mode(const struct doc *d)
{
	size_t bars = 0, blank = 0, text = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		if (l->table)
			continue;
		if (!*l->key)
			blank++;
		else {
			text++;
			bars += ends_with(l->key, "|");
		}
	}
	if (text && bars * 3 >= text)
		return 'p';
	return blank * 2 >= text ? 'b' : 'l';
}

static void
read_cells(const struct doc *d, struct stack *s)
{
	int open = 0;

	s->mode = cell_mode(d);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		struct scell *c;
		char *t;
		size_t n;

		if (l->table)
			continue;
		if (!*l->key) {
			open = 0;
			continue;
		}
		/* A lone bar is an empty cell; a line of bars sets rows apart. */
		if (s->mode == 'p' && only_bars(l->key) && strlen(l->key) > 1) {
			push(s, l->no)->sep = 1;
			open = 0;
			continue;
		}
		t = xstrdup(l->text);
		n = strlen(t);
		while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			n--;
		if (s->mode == 'p' && n && t[n - 1] == '|')
			n--;
		t[n] = '\0';
		if (s->mode == 'b' && open) {
			c = &s->v[s->n - 1];
		} else {
			c = push(s, l->no);
		}
		doc_cell_part(&c->c, t, l->no);
		finish(c);
		free(t);
		open = s->mode == 'b';
	}
}

/* The header: from a 序号 cell, the cells before the first row number, when they name
 * a number column and a name or task column.  Returns its first cell or (size_t)-1. */
static size_t
find_header(const struct stack *s, struct thead *h, size_t *body, char **problem)
{
	*problem = NULL;
	for (size_t i = 0; i < s->n; i++) {
		size_t j, named = 0;
		char **cells;
		int ok;

		/* 序号, 編號, No.: a cheap look at the first character before role_of. */
		const char *k = s->v[i].key;
		if (s->v[i].sep || !(starts_with(k, "序") || starts_with(k, "编") ||
		                     starts_with(k, "編") || starts_with(k, "No") ||
		                     starts_with(k, "NO")) || role_of(k) != R_SEQ)
			continue;
		for (j = i + 1; j < s->n && j < i + ROW_MAX_COLS; j++) {
			if (s->v[j].sep)
				continue;
			if (seq_value(s->v[j].key) > 0)
				break;
			named += role_of(s->v[j].key) != R_NONE;
		}
		if (named < 1 || j >= s->n)
			continue;
		cells = xcalloc(j - i, sizeof *cells);
		{
			size_t n = 0;
			for (size_t k = i; k < j; k++)
				if (!s->v[k].sep)
					cells[n++] = s->v[k].key;
			/* An empty cell closing the header (a lone bar) is no column. */
			while (n > 1 && !*cells[n - 1])
				n--;
			ok = thead_set(h, cells, n, *problem ? NULL : problem);
		}
		free(cells);
		if (ok) {
			free(*problem);
			*problem = NULL;
			*body = j;
			return i;
		}
	}
	return (size_t)-1;
}

/* Rows from cell BODY on: each starts at the next item number (or after a separator,
 * with bars); ROWS[k] lists its cells' indexes, the number first. */
struct srow {
	size_t *cell;
	size_t n;
};

static size_t
cut_rows(const struct stack *s, size_t body, size_t width, struct srow **out)
{
	struct srow *rows = NULL;
	size_t n = 0, cap = 0;
	long last = 0;

	for (size_t i = body; i < s->n; i++) {
		const struct scell *c = &s->v[i];
		long v = seq_value(c->key);
		struct srow *r;
		int start;

		if (c->sep)
			continue;
		if (is_table_end(c->key) || is_chrome(c->key))
			break;
		/* A number starts a row when it counts on (or the table starts mid-way) and
		 * the row before has at least half its cells, so a count in a cell ("5") is
		 * not taken for the next item. */
		start = v > 0 && (n == 0 || v == last + 1) &&
		        (n == 0 || rows[n - 1].n * 2 >= width || (i > 0 && s->v[i - 1].sep));
		if (!start && n == 0)
			continue;
		if (start) {
			xgrow(&rows, &cap, n + 1, sizeof *rows);
			rows[n].cell = NULL;
			rows[n].n = 0;
			n++;
			last = v;
		}
		r = &rows[n - 1];
		r->cell = xrealloc(r->cell, (r->n + 1) * sizeof *r->cell);
		r->cell[r->n++] = i;
	}
	*out = rows;
	return n;
}

static void
free_rows(struct srow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].cell);
	free(rows);
}

/* The cells most rows have (the number included). */
static size_t
usual_width(const struct srow *rows, size_t n)
{
	size_t count[ROW_MAX_COLS + 1] = { 0 }, best = 0;

	for (size_t i = 0; i < n; i++)
		if (rows[i].n <= ROW_MAX_COLS)
			count[rows[i].n]++;
	for (size_t w = 1; w <= ROW_MAX_COLS; w++)
		if (count[w] > count[best] || (count[w] == count[best] && w > best))
			best = w;
	return best;
}

/* Join unnamed header fragments into their neighbours until the header is WIDTH wide:
 * 牵头 + 市领导 → 牵头市领导. */
static void
fit_header(struct thead *h, char **keys, size_t *n, size_t width)
{
	while (*n > width) {
		size_t k;
		for (k = 0; k + 1 < *n; k++)
			if (role_of(keys[k]) == R_NONE || role_of(keys[k + 1]) == R_NONE)
				break;
		if (k + 1 >= *n)
			break;
		{
			char *j = xasprintf("%s%s", keys[k], keys[k + 1]);
			free(keys[k]);
			free(keys[k + 1]);
			keys[k] = j;
			memmove(keys + k + 1, keys + k + 2, (*n - k - 2) * sizeof *keys);
			(*n)--;
		}
	}
	thead_set(h, keys, *n, NULL);
}

struct plan {
	struct stack s;
	struct thead h;
	size_t at, body;
	struct srow *rows;
	size_t nrows, width;
	char *problem;
};

static int
plan_make(const struct doc *d, struct plan *p)
{
	memset(p, 0, sizeof *p);
	read_cells(d, &p->s);
	p->at = find_header(&p->s, &p->h, &p->body, &p->problem);
	if (p->at == (size_t)-1)
		return 0;
	p->nrows = cut_rows(&p->s, p->body, p->h.ncols, &p->rows);
	p->width = usual_width(p->rows, p->nrows);
	if (p->width >= 2 && p->width < p->h.ncols) {
		char **keys = xcalloc(p->h.ncols, sizeof *keys);
		size_t n = 0;
		for (size_t k = p->at; k < p->body && n < p->h.ncols; k++)
			if (!p->s.v[k].sep)
				keys[n++] = xstrdup(p->s.v[k].key);
		fit_header(&p->h, keys, &n, p->width);
		for (size_t k = 0; k < n; k++)
			free(keys[k]);
		free(keys);
	}
	return p->nrows > 0;
}

static void
plan_release(struct plan *p)
{
	stack_release(&p->s);
	thead_release(&p->h);
	free_rows(p->rows, p->nrows);
	free(p->problem);
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct plan p;

	if (!plan_make(d, &p)) {
		if (p.problem)
			fit_problem(f, p.s.v[p.at == (size_t)-1 ? 0 : p.at].line, 50, "%s", p.problem);
		plan_release(&p);
		return;
	}
	f->score = p.nrows >= 2 ? 82 : 60;
	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i].no == p.s.v[p.at].line) {
			f->start = i;
			break;
		}
	fit_why(f, "a header of %zu cells one a line (%s) at line %d, %zu numbered rows",
	        p.h.ncols, p.s.mode == 'b' ? "blank lines between" : p.s.mode == 'p' ?
	        "each ending with '|'" : "one line each", p.s.v[p.at].line, p.nrows);
	plan_release(&p);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct plan p;
	struct trow *rows;
	int rc;

	(void)f;
	plan_make(d, &p);
	rows = xcalloc(p.nrows + 1, sizeof *rows);
	for (size_t i = 0; i < p.nrows; i++) {
		const struct srow *sr = &p.rows[i];
		size_t width = p.h.ncols;
		/* A row short of the header lacks its leftmost cells. */
		size_t missing = sr->n < width ? width - sr->n : 0;
		rows[i].ncells = width > sr->n ? width : sr->n;
		rows[i].cells = xcalloc(rows[i].ncells, sizeof *rows[i].cells);
		rows[i].line = p.s.v[sr->cell[0]].line;
		/* The number, then the missing leftmost columns, then the cells printed. */
		rows[i].cells[0] = p.s.v[sr->cell[0]].c;
		for (size_t k = 1; k <= missing && k < rows[i].ncells; k++)
			rows[i].cells[k].span = DSPAN_ABOVE;
		for (size_t k = 1; k < sr->n && k + missing < rows[i].ncells; k++)
			rows[i].cells[k + missing] = p.s.v[sr->cell[k]].c;
	}
	rc = table_items(b, &p.h, rows, p.nrows, 0, cause);
	for (size_t i = 0; i < p.nrows; i++)
		free(rows[i].cells);    /* the parts belong to the stack */
	free(rows);
	plan_release(&p);
	return rc;
}

const struct layout layout_stacked = {
	"stacked", "a table one cell a line (blank lines between cells, or each ending with '|')",
	detect, parse,
};
