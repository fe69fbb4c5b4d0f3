/* targets: see targets.h. */
#include "targets.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "util.h"

/* ---- keyword tables ---- */

/* Units and measure words, with what yoy writes for them and their kind.  Longer entries
 * first: 人次 before 人, 平方公里 before 公里. */
static const struct unit {
	const char *text, *norm, *kind;
} units[] = {
	{ "平方公里", "平方公里", "area" }, { "平方米", "平方米", "area" },
	{ "㎡", "平方米", "area" },         { "公顷", "公顷", "area" },
	{ "亩", "亩", "area" },             { "公里", "公里", "length" },
	{ "千米", "公里", "length" },       { "km", "公里", "length" },
	{ "米", "米", "length" },           { "人次", "人次", "count" },
	{ "场次", "场次", "count" },        { "户次", "户次", "count" },
	{ "台次", "台次", "count" },        { "车次", "车次", "count" },
	{ "个百分点", "个百分点", "percent" }, { "%", "%", "percent" },
	{ "人", "人", "count" },            { "名", "名", "count" },
	{ "户", "户", "count" },            { "个", "个", "count" },
	{ "所", "所", "count" },            { "家", "家", "count" },
	{ "处", "处", "count" },            { "座", "座", "count" },
	{ "台", "台", "count" },            { "部", "部", "count" },
	{ "条", "条", "count" },            { "期", "期", "count" },
	{ "场", "场", "count" },            { "项", "项", "count" },
	{ "套", "套", "count" },            { "间", "间", "count" },
	{ "张", "张", "count" },            { "口", "口", "count" },
	{ "盏", "盏", "count" },            { "架", "架", "count" },
	{ "栋", "栋", "count" },            { "幢", "幢", "count" },
	{ "辆", "辆", "count" },            { "吨", "吨", "count" },
	{ "元", "元", "count" },            { "床", "床", "count" },
	{ "支", "支", "count" },            { "批", "批", "count" },
	{ "块", "块", "count" },            { "片", "片", "count" },
	{ "组", "组", "count" },            { "件", "件", "count" },
	{ "棵", "棵", "count" },            { "株", "株", "count" },
	{ "本", "本", "count" },            { "册", "册", "count" },
	{ "段", "段", "count" },            { "班", "班", "count" },
	{ "站", "站", "count" },            { "种", "种", "count" },
	{ "类", "类", "count" },            { "份", "份", "count" },
};

/* What follows a number that is not a target: ages, years, frequencies, time spans. */
static const char *const not_units[] = {
	"周岁", "岁", "年", "届", "次", "分钟", "小时", "天", "月", "日", "号", "级", "倍", "期间",
};

/* Words before a number that bound it. Single-character words must touch the number. */
static const struct qual {
	const char *text, *q;
} pre_quals[] = {
	{ "不少于", ">=" }, { "不低于", ">=" }, { "不超过", "<=" }, { "至少", ">=" },
	{ "超过", ">=" },   { "多于", ">=" },   { "高于", ">=" },   { "以上", ">=" },
	{ "超", ">=" },     { "约", "~" },      { "近", "~" },
}, post_quals[] = {
	{ "以上", ">=" }, { "以内", "<=" }, { "以下", "<=" }, { "左右", "~" }, { "余", "~" },
};

/* Markers that make the numbers after them (in the same sentence) per unit: ratio. */
static const char *const ratio_marks[] = { "每", "日均", "人均", "户均", "各区", "各镇", "各街道" };
/* Words that end a ratio's reach: totals. */
static const char *const ratio_resets[] = { "合计", "共计", "总计", "累计", "全市", "全区" };

/* Nouns for people, counted without a measure word: 惠及150万农村人口, 13.6万居民. */
static const char *const people[] = { "农村人口", "人口", "居民", "群众", "村民", "市民",
	                              "学生", "儿童", "老人", "妇女", "职工", "农民" };

