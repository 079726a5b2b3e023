/*
 * page_perf: the performance dashboard (issue #6, docs/pages.md).
 *
 * GET /performance: the Adoption Scorecard of the region and every partner
 * side by side for the rolling three years to a date, and the 12-quarter
 * trends of the headline indicators. GET /performance/{partner}: one
 * partner beside the region and its own value a year earlier. Managers and
 * the board only (auth_sees_performance); to everyone else these pages do
 * not exist (404). Aggregates only: no record is named anywhere, so the
 * board may see every figure. The figures come from perf_cache, so a
 * repeated view costs a lookup, not a load of the region.
 */
#include <stdio.h>
#include <string.h>

#include "report/quarterly.h"
#include "report/scorecard_out.h"
#include "report/svg.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"
#include "web/perf_cache.h"

#define PERF_YEARS 3
#define PERF_PREFIX "/performance/"
/* Eleven value columns must fit the page: small type, tight cells (GOV.UK
 * override classes: the cells set their own size, so the table's would
 * not reach them). */
#define TD "govuk-table__cell govuk-table__cell--numeric govuk-!-font-size-16 govuk-!-padding-right-1"
#define TH "govuk-table__header govuk-!-font-size-16 govuk-!-padding-right-1"

/* The date asked for, its error, and the figures for it. */
struct perf_view {
	raa_day to;
	const char *to_text;    /* as typed, for the form */
	struct form_errors errs;
	struct perf_figures *f; /* NULL when the date was refused */
};

/* ---- the date ---------------------------------------------------------- */

/* ?to=YYYY-MM-DD, on or before today; default the last quarter's end. */
static void read_to(struct page *p, struct perf_view *v)
{
	raa_day today = date_today();
	const char *s = http_query(p->req, "to");
	v->to_text = s ? s : "";
	v->to = scorecard_quarter_end(today);
	if (!s || !*s)
		return;
	const char *msg = NULL;
	if (date_parse_iso(s, &v->to) < 0)
		msg = arena_printf(&p->req->arena,
				   "Enter the end date as a real date in the form YYYY-MM-DD, "
				   "for example 2026-03-31 (you entered '%.40s')", s);
	else if (v->to > today)
		msg = "The end date must be today or in the past";
	if (msg)
		form_error_add(&v->errs, "to", "to", msg);
}

static void to_form(struct page *p, const struct perf_view *v, const char *action)
{
	struct html *h = &p->h;
	const char *err = form_error_for(&v->errs, "to");
	html_raw(h, "<form method=\"get\" class=\"raa-filters\" novalidate");
	html_attr(h, "action", action);
	html_raw(h, ">");
	page_form_group_open(p, "to", "Period ending",
			     "The last day of the rolling three years, as YYYY-MM-DD. "
			     "Leave blank for the last complete quarter.", err);
	html_raw(h, "<input type=\"text\" id=\"to\" name=\"to\" spellcheck=\"false\" "
		    "inputmode=\"numeric\"");
	html_attr(h, "class", err ? "govuk-input govuk-input--width-10 govuk-input--error"
				  : "govuk-input govuk-input--width-10");
	html_attr(h, "aria-describedby", err ? "to-hint to-error" : "to-hint");
	char iso[DATE_ISO_LEN];
	date_format_iso(v->to, iso);
	html_attr(h, "value", err ? v->to_text : iso);
	html_raw(h, "></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
		    "data-module=\"govuk-button\">Show figures</button></form>");
}

/* ---- one indicator's value ---------------------------------------------- */

/* The headline of indicator i and its detail: "351" / "n 80",
 * "76.3%" / "61 of 80", "31" / "4 over 18 months". */
static void value_words(const struct scorecard *sc, int i, char *head, char *sub, size_t sz)
{
	const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
	char a[24], b[24], c[24]; /* "-", a count or "76.3%" */
	scout_fmt_value(a, sizeof a, sc, i, ind->fields[0]);
	sub[0] = 0;
	if (ind->nfields == 1) {
		snprintf(head, sz, "%s", a);
		return;
	}
	scout_fmt_value(b, sizeof b, sc, i, ind->fields[1]);
	switch (ind->fields[ind->nfields - 1]) {
	case SC_F_N:
		snprintf(head, sz, "%s", a);
		snprintf(sub, sz, "n %s", b);
		break;
	case SC_F_PCT:
		scout_fmt_value(c, sizeof c, sc, i, SC_F_PCT);
		snprintf(head, sz, "%s", ind->nfields == 3 ? c : a);
		if (ind->nfields == 3)
			snprintf(sub, sz, "%s of %s", a, b);
		else
			snprintf(sub, sz, "%s", c);
		break;
	case SC_F_OVER18:
		snprintf(head, sz, "%s", a);
		snprintf(sub, sz, "%s over 18 months", b);
		break;
	default:
		snprintf(head, sz, "%s", a);
	}
}

