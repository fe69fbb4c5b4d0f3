/*
 * read_html: doc_read_html (see doc.h), a saved HTML page through libxml2's HTML parser.
 *
 * Three steps.  The bytes are decoded to UTF-8 here, before libxml2 sees them (a GBK page
 * parsed as UTF-8 is mojibake, and libxml2 switches to Latin-1 at the first bad byte);
 * converting keeps every newline, so libxml2's line numbers are those of the file.  The
 * parser builds the tree, with two SAX callbacks wrapped to record in each node's psvi
 * (unused by the HTML parser) the line its start tag or its text starts on.  Then one walk
 * over the tree turns data tables into rows and everything else into text lines.
 *
 * Written against libxml2 2.9.14 (Debian 12); what depends on its internals is marked.
 */
#include "ingest/doc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>

#include "base/text.h"
#include "base/util.h"

/* A table whose grid (rows times columns, spans expanded) is larger is refused. */
#define GRID_MAX (1u << 20)
/* A rowspan is cut to this many rows (and to the rows the table has). */
#define ROWSPAN_MAX 1000
/* Chrome (a menu, a footer) holding more text than this, or a table, is read after all. */
#define CHROME_MAX_TEXT 4096

/* ---- decoding ---- */

/* Charset names a page may declare, and the iconv name each is read as.  GBK and GB2312
 * are read as GB18030, their superset: pages labelled gb2312 often use GBK characters. */
static const struct {
	const char *label, *charset;
} charsets[] = {
	{ "utf-8", "UTF-8" },       { "utf8", "UTF-8" },        { "gbk", "GB18030" },
	{ "gb2312", "GB18030" },    { "gb18030", "GB18030" },   { "x-gbk", "GB18030" },
	{ "cp936", "GB18030" },     { "euc-cn", "GB18030" },    { "csgb2312", "GB18030" },
	{ "big5", "Big5" },         { "big5-hkscs", "Big5" },   { "cp950", "Big5" },
	{ "x-x-big5", "Big5" },
};

static const char *
charset_of(const char *label, size_t n)
{
	for (size_t i = 0; i < NELEM(charsets); i++)
		if (strlen(charsets[i].label) == n && strncasecmp(label, charsets[i].label, n) == 0)
			return charsets[i].charset;
	return NULL;
}

static const char *
memcasemem(const char *h, size_t hn, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; n <= hn && i <= hn - n; i++)
		if (strncasecmp(h + i, needle, n) == 0)
			return h + i;
	return NULL;
}

/* The value after "charset" (or "encoding") at P in [P, END): = and quotes skipped. */
static const char *
charset_value(const char *p, const char *end)
{
	const char *v;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '=')
		return NULL;
	p++;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '"' ||
	                   *p == '\''))
		p++;
	for (v = p; p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
	                        *p == '.' || *p == ':');
	     p++)
		;
	return charset_of(v, (size_t)(p - v));
}

/*
 * The charset the page declares in an <?xml encoding?>, a <meta charset> or a <meta
 * http-equiv content="...; charset=...">, looked for before <body> in the first MiB
 * (comments skipped); NULL when there is none or it is not one we read (a page that
 * declares windows-1252 is then read as if it declared nothing).
 */
static const char *
declared_charset(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + (len < (1u << 20) ? len : (1u << 20));

	if (end - p > 5 && strncmp(p, "<?xml", 5) == 0) {
		const char *q = memchr(p, '>', (size_t)(end - p)), *e;
		if (q && (e = memcasemem(p, (size_t)(q - p), "encoding")))
			return charset_value(e + 8, q);
	}
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		size_t left = (size_t)(end - p);
		if (left >= 4 && strncmp(p, "<!--", 4) == 0) {
			const char *q = memcasemem(p + 4, left - 4, "-->");
			if (!q)
				break;
			p = q + 3;
			continue;
		}
		if (left >= 5 && strncasecmp(p, "<body", 5) == 0)
			break;
		if (left >= 6 && strncasecmp(p, "<meta", 5) == 0 && p[5] &&
		    strchr(" \t\r\n/", p[5])) {
			/* a tag is looked at up to its first 1 KiB: "<meta<meta..." stays linear */
			size_t n = left < 1024 ? left : 1024;
			const char *q = memchr(p, '>', n), *c;
			if (q)
				n = (size_t)(q - p);
			if ((c = memcasemem(p, n, "charset")) != NULL) {
				/* content="text/html; charset=gbk" and charset="gbk" alike */
				const char *cs = charset_value(c + 7, p + n);
				if (cs)
					return cs;
			}
		}
		p++;
	}
	return NULL;
}

