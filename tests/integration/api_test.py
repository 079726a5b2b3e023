#!/usr/bin/env python3
"""HTTP tests of `raa serve` (issue #3) against a real server and a demo
database (`raa demo --seed 5`, RAA_TODAY=2026-11-23).

usage: api_test.py matrix|api|audit|session|tls DB [WORKDIR]

The access-control matrix below is the specification: it is derived from
the rules in src/web/api.c (CASE_READERS, CHILD_WRITERS, ADOPTER_WRITERS,
ADMINS, and decisions belonging to the agency decision makers) and from
DESIGN.md's role table. A record of another partner answers 404 to an LA
user, exactly like a missing record.
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from api_client import (USERS, Checks, Server, Session, password_of,  # noqa: E402
                        tls_context)

DAY = "2026-11-20"  # a weekday before RAA_TODAY
OTHER_PARTNER = "306"  # Croydon: no LA user of the demo belongs to it

# ---- the access-control matrix -------------------------------------------
# Each cell is the status for a record of the user's own partner, then for a
# record of another partner ("own/other"); one status when the route names no
# record. RAA-wide roles have no partner: for them "own" is Southwark (210).
# {child} and {adopter} are replaced by a live child (waiting for a family)
# and an approved household.
ROLES = ("la_social_worker", "la_adm", "family_finder", "assessment_worker",
         "panel_adviser", "raa_adm", "support_worker", "manager", "board", "admin")
EV_CHILD = {"kind": "family_finder_allocated", "date": DAY, "detail": "matrix"}
EV_CHILD_DECISION = {"kind": "should_be_placed", "date": DAY}
EV_HOUSEHOLD = {"kind": "information_event", "date": DAY, "detail": "matrix"}
EV_HOUSEHOLD_DECISION = {"kind": "approved", "date": DAY}
NEW_USER = {"email": "new.{n}@matrix.test", "role": "manager", "password": "a-long-password-1"}
# A wrong current password: refused for every role, and nobody's changes.
BAD_PASSWORD_CHANGE = {"current_password": "not-my-password", "new_password": "another-long-one-2"}
USER_ID = "3"  # the demo's board member (users are numbered in demo order)
MATRIX = [
    # method   path                                 body                    la_social_worker la_adm    family_finder assessment_worker panel_adviser raa_adm   support_worker manager   board     admin
    ("GET",    "/api/v1/session",                   None,                   "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200"),
    ("GET",    "/api/v1/partners",                  None,                   "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200"),
    ("GET",    "/api/v1/openapi.json",              None,                   "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200"),
    ("GET",    "/api/v1/children",                  None,                   "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "403",     "403"),
    ("GET",    "/api/v1/children/{child}",          None,                   "200/404", "200/404", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "403/403", "403/403"),
    ("POST",   "/api/v1/children/{child}/events",   EV_CHILD,               "201/404", "201/404", "201/201", "403/403", "201/201", "403/403", "403/403", "201/201", "403/403", "403/403"),
    ("POST",   "/api/v1/children/{child}/events",   EV_CHILD_DECISION,      "403/403", "201/404", "403/403", "403/403", "403/403", "403/403", "403/403", "403/403", "403/403", "403/403"),
    ("GET",    "/api/v1/adopters",                  None,                   "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "403",     "403"),
    ("GET",    "/api/v1/adopters/{adopter}",        None,                   "200/404", "200/404", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "403/403", "403/403"),
    ("POST",   "/api/v1/adopters/{adopter}/events", EV_HOUSEHOLD,           "403/403", "403/403", "201/201", "201/201", "201/201", "201/201", "201/201", "201/201", "403/403", "403/403"),
    ("POST",   "/api/v1/adopters/{adopter}/events", EV_HOUSEHOLD_DECISION,  "403/403", "403/403", "403/403", "403/403", "403/403", "201/201", "403/403", "403/403", "403/403", "403/403"),
    ("GET",    "/api/v1/clocks",                    None,                   "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "403",     "403"),
    ("GET",    "/api/v1/users",                     None,                   "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "200"),
    ("POST",   "/api/v1/users",                     NEW_USER,               "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "201"),
    ("PATCH",  "/api/v1/users/{user}",              {"disabled": False},    "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "200"),
    ("POST",   "/api/v1/session/password",          BAD_PASSWORD_CHANGE,    "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403"),
    # Links (docs/linking.md): {link} is one that does not exist, so the roles
    # allowed reach the lookup (404) and the others are refused first (403);
    # partner scoping of real links is in link_api_test.py.
    ("GET",    "/api/v1/links",                     None,                   "200",     "200",     "200",     "200",     "200",     "200",     "200",     "200",     "403",     "403"),
    ("POST",   "/api/v1/links",                     {},                     "403",     "403",     "400",     "403",     "403",     "403",     "403",     "400",     "403",     "403"),
    ("GET",    "/api/v1/links/{link}",              None,                   "404",     "404",     "404",     "404",     "404",     "404",     "404",     "404",     "403",     "403"),
    ("POST",   "/api/v1/links/{link}/panel",        {"recommendation": "yes"}, "403",  "403",     "404",     "403",     "404",     "403",     "403",     "404",     "403",     "403"),
    ("POST",   "/api/v1/links/{link}/decision",     {"decision": "yes"},    "403",     "404",     "403",     "403",     "403",     "403",     "403",     "403",     "403",     "403"),
    ("POST",   "/api/v1/links/{link}/end",          {"reason": "x"},        "403",     "403",     "404",     "403",     "403",     "403",     "403",     "404",     "403",     "403"),
    ("POST",   "/api/v1/links/{link}/placed",       {},                     "404",     "404",     "404",     "403",     "404",     "403",     "403",     "404",     "403",     "403"),
    # Panels (docs/panels.md): regional, so no own/other; {panel}, {member}
    # and {item} are made by the panel adviser before the matrix runs. The
    # recommendation is refused (409) because nobody attends that panel.
    ("GET",    "/api/v1/panel-members",             None,                   "403",     "200",     "403",     "403",     "200",     "200",     "403",     "200",     "403",     "403"),
    ("POST",   "/api/v1/panel-members",             {"name": "M", "role": "other"}, "403", "403", "403",   "403",     "201",     "403",     "403",     "403",     "403",     "403"),
    ("GET",    "/api/v1/panels",                    None,                   "403",     "200",     "403",     "403",     "200",     "200",     "403",     "200",     "403",     "403"),
    ("POST",   "/api/v1/panels",                    {"date": "2026-12-01"}, "403",     "403",     "403",     "403",     "201",     "403",     "403",     "403",     "403",     "403"),
    ("GET",    "/api/v1/panels/{panel}",            None,                   "403",     "200",     "403",     "403",     "200",     "200",     "403",     "200",     "403",     "403"),
    ("POST",   "/api/v1/panels/{panel}/attendance", "ATTENDANCE",           "403",     "403",     "403",     "403",     "200",     "403",     "403",     "403",     "403",     "403"),
    ("POST",   "/api/v1/panels/{panel}/items",      "ITEM",                 "403",     "403",     "403",     "403",     "201",     "403",     "403",     "403",     "403",     "403"),
    ("POST",   "/api/v1/panel-items/{item}/recommendation", {"recommendation": "yes", "reasons": "x"}, "403", "403", "403", "403", "409", "403", "403", "403", "403", "403"),
    ("PUT",    "/api/v1/panels/{panel}/minutes",    {"text": "x"},          "403",     "403",     "403",     "403",     "200",     "403",     "403",     "403",     "403",     "403"),
    ("POST",   "/api/v1/panels/{panel}/minutes",    {"text": "x"},          "403",     "403",     "403",     "403",     "200",     "403",     "403",     "403",     "403",     "403"),
    # Corrections (docs/panels.md): the member the ATTENDANCE row seated is
    # removed again; the item is withdrawn last.
    ("PATCH",  "/api/v1/panel-members/{member}",    {"name": "Matrix member 2"}, "403", "403",  "403",     "403",     "200",     "403",     "403",     "403",     "403",     "403"),
    ("DELETE", "/api/v1/panels/{panel}/attendance/{member}", None,          "403",     "403",     "403",     "403",     "200",     "403",     "403",     "403",     "403",     "403"),
    ("PUT",    "/api/v1/panel-items/{item}/papers", {"papers": ["PAR"]},    "403",     "403",     "403",     "403",     "200",     "403",     "403",     "403",     "403",     "403"),
    ("DELETE", "/api/v1/panel-items/{item}",        None,                   "403",     "403",     "403",     "403",     "200",     "403",     "403",     "403",     "403",     "403"),
    # The scorecard (docs/api.md): managers and the board any scope; LA users
    # their own partner only (another answers 404, the region 403).
    ("GET",    "/api/v1/scorecard",                 None,                   "403",     "403",     "403",     "403",     "403",     "403",     "403",     "200",     "200",     "403"),
    ("GET",    "/api/v1/scorecard?partner={partner}", None,                 "200/404", "200/404", "403/403", "403/403", "403/403", "403/403", "403/403", "200/200", "200/200", "403/403"),
    ("DELETE", "/api/v1/session",                   None,                   "204",     "204",     "204",     "204",     "204",     "204",     "204",     "204",     "204",     "204"),
]
ERROR_CODE = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}
PUBLIC = {("GET", "/api/v1/openapi.json"), ("POST", "/api/v1/session")}


def error_shape(r):
    """{"error":{"code","message","field"}} and nothing else."""
    d = r.json
    return (isinstance(d, dict) and list(d) == ["error"] and isinstance(d["error"], dict)
            and sorted(d["error"]) == ["code", "field", "message"]
            and isinstance(d["error"]["code"], str) and isinstance(d["error"]["message"], str)
            and (d["error"]["field"] is None or isinstance(d["error"]["field"], str)))


def pick(manager, kind, partner, status, n=1, skip=()):
    """Ids of n records of a partner with a status, via the API."""
    path = "/api/v1/%s?partner=%s&status=%s&per_page=200" % (kind, partner, status)
    r = manager.get(path)
    key = "child_id" if kind == "children" else "adopter_id"
    ids = [o[key] for o in r.json["items"] if o[key] not in skip]
    if len(ids) < n:
        raise RuntimeError("demo has too few %s %s in %s" % (status, kind, partner))
    return ids[:n] if n else ids


def fixtures(srv):
    manager = Session(srv, "manager@demo.raa.test")
    f = {"child": {}, "adopter": {}}
    for p in ("210", "208", OTHER_PARTNER):
        f["child"][p] = pick(manager, "children", p, "waiting")[0]
        f["adopter"][p] = pick(manager, "adopters", p, "approved")[0]
    adviser = Session(srv, "panel@demo.raa.test")
    made = [adviser.post("/api/v1/panel-members", {"name": "Matrix member", "role": "other"}),
            adviser.post("/api/v1/panels", {"date": DAY})]
    f["member"], f["panel"] = (str(r.json["id"]) for r in made)
    r = adviser.post("/api/v1/panels/%s/items" % f["panel"],
                     {"kind": "should_be_placed", "children": [f["child"]["210"]]})
    f["item"] = str(r.json["id"])
    return manager, f


def fill(path, fx, p):
    """The matrix path with its placeholders for partner p's records."""
    return path.format(child=fx["child"][p], adopter=fx["adopter"][p], user=USER_ID,
                       partner=p, link="L999999", panel=fx["panel"], member=fx["member"],
                       item=fx["item"])


