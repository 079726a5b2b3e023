/*
 * store over real SQLite files in a fresh temporary directory per test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "store/schema.h"
#include "store/store.h"
#include "../fixture_store.h"

static const struct store_scope REGION = { .kind = SCOPE_REGION, .actor = "ff@raa" };
static const struct store_scope KENT = { .kind = SCOPE_PARTNER, .partner = "886",
					 .actor = "sw@kent" };

static void add_partners(struct fixture_store *f)
{
	struct partner_rec p[] = {
		{ .code = "886", .name = "Kent", .host = true },
		{ .code = "887", .name = "Medway", .spoke = "North" },
	};
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(store_partner_add(f->s, &p[i], &f->err), 0);
}

/* Collects ids (and a little more) from listings. */
struct seen {
	char ids[64][40];
	int n;
};

static int seen_child(void *ctx, const struct child_rec *c)
{
	struct seen *s = ctx;
	snprintf(s->ids[s->n++], 40, "%s", c->id);
	return 0;
}

static int seen_adopter(void *ctx, const struct adopter_rec *a)
{
	struct seen *s = ctx;
	snprintf(s->ids[s->n++], 40, "%s", a->id);
	return 0;
}

/* "record:kind:date" for each event. */
static int seen_event(void *ctx, const struct event_rec *e)
{
	struct seen *s = ctx;
	char iso[DATE_ISO_LEN];
	date_format_iso(e->date, iso);
	snprintf(s->ids[s->n++], 40, "%s:%s:%s", e->record, event_kind_name(e->kind), iso);
	return 0;
}

static void assert_ids(const struct seen *s, const char *const *want, int n)
{
	assert_int_equal(s->n, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(s->ids[i], want[i]);
}

/* ---- open and migrate ------------------------------------------------- */

static void test_open_errors(void **state)
{
	(void)state;
	struct raa_err err;
	assert_null(store_open("postgresql://localhost/raa", &err));
	assert_int_equal(err.code, RAA_EINVAL);
	assert_string_equal(err.msg, "PostgreSQL backend not available yet");
	assert_null(store_open("postgres://u@h/raa", &err));
	assert_int_equal(err.code, RAA_EINVAL);
	assert_null(store_open("/tmp/raa-no-such-dir-7f3a/sub/raa.db", &err));
	assert_int_equal(err.code, RAA_EIO);
	assert_non_null(strstr(err.msg, "'/tmp/raa-no-such-dir-7f3a/sub'"));
	assert_non_null(strstr(err.msg, "does not exist"));
}

static void test_migrate_idempotent(void **state)
{
	struct fixture_store *f = *state;
	char path[160];
	snprintf(path, sizeof path, "%s/fresh.db", f->dir);
	struct store *s = store_open(path, &f->err);
	assert_non_null(s);
	assert_int_equal(store_schema_version(s), 0);
	assert_int_equal(store_migrate(s, &f->err), 0);
	assert_int_equal(store_schema_version(s), schema_latest());
	assert_int_equal(store_migrate(s, &f->err), 0);
	assert_int_equal(store_schema_version(s), schema_latest());
	store_close(s);

	/* Reopened, still migrated; one schema_version row per migration. */
	s = store_open(path, &f->err);
	assert_non_null(s);
	assert_int_equal(store_schema_version(s), schema_latest());
	assert_int_equal(store_migrate(s, &f->err), 0);
	store_close(s);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*), max(version) FROM schema_version",
					    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), (int)SCHEMA_MIGRATION_COUNT);
	assert_int_equal(sqlite3_column_int(st, 1), schema_latest());
	sqlite3_finalize(st);
	/* WAL was switched on and persists in the file. */
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(db);
	snprintf(path + strlen(path), sizeof path - strlen(path), "-wal");
	unlink(path);
	path[strlen(path) - 4] = 0;
	snprintf(path + strlen(path), sizeof path - strlen(path), "-shm");
	unlink(path);
	path[strlen(path) - 4] = 0;
	unlink(path);
}

/* ---- partners and users ----------------------------------------------- */

struct partners_seen {
	int n;
	char line[4][64];
};

static int seen_partner(void *ctx, const struct partner_rec *p)
{
	struct partners_seen *s = ctx;
	snprintf(s->line[s->n++], 64, "%s|%s|%d|%s", p->code, p->name, p->host,
		 p->spoke ? p->spoke : "(null)");
	return 0;
}

static void test_partners(void **state)
{
	struct fixture_store *f = *state;
	assert_int_equal(store_partner_exists(f->s, "886", &f->err), 0);
	add_partners(f);
	assert_int_equal(store_partner_exists(f->s, "886", &f->err), 1);
	assert_int_equal(store_partner_exists(f->s, "999", &f->err), 0);
	struct partners_seen ps = { 0 };
	assert_int_equal(store_partner_list(f->s, seen_partner, &ps, &f->err), 0);
	assert_int_equal(ps.n, 2);
	assert_string_equal(ps.line[0], "886|Kent|1|(null)");
	assert_string_equal(ps.line[1], "887|Medway|0|North");

	struct partner_rec dup = { .code = "886", .name = "Kent again" };
	assert_int_equal(store_partner_add(f->s, &dup, &f->err), RAA_ECONFLICT);
	assert_string_equal(f->err.msg, "partner '886' already exists");
	struct partner_rec host2 = { .code = "303", .name = "Bexley", .host = true };
	assert_int_equal(store_partner_add(f->s, &host2, &f->err), RAA_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "'886' is already the host"));
	assert_int_equal(store_partner_exists(f->s, "303", &f->err), 0);
}

struct user_seen {
	int n;
	int64_t id;
	char email[64], role[32], partner[8], hash[32], created[32], locked[32];
	bool disabled;
	int failed;
};

