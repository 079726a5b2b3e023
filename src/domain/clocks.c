/*
 * clocks: which statutory and service clocks run on a record on a date.
 *
 * Each clock is one rule "starts at event X, stops at a later event Y",
 * evaluated over the events dated on or before the date asked, so the same
 * function answers "what is overdue today" and "what was overdue then".
 * The rules are listed for users in docs/journeys.md.
 */
#include "domain/clocks.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"

static const char *const CLOCK_NAMES[CLOCK_COUNT] = {
	[CLOCK_LA_CHECKS] = "la_checks",
	[CLOCK_STAGE1] = "stage1",
	[CLOCK_NOTICE_TO_PROCEED] = "notice_to_proceed",
	[CLOCK_STAGE2] = "stage2",
	[CLOCK_ADM_AFTER_PANEL] = "adm_after_panel",
	[CLOCK_WIDER_SEARCH_CHILD] = "wider_search_child",
	[CLOCK_WIDER_SEARCH_ADOPTER] = "wider_search_adopter",
	[CLOCK_APPROVAL_REVIEW] = "approval_review",
	[CLOCK_PROFILE_UPDATE] = "profile_update",
	[CLOCK_ADOPTION_APPLICATION] = "adoption_application",
	[CLOCK_ASF_APPLICATION] = "asf_application",
};

const char *clock_kind_name(int kind)
{
	return (kind >= 0 && kind < CLOCK_COUNT) ? CLOCK_NAMES[kind] : "";
}

int clock_kind_parse(const char *s)
{
	for (int i = 0; s && i < CLOCK_COUNT; i++)
		if (strcmp(CLOCK_NAMES[i], s) == 0)
			return i;
	return -1;
}

void clock_settings_default(struct clock_settings *s)
{
	static const struct clock_duration def[CLOCK_COUNT] = {
		[CLOCK_LA_CHECKS] = { 5, CU_WORKING_DAYS },
		[CLOCK_STAGE1] = { 2, CU_MONTHS },
		[CLOCK_NOTICE_TO_PROCEED] = { 6, CU_MONTHS },
		[CLOCK_STAGE2] = { 4, CU_MONTHS },
		[CLOCK_ADM_AFTER_PANEL] = { 7, CU_WORKING_DAYS },
		[CLOCK_WIDER_SEARCH_CHILD] = { 3, CU_MONTHS },
		[CLOCK_WIDER_SEARCH_ADOPTER] = { 3, CU_MONTHS },
		[CLOCK_APPROVAL_REVIEW] = { 12, CU_MONTHS },
		[CLOCK_PROFILE_UPDATE] = { 6, CU_MONTHS },
		[CLOCK_ADOPTION_APPLICATION] = { 10, CU_WEEKS },
		[CLOCK_ASF_APPLICATION] = { 3, CU_MONTHS },
	};
	memcpy(s->dur, def, sizeof def);
}

/* The suffixes of the duration syntax, longest first so "wd" wins over "w". */
static const struct {
	const char *suffix;
	char unit;
} UNITS[] = {
	{ "wd", CU_WORKING_DAYS },
	{ "d", CU_DAYS },
	{ "w", CU_WEEKS },
	{ "m", CU_MONTHS },
};

#define DURATION_SYNTAX \
	"expected a number 1..999 and a unit: wd (working days), d (days), w (weeks) or " \
	"m (months), e.g. 5wd or 2m"

int clock_duration_parse(const char *s, struct clock_duration *out, struct raa_err *err)
{
	const char *p = s ? s : "";
	int n = 0, digits = 0;
	while (isdigit((unsigned char)*p) && digits < 4) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || n < 1 || n > 999 || isdigit((unsigned char)*p))
		return raa_err_set(err, RAA_EINVAL, "duration '%s': " DURATION_SYNTAX, s ? s : "");
	for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
		if (strcmp(p, UNITS[i].suffix) == 0) {
			out->n = n;
			out->unit = UNITS[i].unit;
			return 0;
		}
	}
	return raa_err_set(err, RAA_EINVAL, "duration '%s': " DURATION_SYNTAX, s ? s : "");
}

void clock_duration_format(const struct clock_duration *d, char out[16])
{
	const char *suffix = "?";
	for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++)
		if (UNITS[i].unit == d->unit)
			suffix = UNITS[i].suffix;
	snprintf(out, 16, "%d%s", d->n, suffix);
}

