/*
 * store_panel: the panel tables of store.h (schema v3, docs/schema.md).
 *
 * Panels are a few dozen rows a year, so statements are prepared per call
 * rather than cached: the cache in store_sqlite.c is sized for bulk
 * imports and stays that file's alone. SQL is portable, as there.
 *
 * Scoping: panel tables carry no partner. An item is visible to a
 * partner-scoped caller through the records it names (ITEM_SCOPE below),
 * the only partner filter in this file.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/str.h"
#include "store/store.h"
#include "store/store_int.h"

#define MEMBER_COLS "id, name, role, chair, qualified, active"
#define PANEL_COLS "id, date, name, location, minutes"
#define ITEM_COLS "i.id, i.panel, i.kind, i.adopter, i.papers, i.recommendation, i.reasons, " \
	"i.recommended_by, i.recommended_at"
/* A match or should-be-placed item belongs to its children's partner; an
 * approval item (no child) to its household's. */
#define ITEM_SCOPE " AND (EXISTS (SELECT 1 FROM panel_item_children pc JOIN children c " \
	"ON c.id = pc.child WHERE pc.item = i.id AND c.partner = ?1) " \
	"OR (NOT EXISTS (SELECT 1 FROM panel_item_children pc WHERE pc.item = i.id) " \
	"AND EXISTS (SELECT 1 FROM adopters a WHERE a.id = i.adopter AND a.partner = ?1)))"

/* The same rule as store_sqlite.c's scope_limits: anything but the system
 * and region scopes sees one partner, so a mistake shows too little. */
static bool scoped(const struct store_scope *sc)
{
	return !sc || (sc->kind != SCOPE_SYSTEM && sc->kind != SCOPE_REGION);
}

