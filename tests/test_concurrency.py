"""ConcurrencyLimit: max_concurrency's first-come-first-served slots."""

from __future__ import annotations

import asyncio

from astravue_async._concurrency import ConcurrencyLimit


async def test_free_slots_are_taken_without_waiting_and_given_back() -> None:
    limit = ConcurrencyLimit(2)
    assert limit.try_acquire()
    assert limit.try_acquire()
    assert not limit.try_acquire()
    limit.release()
    assert limit.try_acquire()
    limit.release()
    limit.release()
    assert limit._value == 2


async def test_waiters_are_served_in_arrival_order() -> None:
    limit = ConcurrencyLimit(1)
    await limit.acquire()
    served: list[int] = []

    async def waiter(number: int) -> None:
        await limit.acquire()
        served.append(number)
        limit.release()

    tasks = [asyncio.create_task(waiter(number)) for number in range(5)]
    await asyncio.sleep(0)
    # A newcomer may not jump the queue, even at the moment a slot is freed.
    limit.release()
    assert not limit.try_acquire()
    await asyncio.gather(*tasks)
    assert served == [0, 1, 2, 3, 4]
    assert limit._value == 1


async def test_a_cancelled_waiter_leaves_the_queue() -> None:
    limit = ConcurrencyLimit(1)
    await limit.acquire()
    waiter = asyncio.create_task(limit.acquire())
    await asyncio.sleep(0)
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)
    assert not limit._waiters
    limit.release()
    assert limit._value == 1


async def test_a_waiter_cancelled_after_being_handed_a_slot_passes_it_on() -> None:
    limit = ConcurrencyLimit(1)
    await limit.acquire()
    first = asyncio.create_task(limit.acquire())
    second = asyncio.create_task(limit.acquire())
    await asyncio.sleep(0)
    limit.release()  # the slot goes to `first`, which has not run yet
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    await asyncio.wait_for(second, 5)  # got the slot `first` could not use
    limit.release()
    assert limit._value == 1  # nothing leaked, nothing duplicated
