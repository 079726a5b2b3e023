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

static int error_cmp(const void *a, const void *b)
{
	const struct s903_error *x = a, *y = b;
	/* One rule's errors share its code's string: most comparisons of a
	 * big report are within one rule and need no string compare. */
	int d = x->rule == y->rule ? 0 : s903_code_cmp(x->rule, y->rule);
	if (d)
		return d;
	if (x->slot != y->slot)
		return strcmp(s903_tab_name(x->slot), s903_tab_name(y->slot));
	return (x->row > y->row) - (x->row < y->row);
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
		qsort(rep->errors, rep->nerrors, sizeof(*rep->errors), error_cmp);
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
