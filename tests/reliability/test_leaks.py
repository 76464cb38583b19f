"""Leaks: 20,000 requests through one client hold on to nothing they should not.

The server is a minimal in-process aiohttp handler answering a canned ``TaskDto`` envelope
(FakeAstravue's journal grows with every request by design, and its routing would dominate
the run time). ``client.tasks.get()`` runs with 50 calls in flight over a pool of 20
connections; after a warm-up:

* the pool never hands out more than 20 connections, there are never more than 20
  ESTABLISHED sockets to the server, and the server sees at most 20 distinct client
  connections in the whole run (reused, neither leaked nor churned);
* file descriptors, asyncio tasks and live objects stay flat;
* memory blocks in use (``sys.getallocatedblocks``) stay flat over the run, and
  ``tracemalloc`` sees less than 1 MiB of growth over a traced window (traced only for a
  window because tracing makes every allocation several times slower).

Under ``make soak`` the request counts are 10 times larger (the soak run is what showed that
callers queued beyond the pool could starve into a connect timeout; the last test pins the
fair order that fixed it).
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from astravue_async import AstravueClient

from ._support import (
    SCALE,
    SUMMARY,
    established_connections,
    eventually,
    open_fds,
    pending_tasks,
    pool_state,
    serve,
)

WARMUP = 1_000
TRACE_SETTLE = 500 * SCALE
TRACED = 1_500 * SCALE
TOTAL = 20_000 * SCALE
MAIN = TOTAL - WARMUP - TRACE_SETTLE - TRACED
CONCURRENCY = 50
POOL = 20
TASK_IDS = 100  # distinct URLs, cycled: bounded caches fill during the warm-up

TASK = {
    "tenantId": 1,
    "taskId": 1,
    "taskTitle": "Write tests",
    "completion": 40,
    "owners": [],
    "tags": ["reliability"],
    "createTime": "2024-03-04T09:00:00.000Z",
}
BODY = json.dumps({"success": True, "message": "OK", "code": 200, "data": TASK}).encode()


@dataclass
class Peak:
    connections: int = 0
    acquired: int = 0
    in_flight: int = 0


class CannedApi:
    """Counts requests in flight and the distinct client connections it served."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.peers: set[int] = set()
        self.peak = Peak()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.peak.in_flight = max(self.peak.in_flight, self.in_flight)
        transport = request.transport
        if transport is not None:
            self.peers.add(transport.get_extra_info("peername")[1])
        try:
            await asyncio.sleep(0)  # let handlers overlap, as a real server's would
            return web.Response(body=BODY, content_type="application/json")
        finally:
            self.in_flight -= 1


async def drive(client: AstravueClient, count: int) -> None:
    """``count`` gets with CONCURRENCY in flight; every answer must be the canned task."""
    numbers = iter(range(count))

    async def worker() -> None:
        for number in numbers:
            task = await client.tasks.get(number % TASK_IDS + 1)
            assert task.completion == 40

    async with asyncio.TaskGroup() as group:
        for _ in range(CONCURRENCY):
            group.create_task(worker())


async def sampling(sample: Callable[[], None], run: Awaitable[None]) -> None:
    """Run ``run`` while calling ``sample`` every 50 ms (and once at the end)."""

    async def monitor() -> None:
        while True:
            sample()
            await asyncio.sleep(0.05)

    watcher = asyncio.create_task(monitor())
    try:
        await run
    finally:
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
    sample()


