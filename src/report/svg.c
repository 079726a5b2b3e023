/* Line charts in SVG (see svg.h). */
#include "report/svg.h"

#include <stdarg.h>
#include <stdio.h>

enum { W = 560, H = 240, X0 = 56, X1 = 540, Y0 = 24, Y1 = 184 };

/* The smallest 1, 2 or 5 x 10^k that is >= x (the y axis' top). */
/* Markup with numbers the program computed (never data: text goes
 * through html_text). */
static void markf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void markf(struct html *h, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_puts(h->out, tmp);
}

static long nice_ceiling(long x)
{
	long p = 1;
	while (p * 10 < x)
		p *= 10;
	if (x <= p)
		return p;
	if (x <= 2 * p)
		return 2 * p;
	if (x <= 5 * p)
		return 5 * p;
	return 10 * p;
}

static long axis_top(const struct svg_chart *c)
{
	long max = c->has_threshold ? c->threshold : 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->has[i] && c->v[i] > max)
			max = c->v[i];
	/* headroom so the top point's label stays inside the plot */
	long top = nice_ceiling(max + max / 8 + 1);
	if (c->max_top && top > c->max_top)
		top = c->max_top;
	return top < 5 ? 5 : top;
}

static int px_x(const struct svg_chart *c, size_t i)
{
	if (c->n < 2)
		return (X0 + X1) / 2;
	return X0 + (int)((long)(X1 - X0 - 20) * (long)i / (long)(c->n - 1)) + 10;
}

static int px_y(long v, long top)
{
	return Y1 - (int)((long)(Y1 - Y0) * v / top);
}

static void value_text(struct html *h, const struct svg_chart *c, long v)
{
	if (c->scale > 1)
		html_textf(h, "%ld.%ld", v / c->scale, v % c->scale);
	else
		html_textf(h, "%ld", v);
	html_text(h, c->unit);
}

static void axes(struct html *h, const struct svg_chart *c, long top)
{
	for (int k = 0; k <= 5; k++) {
		long v = top * k / 5;
		int y = px_y(v, top);
		markf(h, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, y, X1,
			   y);
		markf(h, "<text class=\"ytick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">", X0 - 6,
			   y + 4);
		html_textf(h, "%ld", c->scale > 1 ? v / c->scale : v);
		html_raw(h, "</text>");
	}
	for (size_t i = 0; i < c->n; i++) {
		markf(h, "<text class=\"xtick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
			   px_x(c, i), Y1 + 16 + (int)(i % 2) * 12);
		html_text(h, c->labels[i]);
		html_raw(h, "</text>");
	}
}

static void threshold(struct html *h, const struct svg_chart *c, long top)
{
	if (!c->has_threshold)
		return;
	int y = px_y(c->threshold, top);
	markf(h, "<line class=\"threshold\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, y,
		   X1, y);
	markf(h, "<text class=\"tlabel\" x=\"%d\" y=\"%d\" text-anchor=\"end\">", X1, y - 5);
	html_text(h, c->threshold_label);
	html_raw(h, "</text>");
}

/* The line, broken where a quarter has no value, and a dot per point. */
static void line(struct html *h, const struct svg_chart *c, long top)
{
	bool open = false;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->has[i]) {
			if (open)
				html_raw(h, "\"/>");
			open = false;
			continue;
		}
		html_raw(h, open ? " " : "<polyline class=\"series\" points=\"");
		markf(h, "%d,%d", px_x(c, i), px_y(c->v[i], top));
		open = true;
	}
	if (open)
		html_raw(h, "\"/>");
	for (size_t i = 0; i < c->n; i++) {
		if (!c->has[i])
			continue;
		markf(h, "<circle class=\"dot\" cx=\"%d\" cy=\"%d\" r=\"3\"><title>",
			   px_x(c, i), px_y(c->v[i], top));
		html_text(h, c->labels[i]);
		html_raw(h, ": ");
		value_text(h, c, c->v[i]);
		html_raw(h, "</title></circle>");
	}
}

/* The latest value written beside its point, so a printout reads it. */
static void last_label(struct html *h, const struct svg_chart *c, long top)
{
	for (size_t i = c->n; i-- > 0;) {
		if (!c->has[i])
			continue;
		markf(h, "<text class=\"vlabel\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
			   px_x(c, i), px_y(c->v[i], top) - 8);
		value_text(h, c, c->v[i]);
		html_raw(h, "</text>");
		return;
	}
}

void svg_line_chart(struct html *h, const struct svg_chart *c)
{
	long top = axis_top(c);
	markf(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" "
		      "role=\"img\"", W, H);
	html_attrf(h, "aria-labelledby", "%s-t %s-d", c->id, c->id);
	html_raw(h, "><title");
	html_attrf(h, "id", "%s-t", c->id);
	html_raw(h, ">");
	html_text(h, c->title);
	html_raw(h, "</title><desc");
	html_attrf(h, "id", "%s-d", c->id);
	html_raw(h, ">");
	html_text(h, c->desc);
	html_raw(h, "</desc>");
	axes(h, c, top);
	threshold(h, c, top);
	line(h, c, top);
	last_label(h, c, top);
	html_raw(h, "</svg>");
}
