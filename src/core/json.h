/*
 * json: small helpers over jansson for raa's fixed JSON shapes.
 * Key order is insertion order (jansson keeps it), which is how the shapes
 * in the domain documents are written.
 */
#ifndef RAA_CORE_JSON_H
#define RAA_CORE_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/date.h"

/* Sets key to a string, or to null when s is NULL or empty. */
void json_set_str(json_t *obj, const char *key, const char *s);
/* Sets key to "YYYY-MM-DD", or null for DAY_NONE. */
void json_set_date(json_t *obj, const char *key, raa_day d);
void json_set_int(json_t *obj, const char *key, long long v);
void json_set_bool(json_t *obj, const char *key, int v);
/* Sets key to a number with one decimal place (rounding already done). */
void json_set_real(json_t *obj, const char *key, double v);

/* Writes compact JSON followed by a newline. Takes no ownership. */
int json_write(FILE *fp, const json_t *v);
/* Appends compact JSON to b. */
int json_to_buf(struct buf *b, const json_t *v);
/* Appends s[0..n) as a JSON string, escaped as json_to_buf would: for
 * documents too big to build as a tree first. */
void json_buf_string(struct buf *b, const char *s, size_t n);

#endif
