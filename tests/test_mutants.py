"""Every mutant of scripts/mutants.py still names a line that exists once: a refactor that changes a rule's
line must move its mutant too (found here in seconds, not at the end of `make test`)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("mutants", ROOT / "scripts" / "mutants.py")
assert _spec is not None and _spec.loader is not None
mutants = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("mutants", mutants)  # its dataclasses look their module up there
_spec.loader.exec_module(mutants)


@pytest.mark.parametrize("mutant", mutants.MUTANTS, ids=lambda m: m.name)
def test_each_mutant_names_a_fragment_found_once(mutant):
    text = (ROOT / mutant.path).read_text(encoding="utf-8")
    assert text.count(mutant.original) == 1
    assert mutant.original != mutant.mutated
