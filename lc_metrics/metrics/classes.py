"""Colour classes for maps and charts: class breaks that mean something, colour-blind-safe palettes.

Rates use fixed breaks (the no-scan rate's 50% is the dispatch's alert threshold; coverage uses
5-point bands); counts use "nice" breaks from the data's quantiles. Palettes are ColorBrewer
schemes marked colour-blind safe (Blues, YlOrRd, RdBu). A missing value has its own grey class.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from lc_metrics.core.formatting import format_number
from lc_metrics.metrics.indicators import METRICS_BY_KEY, NO_SCAN_ALERT_PCT

RGB = tuple[int, int, int]

NO_DATA_COLOUR: RGB = (189, 189, 189)

# ColorBrewer (Cynthia Brewer, Penn State), colour-blind-safe schemes, light → dark.
BLUES: dict[int, tuple[RGB, ...]] = {  # Blues (n+1 classes) without its lightest tone: stands out on white
    3: ((158, 202, 225), (49, 130, 189), (8, 81, 156)),
    4: ((189, 215, 231), (107, 174, 214), (49, 130, 189), (8, 81, 156)),
    5: ((198, 219, 239), (158, 202, 225), (107, 174, 214), (49, 130, 189), (8, 81, 156)),
}
YLORRD: dict[int, tuple[RGB, ...]] = {
    3: ((255, 237, 160), (254, 178, 76), (240, 59, 32)),
    4: ((255, 255, 178), (254, 204, 92), (253, 141, 60), (227, 26, 28)),
    5: ((255, 255, 178), (254, 204, 92), (253, 141, 60), (240, 59, 32), (189, 0, 38)),
}
# RdBu (6 classes, its pale middle tone dropped), ordered good (blue) → bad (red): where a threshold
# splits good from bad, two blues below it and three reds above it grade how far past it a district is.
BLUE_TO_RED: tuple[RGB, ...] = ((33, 102, 172), (146, 197, 222), (244, 165, 130), (214, 96, 77), (178, 24, 43))

FIXED_BREAKS: dict[str, tuple[float, ...]] = {
    "coverage_pct": (15.0, 20.0, 25.0, 30.0),
    "population_pct": (10.0, 15.0, 20.0, 25.0),
    "no_scan_pct": (25.0, NO_SCAN_ALERT_PCT, 60.0, 70.0),
    "recorded_pct": (30.0, 40.0, 100.0 - NO_SCAN_ALERT_PCT, 75.0),
    "public_share_pct": (25.0, 50.0, 75.0),
}
# The threshold a map and a chart must make stand out, and which side of it is a problem.
THRESHOLDS: dict[str, tuple[float, str]] = {
    "no_scan_pct": (NO_SCAN_ALERT_PCT, "above"),
    "recorded_pct": (100.0 - NO_SCAN_ALERT_PCT, "below"),
}


def relative_luminance(colour: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background: RGB) -> RGB:
    """Black or white, whichever contrasts more with ``background``: at least 4,58:1 whatever the colour
    (WCAG AA asks 4,5:1 for text)."""
    dark, light = (0, 0, 0), (255, 255, 255)
    return dark if contrast_ratio(dark, background) >= contrast_ratio(light, background) else light


@dataclass(frozen=True)
class Classification:
    """Breaks b1 < b2 < … split values into len(breaks)+1 classes: [lo, b1), [b1, b2), …, [bn, hi].

    For the alert metrics the class boundary sits exactly on the threshold and a value equal to
    the threshold is not an alert ("trên 50%" means > 50), so classes are closed on the right
    there: (…, 50], (50, …).
    """

    metric: str
    breaks: tuple[float, ...]
    colours: tuple[RGB, ...]
    right_closed: bool = False
    percent: bool | None = None  # labels end in "%"; None: as the metric's kind says

    def __post_init__(self) -> None:
        assert len(self.colours) == len(self.breaks) + 1, "one colour per class"
        assert all(a < b for a, b in zip(self.breaks, self.breaks[1:])), "breaks must increase"

    def class_of(self, value: float | None) -> int | None:
        """Index of the value's class, or None for a missing value."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        for index, bound in enumerate(self.breaks):
            if value < bound or (self.right_closed and value == bound):
                return index
        return len(self.breaks)

    def colour_of(self, value: float | None) -> RGB:
        index = self.class_of(value)
        return NO_DATA_COLOUR if index is None else self.colours[index]

    def labels(self, lang: str = "vi") -> list[str]:
        """Legend labels: "< 15%", "15% – 20%", "≥ 30%" (or "≤ 50%" / "> 50%" when right-closed)."""
        spec = METRICS_BY_KEY.get(self.metric)
        percent = self.percent if self.percent is not None else spec is not None and spec.kind == "pct"
        suffix = "%" if percent else ""
        digits = 0 if all(float(b).is_integer() for b in self.breaks) else 1

        def fmt(bound: float) -> str:
            return format_number(bound, digits, lang) + suffix

        low, high = ("≤", ">") if self.right_closed else ("<", "≥")
        if not self.breaks:
            return [""]
        labels = [f"{low} {fmt(self.breaks[0])}"]
        labels += [f"{fmt(a)} – {fmt(b)}" for a, b in zip(self.breaks, self.breaks[1:])]
        labels.append(f"{high} {fmt(self.breaks[-1])}")
        return labels


