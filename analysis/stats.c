/* stats: see stats.h. */
#include "stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

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
	if (g->first != 0)
		g->pct_change = 100.0 * g->abs_change / fabs(g->first);
	if (g->first > 0 && g->last > 0 && g->last_year > g->first_year)
		g->cagr = 100.0 * (pow(g->last / g->first, 1.0 / (g->last_year - g->first_year)) - 1);
	if (n < 3)
		return 0;
	/* GSL reports through return values here, never through its abort handler. */
	gsl_set_error_handler_off();
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
stats_share(double part, double whole)
{
	return whole > 0 ? part / whole : NAN;
}

const char *
stats_fmt(double v, int decimals, char *buf)
{
	char *p;

	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return buf;
	}
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

/* Append "WHAT FROM→TO" to FLAGS (once per WHAT), "; "-separated. */
void
stats_flag_add(char *flags, size_t cap, const char *what, const char *from, const char *to)
{
	size_t len = strlen(flags);

	if (strstr(flags, what))
		return;
	snprintf(flags + len, cap - len, "%s%s %s→%s", len ? "; " : "", what, from, to);
}

size_t
stats_series_growth(const struct match *m, struct growth_row **rows)
{
	size_t n = 0, cap = 0;

	*rows = NULL;
	for (size_t i = 0; i < m->nseries; i++) {
		const struct series *s = &m->series[i];
		char *done = xcalloc(s->n + 1, 1);
		for (size_t a = 0; a < s->n; a++) {
			const char *jur = s->m[a].item->set->jurisdiction;
			int years[64];
			double values[64];
			size_t k = 0, firsti = a, lasti = a;
			struct growth_row *r;
			if (done[a])
				continue;
			/* Members are ordered by year, and at most one per set: one per year here. */
			for (size_t b = a; b < s->n && k < 64; b++) {
				const struct item *it = s->m[b].item;
				if (strcmp(it->set->jurisdiction, jur) != 0)
					continue;
				done[b] = 1;
				if (k && years[k - 1] == it->set->year)
					continue; /* two sets of one jurisdiction and year: keep the first */
				years[k] = it->set->year;
				values[k] = it->targets.v[s->m[b].t].value;
				lasti = b;
				k++;
			}
			if (k < 2)
				continue;
			xgrow(rows, &cap, n + 1, sizeof **rows);
			r = &(*rows)[n++];
			memset(r, 0, sizeof *r);
			r->s = s;
			r->jurisdiction = jur;
			r->first = &s->m[firsti];
			r->last = &s->m[lasti];
			stats_growth(years, values, k, &r->g);
			/* Flag what changed between the years instead of comparing it silently. */
			for (size_t b = a + 1; b <= lasti; b++) {
				const struct target *t0 = &s->m[firsti].item->targets.v[s->m[firsti].t];
				const struct target *t1 = &s->m[b].item->targets.v[s->m[b].t];
				if (strcmp(s->m[b].item->set->jurisdiction, jur) != 0)
					continue;
				if (strcmp(t0->unit, t1->unit) != 0)
					stats_flag_add(r->flags, sizeof r->flags, "unit", t0->unit, t1->unit);
				if (strcmp(t0->qualifier, t1->qualifier) != 0)
					stats_flag_add(r->flags, sizeof r->flags, "qualifier", t0->qualifier,
					         t1->qualifier);
			}
		}
		free(done);
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
			struct share_row r;
			memset(&r, 0, sizeof r);
			for (size_t d = 0; d < s->n; d++) {
				const struct item *it = s->m[d].item;
				if (it->set->up != city)
					continue;
				r.ndistricts++;
				r.district_sum += it->targets.v[s->m[d].t].value;
				if (strlen(r.districts) + strlen(it->set->id) + 2 < sizeof r.districts) {
					if (*r.districts)
						strcat(r.districts, " ");
					strcat(r.districts, it->set->id);
				}
			}
			if (!r.ndistricts)
				continue;
			r.s = s;
			r.city = &s->m[c];
			r.share = stats_share(r.district_sum, s->m[c].item->targets.v[s->m[c].t].value);
			xgrow(rows, &cap, n + 1, sizeof **rows);
			(*rows)[n++] = r;
		}
	}
	return n;
}
