#include "service/export.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/json.h"
#include "core/mem.h"

int out_format_parse(const char *s)
{
	if (strcmp(s, "text") == 0)
		return FMT_TEXT;
	if (strcmp(s, "csv") == 0)
		return FMT_CSV;
	if (strcmp(s, "json") == 0)
		return FMT_JSON;
	if (strcmp(s, "xlsx") == 0)
		return FMT_XLSX;
	if (strcmp(s, "html") == 0)
		return FMT_HTML;
	if (strcmp(s, "pdf") == 0)
		return FMT_PDF;
	return -1;
}

raa_day export_column_date(const struct journey *j, int kind)
{
	const struct event_rec *e = journey_first(j, kind);
	return e ? e->date : DAY_NONE;
}

/* One row being built: values by column, as text ("" = blank). */
struct row {
	char v[24][256];
	bool is_int[24];
};

static void put(struct row *r, int col, const char *s)
{
	snprintf(r->v[col], sizeof r->v[col], "%s", s ? s : "");
}

static void put_date(struct row *r, int col, raa_day d)
{
	date_format_iso(d, r->v[col]);
}

static void put_int(struct row *r, int col, long n, bool blank)
{
	r->is_int[col] = true;
	if (blank)
		r->v[col][0] = '\0';
	else
		snprintf(r->v[col], sizeof r->v[col], "%ld", n);
}

static void child_row(const struct snap_child *c, struct row *r)
{
	const struct child_rec *k = &c->rec;
	char sex[2] = { k->sex, '\0' };
	memset(r, 0, sizeof *r);
	put(r, 0, k->id);
	put(r, 1, k->partner);
	put(r, 2, k->la_child_id);
	put(r, 3, k->first_name);
	put(r, 4, k->last_name);
	put(r, 5, sex);
	put_date(r, 6, k->dob);
	put(r, 7, k->ethnicity);
	put(r, 8, k->sibling_group);
	for (int d = 0; d < NEED_DIMS; d++)
		put(r, 9 + d, need_level_name(k->needs[d]));
	put(r, 13, contact_level_name(k->contact));
	put(r, 14, k->birth_postcode_district);
	for (int i = 0; i < 3; i++)
		put_date(r, 15 + i, export_column_date(&c->j, CHILD_DATE_COLUMNS[i].kind));
	put(r, 18, child_status_name(journey_status(&c->j, INT32_MAX)));
}

static void adopter_row(const struct snap_adopter *a, struct row *r)
{
	const struct adopter_rec *k = &a->rec;
	memset(r, 0, sizeof *r);
	put(r, 0, k->id);
	put(r, 1, k->partner);
	put(r, 2, k->name);
	put_int(r, 3, k->applicants, k->applicants <= 0);
	put(r, 4, k->postcode_district);
	for (int i = 0; i < 4; i++)
		put_date(r, 5 + i, export_column_date(&a->j, ADOPTER_DATE_COLUMNS[i].kind));
	put_int(r, 9, k->min_age_months, k->min_age_months < 0);
	put_int(r, 10, k->max_age_months, k->max_age_months < 0);
	put_int(r, 11, k->max_children, k->max_children <= 0);
	for (int d = 0; d < NEED_DIMS; d++)
		put(r, 12 + d, need_level_name(k->needs[d]));
	put(r, 16, contact_level_name(k->contact));
	put(r, 17, k->early_permanence < 0 ? "" : k->early_permanence ? "yes" : "no");
	put(r, 18, k->ethnicity);
	put(r, 19, adopter_status_name(journey_status(&a->j, INT32_MAX)));
}

/* An event goes to events.csv unless a date column already carries it or
 * it is a household's copy of a child's event. */
static bool event_exported(const struct snapshot *snap, const struct event_rec *e)
{
	if (e->origin == ORIGIN_MIRROR)
		return false;
	const struct migration_date_column *cols;
	size_t n;
	const struct journey *j;
	if (e->type == REC_CHILD) {
		const struct snap_child *c = snapshot_child(snap, e->record);
		if (!c)
			return false;
		j = &c->j, cols = CHILD_DATE_COLUMNS, n = 3;
	} else {
		const struct snap_adopter *a = snapshot_adopter(snap, e->record);
		if (!a)
			return false;
		j = &a->j, cols = ADOPTER_DATE_COLUMNS, n = 4;
	}
	for (size_t i = 0; i < n; i++)
		if (cols[i].kind == e->kind && journey_first(j, e->kind) == e)
			return false;
	return true;
}

