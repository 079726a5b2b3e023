/*
 * match: units, hard constraints, scores and the pool-wide proposal of
 * matching.md. See docs/matching.md for the decisions taken here.
 */
#include "domain/match.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/assign.h"
#include "domain/htp.h"

/* Waiting longer than this scores (and weighs) no more: it bounds every
 * weight the exact assignment adds up, far inside int64_t. */
#define WAIT_CAP_DAYS (20 * 365)
#define UNIT_MAX_CHILDREN 4 /* a household is approved for 1 to 4 */

static const char *const CODE_NAMES[MC_COUNT] = {
	"not_available", "age_range", "max_children", "disability", "health",
	"development", "behaviour", "contact", "birth_family_area",
};

static const char *const FACTOR_NAMES[MF_COUNT] = {
	"needs_headroom", "identity_heritage", "early_permanence", "child_waiting",
	"household_waiting",
};

const char *match_code_name(int code)
{
	return code >= 0 && code < MC_COUNT ? CODE_NAMES[code] : "";
}

const char *match_factor_name(int f)
{
	return f >= 0 && f < MF_COUNT ? FACTOR_NAMES[f] : "";
}

/* ---- weights ---- */

const struct match_setting MATCH_SETTINGS[] = {
	{ "match.weight.needs_headroom",
	  "points for a household approved one level beyond the child's needs, averaged over the four dimensions",
	  1.0, 0, 10 },
	{ "match.weight.identity_heritage",
	  "points when the applicant's ethnicity is the child's (half for a shared heritage group)", 1.5,
	  0, 10 },
	{ "match.weight.early_permanence",
	  "points when the household is approved for early permanence and the children are suitable and young",
	  2.0, 0, 10 },
	{ "match.weight.child_waiting", "points per year the child has waited since 'should be placed'",
	  1.0, 0, 10 },
	{ "match.weight.household_waiting", "points per year the household has waited since approval",
	  0.5, 0, 10 },
	{ "match.priority.harder_to_place",
	  "pool priority added per harder-to-place reason of the unit (priority starts at 1)", 0.5, 0, 10 },
	{ "match.priority.waiting", "pool priority added per year the unit has waited", 0.25, 0, 10 },
	{ "match.early_permanence.max_age_months",
	  "children older than this (whole months) earn no early permanence points", 24, 0, 216 },
};
const size_t MATCH_SETTING_COUNT = sizeof MATCH_SETTINGS / sizeof MATCH_SETTINGS[0];

static double *weight_slot(struct match_weights *w, size_t i)
{
	if (i < MF_COUNT)
		return &w->factor[i];
	switch (i - MF_COUNT) {
	case 0: return &w->priority_htp;
	case 1: return &w->priority_waiting;
	default: return &w->ep_max_age_months;
	}
}

void match_weights_default(struct match_weights *w)
{
	for (size_t i = 0; i < MATCH_SETTING_COUNT; i++)
		*weight_slot(w, i) = MATCH_SETTINGS[i].dflt;
}

double match_weights_get(const struct match_weights *w, size_t setting)
{
	return *weight_slot((struct match_weights *)w, setting);
}

int match_weights_set(struct match_weights *w, const char *key, const char *value,
		      struct raa_err *err)
{
	for (size_t i = 0; i < MATCH_SETTING_COUNT; i++) {
		const struct match_setting *s = &MATCH_SETTINGS[i];
		if (strcmp(s->key, key) != 0)
			continue;
		char *end = NULL;
		double v = value ? strtod(value, &end) : 0;
		if (!value || end == value || *end || !(v >= s->min && v <= s->max))
			return raa_err_set(err, RAA_EINVAL, "%s: value '%s': expected a number from %g to %g",
					   key, value ? value : "", s->min, s->max);
		*weight_slot(w, i) = v;
		return 0;
	}
	return raa_err_set(err, RAA_ENOTFOUND, "%s: not a matching setting", key);
}

/* ---- the pool ---- */

static int natcmp_kid(const void *a, const void *b)
{
	const struct child_rec *x = *(const struct child_rec *const *)a;
	const struct child_rec *y = *(const struct child_rec *const *)b;
	return str_natcmp(x->id, y->id);
}

