"""Command line: ``python -m lc_metrics export --format json|csv [--out PATH] [--snapshot ID]``.

Uses the same store as the app (``LCM_STORE``), seeded with the embedded report on first use.
Exit codes: 0 done, 1 failed (message on stderr), 2 unusable arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lc_metrics import export
from lc_metrics.store import open_store

EXPORTERS = {"json": export.to_json, "csv": export.to_csv}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lc_metrics", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export_cmd = commands.add_parser("export", help="print or write the latest snapshot with its metrics")
    export_cmd.add_argument("--format", choices=sorted(EXPORTERS), default="json")
    export_cmd.add_argument("--out", type=Path, help="write to this file instead of standard output")
    export_cmd.add_argument("--snapshot", type=int, help="snapshot id (default: the latest published)")
    return parser


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
    return 2  # pragma: no cover - argparse rejects unknown commands first
