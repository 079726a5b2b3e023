#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>

int raa_err_set(struct raa_err *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void raa_err_clear(struct raa_err *err)
{
	if (err) {
		err->code = RAA_OK;
		err->msg[0] = '\0';
	}
}
