/*
 * Unit tests for analysis/targets.c: a table of (task text, expected targets), one row per
 * phenomenon of the number grammar.  Expected targets are written "value unit qualifier
 * kind raw", separated by " | ".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/bulk.h"
#include "ingest/notice.h"
#include "core/targets.h"

static const struct {
	const char *text, *want;
} cases[] = {
	/* Multipliers, decimals, exact arithmetic. */
	{ "新增托位1.1万个", "11000 个 = count 1.1万个" },
	{ "投入资金16.4亿元", "1640000000 元 = count 16.4亿元" },
	{ "新开工改造城镇老旧小区1227个、3011万平方米；",
	  "1227 个 = count 1227个 | 30110000 平方米 = area 3011万平方米" },
	{ "每千人托位数达到4.5个", "4.5 个 = ratio 4.5个" },
	/* Full-width digits read through normalisation; raw keeps them as printed. */
	{ "建设１００个口袋公园", "100 个 = count １００个" },
	/* Qualifiers after and before. */
	{ "为200万名以上学生开展1次心理健康测评", "2000000 名 >= count 200万名以上" },
	{ "新增线路不少于60条", "60 条 >= count 60条" },
	{ "力争服务人群超450万人", "4500000 人 >= count 450万人" },
	{ "不低于5000场次", "5000 场次 >= count 5000场次" },
	{ "至少完成6个村污水治理", "6 个 >= count 6个" },
	{ "修复面积约7000㎡", "7000 平方米 ~ area 7000㎡" },
	{ "培训6万余名", "60000 名 ~ count 6万余名" },
	{ "服务500人左右", "500 人 ~ count 500人" },
	{ "控制在10处以内", "10 处 <= count 10处" },
	{ "新增不超过3个", "3 个 <= count 3个" },
	/* Units and their normal forms. */
	{ "新建巡河步道约1.4km", "1.4 公里 ~ length 1.4km" },
	{ "完成入户道路建设5千米", "5 公里 = length 5千米" },
	{ "新筹集保障性住房1.2万套（间）", "12000 套 = count 1.2万套（间）" },
	{ "开展农业社会化服务180万亩", "1800000 亩 = area 180万亩" },
	{ "知晓率达到80%以上", "80 % >= percent 80%以上" },
	{ "覆盖率达到55％", "55 % = percent 55％" },
	/* Kinds: ratio markers, 累计. */
	{ "日均预警劝阻不低于2.7万人次", "27000 人次 >= ratio 2.7万人次" },
	{ "每户安装1个智防设备、1个报警器，发放3个呼吸器。",
	  "1 个 = ratio 1个 | 1 个 = ratio 1个 | 3 个 = ratio 3个" },
	{ "各区启动不少于1个片区、合计不少于9个片区",
	  "1 个 >= ratio 1个 | 9 个 >= count 9个" },
	{ "建成公共文化空间70个、累计达到550个", "70 个 = count 70个 | 550 个 = cumulative 550个" },
	/* Parts and their total are all targets. */
	{ "完成甲镇2处、乙镇1处、丙镇1处共计4处整治",
	  "2 处 = count 2处 | 1 处 = count 1处 | 1 处 = count 1处 | 4 处 = count 4处" },
	/* A noun without a measure word counts people. */
	{ "惠及150万农村人口", "1500000 人 = count 150万" },
	/* Chinese numerals that count, and those that are words. */
	{ "招募志愿者两千名", "2000 名 = count 两千名" },
	{ "改造一万户", "10000 户 = count 一万户" },
	{ "开展“两癌”筛查，分两年完成，聚焦四个环节和一老一小", "" },
	/* Numerals led by each Chinese digit and by 十, right after other ideographs (which
	 * the scan passes by without a look). */
	{ "建设口袋公园三十个，新建足球场十二个", "30 个 = count 三十个 | 12 个 = count 十二个" },
	{ "培训九百名，新增八千户，改造七十处", "900 名 = count 九百名 | 8000 户 = count 八千户 | "
	                                      "70 处 = count 七十处" },
	/* A quote never closed hides forty characters, not the rest of the task. */
	{ "推进“民生实事项目建设工作持续深入开展民生实事项目建设工作持续深入开展民生实事项目建设"
	  "工作持续深入开展新增托位5个", "5 个 = count 5个" },
	{ "全市每千人口拥有托位3.7个", "3.7 个 = ratio 3.7个" },
	/* Ranges: low and high. */
	{ "每校配备3—5个", "3 个 >= ratio 3—5个" },
	/* Not targets: ages, years, frequencies, names, quotes, hotlines, thresholds. */
	{ "以6—12岁未成年人为主", "" },
	{ "为35-64岁妇女、3岁以下婴幼儿、35至64周岁妇女", "" },
	{ "完成2021—2025年规划，2025届毕业生", "" },
	{ "开展1次测评，每年1次", "" },
	{ "实现“5+2”全覆盖，打造“15分钟高品质生活服务圈”，加强“12356”热线", "" },
	{ "新建5G基站，建设Z7道路，改善重庆八中周边", "" },
	{ "中度以上失能老年人，二级及以上医院", "" },
	{ "整治100米以上道路", "" },
	{ "第一实验中学第11次会议", "" },
	/* A number too long to be a target is skipped, not misread. */
	{ "编号123456789012345678901234567890个", "" },
};

