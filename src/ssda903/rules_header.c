/* Rules on Header (one row per child). */
#include "ssda903/s903_rules.h"

#define HDR S903_HEADER

static void r101(struct s903_ctx *c)
{
	s903_flag_not_in(c, HDR, S903_C_SEX, (const char *const[]){ "1", "2", NULL }, true);
}

/* From 2024/25 sex is recorded as M, F or U. */
static void r101_2024(struct s903_ctx *c)
{
	s903_flag_not_in(c, HDR, S903_C_SEX, (const char *const[]){ "M", "F", "U", NULL }, true);
}

static void r102(struct s903_ctx *c)
{
	s903_flag_bad_date(c, HDR, S903_C_DOB, true);
}

static const char *const ETHNIC[] = {
	"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
	"APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT", NULL,
};

static void r103(struct s903_ctx *c)
{
	s903_flag_not_in(c, HDR, S903_C_ETHNIC, ETHNIC, true);
}

#define H1 S903_TB(HDR)
static const struct s903_rule_impl IMPL[] = {
	{ "101", 2022, H1, 0, r101 },
	{ "101", 2024, H1, 0, r101_2024 },
	{ "102", 2022, H1, 0, r102 },
	{ "103", 2022, H1, 0, r103 },
};

const struct s903_impl_list s903_impl_header = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
