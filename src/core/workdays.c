#include "core/workdays.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/*
 * The bank holidays are computed once from the rules into one sorted table
 * (pthread_once, so concurrent first callers are safe) and looked up by
 * binary search: workdays_is_bank_holiday sits in the inner loop of every
 * working-day clock.
 */

#define NYEARS (WORKDAYS_LAST_YEAR - WORKDAYS_FIRST_YEAR + 1)
#define PER_YEAR_MAX 12

enum { MON, TUE, WED, THU, FRI, SAT, SUN };

static raa_day bh_table[NYEARS * PER_YEAR_MAX];
static size_t bh_year_start[NYEARS + 1]; /* year i is [start[i], start[i+1]) */
static pthread_once_t bh_once = PTHREAD_ONCE_INIT;

/* Easter Sunday, Gregorian computus (the "anonymous" / Meeus algorithm). */
static raa_day easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return date_from_ymd(y, month, day);
}

static raa_day first_monday(int y, int m)
{
	raa_day d = date_from_ymd(y, m, 1);
	return d + (7 - date_weekday(d)) % 7;
}

static raa_day last_monday(int y, int m)
{
	raa_day d = date_from_ymd(y, m, date_days_in_month(y, m));
	return d - date_weekday(d);
}

struct year_list {
	raa_day d[PER_YEAR_MAX];
	size_t n;
};

static void yl_add(struct year_list *l, raa_day d)
{
	if (l->n < PER_YEAR_MAX)
		l->d[l->n++] = d;
}

static void yl_move(struct year_list *l, raa_day from, raa_day to)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->d[i] == from)
			l->d[i] = to;
}

static void yl_sort(struct year_list *l)
{
	for (size_t i = 1; i < l->n; i++)
		for (size_t j = i; j > 0 && l->d[j - 1] > l->d[j]; j--) {
			raa_day t = l->d[j];
			l->d[j] = l->d[j - 1];
			l->d[j - 1] = t;
		}
}

static void add_new_year(struct year_list *l, int y)
{
	raa_day d = date_from_ymd(y, 1, 1);
	int wd = date_weekday(d);
	yl_add(l, wd == SAT ? d + 2 : wd == SUN ? d + 1 : d);
}

/* Christmas and Boxing Day: whichever falls on a weekend is replaced by the
 * next weekday not already a holiday. */
static void add_christmas(struct year_list *l, int y)
{
	raa_day xmas = date_from_ymd(y, 12, 25);
	switch (date_weekday(xmas)) {
	case FRI: /* Boxing Day Saturday -> Monday 28 */
		yl_add(l, xmas);
		yl_add(l, xmas + 3);
		break;
	case SAT: /* Monday 27 and Tuesday 28 */
		yl_add(l, xmas + 2);
		yl_add(l, xmas + 3);
		break;
	case SUN: /* Boxing Day Monday 26, Christmas substitute Tuesday 27 */
		yl_add(l, xmas + 1);
		yl_add(l, xmas + 2);
		break;
	default:
		yl_add(l, xmas);
		yl_add(l, xmas + 1);
	}
}

/* Proclaimed one-off changes: royal wedding, jubilees, Covid-era VE day
 * move, coronation. */
static void apply_one_offs(struct year_list *l, int y)
{
	switch (y) {
	case 2011:
		yl_add(l, date_from_ymd(2011, 4, 29));
		break;
	case 2012:
		yl_move(l, date_from_ymd(2012, 5, 28), date_from_ymd(2012, 6, 4));
		yl_add(l, date_from_ymd(2012, 6, 5));
		break;
	case 2020:
		yl_move(l, date_from_ymd(2020, 5, 4), date_from_ymd(2020, 5, 8));
		break;
	case 2022:
		yl_move(l, date_from_ymd(2022, 5, 30), date_from_ymd(2022, 6, 2));
		yl_add(l, date_from_ymd(2022, 6, 3));
		yl_add(l, date_from_ymd(2022, 9, 19));
		break;
	case 2023:
		yl_add(l, date_from_ymd(2023, 5, 8));
		break;
	default:
		break;
	}
}

static void build_year(struct year_list *l, int y)
{
	raa_day easter = easter_sunday(y);
	l->n = 0;
	add_new_year(l, y);
	yl_add(l, easter - 2);          /* Good Friday */
	yl_add(l, easter + 1);          /* Easter Monday */
	yl_add(l, first_monday(y, 5));  /* early May */
	yl_add(l, last_monday(y, 5));   /* spring */
	yl_add(l, last_monday(y, 8));   /* summer */
	add_christmas(l, y);
	apply_one_offs(l, y);
	yl_sort(l);
}

