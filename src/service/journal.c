#include "service/journal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/str.h"
#include "domain/journey.h"

/* A record's journey loaded from the store into an arena. */
struct loaded {
	struct arena *arena;
	struct journey j;
	const struct event_rec **ev;
	size_t cap;
};

static int keep_event(void *ctx, const struct event_rec *e)
{
	struct loaded *l = ctx;
	struct event_rec *copy = arena_alloc(l->arena, sizeof *copy);
	*copy = *e;
	copy->record = arena_strdup(l->arena, e->record);
	copy->adopter = arena_strdup(l->arena, e->adopter);
	copy->detail = arena_strdup(l->arena, e->detail);
	copy->recorded_by = NULL;
	copy->recorded_at = NULL;
	xgrow((void **)&l->ev, &l->cap, l->j.n + 1, sizeof *l->ev);
	l->ev[l->j.n++] = copy;
	return 0;
}

static int keep_child(void *ctx, const struct child_rec *c)
{
	struct loaded *l = ctx;
	l->j.dob = c->dob;
	l->j.base_status = c->base_status;
	return 0;
}

static int keep_adopter(void *ctx, const struct adopter_rec *a)
{
	struct loaded *l = ctx;
	l->j.base_status = a->base_status;
	return 0;
}

static int load_journey(struct store *s, const struct store_scope *sc, const char *id,
			struct loaded *l, struct raa_err *err)
{
	int type = store_record_type(s, sc, id, err);
	if (type < 0)
		return type;
	l->j.type = (enum record_type)type;
	l->j.id = id;
	l->j.dob = DAY_NONE;
	int rc = type == REC_CHILD ? store_child_get(s, sc, id, keep_child, l, err)
				   : store_adopter_get(s, sc, id, keep_adopter, l, err);
	if (rc == 0)
		rc = store_event_list_record(s, sc, id, keep_event, l, err);
	if (rc == 0) {
		journey_sort(l->ev, l->j.n);
		l->j.ev = l->ev;
	}
	return rc;
}

static bool duplicates_mirror(const struct journey *j, const struct event_rec *e)
{
	for (size_t i = 0; i < j->n; i++)
		if (j->ev[i]->origin == ORIGIN_MIRROR && j->ev[i]->kind == e->kind &&
		    j->ev[i]->date == e->date)
			return true;
	return false;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A child's event may only name a household raa knows. */
static int check_household(struct store *s, const struct store_scope *sc,
			   const struct event_rec *e, struct raa_err *err)
{
	int type = store_record_type(s, sc, e->adopter, err);
	if (type == REC_ADOPTER)
		return 0;
	if (type < 0 && type != RAA_ENOTFOUND)
		return type;
	char iso[DATE_ISO_LEN];
	date_format_iso(e->date, iso);
	return raa_err_set(err, RAA_EINVAL, "%s: %s on %s: adopter '%s': expected a household in raa",
			   e->record, event_kind_name(e->kind), iso, e->adopter);
}

/* Records the household's copy of a child's event that names it. */
static int append_mirror(struct store *s, const struct store_scope *sc, struct arena *arena,
			 const struct event_rec *child_ev, int64_t child_ev_id, raa_day today,
			 struct raa_err *err)
{
	struct loaded hh = { .arena = arena };
	int rc = load_journey(s, sc, child_ev->adopter, &hh, err);
	if (rc < 0)
		goto done;
	struct event_rec m = *child_ev;
	m.record = child_ev->adopter;
	m.type = REC_ADOPTER;
	m.adopter = NULL;
	m.origin = ORIGIN_MIRROR;
	m.mirror_of = child_ev_id;
	m.supersedes = 0;
	if (!duplicates_mirror(&hh.j, &m)) {
		rc = journey_check(&hh.j, &m, today, err);
		if (rc == 0)
			rc = store_event_insert(s, sc, &m, NULL, err);
	}
done:
	free(hh.ev);
	return rc;
}

int journal_append(struct store *s, const struct store_scope *sc, const struct event_rec *in,
		   raa_day today, enum journal_outcome *outcome, int64_t *id_out,
		   struct raa_err *err)
{
	struct arena arena;
	arena_init(&arena, 0);
	struct loaded rec = { .arena = &arena };
	char stamp[32];
	int64_t id = 0;
	if (outcome)
		*outcome = JOURNAL_RECORDED;
	int rc = load_journey(s, sc, in->record, &rec, err);
	if (rc == RAA_ENOTFOUND)
		rc = raa_err_set(err, RAA_ENOTFOUND, "record '%s' is neither a child nor a household in raa",
				 in->record);
	if (rc < 0)
		goto done;

	struct event_rec e = *in;
	e.type = rec.j.type;
	e.origin = ORIGIN_EVENT;
	e.mirror_of = 0;
	if (str_empty(e.recorded_by))
		e.recorded_by = sc->actor;
	if (str_empty(e.recorded_at)) {
		now_iso(stamp);
		e.recorded_at = stamp;
	}
	if (e.type == REC_ADOPTER && duplicates_mirror(&rec.j, &e)) {
		if (outcome)
			*outcome = JOURNAL_DUPLICATE_OF_MIRROR;
		goto done;
	}
	rc = journey_check(&rec.j, &e, today, err);
	if (rc == 0 && e.type == REC_CHILD && !str_empty(e.adopter))
		rc = check_household(s, sc, &e, err);
	if (rc == 0)
		rc = store_event_insert(s, sc, &e, &id, err);
	if (rc == 0 && e.type == REC_CHILD && event_kind_mirrors(e.kind))
		rc = append_mirror(s, sc, &arena, &e, id, today, err);
	if (rc == 0 && id_out)
		*id_out = id;
done:
	free(rec.ev);
	arena_free(&arena);
	return rc;
}
