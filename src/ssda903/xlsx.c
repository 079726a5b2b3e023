#include "ssda903/xlsx.h"

#include <string.h>
#include <xlsxwriter.h>

#include "core/csv.h"

void s903_error_fields_text(struct buf *b, const struct s903_error *e)
{
	const enum s903_colid *cols = s903_tab_cols((enum s903_tab)(e->slot % S903_NTAB));
	const char *p = e->info->fields;
	buf_reset(b);
	while (*p) {
		size_t n = strcspn(p, ",");
		for (size_t i = 0; cols[i] != S903_NCOL; i++) {
			const char *name = s903_col_name(cols[i]);
			if (strlen(name) == n && strncmp(name, p, n) == 0)
				buf_printf(b, "%s%.*s", b->len ? ";" : "", (int)n, p);
		}
		p += n + (p[n] == ',');
	}
}

static void csv_row(struct buf *out, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		csv_write_field(out, v[i]);
	}
	buf_putc(out, '\n');
}

void s903_report_csv(struct buf *out, const struct s903_report *rep)
{
	static const char *const head[] = { "kind", "rule", "table", "row", "child",
					    "fields", "count", "message" };
	struct buf f;
	char num[32];
	buf_init(&f, 0);
	csv_row(out, head, 8);
	for (size_t i = 0; i < rep->nerrors; i++) {
		const struct s903_error *e = &rep->errors[i];
		s903_error_fields_text(&f, e);
		snprintf(num, sizeof(num), "%d", e->row);
		const char *v[] = { "error", e->rule, s903_tab_name(e->slot), num, e->child,
				    buf_cstr(&f), "", e->info->message };
		csv_row(out, v, 8);
	}
	for (size_t i = 0; i < rep->nerrors;) {
		size_t j = i;
		while (j < rep->nerrors && strcmp(rep->errors[j].rule, rep->errors[i].rule) == 0)
			j++;
		snprintf(num, sizeof(num), "%zu", j - i);
		const char *v[] = { "summary", rep->errors[i].rule, "", "", "", "", num,
				    rep->errors[i].info->message };
		csv_row(out, v, 8);
		i = j;
	}
	buf_free(&f);
}

struct sheet_col {
	const char *name;
	double width;
};

/* Header row in bold, frozen, with an autofilter over rows 0..last. */
static void sheet_head(lxw_worksheet *ws, lxw_format *bold, const struct sheet_col *cols,
		       int ncols, size_t last)
{
	for (int i = 0; i < ncols; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i].name, bold);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)last, (lxw_col_t)(ncols - 1));
}

static void write_summary(lxw_worksheet *ws, lxw_format *bold, const struct s903_report *rep)
{
	static const struct sheet_col cols[] = { { "rule", 10 }, { "message", 90 }, { "count", 10 } };
	lxw_row_t row = 0;
	for (size_t i = 0; i < rep->nerrors;) {
		size_t j = i;
		while (j < rep->nerrors && strcmp(rep->errors[j].rule, rep->errors[i].rule) == 0)
			j++;
		row++;
		worksheet_write_string(ws, row, 0, rep->errors[i].rule, NULL);
		worksheet_write_string(ws, row, 1, rep->errors[i].info->message, NULL);
		worksheet_write_number(ws, row, 2, (double)(j - i), NULL);
		i = j;
	}
	sheet_head(ws, bold, cols, 3, row);
}

static void write_errors(lxw_worksheet *ws, lxw_format *bold, const struct s903_report *rep)
{
	static const struct sheet_col cols[] = { { "rule", 10 },  { "table", 18 },
						 { "row", 8 },    { "child", 14 },
						 { "fields", 30 }, { "message", 90 } };
	struct buf f;
	buf_init(&f, 0);
	for (size_t i = 0; i < rep->nerrors; i++) {
		const struct s903_error *e = &rep->errors[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		s903_error_fields_text(&f, e);
		worksheet_write_string(ws, row, 0, e->rule, NULL);
		worksheet_write_string(ws, row, 1, s903_tab_name(e->slot), NULL);
		worksheet_write_number(ws, row, 2, e->row, NULL);
		if (e->child)
			worksheet_write_string(ws, row, 3, e->child, NULL);
		if (f.len)
			worksheet_write_string(ws, row, 4, buf_cstr(&f), NULL);
		worksheet_write_string(ws, row, 5, e->info->message, NULL);
	}
	buf_free(&f);
	sheet_head(ws, bold, cols, 6, rep->nerrors);
}

int s903_xlsx_write(const struct s903_report *rep, const char *path, struct raa_err *err)
{
	if (rep->nerrors >= LXW_ROW_MAX)
		return raa_err_set(err, RAA_EINVAL, "xlsx: %zu errors: a sheet holds at most %u rows",
				   rep->nerrors, (unsigned)LXW_ROW_MAX - 1);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return raa_err_set(err, RAA_EIO, "xlsx: %s: cannot create the workbook", path);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	write_summary(workbook_add_worksheet(wb, "Summary"), bold, rep);
	write_errors(workbook_add_worksheet(wb, "Errors"), bold, rep);
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return raa_err_set(err, RAA_EIO, "xlsx: %s: %s", path, lxw_strerror(rc));
	return 0;
}
