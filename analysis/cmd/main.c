/*
 * yoy: compare the yearly 重点民生实事 target lists of Chinese city and district
 * governments.  This file holds the command table — every command's options, arguments
 * and help, named once — and main(), which parses the global options, the command's own
 * (cli_parse), loads the corpus when the command needs it and runs it (cmd_*.c).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "cmd/commands.h"
#include "base/bulk.h"
#include "base/text.h"
#include "base/util.h"

static int cmd_help(struct invocation *iv);

static const struct opt ingest_opts[] = {
	{ "layout", 0, "NAME", "read the notice with this layout, whatever the scores" },
	{ "explain", 0, NULL, "print every layout's score and why the winner won (stderr)" },
	{ "meta", 0, NULL, "write the set's catalog row instead of its items" },
	{ "set", 0, "ID", "the set id for --meta (default: the file name without its\n"
	                  "extension)" },
	{ NULL, 0, NULL, NULL },
};
static const struct opt growth_opts[] = {
	{ "shares", 0, NULL, "instead, how much of each city target its loaded districts\n"
	                     "account for: series,metric,unit,set,seq,item,value,\n"
	                     "districts,district_sum,share" },
	{ NULL, 0, NULL, NULL },
};
static const struct opt diff_opts[] = {
	{ "color", 0, "auto|always|never", "colour the changes (auto: on a terminal)" },
	{ "output", 'o', "FILE", "write to FILE (atomically) instead of stdout" },
	{ NULL, 0, NULL, NULL },
};
static const struct opt plot_opts[] = {
	{ "output", 'o', "DIR", "the charts' folder (default plots/charts), made when\n"
	                        "missing (its parent must exist); each run replaces it" },
	{ "format", 0, "png|svg|both", "the charts' format (default both)" },
	{ "excel", 0, NULL, "index.csv with a BOM and CRLF, for Excel/WPS" },
	{ NULL, 0, NULL, NULL },
};
static const struct opt query_opts[] = {
	{ "unit", 0, "U", "only targets counted in U (人次, 个, % ...)" },
	{ "min-change", 0, "PCT", "only series that grew by at least PCT percent along the years" },
	{ NULL, 0, NULL, NULL },
};
static const struct opt sql_opts[] = {
	{ "schema", 0, NULL, "print the tables instead" },
	{ NULL, 0, NULL, NULL },
};
static const struct opt report_opts[] = {
	{ "output", 'o', "FILE", "where to write it (default plots/report.html)" },
	{ NULL, 0, NULL, NULL },
};
static const struct opt export_opts[] = {
	{ "output", 'o', "FILE.xlsx", "where to write the workbook (required)" },
	{ NULL, 0, NULL, NULL },
};

const struct command cli_commands[] = {
	{ "ingest", cmd_ingest, NEED_NOTHING,
	  "yoy ingest NOTICE... [-o CSV|DIR] [--layout NAME] [--explain] [--meta [--set ID]]",
	  "Read a notice as published and write its task-set CSV (seq,section,name,units,task,\n"
	  "deadline,note).  A notice is text (UTF-8 with or without BOM, GB18030/GBK, Big5; any\n"
	  "line ends), a saved HTML page or a PDF (through pdftotext), told apart by content.\n"
	  "Its list may be a table or a numbered, bulleted or plain list: every layout scores\n"
	  "how well the notice fits it and the best one reads it.  Several notices, or a folder\n"
	  "of them (its .txt, .html, .htm and .pdf files), need -o DIR: each becomes\n"
	  "DIR/<name>.csv.\n",
	  OPTS_OUTPUT, ingest_opts, "Warnings about the layout go to stderr.\n", 1, -1,
	  "expected one NOTICE file", 0 },
	{ "sets", cmd_sets, NEED_CORPUS, "yoy sets [options]",
	  "List the task sets of the catalog (set,year,jurisdiction,level,parent,doc_number,\n"
	  "issued,title,raw,tasks).\n",
	  OPTS_LISTING, NULL, NULL, 0, 0, NULL, 40 },
	{ "items", cmd_items, NEED_CORPUS, "yoy items [options]",
	  "List the items of the task sets (set,year,jurisdiction,section,seq,name,units,task,\n"
	  "deadline,note).\n",
	  OPTS_LISTING, NULL, NULL, 0, 0, NULL, 36 },
	{ "targets", cmd_targets, NEED_CORPUS, "yoy targets [options]",
	  "List the quantitative targets of the items (set,year,seq,item,n,metric,value,unit,\n"
	  "qualifier,kind,raw,line); line is the line of the raw notice the number stands on.\n",
	  OPTS_LISTING, NULL, "  (--grep matches the item name, the metric and the raw text)\n", 0,
	  0, NULL, 30 },
	{ "match", cmd_match, NEED_CORPUS, "yoy match [options]",
	  "Link the items that recur across years (same, part) and from district to city\n"
	  "(child, part): from_set,from_seq,from_item,to_set,to_seq,to_item,relation,score,why.\n",
	  OPTS_LISTING, NULL,
	  "  (--set, --year and --jurisdiction keep links with either side in them)\n", 0, 0, NULL,
	  30 },
	{ "series", cmd_series, NEED_CORPUS, "yoy series [options]",
	  "Targets that track the same thing across sets, one row per member:\n"
	  "series,metric,unit,set,year,seq,item,value,qualifier.\n",
	  OPTS_LISTING, NULL,
	  "  (a series is listed whole when one of its members passes the filters)\n", 0, 0, NULL,
	  30 },
	{ "growth", cmd_growth, NEED_CORPUS, "yoy growth [--shares] [options]",
	  "How each series moved along each jurisdiction's years (two years or more):\n"
	  "series,metric,unit,jurisdiction,first_set,last_set,first_value,last_value,\n"
	  "abs_change,pct_change,cagr,slope,r2,points,flags,item (the item, shown beside the\n"
	  "metric on a terminal).\n"
	  "pct_change and cagr are percentages (600 is +600%); empty for a zero base, cagr also\n"
	  "unless both ends are positive; slope (per year) and r2 need three years.  flags names\n"
	  "a change of unit or qualifier between the years (compared, but not silently).\n",
	  OPTS_LISTING, growth_opts, NULL, 0, 0, NULL, 30 },
	{ "compare", cmd_compare, NEED_CORPUS, "yoy compare A B [options]",
	  "Set A against set B: status,from_seq,from_item,to_seq,to_item,metric,unit,from_value,\n"
	  "to_value,abs_change,pct_change,share,flags.  Two years of one jurisdiction: continued,\n"
	  "renamed, merged, new, dropped, with linked items' targets side by side, the targets on\n"
	  "one side only (flags: new target, dropped target) and those of new and dropped items;\n"
	  "a city and its district: child rows, share = district value / city value.\n",
	  OPTS_OUTPUT | OPTS_GREP, NULL, NULL, 2, 2, "expected two sets, A and B", 30 },
	{ "diff", cmd_diff, NEED_CORPUS, "yoy diff A:SEQ B:SEQ [--color auto|always|never]",
	  "The task texts of two items as a word diff, [-removed-]{+added+} (coloured on a\n"
	  "terminal).  A number with its unit (32万人次) is one word, a CJK character one.\n",
	  0, diff_opts, NULL, 2, 2, "expected two items, A:SEQ and B:SEQ", 0 },
	{ "plot", cmd_plot, NEED_CORPUS, "yoy plot [SERIES...] [-o DIR] [--format png|svg|both]",
	  "Draw the comparison through gnuplot into a folder of its own: a trend chart per\n"
	  "series and jurisdiction with two or more years (trend-PLACE-SERIES), an overview\n"
	  "of the percentage changes (overview), for each city set with districts the\n"
	  "districts' shares (shares-SET), and for a series with none of these its members\n"
	  "side by side (members-SERIES).  Titles and labels follow --lang.  index.html\n"
	  "shows every chart with its title, series, metric, item and source notices;\n"
	  "index.csv lists them (file,title,series,metric,item,jurisdiction,sets); yoy.gp\n"
	  "draws them again.\n"
	  "SERIES (ids as in 'yoy series', or words of their metric, e.g. AED) limits the\n"
	  "run to those series: their trends, and their members side by side where they\n"
	  "have some beyond a trend; no overview and no share charts (of the whole).\n"
	  "The folder is drawn beside DIR and replaces it whole only when all went well:\n"
	  "nothing of an earlier run is left, and a failed run leaves DIR as it was.  A\n"
	  "folder that holds other files (no index.csv of yoy plot) is refused, never\n"
	  "emptied.\n",
	  0, plot_opts, "Exit 3 when gnuplot is not installed.\n", 0, -1, NULL, 0 },
	{ "query", cmd_query, NEED_CORPUS,
	  "yoy query TEXT [--unit U] [--min-change PCT] [options]",
	  "The targets and series that answer TEXT (AED, 托位, 心理健康 ...), best first, each\n"
	  "series whole, year by year: score,series,metric,set,year,seq,item,value,unit,\n"
	  "qualifier,kind,raw,pct_change,line.  TEXT is matched in the metric, the clause of the\n"
	  "task around the number and the item name, with synonyms (AED ↔ 自动体外除颤器, 托育 ↔\n"
	  "托位 ↔ 婴幼儿照护, 急救 ↔ 应急救护, 心理 ↔ 心理健康 ...); an empty TEXT takes all.\n"
	  "Years, set ids and places in TEXT narrow the answer like the options (托育 2026,\n"
	  "渝北区的托位, AED gaoxin-2025).  change % is each row's change from the year before\n"
	  "in its place (none for the first year); --min-change compares the series' change\n"
	  "from first to last year.  Nothing found: a message on stderr and exit 1.\n",
	  OPTS_OUTPUT | OPTS_FILTER, query_opts, NULL, 0, -1, NULL, 30 },
	{ "sql", cmd_sql, NEED_CORPUS, "yoy sql 'SELECT ...' | yoy sql --schema",
	  "Run one read-only SQL statement over the tables sets, items, targets, links, series,\n"
	  "growth and shares (the columns of the CSV outputs) and compare (every pair of\n"
	  "consecutive years and of a city and its district: from_set, to_set and the columns\n"
	  "of yoy compare) in an in-memory SQLite database.\n",
	  OPTS_OUTPUT, sql_opts, NULL, 0, 1, "expected one statement in quotes, or --schema", 36 },
	{ "report", cmd_report, NEED_CORPUS, "yoy report [-o FILE]",
	  "Write the whole comparison as one self-contained HTML page (inline SVG charts, no\n"
	  "outside links): the sets, each year pair and city-district pair, the growth of every\n"
	  "series with its chart, the series across places, the overview, the districts' shares\n"
	  "and the notice line of every number.  Needs gnuplot (exit 3 without it).\n",
	  0, report_opts, NULL, 0, 0, NULL, 0 },
	/* The corpus is loaded by the command, once -o is known to be right. */
	{ "export", cmd_export, NEED_NOTHING, "yoy export -o FILE.xlsx",
	  "Write the whole comparison as one Excel workbook: an About sheet (说明: what was\n"
	  "compared, the sources, how to read, the sets with their notices), then items, targets,\n"
	  "links, series, growth, shares and a compare sheet for each jurisdiction's consecutive\n"
	  "years and each district against its city.  Numbers are numeric cells, percentages\n"
	  "formatted as %, each target with its source (set, item, notice line); sheet names,\n"
	  "headings and words follow --lang.\n",
	  0, export_opts, NULL, 0, 0, NULL, 0 },
	{ "help", cmd_help, NEED_NOTHING, "yoy help [COMMAND]",
	  "Show the commands, or the options of COMMAND.\n", 0, NULL, NULL, 0, 1,
	  "one COMMAND", 0 },
};
const size_t cli_ncommands = NELEM(cli_commands);

