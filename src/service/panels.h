/*
 * panels: the panel adviser's work, shared by the CLI, the API and the
 * pages (docs/panels.md).
 *
 * Inputs arrive as the text people typed (the three adapters validate
 * identically here); refusals name the field first ("role: value 'x':
 * expected ..."), which the API returns as the error's field. Panels and
 * members are regional; agenda items are read in the caller's scope.
 * Every write takes its own store transaction.
 */
#ifndef RAA_SERVICE_PANELS_H
#define RAA_SERVICE_PANELS_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/workdays.h"
#include "domain/clocks.h"
#include "store/store.h"

struct panels_member_in {
	const char *name;
	const char *role;       /* panel_role_parse: "independent,chair" */
	const char *qualified;  /* YYYY-MM-DD, social workers only */
	const char *years;      /* or whole years of post-qualifying experience on today */
};
int panels_member_add(struct store *s, const struct panels_member_in *in, raa_day today,
		      int64_t *id_out, struct raa_err *err);
int panels_member_set_active(struct store *s, int64_t id, bool active, struct raa_err *err);
/* Changes the fields given (NULL: unchanged); see docs/panels.md. */
int panels_member_update(struct store *s, int64_t id, const struct panels_member_in *in,
			 raa_day today, struct raa_err *err);
/* [{"id","name","role","seat","chair","qualified","active"}] */
json_t *panels_members_json(struct store *s, struct raa_err *err);
/* One member as in that list; NULL with RAA_ENOTFOUND naming `member`. */
json_t *panels_member_json(struct store *s, int64_t id, struct raa_err *err);

int panels_add(struct store *s, const char *date, const char *name, const char *location,
	       int64_t *id_out, struct raa_err *err);
/* Every panel, by date: [{"id","date","name","location","items","attended"}];
 * items counts those the caller may see. */
json_t *panels_list_json(struct store *s, const struct store_scope *sc, struct raa_err *err);

/* Records that these members sat (each must exist and be active). */
int panels_attend(struct store *s, int64_t panel, const int64_t *members, size_t n,
		  struct raa_err *err);
/* Removes members from a panel's attendance; refused once any of the
 * panel's items has a recommendation. */
int panels_unattend(struct store *s, int64_t panel, const int64_t *members, size_t n,
		    struct raa_err *err);

struct panels_item_in {
	const char *kind;            /* approval, match, should_be_placed */
	const char *adopter;
	const char *const *children;
	size_t nchildren;
	const char *papers;          /* titles separated by ';' or new lines */
};
/* The most children one item names (a sibling group placed together). */
#define PANELS_CHILDREN_MAX 16
/* Splits a typed list of child ids ("C1, C2" or "C1 C2") in place into
 * out (PANELS_CHILDREN_MAX entries); refused naming `child` when longer. */
int panels_split_ids(char *list, const char **out, size_t *n, struct raa_err *err);
/* Every record named must exist in the caller's scope. */
int panels_item_add(struct store *s, const struct store_scope *sc, int64_t panel,
		    const struct panels_item_in *in, int64_t *id_out, struct raa_err *err);

/* Records the recommendation ("yes"/"no", reasons required) and its
 * journey events in one transaction. Refused (RAA_ECONFLICT) when the
 * panel was not quorate, saying what was missing, or when the item has a
 * recommendation already. */
int panels_recommend(struct store *s, const struct store_scope *sc, int64_t item,
		     const char *recommendation, const char *reasons, raa_day today,
		     struct raa_err *err);

/* Replaces an item's papers; refused once it has a recommendation. */
int panels_item_set_papers(struct store *s, const struct store_scope *sc, int64_t item,
			   const char *papers, struct raa_err *err);
/* Removes an item from its panel's agenda; refused once it has a
 * recommendation. */
int panels_item_remove(struct store *s, const struct store_scope *sc, int64_t item,
		       struct raa_err *err);

int panels_minutes(struct store *s, int64_t panel, const char *text, struct raa_err *err);

/* One panel as the pages, the API, `raa panel show` and the pack read it:
 * {"id","date","name","location","minutes","attendance":[member...],
 *  "quorum":{"met","present","chair","social_worker","missing"},
 *  "items":[{"id","kind","label","adopter","children","papers",
 *            "recommendation","reasons","recommended_by","recommended_at",
 *            "adm":{"due","decided","overdue_days","status"}}]}
 * adm is null until a recommendation exists; status is "decided", "due"
 * or "overdue". adm_after is the adm_after_panel clock's duration. */
json_t *panels_show_json(struct store *s, const struct store_scope *sc, int64_t panel,
			 const struct clock_duration *adm_after, const struct workcal *cal,
			 raa_day today, struct raa_err *err);

/* The panel pack: agenda and papers per item, a whole printable HTML
 * document (GOV.UK classes, no inline style). */
void panels_pack_html(const json_t *panel, struct buf *out);

/* The field a refusal names ("role" for "role: value ..."), or NULL. */
const char *panels_err_field(const struct raa_err *err, char *out, size_t outsz);

#endif
