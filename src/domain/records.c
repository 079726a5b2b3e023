/*
 * records: the name tables of the CSV, JSON and CLI contracts.
 *
 * Every word a user types or reads for a code (need level, status, event
 * kind...) is spelled once, here. Parsers are exact: the contracts use
 * lower-case words, and what raa exports it must import unchanged.
 */
#include "domain/records.h"

#include <ctype.h>
#include <string.h>

#include "core/str.h"

static const char *const NEED_LEVEL_NAMES[] = { "none", "low", "medium", "high" };
static const char *const NEED_DIM_NAMES[] = { "disability", "health", "development",
					      "behaviour" };
static const char *const CONTACT_NAMES[] = { "none", "letterbox", "direct" };

static const char *const CHILD_STATUS_NAMES[CS_COUNT] = {
	[CS_TRACKING] = "tracking",   [CS_WAITING] = "waiting",
	[CS_LINKED] = "linked",       [CS_MATCHED] = "matched",
	[CS_PLACED] = "placed",       [CS_ADOPTED] = "adopted",
	[CS_PLAN_CHANGED] = "plan_changed", [CS_LEFT] = "left",
};

static const char *const ADOPTER_STATUS_NAMES[AS_COUNT] = {
	[AS_ENQUIRY] = "enquiry",   [AS_STAGE1] = "stage1",   [AS_STAGE2] = "stage2",
	[AS_APPROVED] = "approved", [AS_ON_HOLD] = "on_hold", [AS_LINKED] = "linked",
	[AS_MATCHED] = "matched",   [AS_PLACED] = "placed",   [AS_ADOPTED] = "adopted",
	[AS_WITHDRAWN] = "withdrawn",
};

static const char *const EVENT_KIND_NAMES[EV_COUNT] = {
	[EV_ENTERED_CARE] = "entered_care",
	[EV_EARLY_REFERRAL] = "early_referral",
	[EV_SHOULD_BE_PLACED] = "should_be_placed",
	[EV_PLACEMENT_ORDER] = "placement_order",
	[EV_REGISTER_REFERRAL] = "register_referral",
	[EV_FAMILY_FINDER_ALLOCATED] = "family_finder_allocated",
	[EV_LINKED] = "linked",
	[EV_LINK_ENDED] = "link_ended",
	[EV_MATCHING_PANEL] = "matching_panel",
	[EV_MATCH_DECISION] = "match_decision",
	[EV_FOSTERED_BY_ADOPTERS] = "fostered_by_adopters",
	[EV_PLACED] = "placed",
	[EV_ADOPTION_ORDER] = "adoption_order",
	[EV_PLAN_CHANGED] = "plan_changed",
	[EV_DISRUPTION] = "disruption",
	[EV_LEFT_CARE] = "left_care",
	[EV_ENQUIRY] = "enquiry",
	[EV_INFORMATION_EVENT] = "information_event",
	[EV_ROI] = "roi",
	[EV_STAGE1_DECISION] = "stage1_decision",
	[EV_STAGE2_NOTICE] = "stage2_notice",
	[EV_CHECK_REQUESTED] = "check_requested",
	[EV_CHECK_RECEIVED] = "check_received",
	[EV_PAR_COMPLETE] = "par_complete",
	[EV_APPROVAL_PANEL] = "approval_panel",
	[EV_APPROVED] = "approved",
	[EV_NOT_APPROVED] = "not_approved",
	[EV_REVIEW] = "review",
	[EV_ON_HOLD] = "on_hold",
	[EV_OFF_HOLD] = "off_hold",
	[EV_WITHDRAWN] = "withdrawn",
	[EV_DEREGISTERED] = "deregistered",
};

const char *const ETHNICITY_CODES[] = {
	"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
	"APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
	NULL,
};

