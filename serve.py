"""The web server: the Streamlit app (``app.py``) plus what Streamlit alone does not give — sign-in that
survives reloads and new tabs (a session cookie), the report's documents at a plain address
(``lc_app.document_route``), security headers, framework endpoints kept local, an unexpected error shown
as one sentence with a code (the traceback goes to the server log).
Start with ``streamlit run serve.py`` (``make run``); Streamlit finds ``app`` below and serves it."""

import streamlit as st

from lc_app.document_route import document_routes
from lc_app.errors import report_script_error
from lc_app.streamlit_workarounds import never_legacy_pages_mode
from lc_app.web import middleware, routes

never_legacy_pages_mode()  # before the first session (lc_app.streamlit_workarounds: legacy pages)

app = st.App(
    "app.py", routes=[*routes(), *document_routes()], middleware=middleware(), on_script_error=report_script_error
)
