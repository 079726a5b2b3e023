#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/clocks.h"

#include "journey_builder.h"

static void jb_init(struct jb *b, enum record_type type, int base)
{
	jb_setup(b, type, type == REC_CHILD ? "C1" : "A1", base);
}

static struct event_rec *add(struct jb *b, int kind, const char *date, const char *detail)
{
	struct event_rec *e = jb_add(b, kind, date);
	e->detail = detail;
	return e;
}

static struct clock_settings S;
static struct clock OUT[16];

/* Clocks on `on`, default settings, bank holidays only. */
static size_t run(struct jb *b, const char *on)
{
	memset(OUT, 0, sizeof OUT);
	return clocks_running(J(b), DAY_NONE, &S, NULL, D(on), OUT, 16);
}

/* The running clock of `kind`, or NULL. */
static const struct clock *find(size_t n, int kind)
{
	for (size_t i = 0; i < n && i < 16; i++)
		if (OUT[i].kind == kind)
			return &OUT[i];
	return NULL;
}

static int setup(void **state)
{
	(void)state;
	clock_settings_default(&S);
	return 0;
}

/* ---- names, settings, durations ---- */

static void test_names(void **state)
{
	(void)state;
	static const char *names[CLOCK_COUNT] = {
		"la_checks", "stage1", "notice_to_proceed", "stage2", "adm_after_panel",
		"wider_search_child", "wider_search_adopter", "approval_review",
		"profile_update", "adoption_application", "asf_application",
	};
	for (int i = 0; i < CLOCK_COUNT; i++) {
		assert_string_equal(clock_kind_name(i), names[i]);
		assert_int_equal(clock_kind_parse(names[i]), i);
	}
	assert_int_equal(clock_kind_parse("stage3"), -1);
	assert_int_equal(clock_kind_parse(NULL), -1);
	assert_string_equal(clock_kind_name(CLOCK_COUNT), "");
}

static void test_defaults(void **state)
{
	(void)state;
	static const char *want[CLOCK_COUNT] = { "5wd", "2m", "6m", "4m", "7wd", "3m",
						 "3m",  "12m", "6m", "10w", "3m" };
	struct clock_settings s;
	char buf[16];
	clock_settings_default(&s);
	for (int i = 0; i < CLOCK_COUNT; i++) {
		clock_duration_format(&s.dur[i], buf);
		assert_string_equal(buf, want[i]);
	}
}

static void test_duration_parse(void **state)
{
	(void)state;
	struct clock_duration d;
	struct raa_err err;
	char buf[16];
	static const struct {
		const char *s;
		int n;
		char unit;
	} ok[] = {
		{ "5wd", 5, CU_WORKING_DAYS }, { "7d", 7, CU_DAYS },   { "10w", 10, CU_WEEKS },
		{ "2m", 2, CU_MONTHS },        { "1d", 1, CU_DAYS },   { "999m", 999, CU_MONTHS },
		{ "007d", 7, CU_DAYS },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(clock_duration_parse(ok[i].s, &d, &err), 0);
		assert_int_equal(d.n, ok[i].n);
		assert_int_equal(d.unit, ok[i].unit);
	}
	assert_int_equal(clock_duration_parse("10w", &d, &err), 0);
	clock_duration_format(&d, buf);
	assert_string_equal(buf, "10w");

	static const char *bad[] = { "0d", "1000d", "", "5", "wd", "5x", "5 wd", "-1d",
				     "5WD", "5wdd", "99999m", " 5d" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		raa_err_clear(&err);
		assert_int_equal(clock_duration_parse(bad[i], &d, &err), RAA_EINVAL);
		assert_int_equal(err.code, RAA_EINVAL);
		assert_non_null(strstr(err.msg, bad[i]));
		assert_non_null(strstr(err.msg, "wd (working days)"));
	}
	assert_int_equal(clock_duration_parse(NULL, &d, &err), RAA_EINVAL);
	assert_string_equal(err.msg, "duration '': expected a number 1..999 and a unit: wd "
				     "(working days), d (days), w (weeks) or m (months), e.g. "
				     "5wd or 2m");
}

