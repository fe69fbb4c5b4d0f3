/* text: see text.h. */
#include "base/text.h"

#include <errno.h>
#include <iconv.h>
#include <opencc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/memo.h"
#include "base/par.h"
#include "base/util.h"

/* The length of the well-formed UTF-8 sequence that starts P (LEFT bytes left, P[0] ≥
 * 0x80), or 0: the byte ranges of Unicode's table 3-7, which are u8_next's rules (no
 * overlong forms, no surrogates, nothing above U+10FFFF) without decoding. */
static size_t
utf8_seq(const unsigned char *p, size_t left)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;

	if (c >= 0xC2 && c <= 0xDF)
		return left >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		return left >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		return left >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
		                       (p[3] & 0xC0) == 0x80
		               ? 4
		               : 0;
	}
	return 0;
}

int
text_utf8_bad_line(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int line = 1;

	while (i < len) {
		size_t k;
		if (p[i] < 0x80) {
			line += p[i] == '\n';
			i++;
			continue;
		}
		/* Most of a notice: three bytes led by E1..EC or EE..EF (all of CJK), whose
		 * second byte may be any continuation byte. */
		if (((p[i] >= 0xE1 && p[i] <= 0xEC) || p[i] >= 0xEE) && p[i] <= 0xEF && len - i > 2 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		/* A sequence cut by the end of the buffer is bad too. */
		if (!(k = utf8_seq(p + i, len - i)))
			return line;
		i += k;
	}
	return 0;
}

char *
text_iconv(const char *buf, size_t len, const char *charset, size_t *bad, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	struct sb out = SB_INIT;
	char *in = (char *)buf;
	size_t inleft = len;
	char tmp[4096];

	if (bad)
		*bad = 0;
	if (cd == (iconv_t)-1)
		return NULL;
	while (inleft > 0) {
		char *o = tmp;
		size_t oleft = sizeof tmp;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		sb_add(&out, tmp, sizeof tmp - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			if (!bad) {
				iconv_close(cd);
				sb_release(&out);
				return NULL;
			}
			/* A byte that is not valid here: U+FFFD, and go on after it. */
			sb_adds(&out, "\xEF\xBF\xBD");
			in++;
			inleft--;
			(*bad)++;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	if (outlen)
		*outlen = out.len;      /* the text may hold NULs */
	return sb_detach(&out);
}

/*
 * Characters frequent in notices, in both scripts: text decoded with the right one of
 * GB18030 and Big5 is full of them, text decoded with the wrong one (which iconv often
 * accepts: the two share their byte ranges) holds almost none.
 */
static const char common_chars[] =
	"的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
	"也能下过子产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小现实"
	"加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间"
	"样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情"
	"者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老基资边流路级"
	"少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色"
	"光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美"
	"再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张"
	"信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复"
	"容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构"
	"府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识"
	"适属圆包火住调满县局照参红细引听该铁价严龙飞镇街项目惠托床护改造旧区"
	"這個們為來時國會對於說動學發經現當過進還種與從業務電長門問開關實體機東們區縣設資單"
	"項辦計劃織裝總專員產點應達設統導將護療醫衛養兒萬億場處條張間戶號標準農歲環網寬鎮";

/* How much S reads as Chinese: its common characters, less the kana, Cyrillic, Greek and
 * box drawing that GB18030 makes of Big5 bytes (and Big5 of GB bytes). */
static long
common_hits(const char *s)
{
	long hits = 0;
	int32_t cp;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		if (cp >= 0x3400) {
			char ch[5] = { 0 };
			memcpy(ch, s, (size_t)k);
			hits += strstr(common_chars, ch) != NULL;
		}
		if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x0370 && cp <= 0x04FF) ||
		    (cp >= 0x2500 && cp <= 0x257F) || (cp >= 0xAC00 && cp <= 0xD7AF))
			hits -= 2;
		s += k;
	}
	return hits;
}

/* Does the UTF-8 text S hold a C1 control (U+0080–U+009F)?  A legacy decoder that gives
 * one took a stray byte for a character. */
static int
has_c1(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9F)
			return 1;
	return 0;
}

