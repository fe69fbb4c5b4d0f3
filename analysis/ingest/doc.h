/*
 * doc: a notice as the readers deliver it to the layouts.
 *
 * Whatever the input (text, a saved HTML page, a PDF), a reader turns it into a list of
 * lines of UTF-8 text, each with the line of the source it came from, so that every item
 * and target can be traced back.  Lines read from a table's structure (an HTML <tr>, a row
 * of a PDF table found by geometry) also carry their cells; lines read from a PDF carry
 * their words with positions.  Layouts (layout.h) read only this model.
 *
 * What "source line" means: the line of a text file; the line of the HTML source where
 * the text's element starts (libxml2's line numbers); for a PDF, the count of text lines
 * from the top of page 1, each page's lines top to bottom (page chrome included).
 *
 * Ownership: a doc owns everything it points to; doc_free releases it.  Functions
 * returning int return 0 or -1 with "NAME:LINE: what" in *cause (util.h).
 */
#ifndef YOY_INGEST_DOC_H
#define YOY_INGEST_DOC_H

#include <stddef.h>

/* Limits, checked with clear errors. */
#define DOC_MAX_BYTES (32u << 20)   /* input file */
#define DOC_MAX_LINE (1u << 20)     /* one line of text */
#define DOC_MAX_CELLS 64            /* cells in one table row */
#define DOC_MAX_DEPTH 256           /* element nesting an HTML page may have (libxml2's
                                     * own limit is 256 too: raising this alone changes
                                     * nothing) */

enum doc_kind { DOC_TEXT, DOC_HTML, DOC_PDF };

/* A piece of a cell's text: a paragraph (<p>, <br>, a wrapped PDF line) and its source
 * line.  Text is as printed, whitespace included; layouts clean it (text_clean). */
struct dpart {
	char *text;
	int line;
};

/* How a cell of a structured table row is covered by a span. */
enum dspan {
	DSPAN_NONE,     /* a cell of its own (possibly empty) */
	DSPAN_ABOVE,    /* covered by a rowspan from the row above: no parts of its own */
	DSPAN_LEFT,     /* covered by a colspan from the cell to the left: no parts */
};

struct dcell {
	struct dpart *parts;
	size_t nparts;
	enum dspan span;
};

/* A word of a PDF with its box, in points from the page's top-left corner. */
struct dword {
	char *text;
	double x0, y0, x1, y1;
};

struct dline {
	char *text;             /* the line; for a table row its cells' texts joined by tabs */
	char *key;              /* text_key(text): NFKC, no whitespace, for comparisons */
	int no;                 /* source line (see above) */
	int table;              /* > 0: a row of the doc's table number TABLE; 0: plain text */
	struct dcell *cells;    /* table rows only: the row's cells, spans expanded to a grid */
	size_t ncells;
	struct dword *words;    /* PDF only: a text line's words left to right; a table row's
	                         * column by column, each cell's lines top to bottom */
	size_t nwords;
	int page;               /* PDF only: 1-based page */
	int chrome;             /* set by ingest before the layouts run: is_chrome(key) */
};

struct doc {
	const char *name;       /* the input's name, for messages (not owned) */
	enum doc_kind kind;
	const char *encoding;   /* "UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE" (static) */
	struct dline *lines;
	size_t nlines, cap;
	int ntables;            /* tables numbered 1..ntables */
	double page_width;      /* PDF only: width of the widest page, in points */
};

/* Start an empty doc named NAME (not copied: it must outlive the doc). */
void doc_init(struct doc *d, const char *name, enum doc_kind kind);
void doc_release(struct doc *d);

/* Append a plain text line (copied) read from source line NO; returns it. */
struct dline *doc_add_line(struct doc *d, const char *text, int no);
/* Append an empty table row of table TABLE at source line NO; cells are added with
 * doc_row_cell and the row's text is set by doc_row_finish.  Returns the row. */
struct dline *doc_add_row(struct doc *d, int table, int no);
/* Append a cell to ROW; returns it (no parts yet). */
struct dcell *doc_row_cell(struct dline *row, enum dspan span);
/* Append a part (copied) to CELL. */
void doc_cell_part(struct dcell *cell, const char *text, int line);
/* Set ROW's text and key from its cells (each cell's parts joined, cells by tabs). */
void doc_row_finish(struct dline *row);
/* Set a line's key after its text changed. */
void doc_line_rekey(struct dline *l);

/* What the bytes are, by content first and the file name's extension second. */
enum doc_kind doc_sniff(const char *buf, size_t len, const char *name);

/*
 * The readers.  Each fills D (initialised with doc_init) from the input and returns 0, or
 * -1 with *cause.
 *
 * doc_read_text: UTF-8 (BOM or not), GB18030/GBK or Big5, CR/CRLF/LF line ends; one
 *   dline per line, numbered from 1.
 * doc_read_html: a saved HTML page through libxml2's HTML parser.  The charset: a BOM;
 *   else bytes that are valid UTF-8 are UTF-8 whatever the page declares (short UTF-8
 *   Chinese is often valid GB18030 too, GBK Chinese almost never valid UTF-8); else the
 *   declared GBK/GB2312/GB18030 or Big5; else as text_decode guesses.  A table is data
 *   when it holds no other table, text starts in two of its columns or more, and it has
 *   two rows or more (or one row of three filled cells); its rows become rows (table > 0)
 *   with spans expanded.  A table holding other tables (page layout) is read through.
 *   Other block elements and <br> give text lines; script, style, navigation and share
 *   widgets (by element, or by an id or class naming them, unless it holds a table or
 *   much text) are skipped.  A page nested deeper than DOC_MAX_DEPTH is refused.
 * doc_read_pdf: runs `pdftotext -bbox-layout PATH -` (poppler-utils) and hands its output
 *   to doc_read_bbox; fails with a clear message when pdftotext is missing (the caller
 *   maps that to exit 3: *missing is set to 1).
 * doc_read_bbox: the geometry part, on pdftotext's XHTML output (BUF, LEN): words grouped
 *   into lines by position, page headers, footers and page numbers dropped, table rows
 *   (cells by column geometry, wrapped cell text joined) as rows with cells, the rest as
 *   text lines.
 */
int doc_read_text(struct doc *d, const char *buf, size_t len, char **cause);
int doc_read_html(struct doc *d, const char *buf, size_t len, char **cause);
int doc_read_pdf(struct doc *d, const char *path, int *missing, char **cause);
int doc_read_bbox(struct doc *d, const char *buf, size_t len, char **cause);

#endif
