/* The quarterly partner report (see quarterly.h). */
#include "report/quarterly.h"

#include <stdio.h>
#include <string.h>

#include "core/csv.h"
#include "core/mem.h"
#include "report/report_page.h"
#include "report/scorecard_out.h"
#include "report/svg.h"
#include "web/html.h"

int quarterly_parse_quarter(const char *s, int *year, int *quarter)
{
	if (strlen(s) != 6 || s[4] != 'Q' || s[5] < '1' || s[5] > '4')
		return -1;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (y < 1900 || y > 2199)
		return -1;
	*year = y;
	*quarter = s[5] - '0';
	return 0;
}

/* ---- building ---- */

static int funnel_step(int kind)
{
	switch (kind) {
	case EV_ENQUIRY:
		return QR_ENQUIRY;
	case EV_ROI:
		return QR_ROI;
	case EV_STAGE2_NOTICE:
		return QR_STAGE2;
	case EV_APPROVED:
		return QR_APPROVED;
	default:
		return -1;
	}
}

/* Households of the partner's area with each step dated in the quarter:
 * a household counts once per step however many such events it has. */
static void build_funnel(const struct snapshot *snap, struct quarterly *r)
{
	for (size_t i = 0; i < snap->nadopters; i++) {
		const struct snap_adopter *a = &snap->adopters[i];
		if (!a->rec.partner || strcmp(a->rec.partner, r->partner) != 0)
			continue;
		bool seen[QR_FUNNEL_STEPS] = { false };
		for (size_t k = 0; k < a->j.n; k++) {
			const struct event_rec *e = a->j.ev[k];
			int step = funnel_step(e->kind);
			if (step < 0 || e->date < r->qstart || e->date > r->qend ||
			    journey_superseded(&a->j, e))
				continue;
			seen[step] = true;
		}
		for (int s = 0; s < QR_FUNNEL_STEPS; s++)
			r->funnel[s] += seen[s];
	}
}

/* The partner's children whose status on the quarter's end is waiting,
 * as `raa child list` shows them, and their harder-to-place reasons. */
static void build_waiting(const struct view_ctx *v, struct quarterly *r)
{
	r->waiting = json_array();
	for (size_t i = 0; i < v->snap->nchildren; i++) {
		const struct snap_child *c = &v->snap->children[i];
		if (!c->rec.partner || strcmp(c->rec.partner, r->partner) != 0)
			continue;
		json_t *o = view_child(v, c);
		if (strcmp(json_string_value(json_object_get(o, "status")), "waiting") != 0) {
			json_decref(o);
			continue;
		}
		unsigned reasons = htp_reasons(&c->rec, &c->j, c->sibling_group_size, v->on);
		for (int k = 0; k < HTP_REASON_COUNT; k++)
			r->htp[k] += (reasons >> k) & 1u;
		r->htp_any += reasons != 0;
		json_array_append_new(r->waiting, o);
	}
}

void quarterly_build(const struct sc_index *ix, const struct view_ctx *v, const char *partner,
		     const char *partner_name, int year, int quarter, struct quarterly *r)
{
	memset(r, 0, sizeof *r);
	r->partner = partner;
	r->partner_name = partner_name;
	r->year = year;
	r->quarter = quarter;
	r->qstart = date_from_ymd(year, 3 * quarter - 2, 1);
	r->qend = date_add_months(r->qstart, 3) - 1;
	raa_day from = scorecard_period_from(r->qend, QR_YEARS);
	scorecard_eval(ix, partner, from, r->qend, &r->cur);
	scorecard_eval(ix, NULL, from, r->qend, &r->region);
	raa_day prev = date_add_months(r->qend, -12);
	scorecard_eval(ix, partner, scorecard_period_from(prev, QR_YEARS), prev, &r->prev);
	scorecard_series(ix, partner, r->qend, QR_YEARS, r->series, QR_SERIES);
	struct view_ctx at = *v;
	at.on = r->qend;
	at.with_journey = false;
	build_waiting(&at, r);
	build_funnel(v->snap, r);
}