/* True when the indicator has a threshold and the value is above it. */
static bool above_threshold(const struct scorecard *sc, int i)
{
	long t = quarterly_threshold_days(SCORECARD_INDICATORS[i].id), v;
	return t && scorecard_value(sc, i, SC_F_DAYS, &v) && v > t;
}

/* A cell with the value in words and its JSON fields as data- attributes,
 * so a reader (or a test) can take the numbers without parsing words. */
static void value_cell(struct page *p, const struct scorecard *sc, int i, const char *scope)
{
	struct html *h = &p->h;
	const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
	html_raw(h, "<td class=\"" TD "\"");
	html_attr(h, "data-scope", scope);
	html_attr(h, "data-indicator", ind->id);
	for (int k = 0; k < ind->nfields; k++) {
		/* as the CSV writes it: "76.3" for 76.3%, "" for a null ("-") */
		char s[24];
		scout_fmt_value(s, sizeof s, sc, i, ind->fields[k]);
		s[strcmp(s, "-") == 0 ? 0 : strcspn(s, "%")] = 0;
		html_attrf(h, arena_printf(&p->req->arena, "data-%s",
					   scorecard_field_name(ind->fields[k])), "%s", s);
	}
	char head[64], sub[64];
	value_words(sc, i, head, sub, sizeof head);
	html_raw(h, "><span class=\"govuk-!-font-weight-bold\">");
	html_text(h, head);
	html_raw(h, "</span>");
	if (sub[0]) {
		html_raw(h, "<br><span>");
		html_text(h, sub);
		html_raw(h, "</span>");
	}
	if (above_threshold(sc, i))
		html_raw(h, "<br><strong class=\"govuk-tag govuk-tag--red raa-tag-sm\" "
			    "data-above-threshold=\"1\">Above threshold</strong>");
	html_raw(h, "</td>");
}

static void indicator_header(struct page *p, int i)
{
	struct html *h = &p->h;
	const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
	html_raw(h, "<th scope=\"row\" class=\"" TH "\">");
	html_text(h, ind->id);
	html_raw(h, " <span class=\"govuk-!-font-weight-regular\">");
	html_text(h, ind->name);
	html_raw(h, "</span></th>");
}

static void threshold_cell(struct page *p, int i)
{
	long t = quarterly_threshold_days(SCORECARD_INDICATORS[i].id);
	html_raw(&p->h, "<td class=\"" TD "\">");
	if (t)
		html_textf(&p->h, "%ld days", t);
	else
		html_raw(&p->h, "<span class=\"govuk-visually-hidden\">none</span>");
	html_raw(&p->h, "</td>");
}

static void col_header(struct page *p, const char *text, const char *href)
{
	struct html *h = &p->h;
	html_raw(h, "<th scope=\"col\" class=\"" TH " govuk-table__header--numeric\">");
	if (href) {
		html_raw(h, "<a class=\"govuk-link\"");
		html_attr(h, "href", href);
		html_raw(h, ">");
	}
	html_text(h, text);
	html_raw(h, href ? "</a></th>" : "</th>");
}

static void period_words(struct page *p, const struct scorecard *sc)
{
	html_date(&p->h, sc->from);
	html_text(&p->h, " to ");
	html_date(&p->h, sc->to);
}

/* Not raa-table: its tags do not wrap, and eleven columns need them to. */
static void table_open(struct page *p, const char *testid, const struct scorecard *sc)
{
	struct html *h = &p->h;
	html_raw(h, "<table class=\"govuk-table\"");
	html_attr(h, "data-testid", testid);
	html_raw(h, "><caption class=\"govuk-table__caption govuk-table__caption--m\">"
		    "Adoption scorecard, ");
	period_words(p, sc);
	html_raw(h, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"" TH "\">Indicator</th>");
	col_header(p, "Threshold", NULL);
}

/* ---- charts ------------------------------------------------------------- */

/* The charts are the quarterly report's trends, over as many quarters. */
_Static_assert(PERF_SERIES == QR_SERIES, "the pages chart the report's quarters");

