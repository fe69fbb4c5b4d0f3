/*
 * Layout "paras": a list without numbers or bullets — one item a line or a paragraph,
 * after a line that introduces it (这八件民生实事项目是：, 十大民生实事项目) or under
 * numbered headings that name sectors (一    生态环境), or a run of lines that print each
 * item as `名称。任务`.  The list ends where the page's chrome or prose starts again.
 */
#include "ingest/layout.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/list.h"
#include "base/text.h"

/* Words that open prose after a list (据悉，…), not an item. */
static const char *const prose_openers[] = {
	"据悉", "据了解", "据介绍", "此外", "下一步", "民生无小事", "近年来", "为了", "为保证",
	"为确保", "记者", "文/", "来源", "会议", "会上", "大会", "今后", "同时", "另外", "目前",
	"截至", "其中", "总之", "接下来", "下面", "以上", "上述", "这些", "这", "该",
};

static int
opens_prose(const char *key)
{
	for (size_t i = 0; i < NELEM(prose_openers); i++)
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
	for (size_t i = 0; i < NELEM(words); i++)
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
	size_t *lines;          /* the items' first lines */
	size_t *head;           /* for each item, the heading line above it, or (size_t)-1 */
	size_t n;
	int how;                /* 'i' after an intro, 'h' under headings, 'l' name leads,
	                         * 'p' name lines over paragraphs */
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

/* How project names end: a name line above its paragraph says what is built or done. */
static const char *const name_ends[] = {
	"项目", "工程", "行动", "计划", "服务", "建设", "改造", "提升", "实事", "中心", "工作",
	"活动", "体系", "整治", "治理", "保障", "扩容", "提质", "项目）", "工程）", "項目", "工程",
};

static int
names_project(const char *key)
{
	for (size_t i = 0; i < NELEM(name_ends); i++)
		if (ends_with(key, name_ends[i]))
			return 1;
	return 0;
}

/* A name line: short, no clause in it, not a label, a number or prose. */
static int
is_name_line(const struct dline *l)
{
	size_t w = text_width(l->key);

	return item_like(l) && w >= 4 && w <= 40 && !has_clause_marks(l->key);
}

/* A paragraph: a clause or two at least. */
static int
is_paragraph(const struct dline *l)
{
	return !l->table && !l->chrome && has_clause_marks(l->key) && text_width(l->key) > 30;
}

/*
 * Unnumbered name lines each over its task paragraph (开放式老旧小区暖心项目 / 开放式老旧
 * 小区公共部位照明…).  Most names must read as projects (…项目, …工程), so that a news
 * page's subheadings over its paragraphs (活动目的, 参与方式) are not taken for items.
 */
static void
block_pairs(const struct doc *d, struct block *b)
{
	size_t cap = 0, projects = 0;
	size_t i = 0;

	memset(b, 0, sizeof *b);
	b->how = 'p';
	while (i < d->nlines) {
		size_t j, paras = 0;
		if (!is_name_line(&d->lines[i])) {
			if (b->n && *d->lines[i].key && !is_paragraph(&d->lines[i]))
				break;          /* the pairs ended */
			i++;
			continue;
		}
		for (j = i + 1; j < d->nlines; j++) {
			if (!*d->lines[j].key)
				continue;
			if (!is_paragraph(&d->lines[j]))
				break;
			paras++;
		}
		if (paras == 0) {
			if (b->n)
				break;
			i++;
			continue;
		}
		if (b->n == 0)
			b->intro = i ? i - 1 : 0;
		block_add(b, &cap, i, (size_t)-1);
		projects += names_project(d->lines[i].key);
		i = j;
	}
	if (b->n < 2 || projects * 2 < b->n)
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

/* An intro's key without its digits: 2026年实施民生实事项目8项 and …5项 are one shape. */
static char *
shape(const char *key)
{
	struct sb sb = SB_INIT;

	for (; *key; key++)
		if (!isdigit((unsigned char)*key))
			sb_addc(&sb, *key);
	return sb_detach(&sb);
}

/* The heading a list stands under: the nearest short line above its intro, past the
 * blank lines and the issuing office (新城区 / 新城区人民政府 / 2026年实施…8项). */
static size_t
heading_above(const struct doc *d, size_t intro)
{
	for (size_t i = intro, seen = 0; i-- > 0 && seen < 4;) {
		const struct dline *l = &d->lines[i];
		if (!*l->key)
			continue;
		seen++;
		if (text_width(l->key) <= 20 && !has_clause_marks(l->key) && !l->table &&
		    !(l->chrome && (ends_with(l->key, "人民政府") || ends_with(l->key, "办公室"))))
			return i;
		if (!l->chrome)
			break;
	}
	return (size_t)-1;
}

/*
 * Several lists, each after an intro of one shape (a city's districts one after
 * another: 新城区 … 2026年实施民生实事项目8项 …, 回民区 … 5项 …): all of them, each
 * under the heading above its intro.  Returns 1 when there are two such lists or more.
 */
static int
block_many(const struct doc *d, struct block *out)
{
	struct cand {
		size_t intro;
		char *shape;
		struct block b;
	} *c = NULL;
	size_t nc = 0, cap = 0, after = 0, lists = 0;
	const char *best = NULL;
	size_t best_items = 0;

	memset(out, 0, sizeof *out);
	out->how = 'i';
	/* Every intro with a list below it. */
	for (size_t i = 0; i < d->nlines; i++) {
		struct num n;
		struct block b;
		if (i < after || d->lines[i].table || !is_intro(d->lines[i].key) ||
		    num_parse(d->lines[i].text, &n))
			continue;
		block_from(d, i, &b);
		if (b.n < 2) {
			block_free(&b);
			continue;
		}
		xgrow(&c, &cap, nc + 1, sizeof *c);
		c[nc].intro = i;
		c[nc].shape = shape(d->lines[i].key);
		c[nc].b = b;
		after = b.lines[b.n - 1] + 1;
		nc++;
	}
	/* The shape most lists share (by their items). */
	for (size_t k = 0; k < nc; k++) {
		size_t items = 0, count = 0;
		for (size_t j = 0; j < nc; j++)
			if (strcmp(c[j].shape, c[k].shape) == 0) {
				items += c[j].b.n;
				count++;
			}
		if (count >= 2 && items > best_items) {
			best = c[k].shape;
			best_items = items;
		}
	}
	for (size_t k = 0; best && k < nc; k++) {
		size_t head, stop = (size_t)-1, cap2 = out->n;
		if (strcmp(c[k].shape, best) != 0)
			continue;
		/* A list ends where the heading of the next one stands. */
		for (size_t j = k + 1; j < nc; j++)
			if (strcmp(c[j].shape, best) == 0) {
				stop = heading_above(d, c[j].intro);
				if (stop == (size_t)-1)
					stop = c[j].intro;
				break;
			}
		head = heading_above(d, c[k].intro);
		if (!lists++)
			out->intro = c[k].intro;
		for (size_t m = 0; m < c[k].b.n && c[k].b.lines[m] < stop; m++)
			block_add(out, &cap2, c[k].b.lines[m], head);
		(void)cap2;
	}
	for (size_t k = 0; k < nc; k++) {
		free(c[k].shape);
		block_free(&c[k].b);
	}
	free(c);
	if (lists < 2)
		block_free(out);
	return lists >= 2;
}

/* The best block of the doc: the longest after an intro (or the lists after intros of
 * one shape), or under headings, or of name leads, or name lines over paragraphs. */
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
	if (block_many(d, &b) && b.n > best->n) {
		block_free(best);
		*best = b;
	} else
		block_free(&b);
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
	block_pairs(d, &b);
	/* Name lines over paragraphs are items even when there are only two, and they win
	 * over a block that took the same lines one item a line (a name line reads as an
	 * intro too). */
	if (b.n > best->n || (b.n >= 2 && best->n < 3) ||
	    (b.n >= 2 && best->n && b.lines[0] >= best->intro &&
	     b.lines[0] <= best->lines[best->n - 1])) {
		block_free(best);
		*best = b;
	} else
		block_free(&b);
	return best->n >= 3 || (best->how == 'p' && best->n >= 2);
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
		else if (b.how == 'p')
			fit_why(f, "%zu name lines each over its paragraph from line %d", b.n,
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
	for (size_t k = 0, pos = 0; k < bl.n; k++) {
		/* Positions count within each list: several lists, each under its heading,
		 * number from 1 (and get their sections' letters, A1, B1 …). */
		pos = k > 0 && bl.head[k] != bl.head[k - 1] ? 1 : pos + 1;
		items[k].first = bl.lines[k];
		items[k].end = bl.lines[k] + 1;
		if (bl.how == 'p') {
			/* The name line and the paragraphs below it. */
			size_t e = bl.lines[k] + 1;
			while (e < d->nlines && (!*d->lines[e].key || is_paragraph(&d->lines[e])) &&
			       (k + 1 >= bl.n || e < bl.lines[k + 1]))
				e++;
			items[k].end = e;
		}
		items[k].seq = bl.how == 'i' ? (long)pos : (long)k + 1;
		if (bl.head[k] != (size_t)-1) {
			struct num n;
			char *t;
			if (!num_parse(d->lines[bl.head[k]].text, &n))
				n.len = 0;
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
