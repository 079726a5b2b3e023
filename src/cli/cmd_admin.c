/* The set-up commands: init, demo, partner, user. */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/json.h"
#include "core/password.h"
#include "core/str.h"
#include "domain/clocks.h"
#include "service/demo_load.h"
#include "service/settings.h"
#include "service/users.h"
#include "service/views.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

int cmd_init(struct cli *c, int argc, char **argv)
{
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, NULL, 0, &a, &err) < 0 || a.npos)
		return cli_usage("usage: raa init");
	c->store = store_open(c->db, &err);
	if (!c->store || store_migrate(c->store, &err) < 0)
		return cli_fail(&err);
	printf("%s: schema version %d\n", c->db, store_schema_version(c->store));
	return EXIT_OK;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, NULL, 0, &a, &err) < 0 || a.npos != 1)
		return cli_usage("usage: raa backup FILE   (a new file)");
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (store_backup(c->store, a.pos[0], &err) < 0)
		return cli_fail(&err);
	printf("%s: backed up to %s (schema version %d)\n", c->db, a.pos[0],
	       store_schema_version(c->store));
	return EXIT_OK;
}

/* Into an existing database or a new file; the restored data is then
 * migrated to this build's schema. */
int cmd_restore(struct cli *c, int argc, char **argv)
{
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, NULL, 0, &a, &err) < 0 || a.npos != 1)
		return cli_usage("usage: raa restore FILE   (a file written by raa backup)");
	c->store = store_open(c->db, &err);
	if (!c->store || store_restore(c->store, a.pos[0], &err) < 0 ||
	    store_migrate(c->store, &err) < 0)
		return cli_fail(&err);
	printf("%s: restored from %s (schema version %d)\n", c->db, a.pos[0],
	       store_schema_version(c->store));
	return EXIT_OK;
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("seed") };
	struct cli_args a;
	struct raa_err err;
	long seed = 1;
	if (args_parse(argc - 1, argv + 1, o, NOPTS(o), &a, &err) < 0 || a.npos)
		return cli_usage("usage: raa demo [--seed N]");
	if (o[0].value && str_to_int(o[0].value, 0, 2147483647L, &seed) < 0)
		return cli_usage("--seed: value '%s': expected a whole number", o[0].value);
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct demo_stats st;
	struct demo_login logins[DEMO_LOGINS];
	if (demo_load(c->store, (uint64_t)seed, c->today, &st, logins, &err) < 0)
		return cli_fail(&err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("Demo region (seed %ld) in %s: %d partners, %d children, %d adopter households, %d events (%.2f s)\n\n",
	       seed, c->db, st.partners, st.children, st.adopters, st.events, secs);
	printf("Demo logins (http://127.0.0.1:8080 after 'raa serve'):\n");
	for (int i = 0; i < DEMO_LOGINS; i++)
		printf("  %-18s %-4s %-32s %s\n", logins[i].role, logins[i].partner, logins[i].email,
		       logins[i].password);
	return EXIT_OK;
}

static int partner_add(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("code"), OPT_VALUE("name"), OPT_FLAG("host"), OPT_VALUE("spoke") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc, argv, o, NOPTS(o), &a, &err) < 0 || a.npos)
		return cli_usage("usage: raa partner add --code C --name N [--host] [--spoke S]");
	if (str_empty(o[0].value) || str_empty(o[1].value))
		return cli_usage("partner add needs --code and --name");
	long code;
	if (str_to_int(o[0].value, 100, 999, &code) < 0)
		return cli_usage("--code: value '%s': expected a DfE LA code, three digits such as 886",
				 o[0].value);
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct partner_rec p = { .code = o[0].value, .name = o[1].value, .host = o[2].seen,
				 .spoke = o[3].value };
	if (store_partner_add(c->store, &p, &err) < 0)
		return cli_fail(&err);
	printf("partner %s %s added%s\n", p.code, p.name, p.host ? " as host" : "");
	return EXIT_OK;
}

struct rows {
	json_t *a;
};

int cmd_partner(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return partner_add(c, argc - 2, argv + 2);
	if (argc != 2 || strcmp(argv[1], "list") != 0)
		return cli_usage("usage: raa partner add|list");
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct raa_err err;
	struct rows r = { json_array() };
	static const char *const cols[] = { "code", "name", "role", "spoke", NULL };
	if (store_partner_list(c->store, view_partner_append, r.a, &err) < 0)
		rc = cli_fail(&err);
	else
		table_print(stdout, r.a, cols, c->fmt);
	json_decref(r.a);
	return rc;
}

/* A password from standard input when one is piped in; a terminal or an
 * empty input gets a generated one instead. */
