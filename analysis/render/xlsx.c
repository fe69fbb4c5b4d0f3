/* xlsx: see xlsx.h. */
#include "render/xlsx.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/text.h"
#include "base/util.h"

/* Excel's limits: a sheet name's length, a cell's text (UTF-16 units) and a sheet's rows. */
#define NAME_MAX_UNITS 31
#define CELL_MAX_UNITS 32767
#define SHEET_MAX_ROWS 1048576u
/* The widest a column is made, in character widths; longer text wraps inside it. */
#define WIDTH_CAP 60
/* Decimals a number format shows at most (target values are printed with up to 6). */
#define MAX_DECIMALS 6

/* ---- names ---- */

/* S cut to at most MAX UTF-16 units, between characters (malloc'd). */
static char *
cut_units(const char *s, size_t max)
{
	size_t units = 0, len = 0;
	int32_t cp;
	int k;

	while ((k = u8_next(s + len, &cp)) > 0) {
		size_t u = cp > 0xFFFF ? 2 : 1;
		if (units + u > max)
			break;
		units += u;
		len += (size_t)k;
	}
	return xstrndup(s, len);
}

/* Is S at most MAX UTF-16 units long? */
static int
fits(const char *s, size_t max)
{
	char *cut = cut_units(s, max);
	int all = strcmp(cut, s) == 0;

	free(cut);
	return all;
}

