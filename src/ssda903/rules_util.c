/* Helpers shared by the rule functions: code lists, numbers, date checks. */
#include <stdlib.h>
#include <string.h>

#include "ssda903/s903_rules.h"

bool s903_in(const char *s, const char *const *list)
{
	if (!s)
		return false;
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

long s903_int(const char *s)
{
	if (!s || !*s)
		return -1;
	char *end;
	long v = strtol(s, &end, 10);
	/* "3.0": pandas reads a numeric column with blanks as floats. */
	if (*end == '.') {
		end++;
		while (*end == '0')
			end++;
	}
	return *end || end == s || v < 0 ? -1 : v;
}

void s903_flag_blank(struct s903_ctx *c, int slot, enum s903_colid col)
{
	const struct s903_table *t = &c->r->tab[slot];
	for (size_t i = 0; i < t->n; i++)
		if (!s903_s(t, col, i))
			s903_flag(c, slot, i);
}

void s903_flag_not_in(struct s903_ctx *c, int slot, enum s903_colid col,
		      const char *const *list, bool blank_is_error)
{
	const struct s903_table *t = &c->r->tab[slot];
	for (size_t i = 0; i < t->n; i++) {
		const char *v = s903_s(t, col, i);
		if (v ? !s903_in(v, list) : blank_is_error)
			s903_flag(c, slot, i);
	}
}

void s903_flag_bad_date(struct s903_ctx *c, int slot, enum s903_colid col, bool blank_is_error)
{
	const struct s903_table *t = &c->r->tab[slot];
	for (size_t i = 0; i < t->n; i++) {
		const char *v = s903_s(t, col, i);
		if (v ? s903_d(t, col, i) == DAY_NONE : blank_is_error)
			s903_flag(c, slot, i);
	}
}

int s903_pick(const struct s903_table *t, int k, enum s903_colid col, bool earliest,
	      s903_row_pred keep)
{
	int n, best = -1;
	const int *rows = s903_rows(t, k, &n);
	raa_day bd = DAY_NONE;
	for (int i = 0; i < n; i++) {
		raa_day d = s903_d(t, col, (size_t)rows[i]);
		if (d == DAY_NONE || (keep && !keep(t, rows[i])))
			continue;
		if (best < 0 || (earliest ? d < bd : d > bd)) {
			best = rows[i];
			bd = d;
		}
	}
	return best;
}

void s903_join(struct s903_ctx *c, int a, s903_row_pred keep_a, int b, s903_pair_pred pred,
	       unsigned which)
{
	const struct s903_table *ta = &c->r->tab[a], *tb = &c->r->tab[b];
	for (size_t i = 0; i < ta->n; i++) {
		if (keep_a && !keep_a(ta, (int)i))
			continue;
		int n;
		const int *rows = s903_rows(tb, ta->child[i], &n);
		for (int j = 0; j < n; j++) {
			if (!pred(c, ta, i, tb, (size_t)rows[j]))
				continue;
			if (which & S903_FLAG_A)
				s903_flag(c, a, i);
			if (which & S903_FLAG_B)
				s903_flag(c, b, (size_t)rows[j]);
		}
	}
}
