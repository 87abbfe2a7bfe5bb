"""What an official signs under: no change said as "không đổi" (never a bare "0" or "tăng 0"), a missing
figure said in words (never "— dân số"), a figure the previous report had and an upload drops warned
about before publishing, and the app's own tables page (its CSV and its workbook) read back with its
derived columns (rank, rates) left out with a note, "Bỏ qua cột này" first in the mapping step.

Expected texts are written by hand from the dispatch of June 2021 (135.445 installs, 18,54% of the
population, 24/63 nationally)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lc_app.kpi_html import KpiCard, kpi_grid_html
from lc_metrics.core.messages import describe_finding
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.metrics.indicators import district_metrics, province_metrics
from lc_metrics.publish.appendix_views import appendix_views, view_to_csv
from lc_metrics.publish.kpis import kpi_texts
from lc_metrics.publish.narrative import narrative
from lc_metrics.publish.report_xlsx import report_xlsx
from lc_metrics.publish.status import status_tiles
from lc_metrics.reading.layouts import COLUMN_CHOICES
from tests.test_import import june_with
from tests.workbooks import JUNE

KPIS = ("installs", "population_pct", "coverage_pct", "national_rank", "qr_points", "no_scan_pct")


def test_no_change_is_said_as_such_on_the_cards_and_the_badges():
    province = province_metrics(JUNE)
    texts = {k.key: k for k in kpi_texts(province, province, "vi", KPIS)}
    assert {k: v.delta for k, v in texts.items()} == dict.fromkeys(KPIS, "không đổi")
    assert {v.direction for v in texts.values()} == {0} and {v.good for v in texts.values()} == {None}
    english = kpi_texts(province, province, "en", KPIS)
    assert {k.delta for k in english} == {"unchanged"}
    html = kpi_grid_html([[KpiCard(texts["installs"])]], "t", "Các chỉ tiêu", "{label}")
    assert '<span class="lcm-kpi-delta lcm-kpi-neutral" data-testid="lcm-kpi-delta">không đổi</span>' in html
    assert "↑" not in html and "↓" not in html


def test_a_change_that_rounds_to_nothing_is_no_change_but_a_small_one_is_shown():
    province = province_metrics(JUNE)
    moved = {**province, "installs": province["installs"] + 1, "coverage_pct": province["coverage_pct"] + 0.004}
    texts = {k.key: k.delta for k in kpi_texts(moved, province, "vi", ("installs", "coverage_pct"))}
    assert texts == {"installs": "+1", "coverage_pct": "không đổi"}


def test_a_missing_figure_is_said_in_words_on_the_card_and_the_first_tile():
    province = {**province_metrics(JUNE), "population_pct": None}
    card = next(k for k in kpi_texts(province, None, "vi", KPIS) if k.key == "population_pct")
    assert (card.value, card.missing) == ("chưa có số liệu", True)
    assert next(k for k in kpi_texts(province, None, "en", KPIS) if k.key == "population_pct").value == "no figure"
    html = kpi_grid_html([[KpiCard(card)]], "t", "Các chỉ tiêu", "{label}")
    assert '<div class="lcm-kpi-value lcm-kpi-missing" data-testid="lcm-kpi-value">chưa có số liệu</div>' in html
    tiles = status_tiles(province, district_metrics(JUNE), None, None, "vi")
    assert tiles[0].context == "xếp thứ 24/63 toàn quốc; chưa có tỷ lệ trên dân số"
    assert "—" not in tiles[0].context
    with_population = status_tiles(province_metrics(JUNE), district_metrics(JUNE), None, None, "vi")
    assert with_population[0].context == "xếp thứ 24/63 toàn quốc; 18,54% dân số"


def test_the_drafted_paragraph_says_unchanged_never_up_by_zero():
    province = province_metrics(JUNE)
    text = narrative(JUNE.as_of, province, district_metrics(JUNE), "vi", province, dt.date(2021, 6, 16))
    assert (
        "; so với kỳ báo cáo ngày 16/6/2021, số máy cài đặt không đổi và tỷ lệ trên số điện thoại thông minh "
        "không đổi." in text
    )
    assert "tăng 0" not in text
    english = narrative(JUNE.as_of, province, district_metrics(JUNE), "en", province, dt.date(2021, 6, 16))
    assert "against the report of 16 Jun 2021: installs unchanged and the smartphone rate unchanged." in english
    more = {**province, "installs": province["installs"] + 1_234}
    assert "số máy cài đặt tăng 1.234" in narrative(
        JUNE.as_of, more, district_metrics(JUNE), "vi", province, dt.date(2021, 6, 16)
    )


# --- an upload that drops a figure the previous report had
def population_csv(with_population: bool) -> bytes:
    """Appendix 1 as a clerk types it, with or without the population column (figures of June 2021; the
    populations are round figures of the right size, the test needs only that they are there)."""
    header = "Địa phương,Tổng số cài đặt Bluezone,Tổng điện thoại thông minh" + (",Dân số" if with_population else "")
    rows = [header]
    for row in JUNE.bluezone.iter_rows(named=True):
        if row["installs"] is None:
            continue
        from lc_metrics.core.districts import district_by_code

        cells = [district_by_code(row["code"]).name, str(row["installs"]), str(row["smartphones"])]
        rows.append(",".join(cells + (["80000"] if with_population else [])))
    rows.append("Số liệu tính đến ngày 30/6/2021")
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_an_upload_without_the_population_the_previous_report_had_is_warned_before_publishing():
    before = read_upload([UploadedFile("pl1.csv", population_csv(True))], as_of=dt.date(2021, 6, 23))
    assert before.snapshot is not None and not before.errors, [describe_finding(f) for f in before.errors]
    districts = before.snapshot.bluezone["population"].drop_nulls().len()
    assert districts == 9
    after = read_upload([UploadedFile("pl1.csv", population_csv(False))], previous=before.snapshot)
    dropped = [describe_finding(f) for f in after.warnings if f.code == "figure_dropped"]
    assert dropped == [
        "Báo cáo kỳ trước (ngày 23/6/2021) có dân số của 9 địa phương; các tệp tải lên lần này không có: "
        "chỉ tiêu “Tỷ lệ trên dân số” sẽ không được hiển thị trong báo cáo mới."
    ]
    assert [describe_finding(f, "en") for f in after.warnings if f.code == "figure_dropped"] == [
        "The previous report (23 Jun 2021) had population for 9 districts; the files uploaded now have none: "
        "“Share of population” will not be shown in the new report."
    ]
    kept = read_upload([UploadedFile("pl1.csv", population_csv(True))], previous=before.snapshot)
    assert not [f for f in kept.findings if f.code == "figure_dropped"]


def test_the_province_share_of_population_left_out_of_the_notes_is_warned_too():
    result = read_upload([UploadedFile("a.xlsx", june_with(totals={"population_pct": None}))], previous=JUNE)
    assert [describe_finding(f) for f in result.warnings if f.code == "figure_dropped"] == [
        "Báo cáo kỳ trước (ngày 23/6/2021) có tỷ lệ trên dân số của toàn tỉnh (18,54%); các tệp tải lên lần này "
        "không có: chỉ tiêu “Tỷ lệ trên dân số” sẽ không được hiển thị trong báo cáo mới."
    ]
    same = read_upload([UploadedFile("a.xlsx", june_with())], previous=JUNE)
    assert not [f for f in same.findings if f.code == "figure_dropped"]


# --- the app's own tables page, downloaded and uploaded back
def test_the_tables_pages_csv_files_are_read_back_with_their_rank_left_out():
    views = appendix_views(JUNE, district_metrics(JUNE), "vi")
    files = [UploadedFile(f"{view.key}.csv", view_to_csv(view, "vi")) for view in views]
    assert "Xếp hạng" in files[0].data.decode("utf-8-sig").splitlines()[0]
    result = read_upload(files, previous=JUNE, as_of=dt.date(2021, 6, 30))  # the CSV has no date line
    assert not result.errors, [describe_finding(f) for f in result.errors]
    notes = [describe_finding(f) for f in result.findings if f.code == "columns_ignored"]
    assert (
        "appendix1.csv, dòng 1: Các cột được nhận ra và bỏ qua (không lấy số liệu): "
        "E (Xếp hạng: thứ hạng, tính ra từ số liệu)." in notes
    )
    assert any("G (Xếp hạng: thứ hạng, tính ra từ số liệu)" in n for n in notes)
    assert result.snapshot is not None
    assert result.snapshot.bluezone.filter(result.snapshot.bluezone["code"] == "082")["installs"].item() == 11_460


def test_the_tables_pages_workbook_is_read_back_once_with_its_metrics_sheet_left_out():
    workbook = report_xlsx(JUNE, district_metrics(JUNE), "vi")
    result = read_upload([UploadedFile("bao_cao.xlsx", workbook)], previous=JUNE)
    assert not result.errors, [describe_finding(f) for f in result.errors]
    repeated = [describe_finding(f) for f in result.findings if f.code == "appendix_repeated"]
    assert len(repeated) == 3 and repeated[0].startswith(
        "bao_cao.xlsx, trang “Chỉ số tính toán”, dòng 1: Phụ lục 1 (Bluezone) ở đây lặp lại đúng số liệu đã đọc ở "
        "bao_cao.xlsx / Phụ lục 1"
    )
    assert result.snapshot is not None and result.snapshot.province.installs == 135_445


def test_a_sheet_with_other_figures_for_the_same_appendix_is_still_refused():
    """Read once only when the figures are the same: two different tables of one appendix stay an error."""
    views = appendix_views(JUNE, district_metrics(JUNE), "vi")
    first = view_to_csv(views[0], "vi")
    second = first.replace(b"11460", b"11999")
    result = read_upload([UploadedFile("a.csv", first), UploadedFile("b.csv", second)], previous=JUNE)
    assert [f.code for f in result.errors] == ["appendix_twice"]


@pytest.mark.parametrize("header", ["Xếp hạng", "XEP HANG", "Thứ hạng", "Rank", "Xếp hạng tỷ lệ cài đặt", "Hạng"])
def test_a_rank_column_is_derived_data(header):
    from lc_metrics.reading.vocabulary import match_header

    match = match_header(header)
    assert match is not None and match.field == "rank" and match.ignored


@pytest.mark.parametrize("header", ["Số điểm nhà hàng, quán ăn", "Điểm cửa hàng"])
def test_a_shop_or_restaurant_is_not_a_rank(header):
    from lc_metrics.reading.vocabulary import match_header

    match = match_header(header)
    assert match is None or match.field != "rank"


def test_skipping_a_column_is_the_first_choice_of_the_mapping_step():
    assert COLUMN_CHOICES[0] == "ignore" and COLUMN_CHOICES.count("ignore") == 1


def test_the_mapping_preview_writes_the_first_values_as_an_official_does():
    """The issue's "19.5, 23.7" and "57.8" (read as 578) beside "11.460": the same formatter for all."""
    views = appendix_views(JUNE, district_metrics(JUNE), "vi")
    result = read_upload([UploadedFile("a.csv", view_to_csv(views[0], "vi"))], previous=JUNE)
    from lc_metrics.core.formatting import format_values

    samples = {c.header: format_values(c.samples, "vi") for b in result.blocks for c in b.columns}
    assert samples["Tổng số cài đặt Bluezone"] == "11.460; 18.059; 12.112"
    assert samples["Tỷ lệ (%)"] == "19,5; 23,71; 21,46"
    assert samples["Xếp hạng"] == "6; 3; 4"
    english = {c.header: format_values(c.samples, "en") for b in result.blocks for c in b.columns}
    assert english["Tổng số cài đặt Bluezone"] == "11,460; 18,059; 12,112"
    assert english["Tỷ lệ (%)"] == "19.5; 23.71; 21.46"


def test_a_column_not_understood_names_its_values_in_the_convention_and_the_mapping_first():
    text = "Địa phương,Tổng số cài đặt Bluezone,Tổng điện thoại thông minh,Chỉ số X\n"
    text += "Huyện Bát Xát,11460,58776,57.8\nHuyện Bảo Thắng,18059,76179,1234.5\n"
    result = read_upload([UploadedFile("x.csv", text.encode())], previous=JUNE)
    (error,) = [f for f in result.errors if f.code == "column_not_understood"]
    assert describe_finding(error, with_location=False, with_appendix=False) == (
        "không hiểu cột này: tiêu đề “Chỉ số X” không cho biết đây là chỉ tiêu nào (số liệu: 57,8; 1.234,5). "
        "Chọn chỉ tiêu của cột, hoặc “Bỏ qua cột này”, ở bước “Đối chiếu cột” (không phải sửa tệp); hoặc đổi "
        "tiêu đề theo tệp mẫu."
    )
    assert dataclasses.asdict(error)["params"]["samples"] == [57.8, 1234.5]
