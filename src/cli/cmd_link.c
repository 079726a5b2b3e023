/*
 * raa link (issue #5, docs/linking.md): the family finder's links, from the
 * proposal through the matching panel and the ADM's decision to placement.
 * Every action is service/linking.c's; this file parses and prints.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/json.h"
#include "service/linking.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

static const char LINK_USAGE[] =
	"usage: raa link propose CHILD ADOPTER [--on DATE]\n"
	"       raa link list [--open] [--partner CODE]\n"
	"       raa link show LINK\n"
	"       raa link panel LINK --recommendation yes|no [--reasons TEXT] [--on DATE]\n"
	"       raa link decide LINK --decision yes|no [--reasons TEXT] [--on DATE]\n"
	"       raa link end LINK --reason TEXT [--on DATE]\n"
	"       raa link place LINK [--on DATE]\n"
	"       raa link early-permanence [--on DATE]";

static const struct store_scope CLI_SCOPE = { .kind = SCOPE_SYSTEM, .actor = "cli" };

static const char *const LIST_COLUMNS[] = {
	"link", "stage", "children", "adopter", "linked", "panel_date", "recommendation",
	"decided", "adm_due", "ended", "placed", NULL
};

/* Prints the link as it now stands (after an action, or for show). */
static int print_link(struct cli *c, int64_t id, bool with_events)
{
	struct linking_view v;
	struct raa_err err;
	if (linking_view_open(c->store, &CLI_SCOPE, c->today, &v, &err) < 0)
		return cli_fail(&err);
	const struct link *l = linking_find(&v.links, id);
	int rc = EXIT_OK;
	if (!l) {
		fprintf(stderr, "raa: link: value 'L%lld': no such link\n", (long long)id);
		rc = EXIT_USER;
	} else {
		json_t *o = linking_json(l, &v.snap, &v.clock, with_events);
		json_t *events = json_incref(json_object_get(o, "events"));
		if (c->fmt != FMT_JSON)
			json_object_del(o, "events");
		table_print_object(stdout, o, c->fmt);
		if (events && c->fmt == FMT_TEXT) {
			static const char *const cols[] = { "date", "record", "kind", "adopter",
							    "detail", "recorded_by", NULL };
			printf("\n");
			table_print(stdout, events, cols, c->fmt);
		}
		json_decref(events);
		json_decref(o);
	}
	linking_view_close(&v);
	return rc;
}

static int link_list(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_FLAG("open"), OPT_VALUE("partner") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc, argv, o, NOPTS(o), &a, &err) < 0 || a.npos)
		return cli_usage("%s\n%s", err.code ? err.msg : "list takes no LINK", LINK_USAGE);
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct linking_view v;
	if (linking_view_open(c->store, &CLI_SCOPE, c->today, &v, &err) < 0)
		return cli_fail(&err);
	json_t *rows = linking_list_json(&v, o[0].seen, o[1].value);
	table_print(stdout, rows, LIST_COLUMNS, c->fmt);
	json_decref(rows);
	linking_view_close(&v);
	return EXIT_OK;
}

static int link_show(struct cli *c, int argc, char **argv)
{
	struct cli_args a;
	struct raa_err err;
	int64_t id;
	if (args_parse(argc, argv, NULL, 0, &a, &err) < 0 || a.npos != 1)
		return cli_usage("%s\n%s", err.code ? err.msg : "show needs one LINK", LINK_USAGE);
	if (linking_id_parse(a.pos[0], &id, &err) < 0)
		return cli_usage("%s", err.msg);
	int rc = cli_open(c);
	return rc ? rc : print_link(c, id, true);
}

