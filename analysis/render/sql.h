/*
 * sql: the tables of core/rows (sets, items, targets, links, series, growth, shares) in an
 * in-memory SQLite database, for read-only queries.  Columns and values are those of the
 * CSV outputs; numeric columns have NUMERIC affinity, so that value > 1000 compares numbers.
 */
#ifndef YOY_SQL_H
#define YOY_SQL_H

#include <sqlite3.h>

#include "core/rows.h"

/* One table to load: its name, and its rows. */
struct sql_view {
	const char *name;
	const struct rows *t;
};

/* Open an in-memory database holding VIEWS, then made read-only.  NULL with *cause. */
sqlite3 *sql_open(const struct sql_view *views, size_t n, char **cause);

/* The CREATE TABLE statements of VIEWS (malloc'd). */
char *sql_schema(const struct sql_view *views, size_t n);

/*
 * Run one read-only statement; its rows fill OUT (initialised here; the caller releases
 * it).  -1 with "sql: what" in *cause for a bad statement, a statement that writes, or
 * more than one (OUT is then released already).
 */
int sql_query(sqlite3 *db, const char *q, struct rows *out, char **cause);

#endif
