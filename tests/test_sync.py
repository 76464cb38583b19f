"""``AstravueSyncClient`` against a real aiohttp server running in its own thread and loop."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import inspect
import signal
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any, get_overloads, get_type_hints

import pytest
from aiohttp import web

from astravue_async import (
    APIConnectionError,
    APIStatusError,
    AstravueClient,
    ClientOptions,
    NotFoundError,
    Page,
)
from astravue_async._generated import models
from astravue_async._generated import resources as generated
from astravue_async._generated import sync_resources as sync_generated
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
from astravue_async.sync import (
    AstravueSyncClient,
    SyncChecklists,
    SyncClientOptions,
    SyncComments,
    SyncNotifications,
    SyncPaginator,
    SyncProjects,
    SyncProjectTasks,
    SyncSpaces,
    SyncSubtasks,
    SyncTasks,
    SyncTimers,
    _sync,
    _SyncMethod,
    _SyncResource,
)

TOTAL_TASKS = 53  # not a multiple of any page size used below
SLOW_TASK_ID = 777  # GET /tasks/777 answers after a delay (for "close waits for calls")
HELD_TASK_ID = 778  # GET /tasks/778 answers only once the test releases it
DEADLINE = 10.0


def envelope(data: Any) -> dict[str, Any]:
    return {"success": True, "message": "ok", "code": 200, "data": data}


class ApiServer:
    """A tiny Astravue look-alike on 127.0.0.1, served from its own thread and event loop.

    Counters are only touched by handlers, which all run on the server's loop thread.
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="test-api-server", daemon=True
        )
        self.client_ports: set[int] = set()
        self.org_ids: list[str] = []
        self.task_pages: list[tuple[int, int]] = []
        self.bodies: list[Any] = []  # JSON bodies of POST and PUT /tasks..., in order
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.slow_call_arrived = threading.Event()
        self.held_call_arrived = threading.Event()
        self._release_held: asyncio.Event | None = None
        self._next_id = 10_000
        self.flaky_posts = 0  # POST /flaky: a 503 the first time, then a success
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(DEADLINE)

    def release_held(self) -> None:
        if self._release_held is not None:
            self.loop.call_soon_threadsafe(self._release_held.set)

    def stop(self) -> None:
        self.release_held()
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(DEADLINE)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(DEADLINE)
        self.loop.close()

    async def _start(self) -> None:
        app = web.Application(middlewares=[self._observe])
        app.router.add_get("/v1/spaces", self._spaces)
        app.router.add_get("/v1/tasks", self._list_tasks)
        app.router.add_post("/v1/tasks", self._create_task)
        app.router.add_get("/v1/tasks/{taskId}", self._get_task)
        app.router.add_put("/v1/tasks/{taskId}", self._update_task)
        app.router.add_post("/v1/flaky", self._flaky)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    @web.middleware
    async def _observe(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        assert request.headers["Authorization"] == "Bearer t"
        peer = request.transport.get_extra_info("peername") if request.transport else None
        assert peer is not None
        self.client_ports.add(peer[1])
        self.org_ids.append(request.headers["X-Org-Id"])
        self.requests += 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            # A little latency so the 32 client threads really overlap on the server.
            await asyncio.sleep(0.001)
            response: web.StreamResponse = await handler(request)
            return response
        finally:
            self.in_flight -= 1

    async def _spaces(self, request: web.Request) -> web.Response:
        return web.json_response(
            envelope([{"spaceId": 1, "spaceName": "x"}, {"spaceId": 2, "spaceName": "y"}])
        )

    async def _list_tasks(self, request: web.Request) -> web.Response:
        page, size = int(request.query["page"]), int(request.query["size"])
        self.task_pages.append((page, size))
        start = page * size
        ids = range(start + 1, min(start + size, TOTAL_TASKS) + 1)
        return web.json_response(
            envelope(
                {
                    "content": [{"taskId": i, "taskTitle": f"task {i}"} for i in ids],
                    "page": page,
                    "size": size,
                    "totalElements": TOTAL_TASKS,
                    "last": start + size >= TOTAL_TASKS,
                }
            )
        )

    async def _update_task(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.bodies.append(body)
        task_id = int(request.match_info["taskId"])
        return web.json_response(envelope({"taskId": task_id, "taskTitle": f"task {task_id}"}))

    async def _create_task(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.bodies.append(body)
        self._next_id += 1
        return web.json_response(
            envelope({"taskId": self._next_id, "taskTitle": body["taskTitle"]})
        )

    async def _flaky(self, request: web.Request) -> web.Response:
        self.flaky_posts += 1
        if self.flaky_posts == 1:
            return web.json_response({"success": False, "message": "busy", "code": 503}, status=503)
        return web.json_response(envelope({"ok": True}))

    async def _get_task(self, request: web.Request) -> web.Response:
        task_id = int(request.match_info["taskId"])
        if task_id == HELD_TASK_ID:
            self._release_held = asyncio.Event()
            self.held_call_arrived.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release_held.wait(), DEADLINE)
        elif task_id == SLOW_TASK_ID:
            self.slow_call_arrived.set()
            await asyncio.sleep(0.3)
        elif not 1 <= task_id <= TOTAL_TASKS:
            return web.json_response(
                {"success": False, "message": "not found", "code": 404}, status=404
            )
        return web.json_response(envelope({"taskId": task_id, "taskTitle": f"task {task_id}"}))


@pytest.fixture
def server() -> Iterator[ApiServer]:
    api = ApiServer()
    api.start()
    try:
        yield api
    finally:
        api.stop()


def make_client(server: ApiServer, **kwargs: Any) -> AstravueSyncClient:
    return AstravueSyncClient(org_id=1, access_token="t", base_url=server.base_url, **kwargs)


@pytest.fixture
def client(server: ApiServer) -> Iterator[AstravueSyncClient]:
    with make_client(server) as sync_client:
        yield sync_client


def loop_thread(client: AstravueSyncClient) -> threading.Thread:
    return client._scope.core.thread


def run_in_thread(target: Callable[[], None]) -> None:
    """Run ``target`` in a fresh thread and fail (instead of hanging) if it does not finish."""
    errors: list[BaseException] = []

    def body() -> None:
        try:
            target()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    assert not thread.is_alive(), "deadlocked"
    if errors:
        raise errors[0]


# ---------------------------------------------------------------------------- threads


def test_32_threads_share_one_loop_thread_and_one_pool(server: ApiServer) -> None:
    threads_before = set(threading.enumerate())
    # A pool smaller than the thread count: if each thread (or call) had its own session the
    # server would see more client connections than one pool allows.
    client = make_client(server, connection_limit=8)
    try:
        assert set(threading.enumerate()) - threads_before == {loop_thread(client)}
        sessions: set[int] = set()

        def worker(n: int) -> int:
            done = 0
            for i in range(50):
                k = n * 50 + i
                match k % 4:
                    case 0:
                        assert client.tasks.get(k % TOTAL_TASKS + 1).task_id == k % TOTAL_TASKS + 1
                    case 1:
                        assert client.tasks.create(task_title=f"t{k}").task_title == f"t{k}"
                    case 2:
                        spaces = client.spaces.list().to_list()
                        assert [s.space_id for s in spaces] == [1, 2]
                    case _:
                        tasks = client.tasks.list(page_size=20, limit=3).to_list()
                        assert [t.task_id for t in tasks] == [1, 2, 3]
                sessions.add(id(client._async._transport._session))
                done += 1
            return done

        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            results = list(pool.map(worker, range(32)))
        assert sum(results) == 1600
        assert server.requests == 1600
        assert server.max_in_flight > 1, "the calls did not overlap; the bound proves nothing"
        assert len(server.client_ports) <= 8
        assert len(sessions) == 1
        session = client._async._transport._session
        assert session is not None and id(session) in sessions
        assert set(threading.enumerate()) - threads_before == {loop_thread(client)}
    finally:
        client.close()
    assert session.closed
    assert not loop_thread(client).is_alive()
    assert set(threading.enumerate()) == threads_before


def test_close_waits_for_calls_in_flight(server: ApiServer) -> None:
    client = make_client(server)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        slow = pool.submit(client.tasks.get, SLOW_TASK_ID)
        assert server.slow_call_arrived.wait(DEADLINE)
        client.close()
        # A success, not a "closed" error, is what shows close() let it finish. (Not done()
        # right after close(): the worker thread may not have picked its result up yet.)
        assert slow.result(DEADLINE).task_id == SLOW_TASK_ID
    with pytest.raises(RuntimeError, match="closed"):
        client.tasks.get(1)


def _transport_of(client: AstravueSyncClient) -> Any:
    return client._scope.core.client._transport


def test_close_ends_a_call_waiting_to_retry_at_once(server: ApiServer) -> None:
    # The first attempt fails before reaching any server (nothing listens on the port); the
    # backoff before the retry is a wait that never ends by itself.
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
        client = AstravueSyncClient(
            org_id=1, access_token="t", base_url=f"http://127.0.0.1:{port}/v1", max_retries=3
        )
    waiting = threading.Event()

    async def never_ending_backoff(_seconds: float) -> None:
        waiting.set()
        await asyncio.Event().wait()

    _transport_of(client)._sleep = never_ending_backoff
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        call = pool.submit(client.tasks.get, 1)
        assert waiting.wait(DEADLINE)
        closer = threading.Thread(target=client.close)
        closer.start()
        # Guards against a hang, not timing assertions: the backoff itself never ends.
        closer.join(DEADLINE)
        assert not closer.is_alive()
        with pytest.raises(APIConnectionError, match="closed while this call was waiting") as err:
            call.result(DEADLINE)
    assert err.value.request_sent is False


def test_an_interrupt_between_flagging_and_waking_the_loop_does_not_wedge_the_client(
    client: AstravueSyncClient,
) -> None:
    assert client.tasks.get(1).task_id == 1  # the loop thread is up
    loop = client._scope.core.loop
    assert loop is not None
    real = loop.call_soon_threadsafe
    interrupted = [False]

    def interrupt_once(*args: Any) -> Any:
        # A Ctrl-C handled at the first Python-level call after `_wakeup_pending = True`.
        if not interrupted[0]:
            interrupted[0] = True
            raise KeyboardInterrupt
        return real(*args)

    loop.call_soon_threadsafe = interrupt_once  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):
            client.tasks.get(1)
    finally:
        del loop.call_soon_threadsafe
    assert interrupted[0]
    assert not client._scope.core._wakeup_pending
    results: list[Any] = []

    def later() -> None:
        results.append(client.tasks.get(2).task_id)

    # Another thread's call is served (it hung for ever before the fix).
    run_in_thread(later)
    assert results == [2]


@pytest.mark.parametrize("idempotent", [None, True])
def test_request_idempotent_lets_a_post_be_retried_after_a_5xx(
    server: ApiServer, idempotent: bool | None
) -> None:
    with make_client(server) as client:

        async def no_wait(_seconds: float) -> None:
            return None

        _transport_of(client)._sleep = no_wait
        if idempotent:
            assert client.request("POST", "/flaky", idempotent=True) == {"ok": True}
            assert server.flaky_posts == 2
        else:
            # By default a POST may have been acted on: a 503 is final.
            with pytest.raises(APIStatusError) as err:
                client.request("POST", "/flaky")
            assert err.value.status == 503
            assert server.flaky_posts == 1


def test_sync_request_takes_the_async_request_s_arguments() -> None:
    sync_params = inspect.signature(AstravueSyncClient.request).parameters
    async_params = inspect.signature(AstravueClient.request).parameters
    assert list(sync_params) == list(async_params)
    for name in sync_params:
        assert sync_params[name].default == async_params[name].default, name


# ---------------------------------------------------------------------------- results


def test_plain_results_and_properties(client: AstravueSyncClient) -> None:
    spaces = client.spaces.list()
    assert isinstance(spaces, SyncPaginator)
    assert [(s.space_id, s.space_name) for s in spaces] == [(1, "x"), (2, "y")]
    created = client.tasks.create(task_title="write tests")
    assert isinstance(created, models.TaskDto)
    assert created.task_title == "write tests"
    assert client.request("GET", "/spaces") == [
        {"spaceId": 1, "spaceName": "x"},
        {"spaceId": 2, "spaceName": "y"},
    ]
    assert client.org_id == 1
    assert client.token.access_token == "t"
    assert "org_id=1" in repr(client)
    assert client.tasks.get.__doc__ is not None
    assert client.tasks.get.__doc__.startswith("Get task by ID.")
    assert client.timers.start.__doc__ == Timers.start.__doc__  # hand-written: the async doc
    assert list(inspect.signature(client.tasks.get).parameters) == ["task_id"]


def test_paged_iteration_yields_every_item_once(
    client: AstravueSyncClient, server: ApiServer
) -> None:
    ids = [task.task_id for task in client.tasks.list(page_size=10)]
    assert ids == list(range(1, TOTAL_TASKS + 1))
    assert server.task_pages == [(p, 10) for p in range(6)]

    pages = list(client.tasks.list(page_size=10).pages())
    assert [len(page) for page in pages] == [10, 10, 10, 10, 10, 3]
    assert [page.page for page in pages] == [0, 1, 2, 3, 4, 5]

    first = client.tasks.list(page_size=10).first_page()
    assert isinstance(first, Page)
    assert (len(first), first.has_next, first.total_elements) == (10, True, TOTAL_TASKS)
    assert [t.task_id for t in client.tasks.list(page_size=50).to_list()] == ids


def test_paged_iteration_is_lazy_and_honours_limit(
    client: AstravueSyncClient, server: ApiServer
) -> None:
    limited = [task.task_id for task in client.tasks.list(page_size=10, limit=25)]
    assert limited == list(range(1, 26))
    assert server.task_pages == [(0, 10), (1, 10), (2, 10)]  # nothing fetched past the limit
    assert client.tasks.list(page_size=10, limit=25).to_list()[-1].task_id == 25
    assert list(client.tasks.list(limit=0)) == []

    server.task_pages.clear()
    paginator = client.tasks.list(page_size=10)
    for task in paginator:
        if task.task_id == 12:
            break  # stopped in the middle of page 1; its async generator is closed for us
    assert server.task_pages == [(0, 10), (1, 10)]
    # A paginator can be iterated again, from the start.
    assert next(iter(paginator)).task_id == 1


def test_paginator_shared_between_threads(client: AstravueSyncClient) -> None:
    paginator = client.tasks.list(page_size=7)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: [t.task_id for t in paginator], range(8)))
    assert results == [list(range(1, TOTAL_TASKS + 1))] * 8


