/* Rules on OC2 (outcomes of children looked after for 12 months) and OC3
 * (care leavers). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ssda903/s903_rules.h"

#define OC2 S903_OC2
#define OC3 S903_OC3
#define EPI S903_EPISODES

/* OC2 columns about health and offending, all of which a child looked
 * after for 12 months has. */
#define OC2_ALL                                                                              \
	S903_COLS(S903_C_CONVICTED, S903_C_HEALTH_CHECK, S903_C_IMMUNISATIONS,               \
		  S903_C_TEETH_CHECK, S903_C_HEALTH_ASSESSMENT, S903_C_SUBSTANCE_MISUSE,     \
		  S903_C_INTERVENTION_RECEIVED, S903_C_INTERVENTION_OFFERED)
#define OC2_CORE                                                                             \
	S903_COLS(S903_C_IMMUNISATIONS, S903_C_TEETH_CHECK, S903_C_HEALTH_ASSESSMENT,        \
		  S903_C_SUBSTANCE_MISUSE)
#define OC3_ALL S903_COLS(S903_C_IN_TOUCH, S903_C_ACTIV, S903_C_ACCOM)
#define SDQ S903_COLS(S903_C_SDQ_SCORE, S903_C_SDQ_REASON)
#define AD1_ALL                                                                              \
	S903_COLS(S903_C_DATE_INT, S903_C_DATE_MATCH, S903_C_FOSTER_CARE, S903_C_NB_ADOPTR,  \
		  S903_C_SEX_ADOPTR, S903_C_LS_ADOPTR)

static const char *v(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_s(t, c, i);
}

static void r131(struct s903_ctx *c)
{
	s903_flag_not_in(c, OC3, S903_C_IN_TOUCH,
			 (const char *const[]){ "YES", "NO", "DIED", "REFU", "NREQ", "RHOM", NULL },
			 true);
}

static void r132(struct s903_ctx *c)
{
	s903_flag_not_in(c, OC3, S903_C_ACTIV,
			 (const char *const[]){ "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4",
						"G5", "G6", "0", NULL },
			 true);
}

static void r133(struct s903_ctx *c)
{
	s903_flag_not_in(c, OC3, S903_C_ACCOM,
			 (const char *const[]){ "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1",
						"G2", "H1", "H2", "K1", "K2", "R1", "R2", "S2", "T1",
						"T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1",
						"Y2", "Z1", "Z2", "0", NULL },
			 true);
}

/* OC3 all given or all blank. */
S903_ROW_RULE(r153, OC3,
	      s903_any(t, i, OC3_ALL) && !s903_all(t, i, OC3_ALL))

/* Shape of most OC2 rules: the row, whether its child was continuously
 * looked after, and the collection year. */
typedef bool (*oc2_pred)(const struct s903_ctx *c, const struct s903_table *t, size_t i,
			 bool cla);

static void oc2_rule(struct s903_ctx *c, oc2_pred pred)
{
	const struct s903_table *t = S903_T(c, OC2);
	bool *cla = s903_cla(c->r);
	for (size_t i = 0; i < t->n; i++)
		if (pred(c, t, i, s903_cla_row(cla, t, i)))
			s903_flag(c, OC2, i);
	free(cla);
}

static raa_day dob_plus(const struct s903_table *t, size_t i, int years)
{
	return s903_add_years(s903_d(t, S903_C_DOB, i), years);
}

/* SDQ1 (no score given) for a child of 4 to 16 looked after all year. */
static bool p157(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	return cla && s903_le(dob_plus(t, i, 4), c->r->start) &&
	       s903_ge(dob_plus(t, i, 16), c->r->end) && !v(t, S903_C_SDQ_SCORE, i) &&
	       s903_eq(v(t, S903_C_SDQ_REASON, i), "SDQ1");
}

static void r157(struct s903_ctx *c)
{
	oc2_rule(c, p157);
}

S903_ROW_RULE(r158, OC2,
	      s903_eq(v(t, S903_C_INTERVENTION_RECEIVED, i), "1") &&
		v(t, S903_C_INTERVENTION_OFFERED, i))

S903_ROW_RULE(r159, OC2,
	      s903_eq(v(t, S903_C_SUBSTANCE_MISUSE, i), "1") &&
		s903_eq(v(t, S903_C_INTERVENTION_RECEIVED, i), "0") &&
		!v(t, S903_C_INTERVENTION_OFFERED, i))

