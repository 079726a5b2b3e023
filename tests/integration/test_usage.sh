#!/usr/bin/env bash
# The command-line contract: exit 2 for usage, 1 for user errors, clear
# one-line messages.
. "$(dirname "$0")/lib.sh"
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
expect_exit 2 "no command" -- raa
expect_exit 2 "unknown command" -- raa frobnicate
expect_exit 0 "help" -- raa help
expect_contains "$TMP/out" "import children|adopters|events FILE.csv" "help lists import"
expect_exit 1 "no schema yet" -- R child list
expect_contains "$TMP/err" "init' first" "says to run init"
expect_exit 0 "init" -- R init
expect_exit 2 "bad format" -- R child list --format yaml
expect_exit 2 "unknown option" -- R child list --colour
expect_exit 2 "bad --on" -- R clocks --on 2024-02-30
expect_exit 1 "missing file" -- R import children "$TMP/nope.csv"
expect_contains "$TMP/err" "nope.csv" "missing file named"
expect_exit 2 "bad partner code" -- R partner add --code 88 --name X
expect_exit 0 "partner add" -- R partner add --code 886 --name Kent --host
expect_exit 1 "duplicate partner" -- R partner add --code 886 --name Kent
expect_exit 1 "LA role needs partner" -- R user add --email a@b.example --role la_adm
expect_contains "$TMP/err" "partner" "names the field"
expect_exit 1 "bad role" -- R user add --email a@b.example --role wizard
expect_exit 0 "user add generated" -- R user add --email ff@b.example --role family_finder
expect_contains "$TMP/out" "password (shown once)" "generated password printed once"
echo "correct horse battery" | R user add --email sw@b.example --role la_social_worker --partner 886 --password-stdin > "$TMP/out2"
expect_contains "$TMP/out2" "added" "password from stdin"
if grep -q "shown once" "$TMP/out2"; then fail "stdin password must not be printed"; else ok; fi
expect_exit 1 "duplicate email" -- R user add --email ff@b.example --role manager
expect_exit 1 "no such child" -- R child show C404
expect_exit 1 "event on unknown record" -- R event add C404 --kind entered_care --date 2024-01-01
expect_exit 2 "unknown kind" -- R event add C404 --kind teleported --date 2024-01-01
expect_exit 1 "postgres not yet" -- raa --db postgresql://localhost/raa child list
# The optional libraries load when first used (src/dynlib/dynlib.h): a
# command that needs none of them maps none, which keeps start-up ~1 ms.
LD_DEBUG=files "$RAA_BIN" --version >/dev/null 2>"$TMP/ld"
for lib in libcairo libxlsxwriter libmicrohttpd libxml2 libgnutls; do
	if grep -q "file=$lib" "$TMP/ld"; then fail "raa --version loaded $lib"; else ok; fi
done
mkdir -p "$TMP/ret"
printf 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/01/2015,WBRI,A123456789012,,\n' >"$TMP/ret/header.csv"
LD_DEBUG=files R 903 validate "$TMP/ret" --year 2025/26 --format xlsx --output "$TMP/v.xlsx" \
	>/dev/null 2>"$TMP/ld" || true
if grep -q "file=libxlsxwriter" "$TMP/ld"; then ok; else fail "--format xlsx did not load libxlsxwriter"; fi
finish
