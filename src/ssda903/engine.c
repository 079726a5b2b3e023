/* s903 engine: which rule version is in force, running rules, the report. */
#include <stdlib.h>
#include <string.h>

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

static int hit_cmp(const void *a, const void *b)
{
	const struct s903_hit *x = a, *y = b;
	if (x->slot != y->slot)
		return strcmp(s903_tab_name(x->slot), s903_tab_name(y->slot));
	return (x->row > y->row) - (x->row < y->row);
}

void s903_hits_sort(struct s903_ctx *c)
{
	if (c->nhits)
		qsort(c->hits, c->nhits, sizeof(*c->hits), hit_cmp);
	size_t k = 0;
	for (size_t i = 0; i < c->nhits; i++)
		if (k == 0 || c->hits[k - 1].slot != c->hits[i].slot ||
		    c->hits[k - 1].row != c->hits[i].row)
			c->hits[k++] = c->hits[i];
	c->nhits = k;
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

/* An error's place in the report as one number: the rule's code in
 * natural order, then its table's name, then its row; ties keep the order
 * they were found in. */
struct keyed {
	uint64_t key;
	size_t at;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

struct coded {
	const char *code;
	size_t i;
};

static int coded_cmp(const void *a, const void *b)
{
	return s903_code_cmp(((const struct coded *)a)->code, ((const struct coded *)b)->code);
}

static int slot_cmp(const void *a, const void *b)
{
	return strcmp(s903_tab_name(*(const int *)a), s903_tab_name(*(const int *)b));
}

/* Sorting half a million errors by comparing rule codes as strings cost
 * more than finding them: rank the ~300 codes and ~24 tables once, then
 * sort integers. */
static void sort_errors(struct s903_report *rep, const struct s903_year_rules *y)
{
	struct coded *order = xmalloc((y->n + 1) * sizeof(*order));
	uint32_t *rule_rank = xmalloc((y->n + 1) * sizeof(*rule_rank));
	for (size_t i = 0; i < y->n; i++)
		order[i] = (struct coded){ y->rules[i].code, i };
	qsort(order, y->n, sizeof(*order), coded_cmp);
	for (size_t i = 0; i < y->n; i++)
		rule_rank[order[i].i] = (uint32_t)i;
	int slots[S903_NSLOT];
	uint32_t slot_rank[S903_NSLOT];
	for (int i = 0; i < S903_NSLOT; i++)
		slots[i] = i;
	qsort(slots, S903_NSLOT, sizeof(*slots), slot_cmp);
	for (int i = 0; i < S903_NSLOT; i++)
		slot_rank[slots[i]] = (uint32_t)i;
	struct keyed *k = xmalloc(rep->nerrors * sizeof(*k));
	for (size_t i = 0; i < rep->nerrors; i++) {
		const struct s903_error *e = &rep->errors[i];
		uint64_t row = (uint64_t)((int64_t)e->row + INT32_MAX + 1);
		k[i] = (struct keyed){ .key = (uint64_t)rule_rank[e->info - y->rules] << 40 |
					      (uint64_t)slot_rank[e->slot] << 32 | row,
				       .at = i };
	}
	qsort(k, rep->nerrors, sizeof(*k), keyed_cmp);
	struct s903_error *sorted = xmalloc(rep->nerrors * sizeof(*sorted));
	for (size_t i = 0; i < rep->nerrors; i++)
		sorted[i] = rep->errors[k[i].at];
	free(rep->errors);
	rep->errors = sorted;
	rep->cap = rep->nerrors;
	free(k);
	free(rule_rank);
	free(order);
}

static int skip_cmp(const void *a, const void *b)
{
	return s903_code_cmp(((const struct s903_skip *)a)->rule, ((const struct s903_skip *)b)->rule);
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
	struct s903_ctx c = { 0 };
	for (size_t i = 0; i < y->n; i++) {
		const struct s903_rule_info *info = &y->rules[i];
		const struct s903_rule_impl *impl = s903_rule_impl(r->year, info->code);
		const char *why = "not implemented in raa yet";
		if (!impl || !s903_run_rule(impl, r, &c, &why)) {
			rep->skipped[rep->nskipped++] = (struct s903_skip){ info->code, why };
			continue;
		}
		rep->nrun++;
		for (size_t h = 0; h < c.nhits; h++) {
			const struct s903_table *t = &r->tab[c.hits[h].slot];
			xgrow((void **)&rep->errors, &rep->cap, rep->nerrors + 1, sizeof(*rep->errors));
			rep->errors[rep->nerrors++] = (struct s903_error){
				.rule = info->code,
				.slot = c.hits[h].slot,
				.row = c.hits[h].row,
				.child = s903_s(t, S903_C_CHILD, (size_t)c.hits[h].row),
				.info = info,
			};
		}
	}
	s903_ctx_free(&c);
	if (rep->nerrors)
		sort_errors(rep, y);
	if (rep->nskipped)
		qsort(rep->skipped, rep->nskipped, sizeof(*rep->skipped), skip_cmp);
	return 0;
}

void s903_report_free(struct s903_report *rep)
{
	free(rep->errors);
	free(rep->skipped);
	memset(rep, 0, sizeof(*rep));
}
