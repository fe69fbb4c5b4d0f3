/* build: see build.h. */
#include "ingest/build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"


/* ---- pieces ---- */

void
piece_add(struct piece *p, const char *s, size_t n, int line)
{
	size_t at = p->text.len;

	sb_add(&p->text, s, n);
	xgrow(&p->lines, &p->lcap, p->text.len + 1, sizeof(int));
	for (size_t i = at; i < p->text.len; i++)
		p->lines[i] = line;
}

void
piece_adds(struct piece *p, const char *s, int line)
{
	piece_add(p, s, strlen(s), line);
}

void
piece_append(struct piece *p, const struct piece *src)
{
	size_t at = p->text.len;

	if (!src->text.len)
		return;
	sb_add(&p->text, src->text.buf, src->text.len);
	xgrow(&p->lines, &p->lcap, p->text.len + 1, sizeof(int));
	memcpy(p->lines + at, src->lines, src->text.len * sizeof(int));
}

void
piece_add_cell(struct piece *p, const struct dcell *c)
{
	for (size_t i = 0; i < c->nparts; i++) {
		const char *t = c->parts[i].text;
		/* Parts are lines of one cell: a number wrapped at the column's edge (63 / 55人)
		 * is one number, so nothing goes between them — but a space keeps two ASCII
		 * words apart. */
		while (*t == ' ' || *t == '\t')
			t++;
		if (p->text.len && isalpha((unsigned char)p->text.buf[p->text.len - 1]) &&
		    isalpha((unsigned char)*t))
			piece_add(p, " ", 1, c->parts[i].line);
		piece_adds(p, t, c->parts[i].line);
	}
}

void
piece_release(struct piece *p)
{
	sb_release(&p->text);
	free(p->lines);
	p->lines = NULL;
	p->lcap = 0;
}

char *
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

/* ---- header words ---- */

/*
 * Header cell words and the column each names.  The first word a cell contains wins, so
 * the more specific words come first: 区级支撑项目及绩效目标 is a task, not a name;
 * 年度投资金额 is money, not a task; 建设地点 a place, 完成情况 a result.  Keys are
 * simplified first (序號 → 序号), so only simplified forms are listed.
 */
static const struct {
	const char *word;
	enum role role;
} header_words[] = {
	{ "序号", R_SEQ },          { "编号", R_SEQ },
	{ "投资", R_EXTRA },        { "资金", R_EXTRA },       { "金额", R_EXTRA },
	{ "万元", R_EXTRA },        { "进度", R_EXTRA },       { "完成情况", R_EXTRA },
	{ "占全年", R_EXTRA },      { "建设地点", R_EXTRA },   { "实施地点", R_EXTRA },
	{ "地点", R_EXTRA },        { "领导", R_EXTRA },       { "联系人", R_EXTRA },
	{ "责任人", R_EXTRA },
	{ "分级", R_SECTION },      { "类别", R_SECTION },     { "分类", R_SECTION },
	{ "领域", R_SECTION },      { "类型", R_SECTION },
	{ "牵头单位", R_UNITS },    { "责任单位", R_UNITS },   { "配合单位", R_UNITS },
	{ "牵头部门", R_UNITS },    { "责任部门", R_UNITS },   { "实施单位", R_UNITS },
	{ "主责单位", R_UNITS },    { "承办单位", R_UNITS },   { "负责单位", R_UNITS },
	{ "协办单位", R_UNITS },    { "实施主体", R_UNITS },   { "责任主体", R_UNITS },
	{ "工作任务", R_TASK },     { "目标任务", R_TASK },    { "绩效目标", R_TASK },
	{ "建设内容", R_TASK },     { "主要内容", R_TASK },    { "工作目标", R_TASK },
	{ "事项内容", R_TASK },     { "主要任务", R_TASK },    { "实施内容", R_TASK },
	{ "项目内容", R_TASK },     { "具体内容", R_TASK },    { "年度目标", R_TASK },
	{ "建设规模", R_TASK },     { "目标", R_TASK },
	{ "完成时限", R_DEADLINE }, { "完成时间", R_DEADLINE }, { "时限", R_DEADLINE },
	{ "建设时间", R_DEADLINE }, { "时间节点", R_DEADLINE }, { "建设年限", R_DEADLINE },
	{ "备注", R_NOTE },
	{ "项目名称", R_NAME },     { "实事名称", R_NAME },    { "事项名称", R_NAME },
	{ "名称", R_NAME },         { "项目", R_NAME },        { "事项", R_NAME },
	{ "任务", R_TASK },         { "内容", R_TASK },
};

