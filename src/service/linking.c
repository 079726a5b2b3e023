#include "service/linking.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/str.h"
#include "domain/panel.h"
#include "service/journal.h"
#include "service/settings.h"
#include "service/views.h"

static const char *const STAGE_NAMES[LINK_STAGES] = {
	[LINK_PROPOSED] = "proposed", [LINK_RECOMMENDED] = "recommended",
	[LINK_MATCHED] = "matched", [LINK_PLACED] = "placed", [LINK_ENDED] = "ended",
};

const char *linking_stage_name(int stage)
{
	return stage >= 0 && stage < LINK_STAGES ? STAGE_NAMES[stage] : "";
}

bool linking_is_open(const struct link *l)
{
	return l->stage != LINK_PLACED && l->stage != LINK_ENDED;
}

void linking_id_format(int64_t id, char out[LINK_ID_MAX])
{
	snprintf(out, LINK_ID_MAX, "L%" PRId64, id);
}

int linking_id_parse(const char *s, int64_t *id, struct raa_err *err)
{
	long n;
	const char *digits = s && (s[0] == 'L' || s[0] == 'l') ? s + 1 : s;
	if (str_empty(digits) || str_to_int(digits, 1, INT32_MAX, &n) < 0)
		return raa_err_set(err, RAA_EINVAL, "link: value '%s': expected a link id such as L812",
				   s ? s : "");
	*id = n;
	return 0;
}

int linking_recommendation(const struct link *l)
{
	if (!l->panel || !l->panel->detail)
		return l->panel ? 0 : -1;
	return strncmp(l->panel->detail, "recommendation=yes", 18) == 0;
}

/* ---- deriving links from events ---------------------------------------- */

/* One child's `linked` event naming a household: a link's raw material. */
struct linked_ev {
	const struct snap_child *child;
	const struct event_rec *e;
};

static const char *unit_key(const struct snap_child *c)
{
	return str_empty(c->rec.sibling_group) ? c->rec.id : c->rec.sibling_group;
}

/* Siblings linked to one household on one day are one link. */
static int linked_cmp(const void *pa, const void *pb)
{
	const struct linked_ev *a = pa, *b = pb;
	int c = strcmp(unit_key(a->child), unit_key(b->child));
	if (c == 0)
		c = strcmp(a->e->adopter, b->e->adopter);
	if (c == 0 && a->e->date != b->e->date)
		c = a->e->date < b->e->date ? -1 : 1;
	if (c == 0)
		c = (a->e->id > b->e->id) - (a->e->id < b->e->id);
	return c;
}

static bool same_link(const struct linked_ev *a, const struct linked_ev *b)
{
	return strcmp(unit_key(a->child), unit_key(b->child)) == 0 &&
	       strcmp(a->e->adopter, b->e->adopter) == 0 && a->e->date == b->e->date;
}

static struct linked_ev *collect_linked(const struct snapshot *snap, size_t *n)
{
	struct linked_ev *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < snap->nchildren; i++) {
		const struct snap_child *c = &snap->children[i];
		for (size_t k = 0; k < c->j.n; k++) {
			const struct event_rec *e = c->j.ev[k];
			if (e->kind != EV_LINKED || str_empty(e->adopter) ||
			    journey_superseded(&c->j, e))
				continue;
			xgrow((void **)&v, &cap, *n + 1, sizeof *v);
			v[(*n)++] = (struct linked_ev){ c, e };
		}
	}
	return v;
}

static bool names_household(const struct event_rec *e, const char *adopter)
{
	return e->adopter && strcmp(e->adopter, adopter) == 0;
}

/* The ending that is not a link_ended: the plan or the household gone. */
static bool closes_link(int kind)
{
	return kind == EV_LINK_ENDED || kind == EV_PLAN_CHANGED || kind == EV_LEFT_CARE;
}

/* Walks the first child's journey from the `linked` event to the next
 * one: the panel, the decision, and what closed the link. */
