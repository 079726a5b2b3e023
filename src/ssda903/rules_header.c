/* Rules on Header (one row per child), also against last year's Header. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ssda903/s903_rules.h"

#define HDR S903_HEADER
#define HDR_LAST S903_LAST(S903_HEADER)

static const char *v(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_s(t, c, i);
}

static raa_day d(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_d(t, c, i);
}

static void r101(struct s903_ctx *c)
{
	s903_flag_not_in(c, HDR, S903_C_SEX, (const char *const[]){ "1", "2", NULL }, true);
}

/* From 2024/25 sex is recorded as M, F or U. */
static void r101_2024(struct s903_ctx *c)
{
	s903_flag_not_in(c, HDR, S903_C_SEX, (const char *const[]){ "M", "F", "U", NULL }, true);
}

static void r102(struct s903_ctx *c)
{
	s903_flag_bad_date(c, HDR, S903_C_DOB, true);
}

static const char *const ETHNIC[] = {
	"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
	"APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT", NULL,
};

static void r103(struct s903_ctx *c)
{
	s903_flag_not_in(c, HDR, S903_C_ETHNIC, ETHNIC, true);
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* A letter other than I, O, S, then 12 digits or 11 digits and a letter;
 * or UN1-UN5 when unknown. */
static bool upn_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 3 && strncmp(s, "UN", 2) == 0 && s[2] >= '1' && s[2] <= '5')
		return true;
	if (n != 13 || s[0] < 'A' || s[0] > 'Z' || strchr("IOS", s[0]))
		return false;
	return all_digits(s + 1, 11) &&
	       (isdigit((unsigned char)s[12]) || (s[12] >= 'A' && s[12] <= 'Z'));
}

S903_ROW_RULE(r168, HDR,
	      v(t, S903_C_UPN, i) && !upn_valid(v(t, S903_C_UPN, i)))

static void r171(struct s903_ctx *c)
{
	s903_flag_bad_date(c, HDR, S903_C_MC_DOB, false);
}

static void flag_male_with_mc_dob(struct s903_ctx *c, const char *male)
{
	const struct s903_table *t = S903_T(c, HDR);
	for (size_t i = 0; i < t->n; i++)
		if (s903_eq(v(t, S903_C_SEX, i), male) && v(t, S903_C_MC_DOB, i))
			s903_flag(c, HDR, i);
}

static void r174(struct s903_ctx *c)
{
	flag_male_with_mc_dob(c, "1");
}

static void r174_2024(struct s903_ctx *c)
{
	flag_male_with_mc_dob(c, "M");
}

/* UN1 (not of school age) for a child of school age by 31 August. */
static void r209(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, HDR);
	if (c->r->start == DAY_NONE)
		return;
	int y, m, dd;
	date_to_ymd(c->r->start, &y, &m, &dd);
	raa_day ref = date_from_ymd(y - 1, 8, 31);
	for (size_t i = 0; i < t->n; i++)
		if (s903_ge(ref, s903_add_years(d(t, S903_C_DOB, i), 4)) &&
		    s903_eq(v(t, S903_C_UPN, i), "UN1"))
			s903_flag(c, HDR, i);
}

static void r232(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, HDR);
	for (size_t i = 0; i < t->n; i++) {
		const char *s = v(t, S903_C_SEX, i);
		if (s && strlen(s) == 1 && toupper((unsigned char)s[0]) == 'U')
			s903_flag(c, HDR, i);
	}
}

S903_ROW_RULE(r301, HDR,
	      s903_gt(d(t, S903_C_DOB, i), c->r->end))

S903_ROW_RULE(r351, HDR,
	      s903_gt(c->r->start, s903_add_years(d(t, S903_C_DOB, i), 25)))

struct ptr_row {
	const char *s;
	size_t row;
};

static int ptr_row_cmp(const void *a, const void *b)
{
	const struct ptr_row *x = a, *y = b;
	if (x->s != y->s)
		return (uintptr_t)x->s < (uintptr_t)y->s ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* A UPN (other than the unknown codes) given to two children. Values are
 * interned, so equal UPNs are equal pointers. */
static void r444(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, HDR);
	struct ptr_row *v = xcalloc(t->n + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *u = s903_s(t, S903_C_UPN, i);
		if (u && !S903_IN(u, "UN1", "UN2", "UN3", "UN4", "UN5"))
			v[n++] = (struct ptr_row){ u, i };
	}
	qsort(v, n, sizeof(*v), ptr_row_cmp);
	for (size_t i = 0; i < n; i++)
		if ((i > 0 && v[i - 1].s == v[i].s) || (i + 1 < n && v[i + 1].s == v[i].s))
			s903_flag(c, HDR, v[i].row);
	free(v);
}

