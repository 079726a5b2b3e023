/*
 * monthly: the monthly tracking report (issue #6 item 3, docs/reports.md
 * "Monthly tracking report").
 *
 * As on the month's last day (or today when that is earlier): the children
 * waiting, the clocks overdue and those due within a month, the links in
 * progress and the approved households waiting, with summary counts. Every
 * list is a section of rows (JSON objects keyed by column) so the three
 * formats (HTML, CSV, XLSX) render one model and cannot disagree.
 */
#ifndef RAA_REPORT_MONTHLY_H
#define RAA_REPORT_MONTHLY_H

#include <jansson.h>
#include <stdbool.h>

#include "core/buf.h"
#include "core/err.h"
#include "service/views.h"

enum monthly_section { MR_WAITING, MR_OVERDUE, MR_DUE, MR_LINKS, MR_HOUSEHOLDS, MR_SECTIONS };

struct monthly {
	const char *partner;      /* NULL: the whole region */
	const char *partner_name; /* "the region" when partner is NULL */
	int year, month;
	raa_day mstart, mend;     /* the calendar month */
	raa_day asof;             /* min(mend, today) */
	raa_day horizon;          /* asof + 1 month: "due soon" ends here */
	bool aggregates_only;     /* the board: summary counts, no lists */
	long waiting_htp;         /* waiting children with any harder-to-place reason */
	json_t *rows[MR_SECTIONS]; /* arrays of row objects, one per section */
};

/* "2024-03" -> 2024, 3. 0, or -1 when not that form (years 1900-2199). */
int monthly_parse_month(const char *s, int *year, int *month);

/* The day the report is as on: the month's last day, or today if that is
 * earlier. -1 when the month starts after today (nothing to report yet). */
int monthly_asof(int year, int month, raa_day today, raa_day *asof);

/* A link in progress on `on`: the child's latest `linked` on or before it,
 * not since ended by `link_ended`, `match_decision` or `placed` of the
 * child, nor by the household's `withdrawn` or `deregistered` (adopter may
 * be NULL when the household is out of scope). Returns that `linked`
 * event, or NULL. */
const struct event_rec *monthly_open_link(const struct journey *child,
					  const struct journey *adopter, raa_day on);

/* Fills r from a snapshot (v->snap; v->on is ignored). partner NULL for
 * the region; the strings are borrowed. today bounds the as-of day; the
 * caller checked the month with monthly_asof. */
void monthly_build(const struct view_ctx *v, const char *partner, const char *partner_name,
		   int year, int month, raa_day today, struct monthly *r);
void monthly_free(struct monthly *r);

/* Counts of the summary. */
long monthly_count(const struct monthly *r, enum monthly_section s);

/* One self-contained printable HTML page. */
void monthly_html(const struct monthly *r, raa_day generated, struct buf *out);
/* Sections of CSV rows, each with its header, separated by a blank line. */
void monthly_csv(const struct monthly *r, struct buf *out);
/* A workbook at path (replaced): one worksheet per section. */
int monthly_xlsx(const struct monthly *r, const char *path, struct raa_err *err);

#endif
