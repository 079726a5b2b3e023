#!/usr/bin/env bash
# raa report quarterly on the demo region: the HTML page parses, carries
# five charts and the scorecard's own numbers; the CSV's indicator rows
# equal `raa scorecard`; the waiting list equals `raa child list`.
. "$(dirname "$0")/lib.sh"
export RAA_TODAY=2026-11-23
demo_db 2
R() { raa --db "$DB" "$@"; }
P=208 NAME=Lambeth Q=2026Q2 QEND=2026-06-30

expect_exit 0 "html report" -- R report quarterly --partner $P --quarter $Q
cp "$TMP/out" "$TMP/r.html"
expect_exit 0 "--format html" -- R report quarterly --partner $P --quarter $Q --format html
if cmp -s "$TMP/out" "$TMP/r.html"; then ok; else fail "--format html differs from the default"; fi
expect_exit 2 "--format html is only for reports" -- R child list --format html
expect_exit 0 "csv report" -- R report quarterly --partner $P --quarter $Q --format csv
cp "$TMP/out" "$TMP/r.csv"
R scorecard --partner $P --to $QEND --format json > "$TMP/sc.json"
R scorecard --to $QEND --format json > "$TMP/region.json"
R child list --partner $P --status waiting --on $QEND --format json > "$TMP/wait.json"

# The page: parses cleanly, 5 charts with titles, the partner's name, the
# partner's and the region's figures, the waiting children, funnel rows.
cat > "$TMP/check.py" <<'PY'
import json, sys
from html.parser import HTMLParser
html, sc, region, wait, name = sys.argv[1:6]
sc, region, wait = (json.load(open(f)) for f in (sc, region, wait))
VOID = {"meta", "br", "line", "polyline", "img", "input", "link"}
class P(HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True)
        s.stack, s.errors, s.svgs, s.svg_titled = [], [], 0, 0
        s.cells, s.children, s.steps, s.text = {}, [], {}, []
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if tag == "svg": s.svgs += 1
        if tag == "title" and s.stack and s.stack[-1] == "svg": s.svg_titled += 1
        if "data-indicator" in a: s.cells[a["data-indicator"]] = a
        if "data-child" in a: s.children.append(a["data-child"])
        if tag not in VOID: s.stack.append(tag)
    def handle_startendtag(s, tag, attrs):
        if tag not in VOID: s.errors.append("self-closed " + tag)
    def handle_endtag(s, tag):
        if tag in VOID: return
        if not s.stack or s.stack[-1] != tag:
            s.errors.append("unbalanced </%s> in %s" % (tag, s.stack[-3:]))
        else: s.stack.pop()
    def handle_data(s, d): s.text.append(d)
p = P(); p.feed(open(html).read()); p.close()
errs = list(p.errors)
if p.stack: errs.append("unclosed " + ",".join(p.stack))
if p.svgs != 5: errs.append("%d svg charts" % p.svgs)
if p.svg_titled != 5: errs.append("%d svg titles" % p.svg_titled)
text = "".join(p.text)
if name not in text: errs.append("partner name missing")
def fmt(v): return "" if v is None else ("%.1f" % v if isinstance(v, float) else str(v))
ids = [k for k in sc if k not in ("scope", "from", "to")]
for k in ids:
    got = p.cells.get(k)
    if got is None: errs.append("no cell for " + k); continue
    for f, v in sc[k].items():
        if got.get("data-" + f) != fmt(v):
            errs.append("%s.%s: page %r, scorecard %r" % (k, f, got.get("data-" + f), v))
if "%d days (n %d)" % (region["A1"]["days"], region["A1"]["n"]) not in text:
    errs.append("region A1 missing")
want = [c["child_id"] for c in wait]
if p.children != want: errs.append("waiting %s != child list %s" % (p.children, want))
print("\n".join(errs) if errs else "ok")
PY
expect_eq "$(python3 "$TMP/check.py" "$TMP/r.html" "$TMP/sc.json" "$TMP/region.json" "$TMP/wait.json" "$NAME" 2>&1)" ok "html page"
expect_eq "$(json "len(d) > 0" "$TMP/wait.json")" True "the demo partner has children waiting"

