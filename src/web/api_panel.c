/*
 * api_panel: the panel adviser's JSON API (docs/panels.md). Reads by
 * auth_reads_panels, writes by auth_runs_panels (checked by api_dispatch
 * through the route table). The models are service/panels.c's, so the
 * API, the pages and `raa panel` show the same thing.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"
#include "core/json.h"
#include "core/str.h"
#include "service/panels.h"
#include "web/api.h"
#include "web/auth.h"

#define TEXT_MAX 200
#define LONG_TEXT_MAX 20000
#define MAX_LIST 32

/* A service error as the right status, naming the field the message names. */
static void fail(struct http_resp *resp, const struct raa_err *err)
{
	char field[32];
	const char *f = panels_err_field(err, field, sizeof field);
	switch (err->code) {
	case RAA_EINVAL: api_error(resp, 422, "invalid", f, "%s", err->msg); break;
	case RAA_ENOTFOUND: api_error(resp, 404, "not_found", NULL, "%s", err->msg); break;
	case RAA_ECONFLICT: api_error(resp, 409, "conflict", f, "%s", err->msg); break;
	default: api_error(resp, 500, "internal", NULL, "the server could not complete the request"); break;
	}
}

/* An optional string member (api_member_str): NULL when absent, empty or
 * after an earlier refusal; sets *bad when this one is refused (answered). */
static const char *str_member(json_t *o, const char *key, size_t max, struct http_resp *resp,
			      bool *bad)
{
	if (*bad)
		return NULL;
	const char *v = api_member_str(o, key, max, 422, resp);
	*bad = !v;
	return v && *v ? v : NULL;
}

/* The panel or item id in the URL; 404 when it is not a number. */
static bool url_id(struct http_req *req, struct http_resp *resp, const char *what, int64_t *id)
{
	long v;
	if (str_to_int(req->params[0], 1, INT32_MAX, &v) < 0) {
		api_error(resp, 404, "not_found", NULL, "no %s '%s'", what, req->params[0]);
		return false;
	}
	*id = v;
	return true;
}

/* The URL's id, then the body; NULL with the answer given. */
static json_t *id_and_body(struct http_req *req, struct http_resp *resp, const char *what,
			   int64_t *id)
{
	return url_id(req, resp, what, id) ? api_body_object(req, resp) : NULL;
}

/* Answers v (NULL: the service's error) and audits the access. */
static void reply(struct web_app *app, struct http_req *req, struct http_resp *resp,
		  const struct session_info *who, json_t *v, const struct raa_err *err, int status,
		  const char *action, const char *detail)
{
	if (!v) {
		fail(resp, err);
		return;
	}
	web_audit(app, who->email, action, NULL, detail, req->client_ip);
	api_json(resp, status, v);
}

/* {key: *id} for a write that succeeded, or NULL when it failed. The
 * id is read through a pointer: rc's call may fill it, and argument
 * order is unspecified. */
static json_t *written(int rc, const char *key, const int64_t *id)
{
	if (rc < 0)
		return NULL;
	json_t *o = json_object();
	json_set_int(o, key, *id);
	return o;
}

static json_t *created(int rc, const int64_t *id)
{
	return written(rc, "id", id);
}

/* ---- members ------------------------------------------------------------ */

static void get_members(struct web_app *app, struct store *s, struct http_req *req,
			struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	json_t *arr = panels_members_json(s, &err);
	reply(app, req, resp, who, arr, &err, 200, "read_panel_members", NULL);
}

/* "years": a whole number (or null/absent: *out stays NULL); false with
 * the answer given otherwise. buf holds the text *out points at. */
static bool years_member(json_t *b, char buf[24], const char **out, struct http_resp *resp)
{
	json_t *years = json_object_get(b, "years");
	if (json_is_integer(years)) {
		snprintf(buf, 24, "%lld", (long long)json_integer_value(years));
		*out = buf;
	} else if (years && !json_is_null(years)) {
		api_error(resp, 422, "invalid", "years",
			  "years: expected whole years of post-qualifying experience");
		return false;
	}
	return true;
}

