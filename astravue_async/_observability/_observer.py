"""The one object the transport talks to about a call: :class:`Observer`.

The transport holds ``observer: Observer | None`` and calls it at a handful of points of a
call (start, each attempt's start and end, a retry's wait, a token refresh, the end). Behind
it, event hooks and OpenTelemetry are fed from the same measurements. None means nothing is
listening, and the transport's only cost is the ``is not None`` test.

Nothing here may break a call: every entry point catches what a hook, OpenTelemetry or an
exporter raises, logs it once per client, and returns normally.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from astravue_async._errors import APIStatusError
from astravue_async._observability._events import (
    AttemptEvent,
    EventHooks,
    HookDispatcher,
    RefreshOutcome,
    RefreshReason,
    TokenRefreshEvent,
    error_type,
)

if TYPE_CHECKING:
    from opentelemetry.metrics import MeterProvider
    from opentelemetry.trace import Span, TracerProvider

    from astravue_async._observability._otel import Telemetry

__all__ = [
    "AttemptObservation",
    "CallObservation",
    "Observer",
    "RefreshObservation",
    "current_call",
]

logger = logging.getLogger("astravue_async")

_REFRESH_REASONS = frozenset({"proactive", "unauthorized", "startup"})

# The call being made in this context: a token refresh runs in a task of its own, started
# from (and so copying the context of) the call that needed it, and is attributed to it.
_CURRENT_CALL: contextvars.ContextVar[CallObservation | None] = contextvars.ContextVar(
    "astravue_current_call", default=None
)


def current_call() -> CallObservation | None:
    """The call observed in the current context (also inside tasks it started), or None."""
    call = _CURRENT_CALL.get()
    # A task started by a call may outlive it (a refresh the caller gave up waiting for).
    return None if call is None or call._ended else call


def _load_telemetry(
    tracer_provider: TracerProvider | None,
    meter_provider: MeterProvider | None,
    propagate: bool,
) -> Telemetry | None:
    try:
        from astravue_async._observability import _otel
    except ImportError:
        if tracer_provider is not None or meter_provider is not None:
            raise ImportError(
                "tracer_provider= and meter_provider= need OpenTelemetry: "
                'pip install "astravue-async[otel]"'
            ) from None
        return None  # not installed: tracing and propagation are off
    tracer = _otel.resolve_tracer(tracer_provider)
    instruments = _otel.resolve_instruments(meter_provider)
    if tracer is None and instruments is None and not propagate:
        return None
    return _otel.Telemetry(tracer, instruments, propagate)


class Observer:
    """Event hooks and OpenTelemetry for one client, behind a few calls the transport makes.

    Build it with :meth:`build`, which returns None when nothing would be observed. Per call::

        call = observer.start_call("get_task", "GET", "/tasks/{taskId}", ...)
        attempt = call.start_attempt()
        headers = attempt.inject(headers)       # trace context, if asked for
        attempt.end(status=503, error=exc, request_id=...)
        call.retrying(0.8)                      # the attempt's hooks learn will_retry=True
        attempt = call.start_attempt()
        ...
        call.end(status=200)                    # or call.end(error=exc)

    Token refreshes: ``refresh = call.start_refresh("unauthorized")`` (or
    ``observer.start_refresh(reason)`` outside a call), then ``refresh.end()`` or
    ``refresh.end(error=exc)``.
    """

    __slots__ = ("_failed", "_hooks", "_telemetry")

    def __init__(self, hooks: HookDispatcher | None, telemetry: Telemetry | None) -> None:
        self._hooks = hooks
        self._telemetry = telemetry
        self._failed = False

    @classmethod
    def build(
        cls,
        *,
        event_hooks: EventHooks | None = None,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        propagate_trace_context: bool = False,
    ) -> Observer | None:
        """The observer for a client's settings, or None when nothing would be observed.

        Args:
            event_hooks: functions to call per attempt and per token refresh.
            tracer_provider: where spans go; None: OpenTelemetry's global provider. Tracing
                is off when OpenTelemetry is not installed, when the global provider has not
                been set (configure OpenTelemetry before creating clients) and for a no-op
                provider; pass ``opentelemetry.trace.NoOpTracerProvider()`` to turn it off
                for one client.
            meter_provider: where metrics go; None: the global provider (the same rules).
            propagate_trace_context: add the attempt's trace context to each request's
                headers (``traceparent`` ... as the global propagator writes them), so the
                server's spans join the caller's trace. Off by default: the headers go to a
                third party. A no-op without OpenTelemetry.

        Raises:
            TypeError: an argument of the wrong type.
            ImportError: a provider was passed but OpenTelemetry cannot be imported.
        """
        if event_hooks is not None and not isinstance(event_hooks, EventHooks):
            raise TypeError(f"event_hooks must be an EventHooks, not {type(event_hooks).__name__}")
        if not isinstance(propagate_trace_context, bool):
            raise TypeError(
                "propagate_trace_context must be a bool, not "
                f"{type(propagate_trace_context).__name__}"
            )
        if tracer_provider is not None and not callable(
            getattr(tracer_provider, "get_tracer", None)
        ):
            raise TypeError(
                "tracer_provider must be an OpenTelemetry TracerProvider, not "
                f"{type(tracer_provider).__name__}"
            )
        if meter_provider is not None and not callable(getattr(meter_provider, "get_meter", None)):
            raise TypeError(
                "meter_provider must be an OpenTelemetry MeterProvider, not "
                f"{type(meter_provider).__name__}"
            )
        hooks = HookDispatcher(event_hooks) if event_hooks else None
        telemetry = _load_telemetry(tracer_provider, meter_provider, propagate_trace_context)
        if hooks is None and telemetry is None:
            return None
        return cls(hooks, telemetry)

    def start_call(
        self,
        operation_id: str,
        method: str,
        url_template: str | None,
        *,
        server_address: str,
        server_port: int,
        org_id: int | None = None,
        url_full: str | None = None,
    ) -> CallObservation:
        """Observe one API call; the caller must :meth:`CallObservation.end` it.

        Args:
            operation_id: the spec's operation id (``"get_task"``), or ``"request"``.
            method: the HTTP method.
            url_template: the path template below the base URL (``"/tasks/{taskId}"``), or
                None when the path is not a template (``client.request()``).
            server_address: the API's host name; ``server_port``: its port (443 if the base
                URL names none).
            org_id: the organisation the call is made for.
            url_full: the request URL without its query (``https://host/v1/tasks/7``), for
                the attempt spans' ``url.full``; never with credentials.
        """
        return CallObservation(
            self, operation_id, method, url_template, server_address, server_port, org_id,
            url_full,
        )  # fmt: skip

    def start_refresh(
        self, reason: RefreshReason, *, call: CallObservation | None = None
    ) -> RefreshObservation:
        """Observe one token refresh; ``call`` (default: :func:`current_call`) is the call
        it is done for, if any. The caller must :meth:`RefreshObservation.end` it."""
        if call is None:
            call = current_call()
        return RefreshObservation(self, reason, call)

    def _internal_failure(self, exc: Exception) -> None:
        # A broken exporter or a misbehaving provider must not take the client down, nor
        # fill the log with one line per call.
        if not self._failed:
            self._failed = True
            logger.warning(
                "observing a call failed with %s; ignored (later failures are logged at DEBUG)",
                type(exc).__name__,
                exc_info=exc,
            )
        else:
            logger.debug("observing a call failed with %s again; ignored", type(exc).__name__)


class CallObservation:
    """One API call being observed. Made by :meth:`Observer.start_call`."""

    __slots__ = (
        "_attributes",
        "_context_token",
        "_ended",
        "_last_error_type",
        "_open_attempt",
        "_pending",
        "_span",
        "_started",
        "_url_full",
        "attempts",
        "method",
        "observer",
        "operation_id",
        "org_id",
        "url_template",
    )

    def __init__(
        self,
        observer: Observer,
        operation_id: str,
        method: str,
        url_template: str | None,
        server_address: str,
        server_port: int,
        org_id: int | None,
        url_full: str | None,
    ) -> None:
        self.observer = observer
        self.operation_id = operation_id
        self.method = method
        self.url_template = url_template
        self.org_id = org_id
        self.attempts = 0
        self._url_full = url_full
        self._pending: AttemptEvent | None = None
        self._open_attempt: AttemptObservation | None = None
        self._last_error_type: str | None = None
        self._ended = False
        self._span: Span | None = None
        self._attributes: dict[str, Any] = {}
        self._started = time.perf_counter()
        self._context_token: contextvars.Token[CallObservation | None] | None = None
        try:
            self._context_token = _CURRENT_CALL.set(self)
            telemetry = observer._telemetry
            if telemetry is not None:
                self._attributes = telemetry.call_attributes(
                    method, url_template, server_address, server_port
                )
                self._span = telemetry.start_call(operation_id, self._attributes, org_id)
        except Exception as exc:
            observer._internal_failure(exc)

    def start_attempt(self) -> AttemptObservation:
        """Observe the next HTTP request of this call (numbered from 1, 401 replays
        included); the caller must :meth:`AttemptObservation.end` it.

        A previous attempt whose hooks are still waiting for the retry decision is reported
        now with ``will_retry=True`` (a replay after a 401 has no wait).
        """
        self.attempts += 1
        number = self.attempts
        observer = self.observer
        try:
            if self._pending is not None:
                self._flush(will_retry=True, delay=None)
            telemetry = observer._telemetry
            span = None
            if telemetry is not None:
                if number > 1:
                    telemetry.count_retry(self._attributes, self._last_error_type)
                span = telemetry.start_attempt(
                    self._span, self._attributes, number - 1, self._url_full
                )
        except Exception as exc:
            observer._internal_failure(exc)
            span = None
        attempt = AttemptObservation(self, number, span)
        self._open_attempt = attempt
        return attempt

    def retrying(self, delay_seconds: float | None) -> None:
        """The call will send another request after waiting ``delay_seconds`` (seconds).

        Call it where the retry is decided (before the wait), so that hooks hear about the
        failed attempt without waiting for the next one.
        """
        if self._pending is None:
            return
        try:
            self._flush(will_retry=True, delay=delay_seconds)
        except Exception as exc:
            self.observer._internal_failure(exc)

    def start_refresh(self, reason: RefreshReason) -> RefreshObservation:
        """Observe a token refresh done for this call; the caller must end it."""
        return RefreshObservation(self.observer, reason, self)

    def end(self, *, status: int | None = None, error: BaseException | None = None) -> None:
        """The call is over: it returned (``status``: the final response's status) or
        raised ``error``. Only the first call has an effect.

        An attempt still open (the call was cancelled or timed out during it) is ended with
        ``error``; an attempt whose hooks still wait for the retry decision is reported
        with ``will_retry=False``.
        """
        if self._ended:
            return
        self._ended = True
        observer = self.observer
        if status is None and isinstance(error, APIStatusError):
            status = error.status
        try:
            attempt = self._open_attempt
            if attempt is not None and not attempt._ended:
                attempt.end(
                    status=None if error is not None else status, error=error, will_retry=False
                )
            if self._pending is not None:
                self._flush(will_retry=False, delay=None)
            telemetry = observer._telemetry
            if telemetry is not None:
                telemetry.end_call(
                    self._span,
                    status=status,
                    error=error,
                    error_type=error_type(status, error),
                    attempts=self.attempts,
                )
        except Exception as exc:
            observer._internal_failure(exc)
        finally:
            self._reset_context()

    def _reset_context(self) -> None:
        token, self._context_token = self._context_token, None
        if token is None:
            return
        # ValueError: ended from another context than it started in (a transport that hands
        # the call to another task); that context's value is not ours to restore.
        with contextlib.suppress(ValueError):
            _CURRENT_CALL.reset(token)

    def _flush(self, *, will_retry: bool, delay: float | None) -> None:
        pending, self._pending = self._pending, None
        hooks = self.observer._hooks
        if pending is None or hooks is None:
            return
        if not will_retry:  # held as built: will_retry=False, no delay
            hooks.attempt(pending)
            return
        hooks.attempt(
            AttemptEvent(
                operation_id=pending.operation_id,
                method=pending.method,
                url_template=pending.url_template,
                org_id=pending.org_id,
                attempt=pending.attempt,
                status=pending.status,
                error=pending.error,
                error_type=pending.error_type,
                duration_seconds=pending.duration_seconds,
                will_retry=True,
                retry_delay_seconds=delay,
                request_id=pending.request_id,
            )
        )


class AttemptObservation:
    """One HTTP request of a call being observed. Made by :meth:`CallObservation.start_attempt`."""

    __slots__ = ("_call", "_ended", "_span", "_started", "number")

    def __init__(self, call: CallObservation, number: int, span: Span | None) -> None:
        self._call = call
        self.number = number
        self._span = span
        self._ended = False
        self._started = time.perf_counter()

    def inject(self, headers: Mapping[str, str]) -> Mapping[str, str]:
        """The headers to send: ``headers`` itself, or, with trace-context propagation on,
        a copy with this attempt's trace context added (``headers`` is never changed)."""
        telemetry = self._call.observer._telemetry
        if telemetry is None or not telemetry.propagate:
            return headers
        try:
            return telemetry.inject(self._span, headers)
        except Exception as exc:
            self._call.observer._internal_failure(exc)
            return headers

    def end(
        self,
        *,
        status: int | None = None,
        error: BaseException | None = None,
        will_retry: bool | None = None,
        retry_delay: float | None = None,
        request_id: str | None = None,
        http_version: str | None = None,
    ) -> None:
        """The request is over: a response with ``status`` was read, or it failed with
        ``error`` (an error status has both). Only the first call has an effect.

        Args:
            status: the HTTP status received, None if no response was (default: an
                :class:`APIStatusError`'s own ``status``).
            error: the SDK exception the attempt ended with (None on success).
            will_retry: whether the call sends another request; None (the usual case): not
                known yet, and the hooks are called once :meth:`CallObservation.retrying`,
                the next :meth:`CallObservation.start_attempt` or :meth:`CallObservation.end`
                tells.
            retry_delay: the wait before the next request, in seconds, with
                ``will_retry=True``.
            request_id: the server's request id (``_response.request_id_from``; default: an
                :class:`APIStatusError`'s own ``request_id``).
            http_version: the response's HTTP version, e.g. ``"1.1"``.
        """
        if self._ended:
            return
        self._ended = True
        duration = time.perf_counter() - self._started
        call = self._call
        observer = call.observer
        try:
            if isinstance(error, APIStatusError):
                # The error knows what the response said; the transport need not repeat it.
                if status is None:
                    status = error.status
                if request_id is None:
                    request_id = error.request_id
            kind = error_type(status, error)
            call._last_error_type = kind
            telemetry = observer._telemetry
            if telemetry is not None:
                telemetry.end_attempt(
                    self._span,
                    call._attributes,
                    status=status,
                    error_type=kind,
                    duration=duration,
                    request_id=request_id,
                    http_version=http_version,
                )
            hooks = observer._hooks
            if hooks is None or not hooks.hooks.on_attempt:
                return
            if call._pending is not None:  # an earlier attempt nobody decided about
                call._flush(will_retry=True, delay=None)
            event = AttemptEvent(
                operation_id=call.operation_id,
                method=call.method,
                url_template=call.url_template,
                org_id=call.org_id,
                attempt=self.number,
                status=status,
                error=error,
                error_type=kind,
                duration_seconds=duration,
                will_retry=bool(will_retry),
                retry_delay_seconds=retry_delay if will_retry else None,
                request_id=request_id,
            )
            if will_retry is None:
                call._pending = event
            else:
                hooks.attempt(event)
        except Exception as exc:
            observer._internal_failure(exc)


class RefreshObservation:
    """One token refresh being observed. Made by :meth:`Observer.start_refresh` or
    :meth:`CallObservation.start_refresh`."""

    __slots__ = ("_call", "_ended", "_observer", "_span", "_started", "reason")

    def __init__(
        self, observer: Observer, reason: RefreshReason, call: CallObservation | None
    ) -> None:
        self._observer = observer
        self._call = call
        self._ended = False
        self._span: Span | None = None
        self._started = time.perf_counter()
        if reason not in _REFRESH_REASONS:
            # A programming error in the SDK, but not one worth failing a call over.
            observer._internal_failure(ValueError(f"unknown token refresh reason {reason!r}"))
            reason = "proactive"
        self.reason: RefreshReason = reason
        try:
            telemetry = observer._telemetry
            if telemetry is not None:
                parent = call._span if call is not None else None
                self._span = telemetry.start_refresh(parent, reason)
        except Exception as exc:
            observer._internal_failure(exc)

    def end(self, *, error: BaseException | None = None, adopted: bool = False) -> None:
        """The refresh is over: a new token was granted, or (``adopted=True``) one another
        worker stored was taken, or it failed with ``error``. Only the first call counts."""
        if self._ended:
            return
        self._ended = True
        duration = time.perf_counter() - self._started
        observer = self._observer
        try:
            kind = error_type(None, error)
            outcome: RefreshOutcome = (
                "failed" if error is not None else ("adopted" if adopted else "refreshed")
            )
            telemetry = observer._telemetry
            if telemetry is not None:
                telemetry.end_refresh(
                    self._span, reason=self.reason, outcome=outcome, error_type=kind
                )
            hooks = observer._hooks
            if hooks is not None and hooks.hooks.on_token_refresh:
                hooks.token_refresh(
                    TokenRefreshEvent(
                        reason=self.reason,
                        outcome=outcome,
                        duration_seconds=duration,
                        error=error,
                        error_type=kind,
                        operation_id=self._call.operation_id if self._call is not None else None,
                    )
                )
        except Exception as exc:
            observer._internal_failure(exc)
