"""The one place that touches Streamlit's internals (or what Streamlit asks of another library's), and why.

**Legacy pages.** Streamlit takes an app whose main script has a ``pages/`` folder beside it for a legacy (v1) multipage
app until ``st.navigation`` has run once in the process (``PagesManager.uses_pages_directory``, set when
the first ``PagesManager`` is made; see streamlit/streamlit#9624 on deep links at first load). Our page
files live in ``pages/`` (the design card), so a deep link such as ``/map`` opened first after a server
start would run ``pages/map.py`` on its own. There is no public switch: :func:`leave_legacy_pages_mode`
clears the flag (the caller reruns, through ``app.py``), and :func:`start_in_navigation_mode` makes every
new ``PagesManager`` start cleared (AppTest, the benchmark), as a server is after its first page load.
``tests/test_layers.py::test_streamlit_still_sets_the_legacy_pages_flag`` fails when an upgrade changes
the behaviour worked around here; then this part can go.

**Once per run.** Streamlit keeps nothing per script run for an app to use (``st.session_state`` lives as long as
the session). The run context's cursor dict is made anew at the start of every run (``ScriptRunContext.reset``):
:func:`keep_for_this_run` keeps a value beside it, :func:`this_run_kept` gives it back during the same run only.
``tests/test_run_memo.py`` fails when an upgrade stops making the dict anew (a value would outlive its run)."""

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
