/*
 * The SSDA903 validation and import page. A partner's analyst uploads the
 * return's CSV tables or its XML file (one multipart/form-data POST; /903
 * has its own body cap, `raa serve --upload-max`, 64 MiB by default), raa
 * writes them to a fresh temporary directory ($TMPDIR or /tmp, 0700), runs the same
 * validation as `raa 903 validate` and shows the report. The CSV and XLSX
 * forms of that report are kept in memory for 10 minutes under a random id
 * and served to the same session only.
 *
 * Import (docs/ssda903-import.md, "From the page"): when the user may
 * import, the uploaded files stay in their temporary directory under the
 * same id, bound to the session, and are deleted by the import, or when
 * they expire or are evicted; otherwise they are deleted at once. The
 * import re-reads and re-validates those files (nothing of the first
 * request is trusted) and runs the same all-or-nothing s903_import as
 * `raa 903 import`.
 */
#include "web/page_903.h"

#include <dirent.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "service/users.h"
#include "ssda903/import.h"
#include "ssda903/s903_rules.h"
#include "ssda903/xlsx.h"
#include "web/api.h"
#include "web/auth.h"

#define MP_PARTS_MAX 40   /* files (the return has 12 tables) and fields */
#define MP_NAME_MAX 100
#define SHOW_ERRORS_MAX 500
#define KEEP_SECONDS 600
#define KEEP_MAX 8
#define ID_HEX 33 /* 16 random bytes as hex, NUL */
#define DIR_MAX 256

static const char *const years[] = { "2022/23", "2023/24", "2024/25", "2025/26", "2026/27" };
#define DEFAULT_YEAR "2025/26"

/* ---- multipart/form-data ------------------------------------------------- */

struct mp_part {
	const char *name, *filename; /* arena; filename NULL for plain fields */
	const char *data;            /* into the request body */
	size_t len;
};

struct mp_form {
	struct mp_part part[MP_PARTS_MAX];
	int n;
};

