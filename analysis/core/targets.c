/* targets: see targets.h. */
#include "core/targets.h"
#include "core/label.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/bulk.h"
#include "base/text.h"
#include "base/memo.h"
#include "base/util.h"

/* ---- keyword tables ---- */

/* Units and measure words, with what yoy writes for them and their kind.  Longer entries
 * first: 人次 before 人, 平方公里 before 公里. */
static const struct unit {
	const char *text, *norm;
	enum tkind kind;
} units[] = {
	{ "平方公里", "平方公里", KIND_AREA }, { "平方米", "平方米", KIND_AREA },
	{ "㎡", "平方米", KIND_AREA },         { "平米", "平方米", KIND_AREA },
	{ "公顷", "公顷", KIND_AREA },
	{ "亩", "亩", KIND_AREA },             { "公里", "公里", KIND_LENGTH },
	{ "千米", "公里", KIND_LENGTH },       { "km", "公里", KIND_LENGTH },
	{ "米", "米", KIND_LENGTH },           { "人次", "人次", KIND_COUNT },
	{ "场次", "场次", KIND_COUNT },        { "户次", "户次", KIND_COUNT },
	{ "台次", "台次", KIND_COUNT },        { "车次", "车次", KIND_COUNT },
	{ "条次", "条次", KIND_COUNT },        { "批次", "批次", KIND_COUNT },
	{ "班次", "班次", KIND_COUNT },        { "架次", "架次", KIND_COUNT },
	{ "个百分点", "个百分点", KIND_PERCENT }, { "%", "%", KIND_PERCENT },
	{ "人", "人", KIND_COUNT },            { "名", "名", KIND_COUNT },
	{ "户", "户", KIND_COUNT },            { "个", "个", KIND_COUNT },
	{ "所", "所", KIND_COUNT },            { "家", "家", KIND_COUNT },
	{ "处", "处", KIND_COUNT },            { "座", "座", KIND_COUNT },
	{ "台", "台", KIND_COUNT },            { "部", "部", KIND_COUNT },
	{ "条", "条", KIND_COUNT },            { "期", "期", KIND_COUNT },
	{ "场", "场", KIND_COUNT },            { "项", "项", KIND_COUNT },
	{ "套", "套", KIND_COUNT },            { "间", "间", KIND_COUNT },
	{ "张", "张", KIND_COUNT },            { "口", "口", KIND_COUNT },
	{ "盏", "盏", KIND_COUNT },            { "架", "架", KIND_COUNT },
	{ "栋", "栋", KIND_COUNT },            { "幢", "幢", KIND_COUNT },
	{ "辆", "辆", KIND_COUNT },            { "吨", "吨", KIND_COUNT },
	{ "元", "元", KIND_COUNT },            { "床", "床", KIND_COUNT },
	{ "支", "支", KIND_COUNT },            { "批", "批", KIND_COUNT },
	{ "块", "块", KIND_COUNT },            { "片", "片", KIND_COUNT },
	{ "组", "组", KIND_COUNT },            { "件", "件", KIND_COUNT },
	{ "棵", "棵", KIND_COUNT },            { "株", "株", KIND_COUNT },
	{ "本", "本", KIND_COUNT },            { "册", "册", KIND_COUNT },
	{ "段", "段", KIND_COUNT },            { "班", "班", KIND_COUNT },
	{ "站", "站", KIND_COUNT },            { "种", "种", KIND_COUNT },
	{ "类", "类", KIND_COUNT },            { "份", "份", KIND_COUNT },
};

/* What follows a number that is not a target: ages, years, frequencies, time spans. */
static const char *const not_units[] = {
	"周岁", "岁", "年", "届", "次", "分钟", "小时", "天", "月", "日", "号", "级", "倍", "期间",
};

/* Words before a number that bound it. Single-character words must touch the number. */
static const struct bound {
	const char *text;
	enum qual q;
} pre_quals[] = {
	{ "不少于", QUAL_GE }, { "不低于", QUAL_GE }, { "不超过", QUAL_LE }, { "至少", QUAL_GE },
	{ "超过", QUAL_GE },   { "多于", QUAL_GE },   { "高于", QUAL_GE },   { "以上", QUAL_GE },
	{ "超", QUAL_GE },     { "约", QUAL_ABOUT },  { "近", QUAL_ABOUT },
}, post_quals[] = {
	{ "以上", QUAL_GE }, { "以内", QUAL_LE }, { "以下", QUAL_LE }, { "左右", QUAL_ABOUT },
	{ "余", QUAL_ABOUT },
};

/* Markers that make the numbers after them (in the same sentence) per unit: ratio. */
static const char *const ratio_marks[] = { "每", "日均", "人均", "户均", "各区", "各镇", "各街道" };
/* Words that end a ratio's reach: totals. */
static const char *const ratio_resets[] = { "合计", "共计", "总计", "累计", "全市", "全区" };

/* Nouns for people, counted without a measure word: 惠及150万农村人口, 13.6万居民. */
static const char *const people[] = { "农村人口", "人口", "居民", "群众", "村民", "市民",
	                              "学生", "儿童", "老人", "妇女", "职工", "农民" };

/* Where a metric taken after the number ends. */
static const char *const metric_stop[] = {
	"提供", "开展", "进行", "实现", "，", "。", "；", "（", "：", "）", "(", ")",
};
/* Verbs that open a new clause: a metric after the number never starts with one
 * (普及应急救护知识33万人次 培训救护师资500名, where the notice lost its comma). */
static const char *const clause_verbs[] = {
	"培训", "培育", "完成", "建设", "建成", "新增", "组织", "开展", "普及", "实施", "打造",
	"提升", "推进", "推动", "举办", "发放", "启动", "实现", "覆盖", "惠及",
};

const char *
tkind_name(enum tkind k)
{
	static const char *const names[] = { "count", "area", "length", "percent", "ratio",
		                             "cumulative" };
	return (size_t)k < NELEM(names) ? names[k] : "count";
}

const char *
qual_name(enum qual q)
{
	static const char *const names[] = { "=", ">=", "<=", "~" };
	return (size_t)q < NELEM(names) ? names[q] : "=";
}


/* ---- the text as code points, normalised for parsing ---- */

struct text {
	int32_t *cp;   /* NFKC of each code point when that is one code point, else itself;
	                * of the simplified text when the printed one is traditional */
	size_t *off;   /* byte offset of each code point; off[n] is the length */
	size_t n;
	const char *s;
	char *simp;    /* the text in simplified characters (as many code points), or NULL */
	size_t *soff;  /* byte offsets in simp */
	uint32_t *lastq; /* the last “ or ” before each code point, or NO_QUOTE */
	/* Where the arrays above and every span read while the task is scanned (pspan) are
	 * made, freed at once when it is done: a task makes a few dozen. */
	struct pool *pool;
};
#define NO_QUOTE UINT32_MAX

