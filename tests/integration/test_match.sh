#!/usr/bin/env bash
# raa match through the CLI (matching.md): a small pool on imported CSVs
# whose right answers are worked out below, then the demo region, where
# every proposal must be feasible and every shape as the contract says.
. "$(dirname "$0")/lib.sh"
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 210 --name Southwark --host > /dev/null
R partner add --code 306 --name Croydon > /dev/null

# C1 waits alone (since 2025-01-10, first come); C2 and C3 are siblings
# (SG1); C4 is tracking without an early referral; C5 tracking with one
# (early family finding); C6's plan changed.
cat > "$TMP/children.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C1,210,S1,Amy,Ash,F,2024-03-10,WBRI,,none,none,none,none,letterbox,se 15,2024-06-01,2025-01-10,2025-02-01,waiting
C2,306,K2,Ben,Birch,M,2022-05-05,BAFR,SG1,low,none,none,none,letterbox,CR0,2024-01-01,2025-06-01,2025-07-01,waiting
C3,306,K3,Cal,Birch,M,2023-07-07,BAFR,SG1,none,none,none,none,letterbox,CR0,2024-01-01,2025-06-01,2025-07-01,waiting
C4,210,S4,Dee,Dale,F,2025-01-01,WBRI,,,,,,,,2025-06-01,,,tracking
C5,210,S5,Eve,Elm,F,2026-03-03,WBRI,,,,,,,SE5,2026-04-01,,,tracking
C6,210,S6,Fay,Fir,F,2020-01-01,WBRI,,,,,,,,2021-01-01,,,plan_changed
CSV
# A1 fits C1 only (one child); A2 fits both units and is C1's best (more
# headroom): greedy first-come gives A2 to C1 and leaves the siblings out.
# A3 is on hold; A4 lives in C1's birth family's district (SE15); A5 is in
# stage 2 (not considered at all).
cat > "$TMP/adopters.csv" <<'CSV'
adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status
A1,210,One,2,SW9,2024-01-01,2024-02-01,2024-04-01,2024-09-01,0,48,1,low,low,low,low,letterbox,no,WBRI,approved
A2,306,Two,2,SM1,2024-01-01,2024-02-01,2024-04-01,2024-10-01,0,72,2,high,high,high,high,direct,yes,BAFR,approved
A3,210,Three,1,SE1,2024-01-01,2024-02-01,2024-04-01,2024-05-01,0,60,2,high,high,high,high,direct,no,WBRI,on_hold
A4,210,Four,2,SE15,2024-01-01,2024-02-01,2024-04-01,2024-06-01,0,60,1,medium,medium,medium,medium,letterbox,no,WBRI,approved
A5,210,Five,2,SE9,2025-01-01,2025-02-01,2025-04-01,,,,,,,,,,,,stage2
A10,306,Ten,2,SM2,2024-01-01,2024-02-01,2024-04-01,2024-10-01,0,72,2,high,high,high,high,direct,yes,BAFR,approved
CSV
cat > "$TMP/events.csv" <<'CSV'
record,kind,date,adopter,detail
C5,early_referral,2026-05-01,,adoption may be the plan
A10,linked,2026-10-01,,link proposed elsewhere
CSV
R import children "$TMP/children.csv" > /dev/null
R import adopters "$TMP/adopters.csv" > /dev/null
expect_exit 0 "import events" -- R import events "$TMP/events.csv"

# ---- match pool: the exact proposal places all three children ----
R match pool --format json > "$TMP/pool.json"
expect_eq "$(json 'list(d.keys())' "$TMP/pool.json")" \
	"['on', 'children_placed', 'proposals', 'unplaced', 'early_family_finding']" "pool keys"
expect_eq "$(json 'd["on"]' "$TMP/pool.json")" "2026-11-23" "pool on"
expect_eq "$(json 'd["children_placed"]' "$TMP/pool.json")" "3" "pool places 3 children"
expect_eq "$(json 'sorted((p["unit"], p["adopter"]) for p in d["proposals"])' "$TMP/pool.json")" \
	"[(['C1'], 'A1'), (['C2', 'C3'], 'A2')]" "pool proposals"
