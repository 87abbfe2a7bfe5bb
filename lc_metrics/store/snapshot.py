"""A report snapshot: one as-of date, its provenance, and the appendix tables as Polars frames.

Frames are keyed by district code and hold counts as reported (null = not reported). Rates
printed in the source are kept as text beside the counts, only to cross-check the computed
rates at their printed precision; metrics are always computed from the counts.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from lc_metrics.core.appendices import APPENDIX
from lc_metrics.core.districts import DATA_DIR
from lc_metrics.core.findings import Finding, Location
from lc_metrics.core.numbers import parse_count, parse_rate
from lc_metrics.reading.appendix import AppendixTable, NoteFigures, TableKind, read_appendix
from lc_metrics.reading.grids import parse_csv_text

DEFAULT_REPORT_DIR = DATA_DIR / "reports" / "2021-06-23"

_TYPES = {"count": pl.Int64, "printed_rate": pl.String, "flag": pl.Boolean}


def _frame_schema(kind: TableKind) -> dict[str, Any]:
    """The columns of an appendix's district frame: its code, then the fields the appendix keeps."""
    spec = APPENDIX[kind]
    return {"code": pl.String, **{f.name: _TYPES[f.role] for f in spec.fields if f.role in _TYPES}}


BLUEZONE_SCHEMA = _frame_schema(TableKind.BLUEZONE)
QR_POINTS_SCHEMA = _frame_schema(TableKind.QR_POINTS)
QR_CATEGORIES_SCHEMA = _frame_schema(TableKind.QR_CATEGORIES)


@dataclass
class ProvinceFigures:
    """Province-level figures as reported (None when the report does not give them).

    ``printed`` keeps figures printed in the text or total rows ("coverage_pct_text": "23,25",
    "coverage_pct_table": "23,3", …) for cross-checking, never for display.
    """

    installs: int | None = None
    smartphones: int | None = None
    population: int | None = None
    population_pct: float | None = None
    national_rank: int | None = None
    provinces_total: int | None = None
    qr_points: int | None = None
    qr_points_no_scan: int | None = None
    scans_total: int | None = None
    printed: dict[str, str] = field(default_factory=dict)


@dataclass
class Snapshot:
    """One report: as-of date, provenance, three district tables, province figures, findings."""

    as_of: dt.date
    provenance: dict[str, Any]
    bluezone: pl.DataFrame
    qr_points: pl.DataFrame
    qr_categories: pl.DataFrame
    province: ProvinceFigures
    findings: list[Finding] = field(default_factory=list)
    id: int | None = None
    # when (UTC, ISO) and by which account the store kept it; None for a report not stored yet
    published_at: str | None = None
    published_by: str | None = None

    def __post_init__(self) -> None:
        for name, frame, schema in (
            ("bluezone", self.bluezone, BLUEZONE_SCHEMA),
            ("qr_points", self.qr_points, QR_POINTS_SCHEMA),
            ("qr_categories", self.qr_categories, QR_CATEGORIES_SCHEMA),
        ):
            assert dict(frame.schema) == schema, f"{name}: schema {dict(frame.schema)} != {schema}"
            assert frame["code"].n_unique() == frame.height, f"{name}: duplicate district codes"


def _int(reading: Any) -> int | None:
    return None if reading is None else int(reading.value)


def _text(reading: Any) -> str | None:
    return None if reading is None else reading.text


