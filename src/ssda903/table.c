/* s903 tables: names, column sets, interned strings, child grouping. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "ssda903/s903.h"

static const char *const TAB_NAMES[S903_NTAB] = {
	"Header", "Episodes", "Reviews", "UASC", "OC2", "OC3", "AD1", "PlacedAdoption",
	"PrevPerm", "Missing", "SWEpisodes", "DoLo",
};

static const char *const COL_NAMES[S903_NCOL] = {
	"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "DECOM", "RNE", "LS", "CIN",
	"PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST",
	"URN", "REVIEW", "REVIEW_CODE", "DUC", "SDQ_SCORE", "SDQ_REASON", "CONVICTED",
	"HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
	"INTERVENTION_RECEIVED", "INTERVENTION_OFFERED", "IN_TOUCH", "ACTIV", "ACCOM",
	"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
	"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED", "PREV_PERM", "LA_PERM",
	"DATE_PERM", "MISSING", "MIS_START", "MIS_END", "SW_ID", "SW_DECOM", "SW_DEC",
	"SW_REASON", "DOLO_START", "DOLO_END", "UASC",
};

#define E S903_NCOL
static const enum s903_colid COLS[S903_NTAB][14] = {
	[S903_HEADER] = { S903_C_CHILD, S903_C_SEX, S903_C_DOB, S903_C_ETHNIC, S903_C_UPN,
			  S903_C_MOTHER, S903_C_MC_DOB, E },
	[S903_EPISODES] = { S903_C_CHILD, S903_C_DECOM, S903_C_RNE, S903_C_LS, S903_C_CIN,
			    S903_C_PLACE, S903_C_PLACE_PROVIDER, S903_C_DEC, S903_C_REC,
			    S903_C_REASON_PLACE_CHANGE, S903_C_HOME_POST, S903_C_PL_POST,
			    S903_C_URN, E },
	[S903_REVIEWS] = { S903_C_CHILD, S903_C_DOB, S903_C_REVIEW, S903_C_REVIEW_CODE, E },
	[S903_UASC] = { S903_C_CHILD, S903_C_SEX, S903_C_DOB, S903_C_DUC, E },
	[S903_OC2] = { S903_C_CHILD, S903_C_DOB, S903_C_SDQ_SCORE, S903_C_SDQ_REASON,
		       S903_C_CONVICTED, S903_C_HEALTH_CHECK, S903_C_IMMUNISATIONS,
		       S903_C_TEETH_CHECK, S903_C_HEALTH_ASSESSMENT, S903_C_SUBSTANCE_MISUSE,
		       S903_C_INTERVENTION_RECEIVED, S903_C_INTERVENTION_OFFERED, E },
	[S903_OC3] = { S903_C_CHILD, S903_C_DOB, S903_C_IN_TOUCH, S903_C_ACTIV, S903_C_ACCOM, E },
	[S903_AD1] = { S903_C_CHILD, S903_C_DOB, S903_C_DATE_INT, S903_C_DATE_MATCH,
		       S903_C_FOSTER_CARE, S903_C_NB_ADOPTR, S903_C_SEX_ADOPTR,
		       S903_C_LS_ADOPTR, E },
	[S903_PLACED] = { S903_C_CHILD, S903_C_DOB, S903_C_DATE_PLACED,
			  S903_C_DATE_PLACED_CEASED, S903_C_REASON_PLACED_CEASED, E },
	[S903_PREVPERM] = { S903_C_CHILD, S903_C_DOB, S903_C_PREV_PERM, S903_C_LA_PERM,
			    S903_C_DATE_PERM, E },
	[S903_MISSING] = { S903_C_CHILD, S903_C_DOB, S903_C_MISSING, S903_C_MIS_START,
			   S903_C_MIS_END, E },
	[S903_SWEPISODES] = { S903_C_CHILD, S903_C_DOB, S903_C_SW_ID, S903_C_SW_DECOM,
			      S903_C_SW_DEC, S903_C_SW_REASON, E },
	[S903_DOLO] = { S903_C_CHILD, S903_C_DOB, S903_C_DOLO_START, S903_C_DOLO_END, E },
};
#undef E

static const char *const LAST_NAMES[S903_NTAB] = {
	"Header_last", "Episodes_last", "Reviews_last", "UASC_last", "OC2_last", "OC3_last",
	"AD1_last", "PlacedAdoption_last", "PrevPerm_last", "Missing_last", "SWEpisodes_last",
	"DoLo_last",
};

const char *s903_tab_name(int slot)
{
	if (slot < 0 || slot >= S903_NSLOT)
		return "?";
	return slot < S903_NTAB ? TAB_NAMES[slot] : LAST_NAMES[slot - S903_NTAB];
}

int s903_tab_parse(const char *name)
{
	for (int t = 0; t < S903_NTAB; t++) {
		size_t n = strlen(TAB_NAMES[t]);
		if (strcmp(name, TAB_NAMES[t]) == 0)
			return t;
		if (strncmp(name, TAB_NAMES[t], n) == 0 && strcmp(name + n, "_last") == 0)
			return S903_LAST(t);
	}
	return -1;
}

const char *s903_col_name(enum s903_colid c)
{
	return c < S903_NCOL ? COL_NAMES[c] : "?";
}

int s903_col_parse(const char *name)
{
	for (int c = 0; c < S903_NCOL; c++)
		if (strcmp(name, COL_NAMES[c]) == 0)
			return c;
	return -1;
}

bool s903_col_is_date(enum s903_colid c)
{
	switch (c) {
	case S903_C_DOB: case S903_C_MC_DOB: case S903_C_DECOM: case S903_C_DEC:
	case S903_C_REVIEW: case S903_C_DUC: case S903_C_DATE_INT: case S903_C_DATE_MATCH:
	case S903_C_DATE_PLACED: case S903_C_DATE_PLACED_CEASED: case S903_C_DATE_PERM:
	case S903_C_MIS_START: case S903_C_MIS_END: case S903_C_SW_DECOM: case S903_C_SW_DEC:
	case S903_C_DOLO_START: case S903_C_DOLO_END:
		return true;
	default:
		return false;
	}
}

const enum s903_colid *s903_tab_cols(enum s903_tab t)
{
	return COLS[t];
}

/* The string pool: open addressing over arena copies. Each slot keeps the
 * string's hash and length, so a probe touches the string itself only when
 * both match (almost always the string sought), and growing never rehashes
 * a string. */
