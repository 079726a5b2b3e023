/*
 * The region's brief snapshot served from the store's cache must equal the
 * one read row by row, follow every change of the data, and refuse blobs
 * it did not write.
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

#include "core/mem.h"
#include "core/str.h"
#include "service/demo_load.h"
#include "service/journal.h"
#include "service/snapcache.h"
#include "service/snapshot.h"
#include "../fixture_store.h"

static const struct store_scope REGION = { .kind = SCOPE_REGION, .actor = "test" };
static const struct store_scope PARTNER = { .kind = SCOPE_PARTNER, .partner = "210",
					    .actor = "test" };

static int setup(void **state)
{
	struct fixture_store *f = xcalloc(1, sizeof *f);
	struct demo_stats st;
	struct demo_login logins[DEMO_LOGINS];
	if (fixture_store_open(f, "snapcache") < 0)
		return -1;
	date_parse_iso("2024-05-01", &f->today);
	if (demo_load(f->s, 7, f->today, &st, logins, &f->err) < 0) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static void same_str(const char *a, const char *b)
{
	assert_string_equal(a ? a : "(null)", b ? b : "(null)");
}

static void same_journey(const struct journey *a, const struct journey *b)
{
	assert_int_equal(a->type, b->type);
	same_str(a->id, b->id);
	assert_int_equal(a->base_status, b->base_status);
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct event_rec *x = a->ev[i], *y = b->ev[i];
		assert_int_equal(x->id, y->id);
		same_str(x->record, y->record);
		assert_int_equal(x->type, y->type);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->date, y->date);
		assert_int_equal(x->origin, y->origin);
		assert_int_equal(x->supersedes, y->supersedes);
	}
}

static void same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	assert_int_equal(a->nchildren, b->nchildren);
	assert_int_equal(a->nadopters, b->nadopters);
	assert_int_equal(a->nevents, b->nevents);
	for (size_t i = 0; i < a->nchildren; i++) {
		const struct snap_child *x = &a->children[i], *y = &b->children[i];
		same_str(x->rec.id, y->rec.id);
		same_str(x->rec.partner, y->rec.partner);
		same_str(x->rec.first_name, y->rec.first_name);
		same_str(x->rec.sibling_group, y->rec.sibling_group);
		same_str(x->rec.birth_postcode_district, y->rec.birth_postcode_district);
		assert_int_equal(x->rec.dob, y->rec.dob);
		assert_memory_equal(x->rec.needs, y->rec.needs, sizeof x->rec.needs);
		assert_int_equal(x->sibling_group_size, y->sibling_group_size);
		same_journey(&x->j, &y->j);
	}
	for (size_t i = 0; i < a->nadopters; i++) {
		const struct snap_adopter *x = &a->adopters[i], *y = &b->adopters[i];
		same_str(x->rec.id, y->rec.id);
		same_str(x->rec.postcode_district, y->rec.postcode_district);
		assert_int_equal(x->rec.max_children, y->rec.max_children);
		same_journey(&x->j, &y->j);
	}
	for (size_t i = 0; i < a->nevents; i++)
		assert_int_equal(a->events[i].id, b->events[i].id);
}

static int found(void *ctx, const void *data, size_t len)
{
	(void)ctx, (void)data;
	return len > 0 ? 0 : -1;
}

static bool cached(struct fixture_store *f)
{
	struct raa_err err;
	struct store_version v;
	assert_int_equal(store_data_version(f->s, &v, &err), 0);
	return store_cache_get(f->s, SNAPCACHE_NAME, &v, found, NULL, &err) == 0;
}

/* The first load builds and stores the blob; the second reads it and gives
 * the same snapshot. */
static void test_cache_equals_fresh_load(void **state)
{
	struct fixture_store *f = *state;
	struct raa_err err;
	struct snapshot fresh, hit;
	assert_false(cached(f));
	assert_int_equal(snapshot_load_brief(f->s, &REGION, &fresh, &err), 0);
	assert_true(cached(f));
	assert_int_equal(snapshot_load_brief(f->s, &REGION, &hit, &err), 0);
	assert_true(fresh.nevents > 1000);
	same_snapshot(&fresh, &hit);
	snapshot_free(&fresh);
	snapshot_free(&hit);
}

