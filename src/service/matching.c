/* The matching pool of a store and its JSON shapes (matching.h). */
#include "service/matching.h"

#include <stdlib.h>

int matching_load_weights(struct store *s, struct match_weights *w, struct raa_err *err)
{
	match_weights_default(w);
	for (size_t i = 0; i < MATCH_SETTING_COUNT; i++) {
		char val[64];
		int rc = store_setting_get(s, MATCH_SETTINGS[i].key, val, sizeof val, err);
		if (rc == RAA_ENOTFOUND)
			continue;
		if (rc < 0 || match_weights_set(w, MATCH_SETTINGS[i].key, val, err) < 0)
			return rc < 0 ? rc : RAA_EINVAL;
	}
	raa_err_clear(err);
	return 0;
}

int matching_open(struct store *s, const struct store_scope *sc, raa_day on, struct matching *m,
		  struct raa_err *err)
{
	struct match_weights w;
	int rc = matching_load_weights(s, &w, err);
	/* Matching reads kinds, dates and corrections only: the brief load,
	 * served from the snapshot cache for the region. */
	if (rc < 0 || (rc = snapshot_load_brief(s, sc, &m->snap, err)) < 0)
		return rc;
	const struct snapshot *sn = &m->snap;
	m->cin = xmalloc((sn->nchildren + 1) * sizeof *m->cin);
	m->hin = xmalloc((sn->nadopters + 1) * sizeof *m->hin);
	for (size_t i = 0; i < sn->nchildren; i++)
		m->cin[i] = (struct match_child_in){ &sn->children[i].rec, &sn->children[i].j };
	for (size_t i = 0; i < sn->nadopters; i++)
		m->hin[i] = (struct match_household_in){ &sn->adopters[i].rec, &sn->adopters[i].j };
	match_pool_build(&m->pool, m->cin, sn->nchildren, m->hin, sn->nadopters, on, &w);
	return 0;
}

void matching_close(struct matching *m)
{
	match_pool_free(&m->pool);
	free(m->cin);
	free(m->hin);
	snapshot_free(&m->snap);
}

/* ---- JSON pieces ---- */

static void set_points(json_t *o, const char *key, int tenths)
{
	json_set_real(o, key, (double)tenths / 10.0);
}

json_t *matching_unit_ids(const struct match_unit *u)
{
	json_t *a = json_array();
	for (int i = 0; i < u->n; i++)
		json_array_append_new(a, json_string(u->kids[i]->id));
	return a;
}

json_t *matching_codes_json(unsigned fails)
{
	json_t *a = json_array();
	for (int k = 0; k < MC_COUNT; k++)
		if (fails & (1u << k))
			json_array_append_new(a, json_string(match_code_name(k)));
	return a;
}

