/* plot: see plot.h. */
#include "render/plot.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/proc.h"
#include "base/text.h"
#include "base/util.h"

/* Text sizes, in points, for a chart 1200 pixels wide shown on a slide: tick labels,
 * value labels and legends at TEXT, titles at TITLE. */
enum { FONT_TEXT = 18, FONT_TITLE = 24 };
/* A city's bars blue, a district's orange (as in the share charts' first two). */
enum { COLOUR_CITY = 0x1f77b4, COLOUR_DISTRICT = 0xff7f0e };

char *
plot_quote(const char *s)
{
	struct sb sb = SB_INIT;

	sb_addc(&sb, '\'');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\'')
			sb_adds(&sb, "''");
		else if (c < 0x20 || c == 0x7f)
			sb_addc(&sb, ' ');
		else
			sb_addc(&sb, (char)c);
	}
	sb_addc(&sb, '\'');
	return sb_detach(&sb);
}

/* ---- names ---- */

/* A file-name-safe form of an id: ASCII letters, digits, '-' and '_' kept, ':' (the
 * series id's separator) as '-', other ASCII as '_'; UTF-8 of a set id named in Chinese
 * is kept, so two such ids never fall together. */
static char *
file_slug(const char *s)
{
	char *o = xstrdup(s);
	for (unsigned char *p = (unsigned char *)o; *p; p++)
		if (*p == ':')
			*p = '-';
		else if (*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		                        (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			*p = '_';
	return o;
}

/* The jurisdiction part of a set id: cq-2025 → cq. */
static char *
set_slug(const char *id)
{
	const char *dash = strrchr(id, '-');
	char *s = xstrndup(id, dash ? (size_t)(dash - id) : strlen(id));
	char *f = file_slug(s);
	free(s);
	return f;
}

char *
plot_trend_name_for(const char *series, const char *first_set)
{
	char *slug = file_slug(series), *js = set_slug(first_set);
	char *base = xasprintf("trend-%s-%s", js, slug);
	free(slug);
	free(js);
	return base;
}

char *
plot_trend_name(const struct growth_row *r)
{
	return plot_trend_name_for(r->s->id, r->first->item->set->id);
}

char *
plot_shares_name(const struct set *city)
{
	char *slug = file_slug(city->id), *base = xasprintf("shares-%s", slug);
	free(slug);
	return base;
}

char *
plot_members_name(const char *series)
{
	char *slug = file_slug(series), *r = xasprintf("members-%s", slug);
	free(slug);
	return r;
}

/* A caption whose item name is cut to about MAXW columns (a CJK character is two). */
static char *
caption_fit(const char *metric, const struct item *it, size_t maxw)
{
	const char *name = it ? it->name : "";

	if (!*name || strstr(metric, name) || strstr(name, metric))
		return xstrdup(metric);
	if (text_width(name) > maxw) {
		const char *p = name;
		int32_t cp;
		int k;
		size_t w = 0;
		while (*p && w < maxw - 2 && (k = u8_next(p, &cp)) > 0) {
			w += text_is_han(cp) ? 2 : 1;
			p += k;
		}
		return xasprintf("%s（%.*s…）", metric, (int)(p - name), name);
	}
	return xasprintf("%s（%s）", metric, name);
}

char *
plot_caption(const char *metric, const struct item *it)
{
	/* A long name would crowd the chart: its first 13 characters. */
	return caption_fit(metric, it, 28);
}

/* ---- words and numbers for people ---- */

/* An integer with its thousands separated: 11000 → 11,000. */
static char *
grouped(double v)
{
	char digits[64], out[96];
	int n = snprintf(digits, sizeof digits, "%.0f", fabs(v)), k = 0;

	if (v < 0)
		out[k++] = '-';
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return xstrdup(out);
}

char *
plot_value_label(enum lang l, double v, enum qual q)
{
	const char *pre = q == QUAL_GE ? "≥" : q == QUAL_LE ? "≤"
	                  : q == QUAL_ABOUT ? lang_say(l, "about ") : "";
	char *num, *r;

	/* Chinese counts in 万 and 亿, English in thousands and millions. */
	if (l == LANG_ZH)
		num = fabs(v) >= 1e8 ? xasprintf("%.6g亿", v / 1e8)
		      : fabs(v) >= 1e4 ? xasprintf("%.6g万", v / 1e4) : xasprintf("%.6g", v);
	else
		num = fabs(v) >= 1e6 ? xasprintf("%.6g million", v / 1e6)
		      : v == floor(v) ? grouped(v) : xasprintf("%.6g", v);
	r = xasprintf("%s%s", pre, num);
	free(num);
	return r;
}

/* The factor a value axis is drawn in, from the largest value up: Chinese counts in 万
 * and 亿 (before the unit), English in thousands and millions (after it). */
static const struct scale {
	enum lang l;
	double from, factor;
	const char *pre, *post;
} scales[] = {
	{ LANG_ZH, 1e9, 1e8, "亿", "" },
	{ LANG_ZH, 1e5, 1e4, "万", "" },
	{ LANG_EN, 1e7, 1e6, "", " (millions)" },
	{ LANG_EN, 1e5, 1e3, "", " (thousands)" },
};

/* The scale of an axis up to MAXV (factor 1 and no words below the thresholds), and the
 * unit label that says it: 单位：万个, Unit: 个 (thousands).  *LABEL is malloc'd. */
static double
axis_scale(enum lang l, double maxv, const char *unit, char **label)
{
	for (size_t i = 0; i < NELEM(scales); i++)
		if (scales[i].l == l && maxv >= scales[i].from) {
			*label = xasprintf("%s%s%s%s", lang_say(l, "Unit: "), scales[i].pre, unit,
			                   scales[i].post);
			return scales[i].factor;
		}
	*label = xasprintf("%s%s", lang_say(l, "Unit: "), unit);
	return 1;
}

/* Years as a title says them: 2024—2026年, 2024–2026; one year alone. */
static char *
years_span(enum lang l, int first, int last)
{
	if (first == last)
		return xasprintf(l == LANG_ZH ? "%d年" : "%d", first);
	return l == LANG_ZH ? xasprintf("%d—%d年", first, last) : xasprintf("%d–%d", first, last);
}

/* ---- the charts drawn, for the index ---- */

static struct plot_chart *
chart_add(struct plot_charts *out, enum plot_kind kind, char *base)
{
	struct plot_chart *c;

	xgrow(&out->v, &out->cap, out->n + 1, sizeof *out->v);
	c = &out->v[out->n++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->base = base;
	c->metric = c->item = "";
	return c;
}

static void
chart_series(struct plot_chart *c, const struct series *s)
{
	for (size_t i = 0; i < c->nseries; i++)
		if (c->series[i] == s)
			return;
	c->series = xrealloc(c->series, (c->nseries + 1) * sizeof *c->series);
	c->series[c->nseries++] = s;
}

static int
cmp_set(const void *a, const void *b)
{
	const struct set *x = *(const struct set *const *)a, *y = *(const struct set *const *)b;
	return x->year != y->year ? (x->year > y->year) - (x->year < y->year) : strcmp(x->id, y->id);
}

/* Note that chart C draws a target of set S; the sets stay ordered by year and id. */
static void
chart_set(struct plot_chart *c, const struct set *s)
{
	for (size_t i = 0; i < c->nsets; i++)
		if (c->sets[i] == s)
			return;
	c->sets = xrealloc(c->sets, (c->nsets + 1) * sizeof *c->sets);
	c->sets[c->nsets++] = s;
	qsort(c->sets, c->nsets, sizeof *c->sets, cmp_set);
}

/* The sets of growth row R's points (its series' members in its jurisdiction). */
static void
chart_growth_sets(struct plot_chart *c, const struct growth_row *r)
{
	for (size_t k = 0; k < r->s->n; k++)
		if (strcmp(r->s->m[k].item->set->jurisdiction, r->jurisdiction) == 0)
			chart_set(c, r->s->m[k].item->set);
}

void
plot_charts_release(struct plot_charts *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].base);
		free(c->v[i].title);
		free(c->v[i].series);
		free(c->v[i].sets);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

/* ---- the script ---- */

/* S (malloc'd, returned) with its control characters, line breaks among them, as spaces. */
static char *
one_line(char *s)
{
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return s;
}

/* The chart frame: one pass per format, the terminal and output set for each. */
static void
begin_chart(FILE *fp, const char *base, int w, int h)
{
	char *q = plot_quote(base);

	fprintf(fp,
	        "do for [ext in EXTS] {\n"
	        "  if (ext eq 'png') { set terminal pngcairo size %d,%d font TEXT noenhanced }"
	        " else { set terminal svg size %d,%d dynamic font TEXT noenhanced }\n"
	        "  set output %s.'.'.ext\n",
	        w, h, w, h, q);
	free(q);
}

/* A comment line "# WHAT A B" of the script: ids from the data are text there too, and
 * a line break in one would start a command. */
static void
comment(FILE *fp, const char *what, const char *a, const char *b)
{
	char *line = one_line(xasprintf("# %s %s %s", what, a, b));

	fprintf(fp, "%s\n", line);
	free(line);
}

static void
end_chart(FILE *fp)
{
	fputs("  unset output\n}\nreset\n\n", fp);
}

/* The title: HEAD (what is drawn) over SUB (where and when; may be NULL), centred on the
 * canvas (gnuplot centres a title on the plot, which a wide label column pushes aside),
 * and a top margin of TOP lines of text below it.  Returns the title on one line, as the
 * index lists it (malloc'd). */
static char *
put_title(FILE *fp, enum lang l, const char *head, const char *sub, double top)
{
	char *qh = plot_quote(head), *qs = plot_quote(sub ? sub : ""), *line;

	fprintf(fp, "  set label 100 %s%s%s at screen 0.5, screen 1 center offset 0,-1.2 "
	            "font TITLE front\n"
	            "  set tmargin %.1f\n",
	        qh, sub ? ".\"\\n\"." : "", sub ? qs : "", (sub ? 4.4 : 2.8) + top);
	free(qh);
	free(qs);
	/* Chinese writes a span of years with a dash (2024—2026年): a comma, not another. */
	line = sub ? xasprintf(l == LANG_ZH ? "%s，%s" : "%s — %s", head, sub) : xstrdup(head);
	return one_line(line);
}

/* The unit of the value axis, above its top end (a CJK unit on its side would be read
 * sideways). */
static void
put_unit(FILE *fp, const char *label)
{
	char *q = plot_quote(label);
	fprintf(fp, "  set label 1 %s at graph 0, graph 1 left offset 0,1\n", q);
	free(q);
}

/* A line of a datablock: "X VALUE-IN-SCALE LABEL COLOUR".  The label names the target's
 * unit where it is not the series' UNIT (处 and 台 counted together); a quote in it would
 * end the field, so it is drawn full-width. */
static void
point(FILE *fp, enum lang l, double x, const struct target *t, double scale, const char *unit,
      unsigned colour)
{
	char *num = plot_value_label(l, t->value, t->qualifier);
	char *lab = xasprintf("%s%s", num, strcmp(t->unit, unit) != 0 ? t->unit : "");

	fprintf(fp, "%.10g %.10g \"", x, t->value / scale);
	for (const char *p = lab; *p; p++)
		if (*p == '"')
			fputs("＂", fp);
		else
			fputc((unsigned char)*p < 0x20 ? ' ' : *p, fp);
	fprintf(fp, "\" %u\n", colour);
	free(num);
	free(lab);
}

static void
trend_plot(FILE *fp, enum lang l, const struct growth_row *r, size_t idx)
{
	fprintf(fp,
	        "  set xrange [%d-0.5:%d+0.5]\n"
	        "  set xtics 1 scale 0 format '%s'\n"
	        "  set yrange [0:*]\n"
	        "  set offsets 0, 0, graph 0.2, 0\n"
	        "  set grid ytics lc rgb '#dddddd'\n"
	        "  set border 3 lw 1.5\n  set tics nomirror\n"
	        "  set key off\n"
	        "  plot $trend%zu using 1:2 with linespoints lw 4 pt 7 ps 2.2 lc rgb '#1f77b4', \\\n"
	        "       $trend%zu using 1:2:3 with labels offset 0,1.5\n",
	        r->g.first_year, r->g.last_year, l == LANG_ZH ? "%.0f年" : "%.0f", idx, idx);
}

static void
trend_chart(FILE *fp, const struct plot_input *in, const struct growth_row *r, size_t idx,
            struct plot_charts *out)
{
	const struct series *s = r->s;
	struct plot_chart *c = chart_add(out, PLOT_TREND, plot_trend_name(r));
	double maxv = 0, scale;
	char *unit, *cap, *years, *sub;

	c->metric = s->metric;
	c->item = r->last->item->name;
	chart_series(c, s);
	chart_growth_sets(c, r);
	for (size_t k = 0; k < s->n; k++)
		if (strcmp(s->m[k].item->set->jurisdiction, r->jurisdiction) == 0)
			maxv = fmax(maxv, s->m[k].item->targets.v[s->m[k].t].value);
	scale = axis_scale(in->lang, maxv, s->unit, &unit);
	comment(fp, "trend: series", s->id, c->sets[0]->id);
	fprintf(fp, "$trend%zu << EOD\n", idx);
	for (size_t k = 0; k < s->n; k++) {
		const struct item *it = s->m[k].item;
		if (strcmp(it->set->jurisdiction, r->jurisdiction) == 0)
			point(fp, in->lang, it->set->year, &it->targets.v[s->m[k].t], scale, s->unit,
			      COLOUR_CITY);
	}
	fputs("EOD\n", fp);
	cap = plot_caption(s->metric, r->last->item);
	years = years_span(in->lang, r->g.first_year, r->g.last_year);
	sub = xasprintf("%s %s", r->jurisdiction, years);
	begin_chart(fp, c->base, 1200, 720);
	c->title = put_title(fp, in->lang, cap, sub, 1.6);
	put_unit(fp, unit);
	trend_plot(fp, in->lang, r, idx);
	end_chart(fp);
	free(unit);
	free(cap);
	free(years);
	free(sub);
}

/* Bar labels must tell series apart: a metric that two series share (项目) gets the
 * series id.  V is an array of N pointers; SERIES_OF gives the series of one. */
static const struct series *
grow_series(const void *p)
{
	return (*(const struct growth_row *const *)p)->s;
}

static const struct series *
share_series(const void *p)
{
	return (*(const struct share_row *const *)p)->s;
}

static const char *
twin_suffix(const void *v, size_t n, size_t i, size_t size,
            const struct series *(*series_of)(const void *))
{
	static char buf[512];
	const struct series *si = series_of((const char *)v + i * size);

	for (size_t j = 0; j < n; j++) {
		const struct series *sj = series_of((const char *)v + j * size);
		if (j != i && sj != si && strcmp(sj->metric, si->metric) == 0) {
			snprintf(buf, sizeof buf, "（%s）", si->id);
			return buf;
		}
	}
	return "";
}

static int
cmp_pct(const void *a, const void *b)
{
	double x = (*(const struct growth_row *const *)a)->g.pct_change;
	double y = (*(const struct growth_row *const *)b)->g.pct_change;
	return x < y ? -1 : x > y;
}

/* The overview's row labels: what (the item cut short: the rows are many), where (unless
 * all rows are of one place, which the title names) and which years. */
static void
overview_tics(FILE *fp, enum lang l, const struct growth_row **v, size_t n, int one_place)
{
	fputs("  set ytics scale 0 (", fp);
	for (size_t i = 0; i < n; i++) {
		char *cap = caption_fit(v[i]->s->metric, v[i]->last->item, 16);
		char *years = years_span(l, v[i]->g.first_year, v[i]->g.last_year);
		char *lab = xasprintf("%s%s %s%s%s", cap, twin_suffix(v, n, i, sizeof *v, grow_series),
		                      one_place ? "" : v[i]->jurisdiction, one_place ? "" : " ", years);
		char *q = plot_quote(lab);
		fprintf(fp, "%s%s %zu", i ? ", " : "", q, i);
		free(cap);
		free(years);
		free(lab);
		free(q);
	}
	fputs(")\n", fp);
}

/* The overview's bars, increases green and decreases red, each labelled with its change.
 * One change far beyond the others (a unit that changed, 25个 → 500处) would squeeze them
 * flat: the axis then stops short of it and its bar runs off the edge, its label still
 * saying how far. */
static void
overview_bars(FILE *fp, enum lang l, const struct growth_row **v, size_t n)
{
	double hi = v[n - 1]->g.pct_change, second = n > 1 ? v[n - 2]->g.pct_change : hi;
	double lo = v[0]->g.pct_change, xmin, xmax;
	char *xl = plot_quote(lang_say(l, "change (%)"));

	xmax = hi > 0 && second > 0 && hi > 3 * second ? second * 1.6 : hi > 0 ? hi * 1.25 : 10;
	xmin = lo < 0 ? lo * 1.25 : 0;
	if (xmin > -0.08 * xmax)
		xmin = -0.08 * xmax;
	fprintf(fp, "  set yrange [-0.7:%zu-0.3]\n"
	            "  set xrange [%.6g:%.6g]\n"
	            "  set grid xtics lc rgb '#dddddd'\n"
	            "  set xtics autofreq format '%%g' nomirror\n"
	            "  set border 1 lw 1.5\n"
	            "  set rmargin 4\n"
	            "  set yzeroaxis lt -1 lw 1.5\n"
	            "  set xlabel %s\n"
	            "  set key off\n"
	            "  set style fill solid 0.85 noborder\n"
	            "  pct(v) = abs(v) >= 100 ? sprintf('%%+.0f%%%%', v) : sprintf('%%+.3g%%%%', v)\n"
	            "  X = %.6g\n"
	            /* a bar, its label beyond its end */
	            "  plot $overview using (($2>X?X:$2)/2):1:($2<0?$2:0):($2<0?0:($2>X?X:$2)):"
	            "($1-0.36):($1+0.36):($2<0?0xd62728:0x2ca02c) with boxxyerror lc rgb variable, \\\n"
	            "       $overview using ($2>X?NaN:$2>0?$2:0):1:(pct($2)) with labels left "
	            "offset 0.6,0",
	        n, xmin, xmax, xl, xmax);
	/* or inside the end of a bar cut at X (only where there is one: gnuplot 5.4 crashes
	 * on labels that are all undefined) */
	if (hi > xmax)
		fputs(", \\\n       $overview using ($2>X?X:NaN):1:(pct($2)) with labels right "
		      "offset -0.6,0 tc rgb 'white'", fp);
	fputc('\n', fp);
	free(xl);
}

static void
overview_chart(FILE *fp, const struct plot_input *in, struct plot_charts *out)
{
	const struct growth_row **v = xcalloc(in->ngrowth + 1, sizeof *v);
	struct plot_chart *c;
	size_t n = 0, i;
	int one;

	for (size_t i = 0; i < in->ngrowth; i++)
		if (!isnan(in->growth[i].g.pct_change))
			v[n++] = &in->growth[i];
	if (n == 0) {
		free(v);
		return;
	}
	qsort(v, n, sizeof *v, cmp_pct);
	c = chart_add(out, PLOT_OVERVIEW, xstrdup("overview"));
	fputs("# overview: percentage change of every series, sorted\n$overview << EOD\n", fp);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%zu %.10g\n", i, v[i]->g.pct_change);
		chart_series(c, v[i]->s);
		chart_growth_sets(c, v[i]);
	}
	fputs("EOD\n", fp);
	for (one = 1, i = 1; i < n && one; i++)
		one = strcmp(v[i]->jurisdiction, v[0]->jurisdiction) == 0;
	/* Room for the title and the axis however few the rows. */
	begin_chart(fp, c->base, 1400, (int)(260 + 38 * n));
	c->title = put_title(fp, in->lang,
	                     lang_say(in->lang, "Change of every series, first year to last (%)"),
	                     one ? v[0]->jurisdiction : NULL, 0.5);
	overview_tics(fp, in->lang, v, n, one);
	overview_bars(fp, in->lang, v, n);
	end_chart(fp);
	free(v);
}

static int
cmp_share(const void *a, const void *b)
{
	double x = (*(const struct share_row *const *)a)->share;
	double y = (*(const struct share_row *const *)b)->share;
	return x < y ? -1 : x > y;
}

/* The districts of the share rows V, in the order they appear (as many as the city has);
 * *ND of them, malloc'd. */
static const struct set **
share_districts(const struct share_row *const *v, size_t n, size_t *nd)
{
	const struct set **dist = NULL;
	size_t dcap = 0;

	*nd = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i]->ndistricts; k++) {
			const struct set *d = v[i]->district[k]->item->set;
			size_t j;
			for (j = 0; j < *nd && dist[j] != d; j++)
				;
			if (j == *nd) {
				xgrow(&dist, &dcap, *nd + 1, sizeof *dist);
				dist[(*nd)++] = d;
			}
		}
	return dist;
}

