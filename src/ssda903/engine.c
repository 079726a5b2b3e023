/* s903 engine: which rule version is in force, running rules, the report. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/str.h"
#include "ssda903/s903_rules.h"

static const struct s903_impl_list *const LISTS[] = {
	&s903_impl_header, &s903_impl_episodes, &s903_impl_ad1, &s903_impl_placed,
	&s903_impl_other, &s903_impl_oc, &s903_impl_reviews, &s903_impl_sw, &s903_impl_int,
	&s903_impl_ref,
};

const struct s903_year_rules *s903_year(int year)
{
	for (size_t i = 0; i < s903_nyears; i++)
		if (s903_years[i].year == year)
			return &s903_years[i];
	return NULL;
}

const struct s903_rule_info *s903_rule_info(int year, const char *code)
{
	const struct s903_year_rules *y = s903_year(year);
	for (size_t i = 0; y && i < y->n; i++)
		if (strcmp(y->rules[i].code, code) == 0)
			return &y->rules[i];
	return NULL;
}

const struct s903_rule_impl *s903_rule_impl(int year, const char *code)
{
	const struct s903_rule_info *info = s903_rule_info(year, code);
	if (!info)
		return NULL;
	const struct s903_rule_impl *best = NULL;
	for (size_t l = 0; l < sizeof(LISTS) / sizeof(LISTS[0]); l++)
		for (size_t i = 0; i < LISTS[l]->n; i++) {
			const struct s903_rule_impl *m = &LISTS[l]->v[i];
			if (m->since <= year && strcmp(m->code, code) == 0 &&
			    (!best || m->since > best->since))
				best = m;
		}
	return best && best->since == info->version ? best : NULL;
}

const struct s903_rule_impl *s903_rule_impl_exact(const char *code, int since)
{
	for (size_t l = 0; l < sizeof(LISTS) / sizeof(LISTS[0]); l++)
		for (size_t i = 0; i < LISTS[l]->n; i++)
			if (LISTS[l]->v[i].since == since && strcmp(LISTS[l]->v[i].code, code) == 0)
				return &LISTS[l]->v[i];
	return NULL;
}

void s903_flag(struct s903_ctx *c, int slot, size_t row)
{
	xgrow((void **)&c->hits, &c->cap, c->nhits + 1, sizeof(*c->hits));
	c->hits[c->nhits++] = (struct s903_hit){ slot, (int)row };
}

/* Tables in the report's order (by name), ranked once: hits are sorted on
 * integers, never by comparing names. */
static uint32_t slot_rank[S903_NSLOT];
static pthread_once_t slot_rank_once = PTHREAD_ONCE_INIT;

static int slot_cmp(const void *a, const void *b)
{
	return strcmp(s903_tab_name(*(const int *)a), s903_tab_name(*(const int *)b));
}