/*
 * UTF-8 for libxml2: bad bytes become U+FFFD (counted in *bad), and so do the
 * non-characters U+FFFE and U+FFFF; NUL and control characters a space (libxml2 stops at a NUL and complains of the others), CRLF LF and a
 * lone CR LF, so that libxml2 counts the lines an editor shows.
 */
static char *
clean_utf8(const char *buf, size_t len, size_t *bad)
{
	struct sb out = SB_INIT;
	char *z = xmalloc(len + 4);
	const char *s = z, *run = z;
	int32_t cp;
	int k;

	/* u8_next wants NUL-terminated text: NULs become spaces first (and the padding
	 * lets a sequence cut by the end be read as bad rather than past the end). */
	for (size_t i = 0; i < len; i++)
		z[i] = buf[i] ? buf[i] : ' ';
	memset(z + len, 0, 4);
	*bad = 0;
	/* Runs of good characters are copied whole. */
	for (; (k = u8_next(s, &cp)) > 0; s += k) {
		if ((cp >= 0x20 && cp != 0x7f && cp != 0xFFFE && cp != 0xFFFF) || cp == '\t' ||
		    cp == '\n')
			continue;
		sb_add(&out, run, (size_t)(s - run));
		run = s + k;
		if (cp < 0 || cp >= 0x20) {
			sb_adds(&out, "\xEF\xBF\xBD");
			*bad += cp < 0;
		} else if (cp == '\r') {
			if (s[1] != '\n')
				sb_addc(&out, '\n');
		} else
			sb_addc(&out, ' ');
	}
	sb_add(&out, run, (size_t)(s - run));
	free(z);
	return sb_detach(&out);
}

/* Bytes as BUF, control characters and NULs spaces: for text_decode, which refuses them. */
static char *
decontrol(const char *buf, size_t len)
{
	char *z = xmalloc(len + 1);

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		z[i] = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? ' ' : buf[i];
	}
	z[len] = '\0';
	return z;
}

/* BUF in CHARSET ("UTF-8", "GB18030", "Big5", "UTF-16LE"...), cleaned; bad bytes counted. */
static char *
convert(const char *buf, size_t len, const char *charset, size_t *bad)
{
	char *u, *c;
	size_t nb, ulen;

	if (strcmp(charset, "UTF-8") == 0)
		return clean_utf8(buf, len, bad);
	if (strcmp(charset, "Big5") == 0) {
		/* As text_decode: Microsoft's Big5 first, then with the Hong Kong additions. */
		char *hk;
		size_t bhk, hklen;
		u = text_iconv(buf, len, "CP950", &nb, &ulen);
		if ((!u || nb > 0) &&
		    (hk = text_iconv(buf, len, "BIG5-HKSCS", &bhk, &hklen)) != NULL) {
			if (!u || bhk < nb) {
				free(u);
				u = hk;
				nb = bhk;
				ulen = hklen;
			} else
				free(hk);
		}
	} else
		u = text_iconv(buf, len, charset, &nb, &ulen);
	if (!u)
		return NULL;
	c = clean_utf8(u, ulen, bad);
	free(u);
	*bad += nb;
	return c;
}

/*
 * The page as UTF-8, and its encoding.  A BOM says it.  Else bytes that are valid UTF-8
 * are UTF-8, whatever the page declares: UTF-8 Chinese is often valid GB18030 too, GBK
 * Chinese almost never valid UTF-8, and sites moved to UTF-8 keep their old
 * <meta charset=gb2312>.  Else a declared GB or Big5 charset if the bytes are all valid
 * in it; else, with no declaration, GB18030 or Big5 as text_decode tells them apart;
 * else whichever of the declared charset, UTF-8 and GB18030 has the fewest bad bytes (a
 * page cut in the middle of a character, a stray byte), those becoming U+FFFD.
 */
