/*
 * Unit tests for analysis/label.c (through targets_extract, which cuts the phrases it
 * reads): the labels of targets in sentences taken from the five bundled notices, among
 * them every kind of bad label the old rules gave — a function word (为, 达到), a bare
 * generic noun (服务, 家庭, 面积, 长度, 完工, 片区, 群众, 未成年人), a phrase cut short
 * (水源保障工程和), a place for what is done there (玉峰山镇, 医院周边), the people for an
 * action (33万人次 of training named by the trainees) — and the rules that replaced them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/label.h"
#include "core/targets.h"

#define MAXL 8

struct label_case {
	const char *item, *task;
	const char *labels[MAXL];
};

/* From the five bundled notices. */
static const struct label_case cases[] = {
	{ "实施城市绿荫工程",
	  "实施街头绿地提质项目100个、面积100万平方米，山城绿道项目41个、长度100公里。",
	  { "街头绿地提质项目", "街头绿地提质面积", "山城绿道项目", "山城绿道长度" } },
	{ "开展中心城区缓堵促畅",
	  "通过打通断头路、加密主次支路网、建设立体过街设施、改造轨道站场（点）等方式，改善中心城区交通出行环境，启动160个项目、完工投用140个项目。对中心城区60处交通堵乱点开展分类治理。",
	  { "中心城区缓堵促畅项目启动", "中心城区缓堵促畅项目完工投用", "交通堵乱点分类治理" } },
	{ "开展中心城区缓堵促畅",
	  "新开工未贯通路打通项目、配套路项目、次支路加密项目105个，完工投用100个；实施一批立体过街设施项目（人行天桥、地下通道等），新开工15处、完工8处，优先在人口密集区、交通拥堵区增设轨道站点出入口20个。推动中心城区各区启动不少于1个片区、合计不少于9个片区的慢行系统优化提升项目。",
	  { "中心城区缓堵促畅项目新开工", "中心城区缓堵促畅项目完工投用", "立体过街设施项目新开工", "立体过街设施项目完工", "增设轨道站点出入口", "各区启动慢行系统优化提升片区", "慢行系统优化提升项目" } },
	{ "关爱青少年心理健康",
	  "开展中小学教师心理健康教育等级培训认证1.5万名以上，建立中小学心理健康工作基地80所以上，为200万名以上小学高年级、初中、高中学生开展1次心理健康测评。实施“童心相伴”困境和留守儿童心理健康关爱服务项目，面向困境、留守和流动等儿童开展心理健康教育辅导，服务13万人次以上。",
	  { "中小学教师心理健康教育等级培训认证", "中小学心理健康工作基地", "学生心理健康测评", "心理健康教育辅导服务" } },
	{ "建设“渝好空间”妇女儿童综合服务体",
	  "开展24个“渝好空间”项目建设，惠及30万名以上妇女儿童、10万户家庭，为4000名以上妇女提供创业就业帮助。",
	  { "“渝好空间”妇女儿童综合服务体项目", "惠及妇女儿童", "惠及家庭", "妇女创业就业帮助" } },
	{ "改善学校医院周边环境",
	  "开展“渝城护学”“渝城助医”行动，对全市100所学校、50家医院周边的道路交通、卫生条件、休闲空间等进行整体提升。",
	  { "学校周边整体提升", "医院周边整体提升" } },
	{ "开展未成年人假期公益托管",
	  "开设寒、暑假期公益托管点位1000个以上，开办假期公益托管5000期以上，提供托管看护、作业辅导、思想引领、兴趣培育等服务，覆盖未成年人12万人次以上。",
	  { "寒、暑假期公益托管点位", "假期公益托管", "假期公益托管覆盖未成年人" } },
	{ "实施农村供水保障工程",
	  "建设165个水源保障工程和25个城乡供水一体化工程，提升100万农村人口饮水保障质量。",
	  { "水源保障工程", "城乡供水一体化工程", "提升农村人口饮水保障质量" } },
	{ "提升公众急救能力",
	  "普及应急救护知识33万人次培训救护师资500名，培育应急救护志愿者3000人，组织开展急救志愿服务活动200场次以上，持续提升群众急救知识普及率。在市内主要公共场所布局AED等群众可及的急救设备700处。",
	  { "普及应急救护知识", "培训救护师资", "培育应急救护志愿者", "急救志愿服务活动", "AED等群众可及的急救设备" } },
	{ "提升公众急救能力",
	  "在市内主要公共场所布局自动体外除颤器（AED）等救护设备100处以上。",
	  { "AED等救护设备" } },
	{ "关爱妇女儿童",
	  "为70万名35至64周岁的妇女（财政供养人员除外）提供宫颈癌、乳腺癌免费检查。开展“娃好托管”“好爱渝苗”等服务，惠及10万名儿童。开展“好育课堂”“好家守护”等服务，为10万户家庭提供照护指导。",
	  { "妇女宫颈癌、乳腺癌免费检查", "惠及儿童", "家庭照护指导" } },
	{ "打造“15分钟高品质生活服务圈”",
	  "利用老旧街区、桥隧边角地等建成公共文化空间70个、累计达到550个，每万人拥有公共文化设施面积达到920平方米。",
	  { "公共文化空间", "累计公共文化空间", "每万人拥有公共文化设施面积" } },
	{ "提升精神卫生服务能力",
	  "开展“进机关、进学校、进社区、进企业”心理健康知识讲座不少于300场，覆盖群众3万人次。为群众开展心理咨询和心理援助服务1.8万人次。",
	  { "心理健康知识讲座", "心理健康知识讲座覆盖群众", "心理咨询和心理援助服务" } },
	{ "实施消防安全提升",
	  "为高层建筑内的独居老人、空巢老人、留守老人每户安装1个电气火灾智防设备、1个联网型独立式感烟火灾探测报警器，发放3个消防自救呼吸器。",
	  { "每户电气火灾智防设备", "每户联网型独立式感烟火灾探测报警器", "每户消防自救呼吸器" } },
	{ "农村黑臭水体治理",
	  "完成玉峰山镇2处、茨竹镇1处、大盛镇1处共计4处黑臭水体整治，治理面积2550㎡，农村黑臭水体逐步消除。",
	  { "黑臭水体整治（玉峰山镇）", "黑臭水体整治（茨竹镇）", "黑臭水体整治（大盛镇）", "黑臭水体整治", "黑臭水体治理面积" } },
	{ "农村供水保障工程",
	  "顺龙水厂扩网覆盖至张关水厂，解决张关片区2614户，6355人饮水问题，改善生产和生活条件。",
	  { "解决饮水问题（张关片区）", "解决饮水问题" } },
	{ "妇女儿童健康关爱行动",
	  "推进婴幼儿照护服务，新增托位数400个，累计托位达7000个，每千人托位数达到4.5个；开展全区适龄在校女学生HPV疫苗接种，完成接种2000人以上。",
	  { "新增托位数", "累计托位", "每千人托位数", "适龄在校女学生HPV疫苗接种" } },
	{ "关爱青少年心理健康",
	  "为6万名以上小学高年级、初中、高中学生开展1次心理健康测评。",
	  { "学生心理健康测评" } },
	{ "重庆高新区童家石河、冷家河水库生态修复项目",
	  "童家石河水库生态修复工程主要包括湖岸缓冲带湿地修复面积约7000㎡，新建巡河步道约1.4km。",
	  { "湖岸缓冲带湿地修复面积", "巡河步道" } },
	{ "推进农村黑臭水体治理攻坚",
	  "完成500个农村黑臭水体治理，消除黑臭水域面积100万平方米，农村黑臭水体清零区县创建成功率达到50%以上。",
	  { "农村黑臭水体治理", "消除黑臭水域面积", "农村黑臭水体清零区县创建成功率" } },
	{ "城区更新改造工程",
	  "完成龙兴片区、锦湖路片区等9个老旧小区改造提升项目，总建筑面积260万平方米；完成龙山街道、龙塔街道、双凤桥街道等街道住宅老旧电梯更新100台。",
	  { "老旧小区改造提升项目", "老旧小区总建筑面积", "街道住宅老旧电梯更新" } },
	{ "公益性殡葬服务设施建设",
	  "启动2个区县火化殡仪馆、3个城市公益性安葬（放）设施、30个农村公益性示范安葬（放）设施建设。",
	  { "启动区县火化殡仪馆", "城市公益性安葬（放）设施", "农村公益性示范安葬（放）设施建设" } },
	{ "提升公交出行便捷度",
	  "新开优化公交线路6条。（其中小巷公交2条）",
	  { "新开优化公交线路", "小巷公交" } },
};

