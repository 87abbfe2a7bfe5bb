"""Where a map's labels go so that none covers another: each label is moved off its unit's label point
only as far as it must be, in the map's own pixels.

deck.gl draws a label (a TextLayer) at a fixed size in pixels, centred on its point, whatever the shapes
under it: on a phone's narrow map the labels of a small unit and its large neighbour (TP Lào Cai and Bảo
Thắng, Mường Khương and Si Ma Cai) are drawn over each other and a figure becomes unreadable. The map's
zoom is fixed by its view (``geo.deck.view_for_bounds``), so the distance in pixels between two label
points is known before the browser draws anything: :func:`label_offsets` gives each label the smallest
shift (in pixels, as deck.gl's ``getPixelOffset``) that keeps its box clear of the boxes placed before it,
the labels of the smallest units first (they stay on their points; a large unit has room around its own).

The width of a label's text is measured with DejaVu Sans Bold (the file matplotlib ships, read by
Pillow), the widest of the label font's fallbacks, wider than Segoe UI, Arial or Roboto at the same size:
the boxes err on the large side (tests/test_browser_map_labels.py measures the browser's own).
"""

from __future__ import annotations

import functools
import importlib.util
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

BOX_PADDING_PX = (3, 1)  # the label's background beyond its text: sideways, up and down (backgroundPadding)
GAP_PX = 2.0  # the space kept between two labels' boxes
TILE_SIZE_PX = 512.0  # deck.gl draws the whole world 512 px wide at zoom 0 (Web Mercator)


@dataclass(frozen=True)
class Label:
    """A label to place: its key, its point (degrees), its lines of text and its priority (lower is placed
    first and moves least)."""

    key: str
    lon: float
    lat: float
    lines: tuple[str, ...]
    priority: float = 0.0


def world_pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """A point's position in pixels on deck.gl's Web Mercator world at ``zoom`` (y grows southwards)."""
    scale = TILE_SIZE_PX * 2.0**zoom
    x = (lon + 180.0) / 360.0 * scale
    y = (1.0 - math.log(math.tan(math.pi / 4.0 + math.radians(lat) / 2.0)) / math.pi) / 2.0 * scale
    return x, y


def _font_file() -> str:
    """DejaVu Sans Bold as matplotlib ships it (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("matplotlib is not installed: its DejaVu Sans Bold measures the map's labels")
    return str(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans-Bold.ttf")


@functools.lru_cache(maxsize=8)
def _font(size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_file(), size=size_px)


@functools.lru_cache(maxsize=4096)
def text_width_px(text: str, size_px: float) -> float:
    """The width in pixels of one line of ``text`` in DejaVu Sans Bold at ``size_px`` (see the module)."""
    return float(_font(size_px).getlength(text)) if text else 0.0


def label_size_px(lines: Sequence[str], size_px: float) -> tuple[float, float]:
    """A label's box (width, height) in pixels: its widest line and its lines (deck.gl's line height is
    the font size), with the background's padding."""
    width = max((text_width_px(line, size_px) for line in lines), default=0.0)
    return width + 2 * BOX_PADDING_PX[0], len(lines) * size_px + 2 * BOX_PADDING_PX[1]


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _clear(box: Box, placed: list[Box], gap: float) -> bool:
    left, top, right, bottom = box
    return all(
        right + gap <= o_left or o_right + gap <= left or bottom + gap <= o_top or o_bottom + gap <= top
        for o_left, o_top, o_right, o_bottom in placed
    )


def _overlap(box: Box, placed: list[Box]) -> float:
    left, top, right, bottom = box
    return sum(
        max(0.0, min(right, o_right) - max(left, o_left)) * max(0.0, min(bottom, o_bottom) - max(top, o_top))
        for o_left, o_top, o_right, o_bottom in placed
    )


def _shifts(width: float, height: float) -> list[tuple[float, float]]:
    """The shifts tried for a label, nearest first: up to one box's width sideways and two boxes' heights up
    or down, in quarters of its box."""
    steps = [(dx * width / 4.0, dy * height / 4.0) for dx in range(-4, 5) for dy in range(-8, 9)]
    return sorted(steps, key=lambda s: (math.hypot(s[0], s[1]), abs(s[0]), s[1]))


def place_boxes(boxes: Sequence[tuple[str, Box, float]], gap: float = GAP_PX) -> dict[str, tuple[float, float]]:
    """Each box's shift (right, down, in the boxes' pixels) so that no two overlap: ``boxes`` as (key, box
    where it would be drawn, priority), placed in order of priority (then as given), each at the nearest
    shift that keeps it ``gap`` clear of those placed before it (see :func:`_shifts`); a box with no clear
    place within reach stays where it overlaps least."""
    offsets: dict[str, tuple[float, float]] = {}
    placed: list[Box] = []
    for key, (left, top, right, bottom), _ in sorted(boxes, key=lambda item: item[2]):
        best: tuple[float, tuple[float, float], Box] | None = None
        for dx, dy in _shifts(right - left, bottom - top):
            box = (left + dx, top + dy, right + dx, bottom + dy)
            if _clear(box, placed, gap):
                best = (0.0, (dx, dy), box)
                break
            overlap = _overlap(box, placed)
            if best is None or overlap < best[0]:
                best = (overlap, (dx, dy), box)
        assert best is not None  # _shifts always gives (0, 0)
        offsets[key] = best[1]
        placed.append(best[2])
    return offsets


def label_offsets(labels: Sequence[Label], zoom: float, size_px: float) -> dict[str, tuple[float, float]]:
    """Each deck.gl label's shift in pixels (right, down) from its point so that no two labels' boxes
    overlap at ``zoom`` (:func:`place_boxes`), rounded to a tenth of a pixel."""
    boxes = []
    for label in labels:
        x, y = world_pixels(label.lon, label.lat, zoom)
        width, height = label_size_px(label.lines, size_px)
        boxes.append((label.key, (x - width / 2, y - height / 2, x + width / 2, y + height / 2), label.priority))
    return {key: (round(dx, 1), round(dy, 1)) for key, (dx, dy) in place_boxes(boxes).items()}
