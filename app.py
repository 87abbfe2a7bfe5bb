"""Entry point: builds the page list and runs the selected page (``streamlit run app.py``)."""

from lc_app.navigation import build_navigation
from lc_metrics.core.collection import freeze_after_imports

build_navigation().run()
freeze_after_imports()
