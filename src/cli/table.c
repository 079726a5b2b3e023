#include "cli/table.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/mem.h"

/* A value as text: strings as they are, null as "", numbers, arrays joined. */
static void cell(struct buf *b, const json_t *v)
{
	if (!v || json_is_null(v))
		return;
	if (json_is_string(v)) {
		buf_puts(b, json_string_value(v));
	} else if (json_is_integer(v)) {
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		buf_printf(b, "%.1f", json_real_value(v));
	} else if (json_is_boolean(v)) {
		buf_puts(b, json_is_true(v) ? "yes" : "no");
	} else if (json_is_array(v)) {
		size_t i;
		const json_t *x;
		json_array_foreach(v, i, x) {
			if (i)
				buf_putc(b, ';');
			cell(b, x);
		}
	} else {
		char *s = json_dumps(v, JSON_COMPACT);
		buf_puts(b, s);
		free(s);
	}
}

static size_t text_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void print_text(FILE *out, const json_t *rows, const char *const *cols, size_t ncols)
{
	size_t nrows = json_array_size(rows);
	size_t *width = xcalloc(ncols, sizeof *width);
	char **cells = xcalloc((nrows + 1) * ncols, sizeof *cells);
	struct buf b;
	buf_init(&b, 0);
	for (size_t c = 0; c < ncols; c++) {
		cells[c] = xstrdup(cols[c]);
		width[c] = text_width(cols[c]);
	}
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			buf_reset(&b);
			cell(&b, json_object_get(json_array_get(rows, r), cols[c]));
			cells[(r + 1) * ncols + c] = xstrdup(buf_cstr(&b));
			size_t w = text_width(buf_cstr(&b));
			if (w > width[c])
				width[c] = w;
		}
	}
	for (size_t r = 0; r <= nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			const char *s = cells[r * ncols + c];
			if (c + 1 < ncols)
				fprintf(out, "%s%*s  ", s, (int)(width[c] - text_width(s)), "");
			else
				fprintf(out, "%s\n", s);
			free(cells[r * ncols + c]);
		}
	}
	buf_free(&b);
	free(cells);
	free(width);
}

static void print_csv(FILE *out, const json_t *rows, const char *const *cols, size_t ncols)
{
	struct buf line, v;
	buf_init(&line, 0);
	buf_init(&v, 0);
	for (size_t c = 0; c < ncols; c++) {
		if (c)
			buf_putc(&line, ',');
		csv_write_field(&line, cols[c]);
	}
	fprintf(out, "%s\n", buf_cstr(&line));
	size_t r;
	const json_t *row;
	json_array_foreach(rows, r, row) {
		buf_reset(&line);
		for (size_t c = 0; c < ncols; c++) {
			buf_reset(&v);
			cell(&v, json_object_get(row, cols[c]));
			if (c)
				buf_putc(&line, ',');
			csv_write_field(&line, buf_cstr(&v));
		}
		fprintf(out, "%s\n", buf_cstr(&line));
	}
	buf_free(&line);
	buf_free(&v);
}

int table_print(FILE *out, const json_t *rows, const char *const *columns, enum out_format fmt)
{
	size_t ncols = 0;
	while (columns[ncols])
		ncols++;
	if (fmt == FMT_JSON)
		return json_write(out, rows);
	if (fmt == FMT_CSV)
		print_csv(out, rows, columns, ncols);
	else
		print_text(out, rows, columns, ncols);
	return ferror(out) ? -1 : 0;
}

static bool is_object_list(const json_t *v)
{
	return json_is_array(v) && (json_array_size(v) == 0 || json_is_object(json_array_get(v, 0)));
}

int table_print_object(FILE *out, const json_t *obj, enum out_format fmt)
{
	if (fmt == FMT_JSON)
		return json_write(out, obj);
	const char *keys[64];
	size_t n = 0;
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)obj, k, v) {
		if (n < 63)
			keys[n++] = k;
	}
	keys[n] = NULL;
	if (fmt == FMT_CSV) {
		json_t *rows = json_array();
		json_array_append((json_t *)rows, (json_t *)obj);
		print_csv(out, rows, keys, n);
		json_decref(rows);
		return 0;
	}
	/* Scalars as "key  value" lines, then each list of objects (clocks,
	 * events) as a table of its own under a heading. */
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (strlen(keys[i]) > w)
			w = strlen(keys[i]);
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		const json_t *v = json_object_get(obj, keys[i]);
		if (is_object_list(v))
			continue;
		buf_reset(&b);
		cell(&b, v);
		fprintf(out, "%-*s  %s\n", (int)w, keys[i], buf_cstr(&b));
	}
	buf_free(&b);
	for (size_t i = 0; i < n; i++) {
		const json_t *v = json_object_get(obj, keys[i]);
		if (!is_object_list(v))
			continue;
		fprintf(out, "\n%s (%zu)\n", keys[i], json_array_size(v));
		if (json_array_size(v) == 0)
			continue;
		const char *cols[32];
		size_t nc = 0;
		const char *k;
		const json_t *x;
		json_object_foreach(json_array_get(v, 0), k, x) {
			if (nc < 31)
				cols[nc++] = k;
		}
		cols[nc] = NULL;
		print_text(out, v, cols, nc);
	}
	return ferror(out) ? -1 : 0;
}