static void test_clock_due(void **state)
{
	(void)state;
	struct clock_duration d = { 1, CU_MONTHS };
	assert_int_equal(clock_due(&d, NULL, D("2024-01-31")), D("2024-02-29"));
	d = (struct clock_duration){ 10, CU_WEEKS };
	assert_int_equal(clock_due(&d, NULL, D("2024-01-01")), D("2024-03-11"));
	d = (struct clock_duration){ 7, CU_DAYS };
	assert_int_equal(clock_due(&d, NULL, D("2024-12-28")), D("2025-01-04"));
	d = (struct clock_duration){ 5, CU_WORKING_DAYS };
	assert_int_equal(clock_due(&d, NULL, D("2024-12-20")), D("2024-12-31"));
}

/* ---- LA checks ---- */

static void test_la_check_example(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_STAGE2);
	add(&b, EV_CHECK_REQUESTED, "2024-12-20", "la");
	size_t n = run(&b, "2025-01-03");
	assert_int_equal(n, 1);
	assert_int_equal(OUT[0].kind, CLOCK_LA_CHECKS);
	assert_int_equal(OUT[0].started, D("2024-12-20"));
	assert_int_equal(OUT[0].due, D("2024-12-31"));
	assert_int_equal(OUT[0].overdue_days, 3);
	assert_false(OUT[0].information);
	/* On the due day, not overdue. */
	n = run(&b, "2024-12-31");
	assert_int_equal(OUT[0].overdue_days, 0);
	/* Before the request, nothing. */
	assert_int_equal(run(&b, "2024-12-19"), 0);
}

static void test_la_check_detail(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_STAGE2);
	add(&b, EV_CHECK_REQUESTED, "2024-12-20", " LA ");
	add(&b, EV_CHECK_REQUESTED, "2024-12-20", "dbs");
	add(&b, EV_CHECK_REQUESTED, "2024-12-20", "lab");
	add(&b, EV_CHECK_REQUESTED, "2024-12-20", NULL);
	assert_int_equal(run(&b, "2025-01-03"), 1);
	/* A receipt for another check does not answer the LA check. */
	add(&b, EV_CHECK_RECEIVED, "2024-12-23", "dbs");
	assert_int_equal(run(&b, "2025-01-03"), 1);
	add(&b, EV_CHECK_RECEIVED, "2024-12-24", "La");
	assert_int_equal(run(&b, "2025-01-03"), 0);
	/* Asked before the receipt: still running. */
	assert_int_equal(run(&b, "2024-12-23"), 1);
}

static void test_la_check_same_day(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_STAGE2);
	add(&b, EV_CHECK_RECEIVED, "2024-12-20", "la");  /* recorded first */
	add(&b, EV_CHECK_REQUESTED, "2024-12-20", "la");
	assert_int_equal(run(&b, "2024-12-20"), 1);
	add(&b, EV_CHECK_RECEIVED, "2024-12-20", "la");  /* recorded after */
	assert_int_equal(run(&b, "2024-12-20"), 0);
}

static void test_la_check_one_per_request(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_STAGE2);
	add(&b, EV_CHECK_REQUESTED, "2024-11-01", "la");
	add(&b, EV_CHECK_RECEIVED, "2024-11-04", "la");
	add(&b, EV_CHECK_REQUESTED, "2024-11-05", "la");
	add(&b, EV_CHECK_REQUESTED, "2024-11-06", "la");
	size_t n = run(&b, "2024-11-20");
	assert_int_equal(n, 2);
	assert_int_equal(OUT[0].started, D("2024-11-05"));
	assert_int_equal(OUT[1].started, D("2024-11-06"));
	assert_int_equal(OUT[1].due, D("2024-11-13"));
	assert_int_equal(OUT[1].overdue_days, 7);
}

/* ---- adopter stages ---- */

