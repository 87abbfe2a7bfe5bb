"""Each account sees only its own: the table of who sees what (README.md), checked cell by
cell against the real pages (AppTest, signed in through the sidebar form as each role).

One store holds a marker for every kind of thing — a published report with its original province file, a
submission of Mường Khương (083, the district account's own) and one of Si Ma Cai (084), a register with a
never-scanned point in each, an audit entry, an account — each marker a string found nowhere else. For each
role, every page is opened (the district page once per district where the page lets one choose) and all it
shows is gathered: text, labels, options, tables, HTML. A cell is "seen" when its marker is there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from lc_metrics.core.point_register import POINTS_SCHEMA
from lc_metrics.reporting.periods import open_period, set_schedule
from lc_metrics.reporting.schedule import VIETNAM, Schedule
from lc_metrics.store.auth import create_account, set_disabled
from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import open_store
from tests.conftest import ROOT, sign_in
from tests.registers import register_point

APP = str(ROOT / "app.py")
PASSWORDS = {"quantri": "quan-tri-2021!", "capnhat": "cap-nhat-2021!", "mk": "muong-khuong-2021"}
ROLES = {"anonymous": None, "district": "mk", "staff": "capnhat", "admin": "quantri"}
AS_OF = dt.date(2021, 6, 30)

# what → the marker that stands for it (ASCII, found nowhere else); "published" is filled in with the report's id
MARKERS = {
    "published": "?snapshot={id}",
    "original_upload": "tinh-goc-q7.xlsx",
    "submission_own": "nop-083-k2.xlsx",
    "submission_other": "nop-084-k3.xlsx",
    "submitter_other": "nguoi-nop-s5",
    "register_file": "dang-ky-diem-z9.csv",
    "worklist_own": "Diem-083-w4",
    "worklist_other": "Diem-084-w5",
    "audit_log": "kiem-toan-a8",
    "accounts": "tai-khoan-x6",
}

# The table of README.md ("Who sees what"): True = sees it. Province staff have no district of
# their own: "own" is any district's, as for the administrator.
TABLE: dict[str, dict[str, bool]] = {
    "published": {"anonymous": True, "district": True, "staff": True, "admin": True},
    "original_upload": {"anonymous": False, "district": False, "staff": True, "admin": True},
    "submission_own": {"anonymous": False, "district": True, "staff": True, "admin": True},
    "submission_other": {"anonymous": False, "district": False, "staff": True, "admin": True},
    "submitter_other": {"anonymous": False, "district": False, "staff": True, "admin": True},
    "register_file": {"anonymous": False, "district": False, "staff": True, "admin": True},
    "worklist_own": {"anonymous": False, "district": True, "staff": True, "admin": True},
    "worklist_other": {"anonymous": False, "district": False, "staff": True, "admin": True},
    "audit_log": {"anonymous": False, "district": False, "staff": False, "admin": True},
    "accounts": {"anonymous": False, "district": False, "staff": False, "admin": True},
}
PAGES = (
    "pages/overview.py",
    "pages/history.py",
    "pages/reporting.py",
    "pages/district.py",
    "pages/consolidate.py",
    "pages/points.py",
    "pages/upload.py",
    "pages/admin.py",
)


def seed(store_path: str) -> dict[str, str]:
    """Every marker in one store; the markers with the published report's id filled in."""
    store = open_store(store_path)
    create_account(store, "quantri", "admin", PASSWORDS["quantri"], "test")
    create_account(store, "capnhat", "uploader", PASSWORDS["capnhat"], "test")
    create_account(store, "mk", "uploader", PASSWORDS["mk"], "test", district="083")
    create_account(store, MARKERS["accounts"], "uploader", "mot-mat-khau-dai", "test", district="084")
    set_disabled(store, MARKERS["accounts"], True, "quantri")
    report_id = store.publish(load_report_dir(), [(MARKERS["original_upload"], b"PK-province-file")], "capnhat")
    set_schedule(store, Schedule("manual"), "quantri")
    deadline = dt.datetime.now(VIETNAM) + dt.timedelta(days=3)
    period_id, _ = open_period(store, AS_OF, deadline, "quantri", dt.datetime.now(dt.UTC))
    now = dt.datetime.now(dt.UTC).isoformat()
    store.add_submission(period_id, "083", {}, MARKERS["submission_own"], b"own", "mk", now)
    store.add_submission(period_id, "084", {}, MARKERS["submission_other"], b"other", MARKERS["submitter_other"], now)
    points = pl.DataFrame(
        [
            register_point("P083", MARKERS["worklist_own"], "083", "02752"),
            register_point("P084", MARKERS["worklist_other"], "084", "02800"),
        ],
        schema=POINTS_SCHEMA,
    )
    store.save_register(AS_OF, MARKERS["register_file"], b"code,name\n", points, "capnhat", period_id)
    store.audit(MARKERS["audit_log"], "sign_out", {})
    return {**MARKERS, "published": MARKERS["published"].format(id=report_id)}


