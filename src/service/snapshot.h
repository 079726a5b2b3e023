/*
 * snapshot: every record in a scope, with its journey, in memory.
 *
 * Listings, exports and the clocks all need whole journeys of many records
 * at once; one pass over the store per table is far cheaper than a query
 * per record. Read-only once loaded; everything lives in one arena.
 */
#ifndef RAA_SERVICE_SNAPSHOT_H
#define RAA_SERVICE_SNAPSHOT_H

#include <stddef.h>

#include "core/mem.h"
#include "domain/journey.h"
#include "store/store.h"

struct snap_child {
	struct child_rec rec;
	struct journey j;
	int sibling_group_size; /* children sharing rec.sibling_group; 1 if none */
};

struct snap_adopter {
	struct adopter_rec rec;
	struct journey j;
};

struct snapshot {
	struct arena arena;
	struct snap_child *children;   /* natural order of id */
	size_t nchildren;
	struct snap_adopter *adopters; /* natural order of id */
	size_t nadopters;
	struct event_rec *events;      /* every event in scope, recording order */
	size_t nevents;
};

int snapshot_load(struct store *s, const struct store_scope *sc, struct snapshot *snap,
		  struct raa_err *err);
/* As snapshot_load, but events carry only what status and the indicators
 * read (id, record, type, kind, date, origin, supersedes): no detail, no
 * household named, nothing on who recorded them. Not for clocks (the LA
 * check clock reads the detail) nor for exports. */
int snapshot_load_brief(struct store *s, const struct store_scope *sc, struct snapshot *snap,
			struct raa_err *err);

/* Just one record (child or household) and its journey: what a record page
 * or GET /api/v1/children/{id} needs, without reading the region.
 * RAA_ENOTFOUND when absent or out of scope. */
int snapshot_load_record(struct store *s, const struct store_scope *sc, const char *id,
			 struct snapshot *snap, struct raa_err *err);
void snapshot_free(struct snapshot *snap);

/* Lookups by id (binary search); NULL if absent. */
const struct snap_child *snapshot_child(const struct snapshot *snap, const char *id);
const struct snap_adopter *snapshot_adopter(const struct snapshot *snap, const char *id);
/* The event with this id, or NULL. */
const struct event_rec *snapshot_event(const struct snapshot *snap, int64_t id);

#endif