def frames_from_tables(tables: dict[TableKind, AppendixTable]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The three district frames from the appendix tables read (an absent table gives no rows)."""

    def rows(kind: TableKind) -> list:
        return tables[kind].rows if kind in tables else []

    bluezone = pl.DataFrame(
        [
            {
                "code": r.code,
                "installs": _int(r.values.get("installs")),
                "smartphones": _int(r.values.get("smartphones")),
                "population": _int(r.values.get("population")),
                "coverage_pct_printed": _text(r.values.get("coverage_pct")),
            }
            for r in rows(TableKind.BLUEZONE)
        ],
        schema=BLUEZONE_SCHEMA,
    )
    qr_points = pl.DataFrame(
        [
            {
                "code": r.code,
                "points": _int(r.values.get("points")),
                "no_scan": _int(r.values.get("no_scan")),
                "scans": _int(r.values.get("scans")),
                "no_scan_pct_printed": _text(r.values.get("no_scan_pct")),
            }
            for r in rows(TableKind.QR_POINTS)
        ],
        schema=QR_POINTS_SCHEMA,
    )
    qr_categories = pl.DataFrame(
        [
            {
                "code": r.code,
                "public_points": _int(r.values.get("public_points")),
                "state_points": _int(r.values.get("state_points")),
                "reported": r.reported,
            }
            for r in rows(TableKind.QR_CATEGORIES)
        ],
        schema=QR_CATEGORIES_SCHEMA,
    )
    return bluezone, qr_points, qr_categories


def province_from_tables(tables: dict[TableKind, AppendixTable], notes: NoteFigures) -> ProvinceFigures:
    """Province figures from total rows and note lines; total rows win over notes only when present."""
    province = ProvinceFigures(
        national_rank=notes.national_rank,
        provinces_total=notes.provinces_total,
        qr_points=notes.qr_points_total,
        qr_points_no_scan=notes.qr_points_no_scan_total,
        scans_total=notes.scans_total,
        population_pct=notes.population_pct.value if notes.population_pct else None,
    )
    if notes.population_pct:
        province.printed["population_pct_text"] = notes.population_pct.text
    province.installs, province.smartphones = notes.installs_total, notes.smartphones_total
    province.population = notes.population_total
    if notes.coverage_pct is not None:
        province.printed["coverage_pct_text"] = notes.coverage_pct.text
    blue = tables.get(TableKind.BLUEZONE)
    if blue and blue.total:
        province.installs = _int(blue.total.values.get("installs")) or province.installs
        province.smartphones = _int(blue.total.values.get("smartphones")) or province.smartphones
        province.population = _int(blue.total.values.get("population")) or province.population
        if (printed_coverage := blue.total.values.get("coverage_pct")) is not None:
            province.printed["coverage_pct_table"] = printed_coverage.text
    qr = tables.get(TableKind.QR_POINTS)
    if qr and qr.total:
        province.qr_points = _int(qr.total.values.get("points")) or province.qr_points
        province.qr_points_no_scan = _int(qr.total.values.get("no_scan")) or province.qr_points_no_scan
        province.scans_total = _int(qr.total.values.get("scans")) or province.scans_total
        if (printed_no_scan := qr.total.values.get("no_scan_pct")) is not None:
            province.printed["no_scan_pct_table"] = printed_no_scan.text
    return province


def read_csv_grid(path: Path) -> list[list[str]]:
    """Rows of a CSV file written by hand or by Excel (UTF-8, with or without BOM; "," or ";")."""
    return parse_csv_text(path.read_text(encoding="utf-8-sig"))


def load_report_dir(directory: Path = DEFAULT_REPORT_DIR) -> Snapshot:
    """Load a report kept as text: ``report.toml`` (date, provenance, text figures) + appendix CSVs."""
    meta = tomllib.loads((directory / "report.toml").read_text(encoding="utf-8"))
    tables: dict[TableKind, AppendixTable] = {}
    findings: list[Finding] = []
    notes = NoteFigures()
    for key, filename in meta["appendices"].items():
        table = read_appendix(read_csv_grid(directory / filename), Location(file=filename))
        assert table is not None, f"{directory / filename}: no appendix table recognised"
        assert table.kind.value == key, f"{filename}: read as {table.kind.value}, listed as {key}"
        assert not table.has_errors, f"{filename}: {[f for f in table.findings if f.severity == 'error']}"
        tables[table.kind] = table
        findings.extend(table.findings)
        notes = notes.merged(table.notes)
    bluezone, qr_points, qr_categories = frames_from_tables(tables)
    province = province_from_tables(tables, notes)
    text = meta.get("printed_in_text", {})
    if "population_pct" in text:
        reading = parse_rate(text["population_pct"])
        assert reading is not None
        province.population_pct = reading.value
        province.printed["population_pct_text"] = reading.text
    if "coverage_pct" in text:
        province.printed["coverage_pct_text"] = text["coverage_pct"]
    if "installs" in text:
        province.printed["installs_text"] = text["installs"]
        installs = parse_count(text["installs"])
        if province.installs is None and installs is not None:
            province.installs = int(installs.value)
    if "scans_per_point_approx" in text:
        province.printed["scans_per_point_text"] = text["scans_per_point_approx"]
    as_of = meta["as_of"]
    assert isinstance(as_of, dt.date), "report.toml: as_of must be a TOML date (YYYY-MM-DD)"
    provenance = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in meta.get("provenance", {}).items()}
    provenance["kind"] = "embedded"
    return Snapshot(as_of, provenance, bluezone, qr_points, qr_categories, province, findings)