static enum role
role_in(const char *key)
{
	for (size_t i = 0; i < NELEM(header_words); i++)
		if (strstr(key, header_words[i].word))
			return header_words[i].role;
	return R_NONE;
}

/*
 * KEY without pinyin glosses: some mirror sites print the reading of a character after
 * it, 責(zé)任單位; a label is read without them.  Returns a new string.
 */
static char *
strip_glosses(const char *key)
{
	struct sb sb = SB_INIT;
	const char *p = key;

	while (*p) {
		if (*p == '(') {
			const char *q = p + 1;
			int32_t cp;
			int k, latin = 0;
			while ((k = u8_next(q, &cp)) > 0 &&
			       ((cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F))) {
				q += k;
				latin++;
			}
			if (latin > 0 && *q == ')') {
				p = q + 1;
				continue;
			}
		}
		sb_addc(&sb, *p++);
	}
	return sb_detach(&sb);
}

enum role
role_of(const char *key)
{
	enum role r;
	char *s;

	/* A header cell is a short label: 24 columns, 72 bytes, or a few more with glosses. */
	if (strlen(key) > 160)
		return R_NONE;
	if (strchr(key, '(')) {
		char *bare = strip_glosses(key);
		if (strcmp(bare, key) != 0) {
			r = role_of(bare);
			free(bare);
			return r;
		}
		free(bare);
	}
	/* A header cell is a short label; a sentence that mentions 项目 is no header. */
	if (!*key || text_width(key) > 24)
		return R_NONE;
	if (strcmp(key, "序") == 0 || strcmp(key, "No.") == 0 || strcmp(key, "NO.") == 0)
		return R_SEQ;
	if ((r = role_in(key)) == R_NONE && text_maybe_traditional(key)) {
		s = text_simplify(key);
		r = role_in(s);
		free(s);
	}
	if (r != R_NONE || !strchr(key, ' '))
		return r;
	/* A label broken over two lines of its cell (牵头 单位). */
	{
		char *joined = xstrdup(key), *o = joined;
		for (const char *p = key; *p; p++)
			if (*p != ' ')
				*o++ = *p;
		*o = '\0';
		r = *joined ? role_of(joined) : R_NONE;
		free(joined);
	}
	return r;
}

const char *
role_name(enum role r)
{
	static const char *const names[] = { "none", "number", "section", "name", "units",
		                             "task", "deadline", "note", "other" };
	return (size_t)r < NELEM(names) ? names[r] : "none";
}

/* ---- item numbers ---- */

long
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

static const char *const han_digits[] = { "零", "一", "二", "三", "四", "五",
	                                  "六", "七", "八", "九" };

/* The value of one Chinese digit at S, with its length in *k; -1 if none. */
static int
han_digit(const char *s, int *k)
{
	for (int d = 0; d < 10; d++)
		if (starts_with(s, han_digits[d])) {
			*k = (int)strlen(han_digits[d]);
			return d;
		}
	if (starts_with(s, "两")) {
		*k = (int)strlen("两");
		return 2;
	}
	return -1;
}

long
num_han(const char *s, size_t len)
{
	long v = 0, d = -1;
	size_t i = 0;
	int k, tens = 0;

	while (i < len) {
		int x = han_digit(s + i, &k);
		if (x >= 0) {
			if (d >= 0)
				return -1;      /* 一二 is no number */
			d = x;
			i += (size_t)k;
		} else if (starts_with(s + i, "十") && !tens) {
			v += (d < 0 ? 1 : d) * 10;
			d = -1;
			tens = 1;
			i += strlen("十");
		} else
			return -1;
	}
	if (d >= 0)
		v += d;
	return (i == 0 || (v == 0 && !tens)) ? -1 : v;
}

/* The length of a run of Chinese digits (and 十) at S. */
static size_t
han_run(const char *s)
{
	size_t i = 0;
	int k;

	for (;;) {
		if (han_digit(s + i, &k) >= 0)
			i += (size_t)k;
		else if (starts_with(s + i, "十"))
			i += strlen("十");
		else
			return i;
	}
}

