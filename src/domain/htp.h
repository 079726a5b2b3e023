/*
 * htp: harder-to-place reasons (records.md).
 *
 * Derived, never stored: each reason is shown, not just the flag.
 */
#ifndef RAA_DOMAIN_HTP_H
#define RAA_DOMAIN_HTP_H

#include <stddef.h>

#include "domain/journey.h"
#include "domain/records.h"

enum htp_reason {
	HTP_AGE_5_PLUS = 1 << 0,      /* aged 5+ on the 'should be placed' day */
	HTP_SIBLING_GROUP = 1 << 1,   /* in a sibling group of 2 or more */
	HTP_DISABILITY = 1 << 2,      /* disability need medium or high */
	HTP_ETHNICITY = 1 << 3,       /* ETHNIC known and not WBRI */
	HTP_WAITED_18_MONTHS = 1 << 4 /* > 18 months since entering care, not moved in */
};
#define HTP_REASON_COUNT 5

/* Bitmask of reasons on date `on`. sibling_group_size counts every child
 * sharing the child's sibling group (1 when none). */
unsigned htp_reasons(const struct child_rec *c, const struct journey *j,
		     int sibling_group_size, raa_day on);

/* Name of the i-th reason (bit 1 << i): "age_5_plus", "sibling_group",
 * "disability", "ethnicity", "waited_18_months". */
const char *htp_reason_name(int i);
/* A plain sentence for the i-th reason. */
const char *htp_reason_text(int i);

#endif
