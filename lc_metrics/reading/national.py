"""The optional national table: Bluezone figures of the 63 provinces, validated against the official
list of 2021, ranked, and checked against the rank the report prints for Lào Cai.

A sheet needs a province column and either installs with population (or smartphones) or a rate.
Rates are recomputed from counts when counts are there; a printed rate only cross-checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from lc_metrics.core.districts import fold
from lc_metrics.core.findings import Finding, Location
from lc_metrics.core.numbers import NotANumberError, has_full_width, is_blank, parse_count, parse_rate
from lc_metrics.core.provinces import LAO_CAI_CODE, PROVINCE_COUNT, load_provinces, match_province, province_by_code
from lc_metrics.core.rates import percent
from lc_metrics.reading.appendix import Grid, column_letter

Basis = Literal["population", "smartphones", "rate"]
HEADER_SEARCH_ROWS = 30
RATE_TOLERANCE_PCT = 0.01  # a printed rate with 2 decimals may differ from the counts by rounding only
_TOTAL_LABELS = {"toan quoc", "ca nuoc", "tong", "tong cong", "cong", "total", "viet nam"}


def classify_national_header(text: Any) -> str | None:
    """The field a header cell names: province, installs, population, smartphones, rate, rank, stt."""
    if is_blank(text):
        return None
    folded = fold(str(text))
    words = set(folded.split())
    if folded in ("stt", "tt", "no"):
        return "stt"
    if "xep hang" in folded or "thu hang" in folded or "rank" in words:
        return "rank"
    if "ty le" in folded or "%" in str(text) or "rate" in words or "coverage" in words:
        return "rate"
    if "dan so" in folded or "population" in words:
        return "population"
    if "dttm" in words or "thong minh" in folded or "smartphone" in folded:
        return "smartphones"
    if "cai dat" in folded or "bluezone" in words or "install" in folded:
        return "installs"
    if "tinh" in words or "dia phuong" in folded or "province" in words or "thanh pho" in folded:
        return "province"
    return None


@dataclass
class NationalRow:
    code: str
    typed_name: str
    row: int  # 1-based row in the sheet
    installs: int | None = None
    population: int | None = None
    smartphones: int | None = None
    printed_rate: float | None = None
    printed_rank: int | None = None


@dataclass
class NationalTable:
    """Rows matched to provinces, the basis of the rate, and what was found while reading."""

    location: Location
    basis: Basis | None
    rows: list[NationalRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _find_header(grid: Grid) -> tuple[int, dict[int, str]] | None:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        fields: dict[int, str] = {}
        for column, cell in enumerate(row):
            name = classify_national_header(cell)
            if name and name not in fields.values():
                fields[column] = name
        if "province" in fields.values() and ({"installs", "rate"} & set(fields.values())):
            return index, fields
    return None


def read_national_table(grid: Grid, location: Location) -> NationalTable | None:
    """Read a national table from a sheet's cells; None when the sheet is not one (no header)."""
    found = _find_header(grid)
    if found is None:
        return None
    header, fields = found
    columns = {name: column for column, name in fields.items()}
    present = set(columns)
    basis: Basis | None
    if {"installs", "population"} <= present:
        basis = "population"
    elif {"installs", "smartphones"} <= present:
        basis = "smartphones"
    elif "rate" in present:
        basis = "rate"
    else:
        basis = None
    table = NationalTable(location, basis)
    if basis is None:
        table.findings.append(Finding("national_no_basis", "error", {}, location.with_(row=header + 1)))
        return table
    seen: dict[str, int] = {}
    for index in range(header + 1, len(grid)):
        cells = list(grid[index])
        name_cell = cells[columns["province"]] if columns["province"] < len(cells) else None
        if is_blank(name_cell):
            continue
        typed = str(name_cell).strip()
        where = location.with_(row=index + 1, column=column_letter(columns["province"]))
        if fold(typed) in _TOTAL_LABELS:
            continue
        match = match_province(typed)
        if match.code is None:
            table.findings.append(Finding("national_unknown_province", "error", {"value": typed}, where))
            continue
        if match.method == "former":
            table.findings.append(
                Finding(
                    "national_former_province",
                    "error",
                    {"value": typed, "code": match.code, "year": match.merged_year},
                    where,
                )
            )
            continue
        if match.code in seen:
            table.findings.append(
                Finding("national_duplicate_province", "error", {"value": typed, "first_row": seen[match.code]}, where)
            )
            continue
        seen[match.code] = index + 1
        row = NationalRow(match.code, typed, index + 1)
        for name in ("installs", "population", "smartphones", "rate", "rank"):
            if name not in columns or columns[name] >= len(cells):
                continue
            cell = cells[columns[name]]
            cell_where = location.with_(row=index + 1, column=column_letter(columns[name]))
            try:
                reading = parse_rate(cell) if name == "rate" else parse_count(cell)
            except NotANumberError:
                table.findings.append(
                    Finding("national_not_a_number", "error", {"value": str(cell), "province": typed}, cell_where)
                )
                continue
            if reading is None:
                continue
            if isinstance(cell, str) and has_full_width(cell):  # converted, and said so (never silently)
                table.findings.append(
                    Finding("number_full_width", "info", {"value": cell.strip(), "read": reading.value}, cell_where)
                )
            if reading.value < 0:
                table.findings.append(
                    Finding("national_negative", "error", {"value": str(cell), "province": typed}, cell_where)
                )
                continue
            if name == "rate":
                row.printed_rate = reading.value
            elif name == "rank":
                row.printed_rank = int(reading.value)
            else:
                setattr(row, name, int(reading.value))
        table.rows.append(row)
    missing = [p.code for p in load_provinces() if p.code not in seen]
    if missing:
        table.findings.append(
            Finding("national_missing_provinces", "warning", {"count": len(missing), "codes": missing}, location)
        )
    return table