/* From notices of other places (tests/zoo/real): brackets, parts (其中), changes (由…降至),
 * costs and sizes of a project, traditional characters with pinyin glosses, sizes that pick
 * what is counted, targets told apart by place. */
static const struct label_case others[] = {
	{ "推進教育補短提質", "新建(改擴)公辦幼兒園10所、新增學位1500個;新建(改擴)公辦中小學10所、新增學位5000個。",
	  { "公辦幼兒園", "新增學位", "公辦中小學", "新增學位" } },
	{ NULL, "新(改、扩)建公办园5所,新增公办幼儿学位1000个。", { "新（改、扩）建公办园", "新增公办幼儿学位" } },
	{ "红色领航工程", "建成集党员教育管理为一体的活动阵地(约500平方米左右),分设宣传展示区;",
	  { "活动阵地面积" } },
	{ "养老服务提质扩容项目", "新增老年食堂1家(小曲景苑居家养老东侧),精心打造老年助餐服务暖心工程;",
	  { "新增老年食堂" } },
	{ NULL, "建设筹集保障性租赁住房5.8万套(间)", { "筹集保障性租赁住房" } },
	{ NULL, "新建公用和专用电动汽车充电桩350个,其中农村185个",
	  { "公用和专用电动汽车充电桩", "公用和专用电动汽车充电桩（农村）" } },
	{ "阶段性减征职工基本医疗保险费", "将参保单位缴费费率由7%降至6%,为全市各类用人单位减负约39.13亿元。",
	  { "参保单位缴费费率", "参保单位缴费费率", "全市各类用人单位减负" } },
	{ NULL, "扶持547人成功创业,完成全年目标的109.4%;", { "扶持成功创业", "目标完成率" } },
	{ "实施健康养老提升工程", "加快总投资2600万元、8800平方米的县人民医院康复中心建设,上半年投用。",
	  { "县人民医院康复中心总投资", "县人民医院康复中心建设" } },
	{ NULL, "实施东城花园二期安置小区建设工程,占地132亩,总面积19.17万平方米,总套数1201套安置房。",
	  { "东城花园二期安置小区占地", "东城花园二期安置小区总面积", "安置房总套数" } },
	{ "金台职业教育产教融合示范园项目", "总投资2.5亿元,2023年计划投资3000万元,总建筑面积3.84万平方米。",
	  { "金台职业教育产教融合示范园总投资", "金台职业教育产教融合示范园计划投资",
	    "金台职业教育产教融合示范园总建筑面积" } },
	{ "開展職業(yè)技能培訓(xùn)和評(píng)價(jià)取證", "全年開展職業(yè)技能培訓(xùn)2.55萬(wàn)人次,新增技能人才1.59萬(wàn)人。",
	  { "職業技能培訓", "新增技能人才" } },
	{ "提升基層醫療衛生服務能力", "全年培訓10個家庭醫生服務團隊,共40人;",
	  { "培訓家庭醫生服務團隊", "培訓家庭醫生服務團隊" } },
	{ NULL, "完善农村消防基础设施,完成超230个50户以上木质房屋连片村寨常高压给水管网建设。",
	  { "50户以上木质房屋连片村寨常高压给水管网建设" } },
	{ "夯實應急救援基礎", "實現全市行政村、20戶以上自然村應急廣播雙向化終端100%覆蓋。",
	  { "行政村、20戶以上自然村應急廣播雙向化終端" } },
	{ "農村公路生命防護工程", "在龍亭鎮實施農村公路生命防護工程31.656公里;在槐樹關鎮實施農村公路生命防護工程87.2公里。",
	  { "農村公路生命防護工程（龍亭鎮）", "農村公路生命防護工程（槐樹關鎮）" } },
	{ NULL, "推动轨道交通加速成网,续建地铁10号线三期、13号线一期、17号线二期等9个项目。",
	  { "续建地铁10号线三期等项目" } },
	{ "城市配套提升类", "包括城市靓化工程、“口袋公园”建设、增加停车位供给等6个项目;",
	  { "城市配套提升类项目" } },
	{ "水厂建设", "第三水厂。设计制水总规模为25万吨/日。", { "设计制水总规模" } },
	{ NULL, "配置自动体外除颤器(AED)125台", { "配置AED" } },
	{ NULL, "新增养老床位新增4000张,小学生爱心暑托班开办500个", { "新增养老床位", "小学生爱心暑托班" } },
	{ NULL, "截至2013年12月底,城镇登记失业率控制在3%以内", { "城镇登记失业率" } },
	{ NULL, "1.减少农村扶贫对象6.76万人(责任单位:市扶贫办)", { "减少农村扶贫对象" } },
	{ "一、优质教育综合提升工程", "用地面积为7165.96平方米,建筑面积4286.2平方米,主要建设内容为新建一幢食堂",
	  { "优质教育综合用地面积", "优质教育综合建筑面积" } },
	{ NULL, "建成1个城市书房(百姓书屋,建筑面积150—300平方米,藏书10000册)",
	  { "城市书房", "城市书房建筑面积", "藏书" } },
};

