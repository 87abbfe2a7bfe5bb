"""Appendices 2 and 3 computed from the register of QR check-in points, and what they say beside the report.

From a frame of :data:`~lc_metrics.core.point_register.POINTS_SCHEMA` (one row per point):

- appendix 2 per district (or commune): ``points`` (rows), ``no_scan`` (points whose ``scans_total`` is 0:
  never recorded a scan) and ``scans`` (the sum of ``scans_total``);
- appendix 3: ``public_points`` (every kind but "state") and ``state_points`` (kind "state").

:func:`district_frames` gives them as a snapshot keeps them (the schemas of
:mod:`lc_metrics.store.snapshot`); a district without a single point in the register is not taken for 0: its
row is null ("không có báo cáo"), as everywhere else in the app. :func:`compare_with_typed` names, district
by district and field by field, where the register and a typed report disagree — a warning each, neither
figure replaced. :func:`communes_without_public_point` lists the communes directive 3 still asks a point of.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import polars as pl

from lc_metrics.core.appendices import TableKind
from lc_metrics.core.districts import load_districts
from lc_metrics.core.findings import Finding
from lc_metrics.core.point_register import STATE_KIND
from lc_metrics.store.snapshot import QR_CATEGORIES_SCHEMA, QR_POINTS_SCHEMA

Level = str  # "district" or "commune"
_KEYS: dict[Level, tuple[str, ...]] = {"district": ("district_code",), "commune": ("district_code", "commune_code")}


def _grouped(points: pl.DataFrame, by: Level, *aggregations: pl.Expr) -> pl.DataFrame:
    """Grouped by the register's code columns (enums), the codes given back as text, as every other table has
    them. A lazy query: only the columns the aggregations read are looked at (eagerly, a register just read,
    whose columns are cut in different chunks, would first be copied whole into matching ones)."""
    keys = list(_KEYS[by])
    grouped = points.lazy().group_by(keys).agg(*aggregations).with_columns(pl.col(keys).cast(pl.String))
    return grouped.sort(keys, nulls_last=True).collect()


def appendix2(points: pl.DataFrame, by: Level = "district") -> pl.DataFrame:
    """Appendix 2 per district (``by="district"``: district_code) or per commune (district_code,
    commune_code; points without a commune are one row with a null commune_code): points, no_scan (never
    scanned: scans_total == 0), scans (the sum of scans_total). Counts are Int64."""
    return _grouped(
        points,
        by,
        pl.len().cast(pl.Int64).alias("points"),
        (pl.col("scans_total") == 0).sum().cast(pl.Int64).alias("no_scan"),
        pl.col("scans_total").sum().cast(pl.Int64).alias("scans"),
    )


def appendix3(points: pl.DataFrame, by: Level = "district") -> pl.DataFrame:
    """Appendix 3 per district or commune: public_points (kind != "state": public venues and businesses) and
    state_points (kind == "state": state agencies)."""
    return _grouped(
        points,
        by,
        (pl.col("kind") != STATE_KIND).sum().cast(pl.Int64).alias("public_points"),
        (pl.col("kind") == STATE_KIND).sum().cast(pl.Int64).alias("state_points"),
    )


def appendices_by(points: pl.DataFrame, by: Level = "district") -> pl.DataFrame:
    """Appendices 2 and 3 side by side, per district or commune (:func:`appendix2`, :func:`appendix3`)."""
    return appendix2(points, by).join(appendix3(points, by), on=list(_KEYS[by]), how="left", nulls_equal=True)


@dataclass(frozen=True)
class PointFigures:
    """Appendices 2 and 3 as a snapshot keeps them (``code`` and the appendix's fields, printed rates null)."""

    qr_points: pl.DataFrame
    qr_categories: pl.DataFrame


class HasPointFrames(Protocol):
    """Anything holding the two frames: :class:`PointFigures`, or a :class:`~lc_metrics.store.snapshot.Snapshot`."""

    @property
    def qr_points(self) -> pl.DataFrame: ...

    @property
    def qr_categories(self) -> pl.DataFrame: ...


def district_frames(points: pl.DataFrame, codes: Sequence[str] | None = None) -> PointFigures:
    """Appendices 2 and 3 per district in the snapshot's schemas, one row per district of ``codes`` (default:
    the province's districts, in their order). A district with no point in the register gets nulls (and
    ``reported`` false): a register that leaves a district out says nothing of it, not 0."""
    order = [d.code for d in load_districts()] if codes is None else list(codes)
    keys = pl.DataFrame({"code": order}, schema={"code": pl.String})
    two = appendix2(points).rename({"district_code": "code"})
    three = appendix3(points).rename({"district_code": "code"})
    qr_points = (
        keys.join(two, on="code", how="left")
        .with_columns(pl.lit(None, dtype=pl.String).alias("no_scan_pct_printed"))
        .select(list(QR_POINTS_SCHEMA))
        .cast(pl.Schema(QR_POINTS_SCHEMA))
    )
    qr_categories = (
        keys.join(three, on="code", how="left")
        .with_columns(pl.col("public_points").is_not_null().alias("reported"))
        .select(list(QR_CATEGORIES_SCHEMA))
        .cast(pl.Schema(QR_CATEGORIES_SCHEMA))
    )
    return PointFigures(qr_points, qr_categories)


# (appendix, field) compared between the register and a typed report, in the appendices' order
COMPARED: tuple[tuple[TableKind, str], ...] = (
    (TableKind.QR_POINTS, "points"),
    (TableKind.QR_POINTS, "no_scan"),
    (TableKind.QR_POINTS, "scans"),
    (TableKind.QR_CATEGORIES, "public_points"),
    (TableKind.QR_CATEGORIES, "state_points"),
)


def compare_with_typed(computed: HasPointFrames, typed: HasPointFrames) -> list[Finding]:
    """Every figure where the register's count (``computed``) and the typed report differ, per district (in
    the computed frame's order) and field: a ``register_differs_from_typed`` warning each, with both figures
    (None where one side has none). Nothing is replaced: the report keeps its figures, the register its own.
    A district both leave blank is no difference."""
    findings: list[Finding] = []
    rows: dict[TableKind, tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]] = {}
    for kind in (TableKind.QR_POINTS, TableKind.QR_CATEGORIES):
        mine, theirs = getattr(computed, kind.value), getattr(typed, kind.value)
        rows[kind] = (_by_code(mine), _by_code(theirs))
    codes = list(dict.fromkeys(code for pair in rows.values() for side in pair for code in side))
    for code in codes:
        for kind, name in COMPARED:
            mine_rows, their_rows = rows[kind]
            register = (mine_rows.get(code) or {}).get(name)
            typed_value = (their_rows.get(code) or {}).get(name)
            if register != typed_value:
                findings.append(
                    Finding(
                        "register_differs_from_typed",
                        "warning",
                        {"code": code, "table": kind.value, "field": name, "register": register, "typed": typed_value},
                    )
                )
    return findings