def national_ranking(table: NationalTable) -> pl.DataFrame:
    """Provinces ranked by their rate (highest first): code, name, installs, denominator, rate,
    printed_rate, rank, is_lao_cai. Rates are recomputed from counts when the sheet has them."""
    records = []
    for row in table.rows:
        denominator = row.population if table.basis == "population" else row.smartphones
        rate: float | None
        if table.basis != "rate" and row.installs is not None and denominator:
            rate = percent(row.installs, denominator)
        else:
            rate = row.printed_rate
        records.append(
            {
                "code": row.code,
                "name": province_by_code(row.code).short_name,
                "installs": row.installs,
                "denominator": denominator if table.basis != "rate" else None,
                "rate": rate,
                "printed_rate": row.printed_rate,
                "printed_rank": row.printed_rank,
                "is_lao_cai": row.code == LAO_CAI_CODE,
                "row": row.row,
            }
        )
    schema = {
        "code": pl.String,
        "name": pl.String,
        "installs": pl.Int64,
        "denominator": pl.Int64,
        "rate": pl.Float64,
        "printed_rate": pl.Float64,
        "printed_rank": pl.Int64,
        "is_lao_cai": pl.Boolean,
        "row": pl.Int64,
    }
    frame = pl.DataFrame(records, schema=schema)
    return frame.with_columns(rank=pl.col("rate").rank(method="min", descending=True).cast(pl.Int64)).sort(
        ["rank", "code"], nulls_last=True
    )


def cross_check(
    table: NationalTable, ranking: pl.DataFrame, reported_rank: int | None, reported_total: int | None = None
) -> list[Finding]:
    """Warnings where the sheet disagrees with itself or with the report: printed rates that the counts
    do not give, and Lào Cai's computed rank against the rank the report prints."""
    findings = []
    if table.basis != "rate":
        for row in ranking.filter(pl.col("printed_rate").is_not_null() & pl.col("rate").is_not_null()).iter_rows(
            named=True
        ):
            if abs(row["printed_rate"] - row["rate"]) > RATE_TOLERANCE_PCT + 0.005:
                findings.append(
                    Finding(
                        "national_rate_mismatch",
                        "warning",
                        {"province": row["name"], "printed": row["printed_rate"], "computed": row["rate"]},
                        table.location.with_(row=row["row"]),
                    )
                )
    lao_cai = ranking.filter(pl.col("is_lao_cai"))
    if (
        lao_cai.height
        and lao_cai["rank"][0] is not None
        and reported_rank is not None
        and lao_cai["rank"][0] != reported_rank
    ):
        findings.append(
            Finding(
                "national_rank_differs",
                "warning",
                {
                    "computed": int(lao_cai["rank"][0]),
                    "total": ranking["rate"].drop_nulls().len(),
                    "reported": reported_rank,
                    "reported_total": reported_total or PROVINCE_COUNT,
                },
                table.location,
            )
        )
    return findings


def national_template_rows() -> list[list[Any]]:
    """An empty national table to fill in: STT, province, installs, population, smartphones."""
    header = ["STT", "Tỉnh, thành phố", "Số cài đặt Bluezone", "Dân số", "Số điện thoại thông minh"]
    return [header] + [[i, p.short_name, None, None, None] for i, p in enumerate(load_provinces(), start=1)]


def read_national_file(data: bytes, filename: str) -> tuple[list[Finding], tuple[NationalTable, pl.DataFrame] | None]:
    """An uploaded national table: its findings, and (table, ranking) when it has no errors."""
    from lc_metrics.reading.grids import GridError, read_sheets

    try:
        sheets = read_sheets(data, filename)
    except GridError as error:
        return [Finding(f"file_{error.reason}", "error", {"file": filename, "detail": error.detail}, None)], None
    except Exception as error:  # noqa: BLE001 - a damaged file must give a message, never a traceback
        return [Finding("file_unreadable", "error", {"file": filename, "detail": type(error).__name__}, None)], None
    for sheet in sheets:
        table = read_national_table(sheet.rows, Location(file=filename, sheet=sheet.name))
        if table is not None:
            return table.findings, (None if table.has_errors else (table, national_ranking(table)))
    return [Finding("national_not_found", "error", {"file": filename}, None)], None


def national_template_workbook() -> bytes:
    """The empty national table (63 provinces) as an .xlsx workbook."""
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.properties.creator = ""  # a clerk's file, not openpyxl's (its default author)
    sheet = workbook.worksheets[0]
    sheet.title = "Toàn quốc"
    for row in national_template_rows():
        sheet.append(row)
    sheet.column_dimensions["B"].width = 24
    for column in "CDE":
        sheet.column_dimensions[column].width = 26
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
