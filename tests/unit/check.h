/*
 * check: assertions on text the tests read back (a page, a listing).  Include after
 * cmocka.h.  A failure names the text that was missing or should not be there, not only
 * the line.
 */
#ifndef YOY_TEST_CHECK_H
#define YOY_TEST_CHECK_H

#include <string.h>

#define assert_contains(hay, needle)                                                      \
	do {                                                                               \
		const char *n_ = (needle);                                                 \
		if (!strstr((hay), n_))                                                    \
			fail_msg("missing: %s", n_);                                       \
	} while (0)

#define assert_lacks(hay, needle)                                                         \
	do {                                                                               \
		const char *n_ = (needle);                                                 \
		if (strstr((hay), n_))                                                     \
			fail_msg("should not be there: %s", n_);                           \
	} while (0)

#endif
