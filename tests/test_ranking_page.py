"""The ranking page through AppTest: national position, district chart, catch-up list, and the
national table upload (good table, bad table) with the national map."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import open_store
from tests.appendix_tables import page_frames
from tests.conftest import ROOT, sign_in
from tests.geo_files import province_boxes, write_geojson
from tests.kpi_cards import kpi_values
from tests.national_files import national_rows, national_workbook

APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# what a viewer reads before any national table is published: what is missing, and who provides it
NO_NATIONAL_TABLE = (
    "Chưa có bảng số liệu toàn quốc được công bố. Cán bộ cập nhật số liệu của tỉnh đăng nhập để tải bảng lên, "
    "kiểm tra và công bố tại trang này."
)


def run_ranking(staff: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if staff:
        sign_in(at, staff)
    at.switch_page("pages/ranking.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def national_uploader(at: AppTest):
    return next(u for u in at.file_uploader if u.label == "Bảng số liệu toàn quốc (.xlsx, .csv)")


def inline_rows(spec) -> list[dict]:
    """Every row of inline data in a Vega-Lite spec (layers included)."""
    if isinstance(spec, dict):
        rows = list(spec["values"]) if isinstance(spec.get("values"), list) else []
        for value in spec.values():
            rows += inline_rows(value)
        for dataset in spec.get("datasets", {}).values() if isinstance(spec.get("datasets"), dict) else []:
            rows += dataset
        return rows
    if isinstance(spec, list):
        return [row for item in spec for row in inline_rows(item)]
    return []


def plain(markdown: str) -> str:
    """Markdown source with its backslash escapes removed: the text as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown)


def metric_values(at: AppTest) -> dict[str, str]:
    return {label: value for label, (value, _) in kpi_values(at).items()}


@pytest.mark.parametrize(
    ("page", "query", "notice"),
    [
        (
            "ranking",
            {"metric": "smartphones"},
            "Trang này không có chỉ tiêu “Số điện thoại thông minh” (ghi trong đường dẫn): trang đang hiển thị “Tỷ lệ "
            "cài đặt Bluezone trên số ĐTTM”.",
        ),
        (
            "ranking",
            {"metric": "scans_per_point"},
            "Báo cáo này không có đủ số liệu “Lượt quét bình quân mỗi điểm” theo từng địa phương (chỉ tiêu ghi trong "
            "đường dẫn): trang đang hiển thị “Tỷ lệ cài đặt Bluezone trên số ĐTTM”.",
        ),
        (
            "history",
            {"metric": "scans_per_point", "lang": "en"},
            "This page does not show “Scans per point” (the indicator named in the link): it shows “Bluezone installs "
            "per smartphone”.",
        ),
    ],
    ids=["ranking-not-ranked", "ranking-without-figures", "history-english"],
)
def test_a_link_naming_an_indicator_the_page_cannot_show_says_so(store_file, boundary_env, page, query, notice):
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.warning if w.proto.icon == ":material/link_off:"] == [notice]
    assert at.selectbox[0].value == "coverage_pct"


def test_national_position_and_district_chart(store_file, boundary_env):
    at = run_ranking()
    values = metric_values(at)
    assert values["Xếp hạng toàn quốc"] == "24/63"
    assert values["Số tỉnh, thành phố xếp sau Lào Cai"] == "39/62 (62,90%)"  # 63 − 24 of the 62 others
    assert values["Tỷ lệ trên dân số"] == "18,54%"
    bars, ticks, title = district_chart(at)
    assert title == "Tỷ lệ cài đặt Bluezone trên số ĐTTM"
    assert bars["Mường Khương"] == "16,11%" and bars["TP Lào Cai"] == "35,13%"  # the city, not the province
    assert list(bars)[0] == "TP Lào Cai" and list(bars)[-1] == "Mường Khương"  # best first, from the dispatch
    assert ticks == ["0%", "10%", "20%", "30%", "40%"]
    assert not at.get("vega_lite_chart")  # one report: no rank history, and the districts are HTML
    lines = " ".join(plain(m.value) for m in at.markdown)
    assert "Huyện Mường Khương: 16,11%; cần thêm 2.767 lượt cài đặt để đạt mức toàn tỉnh (23,25%)." in lines


