/* The monthly tracking report (see monthly.h). */
#include "report/monthly.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/csv.h"
#include "core/json.h"
#include "core/mem.h"
#include "domain/htp.h"
#include "report/report_page.h"
#include "web/html.h"

int monthly_parse_month(const char *s, int *year, int *month)
{
	raa_day d;
	char iso[DATE_ISO_LEN + 3];
	/* "2024-03" is an ISO date without its day: let the strict parser
	 * judge the digits and the month's range. */
	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	snprintf(iso, sizeof iso, "%s-01", s);
	if (date_parse_iso(iso, &d) < 0)
		return -1;
	int dd;
	date_to_ymd(d, year, month, &dd);
	return 0;
}

int monthly_asof(int year, int month, raa_day today, raa_day *asof)
{
	raa_day start = date_from_ymd(year, month, 1);
	raa_day end = date_add_months(start, 1) - 1;
	if (start > today)
		return -1;
	*asof = end < today ? end : today;
	return 0;
}

/* ---- building ---- */

static bool ends_link(int kind)
{
	return kind == EV_LINK_ENDED || kind == EV_MATCH_DECISION || kind == EV_PLACED;
}

/* A non-superseded event of the kinds that end a link, after `from` in
 * journey order and dated on or before on. */
static bool ended_after(const struct journey *j, const struct event_rec *from, raa_day on,
			bool (*ends)(int kind))
{
	for (size_t k = 0; k < j->n; k++) {
		const struct event_rec *e = j->ev[k];
		if (e->date > on || journey_event_cmp(e, from) <= 0 || journey_superseded(j, e))
			continue;
		if (ends(e->kind))
			return true;
	}
	return false;
}

static bool household_leaves(int kind)
{
	return kind == EV_WITHDRAWN || kind == EV_DEREGISTERED;
}

const struct event_rec *monthly_open_link(const struct journey *child,
					  const struct journey *adopter, raa_day on)
{
	const struct event_rec *l = journey_last(child, EV_LINKED, on);
	if (!l || ended_after(child, l, on, ends_link))
		return NULL;
	if (adopter) {
		/* the household's own events are ordered in its journey: any
		 * withdrawal dated on or after the link's day ends it */
		for (size_t k = 0; k < adopter->n; k++) {
			const struct event_rec *e = adopter->ev[k];
			if (household_leaves(e->kind) && e->date >= l->date && e->date <= on &&
			    !journey_superseded(adopter, e))
				return NULL;
		}
	}
	return l;
}

static bool in_scope(const struct monthly *r, const char *partner)
{
	return !r->partner || (partner && strcmp(partner, r->partner) == 0);
}

/* "age_5_plus; sibling_group" or "placement_order_to_match due ... " */
static char *join_texts(const json_t *arr, bool clocks)
{
	struct buf b;
	buf_init(&b, 0);
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		if (i)
			buf_puts(&b, "; ");
		if (!clocks) {
			buf_puts(&b, json_string_value(x));
			continue;
		}
		buf_printf(&b, "%s due %s", json_string_value(json_object_get(x, "kind")),
			   json_string_value(json_object_get(x, "due")));
		json_int_t od = json_integer_value(json_object_get(x, "overdue_days"));
		if (od > 0)
			buf_printf(&b, " (overdue %lld days)", (long long)od);
	}
	return buf_detach(&b);
}

static void set_owned_str(json_t *o, const char *key, char *s)
{
	json_set_str(o, key, s);
	free(s);
}

