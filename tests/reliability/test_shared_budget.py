"""One request budget shared by separate processes through a real redis-server.

Four worker processes (spawned, so nothing is inherited), each with its own client and its
own :class:`~astravue_async.redis.RedisRateLimiter` on one key, call a server in this
process that answers 429 once it has seen more than ``N`` requests in a window, as the API
does above about 100 requests per user per minute. With the shared budget the server never
sees more than ``N`` in any window, and no call fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import queue
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from _redis_server import RedisServer, running_redis
from aiohttp import web

from ._budget_worker import run_worker
from ._support import serve

WORKERS = 4
CALLS_PER_WORKER = 12
BUDGET = 20
WINDOW = 3.0
# The limiter counts a request when it admits it, the server when it arrives; on a loaded
# machine the two can be a little apart. The server therefore enforces the budget over any
# span this much shorter than the window (still far below what 4 unshared budgets, or one
# that lost a race, would produce: 4 x 20 in the first span).
TRANSIT_ALLOWANCE = 0.5
# Spawning 4 interpreters on a busy 2-core machine, then 48 calls over about 6 s.
WORKER_DEADLINE = 120.0


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with running_redis() as redis:
        yield redis


class WindowedApi:
    """Answers 200 unless more than ``budget`` requests arrived within ``span`` seconds."""

    def __init__(self, budget: int, span: float) -> None:
        self.budget = budget
        self.span = span
        self.arrivals: list[float] = []
        self.refused = 0

    async def handle(self, request: web.Request) -> web.StreamResponse:
        now = time.monotonic()
        self.arrivals.append(now)
        recent = sum(1 for t in self.arrivals if t > now - self.span)
        if recent > self.budget:
            self.refused += 1
            return web.json_response(
                {"success": False, "message": "Too many requests", "code": 429},
                status=429,
                headers={"Retry-After": "1"},
            )
        return web.json_response({"success": True, "message": "OK", "code": 200, "data": {}})

    def most_in_any_span(self, span: float) -> int:
        ordered = sorted(self.arrivals)
        best = 0
        for i, first in enumerate(ordered):
            best = max(best, sum(1 for t in ordered[i:] if t < first + span))
        return best


def _stop(process: Any) -> None:
    if process.is_alive():
        process.terminate()
        process.join(5)
    if process.is_alive():
        process.kill()
        process.join(5)


async def test_workers_sharing_a_redis_budget_never_exceed_it(redis_server: RedisServer) -> None:
    api = WindowedApi(BUDGET, WINDOW - TRANSIT_ALLOWANCE)
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    results = context.Queue()
    key = f"astravue:test:budget:{uuid.uuid4().hex}"
    limit = f"{BUDGET} per {WINDOW:g} seconds"
    async with serve(api.handle) as server:
        processes = [
            context.Process(
                target=run_worker,
                args=(server.origin + "/v1", redis_server.url, key, limit, CALLS_PER_WORKER),
                kwargs={"go": go, "results": results},
                daemon=True,
            )
            for _ in range(WORKERS)
        ]
        summaries: list[dict[str, Any]] = []
        try:
            for process in processes:
                process.start()
            go.set()
            deadline = time.monotonic() + WORKER_DEADLINE
            while len(summaries) < WORKERS and time.monotonic() < deadline:
                with contextlib.suppress(queue.Empty):
                    summaries.append(await asyncio.to_thread(results.get, True, 1.0))
                if len(summaries) < WORKERS and not any(p.is_alive() for p in processes):
                    # Everyone exited: whatever is still queued arrives at once.
                    with contextlib.suppress(queue.Empty):
                        while len(summaries) < WORKERS:
                            summaries.append(await asyncio.to_thread(results.get, True, 2.0))
                    break
            for process in processes:
                await asyncio.to_thread(process.join, max(0.1, deadline - time.monotonic()))
        finally:
            for process in processes:
                _stop(process)
            results.close()
            results.join_thread()
    assert len(summaries) == WORKERS, f"only {len(summaries)} of {WORKERS} workers reported"
    failures = [failure for summary in summaries for failure in summary["failures"]]
    assert failures == []
    assert sum(summary["ok"] for summary in summaries) == WORKERS * CALLS_PER_WORKER
    assert not any(summary["fallback"] for summary in summaries)
    assert api.refused == 0
    assert len(api.arrivals) == WORKERS * CALLS_PER_WORKER
    assert api.most_in_any_span(WINDOW - TRANSIT_ALLOWANCE) <= BUDGET
    # The budget was really used (all 20 of a window at once), not just trickled out.
    assert api.most_in_any_span(WINDOW - TRANSIT_ALLOWANCE) == BUDGET
