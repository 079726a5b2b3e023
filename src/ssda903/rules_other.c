/* Rules on the smaller tables: UASC, PrevPerm, Missing, DoLo. */
#include <stdlib.h>

#include "ssda903/s903_rules.h"

#define EPI S903_EPISODES
#define MIS S903_MISSING
#define PP S903_PREVPERM
#define DOLO S903_DOLO

static const char *v(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_s(t, c, i);
}

static raa_day d(const struct s903_table *t, enum s903_colid c, size_t i)
{
	return s903_d(t, c, i);
}

/* UASC */

/* DUC not a date, or before the collection year. */
static void r104(struct s903_ctx *c)
{
	const struct s903_table *u = S903_T(c, S903_UASC);
	for (size_t i = 0; i < u->n; i++) {
		raa_day duc = d(u, S903_C_DUC, i);
		if ((duc == DAY_NONE && v(u, S903_C_DUC, i)) || s903_lt(duc, c->r->start))
			s903_flag(c, S903_UASC, i);
	}
}

/* UASC status ceased after the 18th birthday. */
static void r304(struct s903_ctx *c)
{
	const struct s903_table *u = S903_T(c, S903_UASC);
	for (size_t i = 0; i < u->n; i++)
		if (s903_gt(d(u, S903_C_DUC, i), s903_add_years(d(u, S903_C_DOB, i), 18)))
			s903_flag(c, S903_UASC, i);
}

static void rint36(struct s903_ctx *c)
{
	s903_flag_dup_child(c, S903_UASC);
}

/* PrevPerm */

static const char *const LA_CODES[] = {
	"800", "889", "822", "301", "304", "303", "330", "825", "837", "302", "846", "370", "350",
	"890", "867", "380", "305", "801", "351", "873", "823", "895", "896", "381", "909", "202",
	"908", "331", "306", "841", "830", "831", "878", "371", "835", "332", "840", "307", "308",
	"811", "881", "845", "390", "916", "203", "876", "850", "311", "204", "884", "312", "205",
	"313", "805", "919", "310", "309", "420", "921", "206", "207", "886", "810", "382", "314",
	"340", "888", "208", "856", "383", "855", "209", "925", "341", "201", "821", "352", "806",
	"887", "826", "315", "929", "812", "391", "926", "892", "813", "802", "928", "891", "392",
	"316", "815", "353", "931", "879", "836", "851", "874", "807", "354", "317", "870", "318",
	"372", "857", "333", "935", "343", "803", "373", "342", "893", "356", "355", "871", "394",
	"334", "933", "882", "936", "861", "852", "319", "860", "808", "393", "866", "210", "357",
	"894", "883", "880", "358", "211", "937", "869", "320", "359", "865", "384", "335", "336",
	"212", "868", "872", "885", "344", "877", "213", "938", "816", "999", "WAL", "SCO", "NUK",
	"NIR", NULL,
};

static void r633(struct s903_ctx *c)
{
	s903_flag_not_in(c, PP, S903_C_LA_PERM, LA_CODES, false);
}

S903_ROW_RULE(r635, PP,
	      s903_any(t, i, S903_COLS(S903_C_LA_PERM, S903_C_DATE_PERM)) &&
		!v(t, S903_C_PREV_PERM, i))

static void rint35(struct s903_ctx *c)
{
	s903_flag_dup_child(c, PP);
}

/* A child starting care this year needs its previous permanence. */
static void r630(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *p = S903_T(c, PP);
	for (size_t i = 0; i < e->n; i++) {
		if (!s903_eq(v(e, S903_C_RNE, i), "S") ||
		    !s903_ge(d(e, S903_C_DECOM, i), c->r->start))
			continue;
		int n;
		const int *rows = s903_rows(p, e->child[i], &n);
		bool bad = n == 0;
		for (int j = 0; j < n; j++) {
			size_t r = (size_t)rows[j];
			const char *pp = v(p, S903_C_PREV_PERM, r);
			bad |= !pp || (s903_ne(pp, "Z1") &&
				       !s903_all(p, r, S903_COLS(S903_C_LA_PERM, S903_C_DATE_PERM)));
		}
		if (bad)
			s903_flag(c, EPI, i);
	}
}

