/*
 * raa 903 (issue #4): the SSDA903 return.
 *   raa 903 validate DIR --year 2025/26 [--previous DIR] [--reference DIR] [--format json|text|csv]
 *                    [--output FILE.xlsx]   (the report as a workbook)
 *   raa 903 conformance DIR   (runs the reference validator's fixtures)
 *   raa 903 import DIR --partner CODE --year 2025/26 [--accept-errors]
 *   raa 903 export DIR --partner CODE --year 2025/26
 * Validation needs no store: it reads files and prints a report. Import
 * validates with the same engine first (docs/ssda903-import.md).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "core/json.h"
#include "service/snapshot.h"
#include "ssda903/export.h"
#include "ssda903/import.h"
#include "ssda903/s903_rules.h"
#include "ssda903/xlsx.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

/* The rule's affected fields that are columns of the error's table, as the
 * output contract wants them (a rule's list spans all its tables). */
static void error_fields(struct buf *b, const struct s903_error *e)
{
	const enum s903_colid *cols = s903_tab_cols((enum s903_tab)(e->slot % S903_NTAB));
	const char *p = e->info->fields;
	bool first = true;
	buf_putc(b, '[');
	while (*p) {
		size_t n = strcspn(p, ",");
		for (size_t i = 0; cols[i] != S903_NCOL; i++) {
			const char *name = s903_col_name(cols[i]);
			if (strlen(name) == n && strncmp(name, p, n) == 0) {
				buf_puts(b, first ? "" : ",");
				json_buf_string(b, p, n);
				first = false;
			}
		}
		p += n + (p[n] == ',');
	}
	buf_putc(b, ']');
}

/* printf's machinery costs more than the rest of an error's line. */
static void put_int(struct buf *b, long v)
{
	char d[24], *p = d + sizeof d;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_append(b, p, (size_t)(d + sizeof d - p));
}

/* Errors come sorted by rule, so everything but the row and the child of
 * the last (rule, table) is nearly always the next error's too. */
struct error_memo {
	const void *info;
	int slot;
	struct buf head; /* {"rule":...,"table":...,"row": */
	struct buf tail; /* ,"fields":[...]} */
};

static void error_json(struct buf *b, const struct s903_error *e, struct error_memo *m)
{
	if (!m->head.len || m->info != e->info || m->slot != e->slot) {
		buf_reset(&m->head);
		buf_puts(&m->head, "{\"rule\":");
		json_buf_string(&m->head, e->rule, strlen(e->rule));
		buf_puts(&m->head, ",\"table\":");
		json_buf_string(&m->head, s903_tab_name(e->slot), strlen(s903_tab_name(e->slot)));
		buf_puts(&m->head, ",\"row\":");
		buf_reset(&m->tail);
		buf_puts(&m->tail, ",\"fields\":");
		error_fields(&m->tail, e);
		buf_putc(&m->tail, '}');
		m->info = e->info;
		m->slot = e->slot;
	}
	buf_append(b, m->head.data, m->head.len);
	put_int(b, e->row);
	buf_append(b, ",\"child\":", 9);
	if (e->child && *e->child)
		json_buf_string(b, e->child, strlen(e->child));
	else
		buf_append(b, "null", 4);
	buf_append(b, m->tail.data, m->tail.len);
}

#define JSON_CHUNK (64 * 1024)

/* The head through jansson, the errors (there can be hundreds of
 * thousands) written straight out: a tree of them costs more to build and
 * free than validating the return. */
static void print_json(const struct s903_return *r, const struct s903_report *rep)
{
	json_t *o = json_object();
	char y[16];
	snprintf(y, sizeof(y), "%d/%02d", r->year, (r->year + 1) % 100);
	json_set_str(o, "year", y);
	json_set_date(o, "collection_start", r->start);
	json_set_date(o, "collection_end", r->end);
	json_set_int(o, "rules_run", (long long)rep->nrun);
	json_t *sk = json_array();
	for (size_t i = 0; i < rep->nskipped; i++)
		json_array_append_new(sk, json_string(rep->skipped[i].rule));
	json_object_set_new(o, "rules_skipped", sk);
	struct buf b;
	buf_init(&b, 0);
	json_to_buf(&b, o);
	json_decref(o);
	b.data[--b.len] = '\0'; /* reopen the object for "errors" */
	buf_puts(&b, ",\"errors\":[");
	struct error_memo memo = { 0 };
	buf_init(&memo.head, 0);
	buf_init(&memo.tail, 0);
	for (size_t i = 0; i < rep->nerrors; i++) {
		if (i)
			buf_putc(&b, ',');
		error_json(&b, &rep->errors[i], &memo);
		if (b.len >= JSON_CHUNK) { /* a few MB held and copied as it grew cost more */
			fwrite(b.data, 1, b.len, stdout);
			buf_reset(&b);
		}
	}
	buf_puts(&b, "]}\n");
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&memo.head);
	buf_free(&memo.tail);
	buf_free(&b);
}

