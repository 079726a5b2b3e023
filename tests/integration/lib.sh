# Shared by the integration tests: a fresh directory, the real binary, and
# assertions that say what they expected when they fail.
set -u
: "${RAA_BIN:?RAA_BIN must name the raa binary}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/raa-it.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export RAA_TODAY=${RAA_TODAY:-2026-11-23}
FAILS=0
CHECKS=0

raa() { "$RAA_BIN" "$@"; }

fail() {
	FAILS=$((FAILS + 1))
	echo "FAIL: $*" >&2
}

ok() { CHECKS=$((CHECKS + 1)); }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
	local want=$1 what=$2
	shift 3
	"$@" >"$TMP/out" 2>"$TMP/err"
	local got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, expected $want"
		sed 's/^/  stdout: /' "$TMP/out" | head -20 >&2
		sed 's/^/  stderr: /' "$TMP/err" | head -20 >&2
	else
		ok
	fi
}

# expect_contains FILE TEXT DESCRIPTION
expect_contains() {
	if grep -qF -- "$2" "$1"; then ok; else
		fail "$3: '$2' not found in output"
		sed 's/^/  | /' "$1" | head -20 >&2
	fi
}

expect_eq() {
	if [ "$1" = "$2" ]; then ok; else fail "$3: got '$1', expected '$2'"; fi
}

# json EXPR FILE: evaluates a Python expression over the parsed JSON `d`.
json() {
	python3 -c "import json,sys; d=json.load(open(sys.argv[2])); print($1)" "$@" 2>&1 < /dev/null | head -1
}

# demo_db SEED: $DB ($TMP/raa.db) made and filled with the demo region of
# SEED.
demo_db() {
	DB="$TMP/raa.db"
	raa --db "$DB" init > /dev/null
	raa --db "$DB" demo --seed "$1" > /dev/null || fail "demo"
}

# serve_demo_db SEED: demo_db SEED for a test whose Python starts `raa
# serve` (api_client.Server writes each pid to $RAA_PID_DIR): every server
# still running is stopped on exit.
serve_demo_db() {
	export RAA_PID_DIR="$TMP"
	trap 'for f in "$TMP"/*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; rm -rf "$TMP"' EXIT
	demo_db "$1"
}

# s903_sample [ret]: $HERE, the test's directory, and $SAMPLE, the
# reference's sample SSDA903 return ($S903_SAMPLE if set); without the
# sample the test is skipped (exit 0). With ret, the return's tables (not
# the *_errors.csv files) are copied to $TMP/ret.
s903_sample() {
	HERE=$(cd "$(dirname "$0")" && pwd)
	SAMPLE=${S903_SAMPLE:-$HERE/../../../shared/ssda903/sample}
	if [ ! -d "$SAMPLE" ]; then
		echo "SKIP: no sample return at $SAMPLE"
		exit 0
	fi
	[ "${1:-}" = ret ] || return 0
	mkdir -p "$TMP/ret"
	local f
	for f in "$SAMPLE"/*.csv; do
		case $f in *_errors.csv) ;; *) cp "$f" "$TMP/ret/" ;; esac
	done
}

finish() {
	echo "$(basename "$0"): $CHECKS checks passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
}