static char *
html_decode(const char *buf, size_t len, const char **enc)
{
	static const char *const fallback[] = { "UTF-8", "GB18030" };
	const char *decl, *best_enc = NULL;
	char *u, *best = NULL;
	size_t bad = 0, best_bad = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		*enc = "UTF-8";
		return clean_utf8(buf + 3, len - 3, &bad);
	}
	if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0)) {
		*enc = buf[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
		if ((u = convert(buf + 2, len - 2, *enc, &bad)) != NULL)
			return u;
	}
	if (text_utf8_bad_line(buf, len) == 0) {
		*enc = "UTF-8";
		return clean_utf8(buf, len, &bad);
	}
	decl = declared_charset(buf, len);
	if (decl && strcmp(decl, "UTF-8") != 0) {
		if ((u = convert(buf, len, decl, &bad)) != NULL && bad == 0) {
			*enc = decl;
			return u;
		}
		best = u;
		best_bad = bad;
		best_enc = decl;
	}
	if (!decl) {
		char *z = decontrol(buf, len), *t;
		const char *picked = NULL;
		if ((t = text_decode(z, len, "", &picked, NULL)) != NULL &&
		    (u = convert(buf, len, picked, &bad)) != NULL) {
			free(t);
			free(z);
			*enc = picked;
			return u;
		}
		free(t);
		free(z);
	}
	for (size_t i = 0; i < NELEM(fallback); i++) {
		if (best_enc && strcmp(best_enc, fallback[i]) == 0)
			continue;
		if ((u = convert(buf, len, fallback[i], &bad)) == NULL)
			continue;
		if (!best || bad < best_bad) {
			free(best);
			best = u;
			best_bad = bad;
			best_enc = fallback[i];
		} else
			free(u);
	}
	*enc = best_enc;
	return best;
}

/* ---- parsing: the start line of every element and text node ---- */

/* The source line recorded for N by the callbacks below, else libxml2's. */
static int
node_line(const xmlNode *n)
{
	long l = n->psvi ? (long)(intptr_t)n->psvi : xmlGetLineNo(n);

	return l < 1 ? 1 : l > INT32_MAX ? INT32_MAX : (int)l;
}

/*
 * Newlines inside the start tag of NAME that ends at the parser's position, so that an
 * element's line is that of its "<" rather than of its ">" (Word writes long attribute
 * lists over several lines).  0 when the tag is not there: an element the parser implied.
 * (libxml2 2.9.14 calls startElement with CUR on the tag's closing ">" or "/>".)
 */
static int
tag_newlines(xmlParserCtxtPtr ctxt, const xmlChar *name)
{
	const xmlChar *cur, *base, *p;
	size_t n = strlen((const char *)name);
	int nl = 0;

	if (!ctxt->input || !(cur = ctxt->input->cur) || !(base = ctxt->input->base) ||
	    (*cur != '>' && *cur != '/'))
		return 0;
	for (p = cur; p > base && cur - p < 4096;) {
		p--;
		if (*p == '\n')
			nl++;
		else if (*p == '<')
			return strncasecmp((const char *)p + 1, (const char *)name, n) == 0 &&
			               !isalnum(p[1 + n]) ? nl : 0;
	}
	return 0;
}

/* What the callbacks note about the parse, through ctxt->_private. */
struct parse_note {
	int deep;       /* line of the element the parser stopped at, too deep, or 0 */
};

static void
sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_note *note = ctxt->_private;
	xmlNode *before = ctxt->node;
	int line = ctxt->input ? ctxt->input->line - tag_newlines(ctxt, name) : 0;

	xmlSAX2StartElement(ctx, name, atts);
	if (ctxt->node && ctxt->node != before && line > 0)
		ctxt->node->psvi = (void *)(intptr_t)line;
	/* libxml2 stops the parse at an element nested deeper than xmlParserMaxDepth */
	if (ctxt->disableSAX && note && !note->deep && ctxt->nodeNr >= DOC_MAX_DEPTH)
		note->deep = line > 0 ? line : 1;
}

/*
 * Text arrives in pieces; the piece that creates a text node gives its start line: the
 * parser's line once the piece is read, less the piece's newlines.  (libxml2 2.9.14's
 * htmlParseCharData hands over a full buffer of 1000 bytes or more before stepping over
 * its last character, so a newline there is not yet counted.)
 */
static void
sax_chars(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlNode *parent = ctxt->node, *last = parent ? parent->last : NULL;

	xmlSAX2Characters(ctx, ch, len);
	if (parent && parent->last && parent->last != last &&
	    parent->last->type == XML_TEXT_NODE && ctxt->input) {
		int line = ctxt->input->line;
		for (int i = 0; i < len; i++)
			line -= ch[i] == '\n';
		if (len >= 1000 && ch[len - 1] == '\n')
			line++;
		parent->last->psvi = (void *)(intptr_t)(line < 1 ? 1 : line);
	}
}

