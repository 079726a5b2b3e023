/* A4 layout on cairo (see pdf.h). */
#include "report/pdf.h"

#include <cairo-pdf.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynlib/dynlib.h"

#define PDF_MAX_COLS 8
#define PDF_MAX_LINES 40
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0
#define LEADING 1.28

/* The report's palette (the same as the HTML's CSS). */
struct rgb {
	double r, g, b;
};
static const struct rgb INK = { 0x1b / 255.0, 0x1b / 255.0, 0x1b / 255.0 };
static const struct rgb MUTED = { 0x50 / 255.0, 0x5a / 255.0, 0x64 / 255.0 };
static const struct rgb RED = { 0xa4 / 255.0, 0x16 / 255.0, 0x1a / 255.0 };
static const struct rgb GREEN = { 0x17 / 255.0, 0x6b / 255.0, 0x34 / 255.0 };
static const struct rgb BLUE = { 0x1d / 255.0, 0x4f / 255.0, 0x91 / 255.0 };
static const struct rgb RULE = { 0xc9 / 255.0, 0xd3 / 255.0, 0xe0 / 255.0 };
static const struct rgb GRID = { 0xe1 / 255.0, 0xe6 / 255.0, 0xed / 255.0 };
static const struct rgb HEAD_BG = { 0xee / 255.0, 0xf2 / 255.0, 0xf8 / 255.0 };

