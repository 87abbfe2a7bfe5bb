"""Altair charts for the ranking page: sorted bars with the province level and thresholds marked,
the national ranking with Lào Cai highlighted, and the national rank across snapshots.
Numbers follow the UI language (Vega's number locale); value labels are pre-formatted text."""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from lc_metrics.core.districts import district_label
from lc_metrics.core.formatting import format_date, format_number, format_pct
from lc_metrics.core.messages import t
from lc_metrics.metrics.classes import NO_DATA_COLOUR, THRESHOLDS, Classification
from lc_metrics.metrics.indicators import METRICS_BY_KEY, format_metric

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


def district_bar_chart(
    ranking: pl.DataFrame,
    metric: str,
    classification: Classification,
    province_value: float | None,
    lang: str,
    metric_title: str,
) -> VegaChart:
    """Horizontal bars, best district on top, coloured by the map's classes; a dashed line at the
    province value and a red line at the alert threshold where the metric has one."""
    labels = classification.labels(lang)
    rows = []
    for row in ranking.iter_rows(named=True):
        index = classification.class_of(row["value"])
        rows.append(
            {
                "district": district_label(row["code"], lang),
                "value": row["value"] if row["value"] is not None else 0.0,
                "text": format_metric(metric, row["value"], lang),
                "class": t("legend_no_data", lang) if index is None else labels[index],
                "order": row["rank"] if row["rank"] is not None else 99,
            }
        )
    data = alt.Data(values=rows)
    domain, colours = list(labels), [_hex(c) for c in classification.colours]
    if any(row["class"] == t("legend_no_data", lang) for row in rows):
        domain.append(t("legend_no_data", lang))
        colours.append(_hex(NO_DATA_COLOUR))
    y = alt.Y("district:N", sort=alt.EncodingSortField("order", op="min", order="ascending"), title=None)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("value:Q", title=metric_title, axis=value_axis(METRICS_BY_KEY[metric].kind == "pct")),
            color=alt.Color(
                "class:N",
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(title=t("legend_title", lang), orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("district:N", title=t("col_district", lang)),
                alt.Tooltip("text:N", title=metric_title),
            ],
        )
    )
    text = alt.Chart(data).mark_text(align="left", dx=4, fontSize=FONT_SIZE).encode(y=y, x="value:Q", text="text:N")
    layers: list[Any] = [bars, text]
    if province_value is not None:
        rule = alt.Chart(
            alt.Data(
                values=[
                    {
                        "value": province_value,
                        "label": t("legend_province", lang, value=format_metric(metric, province_value, lang)),
                    }
                ]
            )
        )
        layers.append(rule.mark_rule(strokeDash=[6, 4], color="#111111", size=2).encode(x="value:Q"))
        layers.append(
            rule.mark_text(align="left", dx=4, dy=-8, fontSize=FONT_SIZE, fontWeight="bold").encode(
                x="value:Q", y=alt.value(0), text="label:N"
            )
        )
    if metric in THRESHOLDS:
        threshold = THRESHOLDS[metric][0]
        rule = alt.Chart(alt.Data(values=[{"value": threshold, "label": format_pct(threshold, 0, lang)}]))
        layers.append(rule.mark_rule(color="#b2182b", size=2).encode(x="value:Q"))
    chart = alt.layer(*layers).properties(height=alt.Step(34))
    return _configure(chart, lang)


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


def number_text(value: float | None, digits: int, lang: str) -> str:
    return format_number(value, digits, lang) if value is not None else "—"