static int seen_user(void *ctx, const struct user_rec *u)
{
	struct user_seen *s = ctx;
	s->n++;
	s->id = u->id;
	snprintf(s->email, sizeof s->email, "%s", u->email);
	snprintf(s->role, sizeof s->role, "%s", u->role);
	snprintf(s->partner, sizeof s->partner, "%s", u->partner ? u->partner : "(null)");
	snprintf(s->hash, sizeof s->hash, "%s", u->pw_hash);
	snprintf(s->created, sizeof s->created, "%s", u->created_at);
	s->disabled = u->disabled;
	s->failed = u->failed_logins;
	snprintf(s->locked, sizeof s->locked, "%s", u->locked_until ? u->locked_until : "(null)");
	return 0;
}

static void test_users(void **state)
{
	struct fixture_store *f = *state;
	add_partners(f);
	struct user_rec u1 = { .email = "sw@kent.gov.uk", .role = "la_social_worker",
			       .partner = "886", .pw_hash = "$argon2id$x",
			       .created_at = "2024-01-02T03:04:05Z" };
	struct user_rec u2 = { .email = "ff@raa.org", .role = "family_finder", .pw_hash = "$h2",
			       .disabled = true };
	int64_t id1 = 0, id2 = 0;
	assert_int_equal(store_user_add(f->s, &u1, &id1, &f->err), 0);
	assert_int_equal(store_user_add(f->s, &u2, &id2, &f->err), 0);
	assert_true(id1 > 0 && id2 > id1);

	struct user_seen us = { 0 };
	assert_int_equal(store_user_by_email(f->s, "sw@kent.gov.uk", seen_user, &us, &f->err), 0);
	assert_int_equal(us.n, 1);
	assert_int_equal(us.id, id1);
	assert_string_equal(us.role, "la_social_worker");
	assert_string_equal(us.partner, "886");
	assert_string_equal(us.hash, "$argon2id$x");
	assert_string_equal(us.created, "2024-01-02T03:04:05Z");
	assert_false(us.disabled);

	memset(&us, 0, sizeof us);
	assert_int_equal(store_user_list(f->s, seen_user, &us, &f->err), 0);
	assert_int_equal(us.n, 2);
	assert_int_equal(us.id, id2); /* by id: the last one seen is u2 */
	assert_string_equal(us.partner, "(null)");
	assert_true(us.disabled);
	assert_int_equal(strlen(us.created), 20); /* filled in: YYYY-MM-DDTHH:MM:SSZ */

	assert_int_equal(store_user_add(f->s, &u1, NULL, &f->err), RAA_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "sw@kent.gov.uk"));
	struct user_rec bad = { .email = "x@y.org", .role = "wizard", .pw_hash = "h" };
	assert_int_equal(store_user_add(f->s, &bad, NULL, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "'wizard'"));
	bad.role = "la_adm";
	bad.partner = "999";
	assert_int_equal(store_user_add(f->s, &bad, NULL, &f->err), RAA_EINVAL);
	assert_string_equal(f->err.msg, "partner '999' is not a partner (raa partner list)");
	assert_int_equal(store_user_by_email(f->s, "nobody@x.org", seen_user, &us, &f->err),
			 RAA_ENOTFOUND);

	/* Sign-in state and password changes. */
	memset(&us, 0, sizeof us);
	assert_int_equal(store_user_by_email(f->s, "sw@kent.gov.uk", seen_user, &us, &f->err), 0);
	assert_int_equal(us.failed, 0);
	assert_string_equal(us.locked, "(null)");
	assert_int_equal(store_user_login_state(f->s, id1, 5, "2025-01-01T10:15:00Z", &f->err), 0);
	assert_int_equal(store_user_set_password(f->s, id1, "$argon2id$new", &f->err), 0);
	assert_int_equal(store_user_by_email(f->s, "sw@kent.gov.uk", seen_user, &us, &f->err), 0);
	assert_int_equal(us.failed, 5);
	assert_string_equal(us.locked, "2025-01-01T10:15:00Z");
	assert_string_equal(us.hash, "$argon2id$new");
	assert_int_equal(store_user_login_state(f->s, id1, 0, NULL, &f->err), 0);
	assert_int_equal(store_user_by_email(f->s, "sw@kent.gov.uk", seen_user, &us, &f->err), 0);
	assert_int_equal(us.failed, 0);
	assert_string_equal(us.locked, "(null)");
	assert_int_equal(store_user_login_state(f->s, 999, 1, NULL, &f->err), RAA_ENOTFOUND);
	assert_int_equal(store_user_set_password(f->s, 999, "h", &f->err), RAA_ENOTFOUND);
}

/* ---- children and households ------------------------------------------- */

struct child_copy {
	int n;
	char id[16], partner[8], la[16], first[16], last[16], eth[8], sib[16], pc[8];
	struct child_rec c;
};

static void cpy(char *out, size_t n, const char *s)
{
	snprintf(out, n, "%s", s ? s : "(null)");
}

static int keep_child(void *ctx, const struct child_rec *c)
{
	struct child_copy *k = ctx;
	k->n++;
	k->c = *c;
	cpy(k->id, sizeof k->id, c->id);
	cpy(k->partner, sizeof k->partner, c->partner);
	cpy(k->la, sizeof k->la, c->la_child_id);
	cpy(k->first, sizeof k->first, c->first_name);
	cpy(k->last, sizeof k->last, c->last_name);
	cpy(k->eth, sizeof k->eth, c->ethnicity);
	cpy(k->sib, sizeof k->sib, c->sibling_group);
	cpy(k->pc, sizeof k->pc, c->birth_postcode_district);
	return 0;
}

