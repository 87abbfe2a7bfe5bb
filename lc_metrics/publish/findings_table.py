"""All the findings of a check as one table (CSV for Excel): what a screen of boxes cannot hold when a
file has thousands of alike findings. One row a finding: severity, where (file, sheet, row, column) and
the sentence without its location."""

from __future__ import annotations

import polars as pl

from lc_metrics.core.findings import Finding, by_severity
from lc_metrics.core.formatting import safe_text_column
from lc_metrics.core.messages import describe_finding, t


def findings_frame(findings: list[Finding], lang: str) -> pl.DataFrame:
    """The findings, errors first, with their location split into columns (row numbers as in the file)."""
    ordered = by_severity(findings)
    return pl.DataFrame(
        {
            t("findings_col_severity", lang): [t(f"severity_{f.severity}", lang) for f in ordered],
            t("findings_col_file", lang): [f.location.file if f.location else None for f in ordered],
            t("findings_col_sheet", lang): [f.location.sheet if f.location else None for f in ordered],
            t("findings_col_row", lang): [f.location.row if f.location else None for f in ordered],
            t("findings_col_column", lang): [f.location.column if f.location else None for f in ordered],
            t("findings_col_text", lang): [describe_finding(f, lang, with_location=False) for f in ordered],
        },
        schema_overrides={t("findings_col_row", lang): pl.Int64},
    )


def findings_csv(findings: list[Finding], lang: str) -> bytes:
    """The findings table as CSV, UTF-8 with BOM (Excel reads Vietnamese); text never read as a formula."""
    frame = findings_frame(findings, lang)
    frame = frame.with_columns(
        safe_text_column(pl.col(name)) for name, dtype in frame.schema.items() if dtype == pl.String
    )
    return ("\ufeff" + frame.write_csv()).encode("utf-8")
