/*
 * Unit tests for analysis/ingest/read_pdf.c: pdftotext -bbox-layout output read into
 * lines and table rows.
 *
 * The fixtures in tests/unit/data/bbox/ are pdftotext's output for PDFs printed by
 * headless Chromium from the pages in tests/unit/data/bbox/src/ (so these tests need
 * neither): table.html (a notice with a bordered table, narrow columns that wrap, a
 * running header, "— N —" page numbers, a row broken over two pages), prose.html (a
 * numbered list over two pages, "第 N 页 共 2 页" footers) and nopad.html (two tables
 * whose cells have no vertical padding, centred and top-aligned).  To make one again:
 *   chromium --headless --no-sandbox --no-pdf-header-footer --print-to-pdf=x.pdf \
 *       file://$PWD/tests/unit/data/bbox/src/table.html
 *   pdftotext -bbox-layout x.pdf tests/unit/data/bbox/table.html
 * tests/unit/data/small.pdf (src/small.html) is read through pdftotext itself.  The other
 * inputs are made up here, word by word (bbox()).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Before cmocka.h, whose fail() macro would rename util.h's fail(). */
#include "ingest/doc.h"
#include "base/text.h"
#include "base/util.h"

#include <cmocka.h>

#define DATA "tests/unit/data/"

static char *
slurp(const char *path, size_t *len)
{
	char *cause = NULL, *buf = file_read(path, DOC_MAX_BYTES, len, &cause);

	if (!buf) {
		print_error("%s (run the tests from the top of the tree)\n", cause);
		free(cause);
	}
	assert_non_null(buf);
	return buf;
}

/* Read a bbox fixture into D; fails the test on an error. */
static void
read_fixture(struct doc *d, const char *path)
{
	size_t len;
	char *buf = slurp(path, &len), *cause = NULL;

	doc_init(d, path, DOC_PDF);
	if (doc_read_bbox(d, buf, len, &cause) < 0) {
		print_error("%s\n", cause);
		free(cause);
		fail();
	}
	free(buf);
}

/*
 * A bbox document from a spec, one item a line: "P W H" starts a page, "X0 Y0 X1 Y1 TEXT"
 * is a word.  The output has pdftotext's shape (page, flow, block, line, word).
 */
static char *
bbox(const char *spec)
{
	struct sb sb = SB_INIT;
	const char *p = spec;
	int open = 0;

	sb_adds(&sb, "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>"
	        "<title>t</title></head>\n<body>\n<doc>\n");
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n), text[256];
		double a, b, c, e;
		if (sscanf(line, "P %lf %lf", &a, &b) == 2) {
			if (open)
				sb_adds(&sb, "  </page>\n");
			sb_addf(&sb, "  <page width=\"%f\" height=\"%f\">\n", a, b);
			open = 1;
		} else if (sscanf(line, "%lf %lf %lf %lf %255[^\n]", &a, &b, &c, &e, text) == 5)
			sb_addf(&sb, "    <flow><block xMin=\"%f\" yMin=\"%f\" xMax=\"%f\" yMax=\"%f\">"
			        "<line xMin=\"%f\" yMin=\"%f\" xMax=\"%f\" yMax=\"%f\"><word xMin=\"%f\" "
			        "yMin=\"%f\" xMax=\"%f\" yMax=\"%f\">%s</word></line></block></flow>\n",
			        a, b, c, e, a, b, c, e, a, b, c, e, text);
		free(line);
		p += n + (nl != NULL);
	}
	if (open)
		sb_adds(&sb, "  </page>\n");
	sb_adds(&sb, "</doc>\n</body>\n</html>\n");
	return sb_detach(&sb);
}

/* Read a spec (bbox()); returns doc_read_bbox's result, the error in *CAUSE. */
static int
read_spec(struct doc *d, const char *spec, char **cause)
{
	char *x = bbox(spec);
	int rc;

	doc_init(d, "t.pdf", DOC_PDF);
	*cause = NULL;
	rc = doc_read_bbox(d, x, strlen(x), cause);
	free(x);
	return rc;
}

