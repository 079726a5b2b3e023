/*
 * linking over a real SQLite file in a fresh temporary directory per test:
 * records inserted through the store, journeys through the journal, then
 * the workflow of docs/linking.md and what it derives.
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

#include "core/buf.h"
#include "core/mem.h"
#include "domain/match.h"
#include "domain/panel.h"
#include "service/journal.h"
#include "service/linking.h"
#include "../fixture_store.h"

static const struct store_scope REGION = { .kind = SCOPE_REGION, .actor = "ff@raa" };
static const struct store_scope LA210 = { .kind = SCOPE_PARTNER, .partner = "210",
					  .actor = "adm@210" };
static const struct store_scope LA306 = { .kind = SCOPE_PARTNER, .partner = "306",
					  .actor = "adm@306" };

static void add_child(struct fixture_store *f, const char *id, const char *partner, const char *group,
		      const char *dob, int base)
{
	struct child_rec c = { .id = id, .partner = partner, .sibling_group = group,
			       .dob = fixture_day(dob), .base_status = base, .profile_updated = DAY_NONE,
			       .contact = CONTACT_UNKNOWN };
	for (int d = 0; d < NEED_DIMS; d++)
		c.needs[d] = NEED_UNKNOWN;
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
}

static void add_household(struct fixture_store *f, const char *id, const char *partner, int ep)
{
	struct adopter_rec a = { .id = id, .partner = partner, .name = id, .min_age_months = 0,
				 .max_age_months = 60, .max_children = 2, .early_permanence = ep,
				 .base_status = AS_NONE, .contact = CONTACT_UNKNOWN,
				 .postcode_district = "SE1" };
	for (int d = 0; d < NEED_DIMS; d++)
		a.needs[d] = NEED_HIGH;
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), 0);
}

static void event(struct fixture_store *f, const char *record, int kind, const char *date)
{
	struct event_rec e = { .record = record, .kind = kind, .date = fixture_day(date) };
	assert_int_equal(store_begin(f->s, &f->err), 0);
	int rc = journal_append(f->s, &STORE_SYSTEM, &e, f->today, NULL, NULL, &f->err);
	if (rc)
		fprintf(stderr, "event: %s\n", f->err.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
}

/* C1 (210) waits alone; C2 and C3 (306, SG1) wait together, C4 of SG1 is
 * still tracking; C5 (210) tracks with an early referral. A1 (210) and
 * A2 (306, early permanence) are approved; A3 is in stage 2. */
static void region(struct fixture_store *f)
{
	struct partner_rec p[] = { { .code = "210", .name = "Southwark", .host = true },
				   { .code = "306", .name = "Croydon" } };
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(store_partner_add(f->s, &p[i], &f->err), 0);
	add_child(f, "C1", "210", NULL, "2024-03-10", CS_NONE);
	add_child(f, "C2", "306", "SG1", "2022-05-05", CS_NONE);
	add_child(f, "C3", "306", "SG1", "2023-07-07", CS_NONE);
	add_child(f, "C4", "306", "SG1", "2025-01-01", CS_NONE);
	add_child(f, "C5", "210", NULL, "2026-03-03", CS_NONE);
	const char *waiting[] = { "C1", "C2", "C3" };
	for (size_t i = 0; i < 3; i++) {
		event(f, waiting[i], EV_ENTERED_CARE, "2024-06-01");
		event(f, waiting[i], EV_SHOULD_BE_PLACED, "2025-01-10");
	}
	event(f, "C4", EV_ENTERED_CARE, "2025-06-01");
	event(f, "C5", EV_ENTERED_CARE, "2026-04-01");
	event(f, "C5", EV_EARLY_REFERRAL, "2026-05-01");
	add_household(f, "A1", "210", 0);
	add_household(f, "A2", "306", 1);
	add_household(f, "A3", "210", 0);
	const char *hh[] = { "A1", "A2", "A3" };
	for (size_t i = 0; i < 3; i++)
		event(f, hh[i], EV_STAGE2_NOTICE, "2024-01-01");
	event(f, "A1", EV_APPROVED, "2024-06-01");
	event(f, "A2", EV_APPROVED, "2024-07-01");
}

