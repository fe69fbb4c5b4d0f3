/*
 * Unit tests for analysis/ingest/read_html.c: small pages made up for the tests, in
 * UTF-8, GBK and Big5, with site chrome, data and layout tables, lists, <pre>, and
 * hostile markup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>

/* before cmocka.h, whose fail() macro would clash with util.h's fail() */
#include "ingest/doc.h"
#include "base/util.h"

#include <cmocka.h>

/* Read HTML (LEN bytes) into D; the return code, the cause freed (or kept in *CAUSE). */
static int
read_html(struct doc *d, const char *html, size_t len, char **cause)
{
	char *c = NULL;
	int rc;

	doc_init(d, "t.html", DOC_HTML);
	rc = doc_read_html(d, html, len, &c);
	if (rc == 0)
		assert_null(c);
	else
		assert_non_null(c);
	if (cause)
		*cause = c;
	else {
		if (rc != 0)
			print_error("%s\n", c);
		free(c);
	}
	return rc;
}

static void
read_ok(struct doc *d, const char *html)
{
	assert_int_equal(read_html(d, html, strlen(html), NULL), 0);
}

/* HTML in CHARSET (from UTF-8), for the legacy pages; *len set. */
static char *
encode(const char *utf8, const char *charset, size_t *len)
{
	iconv_t cd = iconv_open(charset, "UTF-8");
	size_t inleft = strlen(utf8), outleft = inleft * 2 + 16;
	char *out = malloc(outleft), *in = (char *)utf8, *o = out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(o - out);
	return out;
}

/* The first line whose text contains S, or NULL. */
static const struct dline *
find(const struct doc *d, const char *s)
{
	for (size_t i = 0; i < d->nlines; i++)
		if (strstr(d->lines[i].text, s))
			return &d->lines[i];
	return NULL;
}

/* Nothing read from D contains S (chrome, scripts). */
static void
absent(const struct doc *d, const char *s)
{
	const struct dline *l = find(d, s);

	if (l)
		print_error("unexpected '%s' in line %d: %s\n", s, l->no, l->text);
	assert_null(l);
}

static void
check_text(const struct doc *d, const char *s, int no, int table)
{
	const struct dline *l = find(d, s);

	if (!l)
		print_error("no line with '%s'\n", s);
	assert_non_null(l);
	assert_string_equal(l->text, s);
	assert_int_equal(l->no, no);
	assert_int_equal(l->table, table);
}

static void
check_cell(const struct dline *row, size_t c, enum dspan span, const char *p0, int line0)
{
	assert_true(c < row->ncells);
	assert_int_equal(row->cells[c].span, span);
	if (!p0) {
		assert_int_equal(row->cells[c].nparts, 0);
		return;
	}
	assert_true(row->cells[c].nparts >= 1);
	assert_string_equal(row->cells[c].parts[0].text, p0);
	assert_int_equal(row->cells[c].parts[0].line, line0);
}

/* The rows of table NO, in order, into ROWS (at most MAX); returns how many. */
static size_t
rows_of(const struct doc *d, int no, const struct dline **rows, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nlines; i++)
		if (d->lines[i].table == no && n < max)
			rows[n++] = &d->lines[i];
	return n;
}

