/*
 * Unit tests for analysis/ingest/build.c: the grammar of item numbers, the roles of
 * header words (simplified, traditional, with pinyin glosses), section names, chrome,
 * and for doc.c: sniffing the input kind and removing forum jammer text.
 */
/* yoy headers first: cmocka.h defines a fail() macro that util.h's fail() would meet. */
#include "ingest/build.h"
#include "ingest/doc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>


static void
test_numbers(void **state)
{
	/* Each printed number: its style, value and the text after it. */
	static const struct {
		const char *text;
		enum numstyle style;
		long value;
		const char *rest;
	} yes[] = {
		{ "1.开通运营地铁线路", NUM_ARABIC, 1, "开通运营地铁线路" },
		{ "12、新增托位", NUM_ARABIC, 12, "新增托位" },
		{ "3。建设公园", NUM_ARABIC, 3, "建设公园" },
		{ "4．改造", NUM_ARABIC, 4, "改造" },
		{ "5）改造", NUM_ARABIC, 5, "改造" },
		{ "01", NUM_ARABIC, 1, "" },
		{ "07 开工建设", NUM_ARABIC, 7, "开工建设" },
		{ "9", NUM_ARABIC, 9, "" },
		{ "  11. 就业创业服务工程。", NUM_ARABIC, 11, "就业创业服务工程。" },
		{ "1开展学生双减计划", NUM_ARABIC, 1, "开展学生双减计划" },
		{ "（1）加快建设", NUM_PARABIC, 1, "加快建设" },
		{ "(15)完成", NUM_PARABIC, 15, "完成" },
		{ "一、实事项目", NUM_HAN, 1, "实事项目" },
		{ "十二、交通", NUM_HAN, 12, "交通" },
		{ "二十三.养老", NUM_HAN, 23, "养老" },
		{ "一,教育品质提升工程", NUM_HAN, 1, "教育品质提升工程" },
		{ "一    生态环境", NUM_HAN, 1, "生态环境" },
		{ "（一）老有所享", NUM_PHAN, 1, "老有所享" },
		{ "(三)安居乐业", NUM_PHAN, 3, "安居乐业" },
		{ "（二）、便民", NUM_PHAN, 2, "便民" },
		{ "一是新增托位", NUM_SHI, 1, "新增托位" },
		{ "十是完善", NUM_SHI, 10, "完善" },
		{ "第一项：养老", NUM_DI, 1, "养老" },
		{ "第3项 托育", NUM_DI, 3, "托育" },
		{ "第二件", NUM_DI, 2, "" },
		{ "②配置AED", NUM_CIRCLED, 2, "配置AED" },
	};
	/* Numbers that start no item: counts, decimals, years, dates, ranges. */
	static const char *const no[] = {
		"1.5万名", "2024年", "12个", "3 所学校", "100%", "1月17日", "2025届", "5G基站",
		"10项民生实事", "8号线", "1,200户", "一二", "唯一是", "第一批", "(45", "（一",
		"", "   ", "0.", "1234.新增",
	};
	(void)state;

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		struct num n;
		if (!num_parse(yes[i].text, &n))
			fail_msg("not a number: %s", yes[i].text);
		if (n.style != yes[i].style || n.value != yes[i].value ||
		    strcmp(yes[i].text + n.len, yes[i].rest) != 0)
			fail_msg("%s: style %d value %ld rest '%s'", yes[i].text, (int)n.style, n.value,
			         yes[i].text + n.len);
	}
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		struct num n;
		if (num_parse(no[i], &n))
			fail_msg("taken for a number: '%s' (style %d value %ld)", no[i], (int)n.style,
			         n.value);
	}
	assert_int_equal(num_han("二十", strlen("二十")), 20);
	assert_int_equal(num_han("十", strlen("十")), 10);
	assert_int_equal(num_han("两", strlen("两")), 2);
	assert_int_equal(num_han("一二", strlen("一二")), -1);
}

