/*
 * The conformance harness: runs the reference validator's unit-test calls
 * (../shared/ssda903/conformance/<ruleset>/<rule>/call<N>/) through the C
 * rules and compares the flagged row labels with expected.json.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/str.h"
#include "ssda903/s903_rules.h"

/* "a/b" (caller frees). */
static char *join(const char *a, const char *b)
{
	struct buf p;
	buf_init(&p, 0);
	buf_printf(&p, "%s/%s", a, b);
	return buf_detach(&p);
}

/* metadata.json's tables: provider_info ("@file.csv" beside it) and the
 * LA's own code, into the same reference structure as --reference. */
#define UASC_OF(slot) ((slot) >= S903_NTAB ? S903_LAST(S903_UASC) : S903_UASC)

static int load_ref_metadata(struct s903_ref *ref, json_t *m, const char *dir,
			     struct raa_err *err)
{
	const char *la = json_string_value(json_object_get(m, "localAuthority"));
	if (la)
		s903_ref_set_la(ref, la);
	const char *pi = json_string_value(json_object_get(m, "provider_info"));
	if (!pi)
		return 0;
	char *path = join(dir, pi[0] == '@' ? pi + 1 : pi);
	int rc = s903_ref_read_providers(ref, path, err);
	free(path);
	return rc;
}


/* A metadata date: the fixtures' tests gave pandas "31/3/2000" as well as
 * "31/03/2000" (to_datetime's %d/%m/%Y takes both); anything else leaves
 * the date unknown, as NaT. */
static void meta_date(const char *s, raa_day *out)
{
	int dd, mm, yy;
	char end, pad[48];
	if (!s || date_parse_dmy(s, out) == 0)
		return;
	*out = DAY_NONE;
	if (sscanf(s, "%2d/%2d/%4d%c", &dd, &mm, &yy, &end) != 3)
		return;
	snprintf(pad, sizeof(pad), "%02d/%02d/%04d", dd, mm, yy);
	if (date_parse_dmy(pad, out) < 0)
		*out = DAY_NONE;
}
/* *csv_form: metadata.json's file_format is "csv" (the reference's rules
 * then know Header.UASC was derived on reading, see load_extra). */
static int load_metadata(struct s903_return *r, struct s903_ref *ref, const char *dir,
			 bool *csv_form, struct raa_err *err)
{
	char *path = join(dir, "metadata.json");
	FILE *fp = fopen(path, "r");
	if (!fp) {
		free(path);
		return 0;
	}
	fclose(fp);
	json_error_t je;
	json_t *m = json_load_file(path, 0, &je);
	if (!m) {
		raa_err_set(err, RAA_EINVAL, "%s: line %d: %s", path, je.line, je.text);
		free(path);
		return RAA_EINVAL;
	}
	free(path);
	meta_date(json_string_value(json_object_get(m, "collection_start")), &r->start);
	meta_date(json_string_value(json_object_get(m, "collection_end")), &r->end);
	const char *fmt = json_string_value(json_object_get(m, "file_format"));
	*csv_form = fmt && strcmp(fmt, "csv") == 0;
	int rc = load_ref_metadata(ref, m, dir, err);
	json_decref(m);
	return rc;
}

/* Columns a fixture carries that raa's reader does not take: Header.UASC
 * (the XML form's own element, or the column the reference derives on
 * reading CSV) and the reference validator's postcode-derived Episodes
 * columns. */
static const struct extra_col {
	int slot;
	const char *name;
	int derived; /* enum s903_derived_col, or -1 for Header.UASC */
} EXTRA[] = {
	{ S903_HEADER, "UASC", -1 },
	{ S903_LAST(S903_HEADER), "UASC", -1 },
	{ S903_EPISODES, "PL_LA", S903_D_PL_LA },
	{ S903_EPISODES, "PL_LOCATION", S903_D_PL_LOCATION },
	{ S903_EPISODES, "PL_DISTANCE", S903_D_PL_DISTANCE },
	{ S903_LAST(S903_EPISODES), "PL_LA", S903_D_PL_LA },
	{ S903_LAST(S903_EPISODES), "PL_LOCATION", S903_D_PL_LOCATION },
	{ S903_LAST(S903_EPISODES), "PL_DISTANCE", S903_D_PL_DISTANCE },
};

static void set_extra(struct s903_return *r, const struct extra_col *x, size_t row,
		      const char *val)
{
	struct s903_table *t = &r->tab[x->slot];
	if (x->derived >= 0) {
		s903_set_derived(r, x->slot, (enum s903_derived_col)x->derived, row, val);
		return;
	}
	t->col[S903_C_UASC]->s[row] = s903_intern(r, val, strlen(val), false);
}

/* The fixture's Header.UASC replaces the one s903_finish derived: it is
 * the rule's input, blanks included. */