/* Previous permanence on or after the first episode began, or unreadable. */
static void r632(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *p = S903_T(c, PP);
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int first = s903_pick(e, k, S903_C_DECOM, true, NULL);
		if (first < 0)
			continue;
		int n;
		const int *rows = s903_rows(p, k, &n);
		for (int j = 0; j < n; j++) {
			const char *s = v(p, S903_C_DATE_PERM, (size_t)rows[j]);
			raa_day dp = s903_zz_date(s);
			if (s903_ge(dp, d(e, S903_C_DECOM, (size_t)first)) || (s && dp == DAY_NONE)) {
				s903_flag(c, EPI, (size_t)first);
				s903_flag(c, PP, (size_t)rows[j]);
			}
		}
	}
}

/* Previous permanence given for a child whose last episode began before
 * the collection year. */
static void r634(struct s903_ctx *c)
{
	const struct s903_table *e = S903_T(c, EPI), *p = S903_T(c, PP);
	for (size_t i = 0; i < p->n; i++) {
		if (!s903_any(p, i, S903_COLS(S903_C_PREV_PERM, S903_C_DATE_PERM, S903_C_LA_PERM)))
			continue;
		int last = s903_pick(e, p->child[i], S903_C_DECOM, false, NULL);
		if (last < 0 || !s903_lt(d(e, S903_C_DECOM, (size_t)last), c->r->start))
			continue;
		int n;
		const int *rows = s903_rows(e, p->child[i], &n);
		for (int j = 0; j < n; j++)
			s903_flag(c, EPI, (size_t)rows[j]);
		s903_flag(c, PP, i);
	}
}

/* Missing */

static void r1004(struct s903_ctx *c)
{
	s903_flag_bad_date(c, MIS, S903_C_MIS_START, true);
}

static void r1005(struct s903_ctx *c)
{
	s903_flag_bad_date(c, MIS, S903_C_MIS_END, false);
}

S903_ROW_RULE(r564, MIS,
	      S903_IN(v(t, S903_C_MISSING, i), "M", "A", "m", "a") &&
		!v(t, S903_C_MIS_START, i))

static void flag_given_without_type(struct s903_ctx *c, enum s903_colid col)
{
	const struct s903_table *t = S903_T(c, MIS);
	for (size_t i = 0; i < t->n; i++)
		if (v(t, col, i) && !v(t, S903_C_MISSING, i))
			s903_flag(c, MIS, i);
}

static void r565(struct s903_ctx *c)
{
	flag_given_without_type(c, S903_C_MIS_START);
}

static void r566(struct s903_ctx *c)
{
	flag_given_without_type(c, S903_C_MIS_END);
}

S903_ROW_RULE(r567, MIS,
	      s903_gt(d(t, S903_C_MIS_START, i), d(t, S903_C_MIS_END, i)))

S903_ROW_RULE(r570, MIS,
	      s903_gt(d(t, S903_C_MIS_START, i), c->r->end))

static void flag_outside_year(struct s903_ctx *c, int slot, enum s903_colid col)
{
	const struct s903_table *t = S903_T(c, slot);
	for (size_t i = 0; i < t->n; i++) {
		raa_day x = d(t, col, i);
		if (s903_lt(x, c->r->start) || s903_gt(x, c->r->end))
			s903_flag(c, slot, i);
	}
}

static void r571(struct s903_ctx *c)
{
	flag_outside_year(c, MIS, S903_C_MIS_END);
}

/* Sort key of an interval for the overlap rules: (end or start, start),
 * missing dates last, file order on ties (pandas' sort_values). */
struct span {
	raa_day key, start, end;
	int row;
};

/* Dates ascending, missing last. */
static int day_cmp(raa_day a, raa_day b)
{
	if (a == b)
		return 0;
	if (a == DAY_NONE || b == DAY_NONE)
		return a == DAY_NONE ? 1 : -1;
	return a < b ? -1 : 1;
}

static int span_cmp(const struct span *a, const struct span *b)
{
	int d = day_cmp(a->key, b->key);
	if (!d)
		d = day_cmp(a->start, b->start);
	return d ? d : a->row - b->row;
}

