"""The upload pipeline shared by the app and the command line: files → sheets → appendix tables →
a candidate snapshot, with every finding (errors block publishing; warnings must be accepted).

Nothing here writes: :meth:`lc_metrics.store.store.Store.publish` stores a candidate in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from lc_metrics.core.appendices import REQUIRED_FIELDS
from lc_metrics.core.collection import collection_paused
from lc_metrics.core.findings import Finding, FindingsHeld, Location
from lc_metrics.intake.history_checks import CHANGE_FIELDS, history_checks
from lc_metrics.metrics.indicators import province_metrics
from lc_metrics.metrics.quality import reconcile
from lc_metrics.reading.appendix import (
    COUNT_FIELDS,
    AppendixTable,
    BlockView,
    TableKind,
    merge_parts,
    read_grid,
    resolve_ambiguous_counts,
)
from lc_metrics.reading.grids import GridError, read_sheets
from lc_metrics.reading.layouts import TableLayout
from lc_metrics.reading.notes import DateMention, NoteFigures, choose_as_of
from lc_metrics.store.snapshot import Snapshot, frames_from_tables, province_from_tables

# Findings the reader records but that are not problems of the upload (shown in the quality panel).
_NOT_FOR_REVIEW = {
    "no_scan_over_threshold",
    "categories_partial",
    "rate_rounded_in_two_steps",
    "text_figure_rounded",
    "appendix_absent",
}


@dataclass(frozen=True)
class UploadedFile:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ImportResult(FindingsHeld):
    """What an upload was understood as: tables, candidate snapshot and findings."""

    files: list[UploadedFile]
    tables: dict[TableKind, AppendixTable] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    snapshot: Snapshot | None = None
    as_of_in_file: dt.date | None = None
    blocks: list[BlockView] = field(default_factory=list)  # every table as the reader saw it (mapping step)

    def can_publish(self, accept_warnings: bool) -> bool:
        return self.snapshot is not None and not self.errors and (accept_warnings or not self.warnings)


# Findings about the upload itself (how the files were read), not about the figures: shown on the upload
# page, never kept with the published report.
UPLOAD_ONLY = {
    "hidden_ignored",
    "hidden_sheet_ignored",
    "columns_ignored",
    "note_figure_not_read",
    "commune_rows_ignored",
    "group_rows_ignored",
    "period_chosen",
    "column_unsure",
    "district_former_name",
    "sheets_skipped",
    "as_of_dates_differ",
    "note_figures_disagree",
    "layout_profile_used",
    "filtered_rows_read",
}


@dataclass
class SheetsRead:
    """What :func:`read_tables` found in the files."""

    tables: dict[TableKind, AppendixTable]
    findings: list[Finding]
    notes: NoteFigures
    dates: list[tuple[Location, DateMention]]
    blocks: list[BlockView] = field(default_factory=list)


def read_files(files: list[UploadedFile], layouts: Sequence[TableLayout] = ()) -> SheetsRead:
    """Every appendix in the files (any sheet names, one workbook or one file per appendix), the
    findings of reading them, the note figures of every sheet and every date mentioned."""
    tables: dict[TableKind, AppendixTable] = {}
    findings: list[Finding] = []
    notes = NoteFigures()
    dates: list[tuple[Location, DateMention]] = []
    blocks: list[BlockView] = []
    for upload in files:
        try:
            sheets = read_sheets(upload.data, upload.name)
        except GridError as error:
            findings.append(
                Finding(
                    f"file_{error.reason}",
                    "error",
                    {"file": upload.name, "detail": error.detail},
                    Location(file=upload.name),
                )
            )
            continue
        except Exception as error:  # noqa: BLE001 - a damaged file must give a message, never a traceback
            findings.append(
                Finding(
                    "file_unreadable",
                    "error",
                    {"file": upload.name, "detail": type(error).__name__},
                    Location(file=upload.name),
                )
            )
            continue
        found_in_file = 0
        explained = False
        skipped: list[str] = []
        for sheet in sheets:
            location = Location(file=upload.name, sheet=sheet.name)
            if not any(any(c not in (None, "") for c in row) for row in sheet.rows):
                continue  # an empty sheet ("Sheet2") is not worth a word
            if sheet.hidden:
                findings.append(Finding("hidden_sheet_ignored", "info", {"sheet": sheet.name}, location))
                continue
            reading = read_grid(
                sheet.rows,
                location,
                hidden_rows=sheet.hidden_rows,
                hidden_columns=sheet.hidden_columns,
                merged=sheet.merged,
                layouts=layouts,
                filtered_rows=sheet.filtered_rows,
                facts=sheet.facts,
            )
            blocks.extend(reading.blocks)
            sheet_findings = resolve_ambiguous(reading.findings, reading.tables)
            notes = notes.merged(reading.notes)
            dates.extend((location.with_(row=row), mention) for row, mention in reading.date_mentions)
            if any(f.severity == "error" for f in sheet_findings):
                explained = True
            if (
                not reading.tables
                and not reading.has_district_rows
                and not any(f.severity == "error" for f in sheet_findings)
            ):
                skipped.append(sheet.name or upload.name)
                findings.extend(f for f in sheet_findings if f.code != "note_figure_not_read")
                continue
            # a sheet summing up every appendix already read, with the same figures (the app's own workbook's
            # "Chỉ số tính toán"): read once. One appendix twice, even the same, is still refused (appendix_twice)
            repeats = [t for t in reading.tables if t.kind in tables and _same_figures(tables[t.kind], t)]
            if len(reading.tables) < 2 or len(repeats) < len(reading.tables):
                repeats = []
            for table in repeats:
                first = tables[table.kind].location
                findings.append(
                    Finding(
                        "appendix_repeated",
                        "info",
                        {
                            "table": table.kind.value,
                            "first": f"{first.file}" + (f" / {first.sheet}" if first.sheet else ""),
                        },
                        location.with_(row=table.header_row),
                    )
                )
            if repeats:
                found_in_file += len(repeats)
                findings.extend(f for f in sheet_findings if f.code == "columns_ignored")
                continue
            for position, table in enumerate(reading.tables):
                table.findings = sheet_findings if position == 0 else []
                found_in_file += 1
                merged = merge_parts(tables[table.kind], table) if table.kind in tables else None
                if merged is not None:  # one appendix on two sheets by district group
                    findings.extend(merged)
                    continue
                if table.kind in tables:
                    first = tables[table.kind].location
                    findings.append(
                        Finding(
                            "appendix_twice",
                            "error",
                            {
                                "table": table.kind.value,
                                "first": f"{first.file}" + (f" / {first.sheet}" if first.sheet else ""),
                            },
                            location.with_(row=table.header_row),
                        )
                    )
                    continue
                tables[table.kind] = table
            findings.extend(sheet_findings)
        if not found_in_file and not explained:
            findings.append(Finding("not_an_appendix", "error", {"file": upload.name}, Location(file=upload.name)))
        elif skipped and found_in_file:
            findings.append(
                Finding("sheets_skipped", "info", {"sheets": ", ".join(skipped)}, Location(file=upload.name))
            )
    return SheetsRead(tables, findings, notes, dates, blocks)


def _same_figures(first: AppendixTable, second: AppendixTable) -> bool:
    """The same appendix with the same districts and the same figures in every field both tables have."""
    if first.kind != second.kind or {r.code for r in first.rows} != {r.code for r in second.rows}:
        return False
    fields = [name for name in COUNT_FIELDS[first.kind] if name in first.columns and name in second.columns]
    by_code = {r.code: r for r in second.rows}
    return bool(fields) and all(r.number(f) == by_code[r.code].number(f) for r in first.rows for f in fields)


def read_tables(files: list[UploadedFile]) -> tuple[dict[TableKind, AppendixTable], list[Finding]]:
    """Every appendix in the files and the findings of reading them (see :func:`read_files`)."""
    read = read_files(files)
    return read.tables, read.findings


def resolve_ambiguous(findings: list[Finding], tables: list[AppendixTable]) -> list[Finding]:
    """Settle ambiguous counts ("1,512") of a sheet with the printed rate of their row."""
    if not any(f.code == "ambiguous_number" for f in findings):
        return list(findings)
    out = []
    for finding in findings:
        if finding.code != "ambiguous_number":
            out.append(finding)
            continue
        table = next((t for t in tables if finding.params.get("field") in COUNT_FIELDS[t.kind]), None)
        if table is None:
            out.append(finding)
            continue
        table.findings = [finding]
        resolve_ambiguous_counts(table)
        out.extend(table.findings)
    for table in tables:
        table.findings = []
    return out


def _swapped(rows: list, first: str, second: str) -> list[int]:
    """Row numbers where ``first`` exceeds ``second`` (both present)."""
    return [
        r.row_number
        for r in rows
        if r.number(first) is not None and r.number(second) is not None and r.number(first) > r.number(second)
    ]


def _checks(tables: dict[TableKind, AppendixTable], carrying_over: bool = False) -> list[Finding]:
    """Errors and warnings the reader cannot see row by row: impossible and unlikely counts, a pair of
    columns swapped, an appendix or a whole upload without a single figure."""
    findings = []
    empty = []
    for kind, table in tables.items():
        values = [r for r in table.rows if r.reported]
        total = table.total is not None and any(v is not None for v in table.total.values.values())
        if not values and not total:
            empty.append(kind)
    if tables and len(empty) == len(tables):
        findings.append(Finding("no_figures", "error", {}, None))
    else:
        for kind in empty:
            written = sorted({r.written for r in tables[kind].rows if r.written})
            given_as_not_reported = tables[kind].rows and all(r.written for r in tables[kind].rows)
            findings.append(  # "-" or "KBC" in every cell: the appendix is not reported, the others stand
                Finding(
                    "appendix_not_reported" if given_as_not_reported else "appendix_empty",
                    "warning" if given_as_not_reported else "error",
                    {"table": kind.value, "written": ", ".join(f"“{w}”" for w in written)},
                    tables[kind].location.with_(row=tables[kind].header_row),
                )
            )
    qr = tables.get(TableKind.QR_POINTS)
    for row in qr.rows if qr is not None else []:
        assert qr is not None
        points, no_scan = row.number("points"), row.number("no_scan")
        if points is not None and no_scan is not None and no_scan > points:
            findings.append(
                Finding(
                    "more_no_scan_than_points",
                    "error",
                    {"district": row.label, "no_scan": no_scan, "points": points},
                    (row.location or qr.location).with_(row=row.row_number),
                )
            )
    for maybe_table, first, second in (
        (qr, "no_scan", "points"),
        (tables.get(TableKind.BLUEZONE), "installs", "smartphones"),
    ):
        if maybe_table is None:
            continue
        table = maybe_table
        both = [r for r in table.rows if r.number(first) is not None and r.number(second) is not None]
        rows = _swapped(table.rows, first, second)
        if len(rows) >= 2 and len(rows) * 2 >= len(both):
            findings.append(
                Finding(
                    "columns_swapped",
                    "error",
                    {
                        "table": table.kind.value,
                        "first": table.columns.get(first, first),
                        "second": table.columns.get(second, second),
                        "count": len(rows),
                        "of": len(both),
                        "rows": ", ".join(map(str, rows)),
                    },
                    table.location.with_(row=table.header_row),
                )
            )
        elif first == "installs":
            over = set(rows)
            for row in table.rows:
                if row.row_number in over:
                    findings.append(
                        Finding(
                            "installs_above_smartphones",
                            "warning",
                            {
                                "district": row.label,
                                "installs": row.number("installs"),
                                "smartphones": row.number("smartphones"),
                            },
                            (row.location or table.location).with_(row=row.row_number),
                        )
                    )
    for kind in TableKind:
        if kind not in tables and not carrying_over and tables:
            findings.append(Finding("appendix_missing", "warning", {"table": kind.value}))
    return findings


_PROVINCE_MEASURES = (  # province figure, its district sum, the attribute of ProvinceFigures
    ("installs", "installs_district_sum", "installs"),
    ("smartphones", "smartphones_district_sum", "smartphones"),
    ("qr_points", "qr_points_district_sum", "qr_points"),
    ("qr_points_no_scan", "qr_points_no_scan_district_sum", "qr_points_no_scan"),
    ("scans_total", "scans_district_sum", "scans_total"),
)


Measured = tuple[pl.DataFrame, dict[str, Any]]  # a report's district metrics and province metrics


def _measure(snapshot: Snapshot) -> Measured:
    """The district and province metrics of a report, worked out once for every check that asks."""
    from lc_metrics.metrics.indicators import district_metrics

    districts = district_metrics(snapshot)
    return districts, province_metrics(snapshot, districts)


def province_total_checks(
    snapshot: Snapshot, previous: Snapshot | None, measured: tuple[Measured, Measured] | None = None
) -> list[Finding]:
    """Province totals that move against their districts: a total that falls while the districts rise,
    and a total that suddenly equals the district sum (the figures not attributed to any district, in
    the previous report, are gone: usually a province row left to a formula or left blank).

    "The total falls" is said of a total the report states (a total taken from the districts falls only
    with them), and "the districts rise" compares the districts reported in both reports only: a district
    missing from one of them moves the sum without anything having risen or fallen. "Equals the sum" is
    not said of a consolidation without the province's workbook: it has no province row, its total is the
    districts' sum by construction (and a note says so)."""
    if previous is None:
        return []
    from lc_metrics.store.carried import carried_over

    carried = carried_over(snapshot.provenance)
    (districts_now, now), (districts_before, before) = measured or (_measure(snapshot), _measure(previous))
    # each measure's sums before and after over the districts reported in both (nine rows at most: summed
    # in Python, without a query's fixed cost)
    columns = [sum_key.removesuffix("_district_sum") for _, sum_key, _ in _PROVINCE_MEASURES]
    before_of = dict(zip(districts_before["code"].to_list(), districts_before.select(columns).rows(), strict=True))
    both_sums = {f"{column}{end}": 0 for column in columns for end in ("_from", "_to")}
    for code, values in zip(districts_now["code"].to_list(), districts_now.select(columns).rows(), strict=True):
        earlier = before_of.get(code)
        if earlier is None:
            continue
        for column, value, value_before in zip(columns, values, earlier, strict=True):
            if value is not None and value_before is not None:
                both_sums[f"{column}_from"] += value_before
                both_sums[f"{column}_to"] += value
    provenance = snapshot.provenance
    no_province_row = provenance.get("kind") == "consolidated" and not provenance.get("province_file")
    findings = []
    for measure, sum_key, attribute in _PROVINCE_MEASURES:
        if measure in ("installs", "smartphones") and "bluezone" in carried:
            continue
        if measure not in ("installs", "smartphones") and "qr_points" in carried:
            continue
        stated = getattr(snapshot.province, attribute) is not None
        p_now, p_before, s_now, s_before = now[measure], before[measure], now[sum_key], before[sum_key]
        if None in (p_now, p_before, s_now, s_before):
            continue
        column = sum_key.removesuffix("_district_sum")
        rose_from, rose_to = int(both_sums[f"{column}_from"]), int(both_sums[f"{column}_to"])
        if stated and p_now < p_before and rose_to > rose_from:
            findings.append(
                Finding(
                    "province_total_falls",
                    "warning",
                    {
                        "measure": measure,
                        "before": p_before,
                        "after": p_now,
                        "sum_before": rose_from,
                        "sum_after": rose_to,
                        "previous_as_of": previous.as_of.isoformat(),
                    },
                )
            )
        elif p_before != s_before and p_now == s_now and not no_province_row:
            findings.append(
                Finding(
                    "province_total_equals_sum",
                    "warning",
                    {
                        "measure": measure,
                        "total": p_now,
                        "unattributed": p_before - s_before,
                        "previous_as_of": previous.as_of.isoformat(),
                    },
                )
            )
    return findings


