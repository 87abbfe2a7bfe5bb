"""A sign-in that lasts and ends as it should, in Chromium against the real server (serve.py): it survives
a reload and a new tab, ends on sign-out (in every tab), at its expiry, when the password is reset and when
the account is disabled; the cookie is HttpOnly and SameSite=Strict; a stolen hand-over code, a made-up cookie
and another site's POST sign nobody in. Every response carries the security headers; the framework's metrics
stay local."""

from __future__ import annotations

import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from lc_metrics.store.auth import SESSION_COOKIE, add_user, reset_password, set_disabled
from lc_metrics.store.store import Store
from tests.conftest import ARTIFACTS, running_streamlit, sign_in_browser, wait_until_settled

pytestmark = pytest.mark.browser
PASSWORD = "cap-nhat-2021!"
SIGNED_IN = "Đã đăng nhập: capnhat"
ASKED_TO_SIGN_IN = "Trang này dành cho cán bộ được phân quyền"


def sign_in_with_form(page, url: str) -> None:
    page.goto(url + "/upload")
    page.get_by_text(ASKED_TO_SIGN_IN).wait_for(timeout=60_000)
    sign_in_browser(page, "capnhat", PASSWORD)


def session_cookie(context, other_than: str | None = None) -> dict | None:
    for _ in range(50):  # the page trades its code for the cookie right after signing in
        cookies = [c for c in context.cookies() if c["name"] == SESSION_COOKIE and c["value"] != other_than]
        if cookies:
            return cookies[0]
        context.pages[0].wait_for_timeout(200)
    return None


def shows(page, text: str) -> bool:
    page.get_by_text(ASKED_TO_SIGN_IN).or_(page.get_by_text(SIGNED_IN)).first.wait_for(timeout=60_000)
    return page.get_by_text(text).count() > 0


def open_upload(page, url: str) -> None:
    page.goto(url + "/upload")
    page.get_by_text(ASKED_TO_SIGN_IN).or_(page.get_by_text(SIGNED_IN)).first.wait_for(timeout=60_000)


@contextmanager
def server_with_uploader(tmp_path):
    """The real server and a secrets file with the uploader "capnhat"."""
    secrets = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, secrets)
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        yield server, secrets


