"""An error no page expected (a bug, or a message a browser was never meant to send): the viewer sees one
sentence in their language with a short error code; the server log keeps the traceback under that code.
No traceback, server path or source line reaches a browser. ``LCM_SHOW_TRACEBACKS=1`` (development, the
test servers) shows Streamlit's own traceback instead, so that tests see every error."""

from __future__ import annotations

import os
import secrets

import streamlit as st
from streamlit.logger import get_logger

from lc_metrics.core.messages import DEFAULT_LANG, LANGS, t

SHOW_TRACEBACKS_ENV = "LCM_SHOW_TRACEBACKS"
LOG = get_logger("lc_app.errors")


def report_script_error(error: Exception) -> bool:
    """``st.App(on_script_error=…)``: log the traceback with a reference, show the sentence. True: the
    default traceback display is suppressed."""
    reference = secrets.token_hex(4).upper()
    LOG.error("unexpected error %s", reference, exc_info=error)
    if os.environ.get(SHOW_TRACEBACKS_ENV) == "1":
        return False
    try:
        lang = st.session_state.get("lang", DEFAULT_LANG)
    except Exception:  # noqa: BLE001 - the session state may be what broke
        lang = DEFAULT_LANG
    st.error(
        t("unexpected_error", lang if lang in LANGS else DEFAULT_LANG, reference=reference), icon=":material/error:"
    )
    return True
