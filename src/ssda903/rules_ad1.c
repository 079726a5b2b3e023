/*
 * Rules on AD1 (adoption: decision, match, adopters). Each function is the
 * reference validator's rule of the same code; joins follow its merges (a
 * left merge with no partner row flags nothing in the missing table).
 */
#include "ssda903/s903_rules.h"

#define AD1 S903_AD1
#define EPI S903_EPISODES

static const enum s903_colid AD1_FIELDS[] = {
	S903_C_DATE_INT, S903_C_DATE_MATCH, S903_C_FOSTER_CARE,
	S903_C_NB_ADOPTR, S903_C_SEX_ADOPTR, S903_C_LS_ADOPTR,
};
#define N_AD1_FIELDS (sizeof(AD1_FIELDS) / sizeof(AD1_FIELDS[0]))

static size_t ad1_filled(const struct s903_table *t, size_t i)
{
	size_t n = 0;
	for (size_t f = 0; f < N_AD1_FIELDS; f++)
		n += s903_s(t, AD1_FIELDS[f], i) != NULL;
	return n;
}

static void r112(struct s903_ctx *c)
{
	s903_flag_bad_date(c, AD1, S903_C_DATE_INT, false);
}

static void r113(struct s903_ctx *c)
{
	s903_flag_bad_date(c, AD1, S903_C_DATE_MATCH, false);
}

static void r114(struct s903_ctx *c)
{
	s903_flag_not_in(c, AD1, S903_C_FOSTER_CARE, (const char *const[]){ "0", "1", NULL }, false);
}

/* OC3 care-leaver data and AD1 adoption data for the same child. */
static bool p134(const struct s903_ctx *c, const struct s903_table *a, size_t i,
		 const struct s903_table *o, size_t j)
{
	(void)c;
	return ad1_filled(a, i) && (s903_s(o, S903_C_IN_TOUCH, j) || s903_s(o, S903_C_ACTIV, j) ||
				    s903_s(o, S903_C_ACCOM, j));
}

static void r134(struct s903_ctx *c)
{
	s903_join(c, AD1, NULL, S903_OC3, p134, S903_FLAG_A);
}

/* AD1 fields all given or all blank. */
static void r151(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1);
	for (size_t i = 0; i < a->n; i++) {
		size_t n = ad1_filled(a, i);
		if (n && n < N_AD1_FIELDS)
			s903_flag(c, AD1, i);
	}
}

static void r175(struct s903_ctx *c)
{
	s903_flag_not_in(c, AD1, S903_C_NB_ADOPTR, (const char *const[]){ "1", "2", NULL }, false);
}

static void r176(struct s903_ctx *c)
{
	s903_flag_not_in(c, AD1, S903_C_SEX_ADOPTR,
			 (const char *const[]){ "M1", "F1", "MM", "FF", "MF", NULL }, false);
}

static void r177(struct s903_ctx *c)
{
	s903_flag_not_in(c, AD1, S903_C_LS_ADOPTR,
			 (const char *const[]){ "L0", "L11", "L12", "L2", "L3", "L4", NULL }, false);
}

static bool rec_adopted(const struct s903_table *t, int row)
{
	return S903_IN(s903_s(t, S903_C_REC, (size_t)row), "E11", "E12");
}

/* DATE_MATCH after the DECOM of an adoption episode (REC E11/E12). */
static bool p331(const struct s903_ctx *c, const struct s903_table *e, size_t i,
		 const struct s903_table *a, size_t j)
{
	(void)c;
	return s903_gt(s903_d(a, S903_C_DATE_MATCH, j), s903_d(e, S903_C_DECOM, i));
}

static void r331(struct s903_ctx *c)
{
	s903_join(c, EPI, rec_adopted, AD1, p331, S903_FLAG_A | S903_FLAG_B);
}

static void r333(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1);
	for (size_t i = 0; i < a->n; i++) {
		raa_day m = s903_d(a, S903_C_DATE_MATCH, i), d = s903_d(a, S903_C_DATE_INT, i);
		if (m != DAY_NONE && (d == DAY_NONE || d > m))
			s903_flag(c, AD1, i);
	}
}

static bool rne_s(const struct s903_table *t, int row)
{
	return s903_eq(s903_s(t, S903_C_RNE, (size_t)row), "S");
}