void quarterly_free(struct quarterly *r)
{
	json_decref(r->waiting);
	r->waiting = NULL;
}

/* ---- shared by both formats ---- */

static const char *FUNNEL_NAMES[QR_FUNNEL_STEPS] = { "Enquiries", "Registrations of interest",
						     "Stage 2 started", "Approved" };
static const char *FUNNEL_KEYS[QR_FUNNEL_STEPS] = { "enquiry", "roi", "stage2_notice",
						    "approved" };

/* A string field of a view object, "" when absent or null. */
static const char *jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* "age_5_plus; sibling_group" from a view's harder_to_place array. */
static void join_names(const json_t *arr, const char *sep, struct buf *b)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		if (i)
			buf_puts(b, sep);
		buf_puts(b, json_string_value(x));
	}
}

/* "placement_order_to_match due 2024-03-01 (overdue 12 days)" per clock. */
static void clock_text(const json_t *clock, struct buf *b)
{
	buf_printf(b, "%s due %s", jstr(clock, "kind"), jstr(clock, "due"));
	json_int_t od = json_integer_value(json_object_get(clock, "overdue_days"));
	if (od > 0)
		buf_printf(b, " (overdue %lld days)", (long long)od);
}

/* ---- CSV ---- */

static void csv_waiting(const struct quarterly *r, struct buf *out)
{
	buf_puts(out, "child_id,first_name,last_name,dob,age_months,should_be_placed,"
		      "harder_to_place,clocks\n");
	size_t i;
	json_t *c;
	json_array_foreach(r->waiting, i, c)
	{
		struct buf t;
		buf_init(&t, 0);
		const char *keys[] = { "child_id", "first_name", "last_name", "dob" };
		for (size_t k = 0; k < 4; k++) {
			csv_write_field(out, jstr(c, keys[k]));
			buf_putc(out, ',');
		}
		json_t *age = json_object_get(c, "age_months");
		if (json_is_integer(age))
			buf_printf(out, "%lld", (long long)json_integer_value(age));
		buf_putc(out, ',');
		csv_write_field(out, jstr(c, "should_be_placed"));
		buf_putc(out, ',');
		join_names(json_object_get(c, "harder_to_place"), "; ", &t);
		csv_write_field(out, buf_cstr(&t));
		buf_reset(&t);
		size_t k;
		json_t *clk;
		json_array_foreach(json_object_get(c, "clocks"), k, clk)
		{
			if (k)
				buf_puts(&t, "; ");
			clock_text(clk, &t);
		}
		buf_putc(out, ',');
		csv_write_field(out, buf_cstr(&t));
		buf_putc(out, '\n');
		buf_free(&t);
	}
}

void quarterly_csv(const struct quarterly *r, struct buf *out)
{
	scout_csv_header(out);
	scout_csv_rows(out, &r->cur, r->partner);
	scout_csv_rows(out, &r->region, "region");
	scout_csv_rows(out, &r->prev, r->partner);
	buf_putc(out, '\n');
	/* the board sees aggregates only: the list becomes its count */
	if (r->aggregates_only)
		buf_printf(out, "children_waiting\n%zu\n", json_array_size(r->waiting));
	else
		csv_waiting(r, out);
	buf_puts(out, "\nharder_to_place_reason,children\n");
	for (int k = 0; k < HTP_REASON_COUNT; k++)
		buf_printf(out, "%s,%ld\n", htp_reason_name(k), r->htp[k]);
	buf_printf(out, "any,%ld\n", r->htp_any);
	buf_puts(out, "\nfunnel_step,households\n");
	for (int s = 0; s < QR_FUNNEL_STEPS; s++)
		buf_printf(out, "%s,%ld\n", FUNNEL_KEYS[s], r->funnel[s]);
}

/* ---- HTML ---- */

