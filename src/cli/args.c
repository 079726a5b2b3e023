#include "cli/args.h"

#include <string.h>

struct cli_opt *args_opt(struct cli_opt *opts, size_t nopts, const char *name)
{
	for (size_t i = 0; i < nopts; i++)
		if (strcmp(opts[i].name, name) == 0)
			return &opts[i];
	return NULL;
}

int args_parse(int argc, char **argv, struct cli_opt *opts, size_t nopts, struct cli_args *out,
	       struct raa_err *err)
{
	out->npos = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || strcmp(a, "--") == 0 || a[2] == '\0') {
			if (out->npos >= CLI_MAX_POS)
				return raa_err_set(err, RAA_EINVAL, "too many arguments at '%s'", a);
			out->pos[out->npos++] = a;
			continue;
		}
		char name[64];
		const char *eq = strchr(a + 2, '=');
		size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
		if (len >= sizeof name)
			return raa_err_set(err, RAA_EINVAL, "unknown option '%s'", a);
		memcpy(name, a + 2, len);
		name[len] = '\0';
		struct cli_opt *o = args_opt(opts, nopts, name);
		if (!o)
			return raa_err_set(err, RAA_EINVAL, "unknown option '--%s'", name);
		o->seen = true;
		if (!o->takes_value) {
			if (eq)
				return raa_err_set(err, RAA_EINVAL, "option '--%s' takes no value", name);
			continue;
		}
		if (eq) {
			o->value = eq + 1;
		} else {
			if (i + 1 >= argc)
				return raa_err_set(err, RAA_EINVAL, "option '--%s' needs a value", name);
			o->value = argv[++i];
		}
	}
	return 0;
}
