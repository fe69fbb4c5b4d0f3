/*
 * yoy: compare the yearly 重点民生实事 target lists of Chinese city and district
 * governments.  This file holds the command table, the global options and the thin
 * cmd_* functions; the work is done in the modules.
 */
#include <dirent.h>
#include <getopt.h>
#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "compare.h"
#include "corpus.h"
#include "match.h"
#include "ingest/notice.h"
#include "plot.h"
#include "query.h"
#include "report.h"
#include "sql.h"
#include "stats.h"
#include "table.h"
#include "util.h"
#include "views.h"
#include "wdiff.h"

#ifndef YOY_VERSION
#define YOY_VERSION "0.1.0"
#endif

enum { NEED_NOTHING = 0, NEED_CORPUS = 1 };

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv, struct corpus *c);
	int flags;
	const char *synopsis;
	const char *help;
};

static int cmd_ingest(int, char **, struct corpus *);
static int cmd_sets(int, char **, struct corpus *);
static int cmd_items(int, char **, struct corpus *);
static int cmd_targets(int, char **, struct corpus *);
static int cmd_match(int, char **, struct corpus *);
static int cmd_series(int, char **, struct corpus *);
static int cmd_growth(int, char **, struct corpus *);
static int cmd_compare(int, char **, struct corpus *);
static int cmd_diff(int, char **, struct corpus *);
static int cmd_plot(int, char **, struct corpus *);
static int cmd_query(int, char **, struct corpus *);
static int cmd_sql(int, char **, struct corpus *);
static int cmd_report(int, char **, struct corpus *);
static int cmd_help(int, char **, struct corpus *);

#define LISTING_HELP                                                                      \
	"  --format table|csv|json   output format (table on a terminal, csv otherwise)\n" \
	"  -o, --output FILE         write to FILE (atomically) instead of stdout\n"         \
	"  --excel                   CSV with a BOM and CRLF line ends, for Excel/WPS\n"     \
	"  --set ID                  only the set ID (e.g. cq-2025)\n"                       \
	"  --year Y                  only sets of year Y\n"                                   \
	"  --jurisdiction J          only jurisdiction J (name, e.g. 渝北区, or id prefix, e.g. yubei)\n" \
	"  --grep TEXT               only rows whose text contains TEXT\n"

