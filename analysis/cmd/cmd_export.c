/*
 * cmd_export: the whole comparison as one Excel workbook (render/xlsx.h): the About sheet,
 * the tables every listing prints, and a compare sheet per pair of compare_pairs().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/commands.h"
#include "core/compare.h"
#include "render/xlsx.h"
#include "base/util.h"

/* The tables of the workbook, in its order, with what each holds. */
static const struct {
	enum table_id id;
	const char *name, *about;
} tables[] = {
	{ TBL_ITEMS, "items", "every item of every notice, as printed" },
	{ TBL_TARGETS, "targets", "every quantitative target, with its source: set, item and notice line" },
	{ TBL_LINKS, "links", "items linked across years and from district to city, with score and shared terms" },
	{ TBL_SERIES, "series", "the same target tracked across sets, one row per set" },
	{ TBL_GROWTH, "growth", "how each series moved along each jurisdiction's years" },
	{ TBL_SHARES, "shares", "how much of each city target its districts take on" },
};

/* The About sheet's paragraphs, by their English words; "## " makes a heading. */
static const char *const about_lines[] = {
	"## What was compared",
	"The yearly key livelihood project lists of the city and district governments below, "
	"one set per notice.",
	"Each jurisdiction's consecutive years item by item (continued, renamed, merged, new, "
	"dropped) with their targets side by side; each district against its city's list of the "
	"same year (the targets it takes on, and its share of them).",
	"Every number a notice commits to is a target (count, area, length, percent, ratio, "
	"cumulative); the same target across sets is a series, and its growth is computed along "
	"each jurisdiction's years.",
	"## Sources",
	"Each target names its source in its row: the set, the item (no. and name) and the line "
	"of the notice the number stands on (notice line; in the task file where a set has no "
	"notice text).",
	"The notices are listed below with their document numbers and the path of their text "
	"(notice text, in the data folder).",
	"## How to read",
	"Numbers are numeric cells, ready to sort, filter and compute; changes, CAGR and shares "
	"are formatted as percentages; numbers (no.) and deadlines (2025.10) stay text as printed.",
	"change % = (new value - old value) / old value, empty where the old value is zero or "
	"missing; CAGR only where both ends are positive; share = district value / city value "
	"of the same year.",
	"Notes name a change of unit or qualifier (≥, about) between the two sides, and targets "
	"on one side only (new target, dropped target).",
	"Links and series are matched by yoy; each link carries its score and the terms the two "
	"items share: review them against the notices before quoting them.",
	"Every sheet's first row is its header, frozen and with filters.",
};

/* Everything the workbook is made of; owned here, released at the end. */
struct book {
	struct rows sets, tables[NELEM(tables)], *cmp;
	struct xlsx_sheet *sheets;
	char **owned;             /* the names and lines made here */
	size_t nsheets, nowned;
	const char **lines;
};

static const char *
own(struct book *b, char *s)
{
	b->owned = xrealloc(b->owned, (b->nowned + 1) * sizeof *b->owned);
	return b->owned[b->nowned++] = s;
}

/* "重庆市2025年（cq-2025）", "重庆市 2025 (cq-2025)". */
static char *
set_words(const struct set *s)
{
	return G.lang == LANG_ZH ? xasprintf("%s%d年（%s）", s->jurisdiction, s->year, s->id)
	                         : xasprintf("%s %d (%s)", s->jurisdiction, s->year, s->id);
}

/* A compare sheet for each pair.  Returns -1 (printed) when a pair cannot be compared. */
static int
add_pairs(struct book *b, const struct corpus *c, const struct match *m)
{
	struct set_pair *p;
	size_t n = compare_pairs(c, &p);

	b->cmp = xcalloc(n + 1, sizeof *b->cmp);
	for (size_t i = 0; i < n; i++) {
		struct compare_row *cr;
		char *cause = NULL, *wa = set_words(p[i].a), *wb = set_words(p[i].b);
		long nr = compare_sets(m, p[i].a, p[i].b, &cr, &cause);
		const char *kind = p[i].b->up == p[i].a ? "district against its city"
		                                        : "consecutive years, item by item";
		if (nr < 0) {
			free(wa);
			free(wb);
			free(p);
			cli_fail(cause, EXIT_BADINPUT);
			return -1;
		}
		rows_compare(p[i].a, p[i].b, cr, nr, NULL, &b->cmp[i]);
		free(cr);
		b->sheets[b->nsheets].rows = &b->cmp[i];
		b->sheets[b->nsheets].name =
		    own(b, xlsx_pair_name(lang_say(G.lang, "compare"), p[i].a->id, p[i].b->id));
		b->sheets[b->nsheets++].about =
		    own(b, xasprintf(G.lang == LANG_ZH ? "%s → %s：%s" : "%s → %s: %s", wa, wb,
		                     lang_say(G.lang, kind)));
		free(wa);
		free(wb);
	}
	free(p);
	return 0;
}

