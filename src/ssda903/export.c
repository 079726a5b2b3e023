/*
 * s903 export: AD1 and PlacedAdoption from journeys.
 *
 * A "decision" is a should_be_placed and everything until the plan_changed
 * that reverses it (a second should_be_placed while one is open is the same
 * decision). PlacedAdoption has a row for each decision open at some time
 * in the year; AD1 a row for each child adopted in the year. The rows are
 * shaped so the DfE's rules accept them (docs/ssda903-import.md says which
 * rule forces what).
 */
#include "ssda903/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csv.h"
#include "core/str.h"
#include "domain/journey.h"
#include "ssda903/s903_rules.h"

struct decision {
	raa_day start, ceased;
	const struct event_rec *reversal; /* the plan_changed, or NULL */
};

struct exporter {
	const struct snapshot *snap;
	raa_day ys, ye; /* the collection year */
	struct s903_export_result *res;
	FILE *ad1, *placed;
	struct buf line;
	/* the child being written */
	const struct snap_child *c;
	struct decision *dec;
	size_t ndec, cap;
};

void s903_export_result_init(struct s903_export_result *res)
{
	memset(res, 0, sizeof *res);
	buf_init(&res->notes, 0);
}

void s903_export_result_free(struct s903_export_result *res)
{
	buf_free(&res->notes);
}

static void note(struct exporter *x, const char *what)
{
	buf_printf(&x->res->notes, "%s (CHILD %s): %s\n", x->c->rec.id, x->c->rec.la_child_id, what);
}

static void write_row(struct exporter *x, FILE *fp, const char *const *v, size_t n)
{
	buf_reset(&x->line);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&x->line, ',');
		csv_write_field(&x->line, v[i]);
	}
	buf_putc(&x->line, '\n');
	fputs(buf_cstr(&x->line), fp);
}

/* The value of KEY=VALUE in an event's detail (as the import writes it),
 * if it is one of allowed; else NULL. */
static const char *detail_code(const struct event_rec *e, const char *key,
			       const char *const *allowed, char *out, size_t outsz)
{
	if (!e || !e->detail)
		return NULL;
	size_t kl = strlen(key);
	for (const char *p = e->detail; (p = strstr(p, key)); p += kl) {
		bool word = p == e->detail || p[-1] == ' ' || p[-1] == ':';
		if (!word || p[kl] != '=')
			continue;
		size_t n = strcspn(p + kl + 1, " ;,");
		if (n == 0 || n >= outsz)
			return NULL;
		memcpy(out, p + kl + 1, n);
		out[n] = '\0';
		str_upper(out, outsz, out);
		return s903_in(out, allowed) ? out : NULL;
	}
	return NULL;
}

static bool counts(const struct journey *j, const struct event_rec *e)
{
	return !journey_superseded(j, e);
}

/* The child's decisions, in journey order. */
static void find_decisions(struct exporter *x)
{
	const struct journey *j = &x->c->j;
	x->ndec = 0;
	for (size_t i = 0; i < j->n; i++) {
		const struct event_rec *e = j->ev[i];
		if (!counts(j, e))
			continue;
		bool open = x->ndec && x->dec[x->ndec - 1].ceased == DAY_NONE;
		if (e->kind == EV_SHOULD_BE_PLACED && !open) {
			xgrow((void **)&x->dec, &x->cap, x->ndec + 1, sizeof *x->dec);
			x->dec[x->ndec++] = (struct decision){ e->date, DAY_NONE, NULL };
		} else if (e->kind == EV_PLAN_CHANGED && open) {
			x->dec[x->ndec - 1].ceased = e->date;
			x->dec[x->ndec - 1].reversal = e;
		}
	}
}

/* The first event of kind in [from, to], or NULL; last: the latest. */
static const struct event_rec *event_in(const struct journey *j, int kind, raa_day from,
					raa_day to, bool last)
{
	const struct event_rec *found = NULL;
	for (size_t i = 0; i < j->n; i++) {
		const struct event_rec *e = j->ev[i];
		if (e->kind != kind || e->date < from || e->date > to || !counts(j, e))
			continue;
		found = e;
		if (!last)
			break;
	}
	return found;
}

