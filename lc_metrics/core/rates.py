"""The one formula every rate of the report uses: a part of a whole, in percent. A rate over nothing
(no whole, or a whole of 0) is no rate at all (None / null), never 0 %."""

from __future__ import annotations

import polars as pl


def percent(part: float | None, whole: float | None) -> float | None:
    """``part`` of ``whole`` in percent (805 of 1.512 → 53,24…); None when either is missing or whole is 0."""
    if part is None or not whole:
        return None
    return part / whole * 100.0


def percent_expr(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
    """The same as a Polars expression, null where the whole is null or not positive."""
    return pl.when(whole > 0).then(part / whole * 100.0).otherwise(None)
