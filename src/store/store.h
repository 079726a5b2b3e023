/*
 * store: the only code that speaks SQL.
 *
 * One interface, backends behind it (store_sqlite.c now, store_pg.c later).
 * Partner scoping lives here and nowhere else: every read or write of a
 * child or household takes a scope, and a partner-scoped caller simply
 * cannot see another partner's records (they answer RAA_ENOTFOUND, the same
 * as a missing one). SQL is portable: ISO dates as text, integer ids.
 *
 * Strings in records handed to callbacks are valid only during the call.
 */
#ifndef RAA_STORE_STORE_H
#define RAA_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/records.h"

struct store;

enum scope_kind {
	SCOPE_SYSTEM = 0,  /* the CLI run by the operator: everything */
	SCOPE_REGION,      /* RAA staff: every partner's records */
	SCOPE_PARTNER,     /* LA staff: own partner's children and the households living in its area */
};

struct store_scope {
	enum scope_kind kind;
	const char *partner;  /* SCOPE_PARTNER: the LA code */
	const char *actor;    /* who acts, for recorded_by and audit */
};

extern const struct store_scope STORE_SYSTEM;

/* Opens a SQLite file path (created if missing) or, later, a
 * postgresql:// URL. NULL with err set on failure. */
struct store *store_open(const char *url, struct raa_err *err);
void store_close(struct store *s);

/* Creates or migrates the schema to the newest version. Idempotent. */
int store_migrate(struct store *s, struct raa_err *err);
/* A consistent copy of the whole database into a new file (refused if the
 * file exists; nothing is left behind on failure), and back: a restore
 * replaces the whole database with a backup's (refused unless the file is
 * a raa database no newer than this build). store_backup.c. */
int store_backup(struct store *s, const char *path, struct raa_err *err);
int store_restore(struct store *s, const char *path, struct raa_err *err);
/* Schema version, 0 for an empty database. */
int store_schema_version(struct store *s);

/* Transactions: every write happens inside one. Nested begin is an error. */
int store_begin(struct store *s, struct raa_err *err);
/* A read transaction: every query until store_commit sees one state of the
 * data. */
int store_begin_read(struct store *s, struct raa_err *err);
bool store_in_transaction(const struct store *s);
int store_commit(struct store *s, struct raa_err *err);
void store_rollback(struct store *s);

/* Partners. */
int store_partner_add(struct store *s, const struct partner_rec *p, struct raa_err *err);
int store_partner_list(struct store *s,
		       int (*cb)(void *ctx, const struct partner_rec *p), void *ctx,
		       struct raa_err *err);
/* 1 exists, 0 not, negative error. */
int store_partner_exists(struct store *s, const char *code, struct raa_err *err);

/* Users. pw_hash is an argon2id string from libsodium. */
struct user_rec {
	int64_t id;
	const char *email;
	const char *role;
	const char *partner; /* NULL for RAA-wide roles */
	const char *pw_hash;
	const char *created_at;
	bool disabled;
	int failed_logins;        /* consecutive failures since the last success */
	const char *locked_until; /* ISO 8601 UTC, NULL when not locked */
};
int store_user_add(struct store *s, const struct user_rec *u, int64_t *id_out, struct raa_err *err);
int store_user_list(struct store *s, int (*cb)(void *ctx, const struct user_rec *u), void *ctx,
		    struct raa_err *err);
/* Calls cb once if found; RAA_ENOTFOUND otherwise. */
int store_user_by_email(struct store *s, const char *email,
			int (*cb)(void *ctx, const struct user_rec *u), void *ctx,
			struct raa_err *err);

/* Records the outcome of a sign-in attempt: the failure count and, when
 * the account is locked, until when (NULL clears the lock). */
int store_user_login_state(struct store *s, int64_t id, int failed_logins,
			   const char *locked_until, struct raa_err *err);
int store_user_set_password(struct store *s, int64_t id, const char *pw_hash,
			    struct raa_err *err);
/* A disabled account cannot sign in (leavers keep their audit trail). */
int store_user_set_disabled(struct store *s, int64_t id, bool disabled, struct raa_err *err);

/* Records. Ids are unique across children and households together, so an
 * events.csv `record` is never ambiguous. Insert fails with RAA_ECONFLICT
 * on a duplicate id. */
int store_child_insert(struct store *s, const struct store_scope *sc, const struct child_rec *c,
		       struct raa_err *err);
int store_adopter_insert(struct store *s, const struct store_scope *sc,
			 const struct adopter_rec *a, struct raa_err *err);
/* Calls cb once with the record; RAA_ENOTFOUND if absent or out of scope. */
int store_child_get(struct store *s, const struct store_scope *sc, const char *id,
		    int (*cb)(void *ctx, const struct child_rec *c), void *ctx,
		    struct raa_err *err);
