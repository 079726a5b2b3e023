/*
 * s903 import: Header, Episodes, AD1 and PlacedAdoption into child journeys.
 * The mapping and its reasons are written out in docs/ssda903-import.md.
 *
 * Events are checked with journey_check against the child's journey as it
 * stands (raa's events plus those added so far), so an SSDA903 return can
 * never record a journey raa would refuse from a person, with one explicit
 * allowance: the return names no household, so match_decision and placed
 * are recorded without one (journal_append, which would refuse that and
 * mirror onto a household, is not used: there is nothing to mirror).
 */
#include "ssda903/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/json.h"
#include "core/str.h"
#include "domain/journey.h"
#include "service/snapshot.h"

/* Stands in for the household in journey_check only: never stored. */
static const char NO_HOUSEHOLD[] = "(none: SSDA903)";

/* Same-day events are added in the order a journey lives them. */
static int kind_rank(int kind)
{
	static const int order[] = { EV_ENTERED_CARE, EV_SHOULD_BE_PLACED, EV_PLACEMENT_ORDER,
				     EV_MATCH_DECISION, EV_PLACED, EV_PLAN_CHANGED,
				     EV_ADOPTION_ORDER, EV_LEFT_CARE };
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (order[i] == kind)
			return (int)i;
	return 99;
}