static const struct dline *
find_line(const struct doc *d, const char *text)
{
	for (size_t i = 0; i < d->nlines; i++)
		if (strcmp(d->lines[i].text, text) == 0)
			return &d->lines[i];
	return NULL;
}

/* A cell's parts joined and cleaned as the layouts do. */
static char *
cell_text(const struct dline *row, size_t c)
{
	struct sb sb = SB_INIT;
	char *s, *t;

	assert_true(c < row->ncells);
	for (size_t p = 0; p < row->cells[c].nparts; p++)
		sb_adds(&sb, row->cells[c].parts[p].text);
	s = sb_detach(&sb);
	t = text_clean(s);
	free(s);
	return t;
}

static void
check_cell(const struct dline *row, size_t c, const char *want)
{
	char *t = cell_text(row, c);

	if (strcmp(t, want) != 0)
		print_error("row at line %d, cell %zu: '%s', want '%s'\n", row->no, c, t, want);
	assert_string_equal(t, want);
	free(t);
}

/* The table rows of D whose first cell is an item number, and the continuation rows. */
static const struct dline *
row_numbered(const struct doc *d, const char *seq)
{
	for (size_t i = 0; i < d->nlines; i++) {
		const struct dline *l = &d->lines[i];
		if (l->table && l->ncells && l->cells[0].nparts &&
		    strcmp(l->cells[0].parts[0].text, seq) == 0)
			return l;
	}
	return NULL;
}

/* Words into lines: CJK text joined without spaces, one space between ASCII words, two
 * or more for a column-wide gap; line numbers count every line from page 1. */
static void
test_lines_spacing(void **state)
{
	const char *spec =
		"P 595 842\n"
		/* 12pt CJK: 12 points a character */
		"100 100 148 114 新建口袋\n"
		"149 100 173 114 公园\n"           /* gap 1 pt: no space */
		"200 100 224 114 12\n"             /* gap 27 pt (2.25 em): a column gap */
		"100 130 124 144 AED\n"
		"128 130 146 144 100\n"            /* gap 4 pt (0.33 em), ASCII: one space */
		"147 130 159 144 台\n"             /* gap 1 pt to CJK: nothing */
		"300 161 348 175 同一行\n"        /* listed first, a point lower */
		"100 160 148 174 第一行\n";
	struct doc d;
	char *cause;
	const struct dline *l;

	(void)state;
	assert_int_equal(read_spec(&d, spec, &cause), 0);
	assert_int_equal(d.ntables, 0);
	assert_true(fabs(d.page_width - 595) < 0.01);
	assert_int_equal(d.nlines, 3);
	l = &d.lines[0];
	assert_int_equal(l->no, 1);
	assert_int_equal(l->page, 1);
	assert_int_equal(l->nwords, 3);
	assert_non_null(strstr(l->text, "新建口袋公园  "));
	assert_string_equal(l->key, "新建口袋公园12");
	assert_true(fabs(l->words[2].x0 - 200) < 0.01 && fabs(l->words[2].y1 - 114) < 0.01);
	assert_string_equal(d.lines[1].text, "AED 100台");
	assert_int_equal(d.lines[1].no, 2);
	/* Left to right, whatever the order of the input. */
	assert_string_equal(d.lines[2].key, "第一行同一行");
	assert_true(strncmp(d.lines[2].text, "第一行  ", strlen("第一行  ")) == 0);
	doc_release(&d);

	/* The prose fixture: its running header is line 1 (dropped), so the title is 2. */
	read_fixture(&d, DATA "bbox/prose.html");
	assert_int_equal(d.ntables, 0);
	l = &d.lines[0];
	assert_string_equal(l->text, "某某县2027年重点民生实事");
	assert_int_equal(l->no, 2);
	assert_non_null(find_line(&d, "1.建设口袋公园。新建口袋公园12个，改造提升绿地面积3万平方米，"));
	assert_non_null(find_line(&d, "10.提升公众急救能力。在主要公共场所布局AED 100台，培训救护员"));
	/* A flex line with its two ends apart: a wide gap is two spaces or more. */
	l = d.lines + d.nlines - 1;
	assert_non_null(strstr(l->text, "县人大常委会办公室。  "));
	assert_non_null(strstr(l->text, "  共印20份"));
	assert_int_equal(l->page, 2);
	for (size_t i = 1; i < d.nlines; i++)
		assert_true(d.lines[i].no > d.lines[i - 1].no);
	doc_release(&d);
}

