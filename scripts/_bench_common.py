"""What every client of ``scripts/bench.py`` shares: the face they show, and the fixed inputs.

Every client (the floor, the SDK, the peers) is wrapped to the one :class:`BenchClient` face,
so each workload is written once and runs the same calls through each of them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, Final, Protocol

__all__ = [
    "CREATE_DUE",
    "CREATE_START",
    "HEADERS",
    "MAX_ATTEMPTS",
    "ORG_ID",
    "POOL",
    "TIMEOUT",
    "TOKEN",
    "BenchClient",
    "BenchError",
    "ClientStatusError",
    "retry_delay",
]

ORG_ID: Final = 1
TOKEN: Final = "bench"  # noqa: S105 - the canned server accepts any bearer token
#: Connections per client: the SDK's default ``connection_limit``, given to every client.
POOL: Final = 100
TIMEOUT: Final = 60.0
HEADERS: Final = {
    "User-Agent": "astravue-bench/1",
    "Accept": "application/json",
    "Authorization": f"Bearer {TOKEN}",
    "X-Org-Id": str(ORG_ID),
}
#: Attempts the hand-written retry loops make (the SDK's default: 1 + 3 retries).
MAX_ATTEMPTS: Final = 4
#: The create body's dates as the typed clients take them (the server sees ISO-8601 text).
CREATE_START: Final = datetime(2025, 10, 1, 9, tzinfo=UTC)
CREATE_DUE: Final = datetime(2025, 10, 15, 17, tzinfo=UTC)


class BenchError(RuntimeError):
    """A client returned something other than what the server sent."""


class ClientStatusError(Exception):
    """The typed error the hand-written clients raise for an error status."""

    def __init__(self, status: int, message: str | None) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message


def retry_delay(status: int, retry_after: str | None) -> float | None:
    """Seconds to wait before repeating a GET that got ``status``, or None: do not repeat.

    What a hand-written client does: repeat a 503/429 that says when (``Retry-After`` in
    seconds), as the SDK does.
    """
    if status not in (429, 503) or retry_after is None:
        return None
    try:
        return max(0.0, float(retry_after))
    except ValueError:
        return None


class BenchClient(Protocol):
    """One client as the workloads see it."""

    @property
    def not_found(self) -> type[BaseException]:
        """What ``get_task`` raises for a 404 (the client's own typed error)."""
        ...

    async def get_task(self, task_id: int) -> int:
        """The task's id as decoded from the response."""
        ...

    async def get_task_retrying(self, task_id: int) -> int:
        """``get_task`` through a 503 that says ``Retry-After`` (repeated once, then 200)."""
        ...

    async def create_task(self, title: str) -> str:
        """POST the agreed create body (see ``_bench_server.create_body``); the echoed title."""
        ...

    def stream(self, page_size: int, limit: int | None = None) -> AsyncIterator[Any]:
        """Every task of the bench project (at most ``limit``), pages fetched as needed."""
        ...

    def task_id(self, item: Any) -> int: ...

    async def aclose(self) -> None: ...
