/*
 * s903: the SSDA903 children-looked-after return (issue #4,
 * ../shared/ssda903/README.md).
 *
 * A return is read into column-oriented tables whose strings are interned
 * (upper-cased once, compared by content or pointer), whose date columns are
 * parsed once, and whose rows are grouped by child so rules join tables by
 * array lookups instead of hashing. The rule engine runs the rules in force
 * for a collection year (s903_rules.h) and reports each error by rule,
 * table and 0-based data row.
 */
#ifndef RAA_SSDA903_S903_H
#define RAA_SSDA903_S903_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"
#include "core/mem.h"

/* The tables of a return; the previous year's copy of table t is
 * t + S903_NTAB ("Header_last"). */
enum s903_tab {
	S903_HEADER,
	S903_EPISODES,
	S903_REVIEWS,
	S903_UASC,
	S903_OC2,
	S903_OC3,
	S903_AD1,
	S903_PLACED,
	S903_PREVPERM,
	S903_MISSING,
	S903_SWEPISODES,
	S903_DOLO,
	S903_NTAB
};
#define S903_LAST(t) ((t) + S903_NTAB)
#define S903_NSLOT (2 * S903_NTAB)

/* Every column name of every table (one id space, so a rule names a column
 * the same way in every table). S903_C_UASC on Header is the XML form's own
 * <UASC> element when the file gives any, and otherwise derived: "1" when
 * the child has a UASC row, "0" otherwise (as the reference validator). */
enum s903_colid {
	S903_C_CHILD, S903_C_SEX, S903_C_DOB, S903_C_ETHNIC, S903_C_UPN, S903_C_MOTHER,
	S903_C_MC_DOB, S903_C_DECOM, S903_C_RNE, S903_C_LS, S903_C_CIN, S903_C_PLACE,
	S903_C_PLACE_PROVIDER, S903_C_DEC, S903_C_REC, S903_C_REASON_PLACE_CHANGE,
	S903_C_HOME_POST, S903_C_PL_POST, S903_C_URN, S903_C_REVIEW, S903_C_REVIEW_CODE,
	S903_C_DUC, S903_C_SDQ_SCORE, S903_C_SDQ_REASON, S903_C_CONVICTED,
	S903_C_HEALTH_CHECK, S903_C_IMMUNISATIONS, S903_C_TEETH_CHECK,
	S903_C_HEALTH_ASSESSMENT, S903_C_SUBSTANCE_MISUSE, S903_C_INTERVENTION_RECEIVED,
	S903_C_INTERVENTION_OFFERED, S903_C_IN_TOUCH, S903_C_ACTIV, S903_C_ACCOM,
	S903_C_DATE_INT, S903_C_DATE_MATCH, S903_C_FOSTER_CARE, S903_C_NB_ADOPTR,
	S903_C_SEX_ADOPTR, S903_C_LS_ADOPTR, S903_C_DATE_PLACED, S903_C_DATE_PLACED_CEASED,
	S903_C_REASON_PLACED_CEASED, S903_C_PREV_PERM, S903_C_LA_PERM, S903_C_DATE_PERM,
	S903_C_MISSING, S903_C_MIS_START, S903_C_MIS_END, S903_C_SW_ID, S903_C_SW_DECOM,
	S903_C_SW_DEC, S903_C_SW_REASON, S903_C_DOLO_START, S903_C_DOLO_END,
	S903_C_UASC,
	S903_NCOL
};

const char *s903_tab_name(int slot);          /* "Header", "Episodes_last" */
int s903_tab_parse(const char *name);         /* slot, or -1 */
const char *s903_col_name(enum s903_colid c);
int s903_col_parse(const char *name);         /* id, or -1 */
bool s903_col_is_date(enum s903_colid c);
/* The columns of table t (a base table), S903_NCOL-terminated. */
const enum s903_colid *s903_tab_cols(enum s903_tab t);

struct s903_col {
	const char **s; /* interned, upper-cased; NULL = blank */
	raa_day *d;     /* date columns only: DAY_NONE when blank or not a date */
};

struct s903_table {
	bool present;
	size_t n;                         /* data rows */
	char *file;                       /* where it came from */
	struct s903_col *col[S903_NCOL];  /* NULL: column not in the file */
	const char **label;               /* conformance row labels, else NULL */
	int *child;                       /* child id per row, -1 when blank */
	/* rows of child k: grp_rows[grp_start[k] .. grp_start[k+1]), in file order */
	int *grp_start;
	int *grp_rows;
};

struct s903_intern;

