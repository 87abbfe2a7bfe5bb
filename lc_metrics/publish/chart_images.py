"""Charts as PNG images drawn on the server with matplotlib (slides, documents, downloads): the
districts ranked on a metric, coloured by the map's classes, with the province level and threshold.

Labels and lines: a value label is never crossed by the province's line or the alert line
(:func:`place_value_label`: at the bar's end, else inside the bar, else past the lines), and the lines'
own labels sit above the bars, on a second tier when they would touch (:func:`place_line_labels`). The
rule works in the picture's pixels, from the labels' measured widths, so it holds for any values and any
picture size; tests/test_picture_labels.py measures it in the drawn pictures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")
import polars as pl
from matplotlib.colors import to_rgb
from matplotlib.transforms import blended_transform_factory

from lc_metrics.core.districts import district_label
from lc_metrics.core.formatting import format_number, format_pct
from lc_metrics.core.messages import t
from lc_metrics.core.pictures import DPI, projector_figure, titled_png
from lc_metrics.metrics.classes import THRESHOLDS, Classification
from lc_metrics.metrics.indicators import METRICS_BY_KEY, format_metric
from lc_metrics.metrics.ranking import district_ranking

AXES_BOX = (0.20, 0.10, 0.72, 0.68)  # left, bottom, width, height of the bars (figure fractions)
PROVINCE_LINE_WIDTH = 2.5  # points, at a 1080-pixel-high picture
THRESHOLD_LINE_WIDTH = 3.0


@dataclass(frozen=True)
class Rule:
    """A vertical line across the bars, in pixels: its centre and half its drawn width."""

    x: float
    half_width: float


def crosses(rule: Rule, left: float, right: float, margin: float) -> bool:
    """Whether ``rule``, widened by ``margin`` on each side, touches the span ``left``–``right``."""
    return rule.x + rule.half_width + margin > left and rule.x - rule.half_width - margin < right


def place_value_label(
    end: float, width: float, rules: list[Rule], *, gap: float, margin: float, start: float = 0.0
) -> tuple[float, bool]:
    """Where a value label of ``width`` pixels goes for a bar from ``start`` to ``end`` (pixels): its left
    edge, and whether it sits inside the bar. In order of preference, the first clear of every rule:
    just past the bar's end (where a reader looks for it); inside the bar against its end; inside the bar,
    moved back before the rules that would cross it (the label stays on its own bar); past the rules that
    would cross it. The last always succeeds: the rules are passed left to right and the label only moves
    right, so a rule passed is never met again."""
    outside = end + gap
    if not any(crosses(rule, outside, outside + width, margin) for rule in rules):
        return outside, False
    right = end - gap
    for rule in sorted(rules, key=lambda r: -r.x):
        if crosses(rule, right - width, right, margin):
            right = rule.x - rule.half_width - gap
    if right - width >= start + gap:
        return right - width, True
    left = outside
    for rule in sorted(rules, key=lambda r: r.x):
        if crosses(rule, left, left + width, margin):
            left = rule.x + rule.half_width + gap
    return left, False


def place_line_labels(
    anchors: list[tuple[Rule, float]], *, gap: float, low: float, high: float
) -> list[tuple[float, int]]:
    """The labels of the rules, above the bars (where no rule runs): for each (rule, label width) its left
    edge and tier (0 just above the bars, 1 above that). A label starts past its rule, but the lower of two
    rules' label ends before it, so that the two point away from each other; either turns round when it
    would leave ``low``–``high``; a label that would still touch one on its tier goes up a tier."""
    order = sorted(range(len(anchors)), key=lambda i: anchors[i][0].x)
    placed: dict[int, tuple[float, int]] = {}
    spans: list[tuple[float, float, int]] = []
    for position, index in enumerate(order):
        rule, width = anchors[index]
        right_side = rule.x + rule.half_width + gap
        left_side = rule.x - rule.half_width - gap - width
        prefer_left = len(order) > 1 and position == 0
        left = left_side if prefer_left else right_side
        if left < low or left + width > high:
            left = right_side if prefer_left else left_side
        left = min(max(left, low), high - width)
        tier = 0
        while any(t == tier and left < b + gap and a < left + width + gap for a, b, t in spans):
            tier += 1
        spans.append((left, left + width, tier))
        placed[index] = (left, tier)
    return [placed[i] for i in range(len(anchors))]


def _ink_on(colour: str) -> str:
    """Near-black or white, whichever reads better on ``colour`` (WCAG contrast)."""

    def luminance(rgb: tuple[float, ...]) -> float:
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    background = luminance(to_rgb(colour))
    dark = luminance(to_rgb("#111111"))
    return "#111111" if (background + 0.05) / (dark + 0.05) >= 1.05 / (background + 0.05) else "#ffffff"


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
    """Horizontal bars, best district on top, values written at the bar ends (clear of the lines); the
    laggards (or the districts over the alert) in red with their names in bold red, the others in a quiet
    blue. A count (installs, points) has no province line: the province's figure is the districts' sum."""
    figure, scale = ranking_figure(districts, metric, province_value, lang=lang, size=size)
    return titled_png(figure, scale, title, subtitle)


def ranking_figure(
    districts: pl.DataFrame, metric: str, province_value: float | None, *, lang: str, size: tuple[int, int]
) -> tuple[Any, float]:
    """The ranking chart without its title block (see :func:`ranking_png`): the figure and its type scale."""
    from lc_metrics.publish.status import CONTEXT_COLOUR, EMPHASIS_COLOUR, emphasised_codes

    if METRICS_BY_KEY[metric].kind == "count":
        province_value = None
    emphasised = emphasised_codes(districts, metric)
    ranking = district_ranking(districts, metric)
    figure, scale = projector_figure(size)
    axes = figure.add_axes(AXES_BOX)
    rows = list(ranking.iter_rows(named=True))[::-1]  # matplotlib draws bottom-up
    values = [r["value"] or 0.0 for r in rows]
    colours = [EMPHASIS_COLOUR if r["code"] in emphasised else CONTEXT_COLOUR for r in rows]
    axes.barh(
        [district_label(r["code"], lang) for r in rows], values, color=colours, edgecolor="#333333", linewidth=0.8
    )
    markers: list[tuple[float, float, str, str, str]] = []  # value, line width, colour, style, label
    if province_value is not None:
        label = t("legend_province", lang, value=format_metric(metric, province_value, lang))
        markers.append((province_value, PROVINCE_LINE_WIDTH * scale, "#111111", "--", label))
    if metric in THRESHOLDS:
        threshold, side = THRESHOLDS[metric]
        label = t("legend_threshold", lang, threshold=format_pct(threshold, 0, lang), side=t(f"threshold_{side}", lang))
        markers.append((threshold, THRESHOLD_LINE_WIDTH * scale, "#b2182b", "-", label))
    for value, width, colour, style, _ in markers:
        axes.axvline(value, color=colour, linestyle=style, linewidth=width)
    texts = [
        axes.text(0, index, format_metric(metric, row["value"], lang), va="center", fontsize=18 * scale)
        for index, row in enumerate(rows)
    ]
    line_texts = [
        axes.text(
            0,
            1,
            label,
            fontsize=(17 if colour == "#111111" else 15) * scale,
            color=colour,
            fontweight="bold",
            va="bottom",
            transform=blended_transform_factory(axes.transData, axes.transAxes),
        )
        for _, _, colour, _, label in markers
    ]
    _place_labels(figure, axes, scale, values, colours, markers, texts, line_texts)
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
    return figure, scale


def _place_labels(
    figure: Any,
    axes: Any,
    scale: float,
    values: list[float],
    colours: list[str],
    markers: list[tuple[float, float, str, str, str]],
    texts: list[Any],
    line_texts: list[Any],
) -> None:
    """Positions the value labels (:func:`place_value_label`) and the lines' labels
    (:func:`place_line_labels`) from their measured widths, widening the value axis until every label
    fits inside the bars' area."""
    renderer = figure.canvas.get_renderer()
    widths = [text.get_window_extent(renderer).width for text in texts]
    line_widths = [text.get_window_extent(renderer).width for text in line_texts]
    box = axes.get_window_extent(renderer)
    pixels_wide = box.width
    gap, margin = 8 * scale, 4 * scale
    top = max(values + [m[0] for m in markers] + [0.0]) or 1.0
    right_end = top * 1.12

    def layout(right_end: float) -> tuple[float, list[Rule], list[tuple[float, bool]]]:
        per_unit = pixels_wide / right_end
        rules = [Rule(value * per_unit, width * DPI / 72 / 2) for value, width, *_ in markers]
        spots = [place_value_label(v * per_unit, w, rules, gap=gap, margin=margin) for v, w in zip(values, widths)]
        return per_unit, rules, spots

    for _ in range(12):  # widen the axis until the furthest label fits (a few rounds at most)
        per_unit, rules, spots = layout(right_end)
        furthest = max([left + w for (left, _), w in zip(spots, widths)] + [0.0])
        if furthest + gap <= pixels_wide:
            break
        right_end *= (furthest + gap) / pixels_wide * 1.01
    else:
        per_unit, rules, spots = layout(right_end)
    axes.set_xlim(0, right_end)
    for text, (left, inside), colour in zip(texts, spots, colours):
        text.set_x(left / per_unit)
        text.set_color(_ink_on(colour) if inside else "#111111")
    tops = place_line_labels(
        list(zip(rules, line_widths)), gap=gap, low=-box.x0 + gap, high=figure.bbox.width - box.x0 - gap
    )
    tier_height = max([text.get_window_extent(renderer).height for text in line_texts] + [0.0]) + gap / 2
    for text, (left, tier) in zip(line_texts, tops):
        text.set_x(left / per_unit)
        text.set_y(1 + (gap / 2 + tier * tier_height) / box.height)


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
