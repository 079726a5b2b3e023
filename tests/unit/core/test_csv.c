#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/csv.h"

/*
 * Reads all of data (len bytes) and renders the rows as text:
 * "line:field|field|...\n" per row, or the error message after the rows
 * read before it ("!msg"). Comparing one string shows the whole outcome.
 */
static char *parse_reader(struct csv_reader *r, size_t len)
{
	struct buf out;
	buf_init(&out, 0);
	struct csv_row row;
	struct raa_err err;
	int rc;
	while ((rc = csv_next(r, &row, &err)) > 0) {
		buf_printf(&out, "%ld:", row.line);
		for (size_t i = 0; i < row.n; i++) {
			assert_int_equal(strlen(row.fields[i]), row.lens[i]);
			buf_printf(&out, "%s%s", i ? "|" : "", row.fields[i]);
		}
		buf_putc(&out, '\n');
	}
	if (rc < 0) {
		assert_int_equal(err.code, RAA_EINVAL);
		buf_printf(&out, "!%s", err.msg);
		/* The reader stays failed. */
		struct raa_err again;
		assert_int_equal(csv_next(r, &row, &again), -1);
		assert_string_equal(again.msg, err.msg);
	} else {
		assert_int_equal(csv_next(r, &row, &err), 0);
	}
	assert_int_equal(csv_bytes_read(r), rc < 0 ? csv_bytes_read(r) : (long)len);
	csv_close(r);
	return buf_detach(&out);
}

static char *parse_n(const char *data, size_t len, size_t max_field)
{
	return parse_reader(csv_open_mem(data, len, max_field), len);
}

static void check(const char *data, const char *want)
{
	char *got = parse_n(data, strlen(data), 0);
	assert_string_equal(got, want);
	free(got);
}

/* ---- well-formed input ---- */