/* SDQ score 0..40. */
static void r180(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC2);
	for (size_t i = 0; i < t->n; i++) {
		const char *s = v(t, S903_C_SDQ_SCORE, i);
		if (s && (s903_int(s) < 0 || s903_int(s) > 40))
			s903_flag(c, OC2, i);
	}
}

static void r181(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC2);
	for (size_t i = 0; i < t->n; i++)
		for (const enum s903_colid *col = OC2_ALL; *col != S903_NCOL; col++) {
			const char *s = v(t, *col, i);
			if (s && !S903_IN(s, "0", "1")) {
				s903_flag(c, OC2, i);
				break;
			}
		}
}

S903_ROW_RULE(r182, OC2,
	      !s903_all(t, i, OC2_CORE) &&
		s903_any(t, i,
			     S903_COLS(S903_C_CONVICTED, S903_C_HEALTH_CHECK,
				       S903_C_INTERVENTION_RECEIVED, S903_C_INTERVENTION_OFFERED)))

static bool p185(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	(void)c;
	return v(t, S903_C_SDQ_SCORE, i) && !cla;
}

static void r185(struct s903_ctx *c)
{
	oc2_rule(c, p185);
}

/* No SDQ for a child of 4 to 16 looked after all year. */
static bool p186(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	return cla && s903_le(dob_plus(t, i, 4), c->r->start) &&
	       s903_gt(dob_plus(t, i, 17), c->r->end) && !s903_any(t, i, SDQ);
}

static void r186(struct s903_ctx *c)
{
	oc2_rule(c, p186);
}

static bool p188(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	(void)cla;
	return s903_gt(dob_plus(t, i, 4), c->r->end) && s903_any(t, i, SDQ);
}

static void r188(struct s903_ctx *c)
{
	oc2_rule(c, p188);
}

static bool p189(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	(void)cla;
	return s903_lt(dob_plus(t, i, 17), c->r->start) && s903_any(t, i, SDQ);
}

static void r189(struct s903_ctx *c)
{
	oc2_rule(c, p189);
}

static bool p190(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	(void)c;
	return !cla && s903_any(t, i, OC2_ALL);
}

static void r190(struct s903_ctx *c)
{
	oc2_rule(c, p190);
}

/* A child looked after all year has neither adoption (AD1) nor care
 * leaver (OC3) data: each such row with any item given is flagged. */
static void flag_cla_rows(struct s903_ctx *c, const bool *cla, int slot,
			  const enum s903_colid *cols)
{
	const struct s903_table *t = S903_T(c, slot);
	for (size_t i = 0; i < t->n; i++)
		if (s903_cla_row(cla, t, i) && s903_any(t, i, cols))
			s903_flag(c, slot, i);
}

static void r187(struct s903_ctx *c)
{
	bool *cla = s903_cla(c->r);
	flag_cla_rows(c, cla, OC3, OC3_ALL);
	flag_cla_rows(c, cla, S903_AD1, AD1_ALL);
	free(cla);
}

/* One episode of this or last year, for 1001. */
struct leaver_ep {
	raa_day decom, dec;
	bool v3v4, adopted;
};

/* This and last year's episodes of child k with a start date, in DECOM
 * order; an episode in both years (same start) once, with its end date
 * when one year has it. */
static int leaver_eps(const struct s903_ctx *c, int k, struct leaver_ep **eps, size_t *cap)
{
	const struct s903_table *tab[2] = { S903_T(c, EPI), S903_T(c, S903_LAST(EPI)) };
	int m = 0;
	for (int y = 0; y < 2; y++) {
		int n;
		const int *rows = s903_rows(tab[y], k, &n);
		xgrow((void **)eps, cap, (size_t)(m + n) + 1, sizeof(**eps));
		for (int j = 0; j < n; j++) {
			const struct s903_table *t = tab[y];
			size_t r = (size_t)rows[j];
			struct leaver_ep e = { s903_d(t, S903_C_DECOM, r), s903_d(t, S903_C_DEC, r),
					       S903_IN(v(t, S903_C_LS, r), "V3", "V4"),
					       S903_IN(v(t, S903_C_REC, r), "E11", "E12") };
			if (e.decom == DAY_NONE)
				continue;
			int p = 0;
			while (p < m && (*eps)[p].decom < e.decom)
				p++;
			if (p < m && (*eps)[p].decom == e.decom) {
				if ((*eps)[p].dec == DAY_NONE)
					(*eps)[p] = e;
				continue;
			}
			memmove(*eps + p + 1, *eps + p, (size_t)(m - p) * sizeof(**eps));
			(*eps)[p] = e;
			m++;
		}
	}
	return m;
}