/* Is NAME one of TAKEN, or Excel's own History, compared without ASCII case? */
static int
name_taken(const char *name, const char *const *taken, size_t n)
{
	if (strcasecmp(name, "History") == 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (taken[i] && strcasecmp(name, taken[i]) == 0)
			return 1;
	return 0;
}

/* WANT with the characters a sheet name may not hold replaced, never empty. */
static char *
name_clean(const char *want)
{
	char *s = xstrdup(want && *want ? want : "Sheet");
	size_t len = strlen(s);

	for (char *p = s; *p; p++)
		if (strchr("[]:*?/\\", *p) || (unsigned char)*p < 0x20)
			*p = '_';
	if (s[0] == '\'')
		s[0] = '_';
	if (s[len - 1] == '\'')
		s[len - 1] = '_';
	return s;
}

char *
xlsx_sheet_name(const char *want, const char *const *taken, size_t n)
{
	char *clean = name_clean(want), *name = cut_units(clean, NAME_MAX_UNITS);

	for (int k = 2; name_taken(name, taken, n); k++) {
		char suffix[16], *base;
		snprintf(suffix, sizeof suffix, " (%d)", k);
		base = cut_units(clean, NAME_MAX_UNITS - strlen(suffix));
		free(name);
		name = xasprintf("%s%s", base, suffix);
		free(base);
	}
	free(clean);
	return name;
}

char *
xlsx_pair_name(const char *word, const char *a, const char *b)
{
	char *name = xasprintf("%s %s→%s", word, a, b);
	size_t common = 0, cut = 0;

	if (fits(name, NAME_MAX_UNITS))
		return name;
	/* The shared part of the ids, up to its last '-': the jurisdiction's slug. */
	while (a[common] && a[common] == b[common])
		if (a[common++] == '-')
			cut = common;
	if (cut == 0 || b[cut] == '\0')
		return name;
	free(name);
	return xasprintf("%s %s→%s", word, a, b + cut);
}

/* ---- cells ---- */

/* The formats a workbook's cells take. */
struct fmts {
	lxw_format *title, *heading, *head, *text, *wrap, *para, *link, *integer, *pct, *share;
	lxw_format *num[MAX_DECIMALS + 1];
};

static lxw_format *
fmt_new(lxw_workbook *wb, const char *numfmt, int bold, int wrap)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (numfmt)
		format_set_num_format(f, numfmt);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static void
fmts_make(lxw_workbook *wb, struct fmts *f)
{
	f->title = fmt_new(wb, NULL, 1, 0);
	format_set_font_size(f->title, 14);
	f->heading = fmt_new(wb, NULL, 1, 0);
	f->head = fmt_new(wb, NULL, 1, 1);
	format_set_bg_color(f->head, 0xE7EEF7);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	f->text = fmt_new(wb, "@", 0, 0);
	f->wrap = fmt_new(wb, "@", 0, 1);
	f->para = fmt_new(wb, NULL, 0, 1);
	f->link = fmt_new(wb, NULL, 0, 0);
	format_set_font_color(f->link, LXW_COLOR_BLUE);
	format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
	/* Years, line numbers, counts: no thousands separator (2025, not 2,025). */
	f->integer = fmt_new(wb, "0", 0, 0);
	/* A change carries its sign; a share is a part, never negative. */
	f->pct = fmt_new(wb, "+0.0%;-0.0%;0.0%", 0, 0);
	f->share = fmt_new(wb, "0.00%", 0, 0);
	for (int d = 0; d <= MAX_DECIMALS; d++) {
		char code[32] = "#,##0";
		if (d)
			snprintf(code, sizeof code, "#,##0.%.*s", d, "000000");
		f->num[d] = fmt_new(wb, code, 0, 0);
	}
}

/* Is TEXT a number as yoy prints one (-12, 3.5)?  *DECIMALS: the digits after its point. */
static int
number_text(const char *text, int *decimals)
{
	const char *p = text + (*text == '-');
	size_t whole = strspn(p, "0123456789"), frac = 0;

	if (whole == 0)
		return 0;
	p += whole;
	if (*p == '.') {
		frac = strspn(p + 1, "0123456789");
		if (frac == 0)
			return 0;
		p += 1 + frac;
	}
	*decimals = frac > MAX_DECIMALS ? MAX_DECIMALS : (int)frac;
	return *p == '\0';
}

/* The number a cell holds, with its format; 0 when it holds none (a string). */
static int
cell_number(const struct col *c, const char *text, const struct fmts *f, double *v,
            lxw_format **fmt)
{
	int dec;

	if (c->type == COL_TEXT && c->show != SHOW_PCT && c->show != SHOW_SHARE)
		return 0;
	if (!number_text(text, &dec))
		return 0;
	if (c->show == SHOW_PCT) {
		/* 600 (percent) is 6: the decimal point moved in the text, not by a division,
		 * so that -66.67 becomes the double nearest to -0.6667. */
		char *t = xasprintf("%se-2", text);
		*v = strtod(t, NULL);
		free(t);
		*fmt = f->pct;
		return 1;
	}
	*v = strtod(text, NULL);
	*fmt = c->show == SHOW_SHARE ? f->share : c->type == COL_INT ? f->integer : f->num[dec];
	return 1;
}

/* TEXT with each _xHHHH_ in it written _x005F_xHHHH_: a reader takes _xHHHH_ for the
 * character HHHH (libxlsxwriter writes control characters so), and _x005F_ for '_'. */
static char *
escape_hex_escapes(const char *text)
{
	struct sb o = SB_INIT;
	const char *p;

	while ((p = strstr(text, "_x"))) {
		int esc = strspn(p + 2, "0123456789abcdefABCDEF") >= 4 && p[6] == '_';
		sb_add(&o, text, (size_t)(p - text));
		sb_adds(&o, esc ? "_x005F_x" : "_x");
		text = p + 2;
	}
	sb_adds(&o, text);
	return sb_detach(&o);
}

/* Write cell TEXT of column C: a number, or a string (its words in L), never a formula. */
static lxw_error
put_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t k, enum lang l, const struct col *c,
         const char *text, const struct fmts *f, int wrap)
{
	lxw_format *fmt;
	lxw_error e;
	double v;
	char *words, *fit;

	if (!*text)
		return LXW_NO_ERROR;
	if (cell_number(c, text, f, &v, &fmt))
		return worksheet_write_number(ws, r, k, v, fmt);
	words = lang_cell(l, c, text);
	fit = cut_units(words, CELL_MAX_UNITS);
	free(words);
	words = escape_hex_escapes(fit);
	e = worksheet_write_string(ws, r, k, words, wrap ? f->wrap : f->text);
	free(fit);
	free(words);
	return e;
}

/* ---- widths ---- */

/* The width of a line of text in a column's units (the width of a digit): a CJK character
 * is a little more than two (about 2.15 in Excel's and LibreOffice's fonts). */
static size_t
line_units(const char *line, size_t n)
{
	char *s = xstrndup(line, n);
	size_t w = text_width(s);

	free(s);
	return (w * 11 + 9) / 10;
}

