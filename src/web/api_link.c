/*
 * api_link: the link workflow's JSON API (docs/linking.md). Reads by
 * auth_reads_cases (LA roles see their own children's links only: the
 * store's scope), proposals and ends by auth_links, the decision by the
 * role that may record match_decision (la_adm; another LA's ADM gets 404
 * like a missing link). The models are service/linking.c's, so the API,
 * the pages and `raa link` agree. A link never carries a household's
 * address, so nothing needs redacting for LA roles.
 */
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "service/linking.h"
#include "service/panels.h"
#include "web/api.h"
#include "web/auth.h"

#define TEXT_MAX 2000

/* Panels held outside raa: the family finder or the panel adviser
 * records what the panel recommended. */
static bool may_record_panel(const char *role)
{
	return auth_links(role) || auth_runs_panels(role);
}

static bool may_decide(const char *role)
{
	return auth_may_record_kind(role, REC_CHILD, EV_MATCH_DECISION);
}

static bool may_place(const char *role)
{
	return auth_writes(role, REC_CHILD) && auth_may_record_kind(role, REC_CHILD, EV_PLACED);
}

/* A service refusal as the right status, naming the field it names. */
static void fail(struct http_resp *resp, const struct raa_err *err)
{
	char field[32];
	const char *f = panels_err_field(err, field, sizeof field);
	switch (err->code) {
	case RAA_EINVAL: api_error(resp, 400, "invalid", f, "%s", err->msg); break;
	case RAA_ENOTFOUND: api_error(resp, 404, "not_found", NULL, "%s", err->msg); break;
	case RAA_ECONFLICT: api_error(resp, 409, "conflict", f, "%s", err->msg); break;
	default: api_error(resp, 500, "internal", NULL, "the server could not complete the request"); break;
	}
}

/* The body's string members named in keys[] into out[] ("" when absent,
 * which the linking service reads as not given); false with the error
 * answered otherwise. A bad value is a 400 here, as every refusal of a
 * link's fields is. */
static bool body_strings(struct http_req *req, struct http_resp *resp, const char *const *keys,
			 const char **out, json_t **hold)
{
	*hold = api_body_object(req, resp);
	if (!*hold)
		return false;
	for (size_t i = 0; keys[i]; i++)
		if (!(out[i] = api_member_str(*hold, keys[i], TEXT_MAX, 400, resp)))
			return false;
	return true;
}

/* Answers the link as the caller sees it now (status 200 or 201). */
static void answer_link(struct web_app *app, struct store *s, struct http_req *req,
			struct http_resp *resp, const struct session_info *who, int64_t id,
			int status, const char *action, const char *detail)
{
	struct store_scope sc;
	struct linking_view v;
	struct raa_err err;
	api_scope(who, &sc);
	if (linking_view_open(s, &sc, date_today(), &v, &err) < 0) {
		fail(resp, &err);
		return;
	}
	const struct link *l = linking_find(&v.links, id);
	if (!l) {
		api_error(resp, 404, "not_found", NULL, "link: value 'L%lld': no such link", (long long)id);
	} else {
		char lid[LINK_ID_MAX];
		linking_id_format(id, lid);
		web_audit(app, who->email, action, l->children[0]->rec.id, detail ? detail : lid,
			  req->client_ip);
		api_json(resp, status, linking_json(l, &v.snap, &v.clock, status == 200));
	}
	linking_view_close(&v);
}

static void get_links(struct web_app *app, struct store *s, struct http_req *req,
		      struct http_resp *resp, const struct session_info *who)
{
	struct store_scope sc;
	struct linking_view v;
	struct raa_err err;
	const char *open = http_query(req, "open");
	api_scope(who, &sc);
	if (open && strcmp(open, "1") != 0 && strcmp(open, "0") != 0) {
		api_error(resp, 400, "invalid_query", "open", "open: value '%s': expected 1 or 0", open);
		return;
	}
	if (linking_view_open(s, &sc, date_today(), &v, &err) < 0) {
		fail(resp, &err);
		return;
	}
	json_t *items = linking_list_json(&v, open && strcmp(open, "1") == 0, http_query(req, "partner"));
	linking_view_close(&v);
	web_audit(app, who->email, "read_links", NULL, NULL, req->client_ip);
	json_t *o = json_object();
	json_object_set_new(o, "items", items);
	api_json(resp, 200, o);
}

