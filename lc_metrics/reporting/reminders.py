"""E-mail reminders to the districts that have not submitted: before the deadline (what is due, how
long is left) and after it (overdue). Optional: only when the secrets file configures SMTP.

``.streamlit/secrets.toml`` (git-ignored; see ``secrets.toml.example``)::

    [lcm_smtp]
    host = "mail.laocai.gov.vn"
    port = 587
    security = "starttls"        # or "ssl" (port 465) or "none" (a relay on the local network)
    username = "bluezone"        # optional
    password = "…"               # optional
    sender = "bluezone@laocai.gov.vn"
    app_url = "https://bluezone.laocai.gov.vn"   # the link in the message
    cooldown_hours = 20          # optional: a district is reminded at most once in this many hours
    send_seconds = 60            # optional: the most a batch of reminders may take, all told

    [lcm_district_emails]
    "083" = ["vanphong@muongkhuong.laocai.gov.vn"]

``LCM_REMINDER_COOLDOWN_HOURS`` in the environment overrides ``cooldown_hours``. The default, 20 hours, lets a
daily cron job at a fixed hour remind every day (with 24 hours, a job started a second earlier than the day
before would find the district still waiting) while five presses of the board's button send one batch.

A batch: the districts to remind are *claimed* in the store in one write transaction
(``Store.claim_reminders``: a district reminded within the cooldown, or being reminded now, is left out), then
sent — by the board in a background thread (:func:`send_in_background`: the page answers at once and shows
the outcome on its next run), by ``periods remind`` in the foreground — over one SMTP connection whose every
operation times out (:data:`SMTP_TIMEOUT_S`) and which is cut when the batch's time (``send_seconds``) is up,
so a slow or silent mail server holds nothing for long. Each district's outcome is kept
(``reminders_sent``), and the batch's in the audit log ("reminders_sent").
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import socket
import ssl
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from lc_metrics.core.districts import district_by_code
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.reporting.board import DistrictStatus
from lc_metrics.reporting.schedule import from_utc_text, to_utc_text
from lc_metrics.reporting.wording import deadline_text, duration_text

SMTP_TIMEOUT_S = 10  # one SMTP operation (connect, a command, a message)
COOLDOWN_ENV = "LCM_REMINDER_COOLDOWN_HOURS"
DEFAULT_COOLDOWN_HOURS = 20.0
DEFAULT_SEND_SECONDS = 60.0


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    security: str = "starttls"
    username: str | None = None
    password: str | None = None
    app_url: str = ""
    cooldown_hours: float = DEFAULT_COOLDOWN_HOURS
    send_seconds: float = DEFAULT_SEND_SECONDS


def smtp_settings(secrets: dict[str, Any]) -> SmtpSettings | None:
    """The SMTP settings, or None when reminders are not configured (no host or no sender)."""
    section = secrets.get("lcm_smtp") or {}
    if not section.get("host") or not section.get("sender"):
        return None
    security = str(section.get("security", "starttls"))
    return SmtpSettings(
        host=str(section["host"]),
        port=int(section.get("port", 465 if security == "ssl" else 587)),
        sender=str(section["sender"]),
        security=security,
        username=section.get("username") or None,
        password=section.get("password") or None,
        app_url=str(section.get("app_url", "")),
        cooldown_hours=_positive(os.environ.get(COOLDOWN_ENV) or section.get("cooldown_hours"), DEFAULT_COOLDOWN_HOURS),
        send_seconds=_positive(section.get("send_seconds"), DEFAULT_SEND_SECONDS),
    )


def _positive(value: Any, default: float) -> float:
    try:
        number = float(value) if value is not None else default
    except (TypeError, ValueError):
        return default
    return number if number >= 0 else default


def district_recipients(secrets: dict[str, Any]) -> dict[str, list[str]]:
    """District code → the addresses its reminders go to."""
    section = secrets.get("lcm_district_emails") or {}
    out = {}
    for code, addresses in section.items():
        listed = [addresses] if isinstance(addresses, str) else list(addresses)
        out[str(code)] = [a.strip() for a in listed if isinstance(a, str) and "@" in a]
    return out


def reminder_messages(
    period: dict[str, Any],
    statuses: list[DistrictStatus],
    recipients: dict[str, list[str]],
    settings: SmtpSettings,
    now: dt.datetime,
    lang: str = "vi",
) -> tuple[list[EmailMessage], list[str]]:
    """One message per district that has not submitted and has an address; and the codes without one."""
    addressed, without = district_messages(period, statuses, recipients, settings, now, lang)
    return [message for _, message in addressed], without


def district_messages(
    period: dict[str, Any],
    statuses: list[DistrictStatus],
    recipients: dict[str, list[str]],
    settings: SmtpSettings,
    now: dt.datetime,
    lang: str = "vi",
) -> tuple[list[tuple[str, EmailMessage]], list[str]]:
    """:func:`reminder_messages` with each message's district code."""
    deadline = from_utc_text(period["deadline"])
    overdue = now > deadline
    as_of = format_date(dt.date.fromisoformat(period["as_of"]), lang)
    left = duration_text(now, deadline, lang) if overdue else duration_text(deadline, now, lang)
    url = settings.app_url.rstrip("/") + "/district" if settings.app_url else ""
    messages, without = [], []
    for status in statuses:
        if status.state not in ("due", "overdue"):
            continue
        addresses = recipients.get(status.code, [])
        if not addresses:
            without.append(status.code)
            continue
        kind = "overdue" if overdue else "due"
        message = EmailMessage()
        message["From"] = settings.sender
        message["To"] = ", ".join(addresses)
        message["Subject"] = t(f"reminder_subject_{kind}", lang, as_of=as_of, deadline=deadline_text(deadline, lang))
        message.set_content(
            t(
                f"reminder_body_{kind}",
                lang,
                name=district_by_code(status.code).name,
                as_of=as_of,
                deadline=deadline_text(deadline, lang),
                left=left,
                url=url,
            )
        )
        messages.append((status.code, message))
    return messages, without


