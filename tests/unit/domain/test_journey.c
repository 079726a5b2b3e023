#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/journey.h"

#include "journey_builder.h"

static void jb_init(struct jb *b, enum record_type type, const char *id, int base)
{
	jb_setup(b, type, id, base);
}

static struct event_rec *add(struct jb *b, int kind, const char *date)
{
	return jb_add(b, kind, date);
}

static struct event_rec *add_col(struct jb *b, int kind, const char *date)
{
	struct event_rec *e = add(b, kind, date);
	e->origin = ORIGIN_COLUMN;
	return e;
}

/* A candidate event, not in the journey. */
static struct event_rec cand(const struct jb *b, int kind, const char *date)
{
	struct event_rec e;
	memset(&e, 0, sizeof e);
	e.id = 1000;
	e.record = b->j.id;
	e.type = b->j.type;
	e.kind = kind;
	e.date = date ? D(date) : DAY_NONE;
	if (b->j.type == REC_CHILD && event_kind_names_adopter(kind))
		e.adopter = "A1";
	return e;
}

static raa_day TODAY;

static int check(struct jb *b, const struct event_rec *e, struct raa_err *err)
{
	raa_err_clear(err);
	return journey_check(J(b), e, TODAY, err);
}

static int setup(void **state)
{
	(void)state;
	TODAY = D("2026-11-23");
	return 0;
}

/* ---- order ---- */

static void test_sort_by_date_then_id(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	add(&b, EV_LINKED, "2024-03-01")->id = 9;
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01")->id = 5;
	add(&b, EV_LINK_ENDED, "2024-03-01")->id = 7;
	const struct journey *j = J(&b);
	assert_int_equal(j->ev[0]->id, 5);
	assert_int_equal(j->ev[1]->id, 7);
	assert_int_equal(j->ev[2]->id, 9);
	assert_true(journey_event_cmp(j->ev[1], j->ev[2]) < 0);
	assert_true(journey_event_cmp(j->ev[2], j->ev[1]) > 0);
	assert_int_equal(journey_event_cmp(j->ev[0], j->ev[0]), 0);
	/* Same day: the later recording decides (linked id 9 after link_ended). */
	assert_int_equal(journey_status(j, D("2024-03-01")), CS_LINKED);
}

/* ---- status tables ---- */

struct row {
	int kind;
	int status;
};

static void test_child_targets(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{ EV_ENTERED_CARE, CS_TRACKING },   { EV_EARLY_REFERRAL, CS_TRACKING },
		{ EV_SHOULD_BE_PLACED, CS_WAITING }, { EV_LINKED, CS_LINKED },
		{ EV_LINK_ENDED, CS_WAITING },       { EV_MATCH_DECISION, CS_MATCHED },
		{ EV_PLACED, CS_PLACED },            { EV_ADOPTION_ORDER, CS_ADOPTED },
		{ EV_PLAN_CHANGED, CS_PLAN_CHANGED }, { EV_DISRUPTION, CS_WAITING },
		{ EV_LEFT_CARE, CS_LEFT },
		/* not status-bearing */
		{ EV_PLACEMENT_ORDER, CS_NONE },     { EV_REGISTER_REFERRAL, CS_NONE },
		{ EV_FAMILY_FINDER_ALLOCATED, CS_NONE }, { EV_MATCHING_PANEL, CS_NONE },
		{ EV_FOSTERED_BY_ADOPTERS, CS_NONE },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct jb b;
		jb_init(&b, REC_CHILD, "C1", CS_NONE);
		/* From 'matched' so that a non-status-bearing kind shows up. */
		add(&b, EV_MATCH_DECISION, "2024-01-01");
		add(&b, rows[i].kind, "2024-02-01");
		int want = rows[i].status == CS_NONE ? CS_MATCHED : rows[i].status;
		assert_int_equal(journey_status_target(REC_CHILD, rows[i].kind), rows[i].status);
		assert_int_equal(journey_status(J(&b), D("2024-02-01")), want);
		/* The day before, the second event does not count yet. */
		assert_int_equal(journey_status(J(&b), D("2024-01-31")), CS_MATCHED);
	}
}

