/*
 * panel: roles, quorum at its boundaries, item shapes, the recommendation
 * detail and the ADM decision clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/workdays.h"
#include "domain/panel.h"

static raa_day D(const char *iso)
{
	raa_day d = DAY_NONE;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

static struct panel_member member(int seat, int chair, const char *qualified)
{
	return (struct panel_member){ .name = "M", .seat = seat, .chair = chair,
				      .qualified = qualified ? D(qualified) : DAY_NONE,
				      .active = true };
}

/* ---- roles ----------------------------------------------------------- */

static void test_role_parse(void **state)
{
	(void)state;
	struct raa_err err;
	int seat, chair;
	char out[PANEL_ROLE_MAX];
	assert_int_equal(panel_role_parse("social_worker", &seat, &chair, &err), 0);
	assert_int_equal(seat, PANEL_SEAT_SOCIAL_WORKER);
	assert_int_equal(chair, PANEL_CHAIR_NONE);
	assert_int_equal(panel_role_parse("independent,chair", &seat, &chair, &err), 0);
	assert_int_equal(seat, PANEL_SEAT_INDEPENDENT);
	assert_int_equal(chair, PANEL_CHAIR_CHAIR);
	panel_role_format(seat, chair, out);
	assert_string_equal(out, "independent,chair");
	/* order does not matter; a chair alone sits in the seat "other" */
	assert_int_equal(panel_role_parse("vice_chair,social_worker", &seat, &chair, &err), 0);
	assert_int_equal(seat, PANEL_SEAT_SOCIAL_WORKER);
	assert_int_equal(chair, PANEL_CHAIR_VICE);
	assert_int_equal(panel_role_parse("chair", &seat, &chair, &err), 0);
	assert_int_equal(seat, PANEL_SEAT_OTHER);
	assert_int_equal(chair, PANEL_CHAIR_CHAIR);
	panel_role_format(PANEL_SEAT_MEDICAL_ADVISER, PANEL_CHAIR_NONE, out);
	assert_string_equal(out, "medical_adviser");
}

static void test_role_parse_refuses(void **state)
{
	(void)state;
	struct raa_err err;
	int seat = -7, chair = -7;
	const char *bad[] = { "", "nurse", "chair,vice_chair", "independent,social_worker",
			      "independent,chair,other", ",", NULL };
	for (size_t i = 0; bad[i]; i++) {
		assert_int_equal(panel_role_parse(bad[i], &seat, &chair, &err), RAA_EINVAL);
		assert_non_null(strstr(err.msg, "role: value"));
	}
	assert_int_equal(panel_role_parse(NULL, &seat, &chair, &err), RAA_EINVAL);
	assert_int_equal(seat, -7); /* untouched on refusal */
}

/* ---- the qualifying social worker ------------------------------------ */

static void test_sw_three_year_anniversary(void **state)
{
	(void)state;
	struct panel_member sw = member(PANEL_SEAT_SOCIAL_WORKER, 0, "2021-05-10");
	assert_false(panel_sw_qualifies(&sw, D("2024-05-09")));
	assert_true(panel_sw_qualifies(&sw, D("2024-05-10")));
	assert_true(panel_sw_qualifies(&sw, D("2024-05-11")));
}

static void test_sw_29_february(void **state)
{
	(void)state;
	struct panel_member sw = member(PANEL_SEAT_SOCIAL_WORKER, 0, "2020-02-29");
	assert_false(panel_sw_qualifies(&sw, D("2023-02-27")));
	/* 2023 has no 29 February: the third year completes on the 28th */
	assert_true(panel_sw_qualifies(&sw, D("2023-02-28")));
	assert_true(panel_sw_qualifies(&sw, D("2023-03-01")));
	/* qualified 28 Feb in a leap year: not complete until 28 Feb */
	struct panel_member sw2 = member(PANEL_SEAT_SOCIAL_WORKER, 0, "2021-02-28");
	assert_false(panel_sw_qualifies(&sw2, D("2024-02-27")));
	assert_true(panel_sw_qualifies(&sw2, D("2024-02-28")));
}

static void test_sw_needs_seat_and_date(void **state)
{
	(void)state;
	struct panel_member ind = member(PANEL_SEAT_INDEPENDENT, 0, "2000-01-01");
	struct panel_member unknown = member(PANEL_SEAT_SOCIAL_WORKER, 0, NULL);
	assert_false(panel_sw_qualifies(&ind, D("2024-01-01")));
	assert_false(panel_sw_qualifies(&unknown, D("2024-01-01")));
}

/* ---- quorum ------------------------------------------------------------ */

struct sitting {
	struct panel_member m[8];
	const struct panel_member *p[8];
	size_t n;
};

static void sit(struct sitting *s, struct panel_member m)
{
	s->m[s->n] = m;
	s->p[s->n] = &s->m[s->n];
	s->n++;
}

