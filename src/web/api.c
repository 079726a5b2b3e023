#include "web/api.h"
#include "web/auth.h"
#include "web/pages.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/json.h"
#include "core/password.h"
#include "core/str.h"
#include "service/journal.h"
#include "service/settings.h"
#include "service/snapshot.h"
#include "service/users.h"
#include "service/views.h"

#define COOKIE_NAME "raa_session"
#define PAGE_SIZE_MAX 200

/* ---- responses -------------------------------------------------------- */

void api_json(struct http_resp *resp, int status, json_t *body)
{
	resp->status = status;
	resp->content_type = "application/json";
	buf_reset(&resp->body);
	json_to_buf(&resp->body, body);
	buf_putc(&resp->body, '\n');
	json_decref(body);
}

void api_error(struct http_resp *resp, int status, const char *code, const char *field,
	       const char *fmt, ...)
{
	char msg[RAA_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_t *e = json_object();
	json_set_str(e, "code", code);
	json_set_str(e, "message", msg);
	if (field)
		json_set_str(e, "field", field);
	else
		json_object_set_new(e, "field", json_null());
	json_t *body = json_object();
	json_object_set_new(body, "error", e);
	api_json(resp, status, body);
}

/* A service error as the right HTTP status. */
static void fail(struct http_resp *resp, const struct raa_err *err, const char *field)
{
	switch (err->code) {
	case RAA_EINVAL: api_error(resp, 422, "invalid", field, "%s", err->msg); break;
	case RAA_ENOTFOUND: api_error(resp, 404, "not_found", NULL, "%s", err->msg); break;
	case RAA_ECONFLICT: api_error(resp, 409, "conflict", field, "%s", err->msg); break;
	case RAA_EFORBIDDEN: api_error(resp, 403, "forbidden", NULL, "%s", err->msg); break;
	default: api_error(resp, 500, "internal", NULL, "the server could not complete the request"); break;
	}
}

/* ---- who is asking ---------------------------------------------------- */

void api_scope(const struct session_info *who, struct store_scope *out)
{
	bool la = user_role_is_la(who->role);
	*out = (struct store_scope){ .kind = la ? SCOPE_PARTNER : SCOPE_REGION,
				     .partner = la ? who->partner : NULL, .actor = who->email };
}

/* ---- request bodies --------------------------------------------------- */

json_t *api_body_object(struct http_req *req, struct http_resp *resp)
{
	if (req->body_too_large) {
		api_error(resp, 413, "too_large", NULL, "request body larger than %zu bytes", req->body.max);
		return NULL;
	}
	json_error_t je;
	json_t *v = json_loadb(buf_cstr(&req->body), req->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		api_error(resp, 400, "malformed_json", NULL, "body: line %d, column %d: %s", je.line,
			  je.column, je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		api_error(resp, 400, "malformed_json", NULL, "body: expected a JSON object");
		return NULL;
	}
	return v;
}

const char *api_member_str(json_t *obj, const char *key, size_t max, int status,
			   struct http_resp *resp)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return "";
	if (!json_is_string(v) || json_string_length(v) > max ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		api_error(resp, status, "invalid", key, "%s: expected a string of at most %zu characters",
			  key, max);
		return NULL;
	}
	return json_string_value(v);
}

/* The body's members as api.c's handlers read them: 422 for a bad value. */
static const char *member_str(json_t *obj, const char *key, size_t max, struct http_resp *resp)
{
	return api_member_str(obj, key, max, 422, resp);
}

/* ---- sessions --------------------------------------------------------- */

static void set_cookie(struct http_req *req, struct http_resp *resp, const char *token, int max_age)
{
	const char *value = arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
					 COOKIE_NAME, token, req->tls ? "; Secure" : "",
					 max_age == 0 ? "; Max-Age=0" : "");
	http_add_header(resp, "Set-Cookie", value);
}

static void audit(struct web_app *app, const char *actor, const char *action, const char *record,
		  const char *detail, const char *ip)
{
	web_audit(app, actor, action, record, detail, ip);
}