/* Text that is not UTF-8: GB18030 (GBK, GB2312) or Big5, whichever reads as Chinese. */
static char *
from_legacy(const char *buf, size_t len, const char **enc)
{
	char *gb = text_iconv(buf, len, "GB18030", NULL, NULL);
	char *b5 = text_iconv(buf, len, "CP950", NULL, NULL);

	if (!b5)
		b5 = text_iconv(buf, len, "BIG5-HKSCS", NULL, NULL);
	if (gb && has_c1(gb)) {
		free(gb);
		gb = NULL;
	}
	if (b5 && has_c1(b5)) {
		free(b5);
		b5 = NULL;
	}
	if (gb && b5 && common_hits(b5) > common_hits(gb)) {
		free(gb);
		gb = NULL;
	}
	if (gb) {
		free(b5);
		*enc = "GB18030";
		return gb;
	}
	*enc = "Big5";
	return b5;
}

/* Text must not hold control characters other than tab, LF, CR and form feed. */
static int
has_controls(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			return 1;
		if (c == 0x7f)
			return 1;
	}
	return 0;
}

char *
text_decode(const char *buf, size_t len, const char *name, const char **encoding,
            char **cause)
{
	const char *enc = "UTF-8";
	char *u = NULL;
	struct sb out = SB_INIT;
	int bad;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (len == 0) {
		fail(cause, "%s: empty file", name);
		return NULL;
	}
	if (memchr(buf, '\0', len)) {
		int line = 1;
		for (const char *p = buf; *p; p++)
			line += *p == '\n';
		fail(cause, "%s:%d: binary file (NUL byte)", name, line);
		return NULL;
	}
	if ((bad = text_utf8_bad_line(buf, len)) != 0) {
		u = from_legacy(buf, len, &enc);
		if (!u || has_controls(u, strlen(u))) {
			free(u);
			fail(cause, "%s:%d: invalid UTF-8 (and not GB18030 or Big5 either)", name, bad);
			return NULL;
		}
		buf = u;
		len = strlen(u);
	}
	if (has_controls(buf, len)) {
		int line = 1;
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)buf[i];
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
				break;
			line += c == '\n';
		}
		free(u);
		fail(cause, "%s:%d: binary file (control characters)", name, line);
		return NULL;
	}
	/* CRLF and lone CR become LF; form feeds (page breaks) become line ends too. */
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '\r') {
			if (i + 1 < len && buf[i + 1] == '\n')
				continue;
			c = '\n';
		} else if (c == '\f')
			c = '\n';
		sb_addc(&out, c);
	}
	free(u);
	if (encoding)
		*encoding = enc;
	return sb_detach(&out);
}

int
text_is_space(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
		return 1;
	if (cp < 0x80)
		return 0;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0xFEFF || cp == 0x200B;
}

int
text_is_ascii_alnum(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

int
text_is_han(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2EBEF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

char *
text_nfkc(const char *s)
{
	utf8proc_uint8_t *r = utf8proc_NFKC((const utf8proc_uint8_t *)s);
	char *out;

	if (!r)
		return xstrdup(s);
	out = xstrdup((char *)r);
	free(r);
	return out;
}

/* The NFKC of C when it is one of the characters notices are made of and NFKC is plain
 * arithmetic for them (ASCII, CJK ideographs and punctuation, full-width ASCII forms);
 * -1 for any other character, which goes through utf8proc. */
static int32_t
quick_nfkc(int32_t c)
{
	if (c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x303F))
		return c;
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFF01 + 0x21;
	return -1;
}

char *
text_key(const char *s)
{
	/* Most lines are only ASCII and CJK: their key needs no Unicode tables. */
	{
		struct sb sb = SB_INIT;
		const char *p = s;
		int32_t cp, q;
		int k, quick = 1;

		while (quick && (k = u8_next(p, &cp)) > 0) {
			if (cp < 0 || text_is_space(cp)) {
				quick = cp >= 0;
			} else if ((q = quick_nfkc(cp)) < 0) {
				quick = 0;
			} else if (q == cp) {
				sb_add(&sb, p, (size_t)k);
			} else if (q < 0x80) {
				if (!text_is_space(q))
					sb_addc(&sb, (char)q);
			}
			p += k;
		}
		if (quick)
			return sb_detach(&sb);
		sb_release(&sb);
	}
	char *n = text_nfkc(s);
	struct sb sb = SB_INIT;
	const char *p = n;
	int32_t cp;
	int k;

	while ((k = u8_next(p, &cp)) > 0) {
		if (!text_is_space(cp))
			sb_add(&sb, p, (size_t)k);
		p += k;
	}
	free(n);
	return sb_detach(&sb);
}

size_t
text_width(const char *s)
{
	size_t w = 0;
	int32_t cp;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		int cw = cp < 0 ? 1 : utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		s += k;
	}
	return w;
}

