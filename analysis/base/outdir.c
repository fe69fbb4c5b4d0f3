/* outdir: see outdir.h. */
#include "base/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

int
outdir_remove_tree(const char *path)
{
	/* Depth first, links not followed: a link to elsewhere is removed, not what it
	 * points to. */
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 || errno == ENOENT ? 0 : -1;
}

/* Does the regular file PATH start with HEAD (after a UTF-8 BOM)? */
static int
starts_with(const char *path, const char *head)
{
	char buf[256];
	struct stat st;
	size_t n, len = strlen(head);
	FILE *fp;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !(fp = fopen(path, "rb")))
		return 0;
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		return len <= n - 3 && memcmp(buf + 3, head, len) == 0;
	return len <= n && memcmp(buf, head, len) == 0;
}

/* Is DIR empty, or does it hold MARK starting with HEAD? */
static int
replaceable(const char *dir, const char *mark, const char *head)
{
	char *m = xasprintf("%s/%s", dir, mark);
	int ok = starts_with(m, head);
	DIR *dp;
	struct dirent *e;

	free(m);
	if (ok || !(dp = opendir(dir)))
		return ok;
	ok = 1;
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			ok = 0;
			break;
		}
	closedir(dp);
	return ok;
}

/* Check that DIR may be replaced and its parent exists; PARENT and BASE are its two
 * halves.  Returns -1 with *cause. */
static int
check_place(const char *dir, const char *parent, const char *base, const char *mark,
            const char *head, char **cause)
{
	struct stat st;

	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return fail(cause, "%s: give the folder a name of its own (it is replaced whole)",
		            dir);
	if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode))
		return fail(cause, "%s: no such folder to make %s in", parent, dir);
	if (lstat(dir, &st) != 0)
		return errno == ENOENT ? 0 : fail(cause, "%s: %s", dir, strerror(errno));
	if (S_ISLNK(st.st_mode))
		return fail(cause, "%s: is a symbolic link; give the folder it points to", dir);
	if (!S_ISDIR(st.st_mode))
		return fail(cause, "%s: exists and is not a folder", dir);
	if (!replaceable(dir, mark, head))
		return fail(cause,
		            "%s: holds files yoy did not write there (no %s); give a new or empty "
		            "folder, it is replaced whole",
		            dir, mark);
	return 0;
}

/* DIR without its trailing '/' (*PATH), its parent (*PARENT: "." for a bare name) and
 * its last part (*BASE, inside *PATH).  *PATH and *PARENT are malloc'd. */
static void
split(const char *dir, char **path, char **parent, const char **base)
{
	size_t n = strlen(dir);
	char *slash;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	*path = xstrndup(dir, n);
	slash = strrchr(*path, '/');
	*parent = slash ? xstrndup(*path, slash == *path ? 1 : (size_t)(slash - *path)) : xstrdup(".");
	*base = slash ? slash + 1 : *path;
}

int
outdir_check(const char *dir, const char *mark, const char *head, char **cause)
{
	char *path, *parent;
	const char *base;
	int rc;

	split(dir, &path, &parent, &base);
	rc = check_place(path, parent, base, mark, head, cause);
	free(path);
	free(parent);
	return rc;
}

int
outdir_open(struct outdir *d, const char *dir, const char *mark, const char *head,
            char **cause)
{
	char *path, *parent;
	const char *base;
	int rc;

	d->dir = d->tmp = NULL;
	split(dir, &path, &parent, &base);
	if ((rc = check_place(path, parent, base, mark, head, cause)) == 0) {
		d->tmp = xasprintf("%s/.yoy-%s-XXXXXX", parent, base);
		if (!mkdtemp(d->tmp)) {
			rc = fail(cause, "%s: cannot write: %s", parent, strerror(errno));
			free(d->tmp);
			d->tmp = NULL;
		}
	}
	free(parent);
	if (rc != 0) {
		free(path);
		return -1;
	}
	d->dir = path;
	return 0;
}

/* Replace D->dir by D->tmp where the file system cannot exchange two names: the old
 * folder is moved aside first and moved back when the new one cannot take its place.
 * On success *OLD is where the old folder went. */
static int
replace_in_steps(struct outdir *d, char **old, char **cause)
{
	const char *slash = strrchr(d->tmp, '/');

	*old = xasprintf("%.*s/.yoy-old-XXXXXX", (int)(slash - d->tmp), d->tmp);
	/* rename(2) may replace an empty folder: mkdtemp reserves the name. */
	if (!mkdtemp(*old) || rename(d->dir, *old) != 0) {
		int e = errno;
		rmdir(*old);
		return fail(cause, "%s: cannot move aside: %s", d->dir, strerror(e));
	}
	if (rename(d->tmp, d->dir) != 0) {
		int e = errno;
		rename(*old, d->dir);
		return fail(cause, "%s: cannot rename into place: %s", d->dir, strerror(e));
	}
	return 0;
}

int
outdir_commit(struct outdir *d, char **cause)
{
	struct stat st;
	char *old = NULL;
	int rc = 0;

	if (lstat(d->dir, &st) != 0 && errno == ENOENT) {
		if (rename(d->tmp, d->dir) != 0)
			rc = fail(cause, "%s: cannot rename into place: %s", d->dir, strerror(errno));
	} else if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->dir, RENAME_EXCHANGE) == 0) {
		/* One step, the folder never missing: the scratch name now holds the old one. */
		old = d->tmp;
		d->tmp = NULL;
	} else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
		rc = replace_in_steps(d, &old, cause);
	} else {
		rc = fail(cause, "%s: cannot rename into place: %s", d->dir, strerror(errno));
	}
	if (rc != 0) {
		free(old);
		outdir_abort(d);
		return -1;
	}
	/* What cannot be removed of the old run stays in a hidden folder beside DIR. */
	if (old)
		outdir_remove_tree(old);
	free(old);
	free(d->dir);
	free(d->tmp);
	d->dir = d->tmp = NULL;
	return 0;
}

void
outdir_abort(struct outdir *d)
{
	if (d->tmp)
		outdir_remove_tree(d->tmp);
	free(d->dir);
	free(d->tmp);
	d->dir = d->tmp = NULL;
}
