#!/usr/bin/env bash
# raa link through the CLI (docs/linking.md): a small region imported from
# CSVs; every refusal of the workflow, a panel "no" and an ADM "no" that
# free the household for a second link, a link ended by the family finder,
# and a sibling unit taken from proposal to placement.
. "$(dirname "$0")/lib.sh"
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 210 --name Southwark --host > /dev/null
R partner add --code 306 --name Croydon > /dev/null

# C1 waits alone; C2 and C3 are siblings (SG1) waiting; C4 is tracking;
# C5 is tracking with an early referral (early permanence).
cat > "$TMP/children.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C1,210,S1,Amy,Ash,F,2024-03-10,WBRI,,none,none,none,none,letterbox,SE15,2024-06-01,2025-01-10,2025-02-01,waiting
C2,306,K2,Ben,Birch,M,2022-05-05,BAFR,SG1,low,none,none,none,letterbox,CR0,2024-01-01,2025-06-01,2025-07-01,waiting
C3,306,K3,Cal,Birch,M,2023-07-07,BAFR,SG1,none,none,none,none,letterbox,CR0,2024-01-01,2025-06-01,2025-07-01,waiting
C4,210,S4,Dee,Dale,F,2025-01-01,WBRI,,,,,,,,2025-06-01,,,tracking
C5,210,S5,Eve,Elm,F,2026-03-03,WBRI,,,,,,,SE5,2026-04-01,,,tracking
CSV
# A1 and A6 fit C1; A2 fits the siblings; A3 is on hold; A5 in stage 2.
cat > "$TMP/adopters.csv" <<'CSV'
adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status
A1,210,One,2,SW9,2024-01-01,2024-02-01,2024-04-01,2024-09-01,0,48,1,low,low,low,low,letterbox,no,WBRI,approved
A2,306,Two,2,SM1,2024-01-01,2024-02-01,2024-04-01,2024-10-01,0,72,2,high,high,high,high,direct,yes,BAFR,approved
A3,210,Three,1,SE1,2024-01-01,2024-02-01,2024-04-01,2024-05-01,0,60,2,high,high,high,high,direct,no,WBRI,on_hold
A5,210,Five,2,SE9,2025-01-01,2025-02-01,2025-04-01,,,,,,,,,,,,stage2
A6,210,Six,2,SE22,2024-01-01,2024-02-01,2024-04-01,2024-11-01,0,48,1,low,low,low,low,letterbox,yes,WBRI,approved
CSV
cat > "$TMP/events.csv" <<'CSV'
record,kind,date,adopter,detail
C5,early_referral,2026-05-01,,adoption may be the plan
CSV
R import children "$TMP/children.csv" > /dev/null
R import adopters "$TMP/adopters.csv" > /dev/null
R import events "$TMP/events.csv" > /dev/null

# Whether C2's matching offers A1 (A1 takes one child: always excluded for
# the siblings (C2 is also too old for it), and not_available among the
# reasons while linked).
a1_for_c2() { R match child C2 --format json > "$TMP/m.json"; json '[e["reasons"] for e in d["excluded"] if e["adopter"]=="A1"]' "$TMP/m.json"; }
offered() { R match child "$1" --format json > "$TMP/m.json"; json '"'"$2"'" in [c["adopter"] for c in d["candidates"]]' "$TMP/m.json"; }
status_of() { R "$1" show "$2" --format json > "$TMP/s.json"; json 'd["status"]' "$TMP/s.json"; }

# ---- usage ----
expect_exit 2 "no sub-command" -- R link
expect_exit 2 "propose without ADOPTER" -- R link propose C1
expect_exit 2 "panel without --recommendation" -- R link panel L1
expect_exit 2 "end without --reason" -- R link end L1
expect_exit 2 "bad link id" -- R link show X9
expect_exit 2 "bad --format" -- R link list --format xml