static void test_adopter_targets(void **state)
{
	(void)state;
	static const struct row rows[] = {
		{ EV_ENQUIRY, AS_ENQUIRY },        { EV_ROI, AS_STAGE1 },
		{ EV_STAGE2_NOTICE, AS_STAGE2 },   { EV_APPROVED, AS_APPROVED },
		{ EV_OFF_HOLD, AS_APPROVED },      { EV_LINK_ENDED, AS_APPROVED },
		{ EV_ON_HOLD, AS_ON_HOLD },        { EV_LINKED, AS_LINKED },
		{ EV_MATCH_DECISION, AS_MATCHED }, { EV_PLACED, AS_PLACED },
		{ EV_WITHDRAWN, AS_WITHDRAWN },    { EV_DEREGISTERED, AS_WITHDRAWN },
		{ EV_NOT_APPROVED, AS_WITHDRAWN },
		/* not status-bearing */
		{ EV_INFORMATION_EVENT, AS_NONE }, { EV_STAGE1_DECISION, AS_NONE },
		{ EV_CHECK_REQUESTED, AS_NONE },   { EV_CHECK_RECEIVED, AS_NONE },
		{ EV_PAR_COMPLETE, AS_NONE },      { EV_APPROVAL_PANEL, AS_NONE },
		{ EV_REVIEW, AS_NONE },            { EV_REGISTER_REFERRAL, AS_NONE },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct jb b;
		jb_init(&b, REC_ADOPTER, "A1", AS_NONE);
		add(&b, EV_ROI, "2024-01-01");
		add(&b, rows[i].kind, "2024-02-01");
		int want = rows[i].status == AS_NONE ? AS_STAGE1 : rows[i].status;
		assert_int_equal(journey_status_target(REC_ADOPTER, rows[i].kind), rows[i].status);
		assert_int_equal(journey_status(J(&b), D("2024-02-01")), want);
	}
}

static void test_second_approval(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, "A1", AS_NONE);
	add(&b, EV_STAGE2_NOTICE, "2023-01-01");
	add(&b, EV_APPROVED, "2023-06-01");
	add(&b, EV_WITHDRAWN, "2024-01-01");
	add(&b, EV_APPROVED, "2025-01-01");
	assert_int_equal(journey_status(J(&b), D("2024-06-01")), AS_WITHDRAWN);
	assert_int_equal(journey_status(J(&b), D("2025-01-01")), AS_APPROVED);
}

static void test_status_defaults(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	assert_int_equal(journey_status(J(&b), INT32_MAX), CS_TRACKING);
	jb_init(&b, REC_ADOPTER, "A1", AS_NONE);
	assert_int_equal(journey_status(J(&b), INT32_MAX), AS_ENQUIRY);
	jb_init(&b, REC_CHILD, "C1", CS_MATCHED);
	assert_int_equal(journey_status(J(&b), INT32_MAX), CS_MATCHED);
	/* Only non-status-bearing events: still the base. */
	add(&b, EV_PLACEMENT_ORDER, "2024-01-01");
	assert_int_equal(journey_status(J(&b), INT32_MAX), CS_MATCHED);
	/* An event before the first: nothing yet, so the default. */
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01");
	assert_int_equal(journey_status(J(&b), D("2023-12-31")), CS_TRACKING);
}

static void test_column_origin_with_base(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, "C1", CS_LINKED);
	add_col(&b, EV_ENTERED_CARE, "2022-01-01");
	add_col(&b, EV_SHOULD_BE_PLACED, "2023-01-01");
	add(&b, EV_MATCH_DECISION, "2024-05-01");
	assert_int_equal(journey_status(J(&b), D("2023-06-01")), CS_LINKED);
	assert_int_equal(journey_status(J(&b), D("2024-05-01")), CS_MATCHED);
	assert_int_equal(journey_status(J(&b), INT32_MAX), CS_MATCHED);
}

