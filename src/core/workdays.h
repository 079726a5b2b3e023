/*
 * workdays: working days in England and Wales.
 *
 * A working day is Monday to Friday that is neither an England and Wales
 * bank holiday nor a local closure. Bank holidays are built in for 2010 to
 * 2035 from the statutory rules (New Year's Day, Good Friday, Easter Monday,
 * early May, spring, summer, Christmas and Boxing Day, with substitute days)
 * plus the one-off changes (2011-04-29, 2012-06-04/05, 2020-05-08,
 * 2022-06-02/03, 2022-09-19, 2023-05-08). Local closures (e.g. the days
 * between Christmas and New Year a council shuts) come from settings.
 */
#ifndef RAA_CORE_WORKDAYS_H
#define RAA_CORE_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

#define WORKDAYS_FIRST_YEAR 2010
#define WORKDAYS_LAST_YEAR 2035

/* True if d is an England and Wales bank holiday (2010..2035 only). */
bool workdays_is_bank_holiday(raa_day d);

/* Fills out[] with the bank holidays of `year` in date order; returns how
 * many (0 outside 2010..2035). max >= 12 is always enough. */
size_t workdays_bank_holidays(int year, raa_day *out, size_t max);

/* A working calendar: bank holidays plus local closures. */
struct workcal;

struct workcal *workcal_new(void);              /* caller frees */
void workcal_add_closure(struct workcal *cal, raa_day d);
void workcal_free(struct workcal *cal);

/* cal may be NULL: bank holidays only. */
bool workcal_is_working_day(const struct workcal *cal, raa_day d);

/* The n-th working day after start (start itself never counts): a check
 * requested Friday 2024-12-20 with n = 5 is due Tuesday 2024-12-31. */
raa_day workcal_add(const struct workcal *cal, raa_day start, int n);

/* Working days in (from, to]: 0 if to <= from. */
int workcal_between(const struct workcal *cal, raa_day from, raa_day to);

#endif