static int
is_digit_c(int32_t c)
{
	return c >= '0' && c <= '9';
}

static int
is_latin_c(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int32_t
norm_cp(int32_t c)
{
	utf8proc_int32_t buf[4];
	utf8proc_ssize_t n;
	int last = 0;

	if (c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x2000 && c <= 0x206F) ||
	    (c >= 0x3000 && c <= 0x303F))
		return c; /* ASCII, CJK and their punctuation: NFKC leaves what we read alone */
	if (c >= 0xFF01 && c <= 0xFF5E) {
		/* Full-width forms: digits, letters, % and . are read as ASCII. */
		int32_t a = c - 0xFF01 + 0x21;
		return is_digit_c(a) || is_latin_c(a) || a == '%' || a == '.' ? a : c;
	}
	n = utf8proc_decompose_char(c, buf, 4, UTF8PROC_COMPAT | UTF8PROC_COMPOSE, &last);
	/* Only digits, Latin letters, % and the decimal point are read through their
	 * compatibility form (２０２６ → 2026, ％ → %); punctuation keeps its own form, so
	 * that （ and ， stay what the keyword tables say. */
	if (n == 1 && buf[0] < 0x80 &&
	    (is_digit_c(buf[0]) || is_latin_c(buf[0]) || buf[0] == '%' || buf[0] == '.'))
		return buf[0];
	return c;
}

static void
text_release(struct text *t)
{
	free(t->simp);
}

/* Is a pinyin gloss that a page injected after a character (學(xué), 報（bào）) at I? Its
 * length in code points, brackets included, or 0. */
static size_t
gloss_at(const int32_t *c, size_t i, size_t n)
{
	size_t j = i + 1;

	if (i == 0 || i >= n || (c[i] != '(' && c[i] != 0xFF08) || !text_is_han(c[i - 1]))
		return 0;
	/* Lower-case Latin with the tone marks of pinyin (Latin-1 and Latin Extended). */
	while (j < n && j - i <= 7 && ((c[j] >= 'a' && c[j] <= 'z') || (c[j] >= 0xE0 && c[j] <= 0xFC) ||
	                              (c[j] >= 0x100 && c[j] <= 0x1DC)))
		j++;
	if (j == i + 1 || j >= n || (c[j] != ')' && c[j] != 0xFF09))
		return 0;
	return j + 1 - i;
}

/* The code points of S and the byte offset of each, in POOL; returns how many. */
static size_t
decode(const char *s, int32_t **cp, size_t **off, struct pool *pool)
{
	size_t len = strlen(s), i = 0, n = 0;
	int32_t c;
	int k;

	*cp = pool_alloc(pool, (len + 1) * sizeof **cp);
	*off = pool_alloc(pool, (len + 1) * sizeof **off);
	while ((k = u8_next(s + i, &c)) > 0) {
		(*cp)[n] = c < 0 ? 0xFFFD : c;
		(*off)[n++] = i;
		i += (size_t)k;
	}
	(*off)[n] = i;
	return n;
}

/*
 * The text as the rules read it: code points normalised (norm_cp), pinyin glosses left
 * out, and traditional text in simplified characters (個 is 个, 萬 is 万), code point for
 * code point, so that spans of the printed text stay at hand for raw.  Its arrays and
 * spans are made in POOL.
 */
static void
text_load(struct text *t, const char *s, struct pool *pool)
{
	int32_t *pc, *sc = NULL;
	size_t *po, *so = NULL, n, m = 0, k = 0;

	memset(t, 0, sizeof *t);
	t->s = s;
	t->pool = pool;
	n = decode(s, &pc, &po, t->pool);
	if (text_cps_maybe_traditional(pc, n)) {
		t->simp = text_simplify(s);
		if (decode(t->simp, &sc, &so, t->pool) != n) {
			free(t->simp);
			t->simp = NULL;
			sc = NULL;
			so = NULL;
		}
	}
	t->cp = pool_alloc(t->pool, (n + 1) * sizeof *t->cp);
	t->off = pool_alloc(t->pool, (n + 1) * sizeof *t->off);
	if (t->simp)
		t->soff = pool_alloc(t->pool, (n + 1) * sizeof *t->soff);
	/* Where quotation marks are, for in_quotes(): asked at every clause mark, many times
	 * over as each target looks for its clause. */
	t->lastq = pool_alloc(t->pool, (n + 1) * sizeof *t->lastq);
	t->lastq[0] = NO_QUOTE;
	while (k < n) {
		int32_t c;
		size_t g;
		if ((pc[k] == '(' || pc[k] == 0xFF08) && (g = gloss_at(pc, k, n)) > 0) {
			k += g;
			continue;
		}
		c = t->cp[m] = norm_cp(sc ? sc[k] : pc[k]);
		t->off[m] = po[k];
		if (so)
			t->soff[m] = so[k];
		t->lastq[m + 1] = c == 0x201C || c == 0x201D ? (uint32_t)m : t->lastq[m];
		m++;
		k++;
	}
	t->n = m;
	t->off[m] = po[n];
	t->cp[m] = 0;
	if (so)
		t->soff[m] = so[n];
}

/* Does the text at I spell W (a keyword)?  Returns the number of code points matched or
 * 0. */
static size_t
at(const struct text *t, size_t i, const char *w)
{
	size_t j = i;
	int32_t c;
	int k;

	while ((k = u8_next(w, &c)) > 0) {
		if (j >= t->n || t->cp[j] != c)
			return 0;
		j++;
		w += k;
	}
	return j - i;
}

/* The words of pre_quals as code points, decoded once (mark_init): read_qualifier asks
 * for each of them at five places before every number. */
static struct {
	int32_t cp[8]; /* the words have three characters at most */
	size_t n;
} pre_qual_cps[NELEM(pre_quals)];
static struct text_cpset pre_qual_last; /* their last code points */

/* Does the text end at I (exclusive) with the N code points W?  Returns N or 0. */
static size_t
before(const struct text *t, size_t i, const int32_t *w, size_t n)
{
	if (n == 0 || n > i)
		return 0;
	for (size_t k = n; k-- > 0;) /* from the last: most places differ there */
		if (t->cp[i - n + k] != w[k])
			return 0;
	return n;
}

#define is_digit is_digit_c
#define is_latin is_latin_c

/* The value of a Chinese digit (零〇一二两三四五六七八九), or -1.  Asked of every character
 * of every task: a switch on the code point (a few comparisons), not a list walked. */
static int
chinese_digit_value(int32_t c)
{
	switch (c) {
	case 0x96F6: case 0x3007: return 0;
	case 0x4E00: return 1;
	case 0x4E8C: case 0x4E24: return 2;
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	default: return -1;
	}
}

