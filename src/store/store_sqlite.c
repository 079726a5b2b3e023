/*
 * store_sqlite: store.h over SQLite.
 *
 * This file implements store.h directly. When the PostgreSQL backend
 * arrives, the public functions here become static sqlite_* functions
 * behind a `struct store_ops` table chosen by store_open from the URL;
 * every SQL text below is already portable (see docs/schema.md), so
 * store_pg.c can share the statement table, translating `?` to `$n` and
 * adding RETURNING where this file asks sqlite3_last_insert_rowid (in
 * SQLite, RETURNING buffers through a temporary table on every row). A
 * vtable now would have been indirection with a single implementation.
 *
 * Every statement is prepared once per store and kept (reset and unbound
 * after each use), so a bulk import pays only for binding and stepping.
 * A store is used by one thread at a time.
 *
 * Partner scoping is written in exactly one place, scope_sql/scope_bind:
 * a statement that reads children, households or events names the column
 * holding the record's partner, and a partner-scoped caller gets the
 * variant with "AND <column> = <their partner>" appended. Nothing else in
 * this file filters by partner.
 */
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/str.h"
#include "store/schema.h"
#include "store/store_int.h"
#include "store/store.h"

const struct store_scope STORE_SYSTEM = { .kind = SCOPE_SYSTEM, .partner = NULL,
					 .actor = "system" };

enum stmt_id {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_BEGIN_READ, ST_DATA_VERSION, ST_CACHE_GET, ST_CACHE_PUT,
	ST_PARTNER_ADD, ST_PARTNER_LIST, ST_PARTNER_EXISTS, ST_PARTNER_HOST,
	ST_USER_ADD, ST_USER_LIST, ST_USER_BY_EMAIL, ST_USER_LOGIN_STATE, ST_USER_PASSWORD, ST_USER_DISABLED,
	ST_RECORD_ADD, ST_RECORD_TYPE,
	ST_SIBLING_ADD, ST_SIBLING_PARTNER, ST_SIBLING_SIZE,
	ST_CHILD_ADD, ST_CHILD_GET, ST_CHILD_LIST, ST_CHILD_PROFILE,
	ST_ADOPTER_ADD, ST_ADOPTER_GET, ST_ADOPTER_LIST,
	ST_EVENT_ADD, ST_EVENT_RECORD, ST_EVENT_ALL, ST_EVENT_ALL_BY_ID, ST_EVENT_BRIEF,
	ST_SETTING_GET, ST_SETTING_SET, ST_CLOSURE_ADD, ST_CLOSURE_LIST,
	ST_AUDIT_LAST, ST_AUDIT_ADD, ST_AUDIT_ALL, ST_AUDIT_RECORD,
	ST_COUNT
};

/* sql, then the scope clause (if scope_col and the caller is scoped), then
 * tail. The scope parameter is therefore always the last one. */
struct stmt_def {
	const char *sql;
	const char *scope_col; /* column holding the record's partner, or NULL */
	const char *tail;
};

#define CHILD_COLS "id, partner, la_child_id, first_name, last_name, sex, dob, ethnicity, " \
	"sibling_group, disability, health, development, behaviour, contact, " \
	"birth_postcode_district, early_permanence, base_status, profile_updated"
#define ADOPTER_COLS "id, partner, name, applicants, postcode_district, min_age_months, " \
	"max_age_months, max_children, disability, health, development, behaviour, contact, " \
	"early_permanence, ethnicity, base_status"
#define USER_COLS "id, email, role, partner, pw_hash, created_at, disabled, failed_logins, " \
	"locked_until"
#define AUDIT_COLS "id, at, actor, action, record, detail, ip, hash"
#define EVENT_COLS "e.id, e.record, e.type, e.kind, e.date, e.adopter, e.detail, e.origin, " \
	"e.supersedes, e.mirror_of, e.recorded_by, e.recorded_at"
#define EVENT_BRIEF_COLS "e.id, e.record, e.type, e.kind, e.date, NULL, NULL, e.origin, " \
	"e.supersedes, NULL, NULL, NULL"
/* An event's partner is its record's (a child's or a household's), kept on
 * records so that one primary-key join answers it. */
#define EVENT_FROM "events e JOIN records r ON r.id = e.record"
#define RECORD_PARTNER "r.partner"

