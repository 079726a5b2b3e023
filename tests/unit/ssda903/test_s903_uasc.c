/* The UASC status rules: 105 (Header.UASC a valid code) and 205A-205D
 * (UASC status and date UASC ceased against last year's return), on small
 * hand-made returns, CSV and XML, mostly in 2025/26 (1 April 2025 - 31
 * March 2026; last year 1 April 2024 - 31 March 2025). docs/ssda903.md
 * says where Header.UASC comes from in each form. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "s903_fixture.h"

/* This year's return in dir, last year's in dir/prev (read once put). */
static int setup(void **state)
{
	return s903_fixture_setup(state, "s903u");
}

static void put(struct s903_fixture *f, const char *name, const char *text)
{
	s903_fixture_put(f, name, text);
}

static void put_prev(struct s903_fixture *f, const char *name, const char *text)
{
	s903_fixture_put_prev(f, name, text);
}

/* Runs rule code of collection year `year` (2025 for 2025/26); the flagged
 * rows as "Table:row," text, or "skipped: why", must be want. */
static void expect_year(struct s903_fixture *f, int year, const char *code, const char *want)
{
	s903_fixture_expect(f, year, NULL, code, false, want);
}

static void expect(struct s903_fixture *f, const char *code, const char *want)
{
	expect_year(f, 2025, code, want);
}

#define HDR_COLS "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
#define UASC_COLS "CHILD,SEX,DOB,DUC\n"

/* One CHILD of the XML form: id and the HEADER's UASC items. */
#define X_CHILD(id, items)                                                                   \
	"<CHILD><HEADER><CHILDID>" id "</CHILDID><SEX>M</SEX><DOB>01/01/2008</DOB>" items \
	"</HEADER></CHILD>\n"
#define XML(children) "<EXPSSDA903>\n" children "</EXPSSDA903>\n"

/* Every one of the five is in force, in its first version, every year. */
static void test_in_force_every_year(void **state)
{
	(void)state;
	static const char *const codes[] = { "105", "205A", "205B", "205C", "205D" };
	for (int y = 2022; y <= 2026; y++)
		for (size_t i = 0; i < 5; i++) {
			const struct s903_rule_impl *m = s903_rule_impl(y, codes[i]);
			assert_non_null(m);
			assert_non_null(m->fn);
			assert_int_equal(m->since, 2022);
		}
}

/* 105: an XML file whose HEADERs give UASC keeps them; blank, missing and
 * codes other than 0 and 1 are flagged ("1.0" is 1, as a number). */
static void test_105_xml_flags(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "r.xml", XML(X_CHILD("A", "<UASC>1</UASC>") X_CHILD("B", "<UASC>0</UASC>")
			    X_CHILD("C", "<UASC>2</UASC>") X_CHILD("D", "<UASC>1.0</UASC>")
			    X_CHILD("E", "<UASC/>") X_CHILD("F", "")
			    X_CHILD("G", "<UASC>Y</UASC>")));
	expect(f, "105", "Header:2,Header:4,Header:5,Header:6,");
	expect_year(f, 2022, "105", "Header:2,Header:4,Header:5,Header:6,");
}

/* 105 clean: the XML gives no UASC value (derived from the UASC rows, as
 * for CSV), a CSV return with its UASC table (derived: always 0 or 1),
 * and one without (no status at all). */
static void test_105_clean(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "r.xml", XML(X_CHILD("A", "<UASC/>") X_CHILD("B", "<DUC>01/06/2025</DUC>")));
	expect(f, "105", "");
	s903_fixture_teardown(state);
	assert_int_equal(setup(state), 0);
	f = *state;
	put(f, "h.csv", HDR_COLS "A,M,01/01/2008,WBRI,,,\nB,M,01/01/2008,WBRI,,,\n");
	expect(f, "105", "");
	put(f, "u.csv", UASC_COLS "B,M,01/01/2008,\n");
	expect(f, "105", "");
}

