"""What an .xlsx file says beyond its cell values, read without building a tree of its cells.

calamine (Rust) reads the values of a sheet fast, but not everything the reader needs: which style a cell
has (a number shown as 19,5% or rounded to 11.460), which rows and columns are hidden, which cells are
merged, which formulas were never computed (calamine gives them as blank) and which cells hold an error
value such as ``#DIV/0!`` (also blank). This module finds those in the workbook's XML:

- the small parts (``workbook.xml``, its relationships, ``styles.xml``) with ElementTree;
- each sheet's XML with a handful of regular expressions that run over the bytes in C and return only
  what they match (a few cells, a few rows), never one Python object per cell.

The scan also measures the sheet: its last row and column as the XML writes them. calamine expands a
sheet into a dense rectangle before it can be sliced, so a single cell far out (``XFD1048576``) would ask
it for gigabytes and abort the process; :func:`sheet_markup` reports the extent first and the caller
refuses or reads such a sheet another way. Tags may carry a namespace prefix (``<x:c>``, written by the
.NET Open XML SDK).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

_ROOT = re.compile(rb"\s*(?:<\?xml[^>]*\?>)?\s*(?:<!--.*?-->\s*)*<([A-Za-z_][\w.\-]*:)?worksheet\b", re.DOTALL)


@dataclass(frozen=True)
class _Patterns:
    """The scan's regular expressions for one tag prefix (b"" or b"x:"): a literal prefix lets the regex
    engine jump from one ``<c`` to the next instead of trying a prefix at every ``<``."""

    # every cell tag, with its reference when r is the first attribute (as every writer we know puts it),
    # (b"", b"") when not: one pass counts the cells and reads their references
    cell_tag: re.Pattern[bytes]
    cell_reference: re.Pattern[bytes]  # r anywhere among the attributes
    row_tag: re.Pattern[bytes]  # every row tag, with its number (b"" for a row without one)
    # the cells and rows a quick look cannot place within 4.999 rows and 256 columns: every cell but those
    # whose reference comes first and names such a cell, with the reference when it comes first; every
    # row but those numbered up to 4.999, with its number (b"" for a row without one)
    cell_beyond: re.Pattern[bytes]
    row_beyond: re.Pattern[bytes]
    hidden_row: re.Pattern[bytes]
    column: re.Pattern[bytes]
    merge: re.Pattern[bytes]
    autofilter: re.Pattern[bytes]
    error_cell: re.Pattern[bytes]
    formula: re.Pattern[bytes]
    uncomputed_cell: re.Pattern[bytes]
    empty_value: re.Pattern[bytes]  # an empty value anywhere (<v/>, <v></v>): the cells to look for exist
    empty_number: re.Pattern[bytes]


@functools.lru_cache(maxsize=8)
def _patterns(prefix: bytes) -> _Patterns:
    p = re.escape(prefix)
    return _Patterns(
        cell_tag=re.compile(rb"<" + p + rb"c(?= r=\"([A-Z]{1,3})([0-9]{1,7})\"|[\s/>])"),
        cell_reference=re.compile(rb"<" + p + rb"c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\""),
        row_tag=re.compile(rb"<" + p + rb"row(?=\s[^>]*?\br=\"([0-9]{1,7})\"|[\s/>])"),
        cell_beyond=re.compile(
            rb"<" + p + rb"c(?! r=\"(?:[A-Z]|[A-H][A-Z]|I[A-V])(?:[1-4][0-9]{3}|[1-9][0-9]{0,2})\")"
            rb"(?: r=\"([A-Z]{1,3})([0-9]{1,7})\"(?=[\s/>])|(?=[\s/>]))"
        ),
        row_beyond=re.compile(
            rb"<" + p + rb"row(?!\s[^>]*?\br=\"(?:[1-4][0-9]{3}|[1-9][0-9]{0,2})\")"
            rb"(?=\s[^>]*?\br=\"([0-9]{1,7})\"|[\s/>])"
        ),
        hidden_row=re.compile(rb"<" + p + rb"row\s([^>]*?\bhidden=\"(?:1|true)\"[^>]*)>"),
        column=re.compile(rb"<" + p + rb"col\s([^>]*)>"),
        merge=re.compile(rb"<" + p + rb"mergeCell\s[^>]*?\bref=\"([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})\""),
        autofilter=re.compile(
            rb"<" + p + rb"autoFilter\s[^>]*?\bref=\"([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?\""
        ),
        error_cell=re.compile(
            rb"<" + p + rb"c\s([^>]*?\bt=\"e\"[^>]*)(?<!/)>(?:(?!</" + p + rb"c>).)*?<" + p + rb"v>([^<]{1,40})</",
            re.DOTALL,
        ),
        formula=re.compile(rb"<" + p + rb"f[\s/>]"),
        # a cell whose content is a formula and nothing else (no value, or an empty one)
        # a number cell whose value is empty (what openpyxl writes for NaN): no formula, no text type
        empty_value=re.compile(rb"<" + p + rb"v(?:\s*/>|>\s*</)"),
        empty_number=re.compile(
            rb"<" + p + rb"c\s((?![^>]*\bt=\"(?:s|str|inlineStr|e|b)\")[^>]*)(?<!/)>\s*"
            rb"(?:<" + p + rb"v\s*/>|<" + p + rb"v>\s*</" + p + rb"v>)\s*</" + p + rb"c>"
        ),
        uncomputed_cell=re.compile(
            rb"<" + p + rb"c\s([^>]*)(?<!/)>\s*<" + p + rb"f\b[^>]*?(?:/>|>[^<]*</" + p + rb"f>)\s*"
            rb"(?:<" + p + rb"v\s*/>|<" + p + rb"v>\s*</" + p + rb"v>)?\s*</" + p + rb"c>"
        ),
    )


_ATTRIBUTE = re.compile(rb"\b([A-Za-z:]+)=\"([^\"]*)\"")
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_BUILTIN_FORMATS = {  # ECMA-376 §18.8.30, the ids Excel writes without a <numFmt>
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}


class MarkupError(ValueError):
    """The workbook's parts do not say where a sheet is (a damaged or unusual file)."""


