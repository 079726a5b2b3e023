/*
 * The SSDA903 validation page. A partner's analyst uploads the return's CSV
 * tables (one multipart/form-data POST, within the server's 1 MiB body cap),
 * raa writes them to a fresh temporary directory, runs the same validation
 * as `raa 903 validate`, removes the files and shows the report. The CSV and
 * XLSX forms of that report are kept in memory for 10 minutes under a random
 * id and served to the same session only; nothing of the upload is stored.
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

#include "ssda903/s903_rules.h"
#include "ssda903/xlsx.h"
#include "web/api.h"

#define MP_PARTS_MAX 40   /* files (the return has 12 tables) and fields */
#define MP_NAME_MAX 100
#define SHOW_ERRORS_MAX 500
#define KEEP_SECONDS 600
#define KEEP_MAX 8
#define ID_HEX 33 /* 16 random bytes as hex, NUL */

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
};

static struct kept kept[KEEP_MAX];
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

static void kept_clear(struct kept *k)
{
	buf_free(&k->csv);
	buf_free(&k->xlsx);
	memset(k, 0, sizeof(*k));
}

/* Stores the two reports (taken over) and returns their new id in id. */
static void kept_put(const struct session_info *who, struct buf *csv, struct buf *xlsx,
		     char id[ID_HEX])
{
	unsigned char raw[(ID_HEX - 1) / 2];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(id, ID_HEX, raw, sizeof(raw));
	time_t now = time(NULL);
	pthread_mutex_lock(&kept_lock);
	int slot = 0;
	for (int i = 0; i < KEEP_MAX; i++) {
		if (kept[i].made && now - kept[i].made > KEEP_SECONDS)
			kept_clear(&kept[i]);
		if (kept[i].made < kept[slot].made)
			slot = i; /* the empty or oldest one */
	}
	kept_clear(&kept[slot]);
	struct kept *k = &kept[slot];
	memcpy(k->id, id, ID_HEX);
	k->user_id = who->user_id;
	memcpy(k->csrf, who->csrf, sizeof(k->csrf));
	k->made = now;
	k->csv = *csv;
	k->xlsx = *xlsx;
	pthread_mutex_unlock(&kept_lock);
	buf_init(csv, 0);
	buf_init(xlsx, 0);
}

/* Copies the kept report id (csv or xlsx) of this session into out. */
static bool kept_get(const struct session_info *who, const char *id, bool xlsx, struct buf *out)
{
	bool found = false;
	time_t now = time(NULL);
	pthread_mutex_lock(&kept_lock);
	for (int i = 0; i < KEEP_MAX && !found; i++) {
		struct kept *k = &kept[i];
		if (!k->made || now - k->made > KEEP_SECONDS || strlen(id) != ID_HEX - 1 ||
		    !session_token_equal(k->id, id))
			continue;
		if (k->user_id == who->user_id && session_token_equal(k->csrf, who->csrf)) {
			const struct buf *b = xlsx ? &k->xlsx : &k->csv;
			buf_append(out, b->data ? b->data : "", b->len);
			found = true;
		}
	}
	pthread_mutex_unlock(&kept_lock);
	return found;
}

/* ---- validating an upload -------------------------------------------------- */

/* A file name safe to create in the temporary directory that still says
 * which upload it was: "3-episodes.csv". The reader recognises tables by
 * their columns, so the name only labels messages. */
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
	if (n < 4 || strcasecmp(s + n - 4, ".csv") != 0)
		strcat(s, ".csv");
	return arena_printf(a, "%d-%s", i + 1, s);
}

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
		return raa_err_set(err, RAA_EINVAL, "files: choose the return's CSV files");
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
	html_raw(h, "<label class=\"govuk-label govuk-label--s\" for=\"files\">The return's CSV files</label>"
		    "<div class=\"govuk-hint\" id=\"files-hint\">Choose every table of the return "
		    "(header, episodes, AD1, placed for adoption, ...); tables are recognised by "
		    "their columns. Together at most 1 MB.</div>");
	if (error) {
		html_raw(h, "<p class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, error);
		html_raw(h, "</p>");
	}
	html_raw(h, "<input class=\"govuk-file-upload\" id=\"files\" name=\"files\" type=\"file\" "
		    "multiple accept=\".csv,text/csv\" aria-describedby=\"files-hint\"></div>"
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

static void show_report(struct page *p, const struct upload *u, const char *id)
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
		show_form(p, DEFAULT_YEAR, "The files are larger than 1 MB together: upload "
					   "fewer tables at a time.", 413);
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
	char dir[] = "/tmp/raa903-XXXXXX";
	struct raa_err err;
	int rc;
	s903_return_init(&u.r);
	buf_init(&u.csv, 0);
	buf_init(&u.xlsx, 0);
	if (!mkdtemp(dir))
		rc = raa_err_set(&err, RAA_EIO, "upload: cannot create a temporary directory");
	else {
		rc = validate_in(a, &f, dir, &u, &err);
		remove_dir(dir);
	}
	web_audit(p->app, p->who.email, "ssda903_validate", NULL,
		  arena_printf(a, "year %s, %d files, %s", u.year, u.nfiles,
			       rc < 0 ? "refused" : arena_printf(a, "%zu errors", u.rep.nerrors)),
		  req->client_ip);
	if (rc < 0) {
		show_form(p, u.year, without_dir(a, err.msg, dir), rc == RAA_EIO ? 500 : 422);
	} else {
		char id[ID_HEX];
		kept_put(&p->who, &u.csv, &u.xlsx, id);
		show_report(p, &u, id);
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

bool page_903_route(struct page *p)
{
	const char *path = p->req->path, *method = p->req->method;
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	if (strcmp(path, "/903") == 0 && get)
		show_form(p, DEFAULT_YEAR, NULL, 200);
	else if (strcmp(path, "/903") == 0 && strcmp(method, "POST") == 0)
		upload_post(p);
	else if (strncmp(path, "/903/report/", 12) == 0 && get && !strchr(path + 12, '/'))
		download(p, path + 12);
	else
		return false;
	return true;
}
