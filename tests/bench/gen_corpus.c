/*
 * gen_corpus: a deterministic synthetic datasets folder for benchmarks and for measuring
 * the matcher: N jurisdictions (cities, each followed by its districts) over YEARS
 * consecutive years, about 20 items a set, drawn from templates of the kinds of items and
 * targets in the bundled notices.  Items recur across years with renamed titles and
 * changed values; some are dropped, some new, some merged into another.  Districts carry
 * broken-down city items and items of their own.
 *
 * Task texts run to the length and variety of real ones (words leading into targets, closing
 * sentences, now and then a long task), names are reworded from year to year, and a city
 * has from a few to 40 districts.
 *
 * Writes OUTDIR/catalog.csv, OUTDIR/tasks/<set>.csv, OUTDIR/raw/<set>.txt (the same items
 * as a notice in one of the three layouts yoy ingests, in turn) and OUTDIR/truth.csv
 * (from_set,from_seq,to_set,to_seq,relation: the links a perfect matcher finds).
 *
 * usage: gen_corpus N YEARS OUTDIR [SEED]
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- deterministic random numbers (splitmix64) ---- */
static uint64_t rng_state;

static uint64_t
rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int
rint_(int lo, int hi) /* inclusive */
{
	return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

static double
runi(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

/* ---- templates ---- */

struct ttarget {
	const char *pre, *unit;
	int lo, hi; /* value range for a city */
};

struct tmpl {
	const char *names[4];
	const char *units;
	struct ttarget t[3];
};

static const struct tmpl templates[] = {
	{ { "实施城镇老旧小区改造", "城镇老旧小区改造提升", "推进老旧小区改造", NULL }, "住房城乡建委",
	  { { "新开工改造城镇老旧小区", "个", 200, 2000 }, { "加装电梯", "部", 500, 5000 }, { 0 } } },
	{ { "建设城市微型公园", "建设口袋公园", "城市公园提质", NULL }, "城市管理局",
	  { { "建设口袋公园", "个", 20, 200 }, { "建设体育公园", "座", 2, 20 }, { 0 } } },
	{ { "农村黑臭水体治理", "推进农村黑臭水体治理攻坚", NULL, NULL }, "生态环境局",
	  { { "完成农村黑臭水体治理", "个", 10, 500 }, { 0 }, { 0 } } },
	{ { "关爱青少年心理健康", "开展青少年心理健康教育", "青少年心理健康服务", NULL }, "教委",
	  { { "培训认证心理健康教师", "名", 500, 15000 }, { "建设心理健康工作基地", "所", 5, 80 },
	    { "开展心理健康测评学生", "名", 10000, 2000000 } } },
	{ { "残疾人服务提升", "残疾人康复与就业服务", "开展残疾人关爱服务", NULL }, "残联",
	  { { "新增残疾人就业", "人", 100, 2000 }, { "实施残疾儿童康复救助", "人次", 500, 10000 },
	    { 0 } } },
	{ { "开展未成年人假期公益托管", "假期公益托管服务", NULL, NULL }, "团委",
	  { { "开设假期公益托管点位", "个", 20, 1000 }, { "覆盖未成年人", "人次", 3000, 150000 },
	    { 0 } } },
	{ { "提升公众急救能力", "公众急救能力提升行动", NULL, NULL }, "红十字会",
	  { { "普及应急救护知识", "人次", 10000, 330000 }, { "布局AED等急救设备", "处", 20, 700 },
	    { 0 } } },
	{ { "提升公交出行便捷度", "优化公交线路", NULL, NULL }, "交通运输委",
	  { { "新增及优化调整公交线路", "条", 5, 60 }, { 0 }, { 0 } } },
	{ { "提升农村饮水质量", "提升农村饮水安全和质量", "农村供水保障工程", NULL }, "水利局",
	  { { "实施农村供水工程", "处", 20, 500 }, { "新建改建输配水管道", "公里", 50, 5000 },
	    { 0 } } },
	{ { "改善学校医院周边环境", "学校医院周边环境整治", NULL, NULL }, "城市管理局",
	  { { "整体提升学校周边环境", "所", 5, 100 }, { "整体提升医院周边环境", "家", 2, 50 },
	    { 0 } } },
	{ { "提档升级城区菜市场", "建设标准化菜市场", NULL, NULL }, "商务委",
	  { { "打造标准化菜市场", "个", 2, 20 }, { 0 }, { 0 } } },
	{ { "发展婴幼儿照护服务", "提高托育服务能力", "婴幼儿照护服务行动", NULL }, "卫生健康委",
	  { { "新增托位", "个", 400, 11000 }, { 0 }, { 0 } } },
	{ { "提升老年人照护服务", "助老敬老行动", "养老服务提升", NULL }, "民政局",
	  { { "打造银发综合体", "个", 5, 50 }, { "完成居家适老化改造", "户", 300, 3000 }, { 0 } } },
	{ { "筑牢全民反诈防线", "反诈宣传行动", NULL, NULL }, "公安局",
	  { { "建成反诈工作站", "个", 10, 100 }, { "开展进社区宣传活动", "场次", 500, 5000 },
	    { 0 } } },
	{ { "重点群体就业帮扶", "就业帮扶行动", NULL, NULL }, "人力社保局",
	  { { "开展职业技能培训", "人次", 1000, 60000 }, { "举办招聘活动", "场", 10, 200 }, { 0 } } },
	{ { "森林防火能力提升", "森林防灭火设施建设", NULL, NULL }, "林业局",
	  { { "新建森林消防水箱", "口", 30, 300 }, { "新建智能监控系统", "套", 5, 50 }, { 0 } } },
	{ { "全民健身行动", "全民健身设施建设", NULL, NULL }, "体育局",
	  { { "新建社区健身场地", "个", 10, 300 }, { "培训社会体育指导员", "名", 100, 3000 },
	    { 0 } } },
	{ { "文化惠民服务", "公共文化服务提升", NULL, NULL }, "文化旅游委",
	  { { "开展惠民文化活动", "场", 20, 500 }, { "建成公共文化空间", "个", 5, 70 }, { 0 } } },
	{ { "高层建筑消防安全守护", "消防安全提升", NULL, NULL }, "消防救援局",
	  { { "安装消防物联感知设备", "栋", 500, 6000 }, { 0 }, { 0 } } },
	{ { "新建5G基站", "通信基础设施建设", NULL, NULL }, "大数据发展局",
	  { { "新建5G基站", "个", 100, 3000 }, { 0 }, { 0 } } },
	{ { "妇女儿童健康关爱", "妇女儿童友好服务", NULL, NULL }, "妇联",
	  { { "提供免费两癌检查", "名", 2000, 700000 }, { "建设妇女儿童综合服务体", "个", 2, 26 },
	    { 0 } } },
	{ { "城区停车泊位建设", "新增错时共享停车泊位", NULL, NULL }, "城市管理局",
	  { { "新增停车泊位", "个", 500, 45000 }, { 0 }, { 0 } } },
	{ { "基层医疗卫生设施建设", "社区卫生服务能力提升", NULL, NULL }, "卫生健康委",
	  { { "建成社区卫生服务中心", "个", 1, 30 }, { 0 }, { 0 } } },
	{ { "农村人居环境整治", "美丽乡村建设", NULL, NULL }, "农业农村委",
	  { { "完成农村户厕改造", "户", 1000, 30000 }, { "建设入户道路", "公里", 5, 500 }, { 0 } } },
	{ { "山城步道建设", "城市步道提升", NULL, NULL }, "城市管理局",
	  { { "新增山城步道", "公里", 5, 30 }, { 0 }, { 0 } } },
	{ { "社区老年食堂建设", "老年助餐服务", NULL, NULL }, "民政局",
	  { { "新增社区老年食堂", "家", 5, 100 }, { 0 }, { 0 } } },
	{ { "殡葬服务设施建设", "公益性殡葬设施建设", NULL, NULL }, "民政局",
	  { { "建设公益性安葬设施", "个", 2, 30 }, { 0 }, { 0 } } },
	{ { "新就业群体友好场景", "新就业群体服务", NULL, NULL }, "社会工作部",
	  { { "建成友好阵地", "个", 100, 7000 }, { 0 }, { 0 } } },
};
#define NTEMPL (sizeof templates / sizeof templates[0])

static const char *const syl1[] = { "江", "南", "北", "东", "西", "青", "白", "金", "云", "龙",
	                            "凤", "石", "安", "永", "长", "新", "平", "宁", "清", "华" };
static const char *const syl2[] = { "川", "山", "河", "湖", "岭", "桥", "州", "阳", "溪", "源",
	                            "林", "城", "泉", "峰", "坪", "湾", "塘", "口", "岗", "田" };

/* Words around the targets, so that tasks read at the length and variety of real ones
 * (the bundled notices average about 60 characters a task; some run to 200). */
static const char *const name_pre[] = { "", "持续", "深入实施", "扎实推进", "全面开展", "加快" };
static const char *const name_post[] = { "", "行动", "工程", "项目", "专项行动", "提升工程" };
static const char *const leads[] = {
	"", "围绕群众急难愁盼问题，", "聚焦重点人群，", "按照标准化、规范化要求，",
	"统筹城乡区域布局，", "坚持政府主导、社会参与，", "在全域范围内", "结合城市更新，",
	"依托街道社区，", "采取以奖代补方式，",
};
static const char *const tails[] = {
	"建立健全长效管理机制，确保项目按期完工并发挥实效。",
	"加强督导检查和绩效评价，及时向社会公开实施进展。",
	"坚持因地制宜、分类施策，优先保障困难群众需求。",
	"完善运营维护制度，推动服务向基层延伸、向末端覆盖。",
	"强化资金保障和部门协同，形成工作合力。",
	"广泛听取群众意见建议，提升群众获得感、幸福感、安全感。",
};
#define NLEADS (sizeof leads / sizeof leads[0])
#define NTAILS (sizeof tails / sizeof tails[0])

/* ---- items in one set ---- */

struct gitem {
	int thread;       /* the recurring item this is (truth) */
	int tmpl, name;
	int pre, post;    /* a rewording of the name: a prefix and a suffix (0: none) */
	int lead[3];      /* words that lead into each target (0: none) */
	int tail, ntail;  /* closing sentences of the task: the first and how many */
	int ntarget;
	double value[3];
	int merged_into;  /* thread that took this item's first target this year, or -1 */
	int xt_tmpl;      /* a target taken over from a merged item: its template, or -1 */
	double xt_value;
	char seq[16];
};

struct gset {
	char id[32], jur[64];
	int year, city, parent; /* parent: index of the parent set or -1 */
	struct gitem *it;
	int n;
};

static void
die(const char *what)
{
	fprintf(stderr, "gen-corpus: %s: %s\n", what, strerror(errno));
	exit(1);
}

static FILE *
xopen(const char *path)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		die(path);
	return fp;
}

static void
fmt_value(double v, const char *unit, char *buf, size_t n)
{
	long iv = (long)(v + 0.5);
	if (iv >= 10000 && iv % 1000 == 0)
		snprintf(buf, n, "%g万%s", iv / 10000.0, unit);
	else
		snprintf(buf, n, "%ld%s", iv < 1 ? 1 : iv, unit);
}

static void
task_text(const struct gitem *g, char *buf, size_t n)
{
	const struct tmpl *t = &templates[g->tmpl];
	size_t at = 0;
	buf[0] = '\0';
	for (int k = 0; k < g->ntarget; k++) {
		char v[64];
		fmt_value(g->value[k], t->t[k].unit, v, sizeof v);
		at += (size_t)snprintf(buf + at, n - at, "%s%s%s%s", k ? "，" : "", leads[g->lead[k]],
		                       t->t[k].pre, v);
	}
	if (g->xt_tmpl >= 0) {
		/* The target of an item merged into this one (口袋公园 into 城市居住品质提升). */
		char v[64];
		fmt_value(g->xt_value, templates[g->xt_tmpl].t[0].unit, v, sizeof v);
		at += (size_t)snprintf(buf + at, n - at, "；%s%s", templates[g->xt_tmpl].t[0].pre, v);
	}
	at += (size_t)snprintf(buf + at, n - at, "。");
	for (int k = 0; k < g->ntail && at < n; k++)
		at += (size_t)snprintf(buf + at, n - at, "%s", tails[(g->tail + k) % NTAILS]);
}

/* The item's name as this year's notice prints it. */
static const char *
title_of(const struct gitem *g, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", name_pre[g->pre], templates[g->tmpl].names[g->name],
	         name_post[g->post]);
	return buf;
}