static const char CSS[] =
	"<style>\n"
	"body{font:14px/1.45 'Helvetica Neue',Arial,sans-serif;color:#1b1b1b;margin:0;"
	"background:#fff}\n"
	"main{max-width:1100px;margin:0 auto;padding:24px 32px}\n"
	"header{border-bottom:4px solid #1d4f91;margin-bottom:20px;padding-bottom:12px}\n"
	"h1{font-size:26px;margin:0 0 4px;color:#1d4f91}\n"
	"h2{font-size:19px;margin:28px 0 8px;color:#1d4f91;border-bottom:1px solid #c9d3e0;"
	"padding-bottom:4px}\n"
	".meta{color:#505a64;margin:0}\n"
	"table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:13px}\n"
	"th,td{border:1px solid #c9d3e0;padding:5px 8px;text-align:left;vertical-align:top}\n"
	"thead th{background:#eef2f8}\n"
	"td.num,th.num{text-align:right;white-space:nowrap}\n"
	".good{color:#176b34;font-weight:bold}.bad{color:#a4161a;font-weight:bold}\n"
	".overdue{color:#a4161a;font-weight:bold}\n"
	".note{color:#505a64;font-size:12px}\n"
	".charts{display:grid;grid-template-columns:1fr 1fr;gap:16px}\n"
	"figure{margin:0;border:1px solid #c9d3e0;padding:8px;break-inside:avoid}\n"
	"figcaption{font-weight:bold;margin-bottom:4px}\n"
	"svg.chart{width:100%;height:auto}\n"
	"svg .grid{stroke:#e1e6ed;stroke-width:1}\n"
	"svg .series{fill:none;stroke:#1d4f91;stroke-width:2.5}\n"
	"svg .dot{fill:#1d4f91}\n"
	"svg .threshold{stroke:#a4161a;stroke-width:1.5;stroke-dasharray:6 4}\n"
	"svg text{font:11px Arial,sans-serif;fill:#505a64}\n"
	"svg .tlabel{fill:#a4161a}svg .vlabel{fill:#1b1b1b;font-weight:bold}\n"
	".bar{background:#1d4f91;height:14px;min-width:2px}\n"
	"@media print{body{font-size:11px}main{max-width:none;padding:0}"
	"section{break-inside:avoid-page}section.newpage{break-before:page}"
	"tr{break-inside:avoid}thead{display:table-header-group}"
	".charts{grid-template-columns:1fr 1fr}@page{size:A4;margin:15mm}}\n"
	"</style>\n";

int quarterly_indicator_index(const char *id)
{
	for (int i = 0; i < SC_INDICATOR_COUNT; i++)
		if (strcmp(SCORECARD_INDICATORS[i].id, id) == 0)
			return i;
	return 0;
}

long quarterly_threshold_days(const char *id)
{
	if (strcmp(id, "A1") == 0 || strcmp(id, "A10") == 0)
		return QR_A1_THRESHOLD_DAYS;
	if (strcmp(id, "A2") == 0)
		return QR_A2_THRESHOLD_DAYS;
	return 0;
}

void quarterly_quarter_label(raa_day end, char out[QR_LABEL_MAX])
{
	int y, m, d;
	date_to_ymd(end, &y, &m, &d);
	snprintf(out, QR_LABEL_MAX, "%d Q%d", y, (m + 2) / 3);
}

const struct qr_trend QR_TREND_DEFS[QR_TRENDS] = {
	{ "A10", "A10: days from entering care to moving in with the adoptive family", " days",
	  SC_F_DAYS },
	{ "A2", "A2: days from placement order to match", " days", SC_F_DAYS },
	{ "A3", "A3: children moving in within 14 months of entering care", "%", SC_F_PCT },
	{ "A9", "A9: children waiting for adoption", "", SC_F_COUNT },
	{ "A11", "A11: approved adopters waiting for a match", "", SC_F_COUNT },
};

