/*
 * commands: the run functions of the command table (main.c), one file per group:
 * cmd_ingest.c, cmd_list.c (the listings, compare, query, sql), cmd_show.c (diff,
 * plot, report) and cmd_export.c (the workbook).
 */
#ifndef YOY_COMMANDS_H
#define YOY_COMMANDS_H

#include "cmd/cli.h"

int cmd_ingest(struct invocation *iv);
int cmd_sets(struct invocation *iv);
int cmd_items(struct invocation *iv);
int cmd_targets(struct invocation *iv);
int cmd_match(struct invocation *iv);
int cmd_series(struct invocation *iv);
int cmd_growth(struct invocation *iv);
int cmd_compare(struct invocation *iv);
int cmd_query(struct invocation *iv);
int cmd_sql(struct invocation *iv);
int cmd_diff(struct invocation *iv);
int cmd_plot(struct invocation *iv);
int cmd_report(struct invocation *iv);
int cmd_export(struct invocation *iv);

#endif
