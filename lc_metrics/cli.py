"""Command line of the Lào Cai monitoring app.

``python -m lc_metrics export --format json|csv|xlsx|docx|pptx [--out PATH] [--snapshot ID] [--lang vi|en]``
prints a snapshot (json, csv) or writes the attachments officials send (xlsx, docx, pptx need --out);
``python -m lc_metrics import FILE... [--as-of YYYY-MM-DD] [--dry-run] [--accept-warnings] [--carry-over]`` reads,
checks and publishes appendix files (the app's upload pipeline): exit 0 when published (or valid with
--dry-run), 1 on validation errors or unaccepted warnings (messages on stderr, nothing written);
``python -m lc_metrics layouts list|show NAME|export NAME [--out FILE]`` lists, shows and exports the saved table
layouts (TOML, read back by ``import --layout FILE.toml``);
``python -m lc_metrics user add NAME --role uploader|admin [--district CODE] --password-stdin`` adds an account to
the store (salted password hash; ``--district`` makes an uploader of that district only; ``add-user`` is the same),
``user passwd NAME --password-stdin|--one-time`` resets its password (``--one-time`` prints a generated password its
owner changes after signing in), ``user disable|enable NAME`` (disabling ends its sessions at once), ``user list``;
``python -m lc_metrics import FILE --district CODE --user NAME [--period ID|YYYY-MM-DD] [--accept-warnings]``
(password on stdin) submits a district's own figures for a reporting period, as the district's page does;
``python -m lc_metrics periods list|open --as-of D --deadline "D HH:MM"|remind [--period …]`` lists and opens
reporting periods and e-mails reminders (SMTP in the secrets file);
``python -m lc_metrics review --period P --district CODE accept|return [--comment TEXT]`` accepts a district's
latest submission or returns it with a comment, as the consolidation page does;
``python -m lc_metrics consolidate --period P [--province-file FILE] [--choose CODE=district|province]
[--accept-warnings] [--dry-run]`` consolidates a period from its accepted submissions and publishes it, closing
the period, through the same checks and confirmations as the page (``--dry-run`` prints the report it would
publish as JSON, as ``export`` prints a published one).
``python -m lc_metrics targets list|history|set --indicator KEY [--scope province|CODE] --value V --deadline D|remove
--indicator KEY [--scope …]`` lists the targets in force with their status and projection, their history, sets one
(checked: a rate within 0–100%, a rank 1–63, a deadline after today) or takes one out of force.

Every path that publishes or keeps a submission goes through :mod:`lc_metrics.service.intake`.

Uses the same store as the app (``LCM_STORE``), seeded with the embedded report on first use.
Exit codes: 0 done, 1 failed (message on stderr), 2 unusable arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lc_metrics.core.districts import district_name
from lc_metrics.core.formatting import format_date
from lc_metrics.publish import export
from lc_metrics.publish.formats import FORMATS
from lc_metrics.store.store import open_store

EXPORTERS = {"json": export.to_json, "csv": export.to_csv}
BINARY_FORMATS = tuple(FORMATS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lc_metrics", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export_cmd = commands.add_parser("export", help="print or write the latest snapshot with its metrics")
    export_cmd.add_argument("--format", choices=sorted([*EXPORTERS, *BINARY_FORMATS]), default="json")
    export_cmd.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of xlsx/docx/pptx")
    export_cmd.add_argument("--out", type=Path, help="write to this file instead of standard output")
    export_cmd.add_argument("--snapshot", type=int, help="snapshot id (default: the latest published)")
    import_cmd = commands.add_parser("import", help="check and publish appendix files (xlsx, xls, ods, csv)")
    import_cmd.add_argument("files", nargs="+", type=Path, metavar="FILE")
    import_cmd.add_argument("--as-of", type=_date, help="the date the figures are as of (default: read from the files)")
    import_cmd.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    import_cmd.add_argument("--accept-warnings", action="store_true", help="publish even with warnings")
    import_cmd.add_argument(
        "--carry-over",
        action="store_true",
        help="take appendices missing from the files unchanged from the latest report",
    )
    import_cmd.add_argument(
        "--layout",
        type=Path,
        metavar="FILE.toml",
        help="read the tables with this layout (see `layouts export`), before the saved ones",
    )
    import_cmd.add_argument("--by", default=os.environ.get("USER", "cli"), help="who publishes (audit log)")
    import_cmd.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the messages")
    import_cmd.add_argument(
        "--district", metavar="CODE", help="submit one district's own figures (083…) for a reporting period"
    )
    import_cmd.add_argument(
        "--period", metavar="ID|YYYY-MM-DD", help="with --district: the period (its id or as-of date; default: current)"
    )
    import_cmd.add_argument("--user", help="with --district: the account that submits (its password on stdin)")
    import_cmd.add_argument("--comment", help="with --district: the explanation of the warnings confirmed")
    periods_cmd = commands.add_parser("periods", help="reporting periods: list, open by hand, remind by e-mail")
    periods_cmd.add_argument("action", choices=["list", "open", "remind"])
    periods_cmd.add_argument("--as-of", type=_date, help="open: the date the figures are as of")
    periods_cmd.add_argument("--deadline", help="open: the deadline, YYYY-MM-DD HH:MM, Vietnam time")
    periods_cmd.add_argument("--period", metavar="ID|YYYY-MM-DD", help="remind: the period (default: current)")
    periods_cmd.add_argument("--by", default=os.environ.get("USER", "cli"), help="who acts (audit log)")
    periods_cmd.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the messages")
    review_cmd = commands.add_parser("review", help="accept a district's latest submission, or return it")
    review_cmd.add_argument("decision", choices=["accept", "return"])
    review_cmd.add_argument("--period", metavar="ID|YYYY-MM-DD", help="the period (default: current)")
    review_cmd.add_argument("--district", metavar="CODE", required=True, help="the district's code (083…)")
    review_cmd.add_argument("--comment", help="what to correct (required to return)")
    review_cmd.add_argument("--by", default=os.environ.get("USER", "cli"), help="who reviews (audit log)")
    review_cmd.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the messages")
    consolidate_cmd = commands.add_parser(
        "consolidate", help="publish a period's report from its accepted submissions (closes the period)"
    )
    consolidate_cmd.add_argument("--period", metavar="ID|YYYY-MM-DD", help="the period (default: current)")
    consolidate_cmd.add_argument("--province-file", type=Path, metavar="FILE", help="the province's own workbook")
    consolidate_cmd.add_argument(
        "--choose",
        action="append",
        default=[],
        metavar="CODE=district|province",
        help="whose figures to use where a district's differ from the province workbook's (repeat per district)",
    )
    consolidate_cmd.add_argument(
        "--accept-warnings",
        action="store_true",
        help="publish despite the warnings (before the deadline, districts missing or awaiting review…)",
    )
    consolidate_cmd.add_argument(
        "--dry-run", action="store_true", help="check only, write nothing: print the report it would publish (JSON)"
    )
    consolidate_cmd.add_argument("--by", default=os.environ.get("USER", "cli"), help="who publishes (audit log)")
    consolidate_cmd.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the messages")
    targets_cmd = commands.add_parser("targets", help="targets: list them with their status, set or remove one")
    targets_cmd.add_argument("action", choices=["list", "set", "remove", "history"])
    targets_cmd.add_argument(
        "--indicator", help="coverage_pct, population_pct, no_scan_pct, scans_per_point or national_rank"
    )
    targets_cmd.add_argument("--scope", default="province", help="province (default) or a district code (083…)")
    targets_cmd.add_argument("--value", type=float, help="set: the level to reach (a rate in %%, a rank…)")
    targets_cmd.add_argument("--deadline", type=_date, help="set: the date to reach it by (YYYY-MM-DD)")
    targets_cmd.add_argument("--by", default=os.environ.get("USER", "cli"), help="who sets it (audit log)")
    targets_cmd.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the messages")
    layouts_cmd = commands.add_parser("layouts", help="the saved table layouts (how to read a confirmed table)")
    layouts_cmd.add_argument("action", choices=["list", "show", "export"])
    layouts_cmd.add_argument("name", nargs="?", help="layout name or signature (show, export)")
    layouts_cmd.add_argument("--out", type=Path, help="export: write to this file instead of standard output")
    init_cmd = commands.add_parser("init", help="start a new store where one was lost (after a deleted file)")
    init_cmd.add_argument("--seed", action="store_true", help="load the June 2021 report into it")
    backup_cmd = commands.add_parser("backup", help="write a consistent copy of the store (safe while the app runs)")
    backup_cmd.add_argument("target", type=Path, metavar="PATH")
    restore_cmd = commands.add_parser("restore", help="replace the store by a backup (the old one is kept beside it)")
    restore_cmd.add_argument("backup", type=Path, metavar="PATH")
    add_user_cmd = commands.add_parser("add-user", help="add an account to the store (as `user add`)")
    _account_arguments(add_user_cmd)
    user_cmd = commands.add_parser("user", help="accounts in the store: add, passwd, disable, enable, list")
    user_actions = user_cmd.add_subparsers(dest="action", required=True)
    _account_arguments(user_actions.add_parser("add", help="add an uploader or administrator"))
    passwd_cmd = user_actions.add_parser("passwd", help="reset an account's password (its sessions end)")
    passwd_cmd.add_argument("name")
    given = passwd_cmd.add_mutually_exclusive_group(required=True)
    given.add_argument("--password-stdin", action="store_true", help="the new password on standard input")
    given.add_argument("--one-time", action="store_true", help="print a generated one-time password")
    passwd_cmd.add_argument("--by", default=os.environ.get("USER", "cli"), help="who acts (audit log)")
    for action, help_text in (("disable", "disable an account (its sessions end at once)"), ("enable", "enable it")):
        switch_cmd = user_actions.add_parser(action, help=help_text)
        switch_cmd.add_argument("name")
        switch_cmd.add_argument("--by", default=os.environ.get("USER", "cli"), help="who acts (audit log)")
    user_actions.add_parser("list", help="the accounts: name, role, district, state")
    return parser


def _account_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("name", help="user name: lower-case letters, digits, . _ -")
    command.add_argument("--role", choices=["uploader", "admin"], required=True)
    command.add_argument("--district", metavar="CODE", help="an uploader of one district only (its code, e.g. 083)")
    command.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from the first line of standard input (never from arguments)",
    )
    command.add_argument("--by", default=os.environ.get("USER", "cli"), help="who acts (audit log)")


def run_user(args: argparse.Namespace) -> int:
    """``user add|passwd|disable|enable|list`` (and ``add-user``): the accounts in the store."""
    from lc_metrics.core.messages import t
    from lc_metrics.store.auth import AuthError, create_account, reset_password, set_disabled

    action = "add" if args.command == "add-user" else args.action
    store = open_store()
    try:
        if action == "add":
            name = args.name.strip().lower()
            create_account(store, name, args.role, sys.stdin.readline().rstrip("\r\n"), args.by, args.district)
            print(t("cli_account_added", "vi", name=name) + " / " + t("cli_account_added", "en", name=name))
        elif action == "passwd":
            given = None if args.one_time else sys.stdin.readline().rstrip("\r\n")
            password = reset_password(store, args.name, args.by, given)
            print(t("cli_account_password_set", "vi", name=args.name), file=sys.stderr)
            if args.one_time:
                print(password)
        elif action in ("disable", "enable"):
            set_disabled(store, args.name, action == "disable", args.by)
            key = f"cli_account_{action}d"
            print(t(key, "vi", name=args.name) + " / " + t(key, "en", name=args.name))
        else:
            for account in store.accounts():
                state = "disabled" if account["disabled"] else "must_change" if account["must_change"] else "active"
                print(f"{account['name']}\t{account['role']}\t{account['district'] or '-'}\t{state}")
    except AuthError as error:
        key = f"admin_user_error_{error.reason}"
        print(t(key, "vi") + " / " + t(key, "en"), file=sys.stderr)
        return 1
    return 0


def run_targets(args: argparse.Namespace) -> int:
    """``targets list`` (each target in force, its status and projection), ``targets set``, ``targets remove``,
    ``targets history`` (every edit, with who and when)."""
    from lc_metrics.core.formatting import format_timestamp
    from lc_metrics.core.messages import t
    from lc_metrics.metrics import targets

    store = open_store()
    lang = args.lang
    if args.action == "list":
        assessments = targets.assess_store(store, dt.date.today())
        if not assessments:
            print(t("target_none", lang))
        for assessment in assessments:
            target = assessment.target
            print(f"{target.key}\t{targets.target_label(target, lang)}")
            print("\t" + targets.projection_text(assessment, lang))
        return 0
    if args.action == "history":
        for row in store.target_history():
            state = "removed" if row["removed"] else f"{row['direction']} {row['value']:g} {row['deadline']}"
            print(
                f"{row['id']}\t{row['target_key']}\t{state}\t{row['set_by']}\t{format_timestamp(row['set_at'], lang)}"
            )
        return 0
    if args.indicator is None:
        print(t("target_error_indicator", lang, indicator="—"), file=sys.stderr)
        return 2
    if args.action == "remove":
        key = f"{args.indicator}:{args.scope}"
        if not store.remove_target(key, args.by):
            print(t("target_not_found", lang, name=key), file=sys.stderr)
            return 1
        print(t("target_removed_done", lang, label=key))
        return 0
    if args.value is None or args.deadline is None:
        print(
            t(
                "target_error_deadline" if args.value is not None else "target_error_pct",
                lang,
                today=format_date(dt.date.today(), lang),
            ),
            file=sys.stderr,
        )
        return 2
    try:
        target = targets.make_target(args.indicator, args.scope, args.value, args.deadline, dt.date.today())
    except targets.TargetError as error:
        params = {k: v for k, v in error.params.items() if k != "today"}
        print(
            t(f"target_error_{error.code}", lang, today=format_date(dt.date.today(), lang), **params), file=sys.stderr
        )
        return 1
    store.set_target(
        target.indicator, target.scope, target.value, target.deadline.isoformat(), target.direction, args.by
    )
    print(t("target_set_done", lang, label=targets.target_label(target, lang)))
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from error


def _period_of(store: Any, given: str | None, lang: str) -> dict[str, Any] | None:
    """The period named by id or as-of date; the current one when not named (None, message printed)."""
    from lc_metrics.core.messages import t
    from lc_metrics.reporting.board import current_period
    from lc_metrics.reporting.periods import ensure_current_period

    now = dt.datetime.now(dt.UTC)
    ensure_current_period(store, now)
    periods = store.periods()
    if given is None:
        chosen = current_period(periods, now)
    else:
        chosen = next((p for p in periods if given in (str(p["id"]), p["as_of"])), None)
    if chosen is None:
        print(t("cli_no_period", lang, period=given or "—"), file=sys.stderr)
    return chosen


def run_district_import(args: argparse.Namespace) -> int:
    """``import FILE --district CODE --user NAME`` (password on stdin): one district's submission."""
    from lc_metrics.core.districts import district_codes
    from lc_metrics.core.messages import t
    from lc_metrics.intake.importer import UploadedFile
    from lc_metrics.reporting.submissions import SubmissionRefused
    from lc_metrics.service.intake import check_district_file, submit
    from lc_metrics.store.auth import authenticate

    if len(args.files) != 1 or args.district not in district_codes() or not args.user:
        print(t("cli_district_usage", args.lang), file=sys.stderr)
        return 2
    path = args.files[0]
    if not path.is_file():
        print(t("cli_no_such_file", args.lang, path=path), file=sys.stderr)
        return 2
    store = open_store()
    user = authenticate(store, args.user, sys.stdin.readline().rstrip("\r\n"))
    if user is None:
        print(t("cli_sign_in_failed", args.lang), file=sys.stderr)
        return 1
    store.record_sign_in(user.name, True, "cli")
    period = _period_of(store, args.period, args.lang)
    if period is None:
        return 1
    upload = UploadedFile(path.name, path.read_bytes())
    now = dt.datetime.now(dt.UTC)
    check = None
    if user.may_submit_for(args.district):
        check = check_district_file(store, upload, args.district, dt.date.fromisoformat(period["as_of"]))
        _print_findings(check.findings, args.lang)
    if args.dry_run and check is not None:
        return 1 if check.errors else 0
    try:
        done = submit(
            store,
            user,
            period["id"],
            args.district,
            upload,
            now,
            accept_warnings=args.accept_warnings,
            comment=args.comment,
            check=check,
        )
    except SubmissionRefused as refused:
        print(t(f"submission_{refused.reason}", args.lang, **refused.params), file=sys.stderr)
        return 1
    print(
        t(
            "cli_district_submitted",
            args.lang,
            district=district_name(args.district),
            version=done.version,
            as_of=format_date(dt.date.fromisoformat(period["as_of"]), args.lang),
            late=_lowered(t("state_late", args.lang) if done.late else t("state_on_time", args.lang)),
        )
    )
    return 0


