"""Uploaders and administrators: accounts kept in the store (SQLite or PostgreSQL, so every worker and
every machine sharing it knows the same accounts), with salted scrypt password hashes verified in constant
time, a disabled flag, and repeated failures throttled.

An account has a name, a role ("uploader" or "admin"), for a district's uploader its district code, and its
password hash. The administration page and the command line (``python -m lc_metrics user
add|passwd|disable|enable|list``) write them to the store; a user changes their own password; disabling an
account ends its sessions at once. Viewers need no account.

Accounts listed in the secrets file (``.streamlit/secrets.toml``, git-ignored) — where they lived before —
are **taken over** once when a store is opened: those not yet in the store are inserted with their hashes
as they are, and the audit log says so. The app never writes the secrets file::

    [lcm_users.nguyenvana]
    role = "uploader"            # or "admin"
    password_hash = "scrypt$16384$8$5$<salt>$<hash>"
    district = "083"             # only for a district's uploader

A sign-in lasts beyond the Streamlit session (reload, new tab) through a **staff session** kept in the
store: the form opens it and hands the browser a one-time code; the browser trades the code (a POST to
``/lcm/session``, see ``lc_app.web``) for a random token carried in an HttpOnly, SameSite=Strict cookie.
The store keeps only hashes of the code and the token. A session ends on sign-out, at its expiry
(``LCM_SESSION_SECONDS``, 12 hours by default), as soon as the user's password changes and as soon as the
account is disabled.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import hmac
import ipaddress
import logging
import math
import os
import re
import secrets
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Role = Literal["uploader", "admin"]
ROLES: tuple[Role, ...] = ("uploader", "admin")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SECRETS = ROOT / ".streamlit" / "secrets.toml"
ENV_SECRETS = "LCM_SECRETS"
# OWASP Password Storage Cheat Sheet (2025): scrypt N=2^14, r=8, p=5 is one of its equivalent minimum
# settings (16 MiB per hash); hashes made with weaker settings are upgraded at the next sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 5
# Tests only: with LCM_TEST_LOW_PASSWORD_WORK=1 (tests/conftest.py sets it) new hashes are made at N=2^10, r=8,
# p=1, 1/80 of the work: the suite hashes ~530 passwords, 75 s of CPU at the real setting. Real scrypt still,
# checked the same way; a test holds the real setting (tests/test_auth_admin.py). A deployment never sets it: if
# one did, the log says so at every start, and once it is gone each hash it made is upgraded at its next sign-in.
LOW_WORK_ENV = "LCM_TEST_LOW_PASSWORD_WORK"
LOW_WORK = (2**10, 8, 1)
SCRYPT_MAX_N = 2**20  # a hash asking for more memory than this is refused, not computed
MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5  # failed sign-ins from one address before it must wait (the wait doubles with each failure)
FAILURE_WINDOW_S = 15 * 60  # failures older than this are forgotten; the longest wait
ACCOUNT_FREE_FAILURES = 10  # failures against one account, from any addresses, before every client waits
ACCOUNT_WINDOW_S = 3600  # an account's failures older than this are forgotten
KNOWN_CLIENT_S = 30 * 24 * 3600  # an address that signed in to an account this recently is never delayed by it
# (with ACCOUNT_FREE_FAILURES=10, waits 15, 30, 60 … 900 s: at most 18 passwords checked per hour per account,
# 12 in any minute, however many addresses the guesses come from; see account_backoff_seconds)
MAX_NAME_LENGTH = 64
MAX_PASSWORD_LENGTH = 1024  # longer input costs scrypt time and is refused before it is hashed
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


class AuthError(ValueError):
    """An account cannot be added or changed; ``reason``: bad_name, bad_role, bad_district, short_password,
    long_password, exists, unknown_account, wrong_password, same_password, self, last_admin."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class User:
    """A staff account. An uploader with a ``district`` (its code) reports that district's own figures and
    nothing else: not the province-wide upload, not another district's figures."""

    name: str
    role: Role
    district: str | None = None

    def can(self, role: Role) -> bool:
        """An administrator can do everything an uploader can; a district's uploader is not a
        province-wide uploader."""
        if self.role == "admin":
            return True
        return self.role == role and self.district is None

    def may_submit_for(self, code: str) -> bool:
        """A district's uploader for that district only; province staff (uploaders, administrators) for any,
        on a district's behalf."""
        return self.district == code if self.district is not None else self.role in ROLES


