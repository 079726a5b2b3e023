#include "service/snapcache.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* Bump when the blob's meaning changes without a struct changing size. */
#define SNAPCACHE_FORMAT 1

struct blob_head {
	char magic[8];
	uint32_t layout[4]; /* child_rec, adopter_rec, event_rec sizes; format */
	uint64_t nchildren, nadopters, nevents, strtab;
};

/* An event as the brief snapshot keeps it, without padding to waste. */
struct blob_event {
	int64_t id, supersedes;
	int32_t date;
	uint32_t owner;
	int16_t kind;
	uint8_t type, origin;
	uint32_t pad;
};

static const char MAGIC[8] = "RAASNAP";

static void head_layout(uint32_t layout[4])
{
	layout[0] = sizeof(struct child_rec);
	layout[1] = sizeof(struct adopter_rec);
	layout[2] = sizeof(struct event_rec);
	layout[3] = SNAPCACHE_FORMAT;
}

/* ---- encoding: pointers become 1 + an offset into the string table ---- */

static const char *str_ref(void *strtab, const char *s)
{
	struct buf *b = strtab;
	if (!s)
		return NULL;
	uintptr_t off = b->len + 1;
	buf_append(b, s, strlen(s) + 1);
	return (const char *)off;
}

static void encode_child(struct buf *out, struct buf *strtab, const struct child_rec *c)
{
	struct child_rec r = *c;
	child_rec_strings(&r, str_ref, strtab);
	buf_append(out, &r, sizeof r);
}

static void encode_adopter(struct buf *out, struct buf *strtab, const struct adopter_rec *a)
{
	struct adopter_rec r = *a;
	adopter_rec_strings(&r, str_ref, strtab);
	buf_append(out, &r, sizeof r);
}

static const struct journey *journey_of(const struct snapshot *sn, size_t k)
{
	return k < sn->nchildren ? &sn->children[k].j : &sn->adopters[k - sn->nchildren].j;
}

/* Each event's record index from the journeys; false if one has none. */
static bool owners(const struct snapshot *sn, uint32_t *owner)
{
	for (size_t i = 0; i < sn->nevents; i++)
		owner[i] = SNAP_NO_OWNER;
	size_t nrec = sn->nchildren + sn->nadopters;
	for (size_t k = 0; k < nrec; k++) {
		const struct journey *j = journey_of(sn, k);
		for (size_t e = 0; e < j->n; e++)
			owner[j->ev[e] - sn->events] = (uint32_t)k;
	}
	for (size_t i = 0; i < sn->nevents; i++)
		if (owner[i] == SNAP_NO_OWNER)
			return false;
	return true;
}

int snapcache_encode(const struct snapshot *snap, struct buf *out)
{
	if (snap->nchildren + snap->nadopters >= SNAP_NO_OWNER)
		return -1;
	uint32_t *owner = xmalloc((snap->nevents + 1) * sizeof *owner);
	if (!owners(snap, owner)) {
		free(owner);
		return -1;
	}
	struct buf strtab;
	buf_init(&strtab, 0);
	struct blob_head h = { .nchildren = snap->nchildren, .nadopters = snap->nadopters,
			       .nevents = snap->nevents };
	memcpy(h.magic, MAGIC, sizeof h.magic);
	head_layout(h.layout);
	size_t head_at = out->len;
	buf_append(out, &h, sizeof h);
	for (size_t i = 0; i < snap->nchildren; i++)
		encode_child(out, &strtab, &snap->children[i].rec);
	for (size_t i = 0; i < snap->nadopters; i++)
		encode_adopter(out, &strtab, &snap->adopters[i].rec);
	for (size_t i = 0; i < snap->nevents; i++) {
		const struct event_rec *e = &snap->events[i];
		struct blob_event b = { .id = e->id, .supersedes = e->supersedes, .date = e->date,
					.owner = owner[i], .kind = (int16_t)e->kind,
					.type = (uint8_t)e->type, .origin = (uint8_t)e->origin };
		buf_append(out, &b, sizeof b);
	}
	h.strtab = strtab.len;
	memcpy(out->data + head_at, &h, sizeof h);
	buf_append(out, strtab.data, strtab.len);
	buf_free(&strtab);
	free(owner);
	return 0;
}

/* ---- decoding ---------------------------------------------------------- */