json_t *matching_reasons_json(const struct match_pool *p, const struct match_unit *u,
			      const struct match_household *h)
{
	struct match_reason r[MF_COUNT];
	match_score(p, u, h, r);
	json_t *a = json_array();
	for (int f = 0; f < MF_COUNT; f++) {
		json_t *o = json_object();
		json_set_str(o, "factor", match_factor_name(r[f].factor));
		set_points(o, "points", r[f].points);
		json_set_str(o, "text", r[f].text);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *scored(const char *key, json_t *who, int score)
{
	json_t *o = json_object();
	json_object_set_new(o, key, who);
	set_points(o, "score", score);
	return o;
}

/* {"child","unit","on","candidates","excluded"} of matching.md. */
json_t *matching_child_json(const struct match_pool *p, const char *child,
			    const struct match_unit *u, long top)
{
	struct match_list l;
	match_for_unit(p, u, &l);
	json_t *o = json_object(), *cand = json_array(), *excl = json_array();
	json_set_str(o, "child", child);
	json_object_set_new(o, "unit", matching_unit_ids(u));
	json_set_date(o, "on", p->on);
	for (size_t i = 0; i < l.ncand && (top < 0 || (long)i < top); i++) {
		const struct match_household *h = &p->hh[l.cand[i].idx];
		json_t *c = scored("adopter", json_string(h->rec->id), l.cand[i].score);
		json_object_set_new(c, "reasons", matching_reasons_json(p, u, h));
		json_array_append_new(cand, c);
	}
	for (size_t i = 0; i < l.nexcl; i++) {
		json_t *e = json_object();
		json_set_str(e, "adopter", p->hh[l.excl[i].idx].rec->id);
		json_object_set_new(e, "reasons", matching_codes_json(l.excl[i].fails));
		json_array_append_new(excl, e);
	}
	json_object_set_new(o, "candidates", cand);
	json_object_set_new(o, "excluded", excl);
	match_list_free(&l);
	return o;
}

/* By analogy: {"adopter","on","candidates":[{"unit","score","reasons"}],
 * "excluded":[{"unit","reasons"}],"early_family_finding":[...]}. */
json_t *matching_adopter_json(const struct match_pool *p, const struct match_household *h,
			      long top)
{
	struct match_list l, el;
	match_for_household(p, h, &l, &el);
	json_t *o = json_object(), *cand = json_array(), *excl = json_array(), *early = json_array();
	json_set_str(o, "adopter", h->rec->id);
	json_set_date(o, "on", p->on);
	for (size_t i = 0; i < l.ncand && (top < 0 || (long)i < top); i++) {
		const struct match_unit *u = &p->units[l.cand[i].idx];
		json_t *c = scored("unit", matching_unit_ids(u), l.cand[i].score);
		json_object_set_new(c, "reasons", matching_reasons_json(p, u, h));
		json_array_append_new(cand, c);
	}
	for (size_t i = 0; i < l.nexcl; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "unit", matching_unit_ids(&p->units[l.excl[i].idx]));
		json_object_set_new(e, "reasons", matching_codes_json(l.excl[i].fails));
		json_array_append_new(excl, e);
	}
	for (size_t i = 0; i < el.ncand && (top < 0 || (long)i < top); i++) {
		const struct match_unit *u = &p->early[el.cand[i].idx];
		json_t *c = scored("unit", matching_unit_ids(u), el.cand[i].score);
		json_object_set_new(c, "reasons", matching_reasons_json(p, u, h));
		json_array_append_new(early, c);
	}
	json_object_set_new(o, "candidates", cand);
	json_object_set_new(o, "excluded", excl);
	json_object_set_new(o, "early_family_finding", early);
	match_list_free(&l);
	match_list_free(&el);
	return o;
}

json_t *matching_pool_json(const struct match_pool *p, const struct match_result *r, long top)
{
	json_t *o = json_object(), *prop = json_array(), *unpl = json_array(), *early = json_array();
	json_set_date(o, "on", p->on);
	json_set_int(o, "children_placed", r->children_placed);
	for (size_t i = 0; i < r->nprop; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "unit", matching_unit_ids(&p->units[r->prop[i].unit]));
		json_set_str(e, "adopter", p->hh[r->prop[i].hh].rec->id);
		set_points(e, "score", r->prop[i].score);
		json_array_append_new(prop, e);
	}
	for (size_t i = 0; i < r->nunplaced; i++)
		json_array_append_new(unpl, matching_unit_ids(&p->units[r->unplaced[i]]));
	for (size_t i = 0; i < p->nearly; i++) {
		struct match_list l;
		match_for_unit(p, &p->early[i], &l);
		json_t *e = json_object(), *cand = json_array();
		json_object_set_new(e, "unit", matching_unit_ids(&p->early[i]));
		for (size_t k = 0; k < l.ncand && (long)k < top; k++)
			json_array_append_new(cand, scored("adopter",
							   json_string(p->hh[l.cand[k].idx].rec->id),
							   l.cand[k].score));
		json_object_set_new(e, "candidates", cand);
		json_array_append_new(early, e);
		match_list_free(&l);
	}
	json_object_set_new(o, "proposals", prop);
	json_object_set_new(o, "unplaced", unpl);
	json_object_set_new(o, "early_family_finding", early);
	return o;
}

int matching_exclusions(const struct match_pool *p, const struct match_unit *u,
			size_t counts[MC_COUNT], size_t *nexcluded)
{
	size_t any = 0;
	for (int k = 0; k < MC_COUNT; k++)
		counts[k] = 0;
	for (size_t i = 0; i < p->nhh; i++) {
		unsigned fails = match_check(p, u, &p->hh[i]);
		any += fails != 0;
		for (int k = 0; k < MC_COUNT; k++)
			counts[k] += (fails >> k) & 1u;
	}
	if (nexcluded)
		*nexcluded = any;
	int top = -1;
	for (int k = MC_NOT_AVAILABLE + 1; k < MC_COUNT; k++)
		if (counts[k] && (top < 0 || counts[k] > counts[top]))
			top = k;
	return top < 0 && counts[MC_NOT_AVAILABLE] ? MC_NOT_AVAILABLE : top;
}
