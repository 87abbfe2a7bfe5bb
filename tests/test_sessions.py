"""Staff sessions and password hashes below the browser: a hand-over code works once and only in time, a
session ends on sign-out, expiry, a reset password, a removed or disabled account; old hashes are upgraded at
sign-in in the store (the secrets file they were taken over from is never written); the framework's metrics
answer only the machine itself."""

from __future__ import annotations

import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from lc_app.web import SECURITY_HEADERS, SecurityHeaders
from lc_metrics.store import auth
from lc_metrics.store.auth import (
    User,
    attempt_sign_in,
    begin_session,
    claim_session,
    create_account,
    reset_password,
    session_user,
    set_disabled,
    set_role,
    verify_password,
)
from lc_metrics.store.store import open_store

PASSWORD = "cap-nhat-2021!"


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "store.sqlite", seed=False)
    create_account(store, "quantri", "admin", "quan-tri-2021!", "test")
    create_account(store, "capnhat", "uploader", PASSWORD, "test")
    return store


def test_a_hand_over_code_gives_one_token_once(store):
    session_id, code = begin_session(store, User("capnhat", "uploader"))
    assert session_user(store, session_id=session_id)[0] == User("capnhat", "uploader")
    token = claim_session(store, code)
    assert token and token != code
    assert claim_session(store, code) is None  # a code seen twice (copied from the page) is worthless
    assert session_user(store, token=token) == (User("capnhat", "uploader"), session_id)
    assert session_user(store, token=token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    row = store.staff_session(session_id=session_id)
    with store.connect() as conn:  # the store keeps hashes only
        kept = conn.execute("SELECT handover_hash, token_hash FROM staff_sessions").fetchone()
    assert kept == (None, hashlib.sha256(token.encode()).hexdigest()) and row["ended_at"] is None


def test_a_late_code_is_refused(store, monkeypatch):
    monkeypatch.setattr(auth, "HANDOVER_SECONDS", -1)
    _, code = begin_session(store, User("capnhat", "uploader"))
    assert claim_session(store, code) is None


@pytest.mark.parametrize(
    ("ending", "why"),
    [
        ("sign_out", "sign_out"),
        ("expired", "expired"),
        ("password_reset", "password_reset"),  # ended by the reset itself, in its transaction
        ("credential_changed", "credential_changed"),  # a hash changed behind the app's back: seen at the next run
        ("user_removed", "user_removed"),
        ("disabled", "account_disabled"),  # ended by the administrator's disabling, in its transaction
        ("flagged", "account_disabled"),  # the flag set behind the app's back: seen at the next run
    ],
)
def test_a_session_ends(store, monkeypatch, ending, why):
    session_id, code = begin_session(store, User("capnhat", "uploader"))
    token = claim_session(store, code)
    if ending == "sign_out":
        store.end_staff_session(session_id, "sign_out")
    elif ending == "expired":
        with store.connect(write=True) as conn:
            conn.execute("UPDATE staff_sessions SET expires_at = '2001-01-01T00:00:00+00:00'")
    elif ending == "password_reset":
        reset_password(store, "capnhat", "quantri", "mat-khau-moi-2026")
    elif ending == "credential_changed":
        with store.connect(write=True) as conn:
            conn.execute("UPDATE accounts SET password_hash = ?", (auth.hash_password("mat-khau-moi-2026"),))
    elif ending == "user_removed":
        with store.connect(write=True) as conn:
            conn.execute("DELETE FROM accounts WHERE name = 'capnhat'")
    elif ending == "disabled":
        set_disabled(store, "capnhat", True, "quantri")
    else:
        with store.connect(write=True) as conn:
            conn.execute("UPDATE accounts SET disabled = 1 WHERE name = 'capnhat'")
    assert session_user(store, token=token) is None
    assert store.staff_session(session_id=session_id)["ended_at"] is not None
    with store.connect() as conn:
        assert conn.execute("SELECT ended_why FROM staff_sessions").fetchone()[0] == why


def test_the_role_comes_from_the_store_at_each_run(store):
    session_id, _ = begin_session(store, User("capnhat", "uploader"))
    set_role(store, "capnhat", "uploader", "083", "quantri")  # same hash: the session lives on, with the district
    assert session_user(store, session_id=session_id)[0] == User("capnhat", "uploader", "083")
    set_role(store, "capnhat", "admin", None, "quantri")
    assert session_user(store, session_id=session_id)[0].role == "admin"


def test_old_hashes_taken_over_are_upgraded_in_the_store_and_the_file_is_never_written(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    salt = b"0123456789abcdef"
    old_digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    import base64

    old = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(old_digest).decode()}"
    path.write_text(
        '# kept by the administrator\n[auth]\nredirect_uri = "https://x.example/oauth2callback"\n\n'
        f'[lcm_users.capnhat]\nrole = "uploader" # district office\npassword_hash = "{old}"\n'
    )
    before = path.read_bytes()
    monkeypatch.setenv("LCM_SECRETS", str(path))
    monkeypatch.delenv("LCM_TEST_LOW_PASSWORD_WORK")  # upgraded to the real setting, as in a deployment
    store = open_store(tmp_path / "store.sqlite", seed=False)
    assert store.account("capnhat")["password_hash"] == old  # taken over as it is
    assert attempt_sign_in(store, "capnhat", PASSWORD, "192.0.2.1").user is not None
    upgraded = store.account("capnhat")["password_hash"]
    assert upgraded.startswith("scrypt$16384$8$5$") and verify_password(PASSWORD, upgraded)
    assert path.read_bytes() == before
    assert attempt_sign_in(store, "capnhat", PASSWORD, "192.0.2.1").user is not None


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
