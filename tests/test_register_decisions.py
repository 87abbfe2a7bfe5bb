"""Where the points of a commune that matches nothing count, decided once: the uploader's decision is kept with the
register's layout and taken again for next week's file (the same wording, whatever its case or diacritics), the
page saying whose saved decision placed which points, and letting it be changed; a decision that cannot hold (a
commune of another district, a key without its district) is refused when a layout is read. And the date a register's
title lines say, offered when another is chosen (the register is kept under the date chosen)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.core.communes import load_communes
from lc_metrics.core.messages import describe_finding
from lc_metrics.metrics.points import appendices_by
from lc_metrics.reading.layouts import (
    LayoutError,
    TableLayout,
    layouts_from_toml,
    layouts_to_toml,
    register_commune_decisions,
    register_layout,
)
from lc_metrics.reading.register import read_register, register_header
from lc_metrics.store.store import open_store
from tests.conftest import ROOT, sign_in
from tests.registers import HEADERS, generate_register, register_csv, register_xlsx

APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MUONG_KHUONG = "083"
OWN = next(c.code for c in load_communes() if c.district_code == MUONG_KHUONG)  # a commune of Mường Khương
OTHER = next(c.code for c in load_communes() if c.district_code == "082")  # one of Bát Xát


def with_commune(data: bytes, wording: str, count: int) -> tuple[bytes, list[int]]:
    """The generator's csv with the commune of Mường Khương's first ``count`` points written ``wording``: the file
    and those rows' numbers in the sheet."""
    lines = data.decode("utf-8").split("\r\n")
    header = lines[0].split(",")
    commune_at, district_at = header.index(HEADERS["commune"]), header.index(HEADERS["district"])
    changed: list[int] = []
    for index, line in enumerate(lines[1:], start=1):
        cells = next(csv.reader([line])) if line else []
        if cells and cells[district_at] in ("Huyện Mường Khương", "Mường Khương") and len(changed) < count:
            cells[commune_at] = wording
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow(cells)
            lines[index] = buffer.getvalue()
            changed.append(index + 1)
    assert len(changed) == count
    return "\r\n".join(lines).encode("utf-8"), changed


def test_commune_decisions_round_trip_through_toml_and_the_store_newest_first(tmp_path):
    older = register_layout("tuần 1", {}, {(MUONG_KHUONG, "Xã Không Có"): "", ("082", "Xã Cũ"): OTHER})
    newer = register_layout("tuần 2", {"Định danh": "point_code"}, {(MUONG_KHUONG, "XA KHONG CO"): OWN})
    assert older.communes == {"083|xa khong co": "", "082|xa cu": OTHER}  # folded: next week's case does not matter
    assert layouts_from_toml(layouts_to_toml([older, newer])) == [older, newer]
    store = open_store(tmp_path / "store.sqlite")
    store.save_layout(older, "capnhat")
    store.save_layout(newer, "quantri")
    merged = register_commune_decisions(store.layouts("register"))
    assert {key: (code, layout.saved_by) for key, (code, layout) in merged.items()} == {
        "083|xa khong co": (OWN, "quantri"),
        "082|xa cu": (OTHER, "capnhat"),
    }
    assert store.layouts("appendix") == []


@pytest.mark.parametrize(
    ("communes", "table", "said"),
    [
        ({"083|xa khong co": OTHER}, "register", "is neither a commune code of district 083"),
        ({"083|xa khong co": "99999"}, "register", "is neither a commune code of district 083"),
        ({"xa khong co": ""}, "register", "not “district code|commune as written”"),
        ({"999|xa khong co": ""}, "register", "not “district code|commune as written”"),
        ({"083|xa khong co": ""}, "appendix", "only a register's layout decides communes"),
    ],
)
def test_a_decision_that_cannot_hold_is_refused(communes, table, said):
    with pytest.raises(LayoutError, match=said):
        TableLayout(signature="x", table=table, communes=communes)


