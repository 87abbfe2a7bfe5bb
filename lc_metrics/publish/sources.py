"""One source line per report, built from its provenance: where the figures come from, said as an official
cites a document — never a bare file name, a code or the server's clock.

- the dispatch embedded at first start (``kind = "embedded"``): "Công văn của UBND tỉnh Lào Cai V/v …, tháng
  6/2021 (số liệu ban đầu)", the number and day it leaves blank said in words, dated by the dispatch (its
  month: the day is blank), issued by the province's People's Committee — not by "system" at the hour the
  server first started;
- an upload (``"upload"``): who uploaded it, from which office (the province-wide upload is province staff's)
  and when (Vietnam time) — not its file's name, which signed-in staff find with the original files;
- a consolidation (``"consolidated"``): how many districts' reports, the province's own file or none, who
  consolidated and when;
- a report from the register of check-in points (``"register"``): the register's file, who kept it and when,
  and the report appendix 1 comes from.

The overview, the tables page, the history page, the presentation and the documents' footers all call
:func:`source_line` (or :func:`source_text` and :func:`publication`), so a report says the same everywhere.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import tomllib
from typing import Any

from lc_metrics.core.districts import district_name, load_districts
from lc_metrics.core.formatting import format_date, format_timestamp
from lc_metrics.core.messages import t
from lc_metrics.store.snapshot import DEFAULT_REPORT_DIR


@functools.cache
def embedded_provenance() -> dict[str, Any]:
    """The provenance of the dispatch embedded under ``data/reports/`` (its ``report.toml``)."""
    meta = tomllib.loads((DEFAULT_REPORT_DIR / "report.toml").read_text(encoding="utf-8"))
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in meta.get("provenance", {}).items()}


def _dispatch(provenance: dict[str, Any]) -> dict[str, Any]:
    """The dispatch's fields; a store seeded before they were recorded gets them from the embedded report
    when its file is that report's (same sha256)."""
    if "issued_month" not in provenance:
        embedded = embedded_provenance()
        if provenance.get("source_sha256") == embedded.get("source_sha256"):
            return {**embedded, **provenance}
    return provenance


def _month(text: str, lang: str) -> str:
    """ "2021-06" as "tháng 6/2021" / "June 2021"."""
    year, month = (int(part) for part in text.split("-")[:2])
    return t("source_month", lang, month=calendar.month_name[month] if lang == "en" else month, year=year)


def _office(provenance: dict[str, Any], lang: str) -> str:
    """The office an upload came from: a district's People's Committee, or the province's staff (the
    province-wide upload is theirs only)."""
    code = provenance.get("district")
    if code:
        return t("source_office_district", lang, name=district_name(str(code)))
    return t("source_office_province", lang)


def _when(published_at: str | None, lang: str) -> str:
    return format_timestamp(published_at, lang) if published_at else t("source_when_unknown", lang)


def source_text(
    provenance: dict[str, Any], lang: str, *, published_at: str | None = None, published_by: str | None = None
) -> str:
    """Where a report's figures come from, one sentence without the "Nguồn:" label (the history's column).

    ``published_at`` (UTC, ISO) and ``published_by``: when and by whom the report was stored, for the kinds
    whose provenance does not say it itself (an upload)."""
    kind = provenance.get("kind")
    if kind == "embedded":
        p = _dispatch(provenance)
        if "issued_month" not in p:  # another embedded report, described by its own text only
            return str(p.get("document") or t("source_unknown", lang))
        suffix = "_en" if lang == "en" else ""
        number = str(p.get("number") or "")
        text = t(
            "source_dispatch_numbered" if number else "source_dispatch",
            lang,
            number=number,
            issuer=p.get(f"issuer_short{suffix}") or p.get("issuer_short") or p.get("issuer", ""),
            subject=p.get(f"subject{suffix}") or p.get("subject", ""),
            month=_month(str(p["issued_month"]), lang),
            reported_by=p.get(f"reported_by{suffix}") or p.get("reported_by", ""),
        )
        if not number:
            text += t(
                "source_dispatch_blank_number",
                lang,
                printed=p.get("number_printed", ""),
                date_printed=p.get("date_printed", ""),
            )
        return text
    if kind == "upload":  # its files are the staff's (history page), not a reader's source
        return t(
            "source_upload",
            lang,
            who=provenance.get("uploaded_by") or published_by or "—",
            office=_office(provenance, lang),
            when=_when(published_at, lang),
        )
    if kind == "consolidated":
        province_file = provenance.get("province_file")
        return t(
            "source_consolidated",
            lang,
            reported=len(provenance.get("districts_reported") or []),
            total=len(load_districts()),
            as_of=format_date(dt.date.fromisoformat(provenance["period_as_of"]), lang)
            if provenance.get("period_as_of")
            else "—",
            province=t("source_consolidated_province_file", lang, file=province_file)
            if province_file
            else t("source_consolidated_no_province_file", lang),
            who=provenance.get("consolidated_by") or published_by or "—",
            when=_when(published_at, lang),
        )
    if kind == "register":
        return t(
            "source_register",
            lang,
            file=provenance.get("file") or "—",
            register_as_of=format_date(dt.date.fromisoformat(provenance["register_as_of"]), lang)
            if provenance.get("register_as_of")
            else "—",
            who=provenance.get("uploaded_by") or published_by or "—",
            when=_when(provenance.get("uploaded_at") or published_at, lang),
        ) + (
            t("source_register_bluezone", lang)
            if provenance.get("bluezone_snapshot_id") is not None
            else t("source_register_no_bluezone", lang)
        )
    return str(provenance.get("document") or provenance.get("source_file") or t("source_unknown", lang))


def source_line(
    provenance: dict[str, Any], lang: str, *, published_at: str | None = None, published_by: str | None = None
) -> str:
    """ "Nguồn: …" — the line under a report's figures on every page, slide and document."""
    return t(
        "source_line",
        lang,
        document=source_text(provenance, lang, published_at=published_at, published_by=published_by),
    )


def publication(
    provenance: dict[str, Any], published_at: str | None, published_by: str | None, lang: str
) -> tuple[str, str]:
    """When and by whom a report was made public, as the history lists it: the dispatch by its month and its
    issuer (the hour the app loaded it is no publication); any other report by the time it was stored and
    the account that stored it, with its office."""
    if provenance.get("kind") == "embedded":
        p = _dispatch(provenance)
        if "issued_month" in p:
            suffix = "_en" if lang == "en" else ""
            return (
                t("source_published_dispatch", lang, month=_month(str(p["issued_month"]), lang)),
                str(p.get(f"issuer_short{suffix}") or p.get("issuer_short") or p.get("issuer", "")),
            )
    who = published_by or "—"
    if provenance.get("kind") == "upload":
        who = t("source_who_office", lang, who=who, office=_office(provenance, lang))
    return _when(published_at, lang), who
