#!/usr/bin/env bash
# The "Change your password" page (/account/password) against a real
# server: each refusal beside its field, CSRF, and a change that ends every
# other session, keeps this browser signed in and makes the new password
# the one that works.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
serve_demo_db 5
cd "$HERE" || exit 1
if python3 - "$DB" <<'PY'; then ok; else fail "password page checks (listed above)"; fi
import sys
from urllib.parse import urlencode
sys.path.insert(0, ".")
from api_client import Checks, Server, Session, password_of

c = Checks("test_password_page")
EMAIL = "support@demo.raa.test"
NEW = "a brand new long passphrase"


def form(s, fields, csrf=True):
    body = urlencode(dict(fields, csrf=s.csrf) if csrf else fields)
    return s.request("POST", "/account/password", body, csrf=False,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})


with Server(sys.argv[1]) as srv:
    me, elsewhere = Session(srv, EMAIL), Session(srv, EMAIL)
    r = me.request("GET", "/account/password")
    page = r.body.decode()
    c.eq(r.status, 200, "the page")
    c.true('name="current_password"' in page and 'name="confirm_password"' in page
           and 'name="csrf"' in page, "the form and its CSRF field")
    c.true('href="/account/password"' in page, "the header links to it")

    def refused(fields, field, text, what):
        r = form(me, fields)
        body = r.body.decode()
        c.eq(r.status, 422, what)
        c.true('id="%s-error"' % field in body and text in body, what + ": beside " + field, body[-2000:])
        c.true('href="#%s"' % field in body, what + ": in the error summary")

    refused({}, "current_password", "Enter your current password", "nothing typed")
    refused({"current_password": password_of(EMAIL), "new_password": NEW,
             "confirm_password": NEW + "x"}, "confirm_password", "not the same", "two different")
    refused({"current_password": "not-my-password", "new_password": NEW,
             "confirm_password": NEW}, "current_password", "not right", "wrong current")
    refused({"current_password": password_of(EMAIL), "new_password": "short",
             "confirm_password": "short"}, "new_password", "new_password", "too short")
    c.eq(form(me, {"current_password": password_of(EMAIL), "new_password": NEW,
                   "confirm_password": NEW}, csrf=False).status, 403, "no CSRF token: refused")
    c.eq(elsewhere.request("GET", "/api/v1/session").status, 200, "nothing changed yet")

    r = form(me, {"current_password": password_of(EMAIL), "new_password": NEW,
                  "confirm_password": NEW})
    c.eq(r.status, 200, "changed")
    c.true("Password changed" in r.body.decode(), "says so")
    cookie = (r.header("Set-Cookie") or "").split(";")[0]
    c.true(cookie.startswith("raa_session=") and cookie != me.cookie, "a fresh session cookie")
    c.true("HttpOnly" in (r.header("Set-Cookie") or ""), "HttpOnly")
    c.eq(srv.request("GET", "/api/v1/session", headers={"Cookie": cookie}).status, 200,
         "this browser stays signed in")
    c.eq(srv.request("GET", "/api/v1/session", headers={"Cookie": me.cookie}).status, 401,
         "the old cookie is dead")
    c.eq(elsewhere.request("GET", "/api/v1/session").status, 401, "signed out everywhere else")
    c.eq(Session(srv, EMAIL).login.status, 401, "the old password no longer works")
    c.eq(Session(srv, EMAIL, NEW).login.status, 200, "the new one does")
c.finish()
PY
finish
