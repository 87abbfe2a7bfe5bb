"""Districts report their own figures: the schedule, who may submit what, the states on the board,
consolidation (a district that did not report stays null) and e-mail reminders through a real SMTP
server on 127.0.0.1. The store parts run on SQLite and PostgreSQL. Expected values come from the figures
each test writes into the district templates, and from hand-worked dates."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import openpyxl
import polars as pl
import pytest

from lc_metrics.core.districts import district_by_code
from lc_metrics.core.messages import describe_finding, t
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.metrics.indicators import district_metrics
from lc_metrics.reading.template import template_workbook
from lc_metrics.reporting.board import current_period, on_time_record, period_status
from lc_metrics.reporting.consolidation import (
    UnresolvedConflicts,
    consolidate,
    consolidation_rows,
    latest_submissions,
)
from lc_metrics.reporting.periods import PeriodRefused, ensure_current_period, open_period, schedule_of, set_schedule
from lc_metrics.reporting.reminders import district_recipients, reminder_messages, send_messages, smtp_settings
from lc_metrics.reporting.schedule import VIETNAM, Schedule, deadline_at
from lc_metrics.reporting.submissions import SubmissionRefused, check_submission
from lc_metrics.service.intake import submit
from lc_metrics.store.auth import User
from lc_metrics.store.store import open_store
from tests.conftest import ROOT, cli_in_process
from tests.workbooks import Layout, june_data, xlsx_workbook

AS_OF = dt.date(2021, 6, 30)
DEADLINE = deadline_at(dt.date(2021, 7, 2), 16)  # Friday 2/7/2021 16:00, Vietnam time
BEFORE = DEADLINE - dt.timedelta(days=1)
AFTER = DEADLINE + dt.timedelta(hours=3)


def district_file(
    code: str, figures: dict[str, tuple[int, int]], extra_code: str | None = None, as_of: dt.date = AS_OF
) -> UploadedFile:
    """The district's own template, filled in: per sheet ("Phụ lục 1"…), its two count columns."""
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook([code], as_of)))
    name = district_by_code(code).name
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            if row[1].value == name and sheet.title in figures:
                row[2].value, row[3].value = figures[sheet.title]
        if extra_code is not None:
            sheet.append([9, district_by_code(extra_code).name, 20, 10])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return UploadedFile(f"{code}.xlsx", buffer.getvalue())


FIGURES = {  # a week after June: each district a little further (invented, close enough to raise no warning)
    "082": {"Phụ lục 1": (12_000, 60_000), "Phụ lục 2": (800, 450), "Phụ lục 3": (72, 74)},
    "083": {"Phụ lục 1": (6_500, 39_000), "Phụ lục 2": (700, 480), "Phụ lục 3": (495, 72)},
    "084": {"Phụ lục 1": (3_700, 21_100), "Phụ lục 2": (405, 170), "Phụ lục 3": (40, 26)},
}


# --- the schedule
@pytest.mark.parametrize(
    ("now", "deadline"),
    [
        (dt.datetime(2021, 6, 28, 9, 0, tzinfo=VIETNAM), dt.datetime(2021, 7, 2, 16, 0, tzinfo=VIETNAM)),
        (dt.datetime(2021, 7, 2, 15, 59, tzinfo=VIETNAM), dt.datetime(2021, 7, 2, 16, 0, tzinfo=VIETNAM)),
        (dt.datetime(2021, 7, 2, 16, 1, tzinfo=VIETNAM), dt.datetime(2021, 7, 9, 16, 0, tzinfo=VIETNAM)),
        # 23:30 UTC on Friday is already Saturday 06:30 in Vietnam: next Friday's deadline
        (dt.datetime(2021, 7, 2, 23, 30, tzinfo=dt.UTC), dt.datetime(2021, 7, 9, 16, 0, tzinfo=VIETNAM)),
    ],
)
def test_the_weekly_deadline_is_the_next_friday_at_16_vietnam_time(now, deadline):
    plan = Schedule().current_period(now)
    assert plan.deadline == deadline and plan.as_of == deadline.date()
    assert plan.opens_at == deadline - dt.timedelta(days=7)


# --- who may submit what (below the UI)
@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path):
    if request.param == "sqlite":
        return open_store(str(tmp_path / "store.sqlite"))
    return open_store(request.getfixturevalue("postgres_url"))


@pytest.fixture
def period_id(store) -> int:
    set_schedule(store, Schedule("manual"), "quantri")
    period, opened = open_period(store, AS_OF, DEADLINE, "quantri", BEFORE - dt.timedelta(days=2))
    assert opened
    return period