static void post_member(struct web_app *app, struct store *s, struct http_req *req,
			struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	bool bad = false;
	int64_t id = 0;
	json_t *b = api_body_object(req, resp);
	if (!b)
		return;
	struct panels_member_in in = {
		.name = str_member(b, "name", TEXT_MAX, resp, &bad),
		.role = str_member(b, "role", 40, resp, &bad),
		.qualified = str_member(b, "qualified", 10, resp, &bad),
	};
	char ybuf[24];
	if (!bad && years_member(b, ybuf, &in.years, resp))
		reply(app, req, resp, who, created(panels_member_add(s, &in, date_today(), &id, &err), &id),
		      &err, 201, "write_panel_member", in.name);
	json_decref(b);
}

/* PATCH: only the members given change (docs/panels.md, Corrections). An
 * empty qualified or years removes the qualification, so those two are
 * passed through as typed rather than as NULL. */
static void patch_member(struct web_app *app, struct store *s, struct http_req *req,
			 struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	bool bad = false;
	int64_t id;
	json_t *b = id_and_body(req, resp, "panel member", &id);
	if (!b)
		return;
	struct panels_member_in in = {
		.name = str_member(b, "name", TEXT_MAX, resp, &bad),
		.role = str_member(b, "role", 40, resp, &bad),
	};
	if (!bad && json_object_get(b, "qualified")) {
		in.qualified = api_member_str(b, "qualified", 10, 422, resp);
		bad = !in.qualified;
	}
	char ybuf[24];
	if (!bad && years_member(b, ybuf, &in.years, resp)) {
		json_t *o = panels_member_update(s, id, &in, date_today(), &err) < 0
				    ? NULL
				    : panels_member_json(s, id, &err);
		reply(app, req, resp, who, o, &err, 200, "write_panel_member", req->params[0]);
	}
	json_decref(b);
}

/* ---- panels ------------------------------------------------------------- */

static void get_panels(struct web_app *app, struct store *s, struct http_req *req,
		       struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	struct store_scope sc;
	api_scope(who, &sc);
	json_t *arr = panels_list_json(s, &sc, &err);
	reply(app, req, resp, who, arr, &err, 200, "read_panels", NULL);
}

static void post_panel(struct web_app *app, struct store *s, struct http_req *req,
		       struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	bool bad = false;
	int64_t id = 0;
	json_t *b = api_body_object(req, resp);
	if (!b)
		return;
	const char *date = str_member(b, "date", 10, resp, &bad);
	const char *name = str_member(b, "name", TEXT_MAX, resp, &bad);
	const char *location = str_member(b, "location", TEXT_MAX, resp, &bad);
	if (!bad)
		reply(app, req, resp, who, created(panels_add(s, date, name, location, &id, &err), &id),
		      &err, 201, "write_panel", date);
	json_decref(b);
}

static void get_panel(struct web_app *app, struct store *s, struct http_req *req,
		      struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	struct store_scope sc;
	struct clock_settings cs;
	const struct workcal *cal;
	int64_t id;
	if (!url_id(req, resp, "panel", &id))
		return;
	api_scope(who, &sc);
	if (web_cached_settings(s, &cs, &cal, &err) < 0) {
		fail(resp, &err);
		return;
	}
	json_t *o = panels_show_json(s, &sc, id, &cs.dur[CLOCK_ADM_AFTER_PANEL], cal, date_today(),
				     &err);
	reply(app, req, resp, who, o, &err, 200, "read_panel", req->params[0]);
}

