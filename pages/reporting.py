"""Tình hình báo cáo (everyone): which district has sent its figures for the period, which is late, which
never sent — on a map and a table — and each district's record over the last periods."""

import streamlit as st

from lc_app.auth import current_user
from lc_app.cache import get_store
from lc_app.context import current_lang, ensure_app_navigation
from lc_app.reporting import status_board
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

ensure_app_navigation()
lang = current_lang()
st.title(t("page_reporting", lang))
status_board(get_store(store_location()), current_user(), lang)
