/*
 * export: `raa export children|adopters|events --format csv|json`.
 *
 * Writes the migration formats of records.md from raa's records, so that
 * export then import round-trips byte for byte: each date column holds the
 * first event of its kind, events.csv holds every other event in date
 * order (a household's copy of a child's event once, as the child's), and
 * status is the record's status now.
 */
#ifndef RAA_SERVICE_EXPORT_H
#define RAA_SERVICE_EXPORT_H

#include <jansson.h>
#include <stdio.h>

#include "service/migration.h"
#include "service/snapshot.h"

/* FMT_XLSX is only for `raa 903 validate` and `raa report` (a workbook
 * written to a file), FMT_HTML and FMT_PDF only for `raa report`. */
enum out_format { FMT_TEXT = 0, FMT_CSV, FMT_JSON, FMT_XLSX, FMT_HTML, FMT_PDF };
int out_format_parse(const char *s); /* -1 if unknown */

int export_write(const struct snapshot *snap, enum migration_file f, enum out_format fmt,
		 FILE *out, struct raa_err *err);

/* One record as an object keyed by its migration columns (caller owns). */
json_t *export_child_object(const struct snap_child *c);
json_t *export_adopter_object(const struct snap_adopter *a);

/* The date of the first non-superseded event of `kind` in j, or DAY_NONE;
 * the value of that kind's migration date column. */
raa_day export_column_date(const struct journey *j, int kind);

#endif
