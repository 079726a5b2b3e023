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
#include "ssda903/s903_rules.h"
#include "../fixture_store.h"

/* A fresh directory per test (*state), removed with its files afterwards. */
static int setup(void **state)
{
	struct fixture_dir *f = xcalloc(1, sizeof *f);
	assert_int_equal(fixture_dir_make(f, "s903"), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture_dir_remove(*state);
	free(*state);
	return 0;
}

static const char HEADER[] = "UPN,CHILD,SEX,DOB,ETHNIC,MOTHER,MC_DOB\n"
			     "A1,c1,1,01/02/2010,wbri,,\n"
			     "A2,c2,2,31/02/2011,WBRI,,\n";
static const char AD1[] = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
			  "c1,01/02/2010,01/01/2025,01/03/2025,0,2,MF,L11\n"
			  "C2,31/02/2011,01/01/2025,01/09/2025,0,2,MF,L11\n";
static const char EPISODES[] =
	"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
	"C2,01/08/2025,S,E1,N1,A4,PR1,,,,,,\n"
	"c1,01/06/2024,S,E1,N1,A4,PR1,01/06/2025,E11,,,,\n";

static void test_recognises_tables_by_columns(void **state)
{
	struct fixture_dir *f = *state;
	fixture_dir_put(f, "whatever.csv", HEADER); /* columns in another order, any name */
	fixture_dir_put(f, "b.CSV", AD1);
	fixture_dir_put(f, "notes.txt", "not a table");
	struct s903_return r;
	struct raa_err err;
	s903_return_init(&r);
	assert_int_equal(s903_read_dir(&r, f->dir, false, &err), 0);
	s903_finish(&r);
	const struct s903_table *h = &r.tab[S903_HEADER], *a = &r.tab[S903_AD1];
	assert_true(h->present && a->present);
	assert_false(r.tab[S903_EPISODES].present);
	assert_int_equal(h->n, 2);
	/* upper-cased, interned (same pointer across tables), blanks NULL */
	assert_string_equal(s903_s(h, S903_C_CHILD, 0), "C1");
	assert_string_equal(s903_s(h, S903_C_ETHNIC, 0), "WBRI");
	assert_ptr_equal(s903_s(h, S903_C_CHILD, 0), s903_s(a, S903_C_CHILD, 0));
	assert_null(s903_s(h, S903_C_MOTHER, 0));
	/* dates parsed once; an impossible date is kept as text, no date */
	assert_int_equal(s903_d(h, S903_C_DOB, 0), date_from_ymd(2010, 2, 1));
	assert_string_equal(s903_s(h, S903_C_DOB, 1), "31/02/2011");
	assert_int_equal(s903_d(h, S903_C_DOB, 1), DAY_NONE);
	/* rows grouped by child; Header gets the derived UASC column */
	assert_int_equal(r.nchild, 2);
	int n;
	const int *rows = s903_rows(a, h->child[1], &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0], 1);
	assert_null(h->col[S903_C_UASC]); /* no UASC table given */
	s903_return_free(&r);
}

/* Thousands of rows, more distinct values per column than the reader's
 * per-column cache holds, values differing only in case, blanks, invalid
 * dates, CRLF and LF rows and no final line end: every cell must read as
 * its own text, upper-cased and interned, with its own date. */
