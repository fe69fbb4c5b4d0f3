/* table: see table.h. */
#include "render/table.h"

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
write_table(const struct rows *t, FILE *fp, size_t maxw)
{
	size_t *w = xcalloc(t->ncols, sizeof *w), *ord = xcalloc(t->ncols + 1, sizeof *ord);
	char **disp = xcalloc(t->nrows * t->ncols + 1, sizeof *disp);

	for (size_t c = 0; c < t->ncols; c++)
		w[c] = text_width(t->cols[c].name);
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		size_t dw;
		disp[i] = display_cell(t->cells[i], maxw);
		dw = text_width(disp[i]);
		if (dw > w[i % t->ncols])
			w[i % t->ncols] = dw;
	}
	display_order(t, ord);
	for (size_t r = 0; r <= t->nrows; r++) {
		struct sb line = SB_INIT;
		for (size_t o = 0; o < t->ncols; o++) {
			size_t c = ord[o];
			const char *s = r == 0 ? t->cols[c].name : disp[(r - 1) * t->ncols + c];
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
	free(disp);
	free(w);
	free(ord);
}

void
table_write(const struct rows *t, enum table_format fmt, FILE *fp, int excel, size_t maxw)
{
	if (fmt == FMT_AUTO)
		fmt = isatty(fileno(fp)) ? FMT_TABLE : FMT_CSV;
	if (fmt == FMT_TABLE) {
		write_table(t, fp, maxw);
	} else if (fmt == FMT_CSV) {
		struct csv_out o;
		csvout_begin(&o, fp, excel);
		for (size_t c = 0; c < t->ncols; c++)
			csvout_field(&o, t->cols[c].name);
		csvout_end_row(&o);
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++)
				csvout_field(&o, t->cells[r * t->ncols + c]);
			csvout_end_row(&o);
		}
	} else {
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
}