struct cand {
	int kind;
	raa_day date;
	const char *detail;
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

struct importer {
	struct store *s;
	const struct store_scope *sc;
	const struct s903_return *r;
	const struct s903_import_opts *o;
	struct s903_import_result *res;
	struct snapshot snap;
	const struct snap_child **by_la; /* the partner's children by la_child_id */
	size_t nby_la;
	const char **rules;              /* per child number: rule codes of its errors */
	long next_id;                    /* next "C<n>" to try */
	char year[8];                    /* "2025/26" */
	char stamp[32];
};

/* ---- result ---- */

void s903_import_result_init(struct s903_import_result *res)
{
	memset(res, 0, sizeof *res);
	arena_init(&res->arena, 0);
}

void s903_import_result_free(struct s903_import_result *res)
{
	free(res->left_out);
	free(res->refused);
	free(res->notes);
	arena_free(&res->arena);
	memset(res, 0, sizeof *res);
}

static void leave_out(struct s903_import_result *res, const char *child, const char *why)
{
	xgrow((void **)&res->left_out, &res->cap_left, res->nleft_out + 1, sizeof *res->left_out);
	res->left_out[res->nleft_out++] = (struct s903_left_out){
		arena_strdup(&res->arena, child ? child : ""), arena_strdup(&res->arena, why)
	};
}

static void add_note(struct s903_import_result *res, const char *note)
{
	xgrow((void **)&res->notes, &res->cap_notes, res->nnotes + 1, sizeof *res->notes);
	res->notes[res->nnotes++] = arena_strdup(&res->arena, note);
}

json_t *s903_import_result_json(const struct s903_import_result *res)
{
	json_t *o = json_object();
	json_set_int(o, "children", (long long)res->children);
	json_set_int(o, "created", (long long)res->created);
	json_set_int(o, "matched", (long long)res->matched);
	json_set_int(o, "error_children", (long long)res->error_children);
	json_t *lo = json_array();
	for (size_t i = 0; i < res->nleft_out; i++) {
		json_t *x = json_object();
		json_set_str(x, "child", res->left_out[i].child);
		json_set_str(x, "why", res->left_out[i].why);
		json_array_append_new(lo, x);
	}
	json_object_set_new(o, "left_out", lo);
	json_t *added = json_object();
	for (int k = 0; k < EV_COUNT; k++)
		if (res->added[k])
			json_set_int(added, event_kind_name(k), (long long)res->added[k]);
	json_object_set_new(o, "events_added", added);
	json_set_int(o, "events_added_total", (long long)res->added_total);
	json_set_int(o, "events_existing", (long long)res->existing);
	json_t *rf = json_array();
	for (size_t i = 0; i < res->nrefused; i++) {
		const struct s903_refused *f = &res->refused[i];
		json_t *x = json_object();
		json_set_str(x, "child", f->child);
		json_set_str(x, "record", f->record);
		json_set_str(x, "kind", event_kind_name(f->kind));
		json_set_date(x, "date", f->date);
		json_set_str(x, "why", f->why);
		json_array_append_new(rf, x);
	}
	json_object_set_new(o, "events_refused", rf);
	json_t *notes = json_array();
	for (size_t i = 0; i < res->nnotes; i++)
		json_array_append_new(notes, json_string(res->notes[i]));
	json_object_set_new(o, "notes", notes);
	return o;
}

/* ---- the return's errors, per child ---- */

/* Only errors in the tables the import reads (Header, Episodes, AD1,
 * PlacedAdoption) keep a child out: an error in a review, an OC2 score or a
 * missing-episode row says nothing about the dates raa takes. */
static bool error_touches_import(const struct s903_error *e)
{
	return e->slot == S903_HEADER || e->slot == S903_EPISODES || e->slot == S903_AD1 ||
	       e->slot == S903_PLACED;
}

/* Rule codes of each child's errors ("101, 551"), NULL for a clean child;
 * returns how many children have errors. The report is sorted by rule, so
 * a repeat of a rule for a child is its last one. */
static size_t mark_errors(struct importer *im, const struct s903_report *rep)
{
	size_t bad = 0;
	im->rules = xcalloc(im->r->nchild + 1, sizeof *im->rules);
	const char **last = xcalloc(im->r->nchild ? im->r->nchild : 1, sizeof *last);
	for (size_t i = 0; i < rep->nerrors; i++) {
		const struct s903_error *e = &rep->errors[i];
		const struct s903_table *t = &im->r->tab[e->slot];
		int k = t->child && e->row >= 0 && (size_t)e->row < t->n ? t->child[e->row] : -1;
		if (k < 0 || !error_touches_import(e))
			continue;
		if (!im->rules[k]) {
			bad++;
			im->rules[k] = arena_printf(&im->res->arena, "%s", e->rule);
		} else if (strcmp(last[k], e->rule) != 0) {
			im->rules[k] = arena_printf(&im->res->arena, "%s, %s", im->rules[k], e->rule);
		}
		last[k] = e->rule;
	}
	free(last);
	return bad;
}

/* ---- raa's children ---- */

static int la_cmp(const void *pa, const void *pb)
{
	const struct snap_child *const *a = pa, *const *b = pb;
	return strcasecmp((*a)->rec.la_child_id, (*b)->rec.la_child_id);
}

/* The next "C<n>" above every C<n> id raa has. */
static long next_child_number(const struct snapshot *snap)
{
	long max = 0;
	for (size_t i = 0; i < snap->nchildren + snap->nadopters; i++) {
		const char *id = i < snap->nchildren ? snap->children[i].rec.id
						      : snap->adopters[i - snap->nchildren].rec.id;
		long n;
		if (id[0] == 'C' && str_to_int(id + 1, 1, 999999999, &n) == 0 && n > max)
			max = n;
	}
	return max + 1;
}

static void index_partner(struct importer *im)
{
	im->by_la = xcalloc(im->snap.nchildren + 1, sizeof *im->by_la);
	for (size_t i = 0; i < im->snap.nchildren; i++) {
		const struct snap_child *c = &im->snap.children[i];
		if (strcmp(c->rec.partner, im->o->partner) == 0 && !str_empty(c->rec.la_child_id))
			im->by_la[im->nby_la++] = c;
	}
	if (im->nby_la > 1)
		qsort(im->by_la, im->nby_la, sizeof *im->by_la, la_cmp);
}

/* raa's children of the partner with this la_child_id: [*first, +count). */
static size_t find_la(const struct importer *im, const char *child, size_t *first)
{
	size_t lo = 0, hi = im->nby_la;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcasecmp(im->by_la[mid]->rec.la_child_id, child) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	while (lo + n < im->nby_la && strcasecmp(im->by_la[lo + n]->rec.la_child_id, child) == 0)
		n++;
	*first = lo;
	return n;
}

/* ---- the events a child's rows say ---- */

static void cand_add(struct importer *im, struct cands *cs, int kind, raa_day date,
		     const char *fmt, const char *a, const char *b)
{
	if (date == DAY_NONE)
		return;
	xgrow((void **)&cs->v, &cs->cap, cs->n + 1, sizeof *cs->v);
	const char *detail = arena_printf(&im->res->arena, "SSDA903 %s", im->year);
	if (fmt)
		detail = arena_printf(&im->res->arena, "%s: %s=%s", detail, fmt, a ? a : "");
	if (fmt && b)
		detail = arena_printf(&im->res->arena, "%s %s", detail, b);
	cs->v[cs->n++] = (struct cand){ kind, date, detail };
}

struct epi {
	raa_day decom;
	int row;
};

static int epi_cmp(const void *pa, const void *pb)
{
	const struct epi *a = pa, *b = pb;
	if (a->decom != b->decom)
		return a->decom < b->decom ? -1 : 1;
	return a->row - b->row;
}

#define EPI_S(c, i) s903_s(t, (c), (size_t)e[(i)].row)

/* An episode ends a period of care when it has a DEC and no episode
 * starts that day. */
static bool ends_period(const struct s903_table *t, const struct epi *e, size_t i, size_t m)
{
	raa_day dec = s903_d(t, S903_C_DEC, (size_t)e[i].row);
	return dec != DAY_NONE && !(i + 1 < m && e[i + 1].decom == dec);
}

static bool adoptive(const char *place)
{
	return S903_IN(place, "A3", "A4", "A5", "A6");
}

static bool order_ls(const char *ls)
{
	return S903_IN(ls, "E1", "D1");
}

/* One episode: what starts at its DECOM and what ends at its DEC. `cont`
 * says the previous episode is of the same period (in this return). */
static void episode(struct importer *im, struct cands *cs, const struct s903_table *t,
		    const struct epi *e, size_t i, size_t m, bool cont)
{
	const char *rne = EPI_S(S903_C_RNE, i), *ls = EPI_S(S903_C_LS, i);
	const char *place = EPI_S(S903_C_PLACE, i);
	const char *pls = cont ? EPI_S(S903_C_LS, i - 1) : NULL;
	const char *pplace = cont ? EPI_S(S903_C_PLACE, i - 1) : NULL;
	/* The first episode of a return continues a period that began earlier
	 * unless RNE says it started then (S): its DECOM is no start date. */
	if (!cont && (i > 0 || s903_eq(rne, "S")))
		cand_add(im, cs, EV_ENTERED_CARE, e[i].decom, "RNE", rne, NULL);
	bool ls_new = S903_IN(rne, "S", "L", "T") || (cont && s903_ne(pls, ls));
	if (order_ls(ls) && ls_new && !(cont && order_ls(pls)))
		cand_add(im, cs, EV_PLACEMENT_ORDER, e[i].decom, "LS", ls, NULL);
	bool place_new = S903_IN(rne, "S", "P", "T", "B") || (cont && s903_ne(pplace, place));
	if (adoptive(place) && place_new && !(cont && adoptive(pplace)))
		cand_add(im, cs, EV_PLACED, e[i].decom, "PLACE", place, NULL);
	if (!ends_period(t, e, i, m))
		return;
	const char *rec = EPI_S(S903_C_REC, i);
	raa_day dec = s903_d(t, S903_C_DEC, (size_t)e[i].row);
	if (S903_IN(rec, "E11", "E12"))
		cand_add(im, cs, EV_ADOPTION_ORDER, dec, "REC", rec, NULL);
	else if (rec && !s903_eq(rec, "X1"))
		cand_add(im, cs, EV_LEFT_CARE, dec, "REC", rec, NULL);
}

static void episode_events(struct importer *im, int k, struct cands *cs)
{
	const struct s903_table *t = &im->r->tab[S903_EPISODES];
	int n;
	const int *rows = s903_rows(t, k, &n);
	struct epi *e = xmalloc(((size_t)n + 1) * sizeof *e);
	size_t m = 0;
	for (int i = 0; i < n; i++) {
		raa_day d = s903_d(t, S903_C_DECOM, (size_t)rows[i]);
		if (d != DAY_NONE)
			e[m++] = (struct epi){ d, rows[i] };
	}
	qsort(e, m, sizeof *e, epi_cmp);
	for (size_t i = 0; i < m; i++)
		episode(im, cs, t, e, i, m, i > 0 && !ends_period(t, e, i - 1, m));
	free(e);
}

static void adoption_events(struct importer *im, int k, struct cands *cs)
{
	const struct s903_table *a = &im->r->tab[S903_AD1], *p = &im->r->tab[S903_PLACED];
	int n;
	const int *rows = s903_rows(a, k, &n);
	for (int i = 0; i < n; i++) {
		size_t row = (size_t)rows[i];
		cand_add(im, cs, EV_SHOULD_BE_PLACED, s903_d(a, S903_C_DATE_INT, row), "AD1 DATE_INT",
			 s903_s(a, S903_C_DATE_INT, row), NULL);
		/* The adopters' codes ride in the detail: the export writes them back. */
		const char *more = arena_printf(&im->res->arena,
						"NB_ADOPTR=%s SEX_ADOPTR=%s LS_ADOPTR=%s",
						str_empty(s903_s(a, S903_C_NB_ADOPTR, row)) ? "" : s903_s(a, S903_C_NB_ADOPTR, row),
						str_empty(s903_s(a, S903_C_SEX_ADOPTR, row)) ? "" : s903_s(a, S903_C_SEX_ADOPTR, row),
						str_empty(s903_s(a, S903_C_LS_ADOPTR, row)) ? "" : s903_s(a, S903_C_LS_ADOPTR, row));
		cand_add(im, cs, EV_MATCH_DECISION, s903_d(a, S903_C_DATE_MATCH, row), "FOSTER_CARE",
			 s903_s(a, S903_C_FOSTER_CARE, row), more);
	}
	rows = s903_rows(p, k, &n);
	for (int i = 0; i < n; i++) {
		size_t row = (size_t)rows[i];
		cand_add(im, cs, EV_SHOULD_BE_PLACED, s903_d(p, S903_C_DATE_PLACED, row),
			 "PlacedAdoption DATE_PLACED", s903_s(p, S903_C_DATE_PLACED, row), NULL);
		cand_add(im, cs, EV_PLAN_CHANGED, s903_d(p, S903_C_DATE_PLACED_CEASED, row),
			 "REASON_PLACED_CEASED", s903_s(p, S903_C_REASON_PLACED_CEASED, row), NULL);
	}
}

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return kind_rank(a->kind) - kind_rank(b->kind);
}