static void set_rgb(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static struct rgb style_rgb(unsigned style)
{
	if (style & PDF_RED)
		return RED;
	if (style & PDF_GREEN)
		return GREEN;
	if (style & PDF_BLUE)
		return BLUE;
	if (style & PDF_MUTED)
		return MUTED;
	return INK;
}

/* ---- pure text helpers ---- */

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one
 * (overlong forms, surrogates and code points above U+10FFFF included). */
static size_t utf8_seq(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n;
	uint32_t cp, min;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f, min = 0x80;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f, min = 0x800;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void pdf_clean_utf8(const char *s, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = utf8_seq(p);
		if (n == 0) {
			buf_putc(out, '?');
			p++;
		} else if (n == 1 && ((*p < 0x20 && *p != '\n') || *p == 0x7f)) {
			buf_putc(out, ' ');
			p++;
		} else {
			buf_append(out, p, n);
			p += n;
		}
	}
}

static size_t emit(size_t *start, size_t *len, size_t max, size_t n, size_t a, size_t b)
{
	if (n < max) {
		start[n] = a;
		len[n] = b - a;
	}
	return n + 1;
}

/* The end of the longest prefix of s[a, b) that fits w, at least one
 * UTF-8 character (so wrapping always moves on). */
static size_t fit_prefix(const char *s, size_t a, size_t b, double w, pdf_measure_fn measure,
			 void *ctx)
{
	size_t end = a + 1;
	while (end < b && ((unsigned char)s[end] & 0xc0) == 0x80)
		end++;
	for (size_t e = end; e < b;) {
		size_t next = e + 1;
		while (next < b && ((unsigned char)s[next] & 0xc0) == 0x80)
			next++;
		if (measure(ctx, s + a, next - a) > w)
			break;
		end = e = next;
	}
	return end;
}

/* One paragraph s[i, pe) (no '\n' in it) wrapped greedily by words. */
static size_t wrap_para(const char *s, size_t i, size_t pe, double w, pdf_measure_fn measure,
			void *ctx, size_t *start, size_t *len, size_t max, size_t n)
{
	size_t ls = SIZE_MAX, le = 0, k = i;
	while (k < pe) {
		size_t ws = k, we;
		while (ws < pe && s[ws] == ' ')
			ws++;
		for (we = ws; we < pe && s[we] != ' '; we++)
			;
		if (ws == we)
			break;
		k = we;
		if (ls != SIZE_MAX && measure(ctx, s + ls, we - ls) <= w) {
			le = we;
			continue;
		}
		if (ls != SIZE_MAX)
			n = emit(start, len, max, n, ls, le);
		/* the word starts a line; a word wider than a line is cut */
		while (measure(ctx, s + ws, we - ws) > w) {
			size_t cut = fit_prefix(s, ws, we, w, measure, ctx);
			if (cut >= we)
				break;
			n = emit(start, len, max, n, ws, cut);
			ws = cut;
		}
		ls = ws;
		le = we;
	}
	return ls == SIZE_MAX ? emit(start, len, max, n, i, i) : emit(start, len, max, n, ls, le);
}

size_t pdf_wrap(const char *s, double w, pdf_measure_fn measure, void *ctx, size_t *start,
		size_t *len, size_t max)
{
	size_t n = 0, i = 0, total = strlen(s);
	for (;;) {
		const char *nl = memchr(s + i, '\n', total - i);
		size_t pe = nl ? (size_t)(nl - s) : total;
		n = wrap_para(s, i, pe, w, measure, ctx, start, len, max, n);
		if (!nl)
			return n;
		i = pe + 1;
	}
}

/* ---- fonts and text ---- */

static void set_font(struct pdf_doc *d, unsigned style, double size)
{
	int bold = (style & PDF_BOLD) != 0;
	if (bold != d->cur_bold) {
		cairo_set_font_face(d->cr, d->face[bold]);
		d->cur_bold = bold;
		d->cur_size = 0;
	}
	if (size != d->cur_size) {
		cairo_set_font_size(d->cr, size);
		d->cur_size = size;
	}
}

/* Width of an already clean piece of text (not NUL-terminated). */
static double piece_width(struct pdf_doc *d, const char *s, size_t n)
{
	cairo_text_extents_t ex;
	buf_reset(&d->scratch);
	buf_append(&d->scratch, s, n);
	cairo_text_extents(d->cr, buf_cstr(&d->scratch), &ex);
	return ex.x_advance;
}

struct measure_ctx {
	struct pdf_doc *d;
	unsigned style;
	double size;
};

static double measure_piece(void *ctx, const char *s, size_t n)
{
	struct measure_ctx *m = ctx;
	set_font(m->d, m->style, m->size);
	return piece_width(m->d, s, n);
}

double pdf_text_width(struct pdf_doc *d, unsigned style, double size, const char *s)
{
	struct buf clean;
	buf_init(&clean, 0);
	pdf_clean_utf8(s, &clean);
	set_font(d, style, size);
	double w = piece_width(d, buf_cstr(&clean), clean.len);
	buf_free(&clean);
	return w;
}

/* Draws a clean piece of text with its baseline at (x, y). */
static void piece_at(struct pdf_doc *d, unsigned style, double size, double x, double y,
		     const char *s, size_t n)
{
	if (d->measuring || n == 0)
		return;
	set_font(d, style, size);
	if (style & PDF_RIGHT)
		x -= piece_width(d, s, n);
	buf_reset(&d->scratch);
	buf_append(&d->scratch, s, n);
	set_rgb(d->cr, style_rgb(style));
	cairo_move_to(d->cr, x, y);
	cairo_show_text(d->cr, buf_cstr(&d->scratch));
}

void pdf_text_at(struct pdf_doc *d, unsigned style, double size, double x, double y,
		 const char *s)
{
	if (d->measuring)
		return;
	struct buf clean;
	buf_init(&clean, 0);
	pdf_clean_utf8(s, &clean);
	piece_at(d, style, size, x, y, buf_cstr(&clean), clean.len);
	buf_free(&clean);
}

/* A clean text's lines at width w. */
struct lines {
	struct buf text;
	size_t n;
	size_t start[PDF_MAX_LINES], len[PDF_MAX_LINES];
};

static void lines_wrap(struct pdf_doc *d, struct lines *l, const char *s, unsigned style,
		       double size, double w)
{
	struct measure_ctx m = { d, style, size };
	buf_init(&l->text, 0);
	pdf_clean_utf8(s ? s : "", &l->text);
	l->n = pdf_wrap(buf_cstr(&l->text), w, measure_piece, &m, l->start, l->len,
			PDF_MAX_LINES);
	if (l->n > PDF_MAX_LINES)
		l->n = PDF_MAX_LINES; /* a cell longer than this is cut: none of ours is */
}

/* ---- pages ---- */

static void footer(struct pdf_doc *d)
{
	if (d->measuring)
		return;
	cairo_t *cr = d->cr;
	double y = PDF_PAGE_H - PDF_MARGIN;
	set_rgb(cr, RULE);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, PDF_MARGIN, y - 12);
	cairo_line_to(cr, PDF_PAGE_W - PDF_MARGIN, y - 12);
	cairo_stroke(cr);
	pdf_text_at(d, PDF_MUTED, 7.5, PDF_MARGIN, y, d->footer ? d->footer : "");
	char pg[48];
	snprintf(pg, sizeof pg, "Page %d of %d", d->page, d->pages);
	pdf_text_at(d, PDF_MUTED | PDF_RIGHT, 7.5, PDF_PAGE_W - PDF_MARGIN, y, pg);
}

