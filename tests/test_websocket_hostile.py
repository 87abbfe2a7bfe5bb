"""Messages a browser never sends, sent on Streamlit's own websocket to the real server (serve.py): the
page answers with at most one sentence and an error code — never a traceback, a server path or a source
line — and the server log keeps the traceback under that code."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.conftest import running_streamlit

pytestmark = pytest.mark.server  # a production server, each exchange waiting out its quiet time


def rerun(query: str = "", page: str = "", widget: tuple[str, str, object] | None = None) -> BackMsg:
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    if widget is not None:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget[0]
        setattr(state, widget[1], widget[2])
    return message


CRAFTED = {
    # a widget state whose id is a page's own key (real ids look like "$$ID-…"): Streamlit's session
    # state then raises KeyError inside st.radio — before this work, its traceback went to the browser
    "user key as widget id": rerun(widget=("sign_in_name", "int_value", 5)),
    "unknown widget id": rerun(widget=("$$ID-deadbeef-lang", "int_value", 99)),
    "unknown page": rerun(page="../../etc/passwd"),
    "nonsense query": rerun(query="snapshot=abc&lang=xx&metric=zzz&district=999&basemap=%00"),
    "huge query": rerun(query="x=" + "a" * 100_000),
}


async def exchange(url: str, message: BackMsg) -> list[tuple[str, str]]:
    """Open a session, let the overview run, send ``message``; the elements it draws: (kind, text)."""
    async with websockets.connect(
        url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None
    ) as socket:
        await socket.send(rerun().SerializeToString())
        await drain(socket)
        await socket.send(message.SerializeToString())
        return await drain(socket)


async def drain(socket) -> list[tuple[str, str]]:
    drawn: list[tuple[str, str]] = []
    timeout = 60.0
    try:
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(socket.recv(), timeout=timeout))
            if forward.HasField("delta") and forward.delta.HasField("new_element"):
                element = forward.delta.new_element
                kind = element.WhichOneof("type") or ""
                drawn.append((kind, str(getattr(element, kind, ""))))
            if forward.HasField("script_finished"):
                timeout = 1.5  # anything later belongs to a rerun the script asked for
    except TimeoutError:
        pass
    return drawn


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    with running_streamlit(tmp_path_factory.mktemp("hostile"), LCM_SHOW_TRACEBACKS="0") as server:
        yield server


@pytest.mark.parametrize("label", list(CRAFTED))
def test_a_crafted_message_shows_no_traceback(production_server, label):
    with ThreadPoolExecutor(1) as pool:  # its own event loop, whatever this thread holds
        drawn = pool.submit(asyncio.run, exchange(production_server["url"], CRAFTED[label])).result()
    assert drawn, "the page drew nothing at all"
    assert [kind for kind, _ in drawn if kind == "exception"] == []
    text = "\n".join(body for _, body in drawn)
    for leak in ("Traceback", "/work/", "site-packages", '.py"', "KeyError"):
        assert leak not in text, leak
    codes = re.findall(r"mã lỗi ([0-9A-F]{8})", text)
    if label == "user key as widget id":
        assert len(codes) == 1, text[:500]
        log = production_server["log"].read_text()
        assert f"unexpected error {codes[0]}" in log and "Traceback" in log
    else:
        assert codes == []