def _lowered(text: str) -> str:
    """A label said inside a sentence: its first letter lower-case ("Đã nộp đúng hạn" → "đã nộp đúng hạn")."""
    return text[:1].lower() + text[1:]


def _print_findings(findings: list[Any], lang: str) -> None:
    from lc_metrics.core.messages import describe_finding, t

    for finding in findings:
        print(f"{t(f'severity_{finding.severity}', lang)}: {describe_finding(finding, lang)}", file=sys.stderr)


def run_periods(args: argparse.Namespace) -> int:
    from lc_metrics.core.districts import district_by_code
    from lc_metrics.core.formatting import format_number
    from lc_metrics.core.messages import t
    from lc_metrics.reporting.board import SUBMITTED, period_status
    from lc_metrics.reporting.periods import PeriodRefused, ensure_current_period, open_period
    from lc_metrics.reporting.reminders import claim_batch, district_recipients, send_batch, smtp_settings
    from lc_metrics.reporting.schedule import VIETNAM
    from lc_metrics.reporting.wording import period_label
    from lc_metrics.store.auth import read_secrets

    store = open_store()
    now = dt.datetime.now(dt.UTC)
    if args.action == "list":
        ensure_current_period(store, now)
        submissions = store.submissions()
        for listed in store.periods():
            statuses = period_status(listed, submissions, now)
            done = sum(1 for s in statuses if s.state in SUBMITTED)
            print(f"{listed['id']}\t{listed['as_of']}\t{done}/{len(statuses)}\t{period_label(listed, args.lang)}")
        return 0
    if args.action == "open":
        try:
            deadline = dt.datetime.strptime(args.deadline or "", "%Y-%m-%d %H:%M").replace(tzinfo=VIETNAM)
        except ValueError:
            print(t("cli_deadline_format", args.lang), file=sys.stderr)
            return 2
        if args.as_of is None:
            print(t("cli_deadline_format", args.lang), file=sys.stderr)
            return 2
        try:
            period_id, opened = open_period(store, args.as_of, deadline, args.by, now)
        except PeriodRefused as refused:
            print(t(f"admin_period_{refused.reason}", args.lang), file=sys.stderr)
            return 1
        key = "admin_period_opened" if opened else "admin_period_exists"
        print(f"{period_id}\t" + t(key, args.lang, as_of=format_date(args.as_of, args.lang)))
        return 0
    period = _period_of(store, args.period, args.lang)
    if period is None:
        return 1
    secrets = read_secrets()
    settings = smtp_settings(secrets)
    if settings is None:
        print(t("cli_no_smtp", args.lang), file=sys.stderr)
        return 1
    statuses = period_status(period, store.submissions([period["id"]]), now)
    # the board's rule: a district reminded within the cooldown is not reminded again (one batch, in the
    # foreground here, within the batch's time)
    batch = claim_batch(store, period, statuses, district_recipients(secrets), settings, now, args.by, args.lang)
    send_batch(store, settings, batch)
    if batch.cooling:
        hours = format_number(settings.cooldown_hours, 0 if settings.cooldown_hours.is_integer() else 1, args.lang)
        names = ", ".join(district_by_code(code).name for code in batch.cooling)
        print(t("board_remind_skipped", args.lang, districts=names, hours=hours), file=sys.stderr)
    if batch.without:
        names = ", ".join(district_name(code) for code in batch.without)
        print(t("cli_without_address", args.lang, codes=names), file=sys.stderr)
    if batch.failed:
        errors = sorted({error for error in batch.outcomes.values() if error is not None})
        print(t("board_remind_failed", args.lang, error="; ".join(errors)), file=sys.stderr)
        return 1
    print(t("board_reminded", args.lang, count=batch.sent))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from lc_metrics.core.messages import t
    from lc_metrics.intake.importer import UploadedFile

    if args.district is not None:
        return run_district_import(args)
    files = []
    for path in args.files:
        if not path.is_file():
            print(t("cli_no_such_file", args.lang, path=path), file=sys.stderr)
            return 2
        files.append(UploadedFile(path.name, path.read_bytes()))
    from lc_metrics.reading.layouts import LayoutError, layouts_from_toml

    given = []
    if args.layout is not None:
        try:
            given = layouts_from_toml(args.layout.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, LayoutError) as error:
            print(t("cli_bad_layout", args.lang, path=args.layout, error=error), file=sys.stderr)
            return 2
    from lc_metrics.service.intake import check_upload, publish_upload

    store = open_store()
    result = check_upload(
        store, files, as_of=args.as_of, uploaded_by=args.by, carry_over=args.carry_over, layouts=given
    )
    return _publish_when_ready(
        args,
        result,
        result.snapshot,
        lambda: publish_upload(store, result, args.by, accept_warnings=args.accept_warnings),
    )