static const struct cmd commands[] = {
	{ "ingest", cmd_ingest, NEED_NOTHING,
	  "yoy ingest NOTICE... [-o CSV|DIR] [--layout NAME] [--explain] [--meta [--set ID]]",
	  "Read a notice as published and write its task-set CSV (seq,section,name,units,task,\n"
	  "deadline,note).  A notice is text (UTF-8 with or without BOM, GB18030/GBK, Big5; any\n"
	  "line ends), a saved HTML page or a PDF (through pdftotext), told apart by content.\n"
	  "Its list may be a table or a numbered, bulleted or plain list: every layout scores\n"
	  "how well the notice fits it and the best one reads it.  Several notices, or a folder\n"
	  "of them (its .txt, .html, .htm and .pdf files), need -o DIR: each becomes\n"
	  "DIR/<name>.csv.\n"
	  "  -o, --output FILE   write the CSV to FILE (atomically) instead of stdout\n"
	  "  --layout NAME       read the notice with this layout, whatever the scores\n"
	  "  --explain           print every layout's score and why the winner won (stderr)\n"
	  "  --meta              write the set's catalog row instead of its items\n"
	  "  --set ID            the set id for --meta (default: the file name without its\n"
	  "                      extension)\n"
	  "  --excel             CSV with a BOM and CRLF line ends\n"
	  "Warnings about the layout go to stderr.\n" },
	{ "sets", cmd_sets, NEED_CORPUS, "yoy sets [options]",
	  "List the task sets of the catalog (set,year,jurisdiction,level,parent,doc_number,\n"
	  "issued,title,raw,tasks).\n" LISTING_HELP },
	{ "items", cmd_items, NEED_CORPUS, "yoy items [options]",
	  "List the items of the task sets (set,year,jurisdiction,section,seq,name,units,task,\n"
	  "deadline,note).\n" LISTING_HELP },
	{ "targets", cmd_targets, NEED_CORPUS, "yoy targets [options]",
	  "List the quantitative targets of the items (set,year,seq,item,n,metric,value,unit,\n"
	  "qualifier,kind,raw,line); line is the line of the raw notice the number stands on.\n"
	  LISTING_HELP "  (--grep matches the item name, the metric and the raw text)\n" },
	{ "match", cmd_match, NEED_CORPUS, "yoy match [options]",
	  "Link the items that recur across years (same, part) and from district to city\n"
	  "(child, part): from_set,from_seq,from_item,to_set,to_seq,to_item,relation,score,why.\n"
	  LISTING_HELP "  (--set, --year and --jurisdiction keep links with either side in them)\n" },
	{ "series", cmd_series, NEED_CORPUS, "yoy series [options]",
	  "Targets that track the same thing across sets, one row per member:\n"
	  "series,metric,unit,set,year,seq,item,value,qualifier.\n"
	  LISTING_HELP "  (a series is listed whole when one of its members passes the filters)\n" },
	{ "growth", cmd_growth, NEED_CORPUS, "yoy growth [--shares] [options]",
	  "How each series moved along each jurisdiction's years (two years or more):\n"
	  "series,metric,unit,jurisdiction,first_set,last_set,first_value,last_value,\n"
	  "abs_change,pct_change,cagr,slope,r2,points,flags,item (the item, shown beside the\n"
	  "metric on a terminal).\n"
	  "pct_change and cagr are percentages (600 is +600%); empty for a zero base, cagr also\n"
	  "unless both ends are positive; slope (per year) and r2 need three years.  flags names\n"
	  "a change of unit or qualifier between the years (compared, but not silently).\n"
	  "  --shares   instead, how much of each city target its loaded districts account for:\n"
	  "             series,metric,unit,set,seq,item,value,districts,district_sum,share\n"
	  LISTING_HELP },
	{ "compare", cmd_compare, NEED_CORPUS, "yoy compare A B [options]",
	  "Set A against set B: status,from_seq,from_item,to_seq,to_item,metric,unit,from_value,\n"
	  "to_value,abs_change,pct_change,share,flags.  Two years of one jurisdiction: continued,\n"
	  "renamed, merged, new, dropped, with linked items' targets side by side, the targets on\n"
	  "one side only (flags: new target, dropped target) and those of new and dropped items;\n"
	  "a city and its district: child rows, share = district value / city value.\n"
	  "  --format, -o, --excel, --grep as for the listings\n" },
	{ "diff", cmd_diff, NEED_CORPUS, "yoy diff A:SEQ B:SEQ [--color auto|always|never]",
	  "The task texts of two items as a word diff, [-removed-]{+added+} (coloured on a\n"
	  "terminal).  A number with its unit (32万人次) is one word, a CJK character one.\n"
	  "  -o FILE   write to FILE instead of stdout\n" },
	{ "plot", cmd_plot, NEED_CORPUS, "yoy plot [SERIES...] [-o DIR] [--format png|svg|both]",
	  "Draw the comparison through gnuplot: a trend chart per series and jurisdiction with\n"
	  "two or more years, an overview of the percentage changes, for each city set with\n"
	  "districts the districts' shares, and for a series with none of these (members in\n"
	  "different places and years) its members side by side.  Titles name the item beside\n"
	  "the metric.  SERIES (ids as in 'yoy series', or words of their\n"
	  "metric, e.g. AED) limits the charts to those series.  The gnuplot script is kept as\n"
	  "DIR/yoy.gp.\n"
	  "  -o, --output DIR   where the charts go (default plots; it must exist)\n"
	  "  --format F         png, svg or both (default both)\n"
	  "Exit 3 when gnuplot is not installed.\n" },
	{ "query", cmd_query, NEED_CORPUS,
	  "yoy query TEXT [--year Y] [--set ID] [--jurisdiction J] [--unit U] [--min-change PCT]",
	  "The targets and series that answer TEXT (AED, 托位, 心理健康 ...), best first, each\n"
	  "series whole, year by year: score,series,metric,set,year,seq,item,value,unit,\n"
	  "qualifier,kind,raw,pct_change,line.  TEXT is matched in the metric, the clause of the\n"
	  "task around the number and the item name, with synonyms (AED ↔ 自动体外除颤器, 托育 ↔\n"
	  "托位 ↔ 婴幼儿照护, 急救 ↔ 应急救护, 心理 ↔ 心理健康 ...); an empty TEXT takes all.\n"
	  "  --unit U            only targets counted in U (人次, 个, % ...)\n"
	  "  --min-change PCT    only series that grew by at least PCT percent along the years\n"
	  "  --year, --set, --jurisdiction, --format, -o, --excel as for the listings\n" },
	{ "sql", cmd_sql, NEED_CORPUS, "yoy sql 'SELECT ...' | yoy sql --schema",
	  "Run one read-only SQL statement over the tables sets, items, targets, links, series,\n"
	  "growth and shares (the columns of the CSV outputs) in an in-memory SQLite database.\n"
	  "  --schema            print the tables instead\n"
	  "  --format, -o, --excel as for the listings\n" },
	{ "report", cmd_report, NEED_CORPUS, "yoy report [-o FILE]",
	  "Write the whole comparison as one self-contained HTML page (inline SVG charts, no\n"
	  "outside links): the sets, each year pair and city-district pair, the growth of every\n"
	  "series with its chart, the overview, the districts' shares and the notice line of\n"
	  "every number.  Needs gnuplot (exit 3 without it).\n"
	  "  -o, --output FILE   where to write it (default plots/report.html)\n" },
	{ "help", cmd_help, NEED_NOTHING, "yoy help [COMMAND]",
	  "Show the commands, or the options of COMMAND.\n" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct cmd *
find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
usage_all(FILE *fp)
{
	fputs("usage: yoy [--data DIR] [--no-aliases] COMMAND [options]\n"
	      "       yoy --version | --help | help COMMAND\n\n"
	      "Compare the yearly 重点民生实事 target lists of city and district governments.\n\n"
	      "Commands:\n",
	      fp);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].synopsis);
	fputs("\nGlobal options:\n"
	      "  --data DIR     the datasets folder (default $YOY_DATA, else ./datasets)\n"
	      "  --no-aliases   ignore datasets/aliases.csv\n"
	      "  --version      print the version\n"
	      "  -h, --help     this help; 'yoy COMMAND --help' for a command's options\n",
	      fp);
}

