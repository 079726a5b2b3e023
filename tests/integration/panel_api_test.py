"""The panels API (docs/panels.md) against a real server on a demo region:
who may read and write (every role), CSRF, members, a panel, attendance,
agenda items, the quorum refusal then a recommendation writing its event,
scoping of items for an LA ADM, the ADM clock, minutes and error shapes.

Usage: panel_api_test.py DB (a `raa demo --seed 5` database)."""
import json
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from api_client import RAA, Checks, Server, Session, USERS  # noqa: E402

ROLES = ["la_social_worker", "la_adm", "family_finder", "assessment_worker", "panel_adviser",
         "raa_adm", "support_worker", "manager", "board", "admin"]
READERS = {"panel_adviser", "raa_adm", "la_adm", "manager"}
WRITERS = {"panel_adviser"}


def error_shape(r):
    d = r.json
    return (isinstance(d, dict) and list(d) == ["error"]
            and sorted(d["error"]) == ["code", "field", "message"])


def pick(manager, kind, partner, status):
    r = manager.get("/api/v1/%s?partner=%s&status=%s&per_page=200" % (kind, partner, status))
    key = "child_id" if kind == "children" else "adopter_id"
    return [o[key] for o in r.json["items"]]


def sessions(srv):
    out = {}
    for email, role, partner in USERS:
        if role not in out:
            out[role] = Session(srv, email)
    return out


def set_up_panel(c, pa, fx):
    """Six members (one social worker short of three years), a panel on
    Thursday 12 November 2026 and three items."""
    members = [
        {"name": "Pat Chair", "role": "independent,chair"},
        {"name": "Sam Early", "role": "social_worker", "qualified": "2023-11-13"},
        {"name": "Dr Med", "role": "medical_adviser"},
        {"name": "Ida Ind", "role": "independent"},
        {"name": "Ian Ind", "role": "independent"},
        {"name": "Sue Senior", "role": "social_worker", "years": 12},
    ]
    ids = []
    for m in members:
        r = pa.post("/api/v1/panel-members", m)
        c.eq(r.status, 201, "add member %s" % m["name"])
        ids.append(r.json["id"] if r.status == 201 else 0)
    r = pa.post("/api/v1/panels", {"date": "2026-11-12", "name": "November panel",
                                   "location": "Town Hall"})
    c.eq(r.status, 201, "add panel")
    panel = r.json["id"]
    items = {}
    for key, body in (("approval", {"kind": "approval", "adopter": fx["stage2"],
                                    "papers": ["PAR", "Medical report"]}),
                      ("own", {"kind": "should_be_placed", "children": [fx["child210"]],
                               "papers": "CPR; Medical report"}),
                      ("other", {"kind": "should_be_placed", "children": [fx["child208"]]})):
        r = pa.post("/api/v1/panels/%d/items" % panel, body)
        c.eq(r.status, 201, "add %s item" % key)
        items[key] = r.json["id"] if r.status == 201 else 0
    return ids, panel, items


def check_matrix(c, by_role, panel):
    """Reads by auth_reads_panels, writes by auth_runs_panels."""
    for role in ROLES:
        s = by_role[role]
        want_read = 200 if role in READERS else 403
        for path in ("/api/v1/panel-members", "/api/v1/panels", "/api/v1/panels/%d" % panel):
            r = s.get(path)
            c.eq(r.status, want_read, "%s GET %s" % (role, path))
            if r.status != 200:
                c.true(error_shape(r) and r.json["error"]["code"] == "forbidden",
                       "%s GET %s error shape" % (role, path))
        if role in WRITERS:
            continue
        for method, path, body in (
                ("POST", "/api/v1/panel-members", {"name": "X", "role": "other"}),
                ("POST", "/api/v1/panels", {"date": "2026-12-01"}),
                ("POST", "/api/v1/panels/%d/attendance" % panel, {"members": [1]}),
                ("POST", "/api/v1/panels/%d/items" % panel, {"kind": "approval", "adopter": "A1"}),
                ("POST", "/api/v1/panel-items/1/recommendation", {"recommendation": "yes", "reasons": "x"}),
                ("PUT", "/api/v1/panels/%d/minutes" % panel, {"text": "x"}),
                ("PATCH", "/api/v1/panel-members/1", {"name": "X"}),
                ("DELETE", "/api/v1/panels/%d/attendance/1" % panel, None),
                ("PUT", "/api/v1/panel-items/1/papers", {"papers": ["X"]}),
                ("DELETE", "/api/v1/panel-items/1", None)):
            r = s.request(method, path, body)
            c.eq(r.status, 403, "%s %s %s" % (role, method, path))


