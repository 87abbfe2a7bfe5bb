"""A paragraph drafted from the data in the dispatch's own style, ready to paste into a dispatch:

"Tính đến ngày 23/6/2021, tổng số máy điện thoại cài đặt Bluezone trên địa bàn tỉnh Lào Cai đạt
135.445 (18,54% dân số; 23,25% số điện thoại thông minh), …"

It names the lagging districts and the no-scan situation and, when there is a previous report, the
changes against it. Every figure comes from the metrics; a figure the report lacks is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import polars as pl

from lc_metrics.core.districts import district_by_code
from lc_metrics.core.formatting import format_date, format_number, format_pct, round_half_up
from lc_metrics.metrics.indicators import NO_SCAN_ALERT_PCT, kpi_changes, reporting_districts

LAGGING = 3


def district_in_text(code: str, lang: str) -> str:
    """A district as running text writes it: "huyện Mường Khương", "thành phố Lào Cai" (English: the name)."""
    district = district_by_code(code)
    return f"{district.unit_type.lower()} {district.short_name}" if lang == "vi" else district.short_name


def ordinal(n: int) -> str:
    """English ordinal: 1st, 2nd, 3rd, 11th, 24th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" và " if lang == "vi" else " and ") + items[-1]


def _change_clause(province: dict[str, Any], previous: dict[str, Any], previous_as_of: dt.date, lang: str) -> str:
    changes = kpi_changes(province, previous)
    parts = []
    installs, coverage, rank = changes.get("installs"), changes.get("coverage_pct"), changes.get("national_rank")
    if installs is not None:  # "tăng 0" is no change: said as such
        amount = f" {format_number(abs(installs), 0, lang)}" if installs else ""
        if lang == "vi":
            word = "tăng" if installs > 0 else "giảm" if installs < 0 else "không đổi"
            parts.append(f"số máy cài đặt {word}{amount}")
        else:
            word = "up" if installs > 0 else "down" if installs < 0 else "unchanged"
            parts.append(f"installs {word}{amount}")
    if coverage is not None:
        coverage = float(round_half_up(coverage, 2))  # a change that rounds to 0,00 is no change
        value = format_number(abs(coverage), 2, lang)
        if lang == "vi":
            word = "tăng" if coverage > 0 else "giảm" if coverage < 0 else "không đổi"
            parts.append(
                f"tỷ lệ trên số điện thoại thông minh {word}" + (f" {value} điểm phần trăm" if coverage else "")
            )
        else:
            word = "up" if coverage > 0 else "down" if coverage < 0 else "unchanged"
            parts.append(f"the smartphone rate {word}" + (f" {value} points" if coverage else ""))
    if rank:
        n = int(abs(rank))
        if lang == "vi":
            parts.append(f"thứ hạng toàn quốc {'tăng' if rank > 0 else 'giảm'} {n} bậc")
        else:
            parts.append(f"the national rank {'up' if rank > 0 else 'down'} {n} places")
    if not parts:
        return ""
    date = format_date(previous_as_of, lang)
    return (
        f"; so với kỳ báo cáo ngày {date}, {_join(parts, lang)}"
        if lang == "vi"
        else f"; against the report of {date}: {_join(parts, lang)}"
    )


def _reporting_districts(province: dict[str, Any], kpi: str, lang: str) -> str | None:
    """ "3/9 huyện, thị xã, thành phố đã báo cáo" when the province figure ``kpi`` is the sum of only the
    districts that reported it (see reporting_districts), else None."""
    reported = reporting_districts(province, kpi)
    if reported is None:
        return None
    total = province.get("district_count")
    if lang == "vi":
        return f"{reported}/{total} huyện, thị xã, thành phố đã báo cáo"
    return f"the {reported} of {total} districts that reported"


