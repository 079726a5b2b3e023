/*
 * journey: status and legality derived from a record's events.
 *
 * The decisions are written out for users in docs/journeys.md; in short:
 * journey order is (date, id); a superseded event counts nowhere; status is
 * the target of the latest status-bearing event, except that a migration
 * date column stands for the status given at migration; legality is a set
 * of prerequisites "on or before the event's date", which a status given at
 * migration can also satisfy.
 */
#include "domain/journey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"

#define BIT(s) (1u << (s))

/* Migrated statuses that imply the prerequisite happened. */
#define C_AFTER_SBP \
	(BIT(CS_WAITING) | BIT(CS_LINKED) | BIT(CS_MATCHED) | BIT(CS_PLACED) | BIT(CS_ADOPTED))
#define C_AFTER_LINKED (BIT(CS_LINKED) | BIT(CS_MATCHED) | BIT(CS_PLACED))
#define C_AFTER_PLACED (BIT(CS_PLACED) | BIT(CS_ADOPTED))
#define A_AFTER_APPROVED \
	(BIT(AS_APPROVED) | BIT(AS_ON_HOLD) | BIT(AS_LINKED) | BIT(AS_MATCHED) | \
	 BIT(AS_PLACED) | BIT(AS_ADOPTED))
#define A_AFTER_STAGE2 (A_AFTER_APPROVED | BIT(AS_STAGE2))
#define A_AFTER_ROI (A_AFTER_STAGE2 | BIT(AS_STAGE1))
#define A_AFTER_LINKED (BIT(AS_LINKED) | BIT(AS_MATCHED) | BIT(AS_PLACED))

int journey_event_cmp(const struct event_rec *a, const struct event_rec *b)
{
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return 0;
}

static int sort_cmp(const void *pa, const void *pb)
{
	const struct event_rec *const *a = pa, *const *b = pb;
	return journey_event_cmp(*a, *b);
}

void journey_sort(const struct event_rec **ev, size_t n)
{
	if (n > 1)
		qsort(ev, n, sizeof *ev, sort_cmp);
}

bool journey_superseded(const struct journey *j, const struct event_rec *e)
{
	if (e->id == 0)
		return false;
	for (size_t i = 0; i < j->n; i++)
		if (j->ev[i]->supersedes == e->id && j->ev[i] != e)
			return true;
	return false;
}

/* Superseded in the journey, or by the candidate being checked (whose
 * supersedes is `skip`, 0 for none). */
static bool ignored(const struct journey *j, const struct event_rec *e, int64_t skip)
{
	if (skip != 0 && e->id == skip)
		return true;
	return journey_superseded(j, e);
}

static int child_target(int kind)
{
	switch (kind) {
	case EV_ENTERED_CARE:
	case EV_EARLY_REFERRAL:
		return CS_TRACKING;
	case EV_SHOULD_BE_PLACED:
	case EV_LINK_ENDED:
	case EV_DISRUPTION:
		return CS_WAITING;
	case EV_LINKED:
		return CS_LINKED;
	case EV_MATCH_DECISION:
		return CS_MATCHED;
	case EV_PLACED:
		return CS_PLACED;
	case EV_ADOPTION_ORDER:
		return CS_ADOPTED;
	case EV_PLAN_CHANGED:
		return CS_PLAN_CHANGED;
	case EV_LEFT_CARE:
		return CS_LEFT;
	default:
		return CS_NONE;
	}
}

static int adopter_target(int kind)
{
	switch (kind) {
	case EV_ENQUIRY:
		return AS_ENQUIRY;
	case EV_ROI:
		return AS_STAGE1;
	case EV_STAGE2_NOTICE:
		return AS_STAGE2;
	case EV_APPROVED:
	case EV_OFF_HOLD:
	case EV_LINK_ENDED:
		return AS_APPROVED;
	case EV_ON_HOLD:
		return AS_ON_HOLD;
	case EV_LINKED:
		return AS_LINKED;
	case EV_MATCH_DECISION:
		return AS_MATCHED;
	case EV_PLACED:
		return AS_PLACED;
	case EV_WITHDRAWN:
	case EV_DEREGISTERED:
	case EV_NOT_APPROVED:
		return AS_WITHDRAWN;
	default:
		return AS_NONE;
	}
}

int journey_status_target(enum record_type type, int kind)
{
	return type == REC_CHILD ? child_target(kind) : adopter_target(kind);
}

/* Status on `on`, and whether it is the status given at migration rather
 * than one an event led to. */
static int status_at(const struct journey *j, raa_day on, int64_t skip, bool *from_base)
{
	const struct event_rec *last = NULL;
	int target = -1;
	for (size_t i = 0; i < j->n; i++) {
		const struct event_rec *e = j->ev[i];
		if (e->date > on || ignored(j, e, skip))
			continue;
		int t = journey_status_target(j->type, e->kind);
		if (t < 0 || (last && journey_event_cmp(e, last) < 0))
			continue;
		last = e;
		target = t;
	}
	bool has_base = j->base_status >= 0;
	*from_base = has_base && (!last || last->origin == ORIGIN_COLUMN);
	if (*from_base)
		return j->base_status;
	if (last)
		return target;
	return j->type == REC_CHILD ? CS_TRACKING : AS_ENQUIRY;
}

