/*
 * Layout "paras": a list without numbers or bullets — one item a line or a paragraph,
 * after a line that introduces it (这八件民生实事项目是：, 十大民生实事项目) or under
 * numbered headings that name sectors (一    生态环境), or a run of lines that print each
 * item as `名称。任务`.  The list ends where the page's chrome or prose starts again.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "text.h"

/* Words that open prose after a list (据悉，…), not an item. */
static const char *const prose_openers[] = {
	"据悉", "据了解", "据介绍", "此外", "下一步", "民生无小事", "近年来", "为了", "为保证",
	"为确保", "记者", "文/", "来源", "会议", "会上", "大会", "今后", "同时", "另外", "目前",
	"截至", "其中", "总之", "接下来", "下面", "以上", "上述", "这些", "这", "该",
};

static int
opens_prose(const char *key)
{
	for (size_t i = 0; i < sizeof prose_openers / sizeof prose_openers[0]; i++)
		if (starts_with(key, prose_openers[i]))
			return 1;
	return 0;
}

/* A line that introduces a list: ends with a colon, or a short title naming one. */
static int
is_intro(const char *key)
{
	static const char *const words[] = { "项目", "实事", "工程", "清单", "如下", "包括",
		                             "分别", "为民", "是", "有", "為", "項目", "實事" };
	size_t w = text_width(key);
	int colon = ends_with(key, "：") || ends_with(key, ":");

	if (w == 0 || w > 160)
		return 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(key, words[i]))
			return colon || (w <= 40 && !has_clause_marks(key) && !opens_prose(key));
	return 0;
}

/* A note in brackets on a line of its own: (按得票多少排序). */
static int
is_aside(const char *key)
{
	return (starts_with(key, "(") || starts_with(key, "（")) &&
	       (ends_with(key, ")") || ends_with(key, "）")) && text_width(key) <= 40;
}

/* Can the line be an item of a plain list? */
static int
item_like(const struct dline *l)
{
	size_t w = text_width(l->key), lab;
	struct num n;

	return !l->table && w >= 4 && w <= 600 && !l->chrome && !opens_prose(l->key) &&
	       !list_is_decoration(l->key) && !is_aside(l->key) &&
	       !num_parse(l->text, &n) && list_label(l->text, &lab) == R_NONE;
}

struct block {
	size_t intro;           /* the doc line before the items */
	size_t *lines;          /* the items' lines */
	size_t *head;           /* for each item, the heading line above it, or (size_t)-1 */
	size_t n;
	int how;                /* 'i' after an intro, 'h' under headings, 'l' name leads */
};

static void
block_free(struct block *b)
{
	free(b->lines);
	free(b->head);
	b->lines = b->head = NULL;
	b->n = 0;
}

static void
block_add(struct block *b, size_t *cap, size_t line, size_t head)
{
	if (b->n + 1 > *cap) {
		*cap = *cap ? *cap * 2 : 16;
		b->lines = xrealloc(b->lines, *cap * sizeof *b->lines);
		b->head = xrealloc(b->head, *cap * sizeof *b->head);
	}
	b->lines[b->n] = line;
	b->head[b->n] = head;
	b->n++;
}

/* The items below the intro at I: item-like lines until chrome, prose or a long
 * paragraph that does not fit with the lines before it. */
static void
block_from(const struct doc *d, size_t i, struct block *b)
{
	size_t cap = 0, sumw = 0;

	memset(b, 0, sizeof *b);
	b->intro = i;
	b->how = 'i';
	for (size_t j = i + 1; j < d->nlines; j++) {
		const struct dline *l = &d->lines[j];
		size_t w;
		if (!*l->key || (b->n == 0 && is_aside(l->key)))
			continue;
		if (!item_like(l))
			break;
		w = text_width(l->key);
		/* A paragraph three times as long as the items so far is prose after them. */
		if (b->n >= 3 && w > 3 * (sumw / b->n) + 20)
			break;
		block_add(b, &cap, j, (size_t)-1);
		sumw += w;
	}
}

/* A sector heading: 一、生态环境, （二）重点道桥, 一    生态环境 — numbered, short, no
 * clause in it. */
static int
is_heading(const struct dline *l, long *value)
{
	struct num n;
	char *k;
	int yes;

	if (l->table || !num_parse(l->text, &n) || n.alone ||
	    (n.style != NUM_HAN && n.style != NUM_PHAN))
		return 0;
	k = text_key(l->text + n.len);
	yes = text_width(k) <= 30 && !has_clause_marks(k) && !strpbrk(k, "0123456789");
	free(k);
	*value = n.value;
	return yes;
}

/*
 * Items under sector headings: the headings count 一, 二, 三 …, and under each stand
 * two or more lines, each one item (a whole sentence), not one paragraph of a numbered
 * item.
 */
