/* Rules on PlacedAdoption (decisions that a child should be placed for
 * adoption, and that it should no longer be). */
#include <stdint.h>
#include <stdlib.h>

#include "ssda903/s903_rules.h"

#define PA S903_PLACED
#define EPI S903_EPISODES

static void r115(struct s903_ctx *c)
{
	s903_flag_bad_date(c, PA, S903_C_DATE_PLACED, false);
}

static void r116(struct s903_ctx *c)
{
	s903_flag_bad_date(c, PA, S903_C_DATE_PLACED_CEASED, false);
}

static bool not_x1(const struct s903_table *t, int row)
{
	return s903_ne(s903_s(t, S903_C_REC, (size_t)row), "X1");
}

/* Decisions after the collection year or after the latest episode ended. */
static void r117(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	raa_day end = c->r->end;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int last = s903_pick(e, k, S903_C_DECOM, false, not_x1);
		if (last < 0)
			continue;
		raa_day dec = s903_d(e, S903_C_DEC, (size_t)last);
		int n;
		const int *rows = s903_rows(p, k, &n);
		for (int j = 0; j < n; j++) {
			raa_day dp = s903_d(p, S903_C_DATE_PLACED, (size_t)rows[j]);
			raa_day dc = s903_d(p, S903_C_DATE_PLACED_CEASED, (size_t)rows[j]);
			if (s903_gt(dp, end) || s903_gt(dp, dec) || s903_gt(dc, end) ||
			    s903_gt(dc, dec)) {
				s903_flag(c, EPI, (size_t)last);
				s903_flag(c, PA, (size_t)rows[j]);
			}
		}
	}
}

static bool ls_not_v3v4(const struct s903_table *t, int row)
{
	return !S903_IN(s903_s(t, S903_C_LS, (size_t)row), "V3", "V4");
}

/* DATE_PLACED_CEASED before the collection year or the first episode that
 * is not a short break. */
static void r118(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(e, k, S903_C_DECOM, true, ls_not_v3v4);
		if (first < 0)
			continue;
		raa_day decom = s903_d(e, S903_C_DECOM, (size_t)first);
		int n;
		const int *rows = s903_rows(p, k, &n);
		for (int j = 0; j < n; j++) {
			raa_day dc = s903_d(p, S903_C_DATE_PLACED_CEASED, (size_t)rows[j]);
			if (s903_lt(dc, decom) || s903_lt(dc, c->r->start)) {
				s903_flag(c, EPI, (size_t)first);
				s903_flag(c, PA, (size_t)rows[j]);
			}
		}
	}
}

/* DATE_PLACED_CEASED and REASON_PLACED_CEASED both given or both blank. */
static void r119(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA);
	for (size_t i = 0; i < p->n; i++)
		if (!s903_s(p, S903_C_DATE_PLACED_CEASED, i) !=
		    !s903_s(p, S903_C_REASON_PLACED_CEASED, i))
			s903_flag(c, PA, i);
}

static void r120(struct s903_ctx *c)
{
	s903_flag_not_in(c, PA, S903_C_REASON_PLACED_CEASED,
			 (const char *const[]){ "RD1", "RD2", "RD3", "RD4", NULL }, false);
}

/* DATE_PLACED before the child's birth (or no birth date to compare). */
static void r184(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *h = S903_T(c, S903_HEADER);
	for (size_t i = 0; i < p->n; i++) {
		raa_day dp = s903_d(p, S903_C_DATE_PLACED, i);
		if (dp == DAY_NONE)
			continue;
		int n;
		const int *rows = s903_rows(h, p->child[i], &n);
		if (n == 0)
			s903_flag(c, PA, i); /* pandas: DATE_PLACED >= NaT is false */
		for (int j = 0; j < n; j++)
			if (!s903_ge(dp, s903_d(h, S903_C_DOB, (size_t)rows[j])))
				s903_flag(c, PA, i);
	}
}

static bool rne_s(const struct s903_table *t, int row)
{
	return s903_eq(s903_s(t, S903_C_RNE, (size_t)row), "S");
}

