"""Text from files, links and users shown literally inside Streamlit's Markdown (no Streamlit import: the
page context and the page parts both use it)."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = set("\\`*_{}[]#+!|$~:<>")


# GitHub-flavoured autolinks are found in the text after escapes are decoded ("http\\://x" still links):
# an invisible word joiner inside "://", "www." and "@" breaks them, the text reads and copies the same
_AUTOLINK = re.compile(r"(?i)(:)(//)|(www)(\.)|(@)")
_WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Text from files shown literally in st.markdown: no HTML, no Markdown, no :shortcodes:, no $maths$,
    no link made of a bare address."""
    escaped = "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in text)
    return _AUTOLINK.sub(
        lambda m: _WORD_JOINER.join(g for g in m.groups() if g) + (_WORD_JOINER if m.group(5) else ""), escaped
    )
