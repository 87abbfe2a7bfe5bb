"""Sign-in for uploaders and administrators (viewers need none): a form checked against the salted
hashes of the accounts in the store, or ``st.login`` when an OIDC provider is configured. Every attempt is counted
before its password is checked; an address that keeps failing waits longer each time, and so does every
client not known to an account that keeps failing (never a lock: the owner's address or session is not
delayed); every attempt is in the audit log.

A form sign-in opens a staff session in the store (``lc_metrics.store.auth``). On the next run the page hands
the browser a one-time code, which the browser trades at ``/lcm/session`` for an HttpOnly cookie
(``lc_app.web``); a reload or a new tab then finds the session from that cookie. Every run checks that the
session is still live (not signed out, not expired, password unchanged, account not disabled). The accounts
are in the store; a signed-in user changes their own password in the sidebar (``lc_app.accounts``)."""

from __future__ import annotations

import json
import secrets

import streamlit as st

from lc_app.accounts import own_password_panel
from lc_app.cache import get_store
from lc_app.page_list import page_target
from lc_app.prepared_html import PreparedHtml
from lc_app.streamlit_workarounds import keep_for_this_run, this_run_kept
from lc_app.web import SESSION_PATH, SIGN_OUT_PATH, is_trusted_proxy, routes_mounted, trusted_proxies
from lc_metrics.core.districts import district_name
from lc_metrics.core.messages import t
from lc_metrics.store.auth import (
    SESSION_COOKIE,
    Role,
    User,
    address_key,
    attempt_sign_in,
    begin_session,
    oidc_configured,
    oidc_role,
    read_secrets,
    session_user,
)
from lc_metrics.store.store import Store, StoreWriteError, store_location

SESSION_KEY = "signed_in_user"  # (User, staff session id) of this browser tab
HANDOVER_KEY = "session_handover"  # the one-time code still to give the browser
CLEAR_COOKIE_KEY = "session_cookie_clear"


def current_user() -> User | None:
    """The signed-in user of this browser session (form, session cookie or OIDC), or None for a viewer.
    Found once per page run (the sidebar, the page and its parts all ask): again only when the run signed
    in or out meanwhile (the session held changed)."""
    held = st.session_state.get(SESSION_KEY)
    kept = this_run_kept(_RUN_USER)
    if kept is not None and kept[0] is held:
        return kept[1]
    user = _current_user()
    keep_for_this_run(_RUN_USER, (st.session_state.get(SESSION_KEY), user))
    return user


_RUN_USER = "current_user"


def _current_user() -> User | None:
    held = st.session_state.get(SESSION_KEY)
    token = st.context.cookies.get(SESSION_COOKIE) if held is None else None
    if held is not None or token:
        try:
            live = session_user(get_store(store_location()), session_id=held[1] if held else None, token=token)
        except StoreWriteError:  # the session could not be ended in an unwritable store: not signed in
            live = None
        if live is not None:
            st.session_state[SESSION_KEY] = live
            return live[0]
        st.session_state.pop(SESSION_KEY, None)
    secrets = read_secrets()
    if oidc_configured(secrets) and getattr(st.user, "is_logged_in", False):
        email = st.user.get("email")
        role = oidc_role(email if isinstance(email, str) else None, secrets)
        if role is not None:
            return User(str(email).lower(), role)
    return None


def client_address() -> str | None:
    """The browser's address, or None when it is not known. The server has already applied the rule on
    forwarding headers (``lc_app.web.ForwardedClient``: believed only from ``LCM_TRUSTED_PROXIES``), so this
    is the client's own address, the address of a proxy that named no client (then: unknown), or nothing
    (Streamlit gives no address for a loopback connection: a local proxy that names no client)."""
    try:
        address = st.context.ip_address
    except AttributeError:
        return None
    if not address or is_trusted_proxy(address, trusted_proxies()):
        return None
    return str(address)


CLIENT_ID_KEY = "sign_in_client_id"  # a random id of this browser session, for a client without an address


def client_key() -> str:
    """What this browser's attempts are counted under: its address (an IPv6 client's /64), or — when the
    address is not known — a random id of this browser session, never one key shared by every such client
    (a new session is a new key: the per-account limit is what bounds such clients)."""
    if CLIENT_ID_KEY not in st.session_state:
        st.session_state[CLIENT_ID_KEY] = secrets.token_urlsafe(12)
    return address_key(client_address(), st.session_state[CLIENT_ID_KEY])


def _session_account() -> str | None:
    """The account of the live staff session this browser's cookie carries (its owner is not delayed by the
    account's throttle), or None."""
    token = st.context.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        live = session_user(get_store(store_location()), token=token)
    except StoreWriteError:
        return None
    return live[0].name if live is not None else None