S903_ROW_RULE(r611, HDR,
	      s903_eq(v(t, S903_C_MOTHER, i), "1") && !v(t, S903_C_MC_DOB, i))

static void flag_mc_dob_not_mother(struct s903_ctx *c, const char *female)
{
	const struct s903_table *t = S903_T(c, HDR);
	for (size_t i = 0; i < t->n; i++) {
		const char *m = v(t, S903_C_MOTHER, i);
		if ((!m || s903_eq(m, "0")) && s903_eq(v(t, S903_C_SEX, i), female) &&
		    v(t, S903_C_MC_DOB, i))
			s903_flag(c, HDR, i);
	}
}

static void r612(struct s903_ctx *c)
{
	flag_mc_dob_not_mother(c, "2");
}

static void r612_2024(struct s903_ctx *c)
{
	flag_mc_dob_not_mother(c, "F");
}

/* A mother under 11 at the start of the year. */
S903_ROW_RULE(r620, HDR,
	      s903_eq(v(t, S903_C_MOTHER, i), "1") &&
		s903_gt(s903_add_years(d(t, S903_C_DOB, i), 11), c->r->start))

S903_ROW_RULE(r621, HDR,
	      s903_le(d(t, S903_C_MC_DOB, i), d(t, S903_C_DOB, i)))

/* A child with neither episodes nor care-leaver data. */
static void repi(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, HDR);
	for (size_t i = 0; i < t->n; i++) {
		int ne, no;
		s903_rows(S903_T(c, S903_EPISODES), t->child[i], &ne);
		s903_rows(S903_T(c, S903_OC3), t->child[i], &no);
		if (ne == 0 && no == 0)
			s903_flag(c, HDR, i);
	}
}

static void rint32(struct s903_ctx *c)
{
	s903_flag_dup_child(c, HDR);
}

/* Against last year's Header: pred(this row, last row) over the child's rows
 * in both years. */
typedef bool (*pair_fn)(const struct s903_table *a, size_t i, const struct s903_table *b, size_t j);

static void with_last(struct s903_ctx *c, pair_fn pred)
{
	const struct s903_table *t = S903_T(c, HDR), *l = S903_T(c, HDR_LAST);
	for (size_t i = 0; i < t->n; i++) {
		int n;
		const int *rows = s903_rows(l, t->child[i], &n);
		for (int j = 0; j < n; j++)
			if (pred(t, i, l, (size_t)rows[j]))
				s903_flag(c, HDR, i);
	}
}

/* Interned: equal values are equal pointers, and two blanks are equal (as
 * pandas' astype(str) makes them). */
static bool p202(const struct s903_table *a, size_t i, const struct s903_table *b, size_t j)
{
	return v(a, S903_C_SEX, i) != v(b, S903_C_SEX, j);
}

static void r202(struct s903_ctx *c)
{
	with_last(c, p202);
}

static bool p203(const struct s903_table *a, size_t i, const struct s903_table *b, size_t j)
{
	return d(a, S903_C_DOB, i) != d(b, S903_C_DOB, j);
}

static void r203(struct s903_ctx *c)
{
	with_last(c, p203);
}

static bool un_code(const char *s)
{
	return S903_IN(s, "UN1", "UN2", "UN3", "UN4", "UN5");
}

/* UPN changed, other than from unknown to a better unknown code or to a
 * known UPN. */
static bool p208(const struct s903_table *a, size_t i, const struct s903_table *b, size_t j)
{
	const char *now = v(a, S903_C_UPN, i), *last = v(b, S903_C_UPN, j);
	if (now == last || (now && last && strcasecmp(now, last) == 0))
		return false;
	bool to_un25 = S903_IN(now, "UN2", "UN3", "UN4", "UN5");
	if ((s903_eq(last, "UN1") || !last) && to_un25)
		return false;
	if ((un_code(last) || !last) && !(un_code(now) || !now))
		return false;
	return true;
}

static void r208(struct s903_ctx *c)
{
	with_last(c, p208);
}

static bool p624(const struct s903_table *a, size_t i, const struct s903_table *b, size_t j)
{
	const char *last = v(b, S903_C_MC_DOB, j);
	return last && s903_ne(v(a, S903_C_MC_DOB, i), last);
}