def fill_body(body, fx):
    if body == "ATTENDANCE":
        return {"members": [int(fx["member"])]}
    if body == "ITEM":
        return {"kind": "should_be_placed", "children": [fx["child"]["210"]]}
    return body


def check_matrix(c, srv):
    manager, fx = fixtures(srv)
    n_user = 0
    for email, role, partner in USERS:
        s = Session(srv, email)
        if not c.eq(s.login.status, 200, "%s signs in" % email):
            continue
        c.eq(s.login.json.get("role"), role, "%s role" % email)
        own = partner or "210"
        for method, path, body, *cells in MATRIX:
            cell = cells[ROLES.index(role)]
            for which, want in zip(("own", "other"), cell.split("/")):
                p = own if which == "own" else OTHER_PARTNER
                url = fill(path, fx, p)
                b = fill_body(body, fx)
                if body is NEW_USER:
                    n_user += 1
                    b = dict(NEW_USER, email=NEW_USER["email"].format(n=n_user))
                r = s.request(method, url, b)
                what = "%s %s %s (%s, %s record)" % (role, method, url, email, which)
                c.eq(r.status, int(want), what)
                if r.status in ERROR_CODE:
                    c.true(error_shape(r), what + ": error shape", repr(r))
                    c.eq(r.error_code(), ERROR_CODE[r.status], what + ": error code")
                if r.status == 404 and ("{child}" in path or "{adopter}" in path):
                    # A forbidden record must look exactly like a missing one.
                    rid = fx["child" if "{child}" in path else "adopter"][p]
                    missing = s.request(method, url.replace(rid, "X9999999"), b)
                    c.eq(r.body.replace(rid.encode(), b"<id>"),
                         missing.body.replace(b"X9999999", b"<id>"),
                         what + ": same body as a missing record")
        # After DELETE /session the cookie is dead.
        c.eq(s.get("/api/v1/session").status, 401, "%s: signed out" % email)