/* The child left care (adopted or otherwise) in [from, to]. */
static bool left_between(const struct journey *j, raa_day from, raa_day to)
{
	return event_in(j, EV_ADOPTION_ORDER, from, to, false) ||
	       event_in(j, EV_LEFT_CARE, from, to, false);
}

static void placed_row(struct exporter *x, const struct decision *d)
{
	char dob[DATE_ISO_LEN], dp[DATE_ISO_LEN], dc[DATE_ISO_LEN], code[16];
	static const char *const REASONS[] = { "RD1", "RD2", "RD3", "RD4", NULL };
	/* A reversal after the year is not yet known at its end. */
	raa_day ceased = d->ceased != DAY_NONE && d->ceased <= x->ye ? d->ceased : DAY_NONE;
	const char *reason = NULL;
	if (ceased != DAY_NONE) {
		reason = detail_code(d->reversal, "REASON_PLACED_CEASED", REASONS, code, sizeof code);
		if (!reason) {
			/* Rule 119 wants a reason with every date: RD4 is the DfE's
			 * "any other reason". */
			reason = "RD4";
			note(x, "plan_changed has no REASON_PLACED_CEASED code: RD4 (any other "
				"reason) written, check it");
		}
	}
	date_format_dmy(x->c->rec.dob, dob);
	date_format_dmy(d->start, dp);
	date_format_dmy(ceased, dc);
	const char *v[] = { x->c->rec.la_child_id, dob, dp, dc, reason };
	write_row(x, x->placed, v, 5);
	x->res->placed_rows++;
}

/* The household a match or placement named: its applicants are NB_ADOPTR. */
static const char *household_count(const struct exporter *x, const struct event_rec *e,
				   char out[4])
{
	const struct snap_adopter *a = e && e->adopter ? snapshot_adopter(x->snap, e->adopter) : NULL;
	if (!a || a->rec.applicants < 1 || a->rec.applicants > 2)
		return NULL;
	snprintf(out, 4, "%d", a->rec.applicants);
	return out;
}

/* AD1's adopter fields: from the match's detail (an imported return's
 * codes), else what raa knows. All six or none (rule 151). */
static void ad1_row(struct exporter *x, const struct event_rec *ao, const struct decision *d)
{
	static const char *const FC[] = { "0", "1", NULL }, *const NB[] = { "1", "2", NULL };
	static const char *const SEX[] = { "M1", "F1", "MM", "FF", "MF", NULL };
	static const char *const LS[] = { "L0", "L11", "L12", "L2", "L3", "L4", NULL };
	const struct journey *j = &x->c->j;
	const struct event_rec *m = d ? event_in(j, EV_MATCH_DECISION, d->start, ao->date, true) : NULL;
	char fc[8], nb[8], sex[8], ls[8], dob[DATE_ISO_LEN], di[DATE_ISO_LEN], dm[DATE_ISO_LEN];
	const char *v[8] = { x->c->rec.la_child_id, dob, di, dm, NULL, NULL, NULL, NULL };
	v[4] = detail_code(m, "FOSTER_CARE", FC, fc, sizeof fc);
	if (!v[4] && m)
		v[4] = event_in(j, EV_FOSTERED_BY_ADOPTERS, d->start, ao->date, false) ? "1" : "0";
	v[5] = detail_code(m, "NB_ADOPTR", NB, nb, sizeof nb);
	if (!v[5] && m)
		v[5] = household_count(x, m, nb);
	v[6] = detail_code(m, "SEX_ADOPTR", SEX, sex, sizeof sex);
	v[7] = detail_code(m, "LS_ADOPTR", LS, ls, sizeof ls);
	date_format_dmy(x->c->rec.dob, dob);
	date_format_dmy(d ? d->start : DAY_NONE, di);
	date_format_dmy(m ? m->date : DAY_NONE, dm);
	bool all = d && m;
	for (int i = 4; i < 8; i++)
		all = all && v[i];
	if (!all) {
		note(x, "adopted in the year, but raa does not know every AD1 item (DATE_INT, "
			"DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR): all left blank "
			"(rule 151 wants all or none), complete them");
		for (int i = 2; i < 8; i++)
			v[i] = NULL;
	}
	write_row(x, x->ad1, v, 8);
	x->res->ad1_rows++;
}

