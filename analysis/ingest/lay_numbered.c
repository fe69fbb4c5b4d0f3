/*
 * Layout "numbered": a list whose items are numbered — 1. 1、 1。 （1） (1) 01, a number
 * alone on its line, 一、 （一） 一是 第一项 ① — under headings numbered a level up
 * (（一）老有所享 above 1.…, or 一、实事项目 above （一）…).
 *
 * The levels follow the convention of Chinese official documents: 一、 above （一）
 * above 1. above （1） above ① (一是 lowest).  For each style the longest run of numbers
 * that counts up (restarting at 1 under a new heading) is found; the items are the
 * highest level whose lines carry content (a target, a clause), or the deepest level
 * where none does; levels above are section headings, levels below stay inside items.
 */
#include "ingest/layout.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/list.h"
#include "base/text.h"

static const int ranks[NUM_NSTYLES] = {
	[NUM_HAN] = 1, [NUM_PHAN] = 2, [NUM_ARABIC] = 3, [NUM_DI] = 3, [NUM_PARABIC] = 4,
	[NUM_CIRCLED] = 5, [NUM_SHI] = 6, [NUM_ZHI] = 3,
};

struct cand {
	size_t idx;             /* doc line */
	struct num num;
	int content;            /* the line carries content, not a heading */
};

struct plan {
	struct cand *c;
	size_t nc;
	enum numstyle style;    /* of the items */
	unsigned char *item;    /* per candidate: 1 when it starts an item */
	size_t nitems;
	int heading_bodies;     /* items are headings over lines that are items themselves */
};

/* Does the text after the number carry content rather than name a heading? */
static int
is_content(const struct dline *l, const struct num *n)
{
	char *k;
	int yes;

	if (n->alone)
		return 1;
	{
		char *t = text_key(l->text + n->len);
		k = section_name(t);     /* a count in brackets (8项) is no content */
		free(t);
	}
	yes = text_width(k) > 30 || strpbrk(k, "0123456789") || has_clause_marks(k);
	free(k);
	return yes;
}

static size_t
candidates(const struct doc *d, struct cand **out)
{
	struct cand *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		struct num num;
		if (l->table || !*l->key ||
		    !(num_parse(l->text, &num) || num_trailing(l->text, &num)))
			continue;
		/* A row of a table in text (1 | 甲 | 市局 |, 1\t甲\t市局) is no list item. */
		if (strchr(strchr(l->text, '|') ? strchr(l->text, '|') + 1 : "", '|') ||
		    strchr(strchr(l->text, '\t') ? strchr(l->text, '\t') + 1 : "", '\t'))
			continue;
		/* Page numbers and counters are no items: "— 4 —", "(45)" by a share button. */
		if (is_page_number(l->key) || (num.alone && num.style == NUM_PARABIC && num.value > 30))
			continue;
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n].idx = i;
		v[n].num = num;
		v[n].content = is_content(l, &num);
		n++;
	}
	*out = v;
	return n;
}

/*
 * The longest run of STYLE's numbers counting up from 1, restarting at 1 only under a
 * new heading of a higher level (Yubei numbers each section from 1).  Marks its
 * candidates in MARK; returns its length.
 */
static size_t
run_of(const struct cand *c, size_t nc, enum numstyle style, unsigned char *mark)
{
	unsigned char *cur = xcalloc(nc + 1, 1);
	size_t best = 0, len = 0;
	long last = 0;
	int higher = 0;

	memset(mark, 0, nc);
	for (size_t i = 0; i <= nc; i++) {
		int end = i == nc, take = 0;
		if (!end && ranks[c[i].num.style] < ranks[style]) {
			higher = 1;
			continue;
		}
		if (!end && c[i].num.style != style)
			continue;
		if (!end) {
			long v = c[i].num.value;
			take = v == last + 1 || (v == 1 && last > 0 && higher);
			if (!take && v == 1) {
				end = 1;        /* a new list: close this run, start another */
			}
		}
		if (end) {
			if (len > best) {
				best = len;
				memcpy(mark, cur, nc);
			}
			memset(cur, 0, nc);
			len = 0;
			last = 0;
			if (i == nc)
				break;
			take = c[i].num.value == 1;
		}
		if (take) {
			cur[i] = 1;
			len++;
			last = c[i].num.value;
			higher = 0;
		}
	}
	free(cur);
	return best;
}

