/*
 * raa match (issue #5, matching.md): child, adopter, pool, weights.
 *
 * Every sub-command loads the region's snapshot, builds the matching pool
 * on --on (default today) with the weights from the settings, and prints
 * the contract's JSON, or a table of the same content as text or CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/match.h"
#include "service/matching.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

static const char MATCH_USAGE[] =
	"usage: raa match child ID [--on DATE] [--top N]\n"
	"       raa match adopter ID [--on DATE] [--top N]\n"
	"       raa match pool [--on DATE] [--top N] [--greedy]\n"
	"       raa match weights | raa match weights set KEY VALUE";

static const struct store_scope CLI_SCOPE = { .kind = SCOPE_SYSTEM, .actor = "cli" };

/* The region's pool on `on` (service/matching.h). */
static int cli_matching_open(struct cli *c, raa_day on, struct matching *m)
{
	struct raa_err err;
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (matching_open(c->store, &CLI_SCOPE, on, m, &err) < 0)
		return cli_fail(&err);
	return 0;
}

/* ---- text and CSV: one table of the same content ---- */

/* Joins an array with sep: strings as they are, reasons as "factor 2.0":
 * "C1 C2", "age_range, contact", "needs_headroom 2.0, child_waiting 1.1". */
static char *join(const json_t *a, const char *sep)
{
	struct buf b;
	buf_init(&b, 0);
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) {
		if (i)
			buf_puts(&b, sep);
		if (json_is_string(v))
			buf_puts(&b, json_string_value(v));
		else
			buf_printf(&b, "%s %.1f", json_string_value(json_object_get(v, "factor")),
				   json_real_value(json_object_get(v, "points")));
	}
	return buf_detach(&b);
}

static char *join_ids(const json_t *a)
{
	return join(a, " ");
}

/* Flattens rows of {who, score?, reasons?} into printable rows. */
static void flat_rows(json_t *rows, const json_t *list, const char *who_key, const char *status)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		json_t *r = json_object(), *who = json_object_get(v, who_key);
		char *w = json_is_array(who) ? join_ids(who) : xstrdup(json_string_value(who));
		json_set_str(r, who_key, w);
		json_set_str(r, "status", status);
		json_t *s = json_object_get(v, "score");
		if (s)
			json_object_set(r, "score", s);
		else
			json_object_set_new(r, "score", json_null());
		json_t *rs = json_object_get(v, "reasons");
		char *t = rs ? join(rs, ", ") : NULL;
		json_set_str(r, "reasons", t);
		json_array_append_new(rows, r);
		free(w);
		free(t);
	}
}

static void print_table(const json_t *rows, const char *who_key, enum out_format fmt)
{
	const char *cols[] = { who_key, "status", "score", "reasons", NULL };
	table_print(stdout, rows, cols, fmt);
}

static void print_child(const json_t *o, enum out_format fmt)
{
	json_t *rows = json_array();
	flat_rows(rows, json_object_get(o, "candidates"), "adopter", "candidate");
	flat_rows(rows, json_object_get(o, "excluded"), "adopter", "excluded");
	if (fmt == FMT_TEXT) {
		char *u = join_ids(json_object_get(o, "unit"));
		printf("child %s, unit %s, on %s: %zu candidates, %zu excluded\n",
		       json_string_value(json_object_get(o, "child")), u,
		       json_string_value(json_object_get(o, "on")),
		       json_array_size(json_object_get(o, "candidates")),
		       json_array_size(json_object_get(o, "excluded")));
		free(u);
	}
	print_table(rows, "adopter", fmt);
	json_decref(rows);
}

static void print_adopter(const json_t *o, enum out_format fmt)
{
	json_t *rows = json_array();
	flat_rows(rows, json_object_get(o, "candidates"), "unit", "candidate");
	flat_rows(rows, json_object_get(o, "early_family_finding"), "unit", "early_family_finding");
	flat_rows(rows, json_object_get(o, "excluded"), "unit", "excluded");
	if (fmt == FMT_TEXT)
		printf("household %s on %s: %zu units it could meet, %zu excluded\n",
		       json_string_value(json_object_get(o, "adopter")),
		       json_string_value(json_object_get(o, "on")),
		       json_array_size(json_object_get(o, "candidates")),
		       json_array_size(json_object_get(o, "excluded")));
	print_table(rows, "unit", fmt);
	json_decref(rows);
}

