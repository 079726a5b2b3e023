#!/usr/bin/env bash
# The XML form of the SSDA903 return (docs/ssda903.md "XML"): the sample's
# XML gives the same errors as its tables written out as CSV by an
# independent reader (python's ElementTree), the sample's CSV Header and
# Episodes give the same errors when written as XML, XML and CSV mix for
# different tables, and the refusals name the file and line.
. "$(dirname "$0")/lib.sh"
s903_sample

# xml2csv XML DIR: the documented mapping, written independently of raa.
cat >"$TMP/xml2csv.py" <<'PY'
import csv, sys, xml.etree.ElementTree as ET
cols = {
 'Header': 'CHILD SEX DOB ETHNIC UPN MOTHER MC_DOB',
 'Episodes': 'CHILD DECOM RNE LS CIN PLACE PLACE_PROVIDER DEC REC REASON_PLACE_CHANGE HOME_POST PL_POST URN',
 'Reviews': 'CHILD DOB REVIEW REVIEW_CODE', 'UASC': 'CHILD SEX DOB DUC',
 'OC2': 'CHILD DOB SDQ_SCORE SDQ_REASON CONVICTED HEALTH_CHECK IMMUNISATIONS TEETH_CHECK '
        'HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED',
 'OC3': 'CHILD DOB IN_TOUCH ACTIV ACCOM',
 'AD1': 'CHILD DOB DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR',
 'PlacedAdoption': 'CHILD DOB DATE_PLACED DATE_PLACED_CEASED REASON_PLACED_CEASED',
 'PrevPerm': 'CHILD DOB PREV_PERM LA_PERM DATE_PERM', 'Missing': 'CHILD DOB MISSING MIS_START MIS_END'}
cols = {k: v.split() for k, v in cols.items()}
sub = {'AREVIEW': 'Reviews', 'AMISSING': 'Missing', 'OC2': 'OC2', 'PERMANENCE': 'PrevPerm',
       'AD_PLACED': 'PlacedAdoption'}
rows = {k: [] for k in cols}
def leaves(e):
    return {{'CHILDID': 'CHILD', 'PL': 'PLACE'}.get(c.tag, c.tag): (c.text or '').strip()
            for c in e if len(c) == 0}
def row(t, *ds):
    m = {}
    for d in ds: m.update(d)
    rows[t].append([m.get(c, '') for c in cols[t]])
for child in ET.parse(sys.argv[1]).getroot():
    h = child.find('HEADER'); hv = leaves(h)
    row('Header', hv)
    if hv.get('DUC') or hv.get('UASC', '') not in ('', '0'): row('UASC', hv)
    if any(hv.get(c) for c in ('IN_TOUCH', 'ACTIV', 'ACCOM')): row('OC3', hv)
    if any(hv.get(c) for c in cols['AD1'][2:]): row('AD1', hv)
    for b in h:
        if b.tag in sub: row(sub[b.tag], hv, leaves(b))
    for e in child.findall('EPISODE'): row('Episodes', hv, leaves(e))
for t, rs in rows.items():
    with open(f'{sys.argv[2]}/{t}.csv', 'w', newline='') as f:
        w = csv.writer(f); w.writerow(cols[t]); w.writerows(rs)
print(' '.join(f'{t}:{len(rs)}' for t, rs in rows.items()))
PY

# csv2xml HEADER EPISODES OUT: the CSV form's two tables as the XML form.
cat >"$TMP/csv2xml.py" <<'PY'
import csv, sys
from xml.sax.saxutils import escape
eps = {}
for r in csv.DictReader(open(sys.argv[2])):
    eps.setdefault(r['CHILD'], []).append(r)
out = open(sys.argv[3], 'w')
out.write("<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>\n")
def el(tag, v):
    return f'<{tag}>{escape(v)}</{tag}>' if v else f'<{tag} />'
