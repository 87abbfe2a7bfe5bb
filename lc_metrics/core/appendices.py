"""The one description of the dispatch's three appendices: their fields, which are counts and which
rates, which a table must have, which are compared across reports and which are cumulative.

Everything that needs a field list takes it from here — the reader, district submissions, the
consolidation, the checks, the exports and the pages — so that a field added or renamed is added or
renamed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class TableKind(StrEnum):
    """The three appendices of the dispatch (the value is the snapshot attribute holding its frame)."""

    BLUEZONE = "bluezone"  # Phụ lục 1
    QR_POINTS = "qr_points"  # Phụ lục 2
    QR_CATEGORIES = "qr_categories"  # Phụ lục 3


FieldRole = Literal["count", "rate", "printed_rate", "flag"]


@dataclass(frozen=True)
class FieldSpec:
    """One figure of an appendix.

    ``role``: ``count`` (a whole number of things), ``rate`` (a percentage computed from counts, read
    only to be cross-checked), ``printed_rate`` (the rate as the sheet wrote it, kept as text), ``flag``.
    ``required``: a table of this appendix is not one without it. ``cumulative``: a running total, so it
    never falls from one report to the next; ``counted_from`` says since when: the tools' launch, or 1 January
    of the report's year ("year": the dispatch's scans, "từ đầu năm đến nay"), such a total starting again
    from 0 each year. ``compared``: its change against the previous report is shown before publishing and
    checked for sudden jumps."""

    name: str
    role: FieldRole
    required: bool = False
    cumulative: bool = False
    compared: bool = False
    counted_from: Literal["launch", "year"] = "launch"

    @property
    def label_key(self) -> str:
        """The catalog key of the figure's name ("field_installs")."""
        return f"field_{self.name}"


@dataclass(frozen=True)
class AppendixSpec:
    kind: TableKind
    number: int  # "Phụ lục 1"
    fields: tuple[FieldSpec, ...]
    rate: tuple[str, str, str] | None = None  # rate field = numerator / denominator (both of this appendix)

    def names(self, *roles: FieldRole) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if not roles or f.role in roles)

    @property
    def counts(self) -> tuple[str, ...]:
        return self.names("count")

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


APPENDICES: tuple[AppendixSpec, ...] = (
    AppendixSpec(
        TableKind.BLUEZONE,
        1,
        (
            FieldSpec("installs", "count", required=True, cumulative=True, compared=True),
            FieldSpec("smartphones", "count", required=True, compared=True),
            FieldSpec("population", "count"),
            FieldSpec("coverage_pct", "rate"),
            FieldSpec("coverage_pct_printed", "printed_rate"),
        ),
        rate=("coverage_pct", "installs", "smartphones"),
    ),
    AppendixSpec(
        TableKind.QR_POINTS,
        2,
        (
            FieldSpec("points", "count", required=True, cumulative=True, compared=True),
            FieldSpec("no_scan", "count", required=True, compared=True),
            FieldSpec("scans", "count", cumulative=True, compared=True, counted_from="year"),
            FieldSpec("no_scan_pct", "rate"),
            FieldSpec("no_scan_pct_printed", "printed_rate"),
        ),
        rate=("no_scan_pct", "no_scan", "points"),
    ),
    AppendixSpec(
        TableKind.QR_CATEGORIES,
        3,
        (
            FieldSpec("public_points", "count", required=True, compared=True),
            FieldSpec("state_points", "count", required=True, compared=True),
            FieldSpec("reported", "flag"),
        ),
    ),
)
APPENDIX: dict[TableKind, AppendixSpec] = {spec.kind: spec for spec in APPENDICES}


def fields_of(*roles: FieldRole) -> dict[TableKind, tuple[str, ...]]:
    """Per appendix, its fields of the given roles (all of them without a role), in the table's order."""
    return {spec.kind: spec.names(*roles) for spec in APPENDICES}


COUNT_FIELDS = fields_of("count")
RATE_FIELDS = fields_of("rate")
REQUIRED_FIELDS = {spec.kind: spec.required for spec in APPENDICES}
# What a district submits and a snapshot keeps per appendix (the columns of its frame, besides "code").
KEPT_FIELDS = fields_of("count", "printed_rate", "flag")
# The counts whose change against the previous report is shown and checked.
COMPARED_FIELDS = {spec.kind: tuple(f.name for f in spec.fields if f.compared) for spec in APPENDICES}
CUMULATIVE_FIELDS = {spec.kind: tuple(f.name for f in spec.fields if f.cumulative) for spec in APPENDICES}
# the running totals that start again from 0 on 1 January: compared only with reports of the same year
YEAR_TO_DATE_FIELDS = frozenset(f.name for spec in APPENDICES for f in spec.fields if f.counted_from == "year")
RATE_PARTS = {spec.kind: spec.rate for spec in APPENDICES if spec.rate is not None}
ALL_COUNTS: tuple[str, ...] = tuple(name for spec in APPENDICES for name in spec.counts)
# (appendix, field) → catalog key of its name, for every count
COUNT_LABELS: dict[tuple[str, str], str] = {
    (spec.kind.value, f.name): f.label_key for spec in APPENDICES for f in spec.fields if f.role == "count"
}
