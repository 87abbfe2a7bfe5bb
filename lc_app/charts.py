"""Altair charts for the ranking page: sorted bars with the province level and thresholds marked,
the national ranking with Lào Cai highlighted, and the national rank across snapshots.
Numbers follow the UI language (Vega's number locale); value labels are pre-formatted text."""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from lc_metrics.core.formatting import format_date, format_number, format_pct
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import METRICS_BY_KEY
from lc_metrics.publish.status import CONTEXT_COLOUR, EMPHASIS_COLOUR

VEGA_LOCALE = {
    "vi": {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " đ"]}},
    "en": {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]}},
}
LAO_CAI_COLOUR = "#d94801"
OTHER_PROVINCE_COLOUR = "#9ecae1"
FONT_SIZE = 14


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


VegaChart = alt.Chart | alt.LayerChart | alt.FacetChart  # what st.altair_chart takes and these build


def _configure(chart: VegaChart, lang: str) -> VegaChart:
    return (
        chart.configure(locale=VEGA_LOCALE[lang])
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_legend(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_view(strokeWidth=0)
    )


def value_axis(percent: bool) -> alt.Axis:
    """A value axis ticked at a few round steps, its labels carrying their unit ("20%", not "20")."""
    if percent:
        return alt.Axis(format=".0f", labelExpr="datum.label + '%'", tickCount=5)
    return alt.Axis(format=",.0f", tickCount=5)


def national_bar_chart(ranking: pl.DataFrame, lang: str, title: str) -> VegaChart:
    """All provinces with a rate, highest first, Lào Cai in orange."""
    rows = [
        {
            "province": r["name"],
            "rate": r["rate"],
            "text": format_pct(r["rate"], 2, lang),
            "rank": r["rank"],
            "group": "Lào Cai" if r["is_lao_cai"] else t("national_other", lang),
        }
        for r in ranking.filter(pl.col("rate").is_not_null()).iter_rows(named=True)
    ]
    data = alt.Data(values=rows)
    y = alt.Y(
        "province:N",
        sort=alt.EncodingSortField("rank", op="min", order="ascending"),
        title=None,
        axis=alt.Axis(labelOverlap=False, labelFontSize=12),
    )  # every province named, Lào Cai included
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("rate:Q", title=title, axis=value_axis(True)),
            color=alt.Color(
                "group:N",
                scale=alt.Scale(
                    domain=["Lào Cai", t("national_other", lang)], range=[LAO_CAI_COLOUR, OTHER_PROVINCE_COLOUR]
                ),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("rank:Q", title=t("col_rank", lang)),
                alt.Tooltip("province:N"),
                alt.Tooltip("text:N", title=title),
            ],
        )
    )
    text = alt.Chart(data).mark_text(align="left", dx=3, fontSize=11).encode(y=y, x="rate:Q", text="text:N")
    return _configure(alt.layer(bars, text).properties(height=alt.Step(17)), lang)


def rank_history_chart(history: list[Any], lang: str) -> VegaChart:
    """The national rank across snapshots (1 at the top)."""
    rows = [
        {
            "date": format_date(p.as_of, lang),
            "iso": p.as_of.isoformat(),
            "rank": p.rank,
            "text": t("rank_value", lang, rank=p.rank, total=p.total),
        }
        for p in history
    ]
    data = alt.Data(values=rows)
    base = alt.Chart(data).encode(
        x=alt.X("date:N", sort=alt.EncodingSortField("iso", op="min"), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "rank:Q",
            scale=alt.Scale(reverse=True, zero=False, nice=False, padding=20),
            axis=alt.Axis(format="d", tickMinStep=1, tickCount=5),  # a few whole ranks, not every one
            title=t("kpi_national_rank", lang),
        ),
    )
    chart = alt.layer(
        base.mark_line(point=True, color=LAO_CAI_COLOUR),
        base.mark_text(dy=-12, fontSize=FONT_SIZE).encode(text="text:N"),
    ).properties(height=260)
    return _configure(chart, lang)