# Figures a report may lack without being refused, each with its appendix, its district field (None: a figure
# of the province only, from the note lines) and the KPIs that need it.
_DROPPABLE = (
    (TableKind.BLUEZONE, "population", ("population_pct",)),
    (TableKind.QR_POINTS, "scans", ("scans_total", "scans_per_point")),
    (TableKind.BLUEZONE, None, ("national_rank",)),
)


def dropped_figures_checks(
    snapshot: Snapshot, previous: Snapshot | None, measured: tuple[Measured, Measured] | None = None
) -> list[Finding]:
    """A figure the previous report had and this one has none of, its appendix being here (the population
    column left out of a file): said before publishing, with the indicators that will not be shown —
    never a dash discovered on the overview. An appendix absent or carried over is said elsewhere."""
    if previous is None:
        return []
    from lc_metrics.store.carried import carried_over

    carried = carried_over(snapshot.provenance)
    (_, now), (_, before) = measured or (_measure(snapshot), _measure(previous))
    findings = []
    for kind, field_name, kpis in _DROPPABLE:
        frame, earlier = getattr(snapshot, kind.value), getattr(previous, kind.value)
        present = any(frame[name].drop_nulls().len() for name in REQUIRED_FIELDS[kind])
        if kind.value in carried or not present:
            continue
        districts = earlier[field_name].drop_nulls().len() if field_name else 0
        if field_name is not None and frame[field_name].drop_nulls().len():
            continue  # some districts give it: a missing one is a district's finding, not a dropped column
        had = [k for k in kpis if before.get(k) is not None]
        if any(now.get(k) is not None for k in kpis) or not (had or districts):
            continue
        had = had or list(kpis[:1])  # the districts' figures only (no province total): their rate
        findings.append(
            Finding(
                "figure_dropped",
                "warning",
                {
                    "field": field_name,
                    "districts": districts,
                    "kpis": had,
                    "value": before[had[0]],
                    "total": before.get("provinces_total"),
                    "previous_as_of": previous.as_of.isoformat(),
                },
            )
        )
    return findings


