"""Sign-in (salted hashes in a secrets file, throttling), the add-user command and the
administrator's boundary upload, through AppTest and a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from geo.sources import resolve_source
from lc_metrics.store.auth import MAX_FAILURES, authenticate, hash_password, verify_password
from lc_metrics.store.store import open_store
from tests.conftest import ADMIN_PASSWORD, ROOT, UPLOADER_PASSWORD, cli_in_process, sign_in
from tests.geo_files import district_boxes, write_geojson

APP = str(ROOT / "app.py")


@pytest.fixture
def secrets_file(staff_secrets):
    return staff_secrets


def test_hashes_are_salted_and_verified():
    first, second = hash_password("mat-khau-dai"), hash_password("mat-khau-dai")
    assert first != second and first.startswith("scrypt$")
    assert verify_password("mat-khau-dai", first) and not verify_password("mat-khau-sai", first)
    assert not verify_password("mat-khau-dai", "plain-text") and not verify_password("x", "scrypt$1$2$3$%%$%%")


def test_unknown_names_and_disabled_accounts_cost_the_same_scrypt_work(store_file, monkeypatch):
    """A sign-in for a name that has no account, or a disabled one, computes scrypt with the parameters of a
    real account's hash (a wrong password for it the same): the time taken tells nobody which names exist."""
    import hashlib

    from lc_metrics.store import auth

    store = open_store(store_file)
    auth.create_account(store, "nguyenvana", "uploader", "mot-mat-khau-dai", "quantri")
    auth.create_account(store, "tranb", "uploader", "mot-mat-khau-dai", "quantri")
    auth.set_disabled(store, "tranb", True, "quantri")
    computed = []
    real_scrypt = hashlib.scrypt

    def counted(password, **parameters):
        computed.append({k: parameters[k] for k in ("n", "r", "p", "dklen")})
        return real_scrypt(password, **parameters)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    signed_in = [
        authenticate(store, name, password) is not None
        for name, password in (
            ("nguyenvana", "mot-mat-khau-dai"),
            ("nguyenvana", "mat-khau-sai-roi"),
            ("khongcoai", "mot-mat-khau-dai"),
            ("tranb", "mot-mat-khau-dai"),
        )
    ]
    assert signed_in == [True, False, False, False]
    assert len(computed) == 4 and all(c == computed[0] for c in computed), computed
    n, r, p = auth.scrypt_work()
    assert computed[0] == {"n": n, "r": r, "p": p, "dklen": 32}


def test_a_deployment_hashes_at_the_owasp_setting_and_upgrades_the_tests_low_work(store_file, monkeypatch):
    """Without the tests' variable: new hashes and the check of an unknown name at N=2^14, r=8, p=5; a hash
    made at the tests' low work is upgraded at its next sign-in."""
    import hashlib

    from lc_metrics.store import auth

    monkeypatch.setenv(auth.LOW_WORK_ENV, "1")
    low = auth.hash_password("mot-mat-khau-dai")
    assert low.startswith("scrypt$1024$8$1$")
    monkeypatch.delenv(auth.LOW_WORK_ENV)
    assert auth.scrypt_work() == (2**14, 8, 5)
    real = auth.hash_password("mot-mat-khau-dai")
    assert real.startswith("scrypt$16384$8$5$") and auth.verify_password("mot-mat-khau-dai", real)
    assert auth.needs_rehash(low) and not auth.needs_rehash(real)
    computed = []
    real_scrypt = hashlib.scrypt

    def counted(password, **parameters):
        computed.append((parameters["n"], parameters["r"], parameters["p"]))
        return real_scrypt(password, **parameters)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    assert authenticate(open_store(store_file), "khongcoai", "mot-mat-khau-dai") is None
    assert computed == [(2**14, 8, 5)]


def test_secrets_are_parsed_again_only_when_the_file_changes(tmp_path):
    from lc_metrics.store.auth import read_secrets

    path = tmp_path / "secrets.toml"
    path.write_text('[lcm_users.a]\nrole = "admin"\n', encoding="utf-8")
    first = read_secrets(path)
    first["lcm_users"]["a"]["role"] = "uploader"  # a caller changing its copy changes nothing kept
    assert read_secrets(path) == {"lcm_users": {"a": {"role": "admin"}}}
    path.write_text('[lcm_users.b]\nrole = "admin"\n', encoding="utf-8")  # same size, new content
    assert read_secrets(path) == {"lcm_users": {"b": {"role": "admin"}}}
    path.unlink()
    assert read_secrets(path) == {}


