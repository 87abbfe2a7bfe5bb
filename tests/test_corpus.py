"""The reader on a corpus of clerk-typed reports (tests/corpus.py): every variant is read exactly as
the generator wrote it, or refused with a message naming where the problem is. Nothing in between:
a variant that is neither read exactly nor refused fails."""

from __future__ import annotations

import random

import polars as pl
import pytest

from lc_metrics.core.messages import describe_finding
from lc_metrics.intake.importer import UploadedFile, read_upload
from tests.corpus import CODES, KIND_FIELDS, Variant, expected, files_of

V = Variant
VARIANTS: list[Variant] = [
    # letterheads, signature blocks, cover-letter references, footnotes
    V("letterhead_and_signature", "letterhead", {"letterhead": True, "signature": True}),
    V("cover_letter_reference_other_date", "letterhead", {"cover_ref": True, "signature": True}, seed=2),
    V("letterhead_caps_headers", "letterhead", {"letterhead": True, "headers": "caps"}, seed=3),
    V("signature_dates_in_words", "letterhead", {"signature": True, "as_of": "words"}, seed=4),
    V("unit_line_above_header", "letterhead", {"unit_line": True}, seed=5),
    V("footnote_beside_the_table", "letterhead", {"as_of": "none", "footnote_beside": True}, seed=6),
    V("letterhead_above_a_label_column", "letterhead", {"letterhead": True, "stt": False}, seed=7),
    V("instructions_sheet_listing_districts", "letterhead", {"instructions_sheet": True}, seed=8),
    # header wording and structure
    V("headers_in_capitals", "headers", {"headers": "caps", "names": "caps", "total_label": "TỔNG CỘNG"}),
    V(
        "headers_without_diacritics",
        "headers",
        {"headers": "ascii", "names": "ascii", "total_label": "Toan tinh"},
        seed=2,
    ),
    V(
        "headers_abbreviated",
        "headers",
        {"headers": "abbrev", "names": "short_prefix", "total_label": "Toàn tỉnh"},
        seed=3,
    ),
    V("headers_reworded", "headers", {"headers": "reworded"}, seed=4),
    V("header_over_two_rows_merged", "headers", {"two_row_header": True}, seed=5),
    V("combined_table_all_appendices", "headers", {"combined": True}, seed=6),
    V("column_numbering_row", "headers", {"numbering_row": True}, seed=7),
    V("extra_columns_unit_remarks", "headers", {"extras": ("unit", "remarks")}, seed=8),
    V("extra_columns_change_population", "headers", {"extras": ("change", "population")}, seed=9),
    V("code_column_numbers", "headers", {"code_column": "int"}, seed=10),
    V("code_column_text", "headers", {"code_column": "text"}, seed=11),
    V(
        "combined_abbreviated_two_periods",
        "headers",
        {"combined": True, "headers": "abbrev", "periods": "labelled"},
        seed=12,
    ),
    # several periods side by side
    V("previous_and_current_labelled", "periods", {"periods": "labelled"}),
    V("previous_and_current_dated", "periods", {"periods": "dated"}, seed=2),
    V("previous_period_hidden", "periods", {"periods": "labelled", "hidden_previous": True}, seed=3),
    V(
        "two_periods_unlabelled",
        "periods",
        {"periods": "unlabelled"},
        seed=4,
        refusal="field_in_several_columns",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "cột", "Kỳ này"),
    ),
    # hierarchical tables
    V("communes_under_districts", "hierarchy", {"hierarchy": "communes"}),
    V("district_headers_communes_subtotals", "hierarchy", {"hierarchy": "header_rows"}, seed=2),
    V("group_subtotals_and_total", "hierarchy", {"hierarchy": "groups"}, seed=3),
    V("town_with_its_district_name", "hierarchy", {"hierarchy": "same_name"}, seed=4),
    V("total_row_first", "hierarchy", {"total_first": True}, seed=5),
    V("communes_in_combined_table", "hierarchy", {"hierarchy": "communes", "combined": True}, seed=6),
    V("header_repeated_on_each_page", "hierarchy", {"page_breaks": True}, seed=7),
    V("province_written_lao_cai_beside_the_city", "labels", {"total_label": "Lào Cai"}, seed=8),
    V("three_row_header_period_group_leaf", "headers", {"combined": True, "group_header": True}, seed=13),
    V("two_tables_side_by_side", "headers", {"side_by_side": "aligned", "notes_above": False}, seed=14),
    V(
        "two_tables_side_by_side_other_order",
        "refusals",
        {"side_by_side": "misaligned", "notes_above": False},
        seed=15,
        refusal="label_columns_disagree",
        must_name=("bao_cao.xlsx", "trang “PL1 và PL2”", "dòng", "cột"),
    ),
    V(
        "list_of_points_instead_of_an_appendix",
        "refusals",
        {"point_list": True},
        seed=16,
        refusal="many_rows_per_district",
        must_name=("bao_cao.xlsx", "Danh sách điểm", "dòng", "danh sách chi tiết"),
    ),
    V(
        "typed_with_a_tcvn3_font",
        "refusals",
        {"tcvn3": True},
        seed=18,
        refusal="file_damaged_text",
        must_name=("bao_cao.xlsx", "TCVN3", "Unicode"),
    ),
    V(
        "two_rows_per_district_for_two_periods",
        "refusals",
        {"period_rows": True},
        seed=19,
        refusal="row_without_district",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "cột B"),
    ),
    V(
        "figures_in_thousands",
        "refusals",
        {"unit_line": "Đơn vị tính: nghìn máy"},
        seed=20,
        refusal="figures_in_thousands",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "nghìn"),
    ),
    V(
        "only_a_date_without_context",
        "as_of",
        {"as_of": "plain"},
        seed=21,
        refusal="as_of_missing",
        must_name=("không rõ là ngày gì",),
    ),
    V(
        "header_that_may_name_a_field",
        "refusals",
        {"headers": "unsure"},
        seed=17,
        refusal="column_unsure",
        must_name=("bao_cao.xlsx", "trang “PL3”", "dòng", "cột D (Cơ quan, đơn vị)", "Đối chiếu cột"),
    ),
    # district labels
    V("labels_code_first", "labels", {"names": "code_first"}),
    V("labels_code_in_brackets", "labels", {"names": "code_last"}, seed=2),
    V("labels_reporting_body", "labels", {"names": "body"}, seed=3),
    V("labels_before_2020", "labels", {"names": "pre2020"}, seed=4),
    V("labels_numbered", "labels", {"names": "numbered", "stt": False}, seed=5),
    V("rows_in_any_order", "labels", {"shuffle": True}, seed=6),
    V("labels_prefix_total_toan_tinh", "labels", {"names": "short_prefix", "total_label": "Toàn tỉnh"}, seed=7),
    # hidden rows, columns and sheets
    V("hidden_row_with_other_figures", "hidden", {"hidden_rows": True}),
    V("hidden_sheet_of_last_week", "hidden", {"hidden_sheet": True}, seed=2),
    V("hidden_previous_dated", "hidden", {"periods": "dated", "hidden_previous": True}, seed=3),
    # the as-of date however written
    V("as_of_in_words", "as_of", {"as_of": "words"}),
    V("as_of_excel_date_cell", "as_of", {"as_of": "date_cell"}, seed=2),
    V("as_of_reporting_period", "as_of", {"as_of": "period"}, seed=3),
    V("as_of_with_dashes", "as_of", {"as_of": "dashes"}, seed=4),
    V("as_of_with_dots_short_year", "as_of", {"as_of": "dots"}, seed=5),
    V(
        "as_of_beside_signing_and_cover_dates",
        "as_of",
        {"as_of": "words", "signature": True, "cover_ref": True},
        seed=6,
    ),
    V("as_of_beside_remarks_dates", "as_of", {"extras": ("remarks",)}, seed=7),
    V(
        "only_signing_date",
        "as_of",
        {"as_of": "none", "signature": True},
        seed=8,
        refusal="as_of_missing",
        must_name=("ngày ký",),
    ),
    # "not reported" written in a cell; real zeros; counts displayed without their decimals
    V("not_reported_kbc", "not_reported", {"not_reported": {"087": "bluezone"}, "not_reported_text": "KBC"}),
    V(
        "not_reported_in_words",
        "not_reported",
        {"not_reported": {"083": "qr_points"}, "not_reported_text": "chưa báo cáo"},
        seed=2,
    ),
    V(
        "not_reported_dash",
        "not_reported",
        {"not_reported": {"085": "qr_categories"}, "not_reported_text": "-"},
        seed=3,
    ),
    V("real_zero_stays_zero", "not_reported", {"zero": "082"}, seed=4),
    V("count_displayed_without_decimals", "not_reported", {"shown_rounded": True}, seed=5),
    # note lines in other wordings
    V("notes_reworded", "notes", {"notes": "reworded"}),
    V("notes_abbreviated", "notes", {"notes": "abbrev"}, seed=2),
    V("notes_below_tables", "notes", {"notes_above": False}, seed=3),
    V("no_notes", "notes", {"notes": "none"}, seed=4),
    V("notes_as_label_and_value_cells", "notes", {"notes_in_cells": True, "notes_above": False}, seed=5),
    V("province_totals_in_the_total_row", "notes", {"combined": True, "qr_total_row": True, "notes": "none"}, seed=6),
    # CSV encodings
    V("csv_utf8_bom", "csv", {"numbers": "text"}, fmt="csv", encoding="utf-8-sig"),
    V("csv_utf8_semicolon", "csv", {"delimiter": ";"}, seed=2, fmt="csv", encoding="utf-8"),
    V("csv_utf16_unicode_text", "csv", {}, seed=3, fmt="csv", encoding="utf-16"),
    V("csv_windows_1258", "csv", {"numbers": "text"}, seed=4, fmt="csv", encoding="cp1258"),
    V(
        "csv_mojibake",
        "csv",
        {},
        seed=5,
        fmt="csv",
        encoding="mojibake",
        refusal="file_damaged_text",
        must_name=("PL1.csv", "mã hóa"),
    ),
    V(
        "csv_question_marks",
        "csv",
        {},
        seed=6,
        fmt="csv",
        encoding="question_marks",
        refusal="file_damaged_text",
        must_name=("PL1.csv", "mã hóa"),
    ),
    # other workbook formats
    V("xls_dispatch_layout", "formats", {}, fmt="xls"),
    V("ods_dispatch_layout", "formats", {}, seed=2, fmt="ods"),
    V("xls_abbreviated_headers", "formats", {"headers": "abbrev", "names": "short_prefix"}, seed=3, fmt="xls"),
    V("ods_communes", "formats", {"hierarchy": "communes"}, seed=4, fmt="ods"),
    V("xls_date_cell", "formats", {"as_of": "date_cell"}, seed=5, fmt="xls"),
    V("xls_hidden_row_and_rounded_count", "formats", {"hidden_rows": True, "shown_rounded": True}, seed=6, fmt="xls"),
    V("xls_hidden_previous_period", "formats", {"periods": "labelled", "hidden_previous": True}, seed=7, fmt="xls"),
    V("ods_hidden_row", "formats", {"hidden_rows": True}, seed=8, fmt="ods"),
    V("ods_hidden_previous_period", "formats", {"periods": "dated", "hidden_previous": True}, seed=9, fmt="ods"),
    # refusals: plausibility gates
    V(
        "installs_and_smartphones_swapped",
        "refusals",
        {"swap": ("installs", "smartphones")},
        refusal="columns_swapped",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "đổi chỗ"),
    ),
    V(
        "points_and_no_scan_swapped",
        "refusals",
        {"swap": ("points", "no_scan")},
        seed=2,
        refusal="columns_swapped",
        must_name=("bao_cao.xlsx", "trang “PL2”", "dòng", "đổi chỗ"),
    ),
    V(
        "another_province_letterhead",
        "refusals",
        {"letterhead": True, "province": "YÊN BÁI"},
        seed=3,
        refusal="other_province",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng 2", "YÊN BÁI"),
    ),
    V(
        "same_appendix_twice",
        "refusals",
        {"duplicate_appendix": True},
        seed=4,
        refusal="appendix_twice",
        must_name=("bao_cao.xlsx", "PL1 (bản sao)", "dòng"),
    ),
    V(
        "unknown_numeric_column",
        "refusals",
        {"extras": ("communes_count",)},
        seed=5,
        refusal="column_not_understood",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "cột", "Số xã"),
    ),
    V(
        "formulas_never_computed",
        "refusals",
        {"formulas": True},
        seed=6,
        refusal="formula_without_value",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "cột C"),
    ),
]
VARIANTS += [
    # a district's own file under its People's Committee's letterhead (names column below the letterhead)
    V(
        "district_file_under_its_letterhead",
        "district_letterhead",
        {"single_district": "082", "hierarchy": "communes", "total_label": None, "notes": "none"},
        seed=31,
    ),
    V(
        "district_file_under_its_letterhead_no_stt",
        "district_letterhead",
        {"single_district": "088", "hierarchy": "communes", "total_label": None, "notes": "none", "stt": False},
        seed=32,
    ),
    V(
        "district_file_letterhead_csv",
        "district_letterhead",
        {"single_district": "084", "total_label": None, "notes": "none"},
        seed=33,
        fmt="csv",
    ),
    # one appendix given as not reported in all its cells: the others are read
    V(
        "appendix_typed_dashes",
        "appendix_not_reported",
        {"not_reported": {c: "qr_categories" for c in CODES}, "not_reported_text": "-"},
        seed=34,
    ),
    V(
        "appendix_typed_kbc",
        "appendix_not_reported",
        {"not_reported": {c: "qr_points" for c in CODES}, "not_reported_text": "KBC", "notes": "none"},
        seed=35,
    ),
    V(
        "appendix_typed_in_words_csv",
        "appendix_not_reported",
        {"not_reported": {c: "qr_categories" for c in CODES}, "not_reported_text": "không có báo cáo"},
        seed=36,
        fmt="csv",
    ),
    # rows hidden by an AutoFilter hold real figures: read
    V("autofilter_hides_two_districts", "filtered", {"filtered": True}, seed=37),
    V("autofilter_hides_communes", "filtered", {"filtered": True, "hierarchy": "communes"}, seed=38),
    V("autofilter_in_ods", "filtered", {"filtered": True}, seed=39, fmt="ods"),
    # a code column that disagrees with the names
    V(
        "codes_disagree_with_names_after_partial_sort",
        "codes_disagree",
        {"code_column": "int", "wrong_codes": {"084": "083", "083": "084"}},
        seed=40,
        refusal="code_column_disagrees",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "cột B (Mã ĐVHC)", "083", "Huyện Si Ma Cai", "084"),
    ),
    V(
        "codes_text_disagree_with_names",
        "codes_disagree",
        {"code_column": "text", "wrong_codes": {"080": "088"}},
        seed=41,
        fmt="csv",
        refusal="code_column_disagrees",
        must_name=("PL1.csv", "dòng", "088", "Thành phố Lào Cai", "080"),
    ),
    # names merged over two rows, figures on one of them
    V("names_merged_over_two_rows", "merged_names", {"merged_names": True}, seed=42),
    V("names_merged_over_two_rows_with_codes", "merged_names", {"merged_names": True, "code_column": "text"}, seed=43),
    # a slip in the "Huyện" prefix
    V("prefix_typos", "prefix_typos", {"names": "prefix_typo"}, seed=44),
    V("prefix_typos_combined", "prefix_typos", {"names": "prefix_typo", "combined": True}, seed=45, fmt="xls"),
    # one appendix split over two sheets by district group
    V("appendix_split_by_group", "split_by_group", {"split_by_group": True, "total_label": None}, seed=46),
    V(
        "appendix_split_by_group_ods",
        "split_by_group",
        {"split_by_group": True, "total_label": None},
        seed=47,
        fmt="ods",
    ),
    V(
        "appendix_split_with_a_district_twice",
        "split_by_group",
        {"split_by_group": "overlap", "total_label": None},
        seed=48,
        refusal="appendix_parts_disagree",
        must_name=("bao_cao.xlsx", "PL1 - huyện", "PL1 - TP, TX", "dòng", "Huyện Bát Xát"),
    ),
    # form exports: a timestamp on every row
    V("form_export_google_forms", "form_export", {"form_export": True}, seed=49),
    V("form_export_csv", "form_export", {"form_export": True}, seed=50, fmt="csv"),
    # installs without the word "Bluezone"
    V("installs_headed_may_da_cai_dat", "wording", {"headers": "installed"}, seed=51),
    V("installs_headed_luot_cai_dat", "wording", {"headers": "install_count"}, seed=52),
    # units typed in the number cells
    V("units_in_cells", "units", {"units": True}, seed=53),
    V("units_in_cells_csv", "units", {"units": True}, seed=54, fmt="csv"),
    # numbers: scientific notation, NaN, full-width digits
    V("rates_in_scientific_notation", "numbers", {"scientific": {"082": 1e-05, "083": "1.2E-05"}}, seed=55),
    V("full_width_digits", "numbers", {"full_width": "086"}, seed=56),
    V(
        "nan_in_a_count",
        "numbers",
        {"nan": ("087", "smartphones")},
        seed=57,
        refusal="not_a_number",
        must_name=("bao_cao.xlsx", "trang “PL1”", "dòng", "cột D", "Huyện Bảo Yên"),
    ),
]