void pdf_new_page(struct pdf_doc *d)
{
	footer(d);
	if (!d->measuring)
		cairo_show_page(d->cr);
	d->page++;
	d->y = PDF_MARGIN;
}

void pdf_need(struct pdf_doc *d, double h)
{
	if (d->y + h > PDF_BOTTOM && d->y > PDF_MARGIN)
		pdf_new_page(d);
}

void pdf_skip(struct pdf_doc *d, double h)
{
	d->y += h;
	if (d->y > PDF_BOTTOM)
		pdf_new_page(d);
}

void pdf_heading(struct pdf_doc *d, double size, const char *s, double keep)
{
	struct lines l;
	lines_wrap(d, &l, s, PDF_BOLD, size, PDF_CONTENT_W);
	double lh = size * LEADING;
	if (d->y > PDF_MARGIN)
		d->y += size * 0.7;
	pdf_need(d, (double)l.n * lh + 6 + keep);
	for (size_t k = 0; k < l.n; k++) {
		piece_at(d, PDF_BOLD | PDF_BLUE, size, PDF_MARGIN, d->y + size,
			 buf_cstr(&l.text) + l.start[k], l.len[k]);
		d->y += lh;
	}
	if (!d->measuring) {
		set_rgb(d->cr, RULE);
		cairo_set_line_width(d->cr, 0.75);
		cairo_move_to(d->cr, PDF_MARGIN, d->y + 1.5);
		cairo_line_to(d->cr, PDF_PAGE_W - PDF_MARGIN, d->y + 1.5);
		cairo_stroke(d->cr);
	}
	d->y += 6;
	buf_free(&l.text);
}

void pdf_paragraph(struct pdf_doc *d, unsigned style, double size, const char *s)
{
	struct lines l;
	lines_wrap(d, &l, s, style, size, PDF_CONTENT_W);
	double lh = size * LEADING;
	for (size_t k = 0; k < l.n; k++) {
		pdf_need(d, lh);
		piece_at(d, style, size, PDF_MARGIN, d->y + size, buf_cstr(&l.text) + l.start[k],
			 l.len[k]);
		d->y += lh;
	}
	d->y += size * 0.5;
	buf_free(&l.text);
}

/* ---- tables ---- */

double pdf_table_col_x(const struct pdf_table *t, size_t i)
{
	double x = PDF_MARGIN;
	for (size_t k = 0; k < i && k < t->ncols; k++)
		x += t->cols[k].width;
	return x;
}

/* A cell's text and note laid out in its column. */
struct cell_layout {
	struct lines text, note;
};

static double note_size(const struct pdf_table *t)
{
	return t->size * 0.86;
}

static double layout_height(const struct pdf_table *t, const struct cell_layout *c)
{
	double h = (double)c->text.n * t->size * LEADING;
	if (c->note.text.len)
		h += (double)c->note.n * note_size(t) * LEADING + 1;
	return h + 2 * CELL_PAD_Y;
}

static void layout_cell(struct pdf_doc *d, const struct pdf_table *t, size_t i,
			const struct pdf_cell *c, struct cell_layout *out)
{
	double w = t->cols[i].width - 2 * CELL_PAD_X;
	lines_wrap(d, &out->text, c->text, c->style, t->size, w);
	lines_wrap(d, &out->note, c->note, PDF_MUTED, note_size(t), w);
}

static void free_layout(struct cell_layout *c)
{
	buf_free(&c->text.text);
	buf_free(&c->note.text);
}

/* The paragraph (source line before wrapping) each wrapped line is in. */
static size_t para_of(const struct lines *l, size_t k)
{
	size_t p = 0;
	const char *s = buf_cstr(&l->text);
	for (size_t i = 0; i < l->start[k]; i++)
		p += s[i] == '\n';
	return p;
}

static void draw_lines(struct pdf_doc *d, const struct lines *l, unsigned style, unsigned hot,
		       double size, double x, double y)
{
	for (size_t k = 0; k < l->n; k++) {
		size_t p = para_of(l, k);
		unsigned st = style;
		if (p < 32 && (hot >> p) & 1u)
			st |= PDF_RED | PDF_BOLD;
		piece_at(d, st, size, x, y + size + (double)k * size * LEADING,
			 buf_cstr(&l->text) + l->start[k], l->len[k]);
	}
}

