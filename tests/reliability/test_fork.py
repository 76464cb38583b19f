"""``AstravueSyncClient`` across ``os.fork()`` (Celery and gunicorn prefork workers).

Every test really forks. The child runs a check and reports through a pipe and its exit
code; a child that does not finish within :data:`DEADLINE` is killed, so a hang fails the
test instead of hanging the suite. Forking a process with running threads (the client's
loop thread, the server's) is exactly what is being tested; Python 3.12+ warns about it.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from astravue_async import APIConnectionError
from astravue_async.sync import AstravueSyncClient

from ._threaded_server import DEADLINE, HELD_ID, ThreadedServer

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

# The child's report is written in one go; a pipe holds at least this much without a reader.
_REPORT_LIMIT = 16_000
CHILD_MARK = 2  # task id only children ask for, so the server log tells them apart


@pytest.fixture
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer() as started:
        yield started


def make_client(server: ThreadedServer, **kwargs: Any) -> AstravueSyncClient:
    # A short call timeout: a child or parent whose connection were broken by the other
    # process would fail the test within seconds rather than wait a minute.
    kwargs.setdefault("timeout", 5.0)
    return AstravueSyncClient(org_id=1, access_token="t", base_url=server.base_url, **kwargs)


def _fork() -> int:
    with warnings.catch_warnings():
        # 3.12+: "This process is multi-threaded, use of fork() may lead to deadlocks".
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


def _child_main(body: Callable[[], None], report_fd: int) -> None:
    """Run ``body`` in the child and exit; never returns into pytest."""
    code, report = 1, b""
    try:
        unraisable: list[str] = []
        sys.unraisablehook = lambda u: unraisable.append(f"{u.exc_type.__name__}: {u.exc_value}")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            body()
            gc.collect()
        noise = [
            f"{w.category.__name__}: {w.message}"
            for w in caught
            if not issubclass(w.category, DeprecationWarning)
        ]
        assert not noise, noise
        assert not unraisable, unraisable
        code, report = 0, b"ok"
    except BaseException:
        report = traceback.format_exc().encode()
    finally:
        try:
            os.write(report_fd, report[-_REPORT_LIMIT:])
        finally:
            os._exit(code)


def run_in_child(body: Callable[[], None]) -> None:
    """Fork, run ``body`` in the child, fail here with the child's traceback if it failed."""
    read_fd, write_fd = os.pipe()
    pid = _fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never reports coverage
        os.close(read_fd)
        _child_main(body, write_fd)
    os.close(write_fd)
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"the forked child did not finish within {DEADLINE} s (hung)")
            time.sleep(0.01)
        report = os.read(read_fd, _REPORT_LIMIT + 1).decode(errors="replace")
    finally:
        os.close(read_fd)
    assert os.waitstatus_to_exitcode(status) == 0, f"the child failed:\n{report}"
    assert report == "ok"


def loop_thread(client: AstravueSyncClient) -> threading.Thread | None:
    return client._scope.core.thread


# ---------------------------------------------------------------------------- children


def test_client_created_before_fork_works_in_the_child(server: ThreadedServer) -> None:
    # The Celery/gunicorn case: created at import time in the parent, never used there.
    client = make_client(server)
    copy = client.with_options(org_id=7)
    parent_thread = loop_thread(client)

    def child() -> None:
        assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
        thread = loop_thread(client)
        assert thread is not None and thread is not parent_thread and thread.is_alive()
        # Copies made before the fork and in the child share the child's loop and pool.
        assert copy.tasks.get(CHILD_MARK).task_id == CHILD_MARK
        assert client.with_options(org_id=8).tasks.get(CHILD_MARK).task_id == CHILD_MARK
        copy.close()
        assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
        client.close()
        assert not thread.is_alive()
        with pytest.raises(RuntimeError, match="closed"):
            client.tasks.get(CHILD_MARK)

    try:
        run_in_child(child)
        assert len(server.requests_for(CHILD_MARK)) == 4
        # The parent's client is untouched by the child: same loop thread, still working.
        assert loop_thread(client) is parent_thread
        assert client.tasks.get(3).task_id == 3
        assert copy.tasks.get(3).task_id == 3
    finally:
        client.close()
    assert parent_thread is not None and not parent_thread.is_alive()


def test_fork_after_use_leaves_the_parents_connections_alone(server: ThreadedServer) -> None:
    client = make_client(server)
    try:
        assert client.tasks.get(1).task_id == 1
        (first,) = server.requests_for(1)

        def child() -> None:
            # Several calls and a close: the child opens (and closes) a pool of its own.
            for _ in range(5):
                assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
            client.close()

        run_in_child(child)
        child_ports = {seen.port for seen in server.requests_for(CHILD_MARK)}
        assert len(server.requests_for(CHILD_MARK)) == 5
        assert first.port not in child_ports  # the child never wrote on the parent's socket
        # The parent's pooled connection survived the child's use and close: it is reused
        # (a child that closed or unregistered it would force a new one, or hang the call).
        assert client.tasks.get(3).task_id == 3
        assert [seen.port for seen in server.requests_for(3)] == [first.port]
    finally:
        client.close()


