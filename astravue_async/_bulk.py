"""Bounded-concurrency gathering for bulk jobs (``client.gather``)."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Iterable, Iterator
from typing import Any, TypeVar

__all__ = ["gather_bounded"]

T = TypeVar("T")


def _close_unstarted(pending: Iterator[tuple[int, Awaitable[Any]]]) -> None:
    # Coroutines that were never awaited would warn "coroutine ... was never awaited".
    for _, awaitable in pending:
        if inspect.iscoroutine(awaitable):
            awaitable.close()


async def gather_bounded(
    calls: Iterable[Awaitable[T]], *, concurrency: int = 20
) -> list[T | BaseException]:
    """Await ``calls`` with at most ``concurrency`` running; results keep input order.

    Each result slot holds the value or the exception raised (``CancelledError`` of the caller
    is not swallowed: it cancels every call in flight and propagates). ``calls`` is consumed
    lazily, so a generator of a million coroutines does not create a million tasks.
    """
    pending = enumerate(calls)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        _close_unstarted(pending)
        if isinstance(concurrency, bool) or not isinstance(concurrency, int):
            raise TypeError(f"concurrency must be an int, not {type(concurrency).__name__}")
        raise ValueError(f"concurrency must be >= 1, got {concurrency}")
    results: dict[int, T | BaseException] = {}

    async def worker() -> None:
        for index, awaitable in pending:
            try:
                results[index] = await awaitable
            except asyncio.CancelledError as exc:
                current = asyncio.current_task()
                if current is None or current.cancelling():
                    raise  # gather itself is being cancelled
                # Only the call was cancelled (e.g. an awaited task someone else cancelled): a
                # result like any other. Re-raising would end this worker silently and drop
                # this slot and the calls it had yet to run.
                results[index] = exc
            except Exception as exc:
                results[index] = exc

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(concurrency):
                group.create_task(worker())
    finally:
        _close_unstarted(pending)
    return [results[index] for index in range(len(results))]
