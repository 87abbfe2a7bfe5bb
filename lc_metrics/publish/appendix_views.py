"""The three appendices laid out as the dispatch prints them, plus computed columns.

A view is a Polars frame with stable English column keys, the order of the dispatch's rows and
a province row where the dispatch has one; the caption and notes are in the chosen language.
Pages render views; the CSV/XLSX downloads write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from lc_metrics.core.districts import district_name
from lc_metrics.core.formatting import format_number, format_pct, format_rate
from lc_metrics.core.messages import not_reported_label, t
from lc_metrics.metrics.indicators import NO_SCAN_ALERT_PCT, province_metrics
from lc_metrics.publish.kpis import partial_note, province_row_label
from lc_metrics.store.snapshot import Snapshot


@dataclass(frozen=True)
class Column:
    """A column of a view: its key, header message, kind ("text", "count", "pct") and decimals."""

    key: str
    header: str
    kind: str = "count"
    decimals: int = 0
    computed: bool = False  # added by the app, not printed in the dispatch


@dataclass
class AppendixView:
    key: str
    title: str
    columns: list[Column]
    frame: pl.DataFrame
    notes_before: list[str] = field(default_factory=list)
    notes_after: list[str] = field(default_factory=list)
    alert_column: str | None = None  # rows where this rate > threshold are highlighted
    total_row: int | None = None  # index in ``frame`` of the province total row, if the appendix has one

    def headers(self, lang: str) -> dict[str, str]:
        return {c.key: t(c.header, lang, threshold=format_pct(NO_SCAN_ALERT_PCT, 0, lang)) for c in self.columns}

    def formatted_rows(self, lang: str) -> list[dict[str, str]]:
        """Every cell as text, Vietnamese style (English in English mode); blanks for not reported."""
        out = []
        for row in self.frame.iter_rows(named=True):
            out.append({c.key: "" if row[c.key] is None else format_cell(row[c.key], c, lang) for c in self.columns})
        return out


def format_cell(value: Any, column: Column, lang: str) -> str:
    """One non-empty cell as the dispatch writes it: "11.460", "19,5", "58,56"."""
    if column.kind == "text":
        return str(value)
    if column.kind == "pct":
        return format_rate(value, column.decimals, lang)
    return format_number(value, column.decimals, lang)


def _display_names(frame: pl.DataFrame, lang: str) -> pl.Series:
    """Each row's district by its full name in ``lang`` (Vietnamese: as the report names it), marked when it
    has no figure."""
    names = frame["name"] if lang == "vi" else [district_name(code, lang) for code in frame["code"]]
    return pl.Series(
        [
            name if reported else not_reported_label(code, name, lang)
            for code, name, reported in zip(frame["code"], names, frame["reported"])
        ]
    )


# The dispatch's row order: appendix 1 sorts by unit type then name; appendices 2–3 number the rows.
APPENDIX1_ORDER = ("082", "086", "087", "085", "083", "084", "089", "080", "088")
APPENDIX23_ORDER = ("082", "083", "084", "085", "086", "087", "088", "089", "080")


def _ordered(districts: pl.DataFrame, order: tuple[str, ...]) -> pl.DataFrame:
    rank = {code: i for i, code in enumerate(order)}
    return (
        districts.with_columns(_order=pl.col("code").replace_strict(rank, default=len(order), return_dtype=pl.Int64))
        .sort("_order", "code")
        .drop("_order")
    )


def appendix_views(snapshot: Snapshot, districts: pl.DataFrame, lang: str = "vi") -> list[AppendixView]:
    """The three appendix views of a snapshot (``districts`` is :func:`district_metrics` of it)."""
    province = province_metrics(snapshot, districts)
    num = lambda v: format_number(v, 0, lang)  # noqa: E731

    # a district with no figure in an appendix is named as the dispatch names Văn Bàn: "(huyện không có báo cáo)"
    a1 = _ordered(districts, APPENDIX1_ORDER).with_columns(
        stt=pl.int_range(1, districts.height + 1),
        reported=pl.col("installs").is_not_null() | pl.col("smartphones").is_not_null(),
    )
    a1 = a1.with_columns(display_name=_display_names(a1, lang))
    province_row = pl.DataFrame(
        [
            {
                "stt": None,
                "display_name": province_row_label(province, "installs", lang),
                "installs": province["installs"],
                "smartphones": province["smartphones"],
                "coverage_pct": province["coverage_pct"],
                "rank_coverage_pct": None,
            }
        ],
        schema={
            "stt": pl.Int64,
            "display_name": pl.String,
            "installs": pl.Int64,
            "smartphones": pl.Int64,
            "coverage_pct": pl.Float64,
            "rank_coverage_pct": pl.Int64,
        },
    )
    a1_frame = pl.concat(
        [
            a1.select("stt", "display_name", "installs", "smartphones", "coverage_pct", "rank_coverage_pct"),
            province_row,
        ]
    )
    notes1 = partial_note(province, "installs", lang)
    if province["national_rank"] and province["provinces_total"]:
        notes1.append(t("appendix1_rank_note", lang, rank=province["national_rank"], total=province["provinces_total"]))
    view1 = AppendixView(
        "appendix1",
        t("appendix1_title", lang),
        [
            Column("display_name", "col_district", "text"),
            Column("installs", "col_installs"),
            Column("smartphones", "col_smartphones"),
            Column("coverage_pct", "col_coverage_pct", "pct", 1),
            Column("rank_coverage_pct", "col_rank", computed=True),
        ],
        a1_frame,
        notes_after=notes1,
        total_row=a1_frame.height - 1,
    )

    a2 = _ordered(districts, APPENDIX23_ORDER).with_columns(
        stt=pl.int_range(1, districts.height + 1),
        reported=pl.col("qr_points").is_not_null() | pl.col("qr_points_no_scan").is_not_null(),
    )
    a2 = a2.with_columns(display_name=_display_names(a2, lang))
    view2 = AppendixView(
        "appendix2",
        t("appendix2_title", lang),
        [
            Column("stt", "col_stt"),
            Column("display_name", "col_district", "text"),
            Column("qr_points", "col_qr_points"),
            Column("qr_points_no_scan", "col_qr_points_no_scan"),
            Column("no_scan_pct", "col_no_scan_pct", "pct", 2),
            Column("recorded_pct", "col_recorded_pct", "pct", 2, computed=True),
            Column("rank_no_scan_pct", "col_rank", computed=True),
        ],
        a2.select(
            "stt", "display_name", "qr_points", "qr_points_no_scan", "no_scan_pct", "recorded_pct", "rank_no_scan_pct"
        ),
        notes_before=partial_note(province, "qr_points", lang)
        + [
            t("appendix2_total_points", lang, value=num(province["qr_points"])),
            t("appendix2_no_scan", lang, value=num(province["qr_points_no_scan"])),
            t("appendix2_scans", lang, value=num(province["scans_total"])),
        ]
        if province["qr_points"] is not None
        else [],
        alert_column="no_scan_pct",
    )

    a3 = _ordered(districts, APPENDIX23_ORDER).with_columns(
        stt=pl.int_range(1, districts.height + 1), reported=pl.col("categories_reported")
    )
    a3 = a3.with_columns(display_name=_display_names(a3, lang))
    view3 = AppendixView(
        "appendix3",
        t("appendix3_title", lang),
        [
            Column("stt", "col_stt"),
            Column("display_name", "col_district", "text"),
            Column("public_points", "col_public_points"),
            Column("state_points", "col_state_points"),
            Column("public_share_pct", "col_public_share_pct", "pct", 2, computed=True),
        ],
        a3.select("stt", "display_name", "public_points", "state_points", "public_share_pct"),
        notes_after=[t("appendix3_note", lang)],
    )
    from lc_metrics.store.carried import carried_over, carried_sentence

    for view, table in ((view1, "bluezone"), (view2, "qr_points"), (view3, "qr_categories")):
        date = carried_over(snapshot.provenance).get(table)
        if date is not None:
            view.notes_before.insert(0, carried_sentence(table, date, lang))
    return [view1, view2, view3]


def view_to_csv(view: AppendixView, lang: str) -> bytes:
    """A view as CSV (UTF-8 with BOM so that Excel opens Vietnamese correctly); numbers unformatted."""
    from lc_metrics.core.formatting import safe_text_column

    headers = view.headers(lang)
    frame = view.frame.select(
        [
            (safe_text_column(pl.col(c.key).cast(pl.String)) if c.kind == "text" else pl.col(c.key)).alias(
                headers[c.key]
            )
            for c in view.columns
        ]
    )  # text never read as a formula by a spreadsheet
    return ("\ufeff" + frame.write_csv()).encode("utf-8")