static void event_row(const struct event_rec *e, struct row *r)
{
	memset(r, 0, sizeof *r);
	put(r, 0, e->record);
	put(r, 1, event_kind_name(e->kind));
	put_date(r, 2, e->date);
	put(r, 3, e->adopter);
	put(r, 4, e->detail);
}

struct writer {
	enum migration_file f;
	enum out_format fmt;
	FILE *out;
	size_t ncols;
	json_t *array;
	struct buf line;
};

static json_t *row_json(enum migration_file f, const struct row *r)
{
	json_t *o = json_object();
	for (size_t i = 0; MIGRATION_COLUMNS[f][i]; i++) {
		const char *key = MIGRATION_COLUMNS[f][i];
		if (r->is_int[i] && r->v[i][0])
			json_set_int(o, key, strtoll(r->v[i], NULL, 10));
		else
			json_set_str(o, key, r->v[i]);
	}
	return o;
}

json_t *export_child_object(const struct snap_child *c)
{
	struct row *r = xmalloc(sizeof *r);
	child_row(c, r);
	json_t *o = row_json(MIG_CHILDREN, r);
	free(r);
	return o;
}

json_t *export_adopter_object(const struct snap_adopter *a)
{
	struct row *r = xmalloc(sizeof *r);
	adopter_row(a, r);
	json_t *o = row_json(MIG_ADOPTERS, r);
	free(r);
	return o;
}

static void emit(struct writer *w, const struct row *r)
{
	if (w->fmt == FMT_JSON) {
		json_array_append_new(w->array, row_json(w->f, r));
		return;
	}
	buf_reset(&w->line);
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			buf_putc(&w->line, ',');
		csv_write_field(&w->line, r->v[i]);
	}
	buf_putc(&w->line, '\n');
	fwrite(w->line.data, 1, w->line.len, w->out);
}

/* Events go out in journey order across the whole region (date, then
 * recording order): re-importing them replays history as it happened, so
 * each event's checks see the same journeys (a household freed by a
 * link_ended before its next link), and import numbers them in file order,
 * so a second export is identical. */
static int export_event_cmp(const void *a, const void *b)
{
	return journey_event_cmp(*(const struct event_rec *const *)a,
				 *(const struct event_rec *const *)b);
}

static void emit_events(struct writer *w, const struct snapshot *snap)
{
	const struct event_rec **ev = xmalloc((snap->nevents + 1) * sizeof *ev);
	size_t n = 0;
	for (size_t i = 0; i < snap->nevents; i++)
		if (event_exported(snap, &snap->events[i]))
			ev[n++] = &snap->events[i];
	qsort(ev, n, sizeof *ev, export_event_cmp);
	struct row r;
	for (size_t i = 0; i < n; i++) {
		event_row(ev[i], &r);
		emit(w, &r);
	}
	free(ev);
}

int export_write(const struct snapshot *snap, enum migration_file f, enum out_format fmt,
		 FILE *out, struct raa_err *err)
{
	struct writer w = { .f = f, .fmt = fmt, .out = out, .ncols = migration_ncolumns(f) };
	buf_init(&w.line, 0);
	if (fmt == FMT_JSON) {
		w.array = json_array();
	} else {
		for (size_t i = 0; i < w.ncols; i++)
			fprintf(out, "%s%s", i ? "," : "", MIGRATION_COLUMNS[f][i]);
		fputc('\n', out);
	}
	struct row *r = xmalloc(sizeof *r);
	if (f == MIG_CHILDREN) {
		for (size_t i = 0; i < snap->nchildren; i++) {
			child_row(&snap->children[i], r);
			emit(&w, r);
		}
	} else if (f == MIG_ADOPTERS) {
		for (size_t i = 0; i < snap->nadopters; i++) {
			adopter_row(&snap->adopters[i], r);
			emit(&w, r);
		}
	} else {
		emit_events(&w, snap);
	}
	free(r);
	int rc = 0;
	if (fmt == FMT_JSON) {
		rc = json_write(out, w.array);
		json_decref(w.array);
	}
	buf_free(&w.line);
	if (rc < 0 || ferror(out))
		return raa_err_set(err, RAA_EIO, "could not write the export");
	return 0;
}
