#!/usr/bin/env bash
# raa 903 import / export (issue #4, docs/ssda903-import.md):
#  - two small hand-made returns (2024/25, then 2025/26) whose journeys are
#    known exactly: periods of care, decisions, match, placement, adoption,
#    a reversed decision, a child with an error left out then imported;
#  - the reference's sample return: refused without --accept-errors, then
#    imported; counts against the validation report and the CSVs; chosen
#    children's journeys; scorecard inputs; re-import adds nothing;
#  - export -> validate without errors.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLE=${S903_SAMPLE:-$HERE/../../../shared/ssda903/sample}
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }

expect_exit 0 "init" -- R init
expect_exit 0 "partner add host" -- R partner add --code 886 --name Kent --host
expect_exit 0 "partner add" -- R partner add --code 887 --name Medway
expect_exit 0 "partner add" -- R partner add --code 210 --name Southwark

# Every event of the partner's children as JSON {la_child_id: [[kind, date], ...]},
# journey order: children.csv's date columns carry the first entered_care,
# should_be_placed and placement_order, events.csv the rest.
journeys() { # PARTNER OUT
	R export children --format json >"$TMP/jc.json"
	R export events --format csv >"$TMP/je.csv"
	python3 - "$TMP/jc.json" "$TMP/je.csv" "$1" >"$2" <<'PY'
import csv, json, sys
kids = {c['child_id']: c for c in json.load(open(sys.argv[1])) if c['partner'] == sys.argv[3]}
ev = {}
for c in kids.values():
    for k in ('entered_care', 'should_be_placed', 'placement_order'):
        if c[k]:
            ev.setdefault(c['child_id'], []).append((c[k], 0, k))
for i, r in enumerate(csv.DictReader(open(sys.argv[2]))):
    if r['record'] in kids:
        ev.setdefault(r['record'], []).append((r['date'], i + 1, r['kind']))
out = {}
for c in kids.values():
    key = (c['la_child_id'] or c['child_id']).upper()
    key = key if key not in out else c['child_id']
    out[key] = [[k, d] for d, _, k in sorted(ev.get(c['child_id'], []))]
json.dump(out, sys.stdout, sort_keys=True)
PY
}

# One LA child's events as "kind date; ..." (or "absent").
events_of() { # LA_CHILD_ID PARTNER
	journeys "$2" "$TMP/j.json"
	json "'; '.join(k + ' ' + d for k, d in d['$1']) if '$1' in d else 'absent'" "$TMP/j.json"
}

# ---- two hand-made returns ----
EPI=CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
mkdir -p "$TMP/y1" "$TMP/y2"
cat >"$TMP/y1/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
K1001,F,03/03/2023,WBRI,UN1,0,
K1002,F,14/07/2019,MWBC,A123456789012,0,
K1003,M,20/02/2016,WBRI,B123456789012,,
K1004,M,11/11/2020,ZZZZ,C123456789012,,
CSV
cat >"$TMP/y1/episodes.csv" <<CSV
$EPI
K1001,10/05/2024,S,C2,N1,U1,PR1,01/09/2024,X1,,ME1 1AA,ME2 2BB,XXXXXXX
K1001,01/09/2024,L,E1,N1,U1,PR1,15/01/2025,X1,LAREQ,ME1 1AA,ME2 2BB,XXXXXXX
K1001,15/01/2025,P,E1,N1,A4,PR1,,,,ME1 1AA,ME3 3CC,XXXXXXX
K1002,01/06/2024,S,C2,N1,U3,PR1,15/03/2025,E13,,ME1 1AA,ME2 2BB,XXXXXXX
K1003,05/04/2024,S,C2,N4,U1,PR1,10/06/2024,E13,,ME1 1AA,ME2 2BB,XXXXXXX
K1003,01/09/2024,S,C2,N1,U1,PR1,,,,ME1 1AA,ME2 2BB,XXXXXXX
K1004,01/10/2024,S,C2,N1,U1,PR1,,,,ME1 1AA,ME2 2BB,XXXXXXX
CSV
cat >"$TMP/y1/placed.csv" <<'CSV'
CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
K1001,03/03/2023,20/06/2024,,
K1002,14/07/2019,01/11/2024,01/03/2025,RD1
CSV
cat >"$TMP/y2/header.csv" <<'CSV'
CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
K1001,F,03/03/2023,WBRI,UN1,0,
K1003,M,20/02/2016,WBRI,B123456789012,,
K1004,M,11/11/2020,WBRI,C123456789012,,
CSV
cat >"$TMP/y2/episodes.csv" <<CSV
$EPI
K1001,15/01/2025,P,E1,N1,A4,PR1,20/12/2025,E11,,ME1 1AA,ME3 3CC,XXXXXXX
K1003,01/09/2024,S,C2,N1,U1,PR1,,,,ME1 1AA,ME2 2BB,XXXXXXX
K1004,01/10/2024,S,C2,N1,U1,PR1,,,,ME1 1AA,ME2 2BB,XXXXXXX
CSV
cat >"$TMP/y2/ad1.csv" <<'CSV'
CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR
K1001,03/03/2023,20/06/2024,10/01/2025,0,2,MF,L11
CSV
cat >"$TMP/y2/placed.csv" <<'CSV'
CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
K1001,03/03/2023,20/06/2024,,
CSV