/* Days looked after (not under V3/V4) from `from` on; the last episode,
 * when still open, runs to the collection year's end. */
static long days_since(const struct leaver_ep *eps, int n, raa_day from, raa_day end)
{
	long total = 0;
	for (int j = 0; j < n; j++) {
		raa_day dec = eps[j].dec == DAY_NONE && j == n - 1 ? end : eps[j].dec;
		raa_day start = eps[j].decom > from ? eps[j].decom : from;
		if (!eps[j].v3v4 && dec != DAY_NONE && dec > start)
			total += dec - start;
	}
	return total;
}

/* Is OC3 row i's child a relevant or former relevant child, as far as
 * this and last year's episodes show: looked after 13 weeks (91 days)
 * since 14, some of it after 16, and not adopted (last episode ended
 * E11/E12)? Young people of 20 or more at the year's end are taken to be
 * (their time in care is older than the two years' episodes). */
static bool care_leaver(const struct s903_ctx *c, size_t i, struct leaver_ep **eps,
			size_t *cap)
{
	const struct s903_table *o = S903_T(c, OC3), *h = S903_T(c, S903_HEADER);
	int k = o->child[i], nh;
	const int *hr = k >= 0 ? s903_rows(h, k, &nh) : NULL;
	raa_day dob = hr && nh > 0 ? s903_d(h, S903_C_DOB, (size_t)hr[0]) : DAY_NONE;
	raa_day end = c->r->end;
	if (dob == DAY_NONE)
		return false;
	if (end != DAY_NONE && s903_add_years(dob, 20) <= end)
		return true;
	int n = leaver_eps(c, k, eps, cap);
	if (n > 0 && (*eps)[n - 1].adopted)
		return false;
	return days_since(*eps, n, s903_add_years(dob, 14), end) >= 91 &&
	       days_since(*eps, n, s903_add_years(dob, 16), end) >= 1;
}

static void r1001(struct s903_ctx *c)
{
	const struct s903_table *o = S903_T(c, OC3);
	struct leaver_ep *eps = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < o->n; i++)
		if (!care_leaver(c, i, &eps, &cap))
			s903_flag(c, OC3, i);
	free(eps);
}

static bool core_missing(const struct s903_table *t, size_t i)
{
	return !s903_all(t, i, OC2_CORE);
}

/* Looked after all year: the core OC2 items, and an OC2 row at all. */
static void r191(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC2), *e = S903_T(c, EPI);
	bool *cla = s903_cla(c->r);
	for (size_t i = 0; i < t->n; i++)
		if (s903_cla_row(cla, t, i) && core_missing(t, i))
			s903_flag(c, OC2, i);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n, first = s903_pick(e, k, S903_C_DECOM, true, NULL);
		s903_rows(t, k, &n);
		if (first >= 0 && cla[k] && n == 0)
			s903_flag(c, EPI, (size_t)first);
	}
	free(cla);
}

S903_ROW_RULE(r192, OC2,
	      s903_eq(v(t, S903_C_SUBSTANCE_MISUSE, i), "1") &&
		!v(t, S903_C_INTERVENTION_RECEIVED, i))

static void r193(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC2);
	for (size_t i = 0; i < t->n; i++) {
		const char *m = v(t, S903_C_SUBSTANCE_MISUSE, i);
		if ((!m || s903_eq(m, "0")) &&
		    s903_any(t, i,
			     S903_COLS(S903_C_INTERVENTION_RECEIVED, S903_C_INTERVENTION_OFFERED)))
			s903_flag(c, OC2, i);
	}
}

S903_ROW_RULE(r197a, OC2,
	      s903_all(t, i, SDQ))

static bool in_year(const struct s903_ctx *c, raa_day d)
{
	return s903_ge(d, c->r->start) && s903_le(d, c->r->end);
}

/* 4th or 17th birthday in the year, looked after all year, no SDQ. */
static bool p197b(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	return (in_year(c, dob_plus(t, i, 4)) || in_year(c, dob_plus(t, i, 17))) && cla &&
	       !s903_any(t, i, SDQ);
}

static void r197b(struct s903_ctx *c)
{
	oc2_rule(c, p197b);
}

static bool p198(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	(void)c;
	return v(t, S903_C_SDQ_REASON, i) && !cla;
}

static void r198(struct s903_ctx *c)
{
	oc2_rule(c, p198);
}

