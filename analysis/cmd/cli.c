/* cli: see cli.h. */
#include "cmd/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/proc.h"
#include "base/text.h"
#include "base/util.h"


struct global G;

/* ---- messages ---- */

static void
vmessage(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("yoy: ", fmt, ap);
	va_end(ap);
}

void
cli_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("yoy: warning: ", fmt, ap);
	va_end(ap);
}

int
cli_fail(char *cause, int status)
{
	cli_error("%s", cause ? cause : "failed");
	free(cause);
	return status;
}

/* A one-line progress indicator on a terminal, for work that lasts over a second. */
static void
show_progress(const char *what, size_t done, size_t total)
{
	static struct timespec start, last;
	static int shown;
	struct timespec now;
	double since, gap;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done <= 1) {
		start = last = now;
		shown = 0;
	}
	since = (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
	gap = (double)(now.tv_sec - last.tv_sec) + (double)(now.tv_nsec - last.tv_nsec) / 1e9;
	if (done < total && (since < 1.0 || (shown && gap < 0.1)))
		return;
	if (done >= total && !shown)
		return;
	last = now;
	shown = 1;
	fprintf(stderr, "\ryoy: %s %zu/%zu\033[K%s", what, done, total, done >= total ? "\n" : "");
}

void
cli_progress_on(void)
{
	/* Asked once: a national corpus reports progress tens of thousands of times. */
	if (isatty(fileno(stderr)))
		progress_set(show_progress);
}

/* ---- the options ---- */

/* The shared groups, in the order the help lists them. */
static const struct opt output_opts[] = {
	{ "format", 0, "table|csv|json", "output format (table on a terminal, csv otherwise)" },
	{ "output", 'o', "FILE", "write to FILE (atomically) instead of stdout" },
	{ "excel", 0, NULL, "CSV with a BOM and CRLF line ends, for Excel/WPS" },
};
static const struct opt filter_opts[] = {
	{ "set", 0, "ID", "only the set ID (e.g. cq-2025)" },
	{ "year", 0, "Y", "only sets of year Y" },
	{ "jurisdiction", 0, "J", "only jurisdiction J (its name, 渝北区, or its id prefix, yubei)" },
};
static const struct opt grep_opts[] = {
	{ "grep", 0, "TEXT", "only rows whose text contains TEXT" },
};

/* Every option a command takes, its own first: a flat list for the parser and the help. */
struct optlist {
	const struct opt *v[MAX_OPTS + 8];
	int own[MAX_OPTS + 8];    /* index into cmd->opts, or -1 for a shared one */
	size_t n;
};

static void
add_group(struct optlist *l, const struct opt *g, size_t n)
{
	for (size_t i = 0; i < n && l->n < NELEM(l->v); i++) {
		l->v[l->n] = &g[i];
		l->own[l->n++] = -1;
	}
}

static void
options_of(const struct command *cmd, struct optlist *l)
{
	memset(l, 0, sizeof *l);
	for (int i = 0; cmd->opts && cmd->opts[i].name; i++) {
		if (i == MAX_OPTS) {
			/* A command table that outgrew the parser: never cut silently. */
			fprintf(stderr, "yoy: %s: more than %d options (raise MAX_OPTS)\n", cmd->name,
			        MAX_OPTS);
			abort();
		}
		l->v[l->n] = &cmd->opts[i];
		l->own[l->n++] = i;
	}
	if (cmd->groups & OPTS_OUTPUT)
		add_group(l, output_opts, NELEM(output_opts));
	if (cmd->groups & OPTS_FILTER)
		add_group(l, filter_opts, NELEM(filter_opts));
	if (cmd->groups & OPTS_GREP)
		add_group(l, grep_opts, NELEM(grep_opts));
}

const char *
cli_opt(const struct invocation *iv, const char *name)
{
	for (int i = 0; iv->cmd->opts && iv->cmd->opts[i].name && i < MAX_OPTS; i++)
		if (strcmp(iv->cmd->opts[i].name, name) == 0)
			return iv->val[i];
	return NULL;
}