static int read_password(bool must, char *out, size_t n)
{
	out[0] = '\0';
	if (isatty(STDIN_FILENO) && !must)
		return 0;
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	if (!must && poll(&p, 1, 1000) <= 0)
		return 0;
	if (!fgets(out, (int)n, stdin))
		return must ? -1 : 0;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

static int user_add(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("email"), OPT_VALUE("role"), OPT_VALUE("partner"),
			       OPT_FLAG("password-stdin") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc, argv, o, NOPTS(o), &a, &err) < 0 || a.npos)
		return cli_usage("usage: raa user add --email E --role R [--partner CODE] [--password-stdin]");
	int rc = cli_open(c);
	if (rc)
		return rc;
	char pw[PASSWORD_MAX_LEN + 2];
	if (read_password(o[3].seen, pw, sizeof pw) < 0)
		return cli_usage("--password-stdin: no password on standard input");
	bool generated = pw[0] == '\0';
	if (generated)
		password_generate(pw, 16);
	int64_t id;
	if (user_create(c->store, o[0].value, o[1].value, o[2].value, pw, &id, &err) < 0)
		return cli_fail(&err);
	printf("user %lld %s (%s%s%s) added\n", (long long)id, o[0].value, o[1].value,
	       o[2].value ? ", partner " : "", o[2].value ? o[2].value : "");
	if (generated)
		printf("password (shown once): %s\n", pw);
	return EXIT_OK;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return user_add(c, argc - 2, argv + 2);
	if (argc != 2 || strcmp(argv[1], "list") != 0)
		return cli_usage("usage: raa user add|list");
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct raa_err err;
	struct rows r = { json_array() };
	static const char *const cols[] = { "id", "email", "role", "partner", "created_at", "disabled", NULL };
	if (store_user_list(c->store, view_user_append, r.a, &err) < 0)
		rc = cli_fail(&err);
	else
		table_print(stdout, r.a, cols, c->fmt);
	json_decref(r.a);
	return rc;
}

static int closure_row(void *ctx, raa_day d, const char *name)
{
	json_t *o = json_object();
	json_set_date(o, "date", d);
	json_set_str(o, "name", name);
	json_array_append_new(((struct rows *)ctx)->a, o);
	return 0;
}

/* Local closures: days a partnership's offices shut beyond the bank
 * holidays; working-day clocks skip them. */
int cmd_closure(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("name") };
	struct cli_args a;
	struct raa_err err;
	bool add = argc >= 2 && strcmp(argv[1], "add") == 0;
	if (argc < 2 || (!add && strcmp(argv[1], "list") != 0) ||
	    args_parse(argc - 2, argv + 2, o, NOPTS(o), &a, &err) < 0 || a.npos != (add ? 1 : 0))
		return cli_usage("usage: raa closure add DATE [--name TEXT] | raa closure list");
	raa_day d = DAY_NONE;
	if (add && date_parse_iso(a.pos[0], &d) < 0)
		return cli_usage("DATE: value '%s': expected a date YYYY-MM-DD", a.pos[0]);
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (add) {
		if (store_closure_add(c->store, d, o[0].value, &err) < 0)
			return cli_fail(&err);
		printf("closure %s added: working-day clocks skip it\n", a.pos[0]);
		return EXIT_OK;
	}
	struct rows r = { json_array() };
	static const char *const cols[] = { "date", "name", NULL };
	if (store_closure_list(c->store, closure_row, &r, &err) < 0)
		rc = cli_fail(&err);
	else
		table_print(stdout, r.a, cols, c->fmt);
	json_decref(r.a);
	return rc;
}

/* Settings: each clock's duration (clock.<name> = 5wd, 2m, 10w, 7d). */
int cmd_setting(struct cli *c, int argc, char **argv)
{
	bool set = argc == 4 && strcmp(argv[1], "set") == 0;
	if (!set && !(argc == 2 && strcmp(argv[1], "list") == 0))
		return cli_usage("usage: raa setting list | raa setting set clock.NAME DURATION");
	struct raa_err err;
	if (set) {
		const char *key = argv[2];
		struct clock_duration d;
		if (strncmp(key, "clock.", 6) != 0 || clock_kind_parse(key + 6) < 0)
			return cli_usage("setting: value '%s': expected clock.NAME with a clock of journeys.md (raa setting list)", key);
		if (clock_duration_parse(argv[3], &d, &err) < 0)
			return cli_fail(&err);
	}
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (set) {
		if (store_setting_set(c->store, argv[2], argv[3], &err) < 0)
			return cli_fail(&err);
		printf("%s = %s\n", argv[2], argv[3]);
		return EXIT_OK;
	}
	struct clock_settings cs;
	if (settings_load_clocks(c->store, &cs, &err) < 0)
		return cli_fail(&err);
	json_t *rows = json_array();
	for (int k = 0; k < CLOCK_COUNT; k++) {
		char key[64], val[16];
		snprintf(key, sizeof key, "clock.%s", clock_kind_name(k));
		clock_duration_format(&cs.dur[k], val);
		json_t *o = json_object();
		json_set_str(o, "key", key);
		json_set_str(o, "value", val);
		json_array_append_new(rows, o);
	}
	static const char *const cols[] = { "key", "value", NULL };
	table_print(stdout, rows, cols, c->fmt);
	json_decref(rows);
	return EXIT_OK;
}
