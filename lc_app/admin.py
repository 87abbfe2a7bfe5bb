"""Administration parts: boundary files (upload with a checked preview, or the pinned download)
and the audit log. Only called for a signed-in administrator."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.boundaries import BoundaryError, read_boundary_bytes
from geo.deck import MapUnit, choropleth_deck
from geo.shapes import shapes_from_frame
from geo.sources import ENV_FILE, BoundaryLevel, BoundarySource, UploadError, check_upload, store_uploaded
from lc_app.components import escape_markdown, file_uploader
from lc_app.maps import boundary_state, download_failure, source_line
from lc_metrics.core.districts import district_by_code, district_codes
from lc_metrics.core.formatting import format_timestamp
from lc_metrics.core.messages import MESSAGES, t
from lc_metrics.core.provinces import load_provinces, province_by_code
from lc_metrics.publish.audit_text import audit_detail
from lc_metrics.store.auth import User
from lc_metrics.store.store import Store

PREVIEW_COLOUR = (107, 174, 214)


def _unit_name(level: BoundaryLevel, code: str) -> str:
    return district_by_code(code).name if level == "districts" else province_by_code(code).short_name


def boundary_admin(level: BoundaryLevel, user: User, store: Store, lang: str) -> None:
    """Current source, the pinned download, and an upload checked before it replaces anything."""
    state = boundary_state(level)
    line = source_line(state, lang)
    st.caption(line or t(f"boundary_none_{level}", lang))
    if os.environ.get(ENV_FILE[level]):
        st.info(t("admin_configured_wins", lang, env=ENV_FILE[level]), icon=":material/info:")
    job = state.job
    columns = st.columns([2, 3])
    if columns[0].button(
        t("boundary_download_button", lang),
        icon=":material/download:",
        key=f"admin_download_{level}",
        disabled=job.state in ("running", "done"),
    ):
        job.start()
        store.audit(user.name, "boundary_download_started", {"level": level})
        with st.spinner(t("boundary_downloading", lang, seconds=int(job.timeout))):
            job.wait(job.timeout + 5)
        st.rerun()
    if job.state == "done":
        columns[1].success(t("boundary_download_done", lang), icon=":material/verified:")
    elif job.state == "failed" and job.error is not None:
        columns[1].warning(download_failure(job.error, lang), icon=":material/cloud_off:")
    upload = file_uploader(
        t(f"admin_upload_{level}", lang), ["geojson", "json", "gpkg", "zip"], f"boundary_upload_{level}", lang
    )
    if upload is None:
        return
    data, filename = upload.getvalue(), upload.name
    try:
        check_upload(data, filename)
        raw = read_boundary_bytes(data, filename)
        shapes = shapes_from_frame(level, raw, BoundarySource("uploaded", Path(filename)))
    except UploadError as error:
        st.error(
            escape_markdown(
                t("admin_upload_refused", lang, file=filename, reason=t(f"upload_reason_{error.reason}", lang))
            ),
            icon=":material/error:",
        )
        return
    except BoundaryError as error:
        st.error(
            escape_markdown(
                t("admin_upload_refused", lang, file=filename, reason=t(f"boundary_reason_{error.reason}", lang))
            ),
            icon=":material/error:",
        )
        return
    match = shapes.match
    expected = len(district_codes()) if level == "districts" else len(load_provinces())
    st.markdown(
        t(
            "admin_match_summary",
            lang,
            matched=len(match.districts),
            expected=expected,
            features=len(raw),
            crs=raw.attrs.get("crs_in", "EPSG:4326"),
        )
    )
    report = []
    if match.missing_codes:
        report.append(t("admin_missing", lang, names=", ".join(_unit_name(level, c) for c in match.missing_codes)))
    if match.unmatched_features:
        report.append(t("admin_unmatched", lang, names=", ".join(match.unmatched_features[:20])))
    if match.duplicate_codes:
        report.append(t("admin_duplicates", lang, names=", ".join(_unit_name(level, c) for c in match.duplicate_codes)))
    for name, code in match.merged:
        report.append(t("boundary_merged", lang, name=name, target=province_by_code(code).short_name))
    if match.repaired_geometries:
        report.append(t("boundary_repaired", lang, count=match.repaired_geometries))
    if match.outside_features:
        report.append(t("boundary_outside", lang, count=match.outside_features))
    for line in report:
        st.warning(escape_markdown(line), icon=":material/warning:")
    if match.districts.empty:
        st.error(t("admin_nothing_matched", lang), icon=":material/error:")
        return
    matched = match.districts[["code", "source_name", "match_method"]].copy()
    matched["code"] = [_unit_name(level, c) for c in matched["code"]]
    matched["match_method"] = [t(f"match_method_{m}", lang) for m in matched["match_method"]]
    matched.columns = [t("admin_col_unit", lang), t("admin_col_source_name", lang), t("admin_col_method", lang)]
    with st.expander(t("admin_match_table", lang)):
        st.dataframe(pd.DataFrame(matched), hide_index=True, placeholder="—", width="stretch")
    frame = shapes.frame
    units = [
        MapUnit(code, _unit_name(level, code), None, "", "", PREVIEW_COLOUR, lon, lat)
        for code, lon, lat in zip(frame["code"], frame["label_lon"], frame["label_lat"])
    ]
    st.pydeck_chart(
        choropleth_deck(
            units,
            frame,
            metric_label=t("admin_preview", lang),
            show_values=False,
            label_codes=None if level == "districts" else [],
        ),
        height=480,
        width="stretch",
        key=f"boundary_preview_{level}",
    )
    if st.button(t("admin_use_file", lang), type="primary", icon=":material/check:", key=f"boundary_use_{level}"):
        path = store_uploaded(level, data, filename, user.name)
        store.audit(
            user.name,
            "boundary_upload",
            {
                "level": level,
                "file": filename,
                "sha256": hashlib.sha256(data).hexdigest(),
                "matched": len(match.districts),
                "missing": match.missing_codes,
                "stored_as": path.name,
            },
        )
        st.success(t("admin_boundary_saved", lang, file=filename), icon=":material/check_circle:")


def audit_log(store: Store, lang: str, limit: int = 100) -> None:
    """The latest entries in words: periods and reports named by their dates, districts by name."""
    entries = store.audit_entries(limit)
    if not entries:
        st.caption(t("admin_audit_empty", lang))
        return
    periods = {p["id"]: p["as_of"] for p in store.periods()}
    snapshots = {s["id"]: s["as_of"] for s in store.list_snapshots(include_withdrawn=True)}
    frame = pd.DataFrame(
        [
            {
                t("admin_col_at", lang): format_timestamp(e["at"], lang),
                t("admin_col_actor", lang): t("audit_actor_system", lang) if e["actor"] == "system" else e["actor"],
                t("admin_col_action", lang): t(f"audit_{e['action']}", lang)
                if f"audit_{e['action']}" in MESSAGES
                else e["action"],
                t("admin_col_detail", lang): audit_detail(
                    e["detail"], lang, period_dates=periods, snapshot_dates=snapshots
                ),
            }
            for e in entries
        ]
    )
    st.dataframe(frame, hide_index=True, placeholder="—", width="stretch")
