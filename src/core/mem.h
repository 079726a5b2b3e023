/*
 * mem: allocation that never returns NULL, and arenas.
 *
 * Out of memory is not a condition raa can recover from in a useful way, so
 * x* functions abort with a message instead of making every caller check.
 * Arenas hold the many small strings of a request or a bulk load and are
 * freed at once.
 */
#ifndef RAA_CORE_MEM_H
#define RAA_CORE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *arr (of element size `size`) so it can hold at least `need`
 * elements; *cap is updated. Doubling, so appends are amortised O(1). */
void xgrow(void **arr, size_t *cap, size_t need, size_t size);

struct arena_block;
struct arena {
	struct arena_block *head;
	size_t block_size;
	size_t total; /* bytes handed out, for memory accounting */
};

/* block_size 0 picks a default (64 KiB). */
void arena_init(struct arena *a, size_t block_size);
/* Memory aligned for any type, valid until arena_free. Never NULL. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);   /* NULL -> NULL */
/* arena_strdup for callbacks that pass the arena as a void context. */
const char *arena_strdup_ctx(void *arena, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void arena_free(struct arena *a);

#endif
