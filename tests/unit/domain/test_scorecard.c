#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "domain/scorecard.h"

/* A small world of hand-made journeys. */
#define W_REC 16
#define W_EV 16

struct rec {
	struct event_rec ev[W_EV];
	const struct event_rec *p[W_EV];
	size_t n;
	struct journey j;
	char id[8];
};

struct world {
	struct rec r[W_REC];
	size_t n;
	int64_t next_id;
	struct sc_record ch[W_REC], hh[W_REC];
	size_t nch, nhh;
	struct sc_index *ix;
};

static raa_day D(const char *iso)
{
	raa_day d = DAY_NONE;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

static struct world *world(void)
{
	static struct world w;
	scorecard_index_free(w.ix);
	memset(&w, 0, sizeof w);
	w.next_id = 1;
	return &w;
}

/* A new record of the partner; events are added with ev(). */
static struct rec *rec(struct world *w, enum record_type type, const char *partner)
{
	assert_true(w->n < W_REC);
	struct rec *r = &w->r[w->n++];
	snprintf(r->id, sizeof r->id, "%c%zu", type == REC_CHILD ? 'C' : 'A', w->n);
	r->j = (struct journey){ .type = type, .id = r->id, .dob = DAY_NONE, .base_status = -1 };
	struct sc_record sr = { .j = &r->j, .partner = partner };
	if (type == REC_CHILD)
		w->ch[w->nch++] = sr;
	else
		w->hh[w->nhh++] = sr;
	return r;
}

static struct rec *child(struct world *w)
{
	return rec(w, REC_CHILD, "886");
}

static struct rec *house(struct world *w)
{
	return rec(w, REC_ADOPTER, "886");
}

static struct event_rec *ev(struct world *w, struct rec *r, int kind, const char *date)
{
	assert_true(r->n < W_EV);
	struct event_rec *e = &r->ev[r->n++];
	memset(e, 0, sizeof *e);
	e->id = w->next_id++;
	e->record = r->id;
	e->type = r->j.type;
	e->kind = kind;
	e->date = D(date);
	return e;
}

/* Indexes the world and evaluates [from, to] for the partner. */
static struct scorecard eval(struct world *w, const char *partner, const char *from,
			     const char *to)
{
	for (size_t i = 0; i < w->n; i++) {
		struct rec *r = &w->r[i];
		for (size_t k = 0; k < r->n; k++)
			r->p[k] = &r->ev[k];
		journey_sort(r->p, r->n);
		r->j.ev = r->p;
		r->j.n = r->n;
	}
	scorecard_index_free(w->ix);
	w->ix = scorecard_index(w->ch, w->nch, w->hh, w->nhh);
	struct scorecard sc;
	scorecard_eval(w->ix, partner, D(from), D(to), &sc);
	return sc;
}

/* The default period of scorecard.md's example. */
static struct scorecard eval3(struct world *w)
{
	return eval(w, NULL, "2021-04-01", "2024-03-31");
}

/* A child adopted in the period with every key date. */
static struct rec *adopted(struct world *w, const char *ec, const char *po, const char *md,
			   const char *placed, const char *ao)
{
	struct rec *c = child(w);
	ev(w, c, EV_ENTERED_CARE, ec);
	ev(w, c, EV_SHOULD_BE_PLACED, ec);
	if (po)
		ev(w, c, EV_PLACEMENT_ORDER, po);
	if (md)
		ev(w, c, EV_MATCH_DECISION, md);
	if (placed)
		ev(w, c, EV_PLACED, placed);
	ev(w, c, EV_ADOPTION_ORDER, ao);
	return c;
}

static long days(const char *a, const char *b)
{
	return D(b) - D(a);
}

/* ---- periods and rounding ---- */

static void test_period(void **state)
{
	(void)state;
	assert_int_equal(scorecard_period_from(D("2024-03-31"), 3), D("2021-04-01"));
	assert_int_equal(scorecard_period_from(D("2024-02-29"), 1), D("2023-03-01"));
	assert_int_equal(scorecard_period_from(D("2024-06-30"), 3), D("2021-07-01"));
	assert_int_equal(scorecard_period_from(D("2023-02-28"), 1), D("2022-03-01"));
	assert_int_equal(scorecard_quarter_end(D("2024-03-31")), D("2024-03-31"));
	assert_int_equal(scorecard_quarter_end(D("2024-03-30")), D("2023-12-31"));
	assert_int_equal(scorecard_quarter_end(D("2024-05-15")), D("2024-03-31"));
	assert_int_equal(scorecard_quarter_end(D("2024-01-01")), D("2023-12-31"));
	assert_int_equal(scorecard_quarter_end(D("2024-09-30")), D("2024-09-30"));
}

static void test_rounding(void **state)
{
	(void)state;
	assert_int_equal(scorecard_round_div(7, 2), 4);  /* 3.5 -> 4 */
	assert_int_equal(scorecard_round_div(5, 2), 3);  /* 2.5 -> 3, not banker's 2 */
	assert_int_equal(scorecard_round_div(-5, 2), -3);
	assert_int_equal(scorecard_round_div(1, 3), 0);
	assert_int_equal(scorecard_round_div(2, 3), 1);
	assert_int_equal(scorecard_pct_tenths(61, 80), 763); /* 76.25 -> 76.3 */
	assert_int_equal(scorecard_pct_tenths(1, 16), 63);   /* 6.25 -> 6.3 */
	assert_int_equal(scorecard_pct_tenths(1, 3), 333);
	assert_int_equal(scorecard_pct_tenths(2, 3), 667);
	assert_int_equal(scorecard_pct_tenths(20, 100), 200);
	assert_int_equal(scorecard_pct_tenths(0, 0), 0);
}

/* Two children whose A1 days average x.5: rounded away from zero. */
static void test_mean_half_rounds_up(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", NULL, NULL, "2020-01-11", "2021-06-01"); /* 10 days */
	adopted(w, "2020-01-01", NULL, NULL, "2020-01-12", "2021-06-01"); /* 11 days */
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a1.n, 2);
	assert_int_equal(sc.a1.days, 11);
	assert_int_equal(sc.a4, 2);
}

