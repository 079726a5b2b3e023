/*
 * quarterly_pdf: the quarterly report as an A4 PDF (docs/reports.md): the
 * HTML's sections in the same order, laid out with report/pdf.h.
 */
#include <stdio.h>
#include <string.h>

#include "report/pdf.h"
#include "report/quarterly.h"
#include "report/scorecard_out.h"
#include "web/html.h"

#define BODY 8.5
#define NOTE 7.5
#define H1 18.0
#define H2 12.5
#define CHART_W ((PDF_CONTENT_W - 10) / 2)
#define CHART_H 196.0

/* "1 April 2026 to 30 June 2026" */
static void range_text(raa_day from, raa_day to, char *out, size_t sz)
{
	char a[HTML_DATE_MAX], b[HTML_DATE_MAX];
	html_date_long(from, a);
	html_date_long(to, b);
	snprintf(out, sz, "%s to %s", a, b);
}

static const char *jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* ---- the scorecard table ---- */

/* "426 days" and, when the partner has a value, whether it is within. */
static void threshold_cell(const struct scorecard *sc, int i, char *s, size_t sz,
			   struct pdf_cell *c)
{
	long t = quarterly_threshold_days(SCORECARD_INDICATORS[i].id), v;
	*s = '\0';
	if (!t)
		return;
	if (!scorecard_value(sc, i, SC_F_DAYS, &v)) {
		snprintf(s, sz, "%ld days", t);
	} else if (v <= t) {
		snprintf(s, sz, "%ld days\n\u2713 within", t);
		c->style = PDF_GREEN;
	} else {
		snprintf(s, sz, "%ld days\n\u2717 above", t);
		c->hot = 2; /* the second line */
	}
}

static const struct pdf_col SC_COLS[] = {
	{ "", 28, false },          { "Measure", 146, false }, { NULL, 112, true },
	{ "Threshold", 58, false }, { "Region", 96, true },    { NULL, 75.28, true },
};

static void scorecard_section(struct pdf_doc *d, const struct quarterly *r)
{
	char a[96], b[96], note[512], earlier[160];
	range_text(r->cur.from, r->cur.to, a, sizeof a);
	range_text(r->prev.from, r->prev.to, b, sizeof b);
	snprintf(note, sizeof note,
		 "Rolling three years %s; a year earlier: %s. Children and adopters waiting are "
		 "counted on the last day. Thresholds 2013-16: A1 and A10 14 months (426 days), A2 "
		 "4 months (121 days).", a, b);
	pdf_heading(d, H2, "Adoption scorecard", 60);
	pdf_paragraph(d, PDF_MUTED, NOTE, note);
	struct pdf_col cols[6];
	memcpy(cols, SC_COLS, sizeof cols);
	snprintf(earlier, sizeof earlier, "%s a year earlier", r->partner_name);
	cols[2].head = r->partner_name;
	cols[5].head = earlier;
	struct pdf_table t = { .cols = cols, .ncols = 6, .size = 7.5 };
	pdf_table_begin(d, &t);
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
		char cur[128], reg[128], prev[128], thr[64];
		scout_fmt_indicator(cur, sizeof cur, &r->cur, i);
		scout_fmt_indicator(reg, sizeof reg, &r->region, i);
		scout_fmt_indicator(prev, sizeof prev, &r->prev, i);
		struct pdf_cell c[6] = {
			{ .text = ind->id, .style = PDF_BOLD },
			{ .text = ind->name, .note = ind->meaning },
			{ .text = cur, .style = PDF_BOLD },
			{ .text = thr },
			{ .text = reg },
			{ .text = prev },
		};
		threshold_cell(&r->cur, i, thr, sizeof thr, &c[3]);
		pdf_table_row(d, &t, c);
	}
}

/* ---- trends ---- */

static void trend_chart(struct pdf_doc *d, const struct quarterly *r, const struct qr_trend *tr,
			double x, double y)
{
	struct qr_chart_text txt;
	struct svg_chart c = { .id = tr->id };
	quarterly_trend_of(r, tr, &txt, &c);
	pdf_line_chart(d, &c, x, y, CHART_W, CHART_H);
}

