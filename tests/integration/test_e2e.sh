#!/usr/bin/env bash
# Browser tests (tests/e2e/, playwright-core driving Debian's chromium): a
# demo region, `raa serve` on a free port, then `node --test tests/e2e/`.
# A missing browser, node or npm package is a failure, not a skip: `make
# test` installs them (scripts/install-deps.sh, scripts/install-web.sh).
. "$(dirname "$0")/lib.sh"
: "${RAA_SRC:?RAA_SRC must name the source tree}"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT

for need in node /usr/bin/chromium; do
	command -v "$need" >/dev/null 2>&1 || { fail "$need not found: run scripts/install-deps.sh"; finish; exit 1; }
done
[ -d "$RAA_SRC/node_modules/playwright-core" ] || { fail "playwright-core not installed: run scripts/install-web.sh"; finish; exit 1; }
[ -f "$RAA_SRC/web/static/govuk/govuk-frontend.min.css" ] || { fail "govuk-frontend not copied: run scripts/install-web.sh"; finish; exit 1; }

SEED=3
DB="$TMP/raa.db"
raa --db "$DB" init > /dev/null || fail "init"
raa --db "$DB" demo --seed $SEED > /dev/null || fail "demo"
# A child of another partner than the LA user's (Southwark, 210).
OTHER=$(raa --db "$DB" export children --format json |
	python3 -c "import json,sys; print(next(c['child_id'] for c in json.load(sys.stdin) if c['partner'] != '210'))")

PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"$RAA_BIN" --db "$DB" serve --listen "127.0.0.1:$PORT" --static "$RAA_SRC/web/static" > "$TMP/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 0.2)" 2>/dev/null && break
	sleep 0.1
done

export RAA_BASE_URL="http://127.0.0.1:$PORT"
export RAA_E2E_EMAIL="sw.southwark@demo.raa.test" RAA_E2E_PASSWORD="demo-sw.southwark-$SEED"
export RAA_E2E_BOARD_EMAIL="board@demo.raa.test" RAA_E2E_BOARD_PASSWORD="demo-board-$SEED"
export RAA_E2E_OTHER_CHILD="$OTHER"
export RAA_E2E_SHOTS="${RAA_E2E_SHOTS:-$TMP/shots}"
if (cd "$RAA_SRC" && node --test --test-reporter=spec tests/e2e/); then ok; else
	fail "browser tests (listed above)"
	tail -20 "$TMP/serve.log" >&2
fi
finish