/* Page numbers and running headers and footers go; their lines still count. */
static void
test_chrome(void **state)
{
	const char *spec =
		"P 600 800\n"
		"250 20 350 32 重庆市人民政府公报\n"       /* header on every page */
		"100 100 196 112 第一页的正文\n"
		"100 400 112 412 4\n"                      /* a bare number mid-page: text */
		"290 770 310 782 - 1 -\n"
		"P 600 800\n"
		"250 20 350 32 重庆市人民政府公报\n"
		"100 100 196 112 第二页的正文\n"
		"100 700 196 712 页面底部的文字\n"
		"280 770 320 782 第 2 页\n"
		"P 600 800\n"
		"250 20 350 32 重庆市人民政府公报\n"
		"100 30 196 42 只在这一页\n"               /* in the margin, on one page only */
		"100 100 196 112 第三页的正文\n"
		"280 770 320 782 3 / 3\n";
	struct doc d;
	char *cause;

	(void)state;
	assert_int_equal(read_spec(&d, spec, &cause), 0);
	assert_null(find_line(&d, "重庆市人民政府公报"));
	assert_null(find_line(&d, "- 1 -"));
	assert_null(find_line(&d, "第 2 页"));
	assert_null(find_line(&d, "3 / 3"));
	assert_non_null(find_line(&d, "4"));
	assert_non_null(find_line(&d, "页面底部的文字"));
	assert_non_null(find_line(&d, "只在这一页"));
	assert_int_equal(find_line(&d, "第一页的正文")->no, 2);
	assert_int_equal(find_line(&d, "4")->no, 3);
	assert_int_equal(find_line(&d, "第二页的正文")->no, 6);
	assert_int_equal(find_line(&d, "只在这一页")->no, 10);
	assert_int_equal(find_line(&d, "第三页的正文")->no, 11);
	assert_int_equal(d.nlines, 6);
	doc_release(&d);

	/* One page: nothing repeats, but its page number still goes. */
	assert_int_equal(read_spec(&d, "P 600 800\n250 20 350 32 标题\n"
	                           "100 100 196 112 正文\n295 770 305 782 1\n", &cause), 0);
	assert_non_null(find_line(&d, "标题"));
	assert_null(find_line(&d, "1"));
	assert_int_equal(d.nlines, 2);
	doc_release(&d);

	/* A table header repeated at the top of every page is no running header; a row
	 * holding header words (项目, 任务) is no new header. */
	{
		static const char *const page =
			"P 600 800\n"
			"100 30 124 42 序号\n200 30 248 42 项目名称\n300 30 348 42 工作任务\n"
			"100 50 112 62 %d\n200 50 272 62 城市公园项目\n"
			"300 50 372 62 完成建设任务\n";
		struct sb sb = SB_INIT;
		char *spec;
		for (int i = 1; i <= 3; i++)
			sb_addf(&sb, page, i);
		spec = sb_detach(&sb);
		assert_int_equal(read_spec(&d, spec, &cause), 0);
		free(spec);
		assert_int_equal(d.ntables, 1);
		assert_int_equal(d.nlines, 6);
		for (size_t i = 0; i < d.nlines; i++) {
			assert_int_equal(d.lines[i].table, 1);
			check_cell(&d.lines[i], 1, i % 2 ? "城市公园项目" : "项目名称");
		}
		doc_release(&d);
	}

	/* The fixtures: "— 1 —" and the running header of table.html, "第 1 页 共 2 页" and
	 * "内部资料 注意保存" of prose.html. */
	read_fixture(&d, DATA "bbox/table.html");
	for (size_t i = 0; i < d.nlines; i++) {
		assert_null(strstr(d.lines[i].key, "人民政府办公室文件"));
		assert_null(strstr(d.lines[i].key, "—1—"));
		assert_null(strstr(d.lines[i].key, "—2—"));
	}
	doc_release(&d);
	read_fixture(&d, DATA "bbox/prose.html");
	for (size_t i = 0; i < d.nlines; i++) {
		assert_null(strstr(d.lines[i].key, "内部资料"));
		assert_null(strstr(d.lines[i].key, "共2页"));
	}
	doc_release(&d);
}

