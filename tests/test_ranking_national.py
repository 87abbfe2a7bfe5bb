"""Rankings, colour classes, the province list and the national table (generated workbooks)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lc_metrics.core.findings import Location
from lc_metrics.core.provinces import PROVINCE_COUNT, load_provinces, match_province
from lc_metrics.metrics.classes import BLUE_TO_RED, NO_DATA_COLOUR, classify, quantile_breaks, roundest_between
from lc_metrics.metrics.indicators import district_metrics, province_metrics
from lc_metrics.metrics.ranking import NationalPosition, catch_up, district_ranking, national_history, rank_matrix
from lc_metrics.reading.grids import GridError, read_sheets
from lc_metrics.reading.national import cross_check, national_ranking, read_national_table
from lc_metrics.store.snapshot import load_report_dir
from tests.national_files import national_rows, national_workbook

SNAPSHOT = load_report_dir()
DISTRICTS = district_metrics(SNAPSHOT)
PROVINCE = province_metrics(SNAPSHOT, DISTRICTS)


def test_coverage_ranking_best_first_as_in_appendix_1():
    ranking = district_ranking(DISTRICTS, "coverage_pct")
    assert ranking["short_name"].to_list() == [
        "Lào Cai",
        "Sa Pa",
        "Bảo Thắng",
        "Bảo Yên",
        "Bắc Hà",
        "Bát Xát",
        "Văn Bàn",
        "Si Ma Cai",
        "Mường Khương",
    ]
    assert ranking["rank"].to_list() == list(range(1, 10))


def test_no_scan_ranking_lowest_first_and_missing_last():
    ranking = district_ranking(DISTRICTS, "no_scan_pct")
    assert ranking["short_name"][0] == "Si Ma Cai" and ranking["short_name"][-1] == "Mường Khương"
    public = district_ranking(DISTRICTS, "public_share_pct")
    assert public["short_name"][-1] == "Văn Bàn" and public["rank"][-1] is None  # not reported: not ranked


def test_catch_up_installs_to_reach_the_province_rate():
    rows = {r.name: r for r in catch_up(DISTRICTS, "coverage_pct", PROVINCE)}
    assert set(rows) == {
        "Huyện Mường Khương",
        "Huyện Văn Bàn",
        "Huyện Bát Xát",
        "Huyện Bắc Hà",
        "Huyện Si Ma Cai",
        "Huyện Bảo Yên",
    }
    # Mường Khương: 38.757 smartphones × 23,2455% − 6.243 installs = 2.766,… → 2.767 more installs
    assert rows["Huyện Mường Khương"].needed == 2767
    points = {r.name: r.needed for r in catch_up(DISTRICTS, "no_scan_pct", PROVINCE)}
    assert len(points) == 8 and points["Huyện Văn Bàn"] == 3  # 375 no-scan of 745: 3 more to reach 50%


def test_rank_matrix_has_a_column_per_ranked_metric_with_values():
    matrix = rank_matrix(DISTRICTS)
    assert "rank_coverage_pct" in matrix.columns and "rank_scans_per_point" not in matrix.columns
    assert matrix.height == 9


def test_national_position_percentile_and_history_order():
    position = NationalPosition(dt.date(2021, 6, 23), 24, 63)
    assert position.provinces_behind == 39 and position.percentile == pytest.approx(62.903, abs=1e-3)
    history = national_history(
        [NationalPosition(dt.date(2021, 6, 30), 20, 63), position, NationalPosition(dt.date(2021, 6, 30), 21, 63)]
    )
    assert [p.rank for p in history] == [24, 21]  # oldest first; the later publication of a date wins


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (7964, 11460, 10000),
        (11460, 11495, 11480),
        (0.5, 0.7, 0.6),
        (19.5, 23.7, 20),
        (435, 576, 500),
    ],
)
def test_roundest_number_between_two_values(low, high, expected):
    assert roundest_between(low, high) == pytest.approx(expected)


def test_quantile_classes_are_never_empty():
    values = DISTRICTS["installs"].to_list()
    breaks = quantile_breaks(values)
    classes = classify("installs", values)
    counts = [sum(1 for v in values if classes.class_of(v) == i) for i in range(len(breaks) + 1)]
    assert all(counts) and sum(counts) == 9


def test_no_scan_classes_split_exactly_at_the_alert_threshold():
    classes = classify("no_scan_pct", [])
    assert classes.colours == BLUE_TO_RED
    assert classes.class_of(50.0) == 1 and classes.class_of(50.0001) == 2  # "trên 50%" means above
    assert classes.labels("vi") == ["≤ 25%", "25% – 50%", "50% – 60%", "60% – 70%", "> 70%"]
    assert classes.colour_of(None) == NO_DATA_COLOUR
    recorded = classify("recorded_pct", [])
    assert recorded.class_of(50.0) == 3 and recorded.class_of(49.99) == 2  # 50% recorded = 50% no-scan: no alert
    assert recorded.colours[3] == BLUE_TO_RED[1] and recorded.colours[2] == BLUE_TO_RED[2]


def test_official_province_list():
    provinces = load_provinces()
    assert len(provinces) == PROVINCE_COUNT == 63
    assert {p.short_name for p in provinces} >= {"Lào Cai", "Thừa Thiên Huế", "Hà Nội", "Hồ Chí Minh"}


@pytest.mark.parametrize(
    ("typed", "code", "method"),
    [
        ("Tỉnh Lào Cai", "10", "exact"),
        ("Lao Cai", "10", "exact"),
        ("TP. Hồ Chí Minh", "79", "exact"),
        ("TP HCM", "79", "exact"),
        ("Ho Chi Minh city", "79", "exact"),
        ("Thừa Thiên - Huế", "46", "exact"),
        ("Thanh Hoá", "38", "exact"),
        ("Dak Lak", "66", "exact"),
        ("Bà Rịa – Vũng Tàu", "77", "exact"),
        ("Hà Tây", "01", "former"),
        ("Quảng Nnam", "49", "fuzzy"),
        ("Viêng Chăn", None, "none"),
    ],
)
def test_province_names(typed, code, method):
    match = match_province(typed)
    assert (match.code, match.method) == (code, method)


def read(data: bytes, name: str = "toan_quoc.xlsx"):
    sheet = read_sheets(data, name)[0]
    return read_national_table(sheet.rows, Location(file=name, sheet=sheet.name))


def test_generated_national_workbook_puts_lao_cai_24th_as_the_report_says():
    table = read(national_workbook(numbers_as_text=True))
    assert table.basis == "population" and not table.findings and len(table.rows) == 63
    ranking = national_ranking(table)
    lao_cai = ranking.filter(pl.col("is_lao_cai")).row(0, named=True)
    assert lao_cai["rank"] == 24 and round(lao_cai["rate"], 2) == 18.54
    assert cross_check(table, ranking, 24, 63) == []
    findings = cross_check(table, ranking, 20, 63)
    assert [f.code for f in findings] == ["national_rank_differs"] and findings[0].params["computed"] == 24


def test_bad_national_rows_are_errors_with_their_row():
    rows = national_rows()
    rows[5]["installs"] = "N/A"
    rows[6]["installs"] = -5
    table = read(
        national_workbook(
            rows,
            extra_rows=[[64, "Hà Tây", 1000, 2000, None], [65, "Viêng Chăn", 1, 2, None], [66, "Hà Nội", 1, 2, None]],
        )
    )
    codes = {(f.code, f.location.row if f.location else None) for f in table.findings}
    assert ("national_not_a_number", 9) in codes and ("national_negative", 10) in codes  # 2 title rows + header
    assert ("national_former_province", 67) in codes and ("national_unknown_province", 68) in codes
    assert ("national_duplicate_province", 69) in codes
    assert table.has_errors


def test_missing_provinces_are_a_warning_and_rank_among_those_present():
    rows = [r for r in national_rows() if r["name"] not in ("Hà Giang", "Cao Bằng")]
    table = read(national_workbook(rows))
    assert [f.code for f in table.findings] == ["national_missing_provinces"] and not table.has_errors
    assert table.findings[0].params["count"] == 2


def test_rate_only_table_and_csv_with_semicolons():
    text = "Tỉnh;Tỷ lệ cài đặt (%)\n" + "\n".join(
        f"{r['name']};{str(round(r['installs'] / r['population'] * 100, 2)).replace('.', ',')}" for r in national_rows()
    )
    table = read(text.encode("utf-8-sig"), "toan_quoc.csv")
    assert table.basis == "rate"
    ranking = national_ranking(table)
    assert ranking.filter(pl.col("is_lao_cai"))["rank"][0] == 24


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bang.pdf", b"%PDF", "unsupported_type"),
        ("bang.xlsx", b"", "empty_file"),
        ("bang.xlsx", b"PK\x03\x04 not really", "not_a_spreadsheet"),
        ("bang.csv", b"\n\n", "empty_file"),
    ],
)
def test_unreadable_files(name, data, reason):
    with pytest.raises(GridError) as caught:
        read_sheets(data, name)
    assert caught.value.reason == reason
