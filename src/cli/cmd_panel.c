/* raa panel: members, panel dates, attendance, agenda, recommendations,
 * minutes and packs (docs/panels.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/str.h"
#include "report/panel_pack_pdf.h"
#include "service/panels.h"
#include "service/settings.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

static const struct store_scope CLI_SCOPE = { .kind = SCOPE_SYSTEM, .actor = "cli" };

static const char USAGE[] =
	"usage: raa panel member add --name N --role R [--qualified DATE | --years N]\n"
	"       raa panel member list\n"
	"       raa panel member set MEMBER [--name N] [--role R] [--qualified DATE | --years N]\n"
	"       raa panel member deactivate|activate MEMBER\n"
	"       raa panel add --date D [--name N] [--location L]\n"
	"       raa panel list\n"
	"       raa panel show PANEL\n"
	"       raa panel attend PANEL MEMBER...\n"
	"       raa panel absent PANEL MEMBER...\n"
	"       raa panel item add PANEL --kind approval|match|should_be_placed [--child C[,C...]] [--adopter A] [--papers \"PAR;medical\"]\n"
	"       raa panel item papers ITEM --papers \"PAR;medical\"\n"
	"       raa panel item remove ITEM\n"
	"       raa panel recommend ITEM --recommendation yes|no --reasons TEXT\n"
	"       raa panel minutes PANEL --text T\n"
	"       raa panel pack PANEL [--format html|pdf] [--output FILE]\n";

static int usage(void)
{
	return cli_usage("%s", USAGE);
}

static int parse_id(const char *what, const char *s, int64_t *out)
{
	long v;
	if (!s || str_to_int(s, 1, 2147483647L, &v) < 0) {
		cli_usage("%s: value '%s': expected a number", what, s ? s : "");
		return -1;
	}
	*out = v;
	return 0;
}

/* Prints what a write made: "panel member 3 added". */
static int done(int rc, const struct raa_err *err, const char *what, int64_t id)
{
	if (rc < 0)
		return cli_fail(err);
	if (id)
		printf("%s %lld\n", what, (long long)id);
	else
		printf("%s\n", what);
	return EXIT_OK;
}

static int print_rows(struct cli *c, json_t *rows, const struct raa_err *err,
		      const char *const *cols)
{
	if (!rows)
		return cli_fail(err);
	int rc = table_print(stdout, rows, cols, c->fmt);
	json_decref(rows);
	return rc < 0 ? EXIT_USER : EXIT_OK;
}

/* `raa panel VERB [ID] --opt ...`: parses the options and `npos` (0 or 1)
 * positional ids named `what`. 0 to go on, otherwise the exit code. */
static int parse_cmd(int argc, char **argv, struct cli_opt *o, size_t n, int npos,
		     const char *what, int64_t *id)
{
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc, argv, o, n, &a, &err) < 0 || a.npos != npos)
		return usage();
	if (npos && parse_id(what, a.pos[0], id) < 0)
		return EXIT_USAGE;
	return 0;
}

/* parse_cmd, then opens the store. */
static int parse_open(struct cli *c, int argc, char **argv, struct cli_opt *o, size_t n,
		      int npos, const char *what, int64_t *id)
{
	int rc = parse_cmd(argc, argv, o, n, npos, what, id);
	return rc ? rc : cli_open(c);
}

static int member_add(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("name"), OPT_VALUE("role"), OPT_VALUE("qualified"),
			       OPT_VALUE("years") };
	struct raa_err err;
	int64_t id = 0;
	int rc = parse_open(c, argc, argv, o, NOPTS(o), 0, NULL, NULL);
	if (rc)
		return rc;
	struct panels_member_in in = { .name = o[0].value, .role = o[1].value,
				       .qualified = o[2].value, .years = o[3].value };
	rc = panels_member_add(c->store, &in, c->today, &id, &err);
	return done(rc, &err, "panel member added:", id);
}

/* Options not given leave the member's details as they are. */
static int member_set(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("name"), OPT_VALUE("role"), OPT_VALUE("qualified"),
			       OPT_VALUE("years") };
	struct raa_err err;
	int64_t id;
	int rc = parse_cmd(argc, argv, o, NOPTS(o), 1, "MEMBER", &id);
	if (rc)
		return rc;
	if (!o[0].seen && !o[1].seen && !o[2].seen && !o[3].seen)
		return cli_usage("member set: give what changes: --name, --role, --qualified or --years");
	rc = cli_open(c);
	if (rc)
		return rc;
	struct panels_member_in in = { .name = o[0].value, .role = o[1].value,
				       .qualified = o[2].value, .years = o[3].value };
	rc = panels_member_update(c->store, id, &in, c->today, &err);
	return done(rc, &err, "panel member changed:", id);
}

