/*
 * demo_load: `raa demo`: the synthetic region (domain/demo) written into an
 * empty store through the journal, so every generated event passes the
 * same checks as a real one, plus one demo login per role.
 */
#ifndef RAA_SERVICE_DEMO_LOAD_H
#define RAA_SERVICE_DEMO_LOAD_H

#include <stdint.h>
#include <stdio.h>

#include "domain/demo.h"
#include "store/store.h"

struct demo_login {
	char email[64];
	char role[32];
	char partner[8];
	char password[48];
};

#define DEMO_LOGINS 11

/* Loads the region in one transaction; refuses a store that already holds
 * records. logins[DEMO_LOGINS] receives the accounts created. */
int demo_load(struct store *s, uint64_t seed, raa_day today, struct demo_stats *stats,
	      struct demo_login logins[DEMO_LOGINS], struct raa_err *err);

#endif
