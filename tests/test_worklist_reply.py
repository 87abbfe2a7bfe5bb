"""A district's worklist sent as a workbook and sent back filled in: the results read row by row, a wrong
row named and refusing the whole file, nothing recorded from a file half right. Expected values come from
the rows the test writes."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from lc_metrics.intake.importer import UploadedFile
from lc_metrics.publish.worklist_xlsx import worklist_xlsx
from lc_metrics.reading.register import read_register
from lc_metrics.reading.worklist_reply import action_of, read_worklist_reply
from lc_metrics.service.registers import RegisterRefused, district_worklist, publish_register, record_replies
from lc_metrics.store.auth import User
from tests.registers import generate_register
from tests.test_reporting import store as store  # the fixture (sqlite and postgresql)

AS_OF = dt.date(2021, 6, 23)
PROVINCE = User("capnhat", "uploader")
MUONG_KHUONG = User("mk", "uploader", "083")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Đã hướng dẫn", "guided"),
        ("đã hướng dẫn chủ cơ sở", "guided"),
        ("ĐÃ GỠ BỎ", "removed"),
        ("Đã gỡ mã", "removed"),
        ("Chưa kiểm tra", "unchecked"),
        ("Đã kiểm tra", None),
        ("hướng", None),
    ],
)
def test_the_result_words(text, action):
    assert action_of(text) == action


@pytest.fixture
def register(store):
    data, expected = generate_register(600, 3)
    reading = read_register(data, "diem.csv")
    assert not reading.errors
    register_id = publish_register(
        store, PROVINCE, UploadedFile("diem.csv", data), reading.points, reading.findings, as_of=AS_OF
    )
    return store, register_id, expected


def _filled(db, register_id, results: dict[int, tuple[str, str | None]], extra_rows=()) -> bytes:
    """Mường Khương's worklist as the app gives it, with ``results`` written on its data rows (1 = the first)."""
    listed = district_worklist(db, register_id, "083").points
    book = openpyxl.load_workbook(io.BytesIO(worklist_xlsx(listed, "083", AS_OF)))
    sheet = book.active
    header = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Mã điểm")
    for index, (result, note) in results.items():
        sheet.cell(header + index, 8, result)
        sheet.cell(header + index, 9, note)
    for row in extra_rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_filled_worklist_is_read_and_recorded(register):
    db, register_id, _ = register
    listed = district_worklist(db, register_id, "083").points
    data = _filled(db, register_id, {1: ("Đã hướng dẫn", None), 2: ("Đã gỡ bỏ", "Cơ sở đã đóng cửa"), 3: (None, None)})
    reply = read_worklist_reply(data, "ket_qua.xlsx")
    assert not reply.findings
    codes = listed["point_code"].to_list()
    assert [(r.point_code, r.action, r.note) for r in reply.replies] == [
        (codes[0], "guided", None),
        (codes[1], "removed", "Cơ sở đã đóng cửa"),
    ]
    assert record_replies(db, MUONG_KHUONG, register_id, reply.replies, dt.datetime.now(dt.UTC)) == 2
    after = district_worklist(db, register_id, "083").points
    statuses = dict(zip(after["point_code"].to_list(), after["status"].to_list()))
    assert (statuses[codes[0]], statuses[codes[1]], statuses[codes[2]]) == ("guided", "removed", "open")


def test_a_result_the_reader_does_not_know_names_its_row(register):
    db, register_id, _ = register
    reply = read_worklist_reply(_filled(db, register_id, {4: ("Đã xong", None)}), "ket_qua.xlsx")
    (finding,) = reply.findings
    assert finding.code == "worklist_unknown_result" and finding.location.row == 4 + 4  # four rows above the data


def test_one_wrong_row_records_nothing(register):
    """A point of another district (Bát Xát's, typed in by mistake) and a removal without a reason: both
    named, and the row that was right is not recorded either."""
    db, register_id, expected = register
    other = next(r["point_code"] for r in expected["rows"] if r["district"] in ("Huyện Bát Xát", "Bát Xát"))
    data = _filled(
        db,
        register_id,
        {1: ("Đã hướng dẫn", None), 2: ("Đã gỡ bỏ", None)},
        extra_rows=[(other, "", "", "", "", "", "", "Đã hướng dẫn", "")],
    )
    reply = read_worklist_reply(data, "ket_qua.xlsx")
    assert not reply.findings and len(reply.replies) == 3
    with pytest.raises(RegisterRefused) as refused:
        record_replies(db, MUONG_KHUONG, register_id, reply.replies, dt.datetime.now(dt.UTC))
    assert refused.value.reason == "reply_has_errors"
    assert sorted(f.code for f in refused.value.params["findings"]) == [
        "worklist_note_needed",
        "worklist_other_district",
    ]
    assert db.point_actions(register_id).is_empty()


def test_a_sheet_without_the_two_columns_is_refused():
    book = openpyxl.Workbook()
    book.active.append(["Tên", "Ghi chú"])
    buffer = io.BytesIO()
    book.save(buffer)
    reply = read_worklist_reply(buffer.getvalue(), "khac.xlsx")
    assert [f.code for f in reply.findings] == ["worklist_no_columns"]
