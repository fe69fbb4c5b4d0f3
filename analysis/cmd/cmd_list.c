/*
 * cmd_list: the commands that print rows (core/rows.h): the listings (sets, items,
 * targets, match, series, growth), compare, query and sql.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "core/compare.h"
#include "core/query.h"
#include "render/sql.h"
#include "base/util.h"

/* Table ID built and printed with the command's options. */
static int
listing(struct invocation *iv, enum table_id id, const struct match *m)
{
	struct rows r;
	int rc;

	rows_build(id, iv->c, m, &iv->lo.f, &r);
	rc = cli_emit(&iv->lo, &r, iv->cmd->maxw);
	rows_release(&r);
	return rc;
}

/* A listing of what the matcher makes. */
static int
match_listing(struct invocation *iv, enum table_id id)
{
	struct match m;
	int rc;

	/* The shared terms of links are shown only with them. */
	if (cli_match(iv->c, &m, id == TBL_LINKS ? 0 : CLI_NO_WHY) < 0)
		return EXIT_BADINPUT;
	rc = listing(iv, id, &m);
	match_release(&m);
	return rc;
}

int
cmd_sets(struct invocation *iv)
{
	return listing(iv, TBL_SETS, NULL);
}

int
cmd_items(struct invocation *iv)
{
	return listing(iv, TBL_ITEMS, NULL);
}

int
cmd_targets(struct invocation *iv)
{
	char *cause = NULL;

	if (corpus_targets(iv->c, 1, &cause) < 0)
		return cli_fail(cause, EXIT_BADINPUT);
	return listing(iv, TBL_TARGETS, NULL);
}

int
cmd_match(struct invocation *iv)
{
	return match_listing(iv, TBL_LINKS);
}

int
cmd_series(struct invocation *iv)
{
	return match_listing(iv, TBL_SERIES);
}

int
cmd_growth(struct invocation *iv)
{
	return match_listing(iv, cli_opt(iv, "shares") ? TBL_SHARES : TBL_GROWTH);
}

int
cmd_compare(struct invocation *iv)
{
	const struct set *s[2];
	struct compare_row *cr;
	struct match m;
	struct rows r;
	char *cause = NULL;
	long n;
	int rc;

	for (int k = 0; k < 2; k++)
		if (!(s[k] = corpus_set(iv->c, iv->args[k]))) {
			cli_unknown_set(iv->c, iv->args[k]);
			return EXIT_USAGE;
		}
	if (cli_match(iv->c, &m, 0) < 0)
		return EXIT_BADINPUT;
	if ((n = compare_sets(&m, s[0], s[1], &cr, &cause)) < 0) {
		match_release(&m);
		return cli_fail(cause, EXIT_USAGE);
	}
	rows_compare(s[0], s[1], cr, n, &iv->lo.f, &r);
	rc = cli_emit(&iv->lo, &r, iv->cmd->maxw);
	rows_release(&r);
	free(cr);
	match_release(&m);
	return rc;
}

/* The words of the question, as one text (yoy query 托育 2026 asks 托育 2026). */
static char *
join_args(const struct invocation *iv)
{
	struct sb q = SB_INIT;

	for (int i = 0; i < iv->nargs; i++)
		sb_addf(&q, "%s%s", i ? " " : "", iv->args[i]);
	return sb_detach(&q);
}

int
cmd_query(struct invocation *iv)
{
	struct query_opts qo = { 0 };
	struct query_narrowed qn;
	const char *mc = cli_opt(iv, "min-change");
	char *question;
	struct query_hit *hits;
	struct match m;
	struct rows r;
	size_t n;
	int rc;

	qo.unit = cli_opt(iv, "unit");
	if (mc) {
		char *end;
		qo.min_change = strtod(mc, &end);
		if (end == mc || *end) {
			cli_error("query: bad --min-change '%s' (a percentage)", mc);
			return EXIT_USAGE;
		}
		qo.has_min_change = 1;
	}
	/* The question's own years, set ids and places narrow it like the options do; where
	 * both say something, both must hold. */
	question = join_args(iv);
	query_narrow(iv->c, question, &qn);
	qo.year = iv->lo.f.year ? iv->lo.f.year : qn.year;
	qo.set = iv->lo.f.set ? iv->lo.f.set : qn.set;
	qo.jurisdiction = iv->lo.f.jurisdiction ? iv->lo.f.jurisdiction : qn.jurisdiction;
	if (cli_match(iv->c, &m, CLI_LINES) < 0) {
		free(qn.rest);
		free(question);
		return EXIT_BADINPUT;
	}
	n = query_run(iv->c, &m, qn.rest, &qo, &hits);
	n = query_keep(hits, n, &qn);
	if (n == 0) {
		/* Like grep: nothing found is said on stderr, with exit 1. */
		cli_error("query: nothing answers '%s'", question);
		rc = EXIT_BADINPUT;
	} else {
		rows_query(hits, n, &r);
		rc = cli_emit(&iv->lo, &r, iv->cmd->maxw);
		rows_release(&r);
	}
	free(qn.rest);
	free(question);
	free(hits);
	match_release(&m);
	return rc;
}

int
cmd_sql(struct invocation *iv)
{
	struct match m;
	struct rows tables[TBL_NTABLES], out;
	struct sql_view sv[TBL_NTABLES];
	int schema = cli_opt(iv, "schema") != NULL, rc;
	char *cause = NULL;
	sqlite3 *db;

	if (iv->nargs != (schema ? 0 : 1)) {
		cli_error("sql: expected one statement in quotes, or --schema");
		return EXIT_USAGE;
	}
	if (cli_match(iv->c, &m, CLI_LINES) < 0)
		return EXIT_BADINPUT;
	/* The same rows as the listings print, table for table. */
	for (int i = 0; i < TBL_NTABLES; i++) {
		rows_build((enum table_id)i, iv->c, &m, NULL, &tables[i]);
		sv[i].name = rows_tables[i].name;
		sv[i].t = &tables[i];
	}
	if (schema) {
		char *s = sql_schema(sv, TBL_NTABLES);
		fputs(s, stdout);
		free(s);
		rc = EXIT_OK;
	} else if (!(db = sql_open(sv, TBL_NTABLES, &cause))) {
		rc = cli_fail(cause, EXIT_BADINPUT);
	} else {
		if (sql_query(db, iv->args[0], &out, &cause) < 0)
			rc = cli_fail(cause, EXIT_BADINPUT);
		else {
			rc = cli_emit(&iv->lo, &out, iv->cmd->maxw);
			rows_release(&out);
		}
		sqlite3_close(db);
	}
	for (int i = 0; i < TBL_NTABLES; i++)
		rows_release(&tables[i]);
	match_release(&m);
	return rc;
}
