#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/workdays.h"
#include "domain/demo.h"
#include "domain/journey.h"

#define SEED 42

/* ---- capturing sink ---- */

struct capture {
	struct arena a;
	uint64_t hash;
	int partners, hosts;
	struct partner_rec *partner;
	size_t np, cap_p;
	struct child_rec *kid;
	size_t nk, cap_k;
	struct adopter_rec *hh;
	size_t nh, cap_h;
	struct event_rec *ev;
	size_t ne, cap_e;
	int order_errors; /* a record after events began, or a partner after a record */
	int fail_at;      /* event callback number that fails with RAA_EIO; 0 never */
	int event_calls;
};

static void hash_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		*h ^= b[i];
		*h *= 0x100000001b3ULL;
	}
}

static void hash_str(uint64_t *h, const char *s)
{
	if (!s) {
		hash_bytes(h, "\xff", 1);
		return;
	}
	hash_bytes(h, s, strlen(s) + 1);
}

static void hash_int(uint64_t *h, int64_t v)
{
	hash_bytes(h, &v, sizeof v);
}

static int cap_partner(void *ctx, const struct partner_rec *p, struct raa_err *err)
{
	(void)err;
	struct capture *c = ctx;
	if (c->nk || c->nh || c->ne)
		c->order_errors++;
	xgrow((void **)&c->partner, &c->cap_p, c->np + 1, sizeof *c->partner);
	struct partner_rec *q = &c->partner[c->np++];
	q->code = arena_strdup(&c->a, p->code);
	q->name = arena_strdup(&c->a, p->name);
	q->spoke = arena_strdup(&c->a, p->spoke);
	q->host = p->host;
	c->partners++;
	c->hosts += p->host;
	hash_str(&c->hash, p->code);
	hash_str(&c->hash, p->name);
	hash_str(&c->hash, p->spoke);
	hash_int(&c->hash, p->host);
	return 0;
}

static int cap_child(void *ctx, const struct child_rec *k, struct raa_err *err)
{
	(void)err;
	struct capture *c = ctx;
	if (c->ne)
		c->order_errors++;
	xgrow((void **)&c->kid, &c->cap_k, c->nk + 1, sizeof *c->kid);
	struct child_rec *q = &c->kid[c->nk++];
	*q = *k;
	q->id = arena_strdup(&c->a, k->id);
	q->partner = arena_strdup(&c->a, k->partner);
	q->la_child_id = arena_strdup(&c->a, k->la_child_id);
	q->first_name = arena_strdup(&c->a, k->first_name);
	q->last_name = arena_strdup(&c->a, k->last_name);
	q->ethnicity = arena_strdup(&c->a, k->ethnicity);
	q->sibling_group = arena_strdup(&c->a, k->sibling_group);
	q->birth_postcode_district = arena_strdup(&c->a, k->birth_postcode_district);
	const char *s[] = { k->id, k->partner, k->la_child_id, k->first_name, k->last_name,
			    k->ethnicity, k->sibling_group, k->birth_postcode_district };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		hash_str(&c->hash, s[i]);
	int64_t v[] = { k->sex, k->dob, k->contact, k->early_permanence, k->base_status,
			k->profile_updated, k->needs[0], k->needs[1], k->needs[2], k->needs[3] };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		hash_int(&c->hash, v[i]);
	return 0;
}

static int cap_adopter(void *ctx, const struct adopter_rec *a, struct raa_err *err)
{
	(void)err;
	struct capture *c = ctx;
	if (c->nk || c->ne)
		c->order_errors++;
	xgrow((void **)&c->hh, &c->cap_h, c->nh + 1, sizeof *c->hh);
	struct adopter_rec *q = &c->hh[c->nh++];
	*q = *a;
	q->id = arena_strdup(&c->a, a->id);
	q->partner = arena_strdup(&c->a, a->partner);
	q->name = arena_strdup(&c->a, a->name);
	q->postcode_district = arena_strdup(&c->a, a->postcode_district);
	q->ethnicity = arena_strdup(&c->a, a->ethnicity);
	const char *s[] = { a->id, a->partner, a->name, a->postcode_district, a->ethnicity };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		hash_str(&c->hash, s[i]);
	int64_t v[] = { a->applicants, a->min_age_months, a->max_age_months, a->max_children,
			a->contact, a->early_permanence, a->base_status, a->needs[0],
			a->needs[1], a->needs[2], a->needs[3] };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		hash_int(&c->hash, v[i]);
	return 0;
}

