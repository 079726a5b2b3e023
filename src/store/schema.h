/*
 * schema: the database schema as data, one migration per version.
 *
 * SCHEMA_MIGRATIONS[i] takes a database from version i to version i + 1.
 * Migrations are only ever appended: a released one is never edited, since
 * databases in the field have already run it. `sql` is portable (it runs
 * unchanged on SQLite and PostgreSQL); what cannot be portable (the
 * append-only triggers) sits beside it per backend. docs/schema.md
 * describes the tables and the rules they carry.
 */
#ifndef RAA_STORE_SCHEMA_H
#define RAA_STORE_SCHEMA_H

#include <stddef.h>

struct schema_migration {
	const char *what;   /* one line, for error messages */
	const char *sql;    /* portable statements, ';'-separated */
	const char *sqlite; /* SQLite-only statements run after sql, or NULL */
};

extern const struct schema_migration SCHEMA_MIGRATIONS[];
extern const size_t SCHEMA_MIGRATION_COUNT;

/* The newest schema version (= SCHEMA_MIGRATION_COUNT). */
int schema_latest(void);

#endif
