/*
 * Benchmark: target extraction over every item of a datasets folder, repeated, reported
 * as time per pass.  Usage: bench_extract [DATASETS] [PASSES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/corpus.h"
#include "core/label.h"
#include "core/targets.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "datasets";
	int passes = argc > 2 ? atoi(argv[2]) : 200;
	char *cause = NULL;
	struct corpus *c = corpus_load(dir, &cause);
	size_t items = 0, targets = 0;
	double t0, t1, best = 1e9;

	if (!c) {
		fprintf(stderr, "bench_extract: %s\n", cause);
		return 1;
	}
	for (int p = 0; p < passes; p++) {
		label_forget(); /* each pass from nothing, as a run of yoy */
		t0 = now();
		items = targets = 0;
		for (size_t i = 0; i < c->nsets; i++)
			for (size_t k = 0; k < c->sets[i].nitems; k++) {
				struct target_list l = { 0 };
				targets_extract(c->sets[i].items[k].task, c->sets[i].items[k].name, &l);
				targets += l.n;
				items++;
				target_list_release(&l);
			}
		t1 = now();
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	printf("extract  %zu sets  %zu items  %zu targets  %.3f ms per pass (best of %d)\n",
	       c->nsets, items, targets, best * 1e3, passes);
	corpus_free(c);
	return 0;
}