/* ---- the walk ---- */

/* A cell of a data table while it is read: its paragraphs and spans. */
struct tcell {
	struct dpart *parts;
	size_t nparts;
	int rowspan, colspan;   /* rowspan 0: to the end of the table, as in HTML */
};

struct trow {
	struct tcell *cells;
	size_t ncells;
	int line;
};

struct table {
	struct trow *rows;
	size_t n, cap;
};

struct reader {
	struct doc *d;
	struct sb sb;           /* the line or cell paragraph being gathered */
	int line;               /* source line of its first character */
	int space;              /* collapsed whitespace is due before the next character */
	int pre;                /* inside <pre>: whitespace kept, newlines end lines */
	struct tcell *cell;     /* the data table cell being read, or NULL for text lines */
	int toolong;            /* line where a line outgrew DOC_MAX_LINE, or 0 */
	int toobig;             /* line of a table over GRID_MAX cells, or 0 */
};

/* The element sets below are sorted: tag_in looks names up by bsearch. */
static const char *const skip_tags[] = {
	"applet", "audio", "button", "canvas", "datalist", "embed", "frame", "head",
	"iframe", "input", "map", "math", "nav", "noembed", "noscript", "object", "option",
	"script", "select", "style", "svg", "template", "textarea", "title", "video",
};

/* Elements that end the line before them and their own (a paragraph, in a cell). */
static const char *const block_tags[] = {
	"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
	"details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
	"footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
	"hr", "html", "legend", "li", "listing", "main", "menu", "noframes", "ol", "p",
	"plaintext", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
	"thead", "tr", "ul", "xmp",
};

/* Elements whose whitespace is kept. */
static const char *const pre_tags[] = { "listing", "plaintext", "pre", "xmp" };

static const char *const table_tag[] = { "table" };
static const char *const row_tags[] = { "td", "th", "tr" };
static const char *const cell_tags[] = { "td", "th" };
static const char *const section_tags[] = { "tbody", "tfoot", "thead" };

/*
 * Site chrome, by a word in an element's id or class ("-" and "_" ignored: "top-bar",
 * "bread_crumb"; "share" covers bdshare): skipped unless the same value also
 * names content (id="printContent" wraps the article on many sites; not "main", which
 * would keep "mainNav") -- and see chrome().
 * "header" is not one: it names content headers as often as page banners.
 */
static const char *const chrome_words[] = {
	"nav", "menu", "crumb", "share", "jiathis", "toolbar", "footer", "copyright",
	"sidebar", "topbar", "headertop", "login", "search", "qrcode", "print", NULL,
};
static const char *const content_words[] = {
	"content", "article", "detail", "editor", "zoom", NULL,
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

/* Is N an element named one of SET (sorted)? */
#define tag_in(n, set) tag_in_(n, set, NELEM(set))
static int
tag_in_(const xmlNode *n, const char *const *set, size_t nset)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       bsearch(n->name, set, nset, sizeof *set, name_cmp) != NULL;
}

static int
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

/* Does attribute NAME of E hold one of WORDS, in any case, "-" and "_" ignored? */
static int
attr_has(const xmlNode *e, const char *name, const char *const *words)
{
	xmlChar *v = xmlGetNoNsProp(e, (const xmlChar *)name);
	char *p, *q;
	int r = 0;

	if (!v)
		return 0;
	for (p = q = (char *)v; *p; p++)
		if (*p != '-' && *p != '_')
			*q++ = *p;
	*q = '\0';
	for (size_t i = 0; words[i] && !r; i++)
		r = strcasestr((const char *)v, words[i]) != NULL;
	xmlFree(v);
	return r;
}

/* style="display: none" */
static int
hidden(const xmlNode *e)
{
	xmlChar *v = xmlGetNoNsProp(e, (const xmlChar *)"style");
	char *p, *q;
	int r;

	if (!v)
		return 0;
	for (p = q = (char *)v; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			*q++ = *p;
	*q = '\0';
	r = strcasestr((char *)v, "display:none") != NULL;
	xmlFree(v);
	return r;
}

/* Does E hold a table, or more than *LEFT non-blank bytes of text (counted down)? */
static int
substantial(const xmlNode *e, size_t *left, int depth)
{
	for (const xmlNode *c = e->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			for (const xmlChar *s = c->content; *s; s++)
				if (*s > ' ' && --*left == 0)
					return 1;
		} else if (c->type == XML_ELEMENT_NODE && !tag_in(c, skip_tags)) {
			if (is(c, "table"))
				return 1;
			if (depth < DOC_MAX_DEPTH && substantial(c, left, depth + 1))
				return 1;
		}
	}
	return 0;
}

