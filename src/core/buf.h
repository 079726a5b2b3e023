/*
 * buf: a growable byte buffer with an upper bound.
 *
 * Everything that grows from outside input (request bodies, CSV fields,
 * rendered output) grows through a buf with a limit, so no input can make
 * raa use unbounded memory. Always NUL-terminated.
 */
#ifndef RAA_CORE_BUF_H
#define RAA_CORE_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;   /* NUL-terminated; NULL until first append */
	size_t len;
	size_t cap;
	size_t max;   /* 0 = unbounded (only for output raa itself makes) */
	bool overflow; /* set once an append was refused for exceeding max */
};

void buf_init(struct buf *b, size_t max);
/* Each returns 0, or -1 (and sets overflow) if max would be exceeded. */
int buf_append(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(const struct buf *b); /* "" when empty */
void buf_reset(struct buf *b);              /* len 0, keeps memory */
void buf_free(struct buf *b);
/* Hands the string to the caller (caller frees); b is reset to empty. */
char *buf_detach(struct buf *b);

#endif
