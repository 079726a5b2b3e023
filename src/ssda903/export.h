/*
 * s903 export: the AD1 and PlacedAdoption tables of a collection year from
 * raa's journeys of one partner's children (issue #4,
 * docs/ssda903-import.md), in the DfE's format: the README's column names,
 * dd/mm/yyyy dates, upper-case codes.
 */
#ifndef RAA_SSDA903_EXPORT_H
#define RAA_SSDA903_EXPORT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "service/snapshot.h"

struct s903_export_result {
	size_t ad1_rows, placed_rows;
	struct buf notes; /* one line per thing an analyst must complete or check */
};

void s903_export_result_init(struct s903_export_result *res);
void s903_export_result_free(struct s903_export_result *res);

/* Writes DIR/AD1.csv and DIR/PlacedAdoption.csv (DIR is created when
 * missing) for partner's children in snap, for the collection year that
 * starts on 1 April of `year` (2025 for 2025/26). */
int s903_export(const struct snapshot *snap, const char *partner, int year, const char *dir,
		struct s903_export_result *res, struct raa_err *err);

#endif