static void
block_headings(const struct doc *d, struct block *b)
{
	size_t cap = 0, heads = 0, ended = 0, head = (size_t)-1;
	long next = 1;

	memset(b, 0, sizeof *b);
	b->how = 'h';
	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		long v;
		if (is_heading(l, &v) && v == next) {
			if (heads == 0)
				b->intro = i;
			head = i;
			heads++;
			next++;
			continue;
		}
		if (head == (size_t)-1 || !*l->key)
			continue;
		if (!item_like(l)) {
			if (l->chrome || opens_prose(l->key))
				break;
			continue;
		}
		block_add(b, &cap, i, head);
		ended += ends_with(l->key, "。") || ends_with(l->key, "；") || ends_with(l->key, ";");
	}
	/* Two lines a heading at least, most of them whole sentences. */
	if (heads < 2 || b->n < 2 * heads || ended * 2 < b->n)
		block_free(b);
}

/* A run of lines printing items as 名称。任务 (or 名称：任务), with no intro above. */
static void
block_leads(const struct doc *d, struct block *b)
{
	struct block cur = { 0 };
	size_t cap = 0, miss = 0;

	memset(b, 0, sizeof *b);
	for (size_t i = 0; i <= d->nlines; i++) {
		const struct dline *l = i < d->nlines ? &d->lines[i] : NULL;
		if (l && !*l->key)
			continue;
		if (l && item_like(l) && list_has_lead(l->text)) {
			if (cur.n == 0)
				cur.intro = i ? i - 1 : 0;
			block_add(&cur, &cap, i, (size_t)-1);
			miss = 0;
			continue;
		}
		/* One line without a name lead may stand among them (a one-phrase item). */
		if (l && cur.n && item_like(l) && miss == 0) {
			miss = 1;
			block_add(&cur, &cap, i, (size_t)-1);
			continue;
		}
		if (miss && cur.n) {
			cur.n--;        /* the last line taken was not one of them */
			miss = 0;
		}
		if (cur.n > b->n) {
			block_free(b);
			*b = cur;
		} else
			block_free(&cur);
		memset(&cur, 0, sizeof cur);
		cap = 0;
	}
	block_free(&cur);
	b->how = 'l';
	if (b->n < 4)
		block_free(b);
}

/* The best block of the doc: the longest after an intro, or under headings, or of
 * name leads. */
static int
best_block(const struct doc *d, struct block *best)
{
	struct block b;

	memset(best, 0, sizeof *best);
	for (size_t i = 0; i < d->nlines; i++) {
		struct num n;
		if (d->lines[i].table || !is_intro(d->lines[i].key) || num_parse(d->lines[i].text, &n))
			continue;
		block_from(d, i, &b);
		if (b.n > best->n) {
			block_free(best);
			*best = b;
		} else
			block_free(&b);
	}
	block_headings(d, &b);
	if (b.n > best->n) {
		block_free(best);
		*best = b;
	} else
		block_free(&b);
	block_leads(d, &b);
	if (b.n > best->n) {
		block_free(best);
		*best = b;
	} else
		block_free(&b);
	return best->n >= 3;
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct block b;

	if (best_block(d, &b)) {
		f->score = 45 + (b.n >= 10 ? 20 : (int)b.n * 2);
		f->start = b.intro;
		if (b.how == 'h')
			fit_why(f, "%zu unnumbered lines under numbered headings from line %d", b.n,
			        d->lines[b.intro].no);
		else if (b.how == 'l')
			fit_why(f, "%zu lines printing '名称。任务' from line %d", b.n,
			        d->lines[b.lines[0]].no);
		else
			fit_why(f, "%zu unnumbered lines after '%s' (line %d)", b.n,
			        d->lines[b.intro].key, d->lines[b.intro].no);
	}
	block_free(&b);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct block bl;
	struct litem *items;
	int rc;

	(void)f;
	char **heads;

	best_block(d, &bl);
	items = xcalloc(bl.n + 1, sizeof *items);
	heads = xcalloc(bl.n + 1, sizeof *heads);
	for (size_t k = 0; k < bl.n; k++) {
		items[k].first = bl.lines[k];
		items[k].end = bl.lines[k] + 1;
		items[k].seq = (long)k + 1;
		if (bl.head[k] != (size_t)-1) {
			struct num n;
			char *t;
			num_parse(d->lines[bl.head[k]].text, &n);
			t = text_clean(d->lines[bl.head[k]].text + n.len);
			heads[k] = section_name(t);
			free(t);
			items[k].section = heads[k];
		}
	}
	rc = list_items(b, d, items, bl.n, cause);
	for (size_t k = 0; k < bl.n; k++)
		free(heads[k]);
	free(heads);
	free(items);
	block_free(&bl);
	return rc;
}

const struct layout layout_paras = {
	"paras", "a plain list: one item a line or paragraph after a line introducing it",
	detect, parse,
};