int
cli_usage(FILE *fp, const char *command)
{
	const struct cmd *c = command ? find_command(command) : NULL;

	if (!c) {
		usage_all(fp);
		return command ? -1 : 0;
	}
	fprintf(fp, "usage: %s\n\n%s", c->synopsis, c->help);
	return 0;
}

static int
cmd_help(int argc, char **argv, struct corpus *c)
{
	(void)c;
	if (argc > 1 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0) {
		if (!find_command(argv[1])) {
			cli_error("help: unknown command '%s'", argv[1]);
			return EXIT_USAGE;
		}
		cli_usage(stdout, argv[1]);
		return EXIT_OK;
	}
	usage_all(stdout);
	return EXIT_OK;
}

/* ---- ingest ---- */

struct ingest_cli {
	int meta;
	struct ingest_opts opts;  /* --layout, --explain */
};

enum { OPT_META = 2000, OPT_LAYOUT, OPT_EXPLAIN };

static int
ingest_opt(int c, const char *arg, void *ctx)
{
	struct ingest_cli *io = ctx;

	switch (c) {
	case OPT_META:
		io->meta = 1;
		return 0;
	case OPT_LAYOUT:
		io->opts.layout = arg;
		return 0;
	case OPT_EXPLAIN:
		io->opts.explain = 1;
		return 0;
	}
	return -1;
}

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
meta_row(struct table *t, const struct corpus *c, const struct notice *n, const char *path,
         const char *id)
{
	const char *slash = strrchr(path, '/');
	char year[16], *raw = xasprintf("raw/%s", slash ? slash + 1 : path);
	char *tasks = xasprintf("tasks/%s.csv", id);
	const char *row[CATALOG_NCOLS] = { id,           year,       n->jurisdiction, n->level,
		                           guess_parent(c, n), n->doc_number, n->issued,   n->title,
		                           raw,          tasks };
	snprintf(year, sizeof year, "%d", n->year);
	table_add(t, row);
	free(raw);
	free(tasks);
}

static void
items_table(struct table *t, const struct notice *n)
{
	table_init(t, task_cols, TASK_NCOLS);
	for (size_t i = 0; i < n->nitems; i++) {
		const struct notice_item *it = &n->items[i];
		const char *row[TASK_NCOLS] = { it->seq,  it->section,  it->name, it->units,
			                        it->task, it->deadline, it->note };
		table_add(t, row);
	}
}

