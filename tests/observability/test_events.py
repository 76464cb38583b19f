"""Event hooks: what EventHooks accepts, and that a failing hook never breaks a call."""

from __future__ import annotations

import asyncio
import logging
import warnings
from typing import Any

import pytest

from astravue_async._errors import NotFoundError
from astravue_async._observability import (
    AttemptEvent,
    EventHooks,
    Observer,
    TokenRefreshEvent,
    error_type,
)


def _observer(hooks: EventHooks) -> Observer:
    observer = Observer.build(event_hooks=hooks)
    assert observer is not None
    return observer


def _one_call(observer: Observer, status: int = 200) -> None:
    call = observer.start_call(
        "get_task", "GET", "/tasks/{taskId}", server_address="h", server_port=443
    )
    call.start_attempt().end(status=status)
    call.end(status=status)


# --------------------------------------------------------------------------- EventHooks


def test_hooks_are_kept_in_order_as_tuples() -> None:
    def first(event: AttemptEvent) -> None: ...
    def second(event: AttemptEvent) -> None: ...

    hooks = EventHooks(on_attempt=(h for h in [first, second]))
    assert hooks.on_attempt == (first, second)
    assert hooks.on_token_refresh == ()
    assert hooks and not EventHooks()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (print, "on_attempt must be a list of functions, not builtin_function_or_method"),
        ("print", "on_attempt must be a list of functions, not str"),
        (3, "on_attempt must be a list of functions, not int"),
        ([print, 3], "on_attempt must hold functions, not int"),
    ],
)
def test_hooks_must_be_lists_of_functions(value: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        EventHooks(on_attempt=value)


def test_async_hooks_are_refused_with_what_to_do_instead() -> None:
    async def on_attempt(event: AttemptEvent) -> None: ...

    class Recorder:
        async def __call__(self, event: TokenRefreshEvent) -> None: ...

    with pytest.raises(TypeError, match=r"on_attempt hooks are called synchronously.*create_task"):
        EventHooks(on_attempt=[on_attempt])
    with pytest.raises(TypeError, match="on_token_refresh hooks are called synchronously"):
        EventHooks(on_token_refresh=[Recorder()])


def test_error_type_names_the_exception_or_the_status() -> None:
    assert error_type(200, None) is None
    assert error_type(None, None) is None
    assert error_type(503, None) == "503"
    assert error_type(404, NotFoundError("gone", status=404)) == "NotFoundError"
    assert error_type(None, asyncio.CancelledError()) == "CancelledError"


# --------------------------------------------------------------------------- dispatch


def test_a_hook_that_raises_is_logged_once_and_the_call_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[int] = []

    def broken(event: AttemptEvent) -> None:
        raise KeyError("the hook's own bug")

    observer = _observer(EventHooks(on_attempt=[broken, lambda event: seen.append(event.attempt)]))
    with caplog.at_level(logging.DEBUG, logger="astravue_async"):
        for _ in range(3):
            _one_call(observer)  # returns normally
    assert seen == [1, 1, 1]  # the next hook still runs every time
    warnings_logged = [r for r in caplog.records if r.levelno == logging.WARNING]
    (first,) = warnings_logged
    assert "on_attempt hook" in first.getMessage() and "broken" in first.getMessage()
    assert "KeyError" in first.getMessage()
    assert first.exc_info is not None and first.exc_info[0] is KeyError  # the traceback, once
    again = [r for r in caplog.records if r.levelno == logging.DEBUG and "again" in r.getMessage()]
    assert len(again) == 2 and all(r.exc_info is None for r in again)


def test_each_failing_hook_gets_its_own_first_warning(caplog: pytest.LogCaptureFixture) -> None:
    def broken_attempt(event: AttemptEvent) -> None:
        raise ValueError

    def broken_refresh(event: TokenRefreshEvent) -> None:
        raise ValueError

    observer = _observer(EventHooks(on_attempt=[broken_attempt], on_token_refresh=[broken_refresh]))
    with caplog.at_level(logging.WARNING, logger="astravue_async"):
        _one_call(observer)
        observer.start_refresh("proactive").end()
    assert sorted(r.getMessage().split()[0] for r in caplog.records) == [
        "on_attempt",
        "on_token_refresh",
    ]


def test_hooks_on_other_clients_are_reported_separately(caplog: pytest.LogCaptureFixture) -> None:
    def broken(event: AttemptEvent) -> None:
        raise ValueError

    hooks = EventHooks(on_attempt=[broken])
    with caplog.at_level(logging.WARNING, logger="astravue_async"):
        _one_call(_observer(hooks))
        _one_call(_observer(hooks))
    assert len(caplog.records) == 2


def test_a_hook_returning_a_coroutine_is_closed_not_left_pending(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def later(event: AttemptEvent) -> None: ...

    # A lambda around an async function is not an async function itself, so it gets past
    # EventHooks; the coroutine it returns must not trigger "never awaited".
    observer = _observer(EventHooks(on_attempt=[lambda event: later(event)]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with caplog.at_level(logging.WARNING, logger="astravue_async"):
            _one_call(observer)
            _one_call(observer)
    (record,) = caplog.records
    assert "returned an awaitable, which was not awaited" in record.getMessage()


def test_keyboard_interrupt_in_a_hook_is_not_swallowed() -> None:
    def interrupted(event: AttemptEvent) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _one_call(_observer(EventHooks(on_attempt=[interrupted])))


def test_events_are_immutable() -> None:
    events: list[AttemptEvent] = []
    _one_call(_observer(EventHooks(on_attempt=[events.append])))
    with pytest.raises(AttributeError):
        events[0].status = 500  # type: ignore[misc]