/* One chart of the scopes given, the first drawn heaviest. */
static void chart(struct page *p, const struct qr_trend *d, const struct perf_scope *const *sc,
		  size_t nsc, const char *whose)
{
	struct svg_multi c;
	char labels[PERF_SERIES][QR_LABEL_MAX], tl[QR_LABEL_MAX];
	int ind = quarterly_indicator_index(d->id);
	memset(&c, 0, sizeof c);
	quarterly_trend_chart(d, tl, &c.base);
	c.base.id = arena_printf(&p->req->arena, "chart-%s", d->id);
	for (size_t k = 0; k < PERF_SERIES; k++) {
		quarterly_quarter_label(sc[0]->series[k].to, labels[k]);
		c.base.labels[k] = labels[k];
	}
	c.nseries = nsc < SVG_MAX_SERIES ? nsc : SVG_MAX_SERIES;
	for (size_t s = 0; s < c.nseries; s++) {
		c.s[s].name = sc[s]->name;
		c.s[s].key = sc[s]->code[0] ? sc[s]->code : "region";
		for (size_t k = 0; k < PERF_SERIES; k++)
			c.s[s].has[k] = scorecard_value(&sc[s]->series[k], ind, d->field, &c.s[s].v[k]);
	}
	c.base.desc = arena_printf(&p->req->arena, "%s, %s, in each of the 12 quarters to %s%s",
				   d->title, whose, labels[PERF_SERIES - 1],
				   d->field == SC_F_COUNT ? ", counted on the quarter's last day"
							  : ", each a rolling three-year value");
	struct html *h = &p->h;
	html_raw(h, "<figure class=\"govuk-!-margin-0 govuk-!-margin-bottom-6\"");
	html_attr(h, "data-testid", c.base.id);
	html_raw(h, "><figcaption class=\"govuk-heading-s\">");
	html_text(h, d->title);
	html_raw(h, "</figcaption>");
	svg_multi_chart(h, &c);
	html_raw(h, "</figure>");
}

/* Many lines want a wide chart, one per row; two lines fit two a row. */
static void charts(struct page *p, const struct perf_scope *const *sc, size_t nsc,
		   const char *whose)
{
	size_t per_row = nsc > 2 ? 1 : 2, n = QR_TRENDS;
	html_raw(&p->h, "<h2 class=\"govuk-heading-m\" id=\"trends\">Trends over 12 quarters</h2>"
			"<p class=\"govuk-body\">Each point is the rolling three-year value to the "
			"quarter's end (children and adopters waiting: the count on that day). The "
			"dashed red line is the threshold where one exists. Hover over a point for "
			"its value.</p>");
	for (size_t k = 0; k < n; k++) {
		if (k % per_row == 0)
			html_raw(&p->h, "<div class=\"govuk-grid-row\">");
		html_raw(&p->h, per_row == 1 ? "<div class=\"govuk-grid-column-two-thirds\">"
					     : "<div class=\"govuk-grid-column-one-half\">");
		chart(p, &QR_TREND_DEFS[k], sc, nsc, whose);
		html_raw(&p->h, "</div>");
		if (k % per_row == per_row - 1 || k + 1 == n)
			html_raw(&p->h, "</div>");
	}
}

/* ---- the pages ---------------------------------------------------------- */

static const char *detail_href(struct page *p, const struct perf_scope *sc, raa_day to)
{
	char iso[DATE_ISO_LEN];
	date_format_iso(to, iso);
	return arena_printf(&p->req->arena, PERF_PREFIX "%s?to=%s",
			    html_url_encode(&p->req->arena, sc->code), iso);
}

static void thresholds_note(struct page *p)
{
	html_raw(&p->h, "<p class=\"govuk-body-s\">Thresholds 2013-16: A1 and A10 14 months "
			"(426 days), A2 4 months (121 days). A value above its threshold is tagged "
			"<strong>Above threshold</strong>. A dash means no child or household was in "
			"the measure.</p>");
}

static void region_page(struct page *p, const struct perf_view *v)
{
	const struct perf_figures *f = v->f;
	struct html *h = &p->h;
	html_raw(h, "<p class=\"govuk-body\">The region and each partner for the rolling three years ");
	period_words(p, &f->scopes[0].cur);
	html_raw(h, ". Children and adopters waiting (A9, A11, A13) are counted on the last day. "
		    "Choose a partner for its detail and its quarterly report.</p>");
	to_form(p, v, "/performance");
	thresholds_note(p);
	/* raa-scroll: wider than the page with ten partners; app.css is to
	 * let it scroll sideways (docs/pages.md) */
	html_raw(h, "<div class=\"raa-scroll\">");
	table_open(p, "scorecard", &f->scopes[0].cur);
	col_header(p, "Region", NULL);
	for (size_t s = 1; s < f->nscopes; s++)
		col_header(p, f->scopes[s].name, detail_href(p, &f->scopes[s], f->to));
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		html_raw(h, "<tr class=\"govuk-table__row\">");
		indicator_header(p, i);
		threshold_cell(p, i);
		for (size_t s = 0; s < f->nscopes; s++)
			value_cell(p, &f->scopes[s].cur, i, s ? f->scopes[s].code : "region");
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
	const struct perf_scope *sc[SVG_MAX_SERIES];
	size_t n = f->nscopes < SVG_MAX_SERIES ? f->nscopes : SVG_MAX_SERIES;
	for (size_t s = 0; s < n; s++)
		sc[s] = &f->scopes[s];
	charts(p, sc, n, "the region and each partner");
}