/* ---- one child ---- */

struct child_journey {
	const char *child; /* CHILD */
	const char *id;    /* raa id */
	struct journey j;
	const struct event_rec **ev;
	size_t cap;
};

static bool on_journey(const struct journey *j, int kind, raa_day date)
{
	for (size_t i = 0; i < j->n; i++)
		if (j->ev[i]->kind == kind && j->ev[i]->date == date &&
		    !journey_superseded(j, j->ev[i]))
			return true;
	return false;
}

static void refuse(struct importer *im, const struct child_journey *cj, const struct cand *c,
		   const char *why)
{
	struct s903_import_result *res = im->res;
	xgrow((void **)&res->refused, &res->cap_refused, res->nrefused + 1, sizeof *res->refused);
	res->refused[res->nrefused++] = (struct s903_refused){
		arena_strdup(&res->arena, cj->child), arena_strdup(&res->arena, cj->id), c->kind,
		c->date, arena_strdup(&res->arena, why)
	};
}

/* Adds one event unless the journey has it or refuses it. */
static int add_event(struct importer *im, struct child_journey *cj, const struct cand *c,
		     struct raa_err *err)
{
	if (on_journey(&cj->j, c->kind, c->date)) {
		im->res->existing++;
		return 0;
	}
	struct event_rec e = { .record = cj->id, .type = REC_CHILD, .kind = c->kind,
			       .date = c->date, .detail = c->detail, .origin = ORIGIN_EVENT,
			       .recorded_by = im->sc->actor, .recorded_at = im->stamp };
	struct event_rec chk = e;
	if (event_kind_names_adopter(c->kind))
		chk.adopter = NO_HOUSEHOLD; /* the one allowance: see the top */
	struct raa_err why;
	if (journey_check(&cj->j, &chk, im->o->today, &why) < 0) {
		refuse(im, cj, c, why.msg);
		return 0;
	}
	int rc = store_event_insert(im->s, im->sc, &e, &e.id, err);
	if (rc < 0)
		return rc;
	struct event_rec *kept = arena_alloc(&im->res->arena, sizeof *kept);
	*kept = e;
	kept->recorded_by = kept->recorded_at = NULL;
	xgrow((void **)&cj->ev, &cj->cap, cj->j.n + 1, sizeof *cj->ev);
	cj->ev[cj->j.n++] = kept;
	journey_sort(cj->ev, cj->j.n);
	cj->j.ev = cj->ev;
	im->res->added[c->kind]++;
	im->res->added_total++;
	return 0;
}