static void login(struct web_app *app, struct store *s, struct http_req *req, struct http_resp *resp)
{
	json_t *b = api_body_object(req, resp);
	if (!b)
		return;
	const char *email = member_str(b, "email", 254, resp);
	const char *password = email ? member_str(b, "password", PASSWORD_MAX_LEN, resp) : NULL;
	struct session_info info;
	char token[SESSION_TOKEN_HEX];
	if (!email || !password) {
		/* the 422 naming the field is already written */
	} else if (auth_login(app, s, email, password, req->client_ip, &info, token) < 0) {
		/* One message for every refusal, so nobody learns which emails exist. */
		api_error(resp, 401, "sign_in_failed", NULL, "%s", auth_refused_message());
	} else {
		set_cookie(req, resp, token, -1);
		json_t *o = json_object();
		json_set_str(o, "csrf", info.csrf);
		json_set_str(o, "email", info.email);
		json_set_str(o, "role", info.role);
		json_set_str(o, "partner", info.partner);
		api_json(resp, 200, o);
	}
	json_decref(b);
}

static void change_password(struct web_app *app, struct store *s, struct http_req *req,
			    struct http_resp *resp, const struct session_info *who)
{
	json_t *b = api_body_object(req, resp);
	if (!b)
		return;
	const char *current = member_str(b, "current_password", PASSWORD_MAX_LEN, resp);
	const char *fresh = current ? member_str(b, "new_password", PASSWORD_MAX_LEN, resp) : NULL;
	struct session_info info;
	char token[SESSION_TOKEN_HEX];
	struct raa_err err;
	if (!fresh) {
		/* the 422 naming the field is already written */
	} else if (auth_change_password(app, s, who, current, fresh, req->client_ip, &info, token, &err) < 0) {
		fail(resp, &err, err.code == RAA_EFORBIDDEN ? "current_password" : "new_password");
	} else {
		set_cookie(req, resp, token, -1);
		json_t *o = json_object();
		json_set_str(o, "csrf", info.csrf);
		json_set_str(o, "email", info.email);
		api_json(resp, 200, o);
	}
	json_decref(b);
}

/* PATCH /api/v1/users/{id} {"disabled": true|false}: a disabled account
 * cannot sign in and its sessions end at once. */
static void patch_user(struct web_app *app, struct store *s, struct http_req *req,
		       struct http_resp *resp, const struct session_info *who)
{
	long id;
	if (str_to_int(req->params[0], 1, INT32_MAX, &id) < 0) {
		api_error(resp, 404, "not_found", NULL, "no user '%s'", req->params[0]);
		return;
	}
	json_t *b = api_body_object(req, resp);
	if (!b)
		return;
	json_t *d = json_object_get(b, "disabled");
	struct raa_err err;
	if (!json_is_boolean(d)) {
		api_error(resp, 422, "invalid", "disabled", "disabled: expected true or false");
	} else if (id == who->user_id && json_is_true(d)) {
		api_error(resp, 422, "invalid", "disabled", "disabled: you cannot disable your own account");
	} else if (store_user_set_disabled(s, id, json_is_true(d), &err) < 0) {
		fail(resp, &err, NULL);
	} else {
		if (json_is_true(d))
			sessions_delete_user(web_sessions(app), id);
		web_audit(app, who->email, json_is_true(d) ? "user_disable" : "user_enable", NULL,
			  req->params[0], req->client_ip);
		json_t *o = json_object();
		json_set_int(o, "id", id);
		json_set_bool(o, "disabled", json_is_true(d));
		api_json(resp, 200, o);
	}
	json_decref(b);
}

static void logout(struct web_app *app, struct http_req *req,
		   struct http_resp *resp, const struct session_info *who)
{
	sessions_delete(web_sessions(app), http_cookie(req, COOKIE_NAME));
	audit(app, who->email, "logout", NULL, NULL, req->client_ip);
	set_cookie(req, resp, "", 0);
	resp->status = 204;
}

static void whoami(struct http_resp *resp, const struct session_info *who)
{
	json_t *o = json_object();
	json_set_str(o, "csrf", who->csrf);
	json_set_str(o, "email", who->email);
	json_set_str(o, "role", who->role);
	json_set_str(o, "partner", who->partner);
	api_json(resp, 200, o);
}

/* ---- records ---------------------------------------------------------- */