def test_fork_while_calls_are_in_flight_in_other_threads(server: ThreadedServer) -> None:
    # max_concurrency=1: the parent's held call owns the only slot at fork time; a child that
    # inherited that slot (or the lock a parent thread held) would wait forever.
    client = make_client(server, max_concurrency=1)
    core = client._scope.core
    results: list[Any] = []
    held = threading.Thread(target=lambda: results.append(client.tasks.get(HELD_ID)))
    lock_taken, fork_done = threading.Event(), threading.Event()

    def hold_the_core_lock() -> None:
        with core._lock:
            lock_taken.set()
            fork_done.wait(DEADLINE)

    holder = threading.Thread(target=hold_the_core_lock)
    try:
        held.start()
        assert server.held_arrivals.acquire(timeout=DEADLINE)
        holder.start()
        assert lock_taken.wait(DEADLINE)

        def child() -> None:
            assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
            assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
            client.close()

        try:
            run_in_child(child)
        finally:
            fork_done.set()
        assert len(server.requests_for(CHILD_MARK)) == 2
        server.release()
        held.join(DEADLINE)
        holder.join(DEADLINE)
        assert not held.is_alive() and not holder.is_alive()
        assert [task.task_id for task in results] == [HELD_ID]  # the parent's call completed
        assert client.tasks.get(3).task_id == 3
    finally:
        server.release()
        client.close()


def test_child_that_never_calls_can_close_and_be_collected(server: ThreadedServer) -> None:
    client = make_client(server)
    try:
        assert client.tasks.get(1).task_id == 1

        def child_closes() -> None:
            client.close()
            assert client.closed
            with pytest.raises(RuntimeError, match="closed"):
                client.tasks.get(CHILD_MARK)

        def child_drops_it() -> None:
            # Nothing of the child's own is open: no "unclosed" warning, nothing touched.
            nonlocal client
            del client

        run_in_child(child_closes)
        run_in_child(child_drops_it)
        assert server.requests_for(CHILD_MARK) == []
        assert not client.closed
        # Neither child touched the parent's pooled connection: it is reused.
        assert client.tasks.get(3).task_id == 3
        assert [seen.port for seen in server.requests_for(3)] == [server.requests_for(1)[0].port]
    finally:
        client.close()


def test_a_closed_client_stays_closed_in_the_child(server: ThreadedServer) -> None:
    client = make_client(server)
    assert client.tasks.get(1).task_id == 1
    client.close()

    def child() -> None:
        with pytest.raises(RuntimeError, match="closed"):
            client.tasks.get(CHILD_MARK)
        client.close()  # idempotent there too

    run_in_child(child)
    assert server.requests_for(CHILD_MARK) == []


def test_grandchildren_work_too(server: ThreadedServer) -> None:
    client = make_client(server)
    try:
        assert client.tasks.get(1).task_id == 1

        def grandchild() -> None:
            assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
            client.close()

        def child() -> None:
            # The child's own loop thread is running when it forks again.
            assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
            run_in_child(grandchild)
            assert client.tasks.get(CHILD_MARK).task_id == CHILD_MARK
            client.close()

        run_in_child(child)
        assert len(server.requests_for(CHILD_MARK)) == 3
        assert client.tasks.get(3).task_id == 3
    finally:
        client.close()


def test_child_call_cut_off_by_close_fails_cleanly(server: ThreadedServer) -> None:
    client = make_client(server)
    try:
        assert client.tasks.get(1).task_id == 1

        def child() -> None:
            errors: list[BaseException] = []

            def call() -> None:
                try:
                    client.tasks.get(HELD_ID)
                except BaseException as exc:
                    errors.append(exc)

            caller = threading.Thread(target=call)
            caller.start()
            # The server answers held calls only when released; the parent does not.
            deadline = time.monotonic() + DEADLINE
            while not client._scope.core._tasks and time.monotonic() < deadline:
                time.sleep(0.01)
            client.close(timeout=0.1)
            caller.join(DEADLINE)
            assert not caller.is_alive()
            assert len(errors) == 1
            assert isinstance(errors[0], APIConnectionError | RuntimeError)
            assert "closed" in str(errors[0])

        run_in_child(child)
        assert client.tasks.get(3).task_id == 3
    finally:
        server.release()
        client.close()
