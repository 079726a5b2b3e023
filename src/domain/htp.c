/*
 * htp: the harder-to-place reasons of records.md, each derived on a date.
 */
#include "domain/htp.h"

#include <string.h>

#include "core/str.h"

static const char *const NAMES[HTP_REASON_COUNT] = {
	"age_5_plus", "sibling_group", "disability", "ethnicity", "waited_18_months",
};

static const char *const TEXTS[HTP_REASON_COUNT] = {
	"Aged 5 or over on the day of the 'should be placed' decision.",
	"In a sibling group of 2 or more to be placed together.",
	"Disability needs at medium or above.",
	"Ethnicity outside the White British group.",
	"Waited more than 18 months since entering care without moving in with adopters.",
};

const char *htp_reason_name(int i)
{
	return (i >= 0 && i < HTP_REASON_COUNT) ? NAMES[i] : "";
}

const char *htp_reason_text(int i)
{
	return (i >= 0 && i < HTP_REASON_COUNT) ? TEXTS[i] : "";
}

/* A known ethnicity outside White British. REFU (refused) and NOBT (not yet
 * obtained) say the ethnicity is not known, so like a blank they are no
 * reason. */
static bool ethnicity_reason(const char *code)
{
	if (str_empty(code))
		return false;
	return strcmp(code, "WBRI") != 0 && strcmp(code, "REFU") != 0 &&
	       strcmp(code, "NOBT") != 0;
}

static bool age_reason(const struct child_rec *c, const struct journey *j, raa_day on)
{
	const struct event_rec *sbp = journey_last(j, EV_SHOULD_BE_PLACED, on);
	return sbp && c->dob != DAY_NONE && date_whole_years(c->dob, sbp->date) >= 5;
}

/* More than 18 months since the latest entry to care, without a placement
 * with adopters since. */
static bool waited_reason(const struct journey *j, raa_day on)
{
	const struct event_rec *ec = journey_last(j, EV_ENTERED_CARE, on);
	if (!ec || date_add_months(ec->date, 18) >= on)
		return false;
	const struct event_rec *pl = journey_last(j, EV_PLACED, on);
	if (pl && journey_event_cmp(pl, ec) > 0)
		return false;
	int st = journey_status(j, on);
	return st != CS_PLACED && st != CS_ADOPTED;
}

unsigned htp_reasons(const struct child_rec *c, const struct journey *j,
		     int sibling_group_size, raa_day on)
{
	unsigned r = 0;
	if (j && age_reason(c, j, on))
		r |= HTP_AGE_5_PLUS;
	if (sibling_group_size >= 2)
		r |= HTP_SIBLING_GROUP;
	if (c->needs[NEED_DISABILITY] >= NEED_MEDIUM)
		r |= HTP_DISABILITY;
	if (ethnicity_reason(c->ethnicity))
		r |= HTP_ETHNICITY;
	if (j && waited_reason(j, on))
		r |= HTP_WAITED_18_MONTHS;
	return r;
}