/* A modern UTF-8 page: chrome around an article with a table of spans. */
static const char page_utf8[] =
	"<!DOCTYPE html>\n"                                                     /* 1 */
	"<html><head><meta charset=\"utf-8\"><title>页面标题</title>\n"         /* 2 */
	"<script>var s = \"<p>脚本里的字</p>\";</script>\n"                     /* 3 */
	"<style>.x { color: red }</style></head>\n"                             /* 4 */
	"<body>\n"                                                              /* 5 */
	"<div class=\"top-bar\">欢迎访问 <a>登录</a></div>\n"                   /* 6 */
	"<ul class=\"mainNav\"><li>首页</li><li>政务公开</li></ul>\n"           /* 7 */
	"<div class=\"breadcrumb\">当前位置：首页 &gt; 通知</div>\n"            /* 8 */
	"<div class=\"article-content\">\n"                                     /* 9 */
	"<h1>某市2027年重点民生实事</h1>\n"                                    /* 10 */
	"<div class=\"TRS_Editor\"><p>各区县人民政府：</p>\n"                   /* 11 */
	"<p>现将\n"                                                             /* 12 */
	"  任务印发给你们。</p>\n"                                              /* 13 */
	"<table border=\"1\">\n"                                                /* 14 */
	"<thead><tr><th>序号</th><th>项目名称</th><th colspan=\"2\">责任单位</th></tr></thead>\n" /* 15 */
	"<tbody>\n"                                                             /* 16 */
	"<tr\n"                                                                 /* 17 */
	"  style=\"height:20pt\"><td rowspan=\"2\">1</td><td>口袋公园</td>\n"   /* 18 */
	"<td>市城管局</td><td><p>新建100个。</p><p>改造50个。</p></td></tr>\n"  /* 19 */
	"<tr><td>\n"                                                            /* 20 */
	"  提升饮水\n"                                                          /* 21 */
	"</td><td colspan=\"2\">市水利局、<br>市卫健委</td></tr>\n"             /* 22 */
	"<tr style=\"display: none\"><td>隐藏行</td><td>x</td></tr>\n"          /* 23 */
	"</tbody></table>\n"                                                    /* 24 */
	"<div class=\"bdsharebuttonbox\">分享到：<a>微信</a></div>\n"           /* 25 */
	"</div></div>\n"                                                        /* 26 */
	"<div class=\"footer\"><p>版权所有 某市人民政府</p></div>\n"            /* 27 */
	"<noscript>请启用脚本</noscript>\n"                                     /* 28 */
	"<script>document.write('写出的字');</script>\n"                        /* 29 */
	"</body></html>\n";

static void
test_utf8_page(void **state)
{
	struct doc d;
	const struct dline *rows[8];
	(void)state;

	read_ok(&d, page_utf8);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.ntables, 1);

	check_text(&d, "某市2027年重点民生实事", 10, 0);
	check_text(&d, "各区县人民政府：", 11, 0);
	/* a newline inside a paragraph is a space; the line is where the text starts */
	check_text(&d, "现将 任务印发给你们。", 12, 0);

	assert_int_equal(rows_of(&d, 1, rows, 8), 3);
	/* the row's line is that of its "<tr", though its ">" is on the next line */
	assert_int_equal(rows[0]->no, 15);
	assert_int_equal(rows[1]->no, 17);
	assert_int_equal(rows[2]->no, 20);
	for (int i = 0; i < 3; i++)
		assert_int_equal(rows[i]->ncells, 4);

	check_cell(rows[0], 0, DSPAN_NONE, "序号", 15);
	check_cell(rows[0], 2, DSPAN_NONE, "责任单位", 15);
	check_cell(rows[0], 3, DSPAN_LEFT, NULL, 0);

	check_cell(rows[1], 0, DSPAN_NONE, "1", 18);
	check_cell(rows[1], 1, DSPAN_NONE, "口袋公园", 18);
	check_cell(rows[1], 2, DSPAN_NONE, "市城管局", 19);
	check_cell(rows[1], 3, DSPAN_NONE, "新建100个。", 19);
	assert_int_equal(rows[1]->cells[3].nparts, 2);
	assert_string_equal(rows[1]->cells[3].parts[1].text, "改造50个。");
	assert_string_equal(rows[1]->text, "1\t口袋公园\t市城管局\t新建100个。 改造50个。");

	check_cell(rows[2], 0, DSPAN_ABOVE, NULL, 0);
	/* text after a newline and indent: its own line, trimmed */
	check_cell(rows[2], 1, DSPAN_NONE, "提升饮水", 21);
	check_cell(rows[2], 2, DSPAN_NONE, "市水利局、", 22);
	assert_int_equal(rows[2]->cells[2].nparts, 2);
	assert_string_equal(rows[2]->cells[2].parts[1].text, "市卫健委");
	check_cell(rows[2], 3, DSPAN_LEFT, NULL, 0);

	/* chrome, scripts, styles, the head and hidden rows are not read */
	absent(&d, "页面标题");
	absent(&d, "脚本");
	absent(&d, "color");
	absent(&d, "登录");
	absent(&d, "首页");
	absent(&d, "当前位置");
	absent(&d, "分享");
	absent(&d, "版权");
	absent(&d, "请启用");
	absent(&d, "写出的字");
	absent(&d, "隐藏行");
	doc_release(&d);
}