void quarterly_trend_chart(const struct qr_trend *t, char tl[QR_LABEL_MAX], struct svg_chart *c)
{
	c->title = t->title;
	c->unit = t->unit;
	c->n = QR_SERIES;
	/* percentages are kept in tenths and never drawn above 100% */
	c->scale = t->field == SC_F_PCT ? 10 : 1;
	c->max_top = t->field == SC_F_PCT ? 1000 : 0;
	c->threshold = quarterly_threshold_days(t->id);
	c->has_threshold = c->threshold != 0;
	snprintf(tl, QR_LABEL_MAX, "threshold %ld days", c->threshold);
	c->threshold_label = c->has_threshold ? tl : NULL;
}

void quarterly_trend_of(const struct quarterly *r, const struct qr_trend *t,
			struct qr_chart_text *txt, struct svg_chart *c)
{
	int ind = quarterly_indicator_index(t->id);
	quarterly_trend_chart(t, txt->threshold, c);
	for (size_t k = 0; k < QR_SERIES; k++) {
		quarterly_quarter_label(r->series[k].to, txt->labels[k]);
		c->labels[k] = txt->labels[k];
		c->has[k] = scorecard_value(&r->series[k], ind, t->field, &c->v[k]);
	}
}

/* "1 April 2026 to 30 June 2026" */
static void date_range(struct html *h, raa_day from, raa_day to)
{
	html_date(h, from);
	html_raw(h, " to ");
	html_date(h, to);
}

static void cell_text(struct html *h, const char *cls, const char *s)
{
	html_raw(h, "<td");
	html_attr(h, "class", cls);
	html_raw(h, ">");
	html_text(h, s);
	html_raw(h, "</td>");
}

/* The partner's value, with its JSON fields as data- attributes so a
 * reader (or a test) can take the numbers without parsing words. */
static void partner_cell(struct html *h, const struct scorecard *sc, int i)
{
	const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
	char val[128];
	html_raw(h, "<td class=\"num v\"");
	html_attr(h, "data-indicator", ind->id);
	for (int f = 0; f < ind->nfields; f++) {
		long v;
		char name[40], s[32] = "";
		snprintf(name, sizeof name, "data-%s", scorecard_field_name(ind->fields[f]));
		if (!scorecard_value(sc, i, ind->fields[f], &v))
			; /* null: an empty attribute */
		else if (ind->fields[f] == SC_F_PCT)
			snprintf(s, sizeof s, "%ld.%ld", v / 10, v % 10);
		else
			snprintf(s, sizeof s, "%ld", v);
		html_attr(h, name, s);
	}
	html_raw(h, "><strong>");
	scout_fmt_indicator(val, sizeof val, sc, i);
	html_text(h, val);
	html_raw(h, "</strong></td>");
}

static void threshold_cell(struct html *h, const struct scorecard *sc, int i)
{
	long t = quarterly_threshold_days(SCORECARD_INDICATORS[i].id), v;
	html_raw(h, "<td>");
	if (t)
		html_textf(h, "%ld days", t);
	if (scorecard_value(sc, i, SC_F_DAYS, &v))
		html_raw(h, v <= t ? " <span class=\"good\">&#10003; within</span>"
				  : " <span class=\"bad\">&#10007; above</span>");
	html_raw(h, "</td>");
}

static void scorecard_section(struct html *h, const struct quarterly *r)
{
	html_raw(h, "<section><h2>Adoption scorecard</h2><p class=\"note\">Rolling three years ");
	date_range(h, r->cur.from, r->cur.to);
	html_raw(h, "; a year earlier: ");
	date_range(h, r->prev.from, r->prev.to);
	html_raw(h, ". Children and adopters waiting are counted on the last day. Thresholds "
		    "2013-16: A1 and A10 14 months (426 days), A2 4 months (121 days).</p>"
		    "<table><thead><tr><th>Indicator</th><th>Measure</th><th class=\"num\">");
	html_text(h, r->partner_name);
	html_raw(h, "</th><th>Threshold</th><th class=\"num\">Region</th><th class=\"num\">");
	html_text(h, r->partner_name);
	html_raw(h, " a year earlier</th></tr></thead><tbody>");
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
		char val[128];
		html_raw(h, "<tr><th scope=\"row\">");
		html_text(h, ind->id);
		html_raw(h, "</th><td>");
		html_text(h, ind->name);
		html_raw(h, "<br><span class=\"note\">");
		html_text(h, ind->meaning);
		html_raw(h, "</span></td>");
		partner_cell(h, &r->cur, i);
		threshold_cell(h, &r->cur, i);
		scout_fmt_indicator(val, sizeof val, &r->region, i);
		cell_text(h, "num", val);
		scout_fmt_indicator(val, sizeof val, &r->prev, i);
		cell_text(h, "num", val);
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></section>");
}

