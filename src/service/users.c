#include "service/users.h"

#include <string.h>
#include <time.h>

#include "core/password.h"
#include "core/str.h"

const char *const USER_ROLES[USER_ROLE_COUNT] = {
	"la_social_worker", "la_adm", "family_finder", "assessment_worker", "panel_adviser",
	"raa_adm", "support_worker", "manager", "board", "admin",
};

bool user_role_valid(const char *role)
{
	for (int i = 0; i < USER_ROLE_COUNT; i++)
		if (role && strcmp(role, USER_ROLES[i]) == 0)
			return true;
	return false;
}

bool user_role_is_la(const char *role)
{
	return role && (strcmp(role, "la_social_worker") == 0 || strcmp(role, "la_adm") == 0);
}

/* Deliberately simple: one '@', something either side, a dot after it,
 * no spaces; the address is proven by use, not by a regular expression. */
static bool email_plausible(const char *e)
{
	const char *at = strchr(e, '@');
	size_t n = strlen(e);
	return n >= 3 && n <= 254 && at && at != e && !strchr(at + 1, '@') &&
	       strchr(at + 1, '.') && !strpbrk(e, " \t\r\n,;<>\"");
}

int user_create(struct store *s, const char *email, const char *role, const char *partner,
		const char *password, int64_t *id_out, struct raa_err *err)
{
	if (str_empty(email) || !email_plausible(email))
		return raa_err_set(err, RAA_EINVAL, "email: value '%s': expected an address like name@council.gov.uk",
				   email ? email : "");
	if (!user_role_valid(role))
		return raa_err_set(err, RAA_EINVAL,
				   "role: value '%s': expected one of la_social_worker, la_adm, family_finder, assessment_worker, panel_adviser, raa_adm, support_worker, manager, board, admin",
				   role ? role : "");
	if (user_role_is_la(role) && str_empty(partner))
		return raa_err_set(err, RAA_EINVAL, "partner: value '': expected the LA code of the user's partner for role %s", role);
	if (!user_role_is_la(role) && !str_empty(partner))
		return raa_err_set(err, RAA_EINVAL, "partner: value '%s': expected none for the RAA-wide role %s", partner, role);
	if (!str_empty(partner)) {
		int ok = store_partner_exists(s, partner, err);
		if (ok < 0)
			return ok;
		if (!ok)
			return raa_err_set(err, RAA_EINVAL, "partner: value '%s': expected the LA code of a partner in raa", partner);
	}
	int rc = password_check_policy(password, err);
	if (rc < 0)
		return rc;
	char hash[PASSWORD_HASH_MAX], stamp[32];
	rc = password_hash(password, hash, err);
	if (rc < 0)
		return rc;
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct user_rec u = { .email = email, .role = role, .partner = str_empty(partner) ? NULL : partner,
			      .pw_hash = hash, .created_at = stamp };
	return store_user_add(s, &u, id_out, err);
}
