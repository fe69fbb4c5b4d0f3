/*
 * build: what every layout shares to turn a doc's lines into items — text pieces that
 * remember the source line of each byte, the roles of header words, item numbers in all
 * their printed forms, section headings, page chrome, and the notice under construction.
 *
 * Layouts fill a `struct build` through build_item / build_row; ingest.c then numbers
 * sections, checks for a cut-off table and reads the notice's head.
 */
#ifndef YOY_INGEST_BUILD_H
#define YOY_INGEST_BUILD_H

#include <stddef.h>
#include <string.h>

#include "ingest/doc.h"
#include "ingest/notice.h"
#include "base/util.h"

/* ---- pieces: text with the source line of each byte ---- */

struct piece {
	struct sb text;
	int *lines;
	size_t lcap;
};

void piece_add(struct piece *p, const char *s, size_t n, int line);
void piece_adds(struct piece *p, const char *s, int line);
void piece_append(struct piece *p, const struct piece *src);
void piece_release(struct piece *p);
/* The cleaned text (text_clean) and, when LINES is non-NULL, the line of each byte. */
char *piece_finish(const struct piece *p, int **lines);
/* Add a cell's parts, in order. */
void piece_add_cell(struct piece *p, const struct dcell *c);

/* ---- header words ---- */

enum role {
	R_NONE,         /* a column yoy does not read (投资, 进度, 完成情况 ...) */
	R_SEQ, R_SECTION, R_NAME, R_UNITS, R_TASK, R_DEADLINE, R_NOTE,
	R_EXTRA,        /* a known column that is not the task: kept out of it */
};

/* The role a header cell names (KEY: text_key of the cell, simplified or traditional);
 * R_NONE when it names none. */
enum role role_of(const char *key);
const char *role_name(enum role r);

/* ---- item numbers ---- */

/* How an item number is printed. */
enum numstyle {
	NUM_NONE,
	NUM_HAN,        /* 一、 一. 一， */
	NUM_PHAN,       /* （一） (一) */
	NUM_ARABIC,     /* 1. 1、 1。 1． 1) 1） 01 1 (a number alone) */
	NUM_PARABIC,    /* （1） (1) */
	NUM_CIRCLED,    /* ① ② */
	NUM_SHI,        /* 一是 二是 */
	NUM_DI,         /* 第一项 第1项 第一件 第一， */
	NUM_ZHI,        /* 之一： at the start of a line, or …项目之一 ending a heading line */
	NUM_NSTYLES
};

struct num {
	enum numstyle style;
	long value;         /* the number (一 → 1, 十二 → 12) */
	size_t len;         /* bytes of the number and its mark at the start of the text */
	int alone;          /* nothing follows on the line */
};

/* Read an item number at the start of TEXT (leading whitespace allowed); returns 1 and
 * fills N, or 0 when TEXT does not start with one ("1.5万", "2024年", "12个" are not). */
int num_parse(const char *text, struct num *n);
/* A heading line ending in its number, 2023年民生实事项目之一: returns 1 and fills N
 * (style NUM_ZHI, the whole line as its length, alone), or 0. */
int num_trailing(const char *text, struct num *n);
/* 一 → 1, 十二 → 12, 二十三 → 23; -1 when S (LEN bytes) is not a Chinese numeral. */
long num_han(const char *s, size_t len);
/* Does REST (what follows a number) start with a measure word or unit: 个, 万, 公里, %…? */
int num_is_measure(const char *rest);
/* Parse a whole-number key of 1-3 ASCII digits; -1 otherwise. */
long seq_value(const char *key);

/* ---- lines that are not list content ---- */

/* "— 4 —", "-4-", "第 4 页" */
int is_page_number(const char *key);
/* An appendix heading, a 印发 footer or a 抄送 line: the end of a task table. */
int is_table_end(const char *key);
/*
 * Page chrome and the prose around a list: navigation, share widgets, 责任编辑, photo
 * captions, signatures, dates, 现将…印发 — KEY is the line's text_key.  Lines that are
 * chrome never start or continue an item.
 */
int is_chrome(const char *key);
/* A section heading "一、市分解到区的民生实事（共13项）"; returns its name or NULL. */
char *section_heading(const char *text);
/* A heading's text (numbering already removed) without a trailing count (（共13项）) or
 * colon: 老有所享 from 老有所享（共3项）.  Returns a new string. */
char *section_name(const char *text);

/* ---- organisation names (the 责任单位 column) ---- */

int notice_is_org_list(const char *s);
int ends_with_org_suffix(const char *s);
int has_sentence_marks(const char *s);
/* Marks that end a sentence or a clause (。；，： and their ASCII forms, ！？): a line
 * holding one is text, not a heading or a name line. */
int has_clause_marks(const char *s);

/* ---- the notice under construction ---- */

struct build {
	const char *name;       /* input name, for messages */
	struct notice *n;
	char *section;          /* current section, owned */
	char **sections;        /* distinct sections in order of appearance */
	size_t nsections, scap;
	size_t icap;
	long last_seq;
};

void build_init(struct build *b, const char *name);
void build_release(struct build *b);
void build_warn(struct build *b, int line, const char *fmt, const char *arg);
void build_section(struct build *b, const char *s);

/* A row under construction: one piece per column (layouts with columns). */
#define ROW_MAX_COLS DOC_MAX_CELLS
struct row {
	struct piece cell[ROW_MAX_COLS];
	int line;
	long seq;
	char *seqtext;
};
void row_release(struct row *r);
/* Turn a finished row into an item, its columns read by COLS (NCOLS roles); UNITS cells
 * are joined with " | ".  Returns 0 or -1 with *cause (too many items). */
int build_row(struct build *b, struct row *r, const enum role *cols, size_t ncols,
              char **cause);

/* An item from pieces (any may be NULL).  SEQ is copied. */
struct draft {
	const char *seq;
	int line;
	struct piece *name, *units, *task, *deadline, *note;
};
int build_item(struct build *b, const struct draft *d, char **cause);

/* Is V the next item number (or 1, restarting the numbering)? */
int build_is_next(const struct build *b, long v);

/* Inline, so that the length of a literal P or SUF is known when compiling. */
static inline int
starts_with(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static inline int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && memcmp(s + n - m, suf, m) == 0;
}

#endif