/* The Header row's values as raa holds them; NULL when fine, else why not. */
static const char *header_values(struct importer *im, int hrow, struct child_rec *c)
{
	const struct s903_table *h = &im->r->tab[S903_HEADER];
	size_t row = (size_t)hrow;
	const char *sex = s903_s(h, S903_C_SEX, row), *dob = s903_s(h, S903_C_DOB, row);
	const char *eth = s903_s(h, S903_C_ETHNIC, row);
	if (S903_IN(sex, "1", "M"))
		c->sex = 'M';
	else if (S903_IN(sex, "2", "F"))
		c->sex = 'F';
	else if (s903_eq(sex, "U"))
		c->sex = 'U';
	else if (sex)
		return arena_printf(&im->res->arena, "Header SEX '%s': expected 1, 2, M, F or U", sex);
	c->dob = s903_d(h, S903_C_DOB, row);
	if (dob && c->dob == DAY_NONE)
		return arena_printf(&im->res->arena, "Header DOB '%s': expected dd/mm/yyyy", dob);
	if (eth && !ethnicity_valid(eth))
		return arena_printf(&im->res->arena, "Header ETHNIC '%s': expected an SSDA903 code", eth);
	c->ethnicity = eth;
	return NULL;
}

/* raa's record is kept as it is (it may hold corrections the return does
 * not): a difference is listed for a person to look at. */
