/*
 * text: decoding notices (UTF-8, UTF-8 with BOM, GB18030, Big5; CRLF) and the Unicode helpers
 * the parsers share (NFKC keys, display width, stray-space removal).
 *
 * Every function returning char * returns a malloc'd string the caller frees.
 */
#ifndef YOY_TEXT_H
#define YOY_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode BUF (LEN bytes) read from NAME into UTF-8 with LF line ends.  A UTF-8 BOM is
 * dropped; text that is not valid UTF-8 is tried as GB18030 (GBK, GB2312) and as Big5
 * (through iconv), and read as the one that gives common Chinese characters.  Fails on
 * empty input, NUL bytes and text that is none of them, with "NAME:LINE: what" in *cause.
 * *encoding (if non-NULL) is set to "UTF-8", "GB18030" or "Big5".
 */
char *text_decode(const char *buf, size_t len, const char *name, const char **encoding,
                  char **cause);

/*
 * Convert LEN bytes of BUF from CHARSET (an iconv name) to UTF-8; NULL when iconv does
 * not know CHARSET.  With BAD NULL, bytes not valid in CHARSET fail the conversion (NULL);
 * else each becomes U+FFFD and is counted in *BAD.  *OUTLEN (if non-NULL) is the result's
 * length: it may hold NULs.
 */
char *text_iconv(const char *buf, size_t len, const char *charset, size_t *bad,
                 size_t *outlen);

/* Check that S is valid UTF-8; returns 0, or the 1-based line of the first bad byte. */
int text_utf8_bad_line(const char *s, size_t len);

/* Decode one code point at S (which must be NUL-terminated); returns its byte length (>= 1)
 * and stores the code point, or -1 for a bad byte in *cp; 0 at the terminating NUL. */
static inline int
u8_next(const char *s, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t c;
	int n;

	if (p[0] < 0x80) {
		*cp = p[0];
		return p[0] ? 1 : 0;
	}
	/* Three bytes led by E1..EC or EE..EF (all of CJK) are never overlong nor a
	 * surrogate: only their continuation bytes need a look. */
	if (p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80) {
		*cp = (int32_t)(p[0] & 0x0F) << 12 | (int32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		return 3;
	}
	/* Decoded here rather than through utf8proc_iterate, and in line (a header's
	 * function): this runs for every character of every text.  The strict checks are
	 * the same (no overlong forms, no surrogates, nothing above U+10FFFF). */
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		c = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		c = p[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (n == 4 && (c < 0x10000 || c > 0x10FFFF))) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return n;
}

/*
 * A set of code points, as the first characters of a word list: a bit per code point in 256
 * (hashed), so that "no word of the list starts here" is one test at each position of a
 * text.  A yes may be wrong (the words are then compared), a no never is.
 */
struct text_cpset {
	uint64_t bit[4];
};
/* Add the first code point of each of the N words. */
void text_cpset_add_firsts(struct text_cpset *s, const char *const *words, size_t n);

static inline unsigned
text_cpset_slot_(int32_t c)
{
	return (unsigned)(((uint32_t)c * 2654435761u) >> 24);
}

/* Add the code point C. */
static inline void
text_cpset_add(struct text_cpset *s, int32_t c)
{
	unsigned h = text_cpset_slot_(c);
	s->bit[h >> 6] |= (uint64_t)1 << (h & 63);
}

static inline int
text_cpset_may(const struct text_cpset *s, int32_t c)
{
	unsigned h = text_cpset_slot_(c);
	return s->bit[h >> 6] >> (h & 63) & 1;
}

int text_is_space(int32_t cp);
int text_is_ascii_alnum(int32_t cp);
int text_is_han(int32_t cp);

/* NFKC of S (full-width digits and letters become ASCII).  On failure returns a copy. */
char *text_nfkc(const char *s);
/* NFKC of S with every whitespace character removed: the key used to compare lines. */
char *text_key(const char *s);
/* S as text is searched: its key (above) with ASCII letters in lower case, so that aed
 * finds AED and ＡＥＤ.  Malloc'd.  text_fold_cp folds one character the same way (Latin
 * letters, full-width ones too, in lower case). */
char *text_fold(const char *s);
int32_t text_fold_cp(int32_t c);
/* Terminal display width of S (CJK characters count 2). */
size_t text_width(const char *s);

/*
 * Remove the whitespace that PDF conversion leaves inside words and around numbers:
 * every whitespace run is dropped, except between two ASCII letters or digits, where it
 * becomes one space.  Leading and trailing whitespace is dropped.
 */
char *text_clean(const char *s);

/*
 * Traditional characters to simplified (OpenCC t2s), for parsing and matching only: the
 * stored text keeps the printed characters.  The result has as many code points as S, so
 * an offset counted in characters means the same in both.  Text with no common
 * traditional character is returned as a copy without calling OpenCC.
 */
char *text_simplify(const char *s);
/* The number of code points of S. */
size_t text_cps(const char *s);

/* The candidate nearest to WORD by edit distance over characters (case folded), for a
 * "did you mean": its index, or -1 when none is near enough (more than a third of the
 * word's characters, at least one, would have to change). */
int text_nearest(const char *word, const char *const *cands, size_t n);
/* Does S hold one of the common traditional-only characters?  The same asked of N code
 * points already decoded. */
int text_maybe_traditional(const char *s);
int text_cps_maybe_traditional(const int32_t *cp, size_t n);

#endif
