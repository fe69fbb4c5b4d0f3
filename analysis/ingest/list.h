/*
 * list: the items of a list layout (numbered, bulleted, plain) from the lines each item
 * spans — its text joined across hard-wrapped lines, a name where the notice prints one
 * (a name line above the task, a `名称。任务` or `名称：任务` lead used through the list),
 * and fields labelled in the text (`责任单位：区水利局`, `完成时限：2025年12月`).
 */
#ifndef YOY_INGEST_LIST_H
#define YOY_INGEST_LIST_H

#include <stddef.h>

#include "ingest/build.h"
#include "ingest/doc.h"

/* One item of a list: doc lines [first, end); the first SKIP bytes of the first line are
 * its number or bullet; STOP, when non-zero, is where the item ends in its first line
 * (an item inline in a paragraph: 一是…；二是…).  SECTION is the heading it stands
 * under (NULL: none). */
struct litem {
	size_t first, end;
	size_t skip, stop;
	long seq;
	const char *section;
};

/* Is KEY a line that only carries a marker or decoration (↓↓↓, ——, ※)? */
int list_is_decoration(const char *key);
/* Bytes of marker characters (*, ★, ▲, ▶, ●, ■, ◆, ·, •, -) at the start of TEXT,
 * whitespace after them included. */
size_t list_marker_len(const char *text);

/* A label at the start of TEXT (责任单位：, 完成时间:): its role, with *LEN the bytes of
 * the label and its colon; R_NONE when TEXT starts with none. */
enum role list_label(const char *text, size_t *len);

/* Does TEXT print an item as `名称。任务` or `名称：任务` (a short name, then the task)? */
int list_has_lead(const char *text);

/*
 * Build the items ITEMS (N) of doc D into B.  Lines that are chrome or blank inside an
 * item are skipped.  Returns 0 or -1 with *cause.
 */
int list_items(struct build *b, const struct doc *d, const struct litem *items, size_t n,
               char **cause);

#endif
