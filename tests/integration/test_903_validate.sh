#!/usr/bin/env bash
# raa 903 validate on the reference's sample return: the JSON output
# contract of ../shared/ssda903/README.md, text and CSV reports, --previous,
# and the reader's refusals (a table given twice, the XML form, bad usage).
. "$(dirname "$0")/lib.sh"
s903_sample ret

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
mkdir -p "$TMP/mixed"
cp "$SAMPLE/header.csv" "$SAMPLE/fake_903.xml" "$TMP/mixed/"
expect_exit 1 "xml and csv both give Header" -- raa 903 validate "$TMP/mixed" --year 2025/26
expect_contains "$TMP/err" "fake_903.xml: the XML form's table Header is also given by" \
	"a table given by the XML form and a CSV file is refused naming both"
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
# --reference DIR: the Ofsted provider list, postcodes and the LA's code
# make the reference-data rules run (docs/ssda903.md, "Reference data").
mkdir -p "$TMP/refret" "$TMP/ref" "$TMP/noref"
cat >"$TMP/refret/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
1,1,01/01/2015,WBRI,A123456789012,,
2,1,01/01/2015,WBRI,A123456789013,,
CSV
cat >"$TMP/refret/episodes.csv" <<'CSV'
CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
1,01/05/2025,S,C2,N1,U4,PR1,,,,AB1 0AA,AB1 0AB,SC000001
2,01/05/2025,S,C2,N1,K2,PR2,,,,AB1 0AA,ZZ9 9ZZ,SC999999
CSV
cat >"$TMP/ref/provider_info.csv" <<'CSV'
URN,PLACE_CODES,PROVIDER_CODES,POSTCODE,REG_END,LA_CODE_INFERRED
SC000001,"U4,K2",PR1,AB10AB,,E09000001
CSV
cat >"$TMP/ref/postcodes.csv" <<'CSV'
pcd,laua,oseast1m,osnrth1m
AB1 0AA,E09000001,400000,800000
AB1 0AB,E09000001,403218,800000
CSV
printf 'LA_CODE\nE09000001\n' >"$TMP/ref/local_authority.csv"
expect_exit 0 "validate with --reference" -- \
	raa 903 validate "$TMP/refret" --year 2025/26 --reference "$TMP/ref" --format json
cp "$TMP/out" "$TMP/ref.json"
expect_eq "$(json '[r for r in ("1008","219","221","224","229","169","179","392c","1015") if r in d["rules_skipped"]]' "$TMP/ref.json")" \
	"[]" "reference-data rules run with --reference"
# child 2: URN not in the list (1008), placement postcode unknown (392c),
# so no placement LA (169) or location (179); child 1 is clean.
expect_eq "$(json 'sorted({(e["rule"], e["child"]) for e in d["errors"] if e["rule"] in ("1008","219","221","224","229","169","179","392c","1015","164","454")})' "$TMP/ref.json")" \
	"[('1008', '2'), ('169', '2'), ('179', '2'), ('392c', '2')]" "reference-data errors"
expect_exit 0 "validate without --reference" -- \
	raa 903 validate "$TMP/refret" --year 2025/26 --format json
expect_eq "$(json 'all(r in d["rules_skipped"] for r in ("1008","219","169","392c","1015"))' "$TMP/out")" \
	"True" "reference-data rules skipped without --reference"
# Only the provider list: the postcode and LA rules stay skipped.
mkdir -p "$TMP/ref2" && cp "$TMP/ref/provider_info.csv" "$TMP/ref2/"
expect_exit 0 "validate with providers only" -- \
	raa 903 validate "$TMP/refret" --year 2025/26 --reference "$TMP/ref2" --format json
expect_eq "$(json '("1008" in d["rules_skipped"], "169" in d["rules_skipped"], "229" in d["rules_skipped"])' "$TMP/out")" \
	"(False, True, True)" "rules run as far as the reference data goes"
expect_exit 0 "text report names the missing file" -- \
	raa 903 validate "$TMP/refret" --year 2025/26 --reference "$TMP/ref2"
expect_contains "$TMP/out" "postcodes.csv" "skip reason names postcodes.csv"
expect_exit 1 "a reference directory without reference files" -- \
	raa 903 validate "$TMP/refret" --year 2025/26 --reference "$TMP/noref"
expect_contains "$TMP/err" "provider_info.csv" "refusal names the files it looks for"
printf 'PCD\nAB1\n' >"$TMP/noref/provider_info.csv"
expect_exit 1 "a provider list without URN" -- \
	raa 903 validate "$TMP/refret" --year 2025/26 --reference "$TMP/noref"
expect_contains "$TMP/err" "no column URN" "refusal names the missing column"

finish
