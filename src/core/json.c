#include "core/json.h"

#include <math.h>

void json_set_str(json_t *obj, const char *key, const char *s)
{
	json_object_set_new(obj, key, s && *s ? json_string(s) : json_null());
}

void json_set_date(json_t *obj, const char *key, raa_day d)
{
	if (d == DAY_NONE) {
		json_object_set_new(obj, key, json_null());
		return;
	}
	char iso[DATE_ISO_LEN];
	date_format_iso(d, iso);
	json_object_set_new(obj, key, json_string(iso));
}

void json_set_int(json_t *obj, const char *key, long long v)
{
	json_object_set_new(obj, key, json_integer(v));
}

void json_set_bool(json_t *obj, const char *key, int v)
{
	json_object_set_new(obj, key, json_boolean(v));
}

void json_set_real(json_t *obj, const char *key, double v)
{
	json_object_set_new(obj, key, json_real(v));
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	return buf_append(data, buffer, size);
}

int json_to_buf(struct buf *b, const json_t *v)
{
	/* JSON_REAL_PRECISION keeps 76.3 as 76.3 rather than 76.299999999999997. */
	return json_dump_callback(v, dump_cb, b, JSON_COMPACT | JSON_REAL_PRECISION(15));
}

/* Dumped to memory and written once: json_dumpf writes token by token,
 * which costs more than the dump itself on a big document. */
int json_write(FILE *fp, const json_t *v)
{
	struct buf b;
	buf_init(&b, 0);
	int rc = json_to_buf(&b, v) < 0 || buf_putc(&b, '\n') < 0 ||
			 fwrite(b.data, 1, b.len, fp) != b.len
		 ? -1
		 : 0;
	buf_free(&b);
	return rc;
}

/* As jansson writes strings without JSON_ENSURE_ASCII: UTF-8 as it is,
 * the two-character escapes, \u00XX for other control characters. */
void json_buf_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
				: c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b"
				: c == '\f' ? "\\f" : NULL;
		if (!esc && c >= 0x20)
			continue;
		buf_append(b, s + run, i - run);
		run = i + 1;
		if (esc) {
			buf_puts(b, esc);
		} else {
			char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
			buf_puts(b, u);
		}
	}
	buf_append(b, s + run, n - run);
	buf_putc(b, '"');
}