def secrets_path() -> Path:
    return Path(os.environ[ENV_SECRETS]) if os.environ.get(ENV_SECRETS) else DEFAULT_SECRETS


def scrypt_work() -> tuple[int, int, int]:
    """(N, r, p) of new hashes: the OWASP setting, or the tests' low work (:data:`LOW_WORK_ENV`)."""
    return LOW_WORK if os.environ.get(LOW_WORK_ENV) == "1" else (SCRYPT_N, SCRYPT_R, SCRYPT_P)


if scrypt_work() == LOW_WORK:
    logging.getLogger(__name__).warning(
        "%s=1: passwords are hashed at the tests' low work, not fit for a deployment", LOW_WORK_ENV
    )


def hash_password(password: str, salt: bytes | None = None) -> str:
    """scrypt with a random 16-byte salt: "scrypt$N$r$p$salt$hash" (base64)."""
    salt = salt or secrets.token_bytes(16)
    work = scrypt_work()
    n, r, p = work
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return _encoded(salt, digest, work)


def _encoded(salt: bytes, digest: bytes, work: tuple[int, int, int]) -> str:
    encode = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    n, r, p = work
    return f"scrypt${n}${r}${p}${encode(salt)}${encode(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        if scheme != "scrypt":
            return False
        if int(n) > SCRYPT_MAX_N or int(r) > 32 or int(p) > 64:
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
            maxmem=256 * int(n) * int(r) + 2**20,
        )
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


def needs_rehash(encoded: str) -> bool:
    """True when a stored hash was made with other (older, weaker) settings than today's."""
    n, r, p = scrypt_work()
    return not encoded.startswith(f"scrypt${n}${r}${p}$")


# path → ((mtime_ns, size, inode), parsed): the file is parsed again only when one of those changed
_parsed_secrets: dict[str, tuple[tuple[int, int, int], dict[str, Any]]] = {}


def read_secrets(path: Path | None = None) -> dict[str, Any]:
    """The secrets file as a dict ({} when there is none); a copy the caller may change.

    Every page run asks (who is signed in, whether OIDC is configured), so the parsed file is kept and
    parsed again only when its modification time, size or inode changed: one ``stat`` per call instead
    of an open, a read and a TOML parse (each system call also hands Python's lock to another session
    when many viewers arrive at once)."""
    path = path or secrets_path()
    try:
        info = os.stat(path)
    except OSError:
        return {}
    if not stat.S_ISREG(info.st_mode):
        return {}
    signature = (info.st_mtime_ns, info.st_size, info.st_ino)
    kept = _parsed_secrets.get(str(path))
    if kept is None or kept[0] != signature:
        with path.open("rb") as handle:
            kept = (signature, tomllib.load(handle))
        _parsed_secrets[str(path)] = kept
    return copy.deepcopy(kept[1])


# --- accounts: kept in the store; the secrets file's [lcm_users] only taken over from
ONE_TIME_PASSWORD_BYTES = 12  # a generated password: 16 URL-safe characters, shown once


def file_accounts(path: Path | None = None) -> list[dict[str, Any]]:
    """The accounts the secrets file lists under ``[lcm_users]`` (name, role, district, password_hash), as
    they are; entries without a known role or a hash are left out."""
    found = []
    for name, entry in read_secrets(path).get("lcm_users", {}).items():
        if not isinstance(entry, dict) or entry.get("role") not in ROLES or not entry.get("password_hash"):
            continue
        district = str(entry["district"]) if entry["role"] == "uploader" and entry.get("district") else None
        found.append(
            {
                "name": str(name).strip().lower(),
                "role": entry["role"],
                "district": district,
                "password_hash": str(entry["password_hash"]),
            }
        )
    return found


