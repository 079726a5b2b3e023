/*
 * html: an escape-by-default HTML builder for the server-rendered pages.
 *
 * Text reaches a page only through html_text / html_textf / html_attr,
 * which escape it, so a name like <script> in a record shows as text.
 * html_raw is for markup the program itself spells (string literals), never
 * for data. Dates are shown as "4 March 2024" with the ISO date in the
 * <time> element's datetime attribute.
 */
#ifndef RAA_WEB_HTML_H
#define RAA_WEB_HTML_H

#include <stddef.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"

struct html {
	struct buf *out;
	struct arena *arena; /* for formatted strings; the request's */
};

/* Literal markup: callers pass string constants only. */
void html_raw(struct html *h, const char *markup);
/* Escaped text (&, <, >, ", '); NULL writes nothing. */
void html_text(struct html *h, const char *s);
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* ` name="value"` with the value escaped; NULL value writes nothing. */
void html_attr(struct html *h, const char *name, const char *value);
void html_attrf(struct html *h, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* <time datetime="2024-03-04">4 March 2024</time>, or "not recorded". */
void html_date(struct html *h, raa_day d);

/* "4 March 2024" into out (at least HTML_DATE_MAX bytes); "" for DAY_NONE. */
#define HTML_DATE_MAX 24
void html_date_long(raa_day d, char out[HTML_DATE_MAX]);

/* Percent-encodes s for a URL query value, into the arena. */
char *html_url_encode(struct arena *a, const char *s);
/* Decodes an application/x-www-form-urlencoded value (+ and %XX) into the
 * arena; NULL on a bad %-escape or an encoded NUL (%00). */
char *html_url_decode(struct arena *a, const char *s, size_t n);

#endif
