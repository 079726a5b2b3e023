#include "core/csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/*
 * The reader pulls the input a block at a time and scans runs of ordinary
 * ASCII bytes inside the block, copying each run with one memcpy; only the
 * structural bytes (comma, quote, CR, LF), NUL and non-ASCII bytes go
 * through the byte-at-a-time path. Memory input is scanned in place.
 *
 * Position: line/col are those of the byte being looked at (the one just
 * fetched and not yet consumed). col counts characters, so a multi-byte
 * UTF-8 sequence advances it by one, and only LF starts a new line.
 */

enum { CSV_CHUNK = 64 * 1024, CSV_EOF = -1 };

struct csv_reader {
	FILE *fp;                 /* NULL for memory input */
	bool own_fp;
	bool eof;                 /* no more blocks to fill */
	bool started;             /* the BOM check has been done */
	bool done;                /* end of input or an error was reported */
	bool failed;
	int ioerr;                /* errno of a failed read, 0 if none */
	char *name;
	const unsigned char *blk; /* current block: chunk, or the caller's memory */
	unsigned char *chunk;
	size_t pos, end;
	long base;                /* input offset of blk[0] */
	size_t max_field;
	size_t want;              /* fields per row, fixed by the first row */
	long line, col;
	/* the field being read */
	size_t fstart;
	long fline, fcol;
	/* the current row: fields back to back, each NUL-terminated */
	struct buf data;
	size_t nf, fcap;
	size_t *offs, *lens;
	char **fields;
	struct raa_err err;       /* repeated once the reader has failed */
};

static bool fill(struct csv_reader *r)
{
	if (!r->fp || r->eof)
		return false;
	r->base += (long)r->end;
	errno = 0;
	size_t n = fread(r->chunk, 1, CSV_CHUNK, r->fp);
	r->pos = 0;
	r->end = n;
	if (n < CSV_CHUNK) {
		r->eof = true;
		if (ferror(r->fp))
			r->ioerr = errno ? errno : EIO;
	}
	return n > 0;
}

static inline int getbyte(struct csv_reader *r)
{
	if (r->pos < r->end || fill(r))
		return r->blk[r->pos++];
	return CSV_EOF;
}

/* Ordinary bytes: copied as they are, one column each. */
static inline bool plain_unquoted(unsigned c)
{
	return c - 1u < 0x7fu && c != ',' && c != '"' && c != '\r' && c != '\n';
}

static inline bool plain_quoted(unsigned c)
{
	return c - 1u < 0x7fu && c != '"' && c != '\n';
}

static struct csv_reader *reader_new(const char *name, size_t max_field)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	r->max_field = max_field ? max_field : CSV_DEFAULT_MAX_FIELD;
	r->line = 1;
	r->col = 1;
	buf_init(&r->data, 0);
	raa_err_clear(&r->err);
	return r;
}

struct csv_reader *csv_open_file(const char *path, size_t max_field, struct raa_err *err)
{
	if (strcmp(path, "-") == 0)
		return csv_open_stream(stdin, "<stdin>", max_field);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		raa_err_set(err, RAA_EIO, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	struct csv_reader *r = csv_open_stream(fp, path, max_field);
	r->own_fp = true;
	return r;
}

struct csv_reader *csv_open_mem(const char *data, size_t len, size_t max_field)
{
	return csv_open_mem_named(data, len, "<memory>", max_field);
}

struct csv_reader *csv_open_mem_named(const char *data, size_t len, const char *name,
				      size_t max_field)
{
	struct csv_reader *r = reader_new(name ? name : "<memory>", max_field);
	r->blk = (const unsigned char *)data;
	r->end = data ? len : 0;
	return r;
}

struct csv_reader *csv_open_stream(FILE *fp, const char *name, size_t max_field)
{
	struct csv_reader *r = reader_new(name ? name : "<stream>", max_field);
	r->fp = fp;
	r->chunk = xmalloc(CSV_CHUNK);
	r->blk = r->chunk;
	return r;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->own_fp)
		fclose(r->fp);
	free(r->chunk);
	free(r->name);
	buf_free(&r->data);
	free(r->offs);
	free(r->lens);
	free(r->fields);
	free(r);
}

long csv_bytes_read(const struct csv_reader *r)
{
	return r->base + (long)r->pos;
}

/* Marks the reader failed and reports "NAME: line L[, column C]: what";
 * col 0 leaves the column out. Always returns -1. */
__attribute__((format(printf, 5, 6)))
static int fail(struct csv_reader *r, struct raa_err *err, long line, long col,
		const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (col > 0)
		raa_err_set(&r->err, RAA_EINVAL, "%s: line %ld, column %ld: %s",
			    r->name, line, col, what);
	else
		raa_err_set(&r->err, RAA_EINVAL, "%s: line %ld: %s", r->name, line, what);
	r->done = r->failed = true;
	if (err)
		*err = r->err;
	return -1;
}