static int
is_chinese_digit(int32_t c)
{
	return chinese_digit_value(c) >= 0;
}

static int
is_open_paren(int32_t c)
{
	return c == 0xFF08 || c == '(';
}

static int
is_close_paren(int32_t c)
{
	return c == 0xFF09 || c == ')';
}

/* Sentence and clause ends. */
static int
is_sentence_end(int32_t c)
{
	if (c >= 0x4E00 && c <= 0x9FFF)
		return 0; /* most characters: CJK ideographs */
	return c == 0x3002 || c == 0xFF1B || c == ';' || c == 0xFF01 || c == '\n';
}

static int
is_clause_end(int32_t c)
{
	if (c >= 0x4E00 && c <= 0x9FFF)
		return 0;
	return is_sentence_end(c) || c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1A ||
	       c == ':';
}

/* ---- numbers ---- */

struct num {
	size_t start, end;   /* code point span */
	double value;
	int ok;
};

/*
 * An Arabic number at I: digits with an optional decimal part, times 万/亿, computed
 * exactly (16.4亿 is 164 × 10^7, not 16.4 × 10^8).  A 余 between the digits and the
 * multiplier (6万余名 has it after) sets *approx.
 */
static struct num
arabic(const struct text *t, size_t i, int *approx)
{
	struct num r = { i, i, 0, 0 };
	int64_t mant = 0;
	int scale = 0, digits = 0, exp10 = 0;
	size_t j = i;

	while (j < t->n && is_digit(t->cp[j])) {
		if (++digits > 15)
			return r; /* too long to be a target */
		mant = mant * 10 + (t->cp[j] - '0');
		j++;
	}
	if (j + 1 < t->n && t->cp[j] == '.' && is_digit(t->cp[j + 1])) {
		j++;
		while (j < t->n && is_digit(t->cp[j])) {
			if (++digits > 15)
				return r;
			mant = mant * 10 + (t->cp[j] - '0');
			scale++;
			j++;
		}
	}
	if (j < t->n && t->cp[j] == 0x4F59 /* 余 */ && j + 1 < t->n &&
	    (t->cp[j + 1] == 0x4E07 || t->cp[j + 1] == 0x4EBF)) {
		*approx = 1;
		j++;
	}
	if (j < t->n && t->cp[j] == 0x4E07 /* 万 */) {
		exp10 = 4;
		j++;
	} else if (j < t->n && t->cp[j] == 0x4EBF /* 亿 */) {
		exp10 = 8;
		j++;
	}
	exp10 -= scale;
	r.value = (double)mant;
	if (exp10 > 0)
		r.value = (double)mant * pow(10, exp10);
	else if (exp10 < 0) {
		/* Print-exact decimals: divide once by the power of ten. */
		r.value = (double)mant / pow(10, -exp10);
	}
	r.end = j;
	r.ok = 1;
	return r;
}

/*
 * A Chinese numeral at I that counts something: it must hold a magnitude (两千, 一万,
 * 三百): 四个环节, 两癌, 一老一小 and 八中 have none and are words, not numbers.
 */
static struct num
chinese(const struct text *t, size_t i)
{
	struct num r = { i, i, 0, 0 };
	double total = 0, section = 0, digit = -1;
	int magnitude = 0;
	size_t j = i;

	for (; j < t->n; j++) {
		int32_t c = t->cp[j];
		int v = chinese_digit_value(c);
		if (v >= 0) {
			if (digit >= 0)
				return r; /* two digits in a row: not a number we read */
			digit = v;
			continue;
		}
		if (c == 0x5341 /* 十 */ || c == 0x767E /* 百 */ || c == 0x5343 /* 千 */) {
			double m = c == 0x5341 ? 10 : c == 0x767E ? 100 : 1000;
			section += (digit < 0 ? 1 : digit) * m;
			digit = -1;
			magnitude = 1;
			continue;
		}
		if (c == 0x4E07 /* 万 */ || c == 0x4EBF /* 亿 */) {
			double m = c == 0x4E07 ? 1e4 : 1e8;
			section += digit < 0 ? 0 : digit;
			total += (section == 0 ? 1 : section) * m;
			section = 0;
			digit = -1;
			magnitude = 1;
			continue;
		}
		break;
	}
	if (!magnitude)
		return r;
	total += section + (digit < 0 ? 0 : digit);
	r.value = total;
	r.end = j;
	r.ok = 1;
	return r;
}

/* ---- one target ---- */

/* The first code point of each word of the lists asked at every number or every
 * character of a phrase, found once (mark_init): most words differ there already. */
static int32_t unit_first[NELEM(units)], not_unit_first[NELEM(not_units)],
        stop_first[NELEM(metric_stop)], verb_first[NELEM(clause_verbs)],
        post_first[NELEM(post_quals)];

/* at(T, I, W) for a word W whose first code point is FIRST. */
static size_t
at_first(const struct text *t, size_t i, const char *w, int32_t first)
{
	return i < t->n && t->cp[i] == first ? at(t, i, w) : 0;
}

static const struct unit *
unit_at(const struct text *t, size_t i, size_t *len)
{
	for (size_t k = 0; k < NELEM(units); k++)
		if ((*len = at_first(t, i, units[k].text, unit_first[k])) > 0) {
			/* A Latin unit must not run on into a word: "km" yes, "kmh" no. */
			if (is_latin(t->cp[i]) && i + *len < t->n && is_latin(t->cp[i + *len]))
				continue;
			return &units[k];
		}
	*len = 0;
	return NULL;
}

static int
not_unit_at(const struct text *t, size_t i)
{
	for (size_t k = 0; k < NELEM(not_units); k++)
		if (at_first(t, i, not_units[k], not_unit_first[k]))
			return 1;
	return 0;
}

/* The printed span of the text from A to B, interned. */
static const char *
span(const struct text *t, size_t a, size_t b)
{
	return intern_n(t->s + t->off[a], t->off[b] - t->off[a]);
}

/* The same span as the rules read it (in simplified characters), in the text's pool. */
static char *
pspan(const struct text *t, size_t a, size_t b)
{
	if (!t->simp)
		return pool_strndup(t->pool, t->s + t->off[a], t->off[b] - t->off[a]);
	return pool_strndup(t->pool, t->simp + t->soff[a], t->soff[b] - t->soff[a]);
}

/* Nouns of places and works that a size (50户以上, 100平方米以上) picks out rather than
 * counts. */
static const char *const sized_nouns[] = {
	"自然村", "行政村", "村寨", "村庄", "木质房屋", "房屋", "小区", "社区", "企业", "单位",
	"学校", "医院", "场所", "建筑", "住宅", "楼", "道路", "河道", "水库", "工程", "项目", "村",
};

static const struct unit *unit_at(const struct text *t, size_t i, size_t *len);

