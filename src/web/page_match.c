/*
 * page_match: the matching pages of issue #5 (docs/matching.md, "Pages").
 *
 *   GET /children/{id}/matching  a child's unit, ranked candidates with their
 *                                reasons, and why the others are excluded
 *   GET /adopters/{id}/matching  every waiting unit a household could meet
 *   GET /matching                the exact pool-wide proposal, the unplaced
 *                                units and what would place them
 *
 * Every page builds the region's pool on ?on=YYYY-MM-DD (default today)
 * through service/matching.h, the same code as `raa match`, so a page and
 * the CLI never disagree. LA users reach only their own children's page;
 * their pool is still the whole region's households, but nothing on the
 * page says where a household lives.
 */
#include <stdlib.h>
#include <string.h>

#include "service/matching.h"
#include "service/users.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

#define EARLY_TOP 3 /* candidates shown for each early family finding unit */

/* ---- words ---------------------------------------------------------------- */

static const char *code_label(int code)
{
	static const char *const t[MC_COUNT] = {
		"Not available", "Age range", "Number of children", "Disability needs",
		"Health needs", "Development needs", "Behaviour needs", "Contact",
		"Birth family area"
	};
	return code >= 0 && code < MC_COUNT ? t[code] : "";
}

static const char *factor_label(int f)
{
	static const char *const t[MF_COUNT] = { "Needs headroom", "Identity and heritage",
						 "Early permanence", "Child's wait",
						 "Household's wait" };
	return f >= 0 && f < MF_COUNT ? t[f] : "";
}

static const char *lower_need(int level)
{
	static const char *const t[] = { "no", "low", "medium", "high" };
	return level >= 0 && level <= 3 ? t[level] : "some";
}

static const char *lower_contact(int level)
{
	static const char *const t[] = { "no", "letterbox", "direct" };
	return level >= 0 && level <= 2 ? t[level] : "some";
}

/* Who the region would need to recruit so that a unit failing `code` (at
 * the unit's size, need levels and contact `n`, `level`) had a family. */
static void recruit_text(struct html *h, int code, int n, int level)
{
	switch (code) {
	case MC_NOT_AVAILABLE:
		html_text(h, "more approved households free to be linked");
		break;
	case MC_AGE_RANGE:
		html_text(h, "households approved for children of this age");
		break;
	case MC_MAX_CHILDREN:
		html_textf(h, "households approved for %d+ children", n);
		break;
	case MC_CONTACT:
		html_textf(h, "households who can support %s contact", lower_contact(level));
		break;
	case MC_BIRTH_FAMILY_AREA:
		html_text(h, "households living away from the birth family's area");
		break;
	default:
		html_textf(h, "households who can meet %s %s", lower_need(level),
			   code == MC_DISABILITY ? "disability needs" : code == MC_HEALTH ? "health needs"
				: code == MC_DEVELOPMENT ? "development needs" : "behaviour needs");
	}
}

/* The unit's level that a failing code is about (need or contact). */
static int unit_level(const struct match_unit *u, int code)
{
	if (code >= MC_DISABILITY && code <= MC_BEHAVIOUR)
		return u->need[code - MC_DISABILITY];
	return code == MC_CONTACT ? u->contact : 0;
}

static void points(struct html *h, int tenths)
{
	html_textf(h, "%.1f", (double)tenths / 10.0);
}

/* ---- request pieces ------------------------------------------------------- */

/* /<prefix><id>/matching: the id (one segment) into the arena, or NULL. */
static const char *matching_path_id(struct page *p, const char *prefix)
{
	static const char suffix[] = "/matching";
	const char *path = p->req->path;
	size_t pl = strlen(prefix), sl = strlen(suffix);
	if (strncmp(path, prefix, pl) != 0)
		return NULL;
	const char *id = path + pl;
	size_t n = strlen(id);
	if (n <= sl || strcmp(id + n - sl, suffix) != 0 || memchr(id, '/', n - sl))
		return NULL;
	return arena_strndup(&p->req->arena, id, n - sl);
}

/* ?on=YYYY-MM-DD, default today. False (400 page written) when malformed. */
static bool read_on(struct page *p, raa_day *on)
{
	const char *v = http_query(p->req, "on");
	*on = date_today();
	if (!v || !*v || date_parse_iso(v, on) == 0)
		return true;
	page_forbidden(p, "The date to match on must be a real date written YYYY-MM-DD, for example 2026-11-23.");
	p->resp->status = 400;
	return false;
}

