/*
 * panel: see panel.h and docs/panels.md.
 */
#include "domain/panel.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"

static const char *const SEAT_NAMES[PANEL_SEAT_COUNT] = {
	[PANEL_SEAT_SOCIAL_WORKER] = "social_worker",
	[PANEL_SEAT_MEDICAL_ADVISER] = "medical_adviser",
	[PANEL_SEAT_INDEPENDENT] = "independent",
	[PANEL_SEAT_OTHER] = "other",
};
static const char *const CHAIR_NAMES[] = { [PANEL_CHAIR_NONE] = NULL,
					   [PANEL_CHAIR_CHAIR] = "chair",
					   [PANEL_CHAIR_VICE] = "vice_chair" };
static const char *const KIND_NAMES[PANEL_ITEM_COUNT] = {
	[PANEL_ITEM_APPROVAL] = "approval",
	[PANEL_ITEM_MATCH] = "match",
	[PANEL_ITEM_SHOULD_BE_PLACED] = "should_be_placed",
};
static const char *const KIND_LABELS[PANEL_ITEM_COUNT] = {
	[PANEL_ITEM_APPROVAL] = "Adopter approval",
	[PANEL_ITEM_MATCH] = "Match",
	[PANEL_ITEM_SHOULD_BE_PLACED] = "Should be placed",
};