static int prep(struct store *s, const char *sql, sqlite3_stmt **st, struct raa_err *err)
{
	if (sqlite3_prepare_v2(store_sqlite_handle(s), sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	sqlite3_finalize(*st);
	*st = NULL;
	return store_sqlite_fail(s, err, "preparing a panel query");
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (str_empty(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Steps a write to the end; a constraint failure is the caller's input
 * (an unknown record or member), anything else a database failure. */
static int step_write(struct store *s, sqlite3_stmt *st, const char *what, struct raa_err *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return raa_err_set(err, RAA_EINVAL, "%s: %s", what,
				   sqlite3_errmsg(store_sqlite_handle(s)));
	return store_sqlite_fail(s, err, what);
}

static int finish_write(struct store *s, sqlite3_stmt *st, int64_t *id_out, const char *what,
			struct raa_err *err)
{
	int rc = step_write(s, st, what, err);
	sqlite3_finalize(st);
	if (rc == 0 && id_out)
		*id_out = sqlite3_last_insert_rowid(store_sqlite_handle(s));
	return rc;
}

/* An UPDATE of one row by id: RAA_ENOTFOUND when it matched none. */
static int finish_update(struct store *s, sqlite3_stmt *st, const char *what, int64_t id,
			 struct raa_err *err)
{
	int rc = step_write(s, st, what, err);
	sqlite3_finalize(st);
	if (rc == 0 && sqlite3_changes(store_sqlite_handle(s)) == 0)
		rc = raa_err_set(err, RAA_ENOTFOUND, "%s: no row %lld", what, (long long)id);
	return rc;
}

/* ---- members ----------------------------------------------------------- */

/* A member's details as parameters 1 to 4: name, role, chair, qualified. */
static void bind_member(sqlite3_stmt *st, const struct panel_member_rec *m)
{
	bind_text(st, 1, m->name);
	bind_text(st, 2, m->role);
	bind_text(st, 3, m->chair);
	store_sqlite_bind_date(st, 4, m->qualified);
}

int store_panel_member_add(struct store *s, const struct panel_member_rec *m, int64_t *id_out,
			   struct raa_err *err)
{
	sqlite3_stmt *st;
	char stamp[32];
	int rc = prep(s, "INSERT INTO panel_members (name, role, chair, qualified, active, created_at) "
		      "VALUES (?, ?, ?, ?, ?, ?)", &st, err);
	if (rc < 0)
		return rc;
	store_sqlite_now(stamp);
	bind_member(st, m);
	sqlite3_bind_int(st, 5, m->active ? 1 : 0);
	bind_text(st, 6, stamp);
	return finish_write(s, st, id_out, "adding a panel member", err);
}

int store_panel_member_update(struct store *s, const struct panel_member_rec *m,
			      struct raa_err *err)
{
	sqlite3_stmt *st;
	int rc = prep(s, "UPDATE panel_members SET name = ?, role = ?, chair = ?, qualified = ? "
		      "WHERE id = ?", &st, err);
	if (rc < 0)
		return rc;
	bind_member(st, m);
	sqlite3_bind_int64(st, 5, m->id);
	return finish_update(s, st, "panel member", m->id, err);
}

int store_panel_member_set_active(struct store *s, int64_t id, bool active, struct raa_err *err)
{
	sqlite3_stmt *st;
	int rc = prep(s, "UPDATE panel_members SET active = ? WHERE id = ?", &st, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int(st, 1, active ? 1 : 0);
	sqlite3_bind_int64(st, 2, id);
	return finish_update(s, st, "panel member", id, err);
}

int store_panel_member_list(struct store *s,
			    int (*cb)(void *ctx, const struct panel_member_rec *m), void *ctx,
			    struct raa_err *err)
{
	sqlite3_stmt *st;
	int rc = prep(s, "SELECT " MEMBER_COLS " FROM panel_members ORDER BY id", &st, err);
	int step;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct panel_member_rec m = {
			.id = sqlite3_column_int64(st, 0), .name = col_text(st, 1),
			.role = col_text(st, 2), .chair = col_text(st, 3),
			.qualified = store_sqlite_col_date(st, 4), .active = sqlite3_column_int(st, 5) != 0,
		};
		rc = cb(ctx, &m);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sqlite_fail(s, err, "listing panel members");
	sqlite3_finalize(st);
	return rc;
}

/* ---- panels -------------------------------------------------------------- */

int store_panel_add(struct store *s, const struct panel_rec *p, int64_t *id_out,
		    struct raa_err *err)
{
	sqlite3_stmt *st;
	char stamp[32];
	int rc = prep(s, "INSERT INTO panels (date, name, location, minutes, created_at) "
		      "VALUES (?, ?, ?, ?, ?)", &st, err);
	if (rc < 0)
		return rc;
	store_sqlite_now(stamp);
	store_sqlite_bind_date(st, 1, p->date);
	bind_text(st, 2, p->name);
	bind_text(st, 3, p->location);
	bind_text(st, 4, p->minutes);
	bind_text(st, 5, stamp);
	return finish_write(s, st, id_out, "adding a panel", err);
}

static int panel_rows(struct store *s, sqlite3_stmt *st,
		      int (*cb)(void *ctx, const struct panel_rec *p), void *ctx, int *rows,
		      struct raa_err *err)
{
	int rc = 0, step;
	*rows = 0;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct panel_rec p = {
			.id = sqlite3_column_int64(st, 0), .date = store_sqlite_col_date(st, 1),
			.name = col_text(st, 2), .location = col_text(st, 3),
			.minutes = col_text(st, 4),
		};
		(*rows)++;
		rc = cb(ctx, &p);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sqlite_fail(s, err, "reading panels");
	sqlite3_finalize(st);
	return rc;
}

int store_panel_get(struct store *s, int64_t id, int (*cb)(void *ctx, const struct panel_rec *p),
		    void *ctx, struct raa_err *err)
{
	sqlite3_stmt *st;
	int rows;
	int rc = prep(s, "SELECT " PANEL_COLS " FROM panels WHERE id = ?", &st, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = panel_rows(s, st, cb, ctx, &rows, err);
	if (rc == 0 && rows == 0)
		rc = raa_err_set(err, RAA_ENOTFOUND, "panel %lld: no such panel", (long long)id);
	return rc;
}

int store_panel_list(struct store *s, int (*cb)(void *ctx, const struct panel_rec *p), void *ctx,
		     struct raa_err *err)
{
	sqlite3_stmt *st;
	int rows;
	int rc = prep(s, "SELECT " PANEL_COLS " FROM panels ORDER BY date, id", &st, err);
	if (rc < 0)
		return rc;
	return panel_rows(s, st, cb, ctx, &rows, err);
}

int store_panel_set_minutes(struct store *s, int64_t id, const char *minutes,
			    struct raa_err *err)
{
	sqlite3_stmt *st;
	int rc = prep(s, "UPDATE panels SET minutes = ? WHERE id = ?", &st, err);
	if (rc < 0)
		return rc;
	bind_text(st, 1, minutes);
	sqlite3_bind_int64(st, 2, id);
	return finish_update(s, st, "panel", id, err);
}

/* One attendance row written by sql (parameters: panel, member). */
static int attendance_write(struct store *s, const char *sql, int64_t panel, int64_t member,
			    const char *what, struct raa_err *err)
{
	sqlite3_stmt *st;
	int rc = prep(s, sql, &st, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(st, 1, panel);
	sqlite3_bind_int64(st, 2, member);
	return finish_write(s, st, NULL, what, err);
}

int store_panel_attend(struct store *s, int64_t panel, int64_t member, struct raa_err *err)
{
	return attendance_write(s, "INSERT INTO panel_attendance (panel, member) VALUES (?, ?) "
				"ON CONFLICT DO NOTHING", panel, member, "recording attendance", err);
}

int store_panel_unattend(struct store *s, int64_t panel, int64_t member, struct raa_err *err)
{
	return attendance_write(s, "DELETE FROM panel_attendance WHERE panel = ? AND member = ?",
				panel, member, "removing attendance", err);
}

int store_panel_attendance(struct store *s, int64_t panel,
			   int (*cb)(void *ctx, int64_t member), void *ctx, struct raa_err *err)
{
	sqlite3_stmt *st;
	int step;
	int rc = prep(s, "SELECT member FROM panel_attendance WHERE panel = ? ORDER BY member", &st,
		      err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(st, 1, panel);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = cb(ctx, sqlite3_column_int64(st, 0));
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sqlite_fail(s, err, "reading attendance");
	sqlite3_finalize(st);
	return rc;
}

/* ---- items ----------------------------------------------------------------- */

int store_panel_item_add(struct store *s, const struct panel_item_rec *it, int64_t *id_out,
			 struct raa_err *err)
{
	sqlite3_stmt *st;
	char stamp[32];
	int64_t id = 0;
	int rc = prep(s, "INSERT INTO panel_items (panel, kind, adopter, papers, created_at) "
		      "VALUES (?, ?, ?, ?, ?)", &st, err);
	if (rc < 0)
		return rc;
	store_sqlite_now(stamp);
	sqlite3_bind_int64(st, 1, it->panel);
	bind_text(st, 2, it->kind);
	bind_text(st, 3, it->adopter);
	bind_text(st, 4, it->papers);
	bind_text(st, 5, stamp);
	rc = finish_write(s, st, &id, "adding an agenda item", err);
	for (size_t i = 0; rc == 0 && i < it->nchildren; i++) {
		rc = prep(s, "INSERT INTO panel_item_children (item, child) VALUES (?, ?) "
			  "ON CONFLICT DO NOTHING", &st, err);
		if (rc < 0)
			break;
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, it->children[i]);
		rc = finish_write(s, st, NULL, "naming a child on an agenda item", err);
	}
	if (rc == 0 && id_out)
		*id_out = id;
	return rc;
}

/* The item's children, copied: they outlive the statement that read them. */
static int item_children(struct store *s, int64_t item, char ***out, size_t *n,
			 struct raa_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int step;
	*out = NULL;
	*n = 0;
	int rc = prep(s, "SELECT child FROM panel_item_children WHERE item = ? ORDER BY child", &st,
		      err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(st, 1, item);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrdup(col_text(st, 0));
	}
	if (step != SQLITE_DONE)
		rc = store_sqlite_fail(s, err, "reading an agenda item's children");
	sqlite3_finalize(st);
	return rc;
}

static void free_children(char **c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i]);
	free(c);
}

static int item_rows(struct store *s, sqlite3_stmt *st,
		     int (*cb)(void *ctx, const struct panel_item_rec *it), void *ctx, int *rows,
		     struct raa_err *err)
{
	int rc = 0, step;
	*rows = 0;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct panel_item_rec it = {
			.id = sqlite3_column_int64(st, 0), .panel = sqlite3_column_int64(st, 1),
			.kind = col_text(st, 2), .adopter = col_text(st, 3),
			.papers = col_text(st, 4), .recommendation = col_text(st, 5),
			.reasons = col_text(st, 6), .recommended_by = col_text(st, 7),
			.recommended_at = col_text(st, 8),
		};
		char **children;
		size_t n;
		rc = item_children(s, it.id, &children, &n, err);
		if (rc == 0) {
			it.children = (const char *const *)children;
			it.nchildren = n;
			(*rows)++;
			rc = cb(ctx, &it);
		}
		free_children(children, n);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sqlite_fail(s, err, "reading agenda items");
	sqlite3_finalize(st);
	return rc;
}

/* where: the item filter without the scope; ?1 is the scope's partner. */
static int item_query(struct store *s, const struct store_scope *sc, const char *where,
		      int64_t key, int (*cb)(void *ctx, const struct panel_item_rec *it), void *ctx,
		      int *rows, struct raa_err *err)
{
	struct buf sql;
	sqlite3_stmt *st;
	buf_init(&sql, 0);
	buf_printf(&sql,
		   "SELECT " ITEM_COLS " FROM panel_items i WHERE i.withdrawn_at IS NULL AND %s%s "
		   "ORDER BY i.id",
		   where,
		   scoped(sc) ? ITEM_SCOPE : "");
	int rc = prep(s, buf_cstr(&sql), &st, err);
	buf_free(&sql);
	if (rc < 0)
		return rc;
	if (scoped(sc))
		bind_text(st, 1, sc ? sc->partner : NULL);
	sqlite3_bind_int64(st, 2, key);
	return item_rows(s, st, cb, ctx, rows, err);
}

int store_panel_item_list(struct store *s, const struct store_scope *sc, int64_t panel,
			  int (*cb)(void *ctx, const struct panel_item_rec *it), void *ctx,
			  struct raa_err *err)
{
	int rows;
	return item_query(s, sc, panel ? "i.panel = ?2" : "?2 = 0", panel, cb, ctx, &rows, err);
}

int store_panel_item_get(struct store *s, const struct store_scope *sc, int64_t id,
			 int (*cb)(void *ctx, const struct panel_item_rec *it), void *ctx,
			 struct raa_err *err)
{
	int rows;
	int rc = item_query(s, sc, "i.id = ?2", id, cb, ctx, &rows, err);
	if (rc == 0 && rows == 0)
		rc = raa_err_set(err, RAA_ENOTFOUND, "agenda item %lld: no such item", (long long)id);
	return rc;
}

/* finish_update of a write guarded by "recommendation IS NULL": the item
 * exists (the caller read it), so no row changed means it has its
 * recommendation already, and then it is not changed; `then` says so. */
static int finish_unrecommended(struct store *s, sqlite3_stmt *st, int64_t id, const char *then,
				struct raa_err *err)
{
	int rc = finish_update(s, st, "agenda item", id, err);
	if (rc == RAA_ENOTFOUND)
		rc = raa_err_set(err, RAA_ECONFLICT, "agenda item %lld: already has a recommendation, %s",
				 (long long)id, then);
	return rc;
}

int store_panel_item_recommend(struct store *s, int64_t id, const char *recommendation,
			       const char *reasons, const char *by, struct raa_err *err)
{
	sqlite3_stmt *st;
	char stamp[32];
	int rc = prep(s, "UPDATE panel_items SET recommendation = ?, reasons = ?, "
		      "recommended_by = ?, recommended_at = ? "
		      "WHERE id = ? AND recommendation IS NULL", &st, err);
	if (rc < 0)
		return rc;
	store_sqlite_now(stamp);
	bind_text(st, 1, recommendation);
	bind_text(st, 2, reasons);
	bind_text(st, 3, by);
	bind_text(st, 4, stamp);
	sqlite3_bind_int64(st, 5, id);
	return finish_unrecommended(s, st, id, "which is not changed", err);
}

int store_panel_item_set_papers(struct store *s, int64_t id, const char *papers,
				struct raa_err *err)
{
	sqlite3_stmt *st;
	int rc = prep(s, "UPDATE panel_items SET papers = ? WHERE id = ? AND recommendation IS NULL",
		      &st, err);
	if (rc < 0)
		return rc;
	bind_text(st, 1, papers);
	sqlite3_bind_int64(st, 2, id);
	return finish_unrecommended(s, st, id, "so its papers are not changed", err);
}

int store_panel_item_remove(struct store *s, int64_t id, struct raa_err *err)
{
	sqlite3_stmt *st;
	char stamp[32];
	/* withdrawn, not deleted (schema v5): its id is never reused */
	int rc = prep(s, "UPDATE panel_items SET withdrawn_at = ? "
		      "WHERE id = ? AND recommendation IS NULL AND withdrawn_at IS NULL", &st, err);
	if (rc < 0)
		return rc;
	store_sqlite_now(stamp);
	bind_text(st, 1, stamp);
	sqlite3_bind_int64(st, 2, id);
	return finish_unrecommended(s, st, id, "so it stays on the agenda", err);
}
