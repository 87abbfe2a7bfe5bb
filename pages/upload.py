"""Cập nhật dữ liệu (uploaders and administrators): upload the appendices, see them as understood and
what will change, accept the warnings, publish a new report."""

import streamlit as st

from lc_app.auth import require
from lc_app.cache import get_store
from lc_app.context import current_lang, ensure_app_navigation
from lc_app.uploads import published_notice, upload_flow
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

ensure_app_navigation()
lang = current_lang()
st.title(t("page_upload", lang))
published_notice(lang)
user = require("uploader", lang)
if user is not None:
    path = store_location()
    upload_flow(user, path, get_store(path).version(), lang)