struct s903_return {
	struct s903_table tab[S903_NSLOT];
	struct s903_intern *pool;
	struct arena arena;
	size_t nchild;          /* distinct CHILD values over every table */
	const char **child_id;  /* the CHILD value of each child id */
	/* Collection year: start year (2025 for 2025/26); 0 when unknown. */
	int year;
	raa_day start, end;     /* 1 April year .. 31 March year+1 */
	/* Conformance fixtures are the rule functions' inputs, which the
	 * reference validator's reader would have upper-cased: keep them. */
	bool keep_case;
	/* Reference data (--reference DIR, rules_ref.c): NULL when not given.
	 * Not owned by the return. */
	const struct s903_ref *ref;
	/* Episodes columns the reference validator derives from postcodes
	 * (PL_LA, PL_LOCATION, PL_DISTANCE) for Episodes [0] and Episodes_last
	 * [1]; arena arrays, NULL when not derived. have_derived: the postcode
	 * rules may run (postcode data given, or a fixture's own columns). */
	const char **derived[2][3];
	bool have_derived;
};

/* Reference data (docs/ssda903.md, "Reference data"): a directory holding
 * provider_info.csv (Ofsted providers by URN), postcodes.csv (ONS postcode
 * directory columns pcd, laua, oseast1m, osnrth1m) and local_authority.csv
 * (LA_CODE: the returning LA's own code), each optional. */
enum s903_derived_col { S903_D_PL_LA, S903_D_PL_LOCATION, S903_D_PL_DISTANCE, S903_ND };

struct s903_ref;
struct s903_ref *s903_ref_new(void);
void s903_ref_free(struct s903_ref *ref);
/* Loads every reference file of dir; none there is an error. */
int s903_ref_load(struct s903_ref *ref, const char *dir, struct raa_err *err);
/* One provider list (columns URN and any of PLACE_CODES, PROVIDER_CODES,
 * POSTCODE, REG_END, LA_CODE_INFERRED; others ignored). */
int s903_ref_read_providers(struct s903_ref *ref, const char *path, struct raa_err *err);
int s903_ref_read_postcodes(struct s903_ref *ref, const char *path, struct raa_err *err);
void s903_ref_set_la(struct s903_ref *ref, const char *la);
/* Attaches ref to r (after s903_finish) and derives PL_LA, PL_LOCATION
 * and PL_DISTANCE from the postcodes when it has them. */
void s903_apply_ref(struct s903_return *r, const struct s903_ref *ref);
/* Sets a derived cell (conformance fixtures carry these columns). */
void s903_set_derived(struct s903_return *r, int slot, enum s903_derived_col d, size_t row,
		      const char *val);

void s903_return_init(struct s903_return *r);
void s903_return_free(struct s903_return *r);
/* Sets year, start and end from "2025/26" (or "2025_26", "2025"). */
int s903_return_set_year(struct s903_return *r, const char *year, struct raa_err *err);

/* Interns s (upper-cased when upper) and returns the pooled copy; "" and
 * NULL give NULL (blank). */
const char *s903_intern(struct s903_return *r, const char *s, size_t len, bool upper);

/* Reading. */

/* Reads every *.csv, then every *.xml, in dir into r (previous: into the
 * _last slots). A file whose columns are no table's, a table given twice, a
 * ragged row or invalid UTF-8 is an error naming the file (and line,
 * column). */
int s903_read_dir(struct s903_return *r, const char *dir, bool previous, struct raa_err *err);
enum { S903_RECOGNISE = -1, S903_RECOGNISE_LAST = -2 };
/* Reads one CSV as table slot, or recognised by its columns (slot
 * S903_RECOGNISE, or S903_RECOGNISE_LAST for the previous year's).
 * label_col: name of a first column holding row labels (conformance
 * fixtures: "__index"), or NULL. Columns other than the table's are an
 * error unless partial (fixtures carry only the columns a rule reads). */
int s903_read_csv(struct s903_return *r, const char *path, int slot, const char *label_col,
		  bool partial, struct raa_err *err);
/* Reads the XML form (root EXPSSDA903; docs/ssda903.md "XML") into r:
 * Header, Episodes, Reviews, UASC, OC2, OC3, AD1, PlacedAdoption, PrevPerm
 * and Missing, each row numbered by its element's position among its
 * table's elements. Tables a CSV file gave already are kept (the XML must
 * have no rows for them: an error naming both files). Malformed XML, an
 * unknown element, a child without CHILDID and any DOCTYPE or entity are
 * errors naming the file and line. s903_read_dir reads *.xml after *.csv. */
int s903_read_xml(struct s903_return *r, const char *path, bool previous, struct raa_err *err);

/* Reader internals shared by the CSV and XML readers (reader.c). */
struct s903_col *s903_col_new(enum s903_colid c);
/* Makes room for row t->n; *cap is the rows allocated so far. */
void s903_table_grow(struct s903_table *t, size_t *cap);
/* Sets column c of row t->n to the interned value v (parsing dates). */
void s903_cell_put(struct s903_table *t, enum s903_colid c, const char *v);

/* After the last read: adds derived columns, numbers children, groups rows. */
void s903_finish(struct s903_return *r);

/* Cell access for rules. */
static inline const char *s903_s(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return t->col[c] ? t->col[c]->s[i] : NULL;
}
static inline raa_day s903_d(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return t->col[c] && t->col[c]->d ? t->col[c]->d[i] : DAY_NONE;
}

#endif
