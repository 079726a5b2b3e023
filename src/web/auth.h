/*
 * auth: signing in and who may do what, shared by the JSON API and the
 * pages so that both apply one set of rules.
 *
 * auth_login is the whole sign-in: look the user up, pay for one argon2id
 * verification whether or not the email exists, count failures (5 lock the
 * account for 15 minutes), audit the attempt and, on success, create the
 * session. Refusals are indistinguishable to the caller's client.
 *
 * The role predicates mirror DESIGN.md's table: the board sees aggregates
 * only and the administrator accounts only, so neither reads case records;
 * decisions belong to agency decision makers.
 */
#ifndef RAA_WEB_AUTH_H
#define RAA_WEB_AUTH_H

#include <stdbool.h>

#include "domain/records.h"
#include "store/store.h"
#include "web/session.h"

struct web_app;

#define AUTH_MAX_FAILURES 5
#define AUTH_LOCK_SECONDS (15 * 60)

/* 0 and *info / token filled (session created) on success; -1 when the
 * sign-in is refused for any reason (unknown email, wrong password,
 * locked, disabled). The attempt is audited either way. */
int auth_login(struct web_app *app, struct store *s, const char *email, const char *password,
	       const char *ip, struct session_info *info, char token[SESSION_TOKEN_HEX]);

/* Changes the signed-in user's password: the current one must verify, the
 * new one must meet the policy. Every session of the user ends (a stolen
 * cookie dies with the old password) and a fresh one is opened for this
 * client in *info / token. RAA_EFORBIDDEN for a wrong current password,
 * RAA_EINVAL naming new_password for a weak one. Audited either way. */
int auth_change_password(struct web_app *app, struct store *s, const struct session_info *who,
			 const char *current, const char *new_password, const char *ip,
			 struct session_info *info, char token[SESSION_TOKEN_HEX], struct raa_err *err);

/* The one message every refused sign-in shows. */
const char *auth_refused_message(void);

/* Serialises argon2id work (64 MiB each) across the whole server: sign-ins
 * and password hashing for new users take turns. */
void auth_argon2_lock(void);
void auth_argon2_unlock(void);

bool auth_reads_cases(const char *role);
bool auth_writes(const char *role, enum record_type type);
/* Whether this role may record this kind (decisions are the ADMs'). */
bool auth_may_record_kind(const char *role, enum record_type type, int kind);
bool auth_is_admin(const char *role);
bool auth_sees_pool(const char *role);        /* the regional pool and its proposal */
bool auth_reads_panels(const char *role);     /* panel dates, agendas, recommendations */
bool auth_runs_panels(const char *role);      /* panel adviser: members, agendas, minutes */
bool auth_links(const char *role);            /* proposes and ends links */
bool auth_sees_performance(const char *role); /* the performance dashboard (aggregates) */

#endif
