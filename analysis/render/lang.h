/*
 * lang: the words people read, in Chinese or English.  The machine-readable outputs
 * (--format csv, --format json, SQL) keep the column names and codes of docs/design.md;
 * everything a person reads — a table on the terminal, --excel CSV, the workbook, the
 * report, the charts — takes its headings and words from here.
 */
#ifndef YOY_LANG_H
#define YOY_LANG_H

#include "core/rows.h"

enum lang { LANG_EN, LANG_ZH };

/* The language of the environment: the first of LC_ALL, LC_MESSAGES and LANG that is set
 * and not empty; "zh…" is Chinese, anything else English.  Reads the variables only, so
 * it works where no locale is generated. */
enum lang lang_from_env(void);

/* "zh" or "en" (also "zh_CN", "zh-CN", "en_US" …); -1 for anything else. */
int lang_parse(const char *s, enum lang *l);

/* The heading of column COL of R for a reader: its words, with the column's tag where it
 * has one (from_value of 2025 → 2025年目标值).  Malloc'd. */
char *lang_heading(enum lang l, const struct rows *r, size_t col);

/* The words for a code of a column (status, relation, kind, qualifier, level, flags):
 * continued → 延续, >= → ≥, "unit 人→名; new target" → 单位 人→名；新增目标.  Text that
 * is no code comes back as it is.  Malloc'd. */
char *lang_value(enum lang l, const struct col *c, const char *code);

/* A cell of column C as a person reads it: codes and flags in words (lang_value), a
 * percentage with its sign (600 → 600%), a share as a percentage (0.0595 → 5.95%); other
 * text as it is.  Malloc'd. */
char *lang_cell(enum lang l, const struct col *c, const char *text);

/*
 * VALUE with UNIT (as printed, may be "" or NULL) written as people write it.  Chinese:
 * 万 and 亿 where the number is round enough to be printed so (41860000 平方米 →
 * 4186万平方米, 11000 → 1.1万, 2000000 → 200万, 150000000 → 1.5亿; 1227 and 12345 stay
 * as they are), the unit right after.  English: thousands grouped (41,860,000 平方米).
 * A percentage is 35% in both.  NAN is "".  Malloc'd.
 */
char *lang_number(enum lang l, double value, const char *unit);

/* A fixed phrase of the report, the workbook or the charts, by its English text: the
 * Chinese when L is LANG_ZH and there is one, else the English. */
const char *lang_say(enum lang l, const char *en);

/* A phrase in English and Chinese; lang_pick() finds EN in a table of them (an output with
 * words of its own, the report's, keeps its table beside it) and answers as lang_say. */
struct lang_phrase {
	const char *en, *zh;
};
const char *lang_pick(enum lang l, const struct lang_phrase *tbl, size_t n, const char *en);

#endif
