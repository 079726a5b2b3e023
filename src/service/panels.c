/*
 * panels: see panels.h and docs/panels.md.
 */
#include "service/panels.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/mem.h"
#include "core/str.h"
#include "domain/panel.h"
#include "service/journal.h"
#include "web/html.h"

/* Ends the write transaction a use case began: committed when rc is 0,
 * rolled back otherwise, so that a refusal writes nothing. */
static int tx_end(struct store *s, int rc, struct raa_err *err)
{
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0)
		store_rollback(s);
	return rc;
}

/* ---- members ----------------------------------------------------------- */

static int no_member(int64_t id, struct raa_err *err)
{
	return raa_err_set(err, RAA_ENOTFOUND, "member: value '%lld': no such panel member", (long long)id);
}

static int name_missing(struct raa_err *err)
{
	return raa_err_set(err, RAA_EINVAL, "name: missing: expected the member's name");
}

static int parse_qualified(const struct panels_member_in *in, int seat, raa_day today,
			   raa_day *out, struct raa_err *err)
{
	long years;
	*out = DAY_NONE;
	if (!str_empty(in->qualified) && !str_empty(in->years))
		return raa_err_set(err, RAA_EINVAL, "qualified: give the date of qualification or the years of experience, not both");
	if (!str_empty(in->qualified) && date_parse_iso(in->qualified, out) < 0)
		return raa_err_set(err, RAA_EINVAL, "qualified: value '%s': expected a date YYYY-MM-DD", in->qualified);
	if (!str_empty(in->years)) {
		if (str_to_int(in->years, 0, 60, &years) < 0)
			return raa_err_set(err, RAA_EINVAL, "years: value '%s': expected whole years of post-qualifying experience, 0 to 60", in->years);
		*out = date_add_months(today, (int)(-12 * years));
	}
	if (*out != DAY_NONE && *out > today)
		return raa_err_set(err, RAA_EINVAL, "qualified: value '%s': expected a date on or before today", in->qualified);
	if (*out != DAY_NONE && seat != PANEL_SEAT_SOCIAL_WORKER)
		return raa_err_set(err, RAA_EINVAL, "qualified: only a social worker's qualification is recorded");
	return 0;
}

int panels_member_add(struct store *s, const struct panels_member_in *in, raa_day today,
		      int64_t *id_out, struct raa_err *err)
{
	int seat, chair;
	raa_day q;
	if (str_empty(in->name))
		return name_missing(err);
	int rc = panel_role_parse(in->role, &seat, &chair, err);
	if (rc == 0)
		rc = parse_qualified(in, seat, today, &q, err);
	if (rc < 0)
		return rc;
	struct panel_member_rec m = { .name = in->name, .role = panel_seat_name(seat),
				      .chair = panel_chair_name(chair), .qualified = q,
				      .active = true };
	return store_panel_member_add(s, &m, id_out, err);
}

int panels_member_set_active(struct store *s, int64_t id, bool active, struct raa_err *err)
{
	int rc = store_panel_member_set_active(s, id, active, err);
	if (rc == RAA_ENOTFOUND)
		rc = no_member(id, err);
	return rc;
}

static void member_to_domain(const struct panel_member_rec *r, struct panel_member *m)
{
	*m = (struct panel_member){ .id = r->id, .name = r->name, .seat = panel_seat_parse(r->role),
				    .chair = panel_chair_parse(r->chair), .qualified = r->qualified,
				    .active = r->active };
}

static json_t *member_json(const struct panel_member_rec *r)
{
	struct panel_member m;
	char role[PANEL_ROLE_MAX];
	member_to_domain(r, &m);
	panel_role_format(m.seat, m.chair, role);
	json_t *o = json_object();
	json_set_int(o, "id", r->id);
	json_set_str(o, "name", r->name);
	json_set_str(o, "role", role);
	json_set_str(o, "seat", r->role);
	json_set_str(o, "chair", r->chair);
	json_set_date(o, "qualified", r->qualified);
	json_set_bool(o, "active", r->active);
	return o;
}

static int add_member_json(void *ctx, const struct panel_member_rec *r)
{
	json_array_append_new(ctx, member_json(r));
	return 0;
}

