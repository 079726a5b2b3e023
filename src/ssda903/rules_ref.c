/*
 * Reference data (--reference DIR) and the rules that need it: the Ofsted
 * provider list (URN lookups), postcodes (the placement's LA, its distance
 * from home) and the returning LA's own code. File shapes follow the
 * conformance fixtures' metadata tables; docs/ssda903.md describes them.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "ssda903/s903_rules.h"

#define EPI S903_EPISODES
#define EPI_LAST S903_LAST(S903_EPISODES)

struct s903_postcode {
	const char *pcd; /* upper-cased, without spaces */
	const char *laua;
	double east, north;
	bool has_en;
};

struct s903_ref {
	struct arena a;
	struct s903_provider *prov;
	size_t nprov, capprov;
	unsigned pcols; /* S903_REF_PI_* columns the provider list had */
	bool have_prov;
	struct s903_postcode *pc;
	size_t npc, cappc;
	bool have_pc;
	const char *la;
};

struct s903_ref *s903_ref_new(void)
{
	struct s903_ref *ref = xcalloc(1, sizeof(*ref));
	arena_init(&ref->a, 1 << 16);
	return ref;
}

void s903_ref_free(struct s903_ref *ref)
{
	if (!ref)
		return;
	free(ref->prov);
	free(ref->pc);
	arena_free(&ref->a);
	free(ref);
}

/* An upper-cased arena copy without blanks around it; NULL when blank.
 * nospace also drops inner spaces (postcodes: "AB1 0JD" = "AB10JD"). */
static const char *norm(struct arena *a, const char *s, bool nospace)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *o = arena_alloc(a, n + 1), *p = o;
	for (; *s; s++)
		if (!(isspace((unsigned char)*s) && (nospace || p == o)))
			*p++ = (char)toupper((unsigned char)*s);
	while (p > o && isspace((unsigned char)p[-1]))
		p--;
	*p = 0;
	return p == o ? NULL : o;
}

/* Postcode key of s into buf (upper-cased, no spaces); false when blank. */
static bool pc_key(const char *s, char *buf, size_t cap)
{
	size_t k = 0;
	for (; s && *s && k + 1 < cap; s++)
		if (!isspace((unsigned char)*s))
			buf[k++] = (char)toupper((unsigned char)*s);
	buf[k] = 0;
	return k > 0;
}

/* A CSV with a header row; each data row goes to fn with the column
 * index of each wanted name (-1 when absent). */
typedef void (*row_fn)(struct s903_ref *ref, const int *ix, const struct csv_row *row);

static const char *cell(const struct csv_row *row, int ix)
{
	return ix >= 0 && (size_t)ix < row->n && row->fields[ix][0] ? row->fields[ix] : NULL;
}

static int read_table(struct s903_ref *ref, const char *path, const char *const *names,
		      const char *required, int *ix, row_fn fn, struct raa_err *err)
{
	struct csv_reader *rd = csv_open_file(path, 0, err);
	if (!rd)
		return err->code ? err->code : RAA_EIO;
	struct csv_row row;
	int rc = csv_next(rd, &row, err);
	if (rc <= 0) {
		csv_close(rd);
		return rc < 0 ? RAA_EINVAL
			      : raa_err_set(err, RAA_EINVAL, "%s: empty file (expected a header row)",
					    path);
	}
	for (size_t k = 0; names[k]; k++) {
		ix[k] = -1;
		for (size_t j = 0; j < row.n; j++)
			if (strcasecmp(row.fields[j], names[k]) == 0)
				ix[k] = (int)j;
		if (ix[k] < 0 && strcmp(names[k], required) == 0) {
			csv_close(rd);
			return raa_err_set(err, RAA_EINVAL, "%s: line 1: no column %s (expected one)",
					   path, required);
		}
	}
	while ((rc = csv_next(rd, &row, err)) > 0)
		fn(ref, ix, &row);
	csv_close(rd);
	return rc < 0 ? RAA_EINVAL : 0;
}

static const char *const PROV_COLS[] = { "URN",	    "PLACE_CODES",      "PROVIDER_CODES",
					 "POSTCODE", "LA_CODE_INFERRED", "REG_END",
					 NULL };