static const struct stmt_def STMTS[ST_COUNT] = {
	/* IMMEDIATE: take the write lock at once, so two writers wait for each
	 * other (busy_timeout) instead of failing on a read-to-write upgrade. */
	[ST_BEGIN] = { "BEGIN IMMEDIATE", NULL, NULL },
	[ST_COMMIT] = { "COMMIT", NULL, NULL },
	[ST_ROLLBACK] = { "ROLLBACK", NULL, NULL },
	[ST_BEGIN_READ] = { "BEGIN", NULL, NULL },
	[ST_DATA_VERSION] = { "SELECT (SELECT n FROM data_changes WHERE id = 1), "
			      "(SELECT coalesce(max(id), 0) FROM events), "
			      "(SELECT count(*) FROM records)", NULL, NULL },
	[ST_CACHE_GET] = { "SELECT data FROM derived_cache WHERE name = ? AND changes = ? "
			   "AND last_event = ? AND records = ?", NULL, NULL },
	/* Only while the data is still the version the blob was built from. */
	[ST_CACHE_PUT] = { "INSERT OR REPLACE INTO derived_cache "
			   "(name, changes, last_event, records, data) "
			   "SELECT ?, ?, ?, ?, ? WHERE (SELECT n FROM data_changes WHERE id = 1) = ? "
			   "AND (SELECT coalesce(max(id), 0) FROM events) = ? "
			   "AND (SELECT count(*) FROM records) = ?", NULL, NULL },
	[ST_PARTNER_ADD] = { "INSERT INTO partners (code, name, is_host, spoke) VALUES (?, ?, ?, ?)",
			     NULL, NULL },
	[ST_PARTNER_LIST] = { "SELECT code, name, is_host, spoke FROM partners ORDER BY code", NULL,
			      NULL },
	[ST_PARTNER_EXISTS] = { "SELECT 1 FROM partners WHERE code = ?", NULL, NULL },
	[ST_PARTNER_HOST] = { "SELECT code FROM partners WHERE is_host = 1", NULL, NULL },
	[ST_USER_ADD] = { "INSERT INTO users (email, role, partner, pw_hash, created_at, disabled) "
			  "VALUES (?, ?, ?, ?, ?, ?)", NULL, NULL },
	[ST_USER_LIST] = { "SELECT " USER_COLS " FROM users ORDER BY id", NULL, NULL },
	[ST_USER_BY_EMAIL] = { "SELECT " USER_COLS " FROM users WHERE email = ?", NULL, NULL },
	[ST_USER_LOGIN_STATE] = { "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
				  NULL, NULL },
	[ST_USER_PASSWORD] = { "UPDATE users SET pw_hash = ? WHERE id = ?", NULL, NULL },
	[ST_USER_DISABLED] = { "UPDATE users SET disabled = ? WHERE id = ?", NULL, NULL },
	/* A clash is a result, not an error: PostgreSQL would abort the
	 * caller's whole transaction on a failed statement. */
	[ST_RECORD_ADD] = { "INSERT INTO records (id, type, partner) VALUES (?, ?, ?) "
			    "ON CONFLICT DO NOTHING",
			    NULL, NULL },
	[ST_RECORD_TYPE] = { "SELECT r.type FROM records r WHERE r.id = ?",
			     RECORD_PARTNER, NULL },
	[ST_SIBLING_ADD] = { "INSERT INTO sibling_groups (id, partner) VALUES (?, ?) "
			     "ON CONFLICT DO NOTHING", NULL, NULL },
	[ST_SIBLING_PARTNER] = { "SELECT partner FROM sibling_groups WHERE id = ?", NULL, NULL },
	[ST_SIBLING_SIZE] = { "SELECT count(*) FROM children WHERE sibling_group = ?", NULL, NULL },
	[ST_CHILD_ADD] = { "INSERT INTO children (" CHILD_COLS ", created_at) VALUES "
			   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL, NULL },
	[ST_CHILD_GET] = { "SELECT " CHILD_COLS " FROM children WHERE id = ?", "partner", NULL },
	[ST_CHILD_LIST] = { "SELECT " CHILD_COLS " FROM children WHERE 1 = 1", "partner", NULL },
	[ST_CHILD_PROFILE] = { "UPDATE children SET profile_updated = ? WHERE id = ?", "partner",
			       NULL },
	[ST_ADOPTER_ADD] = { "INSERT INTO adopters (" ADOPTER_COLS ", created_at) VALUES "
			     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL, NULL },
	[ST_ADOPTER_GET] = { "SELECT " ADOPTER_COLS " FROM adopters WHERE id = ?", "partner", NULL },
	[ST_ADOPTER_LIST] = { "SELECT " ADOPTER_COLS " FROM adopters WHERE 1 = 1", "partner", NULL },
	[ST_EVENT_ADD] = { "INSERT INTO events (record, kind, date, adopter, detail, origin, "
			   "supersedes, mirror_of, recorded_by, recorded_at, type) "
			   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL, NULL },
	[ST_EVENT_RECORD] = { "SELECT " EVENT_COLS " FROM " EVENT_FROM " WHERE e.record = ?",
			      RECORD_PARTNER, " ORDER BY e.date, e.id" },
	/* Grouped by record here; the groups are put in natural order in C. */
	[ST_EVENT_ALL] = { "SELECT " EVENT_COLS " FROM events e WHERE 1 = 1", RECORD_PARTNER,
			   " ORDER BY e.record, e.date, e.id" },
	[ST_EVENT_ALL_BY_ID] = { "SELECT " EVENT_COLS " FROM events e WHERE 1 = 1", RECORD_PARTNER,
				 " ORDER BY e.id" },
	/* EVENT_COLS' layout with the free text left out (NULL), for readers
	 * of dates and kinds only: indicators over a whole region. */
	[ST_EVENT_BRIEF] = { "SELECT " EVENT_BRIEF_COLS " FROM events e WHERE 1 = 1", RECORD_PARTNER,
			     " ORDER BY e.id" },
	[ST_SETTING_GET] = { "SELECT value FROM settings WHERE key = ?", NULL, NULL },
	[ST_SETTING_SET] = { "INSERT INTO settings (key, value) VALUES (?, ?) "
			     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", NULL, NULL },
	[ST_CLOSURE_ADD] = { "INSERT INTO closures (date, name) VALUES (?, ?)", NULL, NULL },
	[ST_CLOSURE_LIST] = { "SELECT date, name FROM closures ORDER BY date", NULL, NULL },
	[ST_AUDIT_LAST] = { "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", NULL, NULL },
	[ST_AUDIT_ADD] = { "INSERT INTO audit (" AUDIT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			   NULL, NULL },
	[ST_AUDIT_ALL] = { "SELECT " AUDIT_COLS " FROM audit ORDER BY id", NULL, NULL },
	[ST_AUDIT_RECORD] = { "SELECT " AUDIT_COLS " FROM audit WHERE record = ? "
			      "ORDER BY id DESC LIMIT ?", NULL, NULL },
};

/* For a scoped caller, these statements start from this text instead of
 * their sql: the join that finds the partner is paid only by those who
 * need it (whole-region reads of half a million events join nothing). */
static const char *const SCOPED_SQL[ST_COUNT] = {
	[ST_EVENT_ALL] = "SELECT " EVENT_COLS " FROM " EVENT_FROM " WHERE 1 = 1",
	[ST_EVENT_ALL_BY_ID] = "SELECT " EVENT_COLS " FROM " EVENT_FROM " WHERE 1 = 1",
	[ST_EVENT_BRIEF] = "SELECT " EVENT_BRIEF_COLS " FROM " EVENT_FROM " WHERE 1 = 1",
};

struct slot {
	sqlite3_stmt *st;
	bool busy; /* stepping; a re-entrant use prepares a fresh copy */
};

struct store {
	sqlite3 *db;
	char *path;
	bool in_tx;
	struct slot slots[ST_COUNT][2]; /* [id][scoped] */
};

/* A statement in use. */
struct q {
	sqlite3_stmt *st;
	struct slot *slot; /* NULL: prepared for this use only, finalized after */
};

static const char *const TYPE_NAMES[] = { [REC_CHILD] = "child", [REC_ADOPTER] = "adopter" };
static const char *const ORIGIN_NAMES[] = { [ORIGIN_EVENT] = "event", [ORIGIN_COLUMN] = "column",
					    [ORIGIN_MIRROR] = "mirror" };

/* ---- errors ---------------------------------------------------------- */

/* RAA_EIO naming what was being done and SQLite's reason. */
static int db_fail(struct store *s, struct raa_err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int db_fail(struct store *s, struct raa_err *err, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return raa_err_set(err, RAA_EIO, "%s in %s: %s", what, s->path, sqlite3_errmsg(s->db));
}

/* ---- scoping: the one place ------------------------------------------ */

/* SCOPE_SYSTEM and SCOPE_REGION see everything; anything else (including a
 * missing scope or an unknown kind) is limited to one partner, so a mistake
 * shows too little rather than too much. */
static bool scope_limits(const struct store_scope *sc)
{
	return !sc || (sc->kind != SCOPE_SYSTEM && sc->kind != SCOPE_REGION);
}

static void scope_sql(struct buf *sql, enum stmt_id id, bool scoped)
{
	const struct stmt_def *d = &STMTS[id];
	buf_puts(sql, scoped && SCOPED_SQL[id] ? SCOPED_SQL[id] : d->sql);
	if (scoped)
		buf_printf(sql, " AND %s = ?", d->scope_col);
	if (d->tail)
		buf_puts(sql, d->tail);
}

/* A partner scope without a partner binds NULL, which matches nothing. */
static void scope_bind(sqlite3_stmt *st, const struct store_scope *sc)
{
	int idx = sqlite3_bind_parameter_count(st);
	if (sc && sc->partner)
		sqlite3_bind_text(st, idx, sc->partner, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, idx);
}

/* ---- statements ------------------------------------------------------ */

static int q_open(struct store *s, enum stmt_id id, const struct store_scope *sc, struct q *q,
		  struct raa_err *err)
{
	const struct stmt_def *d = &STMTS[id];
	bool scoped = d->scope_col && scope_limits(sc);
	struct slot *slot = &s->slots[id][scoped];
	q->slot = NULL;
	q->st = NULL;
	if (slot->st && !slot->busy) {
		q->st = slot->st;
		q->slot = slot;
	} else {
		struct buf sql;
		buf_init(&sql, 0);
		scope_sql(&sql, id, scoped);
		int rc = sqlite3_prepare_v2(s->db, buf_cstr(&sql), -1, &q->st, NULL);
		buf_free(&sql);
		if (rc != SQLITE_OK) {
			sqlite3_finalize(q->st);
			q->st = NULL;
			return db_fail(s, err, "preparing a query");
		}
		if (!slot->st) {
			slot->st = q->st;
			q->slot = slot;
		}
	}
	if (q->slot)
		q->slot->busy = true;
	if (scoped)
		scope_bind(q->st, sc);
	return 0;
}

static void q_close(struct q *q)
{
	if (!q->st)
		return;
	if (q->slot) {
		sqlite3_reset(q->st);
		sqlite3_clear_bindings(q->st);
		q->slot->busy = false;
	} else {
		sqlite3_finalize(q->st);
	}
	q->st = NULL;
	q->slot = NULL;
}

/* Runs a statement that returns no rows we need. */
static int exec_stmt(struct store *s, enum stmt_id id, struct raa_err *err, const char *what)
{
	struct q q;
	int rc = q_open(s, id, NULL, &q, err);
	if (rc < 0)
		return rc;
	int step = sqlite3_step(q.st);
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail(s, err, "%s", what);
	q_close(&q);
	return rc;
}

/* ---- binding and reading --------------------------------------------- */

/* Optional text: NULL and "" are both stored as NULL (unknown). The
 * strings outlive the step, so SQLite need not copy them. */
static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (str_empty(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

/* An integer that means unknown when it equals `none`. */
static void bind_int_opt(sqlite3_stmt *st, int i, int64_t v, int64_t none)
{
	if (v == none)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static void bind_date(sqlite3_stmt *st, int i, raa_day d)
{
	char iso[DATE_ISO_LEN];
	if (d == DAY_NONE) {
		sqlite3_bind_null(st, i);
		return;
	}
	date_format_iso(d, iso);
	sqlite3_bind_text(st, i, iso, -1, SQLITE_TRANSIENT);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int64_t col_int(sqlite3_stmt *st, int i, int64_t null_value)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return null_value;
	return sqlite3_column_int64(st, i);
}

/* Dates are written only by bind_date, so a value that does not parse
 * would mean someone edited the database by hand: it reads as unknown. */
static raa_day col_date(sqlite3_stmt *st, int i)
{
	raa_day d = DAY_NONE;
	const char *t = col_text(st, i);
	if (t)
		date_parse_iso(t, &d);
	return d;
}

static int name_index(const char *const *names, int n, const char *v)
{
	for (int i = 0; v && i < n; i++)
		if (names[i][0] == v[0] && strcmp(names[i], v) == 0)
			return i;
	return -1;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- open, close, migrate -------------------------------------------- */

/* SQLite creates the file but not its directory; a missing directory is
 * almost always a mistyped --db, so say so rather than create it. */
static int check_dir(const char *path, struct raa_err *err)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return 0;
	char *dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
	struct stat st;
	int rc = 0;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		rc = raa_err_set(err, RAA_EIO, "database '%s': directory '%s' does not exist", path,
				 dir);
	free(dir);
	return rc;
}

struct store *store_open(const char *url, struct raa_err *err)
{
	if (str_empty(url)) {
		raa_err_set(err, RAA_EINVAL, "--db: value '': expected a file path or a postgresql:// URL");
		return NULL;
	}
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
		raa_err_set(err, RAA_EINVAL, "PostgreSQL backend not available yet");
		return NULL;
	}
	if (check_dir(url, err) < 0)
		return NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(url);
	/* NOMUTEX: a store is one connection used by one thread at a time
	 * (the web server opens one per worker), so SQLite's own per-call
	 * locking is pure cost. */
	int rc = sqlite3_open_v2(url, &s->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (s->db)
			db_fail(s, err, "opening the database");
		else
			raa_err_set(err, RAA_EIO, "opening database %s: out of memory", url);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	/* busy_timeout first, so switching to WAL waits for other users. WAL
	 * lets the web server read while an import writes; NORMAL is durable
	 * across application crashes and cheap with WAL. A bulk import's
	 * transaction outgrows the default 2 MiB cache and spills pages to
	 * the WAL mid-transaction; 32 MiB (allocated only as used) keeps it
	 * in memory. */
	if (sqlite3_exec(s->db,
			 "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; "
			 "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
			 "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 1073741824;",
			 NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(s, err, "opening the database");
		goto fail;
	}
	return s;
fail:
	store_close(s);
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		store_rollback(s);
	for (int i = 0; i < ST_COUNT; i++)
		for (int j = 0; j < 2; j++)
			sqlite3_finalize(s->slots[i][j].st);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

static int run_query_int(struct store *s, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : RAA_EIO;
}

int store_schema_version(struct store *s)
{
	int exists = 0, version = 0;
	if (run_query_int(s, "SELECT count(*) FROM sqlite_master "
			     "WHERE type = 'table' AND name = 'schema_version'", &exists) < 0)
		return RAA_EIO;
	if (!exists)
		return 0;
	if (run_query_int(s, "SELECT COALESCE(MAX(version), 0) FROM schema_version", &version) < 0)
		return RAA_EIO;
	return version;
}

static int exec_script(struct store *s, const char *sql, int version, struct raa_err *err)
{
	if (!sql || sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return db_fail(s, err, "migrating the schema to version %d (%s)", version,
		       SCHEMA_MIGRATIONS[version - 1].what);
}

/* One migration in its own transaction; the version is re-read after the
 * write lock is held, so two processes migrating at once apply it once.
 * *done is set when there was nothing left to do. */
static int migrate_step(struct store *s, bool *done, struct raa_err *err)
{
	int rc = exec_stmt(s, ST_BEGIN, err, "starting the migration");
	if (rc < 0)
		return rc;
	int v = store_schema_version(s);
	int latest = schema_latest();
	if (v < 0)
		rc = db_fail(s, err, "reading the schema version");
	else if (v > latest)
		rc = raa_err_set(err, RAA_EINVAL,
				 "database %s: schema version %d is newer than this raa knows (%d): expected an upgraded raa",
				 s->path, v, latest);
	else if (v == latest)
		*done = true;
	if (rc == 0 && !*done) {
		char sql[64];
		snprintf(sql, sizeof sql, "INSERT INTO schema_version (version) VALUES (%d)", v + 1);
		rc = exec_script(s, SCHEMA_MIGRATIONS[v].sql, v + 1, err);
		if (rc == 0)
			rc = exec_script(s, SCHEMA_MIGRATIONS[v].sqlite, v + 1, err);
		if (rc == 0)
			rc = exec_script(s, sql, v + 1, err);
	}
	if (rc == 0)
		rc = exec_stmt(s, ST_COMMIT, err, "committing the migration");
	if (rc < 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int store_migrate(struct store *s, struct raa_err *err)
{
	if (s->in_tx)
		return raa_err_set(err, RAA_EINTERNAL, "store_migrate: called inside a transaction");
	bool done = false;
	int rc = 0;
	while (rc == 0 && !done)
		rc = migrate_step(s, &done, err);
	return rc;
}

/* ---- transactions ---------------------------------------------------- */

int store_begin(struct store *s, struct raa_err *err)
{
	if (s->in_tx)
		return raa_err_set(err, RAA_EINTERNAL, "store_begin: a transaction is already open");
	int rc = exec_stmt(s, ST_BEGIN, err, "starting a transaction");
	if (rc == 0)
		s->in_tx = true;
	return rc;
}

int store_commit(struct store *s, struct raa_err *err)
{
	if (!s->in_tx)
		return raa_err_set(err, RAA_EINTERNAL, "store_commit: no transaction is open");
	int rc = exec_stmt(s, ST_COMMIT, err, "committing");
	/* A failed COMMIT may leave the transaction open (the caller then
	 * rolls back) or SQLite may have rolled it back already. */
	s->in_tx = !sqlite3_get_autocommit(s->db);
	return rc;
}

int store_begin_read(struct store *s, struct raa_err *err)
{
	if (s->in_tx)
		return raa_err_set(err, RAA_EINTERNAL, "store_begin_read: a transaction is already open");
	int rc = exec_stmt(s, ST_BEGIN_READ, err, "starting a read");
	if (rc == 0)
		s->in_tx = true;
	return rc;
}

bool store_in_transaction(const struct store *s)
{
	return s->in_tx;
}

void store_rollback(struct store *s)
{
	if (!s->in_tx)
		return;
	if (!sqlite3_get_autocommit(s->db))
		exec_stmt(s, ST_ROLLBACK, NULL, "rolling back");
	s->in_tx = false;
}

/* A record insert writes up to three rows. Everything that can refuse it
 * (partner, values, sibling group, a clashing id) is decided before or by
 * the first write, so a refused insert leaves nothing behind without a
 * savepoint per row, which cost bulk imports a third of their time. Only
 * a database failure can strike after the first write, and the caller
 * then rolls back. Outside a transaction the rows get one of their own. */
static int unit_begin(struct store *s, bool *own, struct raa_err *err)
{
	*own = !s->in_tx;
	return *own ? exec_stmt(s, ST_BEGIN, err, "starting a write") : 0;
}

static int unit_end(struct store *s, bool own, int rc, struct raa_err *err)
{
	if (!own)
		return rc;
	if (rc == 0)
		rc = exec_stmt(s, ST_COMMIT, err, "finishing a write");
	if (rc < 0 && !sqlite3_get_autocommit(s->db))
		exec_stmt(s, ST_ROLLBACK, NULL, "undoing a write");
	return rc;
}

/* ---- partners --------------------------------------------------------- */

static int host_code(struct store *s, char *out, size_t outsz, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_PARTNER_HOST, NULL, &q, err);
	if (rc < 0)
		return rc;
	int step = sqlite3_step(q.st);
	if (step == SQLITE_ROW) {
		snprintf(out, outsz, "%s", col_text(q.st, 0));
		rc = 1;
	} else if (step != SQLITE_DONE) {
		rc = db_fail(s, err, "looking up the host partner");
	}
	q_close(&q);
	return rc;
}

int store_partner_add(struct store *s, const struct partner_rec *p, struct raa_err *err)
{
	if (str_empty(p->code) || str_empty(p->name))
		return raa_err_set(err, RAA_EINVAL, "partner: code '%s', name '%s': expected both",
				   p->code ? p->code : "", p->name ? p->name : "");
	int rc = store_partner_exists(s, p->code, err);
	if (rc < 0)
		return rc;
	if (rc)
		return raa_err_set(err, RAA_ECONFLICT, "partner '%s' already exists", p->code);
	char host[64];
	if (p->host) {
		rc = host_code(s, host, sizeof host, err);
		if (rc < 0)
			return rc;
		if (rc)
			return raa_err_set(err, RAA_ECONFLICT,
					   "partner '%s': --host: partner '%s' is already the host, and a region has exactly one",
					   p->code, host);
	}
	struct q q;
	rc = q_open(s, ST_PARTNER_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, p->code);
	bind_opt(q.st, 2, p->name);
	bind_int(q.st, 3, p->host);
	bind_opt(q.st, 4, p->spoke);
	if (sqlite3_step(q.st) != SQLITE_DONE)
		rc = db_fail(s, err, "adding partner '%s'", p->code);
	q_close(&q);
	return rc;
}

int store_partner_list(struct store *s, int (*cb)(void *ctx, const struct partner_rec *p),
		       void *ctx, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_PARTNER_LIST, NULL, &q, err);
	if (rc < 0)
		return rc;
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q.st)) == SQLITE_ROW) {
		struct partner_rec p = { .code = col_text(q.st, 0), .name = col_text(q.st, 1),
					 .host = sqlite3_column_int(q.st, 2) != 0,
					 .spoke = col_text(q.st, 3) };
		rc = cb(ctx, &p);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(s, err, "listing partners");
	q_close(&q);
	return rc;
}

int store_partner_exists(struct store *s, const char *code, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_PARTNER_EXISTS, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, code);
	int step = sqlite3_step(q.st);
	if (step == SQLITE_ROW)
		rc = 1;
	else if (step != SQLITE_DONE)
		rc = db_fail(s, err, "looking up partner '%s'", code ? code : "");
	q_close(&q);
	return rc;
}

/* ---- users ------------------------------------------------------------ */

static void user_from_row(sqlite3_stmt *st, struct user_rec *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->email = col_text(st, 1);
	u->role = col_text(st, 2);
	u->partner = col_text(st, 3);
	u->pw_hash = col_text(st, 4);
	u->created_at = col_text(st, 5);
	u->disabled = sqlite3_column_int(st, 6) != 0;
	u->failed_logins = sqlite3_column_int(st, 7);
	u->locked_until = col_text(st, 8);
}

int store_user_add(struct store *s, const struct user_rec *u, int64_t *id_out,
		   struct raa_err *err)
{
	char stamp[32];
	if (str_empty(u->email) || str_empty(u->pw_hash))
		return raa_err_set(err, RAA_EINVAL, "user '%s': expected an email and a password hash",
				   u->email ? u->email : "");
	if (!str_empty(u->partner)) {
		int ok = store_partner_exists(s, u->partner, err);
		if (ok < 0)
			return ok;
		if (!ok)
			return raa_err_set(err, RAA_EINVAL,
					   "partner '%s' is not a partner (raa partner list)", u->partner);
	}
	if (str_empty(u->created_at))
		now_iso(stamp);
	struct q q;
	int rc = q_open(s, ST_USER_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, u->email);
	bind_opt(q.st, 2, u->role);
	bind_opt(q.st, 3, u->partner);
	bind_opt(q.st, 4, u->pw_hash);
	bind_opt(q.st, 5, str_empty(u->created_at) ? stamp : u->created_at);
	bind_int(q.st, 6, u->disabled);
	int step = sqlite3_step(q.st);
	int ext = sqlite3_extended_errcode(s->db);
	if (step == SQLITE_DONE) {
		if (id_out)
			*id_out = sqlite3_last_insert_rowid(s->db);
	} else if (ext == SQLITE_CONSTRAINT_UNIQUE) {
		rc = raa_err_set(err, RAA_ECONFLICT, "email '%s' is already a user's", u->email);
	} else if (ext == SQLITE_CONSTRAINT_CHECK || ext == SQLITE_CONSTRAINT_NOTNULL) {
		rc = raa_err_set(err, RAA_EINVAL,
				 "role: value '%s': expected one of la_social_worker, la_adm, family_finder, assessment_worker, panel_adviser, raa_adm, support_worker, manager, board, admin",
				 u->role ? u->role : "");
	} else {
		rc = db_fail(s, err, "adding user '%s'", u->email);
	}
	q_close(&q);
	return rc;
}

static int user_rows(struct store *s, struct q *q, int (*cb)(void *ctx, const struct user_rec *u),
		     void *ctx, int *seen, struct raa_err *err)
{
	int rc = 0, step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q->st)) == SQLITE_ROW) {
		struct user_rec u;
		user_from_row(q->st, &u);
		(*seen)++;
		rc = cb(ctx, &u);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(s, err, "reading users");
	return rc;
}

int store_user_list(struct store *s, int (*cb)(void *ctx, const struct user_rec *u), void *ctx,
		    struct raa_err *err)
{
	struct q q;
	int seen = 0;
	int rc = q_open(s, ST_USER_LIST, NULL, &q, err);
	if (rc == 0)
		rc = user_rows(s, &q, cb, ctx, &seen, err);
	q_close(&q);
	return rc;
}

int store_user_by_email(struct store *s, const char *email,
			int (*cb)(void *ctx, const struct user_rec *u), void *ctx,
			struct raa_err *err)
{
	struct q q;
	int seen = 0;
	int rc = q_open(s, ST_USER_BY_EMAIL, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, email);
	rc = user_rows(s, &q, cb, ctx, &seen, err);
	q_close(&q);
	if (rc == 0 && !seen)
		rc = raa_err_set(err, RAA_ENOTFOUND, "no user with email '%s'", email ? email : "");
	return rc;
}

/* An UPDATE of one user by id; RAA_ENOTFOUND when there is none. */
static int user_update(struct store *s, struct q *q, int64_t id, const char *what,
		       struct raa_err *err)
{
	int rc = 0;
	if (sqlite3_step(q->st) != SQLITE_DONE)
		rc = db_fail(s, err, "updating the %s of user %lld", what, (long long)id);
	else if (sqlite3_changes(s->db) == 0)
		rc = raa_err_set(err, RAA_ENOTFOUND, "no user with id %lld", (long long)id);
	q_close(q);
	return rc;
}

int store_user_login_state(struct store *s, int64_t id, int failed_logins,
			   const char *locked_until, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_USER_LOGIN_STATE, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_int(q.st, 1, failed_logins < 0 ? 0 : failed_logins);
	bind_opt(q.st, 2, locked_until);
	bind_int(q.st, 3, id);
	return user_update(s, &q, id, "sign-in state", err);
}

int store_user_set_password(struct store *s, int64_t id, const char *pw_hash,
			    struct raa_err *err)
{
	if (str_empty(pw_hash))
		return raa_err_set(err, RAA_EINVAL, "user %lld: password hash: expected a hash",
				   (long long)id);
	struct q q;
	int rc = q_open(s, ST_USER_PASSWORD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, pw_hash);
	bind_int(q.st, 2, id);
	return user_update(s, &q, id, "password", err);
}

int store_user_set_disabled(struct store *s, int64_t id, bool disabled, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_USER_DISABLED, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_int(q.st, 1, disabled ? 1 : 0);
	bind_int(q.st, 2, id);
	return user_update(s, &q, id, "disabled", err);
}

/* ---- records ---------------------------------------------------------- */

/* REC_CHILD / REC_ADOPTER if the id is a record visible in scope, else
 * RAA_ENOTFOUND (err untouched) or an error. */
static int record_type(struct store *s, const struct store_scope *sc, const char *id,
		       struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_RECORD_TYPE, sc, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, id);
	int step = sqlite3_step(q.st);
	if (step == SQLITE_ROW) {
		rc = name_index(TYPE_NAMES, 2, col_text(q.st, 0));
		if (rc < 0)
			rc = raa_err_set(err, RAA_EINTERNAL, "record '%s' has an unknown type",
					 id ? id : "");
	} else if (step == SQLITE_DONE) {
		rc = RAA_ENOTFOUND;
	} else {
		rc = db_fail(s, err, "looking up record '%s'", id ? id : "");
	}
	q_close(&q);
	return rc;
}

int store_record_type(struct store *s, const struct store_scope *sc, const char *id,
		      struct raa_err *err)
{
	int rc = record_type(s, sc, id, err);
	if (rc == RAA_ENOTFOUND)
		raa_err_set(err, rc, "no child or household '%s'", id ? id : "");
	return rc;
}

/* The checks every record insert shares: an id, a partner that exists,
 * and a partner-scoped caller acting for their own partner only. */
static int check_new_record(struct store *s, const struct store_scope *sc, const char *what,
			    const char *id, const char *partner, struct raa_err *err)
{
	if (str_empty(id))
		return raa_err_set(err, RAA_EINVAL, "%s: value '': expected an id", what);
	if (str_empty(partner))
		return raa_err_set(err, RAA_EINVAL,
				   "%s '%s': partner: value '': expected a partner's LA code", what, id);
	if (scope_limits(sc) && (!sc || !sc->partner || strcmp(partner, sc->partner) != 0))
		return raa_err_set(err, RAA_EFORBIDDEN,
				   "%s '%s': partner '%s': you may only add records of partner '%s'",
				   what, id, partner, sc && sc->partner ? sc->partner : "");
	int ok = store_partner_exists(s, partner, err);
	if (ok < 0)
		return ok;
	if (!ok)
		return raa_err_set(err, RAA_EINVAL, "partner '%s' is not a partner (raa partner list)",
				   partner);
	return 0;
}

static int record_add(struct store *s, const char *what, const char *id, enum record_type type,
		      const char *partner, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_RECORD_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, id);
	sqlite3_bind_text(q.st, 2, TYPE_NAMES[type], -1, SQLITE_STATIC);
	bind_opt(q.st, 3, partner);
	bool dup = false;
	if (sqlite3_step(q.st) != SQLITE_DONE)
		rc = db_fail(s, err, "adding %s '%s'", what, id);
	else
		dup = sqlite3_changes(s->db) == 0;
	q_close(&q);
	if (!dup)
		return rc;
	/* Ids are global, so a clash is reported whatever the scope. */
	int other = record_type(s, &STORE_SYSTEM, id, err);
	if (other < 0 && other != RAA_ENOTFOUND)
		return other;
	if (other == (int)type || other < 0)
		return raa_err_set(err, RAA_ECONFLICT, "%s '%s' already exists", what, id);
	return raa_err_set(err, RAA_ECONFLICT, "%s '%s' is already a %s's id", what, id,
			   other == REC_CHILD ? "child" : "household");
}

/* A sibling group belongs to one partner: a group already holding another
 * partner's children cannot be joined. */
static int sibling_check(struct store *s, const struct child_rec *c, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_SIBLING_PARTNER, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, c->sibling_group);
	int step = sqlite3_step(q.st);
	if (step == SQLITE_ROW && strcmp(col_text(q.st, 0), c->partner) != 0)
		rc = raa_err_set(err, RAA_EINVAL,
				 "child '%s': sibling_group: value '%s': expected a group of partner '%s' (this one holds another partner's children)",
				 c->id, c->sibling_group, c->partner);
	else if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = db_fail(s, err, "looking up sibling group '%s'", c->sibling_group);
	q_close(&q);
	return rc;
}

