/*
 * csv: a strict, streaming RFC 4180 reader and a minimal-quoting writer.
 *
 * Strict because migration files are evidence: the reader never guesses.
 * A quote inside an unquoted field, text after a closing quote, an
 * unterminated quote, invalid UTF-8, a field longer than the bound, or a
 * row with a different number of fields from the first row is an error that
 * names the line and column. A UTF-8 byte-order mark at the start is
 * skipped; lines end in LF or CRLF; a final line ending is optional.
 * Memory stays bounded by the largest row, whatever the file size.
 */
#ifndef RAA_CORE_CSV_H
#define RAA_CORE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/err.h"

#define CSV_DEFAULT_MAX_FIELD (64 * 1024)
#define CSV_DEFAULT_MAX_FIELDS 1024

struct csv_reader;

struct csv_row {
	size_t n;          /* number of fields */
	char **fields;     /* NUL-terminated; valid until the next csv_next */
	size_t *lens;      /* byte length of each field */
	long line;         /* 1-based line on which the row starts */
};

/* Opens path (or "-" for stdin). max_field 0 = CSV_DEFAULT_MAX_FIELD.
 * NULL on failure with err set. Caller closes. */
struct csv_reader *csv_open_file(const char *path, size_t max_field, struct raa_err *err);
/* Reads from memory (not copied: data must outlive the reader). */
struct csv_reader *csv_open_mem(const char *data, size_t len, size_t max_field);
/* As csv_open_mem; errors name name (a file read whole by the caller)
 * instead of "<memory>". */
struct csv_reader *csv_open_mem_named(const char *data, size_t len, const char *name,
				      size_t max_field);
/* Reads from an open stream (not closed by csv_close). */
struct csv_reader *csv_open_stream(FILE *fp, const char *name, size_t max_field);

/* 1: a row was read into *row; 0: end of input; -1: error (err says
 * "NAME: line L, column C: ..."). After an error, the reader is done. */
int csv_next(struct csv_reader *r, struct csv_row *row, struct raa_err *err);

/* NULL is allowed. */
void csv_close(struct csv_reader *r);

/* Bytes consumed from the input so far (for progress displays). */
long csv_bytes_read(const struct csv_reader *r);

/* Appends s as one CSV field, quoted only if it holds a comma, quote, CR or
 * LF (quotes doubled). NULL writes an empty field. */
void csv_write_field(struct buf *out, const char *s);

#endif
