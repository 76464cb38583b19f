"""A small Astravue look-alike served from its own thread and loop, for sync-client tests.

Sync clients block the calling thread, so the server cannot share the test's event loop.
It also keeps serving while a test forks: the child's requests reach it through the
listening socket the parent keeps polling.

``GET /v1/tasks/{id}`` answers ``{"taskId": id, "taskTitle": "t"}``:

* ids below :data:`SLOW_BASE` at once;
* ``SLOW_BASE + n`` after ``n`` milliseconds;
* :data:`HELD_ID` only once :meth:`ThreadedServer.release` is called (or after
  :data:`DEADLINE`, so a failing test cannot leave a handler behind).

Every request is recorded with the client's port, so tests can tell connections apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import dataclass
from typing import Any

from aiohttp import web

__all__ = ["DEADLINE", "HELD_ID", "SLOW_BASE", "Seen", "ThreadedServer"]

DEADLINE = 20.0
SLOW_BASE = 100_000
HELD_ID = 99_999


@dataclass(frozen=True)
class Seen:
    task_id: int
    port: int


class ThreadedServer:
    """See the module docstring. Use as a context manager."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="test-threaded-server", daemon=True
        )
        self.seen: list[Seen] = []  # appended on the server's loop thread only
        self.held_arrivals = threading.Semaphore(0)
        self._release: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> ThreadedServer:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(DEADLINE)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(DEADLINE)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(DEADLINE)
        self.loop.close()

    def release(self) -> None:
        """Let every held request (now and later) answer."""
        if self._release is not None:
            self.loop.call_soon_threadsafe(self._release.set)

    def requests_for(self, task_id: int) -> list[Seen]:
        return [s for s in list(self.seen) if s.task_id == task_id]

    async def _start(self) -> None:
        self._release = asyncio.Event()
        app = web.Application()
        app.router.add_get("/v1/tasks/{taskId}", self._get_task)
        # handler_cancellation: a client that gives up (or is closed) ends its handler, and
        # the short shutdown_timeout bounds teardown if one is still held.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _get_task(self, request: web.Request) -> web.Response:
        task_id = int(request.match_info["taskId"])
        peer: Any = request.transport.get_extra_info("peername") if request.transport else None
        self.seen.append(Seen(task_id, peer[1] if peer else 0))
        if task_id == HELD_ID:
            self.held_arrivals.release()
            assert self._release is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), DEADLINE)
        elif task_id >= SLOW_BASE:
            await asyncio.sleep((task_id - SLOW_BASE) / 1000)
        return web.json_response(
            {
                "success": True,
                "message": "ok",
                "code": 200,
                "data": {"taskId": task_id, "taskTitle": "t"},
            }
        )
