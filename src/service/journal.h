/*
 * journal: appending events to journeys, the one way events are written
 * after migration (CLI import, web, demo).
 *
 * Each event is checked against its record's journey (journey_check) and,
 * when a child's event names a household (linked, match_decision, placed),
 * the same event is recorded on the household as a mirror, checked against
 * the household's journey, so the two never disagree (scorecard.md). A
 * household event that duplicates a mirror (same kind and date) records
 * nothing new. Call inside a store transaction: a refused mirror must undo
 * the child's event too.
 */
#ifndef RAA_SERVICE_JOURNAL_H
#define RAA_SERVICE_JOURNAL_H

#include <stdbool.h>

#include "core/err.h"
#include "domain/records.h"
#include "store/store.h"

enum journal_outcome {
	JOURNAL_RECORDED = 0,
	JOURNAL_DUPLICATE_OF_MIRROR = 1, /* nothing new recorded */
};

/* e->record, kind, date, adopter, detail, supersedes are read; type and
 * origin are set here. recorded_by defaults to the scope's actor.
 * *outcome (may be NULL) says what happened; *id_out (may be NULL) the new
 * event's id. */
int journal_append(struct store *s, const struct store_scope *sc, const struct event_rec *e,
		   raa_day today, enum journal_outcome *outcome, int64_t *id_out,
		   struct raa_err *err);

#endif
