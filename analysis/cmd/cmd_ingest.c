/*
 * cmd_ingest: yoy ingest — a notice as published to its task-set CSV (or its catalog row
 * with --meta), one notice or a folder of them.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "ingest/notice.h"
#include "base/util.h"

/* The parent of a district: a city set of the same year in the catalog whose name the
 * issuing office's name starts with (重庆市渝北区人民政府办公室 → 重庆市). */
static const char *
guess_parent(const struct corpus *c, const struct notice *n)
{
	if (!c || strcmp(n->level, "district") != 0)
		return "";
	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *s = &c->sets[i];
		size_t k = strlen(s->jurisdiction);
		const char *stem_end;
		if (strcmp(s->level, "city") != 0 || s->year != n->year || k == 0)
			continue;
		/* 重庆市 → 重庆: 重庆高新区 is in 重庆 too. */
		stem_end = k > 3 && strcmp(s->jurisdiction + k - 3, "市") == 0 ? s->jurisdiction + k - 3
		                                                            : s->jurisdiction + k;
		k = (size_t)(stem_end - s->jurisdiction);
		if (strncmp(n->issuer, s->jurisdiction, k) == 0 ||
		    strncmp(n->jurisdiction, s->jurisdiction, k) == 0)
			return s->id;
	}
	return "";
}

/* The notices named: files as given, folders as their *.txt in name order. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t
ingest_inputs(char **args, int n, char ***out)
{
	char **v = NULL;
	size_t k = 0, cap = 0;

	for (int i = 0; i < n; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;
		size_t from = k;
		if (stat(args[i], &st) < 0 || !S_ISDIR(st.st_mode) || !(d = opendir(args[i]))) {
			xgrow(&v, &cap, k + 1, sizeof *v);
			v[k++] = xstrdup(args[i]);
			continue;
		}
		while ((e = readdir(d))) {
			const char *dot = strrchr(e->d_name, '.');
			if (e->d_name[0] == '.' || !dot ||
			    (strcasecmp(dot, ".txt") != 0 && strcasecmp(dot, ".html") != 0 &&
			     strcasecmp(dot, ".htm") != 0 && strcasecmp(dot, ".pdf") != 0))
				continue;
			xgrow(&v, &cap, k + 1, sizeof *v);
			v[k++] = xasprintf("%s/%s", args[i], e->d_name);
		}
		closedir(d);
		qsort(v + from, k - from, sizeof *v, cmp_str);
	}
	*out = v;
	return k;
}

/* The set id of a notice: its file name without .txt. */
static char *
notice_id(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *id = xstrdup(slash ? slash + 1 : path), *dot = strrchr(id, '.');
	if (dot && dot != id)
		*dot = '\0';
	return id;
}

static void
meta_row(struct rows *t, const struct corpus *c, const struct notice *n, const char *path,
         const char *id)
{
	const char *slash = strrchr(path, '/');
	char year[16], *raw = xasprintf("raw/%s", slash ? slash + 1 : path);
	char *tasks = xasprintf("tasks/%s.csv", id);
	const char *row[CATALOG_NCOLS] = { id,           year,       n->jurisdiction, n->level,
		                           guess_parent(c, n), n->doc_number, n->issued,   n->title,
		                           raw,          tasks };
	snprintf(year, sizeof year, "%d", n->year);
	if (strcmp(n->level, "district") == 0 && !*row[4])
		cli_warning("%s: no city set of %d in the catalog that %s belongs to: parent left "
		            "empty", path, n->year, *n->jurisdiction ? n->jurisdiction : "this district");
	rows_add(t, row);
	free(raw);
	free(tasks);
}

static void
items_table(struct rows *t, const struct notice *n)
{
	rows_init(t, rows_task_def.cols, rows_task_def.ncols);
	for (size_t i = 0; i < n->nitems; i++) {
		const struct notice_item *it = &n->items[i];
		const char *row[TASK_NCOLS] = { it->seq,  it->section,  it->name, it->units,
			                        it->task, it->deadline, it->note };
		rows_add(t, row);
	}
}

/* Why a notice was refused: --explain's scores come before the error, on stderr too. */
static void
say_refused(char *cause)
{
	char *nl = strrchr(cause, '\n');

	if (nl) {
		fprintf(stderr, "%.*s", (int)(nl - cause + 1), cause);
		cli_error("%s", nl + 1);
	} else
		cli_error("%s", cause);
	free(cause);
}

/* The task CSV of notice NT (with id ID) to -o, or to DIR/ID.csv.  Returns the status. */
static int
write_tasks(const struct listopt *lo, const struct notice *nt, const char *id, int to_dir)
{
	struct rows t;
	struct listopt one = *lo;
	char *path = to_dir ? xasprintf("%s/%s.csv", lo->out, id) : NULL;
	int rc;

	items_table(&t, nt);
	if (to_dir)
		one.out = path;
	if (one.format == FMT_AUTO)
		one.format = FMT_CSV;
	rc = cli_emit(&one, &t, 0);
	rows_release(&t);
	free(path);
	return rc;
}

int
cmd_ingest(struct invocation *iv)
{
	struct ingest_opts opts = { 0 };
	const struct listopt *lo = &iv->lo;
	const char *setid = cli_opt(iv, "set");
	int meta = cli_opt(iv, "meta") != NULL;
	struct rows metarows;
	struct corpus *c = NULL;
	struct stat st;
	char **inputs = NULL;
	size_t n = 0, failed = 0;
	int rc = EXIT_OK, to_dir;

	opts.layout = cli_opt(iv, "layout");
	opts.explain = cli_opt(iv, "explain") != NULL;
	n = ingest_inputs(iv->args, iv->nargs, &inputs);
	to_dir = lo->out && stat(lo->out, &st) == 0 && S_ISDIR(st.st_mode);
	if (!meta && (n != 1 || iv->nargs != 1) && !to_dir) {
		cli_error("ingest: several notices need -o DIR, an existing folder for their CSVs");
		rc = EXIT_USAGE;
		goto out;
	}
	if (meta) {
		c = corpus_load(G.data, NULL);
		rows_init(&metarows, rows_tables[TBL_SETS].cols, rows_tables[TBL_SETS].ncols);
	}
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		char *cause = NULL, *id = notice_id(inputs[i]);
		struct notice *nt = notice_load(inputs[i], &opts, &cause);
		progress("ingesting notices", i + 1, n);
		if (!nt) {
			say_refused(cause);
			failed++;
			if (opts.missing)
				rc = EXIT_NOPROG; /* no pdftotext: the other PDFs would fail alike */
		} else {
			if (nt->explain)
				fputs(nt->explain, stderr);
			for (size_t w = 0; w < nt->nwarnings; w++)
				cli_warning("%s", nt->warnings[w]);
			if (meta)
				meta_row(&metarows, c, nt, inputs[i], n == 1 && setid ? setid : id);
			else if (write_tasks(lo, nt, id, to_dir) != EXIT_OK)
				failed++;
			notice_free(nt);
		}
		free(id);
	}
	if (meta) {
		rc = cli_emit(lo, &metarows, 0);
		rows_release(&metarows);
		corpus_free(c);
	}
	if (failed && rc == EXIT_OK)
		rc = EXIT_BADINPUT;
out:
	for (size_t i = 0; i < n; i++)
		free(inputs[i]);
	free(inputs);
	return rc;
}
