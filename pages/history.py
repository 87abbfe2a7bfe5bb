"""Lịch sử: every published report (each viewable by link), trends across reports, and for staff the
original files (the province's staff, never a district's account) and (administrators) withdrawal."""

import streamlit as st

from lc_app.auth import current_user
from lc_app.context import page_context, query_metric, set_query
from lc_app.history import TREND_METRICS, original_files, snapshot_list, trends, withdraw_form
from lc_app.maps import metric_label
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

context = page_context()
lang = context.lang
st.title(t("page_history", lang))
path = store_location()
user = current_user()
if context.view is not None:
    snapshots = snapshot_list(path, lang, user)
    st.subheader(t("history_trends", lang))
    metric = query_metric(list(TREND_METRICS), "coverage_pct", lang, TREND_METRICS)
    chosen = st.selectbox(
        t("map_metric", lang),
        TREND_METRICS,
        index=TREND_METRICS.index(metric),
        format_func=lambda key: metric_label(key, lang),
    )
    if chosen != metric:
        set_query(metric=chosen)
        st.rerun()
    trends(path, context.version, metric, lang)
    original_files(path, snapshots, user, lang)
    if user is not None and user.role == "admin":
        withdraw_form(path, snapshots, user, lang)
