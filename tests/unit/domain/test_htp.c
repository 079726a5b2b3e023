#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/htp.h"

#include "journey_builder.h"

static void jb_init(struct jb *b, int base)
{
	jb_setup(b, REC_CHILD, "C1", base);
}

static struct event_rec *add(struct jb *b, int kind, const char *date)
{
	return jb_add(b, kind, date);
}

/* A child with no reason at all: White British, no needs, on their own. */
static struct child_rec plain_child(void)
{
	struct child_rec c;
	memset(&c, 0, sizeof c);
	c.id = "C1";
	c.dob = D("2022-01-01");
	c.ethnicity = "WBRI";
	for (int i = 0; i < NEED_DIMS; i++)
		c.needs[i] = NEED_NONE;
	c.contact = CONTACT_NONE;
	c.base_status = CS_NONE;
	c.profile_updated = DAY_NONE;
	return c;
}

static void test_none(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	jb_init(&b, CS_NONE);
	add(&b, EV_ENTERED_CARE, "2023-01-01");
	add(&b, EV_SHOULD_BE_PLACED, "2023-06-01");
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
}

static void test_age_boundary(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	c.dob = D("2019-03-01");
	jb_init(&b, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-03-01"); /* 5th birthday */
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-06-01")), HTP_AGE_5_PLUS);
	/* Before the decision there is no decision day to be 5 on. */
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-02-29")), 0);

	jb_init(&b, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-02-29"); /* one day short */
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2026-06-01")), 0);
	/* The latest decision counts. */
	add(&b, EV_SHOULD_BE_PLACED, "2025-01-10");
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2026-06-01")), HTP_AGE_5_PLUS);
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2025-01-09")), 0);
	/* Date of birth unknown: not a reason. */
	c.dob = DAY_NONE;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2026-06-01")), 0);
}

static void test_sibling_group(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	jb_init(&b, CS_NONE);
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
	c.sibling_group = "G1";
	assert_int_equal(htp_reasons(&c, J(&b), 2, D("2024-01-01")), HTP_SIBLING_GROUP);
	assert_int_equal(htp_reasons(&c, J(&b), 4, D("2024-01-01")), HTP_SIBLING_GROUP);
}

static void test_disability(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	jb_init(&b, CS_NONE);
	c.needs[NEED_DISABILITY] = NEED_LOW;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
	c.needs[NEED_DISABILITY] = NEED_UNKNOWN;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
	c.needs[NEED_DISABILITY] = NEED_MEDIUM;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), HTP_DISABILITY);
	c.needs[NEED_DISABILITY] = NEED_HIGH;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), HTP_DISABILITY);
	/* Other dimensions are not reasons. */
	c.needs[NEED_DISABILITY] = NEED_NONE;
	c.needs[NEED_HEALTH] = NEED_HIGH;
	c.needs[NEED_BEHAVIOUR] = NEED_HIGH;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
}

static void test_ethnicity(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	jb_init(&b, CS_NONE);
	static const char *no[] = { "WBRI", "", "REFU", "NOBT" };
	for (size_t i = 0; i < 4; i++) {
		c.ethnicity = no[i];
		assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
	}
	c.ethnicity = NULL;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
	static const char *yes[] = { "WIRI", "WOTH", "MWBC", "BAFR", "CHNE", "OOTH", "WROM" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		c.ethnicity = yes[i];
		assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), HTP_ETHNICITY);
	}
}

static void test_waited_boundary(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	jb_init(&b, CS_NONE);
	add(&b, EV_ENTERED_CARE, "2023-01-15");
	/* Exactly 18 months is not more than 18 months. */
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-07-15")), 0);
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-07-16")), HTP_WAITED_18_MONTHS);
	/* Month-end: 31 Aug 2021 + 18 months = 28 Feb 2023. */
	jb_init(&b, CS_NONE);
	add(&b, EV_ENTERED_CARE, "2021-08-31");
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2023-02-28")), 0);
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2023-03-01")), HTP_WAITED_18_MONTHS);
	/* Entered care after the date asked: nothing yet. */
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2021-08-30")), 0);
	/* No entry to care known: no reason. */
	jb_init(&b, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2020-01-01");
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
	assert_int_equal(htp_reasons(&c, NULL, 1, D("2024-01-01")), 0);
}

static void test_waited_moved_in(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	jb_init(&b, CS_NONE);
	add(&b, EV_ENTERED_CARE, "2022-01-01");
	add(&b, EV_SHOULD_BE_PLACED, "2022-06-01");
	add(&b, EV_PLACED, "2024-01-01");
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2023-12-31")), HTP_WAITED_18_MONTHS);
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
	/* Disrupted, still no reason: the child did move in. */
	add(&b, EV_DISRUPTION, "2024-03-01");
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-04-01")), 0);
	/* A placement before a new period of care does not count. */
	add(&b, EV_ENTERED_CARE, "2024-05-01");
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2025-11-01")), 0);
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2025-11-02")), HTP_WAITED_18_MONTHS);
	/* Migrated as placed, no placed event: no reason. */
	jb_init(&b, CS_PLACED);
	add(&b, EV_ENTERED_CARE, "2022-01-01")->origin = ORIGIN_COLUMN;
	assert_int_equal(htp_reasons(&c, J(&b), 1, D("2024-01-01")), 0);
}

static void test_all_reasons(void **state)
{
	(void)state;
	struct jb b;
	struct child_rec c = plain_child();
	c.dob = D("2015-01-01");
	c.ethnicity = "BCRB";
	c.needs[NEED_DISABILITY] = NEED_HIGH;
	jb_init(&b, CS_NONE);
	add(&b, EV_ENTERED_CARE, "2021-01-01");
	add(&b, EV_SHOULD_BE_PLACED, "2021-06-01");
	unsigned r = htp_reasons(&c, J(&b), 3, D("2024-01-01"));
	assert_int_equal(r, (1u << HTP_REASON_COUNT) - 1);
}

static void test_names_texts(void **state)
{
	(void)state;
	static const char *names[] = { "age_5_plus", "sibling_group", "disability", "ethnicity",
				       "waited_18_months" };
	for (int i = 0; i < HTP_REASON_COUNT; i++) {
		assert_string_equal(htp_reason_name(i), names[i]);
		const char *t = htp_reason_text(i);
		assert_true(strlen(t) > 10);
		assert_true(t[0] >= 'A' && t[0] <= 'Z');
		assert_int_equal(t[strlen(t) - 1], '.');
	}
	assert_true((unsigned)HTP_WAITED_18_MONTHS == 1u << 4);
	assert_string_equal(htp_reason_name(HTP_REASON_COUNT), "");
	assert_string_equal(htp_reason_text(-1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_age_boundary),
		cmocka_unit_test(test_sibling_group),
		cmocka_unit_test(test_disability),
		cmocka_unit_test(test_ethnicity),
		cmocka_unit_test(test_waited_boundary),
		cmocka_unit_test(test_waited_moved_in),
		cmocka_unit_test(test_all_reasons),
		cmocka_unit_test(test_names_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
