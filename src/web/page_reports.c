/*
 * page_reports: GET /reports (the forms) and the report downloads:
 * /reports/quarterly, /reports/monthly, /reports/asglb/children.csv and
 * /reports/asglb/adopters.csv (docs/pages.md "Reports").
 *
 * Who: everyone who reads cases or sees performance. LA users get their own
 * partner's reports only; the board (performance, no cases) gets the
 * aggregates: the quarterly report without its waiting list, the monthly
 * summary counts and no ASGLB extract. Downloads carrying child-level data
 * are audited.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "report/asglb.h"
#include "report/monthly.h"
#include "report/quarterly.h"
#include "report/scorecard_out.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

static bool reads_reports(const char *role)
{
	return auth_reads_cases(role) || auth_sees_performance(role);
}

/* The board reads aggregates, never case records. */
static bool aggregates_only(const char *role)
{
	return !auth_reads_cases(role);
}

static bool is_la(const struct page *p)
{
	return p->who.partner[0] != '\0';
}

enum report_kind { RK_QUARTERLY, RK_MONTHLY, RK_ASGLB, RK_COUNT };

/* One form of the index page; its fields' ids are "<id>-<name>". */
struct report_form {
	const char *id, *title, *intro, *action, *period, *period_label, *period_hint;
	const char *const *formats; /* NULL: the ASGLB's two CSV buttons */
	bool region;                /* "the whole region" may be chosen */
};

static const char *const QUARTERLY_FORMATS[] = { "html", "csv", "pdf", NULL };
static const char *const MONTHLY_FORMATS[] = { "html", "csv", "xlsx", NULL };

static const struct report_form FORMS[RK_COUNT] = {
	[RK_QUARTERLY] = { "q", "Quarterly partner report",
			   "The scorecard beside the thresholds and the region, 12-quarter "
			   "trends, children waiting and adopter recruitment.",
			   "/reports/quarterly", "quarter", "Quarter", "For example, 2024Q1",
			   QUARTERLY_FORMATS, false },
	[RK_MONTHLY] = { "m", "Monthly tracking report",
			 "Children waiting, clocks overdue and due, links in progress and "
			 "households waiting, as on the month's last day.",
			 "/reports/monthly", "month", "Month", "For example, 2024-03",
			 MONTHLY_FORMATS, true },
	[RK_ASGLB] = { "a", "ASGLB quarterly extract",
		       "Two CSV files: one row per child and one per household active in "
		       "the quarter, with their key dates.",
		       "/reports/asglb/children.csv", "quarter", "Quarter",
		       "For example, 2024Q1", NULL, true },
};

/* What one form asked for, as typed, and what it means once checked. */
struct report_req {
	enum report_kind kind;
	const char *partner, *period, *format; /* as typed ("" when absent) */
	const char *code, *name;               /* the partner; NULL: the region */
	int year, n;                           /* quarter or month number */
	struct form_errors err;
	bool forbidden;
};

static const char *field_id(struct page *p, enum report_kind k, const char *name)
{
	return arena_printf(&p->req->arena, "%s-%s", FORMS[k].id, name);
}

static void add_error(struct page *p, struct report_req *r, const char *name, const char *msg)
{
	const char *id = field_id(p, r->kind, name);
	form_error_add(&r->err, id, id, msg);
}

/* ---- the index page ---- */

/* The form group and the <select> named name, with id "<form>-<name>";
 * the caller writes the options and closes both. */
static void select_open(struct page *p, enum report_kind k, const char *name, const char *label,
			const struct report_req *r)
{
	const char *id = field_id(p, k, name);
	page_form_group_open(p, id, label, NULL, form_error_for(&r->err, id));
	html_raw(&p->h, "<select class=\"govuk-select\"");
	html_attr(&p->h, "id", id);
	html_attr(&p->h, "name", name);
	html_raw(&p->h, ">");
}

