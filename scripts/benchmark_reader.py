"""Benchmark of the upload reader against its peers: the June workbook and a 5.000-row sheet (nine
districts with their communes under them). For each file, in the same run and taking turns (paired
rounds), four timings: the product's full read-and-check (``read_upload`` as the upload page calls it),
the grid alone (``read_sheets``: cells, formats, hidden rows), a bare calamine read (the floor: the cells
and nothing else) and ``pandas.read_excel(engine="openpyxl", sheet_name=None)`` (merely reading). Prints
a Markdown table: medians of the times and of the ratios within each round, and whether the targets of
issue 29 are met (both files read and checked faster than pandas merely reads them; the 5.000-row sheet
within 3× the floor).

    .venv/bin/python scripts/benchmark_reader.py [--repeat N]      (part of `make bench`)
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lc_metrics.core.districts import district_by_code  # noqa: E402
from lc_metrics.intake.importer import UploadedFile, read_upload  # noqa: E402
from lc_metrics.reading.grids import MAX_ROWS, read_sheets  # noqa: E402
from tests.workbooks import JUNE, Layout, june_data, xlsx_workbook  # noqa: E402

FLOOR_TARGET = 3.0  # the 5.000-row sheet read and checked within 3× a bare calamine read (issue 29)


def big_sheet(rows: int = MAX_ROWS) -> bytes:
    """A commune-level appendix 1 at the row limit: each district row followed by its communes, whose
    figures add up to the district's."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "PL1 theo xã"
    sheet.append(["Phụ lục 1: Tình hình triển khai Bluezone (chi tiết theo xã)"])
    sheet.append(["Số liệu tính đến ngày 30/6/2021"])
    sheet.append(["STT", "Địa phương", "Tổng số cài đặt Bluezone", "Tổng điện thoại thông minh"])
    codes = JUNE.bluezone["code"].to_list()
    per_district = (rows - 4 - len(codes)) // len(codes)
    for code in codes:
        record = JUNE.bluezone.filter(JUNE.bluezone["code"] == code).row(0, named=True)
        installs, phones = record["installs"], record["smartphones"]
        sheet.append([None, district_by_code(code).name, installs, phones])
        for index in range(per_district):
            last = index == per_district - 1
            part_i = installs - (per_district - 1) * (installs // per_district) if last else installs // per_district
            part_p = phones - (per_district - 1) * (phones // per_district) if last else phones // per_district
            sheet.append([index + 1, f"Xã số {index + 1} ({district_by_code(code).short_name})", part_i, part_p])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def calamine_floor(data: bytes) -> None:
    """The floor: a bare calamine read of every sheet's cells (nothing checked, nothing converted)."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()


def pandas_read(data: bytes) -> None:
    """The peer: pandas merely reading every sheet with openpyxl (no check, no figure understood)."""
    import pandas as pd

    pd.read_excel(io.BytesIO(data), engine="openpyxl", sheet_name=None)


def product_read(name: str, data: bytes) -> Any:
    """The product's full read-and-check as the upload page calls it (``check_upload``: the layouts, the
    files sent before and the earlier reports; here the June report stands for the store's history)."""
    upload = UploadedFile(name, data)
    return read_upload(
        [upload],
        earlier_uploads={upload.sha256: []},
        layouts=[],
        history_of=lambda date: [JUNE] if JUNE.as_of < date else [],
    )


def _seconds(function: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds (the process's CPU time: on a shared machine, the part a busy neighbour does
    not add to) of one call, started after a full collection (as in benchmark_register.py): no call pays for
    the garbage the one before it left (pandas and openpyxl leave much)."""
    gc.collect()
    started, cpu = time.perf_counter_ns(), time.process_time_ns()
    function()
    return (time.perf_counter_ns() - started) / 1e9, (time.process_time_ns() - cpu) / 1e9


@dataclass(frozen=True)
class Row:
    label: str
    floor: float  # seconds, medians over the rounds
    reader: float
    grid: float
    pandas: float
    to_floor: float  # medians of the ratios within each round
    grid_to_floor: float
    to_pandas: float
    floor_target: float | None  # the ratio to the floor the reader must stay under, if any
    cpu_floor: float  # CPU seconds, medians over the rounds
    cpu_reader: float
    cpu_to_floor: float  # median of the CPU-time ratios within each round


def paired_rounds(
    functions: dict[str, Callable[[], object]], repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each function's wall and CPU time in every round: a round runs each once, in an order that rotates
    from one round to the next, so that a slow spell of this shared machine falls on every side of a ratio
    instead of on one, and no function always runs just after the same other one."""
    names = list(functions)
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(repeat):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            wall, used = _seconds(functions[name])
            times[name].append(wall)
            cpu[name].append(used)
    return times, cpu


def measure(label: str, name: str, data: bytes, repeat: int, floor_target: float | None) -> Row:
    result = product_read(name, data)
    assert not result.errors and result.snapshot is not None, [f.code for f in result.errors]
    times, cpu = paired_rounds(
        {
            "floor": lambda: calamine_floor(data),
            "reader": lambda: product_read(name, data),
            "grid": lambda: read_sheets(data, name),
            "pandas": lambda: pandas_read(data),
        },
        repeat,
    )

    def ratio(top: str, bottom: str, of: dict[str, list[float]] = times) -> float:
        return statistics.median(a / b for a, b in zip(of[top], of[bottom], strict=True) if b > 0)

    return Row(
        label,
        statistics.median(times["floor"]),
        statistics.median(times["reader"]),
        statistics.median(times["grid"]),
        statistics.median(times["pandas"]),
        ratio("reader", "floor"),
        ratio("grid", "floor"),
        ratio("reader", "pandas"),
        floor_target,
        statistics.median(cpu["floor"]),
        statistics.median(cpu["reader"]),
        ratio("reader", "floor", cpu),
    )


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table (what the note in docs/architecture.md shows)."""
    lines = [
        "| file | calamine (floor) | pandas + openpyxl | grid (cells, formats, hidden) | reader + checks "
        "| reader ÷ calamine | CPU: calamine, reader, ÷ | reader ÷ pandas | targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        targets = [f"< pandas: {'met' if row.to_pandas < 1 else 'NOT met'}"]
        if row.floor_target is not None:
            met = row.to_floor <= row.floor_target
            targets.append(f"≤ {row.floor_target:g}× calamine: {'met' if met else 'NOT met'}")
        lines.append(
            f"| {row.label} | {row.floor * 1000:.1f} ms | {row.pandas * 1000:.1f} ms "
            f"| {row.grid * 1000:.1f} ms ({row.grid_to_floor:.1f}×) | {row.reader * 1000:.1f} ms "
            f"| {row.to_floor:.2f}× | {row.cpu_floor * 1000:.1f} ms, {row.cpu_reader * 1000:.1f} ms, "
            f"{row.cpu_to_floor:.2f}× | {row.to_pandas:.2f}× | {'; '.join(targets)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    rows = [
        measure("June workbook (3 sheets)", "june.xlsx", xlsx_workbook(june_data(), Layout()), args.repeat, None),
        measure(
            f"{MAX_ROWS:,}-row sheet (communes)".replace(",", "."), "xa.xlsx", big_sheet(), args.repeat, FLOOR_TARGET
        ),
    ]
    print(table(rows))
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\n{args.repeat} paired rounds, medians (CPU: this process's time); load average {load}")


if __name__ == "__main__":
    main()