/* DATE_PLACED before the child started to be looked after (first RNE S). */
static void r1003(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(e, k, S903_C_DECOM, true, rne_s);
		if (first < 0)
			continue;
		raa_day fd = s903_d(e, S903_C_DECOM, (size_t)first);
		int n;
		const int *rows = s903_rows(p, k, &n);
		for (int j = 0; j < n; j++)
			if (s903_lt(s903_d(p, S903_C_DATE_PLACED, (size_t)rows[j]), fd)) {
				s903_flag(c, EPI, (size_t)first);
				s903_flag(c, PA, (size_t)rows[j]);
			}
	}
}

static void r522(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA);
	for (size_t i = 0; i < p->n; i++)
		if (s903_lt(s903_d(p, S903_C_DATE_PLACED_CEASED, i), s903_d(p, S903_C_DATE_PLACED, i)))
			s903_flag(c, PA, i);
}

static bool placed_for_adoption(const struct s903_table *e, size_t i)
{
	return S903_IN(s903_s(e, S903_C_PLACE, i), "A3", "A4", "A5", "A6");
}

/* Placed for adoption (A3-A6) without a decision DATE_PLACED. */
static void r551(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (size_t i = 0; i < e->n; i++) {
		if (!placed_for_adoption(e, i))
			continue;
		int n;
		const int *rows = s903_rows(p, e->child[i], &n);
		bool bad = n == 0;
		for (int j = 0; j < n; j++)
			bad |= s903_s(p, S903_C_DATE_PLACED, (size_t)rows[j]) == NULL;
		if (bad)
			s903_flag(c, EPI, i);
	}
}

static bool a3_a6(const struct s903_table *t, int row)
{
	return placed_for_adoption(t, (size_t)row);
}

/* The latest decision is after the first adoptive placement began. */
static void r552(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(e, k, S903_C_DECOM, true, a3_a6);
		int last = s903_pick(p, k, S903_C_DATE_PLACED, false, NULL);
		if (first < 0 || last < 0)
			continue;
		if (s903_lt(s903_d(e, S903_C_DECOM, (size_t)first),
			    s903_d(p, S903_C_DATE_PLACED, (size_t)last))) {
			s903_flag(c, EPI, (size_t)first);
			s903_flag(c, PA, (size_t)last);
		}
	}
}

/* A placement order (LS E1) needs a PlacedAdoption row; while it is open
 * that row must not say the decision ceased. */
static void r553(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (size_t i = 0; i < e->n; i++) {
		if (!s903_eq(s903_s(e, S903_C_LS, i), "E1"))
			continue;
		int n;
		const int *rows = s903_rows(p, e->child[i], &n);
		if (n == 0)
			s903_flag(c, EPI, i);
		if (s903_s(e, S903_C_DEC, i))
			continue;
		for (int j = 0; j < n; j++)
			if (s903_s(p, S903_C_DATE_PLACED_CEASED, (size_t)rows[j]) ||
			    s903_s(p, S903_C_REASON_PLACED_CEASED, (size_t)rows[j]))
				s903_flag(c, PA, (size_t)rows[j]);
	}
}

static bool ls_e1(const struct s903_table *t, int row)
{
	return s903_eq(s903_s(t, S903_C_LS, (size_t)row), "E1");
}

/* The decision to place is after the first placement order episode. */
static void r554(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(e, k, S903_C_DECOM, true, ls_e1);
		if (first < 0)
			continue;
		int n;
		const int *rows = s903_rows(p, k, &n);
		for (int j = 0; j < n; j++)
			if (s903_gt(s903_d(p, S903_C_DATE_PLACED, (size_t)rows[j]),
				    s903_d(e, S903_C_DECOM, (size_t)first))) {
				s903_flag(c, EPI, (size_t)first);
				s903_flag(c, PA, (size_t)rows[j]);
			}
	}
}

/* Placed (A3-A6) or under an order (E1; D1 too before 2024/25) and left
 * care other than by adoption: the decision must have ceased, with reason. */
static void r557_ls(struct s903_ctx *c, bool d1)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (size_t i = 0; i < e->n; i++) {
		const char *ls = s903_s(e, S903_C_LS, i), *rec = s903_s(e, S903_C_REC, i);
		bool order = s903_eq(ls, "E1") || (d1 && s903_eq(ls, "D1"));
		if (!(placed_for_adoption(e, i) || order) || !rec ||
		    S903_IN(rec, "E11", "E12", "X1"))
			continue;
		int n;
		const int *rows = s903_rows(p, e->child[i], &n);
		if (n == 0)
			s903_flag(c, EPI, i);
		for (int j = 0; j < n; j++)
			if (!s903_s(p, S903_C_DATE_PLACED_CEASED, (size_t)rows[j]) ||
			    !s903_s(p, S903_C_REASON_PLACED_CEASED, (size_t)rows[j])) {
				s903_flag(c, EPI, i);
				s903_flag(c, PA, (size_t)rows[j]);
			}
	}
}

