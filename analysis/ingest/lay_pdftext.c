/*
 * Layout "pdftext": a table as a PDF converter lays out its text (cq-2024, gaoxin-2025):
 * no tabs, the cells of a row one or several per line, wrapped at the column's width.
 * Items are cut at their numbers; within an item, the name is the first cell and the
 * lines that follow it while they are full width, the 责任单位 cell is found by the shape
 * of its text (a list of organisation names), and the rest is the task.
 */
#include "ingest/layout.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* What may follow a number in task text, so that a line starting "12 个" or "300，" is
 * a wrapped number, not item 12: a measure word, or punctuation. */
static int
is_number_follower(const char *rest)
{
	static const char *const marks[] = { "、", "，", "。", "；", "：", "—", "-", "．", "." };

	for (size_t i = 0; i < NELEM(marks); i++)
		if (starts_with(rest, marks[i]))
			return 1;
	return num_is_measure(rest);
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct thead h = { 0 };
	char shape;

	if (thead_find_text(d, &h, &shape) && shape == 'p') {
		f->score = 80;
		f->start = h.at;
		fit_why(f, "a header of %zu columns on one line without tabs at line %d, as a PDF "
		        "converter lays it out", h.ncols, d->lines[h.at].no);
	}
	thead_release(&h);
}

struct chunk {
	char *text;     /* raw, with the spaces inside it */
	char *clean;    /* text_clean(text) */
	int line;       /* notice line */
	size_t lineidx; /* index of its line within the item */
	int pos, count; /* position on its line and number of chunks on that line */
};

/* Split a line into chunks at whitespace between two characters that are not ASCII
 * letters or digits: "市城市管理局 在中心城区新开工" is two cells, "面积 100万平方米" one. */
static size_t
split_chunks(const char *s, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct sb cur = SB_INIT;
	int32_t cp, prev = 0;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		if (text_is_space(cp)) {
			const char *q = s;
			int32_t next = 0;
			int kk;
			while ((kk = u8_next(q, &next)) > 0 && text_is_space(next))
				q += kk;
			if (cur.len && next && !text_is_ascii_alnum(prev) && !text_is_ascii_alnum(next) &&
			    prev != '%' && next != '%') {
				xgrow(&v, &cap, n + 1, sizeof *v);
				v[n++] = sb_detach(&cur);
			} else if (cur.len && next)
				sb_addc(&cur, ' ');
			s = q;
			continue;
		}
		sb_add(&cur, s, (size_t)k);
		prev = cp;
		s += k;
	}
	if (cur.len) {
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = sb_detach(&cur);
	}
	sb_release(&cur);
	*out = v;
	return n;
}

/* Does a chunk look like a piece of an organisation list (for rows split over pages)? */
static int
is_org_piece(const char *s)
{
	return !has_sentence_marks(s) && (ends_with(s, "、") || ends_with_org_suffix(s));
}

static char *
concat_chunks(struct chunk *ch, size_t a, size_t b)
{
	struct sb sb = SB_INIT;
	char *c;

	for (size_t i = a; i < b; i++)
		sb_adds(&sb, ch[i].text);
	c = text_clean(sb.buf ? sb.buf : "");
	sb_release(&sb);
	return c;
}

/* Where an organisation's name starts: a chunk starting so is not the end of a name
 * wrapped from the line before (和社区服务提升 / 市住房城乡建委 are two cells). */
static const char *const org_starts[] = { "市", "区", "县", "镇", "乡", "团" };

static int
starts_org(const char *s)
{
	for (size_t i = 0; i < NELEM(org_starts); i++)
		if (starts_with(s, org_starts[i]))
			return 1;
	return 0;
}

/* The longest run of chunks from I (ending before LIMIT) that reads as one list of
 * organisations; returns its end, or I when there is none. */
static size_t
org_run(struct chunk *ch, size_t i, size_t limit)
{
	for (size_t j = limit; j > i; j--) {
		char *u;
		int ok, joined = 0;
		/* A name wrapped onto the next line does not start with 市/区/县 again. */
		for (size_t k = i + 1; k < j; k++) {
			const char *prev = ch[k - 1].clean;
			if (starts_org(ch[k].clean) && !ends_with(prev, "、") && !ends_with(prev, "，"))
				joined = 1;
		}
		if (joined)
			continue;
		u = concat_chunks(ch, i, j);
		ok = notice_is_org_list(u);
		free(u);
		if (ok)
			return j;
	}
	return i;
}

/* Does chunk I start a list of organisations with a whole name of its own
 * (市住房城乡建委, 改革发展局、公共), rather than only a piece of one? */
static int
org_starts_at(struct chunk *ch, size_t i, size_t limit)
{
	char *first = xstrdup(ch[i].clean), *sep = strstr(first, "、");
	int whole;

	if (sep)
		*sep = '\0';
	whole = notice_is_org_list(first);
	free(first);
	return whole && org_run(ch, i, limit) > i;
}

