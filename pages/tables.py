"""Bảng số liệu: the three appendices as printed, with computed columns, bars and downloads."""

import streamlit as st

from lc_app.components import appendix_table, as_of_stamp
from lc_app.context import page_context
from lc_app.exports import appendix_downloads
from lc_metrics.core.messages import t

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