/* The same children as `raa child list --status waiting --on ASOF`. */
static void build_waiting(const struct view_ctx *v, struct monthly *r)
{
	for (size_t i = 0; i < v->snap->nchildren; i++) {
		const struct snap_child *c = &v->snap->children[i];
		if (!in_scope(r, c->rec.partner) || journey_status(&c->j, r->asof) != CS_WAITING)
			continue;
		json_t *view = view_child(v, c), *o = json_object();
		const struct event_rec *sbp = journey_last(&c->j, EV_SHOULD_BE_PLACED, r->asof);
		const json_t *htp = json_object_get(view, "harder_to_place");
		json_set_str(o, "child_id", c->rec.id);
		json_set_str(o, "partner", c->rec.partner);
		json_set_str(o, "first_name", c->rec.first_name);
		json_set_str(o, "last_name", c->rec.last_name);
		json_set_date(o, "dob", c->rec.dob);
		json_object_set(o, "age_months", json_object_get(view, "age_months"));
		json_set_date(o, "should_be_placed", sbp ? sbp->date : DAY_NONE);
		if (sbp)
			json_set_int(o, "days_waiting", r->asof - sbp->date);
		else
			json_object_set_new(o, "days_waiting", json_null());
		set_owned_str(o, "harder_to_place", join_texts(htp, false));
		set_owned_str(o, "clocks", join_texts(json_object_get(view, "clocks"), true));
		r->waiting_htp += json_array_size(htp) > 0;
		json_array_append_new(r->rows[MR_WAITING], o);
		json_decref(view);
	}
}

/* Overdue clocks, then those due from the as-of day to a month after it:
 * the same rows as `raa clocks --on ASOF`, split by overdue_days. */
static void build_clocks(const struct view_ctx *v, struct monthly *r)
{
	struct clock_list list;
	clocklist_build(v->snap, v->cs, v->cal, r->asof, false, &list);
	for (size_t i = 0; i < list.n; i++) {
		const struct clock_row *cr = &list.rows[i];
		bool overdue = cr->c.overdue_days > 0;
		if (!in_scope(r, cr->partner) || (!overdue && cr->c.due > r->horizon))
			continue;
		json_t *o = json_object();
		json_set_str(o, "record", cr->record);
		json_set_str(o, "type", cr->type == REC_CHILD ? "child" : "household");
		json_set_str(o, "partner", cr->partner);
		json_set_str(o, "clock", clock_kind_name(cr->c.kind));
		json_set_date(o, "started", cr->c.started);
		json_set_date(o, "due", cr->c.due);
		if (overdue)
			json_set_int(o, "overdue_days", cr->c.overdue_days);
		else
			json_set_int(o, "days_to_due", cr->c.due - r->asof);
		json_array_append_new(r->rows[overdue ? MR_OVERDUE : MR_DUE], o);
	}
	clocklist_free(&list);
}

/* Links in progress: children of the scope with an open link. */
static void build_links(const struct snapshot *snap, struct monthly *r)
{
	for (size_t i = 0; i < snap->nchildren; i++) {
		const struct snap_child *c = &snap->children[i];
		if (!in_scope(r, c->rec.partner))
			continue;
		const struct event_rec *l = journey_last(&c->j, EV_LINKED, r->asof);
		if (!l)
			continue;
		const struct snap_adopter *a = l->adopter ? snapshot_adopter(snap, l->adopter) : NULL;
		if (!monthly_open_link(&c->j, a ? &a->j : NULL, r->asof))
			continue;
		json_t *o = json_object();
		json_set_str(o, "child_id", c->rec.id);
		json_set_str(o, "partner", c->rec.partner);
		json_set_str(o, "adopter_id", l->adopter);
		json_set_date(o, "linked", l->date);
		json_set_int(o, "days_linked", r->asof - l->date);
		json_array_append_new(r->rows[MR_LINKS], o);
	}
}

/* Approved households (status approved on the day: not linked, matched,
 * on hold or withdrawn), with days since their latest approval. */
static void build_households(const struct snapshot *snap, struct monthly *r)
{
	for (size_t i = 0; i < snap->nadopters; i++) {
		const struct snap_adopter *a = &snap->adopters[i];
		if (!in_scope(r, a->rec.partner) || journey_status(&a->j, r->asof) != AS_APPROVED)
			continue;
		const struct event_rec *ap = journey_last(&a->j, EV_APPROVED, r->asof);
		json_t *o = json_object();
		json_set_str(o, "adopter_id", a->rec.id);
		json_set_str(o, "partner", a->rec.partner);
		json_set_str(o, "name", a->rec.name);
		json_set_date(o, "approved", ap ? ap->date : DAY_NONE);
		if (ap)
			json_set_int(o, "days_since_approval", r->asof - ap->date);
		else
			json_object_set_new(o, "days_since_approval", json_null());
		json_array_append_new(r->rows[MR_HOUSEHOLDS], o);
	}
}

