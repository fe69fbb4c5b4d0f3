/* util: see util.h. */
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/bulk.h"

void
xoom(void)
{
	fputs("yoy: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		xoom();
	bulk_heap_check(p);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xoom();
	bulk_heap_check(p);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		xoom();
	bulk_heap_check(p);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		xoom();
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
xgrow(void *pp, size_t *cap, size_t n, size_t sz)
{
	void **p = pp;
	size_t c = *cap;

	if (n <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < n)
		c *= 2;
	*p = xrealloc(*p, c * sz);
	*cap = c;
}

void
sb_add(struct sb *sb, const char *s, size_t n)
{
	xgrow(&sb->buf, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sb_adds(struct sb *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void
sb_addc(struct sb *sb, char c)
{
	sb_add(sb, &c, 1);
}

void
sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_adds(sb, s);
	free(s);
}

void
sb_reset(struct sb *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *
sb_detach(struct sb *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
sb_release(struct sb *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

struct pool_block {
	struct pool_block *next;
	size_t used, cap;
	enum { ON_HEAP, ON_PIECE, KEPT } how; /* malloc'd; a bulk piece; kept in bulk
	                                       * memory (pool_first_kept), not freed */
	_Alignas(max_align_t) char mem[];
};

/* B, room for CAP bytes (HOW: where it is), made P's first block, empty. */
static struct pool_block *
pool_push(struct pool *p, struct pool_block *b, size_t cap, int how)
{
	b->next = p->b;
	b->used = 0;
	b->cap = cap;
	b->how = how;
	return p->b = b;
}

/* N bytes of P at a multiple of ALIGN (a power of two) in its block. */
static void *
pool_take(struct pool *p, size_t n, size_t align)
{
	struct pool_block *b = p->b;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;

	if (!b || at > b->cap || b->cap - at < n) {
		/* A bulk piece; a string longer than one, a block of its own. */
		if (n <= BULK_PIECE - sizeof *b)
			b = pool_push(p, bulk_piece(), BULK_PIECE - sizeof *b, ON_PIECE);
		else
			b = pool_push(p, xmalloc(sizeof *b + n), n, ON_HEAP);
		at = 0;
	}
	b->used = at + n;
	return b->mem + at;
}

void *
pool_alloc(struct pool *p, size_t n)
{
	return pool_take(p, n, _Alignof(max_align_t));
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *d = pool_take(p, n + 1, 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return pool_strndup(p, s, strlen(s));
}

void
pool_merge(struct pool *p, struct pool *from)
{
	struct pool_block *tail = from->b;

	if (!tail)
		return;
	while (tail->next)
		tail = tail->next;
	/* After P's first block, which is the one that still has room. */
	if (p->b) {
		tail->next = p->b->next;
		p->b->next = from->b;
	} else
		p->b = from->b;
	from->b = NULL;
}

void
pool_first(struct pool *p, size_t n)
{
	pool_push(p, xmalloc(sizeof(struct pool_block) + n), n, ON_HEAP);
}

void
pool_first_kept(struct pool *p, size_t n)
{
	size_t size = sizeof(struct pool_block) + n;

	if (size > BULK_KEEP_MAX)
		pool_first(p, n);
	else
		pool_push(p, bulk_keep(size), n, KEPT);
}

void
pool_release(struct pool *p)
{
	for (struct pool_block *b = p->b, *next; b; b = next) {
		next = b->next;
		if (b->how == ON_PIECE)
			bulk_unpiece(b);
		else if (b->how == ON_HEAP)
			free(b);
	}
	p->b = NULL;
}

int
fail(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (!cause)
		return -1;
	free(*cause);
	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

char *
file_read(const char *path, size_t maxlen, size_t *len, char **cause)
{
	struct stat st;
	char *buf;
	size_t n = 0, cap;
	int fd;

	/* read(2) into a buffer of the file's size, not stdio: a national corpus reads
	 * fifteen thousand files, and stdio asks the size again and reads once more. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		fail(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		fail(cause, "%s: is a directory", path);
		return NULL;
	}
	/* Room for the whole of a regular file and one byte more, so that its end is seen
	 * in the next read; a pipe (or a file of /proc, size 0) grows as it comes. */
	cap = S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size < maxlen
	              ? (size_t)st.st_size + 1
	              : 65536;
	buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t r;
		if (n == cap) {
			if (n > maxlen)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			free(buf);
			fail(cause, "%s: read error", path);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > maxlen) {
		free(buf);
		fail(cause, "%s: file larger than the limit of %zu bytes", path, maxlen);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
aout_check(const char *path, int *mode, char **cause)
{
	struct stat st;

	*mode = -1;
	if (stat(path, &st) < 0)
		return 0;
	if (S_ISDIR(st.st_mode))
		return fail(cause, "%s: is a folder, not a file", path);
	/* By its mode, not access(): root may write anything, but a 444 file says "keep". */
	if (!(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)))
		return fail(cause, "%s: read-only, not replaced (chmod u+w it to allow)", path);
	*mode = (int)(st.st_mode & 07777);
	return 0;
}

int
aout_open(struct aout *o, const char *path, char **cause)
{
	o->fp = NULL;
	o->path = o->tmp = NULL;
	o->mode = -1;
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	if (aout_check(path, &o->mode, cause) < 0)
		return -1;
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	if (!(o->fp = fopen(o->tmp, "wb"))) {
		fail(cause, "%s: cannot write: %s", path, strerror(errno));
		free(o->path);
		free(o->tmp);
		o->path = o->tmp = NULL;
		return -1;
	}
	return 0;
}

int
aout_commit(struct aout *o, char **cause)
{
	int rc = 0;

	if (!o->fp)
		return 0;
	if (o->fp == stdout) {
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = fail(cause, "stdout: write error: %s", strerror(errno));
		o->fp = NULL;
		return rc;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		rc = fail(cause, "%s: write error: %s", o->path, strerror(errno));
	if (fclose(o->fp) != 0 && rc == 0)
		rc = fail(cause, "%s: write error: %s", o->path, strerror(errno));
	o->fp = NULL;
	if (rc == 0 && o->mode >= 0 && chmod(o->tmp, (mode_t)o->mode) != 0)
		rc = fail(cause, "%s: cannot keep its permissions: %s", o->path, strerror(errno));
	if (rc == 0 && rename(o->tmp, o->path) != 0)
		rc = fail(cause, "%s: cannot rename into place: %s", o->path, strerror(errno));
	if (rc != 0)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	return rc;
}

void
aout_abort(struct aout *o)
{
	if (o->fp && o->fp != stdout) {
		fclose(o->fp);
		unlink(o->tmp);
	}
	o->fp = NULL;
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
}

static progress_fn progress_hook;

void
progress_set(progress_fn fn)
{
	progress_hook = fn;
}

void
progress(const char *what, size_t done, size_t total)
{
	if (progress_hook)
		progress_hook(what, done, total);
}