static void draw_cell(struct pdf_doc *d, const struct pdf_table *t, size_t i,
		      const struct pdf_cell *c, const struct cell_layout *lay)
{
	double x0 = pdf_table_col_x(t, i), w = t->cols[i].width;
	unsigned st = c->style | (t->cols[i].num ? PDF_RIGHT : 0);
	double x = t->cols[i].num ? x0 + w - CELL_PAD_X : x0 + CELL_PAD_X;
	double y = t->row_y + CELL_PAD_Y;
	set_rgb(d->cr, RULE);
	cairo_set_line_width(d->cr, 0.5);
	cairo_rectangle(d->cr, x0, t->row_y, w, t->row_h);
	cairo_stroke(d->cr);
	draw_lines(d, &lay->text, st, c->hot, t->size, x, y);
	if (lay->note.text.len)
		draw_lines(d, &lay->note, PDF_MUTED | (st & PDF_RIGHT), 0, note_size(t), x,
			   y + 1 + (double)lay->text.n * t->size * LEADING);
}

/* Lays out a row, moves to a new page (with the header again) when it
 * does not fit, and draws it. head: this is the header row. */
static void table_row(struct pdf_doc *d, struct pdf_table *t, const struct pdf_cell *cells,
		      bool head)
{
	struct cell_layout lay[PDF_MAX_COLS];
	size_t nc = t->ncols < PDF_MAX_COLS ? t->ncols : PDF_MAX_COLS;
	double h = 0;
	for (size_t i = 0; i < nc; i++) {
		layout_cell(d, t, i, &cells[i], &lay[i]);
		double ch = layout_height(t, &lay[i]);
		h = ch > h ? ch : h;
	}
	if (!head && d->y + h > PDF_BOTTOM) {
		pdf_new_page(d);
		pdf_table_begin(d, t);
	}
	t->row_y = d->y;
	t->row_h = h;
	if (!d->measuring && head) {
		set_rgb(d->cr, HEAD_BG);
		cairo_rectangle(d->cr, PDF_MARGIN, d->y, pdf_table_col_x(t, nc) - PDF_MARGIN, h);
		cairo_fill(d->cr);
	}
	for (size_t i = 0; i < nc; i++) {
		if (!d->measuring)
			draw_cell(d, t, i, &cells[i], &lay[i]);
		free_layout(&lay[i]);
	}
	d->y += h;
}

void pdf_table_begin(struct pdf_doc *d, struct pdf_table *t)
{
	struct pdf_cell head[PDF_MAX_COLS];
	size_t nc = t->ncols < PDF_MAX_COLS ? t->ncols : PDF_MAX_COLS;
	for (size_t i = 0; i < nc; i++)
		head[i] = (struct pdf_cell){ .text = t->cols[i].head, .style = PDF_BOLD };
	/* a header alone at a page's foot helps nobody: keep a row with it */
	pdf_need(d, 4 * t->size * LEADING + 4 * CELL_PAD_Y);
	table_row(d, t, head, true);
}

void pdf_table_row(struct pdf_doc *d, struct pdf_table *t, const struct pdf_cell *cells)
{
	table_row(d, t, cells, false);
}

void pdf_table_bar(struct pdf_doc *d, const struct pdf_table *t, size_t i, double frac)
{
	if (d->measuring || i >= t->ncols || frac <= 0)
		return;
	double full = t->cols[i].width - 2 * CELL_PAD_X, w = frac > 1 ? full : frac * full;
	set_rgb(d->cr, BLUE);
	cairo_rectangle(d->cr, pdf_table_col_x(t, i) + CELL_PAD_X, t->row_y + CELL_PAD_Y + 1,
			w < 1.5 ? 1.5 : w, t->row_h - 2 * CELL_PAD_Y - 2);
	cairo_fill(d->cr);
}

/* ---- charts ---- */

/* The smallest 1, 2 or 5 x 10^k that is >= x. */
static long nice_step(long x)
{
	static const long mult[] = { 1, 2, 5 };
	for (long p = 1;; p *= 10)
		for (size_t k = 0; k < 3; k++)
			if (mult[k] * p >= x)
				return mult[k] * p;
}

long pdf_chart_top(const struct svg_chart *c)
{
	long max = c->has_threshold ? c->threshold : 0;
	for (size_t i = 0; i < c->n && i < SVG_MAX_POINTS; i++)
		if (c->has[i] && c->v[i] > max)
			max = c->v[i];
	/* an eighth of headroom keeps the top point's label inside the plot */
	long top = nice_step(max + max / 8 + 1);
	if (c->max_top && top > c->max_top)
		top = c->max_top;
	return top < 5 ? 5 : top;
}

