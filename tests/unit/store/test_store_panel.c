/*
 * store_panel over a real SQLite file: members, panels, attendance, items
 * with their children, scoping of items for a partner, the
 * recommendation written once, and the corrections: a member rewritten,
 * attendance removed, an item's papers replaced and the item removed only
 * while it has no recommendation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/store_int.h"
#include "../fixture_store.h"

static const struct store_scope KENT = { .kind = SCOPE_PARTNER, .partner = "886",
					 .actor = "adm@kent" };
static const struct store_scope MEDWAY = { .kind = SCOPE_PARTNER, .partner = "887",
					   .actor = "adm@medway" };
static const struct store_scope REGION = { .kind = SCOPE_REGION, .actor = "pa@raa" };

/* Kent's children C1, C2 and household A1; Medway's household A2. */
static int setup(void **state)
{
	struct fixture_store *f = xcalloc(1, sizeof *f);
	if (fixture_store_open(f, "panel") < 0)
		return -1;
	struct partner_rec p[] = { { .code = "886", .name = "Kent", .host = true },
				   { .code = "887", .name = "Medway" } };
	for (size_t i = 0; i < 2; i++)
		if (store_partner_add(f->s, &p[i], &f->err) < 0)
			return -1;
	struct child_rec c1 = fixture_child("C1", "886"), c2 = fixture_child("C2", "886");
	struct adopter_rec a1 = fixture_adopter("A1", "886"), a2 = fixture_adopter("A2", "887");
	if (store_child_insert(f->s, &STORE_SYSTEM, &c1, &f->err) < 0 ||
	    store_child_insert(f->s, &STORE_SYSTEM, &c2, &f->err) < 0 ||
	    store_adopter_insert(f->s, &STORE_SYSTEM, &a1, &f->err) < 0 ||
	    store_adopter_insert(f->s, &STORE_SYSTEM, &a2, &f->err) < 0)
		return -1;
	*state = f;
	return 0;
}

struct seen {
	char s[16][64];
	int n;
};

static int seen_member(void *ctx, const struct panel_member_rec *m)
{
	struct seen *s = ctx;
	char iso[DATE_ISO_LEN];
	date_format_iso(m->qualified, iso);
	snprintf(s->s[s->n++], 64, "%s|%s|%s|%s|%d", m->name, m->role, m->chair ? m->chair : "-",
		 iso, m->active);
	return 0;
}

static int seen_panel(void *ctx, const struct panel_rec *p)
{
	struct seen *s = ctx;
	char iso[DATE_ISO_LEN];
	date_format_iso(p->date, iso);
	snprintf(s->s[s->n++], 64, "%lld|%s|%s|%s", (long long)p->id, iso, p->name ? p->name : "-",
		 p->minutes ? p->minutes : "-");
	return 0;
}

static int seen_attendee(void *ctx, int64_t member)
{
	struct seen *s = ctx;
	snprintf(s->s[s->n++], 64, "%lld", (long long)member);
	return 0;
}

static int seen_item(void *ctx, const struct panel_item_rec *it)
{
	struct seen *s = ctx;
	int len = snprintf(s->s[s->n], 64, "%lld|%s|%s|", (long long)it->id, it->kind,
			   it->adopter ? it->adopter : "-");
	for (size_t i = 0; i < it->nchildren; i++)
		len += snprintf(s->s[s->n] + len, (size_t)(64 - len), "%s,", it->children[i]);
	snprintf(s->s[s->n] + len, (size_t)(64 - len), "|%s",
		 it->recommendation ? it->recommendation : "-");
	s->n++;
	return 0;
}