/* Characters that may follow a number in task text: "12个" is a count, not item 12. */
static const char *const after_number[] = {
	"个", "名", "人", "户", "所", "家", "处", "座", "台", "部", "条", "期", "场", "项",
	"套", "间", "张", "口", "盏", "架", "栋", "万", "亿", "千", "百", "年", "月", "日",
	"岁", "次", "公", "米", "平", "亩", "%", "％", "倍", "元", "吨", "辆", "批", "类",
	"种", "天", "小", "分", "km", "m", "K", "G", "号", "级", "届", "周", "余", "多",
	"件", "支", "块", "床", "趟", "班", "幢", "根", "株", "棵", "只", "头",
	"道", "段", "片", "宗", "单", "对", "组", "轮", "秒", "kW", "MW", "兆", "L", "℃",
};

int
num_is_measure(const char *rest)
{
	for (size_t i = 0; i < NELEM(after_number); i++)
		if (starts_with(rest, after_number[i]))
			return 1;
	return 0;
}

/* Skip whitespace (ASCII and wide) at S. */
static const char *
skip_space(const char *s)
{
	int32_t cp;
	int k;

	while ((k = u8_next(s, &cp)) > 0 && text_is_space(cp))
		s += k;
	return s;
}

static int
at_end(const char *s)
{
	return *skip_space(s) == '\0';
}

/* A mark after an Arabic item number: returns its length, or 0. */
static size_t
arabic_mark(const char *p)
{
	static const char *const marks[] = { "、", "．", "。", "）", ")", ".", "，", ",", "：",
		                             ":" };
	for (size_t i = 0; i < NELEM(marks); i++)
		if (starts_with(p, marks[i])) {
			/* "1.5万" is a number, "1.重点" an item. */
			const char *q = p + strlen(marks[i]);
			if ((marks[i][0] == '.' || starts_with(marks[i], "．")) &&
			    isdigit((unsigned char)*q))
				return 0;
			if ((marks[i][0] == ',' || starts_with(marks[i], "，")) &&
			    isdigit((unsigned char)*q))
				return 0;
			return strlen(marks[i]);
		}
	return 0;
}

static int
num_arabic(const char *s, struct num *n)
{
	const char *p = s;
	size_t m;
	long v;

	while (isdigit((unsigned char)*p))
		p++;
	if (p == s || p - s > 3)
		return 0;
	v = strtol(s, NULL, 10);
	if ((m = arabic_mark(p))) {
		/* "1、2" would be a list of numbers; "3)" in "(3)" is handled by the caller. */
		n->style = NUM_ARABIC;
		n->value = v;
		n->len = (size_t)(p - s) + m;
		return v > 0;
	}
	if (at_end(p)) {
		n->style = NUM_ARABIC;
		n->value = v;
		n->len = (size_t)(p - s);
		n->alone = 1;
		return v > 0;
	}
	/* "01 新增" or "01新增": a zero-padded number needs no mark; a plain one needs a
	 * space and no measure word after it ("3 所学校" is a count wrapped). */
	{
		const char *q = skip_space(p);
		if (s[0] == '0' && p - s == 2 && !num_is_measure(q)) {
			n->style = NUM_ARABIC;
			n->value = v;
			n->len = (size_t)(q - s);
			return v > 0;
		}
		if (q != p && !num_is_measure(q) && !isdigit((unsigned char)*q)) {
			n->style = NUM_ARABIC;
			n->value = v;
			n->len = (size_t)(q - s);
			return v > 0;
		}
		/* "1开展学生双减计划": a short number right before a word that is no measure. */
		{
			int32_t cp;
			if (q == p && p - s <= 2 && u8_next(q, &cp) > 0 && text_is_han(cp) &&
			    !num_is_measure(q) && !starts_with(q, "季") && !starts_with(q, "至")) {
				n->style = NUM_ARABIC;
				n->value = v;
				n->len = (size_t)(p - s);
				return v > 0;
			}
		}
	}
	return 0;
}

static int num_parse1(const char *text, struct num *n);

int
num_parse(const char *text, struct num *n)
{
	if (!num_parse1(text, n))
		return 0;
	/* The spaces after the number belong to it: "11. 就业…" */
	n->len = (size_t)(skip_space(text + n->len) - text);
	return 1;
}

/* A number of at most three digits or a Chinese numeral at P: its value in *V and where it
 * ends, or NULL.  *HAN says which it was. */