def take_over_secrets(store: Any, path: Path | None = None) -> list[str]:
    """Insert the secrets file's accounts that the store does not hold yet, their hashes as they are, with
    one audit entry naming them ("accounts_taken_over"); the names taken over now. Done when a store is
    opened (each app process at its start, each command); an account already in the store — changed,
    disabled — is never taken again from the file, which is never written."""
    path = path or secrets_path()
    found = file_accounts(path)
    if not found:
        return []
    held = {account["name"] for account in store.accounts()}
    missing = [entry for entry in found if entry["name"] not in held]
    if not missing:
        return []
    return list(store.insert_accounts(missing, "system", "accounts_taken_over", {"file": str(path)}))


def _user_of(account: dict[str, Any]) -> User:
    return User(account["name"], account["role"], account["district"] if account["role"] == "uploader" else None)


def authenticate(store: Any, name: str, password: str) -> User | None:
    """The user when the name is an account of the store, not disabled, and the password matches; None
    otherwise (the same scrypt work for unknown names and disabled accounts)."""
    name = name.strip().lower()
    account = store.account(name) if name else None
    usable = account is not None and not account["disabled"]
    ok = verify_password(password, account["password_hash"] if account is not None and usable else _dummy_hash())
    return _user_of(account) if ok and account is not None and usable else None


# What unknown names and disabled accounts are checked against: the same parameters as a real hash, so the same
# scrypt work, but a random digest, the hash of no password (a real hash made at import cost every process that
# imports this module — each app server, each command — 0,2 s of scrypt)
_DUMMY_SALT, _DUMMY_DIGEST = secrets.token_bytes(16), secrets.token_bytes(32)


def _dummy_hash() -> str:
    return _encoded(_DUMMY_SALT, _DUMMY_DIGEST, scrypt_work())


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError("short_password")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AuthError("long_password")


def _check_role(role: str, district: str | None) -> None:
    from lc_metrics.core.districts import district_codes

    if role not in ROLES:
        raise AuthError("bad_role")
    if district is not None and (role != "uploader" or district not in district_codes()):
        raise AuthError("bad_district")


def _enabled_admins(store: Any) -> set[str]:
    return {a["name"] for a in store.accounts() if a["role"] == "admin" and not a["disabled"]}


def create_account(store: Any, name: str, role: str, password: str, actor: str, district: str | None = None) -> User:
    """A new account in the store (audit "account_created"). Refused (AuthError): bad_name, bad_role,
    bad_district (only an uploader, of a real district), short_password, long_password, exists."""
    name = name.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise AuthError("bad_name")
    _check_role(role, district)
    _check_password(password)
    entry = {"name": name, "role": role, "district": district, "password_hash": hash_password(password)}
    if not store.insert_accounts([entry], actor, "account_created", {"role": role, "district": district}):
        raise AuthError("exists")
    return _user_of(entry)


def change_own_password(store: Any, name: str, current: str, new: str, session_id: int | None = None) -> None:
    """A user's own new password: the current one is required, the new one follows the length rule and
    differs from it. Every other session of the account ends; ``session_id`` (the one asking) goes on.
    Refused (AuthError): wrong_password, short_password, long_password, same_password."""
    account = store.account(name)
    if account is None or account["disabled"] or not verify_password(current, account["password_hash"]):
        raise AuthError("wrong_password")
    _check_password(new)
    if new == current:
        raise AuthError("same_password")
    encoded = hash_password(new)
    keep = (session_id, credential_fingerprint(encoded)) if session_id is not None else None
    store.update_account(
        name,
        name,
        "account_password_changed",
        {"password_hash": encoded, "must_change": False},
        end_sessions="password_changed",
        keep_session=keep,
    )


def reset_password(store: Any, name: str, actor: str, password: str | None = None) -> str:
    """An administrator resets an account's password: to ``password`` (length rule), or — when None — to a
    generated one-time password its owner must change after signing in. Every session of the account ends.
    Returns the password to hand over (shown once, never stored). Refused: unknown_account, short_password,
    long_password."""
    if password is None:
        password, must_change = secrets.token_urlsafe(ONE_TIME_PASSWORD_BYTES), True
    else:
        _check_password(password)
        must_change = False
    changed = store.update_account(
        name,
        actor,
        "account_password_reset",
        {"password_hash": hash_password(password), "must_change": must_change},
        end_sessions="password_reset",
    )
    if not changed:
        raise AuthError("unknown_account")
    return password


