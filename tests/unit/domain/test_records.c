#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/records.h"

static void test_need_levels(void **state)
{
	(void)state;
	static const char *names[] = { "none", "low", "medium", "high" };
	for (int i = 0; i < 4; i++) {
		assert_string_equal(need_level_name(i), names[i]);
		assert_int_equal(need_level_parse(names[i]), i);
	}
	assert_int_equal(need_level_parse(""), NEED_UNKNOWN);
	assert_int_equal(need_level_parse(NULL), NEED_UNKNOWN);
	assert_int_equal(need_level_parse("Medium"), -2);
	assert_int_equal(need_level_parse("severe"), -2);
	assert_string_equal(need_level_name(NEED_UNKNOWN), "");
	assert_string_equal(need_level_name(4), "");
}

static void test_need_dims(void **state)
{
	(void)state;
	assert_string_equal(need_dim_name(NEED_DISABILITY), "disability");
	assert_string_equal(need_dim_name(NEED_HEALTH), "health");
	assert_string_equal(need_dim_name(NEED_DEVELOPMENT), "development");
	assert_string_equal(need_dim_name(NEED_BEHAVIOUR), "behaviour");
	assert_string_equal(need_dim_name(NEED_DIMS), "");
}

static void test_contact(void **state)
{
	(void)state;
	assert_string_equal(contact_level_name(CONTACT_NONE), "none");
	assert_string_equal(contact_level_name(CONTACT_LETTERBOX), "letterbox");
	assert_string_equal(contact_level_name(CONTACT_DIRECT), "direct");
	assert_string_equal(contact_level_name(CONTACT_UNKNOWN), "");
	assert_int_equal(contact_level_parse("letterbox"), CONTACT_LETTERBOX);
	assert_int_equal(contact_level_parse("direct"), CONTACT_DIRECT);
	assert_int_equal(contact_level_parse("none"), CONTACT_NONE);
	assert_int_equal(contact_level_parse(""), CONTACT_UNKNOWN);
	assert_int_equal(contact_level_parse("phone"), -2);
	assert_true(CONTACT_NONE < CONTACT_LETTERBOX && CONTACT_LETTERBOX < CONTACT_DIRECT);
}

static void test_child_statuses(void **state)
{
	(void)state;
	static const char *names[CS_COUNT] = { "tracking", "waiting", "linked", "matched",
					       "placed", "adopted", "plan_changed", "left" };
	for (int i = 0; i < CS_COUNT; i++) {
		assert_string_equal(child_status_name(i), names[i]);
		assert_int_equal(child_status_parse(names[i]), i);
	}
	assert_int_equal(child_status_parse("stage1"), CS_NONE);
	assert_int_equal(child_status_parse(""), CS_NONE);
	assert_int_equal(child_status_parse(NULL), CS_NONE);
	assert_string_equal(child_status_name(CS_NONE), "");
}

static void test_adopter_statuses(void **state)
{
	(void)state;
	static const char *names[AS_COUNT] = { "enquiry", "stage1",  "stage2", "approved",
					       "on_hold", "linked",  "matched", "placed",
					       "adopted", "withdrawn" };
	for (int i = 0; i < AS_COUNT; i++) {
		assert_string_equal(adopter_status_name(i), names[i]);
		assert_int_equal(adopter_status_parse(names[i]), i);
	}
	assert_int_equal(adopter_status_parse("waiting"), AS_NONE);
	assert_int_equal(adopter_status_parse("Approved"), AS_NONE);
	assert_string_equal(adopter_status_name(AS_COUNT), "");
}

static void test_event_kinds(void **state)
{
	(void)state;
	static const char *names[EV_COUNT] = {
		"entered_care", "early_referral", "should_be_placed", "placement_order",
		"register_referral", "family_finder_allocated", "linked", "link_ended",
		"matching_panel", "match_decision", "fostered_by_adopters", "placed",
		"adoption_order", "plan_changed", "disruption", "left_care", "enquiry",
		"information_event", "roi", "stage1_decision", "stage2_notice",
		"check_requested", "check_received", "par_complete", "approval_panel",
		"approved", "not_approved", "review", "on_hold", "off_hold", "withdrawn",
		"deregistered",
	};
	for (int i = 0; i < EV_COUNT; i++) {
		assert_string_equal(event_kind_name(i), names[i]);
		assert_int_equal(event_kind_parse(names[i]), i);
	}
	assert_int_equal(event_kind_parse("adopted"), EV_NONE);
	assert_int_equal(event_kind_parse(""), EV_NONE);
	assert_string_equal(event_kind_name(EV_NONE), "");
	assert_string_equal(event_kind_name(EV_COUNT), "");
}

