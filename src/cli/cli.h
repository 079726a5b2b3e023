/*
 * cli: the command-line adapter (DESIGN.md "Command-line contract").
 * Parses arguments, opens the store, calls one service, prints the result.
 * Exit 0 success, 1 user error (one line naming the problem), 2 usage.
 */
#ifndef RAA_CLI_CLI_H
#define RAA_CLI_CLI_H

#include <stdbool.h>

#include "cli/args.h"
#include "core/buf.h"
#include "service/export.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

/* What every command gets: global options and, once opened, the store. */
struct cli {
	const char *db;          /* --db, RAA_DB, or var/raa.db */
	enum out_format fmt;     /* --format (default text) */
	bool fmt_given;
	raa_day today;           /* date_today(): RAA_TODAY pins it */
	struct store *store;     /* opened by cli_open */
	const char *prog;
};

int cli_main(int argc, char **argv);

/* Opens the store (migrating nothing); prints the error and returns
 * non-zero on failure. */
int cli_open(struct cli *c);
/* Prints "raa: MESSAGE" to stderr and returns the exit code for err. */
int cli_fail(const struct raa_err *err);
/* Writes b to the file at path (--output), or to stdout when path is
 * NULL. 0, or EXIT_USER with "raa: ..." printed naming the file. */
int cli_write_out(const struct buf *b, const char *path);
/* Prints a usage error and returns EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a --on style date option (default today). */
int cli_date_opt(const struct cli_opt *o, raa_day dflt, raa_day *out);

/* Sub-commands: argv[0] is the sub-command's own name. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_partner(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_child(struct cli *c, int argc, char **argv);
int cmd_adopter(struct cli *c, int argc, char **argv);
int cmd_event(struct cli *c, int argc, char **argv);
int cmd_clocks(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_closure(struct cli *c, int argc, char **argv);
int cmd_setting(struct cli *c, int argc, char **argv);
int cmd_scorecard(struct cli *c, int argc, char **argv); /* cmd_scorecard.c */
int cmd_report(struct cli *c, int argc, char **argv);    /* cmd_report.c */
int cmd_match(struct cli *c, int argc, char **argv);     /* cmd_match.c */
int cmd_903(struct cli *c, int argc, char **argv);       /* cmd_903.c */
int cmd_link(struct cli *c, int argc, char **argv);      /* cmd_link.c */
int cmd_panel(struct cli *c, int argc, char **argv);     /* cmd_panel.c */
/* raa report monthly / raa report asglb (cmd_report_extra.c); argv[0] is
 * the subcommand's name. */
int cmd_report_monthly(struct cli *c, int argc, char **argv);
int cmd_report_asglb(struct cli *c, int argc, char **argv);

#endif
