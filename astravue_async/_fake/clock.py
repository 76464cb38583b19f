"""The fake's time: a base clock plus an offset that tests move forward with ``advance``.

Every timestamp the fake hands out and every expiry it checks uses this clock, so a test can
expire a 30-minute token or run a timer for an hour without waiting.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

__all__ = ["FakeClock", "milliseconds", "to_iso"]


class FakeClock:
    """Seconds since the epoch from ``base`` (default :func:`time.time`) plus an offset."""

    def __init__(self, base: Callable[[], float] | None = None) -> None:
        self._base = time.time if base is None else base
        self._offset = 0.0

    def __call__(self) -> float:
        return float(self._base()) + self._offset

    def advance(self, seconds: float) -> None:
        """Move time forward (never backward: expiries must not come back to life)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise TypeError("seconds must be a number")
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"seconds must be a finite number >= 0, got {seconds!r}")
        self._offset += float(seconds)

    def now(self) -> datetime:
        """The current fake time as an aware UTC datetime (millisecond precision)."""
        moment = datetime.fromtimestamp(self(), UTC)
        # The wire format has milliseconds; keeping more would make durations computed from
        # stored times disagree with durations computed from the serialised ones.
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def to_iso(value: datetime) -> str:
    """An aware datetime in the API's wire form: ISO-8601, UTC, milliseconds, ``Z``."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def milliseconds(span: timedelta) -> int:
    """A duration in whole milliseconds, the API's unit for time entries."""
    return span // timedelta(milliseconds=1)
