"""Maps as PNG images, drawn on the server with matplotlib (no browser, no network, no basemap):
for slides, documents and the download buttons. Same units, colours and classes as the pydeck map.
The briefing's set of pictures is put together in ``lc_metrics.publish.formats`` (above this layer)."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display: render to memory only
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from geo.deck import MapUnit
from geo.labels import place_boxes
from lc_metrics.core.messages import t
from lc_metrics.core.pictures import projector_figure, titled_png
from lc_metrics.metrics.classes import NO_DATA_COLOUR, Classification, class_counts, text_colour_on

PROJECTOR_SIZE = (1920, 1080)


def _rgb(colour: Sequence[int]) -> tuple[float, float, float]:
    return tuple(c / 255 for c in colour[:3])  # type: ignore[return-value]


def map_png(
    units: Sequence[MapUnit],
    shapes: gpd.GeoDataFrame | None,
    classification: Classification,
    *,
    title: str,
    subtitle: str,
    lang: str,
    footer: str = "",
    size: tuple[int, int] = PROJECTOR_SIZE,
    show_values: bool = True,
    label_codes: Sequence[str] | None = None,
    schematic: bool = False,
) -> bytes:
    """A choropleth with title, legend and labels, as PNG bytes. Without ``shapes``: a tile diagram when
    ``schematic`` (the districts: see geo.tiles), else circles at the units' reference points."""
    figure, scale = projector_figure(size)
    axes = figure.add_axes((0.02, 0.06, 0.66, 0.80))
    axes.set_axis_off()
    by_code = {u.code: u for u in units}
    drawn: set[str] = set()
    if shapes is None and schematic:
        draw_tiles(axes, units, show_values, scale)
        return _finish(figure, scale, units, classification, title, subtitle, lang, footer)
    if shapes is not None:
        present = shapes[shapes["code"].isin(list(by_code))]
        colours = [_rgb(by_code[c].colour) for c in present["code"]]
        widths = [3.0 * scale if by_code[c].highlight else 0.8 * scale for c in present["code"]]
        present.plot(ax=axes, color=colours, edgecolor="#333333", linewidth=widths)
        drawn = set(present["code"])
    missing = [u for u in units if u.code not in drawn]
    radius_pt: dict[str, float] = {}
    if missing:
        largest = max((u.value for u in missing if u.value is not None), default=0) or 1
        areas = [9000 * max((u.value or 0) / largest, 0.12) * scale**2 for u in missing]  # area ∝ value
        radius_pt = {u.code: (area / 3.1416) ** 0.5 for u, area in zip(missing, areas)}
        axes.scatter(
            [u.lon for u in missing],
            [u.lat for u in missing],
            s=areas,
            c=[_rgb(u.colour) for u in missing],
            edgecolors="#333333",
            linewidths=1.2 * scale,
            zorder=3,
        )
    if not drawn:
        lons, lats = [u.lon for u in units], [u.lat for u in units]
        axes.set_xlim(min(lons) - 0.2, max(lons) + 0.2)
        axes.set_ylim(min(lats) - 0.3, max(lats) + 0.15)
    axes.set_aspect(1 / 0.925)  # about 1/cos(22°): Lào Cai's degrees of longitude are shorter
    annotations = []
    for unit in units:
        if label_codes is not None and unit.code not in label_codes:
            continue
        text = f"{unit.name}\n{unit.value_text}" if show_values else unit.name
        below = radius_pt.get(unit.code)  # a circle: its label goes under it, not over it
        annotation = axes.annotate(
            text,
            (unit.lon, unit.lat),
            xytext=(0, -(below + 4)) if below else (0, 0),
            textcoords="offset points",
            ha="center",
            va="top" if below else "center",
            fontsize=15 * scale,
            fontweight="bold",
            color="#111111",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
        )
        annotations.append((unit.code, annotation))
    polygons = shapes[shapes["code"].isin(list(by_code))] if shapes is not None else None
    sizes = {} if polygons is None else {code: shape.area for code, shape in zip(polygons["code"], polygons.geometry)}
    _separate_labels(figure, annotations, sizes, scale)
    return _finish(figure, scale, units, classification, title, subtitle, lang, footer)


def _separate_labels(
    figure: Figure, annotations: list[tuple[str, Annotation]], areas: dict[str, float], scale: float
) -> None:
    """Move the labels that would cover one another off their points, as on the pydeck map (geo.labels: the
    smallest units' labels first; a unit without a polygon before them all), measured as matplotlib draws them."""
    if len(annotations) < 2:
        return
    figure.draw_without_rendering()  # the axes' limits and aspect applied: the labels where they will be drawn
    height = figure.bbox.height
    boxes = []
    for code, annotation in annotations:
        patch = annotation.get_bbox_patch()
        extent = (patch if patch is not None else annotation).get_window_extent()
        # in the picture's pixels from its top (geo.labels' boxes grow downwards)
        boxes.append((code, (extent.x0, height - extent.y1, extent.x1, height - extent.y0), areas.get(code, 0.0)))
    shifts = place_boxes(boxes, gap=2 * scale)
    points_per_pixel = 72 / figure.dpi
    for code, annotation in annotations:
        dx, dy = shifts[code]
        x, y = annotation.xyann
        annotation.xyann = (x + dx * points_per_pixel, y - dy * points_per_pixel)


