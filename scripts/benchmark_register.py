"""Import of the check-in system's point register: read + validate + group by district and commune, as a
ratio to the Polars floor (pl.read_csv of the same file + group_by) and to DuckDB, and peak memory as a
ratio to the file size. A 10⁶-row CSV and a 10⁵-row XLSX generated to a temporary directory; measured in
one run, the app and the floors alternating (their order swapped every round), each ratio the median of
the rounds' paired ratios, with their range. Twice: all starting from the file's path (the app reading its
bytes inside its timing, as the reader takes bytes), then the app and the Polars floor from the same bytes
read beforehand (DuckDB from the path both times). The peak memory includes the file's bytes (the reader's
input: 1× the file). Wall time, and CPU time of the process (all threads): on a
shared machine the wall ratios move with the load, printed before and after. Not a test: prints what it
measures.

    python scripts/benchmark_register.py [--rows 1000000] [--xlsx-rows 100000] [--repeat 5] [--cache DIR] [--no-xlsx]
                                         [--against GIT_REF]

With ``--cache DIR`` the generated files are kept there (named by rows and seed) and reused by the next run.
With ``--against REF`` it measures only the csv import from the same bytes, the working tree's reader against the
reader at that commit (its ``lc_metrics/reading/register.py``, with today's other modules) in paired rounds with
the Polars floor between them: on a shared machine the ratios to the floor move from run to run more than a
5% change does, the paired ratio of the two readers much less.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import polars as pl

from lc_metrics.metrics.points import appendix2
from lc_metrics.reading.register import read_register
from tests.registers import HEADERS, generate_register

Reader = Callable[[bytes, str], Any]  # read_register, as the import calls it


def app_import(path: Path, data: bytes | None = None, reader: Reader = read_register) -> int:
    """The app's import: the reader takes the file's bytes (an upload); ``data`` when already read. Then
    appendix 2 per district and commune as the register page computes it (points, never scanned, scans)."""
    reading = reader(path.read_bytes() if data is None else data, path.name)
    assert not reading.errors, reading.errors[:3]
    return appendix2(reading.points, by="commune").height


def reader_at(ref: str) -> Reader:
    """``read_register`` as it was at the git commit ``ref`` (the reader's module only, imported from a
    temporary file under a name of its own)."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    source = subprocess.run(
        ["git", "show", f"{ref}:lc_metrics/reading/register.py"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="register-at-"))
    path = folder / "register_at_ref.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("register_at_ref", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.read_register


def against(ref: str, path: Path, repeat: int) -> None:
    """The working tree's import and the one at ``ref``, from the same bytes, with the floor between them."""
    old_reader = reader_at(ref)
    data = path.read_bytes()

    def old_import(path: Path, data: bytes | None = None) -> int:
        return app_import(path, data, old_reader)

    def new_import(path: Path, data: bytes | None = None) -> int:
        return app_import(path, data)

    functions = (new_import, polars_floor, old_import)
    runs: list[dict] = []
    for index in range(repeat):
        order = functions[index % 3 :] + functions[: index % 3]
        runs.append({function: timed(function, path, data) for function in order})
    print(f"  load average after: {load()}")
    for name, function in ((f"at {ref}", old_import), ("working tree", new_import), ("polars floor", polars_floor)):
        wall = statistics.median(run[function][0] for run in runs)
        cpu = statistics.median(run[function][1] for run in runs)
        print(f"  {name}: {wall:.2f} s wall, {cpu:.2f} s CPU (median of {repeat})")
    ratios(f"working tree ÷ {ref}, wall", [(run[new_import][0], run[old_import][0]) for run in runs])
    ratios(f"working tree ÷ {ref}, CPU", [(run[new_import][1], run[old_import][1]) for run in runs])
    ratios("working tree ÷ polars floor, wall", [(run[new_import][0], run[polars_floor][0]) for run in runs])
    ratios(f"{ref} ÷ polars floor, wall", [(run[old_import][0], run[polars_floor][0]) for run in runs])


def polars_floor(path: Path, data: bytes | None = None) -> int:
    """The same file (its path, or the same bytes as the app), the columns the reader needs (every register
    field), read as text and grouped."""
    frame = pl.read_csv(path if data is None else data, infer_schema=False, columns=list(HEADERS.values()))
    return frame.group_by("Huyện/TP", "Xã/Phường").agg(pl.len()).height


def duckdb_floor(path: Path, data: bytes | None = None) -> int:  # always the path
    import duckdb

    return len(
        duckdb.sql(
            f'select "Huyện/TP", "Xã/Phường", count(*) from read_csv(\'{path}\', all_varchar=true) group by all'
        ).fetchall()
    )


def timed(function, path: Path, data: bytes | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process, every thread)."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    function(path, data)
    return time.perf_counter() - start, time.process_time() - cpu


def ratios(label: str, pairs: list[tuple[float, float]]) -> float:
    """Print the median of the paired ratios (and their range); return it."""
    values = sorted(a / b for a, b in pairs)
    spread = f"{values[0]:.2f}–{values[-1]:.2f}"
    print(f"  {label}: {statistics.median(values):.2f}× (median of {len(values)} paired ratios; {spread})")
    return statistics.median(values)


