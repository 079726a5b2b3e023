/*
 * views: records as the JSON objects listings and pages show: the migration
 * columns (records.md) plus derived fields beside them (age, harder-to-place
 * reasons, running clocks, the journey).
 */
#ifndef RAA_SERVICE_VIEWS_H
#define RAA_SERVICE_VIEWS_H

#include <jansson.h>
#include <stdbool.h>

#include "service/clocklist.h"
#include "service/snapshot.h"

struct view_ctx {
	const struct snapshot *snap;
	const struct clock_settings *cs;
	const struct workcal *cal;
	raa_day on;
	bool with_journey; /* add "events" (the whole journey) */
};

json_t *view_child(const struct view_ctx *v, const struct snap_child *c);
json_t *view_adopter(const struct view_ctx *v, const struct snap_adopter *a);
/* {"record","kind","started","due","overdue_days","partner"} (journeys.md). */
json_t *view_clock(const struct clock_row *r);
/* {"id","kind","date","adopter","detail","origin","supersedes","recorded_by","recorded_at"} */
json_t *view_event(const struct event_rec *e);

/* Store listing callbacks that append one object to the JSON array ctx:
 * {"code","name","role","spoke"} and
 * {"id","email","role","partner","disabled","created_at"} (never the hash). */
int view_partner_append(void *ctx, const struct partner_rec *p);
int view_user_append(void *ctx, const struct user_rec *u);

#endif