/* A table: one row per item however its cells wrap, with the text around it as lines. */
static void
test_table(void **state)
{
	struct doc d;
	const struct dline *r, *h;
	size_t rows = 0;
	char seq[8];

	(void)state;
	read_fixture(&d, DATA "bbox/table.html");
	assert_int_equal(d.ntables, 1);
	assert_non_null(find_line(&d, "某某县人民政府办公室"));
	assert_non_null(find_line(&d, "关于印发2027年重点民生实事的通知"));
	assert_int_equal(find_line(&d, "某某县2027年重点民生实事")->table, 0);
	/* The header row, then rows 1 to 17 and the continuation of 14 on page 2. */
	h = &d.lines[7];
	assert_int_equal(h->table, 1);
	assert_int_equal(h->ncells, 4);
	check_cell(h, 0, "序号");
	check_cell(h, 3, "2027年工作任务");
	for (size_t i = 0; i < d.nlines; i++)
		rows += d.lines[i].table == 1;
	assert_int_equal(rows, 1 + 17 + 1);
	for (int k = 1; k <= 17; k++) {
		snprintf(seq, sizeof seq, "%d", k);
		assert_non_null(row_numbered(&d, seq));
	}
	/* 万盛街 + 道: the unit wraps inside its narrow column and is joined back. */
	r = row_numbered(&d, "3");
	assert_int_equal(r->ncells, 4);
	check_cell(r, 1, "实施城镇老旧小区改造");
	check_cell(r, 2, "万盛经开区管委会、万盛街道");
	assert_int_equal(r->cells[2].nparts, 2);
	assert_string_equal(r->cells[2].parts[0].text, "万盛经开区管委会、万盛街");
	assert_string_equal(r->cells[2].parts[1].text, "道");
	check_cell(r, 3, "新开工改造城镇老旧小区27个、45万平方米；加装电梯40部，完成电动车充电"
	                 "端口建设2000个以上。");
	/* The row starts at its first line (the task's, above the centred number) and each
	 * part keeps its own line. */
	assert_int_equal(r->no, r->cells[3].parts[0].line);
	assert_true(r->cells[0].parts[0].line > r->no);
	assert_int_equal(r->cells[2].parts[1].line, r->cells[1].parts[1].line);
	/* Seven units over four lines, the name over two, the number in the middle. */
	r = row_numbered(&d, "12");
	check_cell(r, 1, "打造“15分钟高品质生活服务圈”");
	check_cell(r, 2, "县发展改革委、县规划自然资源局、县住房城乡建委、县商务委、县文化旅游委、"
	                 "县民政局、县卫生健康委");
	assert_int_equal(r->cells[2].nparts, 4);
	/* The row's text: its cells by tabs. */
	r = row_numbered(&d, "1");
	assert_string_equal(r->text, "1\t建设口袋公园\t县城管局\t新建口袋公园12个，改造提升绿地"
	                             "面积3 万平方米。");
	/* After the table, the text again. */
	assert_int_equal(find_line(&d, "各责任单位要于每月25日前报送工作进展情况。")->table, 0);
	assert_int_equal(find_line(&d, "某某县人民政府办公室")->table, 0);
	assert_int_equal(find_line(&d, "2027年2月3日")->table, 0);
	/* Rows and lines in the order of the source. */
	for (size_t i = 1; i < d.nlines; i++)
		assert_true(d.lines[i].no > d.lines[i - 1].no);
	doc_release(&d);
}

/* A row broken over two pages stays two rows, the second one without a number, in the
 * same table. */
