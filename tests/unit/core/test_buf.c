#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"

/* ---- buf ---- */

static void buf_empty_and_append(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_null(b.data);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(buf_append(&b, "", 0), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(buf_putc(&b, 'd'), 0);
	assert_int_equal(buf_append(&b, "e\0f", 3), 0); /* binary-safe */
	assert_int_equal(b.len, 7);
	assert_memory_equal(b.data, "abcde\0f", 8);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_non_null(b.data); /* memory kept */
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void buf_bounds(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 5);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_false(b.overflow);
	/* Refused: the content is unchanged and the flag stays set. */
	assert_int_equal(buf_puts(&b, "def"), -1);
	assert_true(b.overflow);
	assert_string_equal(buf_cstr(&b), "abc");
	assert_int_equal(b.len, 3);
	/* Exactly up to the limit is allowed. */
	assert_int_equal(buf_puts(&b, "de"), 0);
	assert_string_equal(buf_cstr(&b), "abcde");
	assert_int_equal(buf_putc(&b, 'f'), -1);
	assert_int_equal(buf_printf(&b, "%d", 1), -1);
	assert_string_equal(buf_cstr(&b), "abcde");
	assert_true(b.overflow);
	/* Reset clears the flag; the limit remains. */
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(b.max, 5);
	assert_int_equal(buf_append(&b, "123456", 6), -1);
	assert_int_equal(b.len, 0);
	/* A size that would overflow size_t arithmetic is refused, not wrapped. */
	assert_int_equal(buf_puts(&b, "x"), 0);
	assert_int_equal(buf_append(&b, "y", SIZE_MAX), -1);
	assert_string_equal(buf_cstr(&b), "x");
	buf_free(&b);
	assert_int_equal(b.max, 5); /* free keeps the limit for reuse */
	assert_false(b.overflow);
}

static void buf_grows(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 10000);
	assert_true(b.cap > b.len);
	assert_int_equal(b.data[10000], '\0');
	for (int i = 0; i < 10000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	buf_free(&b);
}

static void buf_printf_formats(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_printf(&b, "%s=%d", "n", 42), 0);
	assert_int_equal(buf_printf(&b, ", %05.1f", 3.14159), 0);
	assert_string_equal(buf_cstr(&b), "n=42, 003.1");
	assert_int_equal(b.len, strlen("n=42, 003.1"));
	assert_int_equal(buf_printf(&b, "%s", ""), 0);
	assert_int_equal(b.len, strlen("n=42, 003.1"));
	/* Long output grows the buffer in one go. */
	char big[3000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(buf_printf(&b, "[%s]", big), 0);
	assert_int_equal(b.len, 11 + 3001);
	assert_int_equal(b.data[b.len - 1], ']');
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);

	buf_init(&b, 8);
	assert_int_equal(buf_printf(&b, "%d", 1234567), 0);
	assert_int_equal(buf_printf(&b, "%d", 89), -1);
	assert_string_equal(buf_cstr(&b), "1234567");
	assert_int_equal(buf_printf(&b, "%d", 8), 0);
	assert_string_equal(buf_cstr(&b), "12345678");
	buf_free(&b);
}

static void buf_detach_hands_over(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	char *s = buf_detach(&b); /* empty: still a real string */
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	buf_puts(&b, "hello");
	s = buf_detach(&b);
	assert_string_equal(s, "hello");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 100);
	/* The buffer is reusable and independent of the detached string. */
	buf_puts(&b, "world");
	assert_string_equal(s, "hello");
	assert_string_equal(buf_cstr(&b), "world");
	free(s);
	buf_free(&b);
}

/* ---- mem ---- */

static void x_allocators(void **state)
{
	(void)state;
	char *p = xmalloc(0); /* never NULL, even for 0 */
	assert_non_null(p);
	free(p);
	int *z = xcalloc(100, sizeof *z);
	for (int i = 0; i < 100; i++)
		assert_int_equal(z[i], 0);
	z = xrealloc(z, 1000 * sizeof *z);
	assert_int_equal(z[99], 0); /* contents kept */
	free(z);
	char *s = xstrdup("abc");
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

static void xgrow_doubles(void **state)
{
	(void)state;
	int *arr = NULL;
	size_t cap = 0;
	xgrow((void **)&arr, &cap, 1, sizeof *arr);
	assert_non_null(arr);
	assert_true(cap >= 1);
	size_t first = cap;
	xgrow((void **)&arr, &cap, first, sizeof *arr); /* already enough: no change */
	assert_int_equal(cap, first);
	for (int i = 0; i < 100000; i++) {
		size_t before = cap;
		xgrow((void **)&arr, &cap, (size_t)i + 1, sizeof *arr);
		assert_true(cap >= (size_t)i + 1);
		if (cap != before)
			assert_true(cap >= 2 * before); /* amortised O(1) appends */
		arr[i] = i;
	}
	for (int i = 0; i < 100000; i++)
		assert_int_equal(arr[i], i);
	/* A big jump gets there in one call. */
	xgrow((void **)&arr, &cap, 1000000, sizeof *arr);
	assert_true(cap >= 1000000);
	assert_int_equal(arr[99999], 99999);
	free(arr);
}

static void arena_alignment(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_int_equal(a.block_size, 64 * 1024);
	const size_t sizes[] = { 0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 100, 1000 };
	for (int round = 0; round < 50; round++) {
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
			unsigned char *p = arena_alloc(&a, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
			memset(p, 0xab, sizes[i]); /* ASan checks the bounds */
		}
	}
	/* A double placed after odd sizes is usable. */
	arena_alloc(&a, 3);
	long double *d = arena_alloc(&a, sizeof *d);
	*d = 1.5L;
	assert_true(*d == 1.5L);
	assert_true(a.total >= 50 * 1200);
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void arena_many_allocations(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 256); /* small blocks: forces many of them */
	enum { N = 20000 };
	char **strs = malloc(N * sizeof *strs);
	for (int i = 0; i < N; i++)
		strs[i] = arena_printf(&a, "item-%d", i);
	/* Nothing was overwritten by later allocations. */
	for (int i = 0; i < N; i++) {
		char want[32];
		snprintf(want, sizeof want, "item-%d", i);
		assert_string_equal(strs[i], want);
	}
	/* Larger than a block: gets its own. */
	char *big = arena_alloc(&a, 10000);
	memset(big, 'q', 10000);
	char *after = arena_strdup(&a, "after");
	assert_string_equal(after, "after");
	assert_int_equal(big[9999], 'q');
	assert_string_equal(strs[N - 1], "item-19999");
	assert_null(arena_strdup(&a, NULL));
	char *n = arena_strndup(&a, "abcdef", 2);
	assert_string_equal(n, "ab");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	free(strs);
	arena_free(&a);
	/* Reusable after free. */
	assert_string_equal(arena_strdup(&a, "again"), "again");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_empty_and_append),
		cmocka_unit_test(buf_bounds),
		cmocka_unit_test(buf_grows),
		cmocka_unit_test(buf_printf_formats),
		cmocka_unit_test(buf_detach_hands_over),
		cmocka_unit_test(x_allocators),
		cmocka_unit_test(xgrow_doubles),
		cmocka_unit_test(arena_alignment),
		cmocka_unit_test(arena_many_allocations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