static void post_attendance(struct web_app *app, struct store *s, struct http_req *req,
			    struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	int64_t id, members[MAX_LIST];
	size_t n = 0, i;
	json_t *v;
	json_t *b = id_and_body(req, resp, "panel", &id);
	if (!b)
		return;
	json_t *arr = json_object_get(b, "members");
	bool ok = json_is_array(arr) && json_array_size(arr) <= MAX_LIST;
	json_array_foreach(arr, i, v) {
		ok = ok && json_is_integer(v);
		if (ok)
			members[n++] = json_integer_value(v);
	}
	json_t *o = NULL;
	if (!ok)
		api_error(resp, 422, "invalid", "members", "members: expected an array of at most %d member ids", MAX_LIST);
	else if ((o = written(panels_attend(s, id, members, n, &err), "panel", &id)))
		json_set_int(o, "recorded", (long long)n);
	if (ok)
		reply(app, req, resp, who, o, &err, 200, "write_panel", "attendance");
	json_decref(b);
}

/* DELETE /panels/{panel}/attendance/{member}: recorded in error. */
static void delete_attendance(struct web_app *app, struct store *s, struct http_req *req,
			      struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	int64_t panel, member;
	long v;
	if (!url_id(req, resp, "panel", &panel))
		return;
	if (str_to_int(req->params[1], 1, INT32_MAX, &v) < 0) {
		api_error(resp, 404, "not_found", NULL, "no panel member '%s'", req->params[1]);
		return;
	}
	member = v;
	json_t *o = written(panels_unattend(s, panel, &member, 1, &err), "panel", &panel);
	if (o)
		json_set_int(o, "member", member);
	reply(app, req, resp, who, o, &err, 200, "write_panel", "attendance removed");
}

/* papers: an array of titles or one string of titles separated by ';'. */
static bool papers_text(json_t *b, struct buf *out, struct http_resp *resp)
{
	json_t *p = json_object_get(b, "papers");
	size_t i;
	json_t *v;
	if (!p || json_is_null(p))
		return true;
	if (json_is_string(p) && json_string_length(p) <= LONG_TEXT_MAX) {
		buf_puts(out, json_string_value(p));
		return true;
	}
	bool ok = json_is_array(p) && json_array_size(p) <= 64;
	json_array_foreach(p, i, v) {
		ok = ok && json_is_string(v) && json_string_length(v) <= TEXT_MAX;
		if (ok)
			buf_printf(out, "%s\n", json_string_value(v));
	}
	if (!ok)
		api_error(resp, 422, "invalid", "papers", "papers: expected a list of paper titles");
	return ok;
}

static bool children_list(json_t *b, const char **out, size_t *n, struct http_resp *resp)
{
	json_t *c = json_object_get(b, "children");
	size_t i;
	json_t *v;
	*n = 0;
	if (!c || json_is_null(c))
		return true;
	bool ok = json_is_array(c) && json_array_size(c) <= MAX_LIST;
	json_array_foreach(c, i, v) {
		ok = ok && json_is_string(v) && json_string_length(v) <= RECORD_ID_MAX;
		if (ok)
			out[(*n)++] = json_string_value(v);
	}
	if (!ok)
		api_error(resp, 422, "invalid", "children", "children: expected an array of child ids");
	return ok;
}

static void post_item(struct web_app *app, struct store *s, struct http_req *req,
		      struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	struct store_scope sc;
	const char *children[MAX_LIST];
	struct buf papers;
	bool bad = false;
	int64_t panel, id = 0;
	json_t *b = id_and_body(req, resp, "panel", &panel);
	if (!b)
		return;
	buf_init(&papers, 0);
	struct panels_item_in in = { .kind = str_member(b, "kind", 40, resp, &bad),
				     .adopter = str_member(b, "adopter", RECORD_ID_MAX, resp, &bad),
				     .children = children };
	bad = bad || !children_list(b, children, &in.nchildren, resp) || !papers_text(b, &papers, resp);
	in.papers = buf_cstr(&papers);
	api_scope(who, &sc);
	if (!bad)
		reply(app, req, resp, who, created(panels_item_add(s, &sc, panel, &in, &id, &err), &id),
		      &err, 201, "write_panel", in.kind);
	buf_free(&papers);
	json_decref(b);
}

