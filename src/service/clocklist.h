/*
 * clocklist: every running clock in a scope on a date (`raa clocks`, the
 * tracking dashboard): whose it is, which partner, when due, most overdue
 * first.
 */
#ifndef RAA_SERVICE_CLOCKLIST_H
#define RAA_SERVICE_CLOCKLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/clocks.h"
#include "service/snapshot.h"

struct clock_row {
	const char *record;   /* points into the snapshot */
	const char *partner;
	enum record_type type;
	struct clock c;
};

struct clock_list {
	struct clock_row *rows;
	size_t n, cap;
};

/* Fills list (caller frees with clocklist_free) with the clocks running on
 * `on`; only overdue ones when overdue_only. Sorted most overdue first,
 * then by due date, record and clock name. */
void clocklist_build(const struct snapshot *snap, const struct clock_settings *cs,
		     const struct workcal *cal, raa_day on, bool overdue_only,
		     struct clock_list *list);
void clocklist_free(struct clock_list *list);

/* The clocks of one record (for `child show`), unsorted. */
size_t clocklist_record(const struct journey *j, raa_day profile_updated,
			const struct clock_settings *cs, const struct workcal *cal, raa_day on,
			struct clock *out, size_t max);

#endif
