/*
 * settings: the configurable parts of the rules, read from the store.
 * Clock durations are settings "clock.<name>" (e.g. clock.stage1 = 2m);
 * unset ones take journeys.md's defaults. Local closures extend the bank
 * holidays for working-day clocks.
 */
#ifndef RAA_SERVICE_SETTINGS_H
#define RAA_SERVICE_SETTINGS_H

#include "core/workdays.h"
#include "domain/clocks.h"
#include "store/store.h"

int settings_load_clocks(struct store *s, struct clock_settings *out, struct raa_err *err);
/* Caller frees with workcal_free. NULL on failure. */
struct workcal *settings_load_workcal(struct store *s, struct raa_err *err);

#endif
