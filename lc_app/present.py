"""Presentation mode: full-screen 16:9 slides for a projector, sized in viewport units (readable from
1024×768 to 1920×1080), high contrast, no Streamlit chrome; arrow keys and buttons change slides,
the slide number is in the URL (?slide=3) and an optional auto-advance serves lobby screens (?auto=20)."""

from __future__ import annotations

import base64
import html
import time

import streamlit as st

from lc_app.page_list import page_target
from lc_app.prepared_html import PreparedHtml
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.publish.briefing import SLIDES, Briefing, target_method_short
from lc_metrics.publish.points_summary import communes_line, followup_note, points_table

AUTO_CHOICES = (0, 10, 20, 30, 60)

NAV_KEY = "lcm_present_nav"  # the navigation bar's container: Streamlit gives it the class st-key-<key>

# The navigation bar is fixed to the bottom of the visible screen (100dvh: a phone's browser bars excluded) and
# each slide takes the height above it, so a slide never runs under the bar and the bar is never pushed off the
# screen. On a landscape screen the bar is one row (--lcm-nav high); on a phone (narrower than 640 px, where
# Streamlit would stack the columns one under another, the last ones off the screen) two rows: previous, counter,
# next; then auto-advance and the way out. A portrait screen draws the slides larger and lets a slide scroll
# inside itself rather than cut it.
CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stSidebarNav"], header, footer {{ display: none !important; }}
:root {{ --lcm-nav: 60px; --lcm-top: 1.2vh; }}
[data-testid="stMainBlockContainer"], .block-container {{
  padding: var(--lcm-top) 2.2vw 0 2.2vw !important; max-width: 100% !important; }}