static int link_early(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("on") };
	struct cli_args a;
	struct raa_err err;
	raa_day on;
	if (args_parse(argc, argv, o, NOPTS(o), &a, &err) < 0 || a.npos)
		return cli_usage("%s\n%s", err.code ? err.msg : "early-permanence takes no argument", LINK_USAGE);
	int rc = cli_date_opt(&o[0], c->today, &on);
	if (!rc)
		rc = cli_open(c);
	if (rc)
		return rc;
	struct snapshot snap;
	if (snapshot_load(c->store, &CLI_SCOPE, &snap, &err) < 0)
		return cli_fail(&err);
	json_t *ep = linking_early_permanence(&snap, on);
	if (c->fmt == FMT_JSON) {
		json_write(stdout, ep);
	} else {
		static const char *const ucols[] = { "unit", "partner", "status", "early_referral", "age_months", NULL };
		static const char *const hcols[] = { "adopter", "name", "partner", "approved", "min_age_months",
						     "max_age_months", "max_children", NULL };
		table_print(stdout, json_object_get(ep, "units"), ucols, c->fmt);
		if (c->fmt == FMT_TEXT)
			printf("\nHouseholds approved for early permanence\n");
		table_print(stdout, json_object_get(ep, "households"), hcols, c->fmt);
	}
	json_decref(ep);
	snapshot_free(&snap);
	return EXIT_OK;
}

/* ---- actions ---------------------------------------------------------- */

typedef int link_action(struct store *s, const struct store_scope *sc, const struct linking_in *in,
			raa_day today, struct raa_err *err);

struct action_def {
	const char *name;
	link_action *run;
	const char *answer;  /* the yes/no option, or NULL */
	const char *reasons; /* the reasons option, or NULL */
	bool reasons_required;
};

static const struct action_def ACTIONS[] = {
	{ "panel", linking_panel, "recommendation", "reasons", false },
	{ "decide", linking_decide, "decision", "reasons", false },
	{ "end", linking_end, NULL, "reason", true },
	{ "place", linking_place, NULL, NULL, false },
};

static int run_action(struct cli *c, const struct action_def *d, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("on"), OPT_VALUE(d->answer ? d->answer : "-"),
			       OPT_VALUE(d->reasons ? d->reasons : "--") };
	struct cli_args a;
	struct raa_err err;
	int64_t id;
	if (args_parse(argc, argv, o, NOPTS(o), &a, &err) < 0 || a.npos != 1 ||
	    (d->answer && !o[1].value) || (d->reasons_required && !o[2].value))
		return cli_usage("%s\n%s", err.code ? err.msg : "missing LINK or a required option", LINK_USAGE);
	if (linking_id_parse(a.pos[0], &id, &err) < 0)
		return cli_usage("%s", err.msg);
	struct linking_in in = { .link = a.pos[0], .answer = o[1].value, .reasons = o[2].value,
				 .date = o[0].value };
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (d->run(c->store, &CLI_SCOPE, &in, c->today, &err) < 0)
		return cli_fail(&err);
	return print_link(c, id, false);
}

static int link_propose(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("on") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc, argv, o, NOPTS(o), &a, &err) < 0 || a.npos != 2)
		return cli_usage("%s\n%s", err.code ? err.msg : "propose needs CHILD and ADOPTER", LINK_USAGE);
	struct linking_in in = { .child = a.pos[0], .adopter = a.pos[1], .date = o[0].value };
	int64_t id = 0;
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (linking_propose(c->store, &CLI_SCOPE, &in, c->today, &id, &err) < 0)
		return cli_fail(&err);
	return print_link(c, id, false);
}

int cmd_link(struct cli *c, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	if (strcmp(sub, "propose") == 0)
		return link_propose(c, argc - 2, argv + 2);
	if (strcmp(sub, "list") == 0)
		return link_list(c, argc - 2, argv + 2);
	if (strcmp(sub, "show") == 0)
		return link_show(c, argc - 2, argv + 2);
	if (strcmp(sub, "early-permanence") == 0)
		return link_early(c, argc - 2, argv + 2);
	for (size_t i = 0; i < NOPTS(ACTIONS); i++)
		if (strcmp(sub, ACTIONS[i].name) == 0)
			return run_action(c, &ACTIONS[i], argc - 2, argv + 2);
	return cli_usage("%s", LINK_USAGE);
}