# ---------------------------------------------------------------------------- errors


def test_not_found_propagates_unchanged(client: AstravueSyncClient) -> None:
    with pytest.raises(NotFoundError) as info:
        client.tasks.get(999_999)
    assert type(info.value) is NotFoundError
    assert info.value.status == 404
    assert info.value.message == "not found"
    assert info.value.path == "/tasks/999999"


def test_argument_errors_propagate(client: AstravueSyncClient) -> None:
    with pytest.raises(ValueError, match="page_size"):
        client.tasks.list(page_size=0)  # raised while building the paginator
    with pytest.raises(TypeError, match="task_title"):
        client.tasks.create()  # raised inside the coroutine, on the loop thread
    with pytest.raises(TypeError):
        client.tasks.get(1, 2)  # type: ignore[call-arg]


def test_refuses_inside_a_running_loop_without_deadlock(client: AstravueSyncClient) -> None:
    async def main() -> None:
        with pytest.raises(RuntimeError, match=r"use astravue_async\.AstravueClient"):
            client.tasks.get(1)
        with pytest.raises(RuntimeError, match="event loop"):
            client.tasks.list()
        with pytest.raises(RuntimeError, match="event loop"):
            client.request("GET", "/spaces")
        paginator = await asyncio.to_thread(client.tasks.list)  # made in a worker: fine
        with pytest.raises(RuntimeError, match="event loop"):
            next(iter(paginator))
        with pytest.raises(RuntimeError, match="event loop"):
            paginator.to_list()
        # The escape hatch the message recommends works.
        task = await asyncio.to_thread(client.tasks.get, 3)
        assert task.task_id == 3

    run_in_thread(lambda: asyncio.run(main()))
    assert client.tasks.get(1).task_id == 1  # still usable outside the loop


