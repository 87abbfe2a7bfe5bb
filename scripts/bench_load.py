"""Load benchmark (not a test): N new viewers open a page at the same moment, on loopback, speaking
Streamlit's own websocket protocol (what a browser sends first: a rerun of the page). Prints, for the app
and for a floor app of the same Streamlit version and config started the same way (a two-page
st.navigation app run at Streamlit's best settings: no post-run GC, no file watcher), the p50/p95 time
from connecting to the last message of the first run, the server CPU per session and the server's RSS,
and the ratios app / floor.

    .venv/bin/python scripts/bench_load.py [--sessions 10,50,100] [--pages overview,map] [--boundaries FILE]
        [-- --server.X v ...]

Without ``--boundaries`` the map page draws its tile diagram (no boundary file, no download); with a
district boundary file (as a province configures ``LCM_BOUNDARIES``) it draws the boundary map.

With ``--nginx-workers 1,2`` the app is also measured behind nginx (``deploy/cluster.py``, as ``make serve``
runs it) with that many workers: p50/p95 and viewers served per second (``--no-floor``: only those rows).

Flags after ``--`` go to the app's ``streamlit run`` (to compare settings, e.g. ``--runner.postScriptGC
false``); the floor always runs with ``--runner.postScriptGC false --server.fileWatcherType none``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.conftest import free_port  # noqa: E402

FLOOR_APP = """import streamlit as st

def overview():
    st.title("Tổng quan")
    st.metric("Lượt cài đặt", "135.445")

def other():
    st.title("Bản đồ")
    st.write("…")

st.navigation([st.Page(overview, url_path="overview", default=True), st.Page(other, url_path="map")]).run()
"""
BEST = ["--runner.postScriptGC", "false", "--server.fileWatcherType", "none"]
QUIET_S = 1.0  # no message for this long after the run finished: the page is complete
PAGE_PATHS = {"overview": "", "map": "map", "ranking": "ranking", "tables": "tables", "history": "history"}


def serve(script: Path, extra: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", *extra]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{script} did not start")
        time.sleep(0.3)


def bench_setup(folder: Path, boundaries: Path | None = None) -> tuple[Path, dict[str, str]]:
    """The floor app's script written in ``folder``, and an environment with a store and boundary directory
    of the run's own (no download): every benchmark starts from the June report alone. ``boundaries``: a
    district boundary file configured as ``LCM_BOUNDARIES``."""
    floor_script = folder / "floor.py"
    floor_script.write_text(FLOOR_APP)
    env = {
        **os.environ,
        "LCM_STORE": str(folder / "store.sqlite"),
        "LCM_BOUNDARY_DIR": str(folder / "boundaries"),
        "LCM_BOUNDARY_DOWNLOAD": "off",
    }
    env.pop("LCM_DATABASE_URL", None)
    env.pop("LCM_BOUNDARIES", None)
    if boundaries is not None:
        env["LCM_BOUNDARIES"] = str(boundaries.resolve())
    return floor_script, env


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def rss_mb(pid: int) -> float:
    line = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


async def one_viewer(url: str, page: str) -> float:
    """Seconds from connecting to the last message of the page's first complete run."""
    started = time.perf_counter()
    async with websockets.connect(
        url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None, ping_interval=None
    ) as socket:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_name = page
        await socket.send(message.SerializeToString())
        last, finished = time.perf_counter(), False
        while True:
            try:
                raw = await asyncio.wait_for(socket.recv(), timeout=QUIET_S if finished else 120)
            except TimeoutError:
                break
            last = time.perf_counter()
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            if forward.HasField("script_finished"):
                finished = True
        return last - started


async def crowd(url: str, page: str, sessions: int) -> list[float]:
    return list(await asyncio.gather(*(one_viewer(url, page) for _ in range(sessions))))


def measure(process: subprocess.Popen | list[subprocess.Popen], url: str, page: str, sessions: int) -> dict[str, float]:
    """Warm the server(s), then ``sessions`` viewers at once; CPU and RSS summed over the processes."""
    processes = process if isinstance(process, list) else [process]
    asyncio.run(crowd(url, page, 2 * len(processes)))  # warm: imports, caches, the first navigation run
    before = sum(cpu_seconds(p.pid) for p in processes)
    started = time.perf_counter()
    times = sorted(asyncio.run(crowd(url, page, sessions)))
    wall = time.perf_counter() - started
    cpu = sum(cpu_seconds(p.pid) for p in processes) - before
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "p50": statistics.median(times),
        "p95": p95,
        "cpu": cpu / sessions,
        "rss": sum(rss_mb(p.pid) for p in processes),
        "rate": sessions / wall,
    }


