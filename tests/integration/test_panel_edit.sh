#!/usr/bin/env bash
# Correcting panel records through the CLI (docs/panels.md): a member's
# name, role and qualification changed field by field, a member removed
# from a panel's attendance (and the quorum with it), an agenda item's
# papers replaced and the item withdrawn; every one refused, naming the
# field, once a recommendation was made with what it would change, and
# nothing written when refused.
. "$(dirname "$0")/lib.sh"
export RAA_TODAY=2024-05-20
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 886 --name Kent --host > /dev/null
cat > "$TMP/c.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C1,886,K-001,Amy,Hart,F,2024-02-01,WBRI,,none,none,none,none,none,ME1,2024-02-10,,,
C2,886,K-002,Ben,Hart,M,2024-03-01,WBRI,,none,none,none,none,none,ME1,2024-03-10,,,
CSV
R import children "$TMP/c.csv" > /dev/null
R panel member add --name "Pat Chair" --role independent,chair > /dev/null
R panel member add --name "Sue Senior" --role social_worker --qualified 2015-01-01 > /dev/null
R panel member add --name "Dr Med" --role medical_adviser > /dev/null
R panel member add --name "Ida Ind" --role independent > /dev/null
R panel member add --name "Oli Other" --role other > /dev/null
R panel add --date 2024-05-02 --name "Panel A" > /dev/null
R panel attend 1 1 2 3 4 5 > /dev/null
R panel item add 1 --kind should_be_placed --child C1 --papers "CPR" > /dev/null
R panel item add 1 --kind should_be_placed --child C2 --papers "CPR" > /dev/null
members() { R panel member list --format json > "$TMP/m.json"; }
shown() { R panel show 1 --format json > "$TMP/s.json"; }

# A member's details: only what is given changes.
expect_exit 0 "rename" -- R panel member set 2 --name "Sue Senior-Smith"
expect_contains "$TMP/out" "panel member changed: 2" "change printed"
members
expect_eq "$(json 'd[1]["name"]+" "+d[1]["role"]+" "+d[1]["qualified"]' "$TMP/m.json")" \
	"Sue Senior-Smith social_worker 2015-01-01" "rename keeps role and qualification"
expect_exit 0 "vice chair" -- R panel member set 2 --role social_worker,vice_chair
expect_exit 0 "by years" -- R panel member set 2 --years 5
members
expect_eq "$(json 'd[1]["name"]+" "+d[1]["role"]+" "+d[1]["qualified"]' "$TMP/m.json")" \
	"Sue Senior-Smith social_worker,vice_chair 2019-05-20" "role then years"

# Refusals name the field and change nothing.
expect_exit 1 "bad role" -- R panel member set 2 --name "X" --role nurse
expect_contains "$TMP/err" "role: value 'nurse'" "role named"
expect_exit 1 "qualification for an independent" -- R panel member set 2 --role independent --qualified 2015-01-01
expect_contains "$TMP/err" "qualified: only a social worker's qualification is recorded" "qualification refused"
expect_exit 1 "qualification in the future" -- R panel member set 2 --qualified 2024-06-01
expect_contains "$TMP/err" "qualified: value '2024-06-01': expected a date on or before today" "future date named"
expect_exit 1 "date and years" -- R panel member set 2 --qualified 2015-01-01 --years 3
expect_exit 1 "empty name" -- R panel member set 2 --name ""
expect_contains "$TMP/err" "name: missing" "empty name refused"
expect_exit 1 "unknown member" -- R panel member set 99 --name X
expect_contains "$TMP/err" "member: value '99': no such panel member" "unknown member named"
expect_exit 2 "nothing to change" -- R panel member set 2
expect_exit 2 "member not a number" -- R panel member set two --name X
members
expect_eq "$(json 'd[1]["name"]+" "+d[1]["role"]+" "+d[1]["qualified"]' "$TMP/m.json")" \
	"Sue Senior-Smith social_worker,vice_chair 2019-05-20" "refusals wrote nothing"

