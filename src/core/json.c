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

int json_write(FILE *fp, const json_t *v)
{
	/* JSON_REAL_PRECISION keeps 76.3 as 76.3 rather than 76.299999999999997. */
	if (json_dumpf(v, fp, JSON_COMPACT | JSON_REAL_PRECISION(15)) < 0)
		return -1;
	return fputc('\n', fp) == EOF ? -1 : 0;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	return buf_append(data, buffer, size);
}

int json_to_buf(struct buf *b, const json_t *v)
{
	return json_dump_callback(v, dump_cb, b, JSON_COMPACT | JSON_REAL_PRECISION(15));
}
