"""Metrics of Lào Cai's digital epidemic-control tools (Bluezone, QR check-in points).

Plain Python over Polars: this package never imports streamlit, so the command line, the tests and the
web pages share the same computations. Subpackages follow the data, and import only downwards:

    core       reference lists, numbers, findings, messages
    reading    files from outside → tables and notes
    store      snapshots and the SQLite store
    metrics    indicators, classes, rankings, reconciliation
    intake     the upload pipeline (read → check → snapshot)
    (geo)      boundaries and maps — the sibling package, between metrics and publish
    publish    briefing, KPIs, narrative, pictures, documents
    cli        the command line (``python -m lc_metrics``)

``tests/test_layers.py`` fails on an import cycle or an upward import.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
