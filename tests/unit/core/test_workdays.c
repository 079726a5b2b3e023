#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/workdays.h"

static raa_day D(const char *iso)
{
	raa_day d = DAY_NONE;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

/* ---- the bank holiday table against the published gov.uk lists ---- */

struct year_expect {
	int year;
	const char *days[12]; /* "MM-DD", NULL-terminated */
};

static const struct year_expect GOVUK[] = {
	{ 2011, { "01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26", "12-27" } },
	{ 2012, { "01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26" } },
	{ 2019, { "01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26" } },
	{ 2020, { "01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28" } },
	{ 2021, { "01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28" } },
	{ 2022, { "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
		  "12-27" } },
	{ 2023, { "01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26" } },
	{ 2024, { "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26" } },
	{ 2025, { "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26" } },
	{ 2026, { "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28" } },
	{ 2027, { "01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28" } },
};

static void test_govuk_lists(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof GOVUK / sizeof GOVUK[0]; i++) {
		const struct year_expect *e = &GOVUK[i];
		raa_day got[16];
		size_t n = workdays_bank_holidays(e->year, got, 16);
		size_t want_n = 0;
		while (want_n < 12 && e->days[want_n])
			want_n++;
		if (n != want_n)
			fail_msg("%d: %zu bank holidays, want %zu", e->year, n, want_n);
		for (size_t k = 0; k < n; k++) {
			char iso[DATE_ISO_LEN];
			snprintf(iso, sizeof iso, "%04d-%s", e->year, e->days[k]);
			if (got[k] != D(iso))
				fail_msg("%d: holiday %zu is not %s", e->year, k, iso);
			assert_true(workdays_is_bank_holiday(got[k]));
		}
	}
}

static void test_one_offs_and_moves(void **state)
{
	(void)state;
	assert_true(workdays_is_bank_holiday(D("2011-04-29")));
	assert_true(workdays_is_bank_holiday(D("2012-06-04")));
	assert_true(workdays_is_bank_holiday(D("2012-06-05")));
	assert_false(workdays_is_bank_holiday(D("2012-05-28")));
	assert_true(workdays_is_bank_holiday(D("2020-05-08")));
	assert_false(workdays_is_bank_holiday(D("2020-05-04")));
	assert_false(workdays_is_bank_holiday(D("2022-05-30")));
	assert_true(workdays_is_bank_holiday(D("2022-09-19")));
	assert_true(workdays_is_bank_holiday(D("2023-05-08")));
	assert_false(workdays_is_bank_holiday(D("2024-05-08")));
	assert_false(workdays_is_bank_holiday(D("2024-12-24")));
	assert_false(workdays_is_bank_holiday(D("2024-12-27")));
}

static int expected_count(int year)
{
	switch (year) {
	case 2011: /* royal wedding */
	case 2012: /* spring moved, plus the jubilee day */
	case 2023: /* coronation */
		return 9;
	case 2022: /* spring moved, plus the jubilee day and the state funeral */
		return 10;
	default: /* including 2020, where a holiday only moved */
		return 8;
	}
}

/* A year without one-offs: New Year, Good Friday, Easter Monday, early
 * May, spring, summer, Christmas, Boxing Day, in that order. */
static void assert_regular_year(int y, const raa_day *h)
{
	int yy, m, d;
	date_to_ymd(h[0], &yy, &m, &d);
	assert_true(m == 1 && d <= 3);
	assert_int_equal(date_weekday(h[1]), 4);
	assert_int_equal(h[2] - h[1], 3);
	date_to_ymd(h[3], &yy, &m, &d);
	assert_true(m == 5 && d <= 7 && date_weekday(h[3]) == 0);
	date_to_ymd(h[4], &yy, &m, &d);
	assert_true(m == 5 && d >= 25 && date_weekday(h[4]) == 0);
	date_to_ymd(h[5], &yy, &m, &d);
	assert_true(m == 8 && d >= 25 && date_weekday(h[5]) == 0);
	assert_true(h[6] >= date_from_ymd(y, 12, 25) && h[6] <= date_from_ymd(y, 12, 27));
	assert_true(h[7] > h[6] && h[7] <= date_from_ymd(y, 12, 28));
}

static void test_every_year(void **state)
{
	(void)state;
	int total = 0;
	for (int y = WORKDAYS_FIRST_YEAR; y <= WORKDAYS_LAST_YEAR; y++) {
		raa_day got[16];
		size_t n = workdays_bank_holidays(y, got, 16);
		if ((int)n != expected_count(y))
			fail_msg("%d: %zu bank holidays", y, n);
		total += (int)n;
		for (size_t k = 0; k < n; k++) {
			int yy, mm, dd;
			date_to_ymd(got[k], &yy, &mm, &dd);
			assert_int_equal(yy, y);
			if (date_weekday(got[k]) >= 5)
				fail_msg("%d: holiday %04d-%02d-%02d is at a weekend", y, yy, mm, dd);
			if (k > 0 && got[k - 1] >= got[k])
				fail_msg("%d: not strictly in date order", y);
		}
		if (n == 8 && y != 2020)
			assert_regular_year(y, got);
	}
	assert_int_equal(total, 26 * 8 + 1 + 1 + 2 + 1);

	/* a table scan agrees with the per-year lists */
	int scanned = 0;
	for (raa_day d = D("2009-12-01"); d <= D("2036-01-31"); d++)
		scanned += workdays_is_bank_holiday(d);
	assert_int_equal(scanned, total);
}