def test_points_filed_under_the_wrong_district_are_counted_where_their_commune_is_when_so_decided():
    """Two of Mường Khương's points written "Xã A Mú Sung", a commune of Bát Xát only: refused, naming Bát Xát; the
    uploader may count them there (the points move: Bát Xát two more, Mường Khương two fewer, with their scans, as
    the generator wrote them), and the note says where; no other district's commune is a decision."""
    data, expected = generate_register(300, 9)
    rows = [dict(row) for row in expected["rows"]]
    moved = [i for i, row in enumerate(rows) if row["district"] in ("Huyện Mường Khương", "Mường Khương")][:2]
    for index in moved:
        rows[index]["commune"] = "Xã A Mú Sung"
    changed = register_csv(rows)
    refused = read_register(changed, "diem.csv")
    (finding,) = [f for f in refused.errors if f.code == "register_commune_other_district"]
    assert finding.params["elsewhere"] == ["082"] and finding.params["rows"] == [i + 2 for i in moved]
    a_mu_sung = next(c.code for c in load_communes() if c.name == "Xã A Mú Sung")
    assert read_register(changed, "diem.csv", {(MUONG_KHUONG, "Xã A Mú Sung"): OTHER}).errors == refused.errors
    reading = read_register(changed, "diem.csv", {(MUONG_KHUONG, "xa a mu sung"): a_mu_sung})
    assert not reading.errors, [f.code for f in reading.errors]
    (note,) = [f for f in reading.findings if f.code == "register_commune_decided"]
    assert "được tính cho Xã A Mú Sung (Huyện Bát Xát), theo quyết định của người tải lên" in describe_finding(
        note, "vi"
    )
    figures = {r["district_code"]: r for r in appendices_by(reading.points, "district").iter_rows(named=True)}
    scans = sum(rows[i]["scans_total"] for i in moved)
    districts = expected["districts"]
    assert figures["083"]["points"] == districts["083"]["points"] - 2
    assert figures["082"]["points"] == districts["082"]["points"] + 2
    assert figures["083"]["scans"] == districts["083"]["scans"] - scans
    assert figures["082"]["scans"] == districts["082"]["scans"] + scans
    assert sum(r["points"] for r in figures.values()) == 300
    communes = appendices_by(reading.points, "commune")
    assert communes.filter(communes["commune_code"] == a_mu_sung)["district_code"].to_list() == ["082"]
    assert register_layout("x", {}, {(MUONG_KHUONG, "Xã A Mú Sung"): a_mu_sung}).communes == {
        "083|xa a mu sung": a_mu_sung
    }


def test_a_decision_holds_for_the_same_wording_in_another_case_or_without_diacritics():
    data, _ = generate_register(300, 9)
    for written in ("Xã Không Có", "xa khong co", "XÃ KHÔNG CÓ"):
        changed_data, changed = with_commune(data, written, 2)
        reading = read_register(changed_data, "diem.csv", {(MUONG_KHUONG, "Xã Không Có"): OWN})
        assert not reading.errors, [f.code for f in reading.errors]
        (note,) = [f for f in reading.findings if f.code == "register_commune_decided"]
        assert note.params["value"] == written and note.params["rows"] == changed and note.params["commune"] == OWN


