/*
 * journey: status and legality of a record's journey of events.
 *
 * A journey is the record's events in order (date, then recording order).
 * Status is derived, never stored: the latest status-bearing event decides
 * it, where an event from a migration date column stands for the status the
 * legacy system gave at migration (records.md: "events recorded or imported
 * afterwards move it on"). Legality is checked as prerequisites by date:
 * `placed` needs a `should_be_placed` on or before its date, `approved`
 * needs a `stage2_notice`, and so on; a record migrated with a status past a
 * prerequisite counts as having it.
 */
#ifndef RAA_DOMAIN_JOURNEY_H
#define RAA_DOMAIN_JOURNEY_H

#include <stddef.h>

#include "core/err.h"
#include "domain/records.h"

struct journey {
	enum record_type type;
	const char *id;
	raa_day dob;                       /* children; DAY_NONE otherwise */
	int base_status;                   /* CS_ / AS_ at migration, or NONE */
	const struct event_rec *const *ev; /* sorted by journey_sort order */
	size_t n;
};

/* Orders events by (date, id): the journey order. */
void journey_sort(const struct event_rec **ev, size_t n);
int journey_event_cmp(const struct event_rec *a, const struct event_rec *b);

/* True if the event is superseded by another event in the journey. */
bool journey_superseded(const struct journey *j, const struct event_rec *e);

/* The status a status-bearing event of `kind` leads to (CS_ / AS_), or -1
 * (CS_NONE / AS_NONE) for kinds that leave the status as it was. */
int journey_status_target(enum record_type type, int kind);

/* The status on date `on` (events dated after it are ignored; pass
 * INT32_MAX for "now"). CS_TRACKING / AS_ENQUIRY when nothing is known. */
int journey_status(const struct journey *j, raa_day on);

/* Checks whether appending `e` to the journey is legal: date not before
 * birth, not after `today`, kind allowed for the record type, an adopter
 * named where the kind needs one, and the kind's prerequisites met on or
 * before its date. 0, or RAA_EINVAL with a message naming the event. */
int journey_check(const struct journey *j, const struct event_rec *e, raa_day today,
		  struct raa_err *err);

/* The latest non-superseded event of `kind` dated on or before `on`, or
 * NULL. */
const struct event_rec *journey_last(const struct journey *j, int kind, raa_day on);
/* The first non-superseded event of `kind` (any date), or NULL. */
const struct event_rec *journey_first(const struct journey *j, int kind);

#endif