static void prov_row(struct s903_ref *ref, const int *ix, const struct csv_row *row)
{
	const char *urn = norm(&ref->a, cell(row, ix[0]), true);
	if (!urn)
		return;
	xgrow((void **)&ref->prov, &ref->capprov, ref->nprov + 1, sizeof(*ref->prov));
	struct s903_provider *p = &ref->prov[ref->nprov++];
	p->urn = urn;
	p->place_codes = norm(&ref->a, cell(row, ix[1]), true);
	p->provider_codes = norm(&ref->a, cell(row, ix[2]), true);
	p->postcode = norm(&ref->a, cell(row, ix[3]), true);
	p->la_code = norm(&ref->a, cell(row, ix[4]), false);
	const char *end = cell(row, ix[5]);
	if (!end || date_parse_dmy(end, &p->reg_end) < 0)
		p->reg_end = DAY_NONE;
}

static int prov_cmp(const void *a, const void *b)
{
	return strcmp(((const struct s903_provider *)a)->urn, ((const struct s903_provider *)b)->urn);
}

int s903_ref_read_providers(struct s903_ref *ref, const char *path, struct raa_err *err)
{
	int ix[6];
	int rc = read_table(ref, path, PROV_COLS, "URN", ix, prov_row, err);
	if (rc < 0)
		return rc;
	static const unsigned bit[6] = { 0, S903_REF_PI_PLACE_CODES, S903_REF_PI_PROVIDER_CODES,
					 S903_REF_PI_POSTCODE, S903_REF_PI_LA_CODE,
					 S903_REF_PI_REG_END };
	for (int k = 1; k < 6; k++)
		ref->pcols |= ix[k] >= 0 ? bit[k] : 0;
	ref->have_prov = true;
	/* stable enough: equal URNs stay adjacent, which is all lookups need */
	if (ref->nprov)
		qsort(ref->prov, ref->nprov, sizeof(*ref->prov), prov_cmp);
	return 0;
}

static const char *const PC_COLS[] = { "pcd", "laua", "oseast1m", "osnrth1m", NULL };

static bool parse_num(const char *s, double *v)
{
	char *end;
	if (!s)
		return false;
	*v = strtod(s, &end);
	return end != s && *end == 0 && isfinite(*v);
}

static void pc_row(struct s903_ref *ref, const int *ix, const struct csv_row *row)
{
	const char *pcd = norm(&ref->a, cell(row, ix[0]), true);
	if (!pcd)
		return;
	xgrow((void **)&ref->pc, &ref->cappc, ref->npc + 1, sizeof(*ref->pc));
	struct s903_postcode *p = &ref->pc[ref->npc++];
	p->pcd = pcd;
	p->laua = norm(&ref->a, cell(row, ix[1]), false);
	p->has_en = parse_num(cell(row, ix[2]), &p->east) && parse_num(cell(row, ix[3]), &p->north);
}

static int pc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct s903_postcode *)a)->pcd, ((const struct s903_postcode *)b)->pcd);
}

int s903_ref_read_postcodes(struct s903_ref *ref, const char *path, struct raa_err *err)
{
	int ix[4];
	int rc = read_table(ref, path, PC_COLS, "pcd", ix, pc_row, err);
	if (rc < 0)
		return rc;
	ref->have_pc = true;
	if (ref->npc)
		qsort(ref->pc, ref->npc, sizeof(*ref->pc), pc_cmp);
	return 0;
}

void s903_ref_set_la(struct s903_ref *ref, const char *la)
{
	ref->la = norm(&ref->a, la, true);
}

static void la_row(struct s903_ref *ref, const int *ix, const struct csv_row *row)
{
	if (!ref->la)
		s903_ref_set_la(ref, cell(row, ix[0]));
}

/* "DIR/name" when it exists (caller frees), else NULL. */
static char *ref_file(const char *dir, const char *name)
{
	struct buf p;
	buf_init(&p, 0);
	buf_printf(&p, "%s/%s", dir, name);
	FILE *fp = fopen(buf_cstr(&p), "r");
	if (!fp) {
		buf_free(&p);
		return NULL;
	}
	fclose(fp);
	return buf_detach(&p);
}