json_t *panels_members_json(struct store *s, struct raa_err *err)
{
	json_t *arr = json_array();
	if (store_panel_member_list(s, add_member_json, arr, err) < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

struct one_member {
	int64_t id;
	json_t *o;
};

static int find_member_json(void *ctx, const struct panel_member_rec *r)
{
	struct one_member *om = ctx;
	if (r->id == om->id)
		om->o = member_json(r);
	return 0;
}

json_t *panels_member_json(struct store *s, int64_t id, struct raa_err *err)
{
	struct one_member om = { .id = id };
	if (store_panel_member_list(s, find_member_json, &om, err) < 0) {
		json_decref(om.o);
		return NULL;
	}
	if (!om.o)
		no_member(id, err);
	return om.o;
}

/* Every member, copied into an arena: changes, attendance and quorum
 * read them. */
struct roster {
	struct arena *arena;
	struct panel_member *m;
	size_t n, cap;
};

static int keep_member(void *ctx, const struct panel_member_rec *r)
{
	struct roster *ro = ctx;
	xgrow((void **)&ro->m, &ro->cap, ro->n + 1, sizeof *ro->m);
	member_to_domain(r, &ro->m[ro->n]);
	ro->m[ro->n].name = arena_strdup(ro->arena, r->name);
	ro->n++;
	return 0;
}

static const struct panel_member *roster_find(const struct roster *ro, int64_t id)
{
	for (size_t i = 0; i < ro->n; i++)
		if (ro->m[i].id == id)
			return &ro->m[i];
	return NULL;
}

/* The qualification a change leaves: the one given ("" for none), else
 * the member's own while the seat stays a social worker's. */
static int changed_qualified(const struct panels_member_in *in, const struct panel_member *m,
			     int seat, raa_day today, raa_day *out, struct raa_err *err)
{
	if (in->qualified || in->years)
		return parse_qualified(in, seat, today, out, err);
	*out = seat == PANEL_SEAT_SOCIAL_WORKER ? m->qualified : DAY_NONE;
	return 0;
}

static int member_update_in_tx(struct store *s, struct roster *ro, int64_t id,
			       const struct panels_member_in *in, raa_day today,
			       struct raa_err *err)
{
	int rc = store_panel_member_list(s, keep_member, ro, err);
	const struct panel_member *m = rc == 0 ? roster_find(ro, id) : NULL;
	if (!m)
		return rc < 0 ? rc : no_member(id, err);
	int seat = m->seat, chair = m->chair;
	raa_day q = DAY_NONE;
	if (in->name && str_empty(in->name))
		rc = name_missing(err);
	if (rc == 0 && in->role)
		rc = panel_role_parse(in->role, &seat, &chair, err);
	if (rc == 0)
		rc = changed_qualified(in, m, seat, today, &q, err);
	if (rc < 0)
		return rc;
	struct panel_member_rec r = { .id = id, .name = in->name ? in->name : m->name,
				      .role = panel_seat_name(seat), .chair = panel_chair_name(chair),
				      .qualified = q, .active = m->active };
	return store_panel_member_update(s, &r, err);
}

int panels_member_update(struct store *s, int64_t id, const struct panels_member_in *in,
			 raa_day today, struct raa_err *err)
{
	struct arena arena;
	struct roster ro = { .arena = &arena };
	arena_init(&arena, 0);
	int rc = store_begin(s, err);
	if (rc == 0)
		rc = member_update_in_tx(s, &ro, id, in, today, err);
	rc = tx_end(s, rc, err);
	free(ro.m);
	arena_free(&arena);
	return rc;
}

/* ---- panels ---------------------------------------------------------------- */

int panels_add(struct store *s, const char *date, const char *name, const char *location,
	       int64_t *id_out, struct raa_err *err)
{
	struct panel_rec p = { .name = name, .location = location };
	if (str_empty(date) || date_parse_iso(date, &p.date) < 0)
		return raa_err_set(err, RAA_EINVAL, "date: value '%s': expected the panel's date YYYY-MM-DD", date ? date : "");
	return store_panel_add(s, &p, id_out, err);
}

static json_t *panel_json(const struct panel_rec *p)
{
	json_t *o = json_object();
	json_set_int(o, "id", p->id);
	json_set_date(o, "date", p->date);
	json_set_str(o, "name", p->name);
	json_set_str(o, "location", p->location);
	return o;
}

static int count_item(void *ctx, const struct panel_item_rec *it)
{
	(void)it;
	(*(long long *)ctx)++;
	return 0;
}

static int count_member(void *ctx, int64_t member)
{
	(void)member;
	(*(long long *)ctx)++;
	return 0;
}

struct listing {
	struct store *s;
	const struct store_scope *sc;
	json_t *arr;
	struct raa_err *err;
};

static int add_panel_json(void *ctx, const struct panel_rec *p)
{
	struct listing *l = ctx;
	long long items = 0, attended = 0;
	json_t *o = panel_json(p);
	json_array_append_new(l->arr, o);
	int rc = store_panel_item_list(l->s, l->sc, p->id, count_item, &items, l->err);
	if (rc == 0)
		rc = store_panel_attendance(l->s, p->id, count_member, &attended, l->err);
	json_set_int(o, "items", items);
	json_set_int(o, "attended", attended);
	return rc;
}

json_t *panels_list_json(struct store *s, const struct store_scope *sc, struct raa_err *err)
{
	struct listing l = { .s = s, .sc = sc, .arr = json_array(), .err = err };
	if (store_panel_list(s, add_panel_json, &l, err) < 0) {
		json_decref(l.arr);
		return NULL;
	}
	return l.arr;
}

/* ---- attendance ------------------------------------------------------------ */

static int keep_panel(void *ctx, const struct panel_rec *p)
{
	struct panel_rec *out = ctx;
	out->id = p->id;
	out->date = p->date;
	return 0;
}

static int panel_exists(struct store *s, int64_t panel, struct panel_rec *out,
			struct raa_err *err)
{
	struct panel_rec tmp;
	int rc = store_panel_get(s, panel, keep_panel, out ? out : &tmp, err);
	if (rc == RAA_ENOTFOUND)
		rc = raa_err_set(err, RAA_ENOTFOUND, "panel: value '%lld': no such panel", (long long)panel);
	return rc;
}

static int attend_checked(struct store *s, struct roster *ro, int64_t panel,
			  const int64_t *members, size_t n, struct raa_err *err)
{
	int rc = panel_exists(s, panel, NULL, err);
	if (rc == 0)
		rc = store_panel_member_list(s, keep_member, ro, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct panel_member *m = roster_find(ro, members[i]);
		if (!m)
			rc = no_member(members[i], err);
		else if (!m->active)
			rc = raa_err_set(err, RAA_EINVAL, "member: value '%lld': %s is no longer an active panel member", (long long)members[i], m->name);
		else
			rc = store_panel_attend(s, panel, members[i], err);
	}
	return rc;
}

int panels_attend(struct store *s, int64_t panel, const int64_t *members, size_t n,
		  struct raa_err *err)
{
	struct arena arena;
	struct roster ro = { .arena = &arena };
	if (n == 0)
		return raa_err_set(err, RAA_EINVAL, "member: missing: expected the members who sat");
	arena_init(&arena, 0);
	int rc = store_begin(s, err);
	if (rc == 0)
		rc = attend_checked(s, &ro, panel, members, n, err);
	rc = tx_end(s, rc, err);
	free(ro.m);
	arena_free(&arena);
	return rc;
}

/* ---- items ------------------------------------------------------------- */

/* Papers as one title per line, trimmed, empty ones dropped. */
static void papers_normalise(const char *in, struct buf *out)
{
	const char *p = in ? in : "";
	while (*p) {
		size_t len = strcspn(p, ";\n");
		const char *a = p, *b = p + len;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a) {
			if (out->len)
				buf_putc(out, '\n');
			buf_append(out, a, (size_t)(b - a));
		}
		p += len;
		if (*p)
			p++;
	}
}

int panels_split_ids(char *list, const char **out, size_t *n, struct raa_err *err)
{
	char *save = NULL;
	*n = 0;
	for (char *w = strtok_r(list, ", \t\r\n", &save); w; w = strtok_r(NULL, ", \t\r\n", &save)) {
		if (*n == PANELS_CHILDREN_MAX)
			return raa_err_set(err, RAA_EINVAL, "child: value '%s': expected at most %d children on one item", w, PANELS_CHILDREN_MAX);
		out[(*n)++] = w;
	}
	return 0;
}

static int check_record(struct store *s, const struct store_scope *sc, const char *field,
			const char *id, enum record_type want, struct raa_err *err)
{
	int type = store_record_type(s, sc, id, err);
	if (type == (int)want)
		return 0;
	if (type < 0 && type != RAA_ENOTFOUND)
		return type;
	return raa_err_set(err, RAA_EINVAL, "%s: value '%s': expected a %s in raa", field, id,
			   want == REC_CHILD ? "child" : "household");
}

int panels_item_add(struct store *s, const struct store_scope *sc, int64_t panel,
		    const struct panels_item_in *in, int64_t *id_out, struct raa_err *err)
{
	int kind = panel_item_kind_parse(in->kind);
	if (kind < 0)
		return raa_err_set(err, RAA_EINVAL, "kind: value '%s': expected approval, match or should_be_placed", in->kind ? in->kind : "");
	int rc = panel_item_check(kind, in->adopter, in->nchildren, err);
	if (rc == 0)
		rc = panel_exists(s, panel, NULL, err);
	if (rc == 0 && !str_empty(in->adopter))
		rc = check_record(s, sc, "adopter", in->adopter, REC_ADOPTER, err);
	for (size_t i = 0; rc == 0 && i < in->nchildren; i++)
		rc = check_record(s, sc, "child", in->children[i], REC_CHILD, err);
	if (rc < 0)
		return rc;
	struct buf papers;
	buf_init(&papers, 0);
	papers_normalise(in->papers, &papers);
	struct panel_item_rec it = { .panel = panel, .kind = panel_item_kind_name(kind),
				     .adopter = in->adopter, .children = in->children,
				     .nchildren = in->nchildren, .papers = buf_cstr(&papers) };
	rc = store_begin(s, err);
	if (rc == 0)
		rc = store_panel_item_add(s, &it, id_out, err);
	rc = tx_end(s, rc, err);
	buf_free(&papers);
	return rc;
}

/* ---- recommendation ------------------------------------------------------ */

/* An item the caller cannot see is as unknown as one that does not exist. */
static int no_item(int64_t id, struct raa_err *err)
{
	return raa_err_set(err, RAA_ENOTFOUND, "item: value '%lld': no such agenda item", (long long)id);
}

/* An item copied out of the store's callback. */
struct item {
	struct arena *arena;
	struct panel_item_rec rec;
	bool found;
};

static int keep_item(void *ctx, const struct panel_item_rec *it)
{
	struct item *o = ctx;
	struct arena *a = o->arena;
	const char **children = arena_alloc(a, (it->nchildren + 1) * sizeof *children);
	for (size_t i = 0; i < it->nchildren; i++)
		children[i] = arena_strdup(a, it->children[i]);
	o->rec = (struct panel_item_rec){
		.id = it->id, .panel = it->panel, .kind = arena_strdup(a, it->kind),
		.adopter = arena_strdup(a, it->adopter), .children = children,
		.nchildren = it->nchildren, .papers = arena_strdup(a, it->papers),
		.recommendation = arena_strdup(a, it->recommendation),
		.reasons = arena_strdup(a, it->reasons),
		.recommended_by = arena_strdup(a, it->recommended_by),
		.recommended_at = arena_strdup(a, it->recommended_at),
	};
	o->found = true;
	return 0;
}

struct present {
	const struct roster *ro;
	const struct panel_member **p;
	size_t n, cap;
};

static int keep_present(void *ctx, int64_t member)
{
	struct present *pr = ctx;
	const struct panel_member *m = roster_find(pr->ro, member);
	if (m) {
		xgrow((void **)&pr->p, &pr->cap, pr->n + 1, sizeof *pr->p);
		pr->p[pr->n++] = m;
	}
	return 0;
}

/* The quorum of a panel from the store. */
static int load_quorum(struct store *s, struct roster *ro, int64_t panel, raa_day date,
		       struct panel_quorum *q, struct raa_err *err)
{
	struct present pr = { .ro = ro };
	int rc = store_panel_member_list(s, keep_member, ro, err);
	if (rc == 0)
		rc = store_panel_attendance(s, panel, keep_present, &pr, err);
	if (rc == 0)
		panel_quorum(pr.p, pr.n, date, q);
	free(pr.p);
	return rc;
}

static int quorum_refusal(const struct panel_rec *p, const struct panel_quorum *q,
			  struct raa_err *err)
{
	struct buf why;
	char iso[DATE_ISO_LEN];
	buf_init(&why, 0);
	panel_quorum_explain(q, &why);
	date_format_iso(p->date, iso);
	int rc = raa_err_set(err, RAA_ECONFLICT,
			     "quorum: panel %lld on %s is not quorate (%s): the recommendation cannot be recorded",
			     (long long)p->id, iso, buf_cstr(&why));
	buf_free(&why);
	return rc;
}

static int write_events(struct store *s, const struct store_scope *sc,
			const struct panel_item_rec *it, raa_day date, bool yes,
			const char *reasons, raa_day today, struct raa_err *err)
{
	int kind = panel_item_kind_parse(it->kind);
	int ev = panel_item_event(kind);
	if (ev == EV_NONE)
		return 0;
	struct buf detail;
	buf_init(&detail, 0);
	panel_event_detail(yes, reasons, &detail);
	struct event_rec e = { .kind = ev, .date = date, .detail = buf_cstr(&detail) };
	int rc = 0;
	if (kind == PANEL_ITEM_APPROVAL) {
		e.record = it->adopter;
		rc = journal_append(s, sc, &e, today, NULL, NULL, err);
	}
	for (size_t i = 0; rc == 0 && kind == PANEL_ITEM_MATCH && i < it->nchildren; i++) {
		e.record = it->children[i];
		e.adopter = it->adopter;
		rc = journal_append(s, sc, &e, today, NULL, NULL, err);
	}
	buf_free(&detail);
	return rc;
}

static int recommend_in_tx(struct store *s, const struct store_scope *sc, struct item *it,
			   bool yes, const char *reasons, raa_day today, struct raa_err *err)
{
	struct panel_rec p;
	struct panel_quorum q;
	struct roster ro = { .arena = it->arena };
	int rc = store_panel_item_get(s, sc, it->rec.id, keep_item, it, err);
	if (rc == RAA_ENOTFOUND)
		rc = no_item(it->rec.id, err);
	if (rc == 0)
		rc = panel_exists(s, it->rec.panel, &p, err);
	if (rc == 0 && p.date > today)
		rc = raa_err_set(err, RAA_EINVAL, "item: the panel's date is after today: a recommendation is recorded once the panel has sat");
	if (rc == 0 && it->rec.recommendation)
		rc = raa_err_set(err, RAA_ECONFLICT, "item: agenda item %lld already has a recommendation, which is not changed", (long long)it->rec.id);
	if (rc == 0)
		rc = load_quorum(s, &ro, p.id, p.date, &q, err);
	if (rc == 0 && !q.met)
		rc = quorum_refusal(&p, &q, err);
	if (rc == 0)
		rc = store_panel_item_recommend(s, it->rec.id, yes ? "yes" : "no", reasons, sc->actor, err);
	if (rc == 0)
		rc = write_events(s, sc, &it->rec, p.date, yes, reasons, today, err);
	free(ro.m);
	return rc;
}

int panels_recommend(struct store *s, const struct store_scope *sc, int64_t item,
		     const char *recommendation, const char *reasons, raa_day today,
		     struct raa_err *err)
{
	bool yes = recommendation && strcmp(recommendation, "yes") == 0;
	if (!yes && !(recommendation && strcmp(recommendation, "no") == 0))
		return raa_err_set(err, RAA_EINVAL, "recommendation: value '%s': expected yes or no", recommendation ? recommendation : "");
	if (str_empty(reasons))
		return raa_err_set(err, RAA_EINVAL, "reasons: missing: the panel's reasons are recorded with its recommendation");
	struct arena arena;
	arena_init(&arena, 0);
	struct item it = { .arena = &arena, .rec.id = item };
	int rc = store_begin(s, err);
	if (rc == 0)
		rc = recommend_in_tx(s, sc, &it, yes, reasons, today, err);
	rc = tx_end(s, rc, err);
	arena_free(&arena);
	return rc;
}

int panels_minutes(struct store *s, int64_t panel, const char *text, struct raa_err *err)
{
	if (str_empty(text))
		return raa_err_set(err, RAA_EINVAL, "minutes: missing: expected the minutes' text");
	int rc = store_panel_set_minutes(s, panel, text, err);
	if (rc == RAA_ENOTFOUND)
		rc = raa_err_set(err, RAA_ENOTFOUND, "panel: value '%lld': no such panel", (long long)panel);
	return rc;
}

/* ---- corrections (docs/panels.md) ------------------------------------------ */

/* Items with a recommendation, as "1, 3". */
struct recommended {
	struct buf ids;
	int n;
};

static int note_recommended(void *ctx, const struct panel_item_rec *it)
{
	struct recommended *r = ctx;
	if (it->recommendation)
		buf_printf(&r->ids, "%s%lld", r->n++ ? ", " : "", (long long)it->id);
	return 0;
}

struct attendees {
	int64_t *id;
	size_t n, cap;
};

static int keep_attendee(void *ctx, int64_t member)
{
	struct attendees *a = ctx;
	xgrow((void **)&a->id, &a->cap, a->n + 1, sizeof *a->id);
	a->id[a->n++] = member;
	return 0;
}

static bool attended(const struct attendees *a, int64_t member)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->id[i] == member)
			return true;
	return false;
}

