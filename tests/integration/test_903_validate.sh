#!/usr/bin/env bash
# raa 903 validate on the reference's sample return: the JSON output
# contract of ../shared/ssda903/README.md, text and CSV reports, --previous,
# and the reader's refusals (a table given twice, the XML form, bad usage).
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLE=${S903_SAMPLE:-$HERE/../../../shared/ssda903/sample}
if [ ! -d "$SAMPLE" ]; then
	echo "SKIP: no sample return at $SAMPLE"
	exit 0
fi
mkdir -p "$TMP/ret"
for f in "$SAMPLE"/*.csv; do
	case $f in *_errors.csv) ;; *) cp "$f" "$TMP/ret/" ;; esac
done

expect_exit 0 "validate json" -- raa 903 validate "$TMP/ret" --year 2025/26 --format json
cp "$TMP/out" "$TMP/v.json"
expect_eq "$(json 'd["year"], d["collection_start"], d["collection_end"]' "$TMP/v.json")" \
	"2025/26 2025-04-01 2026-03-31" "year and collection dates"
expect_eq "$(json 'sorted(d.keys())' "$TMP/v.json")" \
	"['collection_end', 'collection_start', 'errors', 'rules_run', 'rules_skipped', 'year']" "contract keys"
expect_eq "$(json 'd["rules_run"] + len(d["rules_skipped"])' "$TMP/v.json")" "311" "every 2025/26 rule run or skipped"
expect_eq "$(json '"1008" in d["rules_skipped"] and "331" not in d["rules_skipped"]' "$TMP/v.json")" "True" \
	"reference-data rules skipped, implemented ones run"
# Each error names a real row: its child is the CHILD of that 0-based data row.
python3 - "$TMP/v.json" "$TMP/ret" >"$TMP/check" 2>&1 <<'PY'
import csv, json, os, re, sys
d = json.load(open(sys.argv[1]))
files = {}
for f in os.listdir(sys.argv[2]):
    rows = list(csv.DictReader(open(os.path.join(sys.argv[2], f), encoding='utf-8-sig')))
    files[f] = rows
names = {'Header': 'header.csv', 'Episodes': 'episodes.csv', 'AD1': 'ad1.csv',
         'PlacedAdoption': 'placed_for_adoption.csv', 'UASC': 'uasc.csv', 'Missing': 'missing.csv',
         'Reviews': 'reviews.csv', 'OC3': 'oc3.csv', 'OC2': 'oc2.csv',
         'PrevPerm': 'previous_permanence.csv', 'SWEpisodes': 'sw_episodes.csv', 'DoLo': 'DoLo.csv'}
bad = 0
for e in d['errors']:
    rows = files[names[e['table']]]
    if rows[e['row']]['CHILD'].upper() != e['child'] or not set(e['fields']) <= set(rows[0].keys()):
        bad += 1
def key(e):
    num = re.match(r'\d*', e['rule']).group()
    return e['rule'], e['table'], e['row']
keys = [(e['rule'], e['table'], e['row']) for e in d['errors']]
ordered = all(keys[i][0] != keys[i + 1][0] or keys[i][1:] <= keys[i + 1][1:] for i in range(len(keys) - 1))
print(len(d['errors']) > 0, bad, ordered)
PY
expect_eq "$(cat "$TMP/check")" "True 0 True" "errors name real rows, sorted by table and row within a rule"

expect_exit 0 "validate text" -- raa 903 validate "$TMP/ret" --year 2025/26
expect_contains "$TMP/out" "status ceased is not a valid date." "text gives the rule's message"
expect_contains "$TMP/out" "Summary:" "text ends with a summary per rule"
expect_exit 0 "validate csv" -- raa 903 validate "$TMP/ret" --year 2025/26 --format csv
expect_eq "$(head -1 "$TMP/out")" "kind,rule,table,row,child,fields,count,message" "csv header"
expect_contains "$TMP/out" "summary,104,,,,,"  "csv summary rows"

# --previous: the rules comparing years run.
expect_exit 0 "validate with previous" -- raa 903 validate "$TMP/ret" --year 2025/26 --previous "$TMP/ret" --format json
expect_eq "$(json '"559" in d["rules_skipped"]' "$TMP/out")" "False" "559 runs with --previous"

# Refusals name the file.
expect_exit 1 "xml" -- raa 903 validate "$SAMPLE" --year 2025/26
expect_contains "$TMP/err" "fake_903.xml: the XML form" "the XML form is refused by name, not skipped"
cp "$TMP/ret/header.csv" "$TMP/ret/zz_copy.csv"
expect_exit 1 "copy refused" -- raa 903 validate "$TMP/ret" --year 2025/26
expect_contains "$TMP/err" "zz_copy.csv: table Header given twice" "names the second file"
rm "$TMP/ret/zz_copy.csv"
printf 'CHILD,FOO\n1,2\n' >"$TMP/ret/odd.csv"
expect_exit 1 "unknown columns" -- raa 903 validate "$TMP/ret" --year 2025/26
expect_contains "$TMP/err" "odd.csv: line 1: columns (CHILD,FOO)" "unknown column set"
rm "$TMP/ret/odd.csv"
expect_exit 1 "unknown year" -- raa 903 validate "$TMP/ret" --year 2019/20
expect_exit 2 "no year" -- raa 903 validate "$TMP/ret"
finish