int s903_ref_load(struct s903_ref *ref, const char *dir, struct raa_err *err)
{
	static const char *const LA_COLS[] = { "LA_CODE", NULL };
	char *prov = ref_file(dir, "provider_info.csv"), *pc = ref_file(dir, "postcodes.csv");
	char *la = ref_file(dir, "local_authority.csv");
	int rc = 0;
	if (!prov && !pc && !la)
		rc = raa_err_set(err, RAA_EINVAL,
				 "--reference: %s: holds none of provider_info.csv, postcodes.csv, "
				 "local_authority.csv",
				 dir);
	if (rc == 0 && prov)
		rc = s903_ref_read_providers(ref, prov, err);
	if (rc == 0 && pc)
		rc = s903_ref_read_postcodes(ref, pc, err);
	int ix[1];
	if (rc == 0 && la)
		rc = read_table(ref, la, LA_COLS, "LA_CODE", ix, la_row, err);
	if (rc == 0 && la && !ref->la)
		rc = raa_err_set(err, RAA_EINVAL, "%s: LA_CODE: blank (expected the LA's code)", la);
	free(prov);
	free(pc);
	free(la);
	return rc;
}

const struct s903_provider *s903_ref_providers(const struct s903_ref *ref, const char *urn,
					       size_t *n)
{
	*n = 0;
	char key[64];
	if (!ref || !ref->nprov || !pc_key(urn, key, sizeof(key)))
		return NULL;
	size_t lo = 0, hi = ref->nprov;
	while (lo < hi) { /* first provider with urn >= key */
		size_t mid = (lo + hi) / 2;
		if (strcmp(ref->prov[mid].urn, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t e = lo;
	while (e < ref->nprov && strcmp(ref->prov[e].urn, key) == 0)
		e++;
	*n = e - lo;
	return *n ? &ref->prov[lo] : NULL;
}

const char *s903_ref_la(const struct s903_ref *ref)
{
	return ref ? ref->la : NULL;
}

static const struct s903_postcode *pc_find(const struct s903_ref *ref, const char *s)
{
	char key[32];
	if (!ref || !ref->npc || !pc_key(s, key, sizeof(key)))
		return NULL;
	struct s903_postcode k = { .pcd = key };
	return bsearch(&k, ref->pc, ref->npc, sizeof(*ref->pc), pc_cmp);
}

static unsigned ref_pcols(const struct s903_ref *ref)
{
	return ref ? ref->pcols : 0;
}

const char *s903_ref_missing(const struct s903_ref *ref, bool have_derived, unsigned bits)
{
	if ((bits & S903_REF_PROVIDERS) && !(ref && ref->have_prov))
		return "needs the Ofsted provider list (--reference DIR/provider_info.csv)";
	unsigned need = bits & (S903_REF_PI_PLACE_CODES | S903_REF_PI_PROVIDER_CODES |
				S903_REF_PI_POSTCODE | S903_REF_PI_REG_END | S903_REF_PI_LA_CODE);
	if ((need & ref_pcols(ref)) != need)
		return "needs a provider_info.csv column it lacks (PLACE_CODES, PROVIDER_CODES, "
		       "POSTCODE, REG_END or LA_CODE_INFERRED)";
	if ((bits & S903_REF_POSTCODES) && !have_derived)
		return "needs postcode reference data (--reference DIR/postcodes.csv)";
	if ((bits & S903_REF_PC_LIST) && !(ref && ref->have_pc))
		return "needs the postcode list (--reference DIR/postcodes.csv)";
	if ((bits & S903_REF_LA) && !s903_ref_la(ref))
		return "needs the LA's own code (--reference DIR/local_authority.csv)";
	return NULL;
}

/* Derived columns */

void s903_set_derived(struct s903_return *r, int slot, enum s903_derived_col d, size_t row,
		      const char *val)
{
	const char ***col = &r->derived[slot != EPI][d];
	size_t n = r->tab[slot].n;
	if (row >= n)
		return;
	if (!*col)
		*col = memset(arena_alloc(&r->arena, n * sizeof(**col)), 0, n * sizeof(**col));
	(*col)[row] = s903_intern(r, val, val ? strlen(val) : 0, false);
	r->have_derived = true;
}

/* Miles between two postcodes' grid references (metres on the OS grid). */
static double miles(const struct s903_postcode *a, const struct s903_postcode *b)
{
	return hypot(a->east - b->east, a->north - b->north) / 1609.344;
}

static void derive_slot(struct s903_return *r, int slot, const struct s903_ref *ref)
{
	const struct s903_table *t = &r->tab[slot];
	for (size_t i = 0; i < t->n; i++) {
		const struct s903_postcode *pl = pc_find(ref, s903_s(t, S903_C_PL_POST, i));
		const struct s903_postcode *home = pc_find(ref, s903_s(t, S903_C_HOME_POST, i));
		const char *la = pl ? pl->laua : NULL;
		s903_set_derived(r, slot, S903_D_PL_LA, i, la);
		if (la && ref->la)
			s903_set_derived(r, slot, S903_D_PL_LOCATION, i,
					 strcasecmp(la, ref->la) == 0 ? "IN" : "OUT");
		if (pl && home && pl->has_en && home->has_en) {
			char buf[32];
			snprintf(buf, sizeof(buf), "%.1f", fmin(miles(pl, home), 999.9));
			s903_set_derived(r, slot, S903_D_PL_DISTANCE, i, buf);
		}
	}
}

void s903_apply_ref(struct s903_return *r, const struct s903_ref *ref)
{
	r->ref = ref;
	if (!ref || !ref->have_pc)
		return;
	for (int s = EPI; s <= EPI_LAST; s += S903_NTAB)
		if (r->tab[s].present)
			derive_slot(r, s, ref);
	r->have_derived = true;
}

/* Rule helpers */

#define PLA(c, s, i) s903_der((c)->r, (s), S903_D_PL_LA, (i))
#define PLOC(c, s, i) s903_der((c)->r, (s), S903_D_PL_LOCATION, (i))
#define PDIST(c, s, i) s903_der((c)->r, (s), S903_D_PL_DISTANCE, (i))
#define LS(t, i) s903_s((t), S903_C_LS, (i))
#define V3V4(t, i) S903_IN(LS(t, i), "V3", "V4")

/* Children who are or were UASC: Header.UASC 1 this or last year, or a
 * UASC_last row with a date UASC ceased (caller frees). */
static bool *uasc_children(const struct s903_return *r)
{
	bool *u = xcalloc(r->nchild + 1, sizeof(*u));
	for (int s = S903_HEADER; s <= S903_LAST(S903_HEADER); s += S903_NTAB) {
		const struct s903_table *h = &r->tab[s];
		for (size_t i = 0; i < h->n; i++)
			if (h->child[i] >= 0 && s903_eq(s903_s(h, S903_C_UASC, i), "1"))
				u[h->child[i]] = true;
	}
	const struct s903_table *ul = &r->tab[S903_LAST(S903_UASC)];
	for (size_t i = 0; i < ul->n; i++)
		if (ul->child[i] >= 0 && s903_s(ul, S903_C_DUC, i))
			u[ul->child[i]] = true;
	return u;
}

static bool uasc_row(const bool *u, const struct s903_table *t, size_t i)
{
	return t->child[i] >= 0 && u[t->child[i]];
}

/* A distance as a number; false when blank or not a number. */
static bool distance(const char *s, double *v)
{
	return parse_num(s, v);
}

/* Scotland, Wales, Northern Ireland (codes S..., W..., N..., SCO, WAL,
 * NIR, NUK): outside Ofsted's registration. */
static bool english_la(const char *la)
{
	return !la || !strchr("SWN", toupper((unsigned char)la[0]));
}

static bool same_la(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* code in a comma-separated list ("PR1,PR3") */
static bool in_codes(const char *code, const char *list)
{
	size_t n = code ? strlen(code) : 0;
	for (const char *p = list; n && p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && strncasecmp(p, code, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

/* Postcode rules */

static void r164(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	bool *u = uasc_children(c->r);
	for (size_t i = 0; i < t->n; i++) {
		const char *s = PDIST(c, EPI, i);
		double v;
		if (s && !uasc_row(u, t, i) && (!distance(s, &v) || v < 0 || v > 999.9))
			s903_flag(c, EPI, i);
	}
	free(u);
}

static void r169(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++)
		if (!PLA(c, EPI, i) && !V3V4(t, i))
			s903_flag(c, EPI, i);
}

static void r179(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++)
		if (!S903_IN(PLOC(c, EPI, i), "IN", "OUT") && !V3V4(t, i))
			s903_flag(c, EPI, i);
}

/* Placements with no Ofsted-registered provider need no URN. */
static bool urn_exempt(const char *place, int version)
{
	if (S903_IN(place, "A3", "A4", "A5", "A6", "H5", "P1", "P2", "P3", "R2", "R3", "R5", "T0",
		    "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6"))
		return true;
	if (version >= 2024 && s903_eq(place, "Z1"))
		return true;
	return version >= 2025 && S903_IN(place, "Z11", "Z12", "Z13", "Z14");
}

/* A URN is needed for episodes open in the year, placed in England. */
static void r218_v(struct s903_ctx *c, int version)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++) {
		raa_day dec = s903_d(t, S903_C_DEC, i);
		if (!s903_s(t, S903_C_URN, i) && !urn_exempt(s903_s(t, S903_C_PLACE, i), version) &&
		    english_la(PLA(c, EPI, i)) && (dec == DAY_NONE || s903_ge(dec, c->r->start)))
			s903_flag(c, EPI, i);
	}
}

static void r218(struct s903_ctx *c)
{
	r218_v(c, 2022);
}

static void r218_2024(struct s903_ctx *c)
{
	r218_v(c, 2024);
}

static void r218_2025(struct s903_ctx *c)
{
	r218_v(c, 2025);
}

/* English H5 placements open after 28 October 2023 need a real URN. */
static void r230(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	raa_day from;
	date_parse_dmy("28/10/2023", &from);
	for (size_t i = 0; i < t->n; i++) {
		raa_day dec = s903_d(t, S903_C_DEC, i);
		const char *urn = s903_s(t, S903_C_URN, i);
		if (s903_eq(s903_s(t, S903_C_PLACE, i), "H5") && (!urn || s903_eq(urn, "XXXXXXX")) &&
		    english_la(PLA(c, EPI, i)) && (dec == DAY_NONE || dec > from))
			s903_flag(c, EPI, i);
	}
}

static void r392a(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	bool *u = uasc_children(c->r);
	for (size_t i = 0; i < t->n; i++)
		if (!PDIST(c, EPI, i) && !V3V4(t, i) && !uasc_row(u, t, i))
			s903_flag(c, EPI, i);
	free(u);
}

/* Not in the reference's tests' terms: a postcode absent from the list. */
static void r392c(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++) {
		const char *h = s903_s(t, S903_C_HOME_POST, i), *p = s903_s(t, S903_C_PL_POST, i);
		if ((h && !pc_find(c->r->ref, h)) || (p && !pc_find(c->r->ref, p)))
			s903_flag(c, EPI, i);
	}
}

/* Needs no reference data, only the UASC helper: postcodes missing for a
 * looked-after child (not V3/V4, never UASC). */
static void r392b(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	bool *u = uasc_children(c->r);
	for (size_t i = 0; i < t->n; i++)
		if ((!s903_s(t, S903_C_HOME_POST, i) || !s903_s(t, S903_C_PL_POST, i)) &&
		    !V3V4(t, i) && !uasc_row(u, t, i))
			s903_flag(c, EPI, i);
	free(u);
}

static void r406(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	bool *u = uasc_children(c->r);
	for (size_t i = 0; i < t->n; i++)
		if (PDIST(c, EPI, i) && uasc_row(u, t, i))
			s903_flag(c, EPI, i);
	free(u);
}

/* Only "IN" is checked: the fixture accepts OUT for the LA's own code. */
static void r411(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	const char *la = s903_ref_la(c->r->ref);
	for (size_t i = 0; i < t->n; i++)
		if (s903_eq(PLOC(c, EPI, i), "IN") && !same_la(PLA(c, EPI, i), la))
			s903_flag(c, EPI, i);
}

static void r420(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++)
		if (PLA(c, EPI, i) && V3V4(t, i))
			s903_flag(c, EPI, i);
}

/* Distances equal as numbers ("400" = "400.0"); two blanks are equal. */
static bool same_value(const char *a, const char *b, bool numeric)
{
	double x, y;
	if (!a || !b)
		return a == b;
	if (numeric && distance(a, &x) && distance(b, &y))
		return fabs(x - y) < 1e-9;
	return strcasecmp(a, b) == 0;
}

/* The first episode this year against last year's latest (open_only: only
 * when that one was still open), on derived column d. */
static void first_vs_last(struct s903_ctx *c, int d, bool open_only)
{
	const struct s903_table *t = S903_T(c, EPI), *l = S903_T(c, EPI_LAST);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(t, k, S903_C_DECOM, true, NULL);
		int last = s903_pick(l, k, S903_C_DECOM, false, NULL);
		if (first < 0 || last < 0 ||
		    (open_only && s903_d(l, S903_C_DEC, (size_t)last) != DAY_NONE))
			continue;
		if (!same_value(s903_der(c->r, EPI, d, (size_t)first),
				s903_der(c->r, EPI_LAST, d, (size_t)last), d == S903_D_PL_DISTANCE))
			s903_flag(c, EPI, (size_t)first);
	}
}