/* DATE_INT before the DECOM of the latest episode starting with RNE S. */
static void r334(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1), *e = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int last = s903_pick(e, k, S903_C_DECOM, false, rne_s);
		if (last < 0)
			continue;
		int n;
		const int *rows = s903_rows(a, k, &n);
		for (int j = 0; j < n; j++)
			if (s903_lt(s903_d(a, S903_C_DATE_INT, (size_t)rows[j]),
				    s903_d(e, S903_C_DECOM, (size_t)last))) {
				s903_flag(c, EPI, (size_t)last);
				s903_flag(c, AD1, (size_t)rows[j]);
			}
	}
}

/* Placed with current foster carers (A3, A5) or not (A4, A6) must agree
 * with FOSTER_CARE. */
static void r335(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1), *e = S903_T(c, EPI);
	for (size_t i = 0; i < e->n; i++) {
		if (!S903_IN(s903_s(e, S903_C_REC, i), "E1", "E11", "E12"))
			continue;
		const char *place = s903_s(e, S903_C_PLACE, i);
		const char *bad = S903_IN(place, "A2", "A3", "A5")	 ? "0"
				  : S903_IN(place, "A1", "A4", "A6") ? "1"
								     : NULL;
		if (!bad)
			continue;
		int n;
		const int *rows = s903_rows(a, e->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_eq(s903_s(a, S903_C_FOSTER_CARE, (size_t)rows[j]), bad)) {
				s903_flag(c, EPI, i);
				s903_flag(c, AD1, (size_t)rows[j]);
			}
	}
}

static void r511(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1);
	for (size_t i = 0; i < a->n; i++)
		if (s903_eq(s903_s(a, S903_C_NB_ADOPTR, i), "2") &&
		    S903_IN(s903_s(a, S903_C_SEX_ADOPTR, i), "M1", "F1"))
			s903_flag(c, AD1, i);
}

/* LS_ADOPTR code requires SEX_ADOPTR in the given list. */
static void ls_needs_sex(struct s903_ctx *c, const char *ls, const char *const *sex)
{
	const struct s903_table *a = S903_T(c, AD1);
	for (size_t i = 0; i < a->n; i++)
		if (s903_eq(s903_s(a, S903_C_LS_ADOPTR, i), ls) &&
		    !s903_in(s903_s(a, S903_C_SEX_ADOPTR, i), sex))
			s903_flag(c, AD1, i);
}

static void r514(struct s903_ctx *c)
{
	ls_needs_sex(c, "L0", (const char *const[]){ "M1", "F1", NULL });
}

static void r517(struct s903_ctx *c)
{
	ls_needs_sex(c, "L3", (const char *const[]){ "MF", NULL });
}

static void r518(struct s903_ctx *c)
{
	ls_needs_sex(c, "L4", (const char *const[]){ "MM", "FF", NULL });
}

static void r519(struct s903_ctx *c)
{
	ls_needs_sex(c, "L2", (const char *const[]){ "MM", "FF", "MF", NULL });
}

static void r520(struct s903_ctx *c)
{
	ls_needs_sex(c, "L11", (const char *const[]){ "MF", NULL });
}

static void r524(struct s903_ctx *c)
{
	ls_needs_sex(c, "L12", (const char *const[]){ "MM", "FF", NULL });
}

static bool a3_a6(const struct s903_table *t, int row)
{
	return S903_IN(s903_s(t, S903_C_PLACE, (size_t)row), "A3", "A4", "A5", "A6");
}

/* Placed for adoption (A3-A6) before the decision DATE_INT. */
static bool p521(const struct s903_ctx *c, const struct s903_table *e, size_t i,
		 const struct s903_table *a, size_t j)
{
	(void)c;
	return s903_gt(s903_d(a, S903_C_DATE_INT, j), s903_d(e, S903_C_DECOM, i));
}

static void r521(struct s903_ctx *c)
{
	s903_join(c, EPI, a3_a6, AD1, p521, S903_FLAG_A | S903_FLAG_B);
}

/* AD1.DATE_INT and PlacedAdoption.DATE_PLACED are the same decision. */
static void r523(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1), *p = S903_T(c, S903_PLACED);
	for (size_t i = 0; i < p->n; i++) {
		raa_day dp = s903_d(p, S903_C_DATE_PLACED, i);
		if (dp == DAY_NONE)
			continue;
		int n;
		const int *rows = s903_rows(a, p->child[i], &n);
		for (int j = 0; j < n; j++) {
			raa_day di = s903_d(a, S903_C_DATE_INT, (size_t)rows[j]);
			if (di != DAY_NONE && di != dp) {
				s903_flag(c, S903_PLACED, i);
				s903_flag(c, AD1, (size_t)rows[j]);
			}
		}
	}
}

