"""Metrics of Lào Cai's digital epidemic-control tools (Bluezone, QR check-in points).

Plain Python over Polars: this package never imports streamlit, so the command line,
the tests and the web pages share the same computations.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