/*
 * Is E page chrome: a menu, a footer, a share bar?  By id or class (chrome_words), and
 * <footer> and <aside>.  Class names are loose ("page-with-sidebar" may wrap the whole
 * page), so as a safety net an element holding a table or more than CHROME_MAX_TEXT bytes
 * of text is read all the same (the chrome inside it is still looked for): a menu or a
 * footer is short, a notice is not.
 */
static int
chrome(const xmlNode *e, int depth)
{
	size_t left = CHROME_MAX_TEXT;

	if (is(e, "html") || is(e, "body"))
		return 0;
	if (!is(e, "footer") && !is(e, "aside") &&
	    !(attr_has(e, "id", chrome_words) && !attr_has(e, "id", content_words)) &&
	    !(attr_has(e, "class", chrome_words) && !attr_has(e, "class", content_words)))
		return 0;
	return !substantial(e, &left, depth);
}

static int
skipped(const xmlNode *e, int depth)
{
	return tag_in(e, skip_tags) || hidden(e) || chrome(e, depth);
}

/*
 * The line (or paragraph) gathered so far goes out, trailing whitespace trimmed (leading
 * never gets in): to the cell being read, or to the doc as a text line.
 */
static void
flush(struct reader *r)
{
	size_t end = 0, i = 0;
	int32_t cp;
	int k;

	if (r->sb.len == 0)
		goto out;
	while ((k = u8_next(r->sb.buf + i, &cp)) > 0) {
		i += (size_t)k;
		if (!text_is_space(cp))
			end = i;
	}
	r->sb.buf[end] = '\0';
	r->sb.len = end;
	if (end == 0)
		goto out;
	if (r->cell) {
		struct tcell *c = r->cell;
		c->parts = xrealloc(c->parts, (c->nparts + 1) * sizeof *c->parts);
		c->parts[c->nparts].line = r->line;
		c->parts[c->nparts++].text = sb_detach(&r->sb);
	} else
		doc_add_line(r->d, r->sb.buf, r->line);
out:
	sb_reset(&r->sb);
	r->line = 0;
	r->space = 0;
}

/*
 * Add text S whose first character is on source line LINE.  Outside <pre> whitespace
 * runs collapse to one space; a no-break space (&nbsp;) is a space that does not
 * collapse, an ideographic space stays as it is; zero-width characters and soft hyphens
 * go.  Inside <pre> a newline ends the line.
 */