def duplicate_files(files: list[UploadedFile], earlier: dict[str, list[dict[str, Any]]]) -> list[Finding]:
    """Files whose exact content was uploaded before (``earlier``: sha256 → earlier uploads)."""
    findings = []
    for upload in files:
        for entry in earlier.get(upload.sha256, [])[:1]:
            findings.append(
                Finding(
                    "same_file_uploaded",
                    "warning",
                    {
                        "file": upload.name,
                        "first_file": entry["filename"],
                        "uploaded_by": entry["uploaded_by"],
                        "uploaded_at": entry["uploaded_at"][:10],
                        "snapshot_id": entry["snapshot_id"],
                        "as_of": entry.get("as_of"),
                    },
                    Location(file=upload.name),
                )
            )
    return findings


def build_snapshot(
    tables: dict[TableKind, AppendixTable],
    as_of: dt.date,
    files: list[UploadedFile],
    uploaded_by: str,
    notes: NoteFigures | None = None,
) -> Snapshot:
    """A candidate snapshot from the tables read (province figures from total rows and notes)."""
    findings: list[Finding] = []
    if notes is None:
        notes = NoteFigures()
        for table in tables.values():
            notes = notes.merged(table.notes)
    for table in tables.values():
        findings.extend(f for f in table.findings if f.severity != "error" and f.code not in UPLOAD_ONLY)
    bluezone, qr_points, qr_categories = frames_from_tables(tables)
    province = province_from_tables(tables, notes)
    provenance = {
        "kind": "upload",
        "uploaded_by": uploaded_by,
        "source_file": ", ".join(f.name for f in files),
        "files": [{"name": f.name, "sha256": f.sha256, "size": len(f.data)} for f in files],
    }
    return Snapshot(as_of, provenance, bluezone, qr_points, qr_categories, province, findings)


