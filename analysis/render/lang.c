/* lang: see lang.h. */
#include "render/lang.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

enum lang
lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < NELEM(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
	}
	return LANG_EN;
}

int
lang_parse(const char *s, enum lang *l)
{
	if (strncmp(s, "zh", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-'))
		*l = LANG_ZH;
	else if (strncmp(s, "en", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-'))
		*l = LANG_EN;
	else
		return -1;
	return 0;
}

/* Column headings: the column's name, its English heading, its Chinese one; "%s" takes
 * the column's tag when it has one. */
static const struct heading {
	const char *col, *en, *zh, *en_tag, *zh_tag;
} headings[] = {
	{ "set", "set", "任务集", NULL, NULL },
	{ "year", "year", "年份", NULL, NULL },
	{ "jurisdiction", "jurisdiction", "地区", NULL, NULL },
	{ "level", "level", "层级", NULL, NULL },
	{ "parent", "parent", "上级任务集", NULL, NULL },
	{ "doc_number", "document no.", "文号", NULL, NULL },
	{ "issued", "issued", "印发日期", NULL, NULL },
	{ "title", "title", "标题", NULL, NULL },
	{ "raw", "notice text", "原文", NULL, NULL },
	{ "tasks", "task file", "任务文件", NULL, NULL },
	{ "section", "section", "类别", NULL, NULL },
	{ "seq", "no.", "序号", NULL, NULL },
	{ "name", "item", "项目名称", NULL, NULL },
	{ "units", "responsible", "责任单位", NULL, NULL },
	{ "task", "task", "工作任务", NULL, NULL },
	{ "deadline", "deadline", "完成时限", NULL, NULL },
	{ "note", "note", "备注", NULL, NULL },
	{ "item", "item", "项目", NULL, NULL },
	{ "n", "target no.", "目标序号", NULL, NULL },
	{ "metric", "metric", "指标", NULL, NULL },
	{ "value", "target", "目标值", NULL, NULL },
	{ "unit", "unit", "单位", NULL, NULL },
	{ "qualifier", "qualifier", "限定", NULL, NULL },
	{ "kind", "kind", "类型", NULL, NULL },
	{ "line", "notice line", "原文行号", NULL, NULL },
	{ "from_set", "from set", "原任务集", NULL, NULL },
	{ "from_seq", "from no.", "原序号", "%s no.", "%s序号" },
	{ "from_item", "from item", "原项目", "%s item", "%s项目" },
	{ "to_set", "to set", "新任务集", NULL, NULL },
	{ "to_seq", "to no.", "新序号", "%s no.", "%s序号" },
	{ "to_item", "to item", "新项目", "%s item", "%s项目" },
	{ "relation", "relation", "关系", NULL, NULL },
	{ "score", "score", "得分", NULL, NULL },
	{ "why", "shared terms", "依据", NULL, NULL },
	{ "series", "series", "序列", NULL, NULL },
	{ "first_set", "first set", "起始任务集", NULL, NULL },
	{ "last_set", "last set", "末尾任务集", NULL, NULL },
	{ "first_value", "first value", "起始值", NULL, NULL },
	{ "last_value", "last value", "末尾值", NULL, NULL },
	{ "abs_change", "change", "增减量", NULL, NULL },
	{ "pct_change", "change %", "增减幅度", NULL, NULL },
	{ "cagr", "CAGR", "年均增长率", NULL, NULL },
	{ "slope", "per year", "年均增量", NULL, NULL },
	{ "r2", "r²", "拟合优度", NULL, NULL },
	{ "points", "years", "年数", NULL, NULL },
	{ "flags", "notes", "提示", NULL, NULL },
	{ "districts", "districts", "区县", NULL, NULL },
	{ "district_sum", "districts' sum", "区县合计", NULL, NULL },
	{ "share", "share", "区县占比", NULL, NULL },
	{ "status", "status", "状态", NULL, NULL },
	{ "from_value", "from value", "原目标值", "%s value", "%s目标值" },
	{ "to_value", "to value", "新目标值", "%s value", "%s目标值" },
};

char *
lang_heading(enum lang l, const struct rows *r, size_t col)
{
	const char *name = r->cols[col].name, *tag = rows_tag_of(r, col);

	if (r->own)
		return xstrdup(name); /* the columns of the user's own SQL, as they named them */
	for (size_t i = 0; i < NELEM(headings); i++) {
		const struct heading *h = &headings[i];
		const char *fmt = l == LANG_ZH ? h->zh_tag : h->en_tag;
		if (strcmp(h->col, name) != 0)
			continue;
		if (tag && fmt) {
			/* A year is 2025年 in Chinese: 2025年目标值. */
			int year = l == LANG_ZH && *tag && strspn(tag, "0123456789") == strlen(tag);
			char *t = xasprintf("%s%s", tag, year ? "年" : ""), *r = xasprintf(fmt, t);
			free(t);
			return r;
		}
		return xstrdup(l == LANG_ZH ? h->zh : h->en);
	}
	return xstrdup(name); /* a column of the user's own SQL */
}

/* Codes and their words. */
static const struct word {
	const char *code, *en, *zh;
} words[] = {
	/* compare status */
	{ "continued", "continued", "延续" },
	{ "renamed", "renamed", "更名" },
	{ "merged", "merged", "合并" },
	{ "new", "new", "新增" },
	{ "dropped", "dropped", "取消" },
	{ "child", "district", "区县承接" },
	/* link relation */
	{ "same", "same", "相同" },
	{ "part", "part", "部分" },
	/* target kind */
	{ "count", "count", "数量" },
	{ "area", "area", "面积" },
	{ "length", "length", "长度" },
	{ "percent", "percent", "百分比" },
	{ "ratio", "ratio", "比率" },
	{ "cumulative", "cumulative", "累计" },
	/* qualifier */
	{ "=", "=", "=" },
	{ ">=", "≥", "≥" },
	{ "<=", "≤", "≤" },
	{ "~", "about", "约" },
	/* level */
	{ "city", "city", "市" },
	{ "district", "district", "区" },
	{ "county", "county", "县" },
	{ "province", "province", "省" },
};

static const char *
word_of(enum lang l, const char *code)
{
	for (size_t i = 0; i < NELEM(words); i++)
		if (strcmp(words[i].code, code) == 0)
			return l == LANG_ZH ? words[i].zh : words[i].en;
	return NULL;
}

/* The change flags of core/stats.c (changes_str) in words. */
static char *
flags_words(enum lang l, const char *flags)
{
	struct sb o = SB_INIT;
	const char *p = flags;

	while (*p) {
		size_t n = strcspn(p, ";");
		char *one = xstrndup(p, n);
		const char *sep = o.len ? (l == LANG_ZH ? "；" : "; ") : "";
		if (strncmp(one, "unit ", 5) == 0)
			sb_addf(&o, "%s%s%s", sep, l == LANG_ZH ? "单位 " : "unit ", one + 5);
		else if (strncmp(one, "qualifier ", 10) == 0) {
			char *arrow = strstr(one, "→");
			char *from = arrow ? xstrndup(one + 10, (size_t)(arrow - one - 10)) : xstrdup("");
			const char *a = word_of(l, from), *b = arrow ? word_of(l, arrow + strlen("→")) : NULL;
			sb_addf(&o, "%s%s%s→%s", sep, l == LANG_ZH ? "限定 " : "qualifier ", a ? a : from,
			        b ? b : arrow ? arrow + strlen("→") : "");
			free(from);
		} else if (strcmp(one, "new target") == 0)
			sb_addf(&o, "%s%s", sep, l == LANG_ZH ? "新增目标" : "new target");
		else if (strcmp(one, "dropped target") == 0)
			sb_addf(&o, "%s%s", sep, l == LANG_ZH ? "取消目标" : "dropped target");
		else
			sb_addf(&o, "%s%s", sep, one);
		free(one);
		p += n;
		while (*p == ';' || *p == ' ')
			p++;
	}
	return o.buf ? sb_detach(&o) : xstrdup("");
}

char *
lang_value(enum lang l, const struct col *c, const char *code)
{
	const char *w;

	if (c->show == SHOW_FLAGS)
		return flags_words(l, code);
	if (c->show == SHOW_CODE && (w = word_of(l, code)))
		return xstrdup(w);
	return xstrdup(code);
}

char *
lang_cell(enum lang l, const struct col *c, const char *text)
{
	char *end;
	double v;

	if (c->show == SHOW_CODE || c->show == SHOW_FLAGS)
		return lang_value(l, c, text);
	if ((c->show != SHOW_PCT && c->show != SHOW_SHARE) || !*text)
		return xstrdup(text);
	v = strtod(text, &end);
	if (*end)
		return xstrdup(text);
	if (c->show == SHOW_PCT)
		return xasprintf("%s%%", text);
	/* A share is a fraction in the data; people read it in percent, to 0.01%. */
	return xasprintf("%.4g%%", v * 100);
}

/*
 * DIGITS (an integer part, no sign) over 10^SHIFT, when that leaves at most two decimals
 * ("41860000", 4 → "4186"; "11000", 4 → "1.1"): malloc'd, else NULL.  Done on the
 * digits, so no rounding can creep in.
 */
static char *
scaled(const char *digits, size_t shift)
{
	size_t n = strlen(digits), keep = n - shift, frac;
	char *out;

	if (n <= shift)
		return NULL;
	frac = shift;
	while (frac > 0 && digits[keep + frac - 1] == '0')
		frac--;
	if (frac > 2)
		return NULL;
	out = xstrndup(digits, keep);
	if (frac) {
		char *t = xasprintf("%s.%.*s", out, (int)frac, digits + keep);
		free(out);
		out = t;
	}
	return out;
}

/* DIGITS with a comma every three digits from the right. */
static char *
grouped(const char *digits)
{
	struct sb o = SB_INIT;
	size_t n = strlen(digits);

	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			sb_addc(&o, ',');
		sb_addc(&o, digits[i]);
	}
	return sb_detach(&o);
}

/* The number part of lang_number: INT digits and FRAC digits (may be empty). */
static char *
number_words(enum lang l, const char *ip, const char *fp)
{
	char *s, *t;

	if (l == LANG_EN) {
		s = grouped(ip);
		t = xasprintf("%s%s%s", s, *fp ? "." : "", fp);
		free(s);
		return t;
	}
	if (!*fp && (s = scaled(ip, 8))) {
		t = xasprintf("%s亿", s);
		free(s);
		return t;
	}
	if (!*fp && (s = scaled(ip, 4))) {
		t = xasprintf("%s万", s);
		free(s);
		return t;
	}
	return xasprintf("%s%s%s", ip, *fp ? "." : "", fp);
}

char *
lang_number(enum lang l, double value, const char *unit)
{
	char buf[64], *dot, *num, *out;
	const char *u = unit ? unit : "";

	if (isnan(value) || isinf(value))
		return xstrdup("");
	/* At most six decimals, as the targets are printed (targets.c), trailing zeros off. */
	snprintf(buf, sizeof buf, "%.6f", fabs(value));
	dot = strchr(buf, '.');
	*dot++ = '\0';
	for (char *e = dot + strlen(dot); e > dot && e[-1] == '0';)
		*--e = '\0';
	num = number_words(l, buf, dot);
	/* English puts a space before a word of a unit, never before %. */
	out = xasprintf("%s%s%s%s", value < 0 && strcmp(num, "0") != 0 ? "-" : "", num,
	                l == LANG_EN && *u && strcmp(u, "%") != 0 ? " " : "", u);
	free(num);
	return out;
}

/* Phrases of the workbook, the charts and their index. */
static const struct lang_phrase phrases[] = {
	{ "About", "说明" },
	{ "items", "事项" },
	{ "targets", "目标" },
	{ "links", "关联" },
	{ "series", "序列" },
	{ "growth", "增长" },
	{ "shares", "区县占比" },
	{ "compare", "对比" },
	/* the workbook's About sheet */
	{ "Key livelihood projects (重点民生实事): the targets compared",
	  "重点民生实事目标任务对比" },
	{ "Made by", "生成工具" },
	{ "Data folder", "数据目录" },
	{ "What was compared", "比较了什么" },
	{ "The yearly key livelihood project lists of the city and district governments below, "
	  "one set per notice.",
	  "下列市、区政府每年印发的重点民生实事清单，每份通知为一个任务集。" },
	{ "Each jurisdiction's consecutive years item by item (continued, renamed, merged, new, "
	  "dropped) with their targets side by side; each district against its city's list of the "
	  "same year (the targets it takes on, and its share of them).",
	  "同一地区相邻两年逐项对比（延续、更名、合并、新增、取消），对应目标并列；区县清单与同年"
	  "市级清单对比（区县承接的目标及其占市级目标的比例）。" },
	{ "Every number a notice commits to is a target (count, area, length, percent, ratio, "
	  "cumulative); the same target across sets is a series, and its growth is computed along "
	  "each jurisdiction's years.",
	  "通知中承诺的每个数字都是一个目标（数量、面积、长度、百分比、比率、累计）；同一目标跨任务"
	  "集串成序列，按同一地区的年份计算增减。" },
	{ "Sources", "来源" },
	{ "Each target names its source in its row: the set, the item (no. and name) and the line "
	  "of the notice the number stands on (notice line; in the task file where a set has no "
	  "notice text).",
	  "每个目标所在行都注明来源：任务集、事项（序号和名称）以及该数字在原文通知中的行号（原文"
	  "行号；没有原文的任务集为任务文件中的行号）。" },
	{ "The notices are listed below with their document numbers and the path of their text "
	  "(notice text, in the data folder).",
	  "各通知的文号和原文文件路径（原文，位于数据目录中）见下方任务集表。" },
	{ "How to read", "如何阅读" },
	{ "Numbers are numeric cells, ready to sort, filter and compute; changes, CAGR and shares "
	  "are formatted as percentages; numbers (no.) and deadlines (2025.10) stay text as printed.",
	  "数字单元格为数值，可直接排序、筛选和计算；增减幅度、年均增长率和区县占比为百分比格式；"
	  "序号和完成时限（如 2025.10）按原文保留为文本。" },
	{ "change % = (new value - old value) / old value, empty where the old value is zero or "
	  "missing; CAGR only where both ends are positive; share = district value / city value "
	  "of the same year.",
	  "增减幅度 =（新目标值 − 原目标值）÷ 原目标值，原目标值为零或缺失时留空；年均增长率仅在两端"
	  "均为正数时给出；区县占比 = 区县目标值 ÷ 同年市级目标值。" },
	{ "Notes name a change of unit or qualifier (≥, about) between the two sides, and targets "
	  "on one side only (new target, dropped target).",
	  "提示列标出两边单位或限定（≥、约）的变化，以及只在一边出现的目标（新增目标、取消目标）。" },
	{ "Links and series are matched by yoy; each link carries its score and the terms the two "
	  "items share: review them against the notices before quoting them.",
	  "关联和序列由程序自动匹配，每条关联附得分和两边共有的词语（依据），引用前请对照原文复核。" },
	{ "Every sheet's first row is its header, frozen and with filters.",
	  "每个工作表的首行为表头，已冻结并可筛选。" },
	{ "The sheets", "工作表一览" },
	{ "sheet", "工作表" },
	{ "rows", "行数" },
	{ "what it holds", "内容" },
	{ "The sets compared", "对比的任务集" },
	{ "every item of every notice, as printed", "各通知的全部事项，按原文" },
	{ "every quantitative target, with its source: set, item and notice line",
	  "全部量化目标及其来源：任务集、事项和原文行号" },
	{ "items linked across years and from district to city, with score and shared terms",
	  "跨年度、区县与市级之间关联的事项，附得分和依据" },
	{ "the same target tracked across sets, one row per set",
	  "跨任务集追踪的同一目标（序列），每个任务集一行" },
	{ "how each series moved along each jurisdiction's years",
	  "各序列在同一地区历年的增减" },
	{ "how much of each city target its districts take on",
	  "区县承接市级目标的合计及占比" },
	{ "consecutive years, item by item", "相邻年份逐项对比" },
	{ "district against its city", "区县与市级对比" },
	/* the charts (render/plot.c) and their index (render/plot_index.c) */
	{ "Unit: ", "单位：" },
	{ "about ", "约" },
	{ "change (%)", "变化幅度（%）" },
	{ "Change of every series, first year to last (%)", "各系列目标的变化幅度（首年→末年，%）" },
	{ "share of the city's target (%)", "占全市目标的比例（%）" },
	{ "Districts' shares of the city's targets (%)", "各区占全市目标的份额（%）" },
	{ "targets by place and year", "各地各年目标" },
	{ "Charts", "图表" },
	{ "Each chart with the series it draws (the ids of yoy series and yoy growth), its metric "
	  "and item, the task sets whose targets it draws and their notices. index.csv lists the "
	  "same, a row per file.",
	  "每张图附其所绘序列（编号同 yoy series、yoy growth）、指标、项目、所用任务集及其来源文件；"
	  "index.csv 逐个文件列出同样内容。" },
	{ "Only the series matching: ", "仅含匹配以下词语的序列：" },
	{ "Their trends, and their targets side by side where they have some beyond a trend. The "
	  "overview and the districts' shares are of the whole comparison: yoy plot without series "
	  "draws them.",
	  "即其趋势图，以及在趋势之外另有目标时的各地对比图。总览图和区县占比图属于整体比较，"
	  "不带序列运行 yoy plot 时才绘制。" },
	{ "metric", "指标" },
	{ "item", "项目" },
	{ "jurisdiction", "地区" },
	{ "sets", "任务集" },
	{ "source", "来源" },
	{ "files", "文件" },
	{ "set", "任务集" },
	{ "year", "年份" },
	{ "document no.", "文号" },
	{ "title", "标题" },
	{ "notice", "原文" },
};

const char *
lang_pick(enum lang l, const struct lang_phrase *tbl, size_t n, const char *en)
{
	if (l == LANG_ZH)
		for (size_t i = 0; i < n; i++)
			if (strcmp(tbl[i].en, en) == 0)
				return tbl[i].zh;
	return en;
}

const char *
lang_say(enum lang l, const char *en)
{
	return lang_pick(l, phrases, NELEM(phrases), en);
}