/* The group is created on first use. */
static int sibling_add(struct store *s, const struct child_rec *c, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_SIBLING_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, c->sibling_group);
	bind_opt(q.st, 2, c->partner);
	if (sqlite3_step(q.st) != SQLITE_DONE)
		rc = db_fail(s, err, "adding sibling group '%s'", c->sibling_group);
	q_close(&q);
	return rc;
}

static bool need_ok(int v)
{
	return v >= NEED_UNKNOWN && v <= NEED_HIGH;
}

static bool contact_ok(int v)
{
	return v >= CONTACT_UNKNOWN && v <= CONTACT_DIRECT;
}

/* Codes outside the name tables would otherwise be stored as NULL
 * (unknown) without a word, and the CHECK constraints would be a worse
 * message than this. */
static int check_needs(const char *what, const char *id, const int8_t *needs, int contact,
		       struct raa_err *err)
{
	for (int d = 0; d < NEED_DIMS; d++)
		if (!need_ok(needs[d]))
			return raa_err_set(err, RAA_EINVAL,
					   "%s '%s': %s: value %d: expected none, low, medium, high or unknown",
					   what, id, need_dim_name(d), needs[d]);
	if (!contact_ok(contact))
		return raa_err_set(err, RAA_EINVAL,
				   "%s '%s': contact: value %d: expected none, letterbox, direct or unknown",
				   what, id, contact);
	return 0;
}