struct reader {
	const char *strtab;
	size_t strlen;
	bool bad;
};

/* An encoded reference back to a string of the table; a reference outside
 * the table, or to a string not ending inside it, marks the blob bad. */
static const char *str_at(void *reader, const char *ref)
{
	struct reader *r = reader;
	uintptr_t off = (uintptr_t)ref;
	if (!off)
		return NULL;
	if (off - 1 >= r->strlen || !memchr(r->strtab + off - 1, 0, r->strlen - (off - 1))) {
		r->bad = true;
		return "";
	}
	return r->strtab + off - 1;
}

static void decode_child(struct reader *r, struct child_rec *c)
{
	child_rec_strings(c, str_at, r);
	if (!c->id)
		r->bad = true;
}

static void decode_adopter(struct reader *r, struct adopter_rec *a)
{
	adopter_rec_strings(a, str_at, r);
	if (!a->id)
		r->bad = true;
}

static bool head_ok(const struct blob_head *h, size_t len)
{
	uint32_t layout[4];
	head_layout(layout);
	if (memcmp(h->magic, MAGIC, sizeof h->magic) != 0 || memcmp(h->layout, layout, sizeof layout))
		return false;
	/* Counts bounded first so that the size sum below cannot overflow. */
	if (h->nchildren > len || h->nadopters > len || h->nevents > len || h->strtab > len)
		return false;
	uint64_t need = sizeof *h + h->nchildren * sizeof(struct child_rec) +
			h->nadopters * sizeof(struct adopter_rec) +
			h->nevents * sizeof(struct blob_event) + h->strtab;
	return need == len;
}

static void decode_events(const char *b, size_t n, size_t nrec, struct snapshot *snap,
			  uint32_t *owner, struct reader *r)
{
	for (size_t i = 0; i < n && !r->bad; i++) {
		struct blob_event x;
		memcpy(&x, b + i * sizeof x, sizeof x);
		if (x.owner >= nrec) {
			r->bad = true;
			break;
		}
		owner[i] = x.owner;
		snap->events[i] = (struct event_rec){
			.id = x.id, .supersedes = x.supersedes, .date = x.date, .kind = x.kind,
			.type = (enum record_type)x.type, .origin = x.origin,
			.record = x.owner < snap->nchildren
					  ? snap->children[x.owner].rec.id
					  : snap->adopters[x.owner - snap->nchildren].rec.id,
		};
	}
}

int snapcache_decode(const void *blob, size_t len, struct snapshot *snap, uint32_t **owner)
{
	memset(snap, 0, sizeof *snap);
	*owner = NULL;
	struct blob_head h;
	if (len < sizeof h)
		return -1;
	memcpy(&h, blob, sizeof h);
	if (!head_ok(&h, len))
		return -1;
	const char *p = (const char *)blob + sizeof h;
	arena_init(&snap->arena, 1 << 16);
	struct reader r = { .strlen = h.strtab };
	char *strtab = arena_alloc(&snap->arena, h.strtab + 1);
	memcpy(strtab, (const char *)blob + len - h.strtab, h.strtab);
	r.strtab = strtab;
	snap->nchildren = h.nchildren;
	snap->children = xcalloc(h.nchildren + 1, sizeof *snap->children);
	for (size_t i = 0; i < h.nchildren; i++, p += sizeof(struct child_rec)) {
		memcpy(&snap->children[i].rec, p, sizeof(struct child_rec));
		decode_child(&r, &snap->children[i].rec);
	}
	snap->nadopters = h.nadopters;
	snap->adopters = xcalloc(h.nadopters + 1, sizeof *snap->adopters);
	for (size_t i = 0; i < h.nadopters; i++, p += sizeof(struct adopter_rec)) {
		memcpy(&snap->adopters[i].rec, p, sizeof(struct adopter_rec));
		decode_adopter(&r, &snap->adopters[i].rec);
	}
	snap->nevents = h.nevents;
	snap->events = xmalloc((h.nevents + 1) * sizeof *snap->events);
	*owner = xmalloc((h.nevents + 1) * sizeof **owner);
	decode_events(p, h.nevents, h.nchildren + h.nadopters, snap, *owner, &r);
	if (r.bad) {
		free(*owner);
		*owner = NULL;
		snapshot_free(snap);
		return -1;
	}
	return 0;
}
