/* doc: see doc.h.  The model's helpers, the sniffer and the text reader. */
#include "ingest/doc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "base/util.h"

void
doc_init(struct doc *d, const char *name, enum doc_kind kind)
{
	memset(d, 0, sizeof *d);
	d->name = name;
	d->kind = kind;
	d->encoding = "UTF-8";
}

static void
cell_release(struct dcell *c)
{
	for (size_t i = 0; i < c->nparts; i++)
		free(c->parts[i].text);
	free(c->parts);
}

void
doc_release(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nlines; i++) {
		struct dline *l = &d->lines[i];
		free(l->text);
		free(l->key);
		for (size_t c = 0; c < l->ncells; c++)
			cell_release(&l->cells[c]);
		free(l->cells);
		for (size_t w = 0; w < l->nwords; w++)
			free(l->words[w].text);
		free(l->words);
	}
	free(d->lines);
	d->lines = NULL;
	d->nlines = d->cap = 0;
}

static struct dline *
new_line(struct doc *d, int no)
{
	struct dline *l;

	xgrow(&d->lines, &d->cap, d->nlines + 1, sizeof *d->lines);
	l = &d->lines[d->nlines++];
	memset(l, 0, sizeof *l);
	l->no = no;
	return l;
}

struct dline *
doc_add_line(struct doc *d, const char *text, int no)
{
	struct dline *l = new_line(d, no);

	l->text = xstrdup(text);
	l->key = text_key(text);
	return l;
}

struct dline *
doc_add_row(struct doc *d, int table, int no)
{
	struct dline *l = new_line(d, no);

	l->table = table;
	l->text = xstrdup("");
	l->key = xstrdup("");
	return l;
}

struct dcell *
doc_row_cell(struct dline *row, enum dspan span)
{
	struct dcell *c;

	row->cells = xrealloc(row->cells, (row->ncells + 1) * sizeof *row->cells);
	c = &row->cells[row->ncells++];
	memset(c, 0, sizeof *c);
	c->span = span;
	return c;
}

void
doc_cell_part(struct dcell *cell, const char *text, int line)
{
	cell->parts = xrealloc(cell->parts, (cell->nparts + 1) * sizeof *cell->parts);
	cell->parts[cell->nparts].text = xstrdup(text);
	cell->parts[cell->nparts].line = line;
	cell->nparts++;
}

void
doc_row_finish(struct dline *row)
{
	struct sb sb = SB_INIT;

	for (size_t c = 0; c < row->ncells; c++) {
		if (c)
			sb_addc(&sb, '\t');
		for (size_t p = 0; p < row->cells[c].nparts; p++) {
			/* Keep the line's text one line: breaks inside a part become spaces. */
			for (const char *s = row->cells[c].parts[p].text; *s; s++)
				sb_addc(&sb, *s == '\n' || *s == '\t' ? ' ' : *s);
			if (p + 1 < row->cells[c].nparts)
				sb_addc(&sb, ' ');
		}
	}
	free(row->text);
	row->text = sb_detach(&sb);
	doc_line_rekey(row);
}

void
doc_line_rekey(struct dline *l)
{
	free(l->key);
	l->key = text_key(l->text);
}

/* Does the buffer start (after a BOM and whitespace) with one of the markers? */
static int
starts_ci(const char *buf, size_t len, const char *what)
{
	size_t i = 0, n = strlen(what);

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	return len - i >= n && strncasecmp(buf + i, what, n) == 0;
}

/* An HTML tag name the page is made of, somewhere in its first 4 KiB. */
static int
has_html_tags(const char *buf, size_t len)
{
	static const char *const tags[] = { "<html", "<body", "<head", "<div", "<table", "<p>",
		                            "<meta", "<!doctype html" };
	size_t n = len < 4096 ? len : 4096, hits = 0;

	for (size_t t = 0; t < NELEM(tags); t++) {
		size_t m = strlen(tags[t]);
		for (size_t i = 0; i + m <= n; i++)
			if (strncasecmp(buf + i, tags[t], m) == 0) {
				hits++;
				break;
			}
	}
	return hits >= 2;
}