raa_day clock_due(const struct clock_duration *d, const struct workcal *cal, raa_day start)
{
	switch (d->unit) {
	case CU_WORKING_DAYS:
		return workcal_add(cal, start, d->n);
	case CU_DAYS:
		return start + d->n;
	case CU_WEEKS:
		return start + 7 * d->n;
	default:
		return date_add_months(start, d->n);
	}
}

/* ---- evaluation ---- */

/* The journey as seen on one date: only events dated on or before it that
 * no other event supersedes. */
struct view {
	const struct journey *j;
	raa_day on;
	const struct clock_settings *s;
	const struct workcal *cal;
	struct clock *out;
	size_t max;
	size_t n;
};

static bool counts(const struct view *v, const struct event_rec *e)
{
	return e->date <= v->on && !journey_superseded(v->j, e);
}

/* The first counting event after `start` in journey order whose kind is in
 * the EV_NONE-terminated list `stops`, or NULL. */
static const struct event_rec *stopped_by(const struct view *v, const struct event_rec *start,
					  const int *stops)
{
	for (size_t i = 0; i < v->j->n; i++) {
		const struct event_rec *e = v->j->ev[i];
		if (!counts(v, e) || journey_event_cmp(e, start) <= 0)
			continue;
		for (const int *k = stops; *k != EV_NONE; k++)
			if (e->kind == *k)
				return e;
	}
	return NULL;
}

static void emit(struct view *v, int kind, raa_day started, raa_day due, bool information)
{
	if (v->n < v->max) {
		struct clock *c = &v->out[v->n];
		c->kind = kind;
		c->started = started;
		c->due = due;
		c->overdue_days = v->on > due ? (int)(v->on - due) : 0;
		c->information = information;
	}
	v->n++;
}

/* Start at the latest `start_kind`, stop at any of `stops` after it. */
static void simple(struct view *v, int clock, int start_kind, const int *stops)
{
	const struct event_rec *st = journey_last(v->j, start_kind, v->on);
	if (!st || stopped_by(v, st, stops))
		return;
	emit(v, clock, st->date, clock_due(&v->s->dur[clock], v->cal, st->date), false);
}

/* Detail naming the LA check: "la", whatever the case and spacing. */
static bool detail_is_la(const char *d)
{
	if (!d)
		return false;
	while (isspace((unsigned char)*d))
		d++;
	size_t n = strlen(d);
	while (n && isspace((unsigned char)d[n - 1]))
		n--;
	return n == 2 && tolower((unsigned char)d[0]) == 'l' && tolower((unsigned char)d[1]) == 'a';
}

/* One clock per LA check request that no later LA check receipt answers. */
static void la_checks(struct view *v)
{
	for (size_t i = 0; i < v->j->n; i++) {
		const struct event_rec *rq = v->j->ev[i];
		if (rq->kind != EV_CHECK_REQUESTED || !counts(v, rq) || !detail_is_la(rq->detail))
			continue;
		bool answered = false;
		for (size_t k = 0; k < v->j->n && !answered; k++) {
			const struct event_rec *rc = v->j->ev[k];
			answered = rc->kind == EV_CHECK_RECEIVED && counts(v, rc) &&
				   detail_is_la(rc->detail) && journey_event_cmp(rc, rq) > 0;
		}
		if (!answered)
			emit(v, CLOCK_LA_CHECKS, rq->date,
			     clock_due(&v->s->dur[CLOCK_LA_CHECKS], v->cal, rq->date), false);
	}
}

static void notice_to_proceed(struct view *v)
{
	static const int stops[] = { EV_STAGE2_NOTICE, EV_WITHDRAWN, EV_DEREGISTERED,
				     EV_NOT_APPROVED, EV_NONE };
	const struct event_rec *d = journey_last(v->j, EV_STAGE1_DECISION, v->on);
	/* The latest Stage 1 decision decides: "not suitable" starts nothing. */
	if (!d || str_icontains(d->detail, "not suitable") || str_icontains(d->detail, "unsuitable"))
		return;
	if (stopped_by(v, d, stops))
		return;
	emit(v, CLOCK_NOTICE_TO_PROCEED, d->date,
	     clock_due(&v->s->dur[CLOCK_NOTICE_TO_PROCEED], v->cal, d->date), false);
}

/* Recurring: from the approval, then from each review since; stops for good
 * once a child is matched or placed with the household. */
