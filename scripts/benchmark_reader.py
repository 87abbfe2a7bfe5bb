"""Benchmark of the upload reader: the June workbook and a 5.000-row sheet (nine districts with their
communes under them), each as a ratio to a bare calamine read of the same file measured in the same
run (the floor: reading the cells and nothing else), the floor and the reader taking turns; each ratio is
the median of the ratios to the floor run just before. Prints figures.

    .venv/bin/python scripts/benchmark_reader.py [--repeat N]      (part of `make bench`)
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lc_metrics.core.districts import district_by_code  # noqa: E402
from lc_metrics.intake.importer import UploadedFile, read_upload  # noqa: E402
from lc_metrics.reading.grids import MAX_ROWS, read_sheets  # noqa: E402
from tests.workbooks import JUNE, Layout, june_data, xlsx_workbook  # noqa: E402


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
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()


def _seconds(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def interleaved(floor, functions: list, repeat: int) -> tuple[float, list[tuple[float, float]]]:
    """The floor's median time and, for each function, its median time and the median of its ratios to
    the floor run just before it: floor and functions take turns, so that a slow spell of this shared
    machine falls on both sides of a ratio instead of on one."""
    floors: list[float] = []
    times: list[list[float]] = [[] for _ in functions]
    ratios: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for index, function in enumerate(functions):
            floor_time = _seconds(floor)
            floors.append(floor_time)
            took = _seconds(function)
            times[index].append(took)
            ratios[index].append(took / floor_time)
    return statistics.median(floors), [
        (statistics.median(t), statistics.median(r)) for t, r in zip(times, ratios, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    files = {
        "June workbook (3 sheets)": ("june.xlsx", xlsx_workbook(june_data(), Layout())),
        f"{MAX_ROWS:,}-row sheet (communes)".replace(",", "."): ("xa.xlsx", big_sheet()),
    }
    for label, (name, data) in files.items():
        result = read_upload([UploadedFile(name, data)])
        assert not result.errors, [f.code for f in result.errors]
        floor, ((grid, grid_ratio), (whole, whole_ratio)) = interleaved(
            lambda data=data: calamine_floor(data),
            [
                lambda data=data, name=name: read_sheets(data, name),
                lambda data=data, name=name: read_upload([UploadedFile(name, data)]),
            ],
            args.repeat,
        )
        print(
            f"{label:28s} calamine {floor * 1000:7.1f} ms   grid (cells, formats, hidden) {grid * 1000:7.1f} ms "
            f"({grid_ratio:5.1f}×)   whole reader + checks {whole * 1000:7.1f} ms ({whole_ratio:5.1f}×)"
        )


if __name__ == "__main__":
    main()