static int cap_event(void *ctx, const struct event_rec *e, struct raa_err *err)
{
	struct capture *c = ctx;
	if (++c->event_calls == c->fail_at)
		return raa_err_set(err, RAA_EIO, "sink failed on purpose");
	xgrow((void **)&c->ev, &c->cap_e, c->ne + 1, sizeof *c->ev);
	struct event_rec *q = &c->ev[c->ne++];
	*q = *e;
	q->record = arena_strdup(&c->a, e->record);
	q->adopter = arena_strdup(&c->a, e->adopter);
	q->detail = arena_strdup(&c->a, e->detail);
	q->recorded_by = arena_strdup(&c->a, e->recorded_by);
	q->recorded_at = arena_strdup(&c->a, e->recorded_at);
	const char *s[] = { e->record, e->adopter, e->detail, e->recorded_by, e->recorded_at };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		hash_str(&c->hash, s[i]);
	int64_t v[] = { e->id, e->type, e->kind, e->date, e->origin, e->supersedes, e->mirror_of };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		hash_int(&c->hash, v[i]);
	return 0;
}

static void capture_init(struct capture *c)
{
	memset(c, 0, sizeof *c);
	arena_init(&c->a, 0);
	c->hash = 0xcbf29ce484222325ULL;
}

static void capture_free(struct capture *c)
{
	free(c->partner);
	free(c->kid);
	free(c->hh);
	free(c->ev);
	arena_free(&c->a);
}

static int run(struct capture *c, uint64_t seed, raa_day today, struct demo_stats *st,
	       struct raa_err *err)
{
	struct demo_sink sink = { .ctx = c, .partner = cap_partner, .child = cap_child,
				  .adopter = cap_adopter, .event = cap_event };
	return demo_generate(seed, today, &sink, st, err);
}

/* ---- replay: the journeys as the journal would build them ---- */

struct rj {
	struct journey j;
	const struct event_rec **ev;
	size_t cap;
};

struct region {
	raa_day today;
	struct capture c;
	struct demo_stats st;
	int rc;
	struct rj *kid, *hh;            /* by number: C1 is kid[1] */
	struct event_rec *store;        /* events and mirrors with ids */
	size_t nstore;
	int check_failures;
	char first_failure[RAA_ERR_MSG_MAX];
	int kid_status[CS_COUNT], hh_status[AS_COUNT];
};

static long id_number(const char *id, char prefix, size_t max)
{
	if (!id || id[0] != prefix)
		return -1;
	char *end;
	long n = strtol(id + 1, &end, 10);
	return *end || n < 1 || (size_t)n > max ? -1 : n;
}

static struct rj *rj_of(struct region *g, const char *id)
{
	long n = id_number(id, 'C', g->c.nk);
	if (n > 0)
		return &g->kid[n];
	n = id_number(id, 'A', g->c.nh);
	return n > 0 ? &g->hh[n] : NULL;
}

static void rj_append(struct region *g, struct rj *r, struct event_rec *e)
{
	struct raa_err err = { 0 };
	r->j.ev = r->ev;
	if (journey_check(&r->j, e, g->today, &err) != 0) {
		if (g->check_failures++ == 0)
			snprintf(g->first_failure, sizeof g->first_failure, "%s", err.msg);
	}
	xgrow((void **)&r->ev, &r->cap, r->j.n + 1, sizeof *r->ev);
	r->ev[r->j.n++] = e;
	r->j.ev = r->ev;
}

static bool duplicates_mirror(const struct rj *r, const struct event_rec *m)
{
	for (size_t i = 0; i < r->j.n; i++)
		if (r->ev[i]->origin == ORIGIN_MIRROR && r->ev[i]->kind == m->kind &&
		    r->ev[i]->date == m->date)
			return true;
	return false;
}

