#include "web/app.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/json.h"
#include "core/log.h"
#include "core/password.h"
#include "core/str.h"
#include "store/store.h"
#include "web/api.h"
#include "web/session.h"

#define LOGIN_MAX_FAILURES 5
#define LOGIN_LOCK_SECONDS (15 * 60)
#define STORES_MAX 256

struct web_app {
	struct web_opts o;
	struct sessions *sessions;
	pthread_mutex_t lock;
	struct store *stores[STORES_MAX]; /* one per worker thread, closed at the end */
	size_t nstores;
	char dummy_hash[PASSWORD_HASH_MAX]; /* verified against when an email is unknown */
};

static _Thread_local struct store *tl_store;
static _Thread_local struct web_app *tl_owner;

struct store *web_store(struct web_app *app, struct raa_err *err)
{
	if (tl_store && tl_owner == app)
		return tl_store;
	struct store *s = store_open(app->o.db_url, err);
	if (!s)
		return NULL;
	pthread_mutex_lock(&app->lock);
	if (app->nstores < STORES_MAX)
		app->stores[app->nstores++] = s;
	pthread_mutex_unlock(&app->lock);
	tl_store = s;
	tl_owner = app;
	return s;
}

struct web_app *web_app_new(const struct web_opts *o, struct raa_err *err)
{
	struct web_app *app = xcalloc(1, sizeof *app);
	app->o = *o;
	if (!app->o.static_dir)
		app->o.static_dir = "web/static";
	int idle = o->idle_timeout ? o->idle_timeout : 30 * 60;
	int absolute = o->absolute_timeout ? o->absolute_timeout : 12 * 3600;
	app->sessions = sessions_new(idle, absolute);
	pthread_mutex_init(&app->lock, NULL);
	char pw[24];
	password_generate(pw, 20);
	if (password_hash(pw, app->dummy_hash, err) < 0) {
		web_app_free(app);
		return NULL;
	}
	/* Fail now, not at the first request, if the database is unusable. */
	struct store *s = web_store(app, err);
	if (!s || store_schema_version(s) == 0) {
		if (s)
			raa_err_set(err, RAA_EINVAL, "%s has no raa schema: run 'raa --db %s init' first",
				    o->db_url, o->db_url);
		web_app_free(app);
		return NULL;
	}
	return app;
}

void web_app_free(struct web_app *app)
{
	if (!app)
		return;
	for (size_t i = 0; i < app->nstores; i++)
		store_close(app->stores[i]);
	sessions_free(app->sessions);
	pthread_mutex_destroy(&app->lock);
	free(app);
}

struct sessions *web_sessions(struct web_app *app)
{
	return app->sessions;
}

const char *web_static_dir(struct web_app *app)
{
	return app->o.static_dir;
}

const char *web_dummy_hash(struct web_app *app)
{
	return app->dummy_hash;
}

void web_handle(void *appv, struct http_req *req, struct http_resp *resp)
{
	struct web_app *app = appv;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	api_dispatch(app, req, resp);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	log_info("%s %s %s -> %d (%.2f ms)", req->client_ip, req->method, req->path, resp->status, ms);
}
