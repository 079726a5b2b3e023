#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum log_level current = LOG_WARN;

void log_set_level(enum log_level level)
{
	current = level;
}

void log_init_from_env(void)
{
	const char *v = getenv("RAA_LOG");
	if (!v)
		return;
	static const char *const names[] = { "error", "warn", "info", "debug" };
	for (int i = 0; i < 4; i++)
		if (strcmp(v, names[i]) == 0)
			current = (enum log_level)i;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	if (level > current)
		return;
	static const char *const tags[] = { "error", "warn", "info", "debug" };
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* One fprintf per line so concurrent threads do not interleave. */
	fprintf(stderr, "%s raa %s: %s\n", stamp, tags[level], line);
}
