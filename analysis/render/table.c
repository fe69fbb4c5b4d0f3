/* table: see table.h. */
#include "render/table.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvio.h"
#include "base/text.h"
#include "base/util.h"

int
table_format_parse(const char *s, enum table_format *f)
{
	if (strcmp(s, "table") == 0)
		*f = FMT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*f = FMT_CSV;
	else if (strcmp(s, "json") == 0)
		*f = FMT_JSON;
	else
		return -1;
	return 0;
}

void
json_string(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (c < 0x20)
				fprintf(fp, "\\u%04x", c);
			else
				putc(c, fp);
		}
	}
	putc('"', fp);
}

/* A cell for the terminal: line breaks shown as spaces, cut to MAXW columns with "…". */
static char *
display_cell(const char *s, size_t maxw)
{
	struct sb sb = SB_INIT;
	size_t w = 0;
	int32_t cp;
	int k;

	while ((k = u8_next(s, &cp)) > 0) {
		size_t cw;
		char ch[5] = { 0 };
		memcpy(ch, s, (size_t)k);
		if (cp == '\n' || cp == '\r' || cp == '\t') {
			ch[0] = ' ';
			ch[1] = '\0';
		}
		cw = text_width(ch);
		if (maxw && w + cw > maxw - 1 && s[k] != '\0') {
			sb_adds(&sb, "…");
			break;
		}
		sb_adds(&sb, ch);
		w += cw;
		s += k;
	}
	return sb_detach(&sb);
}

/* The order columns are shown in on a terminal: as in the table, except that an `item`
 * column added after the contract's columns (growth) is shown beside `metric`, so that a
 * row reads alone. */
static void
display_order(const struct rows *t, size_t *ord)
{
	size_t m = t->ncols, it = t->ncols, o = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		if (strcmp(t->cols[c].name, "metric") == 0)
			m = c;
		if (strcmp(t->cols[c].name, "item") == 0)
			it = c;
	}
	if (m == t->ncols || it != t->ncols - 1 || it < m)
		it = t->ncols; /* nothing to move */
	for (size_t c = 0; c < t->ncols; c++) {
		if (c == it)
			continue;
		ord[o++] = c;
		if (c == m && it < t->ncols)
			ord[o++] = it;
	}
}

static void
write_table(const struct rows *t, FILE *fp, size_t maxw, enum lang l)
{
	size_t *w = xcalloc(t->ncols, sizeof *w), *ord = xcalloc(t->ncols + 1, sizeof *ord);
	char **disp = xcalloc(t->nrows * t->ncols + 1, sizeof *disp);
	char **head = xcalloc(t->ncols + 1, sizeof *head);

	for (size_t c = 0; c < t->ncols; c++) {
		head[c] = lang_heading(l, t, c);
		w[c] = text_width(head[c]);
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		size_t dw;
		char *v = lang_cell(l, &t->cols[i % t->ncols], t->cells[i]);
		disp[i] = display_cell(v, maxw);
		free(v);
		dw = text_width(disp[i]);
		if (dw > w[i % t->ncols])
			w[i % t->ncols] = dw;
	}
	display_order(t, ord);
	for (size_t r = 0; r <= t->nrows; r++) {
		struct sb line = SB_INIT;
		for (size_t o = 0; o < t->ncols; o++) {
			size_t c = ord[o];
			const char *s = r == 0 ? head[c] : disp[(r - 1) * t->ncols + c];
			sb_adds(&line, s);
			if (o + 1 < t->ncols)
				for (size_t k = text_width(s); k < w[c] + 2; k++)
					sb_addc(&line, ' ');
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		fputs(line.buf ? line.buf : "", fp);
		putc('\n', fp);
		sb_release(&line);
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(disp[i]);
	for (size_t c = 0; c < t->ncols; c++)
		free(head[c]);
	free(head);
	free(disp);
	free(w);
	free(ord);
}

/* Is S a number written the one way Excel writes it back (12, -3, 2025.5), so that reading
 * it as a number changes nothing? */
static int
plain_number(const char *s)
{
	const char *p = s + (*s == '-'), *dot;
	size_t ndig = strspn(p, "0123456789");

	if (ndig == 0 || ndig > 15 || (p[0] == '0' && ndig > 1))
		return 0;
	if (p[ndig] == '\0')
		return 1;
	dot = p + ndig;
	if (*dot != '.' || strspn(dot + 1, "0123456789") != strlen(dot + 1) || !dot[1])
		return 0;
	return dot[strlen(dot) - 1] != '0';
}

/* Would Excel read S as something else than the text it is?  2025.10 would become 2025.1,
 * 01 would become 1, 2025-03-19 a date, 5% a fraction, =… a formula. */
static int
excel_would_convert(const char *s)
{
	size_t digits = 0;

	if (!*s || plain_number(s))
		return 0;
	if (strchr("=+@", *s) || (*s == '-' && !isdigit((unsigned char)s[1])))
		return 1;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(".,/:-% ", *p))
			return 0;
	}
	return digits > 0;
}

/* A cell of --excel CSV: for people, and kept as text where Excel would change it. */
static void
excel_field(struct csv_out *o, const struct col *c, const char *s, enum lang l)
{
	char *v = lang_cell(l, c, s);

	if (c->type == COL_TEXT && excel_would_convert(v)) {
		/* ="…" is text to Excel and WPS; a formula (=, +, -, @ first) never runs. */
		struct sb q = SB_INIT;
		sb_adds(&q, "=\"");
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				sb_addc(&q, '"'); /* doubled inside the formula's string */
			sb_addc(&q, *p);
		}
		sb_adds(&q, "\"");
		csvout_field(o, q.buf);
		sb_release(&q);
	} else
		csvout_field(o, v);
	free(v);
}

static void
write_csv(const struct rows *t, FILE *fp, int excel, enum lang l)
{
	struct csv_out o;

	csvout_begin(&o, fp, excel);
	for (size_t c = 0; c < t->ncols; c++) {
		char *h = excel ? lang_heading(l, t, c) : xstrdup(t->cols[c].name);
		csvout_field(&o, h);
		free(h);
	}
	csvout_end_row(&o);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (excel)
				excel_field(&o, &t->cols[c], t->cells[r * t->ncols + c], l);
			else
				csvout_field(&o, t->cells[r * t->ncols + c]);
		}
		csvout_end_row(&o);
	}
}

static void
write_json(const struct rows *t, FILE *fp)
{
	fputs("[", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs(r ? ",\n  {" : "\n  {", fp);
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fputs(", ", fp);
			json_string(fp, t->cols[c].name);
			fputs(": ", fp);
			json_string(fp, t->cells[r * t->ncols + c]);
		}
		fputs("}", fp);
	}
	fputs(t->nrows ? "\n]\n" : "]\n", fp);
}

void
table_write(const struct rows *t, const struct table_opts *opts, FILE *fp)
{
	enum table_format fmt = opts->format;

	if (fmt == FMT_AUTO)
		fmt = isatty(fileno(fp)) ? FMT_TABLE : FMT_CSV;
	if (fmt == FMT_TABLE)
		write_table(t, fp, opts->maxw, opts->lang);
	else if (fmt == FMT_CSV)
		write_csv(t, fp, opts->excel, opts->lang);
	else
		write_json(t, fp);
}