/* An old page: GBK bytes, uppercase tags, a layout table around everything. */
static const char page_gbk[] =
	"<HTML><HEAD>\n"                                                                /* 1 */
	"<META http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">\n"      /* 2 */
	"</HEAD><BODY>\n"                                                               /* 3 */
	"<TABLE WIDTH=980><TR><TD WIDTH=200>\n"                                         /* 4 */
	"<TABLE><TR><TD>■ 政府文件</TD></TR><TR><TD>■ 政策解读</TD></TR></TABLE>\n"    /* 5 */
	"</TD><TD>\n"                                                                   /* 6 */
	"<P align=center><B>某县2027年重点民生实事</B></P>\n"                           /* 7 */
	"<TABLE border=1>\n"                                                            /* 8 */
	"<TR><TD><P align=center><B>序号</B></P></TD><TD><B>项目名称</B></TD><TD><B>任务</B></TD></TR>\n" /* 9 */
	"<TR><TD>1</TD><TD><FONT face=仿宋_GB2312>建设口袋公园</FONT></TD>\n"          /* 10 */
	"<TD>新建口袋公园12个，面积3000㎡。</TD></TR>\n"                                /* 11 */
	"</TABLE>\n"                                                                    /* 12 */
	"</TD></TR></TABLE>\n"                                                          /* 13 */
	"</BODY></HTML>\n";

static void
test_gbk_page(void **state)
{
	struct doc d;
	const struct dline *rows[4];
	size_t len;
	char *gbk = encode(page_gbk, "GBK", &len);
	(void)state;

	/* the bytes are not UTF-8: libxml2 alone would read them wrong */
	assert_null(memmem(gbk, len, "口袋", strlen("口袋")));
	assert_int_equal(read_html(&d, gbk, len, NULL), 0);
	assert_string_equal(d.encoding, "GB18030");
	/* the outer table holds tables: a layout, read through; the side menu's one-column
	 * table is text; the inner table is the only data table */
	assert_int_equal(d.ntables, 1);
	check_text(&d, "■ 政府文件", 5, 0);
	check_text(&d, "■ 政策解读", 5, 0);
	check_text(&d, "某县2027年重点民生实事", 7, 0);
	assert_int_equal(rows_of(&d, 1, rows, 4), 2);
	assert_int_equal(rows[0]->no, 9);
	assert_int_equal(rows[1]->no, 10);
	check_cell(rows[0], 0, DSPAN_NONE, "序号", 9);
	check_cell(rows[0], 2, DSPAN_NONE, "任务", 9);
	check_cell(rows[1], 1, DSPAN_NONE, "建设口袋公园", 10);
	check_cell(rows[1], 2, DSPAN_NONE, "新建口袋公园12个，面积3000㎡。", 11);
	doc_release(&d);
	free(gbk);
}

/* Declared gb2312, GBK-only characters in it (as real sites do); and declared gbk over
 * bytes that are UTF-8 (a site that moved to UTF-8 and kept its old <meta>). */
static void
test_gb2312_page(void **state)
{
	static const char page[] =
		"<html><head><meta http-equiv=Content-Type content='text/html;charset=GB2312'>\n"
		"</head><body><p>新增托位400个，改造面积5000㎡，镕铁。</p></body></html>\n";
	struct doc d;
	size_t len;
	char *gbk = encode(page, "GBK", &len);
	(void)state;

	assert_int_equal(read_html(&d, gbk, len, NULL), 0);
	assert_string_equal(d.encoding, "GB18030");
	check_text(&d, "新增托位400个，改造面积5000㎡，镕铁。", 2, 0);
	doc_release(&d);
	free(gbk);

	/* declared UTF-8 over GBK bytes: GB18030, which reads them all */
	gbk = encode("<meta charset=\"utf-8\"><p>新增托位400个</p>", "GBK", &len);
	assert_int_equal(read_html(&d, gbk, len, NULL), 0);
	assert_string_equal(d.encoding, "GB18030");
	check_text(&d, "新增托位400个", 1, 0);
	doc_release(&d);
	free(gbk);

	/* UTF-8 with a stray byte, declared or not: UTF-8, each bad byte U+FFFD */
	read_ok(&d, "<meta charset=\"utf-8\"><p>新增托位\xFF" "400个</p>");
	assert_string_equal(d.encoding, "UTF-8");
	check_text(&d, "新增托位\xEF\xBF\xBD" "400个", 1, 0);
	doc_release(&d);
	read_ok(&d, "<p>新增托位400个，新建社区养老服务中心\xE5\x8F</p>");
	assert_string_equal(d.encoding, "UTF-8");
	check_text(&d, "新增托位400个，新建社区养老服务中心\xEF\xBF\xBD\xEF\xBF\xBD", 1, 0);
	doc_release(&d);

	/* "<meta charset=gbk>" over UTF-8 bytes that GB18030 would also take */
	read_ok(&d, "<meta charset=gbk><p>建设口袋公园</p>");
	assert_string_equal(d.encoding, "UTF-8");
	check_text(&d, "建设口袋公园", 1, 0);
	doc_release(&d);
}

