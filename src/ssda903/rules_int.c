/* Integrity rules (INT..): every table's rows belong to a child of Header,
 * with the same date of birth and sex, and one row per child where the
 * table allows only one. */
#include "ssda903/s903_rules.h"

#define HDR S903_HEADER

/* Rows of slot whose child has no Header row. */
static void flag_without_header(struct s903_ctx *c, int slot)
{
	const struct s903_table *t = S903_T(c, slot), *h = S903_T(c, HDR);
	for (size_t i = 0; i < t->n; i++) {
		int n;
		s903_rows(h, t->child[i], &n);
		if (n == 0)
			s903_flag(c, slot, i);
	}
}

/* Rows of slot whose col differs from the child's Header row (both given;
 * the text as written, as the reference compares it). */
static void flag_differs(struct s903_ctx *c, int slot, enum s903_colid col)
{
	const struct s903_table *t = S903_T(c, slot), *h = S903_T(c, HDR);
	for (size_t i = 0; i < t->n; i++) {
		const char *x = s903_s(t, col, i);
		int n;
		const int *rows = s903_rows(h, t->child[i], &n);
		for (int j = 0; x && j < n; j++) {
			const char *y = s903_s(h, col, (size_t)rows[j]);
			if (y && y != x) /* interned: unequal pointers, unequal text */
				s903_flag(c, slot, i);
		}
	}
}

#define NO_HEADER(name, slot)                   \
	static void name(struct s903_ctx *c)    \
	{                                       \
		flag_without_header(c, (slot)); \
	}
#define DIFFERS(name, slot, col)                 \
	static void name(struct s903_ctx *c)     \
	{                                        \
		flag_differs(c, (slot), (col));  \
	}

NO_HEADER(rint01, S903_AD1)
NO_HEADER(rint02, S903_PLACED)
NO_HEADER(rint04, S903_MISSING)
NO_HEADER(rint05, S903_OC2)
NO_HEADER(rint06, S903_OC3)
NO_HEADER(rint07, S903_PREVPERM)
NO_HEADER(rint08, S903_REVIEWS)
NO_HEADER(rint09, S903_UASC)
DIFFERS(rint11, S903_AD1, S903_C_DOB)
DIFFERS(rint12, S903_PLACED, S903_C_DOB)
DIFFERS(rint13, S903_MISSING, S903_C_DOB)
DIFFERS(rint14, S903_OC2, S903_C_DOB)
DIFFERS(rint15, S903_OC3, S903_C_DOB)
DIFFERS(rint16, S903_PREVPERM, S903_C_DOB)
DIFFERS(rint17, S903_REVIEWS, S903_C_DOB)
DIFFERS(rint18, S903_UASC, S903_C_DOB)
DIFFERS(rint21, S903_UASC, S903_C_SEX)

static void rint31(struct s903_ctx *c)
{
	s903_flag_dup_child(c, S903_AD1);
}

#define WITH(slot) (S903_TB(HDR) | S903_TB(slot))
static const struct s903_rule_impl IMPL[] = {
	{ "INT01", 2022, WITH(S903_AD1), 0, rint01 },
	{ "INT02", 2022, WITH(S903_PLACED), 0, rint02 },
	{ "INT04", 2022, WITH(S903_MISSING), 0, rint04 },
	{ "INT05", 2022, WITH(S903_OC2), 0, rint05 },
	{ "INT06", 2022, WITH(S903_OC3), 0, rint06 },
	{ "INT07", 2022, WITH(S903_PREVPERM), 0, rint07 },
	{ "INT08", 2022, WITH(S903_REVIEWS), 0, rint08 },
	{ "INT09", 2022, WITH(S903_UASC), 0, rint09 },
	{ "INT11", 2022, WITH(S903_AD1), 0, rint11 },
	{ "INT12", 2022, WITH(S903_PLACED), 0, rint12 },
	{ "INT13", 2022, WITH(S903_MISSING), 0, rint13 },
	{ "INT14", 2022, WITH(S903_OC2), 0, rint14 },
	{ "INT15", 2022, WITH(S903_OC3), 0, rint15 },
	{ "INT16", 2022, WITH(S903_PREVPERM), 0, rint16 },
	{ "INT17", 2022, WITH(S903_REVIEWS), 0, rint17 },
	{ "INT18", 2022, WITH(S903_UASC), 0, rint18 },
	{ "INT21", 2022, WITH(S903_UASC), 0, rint21 },
	{ "INT31", 2022, S903_TB(S903_AD1), 0, rint31 },
};

const struct s903_impl_list s903_impl_int = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