def test_add_user_command_writes_the_store_never_the_secrets_file(tmp_path):
    path, store_path = tmp_path / "secrets.toml", tmp_path / "store.sqlite"
    path.write_text('[auth]\nclient_id = "abc"\ncookie_secret = "s"\n', encoding="utf-8")
    before = path.read_bytes()
    env = {"LCM_SECRETS": str(path), "LCM_STORE": str(store_path), "PATH": "/usr/bin:/bin"}
    for command in (["add-user", "NguyenVanA", "--role", "uploader"], ["user", "add", "tranb", "--role", "admin"]):
        done = subprocess.run(
            [sys.executable, "-m", "lc_metrics", *command, "--password-stdin"],
            input="mot-mat-khau-dai\n",
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert done.returncode == 0, done.stderr
    assert path.read_bytes() == before
    store = open_store(store_path)
    account = store.account("nguyenvana")
    assert account["role"] == "uploader" and account["password_hash"].startswith("scrypt$")
    assert "mot-mat-khau-dai" not in account["password_hash"]
    assert authenticate(store, "nguyenvana", "mot-mat-khau-dai").role == "uploader"
    assert authenticate(store, "tranb", "mot-mat-khau-dai").role == "admin"
    entry = next(e for e in store.audit_entries() if e["action"] == "account_created")
    assert entry["detail"]["names"] == ["tranb"] and "mot-mat-khau-dai" not in json.dumps(entry)


@pytest.mark.parametrize(
    ("args", "password", "code"),
    [
        (["add-user", "ab", "--role", "admin", "--password-stdin"], "ngan\n", 1),
        (["add-user", "a b!", "--role", "admin", "--password-stdin"], "mot-mat-khau-dai\n", 1),
        (["add-user", "abc", "--role", "boss", "--password-stdin"], "mot-mat-khau-dai\n", 2),
        (["add-user", "abc", "--role", "admin"], "mot-mat-khau-dai\n", 2),
        (
            ["user", "add", "abc", "--role", "uploader", "--district", "999", "--password-stdin"],
            "mot-mat-khau-dai\n",
            1,
        ),
        (["user", "passwd", "khongco", "--one-time"], "", 1),
        (["user", "disable", "khongco"], "", 1),
    ],
)
def test_add_user_refusals_change_nothing(tmp_path, args, password, code):
    path, store_path = tmp_path / "secrets.toml", tmp_path / "store.sqlite"
    env = {"LCM_SECRETS": str(path), "LCM_STORE": str(store_path), "PATH": "/usr/bin:/bin"}
    done = cli_in_process(env, *args, stdin=password)  # the commands' own process: the test above
    assert done.returncode == code and done.stderr and not path.exists()
    assert not store_path.exists() or open_store(store_path).accounts() == []


def app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    return at


def test_sign_in_form_is_drawn_only_once_its_panel_is_opened(store_file, boundary_env, secrets_file):
    """A viewer's page carries the closed panel, not the form's widgets (each costs every viewer); opening
    the panel draws the form, and signing in works."""
    at = app()
    assert [e.label for e in at.sidebar.expander] == ["Đăng nhập (cán bộ được phân quyền)"]
    assert not at.text_input and not at.button
    sign_in(at, "quantri")
    assert any("Đã đăng nhập: quantri" in c.value for c in at.sidebar.caption)


def test_admin_page_asks_viewers_to_sign_in(store_file, boundary_env, secrets_file):
    at = app()
    at.switch_page("pages/admin.py").run()
    assert [w.value for w in at.warning] == [
        "Trang này dành cho cán bộ được phân quyền: đăng nhập ở thanh bên trái (trên điện thoại: bấm nút “Các trang” "
        "ở góc trên để mở thanh bên)."
    ]
    assert not at.file_uploader


def test_uploader_is_refused_the_admin_page(store_file, boundary_env, secrets_file):
    at = sign_in(app(), "capnhat", UPLOADER_PASSWORD)
    assert any("Đã đăng nhập: capnhat (cập nhật dữ liệu)" in c.value for c in at.caption)
    at.switch_page("pages/admin.py").run()
    assert [e.value for e in at.error] == ["Tài khoản của bạn không có quyền quản trị."]


def test_wrong_passwords_are_throttled_and_logged(store_file, boundary_env, secrets_file):
    at = app()
    for _ in range(MAX_FAILURES):
        sign_in(at, "quantri", "sai-mat-khau")
        assert [e.value for e in at.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    sign_in(at, "quantri", ADMIN_PASSWORD)  # right password, but this computer must wait now
    assert at.error[0].value.startswith("Đăng nhập sai nhiều lần từ máy này: thử lại sau")
    assert not any("Đã đăng nhập" in c.value for c in at.caption)
    actions = [e["action"] for e in open_store(store_file).audit_entries()]
    assert actions.count("sign_in_failed") == MAX_FAILURES and "sign_in" not in actions


def test_admin_uploads_boundaries_checked_then_used_by_the_map(store_file, boundary_env, secrets_file, tmp_path):
    at = sign_in(app(), "quantri", ADMIN_PASSWORD)
    at.switch_page("pages/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    data = write_geojson(
        district_boxes(extra=[("Vùng lạ <script>", (103.95, 22.45, 103.96, 22.46))]), tmp_path / "b.geojson"
    ).read_bytes()
    at.file_uploader(key="boundary_upload_districts").upload(
        "ranh_gioi_huyen.geojson", data, "application/geo+json"
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Khớp 9/9 đơn vị hành chính từ 10 đối tượng" in m.value for m in at.markdown)
    assert any("Vùng lạ \\<script\\>" in w.value for w in at.warning)  # shown escaped, never as HTML
    preview = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert len(preview["layers"][0]["data"]["features"]) == 9
    assert resolve_source("districts").source is None  # nothing stored before the administrator confirms
    next(b for b in at.button if b.label == "Dùng tệp này làm ranh giới").click().run()
    source = resolve_source("districts").source
    assert source.kind == "uploaded" and source.provenance["uploaded_by"] == "quantri"
    entry = next(e for e in open_store(store_file).audit_entries() if e["action"] == "boundary_upload")
    assert entry["actor"] == "quantri" and entry["detail"]["matched"] == 9
    at.switch_page("pages/map.py").run()
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert deck["layers"][0]["@@type"] == "GeoJsonLayer"
    assert any("ranh_gioi_huyen.geojson" in c.value and "quản trị viên tải lên" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("ranh_gioi.zip", "zip-without-layer", "tệp .zip không chứa lớp bản đồ"),
        ("ranh_gioi.geojson", b"{not json", "không phải tệp GeoJSON"),
        ("ranh_gioi.geojson", b'{"type": "FeatureCollection", "features": []}', "không có đối tượng nào"),
    ],
)
def test_bad_boundary_uploads_change_nothing(store_file, boundary_env, secrets_file, name, data, reason):
    if data == "zip-without-layer":
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("ghi_chu.txt", "không có bản đồ")
        data = buffer.getvalue()
    at = sign_in(app(), "quantri", ADMIN_PASSWORD)
    at.switch_page("pages/admin.py").run()
    at.file_uploader(key="boundary_upload_districts").upload(name, data, "application/octet-stream").run()
    assert any(reason in e.value and "Không có thay đổi nào" in e.value for e in at.error), [e.value for e in at.error]
    assert resolve_source("districts").source is None


def test_oidc_configured_replaces_the_form_with_st_login(store_file, boundary_env, tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    path.write_text(
        '[auth]\nclient_id = "lao-cai"\nclient_secret = "s"\nredirect_uri = "http://127.0.0.1/oauth2callback"\n'
        'cookie_secret = "c"\nserver_metadata_url = "https://idp.example/.well-known/openid-configuration"\n'
        '[lcm_roles]\n"a@laocai.gov.vn" = "admin"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("LCM_SECRETS", str(path))
    at = app()
    labels = [b.label for b in at.sidebar.button]
    assert labels == ["Đăng nhập"] and not at.text_input  # a button for st.login, no password form
    from lc_metrics.store.auth import oidc_role, read_secrets

    assert (
        oidc_role("A@laocai.gov.vn", read_secrets(path)) == "admin" and oidc_role("x@y.vn", read_secrets(path)) is None
    )


def test_another_address_signs_in_while_an_attacker_waits(tmp_path, secrets_file):
    """Wrong passwords from one address make that address wait, doubling; the administrator signs in from
    another address at once. Over-long names and passwords are refused without hashing or storing them."""
    import time

    from lc_metrics.store.auth import MAX_FAILURES, attempt_sign_in, backoff_seconds

    store = open_store(tmp_path / "store.sqlite")
    for _ in range(MAX_FAILURES):
        assert attempt_sign_in(store, "quantri", "sai-mat-khau", "203.0.113.9").reason == "failed"
    blocked = attempt_sign_in(store, "quantri", ADMIN_PASSWORD, "203.0.113.9")
    assert blocked.reason == "wait" and 0 < blocked.wait_seconds <= backoff_seconds(MAX_FAILURES)
    other = attempt_sign_in(store, "quantri", ADMIN_PASSWORD, "198.51.100.7")
    assert other.user is not None and other.user.role == "admin"
    assert [backoff_seconds(n) for n in range(MAX_FAILURES - 1, MAX_FAILURES + 8)] == [
        0,
        15,
        30,
        60,
        120,
        240,
        480,
        900,
        900,
    ]
    started = time.process_time()  # CPU time (no 5 MB hashed): the wall time grows with other work on the machine
    long_password = attempt_sign_in(store, "quantri", "x" * 5_000_000, "192.0.2.1")
    assert long_password.reason == "failed" and time.process_time() - started < 0.2
    assert attempt_sign_in(store, "a" * 2_000_000, "whatever-123", "192.0.2.1").reason == "failed"
    with store.connect() as conn:
        longest = conn.execute("SELECT MAX(LENGTH(name)) FROM sign_in_attempts").fetchone()[0]
    assert longest <= 64
