/*
 * demo: a synthetic, realistic Adopt London South-like region.
 *
 * Pure and deterministic per seed: the generator hands partners, children,
 * households and events (in recording order) to a sink and knows nothing of
 * storage. Ten partner boroughs with their real LA codes, about six years of
 * history ending at `today`, at least 600 children in every status and at
 * least 250 households in every stage, with timings of the seeds' scale.
 */
#ifndef RAA_DOMAIN_DEMO_H
#define RAA_DOMAIN_DEMO_H

#include <stdint.h>

#include "core/err.h"
#include "domain/records.h"

struct demo_sink {
	void *ctx;
	/* Each returns 0 or a negative error with err set; the generator stops
	 * at the first error and returns it. */
	int (*partner)(void *ctx, const struct partner_rec *p, struct raa_err *err);
	int (*child)(void *ctx, const struct child_rec *c, struct raa_err *err);
	int (*adopter)(void *ctx, const struct adopter_rec *a, struct raa_err *err);
	/* Events arrive after the records they belong to; a child's event naming
	 * a household arrives after that household. Mirrors are not generated:
	 * the sink's journal does that as for any other event. */
	int (*event)(void *ctx, const struct event_rec *e, struct raa_err *err);
};

struct demo_stats {
	int partners, children, adopters, events;
};

int demo_generate(uint64_t seed, raa_day today, const struct demo_sink *sink,
		  struct demo_stats *stats, struct raa_err *err);

#endif
