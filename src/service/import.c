#include "service/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/csv.h"
#include "core/mem.h"
#include "core/str.h"
#include "service/journal.h"

#define TEXT_MAX 200 /* names, details and other free text */

/* Everything one import needs while it walks the rows. */
struct importer {
	struct store *s;
	const struct store_scope *sc;
	enum migration_file file;
	raa_day today;
	struct import_result *res;
	int col[24];                /* MIGRATION_COLUMNS index -> field index */
	char **partners;            /* known partner codes, for a clear message */
	size_t npartners, partners_cap;
	char stamp[32];             /* recorded_at for this import */
	long file_size;             /* for progress; -1 when unknown */
	/* the current row */
	const struct csv_row *row;
	bool row_bad;
};

void import_result_init(struct import_result *r)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->report, 0);
}

void import_result_free(struct import_result *r)
{
	buf_free(&r->report);
}

static void problem(struct importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct importer *im, const char *fmt, ...)
{
	im->res->errors++;
	im->row_bad = true;
	if (im->res->errors > IMPORT_MAX_REPORTED)
		return;
	char line[RAA_ERR_MSG_MAX + 256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	buf_puts(&im->res->report, line);
	buf_putc(&im->res->report, '\n');
}

/* A field's value by column name ("" when blank). */
static const char *field(const struct importer *im, int column)
{
	return im->row->fields[im->col[column]];
}

static const char *colname(const struct importer *im, int column)
{
	return MIGRATION_COLUMNS[im->file][column];
}

static void bad_value(struct importer *im, int column, const char *expected)
{
	const char *v = field(im, column);
	problem(im, "line %ld, column %s: value '%.80s%s': expected %s", im->row->line,
		colname(im, column), v, strlen(v) > 80 ? "..." : "", expected);
}

static int column_index(enum migration_file f, const char *name)
{
	for (int i = 0; MIGRATION_COLUMNS[f][i]; i++)
		if (strcmp(MIGRATION_COLUMNS[f][i], name) == 0)
			return i;
	return -1;
}

/* The header may list the columns in any order, but every one exactly once. */
static void map_header(struct importer *im, const struct csv_row *h)
{
	size_t n = migration_ncolumns(im->file);
	for (size_t i = 0; i < n; i++)
		im->col[i] = -1;
	for (size_t k = 0; k < h->n; k++) {
		int c = column_index(im->file, h->fields[k]);
		if (c < 0) {
			problem(im, "line %ld, column %zu: value '%.80s': expected one of the %s.csv columns (records.md)",
				h->line, k + 1, h->fields[k], migration_file_name(im->file));
		} else if (im->col[c] >= 0) {
			problem(im, "line %ld, column %zu: value '%s': expected each column once",
				h->line, k + 1, h->fields[k]);
		} else {
			im->col[c] = (int)k;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (im->col[i] < 0)
			problem(im, "line %ld: missing column '%s'", h->line, MIGRATION_COLUMNS[im->file][i]);
}

static int keep_partner(void *ctx, const struct partner_rec *p)
{
	struct importer *im = ctx;
	xgrow((void **)&im->partners, &im->partners_cap, im->npartners + 1, sizeof *im->partners);
	im->partners[im->npartners++] = xstrdup(p->code);
	return 0;
}

static bool partner_known(const struct importer *im, const char *code)
{
	for (size_t i = 0; i < im->npartners; i++)
		if (strcmp(im->partners[i], code) == 0)
			return true;
	return false;
}

/* ---- field parsers: each reports its own problem and returns a default ---- */

static const char *get_id(struct importer *im, int column, bool required)
{
	const char *v = field(im, column);
	if (!*v && !required)
		return NULL;
	if (!record_id_valid(v)) {
		bad_value(im, column, "an id of 1 to 32 letters, digits, '-' or '_'");
		return NULL;
	}
	return v;
}

static const char *get_text(struct importer *im, int column)
{
	const char *v = field(im, column);
	if (strlen(v) > TEXT_MAX) {
		bad_value(im, column, "at most 200 characters");
		return NULL;
	}
	return *v ? v : NULL;
}

static const char *get_partner(struct importer *im, int column)
{
	const char *v = field(im, column);
	if (!partner_known(im, v)) {
		bad_value(im, column, "the LA code of a partner in raa (raa partner list)");
		return NULL;
	}
	if (im->sc->kind == SCOPE_PARTNER && strcmp(v, im->sc->partner) != 0) {
		bad_value(im, column, "your own partner's code");
		return NULL;
	}
	return v;
}

static raa_day get_date(struct importer *im, int column, raa_day not_before, const char *after_what)
{
	const char *v = field(im, column);
	raa_day d;
	if (!*v)
		return DAY_NONE;
	if (date_parse_iso(v, &d) < 0) {
		bad_value(im, column, "a date YYYY-MM-DD");
		return DAY_NONE;
	}
	if (d > im->today) {
		char t[DATE_ISO_LEN], msg[64];
		date_format_iso(im->today, t);
		snprintf(msg, sizeof msg, "a date not after today (%s)", t);
		bad_value(im, column, msg);
		return DAY_NONE;
	}
	if (not_before != DAY_NONE && d < not_before) {
		char t[DATE_ISO_LEN], msg[96];
		date_format_iso(not_before, t);
		snprintf(msg, sizeof msg, "a date on or after the %s (%s)", after_what, t);
		bad_value(im, column, msg);
		return DAY_NONE;
	}
	return d;
}

static int8_t get_need(struct importer *im, int column)
{
	int v = need_level_parse(field(im, column));
	if (v < NEED_UNKNOWN) {
		bad_value(im, column, "none, low, medium, high or blank");
		return NEED_UNKNOWN;
	}
	return (int8_t)v;
}

static int8_t get_contact(struct importer *im, int column)
{
	int v = contact_level_parse(field(im, column));
	if (v < CONTACT_UNKNOWN) {
		bad_value(im, column, "none, letterbox, direct or blank");
		return CONTACT_UNKNOWN;
	}
	return (int8_t)v;
}

static const char *get_ethnicity(struct importer *im, int column, char *upper, size_t n)
{
	const char *v = field(im, column);
	if (!*v)
		return NULL;
	str_upper(upper, n, v);
	if (!ethnicity_valid(upper)) {
		bad_value(im, column, "an SSDA903 ETHNIC code such as WBRI, MWBC, BAFR, or blank");
		return NULL;
	}
	return upper;
}

/* Postcode districts are kept upper-case without spaces ("se15" -> "SE15"). */
static const char *get_district(struct importer *im, int column, char *out, size_t n)
{
	const char *v = field(im, column);
	size_t k = 0;
	for (const char *p = v; *p && k + 1 < n; p++)
		if (*p != ' ')
			out[k++] = (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
	out[k] = '\0';
	if (!*out)
		return NULL;
	/* outward code: 1-2 letters, a digit, then an optional digit or letter */
	size_t i = 0;
	while (i < k && out[i] >= 'A' && out[i] <= 'Z')
		i++;
	bool ok = i >= 1 && i <= 2 && i < k && out[i] >= '0' && out[i] <= '9';
	if (ok && k - i > 2)
		ok = false;
	if (ok && k - i == 2)
		ok = (out[i + 1] >= '0' && out[i + 1] <= '9') || (out[i + 1] >= 'A' && out[i + 1] <= 'Z');
	if (!ok) {
		bad_value(im, column, "a postcode district such as SE15 or CR0");
		return NULL;
	}
	return out;
}

static long get_int(struct importer *im, int column, long min, long max, long dflt)
{
	const char *v = field(im, column);
	long n;
	if (!*v)
		return dflt;
	if (str_to_int(v, min, max, &n) < 0) {
		char msg[64];
		snprintf(msg, sizeof msg, "a whole number from %ld to %ld, or blank", min, max);
		bad_value(im, column, msg);
		return dflt;
	}
	return n;
}

/* ---- writing ---- */

static void write_failed(struct importer *im, int id_column, int rc, const struct raa_err *e)
{
	if (rc == RAA_ECONFLICT)
		bad_value(im, id_column, "an id not already used by a child or household in raa");
	else
		problem(im, "line %ld: %s", im->row->line, e->msg);
}

static void insert_column_events(struct importer *im, const char *id, enum record_type type,
				 const struct migration_date_column *cols, size_t ncols,
				 const raa_day *dates)
{
	for (size_t i = 0; i < ncols && !im->row_bad; i++) {
		if (dates[i] == DAY_NONE)
			continue;
		struct event_rec e = { .record = id, .type = type, .kind = cols[i].kind,
				       .date = dates[i], .origin = ORIGIN_COLUMN,
				       .recorded_by = im->sc->actor, .recorded_at = im->stamp };
		struct raa_err err;
		int rc = store_event_insert(im->s, im->sc, &e, NULL, &err);
		if (rc < 0)
			problem(im, "line %ld: %s", im->row->line, err.msg);
	}
}

enum { C_ID, C_PARTNER, C_LA_ID, C_FIRST, C_LAST, C_SEX, C_DOB, C_ETHNIC, C_SIBLINGS,
       C_DISABILITY, C_HEALTH, C_DEVELOPMENT, C_BEHAVIOUR, C_CONTACT, C_DISTRICT,
       C_ENTERED, C_SBP, C_PO, C_STATUS };

static void import_child_row(struct importer *im)
{
	char ethnic[16], district[16];
	struct child_rec c = { .dob = DAY_NONE, .base_status = CS_NONE,
			       .profile_updated = DAY_NONE };
	c.id = get_id(im, C_ID, true);
	c.partner = get_partner(im, C_PARTNER);
	c.la_child_id = get_text(im, C_LA_ID);
	c.first_name = get_text(im, C_FIRST);
	c.last_name = get_text(im, C_LAST);
	const char *sex = field(im, C_SEX);
	if (*sex && (sex[1] || !strchr("MFU", sex[0])))
		bad_value(im, C_SEX, "M, F, U or blank");
	else
		c.sex = sex[0];
	c.dob = get_date(im, C_DOB, DAY_NONE, NULL);
	c.ethnicity = get_ethnicity(im, C_ETHNIC, ethnic, sizeof ethnic);
	c.sibling_group = get_id(im, C_SIBLINGS, false);
	for (int d = 0; d < NEED_DIMS; d++)
		c.needs[d] = get_need(im, C_DISABILITY + d);
	c.contact = get_contact(im, C_CONTACT);
	c.birth_postcode_district = get_district(im, C_DISTRICT, district, sizeof district);
	raa_day dates[3];
	for (int i = 0; i < 3; i++)
		dates[i] = get_date(im, C_ENTERED + i, c.dob, "date of birth");
	const char *st = field(im, C_STATUS);
	if (*st) {
		c.base_status = child_status_parse(st);
		if (c.base_status == CS_NONE)
			bad_value(im, C_STATUS, "tracking, waiting, linked, matched, placed, adopted, plan_changed, left or blank");
	}
	if (im->row_bad)
		return;
	struct raa_err err;
	int rc = store_child_insert(im->s, im->sc, &c, &err);
	if (rc < 0) {
		write_failed(im, C_ID, rc, &err);
		return;
	}
	insert_column_events(im, c.id, REC_CHILD, CHILD_DATE_COLUMNS, 3, dates);
}

enum { A_ID, A_PARTNER, A_NAME, A_APPLICANTS, A_DISTRICT, A_ENQUIRY, A_STAGE1, A_STAGE2,
       A_APPROVED, A_MIN_AGE, A_MAX_AGE, A_MAX_CHILDREN, A_DISABILITY, A_HEALTH,
       A_DEVELOPMENT, A_BEHAVIOUR, A_CONTACT, A_EP, A_ETHNIC, A_STATUS };

static void import_adopter_row(struct importer *im)
{
	char ethnic[16], district[16];
	struct adopter_rec a = { .base_status = AS_NONE, .early_permanence = -1 };
	a.id = get_id(im, A_ID, true);
	a.partner = get_partner(im, A_PARTNER);
	a.name = get_text(im, A_NAME);
	a.applicants = (int)get_int(im, A_APPLICANTS, 1, 2, 0);
	a.postcode_district = get_district(im, A_DISTRICT, district, sizeof district);
	raa_day dates[4];
	for (int i = 0; i < 4; i++)
		dates[i] = get_date(im, A_ENQUIRY + i, DAY_NONE, NULL);
	a.min_age_months = (int)get_int(im, A_MIN_AGE, 0, 216, -1);
	a.max_age_months = (int)get_int(im, A_MAX_AGE, 0, 216, -1);
	if (a.min_age_months >= 0 && a.max_age_months >= 0 && a.min_age_months > a.max_age_months)
		bad_value(im, A_MAX_AGE, "a number not below min_age_months");
	a.max_children = (int)get_int(im, A_MAX_CHILDREN, 1, 4, 0);
	for (int d = 0; d < NEED_DIMS; d++)
		a.needs[d] = get_need(im, A_DISABILITY + d);
	a.contact = get_contact(im, A_CONTACT);
	const char *ep = field(im, A_EP);
	if (strcmp(ep, "yes") == 0)
		a.early_permanence = 1;
	else if (strcmp(ep, "no") == 0)
		a.early_permanence = 0;
	else if (*ep)
		bad_value(im, A_EP, "yes, no or blank");
	a.ethnicity = get_ethnicity(im, A_ETHNIC, ethnic, sizeof ethnic);
	const char *st = field(im, A_STATUS);
	if (*st) {
		a.base_status = adopter_status_parse(st);
		if (a.base_status == AS_NONE)
			bad_value(im, A_STATUS, "enquiry, stage1, stage2, approved, on_hold, linked, matched, placed, adopted, withdrawn or blank");
	}
	if (im->row_bad)
		return;
	struct raa_err err;
	int rc = store_adopter_insert(im->s, im->sc, &a, &err);
	if (rc < 0) {
		write_failed(im, A_ID, rc, &err);
		return;
	}
	insert_column_events(im, a.id, REC_ADOPTER, ADOPTER_DATE_COLUMNS, 4, dates);
}

enum { E_RECORD, E_KIND, E_DATE, E_ADOPTER, E_DETAIL };

static void import_event_row(struct importer *im)
{
	struct event_rec e = { .recorded_by = im->sc->actor, .recorded_at = im->stamp };
	e.record = get_id(im, E_RECORD, true);
	e.kind = event_kind_parse(field(im, E_KIND));
	if (e.kind == EV_NONE)
		bad_value(im, E_KIND, "an event kind of journeys.md, such as should_be_placed or approved");
	const char *d = field(im, E_DATE);
	if (date_parse_iso(d, &e.date) < 0)
		bad_value(im, E_DATE, "a date YYYY-MM-DD");
	e.adopter = get_id(im, E_ADOPTER, false);
	e.detail = get_text(im, E_DETAIL);
	if (im->row_bad)
		return;
	struct raa_err err;
	enum journal_outcome outcome;
	int rc = journal_append(im->s, im->sc, &e, im->today, &outcome, NULL, &err);
	if (rc == RAA_ENOTFOUND)
		bad_value(im, E_RECORD, "the id of a child or household already in raa");
	else if (rc < 0)
		problem(im, "line %ld, column kind: value '%s': %s", im->row->line,
			field(im, E_KIND), err.msg);
	else if (outcome == JOURNAL_DUPLICATE_OF_MIRROR)
		im->res->duplicates++;
}

static void import_row(struct importer *im)
{
	im->row_bad = false;
	switch (im->file) {
	case MIG_CHILDREN: import_child_row(im); break;
	case MIG_ADOPTERS: import_adopter_row(im); break;
	case MIG_EVENTS: import_event_row(im); break;
	default: break;
	}
	if (!im->row_bad)
		im->res->written++;
}

static void stamp_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int read_rows(struct importer *im, struct csv_reader *r, struct raa_err *err)
{
	struct csv_row row;
	int got = csv_next(r, &row, err);
	if (got <= 0)
		return got < 0 ? RAA_EINVAL
			       : raa_err_set(err, RAA_EINVAL, "the file is empty: expected a header row");
	map_header(im, &row);
	if (im->res->errors)
		return 0;
	while ((got = csv_next(r, &row, err)) > 0) {
		im->row = &row;
		im->res->rows++;
		import_row(im);
		if (im->res->progress && im->res->rows % IMPORT_PROGRESS_EVERY == 0)
			im->res->progress(im->res->progress_ctx, im->res->rows,
					  csv_bytes_read(r), im->file_size);
	}
	im->row = NULL; /* row lives on this stack frame only */
	return got < 0 ? RAA_EINVAL : 0;
}

int import_file(struct store *s, const struct store_scope *sc, enum migration_file f,
		const char *path, raa_day today, struct import_result *res, struct raa_err *err)
{
	struct importer im = { .s = s, .sc = sc, .file = f, .today = today, .res = res };
	stamp_now(im.stamp);
	struct csv_reader *r = NULL;
	bool in_tx = false;
	int rc = store_partner_list(s, keep_partner, &im, err);
	if (rc < 0)
		goto done;
	struct stat st;
	im.file_size = stat(path, &st) == 0 ? (long)st.st_size : -1;
	r = csv_open_file(path, 0, err);
	if (!r) {
		rc = err->code;
		goto done;
	}
	rc = store_begin(s, err);
	if (rc < 0)
		goto done;
	in_tx = true;
	rc = read_rows(&im, r, err);
	if (rc == 0 && res->errors) {
		rc = raa_err_set(err, RAA_EINVAL, "%s: %zu problem%s in %zu rows; nothing was imported",
				 path, res->errors, res->errors == 1 ? "" : "s", res->rows);
	}
	if (rc == 0) {
		rc = store_commit(s, err);
		in_tx = rc < 0;
	}
done:
	if (in_tx) {
		store_rollback(s);
		res->written = 0;
	}
	csv_close(r);
	for (size_t i = 0; i < im.npartners; i++)
		free(im.partners[i]);
	free(im.partners);
	return rc;
}