static void test_kinds_allowed(void **state)
{
	(void)state;
	for (int k = EV_ENTERED_CARE; k <= EV_LEFT_CARE; k++)
		assert_true(event_kind_allowed(k, REC_CHILD));
	for (int k = EV_ENQUIRY; k < EV_COUNT; k++) {
		assert_false(event_kind_allowed(k, REC_CHILD));
		assert_true(event_kind_allowed(k, REC_ADOPTER));
	}
	/* Shared kinds, and register_referral for a household. */
	assert_true(event_kind_allowed(EV_LINKED, REC_ADOPTER));
	assert_true(event_kind_allowed(EV_LINK_ENDED, REC_ADOPTER));
	assert_true(event_kind_allowed(EV_MATCH_DECISION, REC_ADOPTER));
	assert_true(event_kind_allowed(EV_PLACED, REC_ADOPTER));
	assert_true(event_kind_allowed(EV_REGISTER_REFERRAL, REC_ADOPTER));
	assert_false(event_kind_allowed(EV_ENTERED_CARE, REC_ADOPTER));
	assert_false(event_kind_allowed(EV_SHOULD_BE_PLACED, REC_ADOPTER));
	assert_false(event_kind_allowed(EV_MATCHING_PANEL, REC_ADOPTER));
	assert_false(event_kind_allowed(EV_ADOPTION_ORDER, REC_ADOPTER));
	assert_false(event_kind_allowed(EV_NONE, REC_CHILD));
	assert_false(event_kind_allowed(EV_COUNT, REC_ADOPTER));
}

static void test_names_adopter_and_mirrors(void **state)
{
	(void)state;
	int named = 0, mirrored = 0;
	for (int k = 0; k < EV_COUNT; k++) {
		named += event_kind_names_adopter(k);
		mirrored += event_kind_mirrors(k);
	}
	assert_int_equal(named, 5);
	assert_true(event_kind_names_adopter(EV_LINKED));
	assert_true(event_kind_names_adopter(EV_MATCHING_PANEL));
	assert_true(event_kind_names_adopter(EV_MATCH_DECISION));
	assert_true(event_kind_names_adopter(EV_FOSTERED_BY_ADOPTERS));
	assert_true(event_kind_names_adopter(EV_PLACED));
	assert_int_equal(mirrored, 3);
	assert_true(event_kind_mirrors(EV_LINKED));
	assert_true(event_kind_mirrors(EV_MATCH_DECISION));
	assert_true(event_kind_mirrors(EV_PLACED));
	assert_false(event_kind_mirrors(EV_MATCHING_PANEL));
}

static void test_ethnicity(void **state)
{
	(void)state;
	static const char *codes[] = { "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA",
				       "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB",
				       "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT" };
	size_t n = 0;
	while (ETHNICITY_CODES[n])
		n++;
	assert_int_equal(n, 20);
	for (size_t i = 0; i < 20; i++) {
		assert_string_equal(ETHNICITY_CODES[i], codes[i]);
		assert_true(ethnicity_valid(codes[i]));
	}
	assert_false(ethnicity_valid("wbri"));
	assert_false(ethnicity_valid("WBR"));
	assert_false(ethnicity_valid(""));
	assert_false(ethnicity_valid(NULL));
}

static void test_record_id(void **state)
{
	(void)state;
	char id[40];
	assert_true(record_id_valid("C12"));
	assert_true(record_id_valid("a-b_C9"));
	assert_true(record_id_valid("x"));
	memset(id, 'A', 32);
	id[32] = '\0';
	assert_true(record_id_valid(id));
	id[32] = 'A';
	id[33] = '\0';
	assert_false(record_id_valid(id));
	assert_false(record_id_valid(""));
	assert_false(record_id_valid(NULL));
	assert_false(record_id_valid("C 12"));
	assert_false(record_id_valid("C12,"));
	assert_false(record_id_valid("C12/3"));
	assert_false(record_id_valid("C\xc3\xa9"));
}

static void test_postcode_district(void **state)
{
	(void)state;
	assert_true(postcode_district_equal("se1", "SE 1"));
	assert_true(postcode_district_equal(" SE1 ", "se1"));
	assert_true(postcode_district_equal("ME14", "me14"));
	assert_false(postcode_district_equal("SE1", "SE10"));
	assert_false(postcode_district_equal("SE10", "SE1"));
	assert_false(postcode_district_equal("", ""));
	assert_false(postcode_district_equal("  ", "  "));
	assert_false(postcode_district_equal(NULL, NULL));
	assert_false(postcode_district_equal("SE1", NULL));
	assert_false(postcode_district_equal("", "SE1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_need_levels),
		cmocka_unit_test(test_need_dims),
		cmocka_unit_test(test_contact),
		cmocka_unit_test(test_child_statuses),
		cmocka_unit_test(test_adopter_statuses),
		cmocka_unit_test(test_event_kinds),
		cmocka_unit_test(test_kinds_allowed),
		cmocka_unit_test(test_names_adopter_and_mirrors),
		cmocka_unit_test(test_ethnicity),
		cmocka_unit_test(test_record_id),
		cmocka_unit_test(test_postcode_district),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