async def test_twenty_thousand_requests_hold_nothing() -> None:
    api = CannedApi()
    async with serve(api.handle, record=False) as server:
        client = AstravueClient(
            org_id=1,
            access_token="static-token",
            base_url=server.origin + "/v1",
            connection_limit=POOL,
        )
        async with client:

            def sample() -> None:
                api.peak.connections = max(
                    api.peak.connections, established_connections(server.port)
                )
                api.peak.acquired = max(api.peak.acquired, pool_state(client)[0])

            await drive(client, WARMUP)
            gc.collect()
            baseline_tasks = set(asyncio.all_tasks())
            fds, tasks = open_fds(), len(baseline_tasks)
            blocks, objects = sys.getallocatedblocks(), len(gc.get_objects())

            await sampling(sample, drive(client, MAIN))

            # Tasks: the workers are gone, nothing else was left running.
            assert await eventually(lambda: not pending_tasks(baseline_tasks))
            gc.collect()
            fd_growth = open_fds() - fds
            task_growth = len(asyncio.all_tasks()) - tasks
            block_growth = sys.getallocatedblocks() - blocks
            object_growth = len(gc.get_objects()) - objects

            tracemalloc.start()
            try:
                await drive(client, TRACE_SETTLE)
                gc.collect()
                before = tracemalloc.take_snapshot()
                await drive(client, TRACED)
                gc.collect()
                after = tracemalloc.take_snapshot()
            finally:
                tracemalloc.stop()
            growth = after.compare_to(before, "lineno")
            traced_growth = sum(stat.size_diff for stat in growth)

    assert server.requests == TOTAL
    SUMMARY.leaks += max(0, fd_growth) + max(0, task_growth)
    # Connections: bounded by the pool, and reused rather than replaced.
    assert api.peak.acquired <= POOL, api.peak
    assert api.peak.connections <= POOL, api.peak
    assert api.peak.in_flight <= POOL, api.peak
    assert len(api.peers) <= POOL, f"{len(api.peers)} distinct connections for a pool of {POOL}"
    # Descriptors and tasks: flat (a little slack for the interpreter's own, e.g. /proc reads).
    assert fd_growth <= 2, f"{fd_growth} file descriptors more after {MAIN} requests"
    assert task_growth <= 0, f"{task_growth} tasks more after {MAIN} requests"
    # Memory: a leak of one block per ten requests, or one object per twenty, would fail.
    assert block_growth < MAIN // 10, f"{block_growth} memory blocks more after {MAIN} requests"
    assert object_growth < MAIN // 20, f"{object_growth} objects more after {MAIN} requests"
    top = "\n".join(str(stat) for stat in growth[:5])
    assert traced_growth < 1024 * 1024, f"{traced_growth} B more after {TRACED} requests:\n{top}"


async def test_callers_beyond_the_pool_are_served_in_arrival_order() -> None:
    """Found by the soak run: with more callers than connections, some waited 10 s and failed
    with "timed out connecting" while the server answered in a millisecond. aiohttp's pool
    lets a caller whose request just finished take the freed connection ahead of those already
    waiting; the client now queues callers beyond the pool in a fair semaphore first.

    Order, not timing: call 1 holds the only connection while calls 2 and 3 queue; when 1
    completes, its task at once makes call 4, which must queue behind 2 and 3.
    """
    arrivals: list[int] = []
    gates: dict[int, asyncio.Event] = {}

    async def held(request: web.Request) -> web.StreamResponse:
        number = int(request.path.rsplit("/", 1)[1])
        arrivals.append(number)
        gates[number] = asyncio.Event()
        await gates[number].wait()
        return web.Response(body=BODY, content_type="application/json")

    async with serve(held) as server:
        client = AstravueClient(
            org_id=1, access_token="t", base_url=server.origin + "/v1", connection_limit=1
        )
        async with client:

            async def first_then_fourth() -> None:
                await client.tasks.get(1)
                await client.tasks.get(4)

            calls: list[asyncio.Task[Any]] = [asyncio.create_task(first_then_fourth())]
            assert await eventually(lambda: arrivals == [1])
            calls += [asyncio.create_task(client.tasks.get(n)) for n in (2, 3)]
            for _ in range(20):  # let 2 and 3 reach the queue (no I/O involved)
                await asyncio.sleep(0)

            def arrived(count: int) -> Callable[[], bool]:
                return lambda: len(arrivals) >= count

            for served in range(4):  # answer each request once it has arrived
                assert await eventually(arrived(served + 1)), arrivals
                gates[arrivals[served]].set()
            await asyncio.wait_for(asyncio.gather(*calls), 10)

    assert arrivals == [1, 2, 3, 4], f"call 4 overtook the queue: {arrivals}"
