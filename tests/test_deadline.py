"""DeadlineQueue: asyncio.timeout_at's behaviour for many calls behind one timer.

Deadlines here are either already past (they fire on the loop's next turn) or far in the
future (they must not fire), so nothing depends on how fast the machine is.
"""

from __future__ import annotations

import asyncio

import pytest

from astravue_async._deadline import Deadline, DeadlineQueue

FAR = 10_000.0  # seconds: never reached during a test


async def _guarded(queue: DeadlineQueue, entry: Deadline, deadline: float, body: object) -> str:
    """What the transport does around a call: "deadline" if its deadline ended it."""
    queue.add(entry, deadline)
    try:
        await body  # type: ignore[misc]
    except BaseException as exc:
        if entry.settle(exc):
            return "deadline"
        raise
    finally:
        queue.discard(entry)
    return "done"


async def test_a_call_past_its_deadline_is_cancelled_and_reported_as_such() -> None:
    loop = asyncio.get_running_loop()
    queue = DeadlineQueue(loop)
    outcome = await _guarded(queue, Deadline(), loop.time() - 1, asyncio.Event().wait())
    assert outcome == "deadline"
    # The cancellation the deadline asked for is withdrawn: the caller's later awaits work.
    current = asyncio.current_task()
    assert current is not None and current.cancelling() == 0
    await asyncio.sleep(0)


async def test_a_call_that_ends_in_time_is_left_alone() -> None:
    loop = asyncio.get_running_loop()
    queue = DeadlineQueue(loop)
    entry = Deadline()
    assert await _guarded(queue, entry, loop.time() + FAR, asyncio.sleep(0)) == "done"
    assert not entry.expired
    assert not queue._pending


async def test_only_the_calls_whose_deadline_came_are_cancelled() -> None:
    loop = asyncio.get_running_loop()
    queue = DeadlineQueue(loop)
    release = asyncio.Event()
    late = asyncio.create_task(_guarded(queue, Deadline(), loop.time() + FAR, release.wait()))
    await asyncio.sleep(0)
    # Added after a later deadline: the one timer must be brought forward for it.
    early = asyncio.create_task(_guarded(queue, Deadline(), loop.time() - 1, release.wait()))
    assert await early == "deadline"
    assert not late.done()
    release.set()
    assert await late == "done"
    assert queue._timer is not None  # armed for a call that has ended: harmless, fires once


async def test_a_timer_firing_for_a_call_that_ended_re_arms_for_the_next() -> None:
    loop = asyncio.get_running_loop()
    queue = DeadlineQueue(loop)
    first, second = Deadline(), Deadline()
    queue.add(first, loop.time() - 1)  # would fire on the next turn of the loop
    queue.discard(first)  # but the call ended first
    release = asyncio.Event()
    waiter = asyncio.create_task(_guarded(queue, second, loop.time() + FAR, release.wait()))
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # the stale timer fires here
    assert not waiter.done() and not second.expired
    assert queue._timer is not None and queue._timer.when() == second.deadline
    release.set()
    assert await waiter == "done"


async def test_a_cancellation_from_outside_wins_over_the_deadline() -> None:
    loop = asyncio.get_running_loop()
    queue = DeadlineQueue(loop)
    entry = Deadline()
    started = asyncio.Event()

    async def body() -> None:
        started.set()
        await asyncio.Event().wait()

    task = asyncio.create_task(_guarded(queue, entry, loop.time() + FAR, body()))
    await started.wait()
    entry.deadline = loop.time() - 1
    queue._fire()  # the deadline and the caller's cancel() land in the same turn
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_deadline_passing_as_the_call_returns_leaves_no_cancellation_behind() -> None:
    loop = asyncio.get_running_loop()
    queue = DeadlineQueue(loop)
    counts: list[int] = []

    async def call() -> None:
        entry = Deadline()
        queue.add(entry, loop.time() + FAR)
        entry.deadline = loop.time() - 1
        queue._fire()  # cancels this very task, which then returns without awaiting again
        current = asyncio.current_task()
        assert current is not None
        counts.append(current.cancelling())
        queue.discard(entry)
        counts.append(current.cancelling())

    # The task may still end cancelled (Python < 3.13 keeps the pending cancel, as it does
    # for asyncio.Timeout); what matters is that the request count is back where it was.
    await asyncio.wait([asyncio.create_task(call())])
    assert counts == [1, 0]


def test_outside_a_task_is_refused() -> None:
    loop = asyncio.new_event_loop()
    try:
        with pytest.raises(RuntimeError, match="inside an asyncio task"):
            DeadlineQueue(loop).add(Deadline(), 0.0)
    finally:
        loop.close()