def set_disabled(store: Any, name: str, disabled: bool, actor: str) -> None:
    """Disable an account (its sessions end at once: the next page load of its browser is signed out) or
    enable it again. Refused: unknown_account, self (an administrator disabling their own account),
    last_admin (no enabled administrator would be left)."""
    if disabled and name == actor:
        raise AuthError("self")
    if disabled and _enabled_admins(store) == {name}:
        raise AuthError("last_admin")
    changed = store.update_account(
        name,
        actor,
        "account_disabled" if disabled else "account_enabled",
        {"disabled": disabled},
        end_sessions="account_disabled" if disabled else None,
    )
    if not changed:
        raise AuthError("unknown_account")


def set_role(store: Any, name: str, role: str, district: str | None, actor: str) -> None:
    """Change an account's role and district (read by its sessions at their next page load). Refused:
    bad_role, bad_district, unknown_account, last_admin."""
    _check_role(role, district)
    if role != "admin" and _enabled_admins(store) == {name}:
        raise AuthError("last_admin")
    if not store.update_account(name, actor, "account_role_changed", {"role": role, "district": district}):
        raise AuthError("unknown_account")


def add_user(name: str, role: str, password: str, path: Path, district: str | None = None) -> Path:
    """Write an account into a secrets file (provisioning before a store exists, and tests): the store
    takes it over when it is next opened. The app and the command line never call this — they write the
    store. ``district`` (a district code) scopes an uploader to that district."""
    name = name.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise AuthError("bad_name")
    _check_role(role, district)
    _check_password(password)
    return _write_user(name, role, hash_password(password), path, district)


