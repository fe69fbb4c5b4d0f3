/*
 * Unit tests for analysis/notice.c: the three layouts on small notices made up for the
 * tests (not the bundled ones), the notice head, and the pieces of the pdf heuristics.
 */
/* yoy headers first: cmocka.h defines a fail() macro that util.h's fail() would meet. */
#include "ingest/notice.h"
#include "ingest/build.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>


static struct notice *
parse(const char *text)
{
	char *cause = NULL;
	struct notice *n = notice_parse(text, strlen(text), "t.txt", NULL, &cause);
	if (!n) {
		print_error("%s\n", cause);
		free(cause);
	}
	assert_non_null(n);
	return n;
}

static void
check_item(const struct notice_item *it, const char *seq, const char *section,
           const char *name, const char *units, const char *task)
{
	assert_string_equal(it->seq, seq);
	assert_string_equal(it->section, section);
	assert_string_equal(it->name, name);
	assert_string_equal(it->units, units);
	assert_string_equal(it->task, task);
}

/* One row per line, tabs between cells; a row continued after a page break. */
static void
test_rows(void **state)
{
	const char *text =
		"某某县人民政府办公室关于印发《某某县 2027 年重点民生实事》的通知\n"
		"某府办发〔2027〕5 号\n"
		"2027年2月3日\n"
		"某某县 2027 年重点民生实事\n"
		"序号\t项目名称\t责任单位\t2027 年工作任务\n"
		"1\t建设口袋公园\t县城管局\t新建口袋公园 12 个。\n"
		"2\t提升农村饮水\t县水利局、县\t新建供水管道 300\n"
		"\n"
		"— 2 —\n"
		"序号\t项目名称\t责任单位\t2027年工作任务\n"
		"\t质量\t卫生健康委\t公里，惠及 5 万人。\n";
	struct notice *n = parse(text);
	(void)state;

	assert_string_equal(n->layout, "rows");
	assert_int_equal(n->nitems, 2);
	check_item(&n->items[0], "1", "", "建设口袋公园", "县城管局", "新建口袋公园12个。");
	check_item(&n->items[1], "2", "", "提升农村饮水质量", "县水利局、县卫生健康委",
	           "新建供水管道300公里，惠及5万人。");
	assert_int_equal(n->year, 2027);
	assert_string_equal(n->jurisdiction, "某某县");
	assert_string_equal(n->level, "district");
	assert_string_equal(n->doc_number, "某府办发〔2027〕5号");
	assert_string_equal(n->issued, "2027-02-03");
	/* The task of item 2 spans two lines of the notice: 300 on line 7, 公里 on 11. */
	assert_int_equal(n->items[1].task_lines[0], 7);
	assert_int_equal(n->items[1].task_lines[strlen(n->items[1].task) - 1], 11);
	notice_free(n);
}

/* One cell per line; sections with restarting numbers get letters; 完成时限 and 备注. */
static void
test_cells(void **state)
{
	const char *text =
		"某区2027年重点民生实事项目\n"
		"\t序号\n\t项目名称\n\t牵头单位\n\t责任单位\n\t目标任务\n\t完成时限\n\t备注\n"
		"\n"
		"\t一、市分解到区的民生实事（共2项）\n\t\n\n"
		"\t1\n\t口袋公园\n\t区城管局\n\t—\n\t建成口袋公园3个；\n"
		"\n完成绿道2公里。\n\t2027.12\n\t\n\n"
		"\t2\n\t饮水\n\t区水利局\n\t甲镇、乙镇\n\t新建管网5公里。\n\t2027.06\n\t交叉\n"
		"\n"
		"\t二、区级民生实事（共1项）\n\t\n\n"
		"\t1\n\t全民健身\n\t区体育中心\n\t—\n\t测试720人以上。\n\t2027.12\n\t\n"
		"\n附件2\n"
		"\t序号\n\t项目名称\n";
	struct notice *n = parse(text);
	(void)state;

	assert_string_equal(n->layout, "cells");
	assert_int_equal(n->nitems, 3);
	check_item(&n->items[0], "A1", "市分解到区的民生实事", "口袋公园", "区城管局 | —",
	           "建成口袋公园3个；完成绿道2公里。");
	assert_string_equal(n->items[0].deadline, "2027.12");
	check_item(&n->items[1], "A2", "市分解到区的民生实事", "饮水", "区水利局 | 甲镇、乙镇",
	           "新建管网5公里。");
	assert_string_equal(n->items[1].note, "交叉");
	check_item(&n->items[2], "B1", "区级民生实事", "全民健身", "区体育中心 | —",
	           "测试720人以上。");
	notice_free(n);
}

/* PDF text: cells one or several per line, the header repeated inside a cell, a number
 * split from its unit, a page number, a line starting with a wrapped number. */