# ---- refusals of a proposal ----
expect_exit 1 "tracking child" -- R link propose C4 A1
expect_contains "$TMP/err" "child: value 'C4': child is tracking: expected waiting" "tracking refused"
expect_exit 1 "household in stage 2" -- R link propose C1 A5
expect_contains "$TMP/err" "adopter: value 'A5': household is stage2: expected approved" "stage2 refused"
expect_exit 1 "household on hold" -- R link propose C1 A3
expect_contains "$TMP/err" "household is on_hold: expected approved" "on hold refused"
expect_exit 1 "unknown household" -- R link propose C1 A99
expect_contains "$TMP/err" "adopter: value 'A99': expected a household in raa" "unknown household"
expect_exit 1 "unknown child" -- R link propose C99 A1
expect_contains "$TMP/err" "child: value 'C99': no such child" "unknown child"
expect_exit 1 "future date" -- R link propose C1 A1 --on 2026-12-01
expect_contains "$TMP/err" "date: value '2026-12-01': expected a date on or before today (2026-11-23)" "future refused"
expect_exit 1 "date before should_be_placed" -- R link propose C1 A1 --on 2024-12-01
expect_contains "$TMP/err" "C1" "journal names the child"
expect_eq "$(offered C1 A1)" "True" "C1 is offered A1 before any link"
expect_eq "$(a1_for_c2)" "[['age_range', 'max_children']]" "A1 available before the link"

# ---- link 1: C1 with A1; the household leaves the pool ----
expect_exit 0 "propose C1 A1" -- R link propose C1 A1 --on 2026-10-01 --format json
L1=$(json 'd["link"]' "$TMP/out")
expect_eq "$(json 'd["stage"], d["children"], d["adopter"], d["linked"], d["open"]' "$TMP/out")" \
	"proposed ['C1'] A1 2026-10-01 True" "link 1 proposed"
expect_eq "$(status_of child C1) $(status_of adopter A1)" "linked linked" "child and household linked"
expect_eq "$(a1_for_c2)" "[['not_available', 'age_range', 'max_children']]" "A1 excluded as not_available"
expect_eq "$(offered C3 A1)" "False" "A1 no longer offered"
expect_exit 1 "household in an open link" -- R link propose C2 A1 --on 2026-10-02
expect_contains "$TMP/err" "adopter: value 'A1': household is already in link $L1 with child C1 (proposed)" "names the other link"
expect_exit 1 "unit already linked" -- R link propose C1 A6 --on 2026-10-02
expect_contains "$TMP/err" "child: value 'C1': the unit is already in link $L1 with household A1" "unit linked"
expect_exit 1 "decision before a panel" -- R link decide "$L1" --decision yes
expect_contains "$TMP/err" "link: $L1 is proposed: expected a matching panel recommendation before the ADM's decision" "no panel"
expect_exit 1 "placed before a decision" -- R link place "$L1"
expect_contains "$TMP/err" "expected the ADM's match decision before placement" "placed refused"
expect_exit 1 "bad recommendation" -- R link panel "$L1" --recommendation maybe
expect_contains "$TMP/err" "recommendation: value 'maybe': expected yes or no" "yes or no"
expect_exit 1 "panel before the link" -- R link panel "$L1" --recommendation yes --on 2026-09-30
expect_contains "$TMP/err" "date: value '2026-09-30': expected a date on or after the link (2026-10-01)" "panel date"
expect_exit 1 "unknown link" -- R link show L99999
expect_contains "$TMP/err" "no such link" "unknown link"

# The panel says no; the ADM agrees: the household is free again.
expect_exit 0 "panel no" -- R link panel "$L1" --recommendation no --reasons "needs not met" --on 2026-10-15 --format json
expect_eq "$(json 'd["stage"], d["recommendation"], d["panel_reasons"], d["adm_due"], d["adm_overdue_days"]' "$TMP/out")" \
	"recommended no needs not met 2026-10-26 28" "panel recorded, ADM clock running (7 working days)"