struct block {
	struct chunk *ch;
	size_t n, cap;
	int line;
	long seq;
	char *section;     /* a section heading seen before the item, owned */
	int first_multi;   /* the item's first line held several cells */
	size_t name_from;  /* first chunk of the name (after a 市区分级 cell) */
};

/* Column indexes of the roles the pdf layout fills. */
struct pdfcols {
	int sec, name, units, task;
};

/*
 * A row-spanning column before the name (市区分级) holds text only in the first row of
 * its span.  Its cell is the first run of lines that ends where the next line is wider
 * (wrapped lines of one cell are all full width), provided a name follows it rather than
 * the list of 责任单位.  Returns the number of chunks of that cell (0: none).
 */
static size_t
pdf_section_cell(struct block *b, size_t wall)
{
	size_t end = 0, i, widest = 0;

	for (i = 1; i < b->n; i++) {
		if (b->ch[i].lineidx == b->ch[i - 1].lineidx ||
		    text_width(b->ch[i].clean) > text_width(b->ch[i - 1].clean) + 1) {
			end = i;
			break;
		}
	}
	if (end == 0 || end + 1 >= b->n)
		return 0;
	/* Such a category column is narrow: at most half as wide as the name column. */
	for (i = 0; i < end; i++)
		if (text_width(b->ch[i].clean) > widest)
			widest = text_width(b->ch[i].clean);
	if (widest * 2 > wall || org_starts_at(b->ch, end, b->n - 1))
		return 0;
	return end;
}

static void
pdf_item(struct build *ps, struct block *b, const struct pdfcols *pc, size_t wname,
         struct row *r)
{
	struct chunk *ch = b->ch;
	size_t n = b->n, i, ui, uj;

	for (i = 0; i < b->name_from; i++)
		piece_adds(&r->cell[pc->sec], ch[i].text, ch[i].line);
	/* The name: its first chunk, then each next line while the one before was full
	 * width and the next does not start the list of 责任单位. */
	i = b->name_from;
	if (i < n)
		piece_adds(&r->cell[pc->name], ch[i].text, ch[i].line);
	for (i++; i < n; i++) {
		int newline = ch[i].lineidx != ch[i - 1].lineidx;
		/* Full: within one wide character of the column's width. */
		int full = text_width(ch[i - 1].clean) + 2 >= wname;
		if (!newline || !full || (pc->units >= 0 && org_starts_at(ch, i, n - 1)))
			break;
		piece_adds(&r->cell[pc->name], ch[i].text, ch[i].line);
	}
	ui = i;
	uj = pc->units >= 0 && ui < n ? org_run(ch, ui, n - 1) : ui;
	if (pc->units >= 0 && uj == ui) {
		/* No list right after the name: take the first one further on, the name
		 * running on until it. */
		for (size_t k = ui + 1; k + 1 < n; k++) {
			size_t e = org_run(ch, k, n - 1);
			if (e > k) {
				for (; ui < k; ui++)
					piece_adds(&r->cell[pc->name], ch[ui].text, ch[ui].line);
				uj = e;
				break;
			}
		}
		if (uj == ui)
			build_warn(ps, r->line, "no 责任单位 found for item ", r->seqtext);
	}
	for (i = ui; i < uj; i++)
		piece_adds(&r->cell[pc->units], ch[i].text, ch[i].line);
	for (i = uj; i < n; i++) {
		/* Rows laid out line by line (the first line held several cells) continue the
		 * same way after a page break: "步行便捷性提升 站点步行便捷性提升项目 15". */
		if (b->first_multi && ch[i].count > 1 && ch[i].pos < ch[i].count - 1 && uj > 0 &&
		    ch[i].lineidx > ch[uj - 1].lineidx) {
			if (pc->units >= 0 && is_org_piece(ch[i].clean))
				piece_adds(&r->cell[pc->units], ch[i].text, ch[i].line);
			else
				piece_adds(&r->cell[pc->name], ch[i].text, ch[i].line);
			continue;
		}
		piece_adds(&r->cell[pc->task], ch[i].text, ch[i].line);
	}
}


static void
block_release(struct block *b)
{
	for (size_t c = 0; c < b->n; c++) {
		free(b->ch[c].text);
		free(b->ch[c].clean);
	}
	free(b->ch);
	free(b->section);
	memset(b, 0, sizeof *b);
}

/* The items, cut at their numbers, each a list of chunks. */
struct blocks {
	struct block *v;
	size_t n, cap;
	size_t lineidx;         /* the line of the current item, from 0 */
	char *section;          /* a heading not yet given to an item */
};

/* The item number at the start of L's text, when it is the next one and not a number
 * wrapped from the task (12 个); where the line goes on in *REST. */