/* Errors per rule, in the report's (rule) order. */
static void print_summary_text(const struct s903_report *rep)
{
	printf("\nSummary: %zu errors; %zu rules run, %zu skipped\n", rep->nerrors, rep->nrun,
	       rep->nskipped);
	for (size_t i = 0; i < rep->nerrors;) {
		size_t j = i;
		while (j < rep->nerrors && strcmp(rep->errors[j].rule, rep->errors[i].rule) == 0)
			j++;
		printf("  %-10s %6zu  %s\n", rep->errors[i].rule, j - i, rep->errors[i].info->message);
		i = j;
	}
	if (rep->nskipped) {
		printf("Skipped:\n");
		for (size_t i = 0; i < rep->nskipped; i++)
			printf("  %-10s %s\n", rep->skipped[i].rule, rep->skipped[i].why);
	}
}

static void print_text(const struct s903_return *r, const struct s903_report *rep)
{
	struct buf f;
	buf_init(&f, 0);
	printf("SSDA903 %d/%02d: %zu errors\n", r->year, (r->year + 1) % 100, rep->nerrors);
	for (size_t i = 0; i < rep->nerrors; i++) {
		const struct s903_error *e = &rep->errors[i];
		s903_error_fields_text(&f, e);
		printf("%-8s %-16s row %-6d child %-12s %-24s %s\n", e->rule, s903_tab_name(e->slot),
		       e->row, e->child ? e->child : "-", buf_cstr(&f), e->info->message);
	}
	print_summary_text(rep);
	buf_free(&f);
}

/* kind "error" rows, then one "summary" row per rule with its count: the
 * same text the upload page offers for download. */
static void print_csv(const struct s903_report *rep)
{
	struct buf b;
	buf_init(&b, 0);
	s903_report_csv(&b, rep);
	fwrite(buf_cstr(&b), 1, b.len, stdout);
	buf_free(&b);
}

/* Reads DIR (and --previous) for the year and runs the rules. */
static int read_and_validate_ref(const char *dir, const char *year, const char *previous,
				 const struct s903_ref *ref, struct s903_return *r,
				 struct s903_report *rep, struct raa_err *err)
{
	int rc = s903_return_set_year(r, year, err);
	if (rc == 0 && !s903_year(r->year))
		rc = raa_err_set(err, RAA_EINVAL,
				 "--year: %s: raa has the SSDA903 rules of 2022/23 to 2026/27", year);
	if (rc == 0)
		rc = s903_read_dir(r, dir, false, err);
	if (rc == 0 && previous)
		rc = s903_read_dir(r, previous, true, err);
	if (rc == 0) {
		s903_finish(r);
		s903_apply_ref(r, ref);
		rc = s903_validate(r, rep, err);
	}
	return rc;
}

static int read_and_validate(const char *dir, const char *year, const char *previous,
			     struct s903_return *r, struct s903_report *rep, struct raa_err *err)
{
	return read_and_validate_ref(dir, year, previous, NULL, r, rep, err);
}

/* The XLSX report is binary, so it goes to a file named by --output (the
 * global --format takes text, json and csv only). */
static bool is_xlsx_path(const char *path)
{
	size_t n = strlen(path);
	return n > 5 && strcmp(path + n - 5, ".xlsx") == 0;
}

static int validate(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = { OPT_VALUE("year"), OPT_VALUE("previous"), OPT_VALUE("output"),
				  OPT_VALUE("reference") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, opts, NOPTS(opts), &a, &err) < 0 || a.npos != 1 ||
	    !opts[0].value || (opts[2].value && !is_xlsx_path(opts[2].value)) ||
	    (c->fmt == FMT_XLSX && !opts[2].value))
		return cli_usage("usage: raa 903 validate DIR --year 2025/26 [--previous DIR] "
				 "[--reference DIR] "
				 "[--format json|text|csv | --format xlsx --output FILE.xlsx]");
	struct s903_return r;
	struct s903_report rep = { 0 };
	s903_return_init(&r);
	/* reference data: Ofsted providers, postcodes, the LA's code */
	struct s903_ref *ref = opts[3].value ? s903_ref_new() : NULL;
	int rc = ref ? s903_ref_load(ref, opts[3].value, &err) : 0;
	if (rc == 0)
		rc = read_and_validate_ref(a.pos[0], opts[0].value, opts[1].value, ref, &r, &rep,
					  &err);
	if (rc < 0) {
		rc = cli_fail(&err);
	} else {
		if (opts[2].value)
			rc = s903_xlsx_write(&rep, opts[2].value, &err) < 0 ? cli_fail(&err) : EXIT_OK;
		else if (c->fmt == FMT_JSON)
			print_json(&r, &rep);
		else if (c->fmt == FMT_CSV)
			print_csv(&rep);
		else
			print_text(&r, &rep);
		if (!opts[2].value)
			rc = EXIT_OK;
	}
	s903_report_free(&rep);
	s903_return_free(&r);
	s903_ref_free(ref);
	return rc;
}

static const struct store_scope CLI_SCOPE_903 = { .kind = SCOPE_SYSTEM, .actor = "cli" };