# Only K1004 (ETHNIC ZZZZ: rule 103) may have errors in the first return.
R 903 validate "$TMP/y1" --year 2024/25 --format json >"$TMP/v1.json"
expect_eq "$(json 'sorted({e["child"] for e in d["errors"]})' "$TMP/v1.json")" "['K1004']" \
	"2024/25 hand-made return: errors only on K1004"
R 903 validate "$TMP/y2" --year 2025/26 --format json >"$TMP/v2.json"
expect_eq "$(json 'd["errors"]' "$TMP/v2.json")" "[]" "2025/26 hand-made return: no errors"

expect_exit 1 "a return with errors is refused" -- R 903 import "$TMP/y1" --partner 887 --year 2024/25
expect_contains "$TMP/err" "nothing imported" "refusal says nothing was imported"
expect_contains "$TMP/out" "103" "refusal summarises the errors by rule"
R child list --format json >"$TMP/c.json"
expect_eq "$(json 'len(d)' "$TMP/c.json")" "0" "refused: no child created"
expect_exit 2 "import needs --partner" -- R 903 import "$TMP/y1" --year 2024/25
expect_exit 1 "unknown partner" -- R 903 import "$TMP/y1" --partner 999 --year 2024/25 --accept-errors
expect_contains "$TMP/err" "--partner: value '999'" "unknown partner named"

# K1003 is already in raa (migrated, with its first entered_care and a
# different date of birth): it is matched, not duplicated.
cat >"$TMP/children.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C7,887,k1003,Sam,Lee,M,2016-02-21,WBRI,,,,,,,,2024-04-05,,,
CSV
expect_exit 0 "import a migrated child" -- R import children "$TMP/children.csv"

expect_exit 0 "import 2024/25 with --accept-errors" -- \
	R --format json 903 import "$TMP/y1" --partner 887 --year 2024/25 --accept-errors
cp "$TMP/out" "$TMP/i1.json"
expect_eq "$(json 'd["children"], d["created"], d["matched"], len(d["left_out"])' "$TMP/i1.json")" \
	"4 2 1 1" "2024/25: 4 children, 2 created, 1 matched, 1 left out"
expect_eq "$(json 'd["left_out"][0]["child"], "103" in d["left_out"][0]["why"]' "$TMP/i1.json")" \
	"K1004 True" "K1004 left out with its rule code"
expect_eq "$(json 'd["events_refused"], d["events_existing"]' "$TMP/i1.json")" "[] 1" \
	"2024/25: no event refused, K1003's migrated entered_care not added again"
expect_eq "$(json 'len(d["notes"]), d["notes"][0]' "$TMP/i1.json")" \
	"1 C7 (CHILD K1003): dob 2016-02-20 in the return, '2016-02-21' in raa: raa's kept" \
	"a different date of birth is noted, raa's record kept"
expect_eq "$(events_of K1001 887)" \
	"entered_care 2024-05-10; should_be_placed 2024-06-20; placement_order 2024-09-01; placed 2025-01-15" \
	"K1001 after 2024/25"
expect_eq "$(events_of K1002 887)" \
	"entered_care 2024-06-01; should_be_placed 2024-11-01; plan_changed 2025-03-01; left_care 2025-03-15" \
	"K1002: decision reversed, left care"
expect_eq "$(events_of K1003 887)" \
	"entered_care 2024-04-05; left_care 2024-06-10; entered_care 2024-09-01" "K1003: two periods of care"
expect_eq "$(events_of K1004 887)" "absent" "K1004 not created"
R child list --format json >"$TMP/c.json"
expect_eq "$(json '[(c["child_id"], c["sex"], c["dob"], c["ethnicity"]) for c in d if c["la_child_id"] == "K1001"]' "$TMP/c.json")" \
	"[('C8', 'F', '2023-03-03', 'WBRI')]" "new child: next free id, Header's sex, dob, ethnicity"

expect_exit 0 "import 2025/26" -- R --format json 903 import "$TMP/y2" --partner 887 --year 2025/26
cp "$TMP/out" "$TMP/i2.json"
expect_eq "$(json 'd["created"], d["matched"], d["events_added"], d["events_existing"]' "$TMP/i2.json")" \
	"1 2 {'entered_care': 1, 'match_decision': 1, 'adoption_order': 1} 3" \
	"2025/26: only what is new is added"