def median_row(rows: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the rounds (RSS: the last, the process having served them all)."""
    return {key: (rows[-1][key] if key == "rss" else statistics.median(r[key] for r in rows)) for key in rows[0]}


def through_nginx(pages: list[str], sessions: list[int], workers: list[int], env: dict[str, str], folder: Path) -> None:
    """The app behind nginx (deploy/cluster.py) with 1, 2… workers: p95 and viewers served per second."""
    from deploy.cluster import Cluster

    print(f"\nthrough nginx (deploy/cluster.py), {os.cpu_count()} cores, the load generator on the same machine")
    print(
        f"{'page':9} {'workers':>7} {'N':>4}  {'p50':>7} {'p95':>7}  {'viewers/s':>9}  {'CPU/session':>11}  {'RSS':>7}"
    )
    for page in pages:
        for count in workers:
            with Cluster(count, free_port(), runtime=folder / f"nginx-{page}-{count}", env=env) as cluster:
                for n in sessions:
                    m = measure(cluster.processes, cluster.url, PAGE_PATHS[page], n)
                    print(
                        f"{page:9} {count:>7} {n:>4}  {m['p50']:>6.2f}s {m['p95']:>6.2f}s  {m['rate']:>9.1f}  "
                        f"{m['cpu'] * 1000:>8.0f} ms  {m['rss']:>4.0f} MB",
                        flush=True,
                    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", default="10,50,100")
    parser.add_argument("--pages", default="overview,map")
    parser.add_argument("--nginx-workers", default="", help="e.g. 1,2: also measure through nginx (needs nginx)")
    parser.add_argument("--no-floor", action="store_true", help="only the nginx rows")
    parser.add_argument("--rounds", type=int, default=3, help="app/floor measurements per row (medians shown)")
    parser.add_argument("--boundaries", type=Path, help="a district boundary file (LCM_BOUNDARIES)")
    parser.add_argument("extra", nargs="*", help="flags for the app's streamlit run, after --")
    args = parser.parse_args()
    sessions = [int(n) for n in args.sessions.split(",")]
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        floor_script, env = bench_setup(folder, args.boundaries)
        drawn = f"boundaries from {args.boundaries}" if args.boundaries else "tile diagram (no boundaries)"
        print(f"map: {drawn}")
        if args.no_floor:
            through_nginx(args.pages.split(","), sessions, [int(n) for n in args.nginx_workers.split(",")], env, folder)
            return 0
        print(f"app flags: {' '.join(args.extra) or '(config.toml only)'}; floor: {' '.join(BEST)}")
        print(f"each row: the median of {args.rounds} rounds, app and floor alternating, on the same two servers")
        print(
            f"{'page':9} {'N':>4}  {'app p50':>8} {'app p95':>8} {'floor p95':>9} {'p95 ×':>6}  "
            f"{'CPU/session app':>15} {'floor':>6} {'×':>5}  {'RSS app':>8} {'floor':>6}"
        )
        for page in args.pages.split(","):
            for count in sessions:
                # a fresh server per row: every figure starts from the same state
                app, app_url = serve(ROOT / "serve.py", list(args.extra), env)
                floor, floor_url = serve(floor_script, BEST, env)
                try:
                    # rounds alternate app and floor, so that a slow moment of the machine hits both
                    rounds = [
                        (
                            measure(app, app_url, PAGE_PATHS[page], count),
                            measure(floor, floor_url, "map" if page == "map" else "", count),
                        )
                        for _ in range(args.rounds)
                    ]
                    a, f = (median_row([r[i] for r in rounds]) for i in (0, 1))
                finally:
                    for process in (app, floor):
                        process.terminate()
                        try:
                            process.wait(timeout=10)
                        except subprocess.TimeoutExpired:
                            process.kill()
                            process.wait()
                print(
                    f"{page:9} {count:>4}  {a['p50']:>7.2f}s {a['p95']:>7.2f}s {f['p95']:>8.2f}s "
                    f"{a['p95'] / f['p95']:>5.1f}×  {a['cpu'] * 1000:>12.1f} ms {f['cpu'] * 1000:>4.1f} ms "
                    f"{a['cpu'] / max(f['cpu'], 1e-6):>4.1f}×  {a['rss']:>6.0f} MB {f['rss']:>4.0f} MB",
                    flush=True,
                )
                # each round's p95, app and floor, and their ratio; the median of those ratios
                ratios = [app_round["p95"] / floor_round["p95"] for app_round, floor_round in rounds]
                each = "  ".join(
                    f"{app_round['p95']:.2f}/{floor_round['p95']:.2f}s = {ratio:.1f}×"
                    for (app_round, floor_round), ratio in zip(rounds, ratios)
                )
                print(f"{'':16}rounds (app/floor p95): {each}; median {statistics.median(ratios):.1f}×", flush=True)
        if args.nginx_workers:
            through_nginx(args.pages.split(","), sessions, [int(n) for n in args.nginx_workers.split(",")], env, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
