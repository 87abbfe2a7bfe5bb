"""KPI cards as one HTML element: label, value, the change against the previous report, an explanation.

Ten ``st.metric`` cards in three rows were thirteen elements, each a message every new viewer costs the
server (0,12 ms of CPU each, measured with a hundred viewers at once: scripts/bench_load.py); one
element per section says the same. The look follows ``st.metric`` with a border (the CSS below is sent
with every page's CSS, :data:`KPI_CSS`); the explanation opens on hover, on a tap and on keyboard focus,
and is a description of its "?" for screen readers.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lc_metrics.publish.kpis import KpiText

# Text, not inline SVG: st.html's sanitiser drops SVG.
_HELP_MARK = "?"
_ARROWS = {1: "↑", -1: "↓"}

KPI_CSS = """
.lcm-kpis { display: grid; grid-template-columns: repeat(var(--lcm-cols, 4), minmax(0, 1fr)); gap: 1rem 2rem;
  margin: 0 0 1rem; }
.lcm-kpi { position: relative; min-width: 0; border: 1px solid rgb(220, 216, 212); border-radius: .5rem;
  padding: .75rem 1rem; container-type: inline-size; }
.lcm-kpi-label { position: relative; display: flex; align-items: center; gap: .35rem; font-size: .875rem;
  line-height: 1.3; }
/* as st.metric (2,25rem), smaller in a narrow card so that "18,54%" stays on one line */
.lcm-kpi-value { font-size: 2.25rem; font-size: clamp(1.25rem, 25cqi, 2.25rem); line-height: 1.25;
  padding-bottom: .25rem; overflow-wrap: break-word; }
