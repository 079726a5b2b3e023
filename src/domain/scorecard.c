#include "domain/scorecard.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* The events an indicator can read, with superseded ones already dropped,
 * in journey order (date, then recording order). */
struct sc_ev {
	raa_day date;
	int kind;
};

/* A period of care that ended in adoption, reduced to what the period
 * indicators add up (scorecard.md "the period of care that ended in
 * adoption"); -1 where the child is not in that indicator's population. */
struct sc_care {
	raa_day ao;
	int a1;   /* d(E, placed) */
	int a10;  /* d(E, fostered_by_adopters or placed) */
	int a2;   /* max(0, d(placement_order, match_decision)) */
	bool a3;  /* A10 end before E + 14 months */
};

struct sc_child {
	size_t ev, nev;     /* run in ix->ev */
	size_t care, ncare; /* run in ix->care, by adoption_order date */
};

struct sc_house {
	size_t ev, nev;
	raa_day first_match;    /* first match_decision, DAY_NONE if none */
	bool match_waited;      /* ... 3 months or more after its approval */
	raa_day t1_approved;    /* first approved with an roi before it, or DAY_NONE */
	bool t1_within;         /* ... on or before that roi + 6 months */
};

struct sc_index {
	char **partners;   /* distinct codes; records grouped in this order */
	size_t npartners;
	size_t *cstart;    /* children of partner p: [cstart[p], cstart[p + 1]) */
	size_t *hstart;
	struct sc_child *children;
	size_t nchildren;
	struct sc_house *houses;
	size_t nhouses;
	struct sc_ev *ev;
	size_t nev, evcap;
	struct sc_care *care;
	size_t ncare, carecap;
};

/* ---- rounding and periods ---- */

long scorecard_round_div(long long num, long long den)
{
	if (den <= 0)
		return 0;
	if (num >= 0)
		return (long)((2 * num + den) / (2 * den));
	return -(long)((-2 * num + den) / (2 * den));
}

long scorecard_pct_tenths(long count, long n)
{
	return scorecard_round_div((long long)count * 1000, n);
}

raa_day scorecard_period_from(raa_day to, int years)
{
	return date_add_months(to, -12 * years) + 1;
}

static raa_day month_end(int y, int m)
{
	return date_from_ymd(y, m, date_days_in_month(y, m));
}

/* The quarter end `back` quarters before the last one on or before `on`. */
static raa_day quarter_end_back(raa_day on, int back)
{
	int y, m, d;
	date_to_ymd(on, &y, &m, &d);
	int qm = (m - 1) / 3 * 3 + 3;
	if (on < month_end(y, qm))
		back++;
	long total = (long)y * 12 + (qm - 1) - 3L * back;
	return month_end((int)(total / 12), (int)(total % 12) + 1);
}

raa_day scorecard_quarter_end(raa_day on)
{
	return quarter_end_back(on, 0);
}

/* ---- building the index ---- */

static bool child_kind_read(int kind)
{
	switch (kind) {
	case EV_ENTERED_CARE: case EV_SHOULD_BE_PLACED: case EV_PLACEMENT_ORDER:
	case EV_MATCH_DECISION: case EV_FOSTERED_BY_ADOPTERS: case EV_PLACED:
	case EV_ADOPTION_ORDER: case EV_PLAN_CHANGED: case EV_DISRUPTION: case EV_LEFT_CARE:
		return true;
	default:
		return false;
	}
}

static bool house_kind_read(int kind)
{
	switch (kind) {
	case EV_ROI: case EV_STAGE2_NOTICE: case EV_APPROVED: case EV_NOT_APPROVED:
	case EV_WITHDRAWN: case EV_DEREGISTERED: case EV_MATCH_DECISION:
		return true;
	default:
		return false;
	}
}

static size_t partner_ix(struct sc_index *ix, size_t *cap, const char *code)
{
	if (!code)
		code = "";
	for (size_t p = 0; p < ix->npartners; p++)
		if (strcmp(ix->partners[p], code) == 0)
			return p;
	xgrow((void **)&ix->partners, cap, ix->npartners + 1, sizeof *ix->partners);
	ix->partners[ix->npartners] = xstrdup(code);
	return ix->npartners++;
}

/* Counting sort of records by partner: order[] receives input indices,
 * start[] (npartners + 1) each partner's run. */