def _write_user(name: str, role: str, password_hash: str, path: Path, district: str | None = None) -> Path:
    """Set one ``[lcm_users.NAME]`` table in the secrets file with tomlkit, so that every other line —
    comments, Streamlit's ``[auth]`` — stays as written; written atomically, mode 600."""
    import tomlkit

    document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.is_file() else tomlkit.document()
    if "lcm_users" not in document:
        document["lcm_users"] = tomlkit.table(is_super_table=True)
    users: Any = document["lcm_users"]
    if name not in users:
        users[name] = tomlkit.table()
    users[name]["role"] = role  # in place: the entry's own comments stay too
    users[name]["password_hash"] = password_hash
    if district is not None:
        users[name]["district"] = district
    elif "district" in users[name]:
        del users[name]["district"]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(tomlkit.dumps(document), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return path


def upgrade_hash(store: Any, name: str, password: str) -> bool:
    """After a successful sign-in: re-hash in the store a password stored with older settings. False when
    there is nothing to do or the store refused (the sign-in still counts; the upgrade waits)."""
    account = store.account(name)
    if account is None or not needs_rehash(account["password_hash"]):
        return False
    try:
        return bool(store.update_account(name, name, "password_rehashed", {"password_hash": hash_password(password)}))
    except RuntimeError:  # the store's StoreWriteError (lc_metrics.store.store imports this module, not back)
        return False


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one attempt: the user, or why not: "failed", "wait" (this address waits
    ``wait_seconds``) or "account_wait" (the account has had too many failures: every client not known to it
    waits)."""

    user: User | None
    reason: str = ""
    wait_seconds: int = 0


def backoff_seconds(failures: int) -> int:
    """How long an address must wait after ``failures`` recent failures: nothing for the first
    MAX_FAILURES − 1, then 15 s doubling with each failure, at most FAILURE_WINDOW_S."""
    if failures < MAX_FAILURES:
        return 0
    return min(15 * 2 ** (failures - MAX_FAILURES), FAILURE_WINDOW_S)


def account_backoff_seconds(failures: int) -> int:
    """How long any client not known to an account waits after the account's ``failures`` failures of the
    last hour (from every address): nothing for the first ACCOUNT_FREE_FAILURES − 1, then 15 s doubling, at
    most 15 minutes. A delay, never a lock: the owner's own address or session is not delayed (see
    :func:`attempt_sign_in`). Bound, for any hour: once 10 attempts fall in it, the k-th after them waits at
    least 15·2^(k−1) s (capped at 900), and 15+30+60+120+240+480+900+900 = 2 745 s ≤ 3 600 s < 3 645 s: at
    most 10 + 8 = 18 guesses per hour (0,3 a minute), 10 + 2 = 12 in any minute."""
    if failures < ACCOUNT_FREE_FAILURES:
        return 0
    return min(15 * 2 ** (failures - ACCOUNT_FREE_FAILURES), FAILURE_WINDOW_S)


ANONYMOUS_PREFIX = "anon:"


def address_key(address: str | None, anonymous_id: str) -> str:
    """The key an address is throttled under: an IPv4 address itself, an IPv6 address's /64 (what one
    client holds; an IPv4-mapped address is its IPv4). No known address — none, unparsable, loopback (a local
    proxy that names no client), unspecified — is never one shared key: the key is ``anonymous_id`` (the
    browser session's own id), and the per-account limit bounds what such clients can try."""
    try:
        ip = ipaddress.ip_address(address.strip()) if address else None
    except ValueError:
        ip = None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip is None or ip.is_loopback or ip.is_unspecified:
        return ANONYMOUS_PREFIX + (anonymous_id or secrets.token_hex(8))[:48]
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{ip.exploded.split('%')[0]}/64", strict=False))
    return str(ip)


def _remaining(wait: int, last: str | None, now: dt.datetime) -> int:
    """Whole seconds still to wait (rounded up), 0 when none."""
    if not wait or last is None:
        return 0
    # an attempt reserved by another thread a moment after this one read the clock: no time has passed
    remaining = wait - max((now - dt.datetime.fromisoformat(last)).total_seconds(), 0.0)
    return math.ceil(remaining) if remaining > 0 else 0


def attempt_sign_in(
    store: Any,
    name: str,
    password: str,
    client: str,
    *,
    session_of: str | None = None,
    now: dt.datetime | None = None,
) -> SignInResult:
    """One sign-in attempt from ``client`` (an :func:`address_key`). The attempt is counted in the store
    *before* the password is checked, atomically, so simultaneous guesses queue for the count and only the
    allowed ones are ever hashed. Two limits, both a delay that grows, never a lock:

    - per client (for all the names it tries, and for this name): MAX_FAILURES, then :func:`backoff_seconds`;
    - per account (from every client): ACCOUNT_FREE_FAILURES, then :func:`account_backoff_seconds` — except
      for a client that signed in to this account within KNOWN_CLIENT_S, or a browser whose live staff
      session is this account's (``session_of``): the owner still gets in during an attack.

    Over-long names and passwords are counted and refused before any hashing. ``now`` is for tests."""
    now = now or dt.datetime.now(dt.UTC)
    name = name.strip().lower()[: MAX_NAME_LENGTH + 1]
    over_long = len(name) > MAX_NAME_LENGTH or len(password) > MAX_PASSWORD_LENGTH
    name = name[:MAX_NAME_LENGTH]
    client = (client or ANONYMOUS_PREFIX + secrets.token_hex(8))[:64]
    owner_session = session_of is not None and session_of == name
    why = ""

    def decide(counts: dict[str, Any]) -> int:
        nonlocal why
        for label in ("client_name", "client"):
            wait = _remaining(backoff_seconds(counts[label][0]), counts[label][1], now)
            if wait:
                why = "wait"
                return wait
        if counts["known"] or owner_session:
            return 0
        wait = _remaining(account_backoff_seconds(counts["account"][0]), counts["account"][1], now)
        why = "account_wait" if wait else ""
        return wait

    def moment(seconds: float) -> str:
        return (now - dt.timedelta(seconds=seconds)).isoformat(timespec="microseconds")

    windows = {"client": moment(FAILURE_WINDOW_S), "account": moment(ACCOUNT_WINDOW_S), "known": moment(KNOWN_CLIENT_S)}
    attempt, wait = store.reserve_sign_in(name, client, moment(0), windows, decide)
    if attempt is None:
        return SignInResult(None, why or "wait", wait)
    user = None if over_long else authenticate(store, name, password)
    store.finish_sign_in(attempt, name, user is not None, client)
    if user is not None:
        upgrade_hash(store, user.name, password)
    return SignInResult(user, "" if user else "failed")


# --- staff sessions: a sign-in that survives reloads and new tabs
HANDOVER_SECONDS = 120  # the browser trades its one-time code for the cookie within this time
DEFAULT_SESSION_SECONDS = 12 * 3600  # a working day
SESSION_COOKIE = "lcm_session"


def session_seconds() -> int:
    """How long a sign-in lasts: ``$LCM_SESSION_SECONDS`` (at least 1), else 12 hours."""
    try:
        return max(1, int(os.environ.get("LCM_SESSION_SECONDS", DEFAULT_SESSION_SECONDS)))
    except ValueError:
        return DEFAULT_SESSION_SECONDS


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def credential_fingerprint(password_hash: str) -> str:
    """Stands for the password a session was opened with: a new password (or hash) ends the session."""
    return _digest("credential:" + password_hash)[:32]


def _utc(delta_seconds: float = 0.0) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delta_seconds)).isoformat(timespec="microseconds")


