/* Rules on SWEpisodes (social-worker episodes, from 2023/24). */
#include <stdlib.h>
#include <string.h>

#include "ssda903/s903_rules.h"

#define SW S903_SWEPISODES
#define SW_LAST S903_LAST(S903_SWEPISODES)
#define EPI S903_EPISODES

static const char *v(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_s(t, c, i);
}

static raa_day d(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_d(t, c, i);
}

#define SW_ALL S903_COLS(S903_C_SW_ID, S903_C_SW_DECOM, S903_C_SW_REASON)

static bool sw_reason_valid(const char *s)
{
	return S903_IN(s, "MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN",
		       "PCCHAN", "SWDIED", "OTHERS");
}

/* The day the reference reaches by taking numpy's year (365.2425 days) off
 * a date: d - 366 days + 18:10:48, so "on or after" it means from d - 365
 * and "before" it means up to d - 366. */
static raa_day year_before(raa_day x)
{
	return x == DAY_NONE ? DAY_NONE : x - 365;
}

#define RULE(name, expr) S903_ROW_RULE(name, SW, expr)

#define DECOM(t, i) d((t), S903_C_SW_DECOM, (i))
#define DEC(t, i) d((t), S903_C_SW_DEC, (i))

static bool id_prefix_ok(const char *s)
{
	return s && (strncmp(s, "SW", 2) == 0 || strncmp(s, "XX", 2) == 0);
}

static raa_day apr2023(void)
{
	return date_from_ymd(2023, 4, 1);
}

RULE(sw01a, (s903_lt(DECOM(t, i), apr2023()) && !v(t, S903_C_SW_ID, i)) || DECOM(t, i) == DAY_NONE)
RULE(sw01b, (s903_ge(DECOM(t, i), apr2023()) &&
	     !s903_all(t, i, S903_COLS(S903_C_SW_ID, S903_C_SW_REASON))) ||
		    DECOM(t, i) == DAY_NONE)
RULE(sw02, !id_prefix_ok(v(t, S903_C_SW_ID, i)))
RULE(sw03, !s903_all(t, i, SW_ALL))
RULE(sw04, v(t, S903_C_SW_DECOM, i) && s903_zz_date(v(t, S903_C_SW_DECOM, i)) == DAY_NONE)
RULE(sw05, v(t, S903_C_SW_DEC, i) && s903_zz_date(v(t, S903_C_SW_DEC, i)) == DAY_NONE)
RULE(sw06, DECOM(t, i) != DAY_NONE && !s903_le(DECOM(t, i), c->r->end))
RULE(sw07, v(t, S903_C_SW_DEC, i) &&
		   !(s903_ge(DEC(t, i), c->r->start) && s903_le(DEC(t, i), c->r->end)))
RULE(sw07_2024, v(t, S903_C_SW_DEC, i) && !(s903_ge(DEC(t, i), year_before(c->r->start)) &&
					    s903_le(DEC(t, i), c->r->end)))
RULE(sw09, DEC(t, i) != DAY_NONE && DEC(t, i) == DECOM(t, i))
RULE(sw13, !sw_reason_valid(v(t, S903_C_SW_REASON, i)))
RULE(sw13_2024, v(t, S903_C_SW_REASON, i) ? !sw_reason_valid(v(t, S903_C_SW_REASON, i))
					  : s903_ge(DECOM(t, i), apr2023()))
RULE(sw15, !v(t, S903_C_SW_REASON, i) &&
		   !s903_le(DECOM(t, i), year_before(c->r->start) == DAY_NONE
						 ? DAY_NONE
						 : year_before(c->r->start) - 1))

/* Every episode but the child's latest (by SW_DECOM) has ended. */
static void flag_open_not_last(struct s903_ctx *c, bool need_decom)
{
	const struct s903_table *t = S903_T(c, SW);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_SW_DECOM, S903_NCOL, &buf, &cap);
		for (int j = 0; j + 1 < n; j++)
			if (!v(t, S903_C_SW_DEC, (size_t)buf[j]) &&
			    (!need_decom || DECOM(t, (size_t)buf[j]) != DAY_NONE))
				s903_flag(c, SW, (size_t)buf[j]);
	}
	free(buf);
}

static void sw08(struct s903_ctx *c)
{
	flag_open_not_last(c, true);
}

static void sw14(struct s903_ctx *c)
{
	flag_open_not_last(c, false);
}

/* A social worker starts within a week of the previous one ending (except
 * FCONTA, first contact, from 2024/25). */
static void gap_week(struct s903_ctx *c, bool fconta)
{
	const struct s903_table *t = S903_T(c, SW);
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n = s903_sorted(t, k, S903_C_SW_DECOM, S903_C_SW_DEC, &buf, &cap);
		for (int j = 1; j < n; j++) {
			size_t i = (size_t)buf[j];
			raa_day prev = DEC(t, (size_t)buf[j - 1]);
			bool near = prev != DAY_NONE && s903_ge(DECOM(t, i), prev - 7) &&
				    s903_le(DECOM(t, i), prev + 7);
			if (!near && !(fconta && s903_eq(v(t, S903_C_SW_REASON, i), "FCONTA")))
				s903_flag(c, SW, i);
		}
	}
	free(buf);
}

