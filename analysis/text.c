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
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	if (*s == '\0') {
		*cp = 0;
		return 0;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
	if (n < 1) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return (int)n;
}

int
text_utf8_bad_line(const char *s, size_t len)
{
	size_t i = 0;
	int line = 1;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	while (i < len) {
		if (s[i] == '\n') {
			line++;
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
		if (n < 1)
			return line;
		i += (size_t)n;
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

char *
text_key(const char *s)
{
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
