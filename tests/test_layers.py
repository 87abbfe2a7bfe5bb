"""Layering rules: computations never import Streamlit; only lc_app/cache.py caches; the packages import
downwards only (core → reading → store → metrics → intake → reporting → service → geo → publish → cli → lc_app →
pages), with no cycle between modules anywhere; only the intake service publishes or keeps a submission."""

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


@pytest.mark.parametrize(
    "path",
    sorted([*(ROOT / "lc_metrics").rglob("*.py"), *(ROOT / "geo").rglob("*.py")]),
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_computations_never_import_streamlit(path):
    assert not [m for m in imported_modules(path) if m.split(".")[0] == "streamlit"]


def test_streamlit_caching_sits_in_one_module():
    users = sorted(
        p.relative_to(ROOT).as_posix()
        for p in [*ROOT.glob("lc_app/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
        if "st.cache_" in p.read_text(encoding="utf-8")
    )
    assert users == ["lc_app/cache.py"]


def test_text_from_files_is_escaped_for_markdown():
    from lc_app.markdown_text import escape_markdown

    escaped = escape_markdown("<script>x</script> **bold** :material/home: [a](b)")
    assert "<" not in escaped.replace("\\<", "") and "**" not in escaped.replace("\\*", "")
    assert ":material" not in escaped.replace("\\:", "")


# Bottom first. A module may import its own layer and the layers below it, never one above.
LAYERS = [
    "lc_metrics.core",
    "lc_metrics.reading",
    "lc_metrics.store",
    "lc_metrics.metrics",
    "lc_metrics.intake",
    "lc_metrics.reporting",
    "lc_metrics.service",
    "geo",
    "lc_metrics.publish",
    "lc_metrics.cli",
    "lc_app",
    "pages",
]
PACKAGES = ("lc_metrics", "geo", "lc_app", "pages")


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    for index in range(len(LAYERS) - 1, -1, -1):
        if module == LAYERS[index] or module.startswith(LAYERS[index] + "."):
            return index
    if module == "lc_metrics.__main__":
        return LAYERS.index("lc_metrics.cli")
    return None  # the package roots (docstrings only)


def import_graph() -> dict[str, set[str]]:
    """Every product module → the product modules it imports (at any depth in the file, lazy ones too)."""
    paths = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    known = {module_name(p) for p in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        edges = set()
        for imported in imported_modules(path):
            while imported and imported not in known:
                imported = imported.rpartition(".")[0]
            if imported and imported.split(".")[0] in PACKAGES and imported != module_name(path):
                edges.add(imported)
        graph[module_name(path)] = edges
    return graph


def test_every_product_module_has_a_layer():
    assert [m for m in import_graph() if layer_of(m) is None and m not in PACKAGES] == []


def test_no_module_imports_a_layer_above_its_own():
    upward = sorted(
        f"{module} → {target}"
        for module, targets in import_graph().items()
        for target in targets
        if layer_of(target) is not None and layer_of(module) is not None and layer_of(target) > layer_of(module)
    )  # type: ignore[operator]
    assert upward == []


def test_no_import_cycle():
    graph = import_graph()
    cycles, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" → ".join(path[path.index(target) :] + [target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("text", ["xem http://127.0.0.1:9/x", "www.example.vn", "gửi a@b.vn", "HTTPS://X.VN"])
def test_bare_addresses_never_become_links(text):
    """GFM autolinks are found in the text after escapes are decoded: the text as rendered must not hold
    "://", "www." or "x@y" in one piece."""
    from lc_app.markdown_text import escape_markdown

    rendered = escape_markdown(text).replace("\\", "")
    assert "://" not in rendered and "www." not in rendered.lower() and "@b" not in rendered


def test_streamlit_still_sets_the_legacy_pages_flag(tmp_path):
    """What lc_app/streamlit_workarounds.py works around: a main script with a pages/ folder beside it makes
    the first PagesManager set ``uses_pages_directory``. When an upgrade stops doing so, remove the module."""
    from streamlit.runtime.pages_manager import PagesManager

    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("")
    from lc_app.streamlit_workarounds import STREAMLIT_INIT

    saved = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None  # a fresh server process
        STREAMLIT_INIT(PagesManager.__new__(PagesManager), str(tmp_path / "app.py"))
        assert PagesManager.uses_pages_directory is True
    finally:
        PagesManager.uses_pages_directory = saved


def test_the_web_server_never_starts_in_legacy_pages_mode():
    """serve.py, imported as the server starts (before its first session), keeps every session out of the legacy
    pages mode, whose "Page not found" dialog an unknown address got before app.py ran. In a process of its own:
    the flag is the process's."""
    import subprocess
    import sys

    script = (
        "import serve\n"
        "from streamlit.runtime.pages_manager import PagesManager\n"
        "PagesManager('app.py')\n"
        "print(PagesManager.uses_pages_directory)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "False"


def test_streamlit_internals_are_touched_in_one_module():
    users = sorted(
        p.relative_to(ROOT).as_posix()
        for folder in ("lc_app", "pages", "lc_metrics", "geo", "scripts", "tests")
        for p in (ROOT / folder).rglob("*.py")
        if "PagesManager" in p.read_text(encoding="utf-8") and p.name not in ("test_layers.py",)
    )
    assert users == ["lc_app/streamlit_workarounds.py"]


# The store's methods that publish a report or keep (or decide on) a district's submission.
WRITES_OF_FIGURES = (
    "publish",
    "add_submission",
    "review_submission",
    "save_snapshot",
    "save_register",
    "record_point_action",
)


def callers_of(methods: tuple[str, ...]) -> dict[str, set[str]]:
    """Per module of the product (the store itself aside), the given methods it calls on anything."""
    found: dict[str, set[str]] = {}
    for path in sorted([*ROOT.glob("lc_metrics/**/*.py"), *ROOT.glob("lc_app/*.py"), *ROOT.glob("pages/*.py")]):
        module = module_name(path)
        if module.startswith("lc_metrics.store"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in methods:
                found.setdefault(module, set()).add(node.func.attr)
    return found


def test_only_the_intake_service_publishes_or_keeps_submissions():
    """Pages and the command line reach publishing only through lc_metrics.service.intake: one set of checks
    for every path (an upload, a district's submission, a consolidation)."""
    assert callers_of(WRITES_OF_FIGURES) == {
        "lc_metrics.service.intake": {"publish", "add_submission", "review_submission"},
        "lc_metrics.service.registers": {"save_register", "record_point_action"},
    }


def test_every_date_field_is_written_day_first():
    """Officials write 31/3/2027: a date field left to Streamlit's default showed "2027/03/31" (the targets' deadline,
    a helper's review) beside the day-first fields of every other page."""
    undated = []
    for path in sorted([*(ROOT / "lc_app").glob("*.py"), *(ROOT / "pages").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "date_input":
                formats = [k.value for k in node.keywords if k.arg == "format"]
                if not (formats and isinstance(formats[0], ast.Constant) and formats[0].value == "DD/MM/YYYY"):
                    undated.append(f"{path.name}:{node.lineno}")
    assert not undated, undated