/* The quorum every recommendation was checked against stands, so who sat
 * is fixed by the first one: every item counts, whoever the caller is. */
static int unattend_in_tx(struct store *s, int64_t panel, const int64_t *members, size_t n,
			  struct recommended *r, struct attendees *a, struct raa_err *err)
{
	int rc = panel_exists(s, panel, NULL, err);
	if (rc == 0)
		rc = store_panel_item_list(s, &STORE_SYSTEM, panel, note_recommended, r, err);
	if (rc == 0 && r->n)
		rc = raa_err_set(err, RAA_ECONFLICT,
				 "member: panel %lld's recommendations were made with this attendance: "
				 "item%s %s recommended, so who sat is not changed",
				 (long long)panel, r->n > 1 ? "s" : "", buf_cstr(&r->ids));
	if (rc == 0)
		rc = store_panel_attendance(s, panel, keep_attendee, a, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!attended(a, members[i]))
			rc = raa_err_set(err, RAA_ENOTFOUND, "member: value '%lld': not recorded as sitting on panel %lld",
					 (long long)members[i], (long long)panel);
		else
			rc = store_panel_unattend(s, panel, members[i], err);
	}
	return rc;
}

int panels_unattend(struct store *s, int64_t panel, const int64_t *members, size_t n,
		    struct raa_err *err)
{
	struct recommended r = { .n = 0 };
	struct attendees a = { 0 };
	if (n == 0)
		return raa_err_set(err, RAA_EINVAL, "member: missing: expected the members recorded as sitting in error");
	buf_init(&r.ids, 0);
	int rc = store_begin(s, err);
	if (rc == 0)
		rc = unattend_in_tx(s, panel, members, n, &r, &a, err);
	rc = tx_end(s, rc, err);
	buf_free(&r.ids);
	free(a.id);
	return rc;
}