/* Labels that say nothing alone: never one of them. */
static const char *const unreadable[] = {
	"为", "达到", "服务", "家庭", "面积", "长度", "完工", "片区", "群众", "未成年人", "人",
	"个", "项目", "人次", "户", "数量", "规模", "覆盖", "建设", "新增", "开展", "提升", "完成",
	"累计", "",
};

/* Every label of every case against what is expected; all differences are printed before
 * the test fails, so that one run shows what a rule changed. */
static int
check_cases(const struct label_case *cs, size_t ncases)
{
	int bad = 0;

	for (size_t c = 0; c < ncases; c++) {
		struct target_list l = { 0 };
		size_t n = 0;
		targets_extract(cs[c].task, cs[c].item, &l);
		while (n < MAXL && cs[c].labels[n])
			n++;
		if (l.n != n) {
			print_error("%s: %zu targets, expected %zu\n", cs[c].task, l.n, n);
			bad++;
		}
		for (size_t i = 0; i < l.n && i < n; i++) {
			if (strcmp(l.v[i].metric, cs[c].labels[i]) != 0) {
				print_error("%s: target %zu (%s): '%s', expected '%s'\n", cs[c].item ? cs[c].item : "",
				            i + 1, l.v[i].raw, l.v[i].metric, cs[c].labels[i]);
				bad++;
			}
			for (size_t u = 0; u < sizeof unreadable / sizeof unreadable[0]; u++)
				if (strcmp(l.v[i].metric, unreadable[u]) == 0) {
					print_error("%s: target %zu labelled '%s'\n", cs[c].task, i + 1,
					            l.v[i].metric);
					bad++;
				}
		}
		target_list_release(&l);
	}
	return bad;
}