MUONG_KHUONG = User("mk", "uploader", "083")


def test_a_district_account_submits_its_own_figures_and_corrects_them_before_the_deadline(store, period_id):
    first = submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    corrected = {**FIGURES["083"], "Phụ lục 1": (6_600, 39_000)}
    second = submit(store, MUONG_KHUONG, period_id, "083", district_file("083", corrected), BEFORE)
    assert (first.version, first.late, second.version) == (1, False, 2)
    kept = store.submissions([period_id])
    assert [s["figures"]["bluezone"]["installs"] for s in kept] == [6_500, 6_600]
    assert kept[-1]["figures"]["qr_points"] == {
        "points": 700,
        "no_scan": 480,
        "scans": None,
        "no_scan_pct_printed": None,
    }
    assert store.submission_file(second.submission_id)[0] == "083.xlsx"
    actions = [e["action"] for e in store.audit_entries()]
    assert actions.count("district_submitted") == 2


@pytest.mark.parametrize(
    ("user", "code", "reason"),
    [
        (MUONG_KHUONG, "084", "other_district"),  # another district's figures
        (User("xem", "admin", None), "999", None),  # not a district: KeyError below, not a submission
    ],
    ids=["other-district", "unknown-code"],
)
def test_a_district_account_cannot_submit_for_another_district(store, period_id, user, code, reason):
    if reason is None:
        with pytest.raises(KeyError):
            submit(store, user, period_id, code, district_file("083", FIGURES["083"]), BEFORE)
    else:
        with pytest.raises(SubmissionRefused) as refused:
            submit(store, user, period_id, code, district_file("084", FIGURES["084"]), BEFORE)
        assert refused.value.reason == reason
        assert t(f"submission_{reason}", "vi", **refused.value.params) == (
            "Tài khoản của Huyện Mường Khương không được nộp số liệu của Huyện Si Ma Cai. Không có gì được ghi."
        )
    assert store.submissions([period_id]) == []


def test_a_file_with_another_districts_rows_is_refused_naming_them(store, period_id):
    with pytest.raises(SubmissionRefused) as refused:
        submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"], extra_code="089"), BEFORE)
    assert refused.value.reason == "has_errors"
    check = check_submission(district_file("083", FIGURES["083"], extra_code="089"), "083", AS_OF, None)
    assert [describe_finding(f) for f in check.errors] == [
        "Tệp có số liệu của đơn vị khác (Huyện Văn Bàn): chỉ nộp số liệu của Huyện Mường Khương. "
        "Dùng mẫu báo cáo của đơn vị."
    ]
    assert store.submissions([period_id]) == []


def test_a_district_that_keeps_its_communes_submits_the_district_row(store, period_id):
    """Communes typed under the district's row (the template allows it): the district's own figures are taken."""
    upload = district_file("083", FIGURES["083"])
    workbook = openpyxl.load_workbook(io.BytesIO(upload.data))
    sheet = workbook["Phụ lục 1"]
    row = next(r[0].row for r in sheet.iter_rows() if r[1].value == "Huyện Mường Khương")
    sheet.insert_rows(row + 1, 2)
    for offset, (name, installs, phones) in enumerate((("Thị trấn Mường Khương", 4_000, 20_000),
                                                       ("Xã Bản Lầu", 2_500, 19_000)), start=1):  # fmt: skip
        sheet.cell(row + offset, 2, name)
        sheet.cell(row + offset, 3, installs)
        sheet.cell(row + offset, 4, phones)
    buffer = io.BytesIO()
    workbook.save(buffer)
    done = submit(store, MUONG_KHUONG, period_id, "083", UploadedFile("083_xa.xlsx", buffer.getvalue()), BEFORE)
    (kept,) = store.submissions([period_id])
    assert done.version == 1 and kept["figures"]["bluezone"]["installs"] == 6_500  # 4.000 + 2.500, the district's


def test_a_warning_needs_the_submitters_confirmation(store, period_id):
    jump = {**FIGURES["083"], "Phụ lục 2": (1_500, 480)}  # June had 692 points: more than doubled
    with pytest.raises(SubmissionRefused) as refused:
        submit(store, MUONG_KHUONG, period_id, "083", district_file("083", jump), BEFORE)
    assert refused.value.reason == "warnings_not_accepted"
    assert store.submissions([period_id]) == []
    with pytest.raises(SubmissionRefused) as refused:  # confirmed, but not explained
        submit(store, MUONG_KHUONG, period_id, "083", district_file("083", jump), BEFORE, accept_warnings=True)
    assert refused.value.reason == "comment_needed"
    assert store.submissions([period_id]) == []
    why = "Rà soát lại, đăng ký thêm 808 điểm tại chợ và trường học"
    done = submit(
        store, MUONG_KHUONG, period_id, "083", district_file("083", jump), BEFORE, accept_warnings=True, comment=why
    )
    assert done.version == 1
    (kept,) = store.submissions([period_id])
    assert kept["sender_comment"] == why and kept["review"] is None
    assert [(w["code"], w["params"]["field"], w["params"]["after"]) for w in kept["warnings"]] == [
        ("sudden_change", "points", 1_500)
    ]


