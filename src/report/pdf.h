/*
 * pdf: A4 page layout on cairo for the printed reports (the quarterly
 * report now, a panel pack later).
 *
 * The caller writes its document as one function that moves a cursor down
 * the page: headings, wrapped paragraphs, tables that break across pages
 * (repeating their header row) and line charts. pdf_render runs that
 * function twice: a measuring pass that draws nothing and only counts the
 * pages, then the real one, so every footer can say "page 2 of 5" beside
 * the generation date. The body must therefore lay out the same way both
 * times (it may not depend on anything but its own data).
 *
 * Text uses cairo's toy API with the fontconfig "sans-serif" face: no
 * shaping, which is enough for names, dates and figures in Latin script.
 * Every string is UTF-8-checked before it reaches cairo (an invalid one
 * would put the context in an error state and blank the rest). The first
 * render registers an atexit handler that empties cairo's and fontconfig's
 * font caches, so a leak checker stays quiet; a server must therefore have
 * stopped its rendering threads before it exits (MHD_stop_daemon does).
 */
#ifndef RAA_REPORT_PDF_H
#define RAA_REPORT_PDF_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "report/svg.h"

/* A4 portrait in points (1/72 inch) and the margins of every page. */
#define PDF_PAGE_W 595.28
#define PDF_PAGE_H 841.89
#define PDF_MARGIN 42.0
#define PDF_FOOTER_H 28.0
#define PDF_CONTENT_W (PDF_PAGE_W - 2 * PDF_MARGIN)
/* The lowest a line of content may reach; the footer sits below it. */
#define PDF_BOTTOM (PDF_PAGE_H - PDF_MARGIN - PDF_FOOTER_H)

/* Text styles, or-ed. */
enum {
	PDF_BOLD = 1u << 0,
	PDF_MUTED = 1u << 1,  /* grey: notes */
	PDF_RED = 1u << 2,    /* overdue, above threshold */
	PDF_GREEN = 1u << 3,  /* within threshold */
	PDF_BLUE = 1u << 4,   /* headings */
	PDF_RIGHT = 1u << 5,  /* right-aligned (numbers) */
};

struct pdf_doc {
	cairo_t *cr;
	bool measuring;            /* first pass: lay out, count pages, draw nothing */
	double y;                  /* cursor: points from the page's top */
	int page, pages;           /* current page (from 1); total, 0 while measuring */
	const char *footer;        /* left of the footer: what and when */
	struct buf scratch;        /* UTF-8-checked copy of the string being drawn */
	cairo_font_face_t *face[2]; /* regular, bold */
	int cur_bold;              /* the font set on cr: -1 none yet */
	double cur_size;
};

typedef void (*pdf_body_fn)(struct pdf_doc *d, void *ctx);

/* Lays out body twice (see above) and appends the PDF to out. title goes
 * into the document's metadata, created is its creation date. 0, or
 * RAA_EINVAL with err set when cairo fails. */
int pdf_render(pdf_body_fn body, void *ctx, const char *title, const char *footer,
	       raa_day created, struct buf *out, struct raa_err *err);

/* ---- the cursor ---- */

/* Starts a new page unless at least h points are left on this one. */
void pdf_need(struct pdf_doc *d, double h);
/* Closes the page (drawing its footer) and starts the next. */
void pdf_new_page(struct pdf_doc *d);
/* Moves the cursor down by h (within the page). */
void pdf_skip(struct pdf_doc *d, double h);

/* ---- text ---- */

/* Width of s in the style and size. */
double pdf_text_width(struct pdf_doc *d, unsigned style, double size, const char *s);
/* s drawn with its baseline at (x, y); right-aligned to x with PDF_RIGHT. */
void pdf_text_at(struct pdf_doc *d, unsigned style, double size, double x, double y,
		 const char *s);
/* A section heading, kept on the same page as the next `keep` points. */
void pdf_heading(struct pdf_doc *d, double size, const char *s, double keep);
/* A paragraph wrapped to the content width, breaking pages between lines. */
void pdf_paragraph(struct pdf_doc *d, unsigned style, double size, const char *s);

/* Pure: the byte lengths of the lines s wraps into at width w, where
 * measure(ctx, text, len) gives a piece's width. Breaks at spaces (which
 * are dropped at the break), at '\n' always, and inside a word only when
 * the word alone is wider than w. Returns the number of lines (at least 1)
 * and stores up to max (start, length) pairs. */
typedef double (*pdf_measure_fn)(void *ctx, const char *s, size_t len);
size_t pdf_wrap(const char *s, double w, pdf_measure_fn measure, void *ctx, size_t *start,
		size_t *len, size_t max);

/* Pure: s with every byte that is not part of valid UTF-8 replaced by '?'
 * (and control characters but '\n' by spaces), appended to out. */
void pdf_clean_utf8(const char *s, struct buf *out);

/* ---- tables ---- */

struct pdf_col {
	const char *head;
	double width;              /* points; the columns should sum to the content width */
	bool num;                  /* right-aligned */
};

/* One cell: lines of text (wrapped to the column, '\n' forces a break), an
 * optional note below them in small grey type, and a style. Lines of text
 * whose bit is set in `hot` (the n-th line before wrapping, first 32) are
 * drawn red and bold. */
struct pdf_cell {
	const char *text;
	const char *note;
	unsigned style;
	unsigned hot;
};

struct pdf_table {
	const struct pdf_col *cols;
	size_t ncols;
	double size;               /* font size of the cells */
	double row_y, row_h;       /* the row just laid out (after any page break) */
};

/* Draws the header row (after a page break if fewer than the header and
 * one row's worth of space are left). */
void pdf_table_begin(struct pdf_doc *d, struct pdf_table *t);
/* One row of t->ncols cells; a row never splits: when it does not fit, a
 * new page starts and the header is drawn again. */
void pdf_table_row(struct pdf_doc *d, struct pdf_table *t, const struct pdf_cell *cells);
/* The left edge of column i. */
double pdf_table_col_x(const struct pdf_table *t, size_t i);
/* A filled bar of fraction frac (0..1) of column i in the last row. */
void pdf_table_bar(struct pdf_doc *d, const struct pdf_table *t, size_t i, double frac);

/* ---- charts ---- */

/* Pure: the y axis' top for the chart's values and threshold: a 1, 2 or
 * 5 x 10^k with headroom above the largest, at most c->max_top (when set)
 * and at least 5. */
long pdf_chart_top(const struct svg_chart *c);

/* The chart drawn in the box (x, y, w, h) (y from the page's top): title,
 * y ticks and grid, x labels, the series as a line with dots (broken where
 * a quarter has no value), the threshold dashed red with its label, and
 * the last value written beside its point. */
void pdf_line_chart(struct pdf_doc *d, const struct svg_chart *c, double x, double y, double w,
		    double h);

#endif
