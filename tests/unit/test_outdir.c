/*
 * Unit tests for analysis/base/outdir.c: a folder written whole.  A new folder is made;
 * an old one is replaced whole (nothing of it left) only when the new one is complete;
 * an abort leaves the old one as it was; a folder of other files is refused, never
 * emptied; a missing parent, a file or a link in the folder's place are errors.
 */
#include "base/outdir.h"
#include "base/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

#define MARK "index.csv"
#define HEAD "file,title,"

/* FIXTURE/NAME, malloc'd. */
static char *
at(const char *name)
{
	return xasprintf("%s/%s", fixture_dir, name);
}

static int
exists(const char *name)
{
	char *p = at(name);
	struct stat st;
	int r = lstat(p, &st) == 0;
	free(p);
	return r;
}

/* How many scratch or set-aside folders outdir left in the fixture folder. */
static int
leftovers(void)
{
	DIR *d = opendir(fixture_dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strncmp(e->d_name, ".yoy-", 5) == 0;
	closedir(d);
	return n;
}

/* Write TEXT to DIR/NAME. */
static void
put(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

/* An earlier run's folder: its index and a chart. */
static void
old_run(const char *name, const char *index)
{
	char *p = at(name);
	assert_int_equal(mkdir(p, 0755), 0);
	put(p, MARK, index);
	put(p, "old.png", "old");
	free(p);
}

static void
test_new_folder(void **state)
{
	struct outdir d;
	char *dir, *cause = NULL;
	(void)state;

	assert_int_equal(fixture_open("outdir"), 0);
	dir = at("charts/");
	assert_int_equal(outdir_open(&d, dir, MARK, HEAD, &cause), 0);
	/* Drawn beside it; the folder appears only on commit. */
	assert_false(exists("charts"));
	assert_int_equal(leftovers(), 1);
	put(d.tmp, "a.png", "a");
	assert_int_equal(outdir_commit(&d, &cause), 0);
	assert_true(exists("charts/a.png"));
	assert_int_equal(leftovers(), 0);
	free(dir);
	fixture_close();
}

static void
test_replace_whole(void **state)
{
	static const char *const index[] = { HEAD "series\n", "\xEF\xBB\xBF" HEAD "series\r\n" };
	(void)state;

	/* The index as yoy writes it, and with --excel's BOM. */
	for (size_t i = 0; i < NELEM(index); i++) {
		struct outdir d;
		char *dir, *cause = NULL;
		assert_int_equal(fixture_open("outdir"), 0);
		old_run("charts", index[i]);
		dir = at("charts");
		assert_int_equal(outdir_open(&d, dir, MARK, HEAD, &cause), 0);
		put(d.tmp, "new.png", "new");
		put(d.tmp, MARK, HEAD "series\n");
		/* While drawing, the old folder is whole. */
		assert_true(exists("charts/old.png"));
		assert_int_equal(outdir_commit(&d, &cause), 0);
		assert_true(exists("charts/new.png"));
		assert_false(exists("charts/old.png"));
		assert_int_equal(leftovers(), 0);
		free(dir);
		fixture_close();
	}
}

static void
test_abort(void **state)
{
	struct outdir d;
	char *dir, *sub, *cause = NULL;
	(void)state;

	assert_int_equal(fixture_open("outdir"), 0);
	old_run("charts", HEAD "\n");
	dir = at("charts");
	assert_int_equal(outdir_open(&d, dir, MARK, HEAD, &cause), 0);
	put(d.tmp, "half.png", "half");
	sub = xasprintf("%s/deeper", d.tmp);
	assert_int_equal(mkdir(sub, 0755), 0);
	put(sub, "x", "x");
	outdir_abort(&d);
	assert_true(exists("charts/old.png"));
	assert_false(exists("charts/half.png"));
	assert_int_equal(leftovers(), 0);
	free(sub);
	free(dir);
	fixture_close();
}

/* What may not be replaced: an error naming it, and nothing touched. */
static void
refused(const char *name, const char *why)
{
	struct outdir d;
	char *dir = at(name), *cause = NULL;

	assert_int_equal(outdir_open(&d, dir, MARK, HEAD, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, why));
	assert_int_equal(leftovers(), 0);
	free(cause);
	free(dir);
}

static void
test_refused(void **state)
{
	char *p, *link;
	(void)state;

	assert_int_equal(fixture_open("outdir"), 0);
	/* A folder of someone's files (plots/ with its CSVs), even with an index.csv of
	 * another kind. */
	p = at("plots");
	assert_int_equal(mkdir(p, 0755), 0);
	put(p, "growth.csv", "series,metric\n");
	put(p, MARK, "name,page\n");
	refused("plots", "plots: holds files yoy did not write there");
	assert_true(exists("plots/growth.csv"));
	refused("nope/charts", "nope: no such folder to make ");
	fixture_put("file", "x");
	refused("file", "file: exists and is not a folder");
	link = at("link");
	assert_int_equal(symlink(p, link), 0);
	refused("link", "link: is a symbolic link");
	refused(".", "give the folder a name of its own");
	refused("plots/..", "give the folder a name of its own");
	free(link);
	free(p);
	fixture_close();
}

static void
test_empty_folder(void **state)
{
	struct outdir d;
	char *dir, *cause = NULL;
	(void)state;

	assert_int_equal(fixture_open("outdir"), 0);
	dir = at("charts");
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(outdir_open(&d, dir, MARK, HEAD, &cause), 0);
	put(d.tmp, "a.png", "a");
	assert_int_equal(outdir_commit(&d, &cause), 0);
	assert_true(exists("charts/a.png"));
	assert_int_equal(leftovers(), 0);
	free(dir);
	fixture_close();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_folder), cmocka_unit_test(test_replace_whole),
		cmocka_unit_test(test_abort),      cmocka_unit_test(test_refused),
		cmocka_unit_test(test_empty_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