static void
add_text(struct reader *r, const char *s, int line)
{
	int32_t cp;
	int k;

	for (; (k = u8_next(s, &cp)) > 0; s += k) {
		if (cp == '\n') {
			if (r->pre)
				flush(r);
			else
				r->space = 1;
			line++;
			continue;
		}
		if (cp < 0 || cp == 0xFEFF || cp == 0x200B || cp == 0xAD)
			continue;
		if (!r->pre && (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f')) {
			r->space = 1;
			continue;
		}
		if (r->sb.len == 0) {
			if (text_is_space(cp))
				continue;
			r->line = line;
		} else if (r->sb.len > DOC_MAX_LINE) {
			if (!r->toolong)
				r->toolong = r->line;
			continue;
		} else if (r->space)
			sb_addc(&r->sb, ' ');
		r->space = 0;
		if (cp == 0xA0)
			sb_addc(&r->sb, ' ');
		else
			sb_add(&r->sb, s, (size_t)k);
	}
}

/* Past the depth limit: the text of TOP, inline, walked without recursion. */
static void
flat_text(struct reader *r, xmlNode *top)
{
	xmlNode *n = top->children;

	while (n) {
		if (n->type == XML_TEXT_NODE && n->content)
			add_text(r, (const char *)n->content, node_line(n));
		if (n->type == XML_ELEMENT_NODE && n->children && !tag_in(n, skip_tags)) {
			n = n->children;
			continue;
		}
		while (n != top && !n->next)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
}

/* Does E hold an element named one of SET (sorted, NSET names), to DOC_MAX_DEPTH? */
#define holds(e, set, depth) holds_(e, set, NELEM(set), depth)
static int
holds_(const xmlNode *e, const char *const *set, size_t nset, int depth)
{
	for (const xmlNode *c = e->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (tag_in_(c, set, nset) ||
		     (depth < DOC_MAX_DEPTH && holds_(c, set, nset, depth + 1))))
			return 1;
	return 0;
}

/*
 * A rowspan or colspan: digits after optional blanks, at most MAX; DFLT when there are
 * none ("-3", "x", no attribute).
 */
static int
span_attr(const xmlNode *e, const char *name, int dflt, int max)
{
	xmlChar *v = xmlGetNoNsProp(e, (const xmlChar *)name);
	const char *p = (const char *)v;
	int n = 0;

	if (!v)
		return dflt;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p < '0' || *p > '9')
		n = dflt;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((n = n * 10 + (*p - '0')) > max)
			n = max;
	xmlFree(v);
	return n;
}

static void element(struct reader *, xmlNode *, int);

static void
walk(struct reader *r, xmlNode *e, int depth)
{
	for (xmlNode *c = e->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			add_text(r, (const char *)c->content, node_line(c));
		else if (c->type == XML_ELEMENT_NODE)
			element(r, c, depth + 1);
}

/* Content of a table that is not in a cell (a caption, stray text): a line of its own,
 * before the table, where a browser shows it. */
static void
stray(struct reader *r, xmlNode *c, int depth)
{
	flush(r);
	if (c->type == XML_TEXT_NODE && c->content)
		add_text(r, (const char *)c->content, node_line(c));
	else if (c->type == XML_ELEMENT_NODE)
		element(r, c, depth);
	flush(r);
}

static struct trow *
table_row(struct table *t, int line)
{
	struct trow *row;

	xgrow(&t->rows, &t->cap, t->n + 1, sizeof *t->rows);
	row = &t->rows[t->n++];
	memset(row, 0, sizeof *row);
	row->line = line;
	return row;
}

/* Cell E of ROW: its text in paragraphs, and its spans. */
static void
read_cell(struct reader *r, struct trow *row, xmlNode *e, int depth)
{
	struct tcell *c;

	row->cells = xrealloc(row->cells, (row->ncells + 1) * sizeof *row->cells);
	c = &row->cells[row->ncells++];
	memset(c, 0, sizeof *c);
	c->rowspan = span_attr(e, "rowspan", 1, ROWSPAN_MAX);
	c->colspan = span_attr(e, "colspan", 1, DOC_MAX_CELLS);
	if (c->colspan < 1)
		c->colspan = 1;
	/* A hidden cell stays in the grid, empty, so that the columns stay in place.  (A
	 * cell is content: its class is not looked at for chrome, what it holds is.) */
	if (depth > DOC_MAX_DEPTH || hidden(e))
		return;
	flush(r);
	r->cell = c;
	walk(r, e, depth);
	flush(r);
	r->cell = NULL;
}

/* The cells of row ROW, from the children of E (the <tr>, or a wrapper inside it). */
static void
row_cells(struct reader *r, struct trow *row, xmlNode *e, int depth)
{
	for (xmlNode *c = e->children; c; c = c->next) {
		if (tag_in(c, cell_tags))
			read_cell(r, row, c, depth + 1);
		else if (c->type == XML_ELEMENT_NODE && depth < DOC_MAX_DEPTH &&
		         holds(c, cell_tags, depth + 1)) {
			if (!hidden(c))
				row_cells(r, row, c, depth + 1);
		} else
			stray(r, c, depth + 1);
	}
}

/*
 * The rows of a data table, from the children of E: each <tr> with its cells, through
 * <thead>, <tbody>, <tfoot> and whatever else holds rows (a <form> around them); cells
 * outside a row make one.
 */
static void
table_rows(struct reader *r, struct table *t, xmlNode *e, int depth)
{
	struct trow *loose = NULL;      /* the row cells outside a <tr> go into */

	for (xmlNode *c = e->children; c; c = c->next) {
		if (tag_in(c, cell_tags)) {
			if (!loose)
				loose = table_row(t, node_line(c));
			read_cell(r, loose, c, depth + 1);
			continue;
		}
		if (c->type == XML_TEXT_NODE) {
			/* blanks between rows do not end a row of loose cells */
			stray(r, c, depth + 1);
			continue;
		}
		loose = NULL;
		/* rows are content: only hidden ones are dropped, their class is not looked at */
		if (c->type != XML_ELEMENT_NODE || is(c, "colgroup") || is(c, "col") ||
		    tag_in(c, skip_tags) || hidden(c))
			continue;
		if (is(c, "tr"))
			row_cells(r, table_row(t, node_line(c)), c, depth + 1);
		else if (depth < DOC_MAX_DEPTH &&
		         (tag_in(c, section_tags) || holds(c, row_tags, depth + 1)))
			table_rows(r, t, c, depth + 1);
		else
			stray(r, c, depth + 1);
	}
}

/*
 * Lay T's rows out on a grid, spans expanded, and return its width; FILLED (if not NULL)
 * marks the columns where a cell with text starts.  With EMIT each row becomes a doc row
 * of table NO with WIDTH cells.  A cell covered by a rowspan is
 * DSPAN_ABOVE (all the columns it covers, in the rows below its own), by a colspan
 * DSPAN_LEFT (in its own row).  Rowspans end with the table; a colspan stops at a column
 * already covered from above (the table is broken there, and cells must not overlap);
 * a row is cut at DOC_MAX_CELLS.  A <tr> without cells is not a doc row, but rowspans
 * count it, as browsers do.
 */
static size_t
grid(struct reader *r, struct table *t, int emit, size_t width, int no, char *filled)
{
	int pend[DOC_MAX_CELLS] = { 0 };        /* per column: rows still covered from above */
	size_t w = 0;

	for (size_t i = 0; i < t->n; i++) {
		struct trow *tr = &t->rows[i];
		struct dline *row = NULL;
		size_t col = 0, k = 0, last = 0;

		for (size_t c = 0; c < DOC_MAX_CELLS; c++)
			if (pend[c] > 0)
				last = c + 1;
		if (tr->ncells == 0) {
			for (size_t c = 0; c < last; c++)
				pend[c] -= pend[c] > 0;
			continue;
		}
		if (emit)
			row = doc_add_row(r->d, no, tr->line);
		while (col < DOC_MAX_CELLS && (k < tr->ncells || col < last)) {
			struct tcell *tc;
			struct dcell *dc;
			int rs;
			if (pend[col] > 0) {
				pend[col]--;
				if (row)
					doc_row_cell(row, DSPAN_ABOVE);
				col++;
				continue;
			}
			if (k == tr->ncells) {
				/* a hole left of a column covered from above */
				if (row)
					doc_row_cell(row, DSPAN_NONE);
				col++;
				continue;
			}
			tc = &tr->cells[k++];
			rs = tc->rowspan;
			if (rs == 0 || (size_t)rs > t->n - i)
				rs = (int)(t->n - i);
			if (row) {
				dc = doc_row_cell(row, DSPAN_NONE);
				for (size_t p = 0; p < tc->nparts; p++)
					doc_cell_part(dc, tc->parts[p].text, tc->parts[p].line);
			}
			if (filled && tc->nparts > 0)
				filled[col] = 1;
			pend[col++] = rs - 1;
			for (int s = 1; s < tc->colspan && col < DOC_MAX_CELLS && pend[col] == 0; s++) {
				if (row)
					doc_row_cell(row, DSPAN_LEFT);
				pend[col++] = rs - 1;
			}
		}
		if (col > w)
			w = col;
		if (row) {
			for (; col < width; col++)
				doc_row_cell(row, DSPAN_NONE);
			doc_row_finish(row);
		}
	}
	return w;
}

static void
table_release(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t c = 0; c < t->rows[i].ncells; c++) {
			struct tcell *tc = &t->rows[i].cells[c];
			for (size_t p = 0; p < tc->nparts; p++)
				free(tc->parts[p].text);
			free(tc->parts);
		}
		free(t->rows[i].cells);
	}
	free(t->rows);
}