static const char *const MEMBER_COLUMNS[] = { "id", "name", "role", "qualified", "active", NULL };
static const char *const PANEL_COLUMNS[] = { "id", "date", "name", "location", "attended", "items",
					     NULL };

static int cmd_member(struct cli *c, int argc, char **argv)
{
	struct raa_err err;
	int64_t id;
	if (argc >= 1 && strcmp(argv[0], "add") == 0)
		return member_add(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "set") == 0)
		return member_set(c, argc - 1, argv + 1);
	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		int rc = cli_open(c);
		return rc ? rc : print_rows(c, panels_members_json(c->store, &err), &err, MEMBER_COLUMNS);
	}
	bool off = argc == 2 && strcmp(argv[0], "deactivate") == 0;
	if (!off && !(argc == 2 && strcmp(argv[0], "activate") == 0))
		return usage();
	if (parse_id("MEMBER", argv[1], &id) < 0)
		return EXIT_USAGE;
	int rc = cli_open(c);
	if (rc)
		return rc;
	rc = panels_member_set_active(c->store, id, !off, &err);
	return done(rc, &err, off ? "panel member deactivated:" : "panel member activated:", id);
}

static int panel_add(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("date"), OPT_VALUE("name"), OPT_VALUE("location") };
	struct raa_err err;
	int64_t id = 0;
	int rc = parse_open(c, argc, argv, o, NOPTS(o), 0, NULL, NULL);
	if (rc)
		return rc;
	rc = panels_add(c->store, o[0].value, o[1].value, o[2].value, &id, &err);
	return done(rc, &err, "panel added:", id);
}

/* `attend` and `absent`: PANEL MEMBER..., written by `write`. */
static int panel_attendance(struct cli *c, int argc, char **argv,
			    int (*write)(struct store *s, int64_t panel, const int64_t *members,
					 size_t n, struct raa_err *err),
			    const char *what)
{
	struct raa_err err;
	int64_t panel;
	if (argc < 2 || parse_id("PANEL", argv[0], &panel) < 0)
		return usage();
	int64_t *members = xcalloc((size_t)argc, sizeof *members);
	int rc = 0;
	for (int i = 1; rc == 0 && i < argc; i++)
		if (parse_id("MEMBER", argv[i], &members[i - 1]) < 0)
			rc = EXIT_USAGE;
	if (rc == 0)
		rc = cli_open(c);
	if (rc == 0) {
		rc = write(c->store, panel, members, (size_t)argc - 1, &err);
		rc = done(rc, &err, what, 0);
	}
	free(members);
	return rc;
}

static int item_add(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("kind"), OPT_VALUE("child"), OPT_VALUE("adopter"),
			       OPT_VALUE("papers") };
	struct raa_err err;
	int64_t panel, id = 0;
	const char *children[PANELS_CHILDREN_MAX];
	int rc = parse_open(c, argc, argv, o, NOPTS(o), 1, "PANEL", &panel);
	if (rc)
		return rc;
	char *list = xstrdup(o[1].value ? o[1].value : "");
	struct panels_item_in in = { .kind = o[0].value, .adopter = o[2].value,
				     .children = children, .papers = o[3].value };
	rc = panels_split_ids(list, children, &in.nchildren, &err);
	if (rc == 0)
		rc = panels_item_add(c->store, &CLI_SCOPE, panel, &in, &id, &err);
	free(list);
	return done(rc, &err, "agenda item added:", id);
}

static int item_papers(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("papers") };
	struct raa_err err;
	int64_t item;
	int rc = parse_cmd(argc, argv, o, NOPTS(o), 1, "ITEM", &item);
	if (rc)
		return rc;
	if (!o[0].seen)
		return cli_usage("--papers: missing: expected the titles separated by ';' (\"\" for none)");
	rc = cli_open(c);
	if (rc)
		return rc;
	rc = panels_item_set_papers(c->store, &CLI_SCOPE, item, o[0].value, &err);
	return done(rc, &err, "papers recorded for item", item);
}

