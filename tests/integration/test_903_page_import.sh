#!/usr/bin/env bash
# The /903 page takes a whole return (its own body cap, 64 MiB by default,
# while other requests keep 1 MiB) and imports it with the right role
# (docs/ssda903-import.md "From the page"): the LA's own staff for their
# partner, the RAA's manager for any; refused with errors unless accepted;
# the upload bound to the session that made it and deleted once imported.
# The import matches `raa 903 import` on a copy of the same database.
. "$(dirname "$0")/lib.sh"
s903_sample ret
serve_demo_db 5
cp "$DB" "$TMP/cli.db"
# What the CLI imports from the same files into the same region.
expect_exit 0 "cli import" -- raa --db "$TMP/cli.db" --format json 903 import "$TMP/ret" --partner 210 --year 2022/23 --accept-errors
cp "$TMP/out" "$TMP/cli.json"
mkdir -p "$TMP/x" && cp "$SAMPLE/fake_903.xml" "$TMP/x/"
expect_exit 0 "cli import xml" -- raa --db "$TMP/cli.db" --format json 903 import "$TMP/x" --partner 208 --year 2022/23 --accept-errors
cp "$TMP/out" "$TMP/clix.json"
cd "$HERE" || exit 1
if python3 - "$DB" "$TMP/ret" "$TMP/cli.json" "$TMP/x/fake_903.xml" "$TMP/clix.json" <<'PY'; then ok; else fail "page import checks (listed above)"; tail -20 "$DB.serve.log" >&2; fi
import json, os, re, sys
sys.path.insert(0, ".")
from api_client import Checks, Server, Session

db, ret, cli_json, xml_path, clix_json = sys.argv[1:6]
cli, clix = json.load(open(cli_json)), json.load(open(clix_json))
c = Checks("test_903_page_import")


def multipart(fields, files):
    b = "raa903boundaryQq"
    out = []
    for k, v in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v)).encode())
    for name, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"files\"; filename=\"%s\"\r\n"
                    "Content-Type: application/octet-stream\r\n\r\n" % (b, name)).encode() + data + b"\r\n")
    out.append(("--%s--\r\n" % b).encode())
    return b"".join(out), "multipart/form-data; boundary=" + b


def upload(s, files, year="2022/23"):
    body, ctype = multipart([("csrf", s.csrf), ("year", year)], files)
    return s.server.request("POST", "/903", body, headers={"Cookie": s.cookie, "Content-Type": ctype})


def form_post(s, path, fields):
    from urllib.parse import urlencode
    return s.server.request("POST", path, urlencode(fields), headers={
        "Cookie": s.cookie, "Content-Type": "application/x-www-form-urlencoded"})


def import_id(page):
    m = re.search(r'action="/903/import".*?name="id" value="([0-9a-f]{32})"', page, re.S)
    return m.group(1) if m else None


def la_ids(s):
    """Every la_child_id the user sees through /api/v1/children (all pages)."""
    out, page = set(), 1
    while True:
        d = json.loads(s.get("/api/v1/children?per_page=200&page=%d" % page).body)
        out |= {x.get("la_child_id") for x in d["items"]} - {None}
        if page * 200 >= d["total"]:
            return out
        page += 1


