/* The monthly tracking report and the ASGLB rules over hand-built
 * journeys: the month's as-of day, open links, who is in each section and
 * what each format writes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../domain/journey_builder.h"
#include "core/mem.h"
#include "report/asglb.h"
#include "report/monthly.h"

static void test_parse_month(void **state)
{
	(void)state;
	int y = 0, m = 0;
	assert_int_equal(monthly_parse_month("2024-03", &y, &m), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 3);
	const char *bad[] = { "2024-3", "2024-13", "2024-00", "2024/03", "24-03", "2024-03-01",
			      "abcd-ef", "", "1899-12" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(monthly_parse_month(bad[i], &y, &m), -1);
}

static void test_asof(void **state)
{
	(void)state;
	raa_day a = 0;
	assert_int_equal(monthly_asof(2024, 3, D("2024-05-01"), &a), 0);
	assert_int_equal(a, D("2024-03-31"));
	assert_int_equal(monthly_asof(2024, 3, D("2024-03-10"), &a), 0);
	assert_int_equal(a, D("2024-03-10"));
	assert_int_equal(monthly_asof(2024, 2, D("2025-01-01"), &a), 0);
	assert_int_equal(a, D("2024-02-29"));
	assert_int_equal(monthly_asof(2024, 3, D("2024-02-29"), &a), -1);
}

static void test_open_link(void **state)
{
	(void)state;
	struct jb c, h;
	jb_setup(&c, REC_CHILD, "K1", CS_NONE);
	jb_setup(&h, REC_ADOPTER, "A1", AS_NONE);
	jb_add(&c, EV_SHOULD_BE_PLACED, "2023-12-01");
	const struct event_rec *l1 = jb_add(&c, EV_LINKED, "2024-01-10");
	assert_null(monthly_open_link(J(&c), NULL, D("2024-01-09")));
	assert_ptr_equal(monthly_open_link(J(&c), NULL, D("2024-01-10")), l1);
	jb_add(&c, EV_LINK_ENDED, "2024-02-01");
	assert_non_null(monthly_open_link(J(&c), NULL, D("2024-01-31")));
	assert_null(monthly_open_link(J(&c), NULL, D("2024-02-01")));
	const struct event_rec *l2 = jb_add(&c, EV_LINKED, "2024-03-01");
	assert_ptr_equal(monthly_open_link(J(&c), NULL, D("2024-03-05")), &c.ev[3]);
	assert_int_equal(l2->id, 4);
	/* the household's withdrawal before the link does not end it; after, it does */
	jb_add(&h, EV_WITHDRAWN, "2024-02-15");
	assert_non_null(monthly_open_link(J(&c), J(&h), D("2024-03-05")));
	jb_add(&h, EV_WITHDRAWN, "2024-03-04");
	assert_null(monthly_open_link(J(&c), J(&h), D("2024-03-05")));
	assert_non_null(monthly_open_link(J(&c), J(&h), D("2024-03-03")));
	/* a match decision ends the link too */
	jb_add(&c, EV_MATCH_DECISION, "2024-03-20");
	assert_non_null(monthly_open_link(J(&c), NULL, D("2024-03-19")));
	assert_null(monthly_open_link(J(&c), NULL, D("2024-03-20")));
}

/* A small region: K1 waiting (aged 6 at the decision) in 886, K2 linked
 * to A1 in 886, K3 waiting in 887; A1 approved and linked, A2 approved
 * and waiting, both in 886. */
struct region {
	struct jb cj[3], aj[2];
	struct snap_child ch[3];
	struct snap_adopter ad[2];
	struct snapshot snap;
	struct clock_settings cs;
	struct view_ctx v;
};

static struct region *region_new(void)
{
	struct region *r = xcalloc(1, sizeof *r);
	const char *ids[] = { "K1", "K2", "K3" }, *partners[] = { "886", "886", "887" };
	for (int i = 0; i < 3; i++) {
		jb_setup(&r->cj[i], REC_CHILD, ids[i], CS_NONE);
		r->ch[i].rec = (struct child_rec){ .id = ids[i], .partner = partners[i],
						   .first_name = i ? "Ben" : "<b>Amy</b>",
						   .last_name = "Hart", .sex = 'F',
						   .dob = D(i ? "2022-01-01" : "2018-01-01"),
						   .ethnicity = "WBRI", .base_status = CS_NONE,
						   .contact = CONTACT_UNKNOWN,
						   .profile_updated = DAY_NONE };
		memset(r->ch[i].rec.needs, NEED_NONE, sizeof r->ch[i].rec.needs);
		r->ch[i].sibling_group_size = 1;
		jb_add(&r->cj[i], EV_ENTERED_CARE, "2023-10-01");
		jb_add(&r->cj[i], EV_SHOULD_BE_PLACED, i == 1 ? "2023-12-15" : "2024-01-01");
	}
	jb_add(&r->cj[1], EV_LINKED, "2024-02-01");
	const char *aids[] = { "A1", "A2" }, *approved[] = { "2023-06-01", "2023-12-01" };
	for (int i = 0; i < 2; i++) {
		jb_setup(&r->aj[i], REC_ADOPTER, aids[i], AS_NONE);
		r->ad[i].rec = (struct adopter_rec){ .id = aids[i], .partner = "886",
						     .name = aids[i], .base_status = AS_NONE };
		jb_add(&r->aj[i], EV_ROI, "2023-01-01");
		jb_add(&r->aj[i], EV_STAGE2_NOTICE, "2023-03-01");
		jb_add(&r->aj[i], EV_APPROVED, approved[i]);
	}
	jb_add(&r->aj[0], EV_LINKED, "2024-02-01");
	for (int i = 0; i < 3; i++)
		r->ch[i].j = *J(&r->cj[i]);
	for (int i = 0; i < 2; i++)
		r->ad[i].j = *J(&r->aj[i]);
	r->snap.children = r->ch;
	r->snap.nchildren = 3;
	r->snap.adopters = r->ad;
	r->snap.nadopters = 2;
	clock_settings_default(&r->cs);
	r->v = (struct view_ctx){ .snap = &r->snap, .cs = &r->cs };
	return r;
}