def column_number(letters: str | bytes) -> int:
    """1-based column of "A", "Z", "AA", "XFD"."""
    number = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - 64
    return number


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, member path) of one part (``xl/workbook.xml`` → ``xl/_rels/workbook.xml.rels``)."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", name + ".rels")
    try:
        root = ElementTree.fromstring(archive.read(rels_path))
    except KeyError:
        return {}
    out = {}
    for element in root:
        target = element.get("Target", "")
        if element.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[element.get("Id", "")] = (element.get("Type", ""), path)
    return out


@dataclass(frozen=True)
class WorkbookParts:
    """Where each worksheet's XML is (in the workbook's order) and each cell style's number format."""

    sheets: list[tuple[str, str]]  # (sheet name, member path); chart sheets left out
    number_formats: list[str]  # by cell style index (the ``s`` attribute)


def workbook_parts(archive: zipfile.ZipFile) -> WorkbookParts:
    """Read ``_rels/.rels`` → the workbook part → its sheets and styles. :class:`MarkupError` when a
    worksheet's part cannot be found."""
    root_rels = _relationships(archive, "")
    workbook_path = next(
        (path for kind, path in root_rels.values() if kind.endswith("/officeDocument")), "xl/workbook.xml"
    )
    try:
        workbook = ElementTree.fromstring(archive.read(workbook_path))
    except (KeyError, ElementTree.ParseError) as error:
        raise MarkupError(f"{workbook_path}: {error}") from error
    relationships = _relationships(archive, workbook_path)
    sheets = []
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        kind, path = relationships.get(element.get(f"{{{_RELATIONSHIPS}}}id", ""), ("", ""))
        if kind.endswith("/chartsheet") or kind.endswith("/dialogsheet"):
            continue
        if not path or path not in archive.NameToInfo:
            raise MarkupError(f"{element.get('name')}: no part {path!r}")
        sheets.append((element.get("name", ""), path))
    styles_path = next((path for kind, path in relationships.values() if kind.endswith("/styles")), None)
    return WorkbookParts(sheets, _number_formats(archive, styles_path))


