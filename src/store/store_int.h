/*
 * store_int: what the store's own files share and nobody else sees.
 *
 * store_sqlite.c owns struct store; the store's other files (store_panel.c)
 * reach the connection through these, so the struct stays private to one
 * file and its prepared-statement cache keeps a single owner.
 */
#ifndef RAA_STORE_STORE_INT_H
#define RAA_STORE_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

/* The SQLite connection behind a store. */
sqlite3 *store_sqlite_handle(struct store *s);
/* RAA_EIO naming what was being done, the database and SQLite's reason. */
int store_sqlite_fail(struct store *s, struct raa_err *err, const char *what);
/* Dates as the store writes them: ISO text, NULL for DAY_NONE (and a
 * value that does not parse reads as DAY_NONE). */
void store_sqlite_bind_date(sqlite3_stmt *st, int i, raa_day d);
raa_day store_sqlite_col_date(sqlite3_stmt *st, int i);
/* Now as an ISO 8601 UTC timestamp, for created_at columns. */
void store_sqlite_now(char out[32]);

#endif