/* 205A without Header tables (the UASC rows give the status): not UASC
 * this year (a row with nothing beyond CHILD and DOB), UASC last year;
 * last year's DUC must fall in last year, 1 April 2024 - 31 March 2025,
 * both ends included. */
static void test_205a_duc_in_last_year(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "u.csv", UASC_COLS "1,,01/01/2007,\n2,,01/01/2007,\n3,,01/01/2007,\n"
				  "4,,01/01/2007,\n5,,01/01/2007,\n");
	put_prev(f, "u.csv", UASC_COLS "1,,01/01/2007,01/04/2024\n2,,01/01/2007,31/03/2025\n"
				       "3,,01/01/2007,31/03/2024\n4,,01/01/2007,01/04/2025\n"
				       "5,,01/01/2007,\n");
	expect(f, "205A", "UASC:2,UASC:3,");
	/* 2024/25: last year is 2023/24, so only row 2's DUC is in it */
	expect_year(f, 2024, "205A", "UASC:0,UASC:1,UASC:3,");
}

/* 205A with the XML form: UASC 1 last year and 0 now but a DUC given this
 * year flags the UASC row and the Header row; still UASC now is clean. */
static void test_205a_xml_header(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "r.xml", XML(X_CHILD("A", "<UASC>1</UASC><DUC>01/06/2025</DUC>")
			    X_CHILD("B", "<UASC>0</UASC><DUC>01/06/2025</DUC>")));
	put_prev(f, "r.xml", XML(X_CHILD("A", "<UASC>1</UASC><DUC>01/06/2024</DUC>")
				 X_CHILD("B", "<UASC>1</UASC><DUC>01/06/2024</DUC>")));
	expect(f, "205A", "Header:1,UASC:1,");
	/* without last year's return it cannot run */
	s903_fixture_teardown(state);
	assert_int_equal(setup(state), 0);
	f = *state;
	put(f, "r.xml", XML(X_CHILD("B", "<UASC>0</UASC><DUC>01/06/2025</DUC>")));
	expect(f, "205A", "skipped: needs the previous year's return (--previous)");
}

/* 205B (CSV, Header both years: UASC both years): last year's DUC is the
 * 18th birthday, this year's falls in this year (both ends included) or
 * repeats last year's. */
static void test_205b_both_years(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "h.csv", HDR_COLS "b1,M,15/06/2007,WBRI,,,\nb2,M,01/03/2007,WBRI,,,\n"
				 "b3,M,01/03/2008,WBRI,,,\nb4,M,01/05/2006,WBRI,,,\n"
				 "b5,M,01/05/2006,WBRI,,,\nb6,M,01/01/2008,WBRI,,,\n"
				 "b7,M,01/06/2007,WBRI,,,\nb8,M,01/02/2008,WBRI,,,\n");
	put(f, "u.csv", UASC_COLS "b1,M,15/06/2007,15/06/2025\nb2,M,01/03/2007,01/04/2025\n"
				  "b3,M,01/03/2008,31/03/2026\nb4,M,01/05/2006,01/05/2024\n"
				  "b5,M,01/05/2006,02/05/2024\nb6,M,01/01/2008,01/01/2026\n"
				  "b7,M,01/06/2007,31/03/2025\nb8,M,01/02/2008,01/04/2026\n");
	put_prev(f, "h.csv", HDR_COLS "b1,M,15/06/2007,WBRI,,,\nb2,M,01/03/2007,WBRI,,,\n"
				      "b3,M,01/03/2008,WBRI,,,\nb4,M,01/05/2006,WBRI,,,\n"
				      "b5,M,01/05/2006,WBRI,,,\nb6,M,01/01/2008,WBRI,,,\n"
				      "b7,M,01/06/2007,WBRI,,,\nb8,M,01/02/2008,WBRI,,,\n");
	put_prev(f, "u.csv", UASC_COLS "b1,M,15/06/2007,15/06/2025\nb2,M,01/03/2007,01/03/2025\n"
				       "b3,M,01/03/2008,01/03/2026\nb4,M,01/05/2006,01/05/2024\n"
				       "b5,M,01/05/2006,01/05/2024\nb6,M,01/01/2008,02/01/2026\n"
				       "b7,M,01/06/2007,01/06/2025\nb8,M,01/02/2008,01/02/2026\n");
	/* b2 and b3 differ from last year's DUC but fall on the year's first
	 * and last day; flagged: b5 neither in the year nor last year's, b6
	 * not the 18th birthday, b7 the day before the year, b8 the day after */
	expect(f, "205B", "Header:4,Header:5,Header:6,Header:7,UASC:4,UASC:5,UASC:6,UASC:7,");
	/* in 2026/27 b8's 01/04/2026 is the year's first day, b2's and b3's
	 * are last year's */
	expect_year(f, 2026, "205B",
		    "Header:1,Header:2,Header:4,Header:5,Header:6,UASC:1,UASC:2,UASC:4,UASC:5,UASC:6,");
}