TRAIT_POOL = [
    {"letterhead": True},
    {"signature": True},
    {"cover_ref": True},
    {"headers": "abbrev"},
    {"headers": "caps"},
    {"headers": "ascii"},
    {"names": "short_prefix"},
    {"names": "code_first"},
    {"names": "body"},
    {"shuffle": True},
    {"hierarchy": "communes"},
    {"total_first": True},
    {"as_of": "words"},
    {"as_of": "period"},
    {"as_of": "date_cell"},
    {"notes": "reworded"},
    {"notes": "abbrev"},
    {"numbering_row": True},
    {"extras": ("remarks", "unit")},
    {"not_reported": {"084": "bluezone"}, "not_reported_text": "KBC"},
    {"periods": "labelled"},
    {"combined": True},
    {"hidden_rows": True},
    {"numbers": "text"},
]


def _combinations(count: int) -> list[Variant]:
    rng = random.Random(2021)
    out = []
    for index in range(count):
        traits: dict = {}
        for pick in rng.sample(TRAIT_POOL, 4):
            traits.update(pick)
        if traits.get("periods") and traits.get("hierarchy"):
            traits.pop("hierarchy")
        out.append(V(f"combination_{index + 1:02d}", "combinations", traits, seed=100 + index))
    return out


VARIANTS += _combinations(16)


