/* The tracking dashboard: what needs doing now, in the caller's scope. The
 * board sees counts only; the administrator sees the admin tasks. */
#include <stdlib.h>
#include <string.h>

#include "domain/htp.h"
#include "service/clocklist.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

#define DUE_SOON_DAYS 14
#define CLOCK_ROWS_MAX 50
#define WAITING_ROWS_MAX 25

struct waiting {
	const struct snap_child *c;
	raa_day since;
	unsigned htp;
};

static int waiting_cmp(const void *a, const void *b)
{
	const struct waiting *x = a, *y = b;
	bool hx = x->htp != 0, hy = y->htp != 0;
	if (hx != hy)
		return hx ? -1 : 1;
	if (x->since != y->since)
		return x->since < y->since ? -1 : 1;
	return strcmp(x->c->rec.id, y->c->rec.id);
}

static void summary_card(struct page *p, const char *id, const char *label, size_t n,
			 const char *href, bool alert)
{
	struct html *h = &p->h;
	html_raw(h, "<div class=\"govuk-grid-column-one-quarter\"><div");
	html_attr(h, "class", alert && n ? "raa-card raa-card--alert" : "raa-card");
	html_attr(h, "data-testid", id);
	html_raw(h, "><p class=\"raa-card__number\">");
	html_textf(h, "%zu", n);
	html_raw(h, "</p><p class=\"raa-card__label\">");
	if (href) {
		html_raw(h, "<a class=\"govuk-link raa-card__link\"");
		html_attr(h, "href", href);
		html_raw(h, ">");
		html_text(h, label);
		html_raw(h, "</a>");
	} else {
		html_text(h, label);
	}
	html_raw(h, "</p></div></div>");
}

static const char *record_name(const struct page_reading *r, const struct clock_row *row)
{
	if (row->type == REC_CHILD) {
		const struct snap_child *c = snapshot_child(&r->snap, row->record);
		if (c && (c->rec.first_name || c->rec.last_name))
			return c->rec.first_name ? c->rec.first_name : c->rec.last_name;
	} else {
		const struct snap_adopter *a = snapshot_adopter(&r->snap, row->record);
		if (a && a->rec.name)
			return a->rec.name;
	}
	return NULL;
}

