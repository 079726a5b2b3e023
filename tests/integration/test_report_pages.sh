#!/usr/bin/env bash
# The /reports pages against a real server and the demo region: who sees
# what (LA users their own partner only, the board aggregates only and no
# ASGLB extract, admin nothing), every download's content type, filename
# and content (the same bytes as the CLI on the same day), the fields'
# errors, and the audit of child-level downloads.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
serve_demo_db 5
R() { raa --db "$DB" "$@"; }
R report monthly --partner 208 --month 2026-10 --format csv > "$TMP/m208.csv" || fail "cli monthly"
R report monthly --partner 210 --month 2026-10 --format csv > "$TMP/m210.csv" || fail "cli monthly 210"
R report quarterly --partner 208 --quarter 2026Q3 --format csv > "$TMP/q208.csv" || fail "cli quarterly"
R report asglb --quarter 2026Q3 --output "$TMP/asglb" > /dev/null || fail "cli asglb"
R report asglb --partner 210 --quarter 2026Q3 --output "$TMP/asglb210" > /dev/null || fail "cli asglb 210"
cd "$HERE" || exit 1
if python3 - "$DB" "$TMP" <<'PY'; then ok; else fail "page checks (listed above)"; tail -20 "$DB.serve.log" >&2; fi
import io, re, sqlite3, subprocess, sys, zipfile
sys.path.insert(0, ".")
from api_client import Checks, Server, Session

db, tmp = sys.argv[1:3]
c = Checks("test_report_pages")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
audited = 0


def dl(s, path, ctype, filename, what, child_level):
    """A download: 200, its type, an attachment with that name."""
    global audited
    r = s.get(path)
    c.eq(r.status, 200, what)
    c.eq((r.header("Content-Type") or "").split(";")[0], ctype, what + ": type")
    c.eq(r.header("Content-Disposition"), 'attachment; filename="%s"' % filename,
         what + ": disposition")
    audited += child_level and r.status == 200
    return r


def sheets(body):
    wb = zipfile.ZipFile(io.BytesIO(body)).read("xl/workbook.xml").decode()
    return re.findall(r'<sheet name="([^"]+)"', wb)


