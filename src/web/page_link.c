/*
 * page_link: the link workflow's pages (docs/linking.md).
 *
 *   GET  /links                       links in progress: stage, ADM clock
 *   GET  /links/early-permanence      early units beside EP households
 *   GET  /links/{link}                unit, household, timeline, actions
 *   POST /links/{link}/panel|decision|end|placed
 *   POST /children/{id}/links         propose (the matching page's forms)
 *
 * Reads need auth_reads_cases. Who may act is read from the API's route
 * table (api_link.c), so a page never offers what the API would refuse.
 * A failed form shows the page again with the error beside its field.
 */
#include <string.h>

#include "core/str.h"
#include "service/linking.h"
#include "service/panels.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

/* What a failed action shows again: which form, what was typed. */
struct redo {
	const char *action; /* "panel", "decision", "end", "placed", "propose" */
	const char *answer, *reasons, *date, *adopter;
	struct form_errors errs;
};

/* The API's rule for a POST to /api/v1/links/{link}/ACTION. */
static bool may(const struct page *p, const char *action)
{
	char pattern[64];
	snprintf(pattern, sizeof pattern, "/api/v1/links/*/%s", action);
	for (size_t i = 0; i < API_LINK_NROUTES; i++)
		if (strcmp(API_LINK_ROUTES[i].pattern, pattern) == 0)
			return !API_LINK_ROUTES[i].may || API_LINK_ROUTES[i].may(p->who.role);
	return false;
}

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static raa_day jdate(const json_t *o, const char *key)
{
	raa_day d = DAY_NONE;
	if (jstr(o, key))
		date_parse_iso(jstr(o, key), &d);
	return d;
}

static const char *stage_label(const char *stage)
{
	static const char *const labels[][2] = {
		{ "proposed", "Waiting for panel" }, { "recommended", "Waiting for ADM decision" },
		{ "matched", "Matched" }, { "placed", "Placed" }, { "ended", "Ended" },
	};
	for (size_t i = 0; stage && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], stage) == 0)
			return labels[i][1];
	return "";
}

static void children_links(struct page *p, const json_t *kids)
{
	size_t i;
	const json_t *k;
	json_array_foreach(kids, i, k) {
		if (i)
			html_raw(&p->h, ", ");
		page_record_link(p, REC_CHILD, json_string_value(k), json_string_value(k));
	}
}

static void adm_cell(struct page *p, const json_t *o)
{
	struct html *h = &p->h;
	if (!jstr(o, "adm_due"))
		return;
	json_int_t late = json_integer_value(json_object_get(o, "adm_overdue_days"));
	html_raw(h, late ? "<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong> "
			 : "<strong class=\"govuk-tag govuk-tag--blue\">Due</strong> ");
	html_date(h, jdate(o, "adm_due"));
	if (late)
		html_textf(h, " (%lld days overdue)", (long long)late);
}

static void link_anchor(struct page *p, const char *id)
{
	html_raw(&p->h, "<a class=\"govuk-link\"");
	html_attrf(&p->h, "href", "/links/%s", id);
	html_raw(&p->h, ">");
	html_text(&p->h, id);
	html_raw(&p->h, "</a>");
}

/* ---- lists ------------------------------------------------------------ */

static const char TH[] = "<th scope=\"col\" class=\"govuk-table__header\">";
static const char TD[] = "<td class=\"govuk-table__cell\">";

static void table_head(struct page *p, const char *testid, const char *const *cols)
{
	html_raw(&p->h, "<table class=\"govuk-table\"");
	html_attr(&p->h, "data-testid", testid);
	html_raw(&p->h, "><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	for (; *cols; cols++) {
		html_raw(&p->h, TH);
		html_text(&p->h, *cols);
		html_raw(&p->h, "</th>");
	}
	html_raw(&p->h, "</tr></thead><tbody class=\"govuk-table__body\">");
}

/* One cell of text or of a date; the others open TD and close "</td>". */
static void cell_text(struct page *p, const char *text)
{
	html_raw(&p->h, TD);
	html_text(&p->h, text);
	html_raw(&p->h, "</td>");
}

static void cell_date(struct page *p, raa_day d)
{
	html_raw(&p->h, TD);
	html_date(&p->h, d);
	html_raw(&p->h, "</td>");
}