/* Clock durations and local closures change rarely (`raa setting set`,
 * `raa closure add`) but cost a dozen queries to read, on every request.
 * Each worker thread keeps its own copy (a workcal is not shared between
 * threads) for a few seconds: a change reaches the web within that. */
#define SETTINGS_TTL_SECONDS 5

struct settings_cache {
	const struct store *store;
	struct timespec loaded;
	struct clock_settings cs;
	struct workcal *cal;
};

static pthread_key_t g_settings_key;
static pthread_once_t g_settings_once = PTHREAD_ONCE_INIT;

static void settings_cache_free(void *p)
{
	struct settings_cache *c = p;
	workcal_free(c->cal);
	free(c);
}

static void settings_key_init(void)
{
	pthread_key_create(&g_settings_key, settings_cache_free);
}

int web_cached_settings(struct store *s, struct clock_settings *cs, const struct workcal **cal,
			struct raa_err *err)
{
	pthread_once(&g_settings_once, settings_key_init);
	struct settings_cache *c = pthread_getspecific(g_settings_key);
	if (!c) {
		c = xcalloc(1, sizeof *c);
		pthread_setspecific(g_settings_key, c);
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!c->cal || c->store != s || now.tv_sec - c->loaded.tv_sec >= SETTINGS_TTL_SECONDS) {
		struct clock_settings fresh;
		struct workcal *w;
		if (settings_load_clocks(s, &fresh, err) < 0 || !(w = settings_load_workcal(s, err)))
			return err->code;
		workcal_free(c->cal);
		*c = (struct settings_cache){ .store = s, .loaded = now, .cs = fresh, .cal = w };
	}
	*cs = c->cs;
	*cal = c->cal;
	return 0;
}

/* Everything a record view needs, for one record or a whole scope. */
struct reading {
	struct snapshot snap;
	struct clock_settings cs;
	const struct workcal *cal; /* the thread's cached one: not freed here */
	struct view_ctx v;
};

static int reading_open(struct store *s, const struct store_scope *sc, const char *one_id,
			raa_day on, struct reading *r, struct raa_err *err)
{
	memset(r, 0, sizeof *r);
	int rc = one_id ? snapshot_load_record(s, sc, one_id, &r->snap, err)
			: snapshot_load(s, sc, &r->snap, err);
	if (rc < 0)
		return rc;
	if (web_cached_settings(s, &r->cs, &r->cal, err) < 0) {
		snapshot_free(&r->snap);
		return err->code;
	}
	r->v = (struct view_ctx){ .snap = &r->snap, .cs = &r->cs, .cal = r->cal, .on = on };
	return 0;
}

static void reading_close(struct reading *r)
{
	snapshot_free(&r->snap);
}

/* Adopters' addresses never reach LA users: anything that could locate a
 * household goes. */
static void redact_for(const struct session_info *who, json_t *adopter)
{
	if (user_role_is_la(who->role))
		json_object_del(adopter, "postcode_district");
}

static void get_record(struct web_app *app, struct store *s, struct http_req *req, struct http_resp *resp,
		       const struct session_info *who, enum record_type type)
{
	struct store_scope sc;
	api_scope(who, &sc);
	struct reading r;
	struct raa_err err;
	const char *id = req->params[0];
	const char *what = type == REC_CHILD ? "child" : "adopter household";
	if (reading_open(s, &sc, id, date_today(), &r, &err) < 0) {
		fail(resp, &err, NULL);
		return;
	}
	r.v.with_journey = true;
	json_t *o = NULL;
	if (type == REC_CHILD) {
		const struct snap_child *c = snapshot_child(&r.snap, id);
		if (c)
			o = view_child(&r.v, c);
	} else {
		const struct snap_adopter *a = snapshot_adopter(&r.snap, id);
		if (a) {
			o = view_adopter(&r.v, a);
			redact_for(who, o);
		}
	}
	reading_close(&r);
	if (!o) {
		/* Out of scope and missing look the same: nobody can probe ids. */
		api_error(resp, 404, "not_found", NULL, "no %s '%s'", what, id);
		return;
	}
	audit(app, who->email, type == REC_CHILD ? "read_child" : "read_adopter", id, NULL, req->client_ip);
	api_json(resp, 200, o);
}