/* a figure the report lacks, said in words: smaller than a figure, and not taken for one */
.lcm-kpi-value.lcm-kpi-missing { font-size: 1.25rem; color: #3d3f45; font-style: italic; padding-top: .35rem; }
.lcm-kpi-context { font-size: .8rem; line-height: 1.3; color: #3d3f45; margin: -.15rem 0 .3rem; }
.lcm-kpi-delta { display: inline-flex; align-items: center; gap: .2rem; font-size: .875rem; line-height: 1.4;
  padding: .05rem .5rem; border-radius: 1rem; }
.lcm-kpi-good { color: #12652d; background: rgba(33, 195, 84, .14); }
.lcm-kpi-bad { color: #9e1c22; background: rgba(255, 43, 43, .11); }
.lcm-kpi-neutral { color: #3d3f45; background: rgba(49, 51, 63, .09); }
.lcm-kpi-help { display: inline-flex; flex: none; align-items: center; justify-content: center; width: 16px;
  height: 16px; box-sizing: border-box; border: 1.5px solid #3d3f45; border-radius: 50%; color: #3d3f45;
  font-size: 11px; font-weight: 700; line-height: 1; cursor: help; }
a.lcm-kpi-help { text-decoration: none; }
.lcm-kpi-help:focus-visible { outline: 2px solid #1c63c7; outline-offset: 1px; }
.lcm-kpi-tip { display: none; position: absolute; left: -.5rem; right: -.5rem; top: calc(100% + .35rem); z-index: 30;
  pointer-events: none;
  background: #262730; color: #fff; font-size: .875rem; line-height: 1.45; padding: .5rem .75rem;
  border-radius: .5rem; box-shadow: 0 2px 10px rgba(0, 0, 0, .25); }
.lcm-kpi-help:hover + .lcm-kpi-tip, .lcm-kpi-help:focus + .lcm-kpi-tip { display: block; }
.lcm-kpi-note { font-size: .875rem; color: rgba(17, 17, 17, .65); margin: -.25rem 0 1rem; }
/* a section heading and a caption inside an HTML element, as st.subheader and st.caption draw them (one
   element instead of two: lc_app.kpi_html.heading_html) */
.lcm-h3 { font-size: 1.75rem; font-weight: 600; line-height: 1.2; letter-spacing: -.005em; margin: 0;
  padding: .75rem 0 1rem; scroll-margin-top: 3.75rem; }
.lcm-caption { font-size: .875rem; line-height: 1.6; color: rgba(17, 17, 17, .6); margin: 0; }
@media (max-width: 640px) {
  .lcm-kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem; }
  .lcm-kpi { padding: .6rem .75rem; }
  .lcm-kpi-value { font-size: 1.5rem; }
}
"""


@dataclass(frozen=True)
class KpiCard:
    """One card: the KPI's texts and, when it needs one, a sentence saying what it measures."""

    text: KpiText
    help: str | None = None
    href: str | None = None  # the "?" opens this address: the indicator on "Về số liệu" (lc_metrics.publish.about)


def _card(card: KpiCard, scope: str, help_label: str) -> str:
    """``help_label`` is a template with ``{label}`` (the KPI's name)."""
    kpi = card.text
    label = html.escape(kpi.label)
    parts = [f'<div class="lcm-kpi" data-testid="lcm-kpi" data-kpi="{html.escape(kpi.key)}" role="listitem">']
    if card.help:
        tip = f"lcm-tip-{scope}-{kpi.key}"
        button = html.escape(help_label.replace("{label}", kpi.label))
        # a link to the indicator's definition, formula and source when the card has one; its explanation
        # still opens on hover and keyboard focus
        mark = (
            f'<a class="lcm-kpi-help" href="{html.escape(card.href)}" target="_self" aria-label="{button}" '
            f'aria-describedby="{tip}"><span aria-hidden="true">{_HELP_MARK}</span></a>'
            if card.href
            else f'<span class="lcm-kpi-help" tabindex="0" role="button" aria-label="{button}" '
            f'aria-describedby="{tip}"><span aria-hidden="true">{_HELP_MARK}</span></span>'
        )
        parts.append(
            f'<div class="lcm-kpi-label"><span data-testid="lcm-kpi-label">{label}</span>{mark}'
            f'<span class="lcm-kpi-tip" id="{tip}" role="tooltip" data-testid="lcm-kpi-help">'
            f"{html.escape(card.help)}</span></div>"
        )
    else:
        parts.append(f'<div class="lcm-kpi-label"><span data-testid="lcm-kpi-label">{label}</span></div>')
    value_class = "lcm-kpi-value lcm-kpi-missing" if kpi.missing else "lcm-kpi-value"
    parts.append(f'<div class="{value_class}" data-testid="lcm-kpi-value">{html.escape(kpi.value)}</div>')
    if kpi.context:
        parts.append(f'<div class="lcm-kpi-context" data-testid="lcm-kpi-context">{html.escape(kpi.context)}</div>')
    if kpi.delta is not None:
        tone = "neutral" if kpi.good is None else "good" if kpi.good else "bad"
        arrow = f'<span aria-hidden="true">{_ARROWS[kpi.direction]}</span>' if kpi.direction else ""
        parts.append(
            f'<div><span class="lcm-kpi-delta lcm-kpi-{tone}" data-testid="lcm-kpi-delta">{arrow}'
            f"{html.escape(kpi.delta)}</span></div>"
        )
    parts.append("</div>")
    return "".join(parts)


def kpi_grid_html(
    rows: Sequence[Sequence[KpiCard]], scope: str, label: str, help_label: str, note: str | None = None
) -> str:
    """The cards, a grid per row (as many columns as the row has cards; two a row on a phone), then
    ``note`` as a caption. ``scope`` keeps the explanation ids unique on the page; ``label`` names the
    list and ``help_label`` (with ``{label}``) each "?" for screen readers."""
    grids = [
        f'<div class="lcm-kpis" style="--lcm-cols:{len(row)}" role="list" aria-label="{html.escape(label)}">'
        + "".join(_card(card, scope, help_label) for card in row)
        + "</div>"
        for row in rows
        if row
    ]
    if note:
        grids.append(f'<p class="lcm-kpi-note">{html.escape(note)}</p>')
    return "".join(grids)


def heading_html(text: str) -> str:
    """A section heading as ``st.subheader`` draws it (its size, weight and spacing; its id made from the
    text without diacritics, as Streamlit makes one), for the top of an HTML element the heading introduces."""
    plain = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    anchor = re.sub(r"[^a-z0-9]+", "-", "".join(c for c in plain if not unicodedata.combining(c)).lower()).strip("-")
    return f'<h3 class="lcm-h3" id="{anchor}">{html.escape(text)}</h3>'


def caption_html(text: str) -> str:
    """Plain ``text`` as ``st.caption`` draws it, spaced as an element of its own would be (1rem above), for
    the end of an HTML element that it comments."""
    return f'<p class="lcm-caption" style="padding-top:1rem">{html.escape(text)}</p>'
