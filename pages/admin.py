"""Quản trị (administrators only): reporting periods and their schedule, staff accounts, boundary files for
the maps and the audit log."""

import streamlit as st

from lc_app.admin import accounts_admin, audit_log, boundary_admin
from lc_app.auth import require
from lc_app.cache import get_store
from lc_app.context import current_lang, ensure_app_navigation
from lc_app.reporting import reporting_admin
from lc_app.targets import targets_admin
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

ensure_app_navigation()
lang = current_lang()
st.title(t("page_admin", lang))
user = require("admin", lang)
if user is not None:
    store = get_store(store_location())
    st.subheader(t("admin_reporting", lang))
    reporting_admin(user, store, lang)
    st.subheader(t("targets_admin_title", lang))
    targets_admin(user, store, lang)
    st.subheader(t("admin_users", lang))
    accounts_admin(user, store, lang)
    st.subheader(t("admin_boundaries_districts", lang))
    boundary_admin("districts", user, store, lang)
    st.subheader(t("admin_boundaries_provinces", lang))
    boundary_admin("provinces", user, store, lang)
    st.subheader(t("admin_boundaries_communes", lang))
    boundary_admin("communes", user, store, lang)
    st.subheader(t("admin_audit", lang))
    audit_log(store, lang)
