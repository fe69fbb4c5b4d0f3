/* list: see list.h. */
#include "ingest/list.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* Markers that start an item or a sub-target without being part of its text. */
static const char *const markers[] = {
	"*", "＊", "★", "☆", "▲", "△", "▶", "►", "▸", "●", "○", "■", "□", "◆", "◇", "·",
	"•", "▪", "√", "✓", "※", "◎", "❖", "➢", "→", "☑", "☐", "✔", "✅", "✦", "◉", "▷",
	"◼", "⬤", "-", "—", "–",
};

size_t
list_marker_len(const char *text)
{
	const char *p = text;
	int again = 1;

	/* Most lines start with a Chinese character or a digit: no marker. */
	{
		unsigned char c = (unsigned char)*text;
		if ((c >= 0xE4 && c <= 0xE9) || isalnum(c))
			return 0;
	}
	while (again) {
		int32_t cp;
		int k;
		again = 0;
		while ((k = u8_next(p, &cp)) > 0 && text_is_space(cp))
			p += k;
		for (size_t i = 0; i < NELEM(markers); i++)
			if (starts_with(p, markers[i])) {
				/* "—" before a digit is a dash of a range or a negative, not a marker;
				 * "**区" is a name masked on the page, not a marker. */
				const char *q = p + strlen(markers[i]);
				if ((markers[i][0] == '-' || starts_with(markers[i], "—") ||
				     starts_with(markers[i], "–")) && isdigit((unsigned char)*q))
					break;
				if (markers[i][0] == '*' && *q == '*')
					break;
				p = q;
				again = 1;
				break;
			}
	}
	return (size_t)(p - text);
}

int
list_is_decoration(const char *key)
{
	size_t m = list_marker_len(key);
	const char *p = key + m;

	if (!*p)
		return m > 0;
	/* Arrows, dashes and the like only. */
	while (*p) {
		if (starts_with(p, "↓") || starts_with(p, "↑") || starts_with(p, "→") ||
		    starts_with(p, "…") || starts_with(p, "—") || starts_with(p, "～") || *p == '~' ||
		    *p == '=' || *p == '-' || *p == '.' || *p == '|') {
			int32_t cp;
			p += u8_next(p, &cp);
		} else
			return 0;
	}
	return 1;
}

/* ---- segments: the lines of an item, each with a field ---- */

struct seg {
	const char *text;       /* into the doc line, or owned (see own) */
	int line;
	enum role field;        /* R_TASK unless a label said otherwise */
	int labelled;           /* a label (目标任务：) set its field */
	char *own;              /* a copy of part of a line (an inline item), freed */
};

static void
segs_free(struct seg *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].own);
	free(v);
}

/*
 * A label at the start of TEXT ("责任单位：", "完成时间:"): returns the role and sets
 * *len to the bytes of the label and its colon; R_NONE when there is none.
 */
enum role
list_label(const char *text, size_t *len)
{
	const char *c1 = strstr(text, "："), *c2 = strchr(text, ':'), *c;
	char *lab, *key;
	enum role r;

	c = c1 && (!c2 || c1 < c2) ? c1 : c2;
	if (!c || c == text || (size_t)(c - text) > 30)
		return R_NONE;
	lab = xstrndup(text, (size_t)(c - text));
	key = text_key(lab);
	r = text_width(key) <= 12 ? role_of(key) : R_NONE;
	free(lab);
	free(key);
	if (r == R_SEQ || r == R_SECTION)
		return R_NONE;
	*len = (size_t)(c - text) + (c == c1 ? strlen("：") : 1);
	return r;
}

