/* Rules on Episodes (periods of care, placements, legal statuses). */
#include "ssda903/s903_rules.h"

#define EPI S903_EPISODES

static void r1009(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_REASON_PLACE_CHANGE,
			 (const char *const[]){ "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
						"CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER",
						NULL },
			 false);
}

#define E1 S903_TB(EPI)
static const struct s903_rule_impl IMPL[] = {
	{ "1009", 2022, E1, 0, r1009 },
};

const struct s903_impl_list s903_impl_episodes = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