def _number_formats(archive: zipfile.ZipFile, styles_path: str | None) -> list[str]:
    if styles_path is None or styles_path not in archive.NameToInfo:
        return []
    try:
        root = ElementTree.fromstring(archive.read(styles_path))
    except ElementTree.ParseError:
        return []
    custom: dict[int, str] = {}
    formats: list[str] = []
    for element in root:
        name = _local(element.tag)
        if name == "numFmts":
            for number_format in element:
                try:
                    custom[int(number_format.get("numFmtId", ""))] = number_format.get("formatCode", "General")
                except ValueError:
                    continue
        elif name == "cellXfs":
            for xf in element:
                try:
                    format_id = int(xf.get("numFmtId", "0"))
                except ValueError:
                    format_id = 0
                formats.append(custom.get(format_id) or _BUILTIN_FORMATS.get(format_id, "General"))
    return formats


def _attributes(raw: bytes) -> dict[str, str]:
    return {name.decode().rsplit(":", 1)[-1]: value.decode() for name, value in _ATTRIBUTE.findall(raw)}


def _position(reference: str) -> tuple[int, int] | None:
    """0-based (row, column) of "B5"."""
    match = _REFERENCE.fullmatch(reference)
    if match is None:
        return None
    return int(match.group(2)) - 1, column_number(match.group(1)) - 1


@dataclass
class SheetMarkup:
    """One sheet's extent and what its values alone do not say. Positions are 0-based (row, column)."""

    last_row: int = 0  # 1-based number of the last <row> or cell written; 0 for an empty sheet
    last_column: int = 0  # 1-based
    unreferenced_cells: bool = False  # cells or rows without an ``r`` attribute: positions by counting
    styles: dict[tuple[int, int], int] = field(default_factory=dict)  # only the styles asked for
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # "#DIV/0!", "#REF!"…
    uncomputed: set[tuple[int, int]] = field(default_factory=set)  # formulas without a value
    empty_numbers: set[tuple[int, int]] = field(default_factory=set)  # number cells with an empty value (NaN)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)  # up to ``max_columns``
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2)
    autofilter: tuple[int, int] | None = None  # the 0-based first and last row of the AutoFilter's range
    measured: bool = True  # False: last_row and last_column not worked out (the sheet is within the limits)


def _within(xml: bytes, patterns: _Patterns, max_rows: int, max_columns: int) -> bool:
    """Every cell and row of the sheet has its reference first and lies within ``max_rows`` and ``max_columns``
    (at least 4.999 and 256): two scans that return only the few cells and rows they cannot place at a
    glance (those past row 4.999 or column IV, or not referenced as every writer does), which are then
    looked at one by one. False when in doubt: the caller measures the sheet."""
    for letters, number in patterns.cell_beyond.findall(xml):
        if not letters or int(number) > max_rows or column_number(letters) > max_columns:
            return False
    return all(number and int(number) <= max_rows for number in patterns.row_beyond.findall(xml))


def sheet_markup(
    xml: bytes, wanted_styles: frozenset[int], max_columns: int, within: tuple[int, int] | None = None
) -> SheetMarkup:
    """Scan one sheet's XML (see the module's description). ``wanted_styles``: the cell style indices
    whose cells the caller needs to know (number formats that change what a value shows). ``within``: the
    rows and columns (at least 4.999 and 256) the caller accepts; a sheet found within them at a glance is
    not measured (``measured`` False, ``last_row`` and ``last_column`` 0, every cell and row referenced)."""
    markup = SheetMarkup()
    root = _ROOT.match(xml)
    patterns = _patterns(root.group(1) or b"" if root else b"")
    if within is not None and _within(xml, patterns, *within):
        markup.measured = False
    else:
        _measure(markup, xml, patterns)
    _scan(markup, xml, patterns, root, wanted_styles, max_columns)
    return markup