static void print_pool(const json_t *o, enum out_format fmt)
{
	json_t *rows = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(o, "proposals"), i, v) {
		json_t *r = json_object();
		char *u = join_ids(json_object_get(v, "unit"));
		json_set_str(r, "unit", u);
		json_object_set(r, "adopter", json_object_get(v, "adopter"));
		json_object_set(r, "score", json_object_get(v, "score"));
		json_array_append_new(rows, r);
		free(u);
	}
	json_array_foreach(json_object_get(o, "unplaced"), i, v) {
		json_t *r = json_object();
		char *u = join_ids(v);
		json_set_str(r, "unit", u);
		json_object_set_new(r, "adopter", json_null());
		json_object_set_new(r, "score", json_null());
		json_array_append_new(rows, r);
		free(u);
	}
	if (fmt == FMT_TEXT)
		printf("pool on %s: %lld children placed by %zu proposals; %zu units unplaced; %zu early family finding units\n",
		       json_string_value(json_object_get(o, "on")),
		       json_integer_value(json_object_get(o, "children_placed")),
		       json_array_size(json_object_get(o, "proposals")),
		       json_array_size(json_object_get(o, "unplaced")),
		       json_array_size(json_object_get(o, "early_family_finding")));
	static const char *const cols[] = { "unit", "adopter", "score", NULL };
	table_print(stdout, rows, cols, fmt);
	json_decref(rows);
}

static void print_doc(const json_t *o, enum out_format fmt, void (*table)(const json_t *, enum out_format))
{
	if (fmt == FMT_JSON)
		json_write(stdout, o);
	else
		table(o, fmt);
}

/* ---- sub-commands ---- */

struct match_opts {
	raa_day on;
	long top; /* -1: all */
	bool greedy;
	const char *id;
};

static int parse_opts(struct cli *c, int argc, char **argv, bool want_id, long dflt_top,
		      struct match_opts *mo)
{
	struct cli_opt o[] = { OPT_VALUE("on"), OPT_VALUE("top"), OPT_FLAG("greedy") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 2, argv + 2, o, NOPTS(o), &a, &err) < 0)
		return cli_usage("%s\n%s", err.msg, MATCH_USAGE);
	if (a.npos != (want_id ? 1 : 0) || (o[2].seen && want_id))
		return cli_usage("%s", MATCH_USAGE);
	mo->id = want_id ? a.pos[0] : NULL;
	mo->greedy = o[2].seen;
	mo->top = dflt_top;
	if (o[1].value && str_to_int(o[1].value, 0, 1000000, &mo->top) < 0)
		return cli_usage("--top: value '%s': expected a whole number from 0", o[1].value);
	return cli_date_opt(&o[0], c->today, &mo->on);
}

static int not_in_pool_child(const struct matching *m, const char *id, raa_day on)
{
	const struct snap_child *sc = snapshot_child(&m->snap, id);
	if (!sc) {
		fprintf(stderr, "raa: no child '%s'\n", id);
		return EXIT_USER;
	}
	char iso[DATE_ISO_LEN];
	date_format_iso(on, iso);
	int st = journey_status(&sc->j, on);
	fprintf(stderr,
		"raa: child %s is %s%s on %s: raa match child answers for a waiting child, or a "
		"tracking child with an early referral\n",
		id, child_status_name(st), st == CS_TRACKING ? " with no early referral" : "", iso);
	return EXIT_USER;
}

static int answer_child(const struct matching *m, const struct match_opts *mo, enum out_format fmt)
{
	const struct match_unit *u = match_pool_unit_of(&m->pool, mo->id);
	if (!u)
		return not_in_pool_child(m, mo->id, mo->on);
	json_t *o = matching_child_json(&m->pool, mo->id, u, mo->top);
	print_doc(o, fmt, print_child);
	json_decref(o);
	return EXIT_OK;
}

