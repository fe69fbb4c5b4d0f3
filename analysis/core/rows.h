/*
 * rows: the tables of docs/design.md — sets, items, targets, links, series, growth, shares,
 * compare — and the answers of query, built in one place from the corpus and the match.
 * Every output takes its rows from here: the listings in table, CSV and JSON
 * (render/table), the SQL tables (render/sql), the HTML report (render/report) and the
 * workbook.  A cell is text formatted once (numbers as yoy prints them, empty for an
 * undefined figure); a column has a name and a type, which the outputs use for alignment
 * and SQL affinity.  No output computes a figure of its own.
 */
#ifndef YOY_ROWS_H
#define YOY_ROWS_H

#include <stddef.h>

#include "core/compare.h"
#include "core/query.h"
#include "base/util.h"

enum col_type { COL_TEXT, COL_INT, COL_NUM };

/* How a person reads a column (render/lang.h): its cells are codes to put in words
 * (status, kind …), change flags, a percentage (600 is +600%), a share (0.05 is 5%), or
 * text that only looks like a number (a deadline 2025.10, a seq 01) and must stay text. */
enum col_show { SHOW_PLAIN, SHOW_CODE, SHOW_FLAGS, SHOW_PCT, SHOW_SHARE, SHOW_VERBATIM };

struct col {
	const char *name;
	enum col_type type;
	enum col_show show;
};

struct rows {
	const struct col *cols;
	size_t ncols;
	char **cells;           /* nrows * ncols strings, in POOL */
	struct pool pool;
	size_t nrows, cap;
	struct col *own;        /* columns made at run time (sql), freed with the rows */
	char **tags;            /* per column, what its heading names (from_value: the year
	                         * 2025), or NULL */
};

void rows_init(struct rows *r, const struct col *cols, size_t ncols);
/* Columns named at run time (all text): the names are copied. */
void rows_init_named(struct rows *r, const char *const *names, size_t ncols);
/* Append a row of ncols strings (copied; NULL is stored as ""). */
void rows_add(struct rows *r, const char *const *vals);
/* Append FROM's rows (of the same columns) to R's; FROM is left empty. */
void rows_append(struct rows *r, struct rows *from);
void rows_release(struct rows *r);
/* Tag column COL with TEXT (copied): a heading for people names it (2025年目标值). */
void rows_tag(struct rows *r, size_t col, const char *text);
const char *rows_tag_of(const struct rows *r, size_t col);
/* The column called NAME, or -1; cell (ROW, COL) of R. */
int rows_col(const struct rows *r, const char *name);
const char *rows_cell(const struct rows *r, size_t row, int col);

/* What a listing keeps: a set id, a year, a jurisdiction (its name or the slug of its set
 * ids: 渝北区 or yubei) and text to find (NFKC, ASCII case folded).  NULL or zero: any. */
struct filter {
	const char *set, *jurisdiction, *grep;
	int year;
};
int filter_set(const struct filter *f, const struct set *s);
int filter_text(const struct filter *f, const char *const *texts, size_t n);

/* The tables every output knows, in this order (the SQL tables).  TBL_COMPARE is every
 * pair of compare_pairs() (core/compare.h) in one table: from_set and to_set, then the
 * columns of compare. */
enum table_id {
	TBL_SETS, TBL_ITEMS, TBL_TARGETS, TBL_LINKS, TBL_SERIES, TBL_GROWTH, TBL_SHARES,
	TBL_COMPARE, TBL_NTABLES
};
struct table_def {
	const char *name;
	const struct col *cols;
	size_t ncols;
};
extern const struct table_def rows_tables[TBL_NTABLES];
/* The columns of compare, of query, and of a task-set CSV (what ingest writes). */
extern const struct table_def rows_compare_def, rows_query_def, rows_task_def;

/*
 * Build table ID with the rows that pass F (NULL: all).  Items and sets need only the
 * corpus; targets need its targets extracted (corpus_targets); links and the rest need M.
 */
void rows_build(enum table_id id, const struct corpus *c, const struct match *m,
                const struct filter *f, struct rows *out);

/* The rows of compare_sets() of A and B (CR, N rows) that pass F; the columns of each
 * side are tagged with its year, or for a city and its district with its jurisdiction. */
void rows_compare(const struct set *a, const struct set *b, const struct compare_row *cr,
                  long n, const struct filter *f, struct rows *out);

/* The rows of query_run() hits. */
void rows_query(const struct query_hit *hits, size_t n, struct rows *out);

#endif