static void test_child_round_trip(void **state)
{
	struct fixture_store *f = *state;
	add_partners(f);
	struct child_rec c = { .id = "C1", .partner = "886", .la_child_id = "K-001",
			       .first_name = "Amy", .last_name = "Smith", .sex = 'F',
			       .dob = fixture_day("2019-05-17"), .ethnicity = "MWBC", .sibling_group = "SG1",
			       .needs = { NEED_NONE, NEED_LOW, NEED_MEDIUM, NEED_HIGH },
			       .contact = CONTACT_LETTERBOX, .birth_postcode_district = "ME4",
			       .early_permanence = true, .base_status = CS_WAITING,
			       .profile_updated = fixture_day("2024-02-29") };
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
	struct child_rec blank = fixture_child("C2", "887");
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &blank, &f->err), 0);

	struct child_copy k = { 0 };
	assert_int_equal(store_child_get(f->s, &STORE_SYSTEM, "C1", keep_child, &k, &f->err), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.id, "C1");
	assert_string_equal(k.partner, "886");
	assert_string_equal(k.la, "K-001");
	assert_string_equal(k.first, "Amy");
	assert_string_equal(k.last, "Smith");
	assert_int_equal(k.c.sex, 'F');
	assert_int_equal(k.c.dob, fixture_day("2019-05-17"));
	assert_string_equal(k.eth, "MWBC");
	assert_string_equal(k.sib, "SG1");
	assert_int_equal(k.c.needs[NEED_DISABILITY], NEED_NONE);
	assert_int_equal(k.c.needs[NEED_HEALTH], NEED_LOW);
	assert_int_equal(k.c.needs[NEED_DEVELOPMENT], NEED_MEDIUM);
	assert_int_equal(k.c.needs[NEED_BEHAVIOUR], NEED_HIGH);
	assert_int_equal(k.c.contact, CONTACT_LETTERBOX);
	assert_string_equal(k.pc, "ME4");
	assert_true(k.c.early_permanence);
	assert_int_equal(k.c.base_status, CS_WAITING);
	assert_int_equal(k.c.profile_updated, fixture_day("2024-02-29"));

	memset(&k, 0, sizeof k);
	assert_int_equal(store_child_get(f->s, &STORE_SYSTEM, "C2", keep_child, &k, &f->err), 0);
	assert_string_equal(k.partner, "887");
	assert_string_equal(k.la, "(null)");
	assert_string_equal(k.first, "(null)");
	assert_int_equal(k.c.sex, 0);
	assert_int_equal(k.c.dob, DAY_NONE);
	assert_string_equal(k.eth, "(null)");
	assert_string_equal(k.sib, "(null)");
	for (int d = 0; d < NEED_DIMS; d++)
		assert_int_equal(k.c.needs[d], NEED_UNKNOWN);
	assert_int_equal(k.c.contact, CONTACT_UNKNOWN);
	assert_false(k.c.early_permanence);
	assert_int_equal(k.c.base_status, CS_NONE);
	assert_int_equal(k.c.profile_updated, DAY_NONE);

	assert_int_equal(store_child_set_profile_updated(f->s, &STORE_SYSTEM, "C2",
							 fixture_day("2025-01-31"), &f->err), 0);
	assert_int_equal(store_child_get(f->s, &STORE_SYSTEM, "C2", keep_child, &k, &f->err), 0);
	assert_int_equal(k.c.profile_updated, fixture_day("2025-01-31"));
	assert_int_equal(store_child_set_profile_updated(f->s, &STORE_SYSTEM, "C9",
							 fixture_day("2025-01-31"), &f->err), RAA_ENOTFOUND);
	assert_string_equal(f->err.msg, "no child 'C9'");
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "C1", &f->err), REC_CHILD);
	assert_int_equal(store_child_get(f->s, &STORE_SYSTEM, "C9", keep_child, &k, &f->err),
			 RAA_ENOTFOUND);
	assert_string_equal(f->err.msg, "no child 'C9'");

	/* Siblings share a group; a group cannot span partners. */
	struct child_rec sib = fixture_child("C3", "886");
	sib.sibling_group = "SG1";
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &sib, &f->err), 0);
	sib = fixture_child("C4", "887");
	sib.sibling_group = "SG1";
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &sib, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "sibling_group: value 'SG1'"));
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "C4", &f->err), RAA_ENOTFOUND);
	int n = -1;
	assert_int_equal(store_sibling_group_size(f->s, "SG1", &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_sibling_group_size(f->s, "SG404", &n, &f->err), 0);
	assert_int_equal(n, 0);

	/* Codes outside the name tables are refused, not stored as unknown. */
	struct child_rec bad = fixture_child("C5", "886");
	bad.sex = 'X';
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &bad, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "sex: value 'X'"));
	bad = fixture_child("C5", "886");
	bad.needs[NEED_HEALTH] = 4;
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &bad, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "health: value 4"));
	bad = fixture_child("C5", "886");
	bad.base_status = CS_COUNT;
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &bad, &f->err), RAA_EINVAL);
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "C5", &f->err), RAA_ENOTFOUND);
}

struct adopter_copy {
	int n;
	char name[32], pc[8], eth[8];
	struct adopter_rec a;
};

static int keep_adopter(void *ctx, const struct adopter_rec *a)
{
	struct adopter_copy *k = ctx;
	k->n++;
	k->a = *a;
	cpy(k->name, sizeof k->name, a->name);
	cpy(k->pc, sizeof k->pc, a->postcode_district);
	cpy(k->eth, sizeof k->eth, a->ethnicity);
	k->a.id = k->a.partner = k->a.name = k->a.postcode_district = k->a.ethnicity = NULL;
	return 0;
}

