/*
 * api: routing and the JSON API under /api/v1/ (issue #3), plus the static
 * files. Every handler gets the caller's session already checked; CSRF is
 * checked once here for every state-changing request.
 */
#ifndef RAA_WEB_API_H
#define RAA_WEB_API_H

#include <jansson.h>

#include "domain/clocks.h"
#include "store/store.h"
#include "web/http.h"
#include "web/session.h"

struct web_app;

/* From app.c. */
struct store *web_store(struct web_app *app, struct raa_err *err);
struct sessions *web_sessions(struct web_app *app);
const char *web_static_dir(struct web_app *app);
const char *web_dummy_hash(struct web_app *app);
/* Queues an audit row (stamped now) for app.c's audit writer, which appends
 * it to the hash-chained audit table within milliseconds and before the
 * server stops. Never drops a row: waits if the queue is full. */
void web_audit(struct web_app *app, const char *actor, const char *action, const char *record,
	       const char *detail, const char *ip);

/* The clock settings and working calendar for this worker thread, read
 * from the store at most every few seconds. *cal stays owned by the
 * thread's cache: do not free it. */
int web_cached_settings(struct store *s, struct clock_settings *cs, const struct workcal **cal,
			struct raa_err *err);

void api_dispatch(struct web_app *app, struct http_req *req, struct http_resp *resp);

/* Routes of the API's other modules, each in its own file with its own
 * table. api_dispatch has already checked the session, CSRF (for a
 * state-changing method) and `may` before calling the handler;
 * req->params holds the "*" segments of the pattern. */
typedef void api_handler(struct web_app *app, struct store *s, struct http_req *req,
			 struct http_resp *resp, const struct session_info *who);
struct api_route {
	const char *method;
	const char *pattern; /* segments; "*" matches one segment into params */
	api_handler *handler;
	bool (*may)(const char *role); /* NULL: any signed-in user */
};
extern const struct api_route API_LINK_ROUTES[];   /* api_link.c: links and decisions */
extern const size_t API_LINK_NROUTES;
extern const struct api_route API_PANEL_ROUTES[];  /* api_panel.c: panels */
extern const size_t API_PANEL_NROUTES;
extern const struct api_route API_REPORT_ROUTES[]; /* api_report.c: reports */
extern const size_t API_REPORT_NROUTES;

/* Response helpers shared with the pages. */
void api_json(struct http_resp *resp, int status, json_t *body); /* steals body */
void api_error(struct http_resp *resp, int status, const char *code, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Request bodies. The body as a JSON object (the caller decrefs it), or
 * NULL with the error answered: 413 too_large, 400 malformed_json. */
json_t *api_body_object(struct http_req *req, struct http_resp *resp);
/* A string member of at most max bytes, "" when absent or null; NULL with
 * `status` (422, or 400 where the module answers that for a bad value)
 * and code "invalid" answered when it is another type, too long or holds
 * a NUL. */
const char *api_member_str(json_t *obj, const char *key, size_t max, int status,
			   struct http_resp *resp);

/* The caller's scope for the store: LA roles see their partner only. */
void api_scope(const struct session_info *who, struct store_scope *out);

#endif