static int item_remove(struct cli *c, int argc, char **argv)
{
	struct raa_err err;
	int64_t item;
	int rc = parse_open(c, argc, argv, NULL, 0, 1, "ITEM", &item);
	if (rc)
		return rc;
	rc = panels_item_remove(c->store, &CLI_SCOPE, item, &err);
	return done(rc, &err, "agenda item removed:", item);
}

/* raa panel item add|papers|remove */
static int cmd_item(struct cli *c, int argc, char **argv)
{
	const char *verb = argc >= 1 ? argv[0] : "";
	if (strcmp(verb, "add") == 0)
		return item_add(c, argc - 1, argv + 1);
	if (strcmp(verb, "papers") == 0)
		return item_papers(c, argc - 1, argv + 1);
	if (strcmp(verb, "remove") == 0)
		return item_remove(c, argc - 1, argv + 1);
	return usage();
}

static int panel_recommend(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("recommendation"), OPT_VALUE("reasons") };
	struct raa_err err;
	int64_t item;
	int rc = parse_open(c, argc, argv, o, NOPTS(o), 1, "ITEM", &item);
	if (rc)
		return rc;
	rc = panels_recommend(c->store, &CLI_SCOPE, item, o[0].value, o[1].value, c->today, &err);
	return done(rc, &err, "recommendation recorded for item", item);
}

static int panel_minutes(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("text") };
	struct raa_err err;
	int64_t panel;
	int rc = parse_open(c, argc, argv, o, NOPTS(o), 1, "PANEL", &panel);
	if (rc)
		return rc;
	rc = panels_minutes(c->store, panel, o[0].value, &err);
	return done(rc, &err, "minutes recorded for panel", panel);
}

/* One panel's model, with the ADM clock's setting and calendar. */
static json_t *load_panel(struct cli *c, int64_t panel, struct raa_err *err)
{
	struct clock_settings cs;
	struct workcal *cal = NULL;
	json_t *o = NULL;
	if (settings_load_clocks(c->store, &cs, err) == 0 && (cal = settings_load_workcal(c->store, err)))
		o = panels_show_json(c->store, &CLI_SCOPE, panel, &cs.dur[CLOCK_ADM_AFTER_PANEL], cal,
				     c->today, err);
	workcal_free(cal);
	return o;
}

static void print_item_text(const json_t *it)
{
	const json_t *adm = json_object_get(it, "adm");
	const json_t *v;
	size_t i;
	printf("item %lld: %s", (long long)json_integer_value(json_object_get(it, "id")),
	       json_string_value(json_object_get(it, "kind")));
	json_array_foreach(json_object_get(it, "children"), i, v)
		printf(" %s", json_string_value(v));
	if (json_string_value(json_object_get(it, "adopter")))
		printf(" household %s", json_string_value(json_object_get(it, "adopter")));
	printf("\n  papers: ");
	json_array_foreach(json_object_get(it, "papers"), i, v)
		printf("%s%s", i ? "; " : "", json_string_value(v));
	const char *rec = json_string_value(json_object_get(it, "recommendation"));
	printf("\n  recommendation: %s", rec ? rec : "none yet");
	if (rec)
		printf(" (%s)", json_string_value(json_object_get(it, "reasons")));
	if (json_is_object(adm))
		printf("\n  ADM decision: %s, due %s%s%s",
		       json_string_value(json_object_get(adm, "status")),
		       json_string_value(json_object_get(adm, "due")),
		       json_string_value(json_object_get(adm, "decided")) ? ", decided " : "",
		       json_string_value(json_object_get(adm, "decided")) ?
			       json_string_value(json_object_get(adm, "decided")) : "");
	if (json_is_object(adm) && json_integer_value(json_object_get(adm, "overdue_days")))
		printf(", %lld days overdue",
		       (long long)json_integer_value(json_object_get(adm, "overdue_days")));
	printf("\n");
}

static void print_panel_text(const json_t *p)
{
	const json_t *q = json_object_get(p, "quorum");
	const json_t *v;
	const char *name = json_string_value(json_object_get(p, "name"));
	size_t i;
	printf("panel %lld on %s%s%s\n", (long long)json_integer_value(json_object_get(p, "id")),
	       json_string_value(json_object_get(p, "date")), name ? ": " : "", name ? name : "");
	printf("attendance:\n");
	json_array_foreach(json_object_get(p, "attendance"), i, v)
		printf("  %lld %s (%s)\n", (long long)json_integer_value(json_object_get(v, "id")),
		       json_string_value(json_object_get(v, "name")),
		       json_string_value(json_object_get(v, "role")));
	if (json_is_true(json_object_get(q, "met")))
		printf("quorum: met\n");
	else
		printf("quorum: not met (%s)\n", json_string_value(json_object_get(q, "missing")));
	json_array_foreach(json_object_get(p, "items"), i, v)
		print_item_text(v);
	if (json_string_value(json_object_get(p, "minutes")))
		printf("minutes: %s\n", json_string_value(json_object_get(p, "minutes")));
}

