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
#include "service/snapshot.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

static const char MATCH_USAGE[] =
	"usage: raa match child ID [--on DATE] [--top N]\n"
	"       raa match adopter ID [--on DATE] [--top N]\n"
	"       raa match pool [--on DATE] [--top N] [--greedy]\n"
	"       raa match weights | raa match weights set KEY VALUE";

static const struct store_scope CLI_SCOPE = { .kind = SCOPE_SYSTEM, .actor = "cli" };

struct matching {
	struct snapshot snap;
	struct match_child_in *cin;
	struct match_household_in *hin;
	struct match_pool pool;
};

/* Weights from the store's settings; unset keys keep their defaults. */
static int load_weights(struct store *s, struct match_weights *w, struct raa_err *err)
{
	match_weights_default(w);
	for (size_t i = 0; i < MATCH_SETTING_COUNT; i++) {
		char val[64];
		int rc = store_setting_get(s, MATCH_SETTINGS[i].key, val, sizeof val, err);
		if (rc == RAA_ENOTFOUND)
			continue;
		if (rc < 0 || match_weights_set(w, MATCH_SETTINGS[i].key, val, err) < 0)
			return rc < 0 ? rc : RAA_EINVAL;
	}
	raa_err_clear(err);
	return 0;
}

static int matching_open(struct cli *c, raa_day on, struct matching *m)
{
	struct raa_err err;
	struct match_weights w;
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (load_weights(c->store, &w, &err) < 0 || snapshot_load(c->store, &CLI_SCOPE, &m->snap, &err) < 0)
		return cli_fail(&err);
	const struct snapshot *s = &m->snap;
	m->cin = xmalloc((s->nchildren + 1) * sizeof *m->cin);
	m->hin = xmalloc((s->nadopters + 1) * sizeof *m->hin);
	for (size_t i = 0; i < s->nchildren; i++)
		m->cin[i] = (struct match_child_in){ &s->children[i].rec, &s->children[i].j };
	for (size_t i = 0; i < s->nadopters; i++)
		m->hin[i] = (struct match_household_in){ &s->adopters[i].rec, &s->adopters[i].j };
	match_pool_build(&m->pool, m->cin, s->nchildren, m->hin, s->nadopters, on, &w);
	return 0;
}

static void matching_close(struct matching *m)
{
	match_pool_free(&m->pool);
	free(m->cin);
	free(m->hin);
	snapshot_free(&m->snap);
}

/* ---- JSON pieces ---- */

static void set_points(json_t *o, const char *key, int tenths)
{
	json_set_real(o, key, (double)tenths / 10.0);
}

static json_t *unit_ids(const struct match_unit *u)
{
	json_t *a = json_array();
	for (int i = 0; i < u->n; i++)
		json_array_append_new(a, json_string(u->kids[i]->id));
	return a;
}

static json_t *codes_json(unsigned fails)
{
	json_t *a = json_array();
	for (int k = 0; k < MC_COUNT; k++)
		if (fails & (1u << k))
			json_array_append_new(a, json_string(match_code_name(k)));
	return a;
}