def send_messages(settings: SmtpSettings, messages: list[EmailMessage]) -> int:
    """Send over one SMTP connection; the number sent. ``smtplib.SMTPException`` / ``OSError`` on failure."""
    sent = _send(settings, list(enumerate(messages)), time.monotonic() + settings.send_seconds)
    for error in sent.values():
        if error is not None:
            raise smtplib.SMTPException(error)
    return len(sent)


def _send(settings: SmtpSettings, messages: list[tuple[Any, EmailMessage]], deadline: float) -> dict[Any, str | None]:
    """Send each (key, message) over one connection, every operation bounded by :data:`SMTP_TIMEOUT_S` and
    the whole by ``deadline`` (``time.monotonic()``): a watchdog shuts the socket when the time is up. The
    outcome per key: None sent, else the error's name and text (every message when the connection fails)."""
    outcomes: dict[Any, str | None] = {}
    if not messages:
        return outcomes
    server: smtplib.SMTP | None = None
    watchdog: threading.Timer | None = None

    def cut() -> None:
        sock = getattr(server, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    try:
        timeout = max(0.1, min(SMTP_TIMEOUT_S, deadline - time.monotonic()))
        if settings.security == "ssl":
            server = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), cut)
        watchdog.daemon = True
        watchdog.start()
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.username and settings.password:
                server.login(settings.username, settings.password)
            for key, message in messages:
                if time.monotonic() >= deadline:
                    raise TimeoutError("the batch's time is up")
                server.send_message(message)
                outcomes[key] = None
    except (OSError, smtplib.SMTPException, ValueError) as error:
        text = f"{type(error).__name__}: {error}"[:300]
        for key, _ in messages:
            outcomes.setdefault(key, text)
    finally:
        if watchdog is not None:
            watchdog.cancel()
    return outcomes


@dataclass
class ReminderBatch:
    """One press (or one ``periods remind``): the districts claimed and their messages, the districts left
    out because they were reminded within the cooldown (with when they may be again), those without an
    address; after sending, the outcome per district (None sent, else the error)."""

    batch: str
    period_id: int | None
    actor: str
    messages: list[tuple[str, EmailMessage]]
    cooling: list[str]
    without: list[str]
    outcomes: dict[str, str | None] = field(default_factory=dict)

    @property
    def sent(self) -> int:
        return sum(1 for error in self.outcomes.values() if error is None)

    @property
    def failed(self) -> list[str]:
        return [code for code, error in self.outcomes.items() if error is not None]


