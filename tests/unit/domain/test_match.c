#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/match.h"

/* A small world of children and households, each with a journey. */
#define W_MAX 16
#define EV_MAX 8

struct rec_j {
	struct event_rec ev[EV_MAX];
	const struct event_rec *p[EV_MAX];
	struct journey j;
};

struct world {
	struct child_rec c[W_MAX];
	struct adopter_rec a[W_MAX];
	struct rec_j cj[W_MAX], aj[W_MAX];
	char cid[W_MAX][16], aid[W_MAX][16];
	int nc, na;
	struct match_child_in cin[W_MAX];
	struct match_household_in hin[W_MAX];
	struct match_weights w;
	struct match_pool pool;
};

static raa_day D(const char *iso)
{
	raa_day d = DAY_NONE;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

static void ev_add(struct rec_j *r, enum record_type t, const char *id, int kind, const char *date)
{
	assert_true(r->j.n < EV_MAX);
	struct event_rec *e = &r->ev[r->j.n];
	memset(e, 0, sizeof *e);
	e->id = (int64_t)(t * 1000 + (int)r->j.n + 1);
	e->record = id;
	e->type = t;
	e->kind = kind;
	e->date = D(date);
	r->p[r->j.n] = e;
	r->j.n++;
	journey_sort(r->p, r->j.n);
}

/* A waiting child: born `dob`, no needs, no contact, WBRI, SE1, waiting
 * since 2024-01-01. */
static struct child_rec *child(struct world *w, const char *dob)
{
	assert_true(w->nc < W_MAX);
	int i = w->nc++;
	snprintf(w->cid[i], sizeof w->cid[i], "C%d", i + 1);
	struct child_rec *c = &w->c[i];
	memset(c, 0, sizeof *c);
	c->id = w->cid[i];
	c->dob = D(dob);
	c->ethnicity = "WBRI";
	c->contact = CONTACT_NONE;
	c->birth_postcode_district = "SE1";
	c->base_status = CS_NONE;
	struct rec_j *r = &w->cj[i];
	memset(r, 0, sizeof *r);
	r->j = (struct journey){ .type = REC_CHILD, .id = c->id, .dob = c->dob, .base_status = CS_NONE,
				 .ev = r->p };
	ev_add(r, REC_CHILD, c->id, EV_SHOULD_BE_PLACED, "2024-01-01");
	return c;
}

static struct rec_j *cj(struct world *w, const struct child_rec *c)
{
	return &w->cj[c - w->c];
}

/* Moves the child's 'should be placed' decision. */
static void sbp(struct world *w, const struct child_rec *c, const char *date)
{
	cj(w, c)->ev[0].date = D(date);
}

/* An approved household: 0-60 months, 2 children, high in every need,
 * direct contact, WBRI, district SE15, approved 2024-02-01. */
static struct adopter_rec *household(struct world *w)
{
	assert_true(w->na < W_MAX);
	int i = w->na++;
	snprintf(w->aid[i], sizeof w->aid[i], "A%d", i + 1);
	struct adopter_rec *a = &w->a[i];
	memset(a, 0, sizeof *a);
	a->id = w->aid[i];
	a->min_age_months = 0;
	a->max_age_months = 60;
	a->max_children = 2;
	for (int d = 0; d < NEED_DIMS; d++)
		a->needs[d] = NEED_HIGH;
	a->contact = CONTACT_DIRECT;
	a->early_permanence = 0;
	a->ethnicity = "WBRI";
	a->postcode_district = "SE15";
	a->base_status = AS_NONE;
	struct rec_j *r = &w->aj[i];
	memset(r, 0, sizeof *r);
	r->j = (struct journey){ .type = REC_ADOPTER, .id = a->id, .dob = DAY_NONE,
				 .base_status = AS_NONE, .ev = r->p };
	ev_add(r, REC_ADOPTER, a->id, EV_STAGE2_NOTICE, "2023-06-01");
	ev_add(r, REC_ADOPTER, a->id, EV_APPROVED, "2024-02-01");
	return a;
}

static struct rec_j *aj(struct world *w, const struct adopter_rec *a)
{
	return &w->aj[a - w->a];
}

/* Moves the household's approval (and its stage 2) earlier. */
static void approved_on(struct world *w, const struct adopter_rec *a, const char *date)
{
	aj(w, a)->ev[0].date = D("2010-01-01");
	aj(w, a)->ev[1].date = D(date);
}

static struct match_pool *build(struct world *w, const char *on)
{
	for (int i = 0; i < w->nc; i++)
		w->cin[i] = (struct match_child_in){ &w->c[i], &w->cj[i].j };
	for (int i = 0; i < w->na; i++)
		w->hin[i] = (struct match_household_in){ &w->a[i], &w->aj[i].j };
	match_pool_free(&w->pool);
	match_pool_build(&w->pool, w->cin, (size_t)w->nc, w->hin, (size_t)w->na, D(on), &w->w);
	return &w->pool;
}

static struct world *world_new(void)
{
	struct world *w = calloc(1, sizeof *w);
	assert_non_null(w);
	match_weights_default(&w->w);
	return w;
}

static void world_free(struct world *w)
{
	match_pool_free(&w->pool);
	free(w);
}

/* The failing codes of child c's unit against household a. */
static unsigned fails(struct world *w, const char *on, const struct child_rec *c,
		      const struct adopter_rec *a)
{
	struct match_pool *p = build(w, on);
	const struct match_unit *u = match_pool_unit_of(p, c->id);
	const struct match_household *h = match_pool_household(p, a->id);
	assert_non_null(u);
	assert_non_null(h);
	return match_check(p, u, h);
}

#define BIT(c) (1u << (c))

/* ---- constraints ---- */

static void test_age_month_end(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2023-01-31");
	sbp(w, c, "2022-01-01");
	struct adopter_rec *a = household(w);
	approved_on(w, a, "2021-01-01");
	a->min_age_months = 1;
	a->max_age_months = 1;
	/* born 31 January: one month old on 28 February (2023 is not a leap year) */
	assert_int_equal(fails(w, "2023-02-27", c, a), BIT(MC_AGE_RANGE));
	assert_int_equal(fails(w, "2023-02-28", c, a), 0);
	assert_int_equal(fails(w, "2023-03-30", c, a), 0);
	assert_int_equal(fails(w, "2023-03-31", c, a), BIT(MC_AGE_RANGE)); /* two months */
	/* leap year: one month on 29 February, not on the 28th */
	c->dob = D("2024-01-31");
	assert_int_equal(fails(w, "2024-02-28", c, a), BIT(MC_AGE_RANGE));
	assert_int_equal(fails(w, "2024-02-29", c, a), 0);
	world_free(w);
}

static void test_age_range_inclusive(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2022-05-15");
	sbp(w, c, "2022-06-01");
	struct adopter_rec *a = household(w);
	approved_on(w, a, "2021-01-01");
	a->min_age_months = 12;
	a->max_age_months = 24;
	assert_int_equal(fails(w, "2023-05-14", c, a), BIT(MC_AGE_RANGE)); /* 11 months */
	assert_int_equal(fails(w, "2023-05-15", c, a), 0);                 /* 12 */
	assert_int_equal(fails(w, "2024-06-14", c, a), 0);                 /* 24 */
	assert_int_equal(fails(w, "2024-06-15", c, a), BIT(MC_AGE_RANGE)); /* 25 */
	/* a household with no age range recorded is not approved for any age */
	a->max_age_months = -1;
	assert_int_equal(fails(w, "2024-06-14", c, a), BIT(MC_AGE_RANGE));
	world_free(w);
}

/* Every sibling of a unit must be in range: the eldest and the youngest. */
static void test_age_siblings(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c1 = child(w, "2020-01-10");
	struct child_rec *c2 = child(w, "2023-01-10");
	c1->sibling_group = c2->sibling_group = "SG1";
	struct adopter_rec *a = household(w);
	approved_on(w, a, "2021-01-01");
	a->min_age_months = 0;
	a->max_age_months = 48;
	assert_int_equal(fails(w, "2024-01-10", c2, a), 0);                 /* 48 and 12 */
	assert_int_equal(fails(w, "2024-02-10", c2, a), BIT(MC_AGE_RANGE)); /* 49 */
	a->min_age_months = 13;
	a->max_age_months = 60;
	assert_int_equal(fails(w, "2024-01-10", c1, a), BIT(MC_AGE_RANGE)); /* youngest 12 */
	world_free(w);
}

static void test_sibling_size(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c1 = child(w, "2021-01-01");
	struct child_rec *c2 = child(w, "2022-01-01");
	struct child_rec *c3 = child(w, "2023-01-01");
	c1->sibling_group = c2->sibling_group = c3->sibling_group = "SG7";
	/* c3 has been placed: it is not part of the waiting unit */
	ev_add(cj(w, c3), REC_CHILD, c3->id, EV_PLACED, "2024-03-01");
	struct adopter_rec *a = household(w);
	a->max_children = 2;
	struct match_pool *p = build(w, "2024-06-01");
	const struct match_unit *u = match_pool_unit_of(p, "C1");
	assert_non_null(u);
	assert_int_equal(u->n, 2);
	assert_ptr_equal(match_pool_unit_of(p, "C2"), u);
	assert_null(match_pool_unit_of(p, "C3"));
	assert_int_equal(fails(w, "2024-06-01", c1, a), 0);
	a->max_children = 1;
	assert_int_equal(fails(w, "2024-06-01", c1, a), BIT(MC_MAX_CHILDREN));
	/* before c3 was placed all three wait together */
	a->max_children = 2;
	assert_int_equal(fails(w, "2024-02-01", c1, a), BIT(MC_MAX_CHILDREN));
	a->max_children = 3;
	assert_int_equal(fails(w, "2024-02-01", c1, a), 0);
	world_free(w);
}

static void test_need_levels(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2022-01-01");
	struct adopter_rec *a = household(w);
	for (int d = 0; d < NEED_DIMS; d++) {
		for (int hl = NEED_NONE; hl <= NEED_HIGH; hl++) {
			for (int cl = NEED_UNKNOWN; cl <= NEED_HIGH; cl++) {
				for (int k = 0; k < NEED_DIMS; k++)
					c->needs[k] = NEED_NONE, a->needs[k] = NEED_HIGH;
				c->needs[d] = (int8_t)cl;
				a->needs[d] = (int8_t)hl;
				unsigned want = cl > hl ? BIT(MC_DISABILITY + d) : 0;
				assert_int_equal(fails(w, "2024-06-01", c, a), want);
			}
		}
		/* a household's unknown level admits no need above none */
		for (int k = 0; k < NEED_DIMS; k++)
			c->needs[k] = NEED_NONE, a->needs[k] = NEED_HIGH;
		a->needs[d] = NEED_UNKNOWN;
		assert_int_equal(fails(w, "2024-06-01", c, a), 0);
		c->needs[d] = NEED_LOW;
		assert_int_equal(fails(w, "2024-06-01", c, a), BIT(MC_DISABILITY + d));
		c->needs[d] = NEED_UNKNOWN;
		assert_int_equal(fails(w, "2024-06-01", c, a), 0);
	}
	world_free(w);
}

static void test_contact_order(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2022-01-01");
	struct adopter_rec *a = household(w);
	static const struct {
		int child, hh;
		bool fail;
	} T[] = {
		{ CONTACT_NONE, CONTACT_NONE, false },        { CONTACT_LETTERBOX, CONTACT_NONE, true },
		{ CONTACT_DIRECT, CONTACT_NONE, true },       { CONTACT_LETTERBOX, CONTACT_LETTERBOX, false },
		{ CONTACT_DIRECT, CONTACT_LETTERBOX, true },  { CONTACT_DIRECT, CONTACT_DIRECT, false },
		{ CONTACT_LETTERBOX, CONTACT_DIRECT, false }, { CONTACT_UNKNOWN, CONTACT_NONE, false },
		{ CONTACT_LETTERBOX, CONTACT_UNKNOWN, true }, { CONTACT_NONE, CONTACT_UNKNOWN, false },
	};
	for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
		c->contact = (int8_t)T[i].child;
		a->contact = (int8_t)T[i].hh;
		assert_int_equal(fails(w, "2024-06-01", c, a), T[i].fail ? BIT(MC_CONTACT) : 0);
	}
	world_free(w);
}

