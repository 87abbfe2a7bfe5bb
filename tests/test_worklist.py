"""Worklists of check-in points that close themselves: the points a district must check, what it records, the
next register's verification, the board's shares — as pure functions, then through the service on both stores."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from lc_metrics.core.findings import Finding
from lc_metrics.core.point_register import ACTIONS_SCHEMA, POINTS_SCHEMA
from lc_metrics.intake.importer import UploadedFile
from lc_metrics.metrics.worklist import shares, verify, worklist
from lc_metrics.service.registers import (
    RegisterRefused,
    district_worklist,
    period_report,
    publish_register,
    record_action,
    worklist_board,
)
from lc_metrics.store.auth import User
from lc_metrics.store.store import open_store

AS_OF = dt.date(2021, 6, 23)
NEXT = dt.date(2021, 6, 30)


def point(code: str, district: str = "082", kind: str = "food", scans: int = 0, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in POINTS_SCHEMA}
    row.update(point_code=code, name=extra.pop("name", f"Điểm {code}"), kind=kind, district_code=district)
    row.update(scans_total=scans, **extra)
    return row


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=POINTS_SCHEMA)


def actions(*rows: tuple[str, str, str], register_id: int = 1, district: str = "082") -> pl.DataFrame:
    """(point, action, at) rows, ids in order."""
    return pl.DataFrame(
        [
            {
                "id": i + 1,
                "register_id": register_id,
                "point_code": p,
                "district_code": district,
                "action": a,
                "note": None,
                "actor": "batxat",
                "at": at,
            }
            for i, (p, a, at) in enumerate(rows)
        ],
        schema=ACTIONS_SCHEMA,
    )


NO_ACTIONS = pl.DataFrame(schema=ACTIONS_SCHEMA)


# --- the worklist
def test_the_worklist_lists_never_scanned_and_idle_points_state_agencies_first_then_kind_then_name():
    points = frame(
        [
            point("F2", kind="food", name="Quán B"),
            point("F1", kind="food", name="Quán A"),
            point("M1", kind="market", name="Chợ"),
            point("S1", kind="state", name="UBND xã", scans=4, scans_14d=0),  # idle for 14 days
            point("S2", kind="state", name="Trạm y tế xã", scans=9, scans_14d=2),  # scanned lately: not listed
            point("L1", kind="lodging", name="Nhà nghỉ", scans=3, last_scan=dt.date(2021, 6, 1)),  # idle by date
            point("L2", kind="lodging", name="Khách sạn", scans=3, last_scan=dt.date(2021, 6, 20)),
            point("X1", district="088"),  # another district
        ]
    )
    listed = worklist(points, NO_ACTIONS, "082", as_of=AS_OF)
    # kinds in the order state, food, entertainment, sport, market, transport, health, school, lodging…
    assert listed["point_code"].to_list() == ["S1", "F1", "F2", "M1", "L1"]
    assert listed["reason"].to_list() == [
        "no_recent_scan",
        "never_scanned",
        "never_scanned",
        "never_scanned",
        "no_recent_scan",
    ]
    assert set(listed["status"]) == {"open"}
    # without the register's date, last_scan cannot say "14 days"
    assert "L1" not in worklist(points, NO_ACTIONS, "082")["point_code"].to_list()


def test_a_commune_s_worklist():
    points = frame([point("A", commune_code="02683"), point("B", commune_code="02686")])
    assert worklist(points, NO_ACTIONS, "082", "02686")["point_code"].to_list() == ["B"]


def test_the_latest_action_gives_the_status_and_unchecked_stays_open():
    points = frame([point("A"), point("B"), point("C"), point("D")])
    recorded = actions(
        ("A", "guided", "2021-06-24T01:00:00+00:00"),
        ("B", "removed", "2021-06-24T01:00:00+00:00"),
        ("C", "unchecked", "2021-06-24T01:00:00+00:00"),
        ("B", "guided", "2021-06-25T01:00:00+00:00"),  # B reconsidered: the latest counts
    )
    listed = worklist(points, recorded, "082")
    assert dict(zip(listed["point_code"], listed["status"])) == {"A": "guided", "B": "guided", "C": "open", "D": "open"}


# --- verification by the next register: the scenario at small scale
def scenario() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    kinds = ["state", "food", "market", "lodging", "school"]
    first = frame(
        [point(f"P{i:02d}", kind=kinds[i % 5]) for i in range(20)]  # 20 never scanned
        + [point("OK1", scans=40), point("SP1", district="088")]
    )
    guided = actions(*((f"P{i:02d}", "guided", "2021-06-25T02:00:00+00:00") for i in range(20)))
    # the next register: P00–P11 now have scans (12), P12–P19 still none (8)
    second = frame(
        [point(f"P{i:02d}", kind=kinds[i % 5], scans=(i + 1) if i < 12 else 0) for i in range(20)]
        + [point("OK1", scans=55), point("SP1", district="088")]
    )
    return first, guided, second


def test_twenty_guided_points_twelve_scanned_in_the_next_register_are_verified_eight_reopened():
    first, guided, second = scenario()
    outcome = verify(guided, first, second)
    counts = dict(outcome.group_by("outcome").len().iter_rows())
    assert counts == {"verified": 12, "reopened": 8}
    assert sorted(outcome.filter(pl.col("outcome") == "reopened")["point_code"]) == [f"P{i}" for i in range(12, 20)]
    # in the next register's worklist the eight are open again, the twelve are gone
    listed = worklist(second, NO_ACTIONS, "082", as_of=NEXT, verification=outcome)
    assert listed.height == 8 and set(listed["status"]) == {"reopened"}


def test_a_guided_idle_point_is_verified_only_by_new_scans():
    before = frame([point("A", scans=5, scans_14d=0), point("B", scans=5, scans_14d=0)])
    after = frame([point("A", scans=5, scans_14d=0), point("B", scans=6, scans_14d=None)])
    outcome = verify(actions(("A", "guided", "t"), ("B", "guided", "t")), before, after)
    assert outcome.sort("point_code")["outcome"].to_list() == ["reopened", "verified"]


def test_a_removed_point_is_verified_when_gone_and_reopened_when_still_there():
    before = frame([point("R1"), point("R2"), point("G1")])
    after = frame([point("R2")])  # R1 and G1 gone
    outcome = verify(actions(("R1", "removed", "t"), ("R2", "removed", "t"), ("G1", "guided", "t")), before, after)
    assert dict(zip(outcome["point_code"], outcome["outcome"])) == {
        "R1": "verified_removed",
        "R2": "reopened",
        "G1": "absent",
    }


def test_unchecked_points_are_not_verified():
    before = frame([point("U")])
    assert verify(actions(("U", "unchecked", "t")), before, before).height == 0


# --- the board's shares
def test_shares_of_never_scanned_points_handled_and_verified_within_fourteen_days():
    first, guided, second = scenario()
    # Bát Xát: 20 never scanned, all guided on 25/6, 12 verified by the register of 30/6; Sa Pa: 1, nothing done
    board = shares(first, guided, as_of=AS_OF, next_points=second, next_as_of=NEXT)
    assert board.select("district_code", "never_scanned", "handled", "verified").rows() == [
        ("082", 20, 20, 12),
        ("088", 1, 0, 0),
    ]
    assert board["handled_pct"].to_list() == [100.0, 0.0] and board["verified_pct"].to_list() == [60.0, 0.0]


def test_shares_count_only_what_came_within_fourteen_days_of_the_register():
    first, guided, second = scenario()
    late = guided.with_columns(
        pl.when(pl.col("point_code") < "P05")
        .then(pl.lit("2021-07-07T17:30:00+00:00"))  # 8/7 in Vietnam: day 15
        .otherwise(pl.col("at"))
        .alias("at")
    )
    board = shares(first, late, as_of=AS_OF, next_points=second, next_as_of=dt.date(2021, 7, 8))
    row = board.row(0, named=True)
    assert (row["handled"], row["verified"], row["verified_pct"]) == (15, 0, 0.0)  # the register came on day 15
    without_next = shares(first, guided, as_of=AS_OF).row(0, named=True)
    assert without_next["verified"] is None and without_next["verified_pct"] is None


# --- through the service, on both stores
@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    if request.param == "sqlite":
        return open_store(str(tmp_path / "store.sqlite"))
    return open_store(request.getfixturevalue("postgres_url"))


PROVINCE = User("tinh", "uploader")
BAT_XAT = User("batxat", "uploader", "082")
SA_PA = User("sapa", "uploader", "088")
MORNING = dt.datetime(2021, 6, 25, 9, tzinfo=dt.UTC)


def test_a_register_with_errors_or_from_a_district_writes_nothing(store):
    first, _, _ = scenario()
    counts = store.table_counts()
    file = UploadedFile("diem.xlsx", b"x")
    with pytest.raises(RegisterRefused) as refused:
        publish_register(store, PROVINCE, file, first, [Finding("not_a_table", "error")], as_of=AS_OF)
    assert refused.value.reason == "has_errors"
    with pytest.raises(RegisterRefused) as refused:
        publish_register(store, BAT_XAT, file, first, [], as_of=AS_OF)
    assert refused.value.reason == "province_only"
    assert store.table_counts() == counts
    assert publish_register(store, PROVINCE, file, first, [Finding("x", "warning")], as_of=AS_OF) > 0


def test_a_district_records_actions_on_its_own_points_only(store):
    first, _, _ = scenario()
    register_id = publish_register(store, PROVINCE, UploadedFile("a.xlsx", b"a"), first, [], as_of=AS_OF)
    record_action(store, BAT_XAT, register_id, "P00", "guided", "đã hướng dẫn", MORNING)
    with pytest.raises(RegisterRefused) as refused:
        record_action(store, SA_PA, register_id, "P01", "guided", None, MORNING)
    assert refused.value.reason == "other_district"
    with pytest.raises(RegisterRefused) as refused:
        record_action(store, BAT_XAT, register_id, "P01", "removed", "  ", MORNING)
    assert refused.value.reason == "note_needed"
    with pytest.raises(RegisterRefused):
        record_action(store, BAT_XAT, register_id, "NOPE", "guided", None, MORNING)
    record_action(store, PROVINCE, register_id, "SP1", "unchecked", None, MORNING)  # on Sa Pa's behalf
    assert store.point_actions(register_id)["point_code"].to_list() == ["P00", "SP1"]
    assert [e["action"] for e in store.audit_entries(3)] == [
        "point_action_recorded",
        "point_action_refused",
        "point_action_recorded",
    ]


def test_the_scenario_through_the_service(store):
    first, _, second = scenario()
    one = publish_register(store, PROVINCE, UploadedFile("1.xlsx", b"1"), first, [], as_of=AS_OF)
    for i in range(20):
        record_action(store, BAT_XAT, one, f"P{i:02d}", "guided", "đã hướng dẫn chủ cơ sở", MORNING)
    assert district_worklist(store, one, "082").open_count == 0
    two = publish_register(store, PROVINCE, UploadedFile("2.xlsx", b"2"), second, [], as_of=NEXT)
    listed = district_worklist(store, two, "082")
    assert listed.previous is not None and listed.previous["id"] == one
    assert listed.verification is not None
    assert dict(listed.verification.group_by("outcome").len().iter_rows()) == {"verified": 12, "reopened": 8}
    assert listed.open_count == 8
    assert listed.points["point_code"].to_list()[:2] == ["P15", "P16"]  # state agencies (P15) first, then food
    board = worklist_board(store, one)
    assert board.filter(pl.col("district_code") == "082").select("handled_pct", "verified_pct").row(0) == (100.0, 60.0)


def test_what_a_district_did_after_the_next_register_s_date_is_judged_by_the_register_after(store):
    """The second register is dated 30/6; Bát Xát guides P00 and P01 on 25/6 (before that date) and P02, P03 on
    2/7 (after it: the export cannot show them). The second register judges P00 and P01 only; P02 and P03 stay
    guided on it, awaiting the third (7/7), which verifies P02 (scanned by then) and reopens P03 — unless the
    district records again on the second register, whose latest action wins."""
    first, _, _ = scenario()  # P00…P19 never scanned in Bát Xát
    after = dt.datetime(2021, 7, 2, 2, tzinfo=dt.UTC)
    one = publish_register(store, PROVINCE, UploadedFile("1.xlsx", b"1"), first, [], as_of=AS_OF)
    for code, at in (("P00", MORNING), ("P01", MORNING), ("P02", after), ("P03", after), ("P04", after)):
        record_action(store, BAT_XAT, one, code, "guided", "đã hướng dẫn chủ cơ sở", at)
    two = publish_register(store, PROVINCE, UploadedFile("2.xlsx", b"2"), first, [], as_of=NEXT)  # nothing scanned
    listed = district_worklist(store, two, "082")
    assert listed.verification is not None
    outcomes = dict(listed.verification.select("point_code", "outcome").iter_rows())
    assert outcomes == {"P00": "reopened", "P01": "reopened", "P02": "pending", "P03": "pending", "P04": "pending"}
    status = dict(listed.points.select("point_code", "status").iter_rows())
    assert [status[c] for c in ("P00", "P01", "P02", "P03", "P04")] == ["reopened", "reopened", *["guided"] * 3]
    assert listed.open_count == 20 - 3
    record_action(store, BAT_XAT, two, "P04", "unchecked", None, dt.datetime(2021, 7, 3, tzinfo=dt.UTC))
    third = first.with_columns(
        scans_total=pl.when(pl.col("point_code") == "P02").then(3).otherwise(pl.col("scans_total"))
    )
    three = publish_register(store, PROVINCE, UploadedFile("3.xlsx", b"3"), third, [], as_of=dt.date(2021, 7, 7))
    later = district_worklist(store, three, "082")
    assert later.verification is not None
    assert dict(later.verification.select("point_code", "outcome").iter_rows()) == {
        "P02": "verified",
        "P03": "reopened",
    }


def test_a_period_report_from_the_register(store):
    first, _, _ = scenario()
    period_id, _ = store.open_period(AS_OF.isoformat(), "2021-06-16T09:00:00+00:00", "2021-06-23T09:00:00+00:00", "t")
    assert period_report(store, period_id) is None  # no register yet
    publish_register(store, PROVINCE, UploadedFile("1.xlsx", b"1"), first, [], as_of=AS_OF, period_id=period_id)
    report = period_report(store, period_id)
    assert report is not None and report.provenance["kind"] == "register"
    assert report.qr_points.filter(pl.col("code") == "082").row(0) == ("082", 21, 20, 40, None)
    assert report.qr_categories.filter(pl.col("code") == "082").row(0) == (
        "082",
        17,
        4,
        True,
    )  # P00, P05, P10, P15 are state agencies
    # the seeded June report is dated 23/6/2021: its Bluezone figures are taken, unchanged
    june = store.load_snapshot(store.latest_id())
    assert report.bluezone.equals(june.bluezone) and report.province.installs == june.province.installs
    assert report.province.qr_points == 22 and report.province.qr_points_no_scan == 21