_CARRIED_PROVINCE_FIELDS: dict[TableKind, tuple[str, ...]] = {
    TableKind.BLUEZONE: ("installs", "smartphones", "population", "population_pct", "national_rank", "provinces_total"),
    TableKind.QR_POINTS: ("qr_points", "qr_points_no_scan", "scans_total"),
    TableKind.QR_CATEGORIES: (),
}


def carry_over_appendices(snapshot: Snapshot, previous: Snapshot, present: set[TableKind]) -> list[Finding]:
    """Copy into ``snapshot`` the appendices it lacks from ``previous`` (district rows and the province
    figures that come with them); one note per appendix carried, recorded in the provenance too."""
    findings = []
    carried = {}
    for kind in TableKind:
        if kind in present:
            continue
        attribute = kind.value
        setattr(snapshot, attribute, getattr(previous, attribute).clone())
        for name in _CARRIED_PROVINCE_FIELDS[kind]:
            if getattr(snapshot.province, name) is None:
                setattr(snapshot.province, name, getattr(previous.province, name))
        carried[kind.value] = {"snapshot_id": previous.id, "as_of": previous.as_of.isoformat()}
        findings.append(
            Finding(
                "appendix_carried_over", "info", {"table": kind.value, "previous_as_of": previous.as_of.isoformat()}
            )
        )
    if carried:
        snapshot.provenance["carried_over"] = carried
    return findings


