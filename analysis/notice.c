/* notice: see notice.h. */
#include "notice.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

enum role { R_NONE, R_SEQ, R_SECTION, R_NAME, R_UNITS, R_TASK, R_DEADLINE, R_NOTE };

/* Header cell names and the column each names; the first word a cell contains wins, so
 * the more specific words come first (区级支撑项目及绩效目标 is a task, not a name). */
static const struct {
	const char *word;
	enum role role;
} header_words[] = {
	{ "序号", R_SEQ },         { "编号", R_SEQ },
	{ "分级", R_SECTION },     { "类别", R_SECTION },   { "分类", R_SECTION },
	{ "牵头单位", R_UNITS },   { "责任单位", R_UNITS }, { "配合单位", R_UNITS },
	{ "牵头部门", R_UNITS },   { "责任部门", R_UNITS }, { "实施单位", R_UNITS },
	{ "工作任务", R_TASK },    { "目标任务", R_TASK },  { "绩效目标", R_TASK },
	{ "建设内容", R_TASK },    { "主要内容", R_TASK },  { "工作目标", R_TASK },
	{ "完成时限", R_DEADLINE }, { "完成时间", R_DEADLINE }, { "时限", R_DEADLINE },
	{ "备注", R_NOTE },
	{ "项目名称", R_NAME },    { "实事名称", R_NAME },  { "名称", R_NAME },
	{ "项目", R_NAME },        { "任务", R_TASK },
};

/*
 * How an organisation's name ends (the 责任单位 column): 市住房城乡建委, 区残联,
 * 城市建设事务中心, 统战部, 团市委, 空港新城公司, 双龙湖街道 ...
 */
static const char *const org_suffixes[] = {
	"委", "局", "办", "厅", "部", "中心", "会", "社", "联", "院", "队", "公司", "集团",
	"团", "政府", "街道", "镇", "乡", "署", "室", "馆", "站", "所", "处", "行", "组",
};

/* Characters that may follow a number in task text, so that a line starting "12 个" is a
 * wrapped number, not item 12. */
static const char *const after_number[] = {
	"个", "名", "人", "户", "所", "家", "处", "座", "台", "部", "条", "期", "场", "项",
	"套", "间", "张", "口", "盏", "架", "栋", "万", "亿", "千", "百", "年", "月", "日",
	"岁", "次", "公", "米", "平", "亩", "%", "、", "，", "。", "；", "：", "％", "—", "-",
	"．", ".", "倍", "元", "吨", "辆", "所", "批", "类", "种", "天", "小", "分",
};

struct piece {
	struct sb text;
	int *lines;    /* notice line of each byte of text */
	size_t lcap;
};

static void
piece_add(struct piece *p, const char *s, size_t n, int line)
{
	size_t at = p->text.len;

	sb_add(&p->text, s, n);
	xgrow(&p->lines, &p->lcap, p->text.len + 1, sizeof(int));
	for (size_t i = at; i < p->text.len; i++)
		p->lines[i] = line;
}

/* Append SRC, with the line of each of its bytes. */
static void
piece_append(struct piece *p, const struct piece *src)
{
	size_t at = p->text.len;

	if (!src->text.len)
		return;
	sb_add(&p->text, src->text.buf, src->text.len);
	xgrow(&p->lines, &p->lcap, p->text.len + 1, sizeof(int));
	memcpy(p->lines + at, src->lines, src->text.len * sizeof(int));
}

static void
piece_adds(struct piece *p, const char *s, int line)
{
	piece_add(p, s, strlen(s), line);
}

static void
piece_release(struct piece *p)
{
	sb_release(&p->text);
	free(p->lines);
	p->lines = NULL;
	p->lcap = 0;
}

/* Cleaned text of a piece (see text_clean) and, if LINES is non-NULL, the line of each byte. */
static char *
piece_finish(const struct piece *p, int **lines)
{
	struct sb out = SB_INIT;
	int *ol = NULL;
	size_t ocap = 0;
	const char *s = p->text.buf ? p->text.buf : "";
	size_t i = 0;
	int32_t cp, prev = 0;
	int k, pending = 0;

	while ((k = u8_next(s + i, &cp)) > 0) {
		if (text_is_space(cp)) {
			pending = 1;
			i += (size_t)k;
			continue;
		}
		if (pending && out.len > 0 && text_is_ascii_alnum(prev) && text_is_ascii_alnum(cp)) {
			sb_addc(&out, ' ');
			xgrow(&ol, &ocap, out.len, sizeof(int));
			ol[out.len - 1] = p->lines[i];
		}
		pending = 0;
		sb_add(&out, s + i, (size_t)k);
		xgrow(&ol, &ocap, out.len, sizeof(int));
		for (size_t j = out.len - (size_t)k; j < out.len; j++)
			ol[j] = p->lines[i];
		prev = cp;
		i += (size_t)k;
	}
	if (lines)
		*lines = ol;
	else
		free(ol);
	return sb_detach(&out);
}

/* One line of the notice, with its key (NFKC, no whitespace) and number. */
struct nline {
	char *text;
	char *key;
	int no;
};

struct parser {
	const char *name;
	struct nline *lines;
	size_t nlines, lcap;
	enum role cols[32];
	size_t ncols;
	char *header_key;
	size_t header;      /* index of the (first) header line */
	size_t body;        /* index of the first line after the header */
	struct notice *n;
	char *section;      /* current section heading, owned */
	char **sections;    /* distinct sections in order of appearance */
	size_t nsections, scap;
	size_t icap;
	long last_seq;
};

static int
starts_with(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && memcmp(s + n - m, suf, m) == 0;
}

