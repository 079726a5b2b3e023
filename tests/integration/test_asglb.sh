#!/usr/bin/env bash
# raa report asglb on a hand-made region with known dates in and out of
# 2024Q1: exactly the expected rows (docs/asglb.md): activity in the
# quarter or a journey open during it; the latest of each key date to the
# quarter's end, never a later one; every reversal with its date.
. "$(dirname "$0")/lib.sh"
export RAA_TODAY=2024-06-30
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 886 --name Kent --host > /dev/null
R partner add --code 887 --name Medway > /dev/null

# C1 relinked and matched in the quarter (its first link ended before it,
# its placement after); C2 waiting throughout (open, no activity); C3
# adopted before; C4 entered care in the quarter; C5 plan changed in it;
# C6 tracking with nothing in it; C7 another partner's waiting child; C9
# placed before and disrupted in the quarter.
cat > "$TMP/children.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C1,886,K-1,Amy,Hart,F,2021-03-04,WBRI,,none,none,none,none,none,ME1,2022-01-10,2022-06-01,2022-08-15,waiting
C2,886,K-2,Ben,Ash,M,2017-01-01,WBRI,,none,none,none,none,none,ME1,2022-05-01,2023-01-01,,waiting
C3,886,K-3,Cara,Bell,F,2019-01-01,WBRI,,none,none,none,none,none,ME1,2021-01-01,2021-06-01,2021-07-01,placed
C4,886,K-4,Dan,Cole,M,2023-06-01,MWBC,,none,none,none,none,none,ME1,2024-02-01,,,tracking
C5,886,K-5,Eve,Dunn,F,2020-01-01,WBRI,,none,none,none,none,none,ME1,2022-01-01,2022-03-01,,waiting
C6,886,K-6,Finn,Eyre,M,2022-01-01,WBRI,,none,none,none,none,none,ME1,2023-01-01,,,tracking
C7,887,M-7,Gus,Ford,M,2020-06-01,WBRI,,none,none,none,none,none,ME4,2022-06-01,2023-02-01,2023-04-01,waiting
C9,886,K-9,Ivy,Gray,F,2019-06-01,WBRI,,none,none,none,none,none,ME1,2021-01-01,2021-03-01,2021-04-01,waiting
CSV
# A1 linked and matched in the quarter (mirrors of C1); A2 approved and
# waiting; A3 placed before; A4 withdrawn in it; A5 withdrawn before; A6
# enquiry after it; A7 another partner's enquiry in it.
cat > "$TMP/adopters.csv" <<'CSV'
adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status
A1,886,The Ash household,2,CT1,2023-01-05,2023-02-01,2023-04-01,2023-05-01,0,60,1,low,low,low,low,direct,no,WBRI,approved
A2,886,Ms Birch,1,CT2,2021-06-01,2021-07-01,2021-09-01,2022-01-01,0,60,1,low,low,low,low,direct,no,WBRI,approved
A3,886,The Cedar household,2,CT3,2020-06-01,2020-07-01,2020-09-01,2021-09-01,0,60,1,low,low,low,low,direct,no,WBRI,approved
A4,886,Mr Dale,1,CT4,2023-10-01,2023-11-01,,,,,,,,,,,,WBRI,stage1
A5,886,Ms Elm,1,CT5,2023-01-01,2023-02-01,,,,,,,,,,,,WBRI,stage1
A6,886,Mx Fir,1,CT6,2024-04-02,,,,,,,,,,,,,WBRI,enquiry
A7,887,The Gorse household,2,ME4,2024-01-10,,,,,,,,,,,,,WBRI,enquiry
CSV
cat > "$TMP/events.csv" <<'CSV'
record,kind,date,adopter,detail
C1,linked,2023-06-01,A1,
C1,link_ended,2023-09-01,,did not go ahead
A1,link_ended,2023-09-01,,
C1,linked,2024-02-10,A1,
C1,match_decision,2024-03-20,A1,
C1,placed,2024-04-15,A1,
C3,adoption_order,2023-05-01,,
C5,plan_changed,2024-01-15,,
C9,linked,2022-01-01,A3,
C9,match_decision,2022-02-01,A3,
C9,placed,2022-03-01,A3,
C9,disruption,2024-02-20,,
A4,withdrawn,2024-03-01,,
A5,withdrawn,2023-06-01,,
CSV
for f in children adopters events; do
	expect_exit 0 "import $f" -- R import $f "$TMP/$f.csv"
done