def read_upload(
    files: list[UploadedFile],
    *,
    previous: Snapshot | None = None,
    as_of: dt.date | None = None,
    uploaded_by: str = "",
    earlier_uploads: dict[str, list[dict[str, Any]]] | None = None,
    carry_over: bool = False,
    layouts: Sequence[TableLayout] = (),
    history_of: Callable[[dt.date], list[Snapshot]] | None = None,
    carry_source_of: Callable[[dt.date], Snapshot | None] | None = None,
) -> ImportResult:
    """Read and check uploaded files. The snapshot is built when the tables have no errors; its date is
    ``as_of``, else the date the files state ("đến ngày 23/6/2021"), else it is left for the user.

    The reports it is compared with: ``history_of(date)`` when given — the earlier published reports,
    newest first, for the snapshot's date (known only once the files are read; see
    :func:`lc_metrics.service.intake.report_history`) — else ``previous`` alone.

    With ``carry_over`` (asked for explicitly by the uploader), an appendix the files lack is taken
    unchanged from ``carry_source_of(date)`` — the report of that date it replaces, else the previous one (see
    :func:`lc_metrics.service.intake.carry_over_source`) — or, without it, from the previous report, and said so
    (a note, and the provenance), instead of being left empty."""
    result = ImportResult(files)
    with collection_paused():  # see lc_metrics.core.collection: a burst of short-lived cells
        read = read_files(files, layouts)
    result.tables, result.findings, result.blocks = read.tables, read.findings, read.blocks
    if files and not result.tables and not result.findings:
        result.findings.append(Finding("not_an_appendix", "error", {"file": files[0].name}))
    result.findings.extend(_checks(result.tables, carry_over and (previous is not None or history_of is not None)))
    in_file, others = choose_as_of([mention for _, mention in read.dates])
    result.as_of_in_file = in_file
    if others:
        # the files state different as-of dates: the uploader chooses (an error until then), never the later
        # one silently
        places = []
        for stated in sorted(d for d in {in_file, *others} if d is not None):
            where = next((loc for loc, m in read.dates if m.date == stated and m.role in ("as_of", "period_end")), None)
            places.append(
                [
                    stated.isoformat(),
                    where.file if where else "",
                    where.sheet if where else None,
                    where.row if where else None,
                ]
            )
        result.findings.append(
            Finding("as_of_dates_differ", "warning" if as_of is not None else "error", {"dates": places})
        )
        result.as_of_in_file = None
    result.findings.extend(duplicate_files(files, earlier_uploads or {}))
    if result.errors or not result.tables:
        return result
    date = as_of or result.as_of_in_file
    if as_of is not None and result.as_of_in_file is not None and as_of != result.as_of_in_file:
        result.findings.append(
            Finding(
                "as_of_differs", "warning", {"in_file": result.as_of_in_file.isoformat(), "chosen": as_of.isoformat()}
            )
        )
    if date is None:
        ignored = sorted(
            {(m.date.isoformat(), m.role) for _, m in read.dates if m.role in ("signing", "document", "plain")}
        )
        result.findings.append(
            Finding(
                "as_of_missing",
                "error",
                {"ignored": [list(pair) for pair in ignored]},
                Location(file=files[0].name) if len(files) == 1 else None,
            )
        )
        return result
    snapshot = build_snapshot(result.tables, date, files, uploaded_by, read.notes)
    history = history_of(date) if history_of is not None else [previous] if previous is not None else []
    source = None
    if carry_over:
        source = carry_source_of(date) if carry_source_of is not None else history[0] if history else None
    if source is not None:
        result.findings.extend(carry_over_appendices(snapshot, source, set(result.tables)))
    result.findings.extend(report_checks(snapshot, history, result.tables))
    result.snapshot = snapshot
    return result