/* Per child, intervals sorted by end (start when open) then start: an
 * interval overlaps when the previous one is open or ends after it starts. */
static void flag_overlaps(struct s903_ctx *c, int slot, enum s903_colid cs, enum s903_colid ce)
{
	const struct s903_table *t = S903_T(c, slot);
	struct span *sp = NULL;
	size_t cap = 0;
	for (int k = 0; k < (int)c->r->nchild; k++) {
		int n;
		const int *rows = s903_rows(t, k, &n);
		if (n < 2)
			continue;
		xgrow((void **)&sp, &cap, (size_t)n, sizeof(*sp));
		for (int j = 0; j < n; j++) {
			size_t r = (size_t)rows[j];
			raa_day s = d(t, cs, r), e = d(t, ce, r);
			sp[j] = (struct span){ e != DAY_NONE ? e : s, s, e, rows[j] };
			for (int m = j; m > 0 && span_cmp(&sp[m - 1], &sp[m]) > 0; m--) {
				struct span tmp = sp[m];
				sp[m] = sp[m - 1];
				sp[m - 1] = tmp;
			}
		}
		for (int j = 1; j < n; j++)
			if (sp[j - 1].end == DAY_NONE || s903_lt(sp[j].start, sp[j - 1].end))
				s903_flag(c, slot, (size_t)sp[j].row);
	}
	free(sp);
}

static void r574(struct s903_ctx *c)
{
	flag_overlaps(c, MIS, S903_C_MIS_START, S903_C_MIS_END);
}

/* Still missing although the episode it began in has ended. */
static void r575(struct s903_ctx *c)
{
	const struct s903_table *m = S903_T(c, MIS), *e = S903_T(c, EPI);
	for (size_t i = 0; i < m->n; i++) {
		raa_day ms = d(m, S903_C_MIS_START, i);
		if (v(m, S903_C_MIS_END, i))
			continue;
		int n;
		const int *rows = s903_rows(e, m->child[i], &n);
		for (int j = 0; j < n; j++)
			if (s903_ge(ms, d(e, S903_C_DECOM, (size_t)rows[j])) &&
			    s903_le(ms, d(e, S903_C_DEC, (size_t)rows[j])))
				s903_flag(c, MIS, i);
	}
}

/* The episode ending on the 18th birthday a missing period ended on must
 * end with REC E8. */
static void r580(struct s903_ctx *c)
{
	const struct s903_table *m = S903_T(c, MIS), *e = S903_T(c, EPI);
	for (size_t i = 0; i < m->n; i++) {
		raa_day me = d(m, S903_C_MIS_END, i);
		if (me == DAY_NONE || me != s903_add_years(d(m, S903_C_DOB, i), 18))
			continue;
		int n;
		const int *rows = s903_rows(e, m->child[i], &n);
		for (int j = 0; j < n; j++)
			if (d(e, S903_C_DEC, (size_t)rows[j]) == me &&
			    s903_ne(v(e, S903_C_REC, (size_t)rows[j]), "E8"))
				s903_flag(c, EPI, (size_t)rows[j]);
	}
}

/* A missing period that starts within none of the child's episodes. */
static void r581(struct s903_ctx *c)
{
	const struct s903_table *m = S903_T(c, MIS), *e = S903_T(c, EPI);
	for (size_t i = 0; i < m->n; i++) {
		raa_day ms = d(m, S903_C_MIS_START, i);
		int n;
		const int *rows = s903_rows(e, m->child[i], &n);
		if (n == 0)
			continue; /* pandas: a left merge gives NaN episodes, kept as not in */
		bool in = false;
		for (int j = 0; j < n && !in; j++) {
			raa_day dec = d(e, S903_C_DEC, (size_t)rows[j]);
			in = s903_ge(ms, d(e, S903_C_DECOM, (size_t)rows[j])) &&
			     (s903_le(ms, dec) || dec == DAY_NONE);
		}
		if (!in)
			s903_flag(c, MIS, i);
	}
}

S903_ROW_RULE(r586, MIS,
	      s903_le(d(t, S903_C_MIS_START, i), d(t, S903_C_DOB, i)))

