/* Reference data (provider list, postcodes, LA code) and the rules reading
 * it, plus a few of the rules added with it (361, 578). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "s903_fixture.h"

/* Each test writes its return and reference files into its own temporary
 * directory, removed whole (nftw) afterwards. */
static int setup(void **state)
{
	return s903_fixture_setup(state, "s903r");
}

/* Writes DIR/name (or removes it when text is NULL). */
static void put(struct s903_fixture *f, const char *name, const char *text)
{
	s903_fixture_put(f, name, text);
}

static const char EPISODES[] =
	"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
	"PL_POST,URN\n"
	"1,01/05/2025,S,C2,N1,K2,PR1,,,,AB1 0AA,ab10ab,SC1\n"
	"2,01/05/2025,S,C2,N1,U4,PR2,,,,AB1 0AA,AB1 0AC,XXXXXXX\n"
	"3,01/05/2025,S,L1,N1,K2,PR1,05/05/2025,E3,,AB1 0AA,AB1 0AC,SC404\n";

/* Reads the return in f->dir (year 2025/26), attaches ref, runs code;
 * returns the flagged rows as "slot:row," text (caller frees). */
static char *run(struct s903_fixture *f, const struct s903_ref *ref, const char *code)
{
	return s903_fixture_run(f, 2025, ref, code, false);
}

static struct s903_ref *full_ref(struct s903_fixture *f)
{
	put(f, "provider_info.csv",
	    "URN,PLACE_CODES,PROVIDER_CODES,POSTCODE,REG_END,LA_CODE_INFERRED\n"
	    "SC1,\"K1, K2\",PR1,AB1 0AB,01/05/2025,E1\n");
	put(f, "postcodes.csv", "pcd,laua,oseast1m,osnrth1m\n"
				"AB1 0AA,E1,400000,800000\n"
				"AB10AB,E1,401609.344,800000\n"
				"AB1 0AC,W2,400000,1200000\n");
	put(f, "local_authority.csv", "LA_CODE\ne1\n");
	struct s903_ref *ref = s903_ref_new();
	struct raa_err err;
	assert_int_equal(s903_ref_load(ref, f->dir, &err), 0);
	/* the reference files are not a return: keep them out of the read */
	put(f, "provider_info.csv", NULL);
	put(f, "postcodes.csv", NULL);
	put(f, "local_authority.csv", NULL);
	return ref;
}

static void expect_run(struct s903_fixture *f, const struct s903_ref *ref, const char *code,
		       const char *want)
{
	s903_fixture_expect(f, 2025, ref, code, false, want);
}

static void test_provider_lookup(void **state)
{
	struct s903_fixture *f = *state;
	struct s903_ref *ref = full_ref(f);
	size_t n;
	const struct s903_provider *p = s903_ref_providers(ref, "sc1", &n);
	assert_int_equal(n, 1);
	assert_string_equal(p->postcode, "AB10AB");
	assert_string_equal(p->place_codes, "K1,K2");
	assert_null(s903_ref_providers(ref, "SC2", &n));
	assert_int_equal(n, 0);
	assert_string_equal(s903_ref_la(ref), "E1");
	s903_ref_free(ref);
}

static void test_provider_rules(void **state)
{
	struct s903_fixture *f = *state;
	struct s903_ref *ref = full_ref(f);
	put(f, "episodes.csv", EPISODES);
	expect_run(f, ref, "1008", "Episodes:2,");  /* SC404 unknown; XXXXXXX allowed */
	expect_run(f, ref, "219", "");              /* K2 is one of SC1's codes */
	expect_run(f, ref, "221", "");              /* ab10ab = AB1 0AB */
	expect_run(f, ref, "227", "Episodes:0,");   /* starts on the day it closed */
	expect_run(f, ref, "229", "");              /* PR1 with a provider in e1 */
	s903_ref_free(ref);
}

static void test_postcode_rules(void **state)
{
	struct s903_fixture *f = *state;
	struct s903_ref *ref = full_ref(f);
	put(f, "episodes.csv", EPISODES);
	/* child 1: 1 mile in E1; 2 and 3: about 248 miles, in Wales */
	expect_run(f, ref, "454", "");
	expect_run(f, ref, "169", "");
	expect_run(f, ref, "1015", "Episodes:2,"); /* own provision (PR1) in W2 */
	expect_run(f, ref, "218", "");
	s903_ref_free(ref);
}

static void test_skipped_without_reference(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "episodes.csv", EPISODES);
	char *got = run(f, NULL, "1008");
	assert_non_null(strstr(got, "skipped: needs the Ofsted provider list"));
	free(got);
	got = run(f, NULL, "169");
	assert_non_null(strstr(got, "postcodes.csv"));
	free(got);
	struct s903_ref *ref = s903_ref_new();
	s903_ref_set_la(ref, "E1");
	got = run(f, ref, "229"); /* an LA code but no provider list */
	assert_non_null(strstr(got, "skipped"));
	free(got);
	s903_ref_free(ref);
}

static void test_bad_reference(void **state)
{
	struct s903_fixture *f = *state;
	struct s903_ref *ref = s903_ref_new();
	struct raa_err err;
	assert_true(s903_ref_load(ref, f->dir, &err) < 0);
	assert_non_null(strstr(err.msg, "provider_info.csv"));
	put(f, "provider_info.csv", "NAME\nx\n");
	assert_true(s903_ref_load(ref, f->dir, &err) < 0);
	assert_non_null(strstr(err.msg, "no column URN"));
	s903_ref_free(ref);
}

/* 361: consecutive L1 episodes over 72 hours in all; 578: a missing
 * period starting outside every episode. */
static void test_new_rules(void **state)
{
	struct s903_fixture *f = *state;
	put(f, "episodes.csv",
	    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
	    "PL_POST,URN\n"
	    "1,01/05/2025,S,L1,N1,K2,PR1,03/05/2025,X1,,,,\n"
	    "1,03/05/2025,L,L1,N1,K2,PR1,05/05/2025,E3,,,,\n"
	    "2,01/05/2025,S,L1,N1,K2,PR1,04/05/2025,E3,,,,\n");
	put(f, "missing.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
			      "1,01/01/2015,M,02/05/2025,03/05/2025\n"
			      "2,01/01/2015,M,10/05/2025,11/05/2025\n");
	expect_run(f, NULL, "361", "Episodes:0,Episodes:1,");
	expect_run(f, NULL, "578", "Missing:1,");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_provider_lookup, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_provider_rules, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_postcode_rules, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_skipped_without_reference, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_reference, setup, s903_fixture_teardown),
		cmocka_unit_test_setup_teardown(test_new_rules, setup, s903_fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
