"""Who the client is, for the sign-in throttle: forwarding headers are believed only from the proxies named
in LCM_TRUSTED_PROXIES (none when the app is served directly). Finding: uvicorn believed X-Forwarded-For
from 127.0.0.1, so any local hop passing a client's header on unchanged let that client pick a new address
for every guess. Checked on the rule itself, on uvicorn as ``serve.py`` configures it, on a real server in
Chromium, and through the nginx of ``make serve``."""

from __future__ import annotations

import asyncio
import os
import socket

import pytest

from lc_app import web
from lc_metrics.store.store import open_store
from tests.conftest import ADMIN_PASSWORD, running_streamlit

pytestmark = pytest.mark.server  # streamlit and nginx servers

SPOOFED = "198.51.100.77"


def run(coroutine) -> None:
    """``asyncio.run`` in a thread of its own (Playwright's sync API may hold this thread's event loop)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, coroutine).result()


def test_the_rule_for_forwarded_addresses():
    from lc_app.web import forwarded_client, trusted_proxies

    none, local = trusted_proxies(""), trusted_proxies("127.0.0.1, ::1")
    assert none == () and trusted_proxies("10.0.0.0/8 192.0.2.1")[0].num_addresses == 2**24
    with pytest.raises(ValueError):
        trusted_proxies("nginx.local")
    assert forwarded_client("127.0.0.1", [SPOOFED], none) == "127.0.0.1"  # served directly: no header believed
    assert forwarded_client("203.0.113.5", [SPOOFED], local) == "203.0.113.5"  # not a proxy: its own address
    assert forwarded_client("127.0.0.1", ["203.0.113.5"], local) == "203.0.113.5"
    # each proxy appends: what lies left of the right-most untrusted hop was written by the client
    assert forwarded_client("127.0.0.1", [f"{SPOOFED}, 203.0.113.5"], local) == "203.0.113.5"
    assert forwarded_client("::1", [SPOOFED, "203.0.113.5, 127.0.0.1"], local) == "203.0.113.5"
    assert forwarded_client("127.0.0.1", [], local) is None  # a trusted proxy naming no client: unknown
    assert forwarded_client("127.0.0.1", ["127.0.0.1"], local) is None
    assert forwarded_client("127.0.0.1", [f"{SPOOFED}, garbage"], local) is None
    assert forwarded_client("127.0.0.1", ["2001:db8::7"], local) == "2001:db8::7"


def test_uvicorn_as_serve_py_sets_it_up_believes_only_the_configured_proxies(monkeypatch):
    """uvicorn wraps the app after importing serve.py (which calls web.middleware()); by default it would
    believe X-Forwarded-For from 127.0.0.1. Here the real uvicorn Config loads a stand-in app the same way
    and gets one websocket handshake from 127.0.0.1 carrying a header."""
    import uvicorn.config

    monkeypatch.setattr(uvicorn.config, "ProxyHeadersMiddleware", uvicorn.config.ProxyHeadersMiddleware)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    web.middleware()  # what serve.py does while uvicorn imports it

    def client_seen(forwarded_for: str, trusted: str | None) -> str | None:
        if trusted is None:
            monkeypatch.delenv("LCM_TRUSTED_PROXIES", raising=False)
        else:
            monkeypatch.setenv("LCM_TRUSTED_PROXIES", trusted)
        seen: list = []

        async def app(scope, receive, send) -> None:
            seen.append(scope.get("client"))

        config = uvicorn.config.Config(app, log_level="warning")
        config.load()
        scope = {
            "type": "websocket",
            "client": ("127.0.0.1", 40000),
            "headers": [(b"x-forwarded-for", forwarded_for.encode())],
            "path": "/_stcore/stream",
        }
        run(config.loaded_app(scope, None, None))
        return seen[0][0] if seen[0] else None

    assert client_seen(SPOOFED, None) == "127.0.0.1"  # served directly: the header is the client's own words
    assert client_seen(SPOOFED, "127.0.0.1,::1") == SPOOFED  # behind a proxy named as trusted
    assert client_seen(f"{SPOOFED}, 203.0.113.5", "127.0.0.1") == "203.0.113.5"


def test_an_unvetted_forwarded_address_is_unknown():
    """Should uvicorn's own rule ever run instead (it did on main), the app's middleware sees a forwarded
    request no rule vetted and leaves the client unknown rather than believe the header."""
    seen: list = []

    async def app(scope, receive, send) -> None:
        seen.append(scope.get("client"))

    scope = {"type": "websocket", "client": (SPOOFED, 0), "headers": [(b"x-forwarded-for", SPOOFED.encode())]}
    run(web.SecurityHeaders(app)(scope, None, None))
    vetted = {**scope, "client": ("203.0.113.5", 0), web.FORWARDING_CHECKED: True}
    run(web.SecurityHeaders(app)(vetted, None, None))
    assert seen == [None, ("203.0.113.5", 0)]


def sign_in_with_a_wrong_password(page, url: str) -> None:
    page.goto(url)
    page.get_by_text("Đăng nhập (cán bộ được phân quyền)").click()
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for(timeout=30_000)


def failed_sign_in_clients(store: str) -> list[str]:
    entries = open_store(store).audit_entries(50)
    return [e["detail"].get("client", "") for e in entries if e["action"] == "sign_in_failed"]


@pytest.fixture
def secrets_env(tmp_path):
    from lc_metrics.store.auth import add_user

    path = tmp_path / "secrets.toml"
    add_user("quantri", "admin", ADMIN_PASSWORD, path)
    return {"LCM_SECRETS": str(path)}


def test_a_browser_cannot_choose_its_address_on_a_server_served_directly(tmp_path, browser, secrets_env):
    """A real server (serve.py) reached from 127.0.0.1, Chromium sending X-Forwarded-For on every request
    (the websocket too): the guess is counted as from an unknown client (a key of its own session), never
    under the address it wrote."""
    with running_streamlit(tmp_path, **secrets_env) as server:
        context = browser.new_context(locale="vi-VN", extra_http_headers={"X-Forwarded-For": SPOOFED})
        try:
            sign_in_with_a_wrong_password(context.new_page(), server["url"])
        finally:
            context.close()
        clients = failed_sign_in_clients(server["store"])
    assert len(clients) == 1 and clients[0].startswith("anon:"), clients


def own_address() -> str | None:
    """This machine's address on a non-loopback interface (no packet is sent), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_nginx_of_make_serve_passes_the_real_client_address(tmp_path, browser, secrets_env):
    """Through the nginx of ``make serve`` (deploy/cluster.py) listening on this machine's own network
    address: a guess is counted under the address nginx saw, whatever X-Forwarded-For the browser sent."""
    from deploy.cluster import Cluster, free_port

    address = own_address()
    if address is None:
        pytest.skip("no non-loopback IPv4 interface on this machine")
    env = {
        **os.environ,
        "LCM_STORE": str(tmp_path / "store.sqlite"),
        "LCM_BOUNDARY_DIR": str(tmp_path / "boundaries"),
        "LCM_BOUNDARY_DOWNLOAD": "off",
        **secrets_env,
    }
    env.pop("LCM_TRUSTED_PROXIES", None)
    store = env.get("LCM_DATABASE_URL") or env["LCM_STORE"]
    with Cluster(workers=1, port=free_port(), host=address, runtime=tmp_path / "runtime", env=env) as cluster:
        context = browser.new_context(locale="vi-VN", extra_http_headers={"X-Forwarded-For": SPOOFED})
        try:
            sign_in_with_a_wrong_password(context.new_page(), cluster.url)
        finally:
            context.close()
    assert failed_sign_in_clients(store) == [address]