static void test_birth_family_area(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2022-01-01");
	struct adopter_rec *a = household(w);
	static const struct {
		const char *child, *hh;
		bool fail;
	} T[] = {
		{ "SE15", "SE15", true }, { "se15", "SE15", true },  { "SE 15", "se15", true },
		{ " se15 ", "SE15", true }, { "SE1", "SE15", false }, { "SE15", "SE1", false },
		{ "", "", false },        { NULL, NULL, false },      { "", "SE15", false },
		{ "SE15", "", false },    { NULL, "SE15", false },    { "  ", "  ", false },
	};
	for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
		c->birth_postcode_district = T[i].child;
		a->postcode_district = T[i].hh;
		assert_int_equal(fails(w, "2024-06-01", c, a), T[i].fail ? BIT(MC_BIRTH_FAMILY_AREA) : 0);
	}
	/* a sibling's district counts for the whole unit */
	struct child_rec *c2 = child(w, "2023-01-01");
	c->sibling_group = c2->sibling_group = "SG2";
	c->birth_postcode_district = "SE1";
	c2->birth_postcode_district = "SE15";
	a->postcode_district = "SE15";
	assert_int_equal(fails(w, "2024-06-01", c, a), BIT(MC_BIRTH_FAMILY_AREA));
	world_free(w);
}

