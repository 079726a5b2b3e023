#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void html_raw(struct html *h, const char *markup)
{
	buf_puts(h->out, markup);
}

static void escape_into(struct buf *b, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

void html_text(struct html *h, const char *s)
{
	if (s)
		escape_into(h->out, s);
}

void html_textf(struct html *h, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		escape_into(h->out, small);
		return;
	}
	char *big = arena_alloc(h->arena, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	escape_into(h->out, big);
}

void html_attr(struct html *h, const char *name, const char *value)
{
	if (!value)
		return;
	buf_putc(h->out, ' ');
	buf_puts(h->out, name);
	buf_puts(h->out, "=\"");
	escape_into(h->out, value);
	buf_putc(h->out, '"');
}

void html_attrf(struct html *h, const char *name, const char *fmt, ...)
{
	char v[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v, sizeof v, fmt, ap);
	va_end(ap);
	html_attr(h, name, v);
}

static const char *const MONTHS[] = { "January", "February", "March", "April", "May", "June",
				      "July", "August", "September", "October", "November",
				      "December" };

void html_date_long(raa_day d, char out[HTML_DATE_MAX])
{
	if (d == DAY_NONE) {
		out[0] = '\0';
		return;
	}
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, HTML_DATE_MAX, "%d %s %d", dd, MONTHS[m - 1], y);
}

void html_date(struct html *h, raa_day d)
{
	if (d == DAY_NONE) {
		html_raw(h, "<span class=\"govuk-hint raa-inline\">not recorded</span>");
		return;
	}
	char iso[DATE_ISO_LEN], text[HTML_DATE_MAX];
	date_format_iso(d, iso);
	html_date_long(d, text);
	html_raw(h, "<time");
	html_attr(h, "datetime", iso);
	html_raw(h, ">");
	html_text(h, text);
	html_raw(h, "</time>");
}

char *html_url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = s ? strlen(s) : 0;
	char *out = arena_alloc(a, n * 3 + 1), *p = out;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *html_url_decode(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *p = out;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return NULL;
			c = (char)(hi * 16 + lo);
			i += 2;
			if (c == '\0')
				return NULL;
		}
		*p++ = c;
	}
	*p = '\0';
	return out;
}