static void replay(struct region *g)
{
	struct capture *c = &g->c;
	g->kid = xcalloc(c->nk + 1, sizeof *g->kid);
	g->hh = xcalloc(c->nh + 1, sizeof *g->hh);
	for (size_t i = 0; i < c->nk; i++) {
		struct rj *r = rj_of(g, c->kid[i].id);
		assert_non_null(r);
		r->j = (struct journey){ REC_CHILD, c->kid[i].id, c->kid[i].dob,
					 c->kid[i].base_status, NULL, 0 };
	}
	for (size_t i = 0; i < c->nh; i++) {
		struct rj *r = rj_of(g, c->hh[i].id);
		assert_non_null(r);
		r->j = (struct journey){ REC_ADOPTER, c->hh[i].id, DAY_NONE, c->hh[i].base_status,
					 NULL, 0 };
	}
	g->store = xcalloc(2 * c->ne + 1, sizeof *g->store);
	int64_t id = 0;
	for (size_t i = 0; i < c->ne; i++) {
		struct event_rec *e = &g->store[g->nstore++];
		*e = c->ev[i];
		e->id = ++id;
		struct rj *r = rj_of(g, e->record);
		assert_non_null(r);
		assert_int_equal(r->j.type, e->type);
		rj_append(g, r, e);
		if (e->type != REC_CHILD || !event_kind_mirrors(e->kind))
			continue;
		struct rj *h = rj_of(g, e->adopter);
		assert_non_null(h);
		assert_int_equal(h->j.type, REC_ADOPTER);
		struct event_rec *m = &g->store[g->nstore];
		*m = *e;
		m->record = e->adopter;
		m->type = REC_ADOPTER;
		m->adopter = NULL;
		m->origin = ORIGIN_MIRROR;
		m->mirror_of = e->id;
		if (duplicates_mirror(h, m))
			continue;
		m->id = ++id;
		g->nstore++;
		rj_append(g, h, m);
	}
	for (size_t n = 1; n <= c->nk; n++)
		g->kid_status[journey_status(&g->kid[n].j, g->today)]++;
	for (size_t n = 1; n <= c->nh; n++)
		g->hh_status[journey_status(&g->hh[n].j, g->today)]++;
}

static int setup(void **state)
{
	struct region *g = xcalloc(1, sizeof *g);
	struct raa_err err = { 0 };
	g->today = date_from_ymd(2026, 11, 23);
	capture_init(&g->c);
	g->rc = run(&g->c, SEED, g->today, &g->st, &err);
	if (g->rc != 0) {
		fprintf(stderr, "demo_generate: %s\n", err.msg);
		return -1;
	}
	replay(g);
	*state = g;
	return 0;
}

static int teardown(void **state)
{
	struct region *g = *state;
	for (size_t n = 0; n <= g->c.nk; n++)
		free(g->kid[n].ev);
	for (size_t n = 0; n <= g->c.nh; n++)
		free(g->hh[n].ev);
	free(g->kid);
	free(g->hh);
	free(g->store);
	capture_free(&g->c);
	free(g);
	return 0;
}

/* ---- tests ---- */

static void test_deterministic(void **state)
{
	struct region *g = *state;
	struct capture a, b;
	struct demo_stats sa, sb;
	capture_init(&a);
	capture_init(&b);
	assert_int_equal(run(&a, SEED, g->today, &sa, NULL), 0);
	assert_int_equal(run(&b, SEED + 1, g->today, &sb, NULL), 0);
	assert_true(a.hash == g->c.hash);
	assert_memory_equal(&sa, &g->st, sizeof sa);
	assert_true(b.hash != a.hash);
	capture_free(&a);
	capture_free(&b);
}

static void test_counts_and_order(void **state)
{
	struct region *g = *state;
	assert_int_equal(g->c.order_errors, 0);
	assert_int_equal(g->st.partners, 10);
	assert_int_equal(g->c.partners, 10);
	assert_int_equal(g->c.hosts, 1);
	assert_true(g->c.partner[0].host);
	assert_string_equal(g->c.partner[0].code, "210");
	assert_true(g->st.children >= 600 && g->st.children <= 800);
	assert_true(g->st.adopters >= 250);
	assert_int_equal(g->st.children, (int)g->c.nk);
	assert_int_equal(g->st.adopters, (int)g->c.nh);
	assert_int_equal(g->st.events, (int)g->c.ne);
	/* ids are C1..Cn and A1..An, each once */
	for (size_t i = 0; i < g->c.nk; i++)
		assert_int_equal(id_number(g->c.kid[i].id, 'C', g->c.nk), (long)i + 1);
	for (size_t i = 0; i < g->c.nh; i++)
		assert_int_equal(id_number(g->c.hh[i].id, 'A', g->c.nh), (long)i + 1);
	print_message("demo: %d children, %d households, %d events\n", g->st.children,
		      g->st.adopters, g->st.events);
}

