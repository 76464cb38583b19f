"""``AstravueSyncClient``: the async SDK for code that is not async.

```python
from astravue_async.sync import AstravueSyncClient

with AstravueSyncClient(org_id=1, access_token="...") as client:
    task = client.tasks.get(42)              # a TaskDto, no await
    for task in client.tasks.list(search="report"):   # pages fetched lazily
        print(task.task_title)
```

How it works: each client starts one background thread running a private asyncio event loop,
creates an :class:`~astravue_async.AstravueClient` inside that loop (so its aiohttp session and
connection pool belong to it) and runs every call there as a task, blocking the calling thread
on a lock until the result is ready. Calls queued while the loop is busy start together, woken
once. Results and exceptions (the SDK's own types) come back unchanged; Ctrl-C in a waiting
thread cancels its call.

* **Threads.** One client may be shared by any number of threads (e.g. a
  ``ThreadPoolExecutor``); they all use its single connection pool.
* **Async code.** Calling it from a thread that runs an event loop raises ``RuntimeError``
  (blocking would stall that loop, or deadlock it if it is the client's own); use
  :class:`~astravue_async.AstravueClient` there. The constructor and :meth:`close` do not
  refuse, so a client may be built in async code and handed to worker threads.
* **Lifecycle.** ``with AstravueSyncClient(...)`` or :meth:`AstravueSyncClient.close` refuses
  new calls at once (``RuntimeError``), gives calls in flight up to 5 s (``close(timeout=...)``)
  to finish and fails the rest with ``APIConnectionError``, closes the pool, stops the loop
  and joins the thread. No thread is left waiting. A client that is garbage collected
  unclosed is shut down best-effort and a ``ResourceWarning`` is emitted.
* **Fork.** A client created before ``os.fork()`` (at import time in a Celery or gunicorn
  prefork parent) works in every child: the child's first call starts a loop thread and a
  connection pool of its own, with the token the parent had at fork time; the parent's
  pool is left alone and the parent's client keeps working. Each process closes its own.
  A child and its parent do not share later token refreshes, so with a rotating refresh
  token let only one process refresh (or give each its own grant).
* **Callbacks.** ``on_token_refresh`` and ``token_store`` run on the client's loop thread.

Typing: list methods return a :class:`SyncPaginator`, every other method its plain result.
The methods generated from the spec come from ``_generated/sync_resources.py``, rendered by
``make generate`` from the same data as the async facade: the same signatures (overloads
included, e.g. ``create`` takes a ready model or keywords with the required fields required)
and docs, so mypy and IDEs check sync calls exactly as async ones. The hand-written async
methods (``timers.start``, ``subtasks.list`` ...) are named once here
(``start = _sync(Timers.start)``), their types derived from the async method; one added to an
async resource appears here only once it is listed too (``tests/test_sync.py`` fails until
then). ``session=`` is not accepted (a type error via :class:`SyncClientOptions`, and a
``TypeError`` at run time): a session belongs to the loop it was created in, and this client's
loop is private. ``gather`` has no sync twin; use a thread pool.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import inspect
import itertools
import os
import ssl
import threading
import warnings
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Coroutine, Iterator, Mapping
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    Self,
    TypeVar,
    Unpack,
    cast,
    get_overloads,
    overload,
)

from astravue_async._generated.resources import RawForwarder
from astravue_async._generated.sync_resources import (
    SyncCommentsBase,
    SyncCommentsRawBase,
    SyncForwarder,
    SyncNotificationsBase,
    SyncNotificationsRawBase,
    SyncProjectsBase,
    SyncProjectsRawBase,
    SyncProjectTasksBase,
    SyncProjectTasksRawBase,
    SyncSpacesBase,
    SyncSpacesRawBase,
    SyncTasksBase,
    SyncTasksRawBase,
    SyncTimersBase,
    SyncTimersRawBase,
)
from astravue_async._observability import EventHooks
from astravue_async._pagination import OnChange, Page, Paginator
from astravue_async._ratelimit import RateLimiter
from astravue_async._response import APIResponse
from astravue_async._transport import DEFAULT_BASE_URL, DEFAULT_TIMEOUT
from astravue_async.auth import DEFAULT_TOKEN_URL, OAuth2Token, TokenStore
from astravue_async.auth._manager import TokenCallback
from astravue_async.client import AstravueClient, SyncClientOptions
from astravue_async.resources import (
    Checklists,
    Comments,
    Notifications,
    Projects,
    ProjectTasks,
    Spaces,
    Subtasks,
    Tasks,
    Timers,
)
from astravue_async.resources._base import Resource
from astravue_async.resources._raw import (
    ChecklistsWithRawResponse,
    CommentsWithRawResponse,
    NotificationsWithRawResponse,
    ProjectsWithRawResponse,
    ProjectTasksWithRawResponse,
    SpacesWithRawResponse,
    SubtasksWithRawResponse,
    TasksWithRawResponse,
    TimersWithRawResponse,
    WithRawResponse,
)

if TYPE_CHECKING:
    from opentelemetry.metrics import MeterProvider
    from opentelemetry.trace import TracerProvider

__all__ = [
    "DEFAULT_CLOSE_TIMEOUT",
    "AstravueSyncClient",
    "SyncChecklists",
    "SyncClientOptions",
    "SyncComments",
    "SyncNotifications",
    "SyncPaginator",
    "SyncProjectTasks",
    "SyncProjects",
    "SyncSpaces",
    "SyncSubtasks",
    "SyncTasks",
    "SyncTimers",
    "SyncWithRawResponse",
]

T = TypeVar("T")
R = TypeVar("R", bound=Resource)
# Covariant: a namespace wrapping a ``Timers`` also wraps a ``TimersBase``, so the twin of a
# method that ``Timers`` inherits (its ``self`` typed as the base) binds to ``SyncTimers``.
R_co = TypeVar("R_co", bound="Resource | RawForwarder[Any]", covariant=True)
P = ParamSpec("P")

_CLOSED = "this AstravueSyncClient has been closed"
_CUT_OFF = (
    "this AstravueSyncClient has been closed while the call was in flight; it may or may not "
    "have reached the server"
)
# How long close() waits for calls in flight by default, before cutting them off.
DEFAULT_CLOSE_TIMEOUT = 5.0
# After the pool is closed the transport ends every call at once; this only bounds code that
# ignores it (a slow token store or on_token_refresh callback).
_SETTLE_SECONDS = 2.0
_IN_LOOP = (
    "AstravueSyncClient was called from a thread that is running an asyncio event loop; "
    "blocking here would stall that loop (or deadlock it, if it is the client's own). In async "
    "code use astravue_async.AstravueClient and await its methods, or move the sync call to a "
    "worker thread with `await asyncio.to_thread(...)`."
)
_thread_numbers = itertools.count(1)


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Body of the loop thread.

    Takes only the loop (not the client) so the thread never keeps a client alive: an unclosed
    client can still be garbage collected, warned about and shut down.
    """
    try:
        loop.run_forever()
    finally:
        try:
            # Whatever is still scheduled after stop (normally nothing: close() drains first)
            # is cancelled and awaited, as asyncio.run() does, so no task is destroyed pending.
            leftovers = asyncio.all_tasks(loop)
            for task in leftovers:
                task.cancel()
            if leftovers:
                loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            # aiohttp resolves host names in the default executor; join its threads too.
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()