/* No declaration: GB18030 or Big5 told apart by their characters; a UTF-8 BOM. */
static void
test_undeclared(void **state)
{
	static const char page[] =
		"<html><body>\n<p>重点民生实事工作目标任务，新建社区养老服务中心。</p>\n</body></html>\n";
	struct doc d;
	size_t len;
	char *gb = encode(page, "GB18030", &len), *b5;
	(void)state;

	assert_int_equal(read_html(&d, gb, len, NULL), 0);
	assert_string_equal(d.encoding, "GB18030");
	check_text(&d, "重点民生实事工作目标任务，新建社区养老服务中心。", 2, 0);
	doc_release(&d);
	free(gb);

	b5 = encode("<html><body>\n<p>重點民生實事工作目標任務，新建社區養老服務中心。</p>\n",
	            "BIG5", &len);
	assert_int_equal(read_html(&d, b5, len, NULL), 0);
	assert_string_equal(d.encoding, "Big5");
	check_text(&d, "重點民生實事工作目標任務，新建社區養老服務中心。", 2, 0);
	doc_release(&d);
	free(b5);

	read_ok(&d, "\xEF\xBB\xBF<p>第一行</p>\r\n<p>第二行</p>\r<p>第三行</p>");
	assert_string_equal(d.encoding, "UTF-8");
	check_text(&d, "第一行", 1, 0);
	check_text(&d, "第二行", 2, 0);
	/* a lone CR ends a line too */
	check_text(&d, "第三行", 3, 0);
	doc_release(&d);
}

/* A page-layout table holding the data table: the layout's cells are read as <div>s. */
static void
test_layout_table(void **state)
{
	static const char page[] =
		"<table width=\"100%\">\n"                                       /* 1 */
		"<tr><td colspan=\"2\">某市人民政府网站</td></tr>\n"              /* 2 */
		"<tr><td>左栏 <b>链接</b></td>\n"                                /* 3 */
		"<td><p>正文标题</p>\n"                                          /* 4 */
		"<table><tr><td>序号</td><td>项目</td></tr>\n"                   /* 5 */
		"<tr><td>1</td><td>公园</td></tr></table>\n"                     /* 6 */
		"<p>附件</p></td></tr></table>\n";                               /* 7 */
	struct doc d;
	const struct dline *rows[4];
	(void)state;

	read_ok(&d, page);
	assert_int_equal(d.ntables, 1);
	check_text(&d, "某市人民政府网站", 2, 0);
	check_text(&d, "左栏 链接", 3, 0);
	check_text(&d, "正文标题", 4, 0);
	check_text(&d, "附件", 7, 0);
	assert_int_equal(rows_of(&d, 1, rows, 4), 2);
	assert_string_equal(rows[0]->text, "序号\t项目");
	assert_string_equal(rows[1]->text, "1\t公园");
	assert_int_equal(rows[1]->no, 6);
	/* the order is the page's */
	assert_true(find(&d, "正文标题") < rows[0] && rows[1] < find(&d, "附件"));
	doc_release(&d);
}

/* Tables too small to be data: one column with text (beside spacer cells), or one row
 * of fewer than three cells with text. */