static void test_every_event_legal(void **state)
{
	struct region *g = *state;
	if (g->check_failures)
		print_message("%d refused, first: %s\n", g->check_failures, g->first_failure);
	assert_int_equal(g->check_failures, 0);
	for (size_t i = 0; i < g->c.ne; i++) {
		const struct event_rec *e = &g->c.ev[i];
		assert_int_equal(e->origin, ORIGIN_EVENT);
		assert_string_equal(e->recorded_by, "demo");
		if (i > 0)
			assert_true(g->c.ev[i - 1].date <= e->date);
	}
}

static void test_every_status_present(void **state)
{
	struct region *g = *state;
	for (int s = 0; s < CS_COUNT; s++) {
		print_message("child %-12s %d\n", child_status_name(s), g->kid_status[s]);
		assert_true(g->kid_status[s] > 0);
	}
	for (int s = 0; s < AS_COUNT; s++) {
		print_message("household %-9s %d\n", adopter_status_name(s), g->hh_status[s]);
		if (s != AS_ADOPTED) /* no event leads there (journeys.md) */
			assert_true(g->hh_status[s] > 0);
	}
	/* the skew: history mostly finished, a real waiting list now */
	assert_true(g->kid_status[CS_ADOPTED] > g->kid_status[CS_WAITING]);
	assert_true(g->kid_status[CS_ADOPTED] + g->kid_status[CS_PLAN_CHANGED] >
		    (int)g->c.nk / 2);
	assert_in_range(g->kid_status[CS_WAITING], 50, 130);
	assert_in_range(g->hh_status[AS_APPROVED], 35, 100);
}

static void test_dates_within_life_and_today(void **state)
{
	struct region *g = *state;
	for (size_t n = 1; n <= g->c.nk; n++) {
		const struct rj *r = &g->kid[n];
		assert_true(r->j.dob != DAY_NONE && r->j.dob <= g->today);
		for (size_t i = 0; i < r->j.n; i++) {
			assert_true(r->ev[i]->date >= r->j.dob);
			assert_true(r->ev[i]->date <= g->today);
		}
	}
	for (size_t i = 0; i < g->c.ne; i++) {
		assert_true(g->c.ev[i].date <= g->today);
		assert_true(g->c.ev[i].date > g->today - 8 * 366);
		assert_true(workcal_is_working_day(NULL, g->c.ev[i].date));
	}
}

/* Scorecard A1 and A2 (scorecard.md) over every adopted child. */
static void test_timings(void **state)
{
	struct region *g = *state;
	long a1 = 0, a2 = 0, n1 = 0, n2 = 0;
	for (size_t n = 1; n <= g->c.nk; n++) {
		const struct journey *j = &g->kid[n].j;
		const struct event_rec *ao = journey_last(j, EV_ADOPTION_ORDER, INT32_MAX);
		if (!ao)
			continue;
		const struct event_rec *e = journey_last(j, EV_ENTERED_CARE, ao->date);
		const struct event_rec *pl = journey_last(j, EV_PLACED, ao->date);
		assert_non_null(e);
		if (!pl || pl->date < e->date)
			continue;
		a1 += pl->date - e->date;
		n1++;
		const struct event_rec *md = journey_last(j, EV_MATCH_DECISION, pl->date);
		const struct event_rec *po = NULL;
		for (size_t i = 0; i < j->n && !po; i++)
			if (j->ev[i]->kind == EV_PLACEMENT_ORDER && j->ev[i]->date >= e->date)
				po = j->ev[i];
		if (!md || !po || md->date < e->date)
			continue;
		a2 += md->date > po->date ? md->date - po->date : 0;
		n2++;
	}
	assert_true(n1 > 200 && n2 > 200);
	print_message("A1 %ld days over %ld, A2 %ld days over %ld\n", a1 / n1, n1, a2 / n2, n2);
	assert_in_range(a1 / n1, 300, 500);
	assert_in_range(a2 / n2, 80, 250);
}