static void test_adopter_round_trip(void **state)
{
	struct fixture_store *f = *state;
	add_partners(f);
	struct adopter_rec a = { .id = "A1", .partner = "887", .name = "The Browns",
				 .applicants = 2, .postcode_district = "DA6", .min_age_months = 0,
				 .max_age_months = 60, .max_children = 2,
				 .needs = { NEED_LOW, NEED_NONE, NEED_HIGH, NEED_MEDIUM },
				 .contact = CONTACT_DIRECT, .early_permanence = 0,
				 .ethnicity = "WBRI", .base_status = AS_APPROVED };
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), 0);
	struct adopter_rec blank = fixture_adopter("A2", "886");
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &blank, &f->err), 0);

	struct adopter_copy k = { 0 };
	assert_int_equal(store_adopter_get(f->s, &STORE_SYSTEM, "A1", keep_adopter, &k, &f->err), 0);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.name, "The Browns");
	assert_int_equal(k.a.applicants, 2);
	assert_string_equal(k.pc, "DA6");
	assert_int_equal(k.a.min_age_months, 0);
	assert_int_equal(k.a.max_age_months, 60);
	assert_int_equal(k.a.max_children, 2);
	assert_int_equal(k.a.needs[0], NEED_LOW);
	assert_int_equal(k.a.needs[1], NEED_NONE);
	assert_int_equal(k.a.needs[2], NEED_HIGH);
	assert_int_equal(k.a.needs[3], NEED_MEDIUM);
	assert_int_equal(k.a.contact, CONTACT_DIRECT);
	assert_int_equal(k.a.early_permanence, 0);
	assert_string_equal(k.eth, "WBRI");
	assert_int_equal(k.a.base_status, AS_APPROVED);

	memset(&k, 0, sizeof k);
	assert_int_equal(store_adopter_get(f->s, &STORE_SYSTEM, "A2", keep_adopter, &k, &f->err), 0);
	assert_string_equal(k.name, "(null)");
	assert_int_equal(k.a.applicants, 0);
	assert_int_equal(k.a.min_age_months, -1);
	assert_int_equal(k.a.max_age_months, -1);
	assert_int_equal(k.a.max_children, 0);
	for (int d = 0; d < NEED_DIMS; d++)
		assert_int_equal(k.a.needs[d], NEED_UNKNOWN);
	assert_int_equal(k.a.contact, CONTACT_UNKNOWN);
	assert_int_equal(k.a.early_permanence, -1);
	assert_int_equal(k.a.base_status, AS_NONE);
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "A2", &f->err), REC_ADOPTER);
	assert_int_equal(store_adopter_get(f->s, &STORE_SYSTEM, "C1", keep_adopter, &k, &f->err),
			 RAA_ENOTFOUND);
	assert_string_equal(f->err.msg, "no household 'C1'");

	struct adopter_rec bad = fixture_adopter("A3", "886");
	bad.max_children = 5;
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &bad, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "max_children: value 5"));
	bad = fixture_adopter("A3", "886");
	bad.contact = 3;
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &bad, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "contact: value 3"));
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "A3", &f->err), RAA_ENOTFOUND);
}

static void test_duplicate_ids(void **state)
{
	struct fixture_store *f = *state;
	add_partners(f);
	struct child_rec c = fixture_child("C1", "886");
	struct adopter_rec a = fixture_adopter("A1", "886");
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), 0);
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), RAA_ECONFLICT);
	assert_string_equal(f->err.msg, "child_id 'C1' already exists");
	c.id = "A1";
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), RAA_ECONFLICT);
	assert_string_equal(f->err.msg, "child_id 'A1' is already a household's id");
	a.id = "C1";
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), RAA_ECONFLICT);
	assert_string_equal(f->err.msg, "adopter_id 'C1' is already a child's id");
	a.id = "A1";
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), RAA_ECONFLICT);
	assert_string_equal(f->err.msg, "adopter_id 'A1' already exists");

	/* A failed insert inside a transaction leaves the rest of it intact
	 * (import reports every bad row, then decides). */
	assert_int_equal(store_begin(f->s, &f->err), 0);
	c = fixture_child("C2", "886");
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
	c.id = "C1";
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), RAA_ECONFLICT);
	c.id = "C3";
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	struct seen s = { 0 };
	assert_int_equal(store_child_list(f->s, &STORE_SYSTEM, seen_child, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1", "C2", "C3" }, 3);

	c = fixture_child("C5", "999");
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), RAA_EINVAL);
	assert_string_equal(f->err.msg, "partner '999' is not a partner (raa partner list)");
	a = fixture_adopter("A5", "999");
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), RAA_EINVAL);
	assert_string_equal(f->err.msg, "partner '999' is not a partner (raa partner list)");
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "C5", &f->err), RAA_ENOTFOUND);
}

/* ---- scoping ------------------------------------------------------------ */

static void add_pool(struct fixture_store *f)
{
	add_partners(f);
	const char *kids[][2] = { { "C1", "886" }, { "C2", "887" }, { "C3", "886" } };
	for (size_t i = 0; i < 3; i++) {
		struct child_rec c = fixture_child(kids[i][0], kids[i][1]);
		assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
	}
	struct adopter_rec a = fixture_adopter("A1", "886");
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), 0);
	a = fixture_adopter("A2", "887");
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), 0);
}

static struct event_rec event(const char *record, enum record_type type, int kind,
			      const char *date)
{
	struct event_rec e = { .record = record, .type = type, .kind = kind, .date = fixture_day(date),
			       .origin = ORIGIN_EVENT, .recorded_at = "2025-01-01T00:00:00Z" };
	return e;
}