/*
 * Is the number at I a size that picks what is counted (230个50户以上木质房屋, 实现…、20户
 * 以上自然村…全覆盖) — a number, its unit, 以上 or 以下 and a noun — glued to the count
 * before it (at LAST, where that one ends) or naming a place or a work?
 */
static int
threshold_at(const struct text *t, size_t i, size_t last)
{
	size_t j = i, ul, k;

	while (j < t->n && (is_digit(t->cp[j]) || t->cp[j] == '.'))
		j++;
	if (j == i || !unit_at(t, j, &ul))
		return 0;
	j += ul;
	if (!(k = at(t, j, "以上")) && !(k = at(t, j, "以下")))
		return 0;
	j += k;
	if (j >= t->n || !text_is_han(t->cp[j]))
		return 0;
	if (last == i)
		return 1;
	for (k = 0; k < NELEM(sized_nouns); k++)
		if (at(t, j, sized_nouns[k]))
			return 1;
	return 0;
}

/*
 * The noun phrase after a number and its unit (建设100个口袋公园 → 口袋公园): up to a clause
 * end, a number or a verb that starts a new phrase.  Returns where it ends.
 */
static size_t
after_end(const struct text *t, size_t tend)
{
	size_t j = tend, k;

	while (j < t->n && (!is_clause_end(t->cp[j]) || t->cp[j] == 0x3001)) {
		int stop = 0;
		if (t->cp[j] == 0x201C) { /* a quoted name is one noun: “15分钟高品质生活服务圈” */
			size_t q = j + 1;
			while (q < t->n && t->cp[q] != 0x201D && q - j < 40)
				q++;
			if (q < t->n && t->cp[q] == 0x201D) {
				j = q + 1;
				continue;
			}
		}
		if (t->cp[j] == 0x3001 /* 、 */) {
			/* An enumeration of nouns (小学高年级、初中、高中学生) belongs to the phrase;
			 * one that goes on to the next number (100个口袋公园、10座) does not. */
			size_t q = j + 1;
			int verb = 0;
			while (q < t->n && !is_clause_end(t->cp[q]) && !is_digit(t->cp[q]) && !verb) {
				for (k = 0; k < NELEM(metric_stop) && !verb; k++)
					verb = !is_open_paren(t->cp[q]) && !is_close_paren(t->cp[q]) &&
					       at_first(t, q, metric_stop[k], stop_first[k]) > 0;
				if (!verb)
					q++;
			}
			if (q < t->n && is_digit(t->cp[q]))
				break;
			j++;
			continue;
		}
		if (is_digit(t->cp[j]) && threshold_at(t, j, j == tend ? j : (size_t)-1)) {
			/* 230个50户以上木质房屋: the size is part of the noun. */
			size_t ul;
			while (is_digit(t->cp[j]) || t->cp[j] == '.')
				j++;
			unit_at(t, j, &ul);
			j += ul + 2; /* the unit, 以上 or 以下 */
			continue;
		}
		if (is_digit(t->cp[j])) {
			size_t q = j;
			while (q < t->n && is_digit(t->cp[q]))
				q++;
			if (q >= t->n || !is_latin(t->cp[q]))
				break; /* the next number; 5G is a name */
			j = q;
			continue;
		}
		if (is_open_paren(t->cp[j]) && j > tend) {
			/* A short aside inside the noun (安葬（放）设施) is part of it; one right
			 * after the unit (1家（小曲景苑东侧）) is a remark. */
			size_t q = j + 1;
			while (q < t->n && q - j <= 6 && !is_close_paren(t->cp[q]) && !is_clause_end(t->cp[q]))
				q++;
			if (q < t->n && is_close_paren(t->cp[q]) && q + 1 < t->n && !is_clause_end(t->cp[q + 1]) &&
			    !is_digit(t->cp[q + 1])) {
				j = q + 1;
				continue;
			}
			/* At the end, an abbreviation (自动体外除颤器（AED）) names it too. */
			if (q < t->n && is_close_paren(t->cp[q]) && q > j + 1) {
				size_t r = j + 1;
				while (r < q && (is_latin(t->cp[r]) || is_digit(t->cp[r])))
					r++;
				if (r == q) {
					j = q + 1;
					break;
				}
			}
		}
		for (k = 0; k < NELEM(metric_stop) && !stop; k++)
			stop = at_first(t, j, metric_stop[k], stop_first[k]) > 0;
		if (stop)
			break;
		j++;
	}
	for (k = 0; k < NELEM(clause_verbs); k++)
		if (at_first(t, tend, clause_verbs[k], verb_first[k]))
			j = tend;
	return j;
}

/* The noun phrase after a number, read: after its last 的 (宜居宜业、便捷和谐的高品质
 * 生活圈 → 高品质生活圈) unless what follows the 的 lists aspects (道路交通、卫生条件). */
static char *
after_phrase(const struct text *t, size_t tend, size_t end)
{
	char *after = pspan(t, tend, end), *de = NULL, *p = after;

	while ((p = strstr(p, "的"))) {
		de = p;
		p += strlen("的");
	}
	if (de && text_width(de + strlen("的")) >= 4 && !strstr(de, "、"))
		memmove(after, de + strlen("的"), strlen(de + strlen("的")) + 1);
	else if (de)
		*de = '\0';
	return after;
}

/* Is I inside a quotation “…” (opened within 40 code points)? */
static int
in_quotes(const struct text *t, size_t i)
{
	uint32_t q = t->lastq[i];

	return q != NO_QUOTE && i - q <= 40 && t->cp[q] == 0x201C;
}

/* A clause: from after a ，；。：(or the start) to before the next; 、 does not end one,
 * nor does a mark inside quotation marks. */
static int
is_clause_mark(const struct text *t, size_t i)
{
	return is_clause_end(t->cp[i]) && t->cp[i] != 0x3001 && !in_quotes(t, i);
}

static size_t
clause_start(const struct text *t, size_t i)
{
	while (i > 0 && !is_clause_mark(t, i - 1))
		i--;
	return i;
}

static size_t
clause_end(const struct text *t, size_t i)
{
	while (i < t->n && !is_clause_mark(t, i))
		i++;
	return i;
}

/* Does the 、 at I list nouns that share the number after it (烘焙、茶艺0.1万人次, 国家二、
 * 三级社体指导员) rather than end a target before it (100个口袋公园、10座体育公园)?  So
 * when the words before it, back to the clause, hold no number, or it joins two numerals. */
static int
enumerates_nouns(const struct text *t, size_t i)
{
	if (i > 0 && i + 1 < t->n && is_chinese_digit(t->cp[i - 1]) && is_chinese_digit(t->cp[i + 1]))
		return 1;
	for (size_t q = i; q-- > 0;) {
		int32_t c = t->cp[q];
		if (is_digit(c) || is_chinese_digit(c))
			return 0;
		if (is_clause_end(c) && c != 0x3001)
			return 1;
	}
	return 1;
}

