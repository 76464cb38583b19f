"""OpenTelemetry spans and metrics for API calls (the ``otel`` extra: ``opentelemetry-api``).

Imported only when a client is built and ``opentelemetry-api`` is installed; an application
without it never pays for the import. Only the API is used: the application owns the SDK,
its exporters and its sampling.

Span tree of one call (``tasks.get(7)`` retried after a 401 and a 503)::

    astravue get_task                  INTERNAL  the call, as the caller sees it
    ├── GET /tasks/{taskId}            CLIENT    attempt 1 -> 401
    ├── astravue token refresh         INTERNAL  reason=unauthorized
    ├── GET /tasks/{taskId}            CLIENT    attempt 2 -> 503, http.request.resend_count=1
    └── GET /tasks/{taskId}            CLIENT    attempt 3 -> 200, http.request.resend_count=2

The HTTP semantic conventions make each physical request the CLIENT span and say a client
SHOULD NOT also emit a logical encompassing HTTP client span; the call span is therefore
INTERNAL and named after the operation, so service maps count each request once and traces
still group the attempts, waits and refreshes of one call.

Span and metric attributes are names, numbers and templates only: never headers, bodies,
tokens or filled-in paths. ``url.full`` is set from what the transport hands in (the base URL
and the path; the query is left out, as it may hold search text).
"""

from __future__ import annotations

import contextlib
import logging
import weakref
from collections.abc import Mapping
from typing import Any, Final

from multidict import CIMultiDict
from opentelemetry import metrics, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from astravue_async._redact import redact_text
from astravue_async._version import __version__

__all__ = [
    "DURATION_BUCKETS",
    "SCOPE",
    "Instruments",
    "Telemetry",
    "normalize_method",
    "resolve_instruments",
    "resolve_tracer",
]

logger = logging.getLogger("astravue_async")

SCOPE: Final = "astravue_async"

#: ``http.client.request.duration`` bucket boundaries the semantic conventions advise (s).
DURATION_BUCKETS: Final = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.075,
    0.1,
    0.25,
    0.5,
    0.75,
    1.0,
    2.5,
    5.0,
    7.5,
    10.0,
)

_KNOWN_METHODS: Final = frozenset(
    {"CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"}
)

CALL_SPAN_PREFIX: Final = "astravue "
REFRESH_SPAN: Final = "astravue token refresh"
_MESSAGE_LIMIT: Final = 500


def normalize_method(method: str) -> str:
    """``http.request.method``: the method if the conventions know it, else ``_OTHER``
    (``client.request()`` takes any method)."""
    return method if method in _KNOWN_METHODS else "_OTHER"


def resolve_tracer(provider: Any) -> trace.Tracer | None:
    """A tracer from ``provider`` (None: the global one), or None when tracing is off.

    Off means the global provider was never set (the API's proxy) or is a no-op one, or the
    provider hands out no-op tracers (``OTEL_SDK_DISABLED=true``). Checked once per client:
    configure OpenTelemetry before creating clients, or pass ``tracer_provider=``.
    """
    if provider is None:
        provider = trace.get_tracer_provider()
        if isinstance(provider, trace.ProxyTracerProvider):
            return None
    if isinstance(provider, trace.NoOpTracerProvider):
        return None
    tracer = provider.get_tracer(SCOPE, __version__)
    if isinstance(tracer, trace.NoOpTracer):
        return None
    return tracer  # type: ignore[no-any-return]  # provider is Any: any TracerProvider


