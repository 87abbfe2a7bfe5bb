"""The history page's list of reports as an HTML table (the tables page's look, lc_app/appendix_html.py):
a row per report, newest first, its date the link that opens it. Like the appendices, a few rows need none of
what Streamlit's data grid is for, and its canvas was most of what a switch to the page cost the browser;
here the links are real links (keyboard, screen reader, open in a new tab)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from lc_app.appendix_html import TABLE_CSS
from lc_metrics.core.messages import t


@dataclass(frozen=True)
class ReportListRow:
    """One report as listed: its texts in the UI language and the address that opens it."""

    as_of: str
    published: str
    published_by: str
    source: str
    status: str
    href: str


COLUMNS = ("history_col_as_of", "history_col_published", "history_col_by", "history_col_source", "history_col_status")


def report_list_html(rows: list[ReportListRow], lang: str) -> str:
    """The reports as a table: the date heads each row and is the link that opens the report (first, so
    that it is in view on a phone; its accessible name says what it does)."""
    head = "".join(f'<th scope="col">{html.escape(t(key, lang))}</th>' for key in COLUMNS)
    body = []
    for row in rows:
        name = t("history_open_report", lang, date=row.as_of)
        body.append(
            f'<tr><th scope="row" class="lcm-nowrap">'
            f'<a href="{html.escape(row.href)}" aria-label="{html.escape(name)}">{html.escape(row.as_of)}</a></th>'
            f'<td class="lcm-nowrap">{html.escape(row.published)}</td><td>{html.escape(row.published_by)}</td>'
            f'<td class="lcm-wide">{html.escape(row.source)}</td><td>{html.escape(row.status)}</td></tr>'
        )
    title = html.escape(t("page_history", lang))
    return (
        f"{TABLE_CSS}<style>.lcm-page-table .lcm-nowrap{{white-space:nowrap}}"
        ".lcm-page-table .lcm-wide{min-width:16rem}</style>"
        f'<div class="lcm-page-table-scroll" role="region" aria-label="{title}" tabindex="0">'
        f'<table class="lcm-page-table" data-testid="lcm-report-list"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
