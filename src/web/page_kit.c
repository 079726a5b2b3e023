#include "web/page_kit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "service/settings.h"
#include "web/api.h"
#include "web/auth.h"

/* ---- forms ---------------------------------------------------------------- */

int form_parse(struct arena *a, const struct buf *body, struct form *out)
{
	out->n = 0;
	const char *s = buf_cstr(body), *end = s + body->len;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(s, '=', (size_t)(stop - s));
		if (stop > s) {
			if (out->n >= FORM_FIELDS_MAX)
				return -1;
			const char *name_end = eq ? eq : stop;
			char *name = html_url_decode(a, s, (size_t)(name_end - s));
			char *value = eq ? html_url_decode(a, eq + 1, (size_t)(stop - eq - 1))
					 : arena_strdup(a, "");
			if (!name || !value)
				return -1;
			out->name[out->n] = name;
			out->value[out->n] = value;
			out->n++;
		}
		s = stop + 1;
	}
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->name[i], name) == 0)
			return f->value[i];
	return "";
}

void form_error_add(struct form_errors *e, const char *field, const char *anchor,
		    const char *msg)
{
	if (e->n < FORM_ERRORS_MAX)
		e->e[e->n++] = (struct form_error){ field, anchor ? anchor : field, msg };
}

const char *form_error_for(const struct form_errors *e, const char *field)
{
	for (int i = 0; e && i < e->n; i++)
		if (strcmp(e->e[i].field, field) == 0)
			return e->e[i].msg;
	return NULL;
}

bool page_csrf_ok(const struct page *p)
{
	const char *t = form_get(&p->form, "csrf");
	return p->signed_in && *t && session_token_equal(t, p->who.csrf);
}

/* ---- words ------------------------------------------------------------------ */

static const char *pick(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "Unknown";
}

#define PICK(table, i) pick(table, (int)(sizeof table / sizeof table[0]), i)

const char *label_clock(int kind)
{
	static const char *const t[] = { "LA checks", "Stage 1", "Notice to proceed", "Stage 2",
					 "ADM decision after panel", "Wider search (child)",
					 "Wider search (household)", "Approval review",
					 "Child's profile update", "Adoption application",
					 "ASF application" };
	return PICK(t, kind);
}

const char *label_event(int kind)
{
	static const char *const t[] = {
		"Entered care", "Early referral", "Should be placed (ADM decision)",
		"Placement order", "Referral to wider search", "Family finder allocated", "Linked",
		"Link ended", "Matching panel", "Match decision (ADM)", "Fostered by adopters",
		"Placed for adoption", "Adoption order", "Plan changed", "Disruption", "Left care",
		"Enquiry", "Information event", "Registration of interest (Stage 1 starts)",
		"Stage 1 decision", "Notice to proceed (Stage 2 starts)", "Check requested",
		"Check received", "PAR complete", "Approval panel", "Approved (ADM decision)",
		"Not approved", "Review", "On hold", "Off hold", "Withdrawn", "Deregistered",
	};
	return PICK(t, kind);
}

const char *label_child_status(int status)
{
	static const char *const t[] = { "Tracking", "Waiting", "Linked", "Matched",
					 "Placed", "Adopted", "Plan changed", "Left" };
	return PICK(t, status);
}

const char *label_adopter_status(int status)
{
	static const char *const t[] = { "Enquiry", "Stage 1", "Stage 2", "Approved", "On hold",
					 "Linked", "Matched", "Placed", "Adopted", "Withdrawn" };
	return PICK(t, status);
}

const char *label_need(int level)
{
	static const char *const t[] = { "None", "Low", "Medium", "High" };
	return level == NEED_UNKNOWN ? "Not known" : PICK(t, level);
}

const char *label_contact(int level)
{
	static const char *const t[] = { "None", "Letterbox", "Direct" };
	return level == CONTACT_UNKNOWN ? "Not known" : PICK(t, level);
}