def test_rank_change_and_history_with_a_second_snapshot(store_file, boundary_env):
    store = open_store(store_file)
    later = load_report_dir()
    later.as_of = dt.date(2021, 6, 30)
    later.province.national_rank = 20
    store.save_snapshot(later, created_by="test")
    at = run_ranking()
    assert metric_values(at)["Xếp hạng toàn quốc"] == "20/63"
    assert kpi_values(at)["Xếp hạng toàn quốc"] == ("20/63", "tăng 4 bậc")
    assert len(at.get("vega_lite_chart")) == 1  # the rank across reports (the districts are HTML)
    rank_axis = json.loads(at.get("vega_lite_chart")[0].proto.spec)["layer"][0]["encoding"]["y"]["axis"]
    assert rank_axis["tickCount"] == 5 and rank_axis["format"] == "d"  # a few whole ranks, not 0…40


def district_chart(at: AppTest) -> tuple[dict[str, str], list[str], str]:
    """The district chart as a viewer reads it: name → value text (in order), the axis ticks, the title."""
    (body,) = [h.proto.body for h in at.get("html") if "lcm-chart-title" in h.proto.body and "<figure" in h.proto.body]
    names = re.findall(r"<span class='lcm-name' title='([^']*)'>", body)
    values = re.findall(r"<span class='lcm-value[^']*'>([^<]*)</span>", body)
    ticks = re.findall(r"<span class='lcm-tick'[^>]*>([^<]*)</span>", body)
    (title,) = re.findall(r"<figcaption class='lcm-chart-title'>([^<]*)</figcaption>", body)
    return dict(zip(names, values, strict=True)), ticks, title


@pytest.mark.parametrize(
    ("metric", "ticks"),
    [
        ("coverage_pct", ["0%", "10%", "20%", "30%", "40%"]),
        ("no_scan_pct", ["0%", "20%", "40%", "60%", "80%"]),
        ("installs", ["0", "10.000", "20.000", "30.000", "40.000"]),
    ],
)
def test_value_axes_carry_their_unit_at_round_steps(store_file, boundary_env, metric, ticks):
    # round steps worked out by hand from the dispatch's largest figure of each metric (35,13%; 70,38%;
    # TP Lào Cai's 36.449 installs (appendix 1)), a percent sign only on rates
    assert district_chart(run_ranking(metric=metric))[1] == ticks


def test_no_scan_ranking_lists_the_districts_above_the_threshold(store_file, boundary_env):
    at = run_ranking(metric="no_scan_pct")
    (listing,) = [plain(m.value) for m in at.markdown if "điểm có ghi nhận vào ra" in m.value]  # one element
    items = [line for line in listing.splitlines() if line.startswith("- ")]
    assert len(items) == 8 and any("Huyện Văn Bàn: 50,34%; cần thêm 3 điểm" in i for i in items)


def test_another_metric_lists_its_own_districts_in_the_same_session(store_file, boundary_env):
    """The catch-up list is kept per report, metric and language (view.derived): after the coverage list, the
    no-scan list of the same report in the same session, then the coverage list again, each from the dispatch."""
    at = run_ranking()
    coverage = "Huyện Mường Khương: 16,11%; cần thêm 2.767 lượt cài đặt để đạt mức toàn tỉnh (23,25%)."
    assert coverage in " ".join(plain(m.value) for m in at.markdown)
    at.selectbox[0].select("no_scan_pct").run()
    lines = " ".join(plain(m.value) for m in at.markdown)
    assert "Huyện Văn Bàn: 50,34%; cần thêm 3 điểm" in lines and coverage not in lines
    at.selectbox[0].select("coverage_pct").run()
    assert coverage in " ".join(plain(m.value) for m in at.markdown)


def assert_national_map(at: AppTest) -> None:
    assert any("Theo bảng số liệu toàn quốc, Lào Cai đứng thứ 24/63 (18,54%)." in plain(m.value) for m in at.markdown)
    assert any("Hà Tây (đã sáp nhập) được gộp vào Hà Nội." in plain(i.value) for i in at.info)
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    units = next(layer for layer in deck["layers"] if layer["id"] == "units")
    features = units["data"]["features"]
    assert len(features) == 63
    lao_cai = next(f for f in features if f["properties"]["code"] == "10")
    assert lao_cai["properties"]["line_width"] == 3 and lao_cai["properties"]["value_text"] == "18,54%"
    labels = next(layer for layer in deck["layers"] if layer["id"] == "labels")
    assert [d["code"] for d in labels["data"]] == ["10"]


