/*
 * cmd_show: the commands that draw or write a page: diff (a word diff of two items'
 * tasks), plot (the charts, through gnuplot) and report (the HTML page).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "core/stats.h"
#include "render/plot.h"
#include "render/report.h"
#include "base/util.h"
#include "base/wdiff.h"

int
cmd_diff(struct invocation *iv)
{
	const char *col = cli_opt(iv, "color");
	const struct item *a, *b;
	struct aout o;
	char *cause = NULL, *d;
	int color = -1;

	if (col && strcmp(col, "always") == 0)
		color = 1;
	else if (col && strcmp(col, "never") == 0)
		color = 0;
	else if (col && strcmp(col, "auto") != 0) {
		cli_error("diff: bad --color '%s' (auto, always or never)", col);
		return EXIT_USAGE;
	}
	if (!(a = cli_item(iv->c, iv->args[0], "diff")) || !(b = cli_item(iv->c, iv->args[1], "diff")))
		return EXIT_USAGE;
	if (aout_open(&o, cli_opt(iv, "output"), &cause) < 0)
		return cli_fail(cause, EXIT_BADINPUT);
	if (color < 0)
		color = o.fp == stdout && isatty(fileno(stdout));
	d = wdiff(a->task, b->task, color);
	fprintf(o.fp, "%s\n", d);
	free(d);
	if (aout_commit(&o, &cause) < 0)
		return cli_fail(cause, EXIT_BADINPUT);
	return EXIT_OK;
}

/* Does series S answer one of the words of WANT (an id, or part of its metric)? */
static int
series_wanted(const struct series *s, char **want, int nwant)
{
	if (nwant == 0)
		return 1;
	for (int i = 0; i < nwant; i++) {
		struct filter f = { .grep = want[i] };
		if (strcmp(s->id, want[i]) == 0 || filter_text(&f, (const char *const[]){ s->metric }, 1))
			return 1;
	}
	return 0;
}

/* The charts to draw: growth, shares and lone series from M, those SERIES asks for. */
struct charts {
	struct growth_row *gr;
	struct share_row *sr;
	const struct series **lone;
	size_t ng, ns, nl;
};

/* Has series S a member in a place where it has no trend (no growth row of CH)? */
static int
beyond_trends(const struct series *s, const struct charts *ch)
{
	for (size_t k = 0; k < s->n; k++) {
		const char *place = s->m[k].item->set->jurisdiction;
		size_t i;
		for (i = 0; i < ch->ng; i++)
			if (ch->gr[i].s == s && strcmp(ch->gr[i].jurisdiction, place) == 0)
				break;
		if (i == ch->ng)
			return 1;
	}
	return 0;
}

/*
 * A run limited to WANT draws those series' trends and, for a series with members
 * beyond its trends (a district's part, a city's year alone), all its members side by
 * side; the share charts (and the overview, plot.c) are of the whole comparison and are
 * left out.
 */
static void
charts_limit(struct charts *ch, const struct match *m, char **want, int nwant)
{
	size_t k = 0;

	for (size_t i = 0; i < ch->ng; i++)
		if (series_wanted(ch->gr[i].s, want, nwant))
			ch->gr[k++] = ch->gr[i];
	ch->ng = k;
	stats_shares_free(ch->sr, ch->ns);
	ch->sr = NULL;
	ch->ns = 0;
	ch->lone = xrealloc(ch->lone, (m->nseries + 1) * sizeof *ch->lone);
	ch->nl = 0;
	for (size_t i = 0; i < m->nseries; i++)
		if (series_wanted(&m->series[i], want, nwant) && beyond_trends(&m->series[i], ch))
			ch->lone[ch->nl++] = &m->series[i];
}

static void
charts_load(struct charts *ch, const struct match *m, char **want, int nwant)
{
	ch->ng = stats_series_growth(m, &ch->gr);
	ch->ns = stats_district_shares(m, &ch->sr);
	ch->nl = stats_lone_series(m, &ch->lone);
	if (nwant > 0)
		charts_limit(ch, m, want, nwant);
}

static void
charts_release(struct charts *ch)
{
	free(ch->gr);
	stats_shares_free(ch->sr, ch->ns);
	free(ch->lone);
}

static void
input_of(struct plot_input *in, const struct charts *ch, int formats)
{
	memset(in, 0, sizeof *in);
	in->growth = ch->gr;
	in->ngrowth = ch->ng;
	in->shares = ch->sr;
	in->nshares = ch->ns;
	in->others = ch->lone;
	in->nothers = ch->nl;
	in->formats = formats;
	in->lang = G.lang;
	if (!(in->font = plot_cjk_font()))
		cli_warning("no font for Chinese found through fontconfig (fc-list :lang=zh); "
		            "install fonts-noto-cjk or fonts-wqy-microhei, or the charts show boxes");
}

/* Draw IN's charts in a scratch folder made in PARENT (plot_render).  Returns the exit
 * status; *SCRATCH and the chart NAMES are the caller's to clean. */
static int
draw(const struct plot_input *in, const char *parent, char **scratch, char ***names,
     size_t *nnames)
{
	char *cause = NULL;
	int r;

	*scratch = xasprintf("%s/.yoy-plot-XXXXXX", parent);
	if (!mkdtemp(*scratch)) {
		cli_error("%s: cannot write: %s", parent, strerror(errno));
		free(*scratch);
		*scratch = NULL;
		return EXIT_BADINPUT;
	}
	if ((r = plot_render(in, *scratch, names, nnames, &cause)) == 0)
		return EXIT_OK;
	return cli_fail(cause, r == -3 ? EXIT_NOPROG : EXIT_BADINPUT);
}

