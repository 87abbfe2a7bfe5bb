"""Báo cáo của huyện (a district's uploader; province staff on a district's behalf): the period and what
is due, the district's template, its file checked and submitted, what it has sent."""

import streamlit as st

from lc_app.auth import current_user, sign_in_required_notice
from lc_app.cache import get_store
from lc_app.context import current_lang, ensure_app_navigation
from lc_app.points import worklist_section
from lc_app.reporting import district_page
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

ensure_app_navigation()
lang = current_lang()
st.title(t("page_district", lang))
user = current_user()
if user is None:
    sign_in_required_notice(lang)
elif user.district is None and not user.can("uploader"):
    st.error(t("district_role_required", lang), icon=":material/block:")
else:
    path = store_location()
    store = get_store(path)
    code = district_page(user, store, path, lang)
    if code is not None:
        worklist_section(user, store, code, lang)
