"""The links API (docs/linking.md) against a real server on a demo region:
the role matrix, CSRF, a link from proposal through the matching panel and
the ADM's decision to placement, an ADM "no" freeing the household for a
second link, partner scoping (another LA's ADM and social worker get 404),
refusals with the field they name, and no household address for LA roles.

Usage: link_api_test.py DB (a `raa demo --seed 5` database with the extra
user adm.lambeth@demo.raa.test, la_adm of 208)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from api_client import Checks, Server, Session, USERS  # noqa: E402

ROLES = ["la_social_worker", "la_adm", "family_finder", "assessment_worker", "panel_adviser",
         "raa_adm", "support_worker", "manager", "board", "admin"]
READERS = {"la_social_worker", "la_adm", "family_finder", "assessment_worker", "panel_adviser",
           "raa_adm", "support_worker", "manager"}
LINKERS = {"family_finder", "manager"}
PANEL = {"family_finder", "manager", "panel_adviser"}
DECIDERS = {"la_adm"}
PLACERS = {"la_social_worker", "la_adm", "family_finder", "panel_adviser", "manager"}
OTHER_ADM = ("adm.lambeth@demo.raa.test", "correct horse battery staple")
LINK_KEYS = ["link", "stage", "open", "children", "partner", "adopter", "adopter_name", "linked",
             "panel_date", "recommendation", "panel_reasons", "decided", "ended", "end_reason",
             "placed", "adm_due", "adm_overdue_days"]


def error_shape(r):
    d = r.json
    return (isinstance(d, dict) and list(d) == ["error"]
            and sorted(d["error"]) == ["code", "field", "message"])


def refused(c, r, status, code, field, what):
    c.eq(r.status, status, what)
    c.true(error_shape(r), what + ": error shape", repr(r))
    c.eq(r.error_code(), code, what + ": code")
    if field is not None and r.json:
        c.eq(r.json["error"]["field"], field, what + ": field")


def sessions(srv):
    out = {}
    for email, role, partner in USERS:
        key = role + ("/" + partner if partner == "208" else "")
        if key not in out:
            out[key] = Session(srv, email)
    out["la_adm/208"] = Session(srv, OTHER_ADM[0], OTHER_ADM[1])
    return out


def fixtures(m):
    """Waiting Southwark (210) children in units of one, and approved
    households, from the manager's view."""
    kids = m.get("/api/v1/children?partner=210&status=waiting&per_page=200").json["items"]
    alone = [k["child_id"] for k in kids if not k.get("sibling_group")]
    hh = m.get("/api/v1/adopters?status=approved&per_page=200").json["items"]
    return alone, [h["adopter_id"] for h in hh]


def role_matrix(c, s, child, adopter):
    for role in ROLES:
        u = s[role]
        c.eq(u.get("/api/v1/links").status, 200 if role in READERS else 403, "%s GET links" % role)
        r = u.post("/api/v1/links", {})
        want = 400 if role in LINKERS else 403
        c.eq(r.status, want, "%s POST links {}" % role)
        c.true(error_shape(r), "%s POST links: error shape" % role, repr(r))
        for action, body, allowed in (("panel", {"recommendation": "maybe"}, PANEL),
                                      ("decision", {"decision": "maybe"}, DECIDERS),
                                      ("end", {}, LINKERS)):
            r = u.post("/api/v1/links/L999999/" + action, body)
            c.eq(r.status, 404 if role in allowed else 403, "%s POST %s" % (role, action))
        r = u.post("/api/v1/links/L999999/placed", {})
        c.eq(r.status, 404 if role in PLACERS else 403, "%s POST placed" % role)
    r = s["family_finder"].post("/api/v1/links", {"child": child, "adopter": adopter}, csrf=False)
    refused(c, r, 403, "csrf", None, "propose without CSRF")


def no_address(c, r, what):
    c.true(b"postcode" not in r.body, what + ": no household address", repr(r))


