#!/usr/bin/env bash
# Panels through the CLI: members, a panel with attendance and an agenda,
# the quorum refusal (a social worker one day short of three years'
# experience) then success, the journey events a recommendation writes,
# the ADM decision clock on working days (the early May bank holiday and a
# local closure) and the printable pack.
. "$(dirname "$0")/lib.sh"
export RAA_TODAY=2024-05-20
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 209 --name Lewisham --host > /dev/null
R partner add --code 886 --name Kent > /dev/null
cat > "$TMP/a.csv" <<'CSV'
adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status
A1,209,The Example household,2,SE13,2023-09-01,2023-10-01,2024-01-10,,,,,,,,,,,,stage2
A2,886,The Kent household,2,ME4,2022-09-01,2022-10-01,2023-01-10,2023-06-01,0,60,2,,,,,,,,approved
CSV
cat > "$TMP/c.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C1,886,K-001,Amy,Hart,F,2021-03-04,WBRI,SG1,none,low,none,none,letterbox,ME1,2022-01-10,2023-09-01,2023-10-15,waiting
C2,886,K-002,Ben,Hart,M,2019-05-06,WBRI,SG1,low,none,medium,low,direct,ME1,2022-01-10,2023-09-01,2023-10-15,waiting
C3,209,L-003,Cara,Roe,F,2024-02-01,WBRI,,none,none,none,none,none,SE1,2024-02-10,,,
CSV
R import adopters "$TMP/a.csv" > /dev/null
R import children "$TMP/c.csv" > /dev/null
R event add C1 --kind linked --date 2024-04-01 --adopter A2 > /dev/null
R event add C2 --kind linked --date 2024-04-01 --adopter A2 > /dev/null

# Members: the panel is on Thursday 2 May 2024; Sam reaches three years'
# post-qualifying experience the day after, Sue on the day.
expect_exit 0 "chair" -- R panel member add --name "Pat Chair" --role independent,chair
expect_contains "$TMP/out" "panel member added: 1" "member id printed"
expect_exit 0 "sw short" -- R panel member add --name "Sam Early" --role social_worker --qualified 2021-05-03
expect_exit 0 "medical" -- R panel member add --name "Dr Med" --role medical_adviser
expect_exit 0 "ind 1" -- R panel member add --name "Ida Ind" --role independent
expect_exit 0 "ind 2" -- R panel member add --name "Ian Ind" --role independent
expect_exit 0 "sw senior" -- R panel member add --name "Sue Senior" --role social_worker --qualified 2021-05-02
expect_exit 0 "vice by years" -- R panel member add --name "Val Vice" --role social_worker,vice_chair --years 1
expect_exit 0 "leaver" -- R panel member add --name "Lee Left" --role other
expect_exit 1 "bad role" -- R panel member add --name X --role nurse
expect_contains "$TMP/err" "role: value 'nurse'" "bad role named"
expect_exit 1 "qualification of a non-social worker" -- R panel member add --name X --role independent --qualified 2020-01-01
expect_exit 1 "no name" -- R panel member add --role independent
expect_exit 0 "deactivate" -- R panel member deactivate 8
R panel member list --format json > "$TMP/m.json"
expect_eq "$(json 'len(d)' "$TMP/m.json")" 8 "eight members"
expect_eq "$(json 'd[0]["role"]+" "+d[0]["chair"]' "$TMP/m.json")" "independent,chair chair" "chair and seat"
expect_eq "$(json 'd[6]["qualified"]' "$TMP/m.json")" 2023-05-20 "--years 1 counts back from today"
expect_eq "$(json 'd[7]["active"]' "$TMP/m.json")" False "deactivated"

# A panel, its agenda and papers.
expect_exit 0 "panel add" -- R panel add --date 2024-05-02 --name "Panel A" --location "Civic Centre"
expect_exit 1 "panel bad date" -- R panel add --date 2024-02-30 --name X
expect_exit 0 "approval item" -- R panel item add 1 --kind approval --adopter A1 --papers "PAR; Medical report;References;<b>Sketch</b>"
expect_exit 0 "match item" -- R panel item add 1 --kind match --child C1,C2 --adopter A2 --papers "CPR;APR;Adoption placement report"
expect_exit 0 "sbp item" -- R panel item add 1 --kind should_be_placed --child C3 --papers CPR
expect_exit 1 "match without household" -- R panel item add 1 --kind match --child C1
expect_contains "$TMP/err" "adopter" "missing household named"
expect_exit 1 "unknown child" -- R panel item add 1 --kind should_be_placed --child C99
expect_contains "$TMP/err" "C99" "unknown child named"
expect_exit 1 "unknown panel" -- R panel item add 9 --kind approval --adopter A1

# Five sit, but the only social worker is one day short: refused, nothing written.
expect_exit 1 "inactive member cannot sit" -- R panel attend 1 8
expect_exit 0 "attend" -- R panel attend 1 1 2 3 4 5
expect_exit 1 "not quorate" -- R panel recommend 1 --recommendation yes --reasons "Well prepared"
expect_contains "$TMP/err" "not quorate" "refusal says so"
expect_contains "$TMP/err" "no social worker with 3 years' post-qualifying experience" "refusal says what is missing"
R export events --format csv > "$TMP/e0.csv"
expect_eq "$(grep -c _panel "$TMP/e0.csv")" 0 "no panel event after a refusal"
R panel show 1 --format json > "$TMP/s0.json"
expect_eq "$(json 'd["quorum"]["met"]' "$TMP/s0.json")" False "quorum not met"
expect_eq "$(json 'd["items"][0]["recommendation"]' "$TMP/s0.json")" None "no recommendation stored"