def check_csrf(c, pa, panel):
    for token in (None, "0" * 64):
        h = {"X-CSRF-Token": token} if token else {}
        r = pa.request("POST", "/api/v1/panels", {"date": "2026-12-01"}, csrf=False, headers=h)
        c.eq(r.status, 403, "panel add without a valid CSRF token")
        c.eq(r.error_code(), "csrf", "CSRF error code")
    r = pa.request("PUT", "/api/v1/panels/%d/minutes" % panel, {"text": "x"}, csrf=False)
    c.eq(r.status, 403, "minutes without CSRF token")


def check_errors(c, pa, panel):
    r = pa.post("/api/v1/panel-members", {"name": "X", "role": "nurse"})
    c.eq(r.status, 422, "bad role")
    c.true(error_shape(r) and r.json["error"]["field"] == "role", "bad role names the field", r)
    r = pa.post("/api/v1/panel-members", {"name": "X", "role": "other", "years": "many"})
    c.eq(r.status, 422, "years not a number")
    r = pa.post("/api/v1/panels", {"date": "2026-02-30"})
    c.true(r.status == 422 and r.json["error"]["field"] == "date", "bad panel date", r)
    r = pa.post("/api/v1/panels", "[1]")
    c.eq(r.status, 400, "not an object")
    r = pa.get("/api/v1/panels/999")
    c.eq(r.status, 404, "unknown panel")
    r = pa.get("/api/v1/panels/abc")
    c.eq(r.status, 404, "panel id not a number")
    r = pa.post("/api/v1/panels/%d/items" % panel, {"kind": "match", "children": ["C1"]})
    c.true(r.status == 422 and r.json["error"]["field"] == "adopter", "match without household", r)
    r = pa.post("/api/v1/panels/%d/items" % panel, {"kind": "should_be_placed", "children": ["NOPE"]})
    c.true(r.status == 422 and r.json["error"]["field"] == "child", "unknown child", r)
    r = pa.post("/api/v1/panels/%d/attendance" % panel, {"members": "1"})
    c.eq(r.status, 422, "attendance not a list")
    r = pa.post("/api/v1/panels/%d/attendance" % panel, {"members": [999]})
    c.eq(r.status, 404, "unknown member")


