#!/usr/bin/env bash
# raa 903 validate --output FILE.xlsx: the validation report as a workbook.
# Read back with python3's zipfile and xml only: both sheets exist, the
# Errors sheet has one data row per error of the JSON report, the Summary's
# counts add up to the same, and the header is frozen and filterable.
. "$(dirname "$0")/lib.sh"
s903_sample ret

expect_exit 0 "validate json" -- raa 903 validate "$TMP/ret" --year 2025/26 --format json
cp "$TMP/out" "$TMP/v.json"
expect_exit 0 "validate xlsx" -- raa 903 validate "$TMP/ret" --year 2025/26 --output "$TMP/r.xlsx"
expect_eq "$(wc -c <"$TMP/out" | tr -d ' ')" "0" "nothing on stdout when writing the workbook"

python3 - "$TMP/r.xlsx" "$TMP/v.json" >"$TMP/check" 2>&1 <<'PY'
import collections, json, sys, zipfile
import xml.etree.ElementTree as ET
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
z = zipfile.ZipFile(sys.argv[1])
d = json.load(open(sys.argv[2]))
wb = ET.fromstring(z.read("xl/workbook.xml"))
rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
target = {r.get("Id"): r.get("Target") for r in rels}
sheets = {s.get("name"): "xl/" + target[s.get("{%s}id" % NS["r"])]
          for s in wb.find("m:sheets", NS)}
print("sheets", sorted(sheets))
strings = [ "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
            for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]

def rows(name):
    root = ET.fromstring(z.read(sheets[name]))
    out = []
    for row in root.find("m:sheetData", NS):
        vals = []
        for c in row:
            v = c.find("m:v", NS)
            x = v.text if v is not None else ""
            vals.append(strings[int(x)] if c.get("t") == "s" else x)
        out.append(vals)
    frozen = root.find(".//m:pane", NS) is not None
    return out, frozen, root.find("m:autoFilter", NS) is not None, root.find("m:cols", NS) is not None

err, efroz, efilt, ecols = rows("Errors")
summ, sfroz, sfilt, scols = rows("Summary")
print("errors head", err[0])
print("summary head", summ[0])
print("errors rows", len(err) - 1, "json", len(d["errors"]))
counts = collections.Counter(e["rule"] for e in d["errors"])
got = {r[0]: int(float(r[2])) for r in summ[1:]}
print("summary matches", got == dict(counts))
first = d["errors"][0]
print("first row matches", err[1][:4] == [first["rule"], first["table"], str(first["row"]),
                                          first["child"] or ""] and err[1][4] == ";".join(first["fields"]))
print("frozen", efroz and sfroz, "filter", efilt and sfilt, "widths", ecols and scols)
PY
expect_contains "$TMP/check" "sheets ['Errors', 'Summary']" "both sheets"
expect_contains "$TMP/check" "errors head ['rule', 'table', 'row', 'child', 'fields', 'message']" "Errors header"
expect_contains "$TMP/check" "summary head ['rule', 'message', 'count']" "Summary header"
n=$(json 'len(d["errors"])' "$TMP/v.json")
expect_contains "$TMP/check" "errors rows $n json $n" "one Errors row per JSON error"
expect_contains "$TMP/check" "summary matches True" "Summary counts per rule"
expect_contains "$TMP/check" "first row matches True" "first error row as in JSON"
expect_contains "$TMP/check" "frozen True filter True widths True" "frozen header, autofilter, widths"

expect_exit 2 "xlsx needs a .xlsx path" -- raa 903 validate "$TMP/ret" --year 2025/26 --output "$TMP/r.txt"
expect_exit 1 "unwritable path" -- raa 903 validate "$TMP/ret" --year 2025/26 --output "$TMP/no/such/r.xlsx"
expect_contains "$TMP/err" "r.xlsx" "the failure names the file"
# The contract's spelling: --format xlsx, which needs a file to write.
expect_exit 0 "--format xlsx --output" -- raa --format xlsx 903 validate "$TMP/ret" --year 2025/26 --output "$TMP/f.xlsx"
if cmp -s "$TMP/f.xlsx" "$TMP/f.xlsx" && [ -s "$TMP/f.xlsx" ]; then ok; else fail "--format xlsx wrote no workbook"; fi
expect_exit 2 "--format xlsx without --output" -- raa 903 validate "$TMP/ret" --year 2025/26 --format xlsx
expect_exit 2 "--format xlsx is only for 903 validate" -- raa child list --format xlsx
finish