/*
 * A table with no table inside.  It is read as data (rows with cells) when text starts in
 * at least two of its grid's columns and it has two rows or more, or one row of three
 * cells with text or more (a header row standing alone, a table cut by the page).  Other
 * tables frame a page: a box around text (beside empty spacer cells, often),
 * "当前位置：首页 > 政务公开 | 2025-03-01"; their cells are read as text lines, as if they
 * were <div>s.
 */
static void
table(struct reader *r, xmlNode *e, int depth)
{
	struct table t = { NULL, 0, 0 };
	char filled[DOC_MAX_CELLS] = { 0 };
	size_t width, rows = 0, full = 0, columns = 0;

	table_rows(r, &t, e, depth);
	width = grid(r, &t, 0, 0, 0, filled);
	for (size_t i = 0; i < t.n; i++) {
		rows += t.rows[i].ncells > 0;
		for (size_t c = 0; c < t.rows[i].ncells; c++)
			full += t.rows[i].cells[c].nparts > 0;
	}
	for (size_t c = 0; c < DOC_MAX_CELLS; c++)
		columns += filled[c];
	if (rows == 0)
		;
	else if (columns < 2 || (rows == 1 && full < 3)) {
		for (size_t i = 0; i < t.n; i++)
			for (size_t c = 0; c < t.rows[i].ncells; c++)
				for (size_t p = 0; p < t.rows[i].cells[c].nparts; p++)
					doc_add_line(r->d, t.rows[i].cells[c].parts[p].text,
					             t.rows[i].cells[c].parts[p].line);
	} else if (rows > GRID_MAX / width) {
		if (!r->toobig)
			r->toobig = t.rows[0].line;
	} else
		grid(r, &t, 1, width, ++r->d->ntables, NULL);
	table_release(&t);
}