def test_late_first_submission_is_kept_as_late_but_no_correction_after_the_deadline(store, period_id):
    late = submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), AFTER)
    assert late.late and late.version == 1
    with pytest.raises(SubmissionRefused) as refused:
        submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), AFTER)
    assert refused.value.reason == "correction_after_deadline"


def test_the_board_states_from_submissions_and_the_deadline(store, period_id):
    capnhat = User("capnhat", "uploader")  # the province's uploader, on a district's behalf
    submit(store, User("bx", "uploader", "082"), period_id, "082", district_file("082", FIGURES["082"]), BEFORE)
    submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    submit(store, capnhat, period_id, "084", district_file("084", FIGURES["084"]), AFTER)
    period = store.period(period_id)
    states = {s.code: s.state for s in period_status(period, store.submissions(), AFTER)}
    assert states == {
        "080": "overdue", "082": "on_time", "083": "on_time", "084": "late", "085": "overdue",
        "086": "overdue", "087": "overdue", "088": "overdue", "089": "overdue",
    }  # fmt: skip
    versions = {s.code: s.versions for s in period_status(period, store.submissions(), AFTER)}
    assert (versions["083"], versions["082"]) == (2, 1)  # corrected before the deadline: on time, two versions
    before = {s.code: s.state for s in period_status(period, store.submissions(), BEFORE)}
    assert before["085"] == "due"
    by = {s.code: s.last_by for s in period_status(period, store.submissions(), AFTER)}
    assert by["084"] == "capnhat"
    # published: whoever never sent is missing, before the deadline as after it
    rows = consolidation_rows(latest_submissions(store.submissions(), period_id), None)
    store.publish(consolidate(period, rows, None, {}, "capnhat").snapshot, [], "capnhat", period_id=period_id)
    closed = store.period(period_id)
    for now in (BEFORE, AFTER):
        after = {s.code: s.state for s in period_status(closed, store.submissions(), now)}
        assert [c for c, state in after.items() if state == "missing"] == ["080", "085", "086", "087", "088", "089"]


def test_consolidation_publishes_with_missing_districts_null_never_zero(store, period_id):
    for code in ("082", "083", "084"):
        submit(store, User(code, "uploader", code), period_id, code, district_file(code, FIGURES[code]), BEFORE)
    period = store.period(period_id)
    rows = consolidation_rows(latest_submissions(store.submissions(), period_id), None)
    result = consolidate(period, rows, None, {}, "capnhat")
    snapshot_id = store.publish(result.snapshot, [], "capnhat", period_id=period_id)
    published = store.load_snapshot(snapshot_id)
    metrics = district_metrics(published).sort("code")
    installs = dict(zip(metrics["code"].to_list(), metrics["installs"].to_list()))
    assert installs == {
        "080": None, "082": 12_000, "083": 6_500, "084": 3_700, "085": None, "086": None, "087": None,
        "088": None, "089": None,
    }  # fmt: skip
    reported = dict(zip(metrics["code"].to_list(), metrics["categories_reported"].to_list()))
    assert [c for c, r in reported.items() if not r] == ["080", "085", "086", "087", "088", "089"]
    assert published.as_of == AS_OF and published.provenance["period_id"] == period_id
    assert store.period(period_id)["snapshot_id"] == snapshot_id
    with pytest.raises(SubmissionRefused) as refused:  # a published period takes nothing more
        submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    assert refused.value.reason == "period_published"