static void group(struct sc_index *ix, const size_t *pof, size_t n, size_t *order, size_t *start)
{
	memset(start, 0, (ix->npartners + 1) * sizeof *start);
	for (size_t i = 0; i < n; i++)
		start[pof[i] + 1]++;
	for (size_t p = 0; p < ix->npartners; p++)
		start[p + 1] += start[p];
	size_t *next = xmalloc((ix->npartners + 1) * sizeof *next);
	memcpy(next, start, (ix->npartners + 1) * sizeof *next);
	for (size_t i = 0; i < n; i++)
		order[next[pof[i]]++] = i;
	free(next);
}

/* Appends the journey's events that `want` keeps, superseded ones left
 * out; returns where the run starts. */
static size_t copy_events(struct sc_index *ix, const struct journey *j, bool (*want)(int),
			  size_t *n)
{
	bool corrections = false;
	for (size_t i = 0; i < j->n; i++)
		corrections |= j->ev[i]->supersedes != 0;
	size_t start = ix->nev;
	for (size_t i = 0; i < j->n; i++) {
		const struct event_rec *e = j->ev[i];
		if (!want(e->kind) || (corrections && journey_superseded(j, e)))
			continue;
		xgrow((void **)&ix->ev, &ix->evcap, ix->nev + 1, sizeof *ix->ev);
		ix->ev[ix->nev++] = (struct sc_ev){ .date = e->date, .kind = e->kind };
	}
	*n = ix->nev - start;
	return start;
}

/* Latest event of kind in [lo, hi], or DAY_NONE. */
static raa_day latest_in(const struct sc_ev *ev, size_t n, int kind, raa_day lo, raa_day hi)
{
	raa_day best = DAY_NONE;
	for (size_t i = 0; i < n && ev[i].date <= hi; i++)
		if (ev[i].kind == kind && ev[i].date >= lo)
			best = ev[i].date;
	return best;
}

static raa_day first_in(const struct sc_ev *ev, size_t n, int kind, raa_day lo, raa_day hi)
{
	for (size_t i = 0; i < n && ev[i].date <= hi; i++)
		if (ev[i].kind == kind && ev[i].date >= lo)
			return ev[i].date;
	return DAY_NONE;
}

/* The key dates of the period of care ending in the adoption order on ao.
 * A child with no entered_care has no lower bound (DAY_NONE sorts first):
 * the whole journey before the order is its period of care. */
static struct sc_care care_for(const struct sc_ev *ev, size_t n, raa_day ao)
{
	struct sc_care c = { .ao = ao, .a1 = -1, .a10 = -1, .a2 = -1 };
	raa_day e = latest_in(ev, n, EV_ENTERED_CARE, DAY_NONE, ao);
	raa_day placed = latest_in(ev, n, EV_PLACED, e, ao);
	if (placed == DAY_NONE)
		return c;
	raa_day match = latest_in(ev, n, EV_MATCH_DECISION, e, placed);
	raa_day fba = latest_in(ev, n, EV_FOSTERED_BY_ADOPTERS, e, placed);
	raa_day po = first_in(ev, n, EV_PLACEMENT_ORDER, e, ao);
	if (e != DAY_NONE) {
		raa_day end = fba != DAY_NONE && fba < placed ? fba : placed;
		c.a1 = placed - e;
		c.a10 = end - e;
		c.a3 = end < date_add_months(e, 14);
	}
	if (po != DAY_NONE && match != DAY_NONE)
		c.a2 = match > po ? match - po : 0;
	return c;
}

static void index_child(struct sc_index *ix, struct sc_child *c, const struct journey *j)
{
	c->ev = copy_events(ix, j, child_kind_read, &c->nev);
	c->care = ix->ncare;
	const struct sc_ev *ev = ix->ev + c->ev;
	for (size_t i = 0; i < c->nev; i++) {
		if (ev[i].kind != EV_ADOPTION_ORDER)
			continue;
		xgrow((void **)&ix->care, &ix->carecap, ix->ncare + 1, sizeof *ix->care);
		ix->care[ix->ncare++] = care_for(ev, c->nev, ev[i].date);
	}
	c->ncare = ix->ncare - c->care;
}

static void index_house(struct sc_index *ix, struct sc_house *h, const struct journey *j)
{
	h->ev = copy_events(ix, j, house_kind_read, &h->nev);
	const struct sc_ev *ev = ix->ev + h->ev;
	h->first_match = first_in(ev, h->nev, EV_MATCH_DECISION, DAY_NONE, INT32_MAX);
	if (h->first_match != DAY_NONE) {
		raa_day a = latest_in(ev, h->nev, EV_APPROVED, DAY_NONE, h->first_match);
		h->match_waited = a != DAY_NONE && h->first_match >= date_add_months(a, 3);
	}
	/* T1's roi must come before the first approval in journey order. */
	h->t1_approved = DAY_NONE;
	raa_day roi = DAY_NONE;
	for (size_t i = 0; i < h->nev; i++) {
		if (ev[i].kind == EV_ROI)
			roi = ev[i].date;
		if (ev[i].kind != EV_APPROVED)
			continue;
		if (roi != DAY_NONE) {
			h->t1_approved = ev[i].date;
			h->t1_within = ev[i].date <= date_add_months(roi, 6);
		}
		break;
	}
}