def report_checks(
    snapshot: Snapshot, history: Sequence[Snapshot], tables: dict[TableKind, AppendixTable] | None = None
) -> list[Finding]:
    """The checks every candidate report gets, whichever path it came by (an upload, a district's
    submission, a period's consolidation): the figures reconciled with each other and with the province's
    totals, and compared with the earlier reports (``history``, newest first: the first is the previous
    report). ``tables``: where the figures were read, to locate a finding in its sheet (a consolidated
    report has none)."""
    from lc_metrics.metrics.indicators import district_metrics

    reader_codes = {id(f) for f in snapshot.findings}
    districts = district_metrics(snapshot)  # the report's district metrics, worked out once for every check below
    findings = [
        _locate(f, tables or {})
        for f in reconcile(snapshot, districts)
        if id(f) not in reader_codes and f.code not in _NOT_FOR_REVIEW
    ]
    findings.extend(history_checks(snapshot, history))
    if history:  # both checks compare the same two reports' metrics
        measured = ((districts, province_metrics(snapshot, districts)), _measure(history[0]))
        findings.extend(province_total_checks(snapshot, history[0], measured))
        findings.extend(dropped_figures_checks(snapshot, history[0], measured))
    return findings


_RATE_TABLE = {"coverage_pct": TableKind.BLUEZONE, "no_scan_pct": TableKind.QR_POINTS}


