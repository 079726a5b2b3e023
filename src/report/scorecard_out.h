/*
 * scorecard_out: the scorecard's renderers shared by `raa scorecard` and
 * the reports, so a report's figures are printed exactly as the command
 * prints them (scorecard.md's JSON shape, docs/scorecard.md's CSV rows).
 */
#ifndef RAA_REPORT_SCORECARD_OUT_H
#define RAA_REPORT_SCORECARD_OUT_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"
#include "domain/scorecard.h"
#include "service/snapshot.h"

/* The scorecard index of every child and household of a snapshot. */
struct sc_index *scout_index(const struct snapshot *snap);

/* The indicators, in the contract's key order, added to obj. */
void scout_json_indicators(json_t *obj, const struct scorecard *sc);
/* {"scope","from","to",indicators...}: scorecard.md's shape. */
json_t *scout_json(const struct scorecard *sc, const char *scope);

/* One value as text: "351", "76.3%", or "-" for null. */
void scout_fmt_value(char *out, size_t sz, const struct scorecard *sc, int i,
		     enum sc_field_kind f);
/* The indicator's value in words: "351 days (n 80)", "61 of 80 (76.3%)". */
void scout_fmt_indicator(char *out, size_t sz, const struct scorecard *sc, int i);

/* CSV: `scope,from,to,indicator,name,days,count,n,pct,over_18_months` and
 * one row per indicator, a missing field or a null left blank. */
void scout_csv_header(struct buf *b);
void scout_csv_rows(struct buf *b, const struct scorecard *sc, const char *scope);

#endif
