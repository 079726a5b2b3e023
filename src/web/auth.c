#include "web/auth.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/password.h"
#include "web/api.h"

/* One argon2id computation at a time: each takes 64 MiB (libsodium's
 * interactive limit), so sign-ins arriving together would otherwise push
 * the server past its memory budget. */
static pthread_mutex_t g_argon2 = PTHREAD_MUTEX_INITIALIZER;

void auth_argon2_lock(void)
{
	pthread_mutex_lock(&g_argon2);
}

void auth_argon2_unlock(void)
{
	pthread_mutex_unlock(&g_argon2);
}

const char *auth_refused_message(void)
{
	return "Sign-in failed: check the email address and password. After 5 failed attempts an "
	       "account is locked for 15 minutes.";
}

struct login_user {
	bool found;
	int64_t id;
	char role[32], partner[8], email[256];
	char hash[PASSWORD_HASH_MAX];
	bool disabled;
	int failed;
	char locked_until[32];
};

static int keep_user(void *ctx, const struct user_rec *u)
{
	struct login_user *l = ctx;
	l->found = true;
	l->id = u->id;
	snprintf(l->role, sizeof l->role, "%s", u->role);
	snprintf(l->partner, sizeof l->partner, "%s", u->partner ? u->partner : "");
	snprintf(l->email, sizeof l->email, "%s", u->email);
	snprintf(l->hash, sizeof l->hash, "%s", u->pw_hash);
	l->disabled = u->disabled;
	l->failed = u->failed_logins;
	snprintf(l->locked_until, sizeof l->locked_until, "%s", u->locked_until ? u->locked_until : "");
	return 0;
}

