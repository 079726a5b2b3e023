/*
 * demo: a synthetic Adopt London South-like region (docs/demo-region.md).
 *
 * How it is made, in four passes:
 *  1. child units (a child, or siblings to be placed together) are planned,
 *     each as a dated path through the journey over about six years;
 *  2. in date order, every link of every unit is given a household from a
 *     pool of approved ones that fit it and are free that day, or a new one
 *     approved in good time when none is: so a household is never linked to
 *     two units at once, nor before its approval;
 *  3. households get what follows from that: link_ended, reviews while they
 *     wait, withdrawal after a long wait, on_hold spells;
 *  4. every date is moved to the next working day, whatever falls after
 *     `today` is dropped, and the rest is sent in date order.
 * A plan cut at `today` gives the status mix a real service would show; a
 * few units and households are anchored to `today` so that every status is
 * present whatever the seed.
 *
 * Randomness is xoshiro256** seeded by splitmix64, never rand(): the same
 * seed gives the same region on every platform.
 */
#include "domain/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/workdays.h"

#define NEVER INT32_MAX
#define HISTORY_DAYS 2190   /* children entered care over the last 6 years */
#define PIPE_DAYS 2370      /* household enquiries over the last 6.5 years */
#define UNIT_KIDS 4
#define UNIT_EV 48
#define UNIT_ATT 4
#define HH_BUSY 6
#define HH_APPR 3
#define YEAR 365
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- randomness ---- */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform in [lo, hi]; lo when hi <= lo. */
static int rnd(struct rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static bool chance(struct rng *r, int permille)
{
	return rnd(r, 0, 999) < permille;
}

static int pick_w(struct rng *r, const int *w, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += w[i];
	int x = rnd(r, 0, sum - 1);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, arr) ((arr)[rnd((r), 0, COUNT(arr) - 1)])

/* ---- the region ---- */

struct borough {
	const char *code, *name, *spoke;
	const char *districts[8];
};

static const struct borough BOROUGHS[] = {
	{ "210", "Southwark", "South East", { "SE1", "SE5", "SE15", "SE16", "SE17", "SE22" } },
	{ "306", "Croydon", "South East", { "CR0", "CR2", "CR7", "SE25", "CR5" } },
	{ "203", "Greenwich", "South East", { "SE3", "SE7", "SE9", "SE10", "SE18", "SE28" } },
	{ "208", "Lambeth", "South East", { "SW2", "SW4", "SW8", "SW9", "SE11", "SE27", "SW16" } },
	{ "209", "Lewisham", "South East",
	  { "SE4", "SE6", "SE8", "SE12", "SE13", "SE14", "SE23" } },
	{ "314", "Kingston upon Thames", "South West", { "KT1", "KT2", "KT3", "KT5", "KT6" } },
	{ "315", "Merton", "South West", { "SW19", "SW20", "CR4", "SM4" } },
	{ "318", "Richmond upon Thames", "South West",
	  { "TW1", "TW2", "TW9", "TW10", "TW11", "SW14" } },
	{ "319", "Sutton", "South West", { "SM1", "SM2", "SM3", "SM5", "SM6" } },
	{ "212", "Wandsworth", "South West", { "SW11", "SW12", "SW15", "SW17", "SW18" } },
};
#define N_BOROUGHS COUNT(BOROUGHS)
#define HOST 0 /* Southwark hosts the agency */

/* Roughly the boroughs' children in care, and where adopters live. */
static const int CHILD_BOROUGH_W[] = { 400, 560, 390, 400, 400, 130, 160, 110, 220, 260 };
static const int ADOPTER_BOROUGH_W[] = { 90, 140, 100, 90, 100, 80, 80, 80, 100, 100 };

static const char *const CHILD_ETH[] = {
	"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
	"APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
};
static const int CHILD_ETH_W[] = { 450, 8, 60, 8, 10, 80, 25, 20, 50, 10,
				   10, 10, 17, 70, 80, 40, 4, 30, 3, 5 };
static const int ADULT_ETH_W[] = { 560, 15, 90, 2, 2, 25, 10, 10, 20, 40,
				   20, 10, 20, 60, 80, 20, 15, 20, 0, 5 };

static const char *const GIRLS[] = {
	"Amara", "Lily", "Zainab", "Olivia", "Maya", "Chloe", "Aisha", "Grace", "Sofia", "Ruby",
	"Nia", "Isla", "Hana", "Freya", "Esme", "Adaeze", "Keira", "Leah", "Priya", "Imani",
	"Poppy", "Yasmin", "Ella", "Tia", "Mia", "Ava", "Chiamaka", "Roxanne", "Bethany", "Naomi",
};
static const char *const BOYS[] = {
	"Tariq", "Oliver", "Kofi", "Jayden", "Leo", "Harry", "Musa", "Reuben", "Theo", "Kai",
	"Ethan", "Dylan", "Arjun", "Tobi", "Callum", "Malik", "Noah", "Finley", "Jamal", "Riley",
	"Idris", "Oscar", "Kieran", "Samuel", "Marcus", "Zayn", "Alfie", "Emeka", "Daniel", "Louis",
};
static const char *const SURNAMES[] = {
	"Adeyemi", "Okafor", "Clarke", "Brennan", "Mensah", "Fletcher", "Osei", "Hughes",
	"Patel", "Nowak", "Campbell", "Doyle", "Bello", "Harcourt", "Quayle", "Oduya",
	"Whitlock", "Rahman", "Moreau", "Kowalczyk", "Ferreira", "Asante", "Pemberton",
	"Lindqvist", "Okonkwo", "Castellano", "Draper", "Halloran", "Ashworth", "Kamara",
	"Renwick", "Obi", "Sandoval", "Yilmaz", "Bramley", "Nkemelu", "Thistlewood",
	"Farrant", "Ogunleye", "Merriman", "Carrow", "Haddad", "Petrova", "Lomax", "Iqbal",
	"Tennant", "Boateng", "Carvalho", "Holloway", "Sesay", "Wren", "Marchetti", "Ellery",
	"Gyamfi", "Dunmore", "Aziz", "Kerrigan", "Thorne", "Smith", "Jones",
};
static const char INITIALS[] = "ABCDEFGHJKLMNPRSTW";

/* Approval age ranges in months, and how often each is given. */
static const int BANDS[][2] = { { 0, 24 },  { 0, 36 },  { 0, 48 },  { 0, 60 },
				{ 12, 72 }, { 24, 120 }, { 36, 96 }, { 48, 144 } };
static const int BAND_W[] = { 250, 60, 250, 100, 150, 100, 50, 40 };

static const char *const LINK_ENDED_WHY[] = {
	"adopters withdrew from the link", "new information about the child's needs",
	"birth family circumstances changed", "link not supported at the matching meeting",
};
static const char *const PLAN_CHANGED_WHY[] = {
	"returned to birth family", "special guardianship order to a relative",
	"long-term fostering plan", "placement order application refused",
};
static const char *const LEFT_CARE_WHY[] = {
	"returned home", "child arrangements order to a relative", "special guardianship order",
};
static const char *const WITHDRAWN_AFTER_WAIT[] = {
	"no longer wish to adopt", "moved out of the area", "family circumstances changed",
};
static const char *const ON_HOLD_WHY[] = {
	"house move", "family illness", "taking a break", "pregnancy",
};

static const char *pick_district(struct rng *r, int borough)
{
	const char *const *d = BOROUGHS[borough].districts;
	int n = 0;
	while (n < COUNT(BOROUGHS[0].districts) && d[n])
		n++;
	return d[rnd(r, 0, n - 1)];
}

/* ---- generator state ---- */

enum { EP_NONE = 0, EP_FFA = 1, EP_CARERS = 2 };

/* A planned child event, shared by every child of the unit. */
struct pev {
	raa_day date;
	int seq;            /* planning order: breaks same-day ties */
	int kind;
	int att;            /* attempt whose household it names, -1 for none */
	const char *detail;
};

/* One link of a unit with a household. */
struct attempt {
	raa_day start;      /* household busy from: fostered_by_adopters or linked */
	raa_day link;
	raa_day end;        /* link_ended, or NEVER when the link goes on */
	raa_day placed;     /* NEVER when the link ended */
	int ep;
	int hh;             /* household index, -1 until found */
	const char *why;    /* link_ended detail */
};

struct unit {
	int idx;            /* planning order: a stable tie-break */
	int partner, size;
	raa_day entered;
	raa_day sbp;        /* NEVER when no should_be_placed */
	const char *district;
	struct child_rec kid[UNIT_KIDS];
	struct pev ev[UNIT_EV];
	int nev;
	struct attempt att[UNIT_ATT];
	int natt;
};

struct hev {
	raa_day date;
	int seq;
	int kind;
	const char *detail;
};

struct hh {
	struct adopter_rec rec;
	struct hev *ev;
	size_t nev, cap;
	raa_day appr[HH_APPR];   /* approval dates, in order */
	int nappr;
	raa_day busy[HH_BUSY][2]; /* links: [start, end or NEVER] */
	int nbusy;
	raa_day free_from;       /* may be linked from this day; NEVER */
	raa_day gone;            /* withdrawn or deregistered; NEVER */
	bool reserved;           /* kept out of the pool: waits at today */
	int ord;                 /* position in id order */
};

struct gen {
	struct rng r;
	raa_day today;
	struct arena arena;
	struct unit *u;
	size_t nu, cap_u;
	struct hh *h;
	size_t nh, cap_h;
};

/* ---- child units ---- */

static void unit_add(struct unit *u, raa_day date, int kind, int att, const char *detail)
{
	if (u->nev >= UNIT_EV)
		return; /* cannot happen with the paths below; keeps the array safe */
	u->ev[u->nev] = (struct pev){ date, u->nev, kind, att, detail };
	u->nev++;
}

static int sample_age_days(struct rng *r, int size)
{
	int p = rnd(r, 0, 99), age;
	if (p < 25)
		age = rnd(r, 0, 14);
	else if (p < 45)
		age = rnd(r, 15, YEAR - 1);
	else if (p < 70)
		age = rnd(r, YEAR, 3 * YEAR);
	else if (p < 85)
		age = rnd(r, 3 * YEAR, 5 * YEAR);
	else
		age = rnd(r, 5 * YEAR, 10 * YEAR);
	/* The youngest of a sibling group is seldom older than four. */
	if (size > 1 && age > 4 * YEAR)
		age = rnd(r, 0, 4 * YEAR);
	return age;
}

static int8_t sample_need(struct rng *r, int dim, int age_years)
{
	static const int W[NEED_DIMS][4] = {
		{ 700, 180, 90, 30 }, { 560, 300, 110, 30 },
		{ 520, 300, 140, 40 }, { 620, 250, 100, 30 },
	};
	int w[4];
	memcpy(w, W[dim], sizeof w);
	/* Older children have lived with more: more uncertainty and behaviour. */
	if (age_years >= 4 && dim >= NEED_DEVELOPMENT) {
		w[2] += 120;
		w[3] += 60;
	}
	return (int8_t)pick_w(r, w, 4);
}

static void make_kids(struct gen *g, struct unit *u)
{
	struct rng *r = &g->r;
	raa_day dob[UNIT_KIDS];
	dob[u->size - 1] = u->entered - sample_age_days(r, u->size);
	for (int i = u->size - 2; i >= 0; i--)
		dob[i] = dob[i + 1] - rnd(r, 330, 1100);
	const char *surname = PICK(r, SURNAMES);
	const char *eth = CHILD_ETH[pick_w(r, CHILD_ETH_W, COUNT(CHILD_ETH_W))];
	int8_t contact = (int8_t)pick_w(r, (const int[]){ 150, 700, 150 }, 3);
	bool ep = u->size == 1 && u->entered - dob[0] < 120 && chance(r, 500);
	for (int i = 0; i < u->size; i++) {
		struct child_rec *c = &u->kid[i];
		memset(c, 0, sizeof *c);
		c->sex = chance(r, 500) ? 'M' : 'F';
		c->first_name = c->sex == 'M' ? PICK(r, BOYS) : PICK(r, GIRLS);
		c->last_name = chance(r, 150) ? PICK(r, SURNAMES) : surname;
		c->dob = dob[i];
		c->ethnicity = chance(r, 900) ? eth
			: CHILD_ETH[pick_w(r, CHILD_ETH_W, COUNT(CHILD_ETH_W))];
		int years = (u->entered - dob[i]) / YEAR;
		for (int d = 0; d < NEED_DIMS; d++)
			c->needs[d] = sample_need(r, d, years);
		c->contact = contact;
		c->birth_postcode_district = u->district;
		c->early_permanence = ep;
		c->base_status = CS_NONE;
		c->profile_updated = DAY_NONE;
	}
}

/* How many of the things that make family finding slow the unit has. */
static int unit_hard(const struct unit *u, raa_day on)
{
	int hard = u->size >= 2;
	bool older = false, disabled = false;
	for (int i = 0; i < u->size; i++) {
		older |= on - u->kid[i].dob >= 5 * YEAR;
		disabled |= u->kid[i].needs[NEED_DISABILITY] >= NEED_MEDIUM;
	}
	return hard + older + disabled;
}

static int link_wait(struct gen *g, const struct unit *u, raa_day sbp)
{
	struct rng *r = &g->r;
	int w = rnd(r, 5, 80) + rnd(r, 0, 40);
	w += unit_hard(u, sbp) * rnd(r, 20, 90);
	/* The long waits every service has, and more of them lately: adopters
	 * for older children and sibling groups have grown scarcer. */
	if (chance(r, sbp > g->today - 2 * YEAR ? 280 : 130))
		w += rnd(r, 150, 700);
	return w;
}

enum force { F_NONE, F_TRACKING, F_WAITING, F_LINKED, F_MATCHED, F_PLACED, F_PLAN_CHANGED, F_LEFT };

/* The kind a forced unit is anchored on, and where that lands before today. */
static const struct {
	int kind, lo, hi;
} ANCHOR[] = {
	[F_TRACKING] = { EV_ENTERED_CARE, 10, 40 },
	[F_WAITING] = { EV_SHOULD_BE_PLACED, 110, 250 },
	[F_LINKED] = { EV_LINKED, 3, 15 },
	[F_MATCHED] = { EV_MATCH_DECISION, 1, 5 },
	[F_PLACED] = { EV_PLACED, 20, 90 },
	[F_PLAN_CHANGED] = { EV_PLAN_CHANGED, 30, 200 },
	[F_LEFT] = { EV_LEFT_CARE, 20, 200 },
};

/* A period of care before this one that ended with a return home. */
static void plan_prefix(struct gen *g, struct unit *u)
{
	struct rng *r = &g->r;
	int youngest = u->entered - u->kid[u->size - 1].dob;
	if (youngest < 400)
		return;
	raa_day e0 = u->entered - rnd(r, 300, youngest < 900 ? youngest : 900);
	unit_add(u, e0, EV_ENTERED_CARE, -1, NULL);
	unit_add(u, e0 + rnd(r, 60, 250 < u->entered - e0 - 30 ? 250 : u->entered - e0 - 30),
		 EV_LEFT_CARE, -1, "returned home");
}

/* Entered care, perhaps an early referral, the ADM and court decisions.
 * Returns false when the child never gets a should_be_placed decision. */
static bool plan_decisions(struct gen *g, struct unit *u, int force)
{
	struct rng *r = &g->r;
	raa_day e = u->entered;
	if (force == F_NONE && chance(r, 20))
		plan_prefix(g, u);
	unit_add(u, e, EV_ENTERED_CARE, -1, NULL);
	if (chance(r, 350))
		unit_add(u, e + rnd(r, 7, 60), EV_EARLY_REFERRAL, -1, "adoption may be the plan");
	if (force == F_LEFT || (force == F_NONE && chance(r, 80))) {
		unit_add(u, e + rnd(r, 120, 540), EV_LEFT_CARE, -1, PICK(r, LEFT_CARE_WHY));
		return false;
	}
	raa_day sbp = e + 50 + rnd(r, 0, 100) + rnd(r, 0, 100), po;
	int p = rnd(r, 0, 99);
	if (p < 80)
		po = sbp + rnd(r, 14, 120);
	else if (p < 95)
		po = sbp - rnd(r, 1, 45) > e + 14 ? sbp - rnd(r, 1, 14) : sbp;
	else
		po = sbp;
	u->sbp = sbp;
	unit_add(u, sbp, EV_SHOULD_BE_PLACED, -1, "ADM decision");
	unit_add(u, po, EV_PLACEMENT_ORDER, -1,
		 chance(r, 900) ? "placement order" : "consent (s.19)");
	unit_add(u, sbp + rnd(r, 1, 21), EV_FAMILY_FINDER_ALLOCATED, -1, NULL);
	return true;
}

static struct attempt *new_attempt(struct unit *u, raa_day link, int ep)
{
	struct attempt *a = &u->att[u->natt++];
	*a = (struct attempt){ .start = link, .link = link, .end = NEVER, .placed = NEVER,
			       .ep = ep, .hh = -1 };
	return a;
}

/* A link that goes on to panel, match, placement and (unless the placement
 * disrupts) the adoption order. Returns the disruption date or NEVER. */
static raa_day plan_placement(struct gen *g, struct unit *u, struct attempt *a, int force)
{
	struct rng *r = &g->r;
	int at = (int)(a - u->att);
	raa_day panel = a->link + rnd(r, 21, 56), md = panel + rnd(r, 2, 9);
	a->placed = md + rnd(r, 7, 35);
	unit_add(u, a->link, EV_LINKED, at, "link proposed");
	unit_add(u, panel, EV_MATCHING_PANEL, at, "recommended");
	unit_add(u, md, EV_MATCH_DECISION, at, "ADM match decision");
	unit_add(u, a->placed, EV_PLACED, at, NULL);
	if (force == F_NONE && a->ep == EP_NONE && u->natt < UNIT_ATT && chance(r, 30)) {
		raa_day dis = a->placed + rnd(r, 30, 240);
		unit_add(u, dis, EV_DISRUPTION, -1, "placement ended before the adoption order");
		return dis;
	}
	raa_day ao = a->placed + rnd(r, 100, 330);
	unit_add(u, ao, EV_ADOPTION_ORDER, -1, NULL);
	if (force == F_NONE && chance(r, 12))
		unit_add(u, ao + rnd(r, 200, 900), EV_ENTERED_CARE, -1,
			 "returned to care after adoption");
	return NEVER;
}

/* Early permanence: fostering for adoption for a baby, or foster carers
 * who go on to adopt. Returns the kind of early permanence chosen. */
static int plan_ep(struct gen *g, struct unit *u, int force)
{
	struct rng *r = &g->r;
	if (force != F_NONE)
		return EP_NONE;
	if (u->kid[0].early_permanence && chance(r, 450))
		return EP_FFA;
	if (u->size <= 2 && chance(r, 25))
		return EP_CARERS;
	return EP_NONE;
}

/* From the decision to place to the end of the journey. */
static void plan_links(struct gen *g, struct unit *u, int force)
{
	struct rng *r = &g->r;
	raa_day sbp = u->sbp, ready = sbp, fba = NEVER;
	for (int i = 0; i < u->nev; i++)
		if (u->ev[i].kind == EV_PLACEMENT_ORDER && u->ev[i].date > ready)
			ready = u->ev[i].date;
	int ep = plan_ep(g, u, force);
	raa_day link;
	if (ep == EP_FFA) {
		link = ready + rnd(r, 5, 45);
		fba = u->entered + rnd(r, 3, 30);
	} else if (ep == EP_CARERS) {
		link = ready + rnd(r, 60, 200);
		fba = u->entered + rnd(r, 20, 150);
	} else {
		link = ready + (force == F_WAITING ? rnd(r, 500, 800) : link_wait(g, u, sbp));
	}
	if (fba != NEVER && fba > link - 7)
		fba = link - 7 > u->entered ? link - 7 : u->entered;

	int pc = force == F_PLAN_CHANGED		? 1000
		 : (force != F_NONE || ep != EP_NONE) ? 0
							: 90 + 70 * unit_hard(u, sbp);
	if (chance(r, pc)) {
		raa_day when = sbp + rnd(r, 90, 540);
		if (when > sbp + 92 && chance(r, 600))
			unit_add(u, sbp + rnd(r, 45, 92), EV_REGISTER_REFERRAL, -1, "Link Maker");
		unit_add(u, when, EV_PLAN_CHANGED, -1, PICK(r, PLAN_CHANGED_WHY));
		return;
	}
	/* A wider search once three months pass without a link; not for a
	 * child already living with the family who will adopt. */
	if (link > sbp + 92 && ep == EP_NONE && force != F_WAITING && chance(r, 750))
		unit_add(u, sbp + rnd(r, 45, 92), EV_REGISTER_REFERRAL, -1, "Adoption Register");
	if (fba != NEVER)
		unit_add(u, fba, EV_FOSTERED_BY_ADOPTERS, 0,
			 ep == EP_FFA ? "fostering for adoption"
				      : "foster carers applying to adopt");

	while (u->natt < UNIT_ATT) {
		struct attempt *a = new_attempt(u, link, ep);
		if (fba != NEVER)
			a->start = fba;
		ep = EP_NONE;
		fba = NEVER;
		if (force == F_NONE && a->ep == EP_NONE && u->natt < 3 && chance(r, 80)) {
			a->end = link + rnd(r, 10, 70);
			a->why = PICK(r, LINK_ENDED_WHY);
			unit_add(u, link, EV_LINKED, (int)(a - u->att), "link proposed");
			unit_add(u, a->end, EV_LINK_ENDED, -1, a->why);
			link = a->end + rnd(r, 30, 150);
			continue;
		}
		raa_day dis = plan_placement(g, u, a, force);
		if (dis == NEVER)
			return;
		if (chance(r, 500)) {
			unit_add(u, dis + rnd(r, 60, 300), EV_PLAN_CHANGED, -1,
				 PICK(r, PLAN_CHANGED_WHY));
			return;
		}
		link = dis + rnd(r, 90, 360);
	}
}

static int pev_cmp(const void *pa, const void *pb)
{
	const struct pev *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	/* Same day: keep the order planned. */
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static void shift_day(raa_day *d, int delta)
{
	if (*d != NEVER && *d != DAY_NONE)
		*d += delta;
}

static void unit_shift(struct unit *u, int delta)
{
	shift_day(&u->entered, delta);
	shift_day(&u->sbp, delta);
	for (int i = 0; i < u->size; i++)
		shift_day(&u->kid[i].dob, delta);
	for (int i = 0; i < u->nev; i++)
		shift_day(&u->ev[i].date, delta);
	for (int i = 0; i < u->natt; i++) {
		shift_day(&u->att[i].start, delta);
		shift_day(&u->att[i].link, delta);
		shift_day(&u->att[i].end, delta);
		shift_day(&u->att[i].placed, delta);
	}
}

static void unit_anchor(struct gen *g, struct unit *u, int force)
{
	for (int i = 0; i < u->nev; i++) {
		if (u->ev[i].kind != ANCHOR[force].kind)
			continue;
		raa_day target = g->today - rnd(&g->r, ANCHOR[force].lo, ANCHOR[force].hi);
		unit_shift(u, target - u->ev[i].date);
		return;
	}
}

/* The six-monthly profile review, for children whose plan is adoption. */
static void set_profile(struct gen *g, struct unit *u)
{
	if (u->sbp == NEVER || u->sbp > g->today || !chance(&g->r, 650))
		return;
	raa_day d = g->today - rnd(&g->r, 0, 300);
	if (d < u->sbp)
		d = u->sbp;
	for (int i = 0; i < u->size; i++)
		u->kid[i].profile_updated = d;
}

static void plan_unit(struct gen *g, int force)
{
	struct rng *r = &g->r;
	xgrow((void **)&g->u, &g->cap_u, g->nu + 1, sizeof *g->u);
	struct unit *u = &g->u[g->nu++];
	memset(u, 0, sizeof *u);
	u->idx = (int)g->nu - 1;
	int s = rnd(r, 0, 999);
	u->size = s < 910 ? 1 : s < 965 ? 2 : s < 993 ? 3 : 4;
	u->partner = pick_w(r, CHILD_BOROUGH_W, N_BOROUGHS);
	/* Mostly the borough's own districts; a few from elsewhere or unknown. */
	if (chance(r, 950)) {
		int b = chance(r, 850) ? u->partner : rnd(r, 0, N_BOROUGHS - 1);
		u->district = pick_district(r, b);
	}
	u->entered = g->today - rnd(r, 20, HISTORY_DAYS);
	u->sbp = NEVER;
	make_kids(g, u);
	if (plan_decisions(g, u, force))
		plan_links(g, u, force);
	qsort(u->ev, (size_t)u->nev, sizeof u->ev[0], pev_cmp);
	if (force != F_NONE)
		unit_anchor(g, u, force);
	set_profile(g, u);
}

/* ---- households ---- */

static void hh_add(struct hh *h, raa_day date, int kind, const char *detail)
{
	xgrow((void **)&h->ev, &h->cap, h->nev + 1, sizeof *h->ev);
	h->ev[h->nev] = (struct hev){ date, (int)h->nev, kind, detail };
	h->nev++;
}

static void hh_shift(struct hh *h, int delta)
{
	for (size_t i = 0; i < h->nev; i++)
		h->ev[i].date += delta;
}

/* The largest multiple of 7 not above to - from: shifting a journey by it
 * keeps every weekday, so working-day gaps stay working-day gaps. */
static int week_delta(raa_day from, raa_day to)
{
	int delta = to - from;
	return delta - ((delta % 7) + 7) % 7;
}

static const char *hh_name(struct gen *g, int applicants)
{
	struct rng *r = &g->r;
	const char *a = PICK(r, SURNAMES), *b = PICK(r, SURNAMES);
	if (applicants == 2 && a != b && chance(r, 350))
		return arena_printf(&g->arena, "The %s-%s household", a, b);
	if (applicants == 2)
		return arena_printf(&g->arena, "The %s household", a);
	static const char *const TITLES[] = { "Ms", "Mr", "Mx" };
	const char *title = TITLES[pick_w(r, (const int[]){ 700, 270, 30 }, 3)];
	return arena_printf(&g->arena, "%s %c %s", title,
			    INITIALS[rnd(r, 0, (int)sizeof INITIALS - 2)], a);
}

/* A household with no journey yet and its approval fields blank. */
static int new_hh(struct gen *g)
{
	struct rng *r = &g->r;
	xgrow((void **)&g->h, &g->cap_h, g->nh + 1, sizeof *g->h);
	struct hh *h = &g->h[g->nh];
	memset(h, 0, sizeof *h);
	int b = pick_w(r, ADOPTER_BOROUGH_W, N_BOROUGHS);
	struct adopter_rec *a = &h->rec;
	a->partner = BOROUGHS[b].code;
	a->applicants = chance(r, 750) ? 2 : 1;
	a->name = hh_name(g, a->applicants);
	a->postcode_district = pick_district(r, b);
	a->min_age_months = a->max_age_months = -1;
	a->max_children = 0;
	for (int d = 0; d < NEED_DIMS; d++)
		a->needs[d] = NEED_UNKNOWN;
	a->contact = CONTACT_UNKNOWN;
	a->early_permanence = -1;
	a->ethnicity = CHILD_ETH[pick_w(r, ADULT_ETH_W, COUNT(ADULT_ETH_W))];
	a->base_status = AS_NONE;
	h->free_from = h->gone = NEVER;
	return (int)g->nh++;
}

/* Approval as assessed: mostly young children and moderate needs. */
static void approve_random(struct gen *g, struct hh *h)
{
	struct rng *r = &g->r;
	struct adopter_rec *a = &h->rec;
	int b = pick_w(r, BAND_W, COUNT(BAND_W));
	a->min_age_months = BANDS[b][0];
	a->max_age_months = BANDS[b][1];
	a->max_children = 1 + pick_w(r, (const int[]){ 500, 400, 100 }, 3);
	for (int d = 0; d < NEED_DIMS; d++)
		a->needs[d] = (int8_t)pick_w(r, (const int[]){ 100, 350, 400, 150 }, 4);
	a->contact = (int8_t)pick_w(r, (const int[]){ 50, 600, 350 }, 3);
	a->early_permanence = chance(r, 250);
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* Approval of a household found for a unit: it must fit the unit on the
 * day of the link, as a real family finder's match would. */
static void approve_for(struct gen *g, struct hh *h, const struct unit *u, raa_day on, int ep)
{
	struct rng *r = &g->r;
	struct adopter_rec *a = &h->rec;
	approve_random(g, h);
	int lo = 10000, hi = 0;
	for (int i = 0; i < u->size; i++) {
		const struct child_rec *c = &u->kid[i];
		lo = lo < date_whole_months(c->dob, on) ? lo : date_whole_months(c->dob, on);
		hi = max_int(hi, date_whole_months(c->dob, on + 90));
		for (int d = 0; d < NEED_DIMS; d++)
			a->needs[d] = (int8_t)max_int(a->needs[d], c->needs[d]);
		a->contact = (int8_t)max_int(a->contact, c->contact);
	}
	int start = rnd(r, 0, COUNT(BANDS) - 1), band = -1;
	for (int k = 0; k < COUNT(BANDS) && band < 0; k++) {
		int b = (start + k) % COUNT(BANDS);
		if (BANDS[b][0] <= lo && BANDS[b][1] >= hi)
			band = b;
	}
	a->min_age_months = band >= 0 ? BANDS[band][0] : max_int(0, lo - 12);
	a->max_age_months = band >= 0 ? BANDS[band][1] : hi + 24;
	a->max_children = max_int(a->max_children, u->size);
	if (ep == EP_FFA)
		a->early_permanence = 1;
	/* Never placed next door to the birth family. */
	for (int k = 0; k < 20 && postcode_district_equal(a->postcode_district, u->district); k++)
		a->postcode_district = pick_district(r, rnd(r, 0, N_BOROUGHS - 1));
}

static bool hh_fits(const struct hh *h, const struct unit *u, raa_day on)
{
	const struct adopter_rec *a = &h->rec;
	if (a->min_age_months < 0 || u->size > a->max_children)
		return false;
	if (postcode_district_equal(a->postcode_district, u->district))
		return false;
	for (int i = 0; i < u->size; i++) {
		const struct child_rec *c = &u->kid[i];
		int m = date_whole_months(c->dob, on);
		if (m < a->min_age_months || m > a->max_age_months || c->contact > a->contact)
			return false;
		for (int d = 0; d < NEED_DIMS; d++)
			if (c->needs[d] > a->needs[d])
				return false;
	}
	return true;
}

enum fate {
	HF_APPROVED, HF_W_ENQUIRY, HF_W_STAGE1, HF_NOT_SUITABLE, HF_W_GAP, HF_W_STAGE2,
	HF_NOT_APPROVED, HF_COUNT
};
static const int FATE_W[HF_COUNT] = { 600, 140, 80, 30, 40, 80, 30 };

struct pipe_opt {
	int fate;
	bool fast;      /* previous adopters, foster carers: straight to stage 2 */
	bool la_slow;   /* the LA check comes back far too late */
};

/* Statutory checks, asked for together soon after stage 2 starts; the LA
 * check usually within the 5 working days the partners agreed. */
static void hh_checks(struct gen *g, struct hh *h, raa_day s2, bool la_slow)
{
	struct rng *r = &g->r;
	raa_day c = workcal_add(NULL, s2, rnd(r, 1, 7));
	static const char *const CHECKS[] = { "dbs", "medical", "reference", "la" };
	for (int i = 0; i < COUNT(CHECKS); i++)
		hh_add(h, c, EV_CHECK_REQUESTED, CHECKS[i]);
	hh_add(h, c + rnd(r, 10, 40), EV_CHECK_RECEIVED, "dbs");
	hh_add(h, c + rnd(r, 14, 50), EV_CHECK_RECEIVED, "medical");
	hh_add(h, c + rnd(r, 10, 45), EV_CHECK_RECEIVED, "reference");
	int p = rnd(r, 0, 99);
	int k = la_slow ? 25 : p < 82 ? rnd(r, 1, 5) : p < 95 ? rnd(r, 6, 10) : rnd(r, 11, 25);
	hh_add(h, workcal_add(NULL, c, k), EV_CHECK_RECEIVED, "la");
}

/* Stage 1 from the enquiry on day d; returns the notice to proceed's date,
 * or NEVER when the household leaves before it. */
static raa_day hh_stage1(struct gen *g, struct hh *h, raa_day d, int fate)
{
	struct rng *r = &g->r;
	d += rnd(r, 7, 45);
	hh_add(h, d, EV_ROI, "registration of interest accepted");
	if (fate == HF_W_STAGE1) {
		hh_add(h, d + rnd(r, 10, 50), EV_WITHDRAWN, "withdrew during stage 1");
		return NEVER;
	}
	d += rnd(r, 35, 75);
	if (fate == HF_NOT_SUITABLE) {
		hh_add(h, d, EV_STAGE1_DECISION, "not suitable");
		hh_add(h, d + rnd(r, 1, 10), EV_WITHDRAWN, "not suitable at stage 1");
		return NEVER;
	}
	hh_add(h, d, EV_STAGE1_DECISION, "may be suitable");
	if (fate == HF_W_GAP) {
		hh_add(h, d + rnd(r, 30, 150), EV_WITHDRAWN, "did not start stage 2");
		return NEVER;
	}
	return d + rnd(r, 7, 100);
}

/* The way from enquiry (day q) to approval or out. Returns the approval
 * date, or NEVER. */
static raa_day hh_pipeline(struct gen *g, struct hh *h, raa_day q, const struct pipe_opt *o)
{
	struct rng *r = &g->r;
	raa_day d = q + rnd(r, 7, 35);
	hh_add(h, q, EV_ENQUIRY, NULL);
	hh_add(h, d, EV_INFORMATION_EVENT, NULL);
	if (o->fate == HF_W_ENQUIRY) {
		hh_add(h, d + rnd(r, 5, 60), EV_WITHDRAWN, "decided not to proceed");
		return NEVER;
	}
	d = o->fast ? d + rnd(r, 14, 60) : hh_stage1(g, h, d, o->fate);
	if (d == NEVER)
		return NEVER;
	hh_add(h, d, EV_STAGE2_NOTICE, o->fast ? "fast track" : NULL);
	hh_checks(g, h, d, o->la_slow);
	if (o->fate == HF_W_STAGE2) {
		hh_add(h, d + rnd(r, 20, 70), EV_WITHDRAWN, "withdrew during stage 2");
		return NEVER;
	}
	d += rnd(r, 75, 110);
	hh_add(h, d, EV_PAR_COMPLETE, NULL);
	d += rnd(r, 14, 35);
	if (o->fate == HF_NOT_APPROVED) {
		hh_add(h, d, EV_APPROVAL_PANEL, "not recommended");
		hh_add(h, d + rnd(r, 3, 9), EV_NOT_APPROVED, "ADM decision: not approved");
		return NEVER;
	}
	hh_add(h, d, EV_APPROVAL_PANEL, "recommended");
	d += rnd(r, 3, 9);
	hh_add(h, d, EV_APPROVED, "ADM decision");
	return d;
}

/* A household approved on or shortly before `when`. */
static int hh_approved_by(struct gen *g, raa_day when, bool fast)
{
	int i = new_hh(g);
	struct hh *h = &g->h[i];
	struct pipe_opt o = { HF_APPROVED, fast, false };
	raa_day got = hh_pipeline(g, h, when - 450, &o);
	int delta = week_delta(got, when);
	hh_shift(h, delta);
	h->appr[h->nappr++] = got + delta;
	return i;
}

/* Records an approval that happened by today: the household may be linked. */
static void hh_approval(struct gen *g, struct hh *h, raa_day got)
{
	if (got == NEVER || got > g->today || h->nappr >= HH_APPR)
		return;
	h->appr[h->nappr++] = got;
	h->free_from = got + 7;
	if (h->rec.min_age_months < 0)
		approve_random(g, h);
}

/* A household from the general flow of enquiries. */
static void make_pipeline(struct gen *g)
{
	struct rng *r = &g->r;
	int i = new_hh(g);
	struct pipe_opt o = { pick_w(r, FATE_W, HF_COUNT), chance(r, 80), false };
	raa_day got = hh_pipeline(g, &g->h[i], g->today - rnd(r, 0, PIPE_DAYS), &o);
	hh_approval(g, &g->h[i], got);
}

/* A household whose `kind` event falls a little before today, so that the
 * stage it stands for is always present. */
static void make_anchored(struct gen *g, int kind, int lo, int hi, int fate, bool la_slow)
{
	int i = new_hh(g);
	struct hh *h = &g->h[i];
	struct pipe_opt o = { fate, false, la_slow };
	hh_pipeline(g, h, g->today - 400, &o);
	for (size_t k = 0; k < h->nev; k++) {
		if (h->ev[k].kind != kind)
			continue;
		hh_shift(h, week_delta(h->ev[k].date, g->today - rnd(&g->r, lo, hi)));
		break;
	}
}

/* Approved and waiting at today, kept out of the historical pool; some on
 * hold now, some on hold for a while before. */
static void make_waiting(struct gen *g, bool on_hold_now)
{
	struct rng *r = &g->r;
	raa_day t = g->today;
	raa_day when = t - (on_hold_now ? rnd(r, 150, 300) : rnd(r, 5, 420));
	int i = hh_approved_by(g, when, chance(r, 80));
	struct hh *h = &g->h[i];
	raa_day a = h->appr[0];
	h->reserved = true;
	approve_random(g, h);
	if (on_hold_now)
		hh_add(h, t - rnd(r, 5, 60), EV_ON_HOLD, PICK(r, ON_HOLD_WHY));
	else if (a + 14 < t && chance(r, 120))
		hh_add(h, rnd(r, a + 14, t - 1), EV_ON_HOLD, PICK(r, ON_HOLD_WHY));
	else if (chance(r, 100)) {
		raa_day oh = a + rnd(r, 20, 90);
		hh_add(h, oh, EV_ON_HOLD, PICK(r, ON_HOLD_WHY));
		hh_add(h, oh + rnd(r, 30, 120), EV_OFF_HOLD, NULL);
	}
}

/* ---- pass 2: a household for every link ---- */

struct aref {
	raa_day start;
	int unit, att;
};

static int aref_cmp(const void *pa, const void *pb)
{
	const struct aref *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	return (a->att > b->att) - (a->att < b->att);
}

/* The longest-waiting approved household that is free and fits. Foster
 * carers who adopt come from outside the pool. */
static int find_hh(struct gen *g, const struct unit *u, const struct attempt *a, int avoid)
{
	if (a->ep == EP_CARERS)
		return -1;
	int best = -1;
	for (size_t i = 0; i < g->nh; i++) {
		const struct hh *h = &g->h[i];
		if ((int)i == avoid || h->reserved || h->free_from > a->start ||
		    h->nbusy >= HH_BUSY)
			continue;
		if ((a->ep == EP_FFA && h->rec.early_permanence != 1) || !hh_fits(h, u, a->link))
			continue;
		if (best < 0 || h->free_from < g->h[best].free_from)
			best = (int)i;
	}
	return best;
}

/* None fits: a household assessed and approved in good time for this link. */
static int make_hh_for(struct gen *g, const struct unit *u, const struct attempt *a)
{
	struct rng *r = &g->r;
	raa_day when;
	if (a->ep == EP_CARERS)
		when = a->link - rnd(r, 7, 40);
	else if (a->ep == EP_FFA)
		when = a->start - rnd(r, 10, 200);
	else
		when = a->link - rnd(r, 20, 250);
	int i = hh_approved_by(g, when, a->ep == EP_CARERS || chance(r, 60));
	approve_for(g, &g->h[i], u, a->link, a->ep);
	return i;
}

/* The household is busy from the start of the link: free again two weeks
 * after a link ends; after a placement only if it is approved again. */
static void hh_take(struct gen *g, int i, const struct attempt *a)
{
	struct rng *r = &g->r;
	struct hh *h = &g->h[i];
	h->busy[h->nbusy][0] = a->start;
	h->busy[h->nbusy][1] = a->end;
	h->nbusy++;
	if (a->end != NEVER) {
		hh_add(h, a->end, EV_LINK_ENDED, a->why);
		h->free_from = a->end + 14;
		return;
	}
	h->free_from = NEVER;
	if (a->placed <= g->today - 800 && h->nbusy < HH_BUSY && chance(r, 80)) {
		struct pipe_opt o = { HF_APPROVED, true, false };
		hh_approval(g, h, hh_pipeline(g, h, a->placed + rnd(r, 540, 720), &o));
	}
}

static void assign_households(struct gen *g)
{
	size_t n = 0, cap = 0;
	struct aref *refs = NULL;
	for (size_t i = 0; i < g->nu; i++) {
		for (int k = 0; k < g->u[i].natt; k++) {
			if (g->u[i].att[k].start > g->today)
				continue;
			xgrow((void **)&refs, &cap, n + 1, sizeof *refs);
			refs[n++] = (struct aref){ g->u[i].att[k].start, (int)i, k };
		}
	}
	if (n) /* qsort's array must not be NULL, even when empty */
		qsort(refs, n, sizeof *refs, aref_cmp);
	for (size_t k = 0; k < n; k++) {
		struct unit *u = &g->u[refs[k].unit];
		struct attempt *a = &u->att[refs[k].att];
		int avoid = refs[k].att > 0 ? u->att[refs[k].att - 1].hh : -1;
		int i = find_hh(g, u, a, avoid);
		if (i < 0)
			i = make_hh_for(g, u, a);
		a->hh = i;
		hh_take(g, i, a);
	}
	free(refs);
}

/* ---- pass 3: what follows for households ---- */

/* Offices decide on working days: every date moves to the next one. The
 * move never reorders two dates, so causes still come before effects. */
static raa_day snap(raa_day d)
{
	while (!workcal_is_working_day(NULL, d))
		d++;
	return d;
}


/* 0 free on d, 1 in a link that ends, 2 in one that never does (placed);
 * only links started on or after `since` count. */
static int busy_on(const struct hh *h, raa_day since, raa_day d)
{
	for (int i = 0; i < h->nbusy; i++) {
		if (h->busy[i][0] < since || h->busy[i][0] > d)
			continue;
		if (h->busy[i][1] == NEVER)
			return 2;
		if (d <= h->busy[i][1])
			return 1;
	}
	return 0;
}

/* The approval review every 12 months while nothing is placed. */
static void hh_reviews(struct gen *g, struct hh *h)
{
	for (int i = 0; i < h->nappr; i++) {
		raa_day a = h->appr[i], stop = i + 1 < h->nappr ? h->appr[i + 1] : NEVER;
		if (h->gone < stop)
			stop = h->gone;
		if (g->today < stop)
			stop = g->today;
		for (int k = 1; k < 40; k++) {
			raa_day d = date_add_months(a, 12 * k);
			if (d >= stop)
				break;
			int b = busy_on(h, a, d);
			if (b == 2)
				break;
			if (b == 0)
				hh_add(h, d, EV_REVIEW, "annual review");
		}
	}
}

/* Approval fields are known only once an approval is on record by today
 * (foster carers adopting may still be in assessment). */
static void hh_blank_unapproved(struct gen *g, struct hh *h)
{
	for (int i = 0; i < h->nappr; i++)
		if (snap(h->appr[i]) <= g->today)
			return;
	struct adopter_rec *a = &h->rec;
	a->min_age_months = a->max_age_months = -1;
	a->max_children = 0;
	for (int d = 0; d < NEED_DIMS; d++)
		a->needs[d] = NEED_UNKNOWN;
	a->contact = CONTACT_UNKNOWN;
	a->early_permanence = -1;
}

/* Approved households never linked for a long while leave the register. */
static void hh_settle(struct gen *g, struct hh *h)
{
	struct rng *r = &g->r;
	raa_day f = h->free_from;
	hh_blank_unapproved(g, h);
	if (!h->reserved && h->nappr > 0 && f != NEVER && f <= g->today - YEAR) {
		raa_day wd = f + rnd(r, 180, 720);
		if (wd <= g->today) {
			if (chance(r, 200) && wd - 31 > f)
				hh_add(h, wd - rnd(r, 30, wd - f - 1 < 120 ? wd - f - 1 : 120),
				       EV_ON_HOLD, PICK(r, ON_HOLD_WHY));
			hh_add(h, wd, chance(r, 300) ? EV_DEREGISTERED : EV_WITHDRAWN,
			       PICK(r, WITHDRAWN_AFTER_WAIT));
			h->gone = wd;
		}
	}
	hh_reviews(g, h);
}

/* ---- pass 4: ids and the stream to the sink ---- */

static int unit_cmp(const void *pa, const void *pb)
{
	const struct unit *a = pa, *b = pb;
	if (a->entered != b->entered)
		return a->entered < b->entered ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Units sorted by entering care (so C1 is the first to arrive), then ids,
 * sibling groups and the LAs' own child ids. Attempts name households by
 * index, so sorting units changes nothing else. */
static void name_children(struct gen *g)
{
	struct rng *r = &g->r;
	int la_next[N_BOROUGHS], kid = 1, sg = 1;
	for (int b = 0; b < N_BOROUGHS; b++)
		la_next[b] = rnd(r, 10000, 40000);
	qsort(g->u, g->nu, sizeof *g->u, unit_cmp);
	for (size_t i = 0; i < g->nu; i++) {
		struct unit *u = &g->u[i];
		const char *group = u->size > 1 ? arena_printf(&g->arena, "SG%d", sg++) : NULL;
		for (int k = 0; k < u->size; k++) {
			struct child_rec *c = &u->kid[k];
			c->id = arena_printf(&g->arena, "C%d", kid++);
			c->partner = BOROUGHS[u->partner].code;
			la_next[u->partner] += rnd(r, 1, 60);
			c->la_child_id = arena_printf(&g->arena, "%s-%05d", c->partner,
						      la_next[u->partner]);
			c->sibling_group = group;
		}
	}
}

static raa_day hh_first(const struct hh *h)
{
	raa_day d = NEVER;
	for (size_t i = 0; i < h->nev; i++)
		if (h->ev[i].date < d)
			d = h->ev[i].date;
	return d;
}

struct hord {
	raa_day first;
	int i;
};

static int hord_cmp(const void *pa, const void *pb)
{
	const struct hord *a = pa, *b = pb;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

static int hev_cmp(const void *pa, const void *pb)
{
	const struct hev *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Households numbered by their first contact: A1 enquired first. */
static struct hord *name_households(struct gen *g)
{
	struct hord *o = xmalloc((g->nh ? g->nh : 1) * sizeof *o);
	for (size_t i = 0; i < g->nh; i++) {
		struct hh *h = &g->h[i];
		qsort(h->ev, h->nev, sizeof *h->ev, hev_cmp);
		o[i] = (struct hord){ hh_first(h), (int)i };
	}
	qsort(o, g->nh, sizeof *o, hord_cmp);
	for (size_t k = 0; k < g->nh; k++) {
		struct hh *h = &g->h[o[k].i];
		h->ord = (int)k;
		h->rec.id = arena_printf(&g->arena, "A%zu", k + 1);
	}
	return o;
}

/* One event of the stream, with what orders it. */
struct oev {
	raa_day date;
	int rank;           /* households before children on a day */
	int rec;            /* record's position in id order */
	int seq;            /* position in the record's own journey */
	int kind;
	enum record_type type;
	const char *record, *adopter, *detail;
};

static int oev_cmp(const void *pa, const void *pb)
{
	const struct oev *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	if (a->rec != b->rec)
		return a->rec < b->rec ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

struct stream {
	struct oev *ev;
	size_t n, cap;
};

static void stream_add(struct stream *s, const struct oev *e)
{
	xgrow((void **)&s->ev, &s->cap, s->n + 1, sizeof *s->ev);
	s->ev[s->n++] = *e;
}

static void collect_events(struct gen *g, struct stream *s)
{
	int kid = 0;
	for (size_t i = 0; i < g->nh; i++) {
		const struct hh *h = &g->h[i];
		for (size_t k = 0; k < h->nev; k++) {
			raa_day d = snap(h->ev[k].date);
			if (d <= g->today)
				stream_add(s, &(struct oev){ d, 0, h->ord, (int)k, h->ev[k].kind,
							     REC_ADOPTER, h->rec.id, NULL,
							     h->ev[k].detail });
		}
	}
	for (size_t i = 0; i < g->nu; i++) {
		const struct unit *u = &g->u[i];
		for (int c = 0; c < u->size; c++, kid++) {
			for (int k = 0; k < u->nev; k++) {
				const struct pev *p = &u->ev[k];
				raa_day d = snap(p->date);
				if (d > g->today)
					break; /* the rest of the plan is the future */
				int hi = p->att >= 0 ? u->att[p->att].hh : -1;
				const char *hh = hi >= 0 ? g->h[hi].rec.id : NULL;
				stream_add(s, &(struct oev){ d, 1, kid, k, p->kind, REC_CHILD,
							     u->kid[c].id, hh, p->detail });
			}
		}
	}
	if (s->n) /* qsort's array must not be NULL, even when empty */
		qsort(s->ev, s->n, sizeof *s->ev, oev_cmp);
}

static int emit_records(struct gen *g, const struct demo_sink *sink, const struct hord *o,
			struct demo_stats *st, struct raa_err *err)
{
	int rc;
	for (int b = 0; b < N_BOROUGHS; b++) {
		struct partner_rec p = { BOROUGHS[b].code, BOROUGHS[b].name, b == HOST,
					 BOROUGHS[b].spoke };
		if ((rc = sink->partner(sink->ctx, &p, err)) < 0)
			return rc;
		st->partners++;
	}
	for (size_t k = 0; k < g->nh; k++) {
		if ((rc = sink->adopter(sink->ctx, &g->h[o[k].i].rec, err)) < 0)
			return rc;
		st->adopters++;
	}
	for (size_t i = 0; i < g->nu; i++) {
		for (int c = 0; c < g->u[i].size; c++) {
			if ((rc = sink->child(sink->ctx, &g->u[i].kid[c], err)) < 0)
				return rc;
			st->children++;
		}
	}
	return 0;
}

static int emit_events(struct gen *g, const struct demo_sink *sink, struct demo_stats *st,
		       struct raa_err *err)
{
	struct stream s = { 0 };
	collect_events(g, &s);
	int rc = 0;
	for (size_t i = 0; i < s.n && rc == 0; i++) {
		const struct oev *o = &s.ev[i];
		char iso[DATE_ISO_LEN], at[32];
		date_format_iso(o->date, iso);
		/* Recorded on the day it happened: deterministic, unlike now(). */
		snprintf(at, sizeof at, "%sT09:00:00Z", iso);
		struct event_rec e = {
			.record = o->record, .type = o->type, .kind = o->kind, .date = o->date,
			.adopter = o->adopter, .detail = o->detail, .origin = ORIGIN_EVENT,
			.recorded_by = "demo", .recorded_at = at,
		};
		rc = sink->event(sink->ctx, &e, err);
		if (rc == 0)
			st->events++;
	}
	free(s.ev);
	return rc < 0 ? rc : 0;
}

/* ---- the whole ---- */

static void generate(struct gen *g)
{
	static const int FORCED[] = { F_TRACKING, F_TRACKING, F_WAITING, F_WAITING, F_WAITING,
				      F_WAITING, F_LINKED, F_LINKED, F_MATCHED, F_MATCHED,
				      F_PLACED, F_PLACED, F_PLAN_CHANGED, F_LEFT };
	struct rng *r = &g->r;
	int target = 640 + rnd(r, 0, 60), kids = 0;
	for (int i = 0; i < COUNT(FORCED); i++) {
		plan_unit(g, FORCED[i]);
		kids += g->u[g->nu - 1].size;
	}
	while (kids < target) {
		plan_unit(g, F_NONE);
		kids += g->u[g->nu - 1].size;
	}
	for (int n = 150 + rnd(r, 0, 30); n > 0; n--)
		make_pipeline(g);
	make_anchored(g, EV_ENQUIRY, 0, 3, HF_APPROVED, false);
	make_anchored(g, EV_ROI, 5, 25, HF_APPROVED, false);
	make_anchored(g, EV_STAGE2_NOTICE, 22, 28, HF_APPROVED, true);
	make_anchored(g, EV_WITHDRAWN, 30, 200, HF_W_STAGE2, false);
	make_waiting(g, true);
	for (int n = 45 + rnd(r, 0, 15); n > 0; n--)
		make_waiting(g, false);
	assign_households(g);
	for (size_t i = 0; i < g->nh; i++)
		hh_settle(g, &g->h[i]);
}

static void gen_free(struct gen *g)
{
	for (size_t i = 0; i < g->nh; i++)
		free(g->h[i].ev);
	free(g->h);
	free(g->u);
	arena_free(&g->arena);
}

int demo_generate(uint64_t seed, raa_day today, const struct demo_sink *sink,
		  struct demo_stats *stats, struct raa_err *err)
{
	if (!sink || !sink->partner || !sink->child || !sink->adopter || !sink->event)
		return raa_err_set(err, RAA_EINVAL, "demo: sink: expected partner, child, "
						    "adopter and event callbacks");
	if (today == DAY_NONE || today < date_from_ymd(2010, 1, 1) ||
	    today > date_from_ymd(2150, 12, 31))
		return raa_err_set(err, RAA_EINVAL,
				   "demo: today: expected a date from 2010-01-01 to 2150-12-31");
	struct demo_stats st = { 0 };
	struct gen g;
	memset(&g, 0, sizeof g);
	rng_seed(&g.r, seed);
	arena_init(&g.arena, 0);
	g.today = today;
	generate(&g);
	name_children(&g);
	struct hord *o = name_households(&g);
	int rc = emit_records(&g, sink, o, &st, err);
	if (rc == 0)
		rc = emit_events(&g, sink, &st, err);
	free(o);
	gen_free(&g);
	if (stats)
		*stats = st;
	return rc;
}
