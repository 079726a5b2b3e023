/*
 * users: accounts. Roles and their partner rule come from DESIGN.md: the
 * two LA roles belong to one partner, every RAA role to none.
 */
#ifndef RAA_SERVICE_USERS_H
#define RAA_SERVICE_USERS_H

#include <stdbool.h>

#include "store/store.h"

#define USER_ROLE_COUNT 10
extern const char *const USER_ROLES[USER_ROLE_COUNT];

bool user_role_valid(const char *role);
bool user_role_is_la(const char *role); /* la_social_worker, la_adm */

/* Checks the email, role and partner, hashes the password (argon2id) and
 * stores the user. Errors name the field. */
int user_create(struct store *s, const char *email, const char *role, const char *partner,
		const char *password, int64_t *id_out, struct raa_err *err);

#endif