def _by_code(frame: pl.DataFrame) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in frame.iter_rows(named=True)}


def communes_without_public_point(points: pl.DataFrame, communes: pl.DataFrame) -> pl.DataFrame:
    """The communes (of ``communes``: commune_code, district_code — the commune reference) where the register
    has no public-venue point, which directive 3 asks of every public place of every commune: district_code,
    commune_code, state_points (the points it has, all state agencies; 0 when it has none), sorted by
    district then commune."""
    public = (
        points.lazy()  # only the two columns read (see _grouped)
        .filter(pl.col("commune_code").is_not_null())
        .group_by("commune_code")
        .agg(
            (pl.col("kind") != STATE_KIND).sum().cast(pl.Int64).alias("public_points"),
            (pl.col("kind") == STATE_KIND).sum().cast(pl.Int64).alias("state_points"),
        )
        .with_columns(pl.col("commune_code").cast(pl.String))
        .collect()
    )
    return (
        communes.select(pl.col("district_code").cast(pl.String), pl.col("commune_code").cast(pl.String))
        .join(public, on="commune_code", how="left")
        .filter(pl.col("public_points").fill_null(0) == 0)
        .select("district_code", "commune_code", pl.col("state_points").fill_null(0))
        .sort("district_code", "commune_code")
    )