static void
test_sentences(void **state)
{
	(void)state;
	assert_int_equal(check_cases(cases, sizeof cases / sizeof cases[0]), 0);
}

static void
test_other_notices(void **state)
{
	(void)state;
	assert_int_equal(check_cases(others, sizeof others / sizeof others[0]), 0);
}

/* Without the item's name, a generic target still names its stage, and the rules that do
 * not need the name hold. */
static void
test_without_item(void **state)
{
	struct target_list l = { 0 };
	(void)state;

	targets_extract("新增托位1.1万个，建设100个口袋公园、10座体育公园。", NULL, &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].metric, "新增托位");
	assert_string_equal(l.v[1].metric, "口袋公园");
	assert_string_equal(l.v[2].metric, "体育公园");
	target_list_release(&l);

	targets_extract("启动160个项目、完工投用140个项目。", NULL, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].metric, "项目启动");
	assert_string_equal(l.v[1].metric, "项目完工投用");
	target_list_release(&l);

	/* A noun after 的 names the thing; an enumeration of nouns shares its head. */
	targets_extract("建成14个宜居宜业、便捷和谐的高品质生活圈", NULL, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].metric, "高品质生活圈");
	target_list_release(&l);
}

/* The labels of all the cases' targets, in order, one string joined by '|'. */
static char *
all_labels(const struct label_case *cs, size_t n, int forget)
{
	size_t cap = 1, len = 0;
	char *out = calloc(1, 1);

	for (size_t c = 0; c < n; c++) {
		struct target_list l = { 0 };
		if (forget)
			label_forget();
		targets_extract(cs[c].task, cs[c].item, &l);
		for (size_t i = 0; i < l.n; i++) {
			size_t k = strlen(l.v[i].metric) + 1;
			out = realloc(out, cap += k);
			memcpy(out + len, l.v[i].metric, k - 1);
			len += k;
			out[len - 1] = '|';
			out[len] = '\0';
		}
		target_list_release(&l);
	}
	return out;
}

