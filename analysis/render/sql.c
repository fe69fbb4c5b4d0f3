/* sql: see sql.h. */
#include "render/sql.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"

/* Columns that hold numbers have NUMERIC affinity (value > 1000 compares numbers), and an
 * empty cell in them is NULL. */
static int
is_numeric(const struct col *c)
{
	return c->type != COL_TEXT;
}

/* "name" with double quotes doubled: an SQL identifier. */
static void
ident(struct sb *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

static void
create_stmt(struct sb *sb, const struct sql_view *v)
{
	sb_adds(sb, "CREATE TABLE ");
	ident(sb, v->name);
	sb_adds(sb, " (");
	for (size_t c = 0; c < v->t->ncols; c++) {
		if (c)
			sb_adds(sb, ", ");
		ident(sb, v->t->cols[c].name);
		sb_adds(sb, is_numeric(&v->t->cols[c]) ? " NUMERIC" : " TEXT");
	}
	sb_adds(sb, ");\n");
}

char *
sql_schema(const struct sql_view *views, size_t n)
{
	struct sb sb = SB_INIT;
	for (size_t i = 0; i < n; i++)
		create_stmt(&sb, &views[i]);
	return sb_detach(&sb);
}

/* After loading, statements may only read: no ATTACH (which would create a file),
 * no PRAGMA, no writes of any kind. */
static int
authorize(void *ctx, int action, const char *a, const char *b, const char *c, const char *d)
{
	(void)ctx;
	(void)a;
	(void)b;
	(void)c;
	(void)d;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	default:
		return SQLITE_DENY;
	}
}

sqlite3 *
sql_open(const struct sql_view *views, size_t n, char **cause)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		fail(cause, "sql: cannot open a database: %s", db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const struct sql_view *v = &views[i];
		struct sb sb = SB_INIT;
		sqlite3_stmt *st = NULL;

		create_stmt(&sb, v);
		if (sqlite3_exec(db, sb.buf, NULL, NULL, &err) != SQLITE_OK) {
			sb_release(&sb);
			goto fail;
		}
		/* Values are bound as parameters, never spliced into SQL. */
		sb_reset(&sb);
		sb_adds(&sb, "INSERT INTO ");
		ident(&sb, v->name);
		sb_adds(&sb, " VALUES (");
		for (size_t c = 0; c < v->t->ncols; c++)
			sb_adds(&sb, c ? ", ?" : "?");
		sb_adds(&sb, ")");
		if (sqlite3_prepare_v2(db, sb.buf, -1, &st, NULL) != SQLITE_OK) {
			sb_release(&sb);
			goto fail_db;
		}
		sb_release(&sb);
		for (size_t r = 0; r < v->t->nrows; r++) {
			for (size_t c = 0; c < v->t->ncols; c++) {
				const char *val = v->t->cells[r * v->t->ncols + c];
				if (is_numeric(&v->t->cols[c]) && !*val)
					sqlite3_bind_null(st, (int)c + 1);
				else
					sqlite3_bind_text(st, (int)c + 1, val, -1, SQLITE_STATIC);
			}
			if (sqlite3_step(st) != SQLITE_DONE) {
				sqlite3_finalize(st);
				goto fail_db;
			}
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
	}
	if (sqlite3_exec(db, "COMMIT; PRAGMA query_only = ON", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	sqlite3_set_authorizer(db, authorize, NULL);
	return db;
fail_db:
	fail(cause, "sql: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
	return NULL;
fail:
	fail(cause, "sql: %s", err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	sqlite3_close(db);
	return NULL;
}

/* The names of the tables of DB (malloc'd array of malloc'd strings, *N of them). */
static char **
table_names(sqlite3 *db, size_t *n)
{
	sqlite3_stmt *st;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
	                           "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		xgrow(&v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return v;
}

/* "name (col, col …)" of table T, appended to O. */
static void
table_columns(sqlite3 *db, const char *t, struct sb *o)
{
	char *q = sqlite3_mprintf("SELECT * FROM \"%w\" LIMIT 0", t);
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK) {
		sb_addf(o, "%s has ", t);
		for (int c = 0; c < sqlite3_column_count(st); c++)
			sb_addf(o, "%s%s", c ? ", " : "", sqlite3_column_name(st, c));
		sqlite3_finalize(st);
	}
	sqlite3_free(q);
}

/* Does Q hold WORD as a word of its own? */
static int
names_word(const char *q, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = q; (p = strstr(p, word)); p++)
		if ((p == q || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
		    !(isalnum((unsigned char)p[n]) || p[n] == '_'))
			return 1;
	return 0;
}

/* SQLite's message MSG for Q, with what exists: the tables for an unknown table (and the
 * nearest), the columns of the tables Q names for an unknown column. */
static int
fail_explained(sqlite3 *db, const char *q, const char *msg, char **cause)
{
	size_t n;
	char **t = table_names(db, &n);
	struct sb o = SB_INIT;
	int k;

	sb_addf(&o, "sql: %s", msg);
	if (strncmp(msg, "no such table: ", 15) == 0 && n) {
		k = text_nearest(msg + 15, (const char *const *)t, n);
		if (k >= 0)
			sb_addf(&o, " (did you mean %s?)", t[k]);
		sb_adds(&o, " (tables: ");
		for (size_t i = 0; i < n; i++)
			sb_addf(&o, "%s%s", i ? ", " : "", t[i]);
		sb_adds(&o, ")");
	} else if (strncmp(msg, "no such column: ", 16) == 0) {
		int any = 0;
		char *low = xstrdup(q);
		for (char *p = low; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		for (size_t i = 0; i < n; i++) {
			if (!names_word(low, t[i]))
				continue;
			sb_adds(&o, any++ ? "; " : " (");
			table_columns(db, t[i], &o);
		}
		if (any)
			sb_adds(&o, ")");
		free(low);
	}
	for (size_t i = 0; i < n; i++)
		free(t[i]);
	free(t);
	fail(cause, "%s", o.buf);
	sb_release(&o);
	return -1;
}

int
sql_query(sqlite3 *db, const char *q, struct rows *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	int rc, n;
	const char **row, **names;

	if (sqlite3_prepare_v2(db, q, -1, &st, &tail) != SQLITE_OK) {
		if (sqlite3_errcode(db) == SQLITE_AUTH)
			return fail(cause, "sql: only statements that read are allowed");
		return fail_explained(db, q, sqlite3_errmsg(db), cause);
	}
	if (!st)
		return fail(cause, "sql: no statement");
	for (const char *p = tail; p && *p; p++)
		if (!isspace((unsigned char)*p) && *p != ';') {
			sqlite3_finalize(st);
			return fail(cause, "sql: one statement at a time");
		}
	if (!sqlite3_stmt_readonly(st)) {
		sqlite3_finalize(st);
		return fail(cause, "sql: only statements that read are allowed");
	}
	n = sqlite3_column_count(st);
	names = xcalloc((size_t)n + 1, sizeof *names);
	for (int c = 0; c < n; c++)
		names[c] = sqlite3_column_name(st, c);
	rows_init_named(out, names, (size_t)n);
	free(names);
	row = xcalloc((size_t)n + 1, sizeof *row);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < n; c++) {
			const unsigned char *v = sqlite3_column_text(st, c);
			row[c] = v ? (const char *)v : "";
		}
		rows_add(out, row);
	}
	free(row);
	if (rc != SQLITE_DONE) {
		fail(cause, "sql: %s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		rows_release(out);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