/* A child in one of the two pools, with what grouping needs. */
struct pooled {
	const struct match_child_in *in;
	bool early;
	bool grouped;
	const char *key; /* sibling group, or the child's own id */
};

static int pooled_cmp(const void *a, const void *b)
{
	const struct pooled *x = a, *y = b;
	if (x->early != y->early)
		return x->early ? 1 : -1;
	if (x->grouped != y->grouped)
		return x->grouped ? 1 : -1;
	int c = strcmp(x->key, y->key);
	return c ? c : str_natcmp(x->in->rec->id, y->in->rec->id);
}

static int strptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* How many children of the input share group g (groups sorted). */
static int group_size(const char **groups, size_t n, const char *g)
{
	const char **hit = bsearch(&g, groups, n, sizeof *groups, strptr_cmp);
	if (!hit)
		return 1;
	const char **lo = hit, **hi = hit;
	while (lo > groups && strcmp(lo[-1], g) == 0)
		lo--;
	while (hi + 1 < groups + n && strcmp(hi[1], g) == 0)
		hi++;
	return (int)(hi - lo + 1);
}

static long waited_days(raa_day since, raa_day on)
{
	if (since == DAY_NONE || on <= since)
		return 0;
	long d = (long)on - since;
	return d > WAIT_CAP_DAYS ? WAIT_CAP_DAYS : d;
}

/* Tenths (or hundredths) of x >= 0, rounded half up. */
static int round_scaled(double x, double scale)
{
	double v = x * scale + 0.5;
	return v <= 0 ? 0 : (int)v;
}