def check_corrections(c, db, pa, ids, fx):
    """Corrections before any recommendation (docs/panels.md): a member's
    details, attendance recorded in error, an item's papers, withdrawing an
    item; each audited, refusals naming the field."""
    member = "/api/v1/panel-members/%d"
    r = pa.post("/api/v1/panel-members", {"name": "Kim Typo", "role": "social_worker",
                                          "qualified": "2015-06-01"})
    kim = r.json["id"] if r.status == 201 else 0
    r = pa.request("PATCH", member % kim, {"name": "Kim Tipo"})
    c.true(r.status == 200 and r.json["name"] == "Kim Tipo" and r.json["seat"] == "social_worker"
           and r.json["qualified"] == "2015-06-01", "PATCH name keeps seat and qualification", r)
    r = pa.request("PATCH", member % kim, {"role": "independent,vice_chair"})
    c.true(r.status == 200 and r.json["seat"] == "independent" and r.json["chair"] == "vice_chair"
           and r.json["qualified"] is None, "a seat without social work clears the date", r)
    r = pa.request("PATCH", member % kim, {"role": "nurse"})
    c.true(r.status == 422 and r.json["error"]["field"] == "role", "bad role names the field", r)
    r = pa.request("PATCH", member % kim, {"years": "many"})
    c.true(r.status == 422 and r.json["error"]["field"] == "years", "years not a number", r)
    c.eq(pa.request("PATCH", member % 999, {"name": "X"}).status, 404, "unknown member")
    c.eq(pa.request("PATCH", member % kim, {"name": "Y"}, csrf=False).status, 403,
         "PATCH without CSRF token")
    listed = [m for m in pa.get("/api/v1/panel-members").json if m["id"] == kim]
    c.eq([(m["name"], m["chair"]) for m in listed], [("Kim Tipo", "vice_chair")],
         "the list shows the change")

    r = pa.post("/api/v1/panels", {"date": "2026-11-05", "name": "Corrections panel"})
    panel = r.json["id"] if r.status == 201 else 0
    c.eq(pa.post("/api/v1/panels/%d/attendance" % panel, {"members": ids[:3]}).status, 200,
         "three sit")
    items = []
    for papers in (["PAR"], ["CPR"]):
        r = pa.post("/api/v1/panels/%d/items" % panel,
                    {"kind": "approval", "adopter": fx["stage2"], "papers": papers})
        items.append(r.json["id"] if r.status == 201 else 0)
    r = pa.request("DELETE", "/api/v1/panels/%d/attendance/%d" % (panel, ids[0]))
    c.true(r.status == 200 and r.json == {"panel": panel, "member": ids[0]},
           "attendance removed", r)
    r = pa.request("DELETE", "/api/v1/panels/%d/attendance/%d" % (panel, ids[0]))
    c.true(r.status == 404 and "not recorded as sitting" in r.json["error"]["message"],
           "not sitting: 404", r)
    c.eq(pa.request("DELETE", "/api/v1/panels/%d/attendance/x" % panel).status, 404,
         "member id not a number")
    r = pa.request("PUT", "/api/v1/panel-items/%d/papers" % items[0],
                   {"papers": ["PAR (revised)", "Medical report"]})
    c.eq(r.status, 200, "papers replaced")
    r = pa.request("PUT", "/api/v1/panel-items/%d/papers" % items[0], {"papers": 5})
    c.true(r.status == 422 and r.json["error"]["field"] == "papers", "papers must be a list", r)
    r = pa.request("DELETE", "/api/v1/panel-items/%d" % items[1])
    c.true(r.status == 200 and r.json == {"item": items[1], "withdrawn": True}, "item withdrawn", r)
    c.eq(pa.request("DELETE", "/api/v1/panel-items/%d" % items[1]).status, 404,
         "a withdrawn item is gone")
    d = pa.get("/api/v1/panels/%d" % panel).json
    c.eq(sorted(m["id"] for m in d["attendance"]), sorted(ids[1:3]), "attendance read back")
    c.eq([(i["id"], i["papers"]) for i in d["items"]],
         [(items[0], ["PAR (revised)", "Medical report"])], "agenda read back")
    # a new item never takes a withdrawn one's id
    r = pa.post("/api/v1/panels/%d/items" % panel, {"kind": "approval", "adopter": fx["stage2"]})
    c.true(r.status == 201 and r.json["id"] > items[1], "ids are not reused", r)
    want = [("write_panel_member", str(kim)), ("write_panel", "attendance removed"),
            ("write_panel", "papers"), ("write_panel", "item withdrawn")]
    c.eq(audited(db, want), want, "each correction audited")


def audited(db, want, timeout=3.0):
    """The (action, detail) pairs of want found in the audit log, waiting
    for the server's batched audit writer."""
    deadline = time.time() + timeout
    while True:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        try:
            rows = set(con.execute("SELECT action, detail FROM audit").fetchall())
        finally:
            con.close()
        found = [w for w in want if w in rows]
        if found == want or time.time() > deadline:
            return found
        time.sleep(0.05)


def check_corrections_refused(c, pa, panel, items):
    """After a recommendation nothing the panel read or who sat changes."""
    r = pa.request("DELETE", "/api/v1/panels/%d/attendance/%d" % (panel, 1))
    c.true(r.status == 409 and r.json["error"]["field"] == "member"
           and "recommendations were made with this attendance" in r.json["error"]["message"],
           "attendance fixed once recommended", r)
    r = pa.request("PUT", "/api/v1/panel-items/%d/papers" % items["approval"], {"papers": ["X"]})
    c.true(r.status == 409 and r.json["error"]["field"] == "item", "papers fixed once recommended", r)
    r = pa.request("DELETE", "/api/v1/panel-items/%d" % items["approval"])
    c.true(r.status == 409 and r.json["error"]["field"] == "item", "item stays once recommended", r)
    d = pa.get("/api/v1/panels/%d" % panel).json
    c.eq(len(d["items"]), 3, "every item still on the agenda")


def events_of(db, record):
    out = subprocess.run([RAA, "--db", db, "export", "events", "--format", "json"],
                         capture_output=True, check=True).stdout
    return [e for e in json.loads(out) if e["record"] == record]


