/*
 * s903_rules: the rule engine of the SSDA903 validator.
 *
 * A rule is data (code, tables, affected fields and message per collection
 * year, generated from ../shared/ssda903/rules/YYYY_YY.tsv into rules_data.c) plus
 * one C function that flags rows. Functions are registered with the first
 * collection year of their version; the rules of a year are the newest
 * version up to that year of each rule that year's tsv lists (the reference
 * validator's ruleset inheritance).
 */
#ifndef RAA_SSDA903_S903_RULES_H
#define RAA_SSDA903_S903_RULES_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "ssda903/s903.h"

struct s903_rule_info {
	const char *code, *tables, *fields, *message;
	int version; /* the year of the reference's version in force */
};

struct s903_year_rules {
	int year; /* 2025 for 2025/26 */
	size_t n;
	const struct s903_rule_info *rules;
};

extern const struct s903_year_rules s903_years[]; /* rules_data.c */
extern const size_t s903_nyears;

struct s903_hit {
	int slot;
	int row;
};

/* What a rule sees: the return and where to put the rows it flags. */
struct s903_ctx {
	const struct s903_return *r;
	struct s903_hit *hits;
	size_t nhits, cap;
};

void s903_flag(struct s903_ctx *c, int slot, size_t row);

typedef void (*s903_rule_fn)(struct s903_ctx *c);

/* Why a rule cannot run on a return. */
enum s903_needs_ref {
	S903_REF_NONE = 0,
	S903_REF_PROVIDERS = 1, /* Ofsted provider lists */
	S903_REF_POSTCODES = 2, /* postcode -> LA and distances */
	S903_REF_LA = 4,        /* the returning LA's own code */
	/* provider_info.csv columns a rule reads */
	S903_REF_PI_PLACE_CODES = 8,
	S903_REF_PI_PROVIDER_CODES = 16,
	S903_REF_PI_POSTCODE = 32,
	S903_REF_PI_REG_END = 64,
	S903_REF_PI_LA_CODE = 128,
	S903_REF_PC_LIST = 256, /* the postcode list itself (postcodes.csv) */
};

/* One Ofsted provider (provider_info.csv); strings upper-cased, NULL when
 * blank. */
struct s903_provider {
	const char *urn, *place_codes, *provider_codes, *postcode, *la_code;
	raa_day reg_end;
};
/* The providers with this URN ([*n] of them, adjacent), NULL when none. */
const struct s903_provider *s903_ref_providers(const struct s903_ref *ref, const char *urn,
					       size_t *n);
/* The LA's own code, NULL when not given. */
const char *s903_ref_la(const struct s903_ref *ref);
/* Why ref cannot serve a rule needing bits (enum s903_needs_ref), or NULL. */
const char *s903_ref_missing(const struct s903_ref *ref, bool have_derived, unsigned bits);

/* A derived Episodes cell (enum s903_derived_col) of slot Episodes or
 * Episodes_last; NULL when blank or not derived. */
static inline const char *s903_der(const struct s903_return *r, int slot, int d, size_t i)
{
	const char **v = r->derived[slot != S903_EPISODES][d];
	return v ? v[i] : NULL;
}

struct s903_rule_impl {
	const char *code;
	int since;        /* first collection year of this version */
	unsigned needs;   /* bit per table slot the rule needs (S903_TB) */
	unsigned ref;     /* enum s903_needs_ref bits */
	s903_rule_fn fn;  /* NULL: only its reference data is known (never runs) */
};

#define S903_TB(slot) (1u << (slot))

/* The registry: every rule implementation of every rules_*.c file. */
struct s903_impl_list {
	const struct s903_rule_impl *v;
	size_t n;
};
extern const struct s903_impl_list s903_impl_header, s903_impl_episodes, s903_impl_ad1,
	s903_impl_placed, s903_impl_other, s903_impl_oc, s903_impl_reviews, s903_impl_sw,
	s903_impl_int, s903_impl_ref;