static void simple_rows(void **state)
{
	(void)state;
	check("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	check("name\nAnna\nBen\n", "1:name\n2:Anna\n3:Ben\n");
	check(" a , b \n", "1: a | b \n"); /* spaces are data */
}

static void quoted_fields(void **state)
{
	(void)state;
	check("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", "1:a|b\n2:x,y|say \"hi\"\n");
	check("\"\",\"\"\"\"\n", "1:|\"\n");
	/* Embedded newlines: the row starts on line 2; the next on line 5. */
	check("h1,h2\n\"one\ntwo\nthree\",x\nlast,row\n",
	      "1:h1|h2\n2:one\ntwo\nthree|x\n5:last|row\n");
	check("a\n\"cr\r\nlf\"\nz\n", "1:a\n2:cr\r\nlf\n4:z\n");
}

static void line_endings(void **state)
{
	(void)state;
	check("a,b\r\n1,2\n3,4\r\n", "1:a|b\n2:1|2\n3:3|4\n");
	check("a,b\r\n1,2", "1:a|b\n2:1|2\n");           /* no final line ending */
	check("a,\"b\"", "1:a|b\n");
	check("\xef\xbb\xbf" "id,name\n1,x\n", "1:id|name\n2:1|x\n"); /* BOM */
	check("", "");
	check("\xef\xbb\xbf", "");
	/* A BOM anywhere but the start is data. */
	check("a\n\xef\xbb\xbf\n", "1:a\n2:\xef\xbb\xbf\n");
}

static void blank_fields(void **state)
{
	(void)state;
	check(",,\n1,,3\n,,\n", "1:||\n2:1||3\n3:||\n");
	check("a,b,\n", "1:a|b|\n");
	check("\n", "1:\n"); /* one record of one empty field */
}

static void utf8_valid(void **state)
{
	(void)state;
	check("Zoë,Łódź,日本,😀\n", "1:Zoë|Łódź|日本|😀\n");
	check("\"Zoë\né\"\n", "1:Zoë\né\n");
	/* Boundaries that are valid: U+0080, U+07FF, U+0800, U+D7FF, U+E000,
	 * U+FFFF, U+10000, U+10FFFF. */
	check("\xc2\x80,\xdf\xbf,\xe0\xa0\x80,\xed\x9f\xbf,\xee\x80\x80,\xef\xbf\xbf,"
	      "\xf0\x90\x80\x80,\xf4\x8f\xbf\xbf\n",
	      "1:\xc2\x80|\xdf\xbf|\xe0\xa0\x80|\xed\x9f\xbf|\xee\x80\x80|\xef\xbf\xbf|"
	      "\xf0\x90\x80\x80|\xf4\x8f\xbf\xbf\n");
}

/* ---- errors ---- */

static void ragged_rows(void **state)
{
	(void)state;
	check("a,b,c\n1,2,3\n1,2\n", "1:a|b|c\n2:1|2|3\n!<memory>: line 3: expected 3 fields, found 2");
	check("a,b\n\"x\ny\",2\n1,2,3\n",
	      "1:a|b\n2:x\ny|2\n!<memory>: line 4: expected 2 fields, found 3");
	check("a,b\n1,2\n\n", "1:a|b\n2:1|2\n!<memory>: line 3: expected 2 fields, found 1");
}

static void quote_errors(void **state)
{
	(void)state;
	check("a,b\n12,ab\"c\n", "1:a|b\n!<memory>: line 2, column 6: quote inside an unquoted field");
	check("x\"\n", "!<memory>: line 1, column 2: quote inside an unquoted field");
	check("a,b\n\"ab\"c,d\n",
	      "1:a|b\n!<memory>: line 2, column 5: "
	      "text after a closing quote: expected a comma or a line end");
	check("\"a\" ,b\n", "!<memory>: line 1, column 4: "
	      "text after a closing quote: expected a comma or a line end");
	/* Unterminated: reported where the quoted field starts. */
	check("a,b\nx,\"open\nmore\n", "1:a|b\n!<memory>: line 2, column 3: unterminated quoted field");
	check("\"", "!<memory>: line 1, column 1: unterminated quoted field");
	check("a,\"b\"\"", "!<memory>: line 1, column 3: unterminated quoted field");
}

static void cr_errors(void **state)
{
	(void)state;
	check("a,b\rc,d\n", "!<memory>: line 1, column 4: carriage return not followed by a line feed");
	check("a\nb\r", "1:a\n!<memory>: line 2, column 2: carriage return not followed by a line feed");
	check("\"a\"\rx\n", "!<memory>: line 1, column 4: carriage return not followed by a line feed");
	check("\r\r\n", "!<memory>: line 1, column 1: carriage return not followed by a line feed");
}

static void utf8_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80",                 /* stray continuation */
		"\xbf",
		"\xc0\xaf",             /* overlong '/' */
		"\xc1\xbf",             /* overlong */
		"\xe0\x80\xaf",         /* overlong 3-byte */
		"\xe0\x9f\xbf",         /* overlong 3-byte, top */
		"\xf0\x8f\xbf\xbf",     /* overlong 4-byte */
		"\xed\xa0\x80",         /* surrogate U+D800 */
		"\xed\xbf\xbf",         /* surrogate U+DFFF */
		"\xf4\x90\x80\x80",     /* U+110000 */
		"\xf5\x80\x80\x80",     /* lead byte above F4 */
		"\xff",
		"\xc3",                 /* truncated at end of input */
		"\xc3,",                /* truncated by a comma */
		"\xe2\x82",             /* truncated 3-byte */
		"\xf0\x9f\x98",         /* truncated 4-byte */
		"\xc3\xa9\xa9",         /* extra continuation */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char in[64], want[128];
		/* "ab,é" + bad: the bad sequence starts at character 5 of
		 * line 2 (6 when the é itself is followed by a stray byte). */
		snprintf(in, sizeof in, "h,i\nab,\xc3\xa9%s\n", bad[i]);
		long col = strcmp(bad[i], "\xc3\xa9\xa9") == 0 ? 6 : 5;
		snprintf(want, sizeof want, "1:h|i\n!<memory>: line 2, column %ld: invalid UTF-8", col);
		char *got = parse_n(in, strlen(in), 0);
		if (strcmp(got, want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, want);
		free(got);
	}
	/* Inside a quoted field, after an embedded newline. */
	check("\"ok\nd\xe9j\xe0\"\n", "!<memory>: line 2, column 2: invalid UTF-8");
}

