#include "service/snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "service/snapcache.h"

struct loader {
	struct snapshot *snap;
	size_t ccap, acap, ecap;
	const char *last_record; /* the previous event's record id, interned */
};

static int load_child(void *ctx, const struct child_rec *c)
{
	struct loader *l = ctx;
	struct snapshot *sn = l->snap;
	struct arena *a = &sn->arena;
	xgrow((void **)&sn->children, &l->ccap, sn->nchildren + 1, sizeof *sn->children);
	struct snap_child *sc = &sn->children[sn->nchildren++];
	memset(sc, 0, sizeof *sc);
	sc->rec = *c;
	child_rec_strings(&sc->rec, arena_strdup_ctx, a);
	return 0;
}

static int load_adopter(void *ctx, const struct adopter_rec *r)
{
	struct loader *l = ctx;
	struct snapshot *sn = l->snap;
	struct arena *a = &sn->arena;
	xgrow((void **)&sn->adopters, &l->acap, sn->nadopters + 1, sizeof *sn->adopters);
	struct snap_adopter *sa = &sn->adopters[sn->nadopters++];
	memset(sa, 0, sizeof *sa);
	sa->rec = *r;
	adopter_rec_strings(&sa->rec, arena_strdup_ctx, a);
	return 0;
}

static int load_event(void *ctx, const struct event_rec *e)
{
	struct loader *l = ctx;
	struct snapshot *sn = l->snap;
	struct arena *a = &sn->arena;
	xgrow((void **)&sn->events, &l->ecap, sn->nevents + 1, sizeof *sn->events);
	struct event_rec *d = &sn->events[sn->nevents++];
	*d = *e;
	/* A record's events mostly arrive together: sharing one copy of its
	 * id saves memory and lets attach_journeys skip the hash lookup. */
	if (!l->last_record || !e->record || strcmp(l->last_record, e->record) != 0)
		l->last_record = arena_strdup(a, e->record);
	d->record = l->last_record;
	d->adopter = arena_strdup(a, e->adopter);
	d->detail = arena_strdup(a, e->detail);
	d->recorded_by = arena_strdup(a, e->recorded_by);
	d->recorded_at = arena_strdup(a, e->recorded_at);
	return 0;
}

static int child_cmp(const void *a, const void *b)
{
	return str_natcmp(((const struct snap_child *)a)->rec.id,
			  ((const struct snap_child *)b)->rec.id);
}

static int adopter_cmp(const void *a, const void *b)
{
	return str_natcmp(((const struct snap_adopter *)a)->rec.id,
			  ((const struct snap_adopter *)b)->rec.id);
}

static int sibling_name_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return strcmp(x, y);
}

/* Counts each sibling group's members so harder-to-place can ask. */
static void count_siblings(struct snapshot *sn)
{
	const char **names = xmalloc((sn->nchildren + 1) * sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < sn->nchildren; i++)
		if (!str_empty(sn->children[i].rec.sibling_group))
			names[n++] = sn->children[i].rec.sibling_group;
	qsort(names, n, sizeof *names, sibling_name_cmp);
	for (size_t i = 0; i < sn->nchildren; i++) {
		struct snap_child *c = &sn->children[i];
		c->sibling_group_size = 1;
		if (str_empty(c->rec.sibling_group))
			continue;
		const char *key = c->rec.sibling_group;
		const char **hit = bsearch(&key, names, n, sizeof *names, sibling_name_cmp);
		const char **lo = hit, **hi = hit;
		while (lo > names && strcmp(lo[-1], key) == 0)
			lo--;
		while (hi + 1 < names + n && strcmp(hi[1], key) == 0)
			hi++;
		c->sibling_group_size = (int)(hi - lo + 1);
	}
	free(names);
}

/* Record id -> journey, for attaching half a million events without
 * sorting them by string: open addressing over FNV-1a. */
struct jmap {
	const char **key;
	uint32_t *val; /* record index: children first, then households */
	size_t cap;
};

static size_t fnv1a(const char *s)
{
	size_t h = 1469598103934665603ULL & SIZE_MAX;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (1099511628211ULL & SIZE_MAX);
	return h;
}

static void jmap_put(struct jmap *m, const char *key, size_t k)
{
	size_t i = fnv1a(key) & (m->cap - 1);
	while (m->key[i])
		i = (i + 1) & (m->cap - 1);
	m->key[i] = key;
	m->val[i] = (uint32_t)k;
}

static uint32_t jmap_get(const struct jmap *m, const char *key)
{
	for (size_t i = fnv1a(key) & (m->cap - 1); m->key[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->key[i], key) == 0)
			return m->val[i];
	return SNAP_NO_OWNER;
}

/* Events arrive in recording order, which is nearly date order, so an
 * insertion sort per journey is close to linear. */
