/*
 * panels over a real SQLite file: correcting what was recorded in error
 * (docs/panels.md). A member's details changed field by field, attendance
 * removed while no recommendation was made with it, an agenda item's
 * papers replaced and the item withdrawn, each refused naming the field,
 * in the caller's scope, and writing nothing when refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "service/panels.h"
#include "../fixture_store.h"

static const struct store_scope REGION = { .kind = SCOPE_REGION, .actor = "pa@raa" };
static const struct store_scope KENT = { .kind = SCOPE_PARTNER, .partner = "886",
					 .actor = "adm@kent" };
static const struct store_scope MEDWAY = { .kind = SCOPE_PARTNER, .partner = "887",
					   .actor = "adm@medway" };
static const struct clock_duration ADM_AFTER = { .n = 7, .unit = CU_WORKING_DAYS };

/* Members 1-5 make a quorate panel 1 (2 May 2024) on their own: 1 chairs,
 * 2 is a social worker qualified long ago. Panel 1's agenda: item 1, C1
 * should be placed (Kent); item 2, Medway's household A2 for approval;
 * item 3, C2 should be placed (Kent). Today is 20 May 2024. */
static int setup(void **state)
{
	struct fixture_store *f = xcalloc(1, sizeof *f);
	if (fixture_store_open(f, "panels") < 0)
		return -1;
	f->today = fixture_day("2024-05-20");
	struct partner_rec p[] = { { .code = "886", .name = "Kent", .host = true },
				   { .code = "887", .name = "Medway" } };
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(store_partner_add(f->s, &p[i], &f->err), 0);
	struct child_rec c1 = fixture_child("C1", "886"), c2 = fixture_child("C2", "886");
	struct adopter_rec a2 = fixture_adopter("A2", "887");
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c1, &f->err), 0);
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c2, &f->err), 0);
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a2, &f->err), 0);
	struct panels_member_in m[] = {
		{ .name = "Pat Chair", .role = "independent,chair" },
		{ .name = "Sue Senior", .role = "social_worker", .qualified = "2015-01-01" },
		{ .name = "Dr Med", .role = "medical_adviser" },
		{ .name = "Ida Ind", .role = "independent" },
		{ .name = "Oli Other", .role = "other" },
	};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(panels_member_add(f->s, &m[i], f->today, NULL, &f->err), 0);
	assert_int_equal(panels_add(f->s, "2024-05-02", "May", NULL, NULL, &f->err), 0);
	const int64_t all[] = { 1, 2, 3, 4, 5 };
	assert_int_equal(panels_attend(f->s, 1, all, 5, &f->err), 0);
	const char *c1s[] = { "C1" }, *c2s[] = { "C2" };
	struct panels_item_in it[] = {
		{ .kind = "should_be_placed", .children = c1s, .nchildren = 1, .papers = "CPR" },
		{ .kind = "approval", .adopter = "A2", .papers = "PAR;Medical" },
		{ .kind = "should_be_placed", .children = c2s, .nchildren = 1, .papers = "CPR" },
	};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(panels_item_add(f->s, &REGION, 1, &it[i], NULL, &f->err), 0);
	*state = f;
	return 0;
}