static int check_child_values(const struct child_rec *c, struct raa_err *err)
{
	if (c->sex && c->sex != 'M' && c->sex != 'F' && c->sex != 'U')
		return raa_err_set(err, RAA_EINVAL, "child_id '%s': sex: value '%c': expected M, F, U or blank",
				   c->id, c->sex);
	if (c->base_status != CS_NONE && (c->base_status < 0 || c->base_status >= CS_COUNT))
		return raa_err_set(err, RAA_EINVAL, "child_id '%s': status: value %d: expected a child status",
				   c->id, c->base_status);
	return check_needs("child_id", c->id, c->needs, c->contact, err);
}

static int bad_number(const char *id, const char *field, int v, const char *expected,
		      struct raa_err *err)
{
	return raa_err_set(err, RAA_EINVAL, "adopter_id '%s': %s: value %d: expected %s", id, field, v,
			   expected);
}

static int check_adopter_values(const struct adopter_rec *a, struct raa_err *err)
{
	if (a->applicants < 0 || a->applicants > 2)
		return bad_number(a->id, "applicants", a->applicants, "1, 2 or blank", err);
	if (a->max_children < 0 || a->max_children > 4)
		return bad_number(a->id, "max_children", a->max_children, "1 to 4 or blank", err);
	if (a->min_age_months < -1)
		return bad_number(a->id, "min_age_months", a->min_age_months, "months or blank", err);
	if (a->max_age_months < -1)
		return bad_number(a->id, "max_age_months", a->max_age_months, "months or blank", err);
	if (a->early_permanence < -1 || a->early_permanence > 1)
		return bad_number(a->id, "early_permanence", a->early_permanence, "yes, no or blank",
				  err);
	if (a->base_status != AS_NONE && (a->base_status < 0 || a->base_status >= AS_COUNT))
		return bad_number(a->id, "status", a->base_status, "a household status", err);
	return check_needs("adopter_id", a->id, a->needs, a->contact, err);
}

