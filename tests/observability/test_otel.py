"""OpenTelemetry through the observer: the span tree of a retried call, its attributes and
metrics, trace-context propagation, no secrets anywhere, and the no-op paths."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
from multidict import CIMultiDict
from opentelemetry import metrics as otel_metrics
from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode

from astravue_async._errors import (
    APIConnectionError,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
)
from astravue_async._observability import (
    AttemptEvent,
    CallObservation,
    EventHooks,
    Observer,
    TokenRefreshEvent,
)
from astravue_async._response import request_id_from

from ._support import Metrics, Spans

TOKEN = "access-7f3a9c41d2e8b0c6"
REFRESH = "refresh-51d2e8b0b4c6a0d9"
TEMPLATE = "/tasks/{taskId}"


def _observer(spans: Spans, metrics: Metrics, **extra: Any) -> Observer:
    observer = Observer.build(
        tracer_provider=spans.provider, meter_provider=metrics.provider, **extra
    )
    assert observer is not None
    return observer


def _start(observer: Observer, **extra: Any) -> CallObservation:
    return observer.start_call(
        "get_task",
        "GET",
        TEMPLATE,
        server_address="api.astravue.com",
        server_port=443,
        org_id=42,
        **extra,
    )


def _retried_after_refresh(
    observer: Observer,
) -> tuple[CallObservation, list[CIMultiDict[str]], list[CIMultiDict[str]]]:
    """attempt 1 -> 401 -> refresh -> attempt 2 -> 503 (retry in 0.5 s) -> attempt 3 -> 200,
    with the tokens planted everywhere a careless observer could pick them up."""
    sent: list[CIMultiDict[str]] = []
    given: list[CIMultiDict[str]] = []
    call = _start(observer, url_full="https://api.astravue.com/v1/tasks/7")
    echoed = CIMultiDict({"WWW-Authenticate": f'Bearer error="invalid_token" {TOKEN}'})
    echoed.add("X-Request-Id", TOKEN)  # a server that echoes the token as its request id

    attempt = call.start_attempt()
    given.append(CIMultiDict({"Authorization": f"Bearer {TOKEN}", "X-Org-Id": "42"}))
    sent.append(CIMultiDict(attempt.inject(given[-1])))
    attempt.end(
        status=401,
        error=AuthenticationError(
            f"token {TOKEN} is not valid",
            status=401,
            headers=echoed,
            body={"message": f"Bearer {TOKEN}", "refresh_token": REFRESH},
            secrets=(TOKEN, REFRESH),
        ),
        request_id=request_id_from(echoed, secrets=(TOKEN, REFRESH)),
        http_version="1.1",
    )
    refresh = call.start_refresh("unauthorized")
    refresh.end()

    attempt = call.start_attempt()
    given.append(CIMultiDict({"Authorization": f"Bearer {TOKEN}-2", "X-Org-Id": "42"}))
    sent.append(CIMultiDict(attempt.inject(given[-1])))
    attempt.end(
        status=503,
        error=InternalServerError("HTTP 503", status=503, headers={"X-Request-Id": "req-2"}),
        request_id="req-2",
    )
    call.retrying(0.5)

    attempt = call.start_attempt()
    given.append(CIMultiDict({"Authorization": f"Bearer {TOKEN}-2", "X-Org-Id": "42"}))
    sent.append(CIMultiDict(attempt.inject(given[-1])))
    attempt.end(status=200, request_id="req-3", http_version="1.1")
    call.end(status=200)
    return call, given, sent


def test_a_call_retried_after_a_refresh_is_one_span_tree(spans: Spans, metrics: Metrics) -> None:
    _retried_after_refresh(_observer(spans, metrics))

    (root,) = spans.named("astravue get_task")
    attempts = spans.named(f"GET {TEMPLATE}")
    (refresh,) = spans.named("astravue token refresh")
    assert len(spans.finished()) == 5
    assert root.kind is SpanKind.INTERNAL and root.parent is None
    assert [span.kind for span in attempts] == [SpanKind.CLIENT] * 3
    root_id = root.context.span_id
    for child in (*attempts, refresh):
        assert child.parent is not None and child.parent.span_id == root_id
        assert child.context.trace_id == root.context.trace_id
    # Ordered in time: the refresh sits between the 401 and its replay.
    first_end, replay_start = attempts[0].end_time, attempts[1].start_time
    assert first_end is not None and refresh.start_time is not None and replay_start is not None
    assert first_end <= refresh.start_time <= replay_start

    assert dict(root.attributes or {}) == {
        "astravue.operation": "get_task",
        "astravue.org_id": 42,
        "astravue.attempts": 3,
        "http.request.method": "GET",
        "url.template": TEMPLATE,
        "server.address": "api.astravue.com",
        "server.port": 443,
        "http.response.status_code": 200,
    }
    assert root.status.status_code is StatusCode.UNSET

    common = {
        "http.request.method": "GET",
        "url.template": TEMPLATE,
        "server.address": "api.astravue.com",
        "server.port": 443,
        "url.full": "https://api.astravue.com/v1/tasks/7",
    }
    assert dict(attempts[0].attributes or {}) == {
        **common,
        "http.response.status_code": 401,
        "error.type": "AuthenticationError",
        "network.protocol.version": "1.1",
    }
    assert dict(attempts[1].attributes or {}) == {
        **common,
        "http.request.resend_count": 1,
        "http.response.status_code": 503,
        "error.type": "InternalServerError",
        "astravue.request_id": "req-2",
    }
    assert dict(attempts[2].attributes or {}) == {
        **common,
        "http.request.resend_count": 2,
        "http.response.status_code": 200,
        "astravue.request_id": "req-3",
        "network.protocol.version": "1.1",
    }
    assert [span.status.status_code for span in attempts] == [
        StatusCode.ERROR,
        StatusCode.ERROR,
        StatusCode.UNSET,
    ]
    assert dict(refresh.attributes or {}) == {
        "astravue.token_refresh.reason": "unauthorized",
        "astravue.token_refresh.outcome": "refreshed",
    }


def test_metrics_of_a_call_retried_after_a_refresh(spans: Spans, metrics: Metrics) -> None:
    _retried_after_refresh(_observer(spans, metrics))
    points = metrics.points()
    base = {
        "http.request.method": "GET",
        "url.template": TEMPLATE,
        "server.address": "api.astravue.com",
        "server.port": 443,
    }
    durations = points["http.client.request.duration"]
    assert sorted((attrs.get("http.response.status_code"), n) for attrs, n in durations) == [
        (200, 1),
        (401, 1),
        (503, 1),
    ]
    assert {"error.type": "InternalServerError", "http.response.status_code": 503, **base} in [
        attrs for attrs, _ in durations
    ]
    assert sorted(points["astravue.client.retries"], key=repr) == sorted(
        [
            ({**base, "error.type": "AuthenticationError"}, 1),
            ({**base, "error.type": "InternalServerError"}, 1),
        ],
        key=repr,
    )
    assert points["astravue.client.token_refreshes"] == [
        (
            {
                "astravue.token_refresh.reason": "unauthorized",
                "astravue.token_refresh.outcome": "refreshed",
            },
            1,
        )
    ]
    assert "astravue.client.rate_limited" not in points


def test_the_duration_histogram_uses_the_semantic_conventions_buckets(
    spans: Spans, metrics: Metrics
) -> None:
    _retried_after_refresh(_observer(spans, metrics))
    data = metrics.reader.get_metrics_data()
    assert data is not None
    (metric,) = [
        m
        for r in data.resource_metrics
        for s in r.scope_metrics
        for m in s.metrics
        if m.name == "http.client.request.duration"
    ]
    assert metric.unit == "s"
    point = metric.data.data_points[0]
    assert tuple(point.explicit_bounds) == (  # type: ignore[union-attr]
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
    )  # fmt: skip


def test_429_answers_are_counted(spans: Spans, metrics: Metrics) -> None:
    call = _start(_observer(spans, metrics))
    attempt = call.start_attempt()
    attempt.end(status=429, error=RateLimitError("slow down", status=429, retry_after=1.0))
    call.retrying(1.0)
    call.start_attempt().end(status=200)
    call.end(status=200)
    (counted,) = metrics.points()["astravue.client.rate_limited"]
    assert counted[1] == 1 and counted[0]["url.template"] == TEMPLATE


def _everything_in_spans(spans: Spans) -> str:
    parts: list[str] = []
    for span in spans.finished():
        parts += [span.name, repr(dict(span.attributes or {})), repr(span.status.description)]
        for event in span.events:
            parts += [event.name, repr(dict(event.attributes or {}))]
        for link in span.links:
            parts.append(repr(dict(link.attributes or {})))
    return "\n".join(parts)


def _everything_in_event(event: AttemptEvent | TokenRefreshEvent) -> str:
    parts = [repr(event)]
    error = event.error
    if error is not None:
        parts += [str(error), repr(error), repr(error.args), repr(vars(error))]
        parts += [repr(value) for value in vars(error).values()]
    return "\n".join(parts)


def test_no_secret_reaches_a_span_a_metric_or_an_event(spans: Spans, metrics: Metrics) -> None:
    events: list[AttemptEvent | TokenRefreshEvent] = []
    observer = _observer(
        spans,
        metrics,
        event_hooks=EventHooks(on_attempt=[events.append], on_token_refresh=[events.append]),
        propagate_trace_context=True,
    )
    _, given, sent = _retried_after_refresh(observer)
    failed = _start(observer)
    failed.start_attempt().end(error=APIConnectionError("connection reset (GET /tasks/7)"))
    # Not an SDK error, so not scrubbed when built: the span's exception event scrubs it.
    failed.end(error=RuntimeError(f"Authorization: Bearer {TOKEN} refresh_token={REFRESH}"))

    assert len(events) == 5
    texts = [_everything_in_spans(spans), repr(metrics.points())]
    texts += [_everything_in_event(event) for event in events]
    for text in texts:
        assert TOKEN not in text and REFRESH not in text
    # Only the trace context was added to what is sent, and the caller's headers are intact.
    for before, after in zip(given, sent, strict=True):
        assert set(after.keys()) - set(before.keys()) == {"traceparent"}
        assert dict(before) == {k: v for k, v in after.items() if k != "traceparent"}
        assert "traceparent" not in before


def test_a_failed_call_records_its_error_without_a_traceback(
    spans: Spans, metrics: Metrics
) -> None:
    call = _start(_observer(spans, metrics))
    error = APIConnectionError("could not connect to the API (GET /tasks/7): OSError")
    call.start_attempt().end(error=error)
    call.end(error=error)
    (root,) = spans.named("astravue get_task")
    (attempt,) = spans.named(f"GET {TEMPLATE}")
    assert root.status.status_code is StatusCode.ERROR
    assert root.status.description == str(error)
    assert (root.attributes or {})["error.type"] == "APIConnectionError"
    (event,) = root.events
    assert event.name == "exception"
    assert dict(event.attributes or {}) == {
        "exception.type": "APIConnectionError",
        "exception.message": str(error),
    }
    assert attempt.status.status_code is StatusCode.ERROR
    assert "http.response.status_code" not in (attempt.attributes or {})
    point = metrics.points()["http.client.request.duration"][0][0]
    assert point["error.type"] == "APIConnectionError"
    assert "http.response.status_code" not in point


def test_the_traceparent_sent_is_the_attempts_span(spans: Spans, metrics: Metrics) -> None:
    observer = _observer(spans, metrics, propagate_trace_context=True)
    call = _start(observer)
    attempt = call.start_attempt()
    headers = attempt.inject({"Accept": "application/json"})
    attempt.end(status=200)
    call.end(status=200)
    (span,) = spans.named(f"GET {TEMPLATE}")
    version, trace_id, span_id, _flags = headers["traceparent"].split("-")
    assert version == "00"
    assert int(trace_id, 16) == span.context.trace_id
    assert int(span_id, 16) == span.context.span_id


def test_trace_context_is_not_sent_unless_asked(spans: Spans, metrics: Metrics) -> None:
    call = _start(_observer(spans, metrics))
    attempt = call.start_attempt()
    headers = {"Accept": "application/json"}
    assert attempt.inject(headers) is headers
    attempt.end(status=200)
    call.end(status=200)


def test_the_call_span_is_a_child_of_the_callers_span(spans: Spans, metrics: Metrics) -> None:
    observer = _observer(spans, metrics)
    tracer = spans.provider.get_tracer("the application")
    with tracer.start_as_current_span("handle request") as outer:
        call = _start(observer)
        call.start_attempt().end(status=200)
        call.end(status=200)
    (root,) = spans.named("astravue get_task")
    assert root.parent is not None and root.parent.span_id == outer.get_span_context().span_id


async def test_a_refresh_in_a_task_started_by_the_call_is_its_child(
    spans: Spans, metrics: Metrics
) -> None:
    observer = _observer(spans, metrics)
    call = _start(observer)

    async def refresh_task() -> None:  # as the token manager's single-flight refresh runs
        observer.start_refresh("proactive").end()

    await asyncio.get_running_loop().create_task(refresh_task())
    call.end(status=200)
    (refresh,) = spans.named("astravue token refresh")
    (root,) = spans.named("astravue get_task")
    assert refresh.parent is not None and refresh.parent.span_id == root.context.span_id


def test_a_failed_refresh_is_an_error_span_and_counted(spans: Spans, metrics: Metrics) -> None:
    observer = _observer(spans, metrics)
    refresh = observer.start_refresh("startup")  # outside any call: a root span
    refresh.end(error=AuthenticationError("invalid_grant", status=400))
    (span,) = spans.named("astravue token refresh")
    assert span.parent is None
    assert span.status.status_code is StatusCode.ERROR
    assert (span.attributes or {})["error.type"] == "AuthenticationError"
    assert metrics.points()["astravue.client.token_refreshes"] == [
        (
            {
                "astravue.token_refresh.reason": "startup",
                "astravue.token_refresh.outcome": "failed",
                "error.type": "AuthenticationError",
            },
            1,
        )
    ]


def test_client_request_paths_are_not_used_as_templates(spans: Spans, metrics: Metrics) -> None:
    observer = _observer(spans, metrics)
    call = observer.start_call(
        "request", "PATCH", None, server_address="127.0.0.1", server_port=8080
    )
    call.start_attempt().end(status=204)
    call.end(status=204)
    (attempt,) = spans.named("PATCH")  # {method} alone when there is no template
    assert "url.template" not in (attempt.attributes or {})
    assert (attempt.attributes or {})["server.port"] == 8080


def test_unknown_methods_are_reported_as_other(spans: Spans, metrics: Metrics) -> None:
    call = _observer(spans, metrics).start_call(
        "request", "PROPFIND", "/x", server_address="h", server_port=443
    )
    call.start_attempt().end(status=207)
    call.end(status=207)
    (attempt,) = spans.named("HTTP /x")  # as the conventions name unknown methods
    assert (attempt.attributes or {})["http.request.method"] == "_OTHER"
    assert (attempt.attributes or {})["http.request.method_original"] == "PROPFIND"


# --------------------------------------------------------------------------- off switches


def test_nothing_configured_builds_no_observer(monkeypatch: pytest.MonkeyPatch) -> None:
    from opentelemetry.metrics._internal import _ProxyMeterProvider

    # The API's stand-ins before the application configures anything.
    monkeypatch.setattr(trace, "get_tracer_provider", trace.ProxyTracerProvider)
    monkeypatch.setattr(otel_metrics, "get_meter_provider", _ProxyMeterProvider)
    assert Observer.build() is None


def test_no_op_providers_build_no_observer() -> None:
    assert (
        Observer.build(
            tracer_provider=trace.NoOpTracerProvider(),
            meter_provider=otel_metrics.NoOpMeterProvider(),
        )
        is None
    )


def test_global_providers_are_used_when_configured(
    monkeypatch: pytest.MonkeyPatch, spans: Spans, metrics: Metrics
) -> None:
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: spans.provider)
    monkeypatch.setattr(otel_metrics, "get_meter_provider", lambda: metrics.provider)
    observer = Observer.build()
    assert observer is not None
    call = _start(observer)
    call.start_attempt().end(status=200)
    call.end(status=200)
    assert len(spans.finished()) == 2
    assert "http.client.request.duration" in metrics.points()


def test_tracing_alone_or_metrics_alone(spans: Spans, metrics: Metrics) -> None:
    tracing = Observer.build(
        tracer_provider=spans.provider, meter_provider=otel_metrics.NoOpMeterProvider()
    )
    measuring = Observer.build(
        tracer_provider=trace.NoOpTracerProvider(), meter_provider=metrics.provider
    )
    for observer in (tracing, measuring):
        assert observer is not None
        call = _start(observer)
        call.start_attempt().end(status=200)
        call.end(status=200)
    assert len(spans.finished()) == 2
    assert len(metrics.points()["http.client.request.duration"]) == 1


@pytest.fixture
def without_opentelemetry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import opentelemetry`` fail, as when the otel extra is not installed."""
    for name in list(sys.modules):
        if name == "opentelemetry" or name.startswith("opentelemetry."):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "opentelemetry", None)
    monkeypatch.delitem(sys.modules, "astravue_async._observability._otel", raising=False)
    import astravue_async._observability as package

    monkeypatch.delattr(package, "_otel", raising=False)


@pytest.mark.usefixtures("without_opentelemetry")
def test_without_opentelemetry_there_is_nothing_to_observe() -> None:
    assert Observer.build() is None
    assert Observer.build(propagate_trace_context=True) is None  # a no-op, as documented


@pytest.mark.usefixtures("without_opentelemetry")
def test_without_opentelemetry_hooks_still_work() -> None:
    events: list[AttemptEvent] = []
    observer = Observer.build(event_hooks=EventHooks(on_attempt=[events.append]))
    assert observer is not None
    call = _start(observer)
    attempt = call.start_attempt()
    headers = {"Accept": "application/json"}
    assert attempt.inject(headers) is headers
    attempt.end(status=200)
    call.end(status=200)
    assert [event.status for event in events] == [200]
    assert "astravue_async._observability._otel" not in sys.modules


@pytest.mark.usefixtures("without_opentelemetry")
def test_without_opentelemetry_a_provider_is_a_clear_error() -> None:
    class Provider:
        def get_tracer(self, *args: object) -> None: ...

    with pytest.raises(ImportError, match=r"astravue-async\[otel\]"):
        Observer.build(tracer_provider=Provider())  # type: ignore[arg-type]
