#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"

static raa_day D(const char *iso)
{
	raa_day d = DAY_NONE;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

static void assert_iso(raa_day d, const char *want)
{
	char buf[DATE_ISO_LEN];
	date_format_iso(d, buf);
	assert_string_equal(buf, want);
}

/* ---- day numbers ---- */

static void test_epoch_and_known_days(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(2024, 2, 29), 19782);
	assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
}

/* Every day 1900-01-01 .. 2199-12-31 in order: consecutive day numbers,
 * the round trip back, and format/parse in both layouts. */
static void test_round_trip_every_day(void **state)
{
	(void)state;
	raa_day expect = date_from_ymd(1900, 1, 1);
	int wd = date_weekday(expect);
	assert_int_equal(wd, 0); /* 1 January 1900 was a Monday */
	for (int y = 1900; y <= 2199; y++) {
		for (int m = 1; m <= 12; m++) {
			int dim = date_days_in_month(y, m);
			for (int d = 1; d <= dim; d++, expect++, wd = (wd + 1) % 7) {
				raa_day got = date_from_ymd(y, m, d);
				if (got != expect)
					fail_msg("%04d-%02d-%02d -> %d, want %d", y, m, d, got, expect);
				int yy, mm, dd;
				date_to_ymd(got, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					fail_msg("%d -> %04d-%02d-%02d", got, yy, mm, dd);
				if (date_weekday(got) != wd)
					fail_msg("weekday of %d", got);
				char iso[DATE_ISO_LEN], dmy[DATE_ISO_LEN];
				date_format_iso(got, iso);
				date_format_dmy(got, dmy);
				raa_day p1 = DAY_NONE, p2 = DAY_NONE;
				if (date_parse_iso(iso, &p1) || p1 != got ||
				    date_parse_dmy(dmy, &p2) || p2 != got)
					fail_msg("format/parse %s %s", iso, dmy);
			}
		}
	}
	assert_int_equal(expect, date_from_ymd(2200, 1, 1));
}

static void test_far_dates(void **state)
{
	(void)state;
	/* outside the parse range the arithmetic still holds */
	int y, m, d;
	date_to_ymd(date_from_ymd(1600, 2, 29), &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 16000229);
	date_to_ymd(date_from_ymd(9999, 12, 31), &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 99991231);
	assert_int_equal(date_from_ymd(9999, 12, 31) + 1, date_from_ymd(10000, 1, 1));
}

static void test_leap_and_month_lengths(void **state)
{
	(void)state;
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2100));
	assert_false(date_is_leap(2023));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_int_equal(date_days_in_month(2024, 4), 30);
	assert_int_equal(date_days_in_month(2024, 12), 31);
	assert_int_equal(date_days_in_month(2024, 13), 0);
	assert_true(date_valid_ymd(2024, 2, 29));
	assert_false(date_valid_ymd(2023, 2, 29));
	assert_false(date_valid_ymd(2024, 0, 1));
	assert_false(date_valid_ymd(2024, 4, 31));
	assert_false(date_valid_ymd(2024, 1, 0));
}

static void test_weekdays(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(0), 3);               /* Thu 1970-01-01 */
	assert_int_equal(date_weekday(-1), 2);              /* Wed 1969-12-31 */
	assert_int_equal(date_weekday(D("2024-12-20")), 4); /* Friday */
	assert_int_equal(date_weekday(D("2024-12-25")), 2); /* Wednesday */
	assert_int_equal(date_weekday(D("2000-01-01")), 5); /* Saturday */
	assert_int_equal(date_weekday(D("2023-01-01")), 6); /* Sunday */
	assert_int_equal(date_weekday(D("2199-12-31")), 1); /* Tuesday */
	assert_int_equal(date_weekday(DAY_NONE), date_weekday(DAY_NONE));
	assert_in_range(date_weekday(DAY_NONE), 0, 6);
}

/* ---- parsing and formatting ---- */