/* An item in the caller's scope still without a recommendation, which is
 * all that may be corrected; `then` says what a recommendation keeps. */
static int item_open(struct store *s, const struct store_scope *sc, int64_t item,
		     const char *then, struct raa_err *err)
{
	struct recommended r = { .n = 0 };
	buf_init(&r.ids, 0);
	int rc = store_panel_item_get(s, sc, item, note_recommended, &r, err);
	if (rc == RAA_ENOTFOUND)
		rc = no_item(item, err);
	if (rc == 0 && r.n)
		rc = raa_err_set(err, RAA_ECONFLICT, "item: agenda item %lld has a recommendation, %s",
				 (long long)item, then);
	buf_free(&r.ids);
	return rc;
}

int panels_item_set_papers(struct store *s, const struct store_scope *sc, int64_t item,
			   const char *papers, struct raa_err *err)
{
	struct buf b;
	buf_init(&b, 0);
	papers_normalise(papers, &b);
	int rc = store_begin(s, err);
	if (rc == 0)
		rc = item_open(s, sc, item, "so its papers stay as the panel read them", err);
	if (rc == 0)
		rc = store_panel_item_set_papers(s, item, buf_cstr(&b), err);
	rc = tx_end(s, rc, err);
	buf_free(&b);
	return rc;
}

