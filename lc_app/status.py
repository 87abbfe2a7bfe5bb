"""The overview's first screen: the status strip and the ranked district charts, drawn as HTML so that
they fit any width (two tiles a row on a phone), their text is real text (read by screen readers,
selectable, never overlapping: every label has its own box) and the colours meet WCAG AA."""

from __future__ import annotations

import html

import streamlit as st

from lc_app.cache import ReportView
from lc_app.page_list import page_target
from lc_app.prepared_html import PreparedHtml
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import province_value
from lc_metrics.publish.status import (
    CONTEXT_COLOUR,
    EMPHASIS_COLOUR,
    RankedChart,
    StatusTile,
    ranked_chart,
    status_tiles,
    tick_label,
)

TEXT = "#1f2328"
MUTED = "#3b4048"  # 10:1 on white
BAR = CONTEXT_COLOUR
EMPHASIS = EMPHASIS_COLOUR
GOOD = "#1a6b2f"

STATUS_CSS = f"""<style>
.lcm-strip {{ display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: .75rem; margin: 0 0 .25rem; }}
.lcm-tile {{ border: 1px solid #c9ced6; border-left: .5rem solid #4a6fa5; border-radius: .5rem;
  padding: .55rem .8rem; background: #fff; color: {TEXT}; min-width: 0; }}
.lcm-tile.alert {{ border-left-color: {EMPHASIS}; background: #fdf0ef; }}
.lcm-tile.ok {{ border-left-color: #1a7f37; background: #eef8f0; }}
.lcm-tile-label {{ font-size: .95rem; color: {MUTED}; font-weight: 600; }}
.lcm-tile-value {{ font-size: 2rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }}
.lcm-tile.alert .lcm-tile-value {{ color: {EMPHASIS}; }}
.lcm-tile-context, .lcm-tile-change {{ font-size: .85rem; color: {MUTED}; line-height: 1.3; }}
.lcm-tile-change.good {{ color: {GOOD}; }} .lcm-tile-change.bad {{ color: {EMPHASIS}; }}
.lcm-chart {{ margin: 0; color: {TEXT}; }}
.lcm-chart-title {{ font-weight: 700; font-size: 1rem; margin-bottom: .2rem; }}
.lcm-row {{ display: grid; grid-template-columns: 7.2rem minmax(0, 1fr) 4.6rem; align-items: center;
  column-gap: .5rem; }}
.lcm-bars {{ list-style: none; margin: 0 !important; padding: 0 !important; }}
.lcm-bars li {{ margin: 0 !important; padding: 0 !important; height: 1.55rem; font-size: .92rem; }}
.lcm-name {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.lcm-value {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.lcm-emph .lcm-name, .lcm-emph .lcm-value {{ font-weight: 700; color: {EMPHASIS}; }}
.lcm-track {{ position: relative; height: 100%; min-height: 1.1rem; }}
.lcm-bar {{ position: absolute; left: 0; top: 20%; height: 60%; background: {BAR}; border-radius: 0 2px 2px 0; }}
.lcm-emph .lcm-bar {{ background: {EMPHASIS}; }}
.lcm-missing {{ position: absolute; left: .25rem; top: 50%; transform: translateY(-50%); z-index: 1;
  color: {MUTED}; font-style: italic; white-space: nowrap; background: rgba(255, 255, 255, .85); }}
.lcm-line {{ position: absolute; top: 0; bottom: 0; border-left: 2px dashed {TEXT}; }}
.lcm-line.threshold {{ border-left: 2px solid {EMPHASIS}; }}
.lcm-marker-row {{ height: 1.3rem; font-size: .8rem; }}
.lcm-marker {{ position: absolute; bottom: 0; white-space: nowrap; font-weight: 700; }}
.lcm-marker.threshold {{ color: {EMPHASIS}; }}
.lcm-axis {{ height: 1.45rem; font-size: .78rem; color: {MUTED}; border-top: 1px solid #8c939d; }}
.lcm-tick {{ position: absolute; top: .3rem; white-space: nowrap; transform: translateX(-50%); }}
.lcm-tick::before {{ content: ''; position: absolute; left: 50%; top: -.3rem; height: .25rem;
  border-left: 1px solid #8c939d; }}
.lcm-note {{ font-size: .82rem; color: {MUTED}; margin: .2rem 0 0; }}
.lcm-charts {{ display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); column-gap: 1.5rem; row-gap: 1rem;
  margin: .5rem 0 0; }}
@media (max-width: 900px) {{ .lcm-strip {{ grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem; }} }}
@media (max-width: 640px) {{
  .lcm-tile {{ padding: .4rem .55rem; border-left-width: .35rem; }}
  .lcm-tile-label {{ font-size: .8rem; }} .lcm-tile-value {{ font-size: 1.45rem; }}
  .lcm-tile-context, .lcm-tile-change {{ font-size: .74rem; }}
  .lcm-charts {{ grid-template-columns: minmax(0, 1fr); }}
  .lcm-row {{ grid-template-columns: 6.4rem minmax(0, 1fr) 3.9rem; column-gap: .35rem; }}
  .lcm-bars li {{ height: 1.4rem; font-size: .85rem; }}
}}
</style>"""


def _anchored(position: float) -> str:
    """A label's left/translate so that it stays inside the track at either end."""
    if position < 12:
        return f"left:{position:.2f}%"
    if position > 88:
        return f"left:{position:.2f}%;transform:translateX(-100%)"
    return f"left:{position:.2f}%;transform:translateX(-50%)"