static void test_members(void **state)
{
	struct fixture_store *f = *state;
	int64_t id = 0;
	struct seen s = { 0 };
	struct panel_member_rec m = { .name = "Pat", .role = "independent", .chair = "chair",
				      .qualified = DAY_NONE, .active = true };
	assert_int_equal(store_panel_member_add(f->s, &m, &id, &f->err), 0);
	assert_int_equal(id, 1);
	m = (struct panel_member_rec){ .name = "Sue", .role = "social_worker",
				       .qualified = fixture_day("2021-05-02"), .active = true };
	assert_int_equal(store_panel_member_add(f->s, &m, &id, &f->err), 0);
	/* the database itself refuses a seat outside the list */
	m.role = "nurse";
	assert_int_equal(store_panel_member_add(f->s, &m, &id, &f->err), RAA_EINVAL);
	assert_int_equal(store_panel_member_set_active(f->s, 2, false, &f->err), 0);
	assert_int_equal(store_panel_member_set_active(f->s, 9, false, &f->err), RAA_ENOTFOUND);
	assert_int_equal(store_panel_member_list(f->s, seen_member, &s, &f->err), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.s[0], "Pat|independent|chair||1");
	assert_string_equal(s.s[1], "Sue|social_worker|-|2021-05-02|0");
}

