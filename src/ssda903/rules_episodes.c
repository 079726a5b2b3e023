/* Rules on Episodes (periods of care, placements, legal statuses). */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "ssda903/s903_rules.h"

#define EPI S903_EPISODES
#define EPI_LAST S903_LAST(S903_EPISODES)

static const char *v(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_s(t, c, i);
}

static raa_day d(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_d(t, c, i);
}

#define PLACE(t, i) v((t), S903_C_PLACE, (i))
#define LS(t, i) v((t), S903_C_LS, (i))
#define REC(t, i) v((t), S903_C_REC, (i))
#define RNE(t, i) v((t), S903_C_RNE, (i))
#define DECOM(t, i) d((t), S903_C_DECOM, (i))
#define DEC(t, i) d((t), S903_C_DEC, (i))

static bool temp_place(const char *p)
{
	return S903_IN(p, "T0", "T1", "T2", "T3", "T4");
}

#define RULE(name, expr) S903_ROW_RULE(name, EPI, expr)

static void r141(struct s903_ctx *c)
{
	s903_flag_bad_date(c, EPI, S903_C_DECOM, false);
}

static void r147(struct s903_ctx *c)
{
	s903_flag_bad_date(c, EPI, S903_C_DEC, false);
}

static void r1009(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_REASON_PLACE_CHANGE,
			 (const char *const[]){ "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
						"CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER",
						NULL },
			 false);
}

/* DEC and REC both given or both blank. */
RULE(r148, !v(t, S903_C_DEC, i) != !REC(t, i))
/* Temporary placements have no provider. */
RULE(r213, temp_place(PLACE(t, i)) && v(t, S903_C_PLACE_PROVIDER, i))
RULE(r213_2025, (temp_place(PLACE(t, i)) || S903_IN(PLACE(t, i), "Z11", "Z12", "Z13", "Z14")) &&
		       v(t, S903_C_PLACE_PROVIDER, i))
/* Short breaks have no placement postcode or URN. */
RULE(r214, S903_IN(LS(t, i), "V3", "V4") &&
		   s903_any(t, i, S903_COLS(S903_C_PL_POST, S903_C_URN)))
/* Since 1 April 2015 a placement with current foster carers for adoption
 * starts a new period of care or changes legal status. */
RULE(r217, S903_IN(PLACE(t, i), "A3", "A5") && s903_ge(DECOM(t, i), date_from_ymd(2015, 4, 1)) &&
		   !S903_IN(RNE(t, i), "S", "T", "U"))
/* P2 (placement with a family) ended from 28 October 2023. */
RULE(r217t, s903_eq(PLACE(t, i), "P2") &&
		    (s903_gt(DEC(t, i), date_from_ymd(2023, 10, 28)) || DEC(t, i) == DAY_NONE))

static bool urn_given(const struct s903_table *t, size_t i)
{
	return v(t, S903_C_URN, i) && s903_ne(v(t, S903_C_URN, i), "XXXXXXX");
}

/* Placements that are never Ofsted-registered have no URN. */
RULE(r222, S903_IN(PLACE(t, i), "H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3",
		   "T4", "Z1") && urn_given(t, i))
RULE(r222_2023, S903_IN(PLACE(t, i), "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3",
			"T4", "Z1") && urn_given(t, i))
RULE(r222_2024, S903_IN(PLACE(t, i), "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4",
			"Z1") && urn_given(t, i))
RULE(r222_2025, S903_IN(PLACE(t, i), "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4",
			"Z11", "Z12", "Z13", "Z14") && urn_given(t, i))
/* A dd/mm/yyyy date before 1900 is no date to the reader but is one to
 * the reference: still before 14 October 1991. */
static bool before_1900(const char *s)
{
	int dd, mm, yy;
	char end;
	return s && sscanf(s, "%2d/%2d/%4d%c", &dd, &mm, &yy, &end) == 3 && yy < 1900 && yy > 0;
}

RULE(r353, s903_lt(DECOM(t, i), date_from_ymd(1991, 10, 14)) ||
		   (DECOM(t, i) == DAY_NONE && before_1900(v(t, S903_C_DECOM, i))))
RULE(r354, s903_gt(DECOM(t, i), c->r->end))
/* Pandas compares the text of the parsed dates: two blanks are equal. */
RULE(r355, DECOM(t, i) == DEC(t, i))
RULE(r356, s903_lt(DEC(t, i), DECOM(t, i)))
RULE(r365, s903_eq(LS(t, i), "V3") &&
		   s903_gt(DEC(t, i) != DAY_NONE ? DEC(t, i) : c->r->end,
			   DECOM(t, i) == DAY_NONE ? DAY_NONE : DECOM(t, i) + 17))
RULE(r366, s903_eq(LS(t, i), "V3") && s903_ne(RNE(t, i), "S"))
RULE(r378, s903_eq(PLACE(t, i), "P1") && s903_eq(LS(t, i), "V2"))
RULE(r380, temp_place(PLACE(t, i)) && !S903_IN(RNE(t, i), "P", "B"))
RULE(r381, temp_place(PLACE(t, i)) && REC(t, i) && s903_ne(REC(t, i), "X1"))
RULE(r382, S903_IN(LS(t, i), "V3", "V4") && temp_place(PLACE(t, i)))
RULE(r384, S903_IN(LS(t, i), "V3", "V4") && S903_IN(PLACE(t, i), "U1", "U4"))
RULE(r385, s903_gt(DEC(t, i), c->r->end))
RULE(r390, S903_IN(REC(t, i), "E11", "E12") && !S903_IN(PLACE(t, i), "A3", "A4", "A5", "A6"))

/* Every episode but the child's last has ended (DEC and REC). The last is
 * the latest DECOM, or one without a DECOM (pandas sorts those last). */
static void r142(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_DECOM, S903_NCOL, &buf, &cap);
		for (int j = 0; j + 1 < n; j++) {
			size_t r = (size_t)buf[j];
			if (DECOM(t, r) != DAY_NONE && (!v(t, S903_C_DEC, r) || !REC(t, r)))
				s903_flag(c, EPI, r);
		}
	}
	free(buf);
}

/* The first episode of a child starting care in the year begins a period
 * of care (RNE S). */
static void r357(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(t, k, S903_C_DECOM, true, NULL);
		if (first >= 0 && s903_ge(DECOM(t, (size_t)first), c->r->start) &&
		    s903_ne(RNE(t, (size_t)first), "S"))
			s903_flag(c, EPI, (size_t)first);
	}
}

