#!/usr/bin/env bash
# The matching pages (docs/matching.md, "Pages") against a real server and
# a demo region: who may open them (every role, LA own and other partner),
# that an LA user never sees where a household lives, and that the pages
# say what `raa match` says on the same database and date (candidates and
# scores, exclusion counts per code, the pool's children placed, proposals
# and unplaced units).
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
export RAA_PID_DIR="$TMP"
trap 'for f in "$TMP"/*.pid; do [ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; rm -rf "$TMP"' EXIT
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
R init > /dev/null
R demo --seed 5 > /dev/null || fail "demo"
EARLIER=2026-06-01
R match pool --format json > "$TMP/pool.json" || fail "match pool"
R match pool --on $EARLIER --format json > "$TMP/pool-earlier.json" || fail "match pool --on"
R export children --format json > "$TMP/children.json" || fail "export children"
R export adopters --format json > "$TMP/adopters.json" || fail "export adopters"
# A waiting child of Southwark (210, the LA users' partner) and one of
# another partner, both in the pool; a placed child; an approved household.
pick() { python3 - "$TMP" "$1" <<'PY'
import json, sys
tmp, what = sys.argv[1:3]
pool = json.load(open(tmp + "/pool.json"))
kids = {c["child_id"]: c for c in json.load(open(tmp + "/children.json"))}
units = [p["unit"] for p in pool["proposals"]] + pool["unplaced"]
if what == "own":
    print(next(u[0] for u in units if kids[u[0]]["partner"] == "210"))
elif what == "other":
    print(next(u[0] for u in units if kids[u[0]]["partner"] != "210"))
elif what == "adopter":
    print(pool["proposals"][0]["adopter"])
PY
}
OWN=$(pick own)
OTHER=$(pick other)
ADOPTER=$(pick adopter)
[ -n "$OWN" ] && [ -n "$OTHER" ] && [ -n "$ADOPTER" ] || fail "no children or household to test with"
R match child "$OWN" --format json > "$TMP/own.json" || fail "match child $OWN"
R match child "$OTHER" --format json > "$TMP/other.json" || fail "match child $OTHER"
R match adopter "$ADOPTER" --format json > "$TMP/adopter.json" || fail "match adopter $ADOPTER"
# A child the CLI refuses (exit 1): placed, not waiting.
PLACED=$(R --format json child list --status placed | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['child_id'])")
[ -n "$PLACED" ] || fail "no placed child"

cd "$HERE" || exit 1
if python3 - "$TMP" "$OWN" "$OTHER" "$ADOPTER" "$PLACED" "$EARLIER" <<'PY'; then ok; else fail "page checks (listed above)"; tail -20 "$DB.serve.log" >&2; fi
import collections, html, json, re, sys
sys.path.insert(0, ".")
from api_client import Checks, Server, Session, USERS

tmp, own, other, adopter, placed, earlier = sys.argv[1:7]
c = Checks("test_match_pages")
pool = json.load(open(tmp + "/pool.json"))
pool_earlier = json.load(open(tmp + "/pool-earlier.json"))
own_cli = json.load(open(tmp + "/own.json"))
other_cli = json.load(open(tmp + "/other.json"))
adopter_cli = json.load(open(tmp + "/adopter.json"))
districts = {a["postcode_district"].upper() for a in json.load(open(tmp + "/adopters.json"))
             if a.get("postcode_district")}

ROLES = ["la_social_worker", "la_adm", "family_finder", "assessment_worker", "panel_adviser",
         "raa_adm", "support_worker", "manager", "board", "admin"]
EMAIL = {role: email for email, role, partner in USERS if partner in ("", "210")}
# Status per role, in ROLES order.
MATRIX = [
    ("/children/%s/matching" % own, [200, 200, 200, 403, 200, 200, 403, 403, 404, 404]),
    ("/children/%s/matching" % other, [404, 404, 200, 403, 200, 200, 403, 403, 404, 404]),
    ("/adopters/%s/matching" % adopter, [403, 403, 200, 403, 200, 200, 403, 403, 404, 404]),
    ("/matching", [403, 403, 200, 403, 200, 200, 403, 403, 404, 404]),
    ("/children/NOPE1/matching", [404, 404, 404, 403, 404, 404, 403, 403, 404, 404]),
]


def get(s, path):
    return s.server.request("GET", path, headers={"Cookie": s.cookie})