static void test_not_available(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2022-01-01");
	struct adopter_rec *a = household(w);
	struct rec_j *r = aj(w, a);
	ev_add(r, REC_ADOPTER, a->id, EV_ON_HOLD, "2024-03-01");
	ev_add(r, REC_ADOPTER, a->id, EV_OFF_HOLD, "2024-04-01");
	ev_add(r, REC_ADOPTER, a->id, EV_LINKED, "2024-05-01");
	ev_add(r, REC_ADOPTER, a->id, EV_ON_HOLD, "2024-05-10");
	ev_add(r, REC_ADOPTER, a->id, EV_OFF_HOLD, "2024-05-20");
	ev_add(r, REC_ADOPTER, a->id, EV_LINK_ENDED, "2024-06-01");
	assert_int_equal(fails(w, "2024-02-15", c, a), 0);
	assert_int_equal(fails(w, "2024-03-15", c, a), BIT(MC_NOT_AVAILABLE)); /* on hold */
	assert_int_equal(fails(w, "2024-04-15", c, a), 0);
	assert_int_equal(fails(w, "2024-05-05", c, a), BIT(MC_NOT_AVAILABLE)); /* linked */
	/* off hold again but the link is still open */
	assert_int_equal(fails(w, "2024-05-25", c, a), BIT(MC_NOT_AVAILABLE));
	assert_false(match_pool_household(&w->pool, a->id)->available);
	assert_int_equal(fails(w, "2024-06-01", c, a), 0); /* link ended */
	world_free(w);
}