int journey_status(const struct journey *j, raa_day on)
{
	bool from_base;
	return status_at(j, on, 0, &from_base);
}

static const struct event_rec *last_of(const struct journey *j, int kind, raa_day on,
				       int64_t skip)
{
	const struct event_rec *best = NULL;
	for (size_t i = 0; i < j->n; i++) {
		const struct event_rec *e = j->ev[i];
		if (e->kind != kind || e->date > on || ignored(j, e, skip))
			continue;
		if (!best || journey_event_cmp(e, best) > 0)
			best = e;
	}
	return best;
}

const struct event_rec *journey_last(const struct journey *j, int kind, raa_day on)
{
	return last_of(j, kind, on, 0);
}

const struct event_rec *journey_first(const struct journey *j, int kind)
{
	const struct event_rec *best = NULL;
	for (size_t i = 0; i < j->n; i++) {
		const struct event_rec *e = j->ev[i];
		if (e->kind != kind || ignored(j, e, 0))
			continue;
		if (!best || journey_event_cmp(e, best) < 0)
			best = e;
	}
	return best;
}

/* ---- legality ---- */

struct prereq {
	int kind;       /* the event that must have happened */
	unsigned after; /* migrated statuses that imply it happened */
};

/* Fills out[] with the prerequisites of a child's event; returns how many. */
static size_t child_prereqs(int kind, struct prereq out[2])
{
	size_t n = 0;
	switch (kind) {
	case EV_MATCHING_PANEL:
		out[n++] = (struct prereq){ EV_SHOULD_BE_PLACED, C_AFTER_SBP };
		out[n++] = (struct prereq){ EV_LINKED, C_AFTER_LINKED };
		break;
	case EV_LINKED:
	case EV_MATCH_DECISION:
	case EV_PLACED:
	case EV_REGISTER_REFERRAL:
	case EV_PLAN_CHANGED:
		out[n++] = (struct prereq){ EV_SHOULD_BE_PLACED, C_AFTER_SBP };
		break;
	case EV_LINK_ENDED:
		out[n++] = (struct prereq){ EV_LINKED, C_AFTER_LINKED };
		break;
	case EV_ADOPTION_ORDER:
	case EV_DISRUPTION:
		out[n++] = (struct prereq){ EV_PLACED, C_AFTER_PLACED };
		break;
	default:
		break;
	}
	return n;
}

static size_t adopter_prereqs(int kind, struct prereq out[2])
{
	size_t n = 0;
	switch (kind) {
	case EV_STAGE1_DECISION:
		out[n++] = (struct prereq){ EV_ROI, A_AFTER_ROI };
		break;
	case EV_APPROVED:
	case EV_NOT_APPROVED:
	case EV_PAR_COMPLETE:
	case EV_APPROVAL_PANEL:
		out[n++] = (struct prereq){ EV_STAGE2_NOTICE, A_AFTER_STAGE2 };
		break;
	case EV_LINKED:
	case EV_MATCH_DECISION:
	case EV_PLACED:
	case EV_ON_HOLD:
	case EV_REVIEW:
	case EV_REGISTER_REFERRAL:
		out[n++] = (struct prereq){ EV_APPROVED, A_AFTER_APPROVED };
		break;
	case EV_LINK_ENDED:
		out[n++] = (struct prereq){ EV_LINKED, A_AFTER_LINKED };
		break;
	default:
		break;
	}
	return n;
}

/* An event of p->kind on or before `date`, or, when the journey has no
 * such event at all, a migrated status past it. */
static bool prereq_met(const struct journey *j, const struct prereq *p, raa_day date,
		       int64_t skip)
{
	if (last_of(j, p->kind, date, skip))
		return true;
	if (last_of(j, p->kind, INT32_MAX, skip))
		return false; /* it happened, but later: the base cannot vouch */
	return j->base_status >= 0 && (p->after & BIT(j->base_status));
}

static const char *rec_id(const struct journey *j, const struct event_rec *e)
{
	if (!str_empty(j->id))
		return j->id;
	return e->record ? e->record : "";
}

static const char *status_name(const struct journey *j, int status)
{
	return j->type == REC_CHILD ? child_status_name(status) : adopter_status_name(status);
}

static int refuse_kind(const struct journey *j, const struct event_rec *e, const char *day,
		       struct raa_err *err)
{
	char list[512] = "";
	size_t len = 0;
	for (int k = 0; k < EV_COUNT; k++) {
		if (!event_kind_allowed(k, j->type))
			continue;
		int w = snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "",
				 event_kind_name(k));
		if (w < 0 || (size_t)w >= sizeof list - len)
			break;
		len += (size_t)w;
	}
	return raa_err_set(err, RAA_EINVAL,
			   "%s: event kind '%s' on %s: expected a %s event kind (%s)",
			   rec_id(j, e), event_kind_name(e->kind), day,
			   j->type == REC_CHILD ? "child" : "adopter household", list);
}

