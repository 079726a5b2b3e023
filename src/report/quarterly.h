/*
 * quarterly: the quarterly partner report (issue #6 item 2, docs/reports.md).
 *
 * Built from one snapshot of the region: the partner's scorecard for the
 * rolling 3 years to the quarter's end beside the thresholds, the region
 * and its own value a year earlier; the 12-quarter trends; the children
 * waiting on the quarter's end with their clocks; the harder-to-place
 * breakdown; and the adopter recruitment funnel of the quarter.
 */
#ifndef RAA_REPORT_QUARTERLY_H
#define RAA_REPORT_QUARTERLY_H

#include <jansson.h>

#include "core/buf.h"
#include "domain/htp.h"
#include "domain/scorecard.h"
#include "report/svg.h"
#include "service/views.h"

#define QR_SERIES 12
#define QR_YEARS 3
/* Thresholds 2013-16 (scorecard.md): A1 14 months, A2 4 months, in days. */
#define QR_A1_THRESHOLD_DAYS 426
#define QR_A2_THRESHOLD_DAYS 121
#define QR_LABEL_MAX 32 /* a quarter's or a threshold's label */

/* The 2013-16 threshold of indicator id in days (A1 and A10 14 months,
 * A2 4 months; scorecard.md), 0 when it has none. */
long quarterly_threshold_days(const char *id);
/* The index of indicator id in SCORECARD_INDICATORS (0 when unknown). */
int quarterly_indicator_index(const char *id);
/* "2026 Q2": the quarter that ends on `end`. */
void quarterly_quarter_label(raa_day end, char out[QR_LABEL_MAX]);

/* The five trends the report (HTML and PDF) and the performance pages
 * chart over QR_SERIES quarters, in their order. */
struct qr_trend {
	const char *id, *title, *unit;
	enum sc_field_kind field;
};
#define QR_TRENDS 5
extern const struct qr_trend QR_TREND_DEFS[QR_TRENDS];

/* What every chart of trend t has: title, unit, n, the scale and y-axis
 * cap of a percentage, and the threshold (tl holds its label). The id,
 * description, labels and values are the caller's. */
void quarterly_trend_chart(const struct qr_trend *t, char tl[QR_LABEL_MAX],
			   struct svg_chart *c);

enum qr_funnel { QR_ENQUIRY, QR_ROI, QR_STAGE2, QR_APPROVED, QR_FUNNEL_STEPS };

struct quarterly {
	const char *partner, *partner_name;
	int year, quarter;
	raa_day qstart, qend;
	struct scorecard cur, region, prev;
	struct scorecard series[QR_SERIES];
	json_t *waiting;                 /* view_child objects, status waiting */
	long htp[HTP_REASON_COUNT];      /* waiting children per reason */
	long htp_any;                    /* waiting children with any reason */
	long funnel[QR_FUNNEL_STEPS];    /* households per step in the quarter */
	bool aggregates_only;            /* the board: no child-level waiting list */
};

/* "2024Q1" -> 2024, 1. 0, or -1 when not that form (years 1900-2199). */
int quarterly_parse_quarter(const char *s, int *year, int *quarter);

/* Fills r from the region's snapshot and index; v->snap is that snapshot
 * (its `on` is replaced by the quarter's end). The strings are borrowed. */
void quarterly_build(const struct sc_index *ix, const struct view_ctx *v, const char *partner,
		     const char *partner_name, int year, int quarter,
		     struct quarterly *r);
void quarterly_free(struct quarterly *r);

/* Storage for the strings of one trend chart of the report. */
struct qr_chart_text {
	char labels[QR_SERIES][QR_LABEL_MAX];
	char threshold[QR_LABEL_MAX];
};
/* Trend t of r's 12 quarters: quarterly_trend_chart's fields plus the
 * labels and values (the strings in txt). The id and description are the
 * caller's. */
void quarterly_trend_of(const struct quarterly *r, const struct qr_trend *t,
			struct qr_chart_text *txt, struct svg_chart *c);

/* One self-contained HTML page that prints cleanly. */
void quarterly_html(const struct quarterly *r, raa_day generated, struct buf *out);
/* Sections of CSV rows separated by a blank line (docs/reports.md). */
void quarterly_csv(const struct quarterly *r, struct buf *out);
/* The same report as a PDF (cairo), A4 pages (quarterly_pdf.c). 0, or -1
 * with err set when cairo fails. */
int quarterly_pdf(const struct quarterly *r, raa_day generated, struct buf *out,
		  struct raa_err *err);

#endif