static void
test_row_across_pages(void **state)
{
	struct doc d;
	const struct dline *r14, *cont, *r15;

	(void)state;
	read_fixture(&d, DATA "bbox/table.html");
	r14 = row_numbered(&d, "14");
	assert_int_equal(r14->page, 1);
	check_cell(r14, 1, "改善学校医院周边环境");
	check_cell(r14, 3, "对全县10所学校、5家医院周边的道路交通、卫生条件、休闲空间等进行整体提"
	                   "升；开展“护学”“助医”行动，治理学");
	cont = r14 + 1;
	assert_int_equal(cont->table, 1);
	assert_int_equal(cont->page, 2);
	assert_int_equal(cont->ncells, 4);
	check_cell(cont, 0, "");
	check_cell(cont, 1, "");
	check_cell(cont, 2, "");
	check_cell(cont, 3, "校医院周边交通拥堵、秩序乱等问题，多措并举破解停车难题；新建临时停车"
	                    "泊位300个，设置潮汐车道2条；改造人行过街设施5处，完善交通标志标线；"
	                    "进一步改善学生上学放学、群众就医排队拥堵等情况，群众满意度达到90%以上。");
	/* Page 2's running header (a line of its own) sits between the two. */
	assert_int_equal(cont->no, r14->cells[3].parts[2].line + 3);
	r15 = row_numbered(&d, "15");
	assert_ptr_equal(r15, cont + 1);
	check_cell(r15, 2, "公安局交巡警支队");
	doc_release(&d);
}

/* Cells without vertical padding: the lines of consecutive rows are as far apart as the
 * lines of one cell, and the item numbers say where rows end (centred or top-aligned). */
static void
test_no_padding(void **state)
{
	static const char *const want[4][4] = {
		{ "1", "建设口袋公园", "县城管局", "新建口袋公园12个，改造提升绿地面积3万平方米，方便群众"
		                                   "就近休闲。" },
		{ "2", "提升农村饮水质量", "县水利局、县卫生健康委、县农业农村委",
		  "新建供水管道300公里。" },
		{ "3", "实施城镇老旧小区改造", "万盛经开区管委会、万盛街道",
		  "新开工改造城镇老旧小区27个、45万平方米；加装电梯40部，完成电动车充电端口建设2000"
		  "个以上。" },
		{ "4", "建设社区食堂", "县民政局", "新建社区食堂15个。" },
	};
	struct doc d;
	size_t k = 0;

	(void)state;
	read_fixture(&d, DATA "bbox/nopad.html");
	assert_int_equal(d.ntables, 2);
	assert_string_equal(d.lines[0].text, "表一");
	assert_non_null(find_line(&d, "表二"));
	assert_int_equal(find_line(&d, "表二")->table, 0);
	for (size_t i = 0; i < d.nlines; i++) {
		const struct dline *l = &d.lines[i];
		if (!l->table || (l->cells[0].nparts && strcmp(l->cells[0].parts[0].text, "序号") == 0))
			continue;
		assert_true(k < 8);
		assert_int_equal(l->table, 1 + (int)(k / 4));
		for (size_t c = 0; c < 4; c++)
			check_cell(l, c, want[k % 4][c]);
		k++;
	}
	assert_int_equal(k, 8);
	doc_release(&d);
}