static void sw10(struct s903_ctx *c)
{
	gap_week(c, false);
}

static void sw10_2024(struct s903_ctx *c)
{
	gap_week(c, true);
}

/* A child looked after at the end of the year (open episode, not a short
 * break) has a complete social-worker episode. The reference reports these
 * Episodes rows under SWEpisodes; raa names the Episodes row. */
static void sw01(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *t = S903_T(c, SW);
	for (size_t i = 0; i < e->n; i++) {
		if (s903_s(e, S903_C_DEC, i) || S903_IN(s903_s(e, S903_C_LS, i), "V3", "V4"))
			continue;
		int n;
		const int *rows = s903_rows(t, e->child[i], &n);
		bool bad = n == 0;
		for (int j = 0; j < n; j++)
			bad |= !s903_all(t, (size_t)rows[j], SW_ALL);
		if (bad)
			s903_flag(c, EPI, i);
	}
}

/* Starting or leaving care, a child has a social worker from its start
 * (RNE S) or until its end (REC other than X1). */
static void sw12_years(struct s903_ctx *c, bool recent)
{
	const struct s903_table *e = S903_T(c, EPI), *t = S903_T(c, SW);
	for (size_t i = 0; i < e->n; i++) {
		raa_day dec = s903_d(e, S903_C_DEC, i), decom = s903_d(e, S903_C_DECOM, i);
		const char *rne = s903_s(e, S903_C_RNE, i), *rec = s903_s(e, S903_C_REC, i);
		if (recent && !(s903_s(e, S903_C_DEC, i) == NULL ||
				(s903_ge(dec, year_before(c->r->start)) && s903_le(dec, c->r->end))))
			continue;
		if (S903_IN(s903_s(e, S903_C_LS, i), "V3", "V4") ||
		    !(s903_eq(rne, "S") || s903_ne(rec, "X1")))
			continue;
		int n;
		const int *rows = s903_rows(t, e->child[i], &n);
		bool bad = n == 0;
		for (int j = 0; j < n; j++) {
			raa_day sd = DECOM(t, (size_t)rows[j]);
			bool before_end = s903_le(sd, dec) && s903_ne(rec, "X1");
			bool after_start = s903_ge(sd, decom) && s903_eq(rne, "S");
			bad |= !before_end && !after_start;
		}
		if (bad)
			s903_flag(c, EPI, i);
	}
}

static void sw12(struct s903_ctx *c)
{
	sw12_years(c, false);
}

static void sw12_2024(struct s903_ctx *c)
{
	sw12_years(c, true);
}

/* The first social-worker episode this year continues last year's open
 * one: same worker (a), start (b), reason (c). The latest of last year is
 * by SW_DECOM, the first of this year too (missing dates last). */
static int sw_first(const struct s903_table *t, int k, bool latest)
{
	int n, best = -1;
	const int *rows = s903_rows(t, k, &n);
	for (int j = 0; j < n; j++) {
		raa_day x = DECOM(t, (size_t)rows[j]);
		if (best < 0 || (x != DAY_NONE && (DECOM(t, (size_t)best) == DAY_NONE ||
						   (latest ? x > DECOM(t, (size_t)best)
							   : x < DECOM(t, (size_t)best)))))
			best = rows[j];
	}
	return best;
}

typedef bool (*cont_pred)(const struct s903_table *t, size_t i, const struct s903_table *l,
			  size_t j);

static void continues(struct s903_ctx *c, cont_pred differs)
{
	const struct s903_table *t = S903_T(c, SW), *l = S903_T(c, SW_LAST);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int last = sw_first(l, k, true), first = sw_first(t, k, false);
		if (last < 0 || first < 0 || v(l, S903_C_SW_DEC, (size_t)last))
			continue;
		if (differs(t, (size_t)first, l, (size_t)last))
			s903_flag(c, SW, (size_t)first);
	}
}

/* pandas !=: a blank differs from everything, itself too */
static bool ne_col(const struct s903_table *t, size_t i, const struct s903_table *l, size_t j,
		   enum s903_colid col)
{
	const char *a = v(t, col, i), *b = v(l, col, j);
	return !a || a != b;
}

static bool p16a(const struct s903_table *t, size_t i, const struct s903_table *l, size_t j)
{
	return ne_col(t, i, l, j, S903_C_SW_ID);
}

static bool p16b(const struct s903_table *t, size_t i, const struct s903_table *l, size_t j)
{
	return DECOM(t, i) == DAY_NONE || DECOM(t, i) != DECOM(l, j);
}

static bool p16c(const struct s903_table *t, size_t i, const struct s903_table *l, size_t j)
{
	return ne_col(t, i, l, j, S903_C_SW_REASON);
}

