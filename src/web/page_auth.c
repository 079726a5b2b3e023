/* The sign-in page, signing out, and changing one's own password. */
#include <stdio.h>
#include <string.h>

#include "core/password.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

#define LOGIN_TOKEN_BYTES 16
#define LOGIN_TOKEN_SECONDS 1800

static const char *cookie_attrs(const struct page *p)
{
	return p->req->tls ? "; HttpOnly; SameSite=Strict; Secure" : "; HttpOnly; SameSite=Strict";
}

/* There is no session before sign-in, so the form carries its own token,
 * echoed by a short-lived cookie: a form posted from elsewhere has neither
 * (SameSite=Strict keeps the cookie off cross-site posts). */
static void login_form(struct page *p, const char *email, const char *error, int status)
{
	char token[2 * LOGIN_TOKEN_BYTES + 1];
	password_random_hex(token, LOGIN_TOKEN_BYTES);
	http_add_header(p->resp, "Set-Cookie",
			arena_printf(&p->req->arena, "%s=%s; Path=/login; Max-Age=%d%s", PAGE_LOGIN_COOKIE,
				     token, LOGIN_TOKEN_SECONDS, cookie_attrs(p)));
	struct form_errors errs = { 0 };
	if (error)
		form_error_add(&errs, "email", "email", error);
	struct html *h = &p->h;
	page_begin(p, "Sign in", NAV_NONE, errs.n);
	html_raw(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_error_summary(p, &errs);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Sign in</h1>"
		    "<p class=\"govuk-body\">Use the email address and password your administrator gave you.</p>"
		    "<form method=\"post\" action=\"/login\" novalidate>"
		    "<input type=\"hidden\" name=\"login_token\"");
	html_attr(h, "value", token);
	html_raw(h, ">");
	html_raw(h, error ? "<div class=\"govuk-form-group govuk-form-group--error\">"
			  : "<div class=\"govuk-form-group\">");
	html_raw(h, "<label class=\"govuk-label\" for=\"email\">Email address</label>");
	if (error) {
		html_raw(h, "<p id=\"email-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, error);
		html_raw(h, "</p>");
	}
	html_raw(h, error ? "<input class=\"govuk-input govuk-input--error\" aria-describedby=\"email-error\""
			  : "<input class=\"govuk-input\"");
	html_raw(h, " id=\"email\" name=\"email\" type=\"email\" spellcheck=\"false\" autocomplete=\"username\"");
	html_attr(h, "value", email ? email : "");
	html_raw(h, "></div><div class=\"govuk-form-group\">"
		    "<label class=\"govuk-label\" for=\"password\">Password</label>"
		    "<input class=\"govuk-input govuk-!-width-two-thirds\" id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">"
		    "</div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button>"
		    "</form></div></div>");
	page_end(p, status);
}

void page_login_get(struct page *p)
{
	login_form(p, NULL, NULL, 200);
}

void page_login_post(struct page *p)
{
	const char *email = form_get(&p->form, "email");
	const char *password = form_get(&p->form, "password");
	const char *field = form_get(&p->form, "login_token");
	const char *cookie = http_cookie(p->req, PAGE_LOGIN_COOKIE);
	if (!cookie || !*field || !session_token_equal(cookie, field)) {
		login_form(p, email, "Your sign-in form had expired. Enter your email address and password again.", 400);
		return;
	}
	if (!*email || !*password) {
		login_form(p, email, "Enter your email address and password", 422);
		return;
	}
	struct session_info info;
	char token[SESSION_TOKEN_HEX];
	if (auth_login(p->app, p->store, email, password, p->req->client_ip, &info, token) < 0) {
		login_form(p, email, auth_refused_message(), 401);
		return;
	}
	http_add_header(p->resp, "Set-Cookie",
			arena_printf(&p->req->arena, "%s=%s; Path=/%s", PAGE_SESSION_COOKIE, token,
				     cookie_attrs(p)));
	http_add_header(p->resp, "Set-Cookie",
			arena_printf(&p->req->arena, "%s=; Path=/login; Max-Age=0%s", PAGE_LOGIN_COOKIE,
				     cookie_attrs(p)));
	page_redirect(p, "/");
}

void page_logout_post(struct page *p)
{
	sessions_delete(web_sessions(p->app), http_cookie(p->req, PAGE_SESSION_COOKIE));
	web_audit(p->app, p->who.email, "logout", NULL, NULL, p->req->client_ip);
	http_add_header(p->resp, "Set-Cookie",
			arena_printf(&p->req->arena, "%s=; Path=/; Max-Age=0%s", PAGE_SESSION_COOKIE,
				     cookie_attrs(p)));
	page_redirect(p, "/login");
}

/* ---- changing one's own password ---------------------------------------- */

static void password_input(struct page *p, const struct form_errors *errs, const char *name,
			   const char *label, const char *hint, const char *autocomplete)
{
	struct html *h = &p->h;
	const char *err = form_error_for(errs, name);
	page_form_group_open(p, name, label, hint, err);
	html_raw(h, err ? "<input class=\"govuk-input govuk-input--error govuk-!-width-two-thirds\""
			: "<input class=\"govuk-input govuk-!-width-two-thirds\"");
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	html_raw(h, " type=\"password\"");
	html_attr(h, "autocomplete", autocomplete);
	if (hint && err)
		html_attrf(h, "aria-describedby", "%s-hint %s-error", name, name);
	else if (hint || err)
		html_attrf(h, "aria-describedby", "%s-%s", name, hint ? "hint" : "error");
	html_raw(h, "></div>");
}

static void password_form(struct page *p, const struct form_errors *errs, int status)
{
	struct html *h = &p->h;
	page_begin(p, "Change your password", NAV_NONE, errs->n);
	html_raw(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	page_error_summary(p, errs);
	html_raw(h, "<h1 class=\"govuk-heading-l\">Change your password</h1>"
		    "<p class=\"govuk-body\">Changing it signs you out everywhere else: any other "
		    "browser or device you used will have to sign in again.</p>"
		    "<form method=\"post\" action=\"/account/password\" novalidate data-testid=\"form-password\">");
	page_csrf_field(p);
	password_input(p, errs, "current_password", "Current password", NULL, "current-password");
	password_input(p, errs, "new_password", "New password",
		       "At least 10 characters. A few unrelated words make a strong one.",
		       "new-password");
	password_input(p, errs, "confirm_password", "New password again", NULL, "new-password");
	html_raw(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">"
		    "Change password</button></form></div></div>");
	page_end(p, status);
}

void page_password_get(struct page *p)
{
	struct form_errors errs = { 0 };
	password_form(p, &errs, 200);
}

void page_password_post(struct page *p)
{
	const char *current = form_get(&p->form, "current_password");
	const char *fresh = form_get(&p->form, "new_password");
	const char *again = form_get(&p->form, "confirm_password");
	struct form_errors errs = { 0 };
	if (!*current)
		form_error_add(&errs, "current_password", "current_password", "Enter your current password");
	if (!*fresh)
		form_error_add(&errs, "new_password", "new_password", "Enter a new password");
	else if (strcmp(fresh, again) != 0)
		form_error_add(&errs, "confirm_password", "confirm_password",
			       "The two new passwords are not the same: type the new one twice");
	struct session_info info;
	char token[SESSION_TOKEN_HEX];
	struct raa_err err;
	if (errs.n == 0 && auth_change_password(p->app, p->store, &p->who, current, fresh,
						p->req->client_ip, &info, token, &err) < 0) {
		bool wrong = err.code == RAA_EFORBIDDEN;
		form_error_add(&errs, wrong ? "current_password" : "new_password",
			       wrong ? "current_password" : "new_password",
			       wrong ? "Your current password is not right" : err.msg);
	}
	if (errs.n) {
		password_form(p, &errs, 422);
		return;
	}
	/* every session of the account ended: this browser gets the fresh one */
	http_add_header(p->resp, "Set-Cookie",
			arena_printf(&p->req->arena, "%s=%s; Path=/%s", PAGE_SESSION_COOKIE, token,
				     cookie_attrs(p)));
	p->who = info;
	struct html *h = &p->h;
	page_begin(p, "Password changed", NAV_NONE, 0);
	html_raw(h, "<div class=\"govuk-panel govuk-panel--confirmation\" data-testid=\"password-changed\">"
		    "<h1 class=\"govuk-panel__title\">Password changed</h1>"
		    "<div class=\"govuk-panel__body\">You are still signed in here; everywhere else "
		    "you have been signed out.</div></div>"
		    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Back to the dashboard</a></p>");
	page_end(p, 200);
}