static int setup(void **state)
{
	struct fixture_store *f = xcalloc(1, sizeof *f);
	if (fixture_store_open(f, "linking") < 0)
		return -1;
	f->today = fixture_day("2026-11-23");
	region(f);
	*state = f;
	return 0;
}

/* ---- helpers ---- */

static int64_t propose(struct fixture_store *f, const struct store_scope *sc, const char *child,
		       const char *adopter, const char *date)
{
	struct linking_in in = { .child = child, .adopter = adopter, .date = date };
	int64_t id = 0;
	int rc = linking_propose(f->s, sc, &in, f->today, &id, &f->err);
	if (rc)
		fprintf(stderr, "propose: %s\n", f->err.msg);
	assert_int_equal(rc, 0);
	assert_true(id > 0);
	return id;
}

static const char *lid(int64_t id, char out[LINK_ID_MAX])
{
	linking_id_format(id, out);
	return out;
}

/* The link as the region sees it now, as JSON (caller decrefs). */
static json_t *link_json(struct fixture_store *f, int64_t id)
{
	struct linking_view v;
	assert_int_equal(linking_view_open(f->s, &REGION, f->today, &v, &f->err), 0);
	const struct link *l = linking_find(&v.links, id);
	assert_non_null(l);
	json_t *o = linking_json(l, &v.snap, &v.clock, true);
	linking_view_close(&v);
	return o;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(null)";
}

static void assert_stage(struct fixture_store *f, int64_t id, const char *stage)
{
	json_t *o = link_json(f, id);
	assert_string_equal(str(o, "stage"), stage);
	json_decref(o);
}

static int status_of(struct fixture_store *f, const char *id)
{
	struct snapshot snap;
	assert_int_equal(snapshot_load_record(f->s, &REGION, id, &snap, &f->err), 0);
	int st = snap.nchildren ? journey_status(&snap.children[0].j, INT32_MAX)
				: journey_status(&snap.adopters[0].j, INT32_MAX);
	bool open = snap.nadopters && match_open_link(&snap.adopters[0].j, INT32_MAX);
	snapshot_free(&snap);
	return open ? 100 + st : st;
}

static void step_ok(struct fixture_store *f, int rc)
{
	if (rc)
		fprintf(stderr, "step: %s\n", f->err.msg);
	assert_int_equal(rc, 0);
}

static void refused(struct fixture_store *f, int rc, int code, const char *text)
{
	assert_int_equal(rc, code);
	if (!strstr(f->err.msg, text))
		fail_msg("expected '%s' in '%s'", text, f->err.msg);
}

/* ---- tests ---- */

static void test_propose_links_the_unit(void **state)
{
	struct fixture_store *f = *state;
	char id[LINK_ID_MAX];
	int64_t l = propose(f, &REGION, "C3", "A2", "2026-10-01");
	json_t *o = link_json(f, l);
	assert_string_equal(str(o, "link"), lid(l, id));
	assert_string_equal(str(o, "stage"), "proposed");
	json_t *kids = json_object_get(o, "children");
	assert_int_equal(json_array_size(kids), 2); /* C4 is not waiting */
	assert_string_equal(json_string_value(json_array_get(kids, 0)), "C2");
	assert_string_equal(json_string_value(json_array_get(kids, 1)), "C3");
	assert_null(json_object_get(o, "postcode_district"));
	json_decref(o);
	assert_int_equal(status_of(f, "C2"), CS_LINKED);
	assert_int_equal(status_of(f, "C3"), CS_LINKED);
	assert_int_equal(status_of(f, "C4"), CS_TRACKING);
	assert_int_equal(status_of(f, "A2"), 100 + AS_LINKED); /* open link: not_available */
	/* the id is the linked event of the unit's first child */
	struct snapshot snap;
	assert_int_equal(snapshot_load_record(f->s, &REGION, "C2", &snap, &f->err), 0);
	assert_non_null(journey_last(&snap.children[0].j, EV_LINKED, INT32_MAX));
	assert_int_equal(journey_last(&snap.children[0].j, EV_LINKED, INT32_MAX)->id, l);
	snapshot_free(&snap);
	int64_t back;
	assert_int_equal(linking_id_parse(id, &back, &f->err), 0);
	assert_int_equal(back, l);
	refused(f, linking_id_parse("X1", &back, &f->err), RAA_EINVAL, "link: value 'X1'");
}

