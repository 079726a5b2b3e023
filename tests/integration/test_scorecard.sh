#!/usr/bin/env bash
# raa scorecard through the CLI on imported CSVs (records.md formats), with
# every number worked out by hand below; then the demo region's shape.
. "$(dirname "$0")/lib.sh"
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 886 --name Kent --host > /dev/null
R partner add --code 887 --name Medway > /dev/null
R partner add --code 303 --name Bexley > /dev/null

cat > "$TMP/adopters.csv" <<'CSV'
adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status
H1,886,H1,2,ME1,2019-11-01,2019-12-01,2020-03-01,2020-06-01,,,,,,,,,,,
H2,886,H2,2,ME1,,2019-10-01,2019-12-01,2020-02-20,,,,,,,,,,,
H3,887,H3,2,ME4,,2018-06-01,2018-09-01,2019-01-15,,,,,,,,,,,
H4,887,H4,2,ME4,,2019-06-01,2019-08-01,2019-11-01,,,,,,,,,,,
H5,886,H5,1,ME1,,2022-01-10,2022-03-01,2022-07-10,,,,,,,,,,,
H6,886,H6,1,ME1,,2022-01-10,2022-03-01,2022-07-11,,,,,,,,,,,
H7,887,H7,2,ME4,,,2023-01-01,2023-04-01,,,,,,,,,,,
H8,887,H8,2,ME4,,2023-06-01,2023-10-01,,,,,,,,,,,,
H9,886,H9,2,ME1,,2023-01-01,2023-03-01,,,,,,,,,,,,
H10,886,H10,2,ME1,,2021-01-01,2021-03-01,2021-05-01,,,,,,,,,,,
H11,887,H11,2,ME4,,2019-01-01,2019-03-01,2019-06-01,,,,,,,,,,,
H12,887,H12,2,ME4,,2021-09-01,2021-11-01,2022-02-01,,,,,,,,,,,
H13,886,H13,2,ME1,,2020-06-01,2020-08-01,2020-12-01,,,,,,,,,,,
CSV
cat > "$TMP/children.csv" <<'CSV'
child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status
C1,886,K1,A,A,F,2019-06-01,WBRI,,,,,,,,2020-01-01,2020-03-01,2020-06-01,
C2,886,K2,B,B,M,2019-12-01,WBRI,,,,,,,,2020-01-31,2020-02-15,2020-09-15,
C3,887,M3,C,C,F,2018-06-01,WBRI,,,,,,,,2019-01-01,2019-03-01,2019-05-01,
C4,887,M4,D,D,M,2019-06-01,WBRI,,,,,,,,2020-01-01,2020-02-01,2020-03-01,
C5,886,K5,E,E,F,2015-06-01,WBRI,,,,,,,,2016-01-01,2020-08-01,2020-10-01,
C6,887,M6,F,F,M,2021-06-01,WBRI,,,,,,,,2022-01-01,2022-06-01,2022-08-01,
C7,886,K7,G,G,F,2023-01-01,WBRI,,,,,,,,2023-06-01,2023-09-01,,
C8,886,K8,H,H,M,2020-06-01,WBRI,,,,,,,,2021-01-01,2021-05-01,,
C9,887,M9,I,I,F,2021-06-01,WBRI,,,,,,,,2022-01-01,2022-03-01,2022-05-01,
C10,886,K10,J,J,M,2020-06-01,WBRI,,,,,,,,2021-01-01,2021-03-01,,
CSV
cat > "$TMP/events.csv" <<'CSV'
record,kind,date,adopter,detail
C1,match_decision,2020-09-01,H1,
C1,placed,2020-10-01,H1,
C1,adoption_order,2021-06-01,,
C2,fostered_by_adopters,2020-03-01,H2,early permanence
C2,match_decision,2020-09-01,H2,matched before the placement order
C2,placed,2021-04-15,H2,
C2,adoption_order,2022-01-10,,
C3,match_decision,2019-05-20,H3,
C3,placed,2019-06-01,H3,
C3,disruption,2019-10-01,,
C3,match_decision,2020-02-01,H4,
C3,placed,2020-03-01,H4,
C3,adoption_order,2021-04-01,,first day of the period
C4,match_decision,2020-05-01,H11,
C4,placed,2020-06-01,H11,
C4,adoption_order,2021-03-31,,the day before the period
C5,left_care,2016-06-01,,
C5,entered_care,2020-06-01,,re-entry
C5,match_decision,2021-09-15,H10,
C5,placed,2021-10-01,H10,
C5,adoption_order,2022-06-01,,
C8,plan_changed,2022-02-01,,
C9,match_decision,2022-04-01,H12,
C9,placed,2022-05-01,H12,
C10,match_decision,2021-06-01,H13,
C10,placed,2021-07-01,H13,
C10,disruption,2022-01-01,,
H6,withdrawn,2023-05-01,,
H9,withdrawn,2023-09-01,,
CSV
expect_exit 0 "import adopters" -- R import adopters "$TMP/adopters.csv"
expect_exit 0 "import children" -- R import children "$TMP/children.csv"
expect_exit 0 "import events" -- R import events "$TMP/events.csv"