int store_adopter_get(struct store *s, const struct store_scope *sc, const char *id,
		      int (*cb)(void *ctx, const struct adopter_rec *a), void *ctx,
		      struct raa_err *err);
/* Every record in scope, ordered by id (natural order: C2 before C10). A
 * callback returning non-zero stops the listing and is returned. */
int store_child_list(struct store *s, const struct store_scope *sc,
		     int (*cb)(void *ctx, const struct child_rec *c), void *ctx,
		     struct raa_err *err);
int store_adopter_list(struct store *s, const struct store_scope *sc,
		       int (*cb)(void *ctx, const struct adopter_rec *a), void *ctx,
		       struct raa_err *err);
/* What kind of record an id is: REC_CHILD / REC_ADOPTER, or RAA_ENOTFOUND. */
int store_record_type(struct store *s, const struct store_scope *sc, const char *id,
		      struct raa_err *err);
int store_child_set_profile_updated(struct store *s, const struct store_scope *sc,
				    const char *id, raa_day d, struct raa_err *err);

/* Events: append-only. Sets e->id... through id_out. */
int store_event_insert(struct store *s, const struct store_scope *sc, const struct event_rec *e,
		       int64_t *id_out, struct raa_err *err);
/* One record's events in journey order (date, id). */
int store_event_list_record(struct store *s, const struct store_scope *sc, const char *record,
			    int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			    struct raa_err *err);
/* Every event in scope ordered by (record type, record, date, id); with
 * by_id, ordered by id (recording order) instead. */
int store_event_list_all(struct store *s, const struct store_scope *sc, bool by_id,
			 int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			 struct raa_err *err);

/* How many children share a sibling group (all partners: siblings share
 * one). 0 when the group is unknown. */
int store_sibling_group_size(struct store *s, const char *group, int *n, struct raa_err *err);

/* Audit: append-only and hash-chained. Each row's hash is SHA-256 over the
 * previous row's hash and this row's fields, so editing or deleting any
 * row breaks every hash after it. */
struct audit_rec {
	int64_t id;
	const char *at;      /* ISO 8601 UTC */
	const char *actor;   /* email, "cli", "demo" */
	const char *action;  /* login, login_failed, read_child, write_child, export ... */
	const char *record;  /* child or household id, or NULL */
	const char *detail;
	const char *ip;
	const char *hash;    /* hex, filled by the store */
};
int store_audit_append(struct store *s, const struct audit_rec *a, struct raa_err *err);
/* 0 when the chain is intact; RAA_ECONFLICT naming the first bad row
 * (edited, inserted or deleted) otherwise. *rows_out: rows checked. */
int store_audit_verify(struct store *s, int64_t *rows_out, struct raa_err *err);
/* One record's access history, newest first, at most `limit` rows. */
int store_audit_list_record(struct store *s, const char *record, int limit,
			    int (*cb)(void *ctx, const struct audit_rec *a), void *ctx,
			    struct raa_err *err);

/* Every event in scope in recording order with only id, record, type,
 * kind, date, origin and supersedes filled (adopter, detail, mirror_of and
 * recorded_* are NULL/0): what status and the indicators read, at a
 * fraction of the cost of whole rows. */
int store_event_list_brief(struct store *s, const struct store_scope *sc,
			   int (*cb)(void *ctx, const struct event_rec *e), void *ctx,
			   struct raa_err *err);

/* Settings: key/value text (clock durations "clock.stage1" = "2m", ...). */
int store_setting_get(struct store *s, const char *key, char *out, size_t outsz,
		      struct raa_err *err); /* RAA_ENOTFOUND if unset */
int store_setting_set(struct store *s, const char *key, const char *value, struct raa_err *err);
/* Local closures (non-working days beyond bank holidays). */
int store_closure_add(struct store *s, raa_day d, const char *name, struct raa_err *err);
int store_closure_list(struct store *s, int (*cb)(void *ctx, raa_day d, const char *name),
		       void *ctx, struct raa_err *err);

/* ---- panels (store_panel.c; docs/panels.md) ---------------------------
 * Panels are regional: members and panel dates are read by everyone who
 * may read panels. An agenda item naming children is visible to a
 * partner-scoped caller only when one of its children is the partner's (an
 * approval item: when its household is), like the records themselves. */
struct panel_member_rec {
	int64_t id;
	const char *name;
	const char *role;      /* seat: social_worker, medical_adviser, independent, other */
	const char *chair;     /* "chair", "vice_chair" or NULL */
	raa_day qualified;     /* social workers: date of qualification, DAY_NONE if unknown */
	bool active;
};
int store_panel_member_add(struct store *s, const struct panel_member_rec *m, int64_t *id_out,
			   struct raa_err *err);