def sign_in(store: Store, name: str, password: str, lang: str) -> User | None:
    """Check a name and password, counted before the check (``lc_metrics.store.auth.attempt_sign_in``): an
    address that keeps failing waits longer each time, and so does every client not known to an account
    that keeps failing."""
    try:
        result = attempt_sign_in(store, name, password, client_key(), session_of=_session_account())
    except StoreWriteError as error:  # attempts cannot be recorded (full disk, read-only store): no sign-in
        st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
        return None
    if result.reason in ("wait", "account_wait"):
        message = "sign_in_wait" if result.reason == "wait" else "sign_in_account_wait"
        st.error(t(message, lang, seconds=result.wait_seconds), icon=":material/lock_clock:")
        return None
    if result.user is None:
        st.error(t("sign_in_failed", lang), icon=":material/error:")
        return None
    try:
        session_id, code = begin_session(store, result.user)
    except StoreWriteError as error:
        st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
        return None
    st.session_state[SESSION_KEY] = (result.user, session_id)
    if routes_mounted():
        st.session_state[HANDOVER_KEY] = code
    return result.user


def _post_from_browser(path: str, body: dict[str, str]) -> None:
    """A same-origin POST from the page (it carries and receives the HttpOnly cookie; no value from any
    file or user reaches this script: the path is a constant and the code a URL-safe random string)."""
    st.html(
        PreparedHtml(
            f"<script>fetch({json.dumps(path)}, {{method: 'POST', credentials: 'same-origin', "
            f"headers: {{'Content-Type': 'application/x-www-form-urlencoded'}}, "
            f"body: new URLSearchParams({json.dumps(body)})}});</script>"
        ),
        unsafe_allow_javascript=True,
    )


def _sign_out(store: Store, user: User) -> None:
    held = st.session_state.pop(SESSION_KEY, None)
    try:
        if held is not None:
            store.end_staff_session(held[1], "sign_out")
        store.audit(user.name, "sign_out", {})
    except StoreWriteError:
        pass  # signed out of this tab all the same; the cookie is cleared below
    st.session_state.pop(HANDOVER_KEY, None)
    st.session_state[CLEAR_COOKIE_KEY] = routes_mounted()


def role_label(user: User, lang: str) -> str:
    """What an account is, in the sidebar: a district's account names its district (it reports for it and works
    through its points), province staff and administrators their role."""
    if user.district is not None:
        return t("role_district_account", lang, name=district_name(user.district))
    return t(f"role_{user.role}", lang)


def sign_in_panel(store: Store, lang: str) -> User | None:
    """The sidebar block: who is signed in and a sign-out button, or the sign-in form."""
    user = current_user()
    with st.sidebar:
        if st.session_state.get(HANDOVER_KEY):
            _post_from_browser(SESSION_PATH, {"code": st.session_state.pop(HANDOVER_KEY)})
        if st.session_state.pop(CLEAR_COOKIE_KEY, False):
            _post_from_browser(SIGN_OUT_PATH, {})
        if user is not None:
            st.caption(t("signed_in_as", lang, name=user.name, role=role_label(user, lang)))
            if st.button(t("sign_out", lang), icon=":material/logout:", key="sign_out"):
                _sign_out(store, user)
                if getattr(st.user, "is_logged_in", False):
                    st.logout()
                st.rerun()
            held = st.session_state.get(SESSION_KEY)
            own_password_panel(store, user, held[1] if held else None, lang)
            return user
        if oidc_configured():
            if st.button(t("sign_in_oidc", lang), icon=":material/login:", key="sign_in_oidc"):
                st.login()
            return None
        # the form is drawn only once the panel is opened (a rerun): most visitors only view, and every
        # widget drawn costs each of them server time
        with st.expander(
            t("sign_in_title", lang), icon=":material/login:", key="sign_in_panel", on_change="rerun"
        ) as panel:
            if not panel.open:
                return None
            with st.form("sign_in_form", clear_on_submit=True, border=False):
                name = st.text_input(t("sign_in_name", lang), key="sign_in_name")
                password = st.text_input(t("sign_in_password", lang), type="password", key="sign_in_password")
                submitted = st.form_submit_button(t("sign_in_button", lang))
            if submitted:
                signed_in = sign_in(store, name, password, lang)
                if signed_in is not None:
                    if signed_in.district is not None:  # a district's account works on its own page
                        st.switch_page(page_target("district"))
                    st.rerun()
    return None


def sign_in_required_notice(lang: str) -> None:
    """A staff page opened by nobody signed in: where to sign in (on a phone too, whose sidebar is folded)."""
    st.warning(t("sign_in_required", lang, menu=t("nav_menu_label", lang)), icon=":material/lock:")


def require(role: Role, lang: str) -> User | None:
    """The signed-in user when allowed to act as ``role``; otherwise a message and None."""
    user = current_user()
    if user is None:
        sign_in_required_notice(lang)
        return None
    if not user.can(role):
        if user.district is not None:  # a district's account: its own page is elsewhere
            name = district_name(user.district)
            st.error(t("district_account_elsewhere", lang, name=name), icon=":material/block:")
            st.page_link(page_target("district"), label=t("page_district", lang), icon=":material/outgoing_mail:")
            return None
        st.error(t("role_required", lang, role=t(f"role_{role}", lang)), icon=":material/block:")
        return None
    return user
