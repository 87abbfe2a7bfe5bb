"""The back-test (scripts/backtest_targets.py) holds the projection method to the error the pages state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys

import pytest

from lc_metrics.metrics.targets import (
    TYPICAL_ERROR_WEEKS,
    Target,
    backtest,
    backtest_summary,
    generated_series,
)
from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import open_store
from tests.conftest import ROOT

START = dt.date(2021, 6, 23)


def test_a_straight_line_is_projected_exactly():
    # 20 + 0,5 t without noise; target 35 = week 30: every cut-off from the third report projects week 30
    series = generated_series(START, 40, 20.0, 0.5, 0.0, seed=1)
    target = Target("coverage_pct", "province", 35.0, START + dt.timedelta(weeks=40), "at_least")
    points = backtest(series, target)
    assert len(points) == 28  # cut-offs after reports 3…30 (weeks 2…29)
    assert {p.actual for p in points} == {START + dt.timedelta(weeks=30)}
    assert all(p.error_weeks == pytest.approx(0.0) for p in points)


def test_the_method_keeps_to_its_stated_error_on_a_noisy_known_slope():
    # slope 0,5 a week, noise 0,3, three misreports; twenty seeded series: the median error of the projected
    # date stays within the error the pages state
    points = []
    for seed in range(20):
        series = generated_series(START, 40, 23.25, 0.5, 0.3, seed, outliers=3)
        points += backtest(
            series, Target("coverage_pct", "province", 38.25, START + dt.timedelta(weeks=40), "at_least")
        )
    summary = backtest_summary(points)
    assert summary["cutoffs"] > 500 and summary["dated"] >= 0.99 * summary["cutoffs"]
    assert summary["median_abs_weeks"] <= TYPICAL_ERROR_WEEKS


def test_the_script_replays_the_store(tmp_path, capsys):
    store = open_store(str(tmp_path / "store.sqlite"))
    june = load_report_dir()
    for week in range(1, 5):
        province = dataclasses.replace(june.province, installs=june.province.installs + 2000 * week)
        store.save_snapshot(
            dataclasses.replace(june, as_of=june.as_of + dt.timedelta(weeks=week), province=province), "tinh"
        )
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import backtest_targets
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert backtest_targets.main(["--store", str(tmp_path / "store.sqlite"), "--seeds", "2"]) == 0
    out = capsys.readouterr().out
    assert "store: 5 published report(s)" in out
    assert "store, coverage_pct to its latest level: 2 cut-offs, 2 dated; median |error| 0.00 wk" in out