# The CSV: the partner's indicator rows equal the scorecard's JSON, then
# the region's; the waiting section lists the child list's children.
cat > "$TMP/csvcheck.py" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1])))
sc, region, wait, p = json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), json.load(open(sys.argv[4])), sys.argv[5]
sections, cur = [], []
for r in rows:
    if not r: sections.append(cur); cur = []
    else: cur.append(r)
sections.append(cur)
errs = []
if len(sections) != 4: errs.append("%d sections" % len(sections))
head, ind = sections[0][0], sections[0][1:]
def fmt(v): return "" if v is None else ("%.1f" % v if isinstance(v, float) else str(v))
def check(rows, js, scope):
    for r in rows:
        d = dict(zip(head, r))
        if d["scope"] != scope or d["from"] != js["from"] or d["to"] != js["to"]:
            errs.append("row %s" % r)
        for f, v in js[d["indicator"]].items():
            if d[f] != fmt(v): errs.append("%s %s.%s: csv %r, json %r" % (scope, d["indicator"], f, d[f], v))
check(ind[0:13], sc, p)
check(ind[13:26], region, "region")
if len(ind) != 39: errs.append("%d indicator rows" % len(ind))
if sections[1][0][0] != "child_id": errs.append("waiting header %s" % sections[1][0])
got = [r[0] for r in sections[1][1:]]
want = [c["child_id"] for c in wait]
if got != want: errs.append("waiting %s != %s" % (got, want))
htp = {r[0]: int(r[1]) for r in sections[2][1:]}
n = sum(1 for c in wait if "sibling_group" in c["harder_to_place"])
if htp.get("sibling_group") != n: errs.append("sibling_group %s != %d" % (htp.get("sibling_group"), n))
if [r[0] for r in sections[3][1:]] != ["enquiry", "roi", "stage2_notice", "approved"]:
    errs.append("funnel %s" % sections[3])
print("\n".join(errs) if errs else "ok")
PY
expect_eq "$(python3 "$TMP/csvcheck.py" "$TMP/r.csv" "$TMP/sc.json" "$TMP/region.json" "$TMP/wait.json" $P 2>&1)" ok "csv report"

# The funnel counts households of the area with an enquiry in the quarter.
R export events --format json > "$TMP/ev.json"
R adopter list --partner $P --format json > "$TMP/ad.json"
want=$(python3 -c "
import json,sys
ad={a['adopter_id'] for a in json.load(open('$TMP/ad.json'))}
ev=json.load(open('$TMP/ev.json'))
print(len({e['record'] for e in ev if e.get('record') in ad and e.get('kind')=='enquiry' and '2026-04-01'<=e.get('date','')<='2026-06-30'}))" 2>&1)
got=$(grep '^enquiry,' "$TMP/r.csv" | cut -d, -f2)
expect_eq "$got" "$want" "funnel enquiries"

# Every value is escaped: a partner named with markup shows as text.
R partner add --code 998 --name '<b>Tom & "Jerry"</b>' > /dev/null
expect_exit 0 "report on an empty partner" -- R report quarterly --partner 998 --quarter $Q
expect_contains "$TMP/out" '&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;' "the name is escaped"
if grep -qF '<b>Tom' "$TMP/out"; then fail "the name reached the page unescaped"; else ok; fi
expect_contains "$TMP/out" "No children waiting." "an empty partner says so"

# Errors.
expect_exit 1 "unknown partner" -- R report quarterly --partner 999 --quarter $Q
expect_contains "$TMP/err" "'999'" "the unknown partner is named"
expect_exit 2 "bad quarter" -- R report quarterly --partner $P --quarter 2024Q5
expect_contains "$TMP/err" "2024Q1" "the expected form is shown"
expect_exit 2 "quarter missing" -- R report quarterly --partner $P
expect_exit 2 "unknown report" -- R report monthly
finish
