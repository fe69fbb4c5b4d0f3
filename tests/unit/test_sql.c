/*
 * Unit tests for analysis/render/sql.c: rows loaded as SQLite tables with their column
 * types (numbers compare as numbers), text bound and never spliced, the schema, and the
 * refusals (anything that writes, two statements, SQLite's own errors as one line).
 */
#include "render/sql.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void
test_sql(void **state)
{
	static const struct col cols[] = { { "set", COL_TEXT, SHOW_PLAIN }, { "value", COL_NUM, SHOW_PLAIN },
		                           { "name", COL_TEXT, SHOW_PLAIN } };
	const char *r1[] = { "x-2025", "100", "甲\"'; DROP TABLE t; --" };
	const char *r2[] = { "x-2026", "700", "乙" };
	struct rows t, out;
	struct sql_view v = { "targets", &t };
	char *cause = NULL;
	sqlite3 *db;
	(void)state;

	rows_init(&t, cols, 3);
	rows_add(&t, r1);
	rows_add(&t, r2);
	db = sql_open(&v, 1, &cause);
	assert_non_null(db);
	/* Numbers compare as numbers; names stay as written (bound, not spliced). */
	assert_int_equal(sql_query(db, "SELECT name FROM targets WHERE value > 200", &out,
	                           &cause), 0);
	assert_int_equal(out.nrows, 1);
	assert_string_equal(out.cells[0], "乙");
	rows_release(&out);
	assert_int_equal(sql_query(db, "SELECT name FROM targets WHERE value = 100", &out,
	                           &cause), 0);
	assert_string_equal(out.cells[0], "甲\"'; DROP TABLE t; --");
	rows_release(&out);
	/* Refusals. */
	assert_int_equal(sql_query(db, "DELETE FROM targets", &out, &cause), -1);
	assert_string_equal(cause, "sql: only statements that read are allowed");
	/* ATTACH would create a file; PRAGMA could change the database. */
	assert_int_equal(sql_query(db, "ATTACH '/tmp/yoy-never.db' AS x", &out, &cause), -1);
	assert_string_equal(cause, "sql: only statements that read are allowed");
	assert_int_equal(sql_query(db, "PRAGMA query_only = OFF", &out, &cause), -1);
	assert_int_equal(sql_query(db, "SELECT 1; DELETE FROM targets", &out, &cause), -1);
	assert_string_equal(cause, "sql: one statement at a time");
	assert_int_equal(sql_query(db, "SELEC 1", &out, &cause), -1);
	assert_string_equal(cause, "sql: near \"SELEC\": syntax error");
	assert_int_equal(sql_query(db, "SELECT nope FROM targets", &out, &cause), -1);
	/* SQLite's message, with what there is. */
	assert_string_equal(cause, "sql: no such column: nope (targets has set, value, name)");
	assert_int_equal(sql_query(db, "SELECT * FROM target", &out, &cause), -1);
	assert_string_equal(cause, "sql: no such table: target (did you mean targets?) "
	                           "(tables: targets)");
	free(cause);
	sqlite3_close(db);
	rows_release(&t);
}

static void
test_schema(void **state)
{
	static const struct col cols[] = { { "set", COL_TEXT, SHOW_PLAIN }, { "year", COL_INT, SHOW_PLAIN },
		                           { "value", COL_NUM, SHOW_PLAIN } };
	struct rows t;
	struct sql_view v = { "targets", &t };
	char *s;
	(void)state;

	rows_init(&t, cols, 3);
	s = sql_schema(&v, 1);
	/* Names quoted ("set" is a keyword); numbers NUMERIC, text TEXT. */
	assert_string_equal(s, "CREATE TABLE \"targets\" (\"set\" TEXT, \"year\" NUMERIC, "
	                       "\"value\" NUMERIC);\n");
	free(s);
	rows_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql),
		cmocka_unit_test(test_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
