#include "web/pages.h"

#include <string.h>

#include "web/api.h"
#include "web/auth.h"
#include "web/page_903.h"
#include "web/page_kit.h"

/* A path of the form /<prefix>/<id><suffix>: the id (one segment) into the
 * arena, or NULL. */
static const char *path_id(struct http_req *req, const char *prefix, const char *suffix)
{
	size_t pl = strlen(prefix), sl = strlen(suffix);
	const char *path = req->path;
	if (strncmp(path, prefix, pl) != 0)
		return NULL;
	const char *id = path + pl;
	size_t n = strlen(id);
	if (n <= sl || strcmp(id + n - sl, suffix) != 0)
		return NULL;
	n -= sl;
	if (memchr(id, '/', n))
		return NULL;
	return arena_strndup(&req->arena, id, n);
}

static bool is_get(const struct http_req *req)
{
	return strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
}

static bool is_post(const struct http_req *req)
{
	return strcmp(req->method, "POST") == 0;
}

/* POST bodies are forms; a state-changing form must carry the session's
 * CSRF token (the login form carries its own). */
static bool read_form(struct page *p)
{
	if (p->req->body_too_large || form_parse(&p->req->arena, &p->req->body, &p->form) < 0) {
		page_forbidden(p, "The form could not be read. Go back, reload the page and try again.");
		p->resp->status = 400;
		return false;
	}
	return true;
}

static bool module_route(struct page *p)
{
	return page_match_route(p) || page_link_route(p) || page_panel_route(p) || page_perf_route(p) ||
	       page_reports_route(p);
}

static void route_signed_in(struct page *p)
{
	struct http_req *req = p->req;
	const char *id;
	bool cases = auth_reads_cases(p->who.role);
	if (cases && page_903_route(p)) /* multipart: its own body and CSRF reading */
		return;
	if (is_post(req)) {
		if (!read_form(p))
			return;
		if (!page_csrf_ok(p)) {
			page_forbidden(p, "The form had expired or did not come from this service. "
					  "Go back, reload the page and try again.");
			return;
		}
		if (strcmp(req->path, "/logout") == 0)
			page_logout_post(p);
		else if (strcmp(req->path, "/account/password") == 0)
			page_password_post(p);
		else if (cases && (id = path_id(req, "/children/", "/events")))
			page_record_event_post(p, REC_CHILD, id);
		else if (cases && (id = path_id(req, "/adopters/", "/events")))
			page_record_event_post(p, REC_ADOPTER, id);
		else if (strcmp(req->path, "/admin/users") == 0 && auth_is_admin(p->who.role))
			page_users_post(p);
		else if (!module_route(p))
			page_not_found(p);
		return;
	}
	if (!is_get(req)) {
		page_not_found(p);
		return;
	}
	if (strcmp(req->path, "/") == 0)
		page_dashboard(p);
	else if (strcmp(req->path, "/login") == 0)
		page_redirect(p, "/");
	else if (strcmp(req->path, "/account/password") == 0)
		page_password_get(p);
	else if (cases && strcmp(req->path, "/children") == 0)
		page_children(p);
	else if (cases && strcmp(req->path, "/adopters") == 0)
		page_adopters(p);
	else if (cases && (id = path_id(req, "/children/", "")))
		page_child(p, id);
	else if (cases && (id = path_id(req, "/adopters/", "")))
		page_adopter(p, id);
	else if (strcmp(req->path, "/admin/users") == 0 && auth_is_admin(p->who.role))
		page_users(p);
	else if (!module_route(p))
		page_not_found(p);
}

void pages_dispatch(struct web_app *app, struct http_req *req, struct http_resp *resp)
{
	struct page p = { .app = app, .req = req, .resp = resp };
	p.h = (struct html){ .out = &resp->body, .arena = &req->arena };
	struct raa_err err;
	p.store = web_store(app, &err);
	if (!p.store) {
		page_unavailable(&p);
		return;
	}
	p.signed_in = sessions_get(web_sessions(app), http_cookie(req, PAGE_SESSION_COOKIE), &p.who);
	if (p.signed_in) {
		req->user = &p.who;
		route_signed_in(&p);
		return;
	}
	if (strcmp(req->path, "/login") == 0 && is_get(req))
		page_login_get(&p);
	else if (strcmp(req->path, "/login") == 0 && is_post(req)) {
		if (read_form(&p))
			page_login_post(&p);
	} else
		page_redirect(&p, "/login");
}