/* Only approved, on-hold and linked households are considered at all. */
static void test_considered_households(void **state)
{
	(void)state;
	struct world *w = world_new();
	child(w, "2022-01-01");
	struct adopter_rec *a1 = household(w);
	struct adopter_rec *a2 = household(w);
	struct adopter_rec *a3 = household(w);
	ev_add(aj(w, a2), REC_ADOPTER, a2->id, EV_WITHDRAWN, "2024-03-01");
	ev_add(aj(w, a3), REC_ADOPTER, a3->id, EV_LINKED, "2024-03-01");
	ev_add(aj(w, a3), REC_ADOPTER, a3->id, EV_MATCH_DECISION, "2024-04-01");
	struct match_pool *p = build(w, "2024-06-01");
	assert_int_equal(p->nhh, 1);
	assert_string_equal(p->hh[0].rec->id, a1->id);
	world_free(w);
}

static void test_every_code_reported(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c1 = child(w, "2020-01-01");
	struct child_rec *c2 = child(w, "2021-01-01");
	struct child_rec *c3 = child(w, "2022-01-01");
	c1->sibling_group = c2->sibling_group = c3->sibling_group = "SG3";
	for (int d = 0; d < NEED_DIMS; d++)
		c2->needs[d] = NEED_HIGH;
	c3->contact = CONTACT_DIRECT;
	c1->birth_postcode_district = "SE15";
	struct adopter_rec *a = household(w);
	for (int d = 0; d < NEED_DIMS; d++)
		a->needs[d] = NEED_MEDIUM;
	a->contact = CONTACT_LETTERBOX;
	a->max_age_months = 36;
	ev_add(aj(w, a), REC_ADOPTER, a->id, EV_ON_HOLD, "2024-03-01");
	unsigned all = (1u << MC_COUNT) - 1;
	assert_int_equal(fails(w, "2024-06-01", c1, a), all);
	world_free(w);
}