static int child_row_add(struct store *s, const struct child_rec *c, struct raa_err *err)
{
	struct q q;
	char stamp[32], sex[2] = { c->sex, 0 };
	int rc = q_open(s, ST_CHILD_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	now_iso(stamp);
	sqlite3_stmt *st = q.st;
	bind_opt(st, 1, c->id);
	bind_opt(st, 2, c->partner);
	bind_opt(st, 3, c->la_child_id);
	bind_opt(st, 4, c->first_name);
	bind_opt(st, 5, c->last_name);
	bind_opt(st, 6, sex);
	bind_date(st, 7, c->dob);
	bind_opt(st, 8, c->ethnicity);
	bind_opt(st, 9, c->sibling_group);
	for (int d = 0; d < NEED_DIMS; d++)
		bind_opt(st, 10 + d, need_level_name(c->needs[d]));
	bind_opt(st, 14, contact_level_name(c->contact));
	bind_opt(st, 15, c->birth_postcode_district);
	bind_int(st, 16, c->early_permanence);
	bind_opt(st, 17, child_status_name(c->base_status));
	bind_date(st, 18, c->profile_updated);
	bind_opt(st, 19, stamp);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(s, err, "adding child '%s'", c->id);
	q_close(&q);
	return rc;
}

int store_child_insert(struct store *s, const struct store_scope *sc, const struct child_rec *c,
		       struct raa_err *err)
{
	bool own;
	bool group = !str_empty(c->sibling_group);
	int rc = check_new_record(s, sc, "child_id", c->id, c->partner, err);
	if (rc == 0)
		rc = check_child_values(c, err);
	if (rc == 0 && group)
		rc = sibling_check(s, c, err);
	if (rc < 0)
		return rc;
	rc = unit_begin(s, &own, err);
	if (rc < 0)
		return rc;
	rc = record_add(s, "child_id", c->id, REC_CHILD, c->partner, err);
	if (rc == 0 && group)
		rc = sibling_add(s, c, err);
	if (rc == 0)
		rc = child_row_add(s, c, err);
	return unit_end(s, own, rc, err);
}

static int adopter_row_add(struct store *s, const struct adopter_rec *a, struct raa_err *err)
{
	struct q q;
	char stamp[32];
	int rc = q_open(s, ST_ADOPTER_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	now_iso(stamp);
	sqlite3_stmt *st = q.st;
	bind_opt(st, 1, a->id);
	bind_opt(st, 2, a->partner);
	bind_opt(st, 3, a->name);
	bind_int_opt(st, 4, a->applicants, 0);
	bind_opt(st, 5, a->postcode_district);
	bind_int_opt(st, 6, a->min_age_months, -1);
	bind_int_opt(st, 7, a->max_age_months, -1);
	bind_int_opt(st, 8, a->max_children, 0);
	for (int d = 0; d < NEED_DIMS; d++)
		bind_opt(st, 9 + d, need_level_name(a->needs[d]));
	bind_opt(st, 13, contact_level_name(a->contact));
	bind_int_opt(st, 14, a->early_permanence, -1);
	bind_opt(st, 15, a->ethnicity);
	bind_opt(st, 16, adopter_status_name(a->base_status));
	bind_opt(st, 17, stamp);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(s, err, "adding household '%s'", a->id);
	q_close(&q);
	return rc;
}

int store_adopter_insert(struct store *s, const struct store_scope *sc,
			 const struct adopter_rec *a, struct raa_err *err)
{
	bool own;
	int rc = check_new_record(s, sc, "adopter_id", a->id, a->partner, err);
	if (rc == 0)
		rc = check_adopter_values(a, err);
	if (rc < 0)
		return rc;
	rc = unit_begin(s, &own, err);
	if (rc < 0)
		return rc;
	rc = record_add(s, "adopter_id", a->id, REC_ADOPTER, a->partner, err);
	if (rc == 0)
		rc = adopter_row_add(s, a, err);
	return unit_end(s, own, rc, err);
}

/* Column order: CHILD_COLS. Strings point into the statement's row. */
static void child_from_row(sqlite3_stmt *st, struct child_rec *c)
{
	const char *sex = col_text(st, 5);
	c->id = col_text(st, 0);
	c->partner = col_text(st, 1);
	c->la_child_id = col_text(st, 2);
	c->first_name = col_text(st, 3);
	c->last_name = col_text(st, 4);
	c->sex = sex ? sex[0] : 0;
	c->dob = col_date(st, 6);
	c->ethnicity = col_text(st, 7);
	c->sibling_group = col_text(st, 8);
	for (int d = 0; d < NEED_DIMS; d++)
		c->needs[d] = (int8_t)need_level_parse(col_text(st, 9 + d));
	c->contact = (int8_t)contact_level_parse(col_text(st, 13));
	c->birth_postcode_district = col_text(st, 14);
	c->early_permanence = sqlite3_column_int(st, 15) != 0;
	c->base_status = col_text(st, 16) ? child_status_parse(col_text(st, 16)) : CS_NONE;
	c->profile_updated = col_date(st, 17);
}

/* Column order: ADOPTER_COLS. */
static void adopter_from_row(sqlite3_stmt *st, struct adopter_rec *a)
{
	a->id = col_text(st, 0);
	a->partner = col_text(st, 1);
	a->name = col_text(st, 2);
	a->applicants = (int)col_int(st, 3, 0);
	a->postcode_district = col_text(st, 4);
	a->min_age_months = (int)col_int(st, 5, -1);
	a->max_age_months = (int)col_int(st, 6, -1);
	a->max_children = (int)col_int(st, 7, 0);
	for (int d = 0; d < NEED_DIMS; d++)
		a->needs[d] = (int8_t)need_level_parse(col_text(st, 8 + d));
	a->contact = (int8_t)contact_level_parse(col_text(st, 12));
	a->early_permanence = (int)col_int(st, 13, -1);
	a->ethnicity = col_text(st, 14);
	a->base_status = col_text(st, 15) ? adopter_status_parse(col_text(st, 15)) : AS_NONE;
}

/* get: one row by id, in scope; absent and out of scope read the same. */
static int record_get(struct store *s, const struct store_scope *sc, enum stmt_id id_stmt,
		      const char *id, const char *noun, void (*decode)(sqlite3_stmt *, void *),
		      int (*cb)(void *ctx, const void *rec), void *ctx, void *rec,
		      struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, id_stmt, sc, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, id);
	int step = sqlite3_step(q.st);
	if (step == SQLITE_ROW) {
		decode(q.st, rec);
		rc = cb(ctx, rec);
	} else if (step == SQLITE_DONE) {
		rc = raa_err_set(err, RAA_ENOTFOUND, "no %s '%s'", noun, id ? id : "");
	} else {
		rc = db_fail(s, err, "reading %s '%s'", noun, id ? id : "");
	}
	q_close(&q);
	return rc;
}

static void decode_child(sqlite3_stmt *st, void *rec)
{
	child_from_row(st, rec);
}

static void decode_adopter(sqlite3_stmt *st, void *rec)
{
	adopter_from_row(st, rec);
}

struct child_cb {
	int (*cb)(void *ctx, const struct child_rec *c);
	void *ctx;
};

static int call_child(void *ctx, const void *rec)
{
	struct child_cb *k = ctx;
	return k->cb(k->ctx, rec);
}

struct adopter_cb {
	int (*cb)(void *ctx, const struct adopter_rec *a);
	void *ctx;
};

static int call_adopter(void *ctx, const void *rec)
{
	struct adopter_cb *k = ctx;
	return k->cb(k->ctx, rec);
}

int store_child_get(struct store *s, const struct store_scope *sc, const char *id,
		    int (*cb)(void *ctx, const struct child_rec *c), void *ctx,
		    struct raa_err *err)
{
	struct child_rec c;
	struct child_cb k = { cb, ctx };
	return record_get(s, sc, ST_CHILD_GET, id, "child", decode_child, call_child, &k, &c, err);
}

int store_adopter_get(struct store *s, const struct store_scope *sc, const char *id,
		      int (*cb)(void *ctx, const struct adopter_rec *a), void *ctx,
		      struct raa_err *err)
{
	struct adopter_rec a;
	struct adopter_cb k = { cb, ctx };
	return record_get(s, sc, ST_ADOPTER_GET, id, "household", decode_adopter, call_adopter, &k,
			  &a, err);
}

/* Natural id order (C2 before C10) has no portable SQL spelling, so lists
 * are read whole, copied into an arena and sorted here; then the statement
 * is already reset when callbacks run, so they may use the store. */
static int cmp_child(const void *a, const void *b)
{
	return str_natcmp(((const struct child_rec *)a)->id, ((const struct child_rec *)b)->id);
}

static int cmp_adopter(const void *a, const void *b)
{
	return str_natcmp(((const struct adopter_rec *)a)->id, ((const struct adopter_rec *)b)->id);
}

static void own_child_strings(void *rec, struct arena *ar)
{
	child_rec_strings(rec, arena_strdup_ctx, ar);
}

static void own_adopter_strings(void *rec, struct arena *ar)
{
	adopter_rec_strings(rec, arena_strdup_ctx, ar);
}

/* What listing one kind of record needs: children and households differ
 * only in these. */
struct record_kind {
	enum stmt_id list_stmt;
	size_t size;
	void (*decode)(sqlite3_stmt *st, void *rec);
	void (*own_strings)(void *rec, struct arena *ar); /* copies into the arena */
	int (*cmp)(const void *a, const void *b);
	const char *plural;
};

static const struct record_kind CHILDREN = { ST_CHILD_LIST, sizeof(struct child_rec), decode_child,
					     own_child_strings, cmp_child, "children" };
static const struct record_kind HOUSEHOLDS = { ST_ADOPTER_LIST, sizeof(struct adopter_rec),
					       decode_adopter, own_adopter_strings, cmp_adopter,
					       "households" };

static int record_list(struct store *s, const struct store_scope *sc, const struct record_kind *k,
		       int (*cb)(void *ctx, const void *rec), void *ctx, struct raa_err *err)
{
	struct arena ar;
	char *rows = NULL;
	size_t n = 0, cap = 0;
	struct q q;
	int rc = q_open(s, k->list_stmt, sc, &q, err);
	if (rc < 0)
		return rc;
	arena_init(&ar, 0);
	int step = SQLITE_DONE;
	while ((step = sqlite3_step(q.st)) == SQLITE_ROW) {
		xgrow((void **)&rows, &cap, n + 1, k->size);
		k->decode(q.st, rows + n * k->size);
		k->own_strings(rows + n++ * k->size, &ar);
	}
	if (step != SQLITE_DONE)
		rc = db_fail(s, err, "listing %s", k->plural);
	q_close(&q);
	if (rc == 0 && n)
		qsort(rows, n, k->size, k->cmp);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = cb(ctx, rows + i * k->size);
	free(rows);
	arena_free(&ar);
	return rc;
}

int store_child_list(struct store *s, const struct store_scope *sc,
		     int (*cb)(void *ctx, const struct child_rec *c), void *ctx,
		     struct raa_err *err)
{
	struct child_cb k = { cb, ctx };
	return record_list(s, sc, &CHILDREN, call_child, &k, err);
}

int store_adopter_list(struct store *s, const struct store_scope *sc,
		       int (*cb)(void *ctx, const struct adopter_rec *a), void *ctx,
		       struct raa_err *err)
{
	struct adopter_cb k = { cb, ctx };
	return record_list(s, sc, &HOUSEHOLDS, call_adopter, &k, err);
}

int store_child_set_profile_updated(struct store *s, const struct store_scope *sc,
				    const char *id, raa_day d, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_CHILD_PROFILE, sc, &q, err);
	if (rc < 0)
		return rc;
	bind_date(q.st, 1, d);
	bind_opt(q.st, 2, id);
	if (sqlite3_step(q.st) != SQLITE_DONE)
		rc = db_fail(s, err, "updating child '%s'", id ? id : "");
	else if (sqlite3_changes(s->db) == 0)
		rc = raa_err_set(err, RAA_ENOTFOUND, "no child '%s'", id ? id : "");
	q_close(&q);
	return rc;
}