/* Words around a new item's targets, and how its task closes. */
static void
dress(struct gitem *g)
{
	for (int q = 0; q < 3; q++)
		g->lead[q] = runi() < 0.9 ? rint_(1, (int)NLEADS - 1) : 0;
	g->tail = rint_(0, (int)NTAILS - 1);
	g->ntail = runi() < 0.7 ? 1 : 0;
	if (runi() < 0.06)
		g->ntail = rint_(3, 5); /* a long task, as some notices print */
	g->pre = runi() < 0.15 ? rint_(1, 5) : 0;
	g->post = runi() < 0.15 ? rint_(1, 5) : 0;
}

static void
csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\n")) {
		fputc('"', fp);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else
		fputs(s, fp);
}

/* Split UTF-8 text into lines at most W CJK characters wide, a Latin letter or digit
 * counting half (as a PDF's column wraps; for the pdf layout). */
static int
wrap(const char *s, int w, char lines[][512], int max)
{
	int n = 0, chars = 0;
	size_t at = 0;
	lines[0][0] = '\0';
	w *= 2;
	while (*s && n < max) {
		int len = (*s & 0x80) == 0 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : 4;
		int cw = len == 1 ? 1 : 2;
		if (chars + cw > w) {
			n++;
			if (n == max)
				break;
			at = 0;
			chars = 0;
			lines[n][0] = '\0';
		}
		memcpy(lines[n] + at, s, (size_t)len);
		at += (size_t)len;
		lines[n][at] = '\0';
		chars += cw;
		s += len;
	}
	return n + 1;
}