def _locate(finding: Finding, tables: dict[TableKind, AppendixTable]) -> Finding:
    """Give a district's printed-rate finding the file, sheet and row it was read from."""
    if finding.code != "printed_rate_mismatch" or finding.location or not finding.params.get("code"):
        return finding
    kind = _RATE_TABLE.get(finding.params["measure"])
    table = tables.get(kind) if kind is not None else None
    row = next((r for r in table.rows if r.code == finding.params["code"]), None) if table else None
    if table is None or row is None:
        return finding
    where = (row.location or table.location).with_(row=row.row_number)
    return Finding(finding.code, finding.severity, finding.params, where)


def district_differences(snapshot: Snapshot, previous: Snapshot | None) -> pl.DataFrame:
    """Per district and count, then the province's own totals (code ``None``): before, after, change
    (what publishing will change). Appendices carried over from an earlier report are left out.

    A province figure that is, on either side, the sum of only the districts that reported it (the report gives
    no province total; see :func:`province_metrics`) has no change (three districts' installs against the
    province's are no fall): ``districts_before`` / ``districts_after`` say how many districts such a sum adds up
    (None where the figure is the province's, and on the districts' rows)."""
    from lc_metrics.store.carried import carried_over

    carried = carried_over(snapshot.provenance)
    parts = [
        _table_differences(getattr(snapshot, attribute), getattr(previous, attribute) if previous else None, columns)
        for attribute, columns in CHANGE_FIELDS.items()
        if attribute not in carried
    ]
    rows: list[dict[str, Any]] = []
    if previous is not None:
        now, before = province_metrics(snapshot), province_metrics(previous)
        for measure, sum_key, _ in _PROVINCE_MEASURES:
            table = "bluezone" if measure in ("installs", "smartphones") else "qr_points"
            if table in carried or (now[measure] is None and before[measure] is None):
                continue
            new, old = now[measure], before[measure]
            count = sum_key.removesuffix("_district_sum")
            summed_now, summed_before = now["partial_counts"].get(count), before["partial_counts"].get(count)
            partial = summed_now is not None or summed_before is not None
            rows.append(
                {
                    "code": None,
                    "field": _PROVINCE_FIELD[measure],
                    "before": old,
                    "after": new,
                    "change": None if new is None or old is None or partial else new - old,
                    "districts_before": summed_before,
                    "districts_after": summed_now,
                }
            )
    province = pl.DataFrame(rows, schema=_DIFFERENCE_SCHEMA)
    return pl.concat([*parts, province]) if parts else province


