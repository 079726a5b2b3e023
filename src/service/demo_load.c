#include "service/demo_load.h"

#include <string.h>

#include "service/journal.h"
#include "service/users.h"

struct loader {
	struct store *s;
	raa_day today;
};

static const struct store_scope DEMO_SCOPE = { .kind = SCOPE_SYSTEM, .actor = "demo" };

static int sink_partner(void *ctx, const struct partner_rec *p, struct raa_err *err)
{
	struct loader *l = ctx;
	return store_partner_add(l->s, p, err);
}

static int sink_child(void *ctx, const struct child_rec *c, struct raa_err *err)
{
	struct loader *l = ctx;
	return store_child_insert(l->s, &DEMO_SCOPE, c, err);
}

static int sink_adopter(void *ctx, const struct adopter_rec *a, struct raa_err *err)
{
	struct loader *l = ctx;
	return store_adopter_insert(l->s, &DEMO_SCOPE, a, err);
}

static int sink_event(void *ctx, const struct event_rec *e, struct raa_err *err)
{
	struct loader *l = ctx;
	return journal_append(l->s, &DEMO_SCOPE, e, l->today, NULL, NULL, err);
}

/* One login per role; the LA roles belong to the host borough, and a
 * second borough's social worker shows what partner scoping hides. */
static const struct {
	const char *role, *partner, *who;
} DEMO_USERS[DEMO_LOGINS] = {
	{ "admin", NULL, "admin" },
	{ "manager", NULL, "manager" },
	{ "board", NULL, "board" },
	{ "family_finder", NULL, "family.finder" },
	{ "assessment_worker", NULL, "assessment" },
	{ "panel_adviser", NULL, "panel" },
	{ "raa_adm", NULL, "raa.adm" },
	{ "support_worker", NULL, "support" },
	{ "la_social_worker", "210", "sw.southwark" },
	{ "la_adm", "210", "adm.southwark" },
	{ "la_social_worker", "208", "sw.lambeth" },
};

static int add_users(struct store *s, uint64_t seed, struct demo_login *out, struct raa_err *err)
{
	for (int i = 0; i < DEMO_LOGINS; i++) {
		struct demo_login *d = &out[i];
		memset(d, 0, sizeof *d);
		snprintf(d->email, sizeof d->email, "%s@demo.raa.test", DEMO_USERS[i].who);
		snprintf(d->role, sizeof d->role, "%s", DEMO_USERS[i].role);
		snprintf(d->partner, sizeof d->partner, "%s",
			 DEMO_USERS[i].partner ? DEMO_USERS[i].partner : "");
		/* Demo passwords are predictable on purpose: they are printed and
		 * documented, and a demo region holds no real person's data. */
		snprintf(d->password, sizeof d->password, "demo-%s-%llu", DEMO_USERS[i].who,
			 (unsigned long long)seed);
		int rc = user_create(s, d->email, d->role, DEMO_USERS[i].partner, d->password, NULL, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int count_cb(void *ctx, const struct partner_rec *p)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

int demo_load(struct store *s, uint64_t seed, raa_day today, struct demo_stats *stats,
	      struct demo_login logins[DEMO_LOGINS], struct raa_err *err)
{
	int partners = 0;
	int rc = store_partner_list(s, count_cb, &partners, err);
	if (rc < 0)
		return rc;
	if (partners > 0)
		return raa_err_set(err, RAA_ECONFLICT,
				   "the database already holds partners: expected an empty database for the demo region (remove it and run raa init)");
	rc = store_begin(s, err);
	if (rc < 0)
		return rc;
	struct loader l = { .s = s, .today = today };
	struct demo_sink sink = { .ctx = &l, .partner = sink_partner, .child = sink_child,
				  .adopter = sink_adopter, .event = sink_event };
	rc = demo_generate(seed, today, &sink, stats, err);
	if (rc == 0)
		rc = add_users(s, seed, logins, err);
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0)
		store_rollback(s);
	return rc;
}
