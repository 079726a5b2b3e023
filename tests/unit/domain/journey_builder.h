/*
 * journey_builder: a journey built in arrays, for the domain tests.
 * Events are numbered in the order they are added (id = position + 1), so
 * same-day order is the order of the add calls.
 */
#ifndef RAA_TEST_JOURNEY_BUILDER_H
#define RAA_TEST_JOURNEY_BUILDER_H

#include <string.h>

#include "domain/journey.h"

#define JB_MAX 32

struct jb {
	struct event_rec ev[JB_MAX];
	const struct event_rec *p[JB_MAX];
	size_t n;
	struct journey j;
};

/* "YYYY-MM-DD" as a day; the test fails on a bad literal. */
static inline raa_day D(const char *iso)
{
	raa_day d = DAY_NONE;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

static inline void jb_setup(struct jb *b, enum record_type type, const char *id, int base)
{
	memset(b, 0, sizeof *b);
	b->j.type = type;
	b->j.id = id;
	b->j.dob = DAY_NONE;
	b->j.base_status = base;
}

/* Appends an event (date NULL: none); a child's event that names a
 * household names "A1". */
static inline struct event_rec *jb_add(struct jb *b, int kind, const char *date)
{
	assert_true(b->n < JB_MAX);
	struct event_rec *e = &b->ev[b->n];
	memset(e, 0, sizeof *e);
	e->id = (int64_t)b->n + 1;
	e->record = b->j.id;
	e->type = b->j.type;
	e->kind = kind;
	e->date = date ? D(date) : DAY_NONE;
	e->origin = ORIGIN_EVENT;
	if (b->j.type == REC_CHILD && event_kind_names_adopter(kind))
		e->adopter = "A1";
	b->n++;
	return e;
}

/* The journey so far, in journey order. */
static inline const struct journey *J(struct jb *b)
{
	for (size_t i = 0; i < b->n; i++)
		b->p[i] = &b->ev[i];
	journey_sort(b->p, b->n);
	b->j.ev = b->p;
	b->j.n = b->n;
	return &b->j;
}

#endif