static void sort_journey(const struct event_rec **ev, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const struct event_rec *x = ev[i];
		size_t k = i;
		while (k > 0 && journey_event_cmp(ev[k - 1], x) > 0) {
			ev[k] = ev[k - 1];
			k--;
		}
		ev[k] = x;
	}
}

/* The journey of record k: children first, then households. */
static struct journey *journey_at(struct snapshot *sn, size_t k)
{
	return k < sn->nchildren ? &sn->children[k].j : &sn->adopters[k - sn->nchildren].j;
}

static void init_journeys(struct snapshot *sn)
{
	for (size_t i = 0; i < sn->nchildren; i++) {
		struct snap_child *c = &sn->children[i];
		c->j = (struct journey){ .type = REC_CHILD, .id = c->rec.id, .dob = c->rec.dob,
					 .base_status = c->rec.base_status };
	}
	for (size_t i = 0; i < sn->nadopters; i++) {
		struct snap_adopter *a = &sn->adopters[i];
		a->j = (struct journey){ .type = REC_ADOPTER, .id = a->rec.id, .dob = DAY_NONE,
					 .base_status = a->rec.base_status };
	}
}

/* Points each record's journey at its run of events in journey order,
 * given each event's record (SNAP_NO_OWNER for none): count per journey,
 * place by prefix sums, then order each run. */
static void place_events(struct snapshot *sn, const uint32_t *owner)
{
	size_t nrec = sn->nchildren + sn->nadopters;
	for (size_t i = 0; i < sn->nevents; i++)
		if (owner[i] != SNAP_NO_OWNER)
			journey_at(sn, owner[i])->n++;
	const struct event_rec **order =
		arena_alloc(&sn->arena, (sn->nevents + 1) * sizeof *order);
	size_t at = 0;
	for (size_t k = 0; k < nrec; k++) {
		struct journey *j = journey_at(sn, k);
		j->ev = order + at;
		at += j->n;
		j->n = 0; /* refilled below */
	}
	for (size_t i = 0; i < sn->nevents; i++) {
		if (owner[i] == SNAP_NO_OWNER)
			continue;
		struct journey *j = journey_at(sn, owner[i]);
		((const struct event_rec **)j->ev)[j->n++] = &sn->events[i];
	}
	for (size_t k = 0; k < nrec; k++) {
		struct journey *j = journey_at(sn, k);
		sort_journey((const struct event_rec **)j->ev, j->n);
	}
}

/* Each event's record by id, then placed. */
static void attach_journeys(struct snapshot *sn)
{
	size_t nrec = sn->nchildren + sn->nadopters;
	struct jmap m = { .cap = 16 };
	while (m.cap < nrec * 2)
		m.cap *= 2;
	m.key = xcalloc(m.cap, sizeof *m.key);
	m.val = xcalloc(m.cap, sizeof *m.val);
	init_journeys(sn);
	for (size_t k = 0; k < nrec; k++)
		jmap_put(&m, journey_at(sn, k)->id, k);
	uint32_t *owner = xmalloc((sn->nevents + 1) * sizeof *owner);
	for (size_t i = 0; i < sn->nevents; i++) {
		if (i > 0 && sn->events[i].record == sn->events[i - 1].record)
			owner[i] = owner[i - 1];
		else
			owner[i] = jmap_get(&m, sn->events[i].record);
	}
	place_events(sn, owner);
	free(owner);
	free(m.key);
	free(m.val);
}

static bool sorted(const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *p = base;
	for (size_t i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0)
			return false;
	return true;
}

static int load_all(struct store *s, const struct store_scope *sc, bool brief,
		    struct snapshot *snap, struct raa_err *err)
{
	memset(snap, 0, sizeof *snap);
	arena_init(&snap->arena, 1 << 20);
	struct loader l = { .snap = snap };
	int rc = store_child_list(s, sc, load_child, &l, err);
	if (rc == 0)
		rc = store_adopter_list(s, sc, load_adopter, &l, err);
	if (rc == 0)
		rc = brief ? store_event_list_brief(s, sc, load_event, &l, err)
			   : store_event_list_all(s, sc, true, load_event, &l, err);
	if (rc != 0) {
		snapshot_free(snap);
		return rc;
	}
	/* The store already orders by id; checking keeps the binary searches
	 * below independent of the backend at the cost of one pass. */
	if (!sorted(snap->children, snap->nchildren, sizeof *snap->children, child_cmp))
		qsort(snap->children, snap->nchildren, sizeof *snap->children, child_cmp);
	if (!sorted(snap->adopters, snap->nadopters, sizeof *snap->adopters, adopter_cmp))
		qsort(snap->adopters, snap->nadopters, sizeof *snap->adopters, adopter_cmp);
	count_siblings(snap);
	attach_journeys(snap);
	return 0;
}

