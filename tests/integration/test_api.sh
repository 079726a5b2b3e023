#!/usr/bin/env bash
# The JSON API of issue #3 against a real server and a demo database: the
# access-control matrix (every route x every role x own/other partner),
# CSRF, logout, lockout, body caps, malformed JSON, wrong types, SQL
# metacharacters, static-file traversal, 404/405, redaction of households
# for LA roles, paging/filtering/sorting, events changing status and
# clocks. The checks are in api_test.py; this script makes the database,
# makes sure no server outlives it, and checks the audit chain afterwards.
. "$(dirname "$0")/lib.sh"
serve_demo_db 5
if python3 "$(dirname "$0")/api_test.py" api "$DB"; then ok; else
	fail "API checks (listed above)"
	tail -20 "$DB.serve.log" >&2
fi
expect_exit 0 "audit chain intact after the API run" -- raa --db "$DB" audit verify
expect_contains "$TMP/out" "hash chain verified" "audit verify output"
finish