static void test_parse_iso(void **state)
{
	(void)state;
	raa_day d = 12345;
	assert_int_equal(date_parse_iso("2024-02-29", &d), 0);
	assert_int_equal(d, date_from_ymd(2024, 2, 29));
	assert_int_equal(date_parse_iso("1900-01-01", &d), 0);
	assert_int_equal(date_parse_iso("2199-12-31", &d), 0);
	assert_int_equal(d, date_from_ymd(2199, 12, 31));

	static const char *bad[] = {
		"2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31",
		"2024-1-01",  "2024-01-1",  "2024-01-01x", "", "2024-01-01 ",
		" 2024-01-01", "2024/01/01", "20240101",   "1899-12-31", "2200-01-01",
		"2024-01",    "2024-0a-01", "+024-01-01", "2024--1-01", "01/01/2024",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		d = 777;
		if (date_parse_iso(bad[i], &d) != -1 || d != 777)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(date_parse_iso(NULL, &d), -1);
}

static void test_parse_dmy(void **state)
{
	(void)state;
	raa_day d = 0;
	assert_int_equal(date_parse_dmy("29/02/2024", &d), 0);
	assert_int_equal(d, D("2024-02-29"));
	assert_int_equal(date_parse_dmy("01/12/2023", &d), 0);
	assert_int_equal(d, D("2023-12-01"));

	static const char *bad[] = {
		"31/04/2024", "29/02/2023", "1/02/2024", "01/2/2024", "01/02/24",
		"01/02/2024x", "", "2024-02-01", "01-02-2024", "00/01/2024",
		"01/13/2024", "01/01/1899", "01/01/2200", "01/02/2024 ",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		d = 777;
		if (date_parse_dmy(bad[i], &d) != -1 || d != 777)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(date_parse_dmy(NULL, &d), -1);
}

static void test_format(void **state)
{
	(void)state;
	char buf[DATE_ISO_LEN];
	assert_iso(D("2024-03-05"), "2024-03-05");
	assert_iso(date_from_ymd(1, 1, 1), "0001-01-01");
	date_format_dmy(D("2024-03-05"), buf);
	assert_string_equal(buf, "05/03/2024");

	memset(buf, 'x', sizeof buf);
	date_format_iso(DAY_NONE, buf);
	assert_string_equal(buf, "");
	memset(buf, 'x', sizeof buf);
	date_format_dmy(DAY_NONE, buf);
	assert_string_equal(buf, "");
	/* a year that does not fit four digits is not truncated */
	date_format_iso(date_from_ymd(10000, 1, 1), buf);
	assert_string_equal(buf, "");
	date_format_iso(INT32_MAX, buf);
	assert_string_equal(buf, "");
}

/* ---- months ---- */

static void assert_add_months(const char *from, int n, const char *want)
{
	raa_day got = date_add_months(D(from), n);
	char buf[DATE_ISO_LEN];
	date_format_iso(got, buf);
	if (strcmp(buf, want) != 0)
		fail_msg("%s %+d months = %s, want %s", from, n, buf, want);
}

static void test_add_months(void **state)
{
	(void)state;
	assert_add_months("2024-01-31", 1, "2024-02-29");
	assert_add_months("2023-01-31", 1, "2023-02-28");
	assert_add_months("2024-02-29", 12, "2025-02-28");
	assert_add_months("2024-02-29", 48, "2028-02-29");
	assert_add_months("2024-03-31", -1, "2024-02-29");
	assert_add_months("2024-03-31", -13, "2023-02-28");
	assert_add_months("2024-12-31", 2, "2025-02-28");
	assert_add_months("2024-01-15", 0, "2024-01-15");
	assert_add_months("2024-01-15", 11, "2024-12-15");
	assert_add_months("2024-01-15", 12, "2025-01-15");
	assert_add_months("2024-01-15", -1, "2023-12-15");
	assert_add_months("2024-01-15", -12, "2023-01-15");
	assert_add_months("2024-01-15", -13, "2022-12-15");
	assert_add_months("2024-05-31", 1, "2024-06-30");
	assert_add_months("2024-08-31", 1, "2024-09-30");
	assert_add_months("2099-01-31", 13, "2100-02-28");
	assert_add_months("2024-01-30", 999, "2107-04-30");
	assert_int_equal(date_add_months(DAY_NONE, 3), DAY_NONE);
	/* journeys.md and scorecard.md examples */
	assert_add_months("2024-03-31", -36, "2021-03-31");
	assert_add_months("2024-02-29", -12, "2023-02-28");
}

static void assert_months(const char *birth, const char *on, int want)
{
	int got = date_whole_months(D(birth), D(on));
	if (got != want)
		fail_msg("whole months %s..%s = %d, want %d", birth, on, got, want);
}

static void test_whole_months(void **state)
{
	(void)state;
	assert_months("2024-01-31", "2024-02-29", 1);
	assert_months("2024-01-31", "2024-02-28", 0);
	assert_months("2023-01-31", "2023-02-28", 1);
	assert_months("2023-01-31", "2023-02-27", 0);
	assert_months("2024-01-30", "2024-02-29", 1);
	assert_months("2024-01-31", "2024-03-30", 1);
	assert_months("2024-01-31", "2024-03-31", 2);
	assert_months("2024-01-31", "2024-04-30", 3);
	assert_months("2024-02-29", "2024-03-28", 0);
	assert_months("2024-02-29", "2024-03-29", 1);
	assert_months("2024-01-15", "2024-01-15", 0);
	assert_months("2024-01-15", "2024-02-14", 0);
	assert_months("2024-01-15", "2024-02-15", 1);
	assert_months("2020-06-10", "2024-06-09", 47);
	assert_months("2020-06-10", "2024-06-10", 48);
	/* before birth: negative, rounded down (documented in date.c) */
	assert_months("2024-01-15", "2024-01-14", -1);
	assert_months("2024-01-15", "2023-12-15", -1);
	assert_months("2024-01-15", "2023-12-14", -2);
	assert_int_equal(date_whole_months(DAY_NONE, D("2024-01-01")), 0);
	assert_int_equal(date_whole_months(D("2024-01-01"), DAY_NONE), 0);
}

/* Whole months agree with the definition "largest k with birth + k months
 * <= on" for many pairs, both signs. */
static void test_whole_months_definition(void **state)
{
	(void)state;
	raa_day base = D("2023-01-01");
	for (raa_day b = base; b < base + 800; b += 7) {
		for (raa_day on = b - 400; on < b + 400; on += 3) {
			int k = date_whole_months(b, on);
			if (!(date_add_months(b, k) <= on && date_add_months(b, k + 1) > on))
				fail_msg("whole months %d..%d = %d", b, on, k);
		}
	}
}

static void assert_years(const char *birth, const char *on, int want)
{
	int got = date_whole_years(D(birth), D(on));
	if (got != want)
		fail_msg("whole years %s..%s = %d, want %d", birth, on, got, want);
}

static void test_whole_years(void **state)
{
	(void)state;
	assert_years("2020-02-29", "2021-02-27", 0);
	assert_years("2020-02-29", "2021-02-28", 1);
	assert_years("2020-02-29", "2024-02-28", 3);
	assert_years("2020-02-29", "2024-02-29", 4);
	assert_years("2019-05-10", "2024-05-09", 4);
	assert_years("2019-05-10", "2024-05-10", 5);
	assert_years("2019-05-10", "2019-05-10", 0);
	assert_years("2019-05-10", "2019-05-09", -1);
	assert_years("2019-05-10", "2018-05-10", -1);
	assert_years("2019-05-10", "2018-05-09", -2);
}

/* ---- today ---- */

static void test_today(void **state)
{
	(void)state;
	assert_int_equal(setenv("RAA_TODAY", "2024-02-29", 1), 0);
	assert_int_equal(date_today(), D("2024-02-29"));
	assert_int_equal(setenv("RAA_TODAY", "1999-12-31", 1), 0);
	assert_int_equal(date_today(), D("1999-12-31"));

	/* unparsable or absent: the local date */
	assert_int_equal(setenv("RAA_TODAY", "29/02/2024", 1), 0);
	time_t now = time(NULL);
	struct tm tm;
	assert_non_null(localtime_r(&now, &tm));
	raa_day local = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	raa_day got = date_today();
	assert_in_range(got, local, local + 1); /* midnight may pass */
	assert_int_equal(unsetenv("RAA_TODAY"), 0);
	got = date_today();
	assert_in_range(got, local, local + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_known_days),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_far_dates),
		cmocka_unit_test(test_leap_and_month_lengths),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_parse_dmy),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_whole_months),
		cmocka_unit_test(test_whole_months_definition),
		cmocka_unit_test(test_whole_years),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
