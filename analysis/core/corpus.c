/* corpus: see corpus.h. */
#include "core/corpus.h"
#include "core/label.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/csvio.h"
#include "base/memo.h"
#include "ingest/notice.h"
#include "base/par.h"
#include "base/util.h"

const char *const catalog_cols[] = { "set",      "year",       "jurisdiction", "level",
	                             "parent",   "doc_number", "issued",       "title",
	                             "raw",      "tasks" };
const char *const task_cols[] = { "seq", "section", "name", "units", "task", "deadline", "note" };

static const char *const levels[] = { "city", "district", "county", "province" };

int
corpus_set_matches(const struct set *s, const char *id, int year, const char *jurisdiction)
{
	if (id && strcmp(id, s->id) != 0)
		return 0;
	if (year && year != s->year)
		return 0;
	if (jurisdiction) {
		/* The jurisdiction's name (重庆市), or the slug of its set ids (cq). */
		size_t n = strlen(jurisdiction);
		int slug = strncmp(s->id, jurisdiction, n) == 0 && s->id[n] == '-';
		if (!slug && strcmp(s->jurisdiction, jurisdiction) != 0)
			return 0;
	}
	return 1;
}

struct item *
corpus_item(const struct corpus *c, const char *ref, int *t)
{
	char *copy = xstrdup(ref), *p1 = strchr(copy, ':'), *p2;
	struct set *s;
	struct item *it = NULL;

	*t = -1;
	if (!p1)
		goto out;
	*p1++ = '\0';
	if ((p2 = strchr(p1, ':')))
		*p2++ = '\0';
	if (!(s = corpus_set(c, copy)))
		goto out;
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].seq, p1) == 0)
			it = &s->items[i];
	if (it && p2) {
		char *end;
		long n = strtol(p2, &end, 10);
		if (*end || n < 1 || (size_t)n > it->targets.n)
			it = NULL;
		else
			*t = (int)n - 1;
	}
out:
	free(copy);
	return it;
}

size_t
set_ntargets(const struct set *s)
{
	size_t n = 0;

	for (size_t k = 0; k < s->nitems; k++)
		n += s->items[k].targets.n;
	return n;
}

void
corpus_count(const struct corpus *c, size_t *items, size_t *targets)
{
	*items = *targets = 0;
	for (size_t i = 0; i < c->nsets; i++) {
		*items += c->sets[i].nitems;
		*targets += set_ntargets(&c->sets[i]);
	}
}

char *
corpus_path(const struct corpus *c, const char *rel)
{
	if (rel[0] == '/')
		return xstrdup(rel);
	return xasprintf("%s/%s", c->dir, rel);
}

static int
cmp_set_id(const void *a, const void *b)
{
	const struct set *x = *(struct set *const *)a, *y = *(struct set *const *)b;
	int r = strcmp(x->id, y->id);
	return r ? r : x->line - y->line;
}