/* More than two T3 episodes. */
static void r377(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n, t3 = 0;
		const int *rows = s903_rows(t, k, &n);
		for (int j = 0; j < n; j++)
			t3 += s903_eq(PLACE(t, (size_t)rows[j]), "T3");
		for (int j = 0; j < n && t3 > 2; j++)
			if (s903_eq(PLACE(t, (size_t)rows[j]), "T3"))
				s903_flag(c, EPI, (size_t)rows[j]);
	}
}

/* Consecutive episodes of each child (sorted by DECOM): pred(this, next). */
typedef bool (*next_pred)(const struct s903_table *t, size_t i, size_t next);

static void each_next2(struct s903_ctx *c, next_pred pred, bool flag_next, enum s903_colid col2)
{
	const struct s903_table *t = S903_T(c, EPI);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_DECOM, col2, &buf, &cap);
		for (int j = 0; j + 1 < n; j++)
			if (pred(t, (size_t)buf[j], (size_t)buf[j + 1]))
				s903_flag(c, EPI, (size_t)buf[flag_next ? j + 1 : j]);
	}
	free(buf);
}

static void each_next(struct s903_ctx *c, next_pred pred, bool flag_next)
{
	each_next2(c, pred, flag_next, S903_NCOL);
}

/* X1 (episode continues) without a reason for the placement change,
 * followed by a new placement (RNE P, B, T, U), neither temporary. */
static bool p225(const struct s903_table *t, size_t i, size_t nx)
{
	return s903_eq(REC(t, i), "X1") && !v(t, S903_C_REASON_PLACE_CHANGE, i) &&
	       !temp_place(PLACE(t, i)) && S903_IN(RNE(t, nx), "P", "B", "T", "U") &&
	       !temp_place(PLACE(t, nx));
}

static void r225(struct s903_ctx *c)
{
	each_next(c, p225, false);
}

/* A temporary placement has no reason for change, nor has the episode
 * before it. */
static bool p226(const struct s903_table *t, size_t prev, size_t i)
{
	return temp_place(PLACE(t, i)) && v(t, S903_C_REASON_PLACE_CHANGE, prev);
}

static void r226(struct s903_ctx *c)
{
	each_next(c, p226, true);
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++)
		if (temp_place(PLACE(t, i)) && v(t, S903_C_REASON_PLACE_CHANGE, i))
			s903_flag(c, EPI, i);
}

/* A3/A4 only after another adoption or fostering placement. */
static bool p336(const struct s903_table *t, size_t prev, size_t i)
{
	return S903_IN(PLACE(t, i), "A3", "A4") &&
	       !S903_IN(PLACE(t, prev), "A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5",
			"U6");
}

static void r336(struct s903_ctx *c)
{
	each_next(c, p336, true);
}

/* Episodes of this and last year in DECOM order: a child is adopted
 * (REC E11/E12) at most once, in its last episode. */
static void r199(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI), *l = S903_T(c, EPI_LAST);
	struct ep {
		raa_day decom;
		int row; /* -1 - row for last year's */
		bool ad;
	} *eps = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n, nl;
		const int *rows = s903_rows(t, k, &n), *lrows = s903_rows(l, k, &nl);
		xgrow((void **)&eps, &cap, (size_t)(n + nl) + 1, sizeof(*eps));
		int m = 0;
		for (int j = 0; j < n + nl; j++) {
			const struct s903_table *tt = j < n ? t : l;
			size_t r = (size_t)(j < n ? rows[j] : lrows[j - n]);
			if (DECOM(tt, r) == DAY_NONE)
				continue;
			struct ep e = { DECOM(tt, r), j < n ? (int)r : -1,
					S903_IN(REC(tt, r), "E11", "E12") };
			int p = m++;
			for (; p > 0 && eps[p - 1].decom > e.decom; p--)
				eps[p] = eps[p - 1];
			eps[p] = e;
		}
		int ads = 0;
		for (int j = 0; j < m; j++) {
			ads += eps[j].ad;
			if (ads > 0 && ads != (int)eps[j].ad && eps[j].row >= 0)
				s903_flag(c, EPI, (size_t)eps[j].row);
		}
	}
	free(eps);
}


RULE(r398, S903_IN(LS(t, i), "V3", "V4") &&
		   s903_any(t, i, S903_COLS(S903_C_HOME_POST, S903_C_PL_POST)))
RULE(r392d, s903_ne(PLACE(t, i), "P1") &&
		    s903_eq(v(t, S903_C_HOME_POST, i), v(t, S903_C_PL_POST, i)))
RULE(r408, S903_IN(PLACE(t, i), "A5", "A6") && s903_ne(LS(t, i), "E1"))
RULE(r445, s903_eq(LS(t, i), "D1") && s903_gt(DECOM(t, i), date_from_ymd(2005, 12, 31)))
RULE(r446, s903_eq(LS(t, i), "E1") && s903_lt(DECOM(t, i), date_from_ymd(2005, 12, 1)))
RULE(r451, !v(t, S903_C_DEC, i) && !REC(t, i) && s903_eq(LS(t, i), "D1"))
RULE(r516, S903_IN(REC(t, i), "E45", "E46") &&
		   !S903_IN(PLACE(t, i), "U1", "U2", "U3", "U4", "U5", "U6"))
RULE(r526, !S903_IN(PLACE(t, i), "T0", "T1", "T2", "T3", "T4", "Z1") &&
		   !v(t, S903_C_PLACE_PROVIDER, i))
RULE(r526_2025, !S903_IN(PLACE(t, i), "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14") &&
			!v(t, S903_C_PLACE_PROVIDER, i))
RULE(r527, S903_IN(PLACE(t, i), "P1", "R2", "R5") &&
		   s903_eq(v(t, S903_C_PLACE_PROVIDER, i), "PR1"))
RULE(r528, S903_IN(PLACE(t, i), "P1", "R2", "R5") &&
		   s903_eq(v(t, S903_C_PLACE_PROVIDER, i), "PR2"))
RULE(r529, S903_IN(PLACE(t, i), "A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4",
		   "U5", "U6") && s903_eq(v(t, S903_C_PLACE_PROVIDER, i), "PR3"))
RULE(r530, s903_eq(PLACE(t, i), "P1") && s903_eq(v(t, S903_C_PLACE_PROVIDER, i), "PR4"))
RULE(r531, s903_eq(PLACE(t, i), "P1") && s903_eq(v(t, S903_C_PLACE_PROVIDER, i), "PR5"))
RULE(r550, s903_ne(PLACE(t, i), "P1") && s903_eq(v(t, S903_C_PLACE_PROVIDER, i), "PR0"))

