/* The ASGLB-style quarterly extract (see asglb.h and docs/asglb.md). */
#include "report/asglb.h"

#include <string.h>

#include "core/csv.h"
#include "domain/htp.h"

void asglb_period(int year, int quarter, const char *partner, struct asglb_period *p)
{
	p->partner = partner;
	p->qstart = date_from_ymd(year, 3 * quarter - 2, 1);
	p->qend = date_add_months(p->qstart, 3) - 1;
}

/* A non-superseded event dated in the quarter: activity. */
static bool active_in(const struct journey *j, const struct asglb_period *p)
{
	for (size_t k = 0; k < j->n; k++) {
		const struct event_rec *e = j->ev[k];
		if (e->date >= p->qstart && e->date <= p->qend && !journey_superseded(j, e))
			return true;
	}
	return false;
}

bool asglb_child_in(const struct journey *j, const struct asglb_period *p)
{
	/* open: decided for adoption and not yet adopted or ended when the
	 * quarter began */
	int s = journey_status(j, p->qstart - 1);
	return active_in(j, p) || s == CS_WAITING || s == CS_LINKED || s == CS_MATCHED ||
	       s == CS_PLACED;
}

bool asglb_adopter_in(const struct journey *j, const struct asglb_period *p)
{
	/* open: registered and not yet placed or withdrawn (the adoption
	 * order is the child's event, so a placed household would otherwise
	 * stay open for ever) */
	int s = journey_status(j, p->qstart - 1);
	return active_in(j, p) || (s >= AS_STAGE1 && s <= AS_MATCHED);
}

static bool of_partner(const struct asglb_period *p, const char *partner)
{
	return !p->partner || (partner && strcmp(partner, p->partner) == 0);
}

/* ,YYYY-MM-DD of the latest non-superseded event of kind on or before the
 * quarter's end, or an empty field. */
static void date_field(struct buf *out, const struct journey *j, int kind, raa_day qend)
{
	const struct event_rec *e = journey_last(j, kind, qend);
	char d[DATE_ISO_LEN] = "";
	if (e)
		date_format_iso(e->date, d);
	buf_printf(out, ",%s", d);
}

/* Every reversal to the quarter's end, oldest first: "plan_changed
 * 2024-01-10; link_ended 2024-02-01". */
static void reversals_field(struct buf *out, const struct journey *j, raa_day qend)
{
	struct buf t;
	buf_init(&t, 0);
	for (size_t k = 0; k < j->n; k++) {
		const struct event_rec *e = j->ev[k];
		if ((e->kind != EV_PLAN_CHANGED && e->kind != EV_LINK_ENDED &&
		     e->kind != EV_DISRUPTION) ||
		    e->date > qend || journey_superseded(j, e))
			continue;
		char d[DATE_ISO_LEN];
		date_format_iso(e->date, d);
		buf_printf(&t, "%s%s %s", t.len ? "; " : "", event_kind_name(e->kind), d);
	}
	buf_putc(out, ',');
	csv_write_field(out, buf_cstr(&t));
	buf_free(&t);
}

static void htp_field(struct buf *out, const struct snap_child *c, raa_day qend)
{
	unsigned reasons = htp_reasons(&c->rec, &c->j, c->sibling_group_size, qend);
	buf_putc(out, ',');
	for (int k = 0, n = 0; k < HTP_REASON_COUNT; k++)
		if (reasons & (1u << k))
			buf_printf(out, "%s%s", n++ ? "; " : "", htp_reason_name(k));
}

static const int CHILD_DATES[] = { EV_ENTERED_CARE, EV_SHOULD_BE_PLACED, EV_PLACEMENT_ORDER,
				   EV_MATCH_DECISION, EV_PLACED, EV_ADOPTION_ORDER };

long asglb_children_csv(const struct snapshot *snap, const struct asglb_period *p,
			struct buf *out)
{
	long n = 0;
	buf_puts(out, "partner,child_id,la_child_id,sex,dob,ethnicity,entered_care,"
		      "should_be_placed,placement_order,match_decision,placed,adoption_order,"
		      "reversals,harder_to_place,status_at_quarter_end\n");
	for (size_t i = 0; i < snap->nchildren; i++) {
		const struct snap_child *c = &snap->children[i];
		if (!of_partner(p, c->rec.partner) || !asglb_child_in(&c->j, p))
			continue;
		char dob[DATE_ISO_LEN], sex[2] = { c->rec.sex, 0 };
		date_format_iso(c->rec.dob, dob);
		csv_write_field(out, c->rec.partner);
		buf_putc(out, ',');
		csv_write_field(out, c->rec.id);
		buf_putc(out, ',');
		csv_write_field(out, c->rec.la_child_id);
		buf_printf(out, ",%s,%s,", sex, dob);
		csv_write_field(out, c->rec.ethnicity);
		for (size_t k = 0; k < sizeof CHILD_DATES / sizeof CHILD_DATES[0]; k++)
			date_field(out, &c->j, CHILD_DATES[k], p->qend);
		reversals_field(out, &c->j, p->qend);
		htp_field(out, c, p->qend);
		buf_printf(out, ",%s\n", child_status_name(journey_status(&c->j, p->qend)));
		n++;
	}
	return n;
}

/* The later of the household's withdrawn and deregistered. */
static void left_field(struct buf *out, const struct journey *j, raa_day qend)
{
	const struct event_rec *w = journey_last(j, EV_WITHDRAWN, qend);
	const struct event_rec *d = journey_last(j, EV_DEREGISTERED, qend);
	if (!w || (d && journey_event_cmp(d, w) > 0))
		w = d;
	char s[DATE_ISO_LEN] = "";
	if (w)
		date_format_iso(w->date, s);
	buf_printf(out, ",%s", s);
}

static const int ADOPTER_DATES[] = { EV_ENQUIRY, EV_ROI, EV_STAGE2_NOTICE, EV_APPROVED,
				     EV_MATCH_DECISION, EV_PLACED };

long asglb_adopters_csv(const struct snapshot *snap, const struct asglb_period *p,
			struct buf *out)
{
	long n = 0;
	buf_puts(out, "partner,adopter_id,applicants,enquiry,roi,stage2_start,approved,"
		      "match_decision,placed,withdrawn,status_at_quarter_end\n");
	for (size_t i = 0; i < snap->nadopters; i++) {
		const struct snap_adopter *a = &snap->adopters[i];
		if (!of_partner(p, a->rec.partner) || !asglb_adopter_in(&a->j, p))
			continue;
		csv_write_field(out, a->rec.partner);
		buf_putc(out, ',');
		csv_write_field(out, a->rec.id);
		buf_putc(out, ',');
		if (a->rec.applicants)
			buf_printf(out, "%d", a->rec.applicants);
		for (size_t k = 0; k < sizeof ADOPTER_DATES / sizeof ADOPTER_DATES[0]; k++)
			date_field(out, &a->j, ADOPTER_DATES[k], p->qend);
		left_field(out, &a->j, p->qend);
		buf_printf(out, ",%s\n", adopter_status_name(journey_status(&a->j, p->qend)));
		n++;
	}
	return n;
}