expect_eq "$(json 'sorted(list(p.keys()) for p in d["proposals"])[0]' "$TMP/pool.json")" \
	"['unit', 'adopter', 'score']" "proposal keys"
expect_eq "$(json 'd["unplaced"]' "$TMP/pool.json")" "[]" "nothing unplaced"
expect_eq "$(json '[e["unit"] for e in d["early_family_finding"]]' "$TMP/pool.json")" "[['C5']]" \
	"early family finding shown apart"
R match pool --greedy --format json > "$TMP/greedy.json"
expect_eq "$(json 'd["children_placed"], d["unplaced"]' "$TMP/greedy.json")" "1 [['C2', 'C3']]" \
	"greedy first-come places only C1"

# ---- match child ----
R match child C1 --format json > "$TMP/c1.json"
expect_eq "$(json 'list(d.keys())' "$TMP/c1.json")" "['child', 'unit', 'on', 'candidates', 'excluded']" \
	"child keys"
expect_eq "$(json 'd["child"], d["unit"], d["on"]' "$TMP/c1.json")" "C1 ['C1'] 2026-11-23" "child head"
expect_eq "$(json '[c["adopter"] for c in d["candidates"]]' "$TMP/c1.json")" "['A2', 'A1']" \
	"C1's candidates, best first"
expect_eq "$(json '[(e["adopter"], e["reasons"]) for e in d["excluded"]]' "$TMP/c1.json")" \
	"[('A3', ['not_available']), ('A4', ['birth_family_area']), ('A10', ['not_available'])]" \
	"C1's exclusions: on hold, birth family's district (se 15 = SE15), linked; natural order"
expect_eq "$(json 'all(round(sum(r["points"] for r in c["reasons"]), 1) == c["score"] for c in d["candidates"])' "$TMP/c1.json")" \
	"True" "score = sum of reasons"
expect_eq "$(json 'sorted(set(tuple(r.keys()) for c in d["candidates"] for r in c["reasons"]))' "$TMP/c1.json")" \
	"[('factor', 'points', 'text')]" "reason keys"
expect_eq "$(json '[r["factor"] for r in d["candidates"][0]["reasons"]]' "$TMP/c1.json")" \
	"['needs_headroom', 'identity_heritage', 'early_permanence', 'child_waiting', 'household_waiting']" \
	"score factors"
expect_eq "$(json 'd["candidates"][0]["reasons"][0]["points"]' "$TMP/c1.json")" "3.0" \
	"A2's headroom: high in all four over none"
R match child C2 --top 1 --format json > "$TMP/c2.json"
expect_eq "$(json 'd["unit"], [c["adopter"] for c in d["candidates"]]' "$TMP/c2.json")" \
	"['C2', 'C3'] ['A2']" "siblings are one unit"
expect_eq "$(json 'dict((e["adopter"], e["reasons"]) for e in d["excluded"])["A1"]' "$TMP/c2.json")" \
	"['age_range', 'max_children']" "A1 fails the eldest's age (54 months) and the number of children"
R match child C5 --format json > "$TMP/c5.json"
expect_eq "$(json 'd["unit"]' "$TMP/c5.json")" "['C5']" "early family finding child answers"
expect_exit 1 "tracking child without early referral" -- R match child C4
expect_contains "$TMP/err" "tracking" "the child's status is said"
expect_exit 1 "plan changed" -- R match child C6
expect_contains "$TMP/err" "plan_changed" "the child's status is said"
expect_exit 1 "unknown child" -- R match child C99
expect_exit 2 "no id" -- R match child
expect_exit 0 "text output" -- R match child C1
expect_contains "$TMP/out" "birth_family_area" "text lists exclusions"

