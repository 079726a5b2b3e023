#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "web/auth.h"
#include "web/html.h"
#include "web/page_kit.h"

struct fixture {
	struct buf out;
	struct arena arena;
	struct html h;
};

static int setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);
	buf_init(&f->out, 0);
	arena_init(&f->arena, 0);
	f->h = (struct html){ .out = &f->out, .arena = &f->arena };
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	buf_free(&f->out);
	arena_free(&f->arena);
	test_free(f);
	return 0;
}

static void text_is_escaped(void **state)
{
	struct fixture *f = *state;
	html_text(&f->h, "<script>alert('x')</script> & \"q\"");
	assert_string_equal(buf_cstr(&f->out),
			    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

static void raw_is_not_escaped_and_null_text_writes_nothing(void **state)
{
	struct fixture *f = *state;
	html_raw(&f->h, "<p>");
	html_text(&f->h, NULL);
	html_raw(&f->h, "</p>");
	assert_string_equal(buf_cstr(&f->out), "<p></p>");
}

static void attributes_are_escaped(void **state)
{
	struct fixture *f = *state;
	html_raw(&f->h, "<input");
	html_attr(&f->h, "value", "\" onfocus=\"alert(1)");
	html_attr(&f->h, "name", NULL);
	html_raw(&f->h, ">");
	assert_string_equal(buf_cstr(&f->out), "<input value=\"&quot; onfocus=&quot;alert(1)\">");
}

static void formatted_text_is_escaped_even_when_long(void **state)
{
	struct fixture *f = *state;
	char big[600];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	html_textf(&f->h, "%s<%d>", big, 7);
	const char *s = buf_cstr(&f->out);
	assert_int_equal(strlen(s), 599 + strlen("&lt;7&gt;"));
	assert_string_equal(s + 599, "&lt;7&gt;");
}

static void dates_are_long_in_text_and_iso_in_the_attribute(void **state)
{
	struct fixture *f = *state;
	html_date(&f->h, date_from_ymd(2024, 3, 4));
	assert_string_equal(buf_cstr(&f->out), "<time datetime=\"2024-03-04\">4 March 2024</time>");
	char out[HTML_DATE_MAX];
	html_date_long(date_from_ymd(2025, 12, 31), out);
	assert_string_equal(out, "31 December 2025");
	html_date_long(DAY_NONE, out);
	assert_string_equal(out, "");
}

static void url_encoding_round_trips(void **state)
{
	struct fixture *f = *state;
	const char *v = "a b&c=d/é%";
	char *enc = html_url_encode(&f->arena, v);
	assert_string_equal(enc, "a%20b%26c%3Dd%2F%C3%A9%25");
	char *dec = html_url_decode(&f->arena, enc, strlen(enc));
	assert_string_equal(dec, v);
	assert_string_equal(html_url_decode(&f->arena, "x+y", 3), "x y");
	assert_null(html_url_decode(&f->arena, "%zz", 3));
	assert_null(html_url_decode(&f->arena, "%4", 2));
	assert_null(html_url_decode(&f->arena, "a%00b", 5));
}

static void forms_parse_fields_and_refuse_bad_escapes(void **state)
{
	struct fixture *f = *state;
	struct buf body;
	buf_init(&body, 0);
	buf_puts(&body, "kind=linked&date-day=04&detail=a+%3Cb%3E&empty=&flag");
	struct form form;
	assert_int_equal(form_parse(&f->arena, &body, &form), 0);
	assert_int_equal(form.n, 5);
	assert_string_equal(form_get(&form, "kind"), "linked");
	assert_string_equal(form_get(&form, "date-day"), "04");
	assert_string_equal(form_get(&form, "detail"), "a <b>");
	assert_string_equal(form_get(&form, "empty"), "");
	assert_string_equal(form_get(&form, "flag"), "");
	assert_string_equal(form_get(&form, "missing"), "");
	buf_reset(&body);
	buf_puts(&body, "a=%G1");
	assert_int_equal(form_parse(&f->arena, &body, &form), -1);
	buf_reset(&body);
	for (int i = 0; i <= FORM_FIELDS_MAX; i++)
		buf_printf(&body, "f%d=1&", i);
	assert_int_equal(form_parse(&f->arena, &body, &form), -1);
	buf_free(&body);
}

static void form_errors_are_found_by_field(void **state)
{
	(void)state;
	struct form_errors e = { 0 };
	form_error_add(&e, "date", "date-day", "Enter the date");
	form_error_add(&e, "kind", NULL, "Select the event");
	assert_string_equal(form_error_for(&e, "date"), "Enter the date");
	assert_string_equal(e.e[1].anchor, "kind");
	assert_null(form_error_for(&e, "adopter"));
	assert_null(form_error_for(NULL, "date"));
}

static void role_rules_match_the_design(void **state)
{
	(void)state;
	assert_false(auth_reads_cases("board"));
	assert_false(auth_reads_cases("admin"));
	assert_true(auth_reads_cases("la_social_worker"));
	assert_true(auth_writes("la_social_worker", REC_CHILD));
	assert_false(auth_writes("la_social_worker", REC_ADOPTER));
	assert_false(auth_writes("assessment_worker", REC_CHILD));
	assert_false(auth_may_record_kind("la_social_worker", REC_CHILD, EV_SHOULD_BE_PLACED));
	assert_true(auth_may_record_kind("la_adm", REC_CHILD, EV_SHOULD_BE_PLACED));
	assert_true(auth_may_record_kind("la_social_worker", REC_CHILD, EV_REGISTER_REFERRAL));
	assert_false(auth_may_record_kind("assessment_worker", REC_ADOPTER, EV_APPROVED));
	assert_true(auth_may_record_kind("raa_adm", REC_ADOPTER, EV_APPROVED));
	assert_false(auth_reads_cases(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(text_is_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(raw_is_not_escaped_and_null_text_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(attributes_are_escaped, setup, teardown),
		cmocka_unit_test_setup_teardown(formatted_text_is_escaped_even_when_long, setup, teardown),
		cmocka_unit_test_setup_teardown(dates_are_long_in_text_and_iso_in_the_attribute, setup, teardown),
		cmocka_unit_test_setup_teardown(url_encoding_round_trips, setup, teardown),
		cmocka_unit_test_setup_teardown(forms_parse_fields_and_refuse_bad_escapes, setup, teardown),
		cmocka_unit_test(form_errors_are_found_by_field),
		cmocka_unit_test(role_rules_match_the_design),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
