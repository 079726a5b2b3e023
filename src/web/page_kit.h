/*
 * page_kit: what every HTML page shares: the request context, the layout
 * (header, navigation, skip link, footer), form bodies, error summaries,
 * the words shown for codes, and reading records for a page.
 *
 * Internal to src/web/page_*.c and pages.c.
 */
#ifndef RAA_WEB_PAGE_KIT_H
#define RAA_WEB_PAGE_KIT_H

#include <stdbool.h>

#include "domain/clocks.h"
#include "service/snapshot.h"
#include "store/store.h"
#include "web/html.h"
#include "web/http.h"
#include "web/session.h"

#define PAGE_SESSION_COOKIE "raa_session"
#define PAGE_LOGIN_COOKIE "raa_login"
#define FORM_FIELDS_MAX 32
#define FORM_ERRORS_MAX 8

struct form {
	const char *name[FORM_FIELDS_MAX];
	const char *value[FORM_FIELDS_MAX];
	int n;
};

struct form_error {
	const char *field;  /* the form field's name */
	const char *anchor; /* id of the input to link to from the summary */
	const char *msg;
};

struct form_errors {
	struct form_error e[FORM_ERRORS_MAX];
	int n;
};

struct page {
	struct web_app *app;
	struct http_req *req;
	struct http_resp *resp;
	struct store *store;
	bool signed_in;
	struct session_info who;
	struct html h;
	struct form form; /* a POST's fields */
	struct partner_rec *partners; /* loaded on first use, in the arena */
	int npartners;
	bool partners_loaded;
};

/* ---- forms ---------------------------------------------------------------- */

/* Parses an application/x-www-form-urlencoded body into the request's
 * arena. -1 when malformed or with more than FORM_FIELDS_MAX fields. */
int form_parse(struct arena *a, const struct buf *body, struct form *out);
/* The field's value, or "" when absent (never NULL). */
const char *form_get(const struct form *f, const char *name);
void form_error_add(struct form_errors *e, const char *field, const char *anchor,
		    const char *msg);
/* The message for a field, or NULL. */
const char *form_error_for(const struct form_errors *e, const char *field);
/* True when the form's csrf field matches the session's token. */
bool page_csrf_ok(const struct page *p);

/* ---- layout --------------------------------------------------------------- */

enum page_nav { NAV_NONE, NAV_HOME, NAV_CHILDREN, NAV_ADOPTERS, NAV_USERS, NAV_MATCHING,
		NAV_PANELS, NAV_PERFORMANCE, NAV_REPORTS };

/* The other page modules: each answers the paths it owns (true) or
 * declines (false). GET and POST both come here; a POST's form is parsed
 * and its CSRF token checked already. */
bool page_match_route(struct page *p);   /* page_match.c: matching and the pool */
bool page_link_route(struct page *p);    /* page_link.c: links and their decisions */
bool page_panel_route(struct page *p);   /* page_panel.c: panels */
bool page_perf_route(struct page *p);    /* page_perf.c: performance dashboard */
bool page_reports_route(struct page *p); /* page_reports.c: reports and downloads */

/* Opens the document up to <main>'s content; "Error: " prefixes the title
 * when errors is non-zero (GOV.UK pattern). */
void page_begin(struct page *p, const char *title, enum page_nav nav, int errors);
/* Closes the document and sets the response's status and type. */
void page_end(struct page *p, int status);
void page_redirect(struct page *p, const char *location);
void page_not_found(struct page *p);
void page_forbidden(struct page *p, const char *why);
void page_unavailable(struct page *p);
/* The GOV.UK error summary, linking each message to its field. */
void page_error_summary(struct page *p, const struct form_errors *e);
/* The hidden CSRF field for a form. */
void page_csrf_field(struct page *p);

/* Opens a GOV.UK form group for the control `name`: the group (marked when
 * err is set), its label, the hint (id NAME-hint) and the error message (id
 * NAME-error). The caller writes the control and closes the group. */
void page_form_group_open(struct page *p, const char *name, const char *label,
			  const char *hint, const char *err);
/* One <option> of a <select>: value and text escaped, `selected` when it
 * is the current choice. */
void page_select_option(struct html *h, const char *value, const char *text, bool selected);
/* <strong class="govuk-tag ...">label</strong> for a status. */
void page_status_tag(struct page *p, enum record_type type, int status);
/* Links to a record page; the id is escaped. */
void page_record_link(struct page *p, enum record_type type, const char *id, const char *text);

/* ---- words ------------------------------------------------------------------ */

const char *label_clock(int kind);
const char *label_event(int kind);
const char *label_child_status(int status);
const char *label_adopter_status(int status);
const char *label_need(int level);
const char *label_contact(int level);
const char *label_role(const char *role);
/* A short name for the i-th harder-to-place reason, for tables. */
const char *label_htp_short(int i);

/* ---- reading records ------------------------------------------------------ */

struct page_reading {
	struct snapshot snap;
	struct clock_settings cs;
	const struct workcal *cal; /* the thread's cached one: not freed */
	raa_day today;
};

/* The caller's scope: whole snapshot (id NULL) or one record. Returns the
 * store's error code (RAA_ENOTFOUND when absent or out of scope). */
int page_reading_open(struct page *p, const char *one_id, struct page_reading *r,
		      struct raa_err *err);
void page_reading_close(struct page_reading *r);
/* The partner's name for a code ("" when unknown), cached per thread. */
const char *page_partner_name(struct page *p, const char *code);

/* ---- the pages (page_*.c) ------------------------------------------------- */

void page_login_get(struct page *p);
void page_login_post(struct page *p);
void page_logout_post(struct page *p);
void page_password_get(struct page *p);  /* GET /account/password */
void page_password_post(struct page *p); /* POST /account/password */
void page_dashboard(struct page *p);
void page_children(struct page *p);
void page_adopters(struct page *p);
void page_child(struct page *p, const char *id);
void page_adopter(struct page *p, const char *id);
void page_record_event_post(struct page *p, enum record_type type, const char *id);
void page_users(struct page *p);
void page_users_post(struct page *p);

#endif
