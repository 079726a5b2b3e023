#include "service/demo_load.h"

#include <string.h>

#include "service/journal.h"
#include "service/snapshot.h"
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

/* The region's panel: enough members for a quorum, and the next panel
 * with an agenda drawn from the generated journeys (a household in Stage 2
 * for approval, an open link for its match, a child whose plan is being
 * decided), so the panel pages have something to show. */
static const struct {
	const char *name, *role, *chair;
	int years; /* post-qualifying experience, social workers; 0 otherwise */
} DEMO_PANEL[] = {
	{ "Avery Okafor", "independent", "chair", 0 },
	{ "Morgan Hale", "social_worker", "vice_chair", 12 },
	{ "Priya Nair", "social_worker", NULL, 6 },
	{ "Dr Sam Whitfield", "medical_adviser", NULL, 0 },
	{ "Jordan Reyes", "independent", NULL, 0 },
	{ "Casey Lin", "independent", NULL, 0 },
	{ "Robin Adeyemi", "social_worker", NULL, 2 },
};

struct agenda {
	const char *stage2, *linked_child, *linked_adopter, *tracking;
};

static void pick_agenda(const struct snapshot *sn, raa_day today, struct agenda *a)
{
	for (size_t i = 0; i < sn->nadopters && !a->stage2; i++)
		if (journey_status(&sn->adopters[i].j, today) == AS_STAGE2)
			a->stage2 = sn->adopters[i].rec.id;
	for (size_t i = 0; i < sn->nchildren; i++) {
		const struct snap_child *c = &sn->children[i];
		int st = journey_status(&c->j, today);
		const struct event_rec *l = journey_last(&c->j, EV_LINKED, today);
		if (!a->linked_child && st == CS_LINKED && l && l->adopter &&
		    c->sibling_group_size == 1) {
			a->linked_child = c->rec.id;
			a->linked_adopter = l->adopter;
		}
		if (!a->tracking && st == CS_TRACKING)
			a->tracking = c->rec.id;
	}
}

static int add_panel_items(struct store *s, int64_t panel, const struct agenda *a,
			   struct raa_err *err)
{
	const char *const child[] = { a->linked_child }, *const tracking[] = { a->tracking };
	const struct panel_item_rec items[] = {
		{ .kind = "approval", .adopter = a->stage2,
		  .papers = "Prospective adopter's report (PAR)\nMedical reports\nReferences" },
		{ .kind = "match", .adopter = a->linked_adopter, .children = child,
		  .nchildren = 1,
		  .papers = "Child's permanence report (CPR)\nAdoption placement report (APR)" },
		{ .kind = "should_be_placed", .children = tracking, .nchildren = 1,
		  .papers = "Child's permanence report (CPR)\nBirth parents' consent" },
	};
	bool have[] = { a->stage2, a->linked_child, a->tracking };
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		struct panel_item_rec it = items[i];
		it.panel = panel;
		int64_t id;
		if (have[i] && store_panel_item_add(s, &it, &id, err) < 0)
			return -1;
	}
	return 0;
}

static int add_panel(struct store *s, raa_day today, struct raa_err *err)
{
	for (size_t i = 0; i < sizeof DEMO_PANEL / sizeof DEMO_PANEL[0]; i++) {
		struct panel_member_rec m = {
			.name = DEMO_PANEL[i].name, .role = DEMO_PANEL[i].role,
			.chair = DEMO_PANEL[i].chair, .active = true,
			.qualified = DEMO_PANEL[i].years ? date_add_months(today, -12 * DEMO_PANEL[i].years)
							 : DAY_NONE,
		};
		int64_t id;
		if (store_panel_member_add(s, &m, &id, err) < 0)
			return -1;
	}
	raa_day date = today + 7;
	while (date_weekday(date) != 3) /* panels sit on Thursdays */
		date++;
	int64_t panel;
	struct panel_rec p = { .date = date, .name = "Adoption panel", .location = "Southwark, Tooley Street" };
	struct snapshot sn;
	if (store_panel_add(s, &p, &panel, err) < 0 || snapshot_load(s, &STORE_SYSTEM, &sn, err) < 0)
		return -1;
	struct agenda a = { 0 };
	pick_agenda(&sn, today, &a);
	int rc = add_panel_items(s, panel, &a, err);
	snapshot_free(&sn);
	return rc;
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
		rc = add_panel(s, today, err);
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0)
		store_rollback(s);
	return rc;
}