/* Roles that read no case records get the same 404 as the rest of the
 * record pages; case readers outside the pool are told why. */
static bool may_see(struct page *p, bool la_allowed)
{
	const char *role = p->who.role;
	if (auth_sees_pool(role) || (la_allowed && user_role_is_la(role)))
		return true;
	if (auth_reads_cases(role))
		page_forbidden(p, "Matching is for the RAA's family finders, panel advisers, agency "
				  "decision makers and managers, and for LA staff on their own children.");
	else
		page_not_found(p);
	return false;
}

/* The region's pool. An LA user's scope holds only its own households, so
 * its pool is read at region scope (after its own scope has shown the
 * child): candidates come from every partner, as matching.md's one pool. */
static bool open_pool(struct page *p, raa_day on, struct matching *m)
{
	struct store_scope sc = { .kind = SCOPE_REGION, .actor = p->who.email };
	struct raa_err err;
	if (matching_open(p->store, &sc, on, m, &err) < 0) {
		page_unavailable(p);
		return false;
	}
	return true;
}

static void date_form(struct page *p, const char *action, raa_day on)
{
	struct html *h = &p->h;
	char iso[DATE_ISO_LEN];
	date_format_iso(on, iso);
	html_raw(h, "<form method=\"get\" class=\"raa-filters\"");
	html_attr(h, "action", action);
	html_raw(h, "><div class=\"govuk-form-group raa-filters__item\">"
		    "<label class=\"govuk-label govuk-label--s\" for=\"on\">Match on</label>"
		    "<div class=\"govuk-hint\" id=\"on-hint\">A date, YYYY-MM-DD</div>"
		    "<input class=\"govuk-input govuk-input--width-10\" id=\"on\" name=\"on\" type=\"text\" aria-describedby=\"on-hint\"");
	html_attr(h, "value", iso);
	html_raw(h, "></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Show</button></form>");
}