def test_a_conflict_with_the_province_workbook_must_be_settled_by_a_person(store, period_id):
    submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    province = read_upload([UploadedFile("tinh.xlsx", xlsx_workbook(june_data(), Layout()))]).snapshot
    assert province is not None
    rows = consolidation_rows(latest_submissions(store.submissions(), period_id), province)
    conflicting = {r.code: r.conflicts for r in rows if r.conflicts}
    assert list(conflicting) == ["083"]  # June's 083 row differs from what the district sent
    assert "bluezone.installs" in conflicting["083"]
    with pytest.raises(UnresolvedConflicts):
        consolidate(store.period(period_id), rows, province, {}, "capnhat")
    chosen = consolidate(store.period(period_id), rows, province, {"083": "district"}, "capnhat")
    frame = chosen.snapshot.bluezone
    assert frame.filter(frame["code"] == "083")["installs"].item() == 6_500
    assert frame.filter(frame["code"] == "082")["installs"].item() == 11_460  # June's, from the province file
    assert chosen.snapshot.province.installs == 135_445  # the province's own total, unattributed included
    # June's Văn Bàn row in appendix 3 has no figure: "không có báo cáo" from the province file too, never 0
    assert chosen.sources["089"] == {"bluezone": "province", "qr_points": "province", "qr_categories": None}
    not_reported = [
        (f.params["code"], f.params["table"]) for f in chosen.snapshot.findings if f.code == "district_not_reported"
    ]
    assert not_reported == [("089", "qr_categories")]
    other = consolidate(store.period(period_id), rows, province, {"083": "province"}, "capnhat")
    assert other.snapshot.bluezone.filter(other.snapshot.bluezone["code"] == "083")["installs"].item() == 6_243


def test_the_weekly_period_opens_itself_once(store):
    now = dt.datetime(2021, 6, 29, 10, 0, tzinfo=VIETNAM)
    ensure_current_period(store, now)
    ensure_current_period(store, now + dt.timedelta(hours=1))
    assert [p["as_of"] for p in store.periods()] == ["2021-07-02"]
    assert current_period(store.periods(), now)["as_of"] == "2021-07-02"
    set_schedule(store, Schedule("manual"), "quantri")
    assert schedule_of(store) == Schedule("manual")
    with pytest.raises(PeriodRefused):
        open_period(store, AS_OF, deadline_at(dt.date(2021, 6, 1), 16), "quantri", now)


def test_the_on_time_record_over_periods_oldest_first(store):
    set_schedule(store, Schedule("manual"), "quantri")
    ids = []
    for week in range(3):
        as_of = AS_OF + dt.timedelta(days=7 * week)
        period, _ = open_period(store, as_of, deadline_at(as_of + dt.timedelta(days=2), 16), "quantri", BEFORE)
        ids.append(period)
    submit(store, MUONG_KHUONG, ids[0], "083", district_file("083", FIGURES["083"]), BEFORE)
    week_3 = district_file("083", FIGURES["083"], as_of=AS_OF + dt.timedelta(days=14))
    submit(store, MUONG_KHUONG, ids[2], "083", week_3, AFTER + dt.timedelta(days=20))
    now = AFTER + dt.timedelta(days=30)
    periods, record = on_time_record(store.periods(), store.submissions(), now)
    assert [p["as_of"] for p in periods] == ["2021-06-30", "2021-07-07", "2021-07-14"]
    assert [s.state for s in record["083"]] == ["on_time", "overdue", "late"]  # none published: none missing
    assert [s.state for s in record["089"]] == ["overdue", "overdue", "overdue"]


# --- reminders, through a real SMTP server on 127.0.0.1
def test_reminders_go_to_the_districts_that_have_not_submitted(store, period_id, smtp_sink):
    port, received = smtp_sink
    submit(store, MUONG_KHUONG, period_id, "083", district_file("083", FIGURES["083"]), BEFORE)
    secrets = {
        "lcm_smtp": {"host": "127.0.0.1", "port": port, "security": "none", "sender": "bluezone@laocai.test",
                     "app_url": "http://127.0.0.1:8501"},
        "lcm_district_emails": {"083": ["vp@muongkhuong.test"], "089": "vp@vanban.test", "084": []},
    }  # fmt: skip
    settings = smtp_settings(secrets)
    assert settings is not None
    statuses = period_status(store.period(period_id), store.submissions(), AFTER)
    messages, without = reminder_messages(
        store.period(period_id), statuses, district_recipients(secrets), settings, AFTER
    )
    assert send_messages(settings, messages) == 1
    assert "084" in without and "083" not in without
    (mail,) = received
    assert mail["To"] == "vp@vanban.test"
    assert mail["Subject"] == "[Bluezone Lào Cai] Quá hạn nộp báo cáo kỳ đến ngày 30/6/2021"
    body = mail.get_content()
    assert "Kính gửi Huyện Văn Bàn" in body and "16:00 thứ Sáu, ngày 2/7/2021" in body
    assert "đã qua 3 giờ 0 phút" in body and "http://127.0.0.1:8501/district" in body


def test_no_smtp_configured_means_no_reminders():
    assert smtp_settings({}) is None
    assert smtp_settings({"lcm_smtp": {"host": "mail"}}) is None