def check_unauthenticated(c, srv):
    for method, path, body, *_ in MATRIX:
        url = path.format(child="C1", adopter="A1", user=USER_ID, partner="210", link="L1",
                          panel="1", member="1", item="1")
        for cookie in (None, "raa_session=" + "0" * 64, "raa_session=short"):
            h = {"Cookie": cookie} if cookie else {}
            if method != "GET":
                h["X-CSRF-Token"] = "0" * 64
            r = srv.request(method, url, body, h)
            want = 200 if (method, path) in PUBLIC else 401
            c.eq(r.status, want, "unauthenticated %s %s (cookie %s)" % (method, url, cookie))
            if want == 401:
                c.eq(r.error_code(), "unauthenticated", "unauthenticated code %s" % url)
                c.true(error_shape(r), "unauthenticated error shape", repr(r))


def check_csrf(c, srv, fx):
    ff = Session(srv, "family.finder@demo.raa.test")
    admin = Session(srv, "admin@demo.raa.test")
    other = Session(srv, "manager@demo.raa.test")
    child, adopter = fx["child"]["210"], fx["adopter"]["210"]
    before = len(ff.get("/api/v1/children/" + child).json["events"])
    cases = [(ff, "POST", "/api/v1/children/%s/events" % child, EV_CHILD),
             (ff, "POST", "/api/v1/adopters/%s/events" % adopter, EV_HOUSEHOLD),
             (admin, "POST", "/api/v1/users", dict(NEW_USER, email="csrf@x.test")),
             (ff, "DELETE", "/api/v1/session", None)]
    for s, method, path, body in cases:
        for label, token in (("missing", None), ("wrong", "f" * 64), ("empty", ""),
                             ("another session's", other.csrf), ("prefix", s.csrf[:32])):
            h = {"X-CSRF-Token": token} if token is not None else {}
            r = s.request(method, path, body, csrf=False, headers=h)
            c.eq(r.status, 403, "CSRF %s token: %s %s" % (label, method, path))
            c.eq(r.error_code(), "csrf", "CSRF %s token code: %s" % (label, path))
    c.eq(len(ff.get("/api/v1/children/" + child).json["events"]), before,
         "refused POSTs recorded nothing")
    c.eq(ff.get("/api/v1/session").status, 200, "refused DELETE left the session alive")
    c.eq(admin.get("/api/v1/users").body.count(b"csrf@x.test"), 0, "refused user add")
    # The token is also echoed by GET /api/v1/session, for pages that lost it.
    c.eq(ff.get("/api/v1/session").json.get("csrf"), ff.csrf, "GET session echoes the token")


def check_logout(c, srv):
    s = Session(srv, "panel@demo.raa.test")
    c.true("HttpOnly" in s.login.header("Set-Cookie"), "cookie HttpOnly")
    c.true("SameSite=Strict" in s.login.header("Set-Cookie"), "cookie SameSite=Strict")
    c.true("Secure" not in s.login.header("Set-Cookie"), "no Secure over plain HTTP")
    r = s.request("DELETE", "/api/v1/session")
    c.eq(r.status, 204, "logout")
    c.true("Max-Age=0" in (r.header("Set-Cookie") or ""), "logout clears the cookie")
    c.eq(s.get("/api/v1/session").status, 401, "old cookie refused after logout")
    c.eq(s.request("DELETE", "/api/v1/session").status, 401, "second logout refused")
    s2 = Session(srv, "panel@demo.raa.test")
    c.eq(s2.get("/api/v1/session").status, 200, "signing in again works")


def check_lockout(c, srv):
    admin = Session(srv, "admin@demo.raa.test")
    r = admin.post("/api/v1/users", {"email": "lock.me@x.test", "role": "manager",
                                     "password": "right-password-1"})
    c.eq(r.status, 201, "lockout user created")
    c.eq((r.json["email"], r.json["role"]), ("lock.me@x.test", "manager"), "created user echoed")
    r = admin.post("/api/v1/users", {"email": "lock.me@x.test", "role": "manager",
                                     "password": "right-password-1"})
    c.eq((r.status, r.error_code(), r.json["error"]["field"]), (409, "conflict", "email"),
         "a taken email is a conflict naming the field")
    unknown = srv.request("POST", "/api/v1/session",
                          {"email": "nobody@nowhere.test", "password": "right-password-1"})
    c.eq(unknown.status, 401, "unknown email refused")
    msg = unknown.body
    c.true(b"exist" not in msg.lower() and b"unknown" not in msg.lower(),
           "refusal does not say whether the email exists", repr(msg))
    for i in range(5):
        r = srv.request("POST", "/api/v1/session",
                        {"email": "lock.me@x.test", "password": "wrong-password-%d" % i})
        c.eq(r.status, 401, "wrong password %d" % (i + 1))
        c.eq(r.body, msg, "wrong password %d: same message as an unknown email" % (i + 1))
    r = srv.request("POST", "/api/v1/session",
                    {"email": "lock.me@x.test", "password": "right-password-1"})
    c.eq(r.status, 401, "locked: the right password is refused")
    c.eq(r.body, msg, "locked: same message as an unknown email")
    c.eq(r.header("Set-Cookie"), None, "locked: no cookie")
    c.eq(Session(srv, "support@demo.raa.test").login.status, 200, "other accounts unaffected")
    # Guesses sent all at once get no more than five tries between them.
    admin.post("/api/v1/users", {"email": "burst@x.test", "role": "manager",
                                 "password": "right-password-1"})
    import threading
    codes = []
    def guess(i):
        codes.append(srv.request("POST", "/api/v1/session",
                                 {"email": "burst@x.test", "password": "guess-%d-guess" % i}).status)
    ts = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    c.eq(codes, [401] * 12, "parallel guesses refused")
    c.eq(Session(srv, "burst@x.test", "right-password-1").login.status, 401,
         "locked after parallel guesses: the right password is refused")
    # Four failures then a success resets the count.
    admin.post("/api/v1/users", {"email": "reset.me@x.test", "role": "manager",
                                 "password": "right-password-1"})
    for i in range(4):
        srv.request("POST", "/api/v1/session", {"email": "reset.me@x.test", "password": "nope-nope-1"})
    c.eq(Session(srv, "reset.me@x.test", "right-password-1").login.status, 200,
         "four failures do not lock")
    for i in range(4):
        srv.request("POST", "/api/v1/session", {"email": "reset.me@x.test", "password": "nope-nope-1"})
    c.eq(Session(srv, "reset.me@x.test", "right-password-1").login.status, 200,
         "a success resets the failure count")


