/*
 * records: the plain structs and code lists of records.md and journeys.md.
 *
 * Children, adopter households, partners and journey events as the domain
 * sees them: no I/O, strings owned by whoever filled the struct (usually an
 * arena). The name tables here are the single place where the words of the
 * CSV, JSON and CLI contracts are spelled.
 */
#ifndef RAA_DOMAIN_RECORDS_H
#define RAA_DOMAIN_RECORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

#define RECORD_ID_MAX 32 /* child_id / adopter_id: [A-Za-z0-9_-]{1,32} */

enum record_type { REC_CHILD = 0, REC_ADOPTER = 1 };

/* Need levels (none < low < medium < high); NEED_UNKNOWN for blank. */
enum need_level { NEED_UNKNOWN = -1, NEED_NONE = 0, NEED_LOW, NEED_MEDIUM, NEED_HIGH };
/* The four needs dimensions, in the CSV's column order. */
enum need_dim { NEED_DISABILITY = 0, NEED_HEALTH, NEED_DEVELOPMENT, NEED_BEHAVIOUR, NEED_DIMS };
/* Contact (none < letterbox < direct); CONTACT_UNKNOWN for blank. */
enum contact_level { CONTACT_UNKNOWN = -1, CONTACT_NONE = 0, CONTACT_LETTERBOX, CONTACT_DIRECT };

enum child_status {
	CS_NONE = -1, /* no status known (no base status and no event) */
	CS_TRACKING = 0, CS_WAITING, CS_LINKED, CS_MATCHED, CS_PLACED,
	CS_ADOPTED, CS_PLAN_CHANGED, CS_LEFT, CS_COUNT
};

enum adopter_status {
	AS_NONE = -1,
	AS_ENQUIRY = 0, AS_STAGE1, AS_STAGE2, AS_APPROVED, AS_ON_HOLD,
	AS_LINKED, AS_MATCHED, AS_PLACED, AS_ADOPTED, AS_WITHDRAWN, AS_COUNT
};

/* Every event kind of journeys.md. Some names (linked, link_ended,
 * match_decision, placed) are kinds of both record types. */
enum event_kind {
	EV_NONE = -1,
	/* child */
	EV_ENTERED_CARE = 0, EV_EARLY_REFERRAL, EV_SHOULD_BE_PLACED,
	EV_PLACEMENT_ORDER, EV_REGISTER_REFERRAL, EV_FAMILY_FINDER_ALLOCATED,
	EV_LINKED, EV_LINK_ENDED, EV_MATCHING_PANEL, EV_MATCH_DECISION,
	EV_FOSTERED_BY_ADOPTERS, EV_PLACED, EV_ADOPTION_ORDER, EV_PLAN_CHANGED,
	EV_DISRUPTION, EV_LEFT_CARE,
	/* adopter */
	EV_ENQUIRY, EV_INFORMATION_EVENT, EV_ROI, EV_STAGE1_DECISION,
	EV_STAGE2_NOTICE, EV_CHECK_REQUESTED, EV_CHECK_RECEIVED, EV_PAR_COMPLETE,
	EV_APPROVAL_PANEL, EV_APPROVED, EV_NOT_APPROVED, EV_REVIEW, EV_ON_HOLD,
	EV_OFF_HOLD, EV_WITHDRAWN, EV_DEREGISTERED,
	EV_COUNT
};

/* Where an event came from: a date column of the migration files (part of
 * the record's state at migration), an event recorded or imported since,
 * or the household's copy of a child's event that names it. */
enum event_origin { ORIGIN_EVENT = 0, ORIGIN_COLUMN = 1, ORIGIN_MIRROR = 2 };

struct partner_rec {
	const char *code;   /* DfE LA code, e.g. "210" */
	const char *name;
	bool host;
	const char *spoke;  /* NULL when none */
};