/* ---- units and pools ---- */

static void test_early_family_finding(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c1 = child(w, "2024-01-01");
	struct child_rec *c2 = child(w, "2024-01-01");
	struct child_rec *c3 = child(w, "2024-01-01");
	/* c1 tracking with an early referral, c2 tracking without */
	for (struct child_rec *c = c1; c <= c2; c++) {
		struct rec_j *r = cj(w, c);
		r->j.n = 0;
		ev_add(r, REC_CHILD, c->id, EV_ENTERED_CARE, "2024-02-01");
	}
	ev_add(cj(w, c1), REC_CHILD, c1->id, EV_EARLY_REFERRAL, "2024-03-01");
	household(w);
	struct match_pool *p = build(w, "2024-06-01");
	assert_int_equal(p->nunits, 1);
	assert_string_equal(p->units[0].kids[0]->id, c3->id);
	assert_int_equal(p->nearly, 1);
	assert_string_equal(p->early[0].kids[0]->id, c1->id);
	assert_true(p->early[0].early);
	assert_null(match_pool_unit_of(p, c2->id));
	struct match_result r;
	match_pool_propose(p, &r);
	assert_int_equal(r.nprop, 1);
	assert_int_equal(r.prop[0].unit, 0);
	assert_int_equal(r.children_placed, 1);
	match_result_free(&r);
	world_free(w);
}

/* ---- score ---- */

static void test_score_is_sum_of_reasons(void **state)
{
	(void)state;
	struct world *w = world_new();
	uint32_t seed = 12345;
	static const char *const eth[] = { "WBRI", "MWBC", "BAFR", "AIND", "CHNE", "REFU", NULL, "MWAS" };
	for (int t = 0; t < 300; t++) {
		w->nc = w->na = 0;
		seed = seed * 1103515245u + 12345u;
		char dob[16];
		snprintf(dob, sizeof dob, "202%d-0%d-1%d", (int)(seed >> 8) % 4, 1 + (int)(seed >> 12) % 9,
			 (int)(seed >> 16) % 9);
		struct child_rec *c = child(w, dob);
		c->ethnicity = eth[(seed >> 3) % 8];
		c->early_permanence = (seed >> 5) & 1;
		for (int d = 0; d < NEED_DIMS; d++)
			c->needs[d] = (int8_t)((seed >> (d * 2 + 7)) % 2);
		struct adopter_rec *a = household(w);
		a->ethnicity = eth[(seed >> 20) % 8];
		a->early_permanence = (seed >> 24) & 1;
		a->max_age_months = 120;
		w->w.factor[MF_NEEDS_HEADROOM] = 0.37 * ((seed >> 25) % 5);
		w->w.factor[MF_CHILD_WAITING] = 1.13;
		w->w.factor[MF_HOUSEHOLD_WAITING] = 0.77;
		struct match_pool *p = build(w, "2025-03-17");
		const struct match_unit *u = &p->units[0];
		const struct match_household *h = &p->hh[0];
		assert_int_equal(match_check(p, u, h), 0);
		struct match_reason r[MF_COUNT];
		int s = match_score(p, u, h, r), sum = 0;
		for (int f = 0; f < MF_COUNT; f++) {
			assert_int_equal(r[f].factor, f);
			assert_true(r[f].points >= 0);
			assert_true(strlen(r[f].text) > 10);
			sum += r[f].points;
		}
		assert_int_equal(s, sum);
		assert_int_equal(match_score(p, u, h, NULL), s);
	}
	world_free(w);
}

