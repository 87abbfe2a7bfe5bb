"""Layout profiles: how to read a table the reader was unsure about, as an uploader confirmed it.

A :class:`TableLayout` says which row is the header, which column holds the districts, the field of
each column (or "ignore"), and what a row label is (a district code, the province total, or a row to
ignore). It is keyed by the table's **header signature**: the folded header texts of its columns,
digits replaced (a header "Đến 23/6/2021" matches next week's "Đến 30/6/2021"). A confirmed layout is
saved in the store with who saved it and when; the next file with the same header is read with it.

Layouts are written as TOML for the command line (``import --layout FILE.toml``)::

    [[tables]]
    name = "Báo cáo tuần của Sở"
    signature = "3f2a9c…"
    header_rows = [5]
    label_column = "B"

    [tables.columns]
    C = "installs"
    D = "smartphones"
    E = "ignore"

    [tables.rows]
    "Thị trấn Bát Xát" = "ignore"

A register of check-in points (``table = "register"``) is read by its headers' wording instead: each
``[tables.headers]`` entry says which register field a header names (folded: case and diacritics do not
matter), or "ignore"; each ``[tables.communes]`` entry where the points of a commune wording that matches no
commune of its district count ("district code|folded wording" → a commune code of that district, "" for the
district without a commune, or the unit of another district that the wording names: the uploader's decision,
taken again for next week's file). Every saved
register layout applies to every register (the latest wins per wording)::

    [[tables]]
    name = "Danh sách điểm của hệ thống"
    table = "register"

    [tables.headers]
    "ten co so kinh doanh" = "name"
    "ghi chu" = "ignore"

    [tables.communes]
    "083|xa khong co" = ""
    "080|phuong kim tan cu" = "02647"
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from lc_metrics.core.communes import decision_allowed
from lc_metrics.core.districts import district_codes, fold
from lc_metrics.reading.vocabulary import REGISTER_FIELDS

# What a column can be mapped to, in the order the mapping step offers them: skipping first (the commonest
# answer for a column the reader did not understand: a rank, a remark), then the fields.
COLUMN_CHOICES = (
    "ignore",
    "installs",
    "smartphones",
    "coverage_pct",
    "population",
    "population_pct",
    "points",
    "no_scan",
    "no_scan_pct",
    "scans",
    "public_points",
    "state_points",
    "stt",
    "code",
)
ROW_SPECIAL = ("total", "ignore")
TABLES = ("appendix", "register")  # an appendix is read by columns and rows, a register by its headers' wording
REGISTER_CHOICES = (*REGISTER_FIELDS, "ignore")


class LayoutError(ValueError):
    """A layout file that cannot be used; the message says what is wrong."""


def header_signature(label_column: int, headers: dict[int, str]) -> str:
    """The signature of a table's header: its label column and each column's folded header text,
    digits replaced by "#" (dates and week numbers change every week, the layout does not)."""
    parts = [f"label:{label_column}"] + [
        f"{column}:{re.sub(r'[0-9]+', '#', fold(text))}" for column, text in sorted(headers.items()) if text
    ]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


def row_key(label: str) -> str:
    """The key of a row label in a layout: folded, so that case and diacritics do not matter."""
    return fold(label)


@dataclass(frozen=True)
class TableLayout:
    """How to read one table; any part left empty is read as the reader detects it."""

    signature: str | None = None
    name: str = ""
    header_rows: tuple[int, ...] = ()  # sheet row numbers (1-based)
    label_column: int | None = None  # 0-based
    columns: dict[int, str] = field(default_factory=dict)  # 0-based column → a COLUMN_CHOICES entry
    rows: dict[str, str] = field(default_factory=dict)  # row_key(label) → district code, "total" or "ignore"
    saved_by: str = ""  # set when read from the store
    saved_at: str = ""
    table: str = "appendix"  # one of TABLES
    headers: dict[str, str] = field(default_factory=dict)  # a register's: fold(header) → REGISTER_CHOICES entry
    # a register's: commune_decision_key(district, wording) → a commune code (communes.decision_allowed), or ""
    communes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.table not in TABLES:
            raise LayoutError(f"table “{self.table}”: neither {' nor '.join(TABLES)}")
        if self.table == "register" and (self.columns or self.rows):
            raise LayoutError("a register's layout names headers, not columns or rows")
        for wording, choice in self.headers.items():
            if self.table != "register" or choice not in REGISTER_CHOICES:
                raise LayoutError(f"header “{wording}”: unknown register field “{choice}”")
        for key, commune in self.communes.items():
            if self.table != "register":
                raise LayoutError(f"commune “{key}”: only a register's layout decides communes")
            _check_commune_decision(key, commune)
        for column, choice in self.columns.items():
            if choice not in COLUMN_CHOICES:
                raise LayoutError(f"column {get_column_letter(column + 1)}: unknown field “{choice}”")
        codes = set(district_codes())
        for label, choice in self.rows.items():
            if choice not in codes and choice not in ROW_SPECIAL:
                raise LayoutError(f"row “{label}”: “{choice}” is neither a district code nor total/ignore")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.signature:
            out["signature"] = self.signature
        if self.header_rows:
            out["header_rows"] = list(self.header_rows)
        if self.label_column is not None:
            out["label_column"] = get_column_letter(self.label_column + 1)
        out["columns"] = {get_column_letter(c + 1): f for c, f in sorted(self.columns.items())}
        out["rows"] = dict(sorted(self.rows.items()))
        if self.table != "appendix":
            out["table"] = self.table
            out["headers"] = dict(sorted(self.headers.items()))
            if self.communes:
                out["communes"] = dict(sorted(self.communes.items()))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TableLayout:
        try:
            columns = {
                column_index_from_string(str(letter).strip().upper()) - 1: str(choice)
                for letter, choice in (data.get("columns") or {}).items()
            }
        except ValueError as error:
            raise LayoutError(f"a column is not a spreadsheet column letter: {error}") from error
        label = data.get("label_column")
        rows = tuple(int(r) for r in data.get("header_rows") or ())
        return cls(
            signature=data.get("signature") or None,
            name=str(data.get("name") or ""),
            header_rows=rows,
            label_column=None if label in (None, "") else column_index_from_string(str(label).upper()) - 1,
            columns=columns,
            rows={row_key(str(k)): str(v) for k, v in (data.get("rows") or {}).items()},
            table=str(data.get("table") or "appendix"),
            headers={fold(str(k)): str(v) for k, v in (data.get("headers") or {}).items()},
            communes={_folded_key(str(k)): str(v) for k, v in (data.get("communes") or {}).items()},
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TableLayout:
        return cls.from_dict(json.loads(text))


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def layouts_to_toml(layouts: list[TableLayout]) -> str:
    """Layouts as a TOML file that ``import --layout`` reads back."""
    lines = ["# Cách đọc bảng (layout) cho: python -m lc_metrics import --layout TỆP.toml", ""]
    for layout in layouts:
        data = layout.to_dict()
        lines.append("[[tables]]")
        lines.append(f"name = {_toml_string(data['name'])}")
        if "signature" in data:
            lines.append(f"signature = {_toml_string(data['signature'])}")
        if "header_rows" in data:
            lines.append(f"header_rows = [{', '.join(str(r) for r in data['header_rows'])}]")
        if "label_column" in data:
            lines.append(f"label_column = {_toml_string(data['label_column'])}")
        if "table" in data:
            lines.append(f"table = {_toml_string(data['table'])}")
            lines.append("")
            lines.append("[tables.headers]")
            lines.extend(f"{_toml_string(words)} = {_toml_string(choice)}" for words, choice in data["headers"].items())
            lines.append("")
            if data.get("communes"):
                lines.append("[tables.communes]")
                lines.extend(f"{_toml_string(key)} = {_toml_string(code)}" for key, code in data["communes"].items())
                lines.append("")
            continue
        lines.append("")
        lines.append("[tables.columns]")
        lines.extend(f"{letter} = {_toml_string(choice)}" for letter, choice in data["columns"].items())
        lines.append("")
        lines.append("[tables.rows]")
        lines.extend(f"{_toml_string(label)} = {_toml_string(choice)}" for label, choice in data["rows"].items())
        lines.append("")
    return "\n".join(lines)


def layouts_from_toml(text: str) -> list[TableLayout]:
    """The layouts of a TOML file (see the module's description); LayoutError when it is unusable."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LayoutError(f"not a TOML file: {error}") from error
    tables = data.get("tables")
    if not isinstance(tables, list) or not tables:
        raise LayoutError("no [[tables]] in the file")
    return [TableLayout.from_dict(table) for table in tables]


def register_layout(
    name: str, headers: dict[str, str], communes: dict[tuple[str, str], str] | None = None
) -> TableLayout:
    """A register's layout: which field each header wording names (folded here) and where the points of each
    commune wording that matched nothing count ((district code, wording) → commune code or ""); its signature
    says both, so saving the same again replaces it."""
    folded = {fold(wording): choice for wording, choice in headers.items()}
    decided = {commune_decision_key(district, wording): code for (district, wording), code in (communes or {}).items()}
    said = json.dumps([sorted(folded.items()), sorted(decided.items())], ensure_ascii=False)
    digest = hashlib.sha256(said.encode("utf-8")).hexdigest()
    return TableLayout(
        signature=f"register-{digest[:12]}", name=name, table="register", headers=folded, communes=decided
    )


def commune_decision_key(district_code: str, wording: str) -> str:
    """The key of a commune decision in a register's layout: "district code|folded wording" (next week's file
    may write the same commune with other case or without its diacritics)."""
    return f"{district_code}|{fold(wording)}"


def _folded_key(key: str) -> str:
    district, _, wording = key.partition("|")
    return commune_decision_key(district.strip(), wording)


def _check_commune_decision(key: str, commune: str) -> None:
    district, separator, wording = key.partition("|")
    if not separator or not wording or district not in district_codes():
        raise LayoutError(f"commune “{key}”: not “district code|commune as written”")
    if not decision_allowed(district, wording, commune):
        raise LayoutError(
            f"commune “{key}”: “{commune}” is neither a commune code of district {district} nor the unit of another "
            "district that these words name"
        )


def register_commune_decisions(layouts: list[TableLayout]) -> dict[str, tuple[str, TableLayout]]:
    """The commune decisions the saved register layouts hold (``layouts`` newest first, as the store gives
    them): :func:`commune_decision_key` → (commune code or "", the layout that said so); the newest wins."""
    return _newest_per_key(layouts, "communes")


def register_wordings(layouts: list[TableLayout]) -> dict[str, tuple[str, TableLayout]]:
    """The header wordings the saved register layouts name (``layouts`` newest first, as the store gives
    them): fold(wording) → (field or "ignore", the layout that said so); the newest layout wins."""
    return _newest_per_key(layouts, "headers")


def _newest_per_key(layouts: list[TableLayout], part: str) -> dict[str, tuple[str, TableLayout]]:
    """One part (``headers`` or ``communes``) of the register layouts merged: the first (newest) layout naming a key
    wins."""
    merged: dict[str, tuple[str, TableLayout]] = {}
    for layout in layouts:
        if layout.table == "register":
            for key, value in getattr(layout, part).items():
                merged.setdefault(key, (value, layout))
    return merged