static void test_stage1_month_end(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2024-12-31", NULL);
	size_t n = run(&b, "2025-03-03");
	const struct clock *c = find(n, CLOCK_STAGE1);
	assert_non_null(c);
	assert_int_equal(c->started, D("2024-12-31"));
	assert_int_equal(c->due, D("2025-02-28"));
	assert_int_equal(c->overdue_days, 3);
}

static void test_stage1_stops(void **state)
{
	(void)state;
	static const int stops[] = { EV_STAGE1_DECISION, EV_STAGE2_NOTICE, EV_APPROVED,
				     EV_WITHDRAWN, EV_DEREGISTERED, EV_NOT_APPROVED };
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		struct jb b;
		jb_init(&b, REC_ADOPTER, AS_NONE);
		add(&b, EV_ROI, "2024-01-10", NULL);
		add(&b, stops[i], "2024-02-10", "may be suitable");
		assert_null(find(run(&b, "2024-03-01"), CLOCK_STAGE1));
		/* Before the stop event, running. */
		assert_non_null(find(run(&b, "2024-02-09"), CLOCK_STAGE1));
	}
	/* Events that do not answer it. */
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2024-01-10", NULL);
	add(&b, EV_INFORMATION_EVENT, "2024-01-20", NULL);
	add(&b, EV_CHECK_REQUESTED, "2024-01-21", "dbs");
	assert_non_null(find(run(&b, "2024-03-01"), CLOCK_STAGE1));
}

static void test_stage1_restart(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2023-01-10", NULL);
	add(&b, EV_WITHDRAWN, "2023-02-01", NULL);
	add(&b, EV_ROI, "2024-01-10", NULL);
	const struct clock *c = find(run(&b, "2024-01-20"), CLOCK_STAGE1);
	assert_non_null(c);
	assert_int_equal(c->started, D("2024-01-10"));
	assert_int_equal(c->due, D("2024-03-10"));
}

static void test_notice_to_proceed(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2024-01-10", NULL);
	add(&b, EV_STAGE1_DECISION, "2024-03-05", "may be suitable");
	const struct clock *c = find(run(&b, "2024-04-01"), CLOCK_NOTICE_TO_PROCEED);
	assert_non_null(c);
	assert_int_equal(c->due, D("2024-09-05"));
	add(&b, EV_STAGE2_NOTICE, "2024-06-01", NULL);
	assert_null(find(run(&b, "2024-06-01"), CLOCK_NOTICE_TO_PROCEED));
	assert_non_null(find(run(&b, "2024-05-31"), CLOCK_NOTICE_TO_PROCEED));

	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2024-01-10", NULL);
	add(&b, EV_STAGE1_DECISION, "2024-03-05", "Not Suitable: health");
	size_t n = run(&b, "2024-04-01");
	assert_null(find(n, CLOCK_NOTICE_TO_PROCEED));
	assert_null(find(n, CLOCK_STAGE1));
}

static void test_stage2(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_STAGE2_NOTICE, "2024-01-31", NULL);
	const struct clock *c = find(run(&b, "2024-06-03"), CLOCK_STAGE2);
	assert_non_null(c);
	assert_int_equal(c->due, D("2024-05-31"));
	assert_int_equal(c->overdue_days, 3);
	add(&b, EV_APPROVAL_PANEL, "2024-05-20", NULL);
	size_t n = run(&b, "2024-05-21");
	assert_non_null(find(n, CLOCK_STAGE2));
	c = find(n, CLOCK_ADM_AFTER_PANEL);
	assert_non_null(c);
	/* Monday 20 May + 7 working days (27 May is a bank holiday). */
	assert_int_equal(c->due, D("2024-05-30"));
	add(&b, EV_APPROVED, "2024-05-28", NULL);
	n = run(&b, "2024-06-03");
	assert_null(find(n, CLOCK_STAGE2));
	assert_null(find(n, CLOCK_ADM_AFTER_PANEL));
}

