"""Sign-in for uploaders and administrators (viewers need none): a form checked against the salted
hashes in the secrets file, or ``st.login`` when an OIDC provider is configured. An address that keeps
failing waits longer each time (never a lock of the account itself); every attempt is in the audit log."""

from __future__ import annotations

import streamlit as st

from lc_metrics.auth import Role, User, attempt_sign_in, oidc_configured, oidc_role, read_secrets
from lc_metrics.messages import t
from lc_metrics.store import Store, StoreWriteError

SESSION_KEY = "signed_in_user"


def current_user() -> User | None:
    """The signed-in user of this browser session (form or OIDC), or None for a viewer."""
    user = st.session_state.get(SESSION_KEY)
    if user is not None:
        return user
    secrets = read_secrets()
    if oidc_configured(secrets) and getattr(st.user, "is_logged_in", False):
        email = st.user.get("email")
        role = oidc_role(email, secrets)
        if role is not None:
            return User(str(email).lower(), role)
    return None


def client_address() -> str:
    """The browser's address as the server sees it (behind a proxy: the proxy's, unless it forwards it)."""
    try:
        return str(st.context.ip_address or "unknown")
    except AttributeError:
        return "unknown"


def sign_in(store: Store, name: str, password: str, lang: str) -> User | None:
    """Check a name and password; an address that keeps failing waits longer each time (lc_metrics.auth)."""
    try:
        result = attempt_sign_in(store, name, password, client_address())
    except StoreWriteError as error:  # attempts cannot be recorded (full disk, read-only store): no sign-in
        st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
        return None
    if result.reason == "wait":
        st.error(t("sign_in_wait", lang, seconds=result.wait_seconds), icon=":material/lock_clock:")
        return None
    if result.user is None:
        st.error(t("sign_in_failed", lang), icon=":material/error:")
        return None
    st.session_state[SESSION_KEY] = result.user
    return result.user


def sign_in_panel(store: Store, lang: str) -> User | None:
    """The sidebar block: who is signed in and a sign-out button, or the sign-in form."""
    user = current_user()
    with st.sidebar:
        if user is not None:
            st.caption(t("signed_in_as", lang, name=user.name, role=t(f"role_{user.role}", lang)))
            if st.button(t("sign_out", lang), icon=":material/logout:", key="sign_out"):
                st.session_state.pop(SESSION_KEY, None)
                store.audit(user.name, "sign_out", {})
                if getattr(st.user, "is_logged_in", False):
                    st.logout()
                st.rerun()
            return user
        if oidc_configured():
            if st.button(t("sign_in_oidc", lang), icon=":material/login:", key="sign_in_oidc"):
                st.login()
            return None
        with st.expander(t("sign_in_title", lang), icon=":material/login:"):
            with st.form("sign_in_form", clear_on_submit=True, border=False):
                name = st.text_input(t("sign_in_name", lang), key="sign_in_name")
                password = st.text_input(t("sign_in_password", lang), type="password", key="sign_in_password")
                submitted = st.form_submit_button(t("sign_in_button", lang))
            if submitted:
                if sign_in(store, name, password, lang) is not None:
                    st.rerun()
    return None


def require(role: Role, lang: str) -> User | None:
    """The signed-in user when allowed to act as ``role``; otherwise a message and None."""
    user = current_user()
    if user is None:
        st.warning(t("sign_in_required", lang), icon=":material/lock:")
        return None
    if not user.can(role):
        st.error(t("role_required", lang, role=t(f"role_{role}", lang)), icon=":material/block:")
        return None
    return user