static void approval_review(struct view *v)
{
	static const int done[] = { EV_MATCH_DECISION, EV_PLACED, EV_NONE };
	const struct event_rec *ap = journey_last(v->j, EV_APPROVED, v->on);
	if (!ap || stopped_by(v, ap, done))
		return;
	const struct event_rec *rv = journey_last(v->j, EV_REVIEW, v->on);
	raa_day start = (rv && journey_event_cmp(rv, ap) > 0) ? rv->date : ap->date;
	emit(v, CLOCK_APPROVAL_REVIEW, start,
	     clock_due(&v->s->dur[CLOCK_APPROVAL_REVIEW], v->cal, start), false);
}

static void adopter_clocks(struct view *v)
{
	static const int stage1_stops[] = { EV_STAGE1_DECISION, EV_STAGE2_NOTICE, EV_APPROVED,
					    EV_WITHDRAWN, EV_DEREGISTERED, EV_NOT_APPROVED,
					    EV_NONE };
	static const int decisions[] = { EV_APPROVED, EV_NOT_APPROVED, EV_NONE };
	static const int searched[] = { EV_LINKED, EV_REGISTER_REFERRAL, EV_NONE };

	la_checks(v);
	simple(v, CLOCK_STAGE1, EV_ROI, stage1_stops);
	notice_to_proceed(v);
	simple(v, CLOCK_STAGE2, EV_STAGE2_NOTICE, decisions);
	simple(v, CLOCK_ADM_AFTER_PANEL, EV_APPROVAL_PANEL, decisions);
	simple(v, CLOCK_WIDER_SEARCH_ADOPTER, EV_APPROVED, searched);
	approval_review(v);
}

/* Recurring every N months from the later of the 'should be placed'
 * decision and the last profile update, while the child waits or is linked. */
static void profile_update(struct view *v, int status, raa_day updated)
{
	const struct event_rec *sbp = journey_last(v->j, EV_SHOULD_BE_PLACED, v->on);
	if (!sbp || (status != CS_WAITING && status != CS_LINKED))
		return;
	raa_day start = sbp->date;
	if (updated != DAY_NONE && updated <= v->on && updated > start)
		start = updated;
	emit(v, CLOCK_PROFILE_UPDATE, start,
	     clock_due(&v->s->dur[CLOCK_PROFILE_UPDATE], v->cal, start), false);
}

static void adoption_application(struct view *v)
{
	static const int ended[] = { EV_ADOPTION_ORDER, EV_DISRUPTION, EV_NONE };
	const struct event_rec *pl = journey_last(v->j, EV_PLACED, v->on);
	if (!pl || stopped_by(v, pl, ended))
		return;
	emit(v, CLOCK_ADOPTION_APPLICATION, pl->date,
	     clock_due(&v->s->dur[CLOCK_ADOPTION_APPLICATION], v->cal, pl->date), true);
}

static void child_clocks(struct view *v, int status, raa_day updated)
{
	static const int panel_stops[] = { EV_MATCH_DECISION, EV_LINK_ENDED, EV_NONE };
	static const int searched[] = { EV_LINKED, EV_REGISTER_REFERRAL, EV_NONE };

	simple(v, CLOCK_ADM_AFTER_PANEL, EV_MATCHING_PANEL, panel_stops);
	if (status == CS_WAITING)
		simple(v, CLOCK_WIDER_SEARCH_CHILD, EV_SHOULD_BE_PLACED, searched);
	profile_update(v, status, updated);
	adoption_application(v);
	/* asf_application: no event starts it until adoption support exists. */
}

static bool finished(enum record_type type, int status)
{
	if (type == REC_CHILD)
		return status == CS_ADOPTED || status == CS_PLAN_CHANGED || status == CS_LEFT;
	return status == AS_WITHDRAWN || status == AS_ADOPTED;
}

size_t clocks_running(const struct journey *j, raa_day profile_updated,
		      const struct clock_settings *s, const struct workcal *cal,
		      raa_day on, struct clock *out, size_t max)
{
	struct view v = { .j = j, .on = on, .s = s, .cal = cal, .out = out, .max = max };
	int status = journey_status(j, on);

	if (finished(j->type, status))
		return 0;
	if (j->type == REC_CHILD)
		child_clocks(&v, status, profile_updated);
	else
		adopter_clocks(&v);
	return v.n;
}
