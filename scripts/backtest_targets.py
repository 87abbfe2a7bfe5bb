"""Back-test of the targets' projections (lc_metrics/metrics/targets.py): replays the store's report history
and generated weekly series with a known trend, noise and misreports. For each cut-off it projects the date the
target is reached from the reports up to then and compares it with the report that first reached it; prints
the error of the projected date in weeks.

Run: ``.venv/bin/python scripts/backtest_targets.py [--store PATH] [--seeds N]``. The median error it prints for
the generated series is what the pages state as the method's typical error (``TYPICAL_ERROR_WEEKS``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lc_metrics.metrics.targets import (
    INDICATORS,
    TYPICAL_ERROR_WEEKS,
    BacktestPoint,
    Target,
    backtest,
    backtest_summary,
    generated_series,
    reports_of,
    series_from_reports,
)

START = dt.date(2021, 6, 23)
# (name, weekly level, slope a week, noise, outliers): a coverage rising half a point a week, the same with
# misreports, a slow one, and a no-scan rate falling a point a week
SCENARIOS = (
    ("coverage +0,5/week, noise 0,3", 23.25, 0.5, 0.3, 0),
    ("coverage +0,5/week, noise 0,3, 3 misreports", 23.25, 0.5, 0.3, 3),
    ("coverage +0,2/week, noise 0,2", 23.25, 0.2, 0.2, 0),
    ("no-scan −1/week, noise 0,8", 70.0, -1.0, 0.8, 0),
)
WEEKS = 40


def scenario_points(level: float, slope: float, noise: float, outliers: int, seed: int) -> list[BacktestPoint]:
    """The back-test of one generated series: its target is the trend's value at week 30."""
    series = generated_series(START, WEEKS, level, slope, noise, seed, outliers)
    direction = "at_least" if slope > 0 else "at_most"
    target = Target("coverage_pct", "province", level + slope * 30, START + dt.timedelta(weeks=WEEKS), direction)
    return backtest(series, target)


def print_summary(name: str, points: list[BacktestPoint]) -> None:
    s = backtest_summary(points)
    median, p90, mean = s["median_abs_weeks"], s["p90_abs_weeks"], s["mean_weeks"]
    shown = "no date" if median is None else f"median |error| {median:.2f} wk, p90 {p90:.2f} wk, mean {mean:+.2f} wk"
    print(f"{name}: {s['cutoffs']} cut-offs, {s['dated']} dated; {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store to replay (default: LCM_STORE / LCM_DATABASE_URL)")
    parser.add_argument("--seeds", type=int, default=20, help="generated series per scenario")
    args = parser.parse_args(argv)
    everything: list[BacktestPoint] = []
    for name, level, slope, noise, outliers in SCENARIOS:
        points = [p for seed in range(args.seeds) for p in scenario_points(level, slope, noise, outliers, seed)]
        everything += points
        print_summary(name, points)
    print_summary("all generated series", everything)
    print(f"stated typical error (TYPICAL_ERROR_WEEKS): {TYPICAL_ERROR_WEEKS:g} weeks")

    from lc_metrics.store.store import open_store

    store = open_store(args.store)
    reports = reports_of(store)
    print(f"store: {len(reports)} published report(s)")
    for indicator, spec in INDICATORS.items():
        series = series_from_reports(reports, indicator, "province")
        if len(series) < 4 or spec.kind == "rank":
            continue
        # the target: the latest value; what the earlier reports said about when it would be reached
        target = Target(indicator, "province", series[-1][1], series[-1][0] + dt.timedelta(weeks=52), spec.direction)
        print_summary(f"store, {indicator} to its latest level", backtest(series, target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
