/* The child and household pages: profile, needs or approval, checks,
 * clocks, the journey, and the form that appends an event to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/str.h"
#include "domain/htp.h"
#include "service/clocklist.h"
#include "service/journal.h"
#include "service/users.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

#define RECORD_CLOCKS_MAX 32
#define DETAIL_MAX 2000
#define ACCESS_ROWS 15

/* What the event form was given, to show again beside its errors. */
struct event_input {
	const char *kind, *day, *month, *year, *adopter, *detail;
	const char *added; /* kind just recorded (success banner), or NULL */
};

/* ---- small pieces --------------------------------------------------------- */

static void summary_row_open(struct html *h, const char *key)
{
	html_raw(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
	html_text(h, key);
	html_raw(h, "</dt><dd class=\"govuk-summary-list__value\">");
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	summary_row_open(h, key);
	html_text(h, value && *value ? value : "Not recorded");
	html_raw(h, "</dd></div>");
}

static void summary_row_date(struct html *h, const char *key, raa_day d)
{
	summary_row_open(h, key);
	html_date(h, d);
	html_raw(h, "</dd></div>");
}

static void breadcrumbs(struct page *p, enum record_type type, const char *name)
{
	struct html *h = &p->h;
	html_raw(h, "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\">"
		    "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/\">Dashboard</a></li>"
		    "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\"");
	html_attr(h, "href", type == REC_CHILD ? "/children" : "/adopters");
	html_raw(h, ">");
	html_text(h, type == REC_CHILD ? "Children" : "Adopter households");
	html_raw(h, "</a></li><li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">");
	html_text(h, name);
	html_raw(h, "</li></ol></nav>");
}

static void success_banner(struct page *p, const char *kind_code)
{
	int kind = event_kind_parse(kind_code);
	if (kind == EV_NONE)
		return;
	struct html *h = &p->h;
	html_raw(h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
		    "aria-labelledby=\"banner-title\" data-module=\"govuk-notification-banner\">"
		    "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"banner-title\">Success</h2></div>"
		    "<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">");
	html_text(h, label_event(kind));
	html_raw(h, " added to the journey</p></div></div>");
}

static int clock_due_cmp(const void *a, const void *b)
{
	const struct clock *x = a, *y = b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->kind - y->kind;
}

static void clocks_section(struct page *p, const struct page_reading *r, const struct journey *j,
			   raa_day profile_updated)
{
	struct clock c[RECORD_CLOCKS_MAX];
	size_t n = clocklist_record(j, profile_updated, &r->cs, r->cal, r->today, c, RECORD_CLOCKS_MAX);
	if (n > RECORD_CLOCKS_MAX)
		n = RECORD_CLOCKS_MAX;
	qsort(c, n, sizeof *c, clock_due_cmp);
	struct html *h = &p->h;
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"clocks\">Clocks</h2>");
	if (n == 0) {
		html_raw(h, "<p class=\"govuk-body\" data-testid=\"clocks\">No clocks are running.</p>");
		return;
	}
	html_raw(h, "<table class=\"govuk-table raa-table\" data-testid=\"clocks\">"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Running clocks</caption>"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Clock</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Started</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Due</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">State</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-clock", clock_kind_name(c[i].kind));
		html_attrf(h, "data-overdue-days", "%d", c[i].overdue_days);
		html_raw(h, "><th scope=\"row\" class=\"govuk-table__header\">");
		html_text(h, label_clock(c[i].kind));
		html_raw(h, "</th><td class=\"govuk-table__cell\">");
		html_date(h, c[i].started);
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		html_date(h, c[i].due);
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		int left = c[i].due - r->today;
		if (c[i].overdue_days > 0) {
			html_raw(h, "<strong class=\"govuk-tag govuk-tag--red\">");
			html_textf(h, "Overdue by %d day%s", c[i].overdue_days, c[i].overdue_days == 1 ? "" : "s");
		} else if (left <= 14) {
			html_raw(h, "<strong class=\"govuk-tag govuk-tag--yellow\">");
			html_textf(h, left == 0 ? "Due today" : "Due in %d day%s", left, left == 1 ? "" : "s");
		} else {
			html_raw(h, "<strong class=\"govuk-tag govuk-tag--grey\">");
			html_textf(h, "Due in %d days", left);
		}
		html_raw(h, "</strong>");
		if (c[i].information)
			html_raw(h, " <span class=\"govuk-hint raa-inline\">(for information)</span>");
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void journey_section(struct page *p, const struct journey *j, bool link_households)
{
	struct html *h = &p->h;
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"journey\">Journey</h2>");
	if (j->n == 0) {
		html_raw(h, "<p class=\"govuk-body\">No events recorded yet.</p>");
		return;
	}
	html_raw(h, "<ol class=\"raa-timeline\" data-testid=\"journey\">");
	/* Newest first: what happened last is what a worker needs first. */
	for (size_t k = j->n; k-- > 0;) {
		const struct event_rec *e = j->ev[k];
		bool old = journey_superseded(j, e);
		html_raw(h, "<li");
		html_attr(h, "class", old ? "raa-timeline__item raa-timeline__item--superseded" : "raa-timeline__item");
		html_attr(h, "data-kind", event_kind_name(e->kind));
		html_raw(h, "><p class=\"raa-timeline__date\">");
		html_date(h, e->date);
		html_raw(h, "</p><h3 class=\"govuk-heading-s raa-timeline__title\">");
		html_text(h, label_event(e->kind));
		if (old)
			html_raw(h, " <strong class=\"govuk-tag govuk-tag--grey raa-tag-sm\">Superseded</strong>");
		html_raw(h, "</h3>");
		if (e->adopter && *e->adopter) {
			html_raw(h, "<p class=\"govuk-body-s raa-timeline__meta\">Household: ");
			if (link_households)
				page_record_link(p, REC_ADOPTER, e->adopter, NULL);
			else
				html_text(h, e->adopter);
			html_raw(h, "</p>");
		}
		if (e->detail && *e->detail) {
			html_raw(h, "<p class=\"govuk-body raa-timeline__detail\">");
			html_text(h, e->detail);
			html_raw(h, "</p>");
		}
		html_raw(h, "<p class=\"govuk-body-s raa-timeline__meta\">");
		if (e->origin == ORIGIN_COLUMN)
			html_text(h, "From the migrated record");
		else if (e->origin == ORIGIN_MIRROR)
			html_text(h, "Recorded on the child's record");
		else
			html_textf(h, "Recorded by %s", e->recorded_by ? e->recorded_by : "unknown");
		html_raw(h, "</p></li>");
	}
	html_raw(h, "</ol>");
}

/* ---- the event form ------------------------------------------------------- */

static void error_message(struct html *h, const char *id, const char *msg)
{
	html_raw(h, "<p class=\"govuk-error-message\"");
	html_attr(h, "id", id);
	html_raw(h, "><span class=\"govuk-visually-hidden\">Error:</span> ");
	html_text(h, msg);
	html_raw(h, "</p>");
}

static void group_open(struct html *h, const char *err)
{
	html_raw(h, err ? "<div class=\"govuk-form-group govuk-form-group--error\">"
			: "<div class=\"govuk-form-group\">");
}

static void date_part(struct html *h, const char *part, const char *label, const char *value,
		      const char *width, bool error)
{
	html_raw(h, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
		    "<label class=\"govuk-label govuk-date-input__label\"");
	html_attrf(h, "for", "date-%s", part);
	html_raw(h, ">");
	html_text(h, label);
	html_raw(h, "</label><input");
	html_attrf(h, "class", "govuk-input govuk-date-input__input %s%s", width,
		   error ? " govuk-input--error" : "");
	html_attrf(h, "id", "date-%s", part);
	html_attrf(h, "name", "date-%s", part);
	html_raw(h, " type=\"text\" inputmode=\"numeric\"");
	html_attr(h, "value", value);
	html_raw(h, "></div></div>");
}

static void event_form(struct page *p, enum record_type type, const char *id,
		       const struct event_input *in, const struct form_errors *errs)
{
	struct html *h = &p->h;
	bool child = type == REC_CHILD;
	const char *err;
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"add-event\">Add an event</h2><form method=\"post\" novalidate");
	html_attrf(h, "action", "/%s/%s/events", child ? "children" : "adopters",
		   html_url_encode(&p->req->arena, id));
	html_raw(h, ">");
	page_csrf_field(p);

	err = form_error_for(errs, "kind");
	group_open(h, err);
	html_raw(h, "<label class=\"govuk-label govuk-label--s\" for=\"kind\">Event</label>");
	if (err)
		error_message(h, "kind-error", err);
	html_raw(h, err ? "<select class=\"govuk-select govuk-select--error\" id=\"kind\" name=\"kind\" aria-describedby=\"kind-error\">"
			: "<select class=\"govuk-select\" id=\"kind\" name=\"kind\">");
	html_raw(h, "<option value=\"\">Choose an event</option>");
	for (int k = 0; k < EV_COUNT; k++) {
		if (!event_kind_allowed(k, type) || !auth_may_record_kind(p->who.role, type, k))
			continue;
		page_select_option(h, event_kind_name(k), label_event(k),
				   strcmp(in->kind, event_kind_name(k)) == 0);
	}
	html_raw(h, "</select></div>");

	err = form_error_for(errs, "date");
	group_open(h, err);
	html_raw(h, "<fieldset class=\"govuk-fieldset\" role=\"group\"");
	html_attr(h, "aria-describedby", err ? "date-hint date-error" : "date-hint");
	html_raw(h, "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Date</legend>"
		    "<div id=\"date-hint\" class=\"govuk-hint\">The day it happened, for example 4 3 2024</div>");
	if (err)
		error_message(h, "date-error", err);
	html_raw(h, "<div class=\"govuk-date-input\" id=\"date\">");
	date_part(h, "day", "Day", in->day, "govuk-input--width-2", err);
	date_part(h, "month", "Month", in->month, "govuk-input--width-2", err);
	date_part(h, "year", "Year", in->year, "govuk-input--width-4", err);
	html_raw(h, "</div></fieldset></div>");

	if (child) {
		err = form_error_for(errs, "adopter");
		group_open(h, err);
		html_raw(h, "<label class=\"govuk-label govuk-label--s\" for=\"adopter\">Household (if the event names one)</label>"
			    "<div id=\"adopter-hint\" class=\"govuk-hint\">The household's RAA id, for example A17. "
			    "Needed for linked, matching panel, match decision, fostered by adopters and placed.</div>");
		if (err)
			error_message(h, "adopter-error", err);
		html_raw(h, "<input class=\"govuk-input govuk-input--width-10");
		html_raw(h, err ? " govuk-input--error\"" : "\"");
		html_attr(h, "aria-describedby", err ? "adopter-hint adopter-error" : "adopter-hint");
		html_raw(h, " id=\"adopter\" name=\"adopter\" type=\"text\" spellcheck=\"false\"");
		html_attr(h, "value", in->adopter);
		html_raw(h, "></div>");
	}

	err = form_error_for(errs, "detail");
	group_open(h, err);
	html_raw(h, "<label class=\"govuk-label govuk-label--s\" for=\"detail\">Details (optional)</label><div id=\"detail-hint\" class=\"govuk-hint\">");
	html_text(h, child ? "For example, why a link ended or the panel's recommendation."
			   : "For checks, name the check: dbs, medical, reference or la.");
	html_raw(h, "</div>");
	if (err)
		error_message(h, "detail-error", err);
	html_raw(h, err ? "<textarea class=\"govuk-textarea govuk-textarea--error\""
			: "<textarea class=\"govuk-textarea\"");
	html_attr(h, "aria-describedby", err ? "detail-hint detail-error" : "detail-hint");
	html_raw(h, " id=\"detail\" name=\"detail\" rows=\"3\">");
	html_text(h, in->detail);
	html_raw(h, "</textarea></div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add event</button></form>");
}

/* ---- child ---------------------------------------------------------------- */

static void needs_table(struct html *h, const int8_t needs[NEED_DIMS], const char *caption,
			const char *col)
{
	static const char *const dims[] = { "Disability", "Health", "Development (including emotional)",
					    "Behaviour" };
	html_raw(h, "<table class=\"govuk-table raa-table\" data-testid=\"needs\"><caption class=\"govuk-table__caption govuk-table__caption--m\">");
	html_text(h, caption);
	html_raw(h, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Need</th><th scope=\"col\" class=\"govuk-table__header\">");
	html_text(h, col);
	html_raw(h, "</th></tr></thead><tbody class=\"govuk-table__body\">");
	for (int d = 0; d < NEED_DIMS; d++) {
		html_raw(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
		html_text(h, dims[d]);
		html_raw(h, "</th><td class=\"govuk-table__cell\">");
		html_text(h, label_need(needs[d]));
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void access_history(struct page *p, const char *id);

static void child_body(struct page *p, const struct page_reading *r, const struct snap_child *sc,
		       const struct event_input *in, const struct form_errors *errs)
{
	const struct child_rec *c = &sc->rec;
	struct html *h = &p->h;
	struct arena *a = &p->req->arena;
	const char *name = arena_printf(a, "%s %s", c->first_name ? c->first_name : "",
					c->last_name ? c->last_name : "");
	int st = journey_status(&sc->j, r->today);
	breadcrumbs(p, REC_CHILD, name);
	if (in->added)
		success_banner(p, in->added);
	page_error_summary(p, errs);
	html_raw(h, "<span class=\"govuk-caption-l\">Child ");
	html_text(h, c->id);
	html_raw(h, "</span><h1 class=\"govuk-heading-l raa-record-title\">");
	html_text(h, name);
	html_raw(h, " ");
	page_status_tag(p, REC_CHILD, st);
	html_raw(h, "</h1>");

	unsigned htp = htp_reasons(c, &sc->j, sc->sibling_group_size, r->today);
	if (htp) {
		html_raw(h, "<div class=\"govuk-inset-text raa-htp\" data-testid=\"harder-to-place\">"
			    "<h2 class=\"govuk-heading-s\">Harder to place</h2><ul class=\"govuk-list govuk-list--bullet\">");
		for (int k = 0; k < HTP_REASON_COUNT; k++) {
			if (!(htp & (1u << k)))
				continue;
			html_raw(h, "<li");
			html_attr(h, "data-reason", htp_reason_name(k));
			html_raw(h, ">");
			html_text(h, htp_reason_text(k));
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul></div>");
	}

	html_raw(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">"
		    "<h2 class=\"govuk-heading-m\">Profile</h2><dl class=\"govuk-summary-list raa-summary\" data-testid=\"profile\">");
	summary_row(h, "Partner", page_partner_name(p, c->partner));
	summary_row(h, "LA child id", c->la_child_id);
	summary_row(h, "Sex", c->sex == 'M' ? "Male" : c->sex == 'F' ? "Female" : c->sex == 'U' ? "Not known" : NULL);
	summary_row_open(h, "Date of birth");
	html_date(h, c->dob);
	if (c->dob != DAY_NONE && c->dob <= r->today) {
		int m = date_whole_months(c->dob, r->today);
		html_textf(h, " (%d year%s %d month%s)", m / 12, m / 12 == 1 ? "" : "s", m % 12,
			   m % 12 == 1 ? "" : "s");
	}
	html_raw(h, "</dd></div>");
	summary_row(h, "Ethnicity (SSDA903 code)", c->ethnicity);
	summary_row_open(h, "Sibling group");
	if (c->sibling_group)
		html_textf(h, "%s (%d child%s)", c->sibling_group, sc->sibling_group_size,
			   sc->sibling_group_size == 1 ? "" : "ren");
	else
		html_text(h, "None");
	html_raw(h, "</dd></div>");
	summary_row(h, "Planned contact", label_contact(c->contact));
	summary_row(h, "Birth family postcode district", c->birth_postcode_district);
	summary_row(h, "Early permanence", c->early_permanence ? "Suitable" : "Not identified as suitable");
	summary_row_date(h, "Profile last updated", c->profile_updated);
	html_raw(h, "</dl></div><div class=\"govuk-grid-column-one-half\">");
	needs_table(h, c->needs, "Needs", "Level");
	html_raw(h, "</div></div>");
	clocks_section(p, r, &sc->j, c->profile_updated);
	html_raw(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">");
	journey_section(p, &sc->j, !user_role_is_la(p->who.role));
	html_raw(h, "</div><div class=\"govuk-grid-column-one-half\">");
	if (auth_writes(p->who.role, REC_CHILD))
		event_form(p, REC_CHILD, c->id, in, errs);
	html_raw(h, "</div></div>");
	access_history(p, c->id);
}

/* ---- household ------------------------------------------------------------ */

static const char *const CHECKS[] = { "dbs", "medical", "reference", "la" };
static const char *const CHECK_LABELS[] = { "DBS check", "Medical", "References",
					    "Local authority check" };

static bool names_check(const struct event_rec *e, const char *check)
{
	if (!e->detail)
		return false;
	size_t n = strlen(check);
	return strncasecmp(e->detail, check, n) == 0 &&
	       (e->detail[n] == '\0' || e->detail[n] == ' ' || e->detail[n] == ':' || e->detail[n] == ',');
}

static void checks_section(struct page *p, const struct journey *j)
{
	struct html *h = &p->h;
	html_raw(h, "<table class=\"govuk-table raa-table\" data-testid=\"checks\">"
		    "<caption class=\"govuk-table__caption govuk-table__caption--m\">Checks</caption>"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Check</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Requested</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Received</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t c = 0; c < sizeof CHECKS / sizeof CHECKS[0]; c++) {
		const struct event_rec *req = NULL, *got = NULL;
		for (size_t i = 0; i < j->n; i++) {
			const struct event_rec *e = j->ev[i];
			if (journey_superseded(j, e) || !names_check(e, CHECKS[c]))
				continue;
			if (e->kind == EV_CHECK_REQUESTED) {
				req = e;
				got = NULL;
			} else if (e->kind == EV_CHECK_RECEIVED) {
				got = e;
			}
		}
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-check", CHECKS[c]);
		html_raw(h, "><th scope=\"row\" class=\"govuk-table__header\">");
		html_text(h, CHECK_LABELS[c]);
		html_raw(h, "</th><td class=\"govuk-table__cell\">");
		if (req)
			html_date(h, req->date);
		else
			html_text(h, "Not requested");
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		if (got)
			html_date(h, got->date);
		else if (req)
			html_raw(h, "<strong class=\"govuk-tag govuk-tag--yellow\">Outstanding</strong>");
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void adopter_body(struct page *p, const struct page_reading *r, const struct snap_adopter *sa,
			 const struct event_input *in, const struct form_errors *errs)
{
	const struct adopter_rec *a = &sa->rec;
	struct html *h = &p->h;
	const char *name = a->name ? a->name : a->id;
	int st = journey_status(&sa->j, r->today);
	bool la = user_role_is_la(p->who.role);
	breadcrumbs(p, REC_ADOPTER, name);
	if (in->added)
		success_banner(p, in->added);
	page_error_summary(p, errs);
	html_raw(h, "<span class=\"govuk-caption-l\">Adopter household ");
	html_text(h, a->id);
	html_raw(h, "</span><h1 class=\"govuk-heading-l raa-record-title\">");
	html_text(h, name);
	html_raw(h, " ");
	page_status_tag(p, REC_ADOPTER, st);
	html_raw(h, "</h1><div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">"
		    "<h2 class=\"govuk-heading-m\">Household</h2><dl class=\"govuk-summary-list raa-summary\" data-testid=\"profile\">");
	summary_row(h, "Partner area", page_partner_name(p, a->partner));
	summary_row(h, "Applicants", a->applicants == 2 ? "Two" : a->applicants == 1 ? "One" : NULL);
	/* Where a household lives never reaches LA users (records.md). */
	if (!la)
		summary_row(h, "Postcode district", a->postcode_district);
	summary_row(h, "Applicant 1 ethnicity (SSDA903 code)", a->ethnicity);
	const struct event_rec *ap = journey_last(&sa->j, EV_APPROVED, r->today);
	summary_row_date(h, "Approved", ap ? ap->date : DAY_NONE);
	html_raw(h, "</dl><h2 class=\"govuk-heading-m\">Approval</h2><dl class=\"govuk-summary-list raa-summary\" data-testid=\"approval\">");
	summary_row_open(h, "Age range");
	if (a->min_age_months >= 0 && a->max_age_months >= 0)
		html_textf(h, "%d to %d months", a->min_age_months, a->max_age_months);
	else
		html_text(h, "Not recorded");
	html_raw(h, "</dd></div>");
	summary_row_open(h, "Number of children");
	if (a->max_children > 0)
		html_textf(h, "Up to %d", a->max_children);
	else
		html_text(h, "Not recorded");
	html_raw(h, "</dd></div>");
	summary_row(h, "Most contact they can support", label_contact(a->contact));
	summary_row(h, "Early permanence", a->early_permanence == 1 ? "Approved" : a->early_permanence == 0 ? "Not approved" : NULL);
	html_raw(h, "</dl></div><div class=\"govuk-grid-column-one-half\">");
	needs_table(h, a->needs, "Needs they are approved for", "Highest level");
	checks_section(p, &sa->j);
	html_raw(h, "</div></div>");
	clocks_section(p, r, &sa->j, DAY_NONE);
	html_raw(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">");
	journey_section(p, &sa->j, false);
	html_raw(h, "</div><div class=\"govuk-grid-column-one-half\">");
	if (auth_writes(p->who.role, REC_ADOPTER))
		event_form(p, REC_ADOPTER, a->id, in, errs);
	html_raw(h, "</div></div>");
	access_history(p, a->id);
}

/* ---- access history (managers) -------------------------------------------- */

static int access_row(void *ctx, const struct audit_rec *a)
{
	struct page *p = ctx;
	struct html *h = &p->h;
	html_raw(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
	html_text(h, a->at);
	html_raw(h, "</td><td class=\"govuk-table__cell\">");
	html_text(h, a->actor);
	html_raw(h, "</td><td class=\"govuk-table__cell\">");
	html_text(h, a->action);
	html_raw(h, "</td></tr>");
	return 0;
}

/* Records show their own access history to managers (issue #3). */
static void access_history(struct page *p, const char *id)
{
	if (strcmp(p->who.role, "manager") != 0)
		return;
	struct html *h = &p->h;
	html_raw(h, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
		    "<span class=\"govuk-details__summary-text\">Access history</span></summary>"
		    "<div class=\"govuk-details__text\"><table class=\"govuk-table raa-table\">"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Recent access to this record, newest first</caption>"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">When (UTC)</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Who</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">What</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	struct raa_err err;
	store_audit_list_record(p->store, id, ACCESS_ROWS, access_row, p, &err);
	html_raw(h, "</tbody></table></div></details>");
}

/* ---- rendering and posting ------------------------------------------------ */

static void render_record(struct page *p, enum record_type type, const char *id,
			  const struct event_input *in, const struct form_errors *errs, int status)
{
	struct page_reading r;
	struct raa_err err;
	int rc = record_id_valid(id) ? page_reading_open(p, id, &r, &err) : RAA_ENOTFOUND;
	if (rc == RAA_ENOTFOUND) {
		page_not_found(p);
		return;
	}
	if (rc < 0) {
		page_unavailable(p);
		return;
	}
	const struct snap_child *c = type == REC_CHILD ? snapshot_child(&r.snap, id) : NULL;
	const struct snap_adopter *a = type == REC_ADOPTER ? snapshot_adopter(&r.snap, id) : NULL;
	if (!c && !a) {
		/* Out of scope and missing look the same: nobody can probe ids. */
		page_reading_close(&r);
		page_not_found(p);
		return;
	}
	const char *title = c ? arena_printf(&p->req->arena, "%s %s (%s)", c->rec.first_name ? c->rec.first_name : "",
					     c->rec.last_name ? c->rec.last_name : "", c->rec.id)
			      : arena_printf(&p->req->arena, "%s (%s)", a->rec.name ? a->rec.name : "", a->rec.id);
	page_begin(p, title, type == REC_CHILD ? NAV_CHILDREN : NAV_ADOPTERS, errs ? errs->n : 0);
	if (c)
		child_body(p, &r, c, in, errs);
	else
		adopter_body(p, &r, a, in, errs);
	/* Matching (page_match.c): pool readers, and LA staff for their own children. */
	if (auth_sees_pool(p->who.role) || (c && user_role_is_la(p->who.role))) {
		html_raw(&p->h, "<h2 class=\"govuk-heading-m\">Matching</h2><p class=\"govuk-body\"><a class=\"govuk-link\" data-testid=\"matching-link\"");
		html_attrf(&p->h, "href", "/%s/%s/matching", c ? "children" : "adopters",
			   html_url_encode(&p->req->arena, id));
		html_raw(&p->h, c ? ">Matching: candidate households for this child</a></p>"
				  : ">Matching: waiting children this household could meet</a></p>");
	}
	page_end(p, status);
	web_audit(p->app, p->who.email, type == REC_CHILD ? "read_child" : "read_adopter", id, NULL,
		  p->req->client_ip);
	page_reading_close(&r);
}

void page_child(struct page *p, const char *id)
{
	struct event_input in = { "", "", "", "", "", "", http_query(p->req, "added") };
	render_record(p, REC_CHILD, id, &in, NULL, 200);
}

void page_adopter(struct page *p, const char *id)
{
	struct event_input in = { "", "", "", "", "", "", http_query(p->req, "added") };
	render_record(p, REC_ADOPTER, id, &in, NULL, 200);
}

/* The date from its three boxes; DAY_NONE with an error added otherwise. */
static raa_day read_date(const struct event_input *in, raa_day today, struct form_errors *errs)
{
	if (!*in->day && !*in->month && !*in->year) {
		form_error_add(errs, "date", "date-day", "Enter the date of the event");
		return DAY_NONE;
	}
	long d, m, y;
	if (str_to_int(in->day, 1, 31, &d) < 0 || str_to_int(in->month, 1, 12, &m) < 0 ||
	    str_to_int(in->year, 1900, 2199, &y) < 0 || !date_valid_ymd((int)y, (int)m, (int)d)) {
		form_error_add(errs, "date", "date-day", "Date of the event must be a real date, for example 4 3 2024");
		return DAY_NONE;
	}
	raa_day day = date_from_ymd((int)y, (int)m, (int)d);
	if (day > today) {
		form_error_add(errs, "date", "date-day", "Date of the event must be today or in the past");
		return DAY_NONE;
	}
	return day;
}

/* The checks a form can make before the journey is consulted. */
static void validate_event(const struct page *p, enum record_type type, const struct event_input *in,
			   struct event_rec *e, raa_day today, struct form_errors *errs)
{
	e->kind = *in->kind ? event_kind_parse(in->kind) : EV_NONE;
	if (!*in->kind)
		form_error_add(errs, "kind", "kind", "Select the event");
	else if (e->kind == EV_NONE || !event_kind_allowed(e->kind, type))
		form_error_add(errs, "kind", "kind", "Select an event from the list");
	else if (!auth_may_record_kind(p->who.role, type, e->kind))
		form_error_add(errs, "kind", "kind",
			       type == REC_CHILD ? "Only the LA's agency decision maker can record this decision"
						 : "Only the RAA's agency decision maker can record this decision");
	e->date = read_date(in, today, errs);
	if (type == REC_CHILD && e->kind != EV_NONE && event_kind_allowed(e->kind, type)) {
		bool names = event_kind_names_adopter(e->kind);
		if (names && !*in->adopter)
			form_error_add(errs, "adopter", "adopter", "Enter the household this event names, for example A17");
		else if (!names && *in->adopter)
			form_error_add(errs, "adopter", "adopter", "Leave the household blank: this event does not name one");
		else if (*in->adopter && !record_id_valid(in->adopter))
			form_error_add(errs, "adopter", "adopter", "Household must be an RAA id such as A17");
	}
	if (strlen(in->detail) > DETAIL_MAX)
		form_error_add(errs, "detail", "detail", "Details must be 2000 characters or fewer");
}

/* Which field a refusal from the journal is about. */
static const char *refusal_field(const char *msg, enum record_type type)
{
	if (strstr(msg, "date is") || strstr(msg, "date of birth"))
		return "date";
	if (type == REC_CHILD && (strstr(msg, "adopter '") || strstr(msg, "household")))
		return "adopter";
	return "kind";
}

void page_record_event_post(struct page *p, enum record_type type, const char *id)
{
	if (!auth_writes(p->who.role, type)) {
		page_forbidden(p, type == REC_CHILD ? "Your role cannot record events on a child's journey."
						    : "Your role cannot record events on a household's journey.");
		return;
	}
	struct event_input in = {
		form_get(&p->form, "kind"), form_get(&p->form, "date-day"),
		form_get(&p->form, "date-month"), form_get(&p->form, "date-year"),
		type == REC_CHILD ? form_get(&p->form, "adopter") : "", form_get(&p->form, "detail"), NULL
	};
	struct store_scope sc;
	api_scope(&p->who, &sc);
	struct raa_err err;
	/* The record must be visible and of the type the URL says. */
	if (!record_id_valid(id) || store_record_type(p->store, &sc, id, &err) != (int)type) {
		page_not_found(p);
		return;
	}
	raa_day today = date_today();
	struct event_rec e = { .record = id, .adopter = *in.adopter ? in.adopter : NULL,
			       .detail = *in.detail ? in.detail : NULL };
	struct form_errors errs = { 0 };
	validate_event(p, type, &in, &e, today, &errs);
	if (errs.n == 0) {
		enum journal_outcome outcome = JOURNAL_RECORDED;
		int rc = store_begin(p->store, &err);
		if (rc == 0)
			rc = journal_append(p->store, &sc, &e, today, &outcome, NULL, &err);
		if (rc == 0)
			rc = store_commit(p->store, &err);
		if (rc < 0) {
			store_rollback(p->store);
			if (err.code != RAA_EINVAL) {
				page_unavailable(p);
				p->resp->status = 500;
				return;
			}
			const char *field = refusal_field(err.msg, type);
			form_error_add(&errs, field, strcmp(field, "date") == 0 ? "date-day" : field,
				       arena_strdup(&p->req->arena, err.msg));
		}
	}
	if (errs.n) {
		render_record(p, type, id, &in, &errs, 422);
		return;
	}
	web_audit(p->app, p->who.email, type == REC_CHILD ? "write_child" : "write_adopter", id, in.kind,
		  p->req->client_ip);
	page_redirect(p, arena_printf(&p->req->arena, "/%s/%s?added=%s",
				      type == REC_CHILD ? "children" : "adopters",
				      html_url_encode(&p->req->arena, id), html_url_encode(&p->req->arena, in.kind)));
}
