/*
 * s903 reader: CSV tables recognised by their exact column set.
 *
 * Never guesses: a file whose header is no table's column set, a table
 * given twice, a ragged row or invalid UTF-8 (core/csv.h) is an error naming
 * the file, line and column. Values are upper-cased and interned; date
 * columns are parsed once here. The XML form is reader_xml.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/csv.h"
#include "ssda903/s903.h"

/* Which table has exactly these columns; -1 if none. */
static int recognise(const int *cols, size_t n)
{
	for (int t = 0; t < S903_NTAB; t++) {
		const enum s903_colid *want = s903_tab_cols((enum s903_tab)t);
		size_t nw = 0;
		while (want[nw] != S903_NCOL)
			nw++;
		if (nw != n)
			continue;
		size_t hit = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < nw; j++)
				hit += cols[i] == (int)want[j];
		if (hit == n)
			return t;
	}
	return -1;
}

static void describe_header(struct buf *b, const struct csv_row *row, size_t first)
{
	for (size_t i = first; i < row->n; i++)
		buf_printf(b, "%s%s", i > first ? "," : "", row->fields[i]);
}

/* A column's recent values: a small direct-mapped cache in front of the
 * return's string pool (and the date parser). A column repeats few values
 * (codes) or repeats one over neighbouring rows (a child's CHILD and DOB),
 * so most cells are found here without touching the large pool. */
enum { CELL_CACHE = 128 };

struct cached {
	const char *v;  /* interned; NULL: empty slot */
	uint32_t h, len; /* hash and length of the bytes that gave v */
	raa_day d;      /* v parsed as a date (date columns) */
};

struct loader {
	struct s903_return *r;
	struct s903_table *t;
	int map[CSV_DEFAULT_MAX_FIELDS]; /* CSV field -> column id, -1 label */
	size_t nf, cap;
	struct cached *cache;            /* CELL_CACHE per CSV field */
};

static int read_header(struct loader *L, const char *path, const struct csv_row *row, int slot,
		       const char *label_col, bool partial, struct raa_err *err)
{
	size_t first = 0;
	if (label_col) {
		if (row->n == 0 || strcmp(row->fields[0], label_col) != 0)
			return raa_err_set(err, RAA_EINVAL, "%s: line 1, column 1: expected '%s'",
					   path, label_col);
		first = 1;
	}
	int cols[CSV_DEFAULT_MAX_FIELDS];
	bool seen[S903_NCOL] = { false };
	for (size_t i = first; i < row->n; i++) {
		int c = s903_col_parse(row->fields[i]);
		if (c < 0 || c == S903_C_UASC) {
			if (partial)
				c = -2; /* a column no rule reads: kept out */
			else
				goto unknown;
		} else if (seen[c]) {
			return raa_err_set(err, RAA_EINVAL,
					   "%s: line 1, column %zu: column %s given twice", path,
					   i + 1, row->fields[i]);
		} else {
			seen[c] = true;
		}
		cols[i - first] = c;
	}
	if (slot < 0) {
		int base = recognise(cols, row->n - first);
		if (base < 0)
			goto unknown;
		slot = slot == S903_RECOGNISE_LAST ? S903_LAST(base) : base;
	}
	L->t = &L->r->tab[slot];
	L->nf = row->n;
	for (size_t i = 0; i < row->n; i++)
		L->map[i] = i < first ? -1 : cols[i - first];
	return slot;
unknown:;
	struct buf b;
	buf_init(&b, 0);
	describe_header(&b, row, first);
	raa_err_set(err, RAA_EINVAL,
		    "%s: line 1: columns (%s) are not the column set of any SSDA903 table", path,
		    buf_cstr(&b));
	buf_free(&b);
	return RAA_EINVAL;
}

struct s903_col *s903_col_new(enum s903_colid c)
{
	struct s903_col *col = xcalloc(1, sizeof(*col));
	if (s903_col_is_date(c))
		col->d = xcalloc(1, sizeof(raa_day));
	return col;
}

