"""Accounts in the store, through the pages (AppTest): the secrets file's accounts taken over once and the
administrator told so; a one-time password shown once, which its owner must then change in the sidebar; an
account disabled (its sessions end, it cannot sign in); the refusals said. And two app servers on one
PostgreSQL database: an account made on one signs in on the other (Chromium)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.store.auth import authenticate, begin_session, session_user
from lc_metrics.store.store import open_store
from tests.appendix_tables import page_frames
from tests.conftest import ADMIN_PASSWORD, ROOT, UPLOADER_PASSWORD, sign_in

APP = str(ROOT / "app.py")


def admin_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    sign_in(at, "quantri", ADMIN_PASSWORD)
    at.switch_page("pages/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def change_account(at: AppTest, name: str, action: str, password: str = "") -> AppTest:
    """The "Sửa một tài khoản" form: the account, the action (its label), a password when it needs one."""
    at.selectbox(key="account_chosen").set_value(name)
    at.radio(key="account_action").set_value(action)
    if password:
        next(box for box in at.text_input if box.label.startswith("Mật khẩu mới")).input(password)
    next(b for b in at.button if b.label == "Thực hiện").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_secrets_files_accounts_are_taken_over_once_and_the_file_never_written(
    store_file, boundary_env, staff_secrets
):
    before = staff_secrets.read_bytes()
    at = admin_page()  # signing in at all needs the take-over: the store had no account before
    notice = " ".join(i.value for i in at.info).replace("\\", "")
    assert "quantri, capnhat" in notice and str(staff_secrets) in notice and "có thể xoá mục [lcm_users]" in notice
    store = open_store(store_file)
    open_store(store_file)  # opened again (another worker, a command): nothing taken twice
    entries = [e for e in store.audit_entries() if e["action"] == "accounts_taken_over"]
    assert [e["detail"]["names"] for e in entries] == [["quantri", "capnhat"]]
    assert entries[0]["actor"] == "system" and entries[0]["detail"]["file"] == str(staff_secrets)
    assert staff_secrets.read_bytes() == before
    table = page_frames(at)[0]
    assert table["Tên đăng nhập"].tolist() == ["capnhat", "quantri"]
    assert table["Trạng thái"].tolist() == ["đang dùng", "đang dùng"]


def test_a_one_time_password_is_shown_once_and_its_owner_must_change_it(store_file, boundary_env, staff_secrets):
    at = change_account(admin_page(), "capnhat", "one_time")
    assert any("Đã đặt lại mật khẩu của capnhat" in s.value for s in at.success)
    one_time = at.code[0].value
    assert len(one_time) >= 16
    store = open_store(store_file)
    assert store.account("capnhat")["must_change"] is True
    assert authenticate(store, "capnhat", UPLOADER_PASSWORD) is None
    at.run()  # the next run: the password is not shown again
    assert not at.code
    owner = AppTest.from_file(APP, default_timeout=60)
    owner.run()
    sign_in(owner, "capnhat", one_time)
    assert any("mật khẩu một lần" in w.value for w in owner.sidebar.warning)
    boxes = {box.label: box for box in owner.sidebar.text_input}
    boxes["Mật khẩu hiện tại"].input(one_time)
    boxes["Mật khẩu mới (ít nhất 10 ký tự)"].input("mat-khau-rieng-2026")
    boxes["Nhập lại mật khẩu mới"].input("mat-khau-rieng-2026")
    next(b for b in owner.button if b.label == "Đổi mật khẩu").click().run()
    assert not owner.exception, [e.value for e in owner.exception]
    assert any("Đã đổi mật khẩu" in s.value for s in owner.sidebar.success)
    assert any("Đã đăng nhập: capnhat" in c.value for c in owner.sidebar.caption)  # this session goes on
    assert store.account("capnhat")["must_change"] is False
    assert authenticate(store, "capnhat", "mat-khau-rieng-2026") is not None
    assert authenticate(store, "capnhat", one_time) is None
    actions = [e["action"] for e in store.audit_entries()]
    assert "account_password_reset" in actions and "account_password_changed" in actions


@pytest.mark.parametrize(
    ("current", "new", "again", "said"),
    [
        ("sai-mat-khau-hien-tai", "mat-khau-rieng-2026", "mat-khau-rieng-2026", "Mật khẩu hiện tại không đúng."),
        (UPLOADER_PASSWORD, "ngan", "ngan", "Mật khẩu cần ít nhất 10 ký tự."),
        (UPLOADER_PASSWORD, "mat-khau-rieng-2026", "mat-khau-khac-2026", "Hai lần nhập mật khẩu mới không khớp."),
        (UPLOADER_PASSWORD, UPLOADER_PASSWORD, UPLOADER_PASSWORD, "Mật khẩu mới phải khác mật khẩu hiện tại."),
    ],
)
def test_an_own_password_change_refused_changes_nothing(
    store_file, boundary_env, staff_secrets, current, new, again, said
):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    sign_in(at, "capnhat", UPLOADER_PASSWORD)
    assert not [box for box in at.sidebar.text_input if box.label == "Mật khẩu hiện tại"]  # drawn once opened
    at.session_state["own_password_panel"] = True  # what a click on the closed panel sends
    at.run()
    boxes = {box.label: box for box in at.sidebar.text_input}
    boxes["Mật khẩu hiện tại"].input(current)
    boxes["Mật khẩu mới (ít nhất 10 ký tự)"].input(new)
    boxes["Nhập lại mật khẩu mới"].input(again)
    next(b for b in at.button if b.label == "Đổi mật khẩu").click().run()
    assert [e.value for e in at.sidebar.error] == [said]
    assert authenticate(open_store(store_file), "capnhat", UPLOADER_PASSWORD) is not None


def test_a_disabled_account_is_signed_out_at_once_and_cannot_sign_in(store_file, boundary_env, staff_secrets):
    store = open_store(store_file)
    from lc_metrics.store.auth import User

    session_id, _ = begin_session(store, User("capnhat", "uploader"))  # capnhat is signed in somewhere
    at = change_account(admin_page(), "capnhat", "disable")
    assert any("Đã khoá tài khoản capnhat" in s.value for s in at.success)
    assert page_frames(at)[0]["Trạng thái"].tolist() == ["đã khoá", "đang dùng"]
    assert store.staff_session(session_id=session_id)["ended_at"] is not None
    assert session_user(store, session_id=session_id) is None
    viewer = AppTest.from_file(APP, default_timeout=60)
    viewer.run()
    sign_in(viewer, "capnhat", UPLOADER_PASSWORD)
    assert [e.value for e in viewer.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    change_account(at, "quantri", "disable")  # the administrator's own account: refused
    assert [e.value for e in at.error] == ["Quản trị viên không tự khoá tài khoản của mình."]
    change_account(at, "capnhat", "enable")
    assert authenticate(store, "capnhat", UPLOADER_PASSWORD) is not None


def test_adding_an_existing_name_is_refused(store_file, boundary_env, staff_secrets):
    at = admin_page()
    at.text_input(key="account_add_name").input("capnhat")
    next(box for box in at.text_input if box.label.startswith("Mật khẩu (ít nhất")).input("mot-mat-khau-dai")
    next(b for b in at.button if b.label == "Lưu tài khoản").click().run()
    assert [e.value for e in at.error][0].startswith("Đã có tài khoản tên này")
    assert authenticate(open_store(store_file), "capnhat", UPLOADER_PASSWORD) is not None


@pytest.mark.browser
def test_two_app_servers_on_one_postgresql_share_an_account(tmp_path, postgres_url, browser, staff_secrets):
    """Server A and server B (two processes, as on two machines) on one PostgreSQL database, the same secrets
    file: the administrator adds an account on A's admin page; it signs in on B."""
    from tests.conftest import running_streamlit, sign_in_browser

    environment = {"LCM_DATABASE_URL": postgres_url, "LCM_SECRETS": str(staff_secrets)}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        running_streamlit(tmp_path / "a", **environment) as first,
        running_streamlit(tmp_path / "b", **environment) as second,
    ):
        second_context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        second_page = second_context.new_page()  # B is in use (its store opened) before the account exists
        second_page.goto(second["url"] + "/upload")
        second_page.get_by_text("Đăng nhập (cán bộ được phân quyền)").wait_for(timeout=60_000)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.goto(first["url"] + "/admin")
        sign_in_browser(page, "quantri", ADMIN_PASSWORD)
        page.get_by_text("Thêm tài khoản", exact=True).wait_for(timeout=60_000)
        form = page.get_by_test_id("stForm").filter(has_text="Thêm tài khoản")
        form.get_by_label("Tên đăng nhập").fill("vp.bacha")
        form.get_by_label("Mật khẩu (ít nhất 10 ký tự)").fill("bac-ha-2021!!")
        form.get_by_role("button", name="Lưu tài khoản").click()
        page.get_by_text("Đã lưu tài khoản vp.bacha.").wait_for(timeout=30_000)
        context.close()
        sign_in_browser(second_page, "vp.bacha", "bac-ha-2021!!")
        second_context.close()
    store = open_store(postgres_url)
    assert store.account("vp.bacha")["created_by"] == "quantri"
    assert [e["detail"]["names"] for e in store.audit_entries() if e["action"] == "accounts_taken_over"] == [
        ["quantri", "capnhat"]
    ]
