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