expect_eq "$(events_of K1001 887)" \
	"entered_care 2024-05-10; should_be_placed 2024-06-20; placement_order 2024-09-01; match_decision 2025-01-10; placed 2025-01-15; adoption_order 2025-12-20" \
	"K1001 after 2025/26: matched and adopted"
expect_eq "$(events_of K1004 887)" "entered_care 2024-10-01" "K1004 imported once corrected"
R child show C8 --format json >"$TMP/c.json"
expect_eq "$(json 'd["status"]' "$TMP/c.json")" "adopted" "K1001 is adopted"
R export events --format csv | awk -F, '$2 == "match_decision"' >"$TMP/m.csv"
expect_contains "$TMP/m.csv" "C8,match_decision,2025-01-10,,SSDA903 2025/26: FOSTER_CARE=0 NB_ADOPTR=2 SEX_ADOPTR=MF LS_ADOPTR=L11" \
	"match recorded without a household, the AD1 codes in the detail"

# Export -> validate, both years.
expect_exit 0 "export 2025/26" -- R 903 export "$TMP/x2" --partner 887 --year 2025/26
expect_contains "$TMP/out" "AD1.csv 1 rows, PlacedAdoption.csv 1 rows" "2025/26 export counts"
expect_eq "$(cat "$TMP/x2/AD1.csv")" "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR
K1001,03/03/2023,20/06/2024,10/01/2025,0,2,MF,L11" "AD1 in the DfE format"
expect_eq "$(cat "$TMP/x2/PlacedAdoption.csv")" "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
K1001,03/03/2023,20/06/2024,," "PlacedAdoption 2025/26: the adopted child's decision only"
expect_exit 0 "validate the 2025/26 export" -- R --format json 903 validate "$TMP/x2" --year 2025/26
expect_eq "$(json 'd["errors"]' "$TMP/out")" "[]" "2025/26 export validates without errors"
expect_exit 0 "export 2024/25" -- R 903 export "$TMP/x1" --partner 887 --year 2024/25
expect_eq "$(cat "$TMP/x1/PlacedAdoption.csv")" "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
K1001,03/03/2023,20/06/2024,,
K1002,14/07/2019,01/11/2024,01/03/2025,RD1" "PlacedAdoption 2024/25: open and reversed decisions"
expect_exit 0 "validate the 2024/25 export" -- R --format json 903 validate "$TMP/x1" --year 2024/25
expect_eq "$(json 'd["errors"]' "$TMP/out")" "[]" "2024/25 export validates without errors"

# ---- the reference's sample return ----
if [ ! -d "$SAMPLE" ]; then
	echo "SKIP: no sample return at $SAMPLE"
	finish
	exit