char *
text_clean(const char *s)
{
	struct sb sb = SB_INIT;
	int32_t cp, prev = 0;
	int k, pending = 0;

	while ((k = u8_next(s, &cp)) > 0) {
		if (text_is_space(cp)) {
			pending = 1;
			s += k;
			continue;
		}
		if (pending && sb.len > 0 && text_is_ascii_alnum(prev) && text_is_ascii_alnum(cp))
			sb_addc(&sb, ' ');
		pending = 0;
		sb_add(&sb, s, (size_t)k);
		prev = cp;
		s += k;
	}
	return sb_detach(&sb);
}

/*
 * Traditional to simplified through OpenCC (t2s), opened on first use: most notices are
 * simplified and never pay for it.  Extraction runs in threads, and a conversion is slow
 * (a notice mirrored in traditional script spends most of its extraction here): a
 * converter for each thread that needs one at once, each behind its own lock, taken by
 * the first thread that finds it free.
 */
static struct converter {
	pthread_mutex_t lock;
	opencc_t cc;
	int tried;
} converters[PAR_MAX];
static pthread_once_t converters_once = PTHREAD_ONCE_INIT;

static void
converters_init(void)
{
	for (size_t i = 0; i < PAR_MAX; i++) {
		pthread_mutex_init(&converters[i].lock, NULL);
		converters[i].cc = (opencc_t)-1;
	}
}

static char *
cc_convert(const char *s, size_t n)
{
	struct converter *cv = NULL;
	char *r = NULL, *out;

	pthread_once(&converters_once, converters_init);
	/* A free converter, else the first one's turn (more threads than converters). */
	for (size_t i = 0; i < PAR_MAX && !cv; i++)
		if (pthread_mutex_trylock(&converters[i].lock) == 0)
			cv = &converters[i];
	if (!cv) {
		cv = &converters[0];
		pthread_mutex_lock(&cv->lock);
	}
	if (!cv->tried) {
		cv->tried = 1;
		cv->cc = opencc_open("t2s.json");
	}
	if (cv->cc != (opencc_t)-1)
		r = opencc_convert_utf8(cv->cc, s, n);
	pthread_mutex_unlock(&cv->lock);
	if (!r)
		return NULL;
	out = xstrdup(r);
	opencc_convert_utf8_free(r);
	return out;
}

/* Whether S is UTF-8 throughout. */
static int
valid_utf8(const char *s)
{
	int32_t cp;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		if (cp < 0)
			return 0;
		s += k;
	}
	return 1;
}

void
text_cpset_add_firsts(struct text_cpset *s, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int32_t c;
		u8_next(words[k], &c);
		text_cpset_add(s, c);
	}
}

size_t
text_cps(const char *s)
{
	size_t n = 0;
	int32_t cp;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		s += k;
		n++;
	}
	return n;
}

/* Characters of traditional script common in notices: text without any of them is taken
 * as simplified and not converted (most of it is). */
static const char trad_marks[] =
	"個們為來時國會對說動學發經現當過進還種與從業務電長門問開關實體機東區縣設資單項辦計劃"
	"織裝總專員產點應達統導將護療醫衛養兒萬億場處條張間戶號標準農歲環網寬鎮號稱級備齊務築";

/* The code points of trad_marks as bits, made once. */
static pthread_once_t trad_once = PTHREAD_ONCE_INIT;
static uint8_t trad_bits[0x10000 / 8];

static void
trad_init(void)
{
	const char *s = trad_marks;
	int32_t cp;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		if (cp > 0 && cp < 0x10000)
			trad_bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		s += k;
	}
}

static int
is_traditional(int32_t cp)
{
	return cp >= 0x4E00 && cp < 0x10000 && (trad_bits[cp >> 3] & (1u << (cp & 7)));
}

int
text_maybe_traditional(const char *s)
{
	int32_t cp;
	int k;

	pthread_once(&trad_once, trad_init);
	while ((k = u8_next(s, &cp)) > 0) {
		if (is_traditional(cp))
			return 1;
		s += k;
	}
	return 0;
}

int
text_cps_maybe_traditional(const int32_t *cp, size_t n)
{
	pthread_once(&trad_once, trad_init);
	for (size_t i = 0; i < n; i++)
		if (is_traditional(cp[i]))
			return 1;
	return 0;
}

static char *simplify(const char *s);

/* Conversions asked before, by their text (pure: the converter's tables are fixed). */
static struct memo simplified = MEMO_INIT;

