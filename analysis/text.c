/* text: see text.h. */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

int
u8_next(const char *s, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t c;
	int n;

	if (p[0] < 0x80) {
		*cp = p[0];
		return p[0] ? 1 : 0;
	}
	/* Decoded here rather than through utf8proc_iterate: this runs for every character
	 * of every text, and the strict checks are the same (no overlong forms, no
	 * surrogates, nothing above U+10FFFF). */
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

int
text_utf8_bad_line(const char *s, size_t len)
{
	size_t i = 0;
	int line = 1;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		int k;
		if (c < 0x80) {
			line += c == '\n';
			i++;
			continue;
		}
		/* A sequence cut by the end of the buffer is bad too. */
		if (i + 4 > len) {
			char tail[5] = { 0 };
			memcpy(tail, s + i, len - i);
			k = u8_next(tail, &cp);
		} else
			k = u8_next(s + i, &cp);
		if (cp < 0)
			return line;
		i += (size_t)k;
	}
	return 0;
}

/* Convert GB18030 to UTF-8; NULL when the bytes are not GB18030. */
static char *
from_gb18030(const char *buf, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	struct sb out = SB_INIT;
	char *in = (char *)buf;
	size_t inleft = len;
	char tmp[4096];

	if (cd == (iconv_t)-1)
		return NULL;
	while (inleft > 0) {
		char *o = tmp;
		size_t oleft = sizeof tmp;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		sb_add(&out, tmp, sizeof tmp - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			iconv_close(cd);
			sb_release(&out);
			return NULL;
		}
	}
	iconv_close(cd);
	return sb_detach(&out);
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
		u = from_gb18030(buf, len);
		if (!u || has_controls(u, strlen(u))) {
			free(u);
			fail(cause, "%s:%d: invalid UTF-8 (and not GB18030 either)", name, bad);
			return NULL;
		}
		enc = "GB18030";
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