def _measure(markup: SheetMarkup, xml: bytes, patterns: _Patterns) -> None:
    """The sheet's last row and column as the XML writes them, and whether some cell or row has no reference."""
    cells = patterns.cell_tag.findall(xml)
    columns, rows = {letters for letters, _ in cells}, {number for _, number in cells}
    if b"" in columns:  # a cell whose r is not its first attribute, or that has none
        references = patterns.cell_reference.findall(xml)
        columns, rows = {letters for letters, _ in references}, {number for _, number in references}
        markup.unreferenced_cells = len(references) != len(cells)
    row_tags = patterns.row_tag.findall(xml)
    markup.unreferenced_cells = markup.unreferenced_cells or b"" in row_tags  # a row without its number
    row_numbers = set(row_tags)
    row_numbers.discard(b"")
    if columns:
        markup.last_row = max(map(int, rows))
        markup.last_column = column_number(max(columns, key=lambda letters: (len(letters), letters)))
    if row_numbers:
        markup.last_row = max(markup.last_row, max(map(int, row_numbers)))


def _scan(
    markup: SheetMarkup,
    xml: bytes,
    patterns: _Patterns,
    root: re.Match[bytes] | None,
    wanted_styles: frozenset[int],
    max_columns: int,
) -> None:
    """What the values do not say: styles asked for, errors, uncomputed formulas, hidden rows and columns,
    empty numbers, the AutoFilter and merged cells."""
    prefix = re.escape(root.group(1) or b"" if root else b"")
    if wanted_styles and b" s=" in xml:
        alternatives = b"|".join(str(style).encode() for style in sorted(wanted_styles))
        styled = re.compile(
            rb"<" + prefix + rb"c\s(?=[^>]*?\bs=\"(" + alternatives + rb")\")[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\""
        )
        for style, letters, number in styled.findall(xml):
            markup.styles[(int(number) - 1, column_number(letters) - 1)] = int(style)
    if b't="e"' in xml:
        for raw, value in patterns.error_cell.findall(xml):
            position = _position(_attributes(raw).get("r", ""))
            if position is not None:
                markup.errors[position] = value.decode("utf-8", "replace")
    if patterns.formula.search(xml):
        for raw in patterns.uncomputed_cell.findall(xml):
            position = _position(_attributes(raw).get("r", ""))
            if position is not None:
                markup.uncomputed.add(position)
    if b'hidden="' in xml and (b'hidden="1"' in xml or b'hidden="true"' in xml):
        for raw in patterns.hidden_row.findall(xml):
            number = _attributes(raw).get("r", "")
            if number.isdigit():
                markup.hidden_rows.add(int(number) - 1)
        for raw in patterns.column.findall(xml):
            attributes = _attributes(raw)
            if attributes.get("hidden") in ("1", "true") and attributes.get("min", "").isdigit():
                first = int(attributes["min"])
                last = int(attributes["max"]) if attributes.get("max", "").isdigit() else first
                markup.hidden_columns.update(range(first - 1, min(last, max_columns)))
    if patterns.empty_value.search(xml):  # ("v></" alone is in every "</v></c>")
        for raw in patterns.empty_number.findall(xml):
            position = _position(_attributes(raw).get("r", ""))
            if position is not None:
                markup.empty_numbers.add(position)
    # the AutoFilter and the merged cells come after the cells (the schema's order): looked for in what follows
    cells_end = xml.rfind(b"sheetData>")  # the end of the cells, found from the end of the part
    tail = xml[cells_end:] if cells_end != -1 else xml
    if b"autoFilter" in tail:
        found = patterns.autofilter.search(tail)
        if found is not None:
            start = _position(found.group(1).decode())
            end = _position((found.group(2) or found.group(1)).decode())
            if start is not None and end is not None:
                markup.autofilter = (start[0], end[0])
    if b"mergeCell" in tail:
        for first, last in patterns.merge.findall(tail):
            start, end = _position(first.decode()), _position(last.decode())
            if start is not None and end is not None:
                markup.merged.append((start[0], start[1], end[0], end[1]))