static void get_link(struct web_app *app, struct store *s, struct http_req *req,
		     struct http_resp *resp, const struct session_info *who)
{
	int64_t id;
	struct raa_err err;
	if (linking_id_parse(req->params[0], &id, &err) < 0) {
		api_error(resp, 404, "not_found", NULL, "link: value '%s': no such link", req->params[0]);
		return;
	}
	answer_link(app, s, req, resp, who, id, 200, "read_link", NULL);
}

static void post_link(struct web_app *app, struct store *s, struct http_req *req,
		      struct http_resp *resp, const struct session_info *who)
{
	static const char *const keys[] = { "child", "adopter", "date", NULL };
	const char *v[3];
	json_t *hold;
	struct store_scope sc;
	struct raa_err err;
	int64_t id = 0;
	if (body_strings(req, resp, keys, v, &hold)) {
		struct linking_in in = { .child = v[0], .adopter = v[1], .date = v[2] };
		api_scope(who, &sc);
		if (linking_propose(s, &sc, &in, date_today(), &id, &err) < 0)
			fail(resp, &err);
		else
			answer_link(app, s, req, resp, who, id, 201, "write_link", "propose");
	}
	json_decref(hold);
}

typedef int link_action(struct store *s, const struct store_scope *sc, const struct linking_in *in,
			raa_day today, struct raa_err *err);

/* One action on a link: keys[0] the yes/no member (or NULL), keys[1]
 * the reasons member, keys[2] "date". */
static void act(struct web_app *app, struct store *s, struct http_req *req,
		struct http_resp *resp, const struct session_info *who, const char *const *keys,
		link_action *run, const char *name)
{
	const char *v[3] = { NULL, NULL, NULL };
	json_t *hold;
	struct store_scope sc;
	struct raa_err err;
	int64_t id;
	if (linking_id_parse(req->params[0], &id, &err) < 0) {
		api_error(resp, 404, "not_found", NULL, "link: value '%s': no such link", req->params[0]);
		return;
	}
	if (body_strings(req, resp, keys, v, &hold)) {
		struct linking_in in = { .link = req->params[0], .answer = v[0], .reasons = v[1],
					 .date = v[2] };
		api_scope(who, &sc);
		if (run(s, &sc, &in, date_today(), &err) < 0)
			fail(resp, &err);
		else
			answer_link(app, s, req, resp, who, id, 200, "write_link", name);
	}
	json_decref(hold);
}

static void post_panel(struct web_app *app, struct store *s, struct http_req *req,
		       struct http_resp *resp, const struct session_info *who)
{
	static const char *const keys[] = { "recommendation", "reasons", "date", NULL };
	act(app, s, req, resp, who, keys, linking_panel, "panel");
}

static void post_decision(struct web_app *app, struct store *s, struct http_req *req,
			  struct http_resp *resp, const struct session_info *who)
{
	static const char *const keys[] = { "decision", "reasons", "date", NULL };
	act(app, s, req, resp, who, keys, linking_decide, "decision");
}

static void post_end(struct web_app *app, struct store *s, struct http_req *req,
		     struct http_resp *resp, const struct session_info *who)
{
	static const char *const keys[] = { "-", "reason", "date", NULL };
	act(app, s, req, resp, who, keys, linking_end, "end");
}

static void post_placed(struct web_app *app, struct store *s, struct http_req *req,
			struct http_resp *resp, const struct session_info *who)
{
	static const char *const keys[] = { "-", "-", "date", NULL };
	act(app, s, req, resp, who, keys, linking_place, "placed");
}

const struct api_route API_LINK_ROUTES[] = {
	{ "GET", "/api/v1/links", get_links, auth_reads_cases },
	{ "POST", "/api/v1/links", post_link, auth_links },
	{ "GET", "/api/v1/links/*", get_link, auth_reads_cases },
	{ "POST", "/api/v1/links/*/panel", post_panel, may_record_panel },
	{ "POST", "/api/v1/links/*/decision", post_decision, may_decide },
	{ "POST", "/api/v1/links/*/end", post_end, auth_links },
	{ "POST", "/api/v1/links/*/placed", post_placed, may_place },
};
const size_t API_LINK_NROUTES = sizeof API_LINK_ROUTES / sizeof API_LINK_ROUTES[0];
