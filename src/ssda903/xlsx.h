/*
 * xlsx: the SSDA903 validation report as an XLSX workbook (libxlsxwriter),
 * for analysts who filter errors in a spreadsheet: sheet "Summary" (rule,
 * message, count per rule with errors) and sheet "Errors" (rule, table,
 * row, child, fields, message per error), each with a bold, frozen,
 * filterable header row.
 */
#ifndef RAA_SSDA903_XLSX_H
#define RAA_SSDA903_XLSX_H

#include "core/buf.h"
#include "ssda903/s903_rules.h"

/* The error's affected fields that are columns of its table, ';'-joined
 * (the rule's list spans all its tables), into b (reset first). */
void s903_error_fields_text(struct buf *b, const struct s903_error *e);

/* The CSV report of `raa 903 validate --format csv` into out (appended):
 * kind "error" rows, then one "summary" row per rule with its count. */
void s903_report_csv(struct buf *out, const struct s903_report *rep);

/* Writes rep as an XLSX workbook at path (replaced). */
int s903_xlsx_write(const struct s903_report *rep, const char *path, struct raa_err *err);

#endif