static void test_propose_refusals(void **state)
{
	struct fixture_store *f = *state;
	struct linking_in in = { .child = "C4", .adopter = "A1" };
	int64_t id;
	char lk[LINK_ID_MAX];
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_ECONFLICT,
		"child: value 'C4': child is tracking: expected waiting");
	in = (struct linking_in){ .child = "C1", .adopter = "A3" };
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_ECONFLICT,
		"adopter: value 'A3': household is stage2: expected approved");
	in.adopter = "A9";
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_EINVAL,
		"adopter: value 'A9': expected a household in raa");
	in = (struct linking_in){ .child = "C1", .adopter = "A1", .date = "2026-11-24" };
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_EINVAL,
		"date: value '2026-11-24': expected a date on or before today (2026-11-23)");
	in.date = "23/11/2026";
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_EINVAL,
		"date: value '23/11/2026': expected a date YYYY-MM-DD");
	int64_t l = propose(f, &REGION, "C1", "A1", "2026-10-01");
	in = (struct linking_in){ .child = "C2", .adopter = "A1" };
	char want[128];
	snprintf(want, sizeof want, "household is already in link %s with child C1", lid(l, lk));
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_ECONFLICT, want);
	in = (struct linking_in){ .child = "C1", .adopter = "A2" };
	snprintf(want, sizeof want, "the unit is already in link %s with household A1", lk);
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_ECONFLICT, want);
	/* another LA's child is not there at all */
	in = (struct linking_in){ .child = "C2", .adopter = "A2" };
	refused(f, linking_propose(f->s, &LA210, &in, f->today, &id, &f->err), RAA_ENOTFOUND,
		"child: value 'C2': no such child");
}

/* A unit's second child refused by the journal undoes the first's link. */
static void test_all_or_nothing(void **state)
{
	struct fixture_store *f = *state;
	add_child(f, "C6", "210", "SG2", "2024-01-01", CS_NONE);
	add_child(f, "C7", "210", "SG2", "2026-06-01", CS_WAITING); /* born after the link date */
	event(f, "C6", EV_SHOULD_BE_PLACED, "2025-01-10");
	struct linking_in in = { .child = "C6", .adopter = "A1", .date = "2026-05-01" };
	int64_t id = 0;
	refused(f, linking_propose(f->s, &REGION, &in, f->today, &id, &f->err), RAA_EINVAL,
		"C7: linked on 2026-05-01: date is before the child's date of birth");
	assert_int_equal(status_of(f, "C6"), CS_WAITING);
	assert_int_equal(status_of(f, "A1"), AS_APPROVED);
	struct linking_view v;
	assert_int_equal(linking_view_open(f->s, &REGION, f->today, &v, &f->err), 0);
	assert_int_equal(v.links.n, 0);
	linking_view_close(&v);
}