def _publish_when_ready(
    args: argparse.Namespace,
    checked: Any,
    snapshot: Any,
    publish: Callable[[], int],
    dry_run_output: Callable[[Any], str] | None = None,
) -> int:
    """The checked report's findings on stderr, then: refused on errors or unaccepted warnings (exit 1), a
    dry run (``dry_run_output`` of the report on stdout, if any), or published through the service."""
    from lc_metrics.core.messages import t
    from lc_metrics.service.intake import IntakeRefused
    from lc_metrics.store.store import StoreWriteError

    _print_findings(checked.findings, args.lang)
    if checked.errors or snapshot is None:
        print(t("cli_import_refused", args.lang, errors=len(checked.errors)), file=sys.stderr)
        return 1
    if checked.warnings and not args.accept_warnings:
        print(t("cli_import_warnings", args.lang, warnings=len(checked.warnings)), file=sys.stderr)
        return 1
    date = format_date(snapshot.as_of, args.lang)
    if args.dry_run:
        if dry_run_output is not None:
            sys.stdout.write(dry_run_output(snapshot) + "\n")
        print(t("cli_import_valid", args.lang, date=date), file=sys.stderr if dry_run_output else sys.stdout)
        return 0
    try:
        snapshot_id = publish()
    except IntakeRefused as refused:
        print(t(f"intake_refused_{refused.reason}", args.lang, **refused.params), file=sys.stderr)
        return 1
    except StoreWriteError as error:
        print(t(f"store_write_{error.reason}", args.lang), file=sys.stderr)
        return 1
    print(t("cli_import_published", args.lang, id=snapshot_id, date=date))
    return 0


