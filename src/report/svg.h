/*
 * svg: small hand-written SVG line charts for the printed reports: no
 * script, a <title> and <desc> for screen readers, every axis and the last
 * value labelled in text, and an optional dashed threshold line.
 */
#ifndef RAA_REPORT_SVG_H
#define RAA_REPORT_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "web/html.h"

#define SVG_MAX_POINTS 16

struct svg_chart {
	const char *id;             /* unique in the page, for aria-labelledby */
	const char *title;
	const char *desc;           /* one sentence of what it shows */
	const char *unit;           /* "days", "%", "" */
	size_t n;                   /* points, at most SVG_MAX_POINTS */
	const char *labels[SVG_MAX_POINTS]; /* x-axis labels, "2024 Q1" */
	long v[SVG_MAX_POINTS];
	bool has[SVG_MAX_POINTS];   /* false: no value (n = 0), a gap */
	int scale;                  /* v is in 1/scale units (10 for tenths) */
	long max_top;               /* highest y axis top (100% = 1000 tenths); 0: none */
	bool has_threshold;
	long threshold;             /* same units as v */
	const char *threshold_label;
};

/* Writes the chart as one <svg> element. */
void svg_line_chart(struct html *h, const struct svg_chart *c);

/* Several series in one chart (the performance pages: the region and its
 * partners). Painted with presentation attributes, so it needs no
 * stylesheet (the web pages' CSP allows no inline style). The first series
 * is drawn heaviest; each has its own colour and dash pattern, named in a
 * legend under the plot, so the lines can be told apart without colour.
 * Every point has a <title> with its value; the threshold line, if any,
 * is dashed red with its label. */
#define SVG_MAX_SERIES 12
struct svg_series {
	const char *name;          /* in the legend */
	const char *key;           /* data-series attribute (a code), or NULL */
	long v[SVG_MAX_POINTS];
	bool has[SVG_MAX_POINTS];
};

struct svg_multi {
	struct svg_chart base;     /* all but v and has, which are unused */
	size_t nseries;            /* at most SVG_MAX_SERIES */
	struct svg_series s[SVG_MAX_SERIES];
};

void svg_multi_chart(struct html *h, const struct svg_multi *c);

#endif
