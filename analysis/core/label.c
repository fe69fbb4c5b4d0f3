/* label: see label.h. */
#include "core/label.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/memo.h"
#include "base/text.h"
#include "base/util.h"


/* ---- memos ----
 *
 * A label is a function of its input alone, and so is the action a phrase names; a
 * corpus asks most of them more than once (districts copy their city's wording, items
 * come back each year with new numbers: on the generator's 30k items only a third of the
 * labels asked are new), so their answers are kept (base/memo) until label_forget().
 */
static struct memo labels = MEMO_INIT, actions = MEMO_INIT;

/* ---- word lists (label rules read data, not code) ---- */

/* Verbs that say only that something is done (建设100个口袋公园 counts 口袋公园): dropped
 * before their object, and where they follow a means or a place (在…点位建成反诈工作站,
 * 利用…等建成公共文化空间) the label starts after them. */
static const char *const plain_verbs[] = {
	"全年完成", "建设", "建成", "建立", "完成", "开展", "实施", "打造", "提供", "开设", "开办",
	"实现", "推动", "推进", "组织", "举办", "发放", "集成", "创建", "布局", "进行", "利用",
	"深化", "推广", "确保", "着力", "引导", "通过", "选取", "选择", "遴选", "主要包括",
	"包括", "创建", "承办", "新建", "推出", "创成", "安排", "新建成", "改建成", "建设成",
};
/* Verbs that say at what stage things are, which tell two targets of one item apart
 * (启动160个项目、完工投用140个项目): kept, after a generic object. */
static const char *const stage_verbs[] = {
	"完工投用", "建成投用", "新开工", "开工", "启动", "完工", "竣工", "投用", "开通", "建成",
};
/* Nouns that say nothing alone: 项目, 处 … need the item's subject. */
static const char *const generic_nouns[] = {
	"项目", "工程", "点位", "场次", "活动", "批",
};
/* How a progress report's item names end: 文化公园建设项目完成情况. */
static const char *const report_tails[] = {
	"完成情况", "进展情况", "推进情况", "实施情况", "情况", "上半年", "下半年", "年底前", "年底",
	"年内", "当年",
};
/* Verbs whose object is the people reached (惠及10万户家庭, 覆盖未成年人12万人次). */
static const char *const reach_verbs[] = { "惠及", "覆盖", "服务" };
/* Words that only lead into a phrase: fillers, qualifiers, times. */
static const char *const lead_fillers[] = {
	"其中：", "其中", "全年", "力争", "年内", "今年", "优先", "进一步", "持续", "全面",
	"积极", "加快", "不少于", "不低于", "不超过", "至少", "超过", "高于", "多于", "约", "超",
	"共", "将", "于", "和", "及", "并", "每年", "力争", "达到", "合计", "共计",
	"预计完工后", "预计", "（", "(", "保持", "全市", "全区", "已经", "已", "目前", "现已",
	"全年计划", "含",
};
/* Words that only end a phrase. */
static const char *const tail_fillers[] = {
	"均达到", "达到", "数量", "不少于", "不低于", "不超过", "至少", "超过", "合计", "共计",
	"以上", "达", "为", "约", "超", "共", "的", "和", "与", "均", "至", "累计", "分别",
	"保持", "实现", "控制在", "保持在", "稳定在", "以内", "左右", "已完成", "任务",
};
/* Words before a count that only pick what is counted out of more: 一批, 各类. */
static const char *const determiners[] = { "各类", "各种", "一批", "一系列", "若干", "部分" };
/* Measures of a thing that say nothing alone: 面积100万平方米 is the area of what the
 * target before counted, 总投资2.5亿元 the cost of the project the notice describes. */
static const char *const measures[] = {
	"总建筑面积", "建筑面积", "总体工程量", "工程量", "面积", "长度", "规模", "数量",
	"计划总投资", "总投资", "计划投资", "投资", "总投入", "投入", "资金", "总面积",
	"占地面积", "占地", "用地面积", "全长", "总长", "总套数", "总量", "总规模",
};
/* What may stand before a measure and still say nothing: 项目总投资. */
static const char *const measure_leads[] = { "项目", "工程", "的项目之一", "其中" };
/* Work done to a thing, which a measure may follow (治理面积2550㎡ is the area of the
 * 黑臭水体 treated). */
static const char *const work_verbs[] = {
	"治理", "整治", "改造", "修复", "绿化", "硬化", "铺设", "清理", "疏浚", "覆盖", "提升",
	"整修", "修缮", "建设", "新建", "完成",
};
/* Verbs of a value changing to another (费率由7%降至6%). */
static const char *const change_verbs[] = {
	"降至", "降到", "降低至", "降低到", "下降至", "下降到", "降", "提高至", "提高到", "提升至",
	"提升到", "增至", "增加至", "增加到", "增长至", "增长到", "上升至", "上升到", "调整为",
	"调整至", "提高", "增至",
};
/* Activities named by their verb alone (完成接种2000人): the clause before says of what. */
static const char *const bare_acts[] = {
	"接种", "测试", "筛查", "检测", "监测", "培训", "救助", "体检", "评估",
};
/* People counted, alone (学生达300万人): the target before says which. */
static const char *const people_nouns[] = {
	"学生", "教师", "群众", "居民", "儿童", "老人", "老年人", "妇女", "家庭", "人员",
};
/* Places and institutions counted alone (46所学校1542间教室照明灯光改造): what the clause
 * goes on to do there says what they are counted for. */
static const char *const sites[] = { "学校", "医院", "社区", "小区", "村", "街道", "镇街" };
/* How a place's name ends: a label that is only a place says where, not what. */
static const char *const place_ends[] = { "镇", "乡", "街道", "片区", "村", "社区", "区", "县" };

/* Where things are, which an enumeration's last element may share with the others:
 * 100所学校、50家医院周边 are both 周边. */
static const char *const positions[] = { "周边", "周围", "附近", "沿线" };

/* ---- small string helpers ---- */

static int
has(const char *s, const char *p)
{
	/* Byte by byte, stopping at the first difference: called for every word of a list
	 * at every position of a phrase, it must not measure the word first. */
	for (; *p; s++, p++)
		if (*s != *p)
			return 0;
	return 1;
}

static int
ends(const char *s, const char *p)
{
	size_t n = strlen(s), m = strlen(p);
	return n >= m && memcmp(s + n - m, p, m) == 0;
}

/*
 * The long lists that lead_of and tail_of are asked at every position of every phrase
 * (after_last, trim), indexed: the first and the last characters of their words
 * (text_cpset), so that most positions and ends are answered no without comparing forty
 * words; and each word's length, not measured at every call.  Made once (label_make and
 * label_where see to it).
 */
#define INDEXED_MAX 64
static struct first_chars {
	const char *const *list;
	size_t n;
	struct text_cpset first, last;
	unsigned char len[INDEXED_MAX];
} first_chars[] = {
	{ plain_verbs, NELEM(plain_verbs), { { 0 } }, { { 0 } }, { 0 } },
	{ lead_fillers, NELEM(lead_fillers), { { 0 } }, { { 0 } }, { 0 } },
	{ tail_fillers, NELEM(tail_fillers), { { 0 } }, { { 0 } }, { 0 } },
	{ stage_verbs, NELEM(stage_verbs), { { 0 } }, { { 0 } }, { 0 } },
};
static const struct first_chars *stage_index; /* stage_verbs' (first_chars_init) */
_Static_assert(NELEM(plain_verbs) <= INDEXED_MAX && NELEM(lead_fillers) <= INDEXED_MAX &&
                       NELEM(tail_fillers) <= INDEXED_MAX && NELEM(stage_verbs) <= INDEXED_MAX,
               "an indexed word list is longer than its index");
static pthread_once_t first_chars_once = PTHREAD_ONCE_INIT;

/* The code point S (of LEN bytes, not 0) ends with. */
static int32_t
last_cp(const char *s, size_t len)
{
	size_t b = len - 1;
	int32_t c;

	while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	u8_next(s + b, &c);
	return c;
}

static void
first_chars_init(void)
{
	for (size_t i = 0; i < NELEM(first_chars); i++) {
		text_cpset_add_firsts(&first_chars[i].first, first_chars[i].list, first_chars[i].n);
		for (size_t k = 0; k < first_chars[i].n; k++) {
			first_chars[i].len[k] = (unsigned char)strlen(first_chars[i].list[k]);
			if (first_chars[i].len[k])
				text_cpset_add(&first_chars[i].last,
				               last_cp(first_chars[i].list[k], first_chars[i].len[k]));
		}
		if (first_chars[i].list == stage_verbs)
			stage_index = &first_chars[i];
	}
}

/* Which word of LIST S starts with (the longest), its length in *LEN; -1 if none. */
static int
lead_of(const char *s, const char *const *list, size_t n, size_t *len)
{
	int best = -1;
	size_t bl = 0;

	for (size_t i = 0; i < NELEM(first_chars); i++)
		if (first_chars[i].list == list) {
			int32_t c;
			u8_next(s, &c);
			if (!text_cpset_may(&first_chars[i].first, c)) {
				*len = 0;
				return -1;
			}
			break;
		}
	for (size_t i = 0; i < n; i++)
		if (has(s, list[i])) {
			size_t l = strlen(list[i]);
			if (l > bl) {
				best = (int)i;
				bl = l;
			}
		}
	*len = bl;
	return best;
}

