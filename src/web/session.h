/*
 * session: signed-in sessions, held in memory.
 *
 * The cookie carries a random 256-bit token; only its SHA-256 is kept, so a
 * memory dump does not yield usable cookies. Each session has a CSRF token
 * that state-changing requests must echo in X-CSRF-Token (or a form field),
 * an idle timeout and an absolute timeout. Sessions do not survive a
 * restart: everyone signs in again, which is the safe default for a
 * system holding special category data.
 */
#ifndef RAA_WEB_SESSION_H
#define RAA_WEB_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define SESSION_TOKEN_HEX 65 /* 32 bytes as hex + NUL */

struct session_info {
	int64_t user_id;
	char email[256];
	char role[32];
	char partner[8]; /* "" for RAA-wide roles */
	char csrf[SESSION_TOKEN_HEX];
	time_t created, last_seen;
};

struct sessions;

struct sessions *sessions_new(int idle_seconds, int absolute_seconds);
void sessions_free(struct sessions *s);

/* Creates a session; writes the cookie token to token_out and fills
 * info->csrf and the times. */
void sessions_create(struct sessions *s, struct session_info *info,
		     char token_out[SESSION_TOKEN_HEX]);
/* Looks the token up and, if live, refreshes last_seen and copies it to
 * *out. Expired sessions are removed. */
bool sessions_get(struct sessions *s, const char *token, struct session_info *out);
void sessions_delete(struct sessions *s, const char *token);
/* Ends every session of a user (password change, account disabled). */
void sessions_delete_user(struct sessions *s, int64_t user_id);

/* Constant-time comparison of two NUL-terminated tokens. */
bool session_token_equal(const char *a, const char *b);

#endif
