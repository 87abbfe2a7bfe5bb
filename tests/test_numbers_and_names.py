"""Reading Vietnamese numbers and district names as people type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lc_metrics.core.districts import is_total_label, match_district
from lc_metrics.core.formatting import format_number, format_pct, format_rate, format_signed
from lc_metrics.core.numbers import NotANumberError, NumberReading, parse_count, parse_rate


@pytest.mark.parametrize(
    ("text", "value", "ambiguous"),
    [
        ("11.460", 11460, False),
        ("2.071", 2071, False),
        ("1,512", 1512, True),
        ("794", 794, False),
        ("1.234.567", 1234567, False),
        ("1,234,567", 1234567, False),
        (" 7 875 ", 7875, False),
        (12.0, 12, False),
        (1512, 1512, False),
        ("0", 0, False),
        ("-5", -5, False),
    ],
)
def test_parse_count(text, value, ambiguous):
    reading = parse_count(text)
    assert reading is not None and reading.value == value and reading.ambiguous is ambiguous


@pytest.mark.parametrize("text", ["N/A", "12a", "12,5", "1.2.3", "x", 12.5])
def test_parse_count_refuses(text):
    with pytest.raises(NotANumberError):
        parse_count(text)


@pytest.mark.parametrize("blank", [None, "", "   ", float("nan")])
def test_blank_is_not_zero(blank):
    assert parse_count(blank) is None and parse_rate(blank) is None


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("58,56", 58.56, 2),
        ("19,5", 19.5, 1),
        ("23,25%", 23.25, 2),
        ("19.5", 19.5, 1),
        ("100", 100, 0),
        ("1.234,5", 1234.5, 1),
    ],
)
def test_parse_rate(text, value, decimals):
    reading = parse_rate(text)
    assert reading is not None and reading.value == pytest.approx(value) and reading.decimals == decimals


@given(st.integers(min_value=0, max_value=10**9))
def test_vietnamese_count_round_trip(value):
    assert parse_count(format_number(value)).value == value


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=3))
def test_vietnamese_rate_round_trip(hundredths, decimals):
    value = hundredths / 10**decimals
    reading = parse_rate(format_number(value, decimals))
    assert reading.value == pytest.approx(value) and reading.decimals == decimals


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (135445, 0, "135.445"),
        (23.245536, 2, "23,25"),
        (0.125, 2, "0,13"),
        (1234567.891, 1, "1.234.567,9"),
        # more digits than Decimal's default precision (28): a 1e26 typed in a sheet is shown, not a crash
        (1e26, 2, "100.000.000.000.000.000.000.000.000,00"),
        (1.2345678901234568e28, 0, "12.345.678.901.234.568.000.000.000.000"),
    ],
)
def test_format_number_half_up(value, digits, expected):
    assert format_number(value, digits) == expected


def test_rates_round_through_two_decimals_like_the_dispatch():
    assert format_rate(23.245536, 1) == "23,3"  # 23,25 → 23,3 (appendix 1 province row)
    assert format_pct(23.245536, 2) == "23,25%"


def test_format_english_and_signs():
    assert format_number(135445, 0, "en") == "135,445"
    assert format_signed(-0.5, 2) == "−0,50" and format_signed(1234) == "+1.234"
    assert format_number(None) == "—"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Huyện Bát Xát", "082"),
        ("H. Bát Xát", "082"),
        ("Bat Xat", "082"),
        ("BÁT XÁT", "082"),
        ("TP. Lào Cai", "080"),
        ("Thành phố Lào Cai", "080"),
        ("TP Lao Cai", "080"),
        ("TX Sa Pa", "088"),
        ("Thị xã Sa Pa", "088"),
        ("Sapa", "088"),
        ("Huyện Sa Pa", "088"),
        ("Muờng Khuong", "083"),
        ("Van Bàn", "089"),
        ("Huyện Văn Bàn (huyện không có báo cáo)", "089"),  # as the dispatch and the app write it
        ("Thành phố Lào Cai (thành phố không có báo cáo)", "080"),
        ("Bảo Thằng", "086"),
        ("Si Ma Cai", "084"),
        ("Bắc Hà", "085"),
        ("Bảo Yên", "087"),
        ("86", "086"),
    ],
)
def test_match_district(typed, code):
    assert match_district(typed).code == code


@pytest.mark.parametrize("typed", ["Tỉnh Lào Cai", "Mù Cang Chải", "Huyện Bảo", "", None, "Hà Nội", "Bảo"])
def test_match_district_refuses(typed):
    assert match_district(typed).code is None


@pytest.mark.parametrize(
    ("label", "total"),
    [
        ("Tỉnh Lào Cai", True),
        ("Toàn tỉnh", True),
        ("Cộng", True),
        ("Tổng cộng", True),
        ("TỔNG CỘNG", True),
        ("Thành phố Lào Cai", False),
        ("Huyện Bắc Hà", False),
    ],
)
def test_total_row_labels(label, total):
    assert is_total_label(label) is total


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tổng số cài đặt Bluezone", "installs"),
        ("Số cài đặt", "installs"),
        ("Số người cài Bluezone", "installs"),
        ("Tổng điện thoại thông minh", "smartphones"),
        ("Số ĐTTM", "smartphones"),
        ("Số máy điện thoại thông minh", "smartphones"),
        ("Tỷ lệ (%)", "coverage_pct"),
        ("Số điểm kiểm dịch", "points"),
        ("Số điểm KD", "points"),
        ("Số điểm đã đăng ký", "points"),
        ("Số không ghi nhận vào ra", "no_scan"),
        ("Số điểm chưa có lượt quét", "no_scan"),
        ("Điểm không phát sinh lượt quét", "no_scan"),
        ("Tỷ lệ không ghi nhận vào ra (%)", "no_scan_pct"),
        ("Tổng số lượt ghi nhận vào ra", "scans"),
        ("Số điểm kiểm dịch công cộng", "public_points"),
        ("Số điểm kiểm dịch cơ quan nhà nước", "state_points"),
        ("Địa phương", "district"),
        ("Huyện, thị xã, thành phố", "district"),
        ("Tên huyện", "district"),
        ("Đơn vị hành chính", "district"),
        ("Địa bàn", "district"),
        ("STT", "stt"),
        ("TT", "stt"),
        ("Ghi chú", None),
    ],
)
def test_header_wording_variants(header, field):
    from lc_metrics.reading.appendix import classify_header

    assert classify_header(header) == field


@pytest.mark.parametrize("number", [0, 7, 11_460, 135_445, 10**14])
def test_a_whole_number_reading_made_fast_is_the_dataclass_reading(number):
    fast, built = NumberReading.whole(number), NumberReading(float(number), 0, text=str(number))
    assert fast == built and hash(fast) == hash(built) and vars(fast) == vars(built)
    with pytest.raises(AttributeError):
        fast.value = 1.0  # type: ignore[misc]  # still frozen