async def _construct(factory: Callable[[], AstravueClient]) -> AstravueClient:
    # Built inside the loop so anything the client binds to "the running loop" binds to ours.
    return factory()


async def _next_or_none(iterator: AsyncIterator[T]) -> T | None:
    # StopAsyncIteration must not cross the thread boundary as an exception of a future;
    # pages are never None, so None is an unambiguous "exhausted".
    try:
        return await anext(iterator)
    except StopAsyncIteration:
        return None


async def _aclose_quietly(iterator: AsyncIterator[Any]) -> None:
    if isinstance(iterator, AsyncGenerator):
        # RuntimeError: still running because the step that was waited for got cancelled
        # (e.g. Ctrl-C in the calling thread); the cancellation finishes the generator anyway.
        with contextlib.suppress(RuntimeError):
            await iterator.aclose()


class _Call:
    """One blocking call: the caller sleeps on ``done`` until the loop thread releases it.

    A bare lock rather than a ``concurrent.futures.Future``: the future's condition variable,
    waiter list and callbacks cost more than the request itself when dozens of threads share
    one loop, and every extra wake-up is another fight for the GIL.
    """

    __slots__ = ("abandoned", "coro", "done", "error", "result", "started", "task")

    def __init__(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.coro = coro
        self.done = threading.Lock()
        self.done.acquire()
        self.result: Any = None
        self.error: BaseException | None = None
        self.task: asyncio.Task[Any] | None = None
        self.abandoned = False
        self.started = False

    def refuse(self) -> None:
        """Fail a call that was queued but never started (nothing was sent)."""
        self.coro.close()  # never started: close it so Python does not warn
        self.error = RuntimeError(_CLOSED)
        self.done.release()


async def _run_call(call: _Call, tasks: set[asyncio.Task[Any]]) -> None:
    """The task of one blocking call, on the loop thread: run it, then wake its caller.

    Waking the caller from here rather than from a done callback saves scheduling a callback
    per call, and hands the result over one turn of the event loop earlier.
    """
    call.started = True
    try:
        call.result = await call.coro
    except asyncio.CancelledError:
        # Only closing cancels a call someone still waits for (a Ctrl-C'd caller is gone).
        call.error = RuntimeError(_CUT_OFF)
        raise
    except BaseException as exc:
        call.error = exc
        if not isinstance(exc, Exception):
            raise  # KeyboardInterrupt, SystemExit: the loop's to handle, as from any task
    finally:
        if call.task is not None:
            tasks.discard(call.task)
        done = call.done
        del call  # an error's traceback holds this frame: no cycle through the call
        done.release()


class _Core:
    """The loop thread and the async client, shared by a client and its ``with_options`` copies.

    Everything that can issue calls (clients, resources, paginators) holds the core, so its
    ``__del__`` runs only when nothing can use it any more.

    Calls are queued and started in batches: the first call queued since the loop last looked
    wakes it (one ``call_soon_threadsafe``, i.e. one write to the loop's self-pipe), the others
    ride along. Under many threads that turns one wake-up per call into one per burst.

    After ``os.fork()`` the child has ``loop is None`` (see :meth:`_forget_parent_loop`) and
    starts a loop thread of its own on its first call.
    """

    def __init__(self, factory: Callable[[], AstravueClient]) -> None:
        # Reentrant: a finalizer (an abandoned SyncPaginator) may submit its cleanup from a
        # garbage collection that runs on the loop thread while it holds the lock.
        self._lock = threading.RLock()
        self._closing = False
        self._queue: list[_Call] = []
        self._wakeup_pending = False
        self._tasks: set[asyncio.Task[Any]] = set()  # touched on the loop thread only
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        loop = self._start_loop()
        try:
            # Not run(): building a client in async code (to hand to threads) is allowed.
            self.client = asyncio.run_coroutine_threadsafe(_construct(factory), loop).result()
        except BaseException:
            self._shutdown(None)
            raise
        _cores.add(self)

    def _start_loop(self) -> asyncio.AbstractEventLoop:
        loop = asyncio.new_event_loop()
        # A daemon thread, so a client that is never closed cannot hang interpreter exit
        # (non-daemon threads are joined before atexit handlers run); close() joins it.
        thread = threading.Thread(
            target=_run_loop,
            args=(loop,),
            name=f"astravue-sync-loop-{next(_thread_numbers)}",
            daemon=True,
        )
        try:
            thread.start()
        except BaseException:
            loop.close()
            raise
        self.loop, self.thread = loop, thread
        return loop

    def _forget_parent_loop(self) -> None:
        """In a forked child, while it has a single thread: let go of the parent's loop.

        Only the thread that forked exists in the child: the loop thread is gone (a call
        handed to its loop would wait forever), and so are the threads waiting for calls,
        one of which may have held the lock (it would stay locked forever). Their queued
        calls and tasks belong to the parent. The async client carries over with the token
        it had at fork time; its transport leaves the parent's pool alone and opens its own.
        """
        if self.loop is not None:
            _INHERITED.append((self.loop, self.thread, self._queue, self._tasks))
        client = getattr(self, "client", None)  # absent while the constructor still runs
        # Now rather than on the child's first call: a child that never calls and drops the
        # client would otherwise finalize the parent's session, whose connector closes the
        # parent's sockets through the epoll instance both processes share.
        forget = getattr(getattr(client, "_transport", None), "_forget_parent_state", None)
        if forget is not None:
            # RuntimeError: a session it cannot let go of; it says so again on first use.
            with contextlib.suppress(RuntimeError):
                forget()
        self._lock = threading.RLock()
        self._queue = []
        self._wakeup_pending = False
        self._tasks = set()
        self.loop = None
        self.thread = None

    @property
    def closed(self) -> bool:
        return self._closing

    def check(self) -> None:
        """Raise if calls are refused now (closed, or called from a running event loop)."""
        if self._closing:
            raise RuntimeError(_CLOSED)
        if asyncio._get_running_loop() is not None:
            raise RuntimeError(_IN_LOOP)

    def _submit(self, call: _Call) -> None:
        with self._lock:
            if self._closing:
                call.coro.close()  # never started: close it so Python does not warn
                raise RuntimeError(_CLOSED)
            loop = self.loop
            if loop is None:
                # The first call in a forked child.
                try:
                    loop = self._start_loop()
                except BaseException:
                    call.coro.close()
                    raise
            self._queue.append(call)
            if self._wakeup_pending:
                return
            self._wakeup_pending = True
        try:
            self._wake(loop)
        except BaseException:
            # Interrupted (Ctrl-C) between raising the flag and waking the loop: calls other
            # threads queued meanwhile count on this wake-up, and with the flag left up no
            # later call would wake the loop either. Its caller gets the interrupt, so this
            # call is dropped if it has not started.
            call.abandoned = True
            with self._lock:
                self._wakeup_pending = False
            self._wake(loop)
            raise

    def _wake(self, loop: asyncio.AbstractEventLoop) -> None:
        # RuntimeError: the loop closed in between. Only close() does that, after its drain
        # took everything queued before it, this call included: its outcome is on its way.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._start_queued)

    def _start_queued(self) -> None:
        """On the loop thread: start a task for every queued call."""
        with self._lock:
            calls, self._queue = self._queue, []
            self._wakeup_pending = False
        loop = cast(asyncio.AbstractEventLoop, self.loop)  # this thread's loop
        for call in calls:
            if call.abandoned:
                call.coro.close()
                call.error = concurrent.futures.CancelledError()
                call.done.release()
                continue
            task = loop.create_task(_run_call(call, self._tasks))
            call.task = task
            # Tracked so close() can wait for calls in flight instead of cutting them off.
            self._tasks.add(task)

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run ``coro`` on the loop and block until it finishes; its exception is re-raised."""
        try:
            self.check()
        except RuntimeError:
            coro.close()
            raise
        call = _Call(coro)
        self._submit(call)
        try:
            call.done.acquire()
        except BaseException:
            # Interrupted while waiting (KeyboardInterrupt): do not leave the call running.
            call.abandoned = True
            loop = self.loop
            # RuntimeError: the loop closed meanwhile, so the call has already ended.
            with contextlib.suppress(RuntimeError):
                if loop is not None:
                    loop.call_soon_threadsafe(self._cancel, call)
            raise
        error = call.error
        if error is not None:
            del call  # the traceback refers to this frame: no cycle through the call
            raise error
        return cast(T, call.result)

    @staticmethod
    def _cancel(call: _Call) -> None:
        # Not started yet: _start_queued sees `abandoned` and never starts it.
        if call.task is not None:
            call.task.cancel()
            if not call.started:
                # Its task is cancelled before its first step, so _run_call never runs:
                # close the call's coroutine so Python does not warn it was never awaited.
                call.coro.close()

    def run_soon(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Schedule ``coro`` without waiting (cleanup from finalizers); dropped when closing."""
        # RuntimeError: closing; the loop's shutdown finalizes what this would have.
        with contextlib.suppress(RuntimeError):
            self._submit(_Call(coro))

    async def _drain(self, grace: float | None) -> None:
        """On the loop thread, once closing: end every call accepted before close()."""
        with self._lock:
            calls, self._queue = self._queue, []
            self._wakeup_pending = False
        for call in calls:
            # Not started, so nothing was sent: they fail like calls made after close().
            call.refuse()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=grace)
        # Whatever still runs is cut off here: the transport fails it at once with an
        # APIConnectionError saying the client was closed (its request_sent tells whether
        # the server may have seen it), and retries none of them.
        await self.client.aclose()
        if self._tasks:
            # Only code that ignores the closed pool (a slow token store or callback) is
            # still running now; it is not worth a hung close().
            _, stuck = await asyncio.wait(list(self._tasks), timeout=_SETTLE_SECONDS)
            for task in stuck:
                task.cancel()
            if stuck:
                await asyncio.wait(stuck)

    def close(self, timeout: float | None) -> None:
        """Refuse new calls, end those in flight (see :meth:`_drain`), stop the loop thread."""
        running = asyncio._get_running_loop()
        if running is not None and running is self.loop:
            raise RuntimeError(
                "an AstravueSyncClient cannot be closed from its own event loop thread "
                "(e.g. from on_token_refresh): it would wait for itself"
            )
        with self._lock:
            first = not self._closing
            self._closing = True
            loop, thread = self.loop, self.thread
        if not first:
            # Closed already, or another thread is closing: return once it is done.
            if thread is not None:
                thread.join()
            return
        if loop is None:
            # A forked child that never made a call: it has no loop and no pool of its own
            # (the pool it inherited is the parent's to close).
            return
        # Requests not sent yet (waiting for a connection slot or a retry) are refused at
        # once; only those already on the wire get the grace period.
        loop.call_soon_threadsafe(self.client._transport.begin_close)
        try:
            asyncio.run_coroutine_threadsafe(self._drain(timeout), loop).result()
        finally:
            # Even if interrupted while draining: a half-closed core would hang later closes.
            self._shutdown(self.client.aclose)

    def _shutdown(self, aclose: Callable[[], Coroutine[Any, Any, None]] | None) -> None:
        self._closing = True
        loop, thread = self.loop, self.thread
        if loop is None or thread is None:
            return
        try:
            if aclose is not None:
                asyncio.run_coroutine_threadsafe(aclose(), loop).result()
        finally:
            with contextlib.suppress(RuntimeError):  # the loop has stopped already
                loop.call_soon_threadsafe(loop.stop)
            thread.join()

    def __del__(self, _warn: Any = warnings.warn) -> None:
        if not hasattr(self, "client"):
            return  # construction failed and was cleaned up there
        with self._lock:
            if self._closing:
                return
            self._closing = True
            loop = self.loop
        if loop is None:
            return  # a forked child that never used it: nothing of its own to shut down
        try:
            # Without waiting: __del__ may run on any thread, the loop thread included.
            future = asyncio.run_coroutine_threadsafe(self.client.aclose(), loop)
            future.add_done_callback(lambda _: loop.call_soon_threadsafe(loop.stop))
        except Exception:  # noqa: S110 - best effort: interpreter shutdown may have closed it
            pass
        # Shut down first: with warnings turned into errors, warn() raises.
        _warn(
            "an AstravueSyncClient was garbage collected without being closed; use "
            "`with AstravueSyncClient(...)` or `client.close()`",
            ResourceWarning,
            stacklevel=2,
        )