static void r624(struct s903_ctx *c)
{
	with_last(c, p624);
}

/* Became a mother, with a child born before this year. */
static void r626(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, HDR), *l = S903_T(c, HDR_LAST);
	for (size_t i = 0; i < t->n; i++) {
		raa_day mc = d(t, S903_C_MC_DOB, i);
		if (mc == DAY_NONE || s903_int(v(t, S903_C_MOTHER, i)) != 1 ||
		    !s903_lt(mc, c->r->start))
			continue;
		int n;
		const int *rows = s903_rows(l, t->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_int(v(l, S903_C_MOTHER, (size_t)rows[j])) == 0)
				s903_flag(c, HDR, i);
	}
}

static bool p204(const struct s903_table *a, size_t i, const struct s903_table *b, size_t j)
{
	const char *x = v(a, S903_C_ETHNIC, i), *y = v(b, S903_C_ETHNIC, j);
	return x != y && !(x && y && strcasecmp(x, y) == 0);
}

static void r204(struct s903_ctx *c)
{
	with_last(c, p204);
}

/* UASC status ceased given for a child whose Header says not UASC. */
static void r303(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, HDR), *u = S903_T(c, S903_UASC);
	for (size_t i = 0; i < t->n; i++) {
		int n;
		const int *rows = s903_rows(u, t->child[i], &n);
		for (int j = 0; j < n; j++)
			if (v(u, S903_C_DUC, (size_t)rows[j]) && s903_int(v(t, S903_C_UASC, i)) != 1) {
				s903_flag(c, S903_UASC, (size_t)rows[j]);
				s903_flag(c, HDR, i);
			}
	}
}

/* Living with former foster carers (ACCOM Z1, Z2) for a care leaver who
 * turned 17 in the year. */
static void r3001(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, S903_OC3), *h = S903_T(c, HDR);
	for (size_t i = 0; i < t->n; i++) {
		if (!S903_IN(v(t, S903_C_ACCOM, i), "Z1", "Z2"))
			continue;
		int n;
		const int *rows = s903_rows(h, t->child[i], &n);
		for (int j = 0; j < n; j++) {
			raa_day d17 = s903_add_years(d(h, S903_C_DOB, (size_t)rows[j]), 17);
			if (s903_le(d17, c->r->end) && s903_ge(d17, c->r->start))
				s903_flag(c, S903_OC3, i);
		}
	}
}

/* Mother status: a child who was a mother last year still is, while
 * looked after this year (blank counts as changed, as pandas' !=). */
static void r207(struct s903_ctx *c)
{
	const struct s903_table *h = S903_T(c, HDR), *l = S903_T(c, HDR_LAST);
	const struct s903_table *e = S903_T(c, S903_EPISODES);
	for (size_t i = 0; i < h->n; i++) {
		int n, ne;
		const int *rows = s903_rows(l, h->child[i], &n);
		s903_rows(e, h->child[i], &ne);
		for (int j = 0; j < n && ne; j++)
			if (s903_eq(v(l, S903_C_MOTHER, (size_t)rows[j]), "1") &&
			    s903_ne(v(h, S903_C_MOTHER, i), "1"))
				s903_flag(c, HDR, i);
	}
}

static bool oc3_given(const struct s903_table *o, int k)
{
	int n;
	const int *rows = s903_rows(o, k, &n);
	for (int j = 0; j < n; j++)
		if (s903_any(o, (size_t)rows[j],
			     S903_COLS(S903_C_IN_TOUCH, S903_C_ACTIV, S903_C_ACCOM)))
			return true;
	return false;
}

/* Care leavers (OC3 completed) with no episode this year need no mother
 * status. */
static void r628(struct s903_ctx *c)
{
	const struct s903_table *h = S903_T(c, HDR), *e = S903_T(c, S903_EPISODES);
	const struct s903_table *o = S903_T(c, S903_OC3);
	for (size_t i = 0; i < h->n; i++) {
		int n;
		s903_rows(e, h->child[i], &n);
		if (v(h, S903_C_MOTHER, i) && n == 0 && h->child[i] >= 0 && oc3_given(o, h->child[i]))
			s903_flag(c, HDR, i);
	}
}