/* ---- children ---- */

static void test_straight_journey(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", "2020-06-01", "2020-09-01", "2020-10-01", "2021-06-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a4, 1);
	assert_int_equal(sc.a1.n, 1);
	assert_int_equal(sc.a1.days, days("2020-01-01", "2020-10-01"));
	assert_int_equal(sc.a10.days, sc.a1.days);
	assert_int_equal(sc.a2.n, 1);
	assert_int_equal(sc.a2.days, days("2020-06-01", "2020-09-01"));
	assert_int_equal(sc.a3.count, 1);
	assert_int_equal(sc.a3.n, 1);
	assert_int_equal(sc.a3.tenths, 1000);
	assert_int_equal(sc.from, D("2021-04-01"));
}

static void test_matched_before_placement_order_counts_zero(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", "2020-09-15", "2020-09-01", "2020-10-01", "2021-06-01");
	adopted(w, "2020-01-01", "2020-06-01", "2020-06-21", "2020-10-01", "2021-06-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a2.n, 2);
	assert_int_equal(sc.a2.days, 10); /* (0 + 20) / 2: not (-14 + 20) / 2 */
}

static void test_a2_needs_order_match_and_placement(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", NULL, "2020-09-01", "2020-10-01", "2021-06-01");
	adopted(w, "2020-01-01", "2020-06-01", NULL, "2020-10-01", "2021-06-01");
	adopted(w, "2020-01-01", "2020-06-01", "2020-09-01", NULL, "2021-06-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a4, 3);
	assert_int_equal(sc.a2.n, 0);
	assert_int_equal(sc.a1.n, 2); /* the unplaced child counts only in A4 */
	assert_int_equal(sc.a3.n, 2);
}

static void test_fostered_by_adopters(void **state)
{
	(void)state;
	struct world *w = world();
	/* Early permanence: living with the adopters long before placement. */
	struct rec *c = adopted(w, "2020-01-31", "2020-06-01", "2021-03-01", "2021-04-15",
				"2021-12-01");
	ev(w, c, EV_FOSTERED_BY_ADOPTERS, "2020-03-01");
	/* fostered_by_adopters after placed is outside [E, placed]: ignored. */
	struct rec *d = adopted(w, "2020-01-31", NULL, NULL, "2020-05-01", "2021-12-01");
	ev(w, d, EV_FOSTERED_BY_ADOPTERS, "2020-06-01");
	struct scorecard sc = eval3(w);
	long a1 = days("2020-01-31", "2021-04-15") + days("2020-01-31", "2020-05-01");
	long a10 = days("2020-01-31", "2020-03-01") + days("2020-01-31", "2020-05-01");
	assert_int_equal(sc.a1.days, scorecard_round_div(a1, 2));
	assert_int_equal(sc.a10.days, scorecard_round_div(a10, 2));
	/* A3 reads the A10 end: both moved in within 14 months that way,
	 * though the first was placed 14.5 months after entering care. */
	assert_int_equal(sc.a3.count, 2);
}

static void test_foster_carer_adoption_same_day_as_placed(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *c = adopted(w, "2020-01-01", NULL, NULL, "2020-05-01", "2021-12-01");
	ev(w, c, EV_FOSTERED_BY_ADOPTERS, "2020-05-01"); /* not earlier: placed stands */
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a10.days, days("2020-01-01", "2020-05-01"));
}

static void test_reentry_to_care(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *c = child(w);
	ev(w, c, EV_ENTERED_CARE, "2015-01-01");
	ev(w, c, EV_PLACEMENT_ORDER, "2015-06-01"); /* first period of care */
	ev(w, c, EV_MATCH_DECISION, "2015-07-01");
	ev(w, c, EV_PLACED, "2015-08-01");
	ev(w, c, EV_DISRUPTION, "2016-01-01");
	ev(w, c, EV_LEFT_CARE, "2016-02-01");
	ev(w, c, EV_ENTERED_CARE, "2019-01-01");
	ev(w, c, EV_SHOULD_BE_PLACED, "2019-03-01");
	ev(w, c, EV_PLACEMENT_ORDER, "2019-05-01");
	ev(w, c, EV_MATCH_DECISION, "2019-08-01");
	ev(w, c, EV_PLACED, "2019-09-01");
	ev(w, c, EV_ADOPTION_ORDER, "2021-05-01");
	ev(w, c, EV_ENTERED_CARE, "2022-01-01"); /* after the order: not E */
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a1.days, days("2019-01-01", "2019-09-01"));
	assert_int_equal(sc.a2.days, days("2019-05-01", "2019-08-01"));
}

