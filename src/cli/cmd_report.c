/* raa report quarterly (issue #6, docs/reports.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/quarterly.h"
#include "report/scorecard_out.h"
#include "service/settings.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

static const char REPORT_USAGE[] =
	"usage: raa report quarterly --partner CODE --quarter YYYYQN [--format html|csv|pdf] "
	"[--output FILE]";

struct partner_find {
	const char *code;
	char *name;
};

static int find_partner(void *ctx, const struct partner_rec *p)
{
	struct partner_find *f = ctx;
	if (strcmp(p->code, f->code) == 0 && !f->name)
		f->name = xstrdup(p->name && *p->name ? p->name : p->code);
	return 0;
}

/* The partner's name, or EXIT_USER naming the unknown code. */
static int partner_name(struct cli *c, const char *code, char **name)
{
	struct raa_err err;
	struct partner_find f = { code, NULL };
	if (store_partner_list(c->store, find_partner, &f, &err) < 0)
		return cli_fail(&err);
	if (!f.name) {
		fprintf(stderr, "raa: --partner: value '%s': no such partner (raa partner list shows them)\n",
			code);
		return EXIT_USER;
	}
	*name = f.name;
	return 0;
}

/* The report to --output FILE, or to stdout. */
static int render(const struct quarterly *r, struct cli *c, enum out_format fmt,
		  const char *output)
{
	struct raa_err err;
	struct buf b;
	buf_init(&b, 0);
	int rc = 0;
	if (fmt == FMT_PDF)
		rc = quarterly_pdf(r, c->today, &b, &err) < 0 ? cli_fail(&err) : 0;
	else if (fmt == FMT_CSV)
		quarterly_csv(r, &b);
	else
		quarterly_html(r, c->today, &b);
	if (!rc)
		rc = cli_write_out(&b, output);
	buf_free(&b);
	return rc;
}

/* Loads the region (the comparison needs it), builds and prints. */
static int run(struct cli *c, const char *code, const char *name, int year, int q,
	       enum out_format fmt, const char *output)
{
	struct raa_err err;
	struct store_scope sc = { .kind = SCOPE_SYSTEM, .actor = "cli" };
	struct snapshot snap;
	struct clock_settings cs;
	struct workcal *cal = NULL;
	if (snapshot_load(c->store, &sc, &snap, &err) < 0)
		return cli_fail(&err);
	if (settings_load_clocks(c->store, &cs, &err) < 0 ||
	    !(cal = settings_load_workcal(c->store, &err))) {
		snapshot_free(&snap);
		return cli_fail(&err);
	}
	struct sc_index *ix = scout_index(&snap);
	struct view_ctx v = { .snap = &snap, .cs = &cs, .cal = cal };
	struct quarterly r;
	quarterly_build(ix, &v, code, name, year, q, &r);
	int rc = render(&r, c, fmt, output);
	quarterly_free(&r);
	scorecard_index_free(ix);
	workcal_free(cal);
	snapshot_free(&snap);
	return rc;
}

static int quarterly(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("partner"), OPT_VALUE("quarter"), OPT_VALUE("output") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, o, NOPTS(o), &a, &err) < 0)
		return cli_usage("%s\n%s", err.msg, REPORT_USAGE);
	if (a.npos)
		return cli_usage("report quarterly takes no argument '%s'\n%s", a.pos[0], REPORT_USAGE);
	if (!o[0].value || !o[1].value)
		return cli_usage("--partner and --quarter are required\n%s", REPORT_USAGE);
	int year, q;
	if (quarterly_parse_quarter(o[1].value, &year, &q) < 0)
		return cli_usage("--quarter: value '%s': expected a year and quarter like 2024Q1",
				 o[1].value);
	/* HTML is the default: a report is for people (text asks for it too). */
	enum out_format fmt = c->fmt == FMT_TEXT ? FMT_HTML : c->fmt;
	if (fmt != FMT_HTML && fmt != FMT_CSV && fmt != FMT_PDF)
		return cli_usage("--format: the quarterly report is html (the default), csv or pdf\n%s",
				 REPORT_USAGE);
	/* a PDF on a terminal is noise that can upset it */
	if (fmt == FMT_PDF && !o[2].value && isatty(STDOUT_FILENO))
		return cli_usage("--format pdf: stdout is a terminal; redirect it or give --output FILE");
	int rc = cli_open(c);
	if (rc)
		return rc;
	char *name = NULL;
	if ((rc = partner_name(c, o[0].value, &name)))
		return rc;
	rc = run(c, o[0].value, name, year, q, fmt, o[2].value);
	free(name);
	return rc;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "quarterly") == 0)
		return quarterly(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "monthly") == 0)
		return cmd_report_monthly(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "asglb") == 0)
		return cmd_report_asglb(c, argc - 1, argv + 1);
	return cli_usage("%s", REPORT_USAGE);
}