/* OC2 and OC3 both given for one child. */
static void r215(struct s903_ctx *c)
{
	const struct s903_table *t3 = S903_T(c, OC3), *t2 = S903_T(c, OC2);
	for (size_t i = 0; i < t3->n; i++) {
		if (!s903_any(t3, i, OC3_ALL))
			continue;
		int n;
		const int *rows = s903_rows(t2, t3->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_any(t2, (size_t)rows[j], OC2_ALL)) {
				s903_flag(c, OC3, i);
				s903_flag(c, OC2, (size_t)rows[j]);
			}
	}
}

static bool p542(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	(void)cla;
	return s903_gt(dob_plus(t, i, 10), c->r->end) && v(t, S903_C_CONVICTED, i);
}

static void r542(struct s903_ctx *c)
{
	oc2_rule(c, p542);
}

static bool p543(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	return s903_gt(c->r->end, dob_plus(t, i, 10)) && cla && !v(t, S903_C_CONVICTED, i);
}

static void r543(struct s903_ctx *c)
{
	oc2_rule(c, p543);
}

static void flag_core_missing_when(struct s903_ctx *c, enum s903_colid col)
{
	const struct s903_table *t = S903_T(c, OC2);
	for (size_t i = 0; i < t->n; i++)
		if (s903_eq(v(t, col, i), "1") && core_missing(t, i))
			s903_flag(c, OC2, i);
}

static void r544(struct s903_ctx *c)
{
	flag_core_missing_when(c, S903_C_CONVICTED);
}

static bool p545(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	return s903_lt(c->r->end, dob_plus(t, i, 5)) && cla && !v(t, S903_C_HEALTH_CHECK, i);
}

static void r545(struct s903_ctx *c)
{
	oc2_rule(c, p545);
}

static bool p546(const struct s903_ctx *c, const struct s903_table *t, size_t i, bool cla)
{
	return s903_ge(c->r->end, dob_plus(t, i, 5)) && cla && v(t, S903_C_HEALTH_CHECK, i);
}

static void r546(struct s903_ctx *c)
{
	oc2_rule(c, p546);
}

static void r547(struct s903_ctx *c)
{
	flag_core_missing_when(c, S903_C_HEALTH_CHECK);
}

static void rint33(struct s903_ctx *c)
{
	s903_flag_dup_child(c, OC2);
}

/* OC3 */

S903_ROW_RULE(r344, OC3,
	      S903_IN(v(t, S903_C_IN_TOUCH, i), "DIED", "RHOM") &&
		(s903_ne(v(t, S903_C_ACTIV, i), "0") || s903_ne(v(t, S903_C_ACCOM, i), "0")))

S903_ROW_RULE(r345, OC3,
	      s903_eq(v(t, S903_C_IN_TOUCH, i), "YES") &&
		(s903_eq(v(t, S903_C_ACTIV, i), "0") || s903_eq(v(t, S903_C_ACCOM, i), "0")))

S903_ROW_RULE(r391, OC3,
	      s903_gt(dob_plus(t, i, 17), c->r->end) && s903_any(t, i, OC3_ALL))

static void rint34(struct s903_ctx *c)
{
	s903_flag_dup_child(c, OC3);
}

/* Age in the reference's "years" of 365.2425 days (numpy timedelta64 Y):
 * from - dob >= years. */
static bool age_at_least(raa_day dob, raa_day on, int years)
{
	return dob != DAY_NONE && on != DAY_NONE &&
	       (int64_t)(on - dob) * 10000 >= (int64_t)years * 3652425;
}

/* ACCOM T (temporary accommodation) only from 18. */
static void r347(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3);
	for (size_t i = 0; i < t->n; i++) {
		raa_day dob = s903_d(t, S903_C_DOB, i);
		if (s903_eq(v(t, S903_C_ACCOM, i), "T") && dob != DAY_NONE &&
		    c->r->start != DAY_NONE && !age_at_least(dob, c->r->start, 18))
			s903_flag(c, OC3, i);
	}
}

/* Died last year, not this year. */
static void r348(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3), *l = S903_T(c, S903_LAST(OC3));
	for (size_t i = 0; i < t->n; i++) {
		int n;
		const int *rows = s903_rows(l, t->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_eq(v(l, S903_C_IN_TOUCH, (size_t)rows[j]), "DIED") &&
			    s903_ne(v(t, S903_C_IN_TOUCH, i), "DIED"))
				s903_flag(c, OC3, i);
	}
}

