/* proc: running a helper program and collecting what it says (proc.h). */
#include "base/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int
proc_have(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL;
	int found = 0;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	if (!path || !*path)
		return 0;
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *p = xasprintf("%s/%s", *dir ? dir : ".", prog);
		struct stat st;
		found = stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
		free(p);
	}
	free(copy);
	return found;
}

/* The child: its input from /dev/null, output to OUT (or /dev/null), errors to ERR. */
static void
child(const char *const *argv, const char *dir, int out, int err)
{
	int devnull = open("/dev/null", O_RDWR);

	dup2(devnull, 0);
	dup2(out >= 0 ? out : devnull, 1);
	dup2(err, 2);
	if (dir && chdir(dir) < 0)
		_exit(126);
	execvp(argv[0], (char *const *)argv);
	_exit(127);
}

/* Reads both pipes until they close; past MAX_OUT bytes of output, kills PID. */
static void
collect(struct proc *p, int fd[2], size_t max_out, pid_t pid)
{
	struct pollfd pf[2] = { { fd[0], POLLIN, 0 }, { fd[1], POLLIN, 0 } };
	char buf[65536];

	while (pf[0].fd >= 0 || pf[1].fd >= 0) {
		pf[0].events = pf[1].events = POLLIN;
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			ssize_t r;
			if (pf[i].fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = read(pf[i].fd, buf, sizeof buf);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				close(pf[i].fd);
				pf[i].fd = -1;
			} else if (i == 1) {
				/* Its tail: the last lines are the ones that tell. */
				if (p->err.len > 8192) {
					memmove(p->err.buf, p->err.buf + p->err.len - 4096, 4096);
					p->err.len = 4096;
				}
				sb_add(&p->err, buf, (size_t)r);
			} else if (p->out.len + (size_t)r > max_out) {
				p->big = 1;
				kill(pid, SIGKILL);
				close(pf[0].fd);
				pf[0].fd = -1;
			} else
				sb_add(&p->out, buf, (size_t)r);
		}
	}
	for (int i = 0; i < 2; i++)
		if (pf[i].fd >= 0)
			close(pf[i].fd);
}

int
proc_run(const char *const *argv, const char *dir, size_t max_out, struct proc *p,
         char **cause)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, fd[2], e;
	pid_t pid;

	memset(p, 0, sizeof *p);
	if ((max_out && pipe2(po, O_CLOEXEC) < 0) || pipe2(pe, O_CLOEXEC) < 0) {
		e = errno;
		goto err;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		e = errno;
		goto err;
	}
	if (pid == 0)
		child(argv, dir, po[1], pe[1]);
	if (po[1] >= 0)
		close(po[1]);
	close(pe[1]);
	fd[0] = po[0];
	fd[1] = pe[0];
	collect(p, fd, max_out, pid);
	while (waitpid(pid, &p->status, 0) < 0 && errno == EINTR)
		;
	return 0;
err:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	return fail(cause, "%s: %s", argv[0], strerror(e));
}

int
proc_ok(const struct proc *p)
{
	return WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0;
}

char *
proc_message(const struct proc *p, const char *mark)
{
	const char *s = p->err.buf ? p->err.buf : "", *at;
	size_t n;

	if (mark && (at = strstr(s, mark))) {
		while (at > s && at[-1] != '\n')
			at--;
		s = at;
	}
	while (*s == '\n' || *s == ' ')
		s++;
	n = strcspn(s, "\n");
	return xstrndup(s, n);
}

char *
proc_last_line(const struct proc *p)
{
	const char *s = p->err.buf ? p->err.buf : "", *e = s + strlen(s), *b;

	while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' '))
		e--;
	for (b = e; b > s && b[-1] != '\n' && b[-1] != '\r'; b--)
		;
	return xstrndup(b, e - b > 200 ? 200 : (size_t)(e - b));
}

void
proc_release(struct proc *p)
{
	sb_release(&p->out);
	sb_release(&p->err);
}