/* Verbs and fillers trimmed from the front of a metric. */
static const char *const metric_lead[] = {
	"全年完成", "全年", "新开工改造", "新开工", "新增建成", "新增打造", "新增", "新建改建", "新建",
	"建设", "建成", "建立", "完成", "开展", "实施", "打造", "提供", "培训", "普及", "培育",
	"布局", "开设", "开办", "覆盖", "惠及", "启动", "实现", "推动", "推进", "组织", "举办",
	"发放", "安装", "加装", "消除", "改造", "集成", "创建", "引导", "力争", "持续", "累计",
	"达到", "为", "对", "在", "将", "共", "约", "超", "于", "和", "及", "并", "其中：", "其中",
	"解决", "（",
};
/* Words trimmed from the end of a metric. */
static const char *const metric_tail[] = {
	"达到", "数量", "均达到", "不少于", "不低于", "不超过", "至少", "超过", "合计", "共计",
	"达", "为", "约", "超", "共", "的", "等", "率达到",
};
/* Verbs inside a clause whose object is the metric. */
static const char *const metric_verbs[] = {
	"布局", "拥有", "安装", "提供", "惠及", "覆盖", "培育", "普及", "开设", "开办", "接入",
};
/* Where a metric taken after the number ends. */
static const char *const metric_stop[] = {
	"提供", "开展", "进行", "实现", "，", "。", "；", "（", "：", "）",
};
/* Verbs that open a new clause: a metric after the number never starts with one
 * (普及应急救护知识33万人次 培训救护师资500名, where the notice lost its comma). */
static const char *const clause_verbs[] = {
	"培训", "培育", "完成", "建设", "建成", "新增", "组织", "开展", "普及", "实施", "打造",
	"提升", "推进", "推动", "举办", "发放", "启动", "实现", "覆盖", "惠及",
};

static const char *const chinese_digits = "零〇一二两三四五六七八九";

/* ---- the text as code points, normalised for parsing ---- */

struct text {
	int32_t *cp;   /* NFKC of each code point when that is one code point, else itself */
	size_t *off;   /* byte offset of each code point; off[n] is the length */
	size_t n;
	const char *s;
};

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
text_load(struct text *t, const char *s)
{
	size_t len = strlen(s), i = 0;
	int32_t c;
	int k;

	t->s = s;
	t->cp = xmalloc((len + 1) * sizeof *t->cp);
	t->off = xmalloc((len + 1) * sizeof *t->off);
	t->n = 0;
	while ((k = u8_next(s + i, &c)) > 0) {
		t->cp[t->n] = c < 0 ? 0xFFFD : norm_cp(c);
		t->off[t->n] = i;
		t->n++;
		i += (size_t)k;
	}
	t->off[t->n] = i;
	t->cp[t->n] = 0;
}

static void
text_release(struct text *t)
{
	free(t->cp);
	free(t->off);
}

/* Does the text at I spell W?  Returns the number of code points matched or 0. */
static size_t
at(const struct text *t, size_t i, const char *w)
{
	size_t j = i;
	int32_t c;
	int k;

	/* A keyword that starts with a CJK character can only match text whose first byte is
	 * the same (only full-width ASCII forms change under normalisation): a quick no. */
	if ((unsigned char)w[0] >= 0x80 && (i >= t->n || t->s[t->off[i]] != w[0]))
		return 0;
	while ((k = u8_next(w, &c)) > 0) {
		if (j >= t->n || t->cp[j] != c)
			return 0;
		j++;
		w += k;
	}
	return j - i;
}

/* Does the text end at I (exclusive) with W?  Returns its length in code points or 0. */
static size_t
before(const struct text *t, size_t i, const char *w)
{
	size_t n = 0;
	int32_t c;
	int k;
	const char *p = w;

	while ((k = u8_next(p, &c)) > 0) {
		n++;
		p += k;
	}
	if (n == 0 || n > i)
		return 0;
	return at(t, i - n, w) ? n : 0;
}

#define is_digit is_digit_c
#define is_latin is_latin_c

static int
is_chinese_digit(int32_t c)
{
	char ch[5] = { 0 };
	utf8proc_encode_char(c, (utf8proc_uint8_t *)ch);
	return c > 0x80 && strstr(chinese_digits, ch) != NULL;
}

static int
chinese_digit_value(int32_t c)
{
	static const int32_t d[] = { 0x96F6, 0x3007, 0x4E00, 0x4E8C, 0x4E24, 0x4E09, 0x56DB,
		                     0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
	static const int v[] = { 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9 };
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
		if (d[i] == c)
			return v[i];
	return -1;
}

/* Sentence and clause ends. */
static int
is_sentence_end(int32_t c)
{
	return c == 0x3002 || c == 0xFF1B || c == ';' || c == 0xFF01 || c == '\n';
}

static int
is_clause_end(int32_t c)
{
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

static const struct unit *
unit_at(const struct text *t, size_t i, size_t *len)
{
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
		if ((*len = at(t, i, units[k].text)) > 0) {
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
	for (size_t k = 0; k < sizeof not_units / sizeof not_units[0]; k++)
		if (at(t, i, not_units[k]))
			return 1;
	return 0;
}

static char *
span(const struct text *t, size_t a, size_t b)
{
	return xstrndup(t->s + t->off[a], t->off[b] - t->off[a]);
}

static int
starts_with_any(const char *s, const char *const *v, size_t n, size_t *len)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i]);
		if (strncmp(s, v[i], l) == 0) {
			*len = l;
			return 1;
		}
	}
	return 0;
}

