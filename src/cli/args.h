/*
 * args: the CLI's option parsing: `--name value`, `--name=value` and
 * `--flag`, anywhere among the positional arguments.
 */
#ifndef RAA_CLI_ARGS_H
#define RAA_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct cli_opt {
	const char *name;   /* without the dashes */
	bool takes_value;
	const char *value;  /* set when given with a value */
	bool seen;
};

/* Table entries: OPT_VALUE("on"), OPT_FLAG("overdue"). */
#define OPT_VALUE(n) { .name = (n), .takes_value = true }
#define OPT_FLAG(n) { .name = (n), .takes_value = false }

#define CLI_MAX_POS 8

struct cli_args {
	int npos;
	const char *pos[CLI_MAX_POS];
};

/* Parses argv[0..argc) against opts. Unknown options, a missing value or too
 * many positionals are usage errors (RAA_EINVAL with a message). */
int args_parse(int argc, char **argv, struct cli_opt *opts, size_t nopts, struct cli_args *out,
	       struct raa_err *err);

/* The option named name, or NULL (a programming error to ask for one not
 * in the table). */
struct cli_opt *args_opt(struct cli_opt *opts, size_t nopts, const char *name);

#endif
