/*
 * str: small string routines the rest of raa shares.
 */
#ifndef RAA_CORE_STR_H
#define RAA_CORE_STR_H

#include <stdbool.h>
#include <stddef.h>

/* Natural order: digit runs compare by value, so "C2" < "C10". Ties fall
 * back to plain strcmp so the order is total. */
int str_natcmp(const char *a, const char *b);

/* True for NULL or "". */
bool str_empty(const char *s);

/* ASCII case-insensitive equality; NULL equals only NULL. */
bool str_ieq(const char *a, const char *b);

/* ASCII case-insensitive substring test. */
bool str_icontains(const char *haystack, const char *needle);

/* Copies s into out[outsz] upper-cased (ASCII), truncating. */
void str_upper(char *out, size_t outsz, const char *s);

/* Parses a whole decimal integer in [min, max]; 0 ok, -1 otherwise. */
int str_to_int(const char *s, long min, long max, long *out);

#endif