static void test_partner_scope(void **state)
{
	struct fixture_store *f = *state;
	add_pool(f);
	struct child_copy k = { 0 };
	assert_int_equal(store_child_get(f->s, &KENT, "C1", keep_child, &k, &f->err), 0);
	assert_int_equal(store_child_get(f->s, &KENT, "C2", keep_child, &k, &f->err),
			 RAA_ENOTFOUND);
	assert_string_equal(f->err.msg, "no child 'C2'");
	assert_int_equal(store_child_get(f->s, &REGION, "C2", keep_child, &k, &f->err), 0);
	struct adopter_copy ka = { 0 };
	assert_int_equal(store_adopter_get(f->s, &KENT, "A2", keep_adopter, &ka, &f->err),
			 RAA_ENOTFOUND);
	assert_int_equal(store_adopter_get(f->s, &KENT, "A1", keep_adopter, &ka, &f->err), 0);
	assert_int_equal(store_record_type(f->s, &KENT, "C2", &f->err), RAA_ENOTFOUND);
	assert_int_equal(store_record_type(f->s, &KENT, "C3", &f->err), REC_CHILD);
	assert_int_equal(store_child_set_profile_updated(f->s, &KENT, "C2", fixture_day("2025-01-01"),
							 &f->err), RAA_ENOTFOUND);

	struct seen s = { 0 };
	assert_int_equal(store_child_list(f->s, &KENT, seen_child, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1", "C3" }, 2);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_child_list(f->s, &REGION, seen_child, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1", "C2", "C3" }, 3);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_adopter_list(f->s, &KENT, seen_adopter, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "A1" }, 1);

	/* A partner scope without a partner sees nothing rather than all. */
	struct store_scope broken = { .kind = SCOPE_PARTNER };
	memset(&s, 0, sizeof s);
	assert_int_equal(store_child_list(f->s, &broken, seen_child, &s, &f->err), 0);
	assert_int_equal(s.n, 0);

	/* Writes: own partner only; events only on visible records. */
	struct child_rec c = fixture_child("C9", "887");
	assert_int_equal(store_child_insert(f->s, &KENT, &c, &f->err), RAA_EFORBIDDEN);
	assert_non_null(strstr(f->err.msg, "'887'"));
	struct adopter_rec a = fixture_adopter("A9", "887");
	assert_int_equal(store_adopter_insert(f->s, &KENT, &a, &f->err), RAA_EFORBIDDEN);
	c.partner = "886";
	assert_int_equal(store_child_insert(f->s, &KENT, &c, &f->err), 0);

	struct event_rec e = event("C2", REC_CHILD, EV_ENTERED_CARE, "2024-01-01");
	assert_int_equal(store_event_insert(f->s, &KENT, &e, NULL, &f->err), RAA_ENOTFOUND);
	assert_string_equal(f->err.msg, "no child or household 'C2'");
	assert_int_equal(store_event_insert(f->s, &REGION, &e, NULL, &f->err), 0);
	e.record = "C1";
	assert_int_equal(store_event_insert(f->s, &KENT, &e, NULL, &f->err), 0);
	e = event("A2", REC_ADOPTER, EV_ENQUIRY, "2024-01-01");
	assert_int_equal(store_event_insert(f->s, &REGION, &e, NULL, &f->err), 0);

	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_all(f->s, &KENT, false, seen_event, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1:entered_care:2024-01-01" }, 1);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_all(f->s, &KENT, true, seen_event, &s, &f->err), 0);
	assert_int_equal(s.n, 1);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_record(f->s, &KENT, "C2", seen_event, &s, &f->err), 0);
	assert_int_equal(s.n, 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_all(f->s, &REGION, false, seen_event, &s, &f->err), 0);
	assert_int_equal(s.n, 3);
}

/* ---- events ------------------------------------------------------------- */

struct ev_copy {
	int n;
	struct event_rec e;
	char adopter[16], detail[32], by[32], at[32];
};

static int keep_event(void *ctx, const struct event_rec *e)
{
	struct ev_copy *k = ctx;
	k->n++;
	k->e = *e;
	cpy(k->adopter, sizeof k->adopter, e->adopter);
	cpy(k->detail, sizeof k->detail, e->detail);
	cpy(k->by, sizeof k->by, e->recorded_by);
	cpy(k->at, sizeof k->at, e->recorded_at);
	k->e.record = k->e.adopter = k->e.detail = k->e.recorded_by = k->e.recorded_at = NULL;
	return 0;
}

