"""Who is signed in is found once per page run (the sidebar, the page and its parts all ask), and found again at
the next run: a session ended elsewhere meanwhile is not taken for a live one (lc_app.streamlit_workarounds)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

import lc_app.auth
from lc_metrics.store.store import open_store
from tests.conftest import ROOT, sign_in

APP = str(ROOT / "app.py")


def test_the_signed_in_user_is_found_once_a_run_and_anew_at_the_next(store_file, staff_secrets, monkeypatch):
    found = lc_app.auth._current_user
    calls: list[int] = []
    monkeypatch.setattr(lc_app.auth, "_current_user", lambda: calls.append(1) or found())
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    sign_in(at, "quantri")
    calls.clear()
    at.switch_page("pages/map.py").run()  # the sidebar asks, and the map (whether to offer the boundary download)
    assert not at.exception, [e.value for e in at.exception]
    assert len(calls) == 1
    assert "sign_out" in [b.key for b in at.sidebar.button]
    # a district chosen: the page puts it in the address and runs again at once (st.rerun, the same script
    # runner): two runs, the user found in each
    calls.clear()
    next(box for box in at.selectbox if box.label == "Địa phương").select("080").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["district"] == "080" and len(calls) == 2
    # the session ended in another tab: the next run finds nobody signed in
    open_store().end_staff_session(at.session_state["signed_in_user"][1], "sign_out")
    calls.clear()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(calls) == 1
    assert "sign_out" not in [b.key for b in at.sidebar.button]
