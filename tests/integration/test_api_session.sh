#!/usr/bin/env bash
# Session lifetimes: `raa serve --session-idle 2` ends a session left idle
# for 3 s but not one in use; `--session-max 3` ends even a busy one.
. "$(dirname "$0")/lib.sh"
serve_demo_db 5
if python3 "$(dirname "$0")/api_test.py" session "$DB"; then ok; else
	fail "session checks (listed above)"
	tail -20 "$DB.serve.log" >&2
fi
expect_exit 2 "--session-idle 0 refused" -- raa --db "$DB" serve --session-idle 0
expect_exit 2 "--session-max abc refused" -- raa --db "$DB" serve --session-max abc
finish
