/*
 * Unit tests for the list and text-table layouts of analysis/ingest/ (lay_*.c, list.c,
 * table.c) on small notices made up for the tests: which layout wins, and the items it
 * reads — numbers, sections, names, fields, continuation rows — and the messages when
 * none fits.  The three table layouts of the bundled notices are in test_notice.c.
 */
/* yoy headers first: cmocka.h defines a fail() macro that util.h's fail() would meet. */
#include "ingest/notice.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static struct notice *
parse_as(const char *text, const char *layout)
{
	char *cause = NULL;
	struct notice *n = notice_parse(text, strlen(text), "t.txt", NULL, &cause);

	if (!n) {
		print_error("%s\n", cause);
		free(cause);
	}
	assert_non_null(n);
	assert_string_equal(n->layout, layout);
	return n;
}

/* seq, section, name and task of item I. */
static void
item(const struct notice *n, size_t i, const char *seq, const char *section,
     const char *name, const char *task)
{
	assert_true(i < n->nitems);
	assert_string_equal(n->items[i].seq, seq);
	assert_string_equal(n->items[i].section, section);
	assert_string_equal(n->items[i].name, name);
	assert_string_equal(n->items[i].task, task);
}

/* Sector headings over numbered items; 名称。任务 leads; a closing paragraph and the
 * page's chrome after the list are not part of the last item. */
static void
test_numbered(void **state)
{
	const char *text =
		"某市人民政府办公室关于印发2027年为民实事实施方案的通知\n"
		"各区县人民政府：\n"
		"一、为民实事主要任务\n"
		"（一）交通出行方面\n"
		"1.开通地铁线路。开通运营地铁8号线。\n"
		"2.新开公交线路。新开公交线路80条，\n"
		"增加小型公交300辆。\n"
		"（二）教育助学方面\n"
		"3.增加托育服务。建设公办托育机构7所。\n"
		"责任编辑：某某\n";
	struct notice *n = parse_as(text, "numbered");
	(void)state;

	assert_int_equal(n->nitems, 3);
	item(n, 0, "1", "交通出行方面", "开通地铁线路", "开通运营地铁8号线。");
	item(n, 1, "2", "交通出行方面", "新开公交线路", "新开公交线路80条，增加小型公交300辆。");
	item(n, 2, "3", "教育助学方面", "增加托育服务", "建设公办托育机构7所。");
	assert_int_equal(n->year, 2027);
	assert_string_equal(n->jurisdiction, "某市");
	/* Line of the item number, and of each byte of the task. */
	assert_int_equal(n->items[1].line, 6);
	assert_int_equal(n->items[1].task_lines[strlen(n->items[1].task) - 1], 7);
	notice_free(n);
}

/* A number alone on its line with the item's lines below; numbering restarting per
 * section gets section letters; a name line above labelled fields. */
static void
test_numbered_alone_and_labels(void **state)
{
	const char *alone =
		"2027年区政府实事项目\n\n1\n\n新增100张养老床位\n\n改建100张照护床位\n\n"
		"2\n\n新增400个充电桩\n";
	const char *labels =
		"一、治水项目\n"
		"目标任务：整治河道2公里。\n"
		"责任单位：区水利局\n"
		"完成情况：已开工。\n"
		"二、交通项目\n"
		"目标任务：新建公路15公里。\n"
		"责任单位：区交通局\n";
	const char *restart =
		"一、市分解到区的实事（共2项）\n1.甲项目。新建公园2个。\n2.乙项目。新建绿道3公里。\n"
		"二、区级实事（共1项）\n1.丙项目。新建球场1个。\n";
	struct notice *n = parse_as(alone, "numbered");
	(void)state;

	assert_int_equal(n->nitems, 2);
	item(n, 0, "1", "", "", "新增100张养老床位改建100张照护床位");
	item(n, 1, "2", "", "", "新增400个充电桩");
	notice_free(n);

	n = parse_as(labels, "numbered");
	assert_int_equal(n->nitems, 2);
	item(n, 0, "1", "", "治水项目", "整治河道2公里。");
	assert_string_equal(n->items[0].units, "区水利局");
	item(n, 1, "2", "", "交通项目", "新建公路15公里。");
	notice_free(n);

	n = parse_as(restart, "numbered");
	assert_int_equal(n->nitems, 3);
	item(n, 0, "A1", "市分解到区的实事", "甲项目", "新建公园2个。");
	item(n, 2, "B1", "区级实事", "丙项目", "新建球场1个。");
	notice_free(n);
}

