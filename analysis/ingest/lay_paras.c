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

	return !l->table && w >= 4 && w <= 600 && !is_chrome(l->key) && !opens_prose(l->key) &&
	       !list_is_decoration(l->key) && !is_aside(l->key) &&
	       !num_parse(l->text, &n) && list_label(l->text, &lab) == R_NONE;
}

struct block {
	size_t intro;           /* the doc line before the items */
	size_t *lines;          /* the items' lines */
	size_t n;
};

/* The items below the intro at I: item-like lines until chrome, prose or a long
 * paragraph that does not fit with the lines before it. */
static void
block_from(const struct doc *d, size_t i, struct block *b)
{
	size_t cap = 0, sumw = 0;

	b->intro = i;
	b->lines = NULL;
	b->n = 0;
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
		xgrow(&b->lines, &cap, b->n + 1, sizeof *b->lines);
		b->lines[b->n++] = j;
		sumw += w;
	}
}

/* The best block of the doc: the longest after an intro. */
static int
best_block(const struct doc *d, struct block *best)
{
	memset(best, 0, sizeof *best);
	for (size_t i = 0; i < d->nlines; i++) {
		struct block b;
		struct num n;
		if (d->lines[i].table || !is_intro(d->lines[i].key) || num_parse(d->lines[i].text, &n))
			continue;
		block_from(d, i, &b);
		if (b.n > best->n) {
			free(best->lines);
			*best = b;
		} else
			free(b.lines);
	}
	return best->n >= 3;
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct block b;

	if (best_block(d, &b)) {
		f->score = 45 + (b.n >= 10 ? 20 : (int)b.n * 2);
		f->start = b.intro;
		fit_why(f, "%zu unnumbered lines after '%s' (line %d)", b.n, d->lines[b.intro].key,
		        d->lines[b.intro].no);
	}
	free(b.lines);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct block bl;
	struct litem *items;
	int rc;

	(void)f;
	best_block(d, &bl);
	items = xcalloc(bl.n + 1, sizeof *items);
	for (size_t k = 0; k < bl.n; k++) {
		items[k].first = bl.lines[k];
		items[k].end = bl.lines[k] + 1;
		items[k].seq = (long)k + 1;
	}
	rc = list_items(b, d, items, bl.n, cause);
	free(items);
	free(bl.lines);
	return rc;
}

const struct layout layout_paras = {
	"paras", "a plain list: one item a line or paragraph after a line introducing it",
	detect, parse,
};