static void test_withdrawn_no_clocks(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2024-01-10", NULL);
	add(&b, EV_CHECK_REQUESTED, "2024-01-11", "la");
	add(&b, EV_WITHDRAWN, "2024-01-12", NULL);
	assert_int_equal(run(&b, "2024-06-01"), 0);
	assert_int_equal(run(&b, "2024-01-11"), 2);
	/* Migrated as withdrawn, nothing since. */
	jb_init(&b, REC_ADOPTER, AS_WITHDRAWN);
	add(&b, EV_CHECK_REQUESTED, "2024-01-11", "la");
	assert_int_equal(run(&b, "2024-06-01"), 0);
}

/* ---- approved households ---- */

static void test_wider_search_adopter(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_STAGE2_NOTICE, "2023-01-01", NULL);
	add(&b, EV_APPROVED, "2023-06-15", NULL);
	const struct clock *c = find(run(&b, "2023-10-01"), CLOCK_WIDER_SEARCH_ADOPTER);
	assert_non_null(c);
	assert_int_equal(c->due, D("2023-09-15"));
	assert_int_equal(c->overdue_days, 16);
	add(&b, EV_REGISTER_REFERRAL, "2023-10-02", NULL);
	assert_null(find(run(&b, "2023-10-02"), CLOCK_WIDER_SEARCH_ADOPTER));

	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_APPROVED, "2023-06-15", NULL);
	add(&b, EV_LINKED, "2023-07-01", NULL);
	assert_null(find(run(&b, "2023-10-01"), CLOCK_WIDER_SEARCH_ADOPTER));
}

static void test_approval_review(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_APPROVED, "2023-02-28", NULL);
	const struct clock *c = find(run(&b, "2024-03-01"), CLOCK_APPROVAL_REVIEW);
	assert_non_null(c);
	assert_int_equal(c->started, D("2023-02-28"));
	assert_int_equal(c->due, D("2024-02-28"));
	assert_int_equal(c->overdue_days, 2);
	/* A review restarts it. */
	add(&b, EV_REVIEW, "2024-03-05", NULL);
	c = find(run(&b, "2024-03-05"), CLOCK_APPROVAL_REVIEW);
	assert_non_null(c);
	assert_int_equal(c->started, D("2024-03-05"));
	assert_int_equal(c->due, D("2025-03-05"));
	assert_int_equal(c->overdue_days, 0);
	/* A review before a second approval does not count. */
	add(&b, EV_APPROVED, "2024-06-01", NULL);
	c = find(run(&b, "2024-06-01"), CLOCK_APPROVAL_REVIEW);
	assert_int_equal(c->started, D("2024-06-01"));
	/* Matched: the review clock stops. */
	add(&b, EV_MATCH_DECISION, "2024-09-01", NULL);
	assert_null(find(run(&b, "2025-09-01"), CLOCK_APPROVAL_REVIEW));
}

/* ---- children ---- */

