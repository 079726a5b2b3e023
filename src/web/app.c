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

#define STORES_MAX 256
#define AUDIT_QUEUE_MAX 65536 /* rows waiting; producers wait beyond this */
#define AUDIT_BATCH_MAX 4096  /* rows per transaction */
#define AUDIT_GATHER_NS (10 * 1000 * 1000) /* how long a batch gathers */

/*
 * The audit writer. Every read of a record is audited, so one SQLite write
 * transaction per GET would serialise the whole server on the database's
 * write lock (and on busy_timeout's sleeps). Instead handlers queue rows
 * here and one thread appends whatever has queued in one transaction: the
 * chain stays exact because store_audit_append reads the tail under the
 * write lock for every row, rows keep their access time ("at" is taken
 * when queued), and nothing is dropped: a full queue makes producers wait,
 * a failed batch is retried, and web_app_free drains the queue before it
 * returns. A row reaches the table within about 10 ms: the writer
 * wakes for the first row of a batch, gathers for AUDIT_GATHER_NS, and
 * writes what has queued. A crash (not a clean stop) can lose at most the
 * rows of those few milliseconds.
 */
struct audit_item {
	struct audit_item *next;
	struct audit_rec rec; /* strings point into text[] */
	char text[];
};

struct audit_queue {
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct audit_item *head, *tail;
	size_t n;
	bool stop, running;
	bool idle; /* the writer waits on `more` */
	pthread_t thread;
	struct store *store; /* the writer's own connection */
};

struct web_app {
	struct web_opts o;
	struct sessions *sessions;
	pthread_mutex_t lock;
	struct store *stores[STORES_MAX]; /* one per worker thread, closed at the end */
	size_t nstores;
	char dummy_hash[PASSWORD_HASH_MAX]; /* verified against when an email is unknown */
	struct audit_queue audit;
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

/* Appends one batch in one transaction; 0 when it is in the table. */
static int audit_write_batch(struct store *s, struct audit_item *batch, struct raa_err *err)
{
	int rc = store_begin(s, err);
	for (struct audit_item *it = batch; rc == 0 && it; it = it->next)
		rc = store_audit_append(s, &it->rec, err);
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0)
		store_rollback(s);
	return rc;
}

/* A batch that cannot be written is retried (the database may be busy
 * with a long import); at shutdown, after a few tries, the rows go to
 * stderr so that an operator still has them. */
static void audit_write(struct audit_queue *q, struct audit_item *batch)
{
	struct raa_err err;
	for (int attempt = 0;; attempt++) {
		if (audit_write_batch(q->store, batch, &err) == 0)
			break;
		fprintf(stderr, "raa: audit write failed (attempt %d): %s\n", attempt + 1, err.msg);
		pthread_mutex_lock(&q->lock);
		bool stopping = q->stop;
		pthread_mutex_unlock(&q->lock);
		if (stopping && attempt >= 4) {
			for (struct audit_item *it = batch; it; it = it->next)
				fprintf(stderr, "raa: audit row not written: %s %s %s %s %s %s\n", it->rec.at,
					it->rec.actor, it->rec.action, it->rec.record ? it->rec.record : "-",
					it->rec.detail ? it->rec.detail : "-", it->rec.ip ? it->rec.ip : "-");
			break;
		}
		struct timespec pause = { 0, 200 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	while (batch) {
		struct audit_item *next = batch->next;
		free(batch);
		batch = next;
	}
}

/* Waits for rows, lets more gather for a moment (one transaction and one
 * wake-up per batch instead of per row), and writes them. */
static void *audit_writer(void *arg)
{
	struct audit_queue *q = arg;
	const struct timespec gather = { 0, AUDIT_GATHER_NS };
	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (!q->head && !q->stop) {
			q->idle = true;
			pthread_cond_wait(&q->more, &q->lock);
			q->idle = false;
		}
		if (!q->head)
			break;
		if (!q->stop && q->n < AUDIT_BATCH_MAX) {
			pthread_mutex_unlock(&q->lock);
			nanosleep(&gather, NULL);
			pthread_mutex_lock(&q->lock);
		}
		/* Take up to AUDIT_BATCH_MAX rows from the front. */
		struct audit_item *batch = q->head, *last = batch;
		size_t n = 1;
		while (last->next && n < AUDIT_BATCH_MAX)
			last = last->next, n++;
		q->head = last->next;
		if (!q->head)
			q->tail = NULL;
		last->next = NULL;
		q->n -= n;
		pthread_cond_broadcast(&q->room);
		pthread_mutex_unlock(&q->lock);
		audit_write(q, batch);
		pthread_mutex_lock(&q->lock);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

static char *pack(char **p, const char *v)
{
	if (!v)
		return NULL;
	char *start = *p;
	size_t n = strlen(v) + 1;
	memcpy(start, v, n);
	*p += n;
	return start;
}

void web_audit(struct web_app *app, const char *actor, const char *action, const char *record,
	       const char *detail, const char *ip)
{
	char at[32];
	struct tm tm;
	time_t now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	const char *fields[] = { at, actor, action, record, detail, ip };
	size_t size = sizeof(struct audit_item);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		size += fields[i] ? strlen(fields[i]) + 1 : 0;
	struct audit_item *it = xmalloc(size);
	char *p = it->text;
	it->next = NULL;
	it->rec = (struct audit_rec){ .at = pack(&p, at), .actor = pack(&p, actor),
				      .action = pack(&p, action), .record = pack(&p, record),
				      .detail = pack(&p, detail), .ip = pack(&p, ip) };
	struct audit_queue *q = &app->audit;
	pthread_mutex_lock(&q->lock);
	while (q->n >= AUDIT_QUEUE_MAX && q->running)
		pthread_cond_wait(&q->room, &q->lock);
	if (q->tail)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	q->n++;
	/* Only an idle writer needs waking: a busy one takes this row with
	 * its next batch. */
	if (q->idle)
		pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->lock);
}

static int audit_start(struct web_app *app, struct raa_err *err)
{
	struct audit_queue *q = &app->audit;
	q->store = store_open(app->o.db_url, err);
	if (!q->store)
		return err->code;
	if (pthread_create(&q->thread, NULL, audit_writer, q) != 0)
		return raa_err_set(err, RAA_EINTERNAL, "could not start the audit writer thread");
	q->running = true;
	return 0;
}

/* Drains the queue: every row queued so far is in the table afterwards. */
static void audit_stop(struct web_app *app)
{
	struct audit_queue *q = &app->audit;
	pthread_mutex_lock(&q->lock);
	q->stop = true;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->lock);
	if (q->running)
		pthread_join(q->thread, NULL);
	q->running = false;
	/* Rows queued without a writer (it failed to start) are written here. */
	if (q->head && q->store)
		audit_write(q, q->head);
	q->head = q->tail = NULL;
	q->n = 0;
	store_close(q->store);
	q->store = NULL;
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
	pthread_mutex_init(&app->audit.lock, NULL);
	pthread_cond_init(&app->audit.more, NULL);
	pthread_cond_init(&app->audit.room, NULL);
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
	if (audit_start(app, err) < 0) {
		web_app_free(app);
		return NULL;
	}
	return app;
}

void web_app_free(struct web_app *app)
{
	if (!app)
		return;
	audit_stop(app);
	pthread_cond_destroy(&app->audit.more);
	pthread_cond_destroy(&app->audit.room);
	pthread_mutex_destroy(&app->audit.lock);
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