def narrative(
    as_of: dt.date,
    province: dict[str, Any],
    districts: pl.DataFrame,
    lang: str = "vi",
    previous: dict[str, Any] | None = None,
    previous_as_of: dt.date | None = None,
    carried: dict[str, dt.date] | None = None,
    targets: Sequence[Any] | None = None,
) -> str:
    """The paragraph for one report (``province``/``districts`` from lc_metrics.metrics.indicators). Appendices in
    ``carried`` (carried over from an earlier report) are said to be so, with their period, and take
    no part in the changes against the previous report."""
    from lc_metrics.store.carried import KPIS_OF_TABLE, carried_sentence

    if carried and previous:
        previous = {k: v for k, v in previous.items() if not any(k in KPIS_OF_TABLE[table] for table in carried)}
    vi = lang == "vi"
    date = format_date(as_of, lang)
    sentences = []
    installs = province.get("installs")
    if installs is not None:
        shares = []
        if province.get("population_pct") is not None:
            shares.append(
                f"{format_pct(province['population_pct'], 2, lang)} " + ("dân số" if vi else "of the population")
            )
        if province.get("coverage_pct") is not None:
            shares.append(
                f"{format_pct(province['coverage_pct'], 2, lang)} "
                + ("số điện thoại thông minh" if vi else "of smartphones")
            )
        share_text = f" ({'; '.join(shares)})" if shares else ""
        reporting = _reporting_districts(province, "installs", lang)
        if reporting is not None:  # a partial sum is never written as the province's
            sentence = (
                f"Tính đến ngày {date}, tổng số máy điện thoại cài đặt Bluezone của {reporting} "
                f"đạt {format_number(installs, 0, lang)}{share_text}"
                if vi
                else f"As of {date}, {format_number(installs, 0, lang)} phones in {reporting} had installed "
                f"Bluezone{share_text}"
            )
        elif vi:
            sentence = (
                f"Tính đến ngày {date}, tổng số máy điện thoại cài đặt Bluezone trên địa bàn tỉnh Lào Cai "
                f"đạt {format_number(installs, 0, lang)}{share_text}"
            )
        else:
            sentence = (
                f"As of {date}, {format_number(installs, 0, lang)} phones in Lào Cai province had installed "
                f"Bluezone{share_text}"
            )
        if province.get("national_rank") and province.get("provinces_total"):
            rank, total = province["national_rank"], province["provinces_total"]
            sentence += (
                f", đứng thứ {rank}/{total} tỉnh, thành phố về tỷ lệ cài đặt Bluezone"
                if vi
                else f", placing the province {ordinal(rank)} of {total} on the Bluezone installation rate"
            )
        if previous and previous_as_of:
            sentence += _change_clause(province, previous, previous_as_of, lang)
        sentences.append(sentence + ".")
    lagging = districts.filter(pl.col("coverage_pct").is_not_null()).sort("coverage_pct").head(LAGGING)
    if lagging.height:
        names = [
            f"{district_in_text(r['code'], lang)} ({format_pct(r['coverage_pct'], 2, lang)})"
            for r in lagging.iter_rows(named=True)
        ]
        sentences.append(
            ("Các địa phương có tỷ lệ cài đặt thấp nhất là " if vi else "The lowest coverage is in ")
            + _join(names, lang)
            + "."
        )
    points, no_scan = province.get("qr_points"), province.get("qr_points_no_scan")
    if points is not None and no_scan is not None:
        alert = districts.filter(pl.col("no_scan_alert").fill_null(False)).sort("no_scan_pct", descending=True)
        threshold = format_pct(NO_SCAN_ALERT_PCT, 0, lang)
        reporting = _reporting_districts(province, "qr_points", lang)
        if reporting is not None:
            sentence = (
                f"{reporting[0].upper()}{reporting[1:]} có {format_number(points, 0, lang)} điểm kiểm dịch điện tử "
                f"bằng QR code, trong đó {format_number(no_scan, 0, lang)} điểm "
                f"({format_pct(province['no_scan_pct'], 2, lang)}) không ghi nhận lượt vào ra"
                if vi
                else f"{reporting[0].upper()}{reporting[1:]} have {format_number(points, 0, lang)} electronic QR "
                f"check-in points, of which {format_number(no_scan, 0, lang)} "
                f"({format_pct(province['no_scan_pct'], 2, lang)}) never recorded a scan"
            )
        elif vi:
            sentence = (
                f"Toàn tỉnh có {format_number(points, 0, lang)} điểm kiểm dịch điện tử bằng QR code, trong đó "
                f"{format_number(no_scan, 0, lang)} điểm ({format_pct(province['no_scan_pct'], 2, lang)}) "
                "không ghi nhận lượt vào ra"
            )
        else:
            sentence = (
                f"The province has {format_number(points, 0, lang)} electronic QR check-in points, of which "
                f"{format_number(no_scan, 0, lang)} ({format_pct(province['no_scan_pct'], 2, lang)}) never "
                "recorded a scan"
            )
        if alert.height:
            worst = alert.row(0, named=True)
            count, total = alert.height, districts["no_scan_pct"].drop_nulls().len()  # of those with the rate
            if vi:
                sentence += (
                    f"; {count}/{total} huyện, thị xã, thành phố có tỷ lệ điểm không ghi nhận vào ra trên "
                    f"{threshold}, cao nhất là {district_in_text(worst['code'], lang)} "
                    f"({format_pct(worst['no_scan_pct'], 2, lang)})"
                )
            else:
                sentence += (
                    f"; {count} of {total} districts are above {threshold}, the highest being "
                    f"{district_in_text(worst['code'], lang)} ({format_pct(worst['no_scan_pct'], 2, lang)})"
                )
        sentences.append(sentence + ".")
    scans = province.get("scans_total")
    if scans is not None:
        per_point = province.get("scans_per_point")
        tail = (
            f", bình quân {format_number(per_point, 2, lang)} lượt mỗi điểm"
            if vi and per_point is not None
            else f", {format_number(per_point, 2, lang)} per point on average"
            if per_point is not None
            else ""
        )
        reporting = _reporting_districts(province, "scans_total", lang)
        where = (" của " + reporting if vi else " in " + reporting) if reporting else (" trên tỉnh" if vi else "")
        sentences.append(
            (
                f"Tổng số lượt ghi nhận vào ra{where} từ đầu năm đến nay là {format_number(scans, 0, lang)}"
                if vi
                else f"Scans recorded{where} since the start of the year: {format_number(scans, 0, lang)}"
            )
            + tail
            + "."
        )
    for table, origin in (carried or {}).items():
        sentences.append(carried_sentence(table, origin, lang))
    if targets and (target_sentence := targets_sentence(targets, lang)):
        sentences.append(target_sentence)
    return " ".join(sentences)


