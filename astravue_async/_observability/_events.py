"""Event hooks: what each attempt and each token refresh did, handed to the caller's functions.

Hooks are plain functions, called synchronously where the event happens. A function cannot
hold the call up for longer than it runs, and an ``async def`` hook would need a task that
outlives the call, whose failures nobody sees; code that needs to await schedules its own
task from the hook. A hook that raises is logged (with its traceback the first time, then
quietly) and the call carries on as if it had returned.

Events carry names, numbers and the SDK's own exception, never request headers, bodies or
tokens (the SDK's exceptions are scrubbed of credentials when they are built).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import attrs

__all__ = [
    "AttemptEvent",
    "AttemptHook",
    "EventHooks",
    "HookDispatcher",
    "RefreshOutcome",
    "RefreshReason",
    "TokenRefreshEvent",
    "TokenRefreshHook",
    "error_type",
]

logger = logging.getLogger("astravue_async")

RefreshReason = Literal["proactive", "unauthorized", "startup"]
"""Why a token refresh ran: ``"proactive"``, the access token expires within the manager's
``skew``; ``"unauthorized"``, the API answered 401 to a token it had not expired yet;
``"startup"``, the client was given no usable access token (a refresh token alone)."""

RefreshOutcome = Literal["refreshed", "adopted", "failed"]
"""How it ended: ``"refreshed"``, the token endpoint granted a new token; ``"adopted"``,
another worker had already stored a fresh token, which was taken without a grant;
``"failed"``, no new token (``error`` says why)."""


def error_type(status: int | None, error: BaseException | None) -> str | None:
    """A low-cardinality name for how a request ended, or None for a success.

    The exception's class name when there is one (``"NotFoundError"``, ``"APITimeoutError"``),
    else the status as text for an error status (``"503"``).
    """
    if error is not None:
        return type(error).__name__
    if status is not None and status >= 400:
        return str(status)
    return None


@attrs.frozen(slots=True)
class AttemptEvent:
    """One HTTP request sent for a call: its outcome and whether the call sends another.

    Attributes:
        operation_id: the spec's operation id, e.g. ``"get_task"`` (``"request"`` for
            ``client.request()``).
        method: the HTTP method, e.g. ``"GET"``.
        url_template: the path template below the base URL, e.g. ``"/tasks/{taskId}"``,
            never the filled-in path; None for ``client.request()`` paths.
        org_id: the organisation the call was made for (``X-Org-Id``), if known.
        attempt: 1 for the first request of the call, 2 for the next, and so on; replays
            after a 401 count.
        status: the HTTP status received, or None when no response arrived.
        error: the SDK exception this attempt ended with (a :class:`NotFoundError`, an
            :class:`APIConnectionError` ...), or None on success. It is the same, scrubbed
            exception the call raises if this was its last attempt.
        error_type: ``type(error).__name__``, or the status as text for an error status
            without an exception, or None (see :func:`error_type`).
        duration_seconds: from just before the request was sent until its response was
            read or it failed, in seconds (waits for a connection slot, the rate limit or
            a token refresh are not included).
        will_retry: whether the call sends another request after this one.
        retry_delay_seconds: how long the call waits before that, in seconds, when known
            (None for a replay after a 401, which does not wait).
        request_id: the id the server gave the request (``X-Request-Id`` ...), if any.
    """

    operation_id: str
    method: str
    url_template: str | None
    org_id: int | None
    attempt: int
    status: int | None
    error: BaseException | None
    error_type: str | None
    duration_seconds: float
    will_retry: bool
    retry_delay_seconds: float | None
    request_id: str | None


@attrs.frozen(slots=True)
class TokenRefreshEvent:
    """One token refresh (or adoption of a token another worker stored). Never the tokens.

    Attributes:
        reason: why it ran (:data:`RefreshReason`).
        outcome: how it ended (:data:`RefreshOutcome`).
        duration_seconds: how long it took, in seconds.
        error: the exception it failed with (e.g. :class:`AuthenticationError` for a
            refused refresh token, :class:`TokenStoreError`), or None.
        error_type: ``type(error).__name__``, or None.
        operation_id: the operation whose call started the refresh, if it was started by
            one (a refresh is shared by every call waiting for it).
    """

    reason: RefreshReason
    outcome: RefreshOutcome
    duration_seconds: float
    error: BaseException | None
    error_type: str | None
    operation_id: str | None


AttemptHook = Callable[[AttemptEvent], object]
TokenRefreshHook = Callable[[TokenRefreshEvent], object]


def _check_hooks(name: str, value: Iterable[Any]) -> tuple[Any, ...]:
    if callable(value) or isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of functions, not {type(value).__name__}")
    hooks = tuple(value)
    for hook in hooks:
        if not callable(hook):
            raise TypeError(f"{name} must hold functions, not {type(hook).__name__}")
        # An object whose __call__ is async is as much an async hook as an async def.
        call = hook if inspect.isroutine(hook) else type(hook).__call__
        if inspect.iscoroutinefunction(hook) or inspect.iscoroutinefunction(call):
            raise TypeError(
                f"{name} hooks are called synchronously and must be plain functions, "
                f"not async ({getattr(hook, '__qualname__', type(hook).__name__)}); to "
                "await something, start a task from the hook: "
                "asyncio.get_running_loop().create_task(...)"
            )
    return hooks


def _attempt_hooks(value: Iterable[AttemptHook]) -> tuple[AttemptHook, ...]:
    return _check_hooks("on_attempt", value)


def _token_refresh_hooks(value: Iterable[TokenRefreshHook]) -> tuple[TokenRefreshHook, ...]:
    return _check_hooks("on_token_refresh", value)


@attrs.frozen(slots=True)
class EventHooks:
    """Functions the client calls as it works: ``AstravueClient(event_hooks=EventHooks(...))``.

    Each hook is a plain (not ``async``) function taking one event. Hooks run in the order
    given, synchronously, on the thread and event loop of the call (for the sync client: its
    event-loop thread), so they should be quick: hand slow work to a queue or a task. An
    exception raised by a hook is logged on the ``astravue_async`` logger (with its traceback
    the first time that hook fails, at DEBUG after that) and otherwise ignored.

    Args:
        on_attempt: called after every HTTP request sent for an API call, retries and 401
            replays included, with an :class:`AttemptEvent`; for a request that is followed
            by another, once the call has decided to send it.
        on_token_refresh: called after every token refresh with a :class:`TokenRefreshEvent`.

    Raises:
        TypeError: a hook is not callable, is an ``async`` function, or a list was expected.

    Examples:
        ```python
        def log_attempt(event: AttemptEvent) -> None:
            if event.will_retry:
                print(f"{event.operation_id}: retrying after {event.error_type}")

        client = AstravueClient(..., event_hooks=EventHooks(on_attempt=[log_attempt]))
        ```
    """

    on_attempt: tuple[AttemptHook, ...] = attrs.field(default=(), converter=_attempt_hooks)
    on_token_refresh: tuple[TokenRefreshHook, ...] = attrs.field(
        default=(), converter=_token_refresh_hooks
    )

    def __bool__(self) -> bool:
        return bool(self.on_attempt or self.on_token_refresh)


class HookDispatcher:
    """Calls hooks for one client; a hook that raises is logged once in full, then quietly."""

    __slots__ = ("_failed", "hooks")

    def __init__(self, hooks: EventHooks) -> None:
        self.hooks = hooks
        # Positions of hooks that have raised before: (kind, index) rather than the hook
        # itself, which may be unhashable or compare equal to another.
        self._failed: set[tuple[str, int]] = set()

    def attempt(self, event: AttemptEvent) -> None:
        self._run("on_attempt", self.hooks.on_attempt, event)

    def token_refresh(self, event: TokenRefreshEvent) -> None:
        self._run("on_token_refresh", self.hooks.on_token_refresh, event)

    def _run(self, kind: str, hooks: Sequence[Callable[[Any], object]], event: object) -> None:
        for index, hook in enumerate(hooks):
            try:
                result = hook(event)
            except Exception as exc:
                self._report(kind, index, hook, exc)
                continue
            if inspect.isawaitable(result):
                # An object whose __call__ returns a coroutine slipped past the check in
                # EventHooks: close it so Python does not warn it was never awaited.
                close = getattr(result, "close", None)
                if callable(close):
                    close()
                self._report(kind, index, hook, None)

    def _report(
        self, kind: str, index: int, hook: Callable[[Any], object], exc: Exception | None
    ) -> None:
        name = getattr(hook, "__qualname__", type(hook).__name__)
        first = (kind, index) not in self._failed
        self._failed.add((kind, index))
        if exc is None:
            if first:
                logger.warning(
                    "%s hook %s returned an awaitable, which was not awaited: hooks are "
                    "called synchronously",
                    kind,
                    name,
                )
            return
        if first:
            logger.warning(
                "%s hook %s raised %s; ignored (the call goes on; later failures of this "
                "hook are logged at DEBUG)",
                kind,
                name,
                type(exc).__name__,
                exc_info=exc,
            )
        else:
            logger.debug("%s hook %s raised %s again; ignored", kind, name, type(exc).__name__)