static void compare_record(struct importer *im, const struct child_rec *have,
			   const struct child_rec *ret, const char *child)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	if (ret->sex && have->sex != ret->sex)
		add_note(im->res, arena_printf(&im->res->arena,
					       "%s (CHILD %s): sex %c in the return, %c in raa: raa's kept",
					       have->id, child, ret->sex, have->sex ? have->sex : '-'));
	if (ret->dob != DAY_NONE && have->dob != ret->dob) {
		date_format_iso(ret->dob, a);
		date_format_iso(have->dob, b);
		add_note(im->res, arena_printf(&im->res->arena,
					       "%s (CHILD %s): dob %s in the return, '%s' in raa: raa's kept",
					       have->id, child, a, b));
	}
	if (ret->ethnicity && (!have->ethnicity || strcmp(have->ethnicity, ret->ethnicity) != 0))
		add_note(im->res, arena_printf(&im->res->arena,
					       "%s (CHILD %s): ethnicity %s in the return, '%s' in raa: raa's kept",
					       have->id, child, ret->ethnicity,
					       have->ethnicity ? have->ethnicity : ""));
}

/* A new child record with the next free C<n> (another scope may hold ids
 * this one cannot see: a taken id moves on to the next). */
static int create_child(struct importer *im, struct child_rec *c, struct raa_err *err)
{
	for (int tries = 0; tries < 1000; tries++) {
		c->id = arena_printf(&im->res->arena, "C%ld", im->next_id++);
		int rc = store_child_insert(im->s, im->sc, c, err);
		if (rc != RAA_ECONFLICT)
			return rc;
	}
	return raa_err_set(err, RAA_ECONFLICT, "no free child id found after C%ld", im->next_id);
}

/* Finds or creates the child's record; 1 when left out (listed). */
static int child_record(struct importer *im, int hrow, struct child_journey *cj,
			struct raa_err *err)
{
	struct child_rec c = { .partner = im->o->partner, .la_child_id = cj->child,
			       .dob = DAY_NONE, .base_status = CS_NONE,
			       .contact = CONTACT_UNKNOWN, .profile_updated = DAY_NONE };
	for (int d = 0; d < NEED_DIMS; d++)
		c.needs[d] = NEED_UNKNOWN;
	const char *why = header_values(im, hrow, &c);
	size_t first, n = why ? 0 : find_la(im, cj->child, &first);
	if (!why && n > 1)
		why = arena_printf(&im->res->arena, "%zu children of partner %s in raa have this "
				   "la_child_id (%s, %s)", n, im->o->partner,
				   im->by_la[first]->rec.id, im->by_la[first + 1]->rec.id);
	if (why) {
		leave_out(im->res, cj->child, why);
		return 1;
	}
	if (n == 1) {
		const struct snap_child *sc = im->by_la[first];
		compare_record(im, &sc->rec, &c, cj->child);
		cj->id = sc->rec.id;
		cj->j = sc->j;
		xgrow((void **)&cj->ev, &cj->cap, sc->j.n + 1, sizeof *cj->ev);
		if (sc->j.n)
			memcpy(cj->ev, sc->j.ev, sc->j.n * sizeof *cj->ev);
		cj->j.ev = cj->ev;
		im->res->matched++;
		return 0;
	}
	int rc = create_child(im, &c, err);
	if (rc < 0)
		return rc;
	cj->id = c.id;
	cj->j = (struct journey){ .type = REC_CHILD, .id = c.id, .dob = c.dob,
				  .base_status = CS_NONE };
	im->res->created++;
	return 0;
}

