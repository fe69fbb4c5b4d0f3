/*
 * Unit tests for analysis/cmd/cli.c, the one option parser, on a command table of its own:
 * options named once and read by name, shared groups into the listing options, options
 * after the arguments, a value that looks like an option (--grep -h), the usage errors,
 * and the help made from the table.
 */
#include "cmd/cli.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static int
run_nothing(struct invocation *iv)
{
	(void)iv;
	return 0;
}

static const struct opt demo_opts[] = {
	{ "color", 0, "WHEN", "auto, always or never" },
	{ "explain", 0, NULL, "say why\nover two lines" },
	{ "dir", 'd', "DIR", "write into DIR" },
	{ NULL },
};

const struct command cli_commands[] = {
	{ "demo", run_nothing, NEED_NOTHING, "yoy demo A B [options]", "A demo.\n",
	  OPTS_LISTING, demo_opts, "Notes.\n", 2, 2, "give two sets", 0 },
	{ "bare", run_nothing, NEED_NOTHING, "yoy bare", "Nothing to take.\n", 0, NULL, NULL, 0,
	  0, NULL, 0 },
};
const size_t cli_ncommands = NELEM(cli_commands);

/* Parse the words of LINE (at most 32, split at spaces) for the command in its first
 * word; what it printed on stderr and stdout into ERR and OUT. */
static int
parse(const char *line, struct invocation *iv, char **err, char **out)
{
	static char buf[512], *argv[33];
	int argc = 0, rc, saved_err = dup(2), saved_out = dup(1);
	FILE *fe = tmpfile(), *fo = tmpfile();
	long n;

	strcpy(buf, line);
	for (char *w = strtok(buf, " "); w && argc < 32; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	fflush(stdout);
	dup2(fileno(fe), 2);
	dup2(fileno(fo), 1);
	rc = cli_parse(cli_find(argv[0]), argc, argv, iv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_err, 2);
	dup2(saved_out, 1);
	close(saved_err);
	close(saved_out);
	for (int k = 0; k < 2; k++) {
		FILE *f = k ? fo : fe;
		char **to = k ? out : err;
		n = ftell(f);
		rewind(f);
		*to = calloc(1, (size_t)n + 1);
		assert_int_equal(fread(*to, 1, (size_t)n, f), (size_t)n);
		fclose(f);
	}
	return rc;
}

static void
test_options(void **state)
{
	struct invocation iv;
	char *err, *out;
	(void)state;

	assert_int_equal(parse("demo a --color always -d d --explain b --format csv --year 2025 "
	                       "--set x-2025 --jurisdiction 渝北区 --excel",
	                       &iv, &err, &out),
	                 0);
	assert_string_equal(err, "");
	assert_int_equal(iv.nargs, 2);
	assert_string_equal(iv.args[0], "a");
	assert_string_equal(iv.args[1], "b");
	assert_string_equal(cli_opt(&iv, "color"), "always");
	assert_string_equal(cli_opt(&iv, "dir"), "d");
	assert_string_equal(cli_opt(&iv, "explain"), "");
	assert_int_equal(iv.lo.format, FMT_CSV);
	assert_int_equal(iv.lo.f.year, 2025);
	assert_string_equal(iv.lo.f.set, "x-2025");
	assert_string_equal(iv.lo.f.jurisdiction, "渝北区");
	assert_int_equal(iv.lo.excel, 1);
	free(err);
	free(out);
	/* Not given: NULL.  -h as the value of an option is a value, not help. */
	assert_int_equal(parse("demo a b --grep -h", &iv, &err, &out), 0);
	assert_null(cli_opt(&iv, "color"));
	assert_string_equal(iv.lo.f.grep, "-h");
	assert_string_equal(out, "");
	free(err);
	free(out);
}

static void
test_usage_errors(void **state)
{
	static const struct {
		const char *line, *err;
	} cases[] = {
		{ "demo a b --nope", "yoy: demo: unknown option '--nope'\n"
		                     "usage: see 'yoy help demo'\n" },
		{ "demo a b --color", "yoy: demo: missing argument to option '--color'\n"
		                      "usage: see 'yoy help demo'\n" },
		{ "demo a b -x", "yoy: demo: unknown option '-x'\nusage: see 'yoy help demo'\n" },
		{ "demo a b -o", "yoy: demo: missing argument to option '-o'\n"
		                 "usage: see 'yoy help demo'\n" },
		{ "demo a", "yoy: demo: give two sets\n" },
		{ "demo a b c", "yoy: demo: give two sets\n" },
		{ "demo a b --year 20x5", "yoy: demo: bad --year '20x5'\n" },
		{ "demo a b --format xml", "yoy: demo: bad --format 'xml' (table, csv or json)\n" },
		{ "demo a b --data d", "yoy: demo: --data goes before the command (yoy --data DIR demo)\n" },
		{ "bare extra", "yoy: bare: unexpected argument 'extra'\n" },
		{ "bare --format csv", "yoy: bare: unknown option '--format'\n"
		                       "usage: see 'yoy help bare'\n" },
	};
	(void)state;

	for (size_t i = 0; i < NELEM(cases); i++) {
		struct invocation iv;
		char *err, *out;
		assert_int_equal(parse(cases[i].line, &iv, &err, &out), -1);
		assert_string_equal(err, cases[i].err);
		assert_string_equal(out, "");
		free(err);
		free(out);
	}
}

static void
test_help(void **state)
{
	struct invocation iv;
	char *err, *out;
	(void)state;

	/* --help or -h anywhere but as a value: the help from the table, on stdout. */
	assert_int_equal(parse("demo a -h", &iv, &err, &out), 1);
	assert_string_equal(err, "");
	assert_string_equal(out,
	    "usage: yoy demo A B [options]\n\n"
	    "A demo.\n"
	    "  --color WHEN              auto, always or never\n"
	    "  --explain                 say why\n"
	    "                            over two lines\n"
	    "  -d, --dir DIR             write into DIR\n"
	    "  --format table|csv|json   output format (table on a terminal, csv otherwise)\n"
	    "  -o, --output FILE         write to FILE (atomically) instead of stdout\n"
	    "  --excel                   CSV with a BOM and CRLF line ends, for Excel/WPS\n"
	    "  --set ID                  only the set ID (e.g. cq-2025)\n"
	    "  --year Y                  only sets of year Y\n"
	    "  --jurisdiction J          only jurisdiction J (its name, 渝北区, or its id prefix, "
	    "yubei)\n"
	    "  --grep TEXT               only rows whose text contains TEXT\n"
	    "Notes.\n");
	free(err);
	free(out);
	assert_int_equal(parse("bare --help", &iv, &err, &out), 1);
	assert_string_equal(out, "usage: yoy bare\n\nNothing to take.\n");
	free(err);
	free(out);
	assert_null(cli_find("nope"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