struct child_rec {
	const char *id;
	const char *partner;
	const char *la_child_id;
	const char *first_name;
	const char *last_name;
	char sex;                   /* 'M', 'F', 'U', or 0 when blank */
	raa_day dob;                /* DAY_NONE when blank */
	const char *ethnicity;      /* SSDA903 ETHNIC code, NULL when blank */
	const char *sibling_group;  /* NULL when none */
	int8_t needs[NEED_DIMS];    /* enum need_level */
	int8_t contact;             /* enum contact_level */
	const char *birth_postcode_district;
	bool early_permanence;      /* suitable for fostering for adoption */
	int base_status;            /* enum child_status at migration, CS_NONE if none */
	raa_day profile_updated;    /* last profile review, DAY_NONE if never */
};

struct adopter_rec {
	const char *id;
	const char *partner;
	const char *name;
	int applicants;             /* 1 or 2; 0 when blank */
	const char *postcode_district;
	int min_age_months;         /* -1 when blank */
	int max_age_months;         /* -1 when blank */
	int max_children;           /* 1..4; 0 when blank */
	int8_t needs[NEED_DIMS];    /* highest level approved for */
	int8_t contact;
	int early_permanence;       /* 1 yes, 0 no, -1 blank */
	const char *ethnicity;
	int base_status;            /* enum adopter_status, AS_NONE if none */
};

struct event_rec {
	int64_t id;                 /* store sequence: recording order */
	const char *record;         /* child_id or adopter_id */
	enum record_type type;
	int kind;                   /* enum event_kind */
	raa_day date;
	const char *adopter;        /* household named by a child's event */
	const char *detail;
	int origin;                 /* enum event_origin */
	int64_t supersedes;         /* id of the event this corrects, 0 if none */
	int64_t mirror_of;          /* for ORIGIN_MIRROR: the child's event id */
	const char *recorded_by;
	const char *recorded_at;    /* ISO 8601 timestamp */
};

/* Rewrites every string field of a record through f (ctx passed on): the
 * one list of those fields that copying, interning and encoding records
 * use, so that a field added to the struct cannot be missed by one of
 * them. */
typedef const char *record_str_fn(void *ctx, const char *s);
void child_rec_strings(struct child_rec *c, record_str_fn *f, void *ctx);
void adopter_rec_strings(struct adopter_rec *a, record_str_fn *f, void *ctx);

/* Name <-> code. *_parse return -1 (or the NONE value) for unknown names.
 * Names are the lower-case words of the contracts. */
const char *need_level_name(int level);   /* NEED_UNKNOWN -> "" */
int need_level_parse(const char *s);      /* "" -> NEED_UNKNOWN, bad -> -2 */
const char *need_dim_name(int dim);
const char *contact_level_name(int level);
int contact_level_parse(const char *s);   /* "" -> CONTACT_UNKNOWN, bad -> -2 */
const char *child_status_name(int status);
int child_status_parse(const char *s);    /* bad -> CS_NONE */
const char *adopter_status_name(int status);
int adopter_status_parse(const char *s);  /* bad -> AS_NONE */
const char *event_kind_name(int kind);
int event_kind_parse(const char *s);      /* bad -> EV_NONE */
/* True if `kind` is an event kind for that record type. */
bool event_kind_allowed(int kind, enum record_type type);
/* True if a child's event of this kind names a household (events.csv:
 * linked, matching_panel, match_decision, fostered_by_adopters, placed). */
bool event_kind_names_adopter(int kind);
/* True if a child's event of this kind is copied onto the household it
 * names (linked, match_decision, placed: kinds of both record types). */
bool event_kind_mirrors(int kind);

/* SSDA903 ETHNIC codes. */
bool ethnicity_valid(const char *code);
extern const char *const ETHNICITY_CODES[];

/* Record ids: 1..32 of [A-Za-z0-9_-]. */
bool record_id_valid(const char *s);
/* Postcode districts compare upper-cased without spaces ("se1" == "SE 1"). */
bool postcode_district_equal(const char *a, const char *b);

#endif
