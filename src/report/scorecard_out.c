/* The scorecard's renderers (see scorecard_out.h). */
#include "report/scorecard_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/json.h"
#include "core/mem.h"

#define NOPTS(o) (sizeof(o) / sizeof((o)[0]))

struct sc_index *scout_index(const struct snapshot *snap)
{
	struct sc_record *ch = xmalloc((snap->nchildren + 1) * sizeof *ch);
	struct sc_record *hh = xmalloc((snap->nadopters + 1) * sizeof *hh);
	for (size_t i = 0; i < snap->nchildren; i++)
		ch[i] = (struct sc_record){ &snap->children[i].j, snap->children[i].rec.partner };
	for (size_t i = 0; i < snap->nadopters; i++)
		hh[i] = (struct sc_record){ &snap->adopters[i].j, snap->adopters[i].rec.partner };
	struct sc_index *ix = scorecard_index(ch, snap->nchildren, hh, snap->nadopters);
	free(ch);
	free(hh);
	return ix;
}

static void json_field(json_t *o, const struct scorecard *sc, int i, enum sc_field_kind f)
{
	long v;
	const char *key = scorecard_field_name(f);
	if (!scorecard_value(sc, i, f, &v))
		json_object_set_new(o, key, json_null());
	else if (f == SC_F_PCT)
		json_set_real(o, key, (double)v / 10.0);
	else
		json_set_int(o, key, v);
}

void scout_json_indicators(json_t *obj, const struct scorecard *sc)
{
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
		json_t *o = json_object();
		for (int f = 0; f < ind->nfields; f++)
			json_field(o, sc, i, ind->fields[f]);
		json_object_set_new(obj, ind->id, o);
	}
}

json_t *scout_json(const struct scorecard *sc, const char *scope)
{
	json_t *o = json_object();
	json_set_str(o, "scope", scope);
	json_set_date(o, "from", sc->from);
	json_set_date(o, "to", sc->to);
	scout_json_indicators(o, sc);
	return o;
}

void scout_fmt_value(char *out, size_t sz, const struct scorecard *sc, int i, enum sc_field_kind f)
{
	long v;
	if (!scorecard_value(sc, i, f, &v))
		snprintf(out, sz, "-");
	else if (f == SC_F_PCT)
		snprintf(out, sz, "%ld.%ld%%", v / 10, v % 10);
	else
		snprintf(out, sz, "%ld", v);
}

void scout_fmt_indicator(char *out, size_t sz, const struct scorecard *sc, int i)
{
	const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
	char a[32], b[32], p[32];
	scout_fmt_value(a, sizeof a, sc, i, ind->fields[0]);
	if (ind->nfields > 1)
		scout_fmt_value(b, sizeof b, sc, i, ind->fields[1]);
	switch (ind->fields[ind->nfields - 1]) {
	case SC_F_N:
		snprintf(out, sz, "%s days (n %s)", a, b);
		break;
	case SC_F_PCT:
		scout_fmt_value(p, sizeof p, sc, i, SC_F_PCT);
		if (ind->nfields == 3)
			snprintf(out, sz, "%s of %s (%s)", a, b, p);
		else
			snprintf(out, sz, "%s (%s)", a, p);
		break;
	case SC_F_OVER18:
		snprintf(out, sz, "%s (%s over 18 months)", a, b);
		break;
	default:
		snprintf(out, sz, "%s", a);
	}
}

static const enum sc_field_kind CSV_FIELDS[] = { SC_F_DAYS, SC_F_COUNT, SC_F_N, SC_F_PCT,
						 SC_F_OVER18 };

void scout_csv_header(struct buf *b)
{
	buf_puts(b, "scope,from,to,indicator,name");
	for (size_t f = 0; f < NOPTS(CSV_FIELDS); f++)
		buf_printf(b, ",%s", scorecard_field_name(CSV_FIELDS[f]));
	buf_putc(b, '\n');
}

void scout_csv_rows(struct buf *b, const struct scorecard *sc, const char *scope)
{
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	date_format_iso(sc->from, from);
	date_format_iso(sc->to, to);
	for (int i = 0; i < SC_INDICATOR_COUNT; i++) {
		const struct sc_indicator *ind = &SCORECARD_INDICATORS[i];
		csv_write_field(b, scope);
		buf_printf(b, ",%s,%s,%s,", from, to, ind->id);
		csv_write_field(b, ind->name);
		for (size_t f = 0; f < NOPTS(CSV_FIELDS); f++) {
			char v[32] = "";
			bool has = false;
			for (int k = 0; k < ind->nfields; k++)
				has |= ind->fields[k] == CSV_FIELDS[f];
			if (has)
				scout_fmt_value(v, sizeof v, sc, i, CSV_FIELDS[f]);
			if (strcmp(v, "-") == 0)
				v[0] = 0;
			char *pct = strchr(v, '%');
			if (pct)
				*pct = 0;
			buf_printf(b, ",%s", v);
		}
		buf_putc(b, '\n');
	}
}