static void test_wider_search_child(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-11-30", NULL);
	const struct clock *c = find(run(&b, "2025-03-01"), CLOCK_WIDER_SEARCH_CHILD);
	assert_non_null(c);
	assert_int_equal(c->due, D("2025-02-28"));
	assert_int_equal(c->overdue_days, 1);
	add(&b, EV_REGISTER_REFERRAL, "2025-02-01", NULL);
	assert_null(find(run(&b, "2025-03-01"), CLOCK_WIDER_SEARCH_CHILD));

	jb_init(&b, REC_CHILD, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-11-30", NULL);
	add(&b, EV_LINKED, "2025-01-10", NULL);
	add(&b, EV_LINK_ENDED, "2025-01-20", NULL);
	/* Waiting again, but a link was found within the 3 months. */
	assert_null(find(run(&b, "2025-03-01"), CLOCK_WIDER_SEARCH_CHILD));
	assert_non_null(find(run(&b, "2025-01-09"), CLOCK_WIDER_SEARCH_CHILD));

	/* Not waiting (migrated as matched): no search clock. */
	jb_init(&b, REC_CHILD, CS_MATCHED);
	add(&b, EV_SHOULD_BE_PLACED, "2024-11-30", NULL)->origin = ORIGIN_COLUMN;
	assert_null(find(run(&b, "2025-03-01"), CLOCK_WIDER_SEARCH_CHILD));
}

static void test_matching_panel(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01", NULL);
	add(&b, EV_LINKED, "2024-02-01", NULL);
	add(&b, EV_MATCHING_PANEL, "2024-03-01", NULL);
	const struct clock *c = find(run(&b, "2024-03-15"), CLOCK_ADM_AFTER_PANEL);
	assert_non_null(c);
	assert_int_equal(c->due, D("2024-03-12"));
	assert_int_equal(c->overdue_days, 3);
	add(&b, EV_MATCH_DECISION, "2024-03-11", NULL);
	assert_null(find(run(&b, "2024-03-15"), CLOCK_ADM_AFTER_PANEL));
}

static void test_profile_update(void **state)
{
	(void)state;
	struct jb b;
	struct clock out[4];
	jb_init(&b, REC_CHILD, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-15", NULL);
	size_t n = clocks_running(J(&b), DAY_NONE, &S, NULL, D("2024-08-01"), out, 4);
	const struct clock *c = NULL;
	for (size_t i = 0; i < n; i++)
		if (out[i].kind == CLOCK_PROFILE_UPDATE)
			c = &out[i];
	assert_non_null(c);
	assert_int_equal(c->started, D("2024-01-15"));
	assert_int_equal(c->due, D("2024-07-15"));
	assert_int_equal(c->overdue_days, 17);

	/* An update restarts it; one after the date asked does not count. */
	n = clocks_running(J(&b), D("2024-07-01"), &S, NULL, D("2024-08-01"), out, 4);
	for (size_t i = 0; i < n; i++)
		if (out[i].kind == CLOCK_PROFILE_UPDATE)
			c = &out[i];
	assert_int_equal(c->started, D("2024-07-01"));
	assert_int_equal(c->due, D("2025-01-01"));
	assert_int_equal(c->overdue_days, 0);
	n = clocks_running(J(&b), D("2024-09-01"), &S, NULL, D("2024-08-01"), out, 4);
	for (size_t i = 0; i < n; i++)
		if (out[i].kind == CLOCK_PROFILE_UPDATE)
			c = &out[i];
	assert_int_equal(c->started, D("2024-01-15"));

	/* Linked still runs; matched does not. */
	add(&b, EV_LINKED, "2024-09-01", NULL);
	assert_non_null(find(run(&b, "2024-09-02"), CLOCK_PROFILE_UPDATE));
	add(&b, EV_MATCH_DECISION, "2024-10-01", NULL);
	assert_null(find(run(&b, "2024-10-02"), CLOCK_PROFILE_UPDATE));
	/* Tracking, no decision yet: nothing. */
	jb_init(&b, REC_CHILD, CS_NONE);
	add(&b, EV_ENTERED_CARE, "2024-01-15", NULL);
	assert_int_equal(run(&b, "2025-01-01"), 0);
}

static void test_adoption_application(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_CHILD, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01", NULL);
	add(&b, EV_PLACED, "2024-06-03", NULL);
	size_t n = run(&b, "2024-08-20");
	assert_int_equal(n, 1);
	assert_int_equal(OUT[0].kind, CLOCK_ADOPTION_APPLICATION);
	assert_true(OUT[0].information);
	assert_int_equal(OUT[0].due, D("2024-08-12"));
	assert_int_equal(OUT[0].overdue_days, 8);
	add(&b, EV_DISRUPTION, "2024-09-01", NULL);
	assert_null(find(run(&b, "2024-09-01"), CLOCK_ADOPTION_APPLICATION));
	jb_init(&b, REC_CHILD, CS_NONE);
	add(&b, EV_SHOULD_BE_PLACED, "2024-01-01", NULL);
	add(&b, EV_PLACED, "2024-06-03", NULL);
	add(&b, EV_ADOPTION_ORDER, "2025-01-10", NULL);
	assert_int_equal(run(&b, "2025-02-01"), 0);
}

static void test_superseded_ignored(void **state)
{
	(void)state;
	struct jb b;
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2024-01-10", NULL);                        /* id 1 */
	add(&b, EV_ROI, "2024-02-20", NULL)->supersedes = 1;        /* id 2 */
	const struct clock *c = find(run(&b, "2024-03-01"), CLOCK_STAGE1);
	assert_non_null(c);
	assert_int_equal(c->started, D("2024-02-20"));
	/* Only the superseded one on the date asked: nothing started. */
	assert_null(find(run(&b, "2024-02-01"), CLOCK_STAGE1));
	/* A superseded stop event does not stop the clock. */
	add(&b, EV_STAGE1_DECISION, "2024-03-01", "may be suitable"); /* id 3 */
	assert_null(find(run(&b, "2024-03-02"), CLOCK_STAGE1));
	add(&b, EV_INFORMATION_EVENT, "2024-03-01", NULL)->supersedes = 3;
	assert_non_null(find(run(&b, "2024-03-02"), CLOCK_STAGE1));
	assert_null(find(run(&b, "2024-03-02"), CLOCK_NOTICE_TO_PROCEED));
}

static void test_max_and_asf(void **state)
{
	(void)state;
	struct jb b;
	struct clock out[1];
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_CHECK_REQUESTED, "2024-01-02", "la");
	add(&b, EV_CHECK_REQUESTED, "2024-01-03", "la");
	add(&b, EV_ROI, "2024-01-04", NULL);
	memset(out, 0, sizeof out);
	assert_int_equal(clocks_running(J(&b), DAY_NONE, &S, NULL, D("2024-01-05"), out, 1), 3);
	assert_int_equal(out[0].started, D("2024-01-02"));
	assert_int_equal(clocks_running(J(&b), DAY_NONE, &S, NULL, D("2024-01-05"), NULL, 0), 3);
	/* No event starts the ASF clock yet. */
	size_t n = run(&b, "2030-01-01");
	assert_null(find(n, CLOCK_ASF_APPLICATION));
}

static void test_settings_change_due(void **state)
{
	(void)state;
	struct jb b;
	struct clock_settings s;
	struct clock out[4];
	struct raa_err err;
	clock_settings_default(&s);
	assert_int_equal(clock_duration_parse("10d", &s.dur[CLOCK_STAGE1], &err), 0);
	jb_init(&b, REC_ADOPTER, AS_NONE);
	add(&b, EV_ROI, "2024-01-10", NULL);
	size_t n = clocks_running(J(&b), DAY_NONE, &s, NULL, D("2024-01-25"), out, 4);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].due, D("2024-01-20"));
	assert_int_equal(out[0].overdue_days, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_duration_parse),
		cmocka_unit_test(test_clock_due),
		cmocka_unit_test(test_la_check_example),
		cmocka_unit_test(test_la_check_detail),
		cmocka_unit_test(test_la_check_same_day),
		cmocka_unit_test(test_la_check_one_per_request),
		cmocka_unit_test(test_stage1_month_end),
		cmocka_unit_test(test_stage1_stops),
		cmocka_unit_test(test_stage1_restart),
		cmocka_unit_test(test_notice_to_proceed),
		cmocka_unit_test(test_stage2),
		cmocka_unit_test(test_withdrawn_no_clocks),
		cmocka_unit_test(test_wider_search_adopter),
		cmocka_unit_test(test_approval_review),
		cmocka_unit_test(test_wider_search_child),
		cmocka_unit_test(test_matching_panel),
		cmocka_unit_test(test_profile_update),
		cmocka_unit_test(test_adoption_application),
		cmocka_unit_test(test_superseded_ignored),
		cmocka_unit_test(test_max_and_asf),
		cmocka_unit_test(test_settings_change_due),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
