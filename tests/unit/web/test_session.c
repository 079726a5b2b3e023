#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "web/session.h"

#define LONG 3600

/* Under AddressSanitizer freed memory waits in a quarantine and counts in
 * the RSS, which would hide what churn_does_not_grow_memory measures. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=0";
}

static struct session_info user(int64_t id, const char *role, const char *partner)
{
	struct session_info in = { .user_id = id };
	snprintf(in.email, sizeof in.email, "user%lld@x.test", (long long)id);
	snprintf(in.role, sizeof in.role, "%s", role);
	snprintf(in.partner, sizeof in.partner, "%s", partner);
	return in;
}

static bool is_hex64(const char *s)
{
	if (strlen(s) != SESSION_TOKEN_HEX - 1)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static void create_and_get(void **state)
{
	(void)state;
	struct sessions *s = sessions_new(LONG, LONG);
	struct session_info in = user(7, "la_adm", "210"), out;
	char token[SESSION_TOKEN_HEX];
	sessions_create(s, &in, token);
	assert_true(is_hex64(token));
	assert_true(is_hex64(in.csrf));
	assert_string_not_equal(token, in.csrf);
	assert_true(in.created > 0 && in.last_seen == in.created);

	memset(&out, 0, sizeof out);
	assert_true(sessions_get(s, token, &out));
	assert_int_equal(out.user_id, 7);
	assert_string_equal(out.email, "user7@x.test");
	assert_string_equal(out.role, "la_adm");
	assert_string_equal(out.partner, "210");
	assert_string_equal(out.csrf, in.csrf);
	assert_true(out.last_seen >= in.created);

	/* Two sign-ins of one user are two sessions with their own tokens. */
	char token2[SESSION_TOKEN_HEX];
	struct session_info in2 = user(7, "la_adm", "210");
	sessions_create(s, &in2, token2);
	assert_string_not_equal(token, token2);
	assert_string_not_equal(in.csrf, in2.csrf);
	assert_true(sessions_get(s, token2, &out));
	assert_string_equal(out.csrf, in2.csrf);
	sessions_free(s);
}

static void unknown_and_malformed_tokens(void **state)
{
	(void)state;
	struct sessions *s = sessions_new(LONG, LONG);
	struct session_info in = user(1, "manager", ""), out;
	char token[SESSION_TOKEN_HEX];
	sessions_create(s, &in, token);
	char other[SESSION_TOKEN_HEX];
	memcpy(other, token, sizeof other);
	other[0] = other[0] == 'a' ? 'b' : 'a';
	assert_false(sessions_get(s, other, &out));
	assert_false(sessions_get(s, NULL, &out));
	assert_false(sessions_get(s, "", &out));
	char shorter[SESSION_TOKEN_HEX];
	memcpy(shorter, token, sizeof shorter);
	shorter[63] = '\0';
	assert_false(sessions_get(s, shorter, &out));
	char longer[SESSION_TOKEN_HEX + 1];
	snprintf(longer, sizeof longer, "%s0", token);
	assert_false(sessions_get(s, longer, &out));
	/* The CSRF token is not a cookie. */
	assert_false(sessions_get(s, in.csrf, &out));
	assert_true(sessions_get(s, token, &out));
	sessions_free(s);
}

static void idle_expiry(void **state)
{
	(void)state;
	/* A negative timeout expires a session at once: the rule without a
	 * clock to wait for (the integration test waits for a real one). */
	struct sessions *s = sessions_new(-1, LONG);
	struct session_info in = user(1, "manager", ""), out;
	char token[SESSION_TOKEN_HEX];
	sessions_create(s, &in, token);
	assert_false(sessions_get(s, token, &out));
	sessions_free(s);
}

static void absolute_expiry(void **state)
{
	(void)state;
	struct sessions *s = sessions_new(LONG, -1);
	struct session_info in = user(1, "manager", ""), out;
	char token[SESSION_TOKEN_HEX];
	sessions_create(s, &in, token);
	assert_false(sessions_get(s, token, &out));
	sessions_free(s);
}

static void delete_one(void **state)
{
	(void)state;
	struct sessions *s = sessions_new(LONG, LONG);
	struct session_info a = user(1, "manager", ""), b = user(1, "manager", ""), out;
	char ta[SESSION_TOKEN_HEX], tb[SESSION_TOKEN_HEX];
	sessions_create(s, &a, ta);
	sessions_create(s, &b, tb);
	sessions_delete(s, ta);
	assert_false(sessions_get(s, ta, &out));
	assert_true(sessions_get(s, tb, &out));
	sessions_delete(s, ta);   /* twice: nothing happens */
	sessions_delete(s, NULL); /* no cookie: nothing happens */
	sessions_delete(s, "nonsense");
	assert_true(sessions_get(s, tb, &out));
	sessions_free(s);
}