static void partner_field(struct page *p, enum report_kind k, const struct report_req *r)
{
	struct html *h = &p->h;
	select_open(p, k, "partner", "Partner", r);
	if (is_la(p)) {
		page_select_option(h, p->who.partner, page_partner_name(p, p->who.partner), true);
	} else {
		if (FORMS[k].region)
			page_select_option(h, "", "The whole region", !*r->partner);
		page_partner_name(p, NULL);
		for (int i = 0; i < p->npartners; i++)
			page_select_option(h, p->partners[i].code, p->partners[i].name,
					   strcmp(r->partner, p->partners[i].code) == 0);
	}
	html_raw(h, "</select></div>");
}

static void period_field(struct page *p, enum report_kind k, const struct report_req *r)
{
	struct html *h = &p->h;
	const struct report_form *f = &FORMS[k];
	const char *id = field_id(p, k, f->period);
	const char *err = form_error_for(&r->err, id);
	page_form_group_open(p, id, f->period_label, f->period_hint, err);
	html_raw(h, err ? "<input class=\"govuk-input govuk-input--width-10 govuk-input--error\""
			: "<input class=\"govuk-input govuk-input--width-10\"");
	html_attr(h, "id", id);
	html_attr(h, "name", f->period);
	html_raw(h, " type=\"text\" spellcheck=\"false\"");
	html_attrf(h, "aria-describedby", err ? "%s-hint %s-error" : "%s-hint", id, id);
	html_attr(h, "value", r->period);
	html_raw(h, "></div>");
}

static const char *format_label(const char *f)
{
	return strcmp(f, "html") == 0   ? "HTML (to read or print)"
	       : strcmp(f, "xlsx") == 0 ? "XLSX (a workbook)"
	       : strcmp(f, "pdf") == 0  ? "PDF"
					: "CSV";
}

static void format_field(struct page *p, enum report_kind k, const struct report_req *r)
{
	struct html *h = &p->h;
	select_open(p, k, "format", "Format", r);
	for (const char *const *fmt = FORMS[k].formats; *fmt; fmt++)
		page_select_option(h, *fmt, format_label(*fmt), strcmp(r->format, *fmt) == 0);
	html_raw(h, "</select></div>");
}

static void report_form(struct page *p, enum report_kind k, const struct report_req *r)
{
	struct html *h = &p->h;
	const struct report_form *f = &FORMS[k];
	html_raw(h, "<section class=\"govuk-!-margin-bottom-8\"");
	html_attrf(h, "data-testid", "report-%s", f->id);
	html_raw(h, "><h2 class=\"govuk-heading-m\">");
	html_text(h, f->title);
	html_raw(h, "</h2><p class=\"govuk-body\">");
	html_text(h, f->intro);
	if (k != RK_ASGLB && aggregates_only(p->who.role))
		html_raw(h, " As a board member you see the aggregate figures: no list names a child.");
	html_raw(h, "</p><form method=\"get\" novalidate");
	html_attr(h, "action", f->action);
	html_raw(h, ">");
	partner_field(p, k, r);
	period_field(p, k, r);
	if (f->formats) {
		format_field(p, k, r);
		html_raw(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
			    "Download</button>");
	} else {
		html_raw(h, "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button\" "
			    "data-module=\"govuk-button\">Download children (CSV)</button>"
			    "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
			    "data-module=\"govuk-button\" formaction=\"/reports/asglb/adopters.csv\">"
			    "Download households (CSV)</button></div>");
	}
	html_raw(h, "</form></section>");
}

/* The last complete quarter and the current month, as typed defaults. */
static void defaults(struct page *p, enum report_kind k, struct report_req *r)
{
	int y, m, d;
	date_to_ymd(date_today(), &y, &m, &d);
	int q = (m - 1) / 3; /* the previous quarter, 0 meaning Q4 of last year */
	*r = (struct report_req){ .kind = k, .partner = is_la(p) ? p->who.partner : "",
				  .format = FORMS[k].formats ? FORMS[k].formats[0] : "" };
	r->period = k == RK_MONTHLY ? arena_printf(&p->req->arena, "%04d-%02d", y, m)
				    : arena_printf(&p->req->arena, "%dQ%d", q ? y : y - 1, q ? q : 4);
}

