#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "domain/assign.h"

#define N_MAX 8

/* A dense weight table (0 = no edge) turned into the sparse graph. */
struct dense {
	int nl, nr;
	int64_t w[N_MAX][N_MAX];
	size_t start[N_MAX + 1];
	struct assign_edge e[N_MAX * N_MAX];
	struct assign_graph g;
};

static const struct assign_graph *graph(struct dense *d)
{
	size_t n = 0;
	for (int i = 0; i < d->nl; i++) {
		d->start[i] = n;
		for (int j = 0; j < d->nr; j++)
			if (d->w[i][j] > 0)
				d->e[n++] = (struct assign_edge){ j, d->w[i][j] };
	}
	d->start[d->nl] = n;
	d->g = (struct assign_graph){ (size_t)d->nl, (size_t)d->nr, d->start, d->e };
	return &d->g;
}

/* Every matching, by recursion over the left vertices. */
static int64_t brute(const struct dense *d, int i, bool *used)
{
	if (i == d->nl)
		return 0;
	int64_t best = brute(d, i + 1, used); /* i unmatched */
	for (int j = 0; j < d->nr; j++) {
		if (used[j] || d->w[i][j] <= 0)
			continue;
		used[j] = true;
		int64_t v = d->w[i][j] + brute(d, i + 1, used);
		used[j] = false;
		if (v > best)
			best = v;
	}
	return best;
}

/* The returned matching is a matching, uses real edges, and weighs what
 * assign_solve says. */
static int64_t check_matching(const struct dense *d, const int32_t *m)
{
	bool used[N_MAX] = { false };
	int64_t sum = 0;
	for (int i = 0; i < d->nl; i++) {
		if (m[i] < 0)
			continue;
		assert_true(m[i] < d->nr);
		assert_false(used[m[i]]);
		used[m[i]] = true;
		assert_true(d->w[i][m[i]] > 0);
		sum += d->w[i][m[i]];
	}
	return sum;
}

static uint64_t rng_state = 88172645463325252ull;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_empty(void **state)
{
	(void)state;
	struct dense d = { .nl = 3, .nr = 2 };
	int32_t m[N_MAX];
	assert_int_equal(assign_solve(graph(&d), m), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(m[i], -1);
}

/* 2 x 2 cases: weights w00, w01, w10, w11 (0 = no edge), the best total
 * and the right vertex of each left vertex. */
static void test_two_by_two(void **state)
{
	(void)state;
	static const struct {
		int64_t w[4], total;
		int32_t m0, m1;
	} T[] = {
		/* greedy first-come (left 0 takes its best, right 0) places one; the
		 * optimum moves left 0 to right 1 and places both */
		{ { 10, 9, 5, 0 }, 14, 1, 0 },
		/* a heavier single pair beats two light ones: weight, not cardinality */
		{ { 100, 1, 1, 0 }, 100, 0, -1 },
		{ { 0, 0, 0, 7 }, 7, -1, 1 },
		{ { 3, 3, 3, 3 }, 6, 0, 1 },
	};
	for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
		struct dense d = { .nl = 2, .nr = 2 };
		for (int k = 0; k < 4; k++)
			d.w[k / 2][k % 2] = T[i].w[k];
		int32_t m[N_MAX];
		assert_int_equal(assign_solve(graph(&d), m), T[i].total);
		if (T[i].w[0] != T[i].w[1] || T[i].w[0] != 3) { /* all-equal: either is optimal */
			assert_int_equal(m[0], T[i].m0);
			assert_int_equal(m[1], T[i].m1);
		}
	}
}

/* A long augmenting path: each left vertex prefers the right vertex the
 * next one needs. */
static void test_chain(void **state)
{
	(void)state;
	struct dense d = { .nl = 5, .nr = 5 };
	for (int i = 0; i < 5; i++) {
		d.w[i][i] = 100;
		if (i + 1 < 5)
			d.w[i][i + 1] = 101;
	}
	int32_t m[N_MAX];
	assert_int_equal(assign_solve(graph(&d), m), 500);
	for (int i = 0; i < 5; i++)
		assert_int_equal(m[i], i);
}

static void random_trials(int trials, int maxn, int64_t maxw, bool lexicographic)
{
	for (int t = 0; t < trials; t++) {
		struct dense d = { .nl = 1 + (int)(rnd() % (uint64_t)maxn),
				   .nr = 1 + (int)(rnd() % (uint64_t)maxn) };
		int density = 20 + (int)(rnd() % 70);
		for (int i = 0; i < d.nl; i++) {
			int64_t size = 1 + (int64_t)(rnd() % 3);
			for (int j = 0; j < d.nr; j++) {
				if ((int)(rnd() % 100) >= density)
					continue;
				int64_t w = 1 + (int64_t)(rnd() % (uint64_t)maxw);
				/* the pool's shape: size * BIG + score */
				d.w[i][j] = lexicographic ? size * 1000000 + w : w;
			}
		}
		bool used[N_MAX] = { false };
		int64_t want = brute(&d, 0, used);
		int32_t m[N_MAX];
		int64_t got = assign_solve(graph(&d), m);
		assert_int_equal(got, want);
		assert_int_equal(check_matching(&d, m), want);
	}
}

static void test_random_against_brute_force(void **state)
{
	(void)state;
	random_trials(3000, 6, 50, false);
	random_trials(3000, 6, 3, false); /* many ties */
	random_trials(2000, 6, 500, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_two_by_two),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_random_against_brute_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