static const char *row_str(const struct monthly *m, int s, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_array_get(m->rows[s], i), key));
}

static long row_int(const struct monthly *m, int s, size_t i, const char *key)
{
	return (long)json_integer_value(json_object_get(json_array_get(m->rows[s], i), key));
}

static void test_build_partner(void **state)
{
	(void)state;
	struct region *g = region_new();
	struct monthly m;
	monthly_build(&g->v, "886", "Kent", 2024, 3, D("2024-06-01"), &m);
	assert_int_equal(m.asof, D("2024-03-31"));
	assert_int_equal(monthly_count(&m, MR_WAITING), 1);
	assert_string_equal(row_str(&m, MR_WAITING, 0, "child_id"), "K1");
	assert_int_equal(row_int(&m, MR_WAITING, 0, "days_waiting"), D("2024-03-31") - D("2024-01-01"));
	assert_string_equal(row_str(&m, MR_WAITING, 0, "harder_to_place"), "age_5_plus");
	assert_int_equal(m.waiting_htp, 1);
	assert_int_equal(monthly_count(&m, MR_LINKS), 1);
	assert_string_equal(row_str(&m, MR_LINKS, 0, "child_id"), "K2");
	assert_string_equal(row_str(&m, MR_LINKS, 0, "adopter_id"), "A1");
	assert_int_equal(row_int(&m, MR_LINKS, 0, "days_linked"), 59);
	assert_int_equal(monthly_count(&m, MR_HOUSEHOLDS), 1);
	assert_string_equal(row_str(&m, MR_HOUSEHOLDS, 0, "adopter_id"), "A2");
	assert_int_equal(row_int(&m, MR_HOUSEHOLDS, 0, "days_since_approval"), 121);
	/* A2's wider search (approved + 3 months = 1 March) is overdue; K1's
	 * (1 January + 3 months = 1 April) falls due within the month after */
	assert_int_equal(monthly_count(&m, MR_OVERDUE), 1);
	assert_string_equal(row_str(&m, MR_OVERDUE, 0, "record"), "A2");
	assert_string_equal(row_str(&m, MR_OVERDUE, 0, "clock"), "wider_search_adopter");
	assert_int_equal(row_int(&m, MR_OVERDUE, 0, "overdue_days"), 30);
	assert_int_equal(monthly_count(&m, MR_DUE), 1);
	assert_string_equal(row_str(&m, MR_DUE, 0, "record"), "K1");
	assert_string_equal(row_str(&m, MR_DUE, 0, "clock"), "wider_search_child");
	assert_int_equal(row_int(&m, MR_DUE, 0, "days_to_due"), 1);
	monthly_free(&m);
	free(g);
}

static void test_build_region_and_early_asof(void **state)
{
	(void)state;
	struct region *g = region_new();
	struct monthly m;
	monthly_build(&g->v, NULL, NULL, 2024, 3, D("2024-03-15"), &m);
	assert_int_equal(m.asof, D("2024-03-15"));
	assert_string_equal(m.partner_name, "the region");
	assert_int_equal(monthly_count(&m, MR_WAITING), 2); /* K1 and K3 */
	assert_string_equal(row_str(&m, MR_WAITING, 1, "child_id"), "K3");
	monthly_free(&m);
	/* before the link, K2 waits and nothing is linked */
	monthly_build(&g->v, "886", "Kent", 2024, 1, D("2024-06-01"), &m);
	assert_int_equal(monthly_count(&m, MR_WAITING), 2);
	assert_int_equal(monthly_count(&m, MR_LINKS), 0);
	assert_int_equal(monthly_count(&m, MR_HOUSEHOLDS), 2);
	monthly_free(&m);
	free(g);
}