/* 205C: UASC in neither year (0 or blank) yet a DUC given. */
static void test_205c(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "r.xml", XML(X_CHILD("N", "<UASC>0</UASC><DUC>01/06/2025</DUC>")
			    X_CHILD("M", "<UASC>1</UASC><DUC>01/06/2025</DUC>")
			    X_CHILD("K", "<UASC>0</UASC>")
			    X_CHILD("L", "<UASC>1</UASC><DUC>01/06/2025</DUC>")));
	put_prev(f, "r.xml", XML(X_CHILD("N", "<UASC>0</UASC>") X_CHILD("M", "<UASC>1</UASC>")
				 X_CHILD("K", "<UASC>0</UASC>") X_CHILD("L", "<UASC/>")));
	expect(f, "205C", "Header:0,UASC:0,");
	/* N UASC last year: clean */
	s903_fixture_teardown(state);
	assert_int_equal(setup(state), 0);
	f = *state;
	put(f, "r.xml", XML(X_CHILD("N", "<UASC>0</UASC><DUC>01/06/2025</DUC>")));
	put_prev(f, "r.xml", XML(X_CHILD("N", "<UASC>1</UASC>")));
	expect(f, "205C", "");
}

/* 205D: UASC now, in last year's return but not UASC there; a child not
 * in last year's return is not flagged. */
static void test_205d(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "r.xml", XML(X_CHILD("P", "<UASC>1</UASC>") X_CHILD("Q", "<UASC>1</UASC>")
			    X_CHILD("R", "<UASC>1</UASC>") X_CHILD("S", "<UASC>0</UASC>")));
	put_prev(f, "r.xml", XML(X_CHILD("P", "<UASC>0</UASC>") X_CHILD("Q", "<UASC>1</UASC>")
				 X_CHILD("S", "<UASC>0</UASC>")));
	expect(f, "205D", "Header:0,");
}

/* 205D on CSV without Header: the UASC rows give the status and are
 * flagged; CSV with Header (derived: a UASC row both years) is clean. */
static void test_205d_csv(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "u.csv", UASC_COLS "1,M,01/01/2008,\n2,M,01/01/2008,\n");
	put_prev(f, "u.csv", UASC_COLS "1,,01/01/2008,\n2,M,01/01/2008,\n");
	expect(f, "205D", "UASC:0,");
	put(f, "h.csv", HDR_COLS "1,M,01/01/2008,WBRI,,,\n2,M,01/01/2008,WBRI,,,\n");
	put_prev(f, "h.csv", HDR_COLS "1,M,01/01/2008,WBRI,,,\n2,M,01/01/2008,WBRI,,,\n");
	expect(f, "205D", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_force_every_year),
		cmocka_unit_test_setup_teardown(test_105_xml_flags, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_105_clean, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_205a_duc_in_last_year, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_205a_xml_header, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_205b_both_years, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_205c, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_205d, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_205d_csv, setup, s903_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