_DIFFERENCE_SCHEMA = {
    "code": pl.String,
    "field": pl.String,
    "before": pl.Int64,
    "after": pl.Int64,
    "change": pl.Int64,
    "districts_before": pl.Int64,  # a province figure summed over only the districts that reported: how many
    "districts_after": pl.Int64,
}


def _long(frame: pl.DataFrame, columns: tuple[str, ...] | list[str]) -> pl.DataFrame:
    """One row per (district, field): its position in the table, code, field and value."""
    return (
        frame.select(["code", *columns])
        .with_row_index("position")
        .unpivot(index=["position", "code"], on=list(columns), variable_name="field", value_name="value")
        .with_columns(pl.col("value").cast(pl.Int64))
    )


def _table_differences(
    now: pl.DataFrame, before: pl.DataFrame | None, columns: tuple[str, ...] | list[str]
) -> pl.DataFrame:
    """Before, after and change of each figure of the districts in ``now`` (in table order, then column
    order); a figure missing on both sides is left out."""
    after = _long(now, columns).rename({"value": "after"})
    if before is None:
        joined = after.with_columns(before=pl.lit(None, dtype=pl.Int64))
    else:
        earlier = _long(before, columns).select("code", "field", pl.col("value").alias("before"))
        joined = after.join(earlier, on=["code", "field"], how="left")
    order = {column: index for index, column in enumerate(columns)}
    return (
        joined.filter(pl.col("after").is_not_null() | pl.col("before").is_not_null())
        .with_columns(
            change=pl.col("after") - pl.col("before"),
            column=pl.col("field").replace_strict(order),
            districts_before=pl.lit(None, dtype=pl.Int64),
            districts_after=pl.lit(None, dtype=pl.Int64),
        )
        .sort("position", "column")
        .select(list(_DIFFERENCE_SCHEMA))
    )


_PROVINCE_FIELD = {
    "installs": "installs",
    "smartphones": "smartphones",
    "qr_points": "points",
    "qr_points_no_scan": "no_scan",
    "scans_total": "scans",
}