def check_bodies(c, srv, fx):
    ff = Session(srv, "family.finder@demo.raa.test")
    admin = Session(srv, "admin@demo.raa.test")
    ev = "/api/v1/children/%s/events" % fx["child"]["210"]
    big = b'{"detail":"' + b"x" * (2 * 1024 * 1024) + b'"}'
    r = srv.request("POST", "/api/v1/session", big)
    c.eq(r.status, 413, "2 MiB login body")
    c.eq(r.error_code(), "too_large", "413 code")
    c.true(error_shape(r), "413 error shape", repr(r))
    c.eq(ff.post(ev, big).status, 413, "2 MiB event body")
    near = json.dumps({"kind": "family_finder_allocated", "date": DAY,
                       "detail": "y" * (1024 * 1024 - 100)})
    r = ff.post(ev, near)
    c.eq((r.status, r.json["error"]["field"]), (422, "detail"),
         "a body just under 1 MiB is read (and its long detail refused)")
    for label, body in (("truncated", '{"kind":'), ("not JSON", "kind=placed"),
                        ("array", "[1,2]"), ("string", '"x"'), ("empty", ""),
                        ("duplicate keys", '{"kind":"linked","kind":"placed"}'),
                        ("trailing garbage", '{"kind":"x"} {}')):
        for s, path in ((None, "/api/v1/session"), (ff, ev), (admin, "/api/v1/users")):
            r = (s or srv).request("POST", path, body) if s else srv.request("POST", path, body)
            c.eq(r.status, 400, "malformed JSON (%s) on %s" % (label, path))
            c.eq(r.error_code(), "malformed_json", "malformed code (%s)" % label)
            c.true(error_shape(r), "malformed error shape (%s)" % label, repr(r))
    typed = [(None, "/api/v1/session", {"email": 5, "password": "x"}, "email"),
             (None, "/api/v1/session", {"email": "a@b.c", "password": ["x"]}, "password"),
             (ff, ev, {"kind": 1, "date": DAY}, "kind"),
             (ff, ev, {"kind": "family_finder_allocated", "date": 20261120}, "date"),
             (ff, ev, {"kind": "family_finder_allocated", "date": DAY, "adopter": 7}, "adopter"),
             (ff, ev, {"kind": "family_finder_allocated", "date": DAY, "detail": ["x"]}, "detail"),
             (ff, ev, {"kind": "family_finder_allocated", "date": DAY, "detail": {"a": 1}}, "detail"),
             (ff, ev, {"kind": True, "date": DAY}, "kind"),
             (ff, ev, {"kind": "no_such_kind", "date": DAY}, "kind"),
             (ff, ev, {"kind": "roi", "date": DAY}, "kind"),
             (ff, ev, {"kind": "family_finder_allocated", "date": "2026-02-30"}, "date"),
             (ff, ev, {"kind": "family_finder_allocated"}, "date"),
             (admin, "/api/v1/users", {"email": "t@x.test", "role": False, "password": "long-enough-1"}, "role"),
             (admin, "/api/v1/users", {"email": "t@x.test", "role": "wizard", "password": "long-enough-1"}, "role"),
             (admin, "/api/v1/users", {"email": "t@x.test", "role": "manager", "partner": 210, "password": "long-enough-1"}, "partner"),
             (admin, "/api/v1/users", {"email": "t@x.test", "role": "la_adm", "partner": "999", "password": "long-enough-1"}, "partner"),
             (admin, "/api/v1/users", {"email": "t@x.test", "role": "manager", "password": "short"}, "password"),
             (admin, "/api/v1/users", {"email": "not-an-email", "role": "manager", "password": "long-enough-1"}, "email")]
    for s, path, body, field in typed:
        r = s.post(path, body) if s else srv.request("POST", path, body)
        what = "wrong type/value %s on %s" % (json.dumps(body)[:60], path)
        c.eq(r.status, 422, what)
        c.true(error_shape(r), what + ": error shape", repr(r))
        c.eq(r.json["error"]["field"] if r.json else None, field, what + ": names the field")
        c.true(field in (r.json or {}).get("error", {}).get("message", ""),
               what + ": message names the field", repr(r))


SQL_NASTIES = ["O'Brien", "'; DROP TABLE children; --", "\" OR \"1\"=\"1", "Robert'); DROP TABLE audit;--",
               "1; DELETE FROM events", "%_\\ LIKE '%'", "ünïcødé — 子ども ✓ 'x' \"y\" <b>&amp;",
               "back\\slash", "--", "/* comment */", "?1 ?2 :a @b $c"]