def check_recommendations(c, db, by_role, ids, panel, items, fx):
    pa = by_role["panel_adviser"]
    rec = "/api/v1/panel-items/%d/recommendation"
    r = pa.post("/api/v1/panels/%d/attendance" % panel, {"members": ids[:5]})
    c.eq(r.status, 200, "attendance of five")
    r = pa.post(rec % items["approval"], {"recommendation": "yes", "reasons": "Thorough PAR"})
    c.eq(r.status, 409, "refused without a qualifying social worker")
    c.true(r.json and r.json["error"]["field"] == "quorum"
           and "no social worker with 3 years" in r.json["error"]["message"],
           "refusal says what is missing", r)
    c.eq(len([e for e in events_of(db, fx["stage2"]) if e["kind"] == "approval_panel"]), 0,
         "no event after the refusal")
    r = pa.post("/api/v1/panels/%d/attendance" % panel, {"members": [ids[5]]})
    c.eq(r.status, 200, "Sue sits")
    r = pa.post(rec % items["approval"], {"recommendation": "maybe", "reasons": "x"})
    c.true(r.status == 422 and r.json["error"]["field"] == "recommendation", "yes or no", r)
    r = pa.post(rec % items["approval"], {"recommendation": "yes"})
    c.true(r.status == 422 and r.json["error"]["field"] == "reasons", "reasons required", r)
    r = pa.post(rec % items["approval"], {"recommendation": "yes", "reasons": "Thorough PAR"})
    c.eq(r.status, 201, "approval recommended")
    ev = [e for e in events_of(db, fx["stage2"]) if e["kind"] == "approval_panel"]
    c.eq([(e["date"], e["detail"]) for e in ev],
         [("2026-11-12", "recommendation=yes; reasons=Thorough PAR")], "approval_panel written")
    r = pa.post(rec % items["approval"], {"recommendation": "no", "reasons": "again"})
    c.eq(r.status, 409, "second recommendation refused")
    r = pa.post(rec % items["own"], {"recommendation": "yes", "reasons": "Relinquished"})
    c.eq(r.status, 201, "should be placed recommended")
    r = pa.request("PUT", "/api/v1/panels/%d/minutes" % panel, {"text": "Three items heard."})
    c.eq(r.status, 200, "minutes")

    d = pa.get("/api/v1/panels/%d" % panel).json
    c.eq(d["quorum"]["met"], True, "quorum met")
    c.eq(d["minutes"], "Three items heard.", "minutes read back")
    approval = [i for i in d["items"] if i["id"] == items["approval"]][0]
    # Thursday 12 Nov 2026 + 7 working days = Monday 23 Nov (today): due.
    c.eq((approval["adm"]["due"], approval["adm"]["status"]), ("2026-11-23", "due"), "ADM clock")
    c.eq(approval["papers"], ["PAR", "Medical report"], "papers")
    c.eq([i["adm"] for i in d["items"] if i["id"] == items["other"]], [None],
         "no ADM clock before a recommendation")

    # The LA ADM (210) sees the panel, but only its own records' items:
    # its household's approval and its child's, not Lambeth's child's.
    la = by_role["la_adm"]
    d = la.get("/api/v1/panels/%d" % panel).json
    c.eq(sorted(i["id"] for i in d["items"]), sorted([items["approval"], items["own"]]),
         "la_adm sees its own items only")
    r = la.get("/api/v1/panels")
    c.eq([p["items"] for p in r.json if p["id"] == panel], [2], "la_adm's item count")
    d = by_role["raa_adm"].get("/api/v1/panels/%d" % panel).json
    c.eq(len(d["items"]), 3, "raa_adm sees every item")


def form(session, path, fields):
    from urllib.parse import urlencode
    body = urlencode(dict(fields, csrf=session.csrf))
    return session.request("POST", path, body, csrf=False,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})