static json_t *reasons_json(const struct match_pool *p, const struct match_unit *u,
			    const struct match_household *h)
{
	struct match_reason r[MF_COUNT];
	match_score(p, u, h, r);
	json_t *a = json_array();
	for (int f = 0; f < MF_COUNT; f++) {
		json_t *o = json_object();
		json_set_str(o, "factor", match_factor_name(r[f].factor));
		set_points(o, "points", r[f].points);
		json_set_str(o, "text", r[f].text);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *scored(const char *key, json_t *who, int score)
{
	json_t *o = json_object();
	json_object_set_new(o, key, who);
	set_points(o, "score", score);
	return o;
}

/* {"child","unit","on","candidates","excluded"} of matching.md. */
static json_t *child_json(const struct match_pool *p, const char *child, const struct match_unit *u,
			  long top)
{
	struct match_list l;
	match_for_unit(p, u, &l);
	json_t *o = json_object(), *cand = json_array(), *excl = json_array();
	json_set_str(o, "child", child);
	json_object_set_new(o, "unit", unit_ids(u));
	json_set_date(o, "on", p->on);
	for (size_t i = 0; i < l.ncand && (top < 0 || (long)i < top); i++) {
		const struct match_household *h = &p->hh[l.cand[i].idx];
		json_t *c = scored("adopter", json_string(h->rec->id), l.cand[i].score);
		json_object_set_new(c, "reasons", reasons_json(p, u, h));
		json_array_append_new(cand, c);
	}
	for (size_t i = 0; i < l.nexcl; i++) {
		json_t *e = json_object();
		json_set_str(e, "adopter", p->hh[l.excl[i].idx].rec->id);
		json_object_set_new(e, "reasons", codes_json(l.excl[i].fails));
		json_array_append_new(excl, e);
	}
	json_object_set_new(o, "candidates", cand);
	json_object_set_new(o, "excluded", excl);
	match_list_free(&l);
	return o;
}

/* By analogy: {"adopter","on","candidates":[{"unit","score","reasons"}],
 * "excluded":[{"unit","reasons"}],"early_family_finding":[...]}. */
static json_t *adopter_json(const struct match_pool *p, const struct match_household *h, long top)
{
	struct match_list l, el;
	match_for_household(p, h, &l, &el);
	json_t *o = json_object(), *cand = json_array(), *excl = json_array(), *early = json_array();
	json_set_str(o, "adopter", h->rec->id);
	json_set_date(o, "on", p->on);
	for (size_t i = 0; i < l.ncand && (top < 0 || (long)i < top); i++) {
		const struct match_unit *u = &p->units[l.cand[i].idx];
		json_t *c = scored("unit", unit_ids(u), l.cand[i].score);
		json_object_set_new(c, "reasons", reasons_json(p, u, h));
		json_array_append_new(cand, c);
	}
	for (size_t i = 0; i < l.nexcl; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "unit", unit_ids(&p->units[l.excl[i].idx]));
		json_object_set_new(e, "reasons", codes_json(l.excl[i].fails));
		json_array_append_new(excl, e);
	}
	for (size_t i = 0; i < el.ncand && (top < 0 || (long)i < top); i++) {
		const struct match_unit *u = &p->early[el.cand[i].idx];
		json_t *c = scored("unit", unit_ids(u), el.cand[i].score);
		json_object_set_new(c, "reasons", reasons_json(p, u, h));
		json_array_append_new(early, c);
	}
	json_object_set_new(o, "candidates", cand);
	json_object_set_new(o, "excluded", excl);
	json_object_set_new(o, "early_family_finding", early);
	match_list_free(&l);
	match_list_free(&el);
	return o;
}

static json_t *pool_json(const struct match_pool *p, const struct match_result *r, long top)
{
	json_t *o = json_object(), *prop = json_array(), *unpl = json_array(), *early = json_array();
	json_set_date(o, "on", p->on);
	json_set_int(o, "children_placed", r->children_placed);
	for (size_t i = 0; i < r->nprop; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "unit", unit_ids(&p->units[r->prop[i].unit]));
		json_set_str(e, "adopter", p->hh[r->prop[i].hh].rec->id);
		set_points(e, "score", r->prop[i].score);
		json_array_append_new(prop, e);
	}
	for (size_t i = 0; i < r->nunplaced; i++)
		json_array_append_new(unpl, unit_ids(&p->units[r->unplaced[i]]));
	for (size_t i = 0; i < p->nearly; i++) {
		struct match_list l;
		match_for_unit(p, &p->early[i], &l);
		json_t *e = json_object(), *cand = json_array();
		json_object_set_new(e, "unit", unit_ids(&p->early[i]));
		for (size_t k = 0; k < l.ncand && (long)k < top; k++)
			json_array_append_new(cand, scored("adopter", json_string(p->hh[l.cand[k].idx].rec->id),
							   l.cand[k].score));
		json_object_set_new(e, "candidates", cand);
		json_array_append_new(early, e);
		match_list_free(&l);
	}
	json_object_set_new(o, "proposals", prop);
	json_object_set_new(o, "unplaced", unpl);
	json_object_set_new(o, "early_family_finding", early);
	return o;
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
	json_t *o = child_json(&m->pool, mo->id, u, mo->top);
	print_doc(o, fmt, print_child);
	json_decref(o);
	return EXIT_OK;
}

static int answer_adopter(const struct matching *m, const struct match_opts *mo, enum out_format fmt)
{
	const struct match_household *h = match_pool_household(&m->pool, mo->id);
	if (h) {
		json_t *o = adopter_json(&m->pool, h, mo->top);
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
	if ((rc = matching_open(c, mo.on, &m)))
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
	if ((rc = matching_open(c, mo.on, &m)))
		return rc;
	struct match_result r;
	if (mo.greedy)
		match_pool_greedy(&m.pool, &r);
	else
		match_pool_propose(&m.pool, &r);
	json_t *o = pool_json(&m.pool, &r, mo.top);
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
	if (load_weights(c->store, &w, &err) < 0)
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