static int
tail_of(const char *s, const char *const *list, size_t n, size_t *len)
{
	int best = -1;
	size_t bl = 0, sl = strlen(s);
	const unsigned char *lens = NULL;

	for (size_t i = 0; i < NELEM(first_chars); i++)
		if (first_chars[i].list == list) {
			if (!sl || !text_cpset_may(&first_chars[i].last, last_cp(s, sl))) {
				*len = 0;
				return -1;
			}
			lens = first_chars[i].len;
			break;
		}
	for (size_t i = 0; i < n; i++) {
		size_t l = lens ? lens[i] : strlen(list[i]);
		if (l > bl && l <= sl && s[sl - 1] == list[i][l - 1] &&
		    memcmp(s + sl - l, list[i], l) == 0) {
			best = (int)i;
			bl = l;
		}
	}
	*len = bl;
	return best;
}

static void
cut_front(char *s, size_t n)
{
	memmove(s, s + n, strlen(s + n) + 1);
}

/* The text after the last word of LIST in S (NULL if none, or if nothing follows it).
 * Words are read from the left, the longest first, so that one never starts inside
 * another: 创建成功率 holds 创建, not 建成. */
static const char *
after_last(const char *s, const char *const *list, size_t n)
{
	const char *best = NULL, *p = s;

	while (*p) {
		size_t l;
		int32_t cp;
		int k;
		if (lead_of(p, list, n, &l) >= 0) {
			p += l;
			if (*p)
				best = p;
			continue;
		}
		k = u8_next(p, &cp);
		p += k > 0 ? k : 1;
	}
	return best;
}

static size_t
chars(const char *s)
{
	return text_cps(s);
}

/* Fillers and stray punctuation off both ends of S; whether it cut anything. */
static int
trim_ends(char *s)
{
	int cut = 0;
	size_t l;

	if (lead_of(s, lead_fillers, NELEM(lead_fillers), &l) >= 0 && s[l]) {
		cut_front(s, l);
		cut = 1;
	}
	if (tail_of(s, tail_fillers, NELEM(tail_fillers), &l) >= 0 && strlen(s) > l) {
		s[strlen(s) - l] = '\0';
		cut = 1;
	}
	if (has(s, "，") || has(s, "、") || has(s, "”") || has(s, "）") || has(s, "：") ||
	    has(s, ")")) {
		cut_front(s, s[0] == ')' ? 1 : strlen("，"));
		cut = 1;
	}
	if (ends(s, "、") || ends(s, "“") || ends(s, "（") || ends(s, "，")) {
		s[strlen(s) - strlen("、")] = '\0';
		cut = 1;
	}
	/* …团辅活动及 (the next count follows), but 惠及, 涉及, 普及 are words. */
	if (ends(s, "及") && !ends(s, "惠及") && !ends(s, "涉及") && !ends(s, "普及") &&
	    strlen(s) > strlen("及")) {
		s[strlen(s) - strlen("及")] = '\0';
		cut = 1;
	}
	return cut;
}

/* What leads into S without being part of it: a list's own number (1.减少…, 2、实施…,
 * 一、优质教育…), 计划 before a plan (not 计划生育), a year (2025年全覆盖…).  Whether it
 * cut anything. */
/* Does S start with a Chinese numeral of a list's number (一 to 十)? */
static int
han_numeral(const char *s)
{
	int32_t c;

	if ((unsigned char)*s < 0xE4)
		return 0; /* every one of them is led by E4..E5 */
	u8_next(s, &c);
	switch (c) {
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一二三四五 */
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六七八九十 */
		return 1;
	default:
		return 0;
	}
}

static int
trim_lead(char *s)
{
	int cut = 0;
	size_t d = 0, mark;

	while (isdigit((unsigned char)s[d]) && d < 3)
		d++;
	mark = s[d] == '.' ? 1 : strlen("、");
	if (d && d < 3 && (s[d] == '.' || has(s + d, "．") || has(s + d, "、")) && s[d + mark] &&
	    !isdigit((unsigned char)s[d + mark])) {
		cut_front(s, d + mark);
		cut = 1;
	}
	d = 0;
	while (han_numeral(s + d) && d < 9)
		d += strlen("一");
	if (d && has(s + d, "、") && s[d + strlen("、")]) {
		cut_front(s, d + strlen("、"));
		cut = 1;
	}
	if (has(s, "计划") && !has(s + strlen("计划"), "生育") && chars(s) > 4) {
		cut_front(s, strlen("计划"));
		cut = 1;
	}
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) && has(s + 4, "年") &&
	    s[4 + strlen("年")]) {
		cut_front(s, 4 + strlen("年"));
		cut = 1;
	}
	return cut;
}

/* A frequency is no part of what is counted: 开展1次心理健康测评. */
static void
drop_frequency(char *s)
{
	for (char *p = s; *p; p++)
		if (isdigit((unsigned char)*p) && (p == s || !isdigit((unsigned char)p[-1]))) {
			char *q = p;
			while (isdigit((unsigned char)*q))
				q++;
			if (has(q, "次") && (p == s || !isalpha((unsigned char)p[-1]))) {
				cut_front(p, (size_t)(q - p) + strlen("次"));
				p--;
			}
		}
}

/* Remove fillers from both ends, unbalanced quotation marks and brackets. */
static char *
trim(char *s)
{
	int again = 1;

	while (again && *s) {
		again = trim_ends(s);
		again |= trim_lead(s);
	}
	drop_frequency(s);
	/* A quotation mark or bracket opened and never closed. */
	if (strstr(s, "“") && !strstr(s, "”"))
		cut_front(strstr(s, "“"), strlen("“"));
	if (strstr(s, "（") && !strstr(s, "）"))
		*strstr(s, "（") = '\0';
	return s;
}

/* The item's subject: its name without the verb that leads it (开展中心城区缓堵促畅 →
 * 中心城区缓堵促畅). */
static char *
topic_of(const char *item)
{
	char *t = xstrdup(item ? item : "");
	size_t l;

	while (lead_of(t, plain_verbs, NELEM(plain_verbs), &l) >= 0 && t[l])
		cut_front(t, l);
	/* 健康惠民工程（项目8个，其中…）: the name without its aside. */
	for (char *o; (o = strstr(t, "（")) && o > t;) {
		char *c = strstr(o, "）");
		if (!c) {
			*o = '\0';
			break;
		}
		memmove(o, c + strlen("）"), strlen(c + strlen("）")) + 1);
	}
	return trim(t);
}

/* ---- the parts of a phrase ---- */

/*
 * The action and its object in the text before a number: without what only leads into
 * it — fillers, a place (在市内主要公共场所), a means (利用…等), a slogan enumeration in
 * quotes (“进机关、进学校…”), a frame (“15分钟…服务圈”中) — and without a plain verb
 * before the object.
 */
static int is_generic(const char *s);

static char *
compose_action(const char *before, int rate)
{
	char *s = trim(xstrdup(before));
	const char *p;
	size_t l;

	/* A place: 在乡镇、学校等点位建成… → from the first verb after it. */
	if (has(s, "在") || has(s, "对其")) {
		const char *v = NULL;
		for (size_t i = 0; i < NELEM(plain_verbs); i++)
			if ((p = strstr(s, plain_verbs[i])) && (!v || p < v))
				v = p;
		for (size_t i = 0; i < NELEM(stage_verbs); i++)
			if ((p = strstr(s, stage_verbs[i])) && (!v || p < v))
				v = p;
		if ((p = strstr(s, "增设")) && (!v || p < v))
			v = p;
		if ((p = strstr(s, "安装")) && (!v || p < v))
			v = p;
		if (v)
			cut_front(s, (size_t)(v - s));
	}
	/* A means or a frame ends at its verb: the action is what follows the last one.  A
	 * rate keeps its subject whole (农村黑臭水体清零区县创建成功率). */
	if (!rate && (p = after_last(s, plain_verbs, NELEM(plain_verbs))) && chars(p) >= 2 &&
	    !is_generic(p))
		cut_front(s, (size_t)(p - s));
	/* A slogan enumeration in quotes before the object: “进机关、进学校”心理健康知识讲座. */
	if (has(s, "“") && (p = strstr(s, "”")) && memchr(s, 0xE3, (size_t)(p - s)) &&
	    strstr(s, "、") && strstr(s, "、") < p && chars(p + strlen("”")) >= 2)
		cut_front(s, (size_t)(p + strlen("”") - s));
	/* “…”中 frames what follows: “15分钟高品质生活服务圈”中“我要”场景系列服务事项. */
	if (has(s, "“") && (p = strstr(s, "”中")) && chars(p + strlen("”中")) >= 2)
		cut_front(s, (size_t)(p + strlen("”中") - s));
	/* 全市范围内, 全市 … */
	if ((p = strstr(s, "范围内")) && chars(p + strlen("范围内")) >= 2)
		memmove(s + (strstr(s, "全市") == s ? 0 : (size_t)(p - s)), p + strlen("范围内"),
		        strlen(p + strlen("范围内")) + 1);
	while (lead_of(s, plain_verbs, NELEM(plain_verbs), &l) >= 0 && chars(s + l) >= 2)
		cut_front(s, l);
	/* A long phrase that describes its object (…2021年推进的全市基础教育基本建设项目):
	 * the object, after the last 的. */
	if (chars(s) > 16) {
		const char *de = NULL;
		for (const char *q = s; (q = strstr(q, "的")); q += strlen("的"))
			de = q;
		if (de && chars(de + strlen("的")) >= 4)
			cut_front(s, (size_t)(de + strlen("的") - s));
	}
	return trim(s);
}