static int import_child(struct importer *im, int k, int hrow, struct raa_err *err)
{
	struct child_journey cj = { .child = im->r->child_id[k] };
	if (im->rules[k]) {
		leave_out(im->res, cj.child,
			  arena_printf(&im->res->arena, "validation errors: rules %s", im->rules[k]));
		return 0;
	}
	int rc = child_record(im, hrow, &cj, err);
	if (rc != 0) {
		free(cj.ev);
		return rc < 0 ? rc : 0;
	}
	struct cands cs = { 0 };
	episode_events(im, k, &cs);
	adoption_events(im, k, &cs);
	if (cs.n > 1)
		qsort(cs.v, cs.n, sizeof *cs.v, cand_cmp);
	for (size_t i = 0; i < cs.n && rc == 0; i++) {
		if (i > 0 && cs.v[i].kind == cs.v[i - 1].kind && cs.v[i].date == cs.v[i - 1].date)
			continue; /* AD1 and PlacedAdoption give the same decision */
		rc = add_event(im, &cj, &cs.v[i], err);
	}
	free(cs.v);
	free(cj.ev);
	return rc;
}

/* Children with rows to import but no Header row cannot be created. */
static void list_headless(struct importer *im, const bool *seen)
{
	static const int tabs[] = { S903_EPISODES, S903_AD1, S903_PLACED };
	for (size_t k = 0; k < im->r->nchild; k++) {
		if (seen[k])
			continue;
		for (size_t t = 0; t < 3; t++) {
			int n;
			s903_rows(&im->r->tab[tabs[t]], (int)k, &n);
			if (n) {
				leave_out(im->res, im->r->child_id[k], "no Header row");
				break;
			}
		}
	}
}

/* Every Header child in file order; a CHILD given twice is left out. */
static int import_children(struct importer *im, struct raa_err *err)
{
	const struct s903_table *h = &im->r->tab[S903_HEADER];
	bool *seen = xcalloc(im->r->nchild + 1, sizeof *seen);
	int rc = 0;
	for (size_t row = 0; row < h->n && rc == 0; row++) {
		int k = h->child[row];
		if (k < 0 || seen[k])
			continue;
		seen[k] = true;
		im->res->children++;
		int n;
		s903_rows(h, k, &n);
		if (n > 1)
			leave_out(im->res, im->r->child_id[k],
				  arena_printf(&im->res->arena, "Header: %d rows for this child", n));
		else
			rc = import_child(im, k, (int)row, err);
	}
	if (rc == 0)
		list_headless(im, seen);
	free(seen);
	return rc;
}

static int check_start(struct importer *im, const struct s903_report *rep, struct raa_err *err)
{
	if (!im->r->tab[S903_HEADER].present)
		return raa_err_set(err, RAA_EINVAL, "the return has no Header table: "
				   "children cannot be created without it");
	int ok = store_partner_exists(im->s, im->o->partner, err);
	if (ok < 0)
		return ok;
	if (!ok)
		return raa_err_set(err, RAA_EINVAL, "--partner: value '%s': expected a partner's LA "
				   "code (raa partner list)", im->o->partner);
	im->res->error_children = mark_errors(im, rep);
	if (rep->nerrors && !im->o->accept_errors)
		return raa_err_set(err, RAA_EINVAL,
				   "the return has %zu errors on %zu children: nothing imported "
				   "(correct them, or give --accept-errors to import the children "
				   "without errors)", rep->nerrors, im->res->error_children);
	return 0;
}

int s903_import(struct store *s, const struct store_scope *sc, const struct s903_return *r,
		const struct s903_report *rep, const struct s903_import_opts *o,
		struct s903_import_result *res, struct raa_err *err)
{
	struct importer im = { .s = s, .sc = sc, .r = r, .o = o, .res = res };
	snprintf(im.year, sizeof im.year, "%d/%02d", r->year, (r->year + 1) % 100);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(im.stamp, sizeof im.stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	int rc = check_start(&im, rep, err);
	if (rc == 0)
		rc = store_begin(s, err);
	if (rc < 0) {
		free(im.rules);
		return rc;
	}
	rc = snapshot_load(s, sc, &im.snap, err);
	if (rc == 0) {
		index_partner(&im);
		im.next_id = next_child_number(&im.snap);
		rc = import_children(&im, err);
	}
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0)
		store_rollback(s);
	snapshot_free(&im.snap);
	free(im.by_la);
	free(im.rules);
	return rc;
}