int panels_item_remove(struct store *s, const struct store_scope *sc, int64_t item,
		       struct raa_err *err)
{
	int rc = store_begin(s, err);
	if (rc == 0)
		rc = item_open(s, sc, item, "so it stays on the agenda", err);
	if (rc == 0)
		rc = store_panel_item_remove(s, item, err);
	return tx_end(s, rc, err);
}

/* ---- one panel ------------------------------------------------------------ */

struct shown {
	struct store *s;
	const struct store_scope *sc;
	raa_day date;
	const struct clock_duration *adm_after;
	const struct workcal *cal;
	raa_day today;
	json_t *items;
	struct raa_err *err;
};

struct events {
	const struct event_rec **ev;
	struct event_rec *store;
	size_t n, cap;
};

/* Kind, type and date are all the decision needs. */
static int keep_event(void *ctx, const struct event_rec *e)
{
	struct events *ev = ctx;
	xgrow((void **)&ev->store, &ev->cap, ev->n + 1, sizeof *ev->store);
	ev->store[ev->n++] = (struct event_rec){ .kind = e->kind, .type = e->type, .date = e->date };
	return 0;
}

static int item_events(struct shown *sh, const struct panel_item_rec *it, int kind,
		       struct events *ev)
{
	int rc = 0;
	if (kind == PANEL_ITEM_APPROVAL)
		rc = store_event_list_record(sh->s, sh->sc, it->adopter, keep_event, ev, sh->err);
	for (size_t i = 0; rc == 0 && kind != PANEL_ITEM_APPROVAL && i < it->nchildren; i++)
		rc = store_event_list_record(sh->s, sh->sc, it->children[i], keep_event, ev, sh->err);
	ev->ev = xmalloc((ev->n + 1) * sizeof *ev->ev);
	for (size_t i = 0; i < ev->n; i++)
		ev->ev[i] = &ev->store[i];
	return rc;
}