/* Looked after in the year other than under V3/V4 (short breaks). */
static bool in_care_in_year(const struct s903_return *r, int k)
{
	const struct s903_table *e = &r->tab[S903_EPISODES];
	int n;
	const int *rows = s903_rows(e, k, &n);
	for (int j = 0; j < n; j++) {
		size_t i = (size_t)rows[j];
		raa_day dec = s903_d(e, S903_C_DEC, i);
		if (!S903_IN(s903_s(e, S903_C_LS, i), "V3", "V4") &&
		    s903_le(s903_d(e, S903_C_DECOM, i), r->end) &&
		    (dec == DAY_NONE || s903_ge(dec, r->start)))
			return true;
	}
	return false;
}

/* MOTHER is 0 or 1; a girl looked after in the year needs it, a boy is
 * never a mother. Flags the Header row and the child's OC3 rows. */
static void r165(struct s903_ctx *c)
{
	const struct s903_table *h = S903_T(c, HDR), *o = S903_T(c, S903_OC3);
	for (size_t i = 0; i < h->n; i++) {
		const char *m = v(h, S903_C_MOTHER, i), *sex = v(h, S903_C_SEX, i);
		bool bad = (m && !S903_IN(m, "0", "1")) || (s903_eq(sex, "1") && s903_eq(m, "1")) ||
			   (s903_eq(sex, "2") && !m && in_care_in_year(c->r, h->child[i]));
		if (!bad)
			continue;
		s903_flag(c, HDR, i);
		int n;
		const int *rows = s903_rows(o, h->child[i], &n);
		for (int j = 0; j < n; j++)
			s903_flag(c, S903_OC3, (size_t)rows[j]);
	}
}

/* Only under V3/V4: no episode under another legal status. */
static bool only_short_breaks(const struct s903_table *e, int k)
{
	int n;
	const int *rows = s903_rows(e, k, &n);
	for (int j = 0; j < n; j++)
		if (!S903_IN(s903_s(e, S903_C_LS, (size_t)rows[j]), "V3", "V4"))
			return false;
	return n > 0;
}

/* Children looked after only under V3/V4 have no mother status or
 * reviews: flags their episodes and the rows holding either. */
static void r399(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, S903_EPISODES), *h = S903_T(c, HDR);
	const struct s903_table *rv = S903_T(c, S903_REVIEWS);
	for (size_t i = 0; i < h->n; i++) {
		int k = h->child[i], n, ne;
		if (k < 0 || !only_short_breaks(e, k))
			continue;
		const int *rows = s903_rows(rv, k, &n);
		bool any = v(h, S903_C_MOTHER, i);
		for (int j = 0; j < n; j++)
			if (s903_any(rv, (size_t)rows[j], S903_COLS(S903_C_REVIEW, S903_C_REVIEW_CODE))) {
				s903_flag(c, S903_REVIEWS, (size_t)rows[j]);
				any = true;
			}
		if (!any)
			continue;
		if (v(h, S903_C_MOTHER, i))
			s903_flag(c, HDR, i);
		const int *erows = s903_rows(e, k, &ne);
		for (int j = 0; j < ne; j++)
			s903_flag(c, S903_EPISODES, (size_t)erows[j]);
	}
}

/* UASC under 11 at the end of the year: probably a wrong date of birth. */
static void r231(struct s903_ctx *c)
{
	const struct s903_table *h = S903_T(c, HDR);
	for (size_t i = 0; i < h->n; i++)
		if (s903_eq(v(h, S903_C_UASC, i), "1") &&
		    s903_gt(s903_add_years(s903_d(h, S903_C_DOB, i), 11), c->r->end))
			s903_flag(c, HDR, i);
}

/* ---- UASC status: 105 and the year-on-year checks 205A-205D ---- */

/* Header.UASC is derived ("1"/"0" from the UASC table) for CSV returns and
 * kept as given for an XML file whose HEADERs carry it (docs/ssda903.md,
 * "XML"): only the latter can be blank or another code. 0 and 1 as numbers
 * ("1.0" too), as the reference's to_numeric. */
static void r105(struct s903_ctx *c)
{
	const struct s903_table *h = S903_T(c, HDR);
	if (!h->col[S903_C_UASC])
		return; /* CSV without a UASC table: no status at all */
	for (size_t i = 0; i < h->n; i++) {
		long n = s903_int(v(h, S903_C_UASC, i));
		if (n != 0 && n != 1)
			s903_flag(c, HDR, i);
	}
}

/* Where one year's UASC status comes from: Header (its UASC column), or,
 * when that year has no Header table, the UASC rows themselves ("1" when
 * a row gives anything beyond CHILD and DOB: the reference's fallback). */
struct uasc_year {
	const struct s903_table *t;
	int slot; /* HDR or HDR_LAST; -1 when t is the UASC table */
	bool ok;  /* false: a Header without a UASC column, nothing to compare */
};