static void test_disrupted_then_second_placement(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *c = child(w);
	ev(w, c, EV_ENTERED_CARE, "2019-01-01");
	ev(w, c, EV_SHOULD_BE_PLACED, "2019-02-01");
	ev(w, c, EV_PLACEMENT_ORDER, "2019-03-01");
	ev(w, c, EV_MATCH_DECISION, "2019-05-01");
	ev(w, c, EV_PLACED, "2019-06-01");
	ev(w, c, EV_DISRUPTION, "2019-10-01");
	ev(w, c, EV_PLACEMENT_ORDER, "2019-11-01"); /* not the first in [E, AO] */
	ev(w, c, EV_MATCH_DECISION, "2020-02-01");
	ev(w, c, EV_PLACED, "2020-03-01");
	ev(w, c, EV_ADOPTION_ORDER, "2021-05-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a1.days, days("2019-01-01", "2020-03-01"));
	assert_int_equal(sc.a2.days, days("2019-03-01", "2020-02-01"));
	assert_int_equal(sc.a3.count, 0); /* 14 months after 2019-01-01 is 2020-03-01 */
	assert_int_equal(sc.a3.n, 1);
}

static void test_period_boundaries(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2021-04-01"); /* first day */
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2024-03-31"); /* last day */
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2021-03-31"); /* day before */
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2024-04-01"); /* day after */
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a4, 2);
	assert_int_equal(sc.a1.n, 2);
}

static void test_month_end_clamping(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2023-03-01");
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2023-02-28");
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2024-02-29");
	eval(w, NULL, "2000-01-01", "2000-01-01"); /* builds the index */
	struct scorecard sc;
	raa_day to = D("2024-02-29");
	scorecard_eval(w->ix, NULL, scorecard_period_from(to, 1), to, &sc);
	assert_int_equal(sc.from, D("2023-03-01"));
	assert_int_equal(sc.a4, 2);
}

static void test_last_adoption_order_in_period(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *c = adopted(w, "2019-01-01", NULL, NULL, "2019-06-01", "2021-05-01");
	ev(w, c, EV_ADOPTION_ORDER, "2021-06-01"); /* a second order, same care */
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a4, 1); /* a child, not an order */
}