# Leaving the social worker's seat clears the qualification.
expect_exit 0 "to independent" -- R panel member set 5 --role independent
expect_exit 0 "to social worker with a date" -- R panel member set 5 --role social_worker --qualified 2018-01-01
expect_exit 0 "back to other" -- R panel member set 5 --role other
members
expect_eq "$(json 'd[4]["role"]+" "+str(d[4]["qualified"])' "$TMP/m.json")" "other None" "qualification cleared"
# An inactive member can be changed too.
R panel member deactivate 5 > /dev/null
expect_exit 0 "inactive renamed" -- R panel member set 5 --name "Olive Other"
members
expect_eq "$(json 'd[4]["name"]+" "+str(d[4]["active"])' "$TMP/m.json")" "Olive Other False" "inactive changed"
R panel member activate 5 > /dev/null

# Attendance recorded in error: the quorum follows.
shown
expect_eq "$(json 'd["quorum"]["met"]' "$TMP/s.json")" True "quorate with five"
expect_exit 0 "absent" -- R panel absent 1 4
expect_contains "$TMP/out" "attendance removed" "removal printed"
shown
expect_eq "$(json '[m["id"] for m in d["attendance"]]' "$TMP/s.json")" "[1, 2, 3, 5]" "member 4 no longer sat"
expect_eq "$(json 'd["quorum"]["missing"]' "$TMP/s.json")" "4 members present, at least 5 needed" "quorum lost"
expect_exit 1 "absent twice" -- R panel absent 1 4
expect_contains "$TMP/err" "member: value '4': not recorded as sitting on panel 1" "not attending named"
expect_exit 1 "absent with one unknown" -- R panel absent 1 3 42
expect_contains "$TMP/err" "member: value '42'" "unknown member named"
expect_exit 1 "absent from an unknown panel" -- R panel absent 9 3
expect_contains "$TMP/err" "panel: value '9': no such panel" "unknown panel named"
expect_exit 2 "absent without members" -- R panel absent 1
shown
expect_eq "$(json '[m["id"] for m in d["attendance"]]' "$TMP/s.json")" "[1, 2, 3, 5]" "refusals removed nobody"
R panel attend 1 4 > /dev/null

# Papers and the agenda while no recommendation is made.
expect_exit 0 "papers" -- R panel item papers 1 --papers "CPR; Later life letter;Medical"
expect_contains "$TMP/out" "papers recorded for item 1" "papers printed"
expect_exit 2 "papers without --papers" -- R panel item papers 1
expect_exit 1 "papers of an unknown item" -- R panel item papers 9 --papers x
expect_contains "$TMP/err" "item: value '9': no such agenda item" "unknown item named"
expect_exit 0 "remove" -- R panel item remove 2
expect_contains "$TMP/out" "agenda item removed: 2" "removal printed"
expect_exit 1 "remove twice" -- R panel item remove 2
expect_contains "$TMP/err" "item: value '2': no such agenda item" "removed item unknown"
shown
expect_eq "$(json '[(i["id"], i["papers"]) for i in d["items"]]' "$TMP/s.json")" \
	"[(1, ['CPR', 'Later life letter', 'Medical'])]" "agenda after the changes"

# After a recommendation: nothing it was made with changes.
expect_exit 0 "recommend" -- R panel recommend 1 --recommendation yes --reasons "Agreed"
expect_exit 1 "absent after a recommendation" -- R panel absent 1 4
expect_contains "$TMP/err" "member: panel 1's recommendations were made with this attendance: item 1 recommended" "attendance stands"
expect_exit 1 "papers after a recommendation" -- R panel item papers 1 --papers "Rewritten"
expect_contains "$TMP/err" "item: agenda item 1 has a recommendation" "papers stand"
expect_exit 1 "remove after a recommendation" -- R panel item remove 1
expect_contains "$TMP/err" "so it stays on the agenda" "item stays"
shown
expect_eq "$(json '[m["id"] for m in d["attendance"]]' "$TMP/s.json")" "[1, 2, 3, 4, 5]" "attendance unchanged"
expect_eq "$(json '[(i["id"], i["papers"], i["recommendation"]) for i in d["items"]]' "$TMP/s.json")" \
	"[(1, ['CPR', 'Later life letter', 'Medical'], 'yes')]" "item unchanged"
# A member's change later shows in the quorum; the recommendation stands.
expect_exit 0 "social worker leaves the seat" -- R panel member set 2 --role independent,vice_chair
shown
expect_eq "$(json 'd["quorum"]["met"]' "$TMP/s.json")" False "quorum from current details"
expect_eq "$(json 'd["items"][0]["recommendation"]' "$TMP/s.json")" yes "recommendation stands"
expect_exit 2 "unknown item verb" -- R panel item frobnicate 1
finish