async def test_refuses_inside_an_async_test(client: AstravueSyncClient) -> None:
    with pytest.raises(RuntimeError, match="event loop"):
        client.spaces.list()


def test_refuses_on_its_own_loop_thread(client: AstravueSyncClient) -> None:
    # What a sync on_token_refresh callback calling back into the client would do: waiting
    # for its own loop would deadlock, so it must fail at once.
    outcome: concurrent.futures.Future[list[BaseException]] = concurrent.futures.Future()

    def on_loop_thread() -> None:
        errors: list[BaseException] = []
        for call in (lambda: client.tasks.get(1), client.close):
            try:
                call()
            except BaseException as exc:
                errors.append(exc)
        outcome.set_result(errors)

    client._scope.core.loop.call_soon_threadsafe(on_loop_thread)
    errors = outcome.result(timeout=DEADLINE)
    assert [type(e) for e in errors] == [RuntimeError, RuntimeError]
    assert not client.closed
    assert client.tasks.get(2).task_id == 2


@pytest.fixture
def sigint_raises_keyboard_interrupt() -> Iterator[None]:
    """Make SIGINT raise KeyboardInterrupt in the main thread, whatever the test run inherited.

    Python installs that handler only if SIGINT was at its default disposition when the
    interpreter started. A process started in the background by a shell without job control
    (``cmd &`` in a script, ``nohup``, many CI runners and agents) inherits SIGINT *ignored*;
    then the handler is SIG_IGN, the signal these tests send is dropped, and they would fail
    with "DID NOT RAISE" although Ctrl-C handling works.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupt_main_thread_when(ready: Callable[[], bool]) -> threading.Thread:
    """Deliver a real SIGINT (Ctrl-C) to the main thread once ``ready()`` holds."""

    def body() -> None:
        deadline = time.monotonic() + DEADLINE
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05)  # let the main thread settle into its wait
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="needs the main thread"
)
@pytest.mark.usefixtures("sigint_raises_keyboard_interrupt")
def test_ctrl_c_while_waiting_cancels_the_call(server: ApiServer) -> None:
    with make_client(server) as client:
        core = client._scope.core
        started: list[asyncio.Task[Any]] = []

        def held_call_started() -> bool:
            if server.held_call_arrived.is_set():
                started.extend(list(core._tasks))
                return True
            return False

        # The server holds the call until released, so Ctrl-C surely lands while it waits.
        interrupter = _interrupt_main_thread_when(held_call_started)
        with pytest.raises(KeyboardInterrupt):
            client.tasks.get(HELD_TASK_ID)
        interrupter.join(DEADLINE)
        assert len(started) == 1
        asyncio.run_coroutine_threadsafe(asyncio.wait(started), core.loop).result(DEADLINE)
        assert started[0].cancelled()  # not left running to completion
        assert client.tasks.get(1).task_id == 1  # and the client still works


@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="needs the main thread"
)
@pytest.mark.usefixtures("sigint_raises_keyboard_interrupt")
def test_ctrl_c_before_the_loop_took_the_call_sends_nothing(server: ApiServer) -> None:
    with make_client(server) as client:
        core = client._scope.core
        loop_busy, release_loop = threading.Event(), threading.Event()

        def hog_the_loop() -> None:
            loop_busy.set()
            release_loop.wait(DEADLINE)

        core.loop.call_soon_threadsafe(hog_the_loop)
        assert loop_busy.wait(DEADLINE)
        interrupter = _interrupt_main_thread_when(lambda: bool(core._queue))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(KeyboardInterrupt):
                client.tasks.get(1)
            interrupter.join(DEADLINE)
            release_loop.set()
            assert client.tasks.get(2).task_id == 2  # runs after the abandoned call was dropped
            gc.collect()
        assert server.requests == 1  # only the second call reached the server
        assert not [w for w in caught if "never awaited" in str(w.message)]


def test_a_call_cancelled_before_its_task_ran_leaves_nothing_behind(server: ApiServer) -> None:
    # Ctrl-C can land after the loop made the call's task but before that task's first step:
    # the task then never runs, and the call's coroutine must still be closed.
    from astravue_async import sync as sync_module

    with make_client(server) as client:
        core = client._scope.core
        call = sync_module._Call(client.tasks._resource.get(1))
        core._queue.append(call)

        def start_then_cancel() -> None:
            core._start_queued()
            call.abandoned = True
            core._cancel(call)

        core.loop.call_soon_threadsafe(start_then_cancel)
        deadline = time.monotonic() + DEADLINE
        while (call.task is None or not call.task.done()) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert call.task is not None and call.task.cancelled()
        assert not call.started
        # Closed, so Python will not warn that it was never awaited.
        assert inspect.getcoroutinestate(call.coro) == inspect.CORO_CLOSED
        assert server.requests == 0
        assert client.tasks.get(1).task_id == 1


def test_bursts_of_calls_share_wake_ups(server: ApiServer) -> None:
    with make_client(server) as client:
        core = client._scope.core
        loop = core.loop
        wake_ups = 0
        real = loop.call_soon_threadsafe

        def counting(callback: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal wake_ups
            if getattr(callback, "__name__", "") == "_start_queued":
                wake_ups += 1
            return real(callback, *args, **kwargs)

        loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
        loop_busy, release_loop = threading.Event(), threading.Event()
        real(lambda: (loop_busy.set(), release_loop.wait(DEADLINE)))
        assert loop_busy.wait(DEADLINE)
        # 16 threads queue while the loop is busy: one wake-up starts them all.
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            calls = [pool.submit(client.tasks.get, n) for n in range(1, 17)]
            deadline = time.monotonic() + DEADLINE
            while len(core._queue) < 16 and time.monotonic() < deadline:
                time.sleep(0.005)
            release_loop.set()
            assert [call.result(DEADLINE).task_id for call in calls] == list(range(1, 17))
        assert wake_ups == 1


# ---------------------------------------------------------------------------- lifecycle


def test_close_is_idempotent_and_later_calls_fail(server: ApiServer) -> None:
    threads_before = set(threading.enumerate())
    client = make_client(server)
    paginator = client.tasks.list(page_size=10)
    assert client.tasks.get(1).task_id == 1
    client.close()
    client.close()
    assert client.closed
    assert set(threading.enumerate()) == threads_before
    for call in (
        lambda: client.tasks.get(1),
        lambda: client.tasks.list(),
        lambda: client.spaces.list(),
        lambda: client.request("GET", "/spaces"),
        lambda: list(paginator),
        paginator.first_page,
        paginator.to_list,
        lambda: client.with_options(org_id=2),
    ):
        with pytest.raises(RuntimeError, match="closed"):
            call()


def test_close_from_several_threads_at_once(server: ApiServer) -> None:
    client = make_client(server)
    assert client.tasks.get(1).task_id == 1
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: client.close(), range(8)))
    assert not loop_thread(client).is_alive()


def test_context_manager_closes(server: ApiServer) -> None:
    threads_before = set(threading.enumerate())
    with make_client(server) as client:
        assert client.tasks.get(5).task_id == 5
        thread = loop_thread(client)
        assert thread.is_alive()
    assert client.closed
    assert not thread.is_alive()
    assert set(threading.enumerate()) == threads_before


def test_unclosed_client_warns_and_stops_its_thread(server: ApiServer) -> None:
    client = make_client(server)
    assert client.tasks.get(1).task_id == 1  # opens the session, so there is a pool to close
    thread = loop_thread(client)
    with pytest.warns(ResourceWarning) as caught:
        del client
        gc.collect()
    thread.join(DEADLINE)
    assert not thread.is_alive()
    gc.collect()
    # Only ours: the session was closed on the loop, so aiohttp and the transport stay quiet.
    assert [str(w.message) for w in caught] == [
        "an AstravueSyncClient was garbage collected without being closed; use "
        "`with AstravueSyncClient(...)` or `client.close()`"
    ]


def test_break_then_close_leaves_nothing_behind(server: ApiServer) -> None:
    with make_client(server) as client:
        iterator = iter(client.tasks.list(page_size=5))
        assert next(iterator).task_id == 1
    # The client closed under a suspended iteration; finishing it now must not warn or fail.
    with pytest.raises(RuntimeError, match="closed"):
        list(iterator)
    del iterator
    gc.collect()


def test_constructor_errors_leave_no_thread(server: ApiServer) -> None:
    threads_before = set(threading.enumerate())
    with pytest.raises(ValueError, match="org_id"):
        AstravueSyncClient(org_id=0, access_token="t", base_url=server.base_url)
    with pytest.raises(ValueError, match="plain-http"):
        AstravueSyncClient(org_id=1, access_token="t", base_url="http://example.com/v1")
    gc.collect()
    assert set(threading.enumerate()) == threads_before


# ---------------------------------------------------------------------------- variants


def test_with_options_shares_the_loop_and_closing_it_spares_the_parent(
    client: AstravueSyncClient, server: ApiServer
) -> None:
    child = client.with_options(org_id=7)
    assert child.org_id == 7
    assert client.with_options(attempt_timeout=2)._async._options.attempt_timeout == 2
    assert loop_thread(child) is loop_thread(client)
    assert child.tasks.get(1).task_id == 1
    assert client.tasks.get(1).task_id == 1
    assert server.org_ids[-2:] == ["7", "1"]
    child.close()
    assert child.closed
    with pytest.raises(RuntimeError, match="closed"):
        child.tasks.get(1)
    assert client.tasks.get(2).task_id == 2  # the parent's loop is still running
    assert loop_thread(client).is_alive()


def test_closing_the_parent_closes_its_copies(server: ApiServer) -> None:
    client = make_client(server)
    child = client.with_options(timeout=5)
    client.close()
    assert child.closed
    with pytest.raises(RuntimeError, match="closed"):
        child.spaces.list()


def test_from_env(server: ApiServer) -> None:
    environ = {
        "ASTRAVUE_ORG_ID": "3",
        "ASTRAVUE_ACCESS_TOKEN": "t",
        "ASTRAVUE_BASE_URL": server.base_url,
    }
    with AstravueSyncClient.from_env(environ) as client:
        assert client.org_id == 3
        assert client.tasks.get(4).task_id == 4
    assert server.org_ids == ["3"]


def test_from_env_refuses_a_session_at_run_time_too(server: ApiServer) -> None:
    environ = {"ASTRAVUE_ORG_ID": "3", "ASTRAVUE_ACCESS_TOKEN": "t"}
    threads = set(threading.enumerate())
    with pytest.raises(TypeError, match="session"):
        AstravueSyncClient.from_env(environ, session=None)  # type: ignore[call-arg]
    assert set(threading.enumerate()) == threads  # refused before any loop thread started
    assert server.requests == 0


def test_sync_client_options_are_the_async_ones_but_session() -> None:
    sync_keys = set(get_type_hints(SyncClientOptions))
    assert sync_keys == set(get_type_hints(ClientOptions)) - {"session"}
    assert sync_keys == set(inspect.signature(AstravueSyncClient).parameters) - {"org_id"}
    parameter = inspect.signature(AstravueSyncClient.from_env).parameters["overrides"]
    assert "Unpack[SyncClientOptions]" in str(parameter.annotation)


# ---------------------------------------------------------------------------- generated twins


def test_create_takes_a_model_or_keywords(client: AstravueSyncClient, server: ApiServer) -> None:
    by_model = client.tasks.create(models.TaskCreateRequest(task_title="model"))
    by_keywords = client.tasks.create(task_title="keywords", description="d")
    assert (by_model.task_title, by_keywords.task_title) == ("model", "keywords")
    assert server.bodies == [
        {"taskTitle": "model"},
        {"taskTitle": "keywords", "description": "d"},
    ]
    sent = server.requests
    with pytest.raises(TypeError, match="not both"):
        client.tasks.create(
            models.TaskCreateRequest(task_title="a"),
            task_title="b",  # type: ignore[call-overload]
        )
    with pytest.raises(TypeError, match="task_titel"):
        client.tasks.create(task_titel="x")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="task_title"):
        client.tasks.create()  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="TaskCreateRequest"):
        client.tasks.create(models.TaskUpdateRequest())  # type: ignore[call-overload]
    assert server.requests == sent  # none of them was sent


def test_update_sends_null_for_none_and_nothing_for_not_given(
    client: AstravueSyncClient, server: ApiServer
) -> None:
    client.tasks.update(3, description=None, status="Done")
    client.tasks.update(3, models.TaskUpdateRequest(completion=50))
    client.tasks.update(3)
    assert server.bodies == [{"description": None, "status": "Done"}, {"completion": 50}, {}]


GENERATED_TWINS = [
    (SyncSpaces, Spaces),
    (SyncProjects, Projects),
    (SyncTasks, Tasks),
    (SyncProjectTasks, ProjectTasks),
    (SyncTimers, Timers),
    (SyncNotifications, Notifications),
    (SyncComments, Comments),
]


def generated_methods(sync_cls: type) -> dict[str, Callable[..., Any]]:
    """The methods of ``sync_cls`` that come from ``_generated/sync_resources.py``."""
    return {
        name: value
        for base in sync_cls.__mro__
        if base.__module__ == sync_generated.__name__
        for name, value in vars(base).items()
        if inspect.isfunction(value) and not name.startswith("_")
    }


def shape(function: Callable[..., Any]) -> list[tuple[str, Any, str, str]]:
    return [
        (p.name, p.kind, repr(p.default), str(p.annotation))
        for p in inspect.signature(function).parameters.values()
    ]


def sync_return(async_return: str) -> str:
    return f"Sync{async_return}" if async_return.startswith("Paginator[") else async_return


def test_every_generated_async_base_has_a_generated_sync_twin() -> None:
    async_bases = {n for n in generated.__all__}
    assert {n for n in sync_generated.__all__ if n != "SyncForwarder"} == {
        f"Sync{n}" for n in async_bases
    }
    assert {async_cls.__mro__[1].__name__ for _, async_cls in GENERATED_TWINS} == async_bases


@pytest.mark.parametrize(("sync_cls", "async_cls"), GENERATED_TWINS)
def test_generated_twins_have_the_async_signatures(
    sync_cls: type, async_cls: type[Resource]
) -> None:
    methods = generated_methods(sync_cls)
    assert methods
    for name, method in methods.items():
        # The concrete class: a hand-written async override would change the signature.
        async_method = getattr(async_cls, name)
        assert shape(method) == shape(async_method), name
        async_return = str(inspect.signature(async_method).return_annotation)
        assert str(inspect.signature(method).return_annotation) == sync_return(async_return)
        sync_overloads, async_overloads = get_overloads(method), get_overloads(async_method)
        assert [shape(o) for o in sync_overloads] == [shape(o) for o in async_overloads], name
        for sync_variant, async_variant in zip(sync_overloads, async_overloads, strict=True):
            assert str(inspect.signature(sync_variant).return_annotation) == sync_return(
                str(inspect.signature(async_variant).return_annotation)
            )
    assert get_overloads(SyncTasks.create), "create lost its overloads"


def doc_sections(doc: str) -> dict[str, str]:
    """A docstring cut at its section headers ("Args:", "Returns:" ...)."""
    sections: dict[str, list[str]] = {"head": []}
    current = "head"
    for line in doc.splitlines():
        if line.strip() in {"Args:", "Returns:", "Raises:", "API:"}:
            current = line.strip()
            sections[current] = []
        else:
            sections[current].append(line)
    return {name: "\n".join(lines) for name, lines in sections.items()}


@pytest.mark.parametrize(("sync_cls", "async_cls"), GENERATED_TWINS)
def test_generated_twins_keep_the_async_docs(sync_cls: type, async_cls: type[Resource]) -> None:
    for name, method in generated_methods(sync_cls).items():
        sync_doc = doc_sections(method.__doc__ or "")
        async_doc = doc_sections(getattr(async_cls, name).__doc__ or "")
        for section in ("head", "Args:", "API:"):
            assert sync_doc.get(section) == async_doc.get(section), (name, section)
        # What only the sync client raises comes on top of the async method's errors.
        assert sync_doc["Raises:"].startswith(async_doc["Raises:"])
        assert "RuntimeError: The client has been closed" in sync_doc["Raises:"]
        if "Paginator[" in str(inspect.signature(method).return_annotation):
            # No await, no async for: the sync paginator is iterated with a plain for.
            assert "SyncPaginator" in sync_doc["Returns:"]
            assert "await" not in sync_doc["Returns:"]
        else:
            assert sync_doc["Returns:"] == async_doc["Returns:"]


class _Recorder:
    """Stands in for an async resource: records how each method was called."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def method(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return f"result of {name}"

        return method


