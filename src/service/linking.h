/*
 * linking: the family finder's link workflow (docs/linking.md), shared by
 * the CLI, the API and the pages.
 *
 * A link joins a child's unit (the child and its waiting siblings) to one
 * household: propose (`linked` on every child, mirrored on the household),
 * matching panel recommendation (`matching_panel`), the ADM's decision
 * (`match_decision`, or `link_ended` for a no), `placed`; a family finder
 * may end a link before the decision (`link_ended`). Links are not stored:
 * they are derived from those events. A link's id is "L" and the id of the
 * `linked` event on the unit's first child (natural id order), e.g. "L812".
 *
 * Inputs arrive as the text people typed, so the three adapters validate
 * identically; refusals name the field first ("adopter: value 'A7': ...").
 * Every action is one store transaction: all children of a unit or none.
 * The caller's scope decides what it may see (an LA's link is out of
 * another LA's reach: RAA_ENOTFOUND); the events themselves are written in
 * the region's scope under the caller's name, because the household's
 * mirror may live outside the LA's area.
 */
#ifndef RAA_SERVICE_LINKING_H
#define RAA_SERVICE_LINKING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/workdays.h"
#include "domain/clocks.h"
#include "service/snapshot.h"
#include "store/store.h"

#define LINK_ID_MAX 24

enum link_stage {
	LINK_PROPOSED = 0, /* waiting for the matching panel */
	LINK_RECOMMENDED,  /* panel recommended: waiting for the ADM */
	LINK_MATCHED,      /* ADM decided yes: waiting for placement */
	LINK_PLACED,
	LINK_ENDED,
	LINK_STAGES
};

struct link {
	int64_t id;                          /* the first child's `linked` event */
	const char *adopter;
	const char *partner;                 /* the children's LA */
	const struct snap_child **children;  /* natural id order */
	size_t nchildren;
	const struct event_rec *linked;      /* on the first child */
	const struct event_rec *panel;       /* latest matching_panel, or NULL */
	const struct event_rec *decision;    /* match_decision, or NULL */
	const struct event_rec *ended;       /* link_ended, or the event that closed it */
	const struct event_rec *placed;
	int stage;                           /* enum link_stage */
};

struct link_list {
	struct link *v;
	size_t n;
	struct arena arena;
};

/* Every link of the snapshot's children, newest first. */
void linking_derive(const struct snapshot *snap, struct link_list *out);
void linking_list_free(struct link_list *l);
const struct link *linking_find(const struct link_list *l, int64_t id);
/* The open link (not placed, not ended) naming this household, or NULL. */
const struct link *linking_open_for(const struct link_list *l, const char *adopter);

/* "L812" (or "812") -> 812; RAA_EINVAL naming `link` otherwise. */
int linking_id_parse(const char *s, int64_t *id, struct raa_err *err);
void linking_id_format(int64_t id, char out[LINK_ID_MAX]);
const char *linking_stage_name(int stage);
bool linking_is_open(const struct link *l);
/* The panel recommendation: 1 yes, 0 no, -1 none. */
int linking_recommendation(const struct link *l);

/* What the ADM-decision clock needs (adm_after_panel). */
struct link_clock {
	struct clock_duration adm;
	const struct workcal *cal;  /* NULL: bank holidays only */
	raa_day today;
};

/* {"link","stage","open","children","partner","adopter","adopter_name",
 *  "linked","panel_date","recommendation","panel_reasons","decided",
 *  "ended","end_reason","placed","adm_due","adm_overdue_days"} and, with
 * events, "events": the link's timeline. Never a household's address. */
json_t *linking_json(const struct link *l, const struct snapshot *snap,
		     const struct link_clock *ck, bool with_events);

/* The inputs of every action, as typed. */
struct linking_in {
	const char *link;     /* the link acted on ("L812") */
	const char *child;    /* propose: any child of the unit */
	const char *adopter;  /* propose: the household */
	const char *answer;   /* panel: recommendation, decide: decision: yes/no */
	const char *reasons;  /* panel/decide: why; end: the reason (required) */
	const char *date;     /* YYYY-MM-DD; NULL or "" for today */
};

/* Each returns 0 and, for propose, the new link's id in *link_out. */
int linking_propose(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		    raa_day today, int64_t *link_out, struct raa_err *err);
int linking_panel(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		  raa_day today, struct raa_err *err);
int linking_decide(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		   raa_day today, struct raa_err *err);
int linking_end(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		raa_day today, struct raa_err *err);
int linking_place(struct store *s, const struct store_scope *sc, const struct linking_in *in,
		  raa_day today, struct raa_err *err);

/* Loads the caller's links (scope sc): the snapshot, the links and the
 * clock settings; one_link 0 for all. Free with linking_view_close. */
struct linking_view {
	struct snapshot snap;
	struct link_list links;
	struct link_clock clock;
	struct workcal *cal;
};
int linking_view_open(struct store *s, const struct store_scope *sc, raa_day today,
		      struct linking_view *v, struct raa_err *err);
void linking_view_close(struct linking_view *v);
/* The links of the view as a JSON array; open_only / partner (NULL: any)
 * filter. */
json_t *linking_list_json(const struct linking_view *v, bool open_only, const char *partner);

/* Early permanence: {"on","units":[{"unit","partner","status","suitable",
 * "early_referral","age_months"}],"households":[{"adopter","name",
 * "partner","approved","min_age_months","max_age_months","max_children"}]}:
 * the units of children tracking with an early referral, or waiting and
 * marked suitable, beside the available households approved for early
 * permanence. */
json_t *linking_early_permanence(const struct snapshot *snap, raa_day on);

#endif