static int
ends_with_any(const char *s, const char *const *v, size_t n, size_t *len)
{
	size_t sl = strlen(s);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i]);
		if (sl >= l && memcmp(s + sl - l, v[i], l) == 0) {
			*len = l;
			return 1;
		}
	}
	return 0;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Trim verbs and fillers from a candidate metric (in place, returns it). */
static char *
metric_trim(char *m)
{
	size_t l;
	int changed = 1;

	while (changed && *m) {
		changed = 0;
		if (starts_with_any(m, metric_lead, NELEM(metric_lead), &l) && m[l]) {
			memmove(m, m + l, strlen(m + l) + 1);
			changed = 1;
		}
		if (ends_with_any(m, metric_tail, NELEM(metric_tail), &l) && strlen(m) > l) {
			m[strlen(m) - l] = '\0';
			changed = 1;
		}
	}
	/* Unbalanced quotes and brackets left by the cut. */
	if (strncmp(m, "”", 3) == 0 || strncmp(m, "）", 3) == 0)
		memmove(m, m + 3, strlen(m + 3) + 1);
	if (strlen(m) >= 3 && strcmp(m + strlen(m) - 3, "“") == 0)
		m[strlen(m) - 3] = '\0';
	return m;
}

/*
 * The metric: the noun after the number when one follows (建设100个口袋公园 → 口袋公园),
 * else the clause before it, without its verbs (新增托位1.1万个 → 托位).
 */
static char *
metric_of(const struct text *t, size_t nstart, size_t tend, size_t clause_start)
{
	size_t j = tend, k;
	char *after, *before;

	/* After: up to a clause end, a number or a verb that starts a new phrase. */
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
			/* An enumeration of nouns (小学高年级、初中、高中学生) belongs to the metric;
			 * one that goes on to the next number (100个口袋公园、10座) does not. */
			size_t q = j + 1;
			int verb = 0;
			while (q < t->n && !is_clause_end(t->cp[q]) && !is_digit(t->cp[q]) && !verb) {
				for (k = 0; k < NELEM(metric_stop) && !verb; k++)
					verb = at(t, q, metric_stop[k]) > 0;
				if (!verb)
					q++;
			}
			if (q < t->n && is_digit(t->cp[q]))
				break;
			j++;
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
		for (k = 0; k < NELEM(metric_stop) && !stop; k++)
			stop = at(t, j, metric_stop[k]) > 0;
		if (stop)
			break;
		j++;
	}
	for (k = 0; k < NELEM(clause_verbs); k++)
		if (at(t, tend, clause_verbs[k]))
			j = tend;
	after = span(t, tend, j);
	{
		/* 宜居宜业、便捷和谐的高品质生活圈: the noun after the last 的. */
		char *de = NULL, *p = after;
		while ((p = strstr(p, "的"))) {
			de = p;
			p += strlen("的");
		}
		/* ... unless what follows lists aspects (道路交通、卫生条件、休闲空间). */
		if (de && text_width(de + strlen("的")) >= 4 && !strstr(de, "、"))
			memmove(after, de + strlen("的"), strlen(de + strlen("的")) + 1);
		else if (de)
			*de = '\0';
	}
	metric_trim(after);
	if (text_width(after) >= 4 && text_width(after) <= 4 && nstart > clause_start) {
		/* A bare noun (启动160个项目, 完工投用140个项目) takes the verb before it too,
		 * or two targets of one item would share the name 项目. */
		char *lead = span(t, clause_start, nstart);
		static const char *const fillers[] = { "为", "对", "在", "将", "共", "约", "超", "于",
			                               "和", "及", "并", "惠及", "覆盖", "其中" };
		size_t fl;
		while (starts_with_any(lead, fillers, NELEM(fillers), &fl))
			memmove(lead, lead + fl, strlen(lead + fl) + 1);
		if (*lead && text_width(lead) <= 12) {
			char *both = xasprintf("%s%s", lead, after), *trimmed = xstrdup(both);
			metric_trim(trimmed);
			if (strcmp(trimmed, after) == 0) {
				/* Trimming took the verb that told the two apart: keep it. */
				free(trimmed);
				trimmed = both;
			} else
				free(both);
			free(lead);
			free(after);
			return trimmed;
		}
		free(lead);
	}
	if (text_width(after) >= 4 && !(t->cp[tend] == 0xFF08 /* （ */)) {
		return after;
	}
	free(after);
	before = span(t, clause_start, nstart);
	/* The object of the last verb: 在市内主要公共场所布局AED等急救设备 → AED等急救设备. */
	for (k = 0; k < NELEM(metric_verbs); k++) {
		char *p = NULL, *q = before;
		size_t vl = strlen(metric_verbs[k]);
		while ((q = strstr(q, metric_verbs[k]))) {
			p = q;
			q += vl;
		}
		if (p && p != before) {
			char *rest = metric_trim(xstrdup(p + vl));
			size_t tl = 0;
			int filler = ends_with_any(rest, metric_tail, NELEM(metric_tail), &tl) &&
			             tl == strlen(rest);
			if (!filler && text_width(rest) >= 3 && strncmp(rest, "率", strlen("率")) != 0)
				memmove(before, p + vl, strlen(p + vl) + 1);
			free(rest);
		}
	}
	metric_trim(before);
	if (!*before) {
		free(before);
		return xstrdup("");
	}
	return before;
}

