/*
 * read_pdf: doc_read_pdf and doc_read_bbox (see doc.h), a PDF through poppler's
 * `pdftotext -bbox-layout`, which gives every word with its box.
 *
 * The geometry, page by page:
 *   1. words become visual lines: words whose cores (the box trimmed to about one em,
 *      word_measure) overlap by more than half share a line; a line's words are joined with no
 *      space between adjacent CJK characters, one for a normal gap and two or more for
 *      a column-wide gap;
 *   2. page chrome is marked: page numbers ("— 4 —", "第 4 页", "4 / 12") at the top or
 *      bottom of a page and running headers and footers (a margin line repeated on most
 *      pages) are dropped, but still counted in the line numbers;
 *   3. tables are found: a header row (序号, 项目名称, 责任单位, ...) or a line of three
 *      widely spaced segments seeds a region; a column boundary is the emptiest x between
 *      two of the seed's cells in the lines below; the region grows while lines fit the
 *      columns; a table still open at the bottom of a page goes on at the top of the next;
 *   4. in a region, each column's lines at the in-cell line pitch make cell blocks, and
 *      blocks that overlap vertically make one row: a cell wrapped over several lines
 *      becomes one cell with a part per line, and a short cell centred in a tall row
 *      lands in its row; a row holding several item numbers (cells without vertical
 *      padding) is cut between them.
 * All numbers are in points (pdftotext's unit) or in ems of the text's font size.
 */
#include "ingest/doc.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "ingest/build.h"
#include "base/proc.h"
#include "base/text.h"
#include "base/util.h"

#define MAX_WORD_BYTES 4096     /* a longer word is cut (pdftotext breaks words at spaces) */
#define MAX_WORDS (1u << 21)    /* words in one document (32 MiB holds fewer) */
#define MAX_PAGES 100000
#define MAX_COORD 1e5           /* points: a PDF page is at most 14400 units wide */

/* Line grouping: words share a line when their cores overlap by this share of the
 * smaller core; a word is compared with the last LOOKBACK lines only.  Words on one
 * baseline in two fonts overlap by 80% or more; the lines of a centred cell that wraps
 * sit half a pitch off the lines beside it, 50% at a line height of 1.2: above half
 * keeps them apart. */
#define LINE_OVERLAP 0.55
#define LINE_LOOKBACK 16

/* Gaps between words, in ems.  pdftotext breaks a word at any gap from 0.1 em on, so
 * CJK text set with a little letter-spacing comes in pieces: below NARROW (a space is
 * 0.25 to 0.5 em) pieces are joined without a space, unless both sides are ASCII.
 * From WIDE on a gap is a column gap and gets two spaces or more (one per em). */
#define GAP_NARROW 0.3
#define GAP_WIDE 1.5

/* Page chrome: page numbers within PAGENO_ZONE of the page height from its top or
 * bottom (GB/T 9704 puts them 7 mm under a 35 mm bottom margin, 9.4% of A4 from the
 * edge), running headers and footers within CHROME_ZONE; only the outermost
 * CHROME_LINES lines of each side are looked at. */
#define PAGENO_ZONE 0.15
#define CHROME_ZONE 0.10
#define CHROME_LINES 3

/* Tables, in ems of the header's font. */
#define SEG_GAP 0.3             /* a gap this wide splits a line into segments (cells) */
#define SEED_GAP 1.0            /* segment gap of a table line found without a header */
#define FIT_TOL 0.5             /* how far a word may stick out of its column */
#define REGION_GAP 4.0          /* empty space that ends a table (cq-2024's rows: 2.6) */
#define HEADER_BAND 2.2         /* from the header line, where wrapped header cells sit */
#define BODY_LINES 80           /* lines (not ems) below a header that place its columns */

struct word {
	char *text;
	double x0, y0, x1, y1;
	double em;              /* the font size, estimated (word_measure) */
	double top, bot;        /* the core: the box trimmed of inflated ascent and descent */
};

struct vline {
	struct word **w;        /* left to right; the page owns the words */
	size_t nw, cap;
	double rtop, rbot;      /* core of the word that started the line */
	double top, bot, em;
	int no;
	int chrome;
	char *text, *key;
};

struct page {
	double width, height;
	struct word *words;
	size_t nwords, cap;
	struct vline *lines;
	size_t nlines, lcap;
};

struct pdf {
	struct page *pages;
	size_t npages, cap;
	size_t nwords;
	int overflow;           /* more words or pages than the limits */
};

/* A segment of a line: words with no wide gap between them (a table cell). */
struct span {
	double x0, x1;
	size_t chars;           /* characters in its words */
	size_t w0, nw;          /* its words in the line */
};

/* The columns of a table: boundaries b[1..n-1] (b[k] between column k-1 and k). */
struct cols {
	int n;
	double b[DOC_MAX_CELLS + 1];
	double em;
	double left[DOC_MAX_CELLS];     /* leftmost text of each column, for continuations */
};

/* ---- reading pdftotext's XHTML ---- */

static void
quiet(void *arg, const char *msg, xmlParserSeverities severity, xmlTextReaderLocatorPtr loc)
{
	(void)arg;
	(void)msg;
	(void)severity;
	(void)loc;
}

/* A coordinate as pdftotext writes it ("243.960927"); parsed here and not by strtod so
 * that no locale decides the decimal point.  Sets *ok to 0 when it is not one. */
static double
attr_num(xmlTextReaderPtr r, const char *name, int *ok)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST name);
	const char *s = (const char *)v;
	double x = 0, scale = 1;
	int neg = 0, digits = 0;

	if (!v) {
		*ok = 0;
		return 0;
	}
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9' && x <= MAX_COORD; s++, digits++)
		x = x * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++)
			if (scale > 1e-9) {
				scale /= 10;
				x += (*s - '0') * scale;
			}
	while (*s == ' ')
		s++;
	if (!digits || *s || x > MAX_COORD)
		*ok = 0;
	xmlFree(v);
	return neg ? -x : x;
}

static struct page *
new_page(struct pdf *p)
{
	struct page *pg;

	xgrow(&p->pages, &p->cap, p->npages + 1, sizeof *p->pages);
	pg = &p->pages[p->npages++];
	memset(pg, 0, sizeof *pg);
	return pg;
}

/* Font size and core of a word.  The box's height is the font's ascent plus descent,
 * which for Chromium's synthetic bold (a Type 3 font) is 2.6 ems: the width says the
 * size better (a CJK character is one em wide, text_width counts it 2). */
static void
word_measure(struct word *w)
{
	double h = w->y1 - w->y0, wd = w->x1 - w->x0, em, half, cy;
	size_t tw = text_width(w->text);

	em = tw ? 2 * wd / (double)tw : h;
	if (em > h)
		em = h;
	if (em < 0.3 * h)
		em = 0.3 * h;
	if (em < 1)
		em = 1;         /* degenerate boxes: keep the arithmetic finite */
	half = h / 2;
	if (half > 0.6 * em)
		half = 0.6 * em;
	if (half < 0.3 * em)
		half = 0.3 * em;
	cy = (w->y0 + w->y1) / 2;
	w->em = em;
	w->top = cy - half;
	w->bot = cy + half;
}

static void
read_word(struct pdf *p, xmlTextReaderPtr r)
{
	struct sb sb = SB_INIT;
	struct word w;
	struct page *pg;
	int ok = 1, depth = xmlTextReaderDepth(r);
	char *s, *o;
	size_t n;

	memset(&w, 0, sizeof w);
	w.x0 = attr_num(r, "xMin", &ok);
	w.y0 = attr_num(r, "yMin", &ok);
	w.x1 = attr_num(r, "xMax", &ok);
	w.y1 = attr_num(r, "yMax", &ok);
	if (!xmlTextReaderIsEmptyElement(r))
		while (xmlTextReaderRead(r) == 1) {
			int t = xmlTextReaderNodeType(r);
			const char *v;
			if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) <= depth)
				break;
			/* Text only: entity references are not expanded (no entity bombs). */
			if (t != XML_READER_TYPE_TEXT && t != XML_READER_TYPE_CDATA &&
			    t != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
				continue;
			v = (const char *)xmlTextReaderConstValue(r);
			if (!v || sb.len >= MAX_WORD_BYTES)
				continue;
			n = strnlen(v, MAX_WORD_BYTES - sb.len);
			sb_add(&sb, v, n);
		}
	s = sb_detach(&sb);
	/* Cut at a character boundary; control characters (tabs separate cells) become
	 * spaces; spaces at the ends go. */
	n = strlen(s);
	if (n >= MAX_WORD_BYTES) {
		while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0 && (unsigned char)s[n - 1] >= 0xC0)
			n--;
		s[n] = '\0';
	}
	for (o = s; *o; o++)
		if ((unsigned char)*o < 0x20 || *o == 0x7F)
			*o = ' ';
	for (o = s; *o == ' '; o++)
		;
	memmove(s, o, strlen(o) + 1);
	for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		s[n - 1] = '\0';
	if (!ok || !*s || p->nwords >= MAX_WORDS) {
		if (ok && *s)
			p->overflow = 1;
		free(s);
		return;
	}
	w.text = s;
	if (w.x1 < w.x0) {
		double t = w.x0;
		w.x0 = w.x1;
		w.x1 = t;
	}
	if (w.y1 < w.y0) {
		double t = w.y0;
		w.y0 = w.y1;
		w.y1 = t;
	}
	word_measure(&w);
	pg = p->npages ? &p->pages[p->npages - 1] : new_page(p);
	xgrow(&pg->words, &pg->cap, pg->nwords + 1, sizeof *pg->words);
	pg->words[pg->nwords++] = w;
	p->nwords++;
}

