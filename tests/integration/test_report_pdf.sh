#!/usr/bin/env bash
# raa report quarterly --format pdf on the demo region: an A4 PDF whose
# text carries the partner, the quarter, the scorecard's own values and the
# waiting children, whose chart page has its lines drawn, which goes to
# --output or a non-terminal stdout only; a partner with markup in its name,
# an empty partner and a partner with many waiting children (tables broken
# across pages) all render.
. "$(dirname "$0")/lib.sh"
export RAA_TODAY=2026-11-23
demo_db 2
R() { raa --db "$DB" "$@"; }
P=208 NAME=Lambeth Q=2026Q2 QEND=2026-06-30
for t in pdfinfo pdftotext pdftoppm; do
	command -v $t > /dev/null || { echo "$0: $t missing (poppler-utils)"; exit 1; }
done

expect_exit 0 "pdf to stdout" -- R report quarterly --partner $P --quarter $Q --format pdf
cp "$TMP/out" "$TMP/r.pdf"
expect_eq "$(head -c 5 "$TMP/r.pdf")" "%PDF-" "stdout is a PDF"
expect_exit 0 "pdf to --output" -- R report quarterly --partner $P --quarter $Q --format pdf \
	--output "$TMP/o.pdf"
expect_eq "$(wc -c < "$TMP/out")" 0 "nothing on stdout with --output"
# the creation date is the generation day, so the same report is the same file
if cmp -s "$TMP/r.pdf" "$TMP/o.pdf"; then ok; else fail "--output differs from stdout"; fi

pdfinfo "$TMP/r.pdf" > "$TMP/info" 2>&1 || fail "pdfinfo rejects the file"
pages=$(awk '/^Pages:/ {print $2}' "$TMP/info")
[ "${pages:-0}" -ge 3 ] && ok || fail "pages: '$pages', expected at least 3"
expect_contains "$TMP/info" "$NAME: quarterly report 2026 Q2" "title metadata"
expect_contains "$TMP/info" "Nov 23 00:00:00 2026" "creation date is today"
# every page A4 portrait
sizes=$(pdfinfo -f 1 -l "$pages" "$TMP/r.pdf" | grep -c 'size: *595.28 x 841.89 pts (A4)')
expect_eq "$sizes" "$pages" "every page is A4 portrait"

R scorecard --partner $P --to $QEND --format json > "$TMP/sc.json"
R child list --partner $P --status waiting --on $QEND --format json > "$TMP/wait.json"
pdftotext -layout "$TMP/r.pdf" "$TMP/r.txt" || fail "pdftotext"

# The text (laid out: a table row is a line): name, quarter, each
# indicator's row carrying its value in words exactly as the scorecard's
# JSON gives it, every waiting child, the footer on each page.
cat > "$TMP/check.py" <<'PY'
import json, re, sys
txt, sc, wait, name, pages = sys.argv[1:6]
raw = open(txt).read()
text = re.sub(r"\s+", " ", raw)
sc, wait, pages = json.load(open(sc)), json.load(open(wait)), int(pages)
errs = []
def v(x, pct=False):
    if x is None: return "-"
    return "%.1f%%" % x if pct else str(x)
def words(i):
    if "days" in i: return "%s days (n %s)" % (v(i["days"]), v(i["n"]))
    if "over_18_months" in i: return "%s (%s over 18 months)" % (v(i["count"]), v(i["over_18_months"]))
    if "pct" in i and "n" in i: return "%s of %s (%s)" % (v(i["count"]), v(i["n"]), v(i["pct"], True))
    if "pct" in i: return "%s (%s)" % (v(i["count"]), v(i["pct"], True))
    return v(i["count"])
for must in (name, "Quarterly partner report, 2026 Q2", "1 April 2026 to 30 June 2026",
             "Adoption scorecard", "Trends over 12 quarters", "Children waiting",
             "Harder to place", "Adopter recruitment", "threshold 426 days",
             "threshold 121 days", "Generated 23 November 2026"):
    if must not in text: errs.append("missing %r" % must)