# Region, 2021-04-01 to 2024-03-31. The cohort is C1, C2, C3 (order on
# the first day) and C5; C4's order is the day before.
#   A1  (274 + 440 + 425 + 487) / 4 = 406.5 -> 407 (halves away from zero)
#   A10 C2 lived with H2 from 2020-03-01: (274 + 30 + 425 + 487) / 4 = 304
#   A2  C2 matched before the order counts 0; C3 from its first order to
#       the second match; C5 in its second period of care:
#       (92 + 0 + 276 + 349) / 4 = 179.25 -> 179
#   A3  C1 and C2 (A10 end); C3 moved in on exactly E + 14 months: 2 of 4
#   A5  C8: 1 of 1 + 4 = 20.0%
#   A9  C6 (over 18 months), C7, C10 (disrupted, over 18 months)
#   A15 C6, C7, C8, C9; A16 C6, C9
#   A11 H5, H7; A12 H10 and H13 waited 3 months, H12 did not: 2 of 3
#   A13 H8 (H9 withdrew); T1 H5 (exactly 6 months), H10, H12 within, H6 a
#       day late, H7 fast track left out: 3 of 4
want='{"scope":"region","from":"2021-04-01","to":"2024-03-31","A1":{"days":407,"n":4},"A10":{"days":304,"n":4},"A2":{"days":179,"n":4},"A3":{"count":2,"n":4,"pct":50.0},"A4":{"count":4},"A5":{"count":1,"pct":20.0},"A9":{"count":3,"over_18_months":2},"A15":{"count":4},"A16":{"count":2},"A11":{"count":2},"A12":{"count":2,"n":3,"pct":66.7},"A13":{"count":1},"T1":{"count":3,"n":4,"pct":75.0}}'
R scorecard --to 2024-03-31 --format json > "$TMP/r.json"
expect_eq "$(cat "$TMP/r.json")" "$want" "region scorecard, exact JSON"
R scorecard --to 2024-03-31 --years 3 --format=json > "$TMP/r3.json"
expect_eq "$(cat "$TMP/r3.json")" "$want" "--years 3 is the default"

# Kent: children C1, C2, C5, C7, C8, C10; households H1, H2, H5, H6, H9, H10, H13.
#   A1 1201 / 3 = 400.3 -> 400; A10 791 / 3 = 263.7 -> 264; A2 441 / 3 = 147
want_k='{"scope":"886","from":"2021-04-01","to":"2024-03-31","A1":{"days":400,"n":3},"A10":{"days":264,"n":3},"A2":{"days":147,"n":3},"A3":{"count":2,"n":3,"pct":66.7},"A4":{"count":3},"A5":{"count":1,"pct":25.0},"A9":{"count":2,"over_18_months":1},"A15":{"count":2},"A16":{"count":0},"A11":{"count":1},"A12":{"count":2,"n":2,"pct":100.0},"A13":{"count":0},"T1":{"count":2,"n":3,"pct":66.7}}'
R scorecard --partner 886 --to 2024-03-31 --format json > "$TMP/k.json"
expect_eq "$(cat "$TMP/k.json")" "$want_k" "Kent scorecard, exact JSON"

