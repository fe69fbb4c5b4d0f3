/*
 * stats: how a target moved.  Growth along one jurisdiction's years (absolute and
 * percentage change, CAGR, and for three or more years the least-squares slope and r²,
 * through GSL), and a district's share of its city's value.
 *
 * Undefined figures are NAN, never inf: a zero or missing base has no percentage change,
 * CAGR needs both ends positive and a year between them, slope and r² need three years
 * (r² also needs values that vary).  stats_fmt() prints NAN as an empty field.
 */
#ifndef YOY_STATS_H
#define YOY_STATS_H

#include <stddef.h>

#include "core/match.h"

struct growth {
	double first, last;     /* values at the first and last year */
	int first_year, last_year;
	double abs_change;      /* last - first */
	double pct_change;      /* percent: 600 means +600%; NAN for a zero base */
	double cagr;            /* percent per year; NAN unless both ends > 0, years apart */
	double slope, r2;       /* least squares, units per year; NAN under three points */
	size_t points;
};

/* Growth of the N points (YEARS[i], VALUES[i]), years ascending.  Returns -1 when N is 0
 * or a year repeats; one point gives zero change and NAN for the rest. */
int stats_growth(const int *years, const double *values, size_t n, struct growth *g);

/* The percentage change from FROM to TO (600 means +600%): NAN for a zero base.  The one
 * definition every output uses (growth, compare, query). */
double stats_pct_change(double from, double to);

/* A district value as a share of the city value: NAN when the city value is not positive. */
double stats_share(double part, double whole);

/* Format V with at most DECIMALS decimals, no trailing zeros; NAN as "". BUF holds 64. */
const char *stats_fmt(double v, int decimals, char *buf);

/*
 * What differs between targets compared (the flags column): a unit or a qualifier that
 * changed (the first change of each is kept), a target on one side only.  changes_str()
 * names them in every output: "unit 人→名; qualifier >=→=", "new target".
 */
enum { CHG_UNIT = 1u, CHG_QUALIFIER = 2u, CHG_NEW_TARGET = 4u, CHG_DROPPED_TARGET = 8u };
struct changes {
	unsigned what;
	const char *unit_from, *unit_to;
	enum qual qual_from, qual_to;
};
/* Note what differs between FROM and TO (either may be NULL: a target on one side). */
void changes_note(struct changes *c, const struct target *from, const struct target *to);
/* The changes named, "; "-separated ("" for none); malloc'd. */
char *changes_str(const struct changes *c);

/* One row of `yoy growth`: a series along the years of one jurisdiction. */
struct growth_row {
	const struct series *s;
	const char *jurisdiction;
	const struct series_member *first, *last;
	struct growth g;
	struct changes changes; /* of unit or qualifier between the years */
};

/* The growth rows of every series (jurisdictions with two or more years).  *ROWS is
 * malloc'd; the caller frees it. */
size_t stats_series_growth(const struct match *m, struct growth_row **rows);

/* How much of a city's target its loaded districts account for, per series and city set. */
struct share_row {
	const struct series *s;
	const struct series_member *city;
	const struct series_member **district; /* its district members of the same year */
	double *district_share; /* each one's share of the city value (NAN as below) */
	size_t ndistricts;
	double district_sum;
	double share;           /* district_sum / city value, NAN for a city value <= 0 */
};

/* One row per city member that has district members of its year.  Release the rows with
 * stats_shares_free. */
size_t stats_district_shares(const struct match *m, struct share_row **rows);
void stats_shares_free(struct share_row *rows, size_t n);

/* The series that have no growth row and no share row: their members are in different
 * places and years (the city in 2024, a district in 2025).  *OUT is malloc'd. */
size_t stats_lone_series(const struct match *m, const struct series ***out);

#endif