with Server(db) as srv:
    who = {e: Session(srv, e) for e in (
        "manager@demo.raa.test", "board@demo.raa.test", "admin@demo.raa.test",
        "sw.southwark@demo.raa.test", "family.finder@demo.raa.test")}
    for e, s in who.items():
        c.eq(s.login.status, 200, "sign in " + e)
    man, board, admin = who["manager@demo.raa.test"], who["board@demo.raa.test"], who["admin@demo.raa.test"]
    la, ff = who["sw.southwark@demo.raa.test"], who["family.finder@demo.raa.test"]

    # The index page per role.
    r = man.get("/reports")
    c.eq(r.status, 200, "manager: /reports")
    page = r.body.decode()
    for k in "qma":
        c.true('data-testid="report-%s"' % k in page, "manager: form " + k)
    c.true("The whole region" in page and 'value="208"' in page, "manager: partners and region")
    c.true('value="2026Q3"' in page and 'value="2026-11"' in page, "default quarter and month")
    r = board.get("/reports")
    c.eq(r.status, 200, "board: /reports")
    c.true('data-testid="report-a"' not in r.body.decode(), "board: no ASGLB form")
    r = la.get("/reports")
    c.eq(r.status, 200, "LA: /reports")
    opts = set(re.findall(r'<option value="([^"]*)"', r.body.decode()))
    c.true("210" in opts and "208" not in opts and "" not in opts, "LA: own partner only", opts)
    c.eq(ff.get("/reports").status, 200, "family finder: /reports")
    c.eq(admin.get("/reports").status, 404, "admin: no reports")
    c.eq(admin.get("/reports/quarterly?partner=208&quarter=2026Q3").status, 404, "admin: no download")
    c.eq(srv.request("GET", "/reports").status, 303, "signed out: to the login")

    # Quarterly: the three formats; the board's without the waiting list.
    r = dl(man, "/reports/quarterly?partner=208&quarter=2026Q3&format=csv", "text/csv",
           "quarterly-208-2026Q3.csv", "quarterly csv", True)
    c.eq(r.body.decode(), open(tmp + "/q208.csv").read(), "quarterly csv = the CLI's")
    r = dl(man, "/reports/quarterly?partner=208&quarter=2026Q3", "text/html",
           "quarterly-208-2026Q3.html", "quarterly html (default)", True)
    man_html = r.body.decode()
    c.true("data-child=" in man_html, "manager: the waiting list")
    r = dl(man, "/reports/quarterly?partner=208&quarter=2026Q3&format=pdf", "application/pdf",
           "quarterly-208-2026Q3.pdf", "quarterly pdf", True)
    c.true(r.body.startswith(b"%PDF"), "quarterly pdf")
    man_pdf = r.body
    r = dl(board, "/reports/quarterly?partner=208&quarter=2026Q3&format=pdf", "application/pdf",
           "quarterly-208-2026Q3.pdf", "board quarterly pdf", False)
    pdf_text = lambda b: subprocess.run(["pdftotext", "-", "-"], input=b, capture_output=True,
                                        check=True).stdout.decode()
    waiting = re.findall(r'data-child="([^"]+)"', man_html)
    man_text, board_text = pdf_text(man_pdf), pdf_text(r.body)
    c.true(waiting and all(w in man_text for w in waiting), "manager pdf: every waiting child")
    c.true(not any(re.search(r"\b%s\b" % re.escape(w), board_text) for w in waiting)
           and "Adoption scorecard" in board_text, "board pdf: the figures, no child")
    r = dl(board, "/reports/quarterly?partner=208&quarter=2026Q3", "text/html",
           "quarterly-208-2026Q3.html", "board quarterly html", False)
    body = r.body.decode()
    c.true("data-child=" not in body and "not shown in the aggregate report" in body,
           "board: no waiting list")
    r = dl(board, "/reports/quarterly?partner=208&quarter=2026Q3&format=csv", "text/csv",
           "quarterly-208-2026Q3.csv", "board quarterly csv", False)
    body = r.body.decode()
    c.true("child_id" not in body and "\nchildren_waiting\n" in body, "board csv: a count only")

    # Monthly: every format, partner and region; the board's summary only.
    r = dl(man, "/reports/monthly?partner=208&month=2026-10&format=csv", "text/csv",
           "monthly-208-2026-10.csv", "monthly csv", True)
    c.eq(r.body.decode(), open(tmp + "/m208.csv").read(), "monthly csv = the CLI's")
    r = dl(man, "/reports/monthly?partner=&month=2026-10&format=html", "text/html",
           "monthly-region-2026-10.html", "monthly html region", True)
    c.true("data-record=" in r.body.decode(), "region html lists")
    r = dl(man, "/reports/monthly?partner=208&month=2026-10&format=xlsx", XLSX,
           "monthly-208-2026-10.xlsx", "monthly xlsx", True)
    c.eq(len(sheets(r.body)), 6, "xlsx: six sheets")
    r = dl(board, "/reports/monthly?partner=208&month=2026-10&format=csv", "text/csv",
           "monthly-208-2026-10.csv", "board monthly csv", False)
    c.eq(r.body.decode(), "".join(open(tmp + "/m208.csv").readlines()[:2]), "board: summary row only")
    r = dl(board, "/reports/monthly?month=2026-10&format=xlsx", XLSX,
           "monthly-region-2026-10.xlsx", "board monthly xlsx", False)
    c.eq(sheets(r.body), ["Summary"], "board xlsx: the summary only")
    r = dl(board, "/reports/monthly?month=2026-10", "text/html", "monthly-region-2026-10.html",
           "board monthly html", False)
    c.true("data-record=" not in r.body.decode(), "board html: no lists")

    # ASGLB: the CLI's files; refused to the board.
    r = dl(man, "/reports/asglb/children.csv?partner=&quarter=2026Q3", "text/csv",
           "asglb-region-2026Q3-children.csv", "asglb children", True)
    c.eq(r.body.decode(), open(tmp + "/asglb/asglb_children.csv").read(), "asglb children = CLI")
    r = dl(man, "/reports/asglb/adopters.csv?quarter=2026Q3", "text/csv",
           "asglb-region-2026Q3-adopters.csv", "asglb adopters", True)
    c.eq(r.body.decode(), open(tmp + "/asglb/asglb_adopters.csv").read(), "asglb adopters = CLI")
    c.eq(board.get("/reports/asglb/children.csv?quarter=2026Q3").status, 403, "board: no asglb")
    c.eq(board.get("/reports/asglb/adopters.csv?quarter=2026Q3").status, 403, "board: no asglb households")

    # LA: their own partner whatever is asked; another partner is refused.
    dl(la, "/reports/quarterly?quarter=2026Q3&format=csv", "text/csv", "quarterly-210-2026Q3.csv",
       "LA quarterly (own partner by default)", True)
    c.eq(la.get("/reports/quarterly?partner=208&quarter=2026Q3").status, 403, "LA: other partner's quarterly")
    c.eq(la.get("/reports/monthly?partner=208&month=2026-10").status, 403, "LA: other partner's monthly")
    c.eq(la.get("/reports/asglb/children.csv?partner=208&quarter=2026Q3").status, 403, "LA: other partner's asglb")
    r = dl(la, "/reports/asglb/children.csv?partner=210&quarter=2026Q3", "text/csv",
           "asglb-210-2026Q3-children.csv", "LA asglb", True)
    c.eq(r.body.decode(), open(tmp + "/asglb210/asglb_children.csv").read(), "LA asglb = CLI --partner 210")
    r = dl(la, "/reports/monthly?month=2026-10&format=csv", "text/csv", "monthly-210-2026-10.csv",
           "LA monthly", True)
    c.eq(r.body.decode(), open(tmp + "/m210.csv").read(), "LA monthly = CLI --partner 210")

    # Bad parameters: the forms again, the error beside the field.
    for path, field, text in (
            ("/reports/quarterly?partner=208&quarter=2024Q5", "q-quarter", "2024Q5"),
            ("/reports/quarterly?quarter=2024Q1", "q-partner", "Choose a partner"),
            ("/reports/quarterly?partner=999&quarter=2024Q1", "q-partner", "999"),
            ("/reports/quarterly?partner=208&quarter=2024Q1&format=doc", "q-format", "Choose a format"),
            ("/reports/quarterly?partner=208&quarter=2027Q1", "q-quarter", "not started"),
            ("/reports/monthly?month=2026-13", "m-month", "2026-13"),
            ("/reports/monthly?month=2026-12", "m-month", "not started"),
            ("/reports/monthly?month=2026-10&format=pdf", "m-format", "XLSX"),
            ("/reports/asglb/children.csv?quarter=x%3Cb%3E", "a-quarter", "x&lt;b&gt;")):
        r = man.get(path)
        body = r.body.decode()
        c.eq(r.status, 400, path)
        m = re.search(r'id="%s-error">(.*?)</p>' % field, body)
        c.true(m and text in m.group(1), path + ": error beside " + field, m and m.group(1))
        c.true('href="#%s"' % field in body, path + ": summary links to the field")
        c.true("<b>" not in body, path + ": escaped")
    c.eq(man.get("/reports/nothing").status, 404, "unknown report path")

n = sqlite3.connect(db).execute(
    "select count(*) from audit where action = 'report_download'").fetchone()[0]
c.eq(n, audited, "child-level downloads audited, aggregates not")
c.finish()
PY
finish