CH_HEAD=partner,child_id,la_child_id,sex,dob,ethnicity,entered_care,should_be_placed,placement_order,match_decision,placed,adoption_order,reversals,harder_to_place,status_at_quarter_end
AD_HEAD=partner,adopter_id,applicants,enquiry,roi,stage2_start,approved,match_decision,placed,withdrawn,status_at_quarter_end
C1=886,C1,K-1,F,2021-03-04,WBRI,2022-01-10,2022-06-01,2022-08-15,2024-03-20,,,"link_ended 2023-09-01",waited_18_months,matched
C2="886,C2,K-2,M,2017-01-01,WBRI,2022-05-01,2023-01-01,,,,,,age_5_plus; waited_18_months,waiting"
C4=886,C4,K-4,M,2023-06-01,MWBC,2024-02-01,,,,,,,ethnicity,tracking
C5="886,C5,K-5,F,2020-01-01,WBRI,2022-01-01,2022-03-01,,,,,plan_changed 2024-01-15,waited_18_months,plan_changed"
C7=887,C7,M-7,M,2020-06-01,WBRI,2022-06-01,2023-02-01,2023-04-01,,,,,waited_18_months,waiting
C9="886,C9,K-9,F,2019-06-01,WBRI,2021-01-01,2021-03-01,2021-04-01,2022-02-01,2022-03-01,,disruption 2024-02-20,,waiting"
A1=886,A1,2,2023-01-05,2023-02-01,2023-04-01,2023-05-01,2024-03-20,,,matched
A2=886,A2,1,2021-06-01,2021-07-01,2021-09-01,2022-01-01,,,,approved
A4=886,A4,1,2023-10-01,2023-11-01,,,,,2024-03-01,withdrawn
A7=887,A7,2,2024-01-10,,,,,,,enquiry

C1=$(echo "$C1" | tr -d '"')
expect_exit 0 "partner extract" -- R report asglb --partner 886 --quarter 2024Q1 --output "$TMP/k"
expect_contains "$TMP/out" "asglb_children.csv: 5 children" "children counted"
expect_contains "$TMP/out" "asglb_adopters.csv: 3 households" "households counted"
expect_eq "$(cat "$TMP/k/asglb_children.csv")" "$(printf '%s\n' "$CH_HEAD" "$C1" "$C2" "$C4" "$C5" "$C9")" "partner children rows"
expect_eq "$(cat "$TMP/k/asglb_adopters.csv")" "$(printf '%s\n' "$AD_HEAD" "$A1" "$A2" "$A4")" "partner household rows"

expect_exit 0 "region extract" -- R report asglb --quarter 2024Q1 --output "$TMP/all"
expect_eq "$(cat "$TMP/all/asglb_children.csv")" "$(printf '%s\n' "$CH_HEAD" "$C1" "$C2" "$C4" "$C5" "$C7" "$C9")" "region children rows"
expect_eq "$(cat "$TMP/all/asglb_adopters.csv")" "$(printf '%s\n' "$AD_HEAD" "$A1" "$A2" "$A4" "$A7")" "region household rows"

# The quarter after: C1's placement (2024-04-15) and A6's enquiry appear;
# C5 (plan changed) and A4 (withdrawn) have nothing open or new.
expect_exit 0 "next quarter" -- R report asglb --partner 886 --quarter 2024Q2 --output "$TMP/q2"
expect_eq "$(cut -d, -f2 "$TMP/q2/asglb_children.csv" | tr '\n' ' ')" "child_id C1 C2 C9 " "2024Q2 children"
expect_eq "$(grep '^886,C1,' "$TMP/q2/asglb_children.csv" | cut -d, -f11,15)" "2024-04-15,placed" "placement shown in its quarter"
expect_eq "$(cut -d, -f2 "$TMP/q2/asglb_adopters.csv" | tr '\n' ' ')" "adopter_id A1 A2 A6 " "2024Q2 households"

expect_exit 2 "bad quarter" -- R report asglb --quarter 2024Q5 --output "$TMP/x"
expect_contains "$TMP/err" "--quarter: value '2024Q5'" "bad quarter named"
expect_exit 2 "no output" -- R report asglb --quarter 2024Q1
expect_exit 1 "unknown partner" -- R report asglb --partner 999 --quarter 2024Q1 --output "$TMP/x"
expect_exit 1 "output not a directory" -- R report asglb --quarter 2024Q1 --output "$TMP/k/asglb_children.csv"
finish