/* A section heading across the table is a row with the columns right of it spanned. */
static void
test_spanning_row(void **state)
{
	/* Three columns at 100, 200 and 300; the heading runs from 100 to 280. */
	const char *spec =
		"P 600 800\n"
		"100 100 124 112 序号\n200 100 248 112 项目名称\n300 100 348 112 责任单位\n"
		"100 120 280 132 一、市分解到区的民生实事（共13项）\n"
		"100 140 106 152 1\n200 140 248 152 建设公园\n300 140 348 152 县城管局\n"
		"100 160 106 172 2\n200 160 248 172 建设食堂\n300 160 348 172 县民政局\n";
	struct doc d;
	char *cause;
	const struct dline *s;

	(void)state;
	assert_int_equal(read_spec(&d, spec, &cause), 0);
	assert_int_equal(d.ntables, 1);
	assert_int_equal(d.nlines, 4);
	s = &d.lines[1];
	assert_int_equal(s->table, 1);
	assert_int_equal(s->ncells, 3);
	check_cell(s, 0, "一、市分解到区的民生实事（共13项）");
	assert_int_equal(s->cells[1].span, DSPAN_LEFT);
	assert_int_equal(s->cells[2].span, DSPAN_LEFT);
	check_cell(&d.lines[3], 2, "县民政局");
	doc_release(&d);

	/* A table going on at the top of page 2 with a heading, without a repeated header;
	 * an 附件2 at the margin of page 3 is no row of it. */
	assert_int_equal(read_spec(&d,
		"P 600 800\n"
		"100 600 124 612 序号\n200 600 248 612 项目名称\n300 600 348 612 责任单位\n"
		"100 620 106 632 1\n200 620 248 632 建设公园\n300 620 348 632 县城管局\n"
		"100 640 106 652 2\n200 640 248 652 建设食堂\n300 640 348 652 县民政局\n"
		"P 600 800\n"
		"100 100 280 112 二、区级民生实事（共2项）\n"
		"100 120 106 132 3\n200 120 248 132 建设绿道\n300 120 348 132 县林业局\n"
		"100 140 106 152 4\n200 140 248 152 建设泳池\n300 140 348 152 县体育局\n"
		"P 600 800\n"
		"90 100 120 112 附件2\n"
		"150 130 450 148 某某县2027年重点民生实事推进情况表\n", &cause), 0);
	assert_int_equal(d.ntables, 1);
	assert_int_equal(d.nlines, 8);
	s = &d.lines[3];
	assert_int_equal(s->table, 1);
	assert_int_equal(s->page, 2);
	check_cell(s, 0, "二、区级民生实事（共2项）");
	assert_int_equal(s->cells[1].span, DSPAN_LEFT);
	check_cell(&d.lines[4], 1, "建设绿道");
	check_cell(&d.lines[5], 2, "县体育局");
	assert_int_equal(d.lines[5].table, 1);
	assert_int_equal(d.lines[6].table, 0);
	assert_string_equal(d.lines[6].text, "附件2");
	doc_release(&d);
}

/*
 * A category cell merged over three rows and set in their middle (a browser's table):
 * its text stands in the middle row, and moves to the first row of the span, so that
 * the rows above it are not read as the category before.  Top-aligned cells stay.
 */
static void
test_merged_category(void **state)
{
	struct sb spec = SB_INIT;
	struct doc d;
	char *cause;
	const char *cat[2] = { "市级", "区级" };
	(void)state;

	for (int top = 0; top < 2; top++) {
		sb_reset(&spec);
		sb_adds(&spec, "P 600 900\n"
		        "50 100 74 112 序号\n90 100 138 112 市区分级\n160 100 208 112 项目名称\n"
		        "260 100 308 112 工作任务\n");
		for (int r = 0; r < 6; r++) {
			double y = 130 + 50 * r, mid = top ? y : y + 7.5;
			sb_addf(&spec, "58 %g 64 %g %d\n160 %g 196 %g 项目%d\n", mid, mid + 12, r + 1, mid,
			        mid + 12, r + 1);
			sb_addf(&spec, "260 %g 344 %g 新建公园%d个，\n260 %g 320 %g 完成绿化。\n", y, y + 12,
			        r + 1, y + 15, y + 27);
			/* The category's text: the middle of rows 1–3 and 4–6 (row 2's and 5's
			 * middle), or the top of rows 1 and 4. */
			if (top ? r % 3 == 0 : r % 3 == 1)
				sb_addf(&spec, "100 %g 124 %g %s\n", mid, mid + 12, cat[r / 3]);
		}
		assert_int_equal(read_spec(&d, spec.buf, &cause), 0);
		for (int r = 0; r < 6; r++) {
			char seq[4];
			const struct dline *row;
			snprintf(seq, sizeof seq, "%d", r + 1);
			row = row_numbered(&d, seq);
			assert_non_null(row);
			check_cell(row, 1, r % 3 == 0 ? cat[r / 3] : "");
		}
		doc_release(&d);
	}
	sb_release(&spec);
}