/* Date, kind and adopter: the checks that need nothing of the journey. */
static int check_basics(const struct journey *j, const struct event_rec *e, raa_day today,
			struct raa_err *err)
{
	const char *id = rec_id(j, e), *kind = event_kind_name(e->kind);
	char day[DATE_ISO_LEN], other[DATE_ISO_LEN];

	date_format_iso(e->date, day);
	if (!event_kind_allowed(e->kind, j->type))
		return refuse_kind(j, e, day, err);
	if (e->date == DAY_NONE)
		return raa_err_set(err, RAA_EINVAL, "%s: %s: date is missing: expected YYYY-MM-DD",
				   id, kind);
	if (j->type == REC_CHILD && j->dob != DAY_NONE && e->date < j->dob) {
		date_format_iso(j->dob, other);
		return raa_err_set(err, RAA_EINVAL,
				   "%s: %s on %s: date is before the child's date of birth %s",
				   id, kind, day, other);
	}
	if (e->date > today) {
		date_format_iso(today, other);
		return raa_err_set(err, RAA_EINVAL, "%s: %s on %s: date is after today (%s)", id,
				   kind, day, other);
	}
	if (j->type != REC_CHILD)
		return 0;
	bool names = !str_empty(e->adopter);
	if (event_kind_names_adopter(e->kind) && !names)
		return raa_err_set(err, RAA_EINVAL,
				   "%s: %s on %s: expected the adopter household it names", id,
				   kind, day);
	if (!event_kind_names_adopter(e->kind) && names)
		return raa_err_set(err, RAA_EINVAL,
				   "%s: %s on %s: adopter '%s' given, expected none (only linked, "
				   "matching_panel, match_decision, fostered_by_adopters and placed "
				   "name a household)",
				   id, kind, day, e->adopter);
	return 0;
}

/* Rules on the status at the event's date. A status given at migration says
 * where the record stood at migration, not on earlier dates, so it never
 * refuses an event here: re-importing an exported journey must pass. */
static int check_status(const struct journey *j, const struct event_rec *e,
			struct raa_err *err)
{
	const char *id = rec_id(j, e), *kind = event_kind_name(e->kind);
	char day[DATE_ISO_LEN], other[DATE_ISO_LEN];
	bool from_base;
	int st = status_at(j, e->date, e->supersedes, &from_base);

	if (from_base)
		return 0;
	date_format_iso(e->date, day);
	if (j->type == REC_CHILD) {
		if (st != CS_ADOPTED || e->kind == EV_ENTERED_CARE || e->kind == EV_LEFT_CARE)
			return 0;
		const struct event_rec *ao = last_of(j, EV_ADOPTION_ORDER, e->date, e->supersedes);
		date_format_iso(ao ? ao->date : DAY_NONE, other);
		return raa_err_set(err, RAA_EINVAL,
				   "%s: %s on %s: the child was adopted (adoption_order on %s), "
				   "expected only entered_care or left_care after that",
				   id, kind, day, other);
	}
	if (e->kind == EV_OFF_HOLD && st != AS_ON_HOLD)
		return raa_err_set(err, RAA_EINVAL, "%s: %s on %s: household is %s, expected on_hold",
				   id, kind, day, status_name(j, st));
	if (e->kind == EV_LINKED && st != AS_APPROVED) {
		/* A sibling group is linked with one household, often recorded one
		 * child at a time: a second link on the same day is fine. */
		const struct event_rec *l = last_of(j, EV_LINKED, e->date, e->supersedes);
		bool same_day = l && l->date == e->date && (st == AS_LINKED || st == AS_MATCHED);
		if (!same_day)
			return raa_err_set(err, RAA_EINVAL,
					   "%s: %s on %s: household is %s, expected approved", id,
					   kind, day, status_name(j, st));
	}
	return 0;
}

int journey_check(const struct journey *j, const struct event_rec *e, raa_day today,
		  struct raa_err *err)
{
	int rc = check_basics(j, e, today, err);
	if (rc)
		return rc;

	struct prereq p[2];
	size_t n = j->type == REC_CHILD ? child_prereqs(e->kind, p) : adopter_prereqs(e->kind, p);
	for (size_t i = 0; i < n; i++) {
		if (prereq_met(j, &p[i], e->date, e->supersedes))
			continue;
		char day[DATE_ISO_LEN];
		const char *need = event_kind_name(p[i].kind);
		date_format_iso(e->date, day);
		return raa_err_set(err, RAA_EINVAL,
				   "%s: %s on %s: expected %s %s on or before that date",
				   rec_id(j, e), event_kind_name(e->kind), day,
				   need[0] && strchr("aeiou", need[0]) ? "an" : "a", need);
	}
	return check_status(j, e, err);
}
