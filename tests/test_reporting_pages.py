"""The reporting pages through AppTest: the board for a viewer, a district account submitting (and
refused the province-wide upload), province staff consolidating and publishing, the administrator's
schedule, periods and accounts. Figures come from the files each test writes."""

from __future__ import annotations

import datetime as dt
import time

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.reporting.periods import open_period, set_schedule
from lc_metrics.reporting.schedule import VIETNAM, Schedule
from lc_metrics.store.auth import add_user
from lc_metrics.store.store import open_store
from tests.appendix_tables import appendix_tables, frame_tables, page_frames
from tests.conftest import ROOT, STAFF_PASSWORDS, sign_in
from tests.registers import register_point
from tests.test_reporting import FIGURES, district_file

APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DISTRICT_PASSWORD = "muong-khuong-2021"
AS_OF = dt.date(2021, 6, 30)


@pytest.fixture
def accounts(staff_secrets):
    add_user("mk", "uploader", DISTRICT_PASSWORD, staff_secrets, district="083")
    add_user("sm", "uploader", DISTRICT_PASSWORD, staff_secrets, district="084")
    STAFF_PASSWORDS.update(mk=DISTRICT_PASSWORD, sm=DISTRICT_PASSWORD)
    yield staff_secrets
    for name in ("mk", "sm"):
        STAFF_PASSWORDS.pop(name, None)


@pytest.fixture
def period(store_file, accounts):
    """A period opened by hand whose deadline is far ahead (the pages use the real clock)."""
    store = open_store(store_file)
    set_schedule(store, Schedule("manual"), "quantri")
    deadline = dt.datetime.now(VIETNAM) + dt.timedelta(days=3)
    period_id, _ = open_period(store, AS_OF, deadline, "quantri", dt.datetime.now(dt.UTC))
    return store, period_id


