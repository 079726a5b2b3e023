/*
 * Fixtures shared by the unit tests that touch the file system: a fresh
 * temporary directory per test, and a migrated SQLite store inside one.
 * Both are removed with every file they made when the test ends.
 *
 * A header of static inline functions because CMake builds only the
 * test_*.c files of tests/unit; include it after <cmocka.h> (the helpers
 * assert).
 */
#ifndef RAA_TESTS_FIXTURE_STORE_H
#define RAA_TESTS_FIXTURE_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "store/store.h"

/* ---- a temporary directory and the files a test put in it ---- */

#define FIXTURE_DIR_FILES 16

struct fixture_dir {
	char dir[64];
	char *files[FIXTURE_DIR_FILES];
	int nfiles;
};

/* /tmp/raa-<tag>-XXXXXX; 0, or -1 when it cannot be made. */
static inline int fixture_dir_make(struct fixture_dir *d, const char *tag)
{
	snprintf(d->dir, sizeof d->dir, "/tmp/raa-%s-XXXXXX", tag);
	d->nfiles = 0;
	return mkdtemp(d->dir) ? 0 : -1;
}

/* Writes text to <dir>/<name>; the path stays valid until the removal. */
static inline const char *fixture_dir_put(struct fixture_dir *d, const char *name,
					   const char *text)
{
	struct buf p;
	assert_true(d->nfiles < FIXTURE_DIR_FILES);
	buf_init(&p, 0);
	buf_printf(&p, "%s/%s", d->dir, name);
	FILE *fp = fopen(buf_cstr(&p), "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	d->files[d->nfiles] = buf_detach(&p);
	return d->files[d->nfiles++];
}

/* Removes the files put and then the directory (empty by then). */
static inline void fixture_dir_remove(struct fixture_dir *d)
{
	for (int i = 0; i < d->nfiles; i++) {
		unlink(d->files[i]);
		free(d->files[i]);
	}
	d->nfiles = 0;
	rmdir(d->dir);
}

/* ---- a migrated store in a temporary directory ---- */

struct fixture_store {
	char dir[64];
	char path[128];   /* <dir>/raa.db */
	struct store *s;
	struct raa_err err;
	raa_day today;    /* the day a test's writes and derivations run on */
};

/* Makes the directory, opens and migrates the store; 0, or -1 with the
 * reason on stderr. */
static inline int fixture_store_open(struct fixture_store *f, const char *tag)
{
	snprintf(f->dir, sizeof f->dir, "/tmp/raa-%s-XXXXXX", tag);
	if (!mkdtemp(f->dir)) {
		perror("fixture_store_open: mkdtemp");
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/raa.db", f->dir);
	f->s = store_open(f->path, &f->err);
	if (!f->s || store_migrate(f->s, &f->err) < 0) {
		fprintf(stderr, "fixture_store_open: %s\n", f->err.msg);
		return -1;
	}
	return 0;
}

/* Closes the store and removes the database with SQLite's side files. */
static inline void fixture_store_close(struct fixture_store *f)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[sizeof f->path + 16];
	store_close(f->s);
	f->s = NULL;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
}

/* cmocka setup and teardown for a test that wants only the empty store
 * (*state is the struct fixture_store). */
static inline int fixture_store_setup(void **state)
{
	struct fixture_store *f = xcalloc(1, sizeof *f);
	if (fixture_store_open(f, "store") < 0) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static inline int fixture_store_teardown(void **state)
{
	struct fixture_store *f = *state;
	fixture_store_close(f);
	free(f);
	return 0;
}

/* ---- records as the tests build them ---- */

static inline raa_day fixture_day(const char *iso)
{
	raa_day d = DAY_NONE;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

/* A child with nothing known but its id and partner. */
static inline struct child_rec fixture_child(const char *id, const char *partner)
{
	struct child_rec c = { .id = id, .partner = partner, .dob = DAY_NONE,
			       .base_status = CS_NONE, .profile_updated = DAY_NONE,
			       .contact = CONTACT_UNKNOWN };
	for (int d = 0; d < NEED_DIMS; d++)
		c.needs[d] = NEED_UNKNOWN;
	return c;
}

/* A household with nothing known but its id and partner. */
static inline struct adopter_rec fixture_adopter(const char *id, const char *partner)
{
	struct adopter_rec a = { .id = id, .partner = partner, .min_age_months = -1,
				 .max_age_months = -1, .early_permanence = -1,
				 .base_status = AS_NONE, .contact = CONTACT_UNKNOWN };
	for (int d = 0; d < NEED_DIMS; d++)
		a.needs[d] = NEED_UNKNOWN;
	return a;
}

#endif
