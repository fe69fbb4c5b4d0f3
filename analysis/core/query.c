/* query: see query.h. */
#include "core/query.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/stats.h"
#include "base/text.h"
#include "base/util.h"


/* Words that name the same thing in these notices; a question naming one finds all. */
static const char *const synonyms[][6] = {
	{ "aed", "自动体外除颤器", "除颤器", NULL },
	{ "托育", "托位", "婴幼儿照护", "托育服务点", NULL },
	{ "急救", "应急救护", "救护", NULL },
	{ "心理", "心理健康", "精神卫生", NULL },
	{ "老旧小区", "城镇老旧小区", "旧改", NULL },
	{ "口袋公园", "微型公园", NULL },
	{ "养老", "老年人", "适老化", "银发", NULL },
	{ "助残", "残疾人", NULL },
	{ "饮水", "供水", NULL },
	{ "公交", "公共交通", NULL },
	{ "反诈", "电诈", "诈骗", NULL },
};

/* The share of Q's bigrams that T holds (both folded). */
static double
bigram_cover(const char *q, const char *t)
{
	int32_t a, b;
	int ka, kb, total = 0, found = 0;
	const char *p = q;

	if ((ka = u8_next(p, &a)) <= 0)
		return 0;
	p += ka;
	while ((kb = u8_next(p, &b)) > 0) {
		char bg[16];
		memcpy(bg, p - ka, (size_t)(ka + kb));
		bg[ka + kb] = '\0';
		total++;
		found += strstr(t, bg) != NULL;
		p += kb;
		ka = kb;
		a = b;
	}
	return total ? (double)found / total : 0;
}

static double
score_term(const char *qk, const char *tk)
{
	double c;
	if (!*qk)
		return 0;
	if (strstr(tk, qk))
		return 1.0;
	c = bigram_cover(qk, tk);
	return c >= 0.5 ? 0.7 * c : 0;
}

double
query_score(const char *question, const char *text)
{
	char *q = text_fold(question), *t = text_fold(text);
	double best = score_term(q, t);

	for (size_t g = 0; g < NELEM(synonyms); g++) {
		int in = 0;
		for (size_t k = 0; synonyms[g][k] && !in; k++)
			in = strstr(q, synonyms[g][k]) || (strlen(q) >= 3 && strstr(synonyms[g][k], q));
		if (!in)
			continue;
		for (size_t k = 0; synonyms[g][k]; k++) {
			double s = 0.9 * score_term(synonyms[g][k], t);
			if (s > best)
				best = s;
		}
	}
	free(q);
	free(t);
	return best;
}

/* The clause of TASK around byte OFFSET: between the delimiters ，。；. */
static char *
clause_at(const char *task, size_t offset)
{
	static const char *const delims[] = { "，", "。", "；", ";", "," };
	size_t a = 0, b = strlen(task);

	for (size_t d = 0; d < NELEM(delims); d++) {
		const char *p = task;
		size_t l = strlen(delims[d]);
		while ((p = strstr(p, delims[d]))) {
			size_t at = (size_t)(p - task);
			if (at + l <= offset && at + l > a)
				a = at + l;
			if (at >= offset && at < b)
				b = at;
			p += l;
		}
	}
	return xstrndup(task + a, b - a);
}

static int
passes(const struct query_opts *o, const struct item *it, const struct target *t)
{
	if (!corpus_set_matches(it->set, o->set, o->year, o->jurisdiction))
		return 0;
	if (o->unit && strcmp(o->unit, t->unit) != 0)
		return 0;
	return 1;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct query_hit *x = a, *y = b;
	const void *gx = x->series ? (const void *)x->series : (const void *)x->item;
	const void *gy = y->series ? (const void *)y->series : (const void *)y->item;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (gx != gy) {
		/* Groups in a stable order: by their first set and item. */
		const struct item *ix = x->series ? x->series->m[0].item : x->item;
		const struct item *iy = y->series ? y->series->m[0].item : y->item;
		int r = strcmp(ix->set->id, iy->set->id);
		if (r)
			return r;
		if (ix != iy)
			return ix < iy ? -1 : 1; /* one set's array */
		/* The item's targets in no series before a series that starts with it; two
		 * series in the match's array.  (An item and a series are apart in memory:
		 * their addresses say nothing.) */
		if (!x->series != !y->series)
			return x->series ? 1 : -1;
		return gx < gy ? -1 : 1;
	}
	if (x->item->set->year != y->item->set->year)
		return x->item->set->year - y->item->set->year;
	if ((x->item->set->up != NULL) != (y->item->set->up != NULL))
		return x->item->set->up ? 1 : -1;
	{
		int r = strcmp(x->item->set->id, y->item->set->id);
		return r ? r : x->t - y->t;
	}
}