def test_the_empty_template_is_refused():
    from lc_metrics.reading.template import template_workbook

    result = read_upload([UploadedFile("mau.xlsx", template_workbook())])
    assert "no_figures" in [f.code for f in result.errors]
    assert result.snapshot is None


@pytest.mark.parametrize(
    ("value", "code"),
    [(10**20, "number_too_large"), (1e308, "number_too_large"), ("1e308", "not_a_number"), ("NaN", "not_a_number")],
)
def test_absurd_numbers_are_refused_naming_the_cell(value, code):
    import io

    import openpyxl

    from tests.workbooks import Layout, june_data, xlsx_workbook

    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_workbook(june_data(), Layout())))
    workbook["PL1"]["C4"] = value  # Bát Xát's installs
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_upload([UploadedFile("so_lieu.xlsx", buffer.getvalue())])
    found = [f for f in result.errors if f.code == code]
    assert found and describe_finding(found[0]).startswith(
        "so_lieu.xlsx, trang “PL1”, dòng 4, cột C (Tổng số cài đặt Bluezone): Huyện Bát Xát"
    )


def _read(variant: Variant):
    files = [UploadedFile(name, data) for name, data in files_of(variant)]
    return read_upload(files)


def _describe(result) -> list[str]:
    return [describe_finding(f) for f in result.errors]


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.refusal is None], ids=lambda v: v.name)
def test_variant_is_read_exactly(variant):
    result = _read(variant)
    assert not result.errors, _describe(result)
    snapshot = result.snapshot
    assert snapshot is not None
    want = expected(variant)
    assert snapshot.as_of == want["as_of"]
    frames = {"bluezone": snapshot.bluezone, "qr_points": snapshot.qr_points, "qr_categories": snapshot.qr_categories}
    for kind, names in KIND_FIELDS.items():
        if kind not in want:
            continue
        frame = frames[kind]
        assert sorted(frame["code"].to_list()) == sorted(want["codes"]), kind
        for code in want["codes"]:
            row = frame.filter(pl.col("code") == code).row(0, named=True)
            got = {name: row[name] for name in names}
            assert got == want[kind][code], (kind, code)
    province = snapshot.province
    for name, value in want["province"].items():
        if value is not None:
            assert getattr(province, name) == value, name


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v.refusal], ids=lambda v: v.name)
def test_variant_is_refused_naming_the_place(variant):
    result = _read(variant)
    assert result.snapshot is None or not result.can_publish(accept_warnings=True)
    codes = [f.code for f in result.errors]
    assert variant.refusal in codes, _describe(result)
    messages = [describe_finding(f) for f in result.errors if f.code == variant.refusal]
    assert any(all(word in message for word in variant.must_name) for message in messages), messages