/* A child with both V3 and V4 short breaks. */
static void r426(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n;
		bool v3 = false, v4 = false;
		const int *rows = s903_rows(t, k, &n);
		for (int j = 0; j < n; j++) {
			v3 |= s903_eq(LS(t, (size_t)rows[j]), "V3");
			v4 |= s903_eq(LS(t, (size_t)rows[j]), "V4");
		}
		for (int j = 0; j < n && v3 && v4; j++)
			if (S903_IN(LS(t, (size_t)rows[j]), "V3", "V4"))
				s903_flag(c, EPI, (size_t)rows[j]);
	}
}

/* A new period of care (RNE S) starts before the previous episode ended. */
static bool p431(const struct s903_table *t, size_t prev, size_t i)
{
	return s903_eq(RNE(t, i), "S") && s903_le(DECOM(t, i), DEC(t, prev));
}

static void r431(struct s903_ctx *c)
{
	each_next(c, p431, true);
}

/* After an episode that left care, the next starts a period (RNE S). */
static bool p432(const struct s903_table *t, size_t prev, size_t i)
{
	return S903_IN(REC(t, prev), "E2", "E3", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9",
		       "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E41", "E45", "E46",
		       "E47", "E48") &&
	       s903_ne(RNE(t, i), "S");
}

static void r432(struct s903_ctx *c)
{
	each_next(c, p432, true);
}

/* A change within a period of care starts when the previous episode ended. */
static bool p433(const struct s903_table *t, size_t prev, size_t i)
{
	return S903_IN(RNE(t, i), "P", "L", "T", "U", "B") &&
	       (DEC(t, prev) == DAY_NONE || DECOM(t, i) == DAY_NONE || DEC(t, prev) != DECOM(t, i));
}

static void r433(struct s903_ctx *c)
{
	each_next2(c, p433, true, S903_C_DEC);
}

/* Interned values: pointer equality, two blanks equal. */
static bool same_placement(const struct s903_table *t, size_t a, size_t b)
{
	return PLACE(t, a) == PLACE(t, b) && v(t, S903_C_PL_POST, a) == v(t, S903_C_PL_POST, b) &&
	       v(t, S903_C_URN, a) == v(t, S903_C_URN, b) &&
	       v(t, S903_C_PLACE_PROVIDER, a) == v(t, S903_C_PLACE_PROVIDER, b);
}

/* RNE L (legal status change only): the legal status changed and the
 * placement did not. */
static bool p434(const struct s903_table *t, size_t prev, size_t i)
{
	return s903_eq(RNE(t, i), "L") &&
	       (s903_eq(LS(t, i), LS(t, prev)) || !same_placement(t, i, prev));
}

static void r434(struct s903_ctx *c)
{
	each_next(c, p434, true);
}

/* pandas ==: blanks are unequal */
static bool eqn(const char *a, const char *b)
{
	return a && a == b;
}

/* RNE P or T (placement change): the legal status stayed and the placement
 * changed. */
static bool p435(const struct s903_table *t, size_t prev, size_t i)
{
	return S903_IN(RNE(t, i), "P", "T") &&
	       (s903_ne(LS(t, i), LS(t, prev)) ||
		(eqn(PLACE(t, i), PLACE(t, prev)) &&
		 eqn(v(t, S903_C_PL_POST, i), v(t, S903_C_PL_POST, prev)) &&
		 eqn(v(t, S903_C_URN, i), v(t, S903_C_URN, prev)) &&
		 eqn(v(t, S903_C_PLACE_PROVIDER, i), v(t, S903_C_PLACE_PROVIDER, prev))));
}

static void r435(struct s903_ctx *c)
{
	each_next(c, p435, true);
}

/* RNE U or B (both change): both did. */
static bool p436(const struct s903_table *t, size_t prev, size_t i)
{
	return S903_IN(RNE(t, i), "U", "B") &&
	       (LS(t, i) == LS(t, prev) || same_placement(t, i, prev));
}

static void r436(struct s903_ctx *c)
{
	each_next(c, p436, true);
}

/* Ceased by E2 (died) or E15 (sentenced): no later episode. */
static bool p437(const struct s903_table *t, size_t i, size_t next)
{
	(void)next;
	return DECOM(t, i) != DAY_NONE && S903_IN(REC(t, i), "E2", "E15");
}

static void r437(struct s903_ctx *c)
{
	each_next(c, p437, false);
}

/* Episodes of one child overlap. */
static bool p501(const struct s903_table *t, size_t prev, size_t i)
{
	return s903_lt(DECOM(t, i), DEC(t, prev));
}

static void r501(struct s903_ctx *c)
{
	each_next(c, p501, true);
}

/* CIN changes only with a new period of care. */
static bool p504(const struct s903_table *t, size_t prev, size_t i)
{
	const char *cin = v(t, S903_C_CIN, i), *pcin = v(t, S903_C_CIN, prev);
	return s903_eq(REC(t, prev), "X1") && DEC(t, prev) == DECOM(t, i) &&
	       DECOM(t, i) != DAY_NONE && !(cin && cin == pcin);
}

static void r504(struct s903_ctx *c)
{
	each_next(c, p504, true);
}

/* Rows of the other tables for a child without episodes. */
static void r1012(struct s903_ctx *c)
{
	static const int tabs[] = { S903_PLACED, S903_MISSING, S903_REVIEWS, S903_AD1,
				    S903_PREVPERM, S903_OC2 };
	const struct s903_table *e = S903_T(c, EPI);
	for (size_t k = 0; k < sizeof(tabs) / sizeof(tabs[0]); k++) {
		const struct s903_table *t = S903_T(c, tabs[k]);
		for (size_t i = 0; t->present && i < t->n; i++) {
			int n;
			s903_rows(e, t->child[i], &n);
			if (n == 0)
				s903_flag(c, tabs[k], i);
		}
	}
}

/* Episodes with the child's Header row(s). A rule sees hr < 0 when the
 * child has no Header row and the reference merges left (its Header
 * values are then missing); inner-merge rules skip those. */
typedef bool (*hdr_pred)(const struct s903_ctx *c, const struct s903_table *e, size_t i,
			 const struct s903_table *h, int hr);

