/* Line charts in SVG (see svg.h). */
#include "report/svg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* paint: presentation attributes for pages whose CSS does not style the
 * chart (the web pages: their CSP allows no inline style); "" for none. */
static void axes_painted(struct html *h, const struct svg_chart *c, long top, const char *paint)
{
	for (int k = 0; k <= 5; k++) {
		long v = top * k / 5;
		int y = px_y(v, top);
		markf(h, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"%s/>", X0, y,
		      X1, y, paint);
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

static void axes(struct html *h, const struct svg_chart *c, long top)
{
	axes_painted(h, c, top, "");
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

/* ---- several series (svg_multi_chart) ---- */

enum { LEGEND_COLS = 3, LEGEND_W = 160, LEGEND_ROW = 18 };

/* GOV.UK colours, each with a dash pattern of its own. */
static const struct {
	const char *stroke, *dash;
} PENS[SVG_MAX_SERIES] = {
	{ "#0b0c0c", "" },       { "#1d70b8", "" },         { "#d53880", "6 3" },
	{ "#00703c", "2 3" },    { "#f47738", "8 3 2 3" },  { "#4c2c92", "" },
	{ "#28a197", "6 3" },    { "#b58840", "2 3" },      { "#6f72af", "8 3 2 3" },
	{ "#912b88", "" },       { "#85994b", "6 3" },      { "#505a5f", "2 3" },
};

static void pen(struct html *h, size_t k, bool heavy)
{
	markf(h, " fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"", PENS[k].stroke,
	      heavy ? "3.5" : "1.75");
	if (PENS[k].dash[0])
		markf(h, " stroke-dasharray=\"%s\"", PENS[k].dash);
}

static void multi_line(struct html *h, const struct svg_multi *c, size_t k, long top)
{
	const struct svg_series *s = &c->s[k];
	bool open = false;
	for (size_t i = 0; i < c->base.n; i++) {
		if (!s->has[i]) {
			if (open)
				html_raw(h, "\"/>");
			open = false;
			continue;
		}
		if (!open) {
			html_raw(h, "<polyline class=\"series\"");
			html_attr(h, "data-series", s->key);
			pen(h, k, k == 0);
			html_raw(h, " points=\"");
		}
		markf(h, "%s%d,%d", open ? " " : "", px_x(&c->base, i), px_y(s->v[i], top));
		open = true;
	}
	if (open)
		html_raw(h, "\"/>");
	for (size_t i = 0; i < c->base.n; i++) {
		if (!s->has[i])
			continue;
		markf(h, "<circle cx=\"%d\" cy=\"%d\" r=\"%s\" fill=\"%s\"><title>",
		      px_x(&c->base, i), px_y(s->v[i], top), k == 0 ? "3.5" : "2.5", PENS[k].stroke);
		html_text(h, s->name);
		html_raw(h, ", ");
		html_text(h, c->base.labels[i]);
		html_raw(h, ": ");
		value_text(h, &c->base, s->v[i]);
		html_raw(h, "</title></circle>");
	}
}

static void multi_threshold(struct html *h, const struct svg_chart *c, long top)
{
	if (!c->has_threshold)
		return;
	int y = px_y(c->threshold, top);
	markf(h, "<line class=\"threshold\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		 "stroke=\"#d4351c\" stroke-width=\"2\" stroke-dasharray=\"8 4\"", X0, y, X1, y);
	html_attrf(h, "data-threshold", "%ld", c->threshold);
	markf(h, "/><text class=\"tlabel\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		 "fill=\"#d4351c\">", X1, y - 5);
	html_text(h, c->threshold_label);
	html_raw(h, "</text>");
}

static void legend(struct html *h, const struct svg_multi *c)
{
	for (size_t k = 0; k < c->nseries; k++) {
		int x = X0 + (int)(k % LEGEND_COLS) * LEGEND_W;
		int y = H + (int)(k / LEGEND_COLS) * LEGEND_ROW + 4;
		markf(h, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"", x, y - 4, x + 24, y - 4);
		pen(h, k, k == 0);
		markf(h, "/><text x=\"%d\" y=\"%d\" fill=\"#0b0c0c\">", x + 30, y);
		html_text(h, c->s[k].name);
		html_raw(h, "</text>");
	}
}

/* The region's latest value beside its point, as the single chart does. */
static void multi_last_label(struct html *h, const struct svg_multi *c, long top)
{
	struct svg_chart first = c->base;
	memcpy(first.v, c->s[0].v, sizeof first.v);
	memcpy(first.has, c->s[0].has, sizeof first.has);
	last_label(h, &first, top);
}

void svg_multi_chart(struct html *h, const struct svg_multi *c)
{
	/* the axis fits the highest point of any series */
	struct svg_chart all = c->base;
	for (size_t i = 0; i < all.n; i++) {
		all.has[i] = false;
		for (size_t k = 0; k < c->nseries; k++) {
			if (c->s[k].has[i] && (!all.has[i] || c->s[k].v[i] > all.v[i]))
				all.v[i] = c->s[k].v[i];
			all.has[i] |= c->s[k].has[i];
		}
	}
	long top = axis_top(&all);
	int rows = (int)((c->nseries + LEGEND_COLS - 1) / LEGEND_COLS);
	markf(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart--multi\" "
		 "viewBox=\"0 0 %d %d\" role=\"img\"", W, H + rows * LEGEND_ROW + 4);
	html_attrf(h, "aria-labelledby", "%s-t %s-d", c->base.id, c->base.id);
	html_raw(h, "><title");
	html_attrf(h, "id", "%s-t", c->base.id);
	html_raw(h, ">");
	html_text(h, c->base.title);
	html_raw(h, "</title><desc");
	html_attrf(h, "id", "%s-d", c->base.id);
	html_raw(h, ">");
	html_text(h, c->base.desc);
	html_raw(h, "</desc><g font-family=\"Arial, sans-serif\" font-size=\"11\" "
		    "fill=\"#505a5f\">");
	axes_painted(h, &c->base, top, " stroke=\"#dbdad9\" stroke-width=\"1\"");
	multi_threshold(h, &c->base, top);
	for (size_t k = c->nseries; k-- > 0;) /* the region last: on top */
		multi_line(h, c, k, top);
	multi_last_label(h, c, top);
	legend(h, c);
	html_raw(h, "</g></svg>");
}