static void
test_pdf(void **state)
{
	const char *text =
		"某市2027年重点民生实事工作目标任务\n"
		"序号 项目名称 责任单位 2027年工作任务 备注\n"
		"1\n"
		"老旧小区改造和\n"
		"社区服务提升\n"
		"市住房城乡建委\n"
		"改造老旧小区\n"
		"120个、面积 300\n"
		"— 3 —\n"
		"序号 项目名称 责任单位 2027年工作任务 备注\n"
		"万平方米。\n"
		"2 建设城市公园 市城市管理局、\n"
		"市体育局\n"
		"建设 100个口袋公园，对 3\n"
		"个公园改造。\n"
		"3\n"
		"发展婴幼儿照护服\n"
		"务\n"
		"市卫生健康委、\n"
		"市教委\n"
		"新增托位 2000 个。\n";
	struct notice *n = parse(text);
	(void)state;

	assert_string_equal(n->layout, "pdftext");
	assert_int_equal(n->nitems, 3);
	check_item(&n->items[0], "1", "", "老旧小区改造和社区服务提升", "市住房城乡建委",
	           "改造老旧小区120个、面积300万平方米。");
	check_item(&n->items[1], "2", "", "建设城市公园", "市城市管理局、市体育局",
	           "建设100个口袋公园，对3个公园改造。");
	check_item(&n->items[2], "3", "", "发展婴幼儿照护服务", "市卫生健康委、市教委",
	           "新增托位2000个。");
	notice_free(n);
}

/* PDF text with a 市区分级 column that spans rows and holds text in the first row only. */
static void
test_pdf_spanning(void **state)
{
	const char *text =
		"某新区2027年重点民生实事\n"
		"序号 市区分级 项目名称 责任单位 2027年工作任务\n"
		"1\n"
		"市级民生\n"
		"实事\n"
		"建设口袋公园 城市建设事务中心 建设 3 个口袋公园。\n"
		"2\n"
		"开展未成年人假期公益托\n"
		"管\n"
		"统战部\n"
		"开设托管点位 20 个以上。\n"
		"3\n"
		"区级民生\n"
		"实事\n"
		"新区童家石河、冷家河水\n"
		"库生态修复\n"
		"生态环境局\n"
		"修复湿地 7000 ㎡。\n"
		"4 残疾人服务提升\n"
		"政务服务和社会事\n"
		"务中心\n"
		"新增残疾人就业 12 人。\n"
		"新区管委会办公室 2027 年 7月 2日印发\n";
	struct notice *n = parse(text);
	(void)state;

	assert_int_equal(n->nitems, 4);
	check_item(&n->items[0], "1", "市级民生实事", "建设口袋公园", "城市建设事务中心",
	           "建设3个口袋公园。");
	check_item(&n->items[1], "2", "市级民生实事", "开展未成年人假期公益托管", "统战部",
	           "开设托管点位20个以上。");
	check_item(&n->items[2], "3", "区级民生实事", "新区童家石河、冷家河水库生态修复",
	           "生态环境局", "修复湿地7000㎡。");
	check_item(&n->items[3], "4", "区级民生实事", "残疾人服务提升", "政务服务和社会事务中心",
	           "新增残疾人就业12人。");
	notice_free(n);
}

static void
test_org_list(void **state)
{
	(void)state;
	assert_true(notice_is_org_list("市教委、市市场监管局"));
	assert_true(notice_is_org_list("政务服务和社会事务中心"));
	assert_true(notice_is_org_list("—"));
	assert_true(notice_is_org_list("空港新城公司"));
	assert_false(notice_is_org_list("建设城市微型公园"));
	assert_false(notice_is_org_list("新增托位2000个。"));
	assert_false(notice_is_org_list("市教委、市发展"));
}

static void
test_errors(void **state)
{
	char *cause = NULL;
	const char *none = "关于印发的通知\n一些文字\n";
	const char *dup = "序号\t项目名称\t责任单位\t工作任务\n1\t甲\t市局\t做\n1\t乙\t市局\t做\n";
	struct notice *n;
	(void)state;

	n = notice_parse(none, strlen(none), "none.txt", NULL, &cause);
	assert_null(n);
	assert_string_equal(cause, "none.txt:1: no list of items found (no table header with 序号 "
	                           "and a name or task column, no numbered or bulleted lines)");
	free(cause);
	cause = NULL;
	/* A repeated 1 is a restart (as after a section); without sections the items are
	 * numbered by position, with a warning, rather than refused. */
	n = notice_parse(dup, strlen(dup), "dup.txt", NULL, &cause);
	assert_non_null(n);
	assert_int_equal(n->nitems, 2);
	assert_string_equal(n->items[1].seq, "2");
	assert_int_equal(n->nwarnings, 1);
	assert_string_equal(n->warnings[0], "dup.txt:3: item numbers repeat without sections: the "
	                                    "items are numbered by their position instead");
	notice_free(n);
}

/* A row whose cells held neither a name nor a task (a lone bar where the task was) is
 * no item: left out with a warning, not written as a row no set can load. */
static void
test_empty_row(void **state)
{
	const char *text = "序号 |\n项目名称 |\n牵头单位 |\n1 |\n新增托位1000个 |\n区卫健委 |\n"
	                   "2 |\n|\n区民政局 |\n3 |\n改造老旧小区10个 |\n区住建委 |\n";
	char *cause = NULL;
	struct notice *n = notice_parse(text, strlen(text), "e.txt", NULL, &cause);
	(void)state;

	assert_non_null(n);
	assert_int_equal(n->nitems, 2);
	assert_string_equal(n->items[0].seq, "1");
	assert_string_equal(n->items[1].seq, "3");
	assert_int_equal(n->nwarnings, 1);
	assert_string_equal(n->warnings[0], "e.txt:7: row left out, neither name nor task read: 2");
	notice_free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),         cmocka_unit_test(test_cells),
		cmocka_unit_test(test_pdf),          cmocka_unit_test(test_pdf_spanning),
		cmocka_unit_test(test_org_list),     cmocka_unit_test(test_errors),
		cmocka_unit_test(test_empty_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
