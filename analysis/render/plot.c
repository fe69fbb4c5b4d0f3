/* plot: see plot.h. */
#include "render/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/proc.h"
#include "base/text.h"
#include "base/util.h"

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

/* A file-name-safe form of S: letters, digits, '-' and '_' kept, the rest '_'. */
static char *
file_slug(const char *s)
{
	char *o = xstrdup(s);
	for (char *p = o; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
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
	char *base = xasprintf("trend-%s-%s", slug, js);
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

char *
plot_caption(const char *metric, const struct item *it)
{
	const char *name = it ? it->name : "";

	if (!*name || strstr(metric, name) || strstr(name, metric))
		return xstrdup(metric);
	/* A long name would crowd the chart: its first 14 characters. */
	if (text_width(name) > 28) {
		const char *p = name;
		int32_t cp;
		int k;
		size_t w = 0;
		while (*p && w < 26 && (k = u8_next(p, &cp)) > 0) {
			w += text_is_han(cp) ? 2 : 1;
			p += k;
		}
		return xasprintf("%s（%.*s…）", metric, (int)(p - name), name);
	}
	return xasprintf("%s（%s）", metric, name);
}

static void
add_name(char ***names, size_t *n, const char *base, int formats)
{
	static const char *const ext[] = { "png", "svg" };
	for (int k = 0; k < 2; k++)
		if (formats & (1 << k)) {
			*names = xrealloc(*names, (*n + 1) * sizeof **names);
			(*names)[(*n)++] = xasprintf("%s.%s", base, ext[k]);
		}
}

/* The chart frame: one pass per format, the terminal and output set for each. */
static void
begin_chart(FILE *fp, const char *base, int w, int h)
{
	fprintf(fp,
	        "do for [ext in EXTS] {\n"
	        "  if (ext eq 'png') { set terminal pngcairo size %d,%d font FONT.',11' noenhanced }"
	        " else { set terminal svg size %d,%d dynamic font FONT.',11' noenhanced }\n"
	        "  set output '%s.'.ext\n",
	        w, h, w, h, base);
}

static void
end_chart(FILE *fp)
{
	fputs("  unset output\n}\nreset\n\n", fp);
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
qualifier_code(enum qual q)
{
	/* As the script's q() reads them: 1 ≥, 2 约, 3 ≤. */
	return q == QUAL_GE ? 1 : q == QUAL_ABOUT ? 2 : q == QUAL_LE ? 3 : 0;
}

static void
trend_chart(FILE *fp, const struct growth_row *r, size_t idx, char ***names, size_t *nnames,
            int formats)
{
	const struct series *s = r->s;
	double maxv = 0, scale = 1;
	int ymin = 9999, ymax = 0;
	char *slug = file_slug(s->id), *js = set_slug(r->first->item->set->id), *base;
	char *title, *ylabel, *qt, *qy;
	const char *unit = s->unit;

	base = plot_trend_name(r);
	fprintf(fp, "# trend: series %s, %s\n$trend%zu << EOD\n", s->id, js, idx);
	for (size_t k = 0; k < s->n; k++) {
		const struct item *it = s->m[k].item;
		if (strcmp(it->set->jurisdiction, r->jurisdiction) == 0 &&
		    it->targets.v[s->m[k].t].value > maxv)
			maxv = it->targets.v[s->m[k].t].value;
	}
	if (maxv >= 1e5)
		scale = 1e4; /* plotted in 万 */
	for (size_t k = 0; k < s->n; k++) {
		const struct item *it = s->m[k].item;
		const struct target *t = &it->targets.v[s->m[k].t];
		if (strcmp(it->set->jurisdiction, r->jurisdiction) != 0)
			continue;
		fprintf(fp, "%d %.10g %.10g %d\n", it->set->year, t->value / scale, t->value,
		        qualifier_code(t->qualifier));
		if (it->set->year < ymin)
			ymin = it->set->year;
		if (it->set->year > ymax)
			ymax = it->set->year;
	}
	fputs("EOD\n", fp);
	{
		char *cap = plot_caption(s->metric, r->last->item);
		title = xasprintf("%s — %s %d–%d", cap, r->jurisdiction, ymin, ymax);
		free(cap);
	}
	ylabel = xasprintf("%s%s", scale > 1 ? "万" : "", unit);
	qt = plot_quote(title);
	qy = plot_quote(ylabel);
	begin_chart(fp, base, 800, 480);
	fprintf(fp,
	        "  set title %s\n"
	        "  set ylabel %s\n"
	        "  set xrange [%d-0.5:%d+0.5]\n"
	        "  set xtics 1 format '%%.0f'\n"
	        "  set yrange [0:*]\n"
	        "  set offsets 0, 0, graph 0.18, 0\n"
	        "  set grid ytics lc rgb '#dddddd'\n"
	        "  set key off\n"
	        "  plot $trend%zu using 1:2 with linespoints lw 2.5 pt 7 ps 1.3 lc rgb '#1f77b4', \\\n"
	        "       $trend%zu using 1:2:(q($4).fmt($3)) with labels offset 0,1.1 font FONT.',11'\n",
	        qt, qy, ymin, ymax, idx, idx);
	end_chart(fp);
	add_name(names, nnames, base, formats);
	free(title);
	free(ylabel);
	free(qt);
	free(qy);
	free(slug);
	free(js);
	free(base);
}

static int
cmp_pct(const void *a, const void *b)
{
	double x = (*(const struct growth_row *const *)a)->g.pct_change;
	double y = (*(const struct growth_row *const *)b)->g.pct_change;
	return x < y ? -1 : x > y;
}

static void
overview_chart(FILE *fp, const struct plot_input *in, char ***names, size_t *nnames)
{
	const struct growth_row **v = xcalloc(in->ngrowth + 1, sizeof *v);
	size_t n = 0;
	double xmin, xmax;

	for (size_t i = 0; i < in->ngrowth; i++)
		if (!isnan(in->growth[i].g.pct_change))
			v[n++] = &in->growth[i];
	if (n == 0) {
		free(v);
		return;
	}
	qsort(v, n, sizeof *v, cmp_pct);
	fputs("# overview: percentage change of every series, sorted\n$overview << EOD\n", fp);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%zu %.10g\n", i, v[i]->g.pct_change);
	fputs("EOD\n", fp);
	/* One change far beyond the others (a unit that changed, 25个 → 500处) would squeeze
	 * them flat: the axis then stops short of it and its bar runs off the edge, its label
	 * still saying how far. */
	{
		double hi = v[n - 1]->g.pct_change, second = n > 1 ? v[n - 2]->g.pct_change : hi;
		double lo = v[0]->g.pct_change;
		xmax = hi > 0 && second > 0 && hi > 3 * second ? second * 1.6 : hi > 0 ? hi * 1.25 : 10;
		xmin = lo < 0 ? lo * 1.25 : 0;
		if (xmin > -0.08 * xmax)
			xmin = -0.08 * xmax;
	}
	begin_chart(fp, "overview", 1600, (int)(150 + 24 * n));
	fputs("  set label 1 '各系列目标的变化幅度（首年→末年，%）' at screen 0.5, screen 1 "
	      "center offset 0,-1.2 font FONT.',13'\n"
	      "  set tmargin 3\n"
	      "  set ytics scale 0 (", fp);
	for (size_t i = 0; i < n; i++) {
		char *cap = plot_caption(v[i]->s->metric, v[i]->last->item);
		char *lab = xasprintf("%s%s %s %d–%d", cap,
		                      twin_suffix(v, n, i, sizeof *v, grow_series),
		                      v[i]->jurisdiction, v[i]->g.first_year, v[i]->g.last_year);
		free(cap);
		char *q = plot_quote(lab);
		fprintf(fp, "%s%s %zu", i ? ", " : "", q, i);
		free(lab);
		free(q);
	}
	fprintf(fp, ")\n"
	            "  set yrange [-0.7:%zu-0.3]\n"
	            "  set xrange [%.6g:%.6g]\n"
	            "  set grid xtics lc rgb '#dddddd'\n"
	            "  set xtics autofreq format '%%g'\n"
	            "  set yzeroaxis lt -1\n"
	            "  set xlabel '%%'\n"
	            "  set key off\n"
	            "  set style fill solid 0.85 noborder\n"
	            "  plot $overview using (($2>%.6g?%.6g:$2)/2):1:($2<0?$2:0):($2<0?0:($2>%.6g?%.6g:$2)):"
	            "($1-0.35):($1+0.35):($2<0?0xd62728:0x2ca02c) with boxxyerror lc rgb variable, \\\n"
	            "       $overview using ($2>=0?($2>%.6g*0.8?%.6g*0.8:$2):0):1:(abs($2)>=100?sprintf('%%+.0f%%%%', $2):sprintf('%%+.3g%%%%', $2)) "
	            "with labels left offset 0.6,0\n",
	        n, xmin, xmax, xmax, xmax, xmax, xmax, xmax, xmax);
	end_chart(fp);
	add_name(names, nnames, "overview", in->formats);
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

	for (size_t j = 0; j < nd; j++) {
		double h = 0.7 / (double)nd, off = -0.35 + h * ((double)j + 0.5);
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

/* The chart of what the districts carry of CITY's targets: a row per target (of the share
 * rows of IN), a bar per district. */
static void
shares_chart(FILE *fp, const struct plot_input *in, const struct set *city, size_t idx,
             char ***names, size_t *nnames)
{
	const struct share_row **v = xcalloc(in->nshares + 1, sizeof *v);
	const struct set **dist;
	size_t n = 0, nd;
	char *base, *title, *qt;

	for (size_t i = 0; i < in->nshares; i++)
		if (in->shares[i].city->item->set == city && !isnan(in->shares[i].share))
			v[n++] = &in->shares[i];
	if (n == 0) {
		free(v);
		return;
	}
	qsort(v, n, sizeof *v, cmp_share);
	dist = share_districts(v, n, &nd);
	base = plot_shares_name(city);
	fprintf(fp, "# shares: the districts' part of %s's targets (percent)\n", city->id);
	share_data(fp, v, n, dist, nd, idx);
	title = xasprintf("%s%d年目标中各区所占份额（%%）", city->jurisdiction, city->year);
	qt = plot_quote(title);
	begin_chart(fp, base, 1200, (int)(190 + 40 * n));
	fprintf(fp, "  set label 1 %s at screen 0.5, screen 1 center offset 0,-1.2 font FONT.',13'\n"
	            "  set tmargin 5\n  set ytics scale 0 (", qt);
	for (size_t i = 0; i < n; i++) {
		char *cap = plot_caption(v[i]->s->metric, v[i]->city->item);
		char *lab = xasprintf("%s%s", cap, twin_suffix(v, n, i, sizeof *v, share_series));
		char *q = plot_quote(lab);
		fprintf(fp, "%s%s %zu", i ? ", " : "", q, i);
		free(cap);
		free(lab);
		free(q);
	}
	fprintf(fp, ")\n"
	            "  set yrange [-0.7:%zu-0.3]\n"
	            "  set xrange [0:*]\n"
	            "  set offsets 0, graph 0.15, 0, 0\n"
	            "  set grid xtics lc rgb '#dddddd'\n"
	            "  set xlabel '%%'\n"
	            "  set key at screen 0.5, screen %.4f center top horizontal\n"
	            "  set style fill solid 0.85 noborder\n"
	            "  plot ",
	        n, 1.0 - 44.0 / (190 + 40 * (double)n));
	share_bars(fp, dist, nd, idx);
	end_chart(fp);
	add_name(names, nnames, base, in->formats);
	free(title);
	free(qt);
	free(base);
	free(dist);
	free(v);
}

/* The members of a series that has no trend and no share, side by side: one bar per
 * set (重庆市 2024, 渝北区 2025) with its value. */
static void
members_chart(FILE *fp, const struct series *s, size_t idx, char ***names, size_t *nnames,
              int formats)
{
	char *base = plot_members_name(s->id), *cap, *title, *qt, *qy;
	double maxv = 0, scale = 1;

	for (size_t k = 0; k < s->n; k++)
		if (s->m[k].item->targets.v[s->m[k].t].value > maxv)
			maxv = s->m[k].item->targets.v[s->m[k].t].value;
	if (maxv >= 1e5)
		scale = 1e4;
	fprintf(fp, "# members: series %s\n$members%zu << EOD\n", s->id, idx);
	for (size_t k = 0; k < s->n; k++) {
		const struct target *t = &s->m[k].item->targets.v[s->m[k].t];
		fprintf(fp, "%zu %.10g %.10g %d\n", k, t->value / scale, t->value,
		        qualifier_code(t->qualifier));
	}
	fputs("EOD\n", fp);
	cap = plot_caption(s->metric, s->m[0].item);
	title = xasprintf("%s — 各地各年目标", cap);
	qt = plot_quote(title);
	qy = plot_quote(scale > 1 ? "万" : s->unit);
	begin_chart(fp, base, 800, 480);
	fprintf(fp, "  set title %s\n  set ylabel %s\n  set xtics scale 0 (", qt, qy);
	for (size_t k = 0; k < s->n; k++) {
		const struct set *st = s->m[k].item->set;
		char *lab = xasprintf("%s %d", st->jurisdiction, st->year), *q = plot_quote(lab);
		fprintf(fp, "%s%s %zu", k ? ", " : "", q, k);
		free(lab);
		free(q);
	}
	fprintf(fp, ")\n"
	            "  set xrange [-0.6:%zu-0.4]\n"
	            "  set yrange [0:*]\n"
	            "  set offsets 0, 0, graph 0.15, 0\n"
	            "  set grid ytics lc rgb '#dddddd'\n"
	            "  set key off\n"
	            "  set style fill solid 0.85 noborder\n"
	            "  set boxwidth 0.6\n"
	            "  plot $members%zu using 1:2 with boxes lc rgb '#1f77b4', \\\n"
	            "       $members%zu using 1:2:(q($4).fmt($3)) with labels offset 0,1 font FONT.',11'\n",
	        s->n, idx, idx);
	end_chart(fp);
	add_name(names, nnames, base, formats);
	free(cap);
	free(title);
	free(qt);
	free(qy);
	free(base);
}

size_t
plot_write(FILE *fp, const struct plot_input *in, char ***names, size_t *nnames)
{
	char *font = plot_quote(in->font ? in->font : "Sans");
	size_t before = *nnames;

	fprintf(fp, "# Charts of the yoy comparison, written by 'yoy plot'.  Edit and draw again\n"
	            "# with: gnuplot yoy.gp   (in this folder).  All text is in single-quoted\n"
	            "# strings and every chart is drawn without enhanced text mode.\n"
	            "reset\n"
	            "FONT = %s\n"
	            "EXTS = '%s%s%s'\n"
	            "fmt(v) = v >= 1e8 ? sprintf('%%.4g亿', v/1e8) : v >= 1e4 ? sprintf('%%.4g万', "
	            "v/1e4) : sprintf('%%.4g', v)\n"
	            "q(c) = c == 1 ? '≥' : c == 2 ? '约' : c == 3 ? '≤' : ''\n\n",
	        font, in->formats & PLOT_PNG ? "png" : "",
	        (in->formats & PLOT_PNG) && (in->formats & PLOT_SVG) ? " " : "",
	        in->formats & PLOT_SVG ? "svg" : "");
	free(font);
	for (size_t i = 0; i < in->ngrowth; i++)
		trend_chart(fp, &in->growth[i], i, names, nnames, in->formats);
	overview_chart(fp, in, names, nnames);
	/* A share chart for each city set that has district members. */
	for (size_t i = 0; i < in->nshares; i++) {
		const struct set *city = in->shares[i].city->item->set;
		size_t j;
		for (j = 0; j < i && in->shares[j].city->item->set != city; j++)
			;
		if (j == i)
			shares_chart(fp, in, city, i, names, nnames);
	}
	for (size_t i = 0; i < in->nothers; i++)
		members_chart(fp, in->others[i], i, names, nnames, in->formats);
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
plot_render(const struct plot_input *in, const char *workdir, char ***names, size_t *nnames,
            char **cause)
{
	char *script = xasprintf("%s/yoy.gp", workdir);
	FILE *fp = fopen(script, "w");
	int rc;

	if (!fp) {
		fail(cause, "%s: cannot write: %s", script, strerror(errno));
		free(script);
		return -1;
	}
	plot_write(fp, in, names, nnames);
	if (fclose(fp) != 0) {
		fail(cause, "%s: write error", script);
		free(script);
		return -1;
	}
	free(script);
	rc = plot_run("yoy.gp", workdir, cause);
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