# Every live core, so that a forked child can let go of its parent's loops before any
# thread of the child runs (see _Core._forget_parent_loop).
_cores: weakref.WeakSet[_Core] = weakref.WeakSet()

# What a forked child inherited from the parent's loop threads: loops, threads, calls and
# tasks, kept for the child's lifetime and never touched. The loops' epoll instances and
# self-pipes are shared with the parent: closing one here would unregister descriptors the
# parent's loop is watching, and collecting one would warn about (and close) a loop that is
# not the child's.
_INHERITED: list[object] = []


def _after_fork_in_child() -> None:
    for core in list(_cores):
        core._forget_parent_loop()


if hasattr(os, "register_at_fork"):  # not on Windows, where there is no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _check_close_timeout(timeout: object) -> float | None:
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(
            f"timeout must be a number of seconds or None, not {type(timeout).__name__}"
        )
    if not timeout >= 0:  # also rejects NaN
        raise ValueError(f"timeout must be >= 0 seconds, got {timeout}")
    return float(timeout)


class _Scope:
    """One client's view of the core; closing a ``with_options`` copy closes only its scope."""

    __slots__ = ("_closed", "core", "owner")

    def __init__(self, core: _Core, *, owner: bool) -> None:
        self.core = core
        self.owner = owner
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed or self.core.closed

    def check(self) -> None:
        if self._closed:
            raise RuntimeError(_CLOSED)
        self.core.check()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        if self._closed:
            coro.close()
            raise RuntimeError(_CLOSED)
        return self.core.run(coro)

    def close(self, timeout: float | None) -> None:
        if self.owner:
            self.core.close(timeout)  # may refuse (own loop thread): then stay open
        self._closed = True