static void r1006(struct s903_ctx *c)
{
	s903_flag_not_in(c, MIS, S903_C_MISSING, (const char *const[]){ "M", "A", NULL }, false);
}

/* DoLo (deprivation of liberty orders, from 2026/27) */

static void r700(struct s903_ctx *c)
{
	s903_flag_bad_date(c, DOLO, S903_C_DOLO_START, true);
}

static void r701(struct s903_ctx *c)
{
	s903_flag_bad_date(c, DOLO, S903_C_DOLO_END, false);
}

S903_ROW_RULE(r702, DOLO,
	      s903_le(d(t, S903_C_DOLO_END, i), d(t, S903_C_DOLO_START, i)))

S903_ROW_RULE(r703, DOLO,
	      s903_gt(d(t, S903_C_DOLO_START, i), c->r->end))

static void r704(struct s903_ctx *c)
{
	flag_outside_year(c, DOLO, S903_C_DOLO_END);
}

static void r705(struct s903_ctx *c)
{
	flag_overlaps(c, DOLO, S903_C_DOLO_START, S903_C_DOLO_END);
}

S903_ROW_RULE(r708, DOLO,
	      s903_le(d(t, S903_C_DOLO_START, i), d(t, S903_C_DOB, i)))

static void r631(struct s903_ctx *c)
{
	s903_flag_not_in(c, PP, S903_C_PREV_PERM,
			 (const char *const[]){ "P1", "P2", "P3", "P4", "Z1", NULL }, false);
}

/* A period (missing, DoLO) open at the end of last year goes on this year
 * from the same start: otherwise the child's last row this year is
 * flagged (the fixtures flag that one, whatever its start). */
static void open_carried_on(struct s903_ctx *c, int slot, enum s903_colid start,
			    enum s903_colid end)
{
	const struct s903_table *t = S903_T(c, slot), *l = S903_T(c, S903_LAST(slot));
	for (size_t j = 0; j < l->n; j++) {
		if (s903_s(l, end, j) || l->child[j] < 0)
			continue;
		int n;
		const int *rows = s903_rows(t, l->child[j], &n);
		bool same = false;
		for (int i = 0; i < n; i++)
			same |= s903_s(t, start, (size_t)rows[i]) == s903_s(l, start, j) &&
				s903_s(l, start, j);
		if (n && !same)
			s903_flag(c, slot, (size_t)rows[n - 1]);
	}
}

static void r576(struct s903_ctx *c)
{
	open_carried_on(c, MIS, S903_C_MIS_START, S903_C_MIS_END);
}

static void r706(struct s903_ctx *c)
{
	open_carried_on(c, DOLO, S903_C_DOLO_START, S903_C_DOLO_END);
}

/* Inside an episode of child k (an open one runs on). */
static bool in_episode(const struct s903_table *e, int k, raa_day d)
{
	int n;
	const int *rows = s903_rows(e, k, &n);
	for (int j = 0; j < n; j++) {
		raa_day a = s903_d(e, S903_C_DECOM, (size_t)rows[j]);
		raa_day b = s903_d(e, S903_C_DEC, (size_t)rows[j]);
		if (s903_le(a, d) && (b == DAY_NONE || d <= b))
			return true;
	}
	return false;
}

/* The start of child k's current period of care (episodes joined end to
 * start up to an open one), DAY_NONE when the child left care. */
static raa_day open_period_start(const struct s903_table *e, int k, int **buf, size_t *cap)
{
	int n = s903_sorted(e, k, S903_C_DECOM, S903_NCOL, buf, cap);
	if (n == 0 || s903_d(e, S903_C_DEC, (size_t)(*buf)[n - 1]) != DAY_NONE)
		return DAY_NONE;
	int a = n - 1;
	while (a > 0 && s903_d(e, S903_C_DEC, (size_t)(*buf)[a - 1]) ==
				s903_d(e, S903_C_DECOM, (size_t)(*buf)[a]))
		a--;
	return s903_d(e, S903_C_DECOM, (size_t)(*buf)[a]);
}

/* A period (missing, DoLO) must end while the child is looked after: one
 * without an end flags unless it began in the current open period of
 * care; an end outside every episode flags too. */