def draw_tiles(axes: Axes, units: Sequence[MapUnit], show_values: bool, scale: float) -> list[Text]:
    """One tile per unit on the districts' grid, its label inside it: one font size for all, the largest
    at which every label fits its tile (a name breaks at a space before the size goes below 60%)."""
    from geo.tiles import district_tile_grid

    grid = district_tile_grid()
    names = {u.code: u.name for u in units}
    width, height, gap = 1.35, 1.0, 0.06
    for unit in units:
        column, row = grid.cells[unit.code]
        axes.add_patch(
            Rectangle(
                (column * width + gap / 2, -(row + 1) * height + gap / 2),
                width - gap,
                height - gap,
                facecolor=_rgb(unit.colour),
                edgecolor="#111111" if unit.highlight else "#444444",
                linewidth=(4.0 if unit.highlight else 1.0) * scale,
            )
        )
    axes.set_xlim(0, grid.columns * width)
    axes.set_ylim(-grid.rows * height, 0)
    axes.set_aspect("equal")
    axes.apply_aspect()  # the box the tiles are drawn in, before measuring labels against it
    renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]

    def tile_box(code: str) -> Bbox:
        column, row = grid.cells[code]
        corners = [(column * width + gap, -(row + 1) * height + gap), ((column + 1) * width - gap, -row * height - gap)]
        return Bbox(axes.transData.transform(corners))

    def label(unit: MapUnit, wrap: bool) -> str:
        name = unit.name.replace(" ", "\n", 1) if wrap else unit.name
        return f"{name}\n{unit.value_text}" if show_values else name

    size = 24 * scale
    wrapped: set[str] = set()
    texts: list[Text] = []
    while True:
        for text in texts:
            text.remove()
        texts = []
        for unit in units:
            column, row = grid.cells[unit.code]
            texts.append(
                axes.text(
                    (column + 0.5) * width,
                    -(row + 0.5) * height,
                    label(unit, unit.code in wrapped),
                    ha="center",
                    va="center",
                    multialignment="center",
                    fontsize=size,
                    fontweight="bold",
                    color=_rgb(text_colour_on(unit.colour)),
                    zorder=4,
                )
            )
        too_wide = [
            unit.code
            for unit, text in zip(units, texts)
            if not tile_box(unit.code).contains(*text.get_window_extent(renderer).p0)
            or not tile_box(unit.code).contains(*text.get_window_extent(renderer).p1)
        ]
        if not too_wide or size < 8 * scale:
            return texts
        fresh = [code for code in too_wide if code not in wrapped and " " in names[code]]
        if fresh and size <= 24 * scale * 0.6:
            wrapped.update(fresh)
        else:
            size *= 0.92


def _finish(
    figure: Figure,
    scale: float,
    units: Sequence[MapUnit],
    classification: Classification,
    title: str,
    subtitle: str,
    lang: str,
    footer: str,
) -> bytes:
    """The legend, the footer lines and the title, and the PNG bytes."""
    _, missing_values = class_counts(classification, [u.value for u in units])
    handles = [
        Patch(facecolor=_rgb(colour), edgecolor="#333333", label=label)
        for colour, label in zip(classification.colours, classification.labels(lang))
    ]
    if missing_values:
        handles.append(Patch(facecolor=_rgb(NO_DATA_COLOUR), edgecolor="#333333", label=t("legend_no_data", lang)))
    legend = figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.70, 0.82),
        frameon=False,
        fontsize=20 * scale,
        title=t("legend_title", lang),
        title_fontsize=22 * scale,
        handlelength=2.2,
        handleheight=1.4,
        labelspacing=0.8,
    )
    legend.get_title().set_fontweight("bold")
    if footer:
        # right under the legend, whatever its number of classes (it floated at a fixed height, far below a short
        # legend); wrapped text ignores parse_math: a "$" is escaped instead, so that it is drawn, never parsed
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's, as in the tiles above
        below = legend.get_window_extent(renderer).transformed(figure.transFigure.inverted())
        top = max(below.y0 - 0.03, 0.05)
        figure.text(0.70, top, footer.replace("$", r"\$"), fontsize=17 * scale, color="#222222", va="top", wrap=True)
    return titled_png(figure, scale, title, subtitle)
