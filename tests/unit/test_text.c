/* Unit tests for analysis/text.c: decoding and the Unicode helpers. */
#include "base/text.h"
#include "base/util.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <cmocka.h>

static void
check_clean(const char *in, const char *want)
{
	char *got = text_clean(in);
	assert_string_equal(got, want);
	free(got);
}

static void
test_clean(void **state)
{
	(void)state;
	/* Stray spaces inside words and around numbers go; those between ASCII words stay. */
	check_clean("品质生活服 务圈", "品质生活服务圈");
	check_clean("认证 1.5 万名以上", "认证1.5万名以上");
	check_clean("布局 AED 等急救设备 700 处", "布局AED等急救设备700处");
	check_clean("  AI +全民反诈 ", "AI+全民反诈");
	check_clean("Wi Fi", "Wi Fi");
	check_clean("100\u3000万平方米", "100万平方米");
	check_clean("", "");
}

static void
test_key_width(void **state)
{
	char *k;
	(void)state;
	k = text_key("２０２６ 年工作任务");
	assert_string_equal(k, "2026年工作任务");
	free(k);
	assert_int_equal(text_width("序号"), 4);
	assert_int_equal(text_width("AED"), 3);
	assert_int_equal(text_width("城市建设事务中心"), 16);
}

static void
test_decode(void **state)
{
	char *cause = NULL, *t;
	const char *enc = NULL;
	/* 序号 in GB18030 is D0 F2 BA C5. */
	static const char gb[] = "\xD0\xF2\xBA\xC5\r\n1\r\n";
	static const char big5[] = "\xA7\xC7\xB8\xB9\n\xB6\xB5\xA5\xD8\xA6\x57\xBA\xD9\n";
	(void)state;

	t = text_decode("\xEF\xBB\xBF序号\r\n1\r\n", strlen("\xEF\xBB\xBF序号\r\n1\r\n"), "x", &enc,
	                &cause);
	assert_non_null(t);
	assert_string_equal(t, "序号\n1\n");
	assert_string_equal(enc, "UTF-8");
	free(t);

	t = text_decode(gb, strlen(gb), "x", &enc, &cause);
	assert_non_null(t);
	assert_string_equal(t, "序号\n1\n");
	assert_string_equal(enc, "GB18030");
	free(t);

	/* Big5 (CP950) is read as such: 序號 is A7 C7 B8 B9. */
	t = text_decode(big5, sizeof big5 - 1, "x", &enc, &cause);
	assert_non_null(t);
	assert_string_equal(t, "序號\n項目名稱\n");
	assert_string_equal(enc, "Big5");
	free(t);

	/* 0x80 alone is neither UTF-8 nor GB18030: the message names the line. */
	t = text_decode("ok\nok\n\x80\n", 7, "bad.txt", &enc, &cause);
	assert_null(t);
	assert_string_equal(cause, "bad.txt:3: invalid UTF-8 (and not GB18030 or Big5 either)");
	free(cause);
	cause = NULL;

	t = text_decode("a\nb\0c", 5, "bin", &enc, &cause);
	assert_null(t);
	assert_string_equal(cause, "bin:2: binary file (NUL byte)");
	free(cause);
	cause = NULL;

	t = text_decode("", 0, "empty", &enc, &cause);
	assert_null(t);
	assert_string_equal(cause, "empty: empty file");
	free(cause);
}

/* Traditional to simplified keeps the length (offsets stay offsets). */
static void
test_simplify(void **state)
{
	char *s;
	(void)state;

	s = text_simplify("洋縣2024年十大民生實事項目");
	assert_string_equal(s, "洋县2024年十大民生实事项目");
	free(s);
	s = text_simplify("新增托位1.1万个");
	assert_string_equal(s, "新增托位1.1万个");
	free(s);
	/* Bytes that are no UTF-8 (a cut character at the end, a stray byte) are kept as
	 * they are and the rest converted; OpenCC never sees them (it read past the end:
	 * found by fuzz_targets). */
	s = text_simplify("實事\xFF項目\xE9\x85");
	assert_string_equal(s, "实事\xFF项目\xE9\x85");
	free(s);
	/* Asked again (the answer then kept): the same text, a copy of its own each time,
	 * and a text that only starts like one asked is its own. */
	for (int k = 0; k < 3; k++) {
		char *a = text_simplify("洋縣2024年十大民生實事項目"), *b = text_simplify("洋縣");
		assert_string_equal(a, "洋县2024年十大民生实事项目");
		assert_string_equal(b, "洋县");
		free(a);
		free(b);
	}
	assert_true(text_maybe_traditional("責任單位"));
	assert_false(text_maybe_traditional("责任单位"));
	/* The same asked of decoded code points (責任單位, 责任单位). */
	assert_true(text_cps_maybe_traditional((const int32_t[]){ 0x8CAC, 0x4EFB, 0x55AE, 0x4F4D }, 4));
	assert_false(text_cps_maybe_traditional((const int32_t[]){ 0x8D23, 0x4EFB, 0x5355, 0x4F4D }, 4));
	assert_false(text_cps_maybe_traditional((const int32_t[]){ 0x8CAC }, 0));
}