/* The datablock: a line per share row, a column per district, in percent (NaN: none). */
static void
share_data(FILE *fp, const struct share_row *const *v, size_t n, const struct set **dist,
           size_t nd, size_t idx)
{
	fprintf(fp, "$shares%zu << EOD\n", idx);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%zu", i);
		for (size_t j = 0; j < nd; j++) {
			double share = NAN;
			for (size_t k = 0; k < v[i]->ndistricts; k++)
				if (v[i]->district[k]->item->set == dist[j])
					share = v[i]->district_share[k];
			if (isnan(share))
				fputs(" NaN", fp);
			else
				fprintf(fp, " %.6g", share * 100);
		}
		fputc('\n', fp);
	}
	fputs("EOD\n", fp);
}

/* The bars: one colour per district, each bar labelled with its share. */
static void
share_bars(FILE *fp, const struct set **dist, size_t nd, size_t idx)
{
	static const char *const colors[] = { "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
		                              "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22" };

	fputs("  plot ", fp);
	for (size_t j = 0; j < nd; j++) {
		double h = 0.76 / (double)nd, off = 0.38 - h * ((double)j + 0.5);
		char *q = plot_quote(dist[j]->jurisdiction);
		fprintf(fp,
		        "%s$shares%zu using ($%zu/2):($1+%.3f):(0):%zu:($1+%.3f):($1+%.3f) with "
		        "boxxyerror lc rgb '%s' title %s, \\\n"
		        "       $shares%zu using %zu:($1+%.3f):(sprintf('%%.3g%%%%', $%zu)) with labels "
		        "left offset 0.5,0 notitle",
		        j ? ", \\\n       " : "", idx, j + 2, off, j + 2, off - h / 2 * 0.9,
		        off + h / 2 * 0.9, colors[j % NELEM(colors)], q, idx, j + 2, off, j + 2);
		free(q);
	}
	fputs("\n", fp);
}

