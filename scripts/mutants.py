"""One-line mutations of the rules that matter most; each must make a test fail ("killed"). A mutant that
survives means the suite would not notice that mistake. Run: ``make mutants`` (also part of ``make test``).

Each mutant replaces one exact line fragment in one file (it must occur exactly once) and runs the tests
named for it. The mutants run ``--jobs`` at a time (default: one per CPU), each in a copy of the working tree
of its own (a temporary folder, with ``../shared`` linked beside it), so the tree itself is never touched; a
copy's file is put back after each mutant whatever happens. Prints a line per mutant and a total; exits 1 if
any mutant survived."""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    original: str
    mutated: str
    tests: tuple[str, ...]


MUTANTS = (
    Mutant(
        "a worklist file half right records the rows that are right",
        "lc_metrics/service/registers.py",
        '    if problems:\n        raise RegisterRefused("reply_has_errors"',
        '    if False:\n        raise RegisterRefused("reply_has_errors"',
        ("tests/test_worklist_reply.py::test_one_wrong_row_records_nothing",),
    ),
    Mutant(
        "a register's report published without its warnings accepted",
        "lc_metrics/service/intake.py",
        "    snapshot = _ready(check, check.snapshot, accept_warnings)\n"
        "    return int(store.publish(snapshot, [store.register_content(",
        "    snapshot = _ready(check, check.snapshot, True)\n"
        "    return int(store.publish(snapshot, [store.register_content(",
        ("tests/test_intake_service.py::test_a_report_from_the_register_gets_the_checks_and_keeps_appendix_1",),
    ),
    Mutant(
        "a district's pending (not accepted) version is consolidated",
        "lc_metrics/service/intake.py",
        'accepted = {code: s for code, s in latest.items() if s.get("review") == "accepted"}',
        "accepted = latest",
        ("tests/test_intake_service.py::test_the_latest_version_is_consolidated_once_accepted",),
    ),
    Mutant(
        "a returned report may not be corrected after the deadline",
        "lc_metrics/service/intake.py",
        'if last is not None and now > deadline and last.get("review") != "returned":',
        "if last is not None and now > deadline:",
        ("tests/test_intake_service.py::test_the_latest_version_is_consolidated_once_accepted",),
    ),
    Mutant(
        "a report is compared with the one it replaces (same date), not the one before",
        "lc_metrics/service/intake.py",
        'if e["as_of"] < as_of',
        'if e["as_of"] <= as_of',
        ("tests/test_intake_service.py::test_the_previous_report_is_the_one_before_the_new_reports_date",),
    ),
    Mutant(
        "a consolidation skips the checks an upload gets",
        "lc_metrics/service/intake.py",
        "findings.extend(report_checks(snapshot, report_history(store, as_of)))",
        "pass",
        ("tests/test_intake_service.py::test_a_consolidation_gets_the_checks_an_upload_gets",),
    ),
    Mutant(
        "notes about how the files were read kept with the published report",
        "lc_metrics/intake/importer.py",
        'if f.severity != "error" and f.code not in UPLOAD_ONLY',
        'if f.severity != "error"',
        ("tests/test_intake_service.py::test_reading_notes_about_the_upload_are_not_kept_with_the_published_report",),
    ),
    Mutant(
        "the province total 'falls while the districts rise' judged on districts missing from one report",
        "lc_metrics/intake/importer.py",
        "if stated and p_now < p_before and rose_to > rose_from:",
        "if stated and p_now < p_before and s_now > s_before:",
        ("tests/test_intake_service.py::test_the_province_total_falls_only_against_districts_reported_in_both",),
    ),
    Mutant(
        "a total taken from the districts said to fall",
        "lc_metrics/intake/importer.py",
        "if stated and p_now < p_before and rose_to > rose_from:",
        "if p_now < p_before and rose_to > rose_from:",
        ("tests/test_intake_service.py::test_a_total_taken_from_the_districts_is_not_said_to_fall",),
    ),
    Mutant(
        "every point never scanned (no-scan equal to points) refused",
        "lc_metrics/intake/importer.py",
        "if points is not None and no_scan is not None and no_scan > points:",
        "if points is not None and no_scan is not None and no_scan >= points:",
        ("tests/test_intake_service.py::test_never_scanned_points_may_equal_the_points_but_not_exceed_them",),
    ),
    Mutant(
        "a district's account may submit for any district",
        "lc_metrics/store/auth.py",
        "return self.district == code if self.district is not None else self.role in ROLES",
        "return self.role in ROLES",
        ("tests/test_reporting.py::test_a_district_account_cannot_submit_for_another_district",),
    ),
    Mutant(
        "a first submission after the deadline counts as on time",
        "lc_metrics/reporting/board.py",
        'state: State = "late" if times[0] > deadline or unasked else "on_time"',
        'state: State = "late" if unasked else "on_time"',
        ("tests/test_reporting.py::test_the_board_states_from_submissions_and_the_deadline",),
    ),
    Mutant(
        "a published period's district that never sent shown as still due",
        "lc_metrics/reporting/board.py",
        'return DistrictStatus(code, "missing" if closed else "overdue" if now > deadline else "due")',
        'return DistrictStatus(code, "overdue" if now > deadline else "due")',
        ("tests/test_board.py",),
    ),
    Mutant(
        "a district that did not report becomes 0 in the consolidated report",
        "lc_metrics/reporting/consolidation.py",
        "empty: dict[str, Any] = {name: None for name in fields}",
        "empty: dict[str, Any] = {name: 0 for name in fields}",
        ("tests/test_reporting.py::test_consolidation_publishes_with_missing_districts_null_never_zero",),
    ),
    Mutant(
        "overview chart: the lowest districts not emphasised",
        "lc_metrics/publish/status.py",
        'return {r["code"] for r in ranked[:LAGGARDS]}',
        "return set()",
        ("tests/test_status.py",),
    ),
    Mutant(
        "tile diagram: two districts may share a tile",
        "geo/tiles.py",
        "if code not in cells and cell not in taken:",
        "if code not in cells:",
        ("tests/test_status.py",),
    ),
    Mutant(
        "tile picture: labels never shrunk to fit their tile",
        "geo/render.py",
        "        if not too_wide or size < 8 * scale:",
        "        if True:",
        ("tests/test_status.py",),
    ),
    Mutant(
        "map labels: every label kept on its point, whatever it covers",
        "geo/labels.py",
        "            if _clear(box, placed, gap):",
        "            if True:",
        ("tests/test_picture_labels.py::test_the_june_maps_keep_their_labels_apart",),
    ),
    Mutant(
        "no-scan alert at 50% itself (> becomes >=)",
        "lc_metrics/metrics/indicators.py",
        'no_scan_alert=pl.col("no_scan_pct") > NO_SCAN_ALERT_PCT',
        'no_scan_alert=pl.col("no_scan_pct") >= NO_SCAN_ALERT_PCT',
        ("tests/test_rules.py",),
    ),
    Mutant(
        "province no-scan from district sums, not the reported total",
        "lc_metrics/metrics/indicators.py",
        'no_scan = p.qr_points_no_scan if p.qr_points_no_scan is not None else sums["qr_points_no_scan"]',
        'no_scan = sums["qr_points_no_scan"]',
        ("tests/test_rules.py",),
    ),
    Mutant(
        "a comma count always 'confirmed' by the rate",
        "lc_metrics/reading/appendix.py",
        "confirmed = round_rate(computed, printed.decimals) == round_half_up(printed.value, printed.decimals)",
        "confirmed = True",
        ("tests/test_rules.py",),
    ),
    Mutant(
        "spreadsheet formula neutralisation removed",
        "lc_metrics/core/formatting.py",
        """return "'" + text if text.startswith(FORMULA_PREFIXES) else text""",
        "return text",
        ("tests/test_rules.py",),
    ),
    Mutant(
        "formula neutralisation of a whole column checks only the last prefix",
        "lc_metrics/core/formatting.py",
        "starts = starts | column.str.starts_with(prefix)",
        "starts = column.str.starts_with(prefix)",
        ("tests/test_rules.py",),
    ),
    Mutant(
        "rates rounded half-even instead of half-up",
        "lc_metrics/core/formatting.py",
        "quantize(quantum, rounding=ROUND_HALF_UP, context=_WIDE)",
        "quantize(quantum, context=_WIDE)",  # the context's own rounding: half-even
        ("tests/test_dispatch_figures.py",),
    ),
    Mutant(
        "coverage over population instead of smartphones",
        "lc_metrics/metrics/indicators.py",
        'coverage_pct=_pct("installs", "smartphones")',
        'coverage_pct=_pct("installs", "population")',
        ("tests/test_dispatch_figures.py",),
    ),
    # targets (lc_metrics/metrics/targets.py): the robust pace and the rank a figure buys
    Mutant(
        "least squares instead of the robust (Theil–Sen) pace of a target",
        "lc_metrics/metrics/targets.py",
        "    slope = statistics.median(slopes)",
        "    slope = statistics.linear_regression([x for x, _ in points], [y for _, y in points]).slope",
        ("tests/test_targets.py::test_the_robust_slope_ignores_an_outlier",),
    ),
    Mutant(
        "a rank bought by passing the province below the one to equal",
        "lc_metrics/metrics/targets.py",
        "        other = others[rank - 1]",
        "        other = others[rank]",
        ("tests/test_targets.py::test_what_it_takes_to_climb_a_hand_made_national_table",),
    ),
    Mutant(
        "bare addresses left to become links",
        "lc_app/markdown_text.py",
        "return _AUTOLINK.sub(",
        "return escaped or _AUTOLINK.sub(",
        ("tests/test_layers.py::test_bare_addresses_never_become_links",),
    ),
    Mutant(
        "a cumulative count equal to the previous report's flagged as a fall",
        "lc_metrics/intake/history_checks.py",
        "if field in CUMULATIVE_FIELDS and value < old:",
        "if field in CUMULATIVE_FIELDS and value <= old:",
        ("tests/test_history_checks.py::test_a_cumulative_count_falls_only_when_strictly_lower",),
    ),
    Mutant(
        "outliers judged on the level of a cumulative count, not its weekly change",
        "lc_metrics/intake/history_checks.py",
        "median, mad, score = modified_z_score(change, changes)",
        "median, mad, score = modified_z_score(value, [e.value for e in series])",
        ("tests/test_history_checks.py::test_the_modified_z_score_of_the_weekly_change",),
    ),
    Mutant(
        "public + state-agency points equal to the points flagged",
        "lc_metrics/intake/history_checks.py",
        "if public + state > points and (wanted is None or code in wanted):",
        "if public + state >= points and (wanted is None or code in wanted):",
        ("tests/test_history_checks.py::test_public_and_state_points_at_most_the_check_in_points",),
    ),
    Mutant(
        "a changed password keeps the session",
        "lc_metrics/store/auth.py",
        'if credential_fingerprint(account["password_hash"]) != row["credential"]',
        "if False",
        ("tests/test_sessions.py::test_a_session_ends",),
    ),
    Mutant(
        "a deployment hashes passwords at the tests' low work",
        "lc_metrics/store/auth.py",
        'return LOW_WORK if os.environ.get(LOW_WORK_ENV) == "1" else',
        "return LOW_WORK if True else",
        ("tests/test_auth_admin.py::test_a_deployment_hashes_at_the_owasp_setting_and_upgrades_the_tests_low_work",),
    ),
    Mutant(
        "a disabled account still signs in",
        "lc_metrics/store/auth.py",
        'usable = account is not None and not account["disabled"]',
        "usable = account is not None",
        ("tests/test_accounts.py::test_a_disabled_account_is_signed_out_at_once_and_cannot_sign_in",),
    ),
    Mutant(
        "a district's account sees the province's original files",
        "lc_app/history.py",
        'return user is not None and user.can("uploader")',
        "return user is not None",
        ("tests/test_visibility.py::test_each_cell_of_the_table",),
    ),
    Mutant(
        "sign-in throttle one failure later",
        "lc_metrics/store/auth.py",
        "if failures < MAX_FAILURES:",
        "if failures <= MAX_FAILURES:",
        (
            "tests/test_auth_admin.py::test_wrong_passwords_are_throttled_and_logged",
            "tests/test_auth_admin.py::test_another_address_signs_in_while_an_attacker_waits",
        ),
    ),
    Mutant(
        "sign-in attempts counted outside a write transaction (simultaneous guesses slip past)",
        "lc_metrics/store/store.py",
        "with self.connect(write=True) as conn:\n            counts: dict[str, Any] = {}",
        "with self.connect() as conn:\n            counts: dict[str, Any] = {}",
        ("tests/test_sign_in_throttle.py::test_forty_simultaneous_guesses_from_one_address_check_at_most_the_limit",),
    ),
    Mutant(
        "no sign-in limit per account (rotating addresses)",
        "lc_metrics/store/auth.py",
        "if failures < ACCOUNT_FREE_FAILURES:",
        "if True:",
        ("tests/test_sign_in_throttle.py::test_rotating_addresses_against_one_account_are_bounded",),
    ),
    Mutant(
        "the owner delayed with the attacker",
        "lc_metrics/store/auth.py",
        'if counts["known"] or owner_session:',
        "if False:",
        ("tests/test_sign_in_throttle.py::test_the_owner_signs_in_during_an_attack",),
    ),
    Mutant(
        "clients without an address share one throttle key",
        "lc_metrics/store/auth.py",
        "return ANONYMOUS_PREFIX + (anonymous_id or secrets.token_hex(8))[:48]",
        'return "unknown"',
        ("tests/test_sign_in_throttle.py::test_clients_without_an_address_do_not_lock_each_other_out",),
    ),
    Mutant(
        "X-Forwarded-For believed from any peer",
        "lc_app/web.py",
        "    if not is_trusted_proxy(peer, proxies):\n        return peer",
        "    if False:\n        return peer",
        ("tests/test_forwarded_client.py::test_the_rule_for_forwarded_addresses",),
    ),
    Mutant(
        "framework metrics open to every address",
        "lc_app/web.py",
        'endswith(LOCAL_ONLY_PATHS) and not _loopback(scope.get("client")):',
        "endswith(LOCAL_ONLY_PATHS) and False:",
        ("tests/test_sessions.py::test_metrics_answer_the_machine_only",),
    ),
    Mutant(
        "a point with one scan counted as never scanned (register)",
        "lc_metrics/metrics/points.py",
        '(pl.col("scans_total") == 0).sum().cast(pl.Int64).alias("no_scan")',
        '(pl.col("scans_total") <= 1).sum().cast(pl.Int64).alias("no_scan")',
        ("tests/test_points.py::test_appendix_2_per_district",),
    ),
    Mutant(
        "a district without points in the register taken for 0",
        "lc_metrics/metrics/points.py",
        'keys.join(two, on="code", how="left")',
        'keys.join(two, on="code", how="left").fill_null(0)',
        ("tests/test_points.py",),
    ),
    Mutant(
        "a figure only the typed report has is not named",
        "lc_metrics/metrics/points.py",
        "if register != typed_value:",
        "if register != typed_value and register is not None:",
        ("tests/test_points.py",),
    ),
    Mutant(
        "a guided point verified without new scans",
        "lc_metrics/metrics/worklist.py",
        'scanned = (pl.col("_after") > pl.col("_before").fill_null(0))',
        'scanned = (pl.col("_after") >= pl.col("_before").fill_null(0))',
        ("tests/test_worklist.py",),
    ),
    Mutant(
        "a removed point gone from the next register is not verified",
        "lc_metrics/metrics/worklist.py",
        '.then(pl.lit("verified_removed"))',
        '.then(pl.lit("reopened"))',
        ("tests/test_worklist.py",),
    ),
    Mutant(
        "a register judges what a district did after its export's date",
        "lc_metrics/metrics/worklist.py",
        'too_late = _vietnam_day("at") > pl.lit(next_as_of)',
        'too_late = _vietnam_day("at") > pl.lit(next_as_of + dt.timedelta(days=30))',
        ("tests/test_worklist.py",),
    ),
    Mutant(
        "an action after the next register's date is not carried to it",
        "lc_metrics/metrics/worklist.py",
        "own = pl.concat([carried, own]) if carried.height else own",
        "own = own",
        ("tests/test_worklist.py",),
    ),
    Mutant(
        "a register's headers read without the uploader's mapping",
        "lc_metrics/reading/register.py",
        "chosen = _WORDINGS.get().get(fold(text))",
        "chosen = None",
        ("tests/test_register_mapping.py",),
    ),
    Mutant(
        "state agencies not first in a worklist",
        "lc_metrics/core/point_register.py",
        "KINDS: tuple[str, ...] = (STATE_KIND, *PUBLIC_KINDS)",
        "KINDS: tuple[str, ...] = (*PUBLIC_KINDS, STATE_KIND)",
        ("tests/test_worklist.py",),
    ),
    Mutant(
        "the board counts actions after 14 days",
        "lc_metrics/metrics/worklist.py",
        "limit = as_of + dt.timedelta(days=WINDOW_DAYS)",
        "limit = as_of + dt.timedelta(days=WINDOW_DAYS + 1)",
        ("tests/test_worklist.py",),
    ),
    Mutant(
        "a district records actions on another district's points",
        "lc_metrics/service/registers.py",
        "if not user.may_submit_for(code):",
        "if False:",
        ("tests/test_worklist.py::test_a_district_records_actions_on_its_own_points_only[sqlite]",),
    ),
    Mutant(
        "a register with errors is kept",
        "lc_metrics/service/registers.py",
        "    if errors:",
        "    if False:",
        ("tests/test_worklist.py::test_a_register_with_errors_or_from_a_district_writes_nothing[sqlite]",),
    ),
    Mutant(
        "a commune of another district of Lào Cai accepted as unknown, not named",
        "lc_metrics/reading/register.py",
        "elsewhere = [d for d in districts_with_commune(value) if d != district_code]",
        "elsewhere = []",
        ("tests/test_register_reader.py::test_a_commune_of_another_district",),
    ),
    Mutant(
        "a duplicated point code let through",
        "lc_metrics/reading/register.py",
        "if distinct_hashes.result() < codes.len():",
        "if False:",
        ("tests/test_register_reader.py::test_a_duplicated_code_names_both_rows",),
    ),
    Mutant(
        "Vietnamese thousands (1.234) refused as not a count",
        "lc_metrics/reading/register.py",
        r'_COUNT_PATTERN = r"^-?(?:\d{1,3}(?:[.\u00a0 ]\d{3})+|\d+)$"',
        r'_COUNT_PATTERN = r"^-?(?:\d+)$"',
        ("tests/test_register_reader.py::test_vietnamese_thousands_are_read",),
    ),
    Mutant(
        "a short row in the middle of a register read with nulls",
        "lc_metrics/reading/register.py",
        "if surplus == 0 or (",
        "if True or (",
        ("tests/test_register_reader.py::test_a_broken_row_in_the_middle_is_named",),
    ),
)