/* Errors: no text at all, no pages; hostile input ends in a result or an error. */
static void
test_no_text(void **state)
{
	struct doc d;
	char *cause;

	(void)state;
	assert_int_equal(read_spec(&d, "P 595 842\nP 595 842\n", &cause), -1);
	assert_string_equal(cause, "t.pdf: the PDF has no text (a scanned image? yoy reads PDFs "
	                           "with a text layer)");
	free(cause);
	doc_release(&d);
	assert_int_equal(read_spec(&d, "", &cause), -1);
	assert_non_null(strstr(cause, "no text"));
	free(cause);
	doc_release(&d);
	doc_init(&d, "t.pdf", DOC_PDF);
	cause = NULL;
	assert_int_equal(doc_read_bbox(&d, "", 0, &cause), -1);
	free(cause);
	doc_release(&d);
}

static void
test_hostile(void **state)
{
	static const char *const bad[] = {
		/* absurd, negative, NaN, infinite, empty and missing coordinates */
		"<doc><page width=\"nan\" height=\"-5\"><word xMin=\"1e300\" yMin=\"0\" xMax=\"2\" "
		"yMax=\"3\">a</word><word xMin=\"NaN\" yMin=\"1\" xMax=\"2\" yMax=\"3\">b</word>"
		"<word xMin=\"-99999\" yMin=\"-99999\" xMax=\"99999\" yMax=\"99999\">c</word>"
		"<word xMin=\"inf\" yMin=\"\" xMax=\"2\">d</word><word>e</word></page></doc>",
		/* a word before any page; boxes upside down; zero-size boxes */
		"<doc><word xMin=\"10\" yMin=\"20\" xMax=\"5\" yMax=\"10\">反</word><page>"
		"<word xMin=\"1\" yMin=\"1\" xMax=\"1\" yMax=\"1\">点</word></page></doc>",
		/* an entity bomb: entities are not expanded */
		"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
		"\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY e \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><doc><page width=\"1\" height=\"1\">"
		"<word xMin=\"0\" yMin=\"0\" xMax=\"1\" yMax=\"1\">&e;&e;&e;&e;x</word></page></doc>",
		/* an external entity, and tabs and newlines inside a word */
		"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<doc><page><word xMin=\"0\" yMin=\"0\" xMax=\"9\" yMax=\"9\">&x;a\tb\nc</word>"
		"</page></doc>",
		/* not XML at all */
		"%PDF-1.4 \x01\x02\xff\xfe binary",
		"<page><page><page><word xMin=\"0\" yMin=\"0\" xMax=\"9\" yMax=\"9\">",
	};
	struct doc d;
	char *cause;
	size_t len;
	char *buf;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc;
		doc_init(&d, "t.pdf", DOC_PDF);
		cause = NULL;
		rc = doc_read_bbox(&d, bad[i], strlen(bad[i]), &cause);
		assert_true(rc == 0 || (rc == -1 && cause));
		for (size_t k = 0; k < d.nlines; k++) {
			assert_null(strchr(d.lines[k].text, '\t'));
			assert_null(strchr(d.lines[k].text, '\n'));
			assert_null(strstr(d.lines[k].text, "root:"));
			assert_true(strlen(d.lines[k].text) < 1000);
		}
		free(cause);
		doc_release(&d);
	}

	/* The table fixture cut at many places: what was read before the cut, or an error. */
	buf = slurp(DATA "bbox/table.html", &len);
	for (size_t cut = 0; cut < len; cut += len / 97 + 1) {
		doc_init(&d, "t.pdf", DOC_PDF);
		cause = NULL;
		if (doc_read_bbox(&d, buf, cut, &cause) == 0)
			assert_true(d.nlines > 0);
		else
			assert_non_null(cause);
		free(cause);
		doc_release(&d);
	}
	free(buf);

	/* Thousands of words on one line, and a word longer than any. */
	{
		struct sb sb = SB_INIT;
		char *x;
		sb_adds(&sb, "<doc><page width=\"595\" height=\"842\">");
		for (int i = 0; i < 5000; i++)
			sb_addf(&sb, "<word xMin=\"%d\" yMin=\"100\" xMax=\"%d.5\" yMax=\"112\">字%d</word>",
			        i * 3, i * 3 + 2, i % 10);
		sb_adds(&sb, "<word xMin=\"0\" yMin=\"300\" xMax=\"500\" yMax=\"312\">");
		for (int i = 0; i < 3000; i++)
			sb_adds(&sb, "长");
		sb_adds(&sb, "</word></page></doc>");
		x = sb_detach(&sb);
		doc_init(&d, "t.pdf", DOC_PDF);
		cause = NULL;
		assert_int_equal(doc_read_bbox(&d, x, strlen(x), &cause), 0);
		assert_int_equal(d.nlines, 2);
		assert_int_equal(d.lines[0].nwords, 5000);
		assert_true(strlen(d.lines[1].text) <= 4096);
		assert_int_equal(text_utf8_bad_line(d.lines[1].text, strlen(d.lines[1].text)), 0);
		doc_release(&d);
		free(x);
	}
}