static void r452(struct s903_ctx *c)
{
	first_vs_last(c, S903_D_PL_LA, false);
}

static void r453(struct s903_ctx *c)
{
	first_vs_last(c, S903_D_PL_DISTANCE, false);
}

static void r503g(struct s903_ctx *c)
{
	first_vs_last(c, S903_D_PL_DISTANCE, true);
}

static void r503h(struct s903_ctx *c)
{
	first_vs_last(c, S903_D_PL_LA, true);
}

static void r503j(struct s903_ctx *c)
{
	first_vs_last(c, S903_D_PL_LOCATION, true);
}

/* Over 350 miles; 999.9 is the code for "not known". */
static void r454(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	bool *u = uasc_children(c->r);
	for (size_t i = 0; i < t->n; i++) {
		double v;
		if (distance(PDIST(c, EPI, i), &v) && v > 350 && fabs(v - 999.9) > 1e-9 &&
		    !uasc_row(u, t, i))
			s903_flag(c, EPI, i);
	}
	free(u);
}

/* Own provision (PR1) placed outside the LA; the fixture leaves out
 * placements with relatives or friends (U1-U6) and blank codes. */
static void r1015(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	const char *la = s903_ref_la(c->r->ref);
	for (size_t i = 0; i < t->n; i++) {
		const char *place = s903_s(t, S903_C_PLACE, i), *pla = PLA(c, EPI, i);
		if (s903_eq(s903_s(t, S903_C_PLACE_PROVIDER, i), "PR1") && place &&
		    !S903_IN(place, "U1", "U2", "U3", "U4", "U5", "U6") && LS(t, i) && !V3V4(t, i) &&
		    pla && !same_la(pla, la))
			s903_flag(c, EPI, i);
	}
}