static void test_column_origin_without_base(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, "A1", AS_NONE);
	add_col(&b, EV_ENQUIRY, "2022-01-01");
	add_col(&b, EV_ROI, "2022-02-01");
	add_col(&b, EV_STAGE2_NOTICE, "2022-05-01");
	assert_int_equal(journey_status(J(&b), INT32_MAX), AS_STAGE2);
	assert_int_equal(journey_status(J(&b), D("2022-02-01")), AS_STAGE1);
}

static void test_supersede(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01");                 /* id 1 */
	add(&b, EV_MATCH_DECISION, "2024-03-01");                   /* id 2 */
	add(&b, EV_PLACED, "2024-04-01");                           /* id 3 */
	add(&b, EV_PLACED, "2024-05-01")->supersedes = 3;           /* id 4 */
	const struct journey *j = J(&b);
	assert_true(journey_superseded(j, &b.ev[2]));
	assert_false(journey_superseded(j, &b.ev[3]));
	assert_int_equal(journey_status(j, D("2024-04-15")), CS_MATCHED);
	assert_int_equal(journey_status(j, D("2024-05-01")), CS_PLACED);
	assert_ptr_equal(journey_first(j, EV_PLACED), &b.ev[3]);
	assert_ptr_equal(journey_last(j, EV_PLACED, INT32_MAX), &b.ev[3]);
	assert_null(journey_last(j, EV_PLACED, D("2024-04-30")));
	/* A correction of another kind counts with its own kind. */
	add(&b, EV_PLAN_CHANGED, "2024-01-01")->supersedes = 1;
	j = J(&b);
	assert_null(journey_first(j, EV_SHOULD_BE_PLACED));
	assert_int_equal(journey_status(j, D("2024-02-01")), CS_PLAN_CHANGED);
}

static void test_last_first(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	add(&b, EV_ENTERED_CARE, "2020-01-01");
	add(&b, EV_ENTERED_CARE, "2022-01-01");
	add(&b, EV_ENTERED_CARE, "2022-01-01");
	const struct journey *j = J(&b);
	assert_ptr_equal(journey_first(j, EV_ENTERED_CARE), &b.ev[0]);
	assert_ptr_equal(journey_last(j, EV_ENTERED_CARE, INT32_MAX), &b.ev[2]);
	assert_ptr_equal(journey_last(j, EV_ENTERED_CARE, D("2021-12-31")), &b.ev[0]);
	assert_null(journey_last(j, EV_ENTERED_CARE, D("2019-12-31")));
	assert_null(journey_first(j, EV_PLACED));
}

/* ---- legality ---- */

static void test_placed_needs_sbp(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_CHILD, "C12", CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-03-02");
	struct event_rec e = cand(&b, EV_PLACED, "2024-03-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_int_equal(err.code, RAA_EINVAL);
	assert_string_equal(err.msg, "C12: placed on 2024-03-01: expected a should_be_placed "
				     "on or before that date");
	e = cand(&b, EV_PLACED, "2024-03-02");
	assert_int_equal(check(&b, &e, &err), 0);
}

static void test_child_sbp_prereqs(void **state)
{
	(void)state;
	static const int kinds[] = { EV_LINKED, EV_MATCH_DECISION, EV_PLACED,
				     EV_REGISTER_REFERRAL, EV_PLAN_CHANGED };
	struct raa_err err;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct jb b;
		jb_init(&b, REC_CHILD, "C1", CS_NONE);
		add(&b, EV_ENTERED_CARE, "2023-01-01");
		struct event_rec e = cand(&b, kinds[i], "2024-01-01");
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
		assert_non_null(strstr(err.msg, "expected a should_be_placed"));
		add(&b, EV_SHOULD_BE_PLACED, "2024-01-01");
		assert_int_equal(check(&b, &e, &err), 0);
		/* A migrated status past the decision vouches for it. */
		jb_init(&b, REC_CHILD, "C1", CS_WAITING);
		assert_int_equal(check(&b, &e, &err), 0);
		jb_init(&b, REC_CHILD, "C1", CS_TRACKING);
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	}
}