static void follow_child(const struct journey *j, struct link *l)
{
	size_t k = 0;
	while (k < j->n && j->ev[k] != l->linked)
		k++;
	for (k++; k < j->n && !l->ended && !l->placed; k++) {
		const struct event_rec *e = j->ev[k];
		if (journey_superseded(j, e))
			continue;
		if (e->kind == EV_LINKED)
			break;
		if (e->kind == EV_MATCHING_PANEL && names_household(e, l->adopter))
			l->panel = e;
		else if (e->kind == EV_MATCH_DECISION && names_household(e, l->adopter) && !l->decision)
			l->decision = e;
		else if (e->kind == EV_PLACED && names_household(e, l->adopter))
			l->placed = e;
		else if (closes_link(e->kind))
			l->ended = e;
	}
}

/* A household withdrawn or deregistered takes its open link with it. */
static void follow_household(const struct snapshot *snap, struct link *l)
{
	const struct snap_adopter *a = snapshot_adopter(snap, l->adopter);
	if (!a || l->ended || l->placed)
		return;
	for (size_t k = 0; k < a->j.n; k++) {
		const struct event_rec *e = a->j.ev[k];
		if ((e->kind == EV_WITHDRAWN || e->kind == EV_DEREGISTERED) &&
		    e->date >= l->linked->date && !journey_superseded(&a->j, e)) {
			l->ended = e;
			return;
		}
	}
}

static int stage_of(const struct link *l)
{
	if (l->ended)
		return LINK_ENDED;
	if (l->placed)
		return LINK_PLACED;
	if (l->decision)
		return LINK_MATCHED;
	return l->panel ? LINK_RECOMMENDED : LINK_PROPOSED;
}

static int child_natcmp(const void *a, const void *b)
{
	return str_natcmp((*(const struct snap_child *const *)a)->rec.id,
			  (*(const struct snap_child *const *)b)->rec.id);
}

/* One run of linked events (same unit, household, day) -> one link. */
static void build_link(const struct snapshot *snap, struct arena *arena,
		       const struct linked_ev *run, size_t n, struct link *l)
{
	const struct linked_ev *first = &run[0];
	for (size_t i = 1; i < n; i++)
		if (run[i].e->id < first->e->id)
			first = &run[i];
	*l = (struct link){ .id = first->e->id, .adopter = first->e->adopter,
			    .partner = first->child->rec.partner, .linked = first->e, .nchildren = n };
	l->children = arena_alloc(arena, n * sizeof *l->children);
	for (size_t i = 0; i < n; i++)
		l->children[i] = run[i].child;
	qsort(l->children, n, sizeof *l->children, child_natcmp);
	follow_child(&first->child->j, l);
	follow_household(snap, l);
	l->stage = stage_of(l);
}

static int link_newest_first(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	return (x->id < y->id) - (x->id > y->id);
}

void linking_derive(const struct snapshot *snap, struct link_list *out)
{
	size_t n;
	struct linked_ev *v = collect_linked(snap, &n);
	memset(out, 0, sizeof *out);
	arena_init(&out->arena, 0);
	out->v = xmalloc((n + 1) * sizeof *out->v);
	if (n)
		qsort(v, n, sizeof *v, linked_cmp);
	for (size_t i = 0, k; i < n; i = k) {
		for (k = i + 1; k < n && same_link(&v[i], &v[k]); k++)
			;
		build_link(snap, &out->arena, &v[i], k - i, &out->v[out->n++]);
	}
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, link_newest_first);
	free(v);
}

void linking_list_free(struct link_list *l)
{
	free(l->v);
	arena_free(&l->arena);
	memset(l, 0, sizeof *l);
}

const struct link *linking_find(const struct link_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

const struct link *linking_open_for(const struct link_list *l, const char *adopter)
{
	for (size_t i = 0; i < l->n; i++)
		if (linking_is_open(&l->v[i]) && strcmp(l->v[i].adopter, adopter) == 0)
			return &l->v[i];
	return NULL;
}

static const struct link *open_link_of_child(const struct link_list *l, const char *child)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; linking_is_open(&l->v[i]) && k < l->v[i].nchildren; k++)
			if (strcmp(l->v[i].children[k]->rec.id, child) == 0)
				return &l->v[i];
	return NULL;
}