/* A shared option given: into IV's listing options.  Returns 0 or -1 (printed). */
static int
shared_opt(struct invocation *iv, const char *name, const char *arg)
{
	const char *cmd = iv->cmd->name;

	if (strcmp(name, "format") == 0) {
		if (table_format_parse(arg, &iv->lo.format) < 0) {
			cli_error("%s: bad --format '%s' (table, csv or json)", cmd, arg);
			return -1;
		}
	} else if (strcmp(name, "output") == 0)
		iv->lo.out = arg;
	else if (strcmp(name, "excel") == 0)
		iv->lo.excel = 1;
	else if (strcmp(name, "set") == 0)
		iv->lo.f.set = arg;
	else if (strcmp(name, "jurisdiction") == 0)
		iv->lo.f.jurisdiction = arg;
	else if (strcmp(name, "grep") == 0)
		iv->lo.f.grep = arg;
	else if (strcmp(name, "year") == 0) {
		char *end;
		long y = strtol(arg, &end, 10);
		if (end == arg || *end || y < 1949 || y > 2200) {
			cli_error("%s: bad --year '%s'", cmd, arg);
			return -1;
		}
		iv->lo.f.year = (int)y;
	}
	return 0;
}

enum { OPT_HELP = 256, OPT_NOALIAS, OPT_DATA, OPT_LANG, OPT_FIRST };

/* getopt_long's tables for the options of L, --help and the global options (taken after
 * the command too). */
