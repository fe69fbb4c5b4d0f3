/* table: headers found by their words, and rows of cells turned into items (layout.h). */
#include "ingest/layout.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

void
fit_why(struct fit *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->why, sizeof f->why, fmt, ap);
	va_end(ap);
}

void
fit_problem(struct fit *f, int line, int near, const char *fmt, ...)
{
	va_list ap;

	if (near <= f->near)
		return;
	va_start(ap, fmt);
	vsnprintf(f->problem, sizeof f->problem, fmt, ap);
	va_end(ap);
	f->problem_line = line;
	f->near = near;
}

/* ---- headers ---- */

void
thead_release(struct thead *h)
{
	free(h->key);
	h->key = NULL;
}

int
thead_set(struct thead *h, char **cells, size_t n, char **problem)
{
	struct sb key = SB_INIT, found = SB_INIT, named = SB_INIT;
	int known = 0;

	if (problem)
		*problem = NULL;
	memset(h->has, 0, sizeof h->has);
	if (n > ROW_MAX_COLS)
		return 0;
	for (size_t i = 0; i < n; i++) {
		h->cols[i] = role_of(cells[i]);
		h->has[h->cols[i]]++;
		known += h->cols[i] != R_NONE;
		sb_adds(&key, cells[i]);
	}
	h->ncols = n;
	if (h->has[R_SEQ] && (h->has[R_NAME] || h->has[R_TASK]) && known >= 2) {
		free(h->key);
		h->key = sb_detach(&key);
		return 1;
	}
	sb_release(&key);
	/* Say what almost made a header: a number column and something else named. */
	if (problem && known >= 2 && (h->has[R_SEQ] || (h->has[R_NAME] && h->has[R_UNITS]))) {
		for (size_t i = 0; i < n; i++) {
			struct sb *to = h->cols[i] == R_SEQ || h->cols[i] == R_NAME ? &named : &found;
			if (!*cells[i])
				continue;
			if (to->len)
				sb_adds(to, to == &named ? " and " : ", ");
			sb_adds(to, cells[i]);
		}
		*problem = xasprintf("table header has %s but no %s column (found %s)",
		                     named.len ? named.buf : "no number",
		                     h->has[R_SEQ] ? "name or task" : "number",
		                     found.len ? found.buf : "nothing else");
	}
	sb_release(&named);
	sb_release(&found);
	return 0;
}

size_t
thead_split(const char *text, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *seps = strchr(text, '\t') ? "\t" : " \t";
	char *copy = xstrdup(text), *save = NULL, *tok;
	char *carry = NULL;

	for (tok = strtok_r(copy, seps, &save); tok; tok = strtok_r(NULL, seps, &save)) {
		char *k = text_key(tok);
		if (!*k) {
			free(k);
			continue;
		}
		if (carry) {
			char *j = xasprintf("%s%s", carry, k);
			free(carry);
			free(k);
			k = j;
			carry = NULL;
		}
		if (seq_value(k) >= 0 || (strlen(k) == 4 && seq_value(k + 1) >= 0)) {
			carry = k;
			continue;
		}
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = k;
	}
	if (carry) {
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = carry;
	}
	free(copy);
	*out = v;
	return n;
}

/* ---- rows to items ---- */

/* The text of a cell, cleaned, for deciding what the row is. */
static char *
cell_key(const struct dcell *c)
{
	struct sb sb = SB_INIT;
	char *k;

	for (size_t i = 0; i < c->nparts; i++)
		sb_adds(&sb, c->parts[i].text);
	k = text_key(sb.buf ? sb.buf : "");
	sb_release(&sb);
	return k;
}

/* An item number in a number cell: 1, 01, 1., 一, （一）; -1 when none. */
static long
cell_number(const char *key)
{
	struct num n;
	long v = seq_value(key);

	if (v >= 0)
		return v;
	if (num_parse(key, &n) && n.alone)
		return n.value;
	if ((v = num_han(key, strlen(key))) > 0)
		return v;
	return -1;
}

/* Rows that close a table: 合计, 总计. */
static int
is_total(const char *key)
{
	return starts_with(key, "合计") || starts_with(key, "总计") || starts_with(key, "小计") ||
	       starts_with(key, "合 计");
}

struct tstate {
	struct build *b;
	const struct thead *h;
	enum role cols[ROW_MAX_COLS];
	size_t seqcol, namecol;
	struct row r;
	int have;
	size_t nrow;
};

static int
flush(struct tstate *t, char **cause)
{
	int rc = 0;

	if (t->have)
		rc = build_row(t->b, &t->r, t->cols, t->h->ncols, cause);
	row_release(&t->r);
	t->have = 0;
	return rc;
}

/* A row that is a heading across the table (一、实事项目, or one cell spanning all). */
static char *
row_section(const struct trow *row, char **keys)
{
	size_t filled = 0, at = 0, spanned = 0;
	struct num n;
	char *sec;

	for (size_t c = 0; c < row->ncells; c++) {
		if (*keys[c]) {
			filled++;
			at = c;
		}
		spanned += row->cells[c].span == DSPAN_LEFT;
	}
	if (filled != 1 || row->ncells < 2)
		return NULL;
	if ((sec = section_heading(keys[at]))) {
		char *s = section_name(sec);
		free(sec);
		return s;
	}
	if (num_parse(keys[at], &n) && (n.style == NUM_PHAN || n.style == NUM_HAN) && !n.alone)
		return section_name(keys[at] + n.len);
	/* A cell spanning the whole row, or the only text in the first columns, that reads
	 * as a heading rather than as text continuing an item. */
	if (spanned + 1 >= row->ncells && at == 0 && text_width(keys[at]) <= 40 &&
	    !has_sentence_marks(keys[at]))
		return section_name(keys[at]);
	return NULL;
}

