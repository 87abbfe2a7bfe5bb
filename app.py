"""Entry point: builds the page list and runs the selected page (``streamlit run app.py``)."""

from lc_app.navigation import build_navigation

build_navigation().run()