static void test_score_factors(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2024-01-15");
	c->needs[NEED_HEALTH] = NEED_LOW;
	c->ethnicity = "MWBC";
	c->early_permanence = true;
	struct adopter_rec *a = household(w);
	a->ethnicity = "BCRB";
	a->early_permanence = 1;
	struct match_pool *p = build(w, "2025-01-01"); /* child waited 366 days, household 335 */
	struct match_reason r[MF_COUNT];
	int s = match_score(p, &p->units[0], &p->hh[0], r);
	/* headroom: 3+2+3+3 = 11 levels / 4 dims x 1.0 = 2.75 -> 2.8 */
	assert_int_equal(r[MF_NEEDS_HEADROOM].points, 28);
	/* MWBC and BCRB share the Black heritage group: half of 1.5 -> 0.8 */
	assert_int_equal(r[MF_IDENTITY_HERITAGE].points, 8);
	assert_int_equal(r[MF_EARLY_PERMANENCE].points, 20); /* 11 months old */
	assert_int_equal(r[MF_CHILD_WAITING].points, 10);    /* 366/365 -> 1.0 */
	assert_int_equal(r[MF_HOUSEHOLD_WAITING].points, 5); /* 335/365 x 0.5 -> 0.5 */
	assert_int_equal(s, 28 + 8 + 20 + 10 + 5);
	a->ethnicity = "MWBC";
	p = build(w, "2025-01-01");
	assert_int_equal(match_score(p, &p->units[0], &p->hh[0], r), 28 + 15 + 20 + 10 + 5);
	/* older than 24 months: no early permanence points */
	p = build(w, "2026-02-15"); /* 25 months */
	match_score(p, &p->units[0], &p->hh[0], r);
	assert_int_equal(r[MF_EARLY_PERMANENCE].points, 0);
	world_free(w);
}

static void test_weights_settings(void **state)
{
	(void)state;
	struct match_weights w;
	struct raa_err err;
	match_weights_default(&w);
	assert_int_equal(match_weights_set(&w, "match.weight.needs_headroom", "2.5", &err), 0);
	assert_true(w.factor[MF_NEEDS_HEADROOM] == 2.5);
	assert_int_equal(match_weights_set(&w, "match.weight.needs_headroom", "-1", &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "match.weight.needs_headroom"));
	assert_int_equal(match_weights_set(&w, "match.weight.needs_headroom", "2x", &err), RAA_EINVAL);
	assert_int_equal(match_weights_set(&w, "match.nope", "1", &err), RAA_ENOTFOUND);
	assert_int_equal(match_weights_set(&w, "match.priority.waiting", "1", &err), 0);
	assert_true(w.priority_waiting == 1.0);
	for (size_t i = 0; i < MATCH_SETTING_COUNT; i++)
		assert_non_null(strstr(MATCH_SETTINGS[i].key, "match."));
}

/* Candidates by score, ties by adopter id in natural order (A2 < A10). */
static void test_candidate_order(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c = child(w, "2022-01-01");
	for (int i = 0; i < 10; i++)
		household(w);
	w->a[4].needs[NEED_HEALTH] = NEED_MEDIUM; /* A5 lower headroom */
	w->a[0].needs[NEED_HEALTH] = NEED_MEDIUM; /* A1 lower headroom */
	w->a[2].max_children = 0;                 /* A3 excluded */
	struct match_pool *p = build(w, "2024-06-01");
	struct match_list l;
	match_for_unit(p, match_pool_unit_of(p, c->id), &l);
	assert_int_equal(l.ncand, 9);
	assert_int_equal(l.nexcl, 1);
	assert_string_equal(p->hh[l.excl[0].idx].rec->id, "A3");
	static const char *const want[] = { "A2", "A4", "A6", "A7", "A8", "A9", "A10", "A1", "A5" };
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(p->hh[l.cand[i].idx].rec->id, want[i]);
	match_list_free(&l);
	world_free(w);
}

/* ---- the pool-wide proposal ---- */

/* Two units, two households: the first-come unit's best household is the
 * only one the second unit fits. Greedy places one child, exact two. */
