/*
 * Unit tests for analysis/core/stats.c: the growth figures worked by hand from the notices
 * (AED, pocket parks, psychological screening), the edge cases (zero base, one point,
 * negative change, repeated year), the one percentage change and share, and the flags for
 * a unit or qualifier change.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/stats.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)

static void
test_hand_worked(void **state)
{
	struct growth g;
	char buf[64];
	(void)state;

	/* AED, cq-2025 100处 → cq-2026 700处: +600%. */
	assert_int_equal(stats_growth((int[]){ 2025, 2026 }, (double[]){ 100, 700 }, 2, &g), 0);
	NEAR(g.abs_change, 600);
	NEAR(g.pct_change, 600);
	NEAR(g.cagr, 600);
	assert_true(isnan(g.slope) && isnan(g.r2));

	/* Pocket parks 100, 100, 200 over 2024–2026: CAGR 41.42%, slope 50, r² 0.75. */
	stats_growth((int[]){ 2024, 2025, 2026 }, (double[]){ 100, 100, 200 }, 3, &g);
	assert_string_equal(stats_fmt(g.cagr, 2, buf), "41.42");
	NEAR(g.slope, 50);
	NEAR(g.r2, 0.75);
	assert_int_equal(g.points, 3);

	/* Psychological screening 2,000,000 → 2,000,000: 0%. */
	stats_growth((int[]){ 2025, 2026 }, (double[]){ 2000000, 2000000 }, 2, &g);
	assert_string_equal(stats_fmt(g.pct_change, 2, buf), "0");
	assert_string_equal(stats_fmt(g.cagr, 2, buf), "0");
}

static void
test_edges(void **state)
{
	struct growth g;
	char buf[64];
	(void)state;

	/* Zero base: no percentage, no CAGR, never inf or nan in print. */
	stats_growth((int[]){ 2024, 2025 }, (double[]){ 0, 50 }, 2, &g);
	NEAR(g.abs_change, 50);
	assert_true(isnan(g.pct_change) && isnan(g.cagr));
	assert_string_equal(stats_fmt(g.pct_change, 2, buf), "");
	/* One point: no change. */
	stats_growth((int[]){ 2025 }, (double[]){ 7 }, 1, &g);
	NEAR(g.abs_change, 0);
	assert_true(isnan(g.pct_change) == 0 && isnan(g.cagr));
	/* Negative change: 500 → 50 over one year is -90%. */
	stats_growth((int[]){ 2024, 2025 }, (double[]){ 500, 50 }, 2, &g);
	NEAR(g.pct_change, -90);
	NEAR(g.cagr, -90);
	/* Three equal values: slope 0, r² undefined. */
	stats_growth((int[]){ 2024, 2025, 2026 }, (double[]){ 5, 5, 5 }, 3, &g);
	NEAR(g.slope, 0);
	assert_true(isnan(g.r2));
	/* A year twice, or nothing: refused. */
	assert_int_equal(stats_growth((int[]){ 2025, 2025 }, (double[]){ 1, 2 }, 2, &g), -1);
	assert_int_equal(stats_growth(NULL, NULL, 0, &g), -1);
	/* The one percentage change: a zero base has none; a negative base is divided by
	 * its size, so a rise stays a rise (compare once divided by the signed value). */
	NEAR(stats_pct_change(100, 700), 600);
	assert_true(isnan(stats_pct_change(0, 5)));
	NEAR(stats_pct_change(-10, -5), 50);
	/* Shares. */
	assert_string_equal(stats_fmt(stats_share(500, 15000), 4, buf), "0.0333");
	assert_true(isnan(stats_share(5, 0)));
}

static void
test_flags(void **state)
{
	/* AED: 100处 (>=) in 2025, 700台 (=) in 2026: compared, and both changes flagged. */
	struct set s25 = { .id = "x-2025", .year = 2025, .jurisdiction = "某市" };
	struct set s26 = { .id = "x-2026", .year = 2026, .jurisdiction = "某市" };
	struct target t25 = { .value = 100, .unit = "处", .qualifier = QUAL_GE, .kind = KIND_COUNT };
	struct target t26 = { .value = 700, .unit = "台", .qualifier = QUAL_EQ, .kind = KIND_COUNT };
	struct item i25 = { .set = &s25, .seq = "1", .name = "a", .targets = { &t25, 1, 1 } };
	struct item i26 = { .set = &s26, .seq = "1", .name = "a", .targets = { &t26, 1, 1 } };
	struct series_member mem[] = { { &i25, 0 }, { &i26, 0 } };
	struct series se = { .id = "x-2025:1:1", .metric = "AED", .unit = "处", .m = mem, .n = 2 };
	struct match m = { .series = &se, .nseries = 1 };
	struct growth_row *rows;
	(void)state;

	assert_int_equal(stats_series_growth(&m, &rows), 1);
	NEAR(rows[0].g.pct_change, 600);
	{
		char *f = changes_str(&rows[0].changes);
		assert_string_equal(f, "unit 处→台; qualifier >=→=");
		free(f);
	}
	free(rows);
}

/* V as printf's %.*f with D decimals, the trailing zeros cut, "-0" as "0". */
static void
fmt_ref(double v, int d, char *ref)
{
	char *p;

	snprintf(ref, 64, "%.*f", d, v);
	if (strchr(ref, '.')) {
		for (p = ref + strlen(ref) - 1; *p == '0'; p--)
			*p = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(ref, "-0") == 0)
		strcpy(ref, "0");
}

/* Values print as printf's %.*f with the trailing zeros cut, whole numbers and fractions
 * too (which stats_fmt writes without printf when it can tell how they round): the two
 * agree on every kind of value. */
static void
test_fmt(void **state)
{
	const double v[] = { 0, -0.0, 1, -1, 7, 10, 28455, -233, 1e14, -1e14, 999999999999999,
		             1e15, 2.5e15, 0.5, -0.5, 0.00004, 0.00005, 41.4213, 1.5, 123456.789,
		             -3.14159, 1e-9, 4409.9, 0.125, 0.375, -0.625, 2.675, 1.005, 0.99999,
		             -0.99999, 0.000049999, 999999999.99999, 1e9 + 0.5, 0.015, 1.115 };
	char buf[64], ref[64];
	uint64_t seed = 88172645463325252ull;
	(void)state;

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		for (int d = 0; d <= 6; d++) {
			fmt_ref(v[i], d, ref);
			assert_string_equal(stats_fmt(v[i], d, buf), ref);
		}
	/* Random values of every size, and values a hair from a tie at each number of
	 * decimals (k + 1/2) / 10^d, where the product rounded may fall either side. */
	for (int i = 0; i < 400000; i++) {
		double x, mag;
		int d = i % 7;
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		mag = ldexp(1.0, (int)(seed % 60) - 30);
		x = (double)(seed >> 11) / 9007199254740992.0 * mag;
		if (i % 3 == 1)
			x = ((double)(seed % 100000000) + 0.5) / pow(10, d);
		if (i % 3 == 2)
			x = nextafter(((double)(seed % 100000) + 0.5) / pow(10, d), (seed & 1) ? 0 : 1e300);
		if (seed & 2)
			x = -x;
		fmt_ref(x, d, ref);
		assert_string_equal(stats_fmt(x, d, buf), ref);
	}
	assert_string_equal(stats_fmt(-0.0, 4, buf), "0");
	assert_string_equal(stats_fmt(-233, 4, buf), "-233");
	assert_string_equal(stats_fmt(NAN, 4, buf), "");
	assert_string_equal(stats_fmt(INFINITY, 4, buf), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_worked),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_fmt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
