#!/usr/bin/env bash
# raa backup / raa restore (DESIGN.md's command-line contract): a backup is
# the whole database; a restore puts it back exactly (exports identical, the
# audit chain intact, the cache of derived figures following), and refuses
# anything that is not a raa backup without touching the database.
. "$(dirname "$0")/lib.sh"
demo_db 2
R() { raa --db "$DB" "$@"; }
R export children --format json > "$TMP/children.json"
R export events --format json > "$TMP/events.json"
R scorecard --to 2026-09-30 --format json > "$TMP/sc.json"
R audit verify > /dev/null || fail "audit verify before"

expect_exit 0 "backup" -- R backup "$TMP/b.db"
expect_contains "$TMP/out" "backed up to $TMP/b.db" "backup says where"
expect_exit 1 "a second backup onto the same file is refused" -- R backup "$TMP/b.db"
expect_contains "$TMP/err" "it exists already" "names the problem"
expect_exit 2 "backup needs a file" -- R backup
expect_exit 1 "backup into a missing directory" -- R backup "$TMP/no/such/dir/b.db"
[ -e "$TMP/no/such/dir/b.db" ] && fail "half a backup left behind" || ok

# Change the live database, then restore: the change is gone.
C=$(json 'next(c["child_id"] for c in d if c["status"] == "waiting")' "$TMP/children.json")
R event add "$C" --kind family_finder_allocated --date 2026-11-20 > /dev/null || fail "event add"
R scorecard --to 2026-09-30 --format json > /dev/null # caches the changed region
expect_exit 0 "restore" -- R restore "$TMP/b.db"
expect_contains "$TMP/out" "restored from $TMP/b.db" "restore says from where"
R export events --format json > "$TMP/events2.json"
cmp -s "$TMP/events.json" "$TMP/events2.json" && ok || fail "events after restore differ from the backup's"
R export children --format json | cmp -s - "$TMP/children.json" && ok || fail "children after restore differ"
R scorecard --to 2026-09-30 --format json | cmp -s - "$TMP/sc.json" && ok || fail "scorecard after restore differs"
expect_exit 0 "audit chain intact after restore" -- R audit verify

# Restore into a new file: a second copy of the region.
expect_exit 0 "restore into a new database" -- raa --db "$TMP/copy.db" restore "$TMP/b.db"
raa --db "$TMP/copy.db" export events --format json | cmp -s - "$TMP/events.json" && ok ||
	fail "the new copy's events differ"

# Refusals leave the database as it was.
expect_exit 1 "restore from a missing file" -- R restore "$TMP/none.db"
expect_contains "$TMP/err" "no such file" "missing file named"
printf 'not a database at all, just text\n%.0s' $(seq 1 200) > "$TMP/junk.db"
expect_exit 1 "restore from a text file" -- R restore "$TMP/junk.db"
expect_contains "$TMP/err" "not a database raa can read" "junk refused"
sqlite3 "$TMP/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
expect_exit 1 "restore from a database that is not raa's" -- R restore "$TMP/other.db"
expect_contains "$TMP/err" "holds no raa schema" "foreign database refused"
cp "$TMP/b.db" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "INSERT INTO schema_version (version) VALUES (999);"
expect_exit 1 "restore from a newer raa's backup" -- R restore "$TMP/newer.db"
expect_contains "$TMP/err" "schema version 999" "newer schema refused"
R export events --format json | cmp -s - "$TMP/events.json" && ok || fail "a refused restore changed the database"
finish