def _points_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    sign_in(at, "capnhat")
    at.switch_page("pages/points.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _decision_box(at: AppTest, label: str):
    return next(box for box in at.selectbox if box.label == label)


def _apply(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Áp dụng và đọc lại tệp").click().run()
    assert not at.exception, [e.value for e in at.exception]


def _keep(at: AppTest) -> str:
    next(b for b in at.button if b.label.startswith("Lưu danh sách điểm")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return next(s.value for s in at.success if s.value.startswith("Đã lưu danh sách điểm số"))


def test_a_decision_taken_for_one_week_reads_the_next_week_s_file_and_can_be_changed(
    store_file, boundary_env, staff_secrets
):
    first, _ = with_commune(generate_register(300, 9)[0], "Xã Không Có", 2)
    second, rows = with_commune(generate_register(360, 10)[0], "xa khong co", 3)
    at = _points_page()
    at.file_uploader(key="points_upload_0").upload("tuan_1.csv", first, "text/csv").run()
    assert any("không phải là xã, phường, thị trấn của Huyện Mường Khương" in e.value for e in at.error)
    _decision_box(at, "“Xã Không Có” (Huyện Mường Khương, 2 điểm)").set_value("")
    _apply(at)
    said = _keep(at)
    assert "Nơi tính các điểm có xã, phường, thị trấn không khớp danh mục đã được lưu cho các tệp sau." in said
    store = open_store(store_file)
    (layout,) = store.layouts("register")
    assert layout.communes == {"083|xa khong co": ""} and layout.headers == {}

    # next week: the same commune, written in lower case without its diacritics, is read at once and said to be
    at.file_uploader(key="points_upload_1").upload("tuan_2.csv", second, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any(
        i.value.startswith(
            "Các điểm ghi “xa khong co” (Huyện Mường Khương) được tính theo quyết định đã lưu của capnhat"
        )
        for i in at.info
    ), [i.value for i in at.info]
    box = _decision_box(at, "“xa khong co” (Huyện Mường Khương, 3 điểm)")
    assert box.value == ""  # the saved decision, shown to change
    notes = " ".join(m.value for e in at.expander for m in e.markdown).replace("\\", "")  # Markdown's escapes
    rows_said = f"{len(rows)} dòng ({', '.join(str(row) for row in rows)})"
    assert f"{rows_said}: “xa khong co” (Huyện Mường Khương) được tính cho huyện (không rõ xã)" in notes, notes

    # set aside: the file is refused again, as it would be without the saved decision
    box.select_index(0)  # "— Chưa chọn (tệp chưa lưu được) —"
    _apply(at)
    refused = [e.value for e in at.error]
    assert any("“xa khong co” không phải là xã, phường, thị trấn của Huyện Mường Khương" in e for e in refused), refused
    assert not [b for b in at.button if b.label.startswith("Lưu danh sách điểm")]

    # decided otherwise (a commune of Mường Khương) and kept: that decision is the one in force next time
    _decision_box(at, "“xa khong co” (Huyện Mường Khương, 3 điểm)").set_value(OWN)
    _apply(at)
    _keep(at)
    assert register_commune_decisions(store.layouts("register"))["083|xa khong co"][0] == OWN
    kept = store.registers()[0]
    points = store.register_points(kept["id"])
    assert points.filter(points["commune_code"] == OWN).height >= 3


def test_the_page_offers_the_district_a_misfiled_commune_belongs_to(store_file, boundary_env, staff_secrets):
    data, expected = generate_register(300, 9)
    rows = [dict(row) for row in expected["rows"]]
    for index in [i for i, row in enumerate(rows) if row["district"] in ("Huyện Mường Khương", "Mường Khương")][:2]:
        rows[index]["commune"] = "Xã A Mú Sung"
    at = _points_page()
    at.file_uploader(key="points_upload_0").upload("tuan_1.csv", register_csv(rows), "text/csv").run()
    box = _decision_box(at, "“Xã A Mú Sung” (Huyện Mường Khương, 2 điểm)")
    offered = "Tính cho Xã A Mú Sung, Huyện Bát Xát"  # first after "no commune": not the last of 24
    assert box.options.index(offered) == 2, box.options
    refused = [e.value for e in at.error]
    assert any("có thể giải quyết bằng cách chọn nơi tính các điểm ở phần bên dưới" in e for e in refused), refused
    box.select(offered)
    _apply(at)
    assert not at.error, [e.value for e in at.error]
    notes = " ".join(m.value for e in at.expander for m in e.markdown).replace("\\", "")
    assert "“Xã A Mú Sung” (Huyện Mường Khương) được tính cho Xã A Mú Sung (Huyện Bát Xát)" in notes, notes


@pytest.mark.parametrize(
    ("title", "stated"),
    [
        ([["DANH SÁCH ĐIỂM KIỂM DỊCH (xuất ngày 30/6/2021)"]], (1, dt.date(2021, 6, 30))),
        ([["Danh sách điểm"], ["Ngày xuất:", dt.date(2021, 7, 7)]], (2, dt.date(2021, 7, 7))),  # a date cell
        # the figures' own date before an export's, a signing place's date never
        ([["Xuất ngày 2/7/2021"], ["Số liệu đến ngày 30/6/2021"]], (2, dt.date(2021, 6, 30))),
        ([["Lào Cai, ngày 25 tháng 6 năm 2021"], ["DANH SÁCH ĐIỂM"]], None),
        ([], None),
    ],
)
def test_the_date_a_register_s_title_lines_say(title, stated):
    data, expected = generate_register(40, 3)
    header = register_header(register_xlsx(expected["rows"], title), "diem.xlsx")
    assert header is not None and header.row == len(title) + 1
    found = header.stated_date
    assert (None if found is None else (found[0], found[1].date)) == stated


def test_the_page_offers_the_date_the_file_says_when_another_is_chosen(store_file, boundary_env, staff_secrets):
    _, expected = generate_register(300, 9)
    data = register_xlsx(expected["rows"], [["DANH SÁCH ĐIỂM KIỂM DỊCH (xuất ngày 30/6/2021)"]])
    at = _points_page()
    at.file_uploader(key="points_upload_0").upload("diem.xlsx", data, XLSX).run()
    chosen = at.date_input(key="points_as_of").value
    assert chosen != dt.date(2021, 6, 30)
    said = f"Dòng 1 của tệp ghi ngày 30/6/2021, còn ngày đã chọn là {chosen.day}/{chosen.month}/{chosen.year}."
    assert any(w.value.startswith(said) for w in at.warning), [w.value for w in at.warning]
    next(b for b in at.button if b.label == "Dùng ngày 30/6/2021 của tệp").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.date_input(key="points_as_of").value == dt.date(2021, 6, 30)
    assert not any(w.value.startswith("Dòng 1 của tệp ghi ngày") for w in at.warning)
    assert [b.label for b in at.button if b.label.startswith("Lưu danh sách điểm")] == [
        "Lưu danh sách điểm ngày 30/6/2021"
    ]


def test_the_register_just_kept_is_the_one_offered_for_a_report(store_file, boundary_env, staff_secrets):
    """Two weeks kept one after the other in one session: the report to publish is offered from the second (it
    stayed on the first, whose button then said "Công bố báo cáo ngày" of the week before)."""
    at = _points_page()
    today = at.date_input(key="points_as_of").value
    for week, (n_points, seed) in enumerate(((300, 9), (320, 10))):
        at.date_input(key="points_as_of").set_value(today - dt.timedelta(days=7 * (1 - week))).run()
        at.file_uploader(key=f"points_upload_{week}").upload(
            f"tuan_{week}.csv", generate_register(n_points, seed)[0], "text/csv"
        ).run()
        _keep(at)
        newest = open_store(store_file).registers()[0]
        assert at.selectbox(key="points_report_register").value == newest["id"]
    assert newest["as_of"] == today