class SyncPaginator(Generic[T]):
    """Blocking twin of :class:`~astravue_async.Paginator`; pages are fetched lazily.

    * ``for item in paginator`` → every item, fetching each page only when needed;
    * ``paginator.first_page()`` → the first :class:`~astravue_async.Page`;
    * ``for page in paginator.pages()`` → page by page;
    * ``paginator.to_list()`` → every item in one list.

    Each iteration starts again from the first page. The ``limit`` and ``page_size`` given to
    the list method apply. One iteration belongs to one thread at a time. Returned by the
    list methods of :class:`AstravueSyncClient`; not meant to be constructed directly.
    """

    def __init__(self, paginator: Paginator[T], scope: _Scope) -> None:
        self._paginator = paginator
        self._scope = scope

    def __repr__(self) -> str:
        return f"SyncPaginator({self._paginator!r})"

    def on_change(self, policy: OnChange) -> SyncPaginator[T]:
        """A copy that handles a collection changing under it per ``policy``: ``"raise"``
        (the default, :class:`~astravue_async.CollectionChangedError`), ``"warn"`` or
        ``"ignore"``; see :meth:`astravue_async.Paginator.on_change`.

        Raises:
            ValueError: ``policy`` is none of those (nothing is sent).
        """
        return SyncPaginator(self._paginator.on_change(policy), self._scope)

    def first_page(self) -> Page[T]:
        """The first page."""
        return self._scope.run(self._paginator.first_page())

    def pages(self) -> Iterator[Page[T]]:
        """Every page in order, stopping at the last (or once ``limit`` items were seen)."""
        for page, _ in self._walk(deferred=False):
            yield page

    def _walk(self, *, deferred: bool) -> Iterator[tuple[Page[T], Callable[[Any], T] | None]]:
        scope = self._scope
        scope.check()
        source = self._paginator._walk(deferred=deferred)
        exhausted = False
        try:
            while True:
                found = scope.run(_next_or_none(source))
                if found is None:
                    exhausted = True
                    return
                yield found
        finally:
            if not exhausted:
                # Stopped early (break, error, or garbage collected): finalize the async
                # generator on its loop. Not waited for, as this may run inside a finalizer.
                scope.core.run_soon(_aclose_quietly(source))

    def __iter__(self) -> Iterator[T]:
        # Items are built in the caller's thread as they are read, as async for does.
        for page, build in self._walk(deferred=True):
            if build is None:
                yield from page.items
            else:
                for mirror in page.items:
                    yield build(mirror)

    def to_list(self) -> list[T]:
        """Every item (respecting ``limit``) in one list."""
        return self._scope.run(self._paginator.to_list())


