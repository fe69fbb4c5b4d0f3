/*
 * Layout "inline": the items of a list printed inside one paragraph, as news reports
 * and work reports print them — numbered (一是…；二是…；三是…。, 分别是：(1)…(2)…), or
 * after a colon that introduces them, separated by semicolons (分别是：低保暖心工程，…；
 * 交通惠民工程，…；) or quoted one after another (包括：“…”、“…”、“…”等).  A numbered item
 * runs from its number to the next, the last one to the end of its sentence.
 */
#include "ingest/layout.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/list.h"
#include "base/text.h"

/* Styles that can number items inside a sentence. */
static int
inline_style(enum numstyle s)
{
	return s == NUM_SHI || s == NUM_PARABIC || s == NUM_CIRCLED || s == NUM_DI ||
	       s == NUM_PHAN || s == NUM_ARABIC || s == NUM_HAN;
}

/* May an inline number start at P (in line S)?  After the start, a space or a clause
 * mark only: 二是 in 唯一是 is no number. */
static int
boundary(const char *s, const char *p)
{
	static const char *const before[] = { "：", "；", "。", "，", "、", "！", " ", "\t",
		                              "\xE3\x80\x80", ":", ";", ",", "”", "\"" };
	if (p == s)
		return 1;
	for (size_t i = 0; i < NELEM(before); i++) {
		size_t n = strlen(before[i]);
		if ((size_t)(p - s) >= n && memcmp(p - n, before[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Can an inline number start at P: a digit, a bracket, 第, ① … ⑳ or a Chinese numeral? */
static int
can_start(const char *p)
{
	static const int32_t firsts[] = { '(', 0xFF08, 0x7B2C, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
		                          0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341 };
	int32_t cp;

	if (isdigit((unsigned char)*p))
		return 1;
	if (u8_next(p, &cp) <= 0)
		return 0;
	if (cp >= 0x2460 && cp <= 0x2473)
		return 1;
	for (size_t i = 0; i < NELEM(firsts); i++)
		if (cp == firsts[i])
			return 1;
	return 0;
}

struct mark {
	size_t at, len;         /* byte offset of the number in the line, its length */
	long value;
	size_t end;             /* where the item ends (0: at the next mark) */
};

/* Words before a colon that introduce a list: 分别是：, 包括：, 项目为： */
static const char *const intro_words[] = { "分别是", "分别为", "包括", "是", "为", "有",
	                                   "如下", "分別是", "包括", "為" };

/* After an introducing colon in TEXT: the items separated by semicolons, or quoted one
 * after another.  Returns how many (0: fewer than three). */
static size_t
colon_list(const char *text, struct mark **out)
{
	const char *c = strstr(text, "："), *p;
	struct mark *v = NULL;
	size_t n = 0;
	int intro = 0;

	if (!c)
		c = strchr(text, ':');
	*out = NULL;
	if (!c)
		return 0;
	for (size_t i = 0; i < NELEM(intro_words); i++) {
		size_t k = strlen(intro_words[i]);
		if ((size_t)(c - text) >= k && memcmp(c - k, intro_words[i], k) == 0)
			intro = 1;
	}
	if (!intro)
		return 0;
	p = c + (*c == ':' ? 1 : strlen("："));
	while (*p == ' ')
		p++;
	if (starts_with(p, "“")) {
		/* “甲”、“乙”、“丙”等 */
		while (starts_with(p, "“")) {
			const char *q = p + strlen("“"), *e = strstr(q, "”"), *e2 = strchr(q, '"');
			if (e2 && (!e || e2 < e))
				e = e2;
			if (!e)
				break;
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n].at = (size_t)(p - text);
			v[n].len = strlen("“");
			v[n].end = (size_t)(e - text);
			v[n].value = (long)n + 1;
			n++;
			p = e + (*e == '"' ? 1 : strlen("”"));
			if (starts_with(p, "、"))
				p += strlen("、");
			while (*p == ' ')
				p++;
		}
	} else {
		/* 甲，…；乙，…；丙，…。 — each item keeps the mark that ends it, as a line
		 * of a list does; or short names set apart by 、 (甲项目、乙工程、丙项目。). */
		const char *stop = strstr(p, "。");
		const char *sep = strstr(p, "；") || strchr(p, ';') ? "；" : "、";
		while (*p && (!stop || p < stop)) {
			const char *e = strstr(p, sep), *e2 = sep[0] == '\xEF' ? strchr(p, ';') : NULL;
			size_t seplen;
			if (e2 && (!e || e2 < e))
				e = e2;
			if (!e || (stop && e > stop))
				e = stop ? stop : p + strlen(p);
			seplen = !*e ? 0 : *e == ';' ? 1 : strlen("；");
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n].at = (size_t)(p - text);
			v[n].len = 0;
			/* The 、 between names is no part of either; a ； ending an item is. */
			v[n].end = (size_t)(e - text) + (sep[0] == '\xEF' ? seplen : 0);
			v[n].value = (long)n + 1;
			n++;
			if (!*e || e == stop)
				break;
			p = e + seplen;
			while (*p == ' ')
				p++;
		}
		/* Names set apart by 、 are short; a sentence with a few 、 in it is no list. */
		if (sep[0] != '\xEF')
			for (size_t k = 0; k < n; k++)
				if (v[k].end - v[k].at > 3 * 30) {
					n = 0;
					break;
				}
	}
	if (n < 3) {
		free(v);
		return 0;
	}
	*out = v;
	return n;
}

/* Does the text before AT in TEXT end with a colon (分别是：28.…)? */
static int
after_colon(const char *text, size_t at)
{
	while (at > 0 && text[at - 1] == ' ')
		at--;
	return (at >= 1 && text[at - 1] == ':') ||
	       (at >= strlen("：") && memcmp(text + at - strlen("："), "：", strlen("：")) == 0);
}

/* The longest run 1, 2, 3 … of one style in line TEXT; returns its length (0: none). */
static size_t
run_in(const char *text, struct mark **out)
{
	struct mark *best = NULL, *cur = NULL;
	size_t nbest = 0, ncur = 0;

	/* Each style twice: counting up by one only, then allowing gaps (…31.…43.…, a
	 * city's list cut to one bureau's items). */
	for (int pass = 0; pass < 2 * NUM_NSTYLES; pass++) {
		int st = pass / 2, gaps = pass % 2;
		long last = 0;
		if (!inline_style((enum numstyle)st))
			continue;
		ncur = 0;
		free(cur);
		cur = NULL;
		for (const char *p = text; *p;) {
			struct num n;
			int32_t cp;
			int k;
			/* The run counts up from 1, or from where an excerpt starts (28.…29.…). */
			if (can_start(p) && boundary(text, p) && num_parse(p, &n) && (int)n.style == st &&
			    (!last || n.value == last + 1 || (gaps && n.value > last &&
			                                      n.value <= last + 20)) && !n.alone &&
			    (st != NUM_ARABIC || p != text)) {
				/* num_parse counts the spaces before the number in its length. */
				const char *q = p;
				while (*q == ' ' || *q == '\t')
					q++;
				cur = xrealloc(cur, (ncur + 1) * sizeof *cur);
				cur[ncur].at = (size_t)(q - text);
				cur[ncur].len = n.len - (size_t)(q - p);
				cur[ncur].value = n.value;
				cur[ncur].end = 0;
				ncur++;
				last = n.value;
				p += n.len;
				continue;
			}
			k = u8_next(p, &cp);
			p += k > 0 ? k : 1;
		}
		{
			size_t ones = 0;
			for (size_t k = 1; k < ncur; k++)
				ones += cur[k].value == cur[k - 1].value + 1;
			/* Most steps are of one, and a run not starting at 1 starts after a colon. */
			if (ncur >= 3 && ones * 3 >= (ncur - 1) * 2 && ncur > nbest &&
			    (cur[0].value == 1 || after_colon(text, cur[0].at))) {
				free(best);
				best = cur;
				nbest = ncur;
				cur = NULL;
			}
		}
	}
	free(cur);
	*out = best;
	return nbest >= 3 ? nbest : 0;
}

/*
 * Names listed in a sentence, set apart by 、 with no colon before them (最终，医疗卫生
 * 服务、食品安全保障、帮困助弱扶残…等10个项目被确定为…): the longest run of four short
 * phrases or more between two clause marks (or 等), in a line that speaks of projects.
 */
static size_t
dunhao_list(const char *text, struct mark **out)
{
	static const char *const about[] = { "项目", "实事", "工程", "項目", "實事" };
	struct mark *best = NULL;
	size_t nbest = 0;
	int topic = 0;

	*out = NULL;
	for (size_t i = 0; i < NELEM(about); i++)
		topic |= strstr(text, about[i]) != NULL;
	if (!topic)
		return 0;
	for (const char *p = text; *p;) {
		/* A run starts after a clause mark (or at the line's start). */
		struct mark *v = NULL;
		size_t n = 0;
		const char *q = p;
		for (;;) {
			const char *e = q, *sep = NULL;
			size_t chars = 0;
			int32_t cp;
			int k;
			while ((k = u8_next(e, &cp)) > 0) {
				if (cp == 0x3001) {             /* 、 */
					sep = e;
					break;
				}
				if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == ',' ||
				    cp == ';' || cp == ':' || starts_with(e, "等"))
					break;
				e += k;
				chars++;
			}
			if (chars < 2 || chars > 24)
				break;
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n].at = (size_t)(q - text);
			v[n].len = 0;
			v[n].end = (size_t)(e - text);
			v[n].value = (long)n + 1;
			n++;
			if (!sep)
				break;
			q = sep + strlen("、");
		}
		if (n >= 4 && n > nbest) {
			free(best);
			best = v;
			nbest = n;
		} else
			free(v);
		/* The next run starts after the next clause mark. */
		{
			int32_t cp;
			int k;
			const char *e = q;
			while ((k = u8_next(e, &cp)) > 0 && !(cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B ||
			                                     cp == 0xFF1A || cp == ',' || cp == ';' || cp == ':'))
				e += k;
			if (k <= 0)
				break;
			p = e + k;
		}
	}
	*out = best;
	return nbest;
}

/* The line with the longest inline run; *WEAK is set when it is only names set apart by
 * 、 in a sentence (the last resort of the layouts). */
static size_t
best_line(const struct doc *d, struct mark **marks, size_t *nmarks, int *weak)
{
	size_t at = (size_t)-1;
	int w = 0;

	*marks = NULL;
	*nmarks = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		struct mark *m;
		size_t n;
		if (d->lines[i].table)
			continue;
		n = run_in(d->lines[i].text, &m);
		if (n == 0) {
			free(m);
			n = colon_list(d->lines[i].text, &m);
		}
		w = 0;
		if (n == 0) {
			free(m);
			n = dunhao_list(d->lines[i].text, &m);
			w = 1;
		}
		/* A numbered or introduced list beats names in a sentence. */
		if (n > 0 && (at == (size_t)-1 || (*weak && !w) || (n > *nmarks && *weak == w))) {
			free(*marks);
			*marks = m;
			*nmarks = n;
			*weak = w;
			at = i;
		} else
			free(m);
	}
	return at;
}