/* Provider-list rules */

typedef bool (*prov_pred)(const struct s903_ctx *c, const struct s903_table *t, size_t i,
			  const struct s903_provider *p);

/* Flags episodes whose URN is in the list and pred holds for one of its
 * providers (a merge on URN, then a mask). */
static void flag_by_provider(struct s903_ctx *c, prov_pred pred)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++) {
		size_t n;
		const struct s903_provider *p =
			s903_ref_providers(c->r->ref, s903_s(t, S903_C_URN, i), &n);
		for (size_t j = 0; j < n; j++)
			if (pred(c, t, i, &p[j])) {
				s903_flag(c, EPI, i);
				break;
			}
	}
}

static void r1008(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++) {
		const char *urn = s903_s(t, S903_C_URN, i);
		size_t n;
		if (urn && strcasecmp(urn, "XXXXXXX") != 0 && !s903_ref_providers(c->r->ref, urn, &n))
			s903_flag(c, EPI, i);
	}
}

static bool p219(const struct s903_ctx *c, const struct s903_table *t, size_t i,
		 const struct s903_provider *p)
{
	(void)c;
	return !in_codes(s903_s(t, S903_C_PLACE, i), p->place_codes);
}

static bool p221(const struct s903_ctx *c, const struct s903_table *t, size_t i,
		 const struct s903_provider *p)
{
	(void)c;
	char a[32];
	return pc_key(s903_s(t, S903_C_PL_POST, i), a, sizeof(a)) &&
	       !(p->postcode && strcmp(a, p->postcode) == 0);
}