/* The row labels of a share chart: the target, and its series where two share a metric. */
static void
share_tics(FILE *fp, const struct share_row **v, size_t n)
{
	fputs("  set ytics scale 0 (", fp);
	for (size_t i = 0; i < n; i++) {
		char *cap = caption_fit(v[i]->s->metric, v[i]->city->item, 16);
		char *lab = xasprintf("%s%s", cap, twin_suffix(v, n, i, sizeof *v, share_series));
		char *q = plot_quote(lab);
		fprintf(fp, "%s%s %zu", i ? ", " : "", q, i);
		free(cap);
		free(lab);
		free(q);
	}
	fputs(")\n", fp);
}

/* The chart of what the districts carry of CITY's targets: a row per target (of the share
 * rows of IN), a bar per district. */
static void
shares_chart(FILE *fp, const struct plot_input *in, const struct set *city, size_t idx,
             struct plot_charts *out)
{
	const struct share_row **v = xcalloc(in->nshares + 1, sizeof *v);
	const struct set **dist;
	struct plot_chart *c;
	size_t n = 0, nd;
	char *year, *sub, *xl;
	int h;

	for (size_t i = 0; i < in->nshares; i++)
		if (in->shares[i].city->item->set == city && !isnan(in->shares[i].share))
			v[n++] = &in->shares[i];
	if (n == 0) {
		free(v);
		return;
	}
	/* Largest at the top: gnuplot counts rows upwards. */
	qsort(v, n, sizeof *v, cmp_share);
	dist = share_districts((const struct share_row *const *)v, n, &nd);
	c = chart_add(out, PLOT_SHARES, plot_shares_name(city));
	chart_set(c, city);
	for (size_t i = 0; i < n; i++)
		chart_series(c, v[i]->s);
	for (size_t j = 0; j < nd; j++)
		chart_set(c, dist[j]);
	comment(fp, "shares: the districts' part, in percent, of the targets of", city->id, "");
	share_data(fp, (const struct share_row *const *)v, n, dist, nd, idx);
	year = years_span(in->lang, city->year, city->year);
	sub = xasprintf("%s %s", city->jurisdiction, year);
	xl = plot_quote(lang_say(in->lang, "share of the city's target (%)"));
	h = 300 + (28 * (int)nd + 16) * (int)n;
	begin_chart(fp, c->base, 1200, h);
	c->title = put_title(fp, in->lang,
	                     lang_say(in->lang, "Districts' shares of the city's targets (%)"),
	                     sub, 2.2);
	share_tics(fp, v, n);
	/* The legend under the title's two lines (about 115 pixels). */
	fprintf(fp, "  set yrange [-0.6:%zu-0.4]\n"
	            "  set xrange [0:*]\n"
	            "  set offsets 0, graph 0.15, 0, 0\n"
	            "  set rmargin 4\n"
	            "  set grid xtics lc rgb '#dddddd'\n"
	            "  set xtics nomirror\n  set border 3 lw 1.5\n"
	            "  set xlabel %s\n"
	            "  set key at screen 0.5, screen %.4f center top horizontal samplen 2 width 2\n"
	            "  set style fill solid 0.85 noborder\n",
	        n, xl, 1.0 - 118.0 / h);
	share_bars(fp, dist, nd, idx);
	end_chart(fp);
	free(year);
	free(sub);
	free(xl);
	free(dist);
	free(v);
}