class _SyncResource(SyncForwarder[R_co]):
    """Base of the ``client.<resource>`` namespaces of :class:`AstravueSyncClient`.

    Runs the generated methods (``_run``, ``_page``, see ``_generated/sync_resources.py``) and
    the ``_sync`` descriptors of the hand-written ones. Listed after the generated base by each
    namespace, so these definitions come before ``SyncForwarder``'s in the MRO.
    """

    def __init__(self, resource: R_co, scope: _Scope) -> None:
        self._resource = resource
        self._scope = scope

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._resource!r}>"

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        # Refused (closed, or called from a running loop): the scope closes the coroutine, so
        # Python does not warn that it was never awaited; nothing is sent.
        return self._scope.run(coro)

    def _page(self, paginator: Paginator[T]) -> SyncPaginator[T]:
        # Refused here rather than at the first page: a paginator made in async code could
        # never be iterated anyway.
        self._scope.check()
        return SyncPaginator(paginator, self._scope)

    def _bind(self, name: str) -> Callable[..., Any]:
        method = getattr(self._resource, name)
        scope = self._scope

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            # Checked before calling: a coroutine that is then refused would warn "never
            # awaited", and a paginator made in async code could never be iterated anyway.
            scope.check()
            result = method(*args, **kwargs)
            if isinstance(result, Paginator):
                return SyncPaginator(result, scope)
            if inspect.iscoroutine(result):
                return scope.run(result)
            return result

        return call


class _SyncMethod(Generic[R, P, T]):
    """Class attribute of a sync resource: reading it from an instance gives the sync method.

    Its type parameters come from the async method (see :func:`_sync`), which is what gives
    ``client.timers.start`` the signature ``(task_id: int, *, project_id: ...) ->
    TimeTrackerDto`` for type checkers. A ``ParamSpec`` keeps one signature only, so an
    ``@overload``-ed method cannot be wrapped this way: it is generated instead.
    """

    def __init__(self, name: str, doc: str | None) -> None:
        self._name = name
        self.__doc__ = doc

    def __set_name__(self, owner: type[Any], name: str) -> None:
        # Catches copy-paste slips such as `update = _sync(Tasks.get)` at import time.
        if name != self._name:
            raise TypeError(f"{owner.__name__}.{name} wraps a method named {self._name!r}")

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, instance: _SyncResource[R], owner: type[Any]) -> Callable[P, T]: ...

    def __get__(self, instance: _SyncResource[R] | None, owner: type[Any]) -> Self | Callable[P, T]:
        if instance is None:
            return self
        bound = instance._bind(self._name)
        # Kept on the instance, which shadows this (non-data) descriptor from now on: binding
        # anew on every `client.tasks.get(...)` costs more than the thread hand-off.
        instance.__dict__[self._name] = bound
        return cast("Callable[P, T]", bound)


@overload
def _sync(
    method: Callable[Concatenate[R, P], Paginator[T]],
) -> _SyncMethod[R, P, SyncPaginator[T]]: ...


@overload
def _sync(method: Callable[Concatenate[R, P], Coroutine[Any, Any, T]]) -> _SyncMethod[R, P, T]: ...


def _sync(method: Callable[..., Any]) -> _SyncMethod[Any, ..., Any]:
    """Declare the sync twin of a hand-written async resource method (types derived from it).

    Raises:
        TypeError: ``method`` is overloaded (its twin would type-check against one of its
            signatures only); generate it instead (``codegen/resources.py``).
    """
    if get_overloads(method):
        raise TypeError(
            f"{method.__qualname__} is overloaded; _sync() would keep one signature only"
        )
    return _SyncMethod(method.__name__, method.__doc__)


# Each namespace: the generated base (the methods that only restate the spec) first, then the
# machinery that runs them; ``_sync`` only for the methods hand-written in the async resource.


class SyncSpaces(SyncSpacesBase[Spaces], _SyncResource[Spaces]):
    """Spaces of the organisation (blocking twin of :class:`~astravue_async.resources.Spaces`)."""


class SyncProjects(SyncProjectsBase[Projects], _SyncResource[Projects]):
    """Projects of a space (blocking twin of :class:`~astravue_async.resources.Projects`)."""