static int adm_json(struct shown *sh, const struct panel_item_rec *it, int kind, json_t *o)
{
	struct events ev = { 0 };
	struct panel_adm adm;
	if (!it->recommendation) {
		json_object_set_new(o, "adm", json_null());
		return 0;
	}
	int rc = item_events(sh, it, kind, &ev);
	if (rc == 0) {
		panel_adm_clock(kind, sh->date, sh->adm_after, sh->cal, ev.ev, ev.n, sh->today, &adm);
		json_t *a = json_object();
		json_set_date(a, "due", adm.due);
		json_set_date(a, "decided", adm.decided);
		json_set_int(a, "overdue_days", adm.overdue_days);
		json_set_str(a, "status", adm.decided != DAY_NONE ? "decided"
					  : adm.overdue_days ? "overdue" : "due");
		json_object_set_new(o, "adm", a);
	}
	free(ev.ev);
	free(ev.store);
	return rc;
}

static json_t *lines_json(const char *text)
{
	json_t *arr = json_array();
	const char *p = text ? text : "";
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		json_array_append_new(arr, json_string(line));
		free(line);
		p += len;
		if (*p)
			p++;
	}
	return arr;
}

static int add_item_json(void *ctx, const struct panel_item_rec *it)
{
	struct shown *sh = ctx;
	int kind = panel_item_kind_parse(it->kind);
	json_t *o = json_object();
	json_t *children = json_array();
	json_array_append_new(sh->items, o);
	json_set_int(o, "id", it->id);
	json_set_str(o, "kind", it->kind);
	json_set_str(o, "label", panel_item_kind_label(kind));
	json_set_str(o, "adopter", it->adopter);
	for (size_t i = 0; i < it->nchildren; i++)
		json_array_append_new(children, json_string(it->children[i]));
	json_object_set_new(o, "children", children);
	json_object_set_new(o, "papers", lines_json(it->papers));
	json_set_str(o, "recommendation", it->recommendation);
	json_set_str(o, "reasons", it->reasons);
	json_set_str(o, "recommended_by", it->recommended_by);
	json_set_str(o, "recommended_at", it->recommended_at);
	return adm_json(sh, it, kind, o);
}