static void test_a3_fourteen_month_boundary(void **state)
{
	(void)state;
	struct world *w = world();
	/* 2020-01-31 + 14 months = 2021-03-31 (clamped from 31 Mar: no clamp). */
	adopted(w, "2020-01-31", NULL, NULL, "2021-03-30", "2021-06-01");
	adopted(w, "2020-01-31", NULL, NULL, "2021-03-31", "2021-06-01");
	/* 2019-12-31 + 14 months = 2021-02-28 (clamped). */
	adopted(w, "2019-12-31", NULL, NULL, "2021-02-27", "2021-06-01");
	adopted(w, "2019-12-31", NULL, NULL, "2021-02-28", "2021-06-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a3.n, 4);
	assert_int_equal(sc.a3.count, 2);
	assert_int_equal(sc.a3.tenths, 500);
}

static void test_a5_a15_a16_count_events(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *c = child(w);
	ev(w, c, EV_ENTERED_CARE, "2020-01-01");
	ev(w, c, EV_SHOULD_BE_PLACED, "2021-04-01");
	ev(w, c, EV_PLACEMENT_ORDER, "2021-05-01");
	ev(w, c, EV_PLAN_CHANGED, "2021-08-01");
	ev(w, c, EV_SHOULD_BE_PLACED, "2022-01-01"); /* a second decision counts again */
	ev(w, c, EV_PLAN_CHANGED, "2022-06-01");
	ev(w, c, EV_SHOULD_BE_PLACED, "2021-03-31"); /* before the period */
	ev(w, c, EV_PLAN_CHANGED, "2024-04-01");     /* after it */
	adopted(w, "2020-01-01", "2020-03-01", NULL, "2020-06-01", "2021-06-01");
	adopted(w, "2020-01-01", NULL, NULL, "2020-06-01", "2021-06-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a5.count, 2);
	assert_int_equal(sc.a5.n, 4);
	assert_int_equal(sc.a5.tenths, 500);
	assert_int_equal(sc.a15, 2 + 0); /* adopted() children decided in 2020 */
	assert_int_equal(sc.a16, 1);
}

static void test_a9_waiting(void **state)
{
	(void)state;
	struct world *w = world();
	/* D = 2024-03-30. Waiting, entered care exactly 18 months before D:
	 * not over (entered_care + 18 months < D is strict). */
	struct rec *a = child(w);
	ev(w, a, EV_ENTERED_CARE, "2022-09-30");
	ev(w, a, EV_SHOULD_BE_PLACED, "2023-01-10");
	/* Waiting, one day more: over 18 months. */
	struct rec *b = child(w);
	ev(w, b, EV_ENTERED_CARE, "2022-09-29");
	ev(w, b, EV_SHOULD_BE_PLACED, "2023-01-10");
	/* Placed and the placement disrupted: waits again. */
	struct rec *c = child(w);
	ev(w, c, EV_ENTERED_CARE, "2021-01-01");
	ev(w, c, EV_SHOULD_BE_PLACED, "2021-06-01");
	ev(w, c, EV_PLACED, "2022-06-01");
	ev(w, c, EV_DISRUPTION, "2023-06-01");
	/* Placed, disrupted, placed again: not waiting. */
	struct rec *d = child(w);
	ev(w, d, EV_SHOULD_BE_PLACED, "2021-06-01");
	ev(w, d, EV_PLACED, "2022-06-01");
	ev(w, d, EV_DISRUPTION, "2023-06-01");
	ev(w, d, EV_PLACED, "2023-09-01");
	/* Plan changed on the same day as the decision: not waiting. */
	struct rec *e = child(w);
	ev(w, e, EV_SHOULD_BE_PLACED, "2023-06-01");
	ev(w, e, EV_PLAN_CHANGED, "2023-06-01");
	/* Left care; and adopted after D (still waiting on D). */
	struct rec *f = child(w);
	ev(w, f, EV_SHOULD_BE_PLACED, "2023-06-01");
	ev(w, f, EV_LEFT_CARE, "2024-01-01");
	struct rec *g = child(w);
	ev(w, g, EV_SHOULD_BE_PLACED, "2023-06-01");
	ev(w, g, EV_ADOPTION_ORDER, "2024-04-01");
	/* Plan changed, then a new decision to place: waiting again. */
	struct rec *h = child(w);
	ev(w, h, EV_SHOULD_BE_PLACED, "2022-06-01");
	ev(w, h, EV_PLAN_CHANGED, "2022-09-01");
	ev(w, h, EV_SHOULD_BE_PLACED, "2023-09-01");
	/* Decision after D: not waiting on D. */
	struct rec *k = child(w);
	ev(w, k, EV_SHOULD_BE_PLACED, "2024-04-01");
	struct scorecard sc = eval(w, NULL, "2021-03-31", "2024-03-30");
	assert_int_equal(sc.a9, 5);                /* a, b, c, g, h */
	assert_int_equal(sc.a9_over_18_months, 2); /* b, c */
	/* The day before the disruptions: c and d placed, f and g not yet
	 * decided, h's plan changed. */
	sc = eval(w, NULL, "2020-06-01", "2023-05-31");
	assert_int_equal(sc.a9, 2); /* a, b */
	/* On the day of the disruptions c and d wait again. */
	sc = eval(w, NULL, "2020-06-01", "2023-06-01");
	assert_int_equal(sc.a9, 6); /* a, b, c, d, f, g */
}

/* A disruption dated the same day as the placement follows it. */
static void test_a9_same_day_disruption(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *c = child(w);
	ev(w, c, EV_SHOULD_BE_PLACED, "2023-01-01");
	ev(w, c, EV_PLACED, "2023-02-01");
	ev(w, c, EV_DISRUPTION, "2023-02-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a9, 1);
	assert_int_equal(sc.a9_over_18_months, 0); /* no entered_care: not known */
}

static void test_superseded_events_ignored(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *c = adopted(w, "2020-01-01", NULL, NULL, "2020-03-01", "2021-06-01");
	struct event_rec *wrong = &c->ev[2]; /* placed 2020-03-01 */
	assert_int_equal(wrong->kind, EV_PLACED);
	struct event_rec *fix = ev(w, c, EV_PLACED, "2020-04-01");
	fix->supersedes = wrong->id;
	/* An adoption order recorded in error and corrected out of the period. */
	struct rec *d = adopted(w, "2020-01-01", NULL, NULL, "2020-03-01", "2021-06-01");
	struct event_rec *ao = ev(w, d, EV_ADOPTION_ORDER, "2024-06-01");
	ao->supersedes = d->ev[3].id;
	assert_int_equal(d->ev[3].kind, EV_ADOPTION_ORDER);
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a4, 1);
	assert_int_equal(sc.a1.days, days("2020-01-01", "2020-04-01"));
}

/* ---- households ---- */

static void test_a11_adopters_waiting(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *a = house(w); /* waiting */
	ev(w, a, EV_APPROVED, "2023-01-01");
	struct rec *b = house(w); /* matched (a mirror of the child's decision) */
	ev(w, b, EV_APPROVED, "2023-01-01");
	ev(w, b, EV_MATCH_DECISION, "2023-06-01");
	struct rec *c = house(w); /* withdrawn the same day as approved */
	ev(w, c, EV_APPROVED, "2023-01-01");
	ev(w, c, EV_WITHDRAWN, "2023-01-01");
	struct rec *d = house(w); /* deregistered, then approved again */
	ev(w, d, EV_APPROVED, "2021-01-01");
	ev(w, d, EV_DEREGISTERED, "2022-01-01");
	ev(w, d, EV_APPROVED, "2023-01-01");
	struct rec *e = house(w); /* withdrawn after D */
	ev(w, e, EV_APPROVED, "2023-01-01");
	ev(w, e, EV_WITHDRAWN, "2024-04-01");
	struct rec *f = house(w); /* approved after D */
	ev(w, f, EV_APPROVED, "2024-04-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a11, 3); /* a, d, e */
}

static void test_a13_stage2(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *a = house(w);
	ev(w, a, EV_STAGE2_NOTICE, "2024-01-01");
	struct rec *b = house(w);
	ev(w, b, EV_STAGE2_NOTICE, "2023-01-01");
	ev(w, b, EV_APPROVED, "2023-06-01");
	struct rec *c = house(w);
	ev(w, c, EV_STAGE2_NOTICE, "2023-01-01");
	ev(w, c, EV_NOT_APPROVED, "2023-06-01");
	struct rec *d = house(w);
	ev(w, d, EV_STAGE2_NOTICE, "2023-01-01");
	ev(w, d, EV_WITHDRAWN, "2024-03-31"); /* on D */
	struct rec *e = house(w);
	ev(w, e, EV_STAGE2_NOTICE, "2023-01-01");
	ev(w, e, EV_DEREGISTERED, "2023-06-01"); /* not one of A13's ends */
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a13, 2); /* a, e */
}

static void test_a12_three_month_boundary(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *a = house(w); /* 2023-01-31 + 3 months = 2023-04-30: waited */
	ev(w, a, EV_APPROVED, "2023-01-31");
	ev(w, a, EV_MATCH_DECISION, "2023-04-30");
	struct rec *b = house(w); /* a day short */
	ev(w, b, EV_APPROVED, "2023-01-31");
	ev(w, b, EV_MATCH_DECISION, "2023-04-29");
	struct rec *c = house(w); /* first match before the period: not in n */
	ev(w, c, EV_APPROVED, "2020-01-01");
	ev(w, c, EV_MATCH_DECISION, "2021-03-31");
	ev(w, c, EV_MATCH_DECISION, "2022-06-01");
	struct rec *d = house(w); /* A = latest approval before the match */
	ev(w, d, EV_APPROVED, "2021-01-01");
	ev(w, d, EV_APPROVED, "2022-05-01");
	ev(w, d, EV_MATCH_DECISION, "2022-06-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.a12.n, 3);
	assert_int_equal(sc.a12.count, 1);
	assert_int_equal(sc.a12.tenths, 333);
}

static void test_t1(void **state)
{
	(void)state;
	struct world *w = world();
	struct rec *a = house(w); /* roi + 6 months exactly: within */
	ev(w, a, EV_ROI, "2022-08-31");
	ev(w, a, EV_STAGE2_NOTICE, "2022-11-01");
	ev(w, a, EV_APPROVED, "2023-02-28");
	struct rec *b = house(w); /* a day late */
	ev(w, b, EV_ROI, "2022-08-31");
	ev(w, b, EV_APPROVED, "2023-03-01");
	struct rec *c = house(w); /* fast track: no roi, left out */
	ev(w, c, EV_STAGE2_NOTICE, "2022-11-01");
	ev(w, c, EV_APPROVED, "2023-02-01");
	struct rec *d = house(w); /* first approval before the period */
	ev(w, d, EV_ROI, "2020-01-01");
	ev(w, d, EV_APPROVED, "2020-05-01");
	ev(w, d, EV_APPROVED, "2022-05-01");
	struct rec *e = house(w); /* R is the latest roi before approval */
	ev(w, e, EV_ROI, "2021-01-01");
	ev(w, e, EV_ROI, "2022-01-01");
	ev(w, e, EV_APPROVED, "2022-06-01");
	struct scorecard sc = eval3(w);
	assert_int_equal(sc.t1.n, 3);
	assert_int_equal(sc.t1.count, 2);
	assert_int_equal(sc.t1.tenths, 667);
}

/* ---- scope, nulls, series ---- */

static void test_partner_scope(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", NULL, NULL, "2020-02-01", "2021-06-01");
	struct rec *c = rec(w, REC_CHILD, "887");
	ev(w, c, EV_ENTERED_CARE, "2020-01-01");
	ev(w, c, EV_SHOULD_BE_PLACED, "2020-01-01");
	ev(w, c, EV_PLACED, "2020-01-11");
	ev(w, c, EV_ADOPTION_ORDER, "2021-06-01");
	struct rec *h = rec(w, REC_ADOPTER, "887");
	ev(w, h, EV_APPROVED, "2023-01-01");
	struct scorecard sc = eval(w, "887", "2021-04-01", "2024-03-31");
	assert_int_equal(sc.a4, 1);
	assert_int_equal(sc.a1.days, 10);
	assert_int_equal(sc.a11, 1);
	sc = eval(w, "886", "2021-04-01", "2024-03-31");
	assert_int_equal(sc.a4, 1);
	assert_int_equal(sc.a11, 0);
	sc = eval3(w);
	assert_int_equal(sc.a4, 2);
	assert_true(scorecard_has_partner(w->ix, "887"));
	assert_false(scorecard_has_partner(w->ix, "999"));
	sc = eval(w, "999", "2021-04-01", "2024-03-31");
	assert_int_equal(sc.a4, 0);
}

static void test_empty_gives_nulls(void **state)
{
	(void)state;
	struct world *w = world();
	struct scorecard sc = eval3(w);
	long v = -1;
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
		for (int f = 0; f < ind->nfields; f++) {
			bool has = scorecard_value(&sc, i, ind->fields[f], &v);
			bool null_expected = ind->fields[f] == SC_F_DAYS || ind->fields[f] == SC_F_PCT;
			assert_int_equal(has, !null_expected);
			if (has)
				assert_int_equal(v, 0);
		}
	}
	assert_string_equal(SCORECARD_INDICATORS[0].id, "A1");
	assert_string_equal(SCORECARD_INDICATORS[12].id, "T1");
	assert_string_equal(scorecard_field_name(SC_F_OVER18), "over_18_months");
}

static void test_values_follow_the_contract_order(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2020-01-01", "2020-03-01", "2020-04-01", "2020-05-01", "2021-06-01");
	struct scorecard sc = eval3(w);
	long v;
	assert_true(scorecard_value(&sc, 0, SC_F_DAYS, &v));
	assert_int_equal(v, days("2020-01-01", "2020-05-01"));
	assert_true(scorecard_value(&sc, 2, SC_F_DAYS, &v));
	assert_int_equal(v, 31);
	assert_true(scorecard_value(&sc, 3, SC_F_PCT, &v));
	assert_int_equal(v, 1000);
	assert_true(scorecard_value(&sc, 5, SC_F_PCT, &v)); /* 0 of (0 + 1) */
	assert_int_equal(v, 0);
}

static void test_series(void **state)
{
	(void)state;
	struct world *w = world();
	adopted(w, "2018-01-01", NULL, NULL, "2018-06-01", "2021-03-31");
	adopted(w, "2018-01-01", NULL, NULL, "2018-06-01", "2022-11-15");
	adopted(w, "2018-01-01", NULL, NULL, "2018-06-01", "2024-05-01");
	eval(w, NULL, "2000-01-01", "2000-01-01");
	struct scorecard s[12];
	scorecard_series(w->ix, NULL, D("2024-05-20"), 3, s, 12);
	assert_int_equal(s[11].to, D("2024-03-31"));
	assert_int_equal(s[11].from, D("2021-04-01"));
	assert_int_equal(s[10].to, D("2023-12-31"));
	assert_int_equal(s[9].to, D("2023-09-30"));
	assert_int_equal(s[8].to, D("2023-06-30"));
	assert_int_equal(s[0].to, D("2021-06-30"));
	assert_int_equal(s[0].from, D("2018-07-01"));
	assert_int_equal(s[0].a4, 1);  /* 2021-03-31 */
	assert_int_equal(s[11].a4, 1); /* 2022-11-15 only */
	assert_int_equal(s[6].to, D("2022-12-31"));
	assert_int_equal(s[6].a4, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_mean_half_rounds_up),
		cmocka_unit_test(test_straight_journey),
		cmocka_unit_test(test_matched_before_placement_order_counts_zero),
		cmocka_unit_test(test_a2_needs_order_match_and_placement),
		cmocka_unit_test(test_fostered_by_adopters),
		cmocka_unit_test(test_foster_carer_adoption_same_day_as_placed),
		cmocka_unit_test(test_reentry_to_care),
		cmocka_unit_test(test_disrupted_then_second_placement),
		cmocka_unit_test(test_period_boundaries),
		cmocka_unit_test(test_month_end_clamping),
		cmocka_unit_test(test_last_adoption_order_in_period),
		cmocka_unit_test(test_a3_fourteen_month_boundary),
		cmocka_unit_test(test_a5_a15_a16_count_events),
		cmocka_unit_test(test_a9_waiting),
		cmocka_unit_test(test_a9_same_day_disruption),
		cmocka_unit_test(test_superseded_events_ignored),
		cmocka_unit_test(test_a11_adopters_waiting),
		cmocka_unit_test(test_a13_stage2),
		cmocka_unit_test(test_a12_three_month_boundary),
		cmocka_unit_test(test_t1),
		cmocka_unit_test(test_partner_scope),
		cmocka_unit_test(test_empty_gives_nulls),
		cmocka_unit_test(test_values_follow_the_contract_order),
		cmocka_unit_test(test_series),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	scorecard_index_free(world()->ix);
	return rc;
}
