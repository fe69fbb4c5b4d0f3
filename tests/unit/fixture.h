/*
 * fixture: a throw-away datasets folder for the unit tests that load a corpus.
 * Include after cmocka.h.  fixture_open() makes /tmp/yoy-NAME-XXXXXX with tasks/ in it,
 * fixture_put() writes a file there, fixture_close() removes it all.
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

#endif