static enum role
header_role(const char *key)
{
	for (size_t i = 0; i < sizeof header_words / sizeof header_words[0]; i++)
		if (strstr(key, header_words[i].word))
			return header_words[i].role;
	return R_NONE;
}

/* Parse a whole-number key of 1-3 ASCII digits; -1 otherwise. */
static long
seq_value(const char *key)
{
	size_t n = strlen(key);

	if (n == 0 || n > 3)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)key[i]))
			return -1;
	return strtol(key, NULL, 10);
}

/* Is a key a page number such as "— 4 —", "-4-" or "第 4 页"? */
static int
is_page_number(const char *key)
{
	const char *p = key;
	int digits = 0, marks = 0;

	if (starts_with(p, "第")) {
		p += strlen("第");
		marks++;
	}
	while (*p) {
		if (isdigit((unsigned char)*p)) {
			digits++;
			p++;
		} else if (starts_with(p, "—")) {
			p += strlen("—");
			marks++;
		} else if (starts_with(p, "–")) {
			p += strlen("–");
			marks++;
		} else if (*p == '-') {
			p++;
			marks++;
		} else if (strcmp(p, "页") == 0) {
			p += strlen("页");
			marks++;
		} else
			return 0;
	}
	/* A bare number is an item number, not a page number. */
	return digits > 0 && digits <= 4 && marks > 0;
}

/* A section heading "一、市分解到区的民生实事（共13项）"; returns its name or NULL. */
static char *
section_heading(const char *text)
{
	static const char *const numerals = "一二三四五六七八九十";
	char *clean = text_clean(text);
	const char *p = clean;
	int32_t cp;
	int k, n = 0;
	char *out, *paren;

	while ((k = u8_next(p, &cp)) > 0) {
		char ch[5] = { 0 };
		memcpy(ch, p, (size_t)k);
		if (!strstr(numerals, ch))
			break;
		p += k;
		n++;
	}
	if (n == 0 || !(starts_with(p, "、") || starts_with(p, "．") || starts_with(p, "."))) {
		free(clean);
		return NULL;
	}
	p += starts_with(p, "、") ? strlen("、") : starts_with(p, "．") ? strlen("．") : 1;
	out = xstrdup(p);
	/* Drop a trailing count: （共13项） or (共2项). */
	if ((paren = strstr(out, "（共")) || (paren = strstr(out, "(共")))
		*paren = '\0';
	free(clean);
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}

/* The end of the task table: an appendix heading, a 印发 footer or a 抄送 line. */
static int
is_table_end(const char *key)
{
	if (starts_with(key, "附件")) {
		const char *p = key + strlen("附件");
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == ':' || starts_with(p, "："))
			return 1;
	}
	return ends_with(key, "印发") || starts_with(key, "抄送");
}

static void
warn(struct parser *ps, int line, const char *fmt, const char *arg)
{
	struct notice *n = ps->n;

	n->warnings = xrealloc(n->warnings, (n->nwarnings + 1) * sizeof *n->warnings);
	n->warnings[n->nwarnings++] = xasprintf("%s:%d: %s%s", ps->name, line, fmt, arg ? arg : "");
}

static void
set_section(struct parser *ps, const char *s)
{
	size_t i;

	free(ps->section);
	ps->section = xstrdup(s);
	for (i = 0; i < ps->nsections; i++)
		if (strcmp(ps->sections[i], s) == 0)
			return;
	xgrow(&ps->sections, &ps->scap, ps->nsections + 1, sizeof(char *));
	ps->sections[ps->nsections++] = xstrdup(s);
}

/* A row under construction: one piece per column. */
struct row {
	struct piece cell[32];
	int line;
	long seq;
	char *seqtext;
};

static void
row_release(struct row *r)
{
	for (size_t i = 0; i < 32; i++)
		piece_release(&r->cell[i]);
	free(r->seqtext);
	memset(r, 0, sizeof *r);
}

static char *
piece_text(const struct piece *p)
{
	return piece_finish(p, NULL);
}

/* Turn a finished row into an item; UNITS cells are joined with " | ". */
static int
row_emit(struct parser *ps, struct row *r, char **cause)
{
	struct notice *n = ps->n;
	struct notice_item *it;
	struct sb units = SB_INIT;
	int nunits = 0;
	char *sec = NULL;

	if (n->nitems >= NOTICE_MAX_ITEMS)
		return fail(cause, "%s:%d: more than %d items", ps->name, r->line, NOTICE_MAX_ITEMS);
	xgrow(&n->items, &ps->icap, n->nitems + 1, sizeof *n->items);
	it = &n->items[n->nitems++];
	memset(it, 0, sizeof *it);
	it->seq = xstrdup(r->seqtext);
	it->line = r->line;
	for (size_t c = 0; c < ps->ncols; c++) {
		switch (ps->cols[c]) {
		case R_NAME:
			if (!it->name)
				it->name = piece_text(&r->cell[c]);
			break;
		case R_UNITS: {
			char *u = piece_text(&r->cell[c]);
			if (nunits++)
				sb_adds(&units, " | ");
			sb_adds(&units, u);
			free(u);
			break;
		}
		case R_TASK:
			if (!it->task)
				it->task = piece_finish(&r->cell[c], &it->task_lines);
			break;
		case R_DEADLINE:
			if (!it->deadline)
				it->deadline = piece_text(&r->cell[c]);
			break;
		case R_NOTE:
			if (!it->note)
				it->note = piece_text(&r->cell[c]);
			break;
		case R_SECTION:
			sec = piece_text(&r->cell[c]);
			if (*sec)
				set_section(ps, sec);
			free(sec);
			break;
		default:
			break;
		}
	}
	it->units = sb_detach(&units);
	it->section = xstrdup(ps->section ? ps->section : "");
	if (!it->name)
		it->name = xstrdup("");
	if (!it->task) {
		it->task = xstrdup("");
		it->task_lines = NULL;
	}
	if (!it->deadline)
		it->deadline = xstrdup("");
	if (!it->note)
		it->note = xstrdup("");
	if (!*it->name)
		warn(ps, r->line, "item has no name: ", it->seq);
	return 0;
}