/* rc is code and the message opens with `opening` (the field first). */
static void refused(struct fixture_store *f, int rc, int code, const char *opening)
{
	assert_int_equal(rc, code);
	if (strncmp(f->err.msg, opening, strlen(opening)) != 0)
		fail_msg("expected '%s...', got '%s'", opening, f->err.msg);
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Member id as "name|role|qualified|active" (qualified "-" when none). */
static const char *member(struct fixture_store *f, int64_t id, char out[128])
{
	json_t *o = panels_member_json(f->s, id, &f->err);
	assert_non_null(o);
	snprintf(out, 128, "%s|%s|%s|%s", str(o, "name"), str(o, "role"),
		 str(o, "qualified") ? str(o, "qualified") : "-",
		 json_is_true(json_object_get(o, "active")) ? "active" : "inactive");
	json_decref(o);
	return out;
}

static json_t *show(struct fixture_store *f, const struct store_scope *sc)
{
	json_t *o = panels_show_json(f->s, sc, 1, &ADM_AFTER, NULL, f->today, &f->err);
	assert_non_null(o);
	return o;
}

/* Panel 1's attendance as "1,2,3" and whether it is quorate. */
static const char *attendance(struct fixture_store *f, char out[64])
{
	json_t *o = show(f, &REGION), *v;
	size_t i, len = 0;
	out[0] = '\0';
	json_array_foreach(json_object_get(o, "attendance"), i, v)
		len += (size_t)snprintf(out + len, 64 - len, "%s%lld", i ? "," : "",
					(long long)json_integer_value(json_object_get(v, "id")));
	snprintf(out + len, 64 - len, " %s",
		 json_is_true(json_object_get(json_object_get(o, "quorum"), "met")) ? "quorate" : "not quorate");
	json_decref(o);
	return out;
}

/* The items of panel 1 sc sees as "id:paper;paper id:..." */
static const char *agenda(struct fixture_store *f, const struct store_scope *sc, char out[128])
{
	json_t *o = show(f, sc), *it, *p;
	size_t i, j, len = 0;
	out[0] = '\0';
	json_array_foreach(json_object_get(o, "items"), i, it) {
		len += (size_t)snprintf(out + len, 128 - len, "%s%lld:", i ? " " : "",
					(long long)json_integer_value(json_object_get(it, "id")));
		json_array_foreach(json_object_get(it, "papers"), j, p)
			len += (size_t)snprintf(out + len, 128 - len, "%s%s", j ? ";" : "",
						json_string_value(p));
	}
	json_decref(o);
	return out;
}

static void recommend(struct fixture_store *f, int64_t item)
{
	int rc = panels_recommend(f->s, &REGION, item, "no", "Not yet", f->today, &f->err);
	if (rc)
		fail_msg("recommend: %s", f->err.msg);
}

/* ---- members ---- */

static void test_member_partial_update(void **state)
{
	struct fixture_store *f = *state;
	char m[128];
	struct panels_member_in in = { .name = "Sue Senior-Smith" };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior-Smith|social_worker|2015-01-01|active");
	in = (struct panels_member_in){ .role = "social_worker,vice_chair" };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior-Smith|social_worker,vice_chair|2015-01-01|active");
	in = (struct panels_member_in){ .qualified = "2016-09-30" };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior-Smith|social_worker,vice_chair|2016-09-30|active");
	/* years count back from today, as for add */
	in = (struct panels_member_in){ .years = "4" };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior-Smith|social_worker,vice_chair|2020-05-20|active");
	/* nothing given: nothing changes */
	in = (struct panels_member_in){ 0 };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior-Smith|social_worker,vice_chair|2020-05-20|active");
	/* "" clears a qualification recorded in error */
	in = (struct panels_member_in){ .qualified = "" };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior-Smith|social_worker,vice_chair|-|active");
	/* the other members are untouched */
	assert_string_equal(member(f, 1, m), "Pat Chair|independent,chair|-|active");
}

static void test_member_role_change_clears_qualification(void **state)
{
	struct fixture_store *f = *state;
	char m[128];
	struct panels_member_in in = { .role = "independent" };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior|independent|-|active");
	/* back to a social worker's seat: the old date is not remembered */
	in.role = "social_worker";
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 2, m), "Sue Senior|social_worker|-|active");
	/* a chair alone sits in the seat `other`, as for add */
	in.role = "chair";
	assert_int_equal(panels_member_update(f->s, 4, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 4, m), "Ida Ind|other,chair|-|active");
	/* a new social worker with a date in the same change */
	in = (struct panels_member_in){ .role = "social_worker", .qualified = "2019-07-01" };
	assert_int_equal(panels_member_update(f->s, 5, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 5, m), "Oli Other|social_worker|2019-07-01|active");
}

static void test_member_refusals_write_nothing(void **state)
{
	struct fixture_store *f = *state;
	char m[128];
	struct panels_member_in in = { .name = "" };
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL, "name: missing");
	in = (struct panels_member_in){ .role = "" };
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL, "role: value ''");
	in = (struct panels_member_in){ .name = "New name", .role = "nurse" };
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL,
		"role: value 'nurse': expected chair, vice_chair");
	in = (struct panels_member_in){ .name = "New name", .role = "independent",
					.qualified = "2015-01-01" };
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL,
		"qualified: only a social worker's qualification is recorded");
	/* a qualification for a member whose seat is not a social worker's */
	in = (struct panels_member_in){ .qualified = "2015-01-01" };
	refused(f, panels_member_update(f->s, 3, &in, f->today, &f->err), RAA_EINVAL,
		"qualified: only a social worker's");
	in = (struct panels_member_in){ .name = "New name", .qualified = "2024-02-30" };
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL,
		"qualified: value '2024-02-30': expected a date YYYY-MM-DD");
	in.qualified = "2024-05-21";
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL,
		"qualified: value '2024-05-21': expected a date on or before today");
	in = (struct panels_member_in){ .years = "many" };
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL,
		"years: value 'many': expected whole years");
	in = (struct panels_member_in){ .qualified = "2015-01-01", .years = "3" };
	refused(f, panels_member_update(f->s, 2, &in, f->today, &f->err), RAA_EINVAL,
		"qualified: give the date of qualification or the years");
	in = (struct panels_member_in){ .name = "Nobody" };
	refused(f, panels_member_update(f->s, 99, &in, f->today, &f->err), RAA_ENOTFOUND,
		"member: value '99': no such panel member");
	assert_string_equal(member(f, 2, m), "Sue Senior|social_worker|2015-01-01|active");
	assert_string_equal(member(f, 3, m), "Dr Med|medical_adviser|-|active");
	assert_null(panels_member_json(f->s, 99, &f->err));
	refused(f, f->err.code, RAA_ENOTFOUND, "member: value '99'");
}

