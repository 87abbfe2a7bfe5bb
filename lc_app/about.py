"""The "Về số liệu" page's parts: the report shown (its date, source and publication), then per appendix
each indicator's definition and formula with where its figures come from and when they were updated
(lc_metrics.publish.about). Every "?" of the KPI cards opens this page on its indicator (``?indicator=``)."""

from __future__ import annotations

import html

import streamlit as st

from lc_app.cache import ReportView
from lc_app.prepared_html import PreparedHtml
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.publish.about import AboutSection, about_sections

ABOUT_CSS = """<style>
.lcm-about section { border-top: 1px solid rgb(220, 216, 212); padding: .5rem 0 .25rem; scroll-margin-top: 4rem; }
.lcm-about section.lcm-chosen { border: 2px solid #1c63c7; border-radius: .5rem; padding: .5rem .75rem; }
.lcm-about h3 { font-size: 1.05rem; margin: .25rem 0; }
.lcm-about p { margin: .2rem 0; line-height: 1.5; }
.lcm-about .lcm-about-meta { color: rgba(17, 17, 17, .7); font-size: .875rem; }
</style>"""


def about_html(sections: list[AboutSection], chosen: str | None, lang: str) -> str:
    """The indicators as one HTML element, each its own section with the indicator's key as its id."""
    definition, formula = html.escape(t("about_col_definition", lang)), html.escape(t("about_col_formula", lang))
    parts = [ABOUT_CSS, '<div class="lcm-about" data-testid="lcm-about">']
    for section in sections:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        parts.append(f'<p class="lcm-about-meta">{html.escape(section.source)}</p>')
        parts.append(f'<p class="lcm-about-meta">{html.escape(section.updated)}</p>')
        for item in section.indicators:
            css = ' class="lcm-chosen"' if item.key == chosen else ""
            parts.append(
                f'<section id="{html.escape(item.key)}"{css} data-indicator="{html.escape(item.key)}">'
                f"<h3>{html.escape(item.name)}</h3>"
                f"<p><strong>{definition}:</strong> {html.escape(item.definition)}</p>"
                f'<p data-testid="lcm-about-formula"><strong>{formula}:</strong> {html.escape(item.formula)}</p>'
                "</section>"
            )
    parts.append("</div>")
    return "".join(parts)


def about_page(view: ReportView, lang: str) -> None:
    """The page: which report, the indicator asked for (when a "?" opened it), then every indicator."""
    snapshot = view.snapshot
    st.markdown(t("about_intro", lang))
    st.caption(t("about_report", lang, date=format_date(snapshot.as_of, lang)))
    sections = view.derived(("about_sections", lang), lambda: about_sections(snapshot, lang))
    keys = {item.key: item for section in sections for item in section.indicators}
    chosen = st.query_params.get("indicator")
    if chosen in keys:
        item = keys[chosen]
        st.info(
            f"**{t('about_chosen', lang, name=item.name)}**\n\n{item.definition}\n\n"
            f"*{t('about_col_formula', lang)}:* {item.formula}",
            icon=":material/info:",
        )
    body = view.derived(("about_html", lang, chosen), lambda: about_html(sections, chosen, lang))
    st.html(PreparedHtml(body))
