"""Regenerate data/communes.csv (Lào Cai's communes, wards and townships before the 2025 reform) and
data/communes_former.csv (units of 2021 merged since) from the `vietnam-provinces` package.

    pip install vietnam-provinces==0.6.0   # pinned in requirements-dev.txt; not a runtime dependency
    python scripts/build_communes.py

The package (data retrieved 2025-01-04) holds the structure before the July 2025 reform: Lào Cai is
province 10, its districts 080–089 are the nine of data/districts.csv (checked below). The package's
``division_type`` of a commune-level unit is "xã" even for a ward, so the kind is read from the name's
prefix ("Phường", "Thị trấn", "Xã").
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import vietnam_provinces

ROOT = Path(__file__).resolve().parents[1]
PROVINCE_CODE = 10
KINDS = {"Xã": "xã", "Phường": "phường", "Thị trấn": "thị trấn"}
# Commune-level units of June 2021 that the package (2025-01-04) no longer lists, and where they went.
# Source: Nghị quyết 1270/NQ-UBTVQH15 of 14/11/2024 (Lào Cai, 2023–2025): xã Tà Chải merged into
# thị trấn Bắc Hà. Its code is the GSO code it had (02845), the gap between 02842 and 02848.
FORMER = [
    # former code, former name, district code, merged into (code), resolution
    ("02845", "Xã Tà Chải", "085", "02839", "Nghị quyết 1270/NQ-UBTVQH15 ngày 14/11/2024"),
]
EXPECTED_2021_COUNTS = {  # communes per district in June 2021 (the package's plus FORMER)
    "080": 17,
    "082": 21,
    "083": 16,
    "084": 10,
    "085": 19,
    "086": 14,
    "087": 17,
    "088": 16,
    "089": 22,
}


def kind_of(name: str) -> str:
    for prefix, kind in sorted(KINDS.items(), key=lambda item: -len(item[0])):
        if name.startswith(prefix + " "):
            return kind
    raise SystemExit(f"{name}: no unit prefix")


def main() -> int:
    assert vietnam_provinces.__version__ == "0.6.0", vietnam_provinces.__version__
    data = json.loads(Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    (province,) = [p for p in data if p["code"] == PROVINCE_CODE]
    assert province["name"] == "Tỉnh Lào Cai", province["name"]
    with (ROOT / "data" / "districts.csv").open(encoding="utf-8") as handle:
        districts = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    package_districts = {f"{d['code']:03d}": d["name"] for d in province["districts"]}
    assert package_districts == districts, (package_districts, districts)
    rows = []
    for district in province["districts"]:
        for ward in district["wards"]:
            rows.append((f"{ward['code']:05d}", ward["name"], f"{district['code']:03d}", kind_of(ward["name"])))
    rows.sort()
    counts = {code: sum(1 for r in rows if r[2] == code) for code in districts}
    for _, _, district_code, _, _ in FORMER:
        counts[district_code] += 1
    assert counts == EXPECTED_2021_COUNTS, counts
    with (ROOT / "data" / "communes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "district_code", "kind"])
        writer.writerows(rows)
    codes = {r[0] for r in rows}
    with (ROOT / "data" / "communes_former.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "district_code", "merged_into", "resolution"])
        for former in FORMER:
            assert former[0] not in codes and former[3] in codes, former
            writer.writerow(former)
    print(f"{len(rows)} communes (+{len(FORMER)} former) written; 2021 total {sum(counts.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