/* Gives every column of t (and its labels) room for n rows. */
static void resize_rows(struct s903_table *t, size_t n)
{
	for (int c = 0; c < S903_NCOL; c++) {
		if (!t->col[c])
			continue;
		t->col[c]->s = xrealloc(t->col[c]->s, n * sizeof(char *));
		if (t->col[c]->d)
			t->col[c]->d = xrealloc(t->col[c]->d, n * sizeof(raa_day));
	}
	if (t->label)
		t->label = xrealloc(t->label, n * sizeof(char *));
}

void s903_table_grow(struct s903_table *t, size_t *cap)
{
	if (t->n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 256;
	resize_rows(t, *cap);
}

void s903_cell_put(struct s903_table *t, enum s903_colid c, const char *v)
{
	t->col[c]->s[t->n] = v;
	if (t->col[c]->d) {
		raa_day d = DAY_NONE;
		if (v && date_parse_dmy(v, &d) < 0)
			d = DAY_NONE;
		t->col[c]->d[t->n] = d;
	}
}

static inline bool same_upper(const char *pooled, const char *s, size_t len, bool upper)
{
	if (!upper)
		return memcmp(pooled, s, len) == 0;
	for (size_t i = 0; i < len; i++) {
		char u = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
		if (pooled[i] != u)
			return false;
	}
	return true;
}

/* As s903_cell_put(t, c, s903_intern(...)) for CSV field i, through the
 * field's cache. CSV fields hold no NUL, so the pooled copy of a field is
 * exactly len bytes long. */
static void put_field(struct loader *L, size_t i, enum s903_colid c, const char *s, size_t len)
{
	struct s903_col *col = L->t->col[c];
	size_t n = L->t->n;
	if (len == 0) {
		col->s[n] = NULL;
		if (col->d)
			col->d[n] = DAY_NONE;
		return;
	}
	bool upper = !L->r->keep_case;
	uint32_t h = 2166136261u;
	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)s[k]) * 16777619u;
	struct cached *e = &L->cache[i * CELL_CACHE + (h & (CELL_CACHE - 1))];
	if (!e->v || e->h != h || e->len != len || !same_upper(e->v, s, len, upper)) {
		e->v = s903_intern(L->r, s, len, upper);
		e->h = h;
		e->len = (uint32_t)len;
		if (col->d && date_parse_dmy(e->v, &e->d) < 0)
			e->d = DAY_NONE;
	}
	col->s[n] = e->v;
	if (col->d)
		col->d[n] = e->d;
}

static void add_row(struct loader *L, const struct csv_row *row)
{
	struct s903_table *t = L->t;
	s903_table_grow(t, &L->cap);
	for (size_t i = 0; i < row->n; i++) {
		int c = L->map[i];
		if (c == -1) {
			t->label[t->n] = s903_intern(L->r, row->fields[i], row->lens[i], false);
			continue;
		}
		if (c < 0)
			continue;
		put_field(L, i, (enum s903_colid)c, row->fields[i], row->lens[i]);
	}
	t->n++;
}

/* A CSV file in memory: mapped, or read when it cannot be mapped. */
struct file_data {
	char *p;
	size_t len;
	bool mapped;
};

/* Reads the whole of path at once rather than through stdio blocks (a
 * regular file is mapped: no copy), so the rows are counted before the
 * first is stored. A return's tables are held in memory anyway. */
static int file_load(const char *path, struct file_data *f, struct raa_err *err)
{
	memset(f, 0, sizeof(*f));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return raa_err_set(err, RAA_EIO, "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
	if (regular) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			*f = (struct file_data){ m, (size_t)st.st_size, true };
			return 0;
		}
	}
	size_t cap = regular ? (size_t)st.st_size + 1 : 4096, n = 0;
	char *p = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			p = xrealloc(p, cap);
		}
		ssize_t got = read(fd, p + n, cap - n);
		if (got == 0)
			break;
		if (got < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			free(p);
			return raa_err_set(err, RAA_EIO, "%s: read failed: %s", path, strerror(e));
		}
		n += (size_t)got;
	}
	close(fd);
	*f = (struct file_data){ p, n, false };
	return 0;
}

