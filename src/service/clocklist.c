#include "service/clocklist.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/str.h"

#define CLOCKS_PER_RECORD_MAX 64 /* la_checks can run several at once */

static void add_rows(struct clock_list *list, const char *record, const char *partner,
		     enum record_type type, const struct clock *c, size_t n, bool overdue_only)
{
	for (size_t i = 0; i < n; i++) {
		if (overdue_only && c[i].overdue_days <= 0)
			continue;
		xgrow((void **)&list->rows, &list->cap, list->n + 1, sizeof *list->rows);
		list->rows[list->n++] = (struct clock_row){ .record = record, .partner = partner,
							    .type = type, .c = c[i] };
	}
}

static int row_cmp(const void *a, const void *b)
{
	const struct clock_row *x = a, *y = b;
	if (x->c.overdue_days != y->c.overdue_days)
		return x->c.overdue_days > y->c.overdue_days ? -1 : 1;
	if (x->c.due != y->c.due)
		return x->c.due < y->c.due ? -1 : 1;
	int c = str_natcmp(x->record, y->record);
	if (c)
		return c;
	return strcmp(clock_kind_name(x->c.kind), clock_kind_name(y->c.kind));
}

size_t clocklist_record(const struct journey *j, raa_day profile_updated,
			const struct clock_settings *cs, const struct workcal *cal, raa_day on,
			struct clock *out, size_t max)
{
	size_t n = clocks_running(j, profile_updated, cs, cal, on, out, max);
	return n < max ? n : max;
}

void clocklist_build(const struct snapshot *snap, const struct clock_settings *cs,
		     const struct workcal *cal, raa_day on, bool overdue_only,
		     struct clock_list *list)
{
	struct clock c[CLOCKS_PER_RECORD_MAX];
	memset(list, 0, sizeof *list);
	for (size_t i = 0; i < snap->nchildren; i++) {
		const struct snap_child *k = &snap->children[i];
		size_t n = clocklist_record(&k->j, k->rec.profile_updated, cs, cal, on, c,
					    CLOCKS_PER_RECORD_MAX);
		add_rows(list, k->rec.id, k->rec.partner, REC_CHILD, c, n, overdue_only);
	}
	for (size_t i = 0; i < snap->nadopters; i++) {
		const struct snap_adopter *a = &snap->adopters[i];
		size_t n = clocklist_record(&a->j, DAY_NONE, cs, cal, on, c, CLOCKS_PER_RECORD_MAX);
		add_rows(list, a->rec.id, a->rec.partner, REC_ADOPTER, c, n, overdue_only);
	}
	if (list->n)
		qsort(list->rows, list->n, sizeof *list->rows, row_cmp);
}

void clocklist_free(struct clock_list *list)
{
	free(list->rows);
	memset(list, 0, sizeof *list);
}