# uploads go to $TMPDIR: this test's own, so parallel tests do not mix
updir = os.path.join(os.path.dirname(db), "uploads")
os.makedirs(updir, exist_ok=True)
before = {f for f in os.listdir(updir) if f.startswith("raa903-")}
files = [(n, open(os.path.join(ret, n), "rb").read()) for n in sorted(os.listdir(ret))]
total = sum(len(d) for _, d in files)
c.true(total > 1024 * 1024, "the whole sample is over 1 MiB (%d bytes)" % total)
with Server(db, env={"TMPDIR": updir}) as srv:
    adm = Session(srv, "adm.southwark@demo.raa.test")
    ids0 = la_ids(adm)
    # 1. The whole return (1.07 MB) is taken by /903.
    r = upload(adm, files)
    c.eq(r.status, 200, "whole sample uploaded")
    page = r.body.decode()
    c.true('data-testid="s903-result"' in page, "validation report shown")
    rid = import_id(page)
    c.true(rid is not None, "import form for the LA's ADM")
    opts = re.findall(r'<option value="([^"]+)"', page.split('data-testid="s903-import"')[1].split('</form>')[0])
    c.eq(opts, ["210"], "an LA user imports for their own partner only")
    # 2. Other requests stay at 1 MiB.
    big = b"x" * (2 * 1024 * 1024)
    r = adm.request("POST", "/api/v1/children/C1/events", big)
    c.eq(r.status, 413, "2 MB to the API refused")
    r = form_post(adm, "/children/C1/events", {"csrf": adm.csrf, "x": "y" * (2 * 1024 * 1024)})
    c.eq(r.status, 400, "2 MB form to another page refused")

    # 3. Refusals: with errors and not accepted; another session; wrong partner.
    r = form_post(adm, "/903/import", {"csrf": adm.csrf, "id": rid, "partner": "210"})
    c.eq(r.status, 422, "errors not accepted: refused")
    c.true("nothing was imported" in r.body.decode(), "says nothing was imported")
    c.eq(la_ids(adm), ids0, "refused import wrote nothing")
    c.true(import_id(r.body.decode()) == rid, "the form is offered again for the same upload")
    mgr = Session(srv, "manager@demo.raa.test")
    r = form_post(mgr, "/903/import", {"csrf": mgr.csrf, "id": rid, "partner": "210", "accept_errors": "1"})
    c.eq(r.status, 410, "another session cannot import this upload")
    r = form_post(adm, "/903/import", {"csrf": "bad", "id": rid, "partner": "210", "accept_errors": "1"})
    c.eq(r.status, 403, "wrong CSRF token refused")
    lam = Session(srv, "sw.lambeth@demo.raa.test")
    r = form_post(lam, "/903/import", {"csrf": lam.csrf, "id": rid, "partner": "210", "accept_errors": "1"})
    c.eq(r.status, 403, "an LA user cannot import for another partner")
    ff = Session(srv, "family.finder@demo.raa.test")
    r = upload(ff, files[:2])
    c.eq(r.status, 200, "family finder validates")
    c.true(import_id(r.body.decode()) is None, "no import form for a family finder")
    r = form_post(ff, "/903/import", {"csrf": ff.csrf, "id": rid, "partner": "210", "accept_errors": "1"})
    c.eq(r.status, 403, "family finder cannot import")

    # 4. Accepted: imported as by the CLI.
    r = form_post(adm, "/903/import", {"csrf": adm.csrf, "id": rid, "partner": "210", "accept_errors": "1"})
    c.eq(r.status, 200, "import accepted")
    page = r.body.decode()
    m = re.search(r'data-testid="s903-imported" data-created="(\d+)" data-matched="(\d+)" '
                  r'data-left-out="(\d+)" data-events="(\d+)"', page)
    got = tuple(int(x) for x in m.groups()) if m else None
    c.eq(got, (cli["created"], cli["matched"], len(cli["left_out"]), cli["events_added_total"]),
         "page import = raa 903 import")
    c.eq(page.count("data-left-out>"), min(len(cli["left_out"]), 500), "children left out listed")
    new = la_ids(adm) - ids0
    c.eq(len(new), cli["created"], "the new children listed by /api/v1/children")
    c.true(cli["created"] > 0 and new <= {l.strip() for l in
           (line.split(",")[0] for line in open(os.path.join(ret, "header.csv")).read().splitlines()[1:])},
           "they are the return's CHILD ids")
    r = form_post(adm, "/903/import", {"csrf": adm.csrf, "id": rid, "partner": "210", "accept_errors": "1"})
    c.eq(r.status, 410, "an upload imports once")

    # 5. The XML form through the page, by the manager for another partner.
    r = upload(mgr, [("fake_903.xml", open(xml_path, "rb").read())])
    c.eq(r.status, 200, "XML uploaded")
    xid = import_id(r.body.decode())
    opts = re.findall(r'<option value="([^"]+)"', r.body.decode().split('data-testid="s903-import"')[1].split('</form>')[0])
    c.true("208" in opts and "210" in opts, "the manager imports for any partner")
    r = form_post(mgr, "/903/import", {"csrf": mgr.csrf, "id": xid, "partner": "208", "accept_errors": "1"})
    c.eq(r.status, 200, "XML import accepted")
    m = re.search(r'data-created="(\d+)"', r.body.decode())
    c.eq(int(m.group(1)) if m else None, clix["created"], "XML page import = raa 903 import")
    left = {f for f in os.listdir(updir) if f.startswith("raa903-")} - before
c.eq(left, set(), "uploads deleted once imported")
c.finish()
PY
n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from audit where action = 'ssda903_import'\").fetchone()[0])" "$DB")
# refused (errors), lambeth, family finder, imported, XML imported; the
# session and CSRF refusals are not import attempts
expect_eq "$n" "5" "imports and refusals audited"
finish