static int popcount(unsigned v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static void unit_fill(struct match_pool *p, struct match_unit *u, const struct pooled *m, int n,
		      const char **groups, size_t ngroups)
{
	u->kids = arena_alloc(&p->arena, (size_t)n * sizeof *u->kids);
	u->n = n;
	u->early = m[0].early;
	u->min_age = u->max_age = -1;
	u->contact = CONTACT_NONE;
	for (int d = 0; d < NEED_DIMS; d++)
		u->need[d] = NEED_NONE;
	u->since = DAY_NONE;
	u->ep_suitable = true;
	for (int i = 0; i < n; i++) {
		const struct child_rec *c = m[i].in->rec;
		const struct journey *j = m[i].in->j;
		u->kids[i] = c;
		int age = c->dob == DAY_NONE ? -1 : date_whole_months(c->dob, p->on);
		if (age >= 0) {
			if (u->min_age < 0 || age < u->min_age)
				u->min_age = age;
			if (age > u->max_age)
				u->max_age = age;
		}
		for (int d = 0; d < NEED_DIMS; d++)
			if (c->needs[d] > u->need[d])
				u->need[d] = c->needs[d];
		if (c->contact > u->contact)
			u->contact = c->contact;
		const struct event_rec *e =
			journey_last(j, u->early ? EV_EARLY_REFERRAL : EV_SHOULD_BE_PLACED, p->on);
		if (e && (u->since == DAY_NONE || e->date < u->since))
			u->since = e->date;
		int gs = c->sibling_group && *c->sibling_group ? group_size(groups, ngroups, c->sibling_group) : 1;
		u->htp |= htp_reasons(c, j, gs, p->on);
		if (!c->early_permanence || age < 0 || age > p->w.ep_max_age_months)
			u->ep_suitable = false;
	}
	qsort(u->kids, (size_t)n, sizeof *u->kids, natcmp_kid);
	u->priority = 100 + round_scaled(p->w.priority_htp * popcount(u->htp), 100) +
		      round_scaled(p->w.priority_waiting * (double)waited_days(u->since, p->on) / 365.0, 100);
}

/* Highest priority first, then longest waiting, then first child's id. */
static int unit_cmp(const void *a, const void *b)
{
	const struct match_unit *x = a, *y = b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if (x->since != y->since)
		return x->since == DAY_NONE ? 1 : y->since == DAY_NONE ? -1 : x->since < y->since ? -1 : 1;
	return str_natcmp(x->kids[0]->id, y->kids[0]->id);
}

static bool same_unit(const struct pooled *a, const struct pooled *b)
{
	return a->grouped && b->grouped && a->early == b->early && strcmp(a->key, b->key) == 0;
}

static void build_units(struct match_pool *p, const struct match_child_in *c, size_t nc)
{
	struct pooled *m = xmalloc((nc + 1) * sizeof *m);
	const char **groups = xmalloc((nc + 1) * sizeof *groups);
	size_t nm = 0, ng = 0;
	for (size_t i = 0; i < nc; i++) {
		const struct child_rec *r = c[i].rec;
		bool grouped = r->sibling_group && *r->sibling_group;
		if (grouped)
			groups[ng++] = r->sibling_group;
		int st = journey_status(c[i].j, p->on);
		bool early = st == CS_TRACKING && journey_last(c[i].j, EV_EARLY_REFERRAL, p->on);
		if (st != CS_WAITING && !early)
			continue;
		m[nm++] = (struct pooled){ &c[i], early, grouped, grouped ? r->sibling_group : r->id };
	}
	qsort(groups, ng, sizeof *groups, strptr_cmp);
	qsort(m, nm, sizeof *m, pooled_cmp);
	p->units = arena_alloc(&p->arena, (nm + 1) * sizeof *p->units);
	p->early = arena_alloc(&p->arena, (nm + 1) * sizeof *p->early);
	for (size_t i = 0; i < nm;) {
		size_t k = i + 1;
		while (k < nm && same_unit(&m[i], &m[k]))
			k++;
		struct match_unit *u = m[i].early ? &p->early[p->nearly++] : &p->units[p->nunits++];
		memset(u, 0, sizeof *u);
		unit_fill(p, u, &m[i], (int)(k - i), groups, ng);
		i = k;
	}
	qsort(p->units, p->nunits, sizeof *p->units, unit_cmp);
	qsort(p->early, p->nearly, sizeof *p->early, unit_cmp);
	free(m);
	free(groups);
}

bool match_open_link(const struct journey *j, raa_day on)
{
	bool open = false;
	for (size_t i = 0; i < j->n; i++) {
		const struct event_rec *e = j->ev[i];
		if (e->date > on)
			break;
		if (journey_superseded(j, e))
			continue;
		if (e->kind == EV_LINKED)
			open = true;
		else if (e->kind == EV_LINK_ENDED || e->kind == EV_WITHDRAWN ||
			 e->kind == EV_DEREGISTERED || e->kind == EV_APPROVED)
			open = false; /* a later approval is a new period of waiting */
	}
	return open;
}

static void build_households(struct match_pool *p, const struct match_household_in *h, size_t nh)
{
	p->hh = arena_alloc(&p->arena, (nh + 1) * sizeof *p->hh);
	for (size_t i = 0; i < nh; i++) {
		int st = journey_status(h[i].j, p->on);
		if (st != AS_APPROVED && st != AS_ON_HOLD && st != AS_LINKED)
			continue;
		struct match_household *m = &p->hh[p->nhh++];
		const struct event_rec *ap = journey_last(h[i].j, EV_APPROVED, p->on);
		*m = (struct match_household){ .rec = h[i].rec, .status = st };
		m->open_link = st == AS_LINKED || match_open_link(h[i].j, p->on);
		m->available = st == AS_APPROVED && !m->open_link;
		m->approved = ap ? ap->date : DAY_NONE;
	}
}

void match_pool_build(struct match_pool *p, const struct match_child_in *c, size_t nc,
		      const struct match_household_in *h, size_t nh, raa_day on,
		      const struct match_weights *w)
{
	memset(p, 0, sizeof *p);
	arena_init(&p->arena, 0);
	p->on = on;
	p->w = *w;
	build_units(p, c, nc);
	build_households(p, h, nh);
}

void match_pool_free(struct match_pool *p)
{
	arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}

static bool unit_has(const struct match_unit *u, const char *id)
{
	for (int i = 0; i < u->n; i++)
		if (strcmp(u->kids[i]->id, id) == 0)
			return true;
	return false;
}

const struct match_unit *match_pool_unit_of(const struct match_pool *p, const char *child_id)
{
	for (size_t i = 0; i < p->nunits; i++)
		if (unit_has(&p->units[i], child_id))
			return &p->units[i];
	for (size_t i = 0; i < p->nearly; i++)
		if (unit_has(&p->early[i], child_id))
			return &p->early[i];
	return NULL;
}

const struct match_household *match_pool_household(const struct match_pool *p, const char *id)
{
	for (size_t i = 0; i < p->nhh; i++)
		if (strcmp(p->hh[i].rec->id, id) == 0)
			return &p->hh[i];
	return NULL;
}

/* ---- constraints ---- */

/* A household's unknown level is none: it widens nothing it was approved for. */
static int hh_level(int level)
{
	return level < 0 ? 0 : level;
}

static bool age_fails(const struct match_unit *u, const struct adopter_rec *r)
{
	if (r->min_age_months < 0 || r->max_age_months < 0)
		return true; /* no approved age range recorded */
	return u->min_age >= 0 && (u->min_age < r->min_age_months || u->max_age > r->max_age_months);
}

static bool area_fails(const struct match_unit *u, const struct adopter_rec *r)
{
	for (int i = 0; i < u->n; i++)
		if (postcode_district_equal(r->postcode_district, u->kids[i]->birth_postcode_district))
			return true;
	return false;
}

unsigned match_check(const struct match_pool *p, const struct match_unit *u,
		     const struct match_household *h)
{
	(void)p;
	const struct adopter_rec *r = h->rec;
	unsigned f = 0;
	if (!h->available)
		f |= 1u << MC_NOT_AVAILABLE;
	if (age_fails(u, r))
		f |= 1u << MC_AGE_RANGE;
	if (u->n > r->max_children)
		f |= 1u << MC_MAX_CHILDREN;
	for (int d = 0; d < NEED_DIMS; d++)
		if (u->need[d] > hh_level(r->needs[d]))
			f |= 1u << (MC_DISABILITY + d);
	if (u->contact > hh_level(r->contact))
		f |= 1u << MC_CONTACT;
	if (area_fails(u, r))
		f |= 1u << MC_BIRTH_FAMILY_AREA;
	return f;
}

/* ---- score ---- */

/* Heritage groups of the SSDA903 ETHNIC codes: mixed codes share a group
 * with each heritage they mix. Refused / not obtained: none. */
enum { G_WHITE = 1, G_MIXED = 2, G_ASIAN = 4, G_BLACK = 8, G_CHINESE = 16, G_OTHER = 32 };

static unsigned heritage(const char *code)
{
	static const struct {
		const char *code;
		unsigned g;
	} T[] = {
		{ "WBRI", G_WHITE }, { "WIRI", G_WHITE }, { "WOTH", G_WHITE }, { "WIRT", G_WHITE },
		{ "WROM", G_WHITE }, { "MWBC", G_MIXED | G_WHITE | G_BLACK },
		{ "MWBA", G_MIXED | G_WHITE | G_BLACK }, { "MWAS", G_MIXED | G_WHITE | G_ASIAN },
		{ "MOTH", G_MIXED }, { "AIND", G_ASIAN }, { "APKN", G_ASIAN }, { "ABAN", G_ASIAN },
		{ "AOTH", G_ASIAN }, { "BCRB", G_BLACK }, { "BAFR", G_BLACK }, { "BOTH", G_BLACK },
		{ "CHNE", G_CHINESE }, { "OOTH", G_OTHER },
	};
	if (!code)
		return 0;
	for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
		if (strcmp(T[i].code, code) == 0)
			return T[i].g;
	return 0;
}

/* 2 for the same ethnicity, 1 for a shared heritage group, 0 otherwise. */
static int heritage_halves(const char *child, const char *hh)
{
	unsigned gc = heritage(child), gh = heritage(hh);
	if (!gc || !gh)
		return 0;
	if (strcmp(child, hh) == 0)
		return 2;
	return (gc & gh) ? 1 : 0;
}

static void say(struct match_reason *out, int factor, int points, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(struct match_reason *out, int factor, int points, const char *fmt, ...)
{
	if (!out)
		return;
	out[factor].factor = factor;
	out[factor].points = points;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out[factor].text, sizeof out[factor].text, fmt, ap);
	va_end(ap);
}

static int score_headroom(const struct match_pool *p, const struct match_unit *u,
			  const struct adopter_rec *r, struct match_reason *out)
{
	int head[NEED_DIMS], sum = 0;
	for (int d = 0; d < NEED_DIMS; d++) {
		head[d] = hh_level(r->needs[d]) - u->need[d];
		if (head[d] < 0)
			head[d] = 0;
		sum += head[d];
	}
	int pts = round_scaled(p->w.factor[MF_NEEDS_HEADROOM] * sum / NEED_DIMS, 10);
	say(out, MF_NEEDS_HEADROOM, pts,
	    "Approved beyond the %s needs by %d level%s in all: disability +%d, health +%d, "
	    "development +%d, behaviour +%d.",
	    u->n > 1 ? "children's" : "child's", sum, sum == 1 ? "" : "s", head[0], head[1], head[2],
	    head[3]);
	return pts;
}

static int score_identity(const struct match_pool *p, const struct match_unit *u,
			  const struct adopter_rec *r, struct match_reason *out)
{
	int same = 0, shared = 0;
	for (int i = 0; i < u->n; i++) {
		int h = heritage_halves(u->kids[i]->ethnicity, r->ethnicity);
		same += h == 2;
		shared += h == 1;
	}
	int pts = round_scaled(p->w.factor[MF_IDENTITY_HERITAGE] * (2 * same + shared) / (2.0 * u->n), 10);
	if (!out)
		return pts;
	if (!heritage(r->ethnicity))
		say(out, MF_IDENTITY_HERITAGE, pts, "The applicant's ethnicity is not recorded.");
	else if (same + shared == 0)
		say(out, MF_IDENTITY_HERITAGE, pts,
		    "The applicant's ethnicity (%s) shares no heritage group with the %s.", r->ethnicity,
		    u->n > 1 ? "children's" : "child's");
	else
		say(out, MF_IDENTITY_HERITAGE, pts,
		    "The applicant's ethnicity (%s) is the same as %d and shares a heritage group with %d of %d %s.",
		    r->ethnicity, same, shared, u->n, u->n > 1 ? "children" : "child");
	return pts;
}

static int score_ep(const struct match_pool *p, const struct match_unit *u,
		    const struct adopter_rec *r, struct match_reason *out)
{
	bool hh = r->early_permanence == 1;
	int pts = hh && u->ep_suitable ? round_scaled(p->w.factor[MF_EARLY_PERMANENCE], 10) : 0;
	if (pts)
		say(out, MF_EARLY_PERMANENCE, pts,
		    "Approved for early permanence, and the %s suitable and under %g months.",
		    u->n > 1 ? "children are" : "child is", p->w.ep_max_age_months);
	else if (!hh)
		say(out, MF_EARLY_PERMANENCE, 0, "The household is not approved for early permanence.");
	else
		say(out, MF_EARLY_PERMANENCE, 0,
		    "Approved for early permanence, but the %s not suitable or over %g months.",
		    u->n > 1 ? "children are" : "child is", p->w.ep_max_age_months);
	return pts;
}

static int score_wait(const struct match_pool *p, int factor, raa_day since,
		      struct match_reason *out, const char *who, const char *from)
{
	long days = waited_days(since, p->on);
	int pts = round_scaled(p->w.factor[factor] * (double)days / 365.0, 10);
	if (!out)
		return pts;
	if (since == DAY_NONE) {
		say(out, factor, pts, "The date of the %s is not recorded.", from);
	} else {
		char iso[DATE_ISO_LEN];
		date_format_iso(since, iso);
		say(out, factor, pts, "%s waited %ld day%s since the %s (%s).", who, days,
		    days == 1 ? "" : "s", from, iso);
	}
	return pts;
}

int match_score(const struct match_pool *p, const struct match_unit *u,
		const struct match_household *h, struct match_reason *out)
{
	const struct adopter_rec *r = h->rec;
	int s = score_headroom(p, u, r, out);
	s += score_identity(p, u, r, out);
	s += score_ep(p, u, r, out);
	s += score_wait(p, MF_CHILD_WAITING, u->since, out,
			u->n > 1 ? "The children have" : "The child has",
			u->early ? "early referral" : "'should be placed' decision");
	s += score_wait(p, MF_HOUSEHOLD_WAITING, h->approved, out, "The household has", "approval");
	return s;
}

/* ---- lists ---- */

/* p->hh is in natural id order, so idx order is adopter id order. */
static int cand_by_score(const void *a, const void *b)
{
	const struct match_entry *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void list_add(struct match_entry **arr, size_t *n, size_t *cap, struct match_entry e)
{
	xgrow((void **)arr, cap, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = e;
}

void match_for_unit(const struct match_pool *p, const struct match_unit *u, struct match_list *out)
{
	memset(out, 0, sizeof *out);
	size_t cc = 0, ce = 0;
	for (size_t i = 0; i < p->nhh; i++) {
		struct match_entry e = { .idx = i, .fails = match_check(p, u, &p->hh[i]) };
		if (e.fails) {
			list_add(&out->excl, &out->nexcl, &ce, e);
		} else {
			e.score = match_score(p, u, &p->hh[i], NULL);
			list_add(&out->cand, &out->ncand, &cc, e);
		}
	}
	if (out->ncand > 1)
		qsort(out->cand, out->ncand, sizeof *out->cand, cand_by_score);
}

/* Units are in priority order already (idx); among equal priority, the
 * higher score first. */
static int unit_by_priority(const void *a, const void *b)
{
	const struct match_entry *x = a, *y = b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void units_for(const struct match_pool *p, const struct match_household *h, bool early,
		      struct match_list *out)
{
	memset(out, 0, sizeof *out);
	size_t cc = 0, ce = 0;
	size_t n = early ? p->nearly : p->nunits;
	for (size_t i = 0; i < n; i++) {
		const struct match_unit *u = early ? &p->early[i] : &p->units[i];
		struct match_entry e = { .idx = i, .early = early, .priority = u->priority,
					 .fails = match_check(p, u, h) };
		if (e.fails) {
			if (!early)
				list_add(&out->excl, &out->nexcl, &ce, e);
		} else {
			e.score = match_score(p, u, h, NULL);
			list_add(&out->cand, &out->ncand, &cc, e);
		}
	}
	if (out->ncand > 1)
		qsort(out->cand, out->ncand, sizeof *out->cand, unit_by_priority);
}

void match_for_household(const struct match_pool *p, const struct match_household *h,
			 struct match_list *out, struct match_list *early)
{
	units_for(p, h, false, out);
	if (early)
		units_for(p, h, true, early);
}

void match_list_free(struct match_list *l)
{
	free(l->cand);
	free(l->excl);
	memset(l, 0, sizeof *l);
}

/* ---- the pool-wide proposal ---- */

static void result_fill(const struct match_pool *p, const int32_t *hh_of_unit,
			struct match_result *r)
{
	r->prop = xmalloc((p->nunits + 1) * sizeof *r->prop);
	r->unplaced = xmalloc((p->nunits + 1) * sizeof *r->unplaced);
	for (size_t i = 0; i < p->nunits; i++) {
		const struct match_unit *u = &p->units[i];
		if (hh_of_unit[i] < 0) {
			r->unplaced[r->nunplaced++] = i;
			continue;
		}
		const struct match_household *h = &p->hh[hh_of_unit[i]];
		int s = match_score(p, u, h, NULL);
		r->prop[r->nprop++] = (struct match_proposal){ i, (size_t)hh_of_unit[i], s };
		r->children_placed += u->n;
		r->weighted += (int64_t)s * u->priority;
	}
}

/*
 * One integer weight per feasible pair folds the two objectives in order:
 * size * BIG + score * priority, where BIG exceeds the largest possible
 * total of score * priority (the sum over units of their best pair). So
 * one more child placed always outweighs any gain in score, and among
 * proposals placing as many children the weighted score decides.
 */
void match_pool_propose(const struct match_pool *p, struct match_result *r)
{
	memset(r, 0, sizeof *r);
	int32_t *right_of = xmalloc((p->nhh + 1) * sizeof *right_of); /* p->hh -> right */
	size_t *hh_of = xmalloc((p->nhh + 1) * sizeof *hh_of);        /* right -> p->hh */
	size_t nright = 0;
	for (size_t i = 0; i < p->nhh; i++) {
		right_of[i] = p->hh[i].available ? (int32_t)nright : -1;
		if (p->hh[i].available)
			hh_of[nright++] = i;
	}
	size_t *start = xmalloc((p->nunits + 1) * sizeof *start);
	struct assign_edge *e = NULL;
	size_t ne = 0, cap = 0;
	int64_t big = 1;
	for (size_t u = 0; u < p->nunits; u++) {
		const struct match_unit *un = &p->units[u];
		start[u] = ne;
		int64_t best = 0;
		for (size_t k = 0; k < nright && un->n <= UNIT_MAX_CHILDREN; k++) {
			const struct match_household *h = &p->hh[hh_of[k]];
			if (match_check(p, un, h))
				continue;
			int64_t ws = (int64_t)match_score(p, un, h, NULL) * un->priority;
			xgrow((void **)&e, &cap, ne + 1, sizeof *e);
			e[ne++] = (struct assign_edge){ (int32_t)k, ws };
			if (ws > best)
				best = ws;
		}
		big += best;
	}
	start[p->nunits] = ne;
	for (size_t u = 0; u < p->nunits; u++)
		for (size_t k = start[u]; k < start[u + 1]; k++)
			e[k].weight += p->units[u].n * big;
	struct assign_graph g = { p->nunits, nright, start, e };
	int32_t *match = xmalloc((p->nunits + 1) * sizeof *match);
	assign_solve(&g, match);
	for (size_t u = 0; u < p->nunits; u++)
		match[u] = match[u] < 0 ? -1 : (int32_t)hh_of[match[u]];
	result_fill(p, match, r);
	r->edges = ne;
	free(match);
	free(e);
	free(start);
	free(hh_of);
	free(right_of);
}

/* First come: earliest 'should be placed' first (unknown last). */
static int first_come(const void *a, const void *b)
{
	const struct match_unit *x = *(const struct match_unit *const *)a;
	const struct match_unit *y = *(const struct match_unit *const *)b;
	if (x->since != y->since)
		return x->since == DAY_NONE ? 1 : y->since == DAY_NONE ? -1 : x->since < y->since ? -1 : 1;
	return str_natcmp(x->kids[0]->id, y->kids[0]->id);
}

void match_pool_greedy(const struct match_pool *p, struct match_result *r)
{
	memset(r, 0, sizeof *r);
	const struct match_unit **order = xmalloc((p->nunits + 1) * sizeof *order);
	int32_t *match = xmalloc((p->nunits + 1) * sizeof *match);
	bool *taken = xcalloc(p->nhh + 1, sizeof *taken);
	for (size_t i = 0; i < p->nunits; i++) {
		order[i] = &p->units[i];
		match[i] = -1;
	}
	qsort(order, p->nunits, sizeof *order, first_come);
	for (size_t k = 0; k < p->nunits; k++) {
		const struct match_unit *u = order[k];
		int best = -1, best_score = -1;
		for (size_t i = 0; i < p->nhh; i++) {
			if (taken[i] || match_check(p, u, &p->hh[i]))
				continue;
			int s = match_score(p, u, &p->hh[i], NULL);
			if (s > best_score) /* ties: the first in id order */
				best = (int)i, best_score = s;
		}
		if (best >= 0) {
			match[u - p->units] = best;
			taken[best] = true;
			r->edges++;
		}
	}
	result_fill(p, match, r);
	free(order);
	free(match);
	free(taken);
}

void match_result_free(struct match_result *r)
{
	free(r->prop);
	free(r->unplaced);
	memset(r, 0, sizeof *r);
}