static void ends_in_care(struct s903_ctx *c, int slot, enum s903_colid start,
			 enum s903_colid end)
{
	const struct s903_table *t = S903_T(c, slot), *e = S903_T(c, EPI);
	int *buf = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < t->n; i++) {
		int k = t->child[i], n;
		s903_rows(e, k, &n);
		if (n == 0)
			continue;
		raa_day s = s903_d(t, start, i), f = s903_d(t, end, i);
		bool bad;
		if (!s903_s(t, end, i)) {
			raa_day open = open_period_start(e, k, &buf, &cap);
			bad = open == DAY_NONE || s903_lt(s, open);
		} else {
			bad = s != DAY_NONE && f != DAY_NONE && !in_episode(e, k, f);
		}
		if (bad)
			s903_flag(c, slot, i);
	}
	free(buf);
}

static void r577(struct s903_ctx *c)
{
	ends_in_care(c, MIS, S903_C_MIS_START, S903_C_MIS_END);
}

static void r707(struct s903_ctx *c)
{
	ends_in_care(c, DOLO, S903_C_DOLO_START, S903_C_DOLO_END);
}

/* A missing period starts while the child is looked after. */
static void r578(struct s903_ctx *c)
{
	const struct s903_table *t = S903_T(c, MIS), *e = S903_T(c, EPI);
	for (size_t i = 0; i < t->n; i++) {
		int n;
		s903_rows(e, t->child[i], &n);
		raa_day s = s903_d(t, S903_C_MIS_START, i);
		if (n && s != DAY_NONE && !in_episode(e, t->child[i], s))
			s903_flag(c, MIS, i);
	}
}

#define TU S903_TB(S903_UASC)
#define TP S903_TB(PP)
#define TE S903_TB(EPI)
#define TM S903_TB(MIS)
#define TD S903_TB(DOLO)
static const struct s903_rule_impl IMPL[] = {
	{ "104", 2022, TU, 0, r104 },
	{ "631", 2022, TP, 0, r631 },
	{ "576", 2022, TM | S903_TB(S903_LAST(MIS)), 0, r576 },
	{ "706", 2026, TD | S903_TB(S903_LAST(DOLO)), 0, r706 },
	{ "577", 2022, TM | TE, 0, r577 },
	{ "707", 2026, TD | TE, 0, r707 },
	{ "578", 2022, TM | TE, 0, r578 },
	{ "304", 2022, TU, 0, r304 },
	{ "INT36", 2022, TU, 0, rint36 },
	{ "633", 2022, TP, 0, r633 },
	{ "635", 2022, TP, 0, r635 },
	{ "INT35", 2022, TP, 0, rint35 },
	{ "630", 2022, TP | TE, 0, r630 },
	{ "632", 2022, TP | TE, 0, r632 },
	{ "634", 2022, TP | TE, 0, r634 },
	{ "1004", 2022, TM, 0, r1004 },
	{ "1005", 2022, TM, 0, r1005 },
	{ "1006", 2022, TM, 0, r1006 },
	{ "564", 2022, TM, 0, r564 },
	{ "565", 2022, TM, 0, r565 },
	{ "566", 2022, TM, 0, r566 },
	{ "567", 2022, TM, 0, r567 },
	{ "570", 2022, TM, 0, r570 },
	{ "571", 2022, TM, 0, r571 },
	{ "574", 2022, TM, 0, r574 },
	{ "575", 2022, TM | TE, 0, r575 },
	{ "580", 2022, TM | TE, 0, r580 },
	{ "581", 2022, TM | TE, 0, r581 },
	{ "586", 2022, TM, 0, r586 },
	{ "700", 2026, TD, 0, r700 },
	{ "701", 2026, TD, 0, r701 },
	{ "702", 2026, TD, 0, r702 },
	{ "703", 2026, TD, 0, r703 },
	{ "704", 2026, TD, 0, r704 },
	{ "705", 2026, TD, 0, r705 },
	{ "708", 2026, TD, 0, r708 },
};

const struct s903_impl_list s903_impl_other = { IMPL, sizeof(IMPL) / sizeof(IMPL[0]) };