static void test_whole_path(void **state)
{
	struct fixture_store *f = *state;
	int64_t l = propose(f, &LA306, "C2", "A1", "2026-10-01"); /* A1 lives outside 306 */
	char lk[LINK_ID_MAX];
	lid(l, lk);
	struct linking_in in = { .link = lk, .answer = "yes", .date = "2026-10-20" };
	refused(f, linking_decide(f->s, &LA306, &in, f->today, &f->err), RAA_ECONFLICT,
		"is proposed: expected a matching panel recommendation before the ADM's decision");
	refused(f, linking_place(f->s, &REGION, &in, f->today, &f->err), RAA_ECONFLICT,
		"expected the ADM's match decision before placement");
	in.date = "2026-09-30";
	refused(f, linking_panel(f->s, &REGION, &in, f->today, &f->err), RAA_EINVAL,
		"date: value '2026-09-30': expected a date on or after the link (2026-10-01)");
	in = (struct linking_in){ .link = lk, .answer = "yes", .reasons = "good", .date = "2026-10-15" };
	step_ok(f, linking_panel(f->s, &REGION, &in, f->today, &f->err));
	json_t *o = link_json(f, l);
	assert_string_equal(str(o, "recommendation"), "yes");
	assert_string_equal(str(o, "panel_reasons"), "good");
	assert_string_equal(str(o, "adm_due"), "2026-10-26"); /* 7 working days */
	assert_int_equal(json_integer_value(json_object_get(o, "adm_overdue_days")), 28);
	json_decref(o);
	refused(f, linking_panel(f->s, &REGION, &in, f->today, &f->err), RAA_ECONFLICT, "is recommended");
	in = (struct linking_in){ .link = lk, .answer = "yes", .date = "2026-10-20" };
	refused(f, linking_decide(f->s, &LA210, &in, f->today, &f->err), RAA_ENOTFOUND, "no such link");
	step_ok(f, linking_decide(f->s, &LA306, &in, f->today, &f->err));
	assert_stage(f, l, "matched");
	assert_int_equal(status_of(f, "C3"), CS_MATCHED);
	assert_int_equal(status_of(f, "A1") % 100, AS_MATCHED);
	in = (struct linking_in){ .link = lk, .reasons = "late" };
	refused(f, linking_end(f->s, &REGION, &in, f->today, &f->err), RAA_ECONFLICT,
		"is matched: expected a link before the ADM's decision");
	in.date = "2026-10-19";
	refused(f, linking_place(f->s, &REGION, &in, f->today, &f->err), RAA_EINVAL,
		"expected a date on or after the match decision (2026-10-20)");
	in.date = "2026-11-01";
	step_ok(f, linking_place(f->s, &REGION, &in, f->today, &f->err));
	assert_stage(f, l, "placed");
	assert_int_equal(status_of(f, "C2"), CS_PLACED);
	assert_int_equal(status_of(f, "C3"), CS_PLACED);
	assert_int_equal(status_of(f, "A1") % 100, AS_PLACED);
	o = link_json(f, l);
	assert_int_equal(json_array_size(json_object_get(o, "events")), 8); /* 4 steps x 2 children */
	json_decref(o);
}

static void test_decline_frees_household(void **state)
{
	struct fixture_store *f = *state;
	int64_t l = propose(f, &REGION, "C1", "A1", "2026-10-01");
	char lk[LINK_ID_MAX];
	lid(l, lk);
	struct linking_in in = { .link = lk, .answer = "no", .reasons = "needs", .date = "2026-10-05" };
	step_ok(f, linking_panel(f->s, &REGION, &in, f->today, &f->err));
	in = (struct linking_in){ .link = lk, .answer = "no", .date = "2026-10-06" };
	refused(f, linking_decide(f->s, &LA210, &in, f->today, &f->err), RAA_EINVAL,
		"reasons: value '': expected why the ADM decided no");
	in.reasons = "agreed";
	step_ok(f, linking_decide(f->s, &LA210, &in, f->today, &f->err));
	json_t *o = link_json(f, l);
	assert_string_equal(str(o, "stage"), "ended");
	assert_string_equal(str(o, "end_reason"), "ADM decided no: agreed");
	assert_true(json_is_null(json_object_get(o, "adm_due")));
	json_decref(o);
	assert_int_equal(status_of(f, "A1"), AS_APPROVED); /* and no open link */
	assert_int_equal(status_of(f, "C1"), CS_WAITING);
	int64_t l2 = propose(f, &REGION, "C1", "A1", "2026-10-07");
	assert_true(l2 > l);
	lid(l2, lk);
	in = (struct linking_in){ .link = lk };
	refused(f, linking_end(f->s, &REGION, &in, f->today, &f->err), RAA_EINVAL,
		"reason: value '': expected why the link ends");
	in.reasons = "family withdrew";
	step_ok(f, linking_end(f->s, &REGION, &in, f->today, &f->err));
	o = link_json(f, l2);
	assert_string_equal(str(o, "end_reason"), "family withdrew");
	assert_string_equal(str(o, "ended"), "2026-11-23"); /* today by default */
	json_decref(o);
	assert_int_equal(status_of(f, "A1"), AS_APPROVED);
	/* both links listed, newest first; only open ones with open_only */
	struct linking_view v;
	assert_int_equal(linking_view_open(f->s, &REGION, f->today, &v, &f->err), 0);
	json_t *all = linking_list_json(&v, false, NULL), *open = linking_list_json(&v, true, NULL);
	assert_int_equal(json_array_size(all), 2);
	assert_string_equal(str(json_array_get(all, 0), "link"), lk);
	assert_int_equal(json_array_size(open), 0);
	json_decref(all);
	json_decref(open);
	linking_view_close(&v);
}