/* The x labels of a members chart: place and year of each member. */
static void
member_tics(FILE *fp, enum lang l, const struct series *s)
{
	fputs("  set xtics scale 0 (", fp);
	for (size_t k = 0; k < s->n; k++) {
		const struct set *st = s->m[k].item->set;
		char *y = years_span(l, st->year, st->year), *lab = xasprintf("%s %s", st->jurisdiction, y);
		char *q = plot_quote(lab);
		fprintf(fp, "%s%s %zu", k ? ", " : "", q, k);
		free(y);
		free(lab);
		free(q);
	}
	/* Many side by side would run into each other: slanted. */
	fprintf(fp, ")%s\n", s->n > 5 ? " rotate by 30 right" : "");
}

/* A district's set: it has a parent, or its catalog row says so. */
static int
is_district(const struct set *s)
{
	return s->up || (s->level && strcmp(s->level, "district") == 0);
}

/* The members of a series side by side: one bar per set (重庆市 2024, 渝北区 2025) with
 * its value. */
static void
members_chart(FILE *fp, const struct plot_input *in, const struct series *s, size_t idx,
              struct plot_charts *out)
{
	struct plot_chart *c = chart_add(out, PLOT_MEMBERS, plot_members_name(s->id));
	double maxv = 0, scale;
	char *unit, *cap;

