"""What every PNG the server draws shares (charts, maps): a white figure at projector resolution with
a type scale, and the title block. matplotlib without a display; titles never parsed as mathtext."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: render to memory only
import matplotlib.pyplot as plt

FONT = "DejaVu Sans"
DPI = 100


def projector_figure(size: tuple[int, int]) -> tuple[Any, float]:
    """A white figure of ``size`` pixels and the type scale (1 at 1080 pixels high)."""
    width, height = size
    plt.rcParams["font.family"] = FONT  # has every Vietnamese glyph; ships with matplotlib
    figure = plt.figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    return figure, height / 1080


def titled_png(
    figure: Any,
    scale: float,
    title: str,
    subtitle: str,
    *,
    title_size: float = 30,
    subtitle_size: float = 18,
    subtitle_y: float = 0.895,
) -> bytes:
    """Title and subtitle at the top left, then the figure as PNG bytes (the figure is closed)."""
    # titles may carry a file name ("bảng $x$.xlsx"): plain text, never matplotlib mathtext
    figure.text(
        0.02,
        0.95,
        title,
        fontsize=title_size * scale,
        fontweight="bold",
        color="#111111",
        va="center",
        parse_math=False,
    )
    figure.text(
        0.02, subtitle_y, subtitle, fontsize=subtitle_size * scale, color="#333333", va="center", parse_math=False
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    plt.close(figure)
    return buffer.getvalue()