/* The formats --format asks for (png, svg, both); -1 (printed) for anything else. */
static int
plot_formats(const char *fmt)
{
	if (!fmt || strcmp(fmt, "both") == 0)
		return PLOT_PNG | PLOT_SVG;
	if (strcmp(fmt, "png") == 0)
		return PLOT_PNG;
	if (strcmp(fmt, "svg") == 0)
		return PLOT_SVG;
	cli_error("plot: bad --format '%s' (png, svg or both)", fmt);
	return -1;
}

/* Draw the charts of CH into DIR (plot_folder) and say what is there. */
static int
plot_into(const struct invocation *iv, const struct charts *ch, int formats, const char *dir)
{
	struct plot_charts drawn = { 0 };
	struct plot_input in;
	char *cause = NULL;
	int r;

	input_of(&in, ch, formats);
	in.only = (const char *const *)iv->args;
	in.nonly = (size_t)iv->nargs;
	r = plot_folder(&in, dir, cli_opt(iv, "excel") != NULL, &drawn, &cause);
	free((char *)in.font);
	if (r != 0) {
		plot_charts_release(&drawn);
		return cli_fail(cause, r == -3 ? EXIT_NOPROG : EXIT_BADINPUT);
	}
	printf("yoy: %zu charts (%s) in %s/, listed in index.html and index.csv\n", drawn.n,
	       formats == PLOT_PNG ? "PNG" : formats == PLOT_SVG ? "SVG" : "PNG and SVG", dir);
	plot_charts_release(&drawn);
	return EXIT_OK;
}

int
cmd_plot(struct invocation *iv)
{
	const char *dir = cli_opt(iv, "output") ? cli_opt(iv, "output") : "plots/charts";
	struct charts ch;
	struct match m;
	char *cause = NULL;
	int formats = plot_formats(cli_opt(iv, "format")), rc;

	if (formats < 0)
		return EXIT_USAGE;
	if (cli_match(iv->c, &m, 0) < 0)
		return EXIT_BADINPUT;
	charts_load(&ch, &m, iv->args, iv->nargs);
	/* What was asked is checked before what the machine has. */
	if (iv->nargs && ch.ng == 0 && ch.nl == 0) {
		cli_error("plot: no series matches '%s' (see 'yoy series')", iv->args[0]);
		rc = EXIT_USAGE;
	} else if (plot_folder_check(dir, &cause) < 0) {
		rc = cli_fail(cause, EXIT_BADINPUT);
	} else if (!cli_have_gnuplot()) {
		rc = EXIT_NOPROG;
	} else {
		rc = plot_into(iv, &ch, formats, dir);
	}
	charts_release(&ch);
	match_release(&m);
	return rc;
}

/* The SVG of every chart drawn in SCRATCH, for the page. */
static int
read_charts(const char *scratch, char **names, size_t n, struct report_chart **out)
{
	struct report_chart *charts = xcalloc(n + 1, sizeof *charts);
	char *cause = NULL;

	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", scratch, names[i]);
		size_t len;
		charts[i].name = names[i];
		charts[i].svg = file_read(p, 64u << 20, &len, &cause);
		free(p);
		if (!charts[i].svg) {
			for (size_t k = 0; k < i; k++)
				free((char *)charts[k].svg);
			free(charts);
			return cli_fail(cause, EXIT_BADINPUT);
		}
	}
	*out = charts;
	return EXIT_OK;
}

int
cmd_report(struct invocation *iv)
{
	const char *out = cli_opt(iv, "output") ? cli_opt(iv, "output") : "plots/report.html";
	const char *tmp = getenv("TMPDIR");
	struct plot_input in;
	struct report_input ri = { 0 };
	struct report_chart *charts = NULL;
	struct charts ch;
	struct match m;
	struct aout o;
	char **names = NULL, *cause = NULL, *scratch = NULL;
	size_t nnames = 0;
	int rc;

	if (!cli_have_gnuplot())
		return EXIT_NOPROG;
	if (cli_match(iv->c, &m, CLI_LINES) < 0)
		return EXIT_BADINPUT;
	charts_load(&ch, &m, NULL, 0);
	input_of(&in, &ch, PLOT_SVG);
	/* The charts are drawn by the same script as yoy plot, in a scratch folder. */
	rc = draw(&in, tmp && *tmp ? tmp : "/tmp", &scratch, &names, &nnames);
	if (rc == EXIT_OK)
		rc = read_charts(scratch, names, nnames, &charts);
	if (scratch)
		plot_clean(scratch, names, nnames);
	if (rc == EXIT_OK) {
		ri.c = iv->c;
		ri.m = &m;
		ri.charts = charts;
		ri.ncharts = nnames;
		ri.version = YOY_VERSION;
		ri.lang = G.lang;
		if (aout_open(&o, out, &cause) < 0)
			rc = cli_fail(cause, EXIT_BADINPUT);
		else {
			report_write(o.fp, &ri);
			if (aout_commit(&o, &cause) < 0)
				rc = cli_fail(cause, EXIT_BADINPUT);
			else if (strcmp(out, "-") != 0)
				printf("yoy: wrote %s (%zu charts)\n", out, nnames);
		}
	}
	for (size_t i = 0; charts && i < nnames; i++)
		free((char *)charts[i].svg);
	free(charts);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(scratch);
	free((char *)in.font);
	charts_release(&ch);
	match_release(&m);
	return rc;
}
