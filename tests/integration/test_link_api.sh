#!/usr/bin/env bash
# The links API against a real server on a demo region: role matrix, CSRF,
# the whole link path, scoping and refusals. Checks in link_api_test.py.
. "$(dirname "$0")/lib.sh"
serve_demo_db 5
echo "correct horse battery staple" |
	raa --db "$DB" user add --email adm.lambeth@demo.raa.test --role la_adm --partner 208 \
		--password-stdin > /dev/null || fail "second LA's ADM"
if python3 "$(dirname "$0")/link_api_test.py" "$DB"; then ok; else
	fail "link API checks (listed above)"
	tail -20 "$DB.serve.log" >&2
fi
expect_exit 0 "audit chain intact" -- raa --db "$DB" audit verify
finish