/* The plot area inside a chart's box and its scale. */
struct plot {
	double x0, x1, y0, y1;
	long top;
	size_t n;
};

static double plot_x(const struct plot *p, size_t i)
{
	if (p->n < 2)
		return (p->x0 + p->x1) / 2;
	return p->x0 + 6 + (p->x1 - p->x0 - 12) * (double)i / (double)(p->n - 1);
}

static double plot_y(const struct plot *p, long v)
{
	return p->y1 - (p->y1 - p->y0) * (double)v / (double)p->top;
}

static void value_text(const struct svg_chart *c, long v, char *out, size_t sz)
{
	if (c->scale > 1)
		snprintf(out, sz, "%ld.%ld%s", v / c->scale, labs(v % c->scale), c->unit);
	else
		snprintf(out, sz, "%ld%s", v, c->unit);
}

static void chart_axes(struct pdf_doc *d, const struct svg_chart *c, const struct plot *p)
{
	cairo_t *cr = d->cr;
	cairo_set_line_width(cr, 0.5);
	for (int k = 0; k <= 5; k++) {
		long v = p->top * k / 5;
		double y = plot_y(p, v);
		char s[32];
		set_rgb(cr, GRID);
		cairo_move_to(cr, p->x0, y);
		cairo_line_to(cr, p->x1, y);
		cairo_stroke(cr);
		snprintf(s, sizeof s, "%ld", c->scale > 1 ? v / c->scale : v);
		pdf_text_at(d, PDF_MUTED | PDF_RIGHT, 6.5, p->x0 - 4, y + 2.3, s);
	}
	/* labels alternate between two rows so twelve fit under a small chart */
	for (size_t i = 0; i < p->n; i++) {
		double w = pdf_text_width(d, 0, 6, c->labels[i] ? c->labels[i] : "");
		pdf_text_at(d, PDF_MUTED, 6, plot_x(p, i) - w / 2, p->y1 + 9 + (double)(i % 2) * 8,
			    c->labels[i] ? c->labels[i] : "");
	}
}

static void chart_threshold(struct pdf_doc *d, const struct svg_chart *c, const struct plot *p)
{
	if (!c->has_threshold)
		return;
	static const double dash[] = { 4, 3 };
	double y = plot_y(p, c->threshold);
	set_rgb(d->cr, RED);
	cairo_set_line_width(d->cr, 1);
	cairo_set_dash(d->cr, dash, 2, 0);
	cairo_move_to(d->cr, p->x0, y);
	cairo_line_to(d->cr, p->x1, y);
	cairo_stroke(d->cr);
	cairo_set_dash(d->cr, NULL, 0, 0);
	if (c->threshold_label)
		pdf_text_at(d, PDF_RED | PDF_RIGHT, 6.5, p->x1, y - 3, c->threshold_label);
}

/* The line, broken where a quarter has no value, a dot per point and the
 * latest value written above its point. */
static void chart_series(struct pdf_doc *d, const struct svg_chart *c, const struct plot *p)
{
	cairo_t *cr = d->cr;
	set_rgb(cr, BLUE);
	cairo_set_line_width(cr, 1.6);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	bool open = false;
	for (size_t i = 0; i < p->n; i++) {
		if (!c->has[i]) {
			open = false;
			continue;
		}
		if (open)
			cairo_line_to(cr, plot_x(p, i), plot_y(p, c->v[i]));
		else
			cairo_move_to(cr, plot_x(p, i), plot_y(p, c->v[i]));
		open = true;
	}
	cairo_stroke(cr);
	size_t last = SIZE_MAX;
	for (size_t i = 0; i < p->n; i++) {
		if (!c->has[i])
			continue;
		cairo_new_sub_path(cr);
		cairo_arc(cr, plot_x(p, i), plot_y(p, c->v[i]), 1.9, 0, 6.283185307);
		last = i;
	}
	cairo_fill(cr);
	if (last == SIZE_MAX)
		return;
	char s[48];
	value_text(c, c->v[last], s, sizeof s);
	pdf_text_at(d, PDF_BOLD | PDF_RIGHT, 7, plot_x(p, last) + 3, plot_y(p, c->v[last]) - 5, s);
}