static void rank_slots(void)
{
	int slots[S903_NSLOT];
	for (int i = 0; i < S903_NSLOT; i++)
		slots[i] = i;
	qsort(slots, S903_NSLOT, sizeof(*slots), slot_cmp);
	for (int i = 0; i < S903_NSLOT; i++)
		slot_rank[slots[i]] = (uint32_t)i;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static uint64_t hit_key(struct s903_hit h)
{
	return (uint64_t)slot_rank[h.slot] << 32 | (uint32_t)((int64_t)h.row - INT32_MIN);
}

static struct s903_hit hit_of_key(uint64_t k, const int *slot_of_rank)
{
	return (struct s903_hit){ slot_of_rank[k >> 32], (int)((int64_t)(uint32_t)k + INT32_MIN) };
}

void s903_hits_sort(struct s903_ctx *c)
{
	pthread_once(&slot_rank_once, rank_slots);
	if (c->nhits < 2)
		return;
	int slot_of_rank[S903_NSLOT];
	for (int s = 0; s < S903_NSLOT; s++)
		slot_of_rank[slot_rank[s]] = s;
	uint64_t *k = xmalloc(c->nhits * sizeof(*k));
	for (size_t i = 0; i < c->nhits; i++)
		k[i] = hit_key(c->hits[i]);
	qsort(k, c->nhits, sizeof(*k), u64_cmp);
	size_t n = 0;
	for (size_t i = 0; i < c->nhits; i++)
		if (n == 0 || k[i] != k[n - 1])
			k[n++] = k[i];
	for (size_t i = 0; i < n; i++)
		c->hits[i] = hit_of_key(k[i], slot_of_rank);
	c->nhits = n;
	free(k);
}

void s903_ctx_free(struct s903_ctx *c)
{
	free(c->hits);
	c->hits = NULL;
	c->nhits = c->cap = 0;
}

int s903_run_rule(const struct s903_rule_impl *impl, const struct s903_return *r,
		  struct s903_ctx *c, const char **why)
{
	c->r = r;
	c->nhits = 0;
	*why = s903_ref_missing(r->ref, r->have_derived, impl->ref);
	if (*why)
		return 0;
	if (!impl->fn) {
		*why = "not implemented in raa yet";
		return 0;
	}
	for (int s = 0; s < S903_NSLOT; s++)
		if ((impl->needs & S903_TB(s)) && !r->tab[s].present) {
			*why = s >= S903_NTAB ? "needs the previous year's return (--previous)"
					      : "a table it reads was not given";
			return 0;
		}
	impl->fn(c);
	s903_hits_sort(c);
	return 1;
}

int s903_code_cmp(const char *a, const char *b)
{
	return str_natcmp(a, b);
}

struct coded {
	const char *code;
	size_t i;
};

static int coded_cmp(const void *a, const void *b)
{
	return s903_code_cmp(((const struct coded *)a)->code, ((const struct coded *)b)->code);
}

/* The year's rules in the report's order (codes in natural order). Running
 * them in this order, each rule's hits sorted by table and row, yields the
 * errors already sorted: nothing is sorted afterwards. */
static size_t *report_order(const struct s903_year_rules *y)
{
	struct coded *c = xmalloc((y->n + 1) * sizeof(*c));
	for (size_t i = 0; i < y->n; i++)
		c[i] = (struct coded){ y->rules[i].code, i };
	qsort(c, y->n, sizeof(*c), coded_cmp);
	size_t *order = xmalloc((y->n + 1) * sizeof(*order));
	for (size_t i = 0; i < y->n; i++)
		order[i] = c[i].i;
	free(c);
	return order;
}

/* The rules are independent and read the return only, so they run on
 * every core: each worker takes the next rule in report order and keeps
 * its hits in its own array; the report is then assembled in order. */
#define MAX_WORKERS 8

struct rule_result {
	const char *why; /* NULL: ran */
	int worker;
	size_t off, n; /* its hits in that worker's array */
};

struct run {
	const struct s903_return *r;
	const struct s903_year_rules *y;
	const size_t *order;
	struct rule_result *res;
	atomic_size_t next;
};

struct worker {
	struct run *run;
	int id;
	struct s903_hit *hits;
	size_t n, cap;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct run *run = w->run;
	struct s903_ctx c = { 0 };
	for (size_t i; (i = atomic_fetch_add(&run->next, 1)) < run->y->n;) {
		const struct s903_rule_info *info = &run->y->rules[run->order[i]];
		const struct s903_rule_impl *impl = s903_rule_impl(run->r->year, info->code);
		struct rule_result *res = &run->res[i];
		res->why = "not implemented in raa yet";
		if (!impl || !s903_run_rule(impl, run->r, &c, &res->why))
			continue;
		*res = (struct rule_result){ NULL, w->id, w->n, c.nhits };
		if (c.nhits == 0)
			continue; /* c.hits may be NULL: no memcpy from it */
		xgrow((void **)&w->hits, &w->cap, w->n + c.nhits, sizeof(*w->hits));
		memcpy(w->hits + w->n, c.hits, c.nhits * sizeof(*c.hits));
		w->n += c.nhits;
	}
	s903_ctx_free(&c);
	return NULL;
}

static int nworkers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}

/* Runs every rule of y on r; the main thread is worker 0. */
static void run_rules(struct run *run, struct worker *w, int nw)
{
	pthread_t th[MAX_WORKERS];
	int started = 1;
	for (int i = 0; i < nw; i++)
		w[i] = (struct worker){ .run = run, .id = i };
	for (; started < nw; started++)
		if (pthread_create(&th[started], NULL, work, &w[started]) != 0)
			break; /* the workers started so far share the rules */
	work(&w[0]);
	for (int i = 1; i < started; i++)
		pthread_join(th[i], NULL);
}

int s903_validate(const struct s903_return *r, struct s903_report *rep, struct raa_err *err)
{
	memset(rep, 0, sizeof(*rep));
	const struct s903_year_rules *y = s903_year(r->year);
	if (!y)
		return raa_err_set(err, RAA_EINVAL,
				   "--year: %d/%02d: raa has no SSDA903 rules for that collection year "
				   "(2022/23 to 2026/27)",
				   r->year, (r->year + 1) % 100);
	rep->year = r->year;
	rep->skipped = xcalloc(y->n, sizeof(*rep->skipped));
	struct run run = { .r = r, .y = y, .order = report_order(y),
			   .res = xcalloc(y->n + 1, sizeof(*run.res)) };
	atomic_init(&run.next, 0);
	struct worker w[MAX_WORKERS];
	int nw = nworkers();
	run_rules(&run, w, nw);
	size_t total = 0;
	for (int i = 0; i < nw; i++)
		total += w[i].n;
	rep->errors = xmalloc((total ? total : 1) * sizeof(*rep->errors));
	rep->cap = total;
	for (size_t i = 0; i < y->n; i++) {
		const struct s903_rule_info *info = &y->rules[run.order[i]];
		const struct rule_result *res = &run.res[i];
		if (res->why) {
			rep->skipped[rep->nskipped++] = (struct s903_skip){ info->code, res->why };
			continue;
		}
		rep->nrun++;
		const struct s903_hit *h = res->n ? w[res->worker].hits + res->off : NULL;
		for (size_t k = 0; k < res->n; k++)
			rep->errors[rep->nerrors++] = (struct s903_error){
				.rule = info->code,
				.slot = h[k].slot,
				.row = h[k].row,
				.child = s903_s(&r->tab[h[k].slot], S903_C_CHILD, (size_t)h[k].row),
				.info = info,
			};
	}
	for (int i = 0; i < nw; i++)
		free(w[i].hits);
	free(run.res);
	free((void *)run.order);
	return 0;
}

void s903_report_free(struct s903_report *rep)
{
	free(rep->errors);
	free(rep->skipped);
	memset(rep, 0, sizeof(*rep));
}