for h in csv.DictReader(open(sys.argv[1])):
    out.write('<CHILD><HEADER>' + el('CHILDID', h['CHILD']) + ''.join(
        el(c, h[c]) for c in ('SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB')) + '</HEADER>')
    for e in eps.pop(h['CHILD'], []):
        out.write('\n  <EPISODE>' + ''.join(el('PL' if c == 'PLACE' else c, v)
                                         for c, v in e.items() if c != 'CHILD') + '</EPISODE>')
    out.write('</CHILD>\n')
out.write('</EXPSSDA903>\n')
assert not eps, 'episodes without a header'
PY

# same_errors A.json B.json WHAT [RULE]: the error lists are identical
# (leaving RULE's errors out of A).
same_errors() {
	if python3 - "$1" "$2" "${4:-}" <<'PY'; then ok; else fail "$3: the error lists differ"; fi
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a['errors'] = [e for e in a['errors'] if e['rule'] != sys.argv[3]]
if a['errors'] != b['errors'] or a['rules_run'] != b['rules_run']:
    sa = {(e['rule'], e['table'], e['row']) for e in a['errors']}
    sb = {(e['rule'], e['table'], e['row']) for e in b['errors']}
    print(len(a['errors']), len(b['errors']), sorted(sa - sb)[:5], sorted(sb - sa)[:5], file=sys.stderr)
    sys.exit(1)
if not a['errors']:
    print('no errors at all: the comparison proves nothing', file=sys.stderr); sys.exit(1)
PY
}

# 1. The sample's XML alone, against its tables as CSV.
mkdir -p "$TMP/x" "$TMP/xc"
cp "$SAMPLE/fake_903.xml" "$TMP/x/"
expect_exit 0 "xml2csv" -- python3 "$TMP/xml2csv.py" "$SAMPLE/fake_903.xml" "$TMP/xc"
expect_eq "$(cat "$TMP/out")" \
	"Header:253 Episodes:459 Reviews:1206 UASC:12 OC2:253 OC3:6 AD1:3 PlacedAdoption:3 PrevPerm:253 Missing:6" \
	"the sample's XML holds ten tables"
for y in 2022/23 2025/26; do
	expect_exit 0 "validate xml $y" -- raa 903 validate "$TMP/x" --year $y --format json
	cp "$TMP/out" "$TMP/x.json"
	expect_exit 0 "validate its csv $y" -- raa 903 validate "$TMP/xc" --year $y --format json
	cp "$TMP/out" "$TMP/xc.json"
	# The XML's own <UASC> is Header.UASC (its CSV has none): only rule
	# 105 sees the difference, flagging a blank or invalid one.
	same_errors "$TMP/x.json" "$TMP/xc.json" "XML vs CSV, $y" 105
	expect_eq "$(json '[e["row"] for e in d["errors"] if e["rule"] == "105"]' "$TMP/x.json")" \
		"$(python3 -c 'import sys, xml.etree.ElementTree as ET
print([i for i, c in enumerate(ET.parse(sys.argv[1]).getroot())
       if (c.find("HEADER").findtext("UASC") or "").strip() not in ("0", "1")])' "$SAMPLE/fake_903.xml")" \
		"105 flags the Header rows whose <UASC> is blank or not 0/1, $y"
done
# Rows are positions among the table's elements: error rows exist in the CSV.
expect_eq "$(json 'all(e["row"] < {"Header":253,"Episodes":459,"Reviews":1206,"UASC":12,"OC2":253,"OC3":6,"AD1":3,"PlacedAdoption":3,"PrevPerm":253,"Missing":6}[e["table"]] for e in d["errors"])' "$TMP/x.json")" \
	"True" "error rows within each table"
expect_eq "$(json '{e["table"] for e in d["errors"]} >= {"Episodes", "Header", "Reviews"}' "$TMP/x.json")" \
	"True" "errors in several XML tables"