void monthly_build(const struct view_ctx *v, const char *partner, const char *partner_name,
		   int year, int month, raa_day today, struct monthly *r)
{
	memset(r, 0, sizeof *r);
	r->partner = partner;
	r->partner_name = partner_name ? partner_name : "the region";
	r->year = year;
	r->month = month;
	r->mstart = date_from_ymd(year, month, 1);
	r->mend = date_add_months(r->mstart, 1) - 1;
	if (monthly_asof(year, month, today, &r->asof) < 0)
		r->asof = r->mend; /* the caller should have refused the month */
	r->horizon = date_add_months(r->asof, 1);
	for (int s = 0; s < MR_SECTIONS; s++)
		r->rows[s] = json_array();
	struct view_ctx at = *v;
	at.on = r->asof;
	at.with_journey = false;
	build_waiting(&at, r);
	build_clocks(&at, r);
	build_links(v->snap, r);
	build_households(v->snap, r);
}

void monthly_free(struct monthly *r)
{
	for (int s = 0; s < MR_SECTIONS; s++) {
		json_decref(r->rows[s]);
		r->rows[s] = NULL;
	}
}

long monthly_count(const struct monthly *r, enum monthly_section s)
{
	return (long)json_array_size(r->rows[s]);
}

/* ---- the sections' columns, shared by the three formats ---- */

enum col_type { COL_TEXT, COL_INT, COL_DATE };

struct col {
	const char *key, *title;
	enum col_type type;
	double width; /* XLSX characters */
};

struct section {
	const char *title, *sheet, *empty, *note;
	const struct col *cols;
	int ncols;
};

static const struct col WAITING_COLS[] = {
	{ "child_id", "Child", COL_TEXT, 12 },
	{ "partner", "Partner", COL_TEXT, 9 },
	{ "first_name", "First name", COL_TEXT, 14 },
	{ "last_name", "Last name", COL_TEXT, 14 },
	{ "dob", "Date of birth", COL_DATE, 12 },
	{ "age_months", "Age (months)", COL_INT, 8 },
	{ "should_be_placed", "Should be placed", COL_DATE, 12 },
	{ "days_waiting", "Days waiting", COL_INT, 9 },
	{ "harder_to_place", "Harder to place", COL_TEXT, 32 },
	{ "clocks", "Clocks", COL_TEXT, 60 },
};
static const struct col OVERDUE_COLS[] = {
	{ "record", "Record", COL_TEXT, 12 },     { "type", "Type", COL_TEXT, 10 },
	{ "partner", "Partner", COL_TEXT, 9 },    { "clock", "Clock", COL_TEXT, 24 },
	{ "started", "Started", COL_DATE, 12 },   { "due", "Due", COL_DATE, 12 },
	{ "overdue_days", "Days overdue", COL_INT, 10 },
};
static const struct col DUE_COLS[] = {
	{ "record", "Record", COL_TEXT, 12 },     { "type", "Type", COL_TEXT, 10 },
	{ "partner", "Partner", COL_TEXT, 9 },    { "clock", "Clock", COL_TEXT, 24 },
	{ "started", "Started", COL_DATE, 12 },   { "due", "Due", COL_DATE, 12 },
	{ "days_to_due", "Days to due", COL_INT, 10 },
};
static const struct col LINK_COLS[] = {
	{ "child_id", "Child", COL_TEXT, 12 },   { "partner", "Partner", COL_TEXT, 9 },
	{ "adopter_id", "Household", COL_TEXT, 12 }, { "linked", "Linked", COL_DATE, 12 },
	{ "days_linked", "Days linked", COL_INT, 10 },
};
static const struct col HOUSEHOLD_COLS[] = {
	{ "adopter_id", "Household", COL_TEXT, 12 }, { "partner", "Partner", COL_TEXT, 9 },
	{ "name", "Name", COL_TEXT, 28 },            { "approved", "Approved", COL_DATE, 12 },
	{ "days_since_approval", "Days since approval", COL_INT, 12 },
};

