#include "core/str.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *skip_zeros(const char *p)
{
	while (*p == '0' && isdigit((unsigned char)p[1]))
		p++;
	return p;
}

int str_natcmp(const char *a, const char *b)
{
	const char *p = a, *q = b;
	while (*p && *q) {
		if (isdigit((unsigned char)*p) && isdigit((unsigned char)*q)) {
			const char *p0 = skip_zeros(p), *q0 = skip_zeros(q);
			size_t lp = 0, lq = 0;
			while (isdigit((unsigned char)p0[lp]))
				lp++;
			while (isdigit((unsigned char)q0[lq]))
				lq++;
			if (lp != lq)
				return lp < lq ? -1 : 1;
			int c = memcmp(p0, q0, lp);
			if (c)
				return c < 0 ? -1 : 1;
			p = p0 + lp;
			q = q0 + lq;
			continue;
		}
		if (*p != *q)
			return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
		p++;
		q++;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	return strcmp(a, b);
}

bool str_empty(const char *s)
{
	return !s || !*s;
}

bool str_ieq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcasecmp(a, b) == 0;
}

bool str_icontains(const char *haystack, const char *needle)
{
	if (!haystack || !needle)
		return false;
	size_t n = strlen(needle);
	for (const char *p = haystack; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return n == 0;
}

void str_upper(char *out, size_t outsz, const char *s)
{
	size_t i = 0;
	if (outsz == 0)
		return;
	for (; s && s[i] && i + 1 < outsz; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[i] = '\0';
}

int str_to_int(const char *s, long min, long max, long *out)
{
	if (str_empty(s))
		return -1;
	for (const char *p = (*s == '-') ? s + 1 : s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	if (*s == '-' && !s[1])
		return -1;
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