static void test_inactive_member_changed(void **state)
{
	struct fixture_store *f = *state;
	char m[128];
	assert_int_equal(panels_member_set_active(f->s, 5, false, &f->err), 0);
	struct panels_member_in in = { .name = "Olive Other" };
	assert_int_equal(panels_member_update(f->s, 5, &in, f->today, &f->err), 0);
	assert_string_equal(member(f, 5, m), "Olive Other|other|-|inactive");
}

/* Past panels' quorum reads members' current details; a recommendation
 * already made stands. */
static void test_recommendation_stands_after_member_change(void **state)
{
	struct fixture_store *f = *state;
	char a[64];
	recommend(f, 1);
	struct panels_member_in in = { .role = "independent" };
	assert_int_equal(panels_member_update(f->s, 2, &in, f->today, &f->err), 0);
	assert_string_equal(attendance(f, a), "1,2,3,4,5 not quorate");
	json_t *o = show(f, &REGION);
	assert_string_equal(str(json_array_get(json_object_get(o, "items"), 0), "recommendation"), "no");
	json_decref(o);
	/* a new recommendation is checked against the quorum as it is now */
	refused(f, panels_recommend(f->s, &REGION, 3, "yes", "Good", f->today, &f->err),
		RAA_ECONFLICT, "quorum: panel 1 on 2024-05-02 is not quorate");
}

/* ---- attendance ---- */

static void test_unattend_changes_quorum(void **state)
{
	struct fixture_store *f = *state;
	char a[64];
	assert_string_equal(attendance(f, a), "1,2,3,4,5 quorate");
	const int64_t sue[] = { 2 };
	assert_int_equal(panels_unattend(f->s, 1, sue, 1, &f->err), 0);
	assert_string_equal(attendance(f, a), "1,3,4,5 not quorate");
	json_t *o = show(f, &REGION);
	assert_string_equal(str(json_object_get(o, "quorum"), "missing"),
			    "4 members present, at least 5 needed; no social worker with 3 years' "
			    "post-qualifying experience present");
	json_decref(o);
	/* and back: attendance recorded again */
	assert_int_equal(panels_attend(f->s, 1, sue, 1, &f->err), 0);
	assert_string_equal(attendance(f, a), "1,2,3,4,5 quorate");
	/* the same member twice in one request removes once */
	const int64_t twice[] = { 4, 4 };
	assert_int_equal(panels_unattend(f->s, 1, twice, 2, &f->err), 0);
	assert_string_equal(attendance(f, a), "1,2,3,5 not quorate");
}

static void test_unattend_refusals_write_nothing(void **state)
{
	struct fixture_store *f = *state;
	char a[64];
	/* member 4 sat, member 2 of another panel did not: neither is removed */
	assert_int_equal(panels_add(f->s, "2024-06-06", "June", NULL, NULL, &f->err), 0);
	const int64_t mixed[] = { 4, 2 };
	refused(f, panels_unattend(f->s, 2, mixed, 2, &f->err), RAA_ENOTFOUND,
		"member: value '4': not recorded as sitting on panel 2");
	const int64_t half[] = { 4, 9 };
	refused(f, panels_unattend(f->s, 1, half, 2, &f->err), RAA_ENOTFOUND,
		"member: value '9': not recorded as sitting on panel 1");
	assert_string_equal(attendance(f, a), "1,2,3,4,5 quorate");
	refused(f, panels_unattend(f->s, 7, half, 1, &f->err), RAA_ENOTFOUND,
		"panel: value '7': no such panel");
	refused(f, panels_unattend(f->s, 1, half, 0, &f->err), RAA_EINVAL, "member: missing");
	assert_string_equal(attendance(f, a), "1,2,3,4,5 quorate");
}

