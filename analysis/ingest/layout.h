/*
 * layout: the ways a list of items is laid out in a notice, one file each, all in one
 * table (layouts.c).  For a doc, every layout's detect scores how well it fits; the best
 * score wins (`yoy ingest --explain` shows them all) and its parse turns the doc into
 * items through build.h.  Adding a layout is adding a file and a table row.
 */
#ifndef YOY_INGEST_LAYOUT_H
#define YOY_INGEST_LAYOUT_H

#include <stddef.h>

#include "ingest/build.h"
#include "ingest/doc.h"

struct fit {
	int score;              /* 0: does not fit; higher is better, at most 100 */
	char why[240];          /* what was found, one line */
	size_t start;           /* the doc line where the list (or its header) starts */
	long arg[4];            /* what detect found, for parse (layout-private) */
	/* With score 0: what almost fitted and why not, at which source line; NEAR says how
	 * close it came (0: nothing like it), to pick the message for a notice no layout fits. */
	char problem[240];
	int problem_line;
	int near;
};

struct layout {
	const char *name;
	const char *what;       /* the shape it reads, for --explain and the man page */
	void (*detect)(const struct doc *d, struct fit *f);
	int (*parse)(struct build *b, const struct doc *d, const struct fit *f, char **cause);
};

extern const struct layout *const layouts[];
extern const size_t nlayouts;

/* The layouts, one per file (lay_*.c). */
extern const struct layout layout_rows, layout_cells, layout_pdftext, layout_grid,
	layout_pipe, layout_stacked, layout_spaced, layout_numbered, layout_bullets,
	layout_paras, layout_inline;

/* Set F's why (or problem) from a format. */
void fit_why(struct fit *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fit_problem(struct fit *f, int line, int near, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ---- tables: a header found by its words, and rows of cells turned into items ---- */

struct thead {
	enum role cols[ROW_MAX_COLS];
	size_t ncols;
	int has[R_EXTRA + 1];   /* how many columns of each role */
	size_t at;              /* doc line of the header (its first line) */
	size_t body;            /* doc line after it */
	char *key;              /* the header's cells' keys joined, to skip it when repeated */
};

/*
 * Read CELLS (N keys) as a header: fills H's roles (and its key) and returns 1 when they
 * name a number column and a name or a task column.  With 0, *problem (if non-NULL)
 * says what is missing and what was found ("table header has 序号 and 事项名称 but no
 * task column (found 责任单位, 备注)"), or is NULL when the cells are no header at all.
 */
int thead_set(struct thead *h, char **cells, size_t n, char **problem);
void thead_release(struct thead *h);
/* Split a one-line header into cell keys: by tabs when it has any, else by whitespace,
 * joining a lone number with the next word ("2026 年工作任务").  Returns the count. */
size_t thead_split(const char *text, char ***out);

/* The header of the bundled notices' text layouts; *SHAPE is 'r' (tab-separated on one
 * line), 'c' (one tab-started cell a line) or 'p' (spaced, as a PDF converter lays it
 * out).  Returns 1 when found. */
int thead_find_text(const struct doc *d, struct thead *h, char *shape);

/* One table row as cells with their parts (source lines kept). */
struct trow {
	struct dcell *cells;
	size_t ncells;
	int line;
};

/*
 * The items of a table: ROWS (N) under header H.  A row whose number cell holds the next
 * item number starts an item; a row without one continues the item above (its cells
 * join the item's cells); a row whose only text is a section heading sets the section;
 * a repeated header is skipped.  SHIFT_CONT: continuation rows that lack the number cell
 * altogether (their first cell is text and their last one empty) are read shifted one
 * column right.  Returns 0 or -1 with *cause.
 */
int table_items(struct build *b, const struct thead *h, const struct trow *rows, size_t n,
                int shift_cont, char **cause);

#endif
