/*
 * util: memory, growable strings, error messages and atomic output files.
 *
 * Conventions used throughout yoy: functions that can fail return -1 (or NULL) and,
 * when `cause` is non-NULL, store a malloc'd message of the shape "FILE:LINE: what"
 * (or "FILE: what") in *cause; the caller frees it.  Only cmd_* functions print.
 */
#ifndef YOY_UTIL_H
#define YOY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "base/pool.h"

/* Exit codes (docs/design.md, "Errors"). */
enum yoy_exit {
	EXIT_OK = 0,
	EXIT_BADINPUT = 1,
	EXIT_USAGE = 2,
	EXIT_NOPROG = 3,
};

/* The number of elements of an array (not a pointer). */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never returns NULL: on exhaustion the process aborts with a message
 * (xoom). */
_Noreturn void xoom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow an array *p of *cap elements of size sz so that it holds at least n. */
void xgrow(void *pp, size_t *cap, size_t n, size_t sz);

/* Growable NUL-terminated byte string. Zero-initialise (SB_INIT) before use. */
struct sb {
	char *buf;
	size_t len, cap;
};
#define SB_INIT { NULL, 0, 0 }
void sb_add(struct sb *sb, const char *s, size_t n);
void sb_adds(struct sb *sb, const char *s);
void sb_addc(struct sb *sb, char c);
void sb_addf(struct sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(struct sb *sb);
/* Return the string (never NULL) and leave sb empty; the caller frees it. */
char *sb_detach(struct sb *sb);
void sb_release(struct sb *sb);

/* Store a formatted message in *cause (if cause is non-NULL); returns -1 for `return` chains. */
int fail(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Read a whole file. Returns a NUL-terminated buffer (length in *len) or NULL with *cause. */
char *file_read(const char *path, size_t maxlen, size_t *len, char **cause);

/*
 * Atomic output: aout_open() opens PATH.tmp.PID (or stdout when path is NULL or "-");
 * aout_commit() flushes, checks for write errors and renames into place; aout_abort()
 * removes the temporary file.  Exactly one of commit/abort must be called.
 */
struct aout {
	FILE *fp;
	char *path, *tmp;
	int mode;      /* the replaced file's permissions, kept; -1 for a new file */
};
int aout_open(struct aout *o, const char *path, char **cause);

/* May PATH be written as an output?  A file that exists and that nobody may write (mode
 * 444) is refused: -1 with *cause.  *MODE gets its permissions (to keep), or -1 when it
 * does not exist.  For writers that make their own temporary file (the workbook). */
int aout_check(const char *path, int *mode, char **cause);
int aout_commit(struct aout *o, char **cause);
void aout_abort(struct aout *o);

/*
 * Progress of long work (loading thousands of sets, ingesting a folder).  Modules call
 * progress(); it does nothing unless the command line installed a reporter with
 * progress_set() (which prints only on a terminal).
 */
typedef void (*progress_fn)(const char *what, size_t done, size_t total);
void progress_set(progress_fn fn);
void progress(const char *what, size_t done, size_t total);

#endif
