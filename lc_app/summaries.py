"""Short sentences for the overview, built from the metrics (Markdown, names escaped)."""

from __future__ import annotations

import html

import polars as pl

from lc_app.cache import ReportView
from lc_metrics.core.districts import district_name
from lc_metrics.core.formatting import format_pct
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import NO_SCAN_ALERT_PCT


def overview_highlights(view: ReportView, lang: str, lagging: int = 3) -> list[str]:
    """The districts with the lowest Bluezone coverage, and how many exceed the no-scan threshold
    (computed once per report and language)."""
    return view.derived(("overview_highlights", lang, lagging), lambda: _highlights(view, lang, lagging))


def _highlights(view: ReportView, lang: str, lagging: int) -> list[str]:
    lines = []
    ranked = view.districts.filter(pl.col("coverage_pct").is_not_null()).sort("coverage_pct").head(lagging)
    if ranked.height:
        names = ", ".join(
            f"{html.escape(district_name(r['code'], lang))} ({format_pct(r['coverage_pct'], 2, lang)})"
            for r in ranked.iter_rows(named=True)
        )
        lines.append(":material/trending_down: " + t("overview_lagging", lang, names=names))
    alerts = view.province["districts_no_scan_alert"]
    if alerts:
        lines.append(
            ":red[:material/error:] "
            + t(
                "overview_alert",
                lang,
                count=alerts,
                # out of the districts with the figure, as the status tile counts (a district that did not
                # report is neither over nor under the threshold)
                districts=view.districts["no_scan_pct"].drop_nulls().len(),
                threshold=format_pct(NO_SCAN_ALERT_PCT, 0, lang),
            )
        )
    return lines