struct sc_index *scorecard_index(const struct sc_record *children, size_t nchildren,
				 const struct sc_record *households, size_t nhouseholds)
{
	struct sc_index *ix = xcalloc(1, sizeof *ix);
	size_t pcap = 0;
	size_t *cp = xmalloc((nchildren + 1) * sizeof *cp);
	size_t *hp = xmalloc((nhouseholds + 1) * sizeof *hp);
	for (size_t i = 0; i < nchildren; i++)
		cp[i] = partner_ix(ix, &pcap, children[i].partner);
	for (size_t i = 0; i < nhouseholds; i++)
		hp[i] = partner_ix(ix, &pcap, households[i].partner);
	ix->cstart = xmalloc((ix->npartners + 1) * sizeof *ix->cstart);
	ix->hstart = xmalloc((ix->npartners + 1) * sizeof *ix->hstart);
	size_t *corder = xmalloc((nchildren + 1) * sizeof *corder);
	size_t *horder = xmalloc((nhouseholds + 1) * sizeof *horder);
	group(ix, cp, nchildren, corder, ix->cstart);
	group(ix, hp, nhouseholds, horder, ix->hstart);
	ix->children = xcalloc(nchildren + 1, sizeof *ix->children);
	ix->houses = xcalloc(nhouseholds + 1, sizeof *ix->houses);
	ix->nchildren = nchildren;
	ix->nhouses = nhouseholds;
	for (size_t i = 0; i < nchildren; i++)
		index_child(ix, &ix->children[i], children[corder[i]].j);
	for (size_t i = 0; i < nhouseholds; i++)
		index_house(ix, &ix->houses[i], households[horder[i]].j);
	free(cp);
	free(hp);
	free(corder);
	free(horder);
	return ix;
}

void scorecard_index_free(struct sc_index *ix)
{
	if (!ix)
		return;
	for (size_t p = 0; p < ix->npartners; p++)
		free(ix->partners[p]);
	free(ix->partners);
	free(ix->cstart);
	free(ix->hstart);
	free(ix->children);
	free(ix->houses);
	free(ix->ev);
	free(ix->care);
	free(ix);
}

/* The partner's index, npartners for the region, -1 if unknown. */
static long find_partner(const struct sc_index *ix, const char *partner)
{
	if (!partner)
		return (long)ix->npartners;
	for (size_t p = 0; p < ix->npartners; p++)
		if (strcmp(ix->partners[p], partner) == 0)
			return (long)p;
	return -1;
}

bool scorecard_has_partner(const struct sc_index *ix, const char *partner)
{
	long p = find_partner(ix, partner);
	return p >= 0 && (size_t)p < ix->npartners;
}

/* ---- evaluating a period ---- */

/* Running sums before rounding. */
struct sums {
	long long a1, a10, a2;
};

static void add_care(struct scorecard *sc, struct sums *s, const struct sc_care *c)
{
	sc->a4++;
	if (c->a1 >= 0) {
		sc->a1.n++, s->a1 += c->a1;
		sc->a10.n++, s->a10 += c->a10;
		sc->a3.n++, sc->a3.count += c->a3;
	}
	if (c->a2 >= 0)
		sc->a2.n++, s->a2 += c->a2;
}

/* A9: waiting on d after the latest should_be_placed on or before d. */
static void child_waiting(struct scorecard *sc, const struct sc_ev *ev, size_t n, raa_day d)
{
	raa_day sbp = DAY_NONE, entered = DAY_NONE;
	size_t i;
	for (i = 0; i < n && ev[i].date <= d; i++) {
		if (ev[i].kind == EV_SHOULD_BE_PLACED)
			sbp = ev[i].date;
		else if (ev[i].kind == EV_ENTERED_CARE)
			entered = ev[i].date;
	}
	if (sbp == DAY_NONE)
		return;
	raa_day placed = DAY_NONE, disrupted = DAY_NONE;
	for (size_t k = 0; k < i; k++) {
		if (ev[k].date < sbp)
			continue;
		switch (ev[k].kind) {
		case EV_ADOPTION_ORDER: case EV_PLAN_CHANGED: case EV_LEFT_CARE:
			return;
		case EV_PLACED:
			placed = ev[k].date;
			break;
		case EV_DISRUPTION:
			disrupted = ev[k].date;
			break;
		}
	}
	if (placed != DAY_NONE && disrupted < placed)
		return;
	sc->a9++;
	if (entered != DAY_NONE && date_add_months(entered, 18) < d)
		sc->a9_over_18_months++;
}