/* doc_read_pdf end to end, through pdftotext (skipped without it). */
static void
test_read_pdf(void **state)
{
	struct doc d;
	char *cause = NULL;
	int missing = -1;
	const struct dline *r;

	(void)state;
	if (system("command -v pdftotext >/dev/null 2>&1") != 0) {
		print_message("pdftotext not installed (poppler-utils): test skipped\n");
		skip();
	}
	doc_init(&d, "small.pdf", DOC_PDF);
	if (doc_read_pdf(&d, DATA "small.pdf", &missing, &cause) < 0) {
		print_error("%s\n", cause);
		fail();
	}
	assert_int_equal(missing, 0);
	assert_int_equal(d.ntables, 1);
	assert_string_equal(d.lines[0].text, "某某县2027年重点民生实事");
	r = row_numbered(&d, "2");
	assert_non_null(r);
	check_cell(r, 1, "提升农村饮水质量");
	check_cell(r, 2, "县水利局、县卫生健康委");
	check_cell(r, 3, "新建供水管道300公里，惠及5万人。");
	assert_string_equal(d.lines[d.nlines - 1].text, "各责任单位要按时报送进展。");
	assert_null(find_line(&d, "- 1 -"));
	doc_release(&d);

	/* Not a PDF: pdftotext's own message. */
	doc_init(&d, "bad.pdf", DOC_PDF);
	assert_int_equal(doc_read_pdf(&d, DATA "bbox/prose.html", &missing, &cause), -1);
	assert_int_equal(missing, 0);
	assert_non_null(strstr(cause, "bad.pdf: pdftotext could not read the PDF"));
	free(cause);
	doc_release(&d);
}

/* pdftotext not on the PATH: *missing says so (the command exits 3). */
static void
test_read_pdf_missing(void **state)
{
	struct doc d;
	char *cause = NULL, *old;
	int missing = -1;

	(void)state;
	old = getenv("PATH") ? xstrdup(getenv("PATH")) : NULL;
	setenv("PATH", "/nonexistent-yoy-test", 1);
	doc_init(&d, "small.pdf", DOC_PDF);
	assert_int_equal(doc_read_pdf(&d, DATA "small.pdf", &missing, &cause), -1);
	if (old)
		setenv("PATH", old, 1);
	else
		unsetenv("PATH");
	assert_int_equal(missing, 1);
	assert_string_equal(cause, "small.pdf: pdftotext not found (install poppler-utils)");
	free(cause);
	free(old);
	doc_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_spacing),    cmocka_unit_test(test_chrome),
		cmocka_unit_test(test_table),            cmocka_unit_test(test_row_across_pages),
		cmocka_unit_test(test_no_padding),       cmocka_unit_test(test_spanning_row), cmocka_unit_test(test_merged_category),
		cmocka_unit_test(test_no_text),          cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_read_pdf),         cmocka_unit_test(test_read_pdf_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
