"""The documents' part on the register of check-in points (lc_metrics/publish/points_summary.py): a generated
register read and kept, districts' results recorded, the next register verifying them; then the PPTX slide's
table, the DOCX section and the XLSX sheet of open points checked against the generator's figures and shares
computed here by hand. A report without a register (or with one dated after it) says nothing about it. The
documents key on the registers: a register kept, or a result recorded, gives new documents."""

from __future__ import annotations

import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import docx
import openpyxl
import polars as pl
import pptx
import pytest

from lc_metrics.core.communes import load_communes
from lc_metrics.intake.importer import UploadedFile
from lc_metrics.publish.briefing import briefing_from_store
from lc_metrics.publish.formats import document
from lc_metrics.reading.register import read_register
from lc_metrics.service.registers import publish_register, record_action
from lc_metrics.store.auth import User
from lc_metrics.store.store import open_store
from tests.registers import generate_register

FIRST, SECOND, REPORT = dt.date(2021, 6, 16), dt.date(2021, 6, 23), dt.date(2021, 6, 23)  # the June report's date
PROVINCE = User("tinh", "uploader")
BAT_XAT = User("batxat", "uploader", "082")
MUONG_KHUONG = User("muongkhuong", "uploader", "083")
IN_TIME = dt.datetime(2021, 6, 18, 3, tzinfo=dt.UTC)  # two days after the first register
LATE = dt.datetime(2021, 7, 5, 3, tzinfo=dt.UTC)  # 19 days after it: not "within 14 days"
ORDER = ("082", "083", "084", "085", "086", "087", "088", "089", "080")  # appendix 2's
NAMES = {
    "082": "Huyện Bát Xát",
    "083": "Huyện Mường Khương",
    "084": "Huyện Si Ma Cai",
    "085": "Huyện Bắc Hà",
    "086": "Huyện Bảo Thắng",
    "087": "Huyện Bảo Yên",
    "088": "Thị xã Sa Pa",
    "089": "Huyện Văn Bàn",
    "080": "Thành phố Lào Cai",
}


def vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def vn_pct(part: int, whole: int) -> str:
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return str(value.quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",") + "%"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    if request.param == "sqlite":
        return open_store(str(tmp_path / "store.sqlite"))
    return open_store(request.getfixturevalue("postgres_url"))


def keep(store: Any, points: pl.DataFrame, as_of: dt.date, data: bytes = b"x") -> int:
    return publish_register(store, PROVINCE, UploadedFile(f"diem_{as_of}.csv", data), points, [], as_of=as_of)


def never(points: pl.DataFrame, district: str) -> list[str]:
    chosen = points.filter((pl.col("district_code") == district) & (pl.col("scans_total") == 0))
    return sorted(chosen["point_code"])


@pytest.fixture
def scenario(store):
    """The first register (generated, 400 points, read as an upload) with Bát Xát's results recorded in time
    — 10 guided, 4 removed, 2 left unchecked — and Mường Khương's 5 guided, 2 of them too late; the second
    register: 6 of Bát Xát's guided points now scanned, 3 of its removed ones gone."""
    data, expected = generate_register(400, 7)
    reading = read_register(data, "diem.csv")
    assert not reading.errors
    first = reading.points
    one = keep(store, first, FIRST, data)
    bat_xat = never(first, "082")
    guided, removed, unchecked = bat_xat[:10], bat_xat[10:14], bat_xat[14:16]
    for code in guided:
        record_action(store, BAT_XAT, one, code, "guided", "đã hướng dẫn chủ cơ sở", IN_TIME)
    for code in removed:
        record_action(store, BAT_XAT, one, code, "removed", "cơ sở đã đóng cửa", IN_TIME)
    for code in unchecked:
        record_action(store, BAT_XAT, one, code, "unchecked", None, IN_TIME)
    for index, code in enumerate(never(first, "083")[:5]):  # 3 in time, 2 too late
        record_action(store, MUONG_KHUONG, one, code, "guided", None, IN_TIME if index < 3 else LATE)
    second = first.filter(~pl.col("point_code").is_in(removed[:3])).with_columns(
        scans_total=pl.when(pl.col("point_code").is_in(guided[:6])).then(5).otherwise(pl.col("scans_total"))
    )
    two = keep(store, second, SECOND)
    return {"expected": expected["districts"], "first": first, "second": second, "ids": (one, two)}