static void
test_roles(void **state)
{
	static const struct {
		const char *key;
		enum role role;
	} cases[] = {
		{ "序号", R_SEQ },           { "编号", R_SEQ },          { "序號", R_SEQ },
		{ "序號(hào)", R_SEQ },     { "项目名称", R_NAME },     { "事项名称", R_NAME },
		{ "实事项目名称", R_NAME },  { "項目名稱", R_NAME },     { "名称", R_NAME },
		{ "工作任务", R_TASK },      { "2025年工作任务", R_TASK }, { "事项内容", R_TASK },
		{ "建设内容", R_TASK },      { "全年目标任务", R_TASK },  { "主要内容", R_TASK },
		{ "目標(biāo)任務(wù)", R_TASK }, { "责任单位", R_UNITS }, { "牵头单位", R_UNITS },
		{ "實施單位", R_UNITS },     { "責(zé)任單位", R_UNITS }, { "完成时限", R_DEADLINE },
		{ "备注", R_NOTE },          { "市区分级", R_SECTION },  { "类别", R_SECTION },
		{ "年度投资金额(万元)", R_EXTRA }, { "完成情况", R_EXTRA }, { "建设地点", R_EXTRA },
		{ "进度", R_EXTRA },         { "牵头领导", R_EXTRA },    { "2025年进展情况", R_NONE },
		{ "牵头 单位", R_UNITS },    { "完成 时限", R_DEADLINE }, { "说 明 文字", R_NONE },
		{ "这是一个很长的句子而且它提到了项目和工作任务两个词", R_NONE },
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (role_of(cases[i].key) != cases[i].role)
			fail_msg("%s: role %s, expected %s", cases[i].key,
			         role_name(role_of(cases[i].key)), role_name(cases[i].role));
}

static void
test_section_names(void **state)
{
	static const char *const cases[][2] = {
		{ "市分解到区的民生实事（共13项）", "市分解到区的民生实事" },
		{ "教育文体方面(8项)", "教育文体方面" },
		{ "“优化教育资源布局”类,共1项", "“优化教育资源布局”类" },
		{ "老有所享：", "老有所享" },
		{ "社会治理类", "社会治理类" },
		{ "科教惠民工程(项目6个)", "科教惠民工程(项目6个)" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = section_name(cases[i][0]);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
}

static void
test_chrome(void **state)
{
	static const char *const chrome[] = {
		"责任编辑:罗林", "分享到:微信微博", "【资料图】", "来源:上观新闻", "2024年1月2日",
		"2024-01-3113:00", "重庆市人民政府办公厅", "(45)", "扫一扫在手机打开当前页",
		"上一篇:关于…", "网站标识码5000000095", "附件：", "—4—",
	};
	static const char *const text[] = {
		"新增托位1.1万个", "1.开通运营地铁线路。", "市分解到区的民生实事",
		"建设100个口袋公园、10座体育公园。", "关爱青少年心理健康",
	};
	(void)state;

	for (size_t i = 0; i < sizeof chrome / sizeof chrome[0]; i++)
		if (!is_chrome(chrome[i]))
			fail_msg("not taken for chrome: %s", chrome[i]);
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (is_chrome(text[i]))
			fail_msg("taken for chrome: %s", text[i]);
}

static void
test_sniff(void **state)
{
	static const char html[] = "<!DOCTYPE html><html><head><meta charset=utf-8></head>";
	static const char html2[] = "\n  <div class=x><p>民生实事</p></div>";
	static const char pdf[] = "%PDF-1.4\n%\xE2\xE3";
	static const char text[] = "重庆市2025年重点民生实事\n序号\t项目名称";
	(void)state;

	assert_int_equal(doc_sniff(html, sizeof html - 1, "x.txt"), DOC_HTML);
	assert_int_equal(doc_sniff(html2, sizeof html2 - 1, "x"), DOC_HTML);
	assert_int_equal(doc_sniff(pdf, sizeof pdf - 1, "x.txt"), DOC_PDF);
	assert_int_equal(doc_sniff(text, sizeof text - 1, "x.html"), DOC_TEXT);
	assert_int_equal(doc_sniff(text, sizeof text - 1, "x.txt"), DOC_TEXT);
}

/* Lines of text read through doc_read_text, jammers removed. */
static void
test_jammer(void **state)
{
	static const char text[] =
		"* p/ {) b& x! R8 r( k 一、教育基础设施提升项目$ N3 {7 w- a G\n"
		"3教育布局优化 TxD#9]Q`\n"
		"建设5G基站 AED 100\n"
		"1 | 新增4000张养老床位 | 4385 | 110% |\n"
		"比例达到 1:1\n";
	struct doc d;
	char *cause = NULL;
	(void)state;

	doc_init(&d, "j.txt", DOC_TEXT);
	assert_int_equal(doc_read_text(&d, text, sizeof text - 1, &cause), 0);
	assert_int_equal(d.nlines, 5);
	assert_string_equal(d.lines[0].text, "一、教育基础设施提升项目");
	assert_string_equal(d.lines[1].text, "3教育布局优化");
	assert_string_equal(d.lines[2].text, "建设5G基站 AED 100");
	assert_string_equal(d.lines[3].text, "1 | 新增4000张养老床位 | 4385 | 110% |");
	assert_string_equal(d.lines[4].text, "比例达到 1:1");
	doc_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers), cmocka_unit_test(test_roles),
		cmocka_unit_test(test_section_names), cmocka_unit_test(test_chrome),
		cmocka_unit_test(test_sniff), cmocka_unit_test(test_jammer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
