"""The rules the report rests on, each at its edge, with expected values worked out by hand (not by the code
under test). Each test here kills a one-line mutation that used to survive the whole suite
(``scripts/mutants.py`` keeps them killed)."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from lc_metrics.core.findings import Location
from lc_metrics.metrics.indicators import district_metrics, province_metrics
from lc_metrics.publish.appendix_views import appendix_views, view_to_csv
from lc_metrics.reading.appendix import read_appendix
from lc_metrics.store.snapshot import load_report_dir


@pytest.fixture(scope="module")
def june():
    return load_report_dir()


def with_qr_points(snapshot, code: str, points: int, no_scan: int):
    frame = snapshot.qr_points.with_columns(
        points=pl.when(pl.col("code") == code).then(points).otherwise(pl.col("points")),
        no_scan=pl.when(pl.col("code") == code).then(no_scan).otherwise(pl.col("no_scan")),
    )
    return dataclasses.replace(snapshot, qr_points=frame)


def test_exactly_fifty_percent_no_scan_is_not_over_the_alert(june):
    """The dispatch's alert is "trên 50%": 400 of 800 points (50,00%) is not above it; 401 of 800 is."""
    at_threshold = district_metrics(with_qr_points(june, "082", 800, 400))
    row = at_threshold.filter(pl.col("code") == "082").row(0, named=True)
    assert row["no_scan_pct"] == 50.0 and row["no_scan_alert"] is False
    above = district_metrics(with_qr_points(june, "082", 800, 401)).filter(pl.col("code") == "082").row(0, named=True)
    assert above["no_scan_alert"] is True


def test_the_province_no_scan_rate_uses_the_reported_totals_not_the_district_sums(june):
    """The dispatch prints 4.415 of 7.875 points (56,06%). When the province's own total differs from the
    district sum (a district that did not report, a late correction), the reported total is the province's."""
    province = dataclasses.replace(june.province, qr_points_no_scan=4_500)
    snapshot = dataclasses.replace(june, province=province)
    figures = province_metrics(snapshot, district_metrics(snapshot))
    assert figures["qr_points_no_scan"] == 4_500
    assert round(figures["no_scan_pct"], 2) == 57.14  # 4.500 / 7.875 = 0,571428…


GRID_HEADER = ["STT", "Địa phương", "Số điểm KD", "Số không ghi nhận vào ra", "Tỷ lệ (%)"]


@pytest.mark.parametrize(
    ("printed_rate", "code"),
    [
        ("53,24", "ambiguous_number_confirmed"),  # 805 / 1.512 = 53,24%: the rate confirms the thousands reading
        ("60,00", "ambiguous_number_unconfirmed"),  # no reading of "1,512" gives 60,00%: the uploader must look
    ],
)
def test_a_comma_count_is_confirmed_only_by_a_matching_printed_rate(printed_rate, code):
    grid = [
        GRID_HEADER,
        ["1", "Huyện Bảo Thắng", "1,512", "805", printed_rate],
        ["2", "Huyện Bát Xát", "794", "465", "58,56"],
    ]
    table = read_appendix(grid, Location(file="pl2.csv"))
    codes = [f.code for f in table.findings if f.code.startswith("ambiguous_number")]
    assert codes == [code]


def test_csv_downloads_never_hold_a_formula(june):
    """A text cell that starts like a formula goes out with a leading apostrophe (OWASP CSV injection)."""
    view = appendix_views(june, district_metrics(june), "vi")[0]
    index, text_column = next((i, c) for i, c in enumerate(view.columns) if c.kind == "text")
    hostile = dataclasses.replace(
        view, frame=view.frame.with_columns(pl.lit('=HYPERLINK("http://127.0.0.1:9/";"x")').alias(text_column.key))
    )
    lines = view_to_csv(hostile, "vi").decode("utf-8-sig").splitlines()
    assert lines[1].split(",")[index].startswith("\"'=HYPERLINK(")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Bát Xát", "Bát Xát"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_that_looks_like_a_formula_gets_an_apostrophe_cell_by_cell_and_by_column(text, written):
    from lc_metrics.core.formatting import safe_text, safe_text_column

    assert safe_text(text) == written
    column = pl.DataFrame({"t": [text, None]}).with_columns(safe_text_column(pl.col("t")))["t"]
    assert column.to_list() == [written, None]


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        # (kind sizes in order found) → (listed, more) per kind, errors first
        ({"unknown_district": 0}, []),
        ({"unknown_district": 5}, [(5, 0)]),
        ({"unknown_district": 6}, [(3, 3)]),
        ({"unknown_district": 4979, "appendix_missing": 2}, [(3, 4976), (2, 0)]),
        ({"appendix_missing": 7, "unknown_district": 1}, [(1, 0), (3, 4)]),
    ],
)
def test_findings_are_grouped_by_kind_big_kinds_counted(sizes, expected):
    from lc_metrics.core.findings import Finding, Location, grouped_by_kind

    severity = {"unknown_district": "error", "appendix_missing": "warning"}
    findings = [
        Finding(code, severity[code], {"n": n}, Location("a.xlsx", "PL2", 10 + n))  # type: ignore[arg-type]
        for code, count in sizes.items()
        for n in range(count)
    ]
    groups = grouped_by_kind(findings)
    assert [(g.listed, g.more) for g in groups] == expected
    assert [g.severity for g in groups] == sorted((g.severity for g in groups), key=["error", "warning"].index)
    assert sorted(id(f) for g in groups for f in g.findings) == sorted(id(f) for f in findings)
    for group in groups:  # the first ones found are listed, in the order found
        assert [f.params["n"] for f in group.shown] == list(range(group.listed))