def check_pages(c, by_role, panel, items):
    """The server-rendered pages: who may see them, the agenda, the quorum,
    the recommendation form's errors beside the field, and the pack."""
    for role in ROLES:
        r = by_role[role].get("/panels")
        c.eq(r.status, 200 if role in READERS else 403, "%s GET /panels" % role)
    pa = by_role["panel_adviser"]
    r = pa.get("/panels/%d" % panel)
    c.eq(r.status, 200, "panel page")
    c.true(b"Quorate" in r.body and b"Thorough PAR" in r.body, "quorum and recommendation shown")
    c.true(b"style=" not in r.body and b"<script>" not in r.body, "no inline style or script")
    path = "/panels/%d/items/%d/recommendation" % (panel, items["other"])
    r = form(pa, path, {"recommendation": "yes", "reasons": ""})
    c.eq(r.status, 422, "reasons missing on the page")
    c.true(b'id="reasons-%d-error"' % items["other"] in r.body
           and b"govuk-error-summary" in r.body, "error beside the field and in the summary")
    r = pa.request("POST", path, "recommendation=yes&reasons=x", csrf=False,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    c.true(r.status in (403, 400), "page form without CSRF refused", r)
    r = form(pa, path, {"recommendation": "no", "reasons": "Plan under review"})
    c.eq(r.status, 303, "recommendation from the page")
    r = form(by_role["raa_adm"], path, {"recommendation": "no", "reasons": "x"})
    c.eq(r.status, 403, "raa_adm cannot record a recommendation")
    r = pa.get("/panels/%d/pack" % panel)
    c.true(r.status == 200 and b"Panel pack" in r.body and b"Medical report" in r.body,
           "printable pack", r)
    r = by_role["la_adm"].get("/panels/%d" % panel)
    c.true(r.status == 200 and b"Plan under review" not in r.body,
           "la_adm's page leaves out another partner's item")
    c.eq(pa.get("/panels/999").status, 404, "unknown panel page")
    check_pack_pdf(c, by_role, panel)
    check_page_forms(c, by_role)


def check_pack_pdf(c, by_role, panel):
    """/panels/{id}/pack.pdf: a PDF attachment for the readers only."""
    for role in ROLES:
        r = by_role[role].get("/panels/%d/pack.pdf" % panel)
        if role in READERS:
            c.true(r.status == 200 and r.header("Content-Type") == "application/pdf"
                   and r.body.startswith(b"%PDF-"), "%s downloads the PDF pack" % role, r)
            c.eq(r.header("Content-Disposition"),
                 'attachment; filename="panel-%d-pack.pdf"' % panel, "%s: an attachment" % role)
        else:
            c.eq(r.status, 403, "%s: no PDF pack" % role)
    c.eq(by_role["panel_adviser"].get("/panels/999/pack.pdf").status, 404, "unknown panel's PDF")


def check_page_forms(c, by_role):
    """The forms that run a panel from the pages: a panel date, a member,
    deactivating, attendance, an agenda item; errors beside the field;
    only the panel adviser posts, others see no form."""
    pa = by_role["panel_adviser"]
    r = form(pa, "/panels", {"date": "2026-02-30", "name": "Bad", "location": ""})
    c.true(r.status == 422 and b'id="panel-date-error"' in r.body
           and b'href="#panel-date"' in r.body and b'value="Bad"' in r.body,
           "bad panel date beside the field, typed values kept", r)
    r = form(pa, "/panels", {"date": "2026-11-19", "name": "Page panel", "location": "Hall"})
    c.eq(r.status, 303, "panel from the page")
    panel = int(r.header("Location").rsplit("/", 1)[1])
    c.eq(pa.get("/api/v1/panels/%d" % panel).json["name"], "Page panel", "panel stored")

    r = form(pa, "/panels/members", {"name": "Page Member", "seat": "independent",
                                     "chair": "vice_chair", "qualified": "2010-01-01"})
    c.true(r.status == 422 and b'id="member-qualified-error"' in r.body,
           "qualification of a non social worker refused beside the field", r)
    r = form(pa, "/panels/members", {"name": "Page Member", "seat": "", "chair": "chair"})
    c.true(r.status == 422 and b'id="member-seat-error"' in r.body, "seat required", r)
    r = form(pa, "/panels/members", {"name": "Page Member", "seat": "independent",
                                     "chair": "vice_chair", "qualified": ""})
    c.eq(r.status, 303, "member from the page")
    m = [x for x in pa.get("/api/v1/panel-members").json if x["name"] == "Page Member"]
    c.eq([x["role"] for x in m], ["independent,vice_chair"], "member's seat and chair")
    mid = m[0]["id"] if m else 0
    r = form(pa, "/panels/members/%d/active" % mid, {"active": "no"})
    c.eq(r.status, 303, "deactivated from the page")
    c.eq([x["active"] for x in pa.get("/api/v1/panel-members").json if x["id"] == mid], [False],
         "member inactive")
    r = form(pa, "/panels/%d/attendance" % panel, {"member": str(mid)})
    c.true(r.status == 422 and b'id="attend-member-error"' in r.body,
           "an inactive member cannot sit", r)
    form(pa, "/panels/members/%d/active" % mid, {"active": "yes"})
    r = form(pa, "/panels/%d/attendance" % panel, {})
    c.eq(r.status, 422, "attendance of nobody refused")
    r = form(pa, "/panels/%d/attendance" % panel, {"member": str(mid)})
    c.eq(r.status, 303, "attendance from the page")
    c.eq([x["id"] for x in pa.get("/api/v1/panels/%d" % panel).json["attendance"]], [mid],
         "attendance stored")
    r = form(pa, "/panels/%d/items" % panel, {"kind": "match", "children": "", "adopter": ""})
    c.true(r.status == 422 and b"govuk-error-summary" in r.body, "bad item refused", r)
    r = form(pa, "/panels/%d/items" % panel, {"kind": "should_be_placed", "children": "NOPE1"})
    c.true(r.status == 422 and b'id="item-children-error"' in r.body, "unknown child beside the field", r)
    r = form(pa, "/panels/%d/minutes" % panel, {"text": ""})
    c.true(r.status == 422 and b'id="minutes-text-error"' in r.body, "empty minutes refused", r)
    c.eq(form(pa, "/panels/999/items", {"kind": "approval", "adopter": "A1"}).status, 404,
         "item on an unknown panel")

    for role in ROLES:
        if role == "panel_adviser":
            continue
        s = by_role[role]
        for path, fields in (("/panels", {"date": "2026-11-19"}),
                             ("/panels/members", {"name": "X", "seat": "other"}),
                             ("/panels/members/%d/active" % mid, {"active": "no"}),
                             ("/panels/%d/attendance" % panel, {"member": str(mid)}),
                             ("/panels/%d/items" % panel, {"kind": "approval"})):
            c.eq(form(s, path, fields).status, 403, "%s POST %s" % (role, path))
        if role in READERS:
            for path in ("/panels", "/panels/members", "/panels/%d" % panel):
                r = s.get(path)
                c.true(r.status == 200 and b'action="/panels' not in r.body,
                       "%s sees %s without forms" % (role, path), r)


def audit_mark(db, action, detail, timeout=3.0):
    """The id of the last audit row (action, detail), waiting for the
    server's batched writer; rows are written in order, so every row
    audited before it is in the table too."""
    deadline = time.time() + timeout
    while True:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        try:
            row = con.execute("SELECT max(id) FROM audit WHERE action = ? AND detail = ?",
                              (action, detail)).fetchone()
        finally:
            con.close()
        if row[0] is not None or time.time() > deadline:
            return row[0] or 0
        time.sleep(0.05)


def writes_after(db, mark, n, timeout=3.0):
    """The (action, detail) of the panel writes audited after row mark, in
    order, waiting until there are n."""
    deadline = time.time() + timeout
    while True:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        try:
            rows = con.execute("SELECT action, detail FROM audit WHERE id > ? AND action IN "
                               "('write_panel', 'write_panel_member') ORDER BY id",
                               (mark,)).fetchall()
        finally:
            con.close()
        if len(rows) >= n or time.time() > deadline:
            return rows
        time.sleep(0.05)


def form_no_csrf(session, path, fields):
    from urllib.parse import urlencode
    return session.request("POST", path, urlencode(fields), csrf=False,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})