static const char *
small_number(const char *p, long *v, int *han)
{
	const char *q = p;
	size_t h;

	if (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*q))
			q++;
		if (q - p > 3)
			return NULL;
		*v = strtol(p, NULL, 10);
		*han = 0;
		return q;
	}
	if ((h = han_run(p)) > 0) {
		*v = num_han(p, h);
		*han = 1;
		return p + h;
	}
	return NULL;
}

/* The number found: of STYLE and value V, its mark ending at Q. */
static int
num_found(struct num *n, const char *text, enum numstyle style, long v, const char *q)
{
	n->style = style;
	n->value = v;
	n->len = (size_t)(q - text);
	n->alone = at_end(q);
	return 1;
}

/* Parenthesised at S: （一） (一) （1） (1), and （一）、. */
static int
num_paren(const char *text, const char *s, struct num *n)
{
	const char *q;
	long v;
	int han;

	q = small_number(skip_space(s + (s[0] == '(' ? 1 : strlen("（"))), &v, &han);
	if (!q)
		return 0;
	q = skip_space(q);
	if (!(starts_with(q, "）") || *q == ')') || v <= 0)
		return 0;
	q += *q == ')' ? 1 : strlen("）");
	if (starts_with(q, "、"))
		q += strlen("、");
	return num_found(n, text, han ? NUM_PHAN : NUM_PARABIC, v, q);
}

/* 之一：“亮点工程”——… at S. */
static int
num_zhi(const char *text, const char *s, size_t h, struct num *n)
{
	const char *q = s + strlen("之") + h;
	long v = num_han(s + strlen("之"), h);

	if (v <= 0 || !(starts_with(q, "：") || *q == ':' || starts_with(q, "、")))
		return 0;
	q += *q == ':' ? 1 : strlen("：");
	return num_found(n, text, NUM_ZHI, v, q);
}

/* 第一项 第1项 第一件 at S. */
static int
num_di(const char *text, const char *s, struct num *n)
{
	const char *q;
	long v;
	int han;

	q = small_number(s + strlen("第"), &v, &han);
	if (!q || v <= 0 || !(starts_with(q, "项") || starts_with(q, "件")))
		return 0;
	q += strlen("项");
	if (starts_with(q, "：") || starts_with(q, "、") || starts_with(q, "，") || *q == ':' ||
	    *q == ',')
		q += *q == ':' || *q == ',' ? 1 : strlen("：");
	return num_found(n, text, NUM_DI, v, q);
}

/* 一、 一. 一是, and a numeral set off by spaces, at S (H bytes of numeral). */
static int
num_han_lead(const char *text, const char *s, size_t h, struct num *n)
{
	long v = num_han(s, h);
	const char *q = s + h;
	enum numstyle st = NUM_HAN;

	if (v <= 0)
		return 0;
	if (starts_with(q, "、") || starts_with(q, "．") || *q == '.' || *q == ',' ||
	    starts_with(q, "，")) {
		q += *q == '.' || *q == ',' ? 1 : strlen("、");
	} else if (h <= strlen("十一") && (*q == ' ' || starts_with(q, "\xE3\x80\x80")) &&
	           !at_end(q) && !isdigit((unsigned char)*skip_space(q))) {
		/* "一    生态环境". */
		q = skip_space(q);
	} else if (starts_with(q, "是") && h <= strlen("十一")) {
		q += strlen("是");
		if (starts_with(q, "：") || starts_with(q, "，"))
			q += strlen("：");
		st = NUM_SHI;
	} else
		return 0;
	return num_found(n, text, st, v, q);
}

static int
num_parse1(const char *text, struct num *n)
{
	const char *s = skip_space(text);
	size_t h;
	int32_t cp;
	int k;

	memset(n, 0, sizeof *n);
	if (starts_with(s, "（") || starts_with(s, "("))
		return num_paren(text, s, n);
	/* Circled ①–⑳. */
	if ((k = u8_next(s, &cp)) > 0 && cp >= 0x2460 && cp <= 0x2473)
		return num_found(n, text, NUM_CIRCLED, cp - 0x2460 + 1, s + k);
	if (starts_with(s, "之") && (h = han_run(s + strlen("之"))) > 0)
		return num_zhi(text, s, h, n);
	if (starts_with(s, "第"))
		return num_di(text, s, n);
	if (isdigit((unsigned char)*s)) {
		if (!num_arabic(s, n))
			return 0;
		n->len += (size_t)(s - text);
		return 1;
	}
	if ((h = han_run(s)) > 0)
		return num_han_lead(text, s, h, n);
	return 0;
}