static long query_long(struct http_req *req, const char *name, long min, long max, long dflt,
		       bool *bad)
{
	const char *v = http_query(req, name);
	long n;
	if (!v)
		return dflt;
	if (str_to_int(v, min, max, &n) < 0) {
		*bad = true;
		return dflt;
	}
	return n;
}

struct sort_key {
	const char *key;
	int dir;
};

static struct sort_key g_sort; /* set before qsort; qsort has no context */
static pthread_mutex_t g_sort_lock = PTHREAD_MUTEX_INITIALIZER;

static int sort_rows(const void *a, const void *b)
{
	json_t *x = json_object_get(*(json_t *const *)a, g_sort.key);
	json_t *y = json_object_get(*(json_t *const *)b, g_sort.key);
	const char *sx = json_is_string(x) ? json_string_value(x) : "";
	const char *sy = json_is_string(y) ? json_string_value(y) : "";
	int c;
	if (json_is_integer(x) || json_is_integer(y))
		c = (json_integer_value(x) > json_integer_value(y)) - (json_integer_value(x) < json_integer_value(y));
	else
		c = str_natcmp(sx, sy);
	return c * g_sort.dir;
}

static void list_records(struct web_app *app, struct store *s, struct http_req *req, struct http_resp *resp,
			 const struct session_info *who, enum record_type type)
{
	static const char *const child_sorts[] = { "child_id", "dob", "status", "should_be_placed",
						   "entered_care", "partner", "last_name", NULL };
	static const char *const adopter_sorts[] = { "adopter_id", "status", "approved", "partner",
						     "name", NULL };
	bool bad = false;
	long page = query_long(req, "page", 1, 1000000, 1, &bad);
	long per_page = query_long(req, "per_page", 1, PAGE_SIZE_MAX, 50, &bad);
	if (bad) {
		api_error(resp, 400, "invalid_query", NULL, "page: expected 1 or more; per_page: expected 1 to %d", PAGE_SIZE_MAX);
		return;
	}
	const char *status = http_query(req, "status");
	const char *partner = http_query(req, "partner");
	const char *q = http_query(req, "q");
	const char *sort = http_query(req, "sort");
	struct sort_key key = { type == REC_CHILD ? "child_id" : "adopter_id", 1 };
	if (sort) {
		const char *name = sort[0] == '-' ? sort + 1 : sort;
		const char *const *allowed = type == REC_CHILD ? child_sorts : adopter_sorts;
		key.key = NULL;
		for (; *allowed; allowed++)
			if (strcmp(*allowed, name) == 0)
				key = (struct sort_key){ *allowed, sort[0] == '-' ? -1 : 1 };
		if (!key.key) {
			api_error(resp, 400, "invalid_query", "sort", "sort: value '%s': expected one of the listed keys, optionally with '-'", sort);
			return;
		}
	}
	struct store_scope sc;
	api_scope(who, &sc);
	struct reading r;
	struct raa_err err;
	if (reading_open(s, &sc, NULL, date_today(), &r, &err) < 0) {
		fail(resp, &err, NULL);
		return;
	}
	size_t n = type == REC_CHILD ? r.snap.nchildren : r.snap.nadopters;
	json_t **rows = xmalloc((n + 1) * sizeof *rows);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *o = type == REC_CHILD ? view_child(&r.v, &r.snap.children[i])
					      : view_adopter(&r.v, &r.snap.adopters[i]);
		/* Before the search: q must not find households by a field the
		 * caller may not see. */
		if (type == REC_ADOPTER)
			redact_for(who, o);
		const char *st = json_string_value(json_object_get(o, "status"));
		const char *pa = json_string_value(json_object_get(o, "partner"));
		bool keep = (!status || (st && strcmp(st, status) == 0)) &&
			    (!partner || (pa && strcmp(pa, partner) == 0));
		if (keep && q && *q) {
			char *text = json_dumps(o, JSON_COMPACT);
			keep = str_icontains(text, q);
			free(text);
		}
		if (!keep) {
			json_decref(o);
			continue;
		}
		rows[kept++] = o;
	}
	if (kept > 1) {
		pthread_mutex_lock(&g_sort_lock);
		g_sort = key;
		qsort(rows, kept, sizeof *rows, sort_rows);
		pthread_mutex_unlock(&g_sort_lock);
	}
	json_t *items = json_array();
	size_t first = (size_t)(page - 1) * (size_t)per_page;
	for (size_t i = 0; i < kept; i++) {
		if (i >= first && i < first + (size_t)per_page)
			json_array_append(items, rows[i]);
		json_decref(rows[i]);
	}
	free(rows);
	reading_close(&r);
	json_t *o = json_object();
	json_object_set_new(o, "items", items);
	json_set_int(o, "page", page);
	json_set_int(o, "per_page", per_page);
	json_set_int(o, "total", (long long)kept);
	audit(app, who->email, type == REC_CHILD ? "list_children" : "list_adopters", NULL, NULL, req->client_ip);
	api_json(resp, 200, o);
}

