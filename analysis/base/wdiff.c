/* wdiff: see wdiff.h. */
#include "base/wdiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"

/* Units and multipliers that stay with the number before them. */
static const char *const glue[] = {
	"万平方米", "平方米", "平方公里", "公里", "千米", "人次", "场次", "万", "亿", "个", "名",
	"人", "户", "所", "家", "处", "座", "台", "部", "条", "期", "场", "项", "套", "间", "张",
	"口", "盏", "架", "栋", "亩", "㎡", "%", "％", "km",
};

struct tok {
	const char *s;
	size_t n;
};

static size_t
tokenize(const char *s, struct tok **out)
{
	struct tok *v = NULL;
	size_t n = 0, cap = 0;
	int32_t c;
	int k;

	while ((k = u8_next(s, &c)) > 0) {
		const char *start = s;
		if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) {
			/* digits, a decimal point, then multipliers and a unit */
			while ((k = u8_next(s, &c)) > 0 &&
			       ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == '.'))
				s += k;
			for (int more = 1; more;) {
				more = 0;
				for (size_t g = 0; g < NELEM(glue); g++)
					if (strncmp(s, glue[g], strlen(glue[g])) == 0) {
						s += strlen(glue[g]);
						more = strcmp(glue[g], "万") == 0 || strcmp(glue[g], "亿") == 0;
						break;
					}
			}
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			while ((k = u8_next(s, &c)) > 0 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
				s += k;
		} else
			s += k;
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n].s = start;
		v[n].n = (size_t)(s - start);
		n++;
	}
	*out = v;
	return n;
}

static int
tok_eq(const struct tok *a, const struct tok *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

char *
wdiff(const char *a, const char *b, int color)
{
	struct tok *ta, *tb;
	size_t na = tokenize(a, &ta), nb = tokenize(b, &tb);
	unsigned *L;
	struct sb out = SB_INIT, del = SB_INIT, ins = SB_INIT;
	size_t i = 0, j = 0;

	if ((double)(na + 1) * (double)(nb + 1) > 2e7) {
		/* Too long to align token by token: one change, whole. */
		free(ta);
		free(tb);
		sb_addf(&out, color ? "\033[31m%s\033[m\033[32m%s\033[m" : "[-%s-]{+%s+}", a, b);
		return sb_detach(&out);
	}
	L = xcalloc((na + 1) * (nb + 1), sizeof *L);

	/* Longest common subsequence, filled from the end. */
	for (size_t x = na; x-- > 0;)
		for (size_t y = nb; y-- > 0;)
			L[x * (nb + 1) + y] = tok_eq(&ta[x], &tb[y])
			                          ? L[(x + 1) * (nb + 1) + y + 1] + 1
			                          : (L[(x + 1) * (nb + 1) + y] > L[x * (nb + 1) + y + 1]
			                                 ? L[(x + 1) * (nb + 1) + y]
			                                 : L[x * (nb + 1) + y + 1]);
	for (;;) {
		int same = i < na && j < nb && tok_eq(&ta[i], &tb[j]);
		if (same || (i == na && j == nb)) {
			/* Flush a change: what went, then what came. */
			if (del.len)
				sb_addf(&out, color ? "\033[31m%s\033[m" : "[-%s-]", del.buf);
			if (ins.len)
				sb_addf(&out, color ? "\033[32m%s\033[m" : "{+%s+}", ins.buf);
			sb_reset(&del);
			sb_reset(&ins);
			if (!same)
				break;
			sb_add(&out, ta[i].s, ta[i].n);
			i++;
			j++;
		} else if (j == nb || (i < na && L[(i + 1) * (nb + 1) + j] >= L[i * (nb + 1) + j + 1])) {
			sb_add(&del, ta[i].s, ta[i].n);
			i++;
		} else {
			sb_add(&ins, tb[j].s, tb[j].n);
			j++;
		}
	}
	sb_release(&del);
	sb_release(&ins);
	free(L);
	free(ta);
	free(tb);
	return sb_detach(&out);
}
