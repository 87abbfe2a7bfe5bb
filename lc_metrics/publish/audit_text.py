"""An audit-log entry's detail in words for the administrator who reads it: "kỳ báo cáo ngày 4/12/2026, báo
cáo số 3 (số liệu tính đến 4/12/2026), Huyện Bát Xát" instead of "period_id: 1, snapshot_id: 3, code: 082".

The store keeps the detail as data (ids, codes, UTC times); this module only words it. A key it does not know
is shown as it is stored, so nothing recorded is ever hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lc_metrics.core.districts import district_name
from lc_metrics.core.formatting import format_date, format_number, format_timestamp
from lc_metrics.core.messages import MESSAGES, t

# keys said by another key's words (a period's date is said with the period), or that mean nothing to a reader
_SILENT = frozenset({"signature"})


def _date(text: Any, lang: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(str(text)), lang)
    except ValueError:
        return str(text)


def _moment(text: Any, lang: str) -> str:
    try:
        return format_timestamp(str(text), lang)
    except ValueError:
        return str(text)


def audit_detail(
    detail: Mapping[str, Any],
    lang: str,
    *,
    period_dates: Mapping[int, dt.date | str] | None = None,
    snapshot_dates: Mapping[int, dt.date | str] | None = None,
) -> str:
    """The detail of one audit entry as a phrase. ``period_dates`` and ``snapshot_dates``: the as-of date of
    each reporting period and each report, by id (from the store), to name them by their date."""
    periods, snapshots = period_dates or {}, snapshot_dates or {}
    parts: list[str] = []
    said_as_of: set[str] = set()
    for key, value in detail.items():
        if key in _SILENT or value is None or value == "":
            continue
        if key == "period_id":
            as_of = periods.get(int(value))
            if as_of is not None:
                said_as_of.add(str(as_of))
                parts.append(t("audit_detail_period", lang, date=_date(as_of, lang)))
            else:
                parts.append(t("audit_detail_period_unknown", lang, id=value))
        elif key == "snapshot_id":
            as_of = snapshots.get(int(value))
            if as_of is not None:
                said_as_of.add(str(as_of))
                parts.append(t("audit_detail_snapshot", lang, id=value, date=_date(as_of, lang)))
            else:
                parts.append(t("audit_detail_snapshot_unknown", lang, id=value))
        elif key == "as_of":
            if str(value) not in said_as_of:
                parts.append(t("audit_detail_as_of", lang, date=_date(value, lang)))
        elif key in ("deadline", "from", "to"):
            parts.append(t(f"audit_detail_{key}", lang, when=_moment(value, lang)))
        elif key == "code":
            parts.append(district_name(str(value)))
        elif key == "without_address":
            names = ", ".join(district_name(str(code)) for code in value) if isinstance(value, list) else str(value)
            if names:
                parts.append(t("audit_detail_without_address", lang, names=names))
        elif key == "sha256":
            parts.append(t("audit_detail_sha256", lang, value=str(value)[:12]))
        elif key in ("size", "sent", "points", "matched") and isinstance(value, int):
            parts.append(t(f"audit_detail_{key}", lang, value=format_number(value, 0, lang)))
        elif key == "action" and f"point_action_{value}" in MESSAGES:
            parts.append(t("audit_detail_action", lang, value=t(f"point_action_{value}", lang)))
        elif key == "weekday" and f"weekday_{value}" in MESSAGES:
            parts.append(t(f"weekday_{value}", lang))
        elif key == "district":
            parts.append(district_name(str(value)))
        elif key == "names" and isinstance(value, list):  # accounts added at once (those taken over, say)
            if value:
                parts.append(t("audit_detail_names", lang, names=", ".join(str(name) for name in value)))
        elif key == "missing" and isinstance(value, list):
            if value:
                parts.append(t("audit_detail_missing", lang, names=", ".join(district_name(str(c)) for c in value)))
        elif isinstance(value, str) and f"audit_{key}_{value}" in MESSAGES:  # a choice: "level", "role", "why"
            parts.append(t(f"audit_{key}_{value}", lang))
        elif f"audit_detail_{key}" in MESSAGES:
            parts.append(t(f"audit_detail_{key}", lang, value=value))
        else:  # recorded, not yet worded: shown as stored rather than hidden
            parts.append(f"{key}: {value}")
    return ", ".join(parts)
