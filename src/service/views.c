#include "service/views.h"

#include <limits.h>

#include "core/json.h"
#include "domain/htp.h"
#include "service/export.h"

#define VIEW_CLOCKS_MAX 64

json_t *view_clock(const struct clock_row *r)
{
	json_t *o = json_object();
	json_set_str(o, "record", r->record);
	json_set_str(o, "kind", clock_kind_name(r->c.kind));
	json_set_date(o, "started", r->c.started);
	json_set_date(o, "due", r->c.due);
	json_set_int(o, "overdue_days", r->c.overdue_days);
	json_set_str(o, "partner", r->partner);
	return o;
}

json_t *view_event(const struct event_rec *e)
{
	static const char *const origins[] = { "event", "column", "mirror" };
	json_t *o = json_object();
	json_set_int(o, "id", e->id);
	json_set_str(o, "kind", event_kind_name(e->kind));
	json_set_date(o, "date", e->date);
	json_set_str(o, "adopter", e->adopter);
	json_set_str(o, "detail", e->detail);
	json_set_str(o, "origin", origins[e->origin]);
	if (e->supersedes)
		json_set_int(o, "supersedes", e->supersedes);
	json_set_str(o, "recorded_by", e->recorded_by);
	json_set_str(o, "recorded_at", e->recorded_at);
	return o;
}

static json_t *clocks_json(const struct view_ctx *v, const struct journey *j, const char *id,
			   const char *partner, raa_day profile_updated)
{
	struct clock c[VIEW_CLOCKS_MAX];
	size_t n = clocklist_record(j, profile_updated, v->cs, v->cal, v->on, c, VIEW_CLOCKS_MAX);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		struct clock_row r = { .record = id, .partner = partner, .type = j->type, .c = c[i] };
		json_array_append_new(a, view_clock(&r));
	}
	return a;
}

static json_t *journey_json(const struct journey *j)
{
	json_t *a = json_array();
	for (size_t i = 0; i < j->n; i++)
		json_array_append_new(a, view_event(j->ev[i]));
	return a;
}

json_t *view_child(const struct view_ctx *v, const struct snap_child *c)
{
	json_t *o = export_child_object(c);
	/* status on the date asked, which export's "now" may not be */
	json_set_str(o, "status", child_status_name(journey_status(&c->j, v->on)));
	if (c->rec.dob != DAY_NONE && c->rec.dob <= v->on)
		json_set_int(o, "age_months", date_whole_months(c->rec.dob, v->on));
	else
		json_object_set_new(o, "age_months", json_null());
	unsigned reasons = htp_reasons(&c->rec, &c->j, c->sibling_group_size, v->on);
	json_t *h = json_array();
	for (int i = 0; i < HTP_REASON_COUNT; i++)
		if (reasons & (1u << i))
			json_array_append_new(h, json_string(htp_reason_name(i)));
	json_object_set_new(o, "harder_to_place", h);
	json_set_int(o, "sibling_group_size", c->sibling_group_size);
	json_object_set_new(o, "clocks", clocks_json(v, &c->j, c->rec.id, c->rec.partner,
						     c->rec.profile_updated));
	if (v->with_journey)
		json_object_set_new(o, "events", journey_json(&c->j));
	return o;
}

json_t *view_adopter(const struct view_ctx *v, const struct snap_adopter *a)
{
	json_t *o = export_adopter_object(a);
	json_set_str(o, "status", adopter_status_name(journey_status(&a->j, v->on)));
	json_object_set_new(o, "clocks", clocks_json(v, &a->j, a->rec.id, a->rec.partner, DAY_NONE));
	if (v->with_journey)
		json_object_set_new(o, "events", journey_json(&a->j));
	return o;
}

int view_partner_append(void *ctx, const struct partner_rec *p)
{
	json_t *o = json_object();
	json_set_str(o, "code", p->code);
	json_set_str(o, "name", p->name);
	json_set_str(o, "role", p->host ? "host" : "partner");
	json_set_str(o, "spoke", p->spoke);
	json_array_append_new(ctx, o);
	return 0;
}

int view_user_append(void *ctx, const struct user_rec *u)
{
	json_t *o = json_object();
	json_set_int(o, "id", u->id);
	json_set_str(o, "email", u->email);
	json_set_str(o, "role", u->role);
	json_set_str(o, "partner", u->partner);
	json_set_bool(o, "disabled", u->disabled);
	json_set_str(o, "created_at", u->created_at);
	json_array_append_new(ctx, o);
	return 0;
}