class SyncTasks(SyncTasksBase[Tasks], _SyncResource[Tasks]):
    """Personal tasks (blocking twin of :class:`~astravue_async.resources.Tasks`)."""


class SyncProjectTasks(SyncProjectTasksBase[ProjectTasks], _SyncResource[ProjectTasks]):
    """Tasks of a project (blocking twin of :class:`~astravue_async.resources.ProjectTasks`)."""


class SyncTimers(SyncTimersBase[Timers], _SyncResource[Timers]):
    """Time tracking (blocking twin of :class:`~astravue_async.resources.Timers`)."""

    start = _sync(Timers.start)
    add_range = _sync(Timers.add_range)
    add_manual = _sync(Timers.add_manual)


class SyncNotifications(SyncNotificationsBase[Notifications], _SyncResource[Notifications]):
    """Notifications (blocking twin of :class:`~astravue_async.resources.Notifications`)."""

    mark_read = _sync(Notifications.mark_read)
    delete = _sync(Notifications.delete)


class SyncComments(SyncCommentsBase[Comments], _SyncResource[Comments]):
    """Task comments (blocking twin of :class:`~astravue_async.resources.Comments`)."""


class SyncSubtasks(_SyncResource[Subtasks]):
    """Subtasks (blocking twin of :class:`~astravue_async.resources.Subtasks`)."""

    list = _sync(Subtasks.list)


class SyncChecklists(_SyncResource[Checklists]):
    """Checklist items (blocking twin of :class:`~astravue_async.resources.Checklists`)."""

    list = _sync(Checklists.list)


class SyncSpacesWithRawResponse(
    SyncSpacesRawBase[SpacesWithRawResponse], _SyncResource[SpacesWithRawResponse]
):
    """``client.with_raw_response.spaces`` of the sync client."""


class SyncProjectsWithRawResponse(
    SyncProjectsRawBase[ProjectsWithRawResponse], _SyncResource[ProjectsWithRawResponse]
):
    """``client.with_raw_response.projects`` of the sync client."""


class SyncTasksWithRawResponse(
    SyncTasksRawBase[TasksWithRawResponse], _SyncResource[TasksWithRawResponse]
):
    """``client.with_raw_response.tasks`` of the sync client."""


class SyncProjectTasksWithRawResponse(
    SyncProjectTasksRawBase[ProjectTasksWithRawResponse],
    _SyncResource[ProjectTasksWithRawResponse],
):
    """``client.with_raw_response.project_tasks`` of the sync client."""


class SyncTimersWithRawResponse(
    SyncTimersRawBase[TimersWithRawResponse], _SyncResource[TimersWithRawResponse]
):
    """``client.with_raw_response.timers`` of the sync client."""

    start = _sync(TimersWithRawResponse.start)
    add_range = _sync(TimersWithRawResponse.add_range)
    add_manual = _sync(TimersWithRawResponse.add_manual)


class SyncNotificationsWithRawResponse(
    SyncNotificationsRawBase[NotificationsWithRawResponse],
    _SyncResource[NotificationsWithRawResponse],
):
    """``client.with_raw_response.notifications`` of the sync client."""

    mark_read = _sync(NotificationsWithRawResponse.mark_read)
    delete = _sync(NotificationsWithRawResponse.delete)


class SyncCommentsWithRawResponse(
    SyncCommentsRawBase[CommentsWithRawResponse], _SyncResource[CommentsWithRawResponse]
):
    """``client.with_raw_response.comments`` of the sync client."""


class SyncSubtasksWithRawResponse(_SyncResource[SubtasksWithRawResponse]):
    """``client.with_raw_response.subtasks`` of the sync client."""

    list = _sync(SubtasksWithRawResponse.list)


class SyncChecklistsWithRawResponse(_SyncResource[ChecklistsWithRawResponse]):
    """``client.with_raw_response.checklists`` of the sync client."""

    list = _sync(ChecklistsWithRawResponse.list)


class SyncWithRawResponse:
    """The sync client's ``with_raw_response``: its resources and verbs, each returning an
    :class:`~astravue_async.APIResponse` (see
    :attr:`AstravueClient.with_raw_response <astravue_async.AstravueClient.with_raw_response>`).
    """

    def __init__(self, raw: WithRawResponse, scope: _Scope) -> None:
        self._raw = raw
        self._scope = scope
        self.spaces = SyncSpacesWithRawResponse(raw.spaces, scope)
        self.projects = SyncProjectsWithRawResponse(raw.projects, scope)
        self.tasks = SyncTasksWithRawResponse(raw.tasks, scope)
        self.project_tasks = SyncProjectTasksWithRawResponse(raw.project_tasks, scope)
        self.timers = SyncTimersWithRawResponse(raw.timers, scope)
        self.notifications = SyncNotificationsWithRawResponse(raw.notifications, scope)
        self.comments = SyncCommentsWithRawResponse(raw.comments, scope)
        self.subtasks = SyncSubtasksWithRawResponse(raw.subtasks, scope)
        self.checklists = SyncChecklistsWithRawResponse(raw.checklists, scope)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> APIResponse[Any]:
        """:meth:`AstravueSyncClient.request`, returning the response (``.parse()`` is the
        envelope's ``data`` as plain JSON); arguments as there."""
        self._scope.check()
        return self._scope.run(
            self._raw.request(method, path, params=params, json=json, idempotent=idempotent)
        )