enum doc_kind
doc_sniff(const char *buf, size_t len, const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	if (len >= 5 && memcmp(buf, "%PDF-", 5) == 0)
		return DOC_PDF;
	if (starts_ci(buf, len, "<!doctype html") || starts_ci(buf, len, "<html") ||
	    starts_ci(buf, len, "<?xml") || has_html_tags(buf, len))
		return DOC_HTML;
	/* By extension only where the content says nothing against it. */
	if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
	            strcasecmp(dot, ".shtml") == 0 || strcasecmp(dot, ".xhtml") == 0) &&
	    memchr(buf, '<', len < 4096 ? len : 4096))
		return DOC_HTML;
	return DOC_TEXT;
}

/* ---- jammer text ---- */

static int
is_symbol(char c)
{
	return c > ' ' && c < 0x7f && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	                                 (c >= 'A' && c <= 'Z'));
}

/* A token of a jammer run: short printable ASCII; *SYMS counts its symbols. */
static int
jam_token(const char *s, size_t n, size_t max, size_t *syms)
{
	if (n == 0 || n > max)
		return 0;
	for (size_t i = 0; i < n; i++) {
		/* Bars are cells of a table, not noise. */
		if ((unsigned char)s[i] >= 0x7f || s[i] <= ' ' || s[i] == '|')
			return 0;
		*syms += is_symbol(s[i]);
	}
	return 1;
}

/*
 * Remove the jammer text that some forums hide in their pages to spoil copying and that
 * a copy of the page's text keeps: runs of short random ASCII tokens before or after
 * the Chinese text of a line ("* p/ {) b& x! R8 r( k 一、…", "…工程 >j/w@Fj").  A run
 * needs two symbols or more, and Chinese text beside it; "5G", "AED 100", "1:1" stay.
 */
static void
strip_jammer(char *line)
{
	size_t n = strlen(line), syms = 0, tokens = 0, cut = n;
	char *p;

	/* Trailing: whole ASCII tokens after the last space that follows Chinese text. */
	p = line + n;
	while (p > line) {
		char *e = p, *b;
		while (e > line && e[-1] == ' ')
			e--;
		b = e;
		while (b > line && b[-1] != ' ')
			b--;
		if (b == e || b == line || !jam_token(b, (size_t)(e - b), 10, &syms))
			break;
		tokens++;
		cut = (size_t)(b - line);
		p = b;
	}
	if (tokens && syms >= 2 && cut > 0 && (unsigned char)line[cut - 1] == ' ') {
		size_t k = cut;
		while (k > 0 && line[k - 1] == ' ')
			k--;
		/* The run's first characters may cling to the text: 项目$ N3 {7 … */
		while (k > 0 && strchr("$&#@^~`{[<\\*+=", line[k - 1]) && line[k - 1])
			k--;
		if (k > 0 && (unsigned char)line[k - 1] >= 0x80) {
			line[k] = '\0';
			n = k;
		}
	}
	/* Leading: three tokens or more of at most three characters before Chinese text. */
	syms = tokens = 0;
	p = line;
	for (;;) {
		char *b = p, *e;
		while (*b == ' ')
			b++;
		e = b;
		while (*e && *e != ' ')
			e++;
		if (!*e || !jam_token(b, (size_t)(e - b), 3, &syms))
			break;
		tokens++;
		p = e;
	}
	if (tokens >= 3 && syms >= 2) {
		while (*p == ' ')
			p++;
		if ((unsigned char)*p >= 0x80)
			memmove(line, p, strlen(p) + 1);
	}
}

int
doc_read_text(struct doc *d, const char *buf, size_t len, char **cause)
{
	const char *enc = NULL;
	char *text, *p, *nl;
	int no = 0;

	if (len > DOC_MAX_BYTES)
		return fail(cause, "%s: notice larger than %u bytes", d->name, DOC_MAX_BYTES);
	if (!(text = text_decode(buf, len, d->name, &enc, cause)))
		return -1;
	d->encoding = enc;
	/* A final line end ends the last line; it does not start an empty one. */
	for (p = text; *p || p == text; p = nl + 1) {
		size_t n;
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		no++;
		if (n > DOC_MAX_LINE) {
			free(text);
			return fail(cause, "%s:%d: line longer than %u bytes", d->name, no, DOC_MAX_LINE);
		}
		{
			struct dline *l = new_line(d, no);
			l->text = xstrndup(p, n);
			strip_jammer(l->text);
			l->key = text_key(l->text);
		}
		if (!nl)
			break;
	}
	free(text);
	return 0;
}
