/* Searchable, filterable lists of children and households. */
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/htp.h"
#include "service/users.h"
#include "web/api.h"
#include "web/page_kit.h"

#define LIST_PAGE_SIZE 50
#define LIST_Q_MAX 100

struct list_query {
	const char *q, *status, *partner;
	long page;
	int status_code; /* parsed status, or -1 for any */
};

static const char *query_or_empty(struct http_req *req, const char *name, size_t max)
{
	const char *v = http_query(req, name);
	if (!v)
		return "";
	return strlen(v) > max ? arena_strndup(&req->arena, v, max) : v;
}

static void read_query(struct page *p, enum record_type type, struct list_query *lq)
{
	lq->q = query_or_empty(p->req, "q", LIST_Q_MAX);
	lq->status = query_or_empty(p->req, "status", 20);
	lq->partner = user_role_is_la(p->who.role) ? "" : query_or_empty(p->req, "partner", 8);
	lq->status_code = !*lq->status ? -1
			  : type == REC_CHILD ? child_status_parse(lq->status)
					      : adopter_status_parse(lq->status);
	long page = 1;
	const char *ps = http_query(p->req, "page");
	if (ps && str_to_int(ps, 1, 100000, &page) < 0)
		page = 1;
	lq->page = page;
}

static void filter_form(struct page *p, enum record_type type, const struct list_query *lq)
{
	struct html *h = &p->h;
	bool child = type == REC_CHILD;
	html_raw(h, "<form method=\"get\" class=\"raa-filters\" role=\"search\"");
	html_attr(h, "action", child ? "/children" : "/adopters");
	html_raw(h, "><div class=\"govuk-form-group raa-filters__item raa-filters__item--wide\">"
		    "<label class=\"govuk-label govuk-label--s\" for=\"q\">Search</label>"
		    "<div class=\"govuk-hint\" id=\"q-hint\">");
	html_text(h, child ? "Name, RAA id or LA child id" : "Household name or id");
	html_raw(h, "</div><input class=\"govuk-input\" id=\"q\" name=\"q\" type=\"search\" aria-describedby=\"q-hint\"");
	html_attr(h, "value", lq->q);
	html_raw(h, "></div><div class=\"govuk-form-group raa-filters__item\">"
		    "<label class=\"govuk-label govuk-label--s\" for=\"status\">Status</label>"
		    "<select class=\"govuk-select\" id=\"status\" name=\"status\">");
	page_select_option(h, "", "Any status", lq->status_code < 0);
	int n = child ? CS_COUNT : AS_COUNT;
	for (int st = 0; st < n; st++)
		page_select_option(h, child ? child_status_name(st) : adopter_status_name(st),
				   child ? label_child_status(st) : label_adopter_status(st),
				   lq->status_code == st);
	html_raw(h, "</select></div>");
	if (!user_role_is_la(p->who.role)) {
		html_raw(h, "<div class=\"govuk-form-group raa-filters__item\">"
			    "<label class=\"govuk-label govuk-label--s\" for=\"partner\">Partner</label>"
			    "<select class=\"govuk-select\" id=\"partner\" name=\"partner\">");
		page_select_option(h, "", "All partners", !*lq->partner);
		page_partner_name(p, NULL);
		for (int i = 0; i < p->npartners; i++)
			page_select_option(h, p->partners[i].code, p->partners[i].name,
					   strcmp(lq->partner, p->partners[i].code) == 0);
		html_raw(h, "</select></div>");
	}
	html_raw(h, "<div class=\"govuk-form-group raa-filters__item raa-filters__actions\">"
		    "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Apply filters</button>"
		    "</div></form>");
}

static const char *page_href(struct page *p, enum record_type type, const struct list_query *lq,
			     long page)
{
	struct arena *a = &p->req->arena;
	return arena_printf(a, "/%s?q=%s&status=%s&partner=%s&page=%ld",
			    type == REC_CHILD ? "children" : "adopters", html_url_encode(a, lq->q),
			    html_url_encode(a, lq->status), html_url_encode(a, lq->partner), page);
}