# A partner with no records: zeros, and null wherever n = 0.
want_b='{"scope":"303","from":"2021-04-01","to":"2024-03-31","A1":{"days":null,"n":0},"A10":{"days":null,"n":0},"A2":{"days":null,"n":0},"A3":{"count":0,"n":0,"pct":null},"A4":{"count":0},"A5":{"count":0,"pct":null},"A9":{"count":0,"over_18_months":0},"A15":{"count":0},"A16":{"count":0},"A11":{"count":0},"A12":{"count":0,"n":0,"pct":null},"A13":{"count":0},"T1":{"count":0,"n":0,"pct":null}}'
R scorecard --partner 303 --to 2024-03-31 --format json > "$TMP/b.json"
expect_eq "$(cat "$TMP/b.json")" "$want_b" "empty partner gives nulls"

# Period: the day after 12 x Y months before D, clamped to the month's end.
R scorecard --to 2024-02-29 --years 1 --format json > "$TMP/p.json"
expect_eq "$(json 'd["from"]' "$TMP/p.json")" 2023-03-01 "2024-02-29 less one year clamps to 2023-03-01"
R scorecard --to 2022-01-10 --years 1 --format json > "$TMP/p2.json"
expect_eq "$(json 'd["A4"]["count"], d["A1"]["days"]' "$TMP/p2.json")" "4 323" "one year to C2's order: C1-C4, (274+440+425+152)/4"

# Series: twelve quarters, oldest first; the last is the scorecard to its end.
R scorecard --to 2024-05-20 --series --format json > "$TMP/s.json"
expect_eq "$(json 'len(d["quarters"])' "$TMP/s.json")" 12 "twelve quarters"
expect_eq "$(json 'd["quarters"][-1]["to"], d["quarters"][0]["to"]' "$TMP/s.json")" "2024-03-31 2021-06-30" "quarter ends"
expect_eq "$(json 'json.dumps({k: v for k, v in d["quarters"][-1].items() if k not in ("to", "from")}, separators=(",", ":"))' "$TMP/s.json")" \
	"$(json 'json.dumps({k: v for k, v in d.items() if k not in ("scope", "to", "from")}, separators=(",", ":"))' "$TMP/r.json")" "last quarter equals the scorecard"
expect_eq "$(json 'd["scope"], list(d["quarters"][0].keys())[:4]' "$TMP/s.json")" "region ['to', 'from', 'A1', 'A10']" "series keys"

# Text and CSV.
R scorecard --to 2024-03-31 > "$TMP/t.txt"
expect_contains "$TMP/t.txt" "407 days (n 4)" "text A1"
expect_contains "$TMP/t.txt" "2 of 3 (66.7%)" "text A12"
expect_contains "$TMP/t.txt" "Average days from entering care" "text explains A1"
R scorecard --to 2024-03-31 --format csv > "$TMP/c.csv"
expect_eq "$(head -1 "$TMP/c.csv")" "scope,from,to,indicator,name,days,count,n,pct,over_18_months" "csv header"
expect_eq "$(wc -l < "$TMP/c.csv" | tr -d ' ')" 14 "csv: one row per indicator"
expect_contains "$TMP/c.csv" "region,2021-04-01,2024-03-31,A3,Moved in within 14 months,,2,4,50.0," "csv A3 row"
expect_contains "$TMP/c.csv" "region,2021-04-01,2024-03-31,A9,Children waiting,,3,,,2" "csv A9 row"
R scorecard --partner 303 --to 2024-03-31 --format csv > "$TMP/bc.csv"
expect_contains "$TMP/bc.csv" "303,2021-04-01,2024-03-31,A1,Entered care to moving in,,,0,," "csv null is blank"
R scorecard --to 2024-05-20 --series > "$TMP/st.txt"
expect_contains "$TMP/st.txt" "2024-03-31     407     304     179   50.0%" "series text row"