static void reset_uasc(struct s903_table *t)
{
	struct s903_col *col = t->col[S903_C_UASC];
	if (!col) {
		/* owned by the table, as the reader's columns (table.c frees it) */
		col = xcalloc(1, sizeof(*col));
		t->col[S903_C_UASC] = col;
	}
	free(col->s);
	col->s = xcalloc(t->n ? t->n : 1, sizeof(*col->s));
}

/* Whether the fixture's column x is read. Header.UASC always, except for a
 * fixture of a CSV return without its UASC table: the reference derives the
 * column on reading CSV only when UASC is given (so its rule 105 never
 * sees one), and raa's CSV reader refuses a Header column UASC. */
static bool extra_wanted(const struct s903_return *r, const struct extra_col *x, bool csv_form)
{
	if (!r->tab[x->slot].present)
		return false;
	return x->derived >= 0 || !csv_form || r->tab[UASC_OF(x->slot)].present;
}

/* Reads the EXTRA columns of the fixture's table files. */
static int load_extra(struct s903_return *r, const char *dir, bool csv_form,
		      struct raa_err *err)
{
	for (size_t k = 0; k < sizeof(EXTRA) / sizeof(EXTRA[0]); k++) {
		const struct extra_col *x = &EXTRA[k];
		if (!extra_wanted(r, x, csv_form))
			continue;
		struct buf name;
		buf_init(&name, 0);
		buf_printf(&name, "%s.csv", s903_tab_name(x->slot));
		char *path = join(dir, buf_cstr(&name));
		buf_free(&name);
		struct csv_reader *rd = csv_open_file(path, 0, err);
		free(path);
		if (!rd)
			return RAA_EIO;
		struct csv_row row;
		long ix = -1;
		size_t i = 0;
		int rc;
		while ((rc = csv_next(rd, &row, err)) > 0) {
			if (row.line == 1) {
				for (size_t j = 0; j < row.n; j++)
					ix = strcmp(row.fields[j], x->name) == 0 ? (long)j : ix;
				if (ix < 0)
					break;
				if (x->derived < 0)
					reset_uasc(&r->tab[x->slot]);
				continue;
			}
			if (i < r->tab[x->slot].n && (size_t)ix < row.n && row.fields[ix][0])
				set_extra(r, x, i, row.fields[ix]);
			i++;
		}
		csv_close(rd);
		if (rc < 0)
			return RAA_EINVAL;
	}
	return 0;
}

static int load_tables(struct s903_return *r, const char *dir, struct raa_err *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return raa_err_set(err, RAA_EIO, "%s: cannot open", dir);
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".csv") != 0 ||
		    strncmp(e->d_name, "metadata.", 9) == 0)
			continue;
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)(n - 4), e->d_name);
		int slot = s903_tab_parse(name);
		char *path = join(dir, e->d_name);
		if (slot < 0)
			rc = raa_err_set(err, RAA_EINVAL, "%s: no SSDA903 table is called %s", path, name);
		else
			rc = s903_read_csv(r, path, slot, "__index", true, err);
		free(path);
	}
	closedir(d);
	return rc;
}

/* Row labels as equal as pandas means them: a merge with missing rows turns
 * integer labels into floats ("2.0" is row label 2). */
static bool label_eq(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t na = strlen(a), nb = strlen(b);
	if (na > 2 && strcmp(a + na - 2, ".0") == 0)
		na -= 2;
	if (nb > 2 && strcmp(b + nb - 2, ".0") == 0)
		nb -= 2;
	return na == nb && strncmp(a, b, na) == 0;
}

/* Compares the hits' labels with expected.json; appends the difference. */
static bool compare(const struct s903_return *r, const struct s903_ctx *c, const char *dir,
		    struct buf *diff)
{
	char *path = join(dir, "expected.json");
	json_error_t je;
	json_t *exp = json_load_file(path, 0, &je);
	free(path);
	if (!exp) {
		buf_printf(diff, "expected.json: %s", je.text);
		return false;
	}
	bool ok = true;
	/* every hit expected */
	for (size_t h = 0; h < c->nhits; h++) {
		const struct s903_table *t = &r->tab[c->hits[h].slot];
		const char *label = t->label ? t->label[c->hits[h].row] : "?";
		json_t *arr = json_object_get(exp, s903_tab_name(c->hits[h].slot)), *v;
		size_t i;
		bool found = false;
		json_array_foreach(arr, i, v) found |= label_eq(json_string_value(v), label);
		if (!found) {
			buf_printf(diff, " +%s[%s]", s903_tab_name(c->hits[h].slot), label ? label : "");
			ok = false;
		}
	}
	/* every expected label hit */
	const char *tab;
	json_t *arr;
	json_object_foreach(exp, tab, arr) {
		int slot = s903_tab_parse(tab);
		size_t i;
		json_t *v;
		json_array_foreach(arr, i, v) {
			bool found = false;
			for (size_t h = 0; h < c->nhits && !found; h++) {
				const struct s903_table *t = &r->tab[c->hits[h].slot];
				found = c->hits[h].slot == slot && t->label &&
					label_eq(t->label[c->hits[h].row], json_string_value(v));
			}
			if (!found) {
				buf_printf(diff, " -%s[%s]", tab, json_string_value(v));
				ok = false;
			}
		}
	}
	json_decref(exp);
	return ok;
}