static bool child_has(const struct s903_table *t, int k, enum s903_colid col, const char *val)
{
	int n;
	const int *rows = s903_rows(t, k, &n);
	for (int j = 0; j < n; j++)
		if (s903_eq(v(t, col, (size_t)rows[j]), val))
			return true;
	return false;
}

/* Died in care (REC E2, this year or last): no care-leaver data. */
static void r1000(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3), *e = S903_T(c, EPI),
				*l = S903_T(c, S903_LAST(EPI));
	for (size_t i = 0; i < t->n; i++)
		if (child_has(e, t->child[i], S903_C_REC, "E2") ||
		    child_has(l, t->child[i], S903_C_REC, "E2"))
			s903_flag(c, OC3, i);
}

/* The birthday in the year ending at end (29 February on 28 February). */
static raa_day birthday_before(raa_day dob, raa_day end)
{
	int y, m, dd, ey, em, ed;
	date_to_ymd(dob, &y, &m, &dd);
	date_to_ymd(end, &ey, &em, &ed);
	raa_day b = s903_add_years(dob, ey - y);
	return b > end ? s903_add_years(dob, ey - y - 1) : b;
}

/* Looked after on the 17th or 18th birthday in the year: no care-leaver
 * data yet. */
static void r1007(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3), *e = S903_T(c, EPI);
	raa_day end = c->r->end;
	for (size_t i = 0; i < t->n; i++) {
		raa_day dob = s903_d(t, S903_C_DOB, i);
		if (dob == DAY_NONE || end == DAY_NONE || !s903_any(t, i, OC3_ALL) ||
		    !s903_le(s903_add_years(dob, 17), end) || !s903_gt(s903_add_years(dob, 19), end))
			continue;
		raa_day bday = birthday_before(dob, end);
		int n;
		const int *rows = s903_rows(e, t->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_le(s903_d(e, S903_C_DECOM, (size_t)rows[j]), bday) &&
			    s903_gt(s903_d(e, S903_C_DEC, (size_t)rows[j]), bday))
				s903_flag(c, OC3, i);
	}
}

/* Care transferred to another LA (last REC E3): no care-leaver data. */
static void r1011(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3), *e = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++) {
		int last = s903_pick(e, t->child[i], S903_C_DECOM, false, NULL);
		if (last >= 0 && s903_eq(v(e, S903_C_REC, (size_t)last), "E3") &&
		    s903_any(t, i, OC3_ALL))
			s903_flag(c, OC3, i);
	}
}

/* A UASC care leaver (no episode in the year) with OC3 data. */
static void r1014(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3), *e = S903_T(c, EPI),
				*u = S903_T(c, S903_UASC);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int ne, nu, no;
		const int *erows = s903_rows(e, k, &ne), *urows = s903_rows(u, k, &nu),
			  *orows = s903_rows(t, k, &no);
		bool in_year = false;
		for (int j = 0; j < ne; j++) {
			raa_day decom = s903_d(e, S903_C_DECOM, (size_t)erows[j]),
				dec = s903_d(e, S903_C_DEC, (size_t)erows[j]);
			in_year |= s903_le(decom, c->r->end) &&
				   (s903_ge(dec, c->r->start) || dec == DAY_NONE);
		}
		if (ne == 0 || nu == 0 || in_year)
			continue;
		for (int j = 0; j < no; j++)
			if (s903_any(t, (size_t)orows[j], OC3_ALL)) {
				s903_flag(c, OC3, (size_t)orows[j]);
				for (int m = 0; m < nu; m++)
					s903_flag(c, S903_UASC, (size_t)urows[m]);
			}
	}
}

/* Care-leaver data for a 17 (18) year old whose care ended after the 17th
 * (18th) birthday: they were looked after then. */
static void r1016(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3), *e = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++) {
		raa_day dob = s903_d(t, S903_C_DOB, i), end = c->r->end;
		if (!s903_any(t, i, OC3_ALL))
			continue;
		int age = age_at_least(dob, end, 19) ? 19 : age_at_least(dob, end, 18) ? 18
			  : age_at_least(dob, end, 17) ? 17 : 0;
		if (age != 17 && age != 18)
			continue;
		int n;
		const int *rows = s903_rows(e, t->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_ge(s903_d(e, S903_C_DEC, (size_t)rows[j]), s903_add_years(dob, age)))
				s903_flag(c, OC3, i);
	}
}