static int
is_seq(struct parser *ps, long v)
{
	if (v < 1)
		return 0;
	return v == ps->last_seq + 1 || (v == 1 && ps->last_seq != 0);
}

/* ---- layout "rows": one row per line, tab-separated ---- */

static int
parse_rows(struct parser *ps, char **cause)
{
	struct row r = { 0 };
	int have = 0;

	for (size_t i = ps->body; i < ps->nlines; i++) {
		struct nline *l = &ps->lines[i];
		char *sec;
		size_t c = 0;
		const char *p, *tab;

		if (!*l->key || is_page_number(l->key) || strcmp(l->key, ps->header_key) == 0)
			continue;
		if (is_table_end(l->key))
			break;
		if (!strchr(l->text, '\t')) {
			if ((sec = section_heading(l->text))) {
				if (have && row_emit(ps, &r, cause) < 0)
					goto err;
				if (have)
					row_release(&r);
				have = 0;
				set_section(ps, sec);
				ps->last_seq = 0;
				free(sec);
				continue;
			}
			/* A line without tabs continues the last non-empty cell. */
			if (have) {
				for (c = ps->ncols; c-- > 1;)
					if (r.cell[c].text.len)
						break;
				piece_adds(&r.cell[c], l->text, l->no);
			}
			continue;
		}
		/* The first cell decides: an item number starts a row, empty continues one. */
		tab = strchr(l->text, '\t');
		{
			char *first = xstrndup(l->text, (size_t)(tab - l->text));
			char *fk = text_key(first);
			long v = seq_value(fk);
			free(first);
			if (*fk && is_seq(ps, v)) {
				if (have) {
					if (row_emit(ps, &r, cause) < 0) {
						free(fk);
						goto err;
					}
					row_release(&r);
				}
				have = 1;
				r.line = l->no;
				r.seq = v;
				r.seqtext = xasprintf("%ld", v);
				ps->last_seq = v;
			} else if (*fk && !have) {
				free(fk);
				continue;
			} else if (*fk) {
				/* Text in the 序号 column that is no item number: keep it with the name. */
				warn(ps, l->no, "unexpected text in the item number column", NULL);
			}
			free(fk);
		}
		if (!have)
			continue;
		p = tab + 1;
		for (c = 1; c < ps->ncols; c++) {
			const char *e = strchr(p, '\t');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			piece_add(&r.cell[c], p, n, l->no);
			if (!e)
				break;
			p = e + 1;
		}
	}
	if (have && row_emit(ps, &r, cause) < 0)
		goto err;
	row_release(&r);
	return 0;
err:
	row_release(&r);
	return -1;
}

/* ---- layout "cells": one cell per line, each starting with a tab ---- */

struct cell {
	struct piece p;
	char *key;
	int line;
};

static int
parse_cells(struct parser *ps, char **cause)
{
	struct cell *cells = NULL;
	size_t ncells = 0, ccap = 0, i;
	struct row r = { 0 };
	int have = 0, rc = -1;
	size_t filled = 0;

	/* Cells first: a tab starts one, a line without a tab continues the current one. */
	for (i = ps->body; i < ps->nlines; i++) {
		struct nline *l = &ps->lines[i];
		const char *p = l->text;

		if (!*l->key) {
			/* A tab alone is an empty cell; a blank line is nothing. */
			if (strchr(l->text, '\t')) {
				for (const char *t = l->text; (t = strchr(t, '\t')); t++) {
					xgrow(&cells, &ccap, ncells + 1, sizeof *cells);
					memset(&cells[ncells], 0, sizeof *cells);
					cells[ncells].line = l->no;
					ncells++;
				}
			}
			continue;
		}
		if (is_page_number(l->key) || strcmp(l->key, ps->header_key) == 0)
			continue;
		if (is_table_end(l->key) && l->text[0] != '\t')
			break;
		if (p[0] != '\t') {
			if (ncells)
				piece_adds(&cells[ncells - 1].p, l->text, l->no);
			continue;
		}
		while (*p == '\t') {
			const char *e;
			p++;
			e = strchr(p, '\t');
			xgrow(&cells, &ccap, ncells + 1, sizeof *cells);
			memset(&cells[ncells], 0, sizeof *cells);
			cells[ncells].line = l->no;
			piece_add(&cells[ncells].p, p, e ? (size_t)(e - p) : strlen(p), l->no);
			ncells++;
			if (!e)
				break;
			p = e;
		}
	}
	for (i = 0; i < ncells; i++) {
		char *t = piece_text(&cells[i].p);
		cells[i].key = text_key(t);
		free(t);
	}

	/* Then rows: an item number starts one once the previous row has all its cells. */
	for (i = 0; i < ncells; i++) {
		struct cell *c = &cells[i];
		long v = seq_value(c->key);
		char *sec;

		if (strcmp(c->key, "序号") == 0 && (!have || filled >= ps->ncols - 1)) {
			/* A header repeated on a new page. */
			i += ps->ncols - 1;
			continue;
		}
		if ((!have || filled >= ps->ncols - 1) && (sec = section_heading(c->key))) {
			if (have) {
				if (row_emit(ps, &r, cause) < 0) {
					free(sec);
					goto out;
				}
				row_release(&r);
				have = 0;
			}
			set_section(ps, sec);
			free(sec);
			ps->last_seq = 0;
			continue;
		}
		if (is_seq(ps, v) && (!have || filled >= ps->ncols - 1)) {
			if (have) {
				if (row_emit(ps, &r, cause) < 0)
					goto out;
				row_release(&r);
			}
			have = 1;
			filled = 0;
			r.line = c->line;
			r.seq = v;
			r.seqtext = xasprintf("%ld", v);
			ps->last_seq = v;
			continue;
		}
		if (!have)
			continue;
		if (filled + 1 < ps->ncols) {
			piece_append(&r.cell[filled + 1], &c->p);
			filled++;
		} else if (*c->key) {
			warn(ps, c->line, "extra cell after the last column: ", c->key);
		}
	}
	if (have) {
		if (filled + 1 < ps->ncols)
			warn(ps, r.line, "row has fewer cells than the header", NULL);
		if (row_emit(ps, &r, cause) < 0)
			goto out;
	}
	rc = 0;
out:
	row_release(&r);
	for (i = 0; i < ncells; i++) {
		piece_release(&cells[i].p);
		free(cells[i].key);
	}
	free(cells);
	return rc;
}