	c->metric = s->metric;
	c->item = s->m[0].item->name;
	chart_series(c, s);
	for (size_t k = 0; k < s->n; k++) {
		maxv = fmax(maxv, s->m[k].item->targets.v[s->m[k].t].value);
		chart_set(c, s->m[k].item->set);
	}
	scale = axis_scale(in->lang, maxv, s->unit, &unit);
	comment(fp, "members: series", s->id, "");
	fprintf(fp, "$members%zu << EOD\n", idx);
	for (size_t k = 0; k < s->n; k++)
		point(fp, in->lang, (double)k, &s->m[k].item->targets.v[s->m[k].t], scale, s->unit,
		      is_district(s->m[k].item->set) ? COLOUR_DISTRICT : COLOUR_CITY);
	fputs("EOD\n", fp);
	cap = plot_caption(s->metric, s->m[0].item);
	begin_chart(fp, c->base, 1200, 720);
	c->title = put_title(fp, in->lang, cap, lang_say(in->lang, "targets by place and year"), 1.6);
	put_unit(fp, unit);
	member_tics(fp, in->lang, s);
	fprintf(fp, "  set xrange [-0.6:%zu-0.4]\n"
	            "  set yrange [0:*]\n"
	            "  set offsets 0, 0, graph 0.15, 0\n"
	            "  set grid ytics lc rgb '#dddddd'\n"
	            "  set border 3 lw 1.5\n  set tics nomirror\n"
	            "  set key off\n"
	            "  set style fill solid 0.85 noborder\n"
	            "  set boxwidth 0.6\n"
	            "  plot $members%zu using 1:2:4 with boxes lc rgb variable, \\\n"
	            "       $members%zu using 1:2:3 with labels offset 0,1\n",
	        s->n, idx, idx);
	end_chart(fp);
	free(unit);
	free(cap);
}

