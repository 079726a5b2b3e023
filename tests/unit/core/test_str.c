#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/password.h"
#include "core/str.h"

static void natural_order(void **state)
{
	(void)state;
	assert_true(str_natcmp("C2", "C10") < 0);
	assert_true(str_natcmp("C10", "C2") > 0);
	assert_true(str_natcmp("A1", "C1") < 0);
	assert_true(str_natcmp("C1", "C1") == 0);
	assert_true(str_natcmp("C01", "C1") != 0);  /* total order: ties broken */
	assert_true(str_natcmp("C1", "C1a") < 0);
	assert_true(str_natcmp("SG9", "SG10") < 0);
	assert_true(str_natcmp("x99999999999999999999", "x100000000000000000000") < 0);
}

static void case_helpers(void **state)
{
	(void)state;
	char up[8];
	str_upper(up, sizeof up, "se15 x");
	assert_string_equal(up, "SE15 X");
	str_upper(up, 3, "abcdef");
	assert_string_equal(up, "AB");
	assert_true(str_ieq("Hello", "hELLO"));
	assert_false(str_ieq("Hello", NULL));
	assert_true(str_ieq(NULL, NULL));
	assert_true(str_icontains("Not Suitable", "not suitable"));
	assert_false(str_icontains("may be suitable", "not"));
	assert_true(str_empty(""));
	assert_true(str_empty(NULL));
	assert_false(str_empty(" "));
}

static void integers(void **state)
{
	(void)state;
	long v = 0;
	assert_int_equal(str_to_int("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(str_to_int("-3", -5, 5, &v), 0);
	assert_int_equal(v, -3);
	assert_int_equal(str_to_int("101", 0, 100, &v), -1);
	assert_int_equal(str_to_int("4x", 0, 100, &v), -1);
	assert_int_equal(str_to_int("", 0, 100, &v), -1);
	assert_int_equal(str_to_int("-", 0, 100, &v), -1);
	assert_int_equal(str_to_int(" 4", 0, 100, &v), -1);
	assert_int_equal(str_to_int("99999999999999999999999", 0, 100, &v), -1);
}

static void passwords(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_MAX];
	struct raa_err err;
	assert_int_equal(password_hash("correct horse battery", hash, &err), 0);
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_true(password_verify(hash, "correct horse battery"));
	assert_false(password_verify(hash, "correct horse batterY"));
	assert_false(password_verify("not a hash", "x"));
	assert_int_equal(password_check_policy("short", &err), RAA_EINVAL);
	assert_non_null(strstr(err.msg, "password"));
	assert_int_equal(password_check_policy("long enough!", &err), 0);
	char a[17], b[17];
	password_generate(a, 16);
	password_generate(b, 16);
	assert_int_equal(strlen(a), 16);
	assert_string_not_equal(a, b);
	assert_null(strpbrk(a, "0O1lI"));
	char hex[33];
	password_random_hex(hex, 16);
	assert_int_equal(strlen(hex), 32);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(natural_order),
		cmocka_unit_test(case_helpers),
		cmocka_unit_test(integers),
		cmocka_unit_test(passwords),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
