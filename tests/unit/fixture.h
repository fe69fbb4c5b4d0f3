/*
 * fixture: a throw-away datasets folder for the unit tests that load a corpus.
 * Include after cmocka.h.  fixture_open() makes /tmp/yoy-NAME-XXXXXX with tasks/ in it,
 * fixture_put() writes a file there, fixture_close() (or fixture_teardown, as a group
 * teardown) removes it all; fixture_load() loads it and runs the matcher.
 */
#ifndef YOY_TEST_FIXTURE_H
#define YOY_TEST_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char fixture_dir[64];

static void
fixture_put(const char *name, const char *text)
{
	char path[128];
	FILE *fp;
	snprintf(path, sizeof path, "%s/%s", fixture_dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
fixture_open(const char *name)
{
	char path[128];
	snprintf(fixture_dir, sizeof fixture_dir, "/tmp/yoy-%s-XXXXXX", name);
	if (!mkdtemp(fixture_dir))
		return -1;
	snprintf(path, sizeof path, "%s/tasks", fixture_dir);
	return mkdir(path, 0755);
}

/* How many entries the fixture folder has (tasks/ included): what a test wrote in it, and
 * any temporary file left behind.  (Inline: the tests that do not use it are not warned.) */
static inline int
fixture_entries(void)
{
	DIR *d = opendir(fixture_dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int
fixture_close(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", fixture_dir);
	return system(cmd);
}

/* The group teardown of a test that made a fixture. */
static inline int
fixture_teardown(void **state)
{
	(void)state;
	return fixture_close();
}

#ifdef YOY_MATCH_H
/* The fixture as a corpus with its targets (and notice lines) and the match (M), for the
 * tests that include core/match.h before this file. */
static inline struct corpus *
fixture_load(struct match *m)
{
	char *cause = NULL;
	struct corpus *c = corpus_load(fixture_dir, &cause);

	assert_non_null(c);
	assert_int_equal(corpus_targets(c, 1, &cause), 0);
	memset(m, 0, sizeof *m);
	match_run(m, c);
	return c;
}
#endif

#endif