/* The sheets of the tables and of the pairs.  Returns 0, or -1 (printed). */
static int
book_make(struct book *b, const struct corpus *c, const struct match *m)
{
	memset(b, 0, sizeof *b);
	rows_build(TBL_SETS, c, m, NULL, &b->sets);
	b->sheets = xcalloc(NELEM(tables) + 2 * c->nsets + 1, sizeof *b->sheets);
	for (size_t i = 0; i < NELEM(tables); i++) {
		rows_build(tables[i].id, c, m, NULL, &b->tables[i]);
		b->sheets[b->nsheets].name = lang_say(G.lang, tables[i].name);
		b->sheets[b->nsheets].about = lang_say(G.lang, tables[i].about);
		b->sheets[b->nsheets++].rows = &b->tables[i];
	}
	return add_pairs(b, c, m);
}

/* The About sheet's lines in the language: who made it from what, then the paragraphs. */
static void
about_make(struct book *b, const struct corpus *c, struct xlsx_about *a)
{
	const char *sep = G.lang == LANG_ZH ? "：" : ": ";
	size_t n = 0;

	b->lines = xcalloc(NELEM(about_lines) + 3, sizeof *b->lines);
	b->lines[n++] = own(b, xasprintf("%s%syoy %s", lang_say(G.lang, "Made by"), sep, YOY_VERSION));
	b->lines[n++] = own(b, xasprintf("%s%s%s", lang_say(G.lang, "Data folder"), sep, c->dir));
	for (size_t i = 0; i < NELEM(about_lines); i++) {
		int head = strncmp(about_lines[i], "## ", 3) == 0;
		const char *words = lang_say(G.lang, about_lines[i] + (head ? 3 : 0));
		b->lines[n++] = head ? own(b, xasprintf("## %s", words)) : words;
	}
	memset(a, 0, sizeof *a);
	a->name = lang_say(G.lang, "About");
	a->title = lang_say(G.lang, "Key livelihood projects (重点民生实事): the targets compared");
	a->lines = b->lines;
	a->nlines = n;
	a->table_heading = lang_say(G.lang, "The sets compared");
	a->table = &b->sets;
}

static void
book_release(struct book *b)
{
	rows_release(&b->sets);
	for (size_t i = 0; i < NELEM(tables); i++)
		rows_release(&b->tables[i]);
	for (size_t i = 0; b->cmp && i + NELEM(tables) < b->nsheets; i++)
		rows_release(&b->cmp[i]);
	free(b->cmp);
	for (size_t i = 0; i < b->nowned; i++)
		free(b->owned[i]);
	free(b->owned);
	free(b->sheets);
	free(b->lines);
}

/* The -o the command needs: given, and a workbook's name. */
static int
check_output(const char *out)
{
	size_t n = out ? strlen(out) : 0;

	if (!out) {
		cli_error("export: -o FILE.xlsx is required (where to write the workbook)");
		return -1;
	}
	if (n < 6 || strcasecmp(out + n - 5, ".xlsx") != 0 || out[n - 6] == '/') {
		cli_error("export: '%s' is not a workbook's name: write -o FILE.xlsx", out);
		return -1;
	}
	return 0;
}

int
cmd_export(struct invocation *iv)
{
	const char *out = cli_opt(iv, "output");
	struct xlsx_about about;
	struct book b;
	struct match m;
	char *cause = NULL;
	int rc = EXIT_OK;

	if (check_output(out) < 0)
		return EXIT_USAGE;
	/* Loaded here, after the usage is checked (main frees it). */
	if (!(iv->c = cli_corpus()))
		return EXIT_BADINPUT;
	if (cli_match(iv->c, &m, CLI_LINES) < 0)
		return EXIT_BADINPUT;
	if (book_make(&b, iv->c, &m) < 0)
		rc = EXIT_BADINPUT;
	else {
		about_make(&b, iv->c, &about);
		if (xlsx_write(out, G.lang, &about, b.sheets, b.nsheets, &cause) < 0)
			rc = cli_fail(cause, EXIT_BADINPUT);
		else
			printf("yoy: wrote %s (%zu sheets)\n", out, b.nsheets + 1);
	}
	book_release(&b);
	match_release(&m);
	return rc;
}