/* What BEFORE says is done (compose_action), from the memo when asked before. */
static char *
action_of_kind(const char *before, int rate)
{
	size_t l = strlen(before);
	char stackbuf[512], *key = l + 2 <= sizeof stackbuf ? stackbuf : xmalloc(l + 2), *out;

	memcpy(key, before, l);
	key[l] = '\0';
	key[l + 1] = rate != 0; /* read only as a yes or no */
	if (!(out = memo_get(&actions, key, l + 2))) {
		out = compose_action(before, rate);
		memo_put(&actions, key, l + 2, out);
	}
	if (key != stackbuf)
		free(key);
	return out;
}

static char *
action_of(const char *before)
{
	return action_of_kind(before, 0);
}

/* The head of a noun phrase counted: after its last 的 (35至64周岁的妇女 → 妇女), without
 * brackets; of an enumeration (小学高年级、初中、高中学生) the noun they share. */
static char *
head_of(const char *np)
{
	char *s = trim(xstrdup(np)), *p;
	const char *de = NULL;

	for (const char *q = s; (q = strstr(q, "的")); q += strlen("的"))
		de = q;
	if (de && chars(de + strlen("的")) >= 2)
		cut_front(s, (size_t)(de + strlen("的") - s));
	while ((p = strstr(s, "（")) && strstr(p, "）")) {
		char *e = strstr(p, "）") + strlen("）");
		memmove(p, e, strlen(e) + 1);
	}
	if ((p = strstr(s, "、"))) {
		/* The last element's last two characters name what all of them are. */
		const char *last = s;
		for (const char *q = s; (q = strstr(q, "、")); q += strlen("、"))
			last = q + strlen("、");
		if (chars(last) >= 4) {
			const char *h = last;
			size_t n = chars(last);
			int32_t cp;
			for (size_t i = 0; i + 2 < n; i++)
				h += u8_next(h, &cp);
			cut_front(s, (size_t)(h - s));
		}
	}
	return trim(s);
}

/* 自动体外除颤器（AED） → AED: the name analysts use. */
static void
abbreviate(char *s)
{
	char *o, *c;

	while ((o = strstr(s, "（")) && (c = strstr(o, "）"))) {
		const char *in = o + strlen("（");
		size_t n = (size_t)(c - in), latin = 0;
		char *start = o;
		int32_t cp;
		for (size_t i = 0; i < n; i++)
			latin += isalpha((unsigned char)in[i]) != 0;
		if (n < 2 || latin != n)
			break;
		/* Back over the Chinese name it abbreviates: to a mark, 的 or the start. */
		while (start > s) {
			const char *q = start;
			int k;
			/* step back one code point */
			do
				q--;
			while (q > s && ((unsigned char)*q & 0xC0) == 0x80);
			k = u8_next(q, &cp);
			(void)k;
			if (!text_is_han(cp) || has(q, "的") || has(q, "在") || has(q, "布") ||
			    has(q, "置"))
				break;
			start = (char *)q;
		}
		{
			char *abbr = xstrndup(in, n);
			size_t al = strlen(abbr);
			memmove(start + al, c + strlen("）"), strlen(c + strlen("）")) + 1);
			memcpy(start, abbr, al);
			free(abbr);
		}
	}
}

/* Is the phrase only generic nouns (项目; 未贯通路打通项目、配套路项目 all end in 项目)? */
static int
is_generic(const char *s)
{
	size_t l;
	int g = tail_of(s, generic_nouns, NELEM(generic_nouns), &l);

	if (!*s)
		return 1;
	if (g < 0)
		return 0;
	if (strlen(s) == l)
		return 1;
	/* An enumeration of kinds of one generic thing. */
	if (strstr(s, "、")) {
		char *c = xstrdup(s), *save = NULL;
		int all = 1;
		for (char *tok = strtok_r(c, "\xE3", &save); tok; tok = strtok_r(NULL, "\xE3", &save))
			;
		free(c);
		{
			const char *p = s;
			while (*p) {
				const char *e = strstr(p, "、");
				char *el = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
				all &= tail_of(el, generic_nouns, NELEM(generic_nouns), &l) >= 0;
				free(el);
				if (!e)
					break;
				p = e + strlen("、");
			}
		}
		return all;
	}
	/* A quoted name of a programme with 项目 after it (“渝好空间”项目建设). */
	return has(s, "“") && strstr(s, "”") && chars(strstr(s, "”")) <= 6;
}

/* The generic noun a phrase ends in (or contains last), for "<subject><noun><stage>". */
static const char *
generic_word(const char *s)
{
	const char *best = "项目";
	size_t bp = 0;

	for (size_t i = 0; i < NELEM(generic_nouns); i++) {
		const char *p = NULL;
		for (const char *q = s; (q = strstr(q, generic_nouns[i])); q += strlen(generic_nouns[i]))
			p = q;
		if (p && (size_t)(p - s) + 1 > bp) {
			bp = (size_t)(p - s) + 1;
			best = generic_nouns[i];
		}
	}
	return best;
}

/* The stage verb in S, or NULL. */
static const char *
stage_in(const char *s)
{
	size_t l, bl = 0;
	int k, bi = -1;

	if ((k = lead_of(s, stage_verbs, NELEM(stage_verbs), &l)) >= 0)
		return stage_verbs[k];
	/* The longest stage verb anywhere in S (the first of the list among equals): every
	 * position where one may start, in one pass rather than a strstr per verb. */
	for (const char *p = s; *p;) {
		int32_t c;
		int n = u8_next(p, &c);
		if (text_cpset_may(&stage_index->first, c))
			for (size_t i = 0; i < NELEM(stage_verbs); i++) {
				size_t vl = stage_index->len[i];
				if (has(p, stage_verbs[i]) &&
				    (bi < 0 || vl > bl || (vl == bl && (int)i < bi))) {
					bi = (int)i;
					bl = vl;
				}
			}
		p += n > 0 ? n : 1;
	}
	return bi < 0 ? NULL : stage_verbs[bi];
}

/* The object of a clause: what its action works on (实施一批立体过街设施项目（人行天桥、
 * 地下通道等） → 立体过街设施项目). */
static char *
object_of(const char *clause)
{
	char *s = action_of(clause), *p;
	size_t l;

	if ((p = strstr(s, "（")) && strstr(p, "）"))
		*p = '\0';
	if (lead_of(s, determiners, NELEM(determiners), &l) >= 0)
		cut_front(s, l);
	return trim(s);
}

static char *
cat3(const char *a, const char *b, const char *c)
{
	return xasprintf("%s%s%s", a ? a : "", b ? b : "", c ? c : "");
}

/* The measure a label is of (面积 in 新增建筑面积, 总投资 in 项目总投资), when nothing but
 * a word of measure_leads stands before it; else NULL. */
static const char *
measure_in(const char *s)
{
	size_t l;

	if (tail_of(s, measures, NELEM(measures), &l) >= 0) {
		size_t pl = strlen(s) - l;
		if (pl == 0)
			return s;
		for (size_t i = 0; i < NELEM(measure_leads); i++)
			if (strlen(measure_leads[i]) == pl && has(s, measure_leads[i]))
				return s + pl;
	}
	return NULL;
}

/* The length of a measure leading a label (总套数安置房), or 0. */
static size_t
measure_lead(const char *s)
{
	size_t l;
	int k = lead_of(s, measures, NELEM(measures), &l);

	return k >= 0 && strcmp(measures[k], "投入") != 0 && strcmp(measures[k], "投资") != 0 ? l : 0;
}

/* A thing named by a label or a clause, without the work done to it or its stage and
 * what it measures: 黑臭水体整治 → 黑臭水体, 东城花园安置小区建设工程 → 东城花园安置小区. */
static char *
subject_of(const char *s)
{
	char *of = xstrdup(s), *p;
	size_t l;
	int again = 1, verbs = 0;

	if ((p = strstr(of, "（")))
		*p = '\0';
	while (again) {
		again = 0;
		/* Generic nouns, measures, report words and the verbs of the work go (老旧小区
		 * 改造提升项目 → 老旧小区, 康复楼下半年开工建设 → 康复楼). */
		if ((tail_of(of, generic_nouns, NELEM(generic_nouns), &l) >= 0 ||
		     tail_of(of, measures, NELEM(measures), &l) >= 0 ||
		     tail_of(of, report_tails, NELEM(report_tails), &l) >= 0 ||
		     (verbs < 3 && (tail_of(of, work_verbs, NELEM(work_verbs), &l) >= 0 ||
		                    tail_of(of, stage_verbs, NELEM(stage_verbs), &l) >= 0))) &&
		    strlen(of) > l && chars(of) - chars(of + strlen(of) - l) >= 2) {
			size_t vl;
			if (tail_of(of, work_verbs, NELEM(work_verbs), &vl) >= 0 ||
			    tail_of(of, stage_verbs, NELEM(stage_verbs), &vl) >= 0)
				verbs++;
			of[strlen(of) - l] = '\0';
			again = 1;
		}
	}
	return trim(of);
}