static void test_unattend_refused_after_recommendation(void **state)
{
	struct fixture_store *f = *state;
	char a[64];
	const int64_t ida[] = { 4 };
	/* allowed before any recommendation ... */
	assert_int_equal(panels_unattend(f->s, 1, ida, 1, &f->err), 0);
	assert_int_equal(panels_attend(f->s, 1, ida, 1, &f->err), 0);
	/* ... refused after one */
	recommend(f, 3);
	refused(f, panels_unattend(f->s, 1, ida, 1, &f->err), RAA_ECONFLICT,
		"member: panel 1's recommendations were made with this attendance: item 3 recommended");
	recommend(f, 1);
	refused(f, panels_unattend(f->s, 1, ida, 1, &f->err), RAA_ECONFLICT,
		"member: panel 1's recommendations were made with this attendance: items 1, 3 recommended");
	assert_string_equal(attendance(f, a), "1,2,3,4,5 quorate");
}

/* ---- agenda items ---- */

static void test_item_papers(void **state)
{
	struct fixture_store *f = *state;
	char g[128];
	assert_int_equal(panels_item_set_papers(f->s, &REGION, 1, " CPR ;Later life letter\nMedical;;",
						&f->err), 0);
	assert_string_equal(agenda(f, &REGION, g), "1:CPR;Later life letter;Medical 2:PAR;Medical 3:CPR");
	/* Kent changes its own child's item */
	assert_int_equal(panels_item_set_papers(f->s, &KENT, 3, "CPR;Health", &f->err), 0);
	/* none at all */
	assert_int_equal(panels_item_set_papers(f->s, &REGION, 2, "", &f->err), 0);
	assert_string_equal(agenda(f, &REGION, g), "1:CPR;Later life letter;Medical 2: 3:CPR;Health");
	refused(f, panels_item_set_papers(f->s, &REGION, 99, "CPR", &f->err), RAA_ENOTFOUND,
		"item: value '99': no such agenda item");
	/* Medway cannot see Kent's items: as unknown, and nothing changes */
	refused(f, panels_item_set_papers(f->s, &MEDWAY, 1, "Forged", &f->err), RAA_ENOTFOUND,
		"item: value '1': no such agenda item");
	recommend(f, 1);
	refused(f, panels_item_set_papers(f->s, &REGION, 1, "Rewritten", &f->err), RAA_ECONFLICT,
		"item: agenda item 1 has a recommendation, so its papers stay as the panel read them");
	assert_string_equal(agenda(f, &REGION, g), "1:CPR;Later life letter;Medical 2: 3:CPR;Health");
}

static void test_item_remove(void **state)
{
	struct fixture_store *f = *state;
	char g[128];
	/* Medway cannot remove Kent's item; Kent can */
	refused(f, panels_item_remove(f->s, &MEDWAY, 3, &f->err), RAA_ENOTFOUND,
		"item: value '3': no such agenda item");
	assert_string_equal(agenda(f, &REGION, g), "1:CPR 2:PAR;Medical 3:CPR");
	assert_int_equal(panels_item_remove(f->s, &KENT, 3, &f->err), 0);
	assert_string_equal(agenda(f, &REGION, g), "1:CPR 2:PAR;Medical");
	refused(f, panels_item_remove(f->s, &KENT, 3, &f->err), RAA_ENOTFOUND,
		"item: value '3': no such agenda item");
	/* Medway's own approval item is Medway's to withdraw */
	assert_int_equal(panels_item_remove(f->s, &MEDWAY, 2, &f->err), 0);
	assert_string_equal(agenda(f, &REGION, g), "1:CPR");
	recommend(f, 1);
	refused(f, panels_item_remove(f->s, &REGION, 1, &f->err), RAA_ECONFLICT,
		"item: agenda item 1 has a recommendation, so it stays on the agenda");
	assert_string_equal(agenda(f, &KENT, g), "1:CPR");
	/* the child of a withdrawn item can go on the agenda again */
	const char *c2s[] = { "C2" };
	struct panels_item_in it = { .kind = "should_be_placed", .children = c2s, .nchildren = 1,
				     .papers = "CPR v2" };
	assert_int_equal(panels_item_add(f->s, &REGION, 1, &it, NULL, &f->err), 0);
	/* with a new id: withdrawn items keep theirs (2 and 3) */
	assert_string_equal(agenda(f, &KENT, g), "1:CPR 4:CPR v2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_member_partial_update, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_member_role_change_clears_qualification, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_member_refusals_write_nothing, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_inactive_member_changed, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_recommendation_stands_after_member_change, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_unattend_changes_quorum, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_unattend_refusals_write_nothing, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_unattend_refused_after_recommendation, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_item_papers, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_item_remove, setup, fixture_store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