/* The forms, one of them (bad) as typed with its errors. */
static void index_page(struct page *p, const struct report_req *bad, int status)
{
	struct html *h = &p->h;
	page_begin(p, "Reports", NAV_REPORTS, bad ? bad->err.n : 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Reports</h1>");
	if (bad)
		page_error_summary(p, &bad->err);
	html_raw(h, "<p class=\"govuk-body\">");
	if (is_la(p)) {
		html_raw(h, "Reports for ");
		html_text(h, page_partner_name(p, p->who.partner));
		html_raw(h, ".");
	} else {
		html_raw(h, "Reports for each partner and for the whole region.");
	}
	html_raw(h, " Every download is produced from the records as they are now.</p>");
	for (int k = 0; k < RK_COUNT; k++) {
		if (k == RK_ASGLB && aggregates_only(p->who.role))
			continue;
		struct report_req r;
		if (bad && bad->kind == (enum report_kind)k)
			r = *bad;
		else
			defaults(p, k, &r);
		report_form(p, k, &r);
	}
	page_end(p, status);
}

/* ---- checking a request ---- */

static const char *query(struct page *p, const char *name)
{
	const char *v = http_query(p->req, name);
	return v ? v : "";
}

static void check_partner(struct page *p, struct report_req *r)
{
	if (is_la(p)) {
		/* an LA user's reports are their own partner's */
		if (*r->partner && strcmp(r->partner, p->who.partner) != 0)
			r->forbidden = true;
		r->code = p->who.partner;
	} else if (!*r->partner) {
		if (!FORMS[r->kind].region)
			add_error(p, r, "partner", "Choose a partner");
		r->code = NULL;
	} else {
		page_partner_name(p, NULL);
		for (int i = 0; i < p->npartners; i++)
			if (strcmp(p->partners[i].code, r->partner) == 0)
				r->code = p->partners[i].code;
		if (!r->code)
			add_error(p, r, "partner",
				  arena_printf(&p->req->arena,
					       "Partner '%.16s' is not a partner of the agency: "
					       "choose one from the list", r->partner));
	}
	r->name = r->code ? page_partner_name(p, r->code) : NULL;
}

static void check_period(struct page *p, struct report_req *r)
{
	struct arena *a = &p->req->arena;
	const char *name = FORMS[r->kind].period;
	raa_day asof;
	if (r->kind == RK_MONTHLY) {
		if (monthly_parse_month(r->period, &r->year, &r->n) < 0)
			add_error(p, r, name, arena_printf(a, "Month '%.16s': enter a year and month "
							      "like 2024-03", r->period));
		else if (monthly_asof(r->year, r->n, date_today(), &asof) < 0)
			add_error(p, r, name, arena_printf(a, "Month '%s' has not started yet: "
							      "choose this month or an earlier one",
							      r->period));
	} else if (quarterly_parse_quarter(r->period, &r->year, &r->n) < 0) {
		add_error(p, r, name, arena_printf(a, "Quarter '%.16s': enter a year and quarter "
						      "like 2024Q1", r->period));
	} else if (date_from_ymd(r->year, 3 * r->n - 2, 1) > date_today()) {
		add_error(p, r, name, arena_printf(a, "Quarter '%s' has not started yet: choose "
						      "this quarter or an earlier one", r->period));
	}
}

static void check_format(struct page *p, struct report_req *r)
{
	const char *const *f = FORMS[r->kind].formats;
	if (!f)
		return;
	if (!*r->format)
		r->format = f[0];
	for (; *f; f++)
		if (strcmp(*f, r->format) == 0)
			return;
	add_error(p, r, "format",
		  r->kind == RK_MONTHLY ? "Choose a format: HTML, CSV or XLSX"
					: "Choose a format: HTML, CSV or PDF");
}

/* Reads and checks a download's parameters; false when the answer (the
 * forms again with the errors, or a refusal) has been given. */
static bool read_request(struct page *p, enum report_kind k, struct report_req *r)
{
	*r = (struct report_req){ .kind = k, .partner = query(p, "partner"),
				  .period = query(p, FORMS[k].period), .format = query(p, "format") };
	check_partner(p, r);
	if (r->forbidden) {
		page_forbidden(p, "You can see the reports of your own partner only.");
		return false;
	}
	check_period(p, r);
	check_format(p, r);
	if (r->err.n) {
		index_page(p, r, 400);
		return false;
	}
	return true;
}

/* ---- downloads ---- */

static void attachment(struct page *p, const char *type, const char *filename)
{
	p->resp->status = 200;
	p->resp->content_type = type;
	http_add_header(p->resp, "Content-Disposition",
			arena_printf(&p->req->arena, "attachment; filename=\"%s\"", filename));
}

static void audit(struct page *p, const char *what, const struct report_req *r)
{
	web_audit(p->app, p->who.email, "report_download", NULL,
		  arena_printf(&p->req->arena, "%s %s %s %s", what, r->code ? r->code : "region",
			       r->period, r->format),
		  p->req->client_ip);
}

static const char *scope_name(const struct report_req *r)
{
	return r->code ? r->code : "region";
}

static void pdf_unavailable(struct page *p, const char *why)
{
	struct html *h = &p->h;
	buf_reset(&p->resp->body);
	page_begin(p, "The PDF is not available", NAV_REPORTS, 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">The PDF is not available</h1>"
		    "<p class=\"govuk-body\">The report could not be made as a PDF: ");
	html_text(h, why);
	html_raw(h, "</p><p class=\"govuk-body\">Download the HTML version and print it instead, "
		    "or try again later. <a class=\"govuk-link\" href=\"/reports\">Back to reports</a>"
		    "</p>");
	page_end(p, 503);
}

static void quarterly_write(struct page *p, const struct report_req *r, struct quarterly *q)
{
	struct buf *out = &p->resp->body;
	const char *file = arena_printf(&p->req->arena, "quarterly-%s-%s.%s", scope_name(r),
					r->period, r->format);
	struct raa_err err;
	if (strcmp(r->format, "pdf") == 0) {
		if (quarterly_pdf(q, date_today(), out, &err) < 0) {
			pdf_unavailable(p, err.msg);
			return;
		}
		attachment(p, "application/pdf", file);
	} else if (strcmp(r->format, "csv") == 0) {
		quarterly_csv(q, out);
		attachment(p, "text/csv; charset=utf-8", file);
	} else {
		quarterly_html(q, date_today(), out);
		attachment(p, "text/html; charset=utf-8", file);
	}
	if (!q->aggregates_only)
		audit(p, "quarterly", r);
}

/* The records a report lists are read in the caller's own scope, so the
 * store limits an LA user's reports as it limits every other read; each
 * report then keeps the one partner asked for. Only the quarterly's
 * comparison with the region reads the whole region, and only as
 * aggregates (quarterly_get). */
struct region {
	struct snapshot snap;
	struct clock_settings cs;
	const struct workcal *cal; /* the thread's: not freed */
	struct view_ctx v;
};

static int region_open(struct page *p, struct region *g)
{
	struct raa_err err;
	struct store_scope sc;
	api_scope(&p->who, &sc);
	if (snapshot_load(p->store, &sc, &g->snap, &err) < 0) {
		log_error("GET %s: %s", p->req->path, err.msg);
		page_unavailable(p);
		return -1;
	}
	if (web_cached_settings(p->store, &g->cs, &g->cal, &err) < 0) {
		log_error("GET %s: %s", p->req->path, err.msg);
		snapshot_free(&g->snap);
		page_unavailable(p);
		return -1;
	}
	g->v = (struct view_ctx){ .snap = &g->snap, .cs = &g->cs, .cal = g->cal };
	return 0;
}

static void quarterly_get(struct page *p)
{
	struct report_req r;
	struct region g;
	if (!read_request(p, RK_QUARTERLY, &r) || region_open(p, &g) < 0)
		return;
	/* the scorecard against the region: its indicators, no record */
	struct snapshot region;
	struct raa_err err;
	if (snapshot_load_brief(p->store, &STORE_SYSTEM, &region, &err) < 0) {
		log_error("GET %s: %s", p->req->path, err.msg);
		snapshot_free(&g.snap);
		page_unavailable(p);
		return;
	}
	struct sc_index *ix = scout_index(&region);
	struct quarterly q;
	quarterly_build(ix, &g.v, r.code, r.name, r.year, r.n, &q);
	q.aggregates_only = aggregates_only(p->who.role);
	quarterly_write(p, &r, &q);
	quarterly_free(&q);
	scorecard_index_free(ix);
	snapshot_free(&region);
	snapshot_free(&g.snap);
}

/* A workbook is written to a file by libxlsxwriter: a private temporary
 * one, read back into the response. */
static int monthly_xlsx_body(const struct monthly *m, struct buf *out, struct raa_err *err)
{
	char path[] = "/tmp/raa-monthly-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return raa_err_set(err, RAA_EIO, "xlsx: cannot create a temporary file: %s",
				   strerror(errno));
	close(fd);
	int rc = monthly_xlsx(m, path, err);
	FILE *fp = rc < 0 ? NULL : fopen(path, "rb");
	if (rc == 0 && !fp)
		rc = raa_err_set(err, RAA_EIO, "xlsx: %s: cannot read back", path);
	char chunk[8192];
	size_t n;
	while (fp && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(out, chunk, n);
	if (fp)
		fclose(fp);
	unlink(path);
	return rc;
}

static void monthly_get(struct page *p)
{
	struct report_req r;
	struct region g;
	if (!read_request(p, RK_MONTHLY, &r) || region_open(p, &g) < 0)
		return;
	struct raa_err err;
	struct monthly m;
	raa_day today = date_today();
	monthly_build(&g.v, r.code, r.name, r.year, r.n, today, &m);
	m.aggregates_only = aggregates_only(p->who.role);
	struct buf *out = &p->resp->body;
	const char *file = arena_printf(&p->req->arena, "monthly-%s-%s.%s", scope_name(&r),
					r.period, r.format);
	if (strcmp(r.format, "xlsx") == 0) {
		if (monthly_xlsx_body(&m, out, &err) < 0) {
			log_error("GET %s: %s", p->req->path, err.msg);
			buf_reset(out);
			page_unavailable(p);
		} else {
			attachment(p, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				   file);
		}
	} else if (strcmp(r.format, "csv") == 0) {
		monthly_csv(&m, out);
		attachment(p, "text/csv; charset=utf-8", file);
	} else {
		monthly_html(&m, today, out);
		attachment(p, "text/html; charset=utf-8", file);
	}
	if (!m.aggregates_only && p->resp->status == 200)
		audit(p, "monthly", &r);
	monthly_free(&m);
	snapshot_free(&g.snap);
}

static void asglb_get(struct page *p, bool children)
{
	if (aggregates_only(p->who.role)) {
		page_forbidden(p, "The ASGLB extract lists children and households one by one: "
				  "board members see the aggregate reports.");
		return;
	}
	struct report_req r;
	struct region g;
	if (!read_request(p, RK_ASGLB, &r) || region_open(p, &g) < 0)
		return;
	r.format = "csv";
	struct asglb_period per;
	asglb_period(r.year, r.n, r.code, &per);
	if (children)
		asglb_children_csv(&g.snap, &per, &p->resp->body);
	else
		asglb_adopters_csv(&g.snap, &per, &p->resp->body);
	attachment(p, "text/csv; charset=utf-8",
		   arena_printf(&p->req->arena, "asglb-%s-%s-%s.csv", scope_name(&r), r.period,
				children ? "children" : "adopters"));
	audit(p, children ? "asglb_children" : "asglb_adopters", &r);
	snapshot_free(&g.snap);
}

bool page_reports_route(struct page *p)
{
	const char *path = p->req->path, *m = p->req->method;
	if (strcmp(path, "/reports") != 0 && strncmp(path, "/reports/", 9) != 0)
		return false;
	if ((strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0) || !reads_reports(p->who.role))
		return false; /* not found, as for any page the role has no access to */
	if (strcmp(path, "/reports") == 0)
		index_page(p, NULL, 200);
	else if (strcmp(path, "/reports/quarterly") == 0)
		quarterly_get(p);
	else if (strcmp(path, "/reports/monthly") == 0)
		monthly_get(p);
	else if (strcmp(path, "/reports/asglb/children.csv") == 0)
		asglb_get(p, true);
	else if (strcmp(path, "/reports/asglb/adopters.csv") == 0)
		asglb_get(p, false);
	else
		return false;
	return true;
}
