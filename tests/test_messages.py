"""The message catalog: every key the code names exists, both languages carry the same placeholders,
and the actions written to the audit log have a label."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from lc_metrics.core.messages import MESSAGES
from tests.conftest import ROOT

SOURCES = sorted(p for folder in ("lc_app", "lc_metrics", "geo", "pages") for p in (ROOT / folder).rglob("*.py"))


def test_every_literal_key_exists():
    pattern = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']""")
    used = {key for path in SOURCES for key in pattern.findall(path.read_text(encoding="utf-8"))}
    assert used and not sorted(used - set(MESSAGES))


def test_both_languages_are_written_with_the_same_placeholders():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert not [key for key, (vi, en) in MESSAGES.items() if not vi.strip() or not en.strip()]
    assert not [key for key, (vi, en) in MESSAGES.items() if fields(vi) != fields(en)]


def audit_actions(path: Path) -> set[str]:
    """The action names written by ``store.audit(actor, ACTION, …)`` and ``self._audit(conn, actor, ACTION, …)``
    calls in a source file (string constants, and both branches of a conditional expression)."""
    actions: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            position = {"audit": 1, "_audit": 2}.get(node.func.attr)
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            for value in (argument.body, argument.orelse) if isinstance(argument, ast.IfExp) else (argument,):
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    actions.add(value.value)
    return actions


def test_audit_actions_have_labels():
    actions = {a for path in SOURCES for a in audit_actions(path)}
    assert {"publish", "upload", "withdraw", "sign_out", "boundary_upload", "sign_in", "sign_in_failed"} <= actions
    assert not [a for a in actions if f"audit_{a}" not in MESSAGES]


def test_every_finding_code_has_a_message():
    pattern = re.compile(r"""Finding\(\s*["']([a-z0-9_]+)["']""")
    codes = {code for path in SOURCES for code in pattern.findall(path.read_text(encoding="utf-8"))}
    grid_reasons = set(
        re.findall(
            r"""GridError\(\s*["']([a-z_]+)["']""",
            (ROOT / "lc_metrics" / "reading" / "grids.py").read_text(encoding="utf-8"),
        )
    )
    assert codes and grid_reasons
    missing = sorted(c for c in codes if f"finding_{c}" not in MESSAGES)
    missing += sorted(f"file_{r}" for r in grid_reasons if f"finding_file_{r}" not in MESSAGES)
    assert not missing


def test_a_rate_is_named_as_a_rate_in_both_languages():
    """An indicator written as a percentage is named as one ("Tỷ lệ…"; a rate, share or "per" in English): the
    English detail called the share of points with scans "Points with scans" beside its 49,66%."""
    from lc_metrics.metrics.indicators import DISTRICT_METRICS

    for spec in DISTRICT_METRICS:
        if spec.kind != "pct":
            continue
        vi, en = MESSAGES[f"metric_{spec.key}"]
        assert vi.startswith("Tỷ lệ"), spec.key
        assert re.search(r"\b(rate|share|per)\b", en, re.IGNORECASE), (spec.key, en)