/* Pages and words; everything else (flows, blocks, lines) is recomputed from the boxes.
 * A document cut short gives the words before the cut. */
static int
bbox_parse(struct pdf *p, const char *buf, size_t len, const char *name, char **cause)
{
	xmlTextReaderPtr r;

	r = xmlReaderForMemory(buf, (int)len, NULL, NULL,
	                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r)
		return fail(cause, "%s: cannot read pdftotext's output", name);
	xmlTextReaderSetErrorHandler(r, quiet, NULL);
	while (xmlTextReaderRead(r) == 1 && !p->overflow) {
		const char *el;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		el = (const char *)xmlTextReaderConstLocalName(r);
		if (!el)
			continue;
		if (strcmp(el, "page") == 0) {
			struct page *pg;
			int ok = 1;
			double wd, ht;
			if (p->npages >= MAX_PAGES) {
				p->overflow = 1;
				break;
			}
			pg = new_page(p);
			wd = attr_num(r, "width", &ok);
			ht = attr_num(r, "height", &ok);
			if (ok && wd > 0 && ht > 0) {
				pg->width = wd;
				pg->height = ht;
			}
		} else if (strcmp(el, "word") == 0)
			read_word(p, r);
	}
	xmlFreeTextReader(r);
	if (p->overflow)
		return fail(cause, "%s: more than %u words or %u pages", name, MAX_WORDS, MAX_PAGES);
	return 0;
}

static void
pdf_release(struct pdf *p)
{
	for (size_t i = 0; i < p->npages; i++) {
		struct page *pg = &p->pages[i];
		for (size_t k = 0; k < pg->nwords; k++)
			free(pg->words[k].text);
		free(pg->words);
		for (size_t k = 0; k < pg->nlines; k++) {
			free(pg->lines[k].w);
			free(pg->lines[k].text);
			free(pg->lines[k].key);
		}
		free(pg->lines);
	}
	free(p->pages);
}

/* ---- words into lines ---- */

static int32_t
first_cp(const char *s)
{
	int32_t cp;

	return u8_next(s, &cp) > 0 ? cp : 0;
}

static int32_t
last_cp(const char *s)
{
	size_t n = strlen(s);
	int32_t cp;

	if (!n)
		return 0;
	n--;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return u8_next(s + n, &cp) > 0 ? cp : 0;
}

/* Spaces between two words: none between adjacent CJK text (pdftotext breaks words at
 * every gap, even a small one between characters), one for a normal gap, and for a
 * column-wide gap two or more, so that a layout splitting on runs of spaces sees
 * columns. */
static int
gap_spaces(const struct word *a, const struct word *b)
{
	double em = a->em > b->em ? a->em : b->em, gap = b->x0 - a->x1, q;
	int32_t ca, cb;

	if (gap >= GAP_WIDE * em) {
		q = gap / em;
		return q >= 7 ? 8 : (int)q + 1 < 2 ? 2 : (int)q + 1;
	}
	if (gap >= GAP_NARROW * em)
		return 1;
	ca = last_cp(a->text);
	cb = first_cp(b->text);
	return ca > 0 && ca < 0x80 && cb > 0 && cb < 0x80;
}

static char *
join_words(struct word *const *w, size_t n)
{
	struct sb sb = SB_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			for (int k = gap_spaces(w[i - 1], w[i]); k > 0; k--)
				sb_addc(&sb, ' ');
		sb_adds(&sb, w[i]->text);
	}
	return sb_detach(&sb);
}

/* qsort, which must not be given a NULL array even for no elements. */
static void
xsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static int
cmp_center(const void *a, const void *b)
{
	const struct word *x = *(struct word *const *)a, *y = *(struct word *const *)b;
	double cx = x->top + x->bot, cy = y->top + y->bot;

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->x0 != y->x0)
		return x->x0 < y->x0 ? -1 : 1;
	return 0;
}

static int
cmp_x(const void *a, const void *b)
{
	const struct word *x = *(struct word *const *)a, *y = *(struct word *const *)b;

	if (x->x0 != y->x0)
		return x->x0 < y->x0 ? -1 : 1;
	if (x->x1 != y->x1)
		return x->x1 < y->x1 ? -1 : 1;
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Group a page's words into lines, top to bottom; number them from *NO on. */
static int
page_lines(struct page *pg, int *no, const char *name, int pageno, char **cause)
{
	struct word **order;
	double *ems = NULL;
	size_t ncap = 0;

	if (!pg->nwords)
		return 0;
	order = xmalloc(pg->nwords * sizeof *order);
	for (size_t i = 0; i < pg->nwords; i++)
		order[i] = &pg->words[i];
	xsort(order, pg->nwords, sizeof *order, cmp_center);
	for (size_t i = 0; i < pg->nwords; i++) {
		struct word *w = order[i];
		struct vline *l = NULL;
		double best = 0;
		for (size_t k = pg->nlines; k > 0 && pg->nlines - k < LINE_LOOKBACK; k--) {
			struct vline *c = &pg->lines[k - 1];
			double ov = fmin(w->bot, c->rbot) - fmax(w->top, c->rtop);
			double m = fmin(w->bot - w->top, c->rbot - c->rtop);
			if (m > 0 && ov / m >= LINE_OVERLAP && ov / m > best) {
				best = ov / m;
				l = c;
			}
		}
		if (!l) {
			xgrow(&pg->lines, &pg->lcap, pg->nlines + 1, sizeof *pg->lines);
			l = &pg->lines[pg->nlines++];
			memset(l, 0, sizeof *l);
			l->rtop = w->top;
			l->rbot = w->bot;
		}
		xgrow(&l->w, &l->cap, l->nw + 1, sizeof *l->w);
		l->w[l->nw++] = w;
	}
	free(order);
	for (size_t i = 0; i < pg->nlines; i++) {
		struct vline *l = &pg->lines[i];
		xsort(l->w, l->nw, sizeof *l->w, cmp_x);
		xgrow(&ems, &ncap, l->nw, sizeof *ems);
		l->top = l->w[0]->top;
		l->bot = l->w[0]->bot;
		for (size_t k = 0; k < l->nw; k++) {
			l->top = fmin(l->top, l->w[k]->top);
			l->bot = fmax(l->bot, l->w[k]->bot);
			ems[k] = l->w[k]->em;
		}
		xsort(ems, l->nw, sizeof *ems, cmp_double);
		l->em = ems[l->nw / 2];
		l->no = ++*no;
		l->text = join_words(l->w, l->nw);
		l->key = text_key(l->text);
		if (strlen(l->text) > DOC_MAX_LINE) {
			free(ems);
			return fail(cause, "%s: page %d: line longer than %u bytes", name, pageno,
			            DOC_MAX_LINE);
		}
	}
	free(ems);
	return 0;
}

/* ---- page chrome ---- */

/* The key with each run of digits as '#', ASCII letters lowered and dashes as '-';
 * NULL when a run has more than 4 digits (no page number has). */
static char *
digits_masked(const char *key)
{
	struct sb sb = SB_INIT;
	const char *s = key;
	int32_t cp;
	int k, run = 0;

	while ((k = u8_next(s, &cp)) > 0) {
		if (cp >= '0' && cp <= '9') {
			if (run++ == 0)
				sb_addc(&sb, '#');
			else if (run > 4) {
				sb_release(&sb);
				return NULL;
			}
		} else {
			run = 0;
			if (cp >= 'A' && cp <= 'Z')
				sb_addc(&sb, (char)(cp - 'A' + 'a'));
			else if (cp == '-' || cp == 0x2010 || cp == 0x2012 || cp == 0x2013 ||
			         cp == 0x2014 || cp == 0x2015 || cp == 0x2212 || cp == 0xFF0D ||
			         cp == '~' || cp == 0x00B7 || cp == 0x2022 || cp == 0x30FB ||
			         cp == '_')
				sb_addc(&sb, '-');
			else
				sb_add(&sb, s, (size_t)k);
		}
		s += k;
	}
	return sb_detach(&sb);
}

/* A page number alone on its line: "4", "— 4 —", "- 4 -", "第 4 页", "第4页 共12页",
 * "4 / 12", "Page 4 of 12". */
static int
pdf_page_number(const char *key)
{
	static const char *const forms[] = {
		"#", "#/#", "第#页", "第#页共#页", "第#页/共#页", "第#页,共#页", "共#页第#页",
		"共#页,第#页", "第#頁", "第#頁共#頁", "page#", "page#of#", "p#", "#of#",
	};
	char *m = digits_masked(key), *s, *e;
	int r = 0;

	if (!m)
		return 0;
	for (s = m; *s == '-'; s++)
		;
	for (e = s + strlen(s); e > s && e[-1] == '-'; e--)
		;
	*e = '\0';
	for (size_t i = 0; i < NELEM(forms) && !r; i++)
		r = strcmp(s, forms[i]) == 0;
	free(m);
	return r;
}

/* Header words of the tables of notices (header_line): a table header repeated at the
 * top of each page is no page chrome. */
static const char *const header_words[] = {
	"序号", "编号", "项目名称", "事项名称", "实事名称", "名称", "项目", "工作任务",
	"建设内容", "目标任务", "主要内容", "绩效目标", "任务", "内容", "责任单位", "牵头单位",
	"实施单位", "配合单位", "责任部门", "牵头部门", "完成时限", "完成时间", "时限", "备注",
};

/* Does KEY hold a header word: 1; is it one (a year before it aside: 2027年工作任务): 2;
 * else 0. */
static int
has_header_word(const char *key)
{
	char *k = text_simplify(key);
	const char *p = k;
	int r = 0;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p > k && strncmp(p, "年", strlen("年")) == 0)
		p += strlen("年");
	for (size_t i = 0; i < NELEM(header_words) && r < 2; i++)
		if (strstr(k, header_words[i]))
			r = strcmp(p, header_words[i]) == 0 ? 2 : 1;
	free(k);
	return r;
}

