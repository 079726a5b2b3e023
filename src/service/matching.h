/*
 * matching: the matching pool of a store, for every adapter.
 *
 * `raa match` and the matching pages both need the same thing: every
 * record of the region with its journey, the weights from the settings,
 * the pool built on a date, and the contract's JSON shapes
 * (docs/matching.md). The pure engine is domain/match.h; this is the I/O
 * and the shaping around it, so the CLI and the web never differ.
 */
#ifndef RAA_SERVICE_MATCHING_H
#define RAA_SERVICE_MATCHING_H

#include "core/json.h"

#include "domain/match.h"
#include "service/snapshot.h"

struct matching {
	struct snapshot snap;
	struct match_child_in *cin;
	struct match_household_in *hin;
	struct match_pool pool;
};

/* Weights from the store's settings; unset keys keep their defaults. */
int matching_load_weights(struct store *s, struct match_weights *w, struct raa_err *err);
/* Loads the snapshot of scope sc and builds the pool on `on`. The pool is
 * region-wide only when sc is (SCOPE_SYSTEM or SCOPE_REGION). Negative
 * RAA_E* with err set on failure (nothing to close then). */
int matching_open(struct store *s, const struct store_scope *sc, raa_day on, struct matching *m,
		  struct raa_err *err);
void matching_close(struct matching *m);

/* The contract's JSON (docs/matching.md); top < 0 keeps every candidate. */
json_t *matching_unit_ids(const struct match_unit *u);
json_t *matching_codes_json(unsigned fails);
json_t *matching_reasons_json(const struct match_pool *p, const struct match_unit *u,
			      const struct match_household *h);
json_t *matching_child_json(const struct match_pool *p, const char *child,
			    const struct match_unit *u, long top);
json_t *matching_adopter_json(const struct match_pool *p, const struct match_household *h,
			      long top);
json_t *matching_pool_json(const struct match_pool *p, const struct match_result *r, long top);

/* Why nobody fits: per constraint code, how many of the considered
 * households fail it for unit u (a household failing several counts under
 * each; the counts of `raa match child`'s excluded codes), and *nexcluded
 * (may be NULL) the households failing any. Returns the code failing most
 * households, not_available only when nothing else fails (an on-hold or
 * linked household says nothing about the unit), -1 when none fails. */
int matching_exclusions(const struct match_pool *p, const struct match_unit *u,
			size_t counts[MC_COUNT], size_t *nexcluded);

#endif