def post(url: str, body: bytes = b"", headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_sign_in_survives_reload_and_new_tab_and_ends_on_sign_out(tmp_path, browser):
    with server_with_uploader(tmp_path) as (server, secrets):
        url = server["url"]
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        first = context.new_page()
        sign_in_with_form(first, url)
        cookie = session_cookie(context)
        assert cookie is not None, "the browser never received the session cookie"
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert first.evaluate("document.cookie").find(SESSION_COOKIE) == -1  # scripts cannot read it

        first.reload()
        assert shows(first, SIGNED_IN), "a reload signed the uploader out"
        second = context.new_page()
        open_upload(second, url)
        assert shows(second, SIGNED_IN), "a new tab did not find the sign-in"
        second.screenshot(path=str(ARTIFACTS / "session_new_tab.png"))

        # a browser that only copies the cookie's value without the token's session: nothing
        stranger = browser.new_context(locale="vi-VN")
        stranger.add_cookies([{**cookie, "value": cookie["value"][:-4] + "AAAA"}])
        stranger_page = stranger.new_page()
        open_upload(stranger_page, url)
        assert not shows(stranger_page, SIGNED_IN)
        stranger.close()

        first.get_by_role("button", name="Đăng xuất").click()
        first.get_by_text(ASKED_TO_SIGN_IN).wait_for(timeout=30_000)
        for _ in range(50):
            if session_cookie_gone(context):
                break
            first.wait_for_timeout(200)
        assert session_cookie_gone(context), "sign-out left the cookie in the browser"
        first.reload()
        assert not shows(first, SIGNED_IN)
        second.reload()
        assert not shows(second, SIGNED_IN), "the other tab stayed signed in after sign-out"

        # the old cookie, put back by hand, is dead: the session ended in the store
        context.add_cookies([cookie])
        second.reload()
        assert not shows(second, SIGNED_IN)
        with Store(server["store"]).connect() as conn:
            assert conn.execute("SELECT ended_why FROM staff_sessions").fetchall() == [("sign_out",)]
        context.close()


def session_cookie_gone(context) -> bool:
    return not [c for c in context.cookies() if c["name"] == SESSION_COOKIE]


def test_session_ends_at_expiry_and_on_a_new_password(tmp_path, browser):
    with server_with_uploader(tmp_path) as (server, secrets):
        url = server["url"]
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        sign_in_with_form(page, url)
        expired = session_cookie(context)
        assert expired is not None
        with Store(server["store"]).connect(write=True) as conn:  # the working day is over
            conn.execute("UPDATE staff_sessions SET expires_at = '2000-01-01T00:00:00.000000+00:00'")
        page.reload()
        assert not shows(page, SIGNED_IN), "an expired session still signed the uploader in"

        sign_in_with_form(page, url)
        assert session_cookie(context, other_than=expired["value"]) is not None
        page.reload()
        assert shows(page, SIGNED_IN)
        reset_password(Store(server["store"]), "capnhat", "quantri", "mat-khau-moi-2026")  # the administrator
        page.reload()
        assert not shows(page, SIGNED_IN), "a changed password left the old session signed in"
        sign_in_browser(page, "capnhat", "mat-khau-moi-2026")
        page.reload()
        assert shows(page, SIGNED_IN)
        set_disabled(Store(server["store"]), "capnhat", True, "quantri")  # the administrator disables the account
        page.reload()
        assert not shows(page, SIGNED_IN), "a disabled account's session still signed it in"
        with Store(server["store"]).connect() as conn:
            assert [r[0] for r in conn.execute("SELECT ended_why FROM staff_sessions ORDER BY id")] == [
                "expired",
                "password_reset",
                "account_disabled",
            ]
        context.close()


def test_codes_cookies_and_cross_site_posts_sign_nobody_in(tmp_path, browser):
    with server_with_uploader(tmp_path) as (server, secrets):
        url = server["url"]
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        codes: list[str] = []
        page.on("request", lambda r: codes.append(r.post_data or "") if r.url.endswith("/lcm/session") else None)
        sign_in_with_form(page, url)
        assert session_cookie(context) is not None and codes and codes[0].startswith("code=")
        same_site = {"Origin": url, "Content-Type": "application/x-www-form-urlencoded"}
        assert post(url + "/lcm/session", codes[0].encode(), same_site) == 400  # used once already
        assert post(url + "/lcm/session", b"code=" + b"x" * 43, same_site) == 400  # never issued
        assert post(url + "/lcm/session", b"code=" + b"x" * 5000, same_site) == 400  # too long to read
        assert (
            post(
                url + "/lcm/session",
                codes[0].encode(),
                {"Origin": "https://evil.example", "Content-Type": "application/x-www-form-urlencoded"},
            )
            == 400
        )
        assert post(url + "/lcm/sign-out", b"", {"Origin": "https://evil.example"}) == 400
        page.reload()
        assert shows(page, SIGNED_IN)  # none of that touched the real session
        with Store(server["store"]).connect() as conn:
            assert conn.execute("SELECT COUNT(*) FROM staff_sessions").fetchone()[0] == 1
        context.close()


PAGES = ("overview", "map", "ranking", "tables", "present", "history", "upload", "admin")


def test_security_headers_and_no_policy_violation_on_any_page(tmp_path, browser):
    with running_streamlit(tmp_path) as server:
        url = server["url"]
        with urllib.request.urlopen(url + "/", timeout=10) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
        assert "frame-ancestors 'self'" in headers["content-security-policy"]
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "SAMEORIGIN"
        assert headers["referrer-policy"] == "same-origin"
        with urllib.request.urlopen(url + "/_stcore/metrics", timeout=10) as response:  # the machine itself
            assert response.status == 200
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        violations: list[str] = []
        outside: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((url, "data:", "blob:")) else None)
        for name in PAGES:
            page.goto(f"{url}/{name}")
            page.locator("[data-testid='stMain']").wait_for(timeout=60_000)
            wait_until_settled(page)
            assert page.locator("[data-testid='stException']").count() == 0, name
        assert violations == []
        assert outside == []
        context.close()