static void report_link(struct page *p, const struct perf_scope *sc, raa_day to)
{
	int y, m, d;
	date_to_ymd(scorecard_quarter_end(to), &y, &m, &d);
	struct html *h = &p->h;
	html_raw(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" data-testid=\"quarterly-report\"");
	html_attrf(h, "href", "/reports/quarterly?partner=%s&quarter=%dQ%d",
		   html_url_encode(&p->req->arena, sc->code), y, (m + 2) / 3);
	html_raw(h, ">");
	html_textf(h, "Quarterly report for %s, %d Q%d", sc->name, y, (m + 2) / 3);
	html_raw(h, "</a></p>");
}

static void partner_page(struct page *p, const struct perf_view *v, const struct perf_scope *sc)
{
	const struct perf_scope *region = &v->f->scopes[0];
	struct html *h = &p->h;
	html_raw(h, "<p class=\"govuk-body\">");
	html_text(h, sc->name);
	html_raw(h, " beside the region for the rolling three years ");
	period_words(p, &sc->cur);
	html_raw(h, ", and its own figures a year earlier (");
	period_words(p, &sc->prev);
	html_raw(h, ").</p><p class=\"govuk-body\"><a class=\"govuk-link\"");
	char iso[DATE_ISO_LEN];
	date_format_iso(v->to, iso);
	html_attrf(h, "href", "/performance?to=%s", iso);
	html_raw(h, ">Back to all partners</a></p>");
	report_link(p, sc, v->to);
	to_form(p, v, arena_printf(&p->req->arena, PERF_PREFIX "%s",
				   html_url_encode(&p->req->arena, sc->code)));
	thresholds_note(p);
	table_open(p, "partner-scorecard", &sc->cur);
	col_header(p, sc->name, NULL);
	col_header(p, "Region", NULL);
	col_header(p, "A year earlier", NULL);
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		html_raw(h, "<tr class=\"govuk-table__row\">");
		indicator_header(p, i);
		threshold_cell(p, i);
		value_cell(p, &sc->cur, i, sc->code);
		value_cell(p, &region->cur, i, "region");
		value_cell(p, &sc->prev, i, "previous");
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table>");
	const struct perf_scope *both[2] = { sc, region };
	charts(p, both, 2, arena_printf(&p->req->arena, "%s and the region", sc->name));
}

/* code NULL: the region's page. */
static void perf_page(struct page *p, const char *code)
{
	struct perf_view v = { 0 };
	read_to(p, &v);
	struct raa_err err;
	if (!v.errs.n && perf_figures_get(p->store, v.to, PERF_YEARS, &v.f, &err) < 0) {
		page_unavailable(p);
		return;
	}
	const struct perf_scope *sc = v.f && code ? perf_scope_of(v.f, code) : NULL;
	if (code && v.f && !sc) {
		perf_figures_put(v.f);
		page_not_found(p);
		return;
	}
	const char *title = sc ? sc->name : code ? page_partner_name(p, code) : "Performance";
	page_begin(p, title, NAV_PERFORMANCE, v.errs.n);
	html_raw(&p->h, "<span class=\"govuk-caption-l\">");
	html_text(&p->h, code ? "Performance" : "Region and partners");
	html_raw(&p->h, "</span><h1 class=\"govuk-heading-l\">");
	html_text(&p->h, title);
	html_raw(&p->h, "</h1>");
	page_error_summary(p, &v.errs);
	if (v.errs.n)
		to_form(p, &v, p->req->path);
	else if (sc)
		partner_page(p, &v, sc);
	else
		region_page(p, &v);
	page_end(p, v.errs.n ? 400 : 200);
	if (v.f)
		perf_figures_put(v.f);
	web_audit(p->app, p->who.email, "view_performance", NULL, code ? code : "region",
		  p->req->client_ip);
}

bool page_perf_route(struct page *p)
{
	const char *path = p->req->path;
	const char *code = NULL;
	if (strncmp(path, PERF_PREFIX, strlen(PERF_PREFIX)) == 0)
		code = path + strlen(PERF_PREFIX);
	else if (strcmp(path, "/performance") != 0)
		return false;
	bool get = strcmp(p->req->method, "GET") == 0 || strcmp(p->req->method, "HEAD") == 0;
	if (!get || !auth_sees_performance(p->who.role) || (code && (!*code || strchr(code, '/')))) {
		page_not_found(p);
		return true;
	}
	perf_page(p, code);
	return true;
}
