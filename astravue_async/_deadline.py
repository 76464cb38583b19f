"""Whole-call deadlines behind one timer per client, instead of one timer per call.

``asyncio.timeout()`` arms a timer for every call and cancels it at the end: at thousands of
calls a second that costs more than the rest of the SDK's own work per call, and it leaves a
trail of cancelled timers in the event loop's heap. Nearly every call ends long before its
deadline, so :class:`DeadlineQueue` keeps the calls in flight in a dict and arms a single
timer, for the earliest deadline among them; a call that ends only leaves the dict. When the
timer fires, the calls whose deadline has come are cancelled exactly as ``asyncio.timeout``
cancels its task, and the timer is armed again for the earliest deadline left.

What a caller sees is ``asyncio.timeout_at``'s behaviour: the call's task is cancelled at its
deadline, and :meth:`Deadline.settle` turns that cancellation (and only that one: a
cancellation from outside still propagates) into "the deadline passed", undoing the
cancellation request as ``asyncio.Timeout.__aexit__`` does.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Final

__all__ = ["Deadline", "DeadlineQueue"]

# The event loop runs a timer up to one clock tick before its time (BaseEventLoop's
# _run_once), so a deadline that near counts as reached: otherwise the timer would be armed
# again for the same moment.
_TICK: Final = time.get_clock_info("monotonic").resolution


class Deadline:
    """One call's deadline; the transport's per-call record extends it.

    Its fields are set by :meth:`DeadlineQueue.add` (the call's start, so no constructor
    sets them twice); ``expired`` is True once the deadline passed and the call's task was
    cancelled for it.
    """

    __slots__ = ("_cancelling", "_task", "deadline", "expired")

    deadline: float
    expired: bool
    _task: asyncio.Task[object] | None
    _cancelling: int

    def settle(self, exc: BaseException) -> bool:
        """At the end of a call that raised ``exc``: whether its deadline ended it.

        Call it once, on every exception that ends the call (a call that returns needs no
        settling unless :attr:`expired`, see :meth:`DeadlineQueue.discard`).
        """
        if not self.expired:
            return False
        remaining = self._take_back()
        if isinstance(exc, TimeoutError):
            return True
        # Ours to report only if no one else asked for a cancellation meanwhile.
        return isinstance(exc, asyncio.CancelledError) and remaining <= self._cancelling

    def _take_back(self) -> int:
        # As asyncio.Timeout does on exit: the cancellation the deadline asked for is
        # withdrawn whatever happened, so the task is not left marked as being cancelled.
        self.expired = False
        return self._task.uncancel() if self._task is not None else 0

    def _expire(self) -> None:
        self.expired = True
        if self._task is not None:
            self._task.cancel()


class DeadlineQueue:
    """The deadlines of the calls in flight on one event loop, behind one timer."""

    __slots__ = ("_loop", "_pending", "_timer")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._pending: dict[Deadline, None] = {}
        self._timer: asyncio.TimerHandle | None = None

    def add(self, entry: Deadline, deadline: float, task: asyncio.Task[Any] | None = None) -> None:
        """Cancel the current task at ``deadline`` (``loop.time()`` seconds) unless
        :meth:`discard` comes first.

        ``task``: the current task, when the caller has it at hand.

        Raises:
            RuntimeError: Not called from inside an asyncio task.
        """
        if task is None:
            task = asyncio.current_task(self._loop)
        if task is None:
            raise RuntimeError("an Astravue call must run inside an asyncio task")
        entry.deadline = deadline
        entry.expired = False
        entry._task = task
        entry._cancelling = task.cancelling()
        self._pending[entry] = None
        timer = self._timer
        if timer is None or deadline < timer.when():
            if timer is not None:
                timer.cancel()
            self._timer = self._loop.call_at(deadline, self._fire)

    def discard(self, entry: Deadline) -> None:
        """The call ended: its deadline no longer matters. Safe to call twice."""
        self._pending.pop(entry, None)
        if entry.expired:  # ended without settle(), although its deadline passed
            entry._take_back()
        entry._task = None  # no reference cycle through the task's coroutine frame

    def _fire(self) -> None:
        self._timer = None
        pending = self._pending
        horizon = self._loop.time() + _TICK
        due = [entry for entry in pending if entry.deadline <= horizon]
        for entry in due:
            del pending[entry]
            entry._expire()
        if pending:
            earliest = min(entry.deadline for entry in pending)
            self._timer = self._loop.call_at(earliest, self._fire)
