#!/usr/bin/env bash
# The panel pack as a PDF (raa panel pack --format pdf, docs/panels.md):
# A4, page numbers, every agenda item's ids and papers, the members who
# sat with their seats, the quorum, a recommendation with its ADM clock
# and the minutes; long agendas break across pages. A PDF is refused on a
# terminal without --output, as raa report refuses it.
. "$(dirname "$0")/lib.sh"
export RAA_TODAY=2024-05-20
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R partner add --code 209 --name Lewisham --host > /dev/null
{
	echo "adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,stage2_start,approved,min_age_months,max_age_months,max_children,disability,health,development,behaviour,contact,early_permanence,ethnicity,status"
	for i in $(seq 1 12); do
		echo "A$i,209,Household $i,2,SE13,2023-09-01,2023-10-01,2024-01-10,,,,,,,,,,,,stage2"
	done
} > "$TMP/a.csv"
{
	echo "child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status"
	for i in $(seq 1 12); do
		echo "C$i,209,L-$i,Ann,Roe,F,2024-02-01,WBRI,,none,none,none,none,none,SE1,2024-02-10,,,"
	done
} > "$TMP/c.csv"
R import adopters "$TMP/a.csv" > /dev/null || fail "import adopters"
R import children "$TMP/c.csv" > /dev/null || fail "import children"
R panel member add --name "Pat Chair" --role independent,chair > /dev/null
R panel member add --name "Sue Senior" --role social_worker --qualified 2015-05-02 > /dev/null
R panel member add --name "Dr Med" --role medical_adviser > /dev/null
R panel member add --name "Ida Ind" --role independent > /dev/null
R panel member add --name "Ian Ind" --role independent > /dev/null
R panel add --date 2024-05-02 --name "May panel" --location "Civic Centre" > /dev/null
R panel add --date 2024-06-06 --name "June panel" > /dev/null

# A short pack first: no attendance, no items.
expect_exit 0 "empty pack" -- R panel pack 2 --format pdf --output "$TMP/empty.pdf"
pdftotext "$TMP/empty.pdf" "$TMP/empty.txt"
expect_contains "$TMP/empty.txt" "No attendance recorded yet." "no attendance said"
expect_contains "$TMP/empty.txt" "No items on the agenda." "empty agenda said"
expect_contains "$TMP/empty.txt" "Not quorate" "quorum said"
expect_eq "$(pdfinfo "$TMP/empty.pdf" | awk '/^Pages:/ {print $2}')" 1 "one page"

# Twelve approval items and twelve should-be-placed items, six papers each.
for i in $(seq 1 12); do
	R panel item add 1 --kind approval --adopter "A$i" --papers "PAR A$i;Medical A$i;References A$i;Checks A$i;Health A$i;Finance A$i" > /dev/null || fail "item A$i"
	R panel item add 1 --kind should_be_placed --child "C$i" --papers "CPR C$i;Medical C$i" > /dev/null || fail "item C$i"
done
R panel attend 1 1 2 3 4 5 > /dev/null
R panel recommend 1 --recommendation yes --reasons "Well prepared" > /dev/null || fail "recommend"
R panel minutes 1 --text "All items heard; the chair thanked the members." > /dev/null

expect_exit 0 "pdf pack" -- R panel pack 1 --format pdf --output "$TMP/pack.pdf"
expect_eq "$(head -c 5 "$TMP/pack.pdf")" "%PDF-" "a PDF"
pdfinfo "$TMP/pack.pdf" > "$TMP/info.txt"
expect_contains "$TMP/info.txt" "(A4)" "A4 pages"
expect_contains "$TMP/info.txt" "May panel, 2 May 2024: panel pack" "title"
PAGES=$(awk '/^Pages:/ {print $2}' "$TMP/info.txt")
if [ "$PAGES" -ge 3 ] && [ "$PAGES" -le 12 ]; then ok; else fail "page count $PAGES, expected 3 to 12 for 24 items"; fi
pdftotext "$TMP/pack.pdf" "$TMP/pack.txt"
expect_contains "$TMP/pack.txt" "Page 1 of $PAGES" "first page numbered"
expect_contains "$TMP/pack.txt" "Page $PAGES of $PAGES" "last page numbered"
# every item's records and papers, and nothing lost at a page break
for i in $(seq 1 12); do
	for t in "Household: A$i" "PAR A$i" "Finance A$i" "Child: C$i" "CPR C$i" "Medical C$i"; do
		# a whole line, or a numbered row of the papers table
		grep -qxE -- "([0-9]+ )?$t" "$TMP/pack.txt" || fail "'$t' missing from the pack"
	done
done
ok
expect_eq "$(grep -c '^Household: A' "$TMP/pack.txt")" 12 "twelve households"
expect_contains "$TMP/pack.txt" "Pat Chair" "member named"
expect_contains "$TMP/pack.txt" "independent, chair" "seat and chair"
expect_contains "$TMP/pack.txt" "3+ years post-qualifying" "qualifying social worker marked"
expect_contains "$TMP/pack.txt" "Quorate: 5 members present" "quorum"
expect_contains "$TMP/pack.txt" "Civic Centre" "location"
expect_contains "$TMP/pack.txt" "Recommendation: Yes. Well prepared" "recommendation"
expect_contains "$TMP/pack.txt" "ADM decision: overdue, due 14 May 2024, 6 days overdue." "ADM clock"
expect_contains "$TMP/pack.txt" "should_be_placed" "item kinds in the agenda"
expect_contains "$TMP/pack.txt" "All items heard; the chair thanked the members." "minutes"
expect_eq "$(grep -c 'Recommendation: not recorded yet.' "$TMP/pack.txt")" 23 "the others wait"

# stdout works when it is not a terminal; a terminal is refused.
R panel pack 1 --format pdf > "$TMP/stdout.pdf"
expect_eq "$(head -c 5 "$TMP/stdout.pdf")" "%PDF-" "PDF on a redirected stdout"
script -qec "$RAA_BIN --db $DB panel pack 1 --format pdf" /dev/null > "$TMP/tty.out" 2>&1
expect_eq "$?" 2 "PDF to a terminal refused"
expect_contains "$TMP/tty.out" "stdout is a terminal" "refusal says why"
# HTML stays the default, and may go to --output too.
expect_exit 0 "html pack to a file" -- R panel pack 1 --output "$TMP/pack.html"
expect_contains "$TMP/pack.html" "<li>Finance A12</li>" "html pack"
expect_exit 2 "pack as csv" -- R panel pack 1 --format csv
expect_exit 1 "pack of an unknown panel" -- R panel pack 9 --format pdf --output "$TMP/x.pdf"
expect_exit 1 "unwritable output" -- R panel pack 1 --format pdf --output "$TMP/no/such/dir.pdf"
expect_contains "$TMP/err" "--output: value" "unwritable output named"
expect_exit 2 "pack without a panel" -- R panel pack --format pdf --output "$TMP/x.pdf"
finish
