#!/usr/bin/env bash
# The performance dashboard (/performance, /performance/{partner}) and
# GET /api/v1/scorecard against a real server on a demo region: who may see
# them (manager and board; every other role 404 on the pages), that every
# figure on the pages equals `raa scorecard --format json` for the region
# and partners (and a year earlier), the charts and their threshold lines,
# the date's validation, no record id on a board member's page, and that
# the API's JSON equals the CLI's after parsing, with its refusals.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
serve_demo_db 5
cd "$HERE" || exit 1
if python3 - "$DB" <<'PY'; then ok; else fail "performance checks (listed above)"; tail -20 "$DB.serve.log" >&2; fi
import html.parser, json, os, re, subprocess, sys
sys.path.insert(0, ".")
from api_client import Checks, Server, Session

db = sys.argv[1]
RAA = os.environ["RAA_BIN"]
c = Checks("test_perf_pages")
QEND = "2026-09-30"          # the last quarter end on or before RAA_TODAY (2026-11-23)
PARTNERS = ["210", "306"]    # Southwark (the host) and Croydon


def cli(*args):
    out = subprocess.run([RAA, "--db", db, "scorecard", "--format", "json"] + list(args),
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


class Cells(html.parser.HTMLParser):
    """Every value cell: (scope, indicator) -> its data- attributes."""

    def __init__(self):
        super().__init__()
        self.cells = {}
        self.svgs = []
        self.thresholds = []
        self.series = []
        self.links = []
        self.cell = None

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td" and "data-indicator" in a:
            self.cells[(a["data-scope"], a["data-indicator"])] = a
            self.cell = a
        if tag == "strong" and a.get("data-above-threshold") and self.cell is not None:
            self.cell["above"] = True
        if tag == "svg":
            self.svgs.append(a)
        if tag == "line" and a.get("class") == "threshold":
            self.thresholds.append(a.get("data-threshold"))
        if tag == "polyline" and a.get("data-series"):
            self.series.append(a["data-series"])
        if tag == "a":
            self.links.append(a.get("href"))


def parse(body):
    p = Cells()
    p.feed(body.decode())
    return p


def same_figures(cells, scope, want, what):
    """The page's cells for scope equal the CLI's JSON object."""
    n = 0
    for ind, fields in want.items():
        if not isinstance(fields, dict):
            continue
        cell = cells.get((scope, ind))
        if not c.true(cell is not None, "%s: a cell for %s %s" % (what, scope, ind)):
            continue
        for k, v in fields.items():
            attr = "data-" + k
            exp = "" if v is None else ("%.1f" % v if k == "pct" else str(v))
            n += c.eq(cell.get(attr), exp, "%s: %s %s.%s" % (what, scope, ind, k))
    return n


def get(s, path):
    return s.server.request("GET", path, headers={"Cookie": s.cookie})


region = cli("--to", QEND)
part = {p: cli("--partner", p, "--to", QEND) for p in PARTNERS}
prev = {p: cli("--partner", p, "--to", "2025-09-30") for p in PARTNERS}
c.true(region["A4"]["count"] > 0 and part["210"]["A1"]["n"] > 0, "the demo region has adoptions")

with Server(db) as srv:
    users = {r: Session(srv, e) for e, r in [
        ("manager@demo.raa.test", "manager"), ("board@demo.raa.test", "board"),
        ("admin@demo.raa.test", "admin"), ("family.finder@demo.raa.test", "family_finder"),
        ("assessment@demo.raa.test", "assessment_worker"), ("panel@demo.raa.test", "panel_adviser"),
        ("raa.adm@demo.raa.test", "raa_adm"), ("support@demo.raa.test", "support_worker"),
        ("sw.southwark@demo.raa.test", "la_social_worker"), ("adm.southwark@demo.raa.test", "la_adm")]}
    for role, s in users.items():
        c.eq(s.login.status, 200, "sign in as %s" % role)

    # Who sees the pages: manager and board; to the rest they do not exist.
    for role, s in users.items():
        for path in ("/performance", "/performance/210"):
            r = get(s, path)
            c.eq(r.status, 200 if role in ("manager", "board") else 404, "%s GET %s" % (role, path))
            if role not in ("manager", "board"):
                c.true(b"Performance" not in r.body.split(b"<main")[0],
                       "%s: no Performance link in the navigation" % role)
    r = srv.request("GET", "/performance")
    c.true(r.status in (302, 303) and "/login" in (r.header("Location") or ""),
           "signed out: redirected to sign in", repr(r))

    for role in ("manager", "board"):
        s = users[role]
        r = get(s, "/performance")
        page = parse(r.body)
        n = same_figures(page.cells, "region", region, "%s /performance" % role)
        for p in PARTNERS:
            n += same_figures(page.cells, p, part[p], "%s /performance" % role)
        c.true(n >= 3 * 24, "%s: the figures were compared (%d)" % (role, n))
        scopes = {k[0] for k in page.cells}
        c.eq(len(scopes), 11, "%s: the region and ten partner columns" % role)
        c.true(b"Above threshold" in r.body and b"govuk-tag--red" in r.body,
               "%s: values above a threshold are tagged" % role)
        # the tag follows the figure, cell by cell
        limit = {"A1": 426, "A10": 426, "A2": 121}
        wrong = [k for k, cell in page.cells.items()
                 if (k[1] in limit and cell.get("data-days") != ""
                     and int(cell["data-days"]) > limit[k[1]]) != bool(cell.get("above"))]
        c.eq(wrong, [], "%s: tagged exactly the values above their threshold" % role)
        c.eq(len([a for a in page.svgs if "chart--multi" in a.get("class", "")]), 5,
             "%s: five trend charts" % role)
        c.eq(sorted(page.thresholds), ["121", "426"], "%s: threshold lines in A10 and A2" % role)
        c.eq(page.series.count("region"), 5, "%s: the region is in every chart" % role)
        c.true(all(page.series.count(p) >= 5 for p in PARTNERS), "%s: partner lines" % role)
        c.true("/performance/210?to=%s" % QEND in page.links, "%s: a partner links to its page" % role)
        if role == "board":
            body = r.body.decode()
            c.eq(re.findall(r"\bC\d+\b|\b\d{3}-\d{5}\b|\bH\d+\b", body), [],
                 "board: no child or household id on /performance")
            c.true("/children" not in body and "/adopters" not in body, "board: no record links")

        # One partner's page: itself, the region and a year earlier.
        r = get(s, "/performance/210")
        c.eq(r.status, 200, "%s /performance/210" % role)
        page = parse(r.body)
        same_figures(page.cells, "210", part["210"], "%s /performance/210" % role)
        same_figures(page.cells, "region", region, "%s /performance/210" % role)
        same_figures(page.cells, "previous", prev["210"], "%s /performance/210 a year earlier" % role)
        c.true("/reports/quarterly?partner=210&quarter=2026Q3" in page.links,
               "%s: link to the quarterly report" % role, str(page.links[-5:]))
        c.eq(sorted(set(page.series)), ["210", "region"], "%s: the partner's charts" % role)
        if role == "board":
            c.eq(re.findall(r"\bC\d+\b|\b\d{3}-\d{5}\b|\bH\d+\b", r.body.decode()), [],
                 "board: no child or household id on /performance/210")

    m = users["manager"]
    # A chosen date, and its validation.
    r = get(m, "/performance?to=2025-06-30")
    c.eq(r.status, 200, "?to=2025-06-30")
    same_figures(parse(r.body).cells, "306", cli("--partner", "306", "--to", "2025-06-30"),
                 "?to=2025-06-30")
    for bad, words in (("2026-13-01", b"real date in the form YYYY-MM-DD"),
                       ("yesterday", b"real date in the form YYYY-MM-DD"),
                       ("2030-01-01", b"today or in the past")):
        r = get(m, "/performance?to=" + bad)
        c.eq(r.status, 400, "?to=%s refused" % bad)
        c.true(words in r.body and b"govuk-error-summary" in r.body and b'href="#to"' in r.body,
               "?to=%s: the error names the field" % bad)
        c.true(b"<title>Error: " in r.body, "?to=%s: the title says Error" % bad)
    c.eq(get(m, "/performance/999").status, 404, "an unknown partner's page")
    c.eq(get(m, "/performance/210/x").status, 404, "a path under a partner")
    c.eq(m.request("POST", "/performance", "").status in (403, 404), True, "POST /performance")

    # ---- GET /api/v1/scorecard --------------------------------------------
    def api(s, query):
        return s.get("/api/v1/scorecard" + query)

    for role in ("manager", "board"):
        s = users[role]
        r = api(s, "?to=" + QEND)
        c.eq(r.json, region, "%s API: the region equals the CLI" % role)
        for p in PARTNERS:
            c.eq(api(s, "?partner=%s&to=%s" % (p, QEND)).json, part[p], "%s API: %s" % (role, p))
        c.eq(api(s, "?partner=306&to=2024-02-29&years=1").json,
             cli("--partner", "306", "--to", "2024-02-29", "--years", "1"),
             "%s API: years=1 to a leap day" % role)
        c.eq(api(s, "?partner=210&to=2026-11-20&series=1").json,
             cli("--partner", "210", "--to", "2026-11-20", "--series"), "%s API: series" % role)
        c.eq(api(s, "?series=1&years=2").json, cli("--series", "--years", "2"),
             "%s API: the region's series, default to (today)" % role)
        c.eq(api(s, "").json, cli(), "%s API: defaults equal the CLI's" % role)
    r = api(users["manager"], "?to=" + QEND)
    c.eq(r.header("Content-Type"), "application/json", "API content type")

    la = users["la_social_worker"]
    c.eq(api(la, "?partner=210&to=" + QEND).json, part["210"], "LA: its own partner")
    c.eq(api(users["la_adm"], "?partner=210&series=1").json, cli("--partner", "210", "--series"),
         "LA ADM: its own series")

    def refused(r, status, code, field, what):
        c.eq(r.status, status, what)
        e = (r.json or {}).get("error") or {}
        c.eq((e.get("code"), e.get("field")), (code, field), what + ": error shape")
        c.true(isinstance(e.get("message"), str) and e["message"], what + ": a message")

    refused(api(la, "?partner=306"), 404, "not_found", "partner", "LA: another partner")
    refused(api(la, "?partner=999"), 404, "not_found", "partner", "LA: an unknown partner")
    refused(api(la, ""), 403, "forbidden", "partner", "LA: the region")
    refused(api(m, "?partner=999"), 404, "not_found", "partner", "manager: an unknown partner")
    refused(api(m, "?to=2024-02-30"), 400, "invalid_query", "to", "a bad date")
    refused(api(m, "?years=0"), 400, "invalid_query", "years", "years 0")
    refused(api(m, "?years=51"), 400, "invalid_query", "years", "years 51")
    refused(api(m, "?series=yes"), 400, "invalid_query", "series", "series=yes")
    for role in ("admin", "family_finder", "assessment_worker", "panel_adviser", "raa_adm",
                 "support_worker"):
        refused(api(users[role], "?partner=210"), 403, "forbidden", None, "%s: the API" % role)
    r = srv.request("GET", "/api/v1/scorecard")
    c.eq(r.status, 401, "signed out: the API")
    r = m.request("POST", "/api/v1/scorecard", {})
    c.eq(r.status, 405, "POST /api/v1/scorecard")
    r = m.request("GET", "/api/v1/scorecard?partner=210'%20OR%201=1")
    c.eq(r.status, 404, "SQL in a partner code is just an unknown code")
c.finish()
PY
expect_exit 0 "audit chain intact" -- raa --db "$DB" audit verify
finish