static void with_header(struct s903_ctx *c, hdr_pred pred, bool left, unsigned which)
{
	const struct s903_table *e = S903_T(c, EPI), *h = S903_T(c, S903_HEADER);
	for (size_t i = 0; i < e->n; i++) {
		int n;
		const int *rows = s903_rows(h, e->child[i], &n);
		if (n == 0 && left && pred(c, e, i, h, -1) && (which & S903_FLAG_A))
			s903_flag(c, EPI, i);
		for (int j = 0; j < n; j++) {
			if (!pred(c, e, i, h, rows[j]))
				continue;
			if (which & S903_FLAG_A)
				s903_flag(c, EPI, i);
			if (which & S903_FLAG_B)
				s903_flag(c, S903_HEADER, (size_t)rows[j]);
		}
	}
}

static raa_day hdob(const struct s903_table *h, int hr, int years)
{
	return hr < 0 ? DAY_NONE : s903_add_years(d(h, S903_C_DOB, (size_t)hr), years);
}

static const char *hv(const struct s903_table *h, int hr, enum s903_colid col)
{
	return hr < 0 ? NULL : v(h, col, (size_t)hr);
}

#define HRULE(name, left, which, expr)                                                       \
	static bool name##_p(const struct s903_ctx *c, const struct s903_table *t, size_t i, \
			     const struct s903_table *h, int hr)                             \
	{                                                                                    \
		(void)c;                                                                     \
		return (expr);                                                               \
	}                                                                                    \
	static void name(struct s903_ctx *c)                                                 \
	{                                                                                    \
		with_header(c, name##_p, (left), (which));                                   \
	}

#define EH (S903_FLAG_A | S903_FLAG_B)
#define EO S903_FLAG_A
#define HO S903_FLAG_B

/* UN4 (UPN not yet obtained) for a child looked after since before 24 March. */
static raa_day march24(const struct s903_ctx *c)
{
	int y, m, dd;
	if (c->r->end == DAY_NONE)
		return DAY_NONE;
	date_to_ymd(c->r->end, &y, &m, &dd);
	return date_from_ymd(y, 3, 24);
}

HRULE(r210, true, EH, s903_eq(hv(h, hr, S903_C_UPN), "UN4") && s903_ge(DECOM(t, i), march24(c)))
HRULE(r234, true, EH, s903_gt(hdob(h, hr, 10), DECOM(t, i)) &&
			      s903_eq(v(t, S903_C_REASON_PLACE_CHANGE, i), "CUSTOD"))
HRULE(r352, true, EO, s903_eq(RNE(t, i), "S") && s903_le(hdob(h, hr, 18), DECOM(t, i)))
HRULE(r358, true, EH, S903_IN(LS(t, i), "J1", "J2", "J3") && s903_ge(hdob(h, hr, 10), DECOM(t, i)))
HRULE(r359, true, EO, s903_lt(hdob(h, hr, 18), c->r->end) && DEC(t, i) == DAY_NONE &&
			      !(s903_eq(LS(t, i), "V2") && s903_eq(PLACE(t, i), "K2")))
HRULE(r386, true, EO, hdob(h, hr, 18) != DAY_NONE && DEC(t, i) != DAY_NONE &&
			      S903_IN(REC(t, i), "E11", "E12") && !s903_gt(hdob(h, hr, 18), DEC(t, i)))
HRULE(r387, true, EO, S903_IN(REC(t, i), "E5", "E6") && DEC(t, i) != DAY_NONE &&
			      !s903_le(hdob(h, hr, 14), DEC(t, i)))
HRULE(r389, true, EO, s903_eq(REC(t, i), "E7") && !s903_le(hdob(h, hr, 16), DEC(t, i)))
HRULE(r407, true, EH, S903_IN(REC(t, i), "E45", "E46", "E47", "E48") &&
			      s903_lt(hdob(h, hr, 18), DEC(t, i)))
HRULE(r442, false, HO, !S903_IN(LS(t, i), "V3", "V4") && !hv(h, hr, S903_C_UPN))
HRULE(r460, true, EO, s903_eq(REC(t, i), "E17") && s903_gt(hdob(h, hr, 18), DEC(t, i)))

static bool left_care_in_year(const struct s903_ctx *c, const struct s903_table *t, size_t i)
{
	return DEC(t, i) != DAY_NONE && REC(t, i) && s903_ne(REC(t, i), "X1") &&
	       !S903_IN(LS(t, i), "V3", "V4") && s903_le(c->r->start, DEC(t, i)) &&
	       s903_le(DEC(t, i), c->r->end);
}

HRULE(r607, true, EH, left_care_in_year(c, t, i) && s903_eq(hv(h, hr, S903_C_SEX), "2") &&
			      !hv(h, hr, S903_C_MOTHER))
HRULE(r607_2024, true, EH, left_care_in_year(c, t, i) && s903_eq(hv(h, hr, S903_C_SEX), "F") &&
				   !hv(h, hr, S903_C_MOTHER))

/* Placement type p (with the child's Header row, DOB known): only from
 * age `years` (when years > 0; DEC known too), or lasting at most `days`. */
static void place_limit(struct s903_ctx *c, const char *p, int years, int days)
{
	const struct s903_table *e = S903_T(c, EPI), *h = S903_T(c, S903_HEADER);
	for (size_t i = 0; i < e->n; i++) {
		if (!s903_eq(PLACE(e, i), p) || DECOM(e, i) == DAY_NONE)
			continue;
		int n;
		const int *rows = s903_rows(h, e->child[i], &n);
		for (int j = 0; j < n; j++) {
			bool bad = years > 0 ? DEC(e, i) != DAY_NONE &&
						       s903_lt(DECOM(e, i), hdob(h, rows[j], years))
					     : d(h, S903_C_DOB, (size_t)rows[j]) != DAY_NONE &&
						       s903_gt(DEC(e, i), DECOM(e, i) + days);
			if (bad)
				s903_flag(c, EPI, i);
		}
	}
}

static void decom_before_age(struct s903_ctx *c, const char *p, int years)
{
	place_limit(c, p, years, 0);
}

static void dec_after_days(struct s903_ctx *c, const char *p, int days)
{
	place_limit(c, p, 0, days);
}

static void r370(struct s903_ctx *c) { decom_before_age(c, "P2", 15); }
static void r370_2023(struct s903_ctx *c) { decom_before_age(c, "P2", 16); }
static void r371(struct s903_ctx *c) { decom_before_age(c, "H5", 14); }
static void r371_2023(struct s903_ctx *c) { decom_before_age(c, "H5", 16); }
static void r371_2024(struct s903_ctx *c) { decom_before_age(c, "K3", 16); }
static void r372(struct s903_ctx *c) { decom_before_age(c, "R5", 10); }
static void r373(struct s903_ctx *c) { decom_before_age(c, "S1", 4); }
static void r374(struct s903_ctx *c) { decom_before_age(c, "P3", 14); }
static void r375(struct s903_ctx *c) { dec_after_days(c, "T1", 42); }
static void r376(struct s903_ctx *c) { dec_after_days(c, "T3", 21); }
static void r379(struct s903_ctx *c) { dec_after_days(c, "T4", 7); }

/* The first episode starts before the child was born. */
static void r302(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *h = S903_T(c, S903_HEADER);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(e, k, S903_C_DECOM, true, NULL), n;
		const int *rows = s903_rows(h, k, &n);
		for (int j = 0; first >= 0 && j < n; j++)
			if (s903_gt(d(h, S903_C_DOB, (size_t)rows[j]), DECOM(e, (size_t)first))) {
				s903_flag(c, EPI, (size_t)first);
				s903_flag(c, S903_HEADER, (size_t)rows[j]);
			}
	}
}