static void pagination(struct page *p, enum record_type type, const struct list_query *lq,
		       size_t total)
{
	long pages = (long)((total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE);
	if (pages <= 1)
		return;
	struct html *h = &p->h;
	html_raw(h, "<nav class=\"govuk-pagination\" aria-label=\"Pages\">");
	if (lq->page > 1) {
		html_raw(h, "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" rel=\"prev\"");
		html_attr(h, "href", page_href(p, type, lq, lq->page - 1));
		html_raw(h, "><span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
	}
	html_raw(h, "<ul class=\"govuk-pagination__list\">");
	for (long i = 1; i <= pages; i++) {
		bool near = i == 1 || i == pages || (i >= lq->page - 2 && i <= lq->page + 2);
		if (!near) {
			if (i == 2 || i == pages - 1)
				html_raw(h, "<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>");
			continue;
		}
		html_raw(h, i == lq->page ? "<li class=\"govuk-pagination__item govuk-pagination__item--current\">"
					  : "<li class=\"govuk-pagination__item\">");
		html_raw(h, "<a class=\"govuk-link govuk-pagination__link\"");
		html_attr(h, "href", page_href(p, type, lq, i));
		html_attrf(h, "aria-label", "Page %ld", i);
		if (i == lq->page)
			html_raw(h, " aria-current=\"page\"");
		html_raw(h, ">");
		html_textf(h, "%ld", i);
		html_raw(h, "</a></li>");
	}
	html_raw(h, "</ul>");
	if (lq->page < pages) {
		html_raw(h, "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" rel=\"next\"");
		html_attr(h, "href", page_href(p, type, lq, lq->page + 1));
		html_raw(h, "><span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
	}
	html_raw(h, "</nav>");
}

static bool child_matches(const struct snap_child *c, const struct list_query *lq, int status)
{
	if (lq->status_code >= 0 && status != lq->status_code)
		return false;
	if (*lq->partner && strcmp(c->rec.partner, lq->partner) != 0)
		return false;
	if (!*lq->q)
		return true;
	return str_icontains(c->rec.id, lq->q) ||
	       (c->rec.la_child_id && str_icontains(c->rec.la_child_id, lq->q)) ||
	       (c->rec.first_name && str_icontains(c->rec.first_name, lq->q)) ||
	       (c->rec.last_name && str_icontains(c->rec.last_name, lq->q));
}

static void results_heading(struct page *p, size_t total, const char *what)
{
	html_raw(&p->h, "<p class=\"govuk-body\" data-testid=\"result-count\" role=\"status\">");
	html_textf(&p->h, "%zu %s found", total, what);
	html_raw(&p->h, "</p>");
}

static void table_head(struct html *h, const char *const *cols)
{
	html_raw(h, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	for (; *cols; cols++) {
		html_raw(h, "<th scope=\"col\" class=\"govuk-table__header\">");
		html_text(h, *cols);
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
}

static void cell_open(struct html *h)
{
	html_raw(h, "<td class=\"govuk-table__cell\">");
}

void page_children(struct page *p)
{
	struct page_reading r;
	struct raa_err err;
	if (page_reading_open(p, NULL, &r, &err) < 0) {
		page_unavailable(p);
		return;
	}
	struct list_query lq;
	read_query(p, REC_CHILD, &lq);
	struct html *h = &p->h;
	page_begin(p, "Children", NAV_CHILDREN, 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Children</h1>");
	filter_form(p, REC_CHILD, &lq);
	size_t total = 0, first = (size_t)(lq.page - 1) * LIST_PAGE_SIZE;
	for (size_t i = 0; i < r.snap.nchildren; i++)
		total += child_matches(&r.snap.children[i], &lq, journey_status(&r.snap.children[i].j, r.today));
	results_heading(p, total, total == 1 ? "child" : "children");
	if (total) {
		static const char *const cols[] = { "Child", "RAA id", "Partner", "Age", "Status",
						    "Harder to place", NULL };
		html_raw(h, "<table class=\"govuk-table raa-table\" data-testid=\"children\">"
			    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Children</caption>");
		table_head(h, cols);
	}
	for (size_t i = 0, k = 0; i < r.snap.nchildren; i++) {
		const struct snap_child *c = &r.snap.children[i];
		int st = journey_status(&c->j, r.today);
		if (!child_matches(c, &lq, st) || k++ < first || k > first + LIST_PAGE_SIZE)
			continue;
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-record", c->rec.id);
		html_raw(h, "><th scope=\"row\" class=\"govuk-table__header\">");
		page_record_link(p, REC_CHILD, c->rec.id,
				 arena_printf(&p->req->arena, "%s %s", c->rec.first_name ? c->rec.first_name : "",
					      c->rec.last_name ? c->rec.last_name : ""));
		html_raw(h, "</th>");
		cell_open(h);
		html_text(h, c->rec.id);
		html_raw(h, "</td>");
		cell_open(h);
		html_text(h, page_partner_name(p, c->rec.partner));
		html_raw(h, "</td>");
		cell_open(h);
		if (c->rec.dob != DAY_NONE && c->rec.dob <= r.today) {
			int m = date_whole_months(c->rec.dob, r.today);
			if (m < 24)
				html_textf(h, "%d month%s", m, m == 1 ? "" : "s");
			else
				html_textf(h, "%d years", m / 12);
		}
		html_raw(h, "</td>");
		cell_open(h);
		page_status_tag(p, REC_CHILD, st);
		html_raw(h, "</td>");
		cell_open(h);
		unsigned htp = htp_reasons(&c->rec, &c->j, c->sibling_group_size, r.today);
		int nr = 0;
		for (int b = 0; b < HTP_REASON_COUNT; b++)
			nr += (htp >> b) & 1;
		if (nr)
			html_textf(h, "Yes (%d reason%s)", nr, nr == 1 ? "" : "s");
		else
			html_text(h, "No");
		html_raw(h, "</td></tr>");
	}
	if (total)
		html_raw(h, "</tbody></table>");
	pagination(p, REC_CHILD, &lq, total);
	page_end(p, 200);
	web_audit(p->app, p->who.email, "list_children", NULL, NULL, p->req->client_ip);
	page_reading_close(&r);
}

static bool adopter_matches(const struct snap_adopter *a, const struct list_query *lq, int status,
			    bool la)
{
	if (lq->status_code >= 0 && status != lq->status_code)
		return false;
	if (*lq->partner && strcmp(a->rec.partner, lq->partner) != 0)
		return false;
	if (!*lq->q)
		return true;
	/* LA users cannot find a household by where it lives. */
	return str_icontains(a->rec.id, lq->q) || (a->rec.name && str_icontains(a->rec.name, lq->q)) ||
	       (!la && a->rec.postcode_district && str_icontains(a->rec.postcode_district, lq->q));
}

void page_adopters(struct page *p)
{
	struct page_reading r;
	struct raa_err err;
	if (page_reading_open(p, NULL, &r, &err) < 0) {
		page_unavailable(p);
		return;
	}
	struct list_query lq;
	read_query(p, REC_ADOPTER, &lq);
	bool la = user_role_is_la(p->who.role);
	struct html *h = &p->h;
	page_begin(p, "Adopter households", NAV_ADOPTERS, 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Adopter households</h1>");
	filter_form(p, REC_ADOPTER, &lq);
	size_t total = 0, first = (size_t)(lq.page - 1) * LIST_PAGE_SIZE;
	for (size_t i = 0; i < r.snap.nadopters; i++)
		total += adopter_matches(&r.snap.adopters[i], &lq, journey_status(&r.snap.adopters[i].j, r.today), la);
	results_heading(p, total, total == 1 ? "household" : "households");
	if (total) {
		static const char *const cols[] = { "Household", "RAA id", "Partner area", "Applicants",
						    "Status", "Approved", NULL };
		html_raw(h, "<table class=\"govuk-table raa-table\" data-testid=\"adopters\">"
			    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Adopter households</caption>");
		table_head(h, cols);
	}
	for (size_t i = 0, k = 0; i < r.snap.nadopters; i++) {
		const struct snap_adopter *a = &r.snap.adopters[i];
		int st = journey_status(&a->j, r.today);
		if (!adopter_matches(a, &lq, st, la) || k++ < first || k > first + LIST_PAGE_SIZE)
			continue;
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-record", a->rec.id);
		html_raw(h, "><th scope=\"row\" class=\"govuk-table__header\">");
		page_record_link(p, REC_ADOPTER, a->rec.id, a->rec.name ? a->rec.name : a->rec.id);
		html_raw(h, "</th>");
		cell_open(h);
		html_text(h, a->rec.id);
		html_raw(h, "</td>");
		cell_open(h);
		html_text(h, page_partner_name(p, a->rec.partner));
		html_raw(h, "</td>");
		cell_open(h);
		if (a->rec.applicants > 0)
			html_textf(h, "%d", a->rec.applicants);
		html_raw(h, "</td>");
		cell_open(h);
		page_status_tag(p, REC_ADOPTER, st);
		html_raw(h, "</td>");
		cell_open(h);
		const struct event_rec *ap = journey_last(&a->j, EV_APPROVED, r.today);
		if (ap)
			html_date(h, ap->date);
		html_raw(h, "</td></tr>");
	}
	if (total)
		html_raw(h, "</tbody></table>");
	pagination(p, REC_ADOPTER, &lq, total);
	page_end(p, 200);
	web_audit(p->app, p->who.email, "list_adopters", NULL, NULL, p->req->client_ip);
	page_reading_close(&r);
}
