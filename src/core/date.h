/*
 * date: calendar dates as day numbers.
 *
 * Inside raa a date is a raa_day, the number of days since 1970-01-01
 * (proleptic Gregorian), so differences and comparisons are plain integer
 * arithmetic. At the edges dates are `YYYY-MM-DD` (raa's own formats) or
 * `dd/mm/yyyy` (SSDA903). Month arithmetic follows journeys.md: calendar
 * months, clamped to the month's last day.
 */
#ifndef RAA_CORE_DATE_H
#define RAA_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t raa_day;

/* "no date": sorts before every real date. */
#define DAY_NONE INT32_MIN

#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" + NUL */

/* Strict parsers: exact format, real calendar date, years 1900..2199.
 * Return 0 and set *out, or -1 leaving *out untouched. */
int date_parse_iso(const char *s, raa_day *out);
int date_parse_dmy(const char *s, raa_day *out);

/* Writes "YYYY-MM-DD" (or "" for DAY_NONE) into out[DATE_ISO_LEN]. */
void date_format_iso(raa_day d, char out[DATE_ISO_LEN]);
/* Writes "dd/mm/yyyy" (or "" for DAY_NONE) into out[DATE_ISO_LEN]. */
void date_format_dmy(raa_day d, char out[DATE_ISO_LEN]);

raa_day date_from_ymd(int y, int m, int d); /* m 1..12, d must be valid */
void date_to_ymd(raa_day day, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
bool date_is_leap(int y);

/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int date_weekday(raa_day d);

/* d + n calendar months (n may be negative), clamped to the month's end:
 * 2024-01-31 + 1 = 2024-02-29. */
raa_day date_add_months(raa_day d, int n);

/* Whole months from birth to on (matching.md): a month is complete on the
 * same day of the month as the birth, or on the last day of a shorter month.
 * Negative if on < birth. */
int date_whole_months(raa_day birth, raa_day on);

/* Whole years (age in years, birthdays on 29 Feb count on 28 Feb). */
int date_whole_years(raa_day birth, raa_day on);

/* Today in local time, or the date in RAA_TODAY (YYYY-MM-DD) when set, so
 * tests and demos can pin "today". */
raa_day date_today(void);

#endif