static void
write_notice(const char *path, const struct gset *s, int layout, const char *doc)
{
	FILE *fp = xopen(path);
	fprintf(fp, "%s人民政府办公室关于印发《%s%d年重点民生实事工作目标任务》的通知\n", s->jur, s->jur,
	        s->year);
	fprintf(fp, "%s\n\n各有关单位：\n现印发给你们，请认真贯彻执行。\n\n%s人民政府办公室\n%d年3月1日\n\n",
	        doc, s->jur, s->year);
	fprintf(fp, "%s%d年重点民生实事工作目标任务\n", s->jur, s->year);
	if (layout == 0) { /* rows */
		fprintf(fp, "序号\t项目名称\t责任单位\t%d年工作任务\n", s->year);
		for (int i = 0; i < s->n; i++) {
			char task[1024], title[256];
			const struct gitem *g = &s->it[i];
			task_text(g, task, sizeof task);
			fprintf(fp, "%s\t%s\t%s%s\t%s\n", g->seq, title_of(g, title, sizeof title),
			        s->city ? "市" : "区", templates[g->tmpl].units, task);
		}
	} else if (layout == 1) { /* cells */
		fprintf(fp, "\t序号\n\t项目名称\n\t责任单位\n\t%d年工作任务\n\n", s->year);
		for (int i = 0; i < s->n; i++) {
			char task[1024], title[256];
			const struct gitem *g = &s->it[i];
			task_text(g, task, sizeof task);
			fprintf(fp, "\t%s\n\t%s\n\t%s%s\n\t%s\n\n", g->seq, title_of(g, title, sizeof title),
			        s->city ? "市" : "区", templates[g->tmpl].units, task);
		}
	} else { /* pdf: the number alone, then the cells wrapped at their column widths */
		fprintf(fp, "序号 项目名称 责任单位 %d年工作任务 备注\n\n", s->year);
		for (int i = 0; i < s->n; i++) {
			char task[1024], unit[128], title[256], tl[40][512], nl[8][512], ul[8][512];
			const struct gitem *g = &s->it[i];
			int nt, nn, nu;
			task_text(g, task, sizeof task);
			snprintf(unit, sizeof unit, "%s%s", s->city ? "市" : "区", templates[g->tmpl].units);
			nn = wrap(title_of(g, title, sizeof title), 10, nl, 8);
			nu = wrap(unit, 7, ul, 8);
			nt = wrap(task, 14, tl, 40);
			fprintf(fp, "%s\n", g->seq);
			for (int k = 0; k < nn; k++)
				fprintf(fp, "%s\n\n", nl[k]);
			for (int k = 0; k < nu; k++)
				fprintf(fp, "%s\n\n", ul[k]);
			for (int k = 0; k < nt; k++)
				fprintf(fp, "%s\n\n", tl[k]);
			if (i % 7 == 6)
				fprintf(fp, "— %d —\n序号 项目名称 责任单位 %d年工作任务 备注\n\n", i / 7 + 2, s->year);
		}
	}
	fclose(fp);
}