static void chart(struct html *h, const struct quarterly *r, const struct qr_trend *d)
{
	struct qr_chart_text txt;
	struct svg_chart c = { .id = d->id };
	quarterly_trend_of(r, d, &txt, &c);
	char desc[256];
	snprintf(desc, sizeof desc, "%s for %s in each of the 12 quarters to %s%s", d->title,
		 r->partner_name, txt.labels[QR_SERIES - 1],
		 d->field == SC_F_COUNT ? ", counted on the quarter's last day"
					: ", each a rolling three-year value");
	c.desc = desc;
	html_raw(h, "<figure><figcaption>");
	html_text(h, d->title);
	html_raw(h, "</figcaption>");
	svg_line_chart(h, &c);
	html_raw(h, "</figure>");
}

static void charts_section(struct html *h, const struct quarterly *r)
{
	html_raw(h, "<section class=\"newpage\"><h2>Trends over 12 quarters</h2>"
		    "<p class=\"note\">Each point is the value to the quarter's end; the dashed "
		    "red line is the threshold where one exists.</p><div class=\"charts\">");
	for (size_t k = 0; k < QR_TRENDS; k++)
		chart(h, r, &QR_TREND_DEFS[k]);
	html_raw(h, "</div></section>");
}

static void htp_texts(const json_t *arr, struct html *h)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		for (int k = 0; k < HTP_REASON_COUNT; k++)
			if (strcmp(json_string_value(x), htp_reason_name(k)) == 0) {
				html_raw(h, i ? "<br>" : "");
				html_text(h, htp_reason_text(k));
			}
	}
}

static void clocks_cell(const json_t *clocks, struct html *h)
{
	size_t i;
	json_t *clk;
	json_array_foreach(clocks, i, clk)
	{
		struct buf t;
		buf_init(&t, 0);
		clock_text(clk, &t);
		html_raw(h, i ? "<br>" : "");
		html_raw(h, json_integer_value(json_object_get(clk, "overdue_days")) > 0
				    ? "<span class=\"overdue\">" : "<span>");
		html_text(h, buf_cstr(&t));
		html_raw(h, "</span>");
		buf_free(&t);
	}
}

