/* raa report monthly and raa report asglb (docs/reports.md, docs/asglb.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "report/asglb.h"
#include "report/monthly.h"
#include "report/quarterly.h"
#include "service/settings.h"
#include "service/views.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

static const char MONTHLY_USAGE[] =
	"usage: raa report monthly [--partner CODE] --month YYYY-MM [--format html|csv|xlsx] "
	"[--output FILE]";
static const char ASGLB_USAGE[] =
	"usage: raa report asglb [--partner CODE] --quarter YYYYQN --output DIR";

/* The partner's name from the store's list (NULL code: the region, name
 * NULL), or EXIT_USER naming an unknown code. *name is the caller's. */
static int lookup_partner(struct cli *c, const char *code, char **name)
{
	*name = NULL;
	if (!code)
		return 0;
	struct raa_err err;
	json_t *all = json_array(), *p;
	size_t i;
	if (store_partner_list(c->store, view_partner_append, all, &err) < 0) {
		json_decref(all);
		return cli_fail(&err);
	}
	json_array_foreach(all, i, p)
	{
		if (strcmp(json_string_value(json_object_get(p, "code")), code) != 0)
			continue;
		const char *n = json_string_value(json_object_get(p, "name"));
		*name = xstrdup(n && *n ? n : code);
	}
	json_decref(all);
	if (*name)
		return 0;
	fprintf(stderr, "raa: --partner: value '%s': no such partner (raa partner list shows them)\n",
		code);
	return EXIT_USER;
}

struct monthly_opts {
	const char *partner, *output;
	int year, month;
	enum out_format fmt;
};

static int monthly_run(struct cli *c, const struct monthly_opts *mo, const char *name)
{
	struct raa_err err;
	struct snapshot snap;
	struct clock_settings cs;
	struct workcal *cal = NULL;
	if (snapshot_load(c->store, &STORE_SYSTEM, &snap, &err) < 0)
		return cli_fail(&err);
	if (settings_load_clocks(c->store, &cs, &err) < 0 ||
	    !(cal = settings_load_workcal(c->store, &err))) {
		snapshot_free(&snap);
		return cli_fail(&err);
	}
	struct view_ctx v = { .snap = &snap, .cs = &cs, .cal = cal };
	struct monthly r;
	monthly_build(&v, mo->partner, name, mo->year, mo->month, c->today, &r);
	int rc = 0;
	if (mo->fmt == FMT_XLSX) {
		if (monthly_xlsx(&r, mo->output, &err) < 0)
			rc = cli_fail(&err);
	} else {
		struct buf b;
		buf_init(&b, 0);
		if (mo->fmt == FMT_CSV)
			monthly_csv(&r, &b);
		else
			monthly_html(&r, c->today, &b);
		rc = cli_write_out(&b, mo->output);
		buf_free(&b);
	}
	monthly_free(&r);
	workcal_free(cal);
	snapshot_free(&snap);
	return rc;
}

int cmd_report_monthly(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("partner"), OPT_VALUE("month"), OPT_VALUE("output") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, o, NOPTS(o), &a, &err) < 0)
		return cli_usage("%s\n%s", err.msg, MONTHLY_USAGE);
	if (a.npos)
		return cli_usage("report monthly takes no argument '%s'\n%s", a.pos[0], MONTHLY_USAGE);
	struct monthly_opts mo = { .partner = o[0].value, .output = o[2].value };
	if (!o[1].value)
		return cli_usage("--month is required\n%s", MONTHLY_USAGE);
	if (monthly_parse_month(o[1].value, &mo.year, &mo.month) < 0)
		return cli_usage("--month: value '%s': expected a year and month like 2024-03",
				 o[1].value);
	raa_day asof;
	if (monthly_asof(mo.year, mo.month, c->today, &asof) < 0)
		return cli_usage("--month: value '%s': the month has not started yet", o[1].value);
	/* HTML is the default: a report is for people (text asks for it too) */
	mo.fmt = c->fmt == FMT_TEXT ? FMT_HTML : c->fmt;
	if (mo.fmt != FMT_HTML && mo.fmt != FMT_CSV && mo.fmt != FMT_XLSX)
		return cli_usage("--format: the monthly report is html (the default), csv or xlsx\n%s",
				 MONTHLY_USAGE);
	if (mo.fmt == FMT_XLSX && !mo.output)
		return cli_usage("--format xlsx needs --output FILE: a workbook is not written to a "
				 "terminal");
	int rc = cli_open(c);
	if (rc)
		return rc;
	char *name = NULL;
	if ((rc = lookup_partner(c, mo.partner, &name)))
		return rc;
	rc = monthly_run(c, &mo, name);
	free(name);
	return rc;
}

/* DIR/NAME written from b; the directory exists. */
static int write_in(const char *dir, const char *file, const struct buf *b)
{
	char *path = xmalloc(strlen(dir) + strlen(file) + 2);
	sprintf(path, "%s/%s", dir, file);
	int rc = cli_write_out(b, path);
	free(path);
	return rc;
}

static int asglb_run(struct cli *c, const struct asglb_period *p, const char *dir)
{
	struct raa_err err;
	struct snapshot snap;
	if (snapshot_load_brief(c->store, &STORE_SYSTEM, &snap, &err) < 0)
		return cli_fail(&err);
	struct buf ch, ad;
	buf_init(&ch, 0);
	buf_init(&ad, 0);
	long nc = asglb_children_csv(&snap, p, &ch), na = asglb_adopters_csv(&snap, p, &ad);
	int rc = write_in(dir, ASGLB_CHILDREN_FILE, &ch);
	if (!rc)
		rc = write_in(dir, ASGLB_ADOPTERS_FILE, &ad);
	if (!rc)
		printf("%s/%s: %ld children\n%s/%s: %ld households\n", dir, ASGLB_CHILDREN_FILE, nc,
		       dir, ASGLB_ADOPTERS_FILE, na);
	buf_free(&ch);
	buf_free(&ad);
	snapshot_free(&snap);
	return rc;
}

int cmd_report_asglb(struct cli *c, int argc, char **argv)
{
	struct cli_opt o[] = { OPT_VALUE("partner"), OPT_VALUE("quarter"), OPT_VALUE("output") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, o, NOPTS(o), &a, &err) < 0)
		return cli_usage("%s\n%s", err.msg, ASGLB_USAGE);
	if (a.npos)
		return cli_usage("report asglb takes no argument '%s'\n%s", a.pos[0], ASGLB_USAGE);
	if (!o[1].value || !o[2].value)
		return cli_usage("--quarter and --output are required\n%s", ASGLB_USAGE);
	int year, q;
	if (quarterly_parse_quarter(o[1].value, &year, &q) < 0)
		return cli_usage("--quarter: value '%s': expected a year and quarter like 2024Q1",
				 o[1].value);
	if (c->fmt_given)
		return cli_usage("--format: the ASGLB extract is always two CSV files\n%s",
				 ASGLB_USAGE);
	if (mkdir(o[2].value, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "raa: --output: value '%s': cannot create the directory (%s)\n",
			o[2].value, strerror(errno));
		return EXIT_USER;
	}
	int rc = cli_open(c);
	if (rc)
		return rc;
	char *name = NULL;
	if ((rc = lookup_partner(c, o[0].value, &name)))
		return rc;
	free(name);
	struct asglb_period p;
	asglb_period(year, q, o[0].value, &p);
	return asglb_run(c, &p, o[2].value);
}