int
table_items(struct build *b, const struct thead *h, const struct trow *rows, size_t n,
            int shift_cont, char **cause)
{
	struct tstate t = { 0 };
	int rc = 0;

	t.b = b;
	t.h = h;
	t.seqcol = t.namecol = (size_t)-1;
	memcpy(t.cols, h->cols, sizeof t.cols);
	for (size_t c = 0; c < h->ncols; c++) {
		if (h->cols[c] == R_SEQ && t.seqcol == (size_t)-1)
			t.seqcol = c;
		if (h->cols[c] == R_NAME && t.namecol == (size_t)-1)
			t.namecol = c;
	}
	/* A table with a name column but no task column holds one phrase an item: the task
	 * (docs/design.md: an item printed as one phrase only is its task). */
	if (!h->has[R_TASK] && t.namecol != (size_t)-1)
		t.cols[t.namecol] = R_TASK;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct trow *row = &rows[i];
		char **keys = xcalloc(row->ncells + 1, sizeof *keys);
		struct sb joined = SB_INIT;
		long v = -1;
		size_t off = 0;
		char *sec;

		for (size_t c = 0; c < row->ncells; c++) {
			keys[c] = cell_key(&row->cells[c]);
			sb_adds(&joined, keys[c]);
		}
		if (!joined.len || (h->key && strcmp(joined.buf, h->key) == 0) ||
		    is_page_number(joined.buf))
			goto next;
		if (t.seqcol < row->ncells && is_total(keys[t.seqcol]))
			goto next;
		if ((sec = row_section(row, keys))) {
			if ((rc = flush(&t, cause)) == 0) {
				build_section(b, sec);
				b->last_seq = 0;
			}
			free(sec);
			goto next;
		}
		if (t.seqcol < row->ncells && row->cells[t.seqcol].span == DSPAN_NONE)
			v = cell_number(keys[t.seqcol]);
		if (t.seqcol == (size_t)-1 && t.namecol < row->ncells &&
		    row->cells[t.namecol].span == DSPAN_NONE && *keys[t.namecol])
			v = b->last_seq + 1;    /* no number column: a named row is an item */
		if (v > 0 && (v > b->last_seq || v == 1)) {
			if ((rc = flush(&t, cause)) < 0)
				goto next;
			t.have = 1;
			t.r.line = row->line;
			t.r.seq = v;
			t.r.seqtext = xasprintf("%ld", v);
			b->last_seq = v;
		} else if (!t.have) {
			goto next;
		} else if (shift_cont && t.seqcol == 0 && row->ncells >= 2 && *keys[0] &&
		           !*keys[row->ncells - 1] && v < 0) {
			off = 1;        /* the number cell is missing, not empty */
		}
		for (size_t c = 0; c + off < h->ncols && c < row->ncells; c++) {
			size_t col = c + off;
			if (col == t.seqcol || row->cells[c].span != DSPAN_NONE)
				continue;
			piece_add_cell(&t.r.cell[col], &row->cells[c]);
		}
	next:
		for (size_t c = 0; c < row->ncells; c++)
			free(keys[c]);
		free(keys);
		sb_release(&joined);
	}
	if (rc == 0)
		rc = flush(&t, cause);
	row_release(&t.r);
	return rc;
}

/*
 * The header of the three text layouts of the bundled notices: a line starting with
 * 序号 (or 编号) holding the whole header, tab-separated ('r') or spaced as a PDF
 * converter lays it out ('p'), or 序号 alone on a tab-started line with the other header
 * cells on the next tab-started lines ('c').  They need a number column first and both a
 * name and a task column.
 */
int
thead_find_text(const struct doc *d, struct thead *h, char *shape)
{
	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		char **cells = NULL;
		size_t n = 0, body = i + 1;
		char sh = 0;
		int ok;

		if (l->table || (!starts_with(l->key, "序号") && !starts_with(l->key, "编号")))
			continue;
		if (strcmp(l->key, "序号") == 0 || strcmp(l->key, "编号") == 0) {
			size_t j;
			for (j = i; j < d->nlines && d->lines[j].text[0] == '\t' && *d->lines[j].key;
			     j++) {
				cells = xrealloc(cells, (n + 1) * sizeof *cells);
				cells[n++] = xstrdup(d->lines[j].key);
			}
			body = j;
			sh = 'c';
		} else {
			n = thead_split(l->text, &cells);
			sh = strchr(l->text, '\t') ? 'r' : 'p';
		}
		ok = n >= 3 && thead_set(h, cells, n, NULL) && h->cols[0] == R_SEQ &&
		     h->has[R_NAME] && h->has[R_TASK];
		for (size_t k = 0; k < n; k++)
			free(cells[k]);
		free(cells);
		if (ok) {
			h->at = i;
			h->body = body;
			*shape = sh;
			return 1;
		}
	}
	return 0;
}