struct pool_ent {
	const char *s;
	uint32_t h, len;
};

struct s903_intern {
	struct pool_ent *ent;
	size_t cap, n;
};

static inline char up(char c, bool upper)
{
	return upper && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

static void pool_grow(struct s903_intern *p)
{
	size_t cap = p->cap ? p->cap * 2 : 1024;
	struct pool_ent *ent = xcalloc(cap, sizeof(*ent));
	for (size_t i = 0; i < p->cap; i++) {
		if (!p->ent[i].s)
			continue;
		size_t j = p->ent[i].h & (cap - 1);
		while (ent[j].s)
			j = (j + 1) & (cap - 1);
		ent[j] = p->ent[i];
	}
	free(p->ent);
	p->ent = ent;
	p->cap = cap;
}

static bool same(const char *pooled, const char *s, size_t len, bool upper)
{
	if (!upper)
		return memcmp(pooled, s, len) == 0;
	for (size_t i = 0; i < len; i++)
		if (pooled[i] != up(s[i], true))
			return false;
	return true;
}

const char *s903_intern(struct s903_return *r, const char *s, size_t len, bool upper)
{
	if (!s)
		return NULL;
	/* FNV-1a of the upper-cased bytes; a NUL ends the string early, as the
	 * C string stored would. */
	uint32_t h = 2166136261u;
	size_t n = 0;
	for (; n < len && s[n]; n++)
		h = (h ^ (unsigned char)up(s[n], upper)) * 16777619u;
	if (n == 0)
		return NULL;
	struct s903_intern *p = r->pool;
	if ((p->n + 1) * 4 > p->cap * 3)
		pool_grow(p);
	size_t j = h & (p->cap - 1);
	for (; p->ent[j].s; j = (j + 1) & (p->cap - 1)) {
		const struct pool_ent *e = &p->ent[j];
		if (e->h == h && e->len == n && same(e->s, s, n, upper))
			return e->s;
	}
	char *c = arena_alloc(&r->arena, n + 1);
	for (size_t i = 0; i < n; i++)
		c[i] = up(s[i], upper);
	c[n] = '\0';
	p->ent[j] = (struct pool_ent){ c, h, (uint32_t)n };
	p->n++;
	return c;
}

void s903_return_init(struct s903_return *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena, 1 << 20);
	r->pool = xcalloc(1, sizeof(*r->pool));
}

static void table_free(struct s903_table *t)
{
	for (int c = 0; c < S903_NCOL; c++) {
		if (!t->col[c])
			continue;
		free(t->col[c]->s);
		free(t->col[c]->d);
		free(t->col[c]);
	}
	free(t->file);
	free(t->label);
	free(t->child);
	free(t->grp_start);
	free(t->grp_rows);
	memset(t, 0, sizeof(*t));
}

