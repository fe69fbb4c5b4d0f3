/*
 * proc: running a helper program (pdftotext, gnuplot) and collecting what it says.
 *
 * The program runs with /dev/null as its input, optionally in another folder; its output
 * is kept up to a limit (beyond it the program is killed) and the tail of its error
 * output is kept for the message.  Nothing here prints.
 */
#ifndef YOY_PROC_H
#define YOY_PROC_H

#include <stddef.h>

#include "base/util.h"

struct proc {
	struct sb out;          /* its standard output (empty unless asked for) */
	struct sb err;          /* the last few kilobytes of its standard error */
	int status;             /* as waitpid() gives it */
	int big;                /* its output passed the limit and it was killed */
};

/* Whether PROG is an executable file on the PATH (or at that path when it has a '/'). */
int proc_have(const char *prog);

/*
 * Runs ARGV (argv[0] looked up on the PATH) in folder DIR (NULL: here).  With
 * MAX_OUT > 0 its standard output is collected into P->out up to MAX_OUT bytes, else it
 * goes to /dev/null.  Returns 0 once it has run (P->status says how it ended; 127 when it
 * could not be started), -1 with *CAUSE (prefixed by argv[0]) when it could not be run.
 */
int proc_run(const char *const *argv, const char *dir, size_t max_out, struct proc *p,
             char **cause);

/* Did it exit with 0? */
int proc_ok(const struct proc *p);

/* The line of its error output that tells what went wrong: the first containing MARK,
 * else the first non-blank one; malloc'd, "" when it said nothing. */
char *proc_message(const struct proc *p, const char *mark);

/* The last non-blank line of its error output (at most 200 bytes); malloc'd. */
char *proc_last_line(const struct proc *p);

void proc_release(struct proc *p);

#endif
