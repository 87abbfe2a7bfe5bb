"""HTML the app wrote itself, for ``st.html``."""

from __future__ import annotations


class PreparedHtml(str):
    """A string ``st.html`` shows as it is.

    Given a plain string, Streamlit first runs ``textwrap.dedent`` over the whole text — meant for HTML
    typed indented in a script, and 4,5% of a new viewer's CPU on the overview, whose status strip and
    charts are 12 KB of generated HTML (py-spy, 100 viewers at once). A body with ``_repr_html_`` is
    taken as that method returns it (documented in ``st.html``). Whitespace means nothing in this HTML
    (no ``<pre>``), so the result on screen is the same.
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)