/* ---- JSON ----------------------------------------------------------- */

static void set_adm_clock(json_t *o, const struct link *l, const struct link_clock *ck)
{
	raa_day due = DAY_NONE;
	long long overdue = 0;
	if (l->stage == LINK_RECOMMENDED && ck) {
		due = clock_due(&ck->adm, ck->cal, l->panel->date);
		overdue = ck->today > due ? (long long)ck->today - due : 0;
	}
	json_set_date(o, "adm_due", due);
	if (due == DAY_NONE)
		json_object_set_new(o, "adm_overdue_days", json_null());
	else
		json_set_int(o, "adm_overdue_days", overdue);
}

/* "recommendation=yes; reasons=TEXT" -> "TEXT". */
static const char *panel_reasons(const struct event_rec *e)
{
	const char *r = e && e->detail ? strstr(e->detail, "reasons=") : NULL;
	return r ? r + 8 : NULL;
}

static void set_steps(json_t *o, const struct link *l)
{
	int rec = linking_recommendation(l);
	json_set_date(o, "linked", l->linked->date);
	json_set_date(o, "panel_date", l->panel ? l->panel->date : DAY_NONE);
	json_set_str(o, "recommendation", rec < 0 ? NULL : rec ? "yes" : "no");
	json_set_str(o, "panel_reasons", panel_reasons(l->panel));
	json_set_date(o, "decided", l->decision ? l->decision->date : DAY_NONE);
	json_set_date(o, "ended", l->ended ? l->ended->date : DAY_NONE);
	json_set_str(o, "end_reason", !l->ended ? NULL
				      : l->ended->kind == EV_LINK_ENDED ? l->ended->detail
									 : event_kind_name(l->ended->kind));
	json_set_date(o, "placed", l->placed ? l->placed->date : DAY_NONE);
}

static bool in_timeline(const struct link *l, const struct event_rec *e, raa_day last)
{
	static const int kinds[] = { EV_LINKED, EV_MATCHING_PANEL, EV_MATCH_DECISION, EV_PLACED,
				     EV_LINK_ENDED, EV_PLAN_CHANGED, EV_LEFT_CARE, EV_WITHDRAWN,
				     EV_DEREGISTERED };
	if (e->date < l->linked->date || e->date > last || e->origin == ORIGIN_MIRROR)
		return false;
	if (event_kind_names_adopter(e->kind) && !names_household(e, l->adopter))
		return false;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (e->kind == kinds[i])
			return true;
	return false;
}

static int event_ptr_cmp(const void *a, const void *b)
{
	return journey_event_cmp(*(const struct event_rec *const *)a,
				 *(const struct event_rec *const *)b);
}

static void add_journey(const struct link *l, const struct journey *j, raa_day last,
			const struct event_rec ***v, size_t *n, size_t *cap)
{
	for (size_t k = 0; k < j->n; k++) {
		if (!in_timeline(l, j->ev[k], last) || journey_superseded(j, j->ev[k]))
			continue;
		xgrow((void **)v, cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = j->ev[k];
	}
}

/* The events of the link's children and household from `linked` to the
 * step that closed it, in journey order. */
static json_t *timeline(const struct link *l, const struct snapshot *snap)
{
	const struct event_rec *end = l->ended ? l->ended : l->placed;
	raa_day last = end ? end->date : INT32_MAX;
	const struct event_rec **v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < l->nchildren; i++)
		add_journey(l, &l->children[i]->j, last, &v, &n, &cap);
	const struct snap_adopter *a = snapshot_adopter(snap, l->adopter);
	if (a)
		add_journey(l, &a->j, last, &v, &n, &cap);
	if (n)
		qsort(v, n, sizeof *v, event_ptr_cmp);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = view_event(v[i]);
		json_set_str(o, "record", v[i]->record);
		json_array_append_new(arr, o);
	}
	free(v);
	return arr;
}

