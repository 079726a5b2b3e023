/*
 * page_panel: the panels pages (docs/panels.md).
 *
 *   GET  /panels                                 panel dates
 *   GET  /panels/{id}                            agenda, attendance, quorum,
 *                                                ADM clocks, forms
 *   POST /panels/{id}/items/{item}/recommendation
 *   POST /panels/{id}/minutes
 *   GET  /panels/{id}/pack                       the printable pack
 *
 * Everything is read from service/panels.c's model, the one the API and
 * `raa panel show` print. Reads need auth_reads_panels, forms
 * auth_runs_panels; LA ADMs see their own children's items only.
 */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "service/panels.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

/* What a failed form post shows again beside its fields. */
struct redo {
	long long item;            /* the item whose form failed, 0 for none */
	const char *recommendation;
	const char *reasons;
	const char *minutes;
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

/* ---- the list ------------------------------------------------------------ */

static void panels_list(struct page *p)
{
	struct html *h = &p->h;
	struct store_scope sc;
	struct raa_err err;
	size_t i;
	const json_t *o;
	api_scope(&p->who, &sc);
	json_t *arr = panels_list_json(p->store, &sc, &err);
	if (!arr) {
		page_unavailable(p);
		return;
	}
	web_audit(p->app, p->who.email, "read_panels", NULL, NULL, p->req->client_ip);
	page_begin(p, "Panels", NAV_PANELS, 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Panels</h1>");
	if (!json_array_size(arr))
		html_raw(h, "<p class=\"govuk-body\">No panels yet.</p>");
	else
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
	if (json_array_size(arr))
		html_raw(h, "</tbody></table>");
	json_decref(arr);
	page_end(p, 200);
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

static void attendance(struct page *p, const json_t *panel)
{
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
	html_raw(h, "<ul class=\"govuk-list\">");
	json_array_foreach(json_object_get(panel, "attendance"), i, m) {
		html_raw(h, "<li>");
		html_text(h, jstr(m, "name"));
		html_raw(h, " <span class=\"govuk-hint\">(");
		html_text(h, jstr(m, "role"));
		if (json_is_true(json_object_get(m, "qualifying_social_worker")))
			html_raw(h, ", 3+ years post-qualifying");
		html_raw(h, ")</span></li>");
	}
	html_raw(h, "</ul>");
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

static void recommend_form(struct page *p, long long panel, const json_t *it,
			   const struct redo *r)
{
	struct html *h = &p->h;
	long long id = json_integer_value(json_object_get(it, "id"));
	bool mine = r->item == id;
	const char *err = mine ? form_error_for(&r->errs, "recommendation") : NULL;
	const char *chosen = mine ? r->recommendation : "";
	html_raw(h, "<form method=\"post\" novalidate");
	html_attrf(h, "action", "/panels/%lld/items/%lld/recommendation", panel, id);
	html_raw(h, ">");
	page_csrf_field(p);
	html_raw(h, err ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">");
	html_raw(h, "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Recommendation</legend>");
	if (err) {
		html_raw(h, "<p class=\"govuk-error-message\" id=\"recommendation-error\"><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, err);
		html_raw(h, "</p>");
	}
	html_raw(h, "<div class=\"govuk-radios govuk-radios--inline\">");
	for (int i = 0; i < 2; i++) {
		const char *v = i ? "no" : "yes";
		html_raw(h, "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" type=\"radio\" name=\"recommendation\"");
		html_attrf(h, "id", "recommendation-%lld-%s", id, v);
		html_attr(h, "value", v);
		if (chosen && strcmp(chosen, v) == 0)
			html_raw(h, " checked");
		html_raw(h, "><label class=\"govuk-label govuk-radios__label\"");
		html_attrf(h, "for", "recommendation-%lld-%s", id, v);
		html_raw(h, ">");
		html_text(h, i ? "No" : "Yes");
		html_raw(h, "</label></div>");
	}
	html_raw(h, "</div></fieldset></div>");
	err = mine ? form_error_for(&r->errs, "reasons") : NULL;
	const char *name = arena_printf(&p->req->arena, "reasons-%lld", id);
	page_form_group_open(p, name, "Reasons", NULL, err);
	html_raw(h, err ? "<textarea class=\"govuk-textarea govuk-textarea--error\" rows=\"3\" name=\"reasons\""
			: "<textarea class=\"govuk-textarea\" rows=\"3\" name=\"reasons\"");
	html_attr(h, "id", name);
	html_raw(h, ">");
	html_text(h, mine ? r->reasons : "");
	html_raw(h, "</textarea></div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Record recommendation</button></form>");
}

static void agenda_item(struct page *p, long long panel, const json_t *it, size_t no,
			const struct redo *r)
{
	struct html *h = &p->h;
	const json_t *v;
	size_t i;
	const char *rec = jstr(it, "recommendation");
	html_raw(h, "<section class=\"govuk-!-margin-bottom-8\"");
	html_attrf(h, "id", "item-%lld", json_integer_value(json_object_get(it, "id")));
	html_raw(h, "><h3 class=\"govuk-heading-s\">");
	html_textf(h, "%zu. %s", no, jstr(it, "label"));
	html_raw(h, "</h3><p class=\"govuk-body\">");
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
	}
	html_raw(h, "</section>");
}

static void minutes_section(struct page *p, long long id, const json_t *panel,
			    const struct redo *r)
{
	struct html *h = &p->h;
	const char *err = form_error_for(&r->errs, "minutes");
	html_raw(h, "<h2 class=\"govuk-heading-m\">Minutes</h2>");
	if (!auth_runs_panels(p->who.role)) {
		html_raw(h, "<p class=\"govuk-body\">");
		html_text(h, jstr(panel, "minutes") ? jstr(panel, "minutes") : "Not written yet.");
		html_raw(h, "</p>");
		return;
	}
	html_raw(h, "<form method=\"post\" novalidate");
	html_attrf(h, "action", "/panels/%lld/minutes", id);
	html_raw(h, ">");
	page_csrf_field(p);
	page_form_group_open(p, "minutes", "Minutes of the panel", NULL, err);
	html_raw(h, err ? "<textarea class=\"govuk-textarea govuk-textarea--error\" id=\"minutes\" name=\"minutes\" rows=\"6\">"
			: "<textarea class=\"govuk-textarea\" id=\"minutes\" name=\"minutes\" rows=\"6\">");
	html_text(h, r->minutes ? r->minutes : jstr(panel, "minutes"));
	html_raw(h, "</textarea></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Save minutes</button></form>");
}

static void panel_page(struct page *p, long long id, const struct redo *r, int status)
{
	struct html *h = &p->h;
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
	html_raw(h, "<span class=\"govuk-caption-l\">");
	html_date(h, jdate(panel, "date"));
	if (jstr(panel, "location")) {
		html_raw(h, ", ");
		html_text(h, jstr(panel, "location"));
	}
	html_raw(h, "</span><h1 class=\"govuk-heading-l\">");
	html_text(h, name);
	html_raw(h, "</h1><p class=\"govuk-body\"><a class=\"govuk-link\"");
	html_attrf(h, "href", "/panels/%lld/pack", id);
	html_raw(h, ">Panel pack (printable)</a></p>");
	attendance(p, panel);
	html_raw(h, "<h2 class=\"govuk-heading-m\">Agenda</h2>");
	if (!json_array_size(json_object_get(panel, "items")))
		html_raw(h, "<p class=\"govuk-body\">No items you can see.</p>");
	json_array_foreach(json_object_get(panel, "items"), i, it)
		agenda_item(p, id, it, i + 1, r);
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

/* ---- posts ------------------------------------------------------------------ */

/* A refusal's field, for the error beside it; anything unnamed goes on
 * the first control (the summary still says it). */
static const char *field_of(const struct raa_err *err, const char *dflt, char *buf, size_t n)
{
	const char *f = panels_err_field(err, buf, n);
	if (f && (strcmp(f, "recommendation") == 0 || strcmp(f, "reasons") == 0 ||
		  strcmp(f, "minutes") == 0))
		return f;
	return dflt;
}

static void post_recommendation(struct page *p, long long panel, long long item)
{
	struct redo r = { .item = item, .recommendation = form_get(&p->form, "recommendation"),
			  .reasons = form_get(&p->form, "reasons") };
	struct store_scope sc;
	struct raa_err err;
	char buf[32];
	api_scope(&p->who, &sc);
	if (panels_recommend(p->store, &sc, item, r.recommendation, r.reasons, date_today(), &err) == 0) {
		web_audit(p->app, p->who.email, "write_panel", NULL, "recommendation", p->req->client_ip);
		page_redirect(p, arena_printf(&p->req->arena, "/panels/%lld#item-%lld", panel, item));
		return;
	}
	if (err.code == RAA_ENOTFOUND) {
		page_not_found(p);
		return;
	}
	if (err.code != RAA_EINVAL && err.code != RAA_ECONFLICT) {
		page_unavailable(p);
		return;
	}
	const char *f = field_of(&err, "recommendation", buf, sizeof buf);
	form_error_add(&r.errs, f,
		       strcmp(f, "reasons") == 0 ? arena_printf(&p->req->arena, "reasons-%lld", item)
						  : arena_printf(&p->req->arena, "recommendation-%lld-yes", item),
		       arena_strdup(&p->req->arena, err.msg));
	panel_page(p, panel, &r, 422);
}

static void post_minutes(struct page *p, long long panel)
{
	struct redo r = { .minutes = form_get(&p->form, "minutes") };
	struct raa_err err;
	if (panels_minutes(p->store, panel, r.minutes, &err) == 0) {
		web_audit(p->app, p->who.email, "write_panel", NULL, "minutes", p->req->client_ip);
		page_redirect(p, arena_printf(&p->req->arena, "/panels/%lld", panel));
		return;
	}
	if (err.code == RAA_ENOTFOUND) {
		page_not_found(p);
		return;
	}
	form_error_add(&r.errs, "minutes", "minutes", arena_strdup(&p->req->arena, err.msg));
	panel_page(p, panel, &r, 422);
}

/* ---- routing ---------------------------------------------------------------- */

/* "/panels/12" + rest: the id, and where the rest starts; 0 if none. */
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

static void route_panel(struct page *p, long long id, const char *rest, bool post)
{
	const char *tail;
	long long item;
	struct redo none = { 0 };
	bool runs = auth_runs_panels(p->who.role);
	if (!post && *rest == '\0')
		panel_page(p, id, &none, 200);
	else if (!post && strcmp(rest, "/pack") == 0)
		pack_page(p, id);
	else if (post && !runs)
		page_forbidden(p, "Only the panel adviser records recommendations and minutes.");
	else if (post && strcmp(rest, "/minutes") == 0)
		post_minutes(p, id);
	else if (post && strncmp(rest, "/items/", 7) == 0 && (item = path_id(rest + 7, &tail)) &&
		 strcmp(tail, "/recommendation") == 0)
		post_recommendation(p, id, item);
	else
		page_not_found(p);
}

bool page_panel_route(struct page *p)
{
	const char *path = p->req->path;
	const char *rest;
	bool post = strcmp(p->req->method, "POST") == 0;
	if (strcmp(path, "/panels") != 0 && strncmp(path, "/panels/", 8) != 0)
		return false;
	if (!auth_reads_panels(p->who.role)) {
		page_forbidden(p, "Your role does not read panels.");
		return true;
	}
	if (strcmp(path, "/panels") == 0) {
		if (post)
			page_not_found(p);
		else
			panels_list(p);
		return true;
	}
	long long id = path_id(path + 8, &rest);
	if (!id)
		page_not_found(p);
	else
		route_panel(p, id, rest, post);
	return true;
}
