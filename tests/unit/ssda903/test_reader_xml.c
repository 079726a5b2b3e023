/* The XML form of the SSDA903 return (src/ssda903/reader_xml.c). */
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
#include "ssda903/s903.h"
#include "../fixture_store.h"

/* A fresh directory per test, removed with its files afterwards. */
struct fixture {
	struct fixture_dir d;
	struct s903_return r;
	struct raa_err err;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	assert_int_equal(fixture_dir_make(&f->d, "s903x"), 0);
	s903_return_init(&f->r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	fixture_dir_remove(&f->d);
	s903_return_free(&f->r);
	free(f);
	return 0;
}

static int read_xml(struct fixture *f, const char *text)
{
	const char *path = fixture_dir_put(&f->d, "r.xml", text);
	memset(&f->err, 0, sizeof f->err);
	return s903_read_xml(&f->r, path, false, &f->err);
}

static void expect_error(struct fixture *f, const char *text, const char *want)
{
	assert_int_equal(read_xml(f, text), RAA_EINVAL);
	if (!strstr(f->err.msg, want))
		fail_msg("error '%s' does not contain '%s'", f->err.msg, want);
}

#define CHILD1                                                                              \
	"<CHILD><HEADER><CHILDID>c1</CHILDID><SEX>1</SEX><DOB>01/02/2010</DOB>"              \
	"<ETHNIC>wbri</ETHNIC><UPN/><MOTHER/><MC_DOB/><UASC/>"                               \
	"<AREVIEW><REVIEW>01/05/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>"        \
	"<AREVIEW><REVIEW>01/11/2025</REVIEW><REVIEW_CODE>PN0</REVIEW_CODE></AREVIEW>"        \
	"<DATE_INT>01/01/2025</DATE_INT><DATE_MATCH>01/03/2025</DATE_MATCH>"                 \
	"<AD_PLACED><DATE_PLACED>01/01/2025</DATE_PLACED><DATE_PLACED_CEASED/>"              \
	"<REASON_PLACED_CEASED/></AD_PLACED></HEADER>"                                        \
	"<EPISODE><DECOM>01/06/2024</DECOM><RNE>S</RNE><LS>E1</LS><PL>A4</PL>"               \
	"<DEC>01/06/2025</DEC><REC>E11</REC></EPISODE></CHILD>"

static void test_tables_and_rows(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(read_xml(f, "<?xml version='1.0'?>\n<EXPSSDA903>\n" CHILD1 "\n"
				  "<CHILD><HEADER>\n  <CHILDID> c2 </CHILDID><DOB>31/02/2011</DOB>"
				  "<DUC>01/01/2030</DUC><IN_TOUCH>yes</IN_TOUCH></HEADER>"
				  "<EPISODE><DECOM>01/08/2025</DECOM><PL>u1</PL></EPISODE>"
				  "<EPISODE><DECOM>02/09/2025</DECOM><PL>U2</PL></EPISODE></CHILD>"
				  "</EXPSSDA903>\n"),
			 0);
	s903_finish(&f->r);
	const struct s903_table *h = &f->r.tab[S903_HEADER], *e = &f->r.tab[S903_EPISODES];
	assert_int_equal(h->n, 2);
	/* values are upper-cased and trimmed as CSV cells are upper-cased */
	assert_string_equal(s903_s(h, S903_C_CHILD, 0), "C1");
	assert_string_equal(s903_s(h, S903_C_CHILD, 1), "C2");
	assert_string_equal(s903_s(h, S903_C_ETHNIC, 0), "WBRI");
	assert_null(s903_s(h, S903_C_UPN, 0)); /* <UPN/> is blank */
	/* dates parsed once; 31/02 is no date */
	assert_int_equal(s903_d(h, S903_C_DOB, 0), date_from_ymd(2010, 2, 1));
	assert_int_equal(s903_d(h, S903_C_DOB, 1), DAY_NONE);
	assert_string_equal(s903_s(h, S903_C_DOB, 1), "31/02/2011");
	/* Episodes: rows in document order, CHILD from the HEADER, PL is PLACE */
	assert_int_equal(e->n, 3);
	assert_string_equal(s903_s(e, S903_C_CHILD, 2), "C2");
	assert_string_equal(s903_s(e, S903_C_PLACE, 1), "U1");
	assert_int_equal(s903_d(e, S903_C_DECOM, 2), date_from_ymd(2025, 9, 2));
	/* sub-blocks carry the child's CHILD and DOB */
	const struct s903_table *rv = &f->r.tab[S903_REVIEWS];
	assert_int_equal(rv->n, 2);
	assert_string_equal(s903_s(rv, S903_C_REVIEW_CODE, 1), "PN0");
	assert_string_equal(s903_s(rv, S903_C_DOB, 1), "01/02/2010");
	/* HEADER items: AD1 for c1, UASC (a DUC) and OC3 for c2 */
	assert_int_equal(f->r.tab[S903_AD1].n, 1);
	assert_int_equal(f->r.tab[S903_PLACED].n, 1);
	assert_int_equal(f->r.tab[S903_UASC].n, 1);
	assert_string_equal(s903_s(&f->r.tab[S903_UASC], S903_C_CHILD, 0), "C2");
	assert_int_equal(f->r.tab[S903_OC3].n, 1);
	/* the derived Header.UASC follows the UASC table, as for CSV */
	assert_string_equal(s903_s(h, S903_C_UASC, 0), "0");
	assert_string_equal(s903_s(h, S903_C_UASC, 1), "1");
	/* every table the XML form carries is present, even empty */
	assert_true(f->r.tab[S903_MISSING].present);
	assert_int_equal(f->r.tab[S903_MISSING].n, 0);
	assert_false(f->r.tab[S903_SWEPISODES].present);
	assert_non_null(strstr(h->file, "r.xml"));
}

static void test_malformed(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "<EXPSSDA903>\n<CHILD><HEADER>\n<CHILDID>1</SEX>\n", "r.xml: line 3: not well-formed XML");
}

