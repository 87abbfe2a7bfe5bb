"""Bảng số liệu: the three appendices as printed, with computed columns, bars and downloads."""

import streamlit as st

from lc_app.cache import get_store
from lc_app.components import appendix_table, as_of_stamp
from lc_app.context import page_context
from lc_app.exports import appendix_downloads
from lc_app.points import commune_section
from lc_metrics.core.districts import district_by_code, district_codes
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

context = page_context()
lang, view = context.lang, context.view
st.title(t("page_tables", lang))
if view is not None:
    as_of_stamp(view, lang)
    views = view.appendices(lang)
    # under each appendix: its CSV, and one workbook of the three in the dispatch's layout with the computed
    # metrics (built when asked for, then cached: viewing costs nothing). Only the open tab is drawn (a click
    # on another reruns the page): two of the three tables are out of sight.
    tabs = st.tabs([v.title.split(":")[0] for v in views], key="appendix_tab", on_change="rerun")
    for tab, appendix in zip(tabs, views):
        if tab.open:
            with tab:
                appendix_table(appendix, lang, view)
                appendix_downloads(appendix, view, lang, context.version)
    # a district's communes, from the check-in system's register (read only when a district is chosen)
    codes = district_codes()
    chosen = st.selectbox(
        t("points_communes_choose", lang),
        [None, *codes],
        format_func=lambda code: t("map_no_district", lang) if code is None else district_by_code(code).name,
        key="tables_communes",
    )
    if chosen is not None:
        commune_section(get_store(store_location()), chosen, lang)