/* Care-leaver data for a child with no episodes this year or last. */
static void r1002(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3);
	for (size_t i = 0; i < t->n; i++) {
		int ne, nl;
		s903_rows(S903_T(c, EPI), t->child[i], &ne);
		s903_rows(S903_T(c, S903_LAST(EPI)), t->child[i], &nl);
		if (ne == 0 && nl == 0)
			s903_flag(c, OC3, i);
	}
}

/* Care-leaver data for a child with no episode this year although last
 * year's latest episode was still open. */
static void r1010(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, OC3), *l = S903_T(c, S903_LAST(EPI));
	int *buf = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < t->n; i++) {
		int ne;
		s903_rows(S903_T(c, EPI), t->child[i], &ne);
		if (ne > 0 || t->child[i] < 0)
			continue;
		/* the last by DECOM among those with one */
		int n = s903_sorted(l, t->child[i], S903_C_DECOM, S903_NCOL, &buf, &cap);
		while (n > 0 && s903_d(l, S903_C_DECOM, (size_t)buf[n - 1]) == DAY_NONE)
			n--;
		if (n > 0 && s903_d(l, S903_C_DEC, (size_t)buf[n - 1]) == DAY_NONE)
			s903_flag(c, OC3, i);
	}
	free(buf);
}

static void r196(struct s903_ctx *c)
{
	s903_flag_not_in(c, OC2, S903_C_SDQ_REASON,
			 (const char *const[]){ "SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5", NULL }, false);
}

#define T2 S903_TB(OC2)
#define T3 S903_TB(OC3)
#define TE S903_TB(EPI)
static const struct s903_rule_impl IMPL[] = {
	{ "131", 2022, T3, 0, r131 },
	{ "196", 2022, T2, 0, r196 },
	{ "132", 2022, T3, 0, r132 },
	{ "133", 2022, T3, 0, r133 },
	{ "153", 2022, T3, 0, r153 },
	{ "1001", 2022, T3 | TE | S903_TB(S903_LAST(EPI)) | S903_TB(S903_HEADER), 0, r1001 },
	{ "187", 2022, T3 | TE | S903_TB(S903_AD1), 0, r187 },
	{ "157", 2022, T2 | TE, 0, r157 },
	{ "158", 2022, T2, 0, r158 },
	{ "159", 2022, T2, 0, r159 },
	{ "180", 2022, T2, 0, r180 },
	{ "181", 2022, T2, 0, r181 },
	{ "182", 2022, T2, 0, r182 },
	{ "185", 2022, T2 | TE, 0, r185 },
	{ "186", 2022, T2 | TE, 0, r186 },
	{ "188", 2022, T2, 0, r188 },
	{ "189", 2022, T2, 0, r189 },
	{ "190", 2022, T2 | TE, 0, r190 },
	{ "191", 2022, T2 | TE, 0, r191 },
	{ "192", 2022, T2, 0, r192 },
	{ "193", 2022, T2, 0, r193 },
	{ "197a", 2022, T2, 0, r197a },
	{ "197B", 2022, T2 | TE, 0, r197b },
	{ "198", 2022, T2 | TE, 0, r198 },
	{ "215", 2022, T2 | T3, 0, r215 },
	{ "542", 2022, T2, 0, r542 },
	{ "543", 2022, T2 | TE, 0, r543 },
	{ "544", 2022, T2, 0, r544 },
	{ "545", 2022, T2 | TE, 0, r545 },
	{ "546", 2022, T2 | TE, 0, r546 },
	{ "547", 2022, T2, 0, r547 },
	{ "INT33", 2022, T2, 0, rint33 },
	{ "344", 2022, T3, 0, r344 },
	{ "345", 2022, T3, 0, r345 },
	{ "391", 2022, T3, 0, r391 },
	{ "INT34", 2022, T3, 0, rint34 },
	{ "347", 2023, T3, 0, r347 },
	{ "348", 2025, T3 | S903_TB(S903_LAST(OC3)), 0, r348 },
	{ "1000", 2022, T3 | TE, 0, r1000 },
	{ "1007", 2022, T3 | TE, 0, r1007 },
	{ "1011", 2022, T3 | TE, 0, r1011 },
	{ "1014", 2022, T3 | TE | S903_TB(S903_UASC), 0, r1014 },
	{ "1016", 2023, T3 | TE, 0, r1016 },
	{ "1002", 2022, T3 | TE | S903_TB(S903_LAST(EPI)), 0, r1002 },
	{ "1010", 2022, T3 | TE | S903_TB(S903_LAST(EPI)), 0, r1010 },
};

const struct s903_impl_list s903_impl_oc = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