def run_review(args: argparse.Namespace) -> int:
    """``review accept|return --district CODE [--period P] [--comment TEXT]``."""
    from lc_metrics.core.messages import t
    from lc_metrics.reporting.consolidation import latest_submissions
    from lc_metrics.service.intake import IntakeRefused, review
    from lc_metrics.store.auth import User

    store = open_store()
    period = _period_of(store, args.period, args.lang)
    if period is None:
        return 1
    latest = latest_submissions(store.submissions([period["id"]]), period["id"]).get(args.district)
    if latest is None:
        print(
            t(
                "cli_review_nothing",
                args.lang,
                district=district_name(args.district),
                as_of=format_date(dt.date.fromisoformat(period["as_of"]), args.lang),
            ),
            file=sys.stderr,
        )
        return 1
    decision = "accepted" if args.decision == "accept" else "returned"
    try:
        review(store, User(args.by, "uploader"), latest["id"], decision, args.comment, dt.datetime.now(dt.UTC))
    except IntakeRefused as refused:
        print(t(f"intake_refused_{refused.reason}", args.lang, **refused.params), file=sys.stderr)
        return 1
    print(t(f"cli_review_{decision}", args.lang, district=district_name(args.district), version=latest["version"]))
    return 0


def run_consolidate(args: argparse.Namespace) -> int:
    """``consolidate [--period P] [--province-file F] [--choose CODE=SOURCE] [--accept-warnings] [--dry-run]``."""
    from lc_metrics.core.messages import t
    from lc_metrics.intake.importer import UploadedFile
    from lc_metrics.service.intake import IntakeRefused, check_consolidation, publish_consolidation

    choices: dict[str, Any] = {}
    for given in args.choose:
        code, _, source = given.partition("=")
        if source not in ("district", "province"):
            print(t("cli_choose_format", args.lang, given=given), file=sys.stderr)
            return 2
        choices[code] = source
    province_file = None
    if args.province_file is not None:
        if not args.province_file.is_file():
            print(t("cli_no_such_file", args.lang, path=args.province_file), file=sys.stderr)
            return 2
        province_file = UploadedFile(args.province_file.name, args.province_file.read_bytes())
    store = open_store()
    period = _period_of(store, args.period, args.lang)
    if period is None:
        return 1
    try:
        check = check_consolidation(
            store, period, dt.datetime.now(dt.UTC), province_file=province_file, choices=choices, actor=args.by
        )
    except IntakeRefused as refused:
        print(t(f"intake_refused_{refused.reason}", args.lang, **refused.params), file=sys.stderr)
        return 1
    return _publish_when_ready(  # --dry-run: the report as it would be published, as `export` prints one
        args,
        check,
        check.snapshot,
        lambda: publish_consolidation(store, check, args.by, accept_warnings=args.accept_warnings),
        export.to_json,
    )


