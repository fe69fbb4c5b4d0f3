/*
 * cli: the command face.  A command is a row of the table in main.c: its name, what it
 * does, the options it takes (named once here, with their help) and how many arguments;
 * one parser reads every command line from that row and one function prints its help.
 * Each command (cmd_*.c) then loads what it needs, calls the library and renders: no
 * figure is computed here (core/rows.h builds them).  Everything the face prints goes
 * through cli_error, cli_warning and cli_emit.
 */
#ifndef YOY_CLI_H
#define YOY_CLI_H

#include <stdio.h>

#include "core/corpus.h"
#include "core/match.h"
#include "core/rows.h"
#include "render/lang.h"
#include "render/table.h"

#ifndef YOY_VERSION
#define YOY_VERSION "0.1.0"
#endif

struct global {
	const char *data;     /* --data, $YOY_DATA or ./datasets */
	int no_aliases;
	enum lang lang;       /* --lang, else from the environment */
};
extern struct global G;

/* An option of a command: its long name, its short letter (0 if none), the name of its
 * argument in the help (NULL for a flag) and its help (lines after the first indented). */
struct opt {
	const char *name;
	int letter;
	const char *arg;
	const char *help;
};

/* Groups of options several commands share. */
enum {
	OPTS_OUTPUT = 1,      /* --format, -o/--output FILE, --excel */
	OPTS_FILTER = 2,      /* --set, --year, --jurisdiction */
	OPTS_GREP = 4,        /* --grep */
	OPTS_LISTING = OPTS_OUTPUT | OPTS_FILTER | OPTS_GREP,
};

/* What a command needs before it runs. */
enum { NEED_NOTHING = 0, NEED_CORPUS = 1 };

struct invocation;

struct command {
	const char *name;
	int (*run)(struct invocation *iv);
	int needs;
	const char *synopsis;
	const char *about;        /* what it does, before the options */
	unsigned groups;          /* OPTS_* */
	const struct opt *opts;   /* its own options, ending with { NULL } */
	const char *notes;        /* printed after the options, or NULL */
	int min_args, max_args;   /* positional arguments; max -1: any number */
	const char *args_error;   /* the message for a wrong number of them */
	size_t maxw;              /* widest cell on a terminal (listings), 0: whole */
};

/* The listing options as parsed: the output and the filter. */
struct listopt {
	enum table_format format;
	const char *out;          /* -o FILE */
	int excel;
	struct filter f;
};

#define MAX_OPTS 16

struct invocation {
	const struct command *cmd;
	struct corpus *c;         /* loaded when the command needs it */
	struct listopt lo;
	const char *val[MAX_OPTS];/* own options' values, in the order of cmd->opts: the
	                           * argument, "" for a flag given, NULL when not given */
	char **args;              /* positional arguments */
	int nargs;
};

/* The value of the command's own option NAME (see val above). */
const char *cli_opt(const struct invocation *iv, const char *name);

/* The command table (main.c). */
extern const struct command cli_commands[];
extern const size_t cli_ncommands;
const struct command *cli_find(const char *name);

/*
 * Parse ARGV (ARGV[0] is the command's name) into IV by the command's row.  Returns 0;
 * 1 when --help was asked (printed); -1 for a usage error (printed).
 */
int cli_parse(const struct command *cmd, int argc, char **argv, struct invocation *iv);

/* Print the usage of one command, or of them all (NULL), to FP. */
void cli_usage(FILE *fp, const struct command *cmd);

/* Print "yoy: MSG" to stderr (MSG already has its FILE:LINE: place). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print CAUSE as an error, free it, and return STATUS. */
int cli_fail(char *cause, int status);

/* Show progress of long work on stderr when it is a terminal (see progress() in util.h). */
void cli_progress_on(void);

/* Load the corpus of G.data; prints the error and returns NULL on failure. */
struct corpus *cli_corpus(void);
/* Extract the targets, read the aliases (unless --no-aliases) and run the matcher.
 * FLAGS: targets traced to their notice lines (CLI_LINES); links without their shared
 * terms, for a command that does not show links (CLI_NO_WHY).  Returns 0, or prints the
 * error and returns -1. */
enum { CLI_LINES = 1, CLI_NO_WHY = 2 };
int cli_match(struct corpus *c, struct match *mt, int flags);

/* Check that --set names a loaded set and --jurisdiction a loaded jurisdiction; prints
 * the error, with the nearest known one.  Returns -1 when one does not. */
int cli_check_set(const struct listopt *lo, const struct corpus *c);
/* The error for a set id that is not loaded, with the nearest one (WHAT: the command). */
void cli_unknown_set(const struct corpus *c, const char *id);
/* The error for an unknown command, with the nearest one, then HINT. */
void cli_unknown_command(const char *name, const char *hint);
/* Set G.lang from "zh" or "en"; prints the error and returns -1 for anything else. */
int cli_set_lang(const char *s);
/* The item named SET:SEQ (WHAT names the command in the message), or NULL, printed. */
const struct item *cli_item(const struct corpus *c, const char *ref, const char *what);
/* Is gnuplot on the PATH?  If not, says so and how to install it. */
int cli_have_gnuplot(void);

/* Write R to lo->out (atomically) or stdout; returns the exit status. */
int cli_emit(const struct listopt *lo, const struct rows *r, size_t maxw);

#endif