struct set *
corpus_set(const struct corpus *c, const char *id)
{
	size_t lo = 0, hi = c->byid ? c->nsets : 0;

	/* A binary search once the index exists (thousands of sets), else a scan. */
	if (!c->byid) {
		for (size_t i = 0; i < c->nsets; i++)
			if (strcmp(c->sets[i].id, id) == 0)
				return &c->sets[i];
		return NULL;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(c->byid[mid]->id, id);
		if (r == 0)
			return c->byid[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The item's strings: the seven fields F, which the set keeps (load_tasks). */
static void
item_strings(struct item *it, char *const *f)
{
	it->seq = f[0];
	it->section = f[1];
	it->name = f[2];
	it->units = f[3];
	it->task = f[4];
	it->deadline = f[5];
	it->note = f[6];
}

static int exists(const char *path);

/* The items of set S, whose catalog is CATALOG. */
static int
load_tasks(struct corpus *c, struct set *s, const char *catalog, char **cause)
{
	char *path = corpus_path(c, s->tasks);
	struct csv_doc *d = csvio_read_kept(path, cause);
	int rc = -1;

	/* Asked only when it cannot be read: a file missing is the catalog's error. */
	if (!d) {
		if (!exists(path))
			fail(cause, "%s:%d: tasks file '%s' not found", catalog, s->line, s->tasks);
		goto out;
	}
	if (csvio_expect(d, path, task_cols, TASK_NCOLS, cause) < 0)
		goto out;
	s->items = xcalloc(d->nrows, sizeof *s->items);
	for (size_t r = 1; r < d->nrows; r++) {
		char **f = d->rows[r].f;
		struct item *it = &s->items[s->nitems];

		if (!*f[0]) {
			fail(cause, "%s:%d: empty seq", path, d->rows[r].line);
			goto out;
		}
		/* An item printed as one phrase has a task and no name (docs/design.md). */
		if (!*f[2] && !*f[4]) {
			fail(cause, "%s:%d: neither name nor task", path, d->rows[r].line);
			goto out;
		}
		for (size_t k = 0; k < s->nitems; k++)
			if (strcmp(s->items[k].seq, f[0]) == 0) {
				fail(cause, "%s:%d: duplicate seq '%s' (first at line %d)", path,
				     d->rows[r].line, f[0], s->items[k].line);
				goto out;
			}
		it->set = s;
		item_strings(it, f);
		it->line = d->rows[r].line;
		s->nitems++;
	}
	rc = 0;
out:
	/* The fields the items point at are kept with the set, in the blocks they were read
	 * into: no copy of a national corpus's two million strings. */
	if (d)
		pool_merge(&s->strings, &d->pool);
	csvio_free(d);
	free(path);
	return rc;
}

static int
exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether the file at REL (relative to the datasets folder) exists. */
static int
corpus_exists(const struct corpus *c, const char *rel)
{
	char *p = corpus_path(c, rel);
	int ok = exists(p);

	free(p);
	return ok;
}

/* The set of catalog row R (at line LINE of PATH), checked; its strings are taken from D. */
static int
catalog_row(struct corpus *c, struct csv_doc *d, size_t r, const char *path, char **cause)
{
	char **f = d->rows[r].f, *end;
	int line = d->rows[r].line;
	struct set *s = &c->sets[c->nsets];
	long year;
	size_t k;

	if (!*f[0])
		return fail(cause, "%s:%d: empty set id", path, line);
	errno = 0;
	year = strtol(f[1], &end, 10);
	if (!isdigit((unsigned char)f[1][0]) || *end || errno || year < 1949 || year > 2200)
		return fail(cause, "%s:%d: bad year '%s'", path, line, f[1]);
	for (k = 0; k < NELEM(levels); k++)
		if (strcmp(f[3], levels[k]) == 0)
			break;
	if (k == NELEM(levels))
		return fail(cause, "%s:%d: bad level '%s' (city, district, county or province)", path,
		            line, f[3]);
	if (!*f[9])
		return fail(cause, "%s:%d: set '%s' has no tasks file", path, line, f[0]);
	f = csvio_take(d, r); /* the strings now belong to the set */
	s->id = f[0];
	s->year = (int)year;
	free(f[1]);
	s->jurisdiction = f[2];
	s->level = f[3];
	s->parent = f[4];
	s->doc_number = f[5];
	s->issued = f[6];
	s->title = f[7];
	s->raw = f[8];
	s->tasks = f[9];
	s->line = line;
	free(f);
	c->nsets++;
	return 0;
}

/* Set S's raw notice, when it names one, is there (the catalog's own check, made on the
 * cores after its rows: a stat each, thousands in a national catalog). */
static int
raw_exists(struct corpus *c, struct set *s, const void *catalog, char **cause)
{
	if (*s->raw && !corpus_exists(c, s->raw))
		return fail(cause, "%s:%d: raw notice '%s' not found", (const char *)catalog, s->line,
		            s->raw);
	return 0;
}

/* The index by id; two sets with one id are an error at the second's line. */
static int
index_sets(struct corpus *c, const char *path, char **cause)
{
	c->byid = xcalloc(c->nsets + 1, sizeof *c->byid);
	for (size_t i = 0; i < c->nsets; i++)
		c->byid[i] = &c->sets[i];
	qsort(c->byid, c->nsets, sizeof *c->byid, cmp_set_id);
	for (size_t i = 1; i < c->nsets; i++)
		if (strcmp(c->byid[i]->id, c->byid[i - 1]->id) == 0)
			return fail(cause, "%s:%d: duplicate set '%s'", path, c->byid[i]->line,
			            c->byid[i]->id);
	return 0;
}

/* Set S's parent and its items. */
static int
load_set(struct corpus *c, struct set *s, const void *catalog, char **cause)
{
	const char *path = catalog;

	if (*s->parent && (!(s->up = corpus_set(c, s->parent)) || s->up == s))
		return fail(cause, "%s:%d: unknown parent set '%s'", path, s->line, s->parent);
	return load_tasks(c, s, path, cause);
}

/* A step taken for every set: FN(C, S, ARG, cause), 0 or -1. */
typedef int (*set_fn)(struct corpus *c, struct set *s, const void *arg, char **cause);

/* One thread's share of the sets (taken from Q as it asks); it stops at its first error,
 * whose set is FAILED. */
struct each_job {
	struct corpus *c;
	set_fn fn;
	const void *arg;
	const char *what;     /* for progress(), or NULL */
	struct par_queue *q;
	size_t t, failed;
	char *cause;
};

static void *
each_thread(void *arg)
{
	struct each_job *j = arg;

	for (size_t i; (i = par_take(j->q)) < j->c->nsets;) {
		if (j->fn(j->c, &j->c->sets[i], j->arg, &j->cause) < 0) {
			j->failed = i;
			break;
		}
		if (j->t == 0 && j->what)
			progress(j->what, i + 1, j->c->nsets);
	}
	return NULL;
}

/*
 * FN for every set, the sets on the cores (each reads and writes its own), handed out in
 * catalog order as the threads ask.  The error told is that of the first set in catalog
 * order that fails, as if they were taken one by one: each thread stops at its first, a
 * set before it was handed out before it, and the first of those is the first of all.
 */
static int
each_set(struct corpus *c, set_fn fn, const void *arg, const char *what, char **cause)
{
	struct each_job jobs[PAR_MAX];
	struct par_queue q = PAR_QUEUE_INIT;
	size_t nt = par_threads(c->nsets, 64), first = (size_t)-1, who = 0;

	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct each_job){ c, fn, arg, what, &q, t, (size_t)-1, NULL };
	par_run(each_thread, jobs, sizeof *jobs, nt);
	for (size_t t = 0; t < nt; t++)
		if (jobs[t].failed < first) {
			first = jobs[t].failed;
			who = t;
		}
	if (first != (size_t)-1 && cause) {
		free(*cause);
		*cause = jobs[who].cause;
		jobs[who].cause = NULL;
	}
	for (size_t t = 0; t < nt; t++)
		free(jobs[t].cause);
	return first == (size_t)-1 ? 0 : -1;
}

struct corpus *
corpus_load(const char *dir, char **cause)
{
	struct corpus *c = xcalloc(1, sizeof *c);
	char *path = xasprintf("%s/catalog.csv", dir);
	struct csv_doc *d = NULL;
	int rc = 0;

	c->dir = xstrdup(dir);
	if (!(d = csvio_read(path, cause)) ||
	    csvio_expect(d, path, catalog_cols, CATALOG_NCOLS, cause) < 0)
		rc = -1;
	else
		c->sets = xcalloc(d->nrows, sizeof *c->sets);
	for (size_t r = 1; rc == 0 && r < d->nrows; r++)
		rc = catalog_row(c, d, r, path, cause);
	/* The rows read are those before the first bad one: a raw notice missing among them
	 * is the first error in catalog order, and is told instead. */
	if (each_set(c, raw_exists, path, NULL, cause) < 0)
		rc = -1;
	if (rc == 0)
		rc = index_sets(c, path, cause);
	if (rc == 0)
		rc = each_set(c, load_set, path, "loading sets", cause);
	csvio_free(d);
	free(path);
	if (rc < 0) {
		corpus_free(c);
		return NULL;
	}
	return c;
}

void
corpus_free(struct corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nsets; i++) {
		struct set *s = &c->sets[i];
		for (size_t k = 0; k < s->nitems; k++) {
			struct item *it = &s->items[k];
			target_list_release(&it->targets);
			free(it->target_lines);
		}
		free(s->items);
		pool_release(&s->strings);
		free(s->id);
		free(s->jurisdiction);
		free(s->level);
		free(s->parent);
		free(s->doc_number);
		free(s->issued);
		free(s->title);
		free(s->raw);
		free(s->tasks);
	}
	free(c->sets);
	free(c->byid);
	free(c->dir);
	free(c);
}

/* What corpus_targets asks of every set: with the notices' lines or not, and the target
 * lists made so far by the task and name they were made from (districts copy their city's
 * wording and items come back each year: a national corpus asks again for most tasks). */
struct targets_job {
	int lines;
	struct keep *made;
};

/* The targets of one set (see corpus_targets). */
static int
set_targets(struct corpus *c, struct set *s, const void *arg, char **cause)
{
	const struct targets_job *j = arg;
	int lines = j->lines;
	struct notice *n = NULL;
	struct target_list scratch = { 0 };

	if (lines && *s->raw) {
		char *rp = corpus_path(c, s->raw);
		n = notice_load(rp, NULL, cause);
		free(rp);
		if (!n)
			return -1;
	}
	for (size_t k = 0; k < s->nitems; k++) {
		struct item *it = &s->items[k];
		const struct notice_item *ni = NULL;
		const char *key[] = { it->task, it->name };
		uint64_t h = keep_hash(key, NELEM(key));
		const struct item *made;

		target_list_release(&it->targets);
		free(it->target_lines);
		it->same = NULL;
		/* Extraction is a function of the task and the name alone: the list of an item
		 * made from the same two is copied (that item is whole, and its list its own
		 * until the corpus is freed). */
		if ((made = keep_get(j->made, h, key, NELEM(key)))) {
			target_list_copy(&it->targets, &made->targets);
			it->same = made;
		} else {
			/* Made in the set's list, then copied to its size: a list grown by
			 * doubling and cut back, item after item, kept the threads' malloc
			 * busy splitting and joining free chunks (2% of a national run). */
			scratch.n = 0;
			targets_extract(it->task, it->name, &scratch);
			target_list_keep(&it->targets, &scratch);
			keep_put(j->made, h, key, NELEM(key), it);
		}
		it->target_lines = NULL;
		for (size_t m = 0; n && m < n->nitems; m++)
			if (strcmp(n->items[m].seq, it->seq) == 0 &&
			    strcmp(n->items[m].task, it->task) == 0)
				ni = &n->items[m];
		/* Without the notice's lines, every target is on the item's line: no list. */
		if (ni && ni->task_lines && it->targets.n) {
			it->target_lines = xcalloc(it->targets.n, sizeof(int));
			for (size_t t = 0; t < it->targets.n; t++)
				it->target_lines[t] = ni->task_lines[it->targets.v[t].offset];
		}
	}
	notice_free(n);
	target_list_release(&scratch);
	return 0;
}

/* Sets are independent: with many of them, the work is shared among threads, each
 * taking every Nth set. */
int
corpus_targets(struct corpus *c, int lines, char **cause)
{
	struct keep made;
	struct targets_job j = { lines, &made };
	size_t items, targets;
	int rc;

	corpus_count(c, &items, &targets);
	keep_init(&made, items);
	rc = each_set(c, set_targets, &j, NULL, cause);
	keep_free(&made);
	label_forget();
	return rc;
}