json_t *linking_json(const struct link *l, const struct snapshot *snap,
		     const struct link_clock *ck, bool with_events)
{
	char id[LINK_ID_MAX];
	const struct snap_adopter *a = snapshot_adopter(snap, l->adopter);
	json_t *o = json_object(), *kids = json_array();
	linking_id_format(l->id, id);
	for (size_t i = 0; i < l->nchildren; i++)
		json_array_append_new(kids, json_string(l->children[i]->rec.id));
	json_set_str(o, "link", id);
	json_set_str(o, "stage", linking_stage_name(l->stage));
	json_set_bool(o, "open", linking_is_open(l));
	json_object_set_new(o, "children", kids);
	json_set_str(o, "partner", l->partner);
	json_set_str(o, "adopter", l->adopter);
	json_set_str(o, "adopter_name", a ? a->rec.name : NULL);
	set_steps(o, l);
	set_adm_clock(o, l, ck);
	if (with_events)
		json_object_set_new(o, "events", timeline(l, snap));
	return o;
}

/* ---- the caller's view ----------------------------------------------- */

int linking_view_open(struct store *s, const struct store_scope *sc, raa_day today,
		      struct linking_view *v, struct raa_err *err)
{
	struct clock_settings cs;
	memset(v, 0, sizeof *v);
	if (settings_load_clocks(s, &cs, err) < 0 || !(v->cal = settings_load_workcal(s, err)))
		return err->code ? err->code : RAA_EIO;
	int rc = snapshot_load(s, sc, &v->snap, err);
	if (rc < 0) {
		workcal_free(v->cal);
		return rc;
	}
	v->clock = (struct link_clock){ .adm = cs.dur[CLOCK_ADM_AFTER_PANEL], .cal = v->cal,
					.today = today };
	linking_derive(&v->snap, &v->links);
	return 0;
}

void linking_view_close(struct linking_view *v)
{
	linking_list_free(&v->links);
	snapshot_free(&v->snap);
	workcal_free(v->cal);
	memset(v, 0, sizeof *v);
}

json_t *linking_list_json(const struct linking_view *v, bool open_only, const char *partner)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < v->links.n; i++) {
		const struct link *l = &v->links.v[i];
		if ((open_only && !linking_is_open(l)) ||
		    (!str_empty(partner) && strcmp(l->partner, partner) != 0))
			continue;
		json_array_append_new(rows, linking_json(l, &v->snap, &v->clock, false));
	}
	return rows;
}

/* ---- early permanence ------------------------------------------------ */

/* Tracking with an early referral (the LA is planning for adoption while
 * twin tracking: the fostering-for-adoption candidates), or waiting and
 * marked suitable for early permanence. The migration CSVs carry no
 * suitability for children, so the referral alone must be enough. */
static bool early_child(const struct snap_child *c, raa_day on, int *status)
{
	*status = journey_status(&c->j, on);
	if (*status == CS_TRACKING)
		return journey_last(&c->j, EV_EARLY_REFERRAL, on) != NULL;
	return *status == CS_WAITING && c->rec.early_permanence;
}

static json_t *early_unit(const struct snapshot *snap, const struct snap_child *c, int status,
			  raa_day on)
{
	json_t *o = json_object(), *unit = json_array();
	int st;
	for (size_t i = 0; i < snap->nchildren; i++) {
		const struct snap_child *s = &snap->children[i];
		if (s == c || (!str_empty(c->rec.sibling_group) && !str_empty(s->rec.sibling_group) &&
			       strcmp(s->rec.sibling_group, c->rec.sibling_group) == 0 &&
			       early_child(s, on, &st) && st == status))
			json_array_append_new(unit, json_string(s->rec.id));
	}
	const struct event_rec *er = journey_last(&c->j, EV_EARLY_REFERRAL, on);
	json_object_set_new(o, "unit", unit);
	json_set_str(o, "partner", c->rec.partner);
	json_set_str(o, "status", child_status_name(status));
	json_set_bool(o, "suitable", c->rec.early_permanence);
	json_set_date(o, "early_referral", er ? er->date : DAY_NONE);
	if (c->rec.dob == DAY_NONE)
		json_object_set_new(o, "age_months", json_null());
	else
		json_set_int(o, "age_months", date_whole_months(c->rec.dob, on));
	return o;
}