/* The width TEXT takes: its widest line. */
static size_t
lines_width(const char *text)
{
	size_t w = 0;

	while (*text) {
		size_t n = strcspn(text, "\n"), lw = line_units(text, n);
		if (lw > w)
			w = lw;
		text += n + (text[n] == '\n');
	}
	return w;
}

/* The width of cell TEXT of column C as shown: numbers with their separators and sign. */
static size_t
cell_width(enum lang l, const struct col *c, const char *text)
{
	int dec;
	size_t w;
	char *shown;

	if (c->type != COL_TEXT && number_text(text, &dec)) {
		size_t whole = strcspn(text, ".") - (*text == '-');
		/* A percentage shows its sign, a decimal and %; others their separators. */
		if (c->show == SHOW_PCT || c->show == SHOW_SHARE)
			return strlen(text) + 4;
		return strlen(text) + (whole - 1) / 3;
	}
	shown = lang_cell(l, c, text);
	w = lines_width(shown);
	free(shown);
	return w;
}

/* The widths of R's columns (at most WIDTH_CAP; WRAP[k] set where text is cut to it),
 * from its headings in L and its cells; W and WRAP hold at least R's columns. */
static void
rows_widths(enum lang l, const struct rows *r, size_t *w, int *wrap)
{
	for (size_t k = 0; k < r->ncols; k++) {
		char *h = lang_heading(l, r, k);
		size_t max = lines_width(h) + 3; /* the filter's button */
		free(h);
		for (size_t i = 0; i < r->nrows; i++) {
			size_t cw = cell_width(l, &r->cols[k], rows_cell(r, i, (int)k)) + 1;
			if (cw > max)
				max = cw;
		}
		wrap[k] = max > WIDTH_CAP;
		if (max > w[k])
			w[k] = max > WIDTH_CAP ? WIDTH_CAP : max;
	}
}

static void
set_widths(lxw_worksheet *ws, const size_t *w, size_t n)
{
	for (size_t k = 0; k < n; k++)
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, (double)w[k], NULL);
}

/* ---- sheets ---- */

/* How many lines TEXT takes in a column WIDTH wide, wrapped. */
static size_t
wrapped_lines(const char *text, size_t width)
{
	size_t lines = 0;

	if (width < 2)
		width = 2;
	while (*text) {
		size_t n = strcspn(text, "\n"), lw = line_units(text, n);
		/* A character or word that would stand past the edge goes to the next line. */
		lines += lw ? (lw + width - 2) / (width - 1) : 1;
		text += n + (text[n] == '\n');
	}
	return lines ? lines : 1;
}

/* Give row AT the height of its LINES lines.  Readers differ in fitting a row to wrapped
 * text when they open a file (Excel does, LibreOffice does not): the height is written. */
static void
row_lines(lxw_worksheet *ws, lxw_row_t at, size_t lines)
{
	double h = 15.0 * (double)lines;

	if (lines > 1)
		worksheet_set_row(ws, at, h > 409 ? 409 : h, NULL);
}

/* The lines row I of R takes, its wrapped columns (WRAP) cut at widths W. */
static size_t
row_height(enum lang l, const struct rows *r, size_t i, const size_t *w, const int *wrap)
{
	size_t lines = 1;

	for (size_t k = 0; k < r->ncols; k++) {
		char *shown;
		size_t n;
		if (!wrap[k])
			continue;
		shown = lang_cell(l, &r->cols[k], rows_cell(r, i, (int)k));
		n = wrapped_lines(shown, w[k]);
		free(shown);
		if (n > lines)
			lines = n;
	}
	return lines;
}

/* R's header row (bold) at row AT and its rows below it, in columns W wide (set apart). */
static lxw_error
put_rows(lxw_worksheet *ws, lxw_row_t at, enum lang l, const struct rows *r,
         const struct fmts *f, const size_t *w, const int *wrap)
{
	lxw_error e = LXW_NO_ERROR;

	for (size_t k = 0; k < r->ncols && !e; k++) {
		char *h = lang_heading(l, r, k);
		e = worksheet_write_string(ws, at, (lxw_col_t)k, h, f->head);
		free(h);
	}
	for (size_t i = 0; i < r->nrows && !e; i++) {
		lxw_row_t row = at + 1 + (lxw_row_t)i;
		row_lines(ws, row, row_height(l, r, i, w, wrap));
		for (size_t k = 0; k < r->ncols && !e; k++)
			e = put_cell(ws, row, (lxw_col_t)k, l, &r->cols[k], rows_cell(r, i, (int)k), f,
			             wrap[k]);
	}
	return e;
}

