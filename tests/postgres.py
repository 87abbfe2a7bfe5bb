"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries (``make postgres`` installs them),
``initdb`` into a temporary directory, ``pg_ctl`` start listening only on a Unix socket there (no TCP port
at all), one new database per test. When the tests run as root, the cluster runs as the ``postgres``
system user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin directory (Debian: /usr/lib/postgresql/NN/bin)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return candidates[-1].parent if candidates else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a cluster; yields a URL template with ``{database}`` in it; stops and removes it afterwards."""
    bindir = server_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found: run `make postgres`")
    folder = Path(tempfile.mkdtemp(prefix="lcm-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (folder, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    try:
        subprocess.run(
            _as_server_user(
                [str(bindir / "initdb"), "-D", str(data), "--auth=trust", "--username=lcm", "-E", "UTF8"]
                + ["--locale=C.UTF-8", "--no-sync"]
            ),
            check=True,
            capture_output=True,
        )
        options = f"-k {sockets} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_server_user(
                [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
            ),
            check=True,
            capture_output=True,
        )
        try:
            yield f"postgresql://lcm@/{{database}}?host={sockets}"
        finally:
            subprocess.run(
                _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                capture_output=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def new_database(template: str) -> str:
    """A new, empty database on the cluster; its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(template.format(database="postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return template.format(database=name)