static void nul_bytes(void **state)
{
	(void)state;
	char *got = parse_n("ab,c\0d\n", 7, 0);
	assert_string_equal(got, "!<memory>: line 1, column 5: NUL byte");
	free(got);
	got = parse_n("\"a\0\"\n", 5, 0);
	assert_string_equal(got, "!<memory>: line 1, column 3: NUL byte");
	free(got);
}

static void oversize_field(void **state)
{
	(void)state;
	/* Exactly at the bound is fine; one more byte is not. Multi-byte
	 * characters count in bytes. */
	char *got = parse_n("abcd,\"ef\"\"\"\n", 12, 4);
	assert_string_equal(got, "1:abcd|ef\"\n");
	free(got);
	got = parse_n("x\nabcde\n", 8, 4);
	assert_string_equal(got, "1:x\n!<memory>: line 2, column 1: field longer than 4 bytes");
	free(got);
	got = parse_n("a,b\n1,\"q\nrs\"\"t\"\n", 16, 4);
	assert_string_equal(got, "1:a|b\n!<memory>: line 2, column 3: field longer than 4 bytes");
	free(got);
	got = parse_n("\xc3\xa9\xc3\xa9\xc3\xa9", 6, 5);
	assert_string_equal(got, "!<memory>: line 1, column 1: field longer than 5 bytes");
	free(got);

	/* The default bound: 64 KiB. */
	size_t n = CSV_DEFAULT_MAX_FIELD;
	char *big = malloc(n + 8);
	memcpy(big, "a,", 2);
	memset(big + 2, 'x', n);
	big[n + 2] = '\n';
	got = parse_n(big, n + 3, 0);
	assert_int_equal(strlen(got), 2 + 2 + n + 1); /* "1:a|xxx...\n" */
	free(got);
	memcpy(big, "a,", 2);
	memset(big + 2, 'x', n + 1);
	big[n + 3] = '\n';
	got = parse_n(big, n + 4, 0);
	assert_string_equal(got, "!<memory>: line 1, column 3: field longer than 65536 bytes");
	free(got);
	free(big);
}

static void too_many_fields(void **state)
{
	(void)state;
	size_t max = CSV_DEFAULT_MAX_FIELDS;
	char *s = malloc(max + 2);
	/* max fields: max-1 commas. */
	memset(s, ',', max - 1);
	s[max - 1] = '\n';
	struct csv_reader *r = csv_open_mem(s, max, 0);
	struct csv_row row;
	struct raa_err err;
	assert_int_equal(csv_next(r, &row, &err), 1);
	assert_int_equal(row.n, max);
	csv_close(r);
	memset(s, ',', max);
	s[max] = '\n';
	char *got = parse_n(s, max + 1, 0);
	char want[128];
	snprintf(want, sizeof want, "!<memory>: line 1, column %zu: more than %d fields in a row",
		 max + 1, CSV_DEFAULT_MAX_FIELDS);
	assert_string_equal(got, want);
	free(got);
	free(s);
}

/* ---- files ---- */

