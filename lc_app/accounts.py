"""A signed-in user's own account, in the sidebar: change the password (the current one required, the length
rule as everywhere); after a one-time password from the administrator, the panel opens by itself and asks for
it. The accounts themselves are in the store (lc_metrics.store.auth)."""

from __future__ import annotations

import streamlit as st

from lc_app.components import written_or_said
from lc_metrics.core.messages import t
from lc_metrics.store.auth import User, change_own_password
from lc_metrics.store.store import Store

PANEL_KEY = "own_password_panel"


def own_password_panel(store: Store, user: User, session_id: int | None, lang: str) -> None:
    """ "Đổi mật khẩu" for an account of the store (an OIDC identity has none here): this session goes on,
    the account's other sessions end."""
    account = store.account(user.name)
    if account is None:
        return
    if account["must_change"]:
        st.warning(t("account_must_change", lang), icon=":material/key:")
    # the form is drawn only once the panel is opened (a rerun), as the sign-in form: open by itself after a
    # one-time password
    with st.expander(
        t("account_change_title", lang),
        icon=":material/key:",
        expanded=bool(account["must_change"]),
        key=PANEL_KEY,
        on_change="rerun",
    ) as panel:
        if not panel.open:
            return
        with st.form("own_password", clear_on_submit=True, border=False):
            current = st.text_input(t("account_current_password", lang), type="password", max_chars=1024)
            new = st.text_input(t("account_new_password", lang), type="password", max_chars=1024)
            again = st.text_input(t("account_new_password_again", lang), type="password", max_chars=1024)
            submitted = st.form_submit_button(t("account_change_button", lang))
        if not submitted:
            return
        if new != again:
            st.error(t("account_mismatch", lang), icon=":material/error:")
            return

        def change() -> bool:
            change_own_password(store, user.name, current, new, session_id)
            return True

        if written_or_said(change, lang) is None:  # refused: said there
            return
        st.success(t("account_changed", lang), icon=":material/check_circle:")