static void link_row(struct page *p, const json_t *o)
{
	html_raw(&p->h, "<tr class=\"govuk-table__row\">");
	html_raw(&p->h, TD);
	link_anchor(p, jstr(o, "link"));
	html_raw(&p->h, "</td>");
	html_raw(&p->h, TD);
	children_links(p, json_object_get(o, "children"));
	html_raw(&p->h, "</td>");
	cell_text(p, jstr(o, "adopter"));
	cell_text(p, stage_label(jstr(o, "stage")));
	cell_date(p, jdate(o, "linked"));
	html_raw(&p->h, TD);
	adm_cell(p, o);
	html_raw(&p->h, "</td></tr>");
}

static void links_page(struct page *p)
{
	static const char *const cols[] = { "Link", "Children", "Household", "Stage", "Linked",
					    "ADM decision", NULL };
	struct store_scope sc;
	struct linking_view v;
	struct raa_err err;
	size_t i;
	const json_t *o;
	api_scope(&p->who, &sc);
	if (linking_view_open(p->store, &sc, date_today(), &v, &err) < 0) {
		page_unavailable(p);
		return;
	}
	json_t *rows = linking_list_json(&v, true, NULL);
	linking_view_close(&v);
	web_audit(p->app, p->who.email, "read_links", NULL, NULL, p->req->client_ip);
	page_begin(p, "Links in progress", NAV_MATCHING, 0);
	html_raw(&p->h, "<h1 class=\"govuk-heading-l\">Links in progress</h1>"
			"<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/links/early-permanence\">"
			"Early permanence: units and households</a></p>");
	if (!json_array_size(rows))
		html_raw(&p->h, "<p class=\"govuk-body\">No links in progress.</p>");
	else
		table_head(p, "links", cols);
	json_array_foreach(rows, i, o)
		link_row(p, o);
	if (json_array_size(rows))
		html_raw(&p->h, "</tbody></table>");
	json_decref(rows);
	page_end(p, 200);
}

static void ep_unit_row(struct page *p, const json_t *u)
{
	html_raw(&p->h, "<tr class=\"govuk-table__row\">");
	html_raw(&p->h, TD);
	children_links(p, json_object_get(u, "unit"));
	html_raw(&p->h, "</td>");
	cell_text(p, page_partner_name(p, jstr(u, "partner")));
	cell_text(p, label_child_status(child_status_parse(jstr(u, "status"))));
	cell_date(p, jdate(u, "early_referral"));
	html_raw(&p->h, "</tr>");
}

static void ep_household_row(struct page *p, const json_t *a)
{
	html_raw(&p->h, "<tr class=\"govuk-table__row\">");
	html_raw(&p->h, TD);
	page_record_link(p, REC_ADOPTER, jstr(a, "adopter"), jstr(a, "adopter"));
	html_raw(&p->h, "</td>");
	cell_text(p, jstr(a, "name"));
	cell_date(p, jdate(a, "approved"));
	cell_text(p, arena_printf(&p->req->arena, "%lld to %lld months, up to %lld",
				  (long long)json_integer_value(json_object_get(a, "min_age_months")),
				  (long long)json_integer_value(json_object_get(a, "max_age_months")),
				  (long long)json_integer_value(json_object_get(a, "max_children"))));
	html_raw(&p->h, "</tr>");
}

static void early_page(struct page *p)
{
	static const char *const ucols[] = { "Children", "Local authority", "Status",
					     "Early referral", NULL };
	static const char *const hcols[] = { "Household", "Name", "Approved", "Approved for", NULL };
	struct page_reading r;
	struct raa_err err;
	size_t i;
	const json_t *o;
	if (page_reading_open(p, NULL, &r, &err) < 0) {
		page_unavailable(p);
		return;
	}
	json_t *ep = linking_early_permanence(&r.snap, r.today);
	page_reading_close(&r);
	web_audit(p->app, p->who.email, "read_links", NULL, "early_permanence", p->req->client_ip);
	page_begin(p, "Early permanence", NAV_MATCHING, 0);
	html_raw(&p->h, "<h1 class=\"govuk-heading-l\">Early permanence</h1>"
			"<h2 class=\"govuk-heading-m\">Children for fostering for adoption</h2>");
	table_head(p, "ep-units", ucols);
	json_array_foreach(json_object_get(ep, "units"), i, o)
		ep_unit_row(p, o);
	html_raw(&p->h, "</tbody></table><h2 class=\"govuk-heading-m\">Households approved for early permanence</h2>");
	table_head(p, "ep-households", hcols);
	json_array_foreach(json_object_get(ep, "households"), i, o)
		ep_household_row(p, o);
	html_raw(&p->h, "</tbody></table>");
	json_decref(ep);
	page_end(p, 200);
}