static struct uasc_year uasc_year(const struct s903_ctx *c, bool last)
{
	int hs = last ? HDR_LAST : HDR;
	const struct s903_table *h = S903_T(c, hs);
	if (h->present)
		return (struct uasc_year){ h, hs, h->col[S903_C_UASC] != NULL };
	h = S903_T(c, last ? S903_LAST(S903_UASC) : S903_UASC);
	return (struct uasc_year){ h, -1, h->present };
}

static const char *uasc_status(const struct uasc_year *y, int row)
{
	if (row < 0)
		return NULL;
	if (y->slot >= 0)
		return s903_s(y->t, S903_C_UASC, (size_t)row);
	return s903_any(y->t, (size_t)row, S903_COLS(S903_C_SEX, S903_C_DUC)) ? "1" : "0";
}

/* The rows of child k, or one row -1 when there are none: the reference's
 * left merges keep a row with missing values then. */
static const int NO_ROW = -1;
static const int *rows_or_none(const struct s903_table *t, int k, int *n)
{
	const int *rows = s903_rows(t, k, n);
	if (*n)
		return rows;
	*n = 1;
	return &NO_ROW;
}

/* One row of the reference's merge of UASC with Header and of UASC_last
 * with Header_last on CHILD: row indexes (-1: none) and both statuses. */
struct uasc_pair {
	int u, h, ul;
	const char *st, *st_last;
};
typedef bool (*uasc_pred)(const struct s903_ctx *c, const struct uasc_pair *p);

/* Flags the UASC row (and this year's Header row, when Header is given) of
 * every combination pred accepts. */
static void uasc_merge(struct s903_ctx *c, uasc_pred pred)
{
	struct uasc_year cur = uasc_year(c, false), last = uasc_year(c, true);
	const struct s903_table *u = S903_T(c, S903_UASC), *ul = S903_T(c, S903_LAST(S903_UASC));
	if (!cur.ok || !last.ok)
		return;
	for (size_t i = 0; i < u->n; i++) {
		int k = u->child[i], nh, nul, nhl;
		const int *h = rows_or_none(cur.t, k, &nh), *l = rows_or_none(ul, k, &nul);
		const int *hl = rows_or_none(last.t, k, &nhl);
		for (int a = 0; a < nh; a++)
			for (int b = 0; b < nul; b++)
				for (int e = 0; e < nhl; e++) {
					struct uasc_pair p = { (int)i, h[a], l[b], uasc_status(&cur, h[a]),
							       l[b] < 0 ? NULL : uasc_status(&last, hl[e]) };
					if (!pred(c, &p))
						continue;
					s903_flag(c, S903_UASC, i);
					if (cur.slot >= 0 && h[a] >= 0)
						s903_flag(c, HDR, (size_t)h[a]);
				}
	}
}

static raa_day duc_of(const struct s903_ctx *c, int slot, int row)
{
	return row < 0 ? DAY_NONE : d(S903_T(c, slot), S903_C_DUC, (size_t)row);
}

static bool day_eq(raa_day a, raa_day b)
{
	return a != DAY_NONE && a == b;
}

/* UASC last year, not this year: this year's DUC must be blank (the text:
 * a value that is no date counts too) and last year's within last year. */
static bool p205a(const struct s903_ctx *c, const struct uasc_pair *p)
{
	if (s903_eq(p->st, "1") || !s903_eq(p->st_last, "1"))
		return false;
	raa_day dl = duc_of(c, S903_LAST(S903_UASC), p->ul);
	bool last_in_year = s903_ge(dl, s903_add_years(c->r->start, -1)) &&
			    s903_le(dl, s903_add_years(c->r->end, -1));
	return v(S903_T(c, S903_UASC), S903_C_DUC, (size_t)p->u) || !last_in_year;
}

static void r205a(struct s903_ctx *c)
{
	uasc_merge(c, p205a);
}

/* UASC in both years: last year's DUC is the 18th birthday (last year's
 * DOB), and this year's falls in this year or repeats last year's. */
static bool p205b(const struct s903_ctx *c, const struct uasc_pair *p)
{
	if (!s903_eq(p->st, "1") || !s903_eq(p->st_last, "1"))
		return false;
	int uls = S903_LAST(S903_UASC);
	raa_day du = duc_of(c, S903_UASC, p->u), dl = duc_of(c, uls, p->ul);
	raa_day dob18 = p->ul < 0 ? DAY_NONE
				  : s903_add_years(d(S903_T(c, uls), S903_C_DOB, (size_t)p->ul), 18);
	bool in_year = s903_ge(du, c->r->start) && s903_le(du, c->r->end);
	return (!in_year && !day_eq(du, dl)) || !day_eq(dl, dob18);
}