class Instruments:
    """The client's metric instruments, created once per meter provider."""

    __slots__ = ("duration", "rate_limited", "retries", "token_refreshes")

    def __init__(self, meter: metrics.Meter) -> None:
        self.duration = meter.create_histogram(
            "http.client.request.duration",
            unit="s",
            description="Duration of HTTP client requests.",
            explicit_bucket_boundaries_advisory=DURATION_BUCKETS,
        )
        self.retries = meter.create_counter(
            "astravue.client.retries",
            unit="{retry}",
            description="Requests sent again for the same API call (retries and 401 replays).",
        )
        self.token_refreshes = meter.create_counter(
            "astravue.client.token_refreshes",
            unit="{refresh}",
            description="Access token refreshes, by reason and outcome.",
        )
        self.rate_limited = meter.create_counter(
            "astravue.client.rate_limited",
            unit="{response}",
            description="Responses with HTTP 429 Too Many Requests.",
        )


# Creating an instrument twice on one meter makes the SDK warn about a duplicate, and every
# client of a process shares the global provider.
_INSTRUMENTS: weakref.WeakKeyDictionary[Any, Instruments] = weakref.WeakKeyDictionary()


def _meter_provider_is_unset(provider: object) -> bool:
    # The API's stand-in until set_meter_provider() is called; it has no public name.
    return type(provider).__name__ == "_ProxyMeterProvider"


def resolve_instruments(provider: Any) -> Instruments | None:
    """The instruments on ``provider`` (None: the global one), or None when metrics are off."""
    if provider is None:
        provider = metrics.get_meter_provider()
        if _meter_provider_is_unset(provider):
            return None
    if isinstance(provider, metrics.NoOpMeterProvider):
        return None
    try:
        cached = _INSTRUMENTS.get(provider)
    except TypeError:  # not hashable or not weakly referenceable: do not cache
        cached = None
    if cached is not None:
        return cached
    meter = provider.get_meter(SCOPE, __version__)
    if isinstance(meter, metrics.NoOpMeter):
        return None
    instruments = Instruments(meter)
    with contextlib.suppress(TypeError):  # see above
        _INSTRUMENTS[provider] = instruments
    return instruments


def _exception_message(error: BaseException) -> str:
    # The SDK's exceptions are scrubbed when built; anything else is scrubbed here.
    text = redact_text(str(error))
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