def trend_small_multiples(
    rows: list[dict[str, Any]],
    metric: str,
    province_name: str,
    emphasised: set[str],
    lang: str,
    *,
    columns: int,
    title: str,
) -> VegaChart:
    """The metric across reports as small multiples: a panel per district (best latest value first) with
    the district's line (red when it lags now, else blue) over the province's line in dark grey, dashed,
    the same in every panel; the latest value written at the line's end. ``rows``: as_of, date, unit,
    value, text (the province's rows have ``unit == province_name``)."""
    province = [r for r in rows if r["unit"] == province_name]
    district_rows = [r for r in rows if r["unit"] != province_name]
    last_date = {
        unit: max(r["as_of"] for r in district_rows if r["unit"] == unit) for unit in {r["unit"] for r in district_rows}
    }
    latest = {r["unit"]: r["value"] for r in district_rows if r["as_of"] == last_date[r["unit"]]}
    higher_is_better = METRICS_BY_KEY[metric].higher_is_better is not False
    order = sorted(latest, key=lambda unit: latest[unit], reverse=higher_is_better)
    newest = max((r["as_of"] for r in rows), default=None)

    def end_text(r: dict[str, Any]) -> str:  # a district without the newest report: its last figure says of when
        if r["as_of"] == last_date[r["unit"]] and r["as_of"] != newest:
            return t("history_last_value_of", lang, value=r["text"], date=r["date"])
        return r["text"]

    data = [
        dict(
            r,
            panel=r["unit"],
            series="district",
            group="emphasised" if r["unit"] in emphasised else "other",
            last=r["as_of"] == last_date[r["unit"]],
            text=end_text(r),
        )
        for r in district_rows
    ] + [dict(r, panel=unit, series="province", group="province", last=False) for unit in order for r in province]
    x = alt.X("date:N", sort=alt.EncodingSortField("as_of", op="min"), title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=None, axis=value_axis(METRICS_BY_KEY[metric].kind == "pct"))
    base = alt.Chart().encode(x=x, y=y)
    province_line = base.transform_filter(alt.datum.series == "province").mark_line(
        color="#3b4048", strokeDash=[5, 3], strokeWidth=2
    )
    colour = alt.Color(
        "group:N", scale=alt.Scale(domain=["emphasised", "other"], range=[EMPHASIS_COLOUR, CONTEXT_COLOUR]), legend=None
    )
    district_line = (
        base.transform_filter(alt.datum.series == "district")
        .mark_line(point=True, strokeWidth=3)
        .encode(
            color=colour, tooltip=[alt.Tooltip("unit:N"), alt.Tooltip("date:N"), alt.Tooltip("text:N", title=title)]
        )
    )
    last_value = (
        base.transform_filter(alt.datum.last)
        .mark_text(align="left", dx=6, fontSize=13, fontWeight="bold")
        .encode(text="text:N", color=colour)
    )
    chart = (
        alt.layer(province_line, district_line, last_value, data=alt.Data(values=data))
        .properties(width=300 if columns == 1 else 230, height=130)
        .facet(
            facet=alt.Facet(
                "panel:N",
                sort=order,
                title=None,
                header=alt.Header(labelFontSize=15, labelFontWeight="bold", labelColor="#111111"),
            ),
            columns=columns,
        )
        .resolve_scale(y="shared")
        .properties(description=_trend_description(data, order, title, lang))
    )
    return _configure(chart, lang)


def _trend_description(data: list[dict[str, Any]], order: list[str], title: str, lang: str) -> str:
    """Each district's first and latest value, for screen readers."""
    parts = []
    for unit in order:
        points = sorted((r["as_of"], r["text"]) for r in data if r["unit"] == unit and r["series"] == "district")
        parts.append(f"{unit} {points[0][1]} → {points[-1][1]}")
    return t("status_chart_description", lang, title=title, listing="; ".join(parts))


def number_text(value: float | None, digits: int, lang: str) -> str:
    return format_number(value, digits, lang) if value is not None else "—"
