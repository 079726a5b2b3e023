/*
 * s903 import: a validated SSDA903 return into one partner's child
 * journeys (issue #4, docs/ssda903-import.md).
 *
 * Children are matched by the LA's child id (CHILD = la_child_id of that
 * partner); new ones get the next free "C<n>". Episodes, AD1 and
 * PlacedAdoption become journey events; an event of the same kind and date
 * already on the journey is not added again, so re-importing a return, or
 * importing next year's, adds only what is new. The whole import is one
 * store transaction.
 */
#ifndef RAA_SSDA903_IMPORT_H
#define RAA_SSDA903_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/mem.h"
#include "domain/records.h"
#include "ssda903/s903_rules.h"
#include "store/store.h"

struct s903_import_opts {
	const char *partner;  /* LA code: every child imported is this partner's */
	bool accept_errors;   /* import the children without errors */
	raa_day today;        /* events after today are refused (journey_check) */
};

/* A child of the return not imported, and why (rule codes or a reason). */
struct s903_left_out {
	const char *child; /* CHILD */
	const char *why;
};

/* An event the journey rules refused (journey_check's message). */
struct s903_refused {
	const char *child;  /* CHILD */
	const char *record; /* raa id */
	int kind;
	raa_day date;
	const char *why;
};

struct s903_import_result {
	struct arena arena;      /* every string below */
	size_t children;         /* distinct CHILD values of Header */
	size_t created, matched; /* new raa children; children raa already had */
	size_t added[EV_COUNT];  /* events added, by kind */
	size_t added_total;
	size_t existing;         /* events the journey already had */
	size_t error_children;   /* children with at least one validation error */
	struct s903_left_out *left_out;
	size_t nleft_out, cap_left;
	struct s903_refused *refused;
	size_t nrefused, cap_refused;
	const char **notes;      /* differences kept as raa has them */
	size_t nnotes, cap_notes;
};

void s903_import_result_init(struct s903_import_result *res);
void s903_import_result_free(struct s903_import_result *res);

/* Imports r (already validated into rep) for o->partner. A return with
 * errors is refused (RAA_EINVAL, nothing written) unless o->accept_errors;
 * then every child with an error is left out and listed. 0 when imported;
 * negative on a store failure (rolled back, nothing written). */
int s903_import(struct store *s, const struct store_scope *sc, const struct s903_return *r,
		const struct s903_report *rep, const struct s903_import_opts *o,
		struct s903_import_result *res, struct raa_err *err);

/* The result as a JSON object (the CLI's --format json, the web page). */
json_t *s903_import_result_json(const struct s903_import_result *res);

#endif