# ---- match adopter ----
R match adopter A2 --format json > "$TMP/a2.json"
expect_eq "$(json 'list(d.keys())' "$TMP/a2.json")" \
	"['adopter', 'on', 'candidates', 'excluded', 'early_family_finding']" "adopter keys"
expect_eq "$(json '[c["unit"] for c in d["candidates"]]' "$TMP/a2.json")" "[['C2', 'C3'], ['C1']]" \
	"A2's units, harder to place first"
expect_eq "$(json '[c["unit"] for c in d["early_family_finding"]]' "$TMP/a2.json")" "[['C5']]" \
	"A2 could meet C5 early"
R match adopter A3 --format json > "$TMP/a3.json"
expect_eq "$(json 'd["candidates"], all("not_available" in e["reasons"] for e in d["excluded"])' "$TMP/a3.json")" \
	"[] True" "on hold: every unit excluded as not available"
expect_exit 1 "household in stage 2" -- R match adopter A5
expect_contains "$TMP/err" "stage2" "the household's status is said"

# ---- weights are settings ----
expect_exit 0 "set a weight" -- R match weights set match.weight.needs_headroom 0
R match child C1 --format json > "$TMP/c1w.json"
expect_eq "$(json 'd["candidates"][0]["reasons"][0]["points"]' "$TMP/c1w.json")" "0.0" "weight 0 applies"
expect_exit 1 "bad weight" -- R match weights set match.weight.needs_headroom lots
expect_contains "$TMP/err" "match.weight.needs_headroom" "the key is named"
expect_exit 0 "weights list" -- R match weights --format json
expect_contains "$TMP/out" '"key":"match.weight.needs_headroom","value":"0"' "the setting in use is shown"

# ---- the demo region ----
DEMO="$TMP/demo.db"
raa --db "$DEMO" init > /dev/null
raa --db "$DEMO" demo --seed 3 > /dev/null
raa --db "$DEMO" match pool --format json > "$TMP/dpool.json"
raa --db "$DEMO" child list --status waiting --format json > "$TMP/waiting.json"
raa --db "$DEMO" adopter list --status approved --format json > "$TMP/approved.json"
expect_eq "$(python3 - "$TMP/dpool.json" "$TMP/waiting.json" "$TMP/approved.json" <<'PY'
import json, sys
pool, waiting, approved = (json.load(open(f)) for f in sys.argv[1:4])
waiting = {c["child_id"] for c in waiting}
approved = {a["adopter_id"] for a in approved}
units = [p["unit"] for p in pool["proposals"]] + pool["unplaced"]
kids = [k for u in units for k in u]
hh = [p["adopter"] for p in pool["proposals"]]
problems = []
if sorted(kids) != sorted(waiting):
    problems.append("units are not exactly the waiting children")
if len(set(hh)) != len(hh):
    problems.append("a household proposed twice")
if not set(hh) <= approved:
    problems.append("a proposal to a household that is not approved")
if pool["children_placed"] != sum(len(p["unit"]) for p in pool["proposals"]):
    problems.append("children_placed is not the proposals' children")
if not pool["proposals"]:
    problems.append("no proposal at all")
print(problems or "ok")
PY
)" "ok" "demo pool: units, households and counts consistent"
# every proposal is a candidate of its unit, with the same score
bad=0
for pair in $(json '" ".join(p["unit"][0] + ":" + p["adopter"] + ":" + str(p["score"]) for p in d["proposals"][:6])' "$TMP/dpool.json"); do
	IFS=: read -r kid hh score <<< "$pair"
	raa --db "$DEMO" match child "$kid" --format json > "$TMP/dc.json"
	got=$(json "[c['score'] for c in d['candidates'] if c['adopter'] == '$hh']" "$TMP/dc.json")
	[ "$got" = "[$score]" ] || { bad=1; echo "proposal $kid -> $hh ($score) is not a candidate: $got" >&2; }
done
expect_eq "$bad" "0" "demo proposals are feasible candidates"
finish