/* Where the phrase a number ends starts: after the last clause mark or 、 before I that
 * is not inside brackets (新（改、扩）建公办园5所).  When I is itself inside brackets
 * (活动阵地（约500平方米）), the phrase starts after the opening one, set in *OPEN. */
static size_t
phrase_start(const struct text *t, size_t i, size_t *open)
{
	size_t cs = i;
	int depth = 0;

	*open = (size_t)-1;
	while (cs > 0) {
		int32_t c = t->cp[cs - 1];
		if (is_close_paren(c))
			depth++;
		else if (is_open_paren(c)) {
			if (depth == 0) {
				*open = cs - 1;
				break;
			}
			depth--;
		} else if (depth == 0 && is_clause_end(c)) {
			if (c != 0x3001 || !enumerates_nouns(t, cs - 1))
				break;
		}
		cs--;
	}
	return cs;
}

/* Words that may stand between an opening bracket and a number in it when the number
 * measures what the brackets follow: 活动阵地（约500平方米）, 公园（面积约3000平方米）. */
static const char *const aside_leads[] = {
	"大约", "约", "約", "共计", "合计", "总计", "共", "计", "总", "面积", "建筑面积", "占地",
	"占地面积", "全长", "长", "长度", "总长", "规模", "容量", "达", "为",
};

/* Is the text from A to B only words of aside_leads? */
static int
only_aside_leads(const struct text *t, size_t a, size_t b)
{
	while (a < b) {
		size_t best = 0;
		for (size_t k = 0; k < NELEM(aside_leads); k++) {
			size_t n = at(t, a, aside_leads[k]);
			if (n > best && a + n <= b)
				best = n;
		}
		if (!best)
			return text_is_space(t->cp[a]) ? only_aside_leads(t, a + 1, b) : 0;
		a += best;
	}
	return 1;
}

/* What a ratio is per: 每户, 每万人, 每千人口, 日均 at AT. */
static char *
per_phrase(const struct text *t, size_t at_)
{
	static const char *const units_of[] = { "户", "千", "万", "百", "人", "口", "区", "镇",
		                                "村", "家", "所", "校", "年", "月", "日", "个" };
	size_t e = at_ + 1;

	if (t->cp[at_] != 0x6BCF /* 每 */)
		return pspan(t, at_, at_ + 2 <= t->n ? at_ + 2 : t->n);
	while (e < t->n && e - at_ < 4) {
		int unit = 0;
		for (size_t k = 0; k < NELEM(units_of) && !unit; k++)
			unit = at(t, e, units_of[k]) > 0;
		if (!unit)
			break;
		e++;
	}
	return e > at_ + 1 ? pspan(t, at_, e) : NULL;
}

/* A label made from simplified text, in the characters the notice prints: each run of it
 * found in SIMP (or ISIMP, the item's name) is taken from PRINTED (or IPRINTED) at the
 * same code points; words the rules added stay as they are. */
static char *
printed_label(const char *label, const char *simp, const char *printed, const char *isimp,
              const char *iprinted)
{
	struct sb o = SB_INIT;
	const char *p = label;
	const char *src[2][2] = { { simp, printed }, { isimp, iprinted } };

	while (*p) {
		size_t best = 0, len = strlen(p);
		const char *from = NULL;
		int which = 0;
		/* The longest prefix of P found in either text (code point boundaries). */
		for (int w = 0; w < 2; w++) {
			if (!src[w][0])
				continue;
			for (size_t n = len; n > best; n--) {
				char *pre;
				const char *hit;
				if ((p[n] & 0xC0) == 0x80)
					continue;
				pre = xstrndup(p, n);
				hit = strstr(src[w][0], pre);
				free(pre);
				if (hit) {
					best = n;
					from = hit;
					which = w;
					break;
				}
			}
		}
		if (!best) {
			int32_t c;
			int k = u8_next(p, &c);
			sb_add(&o, p, k > 0 ? (size_t)k : 1);
			p += k > 0 ? k : 1;
			continue;
		}
		{
			/* The same code points of the printed text. */
			const char *q = src[which][0], *r = src[which][1], *start = NULL;
			int32_t c;
			int k;
			while (q < from + best && (k = u8_next(q, &c)) > 0) {
				int k2 = u8_next(r, &c);
				if (q == from)
					start = r;
				q += k;
				r += k2 > 0 ? k2 : 1;
			}
			if (start)
				sb_add(&o, start, (size_t)(r - start));
		}
		p += best;
	}
	return o.buf ? sb_detach(&o) : xstrdup("");
}

static void
add_target(struct target_list *l, struct target *tg)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	tg->n = (int)l->n + 1;
	l->v[l->n++] = *tg;
}

/* What targets_extract knows while it walks one task. */
struct scan {
	struct text t;
	const char *item;       /* the item's name as printed, or NULL */
	char *isimp;            /* the item's name in simplified characters, or NULL */
	size_t first;           /* this task's targets start here in the list */
	int in_quote;
	size_t quote;           /* where the open quotation mark is */
	size_t ratio_at;        /* where a 每/人均… mark is in this sentence, or -1 */
	size_t cumul_at;        /* where 累计 is in this clause, or -1 */
	size_t last_end;        /* where the last target's number and unit end */
	struct pool pool;       /* the text's (struct text) */
	struct seen {           /* each target found so far in this task */
		size_t end;         /* where it ends in the text, after its noun */
		char *before;       /* its label_in.before */
		char *whole;        /* its label_in.clause */
		char *sent;         /* its sentence up to the number */
	} *seen;
	size_t nseen, seencap;
};

/* One number being read as a target. */
struct found {
	size_t i;               /* where the number starts */
	size_t j;               /* where the number, its unit and qualifiers end */
	size_t tend;            /* where its raw text ends */
	size_t cs, po;          /* phrase_start() of the number, and its open bracket */
	struct num a, b;        /* the value, and a range's upper end */
	int approx, range;
	const char *unit;
	enum tkind kind;
	enum qual qual;
};

/*
 * Targets of one task with the same label (在龙亭镇实施…31.656公里, 在槐树关镇实施…87.2公里)
 * are told apart by where their clauses (or sentences) say they are, when each says a
 * different place.
 */
