"""Tổng quan: KPI cards, the as-of stamp, the districts to watch and the data-quality panel."""

import streamlit as st

from lc_app.components import as_of_stamp, carried_over_notice, kpi_cards, quality_panel
from lc_app.context import page_context
from lc_app.exports import document_buttons, narrative_block
from lc_app.summaries import overview_highlights
from lc_metrics.core.messages import t

context = page_context()
lang, view = context.lang, context.view
st.title(t("page_overview", lang))
if view is not None:
    as_of_stamp(view, lang)
    carried_over_notice(view, lang)
    st.subheader(t("section_bluezone", lang))
    kpi_cards(view, ("installs", "population_pct", "coverage_pct", "national_rank"), lang)
    st.subheader(t("section_qr", lang))
    kpi_cards(view, ("qr_points", "qr_points_no_scan", "no_scan_pct"), lang)
    kpi_cards(view, ("scans_total", "scans_per_point", "public_share_pct"), lang)
    for line in overview_highlights(view, lang):
        st.markdown(line)
    quality_panel(view, lang)
    narrative_block(view, lang)
    st.subheader(t("exports_title", lang))
    document_buttons(view, lang)
