/* cli: see cli.h. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

struct global G;

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

/* A one-line progress indicator on a terminal, for work that lasts over a second. */
static void
show_progress(const char *what, size_t done, size_t total)
{
	static struct timespec start, last;
	static int shown;
	struct timespec now;
	double since, gap;

	if (!isatty(fileno(stderr)))
		return;
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
	progress_set(show_progress);
}

struct corpus *
cli_corpus(void)
{
	char *cause = NULL;
	struct corpus *c = corpus_load(G.data, &cause);

	if (!c) {
		cli_error("%s", cause);
		free(cause);
	}
	return c;
}

enum { OPT_EXCEL = 1000, OPT_SET, OPT_YEAR, OPT_JUR, OPT_GREP, OPT_FORMAT, OPT_NOALIAS, OPT_DATA };

int
cli_parse(int argc, char **argv, struct listopt *lo, const struct option *longx,
          int (*on_opt)(int c, const char *arg, void *ctx), void *ctx, int *first)
{
	struct option longs[40] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "set", required_argument, NULL, OPT_SET },
		{ "year", required_argument, NULL, OPT_YEAR },
		{ "jurisdiction", required_argument, NULL, OPT_JUR },
		{ "grep", required_argument, NULL, OPT_GREP },
		{ "help", no_argument, NULL, 'h' },
		/* The global options are taken after the command too. */
		{ "no-aliases", no_argument, NULL, OPT_NOALIAS },
		{ "data", required_argument, NULL, OPT_DATA },
	};
	size_t n = 10;
	char shorts[64] = "ho:";
	int c;

	memset(lo, 0, sizeof *lo);
	for (; longx && longx[n - 10].name && n < 39; n++) {
		longs[n] = longx[n - 10];
		if (longx[n - 10].val < 256 && strlen(shorts) < 60) {
			size_t k = strlen(shorts);
			shorts[k] = (char)longx[n - 10].val;
			shorts[k + 1] = '\0';
			if (longx[n - 10].has_arg == required_argument)
				strcat(shorts, ":");
		}
	}
	memset(&longs[n], 0, sizeof longs[n]);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_usage(stdout, argv[0]);
			return 1;
		case 'o':
			lo->out = optarg;
			break;
		case OPT_FORMAT:
			if (table_format_parse(optarg, &lo->format) < 0) {
				cli_error("%s: bad --format '%s' (table, csv or json)", argv[0], optarg);
				return -1;
			}
			break;
		case OPT_EXCEL:
			lo->excel = 1;
			break;
		case OPT_SET:
			lo->set = optarg;
			break;
		case OPT_YEAR: {
			char *end;
			long y = strtol(optarg, &end, 10);
			if (*end || y < 1949 || y > 2200) {
				cli_error("%s: bad --year '%s'", argv[0], optarg);
				return -1;
			}
			lo->year = (int)y;
			break;
		}
		case OPT_JUR:
			lo->jurisdiction = optarg;
			break;
		case OPT_GREP:
			lo->grep = optarg;
			break;
		case OPT_NOALIAS:
			G.no_aliases = 1;
			break;
		case OPT_DATA:
			cli_error("%s: --data goes before the command (yoy --data DIR %s)", argv[0], argv[0]);
			return -1;
		case '?':
		case ':':
			if (optopt && optopt < 256)
				cli_error("%s: %s option '-%c'", argv[0],
				          c == ':' ? "missing argument to" : "unknown", optopt);
			else
				cli_error("%s: unknown option or missing argument '%s'", argv[0],
				          argv[optind - 1]);
			fprintf(stderr, "usage: see 'yoy help %s'\n", argv[0]);
			return -1;
		default:
			if (!on_opt || on_opt(c, optarg, ctx) < 0)
				return -1;
		}
	}
	*first = optind;
	return 0;
}

int
cli_listing(int argc, char **argv, struct listopt *lo, const struct corpus *c)
{
	int first, rc = cli_parse(argc, argv, lo, NULL, NULL, NULL, &first);

	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (first < argc) {
		cli_error("%s: unexpected argument '%s'", argv[0], argv[first]);
		return EXIT_USAGE;
	}
	if (cli_check_set(lo, c) < 0)
		return EXIT_USAGE;
	return -1;
}

int
cli_set_matches(const struct listopt *lo, const struct set *s)
{
	return corpus_set_matches(s, lo->set, lo->year, lo->jurisdiction);
}

int
cli_text_matches(const struct listopt *lo, const char *const *texts, size_t n)
{
	char *want;
	int hit = 0;

	if (!lo->grep || !*lo->grep)
		return 1;
	want = text_key(lo->grep);
	for (size_t i = 0; i < n && !hit; i++) {
		char *k = text_key(texts[i] ? texts[i] : "");
		hit = strstr(k, want) != NULL;
		if (!hit) {
			/* ASCII letters match in either case (aed finds AED). */
			for (char *p = k; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			char *w = xstrdup(want);
			for (char *p = w; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			hit = strstr(k, w) != NULL;
			free(w);
		}
		free(k);
	}
	free(want);
	return hit;
}

int
cli_check_set(const struct listopt *lo, const struct corpus *c)
{
	if (lo->set && !corpus_set(c, lo->set)) {
		cli_error("unknown set '%s' (see 'yoy sets')", lo->set);
		return -1;
	}
	return 0;
}

int
cli_emit(const struct listopt *lo, const struct table *t, size_t maxw)
{
	struct aout o;
	char *cause = NULL;
	enum table_format f = lo->format;

	if (aout_open(&o, lo->out, &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_BADINPUT;
	}
	if (f == FMT_AUTO && o.fp != stdout)
		f = FMT_CSV;
	table_write(t, f, o.fp, lo->excel, maxw);
	if (aout_commit(&o, &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}
