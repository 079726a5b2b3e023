/*
 * raa 903 (issue #4): the SSDA903 return.
 *   raa 903 validate DIR --year 2025/26 [--previous DIR] [--format json|text|csv]
 *   raa 903 conformance DIR   (runs the reference validator's fixtures)
 * Validation needs no store: it reads files and prints a report.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/csv.h"
#include "core/json.h"
#include "ssda903/s903_rules.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

/* The rule's affected fields that are columns of the error's table, as the
 * output contract wants them (a rule's list spans all its tables). */
static json_t *error_fields(const struct s903_error *e)
{
	json_t *arr = json_array();
	const enum s903_colid *cols = s903_tab_cols((enum s903_tab)(e->slot % S903_NTAB));
	const char *p = e->info->fields;
	while (*p) {
		size_t n = strcspn(p, ",");
		for (size_t i = 0; cols[i] != S903_NCOL; i++) {
			const char *name = s903_col_name(cols[i]);
			if (strlen(name) == n && strncmp(name, p, n) == 0)
				json_array_append_new(arr, json_stringn(p, n));
		}
		p += n + (p[n] == ',');
	}
	return arr;
}

static void fields_text(struct buf *b, const struct s903_error *e)
{
	json_t *f = error_fields(e), *v;
	size_t i;
	buf_reset(b);
	json_array_foreach(f, i, v) buf_printf(b, "%s%s", i ? ";" : "", json_string_value(v));
	json_decref(f);
}

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
	json_t *errs = json_array();
	for (size_t i = 0; i < rep->nerrors; i++) {
		const struct s903_error *e = &rep->errors[i];
		json_t *x = json_object();
		json_set_str(x, "rule", e->rule);
		json_set_str(x, "table", s903_tab_name(e->slot));
		json_set_int(x, "row", e->row);
		json_set_str(x, "child", e->child);
		json_object_set_new(x, "fields", error_fields(e));
		json_array_append_new(errs, x);
	}
	json_object_set_new(o, "errors", errs);
	json_write(stdout, o);
	json_decref(o);
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
		fields_text(&f, e);
		printf("%-8s %-16s row %-6d child %-12s %-24s %s\n", e->rule, s903_tab_name(e->slot),
		       e->row, e->child ? e->child : "-", buf_cstr(&f), e->info->message);
	}
	print_summary_text(rep);
	buf_free(&f);
}

static void csv_line(struct buf *b, const char *const *v, size_t n)
{
	buf_reset(b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		csv_write_field(b, v[i]);
	}
	puts(buf_cstr(b));
}

/* kind "error" rows, then one "summary" row per rule with its count. */
static void print_csv(const struct s903_report *rep)
{
	struct buf b, f;
	buf_init(&b, 0);
	buf_init(&f, 0);
	static const char *const head[] = { "kind", "rule", "table", "row", "child",
					    "fields", "count", "message" };
	csv_line(&b, head, 8);
	char row[32], count[32];
	for (size_t i = 0; i < rep->nerrors; i++) {
		const struct s903_error *e = &rep->errors[i];
		fields_text(&f, e);
		snprintf(row, sizeof(row), "%d", e->row);
		const char *v[] = { "error", e->rule, s903_tab_name(e->slot), row, e->child,
				    buf_cstr(&f), "", e->info->message };
		csv_line(&b, v, 8);
	}
	for (size_t i = 0; i < rep->nerrors;) {
		size_t j = i;
		while (j < rep->nerrors && strcmp(rep->errors[j].rule, rep->errors[i].rule) == 0)
			j++;
		snprintf(count, sizeof(count), "%zu", j - i);
		const char *v[] = { "summary", rep->errors[i].rule, "", "", "", "", count,
				    rep->errors[i].info->message };
		csv_line(&b, v, 8);
		i = j;
	}
	buf_free(&b);
	buf_free(&f);
}

static int validate(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = { OPT_VALUE("year"), OPT_VALUE("previous") };
	struct cli_args a;
	struct raa_err err;
	if (args_parse(argc - 1, argv + 1, opts, NOPTS(opts), &a, &err) < 0 || a.npos != 1 ||
	    !opts[0].value)
		return cli_usage("usage: raa 903 validate DIR --year 2025/26 [--previous DIR] "
				 "[--format json|text|csv]");
	struct s903_return r;
	struct s903_report rep = { 0 };
	s903_return_init(&r);
	int rc = s903_return_set_year(&r, opts[0].value, &err);
	if (rc == 0 && !s903_year(r.year))
		rc = raa_err_set(&err, RAA_EINVAL,
				 "--year: %s: raa has the SSDA903 rules of 2022/23 to 2026/27",
				 opts[0].value);
	if (rc == 0)
		rc = s903_read_dir(&r, a.pos[0], false, &err);
	if (rc == 0 && opts[1].value)
		rc = s903_read_dir(&r, opts[1].value, true, &err);
	if (rc == 0) {
		s903_finish(&r);
		rc = s903_validate(&r, &rep, &err);
	}
	if (rc < 0) {
		rc = cli_fail(&err);
	} else {
		if (c->fmt == FMT_JSON)
			print_json(&r, &rep);
		else if (c->fmt == FMT_CSV)
			print_csv(&rep);
		else
			print_text(&r, &rep);
		rc = EXIT_OK;
	}
	s903_report_free(&rep);
	s903_return_free(&r);
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
	return cli_usage("usage: raa 903 validate DIR --year 2025/26 [--previous DIR] "
			 "[--format json|text|csv]\n"
			 "       raa 903 conformance DIR");
}