static void test_pool_beats_greedy(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c1 = child(w, "2022-01-01");
	struct child_rec *c2 = child(w, "2022-01-01");
	sbp(w, c2, "2024-02-01"); /* c1 came first */
	c2->needs[NEED_BEHAVIOUR] = NEED_HIGH;
	struct adopter_rec *a1 = household(w); /* high in everything: c1's best */
	struct adopter_rec *a2 = household(w);
	for (int d = 0; d < NEED_DIMS; d++)
		a2->needs[d] = NEED_LOW;
	struct match_pool *p = build(w, "2024-06-01");
	struct match_result g, r;
	match_pool_greedy(p, &g);
	match_pool_propose(p, &r);
	assert_int_equal(g.children_placed, 1);
	assert_int_equal(r.children_placed, 2);
	assert_int_equal(r.nunplaced, 0);
	for (size_t i = 0; i < r.nprop; i++) {
		const char *kid = p->units[r.prop[i].unit].kids[0]->id;
		const char *hh = p->hh[r.prop[i].hh].rec->id;
		assert_string_equal(hh, strcmp(kid, c1->id) == 0 ? a2->id : a1->id);
		assert_int_equal(match_check(p, &p->units[r.prop[i].unit], &p->hh[r.prop[i].hh]), 0);
	}
	assert_int_equal(g.nunplaced, 1);
	match_result_free(&g);
	match_result_free(&r);
	world_free(w);
}

/* A sibling pair outweighs a single child with a far better score. */
static void test_pool_children_first(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c1 = child(w, "2022-01-01");
	struct child_rec *c2 = child(w, "2021-01-01");
	struct child_rec *c3 = child(w, "2022-01-01");
	c2->sibling_group = c3->sibling_group = "SG9";
	c2->needs[NEED_HEALTH] = c3->needs[NEED_HEALTH] = NEED_HIGH;
	sbp(w, c1, "2015-01-01"); /* waited very long: high score */
	household(w);
	struct match_pool *p = build(w, "2024-06-01");
	assert_int_equal(p->nunits, 2);
	struct match_result r;
	match_pool_propose(p, &r);
	assert_int_equal(r.children_placed, 2);
	assert_int_equal(r.nprop, 1);
	assert_int_equal(p->units[r.prop[0].unit].n, 2);
	assert_int_equal(r.nunplaced, 1);
	assert_string_equal(p->units[r.unplaced[0]].kids[0]->id, c1->id);
	match_result_free(&r);
	world_free(w);
}

/* Equal children placed: the greater priority-weighted score wins. */
static void test_pool_weighted_score(void **state)
{
	(void)state;
	struct world *w = world_new();
	struct child_rec *c1 = child(w, "2022-01-01");
	struct child_rec *c2 = child(w, "2022-01-01");
	c2->ethnicity = "BAFR"; /* harder to place: higher priority */
	household(w);
	struct match_pool *p = build(w, "2024-06-01");
	assert_true(match_pool_unit_of(p, c2->id)->priority > match_pool_unit_of(p, c1->id)->priority);
	struct match_result r;
	match_pool_propose(p, &r);
	assert_int_equal(r.nprop, 1);
	assert_string_equal(p->units[r.prop[0].unit].kids[0]->id, c2->id);
	/* harder to place first in the pool's order too */
	assert_string_equal(p->units[0].kids[0]->id, c2->id);
	match_result_free(&r);
	world_free(w);
}

/* Random small pools: the proposal equals the best of every assignment. */
static void brute(const struct match_pool *p, size_t u, bool *used, int kids, int64_t ws,
		  int *best_kids, int64_t *best_ws)
{
	if (u == p->nunits) {
		if (kids > *best_kids || (kids == *best_kids && ws > *best_ws))
			*best_kids = kids, *best_ws = ws;
		return;
	}
	brute(p, u + 1, used, kids, ws, best_kids, best_ws);
	for (size_t h = 0; h < p->nhh; h++) {
		if (used[h] || match_check(p, &p->units[u], &p->hh[h]))
			continue;
		used[h] = true;
		int64_t s = (int64_t)match_score(p, &p->units[u], &p->hh[h], NULL) * p->units[u].priority;
		brute(p, u + 1, used, kids + p->units[u].n, ws + s, best_kids, best_ws);
		used[h] = false;
	}
}