static void trends_section(struct pdf_doc *d, const struct quarterly *r)
{
	pdf_new_page(d);
	pdf_heading(d, H2, "Trends over 12 quarters", CHART_H);
	pdf_paragraph(d, PDF_MUTED, NOTE,
		      "Each point is the rolling three-year value to the quarter's end (A9 and A11: "
		      "the count on its last day); the dashed red line is the threshold where one "
		      "exists.");
	for (size_t k = 0; k < QR_TRENDS; k += 2) {
		pdf_need(d, CHART_H);
		for (size_t j = k; j < k + 2 && j < QR_TRENDS; j++)
			trend_chart(d, r, &QR_TREND_DEFS[j],
				    PDF_MARGIN + (double)(j - k) * (CHART_W + 10), d->y);
		pdf_skip(d, CHART_H + 10);
	}
}

/* ---- children waiting ---- */

static const struct pdf_col WAIT_COLS[] = {
	{ "Child", 58, false },           { "Name", 92, false },
	{ "Age (months)", 44, true },     { "Should be placed", 60, false },
	{ "Harder to place", 112, false }, { "Clocks on the quarter's end", 149.28, false },
};

/* Reasons in words, one a line. */
static void htp_lines(const json_t *arr, struct buf *b)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		for (int k = 0; k < HTP_REASON_COUNT; k++)
			if (!strcmp(json_string_value(x), htp_reason_name(k)))
				buf_printf(b, "%s%s", b->len ? "\n" : "", htp_reason_text(k));
	}
}

/* Clocks one a line as the CSV writes them; the overdue lines are hot. */
static unsigned clock_lines(const json_t *clocks, struct buf *b)
{
	unsigned hot = 0;
	size_t i;
	json_t *clk;
	json_array_foreach(clocks, i, clk)
	{
		json_int_t od = json_integer_value(json_object_get(clk, "overdue_days"));
		buf_printf(b, "%s%s due %s", i ? "\n" : "", jstr(clk, "kind"), jstr(clk, "due"));
		if (od > 0) {
			buf_printf(b, " (overdue %lld days)", (long long)od);
			hot |= i < 32 ? 1u << i : 0;
		}
	}
	return hot;
}

static void waiting_row(struct pdf_doc *d, struct pdf_table *t, const json_t *c)
{
	char name[256], age[32] = "";
	struct buf htp, clocks;
	buf_init(&htp, 0);
	buf_init(&clocks, 0);
	snprintf(name, sizeof name, "%s %s", jstr(c, "first_name"), jstr(c, "last_name"));
	json_t *a = json_object_get(c, "age_months");
	if (json_is_integer(a))
		snprintf(age, sizeof age, "%lld", (long long)json_integer_value(a));
	htp_lines(json_object_get(c, "harder_to_place"), &htp);
	unsigned hot = clock_lines(json_object_get(c, "clocks"), &clocks);
	struct pdf_cell cells[6] = {
		{ .text = jstr(c, "child_id") },     { .text = name },
		{ .text = age },                     { .text = jstr(c, "should_be_placed") },
		{ .text = buf_cstr(&htp) },          { .text = buf_cstr(&clocks), .hot = hot },
	};
	pdf_table_row(d, t, cells);
	buf_free(&htp);
	buf_free(&clocks);
}

static void waiting_section(struct pdf_doc *d, const struct quarterly *r)
{
	char note[384], end[HTML_DATE_MAX];
	html_date_long(r->qend, end);
	snprintf(note, sizeof note,
		 "%zu children of %s whose status on %s is waiting, with their running clocks "
		 "(overdue ones in red).", json_array_size(r->waiting), r->partner_name, end);
	pdf_new_page(d);
	pdf_heading(d, H2, "Children waiting", 40);
	pdf_paragraph(d, PDF_MUTED, NOTE, note);
	if (r->aggregates_only) {
		pdf_paragraph(d, 0, BODY, "The list of children is not shown in the aggregate report.");
		return;
	}
	if (json_array_size(r->waiting) == 0) {
		pdf_paragraph(d, 0, BODY, "No children waiting.");
		return;
	}
	struct pdf_table t = { .cols = WAIT_COLS, .ncols = 6, .size = 7 };
	pdf_table_begin(d, &t);
	size_t i;
	json_t *c;
	json_array_foreach(r->waiting, i, c)
		waiting_row(d, &t, c);
}

/* ---- harder to place and the funnel ---- */