/* A new event moves the data version on: the next load has it. */
static void test_cache_follows_changes(void **state)
{
	struct fixture_store *f = *state;
	struct raa_err err;
	struct snapshot before, after;
	assert_int_equal(snapshot_load_brief(f->s, &REGION, &before, &err), 0);
	const struct snap_child *c = NULL;
	for (size_t i = 0; i < before.nchildren && !c; i++)
		if (journey_status(&before.children[i].j, f->today) == CS_WAITING)
			c = &before.children[i];
	assert_non_null(c);
	struct event_rec e = { .record = c->rec.id, .kind = EV_FAMILY_FINDER_ALLOCATED,
			       .date = f->today };
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(journal_append(f->s, &REGION, &e, f->today, NULL, NULL, &err), 0);
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_false(cached(f));
	assert_int_equal(snapshot_load_brief(f->s, &REGION, &after, &err), 0);
	assert_int_equal(after.nevents, before.nevents + 1);
	assert_int_equal(after.events[after.nevents - 1].kind, EV_FAMILY_FINDER_ALLOCATED);
	const struct snap_child *c2 = snapshot_child(&after, c->rec.id);
	assert_int_equal(c2->j.n, c->j.n + 1);
	/* an update (no new row anywhere) moves the version on too */
	assert_true(cached(f));
	assert_int_equal(store_child_set_profile_updated(f->s, &REGION, c->rec.id, f->today, &err), 0);
	assert_false(cached(f));
	snapshot_free(&before);
	snapshot_free(&after);
}

/* A partner's load is never served from the region's blob. */
static void test_partner_scope_not_cached(void **state)
{
	struct fixture_store *f = *state;
	struct raa_err err;
	struct snapshot region, own;
	assert_int_equal(snapshot_load_brief(f->s, &REGION, &region, &err), 0);
	assert_int_equal(snapshot_load_brief(f->s, &PARTNER, &own, &err), 0);
	assert_true(own.nchildren > 0 && own.nchildren < region.nchildren);
	for (size_t i = 0; i < own.nchildren; i++)
		assert_string_equal(own.children[i].rec.partner, "210");
	snapshot_free(&region);
	snapshot_free(&own);
}

/* Blobs this build did not write, or damaged ones, are refused. */
static void test_decode_refuses_damage(void **state)
{
	struct fixture_store *f = *state;
	struct raa_err err;
	struct snapshot snap, out;
	uint32_t *owner;
	assert_int_equal(snapshot_load_brief(f->s, &REGION, &snap, &err), 0);
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(snapcache_encode(&snap, &b), 0);
	assert_int_equal(snapcache_decode(b.data, b.len, &out, &owner), 0);
	free(owner);
	snapshot_free(&out);
	assert_int_equal(snapcache_decode(b.data, b.len - 1, &out, &owner), -1);
	assert_int_equal(snapcache_decode(b.data, 10, &out, &owner), -1);
	char *copy = xmalloc(b.len);
	memcpy(copy, b.data, b.len);
	copy[0] ^= 1; /* magic */
	assert_int_equal(snapcache_decode(copy, b.len, &out, &owner), -1);
	memcpy(copy, b.data, b.len);
	/* the first child's id pointing past the string table */
	uintptr_t far = b.len * 2;
	memcpy(copy + 56 + offsetof(struct child_rec, id), &far, sizeof far);
	assert_int_equal(snapcache_decode(copy, b.len, &out, &owner), -1);
	free(copy);
	buf_free(&b);
	snapshot_free(&snap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_equals_fresh_load),
		cmocka_unit_test(test_cache_follows_changes),
		cmocka_unit_test(test_partner_scope_not_cached),
		cmocka_unit_test(test_decode_refuses_damage),
	};
	/* One demo region for the group (it takes a while to hash its logins);
	 * the tests run in order and only the second writes. */
	return cmocka_run_group_tests(tests, setup, fixture_store_teardown);
}
