"""Danh sách điểm kiểm dịch (the province's uploaders): the check-in system's list of points read, checked,
its appendices computed beside the typed report of the same date, and kept; the registers kept so far."""

import streamlit as st

from lc_app.auth import require
from lc_app.cache import get_store
from lc_app.context import current_lang, ensure_app_navigation
from lc_app.points import register_page
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

ensure_app_navigation()
lang = current_lang()
st.title(t("page_points", lang))
user = require("uploader", lang)
if user is not None:
    register_page(user, get_store(store_location()), lang)
