/*
 * migration: the legacy migration CSV formats of records.md.
 *
 * One table describes each file's columns; import and export both read it,
 * so the two cannot drift apart and export -> import round-trips.
 */
#ifndef RAA_SERVICE_MIGRATION_H
#define RAA_SERVICE_MIGRATION_H

#include <stddef.h>

#include "domain/records.h"

enum migration_file { MIG_CHILDREN = 0, MIG_ADOPTERS, MIG_EVENTS, MIG_FILES };

/* Column names in file order, NULL-terminated. */
extern const char *const MIGRATION_COLUMNS[MIG_FILES][24];

size_t migration_ncolumns(enum migration_file f);
const char *migration_file_name(enum migration_file f); /* "children" ... */
int migration_file_parse(const char *s);                /* -1 if unknown */

/* The date columns of children.csv / adopters.csv and the event kind each
 * becomes (records.md). */
struct migration_date_column {
	const char *column;
	int kind;
};
extern const struct migration_date_column CHILD_DATE_COLUMNS[3];
extern const struct migration_date_column ADOPTER_DATE_COLUMNS[4];

#endif
