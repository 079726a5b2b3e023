/*
 * match: the matching engine of matching.md, pure (no I/O).
 *
 * Children and households come in with their journeys; a pool comes out:
 * the units (a child, or the waiting members of a sibling group), the early
 * family finding units (tracking children with an early referral, shown
 * apart), and the households that are approved, on hold or linked. On it:
 * the hard constraints (every failing code of a pair), the explainable
 * score (reasons whose points add up to it), the lists for one unit or one
 * household, and the exact pool-wide proposal (assign.h). Weights are
 * settings; the caller reads them and hands them in.
 */
#ifndef RAA_DOMAIN_MATCH_H
#define RAA_DOMAIN_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/journey.h"
#include "domain/records.h"

/* Hard constraints, in matching.md's order; a failing pair has a bitmask
 * of (1 << code). */
enum match_code {
	MC_NOT_AVAILABLE = 0, MC_AGE_RANGE, MC_MAX_CHILDREN, MC_DISABILITY, MC_HEALTH,
	MC_DEVELOPMENT, MC_BEHAVIOUR, MC_CONTACT, MC_BIRTH_FAMILY_AREA, MC_COUNT
};
const char *match_code_name(int code);

/* Score factors, in the order reasons are listed. */
enum match_factor {
	MF_NEEDS_HEADROOM = 0, MF_IDENTITY_HERITAGE, MF_EARLY_PERMANENCE, MF_CHILD_WAITING,
	MF_HOUSEHOLD_WAITING, MF_COUNT
};
const char *match_factor_name(int f);

/* Weights, each a setting "match.<key>" (docs/matching.md). */
struct match_weights {
	double factor[MF_COUNT];  /* match.weight.<factor> */
	double priority_htp;      /* match.priority.harder_to_place: per reason */
	double priority_waiting;  /* match.priority.waiting: per year waited */
	double ep_max_age_months; /* match.early_permanence.max_age_months */
};

struct match_setting {
	const char *key;  /* the store's settings key */
	const char *what; /* one line for docs and `raa match weights` */
	double dflt, min, max;
};
extern const struct match_setting MATCH_SETTINGS[];
extern const size_t MATCH_SETTING_COUNT;

void match_weights_default(struct match_weights *w);
/* Sets the weight named by a MATCH_SETTINGS key from its text value.
 * RAA_ENOTFOUND for an unknown key, RAA_EINVAL (naming key, value and the
 * range expected) for a bad value. */
int match_weights_set(struct match_weights *w, const char *key, const char *value,
		      struct raa_err *err);
/* The value of a key in w (for showing the weights in use). */
double match_weights_get(const struct match_weights *w, size_t setting);

/* Inputs: a record and its journey. Children are given in natural id
 * order (as the snapshot holds them). */
struct match_child_in {
	const struct child_rec *rec;
	const struct journey *j;
};
struct match_household_in {
	const struct adopter_rec *rec;
	const struct journey *j;
};

struct match_unit {
	const struct child_rec **kids; /* natural id order */
	int n;
	bool early;              /* tracking with early_referral: never proposed */
	int min_age, max_age;    /* whole months on the date, over kids of known dob; -1 none */
	int8_t need[NEED_DIMS];  /* highest level; unknown counts as none */
	int8_t contact;          /* highest planned contact; unknown counts as none */
	raa_day since;           /* earliest should_be_placed (early: early_referral), DAY_NONE */
	unsigned htp;            /* union of harder-to-place reasons (htp.h) */
	int priority;            /* hundredths: 100 = 1.00 */
	bool ep_suitable;        /* every child suitable for early permanence and young enough */
};

struct match_household {
	const struct adopter_rec *rec;
	int status;              /* on the date: approved, on_hold or linked */
	bool open_link;
	bool available;          /* approved with no open link */
	raa_day approved;        /* latest approved on or before the date, DAY_NONE */
};

struct match_pool {
	raa_day on;
	struct match_weights w;
	struct match_unit *units;    /* waiting units, highest priority first */
	size_t nunits;
	struct match_unit *early;    /* early family finding units, same order */
	size_t nearly;
	struct match_household *hh;  /* approved, on_hold, linked; natural id order */
	size_t nhh;
	struct arena arena;
};

void match_pool_build(struct match_pool *p, const struct match_child_in *c, size_t nc,
		      const struct match_household_in *h, size_t nh, raa_day on,
		      const struct match_weights *w);
void match_pool_free(struct match_pool *p);

/* The unit (waiting or early) a child belongs to, or NULL when the child is
 * in neither pool. */
const struct match_unit *match_pool_unit_of(const struct match_pool *p, const char *child_id);
const struct match_household *match_pool_household(const struct match_pool *p, const char *id);

/* Household status on `on` and whether it has an open link (from linked
 * until link_ended, withdrawn or deregistered, or a later approval). */
bool match_open_link(const struct journey *j, raa_day on);

/* Bitmask of failing codes (1 << MC_*), 0 when the pair is feasible. */
unsigned match_check(const struct match_pool *p, const struct match_unit *u,
		     const struct match_household *h);

#define MATCH_TEXT_MAX 200
struct match_reason {
	int factor;
	int points; /* tenths of a point */
	char text[MATCH_TEXT_MAX];
};

/* The score in tenths of a point: the sum of the reasons' points, each
 * rounded to a tenth first. out (may be NULL) receives MF_COUNT reasons. */
int match_score(const struct match_pool *p, const struct match_unit *u,
		const struct match_household *h, struct match_reason *out);

/* One entry of a list for a unit (households) or for a household (units). */
struct match_entry {
	size_t idx;     /* into p->hh, or into p->units / p->early */
	bool early;     /* (household lists) idx is into p->early */
	int priority;   /* (household lists) the unit's priority */
	int score;      /* tenths; feasible entries only */
	unsigned fails; /* 0 for candidates */
};
struct match_list {
	struct match_entry *cand; /* feasible, best first */
	size_t ncand;
	struct match_entry *excl; /* failing, in order */
	size_t nexcl;
};

/* Every considered household for unit u: candidates by score, highest
 * first (ties: adopter id natural order); excluded in id order. */
void match_for_unit(const struct match_pool *p, const struct match_unit *u, struct match_list *out);
/* Every waiting unit for household h: candidates highest priority first
 * (then score, then first child id); excluded in the same order. Early
 * family finding units are in early_cand (feasible only). */
void match_for_household(const struct match_pool *p, const struct match_household *h,
			 struct match_list *out, struct match_list *early);
void match_list_free(struct match_list *l);

/* The pool-wide proposal. */
struct match_proposal {
	size_t unit;     /* into p->units */
	size_t hh;       /* into p->hh */
	int score;       /* tenths */
};
struct match_result {
	struct match_proposal *prop; /* in unit (priority) order */
	size_t nprop;
	size_t *unplaced;            /* units with no proposal, priority order */
	size_t nunplaced;
	int children_placed;
	int64_t weighted;            /* sum of priority-weighted scores (score x priority) */
	size_t edges;                /* feasible pairs considered */
};

/* Exact: most children placed, then greatest total priority-weighted score. */
void match_pool_propose(const struct match_pool *p, struct match_result *r);
/* Greedy first-come, for comparison only: units in order of waiting
 * (earliest 'should be placed' first), each taking its best free household. */
void match_pool_greedy(const struct match_pool *p, struct match_result *r);
void match_result_free(struct match_result *r);

#endif
