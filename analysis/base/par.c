/* par: see par.h. */
#include "base/par.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

size_t
par_threads(size_t work, size_t min)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("YOY_THREADS");

	if (env && atol(env) > 0 && atol(env) < ncpu)
		ncpu = atol(env);
	if (work < min || ncpu <= 1)
		return 1;
	return ncpu < PAR_MAX ? (size_t)ncpu : PAR_MAX;
}

void
par_run(void *(*fn)(void *), void *args, size_t size, size_t n)
{
	pthread_t th[PAR_MAX];
	int started[PAR_MAX] = { 0 };

	if (n > PAR_MAX)
		n = PAR_MAX;
	for (size_t t = 1; t < n; t++)
		started[t] = pthread_create(&th[t], NULL, fn, (char *)args + t * size) == 0;
	if (n)
		fn(args);
	for (size_t t = 1; t < n; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			fn((char *)args + t * size);
	}
}

struct for_job {
	void (*fn)(void *, size_t, size_t, size_t);
	void *arg;
	size_t t, from, to;
};

static void *
for_thread(void *arg)
{
	struct for_job *j = arg;

	j->fn(j->arg, j->t, j->from, j->to);
	return NULL;
}

size_t
par_for(size_t n, size_t min, void (*fn)(void *arg, size_t t, size_t from, size_t to), void *arg)
{
	struct for_job jobs[PAR_MAX];
	size_t nt = par_threads(n, min);

	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct for_job){ fn, arg, t, n * t / nt, n * (t + 1) / nt };
	par_run(for_thread, jobs, sizeof *jobs, nt);
	return nt;
}

struct any_job {
	void (*fn)(void *, size_t, size_t, size_t);
	void *arg;
	size_t t, n, chunk;
	struct par_queue *q;
};

static void *
any_thread(void *arg)
{
	struct any_job *j = arg;
	size_t pieces = (j->n + j->chunk - 1) / j->chunk;

	for (size_t k; (k = par_take(j->q)) < pieces;) {
		size_t from = k * j->chunk, to = j->n - from > j->chunk ? from + j->chunk : j->n;
		j->fn(j->arg, j->t, from, to);
	}
	return NULL;
}

size_t
par_for_any(size_t n, size_t chunk, void (*fn)(void *arg, size_t t, size_t from, size_t to),
            void *arg)
{
	struct any_job jobs[PAR_MAX];
	struct par_queue q = PAR_QUEUE_INIT;
	size_t nt;

	if (chunk == 0)
		chunk = 1;
	nt = par_threads(n, chunk);
	for (size_t t = 0; t < nt; t++)
		jobs[t] = (struct any_job){ fn, arg, t, n, chunk, &q };
	par_run(any_thread, jobs, sizeof *jobs, nt);
	return nt;
}