class _InlineScope:
    """Stands in for the sync machinery's scope: hands the "coroutine" straight back."""

    def check(self) -> None:
        pass

    def run(self, coro: Any) -> Any:
        return coro


@pytest.mark.parametrize(("sync_cls", "async_cls"), GENERATED_TWINS)
def test_generated_twins_forward_every_argument(sync_cls: type, async_cls: type[Resource]) -> None:
    """Each argument arrives at the async method, unchanged and the same way it was given:
    positional-only ones by position, every other one by name (a distinct object each, so a
    dropped, swapped or defaulted argument shows)."""
    for name in generated_methods(sync_cls):
        recorder = _Recorder()
        twin = sync_cls(recorder, _InlineScope())
        args: list[object] = []
        kwargs: dict[str, object] = {}
        for parameter in list(inspect.signature(getattr(async_cls, name)).parameters.values())[1:]:
            value = object()
            if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
                args.append(value)
            else:
                kwargs[parameter.name] = value
        result = getattr(twin, name)(*args, **kwargs)
        assert recorder.calls == [(name, tuple(args), kwargs)]
        if isinstance(result, SyncPaginator):
            assert result._paginator == f"result of {name}"
        else:
            assert result == f"result of {name}"


def test_an_overloaded_method_cannot_be_wrapped_by_hand() -> None:
    # _sync's ParamSpec would keep one overload: such a twin must be generated.
    with pytest.raises(TypeError, match="overloaded"):
        _sync(Tasks.create)