static void table_open(struct html *h, const char *testid, const char *caption,
		       const char *const *cols)
{
	html_raw(h, "<table class=\"govuk-table raa-table\"");
	html_attr(h, "data-testid", testid);
	html_raw(h, "><caption class=\"govuk-table__caption govuk-table__caption--m\">");
	html_text(h, caption);
	html_raw(h, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	for (; *cols; cols++) {
		html_raw(h, "<th scope=\"col\" class=\"govuk-table__header\">");
		html_text(h, *cols);
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
}

static void td(struct html *h)
{
	html_raw(h, "</td><td class=\"govuk-table__cell\">");
}

/* A unit's children, each linking to its own matching page. */
static void unit_links(struct page *p, const struct match_unit *u)
{
	for (int i = 0; i < u->n; i++) {
		const struct child_rec *c = u->kids[i];
		if (i)
			html_raw(&p->h, ", ");
		html_raw(&p->h, "<a class=\"govuk-link\"");
		html_attrf(&p->h, "href", "/children/%s/matching", html_url_encode(&p->req->arena, c->id));
		html_attr(&p->h, "data-child", c->id);
		html_raw(&p->h, ">");
		html_textf(&p->h, "%s %s (%s)", c->first_name ? c->first_name : "",
			   c->last_name ? c->last_name : "", c->id);
		html_raw(&p->h, "</a>");
	}
}

/* A household: its page for pool readers; id and name only for LA users,
 * who may not open households outside their area. */
static void household_cell(struct page *p, const struct adopter_rec *a, bool la)
{
	const char *text = arena_printf(&p->req->arena, "%s (%s)", a->name ? a->name : "", a->id);
	if (la)
		html_text(&p->h, text);
	else
		page_record_link(p, REC_ADOPTER, a->id, text);
}

static void reasons_list(struct page *p, const struct match_pool *pool, const struct match_unit *u,
			 const struct match_household *hh)
{
	struct match_reason r[MF_COUNT];
	match_score(pool, u, hh, r);
	struct html *h = &p->h;
	html_raw(h, "<ul class=\"govuk-list govuk-body-s\" data-testid=\"reasons\">");
	for (int f = 0; f < MF_COUNT; f++) {
		html_raw(h, "<li");
		html_attr(h, "data-factor", match_factor_name(r[f].factor));
		html_attrf(h, "data-points", "%.1f", (double)r[f].points / 10.0);
		html_raw(h, "><strong>");
		html_text(h, factor_label(r[f].factor));
		html_raw(h, " ");
		points(h, r[f].points);
		html_raw(h, "</strong>: ");
		html_text(h, r[f].text);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
}

static void weights_details(struct page *p, const struct match_weights *w)
{
	struct html *h = &p->h;
	html_raw(h, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
		    "<span class=\"govuk-details__summary-text\">How scores are weighted</span></summary>"
		    "<div class=\"govuk-details__text\"><dl class=\"govuk-summary-list\" data-testid=\"weights\">");
	for (size_t i = 0; i < MATCH_SETTING_COUNT; i++) {
		html_raw(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
		html_text(h, MATCH_SETTINGS[i].key);
		html_raw(h, "</dt><dd class=\"govuk-summary-list__value\">");
		html_textf(h, "%g: %s", match_weights_get(w, i), MATCH_SETTINGS[i].what);
		html_raw(h, "</dd></div>");
	}
	html_raw(h, "</dl></div></details>");
}

static void codes_text(struct html *h, unsigned fails)
{
	bool first = true;
	for (int k = 0; k < MC_COUNT; k++) {
		if (!(fails & (1u << k)))
			continue;
		if (!first)
			html_raw(h, ", ");
		html_raw(h, "<span");
		html_attr(h, "data-code", match_code_name(k));
		html_raw(h, ">");
		html_text(h, code_label(k));
		html_raw(h, "</span>");
		first = false;
	}
}

/* ---- a child's matching page ---------------------------------------------- */

static void child_heading(struct page *p, const struct child_rec *c, const char *title)
{
	struct html *h = &p->h;
	html_raw(h, "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\">"
		    "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/children\">Children</a></li>"
		    "<li class=\"govuk-breadcrumbs__list-item\">");
	html_raw(h, "<a class=\"govuk-breadcrumbs__link\"");
	html_attrf(h, "href", "/children/%s", html_url_encode(&p->req->arena, c->id));
	html_raw(h, ">");
	html_text(h, c->id);
	html_raw(h, "</a></li><li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">Matching</li></ol></nav>"
		    "<span class=\"govuk-caption-l\">Child ");
	html_text(h, c->id);
	html_raw(h, "</span><h1 class=\"govuk-heading-l\">");
	html_text(h, title);
	html_raw(h, "</h1>");
}

static void not_in_pool(struct page *p, const struct snap_child *sc, raa_day on)
{
	struct html *h = &p->h;
	int st = journey_status(&sc->j, on);
	html_raw(h, "<div class=\"govuk-inset-text\" data-testid=\"not-in-pool\"");
	html_attr(h, "data-status", child_status_name(st));
	html_raw(h, "><p class=\"govuk-body\">");
	html_textf(h, "This child is %s%s on ", label_child_status(st),
		   st == CS_TRACKING ? " with no early referral" : "");
	html_date(h, on);
	html_raw(h, ".</p><p class=\"govuk-body\">");
	html_text(h, "Matching is for a child who is waiting for a family, or a child being "
		     "tracked who has been referred for early family finding. Record the child's "
		     "next step on their journey first.");
	html_raw(h, "</p></div>");
}

static void propose_form(struct page *p, const char *child, const char *adopter)
{
	struct html *h = &p->h;
	html_raw(h, "<form method=\"post\" class=\"raa-inline\"");
	html_attrf(h, "action", "/children/%s/links", html_url_encode(&p->req->arena, child));
	html_raw(h, ">");
	page_csrf_field(p);
	html_raw(h, "<input type=\"hidden\" name=\"adopter\"");
	html_attr(h, "value", adopter);
	html_raw(h, "><button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
		    "data-module=\"govuk-button\" data-testid=\"propose\">Propose a link</button></form>");
}

static void candidate_row(struct page *p, const struct match_pool *pool, const struct match_unit *u,
			  const struct match_entry *e, size_t rank, const char *child, bool la)
{
	const struct match_household *hh = &pool->hh[e->idx];
	const struct adopter_rec *a = hh->rec;
	struct html *h = &p->h;
	html_raw(h, "<tr class=\"govuk-table__row\"");
	html_attr(h, "data-adopter", a->id);
	html_attrf(h, "data-score", "%.1f", (double)e->score / 10.0);
	html_raw(h, "><td class=\"govuk-table__cell\">");
	html_textf(h, "%zu", rank);
	td(h);
	household_cell(p, a, la);
	html_raw(h, "<p class=\"govuk-body-s\">");
	html_textf(h, "Approved for %d to %d months, up to %d child%s", a->min_age_months,
		   a->max_age_months, a->max_children, a->max_children == 1 ? "" : "ren");
	if (hh->approved != DAY_NONE) {
		html_text(h, "; approved ");
		html_date(h, hh->approved);
	}
	if (!la && a->postcode_district && *a->postcode_district) {
		html_text(h, "; lives in ");
		html_text(h, a->postcode_district);
	}
	html_raw(h, "</p>");
	td(h);
	html_raw(h, "<strong class=\"govuk-!-font-size-24\">");
	points(h, e->score);
	html_raw(h, "</strong>");
	td(h);
	reasons_list(p, pool, u, hh);
	if (auth_links(p->who.role) && !u->early)
		propose_form(p, child, a->id);
	html_raw(h, "</td></tr>");
}

static void candidates_table(struct page *p, const struct match_pool *pool, const struct match_unit *u,
			     const struct match_list *l, const char *child, bool la)
{
	static const char *const cols[] = { "Rank", "Household", "Score", "Why", NULL };
	struct html *h = &p->h;
	if (l->ncand == 0) {
		html_raw(h, "<h2 class=\"govuk-heading-m\">Candidates</h2><p class=\"govuk-body\" data-testid=\"candidates\">"
			    "No approved household meets every requirement on this date.</p>");
		return;
	}
	table_open(h, "candidates", "Candidates, best first", cols);
	for (size_t i = 0; i < l->ncand; i++)
		candidate_row(p, pool, u, &l->cand[i], i + 1, child, la);
	html_raw(h, "</tbody></table>");
}

/* Where a household lives never reaches LA users: being excluded for
 * living in the birth family's area says where, so for them that code
 * is counted but never tied to a household. */
static void excluded_section(struct page *p, const struct match_pool *pool, const struct match_unit *u,
			     const struct match_list *l, bool la)
{
	struct html *h = &p->h;
	size_t counts[MC_COUNT];
	matching_exclusions(pool, u, counts, NULL);
	html_raw(h, "<h2 class=\"govuk-heading-m\" id=\"excluded\">Excluded households</h2><p class=\"govuk-body\">");
	html_textf(h, "%zu household%s did not meet every requirement. A household can fail more than one.",
		   l->nexcl, l->nexcl == 1 ? "" : "s");
	html_raw(h, "</p><ul class=\"govuk-list govuk-list--bullet\" data-testid=\"exclusion-counts\">");
	for (int k = 0; k < MC_COUNT; k++) {
		if (!counts[k])
			continue;
		html_raw(h, "<li");
		html_attr(h, "data-code", match_code_name(k));
		html_attrf(h, "data-count", "%zu", counts[k]);
		html_raw(h, ">");
		html_textf(h, "%s: %zu household%s", code_label(k), counts[k], counts[k] == 1 ? "" : "s");
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
	if (l->nexcl == 0)
		return;
	unsigned hide = la ? 1u << MC_BIRTH_FAMILY_AREA : 0;
	size_t hidden = 0;
	html_raw(h, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
		    "<span class=\"govuk-details__summary-text\">Every excluded household and why</span></summary>"
		    "<div class=\"govuk-details__text\"><ul class=\"govuk-list\" data-testid=\"excluded\">");
	for (size_t i = 0; i < l->nexcl; i++) {
		unsigned fails = l->excl[i].fails & ~hide;
		if (!fails) {
			hidden++;
			continue;
		}
		const struct adopter_rec *a = pool->hh[l->excl[i].idx].rec;
		html_raw(h, "<li");
		html_attr(h, "data-adopter", a->id);
		html_raw(h, ">");
		household_cell(p, a, la);
		html_raw(h, ": ");
		codes_text(h, fails);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
	if (hidden) {
		html_raw(h, "<p class=\"govuk-body-s\" data-testid=\"excluded-unnamed\">");
		html_textf(h, "%zu household%s excluded only because %s in the birth family's area %s not named here.",
			   hidden, hidden == 1 ? "" : "s", hidden == 1 ? "it lives" : "they live",
			   hidden == 1 ? "is" : "are");
		html_raw(h, "</p>");
	}
	html_raw(h, "</div></details>");
}

static void unit_summary(struct page *p, const struct match_pool *pool, const struct match_unit *u)
{
	struct html *h = &p->h;
	html_raw(h, "<dl class=\"govuk-summary-list raa-summary\" data-testid=\"unit\">"
		    "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Matched as</dt>"
		    "<dd class=\"govuk-summary-list__value\">");
	unit_links(p, u);
	if (u->n > 1)
		html_text(h, ": siblings are never split");
	html_raw(h, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Pool</dt>"
		    "<dd class=\"govuk-summary-list__value\">");
	if (u->early)
		html_raw(h, "<strong class=\"govuk-tag govuk-tag--purple\">Early family finding</strong> "
			    "shown apart: never in the pool-wide proposal");
	else
		html_text(h, "Waiting");
	html_raw(h, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Matched on</dt>"
		    "<dd class=\"govuk-summary-list__value\">");
	html_date(h, pool->on);
	html_raw(h, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Priority</dt>"
		    "<dd class=\"govuk-summary-list__value\">");
	html_textf(h, "%.2f (harder to place and longest waiting come first)", u->priority / 100.0);
	html_raw(h, "</dd></div></dl>");
}

static void child_matching(struct page *p, const char *id)
{
	raa_day on;
	if (!may_see(p, true) || !read_on(p, &on))
		return;
	struct store_scope sc;
	struct raa_err err;
	api_scope(&p->who, &sc);
	/* The caller's own scope decides whether the child exists for them. */
	if (!record_id_valid(id) || store_record_type(p->store, &sc, id, &err) != REC_CHILD) {
		page_not_found(p);
		return;
	}
	struct matching m;
	if (!open_pool(p, on, &m))
		return;
	const struct snap_child *c = snapshot_child(&m.snap, id);
	const struct match_unit *u = c ? match_pool_unit_of(&m.pool, id) : NULL;
	bool la = user_role_is_la(p->who.role);
	const char *title = arena_printf(&p->req->arena, "Matching for %s %s", c && c->rec.first_name ? c->rec.first_name : "",
					 c && c->rec.last_name ? c->rec.last_name : "");
	if (!c) {
		matching_close(&m);
		page_not_found(p);
		return;
	}
	page_begin(p, title, NAV_CHILDREN, 0);
	child_heading(p, &c->rec, title);
	date_form(p, arena_printf(&p->req->arena, "/children/%s/matching", html_url_encode(&p->req->arena, id)), on);
	if (!u) {
		not_in_pool(p, c, on);
	} else {
		struct match_list l;
		match_for_unit(&m.pool, u, &l);
		unit_summary(p, &m.pool, u);
		candidates_table(p, &m.pool, u, &l, id, la);
		excluded_section(p, &m.pool, u, &l, la);
		weights_details(p, &m.pool.w);
		match_list_free(&l);
	}
	page_end(p, 200);
	web_audit(p->app, p->who.email, "read_child_matching", id, NULL, p->req->client_ip);
	matching_close(&m);
}

/* ---- a household's matching page ----------------------------------------- */

static void unit_rows(struct page *p, const struct match_pool *pool, const struct match_household *hh,
		      const struct match_list *l, bool early)
{
	struct html *h = &p->h;
	for (size_t i = 0; i < l->ncand; i++) {
		const struct match_unit *u = early ? &pool->early[l->cand[i].idx] : &pool->units[l->cand[i].idx];
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-child", u->kids[0]->id);
		html_attrf(h, "data-score", "%.1f", (double)l->cand[i].score / 10.0);
		html_raw(h, "><td class=\"govuk-table__cell\">");
		unit_links(p, u);
		td(h);
		html_textf(h, "%.2f", u->priority / 100.0);
		td(h);
		html_raw(h, "<strong>");
		points(h, l->cand[i].score);
		html_raw(h, "</strong>");
		td(h);
		reasons_list(p, pool, u, hh);
		html_raw(h, "</td></tr>");
	}
}

static void household_lists(struct page *p, const struct match_pool *pool, const struct match_household *hh)
{
	static const char *const cols[] = { "Children", "Priority", "Score", "Why", NULL };
	struct html *h = &p->h;
	struct match_list l, el;
	match_for_household(pool, hh, &l, &el);
	if (l.ncand) {
		table_open(h, "candidates", "Waiting children this household could meet, highest priority first", cols);
		unit_rows(p, pool, hh, &l, false);
		html_raw(h, "</tbody></table>");
	} else {
		html_raw(h, "<h2 class=\"govuk-heading-m\">Waiting children</h2><p class=\"govuk-body\" data-testid=\"candidates\">"
			    "This household meets the requirements of no waiting child on this date.</p>");
	}
	if (el.ncand) {
		table_open(h, "early", "Early family finding children it could meet", cols);
		unit_rows(p, pool, hh, &el, true);
		html_raw(h, "</tbody></table>");
	}
	html_raw(h, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">");
	html_textf(h, "%zu waiting unit%s excluded, and why", l.nexcl, l.nexcl == 1 ? "" : "s");
	html_raw(h, "</span></summary><div class=\"govuk-details__text\"><ul class=\"govuk-list\" data-testid=\"excluded\">");
	for (size_t i = 0; i < l.nexcl; i++) {
		const struct match_unit *u = &pool->units[l.excl[i].idx];
		html_raw(h, "<li");
		html_attr(h, "data-child", u->kids[0]->id);
		html_raw(h, ">");
		unit_links(p, u);
		html_raw(h, ": ");
		codes_text(h, l.excl[i].fails);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul></div></details>");
	match_list_free(&l);
	match_list_free(&el);
}

static void adopter_matching(struct page *p, const char *id)
{
	raa_day on;
	if (!may_see(p, false) || !read_on(p, &on))
		return;
	struct matching m;
	if (!record_id_valid(id) || !open_pool(p, on, &m)) {
		if (!record_id_valid(id))
			page_not_found(p);
		return;
	}
	const struct snap_adopter *sa = snapshot_adopter(&m.snap, id);
	if (!sa) {
		matching_close(&m);
		page_not_found(p);
		return;
	}
	const struct match_household *hh = match_pool_household(&m.pool, id);
	const char *name = sa->rec.name ? sa->rec.name : id;
	const char *title = arena_printf(&p->req->arena, "Matching for %s", name);
	struct html *h = &p->h;
	page_begin(p, title, NAV_ADOPTERS, 0);
	html_raw(h, "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\">"
		    "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/adopters\">Adopter households</a></li>"
		    "<li class=\"govuk-breadcrumbs__list-item\">");
	page_record_link(p, REC_ADOPTER, id, NULL);
	html_raw(h, "</li><li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">Matching</li></ol></nav>"
		    "<span class=\"govuk-caption-l\">Adopter household ");
	html_text(h, id);
	html_raw(h, "</span><h1 class=\"govuk-heading-l\">");
	html_text(h, title);
	html_raw(h, "</h1>");
	date_form(p, arena_printf(&p->req->arena, "/adopters/%s/matching", html_url_encode(&p->req->arena, id)), on);
	if (!hh) {
		int st = journey_status(&sa->j, on);
		html_raw(h, "<div class=\"govuk-inset-text\" data-testid=\"not-in-pool\"");
		html_attr(h, "data-status", adopter_status_name(st));
		html_raw(h, "><p class=\"govuk-body\">");
		html_textf(h, "This household is %s on ", label_adopter_status(st));
		html_date(h, on);
		html_text(h, ". Matching is for households that are approved, on hold or linked.");
		html_raw(h, "</p></div>");
	} else {
		if (!hh->available)
			html_raw(h, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
				    "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
				    "This household is on hold or has an open link: every waiting child is excluded as not available.</strong></div>");
		household_lists(p, &m.pool, hh);
		weights_details(p, &m.pool.w);
	}
	page_end(p, 200);
	web_audit(p->app, p->who.email, "read_adopter_matching", id, NULL, p->req->client_ip);
	matching_close(&m);
}

/* ---- the pool ------------------------------------------------------------- */

static void card(struct html *h, const char *testid, size_t n, const char *what)
{
	html_raw(h, "<div class=\"govuk-grid-column-one-quarter\"><div class=\"raa-card\"");
	html_attr(h, "data-testid", testid);
	html_raw(h, "><p class=\"raa-card__number\">");
	html_textf(h, "%zu", n);
	html_raw(h, "</p><p class=\"raa-card__label\">");
	html_text(h, what);
	html_raw(h, "</p></div></div>");
}

static void proposals_table(struct page *p, const struct match_pool *pool, const struct match_result *r)
{
	static const char *const cols[] = { "Children", "Household", "Score", "Priority", NULL };
	struct html *h = &p->h;
	table_open(h, "proposals", "Proposed links, highest priority first", cols);
	for (size_t i = 0; i < r->nprop; i++) {
		const struct match_unit *u = &pool->units[r->prop[i].unit];
		const struct adopter_rec *a = pool->hh[r->prop[i].hh].rec;
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-child", u->kids[0]->id);
		html_attr(h, "data-adopter", a->id);
		html_attrf(h, "data-size", "%d", u->n);
		html_raw(h, "><td class=\"govuk-table__cell\">");
		unit_links(p, u);
		td(h);
		household_cell(p, a, false);
		td(h);
		points(h, r->prop[i].score);
		td(h);
		html_textf(h, "%.2f", u->priority / 100.0);
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

/* Pool-wide: per code, households excluded summed over unplaced units,
 * the units it is the main obstacle for, and the hardest case (the
 * largest unit, the highest level) to phrase whom to recruit. */
struct obstacle {
	size_t households, units;
	int n, level;
};

static void unplaced_table(struct page *p, const struct match_pool *pool, const struct match_result *r,
			   struct obstacle ob[MC_COUNT])
{
	static const char *const cols[] = { "Children", "Main reason nobody fits", "Would need", NULL };
	struct html *h = &p->h;
	memset(ob, 0, MC_COUNT * sizeof *ob);
	if (r->nunplaced == 0) {
		html_raw(h, "<h2 class=\"govuk-heading-m\">Unplaced children</h2><p class=\"govuk-body\" data-testid=\"unplaced\">"
			    "Every waiting child has a proposed household.</p>");
		return;
	}
	table_open(h, "unplaced", "Unplaced children and why nobody fits", cols);
	for (size_t i = 0; i < r->nunplaced; i++) {
		const struct match_unit *u = &pool->units[r->unplaced[i]];
		size_t counts[MC_COUNT], nexcl;
		int top = matching_exclusions(pool, u, counts, &nexcl);
		size_t fit = pool->nhh - nexcl;
		for (int k = 0; k < MC_COUNT; k++) {
			ob[k].households += counts[k];
			if (counts[k] && u->n > ob[k].n)
				ob[k].n = u->n;
			if (counts[k] && unit_level(u, k) > ob[k].level)
				ob[k].level = unit_level(u, k);
		}
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-child", u->kids[0]->id);
		html_attr(h, "data-top", top >= 0 ? match_code_name(top) : "");
		html_attrf(h, "data-count", "%zu", top >= 0 ? counts[top] : 0);
		html_attrf(h, "data-fit", "%zu", fit);
		html_raw(h, "><td class=\"govuk-table__cell\">");
		unit_links(p, u);
		td(h);
		if (top < 0) {
			html_text(h, "Every household that fits is proposed for a child of higher priority");
		} else {
			ob[top].units++;
			html_textf(h, "%s: %zu household%s", code_label(top), counts[top],
				   counts[top] == 1 ? "" : "s");
		}
		td(h);
		if (top >= 0)
			recruit_text(h, top, u->n, unit_level(u, top));
		else
			html_text(h, "one more household like those proposed");
		if (fit)
			html_textf(h, " (%zu household%s fit%s but %s proposed for children of higher priority)",
				   fit, fit == 1 ? "" : "s", fit == 1 ? "s" : "", fit == 1 ? "is" : "are");
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void recruitment_table(struct page *p, const struct obstacle ob[MC_COUNT])
{
	static const char *const cols[] = { "Constraint", "Households excluded from unplaced children",
					    "Main reason for", "Recruit", NULL };
	struct html *h = &p->h;
	int order[MC_COUNT], n = 0;
	for (int k = 0; k < MC_COUNT; k++)
		if (ob[k].households)
			order[n++] = k;
	/* Most households excluded first: insertion sort over nine codes. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && ob[order[j]].households > ob[order[j - 1]].households; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (n == 0)
		return;
	table_open(h, "recruitment", "What would place more children", cols);
	for (int i = 0; i < n; i++) {
		int k = order[i];
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-code", match_code_name(k));
		html_attrf(h, "data-count", "%zu", ob[k].households);
		html_raw(h, "><td class=\"govuk-table__cell\">");
		html_text(h, code_label(k));
		td(h);
		html_textf(h, "%zu", ob[k].households);
		td(h);
		html_textf(h, "%zu unit%s", ob[k].units, ob[k].units == 1 ? "" : "s");
		td(h);
		recruit_text(h, k, ob[k].n, ob[k].level);
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void early_table(struct page *p, const struct match_pool *pool)
{
	static const char *const cols[] = { "Children", "Best candidates", NULL };
	struct html *h = &p->h;
	if (pool->nearly == 0)
		return;
	table_open(h, "early", "Early family finding, shown apart (never proposed)", cols);
	for (size_t i = 0; i < pool->nearly; i++) {
		struct match_list l;
		match_for_unit(pool, &pool->early[i], &l);
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-child", pool->early[i].kids[0]->id);
		html_raw(h, "><td class=\"govuk-table__cell\">");
		unit_links(p, &pool->early[i]);
		td(h);
		if (l.ncand == 0)
			html_text(h, "None yet");
		for (size_t k = 0; k < l.ncand && k < EARLY_TOP; k++) {
			if (k)
				html_raw(h, ", ");
			household_cell(p, pool->hh[l.cand[k].idx].rec, false);
			html_text(h, " ");
			points(h, l.cand[k].score);
		}
		html_raw(h, "</td></tr>");
		match_list_free(&l);
	}
	html_raw(h, "</tbody></table>");
}

static void pool_page(struct page *p)
{
	raa_day on;
	if (!may_see(p, false) || !read_on(p, &on))
		return;
	struct matching m;
	if (!open_pool(p, on, &m))
		return;
	struct match_result r;
	match_pool_propose(&m.pool, &r);
	size_t available = 0;
	for (size_t i = 0; i < m.pool.nhh; i++)
		available += m.pool.hh[i].available;
	struct html *h = &p->h;
	page_begin(p, "Matching pool", NAV_MATCHING, 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Matching pool</h1><p class=\"govuk-body\">");
	html_text(h, "Every waiting child of every partner against every approved household. The "
		     "proposal places the most children, then gives the best total score weighted by "
		     "priority. It proposes; people decide.");
	html_raw(h, "</p>");
	date_form(p, "/matching", on);
	html_raw(h, "<div class=\"govuk-grid-row raa-cards\" data-testid=\"pool-summary\"");
	html_attrf(h, "data-children-placed", "%d", r.children_placed);
	html_raw(h, ">");
	card(h, "children-placed", (size_t)r.children_placed, "children placed by the proposal");
	card(h, "proposals-count", r.nprop, "proposed links");
	card(h, "unplaced-count", r.nunplaced, "units nobody can be proposed for");
	card(h, "available-count", available, "households free to be linked");
	html_raw(h, "</div>");
	proposals_table(p, &m.pool, &r);
	struct obstacle ob[MC_COUNT];
	unplaced_table(p, &m.pool, &r, ob);
	recruitment_table(p, ob);
	early_table(p, &m.pool);
	weights_details(p, &m.pool.w);
	page_end(p, 200);
	web_audit(p->app, p->who.email, "read_pool", NULL, NULL, p->req->client_ip);
	match_result_free(&r);
	matching_close(&m);
}

/* ---- routing ---------------------------------------------------------------- */

bool page_match_route(struct page *p)
{
	const char *m = p->req->method, *id;
	if (strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0)
		return false;
	if (strcmp(p->req->path, "/matching") == 0)
		pool_page(p);
	else if ((id = matching_path_id(p, "/children/")))
		child_matching(p, id);
	else if ((id = matching_path_id(p, "/adopters/")))
		adopter_matching(p, id);
	else
		return false;
	return true;
}