static void
tell_apart(struct target_list *l, size_t first, const struct seen *seen)
{
	/* A task has a few targets: their room on the stack unless there are many. */
	size_t n = l->n - first, *grp, gbuf[16];
	char **where, *wbuf[16];
	int *done, dbuf[16];

	if (n < 2)
		return; /* one target has no other to be told from */
	if (n <= 16) {
		grp = gbuf;
		where = memset(wbuf, 0, sizeof wbuf);
		done = memset(dbuf, 0, sizeof dbuf);
	} else {
		grp = xcalloc(n + 1, sizeof *grp);
		where = xcalloc(n + 1, sizeof *where);
		done = xcalloc(n + 1, sizeof *done);
	}

	for (size_t a = 0; a < n; a++) {
		size_t ng = 0;
		int ok = 1;
		if (done[a])
			continue;
		for (size_t b = a; b < n; b++)
			if (!done[b] && strcmp(l->v[first + a].metric, l->v[first + b].metric) == 0) {
				done[b] = 1;
				grp[ng++] = b;
			}
		if (ng < 2)
			continue;
		for (size_t g = 0; g < ng && ok; g++) {
			/* Its clause, else its sentence, says where. */
			if (!(where[grp[g]] = label_where(seen[grp[g]].whole)))
				where[grp[g]] = label_where(seen[grp[g]].sent);
			ok = where[grp[g]] != NULL;
			for (size_t h = 0; h < g && ok; h++)
				ok = strcmp(where[grp[h]], where[grp[g]]) != 0;
		}
		for (size_t g = 0; g < ng && ok; g++) {
			struct target *tg = &l->v[first + grp[g]];
			char *m = xasprintf("%s（%s）", tg->metric, where[grp[g]]);
			free((char *)tg->metric); /* made by label_target, not interned yet */
			tg->metric = m;
		}
	}
	for (size_t a = 0; a < n; a++)
		free(where[a]);
	if (n > 16) {
		free(where);
		free(done);
		free(grp);
	}
}

static const char cumul_mark[] = "累计";

/* The first characters of the marks track_marks looks for, found once: most characters
 * of a text start none, and they are asked at every one (targets_extract makes it). */
static struct text_cpset mark_first;
/* The ideographs that track_marks or a number may want: the marks' first characters, the
 * Chinese digits and 十.  Any other ideograph outside quotes is passed by at once. */
static struct text_cpset han_busy;
/* And the first of each mark, to try only those that start there. */
static int32_t ratio_first[NELEM(ratio_marks)], reset_first[NELEM(ratio_resets)];
static pthread_once_t mark_once = PTHREAD_ONCE_INIT;

/* The first code point of each of the N words W, into FIRST. */
static void
first_cps(const char *const *w, size_t n, int32_t *first)
{
	for (size_t k = 0; k < n; k++)
		u8_next(w[k], &first[k]);
}

static void
mark_init(void)
{
	static const char *const cumul[] = { cumul_mark };

	text_cpset_add_firsts(&mark_first, ratio_marks, NELEM(ratio_marks));
	text_cpset_add_firsts(&mark_first, ratio_resets, NELEM(ratio_resets));
	text_cpset_add_firsts(&mark_first, cumul, 1);
	han_busy = mark_first;
	for (int32_t c = 0x4E00; c <= 0x9FFF; c++)
		if (chinese_digit_value(c) >= 0 || c == 0x5341 /* 十 */)
			text_cpset_add(&han_busy, c);
	first_cps(ratio_marks, NELEM(ratio_marks), ratio_first);
	first_cps(ratio_resets, NELEM(ratio_resets), reset_first);
	first_cps(not_units, NELEM(not_units), not_unit_first);
	first_cps(metric_stop, NELEM(metric_stop), stop_first);
	first_cps(clause_verbs, NELEM(clause_verbs), verb_first);
	for (size_t k = 0; k < NELEM(units); k++)
		u8_next(units[k].text, &unit_first[k]);
	for (size_t k = 0; k < NELEM(post_quals); k++)
		u8_next(post_quals[k].text, &post_first[k]);
	for (size_t k = 0; k < NELEM(pre_quals); k++) {
		const char *p = pre_quals[k].text;
		int32_t c;
		int l;
		while ((l = u8_next(p, &c)) > 0 && pre_qual_cps[k].n < NELEM(pre_qual_cps[k].cp)) {
			pre_qual_cps[k].cp[pre_qual_cps[k].n++] = c;
			p += l;
		}
		if (pre_qual_cps[k].n)
			text_cpset_add(&pre_qual_last, pre_qual_cps[k].cp[pre_qual_cps[k].n - 1]);
	}
}

/*
 * Quotation marks and the marks that make a target a ratio or cumulative, at I.  Returns
 * 1 while I is inside quotes: numbers there name things (“5+2”, “15分钟…”, “12356”).
 */
static int
track_marks(struct scan *s, size_t i)
{
	const struct text *t = &s->t;
	int32_t c = t->cp[i];

	if (c == 0x201C || c == 0x300C || c == 0x300E) {
		s->in_quote = 1;
		s->quote = i;
		return 1;
	}
	if ((c == 0x201D || c == 0x300D || c == 0x300F) && s->in_quote) {
		s->in_quote = 0;
		return 1;
	}
	if (s->in_quote && i - s->quote > 40)
		s->in_quote = 0; /* an unclosed quote does not hide the rest */
	if (is_sentence_end(c))
		s->ratio_at = s->cumul_at = (size_t)-1;
	if (is_clause_end(c))
		s->cumul_at = (size_t)-1;
	if (!text_cpset_may(&mark_first, c))
		return s->in_quote;
	for (size_t k = 0; k < NELEM(ratio_marks); k++)
		if (c == ratio_first[k] && at(t, i, ratio_marks[k]))
			s->ratio_at = i;
	for (size_t k = 0; k < NELEM(ratio_resets); k++)
		if (c == reset_first[k] && at(t, i, ratio_resets[k]))
			s->ratio_at = (size_t)-1;
	if (at(t, i, cumul_mark))
		s->cumul_at = i;
	return s->in_quote;
}

/* May a number start with C?  (Most characters of a text start none.) */
static int
starts_number(int32_t c)
{
	return is_digit(c) || is_chinese_digit(c) || c == 0x5341 /* 十 */;
}

/*
 * The number at F->i, with a range's upper end and 余.  Returns 0 when no target starts
 * there, with *NEXT the last position to skip.
 */