def targets_sentence(assessments: Sequence[Any], lang: str = "vi") -> str:
    """One sentence on the first target not yet reached (a province one first), in the words of a dispatch:
    "Với tốc độ hiện nay, … đạt …% vào khoảng tuần …; cần thêm … lượt cài đặt mỗi tuần …". "" when none.
    ``assessments``: :class:`lc_metrics.metrics.targets.Assessment` (see ``assess_store``)."""
    from lc_metrics.core.messages import t
    from lc_metrics.metrics.targets import INDICATORS, format_target_value, scope_label, week_of

    pending = [a for a in assessments if a.projection.status != "reached"]
    pending.sort(key=lambda a: a.target.scope != "province")
    if not pending:
        return ""
    a = pending[0]
    target, p = a.target, a.projection
    indicator = t(f"target_indicator_{target.indicator}", lang)
    params = {
        "indicator": indicator[0].lower() + indicator[1:] if lang == "vi" else indicator,
        "scope": scope_label(target.scope, lang),
        "value": format_target_value(target.indicator, target.value, lang),
        "deadline": format_date(target.deadline, lang),
    }
    if p.projected_date is not None:
        sentence = t("narrative_target_projected", lang, week=week_of(p.projected_date, lang), **params)
    else:
        sentence = t("narrative_target_no_date", lang, **params)
    if a.per_week:
        unit = INDICATORS[target.indicator].unit
        sentence += t(f"narrative_target_per_week_{unit}", lang, count=format_number(a.per_week, 0, lang))
    return sentence + "."
