"""What the web server adds around the Streamlit app (``serve.py`` mounts it with ``st.App``):

- ``POST /lcm/session`` trades a one-time hand-over code (given to the browser right after a sign-in, see
  ``lc_app.auth``) for the staff-session token, set as an HttpOnly, SameSite=Strict cookie (Secure on
  HTTPS) — so a sign-in survives a reload and a new tab; ``POST /lcm/sign-out`` ends the session and
  clears the cookie. The store keeps only hashes of both secrets (``lc_metrics.store.auth``).
- Security headers on every HTTP response: a Content-Security-Policy that lets the page fetch nothing
  outside this server (except Carto's basemap tiles, which a viewer turns on by hand on the map), no
  framing by other sites, no MIME sniffing, no referrer sent elsewhere.
- ``/_stcore/metrics`` (session counts, cache sizes; walking every session costs CPU) answered only to
  the machine itself (127.0.0.1 / ::1), for monitoring; anyone else gets 404.
- Who the client is (for the sign-in throttle, ``lc_app.auth``): the address that opened the connection,
  unless that address is one of the proxies named in ``LCM_TRUSTED_PROXIES`` (none by default: an app
  served directly believes no header); behind them, the right-most address of ``X-Forwarded-For`` that is
  not a trusted proxy. This replaces uvicorn's own rule, which believes the header from 127.0.0.1 — any
  local hop passing a client's header on unchanged would let that client choose its address.

Nothing here imports Streamlit: plain Starlette handlers and an ASGI middleware, tested on the real server.
"""

from __future__ import annotations

import ipaddress
import os
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lc_metrics.store.auth import SESSION_COOKIE, claim_session, session_seconds, session_user
from lc_metrics.store.store import DATABASE_ERRORS, Store, StoreWriteError, store_location

STORE_FAILURES: tuple[type[Exception], ...] = (*DATABASE_ERRORS, StoreWriteError)
SESSION_PATH = "/lcm/session"
SIGN_OUT_PATH = "/lcm/sign-out"
MAX_BODY_BYTES = 1024
CARTO = "https://basemaps.cartocdn.com https://*.basemaps.cartocdn.com"
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Streamlit's own bundle evaluates code (Vega expressions) and the hand-over snippet is inline
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: blob: {CARTO}",
        "font-src 'self' data:",
        f"connect-src 'self' {CARTO}",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
LOCAL_ONLY_PATHS = ("/_stcore/metrics",)

ROUTES_ENV = "LCM_SESSION_ROUTES"  # set by routes(): kept in the environment, which survives module reloads


def routes_mounted() -> bool:
    """True in a server started from ``serve.py`` (the session routes exist); False under a bare
    ``streamlit run app.py`` or AppTest, where a sign-in lasts for its browser tab only."""
    return os.environ.get(ROUTES_ENV) == "1"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def _no_store(response: Response) -> Response:
    response.headers["cache-control"] = "no-store"
    return response


def _same_origin(request: Request) -> bool:
    """A browser's POST from this site (the Origin header names this host), never another site's form."""
    origin = request.headers.get("origin")
    if origin is None:
        return request.headers.get("sec-fetch-site", "same-origin") == "same-origin"
    return urllib.parse.urlsplit(origin).netloc == request.headers.get("host", "")


async def _small_form(request: Request) -> dict[str, str] | None:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    try:
        pairs = urllib.parse.parse_qsl(body.decode("ascii"), max_num_fields=4)
    except (UnicodeDecodeError, ValueError):
        return None
    return dict(pairs)


async def claim_session_cookie(request: Request) -> Response:
    """POST code=… → 204 and the session cookie; 400 for anything but a live, unused code from this site."""
    form = await _small_form(request)
    if not _same_origin(request) or form is None or "code" not in form:
        return _no_store(Response(status_code=400))
    try:
        token = claim_session(Store(store_location()), form["code"])
    except STORE_FAILURES:
        return _no_store(Response(status_code=503))
    if token is None:
        return _no_store(Response(status_code=400))
    response = Response(status_code=204)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=session_seconds(),
        path="/",
        secure=_secure(request),
        httponly=True,
        samesite="strict",
    )
    return _no_store(response)


async def end_session_cookie(request: Request) -> Response:
    """POST → the cookie's session ended (when it is one) and the cookie cleared; 204 either way."""
    if not _same_origin(request):
        return _no_store(Response(status_code=400))
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        try:
            store = Store(store_location())
            live = session_user(store, token=token)
            if live is not None:
                store.end_staff_session(live[1], "sign_out")
        except STORE_FAILURES:
            pass  # the cookie is cleared below all the same
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=_secure(request), httponly=True, samesite="strict")
    return _no_store(response)


def routes() -> list[Route]:
    """The session routes; calling this (serve.py does) tells the app they exist."""
    os.environ[ROUTES_ENV] = "1"
    return [
        Route(SESSION_PATH, claim_session_cookie, methods=["POST"]),
        Route(SIGN_OUT_PATH, end_session_cookie, methods=["POST"]),
    ]