def check_sql_metacharacters(c, srv, fx):
    ff = Session(srv, "family.finder@demo.raa.test")
    admin = Session(srv, "admin@demo.raa.test")
    child = fx["child"]["208"]
    total_before = ff.get("/api/v1/children").json["total"]
    for text in SQL_NASTIES:
        r = ff.post("/api/v1/children/%s/events" % child,
                    {"kind": "family_finder_allocated", "date": DAY, "detail": text})
        c.eq(r.status, 201, "event detail %r stored" % text)
    details = [e["detail"] for e in ff.get("/api/v1/children/" + child).json["events"]]
    for text in SQL_NASTIES:
        c.true(text in details, "detail %r echoed literally" % text)
    for text in SQL_NASTIES:
        qs = urllib.parse.quote(text, safe="")
        for param in ("q", "status", "partner"):
            for path in ("/api/v1/children", "/api/v1/adopters"):
                r = ff.get("%s?%s=%s" % (path, param, qs))
                c.eq(r.status, 200, "%s?%s=%r" % (path, param, text))
        r = ff.get("/api/v1/clocks?partner=" + qs)
        c.eq((r.status, r.json), (200, []), "clocks?partner=%r" % text)
        r = ff.get("/api/v1/children?sort=" + qs)
        c.eq(r.status, 400, "sort=%r refused" % text)
        c.true(r.json and text in r.json["error"]["message"], "sort value echoed literally %r" % text, repr(r))
        r = ff.get("/api/v1/children/" + qs)
        c.eq(r.status, 404, "child id %r" % text)
        if "/" not in text:  # a decoded slash splits the path: no route
            c.true(r.json and text in r.json["error"]["message"], "id echoed literally %r" % text, repr(r))
        r = srv.request("POST", "/api/v1/session", {"email": text, "password": text})
        c.true(r.status in (401, 422), "login with %r: %d" % (text, r.status))
    c.eq(ff.get("/api/v1/children?q=a%00b").status, 200, "an encoded NUL in q")
    c.eq(ff.get("/api/v1/children/C1%00").status, 404, "an encoded NUL in an id")
    r = ff.get("/api/v1/children?q=" + urllib.parse.quote("O'Brien"))
    c.eq(r.status, 200, "q with a quote")
    # Emails: plausible ones with quotes are stored as given; implausible
    # ones are refused naming the field; none breaks the query.
    for email, want in (("o'brien'--@x.test", 201), ("x'or'1'='1@x.test", 201),
                        ("'; DROP TABLE users; --@x.test", 422), ("ü'ñí@x.test", 201)):
        r = admin.post("/api/v1/users", {"email": email, "role": "manager", "password": "long-enough-1"})
        c.eq(r.status, want, "user email %r" % email)
        if want == 422:
            c.eq(r.json["error"]["field"], "email", "email %r refusal names the field" % email)
            c.true(email in r.json["error"]["message"], "email %r echoed literally" % email)
    emails = [u["email"] for u in admin.get("/api/v1/users").json]
    for email in ("o'brien'--@x.test", "x'or'1'='1@x.test", "ü'ñí@x.test"):
        c.true(email in emails, "user %r listed literally" % email)
    c.eq(Session(srv, "o'brien'--@x.test", "long-enough-1").login.status, 200,
         "a user with quotes in the email signs in")
    c.eq(ff.get("/api/v1/children").json["total"], total_before, "children table intact")


def check_static(c, srv):
    for path in ("/static/../src/main.c", "/static/%2e%2e/src/main.c", "/static/%2E%2E/%2E%2E/etc/passwd",
                 "/static/..%2fsrc%2fmain.c", "/static/..%2F..%2Fetc%2Fpasswd", "/static//etc/passwd",
                 "/static/%2fetc%2fpasswd", "/static/openapi.json/../../../CMakeLists.txt",
                 "/static/.hidden", "/static/./openapi.json", "/static/", "/static/nope.css",
                 "/static/%00openapi.json", "/static/openapi.json%00.css", "/static/..\\..\\etc\\passwd",
                 "/static/%5c..%5c..%5cetc%5cpasswd", "/static/a/../../CMakeLists.txt",
                 "/static/" + "a/" * 150 + "x.css", "/static/~/.bashrc"):
        r = srv.request("GET", path)
        c.eq(r.status, 404, "static traversal %s" % path[:80])
        c.true(b"root:" not in r.body and b"cmake_minimum" not in r.body and b"int main" not in r.body,
               "nothing leaked for %s" % path[:80])
    # Outside /static/ a path is a page: a redirect to sign in, or not found.
    for path in ("/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/..%2fsrc%2fmain.c"):
        r = srv.request("GET", path)
        c.true(r.status in (303, 404), "page traversal %s: %d" % (path, r.status))
        c.true(b"cmake_minimum" not in r.body and b"int main" not in r.body, "nothing leaked for %s" % path)
    r = srv.request("GET", "/static/openapi.json")
    c.eq(r.status, 200, "a real static file is served")
    c.eq(r.header("Content-Type"), "application/json", "static content type")
    c.eq(r.header("X-Content-Type-Options"), "nosniff", "nosniff on static files")


def check_routes(c, srv):
    ff = Session(srv, "family.finder@demo.raa.test")
    for path in ("/api/v1/nope", "/api/v2/children", "/api/v1/children/C1/nope", "/api/v1/",
                 "/api/v1/children/C1/events/1", "/api/", "/api/v1/children//events"):
        r = ff.get(path)
        c.eq(r.status, 404, "unknown route %s" % path)
        c.true(error_shape(r), "unknown route error shape %s" % path, repr(r))
    for method, path in (("PUT", "/api/v1/children"), ("DELETE", "/api/v1/children/C1"),
                         ("PATCH", "/api/v1/session"), ("GET", "/api/v1/children/C1/events"),
                         ("POST", "/api/v1/clocks"), ("PUT", "/api/v1/users"),
                         ("POST", "/api/v1/openapi.json"), ("DELETE", "/api/v1/partners")):
        for s in (ff, None):
            r = s.request(method, path, {}) if s else srv.request(method, path, {})
            c.eq(r.status, 405, "wrong method %s %s (%s)" % (method, path, "signed in" if s else "anonymous"))
            c.eq(r.error_code(), "method_not_allowed", "405 code %s %s" % (method, path))
    r = ff.get("/api/v1/openapi.json")
    c.eq(r.status, 200, "openapi served")
    c.eq((r.json or {}).get("openapi"), "3.0.3", "OpenAPI 3.0.3")
    # Every route of the matrix (api.c's ROUTES) is described, and nothing else.
    described = {(m.upper(), p) for p, ops in (r.json or {}).get("paths", {}).items() for m in ops}
    def shape(path):  # parameter names and queries aside
        return re.sub(r"\{[a-z]+\}", "{}", path.split("?")[0])
    described = {(m, shape(p)) for m, p in described}
    routes = {(m, shape(p)) for m, p, *_ in MATRIX}
    routes.add(("POST", "/api/v1/session"))
    c.eq(described, routes, "openapi.json describes exactly the API's routes")
    with open(os.path.join(os.environ["RAA_SRC"], "docs", "openapi.json"), "rb") as f:
        c.eq(r.body, f.read(), "served openapi.json is docs/openapi.json")
    c.eq(r.header("Content-Security-Policy") is not None, True, "CSP header")
    c.eq(r.header("X-Frame-Options"), "DENY", "frame denial")
    c.eq(r.header("Cache-Control"), "no-store", "no-store")


