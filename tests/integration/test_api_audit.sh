#!/usr/bin/env bash
# Audit trail through the web server: every GET of a record adds one row,
# listings and failed logins are audited, nothing is lost at a clean stop;
# then `raa audit verify` passes, and fails naming the row after someone
# edits or deletes a row in the SQLite file (triggers dropped first).
. "$(dirname "$0")/lib.sh"
serve_demo_db 5
if python3 "$(dirname "$0")/api_test.py" audit "$DB"; then ok; else
	fail "audit checks (listed above)"
	tail -20 "$DB.serve.log" >&2
fi
expect_exit 0 "audit verify after web reads" -- raa --db "$DB" audit verify
expect_contains "$TMP/out" "hash chain verified" "audit verify output"
ROWS=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
[ "$ROWS" -gt 400 ] && ok || fail "audit rows: $ROWS, expected more than 400"
sqlite3 "$DB" ".backup $TMP/del.db"
sqlite3 "$DB" ".backup $TMP/last.db"

# The triggers refuse tampering through SQL ...
for sql in "UPDATE audit SET detail = 'x' WHERE id = 3" "DELETE FROM audit WHERE id = 3"; do
	if sqlite3 "$DB" "$sql" 2> "$TMP/err"; then fail "trigger let '$sql' through"; else ok; fi
	expect_contains "$TMP/err" "append-only" "trigger refuses '$sql'"
done
# ... and with them dropped, verify finds the edit and names the row.
EDITED=$(sqlite3 "$DB" "SELECT id FROM audit WHERE action = 'read_child' ORDER BY id LIMIT 1 OFFSET 2")
sqlite3 "$DB" "DROP TRIGGER audit_no_update; UPDATE audit SET record = 'C2' WHERE id = $EDITED"
expect_exit 1 "verify after an edited row" -- raa --db "$DB" audit verify
expect_contains "$TMP/err" "audit row $EDITED " "the edited row is named"

DELETED=$(sqlite3 "$TMP/del.db" "SELECT id FROM audit WHERE action = 'read_child' ORDER BY id LIMIT 1 OFFSET 5")
NEXT=$(sqlite3 "$TMP/del.db" "SELECT min(id) FROM audit WHERE id > $DELETED")
sqlite3 "$TMP/del.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = $DELETED"
expect_exit 1 "verify after a deleted row" -- raa --db "$TMP/del.db" audit verify
expect_contains "$TMP/err" "audit row $NEXT " "the row after the deleted one is named"

# Rewriting a row's hash too does not help: the next row still breaks.
LAST=$(sqlite3 "$TMP/last.db" "SELECT max(id) - 3 FROM audit")
sqlite3 "$TMP/last.db" "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone.else@x.test', hash = 'abc' WHERE id = $LAST"
expect_exit 1 "verify after a row and its hash were rewritten" -- raa --db "$TMP/last.db" audit verify
expect_contains "$TMP/err" "audit row $LAST " "the rewritten row is named"
finish