/* Choose the item level; returns 0 when no style has a run of two. */
static int
plan_make(const struct doc *d, struct plan *p)
{
	unsigned char *mark;
	int found = 0;

	memset(p, 0, sizeof *p);
	p->nc = candidates(d, &p->c);
	if (p->nc < 2)
		return 0;
	mark = xcalloc(p->nc, 1);
	p->item = xcalloc(p->nc, 1);
	/* Styles from the highest level down. */
	for (int rank = 1; rank <= 6; rank++) {
		for (int s = NUM_HAN; s < NUM_NSTYLES; s++) {
			size_t len, content = 0;
			if (ranks[s] != rank)
				continue;
			if ((len = run_of(p->c, p->nc, (enum numstyle)s, mark)) < 2)
				continue;
			for (size_t i = 0; i < p->nc; i++)
				content += mark[i] && p->c[i].content;
			/* The highest level with content wins; without content, the deepest
			 * (with as many items as the level above it). */
			if (!found || content * 2 >= len || len >= p->nitems) {
				int stop = content * 2 >= len;
				p->style = (enum numstyle)s;
				p->nitems = len;
				memcpy(p->item, mark, p->nc);
				p->heading_bodies = !stop;
				found = 1;
				if (stop)
					goto done;
			}
		}
	}
done:
	free(mark);
	return found;
}

static void
plan_release(struct plan *p)
{
	free(p->c);
	free(p->item);
}

/* Lines that close a list: its end (附件, 抄送), a page's chrome. */
static int
ends_list(const struct dline *l)
{
	return is_table_end(l->key) || (l->chrome && !num_parse(l->text, &(struct num){ 0 }));
}

static int
ends_sentence(const char *key)
{
	return ends_with(key, "。") || ends_with(key, "；") || ends_with(key, ";") ||
	       ends_with(key, "！");
}

/*
 * Where the last item ends: it takes the lines below it while they continue it — a
 * hard-wrapped line, a labelled field, a sub-point — and stops at prose that follows the
 * list (a closing paragraph, a by-line).
 */
static size_t
last_end(const struct doc *d, size_t first, size_t limit, const struct num *num)
{
	size_t i, lastw = 0, maxw = 0;
	int body = num->alone;
	const char *prev = d->lines[first].key;

	{
		char *k = text_key(d->lines[first].text + num->len);
		maxw = text_width(k);
		/* A name line above its task: the body is the item. */
		body |= *k && maxw <= 60 && !has_clause_marks(k);
		free(k);
	}
	lastw = maxw;
	for (i = first + 1; i < limit; i++) {
		const struct dline *l = &d->lines[i];
		size_t w;
		if (!*l->key)
			continue;
		if (ends_list(l))
			break;
		w = text_width(l->key);
		if (!ends_sentence(prev) && lastw > 0 && w <= maxw + 4) {
			/* A wrapped line. */
		} else if (list_marker_len(l->text) > 0) {
			/* A sub-point. */
		} else if (body && w <= 400) {
			body = 2;       /* the item's body: one paragraph or line after another */
		} else {
			break;
		}
		if (body == 2 && ends_sentence(l->key) && w > 2 * maxw + 40 && maxw > 0)
			body = 0;       /* one long paragraph taken: no more */
		prev = l->key;
		lastw = w;
		if (w > maxw)
			maxw = w;
	}
	return i;
}

