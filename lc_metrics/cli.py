"""Command line of the Lào Cai monitoring app.

``python -m lc_metrics export --format json|csv|xlsx|docx|pptx [--out PATH] [--snapshot ID] [--lang vi|en]``
prints a snapshot (json, csv) or writes the attachments officials send (xlsx, docx, pptx need --out);
``python -m lc_metrics import FILE... [--as-of YYYY-MM-DD] [--dry-run] [--accept-warnings] [--carry-over]`` reads,
checks and publishes appendix files (the app's upload pipeline): exit 0 when published (or valid with
--dry-run), 1 on validation errors or unaccepted warnings (messages on stderr, nothing written);
``python -m lc_metrics layouts list|show NAME|export NAME [--out FILE]`` lists, shows and exports the saved table
layouts (TOML, read back by ``import --layout FILE.toml``);
``python -m lc_metrics add-user NAME --role uploader|admin --password-stdin`` writes a salted password
hash to the secrets file (``LCM_SECRETS``, default ``.streamlit/secrets.toml``), creating it if absent.

Uses the same store as the app (``LCM_STORE``), seeded with the embedded report on first use.
Exit codes: 0 done, 1 failed (message on stderr), 2 unusable arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

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
    user_cmd = commands.add_parser("add-user", help="add or replace an uploader or administrator")
    user_cmd.add_argument("name", help="user name: lower-case letters, digits, . _ -")
    user_cmd.add_argument("--role", choices=["uploader", "admin"], required=True)
    user_cmd.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from the first line of standard input (never from arguments)",
    )
    return parser


ADD_USER_ERRORS = {
    "bad_name": "Tên đăng nhập không hợp lệ (chữ thường không dấu, số, . _ -; 2–40 ký tự) / invalid user name.",
    "bad_role": "Vai trò phải là uploader hoặc admin / role must be uploader or admin.",
    "short_password": "Mật khẩu cần ít nhất 10 ký tự / the password needs at least 10 characters.",
}


def run_add_user(args: argparse.Namespace) -> int:
    from lc_metrics.store.auth import AuthError, add_user

    password = sys.stdin.readline().rstrip("\r\n")
    try:
        path = add_user(args.name, args.role, password)
    except AuthError as error:
        print(ADD_USER_ERRORS[error.reason], file=sys.stderr)
        return 1
    print(f"Đã ghi tài khoản {args.name.strip().lower()} ({args.role}) vào {path} / user written.")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from error


def run_import(args: argparse.Namespace) -> int:
    from lc_metrics.core.messages import describe_finding, t
    from lc_metrics.intake.importer import UploadedFile, read_upload

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
    store = open_store()
    latest = store.latest_id()
    previous = store.load_snapshot(latest) if latest is not None else None
    earlier = {f.sha256: store.uploads_with_sha256(f.sha256) for f in files}
    result = read_upload(
        files,
        previous=previous,
        as_of=args.as_of,
        uploaded_by=args.by,
        earlier_uploads=earlier,
        carry_over=args.carry_over,
        layouts=[*given, *store.layouts()],
    )
    for finding in result.findings:
        label = t(f"severity_{finding.severity}", args.lang)
        print(f"{label}: {describe_finding(finding, args.lang)}", file=sys.stderr)
    if result.errors or result.snapshot is None:
        print(t("cli_import_refused", args.lang, errors=len(result.errors)), file=sys.stderr)
        return 1
    if result.warnings and not args.accept_warnings:
        print(t("cli_import_warnings", args.lang, warnings=len(result.warnings)), file=sys.stderr)
        return 1
    if args.dry_run:
        print(t("cli_import_valid", args.lang, date=result.snapshot.as_of.isoformat()))
        return 0
    from lc_metrics.store.store import StoreWriteError

    try:
        snapshot_id = store.publish(result.snapshot, [(f.name, f.data) for f in files], args.by)
    except StoreWriteError as error:
        print(t(f"store_write_{error.reason}", args.lang), file=sys.stderr)
        return 1
    print(t("cli_import_published", args.lang, id=snapshot_id, date=result.snapshot.as_of.isoformat()))
    return 0


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
    if args.command == "add-user":
        return run_add_user(args)
    if args.command == "import":
        return run_import(args)
    if args.command == "layouts":
        return run_layouts(args)
    if args.command in ("backup", "restore"):
        return run_backup(args)
    if args.command == "init":
        from lc_metrics.store.store import init_store, store_location

        store = init_store(store_location(), args.seed)
        print(f"{store.path}: {len(store.list_snapshots())} kỳ báo cáo / report(s).")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands first