/* Index of s in names[0..n), or -1. */
static int lookup(const char *const *names, int n, const char *s)
{
	if (!s)
		return -1;
	/* Bulk loads parse every event's kind: comparing the first letter
	 * first skips most of the strcmp calls. */
	for (int i = 0; i < n; i++)
		if (names[i] && names[i][0] == s[0] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* names[i], or "" outside the table (so a bad code never prints "(null)"). */
static const char *name_at(const char *const *names, int n, int i)
{
	return (i >= 0 && i < n && names[i]) ? names[i] : "";
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

const char *need_level_name(int level)
{
	return name_at(NEED_LEVEL_NAMES, COUNT(NEED_LEVEL_NAMES), level);
}

int need_level_parse(const char *s)
{
	if (str_empty(s))
		return NEED_UNKNOWN;
	int i = lookup(NEED_LEVEL_NAMES, COUNT(NEED_LEVEL_NAMES), s);
	return i < 0 ? -2 : i;
}

const char *need_dim_name(int dim)
{
	return name_at(NEED_DIM_NAMES, COUNT(NEED_DIM_NAMES), dim);
}

const char *contact_level_name(int level)
{
	return name_at(CONTACT_NAMES, COUNT(CONTACT_NAMES), level);
}

int contact_level_parse(const char *s)
{
	if (str_empty(s))
		return CONTACT_UNKNOWN;
	int i = lookup(CONTACT_NAMES, COUNT(CONTACT_NAMES), s);
	return i < 0 ? -2 : i;
}

const char *child_status_name(int status)
{
	return name_at(CHILD_STATUS_NAMES, CS_COUNT, status);
}

int child_status_parse(const char *s)
{
	int i = lookup(CHILD_STATUS_NAMES, CS_COUNT, s);
	return i < 0 ? CS_NONE : i;
}

const char *adopter_status_name(int status)
{
	return name_at(ADOPTER_STATUS_NAMES, AS_COUNT, status);
}

int adopter_status_parse(const char *s)
{
	int i = lookup(ADOPTER_STATUS_NAMES, AS_COUNT, s);
	return i < 0 ? AS_NONE : i;
}

const char *event_kind_name(int kind)
{
	return name_at(EVENT_KIND_NAMES, EV_COUNT, kind);
}

int event_kind_parse(const char *s)
{
	int i = lookup(EVENT_KIND_NAMES, EV_COUNT, s);
	return i < 0 ? EV_NONE : i;
}

bool event_kind_allowed(int kind, enum record_type type)
{
	if (kind < 0 || kind >= EV_COUNT)
		return false;
	if (type == REC_CHILD)
		return kind <= EV_LEFT_CARE;
	if (kind >= EV_ENQUIRY)
		return true;
	/* Kinds shared with children: the household's copies of a child's
	 * events, and register_referral because a household can be referred to
	 * a wider search too (it stops the 'wider search, adopter' clock). */
	switch (kind) {
	case EV_LINKED:
	case EV_LINK_ENDED:
	case EV_MATCH_DECISION:
	case EV_PLACED:
	case EV_REGISTER_REFERRAL:
		return true;
	default:
		return false;
	}
}

bool event_kind_names_adopter(int kind)
{
	switch (kind) {
	case EV_LINKED:
	case EV_MATCHING_PANEL:
	case EV_MATCH_DECISION:
	case EV_FOSTERED_BY_ADOPTERS:
	case EV_PLACED:
		return true;
	default:
		return false;
	}
}

bool event_kind_mirrors(int kind)
{
	return kind == EV_LINKED || kind == EV_MATCH_DECISION || kind == EV_PLACED;
}

bool ethnicity_valid(const char *code)
{
	if (!code)
		return false;
	for (const char *const *p = ETHNICITY_CODES; *p; p++)
		if (strcmp(*p, code) == 0)
			return true;
	return false;
}

bool record_id_valid(const char *s)
{
	if (!s)
		return false;
	size_t n = strlen(s);
	if (n < 1 || n > RECORD_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		/* ASCII only, whatever the locale: ids go into URLs and files. */
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			  (c >= '0' && c <= '9') || c == '_' || c == '-';
		if (!ok)
			return false;
	}
	return true;
}

/* Next character of a postcode district that counts (not a space),
 * upper-cased; 0 at the end. */
static int pc_next(const char **p)
{
	while (**p && isspace((unsigned char)**p))
		(*p)++;
	if (!**p)
		return 0;
	return toupper((unsigned char)*(*p)++);
}

static bool pc_blank(const char *s)
{
	return pc_next(&s) == 0;
}

bool postcode_district_equal(const char *a, const char *b)
{
	if (!a || !b || pc_blank(a) || pc_blank(b))
		return false;
	for (;;) {
		int ca = pc_next(&a), cb = pc_next(&b);
		if (ca != cb)
			return false;
		if (!ca)
			return true;
	}
}

void child_rec_strings(struct child_rec *c, record_str_fn *f, void *ctx)
{
	c->id = f(ctx, c->id);
	c->partner = f(ctx, c->partner);
	c->la_child_id = f(ctx, c->la_child_id);
	c->first_name = f(ctx, c->first_name);
	c->last_name = f(ctx, c->last_name);
	c->ethnicity = f(ctx, c->ethnicity);
	c->sibling_group = f(ctx, c->sibling_group);
	c->birth_postcode_district = f(ctx, c->birth_postcode_district);
}

void adopter_rec_strings(struct adopter_rec *a, record_str_fn *f, void *ctx)
{
	a->id = f(ctx, a->id);
	a->partner = f(ctx, a->partner);
	a->name = f(ctx, a->name);
	a->postcode_district = f(ctx, a->postcode_district);
	a->ethnicity = f(ctx, a->ethnicity);
}