static void r557(struct s903_ctx *c)
{
	r557_ls(c, true);
}

static void r557_2024(struct s903_ctx *c)
{
	r557_ls(c, false);
}

/* Adopted (E11/E12) episodes of a child whose decisions all ceased, more
 * than one of them. */
static void r558(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *e = S903_T(c, EPI);
	for (size_t i = 0; i < e->n; i++) {
		if (!S903_IN(s903_s(e, S903_C_REC, i), "E11", "E12"))
			continue;
		int n;
		const int *rows = s903_rows(p, e->child[i], &n);
		bool any_open = n == 0;
		for (int j = 0; j < n; j++)
			any_open |= !s903_s(p, S903_C_DATE_PLACED_CEASED, (size_t)rows[j]);
		if (any_open)
			continue;
		/* pandas counts the merged rows of the child: episodes x decisions */
		int ne, adopted = 0;
		const int *erows = s903_rows(e, e->child[i], &ne);
		for (int j = 0; j < ne; j++)
			adopted += S903_IN(s903_s(e, S903_C_REC, (size_t)erows[j]), "E11", "E12");
		if (adopted * n > 1)
			s903_flag(c, EPI, i);
	}
}

#define PAL S903_LAST(PA)

/* A decision before this year that last year's return did not have. */
static void r559(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *l = S903_T(c, PAL);
	for (size_t i = 0; i < p->n; i++) {
		if (!s903_lt(s903_d(p, S903_C_DATE_PLACED, i), c->r->start))
			continue;
		int n;
		const int *rows = s903_rows(l, p->child[i], &n);
		bool none = n == 0;
		for (int j = 0; j < n; j++)
			none |= s903_d(l, S903_C_DATE_PLACED, (size_t)rows[j]) == DAY_NONE;
		if (none)
			s903_flag(c, PA, i);
	}
}

/* Last year's open decision must carry over with the same date (compared
 * as written, like the reference). */
static bool p560(const struct s903_ctx *c, const struct s903_table *p, size_t i,
		 const struct s903_table *l, size_t j)
{
	(void)c;
	return s903_s(l, S903_C_DATE_PLACED, j) && !s903_s(l, S903_C_DATE_PLACED_CEASED, j) &&
	       s903_ne(s903_s(p, S903_C_DATE_PLACED, i), s903_s(l, S903_C_DATE_PLACED, j));
}

static void r560(struct s903_ctx *c)
{
	s903_join(c, PA, NULL, PAL, p560, S903_FLAG_A);
}

/* A decision that ceased last year reported again this year. */
static bool p561(const struct s903_ctx *c, const struct s903_table *p, size_t i,
		 const struct s903_table *l, size_t j)
{
	(void)c;
	return s903_eq(s903_s(p, S903_C_DATE_PLACED, i), s903_s(l, S903_C_DATE_PLACED, j)) &&
	       (s903_s(l, S903_C_REASON_PLACED_CEASED, j) || s903_s(l, S903_C_DATE_PLACED_CEASED, j));
}

static void r561(struct s903_ctx *c)
{
	s903_join(c, PA, NULL, PAL, p561, S903_FLAG_A);
}

static void r563(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA);
	for (size_t i = 0; i < p->n; i++)
		if (s903_s(p, S903_C_REASON_PLACED_CEASED, i) &&
		    s903_s(p, S903_C_DATE_PLACED_CEASED, i) && !s903_s(p, S903_C_DATE_PLACED, i))
			s903_flag(c, PA, i);
}

/* Sort key of pandas sort_values on a date: missing dates last. */
static int64_t date_key(raa_day d)
{
	return d == DAY_NONE ? INT64_MAX : d;
}