[data-testid="stAppViewContainer"], [data-testid="stMain"] {{ background: #ffffff; }}
[data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"] {{ overflow: hidden !important; }}
*:focus, *:focus-visible {{ outline: none !important; }}
.lcm-slide {{ height: calc(100vh - var(--lcm-nav) - var(--lcm-top) - 4px);
  height: calc(100dvh - var(--lcm-nav) - var(--lcm-top) - 4px); display: flex; flex-direction: column;
  color: #111111; font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; overflow: hidden; }}
.st-key-{NAV_KEY} {{ position: fixed; left: 0; right: 0; bottom: 0; z-index: 100; background: #ffffff;
  box-sizing: border-box; height: var(--lcm-nav); justify-content: center;
  padding: 8px 2.2vw; padding-bottom: max(8px, env(safe-area-inset-bottom)); }}
.st-key-{NAV_KEY} [data-testid="stHorizontalBlock"] {{ flex-wrap: nowrap; gap: 1rem; }}
.st-key-{NAV_KEY} [data-testid="stColumn"] {{ min-width: 0 !important; }}
.lcm-slide h1 {{ font-size: min(4.4vw, 7.8vh); margin: 0 0 0.6vh 0; line-height: 1.15; font-weight: 700;
  color: #0b2545; padding: 0; }}
.lcm-slide .lcm-sub {{ font-size: min(1.9vw, 3.4vh); color: #333333; margin-bottom: 1.5vh; }}
.lcm-title {{ justify-content: center; align-items: center; text-align: center; }}
.lcm-title h1 {{ font-size: min(4.8vw, 8.5vh); }}
.lcm-title .lcm-sub {{ font-size: min(2.6vw, 4.6vh); }}
.lcm-kpis {{ display: grid; grid-template-columns: repeat(5, 1fr); gap: 1.6vh 1.2vw; }}
.lcm-kpi {{ border: 0.25vh solid #0b2545; border-radius: 1vh; padding: 1.2vh 0.9vw; }}
.lcm-kpi .l {{ font-size: min(1.45vw, 2.6vh); color: #333333; line-height: 1.3; }}
.lcm-kpi .v {{ font-size: min(3.4vw, 6vh); font-weight: 700; line-height: 1.25; }}
.lcm-kpi .d {{ font-size: min(1.4vw, 2.5vh); font-weight: 600; }}
.lcm-kpi .c {{ font-size: min(1.15vw, 2.1vh); color: #333333; line-height: 1.3; }}
.lcm-good {{ color: #1a7f37; }} .lcm-bad {{ color: #b2182b; }} .lcm-flat {{ color: #444444; }}
.lcm-alert {{ color: #b2182b; font-weight: 700; font-size: min(1.9vw, 3.4vh); margin-top: 1.6vh; }}
.lcm-picture {{ flex: 1; min-height: 0; display: flex; justify-content: center; align-items: flex-start; }}
.lcm-picture img {{ max-width: 100%; max-height: 100%; object-fit: contain; }}
.lcm-compact h1 {{ font-size: min(2.9vw, 5.2vh); }}
.lcm-compact .lcm-sub {{ font-size: min(1.5vw, 2.7vh); margin-bottom: 0.8vh; }}
.lcm-compact .lcm-note {{ font-size: min(1.3vw, 2.3vh); margin: 0.2vh 0; }}
.lcm-table {{ border-collapse: collapse; width: 100%; font-size: min(1.65vw, 3vh); margin-top: 0.6vh; }}
.lcm-table th {{ background: #0b2545; color: #ffffff; padding: 0.5vh 0.6vw; text-align: center; line-height: 1.2; }}
.lcm-table td {{ border-bottom: 0.15vh solid #888888; padding: 0.4vh 0.6vw; line-height: 1.25; }}
.lcm-table td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
.lcm-table tr.total td {{ font-weight: 700; border-top: 0.3vh solid #111111; }}
.lcm-table tr.alert td {{ background: #fde0dd; }}
.lcm-note {{ font-size: min(1.5vw, 2.7vh); color: #222222; margin: 0.4vh 0; }}
.lcm-text {{ font-size: min(2.1vw, 3.8vh); line-height: 1.45; text-align: justify; }}
.lcm-list {{ font-size: min(1.45vw, 2.6vh); line-height: 1.35; }}
.lcm-list li {{ margin-bottom: 0.6vh; }}
.lcm-count {{ font-size: min(1.4vw, 2.5vh); color: #333333; text-align: center; padding-top: 0.6vh; }}
@media (max-width: 640px) {{
  :root {{ --lcm-nav: 112px; }}
  .st-key-{NAV_KEY} {{ padding: 6px 3vw; padding-bottom: max(6px, env(safe-area-inset-bottom)); }}
  .st-key-{NAV_KEY} [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; gap: 8px; }}
  .st-key-{NAV_KEY} [data-testid="stColumn"] {{ flex: 1 1 calc(33% - 8px) !important; width: auto !important; }}
  .st-key-{NAV_KEY} [data-testid="stColumn"]:nth-child(4) {{ flex: 1 1 calc(58% - 8px) !important; }}
  .st-key-{NAV_KEY} [data-testid="stColumn"]:nth-child(5) {{ flex: 1 1 calc(42% - 8px) !important; }}
  .st-key-{NAV_KEY} [data-testid="stPageLink-NavLink"] span,
  .st-key-{NAV_KEY} [data-testid="stPageLink-NavLink"] p {{ white-space: normal; overflow: visible; line-height: 1.2; }}
  .lcm-count {{ font-size: 15px; }}
}}
@media (max-aspect-ratio: 1/1) {{
  .lcm-slide {{ overflow-y: auto; }}
  .lcm-slide h1, .lcm-title h1 {{ font-size: 7.5vw; }}
  .lcm-compact h1 {{ font-size: 6vw; }}
  .lcm-slide .lcm-sub, .lcm-title .lcm-sub, .lcm-compact .lcm-sub {{ font-size: 4vw; }}
  .lcm-kpis {{ grid-template-columns: repeat(2, 1fr); gap: 1.2vh 2.5vw; }}
  .lcm-kpi {{ padding: 1vh 2.5vw; }}
  .lcm-kpi .l {{ font-size: 3.4vw; }}
  .lcm-kpi .v {{ font-size: 7vw; }}
  .lcm-kpi .d {{ font-size: 3.4vw; }}
  .lcm-kpi .c {{ font-size: 3vw; }}
  .lcm-table {{ font-size: 2.9vw; }}
  .lcm-table th, .lcm-table td {{ padding: 0.4vh 1vw; }}
  .lcm-note, .lcm-compact .lcm-note, .lcm-list {{ font-size: 3.5vw; }}
  .lcm-text {{ font-size: 4.2vw; text-align: left; }}
}}
</style>
"""


def hide_chrome() -> None:
    st.html(PreparedHtml(CSS))


def slides_of(briefing: Briefing) -> tuple[str, ...]:
    """The slides of a report: every one of :data:`SLIDES`, but the never-scanned points' only when a register
    of check-in points dated on or before the report exists (as in the PPTX)."""
    return tuple(
        name
        for name in SLIDES
        if (name != "points" or briefing.points() is not None)
        and (name != "targets" or briefing.target_lines("vi") or briefing.climb_lines("vi"))
    )


def current_slide(total: int) -> int:
    """The 1-based slide number from the URL (clamped to ``total``)."""
    raw = st.query_params.get("slide", "1")
    number = int(raw) if raw.isdigit() else 1
    return min(max(number, 1), total)


def go_to(number: int, total: int) -> None:
    st.query_params["slide"] = str((number - 1) % total + 1)
    st.session_state["slide_shown_at"] = time.monotonic()
    st.rerun()


def _e(text: object) -> str:
    """Escaped for HTML; "Covid-19" never breaks at its hyphen on a slide."""
    return html.escape(str(text)).replace("Covid-19", "Covid\u201119")


def _slide(inner: str, css_class: str = "") -> None:
    st.html(PreparedHtml(f'<div class="lcm-slide {css_class}">{inner}</div>'))


def _heading(title: str, subtitle: str) -> str:
    return f"<h1>{_e(title)}</h1><div class='lcm-sub'>{_e(subtitle)}</div>"


def _picture(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<div class="lcm-picture"><img alt="{_e(alt)}" src="data:image/png;base64,{data}"></div>'


def render_slide(name: str, briefing: Briefing, pictures: dict[str, bytes], lang: str) -> None:
    stamp = t("as_of_stamp", lang, date=format_date(briefing.as_of, lang))
    if name == "title":
        _slide(
            f"<h1>{_e(t('briefing_title', lang))}</h1><div class='lcm-sub'>{_e(t('briefing_province', lang))}</div>"
            f"<div class='lcm-sub'>{_e(stamp)}</div><div class='lcm-note'>{_e(briefing.source_line(lang))}</div>",
            "lcm-title",
        )
    elif name == "kpis":
        cards = []
        for kpi in briefing.kpis(lang):
            delta = ""
            if kpi.delta is not None:
                tone = "lcm-flat" if kpi.good is None else "lcm-good" if kpi.good else "lcm-bad"
                arrow = {1: "▲ ", -1: "▼ ", 0: ""}[kpi.direction]
                delta = f"<div class='d {tone}'>{arrow}{_e(kpi.delta)}</div>"
            context = f"<div class='c'>{_e(kpi.context)}</div>" if kpi.context else ""
            cards.append(
                f"<div class='lcm-kpi'><div class='l'>{_e(kpi.label)}</div>"
                f"<div class='v'>{_e(kpi.value)}</div>{context}{delta}</div>"
            )
        note = ""
        if briefing.previous_as_of is not None:
            change = t("change_vs_previous", lang, date=format_date(briefing.previous_as_of, lang))
            note = f"<div class='lcm-note'>{_e(change)}</div>"
        # what the overview shows in red, said under the figures: the message of the meeting, not only its numbers
        alerts = "".join(f"<div class='lcm-alert'>{_e(line)}</div>" for line in briefing.alerts(lang))
        _slide(_heading(t("slide_kpis", lang), stamp) + f"<div class='lcm-kpis'>{''.join(cards)}</div>" + alerts + note)
    elif name.startswith(("map_", "ranking_")):
        _slide(_picture(pictures[name], t(f"metric_{name.split('_', 1)[1]}", lang)))
    elif name.startswith("appendix"):
        view = briefing.appendices(lang)[int(name[-1]) - 1]
        columns = [c for c in view.columns if not c.computed]
        headers = view.headers(lang)
        head = "".join(f"<th>{_e(headers[c.key])}</th>" for c in columns)
        body = []
        for index, (record, raw) in enumerate(zip(view.formatted_rows(lang), view.frame.iter_rows(named=True))):
            total = index == view.total_row
            alert = view.alert_column and raw.get(view.alert_column) is not None and raw[view.alert_column] > 50
            css = "total" if total else "alert" if alert else ""
            cells = "".join(f"<td class='{'' if c.kind == 'text' else 'n'}'>{_e(record[c.key])}</td>" for c in columns)
            body.append(f"<tr class='{css}'>{cells}</tr>")
        notes_before = "".join(f"<div class='lcm-note'>{_e(n)}</div>" for n in view.notes_before)
        notes_after = "".join(f"<div class='lcm-note'>{_e(n)}</div>" for n in view.notes_after)
        _slide(
            _heading(view.title, stamp)
            + notes_before
            + f"<table class='lcm-table'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            + notes_after,
            "lcm-compact",
        )
    elif name == "narrative":
        _slide(
            _heading(t("slide_narrative", lang), stamp) + f"<div class='lcm-text'>{_e(briefing.narrative(lang))}</div>"
        )
    elif name == "points":
        _points_slide(briefing, stamp, lang)
    elif name == "targets":
        items = "".join(f"<li><b>{_e(label)}</b><br>{_e(text)}</li>" for label, text in briefing.target_lines(lang))
        method = f"<div class='lcm-note'>{_e(target_method_short(lang))}</div>" if items else ""
        climb = "".join(f"<li>{_e(line)}</li>" for line in briefing.climb_lines(lang))
        if climb:
            climb = f"<div class='lcm-sub'>{_e(t('targets_climb_title', lang))}</div><ul class='lcm-list'>{climb}</ul>"
        _slide(
            _heading(t("slide_targets", lang), stamp)
            + (f"<ul class='lcm-list'>{items}</ul>" if items else "")
            + method
            + climb,
            "lcm-compact",
        )
    else:
        lines = briefing.quality_lines(lang, with_location=False) or [t("slide_quality_none", lang)]
        items = "".join(f"<li>{_e(line)}</li>" for line in lines)
        _slide(_heading(t("slide_quality", lang), stamp) + f"<ul class='lcm-list'>{items}</ul>")


def _points_slide(briefing: Briefing, stamp: str, lang: str) -> None:
    """The never-scanned check-in points per district (the PPTX's slide): the table, what its shares are of,
    and the communes without a public-venue point."""
    summary = briefing.points()
    if summary is None:
        return
    headers, rows = points_table(summary, lang)
    head = "".join(f"<th>{_e(text)}</th>" for text in headers)
    body = "".join(
        f"<tr class='{'total' if index == len(rows) - 1 else ''}'>"
        + "".join(f"<td class='{'n' if col else ''}'>{_e(text)}</td>" for col, text in enumerate(row))
        + "</tr>"
        for index, row in enumerate(rows)
    )
    register = t("points_doc_register", lang, date=format_date(summary.as_of, lang))
    notes = (followup_note(summary, lang), communes_line(summary, lang, per_district=3, short=True))
    _slide(
        _heading(t("points_doc_title", lang), f"{stamp} · {register}")
        + f"<table class='lcm-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        + "".join(f"<div class='lcm-note'>{_e(note)}</div>" for note in notes),
        "lcm-compact",
    )


def navigation_bar(number: int, total: int, lang: str) -> None:
    """← and → (also the arrow keys), the slide counter, auto-advance and the way out."""
    bar = st.container(key=NAV_KEY)  # fixed to the bottom of the screen by CSS: always there, also on a phone
    left, middle, right, auto_col, exit_col = bar.columns([1, 1, 1, 2, 2], vertical_alignment="center")
    # the label names the action; Streamlit draws the key (←, →) beside it, so no arrow in the label itself
    if left.button(t("present_previous", lang), key="slide_previous", shortcut="ArrowLeft", width="stretch"):
        go_to(number - 1, total)
    middle.html(
        PreparedHtml(
            f"<div class='lcm-count' data-testid='slide-counter'>{_e(t('slide_of', lang, n=number, total=total))}</div>"
        )
    )
    if right.button(t("present_next", lang), key="slide_next", shortcut="ArrowRight", width="stretch"):
        go_to(number + 1, total)
    raw = st.query_params.get("auto", "0")
    current = int(raw) if raw.isdigit() and int(raw) in AUTO_CHOICES else 0
    chosen = auto_col.selectbox(
        t("present_auto", lang, seconds="…"),
        AUTO_CHOICES,
        index=AUTO_CHOICES.index(current),
        format_func=lambda s: t("present_auto_off", lang) if s == 0 else t("present_auto", lang, seconds=s),
        label_visibility="collapsed",
        key="present_auto_choice",
    )
    if chosen != current:
        if chosen:
            st.query_params["auto"] = str(chosen)
        else:
            st.query_params.pop("auto", None)
        st.rerun()
    exit_col.page_link(
        page_target("overview"),
        label=t("present_exit", lang),
        icon=":material/close_fullscreen:",
        query_params={"lang": lang} if lang != "vi" else None,
    )
    if current:
        _auto_advance(current, number, total)


def _auto_advance(seconds: int, number: int, total: int) -> None:
    @st.fragment(run_every=seconds)
    def ticker() -> None:
        shown = st.session_state.setdefault("slide_shown_at", time.monotonic())
        if time.monotonic() - shown >= seconds - 0.5:
            go_to(number + 1, total)

    ticker()
