"""Tổng quan: the first screen answers where the province stands, who lags and what changed (status
strip, ranked district charts); the KPI cards, the data-quality line, the dispatch paragraph and the
documents follow."""

import streamlit as st

from lc_app.auth import current_user
from lc_app.components import carried_over_notice, kpi_cards, quality_panel, source_caption, title_and_as_of
from lc_app.context import page_context
from lc_app.exports import narrative_and_documents
from lc_app.status import status_overview
from lc_app.summaries import overview_highlights
from lc_app.targets import targets_status_line
from lc_metrics.core.messages import t
from lc_metrics.store.store import store_location

context = page_context()
lang, view = context.lang, context.view
title_and_as_of(t("page_overview", lang), view, lang)
if view is not None:
    carried_over_notice(view, lang)
    targets_status_line(view, lang, store_location(), context.version)
    status_overview(view, lang)
    highlights = overview_highlights(view, lang)
    if highlights:
        st.markdown("\n\n".join(highlights))
    source_caption(view, lang)
    quality_panel(view, lang, staff=lambda: current_user() is not None)
    # each section's heading is drawn in its element (lc_app.kpi_html.heading_html)
    kpi_cards(
        view, (("installs", "population_pct", "coverage_pct", "national_rank"),), lang, t("section_bluezone", lang)
    )
    kpi_cards(
        view,
        (("qr_points", "qr_points_no_scan", "no_scan_pct"), ("scans_total", "scans_per_point", "public_share_pct")),
        lang,
        t("section_qr", lang),
    )
    narrative_and_documents(view, lang, context.version)
