/*
 * scorecard: the Adoption Scorecard and ASGLB indicators (scorecard.md).
 *
 * Pure: journeys in, numbers out. Building an index reads every journey
 * once and keeps, per child, the handful of events the indicators read and
 * the key dates of each period of care that ended in adoption; evaluating a
 * period is then a pass over those small arrays, so the CLI, the reports and
 * the pages can ask for twelve rolling quarters for the price of twelve
 * cheap passes. The index copies what it needs: the journeys may be freed
 * once it is built.
 */
#ifndef RAA_DOMAIN_SCORECARD_H
#define RAA_DOMAIN_SCORECARD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "domain/journey.h"

/* One record as the scorecard sees it: its journey and its partner (the
 * child's partner, or the LA area a household lives in). */
struct sc_record {
	const struct journey *j;
	const char *partner;
};

/* A mean number of days: `days` is meaningful only when n > 0 (null). */
struct sc_mean {
	long n;
	long days;
};

/* A count out of n, and the percentage in tenths (763 = 76.3%), meaningful
 * only when n > 0 (null). */
struct sc_pct {
	long count;
	long n;
	long tenths;
};

struct scorecard {
	raa_day from, to;
	struct sc_mean a1, a10, a2;
	struct sc_pct a3;        /* n = the A10 population */
	long a4;
	struct sc_pct a5;        /* n = plan_changed events + A4 */
	long a9, a9_over_18_months;
	long a15, a16;
	long a11;
	struct sc_pct a12;
	long a13;
	struct sc_pct t1;
};

struct sc_index;

struct sc_index *scorecard_index(const struct sc_record *children, size_t nchildren,
				 const struct sc_record *households, size_t nhouseholds);
void scorecard_index_free(struct sc_index *ix);
/* True if any record of the index belongs to this partner. */
bool scorecard_has_partner(const struct sc_index *ix, const char *partner);

/* The first day of the period of `years` ending on `to`: the day after
 * to - 12 * years calendar months (clamped to the month's end). */
raa_day scorecard_period_from(raa_day to, int years);

/* Every indicator for the period [from, to] (A9, A11 and A13 are counts on
 * `to`). partner NULL is the whole region; a partner with no records gives
 * zeros and nulls. */
void scorecard_eval(const struct sc_index *ix, const char *partner, raa_day from, raa_day to,
		    struct scorecard *out);

/* The last calendar quarter end (31 Mar, 30 Jun, 30 Sep, 31 Dec) on or
 * before `on`. */
raa_day scorecard_quarter_end(raa_day on);
/* nq rolling values of `years` each, oldest first, the last ending at
 * scorecard_quarter_end(to) and each earlier one a quarter before. */
void scorecard_series(const struct sc_index *ix, const char *partner, raa_day to, int years,
		      struct scorecard *out, size_t nq);

/* Rounding of scorecard.md: halves away from zero. */
long scorecard_round_div(long long num, long long den);
/* count / n as tenths of a percent; 0 when n is 0. */
long scorecard_pct_tenths(long count, long n);

/* The indicators in the contract's order, with the words that explain
 * them; every renderer (JSON, text, CSV, reports) walks this table so the
 * formats cannot disagree. */
enum sc_field_kind { SC_F_DAYS, SC_F_COUNT, SC_F_N, SC_F_PCT, SC_F_OVER18 };
#define SC_MAX_FIELDS 3
struct sc_indicator {
	const char *id;          /* "A1" */
	const char *name;        /* short name */
	const char *meaning;     /* one plain sentence */
	int nfields;
	enum sc_field_kind fields[SC_MAX_FIELDS]; /* in the JSON's key order */
};
#define SC_INDICATOR_COUNT 13
extern const struct sc_indicator SCORECARD_INDICATORS[SC_INDICATOR_COUNT];

/* The JSON key of a field: "days", "count", "n", "pct", "over_18_months". */
const char *scorecard_field_name(enum sc_field_kind f);
/* Field f of indicator i of sc. False when the value is null (n = 0);
 * otherwise *v is the value, in tenths for SC_F_PCT. */
bool scorecard_value(const struct scorecard *sc, int i, enum sc_field_kind f, long *v);

#endif
