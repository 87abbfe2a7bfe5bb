"""E-mail reminders with a cooldown, sent in the background: one reminder per district per interval (kept in
the store, on SQLite and PostgreSQL), five presses of the board's button send one batch, a slow or silent mail
server on 127.0.0.1 never holds the page (it answers within a second) and the outcome is kept and said.

The mail servers here are real sockets on 127.0.0.1: aiosmtpd with a handler that takes its time, and a tiny
SMTP server of this file whose every reply comes late (or never)."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time

import pytest

from lc_metrics.reporting.board import period_status
from lc_metrics.reporting.periods import open_period, set_schedule
from lc_metrics.reporting.reminders import (
    claim_batch,
    district_recipients,
    last_reminder,
    send_batch,
    smtp_settings,
)
from lc_metrics.reporting.schedule import VIETNAM, Schedule, to_utc_text
from lc_metrics.store.store import open_store
from tests.conftest import free_port
from tests.test_reporting import AFTER, AS_OF, DEADLINE
from tests.test_reporting_pages import accounts, page, period  # noqa: F401 - fixtures

T0 = dt.datetime(2021, 7, 2, 10, 0, tzinfo=dt.UTC)


class SlowSmtp:
    """An SMTP server on 127.0.0.1 answering every command after ``delay`` seconds (``silent``: it accepts
    the connection and never says anything). Keeps the recipients of each message it accepted."""

    def __init__(self, delay: float, silent: bool = False) -> None:
        self.delay, self.silent = delay, silent
        self.port = free_port()
        self.accepted: list[list[str]] = []
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self._listener.settimeout(0.2)
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            threading.Thread(target=self._session, args=(connection,), daemon=True).start()

    def _reply(self, connection: socket.socket, text: str) -> None:
        time.sleep(self.delay)
        connection.sendall(text.encode() + b"\r\n")

    def _session(self, connection: socket.socket) -> None:
        with connection:
            if self.silent:
                self._stop.wait(30)
                return
            stream = connection.makefile("rb")
            try:
                self._reply(connection, "220 slow.test ESMTP")
                recipients: list[str] = []
                while line := stream.readline():
                    command = line.decode().strip().upper()
                    if command.startswith(("EHLO", "HELO")):
                        self._reply(connection, "250 slow.test")
                    elif command.startswith("MAIL"):
                        recipients = []
                        self._reply(connection, "250 OK")
                    elif command.startswith("RCPT"):
                        recipients.append(line.decode().split(":", 1)[1].strip(" <>\r\n"))
                        self._reply(connection, "250 OK")
                    elif command == "DATA":
                        self._reply(connection, "354 go on")
                        while stream.readline() not in (b".\r\n", b""):
                            pass
                        self.accepted.append(recipients)
                        self._reply(connection, "250 queued")
                    elif command == "QUIT":
                        self._reply(connection, "221 bye")
                        return
                    else:
                        self._reply(connection, "250 OK")
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._listener.close()


@pytest.fixture
def slow_smtp():
    servers: list[SlowSmtp] = []

    def start(delay: float, silent: bool = False) -> SlowSmtp:
        servers.append(SlowSmtp(delay, silent))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def secrets_for(port: int, **smtp: object) -> dict:
    section = {"host": "127.0.0.1", "port": port, "security": "none", "sender": "bluezone@laocai.test", **smtp}
    emails = {"083": ["vp@muongkhuong.test"], "089": "vp@vanban.test"}
    return {"lcm_smtp": section, "lcm_district_emails": emails}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    if request.param == "sqlite":
        return open_store(str(tmp_path / "store.sqlite"))
    return open_store(request.getfixturevalue("postgres_url"))


# --- the cooldown, kept in the store
def test_a_district_is_claimed_once_per_cooldown(store):
    def claim(at: dt.datetime, batch: str, codes=("083", "089")) -> list[str]:
        return store.claim_reminders(
            batch,
            None,
            [(code, [f"vp@{code}.test"]) for code in codes],
            "capnhat",
            to_utc_text(at),
            to_utc_text(at - dt.timedelta(hours=20)),  # reminded ('sent') since then: not again
            to_utc_text(at - dt.timedelta(minutes=2)),  # being sent since then: not again
        )

    assert claim(T0, "a") == ["083", "089"]
    assert claim(T0 + dt.timedelta(seconds=1), "b") == []  # being sent: a second press claims nothing
    store.finish_reminders("a", {"083": None, "089": "TimeoutError: timed out"}, to_utc_text(T0))
    # Văn Bàn's failed: it may be reminded again at once; Mường Khương's went out
    assert claim(T0 + dt.timedelta(minutes=1), "c") == ["089"]
    assert claim(T0 + dt.timedelta(hours=19, minutes=59), "d", ("083",)) == []
    assert claim(T0 + dt.timedelta(hours=20, minutes=1), "e", ("083",)) == ["083"]
    # a batch whose process died ('sending' for longer than a batch may take) does not block for a day
    assert claim(T0 + dt.timedelta(hours=20, minutes=4), "f", ("089",)) == ["089"]
    rows = store.reminders()
    assert [(r["batch"], r["district_code"], r["state"]) for r in rows] == [
        ("f", "089", "sending"),
        ("e", "083", "sending"),
        ("c", "089", "sending"),
        ("a", "089", "failed"),
        ("a", "083", "sent"),
    ]
    assert rows[-1]["recipients"] == ["vp@083.test"] and rows[-1]["claimed_by"] == "capnhat"


def test_the_cooldown_is_configurable_and_twenty_hours_by_default(monkeypatch):
    assert smtp_settings(secrets_for(25)).cooldown_hours == 20  # type: ignore[union-attr]
    assert smtp_settings(secrets_for(25, cooldown_hours=6)).cooldown_hours == 6  # type: ignore[union-attr]
    monkeypatch.setenv("LCM_REMINDER_COOLDOWN_HOURS", "48")
    assert smtp_settings(secrets_for(25, cooldown_hours=6)).cooldown_hours == 48  # type: ignore[union-attr]


# --- a batch's time is bounded, whatever the mail server does
@pytest.fixture
def due_period(tmp_path):
    store = open_store(str(tmp_path / "store.sqlite"))
    set_schedule(store, Schedule("manual"), "quantri")
    period_id, _ = open_period(store, AS_OF, DEADLINE, "quantri", AFTER - dt.timedelta(days=5))
    chosen = store.period(period_id)
    return store, chosen, period_status(chosen, store.submissions(), AFTER)


def test_a_mail_server_that_answers_slowly_is_cut_when_the_batch_time_is_up(due_period, slow_smtp):
    store, chosen, statuses = due_period
    server = slow_smtp(0.6)  # each reply within the per-operation timeout; some 15 replies in all
    secrets = secrets_for(server.port, send_seconds=2)
    settings = smtp_settings(secrets)
    assert settings is not None
    batch = claim_batch(store, chosen, statuses, district_recipients(secrets), settings, AFTER, "capnhat")
    assert [code for code, _ in batch.messages] == ["083", "089"]
    began = time.monotonic()
    send_batch(store, settings, batch)
    assert time.monotonic() - began < 3.0  # 2 s for the batch, and the time to see the cut
    assert batch.sent + len(batch.failed) == 2 and batch.failed  # not all went out in 2 s
    rows = store.reminders()
    assert {r["district_code"]: r["state"] for r in rows} == {
        code: ("failed" if code in batch.failed else "sent") for code in ("083", "089")
    }
    (entry,) = [e for e in store.audit_entries() if e["action"] == "reminders_sent"]
    assert entry["detail"]["failed"] == batch.failed and entry["detail"]["error"]


# --- the board's button, through AppTest
def configure(accounts_file, port: int, extra: str = "") -> None:
    with accounts_file.open("a", encoding="utf-8") as out:
        out.write(
            f'\n[lcm_smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "bluezone@laocai.test"\n'
            f'{extra}\n[lcm_district_emails]\n"089" = ["vp@vanban.test"]\n"083" = "vp@muongkhuong.test"\n'
        )


def batch_logged(store) -> bool:
    """Whether a batch of reminders is in the audit log (written after each district's outcome)."""
    return any(e["action"] == "reminders_sent" for e in store.audit_entries())


def wait_until(condition, seconds: float) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "not within the time"
        time.sleep(0.1)


def remind_button(at):
    return next(b for b in at.button if b.key == "board_remind")


def test_five_presses_send_one_batch_in_the_background(period, boundary_env, accounts, slow_smtp):  # noqa: F811
    store, _ = period
    server = slow_smtp(0.25)  # a batch of two takes some 4 s
    configure(accounts, server.port)
    # five presses that reach the server before any page could show the button waiting: five tabs open on
    # the board (AppTest, like a browser, refuses a press on a button shown disabled)
    tabs = [page("pages/reporting.py", "capnhat") for _ in range(5)]
    at = tabs[0]
    at.run()
    began = time.monotonic()
    remind_button(at).click().run()
    took = time.monotonic() - began
    assert not at.exception, [e.value for e in at.exception]
    assert took < 1.0, took  # the page did not wait for the mail server
    assert [i.value for i in at.info if "thư nhắc" in i.value] == [
        "Đang gửi thư nhắc tới Huyện Mường Khương (vp@muongkhuong.test), Huyện Văn Bàn (vp@vanban.test). "
        "Kết quả hiện ở đây khi trang được tải lại."
    ]
    for tab in tabs[1:]:
        began = time.monotonic()
        remind_button(tab).click().run()
        assert time.monotonic() - began < 1.0
        assert not [i for i in tab.info if i.value.startswith("Đang gửi thư nhắc tới")]  # nothing claimed
        assert remind_button(tab).disabled  # the districts are being reminded: the button waits
    wait_until(lambda: {r["state"] for r in store.reminders()} == {"sent"}, 15)
    wait_until(lambda: batch_logged(store), 5)  # the outcomes are written, then the batch's audit entry
    assert sorted(server.accepted) == [["vp@muongkhuong.test"], ["vp@vanban.test"]]  # one batch, not five
    assert len(store.reminders()) == 2
    entries = [e for e in store.audit_entries() if e["action"] == "reminders_sent"]
    assert [(e["actor"], e["detail"]["sent"], e["detail"]["failed"]) for e in entries] == [("capnhat", 2, [])]
    at.run()  # the next run says when and to whom, and until when the button waits
    (said,) = [c.value for c in at.caption if c.value.startswith("Lần nhắc gần nhất")]
    sent_at = dt.datetime.fromisoformat(store.reminders()[0]["claimed_at"]).astimezone(VIETNAM)
    assert said == (
        f"Lần nhắc gần nhất: {sent_at:%H:%M} ngày {sent_at.day}/{sent_at.month}/{sent_at.year} (giờ Việt Nam), do "
        "capnhat gửi tới Huyện Mường Khương (vp@muongkhuong.test), Huyện Văn Bàn (vp@vanban.test)."
    )
    again = sent_at + dt.timedelta(hours=20)
    assert remind_button(at).disabled
    assert remind_button(at).help == (
        "Các đơn vị chưa nộp đều đã được nhắc trong vòng 20 giờ qua; có thể nhắc lại từ "
        f"{again:%H:%M} ngày {again.day}/{again.month}/{again.year} (giờ Việt Nam)."
    )


def test_a_silent_mail_server_never_holds_the_page(period, boundary_env, accounts, slow_smtp):  # noqa: F811
    store, _ = period
    server = slow_smtp(0, silent=True)  # accepts the connection, never greets
    configure(accounts, server.port, "send_seconds = 4\n")
    at = page("pages/reporting.py", "capnhat")
    at.run()
    began = time.monotonic()
    remind_button(at).click().run()
    # back before the mail server's time-out could have run out (a page run under a loaded machine may take a
    # second or two: the bound is the time-out, not a run's usual time)
    assert time.monotonic() - began < 3.0
    assert any(i.value.startswith("Đang gửi thư nhắc tới") for i in at.info)
    wait_until(lambda: {r["state"] for r in store.reminders()} == {"failed"}, 12)
    wait_until(lambda: batch_logged(store), 5)
    (entry,) = [e for e in store.audit_entries() if e["action"] == "reminders_sent"]
    assert entry["detail"]["sent"] == 0 and entry["detail"]["failed"] == ["083", "089"]
    assert "timed out" in entry["detail"]["error"] or "Timeout" in entry["detail"]["error"]
    at.run()
    (warning,) = [w.value for w in at.warning if "thư nhắc" in w.value or "Lần nhắc" in w.value]
    assert warning.startswith("Lần nhắc gần nhất (") and "không gửi được tới Huyện Mường Khương" in warning
    assert not remind_button(at).disabled  # a failed reminder may be sent again at once
    assert last_reminder(store.reminders()).state == "failed"  # type: ignore[union-attr]


# --- the command line keeps the same rule
def test_the_command_line_reminds_once_per_cooldown(tmp_path, smtp_sink):
    port, received = smtp_sink
    store_file = tmp_path / "store.sqlite"
    store = open_store(store_file)
    set_schedule(store, Schedule("manual"), "quantri")
    deadline = dt.datetime.now(VIETNAM) + dt.timedelta(days=2)
    open_period(store, AS_OF, deadline, "quantri", dt.datetime.now(dt.UTC))
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[lcm_smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "bluezone@laocai.test"\n'
        '[lcm_district_emails]\n"089" = ["vp@vanban.test"]\n',
        encoding="utf-8",
    )

    def remind():
        import os
        import subprocess
        import sys

        from tests.conftest import ROOT

        env = {"LCM_STORE": str(store_file), "LCM_SECRETS": str(secrets), "PATH": os.environ["PATH"]}
        return subprocess.run(
            [sys.executable, "-m", "lc_metrics", "periods", "remind"], cwd=ROOT, capture_output=True, text=True, env=env
        )

    first = remind()
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Đã gửi 1 thư nhắc."
    second = remind()
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "Đã gửi 0 thư nhắc."
    assert "Không nhắc lại Huyện Văn Bàn: đã được nhắc trong vòng 20 giờ qua." in second.stderr
    assert len(received) == 1