def check_redaction(c, srv, fx):
    for email, la in (("sw.southwark@demo.raa.test", True), ("adm.southwark@demo.raa.test", True),
                      ("family.finder@demo.raa.test", False), ("assessment@demo.raa.test", False),
                      ("manager@demo.raa.test", False)):
        s = Session(srv, email)
        one = s.get("/api/v1/adopters/" + fx["adopter"]["210"]).json
        items = s.get("/api/v1/adopters?per_page=200").json["items"]
        if la:
            c.true("postcode_district" not in one, "%s: no postcode_district on a household" % email)
            c.true(all("postcode_district" not in o for o in items), "%s: none in the list" % email)
            c.true(b"postcode_district" not in s.get("/api/v1/adopters?q=SE").body,
                   "%s: not even in search results" % email)
            c.true(all(o["partner"] == "210" for o in items), "%s: own partner's households only" % email)
        else:
            c.true("postcode_district" in one, "%s: postcode_district present" % email)
            c.true(all("postcode_district" in o for o in items), "%s: present in the list" % email)
    # Searching must not reveal a redacted field either.
    sw = Session(srv, "sw.southwark@demo.raa.test")
    ff = Session(srv, "family.finder@demo.raa.test")
    pc = ff.get("/api/v1/adopters/" + fx["adopter"]["210"]).json["postcode_district"]
    names = {o["adopter_id"] for o in sw.get("/api/v1/adopters?per_page=200&q=" + pc).json["items"]}
    visible = {o["adopter_id"] for o in sw.get("/api/v1/adopters?per_page=200").json["items"]
               if pc.lower() in json.dumps(o).lower()}
    c.eq(names, visible, "LA search matches only what the LA user can see")