static void export_child(struct exporter *x)
{
	const struct journey *j = &x->c->j;
	find_decisions(x);
	const struct event_rec *ao = event_in(j, EV_ADOPTION_ORDER, x->ys, x->ye, false);
	if (ao) {
		/* Rules 523 and 525: an adopted child's return shows only the
		 * decision the adoption came from. */
		const struct decision *d = NULL;
		for (size_t i = 0; i < x->ndec; i++)
			if (x->dec[i].start <= ao->date &&
			    (x->dec[i].ceased == DAY_NONE || x->dec[i].ceased > ao->date))
				d = &x->dec[i];
		ad1_row(x, ao, d);
		if (d)
			placed_row(x, d);
		return;
	}
	for (size_t i = 0; i < x->ndec; i++) {
		const struct decision *d = &x->dec[i];
		if (d->start > x->ye || (d->ceased != DAY_NONE && d->ceased < x->ys))
			continue;
		if (left_between(j, d->start, x->ys - 1))
			continue; /* not looked after in the year */
		placed_row(x, d);
	}
}

static FILE *open_table(const char *dir, const char *name, const char *const *cols, size_t n,
			struct exporter *x, struct raa_err *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.csv", dir, name);
	FILE *fp = fopen(path, "w");
	if (!fp) {
		raa_err_set(err, RAA_EIO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	write_row(x, fp, cols, n);
	return fp;
}

static int close_table(FILE *fp, const char *dir, const char *name, int rc, struct raa_err *err)
{
	if (!fp)
		return rc;
	bool bad = ferror(fp) != 0;
	if (fclose(fp) != 0)
		bad = true;
	if (bad && rc == 0)
		rc = raa_err_set(err, RAA_EIO, "%s/%s.csv: write failed", dir, name);
	return rc;
}

int s903_export(const struct snapshot *snap, const char *partner, int year, const char *dir,
		struct s903_export_result *res, struct raa_err *err)
{
	static const char *const AD1_COLS[] = { "CHILD", "DOB", "DATE_INT", "DATE_MATCH",
						"FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
						"LS_ADOPTR" };
	static const char *const PA_COLS[] = { "CHILD", "DOB", "DATE_PLACED",
					       "DATE_PLACED_CEASED", "REASON_PLACED_CEASED" };
	struct exporter x = { .snap = snap, .res = res, .ys = date_from_ymd(year, 4, 1),
			      .ye = date_from_ymd(year + 1, 3, 31) };
	buf_init(&x.line, 0);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return raa_err_set(err, RAA_EIO, "%s: %s", dir, strerror(errno));
	int rc = 0;
	x.ad1 = open_table(dir, "AD1", AD1_COLS, 8, &x, err);
	if (x.ad1)
		x.placed = open_table(dir, "PlacedAdoption", PA_COLS, 5, &x, err);
	if (!x.ad1 || !x.placed)
		rc = RAA_EIO;
	for (size_t i = 0; rc == 0 && i < snap->nchildren; i++) {
		x.c = &snap->children[i];
		if (strcmp(x.c->rec.partner, partner) != 0)
			continue;
		if (str_empty(x.c->rec.la_child_id)) {
			if (journey_first(&x.c->j, EV_SHOULD_BE_PLACED))
				buf_printf(&res->notes, "%s: no la_child_id (the LA's CHILD): not "
					   "exported\n", x.c->rec.id);
			continue;
		}
		export_child(&x);
	}
	rc = close_table(x.ad1, dir, "AD1", rc, err);
	rc = close_table(x.placed, dir, "PlacedAdoption", rc, err);
	free(x.dec);
	buf_free(&x.line);
	return rc;
}