static void test_sibling_groups(void **state)
{
	struct region *g = *state;
	int in_groups = 0, groups = 0;
	for (size_t i = 0; i < g->c.nk; i++) {
		const struct child_rec *a = &g->c.kid[i];
		if (!a->sibling_group)
			continue;
		in_groups++;
		int size = 0;
		for (size_t k = 0; k < g->c.nk; k++) {
			const struct child_rec *b = &g->c.kid[k];
			if (!b->sibling_group || strcmp(a->sibling_group, b->sibling_group))
				continue;
			size++;
			assert_string_equal(a->partner, b->partner);
			assert_true(labs((long)a->dob - b->dob) < 4 * 366 * 3);
			/* they move together: same journey dates */
			const struct rj *ra = rj_of(g, a->id), *rb = rj_of(g, b->id);
			assert_int_equal(ra->j.n, rb->j.n);
			for (size_t e = 0; e < ra->j.n; e++) {
				assert_int_equal(ra->ev[e]->kind, rb->ev[e]->kind);
				assert_int_equal(ra->ev[e]->date, rb->ev[e]->date);
			}
		}
		assert_in_range(size, 2, 4);
		if (i == 0 || !g->c.kid[i - 1].sibling_group ||
		    strcmp(g->c.kid[i - 1].sibling_group, a->sibling_group) != 0)
			groups++; /* siblings have consecutive ids */
	}
	print_message("%d children in %d sibling groups\n", in_groups, groups);
	assert_true(groups >= 20);
	/* about a fifth of the children */
	assert_in_range(in_groups * 100 / (int)g->c.nk, 10, 35);
}

static void test_record_fields(void **state)
{
	struct region *g = *state;
	int wbri = 0;
	for (size_t i = 0; i < g->c.nk; i++) {
		const struct child_rec *k = &g->c.kid[i];
		assert_true(ethnicity_valid(k->ethnicity));
		wbri += strcmp(k->ethnicity, "WBRI") == 0;
		assert_true(k->sex == 'M' || k->sex == 'F');
		assert_int_equal(k->base_status, CS_NONE);
		assert_true(strncmp(k->la_child_id, k->partner, strlen(k->partner)) == 0);
		assert_int_equal(strlen(k->la_child_id), strlen(k->partner) + 6);
		for (int d = 0; d < NEED_DIMS; d++)
			assert_in_range(k->needs[d], NEED_NONE, NEED_HIGH);
		assert_in_range(k->contact, CONTACT_NONE, CONTACT_DIRECT);
	}
	assert_in_range(wbri * 100 / (int)g->c.nk, 35, 55);
	for (size_t i = 0; i < g->c.nh; i++) {
		const struct adopter_rec *a = &g->c.hh[i];
		const struct rj *r = rj_of(g, a->id);
		bool approved = journey_last(&r->j, EV_APPROVED, g->today) != NULL;
		assert_in_range(a->applicants, 1, 2);
		if (approved) {
			assert_true(a->min_age_months >= 0);
			assert_true(a->max_age_months > a->min_age_months);
			assert_in_range(a->max_children, 1, 4);
			assert_in_range(a->early_permanence, 0, 1);
			for (int d = 0; d < NEED_DIMS; d++)
				assert_in_range(a->needs[d], NEED_NONE, NEED_HIGH);
		} else {
			assert_int_equal(a->min_age_months, -1);
			assert_int_equal(a->max_children, 0);
			assert_int_equal(a->needs[0], NEED_UNKNOWN);
		}
	}
}

/* What a linked or matched child says of its household, the household says
 * too; waiting children and households make the clocks list interesting. */
static void test_links_and_clocks(void **state)
{
	struct region *g = *state;
	int overdue_child = 0, overdue_la = 0;
	for (size_t n = 1; n <= g->c.nk; n++) {
		const struct journey *j = &g->kid[n].j;
		int st = journey_status(j, g->today);
		if (st == CS_LINKED || st == CS_MATCHED) {
			const struct event_rec *l = journey_last(j, EV_LINKED, g->today);
			const struct rj *h = rj_of(g, l->adopter);
			assert_int_equal(journey_status(&h->j, g->today),
					 st == CS_LINKED ? AS_LINKED : AS_MATCHED);
		}
		if (st != CS_WAITING)
			continue;
		const struct event_rec *sbp = journey_last(j, EV_SHOULD_BE_PLACED, g->today);
		assert_non_null(sbp);
		if (date_add_months(sbp->date, 3) < g->today &&
		    !journey_last(j, EV_LINKED, g->today) &&
		    !journey_last(j, EV_REGISTER_REFERRAL, g->today))
			overdue_child++;
	}
	for (size_t n = 1; n <= g->c.nh; n++) {
		const struct journey *j = &g->hh[n].j;
		for (size_t i = 0; i < j->n; i++) {
			const struct event_rec *q = j->ev[i];
			if (q->kind != EV_CHECK_REQUESTED || strcmp(q->detail, "la") != 0)
				continue;
			bool got = false;
			for (size_t k = i + 1; k < j->n; k++)
				got |= j->ev[k]->kind == EV_CHECK_RECEIVED &&
				       strcmp(j->ev[k]->detail, "la") == 0;
			if (!got && workcal_add(NULL, q->date, 5) < g->today)
				overdue_la++;
		}
	}
	print_message("overdue: %d wider search (child), %d LA checks\n", overdue_child,
		      overdue_la);
	assert_true(overdue_child >= 4);
	assert_true(overdue_la >= 1);
}

