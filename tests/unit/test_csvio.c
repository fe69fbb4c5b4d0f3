/* Unit tests for analysis/csvio.c and analysis/table.c: strict CSV reading with lines,
 * RFC 4180 writing, the three listing formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/csvio.h"
#include "render/table.h"

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

static char *
render(const struct rows *t, enum table_format f, int excel)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	table_write(t, f, fp, excel, 0);
	fclose(fp);
	return buf;
}

static void
test_formats(void **state)
{
	static const struct col cols[] = { { "seq", COL_TEXT }, { "name", COL_TEXT } };
	const char *r1[] = { "1", "建设\"渝好空间\",妇女" };
	const char *r2[] = { "12", "AED" };
	struct rows t;
	char *s;
	(void)state;

	rows_init(&t, cols, 2);
	rows_add(&t, r1);
	rows_add(&t, r2);
	s = render(&t, FMT_CSV, 0);
	assert_string_equal(s, "seq,name\n1,\"建设\"\"渝好空间\"\",妇女\"\n12,AED\n");
	free(s);
	s = render(&t, FMT_CSV, 1);
	assert_string_equal(s, "\xEF\xBB\xBFseq,name\r\n1,\"建设\"\"渝好空间\"\",妇女\"\r\n12,AED\r\n");
	free(s);
	s = render(&t, FMT_JSON, 0);
	assert_string_equal(s, "[\n  {\"seq\": \"1\", \"name\": \"建设\\\"渝好空间\\\",妇女\"},\n"
	                       "  {\"seq\": \"12\", \"name\": \"AED\"}\n]\n");
	free(s);
	/* Aligned by display width: 建设… is 2 columns a character. */
	s = render(&t, FMT_TABLE, 0);
	assert_string_equal(s, "seq  name\n1    建设\"渝好空间\",妇女\n12   AED\n");
	free(s);
	rows_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
