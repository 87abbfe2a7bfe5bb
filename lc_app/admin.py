"""Administration parts: the accounts (kept in the store), boundary files (upload with a checked preview, or
the pinned download) and the audit log. Only called for a signed-in administrator."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import streamlit as st

from geo.boundaries import BoundaryError, read_boundary_bytes
from geo.deck import MapUnit, choropleth_deck
from geo.shapes import shapes_from_frame
from geo.sources import (
    ENV_FILE,
    LEVELS,
    BoundaryLevel,
    BoundarySource,
    DownloadJob,
    UploadError,
    check_upload,
    store_uploaded,
)
from lc_app.components import file_uploader, written_or_said
from lc_app.frame_html import frame_table_html
from lc_app.maps import boundary_state, download_failure, source_line
from lc_app.markdown_text import escape_markdown
from lc_metrics.core.communes import commune_by_code, load_communes
from lc_metrics.core.districts import district_by_code, district_codes, district_name
from lc_metrics.core.formatting import format_timestamp
from lc_metrics.core.messages import MESSAGES, t
from lc_metrics.core.provinces import load_provinces, province_by_code
from lc_metrics.publish.audit_text import audit_detail
from lc_metrics.store.auth import (
    User,
    create_account,
    file_accounts,
    reset_password,
    secrets_path,
    set_disabled,
    set_role,
)
from lc_metrics.store.store import Store

PREVIEW_COLOUR = (107, 174, 214)
PREVIEW_HEIGHT_PX = 480


def _unit_name(level: BoundaryLevel, code: str) -> str:
    if level == "communes":
        return commune_by_code(code).name
    return district_by_code(code).name if level == "districts" else province_by_code(code).short_name


def _expected(level: BoundaryLevel) -> int:
    if level == "communes":
        return len(load_communes())
    return len(district_codes()) if level == "districts" else len(load_provinces())


def boundary_admin(level: BoundaryLevel, user: User, store: Store, lang: str) -> None:
    """Current source, the pinned download (districts and provinces; none exists for communes), and an upload
    checked before it replaces anything."""
    state = boundary_state(level)
    line = source_line(state, lang, for_admin=True)
    st.caption(line or t(f"boundary_none_{level}", lang))
    if os.environ.get(ENV_FILE[level]):
        st.info(t("admin_configured_wins", lang, env=ENV_FILE[level]), icon=":material/info:")
    if level in LEVELS:
        _download_part(level, state.job, user, store, lang)
    else:
        st.caption(t("admin_communes_how", lang))
    _upload_part(level, user, store, lang)


def _download_part(level: BoundaryLevel, job: DownloadJob, user: User, store: Store, lang: str) -> None:
    """The pinned public file: download it (in the background, waited for here), and how it went."""
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


def _upload_part(level: BoundaryLevel, user: User, store: Store, lang: str) -> None:
    """An uploaded file read with the safe loader, matched, reported and previewed; kept on confirmation."""
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
    expected = _expected(level)
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
    if match.missing_codes and level == "communes":
        names = ", ".join(_unit_name(level, c) for c in match.missing_codes[:30])
        report.append(t("admin_missing_count", lang, count=len(match.missing_codes), names=names))
    elif match.missing_codes:
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
    if level == "communes":  # which district each commune was put in, and how that was found
        found = match.districts
        matched[t("admin_col_district", lang)] = [district_by_code(c).name for c in found["district_code"]]
        matched[t("admin_col_district_by", lang)] = [t(f"district_by_{b}", lang) for b in found["district_by"]]
    with st.expander(t("admin_match_table", lang)):
        st.html(frame_table_html(pd.DataFrame(matched), t("admin_match_table", lang), figures=(), tall=True, blank="—"))
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
            label_codes=None if level == "districts" else [],  # 63 provinces or 151 communes: no labels
            height_px=PREVIEW_HEIGHT_PX,  # the view fitted to the chart's own height (not cut at the top)
        ),
        height=PREVIEW_HEIGHT_PX,
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
    st.html(frame_table_html(frame, t("admin_audit", lang), figures=(), tall=True, blank="—"))


# --- accounts (in the store: lc_metrics.store.auth); the admin page's "Tài khoản"
ACCOUNT_ACTIONS = ("one_time", "set", "disable", "enable", "role")
ACCOUNT_DONE_KEY = "account_done"  # what the last account action said, shown after the rerun


def _role_label(account: dict[str, Any], lang: str) -> str:
    if account["role"] == "uploader" and account["district"]:
        return t("role_district_uploader", lang, name=district_name(account["district"]))
    return t(f"role_{account['role']}", lang)


def _state_label(account: dict[str, Any], lang: str) -> str:
    state = "disabled" if account["disabled"] else "must_change" if account["must_change"] else "active"
    return t(f"admin_user_state_{state}", lang)


def taken_over_notice(store: Store, lang: str) -> None:
    """When the secrets file still lists accounts the store holds: they were taken over, the file's entries
    can go (the app reads them only to take over new ones, and never writes the file)."""
    path = secrets_path()
    held = {a["name"] for a in store.accounts()}
    listed = [entry["name"] for entry in file_accounts(path) if entry["name"] in held]
    if listed:
        st.info(
            escape_markdown(t("admin_accounts_taken_over", lang, names=", ".join(listed), file=str(path))),
            icon=":material/move_down:",
        )


def _district_choice(lang: str, key: str) -> str:
    codes = ["", *district_codes()]
    return str(
        st.selectbox(
            t("admin_user_district", lang),
            codes,
            format_func=lambda c: district_by_code(c).name if c else t("admin_user_district_none", lang),
            key=key,
        )
    )


def _role_choice(lang: str, key: str) -> str:
    return str(
        st.radio(
            t("admin_user_role", lang),
            ["uploader", "admin"],
            format_func=lambda r: t(f"role_{r}", lang),
            horizontal=True,
            key=key,
        )
    )


def accounts_admin(user: User, store: Store, lang: str) -> None:
    """The accounts in the store (name, role, state, last change), the take-over notice, a form to add an
    account and one to change one: reset its password (a one-time password shown once, or one the
    administrator sets), disable it (its sessions end at once) or enable it, change its role."""
    done = st.session_state.pop(ACCOUNT_DONE_KEY, None)
    if done is not None:
        st.success(escape_markdown(done[0]), icon=":material/check_circle:")
        if done[1]:  # a one-time password: shown this once, never stored
            st.markdown(escape_markdown(done[1]))
            st.code(done[2], language=None)
    taken_over_notice(store, lang)
    accounts = store.accounts()
    if accounts:
        st.html(
            frame_table_html(
                pl.DataFrame(
                    {
                        t("admin_user_name", lang): [a["name"] for a in accounts],
                        t("admin_user_role", lang): [_role_label(a, lang) for a in accounts],
                        t("admin_user_state", lang): [_state_label(a, lang) for a in accounts],
                        t("admin_user_updated", lang): [
                            f"{format_timestamp(a['updated_at'], lang)} — {a['updated_by']}" for a in accounts
                        ],
                    }
                ),
                t("admin_users", lang),
                figures=(),
                blank="—",
            )
        )
    else:
        st.caption(t("admin_users_none", lang))
    with st.form("account_add", clear_on_submit=True):
        st.markdown(f"**{t('admin_user_add', lang)}**")
        name = st.text_input(t("admin_user_name", lang), max_chars=40, key="account_add_name")
        role = _role_choice(lang, "account_add_role")
        district = _district_choice(lang, "account_add_district")
        password = st.text_input(t("admin_user_password", lang), type="password", max_chars=1024)
        if st.form_submit_button(t("admin_user_save", lang)):
            _account_step(
                lambda: create_account(store, name, role, password, user.name, district or None),
                t("admin_user_saved", lang, name=name.strip().lower()),
                lang,
            )
    if not accounts:
        return
    with st.form("account_change", clear_on_submit=True):
        st.markdown(f"**{t('admin_user_manage', lang)}**")
        chosen = str(st.selectbox(t("admin_user_name", lang), [a["name"] for a in accounts], key="account_chosen"))
        action = st.radio(
            t("admin_user_action", lang),
            ACCOUNT_ACTIONS,
            format_func=lambda a: t(f"admin_user_action_{a}", lang),
            key="account_action",
        )
        new_password = st.text_input(t("admin_user_new_password", lang), type="password", max_chars=1024)
        new_role = _role_choice(lang, "account_new_role")
        new_district = _district_choice(lang, "account_new_district")
        if st.form_submit_button(t("admin_user_apply", lang)):
            if action in ("one_time", "set"):
                given = new_password if action == "set" else None
                _account_step(
                    lambda: reset_password(store, chosen, user.name, given),
                    t("admin_user_reset_done", lang, name=chosen),
                    lang,
                    t("admin_user_one_time", lang, name=chosen) if action == "one_time" else "",
                )
            elif action in ("disable", "enable"):
                _account_step(
                    lambda: set_disabled(store, chosen, action == "disable", user.name),
                    t(f"admin_user_{action}d_done", lang, name=chosen),
                    lang,
                )
            else:
                _account_step(
                    lambda: set_role(store, chosen, new_role, new_district or None, user.name),
                    t("admin_user_role_done", lang, name=chosen),
                    lang,
                )


def _account_step(step: Callable[[], Any], said: str, lang: str, one_time: str = "") -> None:
    """Run one account change; a refusal is said here, a success after the rerun (with the table fresh)."""
    done = written_or_said(lambda: (step(),), lang)  # a tuple: a step may return None
    if done is None:
        return
    (result,) = done
    st.session_state[ACCOUNT_DONE_KEY] = (said, one_time, result if one_time else "")
    st.rerun()
