/*
 * par: independent pieces of work on the machine's cores.  The number of threads is the
 * processors online (at most PAR_MAX), or YOY_THREADS when that is smaller (a cap, for
 * tests and shared machines).  Results never depend on it: callers split the work into
 * pieces whose results they put together in a fixed order.
 */
#ifndef YOY_PAR_H
#define YOY_PAR_H

#include <stdatomic.h>
#include <stddef.h>

#define PAR_MAX 8

/* How many threads for WORK pieces: 1 when there are fewer than MIN of them. */
size_t par_threads(size_t work, size_t min);

/* FN on each of the N arguments ARGS[0..N-1] (each SIZE bytes), one thread each, the first
 * in the calling thread; an argument whose thread cannot start runs here.  N ≤ PAR_MAX. */
void par_run(void *(*fn)(void *), void *args, size_t size, size_t n);

/* FN(ARG, T, FROM, TO) for the runs [FROM, TO) that cut 0..N into as many pieces as
 * par_threads(N, MIN), run T of them in thread T; returns how many runs there were (so that
 * a caller can put their results together in order). */
size_t par_for(size_t n, size_t min, void (*fn)(void *arg, size_t t, size_t from, size_t to),
               void *arg);

/*
 * Pieces of work handed out as the threads ask for them, for work whose results do not
 * depend on which thread does which piece: a thread slowed down (a shared machine) takes
 * fewer, rather than holding the others up at the end.  Each thread asks par_take(Q) for
 * the number of its next piece until it gets one at or past the number of pieces.
 */
struct par_queue {
	atomic_size_t next;
};
#define PAR_QUEUE_INIT { 0 }

static inline size_t
par_take(struct par_queue *q)
{
	return atomic_fetch_add_explicit(&q->next, 1, memory_order_relaxed);
}

/* FN(ARG, T, FROM, TO) for runs [FROM, TO) of at most CHUNK that cut 0..N, taken by
 * par_threads(N, CHUNK) threads as they ask (T the taker: a thread's state is its own);
 * returns how many threads there were.  The order of the runs is not kept. */
size_t par_for_any(size_t n, size_t chunk,
                   void (*fn)(void *arg, size_t t, size_t from, size_t to), void *arg);

#endif
