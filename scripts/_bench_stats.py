"""The arithmetic of ``scripts/bench.py``'s verdicts: pure functions, tested on their own.

A verdict never rests on one number. Each round measures both sides of a comparison side by
side (interleaved in time slices), so each round gives one paired value (a ratio, or a
difference for import time); the verdict is the median of those values together with their
whole range (min–max). It is PASS only when the whole range clears the target, MISS when the
whole range misses it, and INCONCLUSIVE when the range straddles it: a noisy machine then
says so instead of printing a lucky pass.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Final, Literal

import attrs

__all__ = [
    "INCONCLUSIVE",
    "MISS",
    "NA",
    "PASS",
    "Spread",
    "classify",
    "clears",
    "least_squares_slope",
    "paired",
    "percentile",
    "spread",
]

PASS: Final = "PASS"  # noqa: S105 - a verdict, not a password
MISS: Final = "MISS"
INCONCLUSIVE: Final = "INCONCLUSIVE"
NA: Final = "n/a"

Comparison = Literal[">=", "<=", "<"]


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1); NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def paired(
    numerators: Sequence[float | None],
    denominators: Sequence[float | None],
    *,
    difference: bool = False,
) -> list[float]:
    """Per-round ``num / den`` (or ``num - den``), for rounds where both sides were measured.

    Round ``i`` of one side is paired only with round ``i`` of the other: both ran in the same
    round, interleaved, so machine drift between rounds cancels.
    """
    out: list[float] = []
    for num, den in zip(numerators, denominators, strict=False):
        if not _finite(num) or not _finite(den):
            continue
        assert num is not None and den is not None
        if difference:
            out.append(num - den)
        elif den != 0:
            out.append(num / den)
    return out


@attrs.frozen
class Spread:
    """The median of per-round values and their range."""

    median: float
    low: float
    high: float
    rounds: int


def spread(values: Sequence[float]) -> Spread | None:
    """Median and min–max of ``values`` (None when there are none)."""
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return None
    return Spread(statistics.median(finite), min(finite), max(finite), len(finite))


def clears(value: float, comparison: Comparison, threshold: float) -> bool:
    """Whether one value meets ``value <comparison> threshold``."""
    if comparison == ">=":
        return value >= threshold
    if comparison == "<=":
        return value <= threshold
    return value < threshold


def classify(found: Spread | None, comparison: Comparison, threshold: float) -> str:
    """PASS if the whole range clears the target, MISS if all of it misses, else INCONCLUSIVE.

    ``n/a`` when nothing was measured.
    """
    if found is None:
        return NA
    low_ok = clears(found.low, comparison, threshold)
    high_ok = clears(found.high, comparison, threshold)
    if low_ok and high_ok:
        return PASS
    if not low_ok and not high_ok:
        return MISS
    return INCONCLUSIVE


def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Slope of the least-squares line through the points (None for fewer than two xs)."""
    if len(xs) != len(ys) or len(set(xs)) < 2:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mean_x) ** 2 for x in xs)
    return num / den