def test_the_machinery_comes_before_the_generated_stubs() -> None:
    for sync_cls, _ in GENERATED_TWINS:
        for hook in ("_run", "_page"):
            assert getattr(sync_cls, hook) is getattr(_SyncResource, hook), (sync_cls, hook)


# ---------------------------------------------------------------------------- drift guards


def test_constructor_mirrors_the_async_client() -> None:
    def params(cls: type) -> list[tuple[str, Any, Any, Any]]:
        signature = inspect.signature(cls)
        return [
            (p.name, p.kind, p.default, p.annotation)
            for p in signature.parameters.values()
            if p.name != "session"  # deliberately absent: a session is bound to its own loop
        ]

    assert params(AstravueSyncClient) == params(AstravueClient)


def test_with_options_mirrors_the_async_client() -> None:
    def params(function: Callable[..., Any]) -> list[tuple[str, Any, Any, Any]]:
        signature = inspect.signature(function)
        return [(p.name, p.kind, p.default, p.annotation) for p in signature.parameters.values()]

    assert params(AstravueSyncClient.with_options) == params(AstravueClient.with_options)


@pytest.mark.parametrize(
    ("sync_cls", "async_cls"),
    [
        (SyncSpaces, Spaces),
        (SyncProjects, Projects),
        (SyncTasks, Tasks),
        (SyncProjectTasks, ProjectTasks),
        (SyncTimers, Timers),
        (SyncNotifications, Notifications),
        (SyncComments, Comments),
        (SyncSubtasks, Subtasks),
        (SyncChecklists, Checklists),
    ],
)
def test_every_async_method_has_a_sync_twin(sync_cls: type, async_cls: type[Resource]) -> None:
    async_methods = {
        name
        for name in dir(async_cls)
        if not name.startswith("_") and callable(getattr(async_cls, name))
    }
    wrapped = {name for name, value in vars(sync_cls).items() if isinstance(value, _SyncMethod)}
    assert wrapped | set(generated_methods(sync_cls)) == async_methods
    # _sync only for what is hand-written in the async class itself; the rest is generated.
    hand_written = {name for name in async_methods if name in vars(async_cls)}
    assert wrapped == hand_written


def test_every_resource_is_exposed(client: AstravueSyncClient) -> None:
    async_client = client._async
    for name, value in vars(async_client).items():
        if isinstance(value, Resource):
            assert getattr(client, name)._resource is value
