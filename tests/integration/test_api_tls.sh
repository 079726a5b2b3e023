#!/usr/bin/env bash
# `raa serve --tls-cert --tls-key` with a self-signed certificate made by
# openssl: HTTPS works, the cookie is Secure, HSTS is sent, and plain HTTP
# on the same port is not served.
. "$(dirname "$0")/lib.sh"
serve_demo_db 5
if python3 "$(dirname "$0")/api_test.py" tls "$DB" "$TMP"; then ok; else
	fail "TLS checks (listed above)"
	tail -20 "$DB.serve.log" >&2
fi
expect_exit 2 "--tls-cert without --tls-key" -- raa --db "$DB" serve --tls-cert "$TMP/cert.pem"
expect_exit 1 "missing certificate file" -- raa --db "$DB" serve --tls-cert "$TMP/none.pem" --tls-key "$TMP/none.pem"
finish