static long
item_number(struct build *ps, const char *text, const char **rest)
{
	const char *p = text;
	char *e;
	long v;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	v = strtol(p, &e, 10);
	if (e - p <= 3 && (*e == '\0' || *e == ' ' || *e == '\t')) {
		const char *q = e;
		while (*q == ' ' || *q == '\t')
			q++;
		if (build_is_next(ps, v) && !is_number_follower(q)) {
			*rest = q;
			return v;
		}
	}
	return -1;
}

/* One body line: a new item, a section heading, or more chunks of the current item. */
static void
add_line(struct build *ps, struct blocks *bs, const struct dline *l)
{
	const char *rest = l->text;
	long v = item_number(ps, l->text, &rest);
	char *sec, **parts;
	size_t np;

	if (v < 0 && (sec = section_heading(l->text))) {
		free(bs->section);
		bs->section = sec;
		ps->last_seq = 0;
		return;
	}
	if (v >= 0) {
		xgrow(&bs->v, &bs->cap, bs->n + 1, sizeof *bs->v);
		memset(&bs->v[bs->n], 0, sizeof *bs->v);
		bs->v[bs->n].line = l->no;
		bs->v[bs->n].seq = v;
		bs->v[bs->n].section = bs->section;
		bs->section = NULL;
		ps->last_seq = v;
		bs->n++;
		bs->lineidx = 0;
	} else if (bs->n == 0)
		return;
	np = split_chunks(rest, &parts);
	if (v >= 0)
		bs->v[bs->n - 1].first_multi = np > 1;
	for (size_t k = 0; k < np; k++) {
		struct block *b = &bs->v[bs->n - 1];
		xgrow(&b->ch, &b->cap, b->n + 1, sizeof *b->ch);
		b->ch[b->n].text = parts[k];
		b->ch[b->n].clean = text_clean(parts[k]);
		b->ch[b->n].line = l->no;
		b->ch[b->n].lineidx = bs->lineidx;
		b->ch[b->n].pos = (int)k;
		b->ch[b->n].count = (int)np;
		b->n++;
	}
	free(parts);
	if (np)
		bs->lineidx++;
}

/* The width of the name column: that of its widest first line. */
static size_t
name_width(struct block *bl, size_t nbl, int has_section)
{
	size_t wall = 0, wname = 0;

	for (size_t k = 0; k < nbl; k++)
		if (bl[k].n && text_width(bl[k].ch[0].clean) > wall)
			wall = text_width(bl[k].ch[0].clean);
	for (size_t k = 0; k < nbl; k++) {
		struct block *b = &bl[k];
		if (has_section)
			b->name_from = pdf_section_cell(b, wall);
		if (b->name_from < b->n && text_width(b->ch[b->name_from].clean) > wname)
			wname = text_width(b->ch[b->name_from].clean);
	}
	return wname;
}

static int
parse(struct build *ps, const struct doc *d, const struct fit *f, char **cause)
{
	struct thead h = { 0 };
	char shape;
	struct blocks bs = { 0 };
	struct pdfcols pc = { -1, -1, -1, -1 };
	size_t wname;
	int rc = 0;

	(void)f;
	thead_find_text(d, &h, &shape);
	for (size_t c = 0; c < h.ncols; c++) {
		int *slot = h.cols[c] == R_SECTION ? &pc.sec
		            : h.cols[c] == R_NAME  ? &pc.name
		            : h.cols[c] == R_UNITS ? &pc.units
		            : h.cols[c] == R_TASK  ? &pc.task
		                                     : NULL;
		if (slot && *slot < 0)
			*slot = (int)c;
	}
	for (size_t i = h.body; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		if (!*l->key || is_page_number(l->key) || strcmp(l->key, h.key) == 0)
			continue;
		if (is_table_end(l->key))
			break;
		add_line(ps, &bs, l);
	}
	free(bs.section);
	wname = name_width(bs.v, bs.n, pc.sec >= 0);
	/* The cells of each item. */
	for (size_t k = 0; k < bs.n && rc == 0; k++) {
		struct row r = { 0 };
		if (bs.v[k].section)
			build_section(ps, bs.v[k].section);
		r.line = bs.v[k].line;
		r.seq = bs.v[k].seq;
		r.seqtext = xasprintf("%ld", bs.v[k].seq);
		pdf_item(ps, &bs.v[k], &pc, wname, &r);
		rc = build_row(ps, &r, h.cols, h.ncols, cause) < 0 ? -1 : 0;
		row_release(&r);
	}
	for (size_t k = 0; k < bs.n; k++)
		block_release(&bs.v[k]);
	free(bs.v);
	thead_release(&h);
	return rc;
}

const struct layout layout_pdftext = {
	"pdftext", "a table as a PDF converter lays out its text: no tabs, cells wrapped at "
	"the column width", detect, parse,
};