static char *temp_file(const char *data, size_t len)
{
	char *path = strdup("/tmp/raa-test-csv-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void file_errors_name_the_path(void **state)
{
	(void)state;
	struct raa_err err;
	assert_null(csv_open_file("/nonexistent/dir/kids.csv", 0, &err));
	assert_int_equal(err.code, RAA_EIO);
	assert_string_equal(err.msg, "/nonexistent/dir/kids.csv: cannot open: No such file or directory");

	char *path = temp_file("a,b\n\"x\"y,2\n", 11);
	struct csv_reader *r = csv_open_file(path, 0, &err);
	assert_non_null(r);
	struct csv_row row;
	assert_int_equal(csv_next(r, &row, &err), 1);
	assert_int_equal(csv_next(r, &row, &err), -1);
	char want[256];
	snprintf(want, sizeof want,
		 "%s: line 2, column 4: text after a closing quote: expected a comma or a line end",
		 path);
	assert_string_equal(err.msg, want);
	csv_close(r);
	unlink(path);
	free(path);

	/* A stream keeps its name and is not closed by csv_close. */
	FILE *fp = tmpfile();
	fputs("q\n\"", fp);
	rewind(fp);
	r = csv_open_stream(fp, "upload.csv", 0);
	assert_int_equal(csv_next(r, &row, &err), 1);
	assert_int_equal(csv_next(r, &row, &err), -1);
	assert_string_equal(err.msg, "upload.csv: line 2, column 1: unterminated quoted field");
	csv_close(r);
	assert_int_equal(fseek(fp, 0, SEEK_SET), 0); /* still open */
	fclose(fp);
}

/* 200,000 rows (several MB, far more than one 64 KiB block), so rows, quoted
 * fields, CRLF pairs and multi-byte characters straddle block boundaries. */
static void large_file(void **state)
{
	(void)state;
	const long rows = 200000;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "\xef\xbb\xbfid,name,note,town,n\r\n");
	for (long i = 1; i <= rows; i++) {
		if (i % 3 == 0)
			buf_printf(&b, "%ld,\"Zo\xc3\xab %ld\",\"a,\"\"b\"\"\nc\",T\xc3\xa9ign,%ld\r\n", i, i, i * 7);
		else
			buf_printf(&b, "%ld,Name %ld,,\xf0\x9f\x98\x80,%ld\n", i, i, i * 7);
	}
	char *path = temp_file(b.data, b.len);
	struct raa_err err;
	struct csv_reader *r = csv_open_file(path, 0, &err);
	assert_non_null(r);
	struct csv_row row;
	assert_int_equal(csv_next(r, &row, &err), 1);
	assert_int_equal(row.n, 5);
	assert_string_equal(row.fields[0], "id");
	assert_string_equal(row.fields[4], "n");
	long n = 0, line = 2;
	clock_t t0 = clock();
	int rc;
	while ((rc = csv_next(r, &row, &err)) > 0) {
		n++;
		assert_int_equal(row.n, 5);
		if (row.line != line)
			fail_msg("row %ld: line %ld, want %ld", n, row.line, line);
		line += n % 3 == 0 ? 2 : 1;
		if (strtol(row.fields[0], NULL, 10) != n || strtol(row.fields[4], NULL, 10) != n * 7)
			fail_msg("row %ld: %s,%s", n, row.fields[0], row.fields[4]);
		if (n % 3 == 0) {
			char want[64];
			snprintf(want, sizeof want, "Zo\xc3\xab %ld", n);
			assert_string_equal(row.fields[1], want);
			assert_string_equal(row.fields[2], "a,\"b\"\nc");
			assert_int_equal(row.lens[2], 7);
			assert_string_equal(row.fields[3], "T\xc3\xa9ign");
		} else {
			assert_int_equal(row.lens[2], 0);
			assert_string_equal(row.fields[3], "\xf0\x9f\x98\x80");
		}
	}
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_int_equal(rc, 0);
	assert_int_equal(n, rows);
	assert_int_equal(csv_bytes_read(r), (long)b.len);
	assert_true(secs < 1.5); /* generous: sanitizer builds are slow */
	csv_close(r);
	unlink(path);
	free(path);
	buf_free(&b);
}

/* An error deep in a big file still gets the right line and column. */
static void error_after_many_blocks(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	for (int i = 0; i < 30000; i++)
		buf_puts(&b, "abc,\"d\ne\"\n");
	buf_puts(&b, "xy,z\xe9\n");
	char *path = temp_file(b.data, b.len);
	struct raa_err err;
	struct csv_reader *r = csv_open_file(path, 0, &err);
	struct csv_row row;
	int rc, n = 0;
	while ((rc = csv_next(r, &row, &err)) > 0)
		n++;
	assert_int_equal(rc, -1);
	assert_int_equal(n, 30000);
	char want[256];
	snprintf(want, sizeof want, "%s: line 60001, column 5: invalid UTF-8", path);
	assert_string_equal(err.msg, want);
	csv_close(r);
	unlink(path);
	free(path);
	buf_free(&b);
}

/* ---- the fast path (plain rows) and the general path agree ---- */

/* Plain rows go through one scan and memcpy; a row with anything else is
 * read again from its start byte by byte. Mixed input must read as if every
 * row took the general path: same fields, lines, columns and errors. */
static void plain_and_general_rows_mix(void **state)
{
	(void)state;
	check("a,b\r\nc,\"d\"\n\xc3\xa9,f\n,\nx,y", "1:a|b\n2:c|d\n3:\xc3\xa9|f\n4:|\n5:x|y\n");
	check("\xef\xbb\xbfid,n\nA1,2\n", "1:id|n\n2:A1|2\n");
	check("h\n\n\nz\n", "1:h\n2:\n3:\n4:z\n"); /* an empty line is one empty field */
	check("a,b\nc,d\ne,f,g\n", "1:a|b\n2:c|d\n!<memory>: line 3: expected 2 fields, found 3");
	check("a,b\nc,d\ne\n", "1:a|b\n2:c|d\n!<memory>: line 3: expected 2 fields, found 1");
	check("a,b\nc\rd,e\n",
	      "1:a|b\n!<memory>: line 2, column 2: carriage return not followed by a line feed");
	check("a,b\nc,d\"\n", "1:a|b\n!<memory>: line 2, column 4: quote inside an unquoted field");
	check("a,b\nc,d\n\"e,f\n", "1:a|b\n2:c|d\n!<memory>: line 3, column 1: unterminated quoted field");
	/* a quoted field spanning lines, then plain rows numbered after it */
	check("a,b\n\"1\n2\",3\nc,d\n", "1:a|b\n2:1\n2|3\n4:c|d\n");
}

static void plain_rows_keep_the_bounds(void **state)
{
	(void)state;
	char *got = parse_n("abc,d\nab,c\nabcd,e\n", 18, 3);
	assert_string_equal(got,
			    "1:abc|d\n2:ab|c\n!<memory>: line 3, column 1: field longer than 3 bytes");
	free(got);
	got = parse_n("x\nabcd", 6, 3); /* the last row, without a line end */
	assert_string_equal(got, "1:x\n!<memory>: line 2, column 1: field longer than 3 bytes");
	free(got);
}

static void named_memory_reader(void **state)
{
	(void)state;
	static const char data[] = "a,b\n1,2\n3\n";
	size_t len = sizeof data - 1;
	char *got = parse_reader(csv_open_mem_named(data, len, "Header.csv", 0), len);
	assert_string_equal(got, "1:a|b\n2:1|2\n!Header.csv: line 3: expected 2 fields, found 1");
	free(got);
}

/* Plain rows through a file: rows straddle the 64 KiB blocks (general
 * path), the rest take the fast path; every field and line must match. */
static void plain_file_across_blocks(void **state)
{
	(void)state;
	const long rows = 50000;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "CHILD,DOB,CODE,EMPTY\n");
	for (long i = 1; i <= rows; i++)
		buf_printf(&b, "C%ld,%02ld/01/2010,x%ld,%s", i, i % 28 + 1, i % 7,
			   i % 2 ? "\r\n" : "\n");
	buf_puts(&b, "Clast,01/01/2010,x\n"); /* ragged: the error names its line */
	char *path = temp_file(b.data, b.len);
	struct raa_err err;
	struct csv_reader *r = csv_open_file(path, 0, &err);
	assert_non_null(r);
	struct csv_row row;
	assert_int_equal(csv_next(r, &row, &err), 1);
	long n = 0;
	int rc;
	char want[64];
	while ((rc = csv_next(r, &row, &err)) > 0) {
		n++;
		assert_int_equal(row.n, 4);
		if (row.line != n + 1)
			fail_msg("row %ld: line %ld", n, row.line);
		snprintf(want, sizeof want, "C%ld", n);
		assert_string_equal(row.fields[0], want);
		assert_int_equal(row.lens[0], strlen(want));
		snprintf(want, sizeof want, "%02ld/01/2010", n % 28 + 1);
		assert_string_equal(row.fields[1], want);
		snprintf(want, sizeof want, "x%ld", n % 7);
		assert_string_equal(row.fields[2], want);
		assert_string_equal(row.fields[3], "");
		assert_int_equal(row.lens[3], 0);
	}
	assert_int_equal(rc, -1);
	assert_int_equal(n, rows);
	snprintf(want, sizeof want, ": line %ld: expected 4 fields, found 3", rows + 2);
	if (!strstr(err.msg, want))
		fail_msg("%s", err.msg);
	csv_close(r);
	unlink(path);
	free(path);
	buf_free(&b);
}

