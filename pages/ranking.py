"""Xếp hạng: the province's national position, districts ranked on any metric (?metric=), and the
national table (published by staff, the same for every viewer) with its ranking chart and national map."""

import streamlit as st

from lc_app.components import as_of_stamp
from lc_app.context import page_context, query_metric, set_query
from lc_app.maps import metric_label
from lc_app.rankings import (
    district_ranking_section,
    national_position,
    national_table_section,
    ranked_metrics_with_values,
)
from lc_app.targets import targets_detail
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import RANKED_METRICS
from lc_metrics.store.store import store_location

context = page_context()
lang, view = context.lang, context.view
st.title(t("page_ranking", lang))
if view is not None:
    as_of_stamp(view, lang)
    national_position(view, lang, store_location(), context.version)
    st.subheader(t("ranking_districts_section", lang))
    metrics = ranked_metrics_with_values(view)
    ranked = [spec.key for spec in RANKED_METRICS]
    metric = query_metric(metrics, "coverage_pct" if "coverage_pct" in metrics else metrics[0], lang, ranked)
    chosen = st.selectbox(
        t("map_metric", lang), metrics, index=metrics.index(metric), format_func=lambda key: metric_label(key, lang)
    )
    if chosen != metric:
        set_query(metric=chosen)
        st.rerun()
    district_ranking_section(view, metric, lang)
    national_table_section(view, lang, store_location())
    targets_detail(view, lang, store_location(), context.version)
