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

    [lcm_district_emails]
    "083" = ["vanphong@muongkhuong.laocai.gov.vn"]
"""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from lc_metrics.core.districts import district_by_code
from lc_metrics.core.formatting import format_date
from lc_metrics.core.messages import t
from lc_metrics.reporting.board import DistrictStatus
from lc_metrics.reporting.schedule import from_utc_text
from lc_metrics.reporting.wording import deadline_text, duration_text

SMTP_TIMEOUT_S = 20


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    security: str = "starttls"
    username: str | None = None
    password: str | None = None
    app_url: str = ""


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
    )


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
        messages.append(message)
    return messages, without


def send_messages(settings: SmtpSettings, messages: list[EmailMessage]) -> int:
    """Send over one SMTP connection; the number sent. ``smtplib.SMTPException`` / ``OSError`` on failure."""
    if not messages:
        return 0
    if settings.security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=SMTP_TIMEOUT_S, context=ssl.create_default_context()
        )
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_S)
    with server:
        if settings.security == "starttls":
            server.starttls(context=ssl.create_default_context())
        if settings.username and settings.password:
            server.login(settings.username, settings.password)
        for message in messages:
            server.send_message(message)
    return len(messages)
