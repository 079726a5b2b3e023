/*
 * service/matching over a real SQLite file (a fresh temporary directory
 * per test), filled from migration CSVs: the pool a scope sees, the
 * weights from the settings, the exclusion counts behind the matching
 * pages and the contract's JSON they must agree with.
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

#include "service/import.h"
#include "service/matching.h"
#include "../fixture_store.h"

/* C1 (210) waits alone, born 2024-03-10, birth family in SE15. C2 and C3
 * (306, SG1) wait together. A1 (210) fits C1 only; A2 (306) fits both;
 * A3 (210) is on hold; A4 (210) lives in SE15; A5 (306) is approved for
 * children up to 12 months only. */
static const char CHILDREN[] =
	"child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status\n"
	"C1,210,S1,Amy,Ash,F,2024-03-10,WBRI,,none,none,none,none,letterbox,SE15,2024-06-01,2025-01-10,2025-02-01,waiting\n"
	"C2,306,K2,Ben,Birch,M,2022-05-05,BAFR,SG1,low,none,none,none,letterbox,CR0,2024-01-01,2025-06-01,2025-07-01,waiting\n"
	"C3,306,K3,Cal,Birch,M,2023-07-07,BAFR,SG1,none,none,none,none,letterbox,CR0,2024-01-01,2025-06-01,2025-07-01,waiting\n";
static const char ADOPTERS[] =
	"adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status\n"
	"A1,210,One,2,SW9,2024-01-01,2024-02-01,2024-04-01,2024-09-01,0,48,1,low,low,low,low,letterbox,no,WBRI,approved\n"
	"A2,306,Two,2,SM1,2024-01-01,2024-02-01,2024-04-01,2024-10-01,0,72,2,high,high,high,high,direct,yes,BAFR,approved\n"
	"A3,210,Three,1,SE1,2024-01-01,2024-02-01,2024-04-01,2024-05-01,0,60,2,high,high,high,high,direct,no,WBRI,on_hold\n"
	"A4,210,Four,2,SE15,2024-01-01,2024-02-01,2024-04-01,2024-06-01,0,60,1,medium,medium,medium,medium,letterbox,no,WBRI,approved\n"
	"A5,306,Five,2,SM2,2024-01-01,2024-02-01,2024-04-01,2024-06-01,0,12,1,high,high,high,high,direct,no,WBRI,approved\n";

static const struct store_scope REGION = { .kind = SCOPE_REGION, .actor = "ff@raa" };
static const struct store_scope LA306 = { .kind = SCOPE_PARTNER, .partner = "306",
					  .actor = "sw@306" };

static void import_text(struct fixture_store *f, enum migration_file mf, const char *text)
{
	char p[160];
	snprintf(p, sizeof p, "%s/in.csv", f->dir);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	struct import_result r;
	import_result_init(&r);
	int rc = import_file(f->s, &STORE_SYSTEM, mf, p, f->today, &r, &f->err);
	if (rc)
		fprintf(stderr, "import: %s\n%s", f->err.msg, buf_cstr(&r.report));
	assert_int_equal(rc, 0);
	import_result_free(&r);
	unlink(p);
}

static int setup(void **state)
{
	struct fixture_store *f = xcalloc(1, sizeof *f);
	assert_int_equal(fixture_store_open(f, "matching"), 0);
	assert_int_equal(store_partner_add(f->s, &(struct partner_rec){ "210", "Southwark", true, NULL }, &f->err), 0);
	assert_int_equal(store_partner_add(f->s, &(struct partner_rec){ "306", "Croydon", false, NULL }, &f->err), 0);
	assert_int_equal(date_parse_iso("2026-11-23", &f->today), 0);
	import_text(f, MIG_CHILDREN, CHILDREN);
	import_text(f, MIG_ADOPTERS, ADOPTERS);
	*state = f;
	return 0;
}

static const struct match_unit *unit_of(const struct matching *m, const char *child)
{
	const struct match_unit *u = match_pool_unit_of(&m->pool, child);
	assert_non_null(u);
	return u;
}

/* C1: A2 and A1 fit; A3 is on hold, A4 lives in SE15, A5's age range
 * stops at 12 months. The main obstacle is never not_available while
 * another code fails. */
static void test_exclusions_count_every_code(void **state)
{
	struct fixture_store *f = *state;
	struct matching m;
	assert_int_equal(matching_open(f->s, &REGION, f->today, &m, &f->err), 0);
	assert_int_equal(m.pool.nhh, 5);
	size_t c[MC_COUNT], n = 99;
	int top = matching_exclusions(&m.pool, unit_of(&m, "C1"), c, &n);
	assert_int_equal(n, 3);
	assert_int_equal(c[MC_NOT_AVAILABLE], 1);
	assert_int_equal(c[MC_BIRTH_FAMILY_AREA], 1);
	assert_int_equal(c[MC_AGE_RANGE], 1);
	assert_int_equal(c[MC_MAX_CHILDREN], 0);
	assert_int_not_equal(top, MC_NOT_AVAILABLE);
	assert_true(top == MC_BIRTH_FAMILY_AREA || top == MC_AGE_RANGE);
	/* The siblings: A1, A4 and A5 take one child only, A5's range is too
	 * young, A3 is on hold: max_children fails three, the most. */
	top = matching_exclusions(&m.pool, unit_of(&m, "C2"), c, &n);
	assert_int_equal(c[MC_MAX_CHILDREN], 3);
	assert_int_equal(top, MC_MAX_CHILDREN);
	assert_int_equal(n, 4);
	matching_close(&m);
}