/* Bullets, a long one wrapped onto the next line after a blank line. */
static void
test_bullets(void **state)
{
	const char *text =
		"【资料图】\n\n"
		"●新建社区老年人服务中心70个、农村老年\n\n人互助中心30个\n\n"
		"●新开业老年人供餐点30个\n\n"
		"●为2万名中小学生免费开展12天运动技能培训\n";
	struct notice *n = parse_as(text, "bullets");
	(void)state;

	assert_int_equal(n->nitems, 3);
	item(n, 0, "1", "", "", "新建社区老年人服务中心70个、农村老年人互助中心30个");
	item(n, 2, "3", "", "", "为2万名中小学生免费开展12天运动技能培训");
	notice_free(n);
}

/* One item a line after a line that introduces them; the prose after them is left. */
static void
test_paras(void **state)
{
	const char *intro =
		"会议票决产生了八件民生实事项目。\n"
		"这些民生实事项目是:\n"
		"完成城镇老旧小区改造项目;\n"
		"启动塘村引水渠更新改造项目;\n"
		"实施51.5公里“四好农村路”提档升级;\n"
		"据悉，上述项目总投资约3亿元，将于年底前全部完成，会议要求各部门抓好落实，确保按期完成。\n";
	const char *headings =
		"一    生态环境\n完成物联网应用示范工程建设。\n新建污水管网30公里。\n"
		"二    重点道桥\n开工建设312国道快速化改造工程。\n竣工飞凤路北延工程。\n";
	struct notice *n = parse_as(intro, "paras");
	(void)state;

	assert_int_equal(n->nitems, 3);
	item(n, 0, "1", "", "", "完成城镇老旧小区改造项目;");
	item(n, 2, "3", "", "", "实施51.5公里“四好农村路”提档升级;");
	notice_free(n);

	n = parse_as(headings, "paras");
	assert_int_equal(n->nitems, 4);
	item(n, 1, "2", "生态环境", "", "新建污水管网30公里。");
	item(n, 2, "3", "重点道桥", "", "开工建设312国道快速化改造工程。");
	notice_free(n);
}

/* A pipe table whose continuation rows lost their empty number cell; a table of cells one
 * a line, blank lines between, with a merged column printed in its first row only. */
static void
test_tables(void **state)
{
	const char *pipe =
		"2027年某市为民办实事项目完成情况\n"
		"序号 | 实事项目名称 | 完成情况 | 占全年计划 |\n"
		"1 | 新增4000张养老床位 | 4385 | 110% |\n"
		"新增800张养护床位 | 810 | 101% | |\n"
		"2 | 新增30个长者食堂 | 39 | 130% |\n";
	const char *stacked =
		"序号\n\n类别\n\n项目名称\n\n具体内容\n\n"
		"1\n\n城市更新\n\n积水点整治项目\n\n对全镇积水点进行整治。\n\n"
		"2\n\n公园养护工程\n\n修缮古建亭廊5座。\n";
	struct notice *n = parse_as(pipe, "pipe");
	(void)state;

	/* No task column: the name column is the one phrase, read as the task. */
	assert_int_equal(n->nitems, 2);
	item(n, 0, "1", "", "", "新增4000张养老床位新增800张养护床位");
	item(n, 1, "2", "", "", "新增30个长者食堂");
	notice_free(n);

	n = parse_as(stacked, "stacked");
	assert_int_equal(n->nitems, 2);
	item(n, 0, "1", "城市更新", "积水点整治项目", "对全镇积水点进行整治。");
	item(n, 1, "2", "城市更新", "公园养护工程", "修缮古建亭廊5座。");
	notice_free(n);
}

/* Items numbered inside a paragraph, items after a colon separated by semicolons, names
 * set apart by 、, and a run that starts past 1 with a gap (a bureau's share of a list). */
static void
test_inline(void **state)
{
	const char *shi =
		"2027年将集中力量办好十件实事：一是新建农村公路180公里；二是完成积水点改造3处；"
		"三是新建公园2个。会议还要求抓好落实。\n";
	const char *colon =
		"这十大民生实事项目分别是：低保暖心工程，为431户低保对象投保；交通惠民工程，新建停车位"
		"200个；道路提升工程，完成道路改造3公里。\n";
	struct notice *n = parse_as(shi, "inline");
	(void)state;

	assert_int_equal(n->nitems, 3);
	item(n, 0, "1", "", "", "新建农村公路180公里；");
	item(n, 2, "3", "", "", "新建公园2个。");
	notice_free(n);

	n = parse_as("经票决，今年的民生实事项目分别为：甲小学改造项目、乙镇老年大学建设工程、丙村道路硬化"
	             "工程、丁桥梁改造工程。代表们表示满意。\n", "inline");
	assert_int_equal(n->nitems, 4);
	item(n, 1, "2", "", "", "乙镇老年大学建设工程");
	item(n, 3, "4", "", "", "丁桥梁改造工程");
	notice_free(n);

	n = parse_as("本局主办的项目如下：28.新建污水管网50公里；29.新建燃气管道40公里；30.新增燃气用户"
	             "2万户；43.新建绿道8公里；44.新建垃圾分类屋50座。\n", "inline");
	assert_int_equal(n->nitems, 5);
	item(n, 0, "28", "", "", "新建污水管网50公里；");
	item(n, 3, "43", "", "", "新建绿道8公里；");
	notice_free(n);

	n = parse_as(colon, "inline");
	assert_int_equal(n->nitems, 3);
	/* Each item keeps the mark that ends it, as a line of a list does. */
	item(n, 0, "1", "", "低保暖心工程", "为431户低保对象投保；");
	item(n, 2, "3", "", "道路提升工程", "完成道路改造3公里。");
	notice_free(n);
}

