/*
 * page_panel: the panels pages (docs/panels.md).
 *
 *   GET  /panels                                 panel dates; POST adds one
 *   GET  /panels/members                         members; POST adds one
 *   GET  /panels/members/{id}                    the form to change a member;
 *                                                POST changes it
 *   POST /panels/members/{id}/active             active=yes|no
 *   GET  /panels/{id}                            agenda, attendance, quorum,
 *                                                ADM clocks, forms
 *   POST /panels/{id}/attendance                 member=ID (repeated)
 *   POST /panels/{id}/attendance/{member}/remove recorded in error
 *   POST /panels/{id}/items                      kind, children, adopter, papers
 *   POST /panels/{id}/items/{item}/recommendation
 *   POST /panels/{id}/items/{item}/papers        papers
 *   POST /panels/{id}/items/{item}/remove        withdrawn from the agenda
 *   POST /panels/{id}/minutes                    text
 *   GET  /panels/{id}/pack                       the printable pack
 *   GET  /panels/{id}/pack.pdf                   the pack as a PDF download
 *
 * Everything is read from and written through service/panels.c, as the
 * API and `raa panel` are. Reads need auth_reads_panels, forms and posts
 * auth_runs_panels (others see no form); LA ADMs see their own children's
 * items only. A refused post shows its form again, the error beside the
 * field the service's message names. The corrections (docs/panels.md)
 * are offered only while the service would take them: nothing once the
 * panel has a recommendation.
 */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "report/panel_pack_pdf.h"
#include "service/panels.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

/* What a failed form post shows again: which form (its action, the
 * prefix of its controls' ids), what was typed and the errors. */
struct redo {
	const char *action;        /* "panel", "member", "attend", "item", "minutes", "recommend",
				    * "papers", "withdraw" */
	long long item;            /* the item whose recommendation or correction failed */
	const struct form *in;     /* the posted fields */
	struct form_errors errs;
};

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static raa_day jdate(const json_t *o, const char *key)
{
	raa_day d = DAY_NONE;
	const char *s = jstr(o, key);
	if (s)
		date_parse_iso(s, &d);
	return d;
}

static bool redo_of(const struct redo *r, const char *action)
{
	return r->action && strcmp(r->action, action) == 0;
}

static const char *err_for(const struct redo *r, const char *action, const char *field)
{
	return redo_of(r, action) ? form_error_for(&r->errs, field) : NULL;
}

/* What the form shows: the value posted when this form failed, else dflt. */
static const char *typed(const struct redo *r, const char *action, const char *field,
			 const char *dflt)
{
	return redo_of(r, action) ? form_get(r->in, field) : dflt ? dflt : "";
}

/* The error message beside the control NAME (id NAME-error). */
static void error_message(struct html *h, const char *name, const char *err)
{
	html_raw(h, "<p class=\"govuk-error-message\"");
	html_attrf(h, "id", "%s-error", name);
	html_raw(h, "><span class=\"govuk-visually-hidden\">Error:</span> ");
	html_text(h, err);
	html_raw(h, "</p>");
}

/* Opens the form group of the control `id` (label, hint, error err) and
 * the control's tag `tag` with its class, id and name; the caller ends
 * the tag. */
static void control_tag(struct page *p, const char *tag, const char *cls, const char *id,
			const char *name, const char *label, const char *hint, const char *err)
{
	struct html *h = &p->h;
	page_form_group_open(p, id, label, hint, err);
	html_raw(h, "<");
	html_raw(h, tag);
	/* the error modifier of the control's base class: govuk-select--error */
	if (err)
		html_attrf(h, "class", "%s %.*s--error", cls, (int)strcspn(cls, " "), cls);
	else
		html_attr(h, "class", cls);
	html_attr(h, "id", id);
	html_attr(h, "name", name);
}

/* control_tag for the control ACTION-NAME of a form that shows again
 * after a refusal; returns the value to show. */
static const char *control_open(struct page *p, const char *tag, const char *cls,
				const char *action, const char *name, const char *label,
				const char *hint, const char *dflt, const struct redo *r)
{
	control_tag(p, tag, cls, arena_printf(&p->req->arena, "%s-%s", action, name), name, label,
		    hint, err_for(r, action, name));
	return typed(r, action, name, dflt);
}

/* A text input; width is a govuk-input--width-N. */
static void text_input(struct page *p, const char *action, const char *name, const char *label,
		       const char *hint, const char *dflt, int width, const struct redo *r)
{
	const char *cls = arena_printf(&p->req->arena, "govuk-input govuk-input--width-%d", width);
	const char *v = control_open(p, "input type=\"text\"", cls, action, name, label, hint, dflt, r);
	html_attr(&p->h, "value", v);
	html_raw(&p->h, "></div>");
}

static void textarea_input(struct page *p, const char *action, const char *name,
			   const char *label, const char *hint, const char *dflt, const struct redo *r)
{
	const char *v = control_open(p, "textarea rows=\"4\"", "govuk-textarea", action, name, label,
				     hint, dflt, r);
	html_raw(&p->h, ">");
	html_text(&p->h, v);
	html_raw(&p->h, "</textarea></div>");
}

struct choice {
	const char *value, *label;
};

static void select_input(struct page *p, const char *action, const char *name, const char *label,
			 const struct choice *c, size_t n, const char *dflt, const struct redo *r)
{
	const char *chosen = control_open(p, "select", "govuk-select", action, name, label, NULL,
					  dflt, r);
	html_raw(&p->h, ">");
	for (size_t i = 0; i < n; i++)
		page_select_option(&p->h, c[i].value, c[i].label, strcmp(chosen, c[i].value) == 0);
	html_raw(&p->h, "</select></div>");
}

/* Opens a POST form to `action_url` with its CSRF field and a test id. */
static void form_open(struct page *p, const char *testid, const char *action_url)
{
	html_raw(&p->h, "<form method=\"post\" novalidate");
	html_attr(&p->h, "action", action_url);
	html_attr(&p->h, "data-testid", testid);
	html_raw(&p->h, ">");
	page_csrf_field(p);
}

