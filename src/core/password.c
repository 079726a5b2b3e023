#include "core/password.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Random numbers without a working libsodium would be a silent security
 * failure; stopping is the only safe answer. */
static void sodium_ready(void)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "raa: libsodium could not be initialised\n");
		abort();
	}
}

int password_init(struct raa_err *err)
{
	if (sodium_init() < 0)
		return raa_err_set(err, RAA_EINTERNAL, "libsodium could not be initialised");
	return 0;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct raa_err *err)
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	if (password_init(err) < 0)
		return err ? err->code : RAA_EINTERNAL;
	if (crypto_pwhash_str_alg(out, password, strlen(password),
				  crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return raa_err_set(err, RAA_EINTERNAL, "out of memory hashing a password");
	return 0;
}

bool password_verify(const char *hash, const char *password)
{
	if (sodium_init() < 0 || !hash || !password)
		return false;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int password_check_policy(const char *password, struct raa_err *err)
{
	size_t n = password ? strlen(password) : 0;
	if (n < PASSWORD_MIN_LEN || n > PASSWORD_MAX_LEN)
		return raa_err_set(err, RAA_EINVAL,
				   "password: %zu characters: expected %d to %d characters", n,
				   PASSWORD_MIN_LEN, PASSWORD_MAX_LEN);
	return 0;
}

void password_generate(char *out, size_t len)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	sodium_ready();
	for (size_t i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[len] = '\0';
}

void password_random_hex(char *out, size_t bytes)
{
	unsigned char raw[64];
	sodium_ready();
	if (bytes > sizeof raw)
		bytes = sizeof raw;
	randombytes_buf(raw, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, raw, bytes);
}
