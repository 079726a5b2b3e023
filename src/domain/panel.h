/*
 * panel: the rules of an adoption panel (docs/panels.md), pure.
 *
 * Members fill one seat (social worker, medical adviser, independent
 * member, other) and may also chair or vice-chair: "independent,chair" is
 * one member. A panel is quorate with at least five members present,
 * among them the chair or a vice chair and a social worker with three
 * years' post-qualifying experience on the panel's date. An agenda item
 * is an approval (household), a match (a child's unit and a household)
 * or 'should be placed' (a relinquished child); after the panel's
 * recommendation the ADM has N working days to decide.
 */
#ifndef RAA_DOMAIN_PANEL_H
#define RAA_DOMAIN_PANEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "domain/clocks.h"
#include "domain/records.h"

enum panel_seat {
	PANEL_SEAT_SOCIAL_WORKER = 0, PANEL_SEAT_MEDICAL_ADVISER, PANEL_SEAT_INDEPENDENT,
	PANEL_SEAT_OTHER, PANEL_SEAT_COUNT
};
enum panel_chair { PANEL_CHAIR_NONE = 0, PANEL_CHAIR_CHAIR, PANEL_CHAIR_VICE };

#define PANEL_QUORUM 5         /* members present, at least */
#define PANEL_SW_PQE_YEARS 3   /* the panel's social worker's post-qualifying years */
#define PANEL_ROLE_MAX 40      /* "medical_adviser,vice_chair" + NUL, with room */

struct panel_member {
	long long id;
	const char *name;
	int seat;            /* enum panel_seat */
	int chair;           /* enum panel_chair */
	raa_day qualified;   /* social workers: date of qualification, DAY_NONE if unknown */
	bool active;
};

const char *panel_seat_name(int seat);
int panel_seat_parse(const char *s);          /* -1 if unknown */
const char *panel_chair_name(int chair);      /* NULL for none */
int panel_chair_parse(const char *s);         /* NULL/"" -> none, -1 if unknown */

/* A role as people write it: one of chair, vice_chair, social_worker,
 * medical_adviser, independent, other, or a seat and a chair joined by a
 * comma ("independent,chair"). A chair alone sits in the seat `other`. */
int panel_role_parse(const char *s, int *seat, int *chair, struct raa_err *err);
/* Back to that form: "independent,chair", "social_worker". */
void panel_role_format(int seat, int chair, char out[PANEL_ROLE_MAX]);

/* True if m is a social worker who on `date` has PANEL_SW_PQE_YEARS whole
 * years since qualifying (a 29 February qualification completes its year
 * on 28 February, as birthdays do in date_whole_years). */
bool panel_sw_qualifies(const struct panel_member *m, raa_day date);

struct panel_quorum {
	int present;
	bool chair;          /* the chair or a vice chair sat */
	bool social_worker;  /* a qualifying social worker sat */
	bool met;
};

/* The quorum of the members present at a panel on `date`. */
void panel_quorum(const struct panel_member *const *present, size_t n, raa_day date,
		  struct panel_quorum *q);
/* What is missing, for a refusal: "4 members present, at least 5 needed;
 * no chair or vice chair". Empty when met. */
void panel_quorum_explain(const struct panel_quorum *q, struct buf *out);

enum panel_item_kind {
	PANEL_ITEM_APPROVAL = 0, PANEL_ITEM_MATCH, PANEL_ITEM_SHOULD_BE_PLACED, PANEL_ITEM_COUNT
};
const char *panel_item_kind_name(int kind);
int panel_item_kind_parse(const char *s);     /* -1 if unknown */
/* A readable label: "Adopter approval", "Match", "Should be placed". */
const char *panel_item_kind_label(int kind);

/* The shape an item must have: approval names a household and no child,
 * match a household and one or more children, should_be_placed one child
 * and no household. */
int panel_item_check(int kind, const char *adopter, size_t nchildren, struct raa_err *err);

/* The journey event a recommendation writes, EV_NONE for none
 * (should_be_placed: the LA ADM records the decision itself). */
int panel_item_event(int kind);
/* The event detail the linking workflow reads:
 * "recommendation=yes; reasons=TEXT". */
void panel_event_detail(bool yes, const char *reasons, struct buf *out);

/* True if an event of kind `ev` on one of the item's records is the ADM's
 * decision the item waits for (approved/not_approved on the household;
 * match_decision or link_ended on a child; should_be_placed). */
bool panel_decision_answers(int kind, int ev, enum record_type on);

struct panel_adm {
	raa_day due;        /* the panel's date + N working days */
	raa_day decided;    /* the decision's date, DAY_NONE while none */
	int overdue_days;   /* calendar days after due on `today` while undecided */
};

/* The ADM decision clock of one item: due `d` after the panel's date (the
 * adm_after_panel clock's setting; cal NULL: bank holidays only). events
 * (any order) are those of the item's records; a decision counts from the
 * panel's date on. */
void panel_adm_clock(int kind, raa_day panel_date, const struct clock_duration *d,
		     const struct workcal *cal,
		     const struct event_rec *const *events, size_t n, raa_day today,
		     struct panel_adm *out);

#endif