static void
add_target(struct target_list *l, struct target *tg)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	tg->n = (int)l->n + 1;
	l->v[l->n++] = *tg;
}

void
targets_extract(const char *task, struct target_list *l)
{
	struct text t;
	size_t i, quote = 0;
	int in_quote = 0;
	size_t ratio_at = (size_t)-1, cumul_at = (size_t)-1;

	text_load(&t, task);
	for (i = 0; i < t.n; i++) {
		int32_t c = t.cp[i];
		struct num a, b = { 0, 0, 0, 0 };
		int approx = 0, range = 0;
		size_t j, ulen = 0, tend, cs, k, l2;
		const struct unit *u;
		const char *qual = "=", *kind;
		char *unit;
		struct target tg;

		/* Quotation marks: numbers inside name things (“5+2”, “15分钟…”, “12356”). */
		if (c == 0x201C || c == 0x300C || c == 0x300E) {
			in_quote = 1;
			quote = i;
			continue;
		}
		if ((c == 0x201D || c == 0x300D || c == 0x300F) && in_quote) {
			in_quote = 0;
			continue;
		}
		if (in_quote && i - quote > 40)
			in_quote = 0; /* an unclosed quote does not hide the rest */
		if (is_sentence_end(c))
			ratio_at = cumul_at = (size_t)-1;
		if (is_clause_end(c))
			cumul_at = (size_t)-1;
		for (k = 0; k < NELEM(ratio_marks); k++)
			if (at(&t, i, ratio_marks[k]))
				ratio_at = i;
		for (k = 0; k < NELEM(ratio_resets); k++)
			if (at(&t, i, ratio_resets[k]))
				ratio_at = (size_t)-1;
		if (at(&t, i, "累计"))
			cumul_at = i;
		if (in_quote)
			continue;

		if (is_digit(c)) {
			if (i > 0 && (is_digit(t.cp[i - 1]) || t.cp[i - 1] == '.' || is_latin(t.cp[i - 1])))
				continue;
			a = arabic(&t, i, &approx);
		} else if (is_chinese_digit(c) || c == 0x5341 /* 十 */) {
			/* 每千人口, 第一, 一二: parts of words, not counts. */
			if (i > 0 && (is_chinese_digit(t.cp[i - 1]) || t.cp[i - 1] == 0x7B2C /* 第 */ ||
			              t.cp[i - 1] == 0x6BCF /* 每 */))
				continue;
			a = chinese(&t, i);
		} else
			continue;
		if (!a.ok) {
			/* Skip the rest of a number too long to be a target. */
			while (i + 1 < t.n && (is_digit(t.cp[i + 1]) || t.cp[i + 1] == '.'))
				i++;
			continue;
		}
		j = a.end;
		/* Ordinals and numbers glued to Latin letters (5G, Z7) name things. */
		if ((i > 0 && t.cp[i - 1] == 0x7B2C) || (j < t.n && is_latin(t.cp[j]) &&
		                                          !unit_at(&t, j, &ulen))) {
			i = j - 1;
			continue;
		}
		/* A range: 3—5个, 35至64周岁, 2021—2025年. */
		if (j < t.n && (t.cp[j] == 0x2014 || t.cp[j] == 0x2013 || t.cp[j] == '-' ||
		                t.cp[j] == '~' || t.cp[j] == 0xFF5E || t.cp[j] == 0x81F3 /* 至 */ ||
		                t.cp[j] == 0x5230 /* 到 */)) {
			size_t s2 = j + 1;
			if (s2 < t.n && t.cp[s2] == 0x2014)
				s2++; /* —— */
			if (s2 < t.n && is_digit(t.cp[s2])) {
				int ap2 = 0;
				b = arabic(&t, s2, &ap2);
				if (b.ok) {
					range = 1;
					j = b.end;
				}
			}
		}
		if (j < t.n && t.cp[j] == 0x4F59 /* 余 */) {
			approx = 1;
			j++;
		}
		if (not_unit_at(&t, j)) {
			/* Ages, years, frequencies: skip with their 以下/以上. */
			i = j;
			continue;
		}
		u = unit_at(&t, j, &ulen);
		if (u) {
			unit = xstrdup(u->norm);
			kind = u->kind;
			j += ulen;
			/* 套（间）: a second measure word in brackets belongs to the unit. */
			if (j + 2 < t.n && t.cp[j] == 0xFF08) {
				size_t l3;
				if (unit_at(&t, j + 1, &l3) && j + 1 + l3 < t.n && t.cp[j + 1 + l3] == 0xFF09)
					j += l3 + 2;
			}
			/* 100米以上 as a threshold inside a noun phrase is not a target. */
			if (strcmp(u->norm, "米") == 0 && (at(&t, j, "以上") || at(&t, j, "以下"))) {
				free(unit);
				i = j - 1;
				continue;
			}
		} else {
			/* No measure word: 惠及150万农村人口 counts people (人). */
			int person = 0;
			for (k = 0; k < NELEM(people) && !person; k++)
				person = at(&t, j, people[k]) > 0;
			if (!person) {
				i = j - 1;
				continue;
			}
			unit = xstrdup("人");
			kind = "count";
		}
		tend = j;
		for (k = 0; k < NELEM(post_quals); k++)
			if ((l2 = at(&t, j, post_quals[k].text)) > 0) {
				qual = post_quals[k].q;
				if (strcmp(post_quals[k].text, "以上") == 0)
					tend = j + l2; /* raw keeps a trailing 以上 */
				j += l2;
				break;
			}
		if (approx)
			qual = "~";
		/* Qualifiers before: 不少于60条, 超450万人; 至少完成6个 within a short verb. */
		cs = i;
		while (cs > 0 && !is_clause_end(t.cp[cs - 1]))
			cs--;
		if (strcmp(qual, "=") == 0) {
			for (k = 0; k < NELEM(pre_quals); k++) {
				size_t wl = 0, gap;
				for (gap = 0; gap <= 4 && i >= cs + gap; gap++) {
					if (gap > 0 && (is_digit(t.cp[i - gap]) || is_clause_end(t.cp[i - gap])))
						break;
					if ((wl = before(&t, i - gap, pre_quals[k].text)) > 0 && i - gap - wl >= cs)
						break;
					wl = 0;
				}
				if (wl > 0 && (gap == 0 || wl >= 2)) {
					qual = pre_quals[k].q;
					break;
				}
			}
		}
		if (range && strcmp(qual, "=") == 0)
			qual = ">=";
		if (strcmp(kind, "percent") != 0) {
			if (cumul_at != (size_t)-1 && cumul_at < i)
				kind = "cumulative";
			else if (ratio_at != (size_t)-1 && ratio_at < i)
				kind = "ratio";
		}
		memset(&tg, 0, sizeof tg);
		tg.value = a.value;
		tg.high = range ? b.value : a.value;
		tg.unit = unit;
		tg.qualifier = qual;
		tg.kind = kind;
		tg.raw = span(&t, i, tend);
		tg.offset = t.off[i];
		tg.metric = metric_of(&t, i, tend, cs);
		if (!*tg.metric && l->n > 0) {
			/* 改造城镇老旧小区1227个、3011万平方米: the area of the same thing. */
			const char *prev = l->v[l->n - 1].metric;
			free(tg.metric);
			tg.metric = xasprintf("%s%s", prev,
			                      strcmp(kind, "area") == 0     ? "面积"
			                      : strcmp(kind, "length") == 0 ? "长度"
			                                                    : "");
		}
		add_target(l, &tg);
		if (strcmp(kind, "cumulative") == 0)
			cumul_at = (size_t)-1; /* 累计 names the first number after it */
		i = j - 1;
	}
	text_release(&t);
}

void
target_list_release(struct target_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].metric);
		free(l->v[i].unit);
		free(l->v[i].raw);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
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