static void
render(const struct target_list *l, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		char v[64];
		at += (size_t)snprintf(buf + at, n - at, "%s%s %s %s %s %s", i ? " | " : "",
		                       target_value_str(l->v[i].value, v), l->v[i].unit,
		                       qual_name(l->v[i].qualifier), tkind_name(l->v[i].kind), l->v[i].raw);
	}
}

static void
test_grammar(void **state)
{
	int bad = 0;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct target_list l = { 0 };
		char got[1024];
		targets_extract(cases[i].text, NULL, &l);
		render(&l, got, sizeof got);
		if (strcmp(got, cases[i].want) != 0) {
			print_error("%s\n   want: %s\n    got: %s\n", cases[i].text, cases[i].want, got);
			bad++;
		}
		target_list_release(&l);
	}
	assert_int_equal(bad, 0);
}

static void
test_range_and_offsets(void **state)
{
	struct target_list l = { 0 };
	(void)state;
	targets_extract("每校配备3—5个，建设AED 700处", NULL, &l);
	assert_int_equal(l.n, 2);
	assert_true(l.v[0].value == 3 && l.v[0].high == 5);
	assert_string_equal(l.v[1].raw, "700处");
	assert_int_equal(l.v[1].offset, strlen("每校配备3—5个，建设AED "));
	target_list_release(&l);
}

/* Targets of one label in one task are told apart by the places their clauses name: two
 * of them, and more than a task usually has (eighteen). */
static void
test_told_apart(void **state)
{
	static const char towns[] = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未";
	struct target_list l = { 0 };
	char task[2048], want[64];
	size_t at = 0;
	(void)state;

	targets_extract("在龙亭镇新建污水管网31公里，在槐树关镇新建污水管网87公里。", NULL, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].metric, "污水管网（龙亭镇）");
	assert_string_equal(l.v[1].metric, "污水管网（槐树关镇）");
	target_list_release(&l);
	for (int i = 0; i < 18; i++)
		at += (size_t)snprintf(task + at, sizeof task - at, "%s在%.3s镇新建污水管网%d公里",
		                       i ? "，" : "", towns + 3 * i, i + 1);
	targets_extract(task, NULL, &l);
	assert_int_equal(l.n, 18);
	for (int i = 0; i < 18; i++) {
		snprintf(want, sizeof want, "污水管网（%.3s镇）", towns + 3 * i);
		assert_string_equal(l.v[i].metric, want);
	}
	target_list_release(&l);
}