/* The catalogue entry of year (2025) for code, or NULL. */
const struct s903_rule_info *s903_rule_info(int year, const char *code);
const struct s903_year_rules *s903_year(int year);
/* The implementation of the version of code in force in year, or NULL (not
 * implemented, or only an older version is). */
const struct s903_rule_impl *s903_rule_impl(int year, const char *code);
/* The implementation registered with exactly this version, or NULL. */
const struct s903_rule_impl *s903_rule_impl_exact(const char *code, int since);

/* Runs one rule: 1 ran (hits in c), 0 skipped (a table it needs is absent
 * or its reference data is not given; *why says which). */
int s903_run_rule(const struct s903_rule_impl *impl, const struct s903_return *r,
		  struct s903_ctx *c, const char **why);
/* Sorts the hits by slot, row and removes duplicates. */
void s903_hits_sort(struct s903_ctx *c);
void s903_ctx_free(struct s903_ctx *c);

/* Errors of a whole validation. */
struct s903_error {
	const char *rule;
	int slot;
	int row;
	const char *child; /* NULL when the row has none */
	const struct s903_rule_info *info;
};

struct s903_skip {
	const char *rule;
	const char *why;
};

struct s903_report {
	int year;
	size_t nrun;
	struct s903_skip *skipped;
	size_t nskipped;
	struct s903_error *errors; /* sorted by rule, table, row */
	size_t nerrors, cap;
};

/* Runs every rule in force in r->year. */
int s903_validate(const struct s903_return *r, struct s903_report *rep, struct raa_err *err);
void s903_report_free(struct s903_report *rep);
/* Rule codes in the reference's order: by the number they start with, then
 * the rest ("101" < "101A" < "1000"? no: numeric value first). */
int s903_code_cmp(const char *a, const char *b);

/* Runs every fixture of the conformance suite at root (conformance.c):
 * one line per fixture "fixture RULESET RULE CALL pass|fail|unimplemented
 * DIFF" and one per collection year "year ... rules N implemented N
 * fixtures N passing N" (tab-separated). */
int s903_conformance(const char *root, FILE *out, struct raa_err *err);

/* Helpers for rules (rules_util.c). */

/* True when s (may be NULL) is one of the NULL-terminated list. */
bool s903_in(const char *s, const char *const *list);
#define S903_IN(s, ...) s903_in((s), (const char *const[]){ __VA_ARGS__, NULL })
/* Whole integer value of s ("3", "03", "3.0"), -1 when s is not one. */
long s903_int(const char *s);
/* Every row of table slot whose cell in column c is blank / not blank. */
void s903_flag_blank(struct s903_ctx *c, int slot, enum s903_colid col);
/* Flags rows whose column is not blank and not in list. */
void s903_flag_not_in(struct s903_ctx *c, int slot, enum s903_colid col,
		      const char *const *list, bool blank_is_error);
/* Flags every row of slot that pred accepts: the shape of the rules that
 * look at one row at a time. */
typedef bool (*s903_cell_pred)(const struct s903_ctx *c, const struct s903_table *t, size_t i);
void s903_flag_rows(struct s903_ctx *c, int slot, s903_cell_pred pred);
/* Defines rule function name flagging the rows of slot where expr (over c,
 * t, i) holds. */