/* "pass", "fail" or "unimplemented" for one call directory. */
static const char *run_call(const char *dir, const char *code, int year, struct buf *diff)
{
	const struct s903_rule_impl *impl = s903_rule_impl_exact(code, year);
	if (!impl)
		return "unimplemented";
	struct s903_return r;
	struct raa_err err;
	s903_return_init(&r);
	r.year = year;
	r.keep_case = true;
	r.start = r.end = DAY_NONE;
	const char *status = "fail";
	struct s903_ref *ref = s903_ref_new();
	bool csv_form = false;
	if (load_metadata(&r, ref, dir, &csv_form, &err) < 0 || load_tables(&r, dir, &err) < 0) {
		buf_printf(diff, "%s", err.msg);
		goto out;
	}
	s903_finish(&r);
	if (load_extra(&r, dir, csv_form, &err) < 0) {
		buf_printf(diff, "%s", err.msg);
		goto out;
	}
	s903_apply_ref(&r, ref);
	struct s903_ctx c = { 0 };
	const char *why;
	if (!s903_run_rule(impl, &r, &c, &why))
		c.nhits = 0; /* the reference returns {} when a table is absent */
	if (compare(&r, &c, dir, diff))
		status = "pass";
	s903_ctx_free(&c);
out:
	s903_return_free(&r);
	s903_ref_free(ref);
	return status;
}

static int name_cmp(const void *a, const void *b)
{
	return str_natcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of dir (no dot files); caller frees. */
static char **list_dir(const char *dir, size_t *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **v = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		xgrow((void **)&v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), name_cmp);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Runs every call of lacYYYY_YY/code; counts into *pass, *total. */
static void run_rule(FILE *out, const char *root, int version, const char *code, bool print,
		     size_t *pass, size_t *total)
{
	struct buf db;
	buf_init(&db, 0);
	buf_printf(&db, "%s/lac%d_%02d/%s", root, version, (version + 1) % 100, code);
	const char *dir = buf_cstr(&db);
	size_t n;
	char **calls = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		char *cdir = join(dir, calls[i]);
		struct buf diff;
		buf_init(&diff, 0);
		const char *st = run_call(cdir, code, version, &diff);
		(*total)++;
		*pass += strcmp(st, "pass") == 0;
		if (print)
			fprintf(out, "fixture\tlac%d_%02d\t%s\t%s\t%s\t%s\n", version,
				(version + 1) % 100, code, calls[i], st, buf_cstr(&diff));
		buf_free(&diff);
		free(cdir);
	}
	free_list(calls, n);
	buf_free(&db);
}

int s903_conformance(const char *root, FILE *out, struct raa_err *err)
{
	size_t n;
	char **sets = list_dir(root, &n);
	if (!sets)
		return raa_err_set(err, RAA_EIO, "%s: cannot open the conformance directory", root);
	/* Every fixture once, under the version of its folder. */
	for (size_t s = 0; s < n; s++) {
		int year;
		if (sscanf(sets[s], "lac%d_", &year) != 1)
			continue;
		char *dir = join(root, sets[s]);
		size_t nr;
		char **rules = list_dir(dir, &nr);
		size_t pass = 0, total = 0;
		for (size_t i = 0; i < nr; i++)
			run_rule(out, root, year, rules[i], true, &pass, &total);
		free_list(rules, nr);
		free(dir);
	}
	free_list(sets, n);
	/* Per collection year: the rules in force and their fixtures. */
	for (size_t y = 0; y < s903_nyears; y++) {
		const struct s903_year_rules *yr = &s903_years[y];
		size_t impl = 0, pass = 0, total = 0;
		for (size_t i = 0; i < yr->n; i++) {
			const struct s903_rule_impl *m = s903_rule_impl(yr->year, yr->rules[i].code);
			impl += m && m->fn; /* not those registered only for their reference data */
			run_rule(out, root, yr->rules[i].version, yr->rules[i].code, false, &pass, &total);
		}
		fprintf(out, "year\t%d_%02d\trules\t%zu\timplemented\t%zu\tfixtures\t%zu\tpassing\t%zu\n",
			yr->year, (yr->year + 1) % 100, yr->n, impl, total, pass);
	}
	return 0;
}
