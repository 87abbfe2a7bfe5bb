"""Streamlit side of the app: caching, language, page building and shared page parts.

Everything that imports streamlit lives here or in ``pages/``; computations are in ``lc_metrics``.
"""
