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

**A Styler shared by every session.** ``st.dataframe`` marshals a pandas Styler by calling its private
``_compute()`` and ``_translate(False, False)`` (``streamlit/elements/lib/pandas_styler_utils.py``): every
run, for every viewer, 5–6 ms for a ten-row appendix, most of the tables page's own time. A table that does
not change within a report is styled once (:func:`computed_styler`) and the same Styler handed to every
run. ``tests/test_pages.py::test_a_computed_styler_marshals_as_a_fresh_one`` fails when an upgrade makes
the two marshal differently."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from streamlit.runtime.pages_manager import PagesManager

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

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


def computed_styler(styler: Styler) -> Styler:
    """``styler`` with its styles and display values worked out now, once: afterwards ``_compute()`` does
    nothing and ``_translate(False, False)`` (what Streamlit asks) returns the first result. Marshalling
    only reads it, so sessions can share it; it must not be restyled after this call."""
    styler._compute()
    translated = styler._translate(False, False)
    translate = styler._translate

    def translated_once(sparse_index: bool, sparse_columns: bool, *args: Any, **kwargs: Any) -> Any:
        if sparse_index is False and sparse_columns is False and not args and not kwargs:
            return translated
        return translate(sparse_index, sparse_columns, *args, **kwargs)

    styler._compute = lambda: styler
    styler._translate = translated_once
    return styler
