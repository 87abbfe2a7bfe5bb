"""Fuzz run of every reader that takes a file from outside: the appendix upload reader (CSV and .xlsx),
the national table reader and the boundary reader, each on N generated files (realistic words mixed with
hostile values: huge numbers, NaN, dates in figure cells, long strings, Markdown, formula prefixes,
damaged bytes). Prints, per reader, the files read, the tracebacks (must be 0), the slowest file and the
peak memory. Not a test (the suite runs a smaller property test); run before a release:

    .venv/bin/python scripts/fuzz_readers.py [--files 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import sys
import tempfile
import time
import traceback
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_reader_fuzz import WORDS  # noqa: E402


def cell(rng: random.Random):
    pick = rng.random()
    if pick < 0.15:
        return None
    if pick < 0.55:
        return rng.choice(WORDS)
    if pick < 0.75:
        return rng.choice([rng.randint(0, 200_000), rng.randint(-5, 5), 10 ** rng.randint(9, 30), 0.5, 1e308])
    if pick < 0.85:
        return dt.datetime(rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28))
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ0123456789 .,;:%$[]()!<>/\\\"'=+-*#"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, rng.choice([10, 60, 3000]))))


def grid(rng: random.Random) -> list[list]:
    return [[cell(rng) for _ in range(rng.randint(1, 9))] for _ in range(rng.randint(1, 40))]


def csv_bytes(rows: list[list], rng: random.Random) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=rng.choice([",", ";", "\t"])).writerows(
        [["" if c is None else c for c in row] for row in rows]
    )
    data = buffer.getvalue().encode(rng.choice(["utf-8", "utf-8-sig", "utf-16"]))
    if rng.random() < 0.05:  # damaged bytes
        position = rng.randrange(len(data)) if data else 0
        data = data[:position] + bytes(rng.randrange(256) for _ in range(8)) + data[position:]
    return data


def xlsx_bytes(rows: list[list]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([c if not isinstance(c, str) else "".join(ch for ch in c if ch >= " ") for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def geojson_bytes(rng: random.Random) -> bytes:
    features = []
    for _ in range(rng.randint(0, 12)):
        x, y = rng.uniform(102, 106), rng.uniform(21, 23)
        size = rng.choice([0.0, 0.05, 0.2, -0.1])
        ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
        features.append(
            {
                "type": "Feature",
                "properties": {rng.choice(["name", "NAME_2", "ten", "x"]): cell(rng)},
                "geometry": rng.choice(
                    [{"type": "Polygon", "coordinates": [ring]}, None, {"type": "Point", "coordinates": [x, y]}]
                ),
            }
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, default=str)
    if rng.random() < 0.2:
        text = text[: rng.randrange(len(text))]  # cut short
    return text.encode("utf-8")


def run(name: str, count: int, make, read) -> None:
    failures, slowest, slowest_at = [], 0.0, -1
    tracemalloc.start()
    for index in range(count):
        data = make(index)
        started = time.perf_counter()
        try:
            read(data)
        except Exception:  # noqa: BLE001 - what the fuzz run counts
            failures.append((index, traceback.format_exc(limit=3)))
        elapsed = time.perf_counter() - started
        if elapsed > slowest:
            slowest, slowest_at = elapsed, index
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{name:28s} files {count:5d}   tracebacks {len(failures):3d}   slowest {slowest * 1000:7.1f} ms "
        f"(file {slowest_at})   peak memory {peak / 2**20:6.1f} MB"
    )
    for index, text in failures[:3]:
        print(f"  file {index}:\n{text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from geo.boundaries import BoundaryError, match_boundaries, read_boundary_bytes
    from lc_metrics.core.messages import describe_finding
    from lc_metrics.intake.importer import UploadedFile, read_upload
    from lc_metrics.reading.national import read_national_file

    def upload(name: str):
        def read(data: bytes) -> None:
            for finding in read_upload([UploadedFile(name, data)]).findings:
                describe_finding(finding)

        return read

    def national(data: bytes) -> None:
        findings, _ = read_national_file(data, "toan_quoc.csv")
        for finding in findings:
            describe_finding(finding)

    def boundaries(data: bytes) -> None:
        try:
            match_boundaries(read_boundary_bytes(data, "ranh_gioi.geojson"))
        except BoundaryError:
            pass  # a refusal with its reason is a reading

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory():
        run("upload reader (CSV)", args.files, lambda i: csv_bytes(grid(rng), rng), upload("fuzz.csv"))
        run("upload reader (.xlsx)", args.files, lambda i: xlsx_bytes(grid(rng)), upload("fuzz.xlsx"))
        run("national table (CSV)", args.files, lambda i: csv_bytes(grid(rng), rng), national)
        run("boundary files (GeoJSON)", args.files, lambda i: geojson_bytes(rng), boundaries)


if __name__ == "__main__":
    main()