/* Unscoped on purpose: siblings count wherever they are, and the number
 * reveals nothing about the other children. */
int store_sibling_group_size(struct store *s, const char *group, int *n, struct raa_err *err)
{
	*n = 0;
	if (str_empty(group))
		return 0;
	struct q q;
	int rc = q_open(s, ST_SIBLING_SIZE, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, group);
	if (sqlite3_step(q.st) == SQLITE_ROW)
		*n = sqlite3_column_int(q.st, 0);
	else
		rc = db_fail(s, err, "counting sibling group '%s'", group);
	q_close(&q);
	return rc;
}

/* ---- events ----------------------------------------------------------- */

static int check_event(struct store *s, const struct store_scope *sc, const struct event_rec *e,
		       struct raa_err *err)
{
	const char *kind = event_kind_name(e->kind);
	const char *rec = e->record ? e->record : "";
	if (!*kind)
		return raa_err_set(err, RAA_EINVAL, "event for '%s': kind %d: expected an event kind of journeys.md",
				   rec, e->kind);
	if (e->origin < 0 || e->origin > ORIGIN_MIRROR)
		return raa_err_set(err, RAA_EINVAL, "event %s for '%s': origin %d: expected event, column or mirror",
				   kind, rec, e->origin);
	if (e->date == DAY_NONE)
		return raa_err_set(err, RAA_EINVAL, "event %s for '%s': date: expected a date", kind, rec);
	int type = record_type(s, sc, e->record, err);
	if (type == RAA_ENOTFOUND)
		return raa_err_set(err, RAA_ENOTFOUND, "no child or household '%s'", rec);
	if (type < 0)
		return type;
	if (type != (int)e->type)
		return raa_err_set(err, RAA_EINVAL, "event %s for '%s': the record is a %s, not a %s",
				   kind, rec, type == REC_CHILD ? "child" : "household",
				   e->type == REC_CHILD ? "child" : "household");
	if (str_empty(e->adopter))
		return 0;
	/* The named household need not be visible to the caller: a child's
	 * link names a household of another partner. */
	type = record_type(s, &STORE_SYSTEM, e->adopter, err);
	if (type < 0 && type != RAA_ENOTFOUND)
		return type;
	if (type != REC_ADOPTER)
		return raa_err_set(err, RAA_EINVAL,
				   "event %s for '%s': adopter: value '%s': expected a household in raa",
				   kind, rec, e->adopter);
	return 0;
}