/* What a measure in LABEL (总投资, 面积) is of: the thing the target before counted, the
 * thing the rest of the clause describes (…、8800平方米的县人民医院康复中心建设), the object
 * of the clause before, or the item's subject; "" if none. */
static char *
measured_thing(const struct label_in *in, const char *label)
{
	const char *de = NULL, *m;
	char *of;

	if (in->prev_label && *in->prev_label && strcmp(in->prev_label, label) != 0) {
		m = measure_in(in->prev_label);
		of = m ? xstrndup(in->prev_label, (size_t)(m - in->prev_label))
		       : xstrdup(in->prev_label);
		if (chars(of) >= 2) {
			char *s = subject_of(of);
			free(of);
			return s;
		}
		free(of);
	}
	for (const char *q = in->rest; q && (q = strstr(q, "的")); q += strlen("的"))
		de = q;
	if (de && chars(de + strlen("的")) >= 2) {
		of = subject_of(de + strlen("的"));
		if (chars(of) >= 2)
			return of;
		free(of);
	}
	if (in->prev_clause && *in->prev_clause) {
		/* Only the verbs leading in go: 实施东城花园安置小区建设工程 names the thing. */
		char *o = trim(xstrdup(in->prev_clause));
		size_t l;
		while (lead_of(o, plain_verbs, NELEM(plain_verbs), &l) >= 0 && chars(o + l) >= 2) {
			cut_front(o, l);
			trim(o);
		}
		of = subject_of(o);
		free(o);
		if (chars(of) >= 2 && chars(of) <= 16 && !strpbrk(of, "0123456789") &&
		    !strstr(of, "之一") && !has(of, "作为"))
			return of;
		free(of);
	}
	if (in->item && *in->item) {
		char *t = topic_of(in->item);
		of = subject_of(t);
		free(t);
		if (chars(of) >= 2 && chars(of) <= 16)
			return of;
		free(of);
	}
	return xstrdup("");
}

/* ---- the rules ---- */

/* 惠及10万户家庭 → 惠及家庭; 覆盖未成年人12万人次 → 假期公益托管覆盖未成年人: for 覆盖 and
 * 服务 the label says what reaches them (the text before the verb, the target before in
 * the sentence, the object of the clause before, or the item's subject). */
static char *
reach(const struct label_in *in, const char *act, const char *verb, const char *who)
{
	const char *v = strstr(act, verb);
	char *lead = xstrndup(act, (size_t)(v - act)), *what, *out;

	trim(lead);
	if (strcmp(verb, "惠及") == 0 || chars(lead) >= 2) {
		out = cat3(lead, verb, who);
		free(lead);
		return out;
	}
	free(lead);
	what = NULL;
	if (in->prev_label && *in->prev_label && !strstr(in->prev_label, verb))
		what = xstrdup(in->prev_label);
	else if (in->prev_clause && *in->prev_clause) {
		/* Not a list of examples (提供托管看护、作业辅导…等服务): they say what is done,
		 * not what reaches the people. */
		what = object_of(in->prev_clause);
		if (strstr(what, "、") && strstr(what, "等")) {
			free(what);
			what = NULL;
		}
	}
	/* The target before in the task (开办假期公益托管130期；…覆盖未成年人4000人次), else
	 * the item's subject. */
	if (!what && in->last_label && *in->last_label && !strstr(in->last_label, verb))
		what = xstrdup(in->last_label);
	if (!what)
		what = topic_of(in->item);
	/* 未成年人假期公益托管 覆盖 未成年人: the people once. */
	if (*who && strstr(what, who) == what && chars(what) > chars(who) + 1)
		cut_front(what, strlen(who));
	out = cat3(what, verb, who);
	free(what);
	return out;
}

/* Does S start with a verb of its own (加装护栏, 打通道路)? */
static int
starts_verb(const char *s)
{
	static const char *const verbs[] = { "加装", "安装", "打通", "改造", "新建", "新增", "治理",
		                             "消除", "培训", "培育", "普及", "配置", "增设", "解决" };
	size_t l;
	return lead_of(s, verbs, NELEM(verbs), &l) >= 0;
}

/* Do the words before AT (an 等 in S) end in a place's or a school's name (双凤桥街道等,
 * 余松一支路等, 实验小学等), so that 等 ends a list of examples, not of kinds (“口袋公园”等
 * 城市公园)? */