# not copied: version control, the virtualenv, caches, artefacts, and the app's data written at run time
_NOT_COPIED_NAMES = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"}
_NOT_COPIED_PATHS = {
    ".streamlit/secrets.toml",
    "artifacts",
    "tests/axe/node_modules",
    "data/store",
    "data/boundaries",
    "data/serve",
}


def _not_copied(directory: str, names: list[str]) -> set[str]:
    here = Path(directory).relative_to(ROOT)
    return {n for n in names if n in _NOT_COPIED_NAMES or (here / n).as_posix() in _NOT_COPIED_PATHS}


def copy_tree(folder: Path) -> Path:
    """A copy of the working tree at ``folder/tree`` with ``folder/shared`` linked to the real ../shared (the
    dispatch and boundary files the tests read) and axe-core linked if installed; returns the copy's root."""
    tree = folder / "tree"
    shutil.copytree(ROOT, tree, ignore=_not_copied, symlinks=True)
    shared = ROOT.parent / "shared"
    if shared.exists():
        (folder / "shared").symlink_to(shared.resolve(), target_is_directory=True)
    axe = ROOT / "tests" / "axe" / "node_modules"
    if axe.exists():
        (tree / "tests" / "axe" / "node_modules").symlink_to(axe.resolve(), target_is_directory=True)
    return tree