struct rkey {
	char *key;
	size_t page;
};

static int
cmp_rkey(const void *a, const void *b)
{
	const struct rkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->page > y->page) - (x->page < y->page);
}

/* Is line L of PG in the margin zone ZONE (a share of the page's height) at the top
 * (SIDE 0), at the bottom (1) or at either (-1)? */
static int
in_zone(const struct page *pg, const struct vline *l, double zone, int side)
{
	double h = pg->height, cy = (l->top + l->bot) / 2;

	return (side != 1 && cy < zone * h) || (side != 0 && cy > (1 - zone) * h);
}

static int
is_repeated(const char *key, const struct rkey *rk, size_t n, size_t need)
{
	size_t lo = 0, hi = n;
	char *m;

	if (!need || !(m = digits_masked(key)))
		return 0;
	while (lo < hi) {       /* the first entry >= m */
		size_t mid = (lo + hi) / 2;
		if (strcmp(rk[mid].key, m) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	{
		size_t pages = 0, prev = SIZE_MAX;
		for (; lo < n && strcmp(rk[lo].key, m) == 0; lo++)
			if (rk[lo].page != prev) {
				pages++;
				prev = rk[lo].page;
			}
		free(m);
		return pages >= need;
	}
}

static size_t header_line(const struct vline *l, struct span *seg);

/* Mark page numbers and running headers and footers: walking in from the top and from
 * the bottom of each page, lines are chrome while they are one or the other. */
static void
mark_chrome(struct pdf *p)
{
	struct span seg[DOC_MAX_CELLS + 1];
	struct rkey *rk = NULL;
	size_t nrk = 0, cap = 0, need;

	for (size_t i = 0; i < p->npages; i++) {
		struct page *pg = &p->pages[i];
		for (size_t k = 0; k < pg->nlines; k++) {
			struct vline *l = &pg->lines[k];
			char *m;
			if ((k >= CHROME_LINES && k + CHROME_LINES < pg->nlines) ||
			    !in_zone(pg, l, CHROME_ZONE, -1) || !*l->key ||
			    !(m = digits_masked(l->key)))
				continue;
			xgrow(&rk, &cap, nrk + 1, sizeof *rk);
			rk[nrk].key = m;
			rk[nrk++].page = i;
		}
	}
	xsort(rk, nrk, sizeof *rk, cmp_rkey);
	need = p->npages >= 2 ? (p->npages + 1) / 2 : 0;
	if (need == 1)
		need = 2;
	for (size_t i = 0; i < p->npages; i++) {
		struct page *pg = &p->pages[i];
		for (int side = 0; side < 2; side++)
			for (size_t j = 0; j < CHROME_LINES && j < pg->nlines; j++) {
				struct vline *l = &pg->lines[side ? pg->nlines - 1 - j : j];
				if (l->chrome)
					break;
				if (in_zone(pg, l, PAGENO_ZONE, side) && pdf_page_number(l->key))
					l->chrome = 1;
				else if (in_zone(pg, l, CHROME_ZONE, side) && !header_line(l, seg) &&
				         is_repeated(l->key, rk, nrk, need))
					l->chrome = 1;
				else
					break;
			}
	}
	for (size_t i = 0; i < nrk; i++)
		free(rk[i].key);
	free(rk);
}

/* ---- tables: columns ---- */

/* The segments of a line: its words split at gaps of GAP ems or more. */
static size_t
line_segments(const struct vline *l, double gap, struct span *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nw; i++) {
		const struct word *w = l->w[i];
		size_t chars = 0;
		const char *s = w->text;
		int32_t cp;
		int k;
		while ((k = u8_next(s, &cp)) > 0) {
			chars++;
			s += k;
		}
		if (n && w->x0 - out[n - 1].x1 < fmax(1.5, gap * w->em)) {
			out[n - 1].x1 = fmax(out[n - 1].x1, w->x1);
			out[n - 1].chars += chars;
			out[n - 1].nw++;
			continue;
		}
		if (n == max)
			break;
		out[n].x0 = w->x0;
		out[n].x1 = w->x1;
		out[n].chars = chars;
		out[n].w0 = i;
		out[n++].nw = 1;
	}
	return n;
}

static int
col_of(const struct cols *c, double x)
{
	int lo = 1, hi = c->n;  /* the first boundary > x, by bisection */

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (c->b[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo - 1;
}

static double
word_cx(const struct word *w)
{
	return (w->x0 + w->x1) / 2;
}

/* Does every word of L lie in one column (sticking out at most FIT_TOL ems)? */
static int
line_fits(const struct cols *c, const struct vline *l)
{
	double tol = FIT_TOL * c->em;

	for (size_t i = 0; i < l->nw; i++) {
		const struct word *w = l->w[i];
		int a = col_of(c, w->x0 + tol), b = col_of(c, w->x1 - tol);
		if (a != b && w->x1 - w->x0 > 2 * tol)
			return 0;
	}
	return 1;
}

static int
line_ncols(const struct cols *c, const struct vline *l)
{
	int n = 0, last = -1;

	for (size_t i = 0; i < l->nw; i++) {
		int k = col_of(c, word_cx(l->w[i]));
		if (k != last)
			n++;
		last = k;
	}
	return n;
}

static int
cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

struct event {
	double x;
	int d;
};

static int
cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return x->d - y->d;     /* ends before starts */
}

/*
 * Where in (LO, HI) the lines L[0..N) have the least ink: the middle of the widest run
 * of x with the fewest words over it; *MIN gets that count and *INK the number of lines
 * with a word in (XLO, XHI) (the two columns around the gap).
 */
static double
emptiest(struct vline *const *L, size_t n, double lo, double hi, double xlo, double xhi,
         int *min, int *ink)
{
	struct event *ev = NULL;
	size_t nev = 0, cap = 0;
	double pos = lo, best = (lo + hi) / 2, bestw = -1;
	int cur = 0, bestc = INT32_MAX;

	*ink = 0;
	for (size_t i = 0; i < n; i++) {
		int has = 0;
		for (size_t k = 0; k < L[i]->nw; k++) {
			const struct word *w = L[i]->w[k];
			if (w->x1 > xlo && w->x0 < xhi)
				has = 1;
			if (w->x1 <= lo || w->x0 >= hi)
				continue;
			xgrow(&ev, &cap, nev + 2, sizeof *ev);
			ev[nev].x = fmax(w->x0, lo);
			ev[nev++].d = 1;
			ev[nev].x = fmin(w->x1, hi);
			ev[nev++].d = -1;
		}
		*ink += has;
	}
	xsort(ev, nev, sizeof *ev, cmp_event);
	for (size_t i = 0; i <= nev; i++) {
		double x = i < nev ? ev[i].x : hi;
		if (x > pos && (cur < bestc || (cur == bestc && x - pos > bestw))) {
			bestc = cur;
			bestw = x - pos;
			best = (pos + x) / 2;
		}
		if (i < nev) {
			cur += ev[i].d;
			pos = fmax(pos, x);
		}
	}
	free(ev);
	*min = bestc == INT32_MAX ? 0 : bestc;
	return best;
}

/*
 * Columns from header cells CELL[0..N) (sorted, not overlapping) and the body lines
 * BODY[0..NB) below them: between two cells, the boundary is the emptiest x of the body
 * (a body column's text is left-aligned where its centred header is not, so the middle
 * between two headers is no boundary); where the body's text runs through the gap, the
 * two cells are one column whose header was spaced out ("2027 年工作任务").
 */
static void
cols_make(struct cols *c, struct span *cell, size_t n, struct vline *const *body, size_t nb,
          double em)
{
	memset(c, 0, sizeof *c);
	c->em = em;
	c->n = 1;
	for (size_t i = 1; i < n && c->n < DOC_MAX_CELLS; i++) {
		int min, ink;
		double x = emptiest(body, nb, cell[i - 1].x1, cell[i].x0, cell[i - 1].x0, cell[i].x1,
		                    &min, &ink);
		if (min > 1 && min > 0.2 * ink) {
			cell[i].x0 = cell[i - 1].x0;    /* one column: carry the left cell on */
			continue;
		}
		c->b[c->n++] = x;
	}
	for (int k = 0; k < c->n; k++)
		c->left[k] = INFINITY;
}


/* A run of spaced-out single characters is one cell ("序  号", "备  注"). */
static size_t
merge_spaced(struct span *seg, size_t n, double em)
{
	size_t o = 0;
	int single = 0;         /* the last segment read was one character */

	for (size_t i = 0; i < n; i++) {
		int one = seg[i].chars == 1;
		if (o && one && single && seg[i].x0 - seg[o - 1].x1 < GAP_WIDE * em) {
			seg[o - 1].x1 = seg[i].x1;
			seg[o - 1].nw += seg[i].nw;
			seg[o - 1].chars++;
			continue;
		}
		single = one;
		seg[o++] = seg[i];
	}
	return o;
}

static int
overlaps(double a0, double a1, double b0, double b1)
{
	return a1 > b0 && a0 < b1;
}

/* Does a word of L reach over two of the cells CELL[0..N)?  (A title, a paragraph, a
 * heading across the table: no body line for placing boundaries.) */
static int
crosses_cells(const struct vline *l, const struct span *cell, size_t n)
{
	for (size_t i = 0; i < l->nw; i++) {
		int hits = 0;
		for (size_t k = 0; k < n && hits < 2; k++)
			hits += overlaps(l->w[i]->x0, l->w[i]->x1, cell[k].x0, cell[k].x1);
		if (hits >= 2)
			return 1;
	}
	return 0;
}

static double
line_cy(const struct vline *l)
{
	return (l->top + l->bot) / 2;
}

/* Sort and merge overlapping cells; returns the count. */
static size_t
cells_merge(struct span *cell, size_t n)
{
	size_t o = 0;

	xsort(cell, n, sizeof *cell, cmp_span);
	for (size_t i = 0; i < n; i++) {
		if (o && cell[i].x0 < cell[o - 1].x1) {
			cell[o - 1].x1 = fmax(cell[o - 1].x1, cell[i].x1);
			continue;
		}
		cell[o++] = cell[i];
	}
	return o;
}

/*
 * Is L a table header: two of its segments hold header words and one is nothing but a
 * header word (序号, 项目名称, 2027年工作任务)?  A row of the table may hold two: 实施
 * 公园项目 and 建设内容 in the cells of an item.  Returns the count of L's segments (in
 * SEG, DOC_MAX_CELLS + 1 of them), or 0.
 */
static size_t
header_line(const struct vline *l, struct span *seg)
{
	size_t nseg, hits = 0;
	int whole = 0;

	nseg = line_segments(l, SEG_GAP, seg, DOC_MAX_CELLS + 1);
	if (nseg < 2 || nseg > DOC_MAX_CELLS)
		return 0;
	nseg = merge_spaced(seg, nseg, l->em);
	for (size_t i = 0; i < nseg && (hits < 2 || !whole); i++) {
		char *t = join_words(l->w + seg[i].w0, seg[i].nw), *k = text_key(t);
		int h = has_header_word(k);
		hits += h > 0;
		whole |= h == 2;
		free(t);
		free(k);
	}
	return hits >= 2 && whole ? nseg : 0;
}

struct seed {
	size_t at;              /* the header (or first table) line */
	size_t hlast;           /* the header row's last line */
	int header;
	struct cols c;
};

/* Columns from the cells CELL[0..N) of line J and the body lines below it. */
static int
seed_cols(struct vline *const *L, size_t n, size_t j, struct span *cell, size_t ncell,
          struct seed *sd)
{
	struct vline **body;
	size_t nb = 0;

	if (ncell < 3 || ncell > DOC_MAX_CELLS)
		return 0;
	body = xmalloc(BODY_LINES * sizeof *body);
	for (size_t k = j + 1; k < n && k <= j + BODY_LINES; k++) {
		struct span seg[DOC_MAX_CELLS + 1];
		if (k > sd->hlast && header_line(L[k], seg))
			break;  /* the next table */
		if (!crosses_cells(L[k], cell, ncell))
			body[nb++] = L[k];
	}
	cols_make(&sd->c, cell, ncell, body, nb, L[j]->em);
	free(body);
	sd->at = j;
	return sd->c.n >= 3;
}

/* Add to CELL[0..N) the words of M (a line of a header row) that lie where the header
 * line's segments SEG[0..NSEG) have none: header cells wrapped onto other lines. */
static size_t
header_cells(const struct vline *m, const struct span *seg, size_t nseg, double em,
             struct span *cell, size_t n)
{
	for (size_t i = 0; i < m->nw && n < 2 * DOC_MAX_CELLS; i++) {
		const struct word *w = m->w[i];
		int hit = w->em > 1.3 * em;
		for (size_t s = 0; s < nseg && !hit; s++)
			hit = overlaps(w->x0, w->x1, seg[s].x0, seg[s].x1);
		if (!hit) {
			cell[n].x0 = w->x0;
			cell[n++].x1 = w->x1;
		}
	}
	return n;
}

/* A table header: two of the line's segments hold header words; header cells that wrap
 * onto the lines just above and below it (a centred 完成/时限) are added. */
static int
seed_header(struct vline *const *L, size_t n, size_t from, size_t j, struct seed *sd)
{
	struct span seg[DOC_MAX_CELLS + 1], cell[2 * DOC_MAX_CELLS];
	double up[8];
	size_t nseg, ncell, nup = 0;
	const struct vline *l = L[j];
	double em = l->em;

	if (!(nseg = header_line(l, seg)))
		return 0;
	memcpy(cell, seg, nseg * sizeof *seg);
	ncell = nseg;
	sd->hlast = j;
	/* Above: lines hugging the header line.  Below: a line mirroring one above (a
	 * centred cell wrapped over two or three lines), or one just under it with text only
	 * where the header line has none; not the first body line. */
	for (size_t k = j; k > from && j - k < 8;) {
		const struct vline *m = L[k - 1];
		if (L[k]->top - m->bot > 0.6 * em || line_cy(l) - line_cy(m) > HEADER_BAND * em)
			break;
		k--;
		if (nup < NELEM(up))
			up[nup++] = line_cy(l) - line_cy(m);
		ncell = header_cells(m, seg, nseg, em, cell, ncell);
	}
	for (size_t k = j; k + 1 < n && k - j < 8;) {
		const struct vline *m = L[k + 1];
		double dy = line_cy(m) - line_cy(l);
		int ok = 0;
		if (m->top - L[k]->bot > 0.6 * em || dy > HEADER_BAND * em)
			break;
		for (size_t i = 0; i < nup && !ok; i++)
			ok = fabs(up[i] - dy) <= 0.3 * em;
		if (!ok && dy <= 1.1 * em) {
			ok = 1;
			for (size_t i = 0; i < m->nw && ok; i++)
				for (size_t s = 0; s < nseg && ok; s++)
					ok = !overlaps(m->w[i]->x0, m->w[i]->x1, seg[s].x0,
					               seg[s].x1);
		}
		if (!ok)
			break;
		sd->hlast = ++k;
		ncell = header_cells(m, seg, nseg, em, cell, ncell);
	}
	ncell = cells_merge(cell, ncell);
	sd->header = 1;
	return seed_cols(L, n, j, cell, ncell, sd);
}

/* A table without header words: a line of three or more widely spaced segments with two
 * more like it among the next ten lines. */
static int
seed_plain(struct vline *const *L, size_t n, size_t j, struct seed *sd)
{
	struct span seg[DOC_MAX_CELLS + 1];
	size_t nseg, more = 0;

	nseg = line_segments(L[j], SEED_GAP, seg, DOC_MAX_CELLS + 1);
	if (nseg < 3 || nseg > DOC_MAX_CELLS)
		return 0;
	for (size_t k = j + 1; k < n && k <= j + 10 && more < 2; k++) {
		struct span s2[3];
		more += line_segments(L[k], SEED_GAP, s2, 3) >= 2;
	}
	if (more < 2)
		return 0;
	sd->header = 0;
	sd->hlast = j;
	return seed_cols(L, n, j, seg, nseg, sd);
}

/* The first seed of a table in L[FROM..N). */
static int
find_seed(struct vline *const *L, size_t n, size_t from, struct seed *sd)
{
	for (size_t j = from; j < n; j++)
		if (seed_header(L, n, from, j, sd) || seed_plain(L, n, j, sd))
			return 1;
	return 0;
}

/*
 * Are L[I] and perhaps L[I + 1], which do not fit the columns C, lines across a table (a
 * section heading in a cell spanning the columns) followed by lines of the table: a
 * line of two columns or more within twelve lines that fit?  Returns the line after
 * them, or 0.
 */
static size_t
spanning(struct vline *const *L, size_t n, size_t i, const struct cols *c)
{
	double gap = REGION_GAP * c->em;
	size_t j = i + 1;

	if (j < n && !line_fits(c, L[j]) && L[j]->top - L[i]->bot <= gap)
		j++;
	for (size_t k = j; k < n && k < j + 12; k++) {
		if (!line_fits(c, L[k]) || L[k]->top - L[k - 1]->bot > gap)
			return 0;
		if (line_ncols(c, L[k]) >= 2)
			return j;
	}
	return 0;
}

/*
 * The lines of the table seeded at S: [*A, *B).  Upwards only a wrapped first row (or
 * header) hugging the seed; downwards every line that fits the columns and is no more
 * than REGION_GAP ems below the last, up to the next header (a new table), and at most
 * two lines across the columns (a section heading in a spanning cell, marked in SPAN)
 * when lines of the table follow (a line of two columns or more within twelve lines
 * that fit).
 */
static void
region_grow(struct vline *const *L, size_t n, size_t lo, size_t s, size_t hlast,
            const struct cols *c, char *span, size_t *a, size_t *b)
{
	struct span seg[DOC_MAX_CELLS + 1];
	double em = c->em;
	size_t first = s, last = s, i = s + 1;

	while (first > lo && s - first < 3 && line_fits(c, L[first - 1]) &&
	       L[first]->top - L[first - 1]->bot <= 0.6 * em &&
	       line_cy(L[s]) - line_cy(L[first - 1]) <= HEADER_BAND * em)
		first--;
	for (size_t k = first; k <= s; k++)
		span[k] = 0;
	while (i < n) {
		size_t j, k;
		if (L[i]->top - L[last]->bot > REGION_GAP * em ||
		    (i > hlast && header_line(L[i], seg)))
			break;
		if (line_fits(c, L[i])) {
			span[i] = 0;
			last = i++;
			continue;
		}
		if (!(j = spanning(L, n, i, c)))
			break;
		for (k = i; k < j; k++)
			span[k] = 1;
		last = j - 1;
		i = j;
	}
	*a = first;
	*b = last + 1;
}

/* ---- tables: rows ---- */

struct frag {
	int col;                /* -1: a line across the columns */
	size_t li;              /* its line in the region */
	size_t w0, nw;          /* its words in the line */
	double top, bot;
	size_t blk;
	size_t row;
};

struct blk {
	double top, bot;
	int col;
	int head;               /* in the header row */
	size_t li;              /* its first line */
	size_t row;
};

struct trow {
	double top, bot;
	int span;
	int no;
	size_t nfilled;         /* columns with text */
	int col;                /* the (last) column with text */
	size_t li;              /* first line */
};

struct region {
	struct vline *const *L; /* the region's lines */
	size_t n;
	size_t nhead;           /* lines [0, nhead) are the header row */
	const char *span;       /* lines across the columns */
	struct cols *c;
	struct frag *f;
	size_t nf;
	struct blk *b;
	size_t nb;
	struct trow *r;
	size_t nr;
};

static int
cmp_frag(const void *a, const void *b)
{
	const struct frag *x = a, *y = b;

	if (x->col != y->col)
		return x->col - y->col;
	if (x->li != y->li)
		return x->li < y->li ? -1 : 1;
	return (x->w0 > y->w0) - (x->w0 < y->w0);
}

static int
cmp_blk(const void *a, const void *b)
{
	const struct blk *x = *(struct blk *const *)a, *y = *(struct blk *const *)b;

	if (x->top != y->top)
		return x->top < y->top ? -1 : 1;
	return (x->li > y->li) - (x->li < y->li);
}

/*
 * The pitch of the lines inside cells: the smallest distance between two consecutive
 * lines of a column that many pairs share (wrapped cells); 0 when no cell wraps.
 * Sorts D.
 */
static double
cell_pitch(double *d, size_t n)
{
	size_t j = 0;

	xsort(d, n, sizeof *d, cmp_double);
	for (size_t i = 0; i < n; i++) {
		if (j < i)
			j = i;
		while (j < n && d[j] <= d[i] * 1.06 + 0.3)
			j++;
		if (j - i >= 2 && (double)(j - i) >= 0.15 * (double)n)
			return d[j - 1];
	}
	return 0;
}

static double
frag_cy(const struct frag *f)
{
	return (f->top + f->bot) / 2;
}

/* An item number alone in its cell: "12", "12.", "12、", "A3". */
static int
is_seqno(const char *text)
{
	char *k = text_key(text);
	const char *p = k;
	int digits = 0;

	if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	while (*p >= '0' && *p <= '9' && digits < 4) {
		p++;
		digits++;
	}
	if (*p == '.')
		p++;
	else if (strncmp(p, "、", strlen("、")) == 0)
		p += strlen("、");
	digits = digits > 0 && digits < 4 && *p == '\0';
	free(k);
	return digits;
}

/* Fragments F[0..N) (indices into G) cut at Y[0..M-1) into M rows: the row of each in
 * OUT (0..M-1, by its centre). */
static void
cut_rows(const struct region *g, const size_t *F, size_t n, const double *y, size_t m,
         size_t *out)
{
	for (size_t i = 0; i < n; i++) {
		double cy = frag_cy(&g->f[F[i]]);
		size_t k = 0;
		while (k + 1 < m && cy >= y[k])
			k++;
		out[i] = k;
	}
}

/* How far the cells of the rows OUT of F[0..N) are from lining up with their numbers
 * (at the positions S[0..M) in F): their middles with the numbers' middles (CENTRE) or
 * their tops with the numbers' tops. */
static double
cut_score(const struct region *g, const size_t *F, size_t n, const size_t *S, size_t m,
          const size_t *out, int centre)
{
	size_t nc = (size_t)g->c->n;
	double *top = xmalloc(m * nc * sizeof *top), *bot = xmalloc(m * nc * sizeof *bot);
	double score = 0;
	char *num = xcalloc(n, 1);

	for (size_t i = 0; i < m * nc; i++) {
		top[i] = INFINITY;
		bot[i] = -INFINITY;
	}
	for (size_t k = 0; k < m; k++)
		num[S[k]] = 1;
	for (size_t i = 0; i < n; i++) {
		const struct frag *f = &g->f[F[i]];
		size_t k;
		if (num[i] || f->col < 0)
			continue;       /* the numbers themselves */
		k = out[i] * nc + (size_t)f->col;
		top[k] = fmin(top[k], f->top);
		bot[k] = fmax(bot[k], f->bot);
	}
	for (size_t k = 0; k < m; k++)
		for (size_t c = 0; c < nc; c++) {
			const struct frag *s = &g->f[F[S[k]]];
			size_t i = k * nc + c;
			if (top[i] > bot[i])
				continue;
			score += centre ? fabs((top[i] + bot[i]) / 2 - frag_cy(s)) :
			                  fabs(top[i] - s->top);
		}
	free(top);
	free(bot);
	free(num);
	return score;
}

/*
 * A row of region G holding several item numbers (F[0..N) its fragments, S[0..M) the
 * positions in F of the numbers, top to bottom) is several rows whose borders the
 * geometry does not show: a table without vertical padding puts the lines of
 * consecutive rows at the same pitch as the lines of a cell (cq-2025 printed by
 * Chromium).  With cells centred vertically, the number sits
 * in the middle of its row: the row ends as far below the number as it starts above it,
 * and the next row starts at the next line; with cells at the top, a row starts at its
 * number.  Whichever lines the other cells up better wins.  Writes rows to OUT.
 */
static void
split_row(const struct region *g, const size_t *F, size_t n, const size_t *S, size_t m,
          size_t *out)
{
	double *yc = xmalloc(m * sizeof *yc), *yt = xmalloc(m * sizeof *yt), t = INFINITY;
	size_t *oc = xmalloc(n * sizeof *oc);

	for (size_t i = 0; i < n; i++)
		t = fmin(t, g->f[F[i]].top);
	for (size_t k = 0; k + 1 < m; k++) {
		const struct frag *s = &g->f[F[S[k]]], *s2 = &g->f[F[S[k + 1]]];
		double b = 2 * frag_cy(s) - t, best = INFINITY;
		double cut = (frag_cy(s) + frag_cy(s2)) / 2;
		/* The cut goes just above the line that starts nearest the row's end. */
		for (size_t i = 0; i < n; i++) {
			const struct frag *f = &g->f[F[i]];
			if (f->top > frag_cy(s) && f->top <= s2->top && fabs(f->top - b) < best) {
				best = fabs(f->top - b);
				cut = f->top;
			}
		}
		yc[k] = cut;
		t = INFINITY;
		for (size_t i = 0; i < n; i++)
			if (frag_cy(&g->f[F[i]]) >= cut)
				t = fmin(t, g->f[F[i]].top);
		if (t == INFINITY)
			t = cut;
		yt[k] = s2->top - 0.1 * g->c->em;
	}
	cut_rows(g, F, n, yc, m, oc);
	cut_rows(g, F, n, yt, m, out);
	if (cut_score(g, F, n, S, m, oc, 1) <= cut_score(g, F, n, S, m, out, 0))
		memcpy(out, oc, n * sizeof *out);
	free(yc);
	free(yt);
	free(oc);
}

/* Split the rows of G that hold more than one item number (split_row).  The number
 * column is the first, when most of its cells are numbers. */
static void
rows_split(struct region *g)
{
	size_t nums = 0, cells = 0, nr = g->nr, *start, *F, *S, *out;

	for (size_t i = 0; i < g->nf; i++)
		if (g->f[i].col == 0 && g->f[i].li >= g->nhead) {
			const struct vline *l = g->L[g->f[i].li];
			char *t = join_words(l->w + g->f[i].w0, g->f[i].nw);
			cells++;
			nums += is_seqno(t);
			free(t);
		}
	if (nums < 2 || nums < 0.6 * cells)
		return;
	/* Fragments by row (counting sort). */
	start = xcalloc(nr + 1, sizeof *start);
	for (size_t i = 0; i < g->nf; i++)
		start[g->f[i].row + 1]++;
	for (size_t r = 0; r < nr; r++)
		start[r + 1] += start[r];
	F = xmalloc(g->nf * sizeof *F);
	S = xmalloc(g->nf * sizeof *S);
	out = xmalloc(g->nf * sizeof *out);
	{
		size_t *pos = xmalloc((nr + 1) * sizeof *pos);
		memcpy(pos, start, (nr + 1) * sizeof *pos);
		for (size_t i = 0; i < g->nf; i++)
			F[pos[g->f[i].row]++] = i;
		free(pos);
	}
	for (size_t r = 0; r < nr; r++) {
		size_t *fr = F + start[r], n = start[r + 1] - start[r], m = 0;
		for (size_t i = 0; i < n; i++) {
			const struct frag *f = &g->f[fr[i]];
			if (f->col == 0 && f->li >= g->nhead) {
				const struct vline *l = g->L[f->li];
				char *t = join_words(l->w + f->w0, f->nw);
				if (is_seqno(t))
					S[m++] = i;
				free(t);
			}
		}
		/* (Numbers are top to bottom: fr is by column, then line.  Beyond the sizes
		 * of real pages the row stays as it is: the cuts cost m * n.) */
		if (m < 2 || m > 1000 || n > 50000)
			continue;
		split_row(g, fr, n, S, m, out);
		for (size_t i = 0; i < n; i++)
			if (out[i] > 0)
				g->f[fr[i]].row = g->nr + out[i] - 1;
		g->nr += m - 1;
	}
	free(start);
	free(F);
	free(S);
	free(out);
}

struct rowkey {
	size_t li;
	double top;
	size_t k;
};

static int
cmp_rowkey(const void *a, const void *b)
{
	const struct rowkey *x = a, *y = b;

	if (x->li != y->li)
		return x->li < y->li ? -1 : 1;
	if (x->top != y->top)
		return x->top < y->top ? -1 : 1;
	return (x->k > y->k) - (x->k < y->k);
}

/* Number the rows of G top to bottom (by first line, then top: rows that start on one
 * line are in line order) and work out what each holds. */
static void
rows_finish(struct region *g)
{
	struct trow *r = xcalloc(g->nr ? g->nr : 1, sizeof *r);
	struct rowkey *key = xmalloc((g->nr ? g->nr : 1) * sizeof *key);
	size_t *rank = xmalloc((g->nr ? g->nr : 1) * sizeof *rank), nk = 0;

	for (size_t k = 0; k < g->nr; k++) {
		r[k].top = INFINITY;
		r[k].bot = -INFINITY;
		r[k].li = SIZE_MAX;
	}
	for (size_t i = 0; i < g->nf; i++) {
		struct trow *t = &r[g->f[i].row];
		t->top = fmin(t->top, g->f[i].top);
		t->bot = fmax(t->bot, g->f[i].bot);
		if (g->f[i].li < t->li)
			t->li = g->f[i].li;
	}
	for (size_t k = 0; k < g->nr; k++)
		if (r[k].li != SIZE_MAX) {      /* (a row cut off empty goes) */
			key[nk].li = r[k].li;
			key[nk].top = r[k].top;
			key[nk++].k = k;
		}
	xsort(key, nk, sizeof *key, cmp_rowkey);
	/* Splitting may have made more rows than there were blocks: a new array. */
	free(g->r);
	g->r = xcalloc(nk ? nk : 1, sizeof *g->r);
	for (size_t i = 0; i < nk; i++) {
		rank[key[i].k] = i;
		g->r[i] = r[key[i].k];
		g->r[i].no = INT32_MAX;
		g->r[i].col = -1;
		g->r[i].nfilled = 0;
		g->r[i].span = 0;
	}
	g->nr = nk;
	for (size_t i = 0; i < g->nf; i++) {
		struct frag *f = &g->f[i];
		struct trow *t;
		f->row = rank[f->row];
		t = &g->r[f->row];
		if (g->L[f->li]->no < t->no)
			t->no = g->L[f->li]->no;
		if (f->col < 0)
			t->span = 1;
		if (f->col != t->col) {
			t->nfilled++;
			t->col = f->col;
		}
	}
	free(r);
	free(key);
	free(rank);
}

/* Fragments: a column's words on one line of region G (a line across the columns is one
 * fragment of column -1). */
static void
region_frags(struct region *g)
{
	size_t fcap = 0;

	for (size_t i = 0; i < g->n; i++) {
		const struct vline *l = g->L[i];
		for (size_t k = 0; k < l->nw; k++) {
			int col = g->span[i] ? -1 : col_of(g->c, word_cx(l->w[k]));
			struct frag *f = g->nf ? &g->f[g->nf - 1] : NULL;
			if (f && f->li == i && f->col == col) {
				f->nw++;
				f->top = fmin(f->top, l->w[k]->top);
				f->bot = fmax(f->bot, l->w[k]->bot);
				continue;
			}
			xgrow(&g->f, &fcap, g->nf + 1, sizeof *g->f);
			f = &g->f[g->nf++];
			memset(f, 0, sizeof *f);
			f->col = col;
			f->li = i;
			f->w0 = k;
			f->nw = 1;
			f->top = l->w[k]->top;
			f->bot = l->w[k]->bot;
		}
	}
	xsort(g->f, g->nf, sizeof *g->f, cmp_frag);
}

/* The pitch of lines within a cell: from the steps between a column's fragments. */
static double
region_pitch(const struct region *g)
{
	double *d = NULL, pitch, em = g->c->em;
	size_t nd = 0, dcap = 0;

	for (size_t i = 1; i < g->nf; i++) {
		double dy = frag_cy(&g->f[i]) - frag_cy(&g->f[i - 1]);
		if (g->f[i].col >= 0 && g->f[i].col == g->f[i - 1].col && dy > 0.5 * em &&
		    dy < 3 * em && g->f[i - 1].li >= g->nhead) {
			xgrow(&d, &dcap, nd + 1, sizeof *d);
			d[nd++] = dy;
		}
	}
	pitch = cell_pitch(d, nd);
	free(d);
	return pitch;
}

/* Blocks: a column's consecutive lines that overlap or sit at the cell pitch (a row's
 * padding and border make the pitch across rows larger, when it has any). */
static void
region_blocks(struct region *g, double pitch)
{
	g->b = xmalloc((g->nf ? g->nf : 1) * sizeof *g->b);
	for (size_t i = 0; i < g->nf; i++) {
		struct frag *f = &g->f[i], *p = i ? &g->f[i - 1] : NULL;
		int head = f->li < g->nhead;
		if (p && f->col >= 0 && f->col == p->col && head == (p->li < g->nhead) &&
		    (f->top < p->bot ||
		     (pitch > 0 && frag_cy(f) - frag_cy(p) <= pitch + fmax(0.5, 0.04 * pitch)))) {
			struct blk *b = &g->b[g->nb - 1];
			b->top = fmin(b->top, f->top);
			b->bot = fmax(b->bot, f->bot);
			f->blk = g->nb - 1;
			continue;
		}
		g->b[g->nb].top = f->top;
		g->b[g->nb].bot = f->bot;
		g->b[g->nb].col = f->col;
		g->b[g->nb].head = head;
		g->b[g->nb].li = f->li;
		f->blk = g->nb++;
	}
}

/* Rows: blocks by their tops; one that starts above the bottom of the row so far belongs
 * to it.  A line across the columns is a row of its own, so is the header. */
static void
region_blocks_to_rows(struct region *g)
{
	struct blk **ord = xmalloc((g->nb ? g->nb : 1) * sizeof *ord);
	double bot = 0, em = g->c->em;
	int span = 0, head = 0;

	for (size_t i = 0; i < g->nb; i++)
		ord[i] = &g->b[i];
	xsort(ord, g->nb, sizeof *ord, cmp_blk);
	g->r = xcalloc(g->nb ? g->nb : 1, sizeof *g->r);
	for (size_t i = 0; i < g->nb; i++) {
		struct blk *b = ord[i];
		if (g->nr && !span && b->col >= 0 && b->head == head && b->top < bot - 0.05 * em) {
			bot = fmax(bot, b->bot);
			b->row = g->nr - 1;
			continue;
		}
		bot = b->bot;
		span = b->col < 0;
		head = b->head;
		b->row = g->nr++;
	}
	free(ord);
	for (size_t i = 0; i < g->nf; i++)
		g->f[i].row = g->b[g->f[i].blk].row;
}

/* Fragments, blocks (a column's lines at cell pitch) and rows (blocks overlapping
 * vertically) of region G. */
static void
region_rows(struct region *g)
{
	region_frags(g);
	region_blocks(g, region_pitch(g));
	region_blocks_to_rows(g);
	rows_split(g);
	rows_finish(g);
}

/*
 * Rows at the end of a table that hold one cell (not an item number) and stand further
 * below the row above than rows do are no table rows: a signature or a date
 * right-aligned under the last column, an 附件2 under the first.  Returns the count of
 * rows kept.
 */
static size_t
rows_keep(const struct region *g)
{
	double *gap, med = 0, em = g->c->em;
	size_t n = g->nr, ng = 0;

	if (n < 2)
		return n;
	/* The usual gap between rows, the last row's left out. */
	gap = xmalloc(n * sizeof *gap);
	for (size_t i = 1; i + 1 < n; i++)
		gap[ng++] = g->r[i].top - g->r[i - 1].bot;
	xsort(gap, ng, sizeof *gap, cmp_double);
	med = ng ? gap[ng / 2] : 0;
	free(gap);
	while (n >= 2) {
		const struct trow *r = &g->r[n - 1];
		int num = 0;
		if (r->span || r->nfilled != 1 ||
		    r->top - g->r[n - 2].bot <= fmax(1.2 * em, 1.5 * med))
			break;
		for (size_t i = 0; i < g->nf && r->col == 0; i++)
			if (g->f[i].row == n - 1) {
				const struct vline *l = g->L[g->f[i].li];
				char *t = join_words(l->w + g->f[i].w0, g->f[i].nw);
				num = is_seqno(t);
				free(t);
				break;
			}
		if (num)
			break;
		n--;
	}
	return n;
}

static void
add_words(struct dline *dl, struct word *const *w, size_t n)
{
	if (!n)
		return;
	dl->words = xrealloc(dl->words, (dl->nwords + n) * sizeof *dl->words);
	for (size_t i = 0; i < n; i++) {
		struct dword *o = &dl->words[dl->nwords++];
		o->text = xstrdup(w[i]->text);
		o->x0 = w[i]->x0;
		o->y0 = w[i]->y0;
		o->x1 = w[i]->x1;
		o->y1 = w[i]->y1;
	}
}

static void
emit_text(struct doc *d, const struct vline *l, int pageno)
{
	struct dline *dl = doc_add_line(d, l->text, l->no);

	dl->page = pageno;
	add_words(dl, l->w, l->nw);
}

/*
 * Are the cells of region G's rows set in their middle (a browser's table) rather than
 * at their top (a word processor's)?  A row whose cells differ in height tells: a short
 * cell's middle at the tall one's middle, or its top at the tall one's top.
 */
static int
middle_aligned(const struct region *g, size_t nr)
{
	int mid = 0, top = 0;

	for (size_t r = 0; r < nr; r++) {
		double ct[DOC_MAX_CELLS], cb[DOC_MAX_CELLS];
		int lo = -1, hi = -1;
		if (g->r[r].span)
			continue;
		for (int c = 0; c < g->c->n; c++) {
			ct[c] = INFINITY;
			cb[c] = -INFINITY;
		}
		for (size_t i = 0; i < g->nf; i++) {
			const struct frag *f = &g->f[i];
			if (f->row != r || f->col < 0 || f->li < g->nhead)
				continue;
			ct[f->col] = fmin(ct[f->col], f->top);
			cb[f->col] = fmax(cb[f->col], f->bot);
		}
		for (int c = 0; c < g->c->n; c++) {
			if (ct[c] == INFINITY)
				continue;
			if (lo < 0 || cb[c] - ct[c] < cb[lo] - ct[lo])
				lo = c;
			if (hi < 0 || cb[c] - ct[c] > cb[hi] - ct[hi])
				hi = c;
		}
		if (lo < 0 || (cb[hi] - ct[hi]) - (cb[lo] - ct[lo]) < g->c->em)
			continue;
		if (fabs((ct[lo] + cb[lo]) - (ct[hi] + cb[hi])) / 2 < fabs(ct[lo] - ct[hi]))
			mid++;
		else
			top++;
	}
	return mid > top;
}

/* The column of region G whose header names a category (市区分级, 类别), or -1. */
static int
category_col(const struct region *g)
{
	int col = -1;

	if (!g->nhead)
		return -1;
	for (int c = 0; c < g->c->n && col < 0; c++) {
		struct sb sb = SB_INIT;
		char *k;
		for (size_t i = 0; i < g->nf; i++)
			if (g->f[i].col == c && g->f[i].li < g->nhead) {
				const struct vline *l = g->L[g->f[i].li];
				for (size_t w = 0; w < g->f[i].nw; w++)
					sb_adds(&sb, l->w[g->f[i].w0 + w]->text);
			}
		k = text_key(sb.buf ? sb.buf : "");
		if (*k && role_of(k) == R_SECTION)
			col = c;
		free(k);
		sb_release(&sb);
	}
	return col;
}

/*
 * A category cell merged over several rows (市区分级: 区级民生实事 over items 10–15) shows
 * its text once, in the middle of the rows it spans when cells are set in their middle —
 * so the rows above the text, down from where the span starts, read as the category
 * before.  The span is symmetric about its text: working up from the table's last row,
 * each text's span ends where the next one's starts, and starts as far above the text as
 * it ends below it.  The text moves to the span's first row, where a layout carries it
 * down.  Rows above the first span (the end of a span from the page before) are left.
 */
static void
merged_categories(struct region *g, size_t nr)
{
	int c = category_col(g);
	double bottom;
	size_t first = g->nhead ? 1 : 0;

	if (c < 0 || nr < 3 || !middle_aligned(g, nr))
		return;
	bottom = g->r[nr - 1].bot;
	for (size_t r = nr; r-- > first;) {
		double top = INFINITY, bot = -INFINITY, start;
		size_t to = r;
		for (size_t i = 0; i < g->nf; i++)
			if (g->f[i].row == r && g->f[i].col == c) {
				top = fmin(top, g->f[i].top);
				bot = fmax(bot, g->f[i].bot);
			}
		if (top == INFINITY || g->r[r].span)
			continue;
		start = (top + bot) - bottom;   /* 2 × the text's middle, less the span's end */
		/* The first row of the span: the highest whose middle is below its start,
		 * with no text of its own in the column. */
		while (to > first && !g->r[to - 1].span &&
		       (g->r[to - 1].top + g->r[to - 1].bot) / 2 >= start) {
			int taken = 0;
			for (size_t i = 0; i < g->nf && !taken; i++)
				taken = g->f[i].row == to - 1 && g->f[i].col == c;
			if (taken)
				break;
			to--;
		}
		for (size_t i = 0; i < g->nf; i++)
			if (g->f[i].row == r && g->f[i].col == c)
				g->f[i].row = to;
		bottom = g->r[to].top;
	}
}

/* Emit rows [0, NR) of region G as rows of table TNO; note each column's leftmost text
 * in the columns (for a continuation on the next page).  Returns -1 when a row's text
 * is longer than DOC_MAX_LINE (it is emitted all the same). */
static int
region_emit(struct doc *d, struct region *g, size_t nr, int tno, int pageno)
{
	int rc = 0;

	size_t *start, *pos, *idx;

	merged_categories(g, nr);
	start = xcalloc(nr + 1, sizeof *start);

	/* Fragments by row, then by column and line (their order in g->f). */
	for (size_t i = 0; i < g->nf; i++)
		if (g->f[i].row < nr)
			start[g->f[i].row + 1]++;
	for (size_t r = 0; r < nr; r++)
		start[r + 1] += start[r];
	pos = xmalloc((nr + 1) * sizeof *pos);
	memcpy(pos, start, (nr + 1) * sizeof *pos);
	idx = xmalloc((start[nr] ? start[nr] : 1) * sizeof *idx);
	for (size_t i = 0; i < g->nf; i++)
		if (g->f[i].row < nr)
			idx[pos[g->f[i].row]++] = i;
	for (size_t r = 0; r < nr; r++) {
		struct dline *row = doc_add_row(d, tno, g->r[r].no);
		size_t k = start[r];
		row->page = pageno;
		if (g->r[r].span) {
			/* A line across the columns: its text in the column it starts in, the
			 * columns right of it spanned from the left (as an HTML colspan reads:
			 * where the cell ends, the geometry does not say). */
			const struct frag *f = &g->f[idx[k]];
			const struct vline *l = g->L[f->li];
			int c0 = col_of(g->c, l->w[0]->x0 + FIT_TOL * g->c->em);
			for (int c = 0; c < g->c->n; c++) {
				enum dspan sp = c > c0 ? DSPAN_LEFT : DSPAN_NONE;
				struct dcell *cell = doc_row_cell(row, sp);
				if (c == c0)
					doc_cell_part(cell, l->text, l->no);
			}
			add_words(row, l->w, l->nw);
		} else
			for (int c = 0; c < g->c->n; c++) {
				struct dcell *cell = doc_row_cell(row, DSPAN_NONE);
				for (; k < start[r + 1] && g->f[idx[k]].col == c; k++) {
					const struct frag *f = &g->f[idx[k]];
					const struct vline *l = g->L[f->li];
					char *t = join_words(l->w + f->w0, f->nw);
					doc_cell_part(cell, t, l->no);
					free(t);
					add_words(row, l->w + f->w0, f->nw);
					if (l->w[f->w0]->x0 < g->c->left[c])
						g->c->left[c] = l->w[f->w0]->x0;
				}
			}
		doc_row_finish(row);
		if (strlen(row->text) > DOC_MAX_LINE)
			rc = -1;
	}
	free(start);
	free(pos);
	free(idx);
	return rc;
}

static void
region_release(struct region *g)
{
	free(g->f);
	free(g->b);
	free(g->r);
}

/* ---- pages ---- */

struct tabstate {
	int open;               /* the last table reached the bottom of its page */
	int no;
	struct cols c;
	int toolong;            /* a row longer than DOC_MAX_LINE was made */
};

/* Are A and B the same columns (a header repeated on a new page)?  A boundary is placed
 * in the empty space between two columns' text, which differs from page to page: each
 * may move by a quarter of the narrower column beside it. */
static int
same_cols(const struct cols *a, const struct cols *b)
{
	if (a->n != b->n || a->n < 3)
		return 0;
	for (int k = 1; k < a->n; k++) {
		double w = INFINITY;
		if (k > 1)
			w = fmin(w, a->b[k] - a->b[k - 1]);
		if (k + 1 < a->n)
			w = fmin(w, a->b[k + 1] - a->b[k]);
		if (fabs(a->b[k] - b->b[k]) > fmax(3, 0.25 * w))
			return 0;
	}
	return 1;
}

/* Does a table with columns C go on at the top of the page, at line L?  Its words must
 * not start left of where the columns' text started, and text in the first column only
 * must be an item number (an 附件2 at the margin is no row). */
static int
continues(const struct cols *c, const struct vline *l)
{
	int first = 1;

	if (!line_fits(c, l))
		return 0;
	for (size_t i = 0; i < l->nw; i++) {
		int k = col_of(c, word_cx(l->w[i]));
		if (c->left[k] < INFINITY && l->w[i]->x0 < c->left[k] - 1.5)
			return 0;
		first &= k == 0;
	}
	if (first) {
		char *t = join_words(l->w, l->nw);
		first = !is_seqno(t);
		free(t);
	}
	return !first;
}

/*
 * Emit the region [A, B) of L (spanning lines marked in SPAN) as a table: a new one, or
 * table TS->no when CONT.  Returns the end of what was emitted as table rows (rows that
 * are no table rows are left for text), or A when it is no table.
 */
static size_t
table_emit(struct doc *d, struct vline *const *L, size_t a, size_t b, size_t nhead,
           const char *span, struct cols *c, int header, int cont, struct tabstate *ts,
           int pageno)
{
	struct region g;
	size_t nr, end = a, multi = 0;

	memset(&g, 0, sizeof g);
	g.L = L + a;
	g.n = b - a;
	g.span = span + a;
	g.nhead = nhead;
	g.c = c;
	region_rows(&g);
	nr = rows_keep(&g);
	for (size_t i = 0; i < g.nf; i++)
		if (g.f[i].row < nr && g.f[i].li + a + 1 > end)
			end = g.f[i].li + a + 1;
	/* Without header words, three lines of two columns or more make a table. */
	for (size_t i = a; i < end && !cont && !header; i++)
		multi += !span[i] && line_ncols(c, L[i]) >= 2;
	if (!cont && !header && multi < 3) {
		region_release(&g);
		return a;
	}
	if (!cont)
		ts->no = ++d->ntables;
	if (region_emit(d, &g, nr, ts->no, pageno) < 0)
		ts->toolong = 1;
	ts->c = *c;
	region_release(&g);
	return end;
}

static void
page_emit(struct doc *d, struct page *pg, int pageno, struct tabstate *ts)
{
	struct vline **L = xmalloc((pg->nlines ? pg->nlines : 1) * sizeof *L);
	char *span = xcalloc(pg->nlines + 1, 1);
	size_t n = 0, pos = 0;

	for (size_t i = 0; i < pg->nlines; i++)
		if (!pg->lines[i].chrome)
			L[n++] = &pg->lines[i];
	if (ts->open && n) {
		struct seed sd;
		size_t a, b, end = 0, j;
		ts->open = 0;
		/* The header repeated at the top of the page, or rows going on. */
		for (j = 0; j < 2 && j < n && !seed_header(L, n, 0, j, &sd); j++)
			;
		if (j < 2 && j < n && !same_cols(&sd.c, &ts->c))
			;       /* another table's header: a new table */
		else if (j < 2 && j < n) {
			memcpy(sd.c.left, ts->c.left, sizeof sd.c.left);
			region_grow(L, n, 0, sd.at, sd.hlast, &sd.c, span, &a, &b);
			for (size_t i = 0; i < a; i++)
				emit_text(d, L[i], pageno);
			end = table_emit(d, L, a, b, sd.hlast + 1 - a, span, &sd.c, 1, 1, ts, pageno);
		} else {
			struct cols c = ts->c;
			int go = continues(&c, L[0]);
			size_t heading = go || line_fits(&c, L[0]) ? 0 : spanning(L, n, 0, &c);
			if (go || heading) {
				region_grow(L, n, 0, 0, 0, &c, span, &a, &b);
				for (size_t k = 0; k < heading; k++)
					span[k] = 1;    /* a section heading first */
				end = table_emit(d, L, a, b, 0, span, &c, 0, 1, ts, pageno);
			}
		}
		if (end) {
			pos = end;
			ts->open = end == n;
		}
	}
	while (pos < n) {
		struct seed sd;
		size_t a, b, end;
		if (!find_seed(L, n, pos, &sd))
			break;
		region_grow(L, n, pos, sd.at, sd.header ? sd.hlast : sd.at, &sd.c, span, &a,
		            &b);
		for (; pos < a; pos++)
			emit_text(d, L[pos], pageno);
		end = table_emit(d, L, a, b, sd.header ? sd.hlast + 1 - a : 0, span, &sd.c,
		                 sd.header, 0, ts, pageno);
		if (end == a) {         /* no table after all: the seed line is text */
			for (; pos <= sd.at; pos++)
				emit_text(d, L[pos], pageno);
			continue;
		}
		pos = end;
		ts->open = end == n;
	}
	for (; pos < n; pos++)
		emit_text(d, L[pos], pageno);
	free(L);
	free(span);
}

/* ---- the readers ---- */

int
doc_read_bbox(struct doc *d, const char *buf, size_t len, char **cause)
{
	struct pdf p;
	struct tabstate ts;
	int no = 0, rc = -1;

	memset(&p, 0, sizeof p);
	memset(&ts, 0, sizeof ts);
	if (len > DOC_MAX_BYTES)
		return fail(cause, "%s: pdftotext output larger than %u bytes", d->name,
		            DOC_MAX_BYTES);
	if (bbox_parse(&p, buf, len, d->name, cause) < 0)
		goto out;
	if (!p.nwords) {
		fail(cause, "%s: the PDF has no text (a scanned image? yoy reads PDFs with a text "
		     "layer)", d->name);
		goto out;
	}
	for (size_t i = 0; i < p.npages; i++) {
		struct page *pg = &p.pages[i];
		double w = pg->width;
		for (size_t k = 0; pg->width <= 0 && k < pg->nwords; k++)
			w = fmax(w, pg->words[k].x1);
		if (w > d->page_width)
			d->page_width = w;
		if (page_lines(pg, &no, d->name, (int)i + 1, cause) < 0)
			goto out;
		/* Without its size (not pdftotext's output) a page is as high as its text. */
		if (pg->height <= 0 && pg->nlines)
			pg->height = pg->lines[pg->nlines - 1].bot;
		if (pg->height <= 0)
			pg->height = 1;
	}
	mark_chrome(&p);
	for (size_t i = 0; i < p.npages; i++) {
		page_emit(d, &p.pages[i], (int)i + 1, &ts);
		if (ts.toolong) {
			fail(cause, "%s: page %zu: table row longer than %u bytes", d->name, i + 1,
			     DOC_MAX_LINE);
			goto out;
		}
	}
	rc = 0;
out:
	pdf_release(&p);
	return rc;
}

/* The words of the PDF through `pdftotext -bbox-layout`.  Its last word is its conclusion ("Syntax Error:
 * Couldn't read xref table"), its first often a warning ("May not be a PDF file
 * (continuing anyway)"): the last line is the one told. */
int
doc_read_pdf(struct doc *d, const char *path, int *missing, char **cause)
{
	/* A path starting with '-' would be read as an option. */
	char *arg0 = path[0] == '-' ? xasprintf("./%s", path) : xstrdup(path);
	const char *argv[] = { "pdftotext", "-bbox-layout", arg0, "-", NULL };
	struct proc p;
	int rc = -1;

	if (missing)
		*missing = 0;
	if (!proc_have("pdftotext")) {
		if (missing)
			*missing = 1;
		free(arg0);
		return fail(cause, "%s: pdftotext not found (install poppler-utils)", d->name);
	}
	if (proc_run(argv, NULL, DOC_MAX_BYTES, &p, cause) < 0) {
		free(arg0);
		return -1;
	}
	free(arg0);
	if (p.big)
		fail(cause, "%s: pdftotext output larger than %u bytes", d->name, DOC_MAX_BYTES);
	else if (!proc_ok(&p)) {
		char *line = proc_last_line(&p);
		if (WIFEXITED(p.status) && WEXITSTATUS(p.status) == 127 && missing)
			*missing = 1;
		fail(cause, "%s: pdftotext could not read the PDF%s%s", d->name, *line ? ": " : "",
		     line);
		free(line);
	} else
		rc = doc_read_bbox(d, p.out.buf ? p.out.buf : "", p.out.len, cause);
	proc_release(&p);
	return rc;
}
