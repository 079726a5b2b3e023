/* The performance figures cache (see perf_cache.h). */
#include "web/perf_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "report/scorecard_out.h"
#include "service/snapshot.h"

/* Periods kept per load: the default dashboard, a few dates people pick,
 * the API's. Each is ~11 scopes x 14 scorecards, a few tens of KB. */
#define PERF_SLOTS 8

struct perf_partner {
	char code[PERF_CODE_MAX];
	char name[PERF_NAME_MAX];
};

/* One per server: the figures are the region's whatever the caller's
 * role, so every thread can share them. */
static struct {
	pthread_mutex_t lock;
	struct sc_index *ix; /* the whole region; NULL until first asked */
	struct perf_partner *partners;
	size_t npartners, cap;
	struct store_version version; /* of the data the index was built from */
	struct perf_figures *slot[PERF_SLOTS];
	size_t next;         /* the slot reused next */
} cache = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void figures_free(struct perf_figures *f)
{
	free(f->scopes);
	free(f);
}

/* Called with the lock held. */
static void release(struct perf_figures *f)
{
	if (f && --f->refs == 0)
		figures_free(f);
}

static void drop_all(void)
{
	for (size_t i = 0; i < PERF_SLOTS; i++) {
		release(cache.slot[i]);
		cache.slot[i] = NULL;
	}
	scorecard_index_free(cache.ix);
	cache.ix = NULL;
	cache.npartners = 0;
}

static int keep_partner(void *ctx, const struct partner_rec *p)
{
	(void)ctx;
	xgrow((void **)&cache.partners, &cache.cap, cache.npartners + 1, sizeof *cache.partners);
	struct perf_partner *pp = &cache.partners[cache.npartners++];
	snprintf(pp->code, sizeof pp->code, "%s", p->code);
	snprintf(pp->name, sizeof pp->name, "%s", p->name ? p->name : p->code);
	return 0;
}

/* The region's index and partners, read afresh. Called with the lock held. */
static int reload(struct store *s, const struct store_version *v, struct raa_err *err)
{
	drop_all();
	if (store_partner_list(s, keep_partner, NULL, err) < 0)
		return err->code;
	struct store_scope sc = { .kind = SCOPE_REGION, .actor = "performance" };
	struct snapshot snap;
	if (snapshot_load_brief(s, &sc, &snap, err) < 0)
		return err->code;
	cache.ix = scout_index(&snap);
	snapshot_free(&snap);
	cache.version = *v;
	return 0;
}

static void eval_scope(struct perf_scope *sc, const char *code, raa_day to, int years)
{
	raa_day prev = date_add_months(to, -12);
	scorecard_eval(cache.ix, code, scorecard_period_from(to, years), to, &sc->cur);
	scorecard_eval(cache.ix, code, scorecard_period_from(prev, years), prev, &sc->prev);
	scorecard_series(cache.ix, code, to, years, sc->series, PERF_SERIES);
}

static struct perf_figures *compute(raa_day to, int years)
{
	struct perf_figures *f = xcalloc(1, sizeof *f);
	f->to = to;
	f->years = years;
	f->nscopes = cache.npartners + 1;
	f->scopes = xcalloc(f->nscopes, sizeof *f->scopes);
	snprintf(f->scopes[0].name, sizeof f->scopes[0].name, "Region");
	eval_scope(&f->scopes[0], NULL, to, years);
	for (size_t i = 0; i < cache.npartners; i++) {
		struct perf_scope *sc = &f->scopes[i + 1];
		memcpy(sc->code, cache.partners[i].code, sizeof sc->code);
		memcpy(sc->name, cache.partners[i].name, sizeof sc->name);
		eval_scope(sc, sc->code, to, years);
	}
	f->refs = 1; /* the slot's */
	return f;
}

static struct perf_figures *lookup(raa_day to, int years)
{
	for (size_t i = 0; i < PERF_SLOTS; i++)
		if (cache.slot[i] && cache.slot[i]->to == to && cache.slot[i]->years == years)
			return cache.slot[i];
	struct perf_figures *f = compute(to, years);
	release(cache.slot[cache.next]);
	cache.slot[cache.next] = f;
	cache.next = (cache.next + 1) % PERF_SLOTS;
	return f;
}

/* One lock for loading and computing: a second request for the same cold
 * figures waits for the first instead of loading the region again. */
int perf_figures_get(struct store *s, raa_day to, int years, struct perf_figures **out,
		     struct raa_err *err)
{
	struct store_version v;
	if (store_data_version(s, &v, err) < 0)
		return err->code;
	pthread_mutex_lock(&cache.lock);
	if (!cache.ix || memcmp(&v, &cache.version, sizeof v) != 0) {
		int rc = reload(s, &v, err);
		if (rc < 0) {
			drop_all();
			pthread_mutex_unlock(&cache.lock);
			return rc;
		}
	}
	struct perf_figures *f = lookup(to, years);
	f->refs++;
	pthread_mutex_unlock(&cache.lock);
	*out = f;
	return 0;
}

void perf_figures_put(struct perf_figures *f)
{
	pthread_mutex_lock(&cache.lock);
	release(f);
	pthread_mutex_unlock(&cache.lock);
}

const struct perf_scope *perf_scope_of(const struct perf_figures *f, const char *code)
{
	if (!code)
		return &f->scopes[0];
	for (size_t i = 1; i < f->nscopes; i++)
		if (strcmp(f->scopes[i].code, code) == 0)
			return &f->scopes[i];
	return NULL;
}

void perf_cache_clear(void)
{
	pthread_mutex_lock(&cache.lock);
	drop_all();
	free(cache.partners);
	cache.partners = NULL;
	cache.cap = 0;
	pthread_mutex_unlock(&cache.lock);
}