int store_event_insert(struct store *s, const struct store_scope *sc, const struct event_rec *e,
		       int64_t *id_out, struct raa_err *err)
{
	int rc = check_event(s, sc, e, err);
	if (rc < 0)
		return rc;
	char stamp[32];
	const char *at = e->recorded_at;
	const char *by = str_empty(e->recorded_by) && sc ? sc->actor : e->recorded_by;
	if (str_empty(at)) {
		now_iso(stamp);
		at = stamp;
	}
	struct q q;
	rc = q_open(s, ST_EVENT_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	sqlite3_stmt *st = q.st;
	bind_opt(st, 1, e->record);
	bind_opt(st, 2, event_kind_name(e->kind));
	bind_date(st, 3, e->date);
	bind_opt(st, 4, e->adopter);
	bind_opt(st, 5, e->detail);
	sqlite3_bind_text(st, 6, ORIGIN_NAMES[e->origin], -1, SQLITE_STATIC);
	bind_int_opt(st, 7, e->supersedes, 0);
	bind_int_opt(st, 8, e->mirror_of, 0);
	bind_opt(st, 9, by);
	bind_opt(st, 10, at);
	sqlite3_bind_text(st, 11, TYPE_NAMES[e->type == REC_ADOPTER ? REC_ADOPTER : REC_CHILD], -1,
			  SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE) {
		if (id_out)
			*id_out = sqlite3_last_insert_rowid(s->db);
	} else if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_FOREIGNKEY) {
		rc = raa_err_set(err, RAA_EINVAL,
				 "event %s for '%s': supersedes %lld / mirror_of %lld: expected ids of recorded events",
				 event_kind_name(e->kind), e->record, (long long)e->supersedes,
				 (long long)e->mirror_of);
	} else {
		rc = db_fail(s, err, "recording event %s for '%s'", event_kind_name(e->kind),
			     e->record);
	}
	q_close(&q);
	return rc;
}

/* Column order: EVENT_COLS. */
static void event_from_row(sqlite3_stmt *st, struct event_rec *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->record = col_text(st, 1);
	e->type = name_index(TYPE_NAMES, 2, col_text(st, 2)) == REC_ADOPTER ? REC_ADOPTER : REC_CHILD;
	e->kind = event_kind_parse(col_text(st, 3));
	e->date = col_date(st, 4);
	e->adopter = col_text(st, 5);
	e->detail = col_text(st, 6);
	e->origin = name_index(ORIGIN_NAMES, 3, col_text(st, 7));
	e->supersedes = col_int(st, 8, 0);
	e->mirror_of = col_int(st, 9, 0);
	e->recorded_by = col_text(st, 10);
	e->recorded_at = col_text(st, 11);
}

/* Streams rows to cb; the statement stays busy during callbacks, and a
 * callback that uses the store gets statements of its own (q_open). */
static int event_stream(struct store *s, struct q *q,
			int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			struct raa_err *err)
{
	int rc = 0, step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q->st)) == SQLITE_ROW) {
		struct event_rec e;
		event_from_row(q->st, &e);
		rc = cb(ctx, &e);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(s, err, "reading events");
	return rc;
}

int store_event_list_record(struct store *s, const struct store_scope *sc, const char *record,
			    int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			    struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_EVENT_RECORD, sc, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, record);
	rc = event_stream(s, &q, cb, ctx, err);
	q_close(&q);
	return rc;
}

/* A record's events, contiguous in the SQL order (record, date, id). */
struct ev_group {
	enum record_type type;
	const char *record;
	size_t first, n;
};

static int cmp_group(const void *pa, const void *pb)
{
	const struct ev_group *a = pa, *b = pb;
	if (a->type != b->type)
		return a->type == REC_CHILD ? -1 : 1;
	return str_natcmp(a->record, b->record);
}

static void event_copy(struct arena *ar, struct event_rec *e, const char *record)
{
	e->record = record;
	e->adopter = arena_strdup(ar, e->adopter);
	e->detail = arena_strdup(ar, e->detail);
	e->recorded_by = arena_strdup(ar, e->recorded_by);
	e->recorded_at = arena_strdup(ar, e->recorded_at);
}

/* Journey order for the whole pool: children first, records in natural
 * order, each record's events by (date, id). SQL groups the rows by
 * record; only the groups are sorted here. */
static int event_list_sorted(struct store *s, struct q *q,
			     int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			     struct raa_err *err)
{
	struct arena ar;
	struct event_rec *ev = NULL;
	struct ev_group *g = NULL;
	size_t n = 0, cap = 0, ng = 0, gcap = 0;
	int rc = 0, step = SQLITE_DONE;
	arena_init(&ar, 0);
	while ((step = sqlite3_step(q->st)) == SQLITE_ROW) {
		xgrow((void **)&ev, &cap, n + 1, sizeof *ev);
		event_from_row(q->st, &ev[n]);
		if (!ng || strcmp(g[ng - 1].record, ev[n].record) != 0) {
			xgrow((void **)&g, &gcap, ng + 1, sizeof *g);
			g[ng++] = (struct ev_group){ ev[n].type, arena_strdup(&ar, ev[n].record), n, 0 };
		}
		event_copy(&ar, &ev[n], g[ng - 1].record);
		g[ng - 1].n++;
		n++;
	}
	if (step != SQLITE_DONE)
		rc = db_fail(s, err, "reading events");
	q_close(q);
	if (rc == 0 && ng)
		qsort(g, ng, sizeof *g, cmp_group);
	for (size_t i = 0; rc == 0 && i < ng; i++)
		for (size_t k = 0; rc == 0 && k < g[i].n; k++)
			rc = cb(ctx, &ev[g[i].first + k]);
	free(ev);
	free(g);
	arena_free(&ar);
	return rc;
}

int store_event_list_brief(struct store *s, const struct store_scope *sc,
			   int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			   struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_EVENT_BRIEF, sc, &q, err);
	if (rc < 0)
		return rc;
	rc = event_stream(s, &q, cb, ctx, err);
	q_close(&q);
	return rc;
}

int store_event_list_all(struct store *s, const struct store_scope *sc, bool by_id,
			 int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			 struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, by_id ? ST_EVENT_ALL_BY_ID : ST_EVENT_ALL, sc, &q, err);
	if (rc < 0)
		return rc;
	if (by_id)
		rc = event_stream(s, &q, cb, ctx, err);
	else
		rc = event_list_sorted(s, &q, cb, ctx, err);
	q_close(&q);
	return rc;
}

/* ---- settings and closures -------------------------------------------- */

/* ---- derived-data cache ------------------------------------------------ */

int store_data_version(struct store *s, struct store_version *v, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_DATA_VERSION, NULL, &q, err);
	if (rc < 0)
		return rc;
	if (sqlite3_step(q.st) == SQLITE_ROW)
		*v = (struct store_version){ .changes = sqlite3_column_int64(q.st, 0),
					     .last_event = sqlite3_column_int64(q.st, 1),
					     .records = sqlite3_column_int64(q.st, 2) };
	else
		rc = db_fail(s, err, "reading the data version");
	q_close(&q);
	return rc;
}

static void bind_version(sqlite3_stmt *st, int at, const struct store_version *v)
{
	sqlite3_bind_int64(st, at, v->changes);
	sqlite3_bind_int64(st, at + 1, v->last_event);
	sqlite3_bind_int64(st, at + 2, v->records);
}

int store_cache_get(struct store *s, const char *name, const struct store_version *v,
		    int (*use)(void *ctx, const void *data, size_t len), void *ctx,
		    struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_CACHE_GET, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, name);
	bind_version(q.st, 2, v);
	int step = sqlite3_step(q.st);
	if (step == SQLITE_ROW)
		rc = use(ctx, sqlite3_column_blob(q.st, 0), (size_t)sqlite3_column_bytes(q.st, 0));
	else if (step == SQLITE_DONE)
		rc = raa_err_set(err, RAA_ENOTFOUND, "no cached '%s' for this version", name);
	else
		rc = db_fail(s, err, "reading the cached '%s'", name);
	q_close(&q);
	return rc;
}

int store_cache_put(struct store *s, const char *name, const struct store_version *v,
		    const void *data, size_t len, struct raa_err *err)
{
	if (len > INT_MAX)
		return raa_err_set(err, RAA_EINVAL, "cached '%s': %zu bytes: expected under 2 GiB",
				   name, len);
	struct q q;
	int rc = q_open(s, ST_CACHE_PUT, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, name);
	bind_version(q.st, 2, v);
	sqlite3_bind_blob(q.st, 5, data, (int)len, SQLITE_STATIC);
	bind_version(q.st, 6, v);
	if (sqlite3_step(q.st) != SQLITE_DONE)
		rc = db_fail(s, err, "storing the cached '%s'", name);
	q_close(&q);
	return rc;
}

int store_setting_get(struct store *s, const char *key, char *out, size_t outsz,
		      struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_SETTING_GET, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, key);
	int step = sqlite3_step(q.st);
	if (step == SQLITE_ROW) {
		const char *v = col_text(q.st, 0);
		size_t len = strlen(v);
		if (len >= outsz)
			rc = raa_err_set(err, RAA_EINVAL,
					 "setting '%s': value of %zu bytes: expected at most %zu", key,
					 len, outsz ? outsz - 1 : 0);
		else
			memcpy(out, v, len + 1);
	} else if (step == SQLITE_DONE) {
		rc = raa_err_set(err, RAA_ENOTFOUND, "setting '%s' is not set", key ? key : "");
	} else {
		rc = db_fail(s, err, "reading setting '%s'", key ? key : "");
	}
	q_close(&q);
	return rc;
}