/* ---- layout "pdf": cells wrapped at column width, several per line or one ---- */

struct chunk {
	char *text;     /* raw, with the spaces inside it */
	char *clean;    /* text_clean(text) */
	int line;       /* notice line */
	size_t lineidx; /* index of its line within the item */
	int pos, count; /* position on its line and number of chunks on that line */
};

/* Split a line into chunks at whitespace between two characters that are not ASCII
 * letters or digits: "市城市管理局 在中心城区新开工" is two cells, "面积 100万平方米" one. */
static size_t
split_chunks(const char *s, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct sb cur = SB_INIT;
	int32_t cp, prev = 0;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		if (text_is_space(cp)) {
			const char *q = s;
			int32_t next = 0;
			int kk;
			while ((kk = u8_next(q, &next)) > 0 && text_is_space(next))
				q += kk;
			if (cur.len && next && !text_is_ascii_alnum(prev) && !text_is_ascii_alnum(next) &&
			    prev != '%' && next != '%') {
				xgrow(&v, &cap, n + 1, sizeof *v);
				v[n++] = sb_detach(&cur);
			} else if (cur.len && next)
				sb_addc(&cur, ' ');
			s = q;
			continue;
		}
		sb_add(&cur, s, (size_t)k);
		prev = cp;
		s += k;
	}
	if (cur.len) {
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = sb_detach(&cur);
	}
	sb_release(&cur);
	*out = v;
	return n;
}

static int
ends_with_org_suffix(const char *s)
{
	for (size_t i = 0; i < sizeof org_suffixes / sizeof org_suffixes[0]; i++)
		if (ends_with(s, org_suffixes[i]))
			return 1;
	return 0;
}

/* Characters that never appear in a list of organisation names. */
static int
has_sentence_marks(const char *s)
{
	static const char *const marks[] = { "，", "。", "；", "：", "“", "”", "（", "）", "(",
		                                  ")", "%", "％", ",", ";", "《", "》", "！" };
	for (const char *p = s; *p; p++)
		if (isdigit((unsigned char)*p))
			return 1;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strstr(s, marks[i]))
			return 1;
	return 0;
}

int
notice_is_org_list(const char *s)
{
	char *copy, *tok, *save = NULL;
	int ok = 1, ntok = 0;

	if (!*s || has_sentence_marks(s))
		return 0;
	if (strcmp(s, "—") == 0 || strcmp(s, "-") == 0 || strcmp(s, "无") == 0)
		return 1;
	copy = xstrdup(s);
	/* Separators: 、 and spaces were removed by cleaning; split on 、 and ascii comma. */
	for (char *p = copy; *p; p++)
		if (starts_with(p, "、")) {
			memcpy(p, "\x1f\x1f\x1f", 3);
			p += 2;
		}
	for (tok = strtok_r(copy, "\x1f", &save); tok; tok = strtok_r(NULL, "\x1f", &save)) {
		size_t w = text_width(tok);
		ntok++;
		if (w < 4 || w > 32 || !ends_with_org_suffix(tok)) {
			ok = 0;
			break;
		}
	}
	free(copy);
	return ok && ntok > 0;
}

/* Does a chunk look like a piece of an organisation list (for rows split over pages)? */
static int
is_org_piece(const char *s)
{
	return !has_sentence_marks(s) && (ends_with(s, "、") || ends_with_org_suffix(s));
}

static char *
concat_chunks(struct chunk *ch, size_t a, size_t b)
{
	struct sb sb = SB_INIT;
	char *c;

	for (size_t i = a; i < b; i++)
		sb_adds(&sb, ch[i].text);
	c = text_clean(sb.buf ? sb.buf : "");
	sb_release(&sb);
	return c;
}

/* Where an organisation's name starts: a chunk starting so is not the end of a name
 * wrapped from the line before (和社区服务提升 / 市住房城乡建委 are two cells). */
static const char *const org_starts[] = { "市", "区", "县", "镇", "乡", "团" };

static int
starts_org(const char *s)
{
	for (size_t i = 0; i < sizeof org_starts / sizeof org_starts[0]; i++)
		if (starts_with(s, org_starts[i]))
			return 1;
	return 0;
}

/* The longest run of chunks from I (ending before LIMIT) that reads as one list of
 * organisations; returns its end, or I when there is none. */
static size_t
org_run(struct chunk *ch, size_t i, size_t limit)
{
	for (size_t j = limit; j > i; j--) {
		char *u;
		int ok, joined = 0;
		/* A name wrapped onto the next line does not start with 市/区/县 again. */
		for (size_t k = i + 1; k < j; k++) {
			const char *prev = ch[k - 1].clean;
			if (starts_org(ch[k].clean) && !ends_with(prev, "、") && !ends_with(prev, "，"))
				joined = 1;
		}
		if (joined)
			continue;
		u = concat_chunks(ch, i, j);
		ok = notice_is_org_list(u);
		free(u);
		if (ok)
			return j;
	}
	return i;
}