static void
detect(const struct doc *d, struct fit *f)
{
	struct mark *m;
	int weak = 0;
	size_t n, at = best_line(d, &m, &n, &weak);

	if (at != (size_t)-1) {
		f->score = weak ? 30 + (n >= 15 ? 15 : (int)n) : 50 + (n >= 10 ? 20 : (int)n * 2);
		f->start = at;
		fit_why(f, "%zu items numbered inside the paragraph at line %d", n, d->lines[at].no);
	}
	free(m);
}

static int
parse(struct build *b, const struct doc *d, const struct fit *f, char **cause)
{
	struct mark *m;
	int weak = 0;
	size_t n, at = best_line(d, &m, &n, &weak);
	struct litem *items = xcalloc(n + 1, sizeof *items);
	const char *text = d->lines[at].text;
	int rc;

	(void)f;
	for (size_t k = 0; k < n; k++) {
		size_t stop = k + 1 < n ? m[k + 1].at : strlen(text);
		if (m[k].end)
			stop = m[k].end;
		else if (k + 1 == n) {
			/* The last item ends with its sentence. */
			const char *e = strstr(text + m[k].at, "。");
			if (e)
				stop = (size_t)(e - text) + strlen("。");
		}
		items[k].first = at;
		items[k].end = at + 1;
		items[k].skip = m[k].at + m[k].len;
		items[k].stop = stop;
		items[k].seq = m[k].value;
	}
	rc = list_items(b, d, items, n, cause);
	free(items);
	free(m);
	return rc;
}

const struct layout layout_inline = {
	"inline", "items numbered inside one paragraph (一是…；二是…, (1)…(2)…)", detect, parse,
};