static void test_outside_range_and_max(void **state)
{
	(void)state;
	raa_day out[16];
	assert_int_equal(workdays_bank_holidays(2009, out, 16), 0);
	assert_int_equal(workdays_bank_holidays(2036, out, 16), 0);
	assert_false(workdays_is_bank_holiday(D("2009-12-25")));
	assert_false(workdays_is_bank_holiday(D("2036-12-25")));
	assert_false(workdays_is_bank_holiday(DAY_NONE));

	/* max truncates but never writes past it */
	out[3] = 4242;
	assert_int_equal(workdays_bank_holidays(2022, out, 3), 3);
	assert_int_equal(out[2], D("2022-04-18"));
	assert_int_equal(out[3], 4242);
	assert_int_equal(workdays_bank_holidays(2022, out, 0), 0);
}

/* Easter Sunday from the table: Good Friday + 2 and Easter Monday - 1. */
static void assert_easter(const char *iso)
{
	raa_day e = D(iso);
	assert_true(workdays_is_bank_holiday(e - 2));
	assert_true(workdays_is_bank_holiday(e + 1));
	assert_false(workdays_is_bank_holiday(e - 3));
	assert_int_equal(date_weekday(e), 6);
}

static void test_easter(void **state)
{
	(void)state;
	assert_easter("2024-03-31");
	assert_easter("2025-04-20");
	assert_easter("2035-03-25");
	assert_easter("2010-04-04");
	assert_easter("2019-04-21");
	assert_easter("2030-04-21");
	assert_easter("2033-04-17");
}

/* ---- working calendars ---- */

static void test_add_christmas_2024(void **state)
{
	(void)state;
	raa_day fri = D("2024-12-20");
	assert_int_equal(workcal_add(NULL, fri, 5), D("2024-12-31"));
	assert_int_equal(workcal_add(NULL, fri, 1), D("2024-12-23"));
	assert_int_equal(workcal_add(NULL, fri, 3), D("2024-12-27"));
	assert_int_equal(workcal_add(NULL, fri, 6), D("2025-01-02")); /* New Year */
	assert_int_equal(workcal_add(NULL, fri, 0), fri);

	struct workcal *cal = workcal_new();
	assert_int_equal(workcal_add(cal, fri, 5), D("2024-12-31"));
	workcal_add_closure(cal, D("2024-12-27"));
	assert_int_equal(workcal_add(cal, fri, 5), D("2025-01-02"));
	assert_false(workcal_is_working_day(cal, D("2024-12-27")));
	assert_true(workcal_is_working_day(NULL, D("2024-12-27")));
	workcal_free(cal);
}

static void test_add_across_easter_2025(void **state)
{
	(void)state;
	raa_day thu = D("2025-04-17");
	assert_int_equal(workcal_add(NULL, thu, 1), D("2025-04-22"));
	assert_int_equal(workcal_add(NULL, thu, 3), D("2025-04-24"));
	assert_int_equal(workcal_add(NULL, D("2025-04-18"), 1), D("2025-04-22"));
	assert_int_equal(workcal_add(NULL, D("2025-04-19"), 1), D("2025-04-22"));
	/* a start on a holiday never counts itself */
	assert_int_equal(workcal_add(NULL, D("2025-04-21"), 1), D("2025-04-22"));
	/* backwards */
	assert_int_equal(workcal_add(NULL, D("2025-04-22"), -1), thu);
	assert_int_equal(workcal_between(NULL, thu, D("2025-04-22")), 1);
	assert_int_equal(workcal_between(NULL, thu, D("2025-04-21")), 0);
	assert_int_equal(workcal_add(NULL, DAY_NONE, 3), DAY_NONE);
}

static void test_working_day(void **state)
{
	(void)state;
	assert_true(workcal_is_working_day(NULL, D("2024-12-24")));
	assert_false(workcal_is_working_day(NULL, D("2024-12-25")));
	assert_false(workcal_is_working_day(NULL, D("2024-12-21"))); /* Saturday */
	assert_false(workcal_is_working_day(NULL, D("2024-12-22"))); /* Sunday */
	assert_true(workcal_is_working_day(NULL, D("2037-05-04")));  /* no table */
	assert_false(workcal_is_working_day(NULL, DAY_NONE));
}