/* The hits found so far. */
struct hits {
	struct query_hit *v;
	size_t n, cap;
};

static void
add_hit(struct hits *h, const struct item *it, int t, const struct series *s, double score)
{
	xgrow(&h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n].item = it;
	h->v[h->n].t = t;
	h->v[h->n].series = s;
	h->v[h->n].score = score;
	h->v[h->n].pct_change = NAN;
	h->v[h->n].series_change = NAN;
	h->n++;
}

/* How well target T of IT answers QUESTION: its metric, its clause (a little less) or
 * its item's name (less again). */
static double
target_score(const char *question, const struct item *it, const struct target *tg)
{
	char *cl = clause_at(it->task, tg->offset);
	double sm = query_score(question, tg->metric);
	double sc = 0.8 * query_score(question, cl);
	double sn = 0.6 * query_score(question, it->name);
	double s = sm > sc ? sm : sc;

	free(cl);
	return s > sn ? s : sn;
}

/* Every target that answers QUESTION well enough (all of them when it is empty). */
static void
score_targets(struct hits *h, const struct corpus *c, const struct match *m,
              const char *question)
{
	int all = !question || !*question;

	for (size_t i = 0; i < c->nsets; i++)
		for (size_t k = 0; k < c->sets[i].nitems; k++) {
			const struct item *it = &c->sets[i].items[k];
			for (size_t t = 0; t < it->targets.n; t++) {
				double s = all ? 1 : target_score(question, it, &it->targets.v[t]);
				if (s >= 0.4)
					add_hit(h, it, (int)t, match_series_of(m, it, (int)t), s);
			}
		}
}

/* The change of hit Q from its jurisdiction's member of the nearest year before, in its
 * series; NAN for the first year (the base shows no change). */
static double
change_from_before(const struct query_hit *q)
{
	const struct series_member *prev = NULL;
	const struct set *s = q->item->set;

	for (size_t k = 0; q->series && k < q->series->n; k++) {
		const struct series_member *m = &q->series->m[k];
		const struct set *ms = m->item->set;
		if (strcmp(ms->jurisdiction, s->jurisdiction) == 0 && ms->year < s->year &&
		    (!prev || ms->year > prev->item->set->year))
			prev = m;
	}
	if (!prev)
		return NAN;
	return stats_pct_change(prev->item->targets.v[prev->t].value,
	                        q->item->targets.v[q->t].value);
}

/* The other members of the series hit, at the series' score; every member then scores
 * as the series' best, and carries its jurisdiction's change of the series. */
static void
series_members(struct hits *h, const struct growth_row *gr, size_t ngr)
{
	for (size_t i = 0, n0 = h->n; i < n0; i++) {
		const struct series *s = h->v[i].series;
		for (size_t k = 0; s && k < s->n; k++) {
			size_t j;
			for (j = 0; j < h->n; j++)
				if (h->v[j].item == s->m[k].item && h->v[j].t == s->m[k].t)
					break;
			if (j == h->n)
				add_hit(h, s->m[k].item, s->m[k].t, s, h->v[i].score);
			else if (h->v[j].score < h->v[i].score)
				h->v[j].score = h->v[i].score;
		}
	}
	for (size_t i = 0; i < h->n; i++) {
		struct query_hit *q = &h->v[i];
		for (size_t j = 0; q->series && j < h->n; j++)
			if (h->v[j].series == q->series && h->v[j].score > q->score)
				q->score = h->v[j].score;
		for (size_t g = 0; q->series && g < ngr; g++)
			if (gr[g].s == q->series &&
			    strcmp(gr[g].jurisdiction, q->item->set->jurisdiction) == 0)
				q->series_change = gr[g].g.pct_change;
		q->pct_change = change_from_before(q);
	}
}

size_t
query_run(const struct corpus *c, const struct match *m, const char *question,
          const struct query_opts *o, struct query_hit **hits)
{
	struct hits h = { 0 };
	struct growth_row *gr;
	size_t ngr = stats_series_growth(m, &gr), w = 0;

	score_targets(&h, c, m, question);
	series_members(&h, gr, ngr);
	/* Filters last, so that the score of a series does not depend on them. */
	for (size_t i = 0; i < h.n; i++) {
		const struct query_hit *q = &h.v[i];
		if (!passes(o, q->item, &q->item->targets.v[q->t]))
			continue;
		if (o->has_min_change && (isnan(q->series_change) || q->series_change < o->min_change))
			continue;
		h.v[w++] = *q;
	}
	if (w)
		qsort(h.v, w, sizeof *h.v, cmp_hit);
	free(gr);
	*hits = h.v;
	return w;
}