static void eval_child(struct scorecard *sc, struct sums *s, const struct sc_index *ix,
		       const struct sc_child *c)
{
	const struct sc_ev *ev = ix->ev + c->ev;
	for (size_t k = c->ncare; k-- > 0;) {
		const struct sc_care *care = &ix->care[c->care + k];
		if (care->ao >= sc->from && care->ao <= sc->to) {
			add_care(sc, s, care);
			break;
		}
	}
	for (size_t i = 0; i < c->nev && ev[i].date <= sc->to; i++) {
		if (ev[i].date < sc->from)
			continue;
		sc->a5.count += ev[i].kind == EV_PLAN_CHANGED;
		sc->a15 += ev[i].kind == EV_SHOULD_BE_PLACED;
		sc->a16 += ev[i].kind == EV_PLACEMENT_ORDER;
	}
	child_waiting(sc, ev, c->nev, sc->to);
}

/* Whether the latest `kind` on or before d is followed, on or before d, by
 * none of the kinds in `ends` (the same day counts as following). */
static bool open_on(const struct sc_ev *ev, size_t n, int kind, const int *ends, size_t nends,
		    raa_day d)
{
	raa_day start = latest_in(ev, n, kind, DAY_NONE, d);
	if (start == DAY_NONE)
		return false;
	for (size_t i = 0; i < n && ev[i].date <= d; i++) {
		if (ev[i].date < start)
			continue;
		for (size_t k = 0; k < nends; k++)
			if (ev[i].kind == ends[k])
				return false;
	}
	return true;
}

static void eval_house(struct scorecard *sc, const struct sc_index *ix, const struct sc_house *h)
{
	static const int a11_ends[] = { EV_MATCH_DECISION, EV_WITHDRAWN, EV_DEREGISTERED };
	static const int a13_ends[] = { EV_APPROVED, EV_NOT_APPROVED, EV_WITHDRAWN };
	const struct sc_ev *ev = ix->ev + h->ev;
	sc->a11 += open_on(ev, h->nev, EV_APPROVED, a11_ends, 3, sc->to);
	sc->a13 += open_on(ev, h->nev, EV_STAGE2_NOTICE, a13_ends, 3, sc->to);
	if (h->first_match >= sc->from && h->first_match <= sc->to)
		sc->a12.n++, sc->a12.count += h->match_waited;
	if (h->t1_approved >= sc->from && h->t1_approved <= sc->to)
		sc->t1.n++, sc->t1.count += h->t1_within;
}

static void finish_mean(struct sc_mean *m, long long sum)
{
	m->days = m->n ? scorecard_round_div(sum, m->n) : 0;
}

static void finish_pct(struct sc_pct *p)
{
	p->tenths = scorecard_pct_tenths(p->count, p->n);
}

void scorecard_eval(const struct sc_index *ix, const char *partner, raa_day from, raa_day to,
		    struct scorecard *out)
{
	memset(out, 0, sizeof *out);
	out->from = from;
	out->to = to;
	long p = find_partner(ix, partner);
	if (p < 0)
		return;
	size_t c0 = 0, c1 = ix->nchildren, h0 = 0, h1 = ix->nhouses;
	if ((size_t)p < ix->npartners) {
		c0 = ix->cstart[p], c1 = ix->cstart[p + 1];
		h0 = ix->hstart[p], h1 = ix->hstart[p + 1];
	}
	struct sums s = { 0 };
	for (size_t i = c0; i < c1; i++)
		eval_child(out, &s, ix, &ix->children[i]);
	for (size_t i = h0; i < h1; i++)
		eval_house(out, ix, &ix->houses[i]);
	finish_mean(&out->a1, s.a1);
	finish_mean(&out->a10, s.a10);
	finish_mean(&out->a2, s.a2);
	finish_pct(&out->a3);
	out->a5.n = out->a5.count + out->a4;
	finish_pct(&out->a5);
	finish_pct(&out->a12);
	finish_pct(&out->t1);
}

void scorecard_series(const struct sc_index *ix, const char *partner, raa_day to, int years,
		      struct scorecard *out, size_t nq)
{
	for (size_t i = 0; i < nq; i++) {
		raa_day end = quarter_end_back(to, (int)(nq - 1 - i));
		scorecard_eval(ix, partner, scorecard_period_from(end, years), end, &out[i]);
	}
}