/* Printed landscape on A4, as wide as the page. */
static void
print_wide(lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
}

/* A sheet of rows: widths, the header frozen and filtered (and repeated on each printed
 * page, landscape, as wide as the page), then the rows. */
static lxw_error
rows_sheet(lxw_worksheet *ws, enum lang l, const struct rows *r, const struct fmts *f)
{
	size_t *w = xcalloc(r->ncols + 1, sizeof *w);
	int *wrap = xcalloc(r->ncols + 1, sizeof *wrap);
	lxw_error e = LXW_NO_ERROR;

	rows_widths(l, r, w, wrap);
	set_widths(ws, w, r->ncols);
	worksheet_freeze_panes(ws, 1, 0);
	print_wide(ws);
	if (r->ncols) {
		worksheet_repeat_rows(ws, 0, 0);
		e = worksheet_autofilter(ws, 0, 0, (lxw_row_t)r->nrows, (lxw_col_t)(r->ncols - 1));
	}
	if (!e)
		e = put_rows(ws, 0, l, r, f, w, wrap);
	free(w);
	free(wrap);
	return e;
}

/* The list of the sheets on the About sheet, from row AT: each name a link to its sheet,
 * its rows, what it holds.  Returns the next free row. */
static lxw_row_t
about_sheets(lxw_worksheet *ws, lxw_row_t at, enum lang l, const struct xlsx_sheet *sheets,
             char *const *names, size_t n, const struct fmts *f)
{
	worksheet_write_string(ws, at++, 0, lang_say(l, "The sheets"), f->heading);
	worksheet_write_string(ws, at, 0, lang_say(l, "sheet"), f->head);
	worksheet_write_string(ws, at, 1, lang_say(l, "rows"), f->head);
	worksheet_write_string(ws, at++, 2, lang_say(l, "what it holds"), f->head);
	for (size_t i = 0; i < n; i++, at++) {
		struct sb url = SB_INIT;
		sb_adds(&url, "internal:'");
		for (const char *p = names[i]; *p; p++)
			sb_adds(&url, *p == '\'' ? "''" : (char[]){ *p, 0 });
		sb_adds(&url, "'!A1");
		worksheet_write_url_opt(ws, at, 0, url.buf, f->link, names[i], NULL);
		worksheet_write_number(ws, at, 1, (double)sheets[i].rows->nrows, f->integer);
		if (sheets[i].about)
			worksheet_write_string(ws, at, 2, sheets[i].about, f->text);
		sb_release(&url);
	}
	return at;
}

/* The About sheet's title and paragraphs, each across the NCOLS columns W wide, wrapped.
 * Returns the next free row. */
static lxw_row_t
about_text(lxw_worksheet *ws, const struct xlsx_about *a, const size_t *w, size_t ncols,
           const struct fmts *f)
{
	lxw_row_t at = 0;
	size_t width = 0;

	for (size_t k = 0; k < ncols; k++)
		width += w[k];
	worksheet_set_row(ws, at, 24, NULL);
	worksheet_write_string(ws, at++, 0, a->title ? a->title : "", f->title);
	for (size_t i = 0; i < a->nlines; i++, at++) {
		const char *text = a->lines[i];
		if (strncmp(text, "## ", 3) == 0) {
			at += i > 0; /* a blank row before a heading */
			worksheet_write_string(ws, at, 0, text + 3, f->heading);
			continue;
		}
		row_lines(ws, at, wrapped_lines(text, width));
		worksheet_merge_range(ws, at, 0, at, (lxw_col_t)(ncols - 1), text, f->para);
	}
	return at;
}