expect_exit 1 "second panel" -- R link panel "$L1" --recommendation yes --on 2026-10-16
expect_contains "$TMP/err" "link: $L1 is recommended" "one recommendation"
expect_exit 1 "ADM no without reasons" -- R link decide "$L1" --decision no
expect_contains "$TMP/err" "reasons: value '': expected why the ADM decided no" "reasons needed"
expect_exit 1 "decision before the panel" -- R link decide "$L1" --decision no --reasons x --on 2026-10-14
expect_contains "$TMP/err" "expected a date on or after the matching panel (2026-10-15)" "decision date"
expect_exit 0 "ADM no" -- R link decide "$L1" --decision no --reasons "panel advice accepted" --on 2026-10-20 --format json
expect_eq "$(json 'd["stage"], d["open"], d["ended"], d["end_reason"], d["adm_due"]' "$TMP/out")" \
	"ended False 2026-10-20 ADM decided no: panel advice accepted None" "ADM no ends the link"
expect_eq "$(status_of child C1) $(status_of adopter A1)" "waiting approved" "both free"
expect_eq "$(offered C1 A1)" "True" "A1 offered again"
expect_eq "$(a1_for_c2)" "[['age_range', 'max_children']]" "A1 available again"
expect_exit 1 "decide an ended link" -- R link decide "$L1" --decision yes --on 2026-10-21
expect_contains "$TMP/err" "link: $L1 is ended" "ended link"

# ---- link 2: the same pair again, ended by the family finder ----
expect_exit 0 "second link succeeds" -- R link propose C1 A1 --on 2026-10-21 --format json
L2=$(json 'd["link"]' "$TMP/out")
[ "$L2" != "$L1" ] && ok || fail "a new link id"
expect_exit 1 "end without a reason" -- R link end "$L2" --reason ""
expect_contains "$TMP/err" "reason: value '': expected why the link ends" "reason needed"
expect_exit 0 "end link 2" -- R link end "$L2" --reason "family circumstances changed" --on 2026-10-22 --format json
expect_eq "$(json 'd["stage"], d["end_reason"]' "$TMP/out")" "ended family circumstances changed" "ended with the reason"
expect_eq "$(status_of adopter A1)" "approved" "household freed by the end"

# ---- link 3: the siblings with A2, through to placement ----
expect_exit 0 "propose C3 A2 (the unit)" -- R link propose C3 A2 --on 2026-11-01 --format json
L3=$(json 'd["link"]' "$TMP/out")
expect_eq "$(json 'd["children"]' "$TMP/out")" "['C2', 'C3']" "the waiting siblings are one link"
expect_exit 0 "panel yes" -- R link panel "$L3" --recommendation yes --reasons "a good match" --on 2026-11-05
expect_exit 1 "end after the panel but with a date before it" -- R link end "$L3" --reason x --on 2026-11-04
expect_exit 0 "ADM yes" -- R link decide "$L3" --decision yes --on 2026-11-10 --format json
expect_eq "$(json 'd["stage"], d["decided"], d["adm_due"]' "$TMP/out")" "matched 2026-11-10 None" "matched, clock stopped"
expect_eq "$(status_of child C2) $(status_of child C3) $(status_of adopter A2)" "matched matched matched" "match mirrored"
expect_exit 1 "end after the decision" -- R link end "$L3" --reason "too late"
expect_contains "$TMP/err" "link: $L3 is matched: expected a link before the ADM's decision" "no end after decision"
expect_exit 1 "placed before the decision date" -- R link place "$L3" --on 2026-11-09
expect_contains "$TMP/err" "expected a date on or after the match decision (2026-11-10)" "placement date"
expect_exit 0 "placed" -- R link place "$L3" --on 2026-11-20 --format json
expect_eq "$(json 'd["stage"], d["placed"], d["open"]' "$TMP/out")" "placed 2026-11-20 False" "placed"
expect_eq "$(status_of child C2) $(status_of child C3) $(status_of adopter A2)" "placed placed placed" "placement mirrored"
expect_exit 1 "placed twice" -- R link place "$L3" --on 2026-11-21
expect_contains "$TMP/err" "link: $L3 is placed" "placed once"