static int
read_value(const struct text *t, struct found *f, size_t *next)
{
	size_t i = f->i, j, ulen;
	int32_t c = t->cp[i];

	*next = i;
	if (is_digit(c)) {
		if (i > 0 && (is_digit(t->cp[i - 1]) || t->cp[i - 1] == '.' || is_latin(t->cp[i - 1])))
			return 0;
		f->a = arabic(t, i, &f->approx);
	} else if (is_chinese_digit(c) || c == 0x5341 /* 十 */) {
		/* 每千人口, 第一, 一二: parts of words, not counts. */
		if (i > 0 && (is_chinese_digit(t->cp[i - 1]) || t->cp[i - 1] == 0x7B2C /* 第 */ ||
		              t->cp[i - 1] == 0x6BCF /* 每 */))
			return 0;
		f->a = chinese(t, i);
	} else
		return 0;
	if (!f->a.ok) {
		/* Skip the rest of a number too long to be a target. */
		while (*next + 1 < t->n && (is_digit(t->cp[*next + 1]) || t->cp[*next + 1] == '.'))
			(*next)++;
		return 0;
	}
	j = f->a.end;
	/* Ordinals and numbers glued to Latin letters (5G, Z7) name things. */
	if ((i > 0 && t->cp[i - 1] == 0x7B2C) || (j < t->n && is_latin(t->cp[j]) &&
	                                           !unit_at(t, j, &ulen))) {
		*next = j - 1;
		return 0;
	}
	/* A range: 3—5个, 35至64周岁, 2021—2025年. */
	if (j < t->n && (t->cp[j] == 0x2014 || t->cp[j] == 0x2013 || t->cp[j] == '-' ||
	                 t->cp[j] == '~' || t->cp[j] == 0xFF5E || t->cp[j] == 0x81F3 /* 至 */ ||
	                 t->cp[j] == 0x5230 /* 到 */)) {
		size_t s2 = j + 1;
		if (s2 < t->n && t->cp[s2] == 0x2014)
			s2++; /* —— */
		if (s2 < t->n && is_digit(t->cp[s2])) {
			int ap2 = 0;
			f->b = arabic(t, s2, &ap2);
			if (f->b.ok) {
				f->range = 1;
				j = f->b.end;
			}
		}
	}
	if (j < t->n && t->cp[j] == 0x4F59 /* 余 */) {
		f->approx = 1;
		j++;
	}
	f->j = j;
	return 1;
}

/*
 * The unit after the number and the qualifier after the unit (以上, 以内…).  Returns 0
 * when what follows makes the number no target, with *NEXT the last position to skip.
 */
static int
read_unit(const struct scan *s, struct found *f, size_t *next)
{
	const struct text *t = &s->t;
	const struct unit *u;
	size_t j = f->j, ulen = 0, l2;

	if (not_unit_at(t, j)) {
		/* Ages, years, frequencies: skip with their 以下/以上. */
		*next = j;
		return 0;
	}
	if ((u = unit_at(t, j, &ulen))) {
		j += ulen;
		/* 套（间）: a second measure word in brackets belongs to the unit. */
		if (j + 2 < t->n && is_open_paren(t->cp[j])) {
			size_t l3;
			if (unit_at(t, j + 1, &l3) && j + 1 + l3 < t->n && is_close_paren(t->cp[j + 1 + l3]))
				j += l3 + 2;
		}
		/* 100米以上 as a threshold inside a noun phrase is not a target. */
		if (strcmp(u->norm, "米") == 0 && (at(t, j, "以上") || at(t, j, "以下"))) {
			*next = j - 1;
			return 0;
		}
		f->kind = u->kind;
	} else {
		/* No measure word: 惠及150万农村人口 counts people (人). */
		int person = 0;
		for (size_t k = 0; k < NELEM(people) && !person; k++)
			person = at(t, j, people[k]) > 0;
		if (!person) {
			*next = j - 1;
			return 0;
		}
		f->kind = KIND_COUNT;
	}
	f->tend = j;
	f->qual = QUAL_EQ;
	for (size_t k = 0; k < NELEM(post_quals); k++)
		if ((l2 = at_first(t, j, post_quals[k].text, post_first[k])) > 0) {
			f->qual = post_quals[k].q;
			if (strcmp(post_quals[k].text, "以上") == 0)
				f->tend = j + l2; /* raw keeps a trailing 以上 */
			j += l2;
			break;
		}
	f->j = j;
	*next = j - 1;
	if (threshold_at(t, f->i, s->last_end))
		return 0; /* 230个50户以上木质房屋, 20户以上自然村: a size that picks what is counted */
	f->unit = u ? u->norm : "人"; /* the table's string: not a copy per target */
	return 1;
}

/* Qualifiers before the number (不少于60条, 超450万人; 至少完成6个 within a short verb),
 * and the kind a 累计 or 每… before it gives. */
static void
read_qualifier(const struct scan *s, struct found *f)
{
	const struct text *t = &s->t;
	size_t i = f->i;
	int may = 0;

	if (f->approx)
		f->qual = QUAL_ABOUT;
	f->cs = phrase_start(t, i, &f->po);
	/* Most numbers have none of the words before them: then none of the places where
	 * one could end holds the last character of one. */
	for (size_t gap = 0; gap <= 4 && i >= f->cs + gap && i - gap >= 1 && !may; gap++)
		may = text_cpset_may(&pre_qual_last, t->cp[i - gap - 1]);
	for (size_t k = 0; may && f->qual == QUAL_EQ && k < NELEM(pre_quals); k++) {
		size_t wl = 0, gap;
		for (gap = 0; gap <= 4 && i >= f->cs + gap; gap++) {
			if (gap > 0 && (is_digit(t->cp[i - gap]) || is_clause_end(t->cp[i - gap])))
				break;
			wl = before(t, i - gap, pre_qual_cps[k].cp, pre_qual_cps[k].n);
			if (wl > 0 && i - gap - wl >= f->cs)
				break;
			wl = 0;
		}
		if (wl > 0 && (gap == 0 || wl >= 2))
			f->qual = pre_quals[k].q;
	}
	if (f->range && f->qual == QUAL_EQ)
		f->qual = QUAL_GE;
	if (f->kind != KIND_PERCENT) {
		if (s->cumul_at != (size_t)-1 && s->cumul_at < i)
			f->kind = KIND_CUMULATIVE;
		else if (s->ratio_at != (size_t)-1 && s->ratio_at < i)
			f->kind = KIND_RATIO;
	}
}

/*
 * The words before the number that label_make() reads: from the clause (or the last 、
 * outside quotes, or the end of the target before in the same sentence) to the number.
 */
static char *
words_before(const struct scan *s, const struct found *f, size_t cst, size_t prev_end)
{
	const struct text *t = &s->t;
	size_t i = f->i, bs = f->cs > cst && !in_quotes(t, f->cs) ? f->cs : cst;

	if (prev_end != (size_t)-1 && prev_end > bs && prev_end <= i)
		bs = prev_end;
	if (f->po != (size_t)-1 && only_aside_leads(t, f->po + 1, i)) {
		/* 活动阵地（约500平方米）: the measure of what the brackets follow. */
		size_t po2, ps = phrase_start(t, f->po, &po2);
		const char *what = f->kind == KIND_AREA ? "面积" : f->kind == KIND_LENGTH ? "长度" : "";
		char *thing = pspan(t, ps, f->po), *r;
		size_t tl = strlen(thing), wl = strlen(what);
		r = pool_alloc(t->pool, tl + wl + 1);
		memcpy(r, thing, tl);
		memcpy(r + tl, what, wl + 1);
		return r;
	}
	return pspan(t, bs, i);
}