const char *label_role(const char *role)
{
	static const struct { const char *code, *text; } t[] = {
		{ "la_social_worker", "LA social worker" },
		{ "la_adm", "LA agency decision maker" },
		{ "family_finder", "Family finder" },
		{ "assessment_worker", "Recruitment and assessment worker" },
		{ "panel_adviser", "Panel adviser" },
		{ "raa_adm", "RAA agency decision maker" },
		{ "support_worker", "Adoption support worker" },
		{ "manager", "RAA manager" },
		{ "board", "Board member" },
		{ "admin", "Administrator" },
	};
	for (size_t i = 0; role && i < sizeof t / sizeof t[0]; i++)
		if (strcmp(role, t[i].code) == 0)
			return t[i].text;
	return role ? role : "";
}

const char *label_htp_short(int i)
{
	static const char *const t[] = { "Aged 5 or over", "Sibling group", "Disability",
					 "Ethnicity", "Waited over 18 months" };
	return PICK(t, i);
}

/* ---- layout --------------------------------------------------------------- */

static void nav_item(struct page *p, const char *href, const char *text, bool current)
{
	struct html *h = &p->h;
	html_raw(h, current ? "<li class=\"govuk-service-navigation__item govuk-service-navigation__item--active\">"
			    : "<li class=\"govuk-service-navigation__item\">");
	html_raw(h, "<a class=\"govuk-service-navigation__link\"");
	html_attr(h, "href", href);
	if (current)
		html_raw(h, " aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">");
	else
		html_raw(h, ">");
	html_text(h, text);
	html_raw(h, current ? "</strong></a></li>" : "</a></li>");
}

static void header(struct page *p, enum page_nav nav)
{
	struct html *h = &p->h;
	html_raw(h, "<header class=\"raa-header\"><div class=\"govuk-width-container raa-header__inner\">"
		    "<a href=\"/\" class=\"raa-header__brand\">"
		    "<span class=\"raa-header__mark\" aria-hidden=\"true\"></span>"
		    "Regional Adoption Agency</a>");
	if (p->signed_in) {
		html_raw(h, "<div class=\"raa-header__account\"><span class=\"raa-header__who\">");
		html_text(h, p->who.email);
		html_raw(h, " <span class=\"raa-header__role\">");
		html_text(h, label_role(p->who.role));
		if (p->who.partner[0]) {
			html_text(h, ", ");
			html_text(h, page_partner_name(p, p->who.partner));
		}
		html_raw(h, "</span></span><a class=\"raa-header__link\" href=\"/account/password\" "
			    "data-testid=\"change-password\">Change password</a>"
			    "<form method=\"post\" action=\"/logout\" class=\"raa-header__form\">");
		page_csrf_field(p);
		html_raw(h, "<button type=\"submit\" class=\"raa-header__signout\" data-testid=\"sign-out\">Sign out</button></form></div>");
	}
	html_raw(h, "</div></header>"
		    "<section class=\"govuk-service-navigation\" aria-label=\"Service information\" data-module=\"govuk-service-navigation\">"
		    "<div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">"
		    "<span class=\"govuk-service-navigation__service-name\">"
		    "<a href=\"/\" class=\"govuk-service-navigation__link\">Adoption case tracking</a></span>");
	if (p->signed_in) {
		html_raw(h, "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">"
			    "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">");
		nav_item(p, "/", "Dashboard", nav == NAV_HOME);
		if (auth_reads_cases(p->who.role)) {
			nav_item(p, "/children", "Children", nav == NAV_CHILDREN);
			nav_item(p, "/adopters", "Adopters", nav == NAV_ADOPTERS);
		}
		if (auth_sees_pool(p->who.role))
			nav_item(p, "/matching", "Matching", nav == NAV_MATCHING);
		if (auth_reads_panels(p->who.role))
			nav_item(p, "/panels", "Panels", nav == NAV_PANELS);
		if (auth_sees_performance(p->who.role))
			nav_item(p, "/performance", "Performance", nav == NAV_PERFORMANCE);
		if (auth_reads_cases(p->who.role) || auth_sees_performance(p->who.role))
			nav_item(p, "/reports", "Reports", nav == NAV_REPORTS);
		if (strcmp(p->who.role, "admin") == 0)
			nav_item(p, "/admin/users", "Users", nav == NAV_USERS);
		html_raw(h, "</ul></nav>");
	}
	html_raw(h, "</div></div></section>");
}

void page_begin(struct page *p, const char *title, enum page_nav nav, int errors)
{
	struct html *h = &p->h;
	html_raw(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>");
	if (errors)
		html_text(h, "Error: ");
	html_text(h, title);
	html_raw(h, " \xe2\x80\x93 Adoption case tracking</title>\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
		    "<meta name=\"theme-color\" content=\"#0f3d4c\">\n"
		    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
		    "<link rel=\"stylesheet\" href=\"/static/govuk/govuk-frontend.min.css\">\n"
		    "<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
		    "<script type=\"module\" src=\"/static/app.js\"></script>\n"
		    "</head>\n<body class=\"govuk-template__body\">\n"
		    "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n");
	header(p, nav);
	html_raw(h, "\n<div class=\"govuk-width-container\">\n"
		    "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void page_end(struct page *p, int status)
{
	html_raw(&p->h, "\n</main>\n</div>\n<footer class=\"govuk-footer raa-footer\"><div class=\"govuk-width-container\">"
			"<div class=\"govuk-footer__meta\"><div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">"
			"<p class=\"govuk-body-s raa-footer__text\">Records hold special category personal data. "
			"Every view and change is recorded in the audit trail.</p>"
			"</div></div></div></footer>\n</body>\n</html>\n");
	p->resp->status = status;
	p->resp->content_type = "text/html; charset=utf-8";
}

void page_redirect(struct page *p, const char *location)
{
	buf_reset(&p->resp->body);
	p->resp->status = 303;
	p->resp->content_type = "text/plain; charset=utf-8";
	http_add_header(p->resp, "Location", location);
	buf_puts(&p->resp->body, "See other\n");
}

static void message_page(struct page *p, int status, const char *title, const char *text)
{
	buf_reset(&p->resp->body);
	page_begin(p, title, NAV_NONE, 0);
	html_raw(&p->h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
			"<h1 class=\"govuk-heading-l\">");
	html_text(&p->h, title);
	html_raw(&p->h, "</h1><p class=\"govuk-body\">");
	html_text(&p->h, text);
	html_raw(&p->h, "</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the dashboard</a></p>"
			"</div></div>");
	page_end(p, status);
}

void page_not_found(struct page *p)
{
	message_page(p, 404, "Page not found",
		     "There is no page at this address, or you do not have access to the record. "
		     "Check the address, or find the record from the lists.");
}

void page_forbidden(struct page *p, const char *why)
{
	message_page(p, 403, "You do not have access to this page", why);
}

void page_unavailable(struct page *p)
{
	message_page(p, 503, "Sorry, there is a problem with the service",
		     "The database is not available. Try again later.");
}

void page_error_summary(struct page *p, const struct form_errors *e)
{
	if (!e || e->n == 0)
		return;
	struct html *h = &p->h;
	html_raw(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
		    "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
		    "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">");
	for (int i = 0; i < e->n; i++) {
		html_raw(h, "<li><a");
		html_attrf(h, "href", "#%s", e->e[i].anchor);
		html_raw(h, ">");
		html_text(h, e->e[i].msg);
		html_raw(h, "</a></li>");
	}
	html_raw(h, "</ul></div></div></div>");
}

void page_csrf_field(struct page *p)
{
	html_raw(&p->h, "<input type=\"hidden\" name=\"csrf\"");
	html_attr(&p->h, "value", p->who.csrf);
	html_raw(&p->h, ">");
}

void page_status_tag(struct page *p, enum record_type type, int status)
{
	static const char *const child_colour[] = { "govuk-tag--grey", "govuk-tag--yellow",
						    "govuk-tag--turquoise", "govuk-tag--blue",
						    "govuk-tag--green", "govuk-tag--green",
						    "govuk-tag--grey", "govuk-tag--grey" };
	static const char *const adopter_colour[] = {
		"govuk-tag--grey", "govuk-tag--light-blue", "govuk-tag--light-blue",
		"govuk-tag--green", "govuk-tag--yellow", "govuk-tag--turquoise", "govuk-tag--blue",
		"govuk-tag--green", "govuk-tag--green", "govuk-tag--grey"
	};
	bool child = type == REC_CHILD;
	int n = child ? CS_COUNT : AS_COUNT;
	const char *colour = status >= 0 && status < n
				     ? (child ? child_colour[status] : adopter_colour[status])
				     : "govuk-tag--grey";
	html_raw(&p->h, "<strong");
	html_attrf(&p->h, "class", "govuk-tag %s", colour);
	html_attr(&p->h, "data-status", child ? child_status_name(status) : adopter_status_name(status));
	html_raw(&p->h, ">");
	html_text(&p->h, child ? label_child_status(status) : label_adopter_status(status));
	html_raw(&p->h, "</strong>");
}

void page_record_link(struct page *p, enum record_type type, const char *id, const char *text)
{
	html_raw(&p->h, "<a class=\"govuk-link\"");
	html_attrf(&p->h, "href", "/%s/%s", type == REC_CHILD ? "children" : "adopters",
		   html_url_encode(&p->req->arena, id));
	html_raw(&p->h, ">");
	html_text(&p->h, text ? text : id);
	html_raw(&p->h, "</a>");
}

/* ---- reading records ------------------------------------------------------ */

int page_reading_open(struct page *p, const char *one_id, struct page_reading *r,
		      struct raa_err *err)
{
	memset(r, 0, sizeof *r);
	struct store_scope sc;
	api_scope(&p->who, &sc);
	int rc = one_id ? snapshot_load_record(p->store, &sc, one_id, &r->snap, err)
			: snapshot_load(p->store, &sc, &r->snap, err);
	if (rc < 0) {
		if (rc != RAA_ENOTFOUND)
			log_error("%s %s: %s", p->req->method, p->req->path, err->msg);
		return rc;
	}
	if (web_cached_settings(p->store, &r->cs, &r->cal, err) < 0) {
		log_error("%s %s: %s", p->req->method, p->req->path, err->msg);
		snapshot_free(&r->snap);
		return err->code;
	}
	r->today = date_today();
	return 0;
}

void page_reading_close(struct page_reading *r)
{
	snapshot_free(&r->snap);
}

static int keep_partner(void *ctx, const struct partner_rec *pr)
{
	struct page *p = ctx;
	if (p->npartners >= 64)
		return 0;
	if (!p->partners)
		p->partners = arena_alloc(&p->req->arena, 64 * sizeof *p->partners);
	p->partners[p->npartners++] = (struct partner_rec){
		.code = arena_strdup(&p->req->arena, pr->code),
		.name = arena_strdup(&p->req->arena, pr->name), .host = pr->host,
		.spoke = arena_strdup(&p->req->arena, pr->spoke)
	};
	return 0;
}

const char *page_partner_name(struct page *p, const char *code)
{
	if (!p->partners_loaded) {
		struct raa_err err;
		p->partners_loaded = true;
		store_partner_list(p->store, keep_partner, p, &err);
	}
	for (int i = 0; code && i < p->npartners; i++)
		if (strcmp(p->partners[i].code, code) == 0)
			return p->partners[i].name;
	return code ? code : "";
}

void page_form_group_open(struct page *p, const char *name, const char *label,
			  const char *hint, const char *err)
{
	struct html *h = &p->h;
	html_raw(h, err ? "<div class=\"govuk-form-group govuk-form-group--error\">"
			: "<div class=\"govuk-form-group\">");
	html_raw(h, "<label class=\"govuk-label govuk-label--s\"");
	html_attr(h, "for", name);
	html_raw(h, ">");
	html_text(h, label);
	html_raw(h, "</label>");
	if (hint) {
		html_raw(h, "<div class=\"govuk-hint\"");
		html_attrf(h, "id", "%s-hint", name);
		html_raw(h, ">");
		html_text(h, hint);
		html_raw(h, "</div>");
	}
	if (err) {
		html_raw(h, "<p class=\"govuk-error-message\"");
		html_attrf(h, "id", "%s-error", name);
		html_raw(h, "><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, err);
		html_raw(h, "</p>");
	}
}

void page_select_option(struct html *h, const char *value, const char *text, bool selected)
{
	html_raw(h, "<option");
	html_attr(h, "value", value);
	if (selected)
		html_raw(h, " selected");
	html_raw(h, ">");
	html_text(h, text);
	html_raw(h, "</option>");
}