static void
script_header(FILE *fp, const struct plot_input *in)
{
	char *font = plot_quote(in->font ? in->font : "Sans");

	fprintf(fp, "# Charts of the yoy comparison, written by 'yoy plot'.  Edit and draw again\n"
	            "# with: gnuplot yoy.gp   (in this folder).  All text is in single-quoted\n"
	            "# strings and every chart is drawn without enhanced text mode.\n"
	            "reset\n"
	            "set encoding utf8\n"
	            "FONT = %s\n"
	            "# Sizes for a slide: text (ticks, values, legends) and titles, in points.\n"
	            "TEXT = FONT.',%d'\n"
	            "TITLE = FONT.',%d'\n"
	            "EXTS = '%s%s%s'\n\n",
	        font, FONT_TEXT, FONT_TITLE, in->formats & PLOT_PNG ? "png" : "",
	        (in->formats & PLOT_PNG) && (in->formats & PLOT_SVG) ? " " : "",
	        in->formats & PLOT_SVG ? "svg" : "");
	free(font);
}

size_t
plot_script(FILE *fp, const struct plot_input *in, struct plot_charts *out)
{
	size_t before = out->n;

	out->formats = in->formats;
	script_header(fp, in);
	/* The whole first (a reader starts there), then each series.  The overview and the
	 * shares are of the whole comparison: a run limited to some series would draw them
	 * partial, looking whole. */
	if (in->nonly == 0) {
		overview_chart(fp, in, out);
		for (size_t i = 0; i < in->nshares; i++) {
			const struct set *city = in->shares[i].city->item->set;
			size_t j;
			for (j = 0; j < i && in->shares[j].city->item->set != city; j++)
				;
			if (j == i)
				shares_chart(fp, in, city, i, out);
		}
	}
	for (size_t i = 0; i < in->ngrowth; i++)
		trend_chart(fp, in, &in->growth[i], i, out);
	for (size_t i = 0; i < in->nothers; i++)
		members_chart(fp, in, in->others[i], i, out);
	return out->n - before;
}

