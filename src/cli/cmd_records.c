/* The record commands: import, export, child, adopter, event, clocks. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "core/json.h"
#include "core/str.h"
#include "service/import.h"
#include "service/journal.h"
#include "service/settings.h"
#include "service/views.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

static const struct store_scope CLI_SCOPE = { .kind = SCOPE_SYSTEM, .actor = "cli" };

/* A progress bar on a terminal; nothing when stderr is not one. */
static void show_progress(void *ctx, size_t rows, long done, long total)
{
	(void)ctx;
	if (total > 0) {
		int pct = (int)(100.0 * (double)done / (double)total);
		int bar = pct / 4;
		fprintf(stderr, "\r[%-25.*s] %3d%%  %zu rows", bar, "#########################", pct, rows);
	} else {
		fprintf(stderr, "\r%zu rows", rows);
	}
	fflush(stderr);
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	struct cli_args a;
	struct raa_err err;
	int f;
	if (args_parse(argc - 1, argv + 1, NULL, 0, &a, &err) < 0 || a.npos != 2 ||
	    (f = migration_file_parse(a.pos[0])) < 0)
		return cli_usage("usage: raa import children|adopters|events FILE.csv");
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct import_result res;
	import_result_init(&res);
	bool tty = isatty(STDERR_FILENO);
	if (tty)
		res.progress = show_progress;
	rc = import_file(c->store, &CLI_SCOPE, (enum migration_file)f, a.pos[1], c->today, &res, &err);
	if (tty && res.rows >= IMPORT_PROGRESS_EVERY)
		fputs("\r\033[K", stderr);
	if (rc < 0) {
		fputs(buf_cstr(&res.report), stderr);
		if (res.errors > IMPORT_MAX_REPORTED)
			fprintf(stderr, "... and %zu more\n", res.errors - IMPORT_MAX_REPORTED);
		rc = cli_fail(&err);
	} else {
		printf("%s: %zu rows imported", a.pos[1], res.written);
		if (res.duplicates)
			printf(" (%zu household events raa already had from the children's events)",
			       res.duplicates);
		printf("\n");
	}
	import_result_free(&res);
	return rc;
}

/* Loads the whole scope; every record command reads from a snapshot. */
static int load(struct cli *c, struct snapshot *snap)
{
	struct raa_err err;
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (snapshot_load(c->store, &CLI_SCOPE, snap, &err) < 0)
		return cli_fail(&err);
	return 0;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	struct cli_args a;
	struct raa_err err;
	int f;
	if (args_parse(argc - 1, argv + 1, NULL, 0, &a, &err) < 0 || a.npos != 1 ||
	    (f = migration_file_parse(a.pos[0])) < 0)
		return cli_usage("usage: raa export children|adopters|events --format csv|json");
	if (c->fmt_given && c->fmt == FMT_TEXT)
		return cli_usage("--format: value 'text': expected csv or json for an export");
	struct snapshot snap;
	int rc = load(c, &snap);
	if (rc)
		return rc;
	if (export_write(&snap, (enum migration_file)f, c->fmt_given ? c->fmt : FMT_CSV, stdout, &err) < 0)
		rc = cli_fail(&err);
	snapshot_free(&snap);
	return rc;
}

/* What list and show need besides the snapshot. */
struct viewing {
	struct snapshot snap;
	struct clock_settings cs;
	struct workcal *cal;
	struct view_ctx v;
};

static int viewing_open(struct cli *c, struct viewing *w, raa_day on)
{
	struct raa_err err;
	int rc = load(c, &w->snap);
	if (rc)
		return rc;
	w->cal = NULL;
	if (settings_load_clocks(c->store, &w->cs, &err) < 0 ||
	    !(w->cal = settings_load_workcal(c->store, &err))) {
		snapshot_free(&w->snap);
		return cli_fail(&err);
	}
	w->v = (struct view_ctx){ .snap = &w->snap, .cs = &w->cs, .cal = w->cal, .on = on };
	return 0;
}