def roundest_between(low: float, high: float) -> float:
    """The number with the fewest significant digits in (low, high]: (7.964, 11.460] → 10.000."""
    assert low < high, "an empty interval has no number"
    magnitude = math.floor(math.log10(abs(high))) if high else 0
    for exponent in range(magnitude, magnitude - 12, -1):
        for step in (10.0**exponent, 5 * 10.0 ** (exponent - 1), 2 * 10.0 ** (exponent - 1)):
            candidate = math.floor(high / step) * step
            if low < candidate <= high:
                return round(candidate, 10)
    return high


def quantile_breaks(values: Sequence[float], classes: int = 4) -> tuple[float, ...]:
    """Breaks splitting the sorted values into ``classes`` groups of near-equal size, each break a
    round number between two neighbouring values, so that no class is empty (fewer when values repeat)."""
    data = sorted(v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v)))
    breaks: list[float] = []
    for i in range(1, classes):
        start = round(len(data) * i / classes)
        if 0 < start < len(data) and data[start - 1] < data[start]:
            bound = roundest_between(data[start - 1], data[start])
            if not breaks or bound > breaks[-1]:
                breaks.append(bound)
    return tuple(breaks)


def classify(metric: str, values: Sequence[float | None], percent: bool | None = None) -> Classification:
    """The classification for ``metric`` over the given values (district or province values).

    A metric outside the district catalogue (e.g. the national rate) gets quantile classes in blues."""
    spec = METRICS_BY_KEY.get(metric)
    lower_is_better = spec is not None and spec.higher_is_better is False
    if metric in THRESHOLDS:
        breaks = FIXED_BREAKS[metric]
        above = THRESHOLDS[metric][1] == "above"
        # The threshold value itself is not an alert: "trên 50%" is > 50, so for a rate where above is
        # bad the classes close on the right (…, 50], and for one where below is bad on the left [50, …).
        return Classification(
            metric, breaks, BLUE_TO_RED if above else tuple(reversed(BLUE_TO_RED)), right_closed=above
        )
    breaks = FIXED_BREAKS.get(metric) or quantile_breaks([v for v in values if v is not None])
    palette = YLORRD if lower_is_better else BLUES
    count = len(breaks) + 1
    colours = palette[count] if count in palette else palette[3][-count:] if count < 3 else palette[5]
    if count > 5:
        raise ValueError(f"{metric}: at most 5 classes")
    return Classification(metric, tuple(breaks), colours, percent=percent)


def class_counts(classification: Classification, values: Sequence[float | None]) -> tuple[list[int], int]:
    """How many values fall in each class, and how many are missing."""
    counts = [0] * (len(classification.breaks) + 1)
    missing = 0
    for value in values:
        index = classification.class_of(value)
        if index is None:
            missing += 1
        else:
            counts[index] += 1
    return counts, missing


def legend_notes(metric: str, province_value: float | None, lang: str) -> tuple[str | None, str | None]:
    """The lines under a legend: the province value ("Toàn tỉnh: 56,06%") and the alert threshold."""
    from lc_metrics.core.formatting import format_pct
    from lc_metrics.core.messages import t
    from lc_metrics.metrics.indicators import format_metric

    province = (
        None
        if province_value is None
        else t("legend_province", lang, value=format_metric(metric, province_value, lang))
    )
    threshold = None
    if metric in THRESHOLDS:
        value, side = THRESHOLDS[metric]
        threshold = t("legend_threshold", lang, threshold=format_pct(value, 0, lang), side=t(f"threshold_{side}", lang))
    return province, threshold