/* Does chunk I start a list of organisations with a whole name of its own
 * (市住房城乡建委, 改革发展局、公共), rather than only a piece of one? */
static int
org_starts_at(struct chunk *ch, size_t i, size_t limit)
{
	char *first = xstrdup(ch[i].clean), *sep = strstr(first, "、");
	int whole;

	if (sep)
		*sep = '\0';
	whole = notice_is_org_list(first);
	free(first);
	return whole && org_run(ch, i, limit) > i;
}

struct block {
	struct chunk *ch;
	size_t n, cap;
	int line;
	long seq;
	char *section;     /* a section heading seen before the item, owned */
	int first_multi;   /* the item's first line held several cells */
	size_t name_from;  /* first chunk of the name (after a 市区分级 cell) */
};

/* Column indexes of the roles the pdf layout fills. */
struct pdfcols {
	int sec, name, units, task;
};

/*
 * A row-spanning column before the name (市区分级) holds text only in the first row of
 * its span.  Its cell is the first run of lines that ends where the next line is wider
 * (wrapped lines of one cell are all full width), provided a name follows it rather than
 * the list of 责任单位.  Returns the number of chunks of that cell (0: none).
 */
static size_t
pdf_section_cell(struct block *b, size_t wall)
{
	size_t end = 0, i, widest = 0;

	for (i = 1; i < b->n; i++) {
		if (b->ch[i].lineidx == b->ch[i - 1].lineidx ||
		    text_width(b->ch[i].clean) > text_width(b->ch[i - 1].clean) + 1) {
			end = i;
			break;
		}
	}
	if (end == 0 || end + 1 >= b->n)
		return 0;
	/* Such a category column is narrow: at most half as wide as the name column. */
	for (i = 0; i < end; i++)
		if (text_width(b->ch[i].clean) > widest)
			widest = text_width(b->ch[i].clean);
	if (widest * 2 > wall || org_starts_at(b->ch, end, b->n - 1))
		return 0;
	return end;
}

static void
pdf_item(struct parser *ps, struct block *b, const struct pdfcols *pc, size_t wname,
         struct row *r)
{
	struct chunk *ch = b->ch;
	size_t n = b->n, i, ui, uj;

	for (i = 0; i < b->name_from; i++)
		piece_adds(&r->cell[pc->sec], ch[i].text, ch[i].line);
	/* The name: its first chunk, then each next line while the one before was full
	 * width and the next does not start the list of 责任单位. */
	i = b->name_from;
	if (i < n)
		piece_adds(&r->cell[pc->name], ch[i].text, ch[i].line);
	for (i++; i < n; i++) {
		int newline = ch[i].lineidx != ch[i - 1].lineidx;
		/* Full: within one wide character of the column's width. */
		int full = text_width(ch[i - 1].clean) + 2 >= wname;
		if (!newline || !full || (pc->units >= 0 && org_starts_at(ch, i, n - 1)))
			break;
		piece_adds(&r->cell[pc->name], ch[i].text, ch[i].line);
	}
	ui = i;
	uj = pc->units >= 0 && ui < n ? org_run(ch, ui, n - 1) : ui;
	if (pc->units >= 0 && uj == ui) {
		/* No list right after the name: take the first one further on, the name
		 * running on until it. */
		for (size_t k = ui + 1; k + 1 < n; k++) {
			size_t e = org_run(ch, k, n - 1);
			if (e > k) {
				for (; ui < k; ui++)
					piece_adds(&r->cell[pc->name], ch[ui].text, ch[ui].line);
				uj = e;
				break;
			}
		}
		if (uj == ui)
			warn(ps, r->line, "no 责任单位 found for item ", r->seqtext);
	}
	for (i = ui; i < uj; i++)
		piece_adds(&r->cell[pc->units], ch[i].text, ch[i].line);
	for (i = uj; i < n; i++) {
		/* Rows laid out line by line (the first line held several cells) continue the
		 * same way after a page break: "步行便捷性提升 站点步行便捷性提升项目 15". */
		if (b->first_multi && ch[i].count > 1 && ch[i].pos < ch[i].count - 1 && uj > 0 &&
		    ch[i].lineidx > ch[uj - 1].lineidx) {
			if (pc->units >= 0 && is_org_piece(ch[i].clean))
				piece_adds(&r->cell[pc->units], ch[i].text, ch[i].line);
			else
				piece_adds(&r->cell[pc->name], ch[i].text, ch[i].line);
			continue;
		}
		piece_adds(&r->cell[pc->task], ch[i].text, ch[i].line);
	}
}

static int
is_number_follower(const char *rest)
{
	for (size_t i = 0; i < sizeof after_number / sizeof after_number[0]; i++)
		if (starts_with(rest, after_number[i]))
			return 1;
	return 0;
}

static void
block_release(struct block *b)
{
	for (size_t c = 0; c < b->n; c++) {
		free(b->ch[c].text);
		free(b->ch[c].clean);
	}
	free(b->ch);
	free(b->section);
	memset(b, 0, sizeof *b);
}

