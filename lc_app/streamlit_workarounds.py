"""The one place that touches Streamlit's internals (or what Streamlit asks of another library's), and why.

**Legacy pages.** Streamlit takes an app whose main script has a ``pages/`` folder beside it for a legacy (v1) multipage
app until ``st.navigation`` has run once in the process (``PagesManager.uses_pages_directory``, set when
the first ``PagesManager`` is made; see streamlit/streamlit#9624 on deep links at first load). Our page
files live in ``pages/`` (the design card), so a deep link such as ``/map`` opened first after a server
start would run ``pages/map.py`` on its own. There is no public switch: :func:`leave_legacy_pages_mode`
clears the flag (the caller reruns, through ``app.py``), and :func:`start_in_navigation_mode` makes every
new ``PagesManager`` start cleared (AppTest, the benchmark), as a server is after its first page load.
``tests/test_layers.py::test_streamlit_still_sets_the_legacy_pages_flag`` fails when an upgrade changes
the behaviour worked around here; then this part can go."""

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
