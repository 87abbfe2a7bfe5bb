"""`make serve`: two real Streamlit workers behind Debian's nginx (deploy/cluster.py), on loopback. What
nginx adds is checked from the outside: the bundle from disk with year-long cache headers, compressed;
the route cookie keeping a browser on one worker (read from nginx's access log); a page run over the
proxied websocket; /_stcore/metrics hidden; a worker that dies is skipped, then started again; and the
overview in Chromium through the proxy."""

from __future__ import annotations

import asyncio
import gzip
import re
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.cluster import Cluster, render_nginx_conf, streamlit_static_dir
from tests.conftest import free_port

# one xdist worker runs the module (make test: --dist loadgroup): its cluster started once
pytestmark = [pytest.mark.server, pytest.mark.xdist_group("cluster")]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    import os

    folder = tmp_path_factory.mktemp("cluster")
    env = {
        **os.environ,
        "LCM_STORE": str(folder / "store.sqlite"),
        "LCM_BOUNDARY_DIR": str(folder / "boundaries"),
        "LCM_BOUNDARY_DOWNLOAD": "off",
    }
    with Cluster(workers=2, port=free_port(), runtime=folder / "runtime", env=env) as running:
        yield running


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, b""


def upstreams(cluster: Cluster, marker: str) -> list[str]:
    """The worker each logged request for ``marker`` (a query string) went to."""
    log = (cluster.runtime / "access.log").read_text()
    return re.findall(rf"GET /\?{marker}\S* HTTP/1.1\" \d+ \d+ upstream=(.+?) route=", log)


def test_the_bundle_comes_from_disk_compressed_and_cached_for_a_year(cluster):
    script = next((streamlit_static_dir() / "static" / "js").glob("index.*.js"))
    url = f"{cluster.url}/static/js/{script.name}"
    status, headers, body = get(url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert gzip.decompress(body) == script.read_bytes()
    assert len(body) < script.stat().st_size / 2
    log = (cluster.runtime / "access.log").read_text()
    assert script.name not in log  # served by nginx itself (not logged, never sent to a worker)


def test_the_page_itself_is_compressed_and_not_cached(cluster):
    status, headers, _ = get(cluster.url + "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") in ("gzip", "br")
    assert "immutable" not in headers.get("cache-control", "")
    assert "content-security-policy" in headers  # the app's own headers pass through


def test_a_browser_stays_on_one_worker_and_new_browsers_spread(cluster):
    status, headers, _ = get(cluster.url + "/?first")
    cookie = headers["set-cookie"].split(";")[0]
    assert status == 200 and cookie.startswith("lcm_route=")
    for number in range(12):
        status, headers, _ = get(f"{cluster.url}/?same{number}", Cookie=cookie)
        assert status == 200 and "lcm_route" not in headers.get("set-cookie", "")
    assert len(upstreams(cluster, "first")) == 1
    assert set(upstreams(cluster, "same")) == set(upstreams(cluster, "first"))
    for number in range(24):
        get(f"{cluster.url}/?new{number}")
    assert set(upstreams(cluster, "new")) == {f"127.0.0.1:{port}" for port in cluster.worker_ports}


def test_a_page_runs_over_the_proxied_websocket(cluster):
    import websockets
    from google.protobuf import text_format
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async def overview() -> list[str]:
        texts = []
        url = cluster.url.replace("http", "ws") + "/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as socket:
            message = BackMsg()
            message.rerun_script.page_name = ""
            await socket.send(message.SerializeToString())
            # to the end of the run that drew the page: a worker's first run may rerun at once (see
            # lc_app/streamlit_workarounds.py), later than a fixed wait when the machine is busy
            deadline = time.monotonic() + 60
            while True:
                try:
                    raw = await asyncio.wait_for(socket.recv(), timeout=max(deadline - time.monotonic(), 0.1))
                except TimeoutError:
                    return texts
                forward = ForwardMsg()
                forward.ParseFromString(raw)
                if forward.HasField("delta") and forward.delta.HasField("new_element"):
                    texts.append(text_format.MessageToString(forward.delta.new_element, as_utf8=True))
                if forward.HasField("script_finished") and any("56,06%" in text for text in texts):
                    return texts

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API may hold this thread's event loop
        texts = "".join(thread.submit(asyncio.run, overview()).result())
    assert "23,25%" in texts and "56,06%" in texts  # the dispatch's coverage and no-scan rate


def test_metrics_are_hidden_and_health_is_answered(cluster):
    assert get(cluster.url + "/_stcore/metrics")[0] == 404
    assert get(cluster.url + "/healthz")[:1] == (200,)


def test_documents_come_through_nginx_from_every_worker(cluster):
    """The overview's document links (lc_app/document_route.py) behind nginx: new browsers are spread over
    the workers, and each worker builds and sends the workbook the dispatch's figures are in."""
    import io

    import openpyxl

    from lc_app.document_route import document_url
    from lc_metrics.store.store import open_store

    store = open_store(cluster.env.get("LCM_DATABASE_URL") or cluster.env["LCM_STORE"])
    (snapshot_id,) = [s["id"] for s in store.list_snapshots()]
    for number in range(24):
        status, headers, body = get(f"{cluster.url}{document_url('xlsx', snapshot_id, 'vi')}&browser={number}")
        assert status == 200 and 'filename="phu_luc_bluezone_qr_2021-06-23.xlsx"' in headers["content-disposition"]
        cells = {c.value for sheet in openpyxl.load_workbook(io.BytesIO(body)).worksheets for r in sheet for c in r}
        assert 135445 in cells
    log = (cluster.runtime / "access.log").read_text()
    served_by = set(re.findall(r"GET /lcm/document\?\S*browser=\d+ HTTP/1.1\" 200 \d+ upstream=(.+?) route=", log))
    assert served_by == {f"127.0.0.1:{port}" for port in cluster.worker_ports}


def test_a_dead_worker_is_skipped_then_started_again(cluster):
    victim = cluster.processes[0]
    victim.kill()
    victim.wait()
    for number in range(8):  # every new browser still gets the page, from the live worker
        assert get(f"{cluster.url}/?afterdeath{number}")[0] == 200
    live = f"127.0.0.1:{cluster.worker_ports[1]}"
    # each answer came from the live worker (a try on the dead one first is logged as "dead, live")
    assert all(u.rstrip(",") == live or u.endswith(live) for u in upstreams(cluster, "afterdeath"))
    assert cluster.restart_dead_workers() == [cluster.worker_ports[0]]
    from deploy.cluster import wait_for

    wait_for(f"http://127.0.0.1:{cluster.worker_ports[0]}/_stcore/health", cluster.processes[0])
    assert cluster.restart_dead_workers() == []


def test_the_overview_in_chromium_through_nginx(cluster, page):
    page.goto(cluster.url + "/")
    page.get_by_text("23,25%").first.wait_for(timeout=60_000)
    page.get_by_text("56,06%").first.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_configuration_has_no_unfilled_placeholder(tmp_path: Path):
    text = render_nginx_conf("127.0.0.1:9", [1, 2, 3], tmp_path, streamlit_static_dir())
    assert text.count("server 127.0.0.1:") == 3 and "{{" not in text
    assert "location = /_stcore/metrics" in text and "hash $lcm_route consistent" in text
