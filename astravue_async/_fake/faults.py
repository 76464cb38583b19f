"""Injected failures for API requests: error statuses, delays, dropped connections, HTML pages.

Faults apply to API requests only (paths under ``/v1``), never to the token endpoint, so a
test of the API's retry behaviour is not disturbed by the refreshes it may trigger.
"""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass

__all__ = ["FailRule", "Faults", "normalise_path"]


def normalise_path(path: str) -> str:
    """A path relative to the API base (``/v1/tasks/`` and ``/tasks`` both give ``/tasks``)."""
    path = path.rstrip("/") or "/"
    if path == "/v1" or path.startswith("/v1/"):
        path = path[3:] or "/"
    return path


@dataclass
class FailRule:
    """Answer the next ``remaining`` matching requests with ``status``."""

    remaining: int
    status: int
    retry_after: float | None
    method: str | None
    path: str | None

    def matches(self, method: str, path: str, template: str | None) -> bool:
        """Whether a request (method, relative path, operation's path template) is targeted."""
        if self.method is not None and self.method != method:
            return False
        return self.path is None or self.path in (path, template)


class Faults:
    """The pending faults; every ``take_*`` consumes one when it applies."""

    def __init__(self) -> None:
        self.rules: list[FailRule] = []
        self.delay = 0.0
        self.drops = 0
        self.html: deque[int] = deque()
        self.fail_rate = 0.0
        self.fail_rate_status = 503
        # Not for security: a reproducible stream of "does this request fail" decisions.
        self._random = random.Random()  # noqa: S311

    def fail_next(
        self,
        n: int,
        status: int,
        retry_after: float | None,
        method: str | None,
        path: str | None,
    ) -> None:
        """Queue a :class:`FailRule` (rules are consumed in the order they were added)."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be a positive int, got {n!r}")
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status (400-599), got {status!r}")
        if retry_after is not None and (not math.isfinite(retry_after) or retry_after < 0):
            raise ValueError(f"retry_after must be a number >= 0, got {retry_after!r}")
        self.rules.append(
            FailRule(
                remaining=n,
                status=status,
                retry_after=retry_after,
                method=None if method is None else method.upper(),
                path=None if path is None else normalise_path(path),
            )
        )

    def take_failure(self, method: str, path: str, template: str | None) -> FailRule | None:
        """The first rule matching this request, consumed once; None if no rule applies."""
        for rule in self.rules:
            if rule.matches(method, path, template):
                rule.remaining -= 1
                if rule.remaining == 0:
                    self.rules.remove(rule)
                return rule
        return None

    def set_delay(self, seconds: float) -> None:
        """Sleep this long before answering every later API request (0: no delay)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise TypeError("seconds must be a number")
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"seconds must be a finite number >= 0, got {seconds!r}")
        self.delay = float(seconds)

    def add_drops(self, n: int) -> None:
        """Close the connection of the next ``n`` API requests without answering."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be a positive int, got {n!r}")
        self.drops += n

    def take_drop(self) -> bool:
        """Whether to drop this request's connection (consumes one pending drop)."""
        if self.drops:
            self.drops -= 1
            return True
        return False

    def add_html(self, status: int) -> None:
        """Answer the next API request with an HTML error page (as a proxy would)."""
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status (400-599), got {status!r}")
        self.html.append(status)

    def take_html(self) -> int | None:
        """The status of a pending HTML error page for this request, if any."""
        return self.html.popleft() if self.html else None

    def set_fail_rate(self, rate: float, status: int, seed: int | None) -> None:
        """Answer a random ``rate`` share (0 to 1) of later API requests with ``status``."""
        if isinstance(rate, bool) or not isinstance(rate, int | float):
            raise TypeError("rate must be a number")
        if not 0 <= rate <= 1:
            raise ValueError(f"rate must be between 0 and 1, got {rate!r}")
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error status (400-599), got {status!r}")
        self.fail_rate = float(rate)
        self.fail_rate_status = status
        if seed is not None:
            self._random.seed(seed)

    def take_random_failure(self) -> int | None:
        """The status to fail this request with under :meth:`set_fail_rate`, or None."""
        if self.fail_rate and self._random.random() < self.fail_rate:
            return self.fail_rate_status
        return None

    def reset(self) -> None:
        """Drop every pending fault, the delay and the fail rate."""
        self.rules.clear()
        self.delay = 0.0
        self.fail_rate = 0.0
        self.drops = 0
        self.html.clear()