static void test_linked_prereqs(void **state)
{
	(void)state;
	static const int kinds[] = { EV_MATCHING_PANEL, EV_LINK_ENDED };
	struct raa_err err;
	for (size_t i = 0; i < 2; i++) {
		struct jb b;
		jb_init(&b, REC_CHILD, "C1", CS_NONE);
		add(&b, EV_SHOULD_BE_PLACED, "2023-01-01");
		add(&b, EV_LINKED, "2024-01-02");
		struct event_rec e = cand(&b, kinds[i], "2024-01-01");
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
		assert_non_null(strstr(err.msg, "expected a linked on or before that date"));
		e = cand(&b, kinds[i], "2024-01-02");
		assert_int_equal(check(&b, &e, &err), 0);
		/* Base linked vouches only when no linked event exists at all. */
		jb_init(&b, REC_CHILD, "C1", CS_LINKED);
		add_col(&b, EV_SHOULD_BE_PLACED, "2023-01-01");
		e = cand(&b, kinds[i], "2024-01-01");
		assert_int_equal(check(&b, &e, &err), 0);
		add(&b, EV_LINKED, "2024-02-01");
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	}
}

static void test_placed_prereqs(void **state)
{
	(void)state;
	static const int kinds[] = { EV_ADOPTION_ORDER, EV_DISRUPTION };
	struct raa_err err;
	for (size_t i = 0; i < 2; i++) {
		struct jb b;
		jb_init(&b, REC_CHILD, "C1", CS_NONE);
		add(&b, EV_SHOULD_BE_PLACED, "2023-01-01");
		add(&b, EV_PLACED, "2024-06-01");
		struct event_rec e = cand(&b, kinds[i], "2024-05-31");
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
		assert_non_null(strstr(err.msg, "expected a placed on or before"));
		e = cand(&b, kinds[i], "2024-06-01");
		assert_int_equal(check(&b, &e, &err), 0);
		jb_init(&b, REC_CHILD, "C1", CS_PLACED);
		assert_int_equal(check(&b, &e, &err), 0);
		jb_init(&b, REC_CHILD, "C1", CS_MATCHED);
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	}
}

static void test_after_adoption(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2022-01-01");
	add(&b, EV_PLACED, "2023-01-01");
	add(&b, EV_ADOPTION_ORDER, "2024-01-01");
	struct event_rec e = cand(&b, EV_SHOULD_BE_PLACED, "2024-02-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_string_equal(err.msg, "C1: should_be_placed on 2024-02-01: the child was adopted "
				     "(adoption_order on 2024-01-01), expected only entered_care "
				     "or left_care after that");
	e = cand(&b, EV_LINKED, "2024-02-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	/* Before the order, still fine. */
	e = cand(&b, EV_FAMILY_FINDER_ALLOCATED, "2023-12-31");
	assert_int_equal(check(&b, &e, &err), 0);
	e = cand(&b, EV_ENTERED_CARE, "2024-02-01");
	assert_int_equal(check(&b, &e, &err), 0);
	e = cand(&b, EV_LEFT_CARE, "2024-02-01");
	assert_int_equal(check(&b, &e, &err), 0);
	/* A new period of care opens the journey again. */
	add(&b, EV_ENTERED_CARE, "2025-01-01");
	e = cand(&b, EV_SHOULD_BE_PLACED, "2025-02-01");
	assert_int_equal(check(&b, &e, &err), 0);
}

static void test_reimport_linked(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_CHILD, "C1", CS_LINKED);
	add_col(&b, EV_ENTERED_CARE, "2022-01-01");
	add_col(&b, EV_SHOULD_BE_PLACED, "2023-01-01");
	struct event_rec e = cand(&b, EV_LINKED, "2024-01-01");
	assert_int_equal(check(&b, &e, &err), 0);
	/* An exported adopted child: its events import again in order. */
	jb_init(&b, REC_CHILD, "C1", CS_ADOPTED);
	add_col(&b, EV_SHOULD_BE_PLACED, "2022-01-01");
	static const int kinds[] = { EV_LINKED, EV_MATCHING_PANEL, EV_MATCH_DECISION,
				     EV_PLACED, EV_ADOPTION_ORDER };
	static const char *dates[] = { "2022-06-01", "2022-07-01", "2022-07-08", "2022-08-01",
				       "2023-03-01" };
	for (size_t i = 0; i < 5; i++) {
		e = cand(&b, kinds[i], dates[i]);
		assert_int_equal(check(&b, &e, &err), 0);
		add(&b, kinds[i], dates[i]);
	}
	assert_int_equal(journey_status(J(&b), INT32_MAX), CS_ADOPTED);
}