static void test_events(void **state)
{
	struct fixture_store *f = *state;
	add_pool(f);
	struct child_rec c10 = fixture_child("C10", "886");
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c10, &f->err), 0);
	int64_t id[8];
	/* Recorded out of date order; two on the same day. */
	struct event_rec e = event("C1", REC_CHILD, EV_SHOULD_BE_PLACED, "2024-03-01");
	assert_int_equal(store_event_insert(f->s, &REGION, &e, &id[0], &f->err), 0);
	e = event("C1", REC_CHILD, EV_ENTERED_CARE, "2023-06-01");
	assert_int_equal(store_event_insert(f->s, &REGION, &e, &id[1], &f->err), 0);
	e = event("C1", REC_CHILD, EV_LINKED, "2024-03-01");
	e.adopter = "A1";
	e.detail = "first link";
	assert_int_equal(store_event_insert(f->s, &REGION, &e, &id[2], &f->err), 0);
	e = event("A1", REC_ADOPTER, EV_LINKED, "2024-03-01");
	e.origin = ORIGIN_MIRROR;
	e.mirror_of = id[2];
	e.recorded_at = NULL; /* the store fills in now */
	assert_int_equal(store_event_insert(f->s, &REGION, &e, &id[3], &f->err), 0);
	e = event("C10", REC_CHILD, EV_ENTERED_CARE, "2020-01-01");
	e.origin = ORIGIN_COLUMN;
	assert_int_equal(store_event_insert(f->s, &REGION, &e, &id[4], &f->err), 0);
	e = event("C2", REC_CHILD, EV_ENTERED_CARE, "2022-01-01");
	e.supersedes = 0;
	assert_int_equal(store_event_insert(f->s, &REGION, &e, &id[5], &f->err), 0);
	e = event("C2", REC_CHILD, EV_ENTERED_CARE, "2022-02-01");
	e.supersedes = id[5];
	e.recorded_by = "someone";
	assert_int_equal(store_event_insert(f->s, &REGION, &e, &id[6], &f->err), 0);
	for (int i = 1; i < 7; i++)
		assert_true(id[i] > id[i - 1]);

	struct seen s = { 0 };
	assert_int_equal(store_event_list_record(f->s, &REGION, "C1", seen_event, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1:entered_care:2023-06-01",
					      "C1:should_be_placed:2024-03-01",
					      "C1:linked:2024-03-01" }, 3);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_all(f->s, &STORE_SYSTEM, false, seen_event, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1:entered_care:2023-06-01",
					      "C1:should_be_placed:2024-03-01",
					      "C1:linked:2024-03-01",
					      "C2:entered_care:2022-01-01",
					      "C2:entered_care:2022-02-01",
					      "C10:entered_care:2020-01-01",
					      "A1:linked:2024-03-01" }, 7);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_all(f->s, &STORE_SYSTEM, true, seen_event, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1:should_be_placed:2024-03-01",
					      "C1:entered_care:2023-06-01",
					      "C1:linked:2024-03-01",
					      "A1:linked:2024-03-01",
					      "C10:entered_care:2020-01-01",
					      "C2:entered_care:2022-01-01",
					      "C2:entered_care:2022-02-01" }, 7);

	/* Every field comes back. */
	struct ev_copy k = { 0 };
	assert_int_equal(store_event_list_record(f->s, &REGION, "A1", keep_event, &k, &f->err), 0);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.e.id, id[3]);
	assert_int_equal(k.e.type, REC_ADOPTER);
	assert_int_equal(k.e.kind, EV_LINKED);
	assert_int_equal(k.e.origin, ORIGIN_MIRROR);
	assert_int_equal(k.e.mirror_of, id[2]);
	assert_int_equal(k.e.supersedes, 0);
	assert_string_equal(k.adopter, "(null)");
	assert_string_equal(k.by, "ff@raa"); /* the scope's actor */
	assert_int_equal(strlen(k.at), 20);
	memset(&k, 0, sizeof k);
	assert_int_equal(store_event_list_record(f->s, &REGION, "C2", keep_event, &k, &f->err), 0);
	assert_int_equal(k.e.supersedes, id[5]);
	assert_string_equal(k.by, "someone");
	assert_string_equal(k.at, "2025-01-01T00:00:00Z");
	memset(&k, 0, sizeof k);
	assert_int_equal(store_event_list_record(f->s, &REGION, "C10", keep_event, &k, &f->err), 0);
	assert_int_equal(k.e.origin, ORIGIN_COLUMN);
	assert_int_equal(k.e.type, REC_CHILD);

	/* Bad events. */
	e = event("C404", REC_CHILD, EV_ENTERED_CARE, "2024-01-01");
	assert_int_equal(store_event_insert(f->s, &REGION, &e, NULL, &f->err), RAA_ENOTFOUND);
	e = event("A1", REC_CHILD, EV_ENTERED_CARE, "2024-01-01");
	assert_int_equal(store_event_insert(f->s, &REGION, &e, NULL, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "is a household, not a child"));
	e = event("C1", REC_CHILD, EV_LINKED, "2024-01-01");
	e.adopter = "C2";
	assert_int_equal(store_event_insert(f->s, &REGION, &e, NULL, &f->err), RAA_EINVAL);
	assert_non_null(strstr(f->err.msg, "adopter: value 'C2'"));
	e = event("C1", REC_CHILD, EV_LINKED, "2024-01-01");
	e.supersedes = 9999;
	assert_int_equal(store_event_insert(f->s, &REGION, &e, NULL, &f->err), RAA_EINVAL);
	e.supersedes = 0;
	e.kind = 999;
	assert_int_equal(store_event_insert(f->s, &REGION, &e, NULL, &f->err), RAA_EINVAL);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_all(f->s, &STORE_SYSTEM, true, seen_event, &s, &f->err), 0);
	assert_int_equal(s.n, 7);
}

/* Runs sql on a connection of its own and expects SQLite to refuse it. */
static void raw_exec_fails_msg(const char *path, const char *sql, const char *want)
{
	sqlite3 *db;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK);
	assert_non_null(msg);
	assert_non_null(strstr(msg, want));
	sqlite3_free(msg);
	sqlite3_close(db);
}

static void raw_exec_fails(const char *path, const char *sql)
{
	raw_exec_fails_msg(path, sql, "events are append-only");
}

static void test_append_only(void **state)
{
	struct fixture_store *f = *state;
	add_pool(f);
	struct event_rec e = event("C1", REC_CHILD, EV_ENTERED_CARE, "2024-01-01");
	assert_int_equal(store_event_insert(f->s, &STORE_SYSTEM, &e, NULL, &f->err), 0);
	raw_exec_fails(f->path, "UPDATE events SET date = '2020-01-01'");
	raw_exec_fails(f->path, "DELETE FROM events");
	struct seen s = { 0 };
	assert_int_equal(store_event_list_record(f->s, &STORE_SYSTEM, "C1", seen_event, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "C1:entered_care:2024-01-01" }, 1);
}