def check_fragment(mutant: Mutant, root: Path = ROOT) -> str:
    """The file's text; stops the run when the fragment does not occur exactly once."""
    original = (root / mutant.path).read_text(encoding="utf-8")
    count = original.count(mutant.original)
    if count != 1:
        raise SystemExit(f"{mutant.name}: the fragment occurs {count} times in {mutant.path} (must be once)")
    return original


def run(mutant: Mutant, root: Path = ROOT) -> tuple[bool, float]:
    """(killed, seconds) for one mutant in the tree at ``root``, its tests in a new Python process; the file
    is restored in every case."""
    path = root / mutant.path
    original = check_fragment(mutant, root)
    started = time.perf_counter()
    try:
        path.write_text(original.replace(mutant.original, mutant.mutated), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pytest", *PYTEST_ARGS, *mutant.tests],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    finally:
        path.write_text(original, encoding="utf-8")
    return result.returncode != 0, time.perf_counter() - started


PYTEST_ARGS = ("-x", "-q", "-p", "no:cacheprovider")
# Imported once by the runner before it forks a child per mutant (each child would spend ~1 s on them);
# never the project's own modules, which each child imports from its tree, mutated; nor Polars: its import
# starts its thread pool, which a forked child would not have (its first parallel query would wait forever).
PRELOADED = (
    "numpy", "pandas", "pyarrow", "shapely", "pyproj", "geopandas", "pydeck", "openpyxl", "python_calamine",
    "docx", "pptx", "PIL", "streamlit", "streamlit.testing.v1", "hypothesis", "pytest", "playwright.sync_api",
    "psycopg",
)  # fmt: skip
NOT_PRELOADED = ("lc_metrics", "tests", "geo", "polars")


def _preload() -> None:
    """Imports PRELOADED and the plugins pytest loads at its start (their entry points: anyio's alone costs a
    child 0,3 s), then moves every object so far out of the collector's reach (``gc.freeze``): each child's
    pytest collects garbage five times on leaving, 0,55 s over the preloaded heap (and a collection writes to
    every page it walks, undoing what the fork shared)."""
    import gc
    import importlib
    import importlib.metadata

    names = [*PRELOADED, *(entry.module for entry in importlib.metadata.entry_points(group="pytest11"))]
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    leaked = [name for name in NOT_PRELOADED if name in sys.modules]
    if leaked:  # a child would test the parent's copy, not its mutated tree; or wait on Polars' threads
        raise SystemExit(f"preloading imported what each child must import itself: {leaked}")
    gc.collect()
    gc.freeze()


def _child(mutant: Mutant, root: Path) -> None:
    """In the forked child: the mutant's tests in the tree at ``root``; never returns."""
    code = 1
    try:
        os.chdir(root)
        sys.path.insert(0, str(root))
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        sys.dont_write_bytecode = True
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        import pytest

        code = int(pytest.main([*PYTEST_ARGS, *mutant.tests]))
    finally:
        os._exit(code)


def run_forked(mutants: tuple[Mutant, ...], trees: list[Path], report: Callable[[Mutant, bool, float], None]) -> None:
    """Every mutant, ``len(trees)`` at a time, each in a child forked from this process (its modules imported
    once, see PRELOADED) working in a tree of its own; ``report(mutant, killed, seconds)`` as each ends. The
    runner has no other thread (a fork copies only the calling one)."""
    _preload()
    waiting = list(mutants)
    free = list(trees)
    running: dict[int, tuple[Mutant, Path, str, float]] = {}
    while waiting or running:
        while waiting and free:
            mutant, tree = waiting.pop(0), free.pop()
            original = check_fragment(mutant, tree)
            (tree / mutant.path).write_text(original.replace(mutant.original, mutant.mutated), encoding="utf-8")
            started = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                _child(mutant, tree)
            running[pid] = (mutant, tree, original, started)
        pid, status = os.wait()
        mutant, tree, original, started = running.pop(pid)
        (tree / mutant.path).write_text(original, encoding="utf-8")
        free.append(tree)
        report(mutant, os.waitstatus_to_exitcode(status) != 0, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="mutants at a time")
    parser.add_argument(
        "--no-fork", action="store_true", help="start a new Python for each mutant (slower; where fork is missing)"
    )
    args = parser.parse_args(argv)
    jobs = max(1, args.jobs)
    for mutant in MUTANTS:
        check_fragment(mutant)  # every fragment checked before any copy is made
    started = time.perf_counter()
    survivors = []

    def report(mutant: Mutant, killed: bool, seconds: float) -> None:
        print(f"{'killed  ' if killed else 'SURVIVED'}  {seconds:5.1f} s  {mutant.name}  ({mutant.path})")
        sys.stdout.flush()
        if not killed:
            survivors.append(mutant.name)

    with tempfile.TemporaryDirectory(prefix="lcm-mutants-") as scratch:
        folders = [Path(scratch) / str(number) for number in range(min(jobs, len(MUTANTS)))]
        for folder in folders:
            folder.mkdir()
        copies = [copy_tree(folder) for folder in folders]
        if hasattr(os, "fork") and not args.no_fork:
            run_forked(MUTANTS, copies, report)
        else:
            trees: queue.Queue[Path] = queue.Queue()
            for tree in copies:
                trees.put(tree)

            def one(mutant: Mutant) -> tuple[Mutant, bool, float]:
                tree = trees.get()
                try:
                    return (mutant, *run(mutant, tree))
                finally:
                    trees.put(tree)

            with ThreadPoolExecutor(max_workers=jobs) as pool:
                for mutant, killed, seconds in pool.map(one, MUTANTS):
                    report(mutant, killed, seconds)
    elapsed = time.perf_counter() - started
    mode = "forked" if hasattr(os, "fork") and not args.no_fork else "a new Python each"
    print(f"{len(MUTANTS) - len(survivors)}/{len(MUTANTS)} mutants killed ({jobs} at a time, {mode}, {elapsed:.0f} s)")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