static void print_import_text(const char *dir, const char *partner,
			      const struct s903_import_result *res)
{
	printf("%s: %zu children in the return for partner %s: %zu new, %zu already in raa, "
	       "%zu left out\n", dir, res->children, partner, res->created, res->matched,
	       res->nleft_out);
	printf("events: %zu added, %zu already on the journeys, %zu refused by the journey rules\n",
	       res->added_total, res->existing, res->nrefused);
	for (int k = 0; k < EV_COUNT; k++)
		if (res->added[k])
			printf("  %-18s %6zu\n", event_kind_name(k), res->added[k]);
	if (res->nleft_out)
		printf("Left out:\n");
	for (size_t i = 0; i < res->nleft_out; i++)
		printf("  CHILD %-12s %s\n", res->left_out[i].child, res->left_out[i].why);
	if (res->nrefused)
		printf("Events refused:\n");
	for (size_t i = 0; i < res->nrefused; i++)
		printf("  CHILD %-12s %s\n", res->refused[i].child, res->refused[i].why);
	if (res->nnotes)
		printf("Notes:\n");
	for (size_t i = 0; i < res->nnotes; i++)
		printf("  %s\n", res->notes[i]);
}

static int import(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = { OPT_VALUE("year"), OPT_VALUE("partner"), OPT_FLAG("accept-errors") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, opts, NOPTS(opts), &a, &err) < 0 || a.npos != 1 ||
	    !opts[0].value || !opts[1].value)
		return cli_usage("usage: raa 903 import DIR --partner CODE --year 2025/26 "
				 "[--accept-errors] [--format json|text]");
	int rc = cli_open(c);
	if (rc)
		return rc;
	struct s903_return r;
	struct s903_report rep = { 0 };
	struct s903_import_result res;
	struct s903_import_opts o = { .partner = opts[1].value, .accept_errors = opts[2].seen,
				      .today = c->today };
	s903_return_init(&r);
	s903_import_result_init(&res);
	rc = read_and_validate(a.pos[0], opts[0].value, NULL, &r, &rep, &err);
	if (rc == 0)
		rc = s903_import(c->store, &CLI_SCOPE_903, &r, &rep, &o, &res, &err);
	if (rc < 0) {
		if (rep.nerrors && !o.accept_errors)
			print_summary_text(&rep);
		rc = cli_fail(&err);
	} else if (c->fmt == FMT_JSON) {
		json_t *j = s903_import_result_json(&res);
		json_write(stdout, j);
		json_decref(j);
	} else {
		print_import_text(a.pos[0], o.partner, &res);
	}
	s903_import_result_free(&res);
	s903_report_free(&rep);
	s903_return_free(&r);
	return rc;
}

static int export(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = { OPT_VALUE("year"), OPT_VALUE("partner") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, opts, NOPTS(opts), &a, &err) < 0 || a.npos != 1 ||
	    !opts[0].value || !opts[1].value)
		return cli_usage("usage: raa 903 export DIR --partner CODE --year 2025/26");
	struct s903_return r;
	s903_return_init(&r);
	int rc = s903_return_set_year(&r, opts[0].value, &err);
	int year = r.year;
	s903_return_free(&r);
	if (rc < 0)
		return cli_fail(&err);
	if ((rc = cli_open(c)))
		return rc;
	struct snapshot snap;
	if (snapshot_load(c->store, &CLI_SCOPE_903, &snap, &err) < 0)
		return cli_fail(&err);
	struct s903_export_result res;
	s903_export_result_init(&res);
	int ok = store_partner_exists(c->store, opts[1].value, &err);
	if (ok == 0)
		ok = raa_err_set(&err, RAA_EINVAL, "--partner: value '%s': expected a partner's LA "
				 "code (raa partner list)", opts[1].value);
	rc = ok < 0 ? ok : s903_export(&snap, opts[1].value, year, a.pos[0], &res, &err);
	if (rc < 0) {
		rc = cli_fail(&err);
	} else {
		fputs(buf_cstr(&res.notes), stderr);
		printf("%s: AD1.csv %zu rows, PlacedAdoption.csv %zu rows (partner %s, %d/%02d)\n",
		       a.pos[0], res.ad1_rows, res.placed_rows, opts[1].value, year,
		       (year + 1) % 100);
	}
	s903_export_result_free(&res);
	snapshot_free(&snap);
	return rc;
}

static int conformance(int argc, char **argv)
{
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, NULL, 0, &a, &err) < 0 || a.npos != 1)
		return cli_usage("usage: raa 903 conformance DIR");
	if (s903_conformance(a.pos[0], stdout, &err) < 0)
		return cli_fail(&err);
	return EXIT_OK;
}

int cmd_903(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "validate") == 0)
		return validate(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "conformance") == 0)
		return conformance(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return import(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return export(c, argc - 1, argv + 1);
	return cli_usage("usage: raa 903 validate DIR --year 2025/26 [--previous DIR] "
			 "[--format json|text|csv]\n"
			 "       raa 903 conformance DIR\n"
			 "       raa 903 import DIR --partner CODE --year 2025/26 [--accept-errors]\n"
			 "       raa 903 export DIR --partner CODE --year 2025/26");
}
