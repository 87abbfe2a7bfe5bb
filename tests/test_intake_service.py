"""The intake service's rules below every screen: which version of a district's submission is consolidated
(its latest, once accepted), what review allows, which report counts as "the previous one", which reading
notes a published report keeps, when "the province total falls" is true, and the boundary where
never-scanned points equal points. Expected values come from the files the tests write and from the
dispatch's June figures (the store is seeded with them)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import polars as pl
import pytest

from lc_metrics.core.findings import Finding
from lc_metrics.intake.importer import UploadedFile, province_total_checks, read_upload
from lc_metrics.reporting.submissions import SubmissionRefused
from lc_metrics.service.intake import (
    IntakeRefused,
    check_consolidation,
    check_upload,
    publish_consolidation,
    publish_upload,
    report_history,
    review,
    submit,
)
from lc_metrics.store.auth import User
from lc_metrics.store.snapshot import load_report_dir
from tests.test_reporting import (  # noqa: F401 - fixtures
    AFTER,
    BEFORE,
    FIGURES,
    MUONG_KHUONG,
    district_file,
    period_id,
    store,
)
from tests.workbooks import Layout, june_data, xlsx_workbook

PROVINCE = User("capnhat", "uploader")
JUNE = load_report_dir()


def june_file(as_of: str, name: str = "phu_luc.xlsx") -> UploadedFile:
    return UploadedFile(name, xlsx_workbook(june_data(), Layout(as_of_line=f"Số liệu tính đến ngày {as_of}")))


def test_the_previous_report_is_the_one_before_the_new_reports_date(store):  # noqa: F811
    """June (23/6) is in the store; a report of 30/6 is published. A report of 30/6 again (a replacement) is
    compared with June, never with the report it replaces; one of 7/7 with 30/6, then June."""
    checked = check_upload(store, [june_file("30/6/2021")], uploaded_by="capnhat")
    thirtieth = publish_upload(store, checked, "capnhat", accept_warnings=True)
    june_id = next(s["id"] for s in store.list_snapshots() if s["as_of"] == dt.date(2021, 6, 23))
    assert [s.id for s in report_history(store, dt.date(2021, 6, 30))] == [june_id]
    assert [s.id for s in report_history(store, dt.date(2021, 7, 7))] == [thirtieth, june_id]
    assert report_history(store, dt.date(2021, 6, 23)) == []


def test_reading_notes_about_the_upload_are_not_kept_with_the_published_report(store):  # noqa: F811
    """A hidden helper column is a note for the uploader (how the file was read), not a finding of the
    report: the published report keeps the findings about its figures only."""
    workbook = openpyxl.load_workbook(io.BytesIO(june_file("30/6/2021").data))
    sheet = workbook["PL1"]
    sheet.cell(1, 9, "ghi chú nội bộ")
    sheet.column_dimensions["I"].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    checked = check_upload(store, [UploadedFile("an_cot.xlsx", buffer.getvalue())], uploaded_by="capnhat")
    assert "hidden_ignored" in {f.code for f in checked.findings}
    published = store.load_snapshot(publish_upload(store, checked, "capnhat", accept_warnings=True))
    kept = {f.code for f in published.findings}
    assert "hidden_ignored" not in kept
    assert kept == {"district_not_reported"}  # Văn Bàn's "không có báo cáo" in appendix 3: about the figures


def test_publishing_refuses_warnings_not_accepted_and_writes_nothing(store):  # noqa: F811
    checked = check_upload(store, [june_file("30/6/2021")], uploaded_by="capnhat")
    assert checked.warnings  # the dispatch's sums differ from its totals
    before = len(store.list_snapshots())
    with pytest.raises(IntakeRefused) as refused:
        publish_upload(store, checked, "capnhat")
    assert refused.value.reason == "warnings_not_accepted" and len(store.list_snapshots()) == before


def test_the_latest_version_is_consolidated_once_accepted(store, period_id):  # noqa: F811
    """Mường Khương sends v1, the province returns it; v2 comes after the deadline (allowed: it was
    returned) and is pending, so it is not consolidated and the check says so; accepted, it is."""
    first = submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    with pytest.raises(IntakeRefused) as refused:
        review(store, PROVINCE, first.submission_id, "returned", "  ", BEFORE)
    assert refused.value.reason == "return_needs_comment"
    with pytest.raises(IntakeRefused) as refused:
        review(store, MUONG_KHUONG, first.submission_id, "accepted", None, BEFORE)
    assert refused.value.reason == "review_province_only"
    review(store, PROVINCE, first.submission_id, "returned", "Kiểm tra lại số máy cài đặt", BEFORE)
    corrected = {**FIGURES["083"], "Phụ lục 1": (6_600, 39_000)}
    second = submit(store, MUONG_KHUONG, period_id, "083", district_file("083", corrected), AFTER)
    assert (second.version, second.late) == (2, False)
    with pytest.raises(IntakeRefused) as refused:  # only the latest version is reviewed
        review(store, PROVINCE, first.submission_id, "accepted", None, AFTER)
    assert refused.value.reason == "review_not_latest"
    period = store.period(period_id)
    pending = check_consolidation(store, period, AFTER)
    assert pending.snapshot is not None
    assert pending.snapshot.bluezone.filter(pl.col("code") == "083")["installs"].to_list() == [None]
    waiting = next(f for f in pending.warnings if f.code == "consolidation_pending_review")
    assert waiting.params["names"] == "Huyện Mường Khương"
    review(store, PROVINCE, second.submission_id, "accepted", None, AFTER)
    accepted = check_consolidation(store, period, AFTER)
    assert accepted.snapshot is not None
    assert accepted.snapshot.bluezone.filter(pl.col("code") == "083")["installs"].to_list() == [6_600]
    assert "consolidation_pending_review" not in {f.code for f in accepted.findings}
    with pytest.raises(SubmissionRefused) as locked:  # accepted figures are locked
        submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), AFTER)
    assert locked.value.reason == "accepted_locked"


def test_a_consolidation_before_the_deadline_or_without_districts_asks_for_confirmation(store, period_id):  # noqa: F811
    done = submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    review(store, PROVINCE, done.submission_id, "accepted", None, BEFORE)
    check = check_consolidation(store, store.period(period_id), BEFORE)
    codes = {f.code: f for f in check.warnings}
    assert codes["consolidation_before_deadline"].params["deadline"] == store.period(period_id)["deadline"]
    assert codes["consolidation_districts_missing"].params["count"] == 8
    with pytest.raises(IntakeRefused) as refused:
        publish_consolidation(store, check, "capnhat")
    assert refused.value.reason == "warnings_not_accepted" and store.period(period_id)["snapshot_id"] is None
    snapshot_id = publish_consolidation(store, check, "capnhat", accept_warnings=True)
    assert store.period(period_id)["snapshot_id"] == snapshot_id
    with pytest.raises(IntakeRefused):  # closed: nothing more to consolidate
        check_consolidation(store, store.period(period_id), AFTER)


def _with(snapshot, **changes):
    """A copy of the June report with district rows and province figures changed."""
    from dataclasses import replace

    copy = replace(snapshot, bluezone=snapshot.bluezone.clone(), province=replace(snapshot.province))
    for name, value in changes.items():
        setattr(copy.province, name, value)
    return copy


def test_the_province_total_falls_only_against_districts_reported_in_both():
    """Bắc Hà is missing from the new report and every other district gains 10 installs: the districts'
    sum falls (Bắc Hà's installs are gone) but the districts reported in both rose by 80. A stated province
    total 1.000 lower has fallen while its districts rose: said, with the sums of those eight."""
    later = _with(JUNE, installs=JUNE.province.installs - 1_000)
    later.bluezone = later.bluezone.with_columns(
        installs=pl.when(pl.col("code") == "085").then(None).otherwise(pl.col("installs") + 10)
    )
    found = [f for f in province_total_checks(later, JUNE) if f.params["measure"] == "installs"]
    eight = JUNE.bluezone.filter(pl.col("code") != "085")["installs"].sum()
    assert [(f.code, f.params["sum_before"], f.params["sum_after"]) for f in found] == [
        ("province_total_falls", eight, eight + 80)
    ]


def test_a_total_taken_from_the_districts_is_not_said_to_fall():
    """Without a stated province total (the districts' sum stands for it), Bắc Hà missing makes it fall:
    nothing has fallen, and nothing is said."""
    later = _with(JUNE, installs=None)
    later.bluezone = later.bluezone.with_columns(
        installs=pl.when(pl.col("code") == "085").then(None).otherwise(pl.col("installs") + 10)
    )
    assert [f for f in province_total_checks(later, JUNE) if f.code == "province_total_falls"] == []


@pytest.mark.parametrize(("no_scan", "refused"), [(700, False), (701, True)])
def test_never_scanned_points_may_equal_the_points_but_not_exceed_them(no_scan, refused):
    """Mường Khương has 700 points in the file: 700 never scanned is possible (none scanned yet), 701 is not."""
    data = june_data()
    data.qr_points["083"] = {"points": 700, "no_scan": no_scan}
    result = read_upload([UploadedFile("pl.xlsx", xlsx_workbook(data, Layout(rates="none")))])
    errors: list[Finding] = [f for f in result.errors if f.code == "more_no_scan_than_points"]
    assert bool(errors) == refused


def test_a_consolidation_gets_the_checks_an_upload_gets(store, period_id):  # noqa: F811
    """With the province's workbook (June's rows and totals) and Mường Khương's accepted figures, the
    districts no longer add up to the province's totals: the warning the upload page makes staff accept
    (the districts' sum against the total) is the consolidation's too."""
    done = submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    review(store, PROVINCE, done.submission_id, "accepted", None, BEFORE)
    check = check_consolidation(
        store, store.period(period_id), AFTER, province_file=june_file("23/6/2021"), choices={"083": "district"}
    )
    mismatch = {f.params["measure"]: f.params for f in check.warnings if f.code == "total_mismatch"}
    june_points = JUNE.qr_points["points"].sum()
    assert mismatch["qr_points"]["district_sum"] == june_points - 692 + 700  # Mường Khương's 692 → 700
    assert mismatch["qr_points"]["province_total"] == 7_875


def test_a_report_from_the_register_gets_the_checks_and_keeps_appendix_1(store):  # noqa: F811
    """A register of 8.000 generated points dated as the June report: appendices 2 and 3 are the register's
    (the generator's figures), appendix 1 the June report's; the reconciliation's warnings must be accepted."""
    from lc_metrics.reading.register import read_register
    from lc_metrics.service.intake import check_register_report, publish_register_report
    from lc_metrics.service.registers import publish_register
    from tests.registers import generate_register

    data, expected = generate_register(8_000, 5)
    reading = read_register(data, "diem.csv")
    register_id = publish_register(
        store, PROVINCE, UploadedFile("diem.csv", data), reading.points, reading.findings, as_of=dt.date(2021, 6, 23)
    )
    check = check_register_report(store, register_id)
    assert check.snapshot is not None and not check.errors
    points = dict(zip(check.snapshot.qr_points["code"].to_list(), check.snapshot.qr_points["points"].to_list()))
    assert points == {code: figures["points"] for code, figures in expected["districts"].items()}
    installs = dict(zip(check.snapshot.bluezone["code"].to_list(), check.snapshot.bluezone["installs"].to_list()))
    assert installs == dict(zip(JUNE.bluezone["code"].to_list(), JUNE.bluezone["installs"].to_list()))
    assert check.snapshot.province.qr_points == 8_000
    # June's own discrepancy (its province total above the districts' sum) is a warning to accept
    assert "total_mismatch" in {f.code for f in check.warnings}
    with pytest.raises(IntakeRefused):
        publish_register_report(store, check, "capnhat")
    snapshot_id = publish_register_report(store, check, "capnhat", accept_warnings=True)
    published = store.load_snapshot(snapshot_id)
    assert published.provenance["kind"] == "register" and published.provenance["register_id"] == register_id
    assert [u["filename"] for u in store.uploads_of(snapshot_id)] == ["diem.csv"]


def _report_file(
    as_of: str, bat_xat_installs: int, kinds: tuple[str, ...] = ("bluezone", "qr_points", "qr_categories")
):
    data = june_data()
    data.bluezone["082"] = {**data.bluezone["082"], "installs": bat_xat_installs}
    layout = Layout(as_of_line=f"Số liệu tính đến ngày {as_of}")
    return UploadedFile(f"bao_cao_{as_of.replace('/', '_')}.xlsx", xlsx_workbook(data, layout, kinds=kinds))


def test_an_appendix_replacing_a_report_keeps_the_others_of_that_report(store):  # noqa: F811
    """Reports of 30/6 (Bát Xát 15.000 installs) and 7/7 (16.000) are published; appendix 3 of 30/6 is sent again,
    the others asked to be kept: they are those of the 30/6 report it replaces — not June's (23/6, the report the
    checks compare with: the 30/6 figures were silently replaced by June's) nor the newest report's (7/7, which the
    page's box named)."""
    from lc_metrics.service.intake import carry_over_source

    for as_of, installs in (("30/6/2021", 15_000), ("7/7/2021", 16_000)):
        publish_upload(store, check_upload(store, [_report_file(as_of, installs)]), "capnhat", accept_warnings=True)
    assert carry_over_source(store, dt.date(2021, 6, 30)).as_of == dt.date(2021, 6, 30)  # the one replaced
    assert carry_over_source(store, dt.date(2021, 7, 1)).as_of == dt.date(2021, 6, 30)  # the newest before
    assert carry_over_source(store, None).as_of == dt.date(2021, 7, 7)  # no date read yet: the newest
    appendix3 = _report_file("30/6/2021", 0, kinds=("qr_categories",))
    checked = check_upload(store, [appendix3], carry_over=True)
    assert checked.snapshot is not None and checked.snapshot.as_of == dt.date(2021, 6, 30)
    bat_xat = checked.snapshot.bluezone.filter(pl.col("code") == "082")["installs"].item()
    assert bat_xat == 15_000  # 30/6's own figure (June printed 11.460, 7/7 had 16.000)
    carried = [f for f in checked.findings if f.code == "appendix_carried_over"]
    assert {f.params["previous_as_of"] for f in carried} == {"2021-06-30"}
    assert checked.snapshot.provenance["carried_over"]["bluezone"]["as_of"] == "2021-06-30"