static void post_event(struct web_app *app, struct store *s, struct http_req *req, struct http_resp *resp,
		       const struct session_info *who, enum record_type type)
{
	if (!auth_writes(who->role, type)) {
		api_error(resp, 403, "forbidden", NULL, "your role (%s) cannot record %s events", who->role,
			  type == REC_CHILD ? "child" : "household");
		return;
	}
	json_t *b = api_body_object(req, resp);
	if (!b)
		return;
	const char *kind = member_str(b, "kind", 40, resp);
	const char *date = kind ? member_str(b, "date", 10, resp) : NULL;
	const char *adopter = date ? member_str(b, "adopter", RECORD_ID_MAX, resp) : NULL;
	const char *detail = adopter ? member_str(b, "detail", 2000, resp) : NULL;
	if (!detail)
		goto done;
	struct event_rec e = { .record = req->params[0], .adopter = *adopter ? adopter : NULL,
			       .detail = *detail ? detail : NULL };
	e.kind = event_kind_parse(kind);
	if (e.kind == EV_NONE || !event_kind_allowed(e.kind, type)) {
		api_error(resp, 422, "invalid", "kind", "kind: value '%s': expected a %s event kind of journeys.md",
			  kind, type == REC_CHILD ? "child" : "household");
		goto done;
	}
	if (date_parse_iso(date, &e.date) < 0) {
		api_error(resp, 422, "invalid", "date", "date: value '%s': expected a date YYYY-MM-DD", date);
		goto done;
	}
	if (!auth_may_record_kind(who->role, type, e.kind)) {
		api_error(resp, 403, "forbidden", "kind", "kind: %s is a decision for the %s", kind,
			  type == REC_CHILD ? "LA's agency decision maker (la_adm)" : "RAA's agency decision maker (raa_adm)");
		goto done;
	}
	struct store_scope sc;
	api_scope(who, &sc);
	struct raa_err err;
	/* The record must be visible and of the type the URL says. */
	int rt = store_record_type(s, &sc, e.record, &err);
	if (rt != (int)type) {
		api_error(resp, 404, "not_found", NULL, "no %s '%s'", type == REC_CHILD ? "child" : "adopter household", e.record);
		goto done;
	}
	int64_t id = 0;
	enum journal_outcome outcome = JOURNAL_RECORDED;
	int rc = store_begin(s, &err);
	if (rc == 0)
		rc = journal_append(s, &sc, &e, date_today(), &outcome, &id, &err);
	if (rc == 0)
		rc = store_commit(s, &err);
	if (rc < 0) {
		store_rollback(s);
		fail(resp, &err, "kind");
		goto done;
	}
	audit(app, who->email, type == REC_CHILD ? "write_child" : "write_adopter", e.record, kind, req->client_ip);
	json_t *o = json_object();
	json_set_int(o, "id", id);
	json_set_str(o, "record", e.record);
	json_set_str(o, "kind", kind);
	json_set_str(o, "date", date);
	json_set_bool(o, "recorded", outcome == JOURNAL_RECORDED);
	api_json(resp, 201, o);
done:
	json_decref(b);
}

/* ---- clocks, partners, users ------------------------------------------ */

