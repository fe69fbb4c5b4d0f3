/*
 * sql: the views (sets, items, targets, links, series, growth, shares) as tables of an
 * in-memory SQLite database, for read-only queries.  Columns and values are those of the
 * CSV outputs; numeric columns have NUMERIC affinity, so that value > 1000 compares numbers.
 */
#ifndef YOY_SQL_H
#define YOY_SQL_H

#include <sqlite3.h>

#include "table.h"

/* One view to load: its name, and its rows. */
struct sql_view {
	const char *name;
	const struct table *t;
};

/* Open an in-memory database holding VIEWS, then made read-only.  NULL with *cause. */
sqlite3 *sql_open(const struct sql_view *views, size_t n, char **cause);

/* The CREATE TABLE statements of VIEWS (malloc'd). */
char *sql_schema(const struct sql_view *views, size_t n);

/*
 * Run one read-only statement; its rows fill OUT (table_init'ed here, column names owned
 * by *COLS, which the caller frees with sql_free_cols after releasing OUT).  -1 with
 * "sql: what" in *cause for a bad statement, a statement that writes, or more than one
 * (OUT is then released already).
 */
int sql_query(sqlite3 *db, const char *q, struct table *out, char ***cols, size_t *ncols,
              char **cause);
void sql_free_cols(char **cols, size_t n);

#endif
