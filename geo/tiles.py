"""A schematic tile map: each unit one equal tile on a small grid, placed near where it lies. Used when
no boundaries are available (an offline server): unlike circles at the centres, tiles fill the frame,
never cover one another, and every label has a tile of its own to sit in.

The grid comes from the units' reference points, not from a hand-drawn layout: cells of a grid over the
points' extent are handed out nearest first (each unit to its closest free cell), then empty rows and
columns are dropped. The nine Lào Cai districts give 3 columns × 4 rows: Mường Khương and Si Ma Cai on
top, Bát Xát and Sa Pa on the west side, Bắc Hà and Bảo Yên on the east, Văn Bàn at the bottom.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

# degrees of longitude are shorter than degrees of latitude away from the equator: at 22°N, cos ≈ 0,93
Point = tuple[float, float]  # (lon, lat)


@dataclass(frozen=True)
class TileGrid:
    """Each code's (column, row), row 0 at the top (north)."""

    cells: dict[str, tuple[int, int]]
    columns: int
    rows: int

    def __post_init__(self) -> None:
        assert len(set(self.cells.values())) == len(self.cells), "two units share a tile"
        assert all(0 <= c < self.columns and 0 <= r < self.rows for c, r in self.cells.values())


def tile_grid(points: Mapping[str, Point], columns: int | None = None) -> TileGrid:
    """Place each unit on a grid cell near its reference point (lon, lat), one unit per cell."""
    if not points:
        return TileGrid({}, 0, 0)
    lons = [p[0] for p in points.values()]
    lats = [p[1] for p in points.values()]
    mid_lat = math.radians((min(lats) + max(lats)) / 2)
    width = max((max(lons) - min(lons)) * math.cos(mid_lat), 1e-9)
    height = max(max(lats) - min(lats), 1e-9)
    count = len(points)
    if columns is None:
        columns = max(1, round(math.sqrt(count * width / height)))
    rows = max(1, math.ceil(count / columns))
    while columns * rows < count * 1.3:  # some slack, so that units keep their relative position
        rows += 1
    cell_w, cell_h = width / max(columns - 1, 1), height / max(rows - 1, 1)

    def centre(column: int, row: int) -> Point:
        return (column * cell_w, height - row * cell_h)  # row 0 at the north edge

    def scaled(point: Point) -> Point:
        return ((point[0] - min(lons)) * math.cos(mid_lat), point[1] - min(lats))

    pairs = sorted(
        (math.dist(scaled(point), centre(c, r)), code, (c, r))
        for code, point in sorted(points.items())
        for c in range(columns)
        for r in range(rows)
    )
    cells: dict[str, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for _, code, cell in pairs:
        if code not in cells and cell not in taken:
            cells[code] = cell
            taken.add(cell)
    used_columns = sorted({c for c, _ in cells.values()})
    used_rows = sorted({r for _, r in cells.values()})
    cells = {code: (used_columns.index(c), used_rows.index(r)) for code, (c, r) in cells.items()}
    return TileGrid(cells, len(used_columns), len(used_rows))


@functools.cache
def district_tile_grid() -> TileGrid:
    """The nine districts' tiles, from their reference points (data/districts.csv): the one layout the
    page, the slides and the PNGs share."""
    from lc_metrics.core.districts import load_districts

    return tile_grid({d.code: (d.lon, d.lat) for d in load_districts()})