static void
test_small_tables(void **state)
{
	static const char page[] =
		"<table><tr><td>框里的字</td><td width=5></td></tr>"
		"<tr><td><p>第二格</p><p>第三段</p></td><td>&nbsp;</td></tr></table>\n"
		"<table><tr><td>当前位置：首页</td><td>2027-03-01</td></tr></table>\n"
		"<table><tr><td>序号</td><td>项目名称</td><td>责任单位</td></tr></table>\n";
	struct doc d;
	const struct dline *rows[2];
	(void)state;

	read_ok(&d, page);
	check_text(&d, "框里的字", 1, 0);
	check_text(&d, "第二格", 1, 0);
	check_text(&d, "第三段", 1, 0);
	check_text(&d, "当前位置：首页", 2, 0);
	check_text(&d, "2027-03-01", 2, 0);
	/* a header row standing alone is data */
	assert_int_equal(d.ntables, 1);
	assert_int_equal(rows_of(&d, 1, rows, 2), 1);
	assert_string_equal(rows[0]->text, "序号\t项目名称\t责任单位");
	assert_int_equal(rows[0]->no, 3);
	doc_release(&d);
}

/* Lists and paragraphs outside tables are text lines, one per block and <br>. */
static void
test_text_lines(void **state)
{
	static const char page[] =
		"<body><h2>一、总体要求</h2>\n"                      /* 1 */
		"<ul>\n"                                              /* 2 */
		"  <li>第一项：<a href=\"#\">建设</a>公园</li>\n"     /* 3 */
		"  <li>第二项<span>：改造</span>小区<br>\n"           /* 4 */
		"      续行</li>\n"                                   /* 5 */
		"</ul>\n"                                             /* 6 */
		"<p></p><p>   </p>\n"                                 /* 7 */
		"<div>块一<div>块二</div>块三</div>\n"                /* 8 */
		"<blockquote>引文</blockquote><center>居中</center>\n" /* 9 */
		"<dl><dt>术语</dt><dd>释义</dd></dl>\n"               /* 10 */
		"裸露的文字 <font color=red>红字</font>\n"             /* 11 */
		"</body>";
	struct doc d;
	(void)state;

	read_ok(&d, page);
	assert_int_equal(d.ntables, 0);
	check_text(&d, "一、总体要求", 1, 0);
	check_text(&d, "第一项：建设公园", 3, 0);
	check_text(&d, "第二项：改造小区", 4, 0);
	check_text(&d, "续行", 5, 0);
	check_text(&d, "块一", 8, 0);
	check_text(&d, "块二", 8, 0);
	check_text(&d, "块三", 8, 0);
	check_text(&d, "引文", 9, 0);
	check_text(&d, "居中", 9, 0);
	check_text(&d, "术语", 10, 0);
	check_text(&d, "释义", 10, 0);
	check_text(&d, "裸露的文字 红字", 11, 0);
	/* no empty lines: 12 lines of text, in order */
	assert_int_equal(d.nlines, 12);
	assert_string_equal(d.lines[5].text, "块二");
	doc_release(&d);
}

/* Entities are decoded; &nbsp; is a space that does not collapse, and is trimmed. */
static void
test_entities(void **state)
{
	static const char page[] =
		"<p>&nbsp;&nbsp;1&nbsp;&nbsp;&ldquo;5+2&rdquo; &amp; &#8220;双减&#8221; 3000&#13217;&nbsp;</p>\n"
		"<p>\xE3\x80\x80\xE3\x80\x80首行缩进　中间</p>\n"
		"<p>零&#8203;宽&shy;字</p>\n"
		"<table><tr><td>&nbsp;</td><td>&nbsp;1&nbsp;</td><td>a&lt;b</td></tr>"
		"<tr><td>x</td><td>y</td><td>z</td></tr></table>\n";
	struct doc d;
	const struct dline *rows[2];
	(void)state;

	read_ok(&d, page);
	check_text(&d, "1  “5+2” & “双减” 3000㎡", 1, 0);
	/* an ideographic space inside the line stays; at its edges it goes */
	check_text(&d, "首行缩进　中间", 2, 0);
	check_text(&d, "零宽字", 3, 0);
	assert_int_equal(rows_of(&d, 1, rows, 2), 2);
	check_cell(rows[0], 0, DSPAN_NONE, NULL, 0);
	check_cell(rows[0], 1, DSPAN_NONE, "1", 4);
	check_cell(rows[0], 2, DSPAN_NONE, "a<b", 4);
	doc_release(&d);
}