static void test_empty_file(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "", "r.xml: line 1: empty file");
}

static void test_no_child(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "<EXPSSDA903/>", "r.xml: the XML form has no <CHILD>");
}

static void test_wrong_root(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "<LAC><CHILD/></LAC>", "line 1: the root element is not <EXPSSDA903>");
}

static void test_unknown_element(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID>\n<NICKNAME>x</NICKNAME>",
		     "r.xml: line 2: element <NICKNAME> in <HEADER> is not part of the SSDA903 return");
}

static void test_misplaced_element(void **state)
{
	struct fixture *f = *state;
	/* DECOM is an EPISODE field: in HEADER it would be lost */
	expect_error(f, "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><DECOM>01/01/2025</DECOM>",
		     "element <DECOM> in <HEADER>");
	s903_return_free(&f->r);
	s903_return_init(&f->r);
	/* the CSV names are not the XML's */
	expect_error(f, "<EXPSSDA903><CHILD><HEADER><CHILD>1</CHILD>", "element <CHILD> in <HEADER>");
}

static void test_missing_childid(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "<EXPSSDA903>\n<CHILD><HEADER><SEX>1</SEX></HEADER></CHILD></EXPSSDA903>",
		     "r.xml: line 2: <HEADER> without a CHILDID");
	s903_return_free(&f->r);
	s903_return_init(&f->r);
	expect_error(f, "<EXPSSDA903><CHILD><HEADER><CHILDID> </CHILDID></HEADER></CHILD></EXPSSDA903>",
		     "without a CHILDID");
	s903_return_free(&f->r);
	s903_return_init(&f->r);
	expect_error(f, "<EXPSSDA903>\n\n<CHILD><EPISODE/></CHILD></EXPSSDA903>",
		     "line 3: <CHILD> without a <HEADER>");
}

static void test_twice(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><CHILDID>2</CHILDID>",
		     "a field given twice in one block: <CHILDID>");
}

static void test_doctype_and_entities_refused(void **state)
{
	struct fixture *f = *state;
	/* an internal entity (the start of a "billion laughs") */
	expect_error(f, "<?xml version='1.0'?>\n<!DOCTYPE EXPSSDA903 [<!ENTITY a \"aaaa\">]>\n"
			"<EXPSSDA903><CHILD><HEADER><CHILDID>&a;</CHILDID></HEADER></CHILD></EXPSSDA903>",
		     "document type declaration");
	s903_return_free(&f->r);
	s903_return_init(&f->r);
	/* an external entity: the file must never be read into a value */
	expect_error(f, "<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"/etc/hostname\">]>\n"
			"<EXPSSDA903><CHILD><HEADER><CHILDID>&e;</CHILDID></HEADER></CHILD></EXPSSDA903>",
		     "document type declaration");
	assert_false(f->r.tab[S903_HEADER].present);
	s903_return_free(&f->r);
	s903_return_init(&f->r);
	/* an undeclared entity is not well-formed */
	expect_error(f, "<EXPSSDA903><CHILD><HEADER><CHILDID>&e;</CHILDID></HEADER></CHILD></EXPSSDA903>",
		     "not well-formed XML");
}

static void test_text_outside_fields(void **state)
{
	struct fixture *f = *state;
	expect_error(f, "<EXPSSDA903><CHILD>stray<HEADER/></CHILD></EXPSSDA903>",
		     "text outside a field element");
}

static void test_csv_and_xml_same_table(void **state)
{
	struct fixture *f = *state;
	fixture_dir_put(&f->d, "a.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC9,1,01/01/2010,WBRI,,,\n");
	fixture_dir_put(&f->d, "b.xml", "<EXPSSDA903>" CHILD1 "</EXPSSDA903>");
	assert_int_equal(s903_read_dir(&f->r, f->d.dir, false, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "b.xml: the XML form's table Header is also given by"));
	assert_non_null(strstr(f->err.msg, "a.csv"));
}

static void test_csv_for_other_tables(void **state)
{
	struct fixture *f = *state;
	/* the XML has no AD1 items, so AD1 may come as CSV */
	fixture_dir_put(&f->d, "ad1.csv",
			"CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
			"C1,01/02/2010,01/01/2025,01/03/2025,0,2,MF,L11\n");
	fixture_dir_put(&f->d, "z.xml", "<EXPSSDA903><CHILD><HEADER><CHILDID>c1</CHILDID></HEADER></CHILD></EXPSSDA903>");
	assert_int_equal(s903_read_dir(&f->r, f->d.dir, true, &f->err), 0);
	const struct s903_table *a = &f->r.tab[S903_LAST(S903_AD1)];
	assert_true(a->present);
	assert_int_equal(a->n, 1);
	assert_non_null(strstr(a->file, "ad1.csv"));
	assert_int_equal(f->r.tab[S903_LAST(S903_HEADER)].n, 1);
	assert_false(f->r.tab[S903_HEADER].present);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tables_and_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_child, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_element, setup, teardown),
		cmocka_unit_test_setup_teardown(test_misplaced_element, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_childid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doctype_and_entities_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_outside_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_and_xml_same_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_for_other_tables, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