/* --layout forces a layout; --explain gives every layout's score. */
static void
test_forced_and_explained(void **state)
{
	const char *text = "序号\t项目名称\t责任单位\t工作任务\n1\t甲\t市局\t新建公园2个。\n";
	struct ingest_opts o = { 0 };
	char *cause = NULL;
	struct notice *n;
	(void)state;

	o.explain = 1;
	n = notice_parse(text, strlen(text), "t.txt", &o, &cause);
	assert_non_null(n);
	assert_string_equal(n->layout, "rows");
	assert_non_null(strstr(n->explain, "rows       90"));
	assert_non_null(strstr(n->explain, "chosen: rows, the highest score"));
	notice_free(n);

	o.explain = 0;
	o.layout = "nope";
	assert_null(notice_parse(text, strlen(text), "t.txt", &o, &cause));
	assert_non_null(strstr(cause, "t.txt: unknown layout 'nope' (grid, rows, cells, pdftext"));
	free(cause);
}

/* Numbered lines below the last item read are named in a warning: the notice was read
 * only in part. */
static void
test_left_lines(void **state)
{
	const char *text =
		"今年的民生实事项目：\n1.新建公园2个。\n2.新建绿道3公里。\n3.新建球场1个。\n4.新建泳池1个。\n"
		"另附明年计划：\n1.新建学校2所。\n2.新建医院1所。\n";
	struct notice *n = parse_as(text, "numbered");
	(void)state;

	assert_int_equal(n->nitems, 4);
	assert_int_equal(n->nwarnings, 1);
	assert_string_equal(n->warnings[0], "t.txt:7: 2 numbered lines after the last item read, "
	                                    "lines 7–8, were left (another list? try --explain)");
	notice_free(n);
}

/* The line a failure names is where the list should have started, never the end. */
static void
test_errors(void **state)
{
	const char *no_task =
		"某区2027年民生实事\n说明文字\n序号 | 事项名称 | 责任单位 | 备注 |\n1 | 甲 | 区局 | |\n"
		"附件\n结尾\n";
	const char *numbers = "情况说明\n3.5万人参加\n1.这是第一条\n第二段说明文字\n结尾\n";
	char *cause = NULL;
	(void)state;

	/* A header with a number and a name but no task still reads (the name is the one
	 * phrase); with neither a name nor a task it is an error at the header. */
	assert_null(notice_parse("说明\n序号 | 责任单位 | 备注 |\n1 | 区局 | 无 |\n2 | 市局 | 无 |\n",
	                         strlen("说明\n序号 | 责任单位 | 备注 |\n1 | 区局 | 无 |\n2 | 市局 | 无 |\n"),
	                         "h.txt", NULL, &cause));
	assert_string_equal(cause, "h.txt:2: table header has 序号 but no name or task column "
	                           "(found 责任单位, 备注)");
	free(cause);
	cause = NULL;
	{
		struct notice *n = notice_parse(no_task, strlen(no_task), "t.txt", NULL, &cause);
		assert_non_null(n);
		assert_int_equal(n->nitems, 1);
		assert_string_equal(n->items[0].task, "甲");
		notice_free(n);
	}
	assert_null(notice_parse(numbers, strlen(numbers), "n.txt", NULL, &cause));
	assert_string_equal(cause, "n.txt:3: numbered line, but no run of item numbers 1, 2, 3 …");
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbered),     cmocka_unit_test(test_numbered_alone_and_labels),
		cmocka_unit_test(test_bullets),      cmocka_unit_test(test_paras),
		cmocka_unit_test(test_tables),       cmocka_unit_test(test_inline),
		cmocka_unit_test(test_forced_and_explained), cmocka_unit_test(test_left_lines),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
