"""Findings: what reading or checking a report noticed, with where it was noticed.

A finding is data (a code, a severity, parameters, a location); its wording lives in the
message catalog (:mod:`lc_metrics.core.messages`) so that it can be shown in Vietnamese or English.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes (stable within each)."""
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


class _Keep:
    """Marks a field :meth:`Location.with_` leaves as it is."""


KEEP = _Keep()


@dataclass(frozen=True)
class Location:
    """Where in the input something was found. Rows are 1-based, as a spreadsheet shows them."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def with_(
        self,
        *,
        file: str | None | _Keep = KEEP,
        sheet: str | None | _Keep = KEEP,
        row: int | None | _Keep = KEEP,
        column: str | None | _Keep = KEEP,
    ) -> Location:
        """A copy with some fields changed (``dataclasses.replace`` without its cost: called per row)."""
        return Location(
            self.file if isinstance(file, _Keep) else file,
            self.sheet if isinstance(sheet, _Keep) else sheet,
            self.row if isinstance(row, _Keep) else row,
            self.column if isinstance(column, _Keep) else column,
        )


@dataclass(frozen=True)
class Finding:
    """One thing noticed: ``code`` names a catalog message, ``params`` fill it in."""

    code: str
    severity: Severity
    params: dict[str, Any] = field(default_factory=dict)
    location: Location | None = None

    def __post_init__(self) -> None:
        assert self.severity in SEVERITIES, f"unknown severity {self.severity!r}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "params": self.params,
            "location": asdict(self.location) if self.location else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        location = data.get("location")
        return cls(
            data["code"], data["severity"], dict(data.get("params") or {}), Location(**location) if location else None
        )


class FindingsHeld:
    """For a result that holds ``findings``: its errors and its warnings."""

    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


@dataclass(frozen=True)
class FindingGroup:
    """Findings of one kind (severity and code) in the order they were found: the first ``listed`` are
    worth reading one by one; the others (``more``) are alike and are counted, kept in a table."""

    severity: Severity
    code: str
    findings: tuple[Finding, ...]
    listed: int

    @property
    def shown(self) -> tuple[Finding, ...]:
        return self.findings[: self.listed]

    @property
    def more(self) -> int:
        return len(self.findings) - self.listed


def grouped_by_kind(findings: list[Finding], *, alone: int = 5, listed: int = 3) -> list[FindingGroup]:
    """Findings by kind, errors first: a kind with at most ``alone`` findings keeps each one on its own
    (``listed`` = all); a bigger kind (a point list uploaded for an appendix: thousands of unknown names)
    lists its first ``listed`` and counts the rest. Every finding is in exactly one group."""
    assert 0 < listed <= alone, "a group lists fewer findings than it would show alone"
    kinds: dict[tuple[Severity, str], list[Finding]] = {}
    for finding in by_severity(findings):
        kinds.setdefault((finding.severity, finding.code), []).append(finding)
    groups = [
        FindingGroup(severity, code, tuple(items), len(items) if len(items) <= alone else listed)
        for (severity, code), items in kinds.items()
    ]
    assert sum(len(g.findings) for g in groups) == len(findings)
    return groups