static int
parse_pdf(struct parser *ps, char **cause)
{
	struct block *bl = NULL;
	size_t nbl = 0, blcap = 0, lineidx = 0, wname = 0, wall = 0;
	char *pending_section = NULL;
	struct pdfcols pc = { -1, -1, -1, -1 };
	int rc = -1;

	for (size_t c = 0; c < ps->ncols; c++) {
		int *slot = ps->cols[c] == R_SECTION ? &pc.sec
		            : ps->cols[c] == R_NAME  ? &pc.name
		            : ps->cols[c] == R_UNITS ? &pc.units
		            : ps->cols[c] == R_TASK  ? &pc.task
		                                     : NULL;
		if (slot && *slot < 0)
			*slot = (int)c;
	}
	if (pc.name < 0 || pc.task < 0)
		return fail(cause, "%s:%d: the table header has no name or task column", ps->name,
		            ps->lines[ps->header].no);

	/* Pass 1: cut the body into items at their numbers, each a list of chunks. */
	for (size_t i = ps->body; i < ps->nlines; i++) {
		struct nline *l = &ps->lines[i];
		const char *rest = l->text, *p = l->text;
		char *sec, **parts;
		size_t np;
		long v = -1;
		int start = 0;

		if (!*l->key || is_page_number(l->key) || strcmp(l->key, ps->header_key) == 0)
			continue;
		if (is_table_end(l->key))
			break;
		/* An item number at the start of the line, not followed by a unit. */
		while (*p == ' ' || *p == '\t')
			p++;
		if (isdigit((unsigned char)*p)) {
			char *e;
			v = strtol(p, &e, 10);
			if (e - p <= 3 && (*e == '\0' || *e == ' ' || *e == '\t')) {
				const char *q = e;
				while (*q == ' ' || *q == '\t')
					q++;
				if (is_seq(ps, v) && !is_number_follower(q)) {
					start = 1;
					rest = q;
				}
			}
		}
		if (!start && (sec = section_heading(l->text))) {
			free(pending_section);
			pending_section = sec;
			ps->last_seq = 0;
			continue;
		}
		if (start) {
			xgrow(&bl, &blcap, nbl + 1, sizeof *bl);
			memset(&bl[nbl], 0, sizeof *bl);
			bl[nbl].line = l->no;
			bl[nbl].seq = v;
			bl[nbl].section = pending_section;
			pending_section = NULL;
			ps->last_seq = v;
			nbl++;
			lineidx = 0;
		} else if (nbl == 0)
			continue;
		np = split_chunks(rest, &parts);
		if (start)
			bl[nbl - 1].first_multi = np > 1;
		for (size_t k = 0; k < np; k++) {
			struct block *b = &bl[nbl - 1];
			xgrow(&b->ch, &b->cap, b->n + 1, sizeof *b->ch);
			b->ch[b->n].text = parts[k];
			b->ch[b->n].clean = text_clean(parts[k]);
			b->ch[b->n].line = l->no;
			b->ch[b->n].lineidx = lineidx;
			b->ch[b->n].pos = (int)k;
			b->ch[b->n].count = (int)np;
			b->n++;
		}
		free(parts);
		if (np)
			lineidx++;
	}
	free(pending_section);

	/* Pass 2: the width of the name column is that of its widest first line. */
	for (size_t k = 0; k < nbl; k++)
		if (bl[k].n && text_width(bl[k].ch[0].clean) > wall)
			wall = text_width(bl[k].ch[0].clean);
	for (size_t k = 0; k < nbl; k++) {
		struct block *b = &bl[k];
		if (pc.sec >= 0)
			b->name_from = pdf_section_cell(b, wall);
		if (b->name_from < b->n && text_width(b->ch[b->name_from].clean) > wname)
			wname = text_width(b->ch[b->name_from].clean);
	}

	/* Pass 3: the cells of each item. */
	for (size_t k = 0; k < nbl; k++) {
		struct row r = { 0 };
		if (bl[k].section)
			set_section(ps, bl[k].section);
		r.line = bl[k].line;
		r.seq = bl[k].seq;
		r.seqtext = xasprintf("%ld", bl[k].seq);
		pdf_item(ps, &bl[k], &pc, wname, &r);
		if (row_emit(ps, &r, cause) < 0) {
			row_release(&r);
			goto out;
		}
		row_release(&r);
	}
	rc = 0;
out:
	for (size_t k = 0; k < nbl; k++)
		block_release(&bl[k]);
	free(bl);
	return rc;
}

/* ---- header and notice head ---- */

/* Split a one-line header into cells: by tabs when it has any, else by spaces, joining a
 * lone number with the next word ("2026 年工作任务"). */
static size_t
header_cells(const char *text, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *seps = strchr(text, '\t') ? "\t" : " \t";
	char *copy = xstrdup(text), *save = NULL, *tok;
	char *carry = NULL;

	for (tok = strtok_r(copy, seps, &save); tok; tok = strtok_r(NULL, seps, &save)) {
		char *k = text_key(tok);
		if (!*k) {
			free(k);
			continue;
		}
		if (carry) {
			char *j = xasprintf("%s%s", carry, k);
			free(carry);
			free(k);
			k = j;
			carry = NULL;
		}
		if (seq_value(k) >= 0 || (strlen(k) == 4 && seq_value(k + 1) >= 0)) {
			carry = k;
			continue;
		}
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = k;
	}
	if (carry) {
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = carry;
	}
	free(copy);
	*out = v;
	return n;
}

static int
set_columns(struct parser *ps, char **cells, size_t n)
{
	int seen_seq = 0, seen_name = 0, seen_task = 0;
	struct sb key = SB_INIT;

	if (n > 32 || n < 3)
		return 0;
	for (size_t i = 0; i < n; i++) {
		ps->cols[i] = header_role(cells[i]);
		seen_seq |= ps->cols[i] == R_SEQ;
		seen_name |= ps->cols[i] == R_NAME;
		seen_task |= ps->cols[i] == R_TASK;
		sb_adds(&key, cells[i]);
	}
	if (!seen_seq || !seen_name || !seen_task || ps->cols[0] != R_SEQ) {
		sb_release(&key);
		return 0;
	}
	ps->ncols = n;
	free(ps->header_key);
	ps->header_key = sb_detach(&key);
	return 1;
}

