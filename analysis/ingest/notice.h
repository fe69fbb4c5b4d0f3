/*
 * notice: read a published notice (a 重点民生实事 target list) — text, a saved HTML page or
 * a PDF — into its head fields and its items.
 *
 * The input is read into a doc (doc.h) by the reader its content calls for; then every
 * layout of the table in layout.h scores how well the doc fits it, the best one parses
 * it (or the one the caller forces), and the head (title, year, jurisdiction, document
 * number, date) is read from the lines before the list.
 */
#ifndef YOY_INGEST_NOTICE_H
#define YOY_INGEST_NOTICE_H

#include <stddef.h>

/* Hard limits, checked with clear errors. */
#define NOTICE_MAX_ITEMS 10000

struct notice_item {
	char *seq;      /* as printed, prefixed with the section letter where numbering restarts */
	char *section, *name, *units, *task, *deadline, *note;
	int line;       /* source line of the item's start (its number, its first cell) */
	int *task_lines; /* for each byte of task, the source line it came from */
};

struct notice {
	const char *kind;      /* "text", "html" or "pdf" */
	const char *encoding;  /* "UTF-8", "GB18030" or "Big5" */
	const char *layout;    /* the layout's name (layout.h) */
	int year;              /* 0 when not found */
	char *jurisdiction, *level, *doc_number, *issued, *title, *issuer;
	struct notice_item *items;
	size_t nitems;
	char **warnings;       /* "NAME:LINE: what" messages for things that look wrong */
	size_t nwarnings;
	char *explain;         /* with ingest_opts.explain: each layout's score and why */
};

struct ingest_opts {
	const char *layout;    /* parse with this layout, whatever the scores (NULL: best) */
	int explain;           /* fill notice.explain */
	int missing;           /* out: set when an external program (pdftotext) is missing */
};

/*
 * Parse the bytes BUF (LEN) of the notice read from NAME (a PDF is handed to pdftotext
 * through a pipe).  O may be NULL.  Returns NULL with "NAME:LINE: what" in *cause when
 * the input cannot be read or no layout finds a list in it; the line is where the list
 * should have started.
 */
struct notice *notice_parse(const char *buf, size_t len, const char *name,
                            struct ingest_opts *o, char **cause);
/* Read and parse the file at PATH. */
struct notice *notice_load(const char *path, struct ingest_opts *o, char **cause);
void notice_free(struct notice *n);

/* The layouts' names, in table order, for usage messages: "rows, cells, ...". */
const char *notice_layout_names(void);

#endif