#define SECTION_COLS(a) (a), (int)(sizeof(a) / sizeof((a)[0]))

static const struct section SECTIONS[MR_SECTIONS] = {
	[MR_WAITING] = { "Children waiting", "Children waiting", "No children waiting.",
			 "Status waiting on the day; days since the latest should-be-placed "
			 "decision.", SECTION_COLS(WAITING_COLS) },
	[MR_OVERDUE] = { "Clocks overdue", "Clocks overdue", "No clocks overdue.",
			 "Running clocks past their due date, most overdue first.",
			 SECTION_COLS(OVERDUE_COLS) },
	[MR_DUE] = { "Clocks due in the next month", "Clocks due", "No clocks due.",
		     "Running clocks due from the day to a month after it.", SECTION_COLS(DUE_COLS) },
	[MR_LINKS] = { "Links in progress", "Links in progress", "No links in progress.",
		       "Linked and not yet ended, matched, placed or withdrawn.",
		       SECTION_COLS(LINK_COLS) },
	[MR_HOUSEHOLDS] = { "Households waiting", "Households waiting",
			    "No approved households waiting.",
			    "Approved and not linked, with days since approval.",
			    SECTION_COLS(HOUSEHOLD_COLS) },
};

/* The summary: key, label, value. */
struct measure {
	const char *key, *label;
	long value;
};

static int measures(const struct monthly *r, struct measure *m)
{
	static const char *const keys[MR_SECTIONS] = { "children_waiting", "clocks_overdue",
						       "clocks_due_next_month", "links_in_progress",
						       "households_waiting" };
	int n = 0;
	for (int s = 0; s < MR_SECTIONS; s++) {
		m[n++] = (struct measure){ keys[s], SECTIONS[s].title, monthly_count(r, s) };
		if (s == MR_WAITING)
			m[n++] = (struct measure){ "children_waiting_harder_to_place",
						   "Of them harder to place", r->waiting_htp };
	}
	return n;
}

static const char *cell_str(const json_t *row, const struct col *c, char num[32])
{
	const json_t *v = json_object_get(row, c->key);
	if (json_is_integer(v)) {
		snprintf(num, 32, "%lld", (long long)json_integer_value(v));
		return num;
	}
	return json_is_string(v) ? json_string_value(v) : "";
}

/* ---- CSV ---- */

static void csv_section(const struct section *s, const json_t *rows, struct buf *out)
{
	for (int c = 0; c < s->ncols; c++)
		buf_printf(out, "%s%s", c ? "," : "", s->cols[c].key);
	buf_putc(out, '\n');
	size_t i;
	json_t *row;
	char num[32];
	json_array_foreach(rows, i, row)
	{
		for (int c = 0; c < s->ncols; c++) {
			if (c)
				buf_putc(out, ',');
			csv_write_field(out, cell_str(row, &s->cols[c], num));
		}
		buf_putc(out, '\n');
	}
}

void monthly_csv(const struct monthly *r, struct buf *out)
{
	struct measure m[MR_SECTIONS + 1];
	int n = measures(r, m);
	char asof[DATE_ISO_LEN];
	date_format_iso(r->asof, asof);
	buf_puts(out, "partner,month,as_of");
	for (int i = 0; i < n; i++)
		buf_printf(out, ",%s", m[i].key);
	buf_putc(out, '\n');
	csv_write_field(out, r->partner ? r->partner : "region");
	buf_printf(out, ",%04d-%02d,%s", r->year, r->month, asof);
	for (int i = 0; i < n; i++)
		buf_printf(out, ",%ld", m[i].value);
	buf_putc(out, '\n');
	if (r->aggregates_only)
		return;
	for (int s = 0; s < MR_SECTIONS; s++) {
		buf_putc(out, '\n');
		csv_section(&SECTIONS[s], r->rows[s], out);
	}
}