# 2. The sample's CSV Header and Episodes, as XML.
mkdir -p "$TMP/c" "$TMP/cx"
cp "$SAMPLE/header.csv" "$SAMPLE/episodes.csv" "$TMP/c/"
expect_exit 0 "csv2xml" -- python3 "$TMP/csv2xml.py" "$SAMPLE/header.csv" "$SAMPLE/episodes.csv" "$TMP/cx/return.xml"
expect_exit 0 "validate csv pair" -- raa 903 validate "$TMP/c" --year 2025/26 --format json
cp "$TMP/out" "$TMP/c.json"
# The XML form always carries its ten tables (empty ones too): give the
# CSV side the same empty tables so the same rules run.
for t in Reviews UASC OC2 OC3 AD1 PlacedAdoption PrevPerm Missing; do
	head -1 "$TMP/xc/$t.csv" >"$TMP/c/$t.csv"
done
expect_exit 0 "validate csv with empty tables" -- raa 903 validate "$TMP/c" --year 2025/26 --format json
cp "$TMP/out" "$TMP/c.json"
expect_exit 0 "validate csv as xml" -- raa 903 validate "$TMP/cx" --year 2025/26 --format json
cp "$TMP/out" "$TMP/cx.json"
same_errors "$TMP/cx.json" "$TMP/c.json" "2,675 children's Header and Episodes, XML vs CSV"

# 3. XML with CSV files for other tables; a table in both is refused.
mkdir -p "$TMP/m"
cp "$TMP/cx/return.xml" "$SAMPLE/ad1.csv" "$SAMPLE/placed_for_adoption.csv" "$TMP/m/"
expect_exit 0 "xml + csv" -- raa 903 validate "$TMP/m" --year 2025/26 --format json
expect_eq "$(json 'any(e["table"] == "AD1" for e in d["errors"]) or True' "$TMP/out")" "True" "mixed return validated"
cp "$SAMPLE/header.csv" "$TMP/m/"
expect_exit 1 "header twice" -- raa 903 validate "$TMP/m" --year 2025/26
expect_contains "$TMP/err" "return.xml: the XML form's table Header is also given by" "names the XML file"
expect_contains "$TMP/err" "header.csv" "names the CSV file"
rm "$TMP/m/header.csv"
cp "$TMP/x/fake_903.xml" "$TMP/m/"
expect_exit 1 "two xml files" -- raa 903 validate "$TMP/m" --year 2025/26
expect_contains "$TMP/err" "is also given by" "a second XML return is refused"

# 4. Refusals name the file and line.
mkdir -p "$TMP/bad"
printf '<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>1</CHILDID>\n</CHILD>\n' >"$TMP/bad/r.xml"
expect_exit 1 "malformed" -- raa 903 validate "$TMP/bad" --year 2025/26
expect_contains "$TMP/err" "r.xml: line 4: not well-formed XML" "malformed XML: file and line"
printf '<EXPSSDA903>\n<CHILD><HEADER><CHILDID>1</CHILDID></HEADER>\n<EPISODE><PLACE>A3</PLACE></EPISODE></CHILD></EXPSSDA903>\n' >"$TMP/bad/r.xml"
expect_exit 1 "unknown" -- raa 903 validate "$TMP/bad" --year 2025/26
expect_contains "$TMP/err" "r.xml: line 3: element <PLACE> in <EPISODE> is not part of the SSDA903 return" \
	"an unknown element is reported"
printf '<!DOCTYPE x [<!ENTITY e SYSTEM "/etc/passwd">]>\n<EXPSSDA903><CHILD><HEADER><CHILDID>&e;</CHILDID></HEADER></CHILD></EXPSSDA903>\n' >"$TMP/bad/r.xml"
expect_exit 1 "doctype" -- raa 903 validate "$TMP/bad" --year 2025/26 --format json
expect_contains "$TMP/err" "document type declaration" "DOCTYPE refused"
if grep -q 'root:' "$TMP/out" "$TMP/err"; then fail "an external entity was read"; else ok; fi