TIME_TARGET, MEMORY_TARGET = 1.5, 3.0  # issue 25: the csv import ≤ 1,5× the Polars floor, peak memory ≤ 3× the file


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "NOT met"


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def peak_memory(path: Path) -> int:
    """VmHWM (peak resident set, bytes) of a fresh process importing the file, less that of one only importing
    the same modules (this script's: the reader, the aggregation, numpy; ru_maxrss would carry this process's
    peak over fork)."""
    code = (
        "import resource, sys; from pathlib import Path; sys.path.insert(0, '.');"
        "from scripts.benchmark_register import app_import; app_import(Path(sys.argv[1]));"
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    base = (
        "import sys; sys.path.insert(0, '.'); import numpy; from scripts.benchmark_register import app_import;"
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    root = Path(__file__).resolve().parents[1]

    def run(c, *a):
        return int(
            subprocess.run([sys.executable, "-c", c, *a], cwd=root, capture_output=True, text=True, check=True).stdout
        )

    used, bare = run(code, str(path)), run(base)
    print(f"  VmHWM: {used / 1024:.0f} MB importing, {bare / 1024:.0f} MB for the interpreter and modules")
    return (used - bare) * 1024


def generated(path: Path, rows: int, seed: int, fmt: str) -> Path:
    """The register at ``path``, generated unless already there (a cache directory keeps it between runs)."""
    if not path.exists():
        start = time.perf_counter()
        data, _ = generate_register(rows, seed, fmt=fmt)
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.rename(path)
        print(f"  generated {path.name} in {time.perf_counter() - start:.1f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="keep the generated files in this directory and reuse them")
    parser.add_argument("--no-xlsx", action="store_true", help="measure the csv only")
    parser.add_argument("--against", metavar="GIT_REF", help="compare the csv import with the reader at this commit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.cache or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        csv_path = generated(folder / f"so_diem_{args.rows}_1.csv", args.rows, 1, "csv")
        print(f"csv: {args.rows:,} rows, {csv_path.stat().st_size / 2**20:.1f} MB")
        print(f"  load average before: {load()} ({os.cpu_count()} CPUs)")
        if args.against:
            against(args.against, csv_path, args.repeat)
            return
        data = csv_path.read_bytes()
        for start, given in (("the path (the app reads the bytes, timed)", None), ("the same bytes", data)):
            print(f"  from {start}:")
            runs: list[dict] = []
            for index in range(args.repeat):  # the app and the floors alternate in order
                order = (
                    (polars_floor, duckdb_floor, app_import) if index % 2 else (app_import, polars_floor, duckdb_floor)
                )
                runs.append({function: timed(function, csv_path, given) for function in order})
            print(f"  load average after: {load()}")
            for name, function in (
                ("import (read + validate + group)", app_import),
                ("polars floor", polars_floor),
                ("duckdb (always from the path)", duckdb_floor),
            ):
                wall = statistics.median(run[function][0] for run in runs)
                cpu = statistics.median(run[function][1] for run in runs)
                print(f"  {name}: {wall:.2f} s wall, {cpu:.2f} s CPU (median of {args.repeat})")
            for floor, label in ((polars_floor, "polars floor"), (duckdb_floor, "duckdb")):
                to_floor = ratios(f"ratio to {label}, wall", [(run[app_import][0], run[floor][0]) for run in runs])
                ratios(f"ratio to {label}, CPU", [(run[app_import][1], run[floor][1]) for run in runs])
                if floor is polars_floor:
                    same_bytes = to_floor  # the last pass: the product's case (an upload is bytes in memory)
        del data
        peak = peak_memory(csv_path)
        size = csv_path.stat().st_size
        print(f"  peak memory above the interpreter: {peak / 2**20:.0f} MB = {peak / size:.2f}× the file size")
        memory = peak / size
        print(
            f"  targets (issue 25): the import from the same bytes {same_bytes:.2f}× the Polars floor "
            f"(≤ {TIME_TARGET}×: {verdict(same_bytes, TIME_TARGET)}); peak memory {memory:.2f}× the file "
            f"(≤ {MEMORY_TARGET}×: {verdict(memory, MEMORY_TARGET)})"
        )

        if args.no_xlsx:
            return
        xlsx_path = generated(folder / f"so_diem_{args.xlsx_rows}_2.xlsx", args.xlsx_rows, 2, "xlsx")
        times = [timed(app_import, xlsx_path)[0] for _ in range(max(1, args.repeat // 2))]
        print(
            f"xlsx: {args.xlsx_rows:,} rows, {xlsx_path.stat().st_size / 2**20:.1f} MB: import {statistics.median(times):.2f} s"  # noqa: E501
        )
        peak = peak_memory(xlsx_path)
        print(
            f"  peak memory above the interpreter: {peak / 2**20:.0f} MB = {peak / xlsx_path.stat().st_size:.2f}× the file size"  # noqa: E501
        )


if __name__ == "__main__":
    main()
