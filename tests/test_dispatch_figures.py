"""Every figure the dispatch prints, reproduced from the embedded data at its printed precision."""

from __future__ import annotations

import pytest

from lc_metrics.core.formatting import format_number, format_pct, format_rate
from lc_metrics.metrics.indicators import district_metrics, province_metrics
from lc_metrics.store.snapshot import load_report_dir


@pytest.fixture(scope="module")
def report():
    snapshot = load_report_dir()
    districts = district_metrics(snapshot)
    return (
        snapshot,
        {r["short_name"]: r for r in districts.iter_rows(named=True)},
        province_metrics(snapshot, districts),
    )


# Appendix 1: installs, smartphones, rate (%) at one decimal, exactly as printed.
APPENDIX_1 = [
    ("Bát Xát", "11.460", "58.776", "19,5"),
    ("Bảo Thắng", "18.059", "76.179", "23,7"),
    ("Bảo Yên", "12.112", "56.449", "21,5"),
    ("Bắc Hà", "7.964", "40.457", "19,7"),
    ("Mường Khương", "6.243", "38.757", "16,1"),
    ("Si Ma Cai", "3.526", "21.019", "16,8"),
    ("Văn Bàn", "11.495", "60.792", "18,9"),
    ("Lào Cai", "36.449", "103.764", "35,1"),
    ("Sa Pa", "13.361", "51.833", "25,8"),
]

# Appendix 2: points, no-scan points, no-scan rate (%) at two decimals.
APPENDIX_2 = [
    ("Bát Xát", "794", "465", "58,56"),
    ("Mường Khương", "692", "487", "70,38"),
    ("Si Ma Cai", "401", "176", "43,89"),
    ("Bắc Hà", "435", "276", "63,45"),
    ("Bảo Thắng", "1.512", "805", "53,24"),
    ("Bảo Yên", "576", "292", "50,69"),
    ("Sa Pa", "649", "330", "50,85"),
    ("Văn Bàn", "745", "375", "50,34"),
    ("Lào Cai", "2.071", "1.209", "58,38"),
]

# Appendix 3: public-venue and state-agency points; Văn Bàn did not report (None, not 0).
APPENDIX_3 = [
    ("Bát Xát", "71", "74"),
    ("Mường Khương", "493", "72"),
    ("Si Ma Cai", "39", "25"),
    ("Bắc Hà", "0", "35"),
    ("Bảo Thắng", "0", "24"),
    ("Bảo Yên", "106", "46"),
    ("Sa Pa", "0", "38"),
    ("Văn Bàn", None, None),
    ("Lào Cai", "0", "41"),
]


@pytest.mark.parametrize(("district", "installs", "smartphones", "rate"), APPENDIX_1)
def test_appendix_1(report, district, installs, smartphones, rate):
    row = report[1][district]
    assert format_number(row["installs"]) == installs
    assert format_number(row["smartphones"]) == smartphones
    assert format_rate(row["coverage_pct"], 1) == rate


@pytest.mark.parametrize(("district", "points", "no_scan", "rate"), APPENDIX_2)
def test_appendix_2(report, district, points, no_scan, rate):
    row = report[1][district]
    assert format_number(row["qr_points"]) == points
    assert format_number(row["qr_points_no_scan"]) == no_scan
    assert format_rate(row["no_scan_pct"], 2) == rate


@pytest.mark.parametrize(("district", "public", "state"), APPENDIX_3)
def test_appendix_3(report, district, public, state):
    row = report[1][district]
    if public is None:
        assert row["public_points"] is None and row["state_points"] is None and not row["categories_reported"]
    else:
        assert (format_number(row["public_points"]), format_number(row["state_points"])) == (public, state)


@pytest.mark.parametrize(
    ("key", "formatter", "expected"),
    [
        ("installs", lambda v: format_number(v), "135.445"),
        ("smartphones", lambda v: format_number(v), "582.671"),
        ("coverage_pct", lambda v: format_rate(v, 1), "23,3"),  # appendix 1, province row
        ("coverage_pct", lambda v: format_pct(v, 2), "23,25%"),  # body text
        ("population_pct", lambda v: format_pct(v, 2), "18,54%"),
        ("qr_points", lambda v: format_number(v), "7.875"),
        ("qr_points_no_scan", lambda v: format_number(v), "4.415"),
        ("scans_total", lambda v: format_number(v), "313.776"),
        ("scans_per_point", lambda v: format_number(v), "40"),  # "trung bình 40 lượt cho mỗi địa điểm"
        ("no_scan_pct", lambda v: format_pct(v, 2), "56,06%"),
        ("unattributed_installs", lambda v: format_number(v), "14.776"),
    ],
)
def test_province_figures(report, key, formatter, expected):
    assert formatter(report[2][key]) == expected


