/* report/pdf: wrapping, UTF-8 cleaning and chart scales (pure), and whole
 * documents through cairo: two passes that agree on the page count, tables
 * that break across pages without crossing the footer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "report/pdf.h"
#include "report/quarterly.h"

/* One unit per UTF-8 character: widths a test can count. */
static double per_char(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	double n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* The wrapped lines of s at width w joined with '|'. */
static const char *wrapped(const char *s, double w)
{
	static char out[512];
	size_t st[32], ln[32];
	size_t n = pdf_wrap(s, w, per_char, NULL, st, ln, 32);
	out[0] = '\0';
	for (size_t k = 0; k < n && k < 32; k++) {
		if (k)
			strcat(out, "|");
		strncat(out, s + st[k], ln[k]);
	}
	return out;
}

static void test_wrap_words(void **state)
{
	(void)state;
	assert_string_equal(wrapped("the quick brown fox", 9), "the quick|brown fox");
	assert_string_equal(wrapped("the quick brown fox", 100), "the quick brown fox");
	/* spaces at a break vanish; runs of spaces inside a line stay */
	assert_string_equal(wrapped("ab   cd  ef", 6), "ab|cd  ef");
	assert_string_equal(wrapped("  lead", 10), "lead");
	assert_string_equal(wrapped("exactly9!", 9), "exactly9!");
}

static void test_wrap_breaks_and_cuts(void **state)
{
	(void)state;
	assert_string_equal(wrapped("one\ntwo three", 20), "one|two three");
	assert_string_equal(wrapped("a\n\nb", 20), "a||b");
	assert_string_equal(wrapped("", 20), "");
	/* a word wider than the line is cut, never at a multi-byte sequence */
	assert_string_equal(wrapped("abcdefghij", 4), "abcd|efgh|ij");
	assert_string_equal(wrapped("x \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2),
			    "x|\xc3\xa9\xc3\xa9|\xc3\xa9\xc3\xa9|\xc3\xa9");
	/* narrower than one character: one character a line, still progressing */
	assert_string_equal(wrapped("abc", 0.5), "a|b|c");
}

static void test_wrap_counts_beyond_max(void **state)
{
	(void)state;
	size_t st[2], ln[2];
	size_t n = pdf_wrap("a b c d e", 1, per_char, NULL, st, ln, 2);
	assert_int_equal(n, 5);
	assert_int_equal(st[1], 2);
	assert_int_equal(ln[1], 1);
	assert_int_equal(pdf_wrap("", 1, per_char, NULL, st, ln, 2), 1);
	assert_int_equal(ln[0], 0);
}

static void clean_is(const char *in, const char *want)
{
	struct buf b;
	buf_init(&b, 0);
	pdf_clean_utf8(in, &b);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void test_clean_utf8(void **state)
{
	(void)state;
	clean_is("Zo\xc3\xab \xe2\x9c\x93 \xf0\x9f\x98\x80", "Zo\xc3\xab \xe2\x9c\x93 \xf0\x9f\x98\x80");
	clean_is("a\xff" "b", "a?b");
	clean_is("\xc0\xaf", "??");             /* overlong '/' */
	clean_is("\xed\xa0\x80", "???");        /* a surrogate */
	clean_is("\xf4\x90\x80\x80", "????");   /* above U+10FFFF */
	clean_is("\xe2\x9c", "??");             /* cut short */
	clean_is("tab\there\nnext\x7f", "tab here\nnext ");
}

static void test_chart_top(void **state)
{
	(void)state;
	struct svg_chart c = { .n = 3, .has = { true, true, false }, .v = { 300, 351, 9999 } };
	assert_int_equal(pdf_chart_top(&c), 500); /* 351 + 43 + 1 -> 500; the gap ignored */
	c.has_threshold = true;
	c.threshold = 426;
	assert_int_equal(pdf_chart_top(&c), 500); /* 426 + 53 + 1 = 480 */
	c.v[1] = 900;
	assert_int_equal(pdf_chart_top(&c), 2000); /* 900 + 112 + 1 > 1000 */
	c.max_top = 1000;
	assert_int_equal(pdf_chart_top(&c), 1000);
	struct svg_chart none = { .n = 2 };
	assert_int_equal(pdf_chart_top(&none), 5);
	struct svg_chart small = { .n = 1, .has = { true }, .v = { 17 } };
	assert_int_equal(pdf_chart_top(&small), 20);
}

/* ---- whole documents ---- */

struct doc_probe {
	int calls, measured_pages, drawn_pages, rows;
	double lowest;     /* the lowest row bottom seen */
	int breaks;        /* rows that moved to a new page */
	int headless;      /* ... and found no header above them */
	const char *odd;   /* a string to draw */
};

static const struct pdf_col COLS[] = {
	{ "Id", 100, false }, { "Text", 315.28, false }, { "Value", 100, true }
};

static void table_body(struct pdf_doc *d, void *ctx)
{
	struct doc_probe *p = ctx;
	p->calls++;
	pdf_heading(d, 16, "A long table", 40);
	pdf_paragraph(d, PDF_MUTED, 8, p->odd ? p->odd : "Rows that run over several pages.");
	struct pdf_table t = { .cols = COLS, .ncols = 3, .size = 8 };
	pdf_table_begin(d, &t);
	for (int i = 0; i < p->rows; i++) {
		char id[16], val[16];
		snprintf(id, sizeof id, "R%03d", i);
		snprintf(val, sizeof val, "%d", i * 7);
		int page = d->page;
		struct pdf_cell c[3] = {
			{ .text = id },
			{ .text = i % 5 ? "short" : "a longer text that wraps onto a second and "
						   "maybe a third line in its column\nforced",
			  .note = i % 3 ? NULL : "a note", .hot = 2 },
			{ .text = val, .style = PDF_BOLD },
		};
		pdf_table_row(d, &t, c);
		if (d->page != page) {
			p->breaks++;
			p->headless += t.row_y <= PDF_MARGIN;
		}
		if (t.row_y + t.row_h > p->lowest)
			p->lowest = t.row_y + t.row_h;
	}
	if (d->measuring)
		p->measured_pages = d->page;
	else
		p->drawn_pages = d->pages;
}

/* Page objects in the file (binary streams hold NULs: no strstr). */
static int count_pages(const struct buf *b)
{
	int n = 0;
	const char *s = buf_cstr(b);
	for (size_t i = 0; i + 12 <= b->len; i++)
		n += memcmp(s + i, "/Type /Page", 11) == 0 && s[i + 11] != 's';
	return n;
}

static void test_render_table_over_pages(void **state)
{
	(void)state;
	struct doc_probe p = { .rows = 150 };
	struct buf out;
	struct raa_err err;
	buf_init(&out, 0);
	assert_int_equal(pdf_render(table_body, &p, "Test", "Footer", 19800, &out, &err), 0);
	assert_int_equal(p.calls, 2);
	assert_true(p.measured_pages > 2);
	assert_int_equal(p.drawn_pages, p.measured_pages);
	assert_memory_equal(buf_cstr(&out), "%PDF-", 5);
	assert_int_equal(count_pages(&out), p.measured_pages);
	/* no row crosses into the footer, and each new page began with the
	 * header (the first row sits below it, not at the margin) */
	assert_true(p.lowest <= PDF_BOTTOM);
	assert_true(p.breaks >= p.measured_pages - 1);
	assert_int_equal(p.headless, 0);
	buf_free(&out);
}

static void test_render_survives_bad_utf8(void **state)
{
	(void)state;
	struct doc_probe p = { .rows = 2, .odd = "bad \xff\xfe bytes \xc3" };
	struct buf out;
	struct raa_err err;
	buf_init(&out, 0);
	assert_int_equal(pdf_render(table_body, &p, "T\xff", "F\xc3", 19800, &out, &err), 0);
	assert_int_equal(p.drawn_pages, 1);
	assert_int_equal(count_pages(&out), 1);
	buf_free(&out);
}

/* ---- the quarterly report ---- */

/* A report of n waiting children (no figures); its page count. */
static int quarterly_pages(int n, bool aggregates_only)
{
	struct quarterly r = { .partner = "900", .partner_name = "Testshire", .year = 2024,
			       .quarter = 1, .aggregates_only = aggregates_only };
	r.qstart = date_from_ymd(2024, 1, 1);
	r.qend = date_from_ymd(2024, 3, 31);
	r.cur.to = r.region.to = r.qend;
	r.prev.to = date_add_months(r.qend, -12);
	for (int k = 0; k < QR_SERIES; k++)
		r.series[k].to = date_add_months(r.qend, 3 * (k - QR_SERIES + 1));
	r.waiting = json_array();
	for (int i = 0; i < n; i++) {
		char id[16];
		snprintf(id, sizeof id, "T%d", i);
		json_array_append_new(r.waiting,
				      json_pack("{s:s,s:s,s:s,s:i,s:s,s:[s],s:[{s:s,s:s,s:i}]}",
						"child_id", id, "first_name", "Ann", "last_name",
						"Example", "age_months", 40, "should_be_placed",
						"2023-10-01", "harder_to_place", "sibling_group",
						"clocks", "kind", "profile_update", "due", "2024-01-05",
						"overdue_days", 86));
	}
	struct buf out;
	struct raa_err err;
	buf_init(&out, 0);
	assert_int_equal(quarterly_pdf(&r, r.qend + 1, &out, &err), 0);
	int pages = count_pages(&out);
	buf_free(&out);
	quarterly_free(&r);
	return pages;
}

/* Scorecard, trends, then the waiting list (its own page onwards); the
 * board's aggregate report leaves the children out and so stays short. */
static void test_quarterly_pages(void **state)
{
	(void)state;
	assert_int_equal(quarterly_pages(0, false), 3);
	int full = quarterly_pages(150, false), agg = quarterly_pages(150, true);
	assert_int_equal(agg, 3);
	assert_true(full >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_words),
		cmocka_unit_test(test_wrap_breaks_and_cuts),
		cmocka_unit_test(test_wrap_counts_beyond_max),
		cmocka_unit_test(test_clean_utf8),
		cmocka_unit_test(test_chart_top),
		cmocka_unit_test(test_render_table_over_pages),
		cmocka_unit_test(test_render_survives_bad_utf8),
		cmocka_unit_test(test_quarterly_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
