"""Map units from the metrics: one per district (all nine, missing values included), coloured by the
metric's classes, placed at the label point of its polygon (or its reference point without one)."""

from __future__ import annotations

import geopandas as gpd
import polars as pl

from geo.deck import MapUnit
from lc_metrics.core.districts import district_label
from lc_metrics.core.messages import t
from lc_metrics.metrics.classes import Classification, classify
from lc_metrics.metrics.indicators import format_metric


def label_points(shapes: gpd.GeoDataFrame | None) -> dict[str, tuple[float, float]]:
    if shapes is None:
        return {}
    return {c: (lon, lat) for c, lon, lat in zip(shapes["code"], shapes["label_lon"], shapes["label_lat"])}


def district_units(
    districts: pl.DataFrame, metric: str, lang: str, shapes: gpd.GeoDataFrame | None = None, selected: str | None = None
) -> tuple[list[MapUnit], Classification]:
    """The units and the classification of ``metric`` (``districts`` from lc_metrics.metrics.indicators)."""
    classification = classify(metric, districts[metric].to_list())
    labels = classification.labels(lang)
    points = label_points(shapes)
    units = []
    for row in districts.iter_rows(named=True):
        value = row[metric]
        index = classification.class_of(value)
        lon, lat = points.get(row["code"], (row["lon"], row["lat"]))
        units.append(
            MapUnit(
                code=row["code"],
                name=district_label(row["code"], lang),
                value=value,
                value_text=format_metric(metric, value, lang),
                class_label=t("legend_no_data", lang) if index is None else labels[index],
                colour=classification.colour_of(value),
                lon=lon,
                lat=lat,
                highlight=row["code"] == selected,
            )
        )
    return units, classification


# The indicators a commune map can show, the never-scanned rate first (the default).
COMMUNE_METRICS = ("no_scan_pct", "qr_points", "public_points", "scans_per_point")


def commune_figures(figures: pl.DataFrame, commune_code: str) -> dict[str, float | None]:
    """One commune's indicators from its appendices 2 and 3 (rows of lc_metrics.metrics.points.appendices_by
    per commune): points, never scanned and their rate, public and state points, scans per point. A commune
    without a point in the register has 0 points and no rate."""
    from lc_metrics.core.rates import percent

    rows = figures.filter(pl.col("commune_code") == commune_code).to_dicts()
    row = rows[0] if rows else {}
    points = int(row.get("points") or 0)
    no_scan, scans = int(row.get("no_scan") or 0), int(row.get("scans") or 0)
    return {
        "qr_points": points,
        "qr_points_no_scan": no_scan,
        "no_scan_pct": percent(no_scan, points) if points else None,
        "public_points": int(row.get("public_points") or 0),
        "state_points": int(row.get("state_points") or 0),
        "scans_per_point": scans / points if points else None,
    }


def commune_units(
    figures: pl.DataFrame, metric: str, lang: str, shapes: gpd.GeoDataFrame, district_code: str
) -> tuple[list[MapUnit], Classification]:
    """A map unit per commune of ``district_code`` that has a polygon in ``shapes`` (matched communes: code,
    label_lon, label_lat), coloured by ``metric`` (one of :data:`COMMUNE_METRICS`), with its name, its short
    name as label and its figures as tooltip lines; the classification over those communes' values.
    The communes without a polygon are not units: the caller names them."""
    from lc_metrics.core.communes import load_communes

    points = label_points(shapes)
    communes = [c for c in load_communes() if c.district_code == district_code and c.code in points]
    values = {c.code: commune_figures(figures, c.code) for c in communes}
    classification = classify(metric, [values[c.code][metric] for c in communes])
    labels = classification.labels(lang)
    units = []
    for commune in communes:
        figure = values[commune.code]
        value = figure[metric]
        index = classification.class_of(value)
        lon, lat = points[commune.code]
        details = tuple(
            f"{t(title, lang)}: {format_metric(key, figure[key], lang)}"
            for key, title in (
                ("qr_points", "metric_qr_points"),
                ("qr_points_no_scan", "field_no_scan_title"),
                ("no_scan_pct", "metric_no_scan_pct"),
                ("public_points", "field_public_points_title"),
                ("state_points", "field_state_points_title"),
                ("scans_per_point", "metric_scans_per_point"),
            )
            if key != metric
        )
        units.append(
            MapUnit(
                code=commune.code,
                name=commune.name,
                value=value,
                value_text=format_metric(metric, value, lang),
                class_label=t("legend_no_data", lang) if index is None else labels[index],
                colour=classification.colour_of(value),
                lon=lon,
                lat=lat,
                label=commune.short_name,
                details=details,
            )
        )
    return units, classification
