/* Rules on the smaller tables: UASC, Reviews, OC2, OC3, PrevPerm, Missing,
 * SWEpisodes, DoLo. */
#include "ssda903/s903_rules.h"

/* DUC not a date, or before the collection year. */
static void r104(struct s903_ctx *c)
{
	const struct s903_table *u = S903_T(c, S903_UASC);
	for (size_t i = 0; i < u->n; i++) {
		raa_day d = s903_d(u, S903_C_DUC, i);
		if ((d == DAY_NONE && s903_s(u, S903_C_DUC, i)) || s903_lt(d, c->r->start))
			s903_flag(c, S903_UASC, i);
	}
}

static void r1006(struct s903_ctx *c)
{
	s903_flag_not_in(c, S903_MISSING, S903_C_MISSING, (const char *const[]){ "M", "A", NULL },
			 false);
}

static const struct s903_rule_impl IMPL[] = {
	{ "104", 2022, S903_TB(S903_UASC), 0, r104 },
	{ "1006", 2022, S903_TB(S903_MISSING), 0, r1006 },
};

const struct s903_impl_list s903_impl_other = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
