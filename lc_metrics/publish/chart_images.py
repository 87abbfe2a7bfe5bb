"""Charts as PNG images drawn on the server with matplotlib (slides, documents, downloads): the
districts ranked on a metric, coloured by the map's classes, with the province level and threshold."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import polars as pl

from lc_metrics.core.districts import district_label
from lc_metrics.core.formatting import format_number, format_pct
from lc_metrics.core.messages import t
from lc_metrics.core.pictures import projector_figure, titled_png
from lc_metrics.metrics.classes import THRESHOLDS, Classification
from lc_metrics.metrics.indicators import format_metric
from lc_metrics.metrics.ranking import district_ranking


def ranking_png(
    districts: pl.DataFrame,
    metric: str,
    classification: Classification,
    province_value: float | None,
    *,
    title: str,
    subtitle: str,
    lang: str,
    size: tuple[int, int] = (1920, 1080),
) -> bytes:
    """Horizontal bars, best district on top, values written at the bar ends; the laggards (or the
    districts over the alert) in red with their names in bold red, the others in a quiet blue."""
    from lc_metrics.publish.status import CONTEXT_COLOUR, EMPHASIS_COLOUR, emphasised_codes

    emphasised = emphasised_codes(districts, metric)
    ranking = district_ranking(districts, metric)
    figure, scale = projector_figure(size)
    axes = figure.add_axes((0.20, 0.10, 0.72, 0.72))
    rows = list(ranking.iter_rows(named=True))[::-1]  # matplotlib draws bottom-up
    values = [r["value"] or 0.0 for r in rows]
    colours = [EMPHASIS_COLOUR if r["code"] in emphasised else CONTEXT_COLOUR for r in rows]
    axes.barh(
        [district_label(r["code"], lang) for r in rows], values, color=colours, edgecolor="#333333", linewidth=0.8
    )
    top = max(values + [province_value or 0]) or 1
    for index, row in enumerate(rows):
        axes.text(
            (row["value"] or 0) + top * 0.01,
            index,
            format_metric(metric, row["value"], lang),
            va="center",
            fontsize=18 * scale,
            color="#111111",
        )
    if province_value is not None:
        axes.axvline(province_value, color="#111111", linestyle="--", linewidth=2.5 * scale)
        axes.text(
            province_value,
            len(rows) - 0.35,
            " " + t("legend_province", lang, value=format_metric(metric, province_value, lang)),
            fontsize=17 * scale,
            fontweight="bold",
            va="bottom",
        )
    if metric in THRESHOLDS:
        threshold = THRESHOLDS[metric][0]
        axes.axvline(threshold, color="#b2182b", linewidth=3 * scale)
        axes.text(
            threshold,
            len(rows) - 0.35,
            t(
                "legend_threshold",
                lang,
                threshold=format_pct(threshold, 0, lang),
                side=t(f"threshold_{THRESHOLDS[metric][1]}", lang),
            )
            + " ",
            fontsize=15 * scale,
            color="#b2182b",
            va="bottom",
            ha="right",
        )
    axes.set_xlim(0, top * 1.15)
    axes.tick_params(axis="y", labelsize=20 * scale)
    for label, row in zip(axes.get_yticklabels(), rows):
        if row["code"] in emphasised:
            label.set_color(EMPHASIS_COLOUR)
            label.set_fontweight("bold")
    axes.tick_params(axis="x", labelsize=14 * scale)
    axes.xaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(
            lambda x, _: format_pct(x, 0, lang) if metric.endswith("_pct") else format_number(x, 0, lang)
        )
    )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return titled_png(figure, scale, title, subtitle)


def national_ranking_png(
    ranking: pl.DataFrame, *, title: str, subtitle: str, lang: str, size: tuple[int, int] = (1920, 1080)
) -> bytes:
    """All provinces with a rate, highest first, Lào Cai highlighted; two columns of bars so that 63
    names stay readable on a projector."""
    rows = list(ranking.filter(pl.col("rate").is_not_null()).iter_rows(named=True))
    figure, scale = projector_figure(size)
    half = (len(rows) + 1) // 2
    top = max(r["rate"] for r in rows) if rows else 1
    for part, chunk in enumerate((rows[:half], rows[half:])):
        axes = figure.add_axes((0.12 + part * 0.46, 0.05, 0.33, 0.80))
        chunk = chunk[::-1]
        colours = ["#d94801" if r["is_lao_cai"] else "#9ecae1" for r in chunk]
        axes.barh(
            [f"{r['rank']}. {r['name']}" for r in chunk],
            [r["rate"] for r in chunk],
            color=colours,
            edgecolor="#333333",
            linewidth=0.4,
        )
        for index, row in enumerate(chunk):
            axes.text(
                row["rate"] + top * 0.01,
                index,
                format_pct(row["rate"], 2, lang),
                va="center",
                fontsize=9.5 * scale,
                fontweight="bold" if row["is_lao_cai"] else "normal",
            )
        axes.set_xlim(0, top * 1.2)
        axes.set_ylim(-0.6, half - 0.4)
        axes.tick_params(axis="y", labelsize=10 * scale)
        axes.tick_params(axis="x", labelsize=9 * scale)
        axes.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: format_pct(x, 0, lang)))
        for label in axes.get_yticklabels():
            if label.get_text().endswith(" Lào Cai"):
                label.set_fontweight("bold")
                label.set_color("#d94801")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    return titled_png(figure, scale, title, subtitle, title_size=28, subtitle_size=17, subtitle_y=0.90)