static void r205b(struct s903_ctx *c)
{
	uasc_merge(c, p205b);
}

/* UASC in neither year (status 0 or blank) yet a DUC in either year. */
static bool p205c(const struct s903_ctx *c, const struct uasc_pair *p)
{
	bool never = (!p->st || strcmp(p->st, "0") == 0) &&
		     (!p->st_last || strcmp(p->st_last, "0") == 0);
	return never && (duc_of(c, S903_UASC, p->u) != DAY_NONE ||
			 duc_of(c, S903_LAST(S903_UASC), p->ul) != DAY_NONE);
}

static void r205c(struct s903_ctx *c)
{
	uasc_merge(c, p205c);
}

/* UASC this year, a child of last year's return who was not UASC then:
 * flags this year's Header row (the UASC row without a Header table). */
static void r205d(struct s903_ctx *c)
{
	struct uasc_year cur = uasc_year(c, false), last = uasc_year(c, true);
	if (!cur.ok || !last.ok)
		return;
	for (size_t i = 0; i < cur.t->n; i++) {
		int n;
		const int *l = s903_rows(last.t, cur.t->child[i], &n);
		if (!s903_eq(uasc_status(&cur, (int)i), "1"))
			continue;
		for (int j = 0; j < n; j++)
			if (!s903_eq(uasc_status(&last, l[j]), "1"))
				s903_flag(c, cur.slot >= 0 ? HDR : S903_UASC, i);
	}
}

#define H1 S903_TB(HDR)
#define HL (S903_TB(HDR) | S903_TB(HDR_LAST))
#define UU (S903_TB(S903_UASC) | S903_TB(S903_LAST(S903_UASC)))
static const struct s903_rule_impl IMPL[] = {
	{ "101", 2022, H1, 0, r101 },
	{ "207", 2022, HL | S903_TB(S903_EPISODES), 0, r207 },
	{ "628", 2022, H1 | S903_TB(S903_EPISODES) | S903_TB(S903_OC3), 0, r628 },
	{ "165", 2022, H1 | S903_TB(S903_EPISODES), 0, r165 },
	{ "399", 2022, H1 | S903_TB(S903_EPISODES), 0, r399 },
	{ "231", 2024, H1, 0, r231 },
	{ "101", 2024, H1, 0, r101_2024 },
	{ "102", 2022, H1, 0, r102 },
	{ "103", 2022, H1, 0, r103 },
	{ "168", 2022, H1, 0, r168 },
	{ "171", 2022, H1, 0, r171 },
	{ "174", 2022, H1, 0, r174 },
	{ "174", 2024, H1, 0, r174_2024 },
	{ "209", 2022, H1, 0, r209 },
	{ "232", 2024, H1, 0, r232 },
	{ "301", 2022, H1, 0, r301 },
	{ "351", 2022, H1, 0, r351 },
	{ "444", 2025, H1, 0, r444 },
	{ "611", 2022, H1, 0, r611 },
	{ "612", 2022, H1, 0, r612 },
	{ "612", 2024, H1, 0, r612_2024 },
	{ "620", 2022, H1, 0, r620 },
	{ "621", 2022, H1, 0, r621 },
	{ "EPI", 2022, H1, 0, repi },
	{ "INT32", 2022, H1, 0, rint32 },
	{ "202", 2022, HL, 0, r202 },
	{ "203", 2022, HL, 0, r203 },
	{ "208", 2022, HL, 0, r208 },
	{ "624", 2022, HL, 0, r624 },
	{ "626", 2022, HL, 0, r626 },
	{ "204", 2022, HL, 0, r204 },
	{ "303", 2022, H1 | S903_TB(S903_UASC), 0, r303 },
	{ "3001", 2022, H1 | S903_TB(S903_OC3), 0, r3001 },
	{ "105", 2022, H1, 0, r105 },
	/* Header is optional: without it the UASC rows give the status */
	{ "205A", 2022, UU, 0, r205a },
	{ "205B", 2022, UU, 0, r205b },
	{ "205C", 2022, UU, 0, r205c },
	{ "205D", 2022, UU, 0, r205d },
};

const struct s903_impl_list s903_impl_header = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
