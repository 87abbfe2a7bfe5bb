"""The KPI cards as text: label, value, change against the previous report and whether the change
is good — shared by the overview, presentation mode and the exported slides and documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lc_metrics.core.formatting import format_number, format_pct, format_signed, round_half_up
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import KPI_KEYS, kpi_changes, reporting_districts

# KPI key → (value formatter, delta formatter, True when an increase is good)
Formatter = Callable[[Any, dict[str, Any]], str]


def change_text(delta: float, digits: int, lang: str, suffix: str = "") -> str:
    """A change as a badge writes it: "+1.234", "−0,52 điểm %", and "không đổi" when it rounds to nothing
    (a bare "0" reads as a figure, not as no change)."""
    if round_half_up(delta, digits) == 0:
        return t("change_none", lang)
    return format_signed(delta, digits, lang, suffix)


def rank_change_text(delta: float, lang: str) -> str:
    """Places gained or lost on the national ranking: "tăng 2 bậc", "không đổi"."""
    if not delta:
        return t("change_none", lang)
    return t("rank_change_up" if delta > 0 else "rank_change_down", lang, n=abs(int(delta)))


def _specs(lang: str) -> dict[str, tuple[Formatter, Callable[[float], str], bool]]:
    points = " điểm %" if lang == "vi" else " pp"
    count = (lambda v, p: format_number(v, 0, lang), lambda d: change_text(d, 0, lang))
    rate = (lambda v, p: format_pct(v, 2, lang), lambda d: change_text(d, 2, lang, points))
    return {
        "installs": (*count, True),
        "population_pct": (*rate, True),
        "coverage_pct": (*rate, True),
        "national_rank": (
            lambda v, p: t("rank_value", lang, rank=v, total=p["provinces_total"]),
            lambda d: rank_change_text(d, lang),
            True,
        ),
        "qr_points": (*count, True),
        "qr_points_no_scan": (*count, False),
        "no_scan_pct": (*rate, False),
        "scans_total": (*count, True),
        "scans_per_point": (lambda v, p: format_number(v, 2, lang), lambda d: change_text(d, 2, lang), True),
        "public_share_pct": (*rate, True),
    }


@dataclass(frozen=True)
class KpiText:
    key: str
    label: str
    value: str  # "chưa có số liệu" when the report lacks it (``missing``)
    delta: str | None  # None without a previous report
    direction: int  # +1 up, −1 down, 0 none or no change
    good: bool | None  # is the change an improvement? None when there is no change
    missing: bool = False  # the report lacks the figure: ``value`` says so in words
    # what the figure is taken over, when it is not what the cards beside it count (a share of the points
    # reported by type, beside all the points registered)
    context: str | None = None


def partial_context(key: str, province: dict[str, Any], lang: str) -> str | None:
    """ "số liệu của 3/9 địa phương có báo cáo" for a KPI summed over only the districts that reported it (no
    province total in the report), else None: such a figure is never shown as the province's without it."""
    reported = reporting_districts(province, key)
    if reported is None or province.get(key) is None:
        return None
    return t("kpi_partial_context", lang, reported=reported, districts=province.get("district_count"))


def province_row_label(province: dict[str, Any], key: str, lang: str) -> str:
    """The name of a table's province row: "Tỉnh Lào Cai", or "Cộng 3/9 địa phương có báo cáo" when its ``key``
    figure is the sum of only the districts that reported it."""
    reported = reporting_districts(province, key)
    if reported is None:
        return t("province_row", lang)
    return t("province_row_partial", lang, reported=reported, districts=province["district_count"])


def partial_note(province: dict[str, Any], key: str, lang: str) -> list[str]:
    """The line a table puts beside its figures when its province figures are partial sums (else none)."""
    reported = reporting_districts(province, key)
    if reported is None:
        return []
    return [t("appendix_partial_note", lang, reported=reported, districts=province["district_count"])]


def _context(key: str, province: dict[str, Any], lang: str) -> str | None:
    """The public-venue share is a share of the points the districts reported by type (appendix 3: 1.064 in June),
    not of every point registered (7.875 on the card beside it): the card says over how many, and from how many
    districts. A partial sum says from how many districts it is (:func:`partial_context`)."""
    if key != "public_share_pct" or province.get(key) is None:
        return partial_context(key, province, lang)
    points = (province.get("public_points") or 0) + (province.get("state_points") or 0)
    return t(
        "kpi_public_share_context",
        lang,
        points=format_number(points, 0, lang),
        reported=province.get("categories_reported_count"),
        districts=province.get("district_count"),
    )


def kpi_texts(
    province: dict[str, Any],
    previous: dict[str, Any] | None,
    lang: str,
    keys: tuple[str, ...] = KPI_KEYS,
    carried: dict[str, Any] | None = None,
) -> list[KpiText]:
    """The KPI cards' texts. A KPI in ``carried`` (key → as-of date of the report it was carried over
    from) shows that period instead of a change: last week's figure is never shown as this week's."""
    from lc_metrics.core.formatting import format_date

    specs = _specs(lang)
    changes = kpi_changes(province, previous)
    out = []
    for key in keys:
        value_fmt, delta_fmt, up_is_good = specs[key]
        value, delta = province.get(key), changes.get(key)
        if carried and key in carried:
            out.append(
                KpiText(
                    key,
                    t(f"kpi_{key}", lang),
                    t("figure_missing", lang) if value is None else value_fmt(value, province),
                    t("kpi_carried_delta", lang, date=format_date(carried[key], lang)),
                    0,
                    None,
                    value is None,
                    _context(key, province, lang),
                )
            )
            continue
        direction = 0 if not delta else (1 if delta > 0 else -1)
        out.append(
            KpiText(
                key,
                t(f"kpi_{key}", lang),
                t("figure_missing", lang) if value is None else value_fmt(value, province),
                None if delta is None else delta_fmt(delta),
                direction,
                None if direction == 0 else (direction > 0) == up_is_good,
                value is None,
                _context(key, province, lang),
            )
        )
    return out