static const struct pdf_col HTP_COLS[] = {
	{ "Reason", 315, false },
	{ "Children", 100, true },
	{ "Of those waiting", 100.28, true },
};

static void htp_section(struct pdf_doc *d, const struct quarterly *r)
{
	size_t n = json_array_size(r->waiting);
	pdf_heading(d, H2, "Harder to place", 80);
	pdf_paragraph(d, PDF_MUTED, NOTE, "Children waiting per reason; a child may have several.");
	struct pdf_table t = { .cols = HTP_COLS, .ncols = 3, .size = BODY };
	pdf_table_begin(d, &t);
	for (int k = 0; k <= HTP_REASON_COUNT; k++) {
		long v = k < HTP_REASON_COUNT ? r->htp[k] : r->htp_any;
		char cnt[32], pct[32] = "";
		snprintf(cnt, sizeof cnt, "%ld", v);
		if (n) {
			long tenths = scorecard_pct_tenths(v, (long)n);
			snprintf(pct, sizeof pct, "%ld.%ld%%", tenths / 10, tenths % 10);
		}
		struct pdf_cell c[3] = {
			{ .text = k < HTP_REASON_COUNT ? htp_reason_text(k) : "Any reason",
			  .style = k < HTP_REASON_COUNT ? 0 : PDF_BOLD },
			{ .text = cnt },
			{ .text = pct },
		};
		pdf_table_row(d, &t, c);
	}
}

static const struct pdf_col FUNNEL_COLS[] = {
	{ "Step", 175, false },
	{ "Households", 80, true },
	{ "Compared with the largest step", 260.28, false },
};

static const char *const STEP_NAMES[QR_FUNNEL_STEPS] = {
	"Enquiries", "Registrations of interest", "Stage 2 started", "Approved"
};

static void funnel_section(struct pdf_doc *d, const struct quarterly *r)
{
	char note[384], range[96];
	long max = 1;
	for (int s = 0; s < QR_FUNNEL_STEPS; s++)
		max = r->funnel[s] > max ? r->funnel[s] : max;
	range_text(r->qstart, r->qend, range, sizeof range);
	snprintf(note, sizeof note, "Households living in %s's area with each step dated %s.",
		 r->partner_name, range);
	pdf_heading(d, H2, "Adopter recruitment", 80);
	pdf_paragraph(d, PDF_MUTED, NOTE, note);
	struct pdf_table t = { .cols = FUNNEL_COLS, .ncols = 3, .size = BODY };
	pdf_table_begin(d, &t);
	for (int s = 0; s < QR_FUNNEL_STEPS; s++) {
		char cnt[32];
		snprintf(cnt, sizeof cnt, "%ld", r->funnel[s]);
		struct pdf_cell c[3] = { { .text = STEP_NAMES[s] }, { .text = cnt }, { .text = "" } };
		pdf_table_row(d, &t, c);
		pdf_table_bar(d, &t, 2, (double)r->funnel[s] / (double)max);
	}
}

/* ---- the document ---- */

struct qpdf {
	const struct quarterly *r;
	raa_day generated;
};

static void body(struct pdf_doc *d, void *ctx)
{
	const struct qpdf *q = ctx;
	const struct quarterly *r = q->r;
	char meta[512], range[96], made[HTML_DATE_MAX];
	range_text(r->qstart, r->qend, range, sizeof range);
	html_date_long(q->generated, made);
	snprintf(meta, sizeof meta, "Quarterly partner report, %d Q%d (%s). Partner code %s. "
		 "Produced %s.", r->year, r->quarter, range, r->partner, made);
	pdf_heading(d, H1, r->partner_name, 120);
	pdf_paragraph(d, PDF_MUTED, BODY, meta);
	scorecard_section(d, r);
	trends_section(d, r);
	waiting_section(d, r);
	htp_section(d, r);
	funnel_section(d, r);
}

int quarterly_pdf(const struct quarterly *r, raa_day generated, struct buf *out,
		  struct raa_err *err)
{
	char title[256], footer[384], made[HTML_DATE_MAX];
	html_date_long(generated, made);
	snprintf(title, sizeof title, "%s: quarterly report %d Q%d", r->partner_name, r->year,
		 r->quarter);
	snprintf(footer, sizeof footer, "%s. Generated %s.", title, made);
	struct qpdf q = { r, generated };
	return pdf_render(body, &q, title, footer, generated, out, err);
}
