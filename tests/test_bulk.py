"""``client.gather`` / ``gather_bounded``: order, exceptions in place, the concurrency bound
and cancellation (in-flight calls cancelled, unstarted coroutines closed, nothing warns)."""

from __future__ import annotations

import asyncio
import gc
import inspect
import warnings
from collections.abc import AsyncIterator, Coroutine, Iterator
from typing import Any

import pytest
from resources.conftest import FakeAPI, Recorded, make_client, running_api, task_json

from astravue_async import AstravueClient, NotFoundError, models
from astravue_async._bulk import gather_bounded


class Tracker:
    """Counts calls in flight and remembers the largest number seen."""

    def __init__(self, *, notify_after: int = 0) -> None:
        self.notify_after = notify_after
        self.reached = asyncio.Event()
        # ``reached`` is set once ``notify_after`` calls have started.
        self.in_flight = 0
        self.max_in_flight = 0
        self.started: list[int] = []
        self.cancelled: list[int] = []
        self.finished: list[int] = []

    async def call(self, index: int, delay: float = 0.0, *, fail: bool = False) -> int:
        self.started.append(index)
        if len(self.started) >= self.notify_after:
            self.reached.set()
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(delay)
            if fail:
                raise ValueError(f"call {index} failed")
            return index * 10
        except asyncio.CancelledError:
            self.cancelled.append(index)
            raise
        finally:
            self.in_flight -= 1
            self.finished.append(index)


async def test_results_keep_input_order() -> None:
    tracker = Tracker()
    # Later calls finish first.
    calls = [tracker.call(i, delay=(10 - i) * 0.002) for i in range(10)]
    results = await gather_bounded(calls, concurrency=10)
    assert results == [i * 10 for i in range(10)]
    assert tracker.finished != sorted(tracker.finished)  # they really finished out of order


async def test_exceptions_are_returned_in_place() -> None:
    tracker = Tracker()
    calls = [tracker.call(i, fail=i % 3 == 1) for i in range(6)]
    results = await gather_bounded(calls, concurrency=2)
    assert [type(r) for r in results] == [int, ValueError, int, int, ValueError, int]
    assert str(results[1]) == "call 1 failed"
    assert results[3] == 30


@pytest.mark.parametrize("concurrency", [1, 3, 7])
async def test_never_more_than_concurrency_in_flight(concurrency: int) -> None:
    tracker = Tracker()
    results = await gather_bounded(
        (tracker.call(i, delay=0.001 * (i % 4)) for i in range(25)), concurrency=concurrency
    )
    assert results == [i * 10 for i in range(25)]
    assert tracker.max_in_flight == concurrency
    assert sorted(tracker.started) == list(range(25))


async def test_calls_are_pulled_lazily() -> None:
    tracker = Tracker()
    pulled: list[int] = []

    def calls() -> Iterator[Coroutine[Any, Any, int]]:
        for i in range(20):
            # Never more than `concurrency` coroutines exist that have not finished.
            assert len(pulled) - len(tracker.finished) <= 2
            pulled.append(i)
            yield tracker.call(i, delay=0.001)

    assert await gather_bounded(calls(), concurrency=2) == [i * 10 for i in range(20)]


async def test_fewer_calls_than_concurrency_and_no_calls() -> None:
    tracker = Tracker()
    assert await gather_bounded([tracker.call(1)], concurrency=50) == [10]
    assert await gather_bounded([], concurrency=3) == []


async def test_plain_awaitables_are_accepted() -> None:
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result("future")
    task = asyncio.ensure_future(asyncio.sleep(0, result="task"))
    assert await gather_bounded([done, task], concurrency=1) == ["future", "task"]


@pytest.mark.parametrize("concurrency", [1, 3])
async def test_a_call_cancelled_on_its_own_is_a_result(concurrency: int) -> None:
    # Awaiting a task that somebody else cancelled raises CancelledError inside that call; it
    # must not be mistaken for gather's own cancellation (and drop the remaining calls).
    tracker = Tracker()
    victim = asyncio.ensure_future(asyncio.sleep(10))
    victim.cancel()

    async def awaits_victim() -> int:
        await victim
        return -1

    calls = [tracker.call(0), awaits_victim(), tracker.call(2), tracker.call(3)]
    results = await gather_bounded(calls, concurrency=concurrency)
    assert results[0] == 0
    assert isinstance(results[1], asyncio.CancelledError)
    assert results[2:] == [20, 30]


