"""Document flood (not a test): anonymous clients fetch many distinct documents of many reports for a while,
and the server's CPU and resident memory are printed before, during and after, and after a pause.

    .venv/bin/python scripts/bench_document_flood.py [--reports 7] [--clients 8] [--seconds 60] [--pause 60]
        [--app-root DIR]

The app is started as the tests start it (``streamlit run serve.py`` on 127.0.0.1, a store of its own seeded
with the June report, no boundary download); ``--reports - 1`` more reports (the June figures under other
dates) are published first, so that there are ``reports × 3 kinds × 2 languages`` distinct documents — more
than the in-memory caches of a process hold. Each client is a thread fetching ``/lcm/document`` for every
(report, kind, language) in its own shuffled order, round after round, as another address (``X-Forwarded-For
10.0.0.N``, which a server behind nginx reads as the viewer's address; the old server ignores it). A probe
fetches one report's appendix as CSV every half second throughout: what another viewer waits for.

``--app-root`` runs the app of another checkout (``/work/main`` for the figures before a change) with this
script's store and flood. Prints one table: requests by status, server CPU seconds, RSS (MB, the server and
its children; in brackets the children's part: a build process), probe p50/p95 (s).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lc_metrics.store.snapshot import load_report_dir  # noqa: E402
from lc_metrics.store.store import open_store  # noqa: E402
from tests.conftest import free_port  # noqa: E402

KINDS = ("xlsx", "docx", "pptx")
LANGS = ("vi", "en")


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (a build helper, if the server has one)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def cpu_seconds(pid: int) -> float:
    """utime + stime of the server and of its children, living and reaped."""
    total = 0.0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if member == pid else 0)
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int, children_only: bool = False) -> float:
    """Resident memory of the server and its children (``children_only``: of its children alone)."""
    total = 0
    for member in process_tree(pid):
        if children_only and member == pid:
            continue
        try:
            status = Path(f"/proc/{member}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS")), 0)
    return total / 1024


def fetch(url: str, address: str | None = None, timeout: float = 120) -> int:
    request = urllib.request.Request(url, headers={"X-Forwarded-For": address} if address else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def publish_reports(store_file: Path, count: int) -> list[int]:
    """The June report and ``count - 1`` more under later dates (the same figures: distinct documents)."""
    store = open_store(store_file)
    june = load_report_dir()
    for week in range(1, count):
        store.save_snapshot(dataclasses.replace(june, as_of=june.as_of + dt.timedelta(days=7 * week)), "bench")
    return [s["id"] for s in store.list_snapshots()]


def start(app_root: Path, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "LCM_STORE": str(folder / "store.sqlite"),
        "LCM_BOUNDARY_DIR": str(folder / "boundaries"),
        "LCM_BOUNDARY_DOWNLOAD": "off",
        "LCM_DOCUMENT_DIR": str(folder / "documents"),
        "LCM_TRUSTED_PROXIES": "127.0.0.1,::1",  # its clients come as through make serve's nginx (X-Forwarded-For)
    }
    for name in ("LCM_DATABASE_URL", "LCM_BOUNDARIES", "LCM_PROVINCE_BOUNDARIES"):
        env.pop(name, None)
    command = [sys.executable, "-m", "streamlit", "run", str(app_root / "serve.py"), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(command, cwd=app_root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while fetch(url + "/_stcore/health", timeout=2) != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the server did not start: {(folder / 'server.log').read_text()[-2000:]}")
        time.sleep(0.3)
    return process, url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=7)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pause", type=float, default=60, help="seconds idle after the flood before the last row")
    parser.add_argument("--app-root", type=Path, default=ROOT)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lcm-flood-") as temporary:
        folder = Path(temporary)
        ids = publish_reports(folder / "store.sqlite", args.reports)
        documents = [(i, kind, lang) for i in ids for kind in KINDS for lang in LANGS]
        process, url = start(args.app_root.resolve(), folder)
        try:
            probe_url = f"{url}/lcm/document?kind=csv&snapshot={ids[-1]}&lang=vi&appendix=appendix2"
            cpu0 = cpu_seconds(process.pid)
            rows: list[tuple[str, float, tuple[float, float], str, str]] = []

            def memory() -> tuple[float, float]:
                return rss_mb(process.pid), rss_mb(process.pid, children_only=True)

            rows.append(("started (nothing built)", 0.0, memory(), "", ""))

            def probe(seconds: float) -> list[float]:
                times, end = [], time.monotonic() + seconds
                while time.monotonic() < end:
                    began = time.perf_counter()
                    fetch(probe_url, "10.0.1.1")
                    times.append(time.perf_counter() - began)
                    time.sleep(0.5)
                return times

            def quantiles(times: list[float]) -> str:
                if len(times) < 2:
                    return "-"
                cuts = statistics.quantiles(times, n=20)
                return f"{statistics.median(times):.3f}/{cuts[18]:.3f}"

            fetch(probe_url)  # the probe's document, once, before the flood
            rows.append(
                ("before the flood (probe 5 s)", cpu_seconds(process.pid) - cpu0, memory(), quantiles(probe(5)), "")
            )
            cpu_before = cpu_seconds(process.pid)
            statuses: Counter[int] = Counter()
            lock = threading.Lock()
            stop = time.monotonic() + args.seconds
            peak = [memory()]

            def client(number: int) -> None:
                order = documents[:]
                random.Random(number).shuffle(order)
                address = f"10.0.0.{number + 1}"
                while time.monotonic() < stop:
                    for snapshot_id, kind, lang in order:
                        if time.monotonic() >= stop:
                            return
                        status = fetch(f"{url}/lcm/document?kind={kind}&snapshot={snapshot_id}&lang={lang}", address)
                        with lock:
                            statuses[status] += 1
                        if status in (429, 503):
                            time.sleep(1)  # a polite client; a rude one costs the server a 429 each

            def sample() -> None:
                while time.monotonic() < stop:
                    peak[0] = max(peak[0], memory())
                    time.sleep(0.5)

            threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
            threads.append(threading.Thread(target=sample))
            started = time.monotonic()
            for thread in threads:
                thread.start()
            during_probe = probe(args.seconds)
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            served = ", ".join(f"{code or 'error'}: {n}" for code, n in sorted(statuses.items()))
            rows.append(
                (
                    f"flood ({args.clients} clients, {elapsed:.0f} s)",
                    cpu_seconds(process.pid) - cpu_before,
                    peak[0],
                    quantiles(during_probe),
                    served,
                )
            )
            rows.append(("just after", cpu_seconds(process.pid) - cpu0, memory(), "", ""))
            time.sleep(args.pause)
            rows.append((f"after a {args.pause:.0f} s pause", cpu_seconds(process.pid) - cpu0, memory(), "", ""))
            print(f"app: {args.app_root.resolve()}; {len(ids)} reports, {len(documents)} distinct documents")
            print("CPU s: the flood's own on its row, else since the server started; peak RSS on the flood's row")
            print(f"{'phase':<30} {'CPU s':>7} {'RSS MB (build)':>15}  {'probe p50/p95 s':>16}  requests")
            for phase, cpu, (rss, children), probe_times, served_text in rows:
                memory_text = f"{rss:.0f} ({children:.0f})"
                print(f"{phase:<30} {cpu:>7.1f} {memory_text:>15}  {probe_times:>16}  {served_text}")
            documents_dir = folder / "documents"
            if documents_dir.exists():
                files = [p for p in documents_dir.rglob("*") if p.is_file()]
                size = sum(p.stat().st_size for p in files)
                print(f"document cache on disk: {len(files)} files, {size / 1e6:.1f} MB")
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
