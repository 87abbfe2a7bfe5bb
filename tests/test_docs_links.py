"""The README stays short and points into docs/; every relative link and image of README.md and docs/*.md
resolves to a file of this checkout, and every #anchor to a heading of its target (GitHub's heading ids).

Expected values come from the files themselves (the Makefile's defaults, `.ci/run`), not from this test's
own idea of them."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = sorted([README, *DOCS.glob("*.md")])
README_LIMIT = 6 * 1024  # bytes: what a newcomer reads in five minutes
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_SPAN = re.compile(r"`+[^`]*`+")


def prose_lines(text: str) -> list[str]:
    """The lines that are not code: fenced blocks and indented blocks (four spaces after a blank line) left out."""
    lines, fenced, in_code, previous_blank = [], False, False, True
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            in_code = line.startswith("    ") and (previous_blank or in_code) or (in_code and not line.strip())
            if not in_code:
                lines.append(line)
        previous_blank = not line.strip()
    return lines


def links(path: Path) -> list[str]:
    """Every link and image target of a Markdown file, code spans and code blocks left out."""
    found = []
    for line in prose_lines(path.read_text(encoding="utf-8")):
        found.extend(LINK.findall(CODE_SPAN.sub("", line)))
    return found


def slug(heading: str) -> str:
    """GitHub's id for a heading: lower case, punctuation dropped (letters of any script kept), spaces to '-'."""
    text = CODE_SPAN.sub(lambda match: match.group(0).strip("`"), heading.strip()).lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The ids of a Markdown file's headings (a repeated heading gets -1, -2…, as on GitHub)."""
    seen: dict[str, int] = {}
    ids = set()
    for line in prose_lines(path.read_text(encoding="utf-8")):
        heading = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            base = slug(heading.group(1))
            ids.add(base if base not in seen else f"{base}-{seen[base]}")
            seen[base] = seen.get(base, 0) + 1
    return ids


def relative(target: str) -> bool:
    return not re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) and not target.startswith("//")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_resolves(page: Path):
    targets = [target for target in links(page) if relative(target)]
    assert targets, f"{page.name} links nowhere"
    broken = []
    for target in targets:
        file_part, _, anchor = target.partition("#")
        resolved = (page.parent / file_part).resolve() if file_part else page
        if not resolved.is_file():
            broken.append(f"{target}: no file {resolved}")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading #{anchor} in {resolved.name}")
    assert not broken, "\n".join(broken)


def test_the_readme_is_short_and_links_every_docs_page():
    size = len(README.read_bytes())
    assert size < README_LIMIT, f"README.md is {size} bytes, over {README_LIMIT}"
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in links(README) if relative(target)}
    missing = [page.name for page in DOCS.glob("*.md") if page.resolve() not in linked]
    assert not missing, f"README.md does not link {missing}"


def test_the_readme_shows_one_screenshot_of_the_overview():
    images = [target for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README.read_text("utf-8"))]
    assert len(images) == 1, images
    path = ROOT / images[0]
    assert path.parent == DOCS / "images", images[0]
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1440, 900))


def test_the_readme_commands_are_the_makefiles():
    """`make run` with the Makefile's own PORT and ADDRESS defaults; `make test`, which is what CI runs."""
    readme = README.read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defaults = dict(re.findall(r"^(PORT|ADDRESS)\s*\?=\s*(\S+)", makefile, re.MULTILINE))
    assert set(defaults) == {"PORT", "ADDRESS"}
    run = re.search(r"^    make run\s+# (.*)$", readme, re.MULTILINE)
    assert run, "README.md has no `make run` command line"
    assert f"PORT={defaults['PORT']}" in run.group(1) and f"ADDRESS={defaults['ADDRESS']}" in run.group(1)
    assert f"http://localhost:{defaults['PORT']}" in readme
    assert "every network interface" in readme and defaults["ADDRESS"] == "0.0.0.0"
    commands = re.findall(r"^    (make \S+)\s*$", readme, re.MULTILINE)
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    ci_commands = [line for line in ci if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ci_commands == ["make test"], (commands, ci_commands)