def run_layouts(args: argparse.Namespace) -> int:
    from lc_metrics.reading.layouts import layouts_to_toml

    store = open_store()
    profiles = store.layout_profiles()
    if args.action == "list":
        if not profiles:
            print("Chưa có cách đọc bảng nào được lưu / no saved layout.")
        for entry in profiles:
            print(f"{entry['name']}\t{entry['signature']}\t{entry['saved_by']}\t{entry['saved_at']}")
        return 0
    if not args.name:
        print("Cần tên hoặc chữ ký của cách đọc / a layout name or signature is needed.", file=sys.stderr)
        return 2
    chosen = [e for e in profiles if args.name in (e["name"], e["signature"])]
    if not chosen:
        print(f"Không có cách đọc “{args.name}” / no layout named “{args.name}”.", file=sys.stderr)
        return 1
    text = layouts_to_toml([e["layout"] for e in chosen[:1]])
    if args.action == "show":
        entry = chosen[0]
        print(f"# {entry['name']} — {entry['saved_by']}, {entry['saved_at']}")
        sys.stdout.write(text)
        return 0
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(args.out)
    else:
        sys.stdout.write(text)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from lc_metrics.store.store import Store, backup_store, restore_store, store_location

    if args.command == "backup":
        store = Store(store_location())
        if store.url is not None:
            print(f"Kho dữ liệu là PostgreSQL ({store.path}): sao lưu bằng pg_dump / use pg_dump.", file=sys.stderr)
            return 2
        if not store.path.is_file():
            print(f"Không có kho dữ liệu {store.path} / no store at {store.path}.", file=sys.stderr)
            return 1
        print(backup_store(store, args.target))
        return 0
    if not args.backup.is_file():
        print(f"Không có tệp {args.backup} / no such file.", file=sys.stderr)
        return 2
    try:
        print(restore_store(args.backup, store_location()))
    except ValueError as error:
        print(f"Không khôi phục được / cannot restore: {error}", file=sys.stderr)
        return 1
    return 0