char *
plot_file(const struct plot_chart *c, int format)
{
	return xasprintf("%s.%s", c->base, format == PLOT_SVG ? "svg" : "png");
}

/* Append the file names of CHARTS' charts to *NAMES. */
static void
names_of(const struct plot_charts *charts, char ***names, size_t *nnames)
{
	static const int formats[] = { PLOT_PNG, PLOT_SVG };

	for (size_t i = 0; i < charts->n; i++)
		for (size_t k = 0; k < NELEM(formats); k++)
			if (charts->formats & formats[k]) {
				*names = xrealloc(*names, (*nnames + 1) * sizeof **names);
				(*names)[(*nnames)++] = plot_file(&charts->v[i], formats[k]);
			}
}

size_t
plot_write(FILE *fp, const struct plot_input *in, char ***names, size_t *nnames)
{
	struct plot_charts charts = { 0 };
	size_t before = *nnames;

	plot_script(fp, in, &charts);
	names_of(&charts, names, nnames);
	plot_charts_release(&charts);
	return *nnames - before;
}

int
plot_run(const char *script, const char *dir, char **cause)
{
	const char *argv[] = { "gnuplot", script, NULL };
	struct proc p;
	char *line;
	int rc;

	if (!proc_have("gnuplot")) {
		fail(cause, "gnuplot: not found on the PATH (install it: apt-get install gnuplot-nox)");
		return -3;
	}
	if (proc_run(argv, dir, 0, &p, cause) < 0)
		return -1;
	if (proc_ok(&p)) {
		proc_release(&p);
		return 0;
	}
	/* gnuplot says '"yoy.gp" line 12: what'; else take its first line. */
	line = proc_message(&p, "\" line ");
	rc = WIFEXITED(p.status) && WEXITSTATUS(p.status) == 127 ? -3 : -1;
	if (rc == -3)
		fail(cause, "gnuplot: cannot be run");
	else
		fail(cause, "%s: gnuplot failed: %s", script, *line ? line : "no message");
	free(line);
	proc_release(&p);
	return rc;
}