/*
 * Piece by piece between runs of ASCII: no key of OpenCC's t2s dictionaries has an ASCII
 * character (test_text checks the dictionaries installed), so no phrase spans one and the
 * pieces convert as the whole text would.  A piece comes back where a text does not (a
 * district's wording with its own numbers, an item's name), and OpenCC's trie walks cost
 * tens of microseconds a text: each piece's answer is kept.
 */
char *
text_simplify(const char *s)
{
	struct sb out = SB_INIT;

	if (!text_maybe_traditional(s))
		return xstrdup(s);
	while (*s) {
		size_t n = 0;
		int ascii = (unsigned char)*s < 0x80;
		char *piece, *r;
		while (s[n] && ((unsigned char)s[n] < 0x80) == ascii)
			n++;
		if (ascii) {
			sb_add(&out, s, n);
			s += n;
			continue;
		}
		/* Every piece goes to OpenCC (text_maybe_traditional is a hint for the whole
		 * text, not a promise for a piece); a piece of its own only when it is new. */
		if (!(r = memo_get(&simplified, s, n))) {
			piece = xstrndup(s, n);
			r = simplify(piece);
			memo_put(&simplified, piece, n, r);
			free(piece);
		}
		sb_adds(&out, r);
		free(r);
		s += n;
	}
	return sb_detach(&out);
}

/* S (maybe traditional) in simplified characters, as many code points. */
static char *
simplify(const char *s)
{
	char *r;
	struct sb sb = SB_INIT;
	int32_t cp;
	int k;

	/* OpenCC reads a multibyte character's length from its first byte, past the end of
	 * the text when it is cut: it only ever sees valid UTF-8. */
	r = valid_utf8(s) ? cc_convert(s, strlen(s)) : NULL;
	if (r && text_cps(r) == text_cps(s))
		return r;
	/* A phrase rule changed the length (or some bytes are no UTF-8): convert character by
	 * character instead, so that offsets into S stay offsets into the result. */
	free(r);
	while ((k = u8_next(s, &cp)) > 0) {
		char *c = cp < 0 ? NULL : cc_convert(s, (size_t)k);
		if (c && text_cps(c) == 1)
			sb_adds(&sb, c);
		else
			sb_add(&sb, s, (size_t)k);
		free(c);
		s += k;
	}
	return sb_detach(&sb);
}

int32_t
text_fold_cp(int32_t c)
{
	if (c >= 0xFF21 && c <= 0xFF3A)
		return c - 0xFF21 + 'a';
	if (c >= 0xFF41 && c <= 0xFF5A)
		return c - 0xFF41 + 'a';
	if (c >= 'A' && c <= 'Z')
		return c + 'a' - 'A';
	return c;
}

char *
text_fold(const char *s)
{
	char *k = text_key(s);

	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

/* The code points of S, case folded; *N of them, malloc'd. */
static int32_t *
cps_of(const char *s, size_t *n)
{
	int32_t *v = xcalloc(strlen(s) + 1, sizeof *v), cp;
	int k;

	*n = 0;
	while ((k = u8_next(s, &cp)) > 0) {
		v[(*n)++] = text_fold_cp(cp);
		s += k;
	}
	return v;
}

/* Edit distance of A and B, a swap of two neighbours counting as one edit (grpe → grep):
 * the optimal string alignment distance. */
static size_t
edit_distance(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
	size_t w = nb + 1, *d = xcalloc((na + 1) * w, sizeof *d), r;

	for (size_t i = 0; i <= na; i++)
		d[i * w] = i;
	for (size_t j = 0; j <= nb; j++)
		d[j] = j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			size_t best = d[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1]);
			if (d[(i - 1) * w + j] + 1 < best)
				best = d[(i - 1) * w + j] + 1;
			if (d[i * w + j - 1] + 1 < best)
				best = d[i * w + j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[(i - 2) * w + j - 2] + 1 < best)
				best = d[(i - 2) * w + j - 2] + 1;
			d[i * w + j] = best;
		}
	r = d[na * w + nb];
	free(d);
	return r;
}

int
text_nearest(const char *word, const char *const *cands, size_t n)
{
	size_t nw, best = (size_t)-1, limit;
	int32_t *w = cps_of(word, &nw);
	int at = -1;

	limit = nw / 3 > 1 ? nw / 3 : 1;
	for (size_t i = 0; i < n; i++) {
		size_t nc, d;
		int32_t *c = cps_of(cands[i], &nc);
		d = edit_distance(w, nw, c, nc);
		free(c);
		if (d <= limit && d < best) {
			best = d;
			at = (int)i;
		}
	}
	free(w);
	return at;
}