/* V3/V4 in any case (the reference upper-cases LS here). */
static bool short_break_ci(const char *ls)
{
	return ls && (strcasecmp(ls, "V3") == 0 || strcasecmp(ls, "V4") == 0);
}

/* A girl looked after (not only on short breaks) without MOTHER. */
static void mother_missing(struct s903_ctx *c, const char *female)
{
	const struct s903_table *e = S903_T(c, EPI), *h = S903_T(c, S903_HEADER);
	for (size_t i = 0; i < h->n; i++) {
		if (!s903_eq(v(h, S903_C_SEX, i), female) || v(h, S903_C_MOTHER, i))
			continue;
		int n;
		const int *rows = s903_rows(e, h->child[i], &n);
		for (int j = 0; j < n; j++)
			if (!short_break_ci(LS(e, (size_t)rows[j]))) {
				s903_flag(c, S903_HEADER, i);
				break;
			}
	}
}

static void r393(struct s903_ctx *c) { mother_missing(c, "2"); }
static void r393_2024(struct s903_ctx *c) { mother_missing(c, "F"); }

/* The mother's child born after the end of the year or after care ended. */
static void r625(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *h = S903_T(c, S903_HEADER);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int last = s903_pick(e, k, S903_C_DEC, false, NULL), n;
		const int *rows = s903_rows(h, k, &n);
		for (int j = 0; last >= 0 && j < n; j++) {
			raa_day mc = d(h, S903_C_MC_DOB, (size_t)rows[j]);
			if (s903_gt(mc, c->r->end) || s903_gt(mc, DEC(e, (size_t)last))) {
				s903_flag(c, EPI, (size_t)last);
				s903_flag(c, S903_HEADER, (size_t)rows[j]);
			}
		}
	}
}

/* Episodes of a child without a Header row. */
static void rint03(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *h = S903_T(c, S903_HEADER);
	for (size_t i = 0; i < e->n; i++) {
		int n;
		s903_rows(h, e->child[i], &n);
		if (n == 0)
			s903_flag(c, EPI, i);
	}
}

/* Against last year's return: the child's first episode this year and its
 * latest episode last year (idxmin / idxmax of DECOM). */
typedef bool (*year_pred)(const struct s903_table *t, size_t first, const struct s903_table *l,
			  size_t last);

static void first_vs_last_year(struct s903_ctx *c, year_pred pred)
{
	const struct s903_table *t = S903_T(c, EPI), *l = S903_T(c, EPI_LAST);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(t, k, S903_C_DECOM, true, NULL);
		int last = s903_pick(l, k, S903_C_DECOM, false, NULL);
		if (first >= 0 && last >= 0 && pred(t, (size_t)first, l, (size_t)last))
			s903_flag(c, EPI, (size_t)first);
	}
}

/* An episode open at the end of last year continues with the same value
 * (interned: pointer equality, two blanks equal, as astype(str)). */
#define SAME_AS_LAST(name, col)                                                              \
	static bool name##_p(const struct s903_table *t, size_t i, const struct s903_table *l, \
			     size_t j)                                                       \
	{                                                                                    \
		return DEC(l, j) == DAY_NONE && v(t, col, i) != v(l, col, j);                \
	}                                                                                    \
	static void name(struct s903_ctx *c)                                                 \
	{                                                                                    \
		first_vs_last_year(c, name##_p);                                             \
	}

SAME_AS_LAST(r503a, S903_C_RNE)
SAME_AS_LAST(r503b, S903_C_LS)
SAME_AS_LAST(r503c, S903_C_CIN)
SAME_AS_LAST(r503d, S903_C_PLACE)
SAME_AS_LAST(r503e, S903_C_PLACE_PROVIDER)
SAME_AS_LAST(r503f, S903_C_URN)

/* From 2024/25, H5 (semi-independent living) became K3. */
static bool p503d_2024(const struct s903_table *t, size_t i, const struct s903_table *l, size_t j)
{
	return r503d_p(t, i, l, j) &&
	       !(s903_eq(PLACE(t, i), "K3") && s903_eq(PLACE(l, j), "H5"));
}

static void r503d_2024(struct s903_ctx *c)
{
	first_vs_last_year(c, p503d_2024);
}

/* From 2025/26, Z1 (other placements) was split into Z11-Z14. */
static bool p503d_2025(const struct s903_table *t, size_t i, const struct s903_table *l, size_t j)
{
	return r503d_p(t, i, l, j) &&
	       !(S903_IN(PLACE(t, i), "Z11", "Z12", "Z13", "Z14") && s903_eq(PLACE(l, j), "Z1"));
}

static void r503d_2025(struct s903_ctx *c)
{
	first_vs_last_year(c, p503d_2025);
}

/* The first episode this year must be the one left open last year. */
static void r502(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI), *l = S903_T(c, EPI_LAST);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(t, k, S903_C_DECOM, true, NULL), n;
		const int *rows = s903_rows(l, k, &n);
		for (int j = 0; first >= 0 && j < n; j++)
			if (!v(l, S903_C_DEC, (size_t)rows[j]) &&
			    DECOM(t, (size_t)first) != DECOM(l, (size_t)rows[j]))
				s903_flag(c, EPI, (size_t)first);
	}
}

/* The first episode this year began before the year: it must be last
 * year's latest episode (same DECOM). */
