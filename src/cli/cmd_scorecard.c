/* raa scorecard (scorecard.md); the renderers live in report/scorecard_out.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/scorecard.h"
#include "report/scorecard_out.h"
#include "service/snapshot.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))
#define SERIES_QUARTERS 12

static const char SCORECARD_USAGE[] =
	"usage: raa scorecard [--partner CODE | --all-partners] [--to DATE] [--years Y] [--series] "
	"[--format json|text|csv]";

struct sc_opts {
	const char *partner; /* NULL: the region */
	raa_day to;
	int years;
	bool series;
	bool all;            /* the region, then every partner */
};

static int parse_opts(struct cli *c, int argc, char **argv, struct sc_opts *so)
{
	struct cli_opt o[] = { OPT_VALUE("partner"), OPT_VALUE("to"), OPT_VALUE("years"),
			       OPT_FLAG("series"), OPT_FLAG("all-partners") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, o, NOPTS(o), &a, &err) < 0)
		return cli_usage("%s\n%s", err.msg, SCORECARD_USAGE);
	if (a.npos)
		return cli_usage("scorecard takes no argument '%s'\n%s", a.pos[0], SCORECARD_USAGE);
	so->partner = o[0].value;
	so->series = o[3].seen;
	so->all = o[4].seen;
	if (so->all && so->partner)
		return cli_usage("--partner and --all-partners: give one or the other\n%s",
				 SCORECARD_USAGE);
	long years = 3;
	if (o[2].value && str_to_int(o[2].value, 1, 50, &years) < 0)
		return cli_usage("--years: value '%s': expected a whole number of years from 1 to 50",
				 o[2].value);
	so->years = (int)years;
	return cli_date_opt(&o[1], c->today, &so->to);
}

/* Loads the scope (a partner's children and the households in its area,
 * or everything) and indexes it for the scorecard. */
static int load_index(struct cli *c, const char *partner, struct sc_index **out)
{
	struct raa_err err;
	int rc = cli_open(c);
	if (rc)
		return rc;
	if (partner) {
		rc = store_partner_exists(c->store, partner, &err);
		if (rc < 0)
			return cli_fail(&err);
		if (rc == 0) {
			fprintf(stderr, "raa: --partner: value '%s': no such partner (raa partner list shows them)\n",
				partner);
			return EXIT_USER;
		}
	}
	struct store_scope sc = { .kind = partner ? SCOPE_PARTNER : SCOPE_SYSTEM,
				  .partner = partner, .actor = "cli" };
	struct snapshot snap;
	if (snapshot_load_brief(c->store, &sc, &snap, &err) < 0)
		return cli_fail(&err);
	*out = scout_index(&snap);
	snapshot_free(&snap);
	return 0;
}

static json_t *series_json(const struct scorecard *q, size_t n, const char *scope)
{
	json_t *o = json_object();
	json_set_str(o, "scope", scope);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_object();
		json_set_date(e, "to", q[i].to);
		json_set_date(e, "from", q[i].from);
		scout_json_indicators(e, &q[i]);
		json_array_append_new(arr, e);
	}
	json_object_set_new(o, "quarters", arr);
	return o;
}

static void print_text(const struct scorecard *sc, const char *scope)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN], val[128];
	date_format_iso(sc->from, from);
	date_format_iso(sc->to, to);
	printf("Adoption scorecard: %s, %s to %s\n", scope, from, to);
	printf("(counts of children and adopters waiting are on %s)\n\n", to);
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
		scout_fmt_indicator(val, sizeof val, sc, i);
		printf("%-4s %-52s %s\n     %s\n", ind->id, ind->name, val, ind->meaning);
	}
}

/* The headline value of each indicator per quarter, oldest first. */
static void print_series_text(const struct scorecard *q, size_t n, const char *scope)
{
	printf("Adoption scorecard by quarter: %s, each a rolling value to the quarter's end\n\n",
	       scope);
	printf("%-10s", "to");
	for (int i = 0; i < SC_INDICATOR_COUNT; i++)
		printf(" %7s", SCORECARD_INDICATORS[i].id);
	printf("\n");
	for (size_t k = 0; k < n; k++) {
		char to[DATE_ISO_LEN], v[32];
		date_format_iso(q[k].to, to);
		printf("%-10s", to);
		for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
			const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
			bool pct = ind->fields[ind->nfields - 1] == SC_F_PCT && ind->nfields == 3;
			scout_fmt_value(v, sizeof v, &q[k], i, pct ? SC_F_PCT : ind->fields[0]);
			printf(" %7s", v);
		}
		printf("\n");
	}
	printf("\nA1, A10, A2 in days; A3, A12, T1 as a percentage; the rest counts.\n");
}

struct scopes {
	char **codes; /* NULL first: the region */
	size_t n, cap;
};

static int add_partner(void *ctx, const struct partner_rec *p)
{
	struct scopes *sc = ctx;
	xgrow((void **)&sc->codes, &sc->cap, sc->n + 1, sizeof *sc->codes);
	sc->codes[sc->n++] = xstrdup(p->code);
	return 0;
}

static void scopes_free(struct scopes *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		free(sc->codes[i]);
	free(sc->codes);
}

/* One scope in the chosen format; `first` and `last` frame a list. */
static void print_scope(struct cli *c, const struct sc_opts *so, const struct sc_index *ix,
			const char *partner, bool first, bool last, bool list)
{
	const char *scope = partner ? partner : "region";
	size_t n = so->series ? SERIES_QUARTERS : 1;
	struct scorecard q[SERIES_QUARTERS];
	if (so->series)
		scorecard_series(ix, partner, so->to, so->years, q, n);
	else
		scorecard_eval(ix, partner, scorecard_period_from(so->to, so->years), so->to, q);
	if (c->fmt == FMT_CSV) {
		struct buf b;
		buf_init(&b, 0);
		if (first)
			scout_csv_header(&b);
		for (size_t i = 0; i < n; i++)
			scout_csv_rows(&b, &q[i], scope);
		fputs(buf_cstr(&b), stdout);
		buf_free(&b);
	} else if (c->fmt == FMT_JSON) {
		json_t *o = so->series ? series_json(q, n, scope) : scout_json(q, scope);
		char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(15));
		printf("%s%s%s", list && first ? "[" : "", s, list ? (last ? "]\n" : ",") : "\n");
		free(s);
		json_decref(o);
	} else {
		if (!first)
			printf("\n");
		if (so->series)
			print_series_text(q, n, scope);
		else
			print_text(q, scope);
	}
}

int cmd_scorecard(struct cli *c, int argc, char **argv)
{
	struct sc_opts so;
	int rc = parse_opts(c, argc, argv, &so);
	if (rc)
		return rc;
	struct sc_index *ix = NULL;
	if ((rc = load_index(c, so.partner, &ix)))
		return rc;
	struct scopes sc = { 0 };
	xgrow((void **)&sc.codes, &sc.cap, 1, sizeof *sc.codes);
	sc.codes[sc.n++] = so.partner ? xstrdup(so.partner) : NULL;
	if (so.all) {
		struct raa_err err;
		if (store_partner_list(c->store, add_partner, &sc, &err) < 0) {
			rc = cli_fail(&err);
			goto out;
		}
	}
	for (size_t i = 0; i < sc.n; i++)
		print_scope(c, &so, ix, sc.codes[i], i == 0, i + 1 == sc.n, so.all);
out:
	scopes_free(&sc);
	scorecard_index_free(ix);
	return rc;
}
