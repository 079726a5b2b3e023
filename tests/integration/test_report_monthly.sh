#!/usr/bin/env bash
# raa report monthly on the demo region, every format: the CSV's summary
# counts and lists equal `raa clocks`, `raa child list --status waiting`,
# `raa adopter list --status approved` and the children linked on the same
# day; the HTML parses and carries the same counts; the XLSX has one sheet
# per section with bold headers, widths and the same rows.
. "$(dirname "$0")/lib.sh"
export RAA_TODAY=2026-11-23
demo_db 2
R() { raa --db "$DB" "$@"; }
D=2026-10-31

# check.py PARTNER|region: CSV against the other commands on the same day.
cat > "$TMP/check.py" <<'PY'
import csv, datetime, json, sys
rep, over, allc, wait, linked, appr = sys.argv[1:7]
sections, cur = [], []
for row in csv.reader(open(rep)):
    if not row:
        sections.append(cur); cur = []
    else:
        cur.append(row)
sections.append(cur)
errs = []
if len(sections) != 6: errs.append("%d sections" % len(sections))
head, vals = sections[0]
s = dict(zip(head, vals))
over, allc, wait, linked, appr = (json.load(open(f)) for f in (over, allc, wait, linked, appr))
asof = datetime.date.fromisoformat(s["as_of"])
import calendar
ny, nm = asof.year + (asof.month == 12), asof.month % 12 + 1
horizon = asof.replace(year=ny, month=nm, day=min(asof.day, calendar.monthrange(ny, nm)[1]))
due = [c for c in allc if c["overdue_days"] == 0 and datetime.date.fromisoformat(c["due"]) <= horizon]
def ids(sec, col=0): return [r[col] for r in sec[1:]]
want = {
    "children_waiting": len(wait), "clocks_overdue": len(over),
    "clocks_due_next_month": len(due), "links_in_progress": len(linked),
    "households_waiting": len(appr),
    "children_waiting_harder_to_place": sum(1 for c in wait if c["harder_to_place"]),
}
for k, v in want.items():
    if int(s[k]) != v: errs.append("%s: report %s, commands %d" % (k, s[k], v))
if ids(sections[1]) != [c["child_id"] for c in wait]: errs.append("waiting ids differ")
if [(r[0], r[3], r[6]) for r in sections[2][1:]] != [(c["record"], c["kind"], str(c["overdue_days"])) for c in over]:
    errs.append("overdue rows differ")
if sorted((r[0], r[3]) for r in sections[3][1:]) != sorted((c["record"], c["kind"]) for c in due):
    errs.append("due rows differ")
if sorted(ids(sections[4])) != sorted(c["child_id"] for c in linked): errs.append("links differ")
if sorted(ids(sections[5])) != sorted(a["adopter_id"] for a in appr): errs.append("households differ")
for r in sections[4][1:]:
    if not r[2]: errs.append("link %s without household" % r[0])
for r in sections[5][1:]:
    if int(r[4]) != (asof - datetime.date.fromisoformat(r[3])).days: errs.append("days since approval " + r[0])
if min(want.values()) == 0 and s["partner"] == "region": errs.append("a region section is empty: %s" % want)
print("\n".join(errs) if errs else "ok")
PY

for P in 208 region; do
	PO=(--partner $P)
	[ $P = region ] && PO=()
	expect_exit 0 "csv $P" -- R report monthly "${PO[@]}" --month 2026-10 --format csv
	cp "$TMP/out" "$TMP/m-$P.csv"
	R clocks --on $D --overdue "${PO[@]}" --format json > "$TMP/over.json"
	R clocks --on $D "${PO[@]}" --format json > "$TMP/all.json"
	R child list "${PO[@]}" --status waiting --on $D --format json > "$TMP/wait.json"
	R child list "${PO[@]}" --status linked --on $D --format json > "$TMP/linked.json"
	R adopter list "${PO[@]}" --status approved --on $D --format json > "$TMP/appr.json"
	expect_eq "$(python3 "$TMP/check.py" "$TMP/m-$P.csv" "$TMP/over.json" "$TMP/all.json" "$TMP/wait.json" "$TMP/linked.json" "$TMP/appr.json" 2>&1)" ok "csv $P against the commands"
done
expect_eq "$(head -2 "$TMP/m-208.csv" | tail -1 | cut -d, -f1-3)" "208,2026-10,2026-10-31" "as on the month's last day"

# This month: as on today; a month not started, bad input, unknown partner.
expect_exit 0 "this month" -- R report monthly --partner 208 --month 2026-11 --format csv
expect_eq "$(sed -n 2p "$TMP/out" | cut -d, -f3)" "2026-11-23" "as on today within the month"
expect_exit 2 "future month" -- R report monthly --month 2026-12
expect_contains "$TMP/err" "has not started" "future month message"
expect_exit 2 "bad month" -- R report monthly --month 2026-13
expect_contains "$TMP/err" "--month: value '2026-13'" "bad month names the value"
expect_exit 2 "no month" -- R report monthly --partner 208
expect_exit 2 "json refused" -- R report monthly --month 2026-10 --format json
expect_exit 2 "xlsx needs --output" -- R report monthly --month 2026-10 --format xlsx
expect_exit 1 "unknown partner" -- R report monthly --partner 999 --month 2026-10
expect_contains "$TMP/err" "value '999'" "unknown partner named"

