"""A district's worklist sent back filled in: for each point, what the district found ("Kết quả kiểm tra":
đã hướng dẫn / đã gỡ bỏ / chưa kiểm tra) and a note. Read from the workbook the app gave
(:mod:`lc_metrics.publish.worklist_xlsx`) or any sheet with a point-code column and a result column.

Only rows with a result are taken; a result the reader does not know, or a row without a code, is an error
naming the row — nothing is recorded until the file is right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lc_metrics.core.districts import fold
from lc_metrics.core.findings import Finding, Location
from lc_metrics.reading.grids import GridError, read_sheets

# Folded wordings of each action (the app's own labels first), looked for as the whole cell or its start.
ACTION_WORDINGS: dict[str, tuple[str, ...]] = {
    "guided": ("da huong dan", "huong dan", "con hoat dong", "guided"),
    "removed": ("da go bo", "go bo", "da go ma", "go ma", "da xoa", "xoa ma", "ngung hoat dong", "removed"),
    "unchecked": ("chua kiem tra", "not checked", "unchecked"),
}
_CODE_HEADINGS = ("ma diem", "ma qr", "ma diem kiem dich", "point code", "code")
_ACTION_HEADINGS = ("ket qua kiem tra", "ket qua", "result")
_NOTE_HEADINGS = ("ghi chu", "note")


@dataclass(frozen=True)
class ActionReply:
    point_code: str
    action: str
    note: str | None
    row: int  # the sheet's row number, as a spreadsheet shows it


@dataclass
class WorklistReply:
    replies: list[ActionReply] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def action_of(text: str) -> str | None:
    """The action a result cell names, or None."""
    folded = fold(text).strip()
    for action, wordings in ACTION_WORDINGS.items():
        if any(folded == w or folded.startswith(w + " ") for w in wordings):
            return action
    return None


def _code_text(code: object) -> str:
    """A point code as text; a code a spreadsheet turned into a number (10012.0) back to its digits."""
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code).strip()


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    return next((i for i, cell in enumerate(header) if cell in names), None)


def read_worklist_reply(data: bytes, filename: str) -> WorklistReply:
    """The actions a filled-in worklist records (see the module's docstring)."""
    reply = WorklistReply()
    try:
        sheets = read_sheets(data, filename)
    except GridError as error:
        reply.findings.append(
            Finding(f"file_{error.reason}", "error", {"file": filename, "detail": error.detail}, Location(filename))
        )
        return reply
    for sheet in sheets:
        for index, row in enumerate(sheet.rows):
            header = [fold(str(c)).strip() if c is not None else "" for c in row]
            code_at, action_at = _column(header, _CODE_HEADINGS), _column(header, _ACTION_HEADINGS)
            if code_at is None or action_at is None:
                continue
            note_at = _column(header, _NOTE_HEADINGS)
            for offset, cells in enumerate(sheet.rows[index + 1 :], start=index + 2):
                value = cells[action_at] if action_at < len(cells) else None
                code = cells[code_at] if code_at < len(cells) else None
                text = "" if value is None else str(value).strip()
                if not text:
                    continue
                where = Location(filename, sheet.name, offset)
                action = action_of(text)
                if action is None:
                    reply.findings.append(Finding("worklist_unknown_result", "error", {"value": text}, where))
                    continue
                if code is None or not str(code).strip():
                    reply.findings.append(Finding("worklist_row_without_code", "error", {}, where))
                    continue
                note = cells[note_at] if note_at is not None and note_at < len(cells) else None
                note_text = str(note).strip() if note is not None else ""
                reply.replies.append(ActionReply(_code_text(code), action, note_text or None, offset))
            return reply
    reply.findings.append(Finding("worklist_no_columns", "error", {"file": filename}, Location(filename)))
    return reply