static void post_recommendation(struct web_app *app, struct store *s, struct http_req *req,
				struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	struct store_scope sc;
	bool bad = false;
	int64_t item;
	json_t *b = id_and_body(req, resp, "agenda item", &item);
	if (!b)
		return;
	const char *rec = str_member(b, "recommendation", 3, resp, &bad);
	const char *reasons = str_member(b, "reasons", LONG_TEXT_MAX, resp, &bad);
	api_scope(who, &sc);
	json_t *o = bad ? NULL
			: written(panels_recommend(s, &sc, item, rec, reasons, date_today(), &err), "item", &item);
	if (o)
		json_set_str(o, "recommendation", rec);
	if (!bad)
		reply(app, req, resp, who, o, &err, 201, "write_panel", "recommendation");
	json_decref(b);
}

/* PUT /panel-items/{item}/papers: the whole list again, as for adding. */
static void put_papers(struct web_app *app, struct store *s, struct http_req *req,
		       struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	struct store_scope sc;
	struct buf papers;
	int64_t item;
	json_t *b = id_and_body(req, resp, "agenda item", &item);
	if (!b)
		return;
	buf_init(&papers, 0);
	if (papers_text(b, &papers, resp)) {
		api_scope(who, &sc);
		reply(app, req, resp, who,
		      written(panels_item_set_papers(s, &sc, item, buf_cstr(&papers), &err), "item",
			      &item),
		      &err, 200, "write_panel", "papers");
	}
	buf_free(&papers);
	json_decref(b);
}

/* DELETE /panel-items/{item}: withdrawn from the agenda. */
static void delete_item(struct web_app *app, struct store *s, struct http_req *req,
			struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	struct store_scope sc;
	int64_t item;
	if (!url_id(req, resp, "agenda item", &item))
		return;
	api_scope(who, &sc);
	json_t *o = written(panels_item_remove(s, &sc, item, &err), "item", &item);
	if (o)
		json_object_set_new(o, "withdrawn", json_true());
	reply(app, req, resp, who, o, &err, 200, "write_panel", "item withdrawn");
}

static void put_minutes(struct web_app *app, struct store *s, struct http_req *req,
			struct http_resp *resp, const struct session_info *who)
{
	struct raa_err err;
	bool bad = false;
	int64_t id;
	json_t *b = id_and_body(req, resp, "panel", &id);
	if (!b)
		return;
	const char *text = str_member(b, "text", LONG_TEXT_MAX, resp, &bad);
	json_t *o = bad ? NULL : written(panels_minutes(s, id, text, &err), "panel", &id);
	if (o)
		json_set_str(o, "minutes", text);
	if (!bad)
		reply(app, req, resp, who, o, &err, 200, "write_panel", "minutes");
	json_decref(b);
}

const struct api_route API_PANEL_ROUTES[] = {
	{ "GET", "/api/v1/panel-members", get_members, auth_reads_panels },
	{ "POST", "/api/v1/panel-members", post_member, auth_runs_panels },
	{ "PATCH", "/api/v1/panel-members/*", patch_member, auth_runs_panels },
	{ "GET", "/api/v1/panels", get_panels, auth_reads_panels },
	{ "POST", "/api/v1/panels", post_panel, auth_runs_panels },
	{ "GET", "/api/v1/panels/*", get_panel, auth_reads_panels },
	{ "POST", "/api/v1/panels/*/attendance", post_attendance, auth_runs_panels },
	{ "DELETE", "/api/v1/panels/*/attendance/*", delete_attendance, auth_runs_panels },
	{ "POST", "/api/v1/panels/*/items", post_item, auth_runs_panels },
	{ "POST", "/api/v1/panel-items/*/recommendation", post_recommendation, auth_runs_panels },
	{ "PUT", "/api/v1/panel-items/*/papers", put_papers, auth_runs_panels },
	{ "DELETE", "/api/v1/panel-items/*", delete_item, auth_runs_panels },
	{ "PUT", "/api/v1/panels/*/minutes", put_minutes, auth_runs_panels },
	{ "POST", "/api/v1/panels/*/minutes", put_minutes, auth_runs_panels },
};
const size_t API_PANEL_NROUTES = sizeof API_PANEL_ROUTES / sizeof API_PANEL_ROUTES[0];