static int panel_show(struct cli *c, int argc, char **argv)
{
	struct raa_err err;
	int64_t panel;
	int rc = parse_open(c, argc, argv, NULL, 0, 1, "PANEL", &panel);
	if (rc)
		return rc;
	json_t *p = load_panel(c, panel, &err);
	if (!p)
		return cli_fail(&err);
	if (c->fmt == FMT_TEXT)
		print_panel_text(p);
	else
		rc = table_print_object(stdout, p, c->fmt) < 0 ? EXIT_USER : EXIT_OK;
	json_decref(p);
	return rc;
}

/* The pack as a whole HTML document (the page wraps it in its layout). */
static void pack_html(const json_t *p, struct buf *b)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
		 "<meta charset=\"utf-8\">\n<title>Panel pack</title>\n"
		 "<link rel=\"stylesheet\" href=\"/static/govuk/govuk-frontend.min.css\">\n"
		 "</head>\n<body class=\"govuk-template__body\">\n"
		 "<main class=\"govuk-main-wrapper govuk-width-container\">\n");
	panels_pack_html(p, b);
	buf_puts(b, "</main>\n</body>\n</html>\n");
}

static int panel_pack(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("output") };
	struct raa_err err;
	int64_t panel;
	/* HTML is the default: a pack is for people (text asks for it too). */
	enum out_format fmt = c->fmt == FMT_TEXT ? FMT_HTML : c->fmt;
	if (fmt != FMT_HTML && fmt != FMT_PDF)
		return cli_usage("--format: a panel pack is html (the default) or pdf");
	int rc = parse_cmd(argc, argv, o, NOPTS(o), 1, "PANEL", &panel);
	if (rc)
		return rc;
	/* a PDF on a terminal is noise that can upset it */
	if (fmt == FMT_PDF && !o[0].value && isatty(STDOUT_FILENO))
		return cli_usage("--format pdf: stdout is a terminal; redirect it or give --output FILE");
	rc = cli_open(c);
	if (rc)
		return rc;
	json_t *p = load_panel(c, panel, &err);
	if (!p)
		return cli_fail(&err);
	struct buf b;
	buf_init(&b, 0);
	if (fmt == FMT_PDF)
		rc = panel_pack_pdf(p, c->today, &b, &err) < 0 ? cli_fail(&err) : 0;
	else
		pack_html(p, &b);
	if (rc == 0)
		rc = cli_write_out(&b, o[0].value);
	buf_free(&b);
	json_decref(p);
	return rc;
}

int cmd_panel(struct cli *c, int argc, char **argv)
{
	struct raa_err err;
	const char *sub = argc >= 2 ? argv[1] : "";
	argc -= 2, argv += 2;
	if (strcmp(sub, "member") == 0)
		return cmd_member(c, argc, argv);
	if (strcmp(sub, "add") == 0)
		return panel_add(c, argc, argv);
	if (strcmp(sub, "list") == 0 && argc == 0) {
		int rc = cli_open(c);
		return rc ? rc : print_rows(c, panels_list_json(c->store, &CLI_SCOPE, &err), &err,
					    PANEL_COLUMNS);
	}
	if (strcmp(sub, "show") == 0)
		return panel_show(c, argc, argv);
	if (strcmp(sub, "pack") == 0)
		return panel_pack(c, argc, argv);
	if (strcmp(sub, "attend") == 0)
		return panel_attendance(c, argc, argv, panels_attend, "attendance recorded");
	if (strcmp(sub, "absent") == 0)
		return panel_attendance(c, argc, argv, panels_unattend, "attendance removed");
	if (strcmp(sub, "item") == 0)
		return cmd_item(c, argc, argv);
	if (strcmp(sub, "recommend") == 0)
		return panel_recommend(c, argc, argv);
	if (strcmp(sub, "minutes") == 0)
		return panel_minutes(c, argc, argv);
	return usage();
}