static size_t
collect(const struct doc *d, const struct litem *it, struct seg **out)
{
	struct seg *v = NULL;
	size_t n = 0, cap = 0;
	enum role field = R_TASK;

	for (size_t i = it->first; i < it->end && i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		const char *t = l->text;
		size_t lab = 0;
		enum role r;
		int labelled;

		char *own = NULL;

		if (i == it->first) {
			t += it->skip;
			if (it->stop > it->skip && it->stop <= strlen(l->text))
				t = own = xstrndup(l->text + it->skip, it->stop - it->skip);
		} else if (!*l->key || l->chrome || list_is_decoration(l->key))
			continue;
		t += list_marker_len(t);
		if (i == it->first) {
			/* After the number: "1.*改建…", "（一）、…" */
			while (*t == ' ' || *t == '\t')
				t++;
		}
		if ((r = list_label(t, &lab)) != R_NONE) {
			field = r;
			t += lab;
		}
		labelled = lab > 0 || (field != R_TASK);
		{
			char *k = text_key(t);
			int empty = !*k;
			free(k);
			if (empty) {
				free(own);
				continue;       /* a number alone on its line: the text is below */
			}
		}
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n].text = t;
		v[n].line = l->no;
		v[n].field = field;
		v[n].own = own;
		v[n].labelled = labelled;
		n++;
	}
	*out = v;
	return n;
}

/* Add S to P, with a space only where two ASCII letters would meet across the break. */
static void
join(struct piece *p, const char *s, int line)
{
	const char *t = s;
	size_t n;

	while (*t == ' ' || *t == '\t')
		t++;
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	if (p->text.len && isalpha((unsigned char)p->text.buf[p->text.len - 1]) &&
	    isalpha((unsigned char)*t))
		piece_add(p, " ", 1, line);
	piece_add(p, t, n, line);
}

/* ---- names ---- */

enum split { SPLIT_NONE, SPLIT_LINE, SPLIT_STOP, SPLIT_COLON, SPLIT_COMMA };

/* Where a lead ends in S for SPLIT (the separator's first byte), at bracket depth 0;
 * NULL when S has no such separator. */
static const char *
lead_end(const char *s, enum split how)
{
	int depth = 0;

	for (const char *p = s; *p;) {
		int32_t cp;
		int k = u8_next(p, &cp);
		if (k <= 0)
			break;
		if (cp == '(' || cp == 0xFF08 || cp == 0x201C || cp == 0x300A || cp == 0x3010)
			depth++;
		else if ((cp == ')' || cp == 0xFF09 || cp == 0x201D || cp == 0x300B || cp == 0x3011) &&
		         depth > 0)
			depth--;
		else if (depth == 0 &&
		         ((how == SPLIT_STOP && cp == 0x3002) ||
		          (how == SPLIT_COLON && (cp == 0xFF1A || cp == ':' || starts_with(p, "——"))) ||
		          (how == SPLIT_COMMA && (cp == 0xFF0C || cp == ','))))
			return p;
		/* A clause mark before the separator: the lead is a sentence, not a name. */
		if (depth == 0 && how != SPLIT_STOP && (cp == 0x3002 || cp == 0xFF1B || cp == ';'))
			return NULL;
		p += k;
	}
	return NULL;
}

/* The bytes of the separator at E that ends a lead: ：。，(3), :,(1) or ——(6). */
static size_t
sep_len(const char *e)
{
	if (starts_with(e, "——"))
		return strlen("——");
	return *e == ':' || *e == ',' ? 1 : strlen("。");
}

/* Does the lead [S, E) read as a printed name: short outside its brackets (pinyin
 * glosses and counts in brackets do not count), and no count of its own? */
static int
name_like(const char *s, const char *e)
{
	char *lead = xstrndup(s, (size_t)(e - s)), *k = text_key(lead);
	int depth = 0, ok = *k != '\0';
	size_t w = 0;
	int32_t prev = 0;

	for (const char *p = k; ok && *p;) {
		int32_t cp;
		int n = u8_next(p, &cp);
		if (n <= 0)
			break;
		if (cp == '(' || cp == 0xFF08 || cp == 0x201C)
			depth++;
		else if ((cp == ')' || cp == 0xFF09 || cp == 0x201D) && depth > 0)
			depth--;
		/* 新增托位2000个 is a target, not a name; digits in brackets or quotes are the
		 * name's own ("15分钟", 项目6个), and so are a year (2025年村内…工程) and a
		 * code (S302省道, 5G). */
		else if (depth == 0 && isdigit((unsigned char)*p)) {
			size_t run = strspn(p, "0123456789");
			if (!(run == 4 && starts_with(p + 4, "年")) &&
			    !(prev < 0x80 && isalpha((int)prev)) &&
			    !isalpha((unsigned char)p[run]))
				ok = 0;
			w += run;
			p += run;
			prev = '0';
			continue;
		} else if (depth == 0)
			w += cp < 0x80 ? 1 : 2;
		prev = cp;
		p += n;
	}
	ok = ok && w <= 44 && text_width(k) <= 160;
	free(lead);
	free(k);
	return ok;
}