def status_strip_html(tiles: list[StatusTile], label: str) -> str:
    """The tiles as one grid (an alert tile says so in its context line too, not only in red)."""
    parts = []
    for tile in tiles:
        state = ""
        change = ""
        if tile.change:
            tone = "" if tile.change_good is None else " good" if tile.change_good else " bad"
            change = f"<div class='lcm-tile-change{tone}'>{html.escape(tile.change)}</div>"
        parts.append(
            f"<div class='lcm-tile {tile.state}' data-key='{tile.key}'>"
            f"<div class='lcm-tile-label'>{html.escape(tile.label)}</div>"
            f"<div class='lcm-tile-value'>{html.escape(tile.value)}{state}</div>"
            f"<div class='lcm-tile-context'>{html.escape(tile.context)}</div>{change}</div>"
        )
    return f"<section class='lcm-strip' aria-label='{html.escape(label)}'>" + "".join(parts) + "</section>"


def _span(css_class: str, style: str, text: str) -> str:
    return f"<span class='{css_class}' style='{style}'>{html.escape(text)}</span>"


def _track_row(css_class: str, inside: str) -> str:
    """A row of the chart's grid with only the middle (the bars' track) filled."""
    middle = f"<div class='lcm-track'>{inside}</div>"
    return f"<div class='lcm-row {css_class}' aria-hidden='true'><span></span>{middle}<span></span></div>"


def ranked_chart_html(chart: RankedChart) -> str:
    """Bars with their names and values as text, the province (and alert) lines labelled directly,
    axis ticks with units; the whole chart also described in one sentence for screen readers."""
    lines = ""
    if chart.province is not None:
        lines += f"<span class='lcm-line' style='left:{chart.position(chart.province.value):.2f}%'></span>"
    if chart.threshold is not None:
        lines += f"<span class='lcm-line threshold' style='left:{chart.position(chart.threshold.value):.2f}%'></span>"
    rows = []
    # the alert line is labelled above the bars and the province line below them: two labels never meet
    top, bottom = (chart.threshold, chart.province) if chart.threshold is not None else (chart.province, None)
    if top is not None:
        kind = "lcm-marker threshold" if top is chart.threshold else "lcm-marker"
        rows.append(_track_row("lcm-marker-row", _span(kind, _anchored(chart.position(top.value)), top.label)))
    bars = []
    for bar in chart.bars:
        emph = " lcm-emph" if bar.emphasised else ""
        if bar.value is None:  # the words where the bar would be: longer than the value column
            track = (
                f"<span class='lcm-track'><span class='lcm-missing'>{html.escape(bar.value_text)}</span>{lines}</span>"
            )
            value = "<span class='lcm-value'></span>"
        else:
            width = f"width:{chart.position(bar.value):.2f}%"
            track = f"<span class='lcm-track'>{_span('lcm-bar', width, '')}{lines}</span>"
            value = f"<span class='lcm-value'>{html.escape(bar.value_text)}</span>"
        name = html.escape(bar.name)
        bars.append(
            f"<li class='lcm-row{emph}' data-code='{bar.code}'>"
            f"<span class='lcm-name' title='{name}'>{name}</span>{track}{value}</li>"
        )
    rows.append("<ol class='lcm-bars' aria-hidden='true'>" + "".join(bars) + "</ol>")
    if bottom is not None:
        rows.append(
            _track_row("lcm-marker-row", _span("lcm-marker", _anchored(chart.position(bottom.value)), bottom.label))
        )
    # each tick's label centred under its mark, the ends' too: half a label reaches into the empty name and value
    # columns of the axis row (kept inside the track, "40%" stood left of its value)
    ticks = "".join(
        _span("lcm-tick", f"left:{chart.position(tick):.2f}%", tick_label(tick, chart.lang, chart.percent))
        for tick in chart.ticks
    )
    rows.append(_track_row("lcm-axis", ticks))
    description = html.escape(chart.description)
    return (
        f"<figure class='lcm-chart' data-metric='{chart.metric}' role='img' aria-label='{description}'>"
        f"<figcaption class='lcm-chart-title'>{html.escape(chart.title)}</figcaption>"
        + "".join(rows)
        + f"<p class='lcm-note'>{html.escape(chart.emphasis_note)}</p></figure>"
    )


def _status_html(view: ReportView, lang: str) -> str:
    """The strip (with the CSS), the note that there is no earlier report to compare with (a caption), and
    the two charts in one grid (none when no district has either)."""
    from lc_metrics.store.carried import carried_kpis

    tiles = status_tiles(
        view.province,
        view.districts,
        view.previous_province,
        view.previous_as_of,
        lang,
        carried_kpis(view.snapshot.provenance),
    )
    charts = [
        ranked_chart_html(ranked_chart(view.districts, metric, province_value(view.province, metric), lang))
        for metric in ("coverage_pct", "no_scan_pct")
        if metric in view.districts.columns and view.districts[metric].drop_nulls().len()
    ]
    grid = f"<div class='lcm-charts'>{''.join(charts)}</div>" if charts else ""
    # the caption spaced as an element of its own would be: 1rem above and below (lc_app.kpi_html's CSS)
    note = (
        f"<p class='lcm-caption' style='padding:1rem 0'>{html.escape(t('status_no_previous', lang))}</p>"
        if view.previous_as_of is None
        else "<div style='height:1rem'></div>"
    )
    return STATUS_CSS + status_strip_html(tiles, t("status_strip_label", lang)) + note + grid


def status_overview(view: ReportView, lang: str) -> None:
    """The first screen of the overview: the strip, then the two ranked charts side by side (stacked
    on a phone), a link to the full table, and what changed since the previous report."""
    # one element: each costs every new viewer server time (scripts/bench_load.py)
    st.html(PreparedHtml(view.derived(("status_overview", lang), lambda: _status_html(view, lang))))
    st.page_link(page_target("tables"), label=t("status_chart_table_link", lang), icon=":material/table:")