static void delete_user(void **state)
{
	(void)state;
	struct sessions *s = sessions_new(LONG, LONG);
	char tokens[30][SESSION_TOKEN_HEX];
	for (int i = 0; i < 30; i++) {
		struct session_info in = user(i % 3, "family_finder", "");
		sessions_create(s, &in, tokens[i]);
	}
	sessions_delete_user(s, 1);
	struct session_info out;
	for (int i = 0; i < 30; i++) {
		bool live = sessions_get(s, tokens[i], &out);
		assert_int_equal(live, i % 3 != 1);
		if (live)
			assert_int_equal(out.user_id, i % 3);
	}
	sessions_delete_user(s, 99); /* no sessions: nothing happens */
	assert_true(sessions_get(s, tokens[0], &out));
	sessions_free(s);
}

static void many_sessions_grow_the_table(void **state)
{
	(void)state;
	enum { N = 5000 }; /* several times the initial 1024 slots */
	struct sessions *s = sessions_new(LONG, LONG);
	char (*tokens)[SESSION_TOKEN_HEX] = malloc(N * sizeof *tokens);
	assert_non_null(tokens);
	for (int i = 0; i < N; i++) {
		struct session_info in = user(i, "manager", "");
		sessions_create(s, &in, tokens[i]);
	}
	struct session_info out;
	for (int i = 0; i < N; i++) {
		assert_true(sessions_get(s, tokens[i], &out));
		assert_int_equal(out.user_id, i);
	}
	/* Deleting every other one keeps the rest reachable across probes. */
	for (int i = 0; i < N; i += 2)
		sessions_delete(s, tokens[i]);
	for (int i = 0; i < N; i++)
		assert_int_equal(sessions_get(s, tokens[i], &out), i % 2 == 1);
	free(tokens);
	sessions_free(s);
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void churn_does_not_grow_memory(void **state)
{
	(void)state;
	/* 100,000 sign-ins whose sessions have all ended: the table must be
	 * sized by live sessions, not by everything ever created (which would
	 * reach a quarter of a million slots, about 110 MB). */
	struct sessions *s = sessions_new(-1, LONG);
	long before = peak_rss_kb();
	char token[SESSION_TOKEN_HEX];
	for (int i = 0; i < 100000; i++) {
		struct session_info in = user(i, "manager", "");
		sessions_create(s, &in, token);
	}
	long grown = peak_rss_kb() - before;
	sessions_free(s);
	assert_true(grown < 32 * 1024);
}

struct worker {
	struct sessions *s;
	int base;
	int bad;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	char token[SESSION_TOKEN_HEX];
	struct session_info out;
	for (int i = 0; i < 500; i++) {
		struct session_info in = user(w->base + i, "support_worker", "");
		sessions_create(w->s, &in, token);
		if (!sessions_get(w->s, token, &out) || out.user_id != w->base + i)
			w->bad++;
		if (i % 50 == 0)
			sessions_delete(w->s, token);
	}
	return NULL;
}

static void concurrent_use(void **state)
{
	(void)state;
	struct sessions *s = sessions_new(LONG, LONG);
	pthread_t t[4];
	struct worker w[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){ s, i * 1000, 0 };
		pthread_create(&t[i], NULL, work, &w[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].bad, 0);
	}
	sessions_free(s);
}

static void token_compare(void **state)
{
	(void)state;
	const char *a = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	char b[SESSION_TOKEN_HEX];
	memcpy(b, a, sizeof b);
	assert_true(session_token_equal(a, b));
	b[63] = 'e';
	assert_false(session_token_equal(a, b));
	b[63] = 'f';
	b[0] = '1';
	assert_false(session_token_equal(a, b));
	assert_false(session_token_equal(a, "0123"));   /* a prefix */
	assert_false(session_token_equal("0123", a));
	assert_false(session_token_equal(a, NULL));
	assert_false(session_token_equal(NULL, a));
	assert_false(session_token_equal(NULL, NULL));
	assert_false(session_token_equal("", ""));      /* empty matches nothing */
	assert_false(session_token_equal(a, ""));
	assert_true(session_token_equal("x", "x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_and_get),
		cmocka_unit_test(unknown_and_malformed_tokens),
		cmocka_unit_test(idle_expiry),
		cmocka_unit_test(absolute_expiry),
		cmocka_unit_test(delete_one),
		cmocka_unit_test(delete_user),
		cmocka_unit_test(many_sessions_grow_the_table),
		cmocka_unit_test(churn_does_not_grow_memory),
		cmocka_unit_test(concurrent_use),
		cmocka_unit_test(token_compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