static int keep_whole_panel(void *ctx, const struct panel_rec *p)
{
	json_t *o = panel_json(p);
	json_set_str(o, "minutes", p->minutes);
	*(json_t **)ctx = o;
	return 0;
}

static json_t *quorum_json(const struct panel_quorum *q)
{
	struct buf why;
	json_t *o = json_object();
	buf_init(&why, 0);
	panel_quorum_explain(q, &why);
	json_set_bool(o, "met", q->met);
	json_set_int(o, "present", q->present);
	json_set_bool(o, "chair", q->chair);
	json_set_bool(o, "social_worker", q->social_worker);
	json_set_str(o, "missing", buf_cstr(&why));
	buf_free(&why);
	return o;
}

/* Attendance as member objects, with whether a social worker qualifies. */
static json_t *attendance_json(const struct panel_member *const *p, size_t n, raa_day date)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		char role[PANEL_ROLE_MAX];
		json_t *o = json_object();
		panel_role_format(p[i]->seat, p[i]->chair, role);
		json_set_int(o, "id", p[i]->id);
		json_set_str(o, "name", p[i]->name);
		json_set_str(o, "role", role);
		json_set_date(o, "qualified", p[i]->qualified);
		json_set_bool(o, "qualifying_social_worker", panel_sw_qualifies(p[i], date));
		json_array_append_new(arr, o);
	}
	return arr;
}

static int show_parts(struct shown *sh, int64_t panel, json_t *o)
{
	struct arena arena;
	struct roster ro = { .arena = &arena };
	struct present pr = { .ro = &ro };
	struct panel_quorum q;
	arena_init(&arena, 0);
	int rc = store_panel_member_list(sh->s, keep_member, &ro, sh->err);
	if (rc == 0)
		rc = store_panel_attendance(sh->s, panel, keep_present, &pr, sh->err);
	if (rc == 0) {
		panel_quorum(pr.p, pr.n, sh->date, &q);
		json_object_set_new(o, "attendance", attendance_json(pr.p, pr.n, sh->date));
		json_object_set_new(o, "quorum", quorum_json(&q));
		json_object_set_new(o, "items", sh->items);
		rc = store_panel_item_list(sh->s, sh->sc, panel, add_item_json, sh, sh->err);
	} else {
		json_decref(sh->items);
	}
	free(pr.p);
	free(ro.m);
	arena_free(&arena);
	return rc;
}