static void
getopt_tables(const struct optlist *l, struct option *longs, char *shorts)
{
	size_t n = 0;

	/* A leading ':' makes a missing argument ':' rather than '?' (an unknown option). */
	strcpy(shorts, ":");
	for (size_t i = 0; i < l->n; i++) {
		longs[n++] = (struct option){ l->v[i]->name,
			                      l->v[i]->arg ? required_argument : no_argument, NULL,
			                      OPT_FIRST + (int)i };
		if (l->v[i]->letter) {
			size_t k = strlen(shorts);
			shorts[k] = (char)l->v[i]->letter;
			shorts[k + 1] = '\0';
			if (l->v[i]->arg)
				strcat(shorts, ":");
		}
	}
	longs[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	longs[n++] = (struct option){ "no-aliases", no_argument, NULL, OPT_NOALIAS };
	longs[n++] = (struct option){ "data", required_argument, NULL, OPT_DATA };
	longs[n++] = (struct option){ "lang", required_argument, NULL, OPT_LANG };
	longs[n] = (struct option){ NULL, 0, NULL, 0 };
	strcat(shorts, "h");
}

/* The error for an unknown long option ARG of CMD, with the nearest it takes. */
static void
unknown_option(const struct command *cmd, const struct optlist *l, const char *arg)
{
	const char *names[NELEM(l->v) + 4];
	char *given = xstrndup(arg, strcspn(arg, "="));
	size_t n = 0;
	int k;

	for (size_t i = 0; i < l->n; i++)
		names[n++] = l->v[i]->name;
	names[n++] = "help";
	names[n++] = "lang";
	names[n++] = "no-aliases";
	k = strncmp(given, "--", 2) == 0 ? text_nearest(given + 2, names, n) : -1;
	if (k >= 0)
		cli_error("%s: unknown option '%s' (did you mean '--%s'?)", cmd->name, given,
		          names[k]);
	else
		cli_error("%s: unknown option '%s'", cmd->name, given);
	free(given);
}

/* What getopt_long returned, C, into IV.  Returns 0; 1 for help (printed); -1 for a usage
 * error (printed). */
static int
take_option(struct invocation *iv, const struct optlist *l, int c, char **argv, char *seen)
{
	const struct command *cmd = iv->cmd;
	size_t i;

	if (c == 'h' || c == OPT_HELP) {
		cli_usage(stdout, cmd);
		return 1;
	}
	if (c == OPT_NOALIAS) {
		G.no_aliases = 1;
		return 0;
	}
	if (c == OPT_DATA) {
		cli_error("%s: --data goes before the command (yoy --data DIR %s)", cmd->name,
		          cmd->name);
		return -1;
	}
	if (c == OPT_LANG)
		return cli_set_lang(optarg);
	if (c == '?' || c == ':') {
		const char *what = c == ':' ? "missing argument to option" : "unknown option";
		if (optopt && optopt < 256)
			cli_error("%s: %s '-%c'", cmd->name, what, optopt);
		else if (c == '?')
			unknown_option(cmd, l, argv[optind - 1]);
		else
			cli_error("%s: %s '%s'", cmd->name, what, argv[optind - 1]);
		fprintf(stderr, "usage: see 'yoy help %s'\n", cmd->name);
		return -1;
	}
	/* A short letter: its option; else the index getopt_tables gave it. */
	if (c < OPT_FIRST) {
		for (i = 0; i < l->n && l->v[i]->letter != c; i++)
			;
	} else
		i = (size_t)(c - OPT_FIRST);
	if (i >= l->n)
		return 0;
	/* An option given twice: which one was meant is not for yoy to guess. */
	if (seen[i] && l->v[i]->arg) {
		cli_error("%s: --%s given twice; give it once", cmd->name, l->v[i]->name);
		return -1;
	}
	seen[i] = 1;
	if (l->own[i] >= 0) {
		iv->val[l->own[i]] = l->v[i]->arg ? optarg : "";
		return 0;
	}
	return shared_opt(iv, l->v[i]->name, optarg);
}

int
cli_parse(const struct command *cmd, int argc, char **argv, struct invocation *iv)
{
	struct optlist l;
	struct option longs[NELEM(l.v) + 5];
	char shorts[2 * NELEM(l.v) + 3], seen[NELEM(l.v)] = { 0 };
	int c, rc = 0;

	memset(iv, 0, sizeof *iv);
	iv->cmd = cmd;
	options_of(cmd, &l);
	getopt_tables(&l, longs, shorts);
	/* Options may follow the arguments (yoy compare A B --format csv): getopt permutes. */
	optind = 0;
	opterr = 0;
	while (rc == 0 && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1)
		rc = take_option(iv, &l, c, argv, seen);
	if (rc != 0)
		return rc;
	iv->args = argv + optind;
	iv->nargs = argc - optind;
	if (iv->nargs < cmd->min_args || (cmd->max_args >= 0 && iv->nargs > cmd->max_args)) {
		if (cmd->max_args == 0)
			cli_error("%s: unexpected argument '%s'", cmd->name, iv->args[0]);
		else
			cli_error("%s: %s", cmd->name, cmd->args_error);
		return -1;
	}
	return 0;
}

/* ---- help ---- */

static char *
opt_label(const struct opt *o)
{
	if (o->letter)
		return xasprintf("-%c, --%s%s%s", o->letter, o->name, o->arg ? " " : "",
		                 o->arg ? o->arg : "");
	return xasprintf("--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
}

static void
usage_one(FILE *fp, const struct command *cmd)
{
	struct optlist l;
	size_t w = 0;

	fprintf(fp, "usage: %s\n\n%s", cmd->synopsis, cmd->about);
	options_of(cmd, &l);
	for (size_t i = 0; i < l.n; i++) {
		char *lab = opt_label(l.v[i]);
		if (text_width(lab) > w)
			w = text_width(lab);
		free(lab);
	}
	for (size_t i = 0; i < l.n; i++) {
		char *lab = opt_label(l.v[i]);
		const char *h = l.v[i]->help, *nl;
		fprintf(fp, "  %s", lab);
		for (size_t k = text_width(lab); k < w + 3; k++)
			fputc(' ', fp);
		/* Lines of a long help line up under its first. */
		while ((nl = strchr(h, '\n'))) {
			fprintf(fp, "%.*s\n%*s", (int)(nl - h), h, (int)(w + 5), "");
			h = nl + 1;
		}
		fprintf(fp, "%s\n", h);
		free(lab);
	}
	if (cmd->notes)
		fputs(cmd->notes, fp);
}

void
cli_usage(FILE *fp, const struct command *cmd)
{
	if (cmd) {
		usage_one(fp, cmd);
		return;
	}
	fputs("usage: yoy [--data DIR] [--lang zh|en] [--no-aliases] COMMAND [options]\n"
	      "       yoy --version | --help | help COMMAND\n\n"
	      "Compare the yearly 重点民生实事 target lists of city and district governments.\n\n"
	      "Commands:\n",
	      fp);
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(fp, "  %-8s %s\n", cli_commands[i].name, cli_commands[i].synopsis);
	fputs("\nGlobal options:\n"
	      "  --data DIR     the datasets folder (default $YOY_DATA, else ./datasets)\n"
	      "  --lang zh|en   the language of tables, the report, the workbook and charts\n"
	      "                 (default from LC_ALL or LANG: zh… is Chinese, else English)\n"
	      "  --no-aliases   ignore datasets/aliases.csv\n"
	      "  --version      print the version\n"
	      "  -h, --help     this help; 'yoy COMMAND --help' for a command's options\n",
	      fp);
}

const struct command *
cli_find(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

/* ---- loading ---- */

struct corpus *
cli_corpus(void)
{
	char *cause = NULL;
	struct corpus *c = corpus_load(G.data, &cause);

	if (!c)
		cli_fail(cause, 0);
	return c;
}

int
cli_match(struct corpus *c, struct match *mt, int flags)
{
	char *cause = NULL;

	memset(mt, 0, sizeof *mt);
	if (corpus_targets(c, flags & CLI_LINES, &cause) < 0 ||
	    (!G.no_aliases && match_aliases_load(mt, c, &cause) < 0)) {
		cli_fail(cause, 0);
		match_release(mt);
		return -1;
	}
	mt->no_why = (flags & CLI_NO_WHY) != 0;
	match_run(mt, c);
	return 0;
}

void
cli_unknown_set(const struct corpus *c, const char *id)
{
	const char **ids = xcalloc(c->nsets + 1, sizeof *ids);
	int k;

	for (size_t i = 0; i < c->nsets; i++)
		ids[i] = c->sets[i].id;
	k = text_nearest(id, ids, c->nsets);
	if (k >= 0)
		cli_error("unknown set '%s' (did you mean '%s'? see 'yoy sets')", id, ids[k]);
	else
		cli_error("unknown set '%s' (see 'yoy sets')", id);
	free(ids);
}

/* Is J a jurisdiction of a loaded set (its name, or the prefix of its set ids)? */
static int
known_jurisdiction(const struct corpus *c, const char *j)
{
	for (size_t i = 0; i < c->nsets; i++)
		if (corpus_set_matches(&c->sets[i], NULL, 0, j))
			return 1;
	return 0;
}

static void
unknown_jurisdiction(const struct corpus *c, const char *j)
{
	const char **names = xcalloc(2 * c->nsets + 1, sizeof *names);
	char **slugs = xcalloc(c->nsets + 1, sizeof *slugs);
	size_t n = 0;
	int k;

	for (size_t i = 0; i < c->nsets; i++) {
		const char *id = c->sets[i].id, *dash = strrchr(id, '-');
		slugs[i] = dash ? xstrndup(id, (size_t)(dash - id)) : xstrdup(id);
		names[n++] = c->sets[i].jurisdiction;
		names[n++] = slugs[i];
	}
	k = text_nearest(j, names, n);
	if (k >= 0)
		cli_error("unknown jurisdiction '%s' (did you mean '%s'? see 'yoy sets')", j, names[k]);
	else
		cli_error("unknown jurisdiction '%s' (see 'yoy sets')", j);
	for (size_t i = 0; i < c->nsets; i++)
		free(slugs[i]);
	free(slugs);
	free(names);
}

int
cli_check_set(const struct listopt *lo, const struct corpus *c)
{
	if (lo->f.set && !corpus_set(c, lo->f.set)) {
		cli_unknown_set(c, lo->f.set);
		return -1;
	}
	if (lo->f.jurisdiction && !known_jurisdiction(c, lo->f.jurisdiction)) {
		unknown_jurisdiction(c, lo->f.jurisdiction);
		return -1;
	}
	return 0;
}

void
cli_unknown_command(const char *name, const char *hint)
{
	const char **names = xcalloc(cli_ncommands + 1, sizeof *names);
	int k;

	for (size_t i = 0; i < cli_ncommands; i++)
		names[i] = cli_commands[i].name;
	k = text_nearest(name, names, cli_ncommands);
	if (k >= 0)
		cli_error("unknown command '%s' (did you mean '%s'? %s)", name, names[k], hint);
	else
		cli_error("unknown command '%s' (%s)", name, hint);
	free(names);
}

int
cli_set_lang(const char *s)
{
	if (lang_parse(s, &G.lang) < 0) {
		cli_error("bad --lang '%s' (zh or en)", s);
		return -1;
	}
	return 0;
}

const struct item *
cli_item(const struct corpus *c, const char *ref, const char *what)
{
	int t;
	const struct item *it;

	if (!strchr(ref, ':')) {
		cli_error("%s: '%s' is not SET:SEQ", what, ref);
		return NULL;
	}
	if (!(it = corpus_item(c, ref, &t)) || t >= 0) {
		cli_error("%s: unknown item '%s'", what, ref);
		return NULL;
	}
	return it;
}

int
cli_have_gnuplot(void)
{
	if (proc_have("gnuplot"))
		return 1;
	cli_error("gnuplot: not found on the PATH (install it: apt-get install gnuplot-nox)");
	return 0;
}

/* ---- output ---- */

int
cli_emit(const struct listopt *lo, const struct rows *r, size_t maxw)
{
	struct aout o;
	char *cause = NULL;
	struct table_opts to = { lo->format, lo->excel, maxw, G.lang };

	if (aout_open(&o, lo->out, &cause) < 0)
		return cli_fail(cause, EXIT_BADINPUT);
	if (to.format == FMT_AUTO && o.fp != stdout)
		to.format = FMT_CSV;
	table_write(r, &to, o.fp);
	if (aout_commit(&o, &cause) < 0)
		return cli_fail(cause, EXIT_BADINPUT);
	return EXIT_OK;
}