# Sue sits too: quorate; recommendations write the journey events.
expect_exit 0 "attend sue" -- R panel attend 1 6
expect_exit 1 "bad recommendation" -- R panel recommend 1 --recommendation maybe --reasons x
expect_exit 1 "reasons required" -- R panel recommend 1 --recommendation yes
expect_exit 0 "approval recommended" -- R panel recommend 1 --recommendation yes --reasons "Well prepared"
expect_exit 0 "match recommended" -- R panel recommend 2 --recommendation yes --reasons "Good match; contact plan agreed"
expect_exit 0 "sbp recommended" -- R panel recommend 3 --recommendation no --reasons "Birth father not yet consulted"
expect_exit 1 "recommended twice" -- R panel recommend 3 --recommendation yes --reasons again
expect_contains "$TMP/err" "already has a recommendation" "second recommendation refused"
R export events --format json > "$TMP/e.json"
expect_eq "$(json '[e["detail"] for e in d if e["record"]=="A1" and e["kind"]=="approval_panel"][0]' "$TMP/e.json")" "recommendation=yes; reasons=Well prepared" "approval_panel on the household"
expect_eq "$(json '[e["date"] for e in d if e["record"]=="A1" and e["kind"]=="approval_panel"][0]' "$TMP/e.json")" 2024-05-02 "dated the panel's date"
expect_eq "$(json 'sorted(e["record"]+":"+e["adopter"] for e in d if e["kind"]=="matching_panel")' "$TMP/e.json")" "['C1:A2', 'C2:A2']" "matching_panel on each child naming the household"
expect_eq "$(json 'len([e for e in d if e["record"]=="C3"])' "$TMP/e.json")" 0 "should_be_placed item writes no event"

# ADM clock: 7 working days from Thu 2 May skip the bank holiday on 6 May.
R panel show 1 --format json > "$TMP/s.json"
expect_eq "$(json 'd["quorum"]["met"]' "$TMP/s.json")" True "quorum met"
expect_eq "$(json 'd["items"][0]["adm"]["due"]' "$TMP/s.json")" 2024-05-14 "ADM due after the bank holiday"
expect_eq "$(json 'd["items"][0]["adm"]["status"]+" "+str(d["items"][0]["adm"]["overdue_days"])' "$TMP/s.json")" "overdue 6" "overdue on 20 May"
expect_eq "$(json 'd["items"][1]["children"]' "$TMP/s.json")" "['C1', 'C2']" "unit listed"
expect_eq "$(json 'd["items"][0]["papers"][1]' "$TMP/s.json")" "Medical report" "papers trimmed"
R event add A1 --kind approved --date 2024-05-15 > /dev/null
R event add C1 --kind match_decision --date 2024-05-13 --adopter A2 > /dev/null
R panel show 1 --format json > "$TMP/s2.json"
expect_eq "$(json 'd["items"][0]["adm"]["status"]+" "+d["items"][0]["adm"]["decided"]' "$TMP/s2.json")" "decided 2024-05-15" "approval decided"
expect_eq "$(json 'd["items"][1]["adm"]["status"]' "$TMP/s2.json")" decided "match decided"
expect_eq "$(json 'd["items"][2]["adm"]["status"]' "$TMP/s2.json")" overdue "should be placed still waits"
# A local closure moves the due date one working day on; the setting changes N.
R closure add 2024-05-08 --name "Office move" > /dev/null
R panel show 1 --format json > "$TMP/s3.json"
expect_eq "$(json 'd["items"][2]["adm"]["due"]' "$TMP/s3.json")" 2024-05-15 "closure skipped"
R setting set clock.adm_after_panel 10wd > /dev/null
R panel show 1 --format json > "$TMP/s4.json"
expect_eq "$(json 'd["items"][2]["adm"]["due"]' "$TMP/s4.json")" 2024-05-20 "setting of 10 working days"
expect_eq "$(json 'd["items"][2]["adm"]["status"]' "$TMP/s4.json")" due "due today is not overdue"

# Minutes, listing, text view and the pack.
expect_exit 0 "minutes" -- R panel minutes 1 --text "All items heard."
expect_exit 1 "minutes unknown panel" -- R panel minutes 7 --text x
R panel show 1 > "$TMP/show.txt"
expect_contains "$TMP/show.txt" "quorum: met" "text quorum"
expect_contains "$TMP/show.txt" "minutes: All items heard." "text minutes"
R panel list --format json > "$TMP/l.json"
expect_eq "$(json 'd[0]["items"]*10+d[0]["attended"]' "$TMP/l.json")" 36 "list counts items and attendance"
expect_exit 0 "pack" -- R panel pack 1
cp "$TMP/out" "$TMP/pack.html"
expect_contains "$TMP/pack.html" "<li>Adopter approval</li>" "agenda in the pack"
expect_contains "$TMP/pack.html" "<li>Adoption placement report</li>" "papers in the pack"
expect_contains "$TMP/pack.html" "&lt;b&gt;Sketch&lt;/b&gt;" "paper titles escaped"
expect_contains "$TMP/pack.html" "Civic Centre" "location in the pack"
if grep -q "style=" "$TMP/pack.html"; then fail "pack has inline style"; else ok; fi
expect_exit 2 "pack as csv" -- R panel pack 1 --format csv
expect_exit 2 "unknown subcommand" -- R panel frobnicate
finish