/* chair, qualifying social worker (qualified 2021-05-10) and `others`. */
static void quorate_panel(struct sitting *s, int others)
{
	memset(s, 0, sizeof *s);
	sit(s, member(PANEL_SEAT_INDEPENDENT, PANEL_CHAIR_CHAIR, NULL));
	sit(s, member(PANEL_SEAT_SOCIAL_WORKER, 0, "2021-05-10"));
	for (int i = 0; i < others; i++)
		sit(s, member(i % 2 ? PANEL_SEAT_MEDICAL_ADVISER : PANEL_SEAT_INDEPENDENT, 0, NULL));
}

static void test_quorum_five_members(void **state)
{
	(void)state;
	struct sitting s;
	struct panel_quorum q;
	struct buf why;
	quorate_panel(&s, 3);
	panel_quorum(s.p, s.n, D("2024-06-01"), &q);
	assert_true(q.met);
	assert_int_equal(q.present, 5);

	quorate_panel(&s, 2);
	panel_quorum(s.p, s.n, D("2024-06-01"), &q);
	assert_false(q.met);
	assert_true(q.chair);
	assert_true(q.social_worker);
	buf_init(&why, 0);
	panel_quorum_explain(&q, &why);
	assert_string_equal(buf_cstr(&why), "4 members present, at least 5 needed");
	buf_free(&why);
}

static void test_quorum_needs_chair(void **state)
{
	(void)state;
	struct sitting s;
	struct panel_quorum q;
	struct buf why;
	quorate_panel(&s, 4);
	s.m[0].chair = PANEL_CHAIR_NONE;
	panel_quorum(s.p, s.n, D("2024-06-01"), &q);
	assert_false(q.met);
	buf_init(&why, 0);
	panel_quorum_explain(&q, &why);
	assert_string_equal(buf_cstr(&why), "no chair or vice chair present");
	buf_free(&why);
	/* a vice chair will do */
	s.m[3].chair = PANEL_CHAIR_VICE;
	panel_quorum(s.p, s.n, D("2024-06-01"), &q);
	assert_true(q.met);
}

static void test_quorum_social_worker_boundary(void **state)
{
	(void)state;
	struct sitting s;
	struct panel_quorum q;
	struct buf why;
	quorate_panel(&s, 3);
	panel_quorum(s.p, s.n, D("2024-05-09"), &q); /* the day before the 3rd anniversary */
	assert_false(q.met);
	assert_false(q.social_worker);
	buf_init(&why, 0);
	panel_quorum_explain(&q, &why);
	assert_non_null(strstr(buf_cstr(&why), "no social worker with 3 years"));
	buf_free(&why);
	panel_quorum(s.p, s.n, D("2024-05-10"), &q);
	assert_true(q.met);
}

static void test_quorum_explains_everything(void **state)
{
	(void)state;
	struct panel_quorum q;
	struct buf why;
	panel_quorum(NULL, 0, D("2024-06-01"), &q);
	assert_false(q.met);
	buf_init(&why, 0);
	panel_quorum_explain(&q, &why);
	assert_string_equal(buf_cstr(&why),
			    "0 members present, at least 5 needed; no chair or vice chair present; "
			    "no social worker with 3 years' post-qualifying experience present");
	buf_free(&why);
}

/* ---- items ----------------------------------------------------------- */

static void test_item_kinds_and_shapes(void **state)
{
	(void)state;
	struct raa_err err;
	assert_int_equal(panel_item_kind_parse("match"), PANEL_ITEM_MATCH);
	assert_int_equal(panel_item_kind_parse("should_be_placed"), PANEL_ITEM_SHOULD_BE_PLACED);
	assert_int_equal(panel_item_kind_parse("matching"), -1);
	assert_string_equal(panel_item_kind_name(PANEL_ITEM_APPROVAL), "approval");

	assert_int_equal(panel_item_check(PANEL_ITEM_APPROVAL, "A1", 0, &err), 0);
	assert_int_equal(panel_item_check(PANEL_ITEM_APPROVAL, NULL, 0, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "adopter"));
	assert_int_equal(panel_item_check(PANEL_ITEM_APPROVAL, "A1", 1, &err), RAA_EINVAL);
	assert_int_equal(panel_item_check(PANEL_ITEM_MATCH, "A1", 2, &err), 0);
	assert_int_equal(panel_item_check(PANEL_ITEM_MATCH, "A1", 0, &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "child"));
	assert_int_equal(panel_item_check(PANEL_ITEM_SHOULD_BE_PLACED, NULL, 1, &err), 0);
	assert_int_equal(panel_item_check(PANEL_ITEM_SHOULD_BE_PLACED, "A1", 1, &err), RAA_EINVAL);
	assert_int_equal(panel_item_check(PANEL_ITEM_SHOULD_BE_PLACED, NULL, 2, &err), RAA_EINVAL);

	assert_int_equal(panel_item_event(PANEL_ITEM_APPROVAL), EV_APPROVAL_PANEL);
	assert_int_equal(panel_item_event(PANEL_ITEM_MATCH), EV_MATCHING_PANEL);
	assert_int_equal(panel_item_event(PANEL_ITEM_SHOULD_BE_PLACED), EV_NONE);
}

