"""The observer facade: when it exists, what the hooks hear and when, and that nothing it
does can break a call."""

from __future__ import annotations

import asyncio
import contextvars
import logging
from typing import Any

import pytest
from opentelemetry import metrics as otel_metrics
from opentelemetry import trace

from astravue_async._errors import APITimeoutError, InternalServerError, RateLimitError
from astravue_async._observability import (
    AttemptEvent,
    CallObservation,
    EventHooks,
    Observer,
    TokenRefreshEvent,
    current_call,
)

from ._support import Metrics, Spans


class Recorder:
    def __init__(self) -> None:
        self.attempts: list[AttemptEvent] = []
        self.refreshes: list[TokenRefreshEvent] = []

    def hooks(self) -> EventHooks:
        return EventHooks(
            on_attempt=[self.attempts.append], on_token_refresh=[self.refreshes.append]
        )

    def observer(self) -> Observer:
        observer = Observer.build(event_hooks=self.hooks())
        assert observer is not None
        return observer


def _start(observer: Observer, **extra: Any) -> CallObservation:
    return observer.start_call(
        "update_task", "PUT", "/tasks/{taskId}", server_address="h", server_port=443, **extra
    )


# --------------------------------------------------------------------------- build


@pytest.fixture
def unconfigured(monkeypatch: pytest.MonkeyPatch) -> None:
    from opentelemetry.metrics._internal import _ProxyMeterProvider

    monkeypatch.setattr(trace, "get_tracer_provider", trace.ProxyTracerProvider)
    monkeypatch.setattr(otel_metrics, "get_meter_provider", _ProxyMeterProvider)


@pytest.mark.usefixtures("unconfigured")
def test_no_hooks_and_no_telemetry_is_no_observer() -> None:
    assert Observer.build() is None
    assert Observer.build(event_hooks=EventHooks()) is None  # empty lists listen to nothing
    assert Observer.build(event_hooks=EventHooks(on_attempt=[print])) is not None


def test_build_refuses_arguments_of_the_wrong_type() -> None:
    with pytest.raises(TypeError, match="event_hooks must be an EventHooks, not dict"):
        Observer.build(event_hooks={"on_attempt": [print]})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="propagate_trace_context must be a bool, not str"):
        Observer.build(propagate_trace_context="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tracer_provider must be an OpenTelemetry TracerProvider"):
        Observer.build(tracer_provider=object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="meter_provider must be an OpenTelemetry MeterProvider"):
        Observer.build(meter_provider="global")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- attempt events


def test_hooks_learn_each_attempts_fate_when_the_call_decides() -> None:
    recorder = Recorder()
    call = _start(recorder.observer(), org_id=7)
    first = call.start_attempt()
    first.end(status=503, error=InternalServerError("HTTP 503", status=503), request_id="r1")
    assert recorder.attempts == []  # not yet known whether the call retries
    call.retrying(0.25)
    assert [(e.attempt, e.will_retry, e.retry_delay_seconds) for e in recorder.attempts] == [
        (1, True, 0.25)
    ]
    second = call.start_attempt()
    second.end(status=200, request_id="r2")
    call.end(status=200)
    (_, last) = recorder.attempts
    assert last == AttemptEvent(
        operation_id="update_task",
        method="PUT",
        url_template="/tasks/{taskId}",
        org_id=7,
        attempt=2,
        status=200,
        error=None,
        error_type=None,
        duration_seconds=last.duration_seconds,
        will_retry=False,
        retry_delay_seconds=None,
        request_id="r2",
    )
    assert last.duration_seconds >= 0
    assert recorder.attempts[0].error_type == "InternalServerError"
    assert recorder.attempts[0].request_id == "r1"


def test_a_replay_without_a_wait_is_reported_when_it_starts() -> None:
    recorder = Recorder()
    call = _start(recorder.observer())
    call.start_attempt().end(status=401)
    call.start_attempt().end(status=200)  # the 401 replay: no retrying() in between
    assert [(e.attempt, e.will_retry, e.retry_delay_seconds) for e in recorder.attempts] == [
        (1, True, None)
    ]
    assert recorder.attempts[0].error_type == "401"
    call.end(status=200)


def test_the_last_attempt_of_a_failed_call_will_not_be_retried() -> None:
    recorder = Recorder()
    call = _start(recorder.observer())
    error = RateLimitError("slow down", status=429, retry_after=600)
    call.start_attempt().end(status=429, error=error)
    call.end(error=error)
    (event,) = recorder.attempts
    assert (event.will_retry, event.error) == (False, error)


def test_a_status_error_supplies_its_status_and_request_id() -> None:
    recorder = Recorder()
    call = _start(recorder.observer())
    error = InternalServerError("HTTP 502", status=502, headers={"X-Request-Id": "gw-1"})
    call.start_attempt().end(error=error)
    call.end(error=error)
    (event,) = recorder.attempts
    assert (event.status, event.request_id, event.error_type) == (
        502,
        "gw-1",
        "InternalServerError",
    )


