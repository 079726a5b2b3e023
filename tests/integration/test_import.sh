#!/usr/bin/env bash
# Import of the migration CSVs: good files, bad files (all-or-nothing, every
# bad row named), illegal journeys refused, export -> import byte for byte.
. "$(dirname "$0")/lib.sh"
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }

expect_exit 0 "init" -- R init
expect_exit 0 "partner add host" -- R partner add --code 886 --name Kent --host
expect_exit 0 "partner add" -- R partner add --code 887 --name Medway
expect_exit 0 "partner add" -- R partner add --code 303 --name Bexley

cat > "$TMP/children.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C1,886,K-001,Amy,Hart,F,2021-03-04,WBRI,,none,low,none,none,letterbox,ME1,2022-01-10,2022-06-01,2022-08-15,waiting
C2,886,K-002,Ben,Hart,M,2019-05-06,WBRI,SG1,low,none,medium,low,direct,ME1,2022-01-10,2022-06-01,,waiting
C3,886,K-003,Cara,Hart,F,2020-07-08,WBRI,SG1,none,none,none,none,none,ME1,2022-01-10,2022-06-01,,waiting
C4,887,M-100,"Dan, Jr",O'Neil,M,2023-02-28,MWBC,,medium,medium,high,none,none,da1,2023-03-01,,,tracking
C5,303,B-7,Eve,"Smith ""Evie""",F,2018-12-31,BAFR,,none,none,none,none,none,,2020-02-02,2021-01-15,2021-03-01,placed
CSV
cat > "$TMP/adopters.csv" <<'CSV'
adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status
A1,886,The Patel household,2,CT1,2021-01-05,2021-02-01,2021-04-01,2021-08-01,0,60,2,medium,medium,medium,low,direct,yes,AIND,approved
A2,887,Ms Green,1,ME4,2022-03-01,2022-04-01,,,,,,,,,,,,WBRI,stage1
A3,303,The Okoro household,2,DA5,2020-01-01,2020-02-01,2020-04-01,2020-09-01,0,48,1,low,low,low,low,letterbox,no,BAFR,placed
CSV
cat > "$TMP/events.csv" <<'CSV'
record,kind,date,adopter,detail
A2,check_requested,2024-12-20,,la
C1,linked,2023-01-10,A1,proposed at family finding meeting
C1,matching_panel,2023-02-01,A1,recommended
C1,match_decision,2023-02-08,A1,
A1,match_decision,2023-02-08,,
CSV

expect_exit 0 "import children" -- R import children "$TMP/children.csv"
expect_contains "$TMP/out" "5 rows imported" "import children count"
expect_exit 0 "import adopters" -- R import adopters "$TMP/adopters.csv"
expect_exit 0 "import events" -- R import events "$TMP/events.csv"
expect_contains "$TMP/out" "1 household events raa already had" "duplicate household event recorded once"

R child list --format json > "$TMP/children.json"
expect_eq "$(json 'len(d)' "$TMP/children.json")" 5 "child list count"
expect_eq "$(json '[c["status"] for c in d if c["child_id"]=="C1"][0]' "$TMP/children.json")" matched "C1 moved on by its events"
expect_eq "$(json '[c["status"] for c in d if c["child_id"]=="C5"][0]' "$TMP/children.json")" placed "C5 keeps its migrated status"
expect_eq "$(json '[c["first_name"] for c in d if c["child_id"]=="C4"][0]' "$TMP/children.json")" "Dan, Jr" "quoted comma"
expect_eq "$(json '[c["birth_postcode_district"] for c in d if c["child_id"]=="C4"][0]' "$TMP/children.json")" "DA1" "district upper-cased"
expect_eq "$(json '",".join([c["harder_to_place"] for c in d if c["child_id"]=="C2"][0])' "$TMP/children.json")" "sibling_group,waited_18_months" "C2 harder to place: siblings, in care since 2022"
R adopter show A1 --format json > "$TMP/a1.json"
expect_eq "$(json 'd["status"]' "$TMP/a1.json")" matched "A1 matched through C1's decision"
expect_eq "$(json 'len([e for e in d["events"] if e["kind"]=="match_decision"])' "$TMP/a1.json")" 1 "A1 match recorded once"