static int index_of(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *panel_seat_name(int seat)
{
	return seat >= 0 && seat < PANEL_SEAT_COUNT ? SEAT_NAMES[seat] : "";
}

int panel_seat_parse(const char *s)
{
	return index_of(SEAT_NAMES, PANEL_SEAT_COUNT, s);
}

const char *panel_chair_name(int chair)
{
	return chair > PANEL_CHAIR_NONE && chair <= PANEL_CHAIR_VICE ? CHAIR_NAMES[chair] : NULL;
}

int panel_chair_parse(const char *s)
{
	if (str_empty(s))
		return PANEL_CHAIR_NONE;
	return index_of(CHAIR_NAMES, PANEL_CHAIR_VICE + 1, s);
}

#define ROLE_EXPECTED "expected chair, vice_chair, social_worker, medical_adviser, independent " \
	"or other, or a seat and a chair such as independent,chair"

/* One comma-separated word: a seat or a chair, each at most once. */
static bool role_word(const char *w, int *seat, int *chair)
{
	int v = panel_seat_parse(w);
	if (v >= 0 && *seat < 0) {
		*seat = v;
		return true;
	}
	v = str_empty(w) ? -1 : panel_chair_parse(w);
	if (v > 0 && *chair == PANEL_CHAIR_NONE) {
		*chair = v;
		return true;
	}
	return false;
}

int panel_role_parse(const char *s, int *seat, int *chair, struct raa_err *err)
{
	char copy[PANEL_ROLE_MAX * 2];
	int st = -1, ch = PANEL_CHAIR_NONE;
	int words = 0;
	bool ok = !str_empty(s) && strlen(s) < sizeof copy;
	if (ok) {
		strcpy(copy, s);
		char *save = NULL;
		for (char *w = strtok_r(copy, ",", &save); ok && w; w = strtok_r(NULL, ",", &save)) {
			ok = role_word(w, &st, &ch);
			words++;
		}
		ok = ok && words >= 1 && words <= 2;
	}
	if (!ok)
		return raa_err_set(err, RAA_EINVAL, "role: value '%s': " ROLE_EXPECTED, s ? s : "");
	*seat = st < 0 ? PANEL_SEAT_OTHER : st;
	*chair = ch;
	return 0;
}

void panel_role_format(int seat, int chair, char out[PANEL_ROLE_MAX])
{
	const char *c = panel_chair_name(chair);
	snprintf(out, PANEL_ROLE_MAX, "%s%s%s", panel_seat_name(seat), c ? "," : "", c ? c : "");
}

bool panel_sw_qualifies(const struct panel_member *m, raa_day date)
{
	return m->seat == PANEL_SEAT_SOCIAL_WORKER && m->qualified != DAY_NONE &&
	       date_whole_years(m->qualified, date) >= PANEL_SW_PQE_YEARS;
}

void panel_quorum(const struct panel_member *const *present, size_t n, raa_day date,
		  struct panel_quorum *q)
{
	*q = (struct panel_quorum){ .present = (int)n };
	for (size_t i = 0; i < n; i++) {
		if (present[i]->chair != PANEL_CHAIR_NONE)
			q->chair = true;
		if (panel_sw_qualifies(present[i], date))
			q->social_worker = true;
	}
	q->met = q->present >= PANEL_QUORUM && q->chair && q->social_worker;
}

void panel_quorum_explain(const struct panel_quorum *q, struct buf *out)
{
	const char *sep = "";
	if (q->present < PANEL_QUORUM) {
		buf_printf(out, "%d member%s present, at least %d needed", q->present,
			   q->present == 1 ? "" : "s", PANEL_QUORUM);
		sep = "; ";
	}
	if (!q->chair) {
		buf_printf(out, "%sno chair or vice chair present", sep);
		sep = "; ";
	}
	if (!q->social_worker)
		buf_printf(out, "%sno social worker with %d years' post-qualifying experience present",
			   sep, PANEL_SW_PQE_YEARS);
}

const char *panel_item_kind_name(int kind)
{
	return kind >= 0 && kind < PANEL_ITEM_COUNT ? KIND_NAMES[kind] : "";
}

int panel_item_kind_parse(const char *s)
{
	return index_of(KIND_NAMES, PANEL_ITEM_COUNT, s);
}

const char *panel_item_kind_label(int kind)
{
	return kind >= 0 && kind < PANEL_ITEM_COUNT ? KIND_LABELS[kind] : "";
}

int panel_item_check(int kind, const char *adopter, size_t nchildren, struct raa_err *err)
{
	bool has_adopter = !str_empty(adopter);
	switch (kind) {
	case PANEL_ITEM_APPROVAL:
		if (!has_adopter)
			return raa_err_set(err, RAA_EINVAL, "adopter: missing: an approval item names the household");
		if (nchildren)
			return raa_err_set(err, RAA_EINVAL, "child: an approval item names no child");
		return 0;
	case PANEL_ITEM_MATCH:
		if (!has_adopter)
			return raa_err_set(err, RAA_EINVAL, "adopter: missing: a match item names the household");
		if (!nchildren)
			return raa_err_set(err, RAA_EINVAL, "child: missing: a match item names the child or the children placed together");
		return 0;
	case PANEL_ITEM_SHOULD_BE_PLACED:
		if (has_adopter)
			return raa_err_set(err, RAA_EINVAL, "adopter: value '%s': a should_be_placed item names no household", adopter);
		if (nchildren != 1)
			return raa_err_set(err, RAA_EINVAL, "child: %zu given: a should_be_placed item names exactly one child", nchildren);
		return 0;
	}
	return raa_err_set(err, RAA_EINVAL, "kind: value %d: expected approval, match or should_be_placed", kind);
}

int panel_item_event(int kind)
{
	switch (kind) {
	case PANEL_ITEM_APPROVAL:
		return EV_APPROVAL_PANEL;
	case PANEL_ITEM_MATCH:
		return EV_MATCHING_PANEL;
	}
	return EV_NONE;
}

void panel_event_detail(bool yes, const char *reasons, struct buf *out)
{
	buf_printf(out, "recommendation=%s; reasons=%s", yes ? "yes" : "no", reasons ? reasons : "");
}

bool panel_decision_answers(int kind, int ev, enum record_type on)
{
	switch (kind) {
	case PANEL_ITEM_APPROVAL:
		return on == REC_ADOPTER && (ev == EV_APPROVED || ev == EV_NOT_APPROVED);
	case PANEL_ITEM_MATCH:
		return on == REC_CHILD && (ev == EV_MATCH_DECISION || ev == EV_LINK_ENDED);
	case PANEL_ITEM_SHOULD_BE_PLACED:
		return on == REC_CHILD && ev == EV_SHOULD_BE_PLACED;
	}
	return false;
}

void panel_adm_clock(int kind, raa_day panel_date, const struct clock_duration *d,
		     const struct workcal *cal, const struct event_rec *const *events, size_t n,
		     raa_day today, struct panel_adm *out)
{
	out->due = clock_due(d, cal, panel_date);
	out->decided = DAY_NONE;
	out->overdue_days = 0;
	for (size_t i = 0; i < n; i++) {
		const struct event_rec *e = events[i];
		if (e->date < panel_date || !panel_decision_answers(kind, e->kind, e->type))
			continue;
		if (out->decided == DAY_NONE || e->date < out->decided)
			out->decided = e->date;
	}
	if (out->decided == DAY_NONE && today > out->due)
		out->overdue_days = today - out->due;
}