def page(path: str, name: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if name:
        sign_in(at, name)
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_viewer_sees_the_board_with_every_district_due(period, boundary_env):
    at = page("pages/reporting.py")
    assert at.title[0].value == "Tình hình báo cáo"
    # the period by its date, short enough for a phone's width; its deadline in the notice under it
    assert next(s for s in at.selectbox if s.label == "Kỳ báo cáo").options == ["Kỳ đến ngày 30/6/2021"]
    notice = at.info[0].value.replace("\\", "")  # the markdown escapes
    assert "Hạn nộp:" in notice and "0/9 đơn vị đã nộp" in notice and "Huyện Văn Bàn" in notice
    table = page_frames(at)[0]
    assert table["Tình trạng"].tolist() == ["◔ Chưa nộp (còn hạn)"] * 9
    (board,) = [t for h in at.get("html") for t in frame_tables(h.proto.body) if "Tình trạng" in t.headers]
    assert [c.text for c in board.heading_cells if "lcm-num" in c.classes] == ["Số lần nộp"]  # the one figure
    said = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Chưa có kỳ báo cáo nào kết thúc (được tổng hợp, công bố)" in said and "đều nộp đúng hạn" not in said
    # said once, under the record of the periods: the notice above gives the deadline and the time left
    not_due = "Kỳ đến ngày 30/6/2021 chưa đến hạn, chưa đánh giá."
    assert not_due not in notice and (notice + said).count(not_due) == 1
    rates = page_frames(at)[1]  # nothing closed, nothing sent: no period expected yet
    assert rates["Số kỳ phải nộp"].tolist() == ["0"] * 9 and rates["Tỷ lệ nộp báo cáo"].tolist() == ["—"] * 9
    assert not [b for b in at.button if b.label.startswith("Gửi thư")]  # viewers send no reminders


def test_a_district_account_submits_and_the_board_says_so(period, boundary_env):
    store, period_id = period
    at = page("pages/district.py", "mk")
    assert any("Huyện Mường Khương" in c.value for c in at.caption)
    assert not at.selectbox(key="district_period").disabled
    upload = district_file("083", FIGURES["083"])
    at.file_uploader(key="district_upload_0").upload(upload.name, upload.data, XLSX).run()
    assert not at.exception, [e.value for e in at.exception]
    understood = next(h.proto.body for h in at.get("html") if "Số liệu của đơn vị đọc được từ tệp" in h.proto.body)
    assert '<td class="lcm-num">6.500</td>' in understood and '<td class="lcm-num">39.000</td>' in understood
    next(b for b in at.button if b.label == "Nộp báo cáo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Đã nộp báo cáo của Huyện Mường Khương (lần 1)" in s.value for s in at.success)
    assert [(s["code"], s["submitted_by"]) for s in store.submissions([period_id])] == [("083", "mk")]
    board = page("pages/reporting.py")
    states = dict(zip(page_frames(board)[0]["Đơn vị"], page_frames(board)[0]["Tình trạng"]))
    assert states["Huyện Mường Khương"] == "✓ Đã nộp đúng hạn"
    row = page_frames(board)[0].set_index("Đơn vị").loc["Huyện Mường Khương"]  # one version: last = first, not blank
    assert row["Nộp lần cuối"] == row["Nộp lần đầu"] != "", row.to_dict()
    shown = " ".join(h.proto.body for h in board.get("html"))
    assert "TP Lào Cai" in shown  # the city's tile: a bare "Lào Cai" reads as the province
    assert "<th scope='col'>30/6/2021" in shown  # the strip's period by its whole date, never "30/6"


@pytest.mark.parametrize(
    ("comment", "said"),
    [
        ("Sửa số điểm chưa quét", "với ý kiến: “Sửa số điểm chưa quét”. Sửa theo ý kiến rồi nộp lại"),
        ("Ghi tỷ lệ (một chữ số).", "với ý kiến: “Ghi tỷ lệ (một chữ số).” Sửa theo ý kiến rồi nộp lại"),  # not “…).”.
    ],
)
def test_a_returned_report_is_said_so_on_the_district_s_own_page_as_on_the_board(period, boundary_env, comment, said):
    store, period_id = period
    from lc_metrics.service.intake import review, submit
    from lc_metrics.store.auth import User

    now = dt.datetime.now(dt.UTC)
    done = submit(store, User("mk", "uploader", "083"), period_id, "083", district_file("083", FIGURES["083"]), now)
    review(store, User("capnhat", "uploader"), done.submission_id, "returned", comment, now)
    at = page("pages/district.py", "mk")
    warned = [w.value.replace("\\", "") for w in at.warning]
    assert any(said in line for line in warned), warned
    state = next(v for v in (i.value.replace("\\", "") for i in at.info) if "Hạn nộp:" in v)  # markdown escapes
    assert state.endswith("Huyện Mường Khương: ↩ Bị trả lại, chờ sửa"), state  # on time, but not done
    board = page("pages/reporting.py")
    frame = page_frames(board)[0]
    assert dict(zip(frame["Đơn vị"], frame["Tình trạng"]))["Huyện Mường Khương"] == "✓ Đã nộp đúng hạn"  # timeliness
    tiles = " ".join(h.proto.body for h in board.get("html"))
    assert "Huyện Mường Khương: Bị trả lại, chờ sửa" in tiles  # the map: the state the district page says
    staff = page("pages/consolidate.py", "capnhat")  # the side-by-side table: returned, not "✓ … — đã trả lại"
    (side,) = [d for d in page_frames(staff) if "Nguồn" in d.columns]
    assert dict(zip(side["Đơn vị"], side["Nguồn"]))["Huyện Mường Khương"] == "↩ Đơn vị nộp (lần 1) — đã trả lại"


def test_a_district_account_cannot_use_the_province_upload_or_consolidation(period, boundary_env):
    for path in ("pages/upload.py", "pages/consolidate.py"):
        at = page(path, "mk")
        assert [e.value for e in at.error] == [
            "Tài khoản của Huyện Mường Khương chỉ nộp số liệu của đơn vị, ở trang “Báo cáo của huyện”. "
            "Trang này dành cho cán bộ tổng hợp của tỉnh."
        ], path
        assert not at.file_uploader


def test_province_staff_consolidate_and_the_overview_shows_who_did_not_report(period, boundary_env):
    store, period_id = period
    from lc_metrics.service.intake import review, submit
    from lc_metrics.store.auth import User

    now = dt.datetime.now(dt.UTC)
    for code in ("082", "083", "084"):
        done = submit(store, User(code, "uploader", code), period_id, code, district_file(code, FIGURES[code]), now)
        review(store, User("capnhat", "uploader"), done.submission_id, "accepted", None, now)
    at = page("pages/consolidate.py", "capnhat")
    (side,) = [d for d in page_frames(at) if "Nguồn" in d.columns]
    assert len(side) == 9  # each district once
    sources = dict(zip(side["Đơn vị"], side["Nguồn"]))
    # the six that have not sent, while the period is open: "chưa nộp" as the board says, not yet "không có báo cáo"
    assert sum(1 for source in sources.values() if source == "◔ Chưa nộp (còn hạn)") == 6, sources
    assert sources["Huyện Bát Xát"] == "✓ Đơn vị nộp (lần 1) — đã chấp nhận", sources
    missing = "6 đơn vị chưa có số liệu được chấp nhận và sẽ được ghi “không có báo cáo”: Thành phố Lào Cai, "
    assert any(missing in w.value.replace("\\", "") for w in at.warning), [w.value for w in at.warning]
    publish = next(b for b in at.button if b.label == "Công bố báo cáo của kỳ")
    assert publish.disabled  # not before the warnings are confirmed
    next(c for c in at.checkbox if c.label.startswith("Tôi đã đọc")).check().run()
    next(b for b in at.button if b.label == "Công bố báo cáo của kỳ").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Đã công bố báo cáo kỳ đến ngày 30/6/2021" in s.value for s in at.success)
    assert store.period(period_id)["snapshot_id"] == store.latest_id()
    at.switch_page("pages/tables.py").run()
    assert not at.exception, [e.value for e in at.exception]
    (first,) = [table for element in at.get("html") for table in appendix_tables(element.proto.body)]
    assert "Huyện Văn Bàn (huyện không có báo cáo)" in first.column("Địa phương")  # who did not report
    assert first.row("Huyện Mường Khương")["Tổng số cài đặt Bluezone"] == "6.500"
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    highlights = " ".join(m.value for m in at.markdown)
    # 450/800 and 480/700 over 50%, 170/405 under; six districts without the figure are not counted
    assert "2/3 địa phương có tỷ lệ điểm không ghi nhận vào ra trên 50%" in highlights
    # the board after publishing: the six that never sent did not submit, and are named
    at.switch_page("pages/reporting.py").run()
    assert not at.exception, [e.value for e in at.exception]
    states = dict(zip(page_frames(at)[0]["Đơn vị"], page_frames(at)[0]["Tình trạng"]))
    assert states["Huyện Bát Xát"] == "✓ Đã nộp đúng hạn" and states["Huyện Bắc Hà"] == "✗ Không nộp"
    assert sum(1 for state in states.values() if state.startswith("✗")) == 6
    said = " ".join(m.value for m in at.markdown).replace("\\", "")
    named = "Trong 1 kỳ đã công bố gần nhất, các đơn vị nộp muộn hoặc không nộp: Thành phố Lào Cai (1 kỳ không nộp)"
    assert named in said
    assert "đều nộp đúng hạn" not in said
    rates = dict(zip(page_frames(at)[1]["Đơn vị"], page_frames(at)[1]["Tỷ lệ nộp đúng hạn"]))
    assert (rates["Huyện Bát Xát"], rates["Huyện Bắc Hà"]) == ("100,0%", "0,0%")


def test_the_administrator_opens_a_period_and_adds_a_district_account(store_file, accounts, boundary_env):
    at = page("pages/admin.py", "quantri")
    assert "Hiện tại: Hằng tuần (tự động); hạn nộp thứ Sáu lúc 16:00." in [c.value for c in at.caption]
    form_buttons = [b for b in at.button if b.label == "Mở kỳ báo cáo"]
    at.date_input[0].set_value(AS_OF)
    at.date_input[1].set_value(dt.date(2099, 7, 2))
    form_buttons[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Đã mở kỳ báo cáo đến ngày 30/6/2021." in s.value for s in at.success)
    store = open_store(store_file)
    assert "2021-06-30" in [p["as_of"] for p in store.periods()]
    next(box for box in at.text_input if box.label == "Tên đăng nhập" and box.key != "sign_in_name").input("bh")
    next(s for s in at.selectbox if s.label.startswith("Đơn vị")).set_value("085")
    next(t for t in at.text_input if t.label.startswith("Mật khẩu (ít nhất")).input("bac-ha-2021!!")
    next(b for b in at.button if b.label == "Lưu tài khoản").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Đã lưu tài khoản bh." in s.value for s in at.success)
    assert store.account("bh")["district"] == "085"
    assert "[lcm_users.bh]" not in accounts.read_text()  # the store, never the secrets file


def test_the_board_in_english(period, boundary_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/reporting.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Reporting status"
    notice = at.info[0].value.replace("\\", "")
    assert "0 of 9 units have submitted" in notice and "(Vietnam time)" in notice and "left." in notice
    assert page_frames(at)[0]["Status"].tolist() == ["◔ Not yet (still due)"] * 9
    said = " ".join(m.value for m in at.markdown)
    assert "No period has closed yet" in said and "every unit reported on time" not in said


def test_a_hand_edited_district_code_gives_no_rights_and_says_so(period, boundary_env, accounts):
    with period[0].connect(write=True) as conn:  # the account's row edited by hand in the store
        conn.execute("UPDATE accounts SET district = '83' WHERE name = 'mk'")
    at = page("pages/district.py", "mk")
    assert [e.value for e in at.error] == [
        "Tài khoản này gắn với mã đơn vị “83”, không phải mã huyện nào của tỉnh: quản trị viên cần sửa lại tài khoản "
        "(trang Quản trị hoặc lệnh add-user --district)."
    ]
    assert not at.file_uploader
    at = page("pages/upload.py", "mk")
    assert at.error and not at.file_uploader


def test_staff_email_the_districts_that_have_not_submitted_from_the_board(period, boundary_env, accounts, smtp_sink):
    port, received = smtp_sink
    with accounts.open("a", encoding="utf-8") as out:
        out.write(
            f'\n[lcm_smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "bluezone@laocai.test"\n'
            '\n[lcm_district_emails]\n"089" = ["vp@vanban.test"]\n"083" = "vp@muongkhuong.test"\n'
        )
    at = page("pages/reporting.py", "capnhat")
    next(b for b in at.button if b.label == "Gửi thư nhắc các đơn vị chưa nộp").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(i.value.startswith("Đang gửi thư nhắc tới") for i in at.info)  # sent in the background
    deadline = time.monotonic() + 15
    while len(received) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(m["To"] for m in received) == ["vp@muongkhuong.test", "vp@vanban.test"]
    assert all(m["Subject"].startswith("[Bluezone Lào Cai] Nhắc nộp báo cáo kỳ đến ngày 30/6/2021") for m in received)
    store, _ = period
    deadline = time.monotonic() + 5
    while "reminders_sent" not in [e["action"] for e in store.audit_entries()] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "reminders_sent" in [e["action"] for e in store.audit_entries()]


def test_a_district_account_is_named_as_such_and_taken_to_its_page(period, boundary_env):
    """Signed in on the overview, a district's account lands on its district's page, and the sidebar names
    the account by its district, not as province staff ("cập nhật dữ liệu")."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    sign_in(at, "mk")
    assert not at.exception, [e.value for e in at.exception]
    captions = [c.value for c in at.caption]
    assert "Đã đăng nhập: mk (tài khoản của Huyện Mường Khương)" in captions, captions
    assert "Đơn vị của tài khoản: Huyện Mường Khương." in captions, captions  # the district page
    staff = AppTest.from_file(APP, default_timeout=60)
    staff.run()
    sign_in(staff, "capnhat")
    assert "Đã đăng nhập: capnhat (cập nhật dữ liệu)" in [c.value for c in staff.caption]
    assert not any(c.value.startswith("Đơn vị của tài khoản") for c in staff.caption)  # stays on the overview


def test_a_period_past_its_deadline_is_not_hidden_behind_the_next_one(store_file, accounts, boundary_env):
    """Once a deadline has passed the next week's period is the current one: a district that has not sent the
    earlier report (or has it returned) must find it — the page opens on it and says which periods wait on the unit
    (a helper's district official on a phone saw only the next period, "còn hạn")."""
    store = open_store(store_file)
    set_schedule(store, Schedule("manual"), "quantri")
    now = dt.datetime.now(dt.UTC)
    late, _ = open_period(store, AS_OF, dt.datetime.now(VIETNAM) - dt.timedelta(hours=5), "quantri", now)
    running, _ = open_period(
        store, dt.date(2021, 7, 7), dt.datetime.now(VIETNAM) + dt.timedelta(days=3), "quantri", now
    )
    at = page("pages/district.py", "mk")
    assert at.selectbox(key="district_period").value == late  # not the running one
    said = [w.value for w in at.warning if "Kỳ báo cáo đang chờ đơn vị" in w.value]
    assert said == [
        "Kỳ báo cáo đang chờ đơn vị: 30/6/2021 (quá hạn, chưa nộp). Trang mở kỳ cũ nhất trong số đó; chọn kỳ khác ở ô "
        "“Kỳ báo cáo”."
    ]
    other = page("pages/district.py", "sm")  # every district waits: Si Ma Cai too
    assert other.selectbox(key="district_period").value == late
    from lc_metrics.service.intake import submit
    from lc_metrics.store.auth import User

    submit(store, User("mk", "uploader", "083"), late, "083", district_file("083", FIGURES["083"]), now)
    at = page("pages/district.py", "mk")  # sent (late): nothing waits, the running period first again
    assert at.selectbox(key="district_period").value == running
    assert not [w.value for w in at.warning if "Kỳ báo cáo đang chờ đơn vị" in w.value]


def test_without_a_mail_server_the_board_says_why_there_is_no_reminder(period, boundary_env):
    """No SMTP in the secrets: no reminder button, and a line saying why and what to do (it was silently absent)."""
    at = page("pages/reporting.py", "capnhat")
    assert not [b for b in at.button if b.label.startswith("Gửi thư")]
    said = [c.value for c in at.caption if "máy chủ thư (SMTP) chưa được cấu hình" in c.value]
    assert said and said[0].startswith("Chưa gửi được thư nhắc 9 đơn vị chưa nộp"), said
    viewer = page("pages/reporting.py")  # a viewer is told nothing of the staff's tools
    assert not [c.value for c in viewer.caption if "SMTP" in c.value]


def test_a_deadline_moved_before_reports_sent_on_time_asks_before_making_them_late(period, boundary_env):
    """Mường Khương sent on time; the administrator moves the deadline to before that: refused, naming the unit,
    until the box is ticked (it was made "Nộp muộn" without a word — a helper's review)."""
    store, period_id = period
    from lc_metrics.service.intake import submit
    from lc_metrics.store.auth import User

    submit(
        store,
        User("mk", "uploader", "083"),
        period_id,
        "083",
        district_file("083", FIGURES["083"]),
        dt.datetime.now(dt.UTC),
    )
    before = store.periods()[0]["deadline"]
    at = page("pages/admin.py", "quantri")
    yesterday = dt.datetime.now(VIETNAM).date() - dt.timedelta(days=1)
    at.date_input(key="deadline_day").set_value(yesterday)
    change = next(b for b in at.button if b.label == "Sửa hạn nộp")
    change.click().run()
    assert not at.exception, [e.value for e in at.exception]
    refused = [e.value for e in at.error if e.value.startswith("Chưa sửa hạn nộp")]
    assert refused and "1 đơn vị đã nộp đúng hạn sẽ bị tính là nộp muộn (Huyện Mường Khương)" in refused[0], refused
    assert store.periods()[0]["deadline"] == before  # nothing changed
    at.checkbox(key="deadline_confirm").check()
    next(b for b in at.button if b.label == "Sửa hạn nộp").click().run()
    assert any(s.value.startswith("Đã sửa hạn nộp thành") for s in at.success)
    assert store.periods()[0]["deadline"] != before


def test_a_version_replaced_before_review_says_so_not_awaiting_review(period, boundary_env):
    """Version 1 read "chờ duyệt" beside its correction, version 2 (a helper's review): the province reviews the
    latest version only."""
    store, period_id = period
    from lc_metrics.service.intake import submit
    from lc_metrics.store.auth import User

    for installs in (6_500, 6_630):
        upload = district_file("083", {**FIGURES["083"], "installs": installs})
        submit(store, User("mk", "uploader", "083"), period_id, "083", upload, dt.datetime.now(dt.UTC))
    at = page("pages/district.py", "mk")
    (table,) = [t for h in at.get("html") for t in frame_tables(h.proto.body) if "Duyệt" in t.headers]
    assert table.column("Duyệt") == ["đã được thay thế bằng lần 2", "chờ duyệt"]


def test_one_point_is_recorded_only_once_chosen_with_its_result(period, boundary_env):
    """The form for one point starts with no point and no result chosen: "Ghi nhận" alone records nothing and says
    what to choose (it recorded the first point of the list as guided); chosen, the point's result is recorded."""
    from lc_metrics.core.point_register import POINTS_SCHEMA

    store, period_id = period
    # Pha Long's two points, one of Tung Chung Phố and one of Thị trấn Mường Khương (listed after the 'X's before)
    rows = [register_point(code, f"Quán {code}", "083", "02752") for code in ("MK-1", "MK-2")]
    rows += [register_point("MK-3", "Quán MK-3", "083", "02758"), register_point("MK-4", "Quán MK-4", "083", "02761")]
    register_id = store.save_register(
        AS_OF, "diem.csv", b"x", pl.DataFrame(rows, schema=POINTS_SCHEMA), "capnhat", period_id
    )
    at = page("pages/district.py", "mk")
    communes = next(s for s in at.selectbox if s.label == "Xã, phường, thị trấn")
    assert communes.options == ["Tất cả", "Thị trấn Mường Khương", "Xã Pha Long", "Xã Tung Chung Phố"]  # by name
    communes.set_value("02752").run()  # Pha Long: the form offers its points only
    assert next(s for s in at.selectbox if s.label == "Mã điểm").options == ["MK-1 — Quán MK-1", "MK-2 — Quán MK-2"]
    box = next(s for s in at.selectbox if s.label == "Mã điểm")
    result = next(r for r in at.radio if r.label == "Kết quả kiểm tra")
    assert box.value is None and result.value is None
    next(b for b in at.button if b.label == "Ghi nhận").click().run()
    assert any(e.value.startswith("Chọn điểm và kết quả kiểm tra") for e in at.error), [e.value for e in at.error]
    assert store.point_actions(register_id).is_empty()
    next(s for s in at.selectbox if s.label == "Mã điểm").set_value("MK-2")
    next(r for r in at.radio if r.label == "Kết quả kiểm tra").set_value("removed")
    next(t for t in at.text_input if t.label == "Ghi chú").input("Cơ sở đã ngừng hoạt động")
    next(b for b in at.button if b.label == "Ghi nhận").click().run()
    assert not at.exception, [e.value for e in at.exception]
    actions = store.point_actions(register_id)
    assert actions.select("point_code", "action").rows() == [("MK-2", "removed")]


@pytest.mark.parametrize(
    ("days_later", "said"),
    [
        (None, "(chưa có danh sách kỳ sau)"),
        (7, "(danh sách ngày 7/7/2021)"),
        (30, "(danh sách kỳ sau, ngày 30/7/2021, lập sau thời hạn nên không tính là xác minh trong hạn)"),
    ],
)
def test_the_board_says_which_register_verifies_the_follow_up_within_its_14_days(
    period, boundary_env, days_later, said
):
    """The follow-up table's line names the register, the window's last day and the register that verified it —
    or that the next one came too late to count (its shares then 0,0%, which read as a contradiction of the
    district's page without it)."""
    from lc_metrics.core.point_register import POINTS_SCHEMA

    store, period_id = period
    frame = pl.DataFrame([register_point("MK-1", "Quán 1", "083", "02752")], schema=POINTS_SCHEMA)
    store.save_register(AS_OF, "diem.csv", b"x", frame, "capnhat", period_id)
    if days_later is not None:
        store.save_register(AS_OF + dt.timedelta(days=days_later), "diem_2.csv", b"y", frame, "capnhat", None)
    at = page("pages/reporting.py")
    caption = next(c.value for c in at.caption if c.value.startswith("Theo danh sách điểm ngày 30/6/2021:"))
    assert "đến ngày 14/7/2021 (trong 14 ngày)" in caption and said in caption, caption