static void clock_table(struct page *p, const struct page_reading *r, const struct clock_row *rows,
			size_t n, size_t total, bool overdue, const char *id, const char *caption)
{
	struct html *h = &p->h;
	if (n == 0) {
		html_raw(h, "<p class=\"govuk-body\"");
		html_attr(h, "data-testid", id);
		html_raw(h, ">");
		html_text(h, overdue ? "No clocks are overdue." : "No clocks fall due in the next 14 days.");
		html_raw(h, "</p>");
		return;
	}
	html_raw(h, "<table class=\"govuk-table raa-table\"");
	html_attr(h, "data-testid", id);
	html_raw(h, "><caption class=\"govuk-table__caption govuk-table__caption--s govuk-visually-hidden\">");
	html_text(h, caption);
	html_raw(h, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Record</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Clock</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Partner</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Started</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Due</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">");
	html_text(h, overdue ? "Overdue" : "Due in");
	html_raw(h, "</th></tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct clock_row *row = &rows[i];
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-record", row->record);
		html_attr(h, "data-clock", clock_kind_name(row->c.kind));
		html_raw(h, "><th scope=\"row\" class=\"govuk-table__header\">");
		const char *name = record_name(r, row);
		page_record_link(p, row->type, row->record,
				 name ? arena_printf(&p->req->arena, "%s (%s)", name, row->record) : row->record);
		html_raw(h, "</th><td class=\"govuk-table__cell\">");
		html_text(h, label_clock(row->c.kind));
		if (row->c.information)
			html_raw(h, " <span class=\"govuk-hint raa-inline\">(for information)</span>");
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		html_text(h, page_partner_name(p, row->partner));
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		html_date(h, row->c.started);
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		html_date(h, row->c.due);
		html_raw(h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		if (overdue) {
			html_raw(h, "<strong class=\"govuk-tag govuk-tag--red\">");
			html_textf(h, "%d day%s", row->c.overdue_days, row->c.overdue_days == 1 ? "" : "s");
			html_raw(h, "</strong>");
		} else {
			int d = row->c.due - r->today;
			html_raw(h, "<strong class=\"govuk-tag govuk-tag--yellow\">");
			if (d == 0)
				html_text(h, "today");
			else
				html_textf(h, "%d day%s", d, d == 1 ? "" : "s");
			html_raw(h, "</strong>");
		}
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
	if (total > n) {
		html_raw(h, "<p class=\"govuk-body-s\">");
		html_textf(h, "Showing the first %zu of %zu.", n, total);
		html_raw(h, "</p>");
	}
}

static void waiting_table(struct page *p, const struct page_reading *r, struct waiting *w, size_t n)
{
	struct html *h = &p->h;
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"waiting\">Children waiting longest</h2>"
		    "<p class=\"govuk-body\">Children with a 'should be placed' decision and no link yet. "
		    "Harder-to-place children come first, then the longest wait.</p>");
	if (n == 0) {
		html_raw(h, "<p class=\"govuk-body\">No children are waiting.</p>");
		return;
	}
	html_raw(h, "<table class=\"govuk-table raa-table\" data-testid=\"waiting\">"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Children waiting longest</caption>"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Child</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Partner</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Waiting since</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Days</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Harder to place</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < n && i < WAITING_ROWS_MAX; i++) {
		const struct child_rec *c = &w[i].c->rec;
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-record", c->id);
		html_raw(h, "><th scope=\"row\" class=\"govuk-table__header\">");
		page_record_link(p, REC_CHILD, c->id,
				 arena_printf(&p->req->arena, "%s %s (%s)", c->first_name ? c->first_name : "",
					      c->last_name ? c->last_name : "", c->id));
		html_raw(h, "</th><td class=\"govuk-table__cell\">");
		html_text(h, page_partner_name(p, c->partner));
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		html_date(h, w[i].since);
		html_raw(h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		if (w[i].since != DAY_NONE)
			html_textf(h, "%d", r->today - w[i].since);
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		if (!w[i].htp)
			html_text(h, "No");
		for (int k = 0, first = 1; k < HTP_REASON_COUNT; k++) {
			if (!(w[i].htp & (1u << k)))
				continue;
			html_raw(h, first ? "<strong class=\"govuk-tag govuk-tag--purple raa-tag-sm\">"
					  : " <strong class=\"govuk-tag govuk-tag--purple raa-tag-sm\">");
			html_text(h, label_htp_short(k));
			html_raw(h, "</strong>");
			first = 0;
		}
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void status_counts(struct page *p, const struct page_reading *r, enum record_type type,
			  const char *heading)
{
	int n = type == REC_CHILD ? CS_COUNT : AS_COUNT;
	size_t counts[(int)CS_COUNT + (int)AS_COUNT] = { 0 };
	size_t nrec = type == REC_CHILD ? r->snap.nchildren : r->snap.nadopters;
	for (size_t i = 0; i < nrec; i++) {
		const struct journey *j = type == REC_CHILD ? &r->snap.children[i].j : &r->snap.adopters[i].j;
		int st = journey_status(j, r->today);
		if (st >= 0 && st < n)
			counts[st]++;
	}
	struct html *h = &p->h;
	html_raw(h, "<table class=\"govuk-table raa-table\"");
	html_attr(h, "data-testid", type == REC_CHILD ? "children-by-status" : "adopters-by-status");
	html_raw(h, "><caption class=\"govuk-table__caption govuk-table__caption--m\">");
	html_text(h, heading);
	html_raw(h, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Number</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	bool links = auth_reads_cases(p->who.role);
	for (int st = 0; st < n; st++) {
		html_raw(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
		const char *label = type == REC_CHILD ? label_child_status(st) : label_adopter_status(st);
		if (links && counts[st]) {
			html_raw(h, "<a class=\"govuk-link\"");
			html_attrf(h, "href", "/%s?status=%s", type == REC_CHILD ? "children" : "adopters",
				   type == REC_CHILD ? child_status_name(st) : adopter_status_name(st));
			html_raw(h, ">");
			html_text(h, label);
			html_raw(h, "</a>");
		} else {
			html_text(h, label);
		}
		html_raw(h, "</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_textf(h, "%zu", counts[st]);
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void scope_caption(struct page *p, const struct page_reading *r)
{
	char today[HTML_DATE_MAX];
	html_date_long(r->today, today);
	html_raw(&p->h, "<span class=\"govuk-caption-l\">");
	if (p->who.partner[0])
		html_text(&p->h, page_partner_name(p, p->who.partner));
	else
		html_text(&p->h, "All partners");
	html_text(&p->h, ", ");
	html_text(&p->h, today);
	html_raw(&p->h, "</span>");
}

/* Board members: aggregates only, no names and no ids. */
static void board_page(struct page *p, const struct page_reading *r)
{
	struct clock_list list;
	clocklist_build(&r->snap, &r->cs, r->cal, r->today, true, &list);
	size_t by_kind[CLOCK_COUNT] = { 0 };
	for (size_t i = 0; i < list.n; i++)
		if (list.rows[i].c.kind >= 0 && list.rows[i].c.kind < CLOCK_COUNT)
			by_kind[list.rows[i].c.kind]++;
	struct html *h = &p->h;
	page_begin(p, "Overview", NAV_HOME, 0);
	scope_caption(p, r);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Overview</h1>"
		    "<p class=\"govuk-body\">Figures for the whole region. Board members see totals only; "
		    "the full performance dashboard will follow.</p><div class=\"govuk-grid-row\">"
		    "<div class=\"govuk-grid-column-one-half\">");
	status_counts(p, r, REC_CHILD, "Children by status");
	html_raw(h, "</div><div class=\"govuk-grid-column-one-half\">");
	status_counts(p, r, REC_ADOPTER, "Adopter households by status");
	html_raw(h, "</div></div><table class=\"govuk-table raa-table\" data-testid=\"overdue-by-clock\">"
		    "<caption class=\"govuk-table__caption govuk-table__caption--m\">Overdue clocks</caption>"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Clock</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Overdue</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	for (int k = 0; k < CLOCK_COUNT; k++) {
		html_raw(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
		html_text(h, label_clock(k));
		html_raw(h, "</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_textf(h, "%zu", by_kind[k]);
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
	clocklist_free(&list);
	page_end(p, 200);
}

static void admin_page(struct page *p)
{
	page_begin(p, "Administration", NAV_HOME, 0);
	html_raw(&p->h, "<h1 class=\"govuk-heading-l\">Administration</h1>"
			"<p class=\"govuk-body\">Administrators manage accounts, partners and settings. "
			"Case records are not available to this role.</p>"
			"<ul class=\"govuk-list\"><li><a class=\"govuk-link\" href=\"/admin/users\">Manage users</a></li></ul>");
	page_end(p, 200);
}

static void case_page(struct page *p, const struct page_reading *r)
{
	struct clock_list list;
	clocklist_build(&r->snap, &r->cs, r->cal, r->today, false, &list);
	struct clock_row *over = xmalloc((list.n + 1) * sizeof *over);
	struct clock_row *soon = xmalloc((list.n + 1) * sizeof *soon);
	size_t nover = 0, nsoon = 0;
	for (size_t i = 0; i < list.n; i++) {
		const struct clock_row *row = &list.rows[i];
		if (row->c.overdue_days > 0)
			over[nover++] = *row;
		else if (row->c.due >= r->today && row->c.due - r->today <= DUE_SOON_DAYS)
			soon[nsoon++] = *row;
	}
	struct waiting *w = xmalloc((r->snap.nchildren + 1) * sizeof *w);
	size_t nw = 0;
	for (size_t i = 0; i < r->snap.nchildren; i++) {
		const struct snap_child *c = &r->snap.children[i];
		if (journey_status(&c->j, r->today) != CS_WAITING)
			continue;
		const struct event_rec *sbp = journey_last(&c->j, EV_SHOULD_BE_PLACED, r->today);
		w[nw++] = (struct waiting){ c, sbp ? sbp->date : DAY_NONE,
					    htp_reasons(&c->rec, &c->j, c->sibling_group_size, r->today) };
	}
	qsort(w, nw, sizeof *w, waiting_cmp);
	size_t approved = 0;
	for (size_t i = 0; i < r->snap.nadopters; i++)
		approved += journey_status(&r->snap.adopters[i].j, r->today) == AS_APPROVED;

	struct html *h = &p->h;
	page_begin(p, "Tracking dashboard", NAV_HOME, 0);
	scope_caption(p, r);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Tracking dashboard</h1><div class=\"govuk-grid-row raa-cards\">");
	summary_card(p, "count-overdue", "Overdue clocks", nover, "#overdue", true);
	summary_card(p, "count-due-soon", "Due in the next 14 days", nsoon, "#due-soon", false);
	summary_card(p, "count-waiting", "Children waiting", nw, "/children?status=waiting", false);
	summary_card(p, "count-approved", "Households approved and waiting", approved,
		     "/adopters?status=approved", false);
	html_raw(h, "</div><h2 class=\"govuk-heading-m\" id=\"overdue\">Overdue clocks</h2>");
	clock_table(p, r, over, nover < CLOCK_ROWS_MAX ? nover : CLOCK_ROWS_MAX, nover, true,
		    "overdue", "Overdue clocks, most overdue first");
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"due-soon\">Due in the next 14 days</h2>");
	clock_table(p, r, soon, nsoon < CLOCK_ROWS_MAX ? nsoon : CLOCK_ROWS_MAX, nsoon, false,
		    "due-soon", "Clocks due in the next 14 days, soonest first");
	waiting_table(p, r, w, nw);
	html_raw(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">");
	status_counts(p, r, REC_CHILD, "Children by status");
	html_raw(h, "</div><div class=\"govuk-grid-column-one-half\">");
	status_counts(p, r, REC_ADOPTER, "Adopter households by status");
	html_raw(h, "</div></div>");
	page_end(p, 200);
	web_audit(p->app, p->who.email, "view_dashboard", NULL, NULL, p->req->client_ip);
	free(w);
	free(over);
	free(soon);
	clocklist_free(&list);
}

void page_dashboard(struct page *p)
{
	if (auth_is_admin(p->who.role)) {
		admin_page(p);
		return;
	}
	struct page_reading r;
	struct raa_err err;
	if (page_reading_open(p, NULL, &r, &err) < 0) {
		page_unavailable(p);
		return;
	}
	if (auth_reads_cases(p->who.role))
		case_page(p, &r);
	else
		board_page(p, &r);
	page_reading_close(&r);
}