/* The heading text of a candidate: after its number, without a count. */
static char *
heading_text(const struct doc *d, const struct cand *c)
{
	char *k = text_clean(d->lines[c->idx].text + c->num.len);
	char *s = section_name(k);
	free(k);
	return s;
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct plan p;

	if (!plan_make(d, &p)) {
		if (p.nc)
			fit_problem(f, d->lines[p.c[0].idx].no, 10,
			            "numbered line, but no run of item numbers 1, 2, 3 …");
		plan_release(&p);
		return;
	}
	f->score = 50 + (p.nitems >= 8 ? 25 : (int)p.nitems * 3);
	if (p.heading_bodies) {
		/* Numbered headings with whole lines below each: a plain list under headings
		 * may read it better (layout "paras"). */
		f->score -= 15;
	}
	for (size_t i = 0; i < p.nc; i++)
		if (p.item[i]) {
			f->start = p.c[i].idx;
			break;
		}
	/* The list starts at the first heading above its first item. */
	for (size_t i = 0; i < p.nc && p.c[i].idx < f->start; i++)
		if (ranks[p.c[i].num.style] < ranks[p.style]) {
			f->start = p.c[i].idx;
			break;
		}
	{
		/* Show the style as printed on the first item. */
		for (size_t i = 0; i < p.nc; i++)
			if (p.item[i]) {
				const char *t = d->lines[p.c[i].idx].text;
				char *k = xstrndup(t, p.c[i].num.len);
				char *c = text_clean(k);
				fit_why(f, "%zu items numbered like '%s' from line %d", p.nitems, c,
				        d->lines[p.c[i].idx].no);
				free(k);
				free(c);
				break;
			}
	}
	plan_release(&p);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct plan p;
	struct litem *items;
	char *stack[8] = { 0 };         /* the current heading of each level (in heads) */
	char **heads;                   /* every heading's text, owned */
	size_t n = 0, nheads = 0;
	int rc;

	(void)f;
	plan_make(d, &p);
	items = xcalloc(p.nitems + 1, sizeof *items);
	heads = xcalloc(p.nc + 1, sizeof *heads);
	for (size_t i = 0; i < p.nc; i++) {
		const struct cand *c = &p.c[i];
		int r = ranks[c->num.style];
		if (r < ranks[p.style] && !p.item[i]) {
			/* A heading: it replaces its level and clears the levels below. */
			for (int k = r; k < 8; k++)
				stack[k] = NULL;
			stack[r] = heads[nheads++] = heading_text(d, c);
			if (n)
				items[n - 1].end = items[n - 1].end > c->idx ? c->idx : items[n - 1].end;
			continue;
		}
		if (!p.item[i])
			continue;
		if (n)
			items[n - 1].end = items[n - 1].end > c->idx ? c->idx : items[n - 1].end;
		items[n].first = c->idx;
		items[n].end = d->nlines;
		items[n].skip = c->num.len;
		items[n].seq = c->num.value;
		items[n].section = NULL;
		for (int k = 7; k > 0; k--)
			if (stack[k] && k < ranks[p.style]) {
				items[n].section = stack[k];
				break;
			}
		n++;
	}
	/* Inner items end at chrome or a table's end too; the last one where prose starts. */
	for (size_t k = 0; k < n; k++) {
		for (size_t i = items[k].first + 1; i < items[k].end; i++)
			if (ends_list(&d->lines[i])) {
				items[k].end = i;
				break;
			}
	}
	if (n) {
		struct num num;
		num_parse(d->lines[items[n - 1].first].text, &num);
		items[n - 1].end = last_end(d, items[n - 1].first, items[n - 1].end, &num);
	}
	rc = list_items(b, d, items, n, cause);
	for (size_t k = 0; k < nheads; k++)
		free(heads[k]);
	free(heads);
	free(items);
	plan_release(&p);
	return rc;
}

const struct layout layout_numbered = {
	"numbered", "a numbered list (1. 1、 （1） 01 一、 （一） 一是 第一项 ①) under numbered headings",
	detect, parse,
};