static void r562(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI), *l = S903_T(c, EPI_LAST);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n, first = -1;
		const int *rows = s903_rows(t, k, &n);
		for (int j = 0; j < n; j++) {
			raa_day dj = DECOM(t, (size_t)rows[j]);
			if (s903_lt(dj, c->r->start) && (first < 0 || dj < DECOM(t, (size_t)first)))
				first = rows[j];
		}
		if (first < 0)
			continue;
		int last = s903_pick(l, k, S903_C_DECOM, false, NULL);
		if (last < 0 || DECOM(l, (size_t)last) != DECOM(t, (size_t)first))
			s903_flag(c, EPI, (size_t)first);
	}
}

/* Episodes begun before the year of a child absent from last year's. */
static void rnoe(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI), *l = S903_T(c, EPI_LAST);
	for (size_t i = 0; i < t->n; i++) {
		int n;
		s903_rows(l, t->child[i], &n);
		if (n == 0 && s903_lt(DECOM(t, i), c->r->start))
			s903_flag(c, EPI, i);
	}
}

/* A freeing order (LS D1) needs a PlacedAdoption row; while it is open,
 * that row must not say the decision ceased. */
static void r555(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *p = S903_T(c, S903_PLACED);
	for (size_t i = 0; i < e->n; i++) {
		if (!s903_eq(LS(e, i), "D1"))
			continue;
		int n;
		const int *rows = s903_rows(p, e->child[i], &n);
		if (n == 0)
			s903_flag(c, EPI, i);
		for (int j = 0; j < n && !v(e, S903_C_DEC, i); j++)
			if (s903_any(p, (size_t)rows[j],
				     S903_COLS(S903_C_DATE_PLACED_CEASED, S903_C_REASON_PLACED_CEASED)))
				s903_flag(c, S903_PLACED, (size_t)rows[j]);
	}
}

/* The decision to place is after a freeing order episode began. */
static void r556(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *p = S903_T(c, S903_PLACED);
	for (size_t i = 0; i < e->n; i++) {
		if (!s903_eq(LS(e, i), "D1"))
			continue;
		int n;
		const int *rows = s903_rows(p, e->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_gt(d(p, S903_C_DATE_PLACED, (size_t)rows[j]), DECOM(e, i)))
				s903_flag(c, EPI, i);
	}
}

/* Episodes overlapping a deprivation of liberty order (both dates given)
 * whose placement is (in) the list. The reference reads a PLACEMENT
 * column the return does not have; raa reads PLACE. */
static void dolo_overlap(struct s903_ctx *c, const char *const *places, bool in)
{
	const struct s903_table *e = S903_T(c, EPI), *t = S903_T(c, S903_DOLO);
	for (size_t i = 0; i < e->n; i++) {
		if (s903_in(PLACE(e, i), places) != in)
			continue;
		int n;
		const int *rows = s903_rows(t, e->child[i], &n);
		for (int j = 0; j < n; j++) {
			size_t r = (size_t)rows[j];
			if (!v(t, S903_C_DOLO_START, r) || !v(t, S903_C_DOLO_END, r))
				continue;
			raa_day ds = d(t, S903_C_DOLO_START, r), de = d(t, S903_C_DOLO_END, r);
			if ((s903_le(ds, DEC(e, i)) || DEC(e, i) == DAY_NONE) &&
			    s903_ge(de, DECOM(e, i))) {
				s903_flag(c, EPI, i);
				s903_flag(c, S903_DOLO, r);
			}
		}
	}
}

static void r709(struct s903_ctx *c)
{
	dolo_overlap(c, (const char *const[]){ "K2", "Z12", "Z13", NULL }, false);
}

static void r710(struct s903_ctx *c)
{
	dolo_overlap(c, (const char *const[]){ "K1", "P1", "R5", "K3", NULL }, true);
}

/* An episode that continues (X1) ends when the next begins, one that ends
 * care (other REC) does not, and the child's last one does not continue. */
static void r388(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_DECOM, S903_NCOL, &buf, &cap);
		for (int j = 0; j < n; j++) {
			size_t i = (size_t)buf[j];
			bool x1 = s903_eq(REC(t, i), "X1"), has_dec = v(t, S903_C_DEC, i) != NULL;
			bool bad;
			if (j + 1 == n) {
				bad = has_dec && x1;
			} else {
				/* a missing next DECOM is the reference's 01/01/1901 */
				raa_day nx = DECOM(t, (size_t)buf[j + 1]);
				bool same = nx != DAY_NONE && DEC(t, i) == nx;
				bad = has_dec && (x1 ? !same : (REC(t, i) && same));
			}
			if (bad)
				s903_flag(c, EPI, i);
		}
	}
	free(buf);
}

/* Consecutive runs of legal status ls (sorted by DECOM, open ones ending
 * at the end of the year) lasting more than max_days in total. */
static void ls_run_too_long(struct s903_ctx *c, const char *ls, int max_days)
{
	const struct s903_table *t = S903_T(c, EPI);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_DECOM, S903_NCOL, &buf, &cap), m = 0;
		for (int j = 0; j < n; j++)
			if (s903_eq(LS(t, (size_t)buf[j]), ls) && DECOM(t, (size_t)buf[j]) != DAY_NONE)
				buf[m++] = buf[j];
		for (int j = 0; j < m;) {
			/* a run: each episode starts no later than the previous ended */
			int e = j;
			long total = 0;
			raa_day prev_dec = DAY_NONE;
			do {
				size_t i = (size_t)buf[e];
				raa_day dec = DEC(t, i) != DAY_NONE ? DEC(t, i) : c->r->end;
				if (e > j && !(DECOM(t, i) <= prev_dec || prev_dec == DAY_NONE))
					break;
				if (dec != DAY_NONE)
					total += dec - DECOM(t, i);
				prev_dec = dec;
				e++;
			} while (e < m);
			for (int q = j; total > max_days && q < e; q++)
				s903_flag(c, EPI, (size_t)buf[q]);
			j = e;
		}
	}
	free(buf);
}

static void r363(struct s903_ctx *c)
{
	ls_run_too_long(c, "L3", 7);
}

static void r364(struct s903_ctx *c)
{
	ls_run_too_long(c, "J2", 21);
}