/* Find the table header; returns the layout name or NULL. */
static const char *
find_header(struct parser *ps)
{
	for (size_t i = 0; i < ps->nlines; i++) {
		struct nline *l = &ps->lines[i];
		char **cells = NULL;
		size_t n = 0;
		const char *layout = NULL;

		if (!starts_with(l->key, "序号") && !starts_with(l->key, "编号"))
			continue;
		if (strcmp(l->key, "序号") == 0 || strcmp(l->key, "编号") == 0) {
			/* One header cell per line. */
			size_t j;
			for (j = i; j < ps->nlines && ps->lines[j].text[0] == '\t' && *ps->lines[j].key;
			     j++) {
				cells = xrealloc(cells, (n + 1) * sizeof *cells);
				cells[n++] = xstrdup(ps->lines[j].key);
			}
			if (set_columns(ps, cells, n)) {
				ps->body = j;
				layout = "cells";
			}
		} else {
			n = header_cells(l->text, &cells);
			if (set_columns(ps, cells, n)) {
				ps->body = i + 1;
				layout = strchr(l->text, '\t') ? "rows" : "pdf";
			}
		}
		for (size_t k = 0; k < n; k++)
			free(cells[k]);
		free(cells);
		if (layout) {
			ps->header = i;
			return layout;
		}
	}
	return NULL;
}

