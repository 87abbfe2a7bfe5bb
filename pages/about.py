"""Về số liệu: each indicator's definition, formula, source and update time (the "?" of every card opens it)."""

import streamlit as st

from lc_app.about import about_page
from lc_app.context import page_context
from lc_metrics.core.messages import t

context = page_context()
lang = context.lang
st.title(t("page_about", lang))
if context.view is not None:
    about_page(context.view, lang)
