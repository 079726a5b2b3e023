/* Administration: the accounts list and adding a user. */
#include <string.h>

#include "core/password.h"
#include "service/users.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/page_kit.h"

struct user_input {
	const char *email, *role, *partner;
};

static int user_row(void *ctx, const struct user_rec *u)
{
	struct page *p = ctx;
	struct html *h = &p->h;
	html_raw(h, "<tr class=\"govuk-table__row\"");
	html_attr(h, "data-email", u->email);
	html_raw(h, "><th scope=\"row\" class=\"govuk-table__header\">");
	html_text(h, u->email);
	html_raw(h, "</th><td class=\"govuk-table__cell\">");
	html_text(h, label_role(u->role));
	html_raw(h, "</td><td class=\"govuk-table__cell\">");
	html_text(h, u->partner ? page_partner_name(p, u->partner) : "Whole region");
	html_raw(h, "</td><td class=\"govuk-table__cell\">");
	if (u->disabled)
		html_raw(h, "<strong class=\"govuk-tag govuk-tag--grey\">Disabled</strong>");
	else if (u->locked_until)
		html_raw(h, "<strong class=\"govuk-tag govuk-tag--red\">Locked</strong>");
	else
		html_raw(h, "<strong class=\"govuk-tag govuk-tag--green\">Active</strong>");
	html_raw(h, "</td></tr>");
	return 0;
}

static int user_exists(void *ctx, const struct user_rec *u)
{
	(void)ctx;
	(void)u;
	return 0;
}

static void text_field(struct page *p, const struct form_errors *errs, const char *name,
		       const char *label, const char *hint, const char *type, const char *value,
		       const char *autocomplete)
{
	struct html *h = &p->h;
	const char *err = form_error_for(errs, name);
	page_form_group_open(p, name, label, hint, err);
	html_raw(h, "<input");
	html_attr(h, "class", err ? "govuk-input govuk-input--error" : "govuk-input");
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	html_attr(h, "type", type);
	html_attr(h, "autocomplete", autocomplete);
	html_raw(h, " spellcheck=\"false\"");
	if (hint || err)
		html_attr(h, "aria-describedby",
			  arena_printf(&p->req->arena, "%s%s%s%s", hint ? name : "", hint ? "-hint" : "",
				       err ? (hint ? " " : "") : "", err ? arena_printf(&p->req->arena, "%s-error", name) : ""));
	html_attr(h, "value", value);
	html_raw(h, "></div>");
}

static void select_field_open(struct page *p, const struct form_errors *errs, const char *name,
			      const char *label, const char *hint)
{
	struct html *h = &p->h;
	const char *err = form_error_for(errs, name);
	page_form_group_open(p, name, label, hint, err);
	html_raw(h, "<select");
	html_attr(h, "class", err ? "govuk-select govuk-select--error" : "govuk-select");
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	if (err)
		html_attrf(h, "aria-describedby", "%s-error", name);
	html_raw(h, ">");
}

static void render(struct page *p, const struct user_input *in, const struct form_errors *errs,
		   int status)
{
	struct html *h = &p->h;
	page_begin(p, "Users", NAV_USERS, errs->n);
	page_error_summary(p, errs);
	/* Only an account that exists is announced: the query string is not
	 * a way to put words on the page. */
	const char *added = http_query(p->req, "added");
	struct raa_err err;
	if (added && status == 200 && strlen(added) <= 254 &&
	    store_user_by_email(p->store, added, user_exists, NULL, &err) == 0) {
		html_raw(h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
			    "aria-labelledby=\"banner-title\" data-module=\"govuk-notification-banner\">"
			    "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"banner-title\">Success</h2></div>"
			    "<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">User ");
		html_text(h, added);
		html_raw(h, " added</p></div></div>");
	}
	html_raw(h, "<h1 class=\"govuk-heading-l\">Users</h1><table class=\"govuk-table raa-table\" data-testid=\"users\">"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">User accounts</caption>"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Email</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Partner</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Account</th>"
		    "</tr></thead><tbody class=\"govuk-table__body\">");
	page_partner_name(p, NULL);
	store_user_list(p->store, user_row, p, &err);
	html_raw(h, "</tbody></table><div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
		    "<h2 class=\"govuk-heading-m\" id=\"add-user\">Add a user</h2><form method=\"post\" action=\"/admin/users\" novalidate>");
	page_csrf_field(p);
	text_field(p, errs, "email", "Email address", NULL, "email", in->email, "off");
	select_field_open(p, errs, "role", "Role", NULL);
	page_select_option(h, "", "Choose a role", !*in->role);
	for (int i = 0; i < USER_ROLE_COUNT; i++)
		page_select_option(h, USER_ROLES[i], label_role(USER_ROLES[i]),
				   strcmp(in->role, USER_ROLES[i]) == 0);
	html_raw(h, "</select></div>");
	select_field_open(p, errs, "partner", "Partner", "Only for LA social workers and LA decision makers");
	page_select_option(h, "", "None (RAA-wide role)", !*in->partner);
	for (int i = 0; i < p->npartners; i++)
		page_select_option(h, p->partners[i].code, p->partners[i].name,
				   strcmp(in->partner, p->partners[i].code) == 0);
	html_raw(h, "</select></div>");
	text_field(p, errs, "password", "Initial password",
		   "At least 10 characters. Give it to the user in person or by phone.", "password", "",
		   "new-password");
	html_raw(h, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Add user</button></form></div></div>");
	page_end(p, status);
}

void page_users(struct page *p)
{
	struct user_input in = { "", "", "" };
	struct form_errors errs = { 0 };
	render(p, &in, &errs, 200);
}

void page_users_post(struct page *p)
{
	struct user_input in = { form_get(&p->form, "email"), form_get(&p->form, "role"),
				 form_get(&p->form, "partner") };
	const char *password = form_get(&p->form, "password");
	struct form_errors errs = { 0 };
	if (strlen(in.email) > 254)
		form_error_add(&errs, "email", NULL, "Email address must be 254 characters or fewer");
	if (strlen(password) > PASSWORD_MAX_LEN)
		form_error_add(&errs, "password", NULL, "Password must be 256 characters or fewer");
	if (errs.n == 0) {
		struct raa_err err;
		auth_argon2_lock();
		int rc = user_create(p->store, in.email, in.role, in.partner, password, NULL, &err);
		auth_argon2_unlock();
		if (rc < 0) {
			const char *field = strncmp(err.msg, "email", 5) == 0 ? "email"
					  : strncmp(err.msg, "role", 4) == 0 ? "role"
					  : strncmp(err.msg, "partner", 7) == 0 ? "partner"
					  : strncmp(err.msg, "password", 8) == 0 ? "password" : "email";
			form_error_add(&errs, field, NULL, arena_strdup(&p->req->arena, err.msg));
		}
	}
	if (errs.n) {
		render(p, &in, &errs, 422);
		return;
	}
	web_audit(p->app, p->who.email, "user_add", NULL, in.email, p->req->client_ip);
	page_redirect(p, arena_printf(&p->req->arena, "/admin/users?added=%s",
				      html_url_encode(&p->req->arena, in.email)));
}
