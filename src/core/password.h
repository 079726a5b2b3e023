/*
 * password: argon2id hashing and random secrets (libsodium).
 * Parameters are libsodium's "interactive" limits: safe for logins, fast
 * enough that creating a demo region's users stays within seconds.
 */
#ifndef RAA_CORE_PASSWORD_H
#define RAA_CORE_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define PASSWORD_MIN_LEN 10
#define PASSWORD_MAX_LEN 256

/* Initialises libsodium once; safe to call repeatedly and from threads. */
int password_init(struct raa_err *err);

/* Hashes into out[PASSWORD_HASH_MAX]. */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct raa_err *err);
bool password_verify(const char *hash, const char *password);

/* Checks a new password's length; the error names the rule. */
int password_check_policy(const char *password, struct raa_err *err);

/* A random password of `len` characters from an unambiguous alphabet
 * (no 0/O, 1/l/I), written NUL-terminated to out[len + 1]. */
void password_generate(char *out, size_t len);

/* A random token: `bytes` random bytes as lower-case hex into out[2*bytes+1]. */
void password_random_hex(char *out, size_t bytes);

#endif