/* <pre> keeps its whitespace; each of its lines is a line. */
static void
test_pre(void **state)
{
	static const char page[] =
		"<p>前文</p><pre>\n"             /* 1 */
		"序号\t项目  名称\n"             /* 2 */
		"\n"                              /* 3 */
		"  1\t<b>公园</b>   建设\n"      /* 4 */
		"</pre><p>后文   收尾</p>\n";     /* 5 */
	struct doc d;
	(void)state;

	read_ok(&d, page);
	assert_int_equal(d.nlines, 4);
	check_text(&d, "前文", 1, 0);
	check_text(&d, "序号\t项目  名称", 2, 0);
	check_text(&d, "1\t公园   建设", 4, 0);
	check_text(&d, "后文 收尾", 5, 0);
	doc_release(&d);
}

/* Chrome is known by id or class, but never at the cost of content. */
static void
test_chrome(void **state)
{
	static const char page[] =
		"<body class=\"nav-open\">\n"
		"<div id=\"printContent\"><p>打印区里的正文</p></div>\n"
		"<div class=\"page-with-sidebar\"><table>"
		"<tr><td>序号</td><td>项目</td></tr><tr><td>1</td><td>表里的项目</td></tr>"
		"</table></div>\n"
		"<div class=\"TRS_Editor\"><p>编辑器里的正文</p></div>\n"
		"<div class=\"header\"><h2>页眉标题</h2></div>\n"
		"<div class=\"left-menu\">菜单项</div><div id=\"search_box\">搜索框</div>\n"
		"<div class=\"qr-code\">扫码</div><div class=\"copyright\">版权</div>\n"
		"<footer>页脚</footer><nav>导航</nav><aside>边栏</aside>\n"
		"<form><input value=\"输入值\"><select><option>选项</option></select>"
		"<textarea>文本框</textarea><button>按钮</button><p>表单里的段落</p></form>\n"
		"<div style=\"color:red; DISPLAY : none\">隐藏的</div>\n"
		"<iframe>框架</iframe><object>对象</object><svg><text>图形</text></svg>\n"
		"<!-- 注释 -->\n"
		"</body>";
	struct doc d;
	(void)state;

	read_ok(&d, page);
	assert_non_null(find(&d, "打印区里的正文"));
	assert_non_null(find(&d, "表里的项目"));
	assert_non_null(find(&d, "编辑器里的正文"));
	assert_non_null(find(&d, "页眉标题"));
	assert_non_null(find(&d, "表单里的段落"));
	static const char *const gone[] = { "菜单项", "搜索框", "扫码", "版权", "页脚", "导航",
		                            "边栏", "输入值", "选项", "文本框", "按钮",
		                            "隐藏的", "框架", "对象", "图形", "注释" };
	for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
		absent(&d, gone[i]);
	doc_release(&d);
}

/*
 * Line numbers in and past text nodes longer than the parser's buffer of 1000 bytes,
 * wherever the buffer ends (on a newline or not).
 */
static void
test_long_text_lines(void **state)
{
	struct sb sb = SB_INIT;
	struct doc d;
	(void)state;

	sb_adds(&sb, "<p>\n");                          /* 1 */
	for (int i = 0; i < 400; i++)                   /* 2..401 */
		sb_adds(&sb, "长长长长长\n");
	sb_adds(&sb, "</p><p>\n\n下一段</p>\n");        /* 402..404 */
	read_ok(&d, sb.buf);
	assert_int_equal(d.nlines, 2);
	assert_int_equal(d.lines[0].no, 2);
	check_text(&d, "下一段", 404, 0);
	doc_release(&d);

	for (int k = 990; k < 1010; k++) {
		sb_reset(&sb);
		sb_adds(&sb, "<p>x</p>\n<p>");                /* 1, 2 */
		for (int i = 0; i < k; i++)
			sb_addc(&sb, 'a');
		sb_adds(&sb, "\nb\n</p><p>c</p>");           /* 3, 4 */
		read_ok(&d, sb.buf);
		assert_int_equal(d.nlines, 3);
		assert_int_equal(d.lines[1].no, 2);
		check_text(&d, "c", 4, 0);
		doc_release(&d);
	}
	sb_release(&sb);
}