def expected_rows(scenario: dict[str, Any]) -> list[list[str]]:
    """The slide's rows, by hand: the second register's points and never-scanned points (the generator's
    figures less Bát Xát's 3 removed and 6 now scanned), the first register's never-scanned points handled in
    time (Bát Xát's 14 of its own, Mường Khương's 3) and verified by the second (Bát Xát's 6 scanned + 3
    gone; Mường Khương's are still not scanned)."""
    figures = scenario["expected"]
    rows, totals = [], [0, 0, 0, 0, 0]
    for code in ORDER:
        points, no_scan = figures[code]["points"], figures[code]["no_scan"]
        handled, verified = {"082": (14, 9), "083": (3, 0)}.get(code, (0, 0))
        now_points, now_never = (points - 3, no_scan - 9) if code == "082" else (points, no_scan)
        rows.append(
            [
                NAMES[code],
                vn(now_points),
                vn(now_never),
                vn_pct(now_never, now_points),
                vn_pct(handled, no_scan),
                vn_pct(verified, no_scan),
            ]
        )
        for index, value in enumerate((now_points, now_never, no_scan, handled, verified)):
            totals[index] += value
    points, now_never, no_scan, handled, verified = totals
    rows.append(
        [
            "Tỉnh Lào Cai",
            vn(points),
            vn(now_never),
            vn_pct(now_never, points),
            vn_pct(handled, no_scan),
            vn_pct(verified, no_scan),
        ]
    )
    return rows


def without_public_point(points: pl.DataFrame) -> dict[str, list[str]]:
    """By hand: district → the communes of the reference where no point other than a state agency's is."""
    public = {row["commune_code"] for row in points.iter_rows(named=True) if row["kind"] != "state"}
    lacking: dict[str, list[str]] = {}
    for commune in load_communes():
        if commune.code not in public:
            lacking.setdefault(commune.district_code, []).append(commune.name)
    return lacking


def points_slide(data: bytes) -> Any:
    slides = [
        s
        for s in pptx.Presentation(io.BytesIO(data)).slides
        if any(sh.has_text_frame and sh.text_frame.text.startswith("Điểm kiểm dịch chưa") for sh in s.shapes)
    ]
    assert len(slides) <= 1
    return slides[0] if slides else None


