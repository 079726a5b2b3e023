/*
 * The fixture of the SSDA903 rule tests: a return in its own temporary
 * directory (this year's files in dir, last year's in dir/prev), read as
 * one collection year and run through one rule. The directory is removed
 * whole (nftw) when the test ends.
 *
 * A header of static inline functions because CMake builds only the
 * test_*.c files of tests/unit; include it after <cmocka.h> (the helpers
 * assert), in a file that defines _XOPEN_SOURCE 700 before its first
 * #include (nftw).
 */
#ifndef RAA_TESTS_S903_FIXTURE_H
#define RAA_TESTS_S903_FIXTURE_H

#if !defined(_XOPEN_SOURCE) || _XOPEN_SOURCE < 500
#error "s903_fixture.h: define _XOPEN_SOURCE 700 before the first #include (nftw)"
#endif

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "ssda903/s903_rules.h"

struct s903_fixture {
	char dir[64];
	bool prev; /* dir/prev made: last year's return is read from it */
};

/* cmocka setup: *state a fresh fixture in /tmp/raa-<tag>-XXXXXX; 0, or -1
 * when the directory cannot be made. */
static inline int s903_fixture_setup(void **state, const char *tag)
{
	struct s903_fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/raa-%s-XXXXXX", tag);
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static inline int s903_fixture_rm_entry(const char *path, const struct stat *st, int flag,
					struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* cmocka teardown: removes the directory with everything in it. */
static inline int s903_fixture_teardown(void **state)
{
	struct s903_fixture *f = *state;
	nftw(f->dir, s903_fixture_rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* Writes DIR/name, or removes it when text is NULL. A name under "prev/"
 * is last year's return (dir/prev is made on the first one). */
static inline void s903_fixture_put(struct s903_fixture *f, const char *name, const char *text)
{
	char path[sizeof(f->dir) + 128];
	if (text && strncmp(name, "prev/", 5) == 0 && !f->prev) {
		snprintf(path, sizeof(path), "%s/prev", f->dir);
		assert_int_equal(mkdir(path, 0700), 0);
		f->prev = true;
	}
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	if (!text) {
		remove(path);
		return;
	}
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Writes name into last year's return (DIR/prev/name). */
static inline void s903_fixture_put_prev(struct s903_fixture *f, const char *name,
					 const char *text)
{
	char prev[128];
	snprintf(prev, sizeof(prev), "prev/%s", name);
	s903_fixture_put(f, prev, text);
}

/* Reads the return as collection year `year` (2025 for 2025/26), last
 * year's too when one was put, attaches ref (may be NULL) and runs rule
 * code; the flagged rows as "Table:row," text in the order the rule
 * flagged them (or, when sorted, as s903_hits_sort leaves them), or
 * "skipped: why" (caller frees). */
static inline char *s903_fixture_run(struct s903_fixture *f, int year, const struct s903_ref *ref,
				     const char *code, bool sorted)
{
	char ystr[16], prev[96];
	struct s903_return r;
	struct raa_err err;
	snprintf(ystr, sizeof(ystr), "%d/%02d", year, (year + 1) % 100);
	s903_return_init(&r);
	assert_int_equal(s903_return_set_year(&r, ystr, &err), 0);
	assert_int_equal(s903_read_dir(&r, f->dir, false, &err), 0);
	if (f->prev) {
		snprintf(prev, sizeof(prev), "%s/prev", f->dir);
		assert_int_equal(s903_read_dir(&r, prev, true, &err), 0);
	}
	s903_finish(&r);
	s903_apply_ref(&r, ref);
	const struct s903_rule_impl *impl = s903_rule_impl(year, code);
	assert_non_null(impl);
	struct s903_ctx c = { 0 };
	const char *why = NULL;
	struct buf out;
	buf_init(&out, 0);
	if (!s903_run_rule(impl, &r, &c, &why))
		buf_printf(&out, "skipped: %s", why);
	if (sorted)
		s903_hits_sort(&c);
	for (size_t i = 0; i < c.nhits; i++)
		buf_printf(&out, "%s:%d,", s903_tab_name(c.hits[i].slot), c.hits[i].row);
	s903_ctx_free(&c);
	s903_return_free(&r);
	return buf_detach(&out);
}

/* s903_fixture_run's text must be want. */
static inline void s903_fixture_expect(struct s903_fixture *f, int year,
				       const struct s903_ref *ref, const char *code, bool sorted,
				       const char *want)
{
	char *got = s903_fixture_run(f, year, ref, code, sorted);
	assert_string_equal(got, want);
	free(got);
}

#endif
