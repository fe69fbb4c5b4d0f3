/* stats: see stats.h. */
#include "core/stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/par.h"
#include "base/util.h"

static pthread_once_t gsl_quiet_once = PTHREAD_ONCE_INIT;

static void
gsl_quiet(void)
{
	gsl_set_error_handler_off();
}

int
stats_growth(const int *years, const double *values, size_t n, struct growth *g)
{
	double *x;

	memset(g, 0, sizeof *g);
	g->pct_change = g->cagr = g->slope = g->r2 = NAN;
	if (n == 0)
		return -1;
	for (size_t i = 1; i < n; i++)
		if (years[i] <= years[i - 1])
			return -1;
	g->points = n;
	g->first = values[0];
	g->last = values[n - 1];
	g->first_year = years[0];
	g->last_year = years[n - 1];
	g->abs_change = g->last - g->first;
	g->pct_change = stats_pct_change(g->first, g->last);
	if (g->first > 0 && g->last > 0 && g->last_year > g->first_year)
		g->cagr = 100.0 * (pow(g->last / g->first, 1.0 / (g->last_year - g->first_year)) - 1);
	if (n < 3)
		return 0;
	/* GSL reports through return values here, never through its abort handler (set once:
	 * the growth of series is computed on the cores). */
	pthread_once(&gsl_quiet_once, gsl_quiet);
	x = xmalloc(n * sizeof *x);
	for (size_t i = 0; i < n; i++)
		x[i] = years[i];
	{
		double c0, c1, cov00, cov01, cov11, sumsq;
		if (gsl_fit_linear(x, 1, values, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) ==
		    GSL_SUCCESS) {
			double tss = gsl_stats_variance(values, 1, n) * (double)(n - 1);
			g->slope = c1;
			if (tss > 0)
				g->r2 = 1.0 - sumsq / tss;
		}
	}
	free(x);
	return 0;
}

double
stats_pct_change(double from, double to)
{
	return from != 0 ? 100.0 * (to - from) / fabs(from) : NAN;
}

double
stats_share(double part, double whole)
{
	return whole > 0 ? part / whole : NAN;
}

/* Write the digits of U into BUF (at least MIN of them, zeros in front); returns the
 * end. */
static char *
put_digits(char *buf, unsigned long long u, int min)
{
	char d[24];
	int n = 0;

	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	while (n < min)
		d[n++] = '0';
	while (n > 0)
		*buf++ = d[--n];
	return buf;
}

/*
 * V, not whole, as printf's %.*f with DECIMALS and the trailing zeros cut, without
 * printf's exact decimal expansion (a growth listing asks for four such values a row).
 * |V|·10^DECIMALS, rounded to a double X, is within half an ulp of the exact product;
 * when X's fraction is farther than that from a half, the exact product rounds as X does.
 * Otherwise (a tie, or too near one to tell), 0 and printf decides.
 */
static int
fmt_fixed(double v, int decimals, char *buf)
{
	static const unsigned long long u10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
	double x, fl, fr;
	unsigned long long r;
	char *p = buf;

	if (decimals < 0 || decimals >= (int)NELEM(u10) || !(fabs(v) < 1e9))
		return 0;
	x = fabs(v) * (double)u10[decimals]; /* a power of ten this small is a double exactly */
	fl = floor(x);
	fr = x - fl; /* exact: X is below 2^53 */
	if (fabs(fr - 0.5) <= x * 0x1p-50)
		return 0;
	r = (unsigned long long)fl + (fr > 0.5);
	if (v < 0 && r != 0)
		*p++ = '-';
	p = put_digits(p, r / u10[decimals], 1);
	if (r % u10[decimals] != 0) {
		*p++ = '.';
		p = put_digits(p, r % u10[decimals], decimals);
		while (p[-1] == '0')
			p--;
	}
	*p = '\0';
	return 1;
}

