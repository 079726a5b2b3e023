/*
 * asglb: the ASGLB-style quarterly extract (issue #6 item 4, docs/asglb.md).
 *
 * Two CSV files, one row per child and one per household with activity in
 * the quarter or a journey open during it, carrying the key dates as known
 * on the quarter's last day. The rules (what "in the period" means, which
 * of repeated events is shown) are docs/asglb.md's.
 */
#ifndef RAA_REPORT_ASGLB_H
#define RAA_REPORT_ASGLB_H

#include <stdbool.h>

#include "core/buf.h"
#include "service/snapshot.h"

#define ASGLB_CHILDREN_FILE "asglb_children.csv"
#define ASGLB_ADOPTERS_FILE "asglb_adopters.csv"

struct asglb_period {
	const char *partner; /* NULL: the whole region */
	raa_day qstart, qend;
};

/* The quarter (year, 1..4) as its first and last day. */
void asglb_period(int year, int quarter, const char *partner, struct asglb_period *p);

/* Whether a record's journey belongs in the extract (docs/asglb.md). */
bool asglb_child_in(const struct journey *j, const struct asglb_period *p);
bool asglb_adopter_in(const struct journey *j, const struct asglb_period *p);

/* The two files' contents, header first; return the number of rows. */
long asglb_children_csv(const struct snapshot *snap, const struct asglb_period *p,
			struct buf *out);
long asglb_adopters_csv(const struct snapshot *snap, const struct asglb_period *p,
			struct buf *out);

#endif
