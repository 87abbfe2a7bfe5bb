"""Bảng số liệu: the three appendices as printed, with computed columns, bars and downloads."""

import streamlit as st

from lc_app.cache import export_file
from lc_app.components import appendix_table, as_of_stamp
from lc_app.context import page_context
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

context = page_context()
lang, view = context.lang, context.view
st.title(t("page_tables", lang))
if view is not None:
    as_of_stamp(view, lang)
    views = view.appendices(lang)
    location, snapshot_id, version = store_location(), view.snapshot_id, context.version

    def workbook() -> bytes:  # built when a button is pressed (then cached): viewing costs nothing
        return export_file("xlsx", location, snapshot_id, version, lang, None)

    # one workbook: the three appendices in the dispatch's layout and the computed metrics, offered under each.
    # Only the open tab is drawn (a click on another reruns the page): each table costs every viewer its
    # styling and its message, and two of the three are out of sight.
    tabs = st.tabs([v.title.split(":")[0] for v in views], key="appendix_tab", on_change="rerun")
    for tab, appendix in zip(tabs, views):
        if tab.open:
            with tab:
                appendix_table(appendix, lang, workbook, view.snapshot.as_of.isoformat(), view)