void s903_return_free(struct s903_return *r)
{
	for (int s = 0; s < S903_NSLOT; s++)
		table_free(&r->tab[s]);
	free(r->pool->ent);
	free(r->pool);
	free(r->child_id);
	arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

int s903_return_set_year(struct s903_return *r, const char *year, struct raa_err *err)
{
	long y;
	char four[5];
	if (!year || strlen(year) < 4)
		goto bad;
	memcpy(four, year, 4);
	four[4] = '\0';
	if (str_to_int(four, 2000, 2100, &y) < 0)
		goto bad;
	if (year[4]) {
		/* "2025/26" or "2025_26": the second year must follow the first. */
		long y2;
		if ((year[4] != '/' && year[4] != '_' && year[4] != '-') ||
		    str_to_int(year + 5, 0, 99, &y2) < 0 || y2 != (y + 1) % 100)
			goto bad;
	}
	r->year = (int)y;
	r->start = date_from_ymd((int)y, 4, 1);
	r->end = date_from_ymd((int)y + 1, 3, 31);
	return 0;
bad:
	return raa_err_set(err, RAA_EINVAL, "--year: value '%s': expected a collection year like 2025/26",
			   year ? year : "");
}

/* Header.UASC: "1" when the child has a UASC row (the reference validator
 * adds it on reading; rules read it). */
static void add_uasc(struct s903_return *r, int hslot, int uslot)
{
	struct s903_table *h = &r->tab[hslot], *u = &r->tab[uslot];
	if (!h->present || !u->present || h->col[S903_C_UASC])
		return;
	struct s903_col *col = xcalloc(1, sizeof(*col));
	col->s = xcalloc(h->n ? h->n : 1, sizeof(*col->s));
	const char *one = s903_intern(r, "1", 1, false), *zero = s903_intern(r, "0", 1, false);
	for (size_t i = 0; i < h->n; i++) {
		int k = h->child[i];
		bool has = k >= 0 && u->grp_start[k + 1] > u->grp_start[k];
		col->s[i] = has ? one : zero;
	}
	h->col[S903_C_UASC] = col;
}

/* Child ids: CHILD strings are interned, so a pointer-keyed table numbers
 * them in order of first appearance. */
static void number_children(struct s903_return *r)
{
	size_t cap = 1024;
	while (cap < 2 * r->pool->n + 2)
		cap *= 2;
	const char **key = xcalloc(cap, sizeof(*key));
	int *val = xmalloc(cap * sizeof(*val));
	size_t ncap = 0;
	for (int s = 0; s < S903_NSLOT; s++) {
		struct s903_table *t = &r->tab[s];
		if (!t->present)
			continue;
		free(t->child);
		t->child = xmalloc((t->n ? t->n : 1) * sizeof(int));
		for (size_t i = 0; i < t->n; i++) {
			const char *c = s903_s(t, S903_C_CHILD, i);
			if (!c) {
				t->child[i] = -1;
				continue;
			}
			size_t j = (size_t)(((uintptr_t)c >> 3) * 11400714819323198485u) & (cap - 1);
			while (key[j] && key[j] != c)
				j = (j + 1) & (cap - 1);
			if (!key[j]) {
				key[j] = c;
				val[j] = (int)r->nchild;
				xgrow((void **)&r->child_id, &ncap, r->nchild + 1, sizeof(*r->child_id));
				r->child_id[r->nchild++] = c;
			}
			t->child[i] = val[j];
		}
	}
	free(key);
	free(val);
}

/* Counting sort of rows by child, stable in file order. */
static void group(struct s903_return *r, struct s903_table *t)
{
	size_t nc = r->nchild;
	free(t->grp_start);
	free(t->grp_rows);
	t->grp_start = xcalloc(nc + 2, sizeof(int));
	t->grp_rows = xmalloc((t->n ? t->n : 1) * sizeof(int));
	for (size_t i = 0; i < t->n; i++)
		if (t->child[i] >= 0)
			t->grp_start[t->child[i] + 2]++;
	for (size_t k = 0; k < nc; k++)
		t->grp_start[k + 2] += t->grp_start[k + 1];
	for (size_t i = 0; i < t->n; i++)
		if (t->child[i] >= 0)
			t->grp_rows[t->grp_start[t->child[i] + 1]++] = (int)i;
}

void s903_finish(struct s903_return *r)
{
	number_children(r);
	for (int s = 0; s < S903_NSLOT; s++)
		if (r->tab[s].present)
			group(r, &r->tab[s]);
	add_uasc(r, S903_HEADER, S903_UASC);
	add_uasc(r, S903_LAST(S903_HEADER), S903_LAST(S903_UASC));
}