def _never_awaited(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "never awaited" in str(w.message)]


async def test_cancelling_gather_cancels_in_flight_and_closes_the_rest() -> None:
    tracker = Tracker()
    release = asyncio.Event()

    async def blocked(index: int) -> int:
        await release.wait()
        return await tracker.call(index)

    calls = [blocked(i) for i in range(10)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outer = asyncio.create_task(gather_bounded(calls, concurrency=3))
        for _ in range(5):
            await asyncio.sleep(0)
        states = [inspect.getcoroutinestate(c) for c in calls]
        assert states.count(inspect.CORO_SUSPENDED) == 3  # exactly `concurrency` started
        assert states.count(inspect.CORO_CREATED) == 7
        outer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await outer
        assert outer.cancelled()
        assert all(inspect.getcoroutinestate(c) == inspect.CORO_CLOSED for c in calls)
        assert tracker.started == []  # nobody got past the event
        del calls
        gc.collect()
    assert _never_awaited(caught) == []


async def test_cancelling_gather_cancels_the_running_calls() -> None:
    tracker = Tracker(notify_after=4)
    outer = asyncio.create_task(
        gather_bounded((tracker.call(i, delay=10) for i in range(100)), concurrency=4)
    )
    await asyncio.wait_for(tracker.reached.wait(), 5)
    await asyncio.sleep(0.01)  # time for a (wrong) fifth call to start
    outer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await outer
    assert sorted(tracker.cancelled) == [0, 1, 2, 3]
    assert tracker.in_flight == 0
    assert sorted(tracker.started) == [0, 1, 2, 3]  # the generator was not run further


@pytest.mark.parametrize(
    ("concurrency", "error"),
    [(0, ValueError), (-1, ValueError), ("3", TypeError), (True, TypeError), (2.5, TypeError)],
)
async def test_bad_concurrency(concurrency: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="concurrency"):
        await gather_bounded([], concurrency=concurrency)


async def test_bad_concurrency_through_the_client() -> None:
    async with AstravueClient(org_id=1, access_token="t") as client:
        with pytest.raises(ValueError, match="concurrency"):
            await client.gather([], concurrency=0)


# --------------------------------------------------------------------------- real client


@pytest.fixture
async def api() -> AsyncIterator[FakeAPI]:
    async with running_api() as fake:
        yield fake


@pytest.fixture
async def client(api: FakeAPI) -> AsyncIterator[AstravueClient]:
    async with make_client(api) as c:
        yield c


async def test_client_gather_bounds_requests_on_the_wire(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.delay = 0.01
    for i in range(12):
        if i != 5:
            api.on("GET", f"/tasks/{i}", task_json(i))
    results = await client.gather([client.tasks.get(i) for i in range(12)], concurrency=3)
    assert api.count == 12
    assert api.max_in_flight == 3
    assert isinstance(results[5], NotFoundError)
    tasks = [r for r in results if isinstance(r, models.TaskDto)]
    assert [t.task_id for t in tasks] == [i for i in range(12) if i != 5]


async def test_cancelling_client_gather_stops_requests(
    api: FakeAPI, client: AstravueClient
) -> None:
    release, arrived = asyncio.Event(), asyncio.Event()

    async def slow(request: Recorded) -> Any:
        if api.count >= 2:
            arrived.set()
        await release.wait()
        return task_json(int(request.path.rsplit("/", 1)[1]))

    for i in range(10):
        api.routes[("GET", f"/tasks/{i}")] = slow
    calls = [client.tasks.get(i) for i in range(10)]
    outer = asyncio.create_task(client.gather(calls, concurrency=2))
    await asyncio.wait_for(arrived.wait(), 5)
    await asyncio.sleep(0.01)  # time for a (wrong) third request to arrive
    outer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await outer
    release.set()
    assert api.count == 2
    assert all(inspect.getcoroutinestate(c) == inspect.CORO_CLOSED for c in calls)
    # The client is still usable after a cancelled bulk job.
    assert (await client.tasks.get(3)).task_id == 3