static int
names_before(const char *s, const char *at)
{
	static const char *const names[] = { "街道", "镇", "乡", "村", "路", "街", "小学", "中学",
		                             "学校", "片区", "社区", "区", "县", "校", "院" };
	char *b = xstrndup(s, (size_t)(at - s));
	size_t l;
	int yes = tail_of(b, names, NELEM(names), &l) >= 0;

	free(b);
	return yes;
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	/* The first byte before the call: most words differ there. */
	for (size_t i = 0; i < n; i++)
		if (s[0] == list[i][0] && strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Is S a place's name alone (玉峰山镇, 张关片区)? */
static int
is_place(const char *s)
{
	size_t l;
	return *s && chars(s) <= 6 && tail_of(s, place_ends, NELEM(place_ends), &l) >= 0 &&
	       chars(s) > 1;
}

/* The thing a clause ends by naming after its counts: 玉峰山镇2处、…共计4处黑臭水体整治 →
 * 黑臭水体整治; 6355人饮水问题 → 饮水问题. */
static char *
last_thing(const char *s)
{
	const char *p = s, *after = NULL;

	while (*p) {
		if (isdigit((unsigned char)*p)) {
			const char *q = p;
			int32_t cp;
			int k;
			while (isdigit((unsigned char)*q) || *q == '.')
				q++;
			/* the measure word */
			if ((k = u8_next(q, &cp)) > 0 && text_is_han(cp))
				q += k;
			after = q;
			p = q;
			continue;
		}
		p++;
	}
	return after && chars(after) >= 2 ? trim(xstrdup(after)) : NULL;
}

/* ---- composing a label ---- */

/* A phrase as the rules read it: the action before the number, the noun after it, the
 * words before it (those of the target before when the pattern goes on) and whether the
 * target is a rate. */
struct phrase {
	const struct label_in *in;
	char *act, *aft;
	const char *bef;
	int rate;
};

/* 优先在人口密集区、交通拥堵区增设…: the place the clause opens with goes on past the
 * 、 where the words before the number were cut. */
static void
act_place(struct phrase *p)
{
	const struct label_in *in = p->in;
	char *cl;

	if (!in->clause || !*p->act || has(p->act, "在"))
		return;
	cl = trim(xstrdup(in->clause));
	if ((has(cl, "在") || strstr(cl, "优先在") == cl) && strstr(cl, "、")) {
		char *tmp = cat3("在", p->act, NULL), *a2 = action_of_kind(tmp, p->rate);
		if (*a2 && strlen(a2) < strlen(p->act)) {
			free(p->act);
			p->act = a2;
		} else
			free(a2);
		free(tmp);
	}
	free(cl);
}

/* 对全市100所学校、50家医院周边…: the second count stands in the same pattern. */
static void
act_pattern(struct phrase *p)
{
	const char *pb = p->in->prev_before;

	if (p->in->enumerated && !*p->bef && pb &&
	    (has(pb, "为") || has(pb, "对") || ends(pb, "选取") || ends(pb, "选择") ||
	     ends(pb, "遴选")))
		p->bef = pb;
}

/* Examples before a count (打通…、园同一纵路等3条未贯通道路, 汉渝路小学等10所学校): the
 * count is of what follows; the action is the one the clause starts with. */
static void
act_examples_before(struct phrase *p)
{
	static const char *const own[] = { "打通", "解决", "改造", "新建", "完成", "改建" };
	char *cl, *v;
	const char *q;
	int32_t cp;
	int k1, k2;
	size_t l2;

	if (!ends(p->act, "等") || !*p->aft)
		return;
	cl = trim(xstrdup(p->in->clause ? p->in->clause : ""));
	v = xstrdup("");
	while (lead_of(cl, plain_verbs, NELEM(plain_verbs), &l2) >= 0)
		cut_front(cl, l2);
	/* A verb of its own at the clause's start (打通, 解决) stays. */
	q = cl;
	k1 = u8_next(q, &cp);
	k2 = k1 > 0 ? u8_next(q + k1, &cp) : 0;
	for (size_t i = 0; i < NELEM(own); i++)
		if (has(cl, own[i])) {
			free(v);
			v = xstrndup(cl, (size_t)(k1 + k2));
		}
	free(p->act);
	p->act = v;
	free(cl);
}

/* Examples inside the action (完成龙山街道、…、双凤桥街道等街道住宅老旧电梯更新): the list
 * ends at 等 and what is done follows. */
static void
act_examples_inside(struct phrase *p)
{
	const char *v, *q;

	if (!p->in->clause || !strstr(p->in->clause, "、") || !(v = strstr(p->act, "等")) ||
	    chars(v + strlen("等")) < 4 || !names_before(p->act, v))
		return;
	q = v + strlen("等");
	cut_front(p->act, (size_t)(q - p->act));
	trim(p->act);
	if ((q = after_last(p->act, plain_verbs, NELEM(plain_verbs))) && chars(q) >= 2)
		cut_front(p->act, (size_t)(q - p->act));
}

/* A phrase that starts right after the target before (…2614户，6355人饮水问题) goes on
 * with the verb it started with (解决). */
static void
act_carried(struct phrase *p)
{
	static const char *const own[] = { "解决", "打通", "新增", "完成", "培训", "改造" };
	char *pb;
	size_t l2;
	int k;

	if (*p->act || !p->in->prev_before || !*p->in->prev_before)
		return;
	pb = trim(xstrdup(p->in->prev_before));
	k = lead_of(pb, own, NELEM(own), &l2);
	if (k >= 0 && strcmp(own[k], "完成") != 0) {
		free(p->act);
		p->act = xstrdup(own[k]);
	}
	free(pb);
}

/* An enumeration (…、10万户家庭) goes on with the action of the one before it. */
static void
act_enumerated(struct phrase *p)
{
	char *pa;

	if (!p->in->enumerated || *p->act || !p->in->prev_before)
		return;
	pa = action_of(p->in->prev_before);
	for (size_t i = 0; i < NELEM(reach_verbs); i++)
		if (ends(pa, reach_verbs[i])) {
			free(p->act);
			p->act = xstrdup(reach_verbs[i]);
		}
	free(pa);
}

/* Reach: 惠及/覆盖/服务 and the people. */
static char *
rule_reach(const struct phrase *p)
{
	const struct label_in *in = p->in;
	const char *act = p->act, *aft = p->aft, *v;

	for (size_t i = 0; i < NELEM(reach_verbs); i++) {
		const char *rv = reach_verbs[i];
		if ((v = strstr(act, rv)) && v[strlen(rv)] == '\0' && *aft)
			return reach(in, act, rv, aft);                 /* 惠及 | 30万名 | 妇女儿童 */
		if (has(act, rv) && chars(act) > chars(rv) && !*aft)
			return reach(in, act, rv, act + strlen(rv));    /* 覆盖群众 | 3万人次 */
		if (strcmp(act, rv) == 0 && !*aft && strcmp(rv, "惠及") != 0)
			return reach(in, act, rv, "");                  /* 服务 | 13万人次 */
		if (v && v[strlen(rv)] == '\0' && !*aft && v > act) {
			char *lead = xstrndup(act, (size_t)(v - act)); /* 药物覆盖 | 5万人 */
			char *full = NULL;
			trim(lead);
			/* A short subject named in full in the clause before: 免费抗精神病药物. */
			if (chars(lead) <= 4 && in->prev_clause && strstr(in->prev_clause, lead)) {
				char *obj = object_of(in->prev_clause);
				if (ends(obj, lead))
					full = cat3(obj, rv, NULL);
				free(obj);
			}
			free(lead);
			return full ? full : xstrdup(act);
		}
	}
	return NULL;
}

/* The last action of the rest of a clause (…等进行整体提升 → 整体提升); when the rest is
 * the next target (…设备、1个联网型…报警器), only such an action.  NULL if none. */
static char *
rest_action(const char *r)
{
	int next = has(r, "、") && isdigit((unsigned char)r[strlen("、")]);
	const char *a = after_last(r, plain_verbs, NELEM(plain_verbs));
	char *ra = a ? xstrdup(a) : next ? xstrdup("") : action_of(r);

	trim(ra);
	if (*ra && !has(ra, "、"))
		return ra;
	free(ra);
	return NULL;
}

/* 为/对 N X (开展) Y: the people or things counted, then what is done for them. */
static char *
rule_for_whom(const struct phrase *p)
{
	const struct label_in *in = p->in;
	const char *bef = p->bef, *r = in->rest ? in->rest : "";
	char *x, *y = NULL, *split = NULL, *out;

	if (!(has(bef, "为") || has(bef, "对") || strcmp(bef, "在") == 0) ||
	    !(*p->aft || (in->rest && *in->rest)) || stage_in(p->act))
		return NULL;
	if (!*p->aft) {
		/* 为70万名35至64周岁的妇女提供…: the people run to the first verb. */
		const char *v1 = NULL;
		for (size_t i = 0; i < NELEM(plain_verbs); i++) {
			const char *q = strstr(r, plain_verbs[i]);
			if (q && (!v1 || q < v1))
				v1 = q;
		}
		split = v1 ? xstrndup(r, (size_t)(v1 - r)) : xstrdup(r);
		r = v1 ? v1 : r + strlen(r);
	}
	x = head_of(split ? split : p->aft);
	free(split);
	/* 100所学校、50家医院周边的…: the place they share. */
	for (size_t i = 0; i < NELEM(positions); i++)
		if (!strstr(x, positions[i]) && strstr(r, positions[i]) &&
		    strstr(r, positions[i]) < (strstr(r, "的") ? strstr(r, "的") : r + strlen(r))) {
			char *xp = cat3(x, positions[i], NULL);
			free(x);
			x = xp;
		}
	if (*r)
		y = rest_action(r);
	/* Keep a verb that says what is done (安装, 适配): "老旧高层建筑安装…". */
	out = y ? cat3(x, y, NULL) : xstrdup(x);
	free(y);
	free(x);
	return out;
}

/* 选取100所学校，对其周边环境进行整体提升: chosen things, then what is done. */
static char *
rule_chosen(const struct phrase *p)
{
	const char *bef = p->bef, *nc = p->in->next_clause;
	char *y, *q, *out;
	size_t l2;

	if (!*p->aft || !(ends(bef, "选取") || ends(bef, "选择") || ends(bef, "遴选")) || !nc ||
	    !*nc)
		return NULL;
	y = xstrdup(nc);
	if (lead_of(y, (const char *const[]){ "对其", "为其", "对", "为" }, 4, &l2) >= 0)
		cut_front(y, l2);
	/* 周边环境进行整体提升: 进行 only carries the verb after it. */
	while ((q = strstr(y, "进行")))
		cut_front(q, strlen("进行"));
	trim(y);
	out = cat3(p->aft, y, NULL);
	free(y);
	return out;
}

/* A generic object at a stage (启动160个项目, 新开工…项目105个, 完工8处): the item's
 * subject, or the object of the clause before, with the noun and the stage. */
static char *
rule_stage(const struct phrase *p)
{
	const struct label_in *in = p->in;
	char *cl = action_of(in->clause ? in->clause : ""), *out = NULL;
	const char *stage = stage_in(p->act), *src = p->act, *obj;

	if (!stage && (stage = stage_in(cl)))
		src = cl;       /* 新开工未贯通路打通项目、…、次支路加密项目105个 */
	obj = *p->aft ? p->aft : src + (stage && has(src, stage) ? strlen(stage) : 0);
	if (stage && is_generic(obj)) {
		char *subject = NULL;
		const char *noun = *obj ? generic_word(obj) : NULL;
		if (!*obj && in->prev_label && *in->prev_label) {
			/* 完工投用100个 after …项目新开工105个: the same subject. */
			const char *ps = stage_in(in->prev_label);
			subject = xstrdup(in->prev_label);
			if (ps && ends(subject, ps))
				subject[strlen(subject) - strlen(ps)] = '\0';
		} else if (!*obj && in->prev_clause && *in->prev_clause)
			subject = object_of(in->prev_clause);   /* 立体过街设施项目 */
		else
			subject = topic_of(in->item);
		if (noun && ends(subject, noun))
			noun = NULL;
		out = cat3(subject, noun, stage);
		free(subject);
	}
	free(cl);
	return out;
}

/* A programme's generic object with no stage (开展24个“渝好空间”项目建设): the item's
 * subject and the noun. */
static char *
rule_programme(const struct phrase *p)
{
	char *a2, *out = NULL;
	size_t l2;

	if (!*p->aft)
		return NULL;
	a2 = xstrdup(p->aft);
	if (tail_of(a2, plain_verbs, NELEM(plain_verbs), &l2) >= 0 && strlen(a2) > l2)
		a2[strlen(a2) - l2] = '\0';
	if (is_generic(a2) && has(a2, "“") && p->in->item && *p->in->item) {
		char *t = topic_of(p->in->item);
		const char *noun = generic_word(a2);
		out = cat3(t, ends(t, noun) ? NULL : noun, NULL);
		free(t);
	}
	free(a2);
	return out;
}

/* 启动1个片区、合计9个片区的慢行系统优化提升项目: the 的 after the last count describes
 * the first too. */
static char *
rule_shared_modifier(const struct phrase *p)
{
	char *key, *out = NULL;
	const char *m;

	if (!*p->aft || !p->in->rest)
		return NULL;
	key = cat3(p->aft, "的", NULL);
	m = strstr(p->in->rest, key);
	if (m && (m = m + strlen(key)) && chars(m) >= 2) {
		char *mod = xstrdup(m);
		size_t l2;
		const char *stage = NULL;
		if (tail_of(mod, generic_nouns, NELEM(generic_nouns), &l2) >= 0 && strlen(mod) > l2)
			mod[strlen(mod) - l2] = '\0';
		for (size_t i = 0; i < NELEM(stage_verbs); i++)
			if (ends(p->act, stage_verbs[i]))
				stage = stage_verbs[i];
		out = cat3(stage, mod, p->aft);
		free(mod);
	}
	free(key);
	return out;
}

/* Otherwise the noun after the number, with a verb that tells what is done (新增, 培训,
 * 普及, 消除; plain ones went with action_of); or the action alone. */
static char *
rule_plain(const struct phrase *p)
{
	size_t l;
	int plain;

	if (!*p->aft)
		return xstrdup(p->act);
	plain = lead_of(p->act, plain_verbs, NELEM(plain_verbs), &l) >= 0 && l == strlen(p->act);
	/* A generic noun (30个点位) needs what the action works on, however long. */
	if (!*p->act || plain || (chars(p->act) > 6 && !is_generic(p->aft)))
		return xstrdup(p->aft);
	return cat3(p->act, p->aft, NULL);
}

/* Replace *OUT by N (when N is not NULL). */
static char *
swap(char *out, char *n)
{
	if (!n)
		return out;
	free(out);
	return n;
}

/* A measure alone (面积, 总投资, 占地): of the thing the target before counted, the thing
 * the rest describes (总投资2600万元、8800平方米的县人民医院康复中心建设), the clause before
 * or the item's subject names. */
static char *
fix_measure(const struct label_in *in, char *out)
{
	const char *m = measure_in(out);
	size_t ml;

	if (m) {
		char *of = measured_thing(in, out);
		if (*of)
			out = swap(out, cat3(of, m, NULL));
		free(of);
	} else if ((ml = measure_lead(out)) && chars(out + ml) >= 2 && !starts_verb(out + ml)) {
		/* 总套数1201套安置房: the measure of what follows. */
		out = swap(out, xasprintf("%s%.*s", out + ml, (int)ml, out));
	}
	return out;
}

/* A measure of work (治理面积): of the thing the target before worked on, its own verb
 * left out (黑臭水体整治 → 黑臭水体治理面积). */
static char *
fix_work_measure(const struct label_in *in, char *out)
{
	size_t wl;

	if (in->prev_label && *in->prev_label &&
	    lead_of(out, work_verbs, NELEM(work_verbs), &wl) >= 0 &&
	    in_list(out + wl, measures, NELEM(measures))) {
		char *of = subject_of(in->prev_label);
		if (chars(of) >= 2 && !strstr(of, out + wl))
			out = swap(out, cat3(of, out, NULL));
		free(of);
	}
	return out;
}

/* A site alone (学校) with what is done there after the next count. */
static char *
fix_site(const struct label_in *in, char *out)
{
	if (in_list(out, sites, NELEM(sites)) && in->rest) {
		char *what = last_thing(in->rest);
		if (what)
			out = swap(out, cat3(out, what, NULL));
		free(what);
	}
	return out;
}

/* A verb alone (接种, 测试): of the activity the clause before names. */
static char *
fix_bare_act(const struct label_in *in, char *out)
{
	if (in_list(out, bare_acts, NELEM(bare_acts)) && in->prev_clause && *in->prev_clause) {
		char *o = object_of(in->prev_clause);
		if (*o)
			out = swap(out, ends(o, out) ? xstrdup(o) : cat3(o, out, NULL));
		free(o);
	}
	return out;
}

/* People alone (学生) after people with a qualifier (参与教师): the same qualifier. */
static char *
fix_people(const struct label_in *in, char *out)
{
	if (!in_list(out, people_nouns, NELEM(people_nouns)) || !in->prev_label)
		return out;
	for (size_t i = 0; i < NELEM(people_nouns); i++)
		if (ends(in->prev_label, people_nouns[i]) &&
		    strlen(in->prev_label) > strlen(people_nouns[i]))
			return swap(out, xasprintf("%.*s%s",
			                           (int)(strlen(in->prev_label) - strlen(people_nouns[i])),
			                           in->prev_label, out));
	return out;
}

/* A rate of a verb alone (对…学生保持100%覆盖): the people, the verb, 率. */
static char *
fix_rate(const struct label_in *in, char *out)
{
	char *who;
	size_t l2;

	if (in->kind != KIND_PERCENT || !in_list(out, reach_verbs, NELEM(reach_verbs)) ||
	    !in->before)
		return out;
	who = trim(xstrdup(in->before));
	if (lead_of(who, (const char *const[]){ "对", "为" }, 2, &l2) >= 0)
		cut_front(who, l2);
	trim(who);
	out = swap(out, cat3(who, out, "率"));
	free(who);
	return out;
}

/* A place alone (玉峰山镇2处), or after its verb (解决张关片区2614户): what is done there,
 * and where. */
static char *
fix_place(const struct label_in *in, char *out)
{
	static const char *const own[] = { "解决", "完成", "打通", "改造", "新建" };
	size_t vl = 0;
	int k = lead_of(out, own, NELEM(own), &vl);
	const char *place = out + (k >= 0 ? vl : 0);
	char *what;

	if (!is_place(place))
		return out;
	what = in->rest ? last_thing(in->rest) : NULL;
	if (!what && in->next_clause && *in->next_clause)
		what = last_thing(in->next_clause);
	if (what && !is_place(what))
		out = swap(out, xasprintf("%.*s%s（%s）", k >= 0 && strcmp(own[k], "完成") != 0 ?
		                          (int)vl : 0, out, what, place));
	free(what);
	return out;
}

static char *
fix_abbreviation(const struct label_in *in, char *out)
{
	(void)in;
	abbreviate(out);
	return out;
}

/* 各类友好阵地 → 新就业群体友好阵地: a determiner gives way to the item's subject where
 * the subject names the same kind of thing. */
static char *
fix_determiner(const struct label_in *in, char *out)
{
	char two[8] = { 0 }, *t, *rest, *hit;
	int32_t cp;
	int k1, k2;
	size_t l;

	if (lead_of(out, determiners, NELEM(determiners), &l) < 0)
		return out;
	t = topic_of(in->item);
	rest = out + l;
	k1 = u8_next(rest, &cp);
	k2 = k1 > 0 ? u8_next(rest + k1, &cp) : 0;
	if (k1 > 0 && k2 > 0)
		memcpy(two, rest, (size_t)(k1 + k2));
	if (*two && (hit = strstr(t, two)) && hit > t)
		out = swap(out, xasprintf("%.*s%s", (int)(hit - t), t, rest));
	else
		cut_front(out, l);
	free(t);
	return out;
}

/* A short action that the item's name holds whole: the name says it fully (加装护栏 →
 * 农村公路加装护栏). */
static char *
fix_item_action(const struct label_in *in, char *out)
{
	char *t;

	if (chars(out) > 4 || !*out || !in->item || !strstr(in->item, out) ||
	    chars(in->item) > 16 || !starts_verb(out))
		return out;
	t = topic_of(in->item);
	if (strstr(t, out))
		return swap(out, t);
	free(t);
	return out;
}

/* Cumulative: 累计 says it (and 累计达到550个 counts what the target before did). */
static char *
fix_cumulative(const struct label_in *in, char *out)
{
	if (strcmp(out, "累计") == 0 && in->prev_label && *in->prev_label)
		return swap(out, cat3("累计", in->prev_label, NULL));
	if (in->kind == KIND_CUMULATIVE && !strstr(out, "累计"))
		return swap(out, *out ? cat3("累计", out, NULL)
		                      : cat3("累计", in->prev_label ? in->prev_label : "", NULL));
	return out;
}

/* A ratio says per what: 每户电气火灾智防设备. */
static char *
fix_per(const struct label_in *in, char *out)
{
	if (in->per && *in->per && !strstr(out, in->per))
		return swap(out, cat3(in->per, out, NULL));
	return out;
}

/* The label from the phrases: the action adjusted, the first rule that applies, then the
 * fixes in order. */
static char *
compose(const struct label_in *in)
{
	static void (*const adjust[])(struct phrase *) = {
		act_place, act_pattern, act_examples_before, act_examples_inside, act_carried,
		act_enumerated,
	};
	static char *(*const rules[])(const struct phrase *) = {
		rule_reach, rule_for_whom, rule_chosen, rule_stage, rule_programme,
		rule_shared_modifier, rule_plain,
	};
	static char *(*const fixes[])(const struct label_in *, char *) = {
		fix_measure, fix_work_measure, fix_site,        fix_bare_act,    fix_people,
		fix_rate,    fix_place,        fix_abbreviation, fix_determiner, fix_item_action,
		fix_cumulative, fix_per,
	};
	struct phrase p;
	char *out = NULL;

	p.in = in;
	p.rate = in->kind == KIND_PERCENT;
	p.act = action_of_kind(in->before ? in->before : "", p.rate);
	p.aft = trim(xstrdup(in->after ? in->after : ""));
	p.bef = in->before ? in->before : "";
	for (size_t i = 0; i < NELEM(adjust); i++)
		adjust[i](&p);
	for (size_t i = 0; !out && i < NELEM(rules); i++)
		out = rules[i](&p);
	free(p.act);
	free(p.aft);
	trim(out);
	for (size_t i = 0; i < NELEM(fixes); i++)
		out = fixes[i](in, out);
	return trim(out);
}

/* ---- input and output ---- */

/* Is S at a pinyin gloss a page injected after a character (學(xué), 報（bào）)?  Its
 * length in bytes, brackets included, or 0. */
static size_t
gloss_at(const char *s)
{
	const char *p = s, *close = NULL;
	size_t n = 0;
	int32_t cp;
	int k;

	if (has(p, "("))
		p += 1, close = ")";
	else if (has(p, "（"))
		p += strlen("（"), close = "）";
	else
		return 0;
	while ((k = u8_next(p, &cp)) > 0 && !has(p, close)) {
		/* Lower-case Latin, with the tone marks of pinyin (Latin-1 and Latin Extended). */
		if (!((cp >= 'a' && cp <= 'z') || (cp >= 0xE0 && cp <= 0xFC) ||
		      (cp >= 0x100 && cp <= 0x1DC)))
			return 0;
		p += k;
		n++;
	}
	if (n == 0 || n > 6 || !has(p, close))
		return 0;
	return (size_t)(p + strlen(close) - s);
}

/* S as the rules read it, brackets full-width and pinyin glosses gone, malloc'd; NULL
 * where that leaves S as it is (it has no bracket: a gloss is in brackets) or S is NULL. */
static char *
norm_changed(const char *s)
{
	/* At most three bytes for each (a bracket becomes a full-width one): written in
	 * place, not grown a character at a time. */
	char *out, *o;
	size_t g;

	if (!s || (!strpbrk(s, "()") && !strstr(s, "（")))
		return NULL;
	out = o = xmalloc(3 * strlen(s) + 1);
	while (*s) {
		int32_t cp;
		int k = u8_next(s, &cp);
		if (k <= 0)
			break;
		if (cp > 0x7F && (g = gloss_at(s + k))) {
			memcpy(o, s, (size_t)k);
			o += k;
			s += (size_t)k + g;
			continue;
		}
		if (*s == '(' || *s == ')') {
			memcpy(o, *s == '(' ? "（" : "）", 3);
			o += 3;
		} else {
			memcpy(o, s, (size_t)k);
			o += k;
		}
		s += k;
	}
	*o = '\0';
	return out;
}

/* S as the rules read it (norm_changed), always a copy of its own; NULL for NULL. */
static char *
norm_text(const char *s)
{
	char *c = norm_changed(s);

	return c || !s ? c : xstrdup(s);
}

/* Brackets left open or closed alone by a cut: 城市书房（百姓书屋 → 城市书房, 改扩）建公办园
 * → 建公办园, 间） → 间. */
static void
balance(char *s)
{
	char *o = NULL, *c;
	int depth = 0;

	for (char *p = s; *p;) {
		if (has(p, "（")) {
			if (!depth++)
				o = p;
			p += strlen("（");
		} else if (has(p, "）")) {
			if (depth > 0) {
				depth--;
				p += strlen("）");
				continue;
			}
			/* Closed alone: what is before it belongs to a phrase cut off. */
			c = p + strlen("）");
			if (chars(c) >= 2)
				cut_front(s, (size_t)(c - s));
			else
				memmove(p, c, strlen(c) + 1);
			p = s;
			depth = 0;
			o = NULL;
		} else
			p++;
	}
	if (depth > 0 && o) {
		if (o > s && chars(s) - chars(o) >= 2)
			*o = '\0';
		else
			memmove(o, o + strlen("（"), strlen(o + strlen("（")) + 1);
	}
	/* A quotation mark without its pair: 好去处” → 好去处. */
	{
		char *q1 = strstr(s, "“"), *q2 = strstr(s, "”");
		if (q1 && (!q2 || q2 < q1))
			memmove(q1, q1 + strlen("“"), strlen(q1 + strlen("“")) + 1);
		else if (q2 && !q1)
			memmove(q2, q2 + strlen("”"), strlen(q2 + strlen("”")) + 1);
	}
}

/* A verb left at the end from the phrase after (养老床位新增4000张 read as 新增养老床位
 * 新增, 暑托班开办500个): not part of what is counted. */
static char *
mend_trailing_verb(char *out, const struct label_in *n)
{
	static const char *const trailing[] = { "新增", "开办", "改建", "新建", "推出", "完成",
		                                "实现", "达到" };
	size_t l2;

	if (tail_of(out, trailing, NELEM(trailing), &l2) >= 0 && chars(out) - 2 >= 3) {
		char *rest = xstrndup(out, strlen(out) - l2);
		if (!is_place(rest)) {
			out[strlen(out) - l2] = '\0';
			trim(out);
		}
		free(rest);
	}
	return out;
}

/* 为全市用人单位减负, 对新建村级老年食堂: the beneficiary or object without its preposition. */
static char *
mend_preposition(char *out, const struct label_in *n)
{
	if ((has(out, "为") || has(out, "对")) && chars(out) > 4 && !has(out, "为期"))
		cut_front(out, strlen("为"));
	return out;
}

/* …团辅活动21场及5个个案服务: a short noun joined to the target before shares what that
 * one's label says before its own noun. */
static char *
mend_joined(char *out, const struct label_in *n)
{
	static const char *const joins[] = { "及", "和", "以及", "与" };
	char *b;
	size_t pl, ol;

	if (!n->prev_label || !*out || chars(out) > 4 || starts_verb(out))
		return out;
	b = trim(xstrdup(n->before));
	pl = chars(n->prev_label);
	ol = chars(out);
	if ((in_list(b, joins, NELEM(joins)) || (!*b && (n->enumerated || n->joined))) &&
	    pl >= ol + 2 && !strstr(n->prev_label, out) &&
	    strncmp(n->prev_label, out, 6) != 0) {
		/* (Not when both start alike, 惠及妇女儿童、惠及家庭: that one is whole.) */
		const char *q = n->prev_label;
		int32_t cp;
		char *m;
		for (size_t i = 0; i + ol < pl; i++)
			q += u8_next(q, &cp);
		m = xasprintf("%.*s%s", (int)(q - n->prev_label), n->prev_label, out);
		free(out);
		out = m;
	}
	free(b);
	return out;
}

/* 政府购买和社会接入AED: the abbreviation names the thing; the rest qualifies it. */
static char *
mend_abbreviation(char *out, const struct label_in *n)
{
	size_t len = strlen(out), k = len;

	while (k > 0 && isupper((unsigned char)out[k - 1]))
		k--;
	if (len - k >= 2 && k > 0 && !isalnum((unsigned char)out[k - 1]) &&
	    chars(out) - (len - k) >= 4 && !has(out, "在") && !starts_verb(out)) {
		char *m = xasprintf("%s（%.*s）", out + k, (int)k, out);
		free(out);
		out = m;
	}
	return out;
}

/* A filler alone (共40人) says nothing: as if nothing were said.  …降至6%, 增至…: the
 * value it changes to is of what the target before measured. */
static char *
mend_filler(char *out, const struct label_in *n)
{
	if (in_list(out, lead_fillers, NELEM(lead_fillers)) ||
	    in_list(out, tail_fillers, NELEM(tail_fillers)))
		*out = '\0';
	if (n->prev_label && *n->prev_label && in_list(out, change_verbs, NELEM(change_verbs))) {
		free(out);
		out = xstrdup(n->prev_label);
	}
	return out;
}

/* 其中农村185个, 其中幼儿园420个: a part of the target before, named by it. */
static char *
mend_part_of(char *out, const struct label_in *n)
{
	char *b = xstrdup(n->before), *parent = NULL;

	while (*b == ' ')
		cut_front(b, 1);
	if (has(b, "其中") && n->prev_label && *n->prev_label)
		parent = xstrdup(n->prev_label);
	else if (n->enumerated && n->prev_before && n->prev_label && strstr(n->prev_label, "（")) {
		char *pb = xstrdup(n->prev_before);
		while (*pb == ' ')
			cut_front(pb, 1);
		if (has(pb, "其中"))
			parent = xstrdup(n->prev_label);
		free(pb);
	}
	if (parent && *out && chars(out) <= 4 && !starts_verb(out) && !strstr(out, "（") &&
	    !(strlen(out) >= 6 && ends(parent, out + strlen(out) - 6))) {
		/* (城区学校 of 改扩建学校 says it alone.) */
		char *p = strstr(parent, "（"), *m;
		if (p)
			*p = '\0';
		m = xasprintf("%s（%s）", parent, out);
		free(out);
		out = m;
	}
	free(parent);
	free(b);
	return out;
}

/* 完成全年目标的109.4%: the share of the goal done. */
static char *
mend_goal_share(char *out, const struct label_in *n)
{
	if (n->kind == KIND_PERCENT && (ends(out, "目标") || ends(out, "任务") || ends(out, "计划"))) {
		char *m = cat3(out, "完成率", NULL);
		free(out);
		out = m;
	}
	return out;
}

/* A generic noun alone (包括老旧小区改造、…等2个项目): the item's subject, or the first
 * example the clause gives. */
static char *
mend_generic(char *out, const struct label_in *n)
{
	char *m = NULL;

	if (!in_list(out, generic_nouns, NELEM(generic_nouns)))
		return out;
	if (n->item && *n->item) {
		char *t = topic_of(n->item);
		m = ends(t, out) ? xstrdup(t) : cat3(t, out, NULL);
		free(t);
	} else if (n->clause && strstr(n->clause, "、") && strstr(n->clause, "等")) {
		char *c = trim(xstrdup(n->clause)), *p;
		size_t l;
		while (lead_of(c, plain_verbs, NELEM(plain_verbs), &l) >= 0 && chars(c + l) >= 2)
			cut_front(c, l);
		if ((p = strstr(c, "、")))
			*p = '\0';
		trim(c);
		if (chars(c) >= 2 && chars(c) <= 12)
			m = xasprintf("%s等%s", c, out);
		free(c);
	}
	if (m) {
		free(out);
		out = m;
	}
	return out;
}

/* Too long for a chart's title because of examples (阅读、展览、文化演出等惠民文化活动):
 * what they are examples of, or the last of them with it when that alone is generic. */
static char *
mend_examples(char *out, const struct label_in *n)
{
	char *d, *e;

	if (chars(out) <= 16)
		return out;
	d = strstr(out, "等");
	if (d && (e = strstr(out, "、")) && e < d && chars(d + strlen("等")) >= 2) {
		const char *rest = d + strlen("等"), *last = out;
		char *m;
		for (char *q = out; (q = strstr(q, "、")) && q < d; q += strlen("、"))
			last = q + strlen("、");
		m = chars(rest) >= 4 && !is_generic(rest) ? xstrdup(rest)
		    : xasprintf("%.*s", (int)(strlen(last)), last);
		free(out);
		out = m;
	}
	return out;
}

/* Nothing said: the thing the target before counted (改造城镇老旧小区1227个、3011万平方米
 * is its area), else the item's name. */
static char *
mend_nothing_said(char *out, const struct label_in *n)
{
	if (*out)
		return out;
	if (n->prev_label && *n->prev_label) {
		free(out);
		out = xasprintf("%s%s", n->prev_label, n->kind == KIND_AREA     ? "面积"
		                                       : n->kind == KIND_LENGTH ? "长度"
		                                                                : "");
	} else if (n->item && *n->item) {
		free(out);
		out = topic_of(n->item);
		balance(out);
	}
	return out;
}

/* What compose() made, checked and mended in this order. */
static char *(*const mends[])(char *, const struct label_in *) = {
	mend_trailing_verb, mend_preposition, mend_joined, mend_abbreviation, mend_filler,
	mend_part_of, mend_goal_share, mend_generic, mend_examples, mend_nothing_said,
};

/* The phrase right after the number, as compose() reads it. */
static const char *
after_of(const char *after)
{
	/* 25万吨/日: the time a capacity is per belongs to the unit. */
	if (has(after, "/")) {
		const char *p = after + 1;
		int32_t cp;
		int k = u8_next(p, &cp);
		after = k > 0 && text_is_han(cp) ? p + k : p;
	}
	/* …由7%降至6%: what follows the first value is the change, not what is counted; 500米
	 * 为服务半径: what the value is. */
	for (size_t i = 0; i < NELEM(change_verbs); i++)
		if (has(after, change_verbs[i]) && chars(after) <= chars(change_verbs[i]) + 1)
			after = "";
	if (has(after, "为") && chars(after) > 2)
		after += strlen("为");
	return after;
}

static char *compose_label(const struct label_in *in);

char *
label_make(const struct label_in *in)
{
	char stackbuf[1024], *key = stackbuf, *out;
	const char *str[] = { in->before, in->clause, in->after, in->rest, in->prev_clause,
		              in->next_clause, in->prev_label, in->prev_before, in->last_label,
		              in->per, in->item };
	int ints[] = { in->enumerated, in->joined, (int)in->kind };
	size_t len[NELEM(str)], n = 0, need = sizeof ints;

	/* The key: a NULL string is a byte 0, a string a byte 1, its bytes and a 0 (so no two
	 * inputs have one key); then the numbers. */
	for (size_t i = 0; i < NELEM(str); i++) {
		len[i] = str[i] ? strlen(str[i]) : 0;
		need += str[i] ? len[i] + 2 : 1;
	}
	if (need > sizeof stackbuf)
		key = xmalloc(need);
	for (size_t i = 0; i < NELEM(str); i++) {
		key[n++] = str[i] != NULL;
		if (str[i]) {
			memcpy(key + n, str[i], len[i] + 1);
			n += len[i] + 1;
		}
	}
	memcpy(key + n, ints, sizeof ints);
	n += sizeof ints;
	if (!(out = memo_get(&labels, key, n))) {
		out = compose_label(in);
		memo_put(&labels, key, n, out);
	}
	if (key != stackbuf)
		free(key);
	return out;
}

void
label_forget(void)
{
	memo_clear(&labels);
	memo_clear(&actions);
}

static char *
compose_label(const struct label_in *in)
{
	struct label_in n = *in;
	const char **field[] = { &n.before, &n.clause, &n.after, &n.rest, &n.prev_clause,
		                 &n.next_clause, &n.prev_label, &n.prev_before, &n.item,
		                 &n.last_label };
	char *s[NELEM(field)], *out;

	pthread_once(&first_chars_once, first_chars_init);
	/* Every phrase normalised once: a copy only where that changes it (the copies are
	 * freed below), the rules only read them. */
	for (size_t i = 0; i < NELEM(field); i++)
		if ((s[i] = norm_changed(*field[i])))
			*field[i] = s[i];
	n.after = after_of(n.after);
	/* 费率由7%降至6%: the rate before it changes is still the rate. */
	if (ends(n.before, "由")) {
		char *b = xstrndup(n.before, strlen(n.before) - strlen("由"));
		free(s[0]);
		n.before = s[0] = b;
	}
	out = compose(&n);
	balance(out);
	trim(out);
	for (size_t i = 0; i < NELEM(mends); i++)
		out = mends[i](out, &n);
	for (size_t i = 0; i < NELEM(s); i++)
		free(s[i]);
	return out;
}

char *
label_where(const char *clause)
{
	char *c = norm_text(clause), *w = NULL, *p0;
	size_t l;

	pthread_once(&first_chars_once, first_chars_init);
	trim(c);
	if ((p0 = strstr(c, "包括")) && p0 > c) {
		/* 童家石河水库生态修复工程主要包括…: the works the clause is about. */
		char *sub = xstrndup(c, (size_t)(p0 - c)), *sj;
		size_t l2;
		if (tail_of(sub, (const char *const[]){ "主要" }, 1, &l2) >= 0)
			sub[strlen(sub) - l2] = '\0';
		/* The works' name, without 工程 or an aside (含连接河道). */
		if ((sj = strstr(sub, "（")))
			*sj = '\0';
		while (tail_of(sub, generic_nouns, NELEM(generic_nouns), &l2) >= 0 && strlen(sub) > l2)
			sub[strlen(sub) - l2] = '\0';
		sj = trim(sub);
		if (chars(sj) >= 2 && chars(sj) <= 12)
			w = sj;
		else
			free(sj);
	} else if (has(c, "在")) {
		/* 在龙亭镇实施…: the place, to its verb. */
		const char *p = c + strlen("在"), *v = NULL, *q;
		for (size_t i = 0; i < NELEM(plain_verbs); i++)
			if ((q = strstr(p, plain_verbs[i])) && (!v || q < v))
				v = q;
		for (size_t i = 0; i < NELEM(work_verbs); i++)
			if ((q = strstr(p, work_verbs[i])) && (!v || q < v))
				v = q;
		if (v && v > p)
			w = xstrndup(p, (size_t)(v - p));
	} else {
		/* 西秀区完成6962人: a place name leading the clause. */
		const char *best = NULL, *p = c;
		int32_t cp;
		int k;
		for (size_t n = 0; n < 8 && (k = u8_next(p, &cp)) > 0; n++) {
			p += k;
			char *pre = xstrndup(c, (size_t)(p - c));
			if (n >= 1 && tail_of(pre, place_ends, NELEM(place_ends), &l) >= 0)
				best = p;
			free(pre);
		}
		if (best)
			w = xstrndup(c, (size_t)(best - c));
		/* Not a verb's object (减少农村…, 新建农村…), nor the countryside at large. */
		if (w && (starts_verb(w) || lead_of(w, plain_verbs, NELEM(plain_verbs), &l) >= 0 ||
		          lead_of(w, work_verbs, NELEM(work_verbs), &l) >= 0 ||
		          lead_of(w, (const char *const[]){ "减少", "完成", "各" }, 3, &l) >= 0 ||
		          ends(w, "农村") || ends(w, "乡村"))) {
			free(w);
			w = NULL;
		}
	}
	free(c);
	if (w && (chars(trim(w)) < 2 || chars(w) > 12)) {
		free(w);
		w = NULL;
	}
	return w;
}