def attrs(page, tag_re):
    """data-* attributes of every element whose opening tag matches tag_re."""
    out = []
    for m in re.finditer(r"<(?:tr|li|div)\b([^>]*)>", page):
        if re.search(tag_re, m.group(1)):
            out.append(dict((k, html.unescape(v)) for k, v in re.findall(r'(data-[a-z-]+)="([^"]*)"', m.group(1))))
    return out


def section(page, testid):
    """From the element marked testid to the end of its table or list (the
    reasons inside a table are lists of their own)."""
    m = re.search(r'<(table|ul|dl|div)\b[^>]*data-testid="%s".*?</\1>' % testid, page, re.S)
    return m.group(0) if m else ""


def visible_text(page):
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


with Server(tmp + "/raa.db") as srv:
    sess = {}
    for role in ROLES:
        s = Session(srv, EMAIL[role])
        c.eq(s.login.status, 200, "sign in " + role)
        sess[role] = s
    lambeth = Session(srv, "sw.lambeth@demo.raa.test")
    c.eq(lambeth.login.status, 200, "sign in sw.lambeth")

    # ---- access, every role ----
    for path, want in MATRIX:
        got = [get(sess[r], path).status for r in ROLES]
        c.eq(got, want, "GET %s by role" % path)
    c.eq(get(lambeth, "/children/%s/matching" % own).status, 404,
         "another partner's LA social worker: 404 like a missing child")

    # ---- the child's page (family finder) says what raa match child says ----
    ff = sess["family_finder"]
    page = get(ff, "/children/%s/matching" % own).body.decode()
    rows = attrs(section(page, "candidates"), r'data-adopter=')
    c.eq([r["data-adopter"] for r in rows], [x["adopter"] for x in own_cli["candidates"]],
         "candidates in the CLI's order")
    c.eq([float(r["data-score"]) for r in rows], [x["score"] for x in own_cli["candidates"]],
         "candidate scores = CLI")
    # Each candidate's reasons add up to its score.
    for m in re.finditer(r'<tr class="govuk-table__row" data-adopter="([^"]+)" data-score="([^"]+)">(.*?)</tr>',
                         section(page, "candidates"), re.S):
        pts = [float(x) for x in re.findall(r'data-points="([^"]+)"', m.group(3))]
        c.eq(len(pts), 5, "five reasons for " + m.group(1))
        c.eq(round(sum(pts), 1), float(m.group(2)), "reasons add up to the score of " + m.group(1))
    want = collections.Counter(code for e in own_cli["excluded"] for code in e["reasons"])
    got = {r["data-code"]: int(r["data-count"]) for r in attrs(section(page, "exclusion-counts"), r"data-code=")}
    c.eq(got, dict(want), "exclusion counts per code = CLI's excluded codes")
    c.true(len(want) > 0, "some households are excluded")
    listed = attrs(section(page, "excluded"), r"data-adopter=")
    c.eq([r["data-adopter"] for r in listed], [e["adopter"] for e in own_cli["excluded"]],
         "every excluded household listed (pool reader)")
    n_cand = len(own_cli["candidates"])
    c.eq(page.count('data-testid="propose"'), n_cand, "a Propose a link form per candidate (family finder)")
    c.true(n_cand == 0 or ('action="/children/%s/links"' % own in page and 'name="adopter"' in page
                           and 'name="csrf"' in page), "propose form posts adopter and csrf")
    c.true(n_cand == 0 or "lives in" in page, "a pool reader sees where candidates live")
    c.true("How scores are weighted" in page and "match.weight.needs_headroom" in page, "weights shown")
    c.eq(get(sess["panel_adviser"], "/children/%s/matching" % own).body.decode().count('data-testid="propose"'),
         0, "no propose form for a role that does not link")

    # ---- the LA user's page: own child's candidates, never a postcode ----
    la = get(sess["la_social_worker"], "/children/%s/matching" % own).body.decode()
    rows = attrs(section(la, "candidates"), r'data-adopter=')
    c.eq([r["data-adopter"] for r in rows], [x["adopter"] for x in own_cli["candidates"]],
         "LA user sees the same candidates (the whole region's households)")
    text = visible_text(la)
    leaked = sorted(d for d in districts if re.search(r"(?<![A-Z0-9])%s(?![A-Z0-9])" % re.escape(d), text.upper()))
    c.eq(leaked, [], "no household postcode district on the LA user's page")
    c.true("lives in" not in la, "no 'lives in' for an LA user")
    c.eq(la.count('data-testid="propose"'), 0, "no propose form for an LA user")
    c.true('data-code="birth_family_area"' not in section(la, "excluded"),
           "birth family area never tied to a household for an LA user")
    got = {r["data-code"]: int(r["data-count"]) for r in attrs(section(la, "exclusion-counts"), r"data-code=")}
    c.eq(got, dict(want), "LA user's exclusion counts = CLI's")
    c.true("/adopters/" not in section(la, "candidates"), "no links to household pages for an LA user")
    c.eq(get(sess["la_adm"], "/children/%s/matching" % own).status, 200, "LA ADM own child")

    # Another partner's child through a pool reader matches the CLI too.
    page = get(sess["panel_adviser"], "/children/%s/matching" % other).body.decode()
    c.eq([r["data-adopter"] for r in attrs(section(page, "candidates"), r"data-adopter=")],
         [x["adopter"] for x in other_cli["candidates"]], "other partner's child: candidates = CLI")

    # ---- a child outside the pool ----
    r = get(ff, "/children/%s/matching" % placed)
    c.eq(r.status, 200, "placed child's matching page")
    c.true('data-testid="not-in-pool" data-status="placed"' in r.body.decode(), "says the child is placed")

    # ---- the household's page ----
    page = get(ff, "/adopters/%s/matching" % adopter).body.decode()
    rows = attrs(section(page, "candidates"), r"data-child=")
    c.eq([(r["data-child"], float(r["data-score"])) for r in rows],
         [(x["unit"][0], x["score"]) for x in adopter_cli["candidates"]], "household's units = CLI")
    c.eq(len(attrs(section(page, "excluded"), r"data-child=")), len(adopter_cli["excluded"]),
         "household's excluded units = CLI")

    # ---- the pool ----
    page = get(ff, "/matching").body.decode()
    m = re.search(r'data-children-placed="(\d+)"', page)
    c.eq(int(m.group(1)) if m else None, pool["children_placed"], "children placed = raa match pool")
    rows = attrs(section(page, "proposals"), r"data-adopter=")
    c.eq(sorted((r["data-child"], r["data-adopter"]) for r in rows),
         sorted((p["unit"][0], p["adopter"]) for p in pool["proposals"]), "proposals = raa match pool")
    c.eq(sum(int(r["data-size"]) for r in rows), pool["children_placed"], "proposal sizes add up")
    unpl = attrs(section(page, "unplaced"), r"data-top=")
    c.eq([r["data-child"] for r in unpl], [u[0] for u in pool["unplaced"]], "unplaced units = raa match pool")
    c.true(all(r["data-top"] for r in unpl), "every unplaced unit names its main obstacle")
    # The main obstacle of the first unplaced unit is its CLI's most common code.
    if pool["unplaced"]:
        first = pool["unplaced"][0][0]
        import subprocess, os
        cli = json.loads(subprocess.run([os.environ["RAA_BIN"], "--db", tmp + "/raa.db", "match", "child",
                                         first, "--format", "json"], capture_output=True).stdout)
        cnt = collections.Counter(code for e in cli["excluded"] for code in e["reasons"] if code != "not_available")
        c.eq(int(unpl[0]["data-count"]), max(cnt.values()), "main obstacle's count = CLI")
        c.eq(cnt[unpl[0]["data-top"]], max(cnt.values()), "main obstacle = CLI's most common code")
    c.true(len(attrs(section(page, "recruitment"), r"data-code=")) > 0, "recruitment signal shown")
    early = attrs(section(page, "early"), r"data-child=")
    c.eq([r["data-child"] for r in early], [e["unit"][0] for e in pool["early_family_finding"]],
         "early family finding shown apart")
    c.true(not ({r["data-child"] for r in early} & {r["data-child"] for r in rows}), "early units never proposed")
    page = get(ff, "/matching?on=" + earlier).body.decode()
    m = re.search(r'data-children-placed="(\d+)"', page)
    c.eq(int(m.group(1)) if m else None, pool_earlier["children_placed"], "?on= = raa match pool --on")
    c.eq(get(ff, "/matching?on=2026-02-30").status, 400, "a bad ?on= is refused")

    # ---- links from the record pages ----
    c.true('href="/children/%s/matching"' % own in get(ff, "/children/%s" % own).body.decode(),
           "child page links to matching (family finder)")
    c.true('href="/children/%s/matching"' % own in get(sess["la_social_worker"], "/children/%s" % own).body.decode(),
           "child page links to matching (LA)")
    c.true('href="/children/%s/matching"' % own not in get(sess["assessment_worker"], "/children/%s" % own).body.decode(),
           "no matching link for a role outside matching")
    c.true('href="/adopters/%s/matching"' % adopter in get(ff, "/adopters/%s" % adopter).body.decode(),
           "household page links to matching")
c.finish()
PY
finish