static int
cmd_help(struct invocation *iv)
{
	const struct command *c = NULL;

	if (iv->nargs && !(c = cli_find(iv->args[0]))) {
		cli_unknown_command(iv->args[0], "see 'yoy --help'");
		return EXIT_USAGE;
	}
	cli_usage(stdout, c);
	return EXIT_OK;
}

/* The corpus of the command run, for its lifetime: the process's.  Volatile: a store
 * nothing reads would otherwise be optimised away, and the corpus counted lost. */
static struct corpus *volatile kept;

int
main(int argc, char **argv)
{
	const struct command *cmd;
	struct invocation iv;
	int i, rc;

	bulk_heap(); /* huge pages: a national run's memory in 2 MB faults, not 4 kB ones */
	G.data = getenv("YOY_DATA");
	if (!G.data || !*G.data)
		G.data = "datasets";
	G.lang = lang_from_env();
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
			G.data = argv[++i];
		} else if (strncmp(argv[i], "--data=", 7) == 0) {
			G.data = argv[i] + 7;
		} else if ((strcmp(argv[i], "--lang") == 0 && i + 1 < argc) ||
		           strncmp(argv[i], "--lang=", 7) == 0) {
			if (cli_set_lang(argv[i][6] == '=' ? argv[i] + 7 : argv[++i]) < 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--no-aliases") == 0) {
			G.no_aliases = 1;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("yoy %s\n", YOY_VERSION);
			return EXIT_OK;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			cli_usage(stdout, NULL);
			return EXIT_OK;
		} else {
			static const char *const globals[] = { "--data", "--lang", "--no-aliases",
				                                "--version", "--help" };
			int k = text_nearest(argv[i], globals, NELEM(globals));
			if (k >= 0)
				cli_error("unknown option '%s' (did you mean '%s'?)", argv[i], globals[k]);
			else
				cli_error("unknown option '%s'", argv[i]);
			cli_usage(stderr, NULL);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		cli_usage(stderr, NULL);
		return EXIT_USAGE;
	}
	if (!(cmd = cli_find(argv[i]))) {
		cli_unknown_command(argv[i], "see 'yoy --help'");
		return EXIT_USAGE;
	}
	/* The command line first: --help needs no datasets, a usage error loads nothing. */
	if ((rc = cli_parse(cmd, argc - i, argv + i, &iv)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	cli_progress_on();
	if ((cmd->needs & NEED_CORPUS) && !(iv.c = cli_corpus()))
		return EXIT_BADINPUT;
	if (iv.c && cli_check_set(&iv.lo, iv.c) < 0)
		rc = EXIT_USAGE;
	else
		rc = cmd->run(&iv);
	/* Not freed: the exit gives a national corpus's million blocks back at once, where
	 * free() would walk them (a quarter of a second at 300k items).  Kept reachable, so
	 * that leak checkers do not count it lost; so is the memo of labels. */
	kept = iv.c;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("stdout: write error");
		return rc ? rc : EXIT_BADINPUT;
	}
	return rc;
}