static void get_clocks(struct store *s, struct http_req *req, struct http_resp *resp,
		       const struct session_info *who)
{
	raa_day on = date_today();
	const char *on_s = http_query(req, "on");
	if (on_s && date_parse_iso(on_s, &on) < 0) {
		api_error(resp, 400, "invalid_query", "on", "on: value '%s': expected a date YYYY-MM-DD", on_s);
		return;
	}
	const char *ov = http_query(req, "overdue");
	bool overdue = ov && (strcmp(ov, "1") == 0 || strcmp(ov, "true") == 0);
	const char *partner = http_query(req, "partner");
	struct store_scope sc;
	api_scope(who, &sc);
	struct reading r;
	struct raa_err err;
	if (reading_open(s, &sc, NULL, on, &r, &err) < 0) {
		fail(resp, &err, NULL);
		return;
	}
	struct clock_list list;
	clocklist_build(&r.snap, &r.cs, r.cal, on, overdue, &list);
	json_t *a = json_array();
	for (size_t i = 0; i < list.n; i++)
		if (!partner || strcmp(list.rows[i].partner, partner) == 0)
			json_array_append_new(a, view_clock(&list.rows[i]));
	clocklist_free(&list);
	reading_close(&r);
	api_json(resp, 200, a);
}

static void get_partners(struct store *s, struct http_resp *resp)
{
	json_t *a = json_array();
	struct raa_err err;
	if (store_partner_list(s, view_partner_append, a, &err) < 0) {
		json_decref(a);
		fail(resp, &err, NULL);
		return;
	}
	api_json(resp, 200, a);
}

static void get_users(struct store *s, struct http_resp *resp)
{
	json_t *a = json_array();
	struct raa_err err;
	if (store_user_list(s, view_user_append, a, &err) < 0) {
		json_decref(a);
		fail(resp, &err, NULL);
		return;
	}
	api_json(resp, 200, a);
}

static void post_user(struct web_app *app, struct store *s, struct http_req *req, struct http_resp *resp,
		      const struct session_info *who)
{
	json_t *b = api_body_object(req, resp);
	if (!b)
		return;
	const char *email = member_str(b, "email", 254, resp);
	const char *role = email ? member_str(b, "role", 32, resp) : NULL;
	const char *partner = role ? member_str(b, "partner", 7, resp) : NULL;
	const char *password = partner ? member_str(b, "password", PASSWORD_MAX_LEN, resp) : NULL;
	if (!password)
		goto done;
	struct raa_err err;
	int64_t id;
	auth_argon2_lock();
	int rc = user_create(s, email, role, partner, password, &id, &err);
	auth_argon2_unlock();
	if (rc < 0) {
		const char *field = strncmp(err.msg, "email", 5) == 0 ? "email"
				  : strncmp(err.msg, "role", 4) == 0 ? "role"
				  : strncmp(err.msg, "partner", 7) == 0 ? "partner"
				  : strncmp(err.msg, "password", 8) == 0 ? "password" : NULL;
		fail(resp, &err, field);
		goto done;
	}
	audit(app, who->email, "user_add", NULL, email, req->client_ip);
	json_t *o = json_object();
	json_set_int(o, "id", id);
	json_set_str(o, "email", email);
	json_set_str(o, "role", role);
	json_set_str(o, "partner", partner);
	api_json(resp, 201, o);
done:
	json_decref(b);
}

/* ---- static files ----------------------------------------------------- */

/* Only plain names under the static directory: no "..", no hidden files,
 * no encoded tricks (the path arrives decoded). */