/* ---- HTML ---- */

static const char CSS[] =
	"<style>\n"
	"body{font:14px/1.45 Arial,sans-serif;color:#1b1b1b;margin:0}\n"
	"main{max-width:1100px;margin:0 auto;padding:24px 32px}\n"
	"h1{font-size:26px;margin:0 0 4px;color:#1d4f91}\n"
	"h2{font-size:19px;margin:24px 0 6px;color:#1d4f91}\n"
	".meta,.note{color:#505a64}.note{font-size:12px;margin:0 0 6px}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}\n"
	"th,td{border:1px solid #c9d3e0;padding:4px 7px;text-align:left;vertical-align:top}\n"
	"thead th{background:#eef2f8}td.num{text-align:right}\n"
	".summary td.num{font-weight:bold;font-size:16px}\n"
	".overdue{color:#a4161a;font-weight:bold}\n"
	"@media print{body{font-size:11px}main{max-width:none;padding:0}"
	"tr{break-inside:avoid}thead{display:table-header-group}"
	"h2{break-after:avoid}@page{size:A4 landscape;margin:12mm}}\n"
	"</style>\n";

static void html_summary(struct html *h, const struct monthly *r)
{
	struct measure m[MR_SECTIONS + 1];
	int n = measures(r, m);
	html_raw(h, "<section><h2>Summary</h2><table class=\"summary\"><tbody>");
	for (int i = 0; i < n; i++) {
		html_raw(h, "<tr");
		html_attr(h, "data-measure", m[i].key);
		html_raw(h, "><th scope=\"row\">");
		html_text(h, m[i].label);
		html_raw(h, "</th><td class=\"num\">");
		html_textf(h, "%ld", m[i].value);
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table></section>");
}

static void html_row(struct html *h, const struct section *s, const json_t *row, bool overdue)
{
	char num[32];
	html_raw(h, "<tr");
	html_attr(h, "data-record", cell_str(row, &s->cols[0], num));
	html_raw(h, ">");
	for (int c = 0; c < s->ncols; c++) {
		const struct col *col = &s->cols[c];
		html_raw(h, col->type != COL_INT ? "<td>"
			    : overdue		  ? "<td class=\"num overdue\">"
						  : "<td class=\"num\">");
		html_text(h, cell_str(row, col, num));
		html_raw(h, "</td>");
	}
	html_raw(h, "</tr>");
}

static void html_section(struct html *h, const struct section *s, const json_t *rows,
			 bool overdue)
{
	html_raw(h, "<section><h2>");
	html_text(h, s->title);
	html_textf(h, " (%zu)", json_array_size(rows));
	html_raw(h, "</h2><p class=\"note\">");
	html_text(h, s->note);
	html_raw(h, "</p>");
	if (json_array_size(rows) == 0) {
		html_raw(h, "<p>");
		html_text(h, s->empty);
		html_raw(h, "</p></section>");
		return;
	}
	html_raw(h, "<table><thead><tr>");
	for (int c = 0; c < s->ncols; c++) {
		html_raw(h, "<th scope=\"col\">");
		html_text(h, s->cols[c].title);
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead><tbody>");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		html_row(h, s, row, overdue);
	html_raw(h, "</tbody></table></section>");
}

void monthly_html(const struct monthly *r, raa_day generated, struct buf *out)
{
	struct arena a;
	arena_init(&a, 0);
	struct html hb = { .out = out, .arena = &a }, *h = &hb;
	report_page_begin(h,
			  arena_printf(&a, "%s: monthly tracking report %04d-%02d", r->partner_name,
				       r->year, r->month),
			  CSS, r->partner_name);
	html_raw(h, "Monthly tracking report, as on ");
	html_date(h, r->asof);
	if (r->partner) {
		html_raw(h, ". Partner code ");
		html_text(h, r->partner);
	}
	report_page_produced(h, generated);
	html_summary(h, r);
	if (r->aggregates_only)
		html_raw(h, "<p class=\"note\">Summary counts only: the lists name children and "
			    "households.</p>");
	else
		for (int s = 0; s < MR_SECTIONS; s++)
			html_section(h, &SECTIONS[s], r->rows[s], s == MR_OVERDUE);
	html_raw(h, "</main></body></html>\n");
	arena_free(&a);
}

/* ---- XLSX ---- */

struct xformats {
	lxw_format *head, *date, *title;
};

static void xlsx_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct col *c,
		      const json_t *v, const struct xformats *f)
{
	raa_day d;
	if (json_is_integer(v)) {
		worksheet_write_number(ws, row, col, (double)json_integer_value(v), NULL);
	} else if (!json_is_string(v)) {
		return; /* null: an empty cell */
	} else if (c->type == COL_DATE && date_parse_iso(json_string_value(v), &d) == 0) {
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		lxw_datetime dt = { .year = y, .month = m, .day = dd };
		worksheet_write_datetime(ws, row, col, &dt, f->date);
	} else {
		worksheet_write_string(ws, row, col, json_string_value(v), NULL);
	}
}

static void xlsx_section(lxw_workbook *wb, const struct section *s, const json_t *rows,
			 const struct xformats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, s->sheet);
	for (int c = 0; c < s->ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, s->cols[c].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, s->cols[c].title, f->head);
	}
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		for (int c = 0; c < s->ncols; c++)
			xlsx_cell(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, &s->cols[c],
				  json_object_get(row, s->cols[c].key), f);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(rows),
			     (lxw_col_t)(s->ncols - 1));
}