static void test_rollback(void **state)
{
	struct fixture_store *f = *state;
	add_partners(f);
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_begin(f->s, &f->err), RAA_EINTERNAL);
	struct child_rec c = fixture_child("C1", "886");
	c.sibling_group = "G1";
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
	struct adopter_rec a = fixture_adopter("A1", "886");
	assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), 0);
	struct event_rec e = event("C1", REC_CHILD, EV_ENTERED_CARE, "2024-01-01");
	assert_int_equal(store_event_insert(f->s, &STORE_SYSTEM, &e, NULL, &f->err), 0);
	assert_int_equal(store_setting_set(f->s, "k", "v", &f->err), 0);
	store_rollback(f->s);
	assert_int_equal(store_commit(f->s, &f->err), RAA_EINTERNAL);

	struct seen s = { 0 };
	assert_int_equal(store_child_list(f->s, &STORE_SYSTEM, seen_child, &s, &f->err), 0);
	assert_int_equal(store_adopter_list(f->s, &STORE_SYSTEM, seen_adopter, &s, &f->err), 0);
	assert_int_equal(store_event_list_all(f->s, &STORE_SYSTEM, true, seen_event, &s, &f->err), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "C1", &f->err), RAA_ENOTFOUND);
	char v[8];
	assert_int_equal(store_setting_get(f->s, "k", v, sizeof v, &f->err), RAA_ENOTFOUND);
	/* The id is free again, and the store is usable outside a transaction. */
	assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
	assert_int_equal(store_record_type(f->s, &STORE_SYSTEM, "C1", &f->err), REC_CHILD);
}

struct closures_seen {
	int n;
	char line[4][48];
};

static int seen_closure(void *ctx, raa_day d, const char *name)
{
	struct closures_seen *s = ctx;
	char iso[DATE_ISO_LEN];
	date_format_iso(d, iso);
	snprintf(s->line[s->n++], 48, "%s %s", iso, name ? name : "(null)");
	return 0;
}

static void test_settings_closures(void **state)
{
	struct fixture_store *f = *state;
	char v[16];
	assert_int_equal(store_setting_get(f->s, "clock.stage1", v, sizeof v, &f->err),
			 RAA_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "clock.stage1"));
	assert_int_equal(store_setting_set(f->s, "clock.stage1", "2m", &f->err), 0);
	assert_int_equal(store_setting_get(f->s, "clock.stage1", v, sizeof v, &f->err), 0);
	assert_string_equal(v, "2m");
	assert_int_equal(store_setting_set(f->s, "clock.stage1", "3m", &f->err), 0);
	assert_int_equal(store_setting_get(f->s, "clock.stage1", v, sizeof v, &f->err), 0);
	assert_string_equal(v, "3m");
	assert_int_equal(store_setting_set(f->s, "long", "0123456789abcdef", &f->err), 0);
	assert_int_equal(store_setting_get(f->s, "long", v, sizeof v, &f->err), RAA_EINVAL);

	assert_int_equal(store_closure_add(f->s, fixture_day("2024-12-30"), "council closed", &f->err), 0);
	assert_int_equal(store_closure_add(f->s, fixture_day("2024-12-27"), NULL, &f->err), 0);
	assert_int_equal(store_closure_add(f->s, fixture_day("2024-12-27"), "again", &f->err),
			 RAA_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "2024-12-27"));
	struct closures_seen cs = { 0 };
	assert_int_equal(store_closure_list(f->s, seen_closure, &cs, &f->err), 0);
	assert_int_equal(cs.n, 2);
	assert_string_equal(cs.line[0], "2024-12-27 (null)");
	assert_string_equal(cs.line[1], "2024-12-30 council closed");
}

static void test_natural_order(void **state)
{
	struct fixture_store *f = *state;
	add_partners(f);
	const char *ids[] = { "C10", "C2", "X1", "C1", "B20", "C010x", "B3" };
	for (size_t i = 0; i < 7; i++) {
		struct child_rec c = fixture_child(ids[i], "886");
		assert_int_equal(store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err), 0);
		struct event_rec e = event(ids[i], REC_CHILD, EV_ENTERED_CARE, "2024-01-01");
		assert_int_equal(store_event_insert(f->s, &STORE_SYSTEM, &e, NULL, &f->err), 0);
	}
	const char *hh[] = { "H10", "H9" };
	for (size_t i = 0; i < 2; i++) {
		struct adopter_rec a = fixture_adopter(hh[i], "887");
		assert_int_equal(store_adopter_insert(f->s, &STORE_SYSTEM, &a, &f->err), 0);
		struct event_rec e = event(hh[i], REC_ADOPTER, EV_ENQUIRY, "2024-01-01");
		assert_int_equal(store_event_insert(f->s, &STORE_SYSTEM, &e, NULL, &f->err), 0);
	}
	struct seen s = { 0 };
	assert_int_equal(store_child_list(f->s, &STORE_SYSTEM, seen_child, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "B3", "B20", "C1", "C2", "C10", "C010x", "X1" }, 7);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_adopter_list(f->s, &STORE_SYSTEM, seen_adopter, &s, &f->err), 0);
	assert_ids(&s, (const char *const[]){ "H9", "H10" }, 2);
	memset(&s, 0, sizeof s);
	assert_int_equal(store_event_list_all(f->s, &STORE_SYSTEM, false, seen_event, &s, &f->err), 0);
	assert_int_equal(s.n, 9);
	assert_string_equal(s.ids[0], "B3:entered_care:2024-01-01");
	assert_string_equal(s.ids[4], "C10:entered_care:2024-01-01");
	assert_string_equal(s.ids[6], "X1:entered_care:2024-01-01");
	assert_string_equal(s.ids[7], "H9:enquiry:2024-01-01");
	assert_string_equal(s.ids[8], "H10:enquiry:2024-01-01");
}

/* A callback may use the store, even the statement it is called from. */
struct nested {
	struct store *s;
	int inner;
	int rc;
};