static void form_close(struct page *p, const char *button, bool secondary)
{
	html_raw(&p->h, secondary ? "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
				  : "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">");
	html_text(&p->h, button);
	html_raw(&p->h, "</button></form>");
}

/* A one-button POST form (a correction): the button says what and, to a
 * screen reader, to what. */
static void button_form(struct page *p, const char *testid, const char *action_url,
			const char *button, const char *what)
{
	form_open(p, testid, action_url);
	html_raw(&p->h, "<button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" data-module=\"govuk-button\">");
	html_text(&p->h, button);
	html_raw(&p->h, "<span class=\"govuk-visually-hidden\"> ");
	html_text(&p->h, what);
	html_raw(&p->h, "</span></button></form>");
}

/* A refusal's field as the form names it: the service names the field
 * first ("role: value ..."); map gives its control here (pairs of service
 * field, form field), dflt takes anything else (the summary still says it). */
static const char *field_of(const struct raa_err *err, const char *const *map, const char *dflt)
{
	char buf[32];
	const char *f = panels_err_field(err, buf, sizeof buf);
	for (size_t i = 0; f && map && map[i]; i += 2)
		if (strcmp(f, map[i]) == 0)
			return map[i + 1];
	return dflt;
}

/* A refused write: 404 and 503 answer the page; a refusal goes back to
 * the form with the error beside its field (false: page answered). */
static bool refused(struct page *p, struct redo *r, const struct raa_err *err,
		    const char *const *map, const char *dflt)
{
	if (err->code == RAA_ENOTFOUND && !map) {
		page_not_found(p);
		return false;
	}
	if (err->code != RAA_EINVAL && err->code != RAA_ECONFLICT && err->code != RAA_ENOTFOUND) {
		page_unavailable(p);
		return false;
	}
	const char *f = field_of(err, map, dflt);
	const char *anchor = r->item ? arena_printf(&p->req->arena, "%s-%lld", f, r->item)
				     : arena_printf(&p->req->arena, "%s-%s", r->action, f);
	if (strcmp(f, "recommendation") == 0)
		anchor = arena_printf(&p->req->arena, "recommendation-%lld-yes", r->item);
	form_error_add(&r->errs, f, anchor, arena_strdup(&p->req->arena, err->msg));
	return true;
}

/* An audited write: where to go after it. */
static void written(struct page *p, const char *action, const char *detail, const char *to)
{
	web_audit(p->app, p->who.email, action, NULL, detail, p->req->client_ip);
	page_redirect(p, to);
}

/* Opens a listing page (audited), or answers 503 when arr is NULL. */
static bool listing_begin(struct page *p, const json_t *arr, const char *action,
			  const char *title, const struct redo *r)
{
	if (!arr) {
		page_unavailable(p);
		return false;
	}
	web_audit(p->app, p->who.email, action, NULL, NULL, p->req->client_ip);
	page_begin(p, title, NAV_PANELS, r->errs.n);
	page_error_summary(p, &r->errs);
	html_raw(&p->h, "<h1 class=\"govuk-heading-l\">");
	html_text(&p->h, title);
	html_raw(&p->h, "</h1>");
	return true;
}

/* ---- the list ------------------------------------------------------------ */

static void add_panel_form(struct page *p, const struct redo *r)
{
	html_raw(&p->h, "<h2 class=\"govuk-heading-m\">Add a panel date</h2>");
	form_open(p, "form-panel", "/panels");
	text_input(p, "panel", "date", "Date", "For example, 2026-12-03", NULL, 10, r);
	text_input(p, "panel", "name", "Name", "For example, December panel", NULL, 20, r);
	text_input(p, "panel", "location", "Location", NULL, NULL, 20, r);
	form_close(p, "Add panel", false);
}

static void panels_table(struct html *h, const json_t *arr)
{
	size_t i;
	const json_t *o;
	html_raw(h, "<table class=\"govuk-table\" data-testid=\"panels\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Date</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Panel</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Location</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Items</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	json_array_foreach(arr, i, o) {
		html_raw(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
		html_date(h, jdate(o, "date"));
		html_raw(h, "</td><td class=\"govuk-table__cell\"><a class=\"govuk-link\"");
		html_attrf(h, "href", "/panels/%lld", json_integer_value(json_object_get(o, "id")));
		html_raw(h, ">");
		html_text(h, jstr(o, "name") ? jstr(o, "name") : "Adoption panel");
		html_raw(h, "</a></td><td class=\"govuk-table__cell\">");
		html_text(h, jstr(o, "location"));
		html_raw(h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		html_textf(h, "%lld", json_integer_value(json_object_get(o, "items")));
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void panels_list(struct page *p, const struct redo *r, int status)
{
	struct html *h = &p->h;
	struct store_scope sc;
	struct raa_err err;
	api_scope(&p->who, &sc);
	json_t *arr = panels_list_json(p->store, &sc, &err);
	if (!listing_begin(p, arr, "read_panels", "Panels", r))
		return;
	html_raw(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/panels/members\">Panel members</a></p>");
	if (!json_array_size(arr))
		html_raw(h, "<p class=\"govuk-body\">No panels yet.</p>");
	else
		panels_table(h, arr);
	json_decref(arr);
	if (auth_runs_panels(p->who.role))
		add_panel_form(p, r);
	page_end(p, status);
}

static void post_panel(struct page *p)
{
	static const char *const map[] = { "date", "date", "name", "name", "location", "location", NULL };
	struct redo r = { .action = "panel", .in = &p->form };
	struct raa_err err;
	int64_t id = 0;
	const char *date = form_get(&p->form, "date"), *name = form_get(&p->form, "name"),
		   *location = form_get(&p->form, "location");
	if (panels_add(p->store, date, *name ? name : NULL, *location ? location : NULL, &id, &err) == 0)
		written(p, "write_panel", date, arena_printf(&p->req->arena, "/panels/%lld", (long long)id));
	else if (refused(p, &r, &err, map, "date"))
		panels_list(p, &r, 422);
}

/* ---- members ------------------------------------------------------------- */

static const struct choice SEATS[] = {
	{ "", "Choose a seat" },
	{ "social_worker", "Social worker" },
	{ "medical_adviser", "Medical adviser" },
	{ "independent", "Independent member" },
	{ "other", "Other" },
};
static const struct choice CHAIRS[] = {
	{ "", "Neither" },
	{ "chair", "Chair" },
	{ "vice_chair", "Vice chair" },
};

static void member_row_action(struct page *p, const json_t *m)
{
	bool active = json_is_true(json_object_get(m, "active"));
	long long id = json_integer_value(json_object_get(m, "id"));
	form_open(p, active ? "deactivate" : "activate",
		  arena_printf(&p->req->arena, "/panels/members/%lld/active", id));
	html_raw(&p->h, active ? "<input type=\"hidden\" name=\"active\" value=\"no\">"
			       : "<input type=\"hidden\" name=\"active\" value=\"yes\">");
	html_raw(&p->h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">");
	html_text(&p->h, active ? "Deactivate" : "Activate");
	html_raw(&p->h, "<span class=\"govuk-visually-hidden\"> ");
	html_text(&p->h, jstr(m, "name"));
	html_raw(&p->h, "</span></button></form>");
}

static void members_table(struct page *p, const json_t *arr, bool runs)
{
	struct html *h = &p->h;
	size_t i;
	const json_t *m;
	html_raw(h, "<table class=\"govuk-table\" data-testid=\"members\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Qualified</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Status</th>");
	if (runs)
		html_raw(h, "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Action</span></th>");
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	json_array_foreach(arr, i, m) {
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attrf(h, "data-member", "%lld", json_integer_value(json_object_get(m, "id")));
		html_raw(h, "><td class=\"govuk-table__cell\">");
		html_text(h, jstr(m, "name"));
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		html_text(h, jstr(m, "role"));
		html_raw(h, "</td><td class=\"govuk-table__cell\">");
		html_date(h, jdate(m, "qualified"));
		html_raw(h, json_is_true(json_object_get(m, "active"))
				    ? "</td><td class=\"govuk-table__cell\"><strong class=\"govuk-tag govuk-tag--green\">Active</strong></td>"
				    : "</td><td class=\"govuk-table__cell\"><strong class=\"govuk-tag govuk-tag--grey\">Inactive</strong></td>");
		if (runs) {
			html_raw(h, "<td class=\"govuk-table__cell\"><p class=\"govuk-body\"><a class=\"govuk-link\" data-testid=\"change-member\"");
			html_attrf(h, "href", "/panels/members/%lld", json_integer_value(json_object_get(m, "id")));
			html_raw(h, ">Change<span class=\"govuk-visually-hidden\"> ");
			html_text(h, jstr(m, "name"));
			html_raw(h, "</span></a></p>");
			member_row_action(p, m);
			html_raw(h, "</td>");
		}
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table>");
}

/* The member form: empty to add one, or m's details to change them. */
static void member_form(struct page *p, const char *action_url, const json_t *m,
			const char *button, const struct redo *r)
{
	form_open(p, "form-member", action_url);
	text_input(p, "member", "name", "Name", NULL, jstr(m, "name"), 20, r);
	select_input(p, "member", "seat", "Seat", SEATS, sizeof SEATS / sizeof SEATS[0],
		     jstr(m, "seat"), r);
	select_input(p, "member", "chair", "Chairs the panel", CHAIRS,
		     sizeof CHAIRS / sizeof CHAIRS[0], jstr(m, "chair"), r);
	text_input(p, "member", "qualified", "Date of qualification",
		   "Social workers only, for example 2015-09-01", jstr(m, "qualified"), 10, r);
	form_close(p, button, false);
}

static void add_member_form(struct page *p, const struct redo *r)
{
	html_raw(&p->h, "<h2 class=\"govuk-heading-m\">Add a member</h2>");
	member_form(p, "/panels/members", NULL, "Add member", r);
}

static void members_page(struct page *p, const struct redo *r, int status)
{
	struct raa_err err;
	bool runs = auth_runs_panels(p->who.role);
	json_t *arr = panels_members_json(p->store, &err);
	if (!listing_begin(p, arr, "read_panel_members", "Panel members", r))
		return;
	if (!json_array_size(arr))
		html_raw(&p->h, "<p class=\"govuk-body\">No members yet.</p>");
	else
		members_table(p, arr, runs);
	json_decref(arr);
	if (runs)
		add_member_form(p, r);
	page_end(p, status);
}

/* The seat and chair selects as one role ("independent,chair"). */
static const char *posted_role(struct page *p)
{
	const char *seat = form_get(&p->form, "seat"), *chair = form_get(&p->form, "chair");
	/* a chair without a seat is refused by the seat's check, not taken as "other" */
	return *seat && *chair ? arena_printf(&p->req->arena, "%s,%s", seat, chair) : seat;
}

static const char *const MEMBER_FIELDS[] = { "name", "name", "role", "seat", "qualified",
					     "qualified", "years", "qualified", NULL };

static void post_member(struct page *p)
{
	struct redo r = { .action = "member", .in = &p->form };
	struct raa_err err;
	int64_t id = 0;
	struct panels_member_in in = { .name = form_get(&p->form, "name"), .role = posted_role(p),
				       .qualified = form_get(&p->form, "qualified") };
	if (panels_member_add(p->store, &in, date_today(), &id, &err) == 0)
		written(p, "write_panel_member", in.name, "/panels/members");
	else if (refused(p, &r, &err, MEMBER_FIELDS, "name"))
		members_page(p, &r, 422);
}

static void member_page(struct page *p, long long id, const struct redo *r, int status)
{
	struct raa_err err;
	json_t *m = panels_member_json(p->store, id, &err);
	if (!m) {
		if (err.code == RAA_ENOTFOUND)
			page_not_found(p);
		else
			page_unavailable(p);
		return;
	}
	web_audit(p->app, p->who.email, "read_panel_members", NULL,
		  arena_printf(&p->req->arena, "%lld", id), p->req->client_ip);
	page_begin(p, "Change a panel member", NAV_PANELS, r->errs.n);
	page_error_summary(p, &r->errs);
	html_raw(&p->h, "<span class=\"govuk-caption-l\">Panel members</span><h1 class=\"govuk-heading-l\">Change ");
	html_text(&p->h, jstr(m, "name"));
	html_raw(&p->h, "</h1><p class=\"govuk-body\">A recommendation already recorded stands; "
			"past panels' quorum is shown from the details saved here. "
			"A date of qualification left as it is goes with a seat other than a social worker's.</p>");
	member_form(p, arena_printf(&p->req->arena, "/panels/members/%lld", id), m, "Save changes", r);
	html_raw(&p->h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/panels/members\">Back to panel members</a></p>");
	json_decref(m);
	page_end(p, status);
}

/* The qualification posted, or NULL (not given) when it is the one the
 * form showed: a seat changed from social worker then clears it, as the
 * service does with a qualification not given. */
static const char *qualified_changed(struct page *p, long long id)
{
	struct raa_err err;
	const char *posted = form_get(&p->form, "qualified");
	json_t *m = panels_member_json(p->store, id, &err);
	const char *was = jstr(m, "qualified");
	bool same = strcmp(posted, was ? was : "") == 0;
	json_decref(m);
	return same ? NULL : posted;
}

static void post_member_change(struct page *p, long long id)
{
	struct redo r = { .action = "member", .in = &p->form };
	struct raa_err err;
	struct panels_member_in in = { .name = form_get(&p->form, "name"), .role = posted_role(p),
				       .qualified = qualified_changed(p, id) };
	if (panels_member_update(p->store, id, &in, date_today(), &err) == 0)
		written(p, "write_panel_member", arena_printf(&p->req->arena, "%lld", id),
			"/panels/members");
	else if (refused(p, &r, &err, strncmp(err.msg, "member:", 7) == 0 ? NULL : MEMBER_FIELDS, "name"))
		member_page(p, id, &r, 422);
}

static void post_member_active(struct page *p, long long id)
{
	struct raa_err err;
	const char *v = form_get(&p->form, "active");
	bool on = strcmp(v, "yes") == 0;
	if (!on && strcmp(v, "no") != 0) {
		page_not_found(p);
		return;
	}
	if (panels_member_set_active(p->store, id, on, &err) == 0)
		written(p, "write_panel_member", arena_printf(&p->req->arena, "%lld %s", id, on ? "activated" : "deactivated"),
			"/panels/members");
	else if (err.code == RAA_ENOTFOUND)
		page_not_found(p);
	else
		page_unavailable(p);
}

/* ---- one panel ----------------------------------------------------------- */

static json_t *load(struct page *p, long long id, struct raa_err *err)
{
	struct store_scope sc;
	struct clock_settings cs;
	const struct workcal *cal;
	api_scope(&p->who, &sc);
	if (web_cached_settings(p->store, &cs, &cal, err) < 0)
		return NULL;
	return panels_show_json(p->store, &sc, id, &cs.dur[CLOCK_ADM_AFTER_PANEL], cal,
				date_today(), err);
}

/* The panel, or NULL with the page answered (404 or 503). */
static json_t *load_or_answer(struct page *p, long long id)
{
	struct raa_err err;
	json_t *panel = load(p, id, &err);
	if (!panel && err.code == RAA_ENOTFOUND)
		page_not_found(p);
	else if (!panel)
		page_unavailable(p);
	return panel;
}

static bool attending(const json_t *panel, long long member)
{
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(panel, "attendance"), i, m)
		if (json_integer_value(json_object_get(m, "id")) == member)
			return true;
	return false;
}

/* Active members not yet recorded as sitting at the panel. */
static json_t *may_sit(struct page *p, const json_t *panel)
{
	struct raa_err err;
	size_t i;
	json_t *m;
	json_t *members = panels_members_json(p->store, &err);
	json_t *out = json_array();
	json_array_foreach(members, i, m)
		if (json_is_true(json_object_get(m, "active")) &&
		    !attending(panel, json_integer_value(json_object_get(m, "id"))))
			json_array_append(out, m);
	json_decref(members);
	return out;
}

static void attend_form(struct page *p, long long id, const json_t *panel, const struct redo *r)
{
	struct html *h = &p->h;
	size_t i;
	const json_t *m;
	const char *e = err_for(r, "attend", "member");
	json_t *members = may_sit(p, panel);
	if (!json_array_size(members)) {
		html_raw(h, "<p class=\"govuk-body\">Every active member is recorded as sitting.</p>");
		json_decref(members);
		return;
	}
	form_open(p, "form-attend", arena_printf(&p->req->arena, "/panels/%lld/attendance", id));
	html_raw(h, e ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">");
	html_raw(h, "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Record who sat</legend>");
	if (e)
		error_message(h, "attend-member", e);
	html_raw(h, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">");
	json_array_foreach(members, i, m) {
		long long mid = json_integer_value(json_object_get(m, "id"));
		/* the first box carries the id the error summary links to */
		const char *box = i ? arena_printf(&p->req->arena, "attend-member-%lld", mid)
				    : "attend-member";
		html_raw(h, "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" type=\"checkbox\" name=\"member\"");
		html_attr(h, "id", box);
		html_attrf(h, "value", "%lld", mid);
		html_raw(h, "><label class=\"govuk-label govuk-checkboxes__label\"");
		html_attr(h, "for", box);
		html_raw(h, ">");
		html_text(h, jstr(m, "name"));
		html_raw(h, " <span class=\"govuk-hint\">(");
		html_text(h, jstr(m, "role"));
		html_raw(h, ")</span></label></div>");
	}
	json_decref(members);
	html_raw(h, "</div></fieldset></div>");
	form_close(p, "Record attendance", true);
}

/* Who sat and the papers stay as they were once the panel has
 * recommended anything (the service refuses such corrections). */
static bool any_recommended(const json_t *panel)
{
	size_t i;
	const json_t *it;
	json_array_foreach(json_object_get(panel, "items"), i, it)
		if (jstr(it, "recommendation"))
			return true;
	return false;
}

static void attendance(struct page *p, long long id, const json_t *panel, const struct redo *r)
{
	bool corrects = auth_runs_panels(p->who.role) && !any_recommended(panel);
	struct html *h = &p->h;
	const json_t *q = json_object_get(panel, "quorum");
	const json_t *m;
	size_t i;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Attendance</h2>");
	if (json_is_true(json_object_get(q, "met")))
		html_raw(h, "<p class=\"govuk-body\" data-testid=\"quorum\"><strong class=\"govuk-tag govuk-tag--green\">Quorate</strong></p>");
	else {
		html_raw(h, "<div class=\"govuk-warning-text\" data-testid=\"quorum\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
			    "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Not quorate: ");
		html_text(h, jstr(q, "missing"));
		html_raw(h, ". No recommendation can be recorded.</strong></div>");
	}
	html_raw(h, "<ul class=\"govuk-list\" data-testid=\"attendance\">");
	json_array_foreach(json_object_get(panel, "attendance"), i, m) {
		html_raw(h, "<li>");
		html_text(h, jstr(m, "name"));
		html_raw(h, " <span class=\"govuk-hint\">(");
		html_text(h, jstr(m, "role"));
		if (json_is_true(json_object_get(m, "qualifying_social_worker")))
			html_raw(h, ", 3+ years post-qualifying");
		html_raw(h, ")</span>");
		if (corrects)
			button_form(p, "remove-attendee",
				    arena_printf(&p->req->arena, "/panels/%lld/attendance/%lld/remove", id,
						 json_integer_value(json_object_get(m, "id"))),
				    "Remove", arena_printf(&p->req->arena, "%s, recorded in error",
							   jstr(m, "name")));
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
	if (auth_runs_panels(p->who.role))
		attend_form(p, id, panel, r);
}

static void adm_clock(struct page *p, const json_t *adm)
{
	struct html *h = &p->h;
	const char *status = jstr(adm, "status");
	html_raw(h, "<p class=\"govuk-body\" data-testid=\"adm\">ADM decision: ");
	if (status && strcmp(status, "decided") == 0) {
		html_raw(h, "<strong class=\"govuk-tag govuk-tag--green\">Decided</strong> ");
		html_date(h, jdate(adm, "decided"));
	} else if (status && strcmp(status, "overdue") == 0) {
		html_raw(h, "<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong> due ");
		html_date(h, jdate(adm, "due"));
		html_textf(h, ", %lld days overdue", json_integer_value(json_object_get(adm, "overdue_days")));
	} else {
		html_raw(h, "<strong class=\"govuk-tag govuk-tag--blue\">Due</strong> by ");
		html_date(h, jdate(adm, "due"));
	}
	html_raw(h, "</p>");
}

/* A textarea of an item's form: name NAME, id NAME-ITEM (the anchor of
 * its error), showing value. */
static void item_textarea(struct page *p, const char *name, long long item, const char *label,
			  const char *hint, const char *err, const char *value)
{
	control_tag(p, "textarea rows=\"3\"", "govuk-textarea",
		    arena_printf(&p->req->arena, "%s-%lld", name, item), name, label, hint, err);
	html_raw(&p->h, ">");
	html_text(&p->h, value);
	html_raw(&p->h, "</textarea></div>");
}

static void recommend_form(struct page *p, long long panel, const json_t *it,
			   const struct redo *r)
{
	struct html *h = &p->h;
	long long id = json_integer_value(json_object_get(it, "id"));
	bool mine = redo_of(r, "recommend") && r->item == id;
	const char *err = mine ? form_error_for(&r->errs, "recommendation") : NULL;
	const char *chosen = mine ? form_get(r->in, "recommendation") : "";
	form_open(p, "form-recommend",
		  arena_printf(&p->req->arena, "/panels/%lld/items/%lld/recommendation", panel, id));
	html_raw(h, err ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">");
	html_raw(h, "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Recommendation</legend>");
	if (err)
		error_message(h, arena_printf(&p->req->arena, "recommendation-%lld", id), err);
	html_raw(h, "<div class=\"govuk-radios govuk-radios--inline\" data-module=\"govuk-radios\">");
	for (int i = 0; i < 2; i++) {
		const char *v = i ? "no" : "yes";
		html_raw(h, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" type=\"radio\" name=\"recommendation\"");
		html_attrf(h, "id", "recommendation-%lld-%s", id, v);
		html_attr(h, "value", v);
		if (strcmp(chosen, v) == 0)
			html_raw(h, " checked");
		html_raw(h, "><label class=\"govuk-label govuk-radios__label\"");
		html_attrf(h, "for", "recommendation-%lld-%s", id, v);
		html_raw(h, ">");
		html_text(h, i ? "No" : "Yes");
		html_raw(h, "</label></div>");
	}
	html_raw(h, "</div></fieldset></div>");
	item_textarea(p, "reasons", id, "Reasons", NULL, mine ? form_error_for(&r->errs, "reasons") : NULL,
		      mine ? form_get(r->in, "reasons") : "");
	form_close(p, "Record recommendation", false);
}

/* Before its recommendation: the papers changed, or the item withdrawn. */
static void item_corrections(struct page *p, long long panel, const json_t *it,
			     const struct redo *r)
{
	struct html *h = &p->h;
	long long id = json_integer_value(json_object_get(it, "id"));
	bool mine = redo_of(r, "papers") && r->item == id;
	struct buf now;
	size_t i;
	const json_t *v;
	buf_init(&now, 0);
	json_array_foreach(json_object_get(it, "papers"), i, v)
		buf_printf(&now, "%s\n", json_string_value(v));
	/* open when its post was refused, so the message beside the papers shows */
	html_raw(h, mine ? "<details class=\"govuk-details\" open>" : "<details class=\"govuk-details\">");
	html_raw(h, "<summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Change papers or withdraw the item</span></summary><div class=\"govuk-details__text\">");
	form_open(p, "form-papers", arena_printf(&p->req->arena, "/panels/%lld/items/%lld/papers", panel, id));
	item_textarea(p, "papers", id, "Papers", "One title a line",
		      mine ? form_error_for(&r->errs, "papers") : NULL,
		      mine ? form_get(r->in, "papers") : buf_cstr(&now));
	form_close(p, "Save papers", true);
	buf_free(&now);
	button_form(p, "remove-item",
		    arena_printf(&p->req->arena, "/panels/%lld/items/%lld/remove", panel, id),
		    "Remove from agenda", jstr(it, "label"));
	html_raw(h, "</div></details>");
}

static void agenda_item(struct page *p, long long panel, const json_t *it, size_t no,
			const struct redo *r)
{
	struct html *h = &p->h;
	const json_t *v;
	size_t i;
	const char *rec = jstr(it, "recommendation");
	html_raw(h, "<section class=\"govuk-!-margin-bottom-8\" data-testid=\"item\"");
	html_attrf(h, "id", "item-%lld", json_integer_value(json_object_get(it, "id")));
	html_raw(h, "><h3 class=\"govuk-heading-s\">");
	html_textf(h, "%zu. %s", no, jstr(it, "label"));
	html_raw(h, "</h3>");
	/* a correction of the item refused (the summary links to the section) */
	const char *err = r->item == json_integer_value(json_object_get(it, "id"))
				  ? form_error_for(&r->errs, "item") : NULL;
	if (err)
		error_message(h, arena_printf(&p->req->arena, "item-%lld", r->item), err);
	html_raw(h, "<p class=\"govuk-body\">");
	json_array_foreach(json_object_get(it, "children"), i, v) {
		if (i)
			html_raw(h, ", ");
		page_record_link(p, REC_CHILD, json_string_value(v), json_string_value(v));
	}
	if (jstr(it, "adopter")) {
		html_raw(h, json_array_size(json_object_get(it, "children")) ? " with household " : "Household ");
		page_record_link(p, REC_ADOPTER, jstr(it, "adopter"), jstr(it, "adopter"));
	}
	html_raw(h, "</p><p class=\"govuk-body\">Papers: ");
	json_array_foreach(json_object_get(it, "papers"), i, v) {
		if (i)
			html_raw(h, "; ");
		html_text(h, json_string_value(v));
	}
	html_raw(h, "</p>");
	if (rec) {
		html_raw(h, "<p class=\"govuk-body\" data-testid=\"recommendation\">Recommendation: <strong>");
		html_text(h, strcmp(rec, "yes") == 0 ? "Yes" : "No");
		html_raw(h, "</strong>. ");
		html_text(h, jstr(it, "reasons"));
		html_raw(h, "</p>");
		adm_clock(p, json_object_get(it, "adm"));
	} else if (auth_runs_panels(p->who.role)) {
		recommend_form(p, panel, it, r);
		item_corrections(p, panel, it, r);
	}
	html_raw(h, "</section>");
}

static const struct choice KINDS[] = {
	{ "", "Choose the kind of item" },
	{ "approval", "Adopter approval" },
	{ "match", "Match" },
	{ "should_be_placed", "Should be placed" },
};

static void item_form(struct page *p, long long id, const struct redo *r)
{
	html_raw(&p->h, "<h2 class=\"govuk-heading-m\">Add an agenda item</h2>");
	form_open(p, "form-item", arena_printf(&p->req->arena, "/panels/%lld/items", id));
	select_input(p, "item", "kind", "Kind", KINDS, sizeof KINDS / sizeof KINDS[0], NULL, r);
	text_input(p, "item", "children", "Child or children",
		   "Child ids separated by commas: one for should be placed, the unit for a match",
		   NULL, 20, r);
	text_input(p, "item", "adopter", "Household", "The household's id: approval and match",
		   NULL, 10, r);
	textarea_input(p, "item", "papers", "Papers", "One title a line, or separated by ';'",
		       NULL, r);
	form_close(p, "Add item", true);
}

static void minutes_section(struct page *p, long long id, const json_t *panel,
			    const struct redo *r)
{
	struct html *h = &p->h;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Minutes</h2>");
	if (!auth_runs_panels(p->who.role)) {
		html_raw(h, "<p class=\"govuk-body\" data-testid=\"minutes\">");
		html_text(h, jstr(panel, "minutes") ? jstr(panel, "minutes") : "Not written yet.");
		html_raw(h, "</p>");
		return;
	}
	form_open(p, "form-minutes", arena_printf(&p->req->arena, "/panels/%lld/minutes", id));
	textarea_input(p, "minutes", "text", "Minutes of the panel", NULL, jstr(panel, "minutes"), r);
	form_close(p, "Save minutes", true);
}

static void panel_head(struct page *p, long long id, const json_t *panel, const char *name)
{
	struct html *h = &p->h;
	html_raw(h, "<span class=\"govuk-caption-l\">");
	html_date(h, jdate(panel, "date"));
	if (jstr(panel, "location")) {
		html_raw(h, ", ");
		html_text(h, jstr(panel, "location"));
	}
	html_raw(h, "</span><h1 class=\"govuk-heading-l\">");
	html_text(h, name);
	html_raw(h, "</h1><ul class=\"govuk-list\"><li><a class=\"govuk-link\"");
	html_attrf(h, "href", "/panels/%lld/pack", id);
	html_raw(h, ">Panel pack (printable)</a></li><li><a class=\"govuk-link\" data-testid=\"pack-pdf\"");
	html_attrf(h, "href", "/panels/%lld/pack.pdf", id);
	html_raw(h, " download>Download the panel pack (PDF)</a></li></ul>");
}

static void panel_page(struct page *p, long long id, const struct redo *r, int status)
{
	const json_t *it;
	size_t i;
	json_t *panel = load_or_answer(p, id);
	if (!panel)
		return;
	web_audit(p->app, p->who.email, "read_panel", NULL, arena_printf(&p->req->arena, "%lld", id),
		  p->req->client_ip);
	const char *name = jstr(panel, "name") ? jstr(panel, "name") : "Adoption panel";
	page_begin(p, name, NAV_PANELS, r->errs.n);
	page_error_summary(p, &r->errs);
	panel_head(p, id, panel, name);
	attendance(p, id, panel, r);
	html_raw(&p->h, "<h2 class=\"govuk-heading-m\">Agenda</h2>");
	if (!json_array_size(json_object_get(panel, "items")))
		html_raw(&p->h, "<p class=\"govuk-body\">No items you can see.</p>");
	json_array_foreach(json_object_get(panel, "items"), i, it)
		agenda_item(p, id, it, i + 1, r);
	if (auth_runs_panels(p->who.role))
		item_form(p, id, r);
	minutes_section(p, id, panel, r);
	json_decref(panel);
	page_end(p, status);
}

static void pack_page(struct page *p, long long id)
{
	json_t *panel = load_or_answer(p, id);
	if (!panel)
		return;
	web_audit(p->app, p->who.email, "read_panel", NULL, "pack", p->req->client_ip);
	page_begin(p, "Panel pack", NAV_PANELS, 0);
	panels_pack_html(panel, p->h.out);
	json_decref(panel);
	page_end(p, 200);
}

/* The pack as a PDF download (report/panel_pack_pdf.c). */
static void pack_pdf(struct page *p, long long id)
{
	struct raa_err err;
	json_t *panel = load_or_answer(p, id);
	if (!panel)
		return;
	int rc = panel_pack_pdf(panel, date_today(), &p->resp->body, &err);
	json_decref(panel);
	if (rc < 0) {
		buf_reset(&p->resp->body);
		page_unavailable(p);
		return;
	}
	web_audit(p->app, p->who.email, "read_panel", NULL, "pack.pdf", p->req->client_ip);
	p->resp->status = 200;
	p->resp->content_type = "application/pdf";
	http_add_header(p->resp, "Content-Disposition",
			arena_printf(&p->req->arena, "attachment; filename=\"panel-%lld-pack.pdf\"", id));
}

/* ---- posts to one panel ---------------------------------------------------- */

static void post_attendance(struct page *p, long long panel)
{
	static const char *const map[] = { "member", "member", NULL };
	struct redo r = { .action = "attend", .in = &p->form };
	struct raa_err err;
	int64_t members[FORM_FIELDS_MAX];
	size_t n = 0;
	long v;
	for (int i = 0; i < p->form.n; i++)
		if (strcmp(p->form.name[i], "member") == 0 &&
		    str_to_int(p->form.value[i], 1, 2147483647L, &v) == 0)
			members[n++] = v;
	if (panels_attend(p->store, panel, members, n, &err) == 0)
		written(p, "write_panel", "attendance", arena_printf(&p->req->arena, "/panels/%lld", panel));
	else if (refused(p, &r, &err, err.code == RAA_ENOTFOUND && strncmp(err.msg, "panel", 5) == 0 ? NULL : map, "member"))
		panel_page(p, panel, &r, 422);
}

static void post_item(struct page *p, long long panel)
{
	static const char *const map[] = { "kind", "kind", "child", "children", "adopter", "adopter",
					   "papers", "papers", NULL };
	struct redo r = { .action = "item", .in = &p->form };
	struct store_scope sc;
	struct raa_err err;
	const char *children[PANELS_CHILDREN_MAX];
	int64_t id = 0;
	const char *adopter = form_get(&p->form, "adopter");
	struct panels_item_in in = { .kind = form_get(&p->form, "kind"), .adopter = *adopter ? adopter : NULL,
				     .children = children, .papers = form_get(&p->form, "papers") };
	api_scope(&p->who, &sc);
	int rc = panels_split_ids(arena_strdup(&p->req->arena, form_get(&p->form, "children")),
				  children, &in.nchildren, &err);
	if (rc == 0)
		rc = panels_item_add(p->store, &sc, panel, &in, &id, &err);
	if (rc == 0)
		written(p, "write_panel", in.kind, arena_printf(&p->req->arena, "/panels/%lld#item-%lld", panel, (long long)id));
	else if (refused(p, &r, &err, strncmp(err.msg, "panel:", 6) == 0 ? NULL : map, "kind"))
		panel_page(p, panel, &r, 422);
}

static void post_recommendation(struct page *p, long long panel, long long item)
{
	static const char *const map[] = { "recommendation", "recommendation", "reasons", "reasons", NULL };
	struct redo r = { .action = "recommend", .item = item, .in = &p->form };
	struct store_scope sc;
	struct raa_err err;
	api_scope(&p->who, &sc);
	if (panels_recommend(p->store, &sc, item, form_get(&p->form, "recommendation"),
			     form_get(&p->form, "reasons"), date_today(), &err) == 0)
		written(p, "write_panel", "recommendation",
			arena_printf(&p->req->arena, "/panels/%lld#item-%lld", panel, item));
	else if (refused(p, &r, &err, err.code == RAA_ENOTFOUND ? NULL : map, "recommendation"))
		panel_page(p, panel, &r, 422);
}

static void post_minutes(struct page *p, long long panel)
{
	static const char *const map[] = { "minutes", "text", NULL };
	struct redo r = { .action = "minutes", .in = &p->form };
	struct raa_err err;
	if (panels_minutes(p->store, panel, form_get(&p->form, "text"), &err) == 0)
		written(p, "write_panel", "minutes", arena_printf(&p->req->arena, "/panels/%lld", panel));
	else if (refused(p, &r, &err, err.code == RAA_ENOTFOUND ? NULL : map, "text"))
		panel_page(p, panel, &r, 422);
}

/* A correction refused: the panel page again, the message at the form
 * it came from (the list item's or item's; page 404 for an unknown panel). */
static void correction_refused(struct page *p, long long panel, struct redo *r,
			       const struct raa_err *err, const char *field)
{
	static const char *const map[] = { "member", "member", "item", "item", "papers", "papers",
					   NULL };
	if (refused(p, r, err, strncmp(err->msg, "panel:", 6) == 0 ? NULL : map, field))
		panel_page(p, panel, r, 422);
}

static void post_unattend(struct page *p, long long panel, long long member)
{
	struct redo r = { .action = "attend", .in = &p->form };
	struct raa_err err;
	int64_t m = member;
	if (panels_unattend(p->store, panel, &m, 1, &err) == 0)
		written(p, "write_panel", "attendance removed",
			arena_printf(&p->req->arena, "/panels/%lld", panel));
	else
		correction_refused(p, panel, &r, &err, "member");
}

/* An item's papers changed, or (withdraw) the item taken off the agenda. */
static void post_item_change(struct page *p, long long panel, long long item, bool withdraw)
{
	struct redo r = { .action = withdraw ? "withdraw" : "papers", .item = item, .in = &p->form };
	struct store_scope sc;
	struct raa_err err;
	api_scope(&p->who, &sc);
	int rc = withdraw ? panels_item_remove(p->store, &sc, item, &err)
			  : panels_item_set_papers(p->store, &sc, item, form_get(&p->form, "papers"), &err);
	if (rc == 0)
		written(p, "write_panel", withdraw ? "item withdrawn" : "papers",
			withdraw ? arena_printf(&p->req->arena, "/panels/%lld", panel)
				 : arena_printf(&p->req->arena, "/panels/%lld#item-%lld", panel, item));
	else
		correction_refused(p, panel, &r, &err, withdraw ? "item" : "papers");
}

/* ---- routing ---------------------------------------------------------------- */

/* "12" + rest: the id, and where the rest starts; 0 if none. */
static long long path_id(const char *path, const char **rest)
{
	long v;
	char digits[16];
	size_t n = strspn(path, "0123456789");
	if (n == 0 || n >= sizeof digits)
		return 0;
	memcpy(digits, path, n);
	digits[n] = '\0';
	if (str_to_int(digits, 1, 2147483647L, &v) < 0)
		return 0;
	*rest = path + n;
	return v;
}

static void route_item_post(struct page *p, long long panel, long long item, const char *tail)
{
	if (strcmp(tail, "/recommendation") == 0)
		post_recommendation(p, panel, item);
	else if (strcmp(tail, "/papers") == 0)
		post_item_change(p, panel, item, false);
	else if (strcmp(tail, "/remove") == 0)
		post_item_change(p, panel, item, true);
	else
		page_not_found(p);
}

static void route_panel_post(struct page *p, long long id, const char *rest)
{
	const char *tail;
	long long item;
	if (strcmp(rest, "/minutes") == 0)
		post_minutes(p, id);
	else if (strcmp(rest, "/attendance") == 0)
		post_attendance(p, id);
	else if (strcmp(rest, "/items") == 0)
		post_item(p, id);
	else if (strncmp(rest, "/items/", 7) == 0 && (item = path_id(rest + 7, &tail)))
		route_item_post(p, id, item, tail);
	else if (strncmp(rest, "/attendance/", 12) == 0 && (item = path_id(rest + 12, &tail)) &&
		 strcmp(tail, "/remove") == 0)
		post_unattend(p, id, item);
	else
		page_not_found(p);
}

static void route_panel(struct page *p, long long id, const char *rest, bool post)
{
	struct redo none = { 0 };
	if (!post && *rest == '\0')
		panel_page(p, id, &none, 200);
	else if (!post && strcmp(rest, "/pack") == 0)
		pack_page(p, id);
	else if (!post && strcmp(rest, "/pack.pdf") == 0)
		pack_pdf(p, id);
	else if (post)
		route_panel_post(p, id, rest);
	else
		page_not_found(p);
}

/* /panels/members, /panels/members/{id} and /panels/members/{id}/active. */
static void route_members(struct page *p, const char *rest, bool post)
{
	struct redo none = { 0 };
	const char *tail;
	long long id;
	if (*rest == '\0' && !post)
		members_page(p, &none, 200);
	else if (*rest == '\0')
		post_member(p);
	else if (rest[0] != '/' || !(id = path_id(rest + 1, &tail)))
		page_not_found(p);
	else if (post && strcmp(tail, "/active") == 0)
		post_member_active(p, id);
	else if (*tail)
		page_not_found(p);
	else if (post)
		post_member_change(p, id);
	else if (!auth_runs_panels(p->who.role)) /* the list shows them everything else */
		page_forbidden(p, "Only the panel adviser changes panel members.");
	else
		member_page(p, id, &none, 200);
}

bool page_panel_route(struct page *p)
{
	const char *path = p->req->path;
	const char *rest;
	struct redo none = { 0 };
	bool post = strcmp(p->req->method, "POST") == 0;
	if (strcmp(path, "/panels") != 0 && strncmp(path, "/panels/", 8) != 0)
		return false;
	if (!auth_reads_panels(p->who.role)) {
		page_forbidden(p, "Your role does not read panels.");
		return true;
	}
	if (post && !auth_runs_panels(p->who.role)) {
		page_forbidden(p, "Only the panel adviser runs panels.");
		return true;
	}
	if (strcmp(path, "/panels") == 0) {
		if (post)
			post_panel(p);
		else
			panels_list(p, &none, 200);
		return true;
	}
	if (strncmp(path + 8, "members", 7) == 0) {
		route_members(p, path + 15, post);
		return true;
	}
	long long id = path_id(path + 8, &rest);
	if (!id)
		page_not_found(p);
	else
		route_panel(p, id, rest, post);
	return true;
}