static void test_closures(void **state)
{
	(void)state;
	struct workcal *cal = workcal_new();
	/* out of order, duplicated, on a weekend and on a bank holiday */
	workcal_add_closure(cal, D("2024-12-31"));
	workcal_add_closure(cal, D("2024-12-27"));
	workcal_add_closure(cal, D("2024-12-30"));
	workcal_add_closure(cal, D("2024-12-27"));
	workcal_add_closure(cal, D("2024-12-28"));
	workcal_add_closure(cal, D("2024-12-25"));
	workcal_add_closure(cal, DAY_NONE);
	workcal_add_closure(NULL, D("2024-12-24"));
	/* 23, 24 work; 25..31 shut; 1 Jan holiday */
	assert_int_equal(workcal_add(cal, D("2024-12-20"), 2), D("2024-12-24"));
	assert_int_equal(workcal_add(cal, D("2024-12-20"), 3), D("2025-01-02"));
	assert_int_equal(workcal_between(cal, D("2024-12-20"), D("2025-01-02")), 3);
	assert_int_equal(workcal_between(cal, D("2024-12-24"), D("2025-01-01")), 0);
	assert_int_equal(workcal_between(NULL, D("2024-12-24"), D("2025-01-01")), 3);
	workcal_free(cal);
	workcal_free(NULL);
}

static void test_between_basics(void **state)
{
	(void)state;
	raa_day fri = D("2024-12-20");
	assert_int_equal(workcal_between(NULL, fri, D("2024-12-31")), 5);
	assert_int_equal(workcal_between(NULL, fri, fri), 0);
	assert_int_equal(workcal_between(NULL, D("2024-12-31"), fri), 0);
	assert_int_equal(workcal_between(NULL, fri, D("2024-12-22")), 0);
	assert_int_equal(workcal_between(NULL, D("2024-12-19"), fri), 1);
	assert_int_equal(workcal_between(NULL, DAY_NONE, fri), 0);
	assert_int_equal(workcal_between(NULL, fri, DAY_NONE), 0);
	/* a whole year: 262 weekdays in 2024 less 8 bank holidays */
	assert_int_equal(workcal_between(NULL, D("2023-12-31"), D("2024-12-31")), 254);
	/* 2022: 260 weekdays less 10 */
	assert_int_equal(workcal_between(NULL, D("2021-12-31"), D("2022-12-31")), 250);
	/* before 1970 too */
	assert_int_equal(workcal_between(NULL, D("1969-12-26"), D("1970-01-02")), 5);
}

/* between() counts arithmetically; compare with the day-by-day definition
 * and check it inverts add(). */
static void test_between_matches_add(void **state)
{
	(void)state;
	struct workcal *cal = workcal_new();
	for (raa_day d = D("2024-12-23"); d <= D("2024-12-31"); d++)
		workcal_add_closure(cal, d);
	workcal_add_closure(cal, D("2025-08-15"));
	workcal_add_closure(cal, D("2025-08-16")); /* Saturday */
	workcal_add_closure(cal, D("2025-08-25")); /* bank holiday */

	const struct workcal *cals[] = { NULL, cal };
	for (size_t c = 0; c < 2; c++) {
		for (raa_day s = D("2024-06-01"); s < D("2026-02-01"); s += 3) {
			int count = 0;
			raa_day d = s;
			for (int n = 1; n <= 40; n++) {
				raa_day due = workcal_add(cals[c], s, n);
				assert_true(workcal_is_working_day(cals[c], due));
				while (++d < due)
					assert_false(workcal_is_working_day(cals[c], d));
				if (workcal_between(cals[c], s, due) != n)
					fail_msg("between(%d, add(%d, %d)) != %d", s, s, n, n);
				if (workcal_between(cals[c], s, due - 1) != n - 1)
					fail_msg("between(%d, %d) off", s, due - 1);
				/* backwards lands on s, or the working day before it */
				raa_day back = workcal_is_working_day(cals[c], s)
						       ? s
						       : workcal_add(cals[c], s, -1);
				assert_int_equal(workcal_add(cals[c], due, -n), back);
				count++;
			}
			assert_int_equal(count, 40);
		}
	}
	workcal_free(cal);
}

/* Several threads race the lazy table build; all must see the same. */
static void *race(void *arg)
{
	int *hits = arg;
	raa_day last = date_from_ymd(2035, 12, 31);
	for (raa_day d = date_from_ymd(2010, 1, 1); d <= last; d++)
		*hits += workdays_is_bank_holiday(d);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	int hits[4] = { 0 };
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &hits[i]), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(hits[i], 26 * 8 + 5);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads), /* first: it races the first build */
		cmocka_unit_test(test_govuk_lists),
		cmocka_unit_test(test_one_offs_and_moves),
		cmocka_unit_test(test_every_year),
		cmocka_unit_test(test_outside_range_and_max),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_add_christmas_2024),
		cmocka_unit_test(test_add_across_easter_2025),
		cmocka_unit_test(test_working_day),
		cmocka_unit_test(test_closures),
		cmocka_unit_test(test_between_basics),
		cmocka_unit_test(test_between_matches_add),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
