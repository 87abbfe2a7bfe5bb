"""Layering rules: computations never import Streamlit; only lc_app/cache.py caches."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", sorted([*(ROOT / "lc_metrics").glob("*.py"), *(ROOT / "geo").glob("*.py")]),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_computations_never_import_streamlit(path):
    assert not [m for m in imported_modules(path) if m.split(".")[0] == "streamlit"]


def test_streamlit_caching_sits_in_one_module():
    users = sorted(p.relative_to(ROOT).as_posix() for p in [*ROOT.glob("lc_app/*.py"), *ROOT.glob("pages/*.py"),
                                                             ROOT / "app.py"]
                   if "st.cache_" in p.read_text(encoding="utf-8"))
    assert users == ["lc_app/cache.py"]


def test_text_from_files_is_escaped_for_markdown():
    from lc_app.components import escape_markdown

    escaped = escape_markdown("<script>x</script> **bold** :material/home: [a](b)")
    assert "<" not in escaped.replace("\\<", "") and "**" not in escaped.replace("\\*", "")
    assert ":material" not in escaped.replace("\\:", "")