/* Days of episode i that are a V3 short break inside the year (0 if none). */
static long v3_days(const struct s903_ctx *c, const struct s903_table *t, size_t i)
{
	raa_day a = DECOM(t, i), b = DEC(t, i);
	if (!s903_eq(LS(t, i), "V3") || a == DAY_NONE)
		return 0;
	if (b == DAY_NONE || s903_gt(b, c->r->end))
		b = c->r->end;
	if (s903_lt(a, c->r->start))
		a = c->r->start;
	return a != DAY_NONE && b != DAY_NONE && b > a ? b - a : 0;
}

/* V3 short breaks over 75 days in the year. */
static void r367(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n;
		const int *rows = s903_rows(t, k, &n);
		long total = 0;
		for (int j = 0; j < n; j++)
			total += v3_days(c, t, (size_t)rows[j]);
		for (int j = 0; j < n && total > 75; j++)
			if (v3_days(c, t, (size_t)rows[j]) > 0)
				s903_flag(c, EPI, (size_t)rows[j]);
	}
}

/* Code lists. A blank code is not flagged: the fixtures' "" (flagged)
 * and NaN (not) are both an empty cell in a file (docs/ssda903.md). */
#define CODES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define PLACES_2022                                                                          \
	"A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", \
		"T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6"
static void r143(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_RNE, CODES("P", "L", "T", "U", "B", "S"), false);
}
static void r144(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_LS,
			 CODES("C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3",
			       "V4"),
			 false);
}
static void r145(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_CIN, CODES("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"),
			 false);
}
static void r146(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_PLACE, CODES(PLACES_2022, "Z1"), false);
}
/* 2024/25: K3 (supported accommodation) joins. */
static void r146_2024(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_PLACE, CODES(PLACES_2022, "Z1", "K3"), false);
}
/* 2025/26: H5 ends (the fixture flags it), Z1 splits into Z11-Z14, and P2
 * (independent living) goes: a looked-after child of 16 or 17 may no longer
 * live in unregulated accommodation (K3, supported accommodation, replaced
 * it; 222 already left P2 out from 2024/25). */
static void r146_2025(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_PLACE,
			 CODES("A3", "A4", "A5", "A6", "K1", "K2", "K3", "P1", "P3", "R1", "R2",
			       "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4",
			       "U5", "U6", "Z11", "Z12", "Z13", "Z14"),
			 false);
}
static void r149(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_REC,
			 CODES("E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46",
			       "E47", "E48", "E5", "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17",
			       "X1"),
			 false);
}
static void r178(struct s903_ctx *c)
{
	s903_flag_not_in(c, EPI, S903_C_PLACE_PROVIDER,
			 CODES("PR0", "PR1", "PR2", "PR3", "PR4", "PR5"), false);
}
/* 2025/26: a provider given must be valid, and none is given for the
 * placements without one (T0-T3, Z11-Z14). */
static void r178_2025(struct s903_ctx *c)
{
	r178(c);
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++)
		if (v(t, S903_C_PLACE_PROVIDER, i) &&
		    S903_IN(PLACE(t, i), "T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"))
			s903_flag(c, EPI, i);
}

/* Reason for placement change only on episodes that ended. */
RULE(r233, !v(t, S903_C_DEC, i) && v(t, S903_C_REASON_PLACE_CHANGE, i))

/* Consecutive episodes of one legal status (each starting when the
 * previous ended) lasting more than max_days in all; an open one runs to
 * the collection year's end. Every episode of such a run is flagged. */
static void flag_long_status(struct s903_ctx *c, const char *ls, int max_days)
{
	const struct s903_table *t = S903_T(c, EPI);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_DECOM, S903_NCOL, &buf, &cap);
		for (int a = 0; a < n;) {
			if (!s903_eq(LS(t, buf[a]), ls)) {
				a++;
				continue;
			}
			int b = a;
			while (b + 1 < n && s903_eq(LS(t, buf[b + 1]), ls) &&
			       DEC(t, buf[b]) != DAY_NONE && DECOM(t, buf[b + 1]) == DEC(t, buf[b]))
				b++;
			raa_day end = DEC(t, buf[b]) != DAY_NONE ? DEC(t, buf[b]) : c->r->end;
			raa_day start = DECOM(t, buf[a]);
			if (start != DAY_NONE && end != DAY_NONE && end - start > max_days)
				for (int j = a; j <= b; j++)
					s903_flag(c, EPI, (size_t)buf[j]);
			a = b + 1;
		}
	}
	free(buf);
}

/* Police protection: 72 hours. */
static void r361(struct s903_ctx *c)
{
	flag_long_status(c, "L1", 3);
}

/* Emergency protection order: 21 days. */
static void r362(struct s903_ctx *c)
{
	flag_long_status(c, "L2", 21);
}

/* After a temporary placement (T0-T4) the next episode returns to the
 * placement before it: same PLACE, as a change of placement (RNE P: the
 * fixture flags a return coded T), from 2025/26 also the same postcode.
 * As the rule reads, this holds whatever the episode before the temporary
 * one was, a temporary placement too (T1 T1 S1 is flagged: S1 is not the
 * T1 before) or the same placement under another legal status. */
static void r383_v(struct s903_ctx *c, bool postcode)
{
	const struct s903_table *t = S903_T(c, EPI);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_DECOM, S903_NCOL, &buf, &cap);
		for (int j = 1; j + 1 < n; j++) {
			int prev = buf[j - 1], next = buf[j + 1];
			if (!temp_place(PLACE(t, buf[j])))
				continue;
			if (PLACE(t, next) != PLACE(t, prev) || s903_ne(RNE(t, next), "P") ||
			    (postcode && v(t, S903_C_PL_POST, next) != v(t, S903_C_PL_POST, prev)))
				s903_flag(c, EPI, (size_t)next);
		}
	}
	free(buf);
}

static void r383(struct s903_ctx *c)
{
	r383_v(c, false);
}

static void r383_2025(struct s903_ctx *c)
{
	r383_v(c, true);
}