# ---- listing and show ----
R link list --format json > "$TMP/list.json"
expect_eq "$(json '[(l["link"], l["stage"]) for l in d]' "$TMP/list.json")" \
	"[('$L3', 'placed'), ('$L2', 'ended'), ('$L1', 'ended')]" "every link, newest first"
expect_eq "$(json 'sorted(d[0].keys())' "$TMP/list.json")" \
	"['adm_due', 'adm_overdue_days', 'adopter', 'adopter_name', 'children', 'decided', 'end_reason', 'ended', 'link', 'linked', 'open', 'panel_date', 'panel_reasons', 'partner', 'placed', 'recommendation', 'stage']" "link keys"
R link list --partner 306 --format json > "$TMP/p.json"
expect_eq "$(json '[l["link"] for l in d]' "$TMP/p.json")" "['$L3']" "--partner"
R link list --open --format json > "$TMP/o.json"
expect_eq "$(json 'len(d)' "$TMP/o.json")" "0" "nothing open"
R link propose C1 A6 --on 2026-11-22 > /dev/null
R link list --open --format csv > "$TMP/o.csv"
expect_eq "$(head -1 "$TMP/o.csv")" "link,stage,children,adopter,linked,panel_date,recommendation,decided,adm_due,ended,placed" "csv header"
expect_eq "$(wc -l < "$TMP/o.csv" | tr -d ' ')" "2" "one open link"
expect_exit 0 "show text" -- R link show "$L3"
expect_contains "$TMP/out" "stage             placed" "show text"
expect_contains "$TMP/out" "matching_panel" "timeline in text"
R link show "$L3" --format json > "$TMP/show.json"
expect_eq "$(json '[(e["record"], e["kind"]) for e in d["events"]]' "$TMP/show.json")" \
	"[('C2', 'linked'), ('C3', 'linked'), ('C2', 'matching_panel'), ('C3', 'matching_panel'), ('C2', 'match_decision'), ('C3', 'match_decision'), ('C2', 'placed'), ('C3', 'placed')]" \
	"timeline of the link"
expect_eq "$(json 'd["events"][2]["detail"]' "$TMP/show.json")" "recommendation=yes; reasons=a good match" \
	"panel detail format shared with panels"
R link show "$L1" --format json > "$TMP/show1.json"
expect_eq "$(json '[(e["record"], e["kind"]) for e in d["events"]]' "$TMP/show1.json")" \
	"[('C1', 'linked'), ('C1', 'matching_panel'), ('C1', 'link_ended'), ('A1', 'link_ended')]" \
	"the household's end is on the timeline"

# ---- early permanence ----
R link early-permanence --format json > "$TMP/ep.json"
expect_eq "$(json '[(u["unit"], u["status"]) for u in d["units"]]' "$TMP/ep.json")" "[(['C5'], 'tracking')]" "early units"
expect_eq "$(json '[h["adopter"] for h in d["households"]]' "$TMP/ep.json")" "[]" \
	"A6 is linked now and A2 placed: none free"
R link end "$(R link list --open --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["link"])')" --reason "reconsidered" > /dev/null
R link early-permanence --format json > "$TMP/ep.json"
expect_eq "$(json '[h["adopter"] for h in d["households"]]' "$TMP/ep.json")" "['A6']" "A6 free again"
expect_exit 0 "early permanence text" -- R link early-permanence
expect_contains "$TMP/out" "Households approved for early permanence" "text has both tables"

# ---- the demo region: links derived from its history ----
DEMO="$TMP/demo.db"
raa --db "$DEMO" init > /dev/null
raa --db "$DEMO" demo --seed 1 > /dev/null
raa --db "$DEMO" link list --open --format json > "$TMP/dl.json"
expect_eq "$(json 'all(l["open"] for l in d) and len(d) > 0' "$TMP/dl.json")" "True" "demo has open links"
finish