static void
test_bad_line(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_bad_line("a\n序\n", strlen("a\n序\n")), 0);
	assert_int_equal(text_utf8_bad_line("a\nb\n\xE5\x8F", 6), 3);
}

/* The first bad line as u8_next finds it, character by character. */
static int
ref_bad_line(const char *s, size_t len)
{
	int line = 1;

	for (size_t i = 0; i < len;) {
		char tail[5] = { 0 };
		int32_t cp;
		int k;
		if ((unsigned char)s[i] < 0x80) {
			line += s[i++] == '\n';
			continue;
		}
		memcpy(tail, s + i, len - i < 4 ? len - i : 4);
		k = u8_next(tail, &cp);
		if (cp < 0)
			return line;
		i += (size_t)k;
	}
	return 0;
}

/* The validator checks byte ranges without decoding: it must say what decoding says on
 * every edge of them (overlong forms, surrogates, past U+10FFFF, cut sequences, NULs). */
static void
test_bad_line_as_decoding(void **state)
{
	static const unsigned char bytes[] = { 'a', '\n', 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
		                               0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
		                               0xE5, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5,
		                               0xFF };
	unsigned seed = 5;
	char buf[12];
	(void)state;

	for (int round = 0; round < 200000; round++) {
		size_t len = 1 + round % (sizeof buf);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)bytes[(seed >> 16) % sizeof bytes];
		}
		assert_int_equal(text_utf8_bad_line(buf, len), ref_bad_line(buf, len));
	}
}

/* u8_next against utf8proc on every sequence led by C0..F4 with any two bytes after it
 * (its fast path for three bytes must still refuse surrogates, overlong forms and
 * sequences cut short). */
static void
test_u8_next_as_utf8proc(void **state)
{
	(void)state;

	for (unsigned b0 = 0xC0; b0 <= 0xF4; b0++)
		for (unsigned b1 = 0; b1 < 256; b1++)
			for (unsigned b2 = 0; b2 < 256; b2++) {
				unsigned char s[5] = { (unsigned char)b0, (unsigned char)b1, (unsigned char)b2,
					               0x80, 0 };
				utf8proc_int32_t want;
				utf8proc_ssize_t n = utf8proc_iterate(s, 4, &want);
				int32_t got;
				int k = u8_next((const char *)s, &got);
				if (n < 0) {
					assert_int_equal(got, -1);
					assert_int_equal(k, 1);
				} else {
					assert_int_equal(got, want);
					assert_int_equal(k, n);
				}
			}
}

/* Did you mean: the nearest by edit distance (a swap is one edit), within a third of the
 * word; case folded; CJK counted by characters. */
static void
test_nearest(void **state)
{
	static const char *const cmds[] = { "items", "growth", "grep", "targets", "渝北区", "yubei" };
	(void)state;

	assert_int_equal(text_nearest("grwoth", cmds, 6), 1);
	assert_int_equal(text_nearest("grpe", cmds, 6), 2);
	assert_int_equal(text_nearest("ITEMS", cmds, 6), 0);
	assert_int_equal(text_nearest("target", cmds, 6), 3);
	assert_int_equal(text_nearest("渝北", cmds, 6), 4);
	assert_int_equal(text_nearest("yubie", cmds, 6), 5);
	assert_int_equal(text_nearest("frobnicate", cmds, 6), -1);
	assert_int_equal(text_nearest("x", cmds, 6), -1);
	assert_int_equal(text_nearest("grwoth", cmds, 0), -1);
}

/* A set of first characters says yes for every word's first character (a no is never
 * wrong); of characters no word starts with, most are told no. */
