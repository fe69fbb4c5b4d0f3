/*
 * xlsx: rows as one Excel workbook (libxlsxwriter).  An About sheet comes first — a
 * title, paragraphs, the list of the sheets with what each holds (each name a link to its
 * sheet), and a table such as the sets compared — then a sheet per table of rows.
 *
 * Cells are typed by their column (core/rows.h): COL_INT and COL_NUM cells are numbers
 * with a number format (thousands separated, as many decimals as yoy prints), SHOW_PCT a
 * percentage (600 is the number 6 shown +600.0%), SHOW_SHARE a fraction shown in percent
 * (0.0595 as 5.95%); codes and flags are put in words (render/lang.h); everything else —
 * a deadline 2025.10, a seq 01, text that starts with = — is a string, never a formula.
 * Headings follow the language.  A sheet's header row is bold, frozen and filtered; its
 * columns are as wide as their text (CJK counts 2), capped, with longer text wrapped.
 */
#ifndef YOY_XLSX_H
#define YOY_XLSX_H

#include <stddef.h>

#include "core/rows.h"
#include "render/lang.h"

/* A sheet of rows. */
struct xlsx_sheet {
	const char *name;         /* as wanted: made valid and unique (xlsx_sheet_name) */
	const char *about;        /* one line for the About sheet: what it holds */
	const struct rows *rows;
};

/* The About sheet. */
struct xlsx_about {
	const char *name;         /* the sheet's name (说明, About) */
	const char *title;        /* its first line */
	const char *const *lines; /* paragraphs, one a row; "## TEXT" is a heading */
	size_t nlines;
	const char *table_heading;/* the heading over TABLE */
	const struct rows *table; /* shown after the list of sheets, or NULL */
};

/*
 * Write ABOUT and the N SHEETS to PATH, in language L, atomically: the workbook is written
 * to PATH.tmp.PID in PATH's folder and renamed into place, so PATH is never a partial
 * file.  Returns 0, or -1 with *cause ("PATH: what"); nothing is left behind on failure.
 */
int xlsx_write(const char *path, enum lang l, const struct xlsx_about *about,
               const struct xlsx_sheet *sheets, size_t n, char **cause);

/*
 * A valid sheet name for WANT that none of the N names of TAKEN has (Excel compares them
 * without case): none of []:*?/\ (each becomes _), no ' at either end, at most 31 UTF-16
 * units (cut between characters), not History (Excel's own), and " (2)", " (3)" …
 * appended where the name is taken.  Malloc'd.
 */
char *xlsx_sheet_name(const char *want, const char *const *taken, size_t n);

/* The name of the sheet that puts set A beside set B: "WORD A→B"; where that is longer
 * than a sheet name may be, B without the part of its id it shares with A
 * (对比 shanghai-pudong-2025→2026).  Malloc'd; xlsx_sheet_name makes it valid. */
char *xlsx_pair_name(const char *word, const char *a, const char *b);

#endif
