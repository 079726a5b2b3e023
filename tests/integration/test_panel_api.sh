#!/usr/bin/env bash
# The panels API against a real server on a demo region: the role matrix,
# CSRF, the quorum refusal then a recommendation writing approval_panel,
# an LA ADM's scoped view, the ADM clock, and the corrections (a member's
# details, attendance, papers, withdrawing an item) with their refusals and
# audit rows. Checks in panel_api_test.py.
. "$(dirname "$0")/lib.sh"
export RAA_PID_DIR="$TMP"
trap 'for f in "$TMP"/*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; rm -rf "$TMP"' EXIT
DB="$TMP/raa.db"
raa --db "$DB" init > /dev/null
raa --db "$DB" demo --seed 5 > /dev/null || fail "demo"
if python3 "$(dirname "$0")/panel_api_test.py" "$DB"; then ok; else
	fail "panel API checks (listed above)"
	tail -20 "$DB.serve.log" >&2
fi
expect_exit 0 "audit chain intact" -- raa --db "$DB" audit verify
finish