static void
element(struct reader *r, xmlNode *e, int depth)
{
	int block, pre;

	if (depth > DOC_MAX_DEPTH) {
		flat_text(r, e);
		return;
	}
	if (skipped(e, depth))
		return;
	if (is(e, "br")) {
		flush(r);
		return;
	}
	if (is(e, "table") && !r->cell && !holds(e, table_tag, depth)) {
		flush(r);
		table(r, e, depth);
		return;
	}
	/* anything else, a table holding tables too, is read through */
	block = tag_in(e, block_tags);
	pre = tag_in(e, pre_tags);
	if (block)
		flush(r);
	r->pre += pre;
	walk(r, e, depth);
	if (block)
		flush(r);
	r->pre -= pre;
}

int
doc_read_html(struct doc *d, const char *buf, size_t len, char **cause)
{
	struct reader r;
	struct parse_note note = { 0 };
	htmlParserCtxtPtr ctxt;
	htmlDocPtr doc;
	const char *enc = NULL;
	char *u;
	int rc = 0;

	if (len > DOC_MAX_BYTES)
		return fail(cause, "%s: notice larger than %u bytes", d->name, DOC_MAX_BYTES);
	if (len == 0)
		return fail(cause, "%s: empty file", d->name);
	if (!(u = html_decode(buf, len, &enc)))
		return fail(cause, "%s: cannot decode the page", d->name);
	d->encoding = enc;

	xmlInitParser();
	if (!(ctxt = htmlNewParserCtxt())) {
		free(u);
		return fail(cause, "%s: out of memory", d->name);
	}
	ctxt->_private = &note;
	ctxt->sax->startElement = sax_start;
	ctxt->sax->characters = sax_chars;
	ctxt->sax->ignorableWhitespace = sax_chars;
	/* The encoding given, libxml2 neither guesses nor follows <meta charset>. */
	doc = htmlCtxtReadMemory(ctxt, u, (int)strlen(u), NULL, "UTF-8",
	                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                             HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	if (note.deep)
		rc = fail(cause, "%s:%d: elements nested more than %d deep", d->name, note.deep,
		          DOC_MAX_DEPTH);
	else if (ctxt->disableSAX)
		/* out of memory, or a text node over libxml2's limit of 10 MB (XML_PARSE_HUGE
		 * would lift that one, and the limit on depth with it) */
		rc = fail(cause, "%s:%d: the HTML parser stopped here (a text of more than 10 MB?)",
		          d->name, ctxt->input ? ctxt->input->line : 1);
	htmlFreeParserCtxt(ctxt);
	free(u);
	if (rc < 0 || !doc) {
		xmlFreeDoc(doc);
		return rc < 0 ? rc : fail(cause, "%s: no text in the HTML page", d->name);
	}

	memset(&r, 0, sizeof r);
	r.d = d;
	for (xmlNode *c = doc->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			element(&r, c, 1);
	flush(&r);
	sb_release(&r.sb);
	xmlFreeDoc(doc);

	if (r.toolong)
		return fail(cause, "%s:%d: line longer than %u bytes", d->name, r.toolong,
		            DOC_MAX_LINE);
	if (r.toobig)
		return fail(cause, "%s:%d: table of more than %u cells", d->name, r.toobig,
		            GRID_MAX);
	if (d->nlines == 0)
		return fail(cause, "%s: no text in the HTML page", d->name);
	return 0;
}