static void test_sink_error_stops(void **state)
{
	struct region *g = *state;
	struct capture c;
	struct raa_err err = { 0 };
	struct demo_stats st;
	capture_init(&c);
	c.fail_at = 100;
	assert_int_equal(run(&c, SEED, g->today, &st, &err), RAA_EIO);
	assert_string_equal(err.msg, "sink failed on purpose");
	assert_int_equal(c.event_calls, 100);
	assert_int_equal(st.events, 99);
	capture_free(&c);
}

static void test_bad_arguments(void **state)
{
	struct region *g = *state;
	struct raa_err err = { 0 };
	struct demo_sink none = { 0 };
	assert_int_equal(demo_generate(1, g->today, &none, NULL, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "sink"));
	struct capture c;
	capture_init(&c);
	assert_int_equal(run(&c, 1, DAY_NONE, NULL, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "today"));
	assert_int_equal(c.np + c.nk + c.nh + c.ne, 0);
	capture_free(&c);
}

static int count_event(void *ctx, const struct event_rec *e, struct raa_err *err)
{
	(void)e;
	(void)err;
	(*(int *)ctx)++;
	return 0;
}

static int count_partner(void *ctx, const struct partner_rec *p, struct raa_err *err)
{
	(void)ctx;
	(void)p;
	(void)err;
	return 0;
}

static int count_child(void *ctx, const struct child_rec *c, struct raa_err *err)
{
	(void)ctx;
	(void)c;
	(void)err;
	return 0;
}

static int count_adopter(void *ctx, const struct adopter_rec *a, struct raa_err *err)
{
	(void)ctx;
	(void)a;
	(void)err;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Well under 100 ms in a release build; the bound allows for sanitizers. */
static void test_fast_and_other_seeds(void **state)
{
	struct region *g = *state;
	int events = 0;
	struct demo_sink sink = { .ctx = &events, .partner = count_partner, .child = count_child,
				  .adopter = count_adopter, .event = count_event };
	for (uint64_t seed = 1; seed <= 3; seed++) {
		struct demo_stats st;
		double t0 = now_ms();
		assert_int_equal(demo_generate(seed, g->today, &sink, &st, NULL), 0);
		double ms = now_ms() - t0;
		print_message("seed %llu: %.1f ms, %d children, %d households\n",
			      (unsigned long long)seed, ms, st.children, st.adopters);
		assert_true(ms < 1000.0);
		assert_true(st.children >= 600 && st.adopters >= 250);
	}
}

/* Other seeds and another today: still legal, still every status. */
static void test_other_seeds_legal(void **state)
{
	(void)state;
	static const int when[][3] = { { 2024, 3, 31 }, { 2025, 12, 27 }, { 2030, 6, 2 } };
	for (int k = 0; k < 3; k++) {
		struct region *g = xcalloc(1, sizeof *g);
		g->today = date_from_ymd(when[k][0], when[k][1], when[k][2]);
		capture_init(&g->c);
		assert_int_equal(run(&g->c, 1000 + (uint64_t)k, g->today, &g->st, NULL), 0);
		replay(g);
		if (g->check_failures)
			print_message("%s\n", g->first_failure);
		assert_int_equal(g->check_failures, 0);
		for (int s = 0; s < CS_COUNT; s++)
			assert_true(g->kid_status[s] > 0);
		for (int s = 0; s < AS_COUNT; s++)
			assert_true(s == AS_ADOPTED || g->hh_status[s] > 0);
		void *st = g;
		teardown(&st);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_counts_and_order),
		cmocka_unit_test(test_every_event_legal),
		cmocka_unit_test(test_every_status_present),
		cmocka_unit_test(test_dates_within_life_and_today),
		cmocka_unit_test(test_timings),
		cmocka_unit_test(test_sibling_groups),
		cmocka_unit_test(test_record_fields),
		cmocka_unit_test(test_links_and_clocks),
		cmocka_unit_test(test_sink_error_stops),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_fast_and_other_seeds),
		cmocka_unit_test(test_other_seeds_legal),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