static int
cmd_ingest(int argc, char **argv, struct corpus *unused)
{
	static const struct option longx[] = {
		{ "meta", no_argument, NULL, OPT_META },
		{ "layout", required_argument, NULL, OPT_LAYOUT },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ NULL, 0, NULL, 0 },
	};
	struct listopt lo;
	struct ingest_cli io = { 0 };
	struct table meta;
	struct corpus *c = NULL;
	struct stat st;
	char **inputs = NULL;
	size_t n = 0, failed = 0;
	int first, rc, to_dir;

	(void)unused;
	rc = cli_parse(argc, argv, &lo, longx, ingest_opt, &io, &first);
	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (argc - first < 1) {
		cli_error("ingest: expected one NOTICE file");
		fprintf(stderr, "usage: %s\n", commands[0].synopsis);
		return EXIT_USAGE;
	}
	n = ingest_inputs(argv + first, argc - first, &inputs);
	to_dir = lo.out && stat(lo.out, &st) == 0 && S_ISDIR(st.st_mode);
	if (!io.meta && (n != 1 || argc - first != 1) && !to_dir) {
		cli_error("ingest: several notices need -o DIR, an existing folder for their CSVs");
		rc = EXIT_USAGE;
		goto out;
	}
	if (io.meta) {
		c = corpus_load(G.data, NULL);
		table_init(&meta, catalog_cols, CATALOG_NCOLS);
	}
	for (size_t i = 0; i < n; i++) {
		char *cause = NULL, *id = notice_id(inputs[i]);
		struct notice *nt = notice_load(inputs[i], &io.opts, &cause);
		progress("ingesting notices", i + 1, n);
		if (!nt) {
			/* --explain's scores come before the error, on stderr too. */
			char *nl = strrchr(cause, '\n');
			if (nl) {
				fprintf(stderr, "%.*s", (int)(nl - cause + 1), cause);
				cli_error("%s", nl + 1);
			} else
				cli_error("%s", cause);
			free(cause);
			free(id);
			failed++;
			if (io.opts.missing) {
				rc = EXIT_NOPROG;
				break;
			}
			continue;
		}
		if (nt->explain)
			fputs(nt->explain, stderr);
		for (size_t w = 0; w < nt->nwarnings; w++)
			cli_warning("%s", nt->warnings[w]);
		if (io.meta) {
			if (strcmp(nt->level, "district") == 0 && !*guess_parent(c, nt))
				cli_warning("%s: no city set of %d in the catalog that %s belongs to: "
				            "parent left empty", inputs[i], nt->year, *nt->jurisdiction ?
				            nt->jurisdiction : "this district");
			meta_row(&meta, c, nt, inputs[i], n == 1 && lo.set ? lo.set : id);
		} else {
			struct table t;
			struct listopt one = lo;
			char *path = to_dir ? xasprintf("%s/%s.csv", lo.out, id) : NULL;
			items_table(&t, nt);
			if (to_dir)
				one.out = path;
			if (one.format == FMT_AUTO)
				one.format = FMT_CSV;
			if (cli_emit(&one, &t, 0) != EXIT_OK)
				failed++;
			table_release(&t);
			free(path);
		}
		notice_free(nt);
		free(id);
	}
	if (io.meta) {
		rc = cli_emit(&lo, &meta, 0);
		table_release(&meta);
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

/* ---- the listings: rows from views.c ---- */

/* A listing over the corpus: options, the view's rows, print. */
static int
list_view(int argc, char **argv, struct corpus *c,
          void (*view)(const struct corpus *, const struct listopt *, struct table *),
          size_t maxw)
{
	struct listopt lo;
	struct table t;
	int rc = cli_listing(argc, argv, &lo, c);

	if (rc >= 0)
		return rc;
	view(c, &lo, &t);
	rc = cli_emit(&lo, &t, maxw);
	table_release(&t);
	return rc;
}

static int
cmd_sets(int argc, char **argv, struct corpus *c)
{
	return list_view(argc, argv, c, view_sets, 40);
}

static int
cmd_items(int argc, char **argv, struct corpus *c)
{
	return list_view(argc, argv, c, view_items, 36);
}

static int
cmd_targets(int argc, char **argv, struct corpus *c)
{
	struct listopt lo;
	struct table t;
	char *cause = NULL;
	int rc = cli_listing(argc, argv, &lo, c);

	if (rc >= 0)
		return rc;
	if (corpus_targets(c, 1, &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_BADINPUT;
	}
	view_targets(c, &lo, &t);
	rc = cli_emit(&lo, &t, 30);
	table_release(&t);
	return rc;
}

/* Targets, aliases (unless --no-aliases) and the matcher.  Only the commands that print
 * notice lines (query, sql, report) ask for them: finding them parses every notice again. */
static int
load_match_lines(struct corpus *c, struct match *mt, int lines)
{
	char *cause = NULL;

	memset(mt, 0, sizeof *mt);
	if (corpus_targets(c, lines, &cause) < 0 || (!G.no_aliases && match_aliases_load(mt, c, &cause) < 0)) {
		cli_error("%s", cause);
		free(cause);
		match_release(mt);
		return -1;
	}
	match_run(mt, c);
	return 0;
}

static int
load_match(struct corpus *c, struct match *mt)
{
	return load_match_lines(c, mt, 0);
}

/* Options, then the matcher: -1 to go on, else the exit status. */
static int
match_command(int argc, char **argv, struct corpus *c, struct listopt *lo, struct match *mt)
{
	int rc = cli_listing(argc, argv, lo, c);

	if (rc >= 0)
		return rc;
	return load_match(c, mt) < 0 ? EXIT_BADINPUT : -1;
}

/* A listing over the matcher's results: options, the matcher, the view's rows, print. */
static int
list_match_view(int argc, char **argv, struct corpus *c,
                void (*view)(const struct match *, const struct listopt *, struct table *))
{
	struct listopt lo;
	struct match mt;
	struct table t;
	int rc = match_command(argc, argv, c, &lo, &mt);

	if (rc >= 0)
		return rc;
	view(&mt, &lo, &t);
	rc = cli_emit(&lo, &t, 30);
	table_release(&t);
	match_release(&mt);
	return rc;
}

static int
cmd_match(int argc, char **argv, struct corpus *c)
{
	return list_match_view(argc, argv, c, view_links);
}

static int
cmd_series(int argc, char **argv, struct corpus *c)
{
	return list_match_view(argc, argv, c, view_series);
}

enum { OPT_SHARES = 4000 };

static int
growth_opt(int opt, const char *arg, void *ctx)
{
	(void)arg;
	if (opt != OPT_SHARES)
		return -1;
	*(int *)ctx = 1;
	return 0;
}

static int
cmd_growth(int argc, char **argv, struct corpus *c)
{
	static const struct option longx[] = {
		{ "shares", no_argument, NULL, OPT_SHARES },
		{ NULL, 0, NULL, 0 },
	};
	struct listopt lo;
	struct match mt;
	struct table t;
	int shares = 0, first, rc = cli_parse(argc, argv, &lo, longx, growth_opt, &shares, &first);

	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (first < argc) {
		cli_error("growth: unexpected argument '%s'", argv[first]);
		return EXIT_USAGE;
	}
	if (cli_check_set(&lo, c) < 0)
		return EXIT_USAGE;
	if (load_match(c, &mt) < 0)
		return EXIT_BADINPUT;
	if (shares)
		view_shares(&mt, &lo, &t);
	else
		view_growth(&mt, &lo, &t);
	rc = cli_emit(&lo, &t, 30);
	table_release(&t);
	match_release(&mt);
	return rc;
}

static const char *const compare_cols[] = { "status",     "from_seq",   "from_item", "to_seq",
	                                    "to_item",    "metric",     "unit",      "from_value",
	                                    "to_value",   "abs_change", "pct_change", "share",
	                                    "flags" };

static int
cmd_compare(int argc, char **argv, struct corpus *c)
{
	struct listopt lo;
	struct match mt;
	struct table t;
	struct compare_row *cr;
	const struct set *a, *b;
	char *cause = NULL;
	long n;
	int first, rc = cli_parse(argc, argv, &lo, NULL, NULL, NULL, &first);

	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (argc - first != 2) {
		cli_error("compare: expected two sets, A and B");
		return EXIT_USAGE;
	}
	for (int k = 0; k < 2; k++)
		if (!corpus_set(c, argv[first + k])) {
			cli_error("unknown set '%s' (see 'yoy sets')", argv[first + k]);
			return EXIT_USAGE;
		}
	a = corpus_set(c, argv[first]);
	b = corpus_set(c, argv[first + 1]);
	if (load_match(c, &mt) < 0)
		return EXIT_BADINPUT;
	if ((n = compare_sets(&mt, a, b, &cr, &cause)) < 0) {
		cli_error("%s", cause);
		free(cause);
		match_release(&mt);
		return EXIT_USAGE;
	}
	table_init(&t, compare_cols, sizeof compare_cols / sizeof compare_cols[0]);
	for (long i = 0; i < n; i++) {
		const struct compare_row *r = &cr[i];
		struct compare_cells cc;
		compare_cells(r, &cc);
		const char *row[] = { r->status,
			              r->from ? r->from->seq : "",
			              r->from ? r->from->name : "",
			              r->to ? r->to->seq : "",
			              r->to ? r->to->name : "",
			              cc.metric,
			              cc.unit,
			              cc.from_value,
			              cc.to_value,
			              cc.abs_change,
			              cc.pct_change,
			              cc.share,
			              cc.flags };
		if (!cli_text_matches(&lo, (const char *const[]){ row[2], row[4], row[5] }, 3))
			continue;
		table_add(&t, row);
	}
	rc = cli_emit(&lo, &t, 30);
	table_release(&t);
	free(cr);
	match_release(&mt);
	return rc;
}

/* An item named SET:SEQ, or NULL (message printed). */
static const struct item *
item_ref(const struct corpus *c, const char *ref)
{
	const char *colon = strrchr(ref, ':');
	char *id;
	const struct set *s;

	if (!colon) {
		cli_error("diff: '%s' is not SET:SEQ", ref);
		return NULL;
	}
	id = xstrndup(ref, (size_t)(colon - ref));
	s = corpus_set(c, id);
	free(id);
	for (size_t k = 0; s && k < s->nitems; k++)
		if (strcmp(s->items[k].seq, colon + 1) == 0)
			return &s->items[k];
	cli_error("diff: unknown item '%s'", ref);
	return NULL;
}

enum { OPT_COLOR = 3000 };

static int
diff_opt(int opt, const char *arg, void *ctx)
{
	int *color = ctx;

	if (opt != OPT_COLOR)
		return -1;
	if (strcmp(arg, "always") == 0)
		*color = 1;
	else if (strcmp(arg, "never") == 0)
		*color = 0;
	else if (strcmp(arg, "auto") == 0)
		*color = -1;
	else {
		cli_error("diff: bad --color '%s' (auto, always or never)", arg);
		return -1;
	}
	return 0;
}

static int
cmd_diff(int argc, char **argv, struct corpus *c)
{
	static const struct option longx[] = {
		{ "color", required_argument, NULL, OPT_COLOR },
		{ NULL, 0, NULL, 0 },
	};
	struct listopt lo;
	const struct item *a, *b;
	struct aout o;
	char *cause = NULL, *d;
	int color = -1, first, rc = cli_parse(argc, argv, &lo, longx, diff_opt, &color, &first);

	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (argc - first != 2) {
		cli_error("diff: expected two items, A:SEQ and B:SEQ");
		return EXIT_USAGE;
	}
	if (!(a = item_ref(c, argv[first])) || !(b = item_ref(c, argv[first + 1])))
		return EXIT_USAGE;
	if (aout_open(&o, lo.out, &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_BADINPUT;
	}
	if (color < 0)
		color = o.fp == stdout && isatty(fileno(stdout));
	d = wdiff(a->task, b->task, color);
	fprintf(o.fp, "%s\n", d);
	free(d);
	if (aout_commit(&o, &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}

/* Does series S answer one of the words of WANT (an id, or part of its metric)? */
static int
series_wanted(const struct series *s, char **want, int nwant)
{
	if (nwant == 0)
		return 1;
	for (int i = 0; i < nwant; i++) {
		struct listopt lo = { .grep = want[i] };
		if (strcmp(s->id, want[i]) == 0 || cli_text_matches(&lo, (const char *const[]){ s->metric }, 1))
			return 1;
	}
	return 0;
}

/* Draw IN's charts in SCRATCH (plot_render); prints what went wrong, returns the exit
 * status. */
static int
draw(const struct plot_input *in, const char *scratch, char ***names, size_t *nnames)
{
	char *cause = NULL;
	int r = plot_render(in, scratch, names, nnames, &cause);

	if (r == 0)
		return EXIT_OK;
	cli_error("%s", cause);
	free(cause);
	return r == -3 ? EXIT_NOPROG : EXIT_BADINPUT;
}

static int
cmd_plot(int argc, char **argv, struct corpus *c)
{
	static const struct option longs[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "no-aliases", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = "plots";
	struct plot_input in = { 0 };
	struct match mt;
	struct growth_row *gr = NULL, *keep_g;
	struct share_row *sr = NULL, *keep_s;
	size_t ng, ns, nnames = 0, nkg = 0, nks = 0, npng = 0, nsvg = 0, nothers = 0;
	const struct series **others = NULL;
	char **names = NULL, *scratch, *script;
	struct stat st;
	int opt, rc = EXIT_OK;

	in.formats = PLOT_PNG | PLOT_SVG;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "ho:", longs, NULL)) != -1) {
		switch (opt) {
		case 'o':
			dir = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "png") == 0)
				in.formats = PLOT_PNG;
			else if (strcmp(optarg, "svg") == 0)
				in.formats = PLOT_SVG;
			else if (strcmp(optarg, "both") == 0)
				in.formats = PLOT_PNG | PLOT_SVG;
			else {
				cli_error("plot: bad --format '%s' (png, svg or both)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'A':
			G.no_aliases = 1;
			break;
		case 'h':
			cli_usage(stdout, "plot");
			return EXIT_OK;
		default:
			cli_error("plot: unknown option or missing argument '%s'", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (!plot_have("gnuplot")) {
		cli_error("gnuplot: not found on the PATH (install it: apt-get install gnuplot-nox)");
		return EXIT_NOPROG;
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_error("%s: no such folder", dir);
		return EXIT_BADINPUT;
	}
	if (load_match(c, &mt) < 0)
		return EXIT_BADINPUT;
	ng = stats_series_growth(&mt, &gr);
	ns = stats_district_shares(&mt, &sr);
	keep_g = xcalloc(ng + 1, sizeof *keep_g);
	keep_s = xcalloc(ns + 1, sizeof *keep_s);
	for (size_t i = 0; i < ng; i++)
		if (series_wanted(gr[i].s, argv + optind, argc - optind))
			keep_g[nkg++] = gr[i];
	for (size_t i = 0; i < ns; i++)
		if (series_wanted(sr[i].s, argv + optind, argc - optind))
			keep_s[nks++] = sr[i];
	/* A series with neither a trend nor a share still gets a chart: its members. */
	{
		const struct series **lone;
		size_t nl = plot_lone_series(&mt, gr, ng, sr, ns, &lone);
		others = xcalloc(nl + 1, sizeof *others);
		for (size_t i = 0; i < nl; i++)
			if (series_wanted(lone[i], argv + optind, argc - optind))
				others[nothers++] = lone[i];
		free(lone);
	}
	if (argc > optind && nkg == 0 && nks == 0 && nothers == 0) {
		cli_error("plot: no series matches '%s' (see 'yoy series')", argv[optind]);
		rc = EXIT_USAGE;
		goto out;
	}
	in.growth = keep_g;
	in.ngrowth = nkg;
	in.shares = keep_s;
	in.nshares = nks;
	in.others = others;
	in.nothers = nothers;
	if (!(in.font = plot_cjk_font()))
		cli_warning("no font for Chinese found through fontconfig (fc-list :lang=zh); "
		            "install fonts-noto-cjk or fonts-wqy-microhei, or the charts show boxes");

	/* Draw in a scratch folder; move the charts into place only when all went well. */
	scratch = xasprintf("%s/.yoy-plot-XXXXXX", dir);
	if (!mkdtemp(scratch)) {
		cli_error("%s: cannot write: %s", dir, strerror(errno));
		free(scratch);
		rc = EXIT_BADINPUT;
		goto out;
	}
	script = xasprintf("%s/yoy.gp", scratch);
	rc = draw(&in, scratch, &names, &nnames);
	for (size_t i = 0; rc == EXIT_OK && i < nnames; i++) {
		char *from = xasprintf("%s/%s", scratch, names[i]), *to = xasprintf("%s/%s", dir, names[i]);
		if (rename(from, to) != 0) {
			cli_error("%s: %s", to, strerror(errno));
			rc = EXIT_BADINPUT;
		}
		npng += strstr(names[i], ".png") != NULL;
		nsvg += strstr(names[i], ".svg") != NULL;
		free(from);
		free(to);
	}
	if (rc == EXIT_OK) {
		char *to = xasprintf("%s/yoy.gp", dir);
		if (rename(script, to) != 0) {
			cli_error("%s: %s", to, strerror(errno));
			rc = EXIT_BADINPUT;
		}
		free(to);
	}
	plot_clean(scratch, names, nnames);
	if (rc == EXIT_OK)
		printf("yoy: %zu charts (%zu PNG, %zu SVG) and the script yoy.gp in %s/\n",
		       npng > nsvg ? npng : nsvg, npng, nsvg, dir);
	free(script);
	free(scratch);
out:
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free((char *)in.font);
	free(keep_g);
	free(keep_s);
	free(others);
	free(gr);
	free(sr);
	match_release(&mt);
	return rc;
}

enum { OPT_UNIT = 5000, OPT_MINCHANGE, OPT_SCHEMA };

static int
query_opt(int opt, const char *arg, void *ctx)
{
	struct query_opts *qo = ctx;
	char *end;

	if (opt == OPT_UNIT) {
		qo->unit = arg;
		return 0;
	}
	if (opt == OPT_MINCHANGE) {
		qo->min_change = strtod(arg, &end);
		if (end == arg || *end) {
			cli_error("query: bad --min-change '%s' (a percentage)", arg);
			return -1;
		}
		qo->has_min_change = 1;
		return 0;
	}
	return -1;
}

static const char *const query_cols[] = { "score", "series",    "metric", "set",  "year",
	                                  "seq",   "item",      "value",  "unit", "qualifier",
	                                  "kind",  "raw",       "pct_change", "line" };

static int
cmd_query(int argc, char **argv, struct corpus *c)
{
	static const struct option longx[] = {
		{ "unit", required_argument, NULL, OPT_UNIT },
		{ "min-change", required_argument, NULL, OPT_MINCHANGE },
		{ NULL, 0, NULL, 0 },
	};
	struct listopt lo;
	struct query_opts qo = { 0 };
	struct query_hit *hits;
	struct match mt;
	struct table t;
	size_t n;
	int first, rc = cli_parse(argc, argv, &lo, longx, query_opt, &qo, &first);

	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (argc - first > 1) {
		cli_error("query: one TEXT (quote it if it has spaces)");
		return EXIT_USAGE;
	}
	if (cli_check_set(&lo, c) < 0)
		return EXIT_USAGE;
	if (load_match_lines(c, &mt, 1) < 0)
		return EXIT_BADINPUT;
	qo.year = lo.year;
	qo.set = lo.set;
	qo.jurisdiction = lo.jurisdiction;
	n = query_run(c, &mt, first < argc ? argv[first] : "", &qo, &hits);
	table_init(&t, query_cols, sizeof query_cols / sizeof query_cols[0]);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = hits[i].item;
		const struct target *tg = &it->targets.v[hits[i].t];
		char score[32], year[16], v[64], pct[64], line[16];
		const char *row[] = { score, hits[i].series ? hits[i].series->id : "",
			              hits[i].series ? hits[i].series->metric : tg->metric,
			              it->set->id, year, it->seq, it->name, target_value_str(tg->value, v),
			              tg->unit, tg->qualifier, tg->kind, tg->raw,
			              stats_fmt(hits[i].pct_change, 2, pct), line };
		snprintf(score, sizeof score, "%.2f", hits[i].score);
		snprintf(year, sizeof year, "%d", it->set->year);
		snprintf(line, sizeof line, "%d", it->target_lines[hits[i].t]);
		table_add(&t, row);
	}
	rc = cli_emit(&lo, &t, 30);
	table_release(&t);
	free(hits);
	match_release(&mt);
	return rc;
}

static int
sql_opt(int opt, const char *arg, void *ctx)
{
	(void)arg;
	if (opt != OPT_SCHEMA)
		return -1;
	*(int *)ctx = 1;
	return 0;
}

static int
cmd_sql(int argc, char **argv, struct corpus *c)
{
	static const struct option longx[] = {
		{ "schema", no_argument, NULL, OPT_SCHEMA },
		{ NULL, 0, NULL, 0 },
	};
	struct listopt lo;
	struct match mt;
	struct table views[8], out;
	struct sql_view sv[8];
	char **cols = NULL, *cause = NULL;
	size_t ncols = 0;
	sqlite3 *db;
	int schema = 0, first, rc = cli_parse(argc, argv, &lo, longx, sql_opt, &schema, &first);

	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (argc - first != (schema ? 0 : 1)) {
		cli_error("sql: expected one statement in quotes, or --schema");
		return EXIT_USAGE;
	}
	if (load_match_lines(c, &mt, 1) < 0)
		return EXIT_BADINPUT;
	/* The same rows as the listings print, table for table. */
	view_sets(c, NULL, &views[0]);
	view_items(c, NULL, &views[1]);
	view_targets(c, NULL, &views[2]);
	view_links(&mt, NULL, &views[3]);
	view_series(&mt, NULL, &views[4]);
	view_growth(&mt, NULL, &views[5]);
	view_shares(&mt, NULL, &views[6]);
	for (size_t i = 0; i < view_ndefs && i < 7; i++) {
		sv[i].name = view_defs[i].name;
		sv[i].t = &views[i];
	}
	if (schema) {
		char *s = sql_schema(sv, 7);
		fputs(s, stdout);
		free(s);
		rc = EXIT_OK;
	} else if (!(db = sql_open(sv, 7, &cause))) {
		cli_error("%s", cause);
		rc = EXIT_BADINPUT;
	} else {
		if (sql_query(db, argv[first], &out, &cols, &ncols, &cause) < 0) {
			cli_error("%s", cause);
			rc = EXIT_BADINPUT;
		} else {
			rc = cli_emit(&lo, &out, 36);
			table_release(&out);
		}
		sqlite3_close(db);
	}
	free(cause);
	sql_free_cols(cols, ncols);
	for (int i = 0; i < 7; i++)
		table_release(&views[i]);
	match_release(&mt);
	return rc;
}

static int
cmd_report(int argc, char **argv, struct corpus *c)
{
	static const struct option longs[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "no-aliases", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = "plots/report.html", *tmp = getenv("TMPDIR");
	struct plot_input in = { 0 };
	struct report_input ri = { 0 };
	struct report_chart *charts = NULL;
	struct match mt;
	struct growth_row *gr = NULL;
	struct share_row *sr = NULL;
	const struct series **lone = NULL;
	struct aout o;
	char **names = NULL, *cause = NULL, *scratch;
	size_t nnames = 0, ncharts = 0;
	int opt, rc = EXIT_OK;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "ho:", longs, NULL)) != -1) {
		if (opt == 'o')
			out = optarg;
		else if (opt == 'A')
			G.no_aliases = 1;
		else if (opt == 'h') {
			cli_usage(stdout, "report");
			return EXIT_OK;
		} else {
			cli_error("report: unknown option or missing argument '%s'", argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cli_error("report: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	if (!plot_have("gnuplot")) {
		cli_error("gnuplot: not found on the PATH (install it: apt-get install gnuplot-nox)");
		return EXIT_NOPROG;
	}
	if (load_match_lines(c, &mt, 1) < 0)
		return EXIT_BADINPUT;
	in.ngrowth = stats_series_growth(&mt, &gr);
	in.growth = gr;
	in.nshares = stats_district_shares(&mt, &sr);
	in.shares = sr;
	in.nothers = plot_lone_series(&mt, gr, in.ngrowth, sr, in.nshares, &lone);
	in.others = lone;
	in.formats = PLOT_SVG;
	if (!(in.font = plot_cjk_font()))
		cli_warning("no font for Chinese found through fontconfig (fc-list :lang=zh); "
		            "install fonts-noto-cjk or fonts-wqy-microhei, or the charts show boxes");
	/* The charts are drawn by the same script as yoy plot, in a scratch folder. */
	scratch = xasprintf("%s/yoy-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(scratch)) {
		cli_error("%s: cannot create: %s", scratch, strerror(errno));
		rc = EXIT_BADINPUT;
		goto out;
	}
	rc = draw(&in, scratch, &names, &nnames);
	for (size_t i = 0; rc == EXIT_OK && i < nnames; i++) {
		char *p = xasprintf("%s/%s", scratch, names[i]);
		size_t len;
		char *svg = file_read(p, 64u << 20, &len, &cause);
		free(p);
		if (!svg) {
			cli_error("%s", cause);
			free(cause);
			rc = EXIT_BADINPUT;
			break;
		}
		charts = xrealloc(charts, (ncharts + 1) * sizeof *charts);
		charts[ncharts].name = names[i];
		charts[ncharts].svg = svg;
		ncharts++;
	}
	plot_clean(scratch, names, nnames);
	free(scratch);
	if (rc == EXIT_OK) {
		ri.c = c;
		ri.m = &mt;
		ri.charts = charts;
		ri.ncharts = ncharts;
		ri.version = YOY_VERSION;
		if (aout_open(&o, out, &cause) < 0) {
			cli_error("%s", cause);
			free(cause);
			rc = EXIT_BADINPUT;
		} else {
			report_write(o.fp, &ri);
			if (aout_commit(&o, &cause) < 0) {
				cli_error("%s", cause);
				free(cause);
				rc = EXIT_BADINPUT;
			} else if (strcmp(out, "-") != 0)
				printf("yoy: wrote %s (%zu charts)\n", out, ncharts);
		}
	}
out:
	for (size_t i = 0; i < ncharts; i++)
		free((char *)charts[i].svg);
	free(charts);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free((char *)in.font);
	free(lone);
	free(gr);
	free(sr);
	match_release(&mt);
	return rc;
}

/* ---- main ---- */

int
main(int argc, char **argv)
{
	const struct cmd *cmd;
	struct corpus *c = NULL;
	int i, rc;

	G.data = getenv("YOY_DATA");
	if (!G.data || !*G.data)
		G.data = "datasets";
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
			G.data = argv[++i];
		} else if (strncmp(argv[i], "--data=", 7) == 0) {
			G.data = argv[i] + 7;
		} else if (strcmp(argv[i], "--no-aliases") == 0) {
			G.no_aliases = 1;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("yoy %s\n", YOY_VERSION);
			return EXIT_OK;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage_all(stdout);
			return EXIT_OK;
		} else {
			cli_error("unknown option '%s'", argv[i]);
			usage_all(stderr);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		usage_all(stderr);
		return EXIT_USAGE;
	}
	if (!(cmd = find_command(argv[i]))) {
		cli_error("unknown command '%s' (see 'yoy --help')", argv[i]);
		return EXIT_USAGE;
	}
	/* --help needs no datasets. */
	for (int k = i + 1; k < argc; k++)
		if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
			cli_usage(stdout, cmd->name);
			return EXIT_OK;
		}
	cli_progress_on();
	if ((cmd->flags & NEED_CORPUS) && !(c = cli_corpus()))
		return EXIT_BADINPUT;
	rc = cmd->fn(argc - i, argv + i, c);
	corpus_free(c);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("stdout: write error");
		return rc ? rc : EXIT_BADINPUT;
	}
	return rc;
}