static void xlsx_summary(lxw_workbook *wb, const struct monthly *r, const struct xformats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	struct measure m[MR_SECTIONS + 1];
	int n = measures(r, m);
	char month[16];
	int y, mo, d;
	date_to_ymd(r->asof, &y, &mo, &d);
	lxw_datetime asof = { .year = y, .month = mo, .day = d };
	snprintf(month, sizeof month, "%04d-%02d", r->year, r->month);
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 16, NULL);
	worksheet_write_string(ws, 0, 0, "Monthly tracking report", f->title);
	worksheet_write_string(ws, 1, 0, "Partner", f->head);
	worksheet_write_string(ws, 1, 1, r->partner_name, NULL);
	worksheet_write_string(ws, 2, 0, "Month", f->head);
	worksheet_write_string(ws, 2, 1, month, NULL);
	worksheet_write_string(ws, 3, 0, "As on", f->head);
	worksheet_write_datetime(ws, 3, 1, &asof, f->date);
	for (int i = 0; i < n; i++) {
		worksheet_write_string(ws, (lxw_row_t)(5 + i), 0, m[i].label, f->head);
		worksheet_write_number(ws, (lxw_row_t)(5 + i), 1, (double)m[i].value, NULL);
	}
}

int monthly_xlsx(const struct monthly *r, const char *path, struct raa_err *err)
{
	for (int s = 0; s < MR_SECTIONS; s++)
		if (json_array_size(r->rows[s]) >= LXW_ROW_MAX)
			return raa_err_set(err, RAA_EINVAL, "xlsx: %s: %zu rows: a sheet holds at most %u",
					   SECTIONS[s].sheet, json_array_size(r->rows[s]),
					   (unsigned)LXW_ROW_MAX - 1);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return raa_err_set(err, RAA_EIO, "--output: value '%s': cannot create the workbook",
				   path);
	struct xformats f = { workbook_add_format(wb), workbook_add_format(wb),
			      workbook_add_format(wb) };
	format_set_bold(f.head);
	format_set_bg_color(f.head, 0xEEF2F8);
	format_set_bottom(f.head, LXW_BORDER_THIN);
	format_set_num_format(f.date, "yyyy-mm-dd");
	format_set_bold(f.title);
	format_set_font_size(f.title, 14);
	xlsx_summary(wb, r, &f);
	if (!r->aggregates_only)
		for (int s = 0; s < MR_SECTIONS; s++)
			xlsx_section(wb, &SECTIONS[s], r->rows[s], &f);
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return raa_err_set(err, RAA_EIO, "--output: value '%s': %s", path, lxw_strerror(rc));
	return 0;
}