static void waiting_section(struct html *h, const struct quarterly *r)
{
	html_raw(h, "<section class=\"newpage\"><h2>Children waiting</h2><p class=\"note\">");
	html_textf(h, "%zu children of %s whose status on ", json_array_size(r->waiting),
		   r->partner_name);
	html_date(h, r->qend);
	html_raw(h, " is waiting, with their running clocks.</p>");
	if (r->aggregates_only) {
		html_raw(h, "<p>The list of children is not shown in the aggregate report.</p>"
			    "</section>");
		return;
	}
	if (json_array_size(r->waiting) == 0) {
		html_raw(h, "<p>No children waiting.</p></section>");
		return;
	}
	html_raw(h, "<table><thead><tr><th>Child</th><th>Name</th><th class=\"num\">Age "
		    "(months)</th><th>Should be placed</th><th>Harder to place</th><th>Clocks</th>"
		    "</tr></thead><tbody>");
	size_t i;
	json_t *c;
	json_array_foreach(r->waiting, i, c)
	{
		html_raw(h, "<tr");
		html_attr(h, "data-child", jstr(c, "child_id"));
		html_raw(h, ">");
		cell_text(h, NULL, jstr(c, "child_id"));
		html_raw(h, "<td>");
		html_textf(h, "%s %s", jstr(c, "first_name"), jstr(c, "last_name"));
		html_raw(h, "</td>");
		json_t *age = json_object_get(c, "age_months");
		html_raw(h, "<td class=\"num\">");
		if (json_is_integer(age))
			html_textf(h, "%lld", (long long)json_integer_value(age));
		html_raw(h, "</td>");
		cell_text(h, NULL, jstr(c, "should_be_placed"));
		html_raw(h, "<td>");
		htp_texts(json_object_get(c, "harder_to_place"), h);
		html_raw(h, "</td><td>");
		clocks_cell(json_object_get(c, "clocks"), h);
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table></section>");
}

static void htp_section(struct html *h, const struct quarterly *r)
{
	size_t n = json_array_size(r->waiting);
	html_raw(h, "<section><h2>Harder to place</h2><p class=\"note\">Children waiting per "
		    "reason; a child may have several.</p><table><thead><tr><th>Reason</th>"
		    "<th class=\"num\">Children</th><th class=\"num\">Of those waiting</th></tr>"
		    "</thead><tbody>");
	for (int k = 0; k <= HTP_REASON_COUNT; k++) {
		long v = k < HTP_REASON_COUNT ? r->htp[k] : r->htp_any;
		html_raw(h, "<tr");
		html_attr(h, "data-reason", k < HTP_REASON_COUNT ? htp_reason_name(k) : "any");
		html_raw(h, "><td>");
		html_text(h, k < HTP_REASON_COUNT ? htp_reason_text(k) : "Any reason");
		html_raw(h, "</td><td class=\"num\">");
		html_textf(h, "%ld", v);
		html_raw(h, "</td><td class=\"num\">");
		if (n) {
			long t = scorecard_pct_tenths(v, (long)n);
			html_textf(h, "%ld.%ld%%", t / 10, t % 10);
		}
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table></section>");
}

static void funnel_section(struct html *h, const struct quarterly *r)
{
	long max = 1;
	for (int s = 0; s < QR_FUNNEL_STEPS; s++)
		if (r->funnel[s] > max)
			max = r->funnel[s];
	html_raw(h, "<section><h2>Adopter recruitment</h2><p class=\"note\">Households living in ");
	html_text(h, r->partner_name);
	html_raw(h, "'s area with each step dated ");
	date_range(h, r->qstart, r->qend);
	html_raw(h, ".</p><table><thead><tr><th>Step</th><th class=\"num\">Households</th>"
		    "<th style=\"width:50%\">Compared with the largest step</th></tr></thead><tbody>");
	for (int s = 0; s < QR_FUNNEL_STEPS; s++) {
		html_raw(h, "<tr");
		html_attr(h, "data-step", FUNNEL_KEYS[s]);
		html_raw(h, "><td>");
		html_text(h, FUNNEL_NAMES[s]);
		html_raw(h, "</td><td class=\"num\">");
		html_textf(h, "%ld", r->funnel[s]);
		html_raw(h, "</td><td><div class=\"bar\"");
		html_attrf(h, "style", "width:%ld%%", r->funnel[s] * 100 / max);
		html_raw(h, "></div></td></tr>");
	}
	html_raw(h, "</tbody></table></section>");
}

void quarterly_html(const struct quarterly *r, raa_day generated, struct buf *out)
{
	struct arena a;
	arena_init(&a, 0);
	struct html hb = { .out = out, .arena = &a }, *h = &hb;
	report_page_begin(h,
			  arena_printf(&a, "%s: quarterly report %d Q%d", r->partner_name, r->year,
				       r->quarter),
			  CSS, r->partner_name);
	html_textf(h, "Quarterly partner report, %d Q%d (", r->year, r->quarter);
	date_range(h, r->qstart, r->qend);
	html_raw(h, "). Partner code ");
	html_text(h, r->partner);
	report_page_produced(h, generated);
	scorecard_section(h, r);
	charts_section(h, r);
	waiting_section(h, r);
	htp_section(h, r);
	funnel_section(h, r);
	html_raw(h, "</main></body></html>\n");
	arena_free(&a);
}