def table_text(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_slide_s_table_and_communes(store, scenario):
    briefing = briefing_from_store(store)
    assert briefing.as_of == REPORT
    data = document(briefing, "pptx", "vi", lambda: {})
    slide = points_slide(data)
    assert slide is not None
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    rows = table_text(table)
    assert rows[0] == [
        "Địa phương",
        "Số điểm",
        "Chưa có lượt quét",
        "Tỷ lệ chưa có lượt quét",
        "Đã xử lý",
        "Đã xác minh",
    ]
    assert rows[1:] == expected_rows(scenario)
    assert len(rows) == 11  # nine districts, the province and the headings: readable on a projector
    texts = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "Theo danh sách điểm kiểm dịch ngày 23/6/2021" in texts
    no_scan = sum(figures["no_scan"] for figures in scenario["expected"].values())
    assert f"tính trên {vn(no_scan)} điểm chưa có lượt quét của danh sách ngày 16/6/2021" in texts
    lacking = without_public_point(scenario["second"])
    count = sum(len(names) for names in lacking.values())
    assert f"Xã, phường, thị trấn chưa có điểm kiểm dịch công cộng: {count} — " in texts
    for code, names in lacking.items():  # each district's count; three names at most, the rest counted
        short = NAMES[code].split(" ", 1 if not NAMES[code].startswith(("Thị xã", "Thành phố")) else 2)[-1]
        shown = ", ".join(name.split(" ", 2 if name.startswith("Thị trấn") else 1)[-1] for name in names[:3])
        more = f", và {len(names) - 3} xã khác" if len(names) > 3 else ""
        assert f"{short} {len(names)} ({shown}{more})" in texts
    # every shape inside the slide; the table and the notes over nothing else (the title's two boxes, as on
    # every slide, share a margin)
    deck = pptx.Presentation(io.BytesIO(data))
    boxes = [(s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes]
    assert all(0 <= x0 and 0 <= y0 and x1 <= deck.slide_width and y1 <= deck.slide_height for x0, y0, x1, y1 in boxes)
    assert len(boxes) == 5  # title, subtitle, table, notes, the slide's number
    for i, a in enumerate(boxes[2:], start=2):
        for b in boxes[:i] + boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_the_docx_section_and_english(store, scenario):
    briefing = briefing_from_store(store)
    word = docx.Document(io.BytesIO(document(briefing, "docx", "vi", lambda: {})))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Điểm kiểm dịch chưa có lượt quét" in paragraphs
    table = word.tables[-1]
    assert [[c.text for c in row.cells] for row in table.rows][1:] == expected_rows(scenario)
    lacking = without_public_point(scenario["second"])
    line = next(p for p in paragraphs if p.startswith("Xã, phường, thị trấn chưa có"))
    for code, names in lacking.items():  # up to ten names a district, in full
        assert f"{NAMES[code]} {len(names)} ({', '.join(names[:10])}" in line

    english = pptx.Presentation(io.BytesIO(document(briefing, "pptx", "en", lambda: {})))
    (slide,) = [
        s
        for s in english.slides
        if any(sh.has_text_frame and sh.text_frame.text == "Never-scanned check-in points" for sh in s.shapes)
    ]
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    rows = table_text(table)
    assert rows[0][1:] == ["Points", "Never scanned", "Never-scanned rate", "Handled", "Verified"]
    vietnamese = expected_rows(scenario)[-1]
    as_english = [text.replace(".", "\x00").replace(",", ".").replace("\x00", ",") for text in vietnamese[1:]]
    assert rows[-1] == ["Lào Cai province", *as_english]


def test_the_workbook_lists_every_district_s_open_points(store, scenario):
    briefing = briefing_from_store(store)
    book = openpyxl.load_workbook(io.BytesIO(document(briefing, "xlsx", "vi", lambda: {})))
    assert book.sheetnames[-1] == "Điểm cần kiểm tra"
    sheet = book["Điểm cần kiểm tra"]
    second = scenario["second"]
    header = [c.value for c in sheet[4]]
    assert header == [
        "STT",
        "Địa phương",
        "Mã điểm",
        "Tên điểm kiểm dịch",
        "Loại hình",
        "Xã, phường, thị trấn",
        "Địa chỉ",
        "Lý do cần kiểm tra",
        "Tình trạng",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert [row[0] for row in rows] == list(range(1, len(rows) + 1))
    assert sheet.auto_filter.ref == f"A4:I{4 + len(rows)}" and sheet.freeze_panes == "A5"
    # district by district in appendix 2's order; in each, state agencies first
    districts = [row[1] for row in rows]
    assert districts == sorted(districts, key=lambda name: ORDER.index(next(c for c, n in NAMES.items() if n == name)))
    for name in NAMES.values():
        kinds = [row[4] for row in rows if row[1] == name]
        state = [kind == "Cơ quan nhà nước" for kind in kinds]
        assert state == sorted(state, reverse=True)
    # every never-scanned point of the second register is open (nothing recorded on it yet): the generator's
    # count, but in Bát Xát, whose 9 the second register took off (6 scanned, 3 gone), and in Mường Khương,
    # whose 2 guided on 5/7 — after the second register's date, 23/6 — carry over to it, awaiting the next
    carried = {"083": 2}
    for code, name in NAMES.items():
        listed = sum(1 for row in rows if row[1] == name and row[7] == "Chưa ghi nhận lượt quét")
        assert listed == scenario["expected"][code]["no_scan"] - (9 if code == "082" else 0) - carried.get(code, 0)
        assert listed == len(never(second, code)) - carried.get(code, 0)
    # Bát Xát's 4 guided points still not scanned and the removed one still listed are reopened
    reopened = {
        row[2] for row in rows if row[1] == NAMES["082"] and row[8] == "Mở lại: danh sách kỳ sau vẫn chưa có lượt quét"
    }
    first_never = never(scenario["first"], "082")
    assert reopened == set(first_never[6:10]) | {first_never[13]}
    assert all(isinstance(row[2], str) and not str(row[3]).startswith("=") for row in rows)


def test_a_report_without_a_register_says_nothing_of_it(store):
    def parts(briefing: Any) -> tuple[Any, list[str], list[str]]:
        slides = document(briefing, "pptx", "vi", lambda: {})
        word = docx.Document(io.BytesIO(document(briefing, "docx", "vi", lambda: {})))
        book = openpyxl.load_workbook(io.BytesIO(document(briefing, "xlsx", "vi", lambda: {})))
        return points_slide(slides), [p.text for p in word.paragraphs], book.sheetnames

    slide, paragraphs, sheets = parts(briefing_from_store(store))
    assert briefing_from_store(store).points() is None
    assert slide is None and "Điểm kiểm dịch chưa có lượt quét" not in paragraphs
    assert sheets == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Chỉ số tính toán"]
    data, _ = generate_register(200, 3)
    keep(store, read_register(data, "diem.csv").points, dt.date(2021, 6, 30))  # dated after the report
    slide, paragraphs, sheets = parts(briefing_from_store(store))
    assert slide is None and "Điểm kiểm dịch chưa có lượt quét" not in paragraphs and len(sheets) == 4


def test_the_registers_version_follows_registers_and_actions_but_not_the_report_s(store):
    data, _ = generate_register(200, 3)
    points = read_register(data, "diem.csv").points
    version, registers = store.version(), store.registers_version()
    one = keep(store, points, FIRST)
    assert store.version() == version and store.registers_version() != registers
    registers = store.registers_version()
    record_action(store, BAT_XAT, one, never(points, "082")[0], "guided", None, IN_TIME)
    assert store.version() == version and store.registers_version() not in (registers, "r0-a0")


def test_the_documents_key_on_the_registers(store_file, boundary_env):
    """What the overview's links and buttons call (lc_app.document_route.document_bytes), keyed by the
    store's version: a register kept, then a result recorded, each give a new document though the version,
    which follows the reports, stays."""
    from lc_app.document_route import document_bytes
    from lc_metrics.store.store import store_location

    path = store_location()
    store = open_store(path)
    (report,) = store.list_snapshots()
    version = store.version()

    def bat_xat_row() -> list[str] | None:
        word = docx.Document(io.BytesIO(document_bytes("docx", path, report["id"], version, "vi")))
        if "Điểm kiểm dịch chưa có lượt quét" not in [p.text for p in word.paragraphs]:
            return None
        return [c.text for c in word.tables[-1].rows[1].cells]

    assert bat_xat_row() is None
    data, expected = generate_register(200, 3)
    points = read_register(data, "diem.csv").points
    one = keep(store, points, REPORT)
    assert store.version() == version
    no_scan = expected["districts"]["082"]["no_scan"]
    assert bat_xat_row() == ["Huyện Bát Xát", *(bat_xat_row() or [])[1:4], "0,0%", "—"]
    record_action(store, BAT_XAT, one, never(points, "082")[0], "guided", None, IN_TIME)
    assert store.version() == version
    assert (bat_xat_row() or [])[4] == vn_pct(1, no_scan)