static int answer_adopter(const struct matching *m, const struct match_opts *mo, enum out_format fmt)
{
	const struct match_household *h = match_pool_household(&m->pool, mo->id);
	if (h) {
		json_t *o = matching_adopter_json(&m->pool, h, mo->top);
		print_doc(o, fmt, print_adopter);
		json_decref(o);
		return EXIT_OK;
	}
	const struct snap_adopter *sa = snapshot_adopter(&m->snap, mo->id);
	char iso[DATE_ISO_LEN];
	date_format_iso(mo->on, iso);
	if (!sa)
		fprintf(stderr, "raa: no adopter household '%s'\n", mo->id);
	else
		fprintf(stderr,
			"raa: household %s is %s on %s: raa match adopter answers for a household "
			"that is approved, on hold or linked\n",
			mo->id, adopter_status_name(journey_status(&sa->j, mo->on)), iso);
	return EXIT_USER;
}

/* match child / match adopter: one record's answer over the whole pool. */
static int match_one(struct cli *c, int argc, char **argv,
		     int (*answer)(const struct matching *, const struct match_opts *, enum out_format))
{
	struct match_opts mo;
	int rc = parse_opts(c, argc, argv, true, -1, &mo);
	if (rc)
		return rc;
	struct matching m;
	if ((rc = cli_matching_open(c, mo.on, &m)))
		return rc;
	rc = answer(&m, &mo, c->fmt);
	matching_close(&m);
	return rc;
}

static int match_pool(struct cli *c, int argc, char **argv)
{
	struct match_opts mo;
	int rc = parse_opts(c, argc, argv, false, 3, &mo);
	if (rc)
		return rc;
	struct matching m;
	if ((rc = cli_matching_open(c, mo.on, &m)))
		return rc;
	struct match_result r;
	if (mo.greedy)
		match_pool_greedy(&m.pool, &r);
	else
		match_pool_propose(&m.pool, &r);
	json_t *o = matching_pool_json(&m.pool, &r, mo.top);
	print_doc(o, c->fmt, print_pool);
	json_decref(o);
	match_result_free(&r);
	matching_close(&m);
	return EXIT_OK;
}

static int match_weights(struct cli *c, int argc, char **argv)
{
	bool set = argc == 5 && strcmp(argv[2], "set") == 0;
	if (argc != 2 && !set)
		return cli_usage("%s", MATCH_USAGE);
	struct raa_err err;
	struct match_weights w;
	if (set) {
		match_weights_default(&w);
		if (match_weights_set(&w, argv[3], argv[4], &err) < 0)
			return cli_fail(&err);
	}
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (set) {
		if (store_setting_set(c->store, argv[3], argv[4], &err) < 0)
			return cli_fail(&err);
		printf("%s = %s\n", argv[3], argv[4]);
		return EXIT_OK;
	}
	if (matching_load_weights(c->store, &w, &err) < 0)
		return cli_fail(&err);
	json_t *rows = json_array();
	for (size_t i = 0; i < MATCH_SETTING_COUNT; i++) {
		json_t *o = json_object();
		json_set_str(o, "key", MATCH_SETTINGS[i].key);
		char v[32], d[32];
		snprintf(v, sizeof v, "%g", match_weights_get(&w, i));
		snprintf(d, sizeof d, "%g", MATCH_SETTINGS[i].dflt);
		json_set_str(o, "value", v);
		json_set_str(o, "default", d);
		json_set_str(o, "what", MATCH_SETTINGS[i].what);
		json_array_append_new(rows, o);
	}
	static const char *const cols[] = { "key", "value", "default", "what", NULL };
	table_print(stdout, rows, cols, c->fmt);
	json_decref(rows);
	return EXIT_OK;
}

int cmd_match(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "child") == 0)
		return match_one(c, argc, argv, answer_child);
	if (argc >= 2 && strcmp(argv[1], "adopter") == 0)
		return match_one(c, argc, argv, answer_adopter);
	if (argc >= 2 && strcmp(argv[1], "pool") == 0)
		return match_pool(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "weights") == 0)
		return match_weights(c, argc, argv);
	return cli_usage("%s", MATCH_USAGE);
}
