/*
 * table: listings in the three formats of the CLI contract.
 *
 * A listing is built as a JSON array of objects (the contract's shape);
 * text and CSV are rendered from the same array with the given columns, so
 * the three formats cannot disagree.
 */
#ifndef RAA_CLI_TABLE_H
#define RAA_CLI_TABLE_H

#include <jansson.h>
#include <stdio.h>

#include "service/export.h"

/* Prints rows (an array of objects) in fmt. columns (NULL-terminated) pick
 * and order the keys for text and CSV; JSON prints the array whole. Arrays
 * inside a value print joined with ';' in text and CSV. */
int table_print(FILE *out, const json_t *rows, const char *const *columns, enum out_format fmt);

/* One object as "key: value" lines (text), a one-row CSV, or JSON. */
int table_print_object(FILE *out, const json_t *obj, enum out_format fmt);

#endif
