"""The one place that touches Streamlit's internals (or what Streamlit asks of another library's), and why.

**Legacy pages.** Streamlit takes an app whose main script has a ``pages/`` folder beside it for a legacy (v1) multipage
app until ``st.navigation`` has run once in the process (``PagesManager.uses_pages_directory``, set when
the first ``PagesManager`` is made; see streamlit/streamlit#9624 on deep links at first load). Our page
files live in ``pages/`` (the design card), so a deep link such as ``/map`` opened first after a server
start would run ``pages/map.py`` on its own. There is no public switch: :func:`leave_legacy_pages_mode`
clears the flag (the caller reruns, through ``app.py``), and :func:`start_in_navigation_mode` makes every
new ``PagesManager`` start cleared (AppTest, the benchmark), as a server is after its first page load.
The web server (``serve.py``) sets the flag before its first session with :func:`never_legacy_pages_mode`: in
legacy mode an address that names no page got Streamlit's English "Page not found" dialog before ``app.py`` could
run (see unknown addresses below); :func:`leave_legacy_pages_mode` stays for ``streamlit run app.py``.
``tests/test_layers.py::test_streamlit_still_sets_the_legacy_pages_flag`` fails when an upgrade changes
the behaviour worked around here; then this part can go.

**Once per run.** Streamlit keeps nothing per script run for an app to use (``st.session_state`` lives as long as
the session). The run context's cursor dict is made anew at the start of every run (``ScriptRunContext.reset``):
:func:`keep_for_this_run` keeps a value beside it, :func:`this_run_kept` gives it back during the same run only.
``tests/test_run_memo.py`` fails when an upgrade stops making the dict anew (a value would outlive its run).

**Unknown addresses.** An address that names no page (an old link, a typo: ``/bando``) makes ``st.navigation`` run the
default page under Streamlit's own "Page not found" dialog, in English whatever the app's language. The name asked
for is known before ``st.navigation`` runs only to the run's ``PagesManager`` (``intended_page_name``, set from the
address when a page is opened by it): :func:`requested_page_name` reads it, so that the page list can hold a page
at that name that says so in the app's language (``lc_app.navigation``). ``tests/test_browser.py`` opens unknown
addresses and fails if the dialog comes back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from streamlit.runtime.pages_manager import PagesManager

STREAMLIT_INIT = PagesManager.__init__  # Streamlit's own, before start_in_navigation_mode wraps it


def leave_legacy_pages_mode() -> bool:
    """Clear the legacy flag; True when it was set (the caller must rerun so that app.py routes)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        return True
    return False


def never_legacy_pages_mode() -> None:
    """Before the server's first session: no session takes the app for a legacy (pages/ folder) one."""
    if PagesManager.uses_pages_directory is None:
        PagesManager.uses_pages_directory = False


def start_in_navigation_mode() -> Callable[[], None]:
    """Make every new PagesManager start in st.navigation mode; returns the function that undoes it."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        STREAMLIT_INIT(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]

    def undo() -> None:
        PagesManager.__init__ = original  # type: ignore[method-assign]

    return undo


_KEPT_ATTRIBUTE = "_lcm_kept_this_run"


def requested_page_name() -> str | None:
    """The page name (the address's path) this run was asked for when a page is opened by its address, else None
    (a click in the page list names the page by its hash; "" is the default page)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or ctx.pages_manager.intended_page_script_hash:
        return None
    return ctx.pages_manager.intended_page_name or None


def keep_for_this_run(name: str, value: Any) -> None:
    """Keep ``value`` under ``name`` until this session's current script run ends (nothing outside a run)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return
    kept = ctx.__dict__.get(_KEPT_ATTRIBUTE)
    if kept is None or kept[0] is not ctx.cursors:
        kept = (ctx.cursors, dict[str, Any]())
        setattr(ctx, _KEPT_ATTRIBUTE, kept)
    kept[1][name] = value


def this_run_kept(name: str) -> Any:
    """What :func:`keep_for_this_run` kept under ``name`` in this run, else None."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None
    kept = ctx.__dict__.get(_KEPT_ATTRIBUTE)
    if kept is None or kept[0] is not ctx.cursors:
        return None
    return kept[1].get(name)
