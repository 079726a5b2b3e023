/*
 * snapcache: a region's brief snapshot as one blob, so that the reports
 * read 70,000 records and half a million events as a few megabytes instead
 * of half a million rows (issue #6's 200 ms scorecard).
 *
 * The blob is derived data: the store keeps it against the data version
 * (store_data_version) it was built from, and snapshot_load_brief uses it
 * only while that version stands. The layout is this build's own (struct
 * sizes and a format number are checked), so a blob from another build is
 * simply rebuilt.
 */
#ifndef RAA_SERVICE_SNAPCACHE_H
#define RAA_SERVICE_SNAPCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "service/snapshot.h"

#define SNAPCACHE_NAME "snapshot.brief"
#define SNAP_NO_OWNER UINT32_MAX

/* Appends the blob of snap to out: records, then events with the index of
 * the record they belong to (children first, then households). -1 when
 * an event belongs to no record of the snapshot (nothing is appended). */
int snapcache_encode(const struct snapshot *snap, struct buf *out);

/* Fills snap (records and events; journeys are left for the caller) and
 * *owner (caller frees: each event's record index) from a blob. -1 when
 * the blob is not one this build wrote, snap then empty. */
int snapcache_decode(const void *blob, size_t len, struct snapshot *snap, uint32_t **owner);

#endif