/* ---- one link ----------------------------------------------------------- */

static void summary_row(struct page *p, const char *key, const char *text, raa_day d)
{
	struct html *h = &p->h;
	html_raw(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
	html_text(h, key);
	html_raw(h, "</dt><dd class=\"govuk-summary-list__value\">");
	if (d != DAY_NONE)
		html_date(h, d);
	if (d != DAY_NONE && text)
		html_raw(h, " ");
	html_text(h, text);
	html_raw(h, "</dd></div>");
}

/* "Recommended: reasons" / "Not recommended: reasons". */
static const char *panel_text(struct page *p, const json_t *o)
{
	const char *rec = jstr(o, "recommendation"), *why = jstr(o, "panel_reasons");
	return arena_printf(&p->req->arena, "%s%s%s",
			    rec && strcmp(rec, "yes") == 0 ? "Recommended" : "Not recommended",
			    why ? ": " : "", why ? why : "");
}

static void summary(struct page *p, const json_t *o)
{
	struct html *h = &p->h;
	html_raw(h, "<dl class=\"govuk-summary-list\" data-testid=\"link\">"
		    "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Children</dt>"
		    "<dd class=\"govuk-summary-list__value\">");
	children_links(p, json_object_get(o, "children"));
	html_raw(h, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Household</dt>"
		    "<dd class=\"govuk-summary-list__value\">");
	page_record_link(p, REC_ADOPTER, jstr(o, "adopter"), jstr(o, "adopter"));
	if (jstr(o, "adopter_name")) {
		html_raw(h, " ");
		html_text(h, jstr(o, "adopter_name"));
	}
	html_raw(h, "</dd></div>");
	summary_row(p, "Stage", stage_label(jstr(o, "stage")), DAY_NONE);
	summary_row(p, "Linked", NULL, jdate(o, "linked"));
	if (jstr(o, "panel_date"))
		summary_row(p, "Panel recommendation", panel_text(p, o), jdate(o, "panel_date"));
	if (jstr(o, "adm_due")) {
		html_raw(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">ADM decision</dt>"
			    "<dd class=\"govuk-summary-list__value\" data-testid=\"adm\">");
		adm_cell(p, o);
		html_raw(h, "</dd></div>");
	}
	if (jstr(o, "decided"))
		summary_row(p, "Match decision", NULL, jdate(o, "decided"));
	if (jstr(o, "ended"))
		summary_row(p, "Ended", jstr(o, "end_reason"), jdate(o, "ended"));
	if (jstr(o, "placed"))
		summary_row(p, "Placed", NULL, jdate(o, "placed"));
	html_raw(h, "</dl>");
}

static void timeline(struct page *p, const json_t *events)
{
	static const char *const cols[] = { "Date", "Record", "Event", "Detail", "Recorded by", NULL };
	struct html *h = &p->h;
	size_t i;
	const json_t *e;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Timeline</h2>");
	table_head(p, "timeline", cols);
	json_array_foreach(events, i, e) {
		html_raw(h, "<tr class=\"govuk-table__row\">");
		cell_date(p, jdate(e, "date"));
		cell_text(p, jstr(e, "record"));
		cell_text(p, label_event(event_kind_parse(jstr(e, "kind"))));
		cell_text(p, jstr(e, "detail"));
		cell_text(p, jstr(e, "recorded_by"));
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table>");
}

/* ---- forms ---- */

static const char *err_for(const struct redo *r, const char *action, const char *field)
{
	return r->action && strcmp(r->action, action) == 0 ? form_error_for(&r->errs, field) : NULL;
}

static const char *typed(const struct redo *r, const char *action, const char *v)
{
	return r->action && strcmp(r->action, action) == 0 && v ? v : "";
}

static void text_input(struct page *p, const char *action, const char *name, const char *label,
		       const char *hint, const char *value, const struct redo *r)
{
	const char *err = err_for(r, action, name);
	char *id = arena_printf(&p->req->arena, "%s-%s", action, name);
	page_form_group_open(p, id, label, hint, err);
	html_raw(&p->h, err ? "<input class=\"govuk-input govuk-input--width-20 govuk-input--error\" type=\"text\""
			    : "<input class=\"govuk-input govuk-input--width-20\" type=\"text\"");
	html_attr(&p->h, "id", id);
	html_attr(&p->h, "name", name);
	html_attr(&p->h, "value", value);
	html_raw(&p->h, "></div>");
}

static void yes_no(struct page *p, const char *action, const char *name, const char *legend,
		   const struct redo *r)
{
	struct html *h = &p->h;
	const char *err = err_for(r, action, name), *chosen = typed(r, action, r->answer);
	html_raw(h, err ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">");
	html_raw(h, "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">");
	html_text(h, legend);
	html_raw(h, "</legend>");
	if (err) {
		html_raw(h, "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, err);
		html_raw(h, "</p>");
	}
	html_raw(h, "<div class=\"govuk-radios govuk-radios--inline\">");
	for (int i = 0; i < 2; i++) {
		const char *v = i ? "no" : "yes";
		html_raw(h, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" type=\"radio\"");
		html_attrf(h, "id", "%s-%s-%s", action, name, v);
		html_attr(h, "name", name);
		html_attr(h, "value", v);
		html_raw(h, strcmp(chosen, v) == 0 ? " checked>" : ">");
		html_raw(h, "<label class=\"govuk-label govuk-radios__label\"");
		html_attrf(h, "for", "%s-%s-%s", action, name, v);
		html_raw(h, i ? ">No</label></div>" : ">Yes</label></div>");
	}
	html_raw(h, "</div></fieldset></div>");
}

static void form_open(struct page *p, const char *link, const char *action, const char *title)
{
	html_raw(&p->h, "<h2 class=\"govuk-heading-m\">");
	html_text(&p->h, title);
	html_raw(&p->h, "</h2><form method=\"post\" novalidate");
	html_attrf(&p->h, "action", "/links/%s/%s", link, action);
	html_attrf(&p->h, "data-testid", "form-%s", action);
	html_raw(&p->h, ">");
	page_csrf_field(p);
}

static void form_close(struct page *p, const char *button, bool warning)
{
	html_raw(&p->h, warning ? "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">"
				: "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">");
	html_text(&p->h, button);
	html_raw(&p->h, "</button></form>");
}

static const char DATE_HINT[] = "YYYY-MM-DD; leave blank for today";

static void action_forms(struct page *p, const char *link, const char *stage, const struct redo *r)
{
	bool before_decision = strcmp(stage, "proposed") == 0 || strcmp(stage, "recommended") == 0;
	if (strcmp(stage, "proposed") == 0 && may(p, "panel")) {
		form_open(p, link, "panel", "Record the matching panel's recommendation");
		yes_no(p, "panel", "recommendation", "Did the panel recommend the match?", r);
		text_input(p, "panel", "reasons", "Reasons", NULL, typed(r, "panel", r->reasons), r);
		text_input(p, "panel", "date", "Date of the panel", DATE_HINT, typed(r, "panel", r->date), r);
		form_close(p, "Record recommendation", false);
	}
	if (strcmp(stage, "recommended") == 0 && may(p, "decision")) {
		form_open(p, link, "decision", "Record the ADM's decision");
		yes_no(p, "decision", "decision", "Does the agency decision maker agree the match?", r);
		text_input(p, "decision", "reasons", "Reasons", "Required for a no",
			   typed(r, "decision", r->reasons), r);
		text_input(p, "decision", "date", "Date of the decision", DATE_HINT, typed(r, "decision", r->date), r);
		form_close(p, "Record decision", false);
	}
	if (strcmp(stage, "matched") == 0 && may(p, "placed")) {
		form_open(p, link, "placed", "Record the placement");
		text_input(p, "placed", "date", "Date the children moved in", DATE_HINT, typed(r, "placed", r->date), r);
		form_close(p, "Record placement", false);
	}
	if (before_decision && may(p, "end")) {
		form_open(p, link, "end", "End this link");
		text_input(p, "end", "reason", "Why the link ends", NULL, typed(r, "end", r->reasons), r);
		text_input(p, "end", "date", "Date", DATE_HINT, typed(r, "end", r->date), r);
		form_close(p, "End link", true);
	}
}

static void link_page(struct page *p, const char *text, const struct redo *r, int status)
{
	struct store_scope sc;
	struct linking_view v;
	struct raa_err err;
	int64_t id;
	api_scope(&p->who, &sc);
	if (linking_id_parse(text, &id, &err) < 0) {
		page_not_found(p);
		return;
	}
	if (linking_view_open(p->store, &sc, date_today(), &v, &err) < 0) {
		page_unavailable(p);
		return;
	}
	const struct link *l = linking_find(&v.links, id);
	json_t *o = l ? linking_json(l, &v.snap, &v.clock, true) : NULL;
	linking_view_close(&v);
	if (!o) {
		page_not_found(p);
		return;
	}
	const char *lid = jstr(o, "link");
	web_audit(p->app, p->who.email, "read_link", json_string_value(json_array_get(json_object_get(o, "children"), 0)),
		  lid, p->req->client_ip);
	page_begin(p, arena_printf(&p->req->arena, "Link %s", lid), NAV_MATCHING, r->errs.n);
	page_error_summary(p, &r->errs);
	html_raw(&p->h, "<span class=\"govuk-caption-l\">Link</span><h1 class=\"govuk-heading-l\">");
	html_text(&p->h, lid);
	html_raw(&p->h, "</h1>");
	summary(p, o);
	action_forms(p, lid, jstr(o, "stage"), r);
	timeline(p, json_object_get(o, "events"));
	json_decref(o);
	page_end(p, status);
}

/* ---- posts ---- */

/* The field a refusal names, if the form has it; else the first field. */
static const char *field_of(const struct raa_err *err, const char *const *fields, char *buf,
			    size_t n)
{
	const char *f = panels_err_field(err, buf, n);
	for (size_t i = 0; f && fields[i]; i++)
		if (strcmp(fields[i], f) == 0)
			return f;
	return fields[0];
}

/* Answers a refused action: 404, 503, or the form again (422). */
static bool refused_page(struct page *p, const struct raa_err *err, struct redo *r,
			 const char *const *fields)
{
	char buf[32];
	if (err->code == RAA_ENOTFOUND) {
		page_not_found(p);
		return false;
	}
	if (err->code != RAA_EINVAL && err->code != RAA_ECONFLICT) {
		page_unavailable(p);
		return false;
	}
	const char *f = arena_strdup(&p->req->arena, field_of(err, fields, buf, sizeof buf));
	const char *anchor = strcmp(f, "recommendation") == 0 || strcmp(f, "decision") == 0
		? arena_printf(&p->req->arena, "%s-%s-yes", r->action, f)
		: arena_printf(&p->req->arena, "%s-%s", r->action, f);
	form_error_add(&r->errs, f, anchor, arena_strdup(&p->req->arena, err->msg));
	return true;
}

typedef int link_action(struct store *s, const struct store_scope *sc, const struct linking_in *in,
			raa_day today, struct raa_err *err);

static void post_action(struct page *p, const char *link, const char *action)
{
	static const struct {
		const char *name;
		link_action *run;
		const char *answer_field, *reasons_field;
	} acts[] = {
		{ "panel", linking_panel, "recommendation", "reasons" },
		{ "decision", linking_decide, "decision", "reasons" },
		{ "end", linking_end, "reason", "reason" },
		{ "placed", linking_place, "date", "date" },
	};
	size_t i = 0;
	while (i < 4 && strcmp(acts[i].name, action) != 0)
		i++;
	if (i == 4) {
		page_not_found(p);
		return;
	}
	if (!may(p, action)) {
		page_forbidden(p, "Your role cannot take this step of a link.");
		return;
	}
	struct redo r = { .action = action, .answer = form_get(&p->form, acts[i].answer_field),
			  .reasons = form_get(&p->form, acts[i].reasons_field),
			  .date = form_get(&p->form, "date") };
	struct linking_in in = { .link = link, .answer = r.answer, .reasons = r.reasons, .date = r.date };
	struct store_scope sc;
	struct raa_err err;
	api_scope(&p->who, &sc);
	if (acts[i].run(p->store, &sc, &in, date_today(), &err) == 0) {
		web_audit(p->app, p->who.email, "write_link", NULL, arena_printf(&p->req->arena, "%s %s", link, action),
			  p->req->client_ip);
		page_redirect(p, arena_printf(&p->req->arena, "/links/%s", link));
		return;
	}
	const char *fields[] = { acts[i].answer_field, acts[i].reasons_field, "date", NULL };
	if (refused_page(p, &err, &r, fields))
		link_page(p, link, &r, 422);
}

/* The proposal form alone, shown again when a proposal is refused. */
static void propose_page(struct page *p, const char *child, const struct redo *r)
{
	page_begin(p, "Propose a link", NAV_MATCHING, r->errs.n);
	page_error_summary(p, &r->errs);
	html_raw(&p->h, "<h1 class=\"govuk-heading-l\">Propose a link for ");
	html_text(&p->h, child);
	html_raw(&p->h, "</h1><form method=\"post\" novalidate data-testid=\"form-propose\"");
	html_attrf(&p->h, "action", "/children/%s/links", html_url_encode(&p->req->arena, child));
	html_raw(&p->h, ">");
	page_csrf_field(p);
	text_input(p, "propose", "adopter", "Household", "The household's id, e.g. A7", r->adopter, r);
	text_input(p, "propose", "date", "Date of the link", DATE_HINT, r->date, r);
	form_close(p, "Propose link", false);
	html_raw(&p->h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/matching\">Back to matching</a></p>");
	page_end(p, 422);
}

static void post_propose(struct page *p, const char *child)
{
	struct redo r = { .action = "propose", .adopter = form_get(&p->form, "adopter"),
			  .date = form_get(&p->form, "date") };
	struct linking_in in = { .child = child, .adopter = r.adopter, .date = r.date };
	struct store_scope sc;
	struct raa_err err;
	int64_t id = 0;
	char lid[LINK_ID_MAX];
	if (!auth_links(p->who.role)) {
		page_forbidden(p, "Only family finders propose links.");
		return;
	}
	api_scope(&p->who, &sc);
	if (linking_propose(p->store, &sc, &in, date_today(), &id, &err) == 0) {
		linking_id_format(id, lid);
		web_audit(p->app, p->who.email, "write_link", child, arena_printf(&p->req->arena, "%s propose", lid),
			  p->req->client_ip);
		page_redirect(p, arena_printf(&p->req->arena, "/links/%s", lid));
		return;
	}
	static const char *const fields[] = { "adopter", "date", NULL };
	if (err.code == RAA_ECONFLICT && strncmp(err.msg, "child:", 6) == 0)
		err.code = RAA_EINVAL; /* the unit's state: shown on the form too */
	if (refused_page(p, &err, &r, fields))
		propose_page(p, child, &r);
}

/* ---- routing ---------------------------------------------------------------- */

/* "/children/{id}/links": the id, or NULL. */
static const char *propose_path(struct page *p)
{
	const char *path = p->req->path, *end;
	if (strncmp(path, "/children/", 10) != 0 || !(end = strchr(path + 10, '/')) ||
	    strcmp(end, "/links") != 0 || end == path + 10)
		return NULL;
	return arena_strndup(&p->req->arena, path + 10, (size_t)(end - path - 10));
}

static void route_link(struct page *p, const char *rest, bool post)
{
	const char *slash = strchr(rest, '/');
	if (!post && !slash)
		link_page(p, rest, &(struct redo){ 0 }, 200);
	else if (post && slash && slash != rest && !strchr(slash + 1, '/'))
		post_action(p, arena_strndup(&p->req->arena, rest, (size_t)(slash - rest)), slash + 1);
	else
		page_not_found(p);
}

bool page_link_route(struct page *p)
{
	const char *path = p->req->path;
	bool post = strcmp(p->req->method, "POST") == 0;
	const char *child = post ? propose_path(p) : NULL;
	if (!child && strcmp(path, "/links") != 0 && strncmp(path, "/links/", 7) != 0)
		return false;
	if (!auth_reads_cases(p->who.role))
		page_forbidden(p, "Your role does not read case records.");
	else if (child)
		post_propose(p, child);
	else if (strcmp(path, "/links") == 0 && !post)
		links_page(p);
	else if (strcmp(path, "/links/early-permanence") == 0 && !post)
		early_page(p);
	else if (strncmp(path, "/links/", 7) == 0 && path[7])
		route_link(p, path + 7, post);
	else
		page_not_found(p);
	return true;
}
