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


def test_the_forked_runner_tells_a_killed_mutant_from_a_survivor(tmp_path):
    """scripts/mutants.py's runner on a tree of its own: a mutant its test catches is killed, one that changes
    nothing the test looks at survives, and each file is put back (in a new Python: the runner must not
    have the project's modules imported before it forks)."""
    import subprocess
    import textwrap

    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "rule.py").write_text("def limit():\n    return 5  # the rule\n\n\ndef unused():\n    return 1\n")
    (tree / "test_rule.py").write_text("from rule import limit\n\n\ndef test_limit():\n    assert limit() == 5\n")
    script = textwrap.dedent(
        f"""
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location("mutants", {str(ROOT / "scripts" / "mutants.py")!r})
        mutants = importlib.util.module_from_spec(spec)
        sys.modules["mutants"] = mutants
        spec.loader.exec_module(mutants)
        from pathlib import Path
        caught = mutants.Mutant("caught", "rule.py", "return 5  # the rule", "return 6", ("test_rule.py",))
        missed = mutants.Mutant("missed", "rule.py", "return 1", "return 2", ("test_rule.py",))
        mutants.run_forked((caught, missed), [Path({str(tree)!r})], lambda m, killed, s: print(m.name, killed))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split("\n")[-3:-1]) == ["caught True", "missed False"], result.stdout
    assert "return 5  # the rule" in (tree / "rule.py").read_text() and "return 1" in (tree / "rule.py").read_text()