int
main(int argc, char **argv)
{
	int njur, nyears, thread = 0, nsets = 0;
	const char *out;
	struct gset *sets;
	char path[4096];
	FILE *cat, *truth;
	int base_year = 2022;

	if (argc < 4 || (njur = atoi(argv[1])) < 1 || (nyears = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: gen-corpus N YEARS OUTDIR [SEED]\n");
		return 2;
	}
	out = argv[3];
	rng_state = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
	if (mkdir(out, 0755) < 0 && errno != EEXIST)
		die(out);
	snprintf(path, sizeof path, "%s/tasks", out);
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		die(path);
	snprintf(path, sizeof path, "%s/raw", out);
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		die(path);
	sets = calloc((size_t)njur * (size_t)nyears, sizeof *sets);

	/* Cities, each followed by its districts: from a few to 40 (most have 3 to 12). */
	int *cityof = calloc((size_t)njur + 1, sizeof *cityof);
	for (int j = 0, left = 0, cj = 0; j < njur; j++) {
		if (left == 0) {
			cj = j;
			left = runi() < 0.05 ? rint_(20, 40) : rint_(3, 12);
			left++; /* the city itself */
		}
		cityof[j] = cj;
		left--;
	}
	for (int j = 0; j < njur; j++) {
		int city = cityof[j] == j, cityj = cityof[j];
		struct gitem cur[40];
		int n = 0, used[NTEMPL] = { 0 };
		char jur[64];
		snprintf(jur, sizeof jur, "%s%s%s%d%s", syl1[j % 20], syl2[(j / 20) % 20],
		         j >= 400 ? "新" : "", j / 400, city ? "市" : "区");
		/* The first year's items: about 20 templates, a district's partly its city's. */
		for (int k = 0; k < 20; k++) {
			int t;
			if (!city && k < 8 && nsets > 0) {
				/* Broken down from the city's first-year set. */
				struct gset *cs = &sets[(size_t)cityj * nyears];
				if (k >= cs->n)
					continue;
				t = cs->it[k].tmpl;
			} else {
				do
					t = rint_(0, NTEMPL - 1);
				while (used[t]);
			}
			if (used[t])
				continue;
			used[t] = 1;
			memset(&cur[n], 0, sizeof cur[n]);
			cur[n].thread = thread++;
			cur[n].tmpl = t;
			cur[n].name = 0;
			cur[n].merged_into = -1;
			cur[n].xt_tmpl = -1;
			dress(&cur[n]);
			while (cur[n].ntarget < 3 && templates[t].t[cur[n].ntarget].pre)
				cur[n].ntarget++;
			for (int q = 0; q < cur[n].ntarget; q++) {
				const struct ttarget *tt = &templates[t].t[q];
				double v = rint_(tt->lo, tt->hi);
				cur[n].value[q] = city ? v : v / rint_(8, 30) + 1;
			}
			n++;
		}
		for (int y = 0; y < nyears; y++) {
			struct gset *s = &sets[(size_t)j * nyears + y];
			snprintf(s->id, sizeof s->id, "j%04d-%d", j, base_year + y);
			snprintf(s->jur, sizeof s->jur, "%s", jur);
			s->year = base_year + y;
			s->city = city;
			s->parent = city ? -1 : cityj * nyears + y;
			if (y > 0) {
				/* Next year: values change, names change, some go, some come, a merge. */
				int m = 0;
				struct gitem next[40];
				for (int i = 0; i < n; i++) {
					cur[i].merged_into = -1;
					if (runi() < 0.08) {
						used[cur[i].tmpl] = 0;
						continue; /* dropped */
					}
					if (runi() < 0.03 && i + 1 < n && cur[i + 1].xt_tmpl < 0) {
						/* Merged: its first target goes on inside the next item. */
						cur[i].merged_into = cur[i + 1].thread;
						cur[i + 1].xt_tmpl = cur[i].tmpl;
						cur[i + 1].xt_value = cur[i].value[0] * (0.9 + 0.4 * runi());
						used[cur[i].tmpl] = 0;
						continue;
					}
					next[m] = cur[i];
					next[m].merged_into = -1;
					if (runi() < 0.2 && templates[cur[i].tmpl].names[next[m].name + 1])
						next[m].name++;
					/* Reworded: another prefix or suffix, other words around a target. */
					if (runi() < 0.1)
						next[m].pre = runi() < 0.5 ? 0 : rint_(1, 5);
					if (runi() < 0.1)
						next[m].post = runi() < 0.5 ? 0 : rint_(1, 5);
					for (int q = 0; q < 3; q++)
						if (runi() < 0.15)
							next[m].lead[q] = rint_(0, (int)NLEADS - 1);
					for (int q = 0; q < next[m].ntarget; q++)
						next[m].value[q] = next[m].value[q] * (0.8 + 0.7 * runi()) + 1;
					m++;
				}
				while (m < 20) {
					int t = rint_(0, NTEMPL - 1), tries = 0;
					while (used[t] && tries++ < 100)
						t = (t + 1) % (int)NTEMPL;
					if (used[t])
						break;
					used[t] = 1;
					memset(&next[m], 0, sizeof next[m]);
					next[m].thread = thread++;
					next[m].tmpl = t;
					next[m].merged_into = -1;
					next[m].xt_tmpl = -1;
					dress(&next[m]);
					while (next[m].ntarget < 3 && templates[t].t[next[m].ntarget].pre)
						next[m].ntarget++;
					for (int q = 0; q < next[m].ntarget; q++) {
						const struct ttarget *tt = &templates[t].t[q];
						double v = rint_(tt->lo, tt->hi);
						next[m].value[q] = city ? v : v / rint_(8, 30) + 1;
					}
					m++;
				}
				/* The previous year's set learns which of its items merged where. */
				{
					struct gset *prev = &sets[(size_t)j * nyears + y - 1];
					for (int i = 0; i < prev->n; i++)
						for (int q = 0; q < n; q++)
							if (prev->it[i].thread == cur[q].thread)
								prev->it[i].merged_into = cur[q].merged_into;
				}
				memcpy(cur, next, sizeof(struct gitem) * (size_t)m);
				n = m;
			}
			s->n = n;
			s->it = malloc(sizeof(struct gitem) * (size_t)n);
			memcpy(s->it, cur, sizeof(struct gitem) * (size_t)n);
			for (int i = 0; i < n; i++)
				snprintf(s->it[i].seq, sizeof s->it[i].seq, "%d", i + 1);
			nsets++;
		}
	}

	/* Files: catalog, task CSVs, notices, and the true links. */
	snprintf(path, sizeof path, "%s/catalog.csv", out);
	cat = xopen(path);
	fputs("set,year,jurisdiction,level,parent,doc_number,issued,title,raw,tasks\n", cat);
	snprintf(path, sizeof path, "%s/truth.csv", out);
	truth = xopen(path);
	fputs("from_set,from_seq,to_set,to_seq,relation\n", truth);
	for (int i = 0; i < njur * nyears; i++) {
		struct gset *s = &sets[i];
		char doc[64];
		FILE *fp;
		snprintf(doc, sizeof doc, "渝%s办发〔%d〕%d号", s->city ? "府" : "区府", s->year,
		         i % 90 + 1);
		fprintf(cat, "%s,%d,%s,%s,%s,%s,%d-03-01,%s%d年重点民生实事工作目标任务,raw/%s.txt,tasks/%s.csv\n",
		        s->id, s->year, s->jur, s->city ? "city" : "district",
		        s->parent >= 0 ? sets[s->parent].id : "", doc, s->year, s->jur, s->year, s->id,
		        s->id);
		snprintf(path, sizeof path, "%s/tasks/%s.csv", out, s->id);
		fp = xopen(path);
		fputs("seq,section,name,units,task,deadline,note\n", fp);
		for (int k = 0; k < s->n; k++) {
			char task[1024], unit[128], title[256];
			const struct gitem *g = &s->it[k];
			task_text(g, task, sizeof task);
			snprintf(unit, sizeof unit, "%s%s", s->city ? "市" : "区", templates[g->tmpl].units);
			fprintf(fp, "%s,,", g->seq);
			csv_field(fp, title_of(g, title, sizeof title));
			fputc(',', fp);
			csv_field(fp, unit);
			fputc(',', fp);
			csv_field(fp, task);
			fputs(",,\n", fp);
		}
		fclose(fp);
		snprintf(path, sizeof path, "%s/raw/%s.txt", out, s->id);
		write_notice(path, s, i % 3, doc);
		/* Truth: the same thread a year later, and a district item whose template its
		 * city has the same year. */
		if ((i + 1) % nyears != 0) {
			struct gset *t = &sets[i + 1];
			for (int a = 0; a < s->n; a++)
				for (int b = 0; b < t->n; b++)
					if (s->it[a].thread == t->it[b].thread)
						fprintf(truth, "%s,%s,%s,%s,same\n", s->id, s->it[a].seq, t->id,
						        t->it[b].seq);
					else if (s->it[a].merged_into == t->it[b].thread)
						fprintf(truth, "%s,%s,%s,%s,part\n", s->id, s->it[a].seq, t->id,
						        t->it[b].seq);
		}
		if (s->parent >= 0) {
			struct gset *p = &sets[s->parent];
			for (int a = 0; a < s->n; a++)
				for (int b = 0; b < p->n; b++)
					if (s->it[a].tmpl == p->it[b].tmpl)
						fprintf(truth, "%s,%s,%s,%s,child\n", s->id, s->it[a].seq, p->id,
						        p->it[b].seq);
		}
	}
	fclose(cat);
	fclose(truth);
	fprintf(stderr, "gen-corpus: %d sets, %d jurisdictions × %d years in %s\n", nsets, njur,
	        nyears, out);
	return 0;
}