static void bh_build(void)
{
	size_t n = 0;
	for (int i = 0; i < NYEARS; i++) {
		struct year_list l;
		build_year(&l, WORKDAYS_FIRST_YEAR + i);
		bh_year_start[i] = n;
		memcpy(bh_table + n, l.d, l.n * sizeof l.d[0]);
		n += l.n;
	}
	bh_year_start[NYEARS] = n;
}

static void bh_init(void)
{
	pthread_once(&bh_once, bh_build);
}

/* Index of the first element > x in the sorted a[0..n). */
static size_t upper_bound(const raa_day *a, size_t n, raa_day x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool sorted_contains(const raa_day *a, size_t n, raa_day x)
{
	size_t i = upper_bound(a, n, x);
	return i > 0 && a[i - 1] == x;
}

bool workdays_is_bank_holiday(raa_day d)
{
	bh_init();
	return sorted_contains(bh_table, bh_year_start[NYEARS], d);
}

size_t workdays_bank_holidays(int year, raa_day *out, size_t max)
{
	if (year < WORKDAYS_FIRST_YEAR || year > WORKDAYS_LAST_YEAR)
		return 0;
	bh_init();
	size_t i = (size_t)(year - WORKDAYS_FIRST_YEAR);
	size_t n = bh_year_start[i + 1] - bh_year_start[i];
	if (n > max)
		n = max;
	memcpy(out, bh_table + bh_year_start[i], n * sizeof *out);
	return n;
}

/* ---- working calendars ---- */

struct workcal {
	raa_day *closed; /* sorted, no duplicates */
	size_t n, cap;
};

struct workcal *workcal_new(void)
{
	return xcalloc(1, sizeof(struct workcal));
}

void workcal_add_closure(struct workcal *cal, raa_day d)
{
	if (!cal || d == DAY_NONE)
		return;
	size_t i = upper_bound(cal->closed, cal->n, d);
	if (i > 0 && cal->closed[i - 1] == d)
		return;
	xgrow((void **)&cal->closed, &cal->cap, cal->n + 1, sizeof *cal->closed);
	memmove(cal->closed + i + 1, cal->closed + i, (cal->n - i) * sizeof *cal->closed);
	cal->closed[i] = d;
	cal->n++;
}

void workcal_free(struct workcal *cal)
{
	if (!cal)
		return;
	free(cal->closed);
	free(cal);
}

static bool is_closed(const struct workcal *cal, raa_day d)
{
	return cal && sorted_contains(cal->closed, cal->n, d);
}

bool workcal_is_working_day(const struct workcal *cal, raa_day d)
{
	return d != DAY_NONE && date_weekday(d) < SAT && !workdays_is_bank_holiday(d) &&
	       !is_closed(cal, d);
}

/* n > 0: forwards; n < 0: the |n|-th working day before start; n = 0 (or
 * DAY_NONE) gives start back. The loop always ends: closures are finite
 * and every week past them has working days. */
raa_day workcal_add(const struct workcal *cal, raa_day start, int n)
{
	if (start == DAY_NONE)
		return DAY_NONE;
	int step = n < 0 ? -1 : 1;
	raa_day d = start;
	while (n != 0) {
		if ((step > 0 && d == INT32_MAX) || (step < 0 && d == INT32_MIN + 1))
			break;
		d += step;
		if (workcal_is_working_day(cal, d))
			n -= step;
	}
	return d;
}

/* Mondays to Fridays from a fixed Monday (1970-01-05, day 4) to d, up to a
 * constant: differences of it count weekdays in (from, to]. */
static int64_t weekdays_to(raa_day d)
{
	int64_t t = (int64_t)d - 4;
	int64_t w = t >= 0 ? t / 7 : -((-t + 6) / 7);
	int64_t r = t - w * 7; /* 0 = Monday .. 6 = Sunday */
	return w * 5 + (r < 5 ? r + 1 : 5);
}

/* Weekdays minus the bank holidays (never at weekends) minus the closures
 * that are weekdays and not bank holidays, all in (from, to]. */
int workcal_between(const struct workcal *cal, raa_day from, raa_day to)
{
	if (from == DAY_NONE || to == DAY_NONE || to <= from)
		return 0;
	bh_init();
	int64_t n = weekdays_to(to) - weekdays_to(from);
	size_t nbh = bh_year_start[NYEARS];
	n -= (int64_t)(upper_bound(bh_table, nbh, to) - upper_bound(bh_table, nbh, from));
	if (cal) {
		size_t i = upper_bound(cal->closed, cal->n, from);
		size_t end = upper_bound(cal->closed, cal->n, to);
		for (; i < end; i++) {
			raa_day d = cal->closed[i];
			if (date_weekday(d) < SAT && !workdays_is_bank_holiday(d))
				n--;
		}
	}
	return (int)n;
}