def test_the_corpus_is_large_and_covers_every_category():
    categories = {v.category for v in VARIANTS}
    assert len(VARIANTS) >= 60
    assert {
        "letterhead",
        "headers",
        "periods",
        "hierarchy",
        "labels",
        "hidden",
        "as_of",
        "not_reported",
        "notes",
        "csv",
        "formats",
        "refusals",
        "combinations",
        "district_letterhead",
        "appendix_not_reported",
        "filtered",
        "codes_disagree",
        "merged_names",
        "prefix_typos",
        "split_by_group",
        "form_export",
        "wording",
        "units",
        "numbers",
    } <= categories
    for category in ("district_letterhead", "appendix_not_reported", "filtered", "split_by_group", "numbers"):
        assert sum(1 for v in VARIANTS if v.category == category) >= 3, category


def test_files_with_different_as_of_dates_are_refused_until_a_date_is_chosen():
    import datetime as dt

    from tests.workbooks import Layout, june_data, xlsx_workbook

    first = xlsx_workbook(june_data(), Layout(as_of_line="Số liệu tính đến ngày 23/6/2021"), kinds=("bluezone",))
    second = xlsx_workbook(
        june_data(), Layout(as_of_line="Số liệu tính đến ngày 30/6/2021"), kinds=("qr_points", "qr_categories")
    )
    files = [UploadedFile("pl1.xlsx", first), UploadedFile("pl2_3.xlsx", second)]
    result = read_upload(files)
    conflict = [f for f in result.errors if f.code == "as_of_dates_differ"]
    assert conflict and result.snapshot is None and result.as_of_in_file is None
    message = describe_finding(conflict[0])
    assert (
        "23/6/2021 (pl1.xlsx, trang “PL1”, dòng 2)" in message
        and "30/6/2021 (pl2_3.xlsx, trang “PL2”, dòng 2)" in message
    )
    chosen = read_upload(files, as_of=dt.date(2021, 6, 30))
    assert not chosen.errors and chosen.snapshot.as_of == dt.date(2021, 6, 30)
    assert "as_of_dates_differ" in {f.code for f in chosen.warnings}


