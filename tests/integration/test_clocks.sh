#!/usr/bin/env bash
# Statutory clocks through the CLI: the working-day example of journeys.md,
# calendar months clamped at month end, stopping, --on and --overdue.
. "$(dirname "$0")/lib.sh"
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 209 --name Lewisham --host > /dev/null
cat > "$TMP/adopters.csv" <<'CSV'
adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status
A17,209,The Example household,2,SE13,2024-09-01,,2024-10-01,,,,,,,,,,,,stage2
A18,209,Ms Roe,1,SE4,2024-11-01,2024-12-31,,,,,,,,,,,,,stage1
CSV
R import adopters "$TMP/adopters.csv" > /dev/null
R event add A17 --kind check_requested --date 2024-12-20 --detail la > /dev/null

R clocks --on 2025-01-03 --format json > "$TMP/c.json"
expect_eq "$(json '[k["due"] for k in d if k["record"]=="A17" and k["kind"]=="la_checks"][0]' "$TMP/c.json")" 2024-12-31 "LA check due 5 working days after Fri 2024-12-20"
expect_eq "$(json '[k["overdue_days"] for k in d if k["record"]=="A17" and k["kind"]=="la_checks"][0]' "$TMP/c.json")" 3 "overdue by 3 days on 2025-01-03"
expect_eq "$(json '[k["partner"] for k in d if k["record"]=="A17"][0]' "$TMP/c.json")" 209 "partner shown"
expect_eq "$(json '[k["due"] for k in d if k["record"]=="A18" and k["kind"]=="stage1"][0]' "$TMP/c.json")" 2025-02-28 "stage 1 from 31 Dec due 28 Feb"
expect_eq "$(json '[k["due"] for k in d if k["record"]=="A17" and k["kind"]=="stage2"][0]' "$TMP/c.json")" 2025-02-01 "stage 2 four months"
expect_eq "$(json 'd[0]["record"]+"/"+d[0]["kind"]' "$TMP/c.json")" A17/la_checks "most overdue first"

R clocks --on 2024-12-30 --overdue --format json > "$TMP/o.json"
expect_eq "$(json 'len(d)' "$TMP/o.json")" 0 "nothing overdue on 2024-12-30"

R event add A17 --kind check_received --date 2025-01-02 --detail la > /dev/null
R clocks --on 2025-01-03 --format json > "$TMP/c2.json"
expect_eq "$(json 'len([k for k in d if k["kind"]=="la_checks"])' "$TMP/c2.json")" 0 "received check stops the clock"
R clocks --on 2025-01-01 --format json > "$TMP/c3.json"
expect_eq "$(json 'len([k for k in d if k["kind"]=="la_checks"])' "$TMP/c3.json")" 1 "still running before the answer"

# Five working days from Friday 7 March 2025 is Friday 14 March ...
R event add A18 --kind check_requested --date 2025-03-07 --detail la > /dev/null
R clocks --on 2025-03-10 --format csv > "$TMP/c.csv"
expect_contains "$TMP/c.csv" "A18,la_checks,2025-03-07,2025-03-14,0,209" "csv clock row"
R clocks --on 2025-03-10 > "$TMP/c.txt"
expect_contains "$TMP/c.txt" "la_checks" "text clock listing"
# ... and a local closure on Wednesday 12 March moves it to Monday 17 March.
expect_exit 0 "closure add" -- R closure add 2025-03-12 --name "Office move"
R closure list --format json > "$TMP/cl.json"
expect_eq "$(json 'd[0]["date"]+" "+d[0]["name"]' "$TMP/cl.json")" "2025-03-12 Office move" "closure listed"
R clocks --on 2025-03-10 --format csv > "$TMP/c.csv"
expect_contains "$TMP/c.csv" "A18,la_checks,2025-03-07,2025-03-17,0,209" "closure skipped"
expect_exit 2 "bad closure date" -- R closure add 2025-02-30

# Clock durations are settings.
R clocks --on 2025-01-03 --format json > "$TMP/s1.json"
expect_eq "$(json '[k["due"] for k in d if k["record"]=="A18" and k["kind"]=="stage1"][0]' "$TMP/s1.json")" 2025-02-28 "default stage 1"
expect_exit 0 "setting set" -- R setting set clock.stage1 3m
R clocks --on 2025-01-03 --format json > "$TMP/s2.json"
expect_eq "$(json '[k["due"] for k in d if k["record"]=="A18" and k["kind"]=="stage1"][0]' "$TMP/s2.json")" 2025-03-31 "stage 1 set to 3 months"
R setting list --format json > "$TMP/set.json"
expect_eq "$(json '[s["value"] for s in d if s["key"]=="clock.stage1"][0]' "$TMP/set.json")" 3m "setting listed"
expect_exit 1 "bad duration" -- R setting set clock.stage1 3x
expect_contains "$TMP/err" "3x" "bad duration named"
expect_exit 2 "unknown clock" -- R setting set clock.nope 3m
finish