def run_export(args: argparse.Namespace) -> int:
    store = open_store()
    snapshot_id = args.snapshot if args.snapshot is not None else store.latest_id()
    if snapshot_id is None:
        print("Kho dữ liệu chưa có kỳ báo cáo nào / the store holds no report.", file=sys.stderr)
        return 1
    try:
        snapshot = store.load_snapshot(snapshot_id)
    except KeyError:
        print(f"Không có kỳ báo cáo số {snapshot_id} / no snapshot {snapshot_id}.", file=sys.stderr)
        return 1
    if args.format in BINARY_FORMATS:
        if args.out is None:
            print(f"--format {args.format} cần --out TỆP / needs --out FILE.", file=sys.stderr)
            return 2
        from lc_metrics.publish.formats import stored_document

        args.out.write_bytes(
            stored_document(
                store, snapshot_id, args.format, args.lang, warn=lambda message: print(message, file=sys.stderr)
            )
        )
        print(f"{args.out}")
        return 0
    text = EXPORTERS[args.format](snapshot)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "export":
        return run_export(args)
    if args.command in ("add-user", "user"):
        return run_user(args)
    if args.command == "import":
        return run_import(args)
    if args.command == "layouts":
        return run_layouts(args)
    if args.command == "targets":
        return run_targets(args)
    if args.command == "periods":
        return run_periods(args)
    if args.command == "review":
        return run_review(args)
    if args.command == "consolidate":
        return run_consolidate(args)
    if args.command in ("backup", "restore"):
        return run_backup(args)
    if args.command == "init":
        from lc_metrics.store.store import init_store, store_location

        store = init_store(store_location(), args.seed)
        print(f"{store.path}: {len(store.list_snapshots())} kỳ báo cáo / report(s).")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands first