ids = [k for k in sc if k not in ("scope", "from", "to")]
if len(ids) != 13: errs.append("%d indicators in the scorecard" % len(ids))
rows = {}
for line in raw.splitlines():
    m = re.match(r"\s*(A\d+|T1)\s{2,}(.*)", line)
    if m and m.group(1) not in rows: rows[m.group(1)] = m.group(2)
for k in ids:
    w = words(sc[k])
    if k not in rows: errs.append("no row for %s" % k)
    elif not re.search(r"(^|\s)%s(\s|$)" % re.escape(w), rows[k]):
        errs.append("%s: %r not in its row %r" % (k, w, rows[k]))
for c in wait:
    if not re.search(r"\b%s\b" % re.escape(c["child_id"]), text):
        errs.append("waiting child %s missing" % c["child_id"])
for p in range(1, pages + 1):
    if "Page %d of %d" % (p, pages) not in text: errs.append("no 'Page %d of %d'" % (p, pages))
print("\n".join(errs) if errs else "ok")
PY
expect_eq "$(python3 "$TMP/check.py" "$TMP/r.txt" "$TMP/sc.json" "$TMP/wait.json" "$NAME" "$pages" 2>&1)" ok "pdf text"
expect_eq "$(json "len(d) > 0" "$TMP/wait.json")" True "the demo partner has children waiting"