static void
test_cpset(void **state)
{
	static const char *const words[] = { "建设", "新增", "开展", "AED", "完成" };
	static const int32_t starts[] = { 0x5EFA, 0x65B0, 0x5F00, 'A', 0x5B8C };
	struct text_cpset s = { { 0 } };
	int no = 0;
	(void)state;

	text_cpset_add_firsts(&s, words, 5);
	for (size_t i = 0; i < 5; i++)
		assert_true(text_cpset_may(&s, starts[i]));
	assert_false(text_cpset_may(&s, 0x4E8E) && text_cpset_may(&s, 0x8FC7)); /* 于, 过 */
	text_cpset_add(&s, 0x4E8E);
	text_cpset_add(&s, 0x8FC7);
	assert_true(text_cpset_may(&s, 0x4E8E) && text_cpset_may(&s, 0x8FC7));
	for (int32_t c = 0x4E00; c < 0x4E00 + 1000; c++)
		no += !text_cpset_may(&s, c);
	assert_true(no > 900);
}

/* Threads converting at once, each through a converter of its own or in turn: every
 * text comes out as it does alone. */
static const char *const trad[] = {
	"洋縣2024年十大民生實事項目", "新增託位1.2萬個，培訓(xùn)育嬰員300人。",
	"完成鶯河幸福河湖工程建設(shè)。", "城中區(qū)圍繞教育惠民", "新增托位1.1万个",
};
static char *alone[NELEM(trad)];

struct conv_job {
	int from, bad;
};

static void *
conv_worker(void *arg)
{
	struct conv_job *j = arg;

	for (int i = 0; i < 400; i++) {
		size_t k = (size_t)(i + j->from) % NELEM(trad);
		char *s = text_simplify(trad[k]);
		j->bad += strcmp(s, alone[k]) != 0;
		free(s);
	}
	return NULL;
}

static void
test_simplify_threads(void **state)
{
	pthread_t t[6];
	struct conv_job j[6];
	(void)state;

	for (size_t k = 0; k < NELEM(trad); k++)
		alone[k] = text_simplify(trad[k]);
	assert_string_equal(alone[1], "新增托位1.2万个，培训(xùn)育婴员300人。");
	for (int i = 0; i < 6; i++) {
		j[i] = (struct conv_job){ i, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, conv_worker, &j[i]), 0);
	}
	for (int i = 0; i < 6; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(j[i].bad, 0);
	}
	for (size_t k = 0; k < NELEM(trad); k++)
		free(alone[k]);
}

/* text_simplify converts a text piece by piece between runs of ASCII, which is the whole
 * text's conversion only while no key of the t2s dictionaries has an ASCII character: the
 * dictionaries installed are read back (opencc_dict) and their keys checked.  Without the
 * tool the check is skipped. */
static void
test_simplify_pieces(void **state)
{
	static const char *const dicts[] = { "TSPhrases", "TSCharacters" };
	char line[4096];
	size_t keys = 0;
	(void)state;

	if (system("command -v opencc_dict >/dev/null 2>&1") != 0) {
		skip();
		return;
	}
	for (size_t d = 0; d < sizeof dicts / sizeof *dicts; d++) {
		char cmd[512];
		FILE *fp;
		snprintf(cmd, sizeof cmd,
		         "t=$(mktemp) && opencc_dict -i /usr/share/opencc/%s.ocd2 -o \"$t\" -f ocd2 -t text "
		         ">/dev/null 2>&1 && cat \"$t\"; rm -f \"$t\"",
		         dicts[d]);
		assert_non_null(fp = popen(cmd, "r"));
		while (fgets(line, sizeof line, fp)) {
			char *tab = strchr(line, '\t');
			assert_non_null(tab);
			for (const char *c = line; c < tab; c++)
				assert_true((unsigned char)*c >= 0x80);
			keys++;
		}
		pclose(fp);
	}
	assert_true(keys > 1000);
	/* A text's pieces: the same as converting it whole, around numbers and Latin. */
	{
		char *s = text_simplify("在龍亭鎮實施20個AED設備與3.5萬個託位");
		assert_string_equal(s, "在龙亭镇实施20个AED设备与3.5万个托位");
		free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_key_width),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_bad_line),
		cmocka_unit_test(test_bad_line_as_decoding),
		cmocka_unit_test(test_u8_next_as_utf8proc),
		cmocka_unit_test(test_simplify),
		cmocka_unit_test(test_simplify_threads),
		cmocka_unit_test(test_simplify_pieces),
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_cpset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