/*
 * Verbs that open a clause: a lead before a comma that starts with one is the first
 * clause of a sentence (一是实施扩大教育资源项目，新建…), not a name (“常有善育”工程，
 * 包括…).
 */
static const char *const clause_verbs[] = {
	"实施", "开展", "完成", "新建", "建设", "建成", "推进", "推动", "加快", "启动", "改造",
	"提升", "打造", "新增", "为", "对", "在", "全面", "持续", "加强", "落实", "组织", "开工",
	"实現", "实现", "促进", "扩大", "提供", "发放", "培训", "举办", "优化", "完善", "深化",
	"實施", "開展", "推進", "加強", "開工", "擴大", "為", "對",
};

static int
starts_clause(const char *s)
{
	s += list_marker_len(s);
	for (size_t i = 0; i < NELEM(clause_verbs); i++)
		if (starts_with(s, clause_verbs[i]))
			return 1;
	return 0;
}

/* The first segment of the item's task. */
static const struct seg *
first_task(const struct seg *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].field == R_TASK)
			return &v[i];
	return NULL;
}

/* Is the item's first line a name line: a heading-like phrase with its task below? */
static int
is_name_line(const struct seg *v, size_t n)
{
	char *k;
	size_t w, rest = 0;
	int ok, marks = 0;

	if (n < 2 || v[0].field != R_TASK)
		return 0;
	k = text_key(v[0].text);
	w = text_width(k);
	ok = *k && w <= 60 && !has_clause_marks(k) && name_like(k, k + strlen(k));
	free(k);
	if (!ok)
		return 0;
	/* A labelled field below it (目标任务：…) makes it a name at once. */
	if (v[1].labelled)
		return 1;
	for (size_t i = 1; i < n; i++) {
		char *t = text_key(v[i].text);
		rest += text_width(t);
		marks |= has_clause_marks(t);
		free(t);
	}
	/* The text below is a paragraph of its own, not the rest of a wrapped line. */
	return marks || rest > w + 8;
}

static int
can_split(const struct seg *v, size_t n, enum split how)
{
	const struct seg *s = first_task(v, n);
	const char *e;

	if (how == SPLIT_LINE)
		return is_name_line(v, n);
	if (!s || s != &v[0] || !(e = lead_end(s->text, how)))
		return 0;
	{
		char *rest = text_key(e + sep_len(e));
		int ok = *rest != '\0' || n > 1;
		free(rest);
		if (!ok)
			return 0;
	}
	if (how == SPLIT_COMMA && starts_clause(s->text))
		return 0;
	/* 目标任务：… is a label, not a name. */
	if (how == SPLIT_COLON) {
		size_t lab;
		if (list_label(s->text, &lab) != R_NONE)
			return 0;
	}
	return name_like(s->text, e);
}

int
list_has_lead(const char *text)
{
	const char *t = text + list_marker_len(text), *e;

	for (int how = SPLIT_STOP; how <= SPLIT_COLON; how++)
		if ((e = lead_end(t, (enum split)how)) && name_like(t, e)) {
			char *rest = text_key(e + sep_len(e));
			int ok = text_width(rest) >= 4;
			free(rest);
			if (ok)
				return 1;
		}
	return 0;
}