/* The label of the target F, from the phrases around it; records what the next target
 * of the task reads of this one. */
static char *
label_target(struct scan *s, const struct target_list *l, const struct found *f)
{
	const struct text *t = &s->t;
	size_t i = f->i, j = f->j, k_ = s->nseen;
	size_t ce = clause_end(t, i), cst = clause_start(t, i), ss = cst, ae = after_end(t, j);
	const struct seen *pv = k_ ? &s->seen[k_ - 1] : NULL;
	const char *pvlabel = k_ ? l->v[l->n - 1].metric : NULL;
	size_t pend = (size_t)-1, nend = ae > j ? ae : j;
	struct label_in in;
	char *aft, *rest, *pc = NULL, *nc = NULL, *per = NULL, *metric;
	struct seen *me;
	int same_sentence;

	/* The sentence: back to its start, for the clause and target before. */
	while (ss > 0 && !is_sentence_end(t->cp[ss - 1]))
		ss--;
	same_sentence = pv && pv->end > ss;
	if (same_sentence)
		pend = pv->end;
	xgrow(&s->seen, &s->seencap, k_ + 1, sizeof *s->seen);
	me = &s->seen[k_];
	pv = k_ ? &s->seen[k_ - 1] : NULL;
	me->before = words_before(s, f, cst, pend);
	me->whole = pspan(t, pend != (size_t)-1 && pend > cst && pend <= i ? pend : cst, i);
	me->sent = pspan(t, ss, i);
	me->end = nend; /* a target ends after its noun: 30万名以上妇女儿童、10万户家庭 */
	aft = after_phrase(t, j, nend);
	rest = pspan(t, nend, ce);
	if (cst > ss + 1)
		pc = pspan(t, clause_start(t, cst - 1), cst - 1);
	if (ce < t->n && !is_sentence_end(t->cp[ce]))
		nc = pspan(t, ce + 1, clause_end(t, ce + 1));
	if (f->kind == KIND_RATIO && s->ratio_at != (size_t)-1)
		per = per_phrase(t, s->ratio_at);
	memset(&in, 0, sizeof in);
	in.before = me->before;
	in.clause = me->whole;
	in.after = aft;
	in.rest = rest;
	in.prev_clause = pc ? pc : "";
	in.next_clause = nc ? nc : "";
	in.prev_label = same_sentence ? pvlabel : NULL;
	in.prev_before = same_sentence ? pv->before : NULL;
	/* 100个口袋公园、10座体育公园: nothing but 、 since the target before. */
	in.enumerated = same_sentence && pend < i && t->cp[pend] == 0x3001 && pend + 1 == i;
	/* …团辅活动及5个个案服务: joined to the noun of the target before. */
	in.joined = same_sentence && pend == i && i > 0 &&
	            (t->cp[i - 1] == 0x53CA /* 及 */ || t->cp[i - 1] == 0x548C /* 和 */);
	in.last_label = pvlabel;
	in.kind = f->kind;
	in.per = per;
	in.item = s->isimp ? s->isimp : s->item ? s->item : "";
	metric = label_make(&in);
	s->nseen++;
	return metric;
}

static void
scan_release(struct scan *s)
{
	free(s->seen);
	free(s->isimp);
	text_release(&s->t);
	pool_release(&s->pool);
}

void
targets_extract(const char *task, const char *item, struct target_list *l)
{
	struct scan s;

	pthread_once(&mark_once, mark_init);
	memset(&s, 0, sizeof s);
	s.item = item;
	s.first = l->n;
	s.ratio_at = s.cumul_at = s.last_end = (size_t)-1;
	text_load(&s.t, task, &s.pool);
	if (item && text_maybe_traditional(item))
		s.isimp = text_simplify(item);
	for (size_t i = 0; i < s.t.n; i++) {
		struct found f;
		struct target tg;
		int32_t c = s.t.cp[i];

		/* Most characters: an ideograph that neither marks nor starts a number (neither
		 * is a sentence or clause end), outside quotes, which track_marks would pass. */
		if (c >= 0x4E00 && c <= 0x9FFF && !s.in_quote && !text_cpset_may(&han_busy, c))
			continue;
		if (track_marks(&s, i) || !starts_number(c))
			continue;
		memset(&f, 0, sizeof f);
		f.i = i;
		if (!read_value(&s.t, &f, &i) || !read_unit(&s, &f, &i))
			continue;
		read_qualifier(&s, &f);
		memset(&tg, 0, sizeof tg);
		tg.value = f.a.value;
		tg.high = f.range ? f.b.value : f.a.value;
		tg.unit = f.unit;
		tg.qualifier = f.qual;
		tg.kind = f.kind;
		tg.raw = span(&s.t, f.i, f.tend);
		tg.offset = s.t.off[f.i];
		tg.metric = label_target(&s, l, &f);
		add_target(l, &tg);
		s.last_end = f.j;
		if (f.kind == KIND_CUMULATIVE)
			s.cumul_at = (size_t)-1; /* 累计 names the first number after it */
	}
	tell_apart(l, s.first, s.seen);
	/* Labels were made in simplified characters: the notice's own, where it prints them. */
	for (size_t k = s.first; (s.t.simp || s.isimp) && k < l->n; k++) {
		char *pl = printed_label(l->v[k].metric, s.t.simp, s.t.s, s.isimp, item);
		free((char *)l->v[k].metric);
		l->v[k].metric = pl;
	}
	/* Made while the task was read, kept once for all the targets that say the same. */
	for (size_t k = s.first; k < l->n; k++) {
		char *m = (char *)l->v[k].metric;
		l->v[k].metric = intern(m);
		free(m);
	}
	scan_release(&s);
}

void
target_list_release(struct target_list *l)
{
	if (l->cap)
		free(l->v); /* the strings are interned */
	l->v = NULL;
	l->n = l->cap = 0;
}

void
target_list_copy(struct target_list *to, const struct target_list *from)
{
	to->v = from->n ? xmalloc(from->n * sizeof *to->v) : NULL;
	to->n = to->cap = from->n;
	if (from->n)
		memcpy(to->v, from->v, from->n * sizeof *to->v); /* the strings are interned */
}

void
target_list_keep(struct target_list *to, const struct target_list *from)
{
	size_t size = from->n * sizeof *to->v;

	if (!from->n || size > BULK_KEEP_MAX) {
		target_list_copy(to, from);
		return;
	}
	to->v = memcpy(bulk_keep(size), from->v, size); /* the strings are interned */
	to->n = from->n;
	to->cap = 0;
}

const char *
target_value_str(double v, char *buf)
{
	char *p;

	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, 64, "%.0f", v);
		return buf;
	}
	snprintf(buf, 64, "%.6f", v);
	p = buf + strlen(buf) - 1;
	while (*p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	return buf;
}
