"""Tổng hợp kỳ báo cáo (the province's uploaders and administrators): a period's district submissions
beside the province's own workbook, conflicts settled, the period's report published."""

import streamlit as st

from lc_app.auth import require
from lc_app.cache import get_store
from lc_app.context import current_lang, ensure_app_navigation
from lc_app.reporting import consolidation_page
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

ensure_app_navigation()
lang = current_lang()
st.title(t("page_consolidate", lang))
user = require("uploader", lang)
if user is not None:
    consolidation_page(user, get_store(store_location()), lang)
