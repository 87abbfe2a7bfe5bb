"""Run the app as N Streamlit worker processes behind nginx (``make serve``), on one machine.

    .venv/bin/python deploy/cluster.py [--workers 2] [--port 8080] [--runtime DIR] [-- streamlit flags…]

Each worker is ``streamlit run serve.py`` on its own loopback port; nginx (Debian's package) listens on
``--port``, keeps each browser on one worker (a route cookie: Streamlit sessions live in a worker's
memory), serves Streamlit's hashed bundle from disk with year-long cache headers, compresses, answers
``/healthz`` and hides ``/_stcore/metrics``. The workers share the store named by ``LCM_STORE`` (SQLite
in WAL mode: several processes of one machine may read and write it). This process watches them: a
worker that exits is started again; Ctrl+C or SIGTERM stops everything.

nginx sets ``X-Forwarded-For`` to the address that connected to it (never passing on one a client wrote),
and the workers believe it from nginx alone: ``LCM_TRUSTED_PROXIES=127.0.0.1,::1`` (the sign-in throttle
counts per client address, see ``lc_app.web``). With another proxy in front of this nginx, add its address
to ``LCM_TRUSTED_PROXIES`` and make nginx take the client from it (``set_real_ip_from``).

Nothing here imports Streamlit; ``deploy/nginx.conf.template`` is the nginx configuration, filled in.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
BROTLI = """    brotli on;
    brotli_comp_level 5;
    brotli_types text/css application/javascript text/javascript application/json application/manifest+json
                 image/svg+xml text/plain font/ttf application/wasm;"""
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
WORKER_TRUSTED_PROXIES = "127.0.0.1,::1"  # this nginx, as the workers see it


def nginx_binary() -> str:
    """Debian's nginx (``make nginx`` installs it); a clear error when it is missing."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise FileNotFoundError("nginx is not installed: run `make nginx` (apt-get install nginx-light)")
    return found


def streamlit_static_dir() -> Path:
    """Where the installed Streamlit keeps its built front end (index.html and static/)."""
    import importlib.util

    spec = importlib.util.find_spec("streamlit")
    assert spec is not None and spec.origin is not None, "streamlit is not installed"
    static = Path(spec.origin).parent / "static"
    assert (static / "index.html").exists(), f"no Streamlit front end in {static}"
    return static


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def render_nginx_conf(listen: str, worker_ports: list[int], runtime: Path, static: Path) -> str:
    """The nginx configuration for these ports and directories (see deploy/nginx.conf.template)."""
    assert worker_ports, "at least one worker"
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=2 fail_timeout=5s;" for port in worker_ports)
    brotli = BROTLI_MODULE.exists()
    values = {
        "load_modules": f"load_module {BROTLI_MODULE};" if brotli else "# no brotli module: gzip only",
        # as root, nginx's workers would run as "nobody"; the runtime directory is this user's
        "user": "user root;" if os.geteuid() == 0 else "",
        "runtime": str(runtime),
        "static": str(static),
        "listen": listen,
        "servers": servers,
        "brotli": BROTLI if brotli else "",
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    assert "{{" not in text, "a placeholder of the nginx template was not filled"
    return text


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    """Until ``url`` answers 200; RuntimeError when the process ends or the time is up."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process ended (exit {process.returncode})")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url}: no answer after {seconds:.0f} s")
        time.sleep(0.3)


@dataclass
class Cluster:
    """N workers and the nginx in front of them; ``start()`` returns the site's URL."""

    workers: int = 2
    port: int = 8080
    host: str = "127.0.0.1"  # where nginx listens ("0.0.0.0": every interface of the machine)
    runtime: Path = field(default_factory=lambda: ROOT / "data" / "serve")
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    streamlit_args: list[str] = field(default_factory=list)
    script: Path = ROOT / "serve.py"
    worker_ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The site's address: on loopback when nginx listens on every interface, else where it listens."""
        return f"http://{'127.0.0.1' if self.host in ('0.0.0.0', '') else self.host}:{self.port}"

    def _start_worker(self, port: int) -> subprocess.Popen:
        command = [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.address", "127.0.0.1"]
        command += ["--server.port", str(port), "--server.headless", "true", *self.streamlit_args]
        # the workers listen on loopback behind this nginx only: its X-Forwarded-For is the client's address
        env = {**self.env, "LCM_TRUSTED_PROXIES": self.env.get("LCM_TRUSTED_PROXIES") or WORKER_TRUSTED_PROXIES}
        with open(self.runtime / f"worker-{port}.log", "ab") as log:  # the child keeps its own descriptor
            return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def start(self) -> str:
        assert self.workers >= 1, "at least one worker"
        binary = nginx_binary()
        self.runtime.mkdir(parents=True, exist_ok=True)
        for name in TEMP_DIRS:
            (self.runtime / name).mkdir(exist_ok=True)
        self.worker_ports = [free_port() for _ in range(self.workers)]
        try:
            self.processes = [self._start_worker(port) for port in self.worker_ports]
            for port, process in zip(self.worker_ports, self.processes):
                wait_for(f"http://127.0.0.1:{port}/_stcore/health", process)
            conf = self.runtime / "nginx.conf"
            conf.write_text(
                render_nginx_conf(f"{self.host}:{self.port}", self.worker_ports, self.runtime, streamlit_static_dir())
            )
            check = subprocess.run([binary, "-t", "-c", str(conf), "-p", str(self.runtime)], capture_output=True)
            if check.returncode != 0:
                raise RuntimeError(f"nginx refused {conf}: {check.stderr.decode(errors='replace')}")
            with open(self.runtime / "nginx.stderr", "ab") as errors:
                self.nginx = subprocess.Popen(
                    [binary, "-c", str(conf), "-p", str(self.runtime), "-g", "daemon off;"],
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                )
            wait_for(self.url + "/healthz", self.nginx, 30)
        except BaseException:
            self.stop()
            raise
        return self.url

    def restart_dead_workers(self) -> list[int]:
        """Start again every worker that has exited (same port, so nginx's list stays right); their ports."""
        restarted = []
        for index, (port, process) in enumerate(zip(self.worker_ports, self.processes)):
            if process.poll() is not None:
                self.processes[index] = self._start_worker(port)
                restarted.append(port)
        return restarted

    def stop(self) -> None:
        children = [p for p in [self.nginx, *self.processes] if p is not None]
        for process in children:
            if process.poll() is None:
                process.terminate()
        for process in children:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.nginx, self.processes = None, []

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workers", type=int, default=2, help="Streamlit worker processes (2–4 on one machine)")
    parser.add_argument("--port", type=int, default=8080, help="the port nginx listens on")
    parser.add_argument("--host", default="0.0.0.0", help="the address nginx listens on (default: all)")
    parser.add_argument("--runtime", type=Path, default=ROOT / "data" / "serve", help="config, logs, pid")
    parser.add_argument("streamlit_args", nargs="*", help="flags for every worker's streamlit run, after --")
    args = parser.parse_args()
    cluster = Cluster(args.workers, args.port, args.host, args.runtime, streamlit_args=args.streamlit_args)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        url = cluster.start()
    except (FileNotFoundError, RuntimeError) as error:
        print(f"cannot start: {error}", file=sys.stderr)
        return 1
    print(f"{url} — nginx in front of {args.workers} workers {cluster.worker_ports}; logs in {args.runtime}")
    try:
        while not stopping:
            for port in cluster.restart_dead_workers():
                print(f"worker on port {port} had stopped: started again", file=sys.stderr)
            time.sleep(1)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