def test_viewers_cannot_upload_a_national_table(store_file, boundary_env, staff_secrets):
    at = run_ranking()
    assert not at.file_uploader
    assert any(i.value == NO_NATIONAL_TABLE for i in at.info)
    # before any target is set, the targets' section says who sets them and where, and what it will show
    assert (
        "Chưa đặt mục tiêu nào. Quản trị viên đặt mục tiêu tại trang Quản trị; khi đã đặt, mục này cho biết tiến độ, "
        "thời điểm dự kiến đạt và phần mỗi đơn vị còn thiếu."
    ) in [c.value for c in at.caption]


def test_an_uploader_previews_and_publishes_and_every_viewer_sees_it(
    store_file, boundary_env, staff_secrets, tmp_path, monkeypatch
):
    monkeypatch.setenv(
        "LCM_PROVINCE_BOUNDARIES", str(write_geojson(province_boxes(extra=["Hà Tây"]), tmp_path / "provinces.geojson"))
    )
    at = run_ranking(staff="capnhat")
    national_uploader(at).upload("toan_quoc.xlsx", national_workbook(numbers_as_text=True), XLSX).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert any("Xem trước" in m.value for m in at.markdown)
    assert_national_map(at)  # the preview
    assert open_store(store_file, seed=False).current_national_table() is None  # nothing published yet
    next(b for b in at.button if b.label == "Công bố bảng toàn quốc").click().run()
    published = open_store(store_file, seed=False).current_national_table()
    assert published["filename"] == "toan_quoc.xlsx" and published["published_by"] == "capnhat"

    viewer = run_ranking()
    assert not viewer.file_uploader
    assert_national_map(viewer)
    source = next(c.value for c in viewer.caption if "do capnhat công bố lúc" in c.value)
    local = dt.datetime.fromisoformat(published["published_at"]).astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert f"{local:%H:%M} ngày {local.day}/{local.month}/{local.year}" in source  # Vietnam time, not UTC

    at = run_ranking(staff="capnhat")
    next(b for b in at.button if b.label == "Gỡ bảng toàn quốc đang công bố").click().run()
    assert open_store(store_file, seed=False).current_national_table() is None
    assert any(i.value == NO_NATIONAL_TABLE for i in run_ranking().info)
    actions = [e["action"] for e in open_store(store_file, seed=False).audit_entries() if "national" in e["action"]]
    assert actions == ["national_table_withdrawn", "national_table_published"]


def test_national_upload_with_errors_is_refused_with_row_and_column(store_file, boundary_env, staff_secrets):
    rows = national_rows()
    rows[0]["installs"] = "N/A"
    at = run_ranking(staff="capnhat")
    national_uploader(at).upload(
        "toan_quoc.xlsx", national_workbook(rows, extra_rows=[[64, "Hà Tây", 5, 10, None]]), XLSX
    ).run()
    errors = [plain(e.value) for e in at.error]
    assert errors[0] == "Bảng chưa dùng được: sửa các lỗi dưới đây rồi tải lên lại."
    assert any(
        "toan_quoc.xlsx, trang “Bluezone 63 tỉnh”, dòng 4, cột C" in e and "“N/A” không phải là số" in e for e in errors
    )
    assert any("“Hà Tây” đã hợp nhất vào Hà Nội từ năm 2008" in e for e in errors)
    assert not at.get("deck_gl_json_chart")
    assert not [b for b in at.button if b.label == "Công bố bảng toàn quốc"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bang.xlsx", b"PK\x03\x04 not a workbook", "không phải bảng tính Excel hợp lệ"),
        ("bang.csv", "Huyện;Số\nBát Xát;1\n".encode(), "không tìm thấy bảng có cột tỉnh, thành phố"),
    ],
)
def test_unusable_national_files(store_file, boundary_env, staff_secrets, name, data, message):
    at = run_ranking(staff="capnhat")
    national_uploader(at).upload(name, data, "application/octet-stream").run()
    assert any(message in plain(e.value) for e in at.error)


def test_the_rank_matrix_is_drawn_when_its_panel_opens(store_file, boundary_env):
    at = run_ranking()
    tables = len(page_frames(at))
    at.session_state["rank_matrix_panel"] = True  # what a click on the folded panel sends
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(page_frames(at)) == tables + 1
    matrix = page_frames(at)[-1]
    assert "Huyện Văn Bàn" in matrix.iloc[:, 0].tolist() and len(matrix) == 9