static void test_formats(void **state)
{
	(void)state;
	struct region *g = region_new();
	struct monthly m;
	monthly_build(&g->v, "886", "Kent", 2024, 3, D("2024-06-01"), &m);
	struct buf b;
	buf_init(&b, 0);
	monthly_csv(&m, &b);
	assert_non_null(strstr(buf_cstr(&b), "partner,month,as_of,children_waiting,"
					     "children_waiting_harder_to_place,clocks_overdue,"
					     "clocks_due_next_month,links_in_progress,"
					     "households_waiting\n886,2024-03,2024-03-31,1,1,1,1,1,1\n"));
	assert_non_null(strstr(buf_cstr(&b), "\nK1,886,<b>Amy</b>,Hart,2018-01-01,74,2024-01-01,90,"
					     "age_5_plus,"));
	assert_non_null(strstr(buf_cstr(&b), "\n\nadopter_id,partner,name,approved,"
					     "days_since_approval\nA2,886,A2,2023-12-01,121\n"));
	buf_reset(&b);
	monthly_html(&m, D("2024-06-01"), &b);
	assert_non_null(strstr(buf_cstr(&b), "&lt;b&gt;Amy&lt;/b&gt;"));
	assert_null(strstr(buf_cstr(&b), "<b>Amy"));
	assert_non_null(strstr(buf_cstr(&b), "data-measure=\"links_in_progress\""));
	assert_non_null(strstr(buf_cstr(&b), "data-record=\"K1\""));
	/* the board's: counts only, no names */
	m.aggregates_only = true;
	buf_reset(&b);
	monthly_csv(&m, &b);
	size_t lines = 0;
	for (const char *c = buf_cstr(&b); *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, 2); /* the header and the counts */
	buf_reset(&b);
	monthly_html(&m, D("2024-06-01"), &b);
	assert_null(strstr(buf_cstr(&b), "Amy"));
	assert_null(strstr(buf_cstr(&b), "data-record"));
	buf_free(&b);
	monthly_free(&m);
	free(g);
}

static void test_xlsx(void **state)
{
	(void)state;
	struct region *g = region_new();
	struct monthly m;
	monthly_build(&g->v, "886", "Kent", 2024, 3, D("2024-06-01"), &m);
	char path[] = "/tmp/raa-test-monthly-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	struct raa_err err;
	assert_int_equal(monthly_xlsx(&m, path, &err), 0);
	FILE *fp = fopen(path, "rb");
	char magic[2] = { 0 };
	assert_non_null(fp);
	assert_int_equal(fread(magic, 1, 2, fp), 2);
	fclose(fp);
	unlink(path);
	assert_memory_equal(magic, "PK", 2);
	assert_true(monthly_xlsx(&m, "/nonexistent-dir/m.xlsx", &err) < 0);
	assert_non_null(strstr(err.msg, "/nonexistent-dir/m.xlsx"));
	monthly_free(&m);
	free(g);
}

static void test_asglb_in(void **state)
{
	(void)state;
	struct asglb_period p;
	asglb_period(2024, 1, NULL, &p);
	assert_int_equal(p.qstart, D("2024-01-01"));
	assert_int_equal(p.qend, D("2024-03-31"));
	struct jb c;
	jb_setup(&c, REC_CHILD, "K1", CS_NONE);
	jb_add(&c, EV_ENTERED_CARE, "2023-01-01");
	assert_false(asglb_child_in(J(&c), &p)); /* tracking, nothing in the quarter */
	jb_add(&c, EV_SHOULD_BE_PLACED, "2023-06-01");
	assert_true(asglb_child_in(J(&c), &p)); /* waiting when it began */
	jb_add(&c, EV_PLAN_CHANGED, "2023-12-31");
	assert_false(asglb_child_in(J(&c), &p)); /* ended before it */
	jb_add(&c, EV_EARLY_REFERRAL, "2024-04-01");
	assert_false(asglb_child_in(J(&c), &p)); /* activity after it */
	jb_add(&c, EV_EARLY_REFERRAL, "2024-03-31");
	assert_true(asglb_child_in(J(&c), &p)); /* activity on its last day */
	struct jb a;
	jb_setup(&a, REC_ADOPTER, "A1", AS_NONE);
	jb_add(&a, EV_ENQUIRY, "2023-11-01");
	assert_false(asglb_adopter_in(J(&a), &p));
	jb_add(&a, EV_ROI, "2023-12-01");
	assert_true(asglb_adopter_in(J(&a), &p)); /* in Stage 1 when it began */
	jb_add(&a, EV_WITHDRAWN, "2023-12-20");
	assert_false(asglb_adopter_in(J(&a), &p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_month),
		cmocka_unit_test(test_asof),
		cmocka_unit_test(test_open_link),
		cmocka_unit_test(test_build_partner),
		cmocka_unit_test(test_build_region_and_early_asof),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_asglb_in),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
