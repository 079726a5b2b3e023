#include "core/date.h"

#include <stdlib.h>
#include <time.h>

/*
 * Day numbers <-> civil dates use the era arithmetic of Howard Hinnant's
 * "chrono-Compatible Low-Level Date Algorithms": years are shifted to start
 * on 1 March so the leap day is the last day of the shifted year, and a
 * 400-year era has a fixed 146097 days. Pure integer arithmetic, no time
 * zones, valid for every int32 day. int64 inside so that no input, however
 * silly (DAY_NONE included), overflows.
 */

#define DAYS_PER_ERA 146097
#define EPOCH_SHIFT 719468 /* days from 0000-03-01 to 1970-01-01 */

#define PARSE_MIN_YEAR 1900
#define PARSE_MAX_YEAR 2199

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;                            /* 0..399 */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;    /* 0..146096 */
	return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += EPOCH_SHIFT;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t doe = z - era * DAYS_PER_ERA;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : dim[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

raa_day date_from_ymd(int y, int m, int d)
{
	return (raa_day)days_from_civil(y, m, d);
}

void date_to_ymd(raa_day day, int *y, int *m, int *d)
{
	int64_t yy;
	civil_from_days(day, &yy, m, d);
	*y = (int)yy;
}

int date_weekday(raa_day d)
{
	/* 1970-01-01 was a Thursday (3); the remainder may be negative. */
	int r = (int)(((int64_t)d + 3) % 7);
	return r < 0 ? r + 7 : r;
}

/* Reads exactly n digits; -1 on anything else (including an early NUL). */
static int read_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int finish_parse(int y, int m, int d, raa_day *out)
{
	if (y < PARSE_MIN_YEAR || y > PARSE_MAX_YEAR || !date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

/* Each field is checked before the next is read, so a short string stops
 * at its NUL and nothing past it is touched. */
int date_parse_iso(const char *s, raa_day *out)
{
	if (!s)
		return -1;
	int y = read_digits(s, 4);
	if (y < 0 || s[4] != '-')
		return -1;
	int m = read_digits(s + 5, 2);
	if (m < 0 || s[7] != '-')
		return -1;
	int d = read_digits(s + 8, 2);
	if (d < 0 || s[10] != '\0')
		return -1;
	return finish_parse(y, m, d, out);
}

int date_parse_dmy(const char *s, raa_day *out)
{
	if (!s)
		return -1;
	int d = read_digits(s, 2);
	if (d < 0 || s[2] != '/')
		return -1;
	int m = read_digits(s + 3, 2);
	if (m < 0 || s[5] != '/')
		return -1;
	int y = read_digits(s + 6, 4);
	if (y < 0 || s[10] != '\0')
		return -1;
	return finish_parse(y, m, d, out);
}

static char *put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

/* Years outside 0..9999 do not fit the format; they only come from
 * arithmetic gone wrong, and "" is safer than a truncated year. */
static bool format_ymd(raa_day day, int *y, int *m, int *d, char out[DATE_ISO_LEN])
{
	out[0] = '\0';
	if (day == DAY_NONE)
		return false;
	date_to_ymd(day, y, m, d);
	return *y >= 0 && *y <= 9999;
}

void date_format_iso(raa_day day, char out[DATE_ISO_LEN])
{
	int y, m, d;
	if (!format_ymd(day, &y, &m, &d, out))
		return;
	char *p = put_digits(out, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p = '\0';
}

void date_format_dmy(raa_day day, char out[DATE_ISO_LEN])
{
	int y, m, d;
	if (!format_ymd(day, &y, &m, &d, out))
		return;
	char *p = put_digits(out, d, 2);
	*p++ = '/';
	p = put_digits(p, m, 2);
	*p++ = '/';
	p = put_digits(p, y, 4);
	*p = '\0';
}

raa_day date_add_months(raa_day day, int n)
{
	if (day == DAY_NONE)
		return DAY_NONE;
	int64_t y;
	int m, d;
	civil_from_days(day, &y, &m, &d);
	int64_t total = y * 12 + (m - 1) + n; /* months since year 0 */
	int64_t ny = floor_div(total, 12);
	int nm = (int)(total - ny * 12) + 1;
	int dim = date_days_in_month((int)ny, nm); /* |ny| < 2^28 for int n */
	return (raa_day)days_from_civil(ny, nm, d < dim ? d : dim);
}

/*
 * Whole months: the largest k with birth + k months (clamped) <= on. This
 * is "a month completes on the same day of the month, or on the last day of
 * a shorter month", and the same rule gives a negative count when on is
 * before birth (one day before birth is -1: birth - 1 month <= on). Either
 * date DAY_NONE gives 0. birth + k months lies in the calendar month of on
 * for k = the difference in month numbers, so only k and k - 1 need trying.
 */
int date_whole_months(raa_day birth, raa_day on)
{
	if (birth == DAY_NONE || on == DAY_NONE)
		return 0;
	int by, bm, bd, oy, om, od;
	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &oy, &om, &od);
	int k = (oy - by) * 12 + (om - bm);
	return date_add_months(birth, k) <= on ? k : k - 1;
}

/* Age in years: whole months / 12 rounded down, so 29 February birthdays
 * complete on 28 February in common years and negatives round down too. */
int date_whole_years(raa_day birth, raa_day on)
{
	int months = date_whole_months(birth, on);
	return (int)floor_div(months, 12);
}

raa_day date_today(void)
{
	raa_day d;
	const char *pinned = getenv("RAA_TODAY");
	if (pinned && date_parse_iso(pinned, &d) == 0)
		return d;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (raa_day)floor_div((int64_t)now, 86400); /* UTC as last resort */
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