/* A unit is listed once, under its first member (natural id order). */
static bool first_of_unit(const struct snapshot *snap, size_t at, int status, raa_day on)
{
	const struct snap_child *c = &snap->children[at];
	int st;
	if (str_empty(c->rec.sibling_group))
		return true;
	for (size_t i = 0; i < at; i++) {
		const struct snap_child *s = &snap->children[i];
		if (!str_empty(s->rec.sibling_group) &&
		    strcmp(s->rec.sibling_group, c->rec.sibling_group) == 0 &&
		    early_child(s, on, &st) && st == status)
			return false;
	}
	return true;
}

static json_t *early_households(const struct snapshot *snap, raa_day on)
{
	json_t *arr = json_array();
	struct link_list links;
	linking_derive(snap, &links);
	for (size_t i = 0; i < snap->nadopters; i++) {
		const struct snap_adopter *a = &snap->adopters[i];
		if (a->rec.early_permanence != 1 || journey_status(&a->j, on) != AS_APPROVED ||
		    linking_open_for(&links, a->rec.id))
			continue;
		const struct event_rec *ap = journey_last(&a->j, EV_APPROVED, on);
		json_t *o = json_object();
		json_set_str(o, "adopter", a->rec.id);
		json_set_str(o, "name", a->rec.name);
		json_set_str(o, "partner", a->rec.partner);
		json_set_date(o, "approved", ap ? ap->date : DAY_NONE);
		json_set_int(o, "min_age_months", a->rec.min_age_months);
		json_set_int(o, "max_age_months", a->rec.max_age_months);
		json_set_int(o, "max_children", a->rec.max_children);
		json_array_append_new(arr, o);
	}
	linking_list_free(&links);
	return arr;
}

json_t *linking_early_permanence(const struct snapshot *snap, raa_day on)
{
	json_t *o = json_object(), *units = json_array();
	int st;
	for (size_t i = 0; i < snap->nchildren; i++)
		if (early_child(&snap->children[i], on, &st) && first_of_unit(snap, i, st, on))
			json_array_append_new(units, early_unit(snap, &snap->children[i], st, on));
	json_set_date(o, "on", on);
	json_object_set_new(o, "units", units);
	json_object_set_new(o, "households", early_households(snap, on));
	return o;
}

/* ---- actions ----------------------------------------------------------- */

/* One action: the region as it stands inside the action's transaction. */
struct action {
	struct store *s;
	struct store_scope caller; /* decides what may be seen */
	struct store_scope write;  /* region scope, the caller's name */
	raa_day today, date;
	struct snapshot snap;
	struct link_list links;
	const struct link *l;
};

static int parse_date(const char *text, raa_day today, raa_day *out, struct raa_err *err)
{
	char iso[DATE_ISO_LEN];
	if (str_empty(text)) {
		*out = today;
		return 0;
	}
	if (date_parse_iso(text, out) < 0)
		return raa_err_set(err, RAA_EINVAL, "date: value '%s': expected a date YYYY-MM-DD",
				   text);
	date_format_iso(today, iso);
	if (*out > today)
		return raa_err_set(err, RAA_EINVAL,
				   "date: value '%s': expected a date on or before today (%s)", text,
				   iso);
	return 0;
}

/* Begins the transaction and loads the region; a later failure must go
 * through action_end. */
