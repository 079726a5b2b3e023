/*
 * perf_cache: the scorecard figures of the region and every partner for
 * the performance pages and GET /api/v1/scorecard, computed once and
 * shared by the server's worker threads.
 *
 * Loading a big region's snapshot and indexing it costs most of a second
 * (50,000 children); evaluating every scope's scorecard and 12-quarter
 * series from the index costs tens of milliseconds. So the index is kept
 * while the store's data version (store_data_version) stands, and the
 * evaluated figures for the last few (to, years) asked for: a repeated
 * view costs a version check and a lookup, and a recorded event shows on
 * the next view (docs/pages.md).
 */
#ifndef RAA_WEB_PERF_CACHE_H
#define RAA_WEB_PERF_CACHE_H

#include <stddef.h>

#include "core/date.h"
#include "core/err.h"
#include "domain/scorecard.h"
#include "store/store.h"

#define PERF_SERIES 12
#define PERF_CODE_MAX 16
#define PERF_NAME_MAX 96

struct perf_scope {
	char code[PERF_CODE_MAX]; /* "" for the region */
	char name[PERF_NAME_MAX]; /* "Region" or the partner's name */
	struct scorecard cur;     /* the `years` to `to` */
	struct scorecard prev;    /* the same a year earlier */
	struct scorecard series[PERF_SERIES]; /* oldest first, to the last quarter end */
};

/* Read-only once handed out; hold it with perf_figures_get and give it
 * back with perf_figures_put. */
struct perf_figures {
	raa_day to;
	int years;
	size_t nscopes;            /* the region first, then partners in code order */
	struct perf_scope *scopes;
	int refs;                  /* the cache's own reference and the readers' */
};

/* The figures for (to, years) over the whole region, from the cache or
 * computed now with store s (the caller's thread's). 0, or a negative
 * RAA_E* with err set when the store cannot be read. */
int perf_figures_get(struct store *s, raa_day to, int years, struct perf_figures **out,
		     struct raa_err *err);
void perf_figures_put(struct perf_figures *f);

/* The scope of a partner code (NULL: the region), or NULL when no such
 * partner. */
const struct perf_scope *perf_scope_of(const struct perf_figures *f, const char *code);

/* Drops everything cached (tests, and a server that knows the data moved). */
void perf_cache_clear(void);

#endif