/* Cut the N bytes at P out of its string. */
static void
cut(char *p, size_t n)
{
	memmove(p, p + n, strlen(p + n) + 1);
}

/* A year written in S (2026, 2026年) standing alone; cut out of S.  0 when none, or when
 * S names two years (a question about both does not narrow). */
static int
narrow_year(char *s)
{
	int year = 0, n = 0;

	for (char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		size_t d = strspn(p, "0123456789");
		if (d == 4 && (strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0)) {
			int y = atoi(p);
			size_t len = d + (strncmp(p + d, "年", strlen("年")) == 0 ? strlen("年") : 0);
			if (n++ == 0)
				year = y;
			else if (y != year)
				year = -1;
			cut(p, len);
			p--;
		}
	}
	return year > 0 ? year : 0;
}

/* A place name without its last character when that is a level (渝北区 → 渝北). */
static char *
short_name(const char *name)
{
	static const char *const levels[] = { "区", "市", "县", "省" };
	size_t n = strlen(name);

	for (size_t i = 0; i < NELEM(levels); i++) {
		size_t l = strlen(levels[i]);
		if (n > l + 3 && strcmp(name + n - l, levels[i]) == 0)
			return xstrndup(name, n - l);
	}
	return NULL;
}

/* Find WORD in S (ASCII case folded), cut it out; 1 when found. */
static int
take_word(char *s, const char *word)
{
	size_t n = strlen(word);

	if (!n)
		return 0;
	for (char *p = s; *p; p++)
		if (strncasecmp(p, word, n) == 0) {
			cut(p, n);
			return 1;
		}
	return 0;
}

/* A name of a place to look for in a question, and the jurisdiction it names. */
struct place_name {
	char *text;
	const char *jurisdiction;
};

static int
cmp_longer(const void *a, const void *b)
{
	const struct place_name *x = a, *y = b;
	size_t lx = strlen(x->text), ly = strlen(y->text);
	return lx != ly ? (lx > ly ? -1 : 1) : strcmp(x->text, y->text);
}

/* A place named in S: a jurisdiction's name, its short name (渝北), the
 * slug of its set ids (yubei); the longest that S holds, so that 重庆高新区 is not 重庆. */
static void
narrow_place(const struct corpus *c, char *s, struct query_narrowed *q)
{
	struct place_name *v = xcalloc(3 * c->nsets + 1, sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < c->nsets; i++) {
		const struct set *st = &c->sets[i];
		const char *dash = strrchr(st->id, '-');
		char *shortn = short_name(st->jurisdiction);
		v[n++] = (struct place_name){ xstrdup(st->jurisdiction), st->jurisdiction };
		if (shortn)
			v[n++] = (struct place_name){ shortn, st->jurisdiction };
		if (dash && dash - st->id >= 3)
			v[n++] = (struct place_name){ xstrndup(st->id, (size_t)(dash - st->id)),
				                      st->jurisdiction };
	}
	qsort(v, n, sizeof *v, cmp_longer);
	for (size_t i = 0; i < n && !q->jurisdiction; i++)
		if (take_word(s, v[i].text))
			q->jurisdiction = v[i].jurisdiction;
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

/* The words that joined what was cut out (渝北区的托位, 2026年的托育): 的 and spaces at
 * either end. */
static void
trim_joins(char *s)
{
	size_t l = strlen("的"), n;
	int again = 1;

	while (again) {
		again = 0;
		while (*s == ' ') {
			cut(s, 1);
			again = 1;
		}
		if (strncmp(s, "的", l) == 0) {
			cut(s, l);
			again = 1;
		}
		n = strlen(s);
		while (n && s[n - 1] == ' ') {
			s[--n] = '\0';
			again = 1;
		}
		if (n >= l && strcmp(s + n - l, "的") == 0) {
			s[n - l] = '\0';
			again = 1;
		}
	}
}

void
query_narrow(const struct corpus *c, const char *question, struct query_narrowed *q)
{
	char *s = xstrdup(question ? question : "");

	memset(q, 0, sizeof q[0]);
	/* Set ids first: the year in cq-2025 is part of the id. */
	for (size_t i = 0; i < c->nsets && !q->set; i++)
		if (take_word(s, c->sets[i].id))
			q->set = c->sets[i].id;
	q->year = narrow_year(s);
	narrow_place(c, s, q);
	trim_joins(s);
	q->rest = s;
}

size_t
query_keep(struct query_hit *hits, size_t n, const struct query_narrowed *q)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		if (corpus_set_matches(hits[i].item->set, q->set, q->year, q->jurisdiction))
			hits[w++] = hits[i];
	return w;
}