def claim_batch(
    store: Any,
    period: dict[str, Any],
    statuses: list[DistrictStatus],
    recipients: dict[str, list[str]],
    settings: SmtpSettings,
    now: dt.datetime,
    actor: str,
    lang: str = "vi",
) -> ReminderBatch:
    """The reminders to send now: each district due (or overdue) with an address, not reminded within
    ``settings.cooldown_hours`` nor being reminded (``Store.claim_reminders``, one write transaction)."""
    messages, without = district_messages(period, statuses, recipients, settings, now, lang)
    batch = uuid.uuid4().hex
    wanted = [(code, recipients.get(code, [])) for code, _ in messages]
    claimed = set(
        store.claim_reminders(
            batch,
            period.get("id"),
            wanted,
            actor,
            to_utc_text(now),
            to_utc_text(now - dt.timedelta(hours=settings.cooldown_hours)),
            to_utc_text(now - dt.timedelta(seconds=2 * settings.send_seconds + SMTP_TIMEOUT_S)),
        )
    )
    return ReminderBatch(
        batch,
        period.get("id"),
        actor,
        [(code, message) for code, message in messages if code in claimed],
        [code for code, _ in messages if code not in claimed],
        without,
    )


def send_batch(store: Any, settings: SmtpSettings, batch: ReminderBatch) -> ReminderBatch:
    """Send a claimed batch within ``settings.send_seconds``; record each district's outcome and the batch in
    the audit log. Never raises for the mail server's sake (its failure is the outcome)."""
    batch.outcomes = _send(settings, batch.messages, time.monotonic() + settings.send_seconds)
    if batch.messages:
        store.finish_reminders(batch.batch, batch.outcomes, to_utc_text(dt.datetime.now(dt.UTC)))
        errors = sorted({error for error in batch.outcomes.values() if error is not None})
        store.audit(
            batch.actor,
            "reminders_sent",
            {
                "period_id": batch.period_id,
                "sent": batch.sent,
                "failed": batch.failed,
                "error": errors[0] if errors else None,
                "cooling": batch.cooling,
                "without_address": batch.without,
            },
        )
    return batch


def send_in_background(store: Any, settings: SmtpSettings, batch: ReminderBatch) -> threading.Thread:
    """:func:`send_batch` in a daemon thread: the caller (a page) returns at once."""
    thread = threading.Thread(target=send_batch, args=(store, settings, batch), name="lcm-reminders", daemon=True)
    thread.start()
    return thread


@dataclass(frozen=True)
class LastReminder:
    """The latest batch for the board's button: when, by whom, its state ('sending', 'sent', 'failed',
    'partly'), each district with its addresses, the error if any."""

    claimed_at: str
    claimed_by: str
    state: str
    districts: list[tuple[str, list[str]]]
    error: str | None


def last_reminder(rows: list[dict[str, Any]]) -> LastReminder | None:
    """The latest batch of ``Store.reminders()`` rows (newest first)."""
    if not rows:
        return None
    batch = [row for row in rows if row["batch"] == rows[0]["batch"]]
    states = {row["state"] for row in batch}
    state = (
        "sending" if "sending" in states else states.pop() if len(states) == 1 else "partly"  # sent and failed
    )
    errors = [row["error"] for row in batch if row["error"]]
    return LastReminder(
        batch[0]["claimed_at"],
        batch[0]["claimed_by"],
        state,
        [(row["district_code"], row["recipients"]) for row in sorted(batch, key=lambda r: r["district_code"])],
        errors[0] if errors else None,
    )


def next_allowed(rows: list[dict[str, Any]], codes: list[str], settings: SmtpSettings) -> dt.datetime | None:
    """When the first of ``codes`` may be reminded again (None: one may be now): the earliest end of their
    cooldowns, from their latest reminder sent or being sent."""
    latest: dict[str, str] = {}
    for row in rows:
        if row["state"] in ("sent", "sending") and row["district_code"] not in latest:
            latest[row["district_code"]] = row["claimed_at"]
    if not codes or any(code not in latest for code in codes):
        return None
    return min(from_utc_text(latest[code]) for code in codes) + dt.timedelta(hours=settings.cooldown_hours)