/* memmem is a GNU extension; this is the portable one we need. */
static const char *mem_find(const char *hay, size_t n, const char *needle, size_t m)
{
	for (const char *p = hay; m && (size_t)(hay + n - p) >= m; p++) {
		p = memchr(p, needle[0], (size_t)(hay + n - p) - m + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
	}
	return NULL;
}

/* The boundary parameter of a multipart/form-data Content-Type, or NULL. */
static const char *mp_boundary(struct arena *a, const char *ctype)
{
	if (!ctype || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return NULL;
	const char *b = strstr(ctype, "boundary=");
	if (!b)
		return NULL;
	b += 9;
	size_t n = *b == '"' ? strcspn(++b, "\"") : strcspn(b, "; \t");
	return n && n <= 70 ? arena_strndup(a, b, n) : NULL;
}

/* The quoted parameter key="..." of a Content-Disposition, or NULL. */
static const char *mp_param(struct arena *a, const char *hdr, size_t hlen, const char *key)
{
	size_t kl = strlen(key);
	for (const char *p = hdr; p + kl + 2 < hdr + hlen; p++) {
		if ((p == hdr || p[-1] == ' ' || p[-1] == ';') && strncasecmp(p, key, kl) == 0 &&
		    p[kl] == '=' && p[kl + 1] == '"') {
			const char *v = p + kl + 2;
			const char *end = memchr(v, '"', (size_t)(hdr + hlen - v));
			if (!end || end - v > MP_NAME_MAX)
				return NULL;
			return arena_strndup(a, v, (size_t)(end - v));
		}
	}
	return NULL;
}

/* Reads one part's headers [h, h + hlen): its name and file name. */
static int mp_headers(struct arena *a, const char *h, size_t hlen, struct mp_part *part)
{
	part->name = part->filename = NULL;
	while (hlen) {
		const char *eol = mem_find(h, hlen, "\r\n", 2);
		size_t ll = eol ? (size_t)(eol - h) : hlen;
		if (ll > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
			part->name = mp_param(a, h, ll, "name");
			part->filename = mp_param(a, h, ll, "filename");
		}
		if (!eol)
			break;
		hlen -= ll + 2;
		h = eol + 2;
	}
	return part->name ? 0 : -1;
}

/* Splits body into parts (RFC 7578); -1 when it is not well formed or has
 * more than MP_PARTS_MAX parts. */
static int mp_parse(struct arena *a, const char *body, size_t len, const char *boundary,
		    struct mp_form *f)
{
	const char *delim = arena_printf(a, "\r\n--%s", boundary);
	size_t dl = strlen(delim);
	const char *end = body + len;
	/* The first delimiter has no CRLF before it. */
	if (len < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return -1;
	const char *p = body + dl - 2;
	f->n = 0;
	for (;;) {
		if (end - p >= 2 && memcmp(p, "--", 2) == 0)
			return 0; /* the close delimiter */
		if (end - p < 2 || memcmp(p, "\r\n", 2) != 0 || f->n == MP_PARTS_MAX)
			return -1;
		p += 2;
		const char *hend = mem_find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return -1;
		struct mp_part *part = &f->part[f->n];
		if (mp_headers(a, p, (size_t)(hend - p), part) < 0)
			return -1;
		const char *data = hend + 4;
		const char *next = mem_find(data, (size_t)(end - data), delim, dl);
		if (!next)
			return -1;
		part->data = data;
		part->len = (size_t)(next - data);
		f->n++;
		p = next + dl;
	}
}

/* The value of plain field name ("" when absent), NUL-terminated. */
static const char *mp_field(struct arena *a, const struct mp_form *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (!f->part[i].filename && strcmp(f->part[i].name, name) == 0)
			return arena_strndup(a, f->part[i].data, f->part[i].len);
	return "";
}

/* ---- reports kept for download -------------------------------------------- */

struct kept {
	char id[ID_HEX];
	int64_t user_id;
	char csrf[SESSION_TOKEN_HEX]; /* the session's: another session gets 404 */
	time_t made;
	struct buf csv, xlsx;
	char dir[DIR_MAX]; /* the upload, kept for an import; "" when not kept */
	char year[8];
	bool busy;     /* an import is reading dir */
};

static struct kept kept[KEEP_MAX];
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static void kept_clear(struct kept *k)
{
	buf_free(&k->csv);
	buf_free(&k->xlsx);
	if (k->dir[0])
		remove_dir(k->dir);
	memset(k, 0, sizeof(*k));
}

/* Stores the two reports (taken over) and the upload's directory (dir,
 * taken over: removed with the entry; NULL when not kept) and returns
 * their new id in id. */
static void kept_put(const struct session_info *who, struct buf *csv, struct buf *xlsx,
		     const char *dir, const char *year, char id[ID_HEX])
{
	unsigned char raw[(ID_HEX - 1) / 2];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(id, ID_HEX, raw, sizeof(raw));
	time_t now = time(NULL);
	pthread_mutex_lock(&kept_lock);
	int slot = 0;
	for (int i = 0; i < KEEP_MAX; i++) {
		if (kept[i].made && now - kept[i].made > KEEP_SECONDS && !kept[i].busy)
			kept_clear(&kept[i]);
		if (kept[slot].busy || (!kept[i].busy && kept[i].made < kept[slot].made))
			slot = i; /* the empty or oldest one not being imported */
	}
	if (kept[slot].busy) { /* every slot importing: keep nothing */
		pthread_mutex_unlock(&kept_lock);
		if (dir)
			remove_dir(dir);
		id[0] = '\0';
		return;
	}
	kept_clear(&kept[slot]);
	struct kept *k = &kept[slot];
	memcpy(k->id, id, ID_HEX);
	k->user_id = who->user_id;
	memcpy(k->csrf, who->csrf, sizeof(k->csrf));
	k->made = now;
	k->csv = *csv;
	k->xlsx = *xlsx;
	snprintf(k->dir, sizeof k->dir, "%s", dir ? dir : "");
	snprintf(k->year, sizeof k->year, "%s", year);
	pthread_mutex_unlock(&kept_lock);
	buf_init(csv, 0);
	buf_init(xlsx, 0);
}

/* The live entry id of this session (under kept_lock), or NULL. */
static struct kept *kept_find(const struct session_info *who, const char *id)
{
	time_t now = time(NULL);
	if (strlen(id) != ID_HEX - 1)
		return NULL;
	for (int i = 0; i < KEEP_MAX; i++) {
		struct kept *k = &kept[i];
		if (k->made && now - k->made <= KEEP_SECONDS && session_token_equal(k->id, id) &&
		    k->user_id == who->user_id && session_token_equal(k->csrf, who->csrf))
			return k;
	}
	return NULL;
}

/* Copies the kept report id (csv or xlsx) of this session into out. */
static bool kept_get(const struct session_info *who, const char *id, bool xlsx, struct buf *out)
{
	pthread_mutex_lock(&kept_lock);
	struct kept *k = kept_find(who, id);
	if (k) {
		const struct buf *b = xlsx ? &k->xlsx : &k->csv;
		buf_append(out, b->data ? b->data : "", b->len);
	}
	pthread_mutex_unlock(&kept_lock);
	return k != NULL;
}

/* Claims the kept upload id of this session for an import: copies its
 * directory and year out and marks it busy (a second claim fails until
 * kept_release). False when unknown, expired, another session's, not kept
 * or being imported. */
static bool kept_claim(const struct session_info *who, const char *id, char dir[DIR_MAX], char year[8])
{
	pthread_mutex_lock(&kept_lock);
	struct kept *k = kept_find(who, id);
	bool ok = k && k->dir[0] && !k->busy;
	if (ok) {
		memcpy(dir, k->dir, sizeof k->dir);
		memcpy(year, k->year, sizeof k->year);
		k->busy = true;
	}
	pthread_mutex_unlock(&kept_lock);
	return ok;
}

/* Ends a claim: done deletes the upload (imported: never twice), else it
 * stays for another try (refused for its errors). */
static void kept_release(const char *id, bool done)
{
	pthread_mutex_lock(&kept_lock);
	for (int i = 0; i < KEEP_MAX; i++) {
		struct kept *k = &kept[i];
		if (!k->made || !k->busy || strcmp(k->id, id) != 0)
			continue;
		k->busy = false;
		if (done) {
			remove_dir(k->dir);
			k->dir[0] = '\0';
		}
	}
	pthread_mutex_unlock(&kept_lock);
}

/* ---- who may import --------------------------------------------------------- */

/* A return is the LA's record of its children: the LA's own staff who
 * write children (la_adm, la_social_worker) import it for their partner;
 * the RAA's manager may do it for any partner on the LA's behalf. Family
 * finders and other RAA staff validate only. (Defined here, not in
 * auth.c, which this job does not own.) */
static bool may_import_any(const struct session_info *who)
{
	return strcmp(who->role, "manager") == 0 ||
	       (user_role_is_la(who->role) && who->partner[0] && auth_writes(who->role, REC_CHILD));
}

static bool may_import(const struct session_info *who, const char *partner)
{
	if (!may_import_any(who))
		return false;
	return !user_role_is_la(who->role) || strcmp(who->partner, partner) == 0;
}

/* ---- validating an upload -------------------------------------------------- */

/* A file name safe to create in the temporary directory that still says
 * which upload it was: "3-episodes.csv". The reader recognises tables by
 * their columns, so the name only labels messages; an .xml file stays .xml
 * (the XML form), anything else is read as CSV. */
static const char *safe_name(struct arena *a, int i, const char *filename)
{
	char s[64];
	size_t n = 0;
	const char *base = strrchr(filename, '/');
	base = base ? base + 1 : filename;
	const char *bs = strrchr(base, '\\');
	base = bs ? bs + 1 : base;
	for (; *base && n < sizeof(s) - 5; base++)
		s[n++] = (strchr("._-", *base) || (*base >= '0' && *base <= '9') ||
			  ((*base | 32) >= 'a' && (*base | 32) <= 'z'))
				 ? *base : '_';
	s[n] = 0;
	if (n < 4 || (strcasecmp(s + n - 4, ".csv") != 0 && strcasecmp(s + n - 4, ".xml") != 0))
		strcat(s, ".csv");
	return arena_printf(a, "%d-%s", i + 1, s);
}

static int write_file(const char *path, const char *data, size_t len, struct raa_err *err)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		if (f)
			fclose(f);
		return raa_err_set(err, RAA_EIO, "upload: cannot write a temporary file");
	}
	return 0;
}

static int read_file_into(const char *path, struct buf *out, struct raa_err *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!f)
		return raa_err_set(err, RAA_EIO, "xlsx: cannot read back %s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	fclose(f);
	return 0;
}

struct upload {
	const char *year;
	int nfiles;
	struct s903_return r;
	struct s903_report rep;
	struct buf csv, xlsx;
};

/* Writes the files into dir and validates them as `raa 903 validate`. */
static int validate_in(struct arena *a, const struct mp_form *f, const char *dir,
		       struct upload *u, struct raa_err *err)
{
	for (int i = 0; i < f->n; i++) {
		const struct mp_part *part = &f->part[i];
		if (!part->filename || !*part->filename || strcmp(part->name, "files") != 0)
			continue;
		const char *path = arena_printf(a, "%s/%s", dir, safe_name(a, u->nfiles, part->filename));
		int rc = write_file(path, part->data, part->len, err);
		if (rc < 0)
			return rc;
		u->nfiles++;
	}
	if (u->nfiles == 0)
		return raa_err_set(err, RAA_EINVAL, "files: choose the return's CSV files or its XML file");
	int rc = s903_return_set_year(&u->r, u->year, err);
	if (rc == 0)
		rc = s903_read_dir(&u->r, dir, false, err);
	if (rc == 0) {
		s903_finish(&u->r);
		rc = s903_validate(&u->r, &u->rep, err);
	}
	if (rc == 0) {
		s903_report_csv(&u->csv, &u->rep);
		const char *xp = arena_printf(a, "%s/report.xlsx.out", dir);
		rc = s903_xlsx_write(&u->rep, xp, err);
		if (rc == 0)
			rc = read_file_into(xp, &u->xlsx, err);
		unlink(xp);
	}
	return rc;
}

/* Message texts of the reader name the temporary directory: strip it. */
static const char *without_dir(struct arena *a, const char *msg, const char *dir)
{
	struct buf b;
	buf_init(&b, 0);
	size_t dl = strlen(dir);
	for (const char *p = msg; *p;) {
		if (strncmp(p, dir, dl) == 0) {
			p += dl + (p[dl] == '/');
			continue;
		}
		buf_putc(&b, *p++);
	}
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* ---- rendering --------------------------------------------------------------- */

static void year_select(struct html *h, const char *year)
{
	html_raw(h, "<div class=\"govuk-form-group\"><label class=\"govuk-label govuk-label--s\" "
		    "for=\"year\">Collection year</label><select class=\"govuk-select\" id=\"year\" name=\"year\">");
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		html_raw(h, "<option");
		html_attr(h, "value", years[i]);
		if (strcmp(years[i], year) == 0)
			html_raw(h, " selected");
		html_raw(h, ">");
		html_text(h, years[i]);
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></div>");
}

static void upload_form(struct page *p, const char *year, const char *error)
{
	struct html *h = &p->h;
	if (error) {
		struct form_errors e = { 0 };
		form_error_add(&e, "files", "files", error);
		page_error_summary(p, &e);
	}
	html_raw(h, "<form method=\"post\" action=\"/903\" enctype=\"multipart/form-data\" "
		    "data-testid=\"s903-upload\">");
	page_csrf_field(p);
	year_select(h, year);
	html_raw(h, error ? "<div class=\"govuk-form-group govuk-form-group--error\">"
			  : "<div class=\"govuk-form-group\">");
	html_raw(h, "<label class=\"govuk-label govuk-label--s\" for=\"files\">The return's files</label>"
		    "<div class=\"govuk-hint\" id=\"files-hint\">Choose every CSV table of the return "
		    "(header, episodes, AD1, placed for adoption, ...; tables are recognised by "
		    "their columns) or its XML file, with CSV files for tables the XML does not "
		    "hold.</div>");
	if (error) {
		html_raw(h, "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, error);
		html_raw(h, "</p>");
	}
	html_raw(h, "<input class=\"govuk-file-upload\" id=\"files\" name=\"files\" type=\"file\" "
		    "multiple accept=\".csv,.xml,text/csv,text/xml,application/xml\" aria-describedby=\"files-hint\"></div>"
		    "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Validate</button></form>");
}

static void show_form(struct page *p, const char *year, const char *error, int status)
{
	page_begin(p, "Validate an SSDA903 return", NAV_NONE, error ? 1 : 0);
	html_raw(&p->h, "<h1 class=\"govuk-heading-l\">Validate an SSDA903 return</h1>"
			"<p class=\"govuk-body\">raa checks the looked-after-children return with the "
			"DfE's validation rules of the chosen year, as <code>raa 903 validate</code> does. "
			"The files are deleted as soon as they are checked.</p>");
	upload_form(p, year, error);
	page_end(p, status);
}

static void th(struct html *h, const char *text)
{
	html_raw(h, "<th scope=\"col\" class=\"govuk-table__header\">");
	html_text(h, text);
	html_raw(h, "</th>");
}

static void td(struct html *h, const char *text)
{
	html_raw(h, "<td class=\"govuk-table__cell\">");
	html_text(h, text);
	html_raw(h, "</td>");
}

static void summary_table(struct html *h, const struct s903_report *rep)
{
	html_raw(h, "<h2 class=\"govuk-heading-m\">Errors by rule</h2>"
		    "<table class=\"govuk-table raa-table\" data-testid=\"s903-summary\">"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	th(h, "Rule");
	th(h, "Errors");
	th(h, "Message");
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < rep->nerrors;) {
		size_t j = i;
		while (j < rep->nerrors && strcmp(rep->errors[j].rule, rep->errors[i].rule) == 0)
			j++;
		html_raw(h, "<tr class=\"govuk-table__row\"");
		html_attr(h, "data-rule", rep->errors[i].rule);
		html_attrf(h, "data-count", "%zu", j - i);
		html_raw(h, ">");
		td(h, rep->errors[i].rule);
		html_raw(h, "<td class=\"govuk-table__cell\">");
		html_textf(h, "%zu", j - i);
		html_raw(h, "</td>");
		td(h, rep->errors[i].info->message);
		html_raw(h, "</tr>");
		i = j;
	}
	html_raw(h, "</tbody></table>");
}

static const struct s903_error *sort_base;

static int by_child(const void *x, const void *y)
{
	const struct s903_error *a = &sort_base[*(const size_t *)x], *b = &sort_base[*(const size_t *)y];
	int c = strcmp(a->child ? a->child : "", b->child ? b->child : "");
	if (c)
		return c;
	/* errors are in rule order already: keep it on ties */
	return (*(const size_t *)x > *(const size_t *)y) - (*(const size_t *)x < *(const size_t *)y);
}

static void child_table(struct page *p, const struct s903_report *rep)
{
	struct html *h = &p->h;
	size_t *ix = xmalloc(rep->nerrors * sizeof(*ix) + 1);
	for (size_t i = 0; i < rep->nerrors; i++)
		ix[i] = i;
	/* qsort has no context argument; the lock keeps sort_base per call */
	static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&sort_lock);
	sort_base = rep->errors;
	qsort(ix, rep->nerrors, sizeof(*ix), by_child);
	pthread_mutex_unlock(&sort_lock);
	size_t shown = rep->nerrors < SHOW_ERRORS_MAX ? rep->nerrors : SHOW_ERRORS_MAX;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Errors by child</h2>");
	if (shown < rep->nerrors) {
		html_raw(h, "<p class=\"govuk-body\" data-testid=\"s903-more\">");
		html_textf(h, "The first %zu of %zu errors; download the report for all of them.",
			   shown, rep->nerrors);
		html_raw(h, "</p>");
	}
	html_raw(h, "<table class=\"govuk-table raa-table\" data-testid=\"s903-errors\">"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	static const char *const head[] = { "Child", "Rule", "Table", "Row", "Fields", "Message" };
	for (int i = 0; i < 6; i++)
		th(h, head[i]);
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	struct buf f;
	buf_init(&f, 0);
	for (size_t k = 0; k < shown; k++) {
		const struct s903_error *e = &rep->errors[ix[k]];
		s903_error_fields_text(&f, e);
		html_raw(h, "<tr class=\"govuk-table__row\" data-error>");
		td(h, e->child ? e->child : "-");
		td(h, e->rule);
		td(h, s903_tab_name(e->slot));
		html_raw(h, "<td class=\"govuk-table__cell\">");
		html_textf(h, "%d", e->row);
		html_raw(h, "</td>");
		td(h, buf_cstr(&f));
		td(h, e->info->message);
		html_raw(h, "</tr>");
	}
	buf_free(&f);
	free(ix);
	html_raw(h, "</tbody></table>");
}

/* The partners this user may import for (an LA user: their own). */
static void partner_select(struct page *p, const char *chosen)
{
	struct html *h = &p->h;
	page_partner_name(p, NULL); /* loads p->partners */
	html_raw(h, "<select class=\"govuk-select\" id=\"partner\" name=\"partner\">");
	for (int i = 0; i < p->npartners; i++) {
		const char *code = p->partners[i].code;
		if (!may_import(&p->who, code))
			continue;
		html_raw(h, "<option");
		html_attr(h, "value", code);
		if (strcmp(code, chosen) == 0)
			html_raw(h, " selected");
		html_raw(h, ">");
		html_textf(h, "%s (%s)", p->partners[i].name, code);
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></div>");
}

static void import_form(struct page *p, const char *id, const char *partner, bool accept,
			const char *error)
{
	struct html *h = &p->h;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Import into raa</h2><p class=\"govuk-body\">"
		    "Imports the children of this return into the partner's journeys, as "
		    "<code>raa 903 import</code> does: a return with errors is refused unless you "
		    "accept them; then the children with errors in Header, Episodes, AD1 or "
		    "PlacedAdoption are left out and listed. The upload is kept for 10 minutes "
		    "and deleted once imported.</p>"
		    "<form method=\"post\" action=\"/903/import\" data-testid=\"s903-import\">");
	page_csrf_field(p);
	html_raw(h, "<input type=\"hidden\" name=\"id\"");
	html_attr(h, "value", id);
	html_raw(h, ">");
	page_form_group_open(p, "partner", "Partner (the LA whose return it is)", NULL, error);
	partner_select(p, partner);
	html_raw(h, "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes\" "
		    "data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">"
		    "<input class=\"govuk-checkboxes__input\" id=\"accept_errors\" "
		    "name=\"accept_errors\" type=\"checkbox\" value=\"1\"");
	if (accept)
		html_raw(h, " checked");
	html_raw(h, "><label class=\"govuk-label govuk-checkboxes__label\" for=\"accept_errors\">"
		    "Accept the errors and import what is sound</label></div></div></div>"
		    "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Import the return</button></form>");
}

static void show_report(struct page *p, const struct upload *u, const char *id, bool importable)
{
	struct html *h = &p->h;
	page_begin(p, "SSDA903 validation report", NAV_NONE, 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">SSDA903 validation report</h1>"
		    "<p class=\"govuk-body\" data-testid=\"s903-result\"");
	html_attrf(h, "data-errors", "%zu", u->rep.nerrors);
	html_raw(h, ">");
	html_textf(h, "%s: %d files, %zu errors; %zu rules run, %zu skipped (they need reference "
		      "data raa does not have).", u->year, u->nfiles, u->rep.nerrors, u->rep.nrun,
		   u->rep.nskipped);
	html_raw(h, "</p><p class=\"govuk-body\">Download the whole report: <a class=\"govuk-link\" "
		    "data-testid=\"s903-xlsx\"");
	html_attrf(h, "href", "/903/report/%s.xlsx", id);
	html_raw(h, ">XLSX</a> or <a class=\"govuk-link\" data-testid=\"s903-csv\"");
	html_attrf(h, "href", "/903/report/%s.csv", id);
	html_raw(h, ">CSV</a> (kept for 10 minutes).</p>");
	if (u->rep.nerrors) {
		summary_table(h, &u->rep);
		child_table(p, &u->rep);
	}
	if (importable)
		import_form(p, id, "", false, NULL);
	html_raw(h, "<h2 class=\"govuk-heading-m\">Check another return</h2>");
	upload_form(p, u->year, NULL);
	page_end(p, 200);
}

static bool year_known(const char *y)
{
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		if (strcmp(years[i], y) == 0)
			return true;
	return false;
}

static void upload_post(struct page *p)
{
	struct http_req *req = p->req;
	struct arena *a = &req->arena;
	struct mp_form f;
	const char *boundary = mp_boundary(a, http_header(req, "Content-Type"));
	if (req->body_too_large) {
		show_form(p, DEFAULT_YEAR,
			  arena_printf(a, "The files are larger than %zu MB together, the most "
					  "this service takes in one upload (or too many large "
					  "uploads are under way: try again in a minute).",
				       req->body_max / (1024 * 1024)), 413);
		return;
	}
	if (!boundary || mp_parse(a, req->body.data ? req->body.data : "", req->body.len, boundary,
				  &f) < 0) {
		show_form(p, DEFAULT_YEAR, "The upload could not be read. Choose the files again.", 400);
		return;
	}
	/* The CSRF field travels in the multipart body, not a urlencoded one. */
	p->form.n = 1;
	p->form.name[0] = "csrf";
	p->form.value[0] = mp_field(a, &f, "csrf");
	if (!page_csrf_ok(p)) {
		page_forbidden(p, "The form had expired or did not come from this service. "
				  "Go back, reload the page and try again.");
		return;
	}
	struct upload u = { .year = mp_field(a, &f, "year") };
	if (!year_known(u.year)) {
		show_form(p, DEFAULT_YEAR, "Choose a collection year from the list.", 422);
		return;
	}
	/* $TMPDIR when set (and short enough), else /tmp */
	const char *tmp = getenv("TMPDIR");
	char dir[DIR_MAX];
	snprintf(dir, sizeof dir, "%s/raa903-XXXXXX",
		 tmp && *tmp && strlen(tmp) < DIR_MAX - 20 ? tmp : "/tmp");
	struct raa_err err;
	int rc;
	s903_return_init(&u.r);
	buf_init(&u.csv, 0);
	buf_init(&u.xlsx, 0);
	bool made = mkdtemp(dir) != NULL;
	if (!made)
		rc = raa_err_set(&err, RAA_EIO, "upload: cannot create a temporary directory");
	else
		rc = validate_in(a, &f, dir, &u, &err);
	/* kept for an import only when this user may import at all */
	bool keep = made && rc == 0 && may_import_any(&p->who);
	if (made && !keep)
		remove_dir(dir);
	web_audit(p->app, p->who.email, "ssda903_validate", NULL,
		  arena_printf(a, "year %s, %d files, %s", u.year, u.nfiles,
			       rc < 0 ? "refused" : arena_printf(a, "%zu errors", u.rep.nerrors)),
		  req->client_ip);
	if (rc < 0) {
		show_form(p, u.year, without_dir(a, err.msg, dir), rc == RAA_EIO ? 500 : 422);
	} else {
		char id[ID_HEX];
		kept_put(&p->who, &u.csv, &u.xlsx, keep ? dir : NULL, u.year, id);
		show_report(p, &u, id, keep && id[0]);
	}
	buf_free(&u.csv);
	buf_free(&u.xlsx);
	s903_report_free(&u.rep);
	s903_return_free(&u.r);
}

static void download(struct page *p, const char *name)
{
	size_t n = strlen(name);
	bool xlsx = n > 5 && strcmp(name + n - 5, ".xlsx") == 0;
	bool csv = n > 4 && strcmp(name + n - 4, ".csv") == 0;
	const char *id = arena_strndup(&p->req->arena, name, n - (xlsx ? 5 : 4));
	if ((!xlsx && !csv) || !kept_get(&p->who, id, xlsx, &p->resp->body)) {
		page_not_found(p);
		return;
	}
	p->resp->status = 200;
	p->resp->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				     : "text/csv; charset=utf-8";
	http_add_header(p->resp, "Content-Disposition",
			xlsx ? "attachment; filename=\"ssda903-report.xlsx\""
			     : "attachment; filename=\"ssda903-report.csv\"");
	web_audit(p->app, p->who.email, "ssda903_report_download", NULL, xlsx ? "xlsx" : "csv",
		  p->req->client_ip);
}

/* ---- importing a kept upload ------------------------------------------------ */

static void left_out_table(struct html *h, const struct s903_import_result *res)
{
	if (!res->nleft_out)
		return;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Children left out</h2>"
		    "<table class=\"govuk-table raa-table\" data-testid=\"s903-left-out\">"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	th(h, "CHILD");
	th(h, "Why");
	html_raw(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	size_t shown = res->nleft_out < SHOW_ERRORS_MAX ? res->nleft_out : SHOW_ERRORS_MAX;
	for (size_t i = 0; i < shown; i++) {
		html_raw(h, "<tr class=\"govuk-table__row\" data-left-out>");
		td(h, res->left_out[i].child);
		td(h, res->left_out[i].why);
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table>");
}

static void list_section(struct html *h, const char *title, const char *testid,
			 const char *const *items, size_t n)
{
	if (!n)
		return;
	html_raw(h, "<h2 class=\"govuk-heading-m\">");
	html_text(h, title);
	html_raw(h, "</h2><ul class=\"govuk-list govuk-list--bullet\"");
	html_attr(h, "data-testid", testid);
	html_raw(h, ">");
	for (size_t i = 0; i < n && i < SHOW_ERRORS_MAX; i++) {
		html_raw(h, "<li>");
		html_text(h, items[i]);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
}

static void show_imported(struct page *p, const char *partner, const char *year,
			  const struct s903_import_result *res)
{
	struct html *h = &p->h;
	page_begin(p, "SSDA903 return imported", NAV_NONE, 0);
	html_raw(h, "<h1 class=\"govuk-heading-l\">SSDA903 return imported</h1>"
		    "<p class=\"govuk-body\" data-testid=\"s903-imported\"");
	html_attrf(h, "data-created", "%zu", res->created);
	html_attrf(h, "data-matched", "%zu", res->matched);
	html_attrf(h, "data-left-out", "%zu", res->nleft_out);
	html_attrf(h, "data-events", "%zu", res->added_total);
	html_raw(h, ">");
	html_textf(h, "%s, %s: %zu children in the return, %zu new in raa, %zu already in raa, "
		      "%zu left out; %zu events added, %zu already on the journeys, %zu refused "
		      "by the journey rules.", page_partner_name(p, partner), year, res->children,
		   res->created, res->matched, res->nleft_out, res->added_total, res->existing,
		   res->nrefused);
	html_raw(h, "</p>");
	left_out_table(h, res);
	const char **why = xcalloc(res->nrefused + 1, sizeof *why);
	for (size_t i = 0; i < res->nrefused; i++)
		why[i] = arena_printf(&p->req->arena, "CHILD %s: %s", res->refused[i].child,
				      res->refused[i].why);
	list_section(h, "Events refused", "s903-refused", why, res->nrefused);
	free(why);
	list_section(h, "Notes", "s903-notes", res->notes, res->nnotes);
	html_raw(h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children\">"
		    "Children</a> &middot; <a class=\"govuk-link\" href=\"/903\">"
		    "Check another return</a></p>");
	page_end(p, 200);
}

/* Refused (errors not accepted, or a failure): the errors by rule and the
 * import form again, for the same upload while it is kept. */
static void show_import_refused(struct page *p, const char *id, const char *partner,
				bool accept, const char *msg, const struct s903_report *rep)
{
	struct html *h = &p->h;
	page_begin(p, "SSDA903 import refused", NAV_NONE, 1);
	struct form_errors e = { 0 };
	form_error_add(&e, "partner", "partner", msg);
	page_error_summary(p, &e);
	html_raw(h, "<h1 class=\"govuk-heading-l\">SSDA903 import refused</h1>"
		    "<p class=\"govuk-body\" data-testid=\"s903-import-refused\">");
	html_text(h, msg);
	html_raw(h, "</p>");
	if (rep && rep->nerrors)
		summary_table(h, rep);
	import_form(p, id, partner, accept, msg);
	page_end(p, 422);
}

static bool partner_known(struct page *p, const char *code)
{
	page_partner_name(p, NULL);
	for (int i = 0; i < p->npartners; i++)
		if (strcmp(p->partners[i].code, code) == 0)
			return true;
	return false;
}

static void import_post(struct page *p)
{
	struct http_req *req = p->req;
	struct arena *a = &req->arena;
	/* pages.c hands /903 over before reading a form: read it here */
	if (req->body_too_large || form_parse(a, &req->body, &p->form) < 0) {
		page_forbidden(p, "The form could not be read. Go back, reload the page and try again.");
		p->resp->status = 400;
		return;
	}
	if (!page_csrf_ok(p)) {
		page_forbidden(p, "The form had expired or did not come from this service. "
				  "Go back, reload the page and try again.");
		return;
	}
	const char *id = form_get(&p->form, "id"), *partner = form_get(&p->form, "partner");
	bool accept = strcmp(form_get(&p->form, "accept_errors"), "1") == 0;
	if (!may_import_any(&p->who) || (partner_known(p, partner) && !may_import(&p->who, partner))) {
		web_audit(p->app, p->who.email, "ssda903_import", NULL,
			  arena_printf(a, "partner %s: refused, role %s", partner, p->who.role),
			  req->client_ip);
		page_forbidden(p, "Your role does not import SSDA903 returns for this partner: an "
				  "LA's own staff import its return, or the RAA's manager.");
		return;
	}
	char dir[DIR_MAX], year[8];
	if (!kept_claim(&p->who, id, dir, year)) {
		show_form(p, DEFAULT_YEAR, "The upload is no longer kept (10 minutes, one import each, "
					   "for the session that uploaded it): upload the return again.", 410);
		return;
	}
	if (!partner_known(p, partner)) {
		kept_release(id, false);
		show_import_refused(p, id, partner, accept, "Choose the partner from the list.", NULL);
		return;
	}
	struct s903_return r;
	struct s903_report rep = { 0 };
	struct s903_import_result res;
	struct raa_err err;
	struct store_scope sc;
	api_scope(&p->who, &sc);
	struct s903_import_opts o = { .partner = partner, .accept_errors = accept, .today = date_today() };
	s903_return_init(&r);
	s903_import_result_init(&res);
	/* the files again, read and validated afresh */
	int rc = s903_return_set_year(&r, year, &err);
	if (rc == 0)
		rc = s903_read_dir(&r, dir, false, &err);
	if (rc == 0) {
		s903_finish(&r);
		rc = s903_validate(&r, &rep, &err);
	}
	if (rc == 0)
		rc = s903_import(p->store, &sc, &r, &rep, &o, &res, &err);
	kept_release(id, rc == 0);
	web_audit(p->app, p->who.email, "ssda903_import", NULL,
		  rc < 0 ? arena_printf(a, "partner %s, year %s: refused, %zu errors", partner, year,
					rep.nerrors)
			 : arena_printf(a, "partner %s, year %s: %zu children created, %zu matched, "
					   "%zu left out, %zu events added", partner, year, res.created,
					res.matched, res.nleft_out, res.added_total),
		  req->client_ip);
	if (rc == 0)
		show_imported(p, partner, year, &res);
	else if (rep.nerrors && !accept)
		show_import_refused(p, id, partner, accept,
				    arena_printf(a, "The return has %zu errors on %zu children: nothing "
						    "was imported. Correct them, or accept the errors "
						    "to import the children without errors.",
						 rep.nerrors, res.error_children), &rep);
	else
		show_import_refused(p, id, partner, accept, without_dir(a, err.msg, dir), NULL);
	s903_import_result_free(&res);
	s903_report_free(&rep);
	s903_return_free(&r);
}

bool page_903_route(struct page *p)
{
	const char *path = p->req->path, *method = p->req->method;
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	if (strcmp(path, "/903") == 0 && get)
		show_form(p, DEFAULT_YEAR, NULL, 200);
	else if (strcmp(path, "/903") == 0 && strcmp(method, "POST") == 0)
		upload_post(p);
	else if (strcmp(path, "/903/import") == 0 && strcmp(method, "POST") == 0)
		import_post(p);
	else if (strncmp(path, "/903/report/", 12) == 0 && get && !strchr(path + 12, '/'))
		download(p, path + 12);
	else
		return false;
	return true;
}