static int count_child(void *ctx, const struct child_rec *c)
{
	(void)c;
	((struct nested *)ctx)->inner++;
	return 0;
}

static int outer_child(void *ctx, const struct child_rec *c)
{
	struct nested *n = ctx;
	struct raa_err err;
	(void)c;
	n->rc = store_child_get(n->s, &STORE_SYSTEM, "C2", count_child, n, &err);
	return 0;
}

static int stop_at_first(void *ctx, const struct child_rec *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 7;
}

static void test_callbacks(void **state)
{
	struct fixture_store *f = *state;
	add_pool(f);
	struct nested n = { .s = f->s };
	assert_int_equal(store_child_get(f->s, &STORE_SYSTEM, "C1", outer_child, &n, &f->err), 0);
	assert_int_equal(n.rc, 0);
	assert_int_equal(n.inner, 1);
	/* Both statements were released: later uses work. */
	assert_int_equal(store_child_get(f->s, &STORE_SYSTEM, "C3", count_child, &n, &f->err), 0);
	assert_int_equal(n.inner, 2);
	int calls = 0;
	assert_int_equal(store_child_list(f->s, &STORE_SYSTEM, stop_at_first, &calls, &f->err), 7);
	assert_int_equal(calls, 1);
}

struct audit_seen {
	int n;
	char line[4][64];
};

static int seen_audit(void *ctx, const struct audit_rec *a)
{
	struct audit_seen *s = ctx;
	snprintf(s->line[s->n++], 64, "%lld %s %s %s", (long long)a->id, a->actor, a->action,
		 a->record ? a->record : "(null)");
	assert_int_equal(strlen(a->hash), 64);
	return 0;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_audit(void **state)
{
	struct fixture_store *f = *state;
	int64_t rows = -1;
	assert_int_equal(store_audit_verify(f->s, &rows, &f->err), 0);
	assert_int_equal(rows, 0);
	struct audit_rec a[] = {
		{ .at = "2025-01-01T09:00:00Z", .actor = "sw@kent", .action = "login", .ip = "10.0.0.1" },
		{ .at = "2025-01-01T09:01:00Z", .actor = "sw@kent", .action = "read_child", .record = "C1" },
		{ .actor = "ff@raa", .action = "read_child", .record = "C1", .detail = "" },
		{ .at = "2025-01-01T09:03:00Z", .actor = "sw@kent", .action = "read_child", .record = "C2" },
	};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(store_audit_append(f->s, &a[i], &f->err), 0);
	assert_int_equal(store_audit_verify(f->s, &rows, &f->err), 0);
	assert_int_equal(rows, 4);
	struct audit_seen as = { 0 };
	assert_int_equal(store_audit_list_record(f->s, "C1", 10, seen_audit, &as, &f->err), 0);
	assert_int_equal(as.n, 2);
	assert_string_equal(as.line[0], "3 ff@raa read_child C1"); /* newest first */
	assert_string_equal(as.line[1], "2 sw@kent read_child C1");
	memset(&as, 0, sizeof as);
	assert_int_equal(store_audit_list_record(f->s, "C1", 1, seen_audit, &as, &f->err), 0);
	assert_int_equal(as.n, 1);
	struct audit_rec bad = { .actor = "x" };
	assert_int_equal(store_audit_append(f->s, &bad, &f->err), RAA_EINVAL);

	/* The log refuses edits; someone who removes the guard is caught. */
	raw_exec_fails_msg(f->path, "UPDATE audit SET actor = 'nobody'", "append-only");
	raw_exec(f->path, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'nobody' WHERE id = 2");
	assert_int_equal(store_audit_verify(f->s, &rows, &f->err), RAA_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "audit row 2"));
	assert_int_equal(rows, 1);
}

static void test_audit_delete_detected(void **state)
{
	struct fixture_store *f = *state;
	for (int i = 0; i < 3; i++) {
		struct audit_rec a = { .actor = "cli", .action = "export" };
		assert_int_equal(store_audit_append(f->s, &a, &f->err), 0);
	}
	raw_exec_fails_msg(f->path, "DELETE FROM audit WHERE id = 2", "append-only");
	raw_exec(f->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2");
	int64_t rows;
	assert_int_equal(store_audit_verify(f->s, &rows, &f->err), RAA_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "audit row 3"));
}

static void test_bulk_timing(void **state)
{
	struct fixture_store *f = *state;
	add_partners(f);
	/* The timing means something only in an optimised build; under the
	 * sanitizers a fifth keeps the binary quick. */
#if defined(__SANITIZE_ADDRESS__)
	enum { N = 20000 };
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	enum { N = 20000 };
#else
	enum { N = 100000 };
#endif
#else
	enum { N = 100000 };
#endif
	char id[16];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(store_begin(f->s, &f->err), 0);
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "C%d", i);
		struct child_rec c = fixture_child(id, i % 2 ? "886" : "887");
		c.dob = 18000 + i % 3000;
		c.sex = 'M';
		c.needs[0] = NEED_LOW;
		if (store_child_insert(f->s, &STORE_SYSTEM, &c, &f->err) < 0)
			fail_msg("%s", f->err.msg);
	}
	assert_int_equal(store_commit(f->s, &f->err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("# store: %d children in one transaction: %.3f s\n", N, secs);
	fflush(stdout);
	int calls = 0;
	assert_int_equal(store_child_list(f->s, &KENT, stop_at_first, &calls, &f->err), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test_setup_teardown(test_migrate_idempotent, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_partners, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_users, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_child_round_trip, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_adopter_round_trip, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_ids, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_partner_scope, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_events, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_append_only, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_rollback, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_settings_closures, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_natural_order, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_callbacks, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_audit, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_audit_delete_detected, fixture_store_setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_timing, fixture_store_setup, fixture_store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