/* The About sheet: title, paragraphs, the list of sheets, the table. */
static lxw_error
about_sheet(lxw_worksheet *ws, enum lang l, const struct xlsx_about *a,
            const struct xlsx_sheet *sheets, char *const *names, size_t n,
            const struct fmts *f)
{
	size_t ncols = a->table && a->table->ncols > 3 ? a->table->ncols : 3;
	size_t *w = xcalloc(ncols, sizeof *w);
	int *wrap = xcalloc(ncols, sizeof *wrap);
	lxw_row_t at;
	lxw_error e = LXW_NO_ERROR;

	/* The widths first: the paragraphs wrap across them. */
	for (size_t i = 0; i < n; i++)
		if (lines_width(names[i]) + 2 > w[0])
			w[0] = lines_width(names[i]) + 2;
	w[1] = 8;
	if (a->table)
		rows_widths(l, a->table, w, wrap);
	set_widths(ws, w, ncols);
	print_wide(ws);
	at = about_text(ws, a, w, ncols, f);
	at = about_sheets(ws, at + 1, l, sheets, names, n, f);
	if (a->table) {
		worksheet_write_string(ws, ++at, 0, a->table_heading ? a->table_heading : "", f->heading);
		e = put_rows(ws, at + 1, l, a->table, f, w, wrap);
	}
	free(w);
	free(wrap);
	return e;
}

/* The valid, unique names of the About sheet (first) and the N sheets. */
static char **
sheet_names(const struct xlsx_about *a, const struct xlsx_sheet *sheets, size_t n)
{
	char **names = xcalloc(n + 2, sizeof *names);

	names[0] = xlsx_sheet_name(a->name, NULL, 0);
	for (size_t i = 0; i < n; i++)
		names[i + 1] = xlsx_sheet_name(sheets[i].name, (const char *const *)names, i + 1);
	return names;
}

/* Every sheet into WB.  Returns 0, or -1 with *cause. */
static int
fill(lxw_workbook *wb, const char *path, enum lang l, const struct xlsx_about *a,
     const struct xlsx_sheet *sheets, size_t n, char **cause)
{
	char **names = sheet_names(a, sheets, n);
	lxw_worksheet **ws = xcalloc(n + 2, sizeof *ws);
	struct fmts f;
	lxw_error e = LXW_NO_ERROR;
	int rc = 0;

	fmts_make(wb, &f);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (sheets[i].rows->nrows >= SHEET_MAX_ROWS)
			rc = fail(cause, "%s: sheet '%s' has %zu rows, more than an Excel sheet holds (%u)",
			          path, names[i + 1], sheets[i].rows->nrows, SHEET_MAX_ROWS - 1);
	/* All sheets are added first: a workbook in constant memory writes each as it goes. */
	for (size_t i = 0; i <= n && rc == 0; i++)
		if (!(ws[i] = workbook_add_worksheet(wb, names[i])))
			rc = fail(cause, "%s: cannot add sheet '%s'", path, names[i]);
	if (rc == 0)
		e = about_sheet(ws[0], l, a, sheets, names + 1, n, &f);
	for (size_t i = 0; i < n && rc == 0 && !e; i++)
		e = rows_sheet(ws[i + 1], l, sheets[i].rows, &f);
	if (rc == 0 && e)
		rc = fail(cause, "%s: %s", path, lxw_strerror(e));
	for (size_t i = 0; i <= n; i++)
		free(names[i]);
	free(names);
	free(ws);
	return rc;
}

int
xlsx_write(const char *path, enum lang l, const struct xlsx_about *about,
           const struct xlsx_sheet *sheets, size_t n, char **cause)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	lxw_workbook *wb;
	lxw_error e;
	FILE *probe;
	int rc = 0, mode;

	/* A read-only workbook is kept, a writable one keeps its permissions (as every output);
	 * the folder is tried first, for the one message every output gives. */
	if (aout_check(path, &mode, cause) < 0) {
		free(tmp);
		return -1;
	}
	if (!(probe = fopen(tmp, "wb"))) {
		rc = fail(cause, "%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	fclose(probe);
	/* Each sheet is streamed to a scratch file row by row, not held in memory: a corpus of
	 * thousands of sets makes sheets of a million cells. */
	if (!(wb = workbook_new_opt(tmp, &(lxw_workbook_options){ .constant_memory = LXW_TRUE }))) {
		unlink(tmp);
		free(tmp);
		return fail(cause, "%s: cannot start a workbook", path);
	}
	rc = fill(wb, path, l, about, sheets, n, cause);
	e = workbook_close(wb);
	if (rc == 0 && e)
		rc = fail(cause, "%s: cannot write: %s", path, lxw_strerror(e));
	if (rc == 0 && mode >= 0 && chmod(tmp, (mode_t)mode) != 0)
		rc = fail(cause, "%s: cannot keep its permissions: %s", path, strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = fail(cause, "%s: cannot rename into place: %s", path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
