#include "web/session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/password.h"

#define SESSIONS_MIN_CAP 1024 /* a power of two: slots are masked */

struct entry {
	unsigned char key[crypto_hash_sha256_BYTES]; /* SHA-256 of the token */
	struct session_info info;
	bool used;
};

struct sessions {
	pthread_rwlock_t lock;
	struct entry *tab;   /* open addressing, linear probing */
	size_t cap, n;
	int idle, absolute;
};

struct sessions *sessions_new(int idle_seconds, int absolute_seconds)
{
	struct sessions *s = xcalloc(1, sizeof *s);
	pthread_rwlock_init(&s->lock, NULL);
	s->cap = SESSIONS_MIN_CAP;
	s->tab = xcalloc(s->cap, sizeof *s->tab);
	s->idle = idle_seconds;
	s->absolute = absolute_seconds;
	return s;
}

void sessions_free(struct sessions *s)
{
	if (!s)
		return;
	sodium_memzero(s->tab, s->cap * sizeof *s->tab);
	free(s->tab);
	pthread_rwlock_destroy(&s->lock);
	free(s);
}

static void hash_token(const char *token, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

static size_t slot_of(const struct sessions *s, const unsigned char *key)
{
	size_t h;
	memcpy(&h, key, sizeof h); /* already uniformly random */
	return h & (s->cap - 1);
}

static struct entry *find(struct sessions *s, const unsigned char *key)
{
	for (size_t i = slot_of(s, key), k = 0; k < s->cap; i = (i + 1) & (s->cap - 1), k++) {
		if (!s->tab[i].used)
			return NULL;
		if (memcmp(s->tab[i].key, key, sizeof s->tab[i].key) == 0)
			return &s->tab[i];
	}
	return NULL;
}

static void insert(struct sessions *s, const struct entry *e)
{
	size_t i = slot_of(s, e->key);
	while (s->tab[i].used)
		i = (i + 1) & (s->cap - 1);
	s->tab[i] = *e;
	s->n++;
}

/* Empties slot i without a tombstone (backward-shift deletion): entries
 * after it in its probe run move up when their home slot allows, so every
 * remaining entry stays reachable from its home slot. O(run length), where
 * a rebuild would cost the whole table. Called with the write lock held. */
static void remove_at(struct sessions *s, size_t i)
{
	size_t mask = s->cap - 1;
	for (size_t j = (i + 1) & mask; s->tab[j].used; j = (j + 1) & mask) {
		size_t home = slot_of(s, s->tab[j].key);
		/* j may fill the hole at i unless its home lies cyclically in (i, j]. */
		bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
		if (!stays) {
			s->tab[i] = s->tab[j];
			i = j;
		}
	}
	sodium_memzero(&s->tab[i], sizeof s->tab[i]);
	s->n--;
}

static bool expired(const struct sessions *s, const struct session_info *in, time_t now)
{
	return now - in->last_seen > s->idle || now - in->created > s->absolute;
}

/* Rebuilds the table without dead entries: linear probing cannot simply
 * blank a slot. The new capacity follows the live sessions only, so that
 * the table stays at most a quarter full afterwards and shrinks again when
 * sessions end: sized by the old count (dead ones included), it would
 * double at every rebuild under a steady churn of sign-ins, without bound.
 * Called with the write lock held. */
static void rebuild(struct sessions *s, time_t now)
{
	struct entry *old = s->tab;
	size_t oldcap = s->cap, live = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used && !expired(s, &old[i].info, now))
			live++;
	size_t cap = SESSIONS_MIN_CAP;
	while ((live + 1) * 4 > cap)
		cap *= 2;
	s->tab = xcalloc(cap, sizeof *s->tab);
	s->cap = cap;
	s->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used && !expired(s, &old[i].info, now))
			insert(s, &old[i]);
	sodium_memzero(old, oldcap * sizeof *old);
	free(old);
}

void sessions_create(struct sessions *s, struct session_info *info,
		     char token_out[SESSION_TOKEN_HEX])
{
	struct entry e = { .used = true };
	password_random_hex(token_out, 32);
	password_random_hex(info->csrf, 32);
	info->created = info->last_seen = time(NULL);
	e.info = *info;
	hash_token(token_out, e.key);
	pthread_rwlock_wrlock(&s->lock);
	if ((s->n + 1) * 2 > s->cap)
		rebuild(s, info->created);
	insert(s, &e);
	pthread_rwlock_unlock(&s->lock);
}

bool sessions_get(struct sessions *s, const char *token, struct session_info *out)
{
	if (!token || strlen(token) != SESSION_TOKEN_HEX - 1)
		return false;
	unsigned char key[crypto_hash_sha256_BYTES];
	hash_token(token, key);
	time_t now = time(NULL);
	bool ok = false;
	/* A write lock, because a hit refreshes last_seen (and a dead one is
	 * removed); the critical section is a hash probe and a copy. */
	pthread_rwlock_wrlock(&s->lock);
	struct entry *e = find(s, key);
	if (e && !expired(s, &e->info, now)) {
		e->info.last_seen = now;
		*out = e->info;
		ok = true;
	} else if (e) {
		remove_at(s, (size_t)(e - s->tab));
	}
	pthread_rwlock_unlock(&s->lock);
	return ok;
}

void sessions_delete(struct sessions *s, const char *token)
{
	if (!token)
		return;
	unsigned char key[crypto_hash_sha256_BYTES];
	hash_token(token, key);
	pthread_rwlock_wrlock(&s->lock);
	struct entry *e = find(s, key);
	if (e)
		remove_at(s, (size_t)(e - s->tab));
	pthread_rwlock_unlock(&s->lock);
}

/* Rare (password change, account disabled): a scan and a rebuild. */
void sessions_delete_user(struct sessions *s, int64_t user_id)
{
	pthread_rwlock_wrlock(&s->lock);
	for (size_t i = 0; i < s->cap; i++)
		if (s->tab[i].used && s->tab[i].info.user_id == user_id)
			s->tab[i].info.created = 0; /* expired: dropped by the rebuild */
	rebuild(s, time(NULL));
	pthread_rwlock_unlock(&s->lock);
}

bool session_token_equal(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	/* An empty token matches nothing, not even another empty one. */
	size_t n = strlen(a);
	return n > 0 && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