static bool p224(const struct s903_ctx *c, const struct s903_table *t, size_t i,
		 const struct s903_provider *p)
{
	(void)c;
	return !in_codes(s903_s(t, S903_C_PLACE_PROVIDER, i), p->provider_codes);
}

/* Started on or after the provider's registration ended. */
static bool p227(const struct s903_ctx *c, const struct s903_table *t, size_t i,
		 const struct s903_provider *p)
{
	(void)c;
	return s903_ge(s903_d(t, S903_C_DECOM, i), p->reg_end);
}

/* Ended (or still open at the year's end) after registration ended. */
static bool p228(const struct s903_ctx *c, const struct s903_table *t, size_t i,
		 const struct s903_provider *p)
{
	raa_day dec = s903_d(t, S903_C_DEC, i);
	return s903_gt(dec == DAY_NONE ? c->r->end : dec, p->reg_end);
}

/* PR1 (own provision) at a provider elsewhere, PR2 (other LA) at home. */
static bool p229(const struct s903_ctx *c, const struct s903_table *t, size_t i,
		 const struct s903_provider *p)
{
	const char *prov = s903_s(t, S903_C_PLACE_PROVIDER, i), *la = s903_ref_la(c->r->ref);
	return (s903_eq(prov, "PR1") && !same_la(p->la_code, la)) ||
	       (s903_eq(prov, "PR2") && same_la(p->la_code, la));
}