# HTML: the default, to stdout or --output; parses; counts and rows match the CSV.
expect_exit 0 "html" -- R report monthly --partner 208 --month 2026-10
cp "$TMP/out" "$TMP/m.html"
expect_exit 0 "html to a file" -- R report monthly --partner 208 --month 2026-10 --format html --output "$TMP/m2.html"
if cmp -s "$TMP/m.html" "$TMP/m2.html"; then ok; else fail "--output differs from stdout"; fi
cat > "$TMP/page_check.py" <<'PY'
import csv, sys
from html.parser import HTMLParser
VOID = {"meta", "br", "input", "link"}
class P(HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True)
        s.stack, s.errs, s.meas, s.cur, s.recs, s.h2 = [], [], {}, None, [], 0
        s.ext = False
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "img"): s.ext = True
        if tag == "h2": s.h2 += 1
        if "data-measure" in a: s.cur = a["data-measure"]
        if "data-record" in a: s.recs.append(a["data-record"])
        if tag not in VOID: s.stack.append(tag)
    def handle_endtag(s, tag):
        if tag in VOID: return
        if not s.stack or s.stack[-1] != tag: s.errs.append("unbalanced </%s>" % tag)
        else: s.stack.pop()
        if tag == "tr": s.cur = None
    def handle_data(s, d):
        if s.cur and s.stack and s.stack[-1] == "td": s.meas[s.cur] = d
p = P(); p.feed(open(sys.argv[1]).read()); p.close()
rows = list(csv.reader(open(sys.argv[2])))
summary = dict(zip(rows[0], rows[1]))
errs = list(p.errs)
if p.stack: errs.append("unclosed %s" % p.stack)
if p.ext: errs.append("external resource or script")
if p.h2 != 6: errs.append("%d h2" % p.h2)
for k, v in p.meas.items():
    if summary.get(k) != v: errs.append("%s: html %s, csv %s" % (k, v, summary.get(k)))
if len(p.meas) != 6: errs.append("%d measures" % len(p.meas))
csvrecs = [r[0] for r in rows[3:] if r and r[0] not in ("child_id", "record", "adopter_id")]
if p.recs != csvrecs: errs.append("rows differ: %d html, %d csv" % (len(p.recs), len(csvrecs)))
print("\n".join(errs) if errs else "ok")
PY
expect_eq "$(python3 "$TMP/page_check.py" "$TMP/m.html" "$TMP/m-208.csv" 2>&1)" ok "html page"
expect_contains "$TMP/m.html" "Lambeth" "partner name in the page"
expect_contains "$TMP/m.html" "@media print" "print styles"

# XLSX: one sheet per section, bold header style, widths, rows = CSV rows.
expect_exit 0 "xlsx" -- R report monthly --month 2026-10 --format xlsx --output "$TMP/m.xlsx"
cat > "$TMP/xlsx.py" <<'PY'
import csv, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
rows = list(csv.reader(open(sys.argv[2])))
errs = []
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
want = ["Summary", "Children waiting", "Clocks overdue", "Clocks due", "Links in progress", "Households waiting"]
if names != want: errs.append("sheets %s" % names)
styles = z.read("xl/styles.xml").decode()
if "<b/>" not in styles: errs.append("no bold format")
strings = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", z.read("xl/sharedStrings.xml").decode())
sections, cur = [], []
for r in rows:
    if not r: sections.append(cur); cur = []
    else: cur.append(r)
sections.append(cur)
for i in range(1, 6):
    x = z.read("xl/worksheets/sheet%d.xml" % (i + 1)).decode()
    n = len(re.findall(r"<row ", x))
    if n != len(sections[i]): errs.append("sheet %s: %d rows, csv %d" % (names[i], n, len(sections[i])))
    if "<col " not in x or "customWidth" not in x: errs.append("sheet %s: no widths" % names[i])
    if "<pane " not in x: errs.append("sheet %s: header not frozen" % names[i])
    # the first data row's id, through the shared strings
    m = re.search(r'<c r="A2"[^>]*t="s"[^>]*><v>(\d+)</v>', x)
    if len(sections[i]) > 1 and (not m or strings[int(m.group(1))] != sections[i][1][0]):
        errs.append("sheet %s: first id differs" % names[i])
summary = dict(zip(rows[0], rows[1]))
x1 = z.read("xl/worksheets/sheet1.xml").decode()
nums = re.findall(r'<c r="B(\d+)"[^>]*><v>(\d+)</v>', x1)
vals = [v for r, v in nums if int(r) >= 6]
keys = ["children_waiting", "children_waiting_harder_to_place", "clocks_overdue", "clocks_due_next_month", "links_in_progress", "households_waiting"]
if vals != [summary[k] for k in keys]: errs.append("summary %s vs %s" % (vals, [summary[k] for k in keys]))
print("\n".join(errs) if errs else "ok")
PY
expect_eq "$(python3 "$TMP/xlsx.py" "$TMP/m.xlsx" "$TMP/m-region.csv" 2>&1)" ok "xlsx workbook"
finish
