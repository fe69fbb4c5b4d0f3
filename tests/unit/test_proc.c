/*
 * Unit tests for analysis/base/proc.c: a helper program's output collected, its error
 * message found, its output cut at the limit (and the program killed), a program that is
 * not there, a working folder.
 */
#include "base/proc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void
test_run(void **state)
{
	const char *argv[] = { "sh", "-c", "echo out; echo 'warning: x' >&2; "
		                           "echo '\"a.gp\" line 3: bad' >&2; echo last >&2; exit 3",
		               NULL };
	struct proc p;
	char *cause = NULL, *m;
	(void)state;

	assert_true(proc_have("sh"));
	assert_int_equal(proc_run(argv, NULL, 1024, &p, &cause), 0);
	assert_false(proc_ok(&p));
	assert_true(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 3);
	assert_int_equal(p.out.len, 4);
	assert_memory_equal(p.out.buf, "out\n", 4);
	m = proc_message(&p, "\" line ");
	assert_string_equal(m, "\"a.gp\" line 3: bad");
	free(m);
	m = proc_message(&p, "no such mark");
	assert_string_equal(m, "warning: x");
	free(m);
	m = proc_last_line(&p);
	assert_string_equal(m, "last");
	free(m);
	proc_release(&p);
}

static void
test_limit_and_folder(void **state)
{
	const char *yes[] = { "sh", "-c", "while :; do echo yyyyyyyyyyyyyyyy; done", NULL };
	const char *pwd[] = { "pwd", NULL };
	struct proc p;
	char *cause = NULL;
	(void)state;

	/* Past the limit the program is killed and nothing beyond it kept. */
	assert_int_equal(proc_run(yes, NULL, 100000, &p, &cause), 0);
	assert_true(p.big);
	assert_true(p.out.len <= 100000);
	assert_true(WIFSIGNALED(p.status));
	proc_release(&p);
	/* Output to /dev/null when not asked for; a working folder. */
	assert_int_equal(proc_run(pwd, "/", 0, &p, &cause), 0);
	assert_true(proc_ok(&p));
	assert_int_equal(p.out.len, 0);
	proc_release(&p);
	assert_int_equal(proc_run(pwd, "/", 100, &p, &cause), 0);
	assert_string_equal(p.out.buf, "/\n");
	proc_release(&p);
}

static void
test_missing(void **state)
{
	const char *argv[] = { "yoy-no-such-program", NULL };
	struct proc p;
	char *cause = NULL;
	(void)state;

	assert_false(proc_have("yoy-no-such-program"));
	assert_false(proc_have("/nonexistent/sh"));
	assert_int_equal(proc_run(argv, NULL, 100, &p, &cause), 0);
	assert_true(WIFEXITED(p.status) && WEXITSTATUS(p.status) == 127);
	proc_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_limit_and_folder),
		cmocka_unit_test(test_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