json_t *panels_show_json(struct store *s, const struct store_scope *sc, int64_t panel,
			 const struct clock_duration *adm_after, const struct workcal *cal,
			 raa_day today, struct raa_err *err)
{
	json_t *o = NULL;
	if (store_panel_get(s, panel, keep_whole_panel, &o, err) < 0) {
		if (err && err->code == RAA_ENOTFOUND)
			raa_err_set(err, RAA_ENOTFOUND, "panel: value '%lld': no such panel", (long long)panel);
		return NULL;
	}
	raa_day date = DAY_NONE;
	date_parse_iso(json_string_value(json_object_get(o, "date")), &date);
	struct shown sh = { .s = s, .sc = sc, .date = date, .adm_after = adm_after, .cal = cal,
			    .today = today, .items = json_array(), .err = err };
	if (show_parts(&sh, panel, o) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ---- the pack -------------------------------------------------------------- */

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void pack_item(struct html *h, const json_t *it, size_t no)
{
	const json_t *children = json_object_get(it, "children");
	const json_t *papers = json_object_get(it, "papers");
	size_t i;
	const json_t *v;
	html_raw(h, "<section class=\"govuk-!-margin-bottom-6\">\n<h2 class=\"govuk-heading-m\">");
	html_textf(h, "%zu. %s", no, jstr(it, "label"));
	html_raw(h, "</h2>\n<dl class=\"govuk-summary-list\">\n");
	if (json_array_size(children)) {
		html_raw(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
		html_text(h, json_array_size(children) > 1 ? "Children" : "Child");
		html_raw(h, "</dt><dd class=\"govuk-summary-list__value\">");
		json_array_foreach(children, i, v) {
			if (i)
				html_raw(h, ", ");
			html_text(h, json_string_value(v));
		}
		html_raw(h, "</dd></div>\n");
	}
	if (jstr(it, "adopter")) {
		html_raw(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Household</dt><dd class=\"govuk-summary-list__value\">");
		html_text(h, jstr(it, "adopter"));
		html_raw(h, "</dd></div>\n");
	}
	html_raw(h, "</dl>\n<h3 class=\"govuk-heading-s\">Papers</h3>\n");
	if (!json_array_size(papers))
		html_raw(h, "<p class=\"govuk-body\">No papers listed.</p>\n");
	else
		html_raw(h, "<ul class=\"govuk-list govuk-list--bullet\">\n");
	json_array_foreach(papers, i, v) {
		html_raw(h, "<li>");
		html_text(h, json_string_value(v));
		html_raw(h, "</li>\n");
	}
	if (json_array_size(papers))
		html_raw(h, "</ul>\n");
	html_raw(h, "</section>\n");
}

void panels_pack_html(const json_t *panel, struct buf *out)
{
	struct arena arena;
	arena_init(&arena, 0);
	struct html h = { .out = out, .arena = &arena };
	raa_day date = DAY_NONE;
	date_parse_iso(jstr(panel, "date"), &date);
	const json_t *items = json_object_get(panel, "items");
	size_t i;
	const json_t *it;
	html_raw(&h, "<h1 class=\"govuk-heading-l\"><span class=\"govuk-caption-l\">Panel pack</span>");
	html_text(&h, jstr(panel, "name") ? jstr(panel, "name") : "Adoption panel");
	html_raw(&h, "</h1>\n<p class=\"govuk-body\">");
	html_date(&h, date);
	if (jstr(panel, "location")) {
		html_raw(&h, ", ");
		html_text(&h, jstr(panel, "location"));
	}
	html_raw(&h, "</p>\n<h2 class=\"govuk-heading-m\">Agenda</h2>\n<ol class=\"govuk-list govuk-list--number\">\n");
	json_array_foreach(items, i, it) {
		html_raw(&h, "<li>");
		html_text(&h, jstr(it, "label"));
		html_raw(&h, "</li>\n");
	}
	html_raw(&h, "</ol>\n");
	if (!json_array_size(items))
		html_raw(&h, "<p class=\"govuk-body\">No items on the agenda.</p>\n");
	json_array_foreach(items, i, it)
		pack_item(&h, it, i + 1);
	arena_free(&arena);
}

const char *panels_err_field(const struct raa_err *err, char *out, size_t outsz)
{
	size_t len = strspn(err->msg, "abcdefghijklmnopqrstuvwxyz_");
	if (len == 0 || err->msg[len] != ':' || len >= outsz)
		return NULL;
	memcpy(out, err->msg, len);
	out[len] = '\0';
	return out;
}
