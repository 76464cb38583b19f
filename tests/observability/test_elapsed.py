"""The log field ``astravue_elapsed_ms`` times what hooks and metrics time: the request, not
the queueing for a connection slot or the rate limit before it (issue #18)."""

from __future__ import annotations

import logging
import time

import pytest
from _server import Reply, running_server

from astravue_async import AstravueClient, AttemptEvent, EventHooks

WAIT = 100.0  # seconds the rate limit "takes", on the fake clock


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _SlowLimiter:
    def __init__(self, clock: _Clock) -> None:
        self._clock = clock

    async def acquire(self) -> None:
        self._clock.now += WAIT


async def test_elapsed_excludes_the_rate_limit_wait(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    clock = _Clock()
    events: list[AttemptEvent] = []
    caplog.set_level(logging.DEBUG, logger="astravue_async")
    async with running_server() as server:
        server.script("GET", "/tasks/7", Reply.ok({"taskId": 7}))
        async with AstravueClient(
            org_id=1,
            access_token="t",
            base_url=server.url,
            rate_limit=_SlowLimiter(clock),
            event_hooks=EventHooks(on_attempt=[events.append]),
        ) as client:
            # Every timer of the SDK reads this clock, which only the limiter moves.
            monkeypatch.setattr(time, "perf_counter", clock)
            await client.request("GET", "/tasks/7")
            monkeypatch.undo()
    [elapsed] = [
        r.__dict__["astravue_elapsed_ms"]
        for r in caplog.records
        if "astravue_elapsed_ms" in r.__dict__
    ]
    assert elapsed == 0.0
    assert [event.duration_seconds for event in events] == [0.0]