static void test_household_reimport(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	/* Exported as placed: the migrated status does not refuse a link. */
	jb_init(&b, REC_ADOPTER, "A7", AS_PLACED);
	add_col(&b, EV_ROI, "2022-01-01");
	add_col(&b, EV_STAGE2_NOTICE, "2022-03-01");
	add_col(&b, EV_APPROVED, "2022-09-01");
	struct event_rec e = cand(&b, EV_LINKED, "2023-01-01");
	assert_int_equal(check(&b, &e, &err), 0);
}

static void test_dob_and_today(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_CHILD, "C12", CS_WAITING);
	b.j.dob = D("2021-06-02");
	struct event_rec e = cand(&b, EV_LINKED, "2020-01-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_string_equal(err.msg, "C12: linked on 2020-01-01: date is before the child's date "
				     "of birth 2021-06-02");
	e = cand(&b, EV_ENTERED_CARE, "2021-06-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	e = cand(&b, EV_ENTERED_CARE, "2021-06-02");
	assert_int_equal(check(&b, &e, &err), 0);

	e = cand(&b, EV_PLACED, "2031-01-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_string_equal(err.msg, "C12: placed on 2031-01-01: date is after today (2026-11-23)");
	e = cand(&b, EV_PLACED, "2026-11-24");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	e = cand(&b, EV_PLACED, "2026-11-23");
	assert_int_equal(check(&b, &e, &err), 0);

	e = cand(&b, EV_PLACED, NULL);
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "C12: placed: date is missing"));
}

static void test_adopter_named(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_CHILD, "C12", CS_WAITING);
	struct event_rec e = cand(&b, EV_LINKED, "2024-01-01");
	e.adopter = NULL;
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_string_equal(err.msg,
			    "C12: linked on 2024-01-01: expected the adopter household it names");
	e.adopter = "";
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	e = cand(&b, EV_FOSTERED_BY_ADOPTERS, "2024-01-01");
	e.adopter = NULL;
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	e = cand(&b, EV_SHOULD_BE_PLACED, "2024-01-01");
	e.adopter = "A3";
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "adopter 'A3' given, expected none"));
	e.adopter = NULL;
	assert_int_equal(check(&b, &e, &err), 0);
}

static void test_kind_for_type(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	struct event_rec e = cand(&b, EV_ROI, "2024-01-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "C1: event kind 'roi' on 2024-01-01: expected a child"));
	assert_non_null(strstr(err.msg, "entered_care"));
	jb_init(&b, REC_ADOPTER, "A1", AS_NONE);
	e = cand(&b, EV_ADOPTION_ORDER, "2024-01-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	e = cand(&b, EV_NONE, "2024-01-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	/* A household can be referred to a wider search. */
	add(&b, EV_STAGE2_NOTICE, "2023-01-01");
	add(&b, EV_APPROVED, "2023-06-01");
	e = cand(&b, EV_REGISTER_REFERRAL, "2023-09-01");
	assert_int_equal(check(&b, &e, &err), 0);
}

static void test_approved_needs_stage2(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_ADOPTER, "A3", AS_NONE);
	add(&b, EV_ROI, "2023-01-01");
	struct event_rec e = cand(&b, EV_APPROVED, "2024-05-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_string_equal(err.msg, "A3: approved on 2024-05-01: expected a stage2_notice on or "
				     "before that date");
	static const int kinds[] = { EV_NOT_APPROVED, EV_PAR_COMPLETE, EV_APPROVAL_PANEL };
	for (size_t i = 0; i < 3; i++) {
		e = cand(&b, kinds[i], "2024-05-01");
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	}
	add(&b, EV_STAGE2_NOTICE, "2024-05-01");
	e = cand(&b, EV_APPROVED, "2024-05-01");
	assert_int_equal(check(&b, &e, &err), 0);
	e = cand(&b, EV_APPROVED, "2024-04-30");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
}

static void test_approved_after_base_stage2(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_ADOPTER, "A3", AS_STAGE2);
	add_col(&b, EV_ROI, "2023-01-01");
	struct event_rec e = cand(&b, EV_APPROVED, "2024-05-01");
	assert_int_equal(check(&b, &e, &err), 0);
	jb_init(&b, REC_ADOPTER, "A3", AS_STAGE1);
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	jb_init(&b, REC_ADOPTER, "A3", AS_WITHDRAWN);
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
}