def test_national_rank(report):
    assert (report[2]["national_rank"], report[2]["provinces_total"]) == (24, 63)


def test_district_sums_differ_from_province_totals(report):
    province = report[2]
    assert province["installs_district_sum"] == 120669
    assert province["smartphones_district_sum"] == 508026
    assert province["qr_points_district_sum"] == province["qr_points"] == 7875
    assert province["qr_points_no_scan_district_sum"] == province["qr_points_no_scan"] == 4415


def test_embedded_appendices_match_the_dispatch_text(seed_text):
    """The CSV transcription holds exactly the rows of the dispatch (cell by cell)."""
    import csv

    from lc_metrics.store.snapshot import DEFAULT_REPORT_DIR

    dispatch_rows = {
        tuple(c.replace("<b>", "").replace("</b>", "").strip() for c in line.split("\t"))
        for line in seed_text.splitlines()
        if "\t" in line
    }
    dispatch_rows = {tuple(c.replace("<i>", "").replace("</i>", "") for c in row) for row in dispatch_rows}
    for name in ("appendix1_bluezone.csv", "appendix2_qr_points.csv", "appendix3_qr_categories.csv"):
        with (DEFAULT_REPORT_DIR / name).open(encoding="utf-8") as handle:
            table_rows = [tuple(r) for r in csv.reader(handle) if len(r) > 1]
        for row in table_rows:
            assert row in dispatch_rows, f"{name}: {row} is not a row of the dispatch"


def test_embedded_report_checksum_matches_the_dispatch(seed_text):
    import hashlib
    import tomllib

    from lc_metrics.store.snapshot import DEFAULT_REPORT_DIR

    meta = tomllib.loads((DEFAULT_REPORT_DIR / "report.toml").read_text(encoding="utf-8"))
    assert hashlib.sha256(seed_text.encode("utf-8")).hexdigest() == meta["provenance"]["source_sha256"]
    for key in ("installs", "population_pct", "coverage_pct"):
        assert meta["printed_in_text"][key] in seed_text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Lượt quét bình quân mỗi điểm toàn tỉnh ghi trong lời văn là 40: đó là 39,84 làm tròn đến hàng đơn vị."),
        ("en", "Scans per point in the province, written in the text as 40, is 39.84 rounded to a whole number."),
    ],
)
def test_the_dispatch_s_forty_scans_a_point_is_traced_to_the_figure_shown(seed_text, lang, expected):
    """The dispatch's text says "trung bình 40 lượt cho mỗi địa điểm"; the pages show 313.776 / 7.875 = 39,84 (worked
    out here by hand). Every figure the dispatch prints can be found: the quality notes say where the 40 comes from."""
    from lc_metrics.publish.briefing import build_briefing
    from lc_metrics.store.snapshot import load_report_dir

    assert "trung bình 40 lượt cho mỗi địa điểm" in seed_text
    assert f"{313_776 / 7_875:.2f}" == "39.84"
    lines = build_briefing(load_report_dir()).quality_lines(lang, with_location=False)
    assert any(line.endswith(expected) for line in lines), lines


def test_the_english_notes_name_districts_in_english():
    """The note "Appendix 2 – Huyện Bảo Thắng: …" stood among English notes that otherwise say "Bảo Thắng
    District": a row's label quoted from the file is named in English when it is a district's name."""
    from lc_metrics.publish.briefing import build_briefing
    from lc_metrics.store.snapshot import load_report_dir

    lines = build_briefing(load_report_dir()).quality_lines("en", with_location=False)
    assert lines[0].startswith("Appendix 2 – Bảo Thắng District: the count is printed “1,512”"), lines
    assert not [line for line in lines if "Huyện" in line or "Thành phố" in line], lines