#define E1 S903_TB(EPI)
#define EP (S903_TB(EPI) | S903_TB(S903_PLACED))
#define ED (S903_TB(EPI) | S903_TB(S903_DOLO))
#define EL (S903_TB(EPI) | S903_TB(EPI_LAST))
#define EH1 (S903_TB(EPI) | S903_TB(S903_HEADER))
static const struct s903_rule_impl IMPL[] = {
	{ "141", 2022, E1, 0, r141 },
	{ "143", 2022, E1, 0, r143 },
	{ "144", 2022, E1, 0, r144 },
	{ "145", 2022, E1, 0, r145 },
	{ "146", 2022, E1, 0, r146 },
	{ "146", 2024, E1, 0, r146_2024 },
	{ "146", 2025, E1, 0, r146_2025 },
	{ "149", 2022, E1, 0, r149 },
	{ "178", 2022, E1, 0, r178 },
	{ "178", 2025, E1, 0, r178_2025 },
	{ "233", 2025, E1, 0, r233 },
	{ "361", 2022, E1, 0, r361 },
	{ "362", 2022, E1, 0, r362 },
	{ "383", 2022, E1, 0, r383 },
	{ "383", 2025, E1, 0, r383_2025 },
	{ "142", 2022, E1, 0, r142 },
	{ "147", 2022, E1, 0, r147 },
	{ "148", 2022, E1, 0, r148 },
	{ "1009", 2022, E1, 0, r1009 },
	{ "199", 2022, E1, 0, r199 },
	{ "213", 2022, E1, 0, r213 },
	{ "213", 2025, E1, 0, r213_2025 },
	{ "214", 2022, E1, 0, r214 },
	{ "217", 2022, E1, 0, r217 },
	{ "217t", 2023, E1, 0, r217t },
	{ "222", 2022, E1, 0, r222 },
	{ "222", 2023, E1, 0, r222_2023 },
	{ "222", 2024, E1, 0, r222_2024 },
	{ "222", 2025, E1, 0, r222_2025 },
	{ "225", 2022, E1, 0, r225 },
	{ "226", 2022, E1, 0, r226 },
	{ "226", 2025, E1, 0, r226 },
	{ "336", 2022, E1, 0, r336 },
	{ "353", 2022, E1, 0, r353 },
	{ "354", 2022, E1, 0, r354 },
	{ "355", 2022, E1, 0, r355 },
	{ "356", 2022, E1, 0, r356 },
	{ "357", 2022, E1, 0, r357 },
	{ "365", 2022, E1, 0, r365 },
	{ "366", 2022, E1, 0, r366 },
	{ "377", 2022, E1, 0, r377 },
	{ "378", 2022, E1, 0, r378 },
	{ "380", 2022, E1, 0, r380 },
	{ "381", 2022, E1, 0, r381 },
	{ "382", 2022, E1, 0, r382 },
	{ "384", 2022, E1, 0, r384 },
	{ "385", 2022, E1, 0, r385 },
	{ "390", 2022, E1, 0, r390 },
	{ "392d", 2022, E1, 0, r392d },
	{ "398", 2022, E1, 0, r398 },
	{ "408", 2022, E1, 0, r408 },
	{ "426", 2022, E1, 0, r426 },
	{ "431", 2022, E1, 0, r431 },
	{ "432", 2022, E1, 0, r432 },
	{ "433", 2022, E1, 0, r433 },
	{ "434", 2022, E1, 0, r434 },
	{ "435", 2022, E1, 0, r435 },
	{ "436", 2022, E1, 0, r436 },
	{ "437", 2022, E1, 0, r437 },
	{ "445", 2022, E1, 0, r445 },
	{ "446", 2022, E1, 0, r446 },
	{ "451", 2022, E1, 0, r451 },
	{ "501", 2022, E1, 0, r501 },
	{ "504", 2022, E1, 0, r504 },
	{ "516", 2022, E1, 0, r516 },
	{ "526", 2022, E1, 0, r526 },
	{ "526", 2025, E1, 0, r526_2025 },
	{ "527", 2022, E1, 0, r527 },
	{ "528", 2022, E1, 0, r528 },
	{ "529", 2022, E1, 0, r529 },
	{ "530", 2022, E1, 0, r530 },
	{ "531", 2022, E1, 0, r531 },
	{ "550", 2022, E1, 0, r550 },
	{ "1012", 2022, E1, 0, r1012 },
	{ "210", 2022, EH1, 0, r210 },
	{ "234", 2025, EH1, 0, r234 },
	{ "302", 2022, EH1, 0, r302 },
	{ "352", 2022, EH1, 0, r352 },
	{ "358", 2022, EH1, 0, r358 },
	{ "359", 2022, EH1, 0, r359 },
	{ "370", 2022, EH1, 0, r370 },
	{ "370", 2023, EH1, 0, r370_2023 },
	{ "371", 2022, EH1, 0, r371 },
	{ "371", 2023, EH1, 0, r371_2023 },
	{ "371", 2024, EH1, 0, r371_2024 },
	{ "372", 2022, EH1, 0, r372 },
	{ "373", 2022, EH1, 0, r373 },
	{ "374", 2022, EH1, 0, r374 },
	{ "375", 2022, EH1, 0, r375 },
	{ "376", 2022, EH1, 0, r376 },
	{ "379", 2022, EH1, 0, r379 },
	{ "386", 2022, EH1, 0, r386 },
	{ "387", 2022, EH1, 0, r387 },
	{ "389", 2022, EH1, 0, r389 },
	{ "393", 2022, EH1, 0, r393 },
	{ "393", 2024, EH1, 0, r393_2024 },
	{ "407", 2022, EH1, 0, r407 },
	{ "442", 2022, EH1, 0, r442 },
	{ "460", 2022, EH1, 0, r460 },
	{ "607", 2022, EH1, 0, r607 },
	{ "607", 2024, EH1, 0, r607_2024 },
	{ "625", 2022, EH1, 0, r625 },
	{ "INT03", 2022, EH1, 0, rint03 },
	{ "502", 2022, EL, 0, r502 },
	{ "503A", 2022, EL, 0, r503a },
	{ "503B", 2022, EL, 0, r503b },
	{ "503C", 2022, EL, 0, r503c },
	{ "503D", 2022, EL, 0, r503d },
	{ "503D", 2024, EL, 0, r503d_2024 },
	{ "503D", 2025, EL, 0, r503d_2025 },
	{ "503E", 2022, EL, 0, r503e },
	{ "503F", 2022, EL, 0, r503f },
	{ "562", 2022, EL, 0, r562 },
	{ "NoE", 2022, EL, 0, rnoe },
	{ "388", 2022, E1, 0, r388 },
	{ "363", 2022, E1, 0, r363 },
	{ "364", 2022, E1, 0, r364 },
	{ "367", 2022, E1, 0, r367 },
	{ "555", 2022, EP, 0, r555 },
	{ "556", 2022, EP, 0, r556 },
	{ "709", 2026, ED, 0, r709 },
	{ "710", 2026, ED, 0, r710 },
};

const struct s903_impl_list s903_impl_episodes = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