static void test_second_approval_legal(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_ADOPTER, "A3", AS_NONE);
	add(&b, EV_STAGE2_NOTICE, "2022-01-01");
	add(&b, EV_APPROVED, "2022-06-01");
	add(&b, EV_WITHDRAWN, "2023-01-01");
	struct event_rec e = cand(&b, EV_APPROVED, "2024-01-01");
	assert_int_equal(check(&b, &e, &err), 0);
}

static void test_stage1_decision_needs_roi(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_ADOPTER, "A3", AS_NONE);
	add(&b, EV_ENQUIRY, "2024-01-01");
	add(&b, EV_ROI, "2024-02-01");
	struct event_rec e = cand(&b, EV_STAGE1_DECISION, "2024-01-31");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "expected a roi on or before that date"));
	e = cand(&b, EV_STAGE1_DECISION, "2024-02-01");
	assert_int_equal(check(&b, &e, &err), 0);
	jb_init(&b, REC_ADOPTER, "A3", AS_STAGE1);
	assert_int_equal(check(&b, &e, &err), 0);
	jb_init(&b, REC_ADOPTER, "A3", AS_ENQUIRY);
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
}

static void test_adopter_approved_prereqs(void **state)
{
	(void)state;
	static const int kinds[] = { EV_LINKED, EV_MATCH_DECISION, EV_PLACED,
				     EV_ON_HOLD, EV_REVIEW, EV_REGISTER_REFERRAL };
	struct raa_err err;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct jb b;
		jb_init(&b, REC_ADOPTER, "A3", AS_NONE);
		add(&b, EV_STAGE2_NOTICE, "2023-01-01");
		add(&b, EV_APPROVED, "2024-01-02");
		struct event_rec e = cand(&b, kinds[i], "2024-01-01");
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
		assert_non_null(strstr(err.msg, "expected an approved on or before that date"));
		e = cand(&b, kinds[i], "2024-01-02");
		assert_int_equal(check(&b, &e, &err), 0);
		jb_init(&b, REC_ADOPTER, "A3", AS_APPROVED);
		assert_int_equal(check(&b, &e, &err), 0);
		jb_init(&b, REC_ADOPTER, "A3", AS_STAGE2);
		assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	}
}

static void test_household_link_status(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_ADOPTER, "A7", AS_NONE);
	add(&b, EV_STAGE2_NOTICE, "2023-01-01");
	add(&b, EV_APPROVED, "2023-06-01");
	add(&b, EV_ON_HOLD, "2024-01-01");
	struct event_rec e = cand(&b, EV_LINKED, "2024-02-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_string_equal(err.msg, "A7: linked on 2024-02-01: household is on_hold, expected "
				     "approved");
	/* Before going on hold it was approved. */
	e = cand(&b, EV_LINKED, "2023-12-31");
	assert_int_equal(check(&b, &e, &err), 0);
	add(&b, EV_OFF_HOLD, "2024-03-01");
	e = cand(&b, EV_LINKED, "2024-03-01");
	assert_int_equal(check(&b, &e, &err), 0);
	/* Linked: a sibling the same day is fine, another link later is not. */
	add(&b, EV_LINKED, "2024-04-01");
	e = cand(&b, EV_LINKED, "2024-04-01");
	assert_int_equal(check(&b, &e, &err), 0);
	e = cand(&b, EV_LINKED, "2024-04-02");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "household is linked, expected approved"));
	add(&b, EV_LINK_ENDED, "2024-05-01");
	e = cand(&b, EV_LINKED, "2024-05-02");
	assert_int_equal(check(&b, &e, &err), 0);
	add(&b, EV_WITHDRAWN, "2024-06-01");
	e = cand(&b, EV_LINKED, "2024-06-02");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "household is withdrawn"));
}