static void iso_time(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Counts a wrong password; the fifth in a row locks the account. */
static void count_failure(struct store *s, const struct login_user *u, time_t now)
{
	struct raa_err err;
	int failed = u->failed + 1;
	char until[32] = "";
	if (failed >= AUTH_MAX_FAILURES)
		iso_time(now + AUTH_LOCK_SECONDS, until);
	store_user_login_state(s, u->id, failed >= AUTH_MAX_FAILURES ? 0 : failed,
			       until[0] ? until : NULL, &err);
}

int auth_login(struct web_app *app, struct store *s, const char *email, const char *password,
	       const char *ip, struct session_info *info, char token[SESSION_TOKEN_HEX])
{
	struct login_user u = { 0 };
	struct raa_err err;
	if (!password || strlen(password) > PASSWORD_MAX_LEN)
		password = "";
	char now_s[32];
	time_t now = time(NULL);
	iso_time(now, now_s);
	/* Reading the failure count, verifying and writing the new count are
	 * one step under the lock: otherwise attempts sent together would all
	 * read the same count and get far more than five guesses. */
	auth_argon2_lock();
	if (email && *email && strlen(email) <= 254)
		store_user_by_email(s, email, keep_user, &u, &err);
	bool locked = u.found && u.locked_until[0] && strcmp(u.locked_until, now_s) > 0;
	/* Always pay for one verification, found or not: timing tells nothing. */
	bool ok = password_verify(u.found ? u.hash : web_dummy_hash(app), password);
	if (u.found && !locked && !ok)
		count_failure(s, &u, now);
	else if (ok && !locked && !u.disabled && (u.failed || u.locked_until[0]))
		store_user_login_state(s, u.id, 0, NULL, &err);
	auth_argon2_unlock();
	if (!u.found || u.disabled || locked || !ok) {
		web_audit(app, email && *email ? email : "(blank)", "login_failed", NULL,
			  locked ? "locked" : u.found ? (u.disabled ? "disabled" : "bad password") : "unknown email",
			  ip);
		return -1;
	}
	*info = (struct session_info){ .user_id = u.id };
	snprintf(info->email, sizeof info->email, "%s", u.email);
	snprintf(info->role, sizeof info->role, "%s", u.role);
	snprintf(info->partner, sizeof info->partner, "%s", u.partner);
	sessions_create(web_sessions(app), info, token);
	web_audit(app, u.email, "login", NULL, NULL, ip);
	return 0;
}

int auth_change_password(struct web_app *app, struct store *s, const struct session_info *who,
			 const char *current, const char *new_password, const char *ip,
			 struct session_info *info, char token[SESSION_TOKEN_HEX], struct raa_err *err)
{
	struct login_user u = { 0 };
	int rc = password_check_policy(new_password, err);
	if (rc < 0)
		return raa_err_set(err, RAA_EINVAL, "new_password: %s", err->msg);
	char hash[PASSWORD_HASH_MAX];
	auth_argon2_lock();
	rc = store_user_by_email(s, who->email, keep_user, &u, err);
	if (rc == 0 && (!u.found || u.disabled || !password_verify(u.hash, current ? current : "")))
		rc = raa_err_set(err, RAA_EFORBIDDEN, "current_password: it does not match your password");
	if (rc == 0)
		rc = password_hash(new_password, hash, err);
	if (rc == 0)
		rc = store_user_set_password(s, u.id, hash, err);
	auth_argon2_unlock();
	web_audit(app, who->email, rc == 0 ? "password_change" : "password_change_failed", NULL, NULL, ip);
	if (rc < 0)
		return rc;
	sessions_delete_user(web_sessions(app), u.id);
	*info = *who;
	sessions_create(web_sessions(app), info, token);
	return 0;
}

static bool in(const char *role, const char *const *roles)
{
	for (; role && *roles; roles++)
		if (strcmp(role, *roles) == 0)
			return true;
	return false;
}

static const char *const CASE_READERS[] = { "la_social_worker", "la_adm", "family_finder",
					    "assessment_worker", "panel_adviser", "raa_adm",
					    "support_worker", "manager", NULL };
static const char *const CHILD_WRITERS[] = { "la_social_worker", "la_adm", "family_finder",
					     "panel_adviser", "manager", NULL };
static const char *const ADOPTER_WRITERS[] = { "assessment_worker", "family_finder",
					       "panel_adviser", "raa_adm", "support_worker",
					       "manager", NULL };

bool auth_reads_cases(const char *role)
{
	return in(role, CASE_READERS);
}

bool auth_writes(const char *role, enum record_type type)
{
	return in(role, type == REC_CHILD ? CHILD_WRITERS : ADOPTER_WRITERS);
}

bool auth_may_record_kind(const char *role, enum record_type type, int kind)
{
	if (type == REC_CHILD && (kind == EV_SHOULD_BE_PLACED || kind == EV_MATCH_DECISION ||
				  kind == EV_PLAN_CHANGED))
		return role && strcmp(role, "la_adm") == 0;
	if (type == REC_ADOPTER && (kind == EV_APPROVED || kind == EV_NOT_APPROVED))
		return role && strcmp(role, "raa_adm") == 0;
	return true;
}

/* Issue #5: only the RAA's family finders, panel advisers and ADMs see the
 * regional pool. LA users see candidates for their own children only (on
 * the child's matching page). */
static const char *const POOL_READERS[] = { "family_finder", "panel_adviser", "raa_adm", NULL };
/* Panels: the adviser runs them; ADMs read the recommendations they decide
 * on; managers oversee. */
static const char *const PANEL_READERS[] = { "panel_adviser", "raa_adm", "la_adm", "manager",
					     NULL };
static const char *const LINKERS[] = { "family_finder", "manager", NULL };
/* Issue #6: performance figures are aggregates: managers and the board. */
static const char *const PERFORMANCE_READERS[] = { "manager", "board", NULL };

bool auth_sees_pool(const char *role)
{
	return in(role, POOL_READERS);
}

bool auth_reads_panels(const char *role)
{
	return in(role, PANEL_READERS);
}

bool auth_runs_panels(const char *role)
{
	return role && strcmp(role, "panel_adviser") == 0;
}

bool auth_links(const char *role)
{
	return in(role, LINKERS);
}

bool auth_sees_performance(const char *role)
{
	return in(role, PERFORMANCE_READERS);
}

bool auth_is_admin(const char *role)
{
	return role && strcmp(role, "admin") == 0;
}