def test_another_districts_file_under_its_letterhead_is_refused_as_another_districts_figures():
    """Bát Xát's own file (its letterhead above its table) sent from Si Ma Cai's account: read, so that
    the reason given is that the figures are another district's."""
    import datetime as dt

    from lc_metrics.reporting.submissions import check_submission

    variant = next(v for v in VARIANTS if v.name == "district_file_under_its_letterhead")
    ((name, data),) = files_of(variant)
    check = check_submission(UploadedFile(name, data), "084", dt.date(2021, 6, 30), None)
    codes = [f.code for f in check.findings if f.severity == "error"]
    assert "submission_other_districts" in codes and "not_an_appendix" not in codes, codes
    other = next(f for f in check.findings if f.code == "submission_other_districts")
    assert "Huyện Bát Xát" in describe_finding(other)
    own = check_submission(UploadedFile(name, data), "082", expected(variant)["as_of"], None)
    assert not [f for f in own.findings if f.severity == "error"], [describe_finding(f) for f in own.findings]


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("full_width_digits", "number_full_width", ("bao_cao.xlsx", "trang “PL1”", "dòng", "cột C", "toàn độ rộng")),
        ("autofilter_hides_two_districts", "filtered_rows_read", ("bao_cao.xlsx", "trang “PL1”", "dòng 7, 9", "lọc")),
        ("appendix_typed_dashes", "appendix_not_reported", ("bao_cao.xlsx", "trang “PL3”", "Phụ lục 3", "“-”")),
    ],
)
def test_what_is_read_unusually_is_said(name, code, words):
    result = _read(next(v for v in VARIANTS if v.name == name))
    messages = [describe_finding(f) for f in result.findings if f.code == code]
    assert any(all(word in message for word in words) for message in messages), messages


@pytest.mark.parametrize(
    ("text", "count", "rate"),
    [
        ("14.291 máy", 14291, None),
        ("794 điểm", 794, 794),
        ("23,25 %", "refused", 23.25),
        ("１４．２９１", 14291, None),
        ("1.2E-05", "refused", 0.000012),
        ("1,2E-05", "refused", 0.000012),
        ("1.4E+04", "refused", 14000),
        ("12 nghìn máy", "refused", "refused"),
        ("١٢٣", "refused", "refused"),  # digits of another script
    ],
)
def test_numbers_with_units_full_width_or_exponents(text, count, rate):
    from lc_metrics.core.numbers import NotANumberError, parse_count, parse_rate

    for parse, want in ((parse_count, count), (parse_rate, rate)):
        if want is None:
            continue
        if want == "refused":
            with pytest.raises(NotANumberError):
                parse(text)
        else:
            assert parse(text).value == pytest.approx(want), (parse.__name__, text)