class Telemetry:
    """Spans and metrics for one client. Every method is called by the observer, which
    catches whatever OpenTelemetry (or an exporter behind it) raises."""

    __slots__ = ("instruments", "propagate", "tracer")

    def __init__(
        self, tracer: trace.Tracer | None, instruments: Instruments | None, propagate: bool
    ) -> None:
        self.tracer = tracer
        self.instruments = instruments
        self.propagate = propagate

    # ----------------------------------------------------------------- calls

    @staticmethod
    def call_attributes(
        method: str, url_template: str | None, server_address: str, server_port: int
    ) -> dict[str, Any]:
        """What every span and measurement of one call shares (low cardinality only)."""
        known = normalize_method(method)
        attributes: dict[str, Any] = {
            "http.request.method": known,
            "server.address": server_address,
            "server.port": server_port,
        }
        if known != method:
            attributes["http.request.method_original"] = method
        if url_template is not None:
            attributes["url.template"] = url_template
        return attributes

    def start_call(
        self, operation_id: str, attributes: dict[str, Any], org_id: int | None
    ) -> trace.Span | None:
        if self.tracer is None:
            return None
        span_attributes = dict(attributes)
        span_attributes["astravue.operation"] = operation_id
        if org_id is not None:
            span_attributes["astravue.org_id"] = org_id
        # Parent: whatever span is current where the caller awaits the call.
        return self.tracer.start_span(
            CALL_SPAN_PREFIX + operation_id, kind=SpanKind.INTERNAL, attributes=span_attributes
        )

    def end_call(
        self,
        span: trace.Span | None,
        *,
        status: int | None,
        error: BaseException | None,
        error_type: str | None,
        attempts: int,
    ) -> None:
        if span is None:
            return
        span.set_attribute("astravue.attempts", attempts)
        if status is not None:
            span.set_attribute("http.response.status_code", status)
        if error_type is not None:
            span.set_attribute("error.type", error_type)
            description = None
            if error is not None:
                message = _exception_message(error)
                description = message
                # An exception event without a stack trace: a traceback's text would bring
                # along chained exceptions that were never scrubbed.
                span.add_event(
                    "exception",
                    {"exception.type": error_type, "exception.message": message},
                )
            span.set_status(Status(StatusCode.ERROR, description))
        span.end()

    # ----------------------------------------------------------------- attempts

    def start_attempt(
        self,
        call_span: trace.Span | None,
        attributes: dict[str, Any],
        resend_count: int,
        url_full: str | None,
    ) -> trace.Span | None:
        if self.tracer is None:
            return None
        # "{method} {url.template}", with "HTTP" for a method the conventions do not know.
        method = attributes["http.request.method"]
        name = "HTTP" if method == "_OTHER" else method
        template = attributes.get("url.template")
        if template is not None:
            name = f"{name} {template}"
        span_attributes = dict(attributes)
        if resend_count:
            span_attributes["http.request.resend_count"] = resend_count
        if url_full is not None:
            span_attributes["url.full"] = url_full
        context = trace.set_span_in_context(call_span) if call_span is not None else None
        return self.tracer.start_span(
            name, context=context, kind=SpanKind.CLIENT, attributes=span_attributes
        )

    def inject(self, span: trace.Span | None, headers: Mapping[str, str]) -> Mapping[str, str]:
        if not self.propagate:
            return headers
        from opentelemetry import propagate  # loads the configured propagators once

        # A copy: the transport's header mappings are shared by every request.
        carrier: CIMultiDict[str] = CIMultiDict(headers)
        context = trace.set_span_in_context(span) if span is not None else None
        propagate.inject(carrier, context=context)
        return carrier

    def end_attempt(
        self,
        span: trace.Span | None,
        attributes: dict[str, Any],
        *,
        status: int | None,
        error_type: str | None,
        duration: float,
        request_id: str | None,
        http_version: str | None,
    ) -> None:
        if span is not None:
            if status is not None:
                span.set_attribute("http.response.status_code", status)
            if http_version is not None:
                span.set_attribute("network.protocol.version", http_version)
            if request_id is not None:
                span.set_attribute("astravue.request_id", request_id)
            if error_type is not None:
                span.set_attribute("error.type", error_type)
                span.set_status(Status(StatusCode.ERROR))
            span.end()
        instruments = self.instruments
        if instruments is None:
            return
        measured = dict(attributes)
        if status is not None:
            measured["http.response.status_code"] = status
        if error_type is not None:
            measured["error.type"] = error_type
        instruments.duration.record(duration, measured)
        if status == 429:
            instruments.rate_limited.add(1, attributes)

    def count_retry(self, attributes: dict[str, Any], cause: str | None) -> None:
        if self.instruments is None:
            return
        measured = dict(attributes)
        measured["error.type"] = cause if cause is not None else "_OTHER"
        self.instruments.retries.add(1, measured)

    # ----------------------------------------------------------------- token refreshes

    def start_refresh(self, parent: trace.Span | None, reason: str) -> trace.Span | None:
        if self.tracer is None:
            return None
        context = trace.set_span_in_context(parent) if parent is not None else None
        return self.tracer.start_span(
            REFRESH_SPAN,
            context=context,
            kind=SpanKind.INTERNAL,
            attributes={"astravue.token_refresh.reason": reason},
        )

    def end_refresh(
        self, span: trace.Span | None, *, reason: str, outcome: str, error_type: str | None
    ) -> None:
        if span is not None:
            span.set_attribute("astravue.token_refresh.outcome", outcome)
            if error_type is not None:
                span.set_attribute("error.type", error_type)
                span.set_status(Status(StatusCode.ERROR))
            span.end()
        if self.instruments is not None:
            measured: dict[str, Any] = {
                "astravue.token_refresh.reason": reason,
                "astravue.token_refresh.outcome": outcome,
            }
            if error_type is not None:
                measured["error.type"] = error_type
            self.instruments.token_refreshes.add(1, measured)