def _shown(node: Any, out: list[str]) -> None:
    """Everything an element tree shows: each element's message (labels, options, markdown, HTML) and the
    contents of its tables."""
    children = getattr(node, "children", None)
    if children:
        for child in children.values():
            _shown(child, out)
        return
    if getattr(node, "type", "") in ("arrow_data_frame", "dataframe") and hasattr(node, "value"):
        out.append(node.value.to_csv())
    proto = getattr(node, "proto", None)
    if proto is not None:
        out.append(str(proto))


def everything_seen(role: str) -> str:
    """Every page as ``role`` sees it (the district page once per district it lets one choose), as one text."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    name = ROLES[role]
    if name is not None:
        sign_in(at, name, PASSWORDS[name])
        assert any(f"Đã đăng nhập: {name}" in c.value for c in at.sidebar.caption), role
    out: list[str] = []
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (role, page, [e.value for e in at.exception])
        _shown(at._tree, out)
        choosers = [s for s in at.selectbox if s.key == "district_code"]
        for code in ("083", "084") if choosers else ():
            choosers[0].set_value(code).run()
            assert not at.exception, (role, page, code, [e.value for e in at.exception])
            _shown(at._tree, out)
            choosers = [s for s in at.selectbox if s.key == "district_code"]
    return "\n".join(out)


# one xdist worker runs the module (make test: --dist loadgroup): what each role saw gathered once
pytestmark = pytest.mark.xdist_group("visibility")


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What each role saw, gathered once for the module, with the markers."""
    from lc_app.streamlit_workarounds import start_in_navigation_mode

    directory = tmp_path_factory.mktemp("visibility")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("LCM_DATABASE_URL", "LCM_SECRETS", "LCM_BOUNDARIES", "LCM_PROVINCE_BOUNDARIES"):
            patch.delenv(name, raising=False)
        patch.setenv("LCM_STORE", str(directory / "store.sqlite"))
        patch.setenv("LCM_BOUNDARY_DIR", str(directory / "boundaries"))
        patch.setenv("LCM_BOUNDARY_DOWNLOAD", "off")
        markers = seed(str(directory / "store.sqlite"))
        undo = start_in_navigation_mode()
        try:
            return {"markers": markers, **{role: everything_seen(role) for role in ROLES}}
        finally:
            undo()


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("what", list(TABLE))
def test_each_cell_of_the_table(seen, what, role):
    marker = seen["markers"][what]
    expected = TABLE[what][role]
    assert (marker in seen[role]) is expected, f"{role} {'does not see' if expected else 'sees'} {what}"


def test_the_readme_states_the_same_table():
    """The README's table, parsed: the same rows and cells as TABLE."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Who sees what", 1)[1].split("\n\n", 2)[1]
    rows = [line.strip("|").split("|") for line in section.splitlines()[2:]]
    parsed = {row[0].strip().strip("`"): [cell.strip() for cell in row[2:6]] for row in rows}
    assert set(parsed) == set(TABLE)
    for what, cells in parsed.items():
        assert [cell.startswith("✓") for cell in cells] == [TABLE[what][role] for role in ROLES], what
