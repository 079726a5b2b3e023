/*
 * panel_pack_pdf: the panel pack as an A4 PDF (see panel_pack_pdf.h),
 * in the order a panel member reads it: who sits, whether that is a
 * quorum, the agenda, then each item with its papers.
 */
#include "report/panel_pack_pdf.h"

#include <stdio.h>
#include <string.h>

#include "report/pdf.h"
#include "web/html.h"

#define BODY 9.5
#define NOTE 8.0
#define H1 18.0
#define H2 13.0
#define H3 11.0

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *jstr0(const json_t *o, const char *key)
{
	const char *s = jstr(o, key);
	return s ? s : "";
}

static const char *panel_name(const json_t *panel)
{
	return jstr(panel, "name") ? jstr(panel, "name") : "Adoption panel";
}

/* "2026-11-12" -> "12 November 2026" (the text itself if unparsable). */
static void long_date(const char *iso, char out[HTML_DATE_MAX])
{
	raa_day d = DAY_NONE;
	if (iso && date_parse_iso(iso, &d) == 0) {
		html_date_long(d, out);
		return;
	}
	snprintf(out, HTML_DATE_MAX, "%s", iso ? iso : "");
}

/* "social_worker,vice_chair" -> "social worker, vice chair". */
static void role_words(const char *role, char *out, size_t sz)
{
	size_t n = 0;
	for (const char *p = role ? role : ""; *p && n + 3 < sz; p++) {
		if (*p == ',') {
			out[n++] = ',';
			out[n++] = ' ';
		} else {
			out[n++] = *p == '_' ? ' ' : *p;
		}
	}
	out[n] = '\0';
}

/* The array's strings joined by sep into b. */
static void join(const json_t *arr, const char *sep, struct buf *b)
{
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v)
		buf_printf(b, "%s%s", i ? sep : "", json_string_value(v));
}

/* ---- attendance and quorum ---- */

static const struct pdf_col MEMBER_COLS[] = {
	{ "Member", 190, false },
	{ "Seat", 190, false },
	{ "Qualified", 131.28, false },
};

static void attendance_section(struct pdf_doc *d, const json_t *panel)
{
	const json_t *att = json_object_get(panel, "attendance");
	const json_t *q = json_object_get(panel, "quorum");
	size_t i;
	const json_t *m;
	pdf_heading(d, H2, "Members attending", 60);
	if (!json_array_size(att)) {
		pdf_paragraph(d, 0, BODY, "No attendance recorded yet.");
	} else {
		struct pdf_table t = { .cols = MEMBER_COLS, .ncols = 3, .size = BODY };
		pdf_table_begin(d, &t);
		json_array_foreach(att, i, m) {
			char role[64], qual[HTML_DATE_MAX];
			role_words(jstr(m, "role"), role, sizeof role);
			long_date(jstr(m, "qualified"), qual);
			bool pqe = json_is_true(json_object_get(m, "qualifying_social_worker"));
			struct pdf_cell c[3] = {
				{ .text = jstr0(m, "name") },
				{ .text = role },
				{ .text = qual, .note = pqe ? "3+ years post-qualifying" : NULL },
			};
			pdf_table_row(d, &t, c);
		}
	}
	pdf_skip(d, 6);
	char line[512];
	if (json_is_true(json_object_get(q, "met"))) {
		snprintf(line, sizeof line, "Quorate: %lld members present, with a chair and a "
			 "qualifying social worker.", (long long)json_integer_value(json_object_get(q, "present")));
		pdf_paragraph(d, PDF_BOLD | PDF_GREEN, BODY, line);
	} else {
		snprintf(line, sizeof line, "Not quorate: %s. No recommendation can be recorded.",
			 jstr0(q, "missing"));
		pdf_paragraph(d, PDF_BOLD | PDF_RED, BODY, line);
	}
}

/* ---- the agenda ---- */

static const struct pdf_col AGENDA_COLS[] = {
	{ "No.", 28, true },
	{ "Item", 110, false },
	{ "Child or children", 150, false },
	{ "Household", 110, false },
	{ "Recommendation", 113.28, false },
};

static void agenda_section(struct pdf_doc *d, const json_t *items)
{
	size_t i;
	const json_t *it;
	pdf_skip(d, 8);
	pdf_heading(d, H2, "Agenda", 60);
	if (!json_array_size(items)) {
		pdf_paragraph(d, 0, BODY, "No items on the agenda.");
		return;
	}
	struct pdf_table t = { .cols = AGENDA_COLS, .ncols = 5, .size = BODY };
	pdf_table_begin(d, &t);
	json_array_foreach(items, i, it) {
		char no[24];
		struct buf children;
		buf_init(&children, 0);
		join(json_object_get(it, "children"), "\n", &children);
		snprintf(no, sizeof no, "%zu", i + 1);
		const char *rec = jstr(it, "recommendation");
		struct pdf_cell c[5] = {
			{ .text = no },
			{ .text = jstr0(it, "label"), .note = jstr(it, "kind") },
			{ .text = buf_cstr(&children) },
			{ .text = jstr0(it, "adopter") },
			{ .text = !rec ? "Not yet" : strcmp(rec, "yes") == 0 ? "Yes" : "No",
			  .style = rec ? PDF_BOLD : PDF_MUTED },
		};
		pdf_table_row(d, &t, c);
		buf_free(&children);
	}
}

/* ---- one item ---- */

static const struct pdf_col PAPER_COLS[] = {
	{ "No.", 28, true },
	{ "Paper", 483.28, false },
};