def test_a_known_decision_is_reported_at_once() -> None:
    recorder = Recorder()
    call = _start(recorder.observer())
    call.start_attempt().end(status=503, will_retry=True, retry_delay=1.5)
    assert [(e.will_retry, e.retry_delay_seconds) for e in recorder.attempts] == [(True, 1.5)]
    call.retrying(1.5)  # nothing pending: no second event
    call.start_attempt().end(status=200, will_retry=False)
    call.end(status=200)
    assert len(recorder.attempts) == 2


def test_an_attempt_cut_short_by_the_calls_end_is_reported_with_its_error() -> None:
    recorder = Recorder()
    call = _start(recorder.observer())
    call.start_attempt()  # cancelled at the deadline before the transport could end it
    timeout = APITimeoutError("the call did not finish within its timeout of 1 s")
    call.end(error=timeout)
    (event,) = recorder.attempts
    assert (event.attempt, event.error, event.status, event.will_retry) == (1, timeout, None, False)


def test_ending_twice_counts_once() -> None:
    recorder = Recorder()
    call = _start(recorder.observer())
    attempt = call.start_attempt()
    attempt.end(status=200)
    attempt.end(status=500)
    call.end(status=200)
    call.end(status=500)
    assert [e.status for e in recorder.attempts] == [200]


# --------------------------------------------------------------------------- refresh events


def test_refresh_events_say_why_and_how_it_ended() -> None:
    recorder = Recorder()
    observer = recorder.observer()
    call = _start(observer)
    call.start_refresh("unauthorized").end()
    call.start_refresh("proactive").end(adopted=True)
    failure = InternalServerError("HTTP 502", status=502)
    observer.start_refresh("startup").end(error=failure)
    call.end(status=200)
    assert [(e.reason, e.outcome, e.error, e.operation_id) for e in recorder.refreshes] == [
        ("unauthorized", "refreshed", None, "update_task"),
        ("proactive", "adopted", None, "update_task"),
        ("startup", "failed", failure, "update_task"),  # current_call(): still in the call
    ]
    assert recorder.refreshes[2].error_type == "InternalServerError"
    assert all(e.duration_seconds >= 0 for e in recorder.refreshes)


def test_a_refresh_outside_any_call_has_no_operation() -> None:
    recorder = Recorder()
    recorder.observer().start_refresh("startup").end()
    assert recorder.refreshes[0].operation_id is None


def test_an_unknown_refresh_reason_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    recorder = Recorder()
    with caplog.at_level(logging.WARNING, logger="astravue_async"):
        recorder.observer().start_refresh("because").end()  # type: ignore[arg-type]
    assert recorder.refreshes[0].reason == "proactive"
    assert "ValueError" in caplog.records[0].getMessage()


# --------------------------------------------------------------------------- current call


async def test_the_current_call_is_visible_to_tasks_it_starts() -> None:
    observer = Recorder().observer()
    assert current_call() is None
    call = _start(observer)
    assert current_call() is call
    seen = await asyncio.get_running_loop().create_task(asyncio.sleep(0, current_call()))
    assert seen is call
    call.end(status=200)
    assert current_call() is None


def test_ending_a_call_from_another_context_is_harmless() -> None:
    observer = Recorder().observer()
    call = contextvars.copy_context().run(_start, observer)
    call.end(status=200)  # the token belongs to the other context: nothing to restore here
    assert current_call() is None


# --------------------------------------------------------------------------- failures


class _BrokenTracer:
    def start_span(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("exporter down")


class _BrokenProvider:
    def get_tracer(self, *args: object, **kwargs: object) -> _BrokenTracer:
        return _BrokenTracer()


def test_a_broken_tracer_never_breaks_a_call(
    caplog: pytest.LogCaptureFixture, metrics: Metrics
) -> None:
    recorder = Recorder()
    observer = Observer.build(
        event_hooks=recorder.hooks(),
        tracer_provider=_BrokenProvider(),  # type: ignore[arg-type]
        meter_provider=metrics.provider,
    )
    assert observer is not None
    with caplog.at_level(logging.DEBUG, logger="astravue_async"):
        for _ in range(2):
            call = _start(observer)
            call.start_attempt().end(status=200)
            call.start_refresh("proactive").end()
            call.end(status=200)
    assert len(recorder.attempts) == 2 and len(recorder.refreshes) == 2  # hooks unaffected
    assert len(metrics.points()["http.client.request.duration"]) == 1
    warned = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and "RuntimeError" in warned[0].getMessage()


def test_a_span_processor_that_raises_never_breaks_a_call(
    spans: Spans, caplog: pytest.LogCaptureFixture
) -> None:
    from opentelemetry.sdk.trace import SpanProcessor

    class Exploding(SpanProcessor):
        def on_end(self, span: Any) -> None:
            raise OSError("collector unreachable")

    spans.provider.add_span_processor(Exploding())
    observer = Observer.build(tracer_provider=spans.provider, propagate_trace_context=True)
    assert observer is not None
    with caplog.at_level(logging.WARNING, logger="astravue_async"):
        call = _start(observer)
        attempt = call.start_attempt()
        assert "traceparent" in attempt.inject({})
        attempt.end(status=200)
        call.end(status=200)
    assert current_call() is None