static void test_pool_random_brute_force(void **state)
{
	(void)state;
	uint32_t seed = 99;
	for (int t = 0; t < 400; t++) {
		struct world *w = world_new();
		seed = seed * 1664525u + 1013904223u;
		int nc = 1 + (int)(seed >> 24) % 8, nh = 1 + (int)(seed >> 16) % 6;
		for (int i = 0; i < nc; i++) {
			seed = seed * 1664525u + 1013904223u;
			char dob[16];
			snprintf(dob, sizeof dob, "20%02d-0%d-15", 16 + (int)(seed >> 28) % 8, 1 + (int)(seed >> 8) % 9);
			struct child_rec *c = child(w, dob);
			for (int d = 0; d < NEED_DIMS; d++)
				c->needs[d] = (int8_t)((seed >> (2 * d + 10)) % 4);
			c->contact = (int8_t)((seed >> 20) % 3);
			static const char *const G[] = { "G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7" };
			if (i && (seed >> 22) % 3 == 0) { /* join the previous child's group */
				struct child_rec *prev = &w->c[i - 1];
				if (!prev->sibling_group)
					prev->sibling_group = G[i];
				c->sibling_group = prev->sibling_group;
			}
			c->ethnicity = (seed >> 25) & 1 ? "BAFR" : "WBRI";
			char since[16];
			snprintf(since, sizeof since, "2023-%02d-01", 1 + (int)(seed >> 4) % 12);
			sbp(w, c, since);
		}
		for (int i = 0; i < nh; i++) {
			seed = seed * 1664525u + 1013904223u;
			struct adopter_rec *a = household(w);
			for (int d = 0; d < NEED_DIMS; d++)
				a->needs[d] = (int8_t)(1 + (seed >> (2 * d + 9)) % 3);
			a->contact = (int8_t)((seed >> 19) % 3);
			a->max_children = 1 + (int)(seed >> 23) % 3;
			a->min_age_months = (int)(seed >> 26) % 2 ? 0 : 24;
			a->max_age_months = a->min_age_months + 48;
		}
		struct match_pool *p = build(w, "2024-06-01");
		if (p->nunits > 6) { /* keep brute force small */
			world_free(w);
			continue;
		}
		bool used[W_MAX] = { false };
		int best_kids = 0;
		int64_t best_ws = 0;
		brute(p, 0, used, 0, 0, &best_kids, &best_ws);
		struct match_result r, g;
		match_pool_propose(p, &r);
		match_pool_greedy(p, &g);
		assert_int_equal(r.children_placed, best_kids);
		assert_int_equal(r.weighted, best_ws);
		assert_true(g.children_placed <= r.children_placed);
		bool seen[W_MAX] = { false };
		for (size_t i = 0; i < r.nprop; i++) {
			assert_false(seen[r.prop[i].hh]);
			seen[r.prop[i].hh] = true;
			assert_int_equal(match_check(p, &p->units[r.prop[i].unit], &p->hh[r.prop[i].hh]), 0);
		}
		assert_int_equal(r.nprop + r.nunplaced, p->nunits);
		match_result_free(&r);
		match_result_free(&g);
		world_free(w);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age_month_end),
		cmocka_unit_test(test_age_range_inclusive),
		cmocka_unit_test(test_age_siblings),
		cmocka_unit_test(test_sibling_size),
		cmocka_unit_test(test_need_levels),
		cmocka_unit_test(test_contact_order),
		cmocka_unit_test(test_birth_family_area),
		cmocka_unit_test(test_not_available),
		cmocka_unit_test(test_considered_households),
		cmocka_unit_test(test_every_code_reported),
		cmocka_unit_test(test_early_family_finding),
		cmocka_unit_test(test_score_is_sum_of_reasons),
		cmocka_unit_test(test_score_factors),
		cmocka_unit_test(test_weights_settings),
		cmocka_unit_test(test_candidate_order),
		cmocka_unit_test(test_pool_beats_greedy),
		cmocka_unit_test(test_pool_children_first),
		cmocka_unit_test(test_pool_weighted_score),
		cmocka_unit_test(test_pool_random_brute_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
