"""The register of QR check-in points ("điểm kiểm dịch"), as exported from the check-in system: one row per
point, and what a district records about a point it checked.

The register reader (``lc_metrics/reading``) gives a frame of :data:`POINTS_SCHEMA`; the store keeps it as
given, and :mod:`lc_metrics.metrics.points` computes appendices 2 and 3 and the worklists from it. This module
is the one description of those columns, of the kinds of point and of the actions a district records.
"""

from __future__ import annotations

from typing import Any, Literal

import polars as pl

from lc_metrics.core.communes import load_communes
from lc_metrics.core.districts import district_codes

# Public venues by kind (appendix 3: "điểm công cộng, kinh doanh dịch vụ") …
PUBLIC_KINDS: tuple[str, ...] = (
    "food",
    "entertainment",
    "sport",
    "market",
    "transport",
    "health",
    "school",
    "lodging",
    "religious",
    "business",
)
# … and state agencies ("cơ quan nhà nước").
STATE_KIND = "state"
KINDS: tuple[str, ...] = (STATE_KIND, *PUBLIC_KINDS)  # the worklist's order: state agencies first

# The three columns holding a code from a closed list are enums: a byte a point instead of sixteen (a 10⁶-point
# register is read and kept in less memory, grouped faster), compared with text as text is ("state", "083"), and
# ordered as the list is (kinds: state agencies first; districts and communes: by code). A join with a text
# column casts one side.
KIND_TYPE = pl.Enum(KINDS)
DISTRICT_CODE_TYPE = pl.Enum(sorted(district_codes()))
COMMUNE_CODE_TYPE = pl.Enum([commune.code for commune in load_communes()])  # the reference, in code order

POINTS_SCHEMA: dict[str, Any] = {
    "point_code": pl.String,
    "name": pl.String,
    "address": pl.String,  # nullable
    "kind": KIND_TYPE,  # one of KINDS
    "commune_code": COMMUNE_CODE_TYPE,  # nullable: data/communes.csv
    "district_code": DISTRICT_CODE_TYPE,  # 080–089
    "registered_on": pl.Date,  # nullable
    "scans_total": pl.Int64,  # scans since the point was registered
    "scans_14d": pl.Int64,  # nullable: not every export gives it
    "scans_7d": pl.Int64,  # nullable
    "last_scan": pl.Date,  # nullable
}

# What a district records about a point of its worklist: still operating and its owner guided to have visitors
# scan; removed (the place closed, or the code is a duplicate or wrong); not checked yet.
Action = Literal["guided", "removed", "unchecked"]
ACTIONS: tuple[Action, ...] = ("guided", "removed", "unchecked")

ACTIONS_SCHEMA: dict[str, Any] = {
    "id": pl.Int64,
    "register_id": pl.Int64,
    "point_code": pl.String,
    "district_code": pl.String,
    "action": pl.String,  # one of ACTIONS
    "note": pl.String,  # nullable
    "actor": pl.String,
    "at": pl.String,  # UTC, ISO 8601 (as the store writes every time)
}


def empty_points() -> pl.DataFrame:
    """A register without points (the frame every function here accepts)."""
    return pl.DataFrame(schema=POINTS_SCHEMA)


def empty_actions() -> pl.DataFrame:
    return pl.DataFrame(schema=ACTIONS_SCHEMA)
