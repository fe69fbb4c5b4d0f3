/*
 * cli: what every command shares: the global options, the listing options
 * (--format, -o, --excel, --set, --year, --jurisdiction, --grep), the corpus load and the
 * one place messages are printed.
 */
#ifndef YOY_CLI_H
#define YOY_CLI_H

#include <stdio.h>

#include "corpus.h"
#include "table.h"

struct global {
	const char *data;     /* --data, $YOY_DATA or ./datasets */
	int no_aliases;
};
extern struct global G;

struct listopt {
	enum table_format format;
	const char *out;      /* -o FILE */
	int excel;
	const char *set, *jurisdiction, *grep;
	int year;             /* 0: any */
};

/* Print "yoy: MSG" to stderr (MSG already has its FILE:LINE: place). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Show progress of long work on stderr when it is a terminal (see progress() in util.h). */
void cli_progress_on(void);

/* Load the corpus of G.data; prints the error and returns NULL on failure. */
struct corpus *cli_corpus(void);

/*
 * Parse a listing command's options from ARGV (ARGV[0] is the command).  EXTRA is a
 * getopt string of further short options and LONGX further long options (may be NULL),
 * handled by ON_OPT (returns 0, or -1 for a usage error).  Positional arguments are left
 * in argv[*first..argc).  Returns 0, 1 for --help (already printed), or -1 (usage error,
 * already printed).
 */
struct option;
int cli_parse(int argc, char **argv, struct listopt *lo, const struct option *longx,
              int (*on_opt)(int c, const char *arg, void *ctx), void *ctx, int *first);

/* The options of a listing command that takes no arguments: returns -1 to go on, else
 * the exit status (--help printed, or a usage error printed). */
int cli_listing(int argc, char **argv, struct listopt *lo, const struct corpus *c);

/* Do SET / ITEM pass the filters of LO?  (An unknown --set is checked by cli_check_set.) */
int cli_set_matches(const struct listopt *lo, const struct set *s);
int cli_text_matches(const struct listopt *lo, const char *const *texts, size_t n);
/* Check that --set names a loaded set; prints the error.  Returns -1 when it does not. */
int cli_check_set(const struct listopt *lo, const struct corpus *c);

/* Write T to lo->out (atomically) or stdout; returns the exit status. */
int cli_emit(const struct listopt *lo, const struct table *t, size_t maxw);

/* Print the usage of COMMAND to FP; returns 0, or -1 if there is no such command. */
int cli_usage(FILE *fp, const char *command);

#endif
