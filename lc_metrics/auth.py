"""Uploaders and administrators: salted password hashes kept in ``.streamlit/secrets.toml``
(git-ignored), verified in constant time, with repeated failures throttled.

The secrets file holds, per user (a table of its own, apart from Streamlit's ``[auth]`` for OIDC)::

    [lcm_users.nguyenvana]
    role = "uploader"            # or "admin"
    password_hash = "scrypt$16384$8$1$<salt>$<hash>"

Viewers need no account. ``python -m lc_metrics add-user NAME --role uploader|admin --password-stdin``
writes an entry (creating the file when absent) and keeps the rest of the file as it was.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Role = Literal["uploader", "admin"]
ROLES: tuple[Role, ...] = ("uploader", "admin")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRETS = ROOT / ".streamlit" / "secrets.toml"
ENV_SECRETS = "LCM_SECRETS"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5  # failed sign-ins from one address before it must wait (the wait doubles with each failure)
FAILURE_WINDOW_S = 15 * 60  # failures older than this are forgotten; the longest wait
MAX_NAME_LENGTH = 64
MAX_PASSWORD_LENGTH = 1024  # longer input costs scrypt time and is refused before it is hashed
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


class AuthError(ValueError):
    """A user cannot be added; ``reason``: bad_name, bad_role, short_password."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class User:
    name: str
    role: Role

    def can(self, role: Role) -> bool:
        """An administrator can do everything an uploader can."""
        return self.role == "admin" or self.role == role


def secrets_path() -> Path:
    return Path(os.environ[ENV_SECRETS]) if os.environ.get(ENV_SECRETS) else DEFAULT_SECRETS


def hash_password(password: str, salt: bytes | None = None) -> str:
    """scrypt with a random 16-byte salt: "scrypt$N$r$p$salt$hash" (base64)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    encode = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt)}${encode(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


def read_secrets(path: Path | None = None) -> dict[str, Any]:
    path = path or secrets_path()
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_users(path: Path | None = None) -> dict[str, tuple[Role, str]]:
    """name → (role, password hash) from the secrets file (empty when there is none)."""
    users = read_secrets(path).get("lcm_users", {})
    return {name: (entry["role"], entry["password_hash"]) for name, entry in users.items()
            if entry.get("role") in ROLES and entry.get("password_hash")}


def authenticate(name: str, password: str, path: Path | None = None) -> User | None:
    """The user when name and password match; None otherwise (same work for unknown names)."""
    users = load_users(path)
    role, encoded = users.get(name.strip().lower(), ("uploader", _DUMMY_HASH))
    ok = verify_password(password, encoded)
    return User(name.strip().lower(), role) if ok and name.strip().lower() in users else None


_DUMMY_HASH = hash_password(secrets.token_hex(8))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def dump_toml(data: dict[str, Any], prefix: str = "") -> str:
    """A small TOML writer for what a secrets file holds: tables, strings, numbers, booleans, lists."""
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    blocks = ["\n".join(lines)] if lines else []
    for key, value in data.items():
        if isinstance(value, dict):
            name = f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key)
            inner = dump_toml(value, name)
            scalars = any(not isinstance(v, dict) for v in value.values())
            blocks.append((f"[{name}]\n" if scalars or not value else "") + inner)
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def add_user(name: str, role: str, password: str, path: Path | None = None) -> Path:
    """Write (or replace) a user in the secrets file, keeping everything else in it."""
    name = name.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise AuthError("bad_name")
    if role not in ROLES:
        raise AuthError("bad_role")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError("short_password")
    path = path or secrets_path()
    data = read_secrets(path)
    data.setdefault("lcm_users", {})[name] = {"role": role, "password_hash": hash_password(password)}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(dump_toml(data), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return path


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one attempt: the user, or why not ("failed", "wait" with seconds to wait)."""

    user: User | None
    reason: str = ""
    wait_seconds: int = 0


def backoff_seconds(failures: int) -> int:
    """How long an address must wait after ``failures`` recent failures: nothing for the first
    MAX_FAILURES − 1, then 15 s doubling with each failure, at most FAILURE_WINDOW_S."""
    if failures < MAX_FAILURES:
        return 0
    return min(15 * 2 ** (failures - MAX_FAILURES), FAILURE_WINDOW_S)


def attempt_sign_in(store: Any, name: str, password: str, client: str, path: Path | None = None) -> SignInResult:
    """One sign-in attempt from ``client`` (the browser's address). Throttled per address — for all the
    names it tries and for this name — with a back-off that doubles, never a lock that someone else's
    wrong passwords could hold against the account: the administrator signs in from another address.
    Over-long names and passwords are refused before any hashing."""
    import datetime as dt

    name = name.strip().lower()[:MAX_NAME_LENGTH + 1]
    client = (client or "unknown")[:64]
    if len(name) > MAX_NAME_LENGTH or len(password) > MAX_PASSWORD_LENGTH:
        store.record_sign_in(name[:MAX_NAME_LENGTH], False, client)
        return SignInResult(None, "failed")
    now = dt.datetime.now(dt.timezone.utc)
    since = (now - dt.timedelta(seconds=FAILURE_WINDOW_S)).isoformat(timespec="microseconds")
    for count, last in (store.failures_from(client, since, name), store.failures_from(client, since)):
        wait = backoff_seconds(count)
        if wait and last is not None:
            remaining = wait - (now - dt.datetime.fromisoformat(last)).total_seconds()
            if remaining > 0:
                return SignInResult(None, "wait", int(remaining) + 1)
    user = authenticate(name, password, path)
    store.record_sign_in(name, user is not None, client)
    return SignInResult(user, "" if user else "failed")


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