static void test_off_hold_and_link_ended(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_ADOPTER, "A7", AS_NONE);
	add(&b, EV_STAGE2_NOTICE, "2023-01-01");
	add(&b, EV_APPROVED, "2023-06-01");
	struct event_rec e = cand(&b, EV_OFF_HOLD, "2023-07-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_string_equal(err.msg, "A7: off_hold on 2023-07-01: household is approved, expected "
				     "on_hold");
	add(&b, EV_ON_HOLD, "2023-07-01");
	assert_int_equal(check(&b, &e, &err), 0);
	e = cand(&b, EV_LINK_ENDED, "2023-08-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "expected a linked on or before"));
	/* Migrated on hold: off_hold needs nothing more. */
	jb_init(&b, REC_ADOPTER, "A7", AS_ON_HOLD);
	e = cand(&b, EV_OFF_HOLD, "2023-07-01");
	assert_int_equal(check(&b, &e, &err), 0);
}

static void test_superseded_prereq(void **state)
{
	(void)state;
	struct jb b;
	struct raa_err err;
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01");                 /* id 1 */
	add(&b, EV_SHOULD_BE_PLACED, "2024-03-01")->supersedes = 1; /* id 2 */
	struct event_rec e = cand(&b, EV_LINKED, "2024-02-01");
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	e = cand(&b, EV_LINKED, "2024-03-01");
	assert_int_equal(check(&b, &e, &err), 0);
	/* A candidate that corrects the prerequisite itself cannot rely on it. */
	jb_init(&b, REC_CHILD, "C1", CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01");
	add(&b, EV_LINKED, "2024-02-01");
	e = cand(&b, EV_LINKED, "2024-01-15");
	e.supersedes = 2;
	assert_int_equal(check(&b, &e, &err), 0);
	e = cand(&b, EV_PLACED, "2024-01-15");
	e.supersedes = 1;
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	e = cand(&b, EV_MATCHING_PANEL, "2024-03-01");
	e.supersedes = 2;
	assert_int_equal(check(&b, &e, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "expected a linked"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_by_date_then_id),
		cmocka_unit_test(test_child_targets),
		cmocka_unit_test(test_adopter_targets),
		cmocka_unit_test(test_second_approval),
		cmocka_unit_test(test_status_defaults),
		cmocka_unit_test(test_column_origin_with_base),
		cmocka_unit_test(test_column_origin_without_base),
		cmocka_unit_test(test_supersede),
		cmocka_unit_test(test_last_first),
		cmocka_unit_test(test_placed_needs_sbp),
		cmocka_unit_test(test_child_sbp_prereqs),
		cmocka_unit_test(test_linked_prereqs),
		cmocka_unit_test(test_placed_prereqs),
		cmocka_unit_test(test_after_adoption),
		cmocka_unit_test(test_reimport_linked),
		cmocka_unit_test(test_household_reimport),
		cmocka_unit_test(test_dob_and_today),
		cmocka_unit_test(test_adopter_named),
		cmocka_unit_test(test_kind_for_type),
		cmocka_unit_test(test_approved_needs_stage2),
		cmocka_unit_test(test_approved_after_base_stage2),
		cmocka_unit_test(test_second_approval_legal),
		cmocka_unit_test(test_stage1_decision_needs_roi),
		cmocka_unit_test(test_adopter_approved_prereqs),
		cmocka_unit_test(test_household_link_status),
		cmocka_unit_test(test_off_hold_and_link_ended),
		cmocka_unit_test(test_superseded_prereq),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