/* Spans out of range, rows wider than DOC_MAX_CELLS, cells outside rows. */
static void
test_spans(void **state)
{
	struct sb sb = SB_INIT;
	struct doc d;
	const struct dline *rows[8];
	size_t n;
	(void)state;

	sb_adds(&sb, "<table>"
	             "<tr><td rowspan=\"99999999\">a</td><td colspan=\"-3\">b</td>"
	             "<td colspan=\"0\">c</td><td rowspan=\"x\">d</td></tr>"
	             "<tr><td colspan=\"100000\">wide</td></tr>"
	             "<tr><td rowspan=\"2\" colspan=\"2\">block</td><td>e</td></tr>"
	             "<tr><td>f</td></tr>"
	             "<tr>");
	for (int i = 0; i < DOC_MAX_CELLS + 10; i++)
		sb_addf(&sb, "<td>%d</td>", i);
	sb_adds(&sb, "</tr></table>");
	read_ok(&d, sb.buf);
	n = rows_of(&d, 1, rows, 8);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i]->ncells, DOC_MAX_CELLS);
	/* rowspan="99999999" ends with the table: "a" covers column 0 of every row below */
	check_cell(rows[0], 0, DSPAN_NONE, "a", 1);
	check_cell(rows[0], 1, DSPAN_NONE, "b", 1);
	check_cell(rows[0], 2, DSPAN_NONE, "c", 1);
	check_cell(rows[0], 3, DSPAN_NONE, "d", 1);
	check_cell(rows[0], 4, DSPAN_NONE, NULL, 0);
	check_cell(rows[1], 0, DSPAN_ABOVE, NULL, 0);
	check_cell(rows[1], 1, DSPAN_NONE, "wide", 1);
	check_cell(rows[1], 2, DSPAN_LEFT, NULL, 0);
	check_cell(rows[1], DOC_MAX_CELLS - 1, DSPAN_LEFT, NULL, 0);
	/* a rowspan and colspan together: LEFT in its row, ABOVE below */
	check_cell(rows[2], 1, DSPAN_NONE, "block", 1);
	check_cell(rows[2], 2, DSPAN_LEFT, NULL, 0);
	check_cell(rows[2], 3, DSPAN_NONE, "e", 1);
	check_cell(rows[3], 0, DSPAN_ABOVE, NULL, 0);
	check_cell(rows[3], 1, DSPAN_ABOVE, NULL, 0);
	check_cell(rows[3], 2, DSPAN_ABOVE, NULL, 0);
	check_cell(rows[3], 3, DSPAN_NONE, "f", 1);
	/* the wide row is cut: 0..62 after the covered column, the rest dropped */
	check_cell(rows[4], 1, DSPAN_NONE, "0", 1);
	check_cell(rows[4], DOC_MAX_CELLS - 1, DSPAN_NONE, "62", 1);
	absent(&d, "63");
	doc_release(&d);
	sb_release(&sb);

	/* cells outside rows make a row; <tr> outside a table is a line */
	read_ok(&d, "<table><td>x</td><td>y</td><tr><td>1</td><td>2</td></tr></table>"
	            "<tr><td>外面的行</td></tr><td>外面的格</td>");
	assert_int_equal(rows_of(&d, 1, rows, 8), 2);
	assert_string_equal(rows[0]->text, "x\ty");
	assert_string_equal(rows[1]->text, "1\t2");
	assert_non_null(find(&d, "外面的行"));
	assert_non_null(find(&d, "外面的格"));
	doc_release(&d);
}