static void sw16a(struct s903_ctx *c)
{
	continues(c, p16a);
}

static void sw16b(struct s903_ctx *c)
{
	continues(c, p16b);
}

static void sw16c(struct s903_ctx *c)
{
	continues(c, p16c);
}

/* The latest social-worker episode is still open. */
static void sw17(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, SW);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int last = sw_first(t, k, true);
		if (last >= 0 && v(t, S903_C_SW_DEC, (size_t)last))
			s903_flag(c, SW, (size_t)last);
	}
}

#define S1 S903_TB(SW)
#define SE (S903_TB(SW) | S903_TB(EPI))
#define SL (S903_TB(SW) | S903_TB(SW_LAST))
/* SW11a: a social-worker episode that ended more than 5 days before the
 * year's end is followed (next in SW_DECOM order, blank starts last) by one
 * starting within 5 days of that end: the next one is flagged when its
 * start is blank or further off. */
static void sw11a(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, SW);
	raa_day end = c->r->end;
	int *buf = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild && end != DAY_NONE; k++) {
		int n = s903_sorted(t, k, S903_C_SW_DECOM, S903_NCOL, &buf, &cap);
		for (int j = 1; j < n; j++) {
			raa_day prev_end = DEC(t, buf[j - 1]), start = DECOM(t, buf[j]);
			if (prev_end == DAY_NONE || prev_end > end - 5)
				continue;
			if (start == DAY_NONE || start < prev_end - 5 || start > prev_end + 5)
				s903_flag(c, SW, (size_t)buf[j]);
		}
	}
	free(buf);
}

/* SW11b: an episode ending in the year's last 5 days needs a subsequent
 * one: another episode of the child starting on or after that end (or
 * with its start blank, which is flagged itself). Flags the ended
 * episode without a successor, and a blank-start episode of a child with
 * such an ending. */
static bool sw_in_last_days(raa_day x, raa_day end)
{
	return x != DAY_NONE && end != DAY_NONE && x >= end - 5 && x <= end;
}

static void sw11b_child(struct s903_ctx *c, const struct s903_table *t, const int *rows, int n)
{
	raa_day end = c->r->end;
	bool ends_late = false;
	for (int j = 0; j < n; j++) {
		raa_day e = DEC(t, rows[j]);
		if (!sw_in_last_days(e, end))
			continue;
		ends_late = true;
		bool next = false;
		for (int m = 0; m < n && !next; m++)
			next = m != j && (DECOM(t, rows[m]) == DAY_NONE || DECOM(t, rows[m]) >= e);
		if (!next)
			s903_flag(c, SW, (size_t)rows[j]);
	}
	for (int j = 0; j < n && ends_late; j++)
		if (DECOM(t, rows[j]) == DAY_NONE)
			s903_flag(c, SW, (size_t)rows[j]);
}

static void sw11b(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, SW);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n;
		const int *rows = s903_rows(t, k, &n);
		sw11b_child(c, t, rows, n);
	}
}

static const struct s903_rule_impl IMPL[] = {
	{ "SW11aSTG2", 2023, S1, 0, sw11a },
	{ "SW11bSTG2", 2023, S1, 0, sw11b },
	{ "SW01STG1", 2023, SE, 0, sw01 },
	{ "SW01aSTG1", 2024, S1, 0, sw01a },
	{ "SW01bSTG1", 2024, S1, 0, sw01b },
	{ "SW02STG1", 2023, S1, 0, sw02 },
	{ "SW03STG1", 2023, S1, 0, sw03 },
	{ "SW04STG1", 2023, S1, 0, sw04 },
	{ "SW05STG1", 2023, S1, 0, sw05 },
	{ "SW06STG2", 2023, S1, 0, sw06 },
	{ "SW07STG2", 2023, S1, 0, sw07 },
	{ "SW07STG2", 2024, S1, 0, sw07_2024 },
	{ "SW08STG2", 2023, S1, 0, sw08 },
	{ "SW09STG2", 2023, S1, 0, sw09 },
	{ "SW10STG2", 2023, S1, 0, sw10 },
	{ "SW10STG2", 2024, S1, 0, sw10_2024 },
	{ "SW12STG2", 2023, SE, 0, sw12 },
	{ "SW12STG2", 2024, SE, 0, sw12_2024 },
	{ "SW13STG1", 2023, S1, 0, sw13 },
	{ "SW13STG1", 2024, S1, 0, sw13_2024 },
	{ "SW14STG2", 2023, S1, 0, sw14 },
	{ "SW15STG2", 2024, S1, 0, sw15 },
	{ "SW16aSTG2", 2024, SL, 0, sw16a },
	{ "SW16bSTG2", 2024, SL, 0, sw16b },
	{ "SW16cSTG2", 2024, SL, 0, sw16c },
	{ "SW17STG2", 2025, S1, 0, sw17 },
};

const struct s903_impl_list s903_impl_sw = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