# Bad children: several problems, every one listed, nothing written.
cat > "$TMP/bad.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C10,886,K-010,Fay,Lee,F,2022-02-30,WBRI,,none,none,none,none,none,,,,,tracking
C11,999,K-011,Gus,Lee,X,2022-01-01,ZZZZ,,huge,none,none,none,sometimes,,,,,waiting
C12,886,K-012,Hal,Lee,M,2022-01-01,WBRI,,none,none,none,none,none,,2021-12-31,2030-01-01,,sleeping
C1,886,K-013,Ivy,Lee,F,2022-01-01,WBRI,,none,none,none,none,none,,,,,tracking
C13,886,K-014,Jo,Lee,F,2022-01-01,WBRI,,none,none,none,none,none,,,,,tracking
CSV
expect_exit 1 "bad children refused" -- R import children "$TMP/bad.csv"
expect_contains "$TMP/err" "line 2, column dob: value '2022-02-30': expected a date YYYY-MM-DD" "bad date named"
expect_contains "$TMP/err" "line 3, column partner: value '999'" "unknown partner named"
expect_contains "$TMP/err" "line 3, column sex: value 'X'" "bad sex named"
expect_contains "$TMP/err" "line 3, column ethnicity: value 'ZZZZ'" "bad ethnicity named"
expect_contains "$TMP/err" "line 3, column disability: value 'huge'" "bad need named"
expect_contains "$TMP/err" "line 3, column contact: value 'sometimes'" "bad contact named"
expect_contains "$TMP/err" "line 4, column entered_care: value '2021-12-31': expected a date on or after the date of birth" "date before birth"
expect_contains "$TMP/err" "line 4, column should_be_placed: value '2030-01-01': expected a date not after today" "future date"
expect_contains "$TMP/err" "line 4, column status: value 'sleeping'" "bad status"
expect_contains "$TMP/err" "line 5, column child_id: value 'C1': expected an id not already used" "duplicate id"
expect_contains "$TMP/err" "nothing was imported" "summary"
R child list --format json > "$TMP/after.json"
expect_eq "$(json 'len(d)' "$TMP/after.json")" 5 "nothing written by a refused import (C13 was sound)"

# Malformed CSV is reported by line and column.
printf 'record,kind,date,adopter,detail\nC1,"unterminated,2024-01-01,,\n' > "$TMP/broken.csv"
expect_exit 1 "broken csv refused" -- R import events "$TMP/broken.csv"
expect_contains "$TMP/err" "line" "broken csv names a line"
printf 'record,kind,date,adopter,detail\nC1,early_referral,2024-01-01\n' > "$TMP/ragged.csv"
expect_exit 1 "ragged csv refused" -- R import events "$TMP/ragged.csv"
expect_contains "$TMP/err" "line 2" "ragged row line"

# Illegal journeys are refused with the reason.
cat > "$TMP/illegal.csv" <<'CSV'
record,kind,date,adopter,detail
C4,placed,2024-01-01,A1,
A2,approved,2024-01-01,,
C4,adoption_order,2024-02-01,,
C4,entered_care,2020-01-01,,
C2,early_referral,2030-01-01,,
C4,linked,2024-01-01,,
CSV
expect_exit 1 "illegal events refused" -- R import events "$TMP/illegal.csv"
expect_contains "$TMP/err" "line 2, column kind: value 'placed'" "placed before should_be_placed"
expect_contains "$TMP/err" "should_be_placed" "placed names the missing decision"
expect_contains "$TMP/err" "line 3, column kind: value 'approved'" "approved without stage2_notice"
expect_contains "$TMP/err" "stage2_notice" "approved names stage2_notice"
expect_contains "$TMP/err" "line 4, column kind: value 'adoption_order'" "adoption order before placement"
expect_contains "$TMP/err" "line 5, column kind: value 'entered_care'" "event before birth"
expect_contains "$TMP/err" "line 6, column kind: value 'early_referral'" "event in the future"
expect_contains "$TMP/err" "line 7, column kind: value 'linked'" "linked without a household"
expect_exit 1 "single illegal event" -- R event add A2 --kind approved --date 2024-01-01
expect_contains "$TMP/err" "stage2_notice" "event add names the prerequisite"

# Round trip: export -> import into a fresh database -> export, byte for byte.
for f in children adopters events; do R export $f --format csv > "$TMP/$f.1.csv"; done
DB2="$TMP/copy.db"
expect_exit 0 "init copy" -- raa --db "$DB2" init
for p in "886 Kent --host" "887 Medway" "303 Bexley"; do
	set -- $p
	raa --db "$DB2" partner add --code "$1" --name "$2" ${3:-} > /dev/null
done
for f in children adopters events; do
	expect_exit 0 "re-import $f" -- raa --db "$DB2" import $f "$TMP/$f.1.csv"
done
for f in children adopters events; do
	raa --db "$DB2" export $f --format csv > "$TMP/$f.2.csv"
	if cmp -s "$TMP/$f.1.csv" "$TMP/$f.2.csv"; then ok; else
		fail "round trip of $f differs"; diff "$TMP/$f.1.csv" "$TMP/$f.2.csv" | head >&2
	fi
done
R export children --format json > "$TMP/export.json"
expect_eq "$(json 'list(d[0].keys())[:3]' "$TMP/export.json")" "['child_id', 'partner', 'la_child_id']" "json export keys are the columns"

finish
