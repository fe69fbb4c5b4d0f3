/*
 * Layout "bullets": one item a bullet (● ■ ◆ · • ▪ ▶ ★ ◇ ○ □ ※ ✓), a long bullet
 * hard-wrapped onto the next line (and often a blank line between: news pages).  Bullets
 * under numbered items are their sub-targets (layout "numbered"), not items.
 */
#include "ingest/layout.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/list.h"
#include "base/text.h"

static const char *const bullets[] = {
	"●", "■", "◆", "·", "•", "▪", "▶", "►", "★", "☆", "◇", "○", "□", "※", "✓", "√", "▲",
	"◎", "❖", "➢", "→", "☑", "☐", "✔", "✅", "✦", "◉", "▷", "◼", "⬤",
};
#define NBULLETS NELEM(bullets)

/* The bullet a line starts with (index), or -1. */
static int
bullet_of(const char *text)
{
	const char *p = text;

	while (*p == ' ' || *p == '\t' || starts_with(p, "\xE3\x80\x80"))
		p += *p == ' ' || *p == '\t' ? 1 : 3;
	for (size_t i = 0; i < NBULLETS; i++)
		if (starts_with(p, bullets[i]))
			return (int)i;
	return -1;
}

struct plan {
	int bullet;             /* the list's bullet */
	size_t *line;           /* the bullet lines */
	size_t n;
	size_t numbered;        /* numbered lines among them: the bullets are sub-targets */
};

static int
plan_make(const struct doc *d, struct plan *p)
{
	size_t count[NBULLETS] = { 0 }, cap = 0, ncand = 0, first = (size_t)-1, last = 0;
	size_t *cand = NULL;
	int *which = NULL;

	memset(p, 0, sizeof *p);
	p->bullet = -1;
	/* The bulleted lines, but a bullet with a page's chrome after it (• 发布日期). */
	for (size_t i = 0; i < d->nlines; i++) {
		int b;
		if (d->lines[i].table || (b = bullet_of(d->lines[i].text)) < 0 ||
		    is_chrome(d->lines[i].key + list_marker_len(d->lines[i].key)))
			continue;
		xgrow(&cand, &cap, ncand + 1, sizeof *cand);
		which = xrealloc(which, cap * sizeof *which);
		cand[ncand] = i;
		which[ncand++] = b;
		count[b]++;
	}
	for (size_t b = 0; b < NBULLETS; b++)
		if (count[b] >= 3 && (p->bullet < 0 || count[b] > count[p->bullet]))
			p->bullet = (int)b;
	if (p->bullet >= 0) {
		p->line = xcalloc(count[p->bullet], sizeof *p->line);
		for (size_t k = 0; k < ncand; k++)
			if (which[k] == p->bullet) {
				p->line[p->n++] = cand[k];
				if (first == (size_t)-1)
					first = cand[k];
				last = cand[k];
			}
		for (size_t i = first; i <= last; i++) {
			struct num n;
			if (!d->lines[i].table && num_parse(d->lines[i].text, &n))
				p->numbered++;
		}
	}
	free(cand);
	free(which);
	return p->bullet >= 0;
}

static int
ends_sentence(const char *key)
{
	return ends_with(key, "。") || ends_with(key, "；") || ends_with(key, ";") ||
	       ends_with(key, "！");
}

/* Where the item of the bullet at FIRST ends: at the next bullet, or after the lines
 * that continue a hard-wrapped bullet. */
static size_t
item_end(const struct doc *d, size_t first, size_t next)
{
	size_t w0 = text_width(d->lines[first].key), i;
	const char *prev = d->lines[first].key;

	for (i = first + 1; i < next; i++) {
		const struct dline *l = &d->lines[i];
		struct num n;
		if (!*l->key)
			continue;
		if (l->chrome || is_table_end(l->key) || num_parse(l->text, &n) ||
		    bullet_of(l->text) >= 0 || ends_sentence(prev) ||
		    text_width(l->key) > w0 + 4)
			break;
		prev = l->key;
	}
	return i;
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct plan p;

	if (!plan_make(d, &p))
		return;
	f->score = 55 + (p.n >= 10 ? 20 : (int)p.n * 2);
	if (p.numbered >= 2) {
		f->score = 35;  /* sub-targets of numbered items */
		fit_why(f, "%zu lines with '%s', but among %zu numbered lines", p.n,
		        bullets[p.bullet], p.numbered);
	} else
		fit_why(f, "%zu lines starting with '%s' from line %d", p.n, bullets[p.bullet],
		        d->lines[p.line[0]].no);
	f->start = p.line[0];
	free(p.line);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct plan p;
	struct litem *items;
	int rc;

	(void)f;
	plan_make(d, &p);
	items = xcalloc(p.n + 1, sizeof *items);
	for (size_t k = 0; k < p.n; k++) {
		size_t next = k + 1 < p.n ? p.line[k + 1] : d->nlines;
		items[k].first = p.line[k];
		items[k].end = item_end(d, p.line[k], next);
		items[k].skip = list_marker_len(d->lines[p.line[k]].text);
		items[k].seq = (long)k + 1;
	}
	rc = list_items(b, d, items, p.n, cause);
	free(items);
	free(p.line);
	return rc;
}

const struct layout layout_bullets = {
	"bullets", "a bulleted list (● ■ ◆ · • ▶ ★), long bullets wrapped onto the next line",
	detect, parse,
};