def happy_path(c, s, child, adopter, other_child):
    ff, adm, adm2 = s["family_finder"], s["la_adm"], s["la_adm/208"]
    r = ff.post("/api/v1/links", {"child": child, "adopter": adopter, "date": "2026-11-02"})
    c.eq(r.status, 201, "propose")
    if r.status != 201:
        print(r, file=sys.stderr)
        return None
    link = r.json["link"]
    c.eq(list(r.json), LINK_KEYS, "link keys")
    c.eq((r.json["stage"], r.json["children"], r.json["adopter"]), ("proposed", [child], adopter),
         "proposed")
    refused(c, ff.post("/api/v1/links", {"child": child, "adopter": adopter}), 409, "conflict",
            "child", "unit already linked")
    r = ff.post("/api/v1/links", {"child": other_child, "adopter": adopter})
    refused(c, r, 409, "conflict", "adopter", "household in an open link")
    c.true(link in (r.json or {}).get("error", {}).get("message", ""), "names the other link", repr(r))
    refused(c, ff.post("/api/v1/links", {"child": other_child, "adopter": "A999999"}), 400,
            "invalid", "adopter", "unknown household")
    refused(c, ff.post("/api/v1/links", {"child": other_child, "adopter": adopter, "date": "2099-01-01"}),
            400, "invalid", "date", "future date")
    refused(c, ff.post("/api/v1/links", {"child": "C999999", "adopter": adopter}), 404, "not_found",
            None, "unknown child")
    refused(c, ff.post("/api/v1/links", "[1]"), 400, "malformed_json", None, "not an object")
    # Scoping: the child's LA sees it; another LA does not, even by id.
    r = adm.get("/api/v1/links/" + link)
    c.eq(r.status, 200, "own ADM reads the link")
    no_address(c, r, "link for la_adm")
    c.eq([e["kind"] for e in (r.json or {}).get("events", [])], ["linked"], "timeline so far")
    refused(c, adm2.get("/api/v1/links/" + link), 404, "not_found", None, "other LA's ADM")
    refused(c, s["la_social_worker/208"].get("/api/v1/links/" + link), 404, "not_found", None,
            "other LA's social worker")
    c.eq([l["link"] for l in s["la_social_worker/208"].get("/api/v1/links?open=1").json["items"]
          if l["link"] == link], [], "other LA's list")
    c.eq([l["link"] for l in s["la_social_worker"].get("/api/v1/links?open=1").json["items"]
          if l["link"] == link], [link], "own LA's list")
    refused(c, ff.get("/api/v1/links?open=yes"), 400, "invalid_query", "open", "bad open")
    refused(c, adm.post("/api/v1/links/%s/decision" % link, {"decision": "yes"}), 409, "conflict",
            "link", "decision before a panel")
    refused(c, ff.post("/api/v1/links/%s/placed" % link, {}), 409, "conflict", "link",
            "placed before a decision")
    r = ff.post("/api/v1/links/%s/panel" % link,
                {"recommendation": "yes", "reasons": "strong match", "date": "2026-11-05"})
    c.eq((r.status, (r.json or {}).get("stage"), (r.json or {}).get("adm_due")),
         (200, "recommended", "2026-11-16"), "panel recommendation (ADM due in 7 working days)")
    refused(c, adm2.post("/api/v1/links/%s/decision" % link, {"decision": "yes"}), 404, "not_found",
            None, "other LA's ADM cannot decide")
    refused(c, adm.post("/api/v1/links/%s/decision" % link, {"decision": "yes", "date": "2026-11-04"}),
            400, "invalid", "date", "decision before the panel")
    r = adm.post("/api/v1/links/%s/decision" % link, {"decision": "yes", "date": "2026-11-09"})
    c.eq((r.status, (r.json or {}).get("stage")), (200, "matched"), "ADM yes")
    refused(c, ff.post("/api/v1/links/%s/end" % link, {"reason": "late"}), 409, "conflict", "link",
            "no end after the decision")
    r = ff.post("/api/v1/links/%s/placed" % link, {"date": "2026-11-20"})
    c.eq((r.status, (r.json or {}).get("stage"), (r.json or {}).get("open")), (200, "placed", False),
         "placed")
    r = s["manager"].get("/api/v1/adopters/" + adopter)
    c.eq((r.json or {}).get("status"), "placed", "household placed (mirror)")
    r = s["manager"].get("/api/v1/children/" + child)
    c.eq((r.json or {}).get("status"), "placed", "child placed")
    return link


def decline_path(c, s, child, adopter, second_child):
    ff, adm = s["family_finder"], s["la_adm"]
    r = ff.post("/api/v1/links", {"child": child, "adopter": adopter, "date": "2026-11-02"})
    c.eq(r.status, 201, "propose (decline path)")
    link = (r.json or {}).get("link", "L0")
    r = s["panel_adviser"].post("/api/v1/links/%s/panel" % link,
                                {"recommendation": "no", "reasons": "needs not met"})
    c.eq((r.status, (r.json or {}).get("recommendation")), (200, "no"), "panel adviser records no")
    refused(c, adm.post("/api/v1/links/%s/decision" % link, {"decision": "no"}), 400, "invalid",
            "reasons", "no without reasons")
    r = adm.post("/api/v1/links/%s/decision" % link, {"decision": "no", "reasons": "agree with panel"})
    c.eq((r.status, (r.json or {}).get("stage"), (r.json or {}).get("end_reason")),
         (200, "ended", "ADM decided no: agree with panel"), "ADM no ends the link")
    c.eq(s["manager"].get("/api/v1/adopters/" + adopter).json["status"], "approved",
         "household approved again")
    r = ff.post("/api/v1/links", {"child": second_child, "adopter": adopter})
    c.eq(r.status, 201, "second link with the freed household")
    link2 = (r.json or {}).get("link", "L0")
    refused(c, ff.post("/api/v1/links/%s/end" % link2, {}), 400, "invalid", "reason", "end without reason")
    refused(c, s["la_adm"].post("/api/v1/links/%s/end" % link2, {"reason": "x"}), 403, "forbidden",
            None, "ADM cannot end a link")
    r = ff.post("/api/v1/links/%s/end" % link2, {"reason": "the family withdrew"})
    c.eq((r.status, (r.json or {}).get("stage")), (200, "ended"), "family finder ends the link")


def main():
    c = Checks("link_api_test")
    with Server(sys.argv[1]) as srv:
        s = sessions(srv)
        for k, u in s.items():
            c.eq(u.login.status, 200, "sign in " + k)
        alone, households = fixtures(s["manager"])
        if not c.true(len(alone) >= 4 and len(households) >= 2, "demo fixtures",
                      "%r %r" % (alone, households)):
            c.finish()
        role_matrix(c, s, alone[0], households[0])
        happy_path(c, s, alone[0], households[0], alone[1])
        decline_path(c, s, alone[2], households[1], alone[3])
        r = s["manager"].get("/api/v1/links")
        c.eq(r.status, 200, "manager lists")
        c.true(len(r.json["items"]) >= 3, "links listed", repr(r))
    c.finish()


main()