/* The panels service records the same event; the link reads it. */
static void test_panel_event_from_panels(void **state)
{
	struct fixture_store *f = *state;
	int64_t l = propose(f, &REGION, "C1", "A1", "2026-10-01");
	struct buf detail;
	buf_init(&detail, 0);
	panel_event_detail(false, "not yet", &detail);
	struct event_rec e = { .record = "C1", .kind = EV_MATCHING_PANEL, .date = fixture_day("2026-10-08"),
			       .adopter = "A1", .detail = buf_cstr(&detail) };
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(journal_append(f->s, &REGION, &e, f->today, NULL, NULL, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	buf_free(&detail);
	json_t *o = link_json(f, l);
	assert_string_equal(str(o, "stage"), "recommended");
	assert_string_equal(str(o, "recommendation"), "no");
	assert_string_equal(str(o, "panel_reasons"), "not yet");
	json_decref(o);
}

static void test_scope_hides_other_la(void **state)
{
	struct fixture_store *f = *state;
	propose(f, &REGION, "C1", "A1", "2026-10-01");
	int64_t l = propose(f, &REGION, "C2", "A2", "2026-10-01");
	struct linking_view v;
	assert_int_equal(linking_view_open(f->s, &LA306, f->today, &v, &f->err), 0);
	assert_int_equal(v.links.n, 1);
	assert_int_equal(v.links.v[0].id, l);
	json_t *rows = linking_list_json(&v, true, "210");
	assert_int_equal(json_array_size(rows), 0);
	json_decref(rows);
	linking_view_close(&v);
}

static void test_early_permanence(void **state)
{
	struct fixture_store *f = *state;
	struct snapshot snap;
	assert_int_equal(snapshot_load(f->s, &REGION, &snap, &f->err), 0);
	json_t *ep = linking_early_permanence(&snap, f->today);
	json_t *units = json_object_get(ep, "units"), *hh = json_object_get(ep, "households");
	assert_int_equal(json_array_size(units), 1);
	json_t *u = json_array_get(units, 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(u, "unit"), 0)), "C5");
	assert_string_equal(str(u, "early_referral"), "2026-05-01");
	assert_int_equal(json_array_size(hh), 1);
	assert_string_equal(str(json_array_get(hh, 0), "adopter"), "A2");
	json_decref(ep);
	snapshot_free(&snap);
	propose(f, &REGION, "C2", "A2", "2026-10-01");
	assert_int_equal(snapshot_load(f->s, &REGION, &snap, &f->err), 0);
	ep = linking_early_permanence(&snap, f->today);
	assert_int_equal(json_array_size(json_object_get(ep, "households")), 0); /* linked now */
	json_decref(ep);
	snapshot_free(&snap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_propose_links_the_unit, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_propose_refusals, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_whole_path, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_decline_frees_household, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_panel_event_from_panels, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_scope_hides_other_la, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_early_permanence, setup, fixture_store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
