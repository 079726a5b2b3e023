/* The sign-in page and signing out. */
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