/* Find "YYYY年M月D日" in KEY; returns it as YYYY-MM-DD or NULL. */
static char *
find_date(const char *key)
{
	for (const char *p = key; *p; p++) {
		int y, m, d, n = 0;
		if (!isdigit((unsigned char)*p) || (p > key && isdigit((unsigned char)p[-1])))
			continue;
		if (sscanf(p, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3 && n > 0 && y >= 1949 &&
		    y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
			return xasprintf("%04d-%02d-%02d", y, m, d);
	}
	return NULL;
}

/* A document number such as 渝府办发〔2025〕13号: text before 〔YYYY〕 and up to 号. */
static char *
find_doc_number(const char *key)
{
	const char *b = strstr(key, "〔");
	const char *e, *start = key;

	if (!b || !(e = strstr(b, "号")))
		return NULL;
	/* The number starts after the last ASCII character before the bracket. */
	for (const char *p = key; p < b; p++)
		if ((unsigned char)*p < 0x80)
			start = p + 1;
	return xstrndup(start, (size_t)(e - start) + strlen("号"));
}

static void
parse_head(struct parser *ps)
{
	struct notice *n = ps->n;

	for (size_t i = 0; i < ps->header; i++) {
		const char *k = ps->lines[i].key;
		if (!n->doc_number && strlen(k) < 60)
			n->doc_number = find_doc_number(k);
		if (!n->issued)
			n->issued = find_date(k);
		if (!n->issuer && (ends_with(k, "办公厅") || ends_with(k, "办公室") ||
		                   strstr(k, "人民政府") || strstr(k, "管委会")) &&
		    !strstr(k, "关于") && !strstr(k, "：") && strlen(k) < 60)
			n->issuer = xstrdup(k);
	}
	/* The table's title is the last line before the header that is not 附件N. */
	for (size_t i = ps->header; i-- > 0;) {
		const char *k = ps->lines[i].key;
		if (!*k || (starts_with(k, "附件") && strlen(k) <= strlen("附件") + 3))
			continue;
		n->title = xstrdup(k);
		break;
	}
	if (n->title) {
		const char *p = n->title;
		while (*p && !(isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
		               isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		               starts_with(p + 4, "年")))
			p++;
		if (*p) {
			n->year = atoi(p);
			n->jurisdiction = xstrndup(n->title, (size_t)(p - n->title));
		}
	}
	if (!n->jurisdiction || !*n->jurisdiction) {
		free(n->jurisdiction);
		n->jurisdiction = xstrdup("");
	}
	if (ends_with(n->jurisdiction, "市") || ends_with(n->jurisdiction, "州") ||
	    ends_with(n->jurisdiction, "盟"))
		n->level = xstrdup("city");
	else if (ends_with(n->jurisdiction, "区") || ends_with(n->jurisdiction, "县") ||
	         ends_with(n->jurisdiction, "旗"))
		n->level = xstrdup("district");
	else if (ends_with(n->jurisdiction, "省"))
		n->level = xstrdup("province");
	else
		n->level = xstrdup("");
	if (!n->doc_number)
		n->doc_number = xstrdup("");
	if (!n->issued)
		n->issued = xstrdup("");
	if (!n->title)
		n->title = xstrdup("");
	if (!n->issuer)
		n->issuer = xstrdup("");
}

/* Letters for sections where numbering restarts: A1…A13, B1…B10. */
static int
prefix_sections(struct parser *ps, char **cause)
{
	struct notice *n = ps->n;
	int dup = 0;

	for (size_t i = 0; i < n->nitems && !dup; i++)
		for (size_t j = i + 1; j < n->nitems; j++)
			if (strcmp(n->items[i].seq, n->items[j].seq) == 0) {
				dup = 1;
				break;
			}
	if (!dup)
		return 0;
	if (ps->nsections == 0 || ps->nsections > 26)
		return fail(cause, "%s:%d: item numbers repeat without sections", ps->name,
		            n->items[n->nitems - 1].line);
	for (size_t i = 0; i < n->nitems; i++) {
		size_t s;
		for (s = 0; s < ps->nsections; s++)
			if (strcmp(ps->sections[s], n->items[i].section) == 0)
				break;
		if (s == ps->nsections)
			return fail(cause, "%s:%d: item %s repeats a number outside any section",
			            ps->name, n->items[i].line, n->items[i].seq);
		char *p = xasprintf("%c%s", (char)('A' + s), n->items[i].seq);
		free(n->items[i].seq);
		n->items[i].seq = p;
	}
	for (size_t i = 0; i < n->nitems; i++)
		for (size_t j = i + 1; j < n->nitems; j++)
			if (strcmp(n->items[i].seq, n->items[j].seq) == 0)
				return fail(cause, "%s:%d: duplicate item number %s", ps->name,
				            n->items[j].line, n->items[j].seq);
	return 0;
}

static int
ends_sentence(const char *s)
{
	static const char *const ends[] = { "。", "；", "！", "）", ".", ";", "”" };
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (ends_with(s, ends[i]))
			return 1;
	return 0;
}

/*
 * A notice cut off mid-table (a download that stopped) still gives the items it holds,
 * but the last one may be incomplete: no task, no units where the others have some, or a
 * task that stops mid-sentence where the others end theirs.  Say so, naming the last
 * complete item.
 */
static void
check_cut_off(struct parser *ps)
{
	struct notice *n = ps->n;
	const struct notice_item *last, *prev;
	size_t ended = 0, with_units = 0;
	int cut;

	if (n->nitems < 2)
		return;
	last = &n->items[n->nitems - 1];
	prev = &n->items[n->nitems - 2];
	for (size_t i = 0; i + 1 < n->nitems; i++) {
		ended += ends_sentence(n->items[i].task);
		with_units += *n->items[i].units != '\0';
	}
	cut = !*last->task || !*last->name ||
	      (!*last->units && with_units == n->nitems - 1) ||
	      (!ends_sentence(last->task) && ended * 5 >= (n->nitems - 1) * 4);
	if (cut) {
		char *msg = xasprintf("the table seems cut off in item %s; the last complete item "
		                      "is %s (%s)",
		                      last->seq, prev->seq, prev->name);
		warn(ps, last->line, msg, NULL);
		free(msg);
	}
}

static void
parser_release(struct parser *ps)
{
	for (size_t i = 0; i < ps->nlines; i++) {
		free(ps->lines[i].text);
		free(ps->lines[i].key);
	}
	free(ps->lines);
	free(ps->header_key);
	free(ps->section);
	for (size_t i = 0; i < ps->nsections; i++)
		free(ps->sections[i]);
	free(ps->sections);
}

struct notice *
notice_parse(const char *buf, size_t len, const char *name, char **cause)
{
	struct parser ps = { 0 };
	const char *enc = NULL, *layout;
	char *text, *p, *nl;
	int no = 0, rc;

	if (len > NOTICE_MAX_BYTES) {
		fail(cause, "%s: notice larger than %u bytes", name, NOTICE_MAX_BYTES);
		return NULL;
	}
	if (!(text = text_decode(buf, len, name, &enc, cause)))
		return NULL;
	ps.name = name;
	for (p = text; *p || p == text; p = nl + 1) {
		size_t n;
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		no++;
		if (n > NOTICE_MAX_LINE) {
			fail(cause, "%s:%d: line longer than %u bytes", name, no, NOTICE_MAX_LINE);
			free(text);
			parser_release(&ps);
			return NULL;
		}
		xgrow(&ps.lines, &ps.lcap, ps.nlines + 1, sizeof *ps.lines);
		ps.lines[ps.nlines].text = xstrndup(p, n);
		ps.lines[ps.nlines].key = text_key(ps.lines[ps.nlines].text);
		ps.lines[ps.nlines].no = no;
		ps.nlines++;
		if (!nl)
			break;
	}
	free(text);

	if (!(layout = find_header(&ps))) {
		fail(cause, "%s:%d: no task table (no header row with 序号, 项目名称 and 工作任务)",
		     name, no);
		parser_release(&ps);
		return NULL;
	}
	ps.n = xcalloc(1, sizeof *ps.n);
	ps.n->encoding = enc;
	ps.n->layout = layout;
	parse_head(&ps);
	if (strcmp(layout, "rows") == 0)
		rc = parse_rows(&ps, cause);
	else if (strcmp(layout, "cells") == 0)
		rc = parse_cells(&ps, cause);
	else
		rc = parse_pdf(&ps, cause);
	if (rc == 0 && ps.n->nitems == 0)
		rc = fail(cause, "%s:%d: the task table has no items", name, ps.lines[ps.header].no);
	if (rc == 0)
		rc = prefix_sections(&ps, cause);
	if (rc == 0)
		check_cut_off(&ps);
	if (rc < 0) {
		notice_free(ps.n);
		parser_release(&ps);
		return NULL;
	}
	parser_release(&ps);
	return ps.n;
}

struct notice *
notice_load(const char *path, char **cause)
{
	size_t len;
	char *buf = file_read(path, NOTICE_MAX_BYTES, &len, cause);
	struct notice *n;

	if (!buf)
		return NULL;
	n = notice_parse(buf, len, path, cause);
	free(buf);
	return n;
}

void
notice_free(struct notice *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nitems; i++) {
		struct notice_item *it = &n->items[i];
		free(it->seq);
		free(it->section);
		free(it->name);
		free(it->units);
		free(it->task);
		free(it->deadline);
		free(it->note);
		free(it->task_lines);
	}
	free(n->items);
	for (size_t i = 0; i < n->nwarnings; i++)
		free(n->warnings[i]);
	free(n->warnings);
	free(n->jurisdiction);
	free(n->level);
	free(n->doc_number);
	free(n->issued);
	free(n->title);
	free(n->issuer);
	free(n);
}
