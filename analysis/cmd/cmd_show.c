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

static void
charts_load(struct charts *ch, const struct match *m, char **want, int nwant)
{
	size_t k;

	ch->ng = stats_series_growth(m, &ch->gr);
	ch->ns = stats_district_shares(m, &ch->sr);
	ch->nl = stats_lone_series(m, &ch->lone);
	for (size_t i = k = 0; i < ch->ng; i++)
		if (series_wanted(ch->gr[i].s, want, nwant))
			ch->gr[k++] = ch->gr[i];
	ch->ng = k;
	/* Share rows own arrays: the ones left out are freed. */
	for (size_t i = k = 0; i < ch->ns; i++) {
		if (series_wanted(ch->sr[i].s, want, nwant)) {
			ch->sr[k++] = ch->sr[i];
			continue;
		}
		free(ch->sr[i].district);
		free(ch->sr[i].district_share);
	}
	ch->ns = k;
	for (size_t i = k = 0; i < ch->nl; i++)
		if (series_wanted(ch->lone[i], want, nwant))
			ch->lone[k++] = ch->lone[i];
	ch->nl = k;
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

/* Move the charts (and the script) from SCRATCH into DIR. */
static int
move_charts(const char *scratch, const char *dir, char **names, size_t n)
{
	int rc = EXIT_OK;

	for (size_t i = 0; i <= n && rc == EXIT_OK; i++) {
		const char *name = i < n ? names[i] : "yoy.gp";
		char *from = xasprintf("%s/%s", scratch, name), *to = xasprintf("%s/%s", dir, name);
		if (rename(from, to) != 0) {
			cli_error("%s: %s", to, strerror(errno));
			rc = EXIT_BADINPUT;
		}
		free(from);
		free(to);
	}
	return rc;
}

int
cmd_plot(struct invocation *iv)
{
	const char *dir = cli_opt(iv, "output") ? cli_opt(iv, "output") : "plots";
	const char *fmt = cli_opt(iv, "format");
	struct plot_input in;
	struct charts ch;
	struct match m;
	struct stat st;
	char **names = NULL, *scratch = NULL;
	size_t nnames = 0, npng = 0, nsvg = 0;
	int formats = PLOT_PNG | PLOT_SVG, rc;

	if (fmt && strcmp(fmt, "png") == 0)
		formats = PLOT_PNG;
	else if (fmt && strcmp(fmt, "svg") == 0)
		formats = PLOT_SVG;
	else if (fmt && strcmp(fmt, "both") != 0) {
		cli_error("plot: bad --format '%s' (png, svg or both)", fmt);
		return EXIT_USAGE;
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_error("%s: no such folder", dir);
		return EXIT_BADINPUT;
	}
	if (cli_match(iv->c, &m, 0) < 0)
		return EXIT_BADINPUT;
	charts_load(&ch, &m, iv->args, iv->nargs);
	/* What was asked is checked before what the machine has. */
	if (iv->nargs && ch.ng == 0 && ch.ns == 0 && ch.nl == 0) {
		cli_error("plot: no series matches '%s' (see 'yoy series')", iv->args[0]);
		rc = EXIT_USAGE;
		goto out;
	}
	if (!cli_have_gnuplot()) {
		rc = EXIT_NOPROG;
		goto out;
	}
	input_of(&in, &ch, formats);
	/* Drawn in a scratch folder; moved into place only when all went well. */
	rc = draw(&in, dir, &scratch, &names, &nnames);
	if (rc == EXIT_OK)
		rc = move_charts(scratch, dir, names, nnames);
	for (size_t i = 0; i < nnames; i++) {
		npng += strstr(names[i], ".png") != NULL;
		nsvg += strstr(names[i], ".svg") != NULL;
	}
	if (scratch)
		plot_clean(scratch, names, nnames);
	if (rc == EXIT_OK)
		printf("yoy: %zu charts (%zu PNG, %zu SVG) and the script yoy.gp in %s/\n",
		       npng > nsvg ? npng : nsvg, npng, nsvg, dir);
	free(scratch);
	free((char *)in.font);
out:
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
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
	if (cli_match(iv->c, &m, 1) < 0)
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