static void file_unload(struct file_data *f)
{
	if (f->mapped)
		munmap(f->p, f->len);
	else
		free(f->p);
}

/* Lines from offset off to the end: at least the rows still to come. */
static size_t lines_from(const char *data, size_t len, size_t off)
{
	size_t n = 0;
	for (const char *p = data + off, *e = data + len; p < e; p++) {
		p = memchr(p, '\n', (size_t)(e - p));
		if (!p)
			break;
		n++;
	}
	return n + (len > off && data[len - 1] != '\n');
}

/* Allocates every column of the table for rows rows up front. */
static void reserve(struct loader *L, size_t rows)
{
	L->cap = rows ? rows : 1;
	resize_rows(L->t, L->cap);
}

int s903_read_csv(struct s903_return *r, const char *path, int slot, const char *label_col,
		  bool partial, struct raa_err *err)
{
	struct file_data f;
	int rc = file_load(path, &f, err);
	if (rc < 0)
		return rc;
	struct csv_reader *cr = csv_open_mem_named(f.p, f.len, path, 0);
	struct loader *L = xcalloc(1, sizeof(*L));
	L->r = r;
	struct csv_row row;
	rc = csv_next(cr, &row, err);
	if (rc <= 0) {
		if (rc == 0)
			raa_err_set(err, RAA_EINVAL, "%s: line 1: empty file, expected a header row", path);
		rc = RAA_EINVAL;
		goto out;
	}
	rc = read_header(L, path, &row, slot, label_col, partial, err);
	if (rc < 0)
		goto out;
	slot = rc;
	struct s903_table *t = L->t;
	if (t->present) {
		rc = raa_err_set(err, RAA_EINVAL, "%s: table %s given twice (already read from %s)",
				 path, s903_tab_name(slot), t->file);
		goto out;
	}
	t->present = true;
	t->file = xstrdup(path);
	for (size_t i = 0; i < L->nf; i++) {
		int c = L->map[i];
		if (c == -1) {
			t->label = xcalloc(1, sizeof(char *));
		} else if (c >= 0) {
			t->col[c] = s903_col_new((enum s903_colid)c);
		}
	}
	reserve(L, lines_from(f.p, f.len, (size_t)csv_bytes_read(cr)));
	L->cache = xcalloc(L->nf * CELL_CACHE, sizeof(*L->cache));
	while ((rc = csv_next(cr, &row, err)) == 1)
		add_row(L, &row);
	rc = rc < 0 ? RAA_EINVAL : 0;
out:
	free(L->cache);
	free(L);
	csv_close(cr);
	file_unload(&f);
	return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int s903_read_dir(struct s903_return *r, const char *dir, bool previous, struct raa_err *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return raa_err_set(err, RAA_EIO, "%s: cannot open the directory", dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	/* CSV files first: an XML file then gives only the tables no CSV file
	 * gave (s903_read_xml), and a table in both is an error naming both. */
	int rc = 0;
	size_t nread = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (!ends_with(names[i], pass ? ".xml" : ".csv"))
				continue;
			char *path = arena_printf(&r->arena, "%s/%s", dir, names[i]);
			nread++;
			if (pass)
				rc = s903_read_xml(r, path, previous, err);
			else
				rc = s903_read_csv(r, path,
						   previous ? S903_RECOGNISE_LAST : S903_RECOGNISE,
						   NULL, false, err);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0 && nread == 0)
		rc = raa_err_set(err, RAA_EINVAL,
				 "%s: no .csv files (SSDA903 tables) and no .xml return in the directory", dir);
	return rc;
}