#define S903_ROW_RULE(name, slot, expr)                                                      \
	static bool name##_p(const struct s903_ctx *c, const struct s903_table *t, size_t i) \
	{                                                                                    \
		(void)c;                                                                     \
		return (expr);                                                               \
	}                                                                                    \
	static void name(struct s903_ctx *c)                                                 \
	{                                                                                    \
		s903_flag_rows(c, (slot), name##_p);                                         \
	}
/* Flags rows whose date column is not blank but not a dd/mm/yyyy date. */
void s903_flag_bad_date(struct s903_ctx *c, int slot, enum s903_colid col, bool blank_is_error);

/* d + years as pandas' DateOffset(years=): 29 Feb goes to 28 Feb; DAY_NONE
 * stays DAY_NONE. */
raa_day s903_add_years(raa_day d, int years);
/* Any / every column of cols (S903_NCOL-terminated) not blank in row i. */
bool s903_any(const struct s903_table *t, size_t i, const enum s903_colid *cols);
bool s903_all(const struct s903_table *t, size_t i, const enum s903_colid *cols);
#define S903_COLS(...) ((const enum s903_colid[]){ __VA_ARGS__, S903_NCOL })
/* Per child id: continuously looked after during the collection year (the
 * reference's CONTINUOUSLY_LOOKED_AFTER); caller frees. */
bool *s903_cla(const struct s903_return *r);
/* cla[] of row i's child (false when the row has no child). */
bool s903_cla_row(const bool *cla, const struct s903_table *t, size_t i);
/* Flags every row of slot whose child has more than one row there. */
void s903_flag_dup_child(struct s903_ctx *c, int slot);

/* A dd/mm/yyyy date where ZZ may stand for an unknown day or month (and
 * ZZZZ for the year): the latest date it can mean (the reference's
 * valid_date); DAY_NONE when s is blank or not such a date. */
raa_day s903_zz_date(const char *s);

/* The rows of child k in t sorted by date column col then col2 (S903_NCOL:
 * none), missing dates last, file order on ties (pandas' sort_values on
 * CHILD, col) into *buf (grown as needed, caller frees); returns how many. */
int s903_sorted(const struct s903_table *t, int k, enum s903_colid col, enum s903_colid col2,
		int **buf, size_t *cap);

/* The rows of child k in t (file order); none when t is absent. */
static inline const int *s903_rows(const struct s903_table *t, int k, int *n)
{
	if (!t->present || k < 0 || !t->grp_start) {
		*n = 0;
		return NULL;
	}
	*n = t->grp_start[k + 1] - t->grp_start[k];
	return t->grp_rows + t->grp_start[k];
}

/* Date comparisons as pandas makes them: false when either is missing. */
static inline bool s903_lt(raa_day a, raa_day b)
{
	return a != DAY_NONE && b != DAY_NONE && a < b;
}
static inline bool s903_le(raa_day a, raa_day b)
{
	return a != DAY_NONE && b != DAY_NONE && a <= b;
}
#define s903_gt(a, b) s903_lt((b), (a))
#define s903_ge(a, b) s903_le((b), (a))
static inline bool s903_eq(const char *a, const char *b)
{
	/* mostly against a code: the first byte settles it without a call */
	return a && b && a[0] == b[0] && strcmp(a, b) == 0;
}
/* Not equal as pandas: a missing value is unequal to everything. */
static inline bool s903_ne(const char *a, const char *b)
{
	return !s903_eq(a, b);
}

typedef bool (*s903_row_pred)(const struct s903_table *t, int row);
/* The row of child k with the earliest (latest when !earliest) date in col
 * among rows keep accepts (NULL: all), skipping missing dates; the first
 * such row on ties (pandas idxmin/idxmax); -1 when none. */
int s903_pick(const struct s903_table *t, int k, enum s903_colid col, bool earliest,
	      s903_row_pred keep);

/* A pair of rows of one child: row i of table a, row j of table b. */
typedef bool (*s903_pair_pred)(const struct s903_ctx *c, const struct s903_table *a, size_t i,
			       const struct s903_table *b, size_t j);
enum { S903_FLAG_A = 1, S903_FLAG_B = 2 };
/* For each row i of slot a that keep_a accepts (NULL: all) and each row j
 * of slot b of the same child, flags i and/or j (which: S903_FLAG_*) when
 * pred holds: the reference's merge on CHILD then mask. */
void s903_join(struct s903_ctx *c, int a, s903_row_pred keep_a, int b, s903_pair_pred pred,
	       unsigned which);

#define S903_T(c, slot) (&(c)->r->tab[(slot)])

#endif