fi
# The whole sample (every CSV), and only the four tables the import reads:
# the fake data breaks so many rules of other tables (OC2, Reviews,
# PrevPerm) that few children of the whole return are sound.
mkdir -p "$TMP/ret" "$TMP/ret4"
for f in "$SAMPLE"/*.csv; do
	case $f in *_errors.csv) ;; *) cp "$f" "$TMP/ret/" ;; esac
done
cp "$SAMPLE"/header.csv "$SAMPLE"/episodes.csv "$SAMPLE"/ad1.csv \
	"$SAMPLE"/placed_for_adoption.csv "$TMP/ret4/"
expect_exit 0 "partner add" -- R partner add --code 303 --name Bexley
YEAR=2022/23 # the sample codes SEX as 1/2, the code list before 2024/25

sample_check() { # DIR
# Counts against the validation report and an independent reading of the CSVs.
python3 - "$TMP/vs.json" "$TMP/is.json" "$1" "$TMP/js1.json" >"$TMP/check" 2>&1 <<'PY'
import csv, datetime, json, os, sys
v, imp, ret = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
js = json.load(open(sys.argv[4]))
def rows(f): return list(csv.DictReader(open(os.path.join(ret, f), encoding='utf-8-sig')))
header = {r['CHILD'].upper() for r in rows('header.csv')}
# only errors in the tables the import reads keep a child out
bad = {e['child'] for e in v['errors'] if e['child'] and e['table'] in ('Header', 'Episodes', 'AD1', 'PlacedAdoption')}
clean = header - bad
problems = []
def check(what, got, want):
    if got != want: problems.append('%s: got %r, expected %r' % (what, got, want))
check('children', imp['children'], len(header))
check('error children', imp['error_children'], len(bad & header))
check('created', imp['created'], len(clean))
check('children in raa', sorted(js), sorted(clean))
check('left out', sorted(x['child'] for x in imp['left_out']), sorted(bad & header))
# Periods of care and how they end, read straight from the episodes.
eps = {}
for r in rows('episodes.csv'):
    eps.setdefault(r['CHILD'].upper(), []).append(r)
want_ec = want_lc = 0
for c in clean:
    e = sorted(eps.get(c, []), key=lambda r: datetime.datetime.strptime(r['DECOM'], '%d/%m/%Y'))
    for i, r in enumerate(e):
        nxt = e[i + 1]['DECOM'] if i + 1 < len(e) else None
        ends = r['DEC'] and r['DEC'] != nxt
        prev_ends = i > 0 and e[i - 1]['DEC'] and e[i - 1]['DEC'] != r['DECOM']
        if (i == 0 and r['RNE'].upper() == 'S') or prev_ends:
            want_ec += 1
        if ends and r['REC'].upper() not in ('X1', 'E11', 'E12', ''):
            want_lc += 1
added = imp['events_added']
check('entered_care', added.get('entered_care', 0), want_ec)
check('left_care', added.get('left_care', 0), want_lc)
kinds = {}
for c, evs in js.items():
    for k, d in evs:
        kinds[k] = kinds.get(k, 0) + 1
check('events in raa by kind', kinds, added)
# Scorecard inputs: every adoption order follows a placement, every
# placement a decision that the child should be placed.
for c, evs in js.items():
    for k, d in evs:
        need = {'adoption_order': 'placed', 'placed': 'should_be_placed'}.get(k)
        if need and not any(k2 == need and d2 <= d for k2, d2 in evs):
            problems.append('%s: %s on %s without %s' % (c, k, d, need))
print('PROBLEMS' if problems else 'OK', '; '.join(problems[:5]))
print('sample: %d children imported, events %r, %d refused' % (len(js), added, len(imp['events_refused'])))
PY
expect_eq "$(head -1 "$TMP/check")" "OK " "sample import: counts and scorecard inputs"
	expect_eq "$(head -1 "$TMP/check")" "OK " "sample import: counts and scorecard inputs"
	sed -n 2p "$TMP/check"
}

# A chosen child's journey exactly, or (should a rule flag it) left out.
sample_child() { # CHILD PARTNER EXPECTED
	if [ "$(json "'$1' in {e['child'] for e in d['errors'] if e['table'] in ('Header', 'Episodes', 'AD1', 'PlacedAdoption')}" "$TMP/vs.json")" = True ]; then
		expect_eq "$(events_of "$1" "$2")" "absent" "sample $1 (has errors) left out"
	else
		expect_eq "$(events_of "$1" "$2")" "$3" "sample child $1"
	fi
}

sample_import() { # DIR PARTNER
	local dir=$1 p=$2
	R 903 validate "$dir" --year $YEAR --format json >"$TMP/vs.json"
	journeys "$p" "$TMP/js0.json"
	expect_exit 1 "sample refused without --accept-errors" -- R 903 import "$dir" --partner "$p" --year $YEAR
	journeys "$p" "$TMP/js1.json"
	expect_eq "$(cmp -s "$TMP/js0.json" "$TMP/js1.json" && echo same)" "same" "refused import wrote nothing"
	local t0=$EPOCHREALTIME
	expect_exit 0 "import the sample ($dir)" -- R --format json 903 import "$dir" --partner "$p" --year $YEAR --accept-errors
	echo "sample import ($(basename "$dir")): $(python3 -c "print(round($EPOCHREALTIME - $t0, 3))") s"
	cp "$TMP/out" "$TMP/is.json"
	journeys "$p" "$TMP/js1.json"
	sample_check "$dir"
	sample_child 611233 "$p" "entered_care 2015-01-21; left_care 2017-04-22"
	sample_child 79078 "$p" "entered_care 2015-04-17; left_care 2017-06-12"
	# First episode RNE L: a period begun before the return, no entered_care;
	# its A3 placement has no decision to place, so placed is refused.
	sample_child 566910 "$p" ""

	# Re-import: nothing new, the same journeys.
	expect_exit 0 "re-import the sample" -- R --format json 903 import "$dir" --partner "$p" --year $YEAR --accept-errors
	expect_eq "$(json 'd["created"], d["events_added_total"], d["matched"]' "$TMP/out")" \
		"0 0 $(json 'd["created"]' "$TMP/is.json")" "re-import adds nothing, finds every child"
	journeys "$p" "$TMP/js2.json"
	expect_eq "$(cmp -s "$TMP/js1.json" "$TMP/js2.json" && echo same)" "same" "journeys identical after re-import"

	expect_exit 0 "export the sample partner" -- R 903 export "$TMP/xs$p" --partner "$p" --year $YEAR
	expect_exit 0 "validate the sample export" -- R --format json 903 validate "$TMP/xs$p" --year $YEAR
	expect_eq "$(json 'd["errors"]' "$TMP/out")" "[]" "sample export validates without errors"
}

sample_import "$TMP/ret" 210
sample_import "$TMP/ret4" 303

finish