# Every partner at once (the board's side-by-side view): the region first,
# then each partner, even one with no records, each as its own scorecard.
R scorecard --to 2024-03-31 --all-partners --format json > "$TMP/all.json"
expect_eq "$(json '[x["scope"] for x in d]' "$TMP/all.json")" "['region', '303', '886', '887']" "all partners, region first"
expect_eq "$(json 'json.dumps(d[2], separators=(",", ":"))' "$TMP/all.json")" "$want_k" "Kent as on its own"
expect_eq "$(json 'sum(x["A4"]["count"] for x in d[1:]) == d[0]["A4"]["count"] == 4' "$TMP/all.json")" True "partners add up"
R scorecard --to 2024-03-31 --all-partners --series --format csv > "$TMP/all.csv"
expect_eq "$(wc -l < "$TMP/all.csv" | tr -d ' ')" $((1 + 4 * 12 * 13)) "csv: 4 scopes x 12 quarters x 13 indicators"
expect_exit 2 "--partner with --all-partners" -- R scorecard --partner 886 --all-partners

# Errors.
expect_exit 1 "unknown partner" -- R scorecard --partner 999 --to 2024-03-31
expect_contains "$TMP/err" "999" "unknown partner named"
expect_exit 2 "bad date" -- R scorecard --to 2024-02-30
expect_contains "$TMP/err" "2024-02-30" "bad date named"
expect_exit 2 "bad years" -- R scorecard --to 2024-03-31 --years 0
expect_exit 2 "unknown option" -- R scorecard --to 2024-03-31 --bogus

# The demo region: A1 and A2 of the seeds' scale, and the contract's keys.
DEMO="$TMP/demo.db"
raa --db "$DEMO" init > /dev/null
raa --db "$DEMO" demo --seed 1 > /dev/null
raa --db "$DEMO" scorecard --to 2026-09-30 --format json > "$TMP/d.json"
expect_eq "$(json 'list(d.keys())' "$TMP/d.json")" \
	"['scope', 'from', 'to', 'A1', 'A10', 'A2', 'A3', 'A4', 'A5', 'A9', 'A15', 'A16', 'A11', 'A12', 'A13', 'T1']" "JSON keys in order"
expect_eq "$(json '[list(d[k].keys()) for k in ("A1", "A3", "A5", "A9", "T1")]' "$TMP/d.json")" \
	"[['days', 'n'], ['count', 'n', 'pct'], ['count', 'pct'], ['count', 'over_18_months'], ['count', 'n', 'pct']]" "indicator keys in order"
expect_eq "$(json '300 <= d["A1"]["days"] <= 500' "$TMP/d.json")" True "demo A1 300-500 days"
expect_eq "$(json '80 <= d["A2"]["days"] <= 250' "$TMP/d.json")" True "demo A2 80-250 days"
expect_eq "$(json 'd["A4"]["count"] > 50 and d["A10"]["days"] <= d["A1"]["days"]' "$TMP/d.json")" True "demo cohort"
# Partners add up to the region for every count.
sum=0
for p in $(raa --db "$DEMO" partner list --format json | python3 -c 'import json,sys; print(" ".join(p["code"] for p in json.load(sys.stdin)))'); do
	n=$(raa --db "$DEMO" scorecard --partner "$p" --to 2026-09-30 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["A4"]["count"] + d["A9"]["count"] + d["A11"]["count"] + d["T1"]["n"])')
	sum=$((sum + n))
done
expect_eq "$sum" "$(json 'd["A4"]["count"] + d["A9"]["count"] + d["A11"]["count"] + d["T1"]["n"]' "$TMP/d.json")" "partners add up to the region"
finish