const char *
stats_fmt(double v, int decimals, char *buf)
{
	char *p;

	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return buf;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		/* A whole number (most values are counts) without printf's exact decimal
		 * expansion, which a growth listing asked for a million times. */
		long long x = (long long)v;
		char *p = buf;
		if (x < 0)
			*p++ = '-';
		*put_digits(p, x < 0 ? 0 - (unsigned long long)x : (unsigned long long)x, 1) = '\0';
		return buf;
	}
	if (fmt_fixed(v, decimals, buf))
		return buf;
	snprintf(buf, 64, "%.*f", decimals, v);
	if (strchr(buf, '.')) {
		p = buf + strlen(buf) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

void
changes_note(struct changes *c, const struct target *from, const struct target *to)
{
	if (!from || !to) {
		c->what |= to ? CHG_NEW_TARGET : CHG_DROPPED_TARGET;
		return;
	}
	if (strcmp(from->unit, to->unit) != 0 && !(c->what & CHG_UNIT)) {
		c->what |= CHG_UNIT;
		c->unit_from = from->unit;
		c->unit_to = to->unit;
	}
	if (from->qualifier != to->qualifier && !(c->what & CHG_QUALIFIER)) {
		c->what |= CHG_QUALIFIER;
		c->qual_from = from->qualifier;
		c->qual_to = to->qualifier;
	}
}

char *
changes_str(const struct changes *c)
{
	struct sb o = SB_INIT;

	if (c->what & CHG_UNIT)
		sb_addf(&o, "unit %s→%s", c->unit_from, c->unit_to);
	if (c->what & CHG_QUALIFIER)
		sb_addf(&o, "%squalifier %s→%s", o.len ? "; " : "", qual_name(c->qual_from),
		        qual_name(c->qual_to));
	if (c->what & CHG_NEW_TARGET)
		sb_addf(&o, "%snew target", o.len ? "; " : "");
	if (c->what & CHG_DROPPED_TARGET)
		sb_addf(&o, "%sdropped target", o.len ? "; " : "");
	return o.buf ? sb_detach(&o) : xstrdup("");
}

/* The growth rows of series S, appended to *ROWS (*N of *CAP). */
static void
series_growth(const struct series *s, struct growth_row **rows, size_t *n, size_t *cap)
{
	char *done = xcalloc(s->n + 1, 1);
	int *years = xcalloc(s->n + 1, sizeof *years);
	double *values = xcalloc(s->n + 1, sizeof *values);
	size_t *mine = xcalloc(s->n + 1, sizeof *mine);

	for (size_t a = 0; a < s->n; a++) {
		const char *jur = s->m[a].item->set->jurisdiction;
		size_t k = 0, nmine = 0, firsti = a, lasti = a;
		struct growth_row *r;
		if (done[a])
			continue;
		/* Members are ordered by year, and at most one per set: one per year here.  A
		 * member done is another jurisdiction's (this one's are all found at once). */
		for (size_t b = a; b < s->n; b++) {
			const struct item *it = s->m[b].item;
			if (done[b] || strcmp(it->set->jurisdiction, jur) != 0)
				continue;
			done[b] = 1;
			mine[nmine++] = b;
			if (k && years[k - 1] == it->set->year)
				continue; /* two sets of one jurisdiction and year: keep the first */
			years[k] = it->set->year;
			values[k] = it->targets.v[s->m[b].t].value;
			lasti = b;
			k++;
		}
		if (k < 2)
			continue;
		xgrow(rows, cap, *n + 1, sizeof **rows);
		r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->s = s;
		r->jurisdiction = jur;
		r->first = &s->m[firsti];
		r->last = &s->m[lasti];
		stats_growth(years, values, k, &r->g);
		/* Flag what changed between the years instead of comparing it silently. */
		for (size_t q = 1; q < nmine && mine[q] <= lasti; q++)
			changes_note(&r->changes, &s->m[firsti].item->targets.v[s->m[firsti].t],
			             &s->m[mine[q]].item->targets.v[s->m[mine[q]].t]);
	}
	free(done);
	free(years);
	free(values);
	free(mine);
}

/* The rows of each thread's run of series. */
struct growth_runs {
	const struct match *m;
	struct {
		struct growth_row *rows;
		size_t n, cap;
	} run[PAR_MAX];
};

static void
growth_run(void *arg, size_t t, size_t from, size_t to)
{
	struct growth_runs *g = arg;

	for (size_t i = from; i < to; i++)
		series_growth(&g->m->series[i], &g->run[t].rows, &g->run[t].n, &g->run[t].cap);
}

size_t
stats_series_growth(const struct match *m, struct growth_row **rows)
{
	struct growth_runs g = { .m = m };
	size_t nt, n = 0;

	/* Runs of series on the cores, their rows put together in the series' order. */
	nt = par_for(m->nseries, 256, growth_run, &g);
	for (size_t t = 0; t < nt; t++)
		n += g.run[t].n;
	*rows = xmalloc((n + 1) * sizeof **rows);
	n = 0;
	for (size_t t = 0; t < nt; t++) {
		if (g.run[t].n)
			memcpy(*rows + n, g.run[t].rows, g.run[t].n * sizeof **rows);
		n += g.run[t].n;
		free(g.run[t].rows);
	}
	return n;
}

size_t
stats_district_shares(const struct match *m, struct share_row **rows)
{
	size_t n = 0, cap = 0;

	*rows = NULL;
	for (size_t i = 0; i < m->nseries; i++) {
		const struct series *s = &m->series[i];
		for (size_t c = 0; c < s->n; c++) {
			const struct set *city = s->m[c].item->set;
			double cityv = s->m[c].item->targets.v[s->m[c].t].value;
			struct share_row r;
			memset(&r, 0, sizeof r);
			for (size_t d = 0; d < s->n; d++)
				r.ndistricts += s->m[d].item->set->up == city;
			if (!r.ndistricts)
				continue;
			r.district = xcalloc(r.ndistricts, sizeof *r.district);
			r.district_share = xcalloc(r.ndistricts, sizeof *r.district_share);
			r.ndistricts = 0;
			for (size_t d = 0; d < s->n; d++) {
				const struct item *it = s->m[d].item;
				double v = it->targets.v[s->m[d].t].value;
				if (it->set->up != city)
					continue;
				r.district[r.ndistricts] = &s->m[d];
				r.district_share[r.ndistricts++] = stats_share(v, cityv);
				r.district_sum += v;
			}
			r.s = s;
			r.city = &s->m[c];
			r.share = stats_share(r.district_sum, cityv);
			xgrow(rows, &cap, n + 1, sizeof **rows);
			(*rows)[n++] = r;
		}
	}
	return n;
}

void
stats_shares_free(struct share_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].district);
		free(rows[i].district_share);
	}
	free(rows);
}

size_t
stats_lone_series(const struct match *m, const struct series ***out)
{
	struct growth_row *gr;
	struct share_row *sr;
	size_t ng = stats_series_growth(m, &gr), ns = stats_district_shares(m, &sr), n = 0;
	const struct series **v = xcalloc(m->nseries + 1, sizeof *v);

	for (size_t i = 0; i < m->nseries; i++) {
		const struct series *s = &m->series[i];
		int seen = 0;
		for (size_t k = 0; k < ng && !seen; k++)
			seen = gr[k].s == s;
		for (size_t k = 0; k < ns && !seen; k++)
			seen = sr[k].s == s;
		if (!seen)
			v[n++] = s;
	}
	free(gr);
	stats_shares_free(sr, ns);
	*out = v;
	return n;
}
