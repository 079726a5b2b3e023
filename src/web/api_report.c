/*
 * api_report: GET /api/v1/scorecard, the JSON of `raa scorecard` (and of
 * its --series) over HTTP, from the shared performance cache (docs/api.md).
 *
 * Managers and the board read the region and every partner; LA staff read
 * their own partner only: another partner answers 404 like an unknown one
 * (no probing which codes exist), the region 403. Other roles are refused
 * by the route's predicate.
 */
#include <string.h>

#include "core/json.h"
#include "core/str.h"
#include "report/scorecard_out.h"
#include "service/users.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/perf_cache.h"

#define SC_YEARS_DEFAULT 3
#define SC_YEARS_MAX 50

static bool may_read_scorecard(const char *role)
{
	return auth_sees_performance(role) || user_role_is_la(role);
}

struct sc_query {
	const char *partner; /* NULL: the region */
	raa_day to;
	int years;
	bool series;
};

/* 0, or -1 with the 400 response written. */
static int read_query(struct http_req *req, struct http_resp *resp, struct sc_query *q)
{
	const char *to = http_query(req, "to");
	const char *years = http_query(req, "years");
	const char *series = http_query(req, "series");
	q->partner = http_query(req, "partner");
	q->to = date_today();
	if (to && date_parse_iso(to, &q->to) < 0) {
		api_error(resp, 400, "invalid_query", "to",
			  "to: value '%s': expected a date YYYY-MM-DD", to);
		return -1;
	}
	long y = SC_YEARS_DEFAULT;
	if (years && str_to_int(years, 1, SC_YEARS_MAX, &y) < 0) {
		api_error(resp, 400, "invalid_query", "years",
			  "years: value '%s': expected a whole number of years from 1 to %d", years,
			  SC_YEARS_MAX);
		return -1;
	}
	q->years = (int)y;
	q->series = series && (strcmp(series, "1") == 0 || strcmp(series, "true") == 0);
	if (series && !q->series && strcmp(series, "0") != 0 && strcmp(series, "false") != 0) {
		api_error(resp, 400, "invalid_query", "series",
			  "series: value '%s': expected 1 or 0", series);
		return -1;
	}
	if (q->partner && !*q->partner)
		q->partner = NULL;
	return 0;
}

/* `raa scorecard --series --format json`'s shape. */
static json_t *series_json(const struct perf_scope *sc, const char *scope)
{
	json_t *o = json_object();
	json_set_str(o, "scope", scope);
	json_t *arr = json_array();
	for (size_t i = 0; i < PERF_SERIES; i++) {
		json_t *e = json_object();
		json_set_date(e, "to", sc->series[i].to);
		json_set_date(e, "from", sc->series[i].from);
		scout_json_indicators(e, &sc->series[i]);
		json_array_append_new(arr, e);
	}
	json_object_set_new(o, "quarters", arr);
	return o;
}

static void get_scorecard(struct web_app *app, struct store *s, struct http_req *req,
			  struct http_resp *resp, const struct session_info *who)
{
	struct sc_query q;
	if (read_query(req, resp, &q) < 0)
		return;
	bool la = user_role_is_la(who->role);
	if (la && !q.partner) {
		api_error(resp, 403, "forbidden", "partner",
			  "the region's figures are for managers and the board: ask for partner=%s",
			  who->partner);
		return;
	}
	if (la && strcmp(q.partner, who->partner) != 0) {
		api_error(resp, 404, "not_found", "partner", "no partner '%s'", q.partner);
		return;
	}
	struct perf_figures *f;
	struct raa_err err;
	if (perf_figures_get(s, q.to, q.years, &f, &err) < 0) {
		api_error(resp, 500, "internal", NULL, "the server could not complete the request");
		return;
	}
	const struct perf_scope *sc = perf_scope_of(f, q.partner);
	if (!sc) {
		perf_figures_put(f);
		api_error(resp, 404, "not_found", "partner", "no partner '%s'", q.partner);
		return;
	}
	const char *scope = q.partner ? q.partner : "region";
	json_t *body = q.series ? series_json(sc, scope) : scout_json(&sc->cur, scope);
	perf_figures_put(f);
	web_audit(app, who->email, "read_scorecard", NULL,
		  arena_printf(&req->arena, "%s%s", scope, q.series ? " series" : ""), req->client_ip);
	api_json(resp, 200, body);
}

const struct api_route API_REPORT_ROUTES[] = {
	{ "GET", "/api/v1/scorecard", get_scorecard, may_read_scorecard },
};
const size_t API_REPORT_NROUTES = sizeof API_REPORT_ROUTES / sizeof API_REPORT_ROUTES[0];