char *
plot_cjk_font(void)
{
	static const char *const prefer[] = { "Noto Sans CJK SC", "WenQuanYi Micro Hei",
		                              "Noto Sans SC", "WenQuanYi Zen Hei" };
	FILE *p;
	char line[512];
	char *first = NULL, *best = NULL;
	size_t rank = NELEM(prefer);

	if (!proc_have("fc-list") || !(p = popen("fc-list :lang=zh family 2>/dev/null", "r")))
		return NULL;
	while (fgets(line, sizeof line, p)) {
		/* "Family,Other name" per line: take each name. */
		char *save = NULL;
		line[strcspn(line, "\n")] = '\0';
		for (char *f = strtok_r(line, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
			if (!first)
				first = xstrdup(f);
			for (size_t k = 0; k < rank; k++)
				if (strcmp(f, prefer[k]) == 0) {
					free(best);
					best = xstrdup(f);
					rank = k;
					break;
				}
		}
	}
	pclose(p);
	if (best) {
		free(first);
		return best;
	}
	return first;
}

int
plot_draw(const struct plot_input *in, const char *workdir, struct plot_charts *out,
          char **cause)
{
	char *script = xasprintf("%s/yoy.gp", workdir);
	FILE *fp = fopen(script, "w");
	int bad;

	if (!fp) {
		fail(cause, "%s: cannot write: %s", script, strerror(errno));
		free(script);
		return -1;
	}
	plot_script(fp, in, out);
	bad = ferror(fp) != 0;
	if (fclose(fp) != 0 || bad) {
		fail(cause, "%s: write error", script);
		free(script);
		return -1;
	}
	free(script);
	return plot_run("yoy.gp", workdir, cause);
}

int
plot_render(const struct plot_input *in, const char *workdir, char ***names, size_t *nnames,
            char **cause)
{
	struct plot_charts charts = { 0 };
	int rc = plot_draw(in, workdir, &charts, cause);

	/* The names even on failure: the caller cleans the files up by them. */
	names_of(&charts, names, nnames);
	plot_charts_release(&charts);
	return rc;
}

void
plot_clean(const char *workdir, char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", workdir, names[i]);
		unlink(p);
		free(p);
	}
	{
		char *p = xasprintf("%s/yoy.gp", workdir);
		unlink(p);
		free(p);
	}
	rmdir(workdir);
}