/* A decision no longer to place (DATE_PLACED_CEASED) and AD1 data. */
static bool p525(const struct s903_ctx *c, const struct s903_table *p, size_t i,
		 const struct s903_table *a, size_t j)
{
	(void)c;
	return s903_s(p, S903_C_DATE_PLACED_CEASED, i) && ad1_filled(a, j);
}

static void r525(struct s903_ctx *c)
{
	s903_join(c, S903_PLACED, NULL, AD1, p525, S903_FLAG_A | S903_FLAG_B);
}

/* Adopted (E11/E12) on the day of the match (compared as written). */
static bool p582(const struct s903_ctx *c, const struct s903_table *e, size_t i,
		 const struct s903_table *a, size_t j)
{
	(void)c;
	return s903_eq(s903_s(e, S903_C_DEC, i), s903_s(a, S903_C_DATE_MATCH, j));
}

static void r582(struct s903_ctx *c)
{
	s903_join(c, EPI, rec_adopted, AD1, p582, S903_FLAG_A);
}

static bool adopted_in_year(const struct s903_ctx *c, const struct s903_table *e, size_t i)
{
	raa_day dec = s903_d(e, S903_C_DEC, i);
	return s903_ge(dec, c->r->start) && s903_le(dec, c->r->end) &&
	       S903_IN(s903_s(e, S903_C_REC, i), "E11", "E12");
}

/* Adopted this year: every AD1 field must be given. */
static void r601(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1), *e = S903_T(c, EPI);
	for (size_t i = 0; i < e->n; i++) {
		if (!adopted_in_year(c, e, i))
			continue;
		int n;
		const int *rows = s903_rows(a, e->child[i], &n);
		for (int j = 0; j < n; j++)
			if (ad1_filled(a, (size_t)rows[j]) < N_AD1_FIELDS) {
				s903_flag(c, AD1, (size_t)rows[j]);
				s903_flag(c, EPI, i);
			}
	}
}

/* AD1 data for a child not adopted this year. */
static void r602(struct s903_ctx *c)
{
	const struct s903_table *a = S903_T(c, AD1), *e = S903_T(c, EPI);
	for (size_t i = 0; i < a->n; i++) {
		int n;
		bool adopted = false;
		const int *rows = s903_rows(e, a->child[i], &n);
		for (int j = 0; j < n && !adopted; j++)
			adopted = adopted_in_year(c, e, (size_t)rows[j]);
		if (!adopted && ad1_filled(a, i))
			s903_flag(c, AD1, i);
	}
}

#define A1 S903_TB(AD1)
#define AE (S903_TB(AD1) | S903_TB(EPI))
static const struct s903_rule_impl IMPL[] = {
	{ "112", 2022, A1, 0, r112 },
	{ "113", 2022, A1, 0, r113 },
	{ "114", 2022, A1, 0, r114 },
	{ "134", 2022, A1 | S903_TB(S903_OC3), 0, r134 },
	{ "151", 2022, A1, 0, r151 },
	{ "175", 2022, A1, 0, r175 },
	{ "176", 2022, A1, 0, r176 },
	{ "177", 2022, A1, 0, r177 },
	{ "331", 2022, AE, 0, r331 },
	{ "333", 2022, A1, 0, r333 },
	{ "334", 2022, AE, 0, r334 },
	{ "335", 2022, AE, 0, r335 },
	{ "511", 2022, A1, 0, r511 },
	{ "514", 2022, A1, 0, r514 },
	{ "517", 2022, A1, 0, r517 },
	{ "518", 2022, A1, 0, r518 },
	{ "519", 2022, A1, 0, r519 },
	{ "520", 2022, A1, 0, r520 },
	{ "521", 2022, AE, 0, r521 },
	{ "523", 2022, A1 | S903_TB(S903_PLACED), 0, r523 },
	{ "524", 2022, A1, 0, r524 },
	{ "525", 2022, A1 | S903_TB(S903_PLACED), 0, r525 },
	{ "582", 2022, AE, 0, r582 },
	{ "601", 2022, AE, 0, r601 },
	{ "602", 2022, AE, 0, r602 },
};

const struct s903_impl_list s903_impl_ad1 = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