/* Appends n bytes to the current field, enforcing max_field. */
static int put(struct csv_reader *r, const void *p, size_t n, struct raa_err *err)
{
	if (r->data.len - r->fstart + n > r->max_field)
		return fail(r, err, r->fline, r->fcol, "field longer than %zu bytes", r->max_field);
	buf_append(&r->data, p, n);
	return 0;
}

/* Copies the run of ordinary bytes at the read position in this block. */
static int put_run(struct csv_reader *r, bool quoted, struct raa_err *err)
{
	const unsigned char *s = r->blk + r->pos, *e = r->blk + r->end, *p = s;
	if (quoted)
		while (p < e && plain_quoted(*p))
			p++;
	else
		while (p < e && plain_unquoted(*p))
			p++;
	size_t n = (size_t)(p - s);
	if (!n)
		return 0;
	if (put(r, s, n, err) < 0)
		return -1;
	r->pos += n;
	r->col += (long)n;
	return 0;
}

/* Validates and appends the UTF-8 sequence led by c (>= 0x80): no
 * overlongs, no surrogates, nothing above U+10FFFF (Unicode table 3-7). */
static int put_utf8(struct csv_reader *r, int c, struct raa_err *err)
{
	unsigned char seq[4] = { (unsigned char)c };
	int n, lo = 0x80, hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return fail(r, err, r->line, r->col, "invalid UTF-8");
	}
	for (int i = 1; i < n; i++) {
		int d = getbyte(r);
		if (d < lo || d > hi)
			return fail(r, err, r->line, r->col, "invalid UTF-8");
		seq[i] = (unsigned char)d;
		lo = 0x80;
		hi = 0xbf;
	}
	if (put(r, seq, (size_t)n, err) < 0)
		return -1;
	r->col++;
	return 0;
}

/* Appends one character that is not part of an ordinary run. */
static int put_char(struct csv_reader *r, int c, bool quoted, struct raa_err *err)
{
	if (c == '"')
		return fail(r, err, r->line, r->col, "quote inside an unquoted field");
	if (c == 0)
		return fail(r, err, r->line, r->col, "NUL byte");
	if (c >= 0x80)
		return put_utf8(r, c, err);
	char ch = (char)c;
	if (put(r, &ch, 1, err) < 0)
		return -1;
	if (c == '\n' && quoted) {
		r->line++;
		r->col = 1;
	} else {
		r->col++;
	}
	return 0;
}

/* Reads an unquoted field starting with byte *cp; leaves the terminator
 * (comma, CR, LF or EOF) in *cp. */
static int read_unquoted(struct csv_reader *r, int *cp, struct raa_err *err)
{
	int c = *cp;
	while (c != ',' && c != '\r' && c != '\n' && c != CSV_EOF) {
		if (put_char(r, c, false, err) < 0 || put_run(r, false, err) < 0)
			return -1;
		c = getbyte(r);
	}
	*cp = c;
	return 0;
}

/* Reads a quoted field whose opening quote is *cp; leaves the byte after
 * the closing quote in *cp, which must end the field. */
static int read_quoted(struct csv_reader *r, int *cp, struct raa_err *err)
{
	r->col++;
	for (;;) {
		if (put_run(r, true, err) < 0)
			return -1;
		int c = getbyte(r);
		if (c == CSV_EOF)
			return fail(r, err, r->fline, r->fcol, "unterminated quoted field");
		if (c != '"') {
			if (put_char(r, c, true, err) < 0)
				return -1;
			continue;
		}
		r->col++;
		c = getbyte(r);
		if (c != '"') {
			*cp = c;
			break;
		}
		if (put(r, "\"", 1, err) < 0)
			return -1;
		r->col++;
	}
	int c = *cp;
	if (c != ',' && c != '\r' && c != '\n' && c != CSV_EOF)
		return fail(r, err, r->line, r->col,
			    "text after a closing quote: expected a comma or a line end");
	return 0;
}

/* Makes room for field i in the per-field arrays. */
static void field_room(struct csv_reader *r, size_t i)
{
	if (i < r->fcap)
		return;
	size_t cap = r->fcap;
	xgrow((void **)&r->offs, &cap, i + 1, sizeof *r->offs);
	cap = r->fcap;
	xgrow((void **)&r->lens, &cap, i + 1, sizeof *r->lens);
	cap = r->fcap;
	xgrow((void **)&r->fields, &cap, i + 1, sizeof *r->fields);
	r->fcap = cap;
}