/* Metrics and raw spans are kept once: two tasks that say the same hold one copy, and a
 * list's copy holds the same (lists are released without them). */
static void
test_interned(void **state)
{
	struct target_list a = { 0 }, b = { 0 }, c = { 0 };
	(void)state;

	targets_extract("新增托位1.1万个，建设AED 700处", NULL, &a);
	targets_extract("今年新增托位1.1万个", NULL, &b);
	assert_int_equal(a.n, 2);
	assert_int_equal(b.n, 1);
	assert_string_equal(a.v[0].metric, "新增托位");
	assert_ptr_equal(a.v[0].metric, b.v[0].metric);
	assert_ptr_equal(a.v[0].raw, b.v[0].raw);
	target_list_copy(&c, &a);
	assert_int_equal(c.n, 2);
	assert_ptr_equal(c.v[1].metric, a.v[1].metric);
	assert_ptr_equal(c.v[1].raw, a.v[1].raw);
	target_list_release(&a);
	/* What A held is still there for C. */
	assert_string_equal(c.v[1].raw, "700处");
	target_list_release(&b);
	target_list_release(&c);
}

/* A list kept in bulk memory is the list it copies, and release leaves its storage (a
 * free of it would abort) but empties it; an empty list or one too large for bulk memory
 * is an ordinary copy, freed by release (a leak checker would see it otherwise). */
static void
test_list_kept(void **state)
{
	struct target_list a = { 0 }, k = { 0 }, e = { 0 }, big = { 0 }, bk = { 0 };
	(void)state;

	targets_extract("新增托位1.1万个，建设AED 700处", NULL, &a);
	target_list_keep(&k, &a);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.cap, 0);
	assert_memory_equal(k.v, a.v, 2 * sizeof *a.v);
	target_list_keep(&e, &big); /* empty */
	assert_null(e.v);
	assert_true(6000 * sizeof(struct target) > BULK_KEEP_MAX);
	for (int i = 0; i < 6000; i++)
		targets_extract("建设AED 700处", NULL, &big);
	target_list_keep(&bk, &big);
	assert_int_equal(bk.n, 6000);
	assert_int_not_equal(bk.cap, 0);
	assert_string_equal(bk.v[5999].raw, "700处");
	target_list_release(&k);
	assert_null(k.v);
	assert_int_equal(k.n, 0);
	target_list_release(&e);
	target_list_release(&bk);
	target_list_release(&big);
	target_list_release(&a);
}

/* A number split from its unit by a page break in the notice is one target, on the line
 * where the number stands. */
static void
test_split_number(void **state)
{
	const char *text = "某市2027年重点民生实事\n"
	                   "序号 项目名称 责任单位 2027年工作任务\n"
	                   "1 治理黑臭水体 市生态环境局 消除黑臭水域面积 100\n"
	                   "— 2 —\n"
	                   "序号 项目名称 责任单位 2027年工作任务\n"
	                   "万平方米。\n";
	char *cause = NULL;
	struct notice *n = notice_parse(text, strlen(text), "t.txt", NULL, &cause);
	struct target_list l = { 0 };
	(void)state;

	assert_non_null(n);
	assert_string_equal(n->items[0].task, "消除黑臭水域面积100万平方米。");
	targets_extract(n->items[0].task, NULL, &l);
	assert_int_equal(l.n, 1);
	assert_true(l.v[0].value == 1000000);
	assert_string_equal(l.v[0].unit, "平方米");
	assert_int_equal(n->items[0].task_lines[l.v[0].offset], 3);
	target_list_release(&l);
	notice_free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grammar),
		cmocka_unit_test(test_range_and_offsets),
		cmocka_unit_test(test_interned),
		cmocka_unit_test(test_list_kept),
		cmocka_unit_test(test_told_apart),
		
		cmocka_unit_test(test_split_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
