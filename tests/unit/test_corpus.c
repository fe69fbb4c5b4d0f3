/*
 * Unit tests for analysis/core/corpus.c: loading a catalog and its task sets, every catalog
 * error at its line, item references (SET:SEQ, SET:SEQ:N), set matching by id, year
 * and jurisdiction, and the targets of tasks met again.
 */
#include "core/corpus.h"
#include "core/targets.h"
#include "base/par.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"

#define HEADER "set,year,jurisdiction,level,parent,doc_number,issued,title,raw,tasks\n"

static int
setup(void **state)
{
	(void)state;
	if (fixture_open("corpus") < 0)
		return -1;
	fixture_put("tasks/a.csv", "seq,section,name,units,task,deadline,note\n"
	                           "1,,建设口袋公园,市城市管理局,建设口袋公园200个，绿道100公里。,,\n"
	                           "2,,,,新增托位1万个。,,\n");
	return 0;
}

/* The error of loading a catalog with the rows ROWS, or NULL when it loads. */
static char *
load_error(const char *rows)
{
	char *cat = malloc(strlen(HEADER) + strlen(rows) + 1), *cause = NULL;
	struct corpus *c;

	strcpy(cat, HEADER);
	strcat(cat, rows);
	fixture_put("catalog.csv", cat);
	free(cat);
	c = corpus_load(fixture_dir, &cause);
	if (c) {
		corpus_free(c);
		return NULL;
	}
	assert_non_null(cause);
	/* Past the folder's name: "/catalog.csv:LINE: what". */
	memmove(cause, cause + strlen(fixture_dir), strlen(cause + strlen(fixture_dir)) + 1);
	return cause;
}