static void viewing_close(struct viewing *w)
{
	workcal_free(w->cal);
	snapshot_free(&w->snap);
}

static const char *const CHILD_TEXT_COLUMNS[] = {
	"child_id", "partner", "first_name", "last_name", "dob", "age_months", "status",
	"should_be_placed", "harder_to_place", NULL
};
static const char *const ADOPTER_TEXT_COLUMNS[] = {
	"adopter_id", "partner", "name", "postcode_district", "status", "approved",
	"min_age_months", "max_age_months", "max_children", NULL
};

/* CSV listings carry every migration column and the derived ones a
 * spreadsheet can hold (clocks and journeys are nested: JSON only). */
static const char **csv_columns(enum migration_file f, const char **out, size_t max)
{
	static const char *const derived[MIG_FILES][4] = {
		[MIG_CHILDREN] = { "age_months", "harder_to_place", "sibling_group_size", NULL },
		[MIG_ADOPTERS] = { NULL },
	};
	size_t n = 0;
	for (size_t i = 0; MIGRATION_COLUMNS[f][i] && n + 1 < max; i++)
		out[n++] = MIGRATION_COLUMNS[f][i];
	for (size_t i = 0; derived[f][i] && n + 1 < max; i++)
		out[n++] = derived[f][i];
	out[n] = NULL;
	return out;
}

struct list_opts {
	const char *partner;
	const char *status;
	raa_day on;
	const char *id; /* show */
};

static int parse_list(struct cli *c, int argc, char **argv, bool show, struct list_opts *lo)
{
	struct cli_opt o[] = { OPT_VALUE("partner"), OPT_VALUE("status"), OPT_VALUE("on") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc, argv, o, NOPTS(o), &a, &err) < 0 || a.npos != (show ? 1 : 0))
		return cli_usage("%s", err.code ? err.msg : show ? "show needs one ID" : "list takes no ID");
	lo->partner = o[0].value;
	lo->status = o[1].value;
	lo->id = show ? a.pos[0] : NULL;
	return cli_date_opt(&o[2], c->today, &lo->on);
}

static int record_cmd(struct cli *c, int argc, char **argv, enum record_type type)
{
	const char *what = type == REC_CHILD ? "child" : "adopter";
	bool show = argc >= 2 && strcmp(argv[1], "show") == 0;
	if (argc < 2 || (!show && strcmp(argv[1], "list") != 0))
		return cli_usage("usage: raa %s list|show", what);
	struct list_opts lo;
	int rc = parse_list(c, argc - 2, argv + 2, show, &lo);
	if (rc)
		return rc;
	if (lo.status && (type == REC_CHILD ? child_status_parse(lo.status) == CS_NONE
					    : adopter_status_parse(lo.status) == AS_NONE))
		return cli_usage("--status: value '%s': expected a %s status (records.md)", lo.status, what);
	struct viewing w;
	if ((rc = viewing_open(c, &w, lo.on)))
		return rc;
	w.v.with_journey = show;
	json_t *rows = json_array();
	size_t n = type == REC_CHILD ? w.snap.nchildren : w.snap.nadopters;
	for (size_t i = 0; i < n; i++) {
		const char *id = type == REC_CHILD ? w.snap.children[i].rec.id : w.snap.adopters[i].rec.id;
		const char *partner = type == REC_CHILD ? w.snap.children[i].rec.partner
							: w.snap.adopters[i].rec.partner;
		if ((lo.id && strcmp(id, lo.id) != 0) || (lo.partner && strcmp(partner, lo.partner) != 0))
			continue;
		json_t *o = type == REC_CHILD ? view_child(&w.v, &w.snap.children[i])
					      : view_adopter(&w.v, &w.snap.adopters[i]);
		if (lo.status && strcmp(json_string_value(json_object_get(o, "status")), lo.status) != 0) {
			json_decref(o);
			continue;
		}
		json_array_append_new(rows, o);
	}
	if (show && json_array_size(rows) == 0) {
		fprintf(stderr, "raa: no %s '%s'\n", type == REC_CHILD ? "child" : "adopter household", lo.id);
		rc = EXIT_USER;
	} else if (show) {
		table_print_object(stdout, json_array_get(rows, 0), c->fmt);
	} else {
		const char *csv[32];
		const char *const *cols = type == REC_CHILD ? CHILD_TEXT_COLUMNS : ADOPTER_TEXT_COLUMNS;
		if (c->fmt == FMT_CSV)
			cols = csv_columns(type == REC_CHILD ? MIG_CHILDREN : MIG_ADOPTERS, csv, 32);
		table_print(stdout, rows, cols, c->fmt);
	}
	json_decref(rows);
	viewing_close(&w);
	return rc;
}

