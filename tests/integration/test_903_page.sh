#!/usr/bin/env bash
# The /903 page: sign in (the API's raa_session cookie serves the pages
# too), upload part of the sample return as multipart/form-data, and check
# the page shows the error count of `raa 903 validate --format json` on the
# same files, that its CSV and XLSX downloads hold the same report and are
# served to that session only, and the refusals (no CSRF, board role, a
# body over the cap, a file that is no table).
. "$(dirname "$0")/lib.sh"
s903_sample
# The whole return is over the 1 MiB body cap: these four tables are not.
mkdir -p "$TMP/ret"
for f in header.csv episodes.csv ad1.csv placed_for_adoption.csv; do cp "$SAMPLE/$f" "$TMP/ret/"; done
expect_exit 0 "validate json" -- raa 903 validate "$TMP/ret" --year 2025/26 --format json
cp "$TMP/out" "$TMP/v.json"
serve_demo_db 5
cd "$HERE" || exit 1
if python3 - "$DB" "$TMP/ret" "$TMP/v.json" "$SAMPLE" <<'PY'; then ok; else fail "page checks (listed above)"; tail -20 "$DB.serve.log" >&2; fi
import collections, csv, io, json, os, re, sys, zipfile
import xml.etree.ElementTree as ET
sys.path.insert(0, ".")
from api_client import Checks, Server, Session

db, ret, vjson, sample = sys.argv[1:5]
want = json.load(open(vjson))
nwant = len(want["errors"])
c = Checks("test_903_page")


def multipart(fields, files):
    b = "raa903boundaryXyZ"
    out = []
    for k, v in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                    % (b, k, v)).encode())
    for name, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"%s\"\r\n"
                    "Content-Type: text/csv\r\n\r\n" % (b, name)).encode() + data + b"\r\n")
    out.append(("--%s--\r\n" % b).encode())
    return b"".join(out), "multipart/form-data; boundary=" + b


def upload(s, fields, files):
    body, ctype = multipart(fields, files)
    return s.server.request("POST", "/903", body,
                            headers={"Cookie": s.cookie, "Content-Type": ctype})


def get(s, path):
    return s.server.request("GET", path, headers={"Cookie": s.cookie})


# uploads go to $TMPDIR: this test's own, so parallel tests do not mix
updir = os.path.join(os.path.dirname(db), "uploads")
os.makedirs(updir, exist_ok=True)
before = {f for f in os.listdir(updir) if f.startswith("raa903-")}
files = [(n, open(os.path.join(ret, n), "rb").read()) for n in sorted(os.listdir(ret))]
# The 1 MiB of the other pages here, so that one upload is over the cap
# (test_903_page_import.sh runs the default 64 MiB).
with Server(db, "--upload-max", "1048576", env={"TMPDIR": updir}) as srv:
    s = Session(srv, "family.finder@demo.raa.test")
    c.eq(s.login.status, 200, "sign in")
    r = get(s, "/903")
    c.eq(r.status, 200, "GET /903")
    page = r.body.decode()
    c.true('enctype="multipart/form-data"' in page and 'name="csrf"' in page
           and 'value="2026/27"' in page, "form with CSRF field and years")

    r = upload(s, [("csrf", s.csrf), ("year", "2025/26")], files)
    c.eq(r.status, 200, "upload")
    page = r.body.decode()
    m = re.search(r'data-testid="s903-result" data-errors="(\d+)"', page)
    c.eq(int(m.group(1)) if m else None, nwant, "page error count = raa 903 validate json")
    counts = collections.Counter(e["rule"] for e in want["errors"])
    shown = {k: int(v) for k, v in re.findall(r'data-rule="([^"]+)" data-count="(\d+)"', page)}
    c.eq(shown, dict(counts), "errors by rule")
    c.eq(page.count("<tr class=\"govuk-table__row\" data-error>"), min(nwant, 500),
         "errors by child: at most 500 rows")
    if nwant > 500:
        c.true('data-testid="s903-more"' in page, "note that more errors exist")
    xl = re.search(r'href="(/903/report/[0-9a-f]{32}\.xlsx)"', page)
    cv = re.search(r'href="(/903/report/[0-9a-f]{32}\.csv)"', page)
    c.true(xl and cv, "download links")

    r = get(s, cv.group(1))
    c.eq(r.status, 200, "CSV download")
    rows = list(csv.DictReader(io.StringIO(r.body.decode())))
    errs = [x for x in rows if x["kind"] == "error"]
    c.eq(len(errs), nwant, "CSV error rows")
    c.eq([(x["rule"], x["table"], int(x["row"]), x["child"] or None) for x in errs],
         [(e["rule"], e["table"], e["row"], e["child"]) for e in want["errors"]], "CSV = JSON errors")

    r = get(s, xl.group(1))
    c.eq(r.status, 200, "XLSX download")
    c.true("spreadsheetml" in (r.header("Content-Type") or ""), "XLSX content type")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    wbx = z.read("xl/workbook.xml").decode()
    c.true('name="Summary"' in wbx and 'name="Errors"' in wbx, "both sheets")
    sheet = ET.fromstring(z.read("xl/worksheets/sheet2.xml"))
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    c.eq(len(sheet.find(ns + "sheetData")) - 1, nwant, "XLSX Errors rows")

    other = Session(srv, "manager@demo.raa.test")
    c.eq(get(other, xl.group(1)).status, 404, "another session cannot download the report")
    c.eq(get(s, "/903/report/" + "0" * 32 + ".csv").status, 404, "unknown report id")

    r = upload(s, [("csrf", "wrong"), ("year", "2025/26")], files)
    c.eq(r.status, 403, "wrong CSRF token refused")
    r = upload(s, [("csrf", s.csrf), ("year", "1999/00")], files)
    c.eq(r.status, 422, "unknown year refused")
    r = upload(s, [("csrf", s.csrf), ("year", "2025/26")], [("notes.csv", b"A,B\n1,2\n")])
    c.eq(r.status, 422, "a file that is no table")
    c.true("notes.csv" in r.body.decode() and "raa903-" not in r.body.decode(),
           "the error names the file, not the temporary directory")
    big = [(n, open(os.path.join(sample, n), "rb").read())
           for n in ("episodes.csv", "reviews.csv", "header.csv", "oc2.csv", "previous_permanence.csv")]
    r = upload(s, [("csrf", s.csrf), ("year", "2025/26")], big)
    c.eq(r.status, 413, "over the body cap")
    r = srv.request("POST", "/903", b"x", headers={"Cookie": s.cookie,
                                                  "Content-Type": "multipart/form-data; boundary=zz"})
    c.eq(r.status, 400, "malformed multipart")

    board = Session(srv, "board@demo.raa.test")
    c.eq(get(board, "/903").status, 404, "board does not see the page")
    c.eq(srv.request("GET", "/903").status, 303, "signed out: to the login")
    left = {f for f in os.listdir(updir) if f.startswith("raa903-")} - before
c.eq(left, set(), "temporary directories removed")
c.finish()
PY
# Two validations (the sample, the file that is no table) and two downloads;
# refusals before reading the files are not uploads.
n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from audit where action like 'ssda903_%'\").fetchone()[0])" "$DB")
expect_eq "$n" "4" "uploads and downloads audited"
finish