def check_lists(c, srv):
    ff = Session(srv, "family.finder@demo.raa.test")
    sw = Session(srv, "sw.southwark@demo.raa.test")
    all_ = ff.get("/api/v1/children?per_page=200").json
    total = all_["total"]
    c.true(total > 600, "region-wide total %d" % total)
    p1 = ff.get("/api/v1/children?per_page=10&page=1").json
    p2 = ff.get("/api/v1/children?per_page=10&page=2").json
    c.eq((len(p1["items"]), len(p2["items"]), p1["total"], p2["page"], p2["per_page"]),
         (10, 10, total, 2, 10), "paging")
    c.eq([o["child_id"] for o in p1["items"] + p2["items"]],
         [o["child_id"] for o in all_["items"][:20]], "pages follow on")
    last = ff.get("/api/v1/children?per_page=200&page=%d" % (total // 200 + 1)).json
    c.eq(len(last["items"]), total % 200, "last page")
    c.eq(ff.get("/api/v1/children?page=999").json["items"], [], "past the end: empty")
    for bad in ("per_page=0", "per_page=201", "page=0", "page=abc", "per_page=-1", "page=1e3"):
        r = ff.get("/api/v1/children?" + bad)
        c.eq(r.status, 400, "bad paging %s" % bad)
        c.eq(r.error_code(), "invalid_query", "bad paging code %s" % bad)
    waiting = ff.get("/api/v1/children?status=waiting&per_page=200").json
    c.true(waiting["total"] > 0 and all(o["status"] == "waiting" for o in waiting["items"]),
           "status filter")
    croydon = ff.get("/api/v1/children?partner=306&per_page=200").json
    c.true(croydon["total"] > 0 and all(o["partner"] == "306" for o in croydon["items"]),
           "partner filter")
    name = all_["items"][0]["last_name"]
    q = ff.get("/api/v1/children?per_page=200&q=" + urllib.parse.quote(name.upper())).json
    c.true(q["total"] > 0 and all(name.lower() in json.dumps(o, ensure_ascii=False).lower()
                                  for o in q["items"]), "q search, case-insensitive")
    dob = [o["dob"] for o in ff.get("/api/v1/children?sort=-dob&per_page=200").json["items"]]
    c.eq(dob, sorted(dob, reverse=True), "sort=-dob")
    ids = [o["adopter_id"] for o in ff.get("/api/v1/adopters?sort=adopter_id&per_page=30").json["items"]]
    c.eq(ids, sorted(ids, key=lambda i: int(i[1:])), "sort=adopter_id in natural order")
    c.eq(ff.get("/api/v1/children?sort=first_name").status, 400, "unknown sort key")
    mine = sw.get("/api/v1/children?per_page=200").json
    c.true(mine["total"] > 0 and all(o["partner"] == "210" for o in mine["items"]),
           "LA list: own partner only")
    c.eq(sw.get("/api/v1/children?partner=306").json["total"], 0, "LA list of another partner: empty")
    clocks = sw.get("/api/v1/clocks").json
    c.true(all(k["partner"] == "210" for k in clocks), "LA clocks: own partner only")
    over = ff.get("/api/v1/clocks?overdue=1").json
    c.true(all(k["overdue_days"] > 0 for k in over), "clocks?overdue=1")
    c.eq(ff.get("/api/v1/clocks?on=2026-13-01").status, 400, "clocks bad date")
    partners = ff.get("/api/v1/partners").json
    c.eq(len(partners), 10, "ten partners")


def check_events(c, srv):
    manager = Session(srv, "manager@demo.raa.test")
    adm = Session(srv, "adm.southwark@demo.raa.test")
    sw = Session(srv, "sw.southwark@demo.raa.test")
    # A child in care for the first time: some demo children re-entered
    # care after an adoption, and their old placement still counts.
    tracking = [i for i in pick(manager, "children", "210", "tracking", n=0)
                if not any(e["kind"] == "placed"
                           for e in manager.get("/api/v1/children/" + i).json["events"])]
    tracking = tracking[0] if tracking else pick(manager, "children", "210", "tracking")[0]
    before = sw.get("/api/v1/children/" + tracking).json
    c.eq(before["status"], "tracking", "child tracking before")
    r = adm.post("/api/v1/children/%s/events" % tracking,
                 {"kind": "should_be_placed", "date": DAY, "detail": "ADM decision"})
    c.eq(r.status, 201, "should_be_placed recorded")
    c.eq((r.json["record"], r.json["kind"], r.json["date"], r.json["recorded"]),
         (tracking, "should_be_placed", DAY, True), "event echoed")
    after = sw.get("/api/v1/children/" + tracking).json
    c.eq(after["status"], "waiting", "status changed in the next GET")
    c.eq(after.get("should_be_placed"), before.get("should_be_placed") or DAY,
         "should_be_placed column")
    kinds = {k["kind"]: k for k in after["clocks"]}
    c.true("wider_search_child" in kinds and kinds["wider_search_child"]["started"] == DAY,
           "wider search clock started", repr(after["clocks"]))
    c.eq(after["events"][-1]["recorded_by"], "adm.southwark@demo.raa.test", "recorded_by")
    r = sw.post("/api/v1/children/%s/events" % tracking, {"kind": "register_referral", "date": "2026-11-23"})
    c.eq(r.status, 201, "register_referral")
    kinds = {k["kind"] for k in sw.get("/api/v1/children/" + tracking).json["clocks"]}
    c.true("wider_search_child" not in kinds, "clock stopped by register_referral")
    # Illegal events answer 422 with the journey's message.
    r = sw.post("/api/v1/children/%s/events" % tracking, {"kind": "adoption_order", "date": DAY})
    c.eq(r.status, 422, "adoption_order before placed")
    c.true("expected a placed on or before that date" in r.json["error"]["message"],
           "journey message", repr(r))
    c.true(error_shape(r), "illegal event error shape")
    r = sw.post("/api/v1/children/%s/events" % tracking, {"kind": "family_finder_allocated", "date": "2026-12-01"})
    c.eq(r.status, 422, "future date")
    c.true("after today" in r.json["error"]["message"], "future date message", repr(r))
    r = sw.post("/api/v1/children/%s/events" % tracking, {"kind": "linked", "date": DAY})
    c.eq(r.status, 422, "linked without a household")
    adopted = pick(manager, "children", "210", "adopted")[0]
    r = sw.post("/api/v1/children/%s/events" % adopted, {"kind": "family_finder_allocated", "date": DAY})
    c.eq(r.status, 422, "event after adoption")
    c.true("adopted" in r.json["error"]["message"], "adopted message", repr(r))
    # A household event through the household's URL, and the wrong URL kind.
    ff = Session(srv, "family.finder@demo.raa.test")
    hh = pick(manager, "adopters", "210", "approved")[0]
    r = ff.post("/api/v1/children/%s/events" % hh, EV_CHILD)
    c.eq(r.status, 404, "a household id under /children is not found")
    r = ff.post("/api/v1/adopters/%s/events" % hh, {"kind": "on_hold", "date": DAY})
    c.eq(r.status, 201, "on_hold recorded")
    c.eq(ff.get("/api/v1/adopters/" + hh).json["status"], "on_hold", "household status follows")
    r = ff.post("/api/v1/adopters/%s/events" % hh, {"kind": "linked", "date": DAY})
    c.eq(r.status, 422, "linked while on hold")
    c.true("expected approved" in r.json["error"]["message"], "household journey message", repr(r))


def check_account(c, srv):
    """Password change and disabling an account, end to end."""
    email = "support@demo.raa.test"
    old, new = password_of(email), "a-brand-new-password-7"
    a = Session(srv, email)
    b = Session(srv, email)  # a second browser of the same person
    r = a.post("/api/v1/session/password", {"current_password": old, "new_password": "short"})
    c.eq((r.status, r.json["error"]["field"]), (422, "new_password"), "weak new password refused, field named")
    r = a.post("/api/v1/session/password", {"current_password": old, "new_password": new}, csrf=False)
    c.eq(r.status, 403, "password change needs the CSRF token")
    r = a.post("/api/v1/session/password", {"current_password": old, "new_password": new})
    c.eq(r.status, 200, "password changed")
    c.true((r.header("Set-Cookie") or "").startswith("raa_session="), "a fresh session cookie", repr(r))
    c.eq(b.get("/api/v1/session").status, 401, "the other session ended with the old password")
    c.eq(a.get("/api/v1/session").status, 401, "the old cookie of this browser ended too")
    c.eq(Session(srv, email, old).login.status, 401, "old password refused")
    fresh = Session(srv, email, new)
    c.eq(fresh.login.status, 200, "new password signs in")
    # An administrator disables the account: its sessions end, sign-in fails.
    admin = Session(srv, "admin@demo.raa.test")
    users = admin.get("/api/v1/users").json
    uid = [u["id"] for u in users if u["email"] == email][0]
    c.eq(admin.request("PATCH", "/api/v1/users/%d" % uid, {"disabled": "yes"}).status, 422, "disabled must be a boolean")
    c.eq(admin.request("PATCH", "/api/v1/users/999999", {"disabled": True}).status, 404, "unknown user")
    me = [u["id"] for u in users if u["email"] == "admin@demo.raa.test"][0]
    c.eq(admin.request("PATCH", "/api/v1/users/%d" % me, {"disabled": True}).status, 422, "cannot disable yourself")
    r = admin.request("PATCH", "/api/v1/users/%d" % uid, {"disabled": True})
    c.eq((r.status, r.json.get("disabled")), (200, True), "account disabled")
    c.eq(fresh.get("/api/v1/session").status, 401, "disabled account's session ended")
    c.eq(Session(srv, email, new).login.status, 401, "disabled account cannot sign in")
    c.eq([u["disabled"] for u in admin.get("/api/v1/users").json if u["id"] == uid], [True], "listed as disabled")
    c.eq(admin.request("PATCH", "/api/v1/users/%d" % uid, {"disabled": False}).status, 200, "re-enabled")
    c.eq(Session(srv, email, new).login.status, 200, "re-enabled account signs in")


def run_api(db):
    c = Checks("test_api")
    # More worker threads than cores, so that concurrent requests really
    # run at once (the parallel sign-in guesses of check_lockout).
    with Server(db, "--threads", "8", env={"RAA_TODAY": "2026-11-23"}) as srv:
        _, fx = fixtures(srv)
        check_unauthenticated(c, srv)
        check_matrix(c, srv)
        check_csrf(c, srv, fx)
        check_logout(c, srv)
        check_lockout(c, srv)
        check_bodies(c, srv, fx)
        check_sql_metacharacters(c, srv, fx)
        check_static(c, srv)
        check_routes(c, srv)
        check_redaction(c, srv, fx)
        check_lists(c, srv)
        check_events(c, srv)
        check_account(c, srv)
        c.eq(srv.request("GET", "/api/v1/openapi.json").status, 200, "server still up at the end")
        rc = srv.stop()
        c.eq(rc, 0, "clean stop on SIGTERM")
    c.finish()


# ---- audit -----------------------------------------------------------------

def audit_rows(db):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        con.close()


def wait_rows(db, want, timeout=3.0):
    deadline = time.time() + timeout
    while True:
        n = audit_rows(db)
        if n >= want or time.time() > deadline:
            return n
        time.sleep(0.02)


def last_audit(db, n):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute("SELECT actor, action, record, detail, ip FROM audit ORDER BY id DESC LIMIT ?",
                           (n,)).fetchall()[::-1]
    finally:
        con.close()


def run_audit(db):
    c = Checks("test_api_audit")
    with Server(db, env={"RAA_TODAY": "2026-11-23"}) as srv:
        ff = Session(srv, "family.finder@demo.raa.test")
        n = wait_rows(db, 0)
        time.sleep(0.2)
        n = audit_rows(db)
        for i in range(3):
            c.eq(ff.get("/api/v1/children/C1").status, 200, "read C1")
            c.eq(wait_rows(db, n + 1), n + 1, "a read adds exactly one audit row (%d)" % (i + 1))
            n += 1
        c.eq(last_audit(db, 1), [("family.finder@demo.raa.test", "read_child", "C1", None, "127.0.0.1")],
             "the row names who read what, from where")
        ff.get("/api/v1/adopters/A1")
        c.eq(wait_rows(db, n + 1), n + 1, "a household read is audited")
        n += 1
        ff.get("/api/v1/children/NOPE")
        time.sleep(0.2)
        c.eq(audit_rows(db), n, "a miss is not a read")
        ff.get("/api/v1/children?per_page=5")
        c.eq(wait_rows(db, n + 1), n + 1, "a listing is audited")
        n += 1
        srv.request("POST", "/api/v1/session", {"email": "nobody@x.test", "password": "x"})
        srv.request("POST", "/api/v1/session", {"email": "family.finder@demo.raa.test", "password": "x"})
        c.eq(wait_rows(db, n + 2), n + 2, "failed logins are audited")
        c.eq([r[1] for r in last_audit(db, 2)], ["login_failed", "login_failed"], "login_failed rows")
        n += 2
        r = ff.post("/api/v1/children/C1/events", {"kind": "entered_care", "date": DAY})
        c.true(r.status in (201, 422), "write attempt")
        if r.status == 201:
            c.eq(wait_rows(db, n + 1), n + 1, "a write is audited")
            c.eq(last_audit(db, 1)[0][1:4], ("write_child", "C1", "entered_care"), "write row")
            n += 1
        # A burst, then an immediate stop: every row must be in the table.
        import threading
        def burst():
            s = Session(srv, "manager@demo.raa.test")
            for i in range(100):
                s.get("/api/v1/children/C%d" % (i + 1))
        ts = [threading.Thread(target=burst) for _ in range(4)]
        [t.start() for t in ts]
        [t.join() for t in ts]
        c.eq(srv.stop(), 0, "clean stop")
        c.eq(audit_rows(db), n + 4 * 101, "no audit row lost at shutdown (400 reads, 4 logins)")
    c.finish()


# ---- sessions --------------------------------------------------------------

def run_session(db):
    c = Checks("test_api_session")
    with Server(db, "--session-idle", "2") as idle, \
            Server(db, "--session-idle", "60", "--session-max", "3") as absolute:
        a = Session(idle, "manager@demo.raa.test")
        b = Session(absolute, "manager@demo.raa.test")
        t0 = time.time()
        c.eq(a.get("/api/v1/session").status, 200, "idle: fresh session")
        c.eq(b.get("/api/v1/session").status, 200, "max: fresh session")
        time.sleep(1.2)
        c.eq(a.get("/api/v1/session").status, 200, "idle: alive after 1 s (and refreshed)")
        c.eq(b.get("/api/v1/session").status, 200, "max: alive after 1 s")
        time.sleep(1.2)
        c.eq(a.get("/api/v1/session").status, 200, "idle: activity keeps it alive past 2 s")
        c.eq(b.get("/api/v1/session").status, 200, "max: alive after 2.4 s")
        time.sleep(max(0, t0 + 4.2 - time.time()))
        r = b.get("/api/v1/session")
        c.eq(r.status, 401, "max: dead after 4 s of activity (absolute timeout 3 s)")
        c.eq(r.error_code(), "unauthenticated", "max: 401 code")
        c.eq(a.get("/api/v1/session").status, 200, "idle: still alive with activity")
        time.sleep(3.1)
        c.eq(a.get("/api/v1/session").status, 401, "idle: dead after 3 s idle")
        c.eq(a.request("DELETE", "/api/v1/session").status, 401, "idle: cannot sign out twice")
        c.eq(Session(idle, "manager@demo.raa.test").get("/api/v1/session").status, 200,
             "signing in again works")
        # Many sessions at once (the table grows), all usable.
        many = [Session(absolute, "support@demo.raa.test") for _ in range(3)]
        c.eq([s.get("/api/v1/session").status for s in many], [200] * 3, "concurrent sessions")
        c.eq(len({s.cookie for s in many}), 3, "each sign-in gets its own cookie")
        c.eq(len({s.csrf for s in many}), 3, "each session its own CSRF token")
        many[0].request("DELETE", "/api/v1/session")
        c.eq([s.get("/api/v1/session").status for s in many], [401, 200, 200],
             "signing out ends that session only")
    c.finish()


# ---- TLS -------------------------------------------------------------------

def run_tls(db, work):
    c = Checks("test_api_tls")
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    with Server(db, "--tls-cert", cert, "--tls-key", key, tls_ctx=tls_context(cert)) as srv:
        s = Session(srv, "manager@demo.raa.test")
        c.eq(s.login.status, 200, "sign in over HTTPS")
        cookie = s.login.header("Set-Cookie") or ""
        c.true("; Secure" in cookie, "cookie has Secure over TLS", cookie)
        c.true("HttpOnly" in cookie and "SameSite=Strict" in cookie, "cookie flags over TLS", cookie)
        c.true((s.login.header("Strict-Transport-Security") or "").startswith("max-age="), "HSTS")
        r = s.get("/api/v1/children/C1")
        c.eq(r.status, 200, "GET a child over HTTPS")
        c.eq(r.json.get("child_id"), "C1", "child over HTTPS")
        c.eq(s.request("DELETE", "/api/v1/session").status, 204, "sign out over HTTPS")
        plain = Server(db)
        plain.port = srv.port
        try:
            r = plain.request("GET", "/api/v1/session")
            c.true(r.status >= 400, "plain HTTP to the TLS port is not served", repr(r))
        except OSError:
            c.true(True, "plain HTTP to the TLS port is not served")
    c.finish()


def main():
    section, db = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(db)
    if section == "api":
        run_api(db)
    elif section == "audit":
        run_audit(db)
    elif section == "session":
        run_session(db)
    elif section == "tls":
        run_tls(db, work)
    else:
        sys.exit("unknown section " + section)


if __name__ == "__main__":
    main()