/* A child's rows ordered by DATE_PLACED (stable). */
static int sorted_rows(const struct s903_table *p, int k, int *out)
{
	int n;
	const int *rows = s903_rows(p, k, &n);
	for (int j = 0; j < n; j++) {
		int x = rows[j], m = j;
		int64_t kx = date_key(s903_d(p, S903_C_DATE_PLACED, (size_t)x));
		while (m > 0 && date_key(s903_d(p, S903_C_DATE_PLACED, (size_t)out[m - 1])) > kx) {
			out[m] = out[m - 1];
			m--;
		}
		out[m] = x;
	}
	return n;
}

/* A new decision while the previous one had not ceased (or before it did). */
static void r579(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA);
	int *buf = xmalloc((p->n + 1) * sizeof(int));
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = sorted_rows(p, k, buf);
		for (int j = 1; j < n; j++) {
			raa_day prev = s903_d(p, S903_C_DATE_PLACED_CEASED, (size_t)buf[j - 1]);
			if (prev == DAY_NONE || s903_lt(s903_d(p, S903_C_DATE_PLACED, (size_t)buf[j]), prev))
				s903_flag(c, PA, (size_t)buf[j]);
		}
	}
	free(buf);
}

/* Only the latest decision may be open. */
static void r583(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA);
	int *buf = xmalloc((p->n + 1) * sizeof(int));
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = sorted_rows(p, k, buf);
		/* the latest dated row is kept; without dates the first row */
		int latest = n ? buf[n - 1] : -1;
		for (int j = n - 1; j >= 0; j--)
			if (s903_d(p, S903_C_DATE_PLACED, (size_t)buf[j]) != DAY_NONE) {
				latest = buf[j];
				break;
			}
		for (int j = 0; j < n; j++)
			if (buf[j] != latest && !s903_s(p, S903_C_DATE_PLACED_CEASED, (size_t)buf[j]))
				s903_flag(c, PA, (size_t)buf[j]);
	}
	free(buf);
}

/* A decision that ceased last year: this year's must be a later one. The
 * reference flags rows by their position in its merged frame; kept. */
static void r584(struct s903_ctx *c)
{
	const struct s903_table *p = S903_T(c, PA), *l = S903_T(c, PAL);
	size_t pos = 0;
	for (size_t i = 0; i < p->n; i++) {
		int n;
		const int *rows = s903_rows(l, p->child[i], &n);
		for (int j = 0; j < n; j++) {
			size_t lj = (size_t)rows[j];
			if (!s903_s(l, S903_C_DATE_PLACED_CEASED, lj) &&
			    !s903_s(l, S903_C_REASON_PLACED_CEASED, lj))
				continue;
			if (s903_le(s903_d(p, S903_C_DATE_PLACED, i), s903_d(l, S903_C_DATE_PLACED, lj)) &&
			    pos < p->n)
				s903_flag(c, PA, pos);
			if (!s903_s(p, S903_C_DATE_PLACED, i))
				s903_flag(c, PA, i);
			pos++;
		}
	}
}

#define P1 S903_TB(PA)
#define PE (S903_TB(PA) | S903_TB(EPI))
static const struct s903_rule_impl IMPL[] = {
	{ "115", 2022, P1, 0, r115 },
	{ "116", 2022, P1, 0, r116 },
	{ "117", 2022, PE, 0, r117 },
	{ "118", 2022, PE, 0, r118 },
	{ "119", 2022, P1, 0, r119 },
	{ "120", 2022, P1, 0, r120 },
	{ "184", 2022, P1 | S903_TB(S903_HEADER), 0, r184 },
	{ "1003", 2022, PE, 0, r1003 },
	{ "522", 2022, P1, 0, r522 },
	{ "551", 2022, PE, 0, r551 },
	{ "552", 2022, PE, 0, r552 },
	{ "553", 2022, PE, 0, r553 },
	{ "554", 2022, PE, 0, r554 },
	{ "557", 2022, PE, 0, r557 },
	{ "557", 2024, PE, 0, r557_2024 },
	{ "558", 2022, PE, 0, r558 },
	{ "559", 2022, P1 | S903_TB(PAL), 0, r559 },
	{ "560", 2022, P1 | S903_TB(PAL), 0, r560 },
	{ "561", 2022, P1 | S903_TB(PAL), 0, r561 },
	{ "563", 2022, P1, 0, r563 },
	{ "579", 2022, P1, 0, r579 },
	{ "583", 2022, P1, 0, r583 },
	{ "584", 2022, P1 | S903_TB(PAL), 0, r584 },
};

const struct s903_impl_list s903_impl_placed = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