static void test_many_values_read_exactly(void **state)
{
	struct fixture_dir *f = *state;
	enum { N = 3000 };
	static const char *const ethnic[] = { "wbri", "WBRI", "Wbri", "MIXD" };
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n");
	for (int i = 0; i < N; i++) {
		buf_printf(&b, "c%d,%d,%02d/%02d/%d,%s,a%d,%s,%s", i, 1 + i % 2, i % 28 + 1,
			   i % 12 + 1, 2000 + i % 20, ethnic[i % 4], i * 7, i % 3 ? "" : "1",
			   i % 5 ? "" : "31/02/2011");
		if (i + 1 < N)
			buf_puts(&b, i % 2 ? "\r\n" : "\n");
	}
	fixture_dir_put(f, "h.csv", buf_cstr(&b));
	fixture_dir_put(f, "e.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
			"REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
	buf_free(&b);
	struct s903_return r;
	struct raa_err err;
	s903_return_init(&r);
	assert_int_equal(s903_read_dir(&r, f->dir, false, &err), 0);
	s903_finish(&r);
	const struct s903_table *h = &r.tab[S903_HEADER];
	assert_true(r.tab[S903_EPISODES].present);
	assert_int_equal(r.tab[S903_EPISODES].n, 0);
	assert_int_equal(h->n, N);
	assert_int_equal(r.nchild, N);
	const char *wbri = s903_s(h, S903_C_ETHNIC, 0);
	assert_string_equal(wbri, "WBRI");
	char want[32];
	for (int i = 0; i < N; i++) {
		snprintf(want, sizeof want, "C%d", i);
		assert_string_equal(s903_s(h, S903_C_CHILD, (size_t)i), want);
		assert_int_equal(h->child[i], i);
		snprintf(want, sizeof want, "A%d", i * 7);
		assert_string_equal(s903_s(h, S903_C_UPN, (size_t)i), want);
		assert_string_equal(s903_s(h, S903_C_SEX, (size_t)i), i % 2 ? "2" : "1");
		assert_int_equal(s903_d(h, S903_C_DOB, (size_t)i),
				 date_from_ymd(2000 + i % 20, i % 12 + 1, i % 28 + 1));
		if (i % 4 < 3)
			assert_ptr_equal(s903_s(h, S903_C_ETHNIC, (size_t)i), wbri);
		else
			assert_string_equal(s903_s(h, S903_C_ETHNIC, (size_t)i), "MIXD");
		if (i % 3)
			assert_null(s903_s(h, S903_C_MOTHER, (size_t)i));
		else
			assert_string_equal(s903_s(h, S903_C_MOTHER, (size_t)i), "1");
		if (i % 5) {
			assert_null(s903_s(h, S903_C_MC_DOB, (size_t)i));
		} else {
			assert_string_equal(s903_s(h, S903_C_MC_DOB, (size_t)i), "31/02/2011");
		}
		assert_int_equal(s903_d(h, S903_C_MC_DOB, (size_t)i), DAY_NONE);
	}
	s903_return_free(&r);
}

/* Conformance fixtures: a label column, only some columns, case kept. */
static void test_fixture_table_keeps_case(void **state)
{
	struct fixture_dir *f = *state;
	const char *path = fixture_dir_put(f, "AD1.csv", "__index,CHILD,DATE_MATCH,EXTRA\n"
					   "7,c1,01/03/2025,x\n9,C1,,y\n");
	struct s903_return r;
	struct raa_err err;
	s903_return_init(&r);
	r.keep_case = true;
	assert_int_equal(s903_read_csv(&r, path, S903_AD1, "__index", true, &err), 0);
	const struct s903_table *a = &r.tab[S903_AD1];
	assert_int_equal(a->n, 2);
	assert_string_equal(a->label[0], "7");
	assert_string_equal(a->label[1], "9");
	assert_string_equal(s903_s(a, S903_C_CHILD, 0), "c1");
	assert_string_equal(s903_s(a, S903_C_CHILD, 1), "C1");
	assert_int_equal(s903_d(a, S903_C_DATE_MATCH, 0), date_from_ymd(2025, 3, 1));
	assert_int_equal(s903_d(a, S903_C_DATE_MATCH, 1), DAY_NONE);
	assert_null(a->col[S903_C_DOB]);
	s903_return_free(&r);
	s903_return_init(&r);
	assert_int_equal(s903_read_csv(&r, "/nonexistent/AD1.csv", S903_AD1, NULL, true, &err),
			 RAA_EIO);
	assert_string_equal(err.msg, "/nonexistent/AD1.csv: cannot open: No such file or directory");
	s903_return_free(&r);
}

static void expect_read_error(struct fixture_dir *f, const char *want)
{
	struct s903_return r;
	struct raa_err err;
	s903_return_init(&r);
	assert_int_equal(s903_read_dir(&r, f->dir, false, &err), RAA_EINVAL);
	if (!strstr(err.msg, want))
		fail_msg("error '%s' does not contain '%s'", err.msg, want);
	s903_return_free(&r);
}

static void test_unknown_columns(void **state)
{
	struct fixture_dir *f = *state;
	fixture_dir_put(f, "h.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,1,01/01/2010,WBRI,,\n");
	expect_read_error(f, "h.csv: line 1: columns (CHILD,SEX,DOB,ETHNIC,UPN,MOTHER) are not");
}

static void test_table_twice(void **state)
{
	struct fixture_dir *f = *state;
	fixture_dir_put(f, "a.csv", AD1);
	fixture_dir_put(f, "b.csv", AD1);
	expect_read_error(f, "b.csv: table AD1 given twice (already read from");
}

static void test_ragged_row(void **state)
{
	struct fixture_dir *f = *state;
	fixture_dir_put(f, "h.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/01/2010,WBRI,,,\nC2,1\n");
	expect_read_error(f, "h.csv: line 3");
}

static void test_bad_encoding(void **state)
{
	struct fixture_dir *f = *state;
	fixture_dir_put(f, "h.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/01/2010,W\xe9RI,,,\n");
	expect_read_error(f, "h.csv: line 2");
}

static void test_duplicate_column(void **state)
{
	struct fixture_dir *f = *state;
	fixture_dir_put(f, "h.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,CHILD\n");
	expect_read_error(f, "h.csv: line 1, column 7: column CHILD given twice");
}

static void test_xml_and_empty(void **state)
{
	struct fixture_dir *f = *state;
	expect_read_error(f, "no .csv files");
	fixture_dir_put(f, "r.xml", "<EXPSSDA903/>");
	expect_read_error(f, "r.xml: the XML form");
}

static void test_year(void **state)
{
	(void)state;
	struct s903_return r;
	struct raa_err err;
	s903_return_init(&r);
	assert_int_equal(s903_return_set_year(&r, "2025/26", &err), 0);
	assert_int_equal(r.year, 2025);
	assert_int_equal(r.start, date_from_ymd(2025, 4, 1));
	assert_int_equal(r.end, date_from_ymd(2026, 3, 31));
	assert_int_equal(s903_return_set_year(&r, "2025/27", &err), RAA_EINVAL);
	assert_int_equal(s903_return_set_year(&r, "soon", &err), RAA_EINVAL);
	s903_return_free(&r);
}

/* The engine: versions in force, rows flagged, sorted errors, skips. */
static void test_validate(void **state)
{
	struct fixture_dir *f = *state;
	fixture_dir_put(f, "h.csv", HEADER);
	fixture_dir_put(f, "a.csv", AD1);
	fixture_dir_put(f, "e.csv", EPISODES);
	fixture_dir_put(f, "p.csv", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n"
			"C1,01/02/2010,01/01/2025,,\n");
	struct s903_return r;
	struct s903_report rep;
	struct raa_err err;
	s903_return_init(&r);
	assert_int_equal(s903_return_set_year(&r, "2025/26", &err), 0);
	assert_int_equal(s903_read_dir(&r, f->dir, false, &err), 0);
	s903_finish(&r);
	assert_int_equal(s903_validate(&r, &rep, &err), 0);
	assert_int_equal(rep.nrun + rep.nskipped, 311);
	/* 102: Header row 1's DOB is no date */
	bool saw102 = false, saw331 = false;
	for (size_t i = 0; i < rep.nerrors; i++) {
		const struct s903_error *e = &rep.errors[i];
		if (i)
			assert_true(s903_code_cmp(rep.errors[i - 1].rule, e->rule) <= 0);
		if (strcmp(e->rule, "102") == 0) {
			assert_int_equal(e->slot, S903_HEADER);
			assert_int_equal(e->row, 1);
			assert_string_equal(e->child, "C2");
			saw102 = true;
		}
		/* 331: C1 matched (01/03/2025) after it was adopted (DECOM 01/06/2024) */
		if (strcmp(e->rule, "331") == 0 && e->slot == S903_AD1) {
			assert_int_equal(e->row, 0);
			saw331 = true;
		}
	}
	assert_true(saw102 && saw331);
	/* rules reading last year's tables are skipped without --previous */
	bool skipped559 = false;
	for (size_t i = 0; i < rep.nskipped; i++)
		if (strcmp(rep.skipped[i].rule, "559") == 0)
			skipped559 = strstr(rep.skipped[i].why, "--previous") != NULL;
	assert_true(skipped559);
	s903_report_free(&rep);
	s903_return_free(&r);
}

/* The rules run on every core, each worker taking the next rule; the
 * report must be exactly what running the rules one by one in code order
 * gives: every rule's hits in table and row order, nothing lost or doubled
 * between workers. Checked on the sample return (47,000 errors). */
static void test_validate_equals_rules_one_by_one(void **state)
{
	(void)state;
	const char *shared = getenv("RAA_SHARED");
	if (!shared)
		skip();
	static const char *const FILES[] = { "header.csv", "episodes.csv", "reviews.csv",
		"uasc.csv", "oc2.csv", "oc3.csv", "ad1.csv", "placed_for_adoption.csv",
		"previous_permanence.csv", "missing.csv", "sw_episodes.csv", "DoLo.csv" };
	struct s903_return r;
	struct raa_err err;
	s903_return_init(&r);
	assert_int_equal(s903_return_set_year(&r, "2025/26", &err), 0);
	char path[512];
	for (size_t i = 0; i < sizeof(FILES) / sizeof(FILES[0]); i++) {
		snprintf(path, sizeof path, "%s/ssda903/sample/%s", shared, FILES[i]);
		if (access(path, R_OK) != 0) {
			s903_return_free(&r);
			skip();
		}
		assert_int_equal(s903_read_csv(&r, path, S903_RECOGNISE, NULL, false, &err), 0);
	}
	s903_finish(&r);
	struct s903_report rep;
	assert_int_equal(s903_validate(&r, &rep, &err), 0);
	assert_true(rep.nerrors > 10000);

	const struct s903_year_rules *y = s903_year(2025);
	const char **codes = malloc(y->n * sizeof(*codes));
	for (size_t i = 0; i < y->n; i++)
		codes[i] = y->rules[i].code;
	for (size_t i = 1; i < y->n; i++) /* insertion sort: ~300 codes */
		for (size_t j = i; j > 0 && s903_code_cmp(codes[j - 1], codes[j]) > 0; j--) {
			const char *t = codes[j];
			codes[j] = codes[j - 1];
			codes[j - 1] = t;
		}
	struct s903_ctx c = { 0 };
	size_t at = 0, ran = 0, skipped = 0;
	for (size_t i = 0; i < y->n; i++) {
		const struct s903_rule_impl *impl = s903_rule_impl(2025, codes[i]);
		const char *why;
		if (!impl || !s903_run_rule(impl, &r, &c, &why)) {
			assert_true(skipped < rep.nskipped);
			assert_string_equal(rep.skipped[skipped++].rule, codes[i]);
			continue;
		}
		ran++;
		for (size_t h = 0; h < c.nhits; h++, at++) {
			assert_true(at < rep.nerrors);
			const struct s903_error *e = &rep.errors[at];
			assert_string_equal(e->rule, codes[i]);
			assert_int_equal(e->slot, c.hits[h].slot);
			assert_int_equal(e->row, c.hits[h].row);
			if (h) /* table by name, then row, no row twice */
				assert_true(strcmp(s903_tab_name(c.hits[h - 1].slot),
						   s903_tab_name(c.hits[h].slot)) < 0 ||
					    (c.hits[h - 1].slot == c.hits[h].slot &&
					     c.hits[h - 1].row < c.hits[h].row));
		}
	}
	assert_int_equal(at, rep.nerrors);
	assert_int_equal(ran, rep.nrun);
	assert_int_equal(skipped, rep.nskipped);
	s903_ctx_free(&c);
	free(codes);
	s903_report_free(&rep);
	s903_return_free(&r);
}

static void test_rule_versions(void **state)
{
	(void)state;
	/* 557 changed in 2024/25: each year gets its own version */
	const struct s903_rule_impl *a = s903_rule_impl(2023, "557");
	const struct s903_rule_impl *b = s903_rule_impl(2025, "557");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->since, 2022);
	assert_int_equal(b->since, 2024);
	assert_null(s903_rule_impl(2025, "no such rule"));
	assert_int_equal(s903_year(2022)->n, 293);
	assert_int_equal(s903_year(2026)->n, 322);
	assert_string_equal(s903_rule_info(2025, "331")->fields, "DATE_MATCH,DECOM,REC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_recognises_tables_by_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_values_read_exactly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixture_table_keeps_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ragged_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_encoding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xml_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validate, setup, teardown),
		cmocka_unit_test(test_validate_equals_rules_one_by_one),
		cmocka_unit_test(test_rule_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