static void papers_table(struct pdf_doc *d, const json_t *papers)
{
	size_t i;
	const json_t *v;
	if (!json_array_size(papers)) {
		pdf_paragraph(d, PDF_MUTED, BODY, "No papers listed.");
		return;
	}
	struct pdf_table t = { .cols = PAPER_COLS, .ncols = 2, .size = BODY };
	pdf_table_begin(d, &t);
	json_array_foreach(papers, i, v) {
		char no[24];
		snprintf(no, sizeof no, "%zu", i + 1);
		struct pdf_cell c[2] = { { .text = no }, { .text = json_string_value(v) } };
		pdf_table_row(d, &t, c);
	}
}

/* "ADM decision: overdue, due 23 November 2026, 3 days overdue". */
static void adm_line(struct pdf_doc *d, const json_t *adm)
{
	char due[HTML_DATE_MAX], decided[HTML_DATE_MAX], line[256];
	const char *status = jstr0(adm, "status");
	long_date(jstr(adm, "due"), due);
	long_date(jstr(adm, "decided"), decided);
	unsigned style = 0;
	if (strcmp(status, "decided") == 0) {
		snprintf(line, sizeof line, "ADM decision: decided %s (due %s).", decided, due);
		style = PDF_GREEN;
	} else if (strcmp(status, "overdue") == 0) {
		snprintf(line, sizeof line, "ADM decision: overdue, due %s, %lld days overdue.", due,
			 (long long)json_integer_value(json_object_get(adm, "overdue_days")));
		style = PDF_RED | PDF_BOLD;
	} else {
		snprintf(line, sizeof line, "ADM decision: due by %s.", due);
	}
	pdf_paragraph(d, style, BODY, line);
}

static void recommendation(struct pdf_doc *d, const json_t *it)
{
	const char *rec = jstr(it, "recommendation");
	if (!rec) {
		pdf_paragraph(d, PDF_MUTED, BODY, "Recommendation: not recorded yet.");
		return;
	}
	struct buf b;
	buf_init(&b, 0);
	buf_printf(&b, "Recommendation: %s. %s", strcmp(rec, "yes") == 0 ? "Yes" : "No",
		   jstr0(it, "reasons"));
	pdf_paragraph(d, 0, BODY, buf_cstr(&b));
	buf_reset(&b);
	buf_printf(&b, "Recorded by %s at %s.", jstr0(it, "recommended_by"),
		   jstr0(it, "recommended_at"));
	pdf_paragraph(d, PDF_MUTED, NOTE, buf_cstr(&b));
	buf_free(&b);
	if (json_is_object(json_object_get(it, "adm")))
		adm_line(d, json_object_get(it, "adm"));
}

static void item_section(struct pdf_doc *d, const json_t *it, size_t no)
{
	const json_t *children = json_object_get(it, "children");
	char head[160];
	struct buf b;
	buf_init(&b, 0);
	snprintf(head, sizeof head, "%zu. %s", no, jstr0(it, "label"));
	pdf_skip(d, 8);
	pdf_heading(d, H3, head, 80);
	if (json_array_size(children)) {
		buf_puts(&b, json_array_size(children) > 1 ? "Children: " : "Child: ");
		join(children, ", ", &b);
		pdf_paragraph(d, 0, BODY, buf_cstr(&b));
	}
	if (jstr(it, "adopter")) {
		buf_reset(&b);
		buf_printf(&b, "Household: %s", jstr(it, "adopter"));
		pdf_paragraph(d, 0, BODY, buf_cstr(&b));
	}
	buf_free(&b);
	pdf_skip(d, 4);
	papers_table(d, json_object_get(it, "papers"));
	pdf_skip(d, 4);
	recommendation(d, it);
}

/* ---- the document ---- */

struct pack {
	const json_t *panel;
	raa_day generated;
};

static void body(struct pdf_doc *d, void *ctx)
{
	const struct pack *pk = ctx;
	const json_t *panel = pk->panel;
	const json_t *items = json_object_get(panel, "items");
	char date[HTML_DATE_MAX], made[HTML_DATE_MAX];
	size_t i;
	const json_t *it;
	struct buf meta;
	buf_init(&meta, 0);
	long_date(jstr(panel, "date"), date);
	html_date_long(pk->generated, made);
	buf_printf(&meta, "Panel pack. Panel %lld on %s", (long long)json_integer_value(json_object_get(panel, "id")), date);
	if (jstr(panel, "location"))
		buf_printf(&meta, ", %s", jstr(panel, "location"));
	buf_printf(&meta, ". Produced %s.", made);
	pdf_heading(d, H1, panel_name(panel), 120);
	pdf_paragraph(d, PDF_MUTED, BODY, buf_cstr(&meta));
	buf_free(&meta);
	pdf_skip(d, 8);
	attendance_section(d, panel);
	agenda_section(d, items);
	json_array_foreach(items, i, it)
		item_section(d, it, i + 1);
	pdf_skip(d, 8);
	pdf_heading(d, H2, "Minutes", 40);
	pdf_paragraph(d, jstr(panel, "minutes") ? 0 : PDF_MUTED, BODY,
		      jstr(panel, "minutes") ? jstr(panel, "minutes") : "Not written yet.");
}

int panel_pack_pdf(const json_t *panel, raa_day generated, struct buf *out,
		   struct raa_err *err)
{
	char title[256], footer[384], date[HTML_DATE_MAX];
	long_date(jstr(panel, "date"), date);
	snprintf(title, sizeof title, "%s, %s: panel pack", panel_name(panel), date);
	snprintf(footer, sizeof footer, "%s. Confidential.", title);
	struct pack pk = { panel, generated };
	return pdf_render(body, &pk, title, footer, generated, out, err);
}
