"""Staff sessions and password hashes below the browser: a hand-over code works once and only in time, a
session ends on sign-out, expiry, a changed password or a removed user; old hashes are upgraded at sign-in
without touching the rest of the secrets file; the framework's metrics answer only the machine itself."""

from __future__ import annotations

import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from lc_app.web import SECURITY_HEADERS, SecurityHeaders
from lc_metrics.store import auth
from lc_metrics.store.auth import (
    User,
    add_user,
    attempt_sign_in,
    begin_session,
    claim_session,
    load_users,
    session_user,
    verify_password,
)
from lc_metrics.store.store import open_store

PASSWORD = "cap-nhat-2021!"


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "store.sqlite", seed=False)


@pytest.fixture
def secrets(tmp_path):
    path = tmp_path / "secrets.toml"
    add_user("capnhat", "uploader", PASSWORD, path)
    return path


def test_a_hand_over_code_gives_one_token_once(store, secrets):
    session_id, code = begin_session(store, User("capnhat", "uploader"), secrets)
    assert session_user(store, session_id=session_id, path=secrets)[0] == User("capnhat", "uploader")
    token = claim_session(store, code)
    assert token and token != code
    assert claim_session(store, code) is None  # a code seen twice (copied from the page) is worthless
    assert session_user(store, token=token, path=secrets) == (User("capnhat", "uploader"), session_id)
    assert session_user(store, token=token[:-1] + ("A" if token[-1] != "A" else "B"), path=secrets) is None
    row = store.staff_session(session_id=session_id)
    with store.connect() as conn:  # the store keeps hashes only
        kept = conn.execute("SELECT handover_hash, token_hash FROM staff_sessions").fetchone()
    assert kept == (None, hashlib.sha256(token.encode()).hexdigest()) and row["ended_at"] is None


def test_a_late_code_is_refused(store, secrets, monkeypatch):
    monkeypatch.setattr(auth, "HANDOVER_SECONDS", -1)
    _, code = begin_session(store, User("capnhat", "uploader"), secrets)
    assert claim_session(store, code) is None


@pytest.mark.parametrize("ending", ["sign_out", "expired", "credential_changed", "user_removed"])
def test_a_session_ends(store, secrets, tmp_path, monkeypatch, ending):
    if ending == "expired":
        monkeypatch.setenv("LCM_SESSION_SECONDS", "1")
    session_id, code = begin_session(store, User("capnhat", "uploader"), secrets)
    token = claim_session(store, code)
    if ending == "sign_out":
        store.end_staff_session(session_id, "sign_out")
    elif ending == "expired":
        with store.connect(write=True) as conn:
            conn.execute("UPDATE staff_sessions SET expires_at = '2001-01-01T00:00:00+00:00'")
    elif ending == "credential_changed":
        add_user("capnhat", "uploader", "mat-khau-moi-2026", secrets)
    else:
        secrets.write_text(secrets.read_text().replace("[lcm_users.capnhat]", "[lcm_users.nguoikhac]"))
    assert session_user(store, token=token, path=secrets) is None
    assert store.staff_session(session_id=session_id)["ended_at"] is not None
    with store.connect() as conn:
        assert conn.execute("SELECT ended_why FROM staff_sessions").fetchone()[0] == ending


def test_the_role_comes_from_the_secrets_file_at_each_run(store, secrets):
    session_id, _ = begin_session(store, User("capnhat", "uploader"), secrets)
    text = secrets.read_text().replace('role = "uploader"', 'role = "admin"')
    secrets.write_text(text)  # same hash: the session lives on, with the new role
    assert session_user(store, session_id=session_id, path=secrets)[0].role == "admin"


def test_old_hashes_are_upgraded_at_sign_in_and_comments_kept(store, tmp_path):
    path = tmp_path / "secrets.toml"
    salt = b"0123456789abcdef"
    old_digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    import base64

    old = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(old_digest).decode()}"
    path.write_text(
        '# kept by the administrator\n[auth]\nredirect_uri = "https://x.example/oauth2callback"\n\n'
        f'[lcm_users.capnhat]\nrole = "uploader" # district office\npassword_hash = "{old}"\n'
    )
    assert attempt_sign_in(store, "capnhat", PASSWORD, "192.0.2.1", path).user is not None
    upgraded = load_users(path)["capnhat"][1]
    assert upgraded.startswith("scrypt$16384$8$5$") and verify_password(PASSWORD, upgraded)
    text = path.read_text()
    assert "# kept by the administrator" in text and "# district office" in text
    assert 'redirect_uri = "https://x.example/oauth2callback"' in text
    assert attempt_sign_in(store, "capnhat", PASSWORD, "192.0.2.1", path).user is not None


def test_a_hash_asking_for_absurd_memory_is_refused_not_computed():
    assert verify_password("x", "scrypt$1073741824$8$1$AAAA$AAAA") is False
    assert verify_password("x", "scrypt$16384$8$1000$AAAA$AAAA") is False


def call_middleware(path: str, client: tuple[str, int]) -> tuple[int, dict[bytes, bytes]]:
    async def inner(scope, receive, send):  # the framework's answer: 200 and a body
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"active_sessions 3"})

    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [],
        "client": client,
        "server": ("127.0.0.1", 8501),
        "scheme": "http",
    }
    with ThreadPoolExecutor(1) as pool:  # its own event loop: Playwright may hold this thread's
        pool.submit(asyncio.run, SecurityHeaders(inner)(scope, receive, send)).result()
    return sent[0]["status"], dict(sent[0]["headers"])


@pytest.mark.parametrize(
    ("client", "status"),
    [(("127.0.0.1", 5000), 200), (("::1", 5000), 200), (("203.0.113.7", 5000), 404), (("10.0.0.5", 5000), 404)],
)
def test_metrics_answer_the_machine_only(client, status):
    assert call_middleware("/_stcore/metrics", client)[0] == status


def test_every_response_carries_the_security_headers():
    status, headers = call_middleware("/overview", ("203.0.113.7", 5000))
    assert status == 200
    for name, value in SECURITY_HEADERS:
        assert headers[name] == value