def begin_session(store: Any, user: User) -> tuple[int, str]:
    """Open a staff session for a user who has just signed in: (session id, one-time hand-over code)."""
    account = store.account(user.name)
    if account is None or account["disabled"]:
        raise ValueError(f"{user.name} is not an enabled account of the store")
    code = secrets.token_urlsafe(32)
    session_id = store.open_staff_session(
        user.name,
        credential_fingerprint(account["password_hash"]),
        _digest(code),
        _utc(HANDOVER_SECONDS),
        _utc(session_seconds()),
    )
    return session_id, code


def claim_session(store: Any, code: str) -> str | None:
    """The cookie token for a hand-over code (once, within HANDOVER_SECONDS), else None."""
    if not code or len(code) > 128:
        return None
    token = secrets.token_urlsafe(32)
    return token if store.claim_staff_session(_digest(code), _digest(token), _utc()) is not None else None


def session_user(store: Any, *, session_id: int | None = None, token: str | None = None) -> tuple[User, int] | None:
    """The user of a live staff session (by id, or by the cookie's token) and its id; None when there is
    none, it ended, it expired, the account was removed or disabled, or its password changed since (those
    end it now). The role and district are the account's as they are now."""
    if token is not None and not (0 < len(token) <= 128):
        return None
    row = store.staff_session(session_id=session_id, token_hash=_digest(token) if token else None)
    if row is None or row["ended_at"] is not None:
        return None
    account = store.account(row["name"])
    why = (
        "expired"
        if row["expires_at"] <= _utc()
        else "user_removed"
        if account is None
        else "account_disabled"
        if account["disabled"]
        else "credential_changed"
        if credential_fingerprint(account["password_hash"]) != row["credential"]
        else ""
    )
    if why or account is None:
        store.end_staff_session(row["id"], why)
        return None
    return _user_of(account), int(row["id"])


def oidc_configured(data: dict[str, Any] | None = None) -> bool:
    """True when the secrets configure an OIDC provider for ``st.login`` ([auth] with client_id)."""
    auth = (data if data is not None else read_secrets()).get("auth", {})
    return bool(auth.get("client_id") or any(isinstance(v, dict) and v.get("client_id") for v in auth.values()))


def oidc_role(email: str | None, data: dict[str, Any] | None = None) -> Role | None:
    """The role an OIDC identity has: [lcm_roles] maps e-mail addresses to "uploader" or "admin"."""
    if not email:
        return None
    roles = (data if data is not None else read_secrets()).get("lcm_roles", {})
    role = roles.get(email.lower())
    return role if role in ROLES else None