int cmd_child(struct cli *c, int argc, char **argv)
{
	return record_cmd(c, argc, argv, REC_CHILD);
}

int cmd_adopter(struct cli *c, int argc, char **argv)
{
	return record_cmd(c, argc, argv, REC_ADOPTER);
}

int cmd_event(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("kind"), OPT_VALUE("date"), OPT_VALUE("adopter"),
			       OPT_VALUE("detail") };
	struct cli_args a;
	struct raa_err err;
	if (argc < 2 || strcmp(argv[1], "add") != 0 ||
	    args_parse(argc - 2, argv + 2, o, NOPTS(o), &a, &err) < 0 || a.npos != 1 ||
	    !o[0].value || !o[1].value)
		return cli_usage("usage: raa event add RECORD --kind K --date D [--adopter A] [--detail TEXT]");
	struct event_rec e = { .record = a.pos[0], .adopter = o[2].value, .detail = o[3].value };
	e.kind = event_kind_parse(o[0].value);
	if (e.kind == EV_NONE)
		return cli_usage("--kind: value '%s': expected an event kind of journeys.md", o[0].value);
	if (date_parse_iso(o[1].value, &e.date) < 0)
		return cli_usage("--date: value '%s': expected a date YYYY-MM-DD", o[1].value);
	int rc = cli_open(c);
	if (rc)
		return rc;
	int64_t id = 0;
	enum journal_outcome outcome;
	if (store_begin(c->store, &err) < 0)
		return cli_fail(&err);
	rc = journal_append(c->store, &CLI_SCOPE, &e, c->today, &outcome, &id, &err);
	if (rc == 0)
		rc = store_commit(c->store, &err);
	if (rc < 0) {
		store_rollback(c->store);
		return cli_fail(&err);
	}
	if (outcome == JOURNAL_DUPLICATE_OF_MIRROR)
		printf("%s: %s on %s was already recorded from the child's event\n", e.record,
		       o[0].value, o[1].value);
	else
		printf("event %lld recorded: %s %s %s\n", (long long)id, e.record, o[0].value, o[1].value);
	return EXIT_OK;
}

int cmd_clocks(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("on"), OPT_FLAG("overdue"), OPT_VALUE("partner") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, o, NOPTS(o), &a, &err) < 0 || a.npos)
		return cli_usage("usage: raa clocks [--on DATE] [--overdue] [--partner CODE]");
	raa_day on;
	int rc = cli_date_opt(&o[0], c->today, &on);
	if (rc)
		return rc;
	struct viewing w;
	if ((rc = viewing_open(c, &w, on)))
		return rc;
	struct clock_list list;
	clocklist_build(&w.snap, &w.cs, w.cal, on, o[1].seen, &list);
	json_t *rows = json_array();
	for (size_t i = 0; i < list.n; i++)
		if (!o[2].value || strcmp(list.rows[i].partner, o[2].value) == 0)
			json_array_append_new(rows, view_clock(&list.rows[i]));
	static const char *const cols[] = { "record", "kind", "started", "due", "overdue_days", "partner", NULL };
	table_print(stdout, rows, cols, c->fmt);
	json_decref(rows);
	clocklist_free(&list);
	viewing_close(&w);
	return EXIT_OK;
}