int snapshot_load(struct store *s, const struct store_scope *sc, struct snapshot *snap,
		  struct raa_err *err)
{
	return load_all(s, sc, false, snap, err);
}

struct cached {
	struct snapshot *snap;
	uint32_t *owner;
};

static int decode_cached(void *ctx, const void *data, size_t len)
{
	struct cached *c = ctx;
	return snapcache_decode(data, len, c->snap, &c->owner);
}

/* The cached blob of this data version, if there is one this build can
 * read. */
static bool load_cached(struct store *s, const struct store_version *version,
			struct snapshot *snap)
{
	struct raa_err err;
	struct cached c = { .snap = snap };
	if (store_cache_get(s, SNAPCACHE_NAME, version, decode_cached, &c, &err) < 0)
		return false;
	count_siblings(snap);
	init_journeys(snap);
	place_events(snap, c.owner);
	free(c.owner);
	return true;
}

/* Best effort: a read-only file or a busy writer only costs the next
 * reader the full load. */
static void save_cached(struct store *s, const struct store_version *version,
			const struct snapshot *snap)
{
	struct buf b;
	buf_init(&b, 0);
	struct raa_err err;
	if (snapcache_encode(snap, &b) == 0 &&
	    store_cache_put(s, SNAPCACHE_NAME, version, b.data, b.len, &err) < 0)
		log_debug("snapshot cache not stored: %s", err.msg);
	buf_free(&b);
}

/* The whole region's brief snapshot, from the cache while the data version
 * stands. Version and data are read in one transaction so that they agree. */
static int load_region_brief(struct store *s, const struct store_scope *sc,
			     struct snapshot *snap, struct raa_err *err)
{
	if (store_begin_read(s, err) < 0)
		return -1;
	struct store_version version;
	int rc = store_data_version(s, &version, err);
	bool hit = rc == 0 && load_cached(s, &version, snap);
	if (rc == 0 && !hit)
		rc = load_all(s, sc, true, snap, err);
	store_rollback(s); /* nothing was written: ending the read is enough */
	if (rc == 0 && !hit)
		save_cached(s, &version, snap);
	return rc;
}

int snapshot_load_brief(struct store *s, const struct store_scope *sc, struct snapshot *snap,
			struct raa_err *err)
{
	if (sc->kind != SCOPE_PARTNER && !store_in_transaction(s))
		return load_region_brief(s, sc, snap, err);
	return load_all(s, sc, true, snap, err);
}

int snapshot_load_record(struct store *s, const struct store_scope *sc, const char *id,
			 struct snapshot *snap, struct raa_err *err)
{
	memset(snap, 0, sizeof *snap);
	arena_init(&snap->arena, 16 * 1024);
	struct loader l = { .snap = snap };
	int type = store_record_type(s, sc, id, err);
	int rc = type < 0 ? type
		 : type == REC_CHILD ? store_child_get(s, sc, id, load_child, &l, err)
				     : store_adopter_get(s, sc, id, load_adopter, &l, err);
	if (rc == 0)
		rc = store_event_list_record(s, sc, id, load_event, &l, err);
	if (rc == 0 && snap->nchildren && !str_empty(snap->children[0].rec.sibling_group))
		rc = store_sibling_group_size(s, snap->children[0].rec.sibling_group,
					      &snap->children[0].sibling_group_size, err);
	if (rc != 0) {
		snapshot_free(snap);
		return rc;
	}
	int siblings = snap->nchildren ? snap->children[0].sibling_group_size : 0;
	/* journey order and pointers, as for a whole region */
	attach_journeys(snap);
	if (snap->nchildren)
		snap->children[0].sibling_group_size = siblings > 0 ? siblings : 1;
	return 0;
}

void snapshot_free(struct snapshot *snap)
{
	free(snap->children);
	free(snap->adopters);
	free(snap->events);
	arena_free(&snap->arena);
	memset(snap, 0, sizeof *snap);
}

const struct snap_child *snapshot_child(const struct snapshot *snap, const char *id)
{
	size_t lo = 0, hi = snap->nchildren;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = str_natcmp(id, snap->children[mid].rec.id);
		if (c == 0)
			return &snap->children[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct snap_adopter *snapshot_adopter(const struct snapshot *snap, const char *id)
{
	size_t lo = 0, hi = snap->nadopters;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = str_natcmp(id, snap->adopters[mid].rec.id);
		if (c == 0)
			return &snap->adopters[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct event_rec *snapshot_event(const struct snapshot *snap, int64_t id)
{
	size_t lo = 0, hi = snap->nevents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (snap->events[mid].id == id)
			return &snap->events[mid];
		if (snap->events[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