static void test_event_detail(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	panel_event_detail(true, "Strong match; sibling contact planned", &b);
	assert_string_equal(buf_cstr(&b),
			    "recommendation=yes; reasons=Strong match; sibling contact planned");
	buf_reset(&b);
	panel_event_detail(false, "Needs more support plan", &b);
	assert_string_equal(buf_cstr(&b), "recommendation=no; reasons=Needs more support plan");
	buf_free(&b);
}

/* ---- ADM clock ------------------------------------------------------- */

static struct event_rec ev(int kind, enum record_type type, const char *date)
{
	return (struct event_rec){ .kind = kind, .type = type, .date = D(date) };
}

static void test_adm_clock_working_days(void **state)
{
	(void)state;
	struct clock_duration seven = { 7, CU_WORKING_DAYS };
	struct panel_adm adm;
	/* Thursday 2024-05-02: Monday 6 May is a bank holiday, so 7 working
	 * days land on Tuesday 14 May, not Monday 13 May. */
	panel_adm_clock(PANEL_ITEM_APPROVAL, D("2024-05-02"), &seven, NULL, NULL, 0,
			D("2024-05-14"), &adm);
	assert_int_equal(adm.due, D("2024-05-14"));
	assert_int_equal(adm.decided, DAY_NONE);
	assert_int_equal(adm.overdue_days, 0);
	panel_adm_clock(PANEL_ITEM_APPROVAL, D("2024-05-02"), &seven, NULL, NULL, 0,
			D("2024-05-17"), &adm);
	assert_int_equal(adm.overdue_days, 3);

	/* a local closure pushes it on a further day */
	struct workcal *cal = workcal_new();
	workcal_add_closure(cal, D("2024-05-10"));
	panel_adm_clock(PANEL_ITEM_APPROVAL, D("2024-05-02"), &seven, cal, NULL, 0,
			D("2024-05-02"), &adm);
	assert_int_equal(adm.due, D("2024-05-15"));
	workcal_free(cal);
}

static void test_adm_clock_stops_on_decision(void **state)
{
	(void)state;
	struct clock_duration seven = { 7, CU_WORKING_DAYS };
	struct panel_adm adm;
	struct event_rec evs[] = {
		ev(EV_APPROVED, REC_ADOPTER, "2023-01-10"),      /* an earlier approval: not this one */
		ev(EV_MATCH_DECISION, REC_ADOPTER, "2024-06-05"), /* the household's mirror */
		ev(EV_MATCH_DECISION, REC_CHILD, "2024-06-07"),
	};
	const struct event_rec *p[] = { &evs[0], &evs[1], &evs[2] };
	panel_adm_clock(PANEL_ITEM_MATCH, D("2024-06-03"), &seven, NULL, p, 3, D("2024-07-01"), &adm);
	assert_int_equal(adm.decided, D("2024-06-07"));
	assert_int_equal(adm.overdue_days, 0);
	/* approval item: the 2023 approval predates the panel */
	panel_adm_clock(PANEL_ITEM_APPROVAL, D("2024-06-03"), &seven, NULL, p, 3, D("2024-07-01"), &adm);
	assert_int_equal(adm.decided, DAY_NONE);
	assert_true(adm.overdue_days > 0);

	struct event_rec sbp[] = { ev(EV_SHOULD_BE_PLACED, REC_CHILD, "2024-06-03") };
	const struct event_rec *ps[] = { &sbp[0] };
	panel_adm_clock(PANEL_ITEM_SHOULD_BE_PLACED, D("2024-06-03"), &seven, NULL, ps, 1,
			D("2024-07-01"), &adm);
	assert_int_equal(adm.decided, D("2024-06-03"));
	struct event_rec ended[] = { ev(EV_LINK_ENDED, REC_CHILD, "2024-06-04") };
	const struct event_rec *pe[] = { &ended[0] };
	panel_adm_clock(PANEL_ITEM_MATCH, D("2024-06-03"), &seven, NULL, pe, 1, D("2024-07-01"), &adm);
	assert_int_equal(adm.decided, D("2024-06-04"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_parse),
		cmocka_unit_test(test_role_parse_refuses),
		cmocka_unit_test(test_sw_three_year_anniversary),
		cmocka_unit_test(test_sw_29_february),
		cmocka_unit_test(test_sw_needs_seat_and_date),
		cmocka_unit_test(test_quorum_five_members),
		cmocka_unit_test(test_quorum_needs_chair),
		cmocka_unit_test(test_quorum_social_worker_boundary),
		cmocka_unit_test(test_quorum_explains_everything),
		cmocka_unit_test(test_item_kinds_and_shapes),
		cmocka_unit_test(test_event_detail),
		cmocka_unit_test(test_adm_clock_working_days),
		cmocka_unit_test(test_adm_clock_stops_on_decision),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