int
num_trailing(const char *text, struct num *n)
{
	const char *z = NULL, *e;
	size_t len = strlen(text), h;

	memset(n, 0, sizeof *n);
	/* The last 之 of a short line, followed by a numeral and nothing else. */
	if (len > 120)
		return 0;
	for (const char *p = text; (p = strstr(p, "之")); p += strlen("之"))
		z = p;
	if (!z || z == text)
		return 0;
	e = z + strlen("之");
	if ((h = han_run(e)) == 0 || !at_end(e + h) || num_han(e, h) <= 0)
		return 0;
	n->style = NUM_ZHI;
	n->value = num_han(e, h);
	n->len = len;
	n->alone = 1;
	return 1;
}

/* ---- lines that are not list content ---- */

int
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

int
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

/*
 * Words that mark a line as page chrome or as the prose around a list.  A line holding
 * one of the `anywhere` words is chrome when it is short (a widget, a by-line); the
 * `start` words mark it wherever they stand at its start.
 */
static const char *const chrome_start[] = {
	"责任编辑", "编辑：", "编辑:", "来源：", "来源:", "作者：", "作者:", "记者", "通讯员",
	"分享到", "分享至", "分享：", "扫一扫", "打印", "关闭", "【字体", "字号", "【大",
	"上一篇", "下一篇", "相关阅读", "相关新闻", "相关链接", "相关文章", "版权所有", "网站标识码",
	"主办单位", "主办：", "承办单位", "联系我们", "技术支持", "ICP", "京ICP", "渝ICP",
	"【资料图】", "资料图", "图片来源", "图为", "原标题", "返回顶部", "阅读原文", "点击",
	"发布时间", "发布日期", "发文日期", "浏览次数", "访问量", "阅读量", "我的位置",
	"当前位置", "您当前的位置", "您的位置", "首页>", "首页 >", "索引号", "主题分类",
	"（此件公开发布）", "(此件公开发布)", "现将", "各区", "各镇", "各乡", "各县", "各有关",
	"各街道", "各部门", "抄送", "附件", "摘要：", "摘要:", "收藏", "点赞", "评论",
	"微信", "微博", "手机版", "无障碍", "English", "登录", "注册",
};
static const char *const chrome_anywhere[] = {
	"分享", "收藏", "扫码", "二维码", "公众号", "客户端", "版权", "备案", "打印本页",
	"关闭窗口", "责任编辑", "来源：", "浏览次数",
};