static int action_begin(struct action *a, struct store *s, const struct store_scope *sc,
			const char *date, raa_day today, struct raa_err *err)
{
	memset(a, 0, sizeof *a);
	a->s = s;
	a->caller = *sc;
	a->write = (struct store_scope){ .kind = sc->kind == SCOPE_SYSTEM ? SCOPE_SYSTEM : SCOPE_REGION,
					 .actor = sc->actor };
	a->today = today;
	int rc = parse_date(date, today, &a->date, err);
	if (rc == 0)
		rc = store_begin(s, err);
	if (rc < 0)
		return rc;
	rc = snapshot_load(s, &a->write, &a->snap, err);
	if (rc < 0) {
		store_rollback(s);
		return rc;
	}
	linking_derive(&a->snap, &a->links);
	return 0;
}

static int action_end(struct action *a, int rc, struct raa_err *err)
{
	if (rc == 0)
		rc = store_commit(a->s, err);
	if (rc < 0)
		store_rollback(a->s);
	linking_list_free(&a->links);
	snapshot_free(&a->snap);
	return rc;
}

/* Another LA's child answers as a missing one. */
static int visible(struct action *a, const char *child, struct raa_err *err)
{
	struct raa_err ignore;
	if (store_record_type(a->s, &a->caller, child, &ignore) == REC_CHILD)
		return 0;
	return raa_err_set(err, RAA_ENOTFOUND, "child: value '%s': no such child", child);
}

/* Finds the link acted on, as the caller may see it. */
static int find_link(struct action *a, const char *text, struct raa_err *err)
{
	int64_t id;
	int rc = linking_id_parse(text, &id, err);
	if (rc < 0)
		return rc;
	a->l = linking_find(&a->links, id);
	if (!a->l || visible(a, a->l->children[0]->rec.id, err) < 0)
		return raa_err_set(err, RAA_ENOTFOUND, "link: value '%s': no such link", text);
	return 0;
}

static int refuse_stage(const struct link *l, const char *expected, struct raa_err *err)
{
	char id[LINK_ID_MAX];
	linking_id_format(l->id, id);
	return raa_err_set(err, RAA_ECONFLICT, "link: %s is %s: expected %s", id,
			   linking_stage_name(l->stage), expected);
}

/* The date of an action may not come before the step it follows. */
static int not_before(const struct action *a, const struct event_rec *step, const char *what,
		      struct raa_err *err)
{
	char d[DATE_ISO_LEN], s[DATE_ISO_LEN];
	if (!step || a->date >= step->date)
		return 0;
	date_format_iso(a->date, d);
	date_format_iso(step->date, s);
	return raa_err_set(err, RAA_EINVAL, "date: value '%s': expected a date on or after the %s (%s)",
			   d, what, s);
}

static int parse_yes_no(const char *field, const char *text, bool *yes, struct raa_err *err)
{
	if (text && strcmp(text, "yes") == 0)
		*yes = true;
	else if (text && strcmp(text, "no") == 0)
		*yes = false;
	else
		return raa_err_set(err, RAA_EINVAL, "%s: value '%s': expected yes or no", field,
				   text ? text : "");
	return 0;
}

/* Appends one event of `kind` to every child of the link (the household
 * gets its mirror from the journal). */