def check_page_corrections(c, db, by_role, ids, panel, items, fx):
    """The corrections from the pages: a member's details, attendance
    recorded in error, an item's papers, withdrawing an item; the CSRF
    token, only the panel adviser, refusals beside the field, each page
    write audited; nothing offered once the panel has recommended."""
    pa = by_role["panel_adviser"]
    mid = ids[3]  # Ida Ind
    r = pa.post("/api/v1/panel-members", {"name": "Sal Worker", "role": "social_worker",
                                          "qualified": "2012-05-01"})
    sal = r.json["id"] if r.status == 201 else 0
    r = pa.post("/api/v1/panels", {"date": "2026-11-16", "name": "Page corrections"})
    p2 = r.json["id"]
    pa.post("/api/v1/panels/%d/attendance" % p2, {"members": ids[:2]})
    its = [pa.post("/api/v1/panels/%d/items" % p2, {"kind": "approval", "adopter": fx["stage2"],
                                                    "papers": ["PAR"]}).json["id"] for _ in (1, 2)]
    r = pa.get("/panels/%d" % p2)
    c.true(all(t in r.body for t in (b'data-testid="remove-attendee"', b'data-testid="form-papers"',
                                     b'data-testid="remove-item"')), "corrections offered", r)
    c.true(b'>PAR\n</textarea>' in r.body, "papers prefilled, one a line", r)
    mark = audit_mark(db, "read_panel", str(p2))
    posts = [("/panels/members/%d" % mid, {"name": "X", "seat": "other"}),
             ("/panels/%d/attendance/%d/remove" % (p2, ids[0]), {}),
             ("/panels/%d/items/%d/papers" % (p2, its[0]), {"papers": "X"}),
             ("/panels/%d/items/%d/remove" % (p2, its[1]), {})]

    # every form needs the CSRF token; the panel adviser's only
    for path, fields in posts:
        c.eq(form_no_csrf(pa, path, fields).status, 403, "POST %s without the CSRF token" % path)
    for role in ROLES:
        if role == "panel_adviser":
            continue
        s = by_role[role]
        c.eq(s.get("/panels/members/%d" % mid).status, 403, "%s: no change form" % role)
        for path, fields in posts:
            c.eq(form(s, path, fields).status, 403, "%s POST %s" % (role, path))
        if role in READERS:
            r = s.get("/panels/members")
            c.true(r.status == 200 and b'href="/panels/members/' not in r.body,
                   "%s: no Change link" % role, r)
            r = s.get("/panels/%d" % p2)
            c.true(r.status == 200 and b'action="/panels' not in r.body and b"Remove" not in r.body,
                   "%s sees the panel without forms" % role, r)
    d = pa.get("/api/v1/panels/%d" % p2).json
    c.eq(([m["id"] for m in d["attendance"]], [(i["id"], i["papers"]) for i in d["items"]]),
         (ids[:2], [(its[0], ["PAR"]), (its[1], ["PAR"])]), "none of those posts changed anything")
    c.eq([(m["name"], m["role"]) for m in pa.get("/api/v1/panel-members").json if m["id"] == mid],
         [("Ida Ind", "independent")], "nor the member")

    # a member's details
    r = pa.get("/panels/members")
    c.true(b'href="/panels/members/%d"' % mid in r.body, "members list links to the change form", r)
    r = pa.get("/panels/members/%d" % mid)
    c.true(r.status == 200 and b'value="Ida Ind"' in r.body
           and b'<option value="independent" selected>' in r.body
           and b'action="/panels/members/%d"' % mid in r.body, "change form prefilled", r)
    r = pa.get("/panels/members/%d" % sal)
    c.true(b'<option value="social_worker" selected>' in r.body and b'value="2012-05-01"' in r.body,
           "the qualification prefilled", r)
    c.eq(pa.get("/panels/members/999").status, 404, "unknown member's form")
    c.eq(form(pa, "/panels/members/999", {"name": "X", "seat": "other"}).status, 404,
         "unknown member's post")
    r = form(pa, "/panels/members/%d" % mid, {"name": "Ida Ind", "seat": "", "chair": ""})
    c.true(r.status == 422 and b'id="member-seat-error"' in r.body and b"govuk-error-summary" in r.body
           and b'href="#member-seat"' in r.body and r.body.count(b"<title>Error: ") == 1,
           "no seat: refused beside the field and in the summary", r)
    r = form(pa, "/panels/members/%d" % sal, {"name": "Sal Worker", "seat": "other", "chair": "",
                                              "qualified": "2013-01-01"})
    c.true(r.status == 422 and b'id="member-qualified-error"' in r.body
           and b"only a social worker&#39;s qualification" in r.body and b'value="2013-01-01"' in r.body,
           "a new date for another seat: refused beside the field, typed value kept", r)
    r = form(pa, "/panels/members/%d" % sal, {"name": "Sal Worker", "seat": "other", "chair": "",
                                              "qualified": "2012-05-01"})
    c.eq((r.status, r.header("Location")), (303, "/panels/members"),
         "the date as shown goes with the seat")
    r = form(pa, "/panels/members/%d" % mid, {"name": "Ida Independent", "seat": "independent",
                                              "chair": "vice_chair", "qualified": ""})
    c.eq((r.status, r.header("Location")), (303, "/panels/members"), "member changed from the page")
    got = {m["id"]: (m["name"], m["role"], m["qualified"]) for m in pa.get("/api/v1/panel-members").json}
    c.eq((got.get(sal), got.get(mid)), (("Sal Worker", "other", None),
                                        ("Ida Independent", "independent,vice_chair", None)),
         "the changes are stored")
    r = pa.get("/panels/members")
    c.true(b"Ida Independent" in r.body and b"independent,vice_chair" in r.body, "and listed", r)

    # attendance, papers and the agenda
    r = form(pa, "/panels/%d/attendance/%d/remove" % (p2, ids[0]), {})
    c.eq((r.status, r.header("Location")), (303, "/panels/%d" % p2), "attendee removed from the page")
    c.eq([x["id"] for x in pa.get("/api/v1/panels/%d" % p2).json["attendance"]], [ids[1]],
         "attendance read back")
    r = form(pa, "/panels/%d/attendance/%d/remove" % (p2, ids[0]), {})
    c.true(r.status == 422 and b"not recorded as sitting" in r.body and b'id="attend-member-error"' in r.body,
           "removing twice: refused beside the attendance", r)
    r = form(pa, "/panels/%d/items/%d/papers" % (p2, its[0]), {"papers": "PAR (revised)\r\nMedical"})
    c.eq((r.status, r.header("Location")), (303, "/panels/%d#item-%d" % (p2, its[0])),
         "papers changed from the page")
    r = form(pa, "/panels/%d/items/%d/remove" % (p2, its[1]), {})
    c.eq(r.status, 303, "item withdrawn from the page")
    d = pa.get("/api/v1/panels/%d" % p2).json
    c.eq([(i["id"], i["papers"]) for i in d["items"]], [(its[0], ["PAR (revised)", "Medical"])],
         "agenda read back")
    r = form(pa, "/panels/%d/items/%d/remove" % (p2, its[1]), {})
    c.true(r.status == 422 and b"no such agenda item" in r.body and b"govuk-error-summary" in r.body,
           "withdrawing twice: refused on the page", r)
    c.eq(form(pa, "/panels/999/attendance/%d/remove" % ids[1], {}).status, 404, "unknown panel")
    want = [("write_panel_member", str(sal)), ("write_panel_member", str(mid)),
            ("write_panel", "attendance removed"), ("write_panel", "papers"),
            ("write_panel", "item withdrawn")]
    c.eq(writes_after(db, mark, len(want)), want, "each page correction audited, nothing refused")

    # the main panel has recommended: nothing offered, a post refused with the reason
    r = pa.get("/panels/%d" % panel)
    c.true(r.status == 200 and b'data-testid="remove-attendee"' not in r.body
           and r.body.count(b'data-testid="form-papers"') == 1
           and b'action="/panels/%d/items/%d/papers"' % (panel, items["other"]) in r.body,
           "who sat is fixed; only the unrecommended item's papers can change", r)
    r = form(pa, "/panels/%d/attendance/%d/remove" % (panel, ids[5]), {})
    c.true(r.status == 422 and b"recommendations were made with this attendance" in r.body
           and b'id="attend-member-error"' in r.body, "a removal anyway is refused with the reason", r)
    for path in ("/panels/%d/items/%d/papers", "/panels/%d/items/%d/remove"):
        r = form(pa, path % (panel, items["approval"]), {"papers": "X"})
        c.true(r.status == 422 and b'id="item-%d-error"' % items["approval"] in r.body
               and b'href="#item-%d"' % items["approval"] in r.body
               and b"has a recommendation" in r.body,
               "%s anyway: refused beside the item" % path.rsplit("/", 1)[1], r)
    d = pa.get("/api/v1/panels/%d" % panel).json
    c.eq(([i["papers"] for i in d["items"] if i["id"] == items["approval"]], len(d["items"])),
         ([["PAR", "Medical report"]], 3), "the recommended item stays as the panel read it")


def main():
    db = sys.argv[1]
    c = Checks("panel_api_test")
    with Server(db) as srv:
        by_role = sessions(srv)
        manager = by_role["manager"]
        fx = {"stage2": [a for a in pick(manager, "adopters", "210", "stage2")][0],
              "child210": pick(manager, "children", "210", "waiting")[0],
              "child208": pick(manager, "children", "208", "waiting")[0]}
        ids, panel, items = set_up_panel(c, by_role["panel_adviser"], fx)
        check_matrix(c, by_role, panel)
        check_csrf(c, by_role["panel_adviser"], panel)
        check_errors(c, by_role["panel_adviser"], panel)
        check_corrections(c, db, by_role["panel_adviser"], ids, fx)
        check_recommendations(c, db, by_role, ids, panel, items, fx)
        check_corrections_refused(c, by_role["panel_adviser"], panel, items)
        check_page_corrections(c, db, by_role, ids, panel, items, fx)
        check_pages(c, by_role, panel, items)
    c.finish()


if __name__ == "__main__":
    main()