/* ---- the indicator table ---- */

#define F1(a) .nfields = 1, .fields = { a }
#define F2(a, b) .nfields = 2, .fields = { a, b }
#define F3(a, b, c) .nfields = 3, .fields = { a, b, c }

const struct sc_indicator SCORECARD_INDICATORS[SC_INDICATOR_COUNT] = {
	{ "A1", "Entered care to moving in",
	  "Average days from entering care to moving in with the adoptive family, for children adopted in the period.",
	  F2(SC_F_DAYS, SC_F_N) },
	{ "A10", "Entered care to moving in, early permanence counted",
	  "As A1, but ending on the day the child began living with the adopters as foster carers where that came first.",
	  F2(SC_F_DAYS, SC_F_N) },
	{ "A2", "Court authority to match",
	  "Average days from the placement order to the match decision (0 if matched before the order), for children adopted in the period.",
	  F2(SC_F_DAYS, SC_F_N) },
	{ "A3", "Moved in within 14 months",
	  "Children adopted in the period who moved in (as in A10) within 14 months of entering care, and their share.",
	  F3(SC_F_COUNT, SC_F_N, SC_F_PCT) },
	{ "A4", "Adoptions",
	  "Children adopted from care in the period (adoption orders).",
	  F1(SC_F_COUNT) },
	{ "A5", "Plans changed",
	  "Decisions in the period that a child should no longer be placed for adoption, and their share of those decisions and adoptions together.",
	  F2(SC_F_COUNT, SC_F_PCT) },
	{ "A9", "Children waiting",
	  "Children with a decision to place who on the last day are not placed, adopted, left care or with a changed plan; how many entered care over 18 months before.",
	  F2(SC_F_COUNT, SC_F_OVER18) },
	{ "A15", "Decisions to place",
	  "ADM decisions in the period that a child should be placed for adoption.",
	  F1(SC_F_COUNT) },
	{ "A16", "Placement orders",
	  "Placement orders (court authority to place) made in the period.",
	  F1(SC_F_COUNT) },
	{ "A11", "Adopters waiting",
	  "Approved households on the last day not yet matched, withdrawn or deregistered.",
	  F1(SC_F_COUNT) },
	{ "A12", "Adopters matched after 3 months or more",
	  "Households first matched in the period, and how many of them had waited 3 months or more since approval.",
	  F3(SC_F_COUNT, SC_F_N, SC_F_PCT) },
	{ "A13", "Adopters in Stage 2",
	  "Households in Stage 2 on the last day: notice to proceed given, not yet approved, turned down or withdrawn.",
	  F1(SC_F_COUNT) },
	{ "T1", "Approved within 6 months",
	  "Households first approved in the period after a registration of interest, and how many were approved within 6 months of it.",
	  F3(SC_F_COUNT, SC_F_N, SC_F_PCT) },
};

#undef F1
#undef F2
#undef F3

const char *scorecard_field_name(enum sc_field_kind f)
{
	static const char *const names[] = { "days", "count", "n", "pct", "over_18_months" };
	return names[f];
}

static bool mean_value(const struct sc_mean *m, enum sc_field_kind f, long *v)
{
	*v = f == SC_F_N ? m->n : m->days;
	return f == SC_F_N || m->n > 0;
}

static bool pct_value(const struct sc_pct *p, enum sc_field_kind f, long *v)
{
	*v = f == SC_F_COUNT ? p->count : f == SC_F_N ? p->n : p->tenths;
	return f != SC_F_PCT || p->n > 0;
}

static bool count_value(long count, long *v)
{
	*v = count;
	return true;
}

bool scorecard_value(const struct scorecard *sc, int i, enum sc_field_kind f, long *v)
{
	switch (i) {
	case 0: return mean_value(&sc->a1, f, v);
	case 1: return mean_value(&sc->a10, f, v);
	case 2: return mean_value(&sc->a2, f, v);
	case 3: return pct_value(&sc->a3, f, v);
	case 4: return count_value(sc->a4, v);
	case 5: return pct_value(&sc->a5, f, v);
	case 6: return count_value(f == SC_F_OVER18 ? sc->a9_over_18_months : sc->a9, v);
	case 7: return count_value(sc->a15, v);
	case 8: return count_value(sc->a16, v);
	case 9: return count_value(sc->a11, v);
	case 10: return pct_value(&sc->a12, f, v);
	case 11: return count_value(sc->a13, v);
	default: return pct_value(&sc->t1, f, v);
	}
}