/* The counts are the CLI's: every code of the JSON's excluded entries. */
static void test_exclusions_agree_with_json(void **state)
{
	struct fixture_store *f = *state;
	struct matching m;
	assert_int_equal(matching_open(f->s, &REGION, f->today, &m, &f->err), 0);
	const char *kids[] = { "C1", "C2" };
	for (size_t k = 0; k < 2; k++) {
		const struct match_unit *u = unit_of(&m, kids[k]);
		size_t c[MC_COUNT], n;
		matching_exclusions(&m.pool, u, c, &n);
		json_t *o = matching_child_json(&m.pool, kids[k], u, -1);
		json_t *ex = json_object_get(o, "excluded");
		assert_int_equal(json_array_size(ex), n);
		size_t want[MC_COUNT] = { 0 }, i, j;
		json_t *e, *code;
		json_array_foreach(ex, i, e) {
			json_array_foreach(json_object_get(e, "reasons"), j, code) {
				for (int x = 0; x < MC_COUNT; x++)
					want[x] += strcmp(json_string_value(code), match_code_name(x)) == 0;
			}
		}
		assert_memory_equal(c, want, sizeof want);
		assert_int_equal(json_array_size(json_object_get(o, "candidates")), m.pool.nhh - n);
		json_decref(o);
	}
	matching_close(&m);
}

/* Only not_available failing: that is the main obstacle then. */
static void test_not_available_only_when_alone(void **state)
{
	struct fixture_store *f = *state;
	import_text(f, MIG_CHILDREN,
		    "child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status\n"
		    "C9,210,S9,Dee,Dale,F,2026-05-01,WBRI,,none,none,none,none,none,,2026-06-01,2026-08-01,2026-09-01,waiting\n");
	import_text(f, MIG_ADOPTERS,
		    "adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status\n"
		    "A9,210,Nine,2,SE9,2024-01-01,2024-02-01,2024-04-01,2024-06-01,0,60,3,high,high,high,high,direct,no,WBRI,on_hold\n");
	struct matching m;
	assert_int_equal(matching_open(f->s, &REGION, f->today, &m, &f->err), 0);
	size_t c[MC_COUNT], n;
	/* C9 is 6 months old: A9 (on hold) and A3 (on hold) fail only on
	 * availability; A1, A2, A4 and A5 fit. */
	int top = matching_exclusions(&m.pool, unit_of(&m, "C9"), c, &n);
	assert_int_equal(n, 2);
	assert_int_equal(c[MC_NOT_AVAILABLE], 2);
	assert_int_equal(top, MC_NOT_AVAILABLE);
	matching_close(&m);
}

/* A partner's scope holds only its own households: the pages build an LA
 * user's pool at region scope for that reason. */
static void test_partner_scope_sees_fewer_households(void **state)
{
	struct fixture_store *f = *state;
	struct matching m;
	assert_int_equal(matching_open(f->s, &LA306, f->today, &m, &f->err), 0);
	assert_true(m.pool.nhh < 5);
	assert_null(match_pool_unit_of(&m.pool, "C1"));
	assert_non_null(match_pool_unit_of(&m.pool, "C2"));
	matching_close(&m);
}

/* Weights come from the settings; a bad one refuses to open. */
static void test_weights_from_settings(void **state)
{
	struct fixture_store *f = *state;
	struct matching m;
	assert_int_equal(store_setting_set(f->s, "match.weight.needs_headroom", "0", &f->err), 0);
	assert_int_equal(matching_open(f->s, &REGION, f->today, &m, &f->err), 0);
	assert_true(m.pool.w.factor[MF_NEEDS_HEADROOM] == 0.0);
	assert_true(m.pool.w.factor[MF_IDENTITY_HERITAGE] == 1.5);
	json_t *o = matching_child_json(&m.pool, "C1", unit_of(&m, "C1"), 1);
	json_t *r0 = json_array_get(json_object_get(json_array_get(json_object_get(o, "candidates"), 0), "reasons"), 0);
	assert_string_equal(json_string_value(json_object_get(r0, "factor")), "needs_headroom");
	assert_true(json_real_value(json_object_get(r0, "points")) == 0.0);
	json_decref(o);
	matching_close(&m);
	assert_int_equal(store_setting_set(f->s, "match.weight.needs_headroom", "eleven", &f->err), 0);
	assert_int_equal(matching_open(f->s, &REGION, f->today, &m, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "match.weight.needs_headroom"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exclusions_count_every_code, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_exclusions_agree_with_json, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_not_available_only_when_alone, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_partner_scope_sees_fewer_households, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_weights_from_settings, setup, fixture_store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
