/* Unit tests for analysis/base/csvio.c: strict CSV reading with lines, and the errors
 * that name the line. */
#include "base/csvio.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static struct csv_doc *
parse(const char *s, char **cause)
{
	return csvio_parse(s, strlen(s), "t.csv", cause);
}

static void
test_read(void **state)
{
	char *cause = NULL;
	/* A BOM, a quoted field with a comma, a quote and a line break, CRLF ends. */
	struct csv_doc *d = parse("\xEF\xBB\xBF" "a,b\r\n\"x,\"\"y\"\"\nz\", w \r\n3,4\r\n", &cause);
	(void)state;

	assert_non_null(d);
	assert_int_equal(d->nrows, 3);
	assert_string_equal(d->rows[0].f[0], "a");
	assert_string_equal(d->rows[1].f[0], "x,\"y\"\nz");
	assert_string_equal(d->rows[1].f[1], " w ");
	assert_int_equal(d->rows[1].line, 2);
	assert_int_equal(d->rows[2].line, 4);
	csvio_free(d);
	/* Tabs are data too, in a text without a space; so is a space alone. */
	assert_non_null(d = parse("\ta\t,b\tc\n x,\"q\"\n", &cause));
	assert_string_equal(d->rows[0].f[0], "\ta\t");
	assert_string_equal(d->rows[0].f[1], "b\tc");
	assert_string_equal(d->rows[1].f[0], " x");
	assert_string_equal(d->rows[1].f[1], "q");
	csvio_free(d);
	assert_non_null(d = parse("\ta,b\t\n", &cause));
	assert_string_equal(d->rows[0].f[0], "\ta");
	assert_string_equal(d->rows[0].f[1], "b\t");
	csvio_free(d);
}

/* Many rows and long fields (the document keeps them in blocks of its own); a row taken
 * is the caller's, each string and the array, and the others stay the document's. */
static void
test_many_and_take(void **state)
{
	size_t n = 3000, len = 0;
	char *buf = malloc(n * 200 + 1), *cause = NULL, **f;
	struct csv_doc *d;
	(void)state;

	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "%zu,\"%0*zu\",x\n", i, (int)(i % 150) + 1, i);
	d = parse(buf, &cause);
	assert_non_null(d);
	assert_int_equal(d->nrows, n);
	for (size_t i = 0; i < n; i += 499) {
		char want[200];
		sprintf(want, "%0*zu", (int)(i % 150) + 1, i);
		assert_int_equal(d->rows[i].n, 3);
		assert_string_equal(d->rows[i].f[1], want);
		assert_int_equal(d->rows[i].line, (int)i + 1);
	}
	f = csvio_take(d, 7);
	assert_null(d->rows[7].f);
	assert_int_equal(d->rows[7].n, 0);
	assert_string_equal(f[0], "7");
	assert_string_equal(f[2], "x");
	assert_null(f[3]);
	for (size_t k = 0; k < 3; k++)
		free(f[k]);
	free(f);
	assert_string_equal(d->rows[8].f[0], "8");
	csvio_free(d);
	free(buf);
	/* Fields fill the text's room and one byte at most: empty ones at the end, with no
	 * line end after them, and quotes doubled. */
	assert_non_null(d = parse("a,,", &cause));
	assert_int_equal(d->rows[0].n, 3);
	assert_string_equal(d->rows[0].f[0], "a");
	assert_string_equal(d->rows[0].f[2], "");
	csvio_free(d);
	assert_non_null(d = parse(",", &cause));
	assert_int_equal(d->rows[0].n, 2);
	assert_string_equal(d->rows[0].f[1], "");
	csvio_free(d);
	assert_non_null(d = parse("\"\"\"\",x\n\n\n,\"\"", &cause));
	assert_string_equal(d->rows[0].f[0], "\"");
	assert_string_equal(d->rows[0].f[1], "x");
	assert_string_equal(d->rows[1].f[0], "");
	assert_string_equal(d->rows[1].f[1], "");
	csvio_free(d);
}

static void
test_read_errors(void **state)
{
	char *cause = NULL;
	static const char *const cols[] = { "a", "b" };
	struct csv_doc *d;
	(void)state;

	assert_null(parse("a,b\n1,\"open\n2,3\n", &cause));
	assert_string_equal(cause, "t.csv:2: unclosed quote");
	free(cause);
	cause = NULL;

	assert_null(parse("a,b\n1,2\n\xFF,3\n", &cause));
	assert_string_equal(cause, "t.csv:3: invalid UTF-8");
	free(cause);
	cause = NULL;

	d = parse("a,b\n1,2\n3\n", &cause);
	assert_non_null(d);
	assert_int_equal(csvio_expect(d, "t.csv", cols, 2, &cause), -1);
	assert_string_equal(cause, "t.csv:3: 1 fields, expected 2");
	free(cause);
	cause = NULL;
	csvio_free(d);

	d = parse("a,c\n", &cause);
	assert_int_equal(csvio_expect(d, "t.csv", cols, 2, &cause), -1);
	assert_string_equal(cause, "t.csv:1: bad header, expected a,b");
	free(cause);
	csvio_free(d);
}

/* Writing: RFC 4180 quoting only where needed; Excel's BOM and CRLF. */
static void
test_write(void **state)
{
	struct csv_out o;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	(void)state;

	for (int excel = 0; excel <= 1; excel++) {
		fp = open_memstream(&buf, &len);
		csvout_begin(&o, fp, excel);
		csvout_field(&o, "a");
		csvout_field(&o, "b,\"c\"");
		csvout_end_row(&o);
		csvout_field(&o, "行\n二");
		csvout_field(&o, "");
		csvout_end_row(&o);
		fclose(fp);
		assert_string_equal(buf, excel ? "\xEF\xBB\xBF" "a,\"b,\"\"c\"\"\"\r\n\"行\n二\",\r\n"
		                               : "a,\"b,\"\"c\"\"\"\n\"行\n二\",\n");
		free(buf);
		buf = NULL;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_many_and_take),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