/* A date line alone ("2024年1月2日", "2024-01-02 13:00"). */
static int
is_date_line(const char *key)
{
	int y, m, d, n = 0;

	if (sscanf(key, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3 && key[n] == '\0')
		return 1;
	n = 0;
	if (sscanf(key, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    (key[n] == '\0' || strlen(key + n) <= 8))
		return 1;
	return 0;
}

int
is_chrome(const char *key)
{
	/* Width 40 is at most 120 bytes: longer keys are measured no further. */
	size_t blen = strlen(key), w = blen <= 120 ? text_width(key) : 41;

	for (size_t i = 0; i < NELEM(chrome_start); i++) {
		const char *e = chrome_start[i];
		/* The first bytes first: most lines share none with any entry. */
		if (key[0] == e[0] && key[1] == e[1] && key[2] == e[2] && starts_with(key, e))
			return 1;
	}
	if (w <= 40)
		for (size_t i = 0; i < NELEM(chrome_anywhere); i++)
			if (strstr(key, chrome_anywhere[i]))
				return 1;
	if ((isdigit((unsigned char)key[0]) && is_date_line(key)) || is_page_number(key))
		return 1;
	/* A signature: 重庆市人民政府办公厅, XX区人民政府 — short, ending so. */
	if (w <= 40 && (ends_with(key, "人民政府") || ends_with(key, "办公厅") ||
	                ends_with(key, "办公室") || ends_with(key, "管委会")))
		return 1;
	/* A caption or a bare counter: "(45)", "(0)". */
	if (key[0] == '(' && ends_with(key, ")") && w <= 8)
		return 1;
	return 0;
}

/* Is [S, E) a count: 共13项, 8项, 十件, 项目6个? */
static int
is_count(const char *s, const char *e)
{
	const char *p = s;
	size_t h;

	if (starts_with(p, "共"))
		p += strlen("共");
	if (isdigit((unsigned char)*p)) {
		while (p < e && isdigit((unsigned char)*p))
			p++;
	} else if ((h = han_run(p)) > 0) {
		p += h;
	} else
		return 0;
	return p < e && (starts_with(p, "项") || starts_with(p, "件") || starts_with(p, "个")) &&
	       p + strlen("项") == e;
}

char *
section_name(const char *text)
{
	char *out = xstrdup(text), *paren;
	size_t n;

	/* Drop a trailing count: （共13项）, (共2项), (8项), ，共1项. */
	if ((paren = strstr(out, "（共")) || (paren = strstr(out, "(共")))
		*paren = '\0';
	for (char *p = out; *p; p++)
		if ((starts_with(p, "，") || *p == ',') &&
		    is_count(p + (*p == ',' ? 1 : strlen("，")), out + strlen(out))) {
			*p = '\0';
			break;
		}
	n = strlen(out);
	if (n && (ends_with(out, ")") || ends_with(out, "）"))) {
		char *close = out + n - (ends_with(out, ")") ? 1 : strlen("）"));
		char *open = NULL;
		for (char *p = out; p < close; p++)
			if (*p == '(' || starts_with(p, "（"))
				open = p;
		if (open && is_count(open + (*open == '(' ? 1 : strlen("（")), close))
			*open = '\0';
	}
	/* And a colon that ends a heading: 一、养老服务： */
	while (ends_with(out, "：") || ends_with(out, ":")) {
		out[strlen(out) - (ends_with(out, ":") ? 1 : strlen("："))] = '\0';
	}
	return out;
}

char *
section_heading(const char *text)
{
	static const char *const numerals = "一二三四五六七八九十";
	char *clean = text_clean(text);
	const char *p = clean;
	int32_t cp;
	int k, n = 0;
	char *out;

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
	{
		char *paren;
		if ((paren = strstr(out, "（共")) || (paren = strstr(out, "(共")))
			*paren = '\0';
	}
	free(clean);
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- organisation names ---- */

/*
 * How an organisation's name ends (the 责任单位 column): 市住房城乡建委, 区残联,
 * 城市建设事务中心, 统战部, 团市委, 空港新城公司, 双龙湖街道 ...
 */
static const char *const org_suffixes[] = {
	"委", "局", "办", "厅", "部", "中心", "会", "社", "联", "院", "队", "公司", "集团",
	"团", "政府", "街道", "镇", "乡", "署", "室", "馆", "站", "所", "处", "行", "组",
};

int
ends_with_org_suffix(const char *s)
{
	for (size_t i = 0; i < NELEM(org_suffixes); i++)
		if (ends_with(s, org_suffixes[i]))
			return 1;
	return 0;
}

int
has_sentence_marks(const char *s)
{
	static const char *const marks[] = { "，", "。", "；", "：", "“", "”", "（", "）", "(",
		                                  ")", "%", "％", ",", ";", "《", "》", "！" };
	for (const char *p = s; *p; p++)
		if (isdigit((unsigned char)*p))
			return 1;
	for (size_t i = 0; i < NELEM(marks); i++)
		if (strstr(s, marks[i]))
			return 1;
	return 0;
}

int
has_clause_marks(const char *s)
{
	static const char *const marks[] = { "。", "；", "，", "：", ";", ",", ":", "！", "？" };
	for (size_t i = 0; i < NELEM(marks); i++)
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

/* ---- the notice under construction ---- */

void
build_init(struct build *b, const char *name)
{
	memset(b, 0, sizeof *b);
	b->name = name;
	b->n = xcalloc(1, sizeof *b->n);
}

void
build_release(struct build *b)
{
	free(b->section);
	for (size_t i = 0; i < b->nsections; i++)
		free(b->sections[i]);
	free(b->sections);
	b->section = NULL;
	b->sections = NULL;
	b->nsections = 0;
}

void
build_warn(struct build *b, int line, const char *fmt, const char *arg)
{
	struct notice *n = b->n;

	n->warnings = xrealloc(n->warnings, (n->nwarnings + 1) * sizeof *n->warnings);
	n->warnings[n->nwarnings++] = xasprintf("%s:%d: %s%s", b->name, line, fmt, arg ? arg : "");
}

void
build_section(struct build *b, const char *s)
{
	size_t i;

	free(b->section);
	b->section = xstrdup(s);
	for (i = 0; i < b->nsections; i++)
		if (strcmp(b->sections[i], s) == 0)
			return;
	xgrow(&b->sections, &b->scap, b->nsections + 1, sizeof(char *));
	b->sections[b->nsections++] = xstrdup(s);
}

void
row_release(struct row *r)
{
	for (size_t i = 0; i < ROW_MAX_COLS; i++)
		piece_release(&r->cell[i]);
	free(r->seqtext);
	memset(r, 0, sizeof *r);
}

static struct notice_item *
new_item(struct build *b, const char *seq, int line, char **cause)
{
	struct notice *n = b->n;
	struct notice_item *it;

	if (n->nitems >= NOTICE_MAX_ITEMS) {
		fail(cause, "%s:%d: more than %d items", b->name, line, NOTICE_MAX_ITEMS);
		return NULL;
	}
	xgrow(&n->items, &b->icap, n->nitems + 1, sizeof *n->items);
	it = &n->items[n->nitems++];
	memset(it, 0, sizeof *it);
	it->seq = xstrdup(seq);
	it->line = line;
	return it;
}

/* Fill the fields no layout set, and check the item. */
static void
finish_item(struct build *b, struct notice_item *it, int needs_name)
{
	it->section = xstrdup(b->section ? b->section : "");
	if (!it->name)
		it->name = xstrdup("");
	if (!it->units)
		it->units = xstrdup("");
	if (!it->task) {
		it->task = xstrdup("");
		it->task_lines = NULL;
	}
	if (!it->deadline)
		it->deadline = xstrdup("");
	if (!it->note)
		it->note = xstrdup("");
	if (needs_name && !*it->name)
		build_warn(b, it->line, "item has no name: ", it->seq);
}

int
build_row(struct build *b, struct row *r, const enum role *cols, size_t ncols, char **cause)
{
	struct notice_item *it;
	struct sb units = SB_INIT;
	int nunits = 0, has_name = 0;
	char *sec = NULL;

	if (!(it = new_item(b, r->seqtext, r->line, cause)))
		return -1;
	for (size_t c = 0; c < ncols && c < ROW_MAX_COLS; c++) {
		switch (cols[c]) {
		case R_NAME:
			has_name = 1;
			if (!it->name)
				it->name = piece_finish(&r->cell[c], NULL);
			break;
		case R_UNITS: {
			char *u = piece_finish(&r->cell[c], NULL);
			if (nunits++)
				sb_adds(&units, " | ");
			sb_adds(&units, u);
			free(u);
			break;
		}
		case R_TASK:
			/* Two task columns (主要任务, 全年目标任务): the first one filled. */
			if (!it->task || (!*it->task && r->cell[c].text.len)) {
				if (it->task) {
					free(it->task);
					free(it->task_lines);
				}
				it->task = piece_finish(&r->cell[c], &it->task_lines);
			}
			break;
		case R_DEADLINE:
			if (!it->deadline)
				it->deadline = piece_finish(&r->cell[c], NULL);
			break;
		case R_NOTE:
			if (!it->note)
				it->note = piece_finish(&r->cell[c], NULL);
			break;
		case R_SECTION:
			sec = piece_finish(&r->cell[c], NULL);
			if (*sec) {
				char *name = section_name(sec);
				build_section(b, name);
				free(name);
			}
			free(sec);
			break;
		default:
			break;
		}
	}
	it->units = sb_detach(&units);
	finish_item(b, it, has_name);
	return 0;
}

int
build_item(struct build *b, const struct draft *d, char **cause)
{
	struct notice_item *it;

	if (!(it = new_item(b, d->seq, d->line, cause)))
		return -1;
	if (d->name)
		it->name = piece_finish(d->name, NULL);
	if (d->units)
		it->units = piece_finish(d->units, NULL);
	if (d->task)
		it->task = piece_finish(d->task, &it->task_lines);
	if (d->deadline)
		it->deadline = piece_finish(d->deadline, NULL);
	if (d->note)
		it->note = piece_finish(d->note, NULL);
	finish_item(b, it, 0);
	return 0;
}

int
build_is_next(const struct build *b, long v)
{
	if (v < 1)
		return 0;
	return v == b->last_seq + 1 || (v == 1 && b->last_seq != 0);
}
