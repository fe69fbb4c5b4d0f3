/*
 * wdiff: a word diff of two task texts, tokenised for Chinese: a number with its
 * multiplier and unit (32万人次) is one token, a run of Latin letters is one, every other
 * character is one.  So 32万人次 → 33万人次 is one change, not a change of one digit.
 */
#ifndef YOY_WDIFF_H
#define YOY_WDIFF_H

/* The diff of A and B as [-removed-]{+added+}; with COLOR, removed text in red and added
 * in green (ANSI) instead of the brackets.  Returns a malloc'd string. */
char *wdiff(const char *a, const char *b, int color);

#endif