int store_setting_set(struct store *s, const char *key, const char *value, struct raa_err *err)
{
	if (str_empty(key) || !value)
		return raa_err_set(err, RAA_EINVAL, "setting '%s': expected a key and a value",
				   key ? key : "");
	struct q q;
	int rc = q_open(s, ST_SETTING_SET, NULL, &q, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(q.st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q.st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(q.st) != SQLITE_DONE)
		rc = db_fail(s, err, "writing setting '%s'", key);
	q_close(&q);
	return rc;
}

int store_closure_add(struct store *s, raa_day d, const char *name, struct raa_err *err)
{
	char iso[DATE_ISO_LEN];
	if (d == DAY_NONE)
		return raa_err_set(err, RAA_EINVAL, "closure: date: expected a date YYYY-MM-DD");
	date_format_iso(d, iso);
	struct q q;
	int rc = q_open(s, ST_CLOSURE_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_date(q.st, 1, d);
	bind_opt(q.st, 2, name);
	if (sqlite3_step(q.st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
			rc = raa_err_set(err, RAA_ECONFLICT, "closure on %s already exists", iso);
		else
			rc = db_fail(s, err, "adding closure %s", iso);
	}
	q_close(&q);
	return rc;
}

int store_closure_list(struct store *s, int (*cb)(void *ctx, raa_day d, const char *name),
		       void *ctx, struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_CLOSURE_LIST, NULL, &q, err);
	if (rc < 0)
		return rc;
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q.st)) == SQLITE_ROW)
		rc = cb(ctx, col_date(q.st, 0), col_text(q.st, 1));
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(s, err, "listing closures");
	q_close(&q);
	return rc;
}

/* ---- audit ------------------------------------------------------------ */

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Length-prefixed, so no choice of field values can make two different
 * rows hash the same input. Empty and NULL are one value: bind_opt stores
 * "" as NULL. */
static void hash_field(crypto_hash_sha256_state *h, const char *v)
{
	char len[32];
	if (str_empty(v)) {
		crypto_hash_sha256_update(h, (const unsigned char *)"-", 1);
		return;
	}
	size_t n = strlen(v);
	snprintf(len, sizeof len, "%zu:", n);
	crypto_hash_sha256_update(h, (const unsigned char *)len, strlen(len));
	crypto_hash_sha256_update(h, (const unsigned char *)v, n);
}

static void audit_hash(const char *prev, int64_t id, const struct audit_rec *a,
		       char out[crypto_hash_sha256_BYTES * 2 + 1])
{
	crypto_hash_sha256_state h;
	unsigned char bin[crypto_hash_sha256_BYTES];
	char num[32];
	snprintf(num, sizeof num, "%lld", (long long)id);
	crypto_hash_sha256_init(&h);
	hash_field(&h, prev);
	hash_field(&h, num);
	hash_field(&h, a->at);
	hash_field(&h, a->actor);
	hash_field(&h, a->action);
	hash_field(&h, a->record);
	hash_field(&h, a->detail);
	hash_field(&h, a->ip);
	crypto_hash_sha256_final(&h, bin);
	sodium_bin2hex(out, crypto_hash_sha256_BYTES * 2 + 1, bin, sizeof bin);
}

/* The chain's tail: the next id and the hash it continues from. */
static int audit_tail(struct store *s, int64_t *next, char *prev, size_t prevsz,
		      struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_AUDIT_LAST, NULL, &q, err);
	if (rc < 0)
		return rc;
	int step = sqlite3_step(q.st);
	*next = 1;
	snprintf(prev, prevsz, "%s", AUDIT_GENESIS);
	if (step == SQLITE_ROW) {
		*next = sqlite3_column_int64(q.st, 0) + 1;
		snprintf(prev, prevsz, "%s", col_text(q.st, 1) ? col_text(q.st, 1) : "");
	} else if (step != SQLITE_DONE) {
		rc = db_fail(s, err, "reading the end of the audit log");
	}
	q_close(&q);
	return rc;
}

static int audit_insert(struct store *s, const struct audit_rec *a, struct raa_err *err)
{
	char prev[160], hash[crypto_hash_sha256_BYTES * 2 + 1];
	int64_t id;
	int rc = audit_tail(s, &id, prev, sizeof prev, err);
	if (rc < 0)
		return rc;
	audit_hash(prev, id, a, hash);
	struct q q;
	rc = q_open(s, ST_AUDIT_ADD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_int(q.st, 1, id);
	bind_opt(q.st, 2, a->at);
	bind_opt(q.st, 3, a->actor);
	bind_opt(q.st, 4, a->action);
	bind_opt(q.st, 5, a->record);
	bind_opt(q.st, 6, a->detail);
	bind_opt(q.st, 7, a->ip);
	bind_opt(q.st, 8, hash);
	if (sqlite3_step(q.st) != SQLITE_DONE)
		rc = db_fail(s, err, "writing the audit log (%s by %s)", a->action, a->actor);
	q_close(&q);
	return rc;
}

int store_audit_append(struct store *s, const struct audit_rec *a, struct raa_err *err)
{
	char stamp[32];
	struct audit_rec row = *a;
	if (str_empty(a->actor) || str_empty(a->action))
		return raa_err_set(err, RAA_EINVAL, "audit: actor '%s', action '%s': expected both",
				   a->actor ? a->actor : "", a->action ? a->action : "");
	if (sodium_init() < 0)
		return raa_err_set(err, RAA_EINTERNAL, "audit: libsodium failed to initialise");
	if (str_empty(row.at)) {
		now_iso(stamp);
		row.at = stamp;
	}
	/* Reading the tail and appending must not interleave with another
	 * writer: both happen under the write lock. */
	bool own;
	int rc = unit_begin(s, &own, err);
	if (rc == 0)
		rc = audit_insert(s, &row, err);
	return unit_end(s, own, rc, err);
}

/* Column order: AUDIT_COLS. */
static void audit_from_row(sqlite3_stmt *st, struct audit_rec *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->at = col_text(st, 1);
	a->actor = col_text(st, 2);
	a->action = col_text(st, 3);
	a->record = col_text(st, 4);
	a->detail = col_text(st, 5);
	a->ip = col_text(st, 6);
	a->hash = col_text(st, 7);
}

int store_audit_verify(struct store *s, int64_t *rows_out, struct raa_err *err)
{
	char prev[160] = AUDIT_GENESIS, want[crypto_hash_sha256_BYTES * 2 + 1];
	int64_t rows = 0;
	if (sodium_init() < 0)
		return raa_err_set(err, RAA_EINTERNAL, "audit: libsodium failed to initialise");
	struct q q;
	int rc = q_open(s, ST_AUDIT_ALL, NULL, &q, err);
	if (rc < 0)
		return rc;
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q.st)) == SQLITE_ROW) {
		struct audit_rec a;
		audit_from_row(q.st, &a);
		audit_hash(prev, a.id, &a, want);
		if (!a.hash || strcmp(a.hash, want) != 0)
			rc = raa_err_set(err, RAA_ECONFLICT,
					 "audit row %lld (%s, %s by %s): hash: expected %s: the row was edited, or a row before it was edited, inserted or deleted",
					 (long long)a.id, a.at ? a.at : "", a.action ? a.action : "",
					 a.actor ? a.actor : "", want);
		else
			rows++;
		snprintf(prev, sizeof prev, "%s", a.hash ? a.hash : "");
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(s, err, "reading the audit log");
	q_close(&q);
	if (rows_out)
		*rows_out = rows;
	return rc;
}

int store_audit_list_record(struct store *s, const char *record, int limit,
			    int (*cb)(void *ctx, const struct audit_rec *a), void *ctx,
			    struct raa_err *err)
{
	struct q q;
	int rc = q_open(s, ST_AUDIT_RECORD, NULL, &q, err);
	if (rc < 0)
		return rc;
	bind_opt(q.st, 1, record);
	bind_int(q.st, 2, limit < 0 ? 0 : limit);
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q.st)) == SQLITE_ROW) {
		struct audit_rec a;
		audit_from_row(q.st, &a);
		rc = cb(ctx, &a);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(s, err, "reading the audit log of '%s'", record ? record : "");
	q_close(&q);
	return rc;
}


/* ---- for the store's other files (store_int.h) ----------------------- */

sqlite3 *store_sqlite_handle(struct store *s)
{
	return s->db;
}

int store_sqlite_fail(struct store *s, struct raa_err *err, const char *what)
{
	return db_fail(s, err, "%s", what);
}

void store_sqlite_bind_date(sqlite3_stmt *st, int i, raa_day d)
{
	bind_date(st, i, d);
}

raa_day store_sqlite_col_date(sqlite3_stmt *st, int i)
{
	return col_date(st, i);
}

void store_sqlite_now(char out[32])
{
	now_iso(out);
}
