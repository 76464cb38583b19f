"""Closing an ``AstravueSyncClient`` while dozens of threads are blocked in calls.

Whatever state a call is in when ``close()`` starts (answered, on the wire, waiting for a
connection slot, not yet started), its thread gets a result or a clear error promptly:
``RuntimeError`` saying the client has been closed, or an ``APIConnectionError`` saying so.
No thread hangs, nothing waits for a connect or call timeout, nothing is left behind.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from astravue_async import APIConnectionError
from astravue_async.sync import AstravueSyncClient

from ._raw_server import RawReply, RawRequest, raw_server
from ._threaded_server import DEADLINE, HELD_ID, SLOW_BASE, ThreadedServer

THREADS = 64
CALLS_PER_THREAD = 5  # 320 calls in all
SLOW_ID = SLOW_BASE + 500  # answered after 0.5 s


@pytest.fixture
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer() as started:
        yield started


def make_client(server: ThreadedServer, **kwargs: Any) -> AstravueSyncClient:
    # A call timeout far beyond the test's bounds: a call that waited for it (or for the
    # 10 s connect timeout) instead of ending with the close would fail the test.
    kwargs.setdefault("timeout", 60.0)
    return AstravueSyncClient(org_id=1, access_token="t", base_url=server.base_url, **kwargs)


def outcome(exc: BaseException | None) -> str:
    """``ok``, or the kind of clear error a close may produce; anything else is itself."""
    if exc is None:
        return "ok"
    if isinstance(exc, RuntimeError) and "has been closed" in str(exc):
        return "closed"
    if isinstance(exc, APIConnectionError) and "closed" in str(exc):
        return "cut off" if exc.request_sent else "cut off unsent"
    return repr(exc)


def hammer(
    client: AstravueSyncClient, task_id: int, started: threading.Barrier
) -> list[tuple[str, float]]:
    """One worker: calls until the client refuses; (outcome, seconds) per call."""
    results: list[tuple[str, float]] = []
    started.wait(DEADLINE)
    for _ in range(CALLS_PER_THREAD):
        begun = time.monotonic()
        error: BaseException | None = None
        try:
            assert client.tasks.get(task_id).task_id == task_id
        except Exception as exc:
            error = exc
        results.append((outcome(error), time.monotonic() - begun))
        if error is not None:
            break
    return results


def close_under_load(
    client: AstravueSyncClient,
    task_id: int,
    *,
    timeout: float,
    closers: int = 2,
    on_the_wire: tuple[ThreadedServer, int] | None = None,
) -> tuple[Counter[str], float, float]:
    """Start the workers, close (from several threads) once calls are in flight (and, with
    ``on_the_wire=(server, n)``, once that server has received ``n`` requests).

    :returns: outcome counts, the longest close() and the longest single call, in seconds.
    """
    started = threading.Barrier(THREADS + 1)
    threads_before = set(threading.enumerate())
    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        workers = [pool.submit(hammer, client, task_id, started) for _ in range(THREADS)]
        started.wait(DEADLINE)
        core = client._scope.core
        deadline = time.monotonic() + DEADLINE
        while len(core._tasks) < THREADS // 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        assert len(core._tasks) >= THREADS // 2, "the calls never got going"
        if on_the_wire is not None:
            server, requests = on_the_wire
            while len(server.seen) < requests and time.monotonic() < deadline:
                time.sleep(0.005)

        def close() -> float:
            begun = time.monotonic()
            client.close(timeout=timeout)
            return time.monotonic() - begun

        with concurrent.futures.ThreadPoolExecutor(closers) as closing:
            close_times = list(closing.map(lambda _: close(), range(closers)))
        _, hung = concurrent.futures.wait(workers, timeout=DEADLINE)
        assert not hung, f"{len(hung)} worker threads still blocked after close()"
    counts: Counter[str] = Counter()
    longest_call = 0.0
    for worker in workers:
        for kind, seconds in worker.result():
            counts[kind] += 1
            longest_call = max(longest_call, seconds)
    loop_thread = core.thread
    assert loop_thread is not None and not loop_thread.is_alive()
    assert set(threading.enumerate()) <= threads_before  # the loop thread is gone too
    return counts, max(close_times), longest_call


def assert_refuses_at_once(client: AstravueSyncClient, server: ThreadedServer) -> None:
    requests = len(server.seen)
    for call in (
        lambda: client.tasks.get(1),
        lambda: client.tasks.list(),
        lambda: client.request("GET", "/tasks/1"),
    ):
        with pytest.raises(RuntimeError, match="has been closed"):
            call()
    assert len(server.seen) == requests  # nothing was sent


def test_close_under_load_with_a_slow_server(server: ThreadedServer) -> None:
    # 4 connection slots for 64 threads: most calls wait for a slot when close() starts. When
    # the grace ends they fail at once, instead of being sent 4 at a time (16 rounds of 0.5 s)
    # or waiting for a connect timeout.
    client = make_client(server, connection_limit=4)
    counts, close_seconds, longest_call = close_under_load(client, SLOW_ID, timeout=0.3)
    assert set(counts) <= {"ok", "closed", "cut off", "cut off unsent"}, counts
    assert counts["closed"] + counts["cut off"] + counts["cut off unsent"] == THREADS
    # Only the (at most two) rounds on the wire during the grace are cut off; every other
    # call was refused unsent, waiting for a slot or not yet started.
    assert counts["cut off"] <= 2 * 4, counts
    # Generous bounds: about 0.3 s grace (+ one 0.5 s answer); draining would take 8 s.
    assert close_seconds < 3.0
    assert longest_call < 4.0
    assert_refuses_at_once(client, server)


def test_close_under_load_with_a_server_that_never_answers(server: ThreadedServer) -> None:
    client = make_client(server, connection_limit=16)
    try:
        counts, close_seconds, longest_call = close_under_load(
            client, HELD_ID, timeout=0.2, on_the_wire=(server, 16)
        )
    finally:
        server.release()
    # 16 requests were on the wire: cut off (the server may have seen them); the other 48
    # were waiting for a slot: refused unsent, or refused before they started.
    assert counts["cut off"] == 16, counts
    assert counts["cut off unsent"] + counts["closed"] == THREADS - 16, counts
    assert set(counts) <= {"cut off", "cut off unsent", "closed"}, counts
    assert close_seconds < 3.0
    assert longest_call < 4.0
    assert_refuses_at_once(client, server)


def test_close_default_lets_calls_in_flight_finish(server: ThreadedServer) -> None:
    client = make_client(server)  # 100 slots: no call waits for one
    counts, close_seconds, _ = close_under_load(
        client, SLOW_ID, timeout=5.0, on_the_wire=(server, 1)
    )
    # Within the grace every call on the wire gets its answer and that thread's next call is
    # refused. A call that had not obtained a connection yet when close() began (still
    # connecting) is refused unsent (begin_close): nothing new starts once closing has begun.
    assert set(counts) <= {"ok", "closed", "cut off unsent"}, counts
    assert counts["closed"] + counts["cut off unsent"] == THREADS, counts  # one end each
    assert counts["ok"] >= 1, counts
    assert close_seconds < 4.0
    assert_refuses_at_once(client, server)


@pytest.mark.parametrize(
    ("timeout", "error"),
    [(-1, ValueError), (float("nan"), ValueError), ("1", TypeError), (True, TypeError)],
)
def test_close_rejects_a_bad_timeout_and_stays_open(
    server: ThreadedServer, timeout: Any, error: type[Exception]
) -> None:
    with make_client(server) as client:
        copy = client.with_options(org_id=2)
        with pytest.raises(error, match="timeout"):
            client.close(timeout=timeout)
        with pytest.raises(error, match="timeout"):
            copy.close(timeout=timeout)
        assert not client.closed and not copy.closed
        assert client.tasks.get(1).task_id == 1
        client.close(timeout=0)
        assert client.closed and copy.closed


@pytest.mark.parametrize("max_concurrency", [None, 4], ids=["default", "above the pool"])
def test_close_refuses_calls_queued_in_the_connection_pool(max_concurrency: int | None) -> None:
    # One connection, four creates: one on the wire, three queued in aiohttp's pool (not in
    # the SDK's own wait for a slot). close() must refuse the queued ones unsent at once, not
    # let them out one by one during its grace period.
    closing = threading.Event()
    after_close: list[str] = []

    def handler(request: RawRequest) -> RawReply:
        if closing.is_set():
            after_close.append(request.method)
        time.sleep(0.3)  # one answer at a time: the server's loop is blocked meanwhile
        return RawReply.envelope({"taskId": 7, "taskTitle": "t"}, status=201)

    def create(client: AstravueSyncClient) -> str:
        try:
            client.tasks.create(task_title="t")
        except APIConnectionError as exc:
            return "sent" if exc.request_sent else "unsent"
        return "ok"

    with raw_server(handler) as server:
        client = AstravueSyncClient(
            org_id=42,
            access_token="t",
            base_url=server.url,
            trust_env=False,
            connection_limit=1,
            max_concurrency=max_concurrency,
            max_retries=0,
            timeout=30,
        )
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            calls = [pool.submit(create, client) for _ in range(4)]
            deadline = time.monotonic() + DEADLINE
            while not server.requests and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(0.05)  # the other three are queued by now
            closing.set()
            client.close(timeout=1.0)
            outcomes = sorted(call.result() for call in calls)
    assert outcomes == ["ok", "unsent", "unsent", "unsent"], outcomes
    assert after_close == []