static int read_field(struct csv_reader *r, int *cp, struct raa_err *err)
{
	if (r->nf == CSV_DEFAULT_MAX_FIELDS)
		return fail(r, err, r->line, r->col, "more than %d fields in a row",
			    CSV_DEFAULT_MAX_FIELDS);
	r->fstart = r->data.len;
	r->fline = r->line;
	r->fcol = r->col;
	int rc = *cp == '"' ? read_quoted(r, cp, err) : read_unquoted(r, cp, err);
	if (rc < 0)
		return -1;
	field_room(r, r->nf);
	r->offs[r->nf] = r->fstart;
	r->lens[r->nf] = r->data.len - r->fstart;
	r->nf++;
	buf_putc(&r->data, '\0');
	return 0;
}

/*
 * The common row: ordinary bytes and commas ending in LF or CRLF, wholly
 * inside the current block. It is copied with one memcpy and split in place,
 * instead of going field by field and byte by byte. Anything else (a quote,
 * a non-ASCII or NUL byte, a stray CR, a row reaching the end of the block,
 * too long a field or too many fields) returns false having consumed
 * nothing, and the general path reads the row from its start, so errors and
 * positions are exactly those it always reported.
 */
static bool read_row_fast(struct csv_reader *r)
{
	const unsigned char *s = r->blk + r->pos, *e = r->blk + r->end, *p = s, *f = s;
	size_t nf = 0;
	for (;;) {
		while (p < e && plain_unquoted(*p))
			p++;
		if (p == e || (size_t)(p - f) > r->max_field || nf == CSV_DEFAULT_MAX_FIELDS)
			return false;
		if (*p != ',' && *p != '\n' && !(*p == '\r' && p + 1 < e && p[1] == '\n'))
			return false;
		field_room(r, nf);
		r->offs[nf] = (size_t)(f - s);
		r->lens[nf] = (size_t)(p - f);
		nf++;
		if (*p != ',')
			break;
		f = ++p;
	}
	size_t len = (size_t)(p - s);
	buf_append(&r->data, s, len);
	buf_putc(&r->data, '\0');
	/* each comma becomes its field's terminator */
	for (size_t i = 0; i + 1 < nf; i++)
		r->data.data[r->offs[i] + r->lens[i]] = '\0';
	r->nf = nf;
	r->pos += len + (*p == '\r' ? 2 : 1);
	r->line++;
	r->col = 1;
	return true;
}

/* Reads one record. 1: read; 0: end of input; -1: error. */
static int read_row(struct csv_reader *r, long *line, struct raa_err *err)
{
	buf_reset(&r->data);
	r->nf = 0;
	if (r->pos < r->end) {
		*line = r->line;
		if (read_row_fast(r))
			return 1;
	}
	int c = getbyte(r);
	if (c == CSV_EOF)
		return 0;
	*line = r->line;
	for (;;) {
		if (read_field(r, &c, err) < 0)
			return -1;
		if (c != ',')
			break;
		r->col++;
		c = getbyte(r);
	}
	if (c == '\r') {
		long col = r->col;
		c = getbyte(r);
		if (c != '\n')
			return fail(r, err, r->line, col, "carriage return not followed by a line feed");
	}
	if (c == '\n') {
		r->line++;
		r->col = 1;
	}
	return 1;
}

static void skip_bom(struct csv_reader *r)
{
	r->started = true;
	if (r->pos == r->end)
		fill(r);
	/* A file block is filled completely unless the input is shorter. */
	if (r->end - r->pos >= 3 && memcmp(r->blk + r->pos, "\xef\xbb\xbf", 3) == 0)
		r->pos += 3;
}

int csv_next(struct csv_reader *r, struct csv_row *row, struct raa_err *err)
{
	if (r->done) {
		if (!r->failed)
			return 0;
		if (err)
			*err = r->err;
		return -1;
	}
	if (!r->started)
		skip_bom(r);
	long line = r->line;
	int rc = read_row(r, &line, err);
	if (r->ioerr) {
		r->done = r->failed = true;
		raa_err_set(&r->err, RAA_EIO, "%s: read failed: %s", r->name, strerror(r->ioerr));
		if (err)
			*err = r->err;
		return -1;
	}
	if (rc <= 0) {
		r->done = true;
		return rc;
	}
	if (!r->want)
		r->want = r->nf;
	else if (r->nf != r->want)
		return fail(r, err, line, 0, "expected %zu fields, found %zu", r->want, r->nf);
	for (size_t i = 0; i < r->nf; i++)
		r->fields[i] = r->data.data + r->offs[i];
	row->n = r->nf;
	row->fields = r->fields;
	row->lens = r->lens;
	row->line = line;
	return 1;
}

void csv_write_field(struct buf *out, const char *s)
{
	if (!s)
		return;
	if (!s[strcspn(s, ",\"\r\n")]) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		buf_append(out, s, (size_t)(q - s) + 1);
		buf_putc(out, '"');
	}
	buf_puts(out, s);
	buf_putc(out, '"');
}