static int append_children(struct action *a, int kind, const char *adopter, const char *detail,
			   struct raa_err *err)
{
	for (size_t i = 0; i < a->l->nchildren; i++) {
		struct event_rec e = { .record = a->l->children[i]->rec.id, .kind = kind,
				       .date = a->date, .adopter = adopter, .detail = detail };
		int rc = journal_append(a->s, &a->write, &e, a->today, NULL, NULL, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* link_ended on every child and on the household, which it frees. */
static int end_link(struct action *a, const char *reason, struct raa_err *err)
{
	int rc = append_children(a, EV_LINK_ENDED, NULL, reason, err);
	struct event_rec e = { .record = a->l->adopter, .kind = EV_LINK_ENDED, .date = a->date,
			       .detail = reason };
	if (rc == 0)
		rc = journal_append(a->s, &a->write, &e, a->today, NULL, NULL, err);
	return rc;
}

/* ---- propose ---- */

/* The child and its waiting siblings, natural id order. */
static size_t unit_of(const struct snapshot *snap, const struct snap_child *c, raa_day on,
		      const struct snap_child **out)
{
	size_t n = 0;
	for (size_t i = 0; i < snap->nchildren; i++) {
		const struct snap_child *s = &snap->children[i];
		bool sibling = !str_empty(c->rec.sibling_group) && !str_empty(s->rec.sibling_group) &&
			       strcmp(s->rec.sibling_group, c->rec.sibling_group) == 0;
		if (s == c || (sibling && journey_status(&s->j, on) == CS_WAITING))
			out[n++] = s;
	}
	return n;
}

static int check_child(struct action *a, const struct snap_child *c, struct raa_err *err)
{
	int st = journey_status(&c->j, a->date);
	const struct link *other = open_link_of_child(&a->links, c->rec.id);
	char id[LINK_ID_MAX];
	if (other) {
		linking_id_format(other->id, id);
		return raa_err_set(err, RAA_ECONFLICT,
				   "child: value '%s': the unit is already in link %s with household %s (%s): expected a waiting child",
				   c->rec.id, id, other->adopter, linking_stage_name(other->stage));
	}
	if (st != CS_WAITING)
		return raa_err_set(err, RAA_ECONFLICT, "child: value '%s': child is %s: expected waiting",
				   c->rec.id, child_status_name(st));
	return 0;
}

static int check_household(struct action *a, const char *adopter, struct raa_err *err)
{
	const struct snap_adopter *h = snapshot_adopter(&a->snap, adopter);
	if (!h)
		return raa_err_set(err, RAA_EINVAL, "adopter: value '%s': expected a household in raa",
				   adopter);
	const struct link *other = linking_open_for(&a->links, adopter);
	char id[LINK_ID_MAX];
	if (other) {
		linking_id_format(other->id, id);
		return raa_err_set(err, RAA_ECONFLICT,
				   "adopter: value '%s': household is already in link %s with child %s (%s): expected a household with no open link",
				   adopter, id, other->children[0]->rec.id, linking_stage_name(other->stage));
	}
	int st = journey_status(&h->j, a->date);
	if (st != AS_APPROVED)
		return raa_err_set(err, RAA_ECONFLICT,
				   "adopter: value '%s': household is %s: expected approved", adopter,
				   adopter_status_name(st));
	return 0;
}

static int propose_unit(struct action *a, const struct linking_in *in, int64_t *link_out,
			struct raa_err *err)
{
	if (str_empty(in->child) || str_empty(in->adopter))
		return raa_err_set(err, RAA_EINVAL, "%s: value '': expected the id of a %s",
				   str_empty(in->child) ? "child" : "adopter",
				   str_empty(in->child) ? "waiting child" : "household");
	const struct snap_child *c = snapshot_child(&a->snap, in->child);
	if (!c || visible(a, c->rec.id, err) < 0)
		return raa_err_set(err, RAA_ENOTFOUND, "child: value '%s': no such child", in->child);
	int rc = check_child(a, c, err);
	if (rc == 0)
		rc = check_household(a, in->adopter, err);
	if (rc < 0)
		return rc;
	const struct snap_child **unit = xmalloc(a->snap.nchildren * sizeof *unit);
	size_t n = unit_of(&a->snap, c, a->date, unit);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct event_rec e = { .record = unit[i]->rec.id, .kind = EV_LINKED, .date = a->date,
				       .adopter = in->adopter };
		int64_t id = 0;
		rc = journal_append(a->s, &a->write, &e, a->today, NULL, &id, err);
		if (i == 0 && link_out)
			*link_out = id;
	}
	free(unit);
	return rc;
}

int linking_propose(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		    raa_day today, int64_t *link_out, struct raa_err *err)
{
	struct action a;
	int rc = action_begin(&a, s, sc, in->date, today, err);
	if (rc < 0)
		return rc;
	return action_end(&a, propose_unit(&a, in, link_out, err), err);
}

/* ---- panel, decision, end, placement ---- */

static int record_panel(struct action *a, const struct linking_in *in, struct raa_err *err)
{
	bool yes;
	int rc = parse_yes_no("recommendation", in->answer, &yes, err);
	if (rc == 0 && a->l->stage != LINK_PROPOSED)
		rc = refuse_stage(a->l, "proposed (a link waiting for its matching panel)", err);
	if (rc == 0)
		rc = not_before(a, a->l->linked, "link", err);
	if (rc < 0)
		return rc;
	struct buf detail;
	buf_init(&detail, 0);
	panel_event_detail(yes, in->reasons, &detail);
	rc = append_children(a, EV_MATCHING_PANEL, a->l->adopter, buf_cstr(&detail), err);
	buf_free(&detail);
	return rc;
}

static int record_decision(struct action *a, const struct linking_in *in, struct raa_err *err)
{
	bool yes;
	int rc = parse_yes_no("decision", in->answer, &yes, err);
	if (rc == 0 && a->l->stage == LINK_PROPOSED)
		rc = refuse_stage(a->l, "a matching panel recommendation before the ADM's decision", err);
	else if (rc == 0 && a->l->stage != LINK_RECOMMENDED)
		rc = refuse_stage(a->l, "recommended (a link waiting for the ADM's decision)", err);
	if (rc == 0 && !yes && str_empty(in->reasons))
		rc = raa_err_set(err, RAA_EINVAL, "reasons: value '': expected why the ADM decided no");
	if (rc == 0)
		rc = not_before(a, a->l->panel, "matching panel", err);
	if (rc < 0)
		return rc;
	if (!yes) {
		char why[RAA_ERR_MSG_MAX];
		snprintf(why, sizeof why, "ADM decided no: %s", in->reasons);
		return end_link(a, why, err);
	}
	return append_children(a, EV_MATCH_DECISION, a->l->adopter,
			       str_empty(in->reasons) ? NULL : in->reasons, err);
}

static int record_end(struct action *a, const struct linking_in *in, struct raa_err *err)
{
	int rc = 0;
	if (a->l->stage != LINK_PROPOSED && a->l->stage != LINK_RECOMMENDED)
		rc = refuse_stage(a->l, "a link before the ADM's decision", err);
	else if (str_empty(in->reasons))
		rc = raa_err_set(err, RAA_EINVAL, "reason: value '': expected why the link ends");
	if (rc == 0)
		rc = not_before(a, a->l->panel ? a->l->panel : a->l->linked,
				a->l->panel ? "matching panel" : "link", err);
	return rc < 0 ? rc : end_link(a, in->reasons, err);
}

static int record_placed(struct action *a, const struct linking_in *in, struct raa_err *err)
{
	(void)in;
	int rc = 0;
	if (a->l->stage == LINK_PROPOSED || a->l->stage == LINK_RECOMMENDED)
		rc = refuse_stage(a->l, "the ADM's match decision before placement", err);
	else if (a->l->stage != LINK_MATCHED)
		rc = refuse_stage(a->l, "matched (a link waiting for placement)", err);
	if (rc == 0)
		rc = not_before(a, a->l->decision, "match decision", err);
	return rc < 0 ? rc : append_children(a, EV_PLACED, a->l->adopter, NULL, err);
}

typedef int link_step(struct action *a, const struct linking_in *in, struct raa_err *err);

static int on_link(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		   raa_day today, link_step *step, struct raa_err *err)
{
	struct action a;
	int rc = action_begin(&a, s, sc, in->date, today, err);
	if (rc < 0)
		return rc;
	rc = find_link(&a, in->link, err);
	if (rc == 0)
		rc = step(&a, in, err);
	return action_end(&a, rc, err);
}

int linking_panel(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		  raa_day today, struct raa_err *err)
{
	return on_link(s, sc, in, today, record_panel, err);
}

int linking_decide(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		   raa_day today, struct raa_err *err)
{
	return on_link(s, sc, in, today, record_decision, err);
}

int linking_end(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		raa_day today, struct raa_err *err)
{
	return on_link(s, sc, in, today, record_end, err);
}

int linking_place(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		  raa_day today, struct raa_err *err)
{
	return on_link(s, sc, in, today, record_placed, err);
}