void pdf_line_chart(struct pdf_doc *d, const struct svg_chart *c, double x, double y, double w,
		    double h)
{
	if (d->measuring)
		return;
	set_rgb(d->cr, RULE);
	cairo_set_line_width(d->cr, 0.5);
	cairo_rectangle(d->cr, x, y, w, h);
	cairo_stroke(d->cr);
	struct lines t;
	lines_wrap(d, &t, c->title, PDF_BOLD, 8, w - 12);
	if (t.n > 2)
		t.n = 2;
	draw_lines(d, &t, PDF_BOLD, 0, 8, x + 6, y + 5);
	buf_free(&t.text);
	struct plot p = { .x0 = x + 34, .x1 = x + w - 10, .y0 = y + 14 + 2 * 8 * LEADING,
			  .y1 = y + h - 26, .top = pdf_chart_top(c),
			  .n = c->n < SVG_MAX_POINTS ? c->n : SVG_MAX_POINTS };
	chart_axes(d, c, &p);
	chart_threshold(d, c, &p);
	chart_series(d, c, &p);
}

/* ---- the document ---- */

static cairo_status_t discard(void *ctx, const unsigned char *data, unsigned int n)
{
	(void)ctx, (void)data, (void)n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_buf(void *ctx, const unsigned char *data, unsigned int n)
{
	return buf_append(ctx, data, n) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

struct pass {
	pdf_body_fn body;
	void *ctx;
	const char *title, *footer;
	raa_day created;
};

/* One pass over the body: pages == 0 measures into nothing and returns
 * the page count; otherwise the PDF goes to out. Negative cairo status on
 * failure. */
static int run_pass(const struct pass *ps, int pages, struct buf *out, cairo_status_t *st)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pages ? to_buf : discard, out,
								 PDF_PAGE_W, PDF_PAGE_H);
	char date[DATE_ISO_LEN + 16];
	date_format_iso(ps->created, date);
	strcat(date, "T00:00:00Z");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, ps->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "raa");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	struct pdf_doc d = { .cr = cairo_create(s), .measuring = pages == 0, .y = PDF_MARGIN,
			     .page = 1, .pages = pages, .footer = ps->footer, .cur_bold = -1 };
	buf_init(&d.scratch, 0);
	d.face[0] = cairo_toy_font_face_create("sans-serif", CAIRO_FONT_SLANT_NORMAL,
					       CAIRO_FONT_WEIGHT_NORMAL);
	d.face[1] = cairo_toy_font_face_create("sans-serif", CAIRO_FONT_SLANT_NORMAL,
					       CAIRO_FONT_WEIGHT_BOLD);
	ps->body(&d, ps->ctx);
	footer(&d);
	if (!d.measuring)
		cairo_show_page(d.cr);
	*st = cairo_status(d.cr);
	cairo_destroy(d.cr);
	cairo_font_face_destroy(d.face[0]);
	cairo_font_face_destroy(d.face[1]);
	cairo_surface_finish(s);
	if (*st == CAIRO_STATUS_SUCCESS)
		*st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	buf_free(&d.scratch);
	return *st == CAIRO_STATUS_SUCCESS ? d.page : -1;
}

/* fontconfig keeps its parsed configuration until FcFini; a leak checker
 * counts part of it as lost. raa loads cairo, not fontconfig, so FcFini is
 * looked up among cairo's dependencies; none found, nothing to do. */
static void release_fonts(void)
{
	cairo_debug_reset_static_data();
	void *sym = dynlib_find(&dynlib_cairo, "FcFini");
	void (*fini)(void) = NULL;
	memcpy(&fini, &sym, sizeof fini); /* ISO C has no object-to-function cast */
	if (fini)
		fini();
}

static void register_release(void)
{
	atexit(release_fonts);
}

int pdf_render(pdf_body_fn body, void *ctx, const char *title, const char *footer_text,
	       raa_day created, struct buf *out, struct raa_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, register_release);
	struct buf clean;
	buf_init(&clean, 0);
	pdf_clean_utf8(title, &clean);
	struct pass ps = { body, ctx, buf_cstr(&clean), footer_text, created };
	cairo_status_t st;
	int pages = run_pass(&ps, 0, NULL, &st);
	if (pages > 0)
		pages = run_pass(&ps, pages, out, &st);
	buf_free(&clean);
	if (pages < 0)
		return raa_err_set(err, RAA_EINVAL, "PDF: cairo failed: %s (expected a drawable document)",
				   cairo_status_to_string(st));
	return 0;
}