/* Hostile input: a clean result or a clear error, never a crash or a hang. */
static void
test_hostile(void **state)
{
	struct sb sb = SB_INIT;
	struct doc d;
	char *cause = NULL;
	int rc;
	(void)state;

	/* nesting 100000 deep */
	sb_adds(&sb, "<html><body><p>前</p>\n");
	for (int i = 0; i < 100000; i++)
		sb_adds(&sb, "<div>");
	sb_adds(&sb, "深处");
	for (int i = 0; i < 100000; i++)
		sb_adds(&sb, "</div>");
	assert_int_equal(read_html(&d, sb.buf, sb.len, &cause), -1);
	assert_string_equal(cause, "t.html:2: elements nested more than 256 deep");
	free(cause);
	doc_release(&d);
	sb_reset(&sb);

	/* a 1 MB attribute */
	sb_adds(&sb, "<div class=\"");
	for (int i = 0; i < (1 << 20); i++)
		sb_addc(&sb, i % 7 ? 'a' : ' ');
	sb_adds(&sb, "\" title=\"");
	for (int i = 0; i < (1 << 20); i++)
		sb_addc(&sb, 'x');
	sb_adds(&sb, "\">属性之后</div>");
	assert_int_equal(read_html(&d, sb.buf, sb.len, NULL), 0);
	check_text(&d, "属性之后", 1, 0);
	doc_release(&d);
	sb_reset(&sb);

	/* broken tags, unclosed everything: whatever is read, it is read cleanly */
	static const char *const broken[] = {
		"<table><tr><td>a<td>b<tr><td>c",
		"<<<>>><p <b>x</p></b></i></table></tr>",
		"<table><table><table><td>t</td>",
		"</td></tr></table><td rowspan=5>孤</td>",
		"<p>text<!-- unclosed comment",
		"<script>never closed <p>x</p>",
		"<div class=\"nav",
		"<pre>\n\n\n",
		("<table><caption>标题</caption><tr><td>1</td><td>2</td></tr>"
		 "<tr><td>3</td><td>4</td></tr>散落的字</table>"),
		"\x80\x81\xFE\xFF<p>\xE5\x8F</p>\xC0\xAF",
		"<p>a\0b</p>",
		"<?xml version=\"1.0\" encoding=\"big5\"?><p>x</p>",
		"<meta charset=\"",
		"<meta content=\"charset=",
		"\xFF\xFE<\0p\0>\0x\0",
	};
	static const size_t broken_len[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11, 0, 0, 0, 10 };
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		size_t len = broken_len[i] ? broken_len[i] : strlen(broken[i]);
		rc = read_html(&d, broken[i], len, &cause);
		assert_true(rc == 0 || rc == -1);
		if (rc == 0)
			assert_true(d.nlines > 0);
		free(cause);
		cause = NULL;
		doc_release(&d);
	}
	/* the caption and the stray text of a table come before its rows */
	read_ok(&d, broken[8]);
	assert_string_equal(d.lines[0].text, "标题");
	assert_string_equal(d.lines[1].text, "散落的字");
	assert_int_equal(d.lines[2].table, 1);
	doc_release(&d);
	/* a NUL in GBK text is a space, and the text after it is read */
	{
		size_t len;
		char *gbk = encode("<p>序号 项目</p>", "GBK", &len);
		gbk[3 + 4] = '\0';
		assert_int_equal(read_html(&d, gbk, len, NULL), 0);
		assert_string_equal(d.encoding, "GB18030");
		check_text(&d, "序号 项目", 1, 0);
		doc_release(&d);
		free(gbk);
	}
	/* UTF-16 with a BOM */
	assert_int_equal(read_html(&d, broken[14], 10, NULL), 0);
	assert_string_equal(d.encoding, "UTF-16LE");
	check_text(&d, "x", 1, 0);
	doc_release(&d);

	/* pages without text */
	static const char *const empty[] = {
		"<html><head><title>只有标题</title></head><body>  &nbsp; </body></html>",
		"<script>x</script>", "   \n\n ", "<!-- -->", "<table><tr><td></td></tr></table>",
	};
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		assert_int_equal(read_html(&d, empty[i], strlen(empty[i]), &cause), -1);
		assert_string_equal(cause, "t.html: no text in the HTML page");
		free(cause);
		doc_release(&d);
	}
	assert_int_equal(read_html(&d, "", 0, &cause), -1);
	assert_string_equal(cause, "t.html: empty file");
	free(cause);
	doc_release(&d);

	/* a line of more than DOC_MAX_LINE bytes */
	sb_adds(&sb, "<p>\n");
	for (unsigned i = 0; i < DOC_MAX_LINE / 8 + 1; i++)
		sb_adds(&sb, "word er ");
	sb_adds(&sb, "</p>");
	assert_int_equal(read_html(&d, sb.buf, sb.len, &cause), -1);
	assert_string_equal(cause, "t.html:2: line longer than 1048576 bytes");
	free(cause);
	doc_release(&d);
	sb_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_page),    cmocka_unit_test(test_gbk_page),
		cmocka_unit_test(test_gb2312_page),  cmocka_unit_test(test_undeclared),
		cmocka_unit_test(test_layout_table), cmocka_unit_test(test_small_tables),
		cmocka_unit_test(test_text_lines),   cmocka_unit_test(test_entities),
		cmocka_unit_test(test_pre),          cmocka_unit_test(test_chrome),
		cmocka_unit_test(test_long_text_lines), cmocka_unit_test(test_spans),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