static bool safe_static_path(const char *p)
{
	if (!*p || strlen(p) > 200 || p[0] == '/')
		return false;
	for (const char *s = p; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.' || *s == '/'))
			return false;
	return !strstr(p, "..") && !strstr(p, "/.") && p[0] != '.';
}

static const char *mime_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".css", "text/css; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" }, { ".json", "application/json" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" }, { ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" }, { ".woff", "font/woff" }, { ".html", "text/html; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static void serve_file(struct http_req *req, struct http_resp *resp, const char *dir, const char *rel)
{
	if (!safe_static_path(rel)) {
		api_error(resp, 404, "not_found", NULL, "no such file");
		return;
	}
	const char *full = arena_printf(&req->arena, "%s/%s", dir, rel);
	struct stat st;
	if (stat(full, &st) < 0 || !S_ISREG(st.st_mode)) {
		api_error(resp, 404, "not_found", NULL, "no such file");
		return;
	}
	resp->status = 200;
	resp->content_type = mime_type(rel);
	resp->file_path = full;
}

/* ---- routing ---------------------------------------------------------- */

enum route_id {
	R_SESSION_POST, R_SESSION_GET, R_SESSION_DELETE,
	R_CHILDREN, R_CHILD, R_CHILD_EVENTS, R_ADOPTERS, R_ADOPTER, R_ADOPTER_EVENTS,
	R_CLOCKS, R_PARTNERS, R_USERS_GET, R_USERS_POST, R_OPENAPI, R_PASSWORD, R_USER_PATCH,
};

struct route {
	const char *method;
	const char *pattern; /* segments; "*" matches one segment into params */
	enum route_id id;
	bool (*may)(const char *role); /* NULL: any signed-in user */
	bool public;
};

static const struct route ROUTES[] = {
	{ "POST", "/api/v1/session", R_SESSION_POST, NULL, true },
	{ "GET", "/api/v1/session", R_SESSION_GET, NULL, false },
	{ "DELETE", "/api/v1/session", R_SESSION_DELETE, NULL, false },
	{ "GET", "/api/v1/children", R_CHILDREN, auth_reads_cases, false },
	{ "GET", "/api/v1/children/*", R_CHILD, auth_reads_cases, false },
	{ "POST", "/api/v1/children/*/events", R_CHILD_EVENTS, auth_reads_cases, false },
	{ "GET", "/api/v1/adopters", R_ADOPTERS, auth_reads_cases, false },
	{ "GET", "/api/v1/adopters/*", R_ADOPTER, auth_reads_cases, false },
	{ "POST", "/api/v1/adopters/*/events", R_ADOPTER_EVENTS, auth_reads_cases, false },
	{ "GET", "/api/v1/clocks", R_CLOCKS, auth_reads_cases, false },
	{ "GET", "/api/v1/partners", R_PARTNERS, NULL, false },
	{ "GET", "/api/v1/users", R_USERS_GET, auth_is_admin, false },
	{ "POST", "/api/v1/users", R_USERS_POST, auth_is_admin, false },
	{ "PATCH", "/api/v1/users/*", R_USER_PATCH, auth_is_admin, false },
	{ "POST", "/api/v1/session/password", R_PASSWORD, NULL, false },
	{ "GET", "/api/v1/openapi.json", R_OPENAPI, NULL, true },
};

/* Matches path against pattern, filling req->params; path segments must
 * be plain ids for "*". */
static bool match(const char *pattern, const char *path, struct http_req *req)
{
	req->nparams = 0;
	while (*pattern && *path) {
		if (*pattern == '*') {
			const char *end = strchr(path, '/');
			size_t n = end ? (size_t)(end - path) : strlen(path);
			if (n == 0 || req->nparams >= HTTP_MAX_PARAMS)
				return false;
			req->params[req->nparams++] = arena_strndup(&req->arena, path, n);
			pattern++;
			path += n;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++, path++;
	}
	return !*pattern && !*path;
}

static bool state_changing(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static void route(struct web_app *app, struct store *s, const struct route *rt,
		  struct http_req *req, struct http_resp *resp, const struct session_info *who)
{
	switch (rt->id) {
	case R_SESSION_POST: login(app, s, req, resp); break;
	case R_SESSION_GET: whoami(resp, who); break;
	case R_SESSION_DELETE: logout(app, req, resp, who); break;
	case R_CHILDREN: list_records(app, s, req, resp, who, REC_CHILD); break;
	case R_CHILD: get_record(app, s, req, resp, who, REC_CHILD); break;
	case R_CHILD_EVENTS: post_event(app, s, req, resp, who, REC_CHILD); break;
	case R_ADOPTERS: list_records(app, s, req, resp, who, REC_ADOPTER); break;
	case R_ADOPTER: get_record(app, s, req, resp, who, REC_ADOPTER); break;
	case R_ADOPTER_EVENTS: post_event(app, s, req, resp, who, REC_ADOPTER); break;
	case R_CLOCKS: get_clocks(s, req, resp, who); break;
	case R_PARTNERS: get_partners(s, resp); break;
	case R_USERS_GET: get_users(s, resp); break;
	case R_PASSWORD: change_password(app, s, req, resp, who); break;
	case R_USER_PATCH: patch_user(app, s, req, resp, who); break;
	case R_USERS_POST: post_user(app, s, req, resp, who); break;
	case R_OPENAPI: serve_file(req, resp, web_static_dir(app), "openapi.json"); break;
	}
}

/* The session, CSRF and role checks every non-public route passes; on
 * refusal the response is written and NULL returned. */
static bool gate(struct web_app *app, struct http_req *req, struct http_resp *resp,
		 const char *pattern, bool (*may)(const char *), struct session_info *who)
{
	bool signed_in = sessions_get(web_sessions(app), http_cookie(req, COOKIE_NAME), who);
	if (!signed_in) {
		api_error(resp, 401, "unauthenticated", NULL, "sign in first (POST /api/v1/session)");
		return false;
	}
	if (state_changing(req->method) &&
	    !session_token_equal(http_header(req, "X-CSRF-Token"), who->csrf)) {
		api_error(resp, 403, "csrf", NULL, "missing or wrong X-CSRF-Token header");
		return false;
	}
	if (may && !may(who->role)) {
		api_error(resp, 403, "forbidden", NULL, "your role (%s) cannot use %s %s", who->role,
			  req->method, pattern);
		return false;
	}
	return true;
}

static const struct {
	const struct api_route *routes;
	const size_t *n;
} MODULES[] = {
	{ API_LINK_ROUTES, &API_LINK_NROUTES },
	{ API_PANEL_ROUTES, &API_PANEL_NROUTES },
	{ API_REPORT_ROUTES, &API_REPORT_NROUTES },
};

/* Tries the other modules' tables; true when one of them answered. */
static bool module_dispatch(struct web_app *app, struct http_req *req, struct http_resp *resp,
			    bool *path_known)
{
	const struct api_route *rt = NULL;
	for (size_t m = 0; m < sizeof MODULES / sizeof MODULES[0] && !rt; m++) {
		for (size_t i = 0; i < *MODULES[m].n; i++) {
			if (!match(MODULES[m].routes[i].pattern, req->path, req))
				continue;
			*path_known = true;
			if (strcmp(MODULES[m].routes[i].method, req->method) == 0) {
				rt = &MODULES[m].routes[i];
				break;
			}
		}
	}
	if (!rt)
		return false;
	struct raa_err err;
	struct store *s = web_store(app, &err);
	if (!s) {
		api_error(resp, 503, "unavailable", NULL, "the database is not available");
		return true;
	}
	struct session_info who = { 0 };
	if (!gate(app, req, resp, rt->pattern, rt->may, &who))
		return true;
	req->user = &who;
	rt->handler(app, s, req, resp, &who);
	return true;
}

void api_dispatch(struct web_app *app, struct http_req *req, struct http_resp *resp)
{
	if (strncmp(req->path, "/static/", 8) == 0 && strcmp(req->method, "GET") == 0) {
		serve_file(req, resp, web_static_dir(app), req->path + 8);
		return;
	}
	const struct route *rt = NULL;
	bool path_known = false;
	for (size_t i = 0; i < sizeof ROUTES / sizeof ROUTES[0]; i++) {
		if (!match(ROUTES[i].pattern, req->path, req))
			continue;
		path_known = true;
		if (strcmp(ROUTES[i].method, req->method) == 0) {
			rt = &ROUTES[i];
			break;
		}
	}
	if (!rt && module_dispatch(app, req, resp, &path_known))
		return;
	if (!rt && strncmp(req->path, "/api/", 5) != 0) {
		pages_dispatch(app, req, resp);
		return;
	}
	if (!rt) {
		if (path_known)
			api_error(resp, 405, "method_not_allowed", NULL, "%s is not allowed on %s", req->method, req->path);
		else
			api_error(resp, 404, "not_found", NULL, "no such page or API route");
		return;
	}
	struct raa_err err;
	struct store *s = web_store(app, &err);
	if (!s) {
		api_error(resp, 503, "unavailable", NULL, "the database is not available");
		return;
	}
	struct session_info who = { 0 };
	if (!rt->public && !gate(app, req, resp, rt->pattern, rt->may, &who))
		return;
	req->user = &who;
	route(app, s, rt, req, resp, &who);
}