/* The memo of labels gives what the rules give: every case met cold (the memo emptied
 * before each), then again warm in one run, twice. */
static void
test_memo(void **state)
{
	char *cold = all_labels(cases, sizeof cases / sizeof cases[0], 1);
	char *warm = all_labels(cases, sizeof cases / sizeof cases[0], 0);
	char *again = all_labels(cases, sizeof cases / sizeof cases[0], 0);
	(void)state;

	assert_true(strlen(cold) > 100);
	assert_string_equal(warm, cold);
	assert_string_equal(again, cold);
	free(cold);
	free(warm);
	free(again);
}

/* A list's own number in Chinese numerals leads into a phrase without being part of it:
 * each of 一 to 十, and up to three of them; not four, nor another character. */
static void
test_list_numbers(void **state)
{
	static const char *const cut[] = { "一、", "二、", "三、", "四、", "五、", "六、", "七、",
		                           "八、", "九、", "十、", "十二、", "二十三、" };
	static const char *const kept[] = { "一二三四、", "百、", "零、", "十里长街、" };
	(void)state;

	for (size_t i = 0; i < sizeof cut / sizeof cut[0] + sizeof kept / sizeof kept[0]; i++) {
		int is_cut = i < sizeof cut / sizeof cut[0];
		const char *lead = is_cut ? cut[i] : kept[i - sizeof cut / sizeof cut[0]];
		char before[64], *l;
		struct label_in in = { .before = before, .clause = before, .after = "", .rest = "",
			               .item = "" };
		snprintf(before, sizeof before, "%s新增托位", lead);
		l = label_make(&in);
		assert_string_equal(l, is_cut ? "新增托位" : before);
		free(l);
	}
}

/* Inputs whose phrases cut the same text at other places, or differ in a missing phrase
 * against an empty one, are different inputs to the memo. */
static void
test_memo_keys(void **state)
{
	struct label_in in[] = {
		{ .before = "建设口袋", .clause = "公园", .after = "", .rest = "", .item = "" },
		{ .before = "建设", .clause = "口袋公园", .after = "", .rest = "", .item = "" },
		{ .before = "新增", .clause = "新增", .after = "托位", .rest = "", .item = "" },
		{ .before = "新增", .clause = "新增", .after = "托位", .rest = "", .item = "",
		  .prev_label = "" },
		{ .before = "新增", .clause = "新增", .after = "托位", .rest = "", .item = "",
		  .kind = KIND_CUMULATIVE },
	};
	char *cold[sizeof in / sizeof in[0]];
	(void)state;

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		label_forget();
		cold[i] = label_make(&in[i]);
	}
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
			char *warm = label_make(&in[i]);
			assert_string_equal(warm, cold[i]);
			free(warm);
		}
	assert_string_not_equal(cold[0], cold[1]);
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		free(cold[i]);
	label_forget();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_other_notices),
		cmocka_unit_test(test_without_item),
		cmocka_unit_test(test_memo),
		cmocka_unit_test(test_memo_keys),
		cmocka_unit_test(test_list_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
