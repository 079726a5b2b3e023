/* Rules on Reviews (reviews of the child's case and participation). */
#include "ssda903/s903_rules.h"

#define REV S903_REVIEWS

static void r166(struct s903_ctx *c)
{
	s903_flag_bad_date(c, REV, S903_C_REVIEW, true);
}

/* A review date needs a participation code, and no date none. */
static void r167(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, REV);
	static const char *const codes[] = { "PN0", "PN1", "PN2", "PN3", "PN4",
					     "PN5", "PN6", "PN7", NULL };
	for (size_t i = 0; i < t->n; i++) {
		const char *rv = s903_s(t, S903_C_REVIEW, i);
		const char *code = s903_s(t, S903_C_REVIEW_CODE, i);
		if (!((rv && s903_in(code, codes)) || (!rv && !code)))
			s903_flag(c, REV, i);
	}
}

static raa_day fourth_birthday(const struct s903_table *t, size_t i)
{
	return s903_add_years(s903_d(t, S903_C_DOB, i), 4);
}

/* PN0 (child under 4) for a review after the 4th birthday. */
S903_ROW_RULE(r440, REV,
	      s903_eq(s903_s(t, S903_C_REVIEW_CODE, i), "PN0") &&
		s903_gt(s903_d(t, S903_C_REVIEW, i), fourth_birthday(t, i)))

S903_ROW_RULE(r441, REV,
	      S903_IN(s903_s(t, S903_C_REVIEW_CODE, i), "PN1", "PN2", "PN3", "PN4", "PN5",
			    "PN6", "PN7") &&
		s903_lt(s903_d(t, S903_C_REVIEW, i), fourth_birthday(t, i)))

#define R1 S903_TB(REV)
static const struct s903_rule_impl IMPL[] = {
	{ "166", 2022, R1, 0, r166 },
	{ "167", 2022, R1, 0, r167 },
	{ "440", 2022, R1, 0, r440 },
	{ "441", 2022, R1, 0, r441 },
};

const struct s903_impl_list s903_impl_reviews = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