/* Strip one pair of quotation marks around the whole of S (a quoted name). */
static char *
unquote(char *s)
{
	size_t n = strlen(s), o = strlen("“"), c = strlen("”");

	if (n > o + c && starts_with(s, "“") && ends_with(s, "”") && !strstr(s + o, "“")) {
		memmove(s, s + o, n - o - c);
		s[n - o - c] = '\0';
	} else if (n > 2 && s[0] == '"' && s[n - 1] == '"' && strchr(s + 1, '"') == s + n - 1) {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
	return s;
}

/* The split the whole list uses: the one most items allow, if enough of them do. */
static enum split
list_split(const struct doc *d, const struct litem *items, size_t n)
{
	static const struct {
		enum split how;
		int pct;        /* share of items that must allow it */
	} ways[] = {
		{ SPLIT_LINE, 50 }, { SPLIT_COLON, 50 }, { SPLIT_STOP, 60 }, { SPLIT_COMMA, 80 },
	};
	for (size_t w = 0; w < NELEM(ways); w++) {
		size_t yes = 0;
		for (size_t i = 0; i < n; i++) {
			struct seg *v;
			size_t k = collect(d, &items[i], &v);
			yes += can_split(v, k, ways[w].how);
			segs_free(v, k);
		}
		if (yes > 0 && yes * 100 >= (size_t)ways[w].pct * n &&
		    (ways[w].how != SPLIT_COMMA || n >= 3))
			return ways[w].how;
	}
	return SPLIT_NONE;
}

/* Move a trailing "（责任单位：市教委）" from the task to the units. */
static void
trailing_units(struct piece *task, struct piece *units)
{
	const char *s = task->text.buf, *open = NULL, *in;
	size_t lab, from, to;

	if (!s || units->text.len || !(ends_with(s, "）") || ends_with(s, ")")))
		return;
	/* The last opening bracket. */
	for (const char *p = s; *p; p++)
		if (*p == '(' || starts_with(p, "（"))
			open = p;
	if (!open)
		return;
	in = open + (*open == '(' ? 1 : strlen("（"));
	if (list_label(in, &lab) != R_UNITS)
		return;
	from = (size_t)(in + lab - s);
	to = task->text.len - (ends_with(s, ")") ? 1 : strlen("）"));
	if (to <= from)
		return;
	piece_add(units, s + from, to - from, task->lines[from]);
	task->text.len = (size_t)(open - s);
	task->text.buf[task->text.len] = '\0';
}

static int
emit(struct build *b, const struct doc *d, const struct litem *it, const struct seg *v,
     size_t n, enum split how, char **cause)
{
	struct piece f[R_EXTRA + 1];
	struct draft dr = { 0 };
	char seq[24];
	int rc;
	size_t from = 0;

	memset(f, 0, sizeof f);
	if (how != SPLIT_NONE && can_split(v, n, how)) {
		if (how == SPLIT_LINE) {
			join(&f[R_NAME], v[0].text, v[0].line);
			from = 1;
		} else {
			const char *e = lead_end(v[0].text, how);
			char *name = xstrndup(v[0].text, (size_t)(e - v[0].text));
			char *clean = text_clean(name);
			unquote(clean);
			piece_adds(&f[R_NAME], clean, v[0].line);
			free(name);
			free(clean);
			join(&f[R_TASK], e + sep_len(e), v[0].line);
			from = 1;
		}
	}
	for (size_t i = from; i < n; i++)
		join(&f[v[i].field], v[i].text, v[i].line);
	trailing_units(&f[R_TASK], &f[R_UNITS]);
	if (it->section)
		build_section(b, it->section);
	snprintf(seq, sizeof seq, "%ld", it->seq);
	dr.seq = seq;
	dr.line = d->lines[it->first].no;
	dr.name = &f[R_NAME];
	dr.units = &f[R_UNITS];
	dr.task = &f[R_TASK];
	dr.deadline = &f[R_DEADLINE];
	dr.note = &f[R_NOTE];
	rc = build_item(b, &dr, cause);
	for (size_t i = 0; i <= R_EXTRA; i++)
		piece_release(&f[i]);
	return rc;
}

int
list_items(struct build *b, const struct doc *d, const struct litem *items, size_t n,
           char **cause)
{
	enum split how = list_split(d, items, n);

	for (size_t i = 0; i < n; i++) {
		struct seg *v;
		size_t k = collect(d, &items[i], &v);
		int rc = emit(b, d, &items[i], v, k, how, cause);
		segs_free(v, k);
		if (rc < 0)
			return -1;
	}
	return 0;
}