# 5. Header.UASC: the HEADERs' own <UASC> when some child gives one (105
# flags blank and invalid ones, 303 and 205A-D read it), derived from the
# UASC rows otherwise; --previous in XML too.
mkdir -p "$TMP/u" "$TMP/ul"
hdr() { printf '<CHILD><HEADER><CHILDID>%s</CHILDID><SEX>M</SEX><DOB>01/01/2008</DOB>%s</HEADER></CHILD>\n' "$1" "$2"; }
{ echo '<EXPSSDA903>'; hdr A '<UASC>1</UASC>'; hdr B '<UASC>2</UASC>'; hdr C '<UASC/>'
  hdr D '<UASC>0</UASC><DUC>01/06/2025</DUC>'; hdr E ''; echo '</EXPSSDA903>'; } >"$TMP/u/r.xml"
{ echo '<EXPSSDA903>'; hdr A '<UASC>0</UASC>'; hdr E '<UASC>0</UASC>'; echo '</EXPSSDA903>'; } >"$TMP/ul/r.xml"
expect_exit 0 "xml with UASC" -- raa 903 validate "$TMP/u" --year 2025/26 --previous "$TMP/ul" --format json
expect_eq "$(json '[(e["table"], e["row"]) for e in d["errors"] if e["rule"] == "105"]' "$TMP/out")" \
	"[('Header', 1), ('Header', 2), ('Header', 4)]" "105: UASC 2, <UASC/> and no <UASC> are flagged"
expect_eq "$(json '[(e["rule"], e["table"], e["row"]) for e in d["errors"] if e["rule"] in ("303", "205C", "205D")]' "$TMP/out")" \
	"[('205C', 'Header', 3), ('205C', 'UASC', 2), ('205D', 'Header', 0), ('303', 'Header', 3), ('303', 'UASC', 2)]" \
	"303, 205C and 205D read the given status"
expect_eq "$(json '[r for r in d["rules_skipped"] if r.startswith("205")]' "$TMP/out")" "[]" "205A-D run with --previous"
{ echo '<EXPSSDA903>'; hdr A '<UASC/>'; hdr D '<DUC>01/06/2025</DUC>'; echo '</EXPSSDA903>'; } >"$TMP/u/r.xml"
expect_exit 0 "xml without UASC values" -- raa 903 validate "$TMP/u" --year 2025/26 --format json
expect_eq "$(json '[e for e in d["errors"] if e["rule"] in ("105", "303")]' "$TMP/out")" "[]" \
	"no <UASC> value anywhere: derived from the UASC rows, as for CSV"

# 6. The import reads the XML form as it reads the CSV form: the same
# Header and Episodes give the same children and events.
R() { raa --db "$TMP/raa.db" "$@"; }
expect_exit 0 "init" -- R init
expect_exit 0 "partner csv" -- R partner add --code 301 --name Csvshire
expect_exit 0 "partner xml" -- R partner add --code 302 --name Xmlshire
rm -f "$TMP/c/"*.csv
cp "$SAMPLE/header.csv" "$SAMPLE/episodes.csv" "$TMP/c/"
for t in Reviews UASC OC2 OC3 AD1 PlacedAdoption PrevPerm Missing; do head -1 "$TMP/xc/$t.csv" >"$TMP/c/$t.csv"; done
expect_exit 0 "import csv" -- R --format json 903 import "$TMP/c" --partner 301 --year 2022/23 --accept-errors
cp "$TMP/out" "$TMP/ic.json"
expect_exit 0 "import xml" -- R --format json 903 import "$TMP/cx" --partner 302 --year 2022/23 --accept-errors
cp "$TMP/out" "$TMP/ix.json"
expect_eq "$(json 'd["created"], d["events_added"], sorted(x["child"] for x in d["left_out"])[:3]' "$TMP/ix.json")" \
	"$(json 'd["created"], d["events_added"], sorted(x["child"] for x in d["left_out"])[:3]' "$TMP/ic.json")" \
	"XML and CSV imports agree"
expect_eq "$(json 'd["created"] > 5 and d["events_added_total"] > 5' "$TMP/ix.json")" "True" "the XML import created children"
finish