/* ---- writer ---- */

static void writer_quoting(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	csv_write_field(&b, "plain text");
	assert_string_equal(buf_cstr(&b), "plain text");
	buf_reset(&b);
	csv_write_field(&b, NULL);
	assert_string_equal(buf_cstr(&b), "");
	csv_write_field(&b, "a,b");
	assert_string_equal(buf_cstr(&b), "\"a,b\"");
	buf_reset(&b);
	csv_write_field(&b, "say \"hi\"");
	assert_string_equal(buf_cstr(&b), "\"say \"\"hi\"\"\"");
	buf_reset(&b);
	csv_write_field(&b, "\"");
	assert_string_equal(buf_cstr(&b), "\"\"\"\"");
	buf_reset(&b);
	csv_write_field(&b, "a\r\nb");
	assert_string_equal(buf_cstr(&b), "\"a\r\nb\"");
	buf_free(&b);
}

static void writer_round_trip(void **state)
{
	(void)state;
	static const char *const rows[][4] = {
		{ "id", "name", "note", "empty" },
		{ "1", "O'Brien, Seán", "said \"no\"\nthen left", "" },
		{ "2", "\"", "\r\n", "," },
		{ "3", " x ", "\"\"", "日本" },
	};
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < 4; i++) {
		for (size_t j = 0; j < 4; j++) {
			if (j)
				buf_putc(&b, ',');
			csv_write_field(&b, rows[i][j]);
		}
		buf_puts(&b, i % 2 ? "\r\n" : "\n");
	}
	struct csv_reader *r = csv_open_mem(b.data, b.len, 0);
	struct csv_row row;
	struct raa_err err;
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(csv_next(r, &row, &err), 1);
		assert_int_equal(row.n, 4);
		for (size_t j = 0; j < 4; j++) {
			assert_string_equal(row.fields[j], rows[i][j]);
			assert_int_equal(row.lens[j], strlen(rows[i][j]));
		}
	}
	assert_int_equal(csv_next(r, &row, &err), 0);
	csv_close(r);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(simple_rows),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(line_endings),
		cmocka_unit_test(blank_fields),
		cmocka_unit_test(utf8_valid),
		cmocka_unit_test(ragged_rows),
		cmocka_unit_test(quote_errors),
		cmocka_unit_test(cr_errors),
		cmocka_unit_test(utf8_invalid),
		cmocka_unit_test(nul_bytes),
		cmocka_unit_test(oversize_field),
		cmocka_unit_test(too_many_fields),
		cmocka_unit_test(file_errors_name_the_path),
		cmocka_unit_test(large_file),
		cmocka_unit_test(error_after_many_blocks),
		cmocka_unit_test(plain_and_general_rows_mix),
		cmocka_unit_test(plain_rows_keep_the_bounds),
		cmocka_unit_test(named_memory_reader),
		cmocka_unit_test(plain_file_across_blocks),
		cmocka_unit_test(writer_quoting),
		cmocka_unit_test(writer_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
