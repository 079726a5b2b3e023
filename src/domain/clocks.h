/*
 * clocks: the statutory and service clocks of journeys.md.
 *
 * For any date, which clocks are running on a record, when each started and
 * when it is due. Durations are settings (working days, days, weeks or
 * calendar months), with the defaults of journeys.md.
 */
#ifndef RAA_DOMAIN_CLOCKS_H
#define RAA_DOMAIN_CLOCKS_H

#include <stddef.h>

#include "core/err.h"
#include "core/workdays.h"
#include "domain/journey.h"

enum clock_kind {
	CLOCK_LA_CHECKS = 0, CLOCK_STAGE1, CLOCK_NOTICE_TO_PROCEED, CLOCK_STAGE2,
	CLOCK_ADM_AFTER_PANEL, CLOCK_WIDER_SEARCH_CHILD, CLOCK_WIDER_SEARCH_ADOPTER,
	CLOCK_APPROVAL_REVIEW, CLOCK_PROFILE_UPDATE, CLOCK_ADOPTION_APPLICATION,
	CLOCK_ASF_APPLICATION, CLOCK_COUNT
};

enum clock_unit { CU_WORKING_DAYS = 'w', CU_DAYS = 'd', CU_WEEKS = 'k', CU_MONTHS = 'm' };

struct clock_duration {
	int n;
	char unit; /* enum clock_unit */
};

struct clock_settings {
	struct clock_duration dur[CLOCK_COUNT];
};

struct clock {
	int kind;          /* enum clock_kind */
	raa_day started;
	raa_day due;
	int overdue_days;  /* calendar days after due on the date asked, >= 0 */
	bool information;  /* shown for information, not a breach (ACA s.42) */
};

const char *clock_kind_name(int kind);
int clock_kind_parse(const char *s); /* -1 if unknown */

/* Defaults of journeys.md. */
void clock_settings_default(struct clock_settings *s);
/* Parses "5wd", "2m", "10w", "7d" (working days, months, weeks, days). */
int clock_duration_parse(const char *s, struct clock_duration *out, struct raa_err *err);
/* Formats back to the same syntax in out[16]. */
void clock_duration_format(const struct clock_duration *d, char out[16]);

/* start + duration. cal may be NULL (bank holidays only). */
raa_day clock_due(const struct clock_duration *d, const struct workcal *cal, raa_day start);

/* Clocks running on date `on` for this journey, considering only events
 * dated on or before `on`; stopped clocks are not returned. For children,
 * profile_updated (DAY_NONE if never) restarts the profile clock. Writes at
 * most max clocks to out; returns how many are running. */
size_t clocks_running(const struct journey *j, raa_day profile_updated,
		      const struct clock_settings *s, const struct workcal *cal,
		      raa_day on, struct clock *out, size_t max);

#endif