class AstravueSyncClient:
    """Blocking client for the Astravue API, bound to one organisation (``X-Org-Id``).

    Takes the keyword arguments of :class:`~astravue_async.AstravueClient` except ``session``.
    Use it as ``with AstravueSyncClient(...) as client:`` (or call :meth:`close`). Share one
    client across threads; it holds one event-loop thread and one connection pool.

    Resources, with the async client's methods and types, blocking (``help(client.<name>)``):
    ``spaces``, ``projects``, ``tasks``, ``project_tasks``, ``timers``, ``notifications``,
    ``comments``, ``subtasks``, ``checklists``. List methods return a :class:`SyncPaginator`.

    Args:
        org_id: the organisation (tenant) every call acts in.
        token: an :class:`~astravue_async.OAuth2Token`; with ``client_id`` (and
            ``client_secret``) its refresh token renews the access token before it expires.
        access_token: a static access token, for short scripts (no refresh).
        on_token_refresh: called with every new token (on the client's loop thread).
        token_store: a :class:`~astravue_async.TokenStore` every new token is saved to.
        max_retries: how many times a failed call may be repeated (0: never); which
            failures are repeated depends on the operation (see the README's "Reliability").
        timeout: seconds the whole call may take (attempts, waits between them, a token
            refresh); then it raises :class:`~astravue_async.APITimeoutError`.
        attempt_timeout: seconds one attempt may take (default: no limit of its own); a
            slower response is abandoned and, if the operation may be repeated, retried while
            ``timeout`` allows.
        max_concurrency: cap on requests in flight at once (None: the pool's limit).
        requests_per_second: space request starts at least ``1/requests_per_second``
            seconds apart (the same as ``rate_limit=LocalRateLimiter(requests_per_second)``).
        rate_limit: a request budget every HTTP attempt (retries included) waits for,
            within ``timeout``: a :class:`~astravue_async.LocalRateLimiter` (may be shared by
            several clients), an :class:`astravue_async.redis.RedisRateLimiter` (one budget for
            every worker; one instance per sync client, as it belongs to the client's loop), or
            any :class:`~astravue_async.RateLimiter`. Never closed by the client. Not together
            with ``requests_per_second`` (:class:`TypeError`).
        connection_limit: size of the connection pool shared by all threads.
        base_url: the API root; plain http only for this machine unless
            ``allow_insecure_http``.
        token_url: the OAuth2 token endpoint used for refreshes.
        verify_ssl: verify TLS certificates (leave on outside tests), or an
            :class:`ssl.SSLContext` that trusts your own certificate authority.
        proxy: an ``http://`` or ``https://`` proxy URL for the API and the token
            endpoint; ``http://user:password@host:port`` authenticates to the proxy.
        trust_env: take the proxy from ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY``
            (``NO_PROXY`` exempts hosts) when ``proxy`` is not given; read once, at creation.
        event_hooks: functions called after every HTTP request and token refresh (on the
            client's loop thread), as for :class:`~astravue_async.AstravueClient`.
        tracer_provider: an OpenTelemetry ``TracerProvider`` (None: the global one, if
            set); spans of a call are children of the span current in the calling thread.
        meter_provider: an OpenTelemetry ``MeterProvider`` (None: the global one, if set).
        propagate_trace_context: send each request's trace context to the API.
    """

    spaces: SyncSpaces
    projects: SyncProjects
    tasks: SyncTasks
    project_tasks: SyncProjectTasks
    timers: SyncTimers
    notifications: SyncNotifications
    comments: SyncComments
    subtasks: SyncSubtasks
    checklists: SyncChecklists

    def __init__(
        self,
        *,
        org_id: int,
        token: OAuth2Token | None = None,
        access_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        on_token_refresh: TokenCallback | None = None,
        token_store: TokenStore | None = None,
        base_url: str = DEFAULT_BASE_URL,
        token_url: str = DEFAULT_TOKEN_URL,
        max_retries: int = 3,
        timeout: float = DEFAULT_TIMEOUT,
        attempt_timeout: float | None = None,
        max_concurrency: int | None = None,
        requests_per_second: float | None = None,
        rate_limit: RateLimiter | None = None,
        connection_limit: int = 100,
        allow_insecure_http: bool = False,
        verify_ssl: bool | ssl.SSLContext = True,
        proxy: str | None = None,
        trust_env: bool = True,
        event_hooks: EventHooks | None = None,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        propagate_trace_context: bool = False,
    ) -> None:
        def factory() -> AstravueClient:
            return AstravueClient(
                org_id=org_id,
                token=token,
                access_token=access_token,
                client_id=client_id,
                client_secret=client_secret,
                on_token_refresh=on_token_refresh,
                token_store=token_store,
                base_url=base_url,
                token_url=token_url,
                max_retries=max_retries,
                timeout=timeout,
                attempt_timeout=attempt_timeout,
                max_concurrency=max_concurrency,
                requests_per_second=requests_per_second,
                rate_limit=rate_limit,
                connection_limit=connection_limit,
                allow_insecure_http=allow_insecure_http,
                verify_ssl=verify_ssl,
                proxy=proxy,
                trust_env=trust_env,
                event_hooks=event_hooks,
                tracer_provider=tracer_provider,
                meter_provider=meter_provider,
                propagate_trace_context=propagate_trace_context,
            )

        self._start(factory)

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        org_id: int | None = None,
        **overrides: Unpack[SyncClientOptions],
    ) -> AstravueSyncClient:
        """A client configured from ``ASTRAVUE_*`` variables, as
        :meth:`AstravueClient.from_env <astravue_async.AstravueClient.from_env>` does
        (keywords win over variables).

        Args:
            environ: where to read the variables (default: ``os.environ``).
            org_id: the organisation, instead of ``ASTRAVUE_ORG_ID``.
            overrides: any other :class:`AstravueSyncClient` keyword (see
                :class:`SyncClientOptions`; ``session`` is not one: the loop is private).

        Raises:
            ValueError: naming the missing or malformed variable, or the bad argument.
            TypeError: ``session=`` was given (for callers that are not type-checked).
        """
        if "session" in overrides:
            raise TypeError("AstravueSyncClient does not accept session= (its loop is private)")
        client = object.__new__(cls)
        client._start(lambda: AstravueClient.from_env(environ, org_id=org_id, **overrides))
        return client

    def _start(self, factory: Callable[[], AstravueClient]) -> None:
        core = _Core(factory)
        self._setup(_Scope(core, owner=True), core.client)

    def _setup(self, scope: _Scope, client: AstravueClient) -> None:
        self._scope = scope
        self._async = client
        self._raw: SyncWithRawResponse | None = None
        self.spaces = SyncSpaces(client.spaces, scope)
        self.projects = SyncProjects(client.projects, scope)
        self.tasks = SyncTasks(client.tasks, scope)
        self.project_tasks = SyncProjectTasks(client.project_tasks, scope)
        self.timers = SyncTimers(client.timers, scope)
        self.notifications = SyncNotifications(client.notifications, scope)
        self.comments = SyncComments(client.comments, scope)
        self.subtasks = SyncSubtasks(client.subtasks, scope)
        self.checklists = SyncChecklists(client.checklists, scope)

    def __repr__(self) -> str:
        return f"<AstravueSyncClient wrapping {self._async!r}>"

    @property
    def org_id(self) -> int:
        """The organisation every call of this client acts in."""
        return self._async.org_id

    @property
    def token(self) -> OAuth2Token:
        """The current token (tokens are never shown by its repr)."""
        return self._async.token

    @property
    def closed(self) -> bool:
        """Whether this client (or the client it was copied from) has been closed."""
        return self._scope.closed

    @property
    def with_raw_response(self) -> SyncWithRawResponse:
        """The same resources and verbs, returning an :class:`~astravue_async.APIResponse`
        instead of the model: ``client.with_raw_response.tasks.get(7).parse()`` is
        ``client.tasks.get(7)``. A list verb returns its first page's response, whose
        ``.parse()`` is that :class:`~astravue_async.Page`. See
        :attr:`AstravueClient.with_raw_response
        <astravue_async.AstravueClient.with_raw_response>`."""
        raw = self._raw
        if raw is None:
            raw = self._raw = SyncWithRawResponse(self._async.with_raw_response, self._scope)
        return raw

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self, *, timeout: float | None = DEFAULT_CLOSE_TIMEOUT) -> None:
        """Refuse new calls, let calls in flight finish, close the pool, stop the loop thread.

        From the moment ``close()`` starts, every new call (from any thread) raises
        ``RuntimeError`` saying the client has been closed, as do calls that were queued but
        not started yet (nothing was sent for them). Calls started but not sent yet (waiting
        for a connection, a retry, a token refresh or the rate limit) fail at once with
        :class:`~astravue_async.APIConnectionError` (``request_sent=False`` unless an earlier
        attempt was sent). Calls whose request is going out get up to ``timeout`` seconds to
        finish normally; then the pool is closed and each one still running fails at once
        with :class:`~astravue_async.APIConnectionError` saying the client was closed (its
        ``request_sent`` tells whether the server may have seen the request). A token
        refresh in flight is waited for, so that a rotated refresh token is kept. Returns
        once the loop thread has ended.

        Idempotent; a second (or concurrent) close waits for the first. On a
        :meth:`with_options` copy it only makes the copy unusable: the pool and thread belong
        to the client that created them.

        Args:
            timeout: seconds (>= 0) to wait for calls in flight, 5 by default; ``None``
                waits as long as they take (each is bounded by its own ``timeout``).

        Raises:
            TypeError: ``timeout`` is not a number or None.
            ValueError: ``timeout`` is negative or NaN.
            RuntimeError: called on the client's own loop thread (e.g. from
                ``on_token_refresh``); the client stays open.
        """
        self._scope.close(_check_close_timeout(timeout))

    # ------------------------------------------------------------------ variants

    def with_options(
        self,
        *,
        org_id: int | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        attempt_timeout: float | None = None,
    ) -> AstravueSyncClient:
        """A copy with other defaults sharing this client's thread, pool and token manager.

        For multi-tenant bots: ``client.with_options(org_id=7).tasks.list()``.
        """
        if self._scope.closed:
            raise RuntimeError(_CLOSED)
        clone = object.__new__(AstravueSyncClient)
        variant = self._async.with_options(
            org_id=org_id, timeout=timeout, max_retries=max_retries, attempt_timeout=attempt_timeout
        )
        clone._setup(_Scope(self._scope.core, owner=False), variant)
        return clone

    # ------------------------------------------------------------------ escape hatch

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Call an endpoint the spec does not describe, with auth, retries and errors.

        Args:
            method: ``GET``, ``POST``, ``PUT``, ``PATCH`` or ``DELETE``.
            path: relative to the base URL, starting with ``/`` (``/tasks/1/comments``);
                no query string, no ``.``/``..`` segments.
            params: query parameters (None values are left out; datetimes and enums are
                sent in the API's wire form).
            json: the request body: a model or JSON-shaped data.
            idempotent: whether sending the request again after it may have reached the
                server is safe (it is then retried after timeouts and 5xx). Default: by the
                method, as RFC 9110 defines it (GET, PUT, DELETE yes; POST, PATCH no). Say
                ``False`` for a PUT that acts like "stop timer".

        Returns:
            the envelope's ``data`` as plain JSON (None for an empty success).

        Raises:
            APIStatusError: the API answered with an error (its subclass by status).
            APIConnectionError: the request could not be delivered or answered in time.
            TypeError, ValueError: an argument is invalid (nothing is sent).
        """
        self._scope.check()
        return self._scope.run(
            self._async.request(method, path, params=params, json=json, idempotent=idempotent)
        )