# Pixels: page 1 is not blank; on the trends page (2) the chart boxes hold
# the series' blue and the thresholds' red, and the empty lower right of the
# grid stays white. The pages are rendered to PNG, as issue #6 asks, and
# decoded here with zlib: no imaging library needed.
pdftoppm -png -r 50 -f 1 -l 2 "$TMP/r.pdf" "$TMP/pg" || fail "pdftoppm"
cat > "$TMP/pix.py" <<'PY'
import struct, sys, zlib
def png(path):
    """(width, height, RGB bytes) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    out, prev = bytearray(), bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        out += line if bpp == 3 else bytes(v for k, v in enumerate(line) if k % 4 != 3)
    return w, h, bytes(out)
def count(img, x0, y0, x1, y1, pred):
    w, h, px = img
    n = 0
    for y in range(int(y0 * h), int(y1 * h)):
        for x in range(int(x0 * w), int(x1 * w)):
            i = 3 * (y * w + x)
            n += pred(px[i], px[i + 1], px[i + 2])
    return n
nonwhite = lambda r, g, b: r < 230 or g < 230 or b < 230
blue = lambda r, g, b: b > 110 and r < 90 and b - r > 60     # #1d4f91
red = lambda r, g, b: r > 130 and g < 90 and b < 90          # #a4161a
p1, p2 = png(sys.argv[1]), png(sys.argv[2])
errs = []
if abs(p1[0] - 413) > 1 or abs(p1[1] - 585) > 1: errs.append("page 1 is %dx%d at 50 dpi, not A4" % p1[:2])
if count(p1, 0, 0, 1, 1, nonwhite) < 2000: errs.append("page 1 nearly blank")
# the grid: two charts a row from about 12% to 88% down, halves of the width
top, row = 0.115, 0.247
for r in range(3):
    for c in range(2 if r < 2 else 1):
        box = (0.07 + c * 0.45, top + r * row, 0.07 + c * 0.45 + 0.43, top + (r + 1) * row - 0.01)
        if count(p2, *box, blue) < 40: errs.append("chart %d,%d has no blue line" % (r, c))
for c in range(2):
    box = (0.07 + c * 0.45, top, 0.07 + c * 0.45 + 0.43, top + row - 0.01)
    if count(p2, *box, red) < 20: errs.append("chart 0,%d has no red threshold" % c)
if count(p2, 0.55, top + 2 * row + 0.02, 0.93, top + 3 * row - 0.02, nonwhite) > 0:
    errs.append("the empty sixth cell is not white")
print("\n".join(errs) if errs else "ok")
PY
expect_eq "$(python3 "$TMP/pix.py" "$TMP/pg-1.png" "$TMP/pg-2.png" 2>&1)" ok "rendered pages (PNG)"

# Many waiting children: the list runs over pages, each starting with the
# table header again, and every child is there.
R partner add --code 997 --name 'Bigtown' > /dev/null
{
	echo "child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,disability,health,development,behaviour,contact,birth_postcode_district,entered_care,should_be_placed,placement_order,status"
	for i in $(seq 1 90); do
		echo "BT$i,997,,Child$i,Many,F,2019-01-01,WBRI,,,,,,,,2024-06-01,2025-01-15,,waiting"
	done
} > "$TMP/many.csv"
R import children "$TMP/many.csv" > "$TMP/imp" 2>&1 || { fail "import many"; cat "$TMP/imp" >&2; }
expect_exit 0 "long waiting list" -- R report quarterly --partner 997 --quarter $Q --format pdf \
	--output "$TMP/big.pdf"
pdftotext -layout "$TMP/big.pdf" "$TMP/big.txt"
bpages=$(pdfinfo "$TMP/big.pdf" | awk '/^Pages:/ {print $2}')
[ "${bpages:-0}" -ge 5 ] && ok || fail "long list: $bpages pages, expected 5 or more"
expect_eq "$(grep -oE '\bBT[0-9]+\b' "$TMP/big.txt" | sort -u | wc -l)" 90 "all 90 children listed"
heads=$(grep -c "Clocks on the quarter's end" "$TMP/big.txt")
[ "$heads" -ge 2 ] && ok || fail "the waiting table's header appears $heads times, expected on each page"

# Markup and odd bytes in a name are just text; an empty partner renders.
R partner add --code 998 --name '<b>Tom & "Jerry"</b>' > /dev/null
expect_exit 0 "empty partner" -- R report quarterly --partner 998 --quarter $Q --format pdf \
	--output "$TMP/e.pdf"
pdftotext "$TMP/e.pdf" - > "$TMP/e.txt"
expect_contains "$TMP/e.txt" '<b>Tom & "Jerry"</b>' "the name is printed as given"
expect_contains "$TMP/e.txt" "No children waiting." "an empty partner says so"

# Refusals: a terminal as stdout, a file that cannot be written, json.
cat > "$TMP/term.py" <<'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.run(sys.argv[1:], stdout=slave, stderr=subprocess.PIPE)
os.close(slave)
print(p.returncode, p.stderr.decode().strip().splitlines()[0] if p.stderr else "")
PY
got=$(python3 "$TMP/term.py" "$RAA_BIN" --db "$DB" report quarterly --partner $P --quarter $Q --format pdf)
expect_eq "${got%% *}" 2 "pdf to a terminal is refused"
case "$got" in *terminal*) ok ;; *) fail "the refusal names the terminal: $got" ;; esac
got=$(python3 "$TMP/term.py" "$RAA_BIN" --db "$DB" report quarterly --partner $P --quarter $Q --format pdf --output "$TMP/t.pdf")
expect_eq "${got%% *}" 0 "pdf to a terminal is fine with --output"
expect_exit 1 "unwritable --output" -- R report quarterly --partner $P --quarter $Q --format pdf \
	--output "$TMP/no/such/dir.pdf"
expect_contains "$TMP/err" "--output" "the option is named"
expect_exit 2 "json is not a report format" -- R report quarterly --partner $P --quarter $Q --format json
expect_contains "$TMP/err" "pdf" "the formats are listed"
expect_exit 0 "csv to --output" -- R report quarterly --partner $P --quarter $Q --format csv \
	--output "$TMP/r.csv"
expect_eq "$(head -c 10 "$TMP/r.csv")" "scope,from" "csv written to the file"
finish