# --- the command line: a scripted pipeline submits for its district, and only for it
def cli(store_file, secrets, *args: str, stdin: str = "", process: bool = False) -> subprocess.CompletedProcess:
    """The command in this process (tests.conftest.cli_in_process), or with ``process`` as a process of its own
    (once per command below)."""
    env = {"LCM_STORE": str(store_file), "LCM_SECRETS": str(secrets), "PATH": "/usr/bin:/bin"}
    if os.environ.get("LCM_DATABASE_URL"):
        env["LCM_DATABASE_URL"] = os.environ["LCM_DATABASE_URL"]
    if not process:
        return cli_in_process(env, *args, stdin=stdin)
    return subprocess.run(
        [sys.executable, "-m", "lc_metrics", *args], cwd=ROOT, capture_output=True, text=True, input=stdin, env=env
    )


def test_the_command_line_submits_for_its_own_district_and_refuses_another(store_file, tmp_path):
    secrets = tmp_path / "secrets.toml"
    password = "muong-khuong-2021"
    made = cli(store_file, secrets, "add-user", "mk", "--role", "uploader", "--district", "083", "--password-stdin",
               stdin=password + "\n", process=True)  # fmt: skip
    assert made.returncode == 0, made.stderr
    refused_scope = cli(store_file, secrets, "add-user", "quantri", "--role", "admin", "--district", "083",
                        "--password-stdin", stdin=password + "\n")  # fmt: skip
    assert refused_scope.returncode == 1 and "uploader" in refused_scope.stderr
    opened = cli(store_file, secrets, "periods", "open", "--as-of", "2021-06-30", "--deadline", "2099-07-02 16:00",
                 process=True)  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    own = tmp_path / "083.xlsx"
    own.write_bytes(district_file("083", FIGURES["083"]).data)
    other = tmp_path / "084.xlsx"
    other.write_bytes(district_file("084", FIGURES["084"]).data)
    done = cli(store_file, secrets, "import", str(own), "--district", "083", "--user", "mk", "--period", "2021-06-30",
               stdin=password + "\n", process=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.strip() == "Đã nộp báo cáo của Huyện Mường Khương kỳ đến ngày 30/6/2021 (lần 1, đã nộp đúng hạn)."
    )
    refused = cli(store_file, secrets, "import", str(other), "--district", "084", "--user", "mk",
                  "--period", "2021-06-30", stdin=password + "\n")  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Tài khoản của Huyện Mường Khương không được nộp số liệu của Huyện Si Ma Cai. Không có gì được ghi."
    )
    wrong_password = cli(store_file, secrets, "import", str(own), "--district", "083", "--user", "mk",
                         stdin="sai-mat-khau\n")  # fmt: skip
    assert wrong_password.returncode == 1
    listed = cli(store_file, secrets, "periods", "list")
    assert listed.returncode == 0 and "\t2021-06-30\t1/9\t" in listed.stdout
    store = open_store(str(store_file))
    assert [(s["code"], s["submitted_by"]) for s in store.submissions()] == [("083", "mk")]
    assert "submission_refused" in [e["action"] for e in store.audit_entries()]
    # the province reviews and consolidates from the command line, as the page does
    returned = cli(store_file, secrets, "review", "return", "--district", "083", "--period", "2021-06-30")
    assert returned.returncode == 1  # a return says why
    assert "Ghi rõ lý do trả lại" in returned.stderr
    accepted = cli(store_file, secrets, "review", "accept", "--district", "083", "--period", "2021-06-30",
                   "--by", "capnhat", process=True)  # fmt: skip
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.strip() == "Đã chấp nhận báo cáo lần 1 của Huyện Mường Khương; số liệu đã khóa."
    early = cli(store_file, secrets, "consolidate", "--period", "2021-06-30", "--by", "capnhat")
    assert early.returncode == 1  # before the deadline, eight districts missing: not without confirmation
    assert "Chưa đến hạn nộp" in early.stderr and "8 đơn vị chưa có số liệu được chấp nhận" in early.stderr
    (period,) = [p for p in store.periods() if p["as_of"] == "2021-06-30"]
    assert store.period(period["id"])["snapshot_id"] is None
    published = cli(store_file, secrets, "consolidate", "--period", "2021-06-30", "--accept-warnings",
                    "--by", "capnhat", process=True)  # fmt: skip
    assert published.returncode == 0, published.stderr
    report = store.load_snapshot(store.latest_id())
    assert report.as_of == AS_OF and report.bluezone.filter(pl.col("code") == "083")["installs"].to_list() == [6_500]
    assert store.period(period["id"])["snapshot_id"] == report.id