static void test_panels_and_attendance(void **state)
{
	struct fixture_store *f = *state;
	int64_t id = 0;
	struct seen s = { 0 };
	struct panel_member_rec m = { .name = "Pat", .role = "other", .qualified = DAY_NONE,
				      .active = true };
	assert_int_equal(store_panel_member_add(f->s, &m, NULL, &f->err), 0);
	struct panel_rec p = { .date = fixture_day("2024-06-06"), .name = "June" };
	assert_int_equal(store_panel_add(f->s, &p, &id, &f->err), 0);
	p = (struct panel_rec){ .date = fixture_day("2024-05-02"), .name = "May" };
	assert_int_equal(store_panel_add(f->s, &p, &id, &f->err), 0);
	assert_int_equal(id, 2);
	assert_int_equal(store_panel_set_minutes(f->s, 2, "Heard.", &f->err), 0);
	assert_int_equal(store_panel_set_minutes(f->s, 5, "x", &f->err), RAA_ENOTFOUND);
	assert_int_equal(store_panel_list(f->s, seen_panel, &s, &f->err), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.s[0], "2|2024-05-02|May|Heard."); /* by date */
	assert_string_equal(s.s[1], "1|2024-06-06|June|-");
	assert_int_equal(store_panel_get(f->s, 7, seen_panel, &s, &f->err), RAA_ENOTFOUND);

	assert_int_equal(store_panel_attend(f->s, 2, 1, &f->err), 0);
	assert_int_equal(store_panel_attend(f->s, 2, 1, &f->err), 0); /* twice: once */
	assert_int_equal(store_panel_attend(f->s, 2, 42, &f->err), RAA_EINVAL); /* no member */
	s.n = 0;
	assert_int_equal(store_panel_attendance(f->s, 2, seen_attendee, &s, &f->err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.s[0], "1");
}

static void add_items(struct fixture_store *f)
{
	struct panel_rec p = { .date = fixture_day("2024-05-02") };
	assert_int_equal(store_panel_add(f->s, &p, NULL, &f->err), 0);
	const char *unit[] = { "C2", "C1" };
	struct panel_item_rec items[] = {
		{ .panel = 1, .kind = "approval", .adopter = "A1", .papers = "PAR\nMedical" },
		{ .panel = 1, .kind = "match", .adopter = "A2", .children = unit, .nchildren = 2 },
		{ .panel = 1, .kind = "approval", .adopter = "A2" },
	};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(store_panel_item_add(f->s, &items[i], NULL, &f->err), 0);
}

static void test_items_scoped(void **state)
{
	struct fixture_store *f = *state;
	struct seen s = { 0 };
	add_items(f);
	assert_int_equal(store_panel_item_list(f->s, &REGION, 1, seen_item, &s, &f->err), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.s[0], "1|approval|A1||-");
	assert_string_equal(s.s[1], "2|match|A2|C1,C2,|-");
	/* Kent: its household's approval and the match of its children with
	 * Medway's household; not Medway's own approval. */
	s.n = 0;
	assert_int_equal(store_panel_item_list(f->s, &KENT, 1, seen_item, &s, &f->err), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.s[1], "2|match|A2|C1,C2,|-");
	/* Medway: only its approval item (the match is Kent's children's) */
	s.n = 0;
	assert_int_equal(store_panel_item_list(f->s, &MEDWAY, 0, seen_item, &s, &f->err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.s[0], "3|approval|A2||-");
	assert_int_equal(store_panel_item_get(f->s, &MEDWAY, 2, seen_item, &s, &f->err),
			 RAA_ENOTFOUND);
	/* a partner scope without a partner sees nothing */
	struct store_scope none = { .kind = SCOPE_PARTNER };
	s.n = 0;
	assert_int_equal(store_panel_item_list(f->s, &none, 1, seen_item, &s, &f->err), 0);
	assert_int_equal(s.n, 0);
	/* an unknown child is refused by the database */
	const char *ghost[] = { "C9" };
	struct panel_item_rec bad = { .panel = 1, .kind = "should_be_placed", .children = ghost,
				      .nchildren = 1 };
	assert_int_equal(store_begin(f->s, &f->err), 0);
	assert_int_equal(store_panel_item_add(f->s, &bad, NULL, &f->err), RAA_EINVAL);
	store_rollback(f->s);
}

static void test_recommend_once(void **state)
{
	struct fixture_store *f = *state;
	struct seen s = { 0 };
	add_items(f);
	assert_int_equal(store_panel_item_recommend(f->s, 2, "yes", "Good", "pa", &f->err), 0);
	assert_int_equal(store_panel_item_recommend(f->s, 2, "no", "Changed", "pa", &f->err),
			 RAA_ECONFLICT);
	assert_int_equal(store_panel_item_recommend(f->s, 1, "perhaps", "x", "pa", &f->err),
			 RAA_EINVAL);
	assert_int_equal(store_panel_item_get(f->s, &KENT, 2, seen_item, &s, &f->err), 0);
	assert_string_equal(s.s[0], "2|match|A2|C1,C2,|yes");
}

static void test_member_update(void **state)
{
	struct fixture_store *f = *state;
	struct seen s = { 0 };
	struct panel_member_rec m = { .name = "Sue", .role = "social_worker",
				      .qualified = fixture_day("2021-05-02"), .active = true };
	assert_int_equal(store_panel_member_add(f->s, &m, NULL, &f->err), 0);
	assert_int_equal(store_panel_member_add(f->s, &m, NULL, &f->err), 0);
	assert_int_equal(store_panel_member_set_active(f->s, 1, false, &f->err), 0);
	/* every detail rewritten; active is left as it was */
	m = (struct panel_member_rec){ .id = 1, .name = "Sue Smith", .role = "independent",
				       .chair = "vice_chair", .qualified = DAY_NONE, .active = true };
	assert_int_equal(store_panel_member_update(f->s, &m, &f->err), 0);
	m.id = 9;
	assert_int_equal(store_panel_member_update(f->s, &m, &f->err), RAA_ENOTFOUND);
	m.id = 2;
	m.role = "nurse";
	assert_int_equal(store_panel_member_update(f->s, &m, &f->err), RAA_EINVAL);
	assert_int_equal(store_panel_member_list(f->s, seen_member, &s, &f->err), 0);
	assert_string_equal(s.s[0], "Sue Smith|independent|vice_chair||0");
	assert_string_equal(s.s[1], "Sue|social_worker|-|2021-05-02|1");
}

static void test_unattend(void **state)
{
	struct fixture_store *f = *state;
	struct seen s = { 0 };
	struct panel_member_rec m = { .name = "Pat", .role = "other", .qualified = DAY_NONE,
				      .active = true };
	struct panel_rec p = { .date = fixture_day("2024-05-02") };
	assert_int_equal(store_panel_add(f->s, &p, NULL, &f->err), 0);
	assert_int_equal(store_panel_add(f->s, &p, NULL, &f->err), 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(store_panel_member_add(f->s, &m, NULL, &f->err), 0);
	assert_int_equal(store_panel_attend(f->s, 1, 1, &f->err), 0);
	assert_int_equal(store_panel_attend(f->s, 1, 2, &f->err), 0);
	assert_int_equal(store_panel_attend(f->s, 2, 1, &f->err), 0);
	assert_int_equal(store_panel_unattend(f->s, 1, 1, &f->err), 0);
	assert_int_equal(store_panel_unattend(f->s, 1, 1, &f->err), 0); /* twice: once */
	assert_int_equal(store_panel_attendance(f->s, 1, seen_attendee, &s, &f->err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.s[0], "2");
	/* the member still sat on the other panel */
	s.n = 0;
	assert_int_equal(store_panel_attendance(f->s, 2, seen_attendee, &s, &f->err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.s[0], "1");
}

static int seen_papers(void *ctx, const struct panel_item_rec *it)
{
	struct seen *s = ctx;
	snprintf(s->s[s->n++], 64, "%lld|%s", (long long)it->id, it->papers ? it->papers : "-");
	return 0;
}

static void test_item_papers_until_recommended(void **state)
{
	struct fixture_store *f = *state;
	struct seen s = { 0 };
	add_items(f);
	assert_int_equal(store_panel_item_set_papers(f->s, 1, "PAR\nMedical\nReferences", &f->err), 0);
	assert_int_equal(store_panel_item_set_papers(f->s, 3, "", &f->err), 0);
	assert_int_equal(store_panel_item_recommend(f->s, 2, "yes", "Good", "pa", &f->err), 0);
	assert_int_equal(store_panel_item_set_papers(f->s, 2, "Rewritten", &f->err), RAA_ECONFLICT);
	assert_int_equal(store_panel_item_list(f->s, &REGION, 1, seen_papers, &s, &f->err), 0);
	assert_string_equal(s.s[0], "1|PAR\nMedical\nReferences");
	assert_string_equal(s.s[1], "2|-");
	assert_string_equal(s.s[2], "3|-");
}

static void test_item_remove_until_recommended(void **state)
{
	struct fixture_store *f = *state;
	struct seen s = { 0 };
	add_items(f);
	assert_int_equal(store_panel_item_recommend(f->s, 1, "yes", "Good", "pa", &f->err), 0);
	assert_int_equal(store_begin(f->s, &f->err), 0);
	/* the match item and the children it names go */
	assert_int_equal(store_panel_item_remove(f->s, 2, &f->err), 0);
	assert_int_equal(store_panel_item_remove(f->s, 1, &f->err), RAA_ECONFLICT);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(store_panel_item_list(f->s, &REGION, 1, seen_item, &s, &f->err), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.s[0], "1|approval|A1||yes");
	assert_string_equal(s.s[1], "3|approval|A2||-");
	/* Kent saw the match through its children: it sees it no more */
	s.n = 0;
	assert_int_equal(store_panel_item_list(f->s, &KENT, 1, seen_item, &s, &f->err), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(store_panel_item_get(f->s, &REGION, 2, seen_item, &s, &f->err),
			 RAA_ENOTFOUND);
	/* withdrawn, not deleted: the row and the children it named stay on
	 * record, and the next item gets a new id, never 2 again */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(store_sqlite_handle(f->s),
					    "SELECT (SELECT count(*) FROM panel_item_children WHERE item = 2), "
					    "(SELECT withdrawn_at IS NOT NULL FROM panel_items WHERE id = 2)",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	sqlite3_finalize(st);
	struct panel_item_rec again = { .panel = 1, .kind = "approval", .adopter = "A1" };
	int64_t id = 0;
	assert_int_equal(store_panel_item_add(f->s, &again, &id, &f->err), 0);
	assert_int_equal(id, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_members, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_panels_and_attendance, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_items_scoped, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_recommend_once, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_member_update, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_unattend, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_item_papers_until_recommended, setup, fixture_store_teardown),
		cmocka_unit_test_setup_teardown(test_item_remove_until_recommended, setup, fixture_store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