/* RAA_ENOTFOUND for an unknown member. */
int store_panel_member_set_active(struct store *s, int64_t id, bool active, struct raa_err *err);
/* Rewrites a member's name, seat, chair and qualification (active stays
 * as it is); RAA_ENOTFOUND for an unknown member. */
int store_panel_member_update(struct store *s, const struct panel_member_rec *m,
			      struct raa_err *err);
/* Every member ordered by id. */
int store_panel_member_list(struct store *s,
			    int (*cb)(void *ctx, const struct panel_member_rec *m), void *ctx,
			    struct raa_err *err);

struct panel_rec {
	int64_t id;
	raa_day date;
	const char *name;
	const char *location;
	const char *minutes;   /* NULL until written */
};
int store_panel_add(struct store *s, const struct panel_rec *p, int64_t *id_out,
		    struct raa_err *err);
/* Calls cb once; RAA_ENOTFOUND for an unknown panel. */
int store_panel_get(struct store *s, int64_t id, int (*cb)(void *ctx, const struct panel_rec *p),
		    void *ctx, struct raa_err *err);
/* Every panel by date then id. */
int store_panel_list(struct store *s, int (*cb)(void *ctx, const struct panel_rec *p), void *ctx,
		     struct raa_err *err);
int store_panel_set_minutes(struct store *s, int64_t id, const char *minutes,
			    struct raa_err *err);
/* Records that a member sat; sitting twice records it once. */
int store_panel_attend(struct store *s, int64_t panel, int64_t member, struct raa_err *err);
/* Removes a member from a panel's attendance; removing one not recorded
 * changes nothing. */
int store_panel_unattend(struct store *s, int64_t panel, int64_t member, struct raa_err *err);
/* The members who sat, by member id. */
int store_panel_attendance(struct store *s, int64_t panel,
			   int (*cb)(void *ctx, int64_t member), void *ctx, struct raa_err *err);

struct panel_item_rec {
	int64_t id;
	int64_t panel;
	const char *kind;            /* approval, match, should_be_placed */
	const char *adopter;         /* household, or NULL */
	const char *const *children; /* the child or the child's unit */
	size_t nchildren;
	const char *papers;          /* one title per line, or NULL */
	const char *recommendation;  /* "yes", "no", or NULL while none */
	const char *reasons;
	const char *recommended_by;
	const char *recommended_at;
};
/* Writes the item and its children (every record named must exist). */
int store_panel_item_add(struct store *s, const struct panel_item_rec *it, int64_t *id_out,
			 struct raa_err *err);
/* One panel's items in scope (panel 0: every panel's), by id. */
int store_panel_item_list(struct store *s, const struct store_scope *sc, int64_t panel,
			  int (*cb)(void *ctx, const struct panel_item_rec *it), void *ctx,
			  struct raa_err *err);
/* Calls cb once; RAA_ENOTFOUND if absent or out of scope. */
int store_panel_item_get(struct store *s, const struct store_scope *sc, int64_t id,
			 int (*cb)(void *ctx, const struct panel_item_rec *it), void *ctx,
			 struct raa_err *err);
/* Records the recommendation once: RAA_ECONFLICT if the item has one. */
int store_panel_item_recommend(struct store *s, int64_t id, const char *recommendation,
			       const char *reasons, const char *by, struct raa_err *err);
/* An item is changed only while it has no recommendation: for an item the
 * caller has read, RAA_ECONFLICT when it has one. Papers: one title per
 * line, NULL or "" for none. */
int store_panel_item_set_papers(struct store *s, int64_t id, const char *papers,
				struct raa_err *err);
/* Withdraws the item from the agenda: it is no longer listed or found,
 * but kept (with the children it names) and its id never reused. */
int store_panel_item_remove(struct store *s, int64_t id, struct raa_err *err);

/* ---- derived-data cache (docs/architecture.md) ---------------------------
 * The data's version: derived data built from one version stays valid
 * while it stands. Events are append-only and records are only ever
 * inserted without `changes` moving on (schema triggers count every other
 * change), so the newest event and the number of records cover inserts. */
struct store_version {
	int64_t changes, last_event, records;
};
int store_data_version(struct store *s, struct store_version *v, struct raa_err *err);
/* Calls use with the blob cached under name for this version (valid only
 * during the call; a blob can be large, so it is not copied) and returns
 * what use returns; RAA_ENOTFOUND when there is none for this version. */
int store_cache_get(struct store *s, const char *name, const struct store_version *v,
		    int (*use)(void *ctx, const void *data, size_t len), void *ctx,
		    struct raa_err *err);
/* Caches the blob unless the data has moved on from v (then nothing is
 * written). */
int store_cache_put(struct store *s, const char *name, const struct store_version *v,
		    const void *data, size_t len, struct raa_err *err);

#endif