TRUSTED_PROXIES_ENV = "LCM_TRUSTED_PROXIES"
FORWARDING_CHECKED = "lcm.forwarding_checked"  # set in the scope by ForwardedClient
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(value: str | None = None) -> tuple[Network, ...]:
    """The proxies whose ``X-Forwarded-For`` is believed: ``$LCM_TRUSTED_PROXIES`` (or ``value``), addresses
    or networks separated by commas or spaces (``127.0.0.1, ::1`` for the nginx of ``make serve``; ``10.0.0.0/8``
    for a load balancer's subnet). None when unset: an app served directly believes no forwarding header.
    An entry that is not an address raises ValueError (a misspelt setting must not trust nothing silently)."""
    text = os.environ.get(TRUSTED_PROXIES_ENV, "") if value is None else value
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in text.replace(",", " ").split())


def _ip(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address((text or "").strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def is_trusted_proxy(address: str | None, proxies: tuple[Network, ...]) -> bool:
    """True when ``address`` is one of the trusted proxies (a client behind them has no address of its own
    unless they name it)."""
    ip = _ip(address)
    return ip is not None and any(ip.version == net.version and ip in net for net in proxies)


def forwarded_client(peer: str | None, forwarded_for: list[str], proxies: tuple[Network, ...]) -> str | None:
    """The client's address given the connection's ``peer`` and the ``X-Forwarded-For`` values: the peer
    itself unless it is a trusted proxy; behind trusted proxies, the right-most address of the header that
    is not one of them (each proxy appends the address it was connected from; what lies left of the first
    untrusted one is what that client wrote). None when a trusted proxy names no usable client."""
    if not is_trusted_proxy(peer, proxies):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        ip = _ip(hop)
        if ip is None:
            return None
        if not is_trusted_proxy(str(ip), proxies):
            return str(ip)
    return None


class ForwardedClient:
    """ASGI middleware, outermost (in place of uvicorn's ProxyHeadersMiddleware, see
    :func:`believe_only_trusted_proxies`): sets the scope's client to :func:`forwarded_client` when the peer
    is a trusted proxy that names one (and the scheme from its ``X-Forwarded-Proto``); otherwise the scope
    keeps the peer. Streamlit's ``st.context.ip_address`` then reads the client's address from the scope."""

    def __init__(self, app: Callable[..., Awaitable[None]], trusted_hosts: Any = None) -> None:
        self.app = app
        self.proxies = trusted_proxies()  # uvicorn's own list (trusted_hosts) is deliberately not used

    async def __call__(
        self, scope: MutableMapping[str, Any], receive: Callable[..., Awaitable[Any]], send: Send
    ) -> None:
        if scope["type"] in ("http", "websocket"):
            scope[FORWARDING_CHECKED] = True
            peer = scope.get("client")
            if peer is not None and is_trusted_proxy(peer[0], self.proxies):
                headers = scope.get("headers", [])
                values = [value.decode("latin-1") for name, value in headers if name == b"x-forwarded-for"]
                client = forwarded_client(peer[0], values, self.proxies)
                if client is not None:
                    scope["client"] = (client, 0)
                proto = next((v.decode("latin-1").strip() for n, v in headers if n == b"x-forwarded-proto"), "")
                if proto in ("http", "https"):
                    scope["scheme"] = proto.replace("http", "ws") if scope["type"] == "websocket" else proto
        await self.app(scope, receive, send)


def believe_only_trusted_proxies() -> None:
    """Make uvicorn (the server ``streamlit run serve.py`` starts) use :class:`ForwardedClient` instead of
    its ProxyHeadersMiddleware, which believes ``X-Forwarded-For`` from 127.0.0.1 whatever is configured
    here. uvicorn wraps the app in it right after importing ``serve.py``, which calls this (through
    :func:`middleware`) while being imported. Should that ever not happen, :class:`SecurityHeaders` treats
    a forwarded request as one from an unknown address."""
    import uvicorn.config

    uvicorn.config.ProxyHeadersMiddleware = ForwardedClient  # type: ignore[assignment,misc]


def _loopback(client: Any) -> bool:
    try:
        return client is not None and ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response; local-only paths for anyone else → 404."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(
        self, scope: MutableMapping[str, Any], receive: Callable[..., Awaitable[Any]], send: Send
    ) -> None:
        if scope["type"] in ("http", "websocket") and not scope.get(FORWARDING_CHECKED):
            # a forwarded address no rule vetted (uvicorn's own middleware ran): the client is unknown
            if any(name == b"x-forwarded-for" for name, _ in scope.get("headers", [])):
                scope["client"] = None
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("path", "").rstrip("/").endswith(LOCAL_ONLY_PATHS) and not _loopback(scope.get("client")):
            await Response(status_code=404)(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in SECURITY_HEADERS if name not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def middleware() -> list[Middleware]:
    """The middleware of ``serve.py``; calling it (at import, before uvicorn wraps the app) also puts
    :class:`ForwardedClient` in place of uvicorn's proxy-header rule."""
    believe_only_trusted_proxies()
    return [Middleware(SecurityHeaders)]