static void
test_catalog_errors(void **state)
{
	static const struct {
		const char *rows, *want;
	} cases[] = {
		{ ",2025,某市,city,,,,,,tasks/a.csv\n", "/catalog.csv:2: empty set id" },
		{ "a-25,25x,某市,city,,,,,,tasks/a.csv\n", "/catalog.csv:2: bad year '25x'" },
		{ "a-25,1900,某市,city,,,,,,tasks/a.csv\n", "/catalog.csv:2: bad year '1900'" },
		{ "a-25,2025,某市,town,,,,,,tasks/a.csv\n",
		  "/catalog.csv:2: bad level 'town' (city, district, county or province)" },
		{ "a-25,2025,某市,city,,,,,,\n", "/catalog.csv:2: set 'a-25' has no tasks file" },
		{ "a-25,2025,某市,city,,,,,raw/x.txt,tasks/a.csv\n",
		  "/catalog.csv:2: raw notice 'raw/x.txt' not found" },
		{ "a-25,2025,某市,city,,,,,,tasks/a.csv\nb-25,2025,某区,district,a-24,,,,,tasks/a.csv\n",
		  "/catalog.csv:3: unknown parent set 'a-24'" },
		{ "a-25,2025,某市,city,a-25,,,,,tasks/a.csv\n",
		  "/catalog.csv:2: unknown parent set 'a-25'" },
		{ "a-25,2025,某市,city,,,,,,tasks/a.csv\nb-25,2025,某市,city,,,,,,tasks/b.csv\n",
		  "/catalog.csv:3: tasks file 'tasks/b.csv' not found" },
		{ "a-25,2025,某市,city,,,,,,tasks/a.csv\na-25,2026,某市,city,,,,,,tasks/a.csv\n",
		  "/catalog.csv:3: duplicate set 'a-25'" },
		{ "a-25,2025,某市,city,,,,,,tasks/a.csv,extra\n",
		  "/catalog.csv:2: 11 fields, expected 10" },
		/* The first error in catalog order, whichever check finds it. */
		{ "a-25,2025,某市,city,,,,,raw/x.txt,tasks/a.csv\nb-25,25x,某市,city,,,,,,tasks/a.csv\n",
		  "/catalog.csv:2: raw notice 'raw/x.txt' not found" },
		{ "a-25,25x,某市,city,,,,,,tasks/a.csv\nb-25,2025,某市,city,,,,,raw/x.txt,tasks/a.csv\n",
		  "/catalog.csv:2: bad year '25x'" },
		{ "a-25,2025,某市,city,,,,,,tasks/a.csv\nb-25,2025,某市,city,,,,,raw/x.txt,tasks/a.csv\n"
		  "a-25,2026,某市,city,,,,,,tasks/a.csv\n",
		  "/catalog.csv:3: raw notice 'raw/x.txt' not found" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *e = load_error(cases[i].rows);
		assert_non_null(e);
		assert_string_equal(e, cases[i].want);
		free(e);
	}
	assert_null(load_error("a-25,2025,某市,city,,,,,,tasks/a.csv\n"));
}

/* Sets are read on the cores when there are many: the error told is still the first in
 * catalog order, whichever thread met it (sets 31 and 70 of 100 lack their tasks file;
 * with two threads they fall to different ones). */
static void
test_first_error_of_many(void **state)
{
	struct sb rows = SB_INIT;
	char *e;
	(void)state;

	for (int i = 0; i < 100; i++)
		sb_addf(&rows, "s%d,2025,某市%d,city,,,,,,tasks/%s.csv\n", i, i,
		        i == 70 || i == 31 ? "missing" : "a");
	e = load_error(rows.buf);
	assert_non_null(e);
	assert_string_equal(e, "/catalog.csv:33: tasks file 'tasks/missing.csv' not found");
	free(e);
	sb_release(&rows);
	/* The same of the raw notices, looked for on the cores after the rows are read, and
	 * before a bad row after them. */
	for (int i = 0; i < 100; i++)
		sb_addf(&rows, "s%d,2025,某市%d,city,,,,,%s,tasks/a.csv\n", i, i,
		        i == 70 || i == 45 ? "raw/missing.txt" : "");
	sb_adds(&rows, "s100,20x5,某市,city,,,,,,tasks/a.csv\n");
	e = load_error(rows.buf);
	assert_non_null(e);
	assert_string_equal(e, "/catalog.csv:47: raw notice 'raw/missing.txt' not found");
	free(e);
	sb_release(&rows);
}

static void
test_items_and_refs(void **state)
{
	struct corpus *c;
	struct item *it;
	char *cause = NULL;
	size_t ni, nt;
	int t;
	(void)state;

	fixture_put("catalog.csv", HEADER "a-2025,2025,某市,city,,,,,,tasks/a.csv\n"
	                                  "q-2025,2025,某区,district,a-2025,,,,,tasks/a.csv\n");
	c = corpus_load(fixture_dir, &cause);
	assert_non_null(c);
	assert_int_equal(corpus_targets(c, 1, &cause), 0);
	corpus_count(c, &ni, &nt);
	assert_int_equal(ni, 4);
	assert_int_equal(nt, 6);
	assert_ptr_equal(corpus_set(c, "q-2025")->up, corpus_set(c, "a-2025"));
	/* An item without a name loads (its task says what it is). */
	it = corpus_item(c, "a-2025:2", &t);
	assert_non_null(it);
	assert_string_equal(it->name, "");
	assert_int_equal(t, -1);
	it = corpus_item(c, "a-2025:1:2", &t);
	assert_non_null(it);
	assert_int_equal(t, 1);
	assert_int_equal(it->targets.v[t].value, 100);
	/* No raw notice: the targets stand on the item's line of the task CSV. */
	assert_null(it->target_lines);
	assert_int_equal(item_target_line(it, 1), it->line);
	assert_int_equal(it->line, 2);
	/* Not of the shape, or nothing there. */
	assert_null(corpus_item(c, "a-2025", &t));
	assert_null(corpus_item(c, "a-2025:9", &t));
	assert_null(corpus_item(c, "a-2025:1:3", &t));
	assert_null(corpus_item(c, "a-2025:1:0", &t));
	assert_null(corpus_item(c, "a-2025:1:x", &t));
	assert_null(corpus_item(c, "zz:1", &t));
	/* Matching a set by id, year, jurisdiction (name or id slug). */
	assert_true(corpus_set_matches(corpus_set(c, "q-2025"), NULL, 2025, "某区"));
	assert_true(corpus_set_matches(corpus_set(c, "q-2025"), NULL, 0, "q"));
	assert_false(corpus_set_matches(corpus_set(c, "q-2025"), "a-2025", 0, NULL));
	assert_false(corpus_set_matches(corpus_set(c, "q-2025"), NULL, 2024, NULL));
	corpus_free(c);
}

/*
 * Tasks met again (districts copy their city's wording, items come back each year) take a
 * copy of the targets made the first time: across sets and threads, every item's targets
 * are what extraction makes of its own task and name, in lists of its own.  A task under
 * another name is another question (the name helps say what a target counts), and a task
 * in traditional script goes through a converter of the thread's own.
 */
static void
test_repeated_tasks(void **state)
{
	struct sb cat = SB_INIT;
	struct corpus *c;
	char *cause = NULL;
	size_t seen = 0, copies = 0;
	(void)state;

	fixture_put("tasks/b.csv", "seq,section,name,units,task,deadline,note\n"
	                           "1,,口袋公园,,建设口袋公园200个，绿道100公里。,,\n"
	                           "2,,,,新增托位1万个。,,\n"
	                           "3,,托育服務,,新增託位1.2萬個，培訓(xùn)育嬰員300人。,,\n");
	sb_adds(&cat, HEADER);
	for (int i = 0; i < 300; i++)
		sb_addf(&cat, "s%d,2025,某市%d,city,,,,,,tasks/%s.csv\n", i, i, i % 3 ? "a" : "b");
	fixture_put("catalog.csv", cat.buf);
	sb_release(&cat);
	c = corpus_load(fixture_dir, &cause);
	assert_non_null(c);
	assert_int_equal(corpus_targets(c, 0, &cause), 0);
	for (size_t i = 0; i < c->nsets; i++)
		for (size_t k = 0; k < c->sets[i].nitems; k++) {
			const struct item *it = &c->sets[i].items[k];
			struct target_list want = { 0 };
			targets_extract(it->task, it->name, &want);
			assert_int_equal(it->targets.n, want.n);
			for (size_t t = 0; t < want.n; t++) {
				const struct target *g = &it->targets.v[t], *w = &want.v[t];
				assert_string_equal(g->metric, w->metric);
				assert_string_equal(g->raw, w->raw);
				assert_string_equal(g->unit, w->unit);
				assert_true(g->value == w->value && g->high == w->high);
				assert_int_equal(g->n, w->n);
				assert_int_equal(g->qualifier, w->qualifier);
				assert_int_equal(g->kind, w->kind);
				assert_int_equal(g->offset, w->offset);
				seen++;
			}
			target_list_release(&want);
			/* Lists of its own: the first set's copy is no other set's. */
			if (i > 2 && it->targets.n)
				assert_ptr_not_equal(it->targets.v, c->sets[i % 3].items[k].targets.v);
			/* A copy names the item it copied: one that made its own list, of the same
			 * task and name. */
			if (it->same) {
				assert_ptr_not_equal(it->same, it);
				assert_null(it->same->same);
				assert_string_equal(it->same->task, it->task);
				assert_string_equal(it->same->name, it->name);
				copies++;
			}
		}
	assert_int_equal(seen, 200 * 3 + 100 * 5);
	/* Four tasks under their names (新增托位1万个 is nameless in both files), each made
	 * once of 700 items, unless threads met one at once. */
	assert_true(copies >= 700 - 4 * PAR_MAX && copies <= 700 - 4);
	/* Read through the converter, kept as printed. */
	assert_string_equal(corpus_set(c, "s0")->items[2].targets.v[0].metric, "新增託位");
	assert_true(corpus_set(c, "s0")->items[2].targets.v[0].value == 12000);
	corpus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_errors),
		cmocka_unit_test(test_items_and_refs),
		cmocka_unit_test(test_first_error_of_many),
		cmocka_unit_test(test_repeated_tasks),
	};
	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
