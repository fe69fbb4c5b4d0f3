/*
 * query: the targets that answer a question such as "AED" or "托位": metric, the clause
 * of the task around the number and the item name are matched by substring (after NFKC,
 * ASCII case-folded) or by the share of the question's character bigrams they hold, with a
 * small table of synonyms (AED ↔ 自动体外除颤器, 托育 ↔ 托位 ↔ 婴幼儿照护 ...).  A hit
 * brings its whole series along, so the answer reads year by year.
 */
#ifndef YOY_QUERY_H
#define YOY_QUERY_H

#include <stddef.h>

#include "core/match.h"

struct query_opts {
	int year;                 /* 0: any */
	const char *set, *jurisdiction, *unit;
	int has_min_change;
	double min_change;        /* percent, over the series in the hit's jurisdiction */
};

/* What a question's own words narrow it to, and the words left to search for. */
struct query_narrowed {
	int year;                 /* a year it names (2026, 2026年), or 0 */
	const char *set;          /* a set id it names, or NULL */
	const char *jurisdiction; /* a place it names (渝北区, 渝北, yubei): the set's
	                           * jurisdiction name, or NULL */
	char *rest;               /* the question without them (malloc'd) */
};

/* Read the years, set ids and places out of QUESTION ("渝北区的托位", "托育 2026"). */
void query_narrow(const struct corpus *c, const char *question, struct query_narrowed *q);


struct query_hit {
	const struct item *item;
	int t;                    /* target index */
	const struct series *series; /* or NULL */
	double score;             /* relevance in (0,1], the best of its series */
	double pct_change;        /* from its jurisdiction's member of the year before, or NAN
	                           * (the first year has no change) */
	double series_change;     /* of its series along its jurisdiction's years, or NAN:
	                           * what --min-change compares */
};

/* Relevance of TEXT to QUESTION in [0,1] (1: QUESTION, or a synonym, is contained). */
double query_score(const char *question, const char *text);

/* The hits for QUESTION (empty: every target), best first, grouped by series.  *HITS is
 * malloc'd; returns their number. */
size_t query_run(const struct corpus *c, const struct match *m, const char *question,
                 const struct query_opts *o, struct query_hit **hits);

/* Keep the hits (of N) whose sets are what Q names (when an option said otherwise, none);
 * returns how many are left, in order, at the start of HITS. */
size_t query_keep(struct query_hit *hits, size_t n, const struct query_narrowed *q);

#endif