#define PROV_RULE(name, pred)                      \
	static void name(struct s903_ctx *c)       \
	{                                          \
		flag_by_provider(c, pred);         \
	}
PROV_RULE(r219, p219)
PROV_RULE(r221, p221)
PROV_RULE(r224, p224)
PROV_RULE(r227, p227)
PROV_RULE(r228, p228)
PROV_RULE(r229, p229)

#define E1 S903_TB(EPI)
#define EL (S903_TB(EPI) | S903_TB(EPI_LAST))
#define PC S903_REF_POSTCODES
#define PI S903_REF_PROVIDERS

static const struct s903_rule_impl IMPL[] = {
	{ "164", 2022, E1, PC, r164 },
	{ "169", 2022, E1, PC, r169 },
	{ "179", 2022, E1, PC, r179 },
	{ "218", 2022, E1, PC, r218 },
	{ "218", 2024, E1, PC, r218_2024 },
	{ "218", 2025, E1, PC, r218_2025 },
	{ "230", 2023, E1, PC, r230 },
	{ "392a", 2022, E1, PC, r392a },
	{ "392b", 2022, E1, 0, r392b },
	{ "392c", 2022, E1, S903_REF_PC_LIST, r392c },
	{ "406", 2022, E1, PC, r406 },
	{ "411", 2022, E1, PC | S903_REF_LA, r411 },
	{ "420", 2022, E1, PC, r420 },
	{ "452", 2022, EL, PC, r452 },
	{ "453", 2022, EL, PC, r453 },
	{ "454", 2025, E1, PC, r454 },
	{ "503G", 2022, EL, PC, r503g },
	{ "503H", 2022, EL, PC, r503h },
	{ "503J", 2022, EL, PC, r503j },
	{ "1015", 2022, E1, PC | S903_REF_LA, r1015 },
	{ "1008", 2022, E1, PI, r1008 },
	{ "219", 2022, E1, PI | S903_REF_PI_PLACE_CODES, r219 },
	{ "221", 2022, E1, PI | S903_REF_PI_POSTCODE, r221 },
	{ "221", 2023, E1, PI | S903_REF_PI_POSTCODE, r221 },
	{ "221", 2024, E1, PI | S903_REF_PI_POSTCODE, r221 },
	{ "224", 2022, E1, PI | S903_REF_PI_PROVIDER_CODES, r224 },
	{ "227", 2022, E1, PI | S903_REF_PI_REG_END, r227 },
	{ "228", 2022, E1, PI | S903_REF_PI_REG_END, r228 },
	{ "229", 2022, E1, PI | S903_REF_PI_LA_CODE | S903_REF_LA, r229 },
};

const struct s903_impl_list s903_impl_ref = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
