#!/usr/bin/env bash
# Runs every fixture of ../shared/ssda903/conformance through raa's C rules.
# tests/ssda903/expected_failures.txt lists the fixtures that do not pass yet
# (rule not implemented, or a known difference): any other failure fails the
# test, and so does a listed fixture that now passes (the list only shrinks).
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
CONF=${S903_CONFORMANCE:-$HERE/../../../shared/ssda903/conformance}
LIST=$HERE/../ssda903/expected_failures.txt
if [ ! -d "$CONF" ]; then
	echo "SKIP: no conformance suite at $CONF"
	exit 0
fi
expect_exit 0 "conformance runs" -- raa 903 conformance "$CONF"
cp "$TMP/out" "$TMP/conf"
grep -v '^#' "$LIST" | awk 'NF {print $1"/"$2"/"$3}' | sort >"$TMP/listed"
awk -F'\t' '$1=="fixture" && $5!="pass" {print $2"/"$3"/"$4}' "$TMP/conf" | sort >"$TMP/failing"
awk -F'\t' '$1=="fixture" && $5=="pass" {print $2"/"$3"/"$4}' "$TMP/conf" | sort >"$TMP/passing"
unexpected=$(comm -23 "$TMP/failing" "$TMP/listed")
if [ -n "$unexpected" ]; then
	fail "fixtures failing that are not in expected_failures.txt:"
	for k in $unexpected; do
		grep -P "^fixture\t${k//\//\\t}\t" "$TMP/conf" | cut -f2- >&2
	done
else ok; fi
fixed=$(comm -12 "$TMP/passing" "$TMP/listed")
if [ -n "$fixed" ]; then
	fail "fixtures in expected_failures.txt now pass (remove them): $(echo $fixed)"
else ok; fi
total=$(grep -c '^fixture' "$TMP/conf")
passing=$(wc -l <"$TMP/passing")
expect_eq "$total" "379" "every fixture of the suite was run"
echo "conformance: $passing of $total fixtures pass"
awk -F'\t' '$1=="fixture" {t[$2]++; if ($5=="pass") p[$2]++} END {for (k in t) printf "  %s: %d/%d fixtures pass\n", k, p[k], t[k]}' "$TMP/conf" | sort
grep '^year' "$TMP/conf" | awk -F'\t' '{printf "  %s: %d of %d rules implemented; %d of %d fixtures of its rules pass\n", $2, $6, $4, $10, $8}'
finish
