"""The upload pipeline shared by the app and the command line: files → sheets → appendix tables →
a candidate snapshot, with every finding (errors block publishing; warnings must be accepted).

Nothing here writes: :meth:`lc_metrics.store.Store.publish` stores a candidate in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from lc_metrics.appendix import AppendixTable, NoteFigures, TableKind, read_appendix, split_tables
from lc_metrics.findings import Finding, Location
from lc_metrics.grids import GridError, read_sheets
from lc_metrics.quality import reconcile
from lc_metrics.snapshot import Snapshot, frames_from_tables, province_from_tables

# A count that moves by more than this factor against the previous report is flagged (halved, doubled).
SUDDEN_CHANGE_FACTOR = 2.0
CHANGE_FIELDS: dict[str, tuple[str, ...]] = {
    "bluezone": ("installs", "smartphones"),
    "qr_points": ("points", "no_scan", "scans"),
    "qr_categories": ("public_points", "state_points"),
}
# Findings the reader records but that are not problems of the upload (shown in the quality panel).
_NOT_FOR_REVIEW = {"no_scan_over_threshold", "categories_partial", "rate_rounded_in_two_steps"}


@dataclass(frozen=True)
class UploadedFile:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ImportResult:
    """What an upload was understood as: tables, candidate snapshot and findings."""

    files: list[UploadedFile]
    tables: dict[TableKind, AppendixTable] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    snapshot: Snapshot | None = None
    as_of_in_file: dt.date | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def can_publish(self, accept_warnings: bool) -> bool:
        return self.snapshot is not None and not self.errors and (accept_warnings or not self.warnings)


def read_tables(files: list[UploadedFile]) -> tuple[dict[TableKind, AppendixTable], list[Finding]]:
    """Every appendix in the files (any sheet names, one workbook or one file per appendix)."""
    tables: dict[TableKind, AppendixTable] = {}
    findings: list[Finding] = []
    for upload in files:
        try:
            sheets = read_sheets(upload.data, upload.name)
        except GridError as error:
            findings.append(Finding(f"file_{error.reason}", "error", {"file": upload.name}, Location(file=upload.name)))
            continue
        found_in_file = 0
        skipped: list[str] = []
        for sheet in sheets:
            location = Location(file=upload.name, sheet=sheet.name)
            if not any(any(c not in (None, "") for c in row) for row in sheet.rows):
                continue  # an empty sheet ("Sheet2") is not worth a word
            parts = [read_appendix(part, location, start + 1) for start, part in split_tables(sheet.rows)]
            parts = [table for table in parts if table is not None]
            if not parts:
                skipped.append(sheet.name or upload.name)
                continue
            for table in parts:
                found_in_file += 1
                if table.kind in tables:
                    first = tables[table.kind].location
                    findings.append(Finding("appendix_twice", "error", {
                        "table": table.kind.value,
                        "first": f"{first.file}" + (f" / {first.sheet}" if first.sheet else "")},
                        location.with_(row=table.header_row)))
                    continue
                tables[table.kind] = table
                findings.extend(table.findings)
        if not found_in_file:
            findings.append(Finding("not_an_appendix", "error", {"file": upload.name}, Location(file=upload.name)))
        elif skipped:
            findings.append(Finding("sheets_skipped", "info", {"sheets": ", ".join(skipped)}, Location(file=upload.name)))
    return tables, findings


def _checks(tables: dict[TableKind, AppendixTable], carrying_over: bool = False) -> list[Finding]:
    """Errors and warnings the reader cannot see row by row: impossible and unlikely counts."""
    findings = []
    qr = tables.get(TableKind.QR_POINTS)
    for row in qr.rows if qr else []:
        points, no_scan = row.number("points"), row.number("no_scan")
        if points is not None and no_scan is not None and no_scan > points:
            findings.append(Finding("more_no_scan_than_points", "error",
                                    {"district": row.label, "no_scan": no_scan, "points": points},
                                    qr.location.with_(row=row.row_number)))
    blue = tables.get(TableKind.BLUEZONE)
    for row in blue.rows if blue else []:
        installs, phones = row.number("installs"), row.number("smartphones")
        if installs is not None and phones is not None and installs > phones:
            findings.append(Finding("installs_above_smartphones", "warning",
                                    {"district": row.label, "installs": installs, "smartphones": phones},
                                    blue.location.with_(row=row.row_number)))
    for kind in TableKind:
        if kind not in tables and not carrying_over:
            findings.append(Finding("appendix_missing", "warning", {"table": kind.value}))
    return findings


def sudden_changes(snapshot: Snapshot, previous: Snapshot | None) -> list[Finding]:
    """Counts that halved or doubled (or more) against the previous report, per district."""
    if previous is None:
        return []
    findings = []
    for attribute, columns in CHANGE_FIELDS.items():
        now, before = getattr(snapshot, attribute), getattr(previous, attribute)
        joined = now.join(before, on="code", how="inner", suffix="_before")
        for row in joined.iter_rows(named=True):
            for column in columns:
                new, old = row.get(column), row.get(f"{column}_before")
                if new is None or old is None or old <= 0:
                    continue
                if new > old * SUDDEN_CHANGE_FACTOR or new < old / SUDDEN_CHANGE_FACTOR:
                    findings.append(Finding("sudden_change", "warning", {
                        "code": row["code"], "field": column, "before": old, "after": new,
                        "previous_as_of": previous.as_of.isoformat()}))
    return findings


def duplicate_files(files: list[UploadedFile], earlier: dict[str, list[dict[str, Any]]]) -> list[Finding]:
    """Files whose exact content was uploaded before (``earlier``: sha256 → earlier uploads)."""
    findings = []
    for upload in files:
        for entry in earlier.get(upload.sha256, [])[:1]:
            findings.append(Finding("same_file_uploaded", "warning", {
                "file": upload.name, "first_file": entry["filename"], "uploaded_by": entry["uploaded_by"],
                "uploaded_at": entry["uploaded_at"][:10], "snapshot_id": entry["snapshot_id"],
                "as_of": entry.get("as_of")}, Location(file=upload.name)))
    return findings


def build_snapshot(tables: dict[TableKind, AppendixTable], as_of: dt.date, files: list[UploadedFile],
                   uploaded_by: str) -> Snapshot:
    """A candidate snapshot from the tables read (province figures from total rows and notes)."""
    notes = NoteFigures()
    findings: list[Finding] = []
    for table in tables.values():
        notes = notes.merged(table.notes)
        findings.extend(f for f in table.findings if f.severity != "error")
    bluezone, qr_points, qr_categories = frames_from_tables(tables)
    province = province_from_tables(tables, notes)
    provenance = {
        "kind": "upload", "uploaded_by": uploaded_by,
        "source_file": ", ".join(f.name for f in files),
        "files": [{"name": f.name, "sha256": f.sha256, "size": len(f.data)} for f in files],
    }
    return Snapshot(as_of, provenance, bluezone, qr_points, qr_categories, province, findings)


_CARRIED_PROVINCE_FIELDS: dict[TableKind, tuple[str, ...]] = {
    TableKind.BLUEZONE: ("installs", "smartphones", "population", "population_pct", "national_rank", "provinces_total"),
    TableKind.QR_POINTS: ("qr_points", "qr_points_no_scan", "scans_total"),
    TableKind.QR_CATEGORIES: (),
}
_FRAME_OF = {TableKind.BLUEZONE: "bluezone", TableKind.QR_POINTS: "qr_points", TableKind.QR_CATEGORIES: "qr_categories"}


def carry_over_appendices(snapshot: Snapshot, previous: Snapshot, present: set[TableKind]) -> list[Finding]:
    """Copy into ``snapshot`` the appendices it lacks from ``previous`` (district rows and the province
    figures that come with them); one note per appendix carried, recorded in the provenance too."""
    findings = []
    carried = {}
    for kind in TableKind:
        if kind in present:
            continue
        attribute = _FRAME_OF[kind]
        setattr(snapshot, attribute, getattr(previous, attribute).clone())
        for name in _CARRIED_PROVINCE_FIELDS[kind]:
            if getattr(snapshot.province, name) is None:
                setattr(snapshot.province, name, getattr(previous.province, name))
        carried[kind.value] = {"snapshot_id": previous.id, "as_of": previous.as_of.isoformat()}
        findings.append(Finding("appendix_carried_over", "info", {"table": kind.value,
                                                                  "previous_as_of": previous.as_of.isoformat()}))
    if carried:
        snapshot.provenance["carried_over"] = carried
    return findings


def read_upload(files: list[UploadedFile], *, previous: Snapshot | None = None, as_of: dt.date | None = None,
                uploaded_by: str = "", earlier_uploads: dict[str, list[dict[str, Any]]] | None = None,
                carry_over: bool = False) -> ImportResult:
    """Read and check uploaded files. The snapshot is built when the tables have no errors; its date is
    ``as_of``, else the date the files state ("đến ngày 23/6/2021"), else it is left for the user.

    With ``carry_over`` (asked for explicitly by the uploader), an appendix the files lack is taken
    unchanged from ``previous`` and said so (a note, and the provenance), instead of being left empty."""
    result = ImportResult(files)
    result.tables, result.findings = read_tables(files)
    if files and not result.tables and not result.findings:
        result.findings.append(Finding("not_an_appendix", "error", {"file": files[0].name}))
    result.findings.extend(_checks(result.tables, carry_over and previous is not None))
    dates = [t.notes.as_of for t in result.tables.values() if t.notes.as_of]
    result.as_of_in_file = max(dates) if dates else None
    result.findings.extend(duplicate_files(files, earlier_uploads or {}))
    if result.errors or not result.tables:
        return result
    date = as_of or result.as_of_in_file
    if as_of is not None and result.as_of_in_file is not None and as_of != result.as_of_in_file:
        result.findings.append(Finding("as_of_differs", "warning", {"in_file": result.as_of_in_file.isoformat(),
                                                                   "chosen": as_of.isoformat()}))
    if date is None:
        result.findings.append(Finding("as_of_missing", "error", {}))
        return result
    snapshot = build_snapshot(result.tables, date, files, uploaded_by)
    if carry_over and previous is not None:
        result.findings.extend(carry_over_appendices(snapshot, previous, set(result.tables)))
    reader_codes = {id(f) for f in snapshot.findings}
    extra = [_locate(f, result.tables) for f in reconcile(snapshot)
             if id(f) not in reader_codes and f.code not in _NOT_FOR_REVIEW]
    result.findings.extend(extra)
    result.findings.extend(sudden_changes(snapshot, previous))
    result.snapshot = snapshot
    return result


_RATE_TABLE = {"coverage_pct": TableKind.BLUEZONE, "no_scan_pct": TableKind.QR_POINTS}


def _locate(finding: Finding, tables: dict[TableKind, AppendixTable]) -> Finding:
    """Give a district's printed-rate finding the file, sheet and row it was read from."""
    if finding.code != "printed_rate_mismatch" or finding.location or not finding.params.get("code"):
        return finding
    table = tables.get(_RATE_TABLE.get(finding.params["measure"]))
    row = next((r for r in table.rows if r.code == finding.params["code"]), None) if table else None
    if row is None:
        return finding
    return Finding(finding.code, finding.severity, finding.params, table.location.with_(row=row.row_number))


def district_differences(snapshot: Snapshot, previous: Snapshot | None) -> pl.DataFrame:
    """Per district and count: before, after, change (what publishing will change)."""
    rows = []
    for attribute, columns in CHANGE_FIELDS.items():
        now = getattr(snapshot, attribute)
        before = getattr(previous, attribute) if previous is not None else None
        for row in now.iter_rows(named=True):
            old_row = before.filter(pl.col("code") == row["code"]).row(0, named=True) \
                if before is not None and row["code"] in before["code"].to_list() else {}
            for column in columns:
                new, old = row.get(column), old_row.get(column)
                if new is None and old is None:
                    continue
                rows.append({"code": row["code"], "field": column, "before": old, "after": new,
                             "change": None if new is None or old is None else new - old})
    return pl.DataFrame(rows, schema={"code": pl.String, "field": pl.String, "before": pl.Int64, "after": pl.Int64,
                                      "change": pl.Int64})
