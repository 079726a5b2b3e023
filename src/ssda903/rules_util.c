/* Helpers shared by the rule functions: code lists, numbers, date checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ssda903/s903_rules.h"

bool s903_in(const char *s, const char *const *list)
{
	if (!s)
		return false;
	/* Rules test every cell against code lists: the first byte settles
	 * most comparisons without a call. */
	for (; *list; list++)
		if ((*list)[0] == s[0] && strcmp(s, *list) == 0)
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

void s903_flag_rows(struct s903_ctx *c, int slot, s903_cell_pred pred)
{
	const struct s903_table *t = &c->r->tab[slot];
	for (size_t i = 0; i < t->n; i++)
		if (pred(c, t, i))
			s903_flag(c, slot, i);
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

raa_day s903_add_years(raa_day d, int years)
{
	return d == DAY_NONE ? DAY_NONE : date_add_months(d, 12 * years);
}

bool s903_any(const struct s903_table *t, size_t i, const enum s903_colid *cols)
{
	for (; *cols != S903_NCOL; cols++)
		if (s903_s(t, *cols, i))
			return true;
	return false;
}

bool s903_all(const struct s903_table *t, size_t i, const enum s903_colid *cols)
{
	for (; *cols != S903_NCOL; cols++)
		if (!s903_s(t, *cols, i))
			return false;
	return true;
}

/* The reference's CONTINUOUSLY_LOOKED_AFTER (utils.py): in care during the
 * year and no episode that starts a period of care after the start (RNE S),
 * ends one before the end (REC other than X1) or is a short break (V3/V4). */
bool *s903_cla(const struct s903_return *r)
{
	bool *in = xcalloc(r->nchild + 1, sizeof(*in));
	bool *broken = xcalloc(r->nchild + 1, sizeof(*broken));
	const struct s903_table *e = &r->tab[S903_EPISODES];
	raa_day start = r->start, end = r->end;
	for (size_t i = 0; i < e->n; i++) {
		int k = e->child[i];
		if (k < 0)
			continue;
		raa_day decom = s903_d(e, S903_C_DECOM, i), dec = s903_d(e, S903_C_DEC, i);
		bool during = s903_le(decom, end) && (s903_ge(dec, start) || dec == DAY_NONE);
		bool enters = s903_eq(s903_s(e, S903_C_RNE, i), "S") && s903_gt(decom, start) &&
			      s903_le(decom, end);
		bool leaves = s903_ne(s903_s(e, S903_C_REC, i), "X1") && s903_ge(dec, start) &&
			      s903_lt(dec, end);
		bool v3v4 = S903_IN(s903_s(e, S903_C_LS, i), "V3", "V4") && during;
		in[k] |= during;
		broken[k] |= enters || leaves || v3v4;
	}
	for (size_t k = 0; k < r->nchild; k++)
		in[k] = in[k] && !broken[k];
	free(broken);
	return in;
}

bool s903_cla_row(const bool *cla, const struct s903_table *t, size_t i)
{
	return t->child[i] >= 0 && cla[t->child[i]];
}

void s903_flag_dup_child(struct s903_ctx *c, int slot)
{
	const struct s903_table *t = S903_T(c, slot);
	for (size_t i = 0; i < t->n; i++) {
		int n;
		s903_rows(t, t->child[i], &n);
		if (n > 1)
			s903_flag(c, slot, i);
	}
}

/* a before b in (col, col2) order, missing dates last */
static bool date_before(raa_day a, raa_day b)
{
	return a != DAY_NONE && (b == DAY_NONE || a < b);
}

static bool row_before(const struct s903_table *t, enum s903_colid col, enum s903_colid col2,
		       int a, int b)
{
	raa_day x = s903_d(t, col, (size_t)a), y = s903_d(t, col, (size_t)b);
	if (x != y)
		return date_before(x, y);
	return col2 != S903_NCOL &&
	       date_before(s903_d(t, col2, (size_t)a), s903_d(t, col2, (size_t)b));
}

int s903_sorted(const struct s903_table *t, int k, enum s903_colid col, enum s903_colid col2,
		int **buf, size_t *cap)
{
	int n;
	const int *rows = s903_rows(t, k, &n);
	xgrow((void **)buf, cap, (size_t)n + 1, sizeof(**buf));
	int *v = *buf;
	/* insertion sort: stable, and a child has few rows */
	for (int j = 0; j < n; j++) {
		int m = j;
		for (; m > 0 && row_before(t, col, col2, rows[j], v[m - 1]); m--)
			v[m] = v[m - 1];
		v[m] = rows[j];
	}
	return n;
}

raa_day s903_zz_date(const char *s)
{
	char dd[3], mm[3], yy[5];
	if (!s || sscanf(s, "%2[^/]/%2[^/]/%4[^/]", dd, mm, yy) != 3 ||
	    strlen(s) != strlen(dd) + strlen(mm) + strlen(yy) + 2)
		return DAY_NONE;
	bool zd = strcmp(dd, "ZZ") == 0, zm = strcmp(mm, "ZZ") == 0;
	char buf[16];
	snprintf(buf, sizeof(buf), "%s/%s/%s", zd ? "01" : dd, zm ? "01" : mm,
		 strcmp(yy, "ZZZZ") == 0 ? "2000" : yy);
	raa_day day;
	if (date_parse_dmy(buf, &day) < 0)
		return DAY_NONE;
	if (zm) /* the offset of the last ZZ wins: to the year's end */
		return date_add_months(day, 12) - 1;
	if (zd)
		return date_add_months(day, 1) - 1;
	return day;
}
