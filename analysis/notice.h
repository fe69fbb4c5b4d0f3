/*
 * notice: parse a published notice (重点民生实事 target list) into its header fields and
 * its items.  Three layouts are understood, told apart by the table header itself:
 *
 *   rows   one table row per line, cells separated by tabs; rows that continue after a
 *          page break start with an empty 序号 cell (cq-2026);
 *   cells  one cell per line, each line starting with a tab, a cell continuing on lines
 *          without a tab (cq-2025, yubei-2025);
 *   pdf    text as a PDF converter lays it out: no tabs, cells one or several per line,
 *          wrapped at the column width (cq-2024, gaoxin-2025).
 *
 * Columns are found by the header cells' names (序号, 项目名称, 责任单位, ...工作任务, ...),
 * items by the sequence of their numbers, and in the pdf layout the 责任单位 cell by the
 * shape of its text (a list of organisation names).
 */
#ifndef YOY_NOTICE_H
#define YOY_NOTICE_H

#include <stddef.h>

/* Hard limits, checked with clear errors. */
#define NOTICE_MAX_BYTES (16u << 20)
#define NOTICE_MAX_LINE (1u << 20)
#define NOTICE_MAX_ITEMS 10000

struct notice_item {
	char *seq;      /* as printed, prefixed with the section letter where numbering restarts */
	char *section, *name, *units, *task, *deadline, *note;
	int line;       /* line of the item number in the notice */
	int *task_lines; /* for each byte of task, the notice line it came from */
};

struct notice {
	const char *encoding;  /* "UTF-8" or "GB18030" */
	const char *layout;    /* "rows", "cells" or "pdf" */
	int year;              /* 0 when not found */
	char *jurisdiction, *level, *doc_number, *issued, *title, *issuer;
	struct notice_item *items;
	size_t nitems;
	char **warnings;       /* "NAME:LINE: what" messages for things that look wrong */
	size_t nwarnings;
};

/*
 * Parse the raw bytes BUF (LEN) of the notice read from NAME.  Returns NULL with
 * "NAME:LINE: what" in *cause when the text cannot be decoded or holds no task table.
 */
struct notice *notice_parse(const char *buf, size_t len, const char *name, char **cause);
/* Read and parse the file at PATH. */
struct notice *notice_load(const char *path, char **cause);
void notice_free(struct notice *n);

/* Is S (cleaned text) a list of organisation names, as in a 责任单位 cell:
 * 市教委、市市场监管局, 政务服务和社会事务中心, or "—" for none? */
int notice_is_org_list(const char *s);

#endif
