/*
 * err: the error value every fallible function fills in.
 *
 * Functions return int (0 ok, negative RAA_E*) or a pointer (NULL on
 * failure) and describe the problem in a caller-provided struct raa_err.
 * Messages are for people: they name the field, the value and what was
 * expected, because that is what a user needs to fix their input.
 */
#ifndef RAA_CORE_ERR_H
#define RAA_CORE_ERR_H

enum raa_errcode {
	RAA_OK = 0,
	RAA_EINVAL = -1,     /* bad user input */
	RAA_ENOTFOUND = -2,  /* no such record (or not visible to the caller) */
	RAA_ECONFLICT = -3,  /* duplicate, or state does not allow it */
	RAA_EIO = -4,        /* file or database failure */
	RAA_EFORBIDDEN = -5, /* authenticated but not allowed */
	RAA_EINTERNAL = -6,  /* a bug */
};

#define RAA_ERR_MSG_MAX 1024

struct raa_err {
	int code;
	char msg[RAA_ERR_MSG_MAX];
};

/* Sets code and message (printf-style); returns code so callers can
 * `return raa_err_set(err, RAA_EINVAL, ...)`. err may be NULL. */
int raa_err_set(struct raa_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clears err to RAA_OK with an empty message. */
void raa_err_clear(struct raa_err *err);

#endif
