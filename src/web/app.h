/*
 * app: the web application: routes, authentication, authorisation and the
 * JSON API of issue #3, over the services. One store connection per worker
 * thread (SQLite handles are not shared between threads).
 */
#ifndef RAA_WEB_APP_H
#define RAA_WEB_APP_H

#include "core/err.h"
#include "web/http.h"

struct web_opts {
	const char *db_url;
	const char *static_dir;    /* web/static */
	int idle_timeout;          /* seconds; 0 = 30 minutes */
	int absolute_timeout;      /* seconds; 0 = 12 hours */
};

struct web_app;

struct web_app *web_app_new(const struct web_opts *o, struct raa_err *err);
void web_app_free(struct web_app *app);
/* The http_handler for http_start. */
void web_handle(void *app, struct http_req *req, struct http_resp *resp);

#endif
